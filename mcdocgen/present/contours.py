"""Contour lines: marching squares over a grid of values, and the levels a picture draws."""

from __future__ import annotations

import math

import numpy as np

LEVELS = 9              # contour levels: the 10% ... 90% quantiles of the values, to two significant digits

Edge = tuple[int, int, str]                  # a grid edge: the vertex (i, j) it starts at, and its axis ("x" or "y")
Crossing = tuple[int, int, str, float]       # an edge, and how far along it a line crosses it


def contour_levels(values: np.ndarray) -> tuple[float, ...]:
    """The 10%, 20%, ... 90% quantiles of f on the grid, to two significant digits: lines spread
    over the picture's area whatever f's growth; strictly inside the values' range."""
    lo, hi = float(values.min()), float(values.max())
    out: list[float] = []
    for q in np.linspace(10, 90, LEVELS):
        level = _significant(float(np.percentile(values, q)), 2)
        if lo < level < hi and level not in out:
            out.append(level)
    return tuple(sorted(out))


def _significant(v: float, digits: int) -> float:
    if v == 0:
        return 0.0
    return round(v, digits - 1 - math.floor(math.log10(abs(v)))) + 0.0


def marching_squares(values: np.ndarray, level: float) -> list[list[Crossing]]:
    """The contour lines of ``values`` (a grid, nan where undefined) at ``level``: each a list of
    crossings (i, j, axis, t), the point t of the way from vertex (i, j) along the grid edge to
    (i + 1, j) (axis "x") or to (i, j + 1) (axis "y"). Cells with an undefined corner are skipped;
    a saddle cell is resolved by its centre's value. Lines are chained through the edges they
    cross, so the walk (and the bytes) depend only on the grid."""
    n, m = values.shape
    links: dict[Edge, list[Edge]] = {}

    def crossing(a: tuple[int, int], b: tuple[int, int]) -> Crossing:
        va, vb = values[a], values[b]
        t = (level - va) / (vb - va)
        return (a[0], a[1], "x" if b[0] > a[0] else "y", t)

    def link(p: Crossing, q: Crossing) -> None:
        links.setdefault(p[:3], []).append(q[:3])
        links.setdefault(q[:3], []).append(p[:3])
        where[p[:3]] = p[3]
        where[q[:3]] = q[3]

    where: dict[Edge, float] = {}
    for i in range(n - 1):
        for j in range(m - 1):
            c = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
            v = [values[p] for p in c]
            if not all(np.isfinite(v)):
                continue
            inside = [x >= level for x in v]
            edges = [(c[0], c[1]), (c[1], c[2]), (c[3], c[2]), (c[0], c[3])]   # bottom, right, top, left
            cut = [k for k, (a, b) in enumerate(edges) if inside[c.index(a)] != inside[c.index(b)]]
            points = {k: crossing(*edges[k]) for k in cut}
            if len(cut) == 2:
                link(points[cut[0]], points[cut[1]])
            elif len(cut) == 4:
                centre = sum(v) / 4 >= level
                if centre == inside[0]:     # corners 0 and 2 joined through the centre
                    link(points[0], points[1])
                    link(points[2], points[3])
                else:
                    link(points[3], points[0])
                    link(points[1], points[2])
    lines = []
    seen: set[Edge] = set()
    starts = sorted(links, key=lambda k: (len(links[k]) != 1, k))   # open lines first, then loops
    for start in starts:
        if start in seen:
            continue
        line = [start]
        seen.add(start)
        while True:
            nxt = [q for q in links[line[-1]] if q not in seen]
            if not nxt:
                break
            line.append(nxt[0])
            seen.add(nxt[0])
        closed = len(line) > 2 and line[0] in links[line[-1]]
        pts = [(i, j, axis, where[(i, j, axis)]) for i, j, axis in line]
        if closed:
            pts.append(pts[0])
        lines.append(pts)
    return lines
