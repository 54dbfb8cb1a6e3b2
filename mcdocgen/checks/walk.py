"""The walk of a tree that evaluates it: each node by the rule of its type, on a backend's values
(``checks.evaluate``: NumPy floats, SymPy matrices; ``checks.exact``, ``checks.rounding``,
``checks.batched``), and symbolic sizes at concrete ones."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Literal, Protocol, TypeAlias

import numpy as np
import sympy

from mcdocgen import language as E
from mcdocgen.language import Layout, Node


#: concrete sizes of a problem's size symbols
Sizes: TypeAlias = Mapping[sympy.Symbol, int]
#: a point: each variable's value, as the backend in use holds it (a float array, a SymPy matrix, exact jets)
Env: TypeAlias = Mapping[str, Any]
#: a point of float arrays (the numeric checks)
Point: TypeAlias = dict[str, np.ndarray]
#: how entries are numbered: row-major ("C"), or column-major as vec stacks them ("F")
Order: TypeAlias = Literal["C", "F"]
#: the kink arguments a sampled point keeps clear of zero (checks.sampling.kink_arguments)
Guards: TypeAlias = list[Node]


class Backend(Protocol):
    """What the walk asks of a backend (``checks.evaluate``'s NumPy and SymPy, ``checks.exact``,
    ``checks.rounding``, ``checks.batched``): each operation on the backend's own values (a float
    array, a SymPy matrix, an array of exact jets, a rounding bound), which the walk only passes on."""

    def num(self, value: sympy.Expr, sizes: Sizes, /) -> Any: ...
    def mul(self, a: Any, b: Any, /) -> Any: ...
    def div(self, a: Any, b: Any, /) -> Any: ...
    def pow(self, a: Any, b: Any, /) -> Any: ...
    def matmul(self, a: Any, b: Any, /) -> Any: ...
    def diag_matmul(self, v: Any, m: Any, /) -> Any: ...
    def matmul_diag(self, m: Any, v: Any, /) -> Any: ...
    def t(self, a: Any, /) -> Any: ...
    def fn(self, fn: E.Fn, a: Any, node: Node | None = None, /) -> Any: ...
    def maximum(self, a: Any, b: Any, /) -> Any: ...
    def total(self, a: Any, /) -> Any: ...
    def det(self, a: Any, /) -> Any: ...
    def inv(self, a: Any, /) -> Any: ...
    def softmax(self, a: Any, node: Node | None = None, /) -> Any: ...
    def logsumexp(self, a: Any, node: Node | None = None, /) -> Any: ...
    def norm1(self, a: Any, /) -> Any: ...
    def logdet(self, a: Any, /) -> Any: ...
    def trace(self, a: Any, /) -> Any: ...
    def diag_matrix(self, v: Any, /) -> Any: ...
    def diag_vector(self, m: Any, /) -> Any: ...
    def zeros(self, r: int, c: int, /) -> Any: ...
    def ones(self, r: int, c: int, /) -> Any: ...
    def eye(self, n: int, /) -> Any: ...
    def entry(self, a: Any, i: int, j: int, /) -> Any: ...
    def from_rows(self, rows: Any, /) -> Any: ...
    def sqrt(self, a: Any, /) -> Any: ...
    def broadcast(self, a: Any, shape: tuple[int, int], /) -> Any: ...
    def vec(self, a: Any, /) -> Any: ...
    def kron(self, a: Any, b: Any, /) -> Any: ...
    def commutation(self, m: int, n: int, /) -> Any: ...
    def sym(self, a: Any, /) -> Any: ...


def grad_key(of: str, layout: Layout = Layout.DENOMINATOR) -> str:
    """Where a derivative placeholder's value is found in an environment."""
    return f"grad:{layout}:{of}"


_AT_SIZES: dict[tuple[object, ...], int | float] = {}   # at most 4096 entries


def _at_sizes(expr: sympy.Expr, sizes: Sizes, kind: type = int,
              named: tuple[tuple[str, int], ...] | None = None) -> int | float:
    """A symbolic dimension (or number) at concrete sizes, cached: subs was most of the numeric checks' cost.
    The sizes are keyed by name (``named``, where the caller has it: SymPy's __eq__ on equal symbols cost a tenth)."""
    key = (expr, tuple((s.name, v) for s, v in sizes.items()) if named is None else named, kind)
    if key not in _AT_SIZES:
        if len(_AT_SIZES) >= 4096:
            _AT_SIZES.clear()
        _AT_SIZES[key] = kind(expr.subs(sizes))
    return _AT_SIZES[key]


def dimension(dim: int | sympy.Expr, sizes: Sizes) -> int:
    """A dimension (a number or a symbolic size) at concrete sizes, through the cache above."""
    if isinstance(dim, int):
        return dim
    dim = sympy.sympify(dim)
    return int(dim) if dim.is_number else int(_at_sizes(dim, sizes))


def walk(node: Node, env: Env, sizes: Sizes, backend: Backend) -> Any:
    """The value of ``node`` on ``backend`` (see checks.evaluate.evaluate)."""
    return _Walk(env, sizes, backend).ev(node)


def walker(env: Env, sizes: Sizes, backend: Backend, memo: dict[Node, Any] | None = None) -> Callable[[Node], Any]:
    """The value of any node at one point, each node's computed once however many trees share it: in ``memo``
    where given (what it holds is taken as known, what is computed is added to it)."""
    return _Walk(env, sizes, backend, memo).ev


class _Walk:
    """One evaluation: each node's value once (a shared subtree is evaluated once), by the rule of its type."""
    __slots__ = ("b", "cache", "env", "named", "sizes")

    def __init__(self, env: Env, sizes: Sizes, backend: Backend, memo: dict[Node, Any] | None = None) -> None:
        self.env, self.sizes, self.b = env, sizes, backend
        self.cache: dict[Node, Any] = {} if memo is None else memo
        self.named = tuple((s.name, v) for s, v in sizes.items())

    def ev(self, n: Node) -> Any:
        try:
            return self.cache[n]
        except KeyError:
            pass
        rule = _RULES.get(type(n))
        if rule is None:
            raise TypeError(f"cannot evaluate {type(n).__name__}")
        out = self.cache[n] = rule(self, n)
        return out

    def dim(self, d: sympy.Expr) -> int:
        return int(d) if d.is_number else int(_at_sizes(d, self.sizes, int, self.named))

    def shape_of(self, n: Node) -> tuple[int, int]:
        return self.dim(n.shape.rows), self.dim(n.shape.cols)

    def add(self, n: E.Add) -> Any:
        shape = self.shape_of(n)
        vals = [self.b.broadcast(self.ev(t), shape) for t in n.terms]
        out = vals[0]
        for v in vals[1:]:
            out = out + v
        return out

    def matmul(self, n: E.MatMul) -> Any:
        left, right = n.left, n.right
        if isinstance(left, E.Diag) and left.arg.shape.is_vector_like:
            return self.b.diag_matmul(self.ev(left.arg), self.ev(right))
        if isinstance(right, E.Diag) and right.arg.shape.is_vector_like:
            return self.b.matmul_diag(self.ev(left), self.ev(right.arg))
        return self.b.matmul(self.ev(left), self.ev(right))

    def mean(self, n: E.Mean) -> Any:
        r, c = self.shape_of(n.arg)
        return self.b.div(self.b.total(self.ev(n.arg)), self.b.num(sympy.Integer(r * c), self.sizes))

    def norm(self, n: E.Norm) -> Any:
        v = self.ev(n.arg)
        return self.b.sqrt(self.b.total(self.b.mul(v, v)))

    def dot(self, n: E.Dot) -> Any:
        b, lv, rv = self.b, self.ev(n.left), self.ev(n.right)
        if n.left.shape.is_row:
            lv = b.t(lv)
        if n.right.shape.is_row:
            rv = b.t(rv)
        return b.total(b.mul(lv, rv))

    def diag(self, n: E.Diag) -> Any:
        v = self.ev(n.arg)
        return self.b.diag_matrix(v) if n.arg.shape.is_vector_like else self.b.diag_vector(v)

    def outer(self, n: E.Outer) -> Any:
        b, lv, rv = self.b, self.ev(n.left), self.ev(n.right)
        lv = b.t(lv) if n.left.shape.is_row else lv
        rv = rv if n.right.shape.is_row else b.t(rv)
        return b.matmul(lv, rv)

    def unit(self, n: E.Unit) -> Any:
        z = self.b.zeros(*self.shape_of(n))
        z[n.row, n.col] = 1
        return z


# the rule of each node type: the walk, the node
_RULES: dict[type, Callable[[_Walk, Any], Any]] = {
    E.Var: lambda w, n: w.env[n.name],
    E.Grad: lambda w, n: w.env[grad_key(n.of, n.layout)],
    E.Num: lambda w, n: w.b.num(n.value, w.sizes),
    E.Add: _Walk.add,
    E.Neg: lambda w, n: -w.ev(n.arg),
    E.Mul: lambda w, n: w.b.mul(w.ev(n.left), w.ev(n.right)),
    E.Div: lambda w, n: w.b.div(w.ev(n.left), w.ev(n.right)),
    E.Pow: lambda w, n: w.b.pow(w.ev(n.base), w.ev(n.exp)),
    E.MatMul: _Walk.matmul,
    E.Transpose: lambda w, n: w.b.t(w.ev(n.arg)),
    E.Func: lambda w, n: w.b.fn(n.fn, w.ev(n.arg), n.arg),
    E.Maximum: lambda w, n: w.b.maximum(w.ev(n.left), w.ev(n.right)),
    E.Sum: lambda w, n: w.b.total(w.ev(n.arg)),
    E.Mean: _Walk.mean,
    E.Norm: _Walk.norm,
    E.Dot: _Walk.dot,
    E.Trace: lambda w, n: w.b.trace(w.ev(n.arg)),
    E.Det: lambda w, n: w.b.det(w.ev(n.arg)),
    E.Inv: lambda w, n: w.b.inv(w.ev(n.arg)),
    E.Softmax: lambda w, n: w.b.softmax(w.ev(n.arg), n.arg),
    E.LogSumExp: lambda w, n: w.b.logsumexp(w.ev(n.arg), n.arg),
    E.Norm1: lambda w, n: w.b.norm1(w.ev(n.arg)),
    E.LogDet: lambda w, n: w.b.logdet(w.ev(n.arg)),
    E.Diag: _Walk.diag,
    E.Outer: _Walk.outer,
    E.Eye: lambda w, n: w.b.eye(w.shape_of(n)[0]),
    E.Ones: lambda w, n: w.b.ones(*w.shape_of(n)),
    E.Zero: lambda w, n: w.b.zeros(*w.shape_of(n)),
    E.Index: lambda w, n: w.b.entry(w.ev(n.arg), n.row, n.col),
    E.Unit: _Walk.unit,
    E.Lit: lambda w, n: w.b.from_rows([[w.ev(e) for e in row] for row in n.rows]),
    E.Vec: lambda w, n: w.b.vec(w.ev(n.arg)),
    E.Kron: lambda w, n: w.b.kron(w.ev(n.left), w.ev(n.right)),
    E.Commutation: lambda w, n: w.b.commutation(w.dim(n.m), w.dim(n.n)),
    E.Sym: lambda w, n: w.b.sym(w.ev(n.arg)),
}
