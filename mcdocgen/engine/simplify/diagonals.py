"""The diagonal of a product and the sum of a diagonal: diag(a b^T) = a o b, sum(diag(M)) = tr(M)."""

from __future__ import annotations

from mcdocgen.engine.simplify.common import Rewritten, as_column
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Diag, Eye, MatMul, Outer, Sum, Transpose


def diag(node: Diag) -> Rewritten:
    """The diagonal (a column) of a square matrix: of an outer product, a transpose, I, diag(v)."""
    m = node.arg
    if m.shape.is_vector_like or m.shape.rows != m.shape.cols:
        return None     # diag(v) of a vector builds a matrix; nothing to read off
    match m:
        case MatMul(left=a, right=b) if a.shape.is_column and b.shape.is_row:
            return R.DIAG_OF_OUTER, E.mul(a, E.transpose(b))       # diag(a b^T)_i = a_i b_i
        case Outer(left=a, right=b):
            return R.DIAG_OF_OUTER, E.mul(as_column(a), as_column(b))
        case Transpose(arg=a):
            return R.DIAG_OF_DIAG, E.diag(a)
        case Eye():
            return R.DIAG_OF_DIAG, E.ones(node.shape)
        case Diag(arg=v):
            return R.DIAG_OF_DIAG, as_column(v)
    return None


def total(node: Sum) -> Rewritten:
    """sum(diag(M)) = tr(M) for a square matrix M."""
    a = node.arg
    if isinstance(a, Diag) and a.shape.is_column and not a.arg.shape.is_vector_like:
        return R.SUM_DIAG, E.trace(a.arg)
    return None
