"""The logistic candidate built without SymPy: on random expressions in exp(c), exp(-c) and sigmoid(c), the
simplifier's answer by the native forms is SymPy's route's answer."""

import pytest
from hypothesis import given

from rewrite_support import assert_native_gives_sympys_answer, native_share, parse, scalar_expressions
from mcdocgen import language as E
from mcdocgen.engine import scalars
from mcdocgen.engine.monomial import NotMonomial
from mcdocgen.engine.native import native_forms
from mcdocgen.engine.native_logistic import logistic_forms

_ATOMS = ("exp(c)", "exp(-c)", "sigmoid(c)", "1 + exp(c)", "exp(-c) + 1", "d", "tanh(d)", "tr(A)", "1", "2", "-1",
          "1/2", "exp(tr(A))", "exp(-tr(A))", "sigmoid(tr(A))", "c")
# logistic regression's exp(-y dot(w, x)) and sigmoid(y dot(w, x)): exp and sigmoid of a product of atoms
_PRODUCTS = ("exp(c * d)", "exp(-(c * d))", "sigmoid(c * d)", "1 + exp(-(d * c))", "d", "tanh(d)", "1", "2", "-1", "c",
             "sigmoid(d * c)", "exp(-(tr(A) * d))", "sigmoid(tr(A) * d)", "exp(2 * c * d)")


@native_share(0.25)
@given(scalar_expressions(_PRODUCTS, (-1, 2, -2, 3), max_leaves=7))
def test_expressions_in_exp_of_a_product_get_sympys_answer_without_sympy(text):
    assert_native_gives_sympys_answer(text, scalars._native)


@native_share(0.25)
@given(scalar_expressions(_ATOMS, (-1, 2, -2, 3), max_leaves=7))
def test_expressions_in_exp_get_sympys_answer_without_sympy(text):
    assert_native_gives_sympys_answer(text, scalars._native)


@pytest.mark.parametrize(("text", "printed"), [
    ("1 / (1 + exp(-c))", "sigmoid(c)"),
    ("exp(c) / (exp(c) + 1)", "sigmoid(c)"),
    ("(exp(-c) + 1)**2", "1 / sigmoid(c)**2"),
    ("exp(-c) / (1 / sigmoid(c)**2)", "sigmoid(c) * (1 - sigmoid(c))"),
    ("-2 * exp(-c) / (1 + exp(-c))**2 * d", "2 * (d * (sigmoid(c) + -1) * sigmoid(c))"),   # s - 1 before s
    ("exp(-c) * d / (exp(-c) + 1)**2 * tanh(d) * tr(A)", "tr(A) * d * sigmoid(c) * tanh(d) * (1 - sigmoid(c))"),
])
def test_logistic_forms_written_as_sympy_writes_them(text, printed):
    node = parse(text)
    out = scalars._best_of(node, ((0, form) for form in logistic_forms(node)))
    assert E.to_text(out) == printed == E.to_text(scalars.by_sympy(node))


@pytest.mark.parametrize("text", ["exp(c) * exp(c) / (1 + exp(c))", "exp(c)**2 / (1 + exp(c))", "exp(c) + exp(d)",
                                  "exp(2 * c) / (1 + exp(c))", "sigmoid(c) + exp(c)", "d * n * exp(c)"])
def test_what_the_native_logistic_form_leaves_to_sympy(text):
    with pytest.raises(NotMonomial):
        logistic_forms(parse(text))


@native_share(0.25)
@given(scalar_expressions(("sigmoid(c * d)", "1 - sigmoid(d * c)", "exp(c)", "exp(-c)", "sigmoid(c)", "d", "c", "2",
                           "-1", "sigmoid(c * tr(A))", "tanh(d * c)"), (-1, 2, -2), max_leaves=6))
def test_expressions_with_functions_of_products_get_sympys_answer_without_sympy(text):
    """sigmoid(c d) is to SymPy one more generator (logistic regression's sigmoid(y dot(w, x))), beside exp(c);
    by the routes that give SymPy's forms (not native_nested's common factors, weighed beside them)."""
    def forms(node):
        try:
            return native_forms(node)
        except NotMonomial:
            return logistic_forms(node)
    assert_native_gives_sympys_answer(text, forms)
