"""mcdocgen.publish.statements: a not_derived statement Temml cannot set is a catalog mistake at its
line, found by check and build before anything is derived (exit 2), not a failed site build."""

from __future__ import annotations

import pytest
from catalog_support import BASE, write

from mcdocgen.catalog import load_catalog
from mcdocgen.cli import main
from mcdocgen.publish.statements import statement_diagnostics

BAD = BASE + "not_derived:\n  - source: s\n    statement: 'x^1^2 + a'\n    reason: r\n"


def test_a_statement_temml_refuses_is_located_at_its_entry(tmp_path):
    catalog = load_catalog(write(tmp_path, BAD))
    [found] = statement_diagnostics(catalog)
    assert found.render().endswith("not_derived[0].statement: Temml cannot set it: Double superscript at position 4: "
                                   "x^1^2 + a [bad-tex]")
    assert found.line == 13


def test_check_and_build_refuse_it_with_exit_2_and_one_line(tmp_path, capsys):
    path = write(tmp_path, BAD)
    for command in (["check", str(path)], ["build", str(path), "--root", str(tmp_path)]):
        assert main(command) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert err[0].startswith(f"{path}:13: not_derived[0].statement: Temml cannot set it") and len(err) == 2
    assert not (tmp_path / "site").exists()


def test_good_statements_and_none_give_no_diagnostic(tmp_path):
    good = BASE + "not_derived:\n  - source: s\n    statement: '\\frac{\\partial a}{\\partial X_{ij}} \\lt 1'\n    reason: r\n"
    assert statement_diagnostics(load_catalog(write(tmp_path, good))) == []
    assert statement_diagnostics(load_catalog(write(tmp_path, BASE))) == []


def test_statements_accepted_before_are_not_sent_to_temml_again_and_a_refusal_is_never_kept(tmp_path, monkeypatch):
    from mcdocgen.publish import statements
    from mcdocgen.publish.cache import Cache

    good = BASE + "not_derived:\n  - source: s\n    statement: 'a + b'\n    reason: r\n"
    cache = Cache(tmp_path / "cache", version="v1")
    assert statement_diagnostics(load_catalog(write(tmp_path, good)), cache=cache) == []
    assert len(statement_diagnostics(load_catalog(write(tmp_path, BAD)), cache=cache)) == 1

    def no_temml(package):
        raise AssertionError("Temml asked again")

    monkeypatch.setattr(statements, "Renderer", no_temml)
    assert statement_diagnostics(load_catalog(write(tmp_path, good)), cache=cache) == []
    with pytest.raises(AssertionError, match="asked again"):  # the refused statement: asked again
        statement_diagnostics(load_catalog(write(tmp_path, BAD)), cache=cache)
