"""The substitutions of SymPy's route (substituted.py): abs(a) written a sign(a) only where that may win."""

import sympy
from hypothesis import assume, event, given

from rewrite_support import parse, scalar_expressions
from mcdocgen.engine import scalars
from mcdocgen.engine.ring_cancel import cancel, factor_terms
from mcdocgen.engine.substituted import abs_by_sign, abs_may_cancel
from mcdocgen.errors import ExprError


def _sympy(text):
    return scalars.to_sympy(parse(text), scalars._Atoms())


def _may_cancel(text):
    e = _sympy(text)
    return abs_may_cancel(e, sorted(e.atoms(sympy.Abs), key=sympy.default_sort_key))


def test_abs_is_written_by_sign_where_its_argument_is_found_beside_it():
    for text in ("sign(c) / abs(c) * c * d", "abs(c - d) / (c - d)", "abs(x) + abs(x - y)", "abs(c) * c + tr(A)"):
        assert _may_cancel(text), text
    assert scalars.simplify_scalar(parse("sign(c) / abs(c) * c * d")) == parse("d")


def test_abs_of_symbols_found_nowhere_else_is_not_written_by_sign():
    for text in ("abs(x - y) / tr(A) + 1", "c * log(abs(x - y) / d + 1)", "abs(x - y) * abs(tr(A) - 1) / (d + 1)"):
        assert not _may_cancel(text), text
        assert abs_by_sign(_sympy(text)) is None


def test_abs_under_roots_beside_its_sign_only_is_not_written_by_sign():
    # the gradient of sum(|A x - b|^(3/2)): sign(u) sqrt(|u|), as SymPy's route keeps it
    for text in ("sign(c - d) * sqrt(abs(c - d))", "sign(tr(A) - 1) * abs(tr(A) - 1)**(3/2) / d", "sign(c) * sqrt(abs(c)) * x"):
        assert not _may_cancel(text), text
        assert abs_by_sign(_sympy(text)) is None
    for text in ("sign(c - d) * abs(c - d)", "sign(c - d) * sqrt(abs(c - d)) + abs(c - d)", "sqrt(abs(c - d)) * (c - d)"):
        assert _may_cancel(text), text


_ATOMS = ("abs(x - y)", "abs(x + 2 * y)", "abs(c)", "abs(tr(B) - 1)", "sign(tr(B) - 1)", "tr(A)", "dot(x, y)", "d",
          "tanh(tr(A))", "log(d)", "sqrt(tr(A))", "exp(d)", "1 + d", "tr(A) - 1", "1", "2", "-1", "1/2",
          "sqrt(abs(tr(B) - 1))", "abs(tr(B) - 1)**(3/2)", "sign(c)", "sqrt(abs(c))", "sign(1 - tr(B))", "abs(1 - tr(B))**(1/3)")


@given(scalar_expressions(_ATOMS, (-2, -1, 1, 2, 3), max_leaves=7))
def test_the_form_by_sign_left_out_is_never_the_best(text):
    """Where abs_may_cancel says no, SymPy's route with the form by sign among its candidates chooses as without it."""
    try:
        node = parse(text)
    except ExprError:   # a division by zero
        assume(False)
    atoms = scalars._Atoms()
    e = scalars.to_sympy(node, atoms)
    found = sorted(e.atoms(sympy.Abs), key=sympy.default_sort_key)
    if not found or abs_may_cancel(e, found):   # returned, not filtered out (assume): too many for the health check
        event("abs may cancel")
        return
    forms = scalars._forms(e)
    try:
        by_sign = factor_terms(cancel(e.xreplace({x: x.args[0] * sympy.sign(x.args[0]) for x in found})))
    except (ValueError, TypeError, sympy.PolynomialError):
        return
    assert scalars._best(node, [*forms, (by_sign, 0)], atoms) == scalars._best(node, forms, atoms)
