"""The built site in a real browser: math, linked layout tabs, search, phone width (fixtures: tests/browser_fixtures.py).

Builds the real site for the real catalog (``python -m mcdocgen build derivations.yaml --root``)
into a temporary copy of the project, serves it with ``python -m http.server`` on 127.0.0.1 and
drives Debian's Chromium with Playwright. Without Chromium or Playwright the tests are skipped,
or fail when ``CI=true``. Set ``MCDOCGEN_BROWSER_FAKE_SITE=1`` to test the site machinery on
small fake pages (tests/browser_support.py) instead of the catalog.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser_fixtures import MATH_DONE, SEARCH_TIMEOUT_MS, WAIT_MS, Tab, page_path, problem_pages
from browser_support import REPO

ARTIFACTS = REPO / "tests" / "artifacts"

# query -> page id expected among the first results (None: any page tagged with the query)
SEARCHES = {
    "determinant": "determinant",
    "quadratic": "quadratic-form",
    "relu": "ex2-relu",
    "chain rule": None,
    "least squares": "ex5-least-squares",
}
TOP_RESULTS = 5


# JavaScript: elements of the article that stick out of the viewport without a scrolling box
# (inside the article) that keeps them in.
_OVERFLOWING = """() => {
  const width = window.innerWidth, bad = [];
  const fits = el => el.getBoundingClientRect().right <= width + 1;
  for (const el of document.querySelectorAll('.md-content article *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1) continue;
    let parent = el.parentElement, held = false;
    while (parent && parent.tagName !== 'ARTICLE' && !held) {
      held = getComputedStyle(parent).overflowX !== 'visible' && fits(parent);
      parent = parent.parentElement;
    }
    if (!held) bad.push(el.tagName.toLowerCase() + (el.className ? '.' + el.className : ''));
  }
  return bad.slice(0, 5);
}"""

# JavaScript: what the tests check on a rendered page, in one round trip.
_PAGE_FACTS = f"""() => ({{
  spans: document.querySelectorAll('.arithmatex').length,
  typeset: [...document.querySelectorAll('.arithmatex')].filter(el => el.querySelector('math')).length,
  errors: document.querySelectorAll('.arithmatex merror').length,
  scrollWidth: document.documentElement.scrollWidth,
  innerWidth: window.innerWidth,
  overflowing: ({_OVERFLOWING})(),
}})"""


def _page_problems(tab: Tab) -> list[str]:
    """Everything wrong with the page open in ``tab`` (call after wait_for_math)."""
    facts = tab.page.evaluate(_PAGE_FACTS)
    problems = list(tab.errors)
    if facts["typeset"] != facts["spans"]:
        problems.append(f"{facts['typeset']} of {facts['spans']} formulas rendered")
    if facts["errors"]:
        problems.append(f"{facts['errors']} merror (TeX that Temml could not render)")
    if facts["scrollWidth"] > facts["innerWidth"]:
        problems.append(f"the page is {facts['scrollWidth']}px wide in a {facts['innerWidth']}px window")
    if facts["overflowing"]:
        problems.append(f"wider than the window, with no scroll box: {facts['overflowing']}")
    return problems


def test_every_problem_page_typesets_its_math(browser, base_url: str, site: Path) -> None:
    """At phone width: no console error, no math error, every formula rendered, nothing too wide."""
    tab = Tab(browser, base_url, 390, 844)
    failures: list[str] = []
    timeouts = 0
    try:
        for path in problem_pages(site):
            if timeouts == 3:  # each costs a timeout: the rest would fail the same way
                failures.append("(stopped after 3 pages whose math did not render)")
                break
            tab.open(path)
            waited = tab.wait_for_math()
            timeouts += bool(waited)
            failures.extend(f"{path}: {problem}" for problem in waited + _page_problems(tab))
    finally:
        tab.context.close()
    assert tab.external == [], f"requests left 127.0.0.1: {tab.external}"
    assert not failures, "\n".join(failures)


_TAB_CHECKED = """(name) => {
  const sets = [...document.querySelectorAll('.tabbed-set')];
  const picked = sets.map(set => {
    const labels = [...set.querySelectorAll(':scope > .tabbed-labels > label')];
    const label = labels.find(l => l.textContent.trim() === name);
    return label ? document.getElementById(label.htmlFor).checked : null;
  }).filter(x => x !== null);
  return picked;
}"""


def test_denominator_choice_carries_to_the_next_problem_page(tab: Tab, site: Path) -> None:
    """Pick Denominator on one problem page, follow the footer's "Next" link: still Denominator."""
    with_tabs = [
        path
        for path in problem_pages(site)
        if ">Denominator</label>" in (site / path / "index.html").read_text(encoding="utf-8")
    ]
    assert len(with_tabs) >= 2, "fewer than two problem pages with Numerator/Denominator tabs"

    tab.open(with_tabs[0])
    assert tab.wait_for_math() == []
    assert tab.page.evaluate(_TAB_CHECKED, "Numerator")[0] is True, "Numerator is not the default tab"
    tab.page.locator(".tabbed-labels > label", has_text="Denominator").first.click()
    assert all(tab.page.evaluate(_TAB_CHECKED, "Denominator")), "clicking Denominator did not select it"

    visited = [with_tabs[0]]
    for _ in range(len(problem_pages(site))):  # the next page in reading order that has tabs
        tab.page.locator("a.md-footer__link--next").click()
        tab.page.wait_for_load_state("domcontentloaded")
        path = urlsplit(tab.page.url).path.lstrip("/")
        visited.append(path)
        if path in with_tabs:
            break
    else:
        pytest.fail(f"no next problem page with tabs after {visited}")
    assert path.startswith("problems/"), visited
    assert tab.wait_for_math() == []
    tab.page.wait_for_function(
        f"() => {{ const c = ({_TAB_CHECKED})('Denominator'); return c.length > 0 && c.every(x => x); }}",
        timeout=WAIT_MS,
    )
    assert tab.errors == []


@pytest.fixture(scope="module")
def search_tab(browser, base_url: str) -> Iterator[Tab]:
    """One page for all searches: the home page, its search box cleared between queries."""
    tab = Tab(browser, base_url, 1280, 900)
    tab.open("")
    tab.page.wait_for_function(f"() => {MATH_DONE}", timeout=WAIT_MS)
    try:
        yield tab
    finally:
        tab.context.close()
    assert tab.external == [], f"requests left 127.0.0.1: {tab.external}"


_RESULT_LINKS = (
    "() => [...document.querySelectorAll('.md-search-result__item > a.md-search-result__link')]"
    ".map(a => new URL(a.href).pathname)"
)


def _search(tab: Tab, query: str, wanted: set[str], top: int = TOP_RESULTS) -> list[str]:
    """Type ``query`` into Material's search box (key by key: Material ignores fill()); return
    the result links (page paths) once one of ``wanted`` is among the first ``top``, or after a
    timeout."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    search = tab.page.locator("input.md-search__input")
    search.click()
    search.fill("")
    search.press("Backspace")  # Material clears the results on a key event
    tab.page.wait_for_function(f"() => ({_RESULT_LINKS})().length === 0", timeout=SEARCH_TIMEOUT_MS)
    tab.errors.clear()
    search.press_sequentially(query, delay=20)
    wanted_js = json.dumps(sorted(wanted))
    with contextlib.suppress(PlaywrightTimeout):  # the caller's assertion shows what was found instead
        tab.page.wait_for_function(
            f"() => ({_RESULT_LINKS})().slice(0, {top}).some(p => {wanted_js}.includes(p))",
            timeout=SEARCH_TIMEOUT_MS,
        )
    return tab.page.evaluate(_RESULT_LINKS)


def _search_index(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.mark.parametrize("query", list(SEARCHES))
def test_search_finds_the_page(search_tab: Tab, site: Path, query: str) -> None:
    page_id = SEARCHES[query]
    if page_id is not None:
        wanted = {"/" + page_path(site, page_id)}
    else:
        wanted = {
            "/" + doc["location"]
            for doc in _search_index(site)
            if "#" not in doc["location"] and query in doc.get("tags", [])
        }
        assert wanted, f"no page is tagged {query!r}"
    links = _search(search_tab, query, wanted)
    assert set(links[:TOP_RESULTS]) & wanted, f"searching {query!r}: wanted one of {sorted(wanted)}, got {links}"
    assert search_tab.errors == []


# an inline formula is a span of <math> elements (mcdocgen/publish/math_hook.py; outside a table's
# header no readable twin after them): the text after it
_AFTER_MATH = re.compile(r'<span class="arithmatex">(?:<math\b.*?</math>)+(?:<span class="math-text" hidden>[^<]*</span>)?</span>([^<]*)', re.S)
_WORD = re.compile(r"[A-Za-z]{4,}")
_STOP = {"about", "also", "been", "could", "does", "each", "from", "have", "here", "into", "just", "more", "most", "must", "only", "over", "same", "should", "some", "such", "than", "that", "their", "them", "then", "there", "these", "they", "this", "those", "very", "what", "when", "where", "which", "will", "with", "would", "your"}


def _word_after_math(site: Path) -> tuple[str, str]:
    """A word in the text right after inline math on some problem page, rarest first.

    Taken from the text between an arithmatex span and the next tag, in paragraphs and list
    items. A word glued to the formula (``$f(x)$-wise``) is preferred, since only a TeX-aware
    search separator splits it off; stop words, which the search drops, are skipped.
    """
    prose: dict[str, str] = {}
    for path in problem_pages(site):
        html = (site / path / "index.html").read_text(encoding="utf-8")
        article = html[html.find("<article") : html.find("</article>")]
        prose[path] = "<br>".join(re.findall(r"<(?:p|li)\b[^>]*>(.*?)</(?:p|li)>", article, re.S))
    # the text the search holds for each page: a word of a block it leaves out (data-search-exclude:
    # the by-operation page's lists of titles) is no word the search can find there
    indexed: dict[str, str] = {}
    for doc in _search_index(site):
        page = doc["location"].split("#")[0]
        indexed[page] = indexed.get(page, "") + " " + unescape(re.sub(r"<[^>]+>", " ", doc["text"])).lower()
    candidates: list[tuple[int, int, str, str]] = []
    for path, html in prose.items():
        for match in _AFTER_MATH.finditer(html):
            after = unescape(match.group(1))
            word = next((w.lower() for w in _WORD.findall(after) if w.lower() not in _STOP), None)
            if word is None or not re.search(rf"\b{word}\b", indexed.get(path, "")):
                continue
            glued = after[:1].isalpha()
            # rarity as the search sees it: a word in a note outside the prose is found on those pages too
            spread = sum(1 for text in indexed.values() if re.search(rf"\b{word}\b", text))
            candidates.append((0 if glued else 1, spread, word, path))
    assert candidates, "no word follows inline math in any paragraph of a problem page"
    _, _, word, path = min(candidates)
    return word, path


def test_search_finds_a_word_next_to_inline_math(search_tab: Tab, site: Path) -> None:
    """The index holds inline math as readable text: the words around it must stay findable.

    The word may be on several pages; the one it was taken from must be among the results shown.
    """
    word, path = _word_after_math(site)
    links = _search(search_tab, word, {"/" + path}, top=100)
    assert "/" + path in links, f"searching {word!r} (after math on {path}): got {links}"


def test_problem_page_screenshots_and_phone_width(browser, base_url: str, site: Path) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pages = problem_pages(site)
    path = next((p for p in pages if p.rstrip("/").endswith("/ex5-least-squares")), pages[-1])
    for width, height in ((1280, 900), (390, 844)):
        tab = Tab(browser, base_url, width, height)
        try:
            tab.open(path)
            assert tab.wait_for_math() == [], path
            tab.page.screenshot(path=str(ARTIFACTS / f"problem-{width}.png"), full_page=True)
            scroll_width, inner_width = tab.page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )
            assert scroll_width <= inner_width, f"{path} at {width}px: the page is {scroll_width}px wide"
            assert _page_problems(tab) == [], f"{path} at {width}px"
        finally:
            tab.context.close()
        assert tab.external == [], f"requests left 127.0.0.1: {tab.external}"
