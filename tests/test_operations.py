"""present.operations: the operations an expression uses, read off its parsed tree."""

from __future__ import annotations

import dataclasses

import pytest

from mcdocgen.present.operations import Operation as O
from mcdocgen.present.operations import operations
from problem_factory import make_problem

N, M = ["n"], ["n", "n"]


@pytest.mark.parametrize(("expression", "variables", "expected"), [
    ("tr(A @ X)", {"A": M, "X": M}, {O.TRACE, O.PRODUCT}),
    ("log(det(X))", {"X": M}, {O.DETERMINANT, O.ELEMENTWISE}),
    ("logdet(X)", {"X": M}, {O.DETERMINANT}),
    ("inv(A + t * B)", {"A": M, "B": M, "t": []}, {O.INVERSE, O.KRONECKER}),   # by A and B: vec forms
    ("norm(x)**2", {"x": N}, {O.NORM, O.POWER}),
    ("x.T @ A @ x", {"x": N, "A": M}, {O.QUADRATIC, O.PRODUCT}),
    ("dot(x, A @ x)", {"x": N, "A": M}, {O.QUADRATIC, O.PRODUCT, O.DOT}),
    ("x.T @ A @ y", {"x": N, "A": M, "y": N}, {O.PRODUCT}),
    ("w * x", {"w": N, "x": N}, {O.HADAMARD}),
    ("z * x", {"z": [], "x": N}, set()),
    ("-dot(y, log(softmax(z)))", {"y": N, "z": N}, {O.DOT, O.ELEMENTWISE, O.SOFTMAX}),
    ("kron(A, B)", {"A": M, "B": M}, {O.KRONECKER}),
    ("sum(max(0, x))", {"x": N}, {O.SUM, O.ELEMENTWISE}),
])
def test_operations_are_read_off_the_expression(expression, variables, expected):
    assert set(operations(make_problem(expression, variables))) == expected


@pytest.mark.parametrize(("expression", "variables", "wrt", "hessian", "vec"), [
    ("inv(A + t * B)", {"A": M, "B": M, "t": []}, ["t"], (), False),    # a matrix by a scalar: no vec form
    ("inv(A + t * B)", {"A": M, "B": M, "t": []}, ["A"], (), True),
    ("X @ x", {"X": M, "x": N}, ["X"], (), True),                       # a vector by a matrix
    ("X @ x", {"X": M, "x": N}, ["x"], (), False),                      # a vector by a vector: a Jacobian
    ("log(det(X))", {"X": M}, ["X"], ("X",), True),                     # a Hessian by a matrix
    ("x.T @ A @ x", {"x": N, "A": M}, ["x"], ("x",), False),
])
def test_derivatives_in_vec_form_are_listed_with_the_kronecker_products(expression, variables, wrt, hessian, vec):
    p = dataclasses.replace(make_problem(expression, variables, wrt), hessian=hessian)
    assert (O.KRONECKER in operations(p)) is vec


def test_in_the_index_order_with_symmetry_and_second_derivatives_from_the_problem():
    p = make_problem("tr(A @ X)", {"A": M, "X": M}, assume={"X": ["symmetric"]})
    assert operations(p) == (O.PRODUCT, O.TRACE, O.SYMMETRIC)
    q = dataclasses.replace(make_problem("x.T @ A @ x", {"x": N, "A": M}), hessian=("x",))
    assert operations(q) == (O.PRODUCT, O.QUADRATIC, O.SECOND)
    assert len({op.anchor for op in O}) == len(O)


def test_each_page_says_which_problems_it_lists():
    # "whose expression uses this operation" over X^-1 by X, listed for its vec form (review2)
    assert "vec form" in O.KRONECKER.listed and "symmetric" in O.SYMMETRIC.listed
    assert O.TRACE.listed == "whose expression uses this operation"
