"""Plots: pictures of a derived result as plain SVG data (PlotView) for templates/plot.svg.j2.

Two kinds, from the points of :mod:`mcdocgen.present.plot_data` (the derived results evaluated):
a scalar function of a scalar (f, its derivative, where derived its second derivative, kinks with
the subgradient set as a vertical segment on the derivative) and a scalar function of a 2-vector
(contour lines of f by marching squares, gradient arrows on a coarse grid). Everything here is in
SVG user units and plain text; lines keep only the points they need (:func:`polyline`), written
with one decimal, so the bytes depend only on the catalog. Colours are CSS classes
(docs/stylesheets/plots.css): one SVG, light and dark.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mcdocgen import language as E
from mcdocgen.catalog import Problem
from mcdocgen.engine.derive import Derivation
from mcdocgen.present.contours import marching_squares
from mcdocgen.present.latex import to_latex
from mcdocgen.present.symbols import symbol_latex
from mcdocgen.present.titles import unicode_math
from mcdocgen.present.plot_data import ARROWS, CurveData, FieldData, curve_data, derived, entries, field_data

WIDTH, HEIGHT = 640, 360    # curves: the SVG's user units
SQUARE = 420                # contours: a square (and a row for the legend)
MARGIN = (48, 16, 34, 30)   # left, right, top (legend), bottom (tick labels)


# ---------------------------------------------------------------- the records templates read


@dataclass(frozen=True, slots=True)
class Path:
    css: str        # a class of docs/stylesheets/plots.css: the colour comes from Material's variables
    d: str          # SVG path data, in the SVG's user units


@dataclass(frozen=True, slots=True)
class Label:
    x: str
    y: str
    text: str       # plain text (the template escapes it)
    anchor: str     # start, middle, end


@dataclass(frozen=True, slots=True)
class Dot:
    cx: str
    cy: str
    css: str


@dataclass(frozen=True, slots=True)
class LegendEntry:
    css: str
    sample: str     # path data of the short line (or arrow) beside the label
    label: Label


@dataclass(frozen=True, slots=True)
class PlotView:
    """One picture: everything in SVG user units and plain text, for templates/plot.svg.j2."""

    kind: str                   # "curves" (a function of a scalar) or "contours" (of a 2-vector)
    wrt: str                    # the variable it is drawn along (the page shows it in that section)
    width: int
    height: int
    title: str                  # the picture's accessible name, short
    alt: str                    # what it shows, in words (aria-describedby)
    caption: str                # the interval, the fixed values, how arrows are scaled
    grid: tuple[Path, ...]      # tick lines, then the axes through 0
    paths: tuple[Path, ...]     # curves or contours, then kink segments or arrows
    dots: tuple[Dot, ...]
    labels: tuple[Label, ...]   # tick labels
    legend: tuple[LegendEntry, ...]


def plot_views(problem: Problem, derivations: Sequence[Derivation]) -> tuple[PlotView, ...]:
    """The pictures of a problem's page: one per scalar or 2-vector variable of a scalar function
    (first derivatives derived), in the order of the derivations."""
    out = []
    first = [d for d in derivations if d.order == 1 and d.ok and d.result is not None]
    for d in first:
        if not d.function_shape.is_scalar or not any(i.depends for i in d.intermediates):
            continue   # a vector function, or a constant one (the constant rule): nothing to picture
        second = next((h for h in derivations if h.order == 2 and h.wrt == d.wrt and h.ok
                       and h.result is not None and h.result.shape.is_scalar), None)
        if d.wrt_shape.is_scalar:
            data = curve_data(problem, d, second)
            if data is not None:
                out.append(draw_curves(problem, d, second, data))
        elif d.wrt_shape.is_vector_like and entries(problem, d.wrt) == 2:
            field = field_data(problem, d)
            if field is not None:
                out.append(draw_field(problem, d, field))
    return tuple(out)


def _fmt(value: float, decimals: int = 1) -> str:
    return f"{round(value, decimals) + 0.0:.{decimals}f}"


#: How far (SVG user units) a drawn line may pass from a point it leaves out: a quarter of a pixel
#: at the largest size, under the 1.25-2.5 of a stroke. A straight piece of |x| was 120 points.
TOLERANCE = 0.25


def polyline(points: Sequence[tuple[float, float]]) -> str:
    """Path data of a line through ``points`` (SVG user units): the points it needs within
    :data:`TOLERANCE` (Ramer-Douglas-Peucker, the ends always kept), one decimal, and one ``L`` for
    all of them (SVG repeats the last command): the inline pictures were a third of their pages'
    bytes beside the math (issue 15)."""
    if not points:
        return ""
    keep = {0, len(points) - 1}
    pending = [(0, len(points) - 1)]
    while pending:
        a, b = pending.pop()
        (xa, ya), (xb, yb) = points[a], points[b]
        length = math.hypot(xb - xa, yb - ya)
        far, at = 0.0, -1
        for k in range(a + 1, b):
            x, y = points[k]
            off = (abs((xb - xa) * (ya - y) - (xa - x) * (yb - ya)) / length if length > 0
                   else math.hypot(x - xa, y - ya))
            if off > far:
                far, at = off, k
        if far > TOLERANCE:
            keep.add(at)
            pending += [(a, at), (at, b)]
    text = [_pair(*points[k]) for k in sorted(keep)]
    text = [t for k, t in enumerate(text) if k == 0 or t != text[k - 1]]
    return f"M{text[0]}" + (f"L{' '.join(text[1:])}" if len(text) > 1 else "")


def _num(value: float) -> str:
    """A number for text: at most two decimals, no trailing zeros."""
    text = f"{round(value, 2) + 0.0:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


class _Plain:
    """A problem's variables and formulas as the page's plain text writes them (``lam`` -> ``λ``,
    ``x.T @ A @ x`` -> ``xᵀ A x``): captions and alt texts are read, never the catalog's language."""

    def __init__(self, problem: Problem) -> None:
        self.names = {v.name: symbol_latex(v.name, v.shape) for v in problem.variables}

    def name(self, name: str) -> str:
        return unicode_math(self.names[name]) if name in self.names else name

    def formula(self, node: E.Node) -> str:
        return unicode_math(to_latex(node, self.names))


_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def _value_text(name: str, value: np.ndarray) -> str:
    if value.size == 1:
        return f"{name} = {_num(value.item())}"
    if 1 in value.shape:
        return f"{name} = ({', '.join(_num(v) for v in value.ravel())})"
    rows = ", ".join("[" + ", ".join(_num(v) for v in row) + "]" for row in value)
    return f"{name} = [{rows}]"


def _fixed_text(fixed: Sequence[tuple[str, np.ndarray]], plain: _Plain) -> str:
    return "; ".join(_value_text(plain.name(n), v) for n, v in fixed)


class _Frame:
    """Data coordinates to SVG user units."""

    def __init__(self, width: int, height: int, x: tuple[float, float], y: tuple[float, float]) -> None:
        left, right, top, bottom = MARGIN
        self.width, self.height = width, height
        self.left, self.top = left, top
        self.right, self.bottom = width - right, height - bottom
        self.x0, self.x1 = x
        self.y0, self.y1 = y

    def px(self, x: float) -> float:
        return self.left + (x - self.x0) / (self.x1 - self.x0) * (self.right - self.left)

    def py(self, y: float) -> float:
        return self.bottom - (y - self.y0) / (self.y1 - self.y0) * (self.bottom - self.top)

    def point(self, x: float, y: float) -> str:
        return f"{_fmt(self.px(x))},{_fmt(self.py(y))}"

    def axes(self, xticks: Sequence[float], yticks: Sequence[float],
             decimals: tuple[int, int]) -> tuple[tuple[Path, ...], tuple[Label, ...]]:
        grid = "".join(f"M{_fmt(self.px(t))},{self.top}V{self.bottom}" for t in xticks)
        grid += "".join(f"M{self.left},{_fmt(self.py(t))}H{self.right}" for t in yticks)
        axes = ""
        if self.x0 <= 0 <= self.x1:
            axes += f"M{_fmt(self.px(0))},{self.top}V{self.bottom}"
        if self.y0 <= 0 <= self.y1:
            axes += f"M{self.left},{_fmt(self.py(0))}H{self.right}"
        frame = f"M{self.left},{self.top}H{self.right}V{self.bottom}H{self.left}Z"
        labels = [Label(_fmt(self.px(t)), str(self.bottom + 16), _tick(t, decimals[0]), "middle") for t in xticks]
        labels += [Label(str(self.left - 6), _fmt(self.py(t) + 4), _tick(t, decimals[1]), "end") for t in yticks]
        paths = (Path("mc-plot__grid", grid), Path("mc-plot__frame", frame)) + ((Path("mc-plot__axis", axes),) if axes else ())
        return paths, tuple(labels)


def _tick(value: float, decimals: int) -> str:
    return f"{round(value, decimals) + 0.0:.{decimals}f}".replace("-", "\u2212")


def nice_ticks(lo: float, hi: float, most: int = 7) -> tuple[list[float], int]:
    """Ticks at 1, 2 or 5 times a power of ten inside [lo, hi], and the decimals they need."""
    span = hi - lo if hi > lo else 1.0
    raw = span / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    decimals = max(0, -math.floor(math.log10(step)))
    first = math.ceil(lo / step - 1e-9)
    ticks = []
    k = first
    while k * step <= hi + 1e-9 * span:
        ticks.append(round(k * step, decimals + 1) + 0.0)
        k += 1
    return ticks, decimals


def _padded(lo: float, hi: float) -> tuple[float, float]:
    if hi - lo < 1e-9:
        return lo - 1.0, hi + 1.0
    pad = (hi - lo) * 0.06
    return lo - pad, hi + pad


def _legend(entries: Sequence[tuple[str, str]], start: int = MARGIN[0]) -> tuple[LegendEntry, ...]:
    """A row of legend entries across the top: a short line in each curve's style (an arrow for
    the gradient) and its label."""
    out, x = [], start
    for css, text in entries:
        sample = _arrow_path(x, 14, x + 24, 14) if css == "mc-plot__arrow" else f"M{x},14H{x + 24}"
        out.append(LegendEntry(css, sample, Label(str(x + 30), "18", text, "start")))
        x += 40 + 9 * len(text)    # room for the labels at the phone's larger font too (plots.css)
    return tuple(out)


def draw_curves(problem: Problem, d: Derivation, second: Derivation | None, data: CurveData) -> PlotView:
    plain = _Plain(problem)
    f, x = plain.name(d.function), plain.name(d.wrt)
    ys = [y for c in data.curves for p in c.pieces for _, y in p]
    ys += [v for k in data.kinks for v in (k.f, k.low, k.high) if v is not None]
    frame = _Frame(WIDTH, HEIGHT, (data.lo, data.hi), _padded(min(ys), max(ys)))
    xticks, xd = nice_ticks(data.lo, data.hi)
    yticks, yd = nice_ticks(frame.y0, frame.y1, 6)
    grid, labels = frame.axes(xticks, yticks, (xd, yd))
    css = {"f": "mc-plot__f", "d1": "mc-plot__d1", "d2": "mc-plot__d2"}
    paths = [Path(css[c.name], "".join(polyline([(frame.px(px), frame.py(py)) for px, py in piece])
                                       for piece in c.pieces))
             for c in data.curves]
    dots: list[Dot] = []
    segments = ""
    for k in data.kinks:
        dots.append(Dot(_fmt(frame.px(k.x)), _fmt(frame.py(k.f)), "mc-plot__kink"))
        if k.low is not None and k.high is not None:
            segments += f"M{frame.point(k.x, k.low)}V{_fmt(frame.py(k.high))}"
    if segments:
        paths.append(Path("mc-plot__sub", segments))
    names = {"f": f"{f}({x})", "d1": f"d{f}/d{x}", "d2": f"d\u00b2{f}/d{x}\u00b2"}
    entries = [(css[c.name], names[c.name]) for c in data.curves]
    if segments:
        entries.append(("mc-plot__sub", "subgradients at the kink"))
    deriv = plain.formula(derived(d))
    alt = (f"Plot of {f}({x}) = {plain.formula(problem.expression)} (solid line) and its derivative "
           f"d{f}/d{x} = {deriv} (dashed)")
    if second is not None:
        alt += f" and second derivative {plain.formula(derived(second))} (dotted)"
    alt += f", for {x} from {_num(data.lo)} to {_num(data.hi)}"
    for k in data.kinks:
        if k.low is not None and k.high is not None:
            alt += f"; at {x} = {_num(k.x)} the derivative is any value in [{_num(k.low)}, {_num(k.high)}] (vertical segment)"
        else:
            alt += f"; {f} is not differentiable at {x} = {_num(k.x)} (dot)"
    alt += "."
    caption = f"{f} and its derivatives along {x}, from {_num(data.lo)} to {_num(data.hi)}"
    if data.fixed:
        caption += f", with {_fixed_text(data.fixed, plain)} fixed"
    caption += ". The curves are the derived results evaluated at each point"
    caption += "; dots mark the kinks." if data.kinks else "."
    if data.breaks > 0:
        caption += " A curve has a gap where it is undefined or far outside the picture."
    return PlotView("curves", data.wrt, WIDTH, HEIGHT, f"{f}({x}) and its derivative", alt, caption,
                    grid, tuple(paths), tuple(dots), labels, _legend(entries))


CLIP_PERCENTILE = 75   # the arrows' scale is set by this percentile of their lengths ...
CLIP_SPREAD = 3.0      # ... where the longest is more than this many times it (near a pole, a few dominate)


def arrow_unit(lengths: Sequence[float]) -> float:
    """The gradient length drawn at the arrows' full length: the longest, unless a few are far longer
    than the rest (where the denominator of f is small), which would shrink the rest to dots: then a
    high percentile of the lengths, and the longer arrows are drawn at it, marked."""
    if not lengths:
        return 0.0
    longest, high = max(lengths), float(np.percentile(lengths, CLIP_PERCENTILE))
    return high if longest > CLIP_SPREAD * high > 0 else longest


def _arrow_path(x0: float, y0: float, x1: float, y1: float) -> str:
    """A shaft and an open head (two strokes), in SVG units."""
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    if length < 1e-9:
        return ""
    ux, uy = dx / length, dy / length
    head = min(5.0, length * 0.4)
    left = (x1 - head * (ux - 0.5 * uy), y1 - head * (uy + 0.5 * ux))
    right = (x1 - head * (ux + 0.5 * uy), y1 - head * (uy - 0.5 * ux))
    tip, tail = _pair(x1, y1), _pair(x0, y0)
    return f"M{tail}L{tip}M{_pair(*left)}L{tip}L{_pair(*right)}"


def _pair(x: float, y: float) -> str:
    return f"{_fmt(x)},{_fmt(y)}"


def draw_field(problem: Problem, d: Derivation, data: FieldData) -> PlotView:
    plain = _Plain(problem)
    f, w = plain.name(d.function), plain.name(d.wrt)
    frame = _Frame(SQUARE, SQUARE + 20, (data.axis[0], data.axis[-1]), (data.axis[0], data.axis[-1]))
    ticks, decimals = nice_ticks(data.axis[0], data.axis[-1], 6)
    grid, labels = frame.axes(ticks, ticks, (decimals, decimals))
    axis = data.axis

    def at(i: int, j: int, along: str, t: float) -> tuple[float, float]:
        if along == "x":
            return frame.px(axis[i] + t * (axis[i + 1] - axis[i])), frame.py(axis[j])
        return frame.px(axis[i]), frame.py(axis[j] + t * (axis[j + 1] - axis[j]))

    contours = ""
    for level in data.levels:
        for line in marching_squares(data.values, level):
            contours += polyline([at(*c) for c in line])
    paths = [Path("mc-plot__contour", contours)]
    spacing = (frame.right - frame.left) / (ARROWS + 1)
    unit = arrow_unit([math.hypot(*a.gradient) for a in data.arrows])
    scale = 0.8 * spacing / unit if unit > 0 else 0.0
    arrows, clipped = "", ""
    dots = []
    for a in data.arrows:
        x0, y0 = frame.px(a.at[0]), frame.py(a.at[1])
        long = math.hypot(*a.gradient) > unit     # drawn at the unit's length, dashed: its direction still shows
        shrink = scale * unit / math.hypot(*a.gradient) if long else scale
        x1, y1 = x0 + a.gradient[0] * shrink, y0 - a.gradient[1] * shrink
        drawn = _arrow_path(x0, y0, x1, y1) if math.hypot(x1 - x0, y1 - y0) >= 2 else ""
        if drawn and long:
            clipped += drawn
        elif drawn:
            arrows += drawn
        else:
            dots.append(Dot(_fmt(x0), _fmt(y0), "mc-plot__still"))
    paths += [Path("mc-plot__arrow", arrows), Path("mc-plot__arrow mc-plot__clipped", clipped)]
    one, two = (f"{w}{'1'.translate(_SUBSCRIPT)}", f"{w}{'2'.translate(_SUBSCRIPT)}")   # the page's x₁, x₂
    labels += (Label(_fmt(frame.right), _fmt(frame.bottom + 28), f"{one} \u2192", "end"),
               Label(str(frame.left - 36), "18", f"{two} \u2191", "start"))   # in the legend row
    levels = ", ".join(_num(v) for v in data.levels)
    deriv = plain.formula(derived(d))
    alt = (f"Contour lines of {f}({w}) = {plain.formula(problem.expression)} over {one} and {two} from "
           f"{_num(axis[0])} to {_num(axis[-1])}, at levels {levels}, with arrows of its gradient "
           f"{deriv} on a {ARROWS} by {ARROWS} grid.")
    caption = (f"Contour lines of {f} (levels {levels}) and arrows of the derived gradient by {w}, "
               f"for {one} and {two} from {_num(axis[0])} to {_num(axis[-1])}")
    if data.fixed:
        caption += f", with {_fixed_text(data.fixed, plain)} fixed"
    if clipped:
        caption += (". The arrows share one scale, set by all but the longest few (one that long is 0.8 of "
                    "their spacing); a dashed arrow is longer than drawn; a dot marks a gradient too short to draw.")
    else:
        caption += (". The arrows share one scale (the longest is 0.8 of their spacing); a dot marks a "
                    "gradient too short to draw.")
    if data.on_kink:
        caption += f" No arrow where {f} has no gradient (on a kink)."
    if data.undefined:      # a pole or a 0/0, which is no kink
        caption += f" No arrow where {f} or its gradient is undefined."
    legend = _legend([("mc-plot__contour", f"contours of {f}"), ("mc-plot__arrow", f"gradient by {w}")],
                     start=MARGIN[0] + 40)   # after the second entry's axis label
    return PlotView("contours", data.wrt, SQUARE, SQUARE + 20, f"Contours of {f}({w}) and its gradient", alt,
                    caption, grid, tuple(paths), tuple(dots), labels, legend)
