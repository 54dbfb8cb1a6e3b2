"""mcdocgen.language.canonical: two expressions have one normal form exactly when they differ only
by the identities the module lists (order of sums, transposes pushed down, inner products, ...)."""

from __future__ import annotations

import pytest

from mcdocgen import language as E
from mcdocgen.language import shapes
from mcdocgen.language.canonical import canonical

n = shapes.size_symbol("n")
SCOPE = E.Scope(
    {
        "x": E.var("x", shapes.from_spec([n])),
        "y": E.var("y", shapes.from_spec([n])),
        "A": E.var("A", shapes.from_spec([n, n])),
        "B": E.var("B", shapes.from_spec([n, n])),
        "S": E.var("S", shapes.from_spec([n, n]), symmetric=True),
        "c": E.var("c", shapes.from_spec([])),
    },
    {"n": n},
)


def form(text: str):
    return canonical(E.parse(text, SCOPE))


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


@pytest.mark.parametrize(
    "text",
    ["x + y + c * x", "(A @ B).T @ x - S @ y", "dot(x, y) * tr(A.T @ B)", "sum(exp(x) * y) / norm(x)",
     "diag(x) @ inv(A).T @ y", "outer(x, y) @ x + 2 * A @ x", "-(-(x * y))", "tr(A) ** 2 + det(B.T)",
     "A[0, 1] * x + c", "[[1, c], [2, 3]] @ [[1], [c]] * c"],
)
def test_each_form_carries_its_own_repr(text):
    # the order of terms is the order of the forms' repr: the repr built alongside must be Python's
    from mcdocgen.language.canonical import _canon
    node = E.parse(text, SCOPE)
    for t in (False, True):
        keyed = _canon(node, t)
        assert keyed[1] == repr(keyed[0])
        assert canonical(node, t) == keyed[0]
