"""The unconstrained gradient G of a function of a symmetric matrix, checked where X is not symmetric.

A page by a symmetric X prints G, "the gradient with X treated as unconstrained", and the result
sym(G). The numeric check moves X along symmetric perturbations only and compares sym(G): a G that is
wrong only by a transpose of X inside it (X^-1 for X^-T in tr(A X^-1)) agrees with the right one at every
symmetric X, and there. So G itself is compared, as an unconstrained gradient, with central differences
of f along every entry at points where X is not symmetric: a sampled X (symmetric, positive definite
where assumed) plus a random antisymmetric matrix K of the same scale. x^T (X + K) x = x^T X x, so a
positive definite X stays positive definite in that sense (det > 0, log det defined); a point where f, G
or a kink argument is not fine there, or where a matrix G inverts is ill-conditioned (as for any drawn point:
``checks.sampling.fine_at``), is drawn again. The rules of judgment are the numeric check's
(``checks.numeric.judge``).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from mcdocgen import language as E
from mcdocgen.catalog import Problem
from mcdocgen.checks.numeric import NUMERIC_METHOD, Comparison, Directions, Point, compare, judge, terms_scale
from mcdocgen.checks.results import CheckResult, CheckStatus
from mcdocgen.checks.sampling import fine_at, point_rng, sample
from mcdocgen.engine.derive import Derivation
from mcdocgen.language import Node


def unconstrained_detail(d: Derivation) -> str:
    """The numeric check's added words, by the variable's own name."""
    x = d.wrt
    return (f"; G itself is the gradient at any {x} where the function is defined, symmetric or not: it is also "
            f"compared, entry by entry, with central differences at {x} plus a random antisymmetric matrix")


def with_unconstrained(numeric: CheckResult, problem: Problem, d: Derivation, guards: list[Node],
                       seed: int = 0) -> CheckResult:
    """The numeric check's result, and where it passed for a gradient by a symmetric matrix, G checked at
    non-symmetric points: failed with the reason where G differs, else passed with the words added."""
    if d.symmetric is None or d.order != 1 or numeric.status is not CheckStatus.PASSED:
        return numeric
    found = unconstrained_check(problem, d, point_rng(problem, f"{d.wrt}:unconstrained", seed), guards)
    if found.status is not CheckStatus.PASSED:
        return found
    return replace(numeric, detail=numeric.detail + unconstrained_detail(d),
                   max_rel_error=max(numeric.max_rel_error or 0.0, found.max_rel_error or 0.0))


def unconstrained_check(problem: Problem, d: Derivation, rng: np.random.Generator, guards: list[Node]) -> CheckResult:
    """G (denominator layout) and G^T (numerator) against differences along every entry of a non-symmetric X."""
    assert d.symmetric is not None
    g = d.symmetric.unconstrained
    as_g = replace(d, result=g, numerator=E.transpose(g), symmetric=None)

    def draw() -> Point:
        sizes, env = sample(problem, rng, guards, d)
        x = env[d.wrt]
        b = rng.normal(size=x.shape)
        moved = dict(env) | {d.wrt: x + (b - b.T) / 2}
        fine = fine_at(problem, g, guards, moved, sizes)
        dirs = Directions.choose(moved[d.wrt], rng)

        def at(terms: float, settle: bool) -> Comparison | CheckResult | None:
            return compare(problem, as_g, moved, sizes, dirs, "C", terms, settle) if fine else None

        return at, lambda: terms_scale(problem, moved, sizes), False

    def differs(worst: float, c: Comparison) -> CheckResult:
        return CheckResult(CheckStatus.FAILED, f"the unconstrained gradient G differs from the central differences "
                           f"at a non-symmetric {d.wrt} by more than their estimated error (G is stated to hold at "
                           f"any {d.wrt})", max(worst, c.relative), method=NUMERIC_METHOD)

    return judge(draw, lambda worst, _directional, _cancelling: CheckResult(
                     CheckStatus.PASSED, unconstrained_detail(d), worst, method=NUMERIC_METHOD),
                 differs,
                 lambda worst: CheckResult(CheckStatus.FAILED, "the finite differences did not resolve the "
                                           "unconstrained gradient G at enough non-symmetric points", worst,
                                           method=NUMERIC_METHOD))
