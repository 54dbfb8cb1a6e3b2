"""The steps check's reading of the differential: a correct matrix-by-scalar result passes, a wrong one fails."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from mcdocgen import language as E
from mcdocgen.checks.readoff import applies, tensor_check
from mcdocgen.checks.results import CheckStatus, EXACT_TOLERANCE
from mcdocgen.checks.verify import steps_check
from mcdocgen.engine.derive import derive
from problem_factory import make_problem

VARIABLES = {"A": ["n", "n"], "B": ["n", "n"], "t": []}


def _with_result(numerator: str):
    """The problem's derivation with a given numerator-layout result (the engine of this branch refuses a
    matrix by a scalar; the check is tested on a result given to it, right or wrong)."""
    p = make_problem("inv(A + t * B)", VARIABLES, wrt=["t"])
    d = derive(p, "t")
    scope = E.Scope({v.name: E.var(v.name, v.shape) for v in p.variables}, {"n": E.shapes.size_symbol("n")})
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
