"""Rounding bounds: float evaluation that carries, with every value, a bound on its rounding error.

Two float evaluations of equal expressions differ by rounding, and that rounding is relative to the
terms evaluated, not to their sum: ``1/u - u/u**2`` is 0 in exact arithmetic and about eps/|u| in
floats, which is large next to its value (0) and next to the point's values when u is small. A
first-order running error analysis (Wilkinson; Higham, *Accuracy and Stability*, ch. 3) bounds that
difference: each operation adds the error it propagates from its operands to one rounding of its own
result (a matrix product or a sum of n terms n of them). The steps and expected checks compare at
that scale where the values alone are too small for it (``rounded_error``); a wrong step differs by
about the size of its terms, millions of times the bound, so it still fails.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal, TypeAlias

import numpy as np
import sympy
from numpy.typing import ArrayLike

from mcdocgen.checks.evaluate import DIAG_SCALING_FROM, commutation_order
from mcdocgen.checks.results import EPS, relative_error
from mcdocgen.language import FUNCTIONS, Fn, Node
from mcdocgen.checks.walk import Sizes

ROUNDING = 2 * EPS      # one rounding per operation, with a factor 2 of margin over the unit roundoff


#: what Rounded arithmetic takes besides Rounded: an exact float array or number (``lift``)
Operand: TypeAlias = "Rounded | np.ndarray | float"


class Rounded:
    """A float array and an entrywise bound on its absolute rounding error (same shape)."""

    __slots__ = ("e", "v")

    def __init__(self, v: ArrayLike, e: ArrayLike | None = None) -> None:
        self.v = np.asarray(v, dtype=float)
        self.e = np.zeros_like(self.v) if e is None else np.asarray(e, dtype=float)

    # the array protocol the steps check uses on values
    @property
    def shape(self) -> tuple[int, ...]:
        return self.v.shape

    @property
    def size(self) -> int:
        return int(self.v.size)

    @property
    def T(self) -> Rounded:
        return Rounded(self.v.T, self.e.T)

    def reshape(self, *shape: int | tuple[int, ...], order: Literal["C", "F"] = "C") -> Rounded:
        """As ndarray.reshape: the sizes one by one, or one tuple of them."""
        dims = shape[0] if len(shape) == 1 and isinstance(shape[0], tuple) else shape
        return Rounded(self.v.reshape(dims, order=order), self.e.reshape(dims, order=order))

    def __setitem__(self, where: tuple[int, int], value: float) -> None:    # an exact entry (evaluate's unit matrices)
        self.v[where] = value
        self.e[where] = 0.0

    def __add__(self, other: Operand) -> Rounded:
        o = lift(other)
        v = self.v + o.v
        return Rounded(v, self.e + o.e + ROUNDING * np.abs(v))

    __radd__ = __add__      # sum() starts from 0

    def __neg__(self) -> Rounded:
        return Rounded(-self.v, self.e)

    def __sub__(self, other: Operand) -> Rounded:
        return self + (-lift(other))

    def __mul__(self, other: Operand) -> Rounded:
        o = lift(other)
        v = self.v * o.v
        return Rounded(v, np.abs(self.v) * o.e + self.e * np.abs(o.v) + self.e * o.e + ROUNDING * np.abs(v))

    __rmul__ = __mul__

    def __truediv__(self, other: Operand) -> Rounded:
        o = lift(other)
        v = self.v / o.v
        room = np.abs(o.v) - o.e     # the divisor may be as small as this
        with np.errstate(all="ignore"):
            e = np.where(room > 0, (self.e + np.abs(v) * o.e) / room, np.inf) + ROUNDING * np.abs(v)
        return Rounded(v, e)

    def __matmul__(self, other: Operand) -> Rounded:
        o = lift(other)
        a, b = np.abs(self.v), np.abs(o.v)
        terms = self.v.shape[-1]     # n products summed: n roundings of the largest partial sum
        return Rounded(self.v @ o.v, a @ o.e + self.e @ b + self.e @ o.e + terms * ROUNDING * (a @ b))

    def __rmatmul__(self, other: Operand) -> Rounded:
        return lift(other) @ self


def lift(value: Operand) -> Rounded:
    """An exact value (the point's variables, constants) as a Rounded one."""
    return value if isinstance(value, Rounded) else Rounded(np.atleast_2d(np.asarray(value, dtype=float)))


def _through(f: Callable[[np.ndarray], np.ndarray], a: Rounded) -> Rounded:
    """An entrywise function: how far it moves over each entry's error interval, and its own rounding
    (NumPy's elementary functions are within a few units in the last place)."""
    v = f(a.v)
    moved = np.maximum(np.abs(f(a.v + a.e) - v), np.abs(f(a.v - a.e) - v))
    return Rounded(v, np.where(np.isnan(moved), np.inf, moved) + 2 * ROUNDING * np.abs(v))


def _inverse_bound(a: Rounded) -> tuple[np.ndarray, np.ndarray, float]:
    """inv(a), the first-order bound of its error from a's (|A^-1| E |A^-1|), and the relative
    rounding of computing it (n times the condition number)."""
    inv = np.linalg.inv(a.v)
    n = a.v.shape[0]
    return inv, np.abs(inv) @ a.e @ np.abs(inv), n * ROUNDING * float(np.linalg.cond(a.v))


class RoundingBackend:
    """The NumPy backend of ``checks.evaluate`` on Rounded values."""

    def num(self, value: sympy.Expr, sizes: Sizes) -> Rounded:
        exact = value if value.is_number else value.subs(sizes)
        x = float(exact)
        return Rounded([[x]], [[0.0 if sympy.Rational(x) == exact else ROUNDING * abs(x)]])

    def mul(self, a: Rounded, b: Rounded) -> Rounded:
        return a * b

    def div(self, a: Rounded, b: Rounded) -> Rounded:
        return a / b

    def pow(self, a: Rounded, b: Rounded) -> Rounded:
        v = np.power(a.v, b.v)
        moved = np.zeros(np.broadcast(a.v, b.v).shape)
        for da in (-a.e, a.e):
            for db in (-b.e, b.e):
                moved = np.maximum(moved, np.abs(np.power(a.v + da, b.v + db) - v))
        return Rounded(v, np.where(np.isnan(moved), np.inf, moved) + 2 * ROUNDING * np.abs(v))

    def matmul(self, a: Rounded, b: Rounded) -> Rounded:
        return a @ b

    # as the float backend computes them (a row or column scaling from DIAG_SCALING_FROM entries): fine_at hands these
    # values to the float walk, so 0 x inf spreads the same way in both (review s45)
    def diag_matmul(self, v: Rounded, m: Rounded) -> Rounded:
        return self.diag_matrix(v) @ m if v.size < DIAG_SCALING_FROM else v.reshape(-1, 1) * m

    def matmul_diag(self, m: Rounded, v: Rounded) -> Rounded:
        return m @ self.diag_matrix(v) if v.size < DIAG_SCALING_FROM else m * v.reshape(1, -1)

    def t(self, a: Rounded) -> Rounded:
        return a.T

    def fn(self, fn: Fn, a: Rounded, node: Node | None = None) -> Rounded:
        return _through(FUNCTIONS[fn].numpy, a)

    def maximum(self, a: Operand, b: Operand) -> Rounded:
        a, b = lift(a), lift(b)
        return Rounded(np.maximum(a.v, b.v), np.maximum(a.e, b.e))

    def total(self, a: Rounded) -> Rounded:
        return Rounded([[a.v.sum()]], [[a.e.sum() + a.size * ROUNDING * np.abs(a.v).sum()]])

    def det(self, a: Rounded) -> Rounded:
        value = float(np.linalg.det(a.v))
        inv, _, rounding = _inverse_bound(a)     # d det = det tr(A^-1 dA)
        return Rounded([[value]], [[abs(value) * (float(np.sum(np.abs(inv.T) * a.e)) + rounding)]])

    def inv(self, a: Rounded) -> Rounded:
        inv, moved, rounding = _inverse_bound(a)
        return Rounded(inv, moved + rounding * np.abs(inv))

    def softmax(self, a: Rounded, node: Node | None = None) -> Rounded:
        e = np.exp(a.v - np.max(a.v))
        s = e / e.sum()     # |d s_i| <= s_i (|da_i| + sum_j s_j |da_j|) <= 2 s_i max|da|
        return Rounded(s, s * (2 * float(np.max(a.e)) + (a.size + 2) * ROUNDING))

    def logsumexp(self, a: Rounded, node: Node | None = None) -> Rounded:
        value = float(np.logaddexp.reduce(a.v, axis=None))   # its gradient's weights sum to 1
        return Rounded([[value]], [[float(np.max(a.e)) + a.size * ROUNDING * (abs(value) + 1)]])

    def norm1(self, a: Rounded) -> Rounded:
        return self.total(_through(np.abs, a))

    def logdet(self, a: Rounded) -> Rounded:
        sign, value = np.linalg.slogdet(a.v)
        inv, _, rounding = _inverse_bound(a)     # d log det = tr(A^-1 dA)
        return Rounded([[value if sign > 0 else np.nan]], [[float(np.sum(np.abs(inv.T) * a.e)) + rounding]])

    def trace(self, a: Rounded) -> Rounded:
        return self.total(self.diag_vector(a))

    def diag_matrix(self, v: Rounded) -> Rounded:
        return Rounded(np.diag(v.v.ravel()), np.diag(v.e.ravel()))

    def diag_vector(self, m: Rounded) -> Rounded:
        return Rounded(np.diag(m.v).reshape(-1, 1), np.diag(m.e).reshape(-1, 1))

    def zeros(self, r: int, c: int) -> Rounded:
        return Rounded(np.zeros((r, c)))

    def ones(self, r: int, c: int) -> Rounded:
        return Rounded(np.ones((r, c)))

    def eye(self, n: int) -> Rounded:
        return Rounded(np.eye(n))

    def entry(self, a: Rounded, i: int, j: int) -> Rounded:
        return Rounded([[a.v[i, j]]], [[a.e[i, j]]])

    def from_rows(self, rows: Sequence[Sequence[Rounded]]) -> Rounded:
        return Rounded([[float(x.v[0, 0]) for x in row] for row in rows], [[float(x.e[0, 0]) for x in row] for row in rows])

    def sqrt(self, a: Rounded) -> Rounded:
        return _through(np.sqrt, a)

    def broadcast(self, a: Rounded, shape: tuple[int, int]) -> Rounded:
        if a.shape == shape:
            return a
        return Rounded(np.broadcast_to(a.v, shape).copy(), np.broadcast_to(a.e, shape).copy())

    def vec(self, a: Rounded) -> Rounded:
        return a.reshape(-1, 1, order="F")

    def kron(self, a: Rounded, b: Rounded) -> Rounded:
        v = np.kron(a.v, b.v)
        return Rounded(v, np.kron(np.abs(a.v), b.e) + np.kron(a.e, np.abs(b.v)) + np.kron(a.e, b.e)
                       + ROUNDING * np.abs(v))

    def commutation(self, m: int, n: int) -> Rounded:
        return Rounded(np.eye(m * n)[commutation_order(m, n)])

    def sym(self, a: Rounded) -> Rounded:
        return (a + a.T) / 2.0


ROUNDED = RoundingBackend()
#: a value of the float backends: a float array (NUMPY), or one with its rounding bound (ROUNDED)
Evaluated: TypeAlias = "np.ndarray | Rounded"


def rounded_error(a: Operand, b: Operand, floor: float = 0.0) -> float:
    """``relative_error`` of two Rounded values, measured against the larger of their values and of
    the magnitude of the terms that made them (their rounding bounds over one rounding): equal
    expressions whose terms cancel then agree as closely as their terms allow, and no closer."""
    a, b = lift(a), lift(b)
    bound = float(np.linalg.norm(a.e + b.e)) if a.shape == b.shape else float("inf")
    if not np.isfinite(bound):   # no bound (a pole within the errors): no relief, the plain comparison
        return relative_error(a.v, b.v, floor)
    return relative_error(a.v, b.v, max(floor, bound / ROUNDING))
