"""Building blocks of local derivatives: vectors as columns, identity and diagonal Jacobians, backward maps."""

from __future__ import annotations

from collections.abc import Callable

from mcdocgen import language as E
from mcdocgen.language import Node


def times(d: Node) -> Callable[[Node], Node]:
    """The backward map g -> g * d (an elementwise or scalar factor)."""
    return lambda g: E.mul(g, d)


def total_times(d: Node) -> Callable[[Node], Node]:
    """The backward map g -> sum(g * d): a scalar operand spread over an array."""
    return lambda g: E.total(E.mul(g, d))


def vec(node: Node) -> Node:
    """The entries of a vector-like node as a column."""
    return E.transpose(node) if node.shape.is_row else node


def eye_of(node: Node) -> Node:
    """The identity Jacobian of a vector-like node; 1 for a scalar."""
    n = node.shape.length
    return E.num(1) if n == 1 else E.eye(n)


def diag_of(values: Node) -> Node:
    """diag(d) as the Jacobian of an elementwise map; a scalar stays a scalar."""
    return values if values.shape.is_scalar else E.diag(vec(values))


def vector_like(*nodes: Node) -> bool:
    """Every node is a scalar or a vector (so a Jacobian exists as a matrix)."""
    return all(n.shape.is_vector_like for n in nodes)


def component(i: int, j: int) -> Callable[[Node], Node]:
    """The backward map g -> g[i, j]: one entry of the gradient."""
    return lambda g: E.index(g, i, j)
