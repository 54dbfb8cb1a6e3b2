"""mcdocgen.catalog.not_derived: the top-level not_derived: list read into NotDerived records, its
TeX statements held to the allowed vocabulary, each mistake located."""

from __future__ import annotations

import pytest
from catalog_support import BASE, diagnostics_of, load_catalog, only_error, write

from mcdocgen.catalog.not_derived import NotDerived, tex_problem


def _entry(statement: str, extra: str = "") -> str:
    return (BASE + "not_derived:\n  - source: \"The Matrix Cookbook (2012), eq. 60\"\n"
            f"    statement: '{statement}'\n    reason: \"No derivative by an entry.\"\n{extra}")


def test_entries_are_read_into_typed_records_with_their_line(tmp_path):
    catalog = load_catalog(write(tmp_path, _entry(r"\frac{\partial \det(\mathbf{X})}{\partial X_{ij}}")))
    assert catalog.not_derived == (NotDerived("The Matrix Cookbook (2012), eq. 60",
                                              r"\frac{\partial \det(\mathbf{X})}{\partial X_{ij}}",
                                              "No derivative by an entry.", 13),)


def test_no_list_and_an_empty_one_give_no_entries(tmp_path):
    assert load_catalog(write(tmp_path, BASE)).not_derived == ()
    assert load_catalog(write(tmp_path, BASE + "not_derived:\n")).not_derived == ()


@pytest.mark.parametrize(("statement", "message"), [
    (r"\href{http://x}{y}", r"the TeX command '\href' is not one a statement may use"),
    (r"\htmlClass{a}{b}", r"the TeX command '\htmlClass' is not one a statement may use"),
    (r"\frac{a}{b", "a '{' is never closed"),
    (r"a}{b", "a '}' closes no '{'"),
    (r"\begin{verbatim}x\end{verbatim}", "the environment 'verbatim' is not one a statement may use"),
    ("a # b", "the character '#' is not allowed in a statement"),
    ("<script>alert(1)</script>", "the character '<' is not allowed in a statement (write \\lt or \\langle)"),
    ("a > b", "the character '>' is not allowed in a statement"),   # a line opening with a tag is raw HTML
    (r"a \lt b \gt c", None),
    (r"\{ a \}", None),        # escaped braces are characters, not groups
    (r"\begin{bmatrix} a & b \\ c & d \end{bmatrix}", None),
])
def test_statements_are_held_to_the_vocabulary(statement, message):
    problem = tex_problem(statement)
    if message is None:
        assert problem is None
    else:
        assert problem is not None and problem.startswith(message)


def test_a_bad_statement_is_located_at_its_line_with_its_code(tmp_path):
    assert only_error(tmp_path, _entry(r"\href{x}{y}")).startswith(
        r"14:16: not_derived[0].statement: the TeX command '\href' is not one a statement may use")
    assert only_error(tmp_path, _entry(r"\frac{a")).endswith("[bad-tex]")


def test_every_mistake_of_an_entry_is_reported(tmp_path):
    text = BASE + "not_derived:\n  - source: s\n    statment: x\n  - 5\n"
    assert [d.split(": ", 1)[1] for d in diagnostics_of(write(tmp_path, text))] == [
        "not_derived[0]: missing the key 'reason' [missing-key]",     # a misspelt key is not also missing
        "not_derived[0]: unknown key 'statment' (did you mean 'statement'?) [unknown-key]",
        "not_derived[1]: expected a mapping with source, statement, reason, got the number 5 [wrong-type]",
    ]


def test_the_list_must_be_a_list(tmp_path):
    assert only_error(tmp_path, BASE + "not_derived: {a: 1}\n").endswith(
        "not_derived: expected a list, got a mapping [wrong-type]")
