"""Inner products that cancel an elementwise quotient: a^T (b / a) = sum(b), (b / a)^T a = sum(b)."""

from __future__ import annotations

from mcdocgen.engine.simplify.common import Rewritten
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Div, MatMul, Node, Transpose


def matmul(node: MatMul) -> Rewritten:
    """a^T (b / a) = (b / a)^T a = sum(b) for columns a, b: sum_i a_i b_i / a_i."""
    if not node.shape.is_scalar:
        return None
    a, b = node.left, node.right
    for row, column in ((a, b), (b, a)):
        kept = _cancelled(row, column)
        if kept is not None:
            return R.DOT_QUOTIENT, E.total(kept)
    return None


def _cancelled(row: Node, column: Node) -> Node | None:
    """b, where row = a^T and column = b / a (or row = (b / a)^T and column = a)."""
    a = _column_of(row)
    if a is None:
        return None
    if isinstance(column, Div) and column.right == a and column.left.shape == column.shape:
        return column.left
    if isinstance(a, Div) and a.right == column and a.left.shape == column.shape:
        return a.left
    return None


def _column_of(row: Node) -> Node | None:
    """The column whose transpose ``row`` is: a for a^T, b / a for b^T / a^T."""
    if isinstance(row, Transpose):
        return row.arg
    if isinstance(row, Div) and isinstance(row.left, Transpose) and isinstance(row.right, Transpose):
        return E.div(row.left.arg, row.right.arg)
    return None
