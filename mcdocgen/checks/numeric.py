"""The numeric check: the result in both layouts against Richardson-extrapolated central differences.

Entries are numbered column-major (``vec``, spec section 5) for a function that is not a scalar, on
the function and on the variable; a scalar function's gradient keeps the variable's shape (for
vectors the two orders agree). A matrix by a scalar is compared as ``vec`` of its entry derivatives.

Where f cancels (``tr(X A) - tr(A X)``, ``norm(x)**2 - dot(x, x)``), its value is rounding noise of
the size of its terms, not of the value, and so are the differences: a point the plain comparison
fails or cannot resolve is judged again with the rounding taken at the scale of f's terms (their
first-order running bound, checks.rounding). A wrong result differs by about its terms' size over a
unit step, millions of times that noise, so it still fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from mcdocgen.catalog import Problem
from mcdocgen.checks.batched import evaluate_at
from mcdocgen.checks.evaluate import evaluate, evaluator
from mcdocgen.checks.results import EPS, EXACT_TOLERANCE, CheckResult, CheckStatus, bound_text
from mcdocgen.checks.rounding import ROUNDED, ROUNDING, lift
from mcdocgen.checks.sampling import sample
from mcdocgen.checks.symmetric import asymmetry, independent_entries, symmetric_detail, symmetric_directions
from mcdocgen.engine.derive import Derivation
from mcdocgen.checks.walk import Env, Guards, Sizes

NUMERIC_POINTS = 5              # points where the finite differences resolve the derivative
NUMERIC_DRAWS = 40              # points drawn at most to find them
NUMERIC_RESOLUTION = 1e-4       # a point counts when the error bound is below this part of the derivative
FD_STEP = 1e-3                  # first step, times max(1, |x_i|); Richardson with half of it
FD_HALVINGS = 6                 # further halvings where the error bound is coarse
FD_ROUNDING = 100               # f's evaluation noise: at most this many units of its largest value
FD_SAFETY = 2                   # the error estimate times this is the bound
FD_CONVERGING = 2               # a level's truncation estimate is trusted once it is this many times smaller than
                                # the previous level's (h^2 predicts 4): before, a pole may lie within the steps
NUMERIC_METHOD = "finite differences"
FD_FULL_MAX_ENTRIES = 400       # entries differenced one by one; above, random directions
FD_DIRECTIONS = 3

# what the check did, in words that are the same on every machine (pages show it, not the figures)
NUMERIC_DETAIL = (f"agrees with Richardson-extrapolated central differences (step {FD_STEP:g} max(1, abs(x)), "
                  f"smaller where needed) within {FD_SAFETY:g} times their estimated error, itself below "
                  f"{bound_text(NUMERIC_RESOLUTION)} of the derivative's size (or of abs(f) per unit step, if "
                  f"larger); coarse or overflowing points redrawn")
CANCELLING_DETAIL = ("; where f's terms cancel, the differences' rounding is taken at the scale of the terms "
                     "(a first-order running bound of f's evaluation), not of f's value")
DIRECTIONAL_DETAIL = (f"; the variable has over {FD_FULL_MAX_ENTRIES} entries, so the differences go along "
                      f"{FD_DIRECTIONS} random directions v a point, against the result applied to v")


@dataclass(frozen=True, slots=True)
class Estimate:
    """Directional derivatives by finite differences, with a bound on their own error (first
    derivatives here; second derivatives, ``V H V^T`` for the directions V, in checks.second)."""

    value: np.ndarray       # one row per direction: the derivative of every entry of f along it
    bound: float            # Frobenius norm of the estimated error, safety factor included
    scale: float            # |f| over a unit step (squared, for a second derivative): its size near zero
    settled: bool           # the differences were seen converging at this level (``settled``): the bound holds


def settled(truncation: float, previous: float | None, rounding: float) -> bool:
    """Whether a level of Richardson differences is in the range where its truncation estimate (the
    difference from the previous step's) bounds the error: it shrank by FD_CONVERGING or more from the
    previous level's, or rounding covers it. A level where it does not shrink (it grows while a pole lies
    within the steps: tr(inv(S + t T)) near a singular S + t T) is no evidence against a result."""
    return truncation <= rounding or (previous is not None and FD_CONVERGING * truncation <= previous)


def keep(best: Estimate | None, est: Estimate, settle: bool) -> Estimate | None:
    """The better of two levels' estimates: the smaller bound, among settled levels only if ``settle``."""
    if settle and not est.settled:
        return best
    return est if best is None or est.bound < best.bound else best


@dataclass(frozen=True, slots=True)
class Directions:
    """Where the differences step: the unit vectors of every entry of the variable (the whole
    derivative), or a few random unit directions for a large variable (the derivative applied to
    each). ``reach`` is each direction's step over the base step."""

    vectors: np.ndarray     # (directions, entries of x), each row of norm 1
    reach: np.ndarray       # (directions,)

    @staticmethod
    def choose(x: np.ndarray, rng: np.random.Generator) -> Directions:
        """Every entry's unit vector for a small variable; FD_DIRECTIONS random unit directions for a large one."""
        if x.size <= FD_FULL_MAX_ENTRIES:
            return Directions(np.eye(x.size), np.maximum(1.0, np.abs(x.ravel())))
        v = rng.normal(size=(FD_DIRECTIONS, x.size))
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        return Directions(v, np.full(FD_DIRECTIONS, max(1.0, float(np.max(np.abs(x))))))


def finite_difference(problem: Problem, wrt: str, env: Env, sizes: Sizes, dirs: Directions,
                      step: float = FD_STEP, order: str = "C") -> tuple[np.ndarray, float]:
    """Central differences along each direction with steps ``step * reach``, one row each, and the
    largest |f| met (float rounding in f is relative to it). ``order``: how entries are numbered,
    "F" column-major (vec) or "C" row-major."""
    x = env[wrt]
    h = step * dirs.reach
    count = len(h)
    # each direction's move as the variable's shape (entries numbered in ``order``), times its step
    shaped = dirs.vectors.reshape(count, *x.shape) if order == "C" else \
        np.swapaxes(dirs.vectors.reshape(count, *x.shape[::-1]), 1, 2)
    move = h[:, None, None] * shaped
    # every point in one walk of the tree (checks.batched: each value as evaluate gives it alone)
    f = evaluate_at(problem.expression, env, sizes, wrt, np.concatenate([x + move, x - move]))
    # the largest |f| met, not-a-number skipped (non-finite rows reject the point anyway)
    largest = max([0.0, *np.max(np.abs(f), axis=(1, 2)).tolist()])
    rows = (f[:count] - f[count:]) / (2 * h)[:, None, None]
    flat = rows.reshape(count, -1) if order == "C" else np.swapaxes(rows, 1, 2).reshape(count, -1)
    return flat, largest


def terms_scale(problem: Problem, env: Env, sizes: Sizes) -> float:
    """The size of the terms f's evaluation combines at the point: the largest entry of its
    first-order rounding bound over one rounding (checks.rounding); 0 where there is no bound (a pole
    within the errors, or a matrix singular in the bound's own inverse), which leaves the plain comparison."""
    try:
        with np.errstate(all="ignore"):
            f = evaluate(problem.expression, {k: lift(v) for k, v in env.items()}, sizes, ROUNDED)
    except np.linalg.LinAlgError:
        return 0.0
    bound = float(np.max(f.e)) / ROUNDING
    return bound if np.isfinite(bound) else 0.0


def derivative_estimate(problem: Problem, wrt: str, env: Env, sizes: Sizes, dirs: Directions,
                        order: str = "C", terms: float = 0.0, settle: bool = False) -> Estimate | None:
    """Central differences at steps h and h/2, Richardson-extrapolated, with an error bound.

    The extrapolation's truncation error is below the smaller step's, and the difference of the
    two steps' results (about three times the smaller step's error) bounds it; rounding adds
    FD_ROUNDING units of f's largest value over the step. Where that bound is coarse against the
    derivative, the step is halved again (at most FD_HALVINGS times), and the finest useful level
    is kept. None where f is not finite near the point: the caller draws another. ``terms``: the
    size of f's terms (terms_scale) where they cancel, so that f's rounding is relative to them.
    ``settle``: only levels whose differences were seen converging count (``settled``), and the
    halving goes on until one is fine; None where none is.
    """
    x = env[wrt]
    # rounding of size delta in f gives about delta / h in each row
    per_step = float(np.sqrt(np.sum(1.0 / dirs.reach ** 2)))

    def rounding(largest: float, step: float, fine: np.ndarray) -> float:
        # (4 fine - coarse) / 3 carries (4 * 2 + 1) / 3 = 3 times the coarse step's rounding
        return 3 * FD_ROUNDING * EPS * largest * per_step * float(np.sqrt(fine.shape[1])) / (2 * step)

    return richardson(lambda step: finite_difference(problem, wrt, env, sizes, dirs, step, order), FD_STEP,
                      rounding, lambda largest: largest / max(1.0, float(np.max(np.abs(x)))), settle, terms)


def richardson(level: Callable[[float], tuple[np.ndarray, float]], step: float,
               rounding: Callable[[float, float, np.ndarray], float], scale: Callable[[float], float],
               settle: bool, largest: float = 0.0) -> Estimate | None:
    """The step-halving both checks by differences share (first derivatives here, a Hessian's in
    checks.second): ``level(h)`` gives the differences at step h and the largest |f| met; the levels
    at h and h/2, Richardson-extrapolated, are bounded by their difference (truncation) plus
    ``rounding(largest |f|, h/2, the finer level)``; the step is halved again (at most FD_HALVINGS
    times) while that bound is coarse against the estimate or ``scale(largest |f|)``, and the best level
    is kept (``keep``; ``settle`` as in derivative_estimate). ``largest``: at least this (f's terms).
    None where f is not finite near the point: the caller draws another."""
    coarse, big = level(step)
    if not (np.all(np.isfinite(coarse)) and np.isfinite(big)):
        return None
    largest = max(big, largest)
    best, previous = None, None
    for _ in range(FD_HALVINGS):
        step /= 2
        fine, big = level(step)
        if not (np.all(np.isfinite(fine)) and np.isfinite(big)):
            break
        largest = max(largest, big)
        value = (4 * fine - coarse) / 3
        truncation = float(np.linalg.norm(fine - coarse))
        error = rounding(largest, step, fine)
        est = Estimate(value, FD_SAFETY * (truncation + error), scale(largest), settled(truncation, previous, error))
        best = keep(best, est, settle)
        if (est.settled or not settle) and (truncation <= error or est.bound <= NUMERIC_RESOLUTION * max(
                float(np.linalg.norm(value)), est.scale) / 8):
            break           # a smaller step would only add rounding, or the bound is already fine
        coarse, previous = fine, truncation
    return best


@dataclass(frozen=True, slots=True)
class Comparison:
    """The result against the estimate at one point."""

    error: float            # the larger layout's distance from the estimate
    size: float             # the derivative's size: of the result, the estimate or f per unit step
    bound: float            # the distance allowed: the estimate's bound and the float tolerance
    settled: bool           # the estimate's differences were seen converging (Estimate.settled)

    @property
    def agrees(self) -> bool:
        return self.error <= self.bound

    @property
    def resolved(self) -> bool:
        return self.bound <= NUMERIC_RESOLUTION * self.size

    @property
    def relative(self) -> float:
        return self.error / self.size if self.size > 0 else 0.0


def compare(problem: Problem, d: Derivation, env: Env, sizes: Sizes, dirs: Directions, order: str,
            terms: float = 0.0, settle: bool = False) -> Comparison | CheckResult | None:
    """The result in both layouts against the estimate at one point: a Comparison, a failed
    CheckResult where the result cannot be compared (its shape, not finite, not symmetric), or
    None where f is not finite near the point. ``terms``, ``settle``: as for derivative_estimate."""
    x = env[d.wrt]
    est = derivative_estimate(problem, d.wrt, env, sizes, dirs, order, terms, settle)
    if est is None:
        return None
    f_entries = est.value.shape[1]
    want = x.shape if f_entries == 1 else (x.size, f_entries)
    assert d.result is not None and d.numerator is not None     # a finished derivation (verify runs no check otherwise)
    at = evaluator(env, sizes)      # the layouts share subtrees
    den, num = at(d.result), at(d.numerator)
    matrix_by_scalar = not d.function_shape.is_vector_like and d.wrt_shape.is_scalar
    if matrix_by_scalar and num.size == f_entries and den.shape == num.shape[::-1]:
        # the matrix of entry derivatives (numerator) and its transpose, as vec rows
        want, num, den = (1, f_entries), num.reshape(-1, 1, order="F"), den.T.reshape(1, -1, order="F")
    if den.shape != want or num.shape != want[::-1]:
        return CheckResult(CheckStatus.FAILED, f"shape {den.shape} does not match the finite differences' "
                           f"{want}", method=NUMERIC_METHOD)
    if not (np.all(np.isfinite(den)) and np.all(np.isfinite(num))):
        return CheckResult(CheckStatus.FAILED, "the result is not finite where the function is",
                           float("inf"), method=NUMERIC_METHOD)
    if d.symmetric and (why := asymmetry(den)):
        return CheckResult(CheckStatus.FAILED, why, method=NUMERIC_METHOD)
    # each layout applied to the directions (entries numbered as the directions are)
    by_den = dirs.vectors @ den.reshape(x.size, f_entries, order=order)
    by_num = dirs.vectors @ num.T.reshape(x.size, f_entries, order=order)
    size = max(float(np.linalg.norm(by_den)), float(np.linalg.norm(est.value)), est.scale)
    error = max(float(np.linalg.norm(by_den - est.value)), float(np.linalg.norm(by_num - est.value)))
    if d.symmetric:     # and the other convention: df = the sum over i <= j of D_ij dX_ij
        error = max(error, float(np.linalg.norm(independent_entries(d, env, sizes, dirs.vectors) - est.value)))
    return Comparison(error, size, est.bound + EXACT_TOLERANCE * size, est.settled)


def _differs(worst: float, c: Comparison) -> CheckResult:
    return CheckResult(CheckStatus.FAILED, "differs from the Richardson-extrapolated central differences "
                       "by more than their estimated error", max(worst, c.error / max(c.size, 1e-300)),
                       method=NUMERIC_METHOD)


#: One drawn point of a check by differences: its comparison with f's rounding at a given scale of f's
#: terms (0: f's own), among settled levels of differences only or not (``settle``), that scale, and
#: whether the point was differenced along directions only.
Point = tuple[Callable[[float, bool], "Comparison | CheckResult | None"], Callable[[], float], bool]


def judge(draw: Callable[[], Point], passed: Callable[[float, bool, bool], CheckResult],
          differs: Callable[[float, Comparison], CheckResult], unresolved: Callable[[float], CheckResult]) -> CheckResult:
    """The pass and fail rules of the checks by differences (this one, and checks.second's for a Hessian),
    over at most NUMERIC_DRAWS points that ``draw`` gives: a point that fails is judged again at the scale
    of f's terms (where f cancels, its rounding is all the differences see) and fails the check if it
    still differs; the check passes at NUMERIC_POINTS resolved points; if too few resolve, the coarse
    points are judged again at the scale of f's terms. ``passed(worst, directional, cancelling)``.

    Only differences seen converging fail a point: one that differs at a level that was not (a pole
    within the steps) is judged again on settled levels alone, and drawn again if none settles."""
    worst, counted, directional, cancelling = 0.0, 0, False, False
    coarse = []
    for _ in range(NUMERIC_DRAWS):
        at, scale, along = draw()
        directional = directional or along
        first = at(0.0, False)
        if first is None:
            continue
        if isinstance(first, CheckResult):
            return first
        settle = not (first.agrees or first.settled)
        c = at(0.0, True) if settle else first
        plain = True
        if isinstance(c, Comparison):
            worst = max(worst, c.relative)
        if not isinstance(c, Comparison) or not c.agrees:
            # a wrong result, or f's terms cancel: judged again at their scale
            again = at(scale(), settle)
            if again is None:       # (settled levels only) the differences never converged
                continue
            if isinstance(again, CheckResult) or not again.agrees:
                return again if isinstance(again, CheckResult) else differs(worst, again)
            c, cancelling, plain = again, True, False
            worst = max(worst, c.relative)
        if not c.resolved:
            if plain:   # (one judged at the scale of f's terms already has nothing more to say)
                coarse.append((at, scale))
            continue
        counted += 1
        if counted == NUMERIC_POINTS:
            return passed(worst, directional, cancelling)
    for at, scale in coarse:     # too few resolved: the coarse points at the scale of f's terms
        terms = scale()
        c = at(terms, False)
        if isinstance(c, Comparison) and not (c.agrees or c.settled):
            c = at(terms, True)
        if not isinstance(c, Comparison):
            continue
        worst = max(worst, c.relative)
        if not c.agrees:
            return differs(worst, c)
        counted += c.resolved
        if counted == NUMERIC_POINTS:
            return passed(worst, directional, True)
    return unresolved(worst)


def numeric_check(problem: Problem, d: Derivation, rng: np.random.Generator, guards: Guards) -> CheckResult:
    """The result in both layouts against the estimate, at NUMERIC_POINTS points where the
    estimate resolves the derivative to NUMERIC_RESOLUTION of its scale.

    Every entry is differenced for a variable of at most FD_FULL_MAX_ENTRIES entries (one pair
    of evaluations each); a larger one along FD_DIRECTIONS random directions v a point, against
    the result applied to v. A point fails when the result differs from the estimate by more than
    the estimate's error bound, however coarse that bound, also with f's rounding taken at the
    scale of its terms; it counts as passed only when the bound is fine. Points where f overflows
    or the bound stays coarse are redrawn; if too few resolve, the coarse ones are judged again at
    the scale of f's terms (where f cancels, its rounding is all the differences see).
    """
    order = "C" if d.scalar_function else "F"   # vec numbering where the function is not a scalar

    def draw() -> Point:
        sizes, env = sample(problem, rng, guards, d)
        x = env[d.wrt]
        # a symmetric X moves along symmetric perturbations only (checks.symmetric)
        dirs = Directions(*symmetric_directions(x, rng, FD_FULL_MAX_ENTRIES, FD_DIRECTIONS)) if d.symmetric \
            else Directions.choose(x, rng)
        return (lambda terms, settle: compare(problem, d, env, sizes, dirs, order, terms, settle),
                lambda: terms_scale(problem, env, sizes), x.size > FD_FULL_MAX_ENTRIES)

    return judge(draw, lambda worst, directional, cancelling: _passed(problem, d, worst, directional, cancelling),
                 _differs,
                 lambda worst: CheckResult(CheckStatus.FAILED, f"the finite differences resolved the derivative to "
                                           f"{bound_text(NUMERIC_RESOLUTION)} at fewer than {NUMERIC_POINTS} of "
                                           f"{NUMERIC_DRAWS} points", worst, method=NUMERIC_METHOD))


def _passed(problem: Problem, d: Derivation, worst: float, directional: bool, cancelling: bool) -> CheckResult:
    detail = NUMERIC_DETAIL + (CANCELLING_DETAIL if cancelling else "") + \
        (DIRECTIONAL_DETAIL if directional else "") + (symmetric_detail(problem, d) if d.symmetric else "")
    return CheckResult(CheckStatus.PASSED, detail, worst, NUMERIC_POINTS, NUMERIC_METHOD, NUMERIC_RESOLUTION)
