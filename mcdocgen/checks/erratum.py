"""The erratum check: a source's stated form (the catalog's ``erratum:``) is confirmed wrong.

The expected check proves an answer right; this one proves a source's answer wrong, so that a page
never marks as an error what is a correct statement. It PASSES when the error is confirmed (the
stated form has another shape than the derivative, or differs from it at random points) and FAILS
the problem when the stated form turns out right. It never confirms a form that is right in one
layout: the transpose of the result is right in numerator layout, so a stated form equal to it fails
the problem where the source uses numerator layout (the catalog should have written it in
denominator layout) and is not applicable where the source uses denominator layout or names none.
A form that cannot be evaluated at the points compares with nothing: not applicable. An erratum of
shapes or words states no form: not applicable, never passed.
"""

from __future__ import annotations

import numpy as np

from mcdocgen.catalog import Problem
from mcdocgen.catalog.records import Erratum, ErratumKind
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.checks.results import EXACT_FLOOR, CheckResult, CheckStatus, ErratumResult, bound_text, relative_error, \
    value_scale
from mcdocgen.checks.sampling import sample
from mcdocgen.engine.derive import Derivation
from mcdocgen.language import Layout
from mcdocgen import language as E
from mcdocgen.checks.walk import Guards

POINTS = 3
CONFIRMED_ABOVE = 1e-6   # a relative difference this large is no rounding: the stated form is wrong
CONFIRMED = "erratum confirmed"
# another function's form (ErratumKind.FUNCTION) differs as a confirmed erratum does, but is no error
CONFIRMED_OTHER = "not this function's derivative (confirmed)"
WORDS_ONLY = "the source's error is in shapes, words or an intermediate step, not in a form of this result: no formula to compare"
NEVER_CONFIRMED = "a form right in one layout is never confirmed as an error"
# what evaluating a stated form may raise at a sample point (a singular matrix, an overflow, a domain error)
NOT_EVALUABLE = (np.linalg.LinAlgError, ZeroDivisionError, OverflowError, ValueError)


def erratum_check(problem: Problem, d: Derivation, rng: np.random.Generator, guards: Guards) -> ErratumResult | None:
    """Every erratum on this derivative, confirmed or not (None: the problem marks none here)."""
    errata = [e for e in problem.errata if e.wrt == d.wrt]
    if d.order != 1 or not errata:
        return None
    results = tuple(_one(problem, d, e, rng, guards) for e in errata)
    detail = "; ".join(r.detail for r in results)
    for status in (CheckStatus.FAILED, CheckStatus.PASSED):
        if any(r.status is status for r in results):
            return ErratumResult(status, detail, None, POINTS, "numeric comparison", CONFIRMED_ABOVE, each=results)
    return ErratumResult(CheckStatus.NOT_APPLICABLE, detail, each=results)


def _one(problem: Problem, d: Derivation, erratum: Erratum, rng: np.random.Generator, guards: Guards) -> CheckResult:
    if erratum.stated is None:
        return CheckResult(CheckStatus.NOT_APPLICABLE, WORDS_ONLY)
    assert d.result is not None    # a finished derivation (verify runs no check otherwise)
    stated = erratum.stated.node
    text = E.try_text(stated, erratum.stated.text)
    values = _values(problem, d, stated, rng, guards)
    if isinstance(values, str):
        return CheckResult(CheckStatus.NOT_APPLICABLE, f"the stated '{text}' cannot be evaluated at the sample "
                                                       f"points ({values}): nothing to compare, so not confirmed")
    if _worst(values, transpose=False) <= CONFIRMED_ABOVE:
        return CheckResult(CheckStatus.FAILED, f"the stated '{text}' equals the derived result at {POINTS} random "
                                               "points: the source is right here, and the erratum is wrong")
    if _worst(values, transpose=True) <= CONFIRMED_ABOVE:
        return _right_in_numerator_layout(text, problem.layout)
    confirmed = CONFIRMED_OTHER if erratum.kind is ErratumKind.FUNCTION else CONFIRMED
    if stated.shape != d.result.shape:
        return CheckResult(CheckStatus.PASSED, f"{confirmed}: the stated '{text}' has shape {stated.shape.label()}, "
                                               f"the derivative has shape {d.result.shape.label()}")
    return CheckResult(CheckStatus.PASSED, f"{confirmed}: the stated '{text}' differs from the derived result in "
                                           f"both layouts (relative difference over {bound_text(CONFIRMED_ABOVE)} "
                                           f"at {POINTS} random points)")


def _right_in_numerator_layout(text: str, layout: Layout | None) -> CheckResult:
    """A stated form equal to the result's transpose: what the source's layout makes of it."""
    found = f"the stated '{text}' is the derived result in numerator layout"
    if layout is Layout.NUMERATOR:
        return CheckResult(CheckStatus.FAILED, f"{found}, the layout of the source: write it in denominator layout "
                                               "(it is no error of the source)")
    why = "the source uses denominator layout, so it is at most a transposition" if layout is Layout.DENOMINATOR \
        else "the problem names no layout for its source"
    return CheckResult(CheckStatus.NOT_APPLICABLE, f"{found}; {why}: {NEVER_CONFIRMED}")


Values = list[tuple[np.ndarray, np.ndarray, float]]


def _values(problem: Problem, d: Derivation, stated: E.Node, rng: np.random.Generator, guards: Guards) -> Values | str:
    """(stated, result, rounding floor) at each random point; or why not, where a value is not finite."""
    assert d.result is not None
    out = []
    for _ in range(POINTS):
        sizes, env = sample(problem, rng, guards, d)
        result = np.asarray(evaluate(d.result, env, sizes), dtype=float)
        try:
            value = np.asarray(evaluate(stated, env, sizes), dtype=float)
        except NOT_EVALUABLE as exc:
            return str(exc) or type(exc).__name__
        if not (np.all(np.isfinite(value)) and np.all(np.isfinite(result))):
            return "a value that is not finite"
        out.append((value, result, EXACT_FLOOR * value_scale(env)))
    return out


def _worst(values: Values, transpose: bool) -> float:
    """The largest relative difference of the stated form from the result (or from its transpose, the
    result as the numerator layout gives it); another shape is an infinite difference."""
    return max(relative_error(value, result.T if transpose else result, floor) for value, result, floor in values)
