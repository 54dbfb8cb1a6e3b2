"""mcdocgen.language.canonical: two expressions have one normal form exactly when they differ only
by the identities the module lists (order of sums, transposes pushed down, inner products, ...)."""

from __future__ import annotations

import pytest

from mcdocgen.language import expr, shapes
from mcdocgen.language.canonical import canonical

n = shapes.size_symbol("n")
SCOPE = expr.Scope(
    {
        "x": expr.var("x", shapes.from_spec([n])),
        "y": expr.var("y", shapes.from_spec([n])),
        "A": expr.var("A", shapes.from_spec([n, n])),
        "B": expr.var("B", shapes.from_spec([n, n])),
        "S": expr.var("S", shapes.from_spec([n, n]), symmetric=True),
        "c": expr.var("c", shapes.from_spec([])),
    },
    {"n": n},
)


def form(text: str):
    return canonical(expr.parse(text, SCOPE))


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("x + y", "y + x"),                              # order of a sum
        ("(x + y) + c * x", "c * x + (y + x)"),          # and its grouping
        ("x * y", "y * x"),                              # elementwise product
        ("(A @ B).T @ x", "B.T @ (A.T @ x)"),            # (AB)^T = B^T A^T, grouping of products
        ("(x + y).T @ A @ x", "x.T @ A.T @ (x + y)"),    # a 1 x 1 product equals its transpose
        ("dot(x, y)", "x.T @ y"),                        # inner products
        ("dot(x, y)", "sum(x * y)"),
        ("S.T @ x", "S @ x"),                            # a symmetric matrix is its transpose
        ("tr(A.T)", "tr(A)"),                            # tr, det, sum, norm ignore a transpose
        ("norm(x.T)", "norm(x)"),
        ("exp(A).T @ x", "exp(A.T) @ x"),                # f(a)^T = f(a^T) elementwise
        ("inv(A).T @ x", "inv(A.T) @ x"),
        ("-(-x)", "x"),
    ],
)
def test_identities_give_one_form(left, right):
    assert form(left) == form(right)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("A @ x", "A.T @ x"),                            # A is not declared symmetric
        ("A @ B @ x", "B @ A @ x"),                      # matrix products do not commute
        ("x - y", "y - x"),
        ("x.T @ A @ x", "x.T @ A @ x + 1"),
        ("exp(x)", "log(x)"),
        ("c * x", "x"),
    ],
)
def test_other_expressions_keep_their_own_form(left, right):
    assert form(left) != form(right)
