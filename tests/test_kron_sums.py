"""mcdocgen.engine.simplify.kron_sums: sums of Kronecker products gathered into Magnus and Neudecker's
forms, and a Kronecker product met by a sum term by term; each gives the textbook form, names its identity
and keeps the value (evaluated with numpy at random points)."""

import pytest

from rewrite_support import assert_simplifies
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
