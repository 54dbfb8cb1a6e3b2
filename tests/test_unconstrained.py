"""checks.unconstrained: the unconstrained gradient G by a symmetric X, checked where X is not symmetric."""

from __future__ import annotations

from dataclasses import replace

import pytest

from problem_factory import make_problem
from mcdocgen import language as E
from mcdocgen.catalog import Assumption
from mcdocgen.checks.numeric import numeric_check
from mcdocgen.checks.results import CheckResult, CheckStatus
from mcdocgen.checks.sampling import kink_arguments, point_rng
from mcdocgen.checks.unconstrained import unconstrained_check, with_unconstrained
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.language import shapes

SQ = ["n", "n"]
SYM = {"X": ["symmetric"]}
SPD = {"X": ["symmetric", "positive_definite"]}

# function, variables, assumptions, a G wrong only off the symmetric matrices (right at every symmetric X)
PLANTS = [
    ("tr(A @ inv(X))", {"A": SQ, "X": SQ}, SPD, "-inv(X) @ A.T @ inv(X)"),   # X^-1 for X^-T: session 38's bug
    ("log(det(X))", {"X": SQ}, SPD, "inv(X)"),
    ("tr(A @ X)", {"A": SQ, "X": SQ}, SYM, "A"),
    ("tr(A @ X @ B @ X)", {"A": SQ, "B": SQ, "X": SQ}, SYM, "A.T @ X @ B.T + B.T @ X @ A.T"),
]


def _parse(problem, text: str) -> E.Node:
    table = {v.name: E.var(v.name, v.shape, symmetric=Assumption.SYMMETRIC in v.assume) for v in problem.variables}
    return E.parse(text, E.Scope(table, {s: shapes.size_symbol(s) for s in problem.sizes}))


def _planted(expression, variables, assume, wrong):
    p = make_problem(expression, variables, ["X"], assume=assume)
    d = derive(p, "X")
    g = _parse(p, wrong)
    return p, d, replace(d, symmetric=replace(d.symmetric, unconstrained=g))


@pytest.mark.parametrize("plant", PLANTS, ids=[p[0] for p in PLANTS])
def test_a_g_wrong_only_at_non_symmetric_x_fails_the_numeric_check(plant):
    p, right, wrong = _planted(*plant)
    guards = kink_arguments(p.expression)
    # the symmetric check alone cannot see it: sym(G) and the result are right
    assert numeric_check(p, wrong, point_rng(p, "X"), guards).passed
    found = unconstrained_check(p, wrong, point_rng(p, "X:unconstrained"), guards)
    assert found.status is CheckStatus.FAILED and "non-symmetric X" in found.detail
    v = verify(p, wrong)
    assert v.numeric.status is CheckStatus.FAILED and "unconstrained gradient G differs" in v.numeric.detail
    assert not v.ok
    ok = verify(p, right)
    assert ok.numeric.passed and "G itself is the gradient at any X" in ok.numeric.detail


def test_only_a_passed_check_by_a_symmetric_matrix_is_extended():
    p = make_problem("tr(A @ X)", {"A": SQ, "X": SQ}, ["X"], assume=SYM)
    d = derive(p, "X")
    failed = CheckResult(CheckStatus.FAILED, "differs")
    assert with_unconstrained(failed, p, d, []) is failed
    plain = make_problem("tr(A @ X)", {"A": SQ, "X": SQ}, ["X"])
    passed = CheckResult(CheckStatus.PASSED, "agrees")
    assert with_unconstrained(passed, plain, derive(plain, "X"), []) is passed
    assert with_unconstrained(passed, p, d, []).detail.startswith("agrees; G itself is the gradient at any X")
