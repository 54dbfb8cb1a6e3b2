"""The removed-kink check: where a non-smooth operation's place is no kink of the function (the engine found
the function differentiable there: x|x|, relu(x)^2, sign(x) x^2, x ||x||), the one-sided difference quotients
on both sides of a point on the place equal the derived result there.

Every other check samples away from such places, so without this one the engine's word that the derivative
exists there, and is the result's value (or, where the result is written 0/0 there, its limit), would go
unchecked; a true kink called removed fails it (the two sides' quotients differ).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mcdocgen import language as E
from mcdocgen.catalog import Problem
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.checks.results import CheckResult, CheckStatus, bound_text
from mcdocgen.checks.sampling import KINK_MARGIN, determined, sample
from mcdocgen.checks.still import all_still, kink_gaps, still_and_free
from mcdocgen.checks.subgradient import quotients
from mcdocgen.engine.derive import Derivation
from mcdocgen.engine.kinks import Kink
from mcdocgen.language import Node
from mcdocgen.checks.walk import Order, Point, Sizes

POINTS = 2                  # points on each place
DRAWS = 20                  # starting points drawn at most to find them
NEWTON_STEPS = 30           # Gauss-Newton steps from a starting point onto the place
JACOBIAN_STEP = 1e-6        # central differences of the place's argument, times max(1, |x|)
STEP = 1e-4                 # one-sided step, times max(1, |x|); Richardson with half and a quarter of it
TOLERANCE = 1e-6            # relative to the derivative's size nearby
CONVERGING = 8              # or this many times the change of the extrapolation when the step halves: one side
#                             with a power below 2 of the place's distance (|x|^1.5) converges as h^0.5, slowly
ON_PLACE = 1e-12            # |argument| below this, times its scale, is on the place
OFF_PLACE = 1e-3            # every other place stays this far from zero there
LIMIT = 1e-8                # where the result is 0/0 on the place (a norm's direction), its value this far off it
METHOD = "one-sided differences"


def removed_kink_check(problem: Problem, d: Derivation, rng: np.random.Generator, guards: list[Node]) -> CheckResult | None:
    """At points on each place the engine found smooth, along a random direction, both one-sided derivatives
    against the result; None where there is no such place, NOT_APPLICABLE where no point on one is found."""
    if not d.removed:
        return None
    places = [k for k in d.removed if E.depends_on(k.at, {d.wrt})]
    if not places:
        return CheckResult(CheckStatus.NOT_APPLICABLE, f"no place of a removed kink moves with {d.wrt}")
    worst = 0.0
    checked: list[str] = []
    missed: list[str] = []
    still: list[Node] = []
    for kink in places:
        found, free = 0, False
        for _ in range(DRAWS):
            error = _at_one_point(problem, d, kink, rng, guards)
            free = free or not isinstance(error, _Still)
            if error is None or isinstance(error, _Still):
                continue
            worst = max(worst, error[1])
            if error[0] > 1.0:
                return CheckResult(CheckStatus.FAILED, f"at a point where {_where(kink)}, a one-sided derivative "
                                   "differs from the derived result there: the function is not differentiable there "
                                   "with that derivative", worst, method=METHOD)
            found += 1
            if found == POINTS:
                break
        if not free:
            still.append(kink.at)
        else:
            (checked if found == POINTS else missed).append(_where(kink))
    nowhere = [all_still(text, DRAWS) for text in still]
    unfound = [f"no point found in {DRAWS} draws where {' or '.join(missed)}, with every other non-smooth operation "
               "away from its own place"] if missed else []
    if not checked:
        return CheckResult(CheckStatus.NOT_APPLICABLE, "; ".join(nowhere + unfound))
    also = f"; no point found where {' or '.join(missed)}" if missed else ""
    also += "".join(f"; {n}" for n in nowhere)
    return CheckResult(CheckStatus.PASSED, f"at {POINTS} random points where {' and where '.join(checked)} (no kink: "
                       "the result is continuous there), the one-sided derivatives on both sides along a random "
                       f"direction equal the result there (Richardson-extrapolated, within {bound_text(TOLERANCE)} "
                       f"or {CONVERGING} times their own change as the step halves){also}",
                       worst, POINTS * len(checked), METHOD, TOLERANCE)


def _where(kink: Kink) -> str:
    text = E.flat_text(kink.at)
    return f"{text} = 0" if kink.whole or kink.at.shape.is_scalar else f"an entry of {text} is 0"


class _Still:
    """A draw at whose sizes every entry of the place's argument is identically zero (checks.still)."""


STILL = _Still()


def _near(kink: Kink, value: np.ndarray, sizes: Sizes) -> bool:
    """Whether a kept kink is within OFF_PLACE of the point: a whole array's (a norm's corner) where every entry is
    at once (its norm), not where one is (sum(|w|^2)^q's corner at w = 0 kept w_i = 0 out of reach)."""
    if kink.whole:
        return float(np.linalg.norm(value)) < OFF_PLACE
    return bool(np.any(kink_gaps(value, kink.at, sizes, OFF_PLACE) < OFF_PLACE))


def _at_one_point(problem: Problem, d: Derivation, kink: Kink, rng: np.random.Generator,
                  guards: list[Node]) -> tuple[float, float] | _Still | None:
    """The error at one point on the place, over what is allowed there (above 1: failed), and relative to the
    derivative's size; None where no usable point was reached from this draw, :data:`STILL` where no entry of the
    place's argument can be reached (each identically zero)."""
    sizes, env = sample(problem, rng, guards, d)
    x0 = env[d.wrt]
    at_point = evaluate(kink.at, env, sizes)
    entries = at_point.ravel()
    # an entry identically zero (x_i - x_i) is no place to reach, nor in the way (checks.still)
    still, free = still_and_free(kink.at, sizes, at_point, KINK_MARGIN)
    if free.size == 0:
        return STILL
    pick: slice | int = slice(None) if kink.whole else int(free[rng.integers(free.size)])
    moves = _moves(x0.shape, d.symmetric is not None)

    def gap(x: np.ndarray) -> np.ndarray:
        return np.atleast_1d(evaluate(kink.at, {**env, d.wrt: x}, sizes).ravel()[pick])

    scale = float(np.max(np.abs(entries))) + 1.0
    x = _onto(gap, x0, moves, scale)
    if x is None:
        return None
    on = {**env, d.wrt: x}
    at_place = evaluate(kink.at, on, sizes).ravel()
    together = np.abs(at_place) <= ON_PLACE * scale     # entries on the place with the one chosen
    if np.any((np.abs(at_place) < OFF_PLACE) & ~together & ~still):
        return None
    # the other operations are on this place with it (|x| and relu(x)) or clear of the steps taken; a kink kept
    # elsewhere is clear of them too
    for guard in guards:
        value = np.abs(evaluate(guard, on, sizes))
        if np.any((value < OFF_PLACE) & (value > ON_PLACE * scale)):
            return None
    if any(_near(k, evaluate(k.at, on, sizes), sizes) for k in d.kinks):
        return None
    # the function's value there fixed by float arithmetic: a place met only on a pole (ridge GCV's residual is
    # zero only where its denominator m - tr(Q) is, a removable 0/0) gives rounding noise, no derivative to test
    if not np.all(np.isfinite(evaluate(problem.expression, on, sizes))) or not determined(problem.expression, on, sizes):
        return None
    v = moves @ rng.normal(size=moves.shape[1])
    v = v.reshape(x.shape) / np.linalg.norm(v)
    reach = max(1.0, float(np.max(np.abs(x))))
    order: Order = "C" if d.scalar_function else "F"
    assert d.result is not None     # a finished derivation (verify runs no check otherwise)
    nearby = float(np.linalg.norm(evaluate(d.result, env, sizes)))
    g: np.ndarray = evaluate(d.result, on, sizes)
    if not np.all(np.isfinite(g)):  # 0/0 on the place: one value for both sides, between the two just off it
        g = sum(evaluate(d.result, {**on, d.wrt: x + LIMIT * reach * side}, sizes) for side in (v, -v)) / 2
    if not np.all(np.isfinite(g)):
        return float("inf"), float("inf")
    worst, relative = 0.0, 0.0
    for direction in (v, -v):
        stated = direction.ravel(order=order) @ g.reshape(direction.size, -1)
        measured, change = _one_sided(problem, on, d.wrt, direction, STEP * reach, sizes, order)
        size = max(nearby, float(np.linalg.norm(stated)), float(np.linalg.norm(measured)), 1e-300)
        error = float(np.linalg.norm(stated - measured))
        worst, relative = max(worst, error / (TOLERANCE * size + CONVERGING * change)), max(relative, error / size)
    return worst, relative


def _moves(shape: tuple[int, ...], symmetric: bool) -> np.ndarray:
    """The directions the variable may move in, one per column (a symmetric matrix: symmetrically)."""
    size = int(np.prod(shape))
    basis = np.eye(size)
    if not symmetric:
        return basis
    cols = [(basis[:, i].reshape(shape) + basis[:, i].reshape(shape).T).ravel() for i in range(size)]
    return np.array(cols).T


def _onto(gap: Callable[[np.ndarray], np.ndarray], x0: np.ndarray, moves: np.ndarray, scale: float) -> np.ndarray | None:
    """A point where ``gap`` is zero, by Gauss-Newton steps from x0 (the least move each step), or None."""
    x = x0.copy()
    for _ in range(NEWTON_STEPS):
        r = gap(x)
        if not np.all(np.isfinite(r)):
            return None
        if np.max(np.abs(r)) <= ON_PLACE * scale:
            return x
        h = JACOBIAN_STEP * max(1.0, float(np.max(np.abs(x))))
        jac = np.array([(gap(x + h * m.reshape(x.shape)) - gap(x - h * m.reshape(x.shape))) / (2 * h)
                        for m in moves.T]).T
        step = np.linalg.lstsq(jac, -r, rcond=None)[0]
        x = x + (moves @ step).reshape(x.shape)
    r = gap(x)
    return x if np.all(np.isfinite(r)) and np.max(np.abs(r)) <= ON_PLACE * scale else None


def _one_sided(problem: Problem, env: Point, wrt: str, v: np.ndarray, h: float,
               sizes: Sizes, order: Order) -> tuple[np.ndarray, float]:
    """The one-sided derivative of f along v, Richardson-extrapolated from steps h/2 and h/4, and how much
    that changed from the one from h and h/2 (the extrapolation's own error, roughly)."""
    q = quotients(problem, env, wrt, v, (h, h / 2, h / 4), sizes, order)
    coarse, fine = 2 * q[1] - q[0], 2 * q[2] - q[1]
    return fine, float(np.linalg.norm(fine - coarse))
