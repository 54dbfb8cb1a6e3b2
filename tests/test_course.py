"""The course configuration (mcdocgen.toml): read and checked, one line per mistake; the MkDocs
settings and the handout defaults it gives; the build configuration written from it."""

from __future__ import annotations

import pytest
import yaml

from mcdocgen.catalog.handouts import HandoutLayout, HandoutSpec
from mcdocgen.errors import McdocgenError
from mcdocgen.publish import paths
from mcdocgen.publish.course import (
    COLOURS, Course, build_config, copy_course_pages, load_course, mkdocs_settings, page_layout, with_course,
)

GOOD = '''# a course
[site]
title = "ML 101"
description = "Derivations for ML 101."
primary = "teal"

[course]
name = "ML 101: Machine learning"
author = "A. Lovelace"
layout = "numerator"
'''


def _write(tmp_path, text):
    (tmp_path / "mcdocgen.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_no_file_is_the_defaults(tmp_path):
    assert load_course(tmp_path) == Course()
    assert mkdocs_settings(Course()) == {}


def test_a_course_file_is_read(tmp_path):
    course = load_course(_write(tmp_path, GOOD))
    assert course == Course(title="ML 101", description="Derivations for ML 101.", primary="teal", accent="",
                            name="ML 101: Machine learning", author="A. Lovelace", layout=HandoutLayout.NUMERATOR)
    settings = mkdocs_settings(course)
    assert settings["site_name"] == "ML 101"
    assert [p["primary"] for p in settings["palette"]] == ["teal", "teal"]
    assert [p["accent"] for p in settings["palette"]] == ["indigo", "indigo"]  # the default's accent kept
    # the default site's palette has the same two schemes: the course changes colours only
    default = yaml.safe_load(paths.site_config().read_text(encoding="utf-8"))["theme"]["palette"]
    assert [{k: v for k, v in p.items() if k not in ("primary", "accent")} for p in settings["palette"]] == \
        [{k: v for k, v in p.items() if k not in ("primary", "accent")} for p in default]


@pytest.mark.parametrize("text, message", [
    ('[site]\ntitle = "x"\ncolour = "red"\n', "mcdocgen.toml:3: site.colour: unknown key"),
    ('[site]\ntitle = "x"\n[sites]\n', "mcdocgen.toml:3: sites: unknown table (did you mean 'site'?)"),
    ('[site]\n\nprimary = "tael"\n', "mcdocgen.toml:3: site.primary: 'tael' is not a colour of the theme (did you mean 'teal'?)"),
    ('[course]\nlayout = "denominators"\n', "mcdocgen.toml:2: course.layout: 'denominators' is not a layout"),
    ('[site]\nurl = "ml-101/"\n', "mcdocgen.toml:2: site.url: 'ml-101/' is not an address starting with https://"),
    ('[site]\nurl = "https:///ml-101/"\n', "mcdocgen.toml:2: site.url: 'https:///ml-101/' is not an address"),
    ('[course]\nname = 3\n', "mcdocgen.toml:2: course.name: expected a non-empty string"),
    ('[course]\nname = "  "\n', "mcdocgen.toml:2: course.name: expected a non-empty string"),
    ('site = "x"\n', "mcdocgen.toml:1: site: expected a table"),
    ('[site]\ntitle = "x\n', "mcdocgen.toml:2: not valid TOML"),
])
def test_mistakes_are_one_line_with_file_line_and_key(tmp_path, text, message):
    with pytest.raises(McdocgenError) as caught:
        load_course(_write(tmp_path, text))
    assert str(caught.value).startswith(str(tmp_path / message.split(":")[0]) + ":" + message.split(":", 1)[1])
    assert "\n" not in str(caught.value) and caught.value.exit_code == 2


def test_the_address_is_mkdocs_site_url(tmp_path):
    course = load_course(_write(tmp_path, '[site]\nurl = "https://owner.github.io/ml-101/"\n'))
    assert course == Course(url="https://owner.github.io/ml-101/")
    assert mkdocs_settings(course) == {"site_url": "https://owner.github.io/ml-101/"}
    build = tmp_path / "build"
    build.mkdir()
    config = yaml.safe_load(build_config(tmp_path, build, course, [], paths.templates() / "theme", None))
    assert config["site_url"] == "https://owner.github.io/ml-101/"


def test_the_colours_are_materials():
    assert len(COLOURS) == len(set(COLOURS)) == 21 and "deep orange" in COLOURS


def test_handouts_take_the_course_defaults_where_they_give_none():
    course = Course(name="ML 101", author="A. L.", layout=HandoutLayout.DENOMINATOR)
    own = HandoutSpec("a", course="Other", author="B.", layout=HandoutLayout.NUMERATOR)
    bare = HandoutSpec("b")
    assert with_course([own, bare], course) == (
        own, HandoutSpec("b", course="ML 101", author="A. L.", layout=HandoutLayout.DENOMINATOR))
    assert with_course([bare], Course()) == (bare,)


def test_a_course_folder_builds_with_the_default_site_and_its_settings(tmp_path):
    root = _write(tmp_path / "course", GOOD) if (tmp_path / "course").mkdir() is None else None
    build = tmp_path / "course" / ".mcdocgen" / "builds" / "b"
    build.mkdir(parents=True)
    config = yaml.safe_load(build_config(root, build, load_course(root), ["/hook.py"], paths.templates() / "theme",
                                         ["index.md"]))
    assert (build / config["INHERIT"]).resolve() == paths.site_config().resolve()
    assert config["site_name"] == "ML 101" and config["theme"]["palette"][0]["primary"] == "teal"
    assert config["hooks"] == ["/hook.py"] and config["nav"] == ["index.md"]
    (root / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")  # a root's own configuration wins
    assert (build / yaml.safe_load(build_config(root, build, Course(), [], root, None))["INHERIT"]).resolve() == \
        (root / "mkdocs.yml").resolve()


def test_the_course_pages_are_copied(tmp_path):
    copy_course_pages(tmp_path / "docs")
    names = {p.name for p in (tmp_path / "docs").iterdir()}
    assert names == set(paths.COURSE_DOCS) and "code.md" not in names
    assert (tmp_path / "docs" / "stylesheets" / "extra.css").is_file()


def test_the_command_lines_layout_keeps_the_courses_name_and_author():
    course = Course(name="ML 101", author="A. L.", layout=HandoutLayout.DENOMINATOR)
    chosen = HandoutSpec("b", layout=HandoutLayout.BOTH)  # --layout both: asked for, not a default
    assert with_course([chosen], course, layout=False) == (
        HandoutSpec("b", course="ML 101", author="A. L.", layout=HandoutLayout.BOTH),)


@pytest.mark.parametrize("layout, opens", [(None, ""), (HandoutLayout.BOTH, ""), (HandoutLayout.NUMERATOR, "numerator"),
                                           (HandoutLayout.DENOMINATOR, "denominator")])
def test_the_pages_open_in_the_courses_layout(layout, opens):
    assert page_layout(Course(layout=layout)) == opens


@pytest.fixture(scope="module")
def chain_view():
    from mcdocgen.api import derive

    return derive("norm(X @ w - y)**2", X="m,n", w="n", y="m", wrt="w").view


@pytest.mark.parametrize("own, course, first, note", [
    ("", "", "Numerator", None),
    ("", "denominator", "Denominator", "This course uses the **denominator layout**"),
    ("numerator", "denominator", "Numerator", "The source uses the **numerator layout**"),  # the problem's own wins
])
def test_a_problem_page_opens_in_its_own_layout_else_the_courses(chain_view, own, course, first, note):
    import dataclasses
    import re

    from mcdocgen.publish.render import markdown_environment

    page = markdown_environment().get_template("derivatives.md.j2").render(
        p=dataclasses.replace(chain_view, layout=own), identities_url="identities.md", course_layout=course)
    marked = re.findall(r'^===\+ "(\w+)"', page, flags=re.M)  # the tab marked open first
    assert marked == ([first] if own or course else [])  # none marked: Material opens the first, Numerator
    assert re.findall(r'^===\+? "(\w+)"', page, flags=re.M) == ["Numerator", "Denominator"]
    if note:
        assert note in page
    else:
        assert "layout**" not in page
