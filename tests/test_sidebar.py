"""Each page's sidebar with a long section cut to the pages near the current one (publish.sidebar),
on MkDocs's own navigation objects."""

from __future__ import annotations

from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from mcdocgen.publish import sidebar as S


def _page(path: str) -> Page:
    file = File(path, src_dir="docs", dest_dir="site", use_directory_urls=True)
    return Page(path, file, {})


def _nav(count: int) -> tuple[Navigation, Page, list[Page], Section]:
    home = _page("index.md")
    index = _page("problems/t/index.md")
    problems = [_page(f"problems/t/p{k}.md") for k in range(count)]
    topic = Section("T", [index, *problems])
    part = Section("Part", [topic])
    for child in topic.children:
        child.parent = topic
    topic.parent = part
    return Navigation([home, part], [home, index, *problems]), index, problems, topic


def _shown(nav: Navigation) -> list[str]:
    """The titles or URLs a page's sidebar shows inside the topic (its index page first)."""
    (part,) = [item for item in S.sidebar(nav).items if isinstance(item, Section)]
    (topic,) = part.children
    return [c.title if isinstance(c, Link) else c.url for c in topic.children]


def test_the_window_keeps_the_current_entry_in_the_middle_except_at_the_ends():
    size = 2 * S.NEAR + 1
    assert S.window(S.LONGEST, 0) == (0, S.LONGEST)               # short: all of it
    assert S.window(100, None) == (0, size)                       # the index page: the first ones
    assert S.window(100, 0) == (0, size)
    assert S.window(100, 50) == (50 - S.NEAR, 50 + S.NEAR + 1)
    assert S.window(100, 99) == (100 - size, 100)
    assert S.window(100, S.NEAR + 1) == (0, size + 1)               # not "… 1 earlier page"
    assert S.window(100, 100 - S.NEAR - 2) == (100 - size - 1, 100)
    for count in range(S.LONGEST + 1, 60):
        for at in range(count):
            start, stop = S.window(count, at)
            assert size <= stop - start <= size + 1 and start <= at < stop and start != 1 and stop != count - 1
            assert start >= 0 and stop <= count


def test_a_long_topic_shows_the_problems_near_this_one_and_links_to_its_index_for_the_rest():
    nav, index, problems, topic = _nav(40)
    problems[20].active = True
    shown = _shown(nav)
    near = [p.url for p in problems[20 - S.NEAR : 21 + S.NEAR]]
    assert shown == [index.url, S.more_title(20 - S.NEAR, later=False), *near, S.more_title(40 - 21 - S.NEAR, later=True)]
    links = [c for c in S.sidebar(nav).items[1].children[0].children if isinstance(c, Link)]
    assert [link.url for link in links] == [index.url, index.url] and links[0].title.startswith("\u2026 15 earlier pages")
    # MkDocs's own navigation, shared by every page, is left whole
    assert len(topic.children) == 41 and nav.items[1].children[0] is topic
    problems[20].active = False


def test_on_its_index_page_a_long_topic_shows_its_first_problems_and_a_short_one_all():
    nav, index, problems, _ = _nav(40)
    index.active = True
    assert _shown(nav) == [index.url, *(p.url for p in problems[: 2 * S.NEAR + 1]), S.more_title(40 - 2 * S.NEAR - 1, later=True)]
    index.active = False
    nav, index, problems, _ = _nav(S.LONGEST)
    problems[0].active = True
    assert _shown(nav) == [index.url, *(p.url for p in problems)]


def test_a_section_off_the_current_path_and_the_rest_of_the_navigation_are_as_they_were():
    nav, _, _, _ = _nav(40)
    nav.items[0].active = True   # the home page
    page_nav = S.sidebar(nav)
    assert page_nav.items == nav.items and page_nav.homepage is nav.homepage and list(page_nav) == nav.items
    assert S.more_title(1, later=True) == "\u2026 1 later page"
