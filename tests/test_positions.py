"""A sum over positions (the product rule's terms) is printed term by term, not partly factored (review s37 C-3)."""

import numpy as np
import pytest
from problem_factory import make_problem

from mcdocgen import language as E
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.engine.derive import derive
from mcdocgen.engine.simplify.positions import multiplied_out, partly_factored
from mcdocgen.language.shapes import size_symbol

SQ = ["n", "n"]


def _node(text, names="ABX", vectors="xc"):
    n = size_symbol("n")
    table = {k: E.var(k, E.parse("zeros(n, n)", E.Scope({}, {"n": n})).shape) for k in names}
    table |= {k: E.var(k, E.parse("zeros(n)", E.Scope({}, {"n": n})).shape) for k in vectors}
    return E.parse(text, E.Scope(table, {"n": n}))


@pytest.mark.parametrize("expression, variables, numerator, denominator", [
    # the Cookbook's eq. 122 with k = 3, A X^2 + X A X + X^2 A; was X (A X + X A) + A X^2
    ("tr(A @ X @ X @ X)", {"A": SQ, "X": SQ}, "A @ X @ X + X @ A @ X + X @ X @ A",
     "(A @ X @ X + X @ A @ X + X @ X @ A).T"),
    # eq. 91 with n = 3, each term X^(2-r) b a^T X^r; was X (b a^T X + X b a^T) + b a^T X^2
    ("a.T @ X @ X @ X @ b", {"a": ["n"], "X": SQ, "b": ["n"]}, "X @ X @ b @ a.T + X @ b @ a.T @ X + b @ a.T @ X @ X",
     "(X @ X @ b @ a.T + X @ b @ a.T @ X + b @ a.T @ X @ X).T"),
    ("tr(A @ X @ X @ X @ X)", {"A": SQ, "X": SQ}, "A @ X @ X @ X + X @ A @ X @ X + X @ X @ A @ X + X @ X @ X @ A",
     "(A @ X @ X @ X + X @ A @ X @ X + X @ X @ A @ X + X @ X @ X @ A).T"),
])
def test_a_sum_over_positions_is_written_term_by_term(expression, variables, numerator, denominator):
    d = derive(make_problem(expression, variables, ["X"]), "X")
    assert (E.flat_text(d.numerator), E.flat_text(d.result)) == (numerator, denominator)
    rng = np.random.default_rng(0)
    env = {k: rng.normal(size=(4, 4) if len(v) == 2 else (4, 1)) for k, v in variables.items()}
    want = evaluate(E.parse(denominator, E.Scope({k: E.var(k, make_problem(expression, variables).variable(k).shape)
                                                   for k in variables}, {"n": size_symbol("n")})), env, {size_symbol("n"): 4})
    np.testing.assert_allclose(evaluate(d.result, env, {size_symbol("n"): 4}), want, rtol=1e-12)


@pytest.mark.parametrize("text, partly", [
    ("X @ (A @ X + X @ A) + A @ X @ X", True),
    ("(A @ X + X @ A).T @ X.T + (A @ X @ X).T", True),     # the denominator layout's form of it
    ("(A + B) @ x + c", False),                            # a factor shared by some terms, of other factors
    ("A @ X @ X + X @ A @ X + X @ X @ A", False),          # multiplied out already
    ("(A + A.T) @ x + A @ x", False),                      # A^T x is no position of A x
    ("X @ (A @ X + X @ B) + A @ X @ X", False),            # B is no position of A
])
def test_a_partly_factored_sum_is_a_sum_over_positions_with_a_factor_taken_out_of_some_terms(text, partly):
    node = _node(text)
    assert partly_factored(node) is partly
    assert (multiplied_out(node) is not None) is partly
