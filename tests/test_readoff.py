"""The steps check's reading of the differential: a correct matrix-by-scalar result passes, a wrong one fails."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from mcdocgen import language as E
from mcdocgen.checks.readoff import tensor_check
from mcdocgen.engine.readoff import applies
from mcdocgen.checks.results import CheckStatus, EXACT_TOLERANCE
from mcdocgen.checks.verify import steps_check
from mcdocgen.engine.derive import derive
from problem_factory import make_problem

VARIABLES = {"A": ["n", "n"], "B": ["n", "n"], "t": []}


def _with_result(numerator: str, expression: str = "inv(A + t * B)", variables=VARIABLES, wrt: str = "t"):
    """The problem's derivation with a given numerator-layout result (the engine of this branch refuses a
    matrix by a scalar or a vec form; the check is tested on a result given to it, right or wrong)."""
    p = make_problem(expression, variables, wrt=[wrt])
    d = derive(p, wrt)
    scope = E.Scope({v.name: E.var(v.name, v.shape) for v in p.variables},
                    {s: E.shapes.size_symbol(s) for s in p.sizes})
    num = E.parse(numerator, scope)
    return p, replace(d, not_derived=None, numerator=num, result=E.transpose(num), product=E.transpose(num),
                      product_numerator=num)


def test_matrix_by_scalar_applies():
    _, d = _with_result("-inv(A + t * B) @ B @ inv(A + t * B)")
    assert applies(d)


def test_right_result_agrees_with_readoff_and_index_form():
    p, d = _with_result("-inv(A + t * B) @ B @ inv(A + t * B)")
    out = tensor_check(p, d, np.random.default_rng(0), [])
    assert out is not None and out.error <= EXACT_TOLERANCE
    result = steps_check(p, d, np.random.default_rng(0), [])
    assert result.status is CheckStatus.PASSED
    assert "read off the differential" in result.detail


def test_wrong_result_fails_the_steps_check():
    p, d = _with_result("inv(A + t * B) @ B @ inv(A + t * B)")   # the sign dropped
    out = tensor_check(p, d, np.random.default_rng(0), [])
    assert out is not None and out.error > EXACT_TOLERANCE
    assert steps_check(p, d, np.random.default_rng(0), []).status is CheckStatus.FAILED


def test_scalar_results_are_not_read_here():
    p = make_problem("tr(A) * t", {"A": ["n", "n"], "t": []}, wrt=["t"])
    d = derive(p, "t")
    assert not applies(d)
    assert tensor_check(p, d, np.random.default_rng(0), []) is None


def test_a_wrong_displayed_local_differential_is_caught():
    from mcdocgen.checks.readoff import _forward, readoff_value
    from mcdocgen.checks.sampling import sample
    from mcdocgen.engine.differential import differential_steps
    from mcdocgen.engine.linear_terms import canonical

    p, d = _with_result("-inv(A + t * B) @ B @ inv(A + t * B)")
    steps = differential_steps(d.intermediates, "t")
    rng = np.random.default_rng(0)
    sizes, env = sample(p, rng, [], d)
    c = canonical(p.expression, E.var("t", E.shapes.SCALAR))
    direction = np.array([[0.5]])
    along = readoff_value(c, env, sizes) @ direction
    assert np.allclose(_forward(d, steps, env, sizes, direction), along)
    wrong = (*steps[:-1], replace(steps[-1], value=E.neg(steps[-1].value)))
    assert not np.allclose(_forward(d, wrong, env, sizes, direction), along)


LAYER = {"W": ["m", "n"], "x": ["n"]}
VEC_CASES = [  # expression, variables, wrt, the right numerator, a wrong one
    ("A @ X @ B", {"A": ["m", "m"], "X": ["m", "n"], "B": ["n", "n"]}, "X", "kron(B.T, A)", "kron(B, A)"),
    ("inv(X)", {"X": ["n", "n"]}, "X", "-kron(inv(X).T, inv(X))", "-kron(inv(X), inv(X))"),
    ("X.T", {"X": ["m", "n"]}, "X", "commutation(m, n)", "commutation(n, m).T @ commutation(m, n)"),
    ("W @ x", LAYER, "W", "kron(x.T, eye(m))", "kron(eye(m), x.T)"),
    ("X * X", {"X": ["m", "n"]}, "X", "2 * diag(vec(X))", "diag(vec(X))"),
    ("W.T @ tanh(W @ x)", LAYER, "W",
     "kron(tanh(W @ x).T, eye(n)) @ commutation(m, n) + W.T @ diag(1 - tanh(W @ x)**2) @ kron(x.T, eye(m))",
     "W.T @ diag(1 - tanh(W @ x)**2) @ kron(x.T, eye(m))"),
]


@pytest.mark.parametrize(("expression", "variables", "wrt", "right", "wrong"), VEC_CASES,
                         ids=[c[0] for c in VEC_CASES])
def test_vec_form_right_passes_and_wrong_fails(expression, variables, wrt, right, wrong):
    p, d = _with_result(right, expression, variables, wrt)
    assert applies(d)
    assert steps_check(p, d, np.random.default_rng(1), []).status is CheckStatus.PASSED
    p, d = _with_result(wrong, expression, variables, wrt)
    assert steps_check(p, d, np.random.default_rng(1), []).status is CheckStatus.FAILED
