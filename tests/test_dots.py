"""Inner products that cancel an elementwise quotient (engine/simplify/dots.py), proven by numbers."""

import pytest
from matrix_identities import parse, same_value, simplifies

from mcdocgen.engine.simplify import SYMPY_BUDGET, Budget, RewriteId, simplify


@pytest.mark.parametrize(("before", "after"), [
    ("x.T @ (y / x)", "sum(y)"),
    ("(y / x).T @ x", "sum(y)"),
    ("exp(x).T @ (y / exp(x))", "sum(y)"),
])
def test_a_dot_with_a_quotient_by_the_same_vector_is_a_sum(before, after):
    assert RewriteId.DOT_QUOTIENT in simplifies(before, after)


def test_a_dot_with_another_quotient_is_left_alone():
    node = parse("x.T @ (y / a)")
    assert simplify(node) == node


@pytest.mark.parametrize(("before", "after"), [
    ("(diag(softmax(x)) - softmax(x) @ softmax(x).T) @ y", "softmax(x) * (y - dot(softmax(x), y))"),
    ("(diag(x) - outer(x, a)) @ y", "x * (y - dot(a, y))"),
    ("y.T @ (diag(x) - a @ x.T)", "(x * (y - dot(a, y))).T"),
])
def test_a_diagonal_less_an_outer_product_times_a_vector_is_elementwise(before, after):
    assert RewriteId.DIAG_LESS_OUTER in simplifies(before, after)


def test_a_diagonal_less_an_outer_product_of_another_vector_or_by_a_quotient_is_left_alone():
    for text in ("(diag(x) - a @ x.T) @ y", "(diag(x) - x @ a.T) @ (y / x)"):
        budget = Budget(SYMPY_BUDGET)
        simplify(parse(text), budget)
        assert RewriteId.DIAG_LESS_OUTER not in budget.rewrites


@pytest.mark.parametrize(("before", "after"), [
    ("(eye(n) + (x - mean(x)) @ (x - mean(x)).T / s) @ ones(n)", "ones(n)"),
    ("ones(n).T @ (A - 2 * ((x - mean(x)) @ y.T))", "ones(n).T @ A"),
    ("((x - mean(x)) @ (x - mean(x)).T) @ ones(n)", "zeros(n)"),
    ("sum(x - mean(x))", "0"),
])
def test_terms_that_end_in_a_centred_vector_drop_against_ones(before, after):
    assert RewriteId.CENTRED_SUM in simplifies(before, after)


def test_a_vector_less_another_mean_is_not_centred():
    budget = Budget(SYMPY_BUDGET)
    simplify(parse("(A + (x - mean(y)) @ (x - mean(y)).T) @ ones(n)"), budget)
    assert RewriteId.CENTRED_SUM not in budget.rewrites



@pytest.mark.parametrize("text", [
    "(A + B @ (X - mean(X)).T) @ ones(n)",
    "ones(n).T @ (A + (X - mean(X)) @ B)",
])
def test_a_centred_matrix_does_not_drop_against_ones(text):
    # only all the entries of X - mean(X) together sum to 0, not each of its rows or columns
    node = parse(text)
    budget = Budget(SYMPY_BUDGET)
    simple = simplify(node, budget)
    assert RewriteId.CENTRED_SUM not in budget.rewrites
    assert same_value(node, simple)
