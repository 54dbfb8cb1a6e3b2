"""abs of an argument found nowhere else as a generator of the native forms (engine.abs_alone): on random nodes with
abs of atoms and of sums, beside atoms they share or do not, the native route answers as SymPy's route does, or
declines; |a|^k and an abs met twice decline."""

import pytest
from hypothesis import given, settings

from rewrite_support import assert_native_gives_sympys_answer, native_share, parse, scalar_expressions
from mcdocgen.engine import scalars
from mcdocgen.engine.abs_alone import alone
from mcdocgen.engine.monomial import NotMonomial
from mcdocgen.engine.native import native_forms

# abs of atoms, of sums with whole coefficients (either sign first, a number, a common factor), and the atoms
# they hold standing alone too (shared: the native route must decline), with other generators and numbers
_ABS = ("abs(c)", "abs(d)", "abs(c - d)", "abs(d - c)", "abs(-c - d)", "abs(tr(A) - 2 * d)", "abs(1 - tr(B))",
        "abs(2 * c - 2 * d)", "abs(det(A))", "abs(sum(y) + tr(B) - 3)", "abs(c / 2 - d)")
_OTHER = ("c", "d", "tr(A)", "det(B)", "x.T @ A @ x", "log(tr(A))", "tanh(det(B))", "sign(d)", "exp(det(B))",
          "sqrt(tr(A))", "norm(x)")
_NUMBERS = ("1", "2", "-1", "1/2", "-3")


@native_share(0.15)
@settings(max_examples=300)
@given(scalar_expressions(_ABS + _OTHER + _NUMBERS, (-2, -1, 2, 3), max_leaves=7))
def test_abs_found_nowhere_else_gets_sympys_answer_without_sympy(text):
    assert_native_gives_sympys_answer(text, native_forms)


@native_share(0.3)
@settings(max_examples=200)
@given(scalar_expressions((*_ABS[:6], "tr(A)", "x.T @ A @ x", "log(det(B))", "1", "2", "-1"), (-1, 2, 3), max_leaves=5))
def test_abs_beside_other_atoms_gets_sympys_answer_without_sympy(text):
    assert_native_gives_sympys_answer(text, native_forms)


@pytest.mark.parametrize("text", ["abs(c - d) / tr(A)", "abs(c) * tr(A) + 1",
                                  "abs(c) / tr(A)**2 + det(B)", "abs(d - c) * log(tr(A))"])
def test_abs_alone_is_answered_natively(text):
    node = parse(text)
    assert scalars._best_of(node, ((0, form) for form in native_forms(node))) == scalars.by_sympy(node)


@pytest.mark.parametrize("text", ["abs(c) + c", "abs(c) * abs(c)", "abs(c)**2 * d", "abs(c)**3 / d", "abs(c - d) * sign(c)",
                                  "abs(c) / abs(c) * abs(c)", "abs(c - d) + abs(d)", "abs(2 * c - 2 * d) / d"])
def test_abs_sharing_or_raised_to_a_whole_power_declines(text):
    with pytest.raises(NotMonomial):
        native_forms(parse(text))


def test_alone_names_each_abs_whose_atoms_are_its_own():
    node = parse("abs(c - d) / tr(A) + abs(det(A))")
    assert set(alone(node)) == {parse("abs(c - d)"), parse("abs(det(A))")}
    assert alone(parse("abs(c - d) * c")) == frozenset()
