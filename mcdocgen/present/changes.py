"""A scalar's differential written last in a product, as books write it: C dx, exp(t) B dt, -Y^-1 B Y^-1 dt.

The differential's rules write d(x C) as dx C, which reads as d(x C), and d(U V) with dU = B dt as
B dt V. A page prints each with the scalar change moved after its array factors (review s35 item 16).
Only the order of factors moves, by s A = A s for a scalar s and (A s) B = A (s B) = (A B) s, so the
printed tree has the rules' value (the tensor checks evaluate the rules' own tree).
"""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.engine.differential import is_differential
from mcdocgen.language import MatMul, Mul, Node


def change_last(node: Node) -> Node:
    """``node`` with each scalar differential after the array it multiplies (bottom-up)."""
    kids = node.children()
    if kids:
        new = tuple(change_last(k) for k in kids)
        if new != kids:
            node = E.rebuild(node, new)
    return _here(node)


def _scalar_change(node: Node) -> bool:
    return is_differential(node) and node.shape.is_scalar


def _split(node: Node) -> tuple[Node, Node] | None:
    """M and ds of an array M ds, ds a scalar's differential."""
    if isinstance(node, Mul) and _scalar_change(node.right) and not node.left.shape.is_scalar:
        return node.left, node.right
    return None


def _here(node: Node) -> Node:
    match node:
        case Mul(left=ds, right=a) if _scalar_change(ds) and not a.shape.is_scalar:
            return E.mul(a, ds)                                      # dx C: C dx
        case Mul(left=Mul(left=s, right=ds), right=a) if _scalar_change(ds) and s.shape.is_scalar \
                and not a.shape.is_scalar:
            return E.mul(E.mul(s, a), ds)                            # exp(t) dt B: exp(t) B dt
        case Mul(left=s, right=b) if s.shape.is_scalar and (split := _split(b)) is not None:
            return E.mul(E.mul(s, split[0]), split[1])               # 2 x (A dx): 2 x A dx
        case MatMul(left=a, right=b) if (split := _split(a)) is not None:
            return E.mul(E.matmul(split[0], b), split[1])            # (B dt) Y: B Y dt
        case MatMul(left=a, right=b) if (split := _split(b)) is not None:
            return E.mul(E.matmul(a, split[0]), split[1])            # X (D dt): X D dt
    return node
