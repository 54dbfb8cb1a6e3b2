"""mcdocgen.publish.page: the one marker, front-matter writer and whitespace tidy of every generated page."""

from __future__ import annotations

import yaml

from mcdocgen.present.mathtext import math_text
from mcdocgen.publish import page
from mcdocgen.publish.site import FRONT_MATTER


def test_front_matter_is_yaml_the_site_reads_back_with_every_value_escaped():
    text = page.front_matter('A "quoted" <b>title</b>', "One: sentence.\u202e", ["chain rule", "a\\b"])
    match = FRONT_MATTER.match(text + "\n")
    assert match is not None
    meta = yaml.safe_load(match.group(1))
    assert meta["title"] == 'A &quot;quoted&quot; &lt;b&gt;title&lt;/b&gt;'   # themes print it as HTML
    assert "\u202e" not in meta["description"]                               # no control character
    assert meta["tags"] == ["chain rule", "a\\b"]


def test_tags_absent_empty_or_listed():
    assert "tags" not in page.front_matter("t", "d")
    assert "\ntags: []\n" in page.front_matter("t", "d", [])
    assert page.front_matter("t", "d", ["x"]).endswith('tags:\n  - "x"\n---')


def test_tidy_strips_trailing_spaces_and_repeated_blank_lines():
    assert page.tidy("\n\na  \n\n\n\nb\t\n\n") == "a\n\nb\n"
    assert page.tidy(page.tidy("x\n\n\ny \n")) == page.tidy("x\n\n\ny \n")


def test_one_marker_for_every_generated_page():
    from mcdocgen.publish import site

    assert site.MARKER is page.MARKER and page.MARKER.startswith("<!--") and page.MARKER.endswith("-->")


def test_keywords_are_front_matter_for_the_search_index_only():
    assert "keywords" not in page.front_matter("t", "d")
    text = page.front_matter("t", "d", keywords=["x^T A x", "a: b"])
    assert text.endswith('keywords:\n  - "x^T A x"\n  - "a: b"\n---')


def test_search_keywords_go_to_the_pages_own_entry():
    """Material's index gets a page's keywords on the page's entry (not its sections'); an index of
    another shape is left alone."""
    class Index:
        def __init__(self) -> None:
            self.entries: list[dict] = []

        def add_entry_from_context(self, p) -> None:
            self.entries += [{"location": "p/"}, {"location": "p/#a"}]

    class Page:
        def __init__(self, meta: dict) -> None:
            self.meta = meta

    index = Index()
    page.search_keywords(index)
    index.add_entry_from_context(Page({"keywords": ["x transpose A x"]}))
    assert index.entries == [{"location": "p/", "keywords": ["x transpose A x"]}, {"location": "p/#a"}]
    index.add_entry_from_context(Page({}))
    assert index.entries[2:] == [{"location": "p/"}, {"location": "p/#a"}]
    page.search_keywords(object())     # no add_entry_from_context: nothing to wrap


def test_a_formulas_words_leave_the_text_a_result_shows_for_a_field_of_their_own():
    """The words math_hook marks after a formula (present.mathtext) are searched, never shown."""
    marked = math_text(r"\operatorname{tr}(X^{\top})").marked()
    entry = {"location": "p/#a", "title": f"Of {marked}", "text": f"<p>{marked} and {marked}</p>"}
    assert page.math_words_apart(entry) == {"location": "p/#a", "title": "Of tr(X^T)",
                                            "text": "<p>tr(X^T) and tr(X^T)</p>", page.MATH_WORDS: ["trace", "transpose"]}
    assert page.math_words_apart({"location": "p/", "text": "x"}) == {"location": "p/", "text": "x"}
