"""Layouts: the numerator and denominator views of one derivation (order and transposes).

Numerator layout: d f/d x has the rows of f and the columns of x; the chain rule multiplies
left to right. Denominator layout is its transpose; the chain rule multiplies right to left
with transposed factors. The derivation is computed once; this module only re-reads it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from mcdocgen import language as E
from mcdocgen.engine.derive import Derivation, Local, LocalKind
from mcdocgen.language import Grad, Node
from mcdocgen.language.shapes import Shape
from mcdocgen.engine.simplify import simplify


@enum.unique
class Layout(enum.StrEnum):
    NUMERATOR = "numerator"
    DENOMINATOR = "denominator"


@dataclass(frozen=True, slots=True)
class Factor:
    """One factor of a chain-rule product: d top / d bottom, its value and shape."""

    top: str
    bottom: str
    value: Node
    shape: Shape


def result(d: Derivation, layout: Layout) -> Node:
    return d.numerator if layout is Layout.NUMERATOR else d.result


def result_shape(d: Derivation, layout: Layout) -> Shape:
    return result(d, layout).shape


def product(d: Derivation, layout: Layout) -> Node:
    """The chain rule's product before the intermediates are put back."""
    return d.product if layout is Layout.DENOMINATOR else simplify(E.transpose(d.product))


def local_value(local: Local, layout: Layout) -> Node:
    """A Jacobian in the layout; for the matrix form, the contribution it makes."""
    if local.kind is LocalKind.JACOBIAN:
        return local.jacobian if layout is Layout.NUMERATOR else simplify(E.transpose(local.jacobian))
    if layout is Layout.DENOMINATOR:
        return simplify(local.backward)
    return simplify(E.transpose(_numerator_grads(local.backward)))


def _numerator_grads(node: Node) -> Node:
    """Write denominator placeholders as transposes of numerator ones."""
    if isinstance(node, Grad):
        return E.transpose(Grad(node.shape.transpose(), node.function, node.of, Layout.NUMERATOR.value))
    kids = node.children()
    if not kids:
        return node
    return E.rebuild(node, tuple(_numerator_grads(k) for k in kids))


def chain(path: tuple[Local, ...], layout: Layout) -> tuple[Factor, ...]:
    """The factors of one chain in the order the layout multiplies them."""
    factors = tuple(
        Factor(l.of, l.wrt, local_value(l, layout), local_value(l, layout).shape) for l in path
    )
    return factors if layout is Layout.NUMERATOR else factors[::-1]


def accumulation_terms(terms: tuple[Node, ...], layout: Layout) -> tuple[Node, ...]:
    if layout is Layout.DENOMINATOR:
        return tuple(simplify(t) for t in terms)
    return tuple(simplify(E.transpose(_numerator_grads(t))) for t in terms)
