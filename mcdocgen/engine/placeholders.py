"""Gradient placeholders (``Grad``) in a contribution: written in numerator layout, or replaced by values."""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.language import Grad, Node
from mcdocgen.language.shapes import Layout


def numerator_grads(node: Node) -> Node:
    """Write denominator placeholders as transposes of numerator ones."""
    if isinstance(node, Grad):
        return E.transpose(Grad(node.shape.transpose(), node.function, node.of, Layout.NUMERATOR))
    kids = node.children()
    if not kids:
        return node
    return E.rebuild(node, tuple(numerator_grads(k) for k in kids))


def replace_grads(node: Node, values: dict[str, Node]) -> Node:
    """``node`` with each gradient placeholder replaced by its value."""
    if isinstance(node, Grad):
        return values[node.of]
    kids = node.children()
    if not kids:
        return node
    new = tuple(replace_grads(k, values) for k in kids)
    return node if new == kids else E.rebuild(node, new)
