"""Inner products that cancel an elementwise quotient (engine/simplify/dots.py), proven by numbers."""

import pytest
from matrix_identities import parse, same_value

from mcdocgen import language as E
from mcdocgen.engine.simplify import SYMPY_BUDGET, Budget, RewriteId, simplify


@pytest.mark.parametrize(("before", "after"), [
    ("x.T @ (y / x)", "sum(y)"),
    ("(y / x).T @ x", "sum(y)"),
    ("exp(x).T @ (y / exp(x))", "sum(y)"),
])
def test_a_dot_with_a_quotient_by_the_same_vector_is_a_sum(before, after):
    node = parse(before)
    budget = Budget(SYMPY_BUDGET)
    simple = simplify(node, budget)
    assert E.to_text(simple) == after
    assert RewriteId.DOT_QUOTIENT in budget.rewrites
    assert same_value(node, simple)


def test_a_dot_with_another_quotient_is_left_alone():
    node = parse("x.T @ (y / a)")
    assert simplify(node) == node
