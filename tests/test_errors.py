"""mcdocgen.errors: diagnostics print one located line with a code, the small message helpers, and
every error code is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mcdocgen.errors import (
    MAX_REPORTED, CatalogError, Diagnostic, ErrorCode, ExitCode, InternalError, McdocgenError, TrialError, clip,
    closest, did_you_mean, listing,
)

REFERENCE = Path(__file__).resolve().parent.parent / "docs" / "reference.md"


# ---------------------------------------------------------------- Diagnostic


def test_a_diagnostic_prints_file_line_column_problem_key_message_and_code():
    d = Diagnostic("c.yaml", 12, 18, "lsq", "expression", "unknown name 'W'", code=ErrorCode.UNKNOWN_NAME)
    assert d.render() == "c.yaml:12:18: problem 'lsq', expression: unknown name 'W' [unknown-name]"


def test_a_diagnostic_without_column_problem_or_key_leaves_them_out():
    d = Diagnostic("c.yaml", 1, message="cannot read the catalog", code=ErrorCode.CANNOT_READ)
    assert d.render() == "c.yaml:1: cannot read the catalog [cannot-read]"
    d = Diagnostic("c.yaml", 3, 3, key="problems", message="the list is empty", code=ErrorCode.EMPTY_VALUE)
    assert d.render() == "c.yaml:3:3: problems: the list is empty [empty-value]"


def test_a_diagnostic_needs_a_code():
    with pytest.raises(TypeError):
        Diagnostic("c.yaml", 1, 1, "", "", "no code")  # type: ignore[call-arg]


def test_control_characters_from_the_input_are_written_out():
    d = Diagnostic("c.yaml", 2, 5, "a\x1b[31mb", "id", "bad\u202eid", code=ErrorCode.BAD_ID)
    line = d.render()
    assert "\x1b" not in line and "\u202e" not in line
    assert "\\x1b" in line and "\\u202e" in line


def test_diagnostics_sort_by_file_line_then_column():
    a = Diagnostic("c.yaml", 3, 9, message="later in the line", code=ErrorCode.WRONG_TYPE)
    b = Diagnostic("c.yaml", 3, 2, message="earlier in the line", code=ErrorCode.WRONG_TYPE)
    c = Diagnostic("c.yaml", 1, 40, message="earlier line", code=ErrorCode.WRONG_TYPE)
    assert sorted([a, b, c]) == [c, b, a]


# ---------------------------------------------------------------- the errors


def test_a_catalog_error_reports_its_diagnostics_sorted_then_counts_the_rest():
    many = [Diagnostic("c.yaml", n, 1, message=f"mistake {n}", code=ErrorCode.WRONG_TYPE)
            for n in range(MAX_REPORTED + 5, 0, -1)]
    error = CatalogError(many)
    lines = error.lines()
    assert len(lines) == MAX_REPORTED + 1
    assert lines[0] == "c.yaml:1:1: mistake 1 [wrong-type]"
    assert lines[-1] == "... and 5 more"
    assert str(error) == "\n".join(lines)
    assert error.exit_code is ExitCode.BAD_INPUT


def test_every_error_is_a_mcdocgen_error_with_an_exit_code():
    internal = InternalError("worker 3", "Traceback ...\nValueError: boom\n")
    assert str(internal) == "worker 3: ValueError: boom" and internal.exit_code is ExitCode.INTERNAL_ERROR
    assert str(InternalError("worker 3")) == "worker 3: unknown error"
    trial = TrialError(["--var x: bad", "--wrt: missing"])
    assert str(trial) == "--var x: bad\nmcdocgen: --wrt: missing" and trial.exit_code is ExitCode.BAD_INPUT
    for error in (internal, trial, CatalogError([])):
        assert isinstance(error, McdocgenError)


# ---------------------------------------------------------------- the small helpers


def test_clip_makes_one_short_line():
    assert clip("a\n  b\tc") == "a b c"
    assert clip("x" * 50) == "x" * 50
    assert clip("x" * 51) == "x" * 47 + "..."
    assert clip("abcdefghij", 8) == "abcde..."
    assert clip(12345) == "12345"


def test_did_you_mean_names_the_closest_candidate_or_nothing():
    assert closest("nrom", ["norm", "sum", "tr"]) == "norm"
    assert did_you_mean("nrom", ["norm", "sum", "tr"]) == " (did you mean 'norm'?)"
    assert closest("logsumexp", ["norm", "sum", "tr"]) is None
    assert did_you_mean("logsumexp", ["norm", "sum", "tr"]) == ""
    assert did_you_mean("x", []) == ""


def test_listing_cuts_long_lists():
    assert listing(["a", "b"]) == "a, b"
    assert listing([str(n) for n in range(14)]) == "0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, ..."
    assert listing("abc", limit=2) == "a, b, ..."


# ---------------------------------------------------------------- the codes are documented


def documented_codes() -> dict[str, str]:
    """code -> meaning, from the table under 'Error codes' on the reference page."""
    section = REFERENCE.read_text(encoding="utf-8").split("## Error codes", 1)[1].split("\n## ", 1)[0]
    return dict(re.findall(r"^\| `([a-z0-9-]+)` \| (.+?) \|$", section, re.M))


def test_every_error_code_has_one_line_in_the_docs_and_no_other_is_listed():
    documented = documented_codes()
    assert sorted(documented) == sorted(code.value for code in ErrorCode)
    assert all(meaning.strip() for meaning in documented.values())


def test_codes_are_kebab_case_words():
    for code in ErrorCode:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code.value), code
