"""Whether two nodes are one expression with a product's two factors, or a sum's terms, in another order.

The simplifier leaves ``c * mean(u)`` and ``mean(u) * c`` each as it comes (both are its fixed points), so a
step function's argument in a derived result may spell its place otherwise than the place itself does (nnPU:
the place ``a - c mean(v)`` from the function, ``heaviside(a - mean(v) c)`` in the result). The kink analyses
compare a node with a place by this test, not by ==: a step missed so was neither read on the place nor seen to
break there, and a true kink was called removed.
"""

from __future__ import annotations

from dataclasses import fields

from mcdocgen import language as E
from mcdocgen.language import Node


def same(a: Node, b: Node) -> bool:
    """``a`` and ``b`` equal up to the order of each product's factors (elementwise or by a scalar: they commute)
    and each sum's terms."""
    if a == b:
        return True
    if type(a) is not type(b) or a.shape != b.shape or len(a.children()) != len(b.children()) or not a.children():
        return False
    if isinstance(a, E.Mul) and isinstance(b, E.Mul):
        return (same(a.left, b.left) and same(a.right, b.right)) or (same(a.left, b.right) and same(a.right, b.left))
    if isinstance(a, E.Add):    # each term matched once: ``same`` is an equivalence, so the first match will do
        left = list(b.children())
        for term in a.children():
            match = next((i for i, other in enumerate(left) if same(term, other)), None)
            if match is None:
                return False
            del left[match]
        return True
    # any other node: what it holds besides its operands equal (a function, an index), its operands in order
    held = (f.name for f in fields(a) if f.compare and not _operands(getattr(a, f.name)))
    return all(getattr(a, name) == getattr(b, name) for name in held) and \
        all(same(x, y) for x, y in zip(a.children(), b.children(), strict=True))


def _operands(value: object) -> bool:
    """A field holding operands (a node, or nested tuples of them: a sum's terms, a literal's rows)."""
    return isinstance(value, Node) or (isinstance(value, tuple) and all(map(_operands, value)) and bool(value))
