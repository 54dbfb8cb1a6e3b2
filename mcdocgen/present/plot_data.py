"""Plot data: the points a picture shows, each the DERIVED result evaluated by
:func:`mcdocgen.checks.evaluate.evaluate` at that point (never a numerical difference).

Along a scalar variable: f, its derivative and, where a Hessian was derived, the second
derivative, broken at kinks and where undefined; each kink with its subgradient set's ends. Over a
2-vector: f on a grid and the gradient on a coarse grid. Every other variable is fixed at a value
drawn as the numeric checks draw (by its assumptions, from a generator seeded by the problem's id),
rounded to one decimal (along a smooth curve, the first of a few draws and scales under which the
derivative changes sign in view: an optimum shows); sizes are the smallest the expression allows.
Values are snapped to 9 decimals before anything compares or draws them: no digit that differs
between BLAS kernels.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import sympy

from mcdocgen import language as E
from mcdocgen.catalog import Assumption, Problem
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.checks.sampling import point_rng, sample_value, smallest_size
from mcdocgen.engine.derive import Derivation
from mcdocgen.engine.kinks import Kink
from mcdocgen.language import KinkKind, Node
from mcdocgen.present.contours import contour_levels

HALF_WIDTH = 3.0        # a plot spans 3 either side of its centre (the kink nearest 0, or 0)
NARROWEST = 0.75        # the half-width is halved down to this while a curve breaks in too many places
MOST_BREAKS = 3         # ... more places than this where a curve is undefined or leaves the picture
KINK_SEARCH = 10.0      # kinks are looked for in [-10, 10] (to centre the plot on one)
SAMPLES = 240           # intervals of a curve (241 points; 0.025 apart on [-3, 3])
GRID = 30               # cells of the contour grid along each axis
ARROWS = 7              # gradient arrows along each axis (inside the square, 0.75 apart on [-3, 3])
SNAP = 9                # decimals a value keeps before it is compared or drawn (no BLAS-dependent digits)
DRAWS = 4               # draws of the fixed values tried for a picture where f' changes sign ...
SCALES = (1, 2, 3, 5, 10)  # ... at each of these scales of the variables without assumptions
TURN_SAMPLES = 31       # points along the interval at which each draw's f' is looked at
BESIDE = 1e-9           # a derivative is drawn up to this close to a kink, from either side


@dataclass(frozen=True, slots=True)
class Curve:
    """One curve's points, in pieces broken at kinks and where it is undefined or off the picture."""

    name: str                   # f, d1, d2
    pieces: tuple[tuple[tuple[float, float], ...], ...]


@dataclass(frozen=True, slots=True)
class KinkMark:
    x: float
    f: float
    low: float | None           # the derivative's range there (None: no subgradient stated)
    high: float | None


@dataclass(frozen=True, slots=True)
class CurveData:
    wrt: str
    lo: float
    hi: float
    curves: tuple[Curve, ...]
    kinks: tuple[KinkMark, ...]
    fixed: tuple[tuple[str, np.ndarray], ...]

    @property
    def breaks(self) -> int:
        """Places where a curve is undefined or leaves the picture (a pole); kinks do not count."""
        return max(len(c.pieces) for c in self.curves) - len({k.x for k in self.kinks}) - 1


@dataclass(frozen=True, slots=True)
class Arrow:
    at: tuple[float, float]
    gradient: tuple[float, float]


@dataclass(frozen=True, slots=True)
class FieldData:
    wrt: str
    axis: tuple[float, ...]         # the grid's coordinates along each entry
    values: np.ndarray              # f on the grid, values[i, j] at (axis[i], axis[j]); nan: undefined
    levels: tuple[float, ...]
    arrows: tuple[Arrow, ...]
    fixed: tuple[tuple[str, np.ndarray], ...]
    on_kink: int = 0                # grid spots left without an arrow on a kink
    undefined: int = 0              # and where f or its gradient is not finite (a pole, 0/0)


Sizes = dict[sympy.Symbol, int]
Values = dict[str, np.ndarray]      # variables' values (the fixed ones, or a whole point)


def derived(d: Derivation) -> Node:
    """The result a picture draws: pictures are made of derived results only (plots.plot_views picks them)."""
    if d.result is None:
        raise ValueError(f"no derived result by {d.wrt} to draw")
    return d.result


def snap(value: float) -> float:
    """A value without the last digits that differ between BLAS kernels (and no negative zero)."""
    return round(float(value), SNAP) + 0.0


def plot_sizes(problem: Problem) -> Sizes:
    """Every size at the smallest the expression allows (2 unless it indexes further)."""
    low = smallest_size(problem)
    return {E.shapes.size_symbol(s): low for s in problem.sizes}


def entries(problem: Problem, name: str) -> int:
    shape = problem.variable(name).shape
    sizes = plot_sizes(problem)
    return int(shape.rows.subs(sizes)) * int(shape.cols.subs(sizes))


def fixed_values(problem: Problem, along: str, draw: int = 0, scale: float = 1.0) -> dict[str, np.ndarray]:
    """The other variables' values: drawn as the checks draw them (seeded by the problem's id and
    ``draw``), rounded to one decimal so that a caption states them exactly; positive where no
    assumption says otherwise, and those times ``scale``."""
    rng = point_rng(problem, "plot:" + along, draw)
    sizes = plot_sizes(problem)
    out = {}
    for v in problem.variables:
        value = sample_value(v, sizes, rng)     # drawn for every variable: the stream does not depend on `along`
        if v.name != along:
            # a picture is one slice: positive data (labels, probabilities, counts) is the reading
            # a course has in mind, and keeps a loss bounded below; assumptions already say more
            value = value if v.assume else scale * np.abs(value)
            out[v.name] = np.round(value, 1) + 0.0
    return out


def _scalar_at(node: Node, env: Values, sizes: Sizes) -> np.ndarray:
    with np.errstate(all="ignore"):
        try:
            return np.asarray(evaluate(node, env, sizes), dtype=float)
        except (np.linalg.LinAlgError, ZeroDivisionError, FloatingPointError, ValueError):
            return np.array([[np.nan]])


def along_line(node: Node, wrt: str, fixed: Values, sizes: Sizes) -> Callable[[float], np.ndarray]:
    """``node`` as a function of the scalar ``wrt``, the other variables fixed."""
    return lambda x: _scalar_at(node, {**fixed, wrt: np.array([[x]])}, sizes)


def kink_places(kinks: Sequence[Kink], wrt: str, fixed: Values, sizes: Sizes, lo: float, hi: float) -> list[tuple[float, Kink]]:
    """Where each kink's argument (each entry of it) is zero along [lo, hi]: sign changes on a fine
    grid, refined by bisection. Sorted by place."""
    xs = np.linspace(lo, hi, 2001)
    out: list[tuple[float, Kink]] = []
    for k in (k for k in kinks if not k.undefined):     # a pole breaks the curve by itself
        at = along_line(k.at, wrt, fixed, sizes)
        values = np.array([at(x).ravel() for x in xs])
        for e in range(1 if k.whole else values.shape[1]):   # a norm's corner: entry 0's zeros, then all
            col = values[:, e]
            entry = functools.partial(_entry_at, at, e)
            for i in range(len(xs) - 1):
                a, b = col[i], col[i + 1]
                if not (np.isfinite(a) and np.isfinite(b)):
                    continue
                if a == 0:
                    out.append((float(xs[i]), k))
                elif a * b < 0:
                    out.append((_bisect(entry, float(xs[i]), float(xs[i + 1])), k))
            if col[-1] == 0:
                out.append((float(xs[-1]), k))
    # a norm's corner is where every entry is zero at once
    out = [(x, k) for x, k in out if not k.whole or _on(k, along_line(k.at, wrt, fixed, sizes)(x))]
    return sorted(out, key=lambda pk: pk[0])


def _entry_at(g: Callable[[float], np.ndarray], e: int, x: float) -> float:
    return float(g(x).ravel()[e])


def _bisect(g: Callable[[float], float], a: float, b: float) -> float:
    ga = g(a)
    for _ in range(60):
        m = (a + b) / 2
        gm = g(m)
        if gm == 0:
            return m
        if (gm < 0) == (ga < 0):
            a, ga = m, gm
        else:
            b = m
    return (a + b) / 2


def curve_data(problem: Problem, d: Derivation, second: Derivation | None) -> CurveData | None:
    """f, f' (the derived result) and f'' (the derived Hessian, if any) along ``d.wrt``.

    The interval: 3 either side of the kink nearest 0 (rounded to one decimal; 0 when there is
    none), from 0 to 6 for a positive variable; halved (down to 0.75 either side, 0 to 1.5) while
    a curve breaks in more than 3 places."""
    sizes = plot_sizes(problem)
    positive = Assumption.POSITIVE in problem.variable(d.wrt).assume
    fixed = fixed_values(problem, d.wrt) if d.kinks else _turning(problem, d, sizes, positive)
    wide = kink_places(d.kinks, d.wrt, fixed, sizes, -KINK_SEARCH, KINK_SEARCH)
    nearest: float = min((x for x, _ in wide), key=abs, default=0.0)
    centre = round(nearest, 1) + 0.0
    half = HALF_WIDTH
    while True:
        lo, hi = (0.0, 2 * half) if positive else (centre - half, centre + half)
        data = _curves_on(problem, d, second, fixed, sizes, lo, hi)
        if data.breaks <= MOST_BREAKS or half / 2 < NARROWEST:
            break
        half /= 2
    if not any(data.curves[0].pieces):
        return None
    return data


def _turning(problem: Problem, d: Derivation, sizes: Sizes, positive: bool) -> Values:
    """The fixed values of a smooth f's picture: the first of a few draws, the variables without
    assumptions at growing scales, under which the derivative changes sign in view (a minimum or
    maximum to see, where f' = 0), else the first draw: data that keep f monotone show no optimum
    (a noise variance against a y much smaller than the kernel: its likelihood only falls)."""
    lo, hi = (0.0, 2 * HALF_WIDTH) if positive else (-HALF_WIDTH, HALF_WIDTH)
    first = fixed_values(problem, d.wrt)
    for scale, draw in itertools.product(SCALES, range(DRAWS)):
        fixed = fixed_values(problem, d.wrt, draw, scale) if (scale, draw) != (1, 0) else first
        slope = along_line(derived(d), d.wrt, fixed, sizes)
        ys = [y for x in np.linspace(lo, hi, TURN_SAMPLES) if np.isfinite(y := slope(float(x)).item())]
        if any(a * b < 0 for a, b in itertools.pairwise(ys)):
            return fixed
    return first


def _curves_on(problem: Problem, d: Derivation, second: Derivation | None, fixed: Values, sizes: Sizes,
               lo: float, hi: float) -> CurveData:
    places = kink_places(d.kinks, d.wrt, fixed, sizes, lo, hi) if d.kinks else []
    cuts = sorted({x for x, _ in places})
    xs = [snap(lo + (hi - lo) * i / SAMPLES) for i in range(SAMPLES + 1)]
    f = along_line(problem.expression, d.wrt, fixed, sizes)
    named = [("f", problem.expression), ("d1", derived(d))] + ([("d2", derived(second))] if second else [])
    curves = []
    for name, node in named:
        g = along_line(node, d.wrt, fixed, sizes)
        curves.append(Curve(name, _pieces(g, xs, cuts, continuous=name == "f" and _corners(places))))
    marks = tuple(_mark(x, k, d, f, fixed, sizes) for x, k in places)
    fixed_items = tuple((v.name, fixed[v.name]) for v in problem.variables if v.name in fixed)
    curves = _clip(curves)
    return CurveData(d.wrt, lo, hi, tuple(curves), marks, fixed_items)


def _corners(places: list[tuple[float, Kink]]) -> bool:
    return all(k.kind is KinkKind.CORNER for _, k in places)


def _pieces(g: Callable[[float], np.ndarray], xs: list[float], cuts: list[float],
            continuous: bool) -> tuple[tuple[tuple[float, float], ...], ...]:
    """g's points, one piece per stretch between kinks (a continuous f runs through its corners:
    its pieces end and start at the kink itself), and broken where g is undefined."""
    pieces: list[list[tuple[float, float]]] = [[]]
    bounds = [-math.inf, *cuts, math.inf]

    def add(x: float) -> None:
        y = g(x).item()
        if np.isfinite(y):
            pieces[-1].append((x, snap(y)))
        elif pieces[-1]:
            pieces.append([])

    for a, b in itertools.pairwise(bounds):
        if a != -math.inf:
            add(a if continuous else a + BESIDE)
        for x in xs:
            if a + BESIDE < x < b - BESIDE:
                add(x)
        if b != math.inf:
            add(b if continuous else b - BESIDE)
            pieces.append([])
    return tuple(tuple(p) for p in pieces if p)


def _clip(curves: list[Curve]) -> list[Curve]:
    """Points far outside the bulk of the values (near a pole) are left out, breaking the curve."""
    lo, hi = _y_range(curves)
    out = []
    for c in curves:
        pieces: list[list[tuple[float, float]]] = []
        for piece in c.pieces:
            pieces.append([])
            for x, y in piece:
                if lo <= y <= hi:
                    pieces[-1].append((x, y))
                elif pieces[-1]:
                    pieces.append([])
        out.append(Curve(c.name, tuple(tuple(p) for p in pieces if p)))
    return out


def _y_range(curves: Sequence[Curve]) -> tuple[float, float]:
    """All values, unless a few are far out (a pole): then the 5%..95% range, widened by half."""
    ys = np.array([y for c in curves for p in c.pieces for _, y in p] or [0.0])
    lo, hi = float(ys.min()), float(ys.max())
    p5, p95 = (float(v) for v in np.percentile(ys, [5, 95]))
    width = p95 - p5
    if hi - lo > 4 * max(width, 1e-9):
        lo, hi = p5 - width / 2, p95 + width / 2
    return snap(lo), snap(hi)


def _mark(x: float, k: Kink, d: Derivation, f: Callable[[float], np.ndarray], fixed: Values, sizes: Sizes) -> KinkMark:
    """A kink: f there and, for a lone corner whose set the page states, the derived subgradient
    set's ends (the result with its step replaced by the slope at each end of its interval)."""
    fx = snap(f(x).item())
    if k.subgradient is None or not k.at.shape.is_scalar or k.kind is not KinkKind.CORNER:
        return KinkMark(snap(x), fx, None, None)
    env = {**fixed, d.wrt: np.array([[x]])}
    ends = [_scalar_at(k.subgradient, {**env, k.slope: np.array([[float(s)]])}, sizes).item() for s in (k.low, k.high)]
    return KinkMark(snap(x), fx, snap(min(ends)), snap(max(ends)))


def field_data(problem: Problem, d: Derivation) -> FieldData | None:
    """f on a grid over [-3, 3]^2 and the derived gradient on a coarse grid inside it."""
    sizes = plot_sizes(problem)
    fixed = fixed_values(problem, d.wrt)
    row = problem.variable(d.wrt).shape.is_row
    axis = tuple(snap(-HALF_WIDTH + 2 * HALF_WIDTH * i / GRID) for i in range(GRID + 1))

    def point(a: float, b: float) -> Values:
        v = np.array([[a], [b]])
        return {**fixed, d.wrt: v.T if row else v}

    values = np.array([[_finite(_scalar_at(problem.expression, point(a, b), sizes)) for b in axis] for a in axis])
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return None
    levels = contour_levels(finite)
    step = 2 * HALF_WIDTH / (ARROWS + 1)
    spots = [snap(-HALF_WIDTH + step * (i + 1)) for i in range(ARROWS)]
    arrows = []
    on_kink = undefined = 0
    for a in spots:
        for b in spots:
            env = point(a, b)
            if any(_on(k, _scalar_at(k.at, env, sizes)) for k in d.kinks if not k.undefined):
                on_kink += 1    # on a kink: no gradient to draw
                continue
            g = _scalar_at(derived(d), env, sizes).ravel()
            if g.size == 2 and np.all(np.isfinite(g)):
                arrows.append(Arrow((a, b), (snap(g[0]), snap(g[1]))))
            else:
                undefined += 1
    fixed_items = tuple((v.name, fixed[v.name]) for v in problem.variables if v.name in fixed)
    return FieldData(d.wrt, axis, values, levels, tuple(arrows), fixed_items, on_kink, undefined)


def _on(kink: Kink, at: np.ndarray) -> bool:
    """Whether a point is on the kink: one entry of its argument at 0, or every entry (a norm's corner)."""
    size = np.abs(at)
    return bool((np.max(size) if kink.whole else np.min(size)) < BESIDE)


def _finite(value: np.ndarray) -> float:
    v = value.item() if value.size == 1 else math.nan
    return snap(v) if np.isfinite(v) else math.nan
