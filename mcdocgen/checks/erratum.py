"""The erratum check: a source's stated form (the catalog's ``erratum:``) is confirmed wrong.

The expected check proves an answer right; this one proves a source's answer wrong, so that a page
never marks as an error what is a correct statement. It PASSES when the error is confirmed (the
stated form has another shape than the derivative, or differs from it at random points) and FAILS
the problem when the stated form turns out right. An erratum of shapes or words states no form:
not applicable, never passed.
"""

from __future__ import annotations

from mcdocgen.catalog import Problem
from mcdocgen.catalog.records import Erratum
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.checks.results import EXACT_FLOOR, CheckResult, CheckStatus, bound_text, relative_error, value_scale
from mcdocgen.checks.sampling import sample
from mcdocgen.engine.derive import Derivation
from mcdocgen import language as E

POINTS = 3
CONFIRMED_ABOVE = 1e-6   # a relative difference this large is no rounding: the stated form is wrong
CONFIRMED = "erratum confirmed"
WORDS_ONLY = "the source's error is in shapes, words or an intermediate step, not in a form of this result: no formula to compare"


def erratum_check(problem: Problem, d: Derivation, rng, guards) -> CheckResult | None:
    """Every erratum on this derivative, confirmed or not (None: the problem marks none here)."""
    errata = [e for e in problem.errata if e.wrt == d.wrt]
    if d.order != 1 or not errata:
        return None
    results = [_one(problem, d, e, rng, guards) for e in errata]
    for status in (CheckStatus.FAILED, CheckStatus.PASSED):
        if any(r.status is status for r in results):
            return CheckResult(status, "; ".join(r.detail for r in results), None, POINTS, "numeric comparison",
                               CONFIRMED_ABOVE)
    return CheckResult(CheckStatus.NOT_APPLICABLE, "; ".join(r.detail for r in results))


def _one(problem: Problem, d: Derivation, erratum: Erratum, rng, guards) -> CheckResult:
    if erratum.stated is None:
        return CheckResult(CheckStatus.NOT_APPLICABLE, WORDS_ONLY)
    stated = erratum.stated.node
    text = E.try_text(stated, erratum.stated.text)
    if stated.shape != d.result.shape:
        if stated.shape.transpose() == d.result.shape and _worst(problem, d, E.transpose(stated), rng, guards) \
                <= CONFIRMED_ABOVE:
            return CheckResult(CheckStatus.FAILED, f"the stated '{text}' is the derived result in numerator layout; "
                                                   "write it in denominator layout (it is no error of the source)")
        return CheckResult(CheckStatus.PASSED, f"{CONFIRMED}: the stated '{text}' has shape {stated.shape.label()}, "
                                               f"the derivative has shape {d.result.shape.label()}")
    worst = _worst(problem, d, stated, rng, guards)
    if worst > CONFIRMED_ABOVE:
        return CheckResult(CheckStatus.PASSED, f"{CONFIRMED}: the stated '{text}' differs from the derived result "
                                               f"(relative difference over {bound_text(CONFIRMED_ABOVE)} at "
                                               f"{POINTS} random points)")
    return CheckResult(CheckStatus.FAILED, f"the stated '{text}' equals the derived result at {POINTS} random "
                                           "points: the source is right here, and the erratum is wrong")


def _worst(problem: Problem, d: Derivation, stated: E.Node, rng, guards) -> float:
    worst = 0.0
    for _ in range(POINTS):
        sizes, env = sample(problem, rng, guards, d)
        worst = max(worst, relative_error(evaluate(stated, env, sizes), evaluate(d.result, env, sizes),
                                          EXACT_FLOOR * value_scale(env)))
    return worst
