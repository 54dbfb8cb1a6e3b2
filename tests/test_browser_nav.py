"""The site's one reading order in a real browser: the sidebar, the footer's Previous/Next and the
links at the end of each problem page (publish.navigation.reading_order), the header and the footer's
credit (fixtures: tests/browser_fixtures.py, the real catalog built once a session)."""

from __future__ import annotations

import contextlib
import os
from urllib.parse import urljoin

import pytest

from browser_fixtures import SEARCH_TIMEOUT_MS, problem_pages
from browser_support import REPO
from mcdocgen.catalog import load_catalog, slug

pytestmark = pytest.mark.skipif(os.environ.get("MCDOCGEN_BROWSER_FAKE_SITE") == "1",
                                reason="the fake pages are built without the catalog's reading order")

TEACHING_ORDER = ["Start here", "Notation", "Foundations", "Matrices", "Second order", "Applications",
                  "Problems by operation", "Cheat sheet", "Identities", "Handouts", "Tags", "Not yet derived",
                  "For contributors"]
# the schema and its walkthrough are a section of their own (Material takes an index.md as its section's page)
CONTRIBUTORS = ["Contributing a problem", "How mcdocgen derives and checks", "Your own course site", "The Python API", "The code",
                "The catalog schema"]

# JavaScript: the footer's and the text's previous/next links, as absolute URLs with their titles.
_LINKS = """() => {
  const footer = rel => {
    const a = document.querySelector('a.md-footer__link--' + rel);
    return a ? [a.href, a.querySelector('.md-footer__title .md-ellipsis').textContent.trim()] : null;
  };
  const text = arrow => {
    const links = [...document.querySelectorAll('article.md-content__inner p > a')]
      .filter(a => arrow === 'prev' ? a.textContent.startsWith('← ') : a.textContent.endsWith(' →'));
    const a = links[links.length - 1];
    // a title with math (present.titles) shows it as math: its text is the footer's only without it
    return a ? [a.href, a.querySelector('math') ? null : a.textContent.replace('← ', '').replace(' →', '').trim()] : null;
  };
  return {footer: [footer('prev'), footer('next')], text: [text('prev'), text('next')]};
}"""

# JavaScript: the labels of the sidebar's top level, and of the entries inside each section.
_SIDEBAR = """() => {
  const label = li => li.querySelector(':scope > a, :scope > label, :scope > div > a').textContent.trim();
  const top = [...document.querySelectorAll('nav.md-nav--primary > ul.md-nav__list > li.md-nav__item')];
  return top.map(li => [label(li),
    [...li.querySelectorAll(':scope > nav > ul > li.md-nav__item')].map(label)]);
}"""
# JavaScript: the labels of the entries inside the sidebar's section of this name, at any depth.
_INSIDE = """name => {
  const label = li => li.querySelector(':scope > a, :scope > label, :scope > div > a').textContent.trim();
  const li = [...document.querySelectorAll('nav.md-nav--primary li.md-nav__item')].find(li => label(li) === name);
  return [...li.querySelectorAll(':scope > nav > ul > li.md-nav__item')].map(label);
}"""
# JavaScript: the sections of the sidebar's top level that are links (pruned), with their targets.
_SECTION_LINKS = """() => Object.fromEntries([...document.querySelectorAll(
  'nav.md-nav--primary > ul.md-nav__list > li.md-nav__item--pruned > a')].map(a => [a.textContent.trim(), a.href]))"""


def test_the_sidebar_lists_the_sections_in_the_teaching_order_contributors_last(tab):
    tab.open("")
    sidebar = tab.page.evaluate(_SIDEBAR)
    assert [name for name, _ in sidebar] == TEACHING_ORDER
    # navigation.prune: a section holds its pages only on its own pages; elsewhere it is a link to
    # its first page (a topic's index), so a page's sidebar does not grow with the whole catalog
    assert dict(sidebar)["Matrices"] == []
    assert tab.page.evaluate(_SECTION_LINKS)["For contributors"] == urljoin(tab.base_url, "contributing/")
    tab.open("contributing/")
    assert dict(tab.page.evaluate(_SIDEBAR))["For contributors"] == CONTRIBUTORS
    # a part lists its topics, in teaching order, on their pages; a topic its problems in catalog
    # order, by their titles' text (its index page is the section's own link); a topic of more than
    # sidebar.LONGEST shows the sidebar.NEAR problems before and after the current one, and links
    # "… 12 earlier pages" / "… 20 later pages" to its index page, which lists them all
    from mcdocgen.present.titles import title_view
    from mcdocgen.present.topics import PARTS
    from mcdocgen.publish.sidebar import more_title, window

    catalog = load_catalog(REPO / "derivations.yaml")
    cut = 0
    for part, topics in PARTS:
        for topic in topics:
            tab.open(f"problems/{slug(topic)}/")
            sidebar = tab.page.evaluate(_SIDEBAR)
            assert [name for name, _ in sidebar] == TEACHING_ORDER, topic
            assert dict(sidebar)[part] == list(topics), topic
            assert all(not inside for name, inside in sidebar if name != part), (topic, sidebar)
            members = [p for p in catalog.problems if p.topic == topic]
            titles = [title_view(p).text for p in members]
            for at in (None, 0, len(titles) // 2, len(titles) - 1):
                if at is not None:
                    tab.open(f"problems/{slug(topic)}/{members[at].id}/")
                start, stop = window(len(titles), at)
                earlier = [more_title(start, later=False)] if start else []
                later = [more_title(len(titles) - stop, later=True)] if stop < len(titles) else []
                assert tab.page.evaluate(_INSIDE, topic) == earlier + titles[start:stop] + later, (topic, at)
                if earlier or later:
                    more = tab.page.locator("nav.md-nav--primary a", has_text="\u2026").first
                    assert more.get_attribute("href") in (".", "./", "..", "../"), (topic, at)  # the topic's index page
                    cut += 1
    assert cut, "no topic is long enough to be cut: the cut sidebar is not tested"


def test_the_home_page_says_start_here_and_its_footer_leads_to_notation(tab):
    tab.open("")
    links = tab.page.evaluate(_LINKS)
    assert links["footer"][0] is None
    assert links["footer"][1] == [urljoin(tab.base_url, "notation/"), "Notation"]
    start = tab.page.locator("article a", has_text="Start here").first
    assert start.get_attribute("href") == "problems/scalar-derivatives/"
    # near the top: above the first heading after the title
    assert start.bounding_box()["y"] < tab.page.locator("article h2").first.bounding_box()["y"]


def test_the_header_names_the_content_and_the_footer_the_tool(tab):
    tab.open("notation/")
    assert tab.page.locator(".md-header__topic").first.inner_text().strip() == "Matrix calculus, step by step"
    assert tab.page.title() == "Notation - Matrix calculus, step by step"
    footer = tab.page.locator(".md-copyright").inner_text()
    assert "Built with mcdocgen" in footer and "Made with" not in footer


def test_every_problem_page_links_the_same_previous_and_next_as_its_footer(tab, site):
    pages = [p for p in problem_pages(site) if p.count("/") == 3]  # problems/<topic>/<id>/, not an index
    assert len(pages) > 20
    for path in pages:
        tab.open(path)
        links = tab.page.evaluate(_LINKS)
        for footer, text in zip(links["footer"], links["text"], strict=True):
            assert footer[0] == text[0] and text[1] in (None, footer[1]), path
        assert None not in links["footer"], path  # a problem always has both neighbours
        header = tab.page.locator("article p", has_text="Notation").first
        assert header.locator("a", has_text="Notation").get_attribute("href") == "../../../notation/", path
        assert header.locator("a", has_text="cheat sheet").get_attribute("href") == "../../../cheat-sheet/", path


# JavaScript: the pages of the search results, in order.
_RESULTS = ("() => [...document.querySelectorAll('.md-search-result__item > a.md-search-result__link')]"
            ".map(a => new URL(a.href).pathname)")
CONTRIBUTOR_PATHS = ("/contributing/", "/reference/", "/code/", "/schema/", "/api/")


@pytest.mark.parametrize("query", ["numerator layout", "denominator", "jacobian"])
def test_search_ranks_the_notation_and_problem_pages_above_the_contributors_pages(tab, query):
    """Audit 3.4: "numerator layout" found Contributing first, "denominator" the walkthrough second."""
    tab.open("")
    search = tab.page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(query, delay=20)  # Material ignores fill()
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    with contextlib.suppress(PlaywrightTimeout):  # the assertion shows what was found instead
        tab.page.wait_for_function(f"() => ({_RESULTS})()[0] === '/notation/'", timeout=SEARCH_TIMEOUT_MS)
    tab.page.wait_for_timeout(300)  # settled: the results of the whole query
    results = tab.page.evaluate(_RESULTS)
    assert results[0] == "/notation/", results[:5]
    assert not any(r.startswith(CONTRIBUTOR_PATHS) for r in results[:5]), results[:5]
