"""Layouts: the numerator and denominator views of one derivation (order and transposes).

Numerator layout: d f/d x has the rows of f and the columns of x; the chain rule multiplies
left to right. Denominator layout is its transpose; the chain rule multiplies right to left
with transposed factors. ``derive`` computes both layouts' values once; this module only selects.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from mcdocgen import language as E
from mcdocgen.engine.derive import Accumulation, Derivation, Local, LocalKind
from mcdocgen.engine.put_back import plain
from mcdocgen.language import Node
from mcdocgen.language.shapes import Layout, Shape

__all__ = ["Factor", "accumulation_terms", "chain", "gradient_rows", "local_value", "product", "result", "result_shape"]


@dataclass(frozen=True, slots=True)
class Factor:
    """One factor of a chain-rule product: d top / d bottom, its value and shape."""

    top: str
    bottom: str
    value: Node
    shape: Shape


def _derived(node: Node | None) -> Node:
    if node is None:
        raise ValueError("the derivation was not finished: it has no layouts to show")
    return node


def result(d: Derivation, layout: Layout) -> Node:
    """The result in the layout, over the declared variables."""
    return _derived(d.numerator if layout is Layout.NUMERATOR else d.result)


def result_shape(d: Derivation, layout: Layout) -> Shape:
    """The result's shape in the layout."""
    return result(d, layout).shape


def product(d: Derivation, layout: Layout) -> Node:
    """The chain rule's product before the intermediates are put back."""
    return _derived(d.product if layout is Layout.DENOMINATOR else d.product_numerator)


def put_back(d: Derivation, layout: Layout, simplified: bool = False,
             shown: Callable[[], Node] | None = None) -> Node | None:
    """The chain rule's product with the intermediates put back, before it is simplified (None where
    the derivation has none: a matrix by a scalar). ``simplified``: the simplified product (over the
    intermediates) with them put back instead, the step between it and the result, which simplifies it;
    ``shown``: that product as a page writes it, where it differs (present.owntranspose keeps C for C^T)."""
    if d.put_back is None or not simplified:
        return None if d.put_back is None else d.put_back[layout is Layout.NUMERATOR]
    return plain(E.substitute(product(d, layout) if shown is None else shown(),
                              {i.name: i.value for i in d.intermediates}))


def local_value(local: Local, layout: Layout) -> Node:
    """A Jacobian in the layout; for the matrix form, the contribution it makes."""
    return local.numerator if layout is Layout.NUMERATOR else local.denominator


def gradient_rows(locals_: Sequence[Local], shapes: Mapping[str, Shape], matrix_form: bool) -> tuple[Local, ...]:
    """The local derivatives as the layouts show them. Where a scalar function's chain rule is in
    matrix form (``matrix_form``: no ``Derivation.paths``), a scalar by a row vector (1, n) is also
    written as the matrix form's d f/d u, which has the row's shape in denominator layout and its
    transpose in numerator layout (spec section 3: a gradient has the variable's shape); its Jacobian
    d u/d vec(a)^T is that value's transpose, so there each layout shows the other's value. A product
    of Jacobians (paths; the vec form of a vector function) multiplies the Jacobians as they are."""
    if not matrix_form:
        return tuple(locals_)
    return tuple(replace(loc, shown=loc.shown.then(_swapped)) if _scalar_by_row(loc, shapes)
                 else loc for loc in locals_)


def _swapped(forms: tuple[Node, Node]) -> tuple[Node, Node]:
    return forms[1], forms[0]


def _scalar_by_row(loc: Local, shapes: Mapping[str, Shape]) -> bool:
    row = shapes[loc.wrt]
    return loc.kind is LocalKind.JACOBIAN and shapes[loc.of].is_scalar and row.is_row and not row.is_scalar


def chain(path: tuple[Local, ...], layout: Layout) -> tuple[Factor, ...]:
    """The factors of one chain in the order the layout multiplies them."""
    factors = tuple(Factor(loc.of, loc.wrt, value, value.shape) for loc in path for value in (local_value(loc, layout),))
    return factors if layout is Layout.NUMERATOR else factors[::-1]


def accumulation_terms(acc: Accumulation, layout: Layout) -> tuple[Node, ...]:
    """The terms of d f/d name as the layout shows them."""
    return acc.numerator if layout is Layout.NUMERATOR else acc.denominator
