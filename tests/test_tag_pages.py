"""publish.tag_pages: the tags' index and a page per tag."""

from __future__ import annotations

import re

import yaml

from mcdocgen.present.views import ProblemView
from mcdocgen.publish import tag_pages as T
from mcdocgen.publish.navigation import problem_path
from mcdocgen.publish.render import _rel, markdown_environment


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
        assert yaml.safe_load(body) == {"include": [tag], "layout": T.LISTING_LAYOUT}


def test_the_index_links_every_tag_page_and_each_page_holds_its_listing():
    views = [_view("a", ("trace", "*bold*")), _view("b", ("trace",))]
    pages = T.render_tag_pages(markdown_environment(), views, problem_path, _rel)
    assert set(pages) == {T.TAGS_PAGE, "tags/bold.md", "tags/trace.md"}
    index = pages[T.TAGS_PAGE]
    assert "- [trace](trace.md): 2 problems" in index
    assert "- [&#42;bold&#42;](bold.md): 1 problem\n" in index     # catalog text is escaped
    assert T.listing("trace") in pages["tags/trace.md"] and "search:\n  exclude: true" in pages["tags/trace.md"]
    assert "[Tags](index.md)" in pages["tags/trace.md"]
    assert 'title: "Tag: trace"' in pages["tags/trace.md"]


def test_a_tag_with_more_problems_than_a_page_holds_is_listed_in_parts():
    """A tag's page grew with its tag (436 problems of 1,000 tagged "matrix"): at most PER_PAGE on a
    page, every problem on exactly one, by title, each part linked to the next; the tag's listing
    (where a problem's tag links to) only on its first page, the index linking only that one."""
    n = 2 * T.PER_PAGE + 3
    views = [_view(f"p{k:04d}", ("matrix",) if k % 7 else ("matrix", "rare")) for k in range(n)]
    pages = T.tag_pages(views)
    assert [(p.path, p.part, p.parts) for p in pages if p.tag == "matrix"] == [
        ("tags/matrix.md", 1, 3), ("tags/matrix/2.md", 2, 3), ("tags/matrix/3.md", 3, 3)]
    out = T.render_tag_pages(markdown_environment(), views, problem_path, _rel)
    listed = [re.findall(r"^- \[Title (p\d+)\]\(([^)]*)\)$", out[p.path], re.M) for p in pages if p.tag == "matrix"]
    assert [len(items) for items in listed] == [T.PER_PAGE, T.PER_PAGE, 3]
    assert [pid for items in listed for pid, _ in items] == [v.id for v in views]    # titles in order, none twice
    assert listed[1][0][1] == "../../problems/vectors/p0200.md"
    assert out["tags/matrix.md"].count("<!-- material/tags") == 1 and "material/tags" not in out["tags/matrix/2.md"]
    assert "Next: [Tag: matrix (part 2 of 3)](matrix/2.md)" in out["tags/matrix.md"]
    assert "Before: [Tag: matrix (part 1 of 3)](../matrix.md)" in out["tags/matrix/2.md"]
    assert "[Tags](../index.md)" in out["tags/matrix/3.md"] and "Next:" not in out["tags/matrix/3.md"]
    assert "- [matrix](matrix.md): 403 problems" in out[T.TAGS_PAGE] and "matrix/2.md" not in out[T.TAGS_PAGE]
    assert "Next:" not in out["tags/rare.md"]
