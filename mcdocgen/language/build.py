"""The smart constructors: every node is built here, its shape computed and checked, with a message
naming both sides when shapes do not fit; and ``rebuild``/``substitute``, which build through them."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import sympy

from mcdocgen.errors import ErrorCode, ExprError
from mcdocgen.language import shapes
from mcdocgen.language.nodes import (
    Add, Det, Diag, Div, Dot, Eye, Func, Index, Inv, Lit, LogDet, LogSumExp, MatMul, Maximum, Mean, Mul, Neg,
    Node, Norm, Norm1, Num, Ones, Outer, Pow, Softmax, Sum, Trace, Transpose, Var, Zero,
)
from mcdocgen.language.vecnodes import Commutation, Kron, Sym, Vec
from mcdocgen.language.shapes import SCALAR, Shape

if TYPE_CHECKING:  # the registry of functions builds nodes with this module, so it sits above it
    from mcdocgen.language.functions import Fn


_SHAPE = ErrorCode.SHAPE_MISMATCH


def _shape_error(op: str, a: Shape, b: Shape) -> ExprError:
    return ExprError(f"'{op}' needs equal shapes or a scalar, got {a.label()} and {b.label()}", code=_SHAPE)


def num(value: int | str | sympy.Basic) -> Num:
    """A constant scalar: a number (exact) or a size."""
    value = sympy.sympify(value) if not isinstance(value, sympy.Basic) else value
    if value is sympy.zoo or value is sympy.nan:
        # 1/0 or 0/0 met while deriving: the expression is undefined everywhere, a zero the parser's exact
        # test (language/zeros.py) did not find. Bad input, said as such, not a bug further on.
        raise ExprError("undefined: deriving the expression met 1/0 or 0/0 (it divides by an operand that is "
                        "identically zero)", code=ErrorCode.UNDEFINED)
    return Num(SCALAR, value)


def var(name: str, shape: Shape, symmetric: bool = False, intermediate: bool = False) -> Var:
    """A variable (or a derivation's named intermediate) of the given shape."""
    return Var(shape, name, symmetric, intermediate)


def add(*terms: Node) -> Node:
    """The sum of terms: equal shapes, or scalars added to every entry."""
    if len(terms) == 1:
        return terms[0]
    shape = terms[0].shape
    for t in terms[1:]:
        s = shapes.broadcast(shape, t.shape)
        if s is None:
            raise _shape_error("+", shape, t.shape)
        shape = s
    return Add(shape, tuple(terms))


def sub(a: Node, b: Node) -> Node:
    """``a - b``, as ``a + (-b)``."""
    return add(a, neg(b))


def neg(a: Node) -> Node:
    """``-a``."""
    return Neg(a.shape, a)


def mul(a: Node, b: Node) -> Node:
    """A scalar times anything, or the elementwise (Hadamard) product of equal shapes."""
    s = shapes.broadcast(a.shape, b.shape)
    if s is None:
        raise _shape_error("*", a.shape, b.shape)
    return Mul(s, a, b)


def div(a: Node, b: Node) -> Node:
    """Division by a scalar, or the elementwise quotient of equal shapes."""
    s = shapes.broadcast(a.shape, b.shape)
    if s is None:
        raise _shape_error("/", a.shape, b.shape)
    return Div(s, a, b)


def power(a: Node, b: Node) -> Node:
    """``a ** b`` entrywise; the exponent is a scalar."""
    if not b.shape.is_scalar:
        raise ExprError(f"'**' needs a scalar exponent, got {b.shape.label()}", code=_SHAPE)
    return Pow(a.shape, a, b)


def matmul(a: Node, b: Node) -> Node:
    """The matrix product; the inner sizes must agree."""
    s = shapes.matmul(a.shape, b.shape)
    if s is None:
        raise ExprError(
            f"'@' needs the inner sizes to agree, got {a.shape.label()} @ {b.shape.label()}", code=_SHAPE
        )
    return MatMul(s, a, b)


def matmuls(factors: Sequence[Node]) -> Node:
    """The product of ``factors`` (one at least), left to right, ((a b) c): the inverse of walks.matmul_factors."""
    out = factors[0]
    for factor in factors[1:]:
        out = matmul(out, factor)
    return out


def transpose(a: Node) -> Node:
    """``a.T``; of a zero array, the zero array of the other shape (so ``zeros(m).T``, the printed
    form of a zero row, reads back as the node it was printed from)."""
    if type(a) is Zero:
        return Zero(a.shape.transpose())
    return Transpose(a.shape.transpose(), a)


def func(fn: Fn, a: Node) -> Node:
    """An elementwise function of ``a``: the shape of ``a``."""
    return Func(a.shape, fn, a)


def maximum(a: Node, b: Node) -> Node:
    """The entrywise maximum of equal shapes (or of an array and a scalar)."""
    s = shapes.broadcast(a.shape, b.shape)
    if s is None:
        raise _shape_error("maximum", a.shape, b.shape)
    return Maximum(s, a, b)


def _need_square(name: str, a: Node) -> None:
    if not a.shape.is_square:
        raise ExprError(f"{name}() needs a square matrix, got {a.shape.label()}", code=_SHAPE, name=name)


def total(a: Node) -> Node:
    """``sum(a)``: the sum of the entries, a scalar."""
    return Sum(SCALAR, a)


def mean(a: Node) -> Node:
    """``mean(a)``: the mean of the entries, a scalar."""
    return Mean(SCALAR, a)


def norm(a: Node) -> Node:
    """``norm(a)``: the Euclidean (Frobenius) norm, a scalar."""
    return Norm(SCALAR, a)


def dot(a: Node, b: Node) -> Node:
    """``dot(a, b)``: the inner product of two vectors (rows or columns) of one length."""
    if not (a.shape.is_vector_like and b.shape.is_vector_like) or a.shape.length != b.shape.length:
        raise ExprError(
            f"dot() needs two vectors of one length, got {a.shape.label()} and {b.shape.label()}", code=_SHAPE,
            name="dot",
        )
    return Dot(SCALAR, a, b)


def trace(a: Node) -> Node:
    """``tr(a)`` of a square matrix."""
    _need_square("tr", a)
    return Trace(SCALAR, a)


def det(a: Node) -> Node:
    """``det(a)`` of a square matrix."""
    _need_square("det", a)
    return Det(SCALAR, a)


def inv(a: Node) -> Node:
    """``inv(a)`` of a square matrix."""
    _need_square("inv", a)
    return Inv(a.shape, a)


def diag(a: Node) -> Node:
    """The diagonal matrix of a vector, or the diagonal (a column) of a square matrix."""
    if a.shape.is_column or a.shape.is_scalar:
        return Diag(shapes.square(a.shape.rows), a)
    if a.shape.is_row:
        return Diag(shapes.square(a.shape.cols), a)
    _need_square("diag", a)
    return Diag(shapes.column(a.shape.rows), a)


def _need_vector(name: str, a: Node) -> None:
    if not a.shape.is_vector_like or a.shape.is_scalar:
        raise ExprError(f"{name}() needs a vector, got {a.shape.label()}", code=_SHAPE, name=name)


def softmax(a: Node) -> Node:
    """``softmax(v)`` of a vector: the shape of ``v``."""
    _need_vector("softmax", a)
    return Softmax(a.shape, a)


def logsumexp(a: Node) -> Node:
    """``logsumexp(v)`` of a vector, a scalar."""
    _need_vector("logsumexp", a)
    return LogSumExp(SCALAR, a)


def norm1(a: Node) -> Node:
    """``norm1(v)``, the sum of the absolute values of a vector's entries, a scalar."""
    _need_vector("norm1", a)
    return Norm1(SCALAR, a)


def logdet(a: Node) -> Node:
    """``logdet(M)`` of a square matrix, a scalar."""
    _need_square("logdet", a)
    return LogDet(SCALAR, a)


def outer(a: Node, b: Node) -> Node:
    """The outer product of two vectors: (length of a) x (length of b)."""
    if not (a.shape.is_vector_like and b.shape.is_vector_like):
        raise ExprError(f"outer() needs two vectors, got {a.shape.label()} and {b.shape.label()}", code=_SHAPE,
                        name="outer")
    return Outer(Shape(a.shape.length, b.shape.length), a, b)


def vec(a: Node) -> Node:
    """``vec(a)``: the columns of ``a`` stacked, first on top (column-major), a column of mn entries."""
    return Vec(shapes.column(shapes.times(a.shape.rows, a.shape.cols)), a)


def kron(a: Node, b: Node) -> Node:
    """``kron(a, b)``: the Kronecker product of any two arrays, (p, q) and (r, s) give (pr, qs)."""
    return Kron(Shape(shapes.times(a.shape.rows, b.shape.rows), shapes.times(a.shape.cols, b.shape.cols)), a, b)


def commutation(m: int | sympy.Expr, n: int | sympy.Expr) -> Node:
    """The mn x mn commutation matrix: ``commutation(m, n) @ vec(X) == vec(X.T)`` for X of m x n."""
    dm, dn = shapes.dim(m), shapes.dim(n)
    return Commutation(shapes.square(shapes.times(dm, dn)), dm, dn)


def sym(a: Node) -> Node:
    """``sym(a)``: ``(a + a.T) / 2`` of a square matrix."""
    _need_square("sym", a)
    return Sym(a.shape, a)


def eye(n: int | sympy.Expr) -> Node:
    """The identity matrix of size n."""
    return Eye(shapes.square(shapes.dim(n)))


def ones(shape: Shape) -> Node:
    """The all-ones array of a shape."""
    return Ones(shape)


def zero(shape: Shape) -> Node:
    """The all-zeros array of a shape."""
    return Zero(shape)


def index(a: Node, row: int, col: int) -> Index:
    """One entry (0-based), checked against the sizes that are numbers."""
    for i, size in ((row, a.shape.rows), (col, a.shape.cols)):
        if i < 0 or (size.is_number and i >= int(size)):
            raise ExprError(f"index {i} is out of range for shape {a.shape.label()}", code=ErrorCode.BAD_INDEX)
    return Index(SCALAR, a, row, col)


def lit(rows: tuple[tuple[Node, ...], ...]) -> Node:
    """A vector or matrix written by components: rows of scalars, all of one length."""
    width = len(rows[0])
    if any(len(r) != width for r in rows):
        raise ExprError("every row of a matrix literal needs the same length", code=_SHAPE)
    for r in rows:
        for e in r:
            if not e.shape.is_scalar:
                raise ExprError(f"matrix literal entries must be scalars, got {e.shape.label()}", code=_SHAPE)
    return Lit(Shape(sympy.Integer(len(rows)), sympy.Integer(width)), rows)


# How each node type with operands is built again from new ones (Func, Index and Lit carry more
# than their children and are handled in rebuild).
BUILDERS: Mapping[type[Node], Callable[..., Node]] = {
    Add: add, Neg: neg, Mul: mul, Div: div, Pow: power, MatMul: matmul, Transpose: transpose,
    Maximum: maximum, Sum: total, Mean: mean, Norm: norm, Dot: dot, Trace: trace, Det: det, Inv: inv,
    Diag: diag, Outer: outer,
    Softmax: softmax, LogSumExp: logsumexp, Norm1: norm1, LogDet: logdet,
    Vec: vec, Kron: kron, Sym: sym,
}


def rebuild(node: Node, kids: tuple[Node, ...]) -> Node:
    """The same node with new children (shapes recomputed by the smart constructors)."""
    match node:
        case Func():
            return func(node.fn, kids[0])
        case Index():
            return index(kids[0], node.row, node.col)
        case Lit():
            it = iter(kids)
            return lit(tuple(tuple(next(it) for _ in row) for row in node.rows))
    build = BUILDERS.get(type(node))
    return node if build is None else build(*kids)


def substitute(node: Node, mapping: Mapping[str, Node]) -> Node:
    """Replace variables by expressions (used to put intermediates back)."""
    if isinstance(node, Var):
        return mapping.get(node.name, node)
    kids = node.children()
    if not kids:
        return node
    new = tuple(substitute(k, mapping) for k in kids)
    return node if new == kids else rebuild(node, new)
