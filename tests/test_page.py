"""mcdocgen.publish.page: the one marker, front-matter writer and whitespace tidy of every generated page."""

from __future__ import annotations

import yaml

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
