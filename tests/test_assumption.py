"""The symmetry step: the form before A^T = A is shown where the assumption is used, and checked."""

from dataclasses import replace

import numpy as np
from problem_factory import make_problem

from mcdocgen import language as E
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.checks.results import CheckStatus
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.language.shapes import size_symbol

QUAD = ("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]})
SYMMETRIC = {"A": ["symmetric"]}


def _point(seed, symmetric):
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(4, 4))
    return {"x": rng.normal(size=(4, 1)), "A": a + a.T if symmetric else a}, {size_symbol("n"): 4}


def test_the_step_is_shown_where_the_symmetry_is_used():
    d = derive(make_problem(*QUAD, ["x"], assume=SYMMETRIC), "x")
    step = d.symmetry_step
    assert step is not None and [v.name for v in step.variables] == ["A"]
    for before, result in ((step.denominator, d.result), (step.numerator, d.numerator)):
        assert before is not None
        assert any(isinstance(n, E.Transpose) and n.arg == step.variables[0] for n in E.walk(before))
        for seed in range(3):   # equal where A is symmetric, and only there: the assumption is used
            env, sizes = _point(seed, True)
            np.testing.assert_allclose(evaluate(before, env, sizes), evaluate(result, env, sizes), rtol=1e-9)
            env, sizes = _point(seed, False)
            assert not np.allclose(evaluate(before, env, sizes), evaluate(result, env, sizes))


def test_no_step_without_a_symmetric_variable_or_where_it_is_not_used():
    assert derive(make_problem(*QUAD, ["x"]), "x").symmetry_step is None
    p = make_problem("tr(A) * dot(x, x)", {"x": ["n"], "A": ["n", "n"]}, ["x"], assume=SYMMETRIC)
    d = derive(p, "x")
    assert d.ok and d.symmetry_step is None     # tr(A^T) = tr(A) for any A: no assumption used
    p = make_problem("x.T @ (A @ y)", {"x": ["n"], "y": ["n"], "A": ["n", "n"]}, ["y"], assume=SYMMETRIC)
    d = derive(p, "y")      # x^T A in numerator layout, needing nothing; A^T x, then A x, in denominator layout
    assert d.symmetry_step is not None and d.symmetry_step.numerator is None
    assert E.to_text(d.symmetry_step.denominator) == "A.T @ x" and E.to_text(d.result) == "A @ x"


def test_the_steps_check_verifies_the_form_shown_before_the_step():
    p = make_problem(*QUAD, ["x"], assume=SYMMETRIC)
    d = derive(p, "x")
    assert verify(p, d).steps.status is CheckStatus.PASSED
    assert d.symmetry_step is not None and d.symmetry_step.denominator is not None
    wrong = replace(d.symmetry_step, denominator=E.mul(E.num(3), d.symmetry_step.denominator))
    assert verify(p, replace(d, symmetry_step=wrong)).steps.status is CheckStatus.FAILED
