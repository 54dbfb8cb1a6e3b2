"""present.sheet_notes: a cheat sheet's table says what its rarer symbols mean, each only where a formula on the
page uses it: the commutation matrix, and a Hadamard power with a negative exponent (review s36 C-13)."""

from __future__ import annotations

from problem_factory import make_problem
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.present.commutation import SYMBOL
from mcdocgen.present.sheet_notes import reciprocals_used_in, sheet_notes
from mcdocgen.present.views import problem_view
from mcdocgen.publish.render import cheat_sheet, markdown_environment
from mcdocgen.commands.pipeline import identity_views


def _sheets(*problems):
    views = []
    for p in problems:
        d = derive(p, p.wrt[0])
        views.append(problem_view(p, [d], [verify(p, d)], plots=False))
    return cheat_sheet(views, identity_views())


def test_a_table_with_an_entrywise_reciprocal_says_what_it_is():
    """The log barrier's gradient c + A^T (b - A x)^{o-1} (a number over an array, printed as a Hadamard power)."""
    barrier = make_problem("dot(c, x) - sum(log(b - A @ x))", {"c": ["n"], "x": ["n"], "b": ["m"], "A": ["m", "n"]},
                           ["x"], pid="barrier")
    (sheet,) = _sheets(barrier)
    cells = [c for row in sheet["rows"] for c in (row["numerator"], row["denominator"])]
    assert any(r"^{\circ -1}" in c for c in cells), cells
    (note,) = sheet["notes"]
    assert note == r"Here $\mathbf{v}^{\circ -1}$ is the entrywise reciprocal: $(\mathbf{v}^{\circ -1})_{i} = 1/v_{i}$."
    page = markdown_environment().get_template("cheatsheet_table.md.j2").render(
        sheet=sheet, rules_url="r", home_url="h", marker="")
    assert note in page


def test_no_note_where_no_formula_uses_the_symbol():
    (sheet,) = _sheets(make_problem("dot(a, x)", {"a": ["n"], "x": ["n"]}, ["x"], pid="dot"))
    assert sheet["notes"] == ()
    assert reciprocals_used_in([r"X^{-1}", r"\mathbf{x}^{\circ 2}"]) == ""     # an inverse, a positive power


def test_each_power_used_is_named_and_the_commutation_matrix_first():
    both = sheet_notes([rf"{SYMBOL}_{{n,n}}", r"\left(\mathbf{b}\right)^{\circ -2} + \mathbf{x}^{\circ -1}"])
    assert both[0].startswith(rf"Here ${SYMBOL}_{{m,n}}$ is the commutation matrix")
    assert both[1].startswith(r"Here $\mathbf{v}^{\circ -1}$ and $\mathbf{v}^{\circ -2}$ are entrywise")
    assert r"$(\mathbf{v}^{\circ -2})_{i} = 1/v_{i}^{2}$" in both[1]
