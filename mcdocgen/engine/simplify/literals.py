"""Arrays written by components reduced entry by entry: the determinant, inverse, trace and sum of a
literal matrix are written from its entries, so a small literal's gradient is a small formula
(``det([[a, b], [c, d]])`` = ``a * d - b * c``; with numbers, a number)."""

from __future__ import annotations

import sympy

from mcdocgen.engine.simplify.common import Rewritten, concrete
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Det, Inv, Lit, MatMul, Mul, Node, Num, Ones, Outer, Sum, Trace

MAX_CLOSED_ORDER = 3   # cofactor formulas past 3 x 3 grow factorially: larger literals stay as they are

Rows = tuple[tuple[Node, ...], ...]


def det(node: Det) -> Rewritten:
    """det of a literal up to 3 x 3 by cofactors along its first row."""
    a = node.arg
    if isinstance(a, Lit) and len(a.rows) <= MAX_CLOSED_ORDER:
        return R.LITERAL_DET, _det(a.rows)
    return None


def inv(node: Inv) -> Rewritten:
    """inv of a literal up to 3 x 3: its adjugate (the transposed cofactors) over its determinant."""
    a = node.arg
    if not (isinstance(a, Lit) and len(a.rows) <= MAX_CLOSED_ORDER):
        return None
    n = len(a.rows)
    d = _det(a.rows)
    if n == 1:
        return R.LITERAL_INV, E.lit(((E.div(E.num(1), d),),))
    adjugate = tuple(tuple(_cofactor(a.rows, j, i) for j in range(n)) for i in range(n))
    return R.LITERAL_INV, E.lit(tuple(tuple(E.div(e, d) for e in row) for row in adjugate))


def trace(node: Trace) -> Rewritten:
    """tr of a literal: the sum of its diagonal entries."""
    a = node.arg
    if isinstance(a, Lit):
        return R.LITERAL_SUM, E.add(*(a.rows[i][i] for i in range(len(a.rows))))
    return None


def total(node: Sum) -> Rewritten:
    """sum of a literal: the sum of its entries."""
    a = node.arg
    if isinstance(a, Lit):
        return R.LITERAL_SUM, E.add(*(e for row in a.rows for e in row))
    return None


def matmul(node: MatMul) -> Rewritten:
    """A literal times a constant array of known size (ones, an outer product of ones): the constant
    is written by components too, so that the product multiplies out entry by entry."""
    a, b = node.left, node.right
    if isinstance(a, Lit) and not isinstance(b, Lit):
        written = _written(b)
        return (R.LITERAL, E.matmul(a, written)) if written is not None else None
    if isinstance(b, Lit) and not isinstance(a, Lit):
        written = _written(a)
        return (R.LITERAL, E.matmul(written, b)) if written is not None else None
    return None


def mul(node: Mul) -> Rewritten:
    """c (A @ L) = A @ (c L) for a positive number c and a literal L of numbers: the number goes into
    the entries (x.T @ [[4, 2], [2, 6]], not 2 * (x.T @ [[2, 1], [1, 3]]))."""
    c, product = node.left, node.right
    if not (isinstance(c, Num) and c.value.is_number and c.value > 0 and isinstance(product, MatMul)):
        return None
    for side in (product.right, product.left):
        if isinstance(side, Lit) and all(isinstance(e, Num) and e.value.is_number for row in side.rows for e in row):
            scaled = E.lit(tuple(tuple(E.num(c.value * _number(e)) for e in row) for row in side.rows))
            return R.LITERAL, (E.matmul(product.left, scaled) if side is product.right else E.matmul(scaled, product.right))
    return None


def _number(node: Node) -> sympy.Expr:
    assert isinstance(node, Num)
    return node.value


def _written(node: Node) -> Node | None:
    """An all-ones array (or outer product of all-ones vectors) of known small size, by components."""
    if isinstance(node, Outer) and isinstance(node.left, Ones) and isinstance(node.right, Ones):
        node = E.ones(node.shape)
    if not (isinstance(node, Ones) and concrete(node.shape)):
        return None
    rows, cols = int(node.shape.rows), int(node.shape.cols)
    if rows * cols > E.MAX_LITERAL_ENTRIES:
        return None
    return E.lit(tuple(tuple(E.num(1) for _ in range(cols)) for _ in range(rows)))


def _minor(rows: Rows, i: int, j: int) -> Rows:
    return tuple(tuple(e for c, e in enumerate(row) if c != j) for r, row in enumerate(rows) if r != i)


def _cofactor(rows: Rows, i: int, j: int) -> Node:
    minor = _det(_minor(rows, i, j))
    return E.neg(minor) if (i + j) % 2 else minor


def _det(rows: Rows) -> Node:
    if len(rows) == 1:
        return rows[0][0]
    return E.add(*(E.mul(rows[0][j], _cofactor(rows, 0, j)) for j in range(len(rows))))
