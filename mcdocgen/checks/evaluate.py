"""Evaluation of trees on concrete arrays: numpy floats, or explicit SymPy matrices.

One walker (``checks.walk``), two backends. Values are always 2-D (scalars 1 x 1, vectors columns).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, cast

import numpy as np
import numpy.typing as npt
import sympy

from mcdocgen.checks.walk import Backend, Env, Sizes, _at_sizes, dimension, grad_key, walk, walker
from mcdocgen.language import FUNCTIONS, Fn, Node

__all__ = ["NUMPY", "SYMPY", "NumpyBackend", "SympyBackend", "commutation_order", "dimension", "evaluate",
           "evaluator", "grad_key"]


#: the NumPy backend's values: 2-D float arrays
Floats = npt.NDArray[np.float64]

DIAG_SCALING_FROM = 64  # entries of v: from here diag(v) @ M is evaluated as a row scaling


class NumpyBackend:
    """Float evaluation with numpy: the numeric, steps and expected checks."""

    def num(self, value: sympy.Expr, sizes: Sizes) -> Floats:
        return np.array([[float(value) if value.is_number else _at_sizes(value, sizes, float)]])

    def mul(self, a: Floats, b: Floats) -> Floats:
        return a * b

    def div(self, a: Floats, b: Floats) -> Floats:
        return a / b

    def pow(self, a: Floats, b: Floats) -> Floats:
        return np.power(a, b)

    def matmul(self, a: Floats, b: Floats) -> Floats:
        return a @ b

    def diag_matmul(self, v: Floats, m: Floats) -> Floats:
        """diag(v) @ m without forming diag(v) when large: a row scaling, O(n^2) instead of O(n^3).
        (Small ones keep the dense product: the same rounding as the displayed chain products.)"""
        if v.size < DIAG_SCALING_FROM:
            return np.diag(v.ravel()) @ m
        return v.reshape(-1, 1) * m

    def matmul_diag(self, m: Floats, v: Floats) -> Floats:
        if v.size < DIAG_SCALING_FROM:
            return m @ np.diag(v.ravel())
        return m * v.reshape(1, -1)

    def t(self, a: Floats) -> Floats:
        return a.T

    def fn(self, fn: Fn, a: Floats, node: Node | None = None) -> Floats:
        with np.errstate(all="ignore"):
            out: Floats = FUNCTIONS[fn].numpy(a)
        return out

    def maximum(self, a: Floats, b: Floats) -> Floats:
        return np.maximum(a, b)

    def total(self, a: Floats) -> Floats:
        return np.array([[a.sum()]])

    def det(self, a: Floats) -> Floats:
        return np.array([[np.linalg.det(a)]])

    def inv(self, a: Floats) -> Floats:
        return cast(Floats, np.linalg.inv(a))   # float64 in, float64 out (the stubs say floating)

    def softmax(self, a: Floats, node: Node | None = None) -> Floats:
        e = np.exp(a - np.max(a))   # the largest entry subtracted: no overflow
        out: Floats = e / e.sum()
        return out

    def logsumexp(self, a: Floats, node: Node | None = None) -> Floats:
        return np.array([[float(np.logaddexp.reduce(a, axis=None))]])

    def norm1(self, a: Floats) -> Floats:
        return np.array([[np.abs(a).sum()]])

    def logdet(self, a: Floats) -> Floats:
        sign, value = np.linalg.slogdet(a)
        return np.array([[value if sign > 0 else np.nan]])   # log det exists where det > 0 only

    def trace(self, a: Floats) -> Floats:
        return np.array([[np.trace(a)]])

    def diag_matrix(self, v: Floats) -> Floats:
        return np.diag(v.ravel())

    def diag_vector(self, m: Floats) -> Floats:
        return np.diag(m).reshape(-1, 1).copy()

    def zeros(self, r: int, c: int) -> Floats:
        return np.zeros((r, c))

    def ones(self, r: int, c: int) -> Floats:
        return np.ones((r, c))

    def eye(self, n: int) -> Floats:
        return np.eye(n)

    def entry(self, a: Floats, i: int, j: int) -> Floats:
        return np.array([[a[i, j]]])

    def from_rows(self, rows: Sequence[Sequence[Floats]]) -> Floats:
        return np.array([[float(e[0, 0]) for e in row] for row in rows])

    def sqrt(self, a: Floats) -> Floats:
        return np.sqrt(a)

    def broadcast(self, a: Floats, shape: tuple[int, int]) -> Floats:
        return a if a.shape == shape else np.broadcast_to(a, shape).copy()

    # the vec form (issue 12), column-major as everywhere in mcdocgen
    def vec(self, a: Floats) -> Floats:
        return a.reshape(-1, 1, order="F").copy()

    def kron(self, a: Floats, b: Floats) -> Floats:
        return cast(Floats, np.kron(a, b))

    def commutation(self, m: int, n: int) -> Floats:
        return np.eye(m * n)[commutation_order(m, n)]

    def sym(self, a: Floats) -> Floats:
        return (a + a.T) / 2


class SympyBackend:
    """Exact evaluation on explicit SymPy matrices: the components check's component-wise oracle."""

    def num(self, value: sympy.Expr, sizes: Sizes) -> sympy.Matrix:
        return sympy.Matrix([[value.subs(sizes)]])

    def _scalar(self, m: sympy.Matrix) -> sympy.Expr | None:
        return m[0, 0] if m.shape == (1, 1) else None

    def _elementwise(self, a: sympy.Matrix, b: sympy.Matrix, op: Callable[[Any, Any], Any]) -> sympy.Matrix:
        sa, sb = self._scalar(a), self._scalar(b)
        if sa is not None and b.shape != (1, 1):
            return b.applyfunc(lambda e: op(sa, e))
        if sb is not None and a.shape != (1, 1):
            return a.applyfunc(lambda e: op(e, sb))
        return sympy.Matrix(a.shape[0], a.shape[1], lambda i, j: op(a[i, j], b[i, j]))

    def add(self, a: sympy.Matrix, b: sympy.Matrix) -> sympy.Matrix:
        return self._elementwise(a, b, lambda x, y: x + y)

    def mul(self, a: sympy.Matrix, b: sympy.Matrix) -> sympy.Matrix:
        return self._elementwise(a, b, lambda x, y: x * y)

    def div(self, a: sympy.Matrix, b: sympy.Matrix) -> sympy.Matrix:
        return self._elementwise(a, b, lambda x, y: x / y)

    def pow(self, a: sympy.Matrix, b: sympy.Matrix) -> sympy.Matrix:
        return self._elementwise(a, b, lambda x, y: x ** y)

    def matmul(self, a: sympy.Matrix, b: sympy.Matrix) -> sympy.Matrix:
        return a * b

    def diag_matmul(self, v: sympy.Matrix, m: sympy.Matrix) -> sympy.Matrix:
        return self.diag_matrix(v) * m

    def matmul_diag(self, m: sympy.Matrix, v: sympy.Matrix) -> sympy.Matrix:
        return m * self.diag_matrix(v)

    def t(self, a: sympy.Matrix) -> sympy.Matrix:
        return a.T

    def fn(self, fn: Fn, a: sympy.Matrix, node: Node | None = None) -> sympy.Matrix:
        return a.applyfunc(FUNCTIONS[fn].sympy)

    def maximum(self, a: sympy.Matrix, b: sympy.Matrix) -> sympy.Matrix:
        return self._elementwise(a, b, lambda x, y: sympy.Max(x, y))

    def total(self, a: sympy.Matrix) -> sympy.Matrix:
        return sympy.Matrix([[sum(a)]])

    def det(self, a: sympy.Matrix) -> sympy.Matrix:
        return sympy.Matrix([[a.det()]])

    def inv(self, a: sympy.Matrix) -> sympy.Matrix:
        return a.inv()

    def softmax(self, a: sympy.Matrix, node: Node | None = None) -> sympy.Matrix:
        e = a.applyfunc(sympy.exp)
        total = sum(e)
        return e.applyfunc(lambda x: x / total)

    def logsumexp(self, a: sympy.Matrix, node: Node | None = None) -> sympy.Matrix:
        return sympy.Matrix([[sympy.log(sum(a.applyfunc(sympy.exp)))]])

    def norm1(self, a: sympy.Matrix) -> sympy.Matrix:
        return sympy.Matrix([[sum(a.applyfunc(sympy.Abs))]])

    def logdet(self, a: sympy.Matrix) -> sympy.Matrix:
        return sympy.Matrix([[sympy.log(a.det())]])

    def trace(self, a: sympy.Matrix) -> sympy.Matrix:
        return sympy.Matrix([[a.trace()]])

    def diag_matrix(self, v: sympy.Matrix) -> sympy.Matrix:
        return sympy.diag(*list(v))

    def diag_vector(self, m: sympy.Matrix) -> sympy.Matrix:
        return sympy.Matrix([m[i, i] for i in range(m.shape[0])])

    def zeros(self, r: int, c: int) -> sympy.Matrix:
        return sympy.zeros(r, c)

    def ones(self, r: int, c: int) -> sympy.Matrix:
        return sympy.ones(r, c)

    def eye(self, n: int) -> sympy.Matrix:
        return sympy.eye(n)

    def entry(self, a: sympy.Matrix, i: int, j: int) -> sympy.Matrix:
        return sympy.Matrix([[a[i, j]]])

    def from_rows(self, rows: Sequence[Sequence[sympy.Matrix]]) -> sympy.Matrix:
        return sympy.Matrix([[e[0, 0] for e in row] for row in rows])

    def sqrt(self, a: sympy.Matrix) -> sympy.Matrix:
        return a.applyfunc(sympy.sqrt)

    def broadcast(self, a: sympy.Matrix, shape: tuple[int, int]) -> sympy.Matrix:
        if tuple(a.shape) == tuple(shape):
            return a
        return sympy.Matrix(shape[0], shape[1], lambda i, j: a[0, 0])

    # the vec form (issue 12)
    def vec(self, a: sympy.Matrix) -> sympy.Matrix:
        return a.T.reshape(a.rows * a.cols, 1)  # SymPy reshapes row by row: the rows of a.T are a's columns

    def kron(self, a: sympy.Matrix, b: sympy.Matrix) -> sympy.Matrix:
        r, s = b.shape
        return sympy.Matrix(a.rows * r, a.cols * s, lambda i, j: a[i // r, j // s] * b[i % r, j % s])

    def commutation(self, m: int, n: int) -> sympy.Matrix:
        order = commutation_order(m, n)
        return sympy.Matrix(m * n, m * n, lambda i, j: 1 if order[i] == j else 0)

    def sym(self, a: sympy.Matrix) -> sympy.Matrix:
        return (a + a.T) / 2


NUMPY = NumpyBackend()
SYMPY = SympyBackend()


def commutation_order(m: int, n: int) -> list[int]:
    """Row r of the commutation matrix K(m, n) has its one in column ``order[r]``: entry (i, j) of an
    m x n X sits at i + j*m in vec(X) and at j + i*n in vec(X.T)."""
    return [i + j * m for i in range(m) for j in range(n)]


def evaluate(node: Node, env: Env, sizes: Sizes, backend: Backend = NUMPY) -> Any:
    """The value of ``node`` with variables (and derivative placeholders, see grad_key) from env."""
    return walk(node, env, sizes, backend)


def evaluator(env: Env, sizes: Sizes, backend: Backend = NUMPY, memo: dict[Node, Any] | None = None) -> Callable[[Node], Any]:
    """``evaluate`` of any trees at one point, a subtree they share evaluated once (the same values); ``memo``
    holds values already known (by node) and receives the ones computed."""
    return walker(env, sizes, backend, memo)
