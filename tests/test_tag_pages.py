"""publish.tag_pages: the tags' index and a page per tag."""

from __future__ import annotations

import re

import yaml

from mcdocgen.present.views import ProblemView
from mcdocgen.publish import tag_pages as T
from mcdocgen.publish.render import markdown_environment


def _view(pid: str, tags: tuple[str, ...]) -> ProblemView:
    return ProblemView(pid, f"Title {pid}", "S.", tags, "", "Vectors", (), "", "", "f", (), True, ())


def test_a_page_per_tag_in_name_order_with_its_count():
    views = [_view("a", ("trace", "Chain rule")), _view("b", ("chain rule", "trace", "trace")), _view("c", ("trace",))]
    pages = T.tag_pages(views)
    assert [(p.tag, p.path, p.count) for p in pages] == [
        ("Chain rule", "tags/chain-rule.md", 1),
        ("chain rule", "tags/chain-rule-2.md", 1),   # the same slug: a number after it, never the same page
        ("trace", "tags/trace.md", 3),               # a tag written twice on a problem counts once
    ]
    assert T.tag_pages(list(reversed(views))) == pages   # the catalog's order changes nothing


def test_no_tag_takes_the_index_path():
    (page,) = T.tag_pages([_view("a", ("Index",))])
    assert page.path == "tags/index-2.md"


def test_a_long_tag_gets_a_file_name_a_file_system_takes():
    # a 300-letter tag was a 303-character file name: the build failed (the first clean clone, test_cli)
    pages = T.tag_pages([_view("a", ("t" * 300, "t" * 301))])
    assert [p.path for p in pages] == [f"tags/{'t' * 100}.md", f"tags/{'t' * 100}-2.md"]


def test_the_listing_names_its_one_tag_whatever_the_text():
    for tag in ("chain rule", 'a "quoted" tag, [with] {yaml}: # signs', "ends the comment -->", "ü ∂"):
        directive = T.listing(tag)
        body = re.fullmatch(r"<!-- material/tags (.*) -->", directive).group(1)
        assert "-->" not in body
        assert yaml.safe_load(body) == {"include": [tag]}


def test_the_index_links_every_tag_page_and_each_page_holds_its_listing():
    views = [_view("a", ("trace", "*bold*")), _view("b", ("trace",))]
    pages = T.render_tag_pages(markdown_environment(), views)
    assert set(pages) == {T.TAGS_PAGE, "tags/bold.md", "tags/trace.md"}
    index = pages[T.TAGS_PAGE]
    assert "- [trace](trace.md): 2 problems" in index
    assert "- [&#42;bold&#42;](bold.md): 1 problem\n" in index     # catalog text is escaped
    assert T.listing("trace") in pages["tags/trace.md"] and "search:\n  exclude: true" in pages["tags/trace.md"]
    assert "[Tags](index.md)" in pages["tags/trace.md"]
    assert 'title: "Tag: trace"' in pages["tags/trace.md"]
