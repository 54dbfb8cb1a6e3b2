"""Symmetric by construction: a transpose of such a matrix is dropped (the value proven by numbers)."""

import pytest

from rewrite_support import assert_same_value, parse
from mcdocgen import language as E
from mcdocgen.engine.simplify import is_symmetric, simplify


@pytest.mark.parametrize("text", ["ones(n) @ ones(n).T", "A @ A.T / c", "A @ A.T - ones(n) @ ones(n).T / n",
                                  "x @ x.T / (1 + c)"])
def test_outer_products_of_ones_and_quotients_by_a_scalar_are_symmetric(text):
    node = simplify(parse(text))
    assert is_symmetric(node)
    out = simplify(E.transpose(node))
    assert out == node
    assert_same_value(E.transpose(node), out)


@pytest.mark.parametrize("text", ["eye(n) * cos(A)", "cos(A) * eye(n)", "diag(x) * A"])
def test_an_entrywise_product_with_a_diagonal_factor_is_diagonal_so_symmetric(text):
    # the gradient of tr(sin A) is I o cos(A): its transpose, the numerator layout's, is itself
    node = simplify(parse(text))
    assert is_symmetric(node) and simplify(E.transpose(node)) == node
    assert_same_value(E.transpose(node), node)


@pytest.mark.parametrize("text", ["ones(n) @ x.T", "A / c", "x @ y.T / n", "ones(n) @ x.T * A"])
def test_a_quotient_of_a_matrix_not_symmetric_is_not(text):
    assert not is_symmetric(simplify(parse(text)))


@pytest.mark.parametrize("text", ["A @ (x - y) @ (y - x).T @ A.T", "S @ (x - y) @ (y.T - x.T) @ S + S"])
def test_a_palindrome_up_to_the_direction_of_a_difference_is_symmetric(text):
    node = simplify(parse(text))
    assert is_symmetric(node)
    assert_same_value(E.transpose(node), node)


def test_a_product_whose_ends_differ_by_more_than_a_sign_is_not_symmetric():
    assert not is_symmetric(simplify(parse("A @ (x - y) @ (y + x).T @ A.T")))


@pytest.mark.parametrize("text", ["inv(S + A @ A.T)**2", "S * (A @ A.T)", "exp(S) / (S @ S)", "c * S**3", "tanh(S) * c"])
def test_entrywise_operations_of_symmetric_matrices_are_symmetric(text):
    # (S o T)_ij = S_ij T_ij = S_ji T_ji: the Hessian of logdet(A + diag(x)) is -inv(A + diag(x))**2, no transpose
    node = simplify(parse(text))
    assert is_symmetric(node)
    out = simplify(E.transpose(node))
    assert out == node
    assert_same_value(E.transpose(node), out)


@pytest.mark.parametrize("text", ["S * A", "A**2", "exp(A) * S", "S / A", "exp(A @ S)", "S * (A @ S)"])
def test_an_entrywise_operation_with_a_matrix_not_symmetric_is_not(text):
    assert not is_symmetric(simplify(parse(text)))
