"""Inverses of products met by a factor inside a chain (engine/simplify/inverses.py), proven by numbers."""

import pytest
from matrix_identities import parse, same_value, simplifies

from mcdocgen import language as E
from mcdocgen.engine.simplify import SYMPY_BUDGET, Budget, RewriteId, simplify



@pytest.mark.parametrize(("before", "after"), [
    ("A.T @ inv(A @ X @ B).T @ B.T", "inv(X).T"),           # Matrix Cookbook (51): d det(AXB)/dX
    ("B @ inv(A @ X @ B) @ A", "inv(X)"),
    ("X @ B @ inv(A @ X @ B)", "inv(A)"),
    ("inv(A @ X) @ A @ B", "inv(X) @ B"),
    ("inv(X) @ X @ B", "B"),                                 # a pair inside a longer chain
    ("A.T @ inv(A @ X).T @ y", "inv(X).T @ y"),
])
def test_an_inverse_of_a_product_cancels_a_factor(before, after):
    assert simplifies(before, after) & {RewriteId.INVERSE_OF_PRODUCT, RewriteId.INVERSE_PAIR}


@pytest.mark.parametrize("text", [
    "C @ inv(D @ C)",               # D C is square, but C and D are not: (D C)^-1 does not split
    "inv(A @ X) @ B",               # nothing cancels: the inverse of the product stays whole
    "A @ inv(X @ B)",
])
def test_an_inverse_stays_whole_where_nothing_cancels_or_a_factor_is_not_square(text):
    node = parse(text)
    simple = simplify(node)
    assert any(isinstance(n, E.Inv) and isinstance(n.arg, E.MatMul) for n in E.walk(simple))
    assert same_value(node, simple)


@pytest.mark.parametrize(("before", "after"), [
    ("s * inv(s * X).T", "inv(X).T"),       # d log det(c X) / dX (Wikipedia, scalar-by-matrix identities)
    ("inv(X * s)", "inv(X) / s"),
    ("inv(-X) @ A", "-(inv(X) @ A)"),
])
def test_the_inverse_of_a_scaled_matrix_takes_the_scalar_out(before, after):
    assert RewriteId.INVERSE_OF_SCALED in simplifies(before, after)


@pytest.mark.parametrize(("before", "after"), [
    ("eye(n) - X @ inv(A + X)", "A @ inv(A + X)"),
    ("eye(n) - inv(X + s * eye(n)) @ X", "s * inv(X + s * eye(n))"),       # a ridge's shrinkage, in its own order
    ("eye(n) - X.T @ inv(A + X).T", "A.T @ inv(A + X).T"),
    ("B - X @ inv(A + B + X) + eye(n)", "(A + B) @ inv(A + B + X) + B"),
])
def test_the_identity_less_a_share_of_an_inverse_is_the_rest_of_it(before, after):
    assert RewriteId.INVERSE_COMPLEMENT in simplifies(before, after)


def test_a_share_of_another_inverse_is_left_alone():
    budget = Budget(SYMPY_BUDGET)
    simplify(parse("eye(n) - X @ inv(A + B)"), budget)
    assert RewriteId.INVERSE_COMPLEMENT not in budget.rewrites


@pytest.mark.parametrize(("before", "after"), [
    ("inv(D @ C) @ D @ C @ R", "R"),                    # D C is square, its factors are not
    ("D @ C @ inv(D @ C) @ u", "u"),
    ("C @ inv(D @ C) @ D @ C @ inv(D @ C) @ D", "C @ (inv(D @ C) @ D)"),   # a projection is idempotent
])
def test_an_inverse_of_a_product_meets_the_product_in_the_chain(before, after):
    assert RewriteId.INVERSE_PAIR in simplifies(before, after)
