"""A problem page's tools in a real browser (fixtures: tests/browser_fixtures.py): the page opens in
its source's layout unless the reader picked one, "How this was checked" is collapsed and its script
left out of search, exercise mode hides and shows the solutions (keyboard, remembered, nothing
without JavaScript), and "Copy LaTeX" copies the render stage's TeX of a result."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from browser_fixtures import WAIT_MS, Tab, page_path, problem_pages
from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.language import Layout
from browser_support import REPO

# JavaScript: for each tab set of the page, the label of its checked tab.
_CHECKED_TABS = """() => [...document.querySelectorAll('.tabbed-set')].map(set => {
  const input = set.querySelector(':scope > input:checked');
  const label = input && set.querySelector(`:scope > .tabbed-labels > label[for="${input.id}"]`);
  return label ? label.textContent.trim() : null;
})"""


def _open(tab: Tab, site: Path, page_id: str) -> None:
    tab.open(page_path(site, page_id))
    tab.page.wait_for_load_state("load")


def _checked(tab: Tab) -> list[str]:
    return tab.page.evaluate(_CHECKED_TABS)


def _layouts() -> dict[str, Layout | None]:
    return {p.id: p.layout for p in load_catalog(REPO / "derivations.yaml").problems}


# ---------------------------------------------------------------- the source's layout


def test_every_tab_set_holds_both_layouts(site: Path) -> None:
    """Raw HTML inside a tab splits the set in two inside an md_in_html block, and inside a
    collapsed block loses its end tag: each set must keep its two layouts, every <div> its end, and
    a page whose source names a layout says so."""
    layouts = _layouts()
    for path in problem_pages(site):
        page_id = path.rstrip("/").rsplit("/", 1)[-1]
        if page_id not in layouts:
            continue  # a topic's index
        html = (site / path / "index.html").read_text(encoding="utf-8")
        article = html[html.index("<article"):html.index("</article>")]
        assert len(re.findall(r"<div\b", article)) == article.count("</div>"), f"{path}: unbalanced <div>s"
        for labels in re.findall(r'<div class="tabbed-labels">(.*?)</div>', html):
            names = re.findall(r"<label[^>]*>([^<]*)</label>", labels)
            assert len(names) == 2, f"{path}: a tab set with {names}"
        source = layouts[page_id]
        if source is not None and "tabbed-set" in html:
            stated = f"The source uses the <strong>{source.value} layout</strong>"
            assert stated in html, f"{path} does not state its source's layout"


def test_a_page_opens_in_its_sources_layout(tab: Tab, site: Path) -> None:
    _open(tab, site, "linear-map")            # IT5005: denominator
    assert set(_checked(tab)) == {"Denominator"}
    _open(tab, site, "ex5-least-squares")     # CS 316: numerator
    assert set(_checked(tab)) == {"Numerator"}
    assert tab.errors == []


@pytest.mark.parametrize(("first", "pick", "then"), [
    ("linear-map", "Numerator", "quadratic-form"),          # both denominator sources
    ("ex5-least-squares", "Denominator", "ex4-dot-square"),  # both numerator sources
])
def test_a_picked_layout_wins_over_the_sources(tab: Tab, site: Path, first: str, pick: str, then: str) -> None:
    """Material's linked tabs store the reader's pick and restore it on the next page, whatever
    that page's source uses."""
    _open(tab, site, first)
    tab.page.locator(".tabbed-labels > label", has_text=pick).first.click()
    assert set(_checked(tab)) == {pick}
    _open(tab, site, then)
    tab.page.wait_for_function(f"() => ({_CHECKED_TABS})().every(name => name === {json.dumps(pick)})",
                               timeout=WAIT_MS)
    assert tab.errors == []


# ---------------------------------------------------------------- how it was checked


def test_the_checks_are_collapsed_and_their_script_is_not_searched(tab: Tab, site: Path) -> None:
    _open(tab, site, "ex5-least-squares")
    details = tab.page.locator(".mcd-solution details",
                               has=tab.page.locator("summary", has_text="How this was checked"))
    assert details.count() == 1
    assert details.first.get_attribute("open") is None
    assert not tab.page.locator("details table").first.is_visible()
    assert not tab.page.locator("details pre").first.is_visible()
    details.first.locator("summary").click()
    assert tab.page.locator("details pre").first.is_visible()

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    problem_docs = [d for d in index if d["location"].startswith("problems/")]
    assert problem_docs
    leaked = sorted({d["location"].split("#")[0] for d in problem_docs if "default_rng" in d["text"]})
    assert leaked == [], f"the NumPy script is in the search index of {leaked}"
    assert any("How this was checked" in d["title"] or "numeric" in d["text"] for d in problem_docs)


# ---------------------------------------------------------------- exercise mode

_TOGGLE = "Try it first: hide the solutions"


def _solutions_visible(tab: Tab) -> list[bool]:
    return [s.is_visible() for s in tab.page.locator(".mcd-solution").all()]


def test_exercise_mode_with_the_keyboard_and_remembered(tab: Tab, site: Path) -> None:
    _open(tab, site, "neuron-loss")            # two derivations: w and b
    assert _solutions_visible(tab) == [True, True]
    toggle = tab.page.get_by_role("button", name=_TOGGLE, exact=True)
    assert toggle.get_attribute("aria-pressed") == "false"
    # near the top: before the first derivation's heading
    assert tab.page.evaluate("() => { const t = document.querySelector('.mcd-exercise'); "
                             "return t.nextElementSibling.tagName + ' ' + "
                             "(t.compareDocumentPosition(document.querySelector('.mcd-solution')) & 4); }") == "H2 4"
    summary = tab.page.locator(".mcd-summary")
    assert summary.is_visible()
    toggle.focus()
    tab.page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "true"
    assert _solutions_visible(tab) == [False, False]
    assert not summary.is_visible()     # it may state the answer: hidden while every solution is
    shows = tab.page.get_by_role("button", name="Show the solution", exact=True)
    assert shows.count() == 2
    shows.first.focus()
    tab.page.keyboard.press("Space")
    assert _solutions_visible(tab) == [True, False]
    assert summary.is_visible()
    assert tab.page.get_by_role("button", name="Hide the solution", exact=True).get_attribute("aria-expanded") == "true"

    _open(tab, site, "ex5-least-squares")      # remembered on the next page
    assert _solutions_visible(tab) == [False]
    tab.page.get_by_role("button", name=_TOGGLE, exact=True).click()
    assert _solutions_visible(tab) == [True]
    assert not tab.page.get_by_role("button", name="Show the solution", exact=True).is_visible()
    _open(tab, site, "ex4-dot-square")         # and off again
    assert _solutions_visible(tab) == [True]
    assert tab.errors == []


def test_a_link_into_a_hidden_solution_opens_it(tab: Tab, site: Path) -> None:
    _open(tab, site, "ex5-least-squares")
    tab.page.get_by_role("button", name=_TOGGLE, exact=True).click()
    assert _solutions_visible(tab) == [False]
    heading = tab.page.locator(".mcd-solution h3[id]").first.get_attribute("id")
    tab.page.evaluate(f"() => {{ window.location.hash = {json.dumps(heading)}; }}")
    tab.page.wait_for_function("() => !document.querySelector('.mcd-solution').hidden", timeout=WAIT_MS)


def test_without_javascript_the_page_shows_everything(browser, base_url: str, site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(base_url + page_path(site, "neuron-loss"))
        assert page.locator(".mcd-solution").count() == 2
        assert all(s.is_visible() for s in page.locator(".mcd-solution").all())
        assert page.locator("button.mcd-reveal, button.mcd-copy, .mcd-exercise").count() == 0
    finally:
        context.close()


# ---------------------------------------------------------------- copy LaTeX


def test_copy_latex_copies_the_results_tex(tab: Tab, site: Path, base_url: str) -> None:
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    problem = load_catalog(REPO / "derivations.yaml").problem("ex5-least-squares")
    view = run_problem(problem).view.results[0]
    wanted = {lay.layout.value: f"{lay.chain.lhs} = {lay.result.latex}" for lay in view.layouts}

    _open(tab, site, "ex5-least-squares")
    assert tab.page.locator("button.mcd-copy").count() == 2   # a result in each layout
    buttons = tab.page.get_by_role("button", name="Copy LaTeX")     # the open tab's (the other is hidden)
    assert {unquote(r.get_attribute("data-tex")) for r in tab.page.locator(".mcd-result").all()} == set(wanted.values())
    button = next(b for b in buttons.all() if b.is_visible())   # the open tab's: Numerator
    assert button.evaluate("b => b.tagName") == "BUTTON"
    button.focus()
    tab.page.keyboard.press("Enter")
    tab.page.wait_for_function("() => [...document.querySelectorAll('.mcd-copy')].some(b => b.textContent === 'Copied')",
                               timeout=WAIT_MS)
    assert tab.page.evaluate("() => navigator.clipboard.readText()") == wanted["numerator"]
    assert tab.page.locator(".mcd-copy__status[role=status]", has_text="LaTeX copied").count() == 1
    assert tab.errors == []


# JavaScript: where the target of the page's #fragment is, against the window's height.
_TARGET_TOP = """() => {
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  return {top: target.getBoundingClientRect().top, height: window.innerHeight};
}"""


def _lands(tab: Tab) -> None:
    tab.page.wait_for_timeout(300)   # any scroll the browser itself still does
    where = tab.page.evaluate(_TARGET_TOP)
    assert 0 <= where["top"] < where["height"] / 3, where


@pytest.mark.parametrize("exercise", [False, True], ids=["reading", "exercise mode"])
def test_a_jump_to_an_anchor_lands_on_it_though_parts_are_laid_out_late(tab: Tab, site: Path, exercise: bool) -> None:
    """content-visibility lays out the parts of a derivation only near the screen, so the browser
    guesses the heights above a target: a table-of-contents link to the last picture of neuron-loss
    landed 1,235 px down (review); page-tools.js lays every part out before a jump."""
    _open(tab, site, "neuron-loss")
    if exercise:
        tab.page.get_by_role("button", name=re.compile("Try it first")).click()
    last = tab.page.locator(".md-nav--secondary a[href^='#picture']").last
    fragment = last.get_attribute("href")
    last.click()
    _lands(tab)
    tab.open("")   # then the link opened as a new page load, not a jump within the page
    tab.open(page_path(site, "neuron-loss") + fragment)
    tab.page.wait_for_load_state("load")
    _lands(tab)
