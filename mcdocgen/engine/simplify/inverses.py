"""Inverses met by their factors inside a chain of products: A (X A)^-1 = X^-1 when the factors are square.

A product of square matrices is invertible exactly when each factor is (det(A B) = det(A) det(B)),
so wherever (A B)^-1 is defined, (A B)^-1 = B^-1 A^-1 holds; the rewrite uses it only where a factor
then cancels, so the result is shorter: A^T (A X B)^-T B^T = X^-T (Matrix Cookbook (51)).
"""

from __future__ import annotations

from mcdocgen.engine.simplify.common import Rewritten, at_head
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Inv, MatMul, Node, Transpose


def matmul(node: MatMul) -> Rewritten:
    """f @ (g @ rest): f and g, the first two factors of a right-associated chain, cancel."""
    return at_head(node, meet)


def meet(f: Node, g: Node) -> Rewritten:
    """The product f g with an inverse cancelled, or None."""
    if not (_inverse(f) or _inverse(g)):
        return None   # every case below has an inverse, maybe transposed, among the two
    if _pair(f, g) or _pair(g, f):
        return R.INVERSE_PAIR, E.eye(f.shape.rows)
    if isinstance(g, Inv) and (ps := _square_factors(g.arg)) and f == ps[-1]:
        return R.INVERSE_OF_PRODUCT, E.inv(_chain(ps[:-1]))           # B (A B)^-1 = A^-1
    if isinstance(f, Inv) and (ps := _square_factors(f.arg)) and g == ps[0]:
        return R.INVERSE_OF_PRODUCT, E.inv(_chain(ps[1:]))            # (A B)^-1 A = B^-1
    if (p := _inverted_t(g)) is not None and (ps := _square_factors(p)) and f == _flip(ps[0]):
        return R.INVERSE_OF_PRODUCT, E.transpose(E.inv(_chain(ps[1:])))   # A^T (A B)^-T = B^-T
    if (p := _inverted_t(f)) is not None and (ps := _square_factors(p)) and g == _flip(ps[-1]):
        return R.INVERSE_OF_PRODUCT, E.transpose(E.inv(_chain(ps[:-1])))  # (A B)^-T B^T = A^-T
    return None


def _inverse(node: Node) -> bool:
    return isinstance(node, Inv) or (isinstance(node, Transpose) and isinstance(node.arg, Inv))


def _pair(a: Node, b: Node) -> bool:
    """b is the inverse of a, possibly both transposed."""
    if isinstance(b, Inv) and b.arg == a:
        return True
    return isinstance(a, Transpose) and _inverted_t(b) == a.arg


def _inverted_t(node: Node) -> Node | None:
    """P for (P^-1)^T, else None."""
    return node.arg.arg if isinstance(node, Transpose) and isinstance(node.arg, Inv) else None


def _flip(node: Node) -> Node:
    return node.arg if isinstance(node, Transpose) else E.transpose(node)


def _square_factors(node: Node) -> tuple[Node, ...]:
    """The factors of a chain of two or more products, if every one is square; else ()."""
    factors: list[Node] = []
    while isinstance(node, MatMul):
        factors.extend(_flatten(node.left))
        node = node.right
    factors.append(node)
    if len(factors) < 2 or any(f.shape.rows != f.shape.cols for f in factors):
        return ()
    return tuple(factors)


def _flatten(node: Node) -> list[Node]:
    return [*_flatten(node.left), *_flatten(node.right)] if isinstance(node, MatMul) else [node]


def _chain(factors: tuple[Node, ...]) -> Node:
    out = factors[-1]
    for f in reversed(factors[:-1]):
        out = E.matmul(f, out)
    return out
