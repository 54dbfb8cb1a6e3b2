"""The chain rule's product with the intermediates put back, before it is simplified: the step that
explains the result (u_1^T + A x with u_1 = x^T A is (x^T A)^T + A x; 1 / det(X) * det(X) * X^-T shows
the cancellation). Only written more plainly (factors 1 and I, also c I, double transposes, and a zero
times anything, which is zero: 0 * a + 2 * 0 * x is zeros(n); numbers side by side multiplied, 2 (2 X) is
4 X), never simplified."""

from __future__ import annotations

from collections.abc import Mapping

from mcdocgen import language as E
from mcdocgen.engine.simplify.common import is_zero, zero_like
from mcdocgen.engine.simplify.transpose import is_symmetric
from mcdocgen.language import Add, Div, Eye, Index, Lit, MatMul, Mul, Neg, Node, Num, Transpose
from mcdocgen.language.transposes import Through, transposed


def _own_transpose(node: Node) -> bool:
    return node.shape.is_scalar or is_symmetric(node)     # diag(v)^T = diag(v)


#: the transpose of a factor of a product as a textbook writes it: x^T, A, (a - b)^T, B^T A^T for A B, a literal
#: written transposed, (A (x) B)^T = A^T (x) B^T and K_{m,n}^T = K_{n,m} (not a transpose from nowhere)
_FACTOR = Through(unwrap=True, products=True, signs=True, scalar_left=True, divided=True, literals=True, kron=True,
                  own=_own_transpose)
#: and of the whole row: through its sum, sign and scalar factors, and a product's factors reversed; a sum or
#: elementwise product inside a factor stays whole, (a - b)^T
_ROW = Through(scalars=True, unwrap=True, sums=True, signs=True, scalar_left=True, scalar_right=True, divided=True,
               products=True, factors=_FACTOR, literals=True, kron=True, kron_factors=_FACTOR, own=_own_transpose)


def put_back(raw: Node, values: Mapping[str, Node]) -> tuple[Node, Node]:
    """The unsimplified product ``raw`` (denominator layout, over intermediates) with each
    intermediate replaced by its value: in the denominator layout, and in the numerator layout
    with the transpose taken to the leaves (x^T A, not (A^T x)^T)."""
    den = plain(E.substitute(raw, dict(values)))
    return den, plain(transposed(den, _ROW))


def plain(node: Node, memo: dict[Node, Node] | None = None) -> Node:
    """``node`` without factors 1 or I, double transposes, entries of written vectors and zero terms
    (bottom-up; ``memo``: each subtree done once, as the values put back repeat subtrees)."""
    memo = {} if memo is None else memo
    done = memo.get(node)
    if done is None:
        kids = node.children()
        new = tuple([plain(k, memo) for k in kids]) if kids else kids
        done = memo[node] = _plain_here(node if new == kids else E.rebuild(node, new))
    return done


def _plain_here(node: Node) -> Node:
    """``plain``'s rewrite of one node whose operands are plain already."""
    match node:
        # a path of the chain rule whose sum of local derivatives cancelled (1 + (-1)) is no term of the row
        case Mul(left=a, right=b) | MatMul(left=a, right=b) if is_zero(a) or is_zero(b):
            return zero_like(node)
        case Neg(arg=a) | Transpose(arg=a) | Div(left=a) if is_zero(a):
            return zero_like(node)
        case Add(terms=terms) if any(is_zero(t) for t in terms):
            kept = [t for t in terms if not is_zero(t)]
            if not kept:
                return zero_like(node)
            rest = E.add(*kept)
            return rest if rest.shape == node.shape else node     # not a zero array that broadcast a scalar
        case Mul(left=Num(value=v), right=b) if v == 1 and b.shape == node.shape:
            return b
        case Mul(left=a, right=Num(value=v)) if v == 1 and a.shape == node.shape:
            return a
        case MatMul(left=Eye(), right=b):
            return b
        case MatMul(left=a, right=Eye()):
            return a
        case MatMul(left=Mul(left=c, right=Eye()), right=b) if c.shape.is_scalar:
            return E.mul(c, b)      # the trace rule's c I times B is c B: the I is no step of the chain
        case MatMul(left=a, right=Mul(left=c, right=Eye())) if c.shape.is_scalar:
            return E.mul(c, a)
        case Transpose(arg=Transpose(arg=a)):
            return a
        case Index(arg=Lit(rows=rows), row=i, col=j):
            return rows[i][j]       # g_1 with g = [x^2, 3 x] put back is x^2, not [x^2, 3 x][0]
        case Div(left=Neg(arg=a), right=b) | Mul(left=Neg(arg=a), right=b) | MatMul(left=Neg(arg=a), right=b):
            return E.neg(E.rebuild(node, (a, b)))      # a sign in front, so a sum shows a subtraction
        case MatMul(left=a, right=Neg(arg=b)):
            return E.neg(E.matmul(a, b))
        case Mul(left=Num(value=v), right=Mul(left=Num(value=w), right=b)) if v.is_number and w.is_number:
            return E.mul(E.num(v * w), b)    # 2 (2 X), not two numbers side by side (arithmetic, as c I is)
        case Mul(left=Num(value=v), right=Transpose(arg=Mul(left=Num(value=w), right=b))) if v.is_number and w.is_number:
            return E.mul(E.num(v * w), E.transpose(b))
        case Mul(left=Num(value=v), right=b) if v.is_number and v.is_negative:
            return E.neg(b if v == -1 else E.mul(E.num(-v), b))    # -2/N a, never a factor -2/N after X^T
        case Transpose(arg=a) if a.shape.is_scalar or isinstance(a, Eye):
            return a
    return node
