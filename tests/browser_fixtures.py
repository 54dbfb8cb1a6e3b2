"""The browser tests' shared fixtures: the real site built once per test session, served on
127.0.0.1, one Chromium for every test module (tests/conftest.py registers them).

``site`` builds the real catalog (``python -m mcdocgen build derivations.yaml --root``) into a
temporary copy of the project; with ``MCDOCGEN_BROWSER_FAKE_SITE=1`` it builds the small fake
pages of tests/browser_support.py instead. Without Chromium or Playwright the tests that use
these are skipped, or fail when ``CI=true``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from browser_support import REPO, fake_pages, launched, make_root, require_chromium, serve
from mcdocgen.publish.site import build_site

# How long a test waits for what must happen (math drawn, a tab switched, results shown): a wait ends
# as soon as it happens, so only a failing test waits this long; 5 to 10 s was little for Chromium
# sharing two loaded cores with the rest of the suite. Playwright's own default for actions.
WAIT_MS = 30_000
# How long a search is given to show what is wanted before the test reads what it shows instead.
SEARCH_TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def chromium() -> str:
    """Checked first, so that a machine without a browser skips before building anything."""
    return require_chromium()


@pytest.fixture(scope="session")
def site(chromium: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_root(tmp_path_factory.mktemp("site-root"))
    if os.environ.get("MCDOCGEN_BROWSER_FAKE_SITE") == "1":
        build_site(root, fake_pages())
    else:
        command = [sys.executable, "-m", "mcdocgen", "build", str(REPO / "derivations.yaml"), "--root", str(root)]
        proc = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=900)
        assert proc.returncode == 0, f"{' '.join(command)} exited {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
    return root / "site"


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium: str):
    with launched(chromium) as browser:
        yield browser


class Tab:
    """One browser context (fresh storage) and page; records requests that would leave the site."""

    def __init__(self, browser, base_url: str, width: int, height: int, javascript: bool = True) -> None:
        self.base_url = base_url
        self.origin = urlsplit(base_url).netloc
        self.external: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=javascript)
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(f"console: {msg.text}"))
        self.page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))

    def _route(self, route) -> None:
        url = route.request.url
        if urlsplit(url).netloc == self.origin and url.startswith("http://"):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def open(self, path: str) -> None:
        self.errors.clear()
        self.page.goto(urljoin(self.base_url, path), wait_until="domcontentloaded")

    def wait_for_math(self) -> list[str]:
        """Wait until the page's math is drawn; return what went wrong.

        Formulas are MathML from the build (no script typesets them), so the math is done when
        every .arithmatex holds a <math> element and, on a page with math, the math font has loaded
        (before that the glyphs are invisible: the math stylesheet uses font-display: block).
        """
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        try:
            self.page.wait_for_function(f"() => {MATH_DONE}", timeout=WAIT_MS)
        except PlaywrightTimeout:
            bare = self.page.evaluate(f"() => ({MATH_BARE}).length")
            if bare:
                return [f"{bare} formulas hold no MathML (raw TeX on the page)"]
            return [f"no math font loaded in {WAIT_MS} ms: the math is blank"]
        return []


#: CSS a test adds before it measures layout: the parts of a derivation away from the screen are
#: then laid out too (docs/stylesheets/extra.css skips them until the reader scrolls near them).
RENDER_ALL = ".mcd-solution * { content-visibility: visible !important; }"
#: JavaScript: the .arithmatex elements that hold no MathML.
MATH_BARE = "[...document.querySelectorAll('.arithmatex')].filter(el => !el.querySelector('math'))"
#: JavaScript: true once every formula is MathML and, if there is math, the math font loaded.
MATH_DONE = (
    f"({MATH_BARE}).length === 0 && document.fonts.status === 'loaded' && "
    "(!document.querySelector('.arithmatex math') || "
    "[...document.fonts].some(f => f.family.includes('STIX Two Math') && f.status === 'loaded'))"
)


@pytest.fixture
def tab(browser, base_url: str) -> Iterator[Tab]:
    tab = Tab(browser, base_url, 1280, 900)
    try:
        yield tab
    finally:
        tab.context.close()
    assert tab.external == [], f"requests left 127.0.0.1: {tab.external}"


def problem_pages(site: Path) -> list[str]:
    """URL paths of every built page under problems/ (topic indexes included), the index by
    operation's first page but not its lists (problems/by-operation/<operation>/: no problem's)."""
    paths = [p.relative_to(site).parent.as_posix() + "/" for p in sorted((site / "problems").rglob("index.html"))]
    paths = [p for p in paths if not p.startswith("problems/by-operation/") or p == "problems/by-operation/"]
    assert paths, f"no pages under {site / 'problems'}"
    return paths


def page_path(site: Path, page_id: str) -> str:
    matches = [p for p in problem_pages(site) if p.rstrip("/").rsplit("/", 1)[-1] == page_id]
    assert matches, f"no problem page with id {page_id!r}"
    return matches[0]
