"""The checks of a second derivative (a Hessian, or by a scalar one number) that do not go through mcdocgen's
first derivative: second differences of the function itself (Richardson-extrapolated, with their own error
bound) and SymPy's scalar ``diff`` taken twice on small explicit matrices. Entries of a matrix variable are in
column-major (vec) order."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import sympy

from mcdocgen.catalog import Problem
from mcdocgen.checks.components import (
    COMPONENT_MAX_ENTRIES, _symbol_matrix, at_fitting_sizes, component_limit, first_difference,
)
from mcdocgen.checks.equality import equal
from mcdocgen.checks.identity import Proof, proof_text
from mcdocgen.checks.batched import evaluate_at
from mcdocgen.checks.evaluate import SYMPY, evaluate
from mcdocgen.checks.numeric import (
    CANCELLING_DETAIL, FD_ROUNDING, FD_SAFETY, NUMERIC_DRAWS, NUMERIC_POINTS, NUMERIC_RESOLUTION,
    Comparison, Estimate, Point, judge, richardson, terms_scale,
)
from mcdocgen.checks.rounding import ROUNDING
from mcdocgen.checks.results import EPS, EXACT_TOLERANCE, CheckResult, CheckStatus, bound_text
from mcdocgen.checks.sampling import point_rng, sample
from mcdocgen.engine.derive import Derivation
from mcdocgen.engine.hessian import SecondKind, second_kind_by
from mcdocgen.language.shapes import Shape
from mcdocgen.checks.walk import Env, Guards, Sizes

SECOND_STEP = 1e-2              # first step, times max(1, |x_i|): rounding grows as 1 / h^2 here
SECOND_FULL_MAX_ENTRIES = 64    # variables up to this many entries: every pair; above, random directions
SECOND_DIRECTIONS = 3
SECOND_METHOD = "second differences"
SECOND_COMPONENTS_METHOD = "SymPy entrywise diff, twice"


def second_detail(wrt_shape: Shape) -> str:
    """How the second differences passed, in the words of what they checked: a Hessian (a matrix variable's
    entries in column-major order) or, by a scalar, one second derivative."""
    kind = second_kind_by(wrt_shape)
    first, order = ("first derivative", "") if kind is SecondKind.SECOND else \
        ("gradient", "" if wrt_shape.is_vector_like else "the matrix variable's entries in column-major order, ")
    return (f"agrees with Richardson-extrapolated second central differences of the function itself "
            f"(not of the derived {first}; step {SECOND_STEP:g} max(1, abs(x)), smaller where needed), "
            f"{order}within {FD_SAFETY:g} times their estimated error, itself below "
            f"{bound_text(NUMERIC_RESOLUTION)} of the {kind}'s size; coarse or overflowing points redrawn")


SECOND_DIRECTIONAL_DETAIL = (f"; the variable has over {SECOND_FULL_MAX_ENTRIES} entries, so the differences go "
                             f"along {SECOND_DIRECTIONS} random directions u, v a point, against v^T H u")


def directions(x: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(unit directions in vec coordinates, one row each; each one's step over the base step)."""
    if x.size <= SECOND_FULL_MAX_ENTRIES:
        return np.eye(x.size), np.maximum(1.0, np.abs(x.ravel(order="F")))
    v = rng.normal(size=(SECOND_DIRECTIONS, x.size))
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return v, np.full(SECOND_DIRECTIONS, max(1.0, float(np.max(np.abs(x)))))


def second_differences(problem: Problem, wrt: str, env: Env, sizes: Sizes, vectors: np.ndarray, reach: np.ndarray,
                       step: float) -> tuple[np.ndarray, float]:
    """The mixed central differences [f(++) - f(+-) - f(-+) + f(--)] / (4 h_a h_b) for every pair of
    directions (a pair with itself is the second difference at step 2h), and the largest |f| met.
    Every point of the level in one walk of the tree (checks.batched): one walk per point was most
    of this check's time, and the points grow as the square of the directions."""
    x = env[wrt]
    k = len(vectors)
    moves = [step * r * v.reshape(x.shape, order="F") for v, r in zip(vectors, reach, strict=True)]
    pairs = [(a, b) for a in range(k) for b in range(a, k)]
    signs = ((1, 1), (1, -1), (-1, 1), (-1, -1))
    points = np.stack([x + sa * moves[a] + sb * moves[b] for a, b in pairs for sa, sb in signs])
    f = evaluate_at(problem.expression, env, sizes, wrt, points).reshape(len(pairs), len(signs), -1)[:, :, 0]
    out = np.zeros((k, k))
    with np.errstate(invalid="ignore"):     # not-a-number f rejects the level (the caller's isfinite)
        largest = float(np.max(np.abs(f))) if f.size else 0.0
    for (a, b), values in zip(pairs, f.tolist(), strict=True):
        ha, hb = step * reach[a], step * reach[b]
        out[a, b] = out[b, a] = (values[0] - values[1] - values[2] + values[3]) / (4 * ha * hb)
    return out, largest


def second_estimate(problem: Problem, wrt: str, env: Env, sizes: Sizes, vectors: np.ndarray,
                    reach: np.ndarray, terms: float = 0.0, settle: bool = False) -> Estimate | None:
    """Second differences at steps h and h/2, Richardson-extrapolated, with an error bound.

    As in :func:`mcdocgen.checks.numeric.derivative_estimate`: the two steps' difference bounds
    the truncation error; rounding of f, delta, adds about delta / (h_a h_b) per entry at step h,
    and (4 fine - coarse) / 3 at steps h and 2h carries (4 + 1/4) / 3 = 17/12 times the fine step's.
    delta is FD_ROUNDING units of f's largest value or, where f's terms cancel, f's first-order
    running rounding bound (``terms`` times ROUNDING: checks.numeric.terms_scale), twice over for
    the moved points: not FD_ROUNDING units of the terms, as that bound already counts every
    operation, and over h^2 the extra factor would hide a wrong term a millionth of the Hessian.
    The step is halved while the bound is coarse; None where f is not finite near the point.
    ``settle``: settled levels only, as in derivative_estimate.
    """
    x = env[wrt]
    per_step = float(np.sqrt(np.sum(np.outer(1.0 / reach, 1.0 / reach) ** 2)))

    def rounding(largest: float, step: float, fine: np.ndarray) -> float:
        delta = max(FD_ROUNDING * EPS * largest, 2 * ROUNDING * terms)
        return 17 / 12 * delta * per_step / step ** 2

    return richardson(lambda step: second_differences(problem, wrt, env, sizes, vectors, reach, step), SECOND_STEP,
                      rounding, lambda largest: max(largest, terms) / max(1.0, float(np.max(np.abs(x)))) ** 2, settle)


def second_compare(problem: Problem, d: Derivation, env: Env, sizes: Sizes, vectors: np.ndarray, reach: np.ndarray,
                   terms: float = 0.0, settle: bool = False) -> Comparison | CheckResult | None:
    """Both layouts of the Hessian against the estimate at one point, as checks.numeric.compare: a
    Comparison, a failed CheckResult where the result has the wrong shape, or None where the Hessian
    or f is not finite near the point (the Hessian need not exist everywhere f does: norm(x) at 0)."""
    assert d.result is not None and d.numerator is not None
    x = env[d.wrt]
    den = np.atleast_2d(evaluate(d.result, env, sizes))
    num = np.atleast_2d(evaluate(d.numerator, env, sizes))
    if den.shape != (x.size, x.size) or num.shape != (x.size, x.size):
        return CheckResult(CheckStatus.FAILED, f"shape {den.shape} is not the {second_kind_by(d.wrt_shape)}'s "
                           f"{(x.size, x.size)}",
                           method=SECOND_METHOD)
    if not (np.all(np.isfinite(den)) and np.all(np.isfinite(num))):
        return None
    est = second_estimate(problem, d.wrt, env, sizes, vectors, reach, terms, settle)
    if est is None:
        return None
    by_den, by_num = vectors @ den @ vectors.T, vectors @ num @ vectors.T
    size = max(float(np.linalg.norm(by_den)), float(np.linalg.norm(est.value)), est.scale)
    error = max(float(np.linalg.norm(by_den - est.value)), float(np.linalg.norm(by_num - est.value)))
    return Comparison(error, size, est.bound + EXACT_TOLERANCE * size, est.settled)


def _differs(worst: float, c: Comparison) -> CheckResult:
    return CheckResult(CheckStatus.FAILED, "differs from the Richardson-extrapolated second differences "
                       "of the function by more than their estimated error",
                       max(worst, c.error / max(c.size, 1e-300)), method=SECOND_METHOD)


def _passed(wrt_shape: Shape) -> Callable[[float, bool, bool], CheckResult]:
    def passed(worst: float, directional: bool, cancelling: bool) -> CheckResult:
        detail = second_detail(wrt_shape) + (CANCELLING_DETAIL if cancelling else "") + \
            (SECOND_DIRECTIONAL_DETAIL if directional else "")
        return CheckResult(CheckStatus.PASSED, detail, worst, NUMERIC_POINTS, SECOND_METHOD, NUMERIC_RESOLUTION)
    return passed


def second_numeric_check(problem: Problem, d: Derivation, rng: np.random.Generator, guards: Guards) -> CheckResult:
    """Both layouts of the Hessian against second differences of f, at NUMERIC_POINTS points
    where they resolve it to NUMERIC_RESOLUTION: the pass and fail rules of the numeric check
    (checks.numeric.numeric_check), its retry at the scale of f's terms included. A point that
    fails, or the coarse points when too few resolve, are judged again with f's rounding taken
    at the scale of its terms: where f cancels, that rounding is all its second differences see."""
    def draw() -> Point:
        sizes, env = sample(problem, rng, guards, None)
        x = env[d.wrt]
        vectors, reach = directions(x, rng)
        return (lambda terms, settle: second_compare(problem, d, env, sizes, vectors, reach, terms, settle),
                lambda: terms_scale(problem, env, sizes), x.size > SECOND_FULL_MAX_ENTRIES)

    return judge(draw, _passed(d.wrt_shape), _differs,
                 lambda worst: CheckResult(CheckStatus.FAILED, f"the second differences resolved the "
                                           f"{second_kind_by(d.wrt_shape)} to "
                                           f"{bound_text(NUMERIC_RESOLUTION)} at fewer than {NUMERIC_POINTS} of "
                                           f"{NUMERIC_DRAWS} points", worst, method=SECOND_METHOD))


def second_components_check(problem: Problem, d: Derivation) -> CheckResult:
    """Every entry of both layouts against SymPy's ``diff`` of f taken twice, on small explicit matrices."""
    def limit(sizes: Sizes) -> str | None:
        too_big = component_limit(problem, d, sizes)
        if too_big:
            return too_big
        entries = problem.variable(d.wrt).shape
        count = int(entries.rows.subs(sizes)) * int(entries.cols.subs(sizes))
        if count * count > COMPONENT_MAX_ENTRIES:
            return (f"the Hessian has {count * count} entries, over the components check's limit of "
                    f"{COMPONENT_MAX_ENTRIES} (COMPONENT_MAX_ENTRIES)")
        return None

    return at_fitting_sizes(problem, limit, lambda sizes: _second_components_at(problem, d, sizes),
                            SECOND_COMPONENTS_METHOD)


def _second_components_at(problem: Problem, d: Derivation, sizes: Sizes) -> CheckResult:
    assert d.result is not None and d.numerator is not None
    env = {v.name: _symbol_matrix(v, sizes) for v in problem.variables}
    f = evaluate(problem.expression, env, sizes, SYMPY)[0, 0]
    x = env[d.wrt]
    entries = [x[i, j] for j in range(x.shape[1]) for i in range(x.shape[0])]   # vec: column-major
    gradient = [sympy.diff(f, e) for e in entries]
    # numerator layout: row i is the derivative of the gradient's entry i
    jacobian = sympy.Matrix(len(entries), len(entries), lambda i, j: sympy.diff(gradient[i], entries[j]))
    den = evaluate(d.result, env, sizes, SYMPY)
    num = evaluate(d.numerator, env, sizes, SYMPY)
    if den.shape != jacobian.shape or num.shape != jacobian.shape:
        what = "second derivative" if d.wrt_shape.is_scalar else "entrywise Hessian"
        return CheckResult(CheckStatus.FAILED, f"shape {den.shape} differs from the {what}'s {jacobian.shape}")
    rng = point_rng(problem, f"{d.wrt}:components")
    methods: set[Proof] = set()
    failed = first_difference(((den, jacobian.T, "denominator"), (num, jacobian, "numerator")), equal,
                              rng, methods, SECOND_COMPONENTS_METHOD)
    if failed is not None:
        return failed
    # symmetric: then the layouts' two forms, the matrix and its transpose, are one matrix (pages say so)
    symmetric = first_difference(((jacobian, jacobian.T, "transpose"),), equal, rng, set()) is None
    sizes_text = ", ".join(f"{k} = {v}" for k, v in sizes.items()) or "the catalog's sizes"
    target = f"to SymPy's second derivative{'' if d.wrt_shape.is_scalar else 's'} of the function"
    # a long account of how (identity testing's probability) reads better after what it compares with
    how = f"{proof_text(methods)} {target}" if methods == {Proof.SYMBOLIC} else f"{target}, {proof_text(methods)}"
    return CheckResult(CheckStatus.PASSED, f"{'equal' if d.wrt_shape.is_scalar else 'every entry equal'} {how}, "
                       f"with {sizes_text}"
                       + ("; the matrix is symmetric" if symmetric and not d.wrt_shape.is_scalar else ""),
                       method=SECOND_COMPONENTS_METHOD, symmetric=symmetric)
