"""Math rendered at build time, in a real browser (fixtures: tests/browser_fixtures.py): with
JavaScript off the first paint shows typeset math and no TeX; no page asks for a math script;
a problem page is light. How fast a page is final is measured by bench/bench_site.py (timing is
never asserted in a test).

Each measurement uses a fresh browser context (an empty cache), as a first visit does. The
figures are printed (``pytest -s``) for the issue's notes.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

from browser_fixtures import MATH_DONE, WAIT_MS, RENDER_ALL, Tab, page_path
from browser_support import REPO, record_responses

ARTIFACTS = REPO / "tests" / "artifacts"
RAW_TEX = ("\\(", "\\)", "\\[", "\\frac", "\\mathbf", "$$")
# ex5-least-squares, everything a first visit downloads (issue 14), as a web server sends it:
# text gzip-compressed (GitHub Pages and any ordinary server do; python's http.server does not)
MAX_PAGE_BYTES = 300_000
_MATH_SCRIPT = re.compile(r"math|katex|tex-|typeset", re.I)


def test_without_javascript_the_first_paint_shows_math_and_no_tex(browser, base_url: str, site: Path) -> None:
    tab = Tab(browser, base_url, 1280, 900, javascript=False)
    try:
        tab.open(page_path(site, "neuron-loss"))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        tab.page.screenshot(path=str(ARTIFACTS / "neuron-loss-no-javascript.png"))  # the first screen, as painted
        text = tab.page.inner_text("article")
        facts = tab.page.evaluate(
            "() => ({formulas: document.querySelectorAll('.arithmatex').length,"
            " mathml: [...document.querySelectorAll('.arithmatex')].filter(el => el.querySelector('math')).length,"
            " shown: [...document.querySelectorAll('.math-text')].filter(el => el.offsetParent !== null).length})"
        )
    finally:
        tab.context.close()
    assert tab.external == [], f"requests left 127.0.0.1: {tab.external}"
    assert [tex for tex in RAW_TEX if tex in text] == [], "raw TeX on the page without JavaScript"
    assert facts["formulas"] >= 100 and facts["mathml"] == facts["formulas"], facts
    assert facts["shown"] == 0, "the readable search text of a formula is visible"


def _visit(browser, base_url: str, path: str) -> tuple[Tab, list[tuple[str, str, int, int]]]:
    """Open ``path`` in a fresh context (a first visit); every response it got."""
    tab = Tab(browser, base_url, 1280, 900)
    responses = record_responses(tab.context)
    tab.page.goto(urljoin(base_url, path), wait_until="load")
    tab.page.wait_for_function(f"() => {MATH_DONE}", timeout=WAIT_MS)
    tab.page.wait_for_load_state("networkidle")
    return tab, responses


def test_no_page_requests_a_math_script(browser, base_url: str, site: Path) -> None:
    for page_id in ("neuron-loss", "ex5-least-squares"):
        tab, responses = _visit(browser, base_url, page_path(site, page_id))
        tab.context.close()
        assert tab.external == []
        scripts = [url for url, kind, *_ in responses if kind == "script" or url.endswith(".js")]
        assert scripts, "Material's own scripts were not seen: the recording is broken"
        assert [url for url in scripts if _MATH_SCRIPT.search(url.rsplit("/", 1)[-1])] == [], scripts


def test_a_problem_page_weighs_under_300_kb(browser, base_url: str, site: Path) -> None:
    tab, responses = _visit(browser, base_url, page_path(site, "ex5-least-squares"))
    tab.context.close()
    raw, sent = sum(r[2] for r in responses), sum(r[3] for r in responses)
    biggest = ", ".join(f"{url.rsplit('/', 1)[-1] or url} {size}/{gz}" for url, _, size, gz in sorted(responses, key=lambda r: -r[2])[:8])
    print(f"\nex5-least-squares: {len(responses)} requests, {raw} bytes ({sent} compressed); largest (raw/compressed): {biggest}")
    assert sent < MAX_PAGE_BYTES, f"{sent} bytes compressed ({raw} raw) in {len(responses)} requests: {biggest}"


def test_the_search_index_and_worker_load_only_when_the_reader_opens_search(browser, base_url: str, site: Path) -> None:
    """The index is the largest file of the site: a page that is only read never fetches it
    (templates/theme/partials/search-on-use.html); opening the box fetches it, and search works."""
    tab, responses = _visit(browser, base_url, page_path(site, "ex5-least-squares"))
    try:
        searched = [url for url, *_ in responses if "search_index" in url or "/workers/search" in url]
        assert searched == [], f"fetched before search was opened: {searched}"
        tab.page.keyboard.press("s")  # Material's shortcut opens the box
        tab.page.locator("input.md-search__input").press_sequentially("determinant", delay=20)
        tab.page.wait_for_selector(".md-search-result__item", timeout=WAIT_MS)
        searched = [url.rsplit("/", 1)[-1] for url, *_ in responses if "search_index" in url or "/workers/search" in url]
        assert "search_index.json" in searched and any(name.startswith("search.") for name in searched), searched
        assert tab.errors == []
    finally:
        tab.context.close()


def test_a_search_result_opened_highlights_its_terms(browser, base_url: str, site: Path) -> None:
    """A result opens its page with ?h=TERMS (search.highlight), which needs the search loaded at
    once: with search on use it was not, and nothing was highlighted (review)."""
    tab, _ = _visit(browser, base_url, page_path(site, "hessian-logistic") + "?h=hessian")
    try:
        tab.page.wait_for_selector("article mark", timeout=WAIT_MS)
        assert tab.page.locator("article mark").count() > 0 and tab.errors == []
    finally:
        tab.context.close()


# JavaScript: the math font the page preloads, and the one its formulas use (every part laid out),
# as file names (STIXTwoMath.woff2); a preloaded font counts as used only once text needs it.
_FONTS = """async () => {
  document.body.offsetHeight;
  await document.fonts.ready;
  return {
    preloaded: [...document.querySelectorAll('link[rel=preload][as=font]')].map(l => l.href.split('/').pop()).sort(),
    used: [...document.fonts].filter(f => f.family.includes('STIX Two Math') && f.status === 'loaded')
      .map(f => f.family.replace(/["\\s]/g, '') + '.woff2').sort(),
  };
}"""


def test_a_page_preloads_exactly_the_math_font_its_formulas_use(tab: Tab, site: Path) -> None:
    """The fonts arrive with the CSS instead of after a first layout (publish/mathml.fonts_used)."""
    for path in ("", "notation/", "identities/", *(page_path(site, p) for p in ("neuron-loss", "ex5-least-squares", "ex1-abs"))):
        tab.open(path)
        tab.page.add_style_tag(content=RENDER_ALL)
        fonts = tab.page.evaluate(_FONTS)
        assert fonts["preloaded"] == fonts["used"], path or "home"


def test_screen_readers_get_each_formula_once_as_math(tab: Tab, site: Path) -> None:
    """The MathML is in the accessibility tree (an inline formula as one math element, or several
    where it may break: mathml.js); the readable search text is not (the finished page keeps it only
    in a table's header cell, hidden, for a11y.js's column names)."""
    tab.open(page_path(site, "ex5-least-squares"))
    assert tab.wait_for_math() == []
    paragraph = tab.page.locator("article p:has(.arithmatex)").first
    formulas = paragraph.locator(".arithmatex").count()
    maths = paragraph.locator(".arithmatex math").count()
    snapshot = paragraph.aria_snapshot()
    assert formulas and snapshot.count("- math") == maths >= formulas, snapshot
    assert tab.page.locator("article .math-text").count() == 0
    tab.open("notation/")
    twin = max(tab.page.locator("article th .math-text").all_text_contents(), key=len)  # "(n, 1)"; not a letter alone
    snapshot = tab.page.locator("article thead:has(.math-text)").first.aria_snapshot()
    assert len(twin) > 3 and twin not in snapshot and "math" in snapshot, snapshot


def test_search_previews_show_readable_math_and_no_tex(tab: Tab) -> None:
    tab.open("")
    search = tab.page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("transpose", delay=20)
    tab.page.wait_for_selector(".md-search-result__item", timeout=WAIT_MS)
    tab.page.wait_for_timeout(300)  # the result list fills in as the worker answers
    previews = tab.page.locator(".md-search-result").inner_text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(ARTIFACTS / "search-transpose.png"))
    assert [tex for tex in RAW_TEX if tex in previews] == [], previews[:500]
    assert "^T" in previews and "transpose" in previews, previews[:500]
