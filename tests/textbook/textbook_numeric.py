"""A textbook form checked by numbers alone: central differences of f, never mcdocgen's derivation.

The form and f are parsed with the entry's variables and evaluated at random points (fixed seed,
sizes 2 to 4, values drawn by each variable's assumptions); the form must equal the derivative
the differences estimate, in the layout it is written for (the shapes of docs/spec section 3 and 5):

- by a scalar t: numerator dF/dt in F's shape, denominator its transpose;
- a scalar by a matrix X: denominator the matrix of df/dX_ij (X's shape), numerator its transpose;
- a Hessian (an entry of order 2): H = d vec(G) / d vec(x)^T of the gradient G, the matrix of
  second partial derivatives by the entries of vec(x), by second differences (symmetric, so the
  same in both layouts);
- otherwise the Jacobian d vec(f) / d vec(x)^T (column-major vec) in numerator layout, its
  transpose in denominator layout (a scalar by a vector: a row, a column; a vector by a vector:
  m x n, n x m; the vec form of a matrix by a matrix).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from problem_factory import make_problem
from textbook_corpus import Entry

from mcdocgen import language as E
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.language.shapes import Layout, size_symbol

POINTS = 3              # random points per form
STEP = 1e-5             # central-difference step, relative to the entry's size
STEP2 = 2e-3            # second-difference step (halved once for Richardson's extrapolation), likewise
TOLERANCE = 1e-6        # largest error allowed, relative to the derivative's largest entry (at least 1)
SIZES = (2, 5)          # each size name drawn from [2, 5)
POSITIVE = (0.5, 2.0)   # entries of a positive variable


@dataclass(frozen=True)
class FormCheck:
    layout: Layout
    error: float        # largest |form - differences| / max(1, largest |differences|) over the points
    problem: str = ""   # a shape mismatch or a value that is not finite, where there is one

    @property
    def passed(self) -> bool:
        return not self.problem and self.error <= TOLERANCE


def _value(dims: list, assume: list[str], sizes: dict[str, int], rng: np.random.Generator) -> np.ndarray:
    r, c = ([sizes.get(d, d) for d in dims] + [1, 1])[:2] if dims else (1, 1)
    if "positive_definite" in assume:
        b = rng.normal(size=(r, r))
        return b @ b.T + r * np.eye(r)
    if "positive" in assume:
        return rng.uniform(*POSITIVE, size=(r, c))
    if "nonzero" in assume:
        return rng.uniform(*POSITIVE, size=(r, c)) * rng.choice([-1.0, 1.0], size=(r, c))
    v = rng.normal(size=(r, c))
    if "symmetric" in assume:
        return (v + v.T) / 2
    if "invertible" in assume:
        return v + 2 * np.sqrt(r) * np.eye(r)
    return v


def _differences(f, env: dict, wrt: str, fvalue: np.ndarray) -> np.ndarray:
    """d vec(f) / d vec(x)^T by central differences, entry by entry of x (column-major)."""
    x = env[wrt]
    h = STEP * max(1.0, float(np.abs(x).max()))
    cols = []
    for k in range(x.size):
        i, j = k % x.shape[0], k // x.shape[0]
        up, down = x.copy(), x.copy()
        up[i, j] += h
        down[i, j] -= h
        d = (f({**env, wrt: up}) - f({**env, wrt: down})) / (2 * h)
        cols.append(d.reshape(-1, order="F"))
    return np.array(cols).T.reshape(fvalue.size, x.size)


def _second_differences(f, env: dict, wrt: str) -> np.ndarray:
    """d^2 f / d vec(x)_i d vec(x)_j by four-point central differences, Richardson-extrapolated
    (error O(h^4): the rounding error of a plain second difference is too large for TOLERANCE)."""
    x = env[wrt]
    size = x.size
    h0 = STEP2 * max(1.0, float(np.abs(x).max()))

    def at(steps: dict[int, float]) -> float:
        y = x.copy()
        for k, d in steps.items():
            y[k % x.shape[0], k // x.shape[0]] += d
        return float(np.asarray(f({**env, wrt: y})).reshape(-1)[0])

    def mixed(i: int, j: int, h: float) -> float:
        def point(a: float, b: float) -> float:
            steps: dict[int, float] = {i: a}
            steps[j] = steps.get(j, 0.0) + b
            return at(steps)
        return (point(h, h) - point(h, -h) - point(-h, h) + point(-h, -h)) / (4 * h * h)

    hess = np.zeros((size, size))
    for i in range(size):
        for j in range(i, size):
            hess[i, j] = hess[j, i] = (4 * mixed(i, j, h0 / 2) - mixed(i, j, h0)) / 3
    return hess


def _expected(entry: Entry, jac: np.ndarray, fvalue: np.ndarray, x: np.ndarray, layout: Layout) -> np.ndarray:
    kind = len(entry.variables[entry.wrt])
    if kind == 0:       # by a scalar: the derivative has f's shape
        num = jac.reshape(fvalue.shape, order="F")
    elif fvalue.size == 1 and kind == 2:
        num = jac.reshape(x.shape, order="F").T
    else:
        num = jac
    return num if layout is Layout.NUMERATOR else num.T


def check_form(entry: Entry, layout: Layout, form: str | None = None, points: int = POINTS) -> FormCheck:
    """Check `form` (by default the entry's own form for `layout`) against f's central differences."""
    text = form if form is not None else (entry.numerator if layout is Layout.NUMERATOR else entry.denominator)
    try:
        problem = make_problem(entry.expression, entry.variables, [entry.wrt], expected={"form": text},
                               assume=entry.assume)
    except E.ExprError as error:    # a form whose shapes do not fit is wrong, not a crash
        return FormCheck(layout, np.inf, f"does not parse: {error}")
    node = problem.expected["form"].node
    rng = np.random.default_rng([zlib.crc32(f"{entry.expression} by {entry.wrt}".encode()), points])
    names = sorted({d for dims in entry.variables.values() for d in dims if isinstance(d, str)})
    worst = 0.0
    for _ in range(points):
        sizes = {s: int(rng.integers(*SIZES)) for s in names}
        symbols = {size_symbol(s): n for s, n in sizes.items()}
        env = {name: _value(dims, entry.assume.get(name, []), sizes, rng) for name, dims in entry.variables.items()}

        def f(e, _symbols=symbols):
            with np.errstate(all="ignore"):
                return np.asarray(evaluate(problem.expression, e, _symbols), dtype=float)

        if entry.order == 2:
            hess = _second_differences(f, env, entry.wrt)
            want = hess if layout is Layout.NUMERATOR else hess.T
        else:
            fvalue = f(env)
            jac = _differences(f, env, entry.wrt, fvalue)
            want = _expected(entry, jac, fvalue, env[entry.wrt], layout)
        with np.errstate(all="ignore"):
            got = np.asarray(evaluate(node, env, symbols), dtype=float)
        if got.shape != want.shape:
            return FormCheck(layout, np.inf, f"shape {got.shape}, the derivative's is {want.shape}")
        if not (np.all(np.isfinite(got)) and np.all(np.isfinite(want))):
            return FormCheck(layout, np.inf, "a value that is not finite")
        worst = max(worst, float(np.abs(got - want).max()) / max(1.0, float(np.abs(want).max())))
    return FormCheck(layout, worst)
