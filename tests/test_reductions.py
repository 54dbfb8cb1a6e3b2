"""simplify.reductions on traces: products that are rotations of one another are like terms inside a trace
(tr(A B C) = tr(B C A) = tr(C A B), never tr(C B A)), and sum(S o B) is the trace tr(S B) for a symmetric S."""

import pytest

from language_support import SCOPE
from rewrite_support import assert_same_value, assert_simplifies
from mcdocgen import language as E
from mcdocgen.engine.simplify import RewriteId, simplify


def simplified(text: str) -> str:
    return E.to_text(simplify(E.parse(text, SCOPE)))


@pytest.mark.parametrize(("text", "printed"), [
    # the Hessian of tr(inv(A + t B)) by t, M = inv(A + t B): the two terms are one word turned round
    ("tr(A @ (B @ A + A @ B) @ A @ B)", "2 * tr(A @ (B @ (A @ (B @ A))))"),
    # non-square factors: X^T X B and B X^T X (X is m x n) turn into each other
    ("tr(X.T @ X @ B + B @ X.T @ X)", "2 * tr(X.T @ (X @ B))"),
    # a repeated factor: A A B, A B A and B A A are one word (printed the way it reads backwards too)
    ("tr(A @ A @ B + A @ B @ A)", "2 * tr(A @ (B @ A))"),
    ("tr(A @ B - B @ A)", "0"),                  # a commutator has no trace
    ("tr(A @ B - 2 * B @ A)", "-tr(A @ B)"),
])
def test_rotations_of_one_product_are_like_terms_in_a_trace(text, printed):
    assert_simplifies(text, printed, RewriteId.TRACE_CYCLIC)


@pytest.mark.parametrize("text", [
    "tr(A @ B @ S + S @ B @ A)",                 # a reversal is not a rotation: tr(A B S) != tr(S B A)
    "tr(A @ B + A.T @ B)",                       # a transposed factor is another factor
    "tr(A @ B @ A @ B + B @ A @ A @ B)",         # the same factors in another cyclic order
    "tr(c * (A @ B) + B @ A)",                   # a scalar that is not a number stays where it is
])
def test_products_that_are_not_rotations_stay_apart(text):
    node = E.parse(text, SCOPE)
    out = simplify(node)
    assert not E.to_text(out).startswith("2 * tr(")
    assert_same_value(node, out)


@pytest.mark.parametrize(("text", "printed"), [
    ("sum(S * (A @ B))", "tr(S @ (A @ B))"),
    ("sum((A @ B) * S)", "tr(A @ (B @ S))"),
])
def test_a_hadamard_sum_with_a_symmetric_factor_is_a_trace(text, printed):
    assert_simplifies(text, printed, RewriteId.SUM_AS_TRACE)


@pytest.mark.parametrize("text", ["sum(A * (B @ S))", "sum(X * (X @ S))", "sum(x * (A @ x))", "sum(A * S)"])
def test_a_hadamard_sum_without_a_symmetric_factor_is_no_trace(text):
    # A is not symmetric, X @ S is not square, x is a vector: sum(A o B) = tr(A^T B) needs the transpose;
    # sum(A o S) of two variables is as short as tr(A S), and stays
    assert "tr(" not in simplified(text)


@pytest.mark.parametrize(("text", "printed"), [
    ("sign(x - x)", "zeros(n)"), ("abs(0 * x) + y", "y"), ("relu(x - x) * c", "zeros(n)"), ("c * sign(d - d)", "0"),
    ("sign(x - x) * x", "zeros(n)"),      # review s45: sum(sign(x - x) * x)'s result printed sign(zeros(n))
])
def test_a_function_zero_at_zero_of_an_all_zero_argument_is_zero(text, printed):
    assert_simplifies(text, printed, RewriteId.ZERO)


def test_a_root_or_norm_of_zero_is_zero_and_a_function_not_zero_there_stays():
    # sqrt(0) and norm(0) reach the simplifier as results (c * norm(x - x) by c is norm(0)); the parser refuses them
    # where a derivative may pass through them
    v = SCOPE.variables
    assert simplify(E.mul(v["c"], E.norm(E.zero(v["x"].shape)))) == E.num(0)
    assert simplify(E.add(v["d"], E.func(E.Fn.SQRT, E.num(0)))) == v["d"]
    assert simplify(E.norm1(E.sub(v["x"], v["x"]))) == E.num(0)
    kept = simplify(E.parse("exp(x - x) * c", SCOPE))     # exp(0) = 1: no zero
    assert E.to_text(kept) == "c * exp(zeros(n))"
    assert_same_value(E.parse("exp(x - x) * c", SCOPE), kept)
