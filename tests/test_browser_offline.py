"""The offline archive opened from disk, clicked through in Chromium; the served site pruned
(fixtures: tests/browser_fixtures.py).

The archive the build wrote (site/download/) is unzipped into a temporary folder and its
index.html opened with a file:// URL, as a student who downloaded it would. Every page reached
must be a page (not a directory listing), styled by Material's stylesheet, with no failed
request, no request off the disk and no script error.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from browser_fixtures import WAIT_MS, Tab
from mcdocgen.publish.archive import ARCHIVE, ARCHIVE_FOLDER, INDEX_PAGE, INDEX_TITLE
from mcdocgen.publish.offline import LUNR_DIR

# JavaScript: what tells a page from a directory listing, and Material's stylesheet from none.
_LANDED = """() => {
  const header = document.querySelector('.md-header');
  const style = header && getComputedStyle(header);
  return {
    url: location.href,
    h1: (document.querySelector('article h1') || {}).textContent || null,
    header: style ? [style.position, style.backgroundColor] : null,
    index_link: !!document.querySelector('a.md-offline-index'),
    search_box: !!document.querySelector('[data-md-component="search"]'),
  };
}"""


class DiskTab:
    """A browser context on file:// pages: records failed requests, any request not on the disk
    and script errors."""

    def __init__(self, browser, width: int = 1280, height: int = 900) -> None:
        self.problems: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("requestfailed", self._failed)
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        self.page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))

    def _failed(self, request) -> None:
        # a load the next navigation cancelled (the favicon of a page left at once) is not a missing file:
        # file:// reports a missing one as ERR_FILE_NOT_FOUND; an aborted one counts only if it is not on the disk
        on_disk = Path(unquote(urlparse(request.url).path)).is_file()
        if not (request.failure == "net::ERR_ABORTED" and request.url.startswith("file://") and on_disk):
            self.problems.append(f"failed: {request.url} ({request.failure})")

    def _route(self, route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.problems.append(f"left the disk: {route.request.url}")
            route.abort()

    def landed(self) -> dict:
        self.page.wait_for_load_state("load")
        facts = self.page.evaluate(_LANDED)
        assert facts["url"].startswith("file://") and facts["url"].endswith(".html"), facts
        assert facts["h1"], f"{facts['url']}: no <h1> in an article (a directory listing?)"
        assert facts["header"] is not None and facts["header"][0] == "sticky", f"{facts['url']}: unstyled header {facts}"
        assert facts["header"][1] not in ("rgba(0, 0, 0, 0)", "transparent"), facts
        assert facts["index_link"] and not facts["search_box"], facts
        assert self.problems == [], f"{facts['url']}: {self.problems}"
        return facts

    def click(self, selector: str) -> dict:
        with self.page.expect_navigation():
            self.page.locator(selector).first.click()
        return self.landed()


@pytest.fixture(scope="module")
def offline_copy(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("offline-copy")
    with zipfile.ZipFile(site / ARCHIVE) as archive:
        archive.extractall(dest)
    return dest / ARCHIVE_FOLDER


@pytest.fixture
def disk_tab(browser) -> Iterator[DiskTab]:
    tab = DiskTab(browser)
    try:
        yield tab
    finally:
        tab.context.close()


def test_the_archive_is_clicked_through_from_disk(disk_tab: DiskTab, offline_copy: Path) -> None:
    page = disk_tab.page
    page.goto((offline_copy / "index.html").as_uri())
    disk_tab.landed()
    topic = disk_tab.click('article a[href^="problems/"][href$="/index.html"]:not([href*="/index.html#"])')
    assert re.search(r"/problems/[^/]+/index\.html$", topic["url"]), topic
    problem = disk_tab.click('article a[href$="/index.html"]:not([href^="../"]):not([href^="#"])')
    assert re.search(r"/problems/[^/]+/[^/]+/index\.html$", problem["url"]), problem
    following = disk_tab.click("a.md-footer__link--next")
    assert following["url"] != problem["url"], following
    index = disk_tab.click("a.md-offline-index")
    assert index["url"].endswith("/" + INDEX_PAGE) and index["h1"].strip() == INDEX_TITLE, index
    listed = page.locator("article li > a, article h2 > a").count()
    pages = sum(1 for p in offline_copy.rglob("*.html") if p.name != INDEX_PAGE)
    assert listed == pages, f"the index lists {listed} of {pages} pages"
    disk_tab.click('article h2 a[href^="problems/"]')


def test_the_index_link_shows_on_a_phone_problem_page(browser, offline_copy: Path) -> None:
    tab = DiskTab(browser, 390, 844)
    try:
        tab.page.goto(min(p for p in (offline_copy / "problems").rglob("*/*/index.html")
                          if "by-operation" not in p.parts).as_uri())
        tab.landed()
        box = tab.page.locator("a.md-offline-index").bounding_box()
        assert box is not None and box["width"] > 0 and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    finally:
        tab.context.close()


def test_the_served_site_ships_no_source_map_and_no_unused_language_file(site: Path) -> None:
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*.map")) == []
    assert not (site / LUNR_DIR).exists(), sorted(p.name for p in (site / LUNR_DIR).rglob("*"))
    for path in [*site.rglob("*.js"), *site.rglob("*.css")]:
        assert b"sourceMappingURL=" not in path.read_bytes()[-400:], path


def test_search_on_the_served_site_requests_no_missing_file(tab: Tab) -> None:
    """Material's search worker loads no language file for an English site: watch it search."""
    requests: list[str] = []
    missing: list[str] = []
    tab.page.on("request", lambda r: requests.append(r.url))
    tab.page.on("response", lambda r: r.status >= 400 and missing.append(f"{r.status} {r.url}"))
    tab.open("")
    tab.page.locator(".md-search__input").press_sequentially("determinant")  # shown in the header at 1280 px
    tab.page.wait_for_selector(".md-search-result__item", timeout=WAIT_MS)
    assert missing == []
    assert [url for url in requests if "/lunr/" in url] == []
    assert any("/workers/search" in url for url in requests), "the search worker was not loaded"


def test_the_home_page_links_the_archive_with_its_size(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    size = (site / ARCHIVE).stat().st_size
    assert f'<a href="{ARCHIVE}" download>' in home
    assert f"</a> ({size / 1e6:.1f} MB)" in home


# JavaScript: whether each tab set's label named by the argument is the checked one.
_CHECKED = """(name) => [...document.querySelectorAll('.tabbed-set')].flatMap(set =>
  [...set.querySelectorAll(':scope > .tabbed-labels > label')].filter(l => l.textContent.trim() === name)
    .map(l => document.getElementById(l.htmlFor).checked))"""


def test_the_layout_choice_carries_across_pages_from_disk(disk_tab: DiskTab, offline_copy: Path) -> None:
    """Material keeps the choice in localStorage under the site's folder: on file:// too."""
    with_tabs = sorted(p for p in (offline_copy / "problems").rglob("*/*/index.html")
                       if ">Denominator</label>" in p.read_text(encoding="utf-8"))
    assert len(with_tabs) >= 2
    page = disk_tab.page
    # both ways, so that a page opening in one layout by default cannot pass for a kept choice
    for chosen, here, there in (("Denominator", 0, 1), ("Numerator", 1, 0)):
        page.goto(with_tabs[here].as_uri())
        disk_tab.landed()
        page.locator(".tabbed-labels > label", has_text=chosen).first.click()
        assert all(page.evaluate(_CHECKED, chosen))
        page.goto(with_tabs[there].as_uri())
        disk_tab.landed()
        page.wait_for_function(f"(name) => {{ const c = ({_CHECKED})(name); return c.length > 0 && c.every(x => x); }}",
                               arg=chosen, timeout=WAIT_MS)
