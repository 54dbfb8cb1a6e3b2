"""The contributor walkthrough and the schema/ section: real command output, captured without
running the CLI in-process, changing the working directory or leaving the temporary folder's path."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from mcdocgen.catalog.schema import SITE_SCHEMA, catalog_schema, dumps_schema
from mcdocgen.commands import walkthrough as W
from mcdocgen.publish import site


@pytest.fixture(scope="module")
def section():
    """The schema/ section, built once (it runs try, check and review)."""
    return W.schema_section()


def test_the_section_is_the_schema_page_the_walkthrough_and_the_schema_file(section):
    pages, files = section
    assert set(pages) == {"schema/index.md", "schema/walkthrough.md"}
    assert files == {SITE_SCHEMA: dumps_schema().encode("utf-8")}
    for path, text in pages.items():
        assert site._page_problems(text) == [], path


def test_the_walkthrough_shows_what_the_commands_printed(section):
    walk = section[0]["schema/walkthrough.md"]
    assert '$ mcdocgen try "norm(X @ w - y)**2" --var X:m,n --var w:n --var y:m --wrt w\n' in walk
    assert "result:   df/dw = 2 * X.T @ (X @ w - y)   (n, 1)" in walk
    assert "mcdocgen: added problem 'least-squares' to derivations.yaml at line 16;" in walk
    assert "ok    least-squares" in walk and "mcdocgen: 2 of 2 problems verified in … s" in walk
    # bad input is shown as the command line reports it, with its exit status
    assert "derivations.yaml:13:25: problem 'trace-linear', expression: unknown name 'Y' (declared: A, X) " \
           "[unknown-name]\n" \
           "mcdocgen: 1 error; nothing was derived\n```\n\nExit status: `2`." in walk
    if shutil.which("git"):
        assert "**1 added, 0 changed, 0 removed.** ✅" in walk
    else:
        assert "`git` was not available" in walk


def test_the_walkthrough_is_the_same_on_every_build_and_names_no_temporary_folder(section, tmp_path):
    walk = section[0]["schema/walkthrough.md"]
    assert "/tmp" not in walk and str(tmp_path) not in walk and W.TEMP_PREFIX not in walk
    assert W.schema_section()[0] == section[0]     # deterministic: the build is reproducible


def test_the_steps_run_in_the_folder_given_without_changing_the_working_directory(tmp_path, monkeypatch):
    here = os.getcwd()
    changed = []
    monkeypatch.setattr(os, "chdir", lambda path: changed.append(path))
    steps = W.run_walkthrough(tmp_path)
    assert changed == [] and os.getcwd() == here
    assert (steps.try_text.status, steps.append.status, steps.check.status, steps.check_typo.status) == (0, 0, 0, 2)
    catalog = (tmp_path / W.CATALOG_NAME).read_text(encoding="utf-8")
    assert "id: least-squares" in catalog and "TODO" not in catalog      # appended, then filled in
    assert 'expression: "tr(A @ X)"' in catalog                           # the typo was put back
    assert steps.added.startswith("  - id: least-squares\n")


def test_the_built_site_publishes_the_schema_and_the_contributing_links_resolve(tmp_path, section):
    from browser_support import fake_pages, make_root

    root = make_root(tmp_path / "project")
    pages, files = section
    site.build_site(root, {**fake_pages(), **pages}, files)
    built = root / "site"
    assert json.loads((built / "schema" / "catalog.schema.json").read_text(encoding="utf-8")) == catalog_schema()
    contributing = (built / "contributing" / "index.html").read_text(encoding="utf-8")
    for href, target in (("../schema/walkthrough/", "schema/walkthrough/index.html"),
                         ("../schema/", "schema/index.html")):
        assert f'href="{href}"' in contributing
        assert (built / target).is_file()
