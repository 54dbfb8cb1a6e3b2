"""Inner products that cancel an elementwise quotient: a^T (b / a) = sum(b), (b / a)^T a = sum(b); a
diagonal less an outer product applied to a vector: (diag(u) - u w^T) b = u o (b - <w, b>); a sum
applied to ones, whose terms that end in a centred row drop: (A + B c c^T) 1 = A 1 for c = v - mean(v)."""

from __future__ import annotations

from mcdocgen.engine.simplify.common import Rewritten, at_head, scaled_inner
from mcdocgen.engine.simplify.reductions import is_centred
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Add, Diag, Div, Grad, MatMul, Neg, Node, Ones, Outer, Transpose


def matmul(node: MatMul) -> Rewritten:
    """a^T (b / a) = (b / a)^T a = sum(b) for columns a, b: sum_i a_i b_i / a_i."""
    if not node.shape.is_scalar:
        return at_head(node, _diagonal_less_outer) or at_head(node, _centred_terms_dropped)
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


def _diagonal_less_outer(a: Node, b: Node) -> Rewritten:
    """(diag(u) - u w^T) b = u o (b - <w, b>) for a column b, and r (diag(u) - w u^T) = (u o (r^T - <w, r^T>))^T
    for a row r: the softmax Jacobian times a vector, s o (v - <s, v>), as the books and back-propagation
    write it (one vector less, and no n x n matrix)."""
    if b.shape.is_column and (parts := _split(a)) is not None:
        u, left, right = parts
        if left == u and not _over(b, u):
            return R.DIAG_LESS_OUTER, E.mul(u, E.sub(b, E.dot(right, b)))
    if a.shape.is_row and (parts := _split(b)) is not None:
        u, left, right = parts
        if right == u and not _over(E.transpose(a), u):
            column = E.transpose(a)
            return R.DIAG_LESS_OUTER, E.transpose(E.mul(u, E.sub(column, E.dot(left, column))))
    return None


def _over(b: Node, u: Node) -> bool:
    """b = c / u or -(c / u) (or its row), or may be: distributed, diag(u) b = c and u^T b = sum(c) cancel,
    which is shorter."""
    if any(isinstance(n, Grad) for n in E.walk(b)):
        return True     # a gradient still to be put in may be such a quotient
    while isinstance(b, (Neg, Transpose)):
        b = b.arg
    return isinstance(b, Div) and b.right in (u, E.transpose(u))


def _split(node: Node) -> tuple[Node, Node, Node] | None:
    """(u, p, q) for diag(u) - p q^T (either order of the terms; p q^T also outer(p, q)), u, p, q columns."""
    if not (isinstance(node, Add) and len(node.terms) == 2):
        return None
    for first, second in (node.terms, node.terms[::-1]):
        if isinstance(first, Diag) and first.arg.shape.is_column and isinstance(second, Neg):
            outer = second.arg
            if isinstance(outer, Outer):
                return first.arg, outer.left, outer.right
            if isinstance(outer, MatMul) and outer.left.shape.is_column and isinstance(outer.right, Transpose) \
                    and outer.right.arg.shape.is_column:
                return first.arg, outer.left, outer.right.arg
    return None


def _centred_terms_dropped(a: Node, b: Node) -> Rewritten:
    """(A + B c c^T) 1 = A 1 and 1^T (A + c c^T B) = 1^T A for c = v - mean(v), whose entries sum to 0
    (c^T 1 = 0): the terms of the sum that end (begin) in c^T (c) drop, as in LayerNorm's Jacobian
    times the centring matrix I - 1 1^T / n."""
    if isinstance(b, Ones) and b.shape.is_column and isinstance(a, Add):
        kept = [t for t in a.terms if not _centred_end(t, last=True)]
        summed, ones_left = a, False
    elif isinstance(a, Ones) and a.shape.is_row and isinstance(b, Add):
        kept = [t for t in b.terms if not _centred_end(t, last=False)]
        summed, ones_left = b, True
    else:
        return None
    if len(kept) == len(summed.terms):
        return None
    if not kept:
        return R.CENTRED_SUM, E.zero(E.matmul(a, b).shape)
    rest = E.add(*kept) if len(kept) > 1 else kept[0]
    return R.CENTRED_SUM, E.matmul(a, rest) if ones_left else E.matmul(rest, b)


def _centred_end(term: Node, last: bool) -> bool:
    """The term (inside signs and scalar factors or divisors) is a product whose last factor is c^T (with
    ``last``; else whose first is c), c centred."""
    while (inner := scaled_inner(term)) is not None:
        term = inner
    if not isinstance(term, MatMul):
        return False
    end: Node = term
    while isinstance(end, MatMul):
        end = end.right if last else end.left
    # only a centred column c has c^T 1 = 0: the rows and columns of a centred matrix V - mean(V) need not
    if last:
        return isinstance(end, Transpose) and end.arg.shape.is_column and is_centred(end.arg)
    return end.shape.is_column and is_centred(end)
