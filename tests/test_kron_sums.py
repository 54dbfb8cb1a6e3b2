"""mcdocgen.engine.simplify.kron_sums: sums of Kronecker products gathered into Magnus and Neudecker's
forms, and a Kronecker product met by a sum term by term; each gives the textbook form, names its identity
and keeps the value (evaluated with numpy at random points)."""

import pytest

from rewrite_support import assert_same_value, assert_simplifies
from test_kronecker import SCOPE, SIZES
from mcdocgen import language as E
from mcdocgen.engine.simplify import SYMPY_BUDGET, Budget, RewriteId, simplify


@pytest.mark.parametrize("text, simplified, rewrite", [
    ("kron(S, T) @ (kron(S, T) @ commutation(n, n) + kron(T, S))",
     "kron(S @ S, T @ T) @ commutation(n, n) + kron(S @ T, T @ S)", RewriteId.MIXED_PRODUCT),
    ("(kron(S, T) + commutation(n, n) @ kron(T, S)) @ kron(T, S)",
     "kron(S @ T, T @ S) + commutation(n, n) @ kron(T @ T, S @ S)", RewriteId.MIXED_PRODUCT),
    ("kron(S, T) @ (kron(S, T) + kron(T, S)).T", "kron(S @ S.T, T @ T.T) + kron(S @ T.T, T @ S.T)",
     RewriteId.MIXED_PRODUCT),
    ("kron(S, T) @ commutation(n, n) - kron(S, S) @ commutation(n, n)", "kron(S, T - S) @ commutation(n, n)",
     RewriteId.KRON_SUM),
    ("kron(S, T) - (kron(S, S) + kron(T, T))", "kron(S, T - S) - kron(T, T)", RewriteId.KRON_SUM),
])
def test_each_rewrite_gives_the_textbook_form_and_keeps_the_value(text, simplified, rewrite):
    assert_simplifies(text, simplified, rewrite, SCOPE, SIZES)


def test_a_sum_whose_terms_do_not_all_meet_the_product_is_left_alone():
    budget = Budget(SYMPY_BUDGET)
    simplify(E.parse("kron(S, T) @ (kron(S, T) + commutation(n, n))", SCOPE), budget)
    assert RewriteId.MIXED_PRODUCT not in budget.rewrites


@pytest.mark.parametrize("text, simplified", [
    # K(p, m) kron(A, B) = kron(B, A) K(q, n) for A m x n, B p x q: the two terms are one, Magnus and Neudecker's
    # (I + K) factored out (the vec form of inv(X'X))
    ("commutation(n, m) @ kron(X, S @ T) + kron(S @ T, X)", "kron(S @ T, X) @ (eye(n**2) + commutation(n, n))"),
    # kron(A, B) K(n, q) = K(m, p) kron(B, A), with m != p: the identity is mp x mp
    ("kron(X, A @ X) @ commutation(n, n) + kron(A @ X, X)", "(eye(m*p) + commutation(m, p)) @ kron(A @ X, X)"),
    ("-kron(S, T @ S) - kron(S, T @ S) @ commutation(n, n)", "-(kron(S, T @ S) @ (eye(n**2) + commutation(n, n)))"),
    # kron(T S, S T) K(n, n) = K(n, n) kron(S T, T S): a copy turned round on the other side
    ("kron(S @ T, T @ S) + kron(T @ S, S @ T) @ commutation(n, n)", "(eye(n**2) + commutation(n, n)) @ kron(S @ T, T @ S)"),
])
def test_a_term_and_its_commuted_copy_share_the_factor_i_plus_k(text, simplified):
    assert_simplifies(text, simplified, RewriteId.COMMUTATION_FACTOR, SCOPE, SIZES)


@pytest.mark.parametrize("text", [
    "commutation(m, n) @ kron(X, S @ T) + kron(S @ T, X)",         # K(m, n) is not K(n, m): no such swap
    "2 * kron(S, T @ S) + kron(S, T @ S) @ commutation(n, n)",     # another coefficient: 2 T + T K is not c T (I + K)
    "kron(S @ T, T @ S) + kron(T @ S, T @ S) @ commutation(n, n)",  # another product: not kron(S T, T S) turned
])
def test_terms_that_are_not_one_product_and_its_commuted_copy_stay(text):
    node = E.parse(text, SCOPE)
    budget = Budget(SYMPY_BUDGET)
    out = simplify(node, budget)
    assert RewriteId.COMMUTATION_FACTOR not in budget.rewrites
    assert_same_value(node, out, scope=SCOPE, sizes=SIZES)
