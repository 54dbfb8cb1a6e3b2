"""Diagonals: of a product (diag(a b^T) = a o b), their sums (diag(a) + diag(b) = diag(a + b)),
and the sum of a diagonal (sum(diag(M)) = tr(M))."""

from __future__ import annotations

from mcdocgen.engine.simplify.common import Rewritten, as_column, coeff, with_coeff
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Add, Diag, Eye, MatMul, Node, Outer, Sum, Transpose


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


def add(node: Add) -> Rewritten:
    """c diag(a) + d diag(b) + M = diag(c a + d b) + M: the diagonal matrices of vectors in one."""
    diagonal = [i for i, t in enumerate(node.terms) if _diag_of_vector(coeff(t)[1])]
    if len(diagonal) < 2:
        return None
    inner = E.add(*(with_coeff(coeff(node.terms[i])[0], as_column(_vector(node.terms[i]))) for i in diagonal))
    others = [t for i, t in enumerate(node.terms) if i not in diagonal]
    return R.DIAG_SUM, E.add(E.diag(inner), *others) if others else E.diag(inner)


def _diag_of_vector(node: Node) -> bool:
    return isinstance(node, Diag) and node.arg.shape.is_vector_like and not node.shape.is_vector_like


def _vector(term: Node) -> Node:
    core = coeff(term)[1]
    assert isinstance(core, Diag)
    return core.arg
