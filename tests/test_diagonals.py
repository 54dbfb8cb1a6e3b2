"""The diagonal of a product and the sum of a diagonal (engine/simplify/diagonals.py), proven by numbers."""

import pytest
from matrix_identities import parse, same_value, simplifies

from mcdocgen import language as E
from mcdocgen.engine.simplify import RewriteId, simplify


@pytest.mark.parametrize(("before", "after", "rewrite"), [
    ("diag(a @ b.T)", "a * b", RewriteId.DIAG_OF_OUTER),
    ("diag(outer(a, b))", "a * b", RewriteId.DIAG_OF_OUTER),
    ("diag(ones(n) @ x.T)", "x", RewriteId.DIAG_OF_OUTER),
    ("diag(ones(n) @ (x.T @ A.T))", "A @ x", RewriteId.DIAG_OF_OUTER),
    ("diag(diag(x))", "x", RewriteId.DIAG_OF_DIAG),
    ("diag(A.T)", "diag(A)", RewriteId.DIAG_OF_DIAG),
    ("diag(eye(n))", "ones(n)", RewriteId.DIAG_OF_DIAG),
    ("sum(diag(A))", "tr(A)", RewriteId.SUM_DIAG),
])
def test_a_diagonal_is_read_off(before, after, rewrite):
    assert rewrite in simplifies(before, after)


def test_the_diagonal_of_r_r_transposed_is_r_squared_entrywise():
    """diag(r r^T) = r o r (printed r * r, or r**2 where powers are merged)."""
    node = parse("diag(r @ r.T)")
    simple = simplify(node)
    assert E.to_text(simple) in ("r * r", "r**2")
    assert same_value(node, simple)


def test_the_diagonal_of_a_product_of_matrices_is_left_alone():
    node = parse("diag(A @ B)")
    assert simplify(node) == node


def test_one_transposed_times_diag_and_the_quadratic_form_it_comes_from():
    """1^T diag(x) A x: its gradient is (A + A^T) x, not A^T x + diag(1 x^T A^T)."""
    assert E.to_text(simplify(parse("ones(n).T @ diag(x)"))) == "x.T"
    node = parse("A.T @ x + diag(ones(n) @ (x.T @ A.T))")
    simple = simplify(node)
    assert E.to_text(simple) == "(A + A.T) @ x"
    assert same_value(node, simple)


@pytest.mark.parametrize(("before", "after"), [
    ("diag(x) + diag(y)", "diag(x + y)"),
    ("diag(exp(x)) + diag(exp(x) * x)", "diag((x + 1) * exp(x))"),
    ("2 * diag(x) - diag(y) + A", "diag(2 * x - y) + A"),
])
def test_diagonal_matrices_of_vectors_add_up_to_one(before, after):
    assert RewriteId.DIAG_SUM in simplifies(before, after)
