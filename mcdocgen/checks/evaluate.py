"""Evaluation of trees on concrete arrays: numpy floats, or explicit SymPy matrices.

One walker, two backends. Values are always 2-D (scalars 1 x 1, vectors columns).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import sympy

from mcdocgen import language as E
from mcdocgen.language import FUNCTIONS, Fn, Layout, Node


DIAG_SCALING_FROM = 64  # entries of v: from here diag(v) @ M is evaluated as a row scaling


class NumpyBackend:
    """Float evaluation with numpy: the numeric, steps and expected checks."""

    def num(self, value: sympy.Expr, sizes: Mapping) -> np.ndarray:
        return np.array([[float(value) if value.is_number else _at_sizes(value, sizes, float)]])

    def mul(self, a, b):
        return a * b

    def div(self, a, b):
        return a / b

    def pow(self, a, b):
        return np.power(a, b)

    def matmul(self, a, b):
        return a @ b

    def diag_matmul(self, v, m):
        """diag(v) @ m without forming diag(v) when large: a row scaling, O(n^2) instead of O(n^3).
        (Small ones keep the dense product: the same rounding as the displayed chain products.)"""
        if v.size < DIAG_SCALING_FROM:
            return np.diag(v.ravel()) @ m
        return v.reshape(-1, 1) * m

    def matmul_diag(self, m, v):
        if v.size < DIAG_SCALING_FROM:
            return m @ np.diag(v.ravel())
        return m * v.reshape(1, -1)

    def t(self, a):
        return a.T

    def fn(self, fn: Fn, a, node: Node | None = None):
        with np.errstate(all="ignore"):
            return FUNCTIONS[fn].numpy(a)

    def maximum(self, a, b):
        return np.maximum(a, b)

    def total(self, a):
        return np.array([[a.sum()]])

    def det(self, a):
        return np.array([[np.linalg.det(a)]])

    def inv(self, a):
        return np.linalg.inv(a)

    def softmax(self, a, node: Node | None = None):
        e = np.exp(a - np.max(a))   # the largest entry subtracted: no overflow
        return e / e.sum()

    def logsumexp(self, a, node: Node | None = None):
        return np.array([[np.logaddexp.reduce(a, axis=None)]])

    def norm1(self, a):
        return np.array([[np.abs(a).sum()]])

    def logdet(self, a):
        sign, value = np.linalg.slogdet(a)
        return np.array([[value if sign > 0 else np.nan]])   # log det exists where det > 0 only

    def trace(self, a):
        return np.array([[np.trace(a)]])

    def diag_matrix(self, v):
        return np.diag(v.ravel())

    def diag_vector(self, m):
        return np.diag(m).reshape(-1, 1).copy()

    def zeros(self, r, c):
        return np.zeros((r, c))

    def ones(self, r, c):
        return np.ones((r, c))

    def eye(self, n):
        return np.eye(n)

    def entry(self, a, i, j):
        return np.array([[a[i, j]]])

    def from_rows(self, rows):
        return np.array([[float(e[0, 0]) for e in row] for row in rows])

    def sqrt(self, a):
        return np.sqrt(a)

    def broadcast(self, a, shape):
        return a if a.shape == shape else np.broadcast_to(a, shape).copy()

    # the vec form (issue 12), column-major as everywhere in mcdocgen
    def vec(self, a):
        return a.reshape(-1, 1, order="F").copy()

    def kron(self, a, b):
        return np.kron(a, b)

    def commutation(self, m, n):
        return np.eye(m * n)[commutation_order(m, n)]

    def sym(self, a):
        return (a + a.T) / 2


class SympyBackend:
    """Exact evaluation on explicit SymPy matrices: the components check."""

    """Explicit small matrices of SymPy expressions: the component-wise oracle."""

    def num(self, value, sizes):
        return sympy.Matrix([[value.subs(sizes)]])

    def _scalar(self, m):
        return m[0, 0] if m.shape == (1, 1) else None

    def _elementwise(self, a, b, op):
        sa, sb = self._scalar(a), self._scalar(b)
        if sa is not None and b.shape != (1, 1):
            return b.applyfunc(lambda e: op(sa, e))
        if sb is not None and a.shape != (1, 1):
            return a.applyfunc(lambda e: op(e, sb))
        return sympy.Matrix(a.shape[0], a.shape[1], lambda i, j: op(a[i, j], b[i, j]))

    def add(self, a, b):
        return self._elementwise(a, b, lambda x, y: x + y)

    def mul(self, a, b):
        return self._elementwise(a, b, lambda x, y: x * y)

    def div(self, a, b):
        return self._elementwise(a, b, lambda x, y: x / y)

    def pow(self, a, b):
        return self._elementwise(a, b, lambda x, y: x ** y)

    def matmul(self, a, b):
        return a * b

    def diag_matmul(self, v, m):
        return self.diag_matrix(v) * m

    def matmul_diag(self, m, v):
        return m * self.diag_matrix(v)

    def t(self, a):
        return a.T

    def fn(self, fn: Fn, a, node: Node | None = None):
        return a.applyfunc(FUNCTIONS[fn].sympy)

    def maximum(self, a, b):
        return self._elementwise(a, b, lambda x, y: sympy.Max(x, y))

    def total(self, a):
        return sympy.Matrix([[sum(a)]])

    def det(self, a):
        return sympy.Matrix([[a.det()]])

    def inv(self, a):
        return a.inv()

    def softmax(self, a, node: Node | None = None):
        e = a.applyfunc(sympy.exp)
        total = sum(e)
        return e.applyfunc(lambda x: x / total)

    def logsumexp(self, a, node: Node | None = None):
        return sympy.Matrix([[sympy.log(sum(a.applyfunc(sympy.exp)))]])

    def norm1(self, a):
        return sympy.Matrix([[sum(a.applyfunc(sympy.Abs))]])

    def logdet(self, a):
        return sympy.Matrix([[sympy.log(a.det())]])

    def trace(self, a):
        return sympy.Matrix([[a.trace()]])

    def diag_matrix(self, v):
        return sympy.diag(*list(v))

    def diag_vector(self, m):
        return sympy.Matrix([m[i, i] for i in range(m.shape[0])])

    def zeros(self, r, c):
        return sympy.zeros(r, c)

    def ones(self, r, c):
        return sympy.ones(r, c)

    def eye(self, n):
        return sympy.eye(n)

    def entry(self, a, i, j):
        return sympy.Matrix([[a[i, j]]])

    def from_rows(self, rows):
        return sympy.Matrix([[e[0, 0] for e in row] for row in rows])

    def sqrt(self, a):
        return a.applyfunc(sympy.sqrt)

    def broadcast(self, a, shape):
        if tuple(a.shape) == tuple(shape):
            return a
        return sympy.Matrix(shape[0], shape[1], lambda i, j: a[0, 0])

    # the vec form (issue 12)
    def vec(self, a):
        return a.T.reshape(a.rows * a.cols, 1)  # SymPy reshapes row by row: the rows of a.T are a's columns

    def kron(self, a, b):
        r, s = b.shape
        return sympy.Matrix(a.rows * r, a.cols * s, lambda i, j: a[i // r, j // s] * b[i % r, j % s])

    def commutation(self, m, n):
        order = commutation_order(m, n)
        return sympy.Matrix(m * n, m * n, lambda i, j: 1 if order[i] == j else 0)

    def sym(self, a):
        return (a + a.T) / 2


NUMPY = NumpyBackend()
SYMPY = SympyBackend()


def commutation_order(m: int, n: int) -> list[int]:
    """Row r of the commutation matrix K(m, n) has its one in column ``order[r]``: entry (i, j) of an
    m x n X sits at i + j*m in vec(X) and at j + i*n in vec(X.T)."""
    return [i + j * m for i in range(m) for j in range(n)]


def grad_key(of: str, layout: Layout = Layout.DENOMINATOR) -> str:
    """Where a derivative placeholder's value is found in an environment."""
    return f"grad:{layout}:{of}"


_AT_SIZES: dict[tuple, int | float] = {}   # at most 4096 entries


def _at_sizes(expr: sympy.Expr, sizes: Mapping[sympy.Symbol, int], kind: type = int) -> int | float:
    """A symbolic dimension (or number) at concrete sizes, cached: subs was most of the numeric checks' cost.
    The sizes are keyed by name (strings compare fast; SymPy's __eq__ on equal symbols cost a tenth)."""
    named = tuple((s.name, v) for s, v in sizes.items())
    if (expr, named, kind) not in _AT_SIZES:
        if len(_AT_SIZES) >= 4096:
            _AT_SIZES.clear()
        _AT_SIZES[expr, named, kind] = kind(expr.subs(sizes))
    return _AT_SIZES[expr, named, kind]


def dimension(dim, sizes: Mapping[sympy.Symbol, int]) -> int:
    """A dimension (a number or a symbolic size) at concrete sizes, through the cache above."""
    dim = sympy.sympify(dim)
    return int(dim) if dim.is_number else int(_at_sizes(dim, sizes))


def evaluate(node: Node, env: Mapping[str, object], sizes: Mapping[sympy.Symbol, int], backend=NUMPY):
    """The value of ``node`` with variables (and derivative placeholders, see grad_key) from env."""
    cache: dict[Node, object] = {}

    def dim(d) -> int:
        return int(d) if d.is_number else int(_at_sizes(d, sizes))

    def shape_of(n: Node) -> tuple[int, int]:
        return dim(n.shape.rows), dim(n.shape.cols)

    def ev(n: Node):
        if n in cache:
            return cache[n]
        out = _eval(n)
        cache[n] = out
        return out

    def _eval(n: Node):
        b = backend
        match n:
            case E.Var(name=name):
                return env[name]
            case E.Grad(of=of, layout=layout):
                return env[grad_key(of, layout)]
            case E.Num(value=v):
                return b.num(v, sizes)
            case E.Add(terms=terms):
                shape = shape_of(n)
                vals = [b.broadcast(ev(t), shape) for t in terms]
                out = vals[0]
                for v in vals[1:]:
                    out = out + v
                return out
            case E.Neg(arg=a):
                return -ev(a)
            case E.Mul(left=l, right=r):
                return b.mul(ev(l), ev(r))
            case E.Div(left=l, right=r):
                return b.div(ev(l), ev(r))
            case E.Pow(base=l, exp=r):
                return b.pow(ev(l), ev(r))
            case E.MatMul(left=E.Diag(arg=v), right=r) if v.shape.is_vector_like:
                return b.diag_matmul(ev(v), ev(r))
            case E.MatMul(left=l, right=E.Diag(arg=v)) if v.shape.is_vector_like:
                return b.matmul_diag(ev(l), ev(v))
            case E.MatMul(left=l, right=r):
                return b.matmul(ev(l), ev(r))
            case E.Transpose(arg=a):
                return b.t(ev(a))
            case E.Func(fn=fn, arg=a):
                return b.fn(fn, ev(a), a)
            case E.Maximum(left=l, right=r):
                return b.maximum(ev(l), ev(r))
            case E.Sum(arg=a):
                return b.total(ev(a))
            case E.Mean(arg=a):
                r, c = shape_of(a)
                return b.div(b.total(ev(a)), b.num(sympy.Integer(r * c), sizes))
            case E.Norm(arg=a):
                v = ev(a)
                return b.sqrt(b.total(b.mul(v, v)))
            case E.Dot(left=l, right=r):
                lv, rv = ev(l), ev(r)
                if l.shape.is_row:
                    lv = b.t(lv)
                if r.shape.is_row:
                    rv = b.t(rv)
                return b.total(b.mul(lv, rv))
            case E.Trace(arg=a):
                return b.trace(ev(a))
            case E.Det(arg=a):
                return b.det(ev(a))
            case E.Inv(arg=a):
                return b.inv(ev(a))
            case E.Softmax(arg=a):
                return b.softmax(ev(a), a)
            case E.LogSumExp(arg=a):
                return b.logsumexp(ev(a), a)
            case E.Norm1(arg=a):
                return b.norm1(ev(a))
            case E.LogDet(arg=a):
                return b.logdet(ev(a))
            case E.Diag(arg=a):
                v = ev(a)
                if a.shape.is_vector_like:
                    return b.diag_matrix(v)
                return b.diag_vector(v)
            case E.Outer(left=l, right=r):
                lv, rv = ev(l), ev(r)
                lv = b.t(lv) if l.shape.is_row else lv
                rv = rv if r.shape.is_row else b.t(rv)
                return b.matmul(lv, rv)
            case E.Eye():
                return b.eye(shape_of(n)[0])
            case E.Ones():
                return b.ones(*shape_of(n))
            case E.Zero():
                return b.zeros(*shape_of(n))
            case E.Index(arg=a, row=i, col=j):
                return b.entry(ev(a), i, j)
            case E.Unit(row=i, col=j):
                z = b.zeros(*shape_of(n))
                z[i, j] = 1
                return z
            case E.Lit(rows=rows):
                return b.from_rows([[ev(e) for e in row] for row in rows])
            case E.Vec(arg=a):
                return b.vec(ev(a))
            case E.Kron(left=l, right=r):
                return b.kron(ev(l), ev(r))
            case E.Commutation(m=m, n=k):
                return b.commutation(dim(m), dim(k))
            case E.Sym(arg=a):
                return b.sym(ev(a))
        raise TypeError(f"cannot evaluate {type(n).__name__}")

    return ev(node)
