"""The subgradient check: the set a page states at a kink, at both ends of its slope interval, against
one-sided differences of the function at points on the kink."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from mcdocgen.catalog import Problem
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.checks.results import CheckResult, CheckStatus, bound_text
from mcdocgen.checks.sampling import KINK_MARGIN, NoPoint, sample
from mcdocgen.checks.still import all_still, still_and_free
from mcdocgen.checks.symmetric import asymmetry
from mcdocgen.engine.derive import Derivation
from mcdocgen.engine.kinks import Kink, Steep
from mcdocgen import language as E
from mcdocgen.language import Node, to_text
from mcdocgen.checks.walk import Order, Point, Sizes

SUBGRADIENT_POINTS = 2          # points on the kink where both ends of the interval are checked
SUBGRADIENT_DRAWS = 20          # starting points drawn at most to find them
SUBGRADIENT_STEP = 1e-4         # one-sided step, times max(1, |x|); Richardson with half of it
SUBGRADIENT_TOLERANCE = 1e-6    # relative to the larger one-sided derivative
ON_KINK = 1e-12                 # |kink argument| below this, times its scale, is on the kink
OFF_KINK = 1e-3                 # every other kink argument stays this far from zero there
ROOT_ITERATIONS = 60
METHOD = "one-sided differences"


def subgradient_check(problem: Problem, d: Derivation, rng: np.random.Generator, guards: list[Node]) -> CheckResult | None:
    """The stated subgradient set at the kink; None where the result has no kink (nothing is stated).

    At a point on the kink (one entry of the kink's argument zero, found along a random direction v
    of the variable), the set with the slope at the top of its interval must give the one-sided
    derivative of f along the direction that makes that entry positive, and the bottom of the
    interval the one on the other side. Each one-sided derivative is Richardson-extrapolated.
    """
    if all(k.undefined for k in d.kinks):   # no kink, or only places where the function is undefined
        return None
    stated = [k for k in d.kinks if k.subgradient is not None]
    steep = [k for k in d.kinks if k.steep is not None and not k.undefined]
    if not stated and steep:    # a corner under a power: |w|^q's slopes there depend on q, |w|^0.5's are infinite
        power = f"a power {to_text(steep[0].exponent)}" if steep[0].exponent is not None else "a power"
        why = "between 0 and 1, so a one-sided slope there is infinite" if steep[0].steep is Steep.INFINITE else \
            "whose size against 1 is not declared, so the slopes there depend on it" if steep[0].bare else \
            "whose effect on the corner's slopes is not worked out"
        return CheckResult(CheckStatus.NOT_APPLICABLE, f"no subgradient set is stated at the kink: its corner is "
                           f"under {power}, {why}")
    if not stated:
        return CheckResult(CheckStatus.NOT_APPLICABLE, "no subgradient set is stated at the kink (a jump, several "
                           "non-smooth operations meeting there, or no step function in the result to replace)")
    kink = stated[0]
    if not E.depends_on(kink.at, {d.wrt}):
        return CheckResult(CheckStatus.NOT_APPLICABLE, f"the kink does not move with {d.wrt}")
    worst, found, crossed, free = 0.0, 0, False, False
    for _ in range(SUBGRADIENT_DRAWS):
        error = _at_one_point(problem, d, kink, rng, guards)
        crossed = crossed or not isinstance(error, _Miss)
        free = free or error is not _STILL   # (the one _Miss a still point returns)
        if error is None or isinstance(error, _Miss):
            continue
        worst = max(worst, error)
        if error > SUBGRADIENT_TOLERANCE:
            return CheckResult(CheckStatus.FAILED, f"at a point on the kink, an end of the slope interval "
                               f"[{kink.low}, {kink.high}] differs from the one-sided differences",
                               worst, method=METHOD)
        found += 1
        if found == SUBGRADIENT_POINTS:
            return CheckResult(CheckStatus.PASSED, f"at {SUBGRADIENT_POINTS} random points on the kink, the set with "
                               f"slope {kink.high} and with slope {kink.low} gives the one-sided derivatives on the "
                               f"two sides (Richardson-extrapolated, within {bound_text(SUBGRADIENT_TOLERANCE)})",
                               worst, SUBGRADIENT_POINTS, METHOD, SUBGRADIENT_TOLERANCE)
    if not free:
        return CheckResult(CheckStatus.NOT_APPLICABLE, all_still(kink.at, SUBGRADIENT_DRAWS))
    if not crossed:
        # |x·x| = x·x: an argument that only touches zero has no two sides, so no slope interval to test
        return CheckResult(CheckStatus.NOT_APPLICABLE, f"along {SUBGRADIENT_DRAWS} random lines the kink's argument "
                           "never changes sign (it only touches zero or never reaches it), so there are no two sides "
                           "to compare")
    raise NoPoint(f"no point on the kink found in {SUBGRADIENT_DRAWS} draws")


class _Miss:
    """A draw whose line never crosses the kink (as opposed to a crossing too crowded to use)."""


_NO_CROSSING = _Miss()
_STILL = _Miss()    # every entry of the kink's argument identically zero at the point's sizes (checks.still)


def _at_one_point(problem: Problem, d: Derivation, kink: Kink, rng: np.random.Generator,
                  guards: list[Node]) -> float | _Miss | None:
    """The larger relative error of the two ends at one point on the kink; None if the crossing found
    could not be used, :data:`_NO_CROSSING` if the line never crosses the kink, :data:`_STILL` if no entry of the
    kink's argument can be crossed (each identically zero)."""
    assert kink.subgradient is not None and kink.step is not None
    sizes, env = sample(problem, rng, guards, d)
    x = env[d.wrt]
    v = rng.normal(size=x.shape)
    v = v + v.T if d.symmetric else v   # a symmetric variable moves only symmetrically (checks.symmetric)
    v /= np.linalg.norm(v)
    at_point = evaluate(kink.at, env, sizes)
    entries = at_point.ravel()
    # an entry identically zero (x_i - x_i) is no kink: nothing to cross there, nor to vary (checks.still)
    still, free = still_and_free(kink.at, sizes, at_point, KINK_MARGIN)
    if free.size == 0:
        return _STILL
    i = int(free[rng.integers(free.size)])     # (with no entry still, the draw it always was)

    def gap(t: float) -> np.ndarray:
        at_t: np.ndarray = evaluate(kink.at, {**env, d.wrt: x + t * v}, sizes).ravel()
        return at_t

    scale = float(np.max(np.abs(entries))) + 1.0
    root = _root(lambda t: float(gap(t)[i]), scale)
    if root is None:
        bracket = _sign_change(lambda t: float(gap(t)[i]))
        if bracket is None:
            return _NO_CROSSING
        root = _bisect(lambda t: float(gap(t)[i]), *bracket, scale)
        if root is None:
            return None
    t, slope = root
    on = {**env, d.wrt: x + t * v}
    at_root = gap(t)
    # entries on the kink together with entry i (both of [a, 2 a] at a = 0) take their ends together;
    # an entry merely near the kink could be crossed by the one-sided step: draw another point
    together = (np.abs(at_root) <= ON_KINK * scale) & ~still
    together[i] = True
    if np.any((np.abs(at_root) < OFF_KINK) & ~together & ~still):
        return None
    before, after = gap(t - OFF_KINK), gap(t + OFF_KINK)
    if (before[i] < 0) == (after[i] < 0):
        return _NO_CROSSING     # entry i only touches zero here: no two sides to tell
    rates = (after - before) / (2 * OFF_KINK)    # each entry's rate along v
    others = together.copy()
    others[i] = False           # entry i's side is its sign change; a shallow crossing is still one
    if np.any(np.abs(rates[others]) < OFF_KINK):
        return None             # another entry on the kink only touches it: draw another point
    # the sides: moving along +v makes entry i of the argument positive when its slope is positive
    up = v if slope > 0 else -v
    steps = evaluate(E.func(kink.step, kink.at), on, sizes).reshape(entries.shape)
    reach = max(1.0, float(np.max(np.abs(on[d.wrt]))))
    errors, sizes_seen = [], []
    for direction, s in ((up, kink.high), (-up, kink.low)):
        slope_values = steps.copy()
        slope_values[i] = s
        # every entry on the kink takes the end of the side it moves to along this direction
        rising = rates * (1 if direction is v or np.array_equal(direction, v) else -1) > 0
        slope_values[together] = np.where(rising[together], kink.high, kink.low)
        at_s = {**on, kink.slope: slope_values.reshape(evaluate(kink.at, on, sizes).shape)}
        g = evaluate(kink.subgradient, at_s, sizes)
        if d.symmetric and asymmetry(g):    # symmetric directions cannot see an asymmetric part
            return float("inf")
        # a function that is not a scalar numbers entries column-major (vec), on f and on the variable
        order: Order = "C" if d.scalar_function else "F"
        stated = direction.ravel(order=order) @ g.reshape(direction.size, -1)
        measured = _one_sided(problem, on, d.wrt, direction, SUBGRADIENT_STEP * reach, sizes, order)
        errors.append(float(np.linalg.norm(stated - measured)))
        sizes_seen += [float(np.linalg.norm(stated)), float(np.linalg.norm(measured))]
    if not all(map(np.isfinite, errors)):   # the set not finite there (0 * inf, s / sqrt(0)): no set of slopes
        return float("inf")
    scale = max([*sizes_seen, 1e-300])
    return max(errors) / scale if max(errors) > 0 else 0.0


def _root(f: Callable[[float], float], scale: float) -> tuple[float, float] | None:
    """A zero of f near 0 by the secant method, and f's slope there; None if it does not converge."""
    t0, t1 = 0.0, 1e-3
    f0, f1 = f(t0), f(t1)
    for _ in range(ROOT_ITERATIONS):
        if not (np.isfinite(f0) and np.isfinite(f1)) or f1 == f0:
            return None
        slope = (f1 - f0) / (t1 - t0)
        if abs(f1) <= ON_KINK * scale:
            return t1, slope
        t0, f0, t1 = t1, f1, t1 - f1 / slope
        f1 = f(t1)
    return None


#: Where a line is searched for a sign change when the secant method does not converge (exp(x) - 1000
#: from x near 0): 0 and +-10^k for k from -3 to 3 in quarter steps, times the variable's size.
_GRID = np.concatenate([-np.logspace(3, -3, 25), [0.0], np.logspace(-3, 3, 25)])


def _sign_change(f: Callable[[float], float]) -> tuple[float, float] | None:
    """Two neighbouring points of :data:`_GRID` where f is finite and changes sign; None if the line
    never crosses zero there (an argument that only touches zero, such as x·x, never does)."""
    last: tuple[float, float] | None = None
    for t in _GRID:
        value = f(float(t))
        if not np.isfinite(value):
            continue
        if value == 0.0:
            return float(t), float(t)
        if last is not None and (last[1] < 0) != (value < 0):
            return last[0], float(t)
        last = (float(t), value)
    return None


def _bisect(f: Callable[[float], float], low: float, high: float, scale: float) -> tuple[float, float] | None:
    """A zero of f between low and high (f changes sign there) by bisection, and f's slope there."""
    f_low = f(low)
    for _ in range(4 * ROOT_ITERATIONS):
        mid = (low + high) / 2
        f_mid = f(mid)
        if not np.isfinite(f_mid):
            return None
        if abs(f_mid) <= ON_KINK * scale or high - low <= 1e-15 * max(1.0, abs(mid)):
            step = max(abs(mid), 1.0) * 1e-6
            slope = (f(mid + step) - f(mid - step)) / (2 * step)
            return (mid, slope) if np.isfinite(slope) and slope != 0 else None
        if (f_mid < 0) == (f_low < 0):
            low, f_low = mid, f_mid
        else:
            high = mid
    return None


def _one_sided(problem: Problem, env: Point, wrt: str, v: np.ndarray, h: float,
               sizes: Sizes, order: Order = "C") -> np.ndarray:
    """The one-sided derivative of f along v, Richardson-extrapolated from steps h and h/2."""
    q = quotients(problem, env, wrt, v, (h, h / 2), sizes, order)
    extrapolated: np.ndarray = 2 * q[1] - q[0]
    return extrapolated


def quotients(problem: Problem, env: Point, wrt: str, v: np.ndarray, steps: tuple[float, ...],
              sizes: Sizes, order: Order) -> list[np.ndarray]:
    """The one-sided difference quotients (f(x + s v) - f(x)) / s of f along v, one for each step s."""
    x = env[wrt]
    f0 = evaluate(problem.expression, env, sizes).ravel(order=order)
    return [(evaluate(problem.expression, {**env, wrt: x + s * v}, sizes).ravel(order=order) - f0) / s for s in steps]
