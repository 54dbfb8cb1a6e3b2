"""Gradients by a symmetric matrix: the gradient on the space of symmetric matrices, sym(G), from the
unconstrained gradient G, and the other convention of the literature, G + G^T - G o I.

For f of a symmetric X, only symmetric perturbations E exist, and df = <G, E> = <sym(G), E> for the
unconstrained gradient G (X treated as if its entries were free). sym(G) = (G + G^T) / 2 is the only
symmetric matrix with that property: the gradient on the space of symmetric matrices. The derivative
by the independent entries X_ij (i <= j) is G + G^T - G o I instead: off the diagonal it is twice
sym(G), because X_ij and X_ji move together. Srinivasan & Panda (arXiv 1911.06491) show that stating
the latter as "the gradient" (the Matrix Cookbook, section 2.8.2) gives the wrong first-order change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.language import transposes
from mcdocgen.language.canonical import canonical
from mcdocgen.language.transposes import Through
from mcdocgen.engine.kinks import Kink
from mcdocgen.engine.simplify import Budget, is_symmetric, simplify

# why a non-scalar function of a symmetric matrix is not derived: the convention is defined for gradients
NON_SCALAR_REASON = ("the symmetric-gradient convention is defined for scalar functions of a symmetric "
                     "matrix; a derivative of a vector or matrix by a symmetric matrix is not derived")


@dataclass(frozen=True, slots=True)
class SymmetricGradient:
    """The two conventions for d f / d X with X symmetric, all in denominator layout (the shape of X).

    ``unconstrained`` is G, the gradient with X treated as unconstrained (what the steps derive);
    ``result`` is sym(G) simplified, the gradient on the space of symmetric matrices (the main result,
    symmetric, so equal in both layouts); ``entrywise`` is G + G^T - G o I (2 G - G o I where G is
    symmetric), the derivative by the independent entries X_ij, i <= j. ``already`` says G was symmetric
    by construction (sym(G) = G).
    """

    unconstrained: Node
    result: Node
    entrywise: Node
    already: bool


def sym(node: Node) -> Node:
    """sym(M) = (M + M^T) / 2, written out rather than as the language's sym(M): the simplifier then
    works term by term, and the result stays in the functions every tool evaluates."""
    return E.div(E.add(node, transposed(node)), E.num(2))


_TERM_BY_TERM = Through(sums=True, signs=True, scalar_left=True, divided=True, products=True)


def transposed(node: Node) -> Node:
    """M^T with the transpose taken into sums, scalar multiples and products, so that the two
    halves of sym(G) simplify term by term ((A X B)^T = B^T X^T A^T, then X^T = X)."""
    return transposes.transposed(node, _TERM_BY_TERM)


def restrict(gradient: Node, budget: Budget | None = None, assumed: Node | None = None) -> SymmetricGradient:
    """Both conventions from the unconstrained gradient ``gradient`` (denominator layout, square).

    sym of a symmetric expression is itself (inv(X) for a symmetric X, x x^T, A + A^T): kept as it is
    rather than written as (G + G^T) / 2, or as ``assumed``, G simplified with X^T = X (X^-T C X^-T - N X^-T
    is symmetric only as X is: sym(G) is then written X^-1 C X^-1 - N X^-1, the one step that uses it).
    """
    n = gradient.shape.rows
    # symmetric by construction, or equal to its transpose as the canonical forms compare (S^-1 (X^T - mu 1^T)
    # (X - 1 mu^T) S^-1, a palindrome up to a transpose taken into a sum): sym(G) = G is then said, not
    # written as (G + G^T) / 2 with G^T in another spelling of the same factors
    already = is_symmetric(gradient) or canonical(gradient) == canonical(gradient, True)
    result = (gradient if assumed is None else assumed) if already else simplify(sym(gradient), budget)
    g = result if already else gradient     # symmetric already: 2 R - R o I, R = G there
    doubled = simplify(E.mul(E.num(2), g) if already else E.add(g, transposed(g)), budget)
    # not simplified as a whole: the simplifier would factor 2 G - G o I into G o (2 - I), which reads
    # as a matrix difference; this way it is the literature's form
    entrywise = g if isinstance(g, E.Zero) else E.sub(doubled, E.mul(g, E.eye(n)))  # 0: the constant rule
    return SymmetricGradient(gradient, result, entrywise, already)


class _Derived(Protocol):
    @property
    def result(self) -> Node | None: ...

    @property
    def kinks(self) -> tuple[Kink, ...]: ...


D = TypeVar("D", bound=_Derived)


def restricted(d: D, unconstrained: Node | None = None) -> D:
    """A derivation by a symmetric matrix: its steps' G (``unconstrained``, simplified without X^T = X;
    else the result so far) restricted to the symmetric matrices; sym(G) is symmetric, so both layouts
    show the same matrix. A subgradient set stated at a kink is restricted likewise. (A Derivation: typed
    by the fields read, as derive imports this module.)"""
    if d.result is None:
        return d
    sg = restrict(d.result) if unconstrained is None else restrict(unconstrained, assumed=d.result)
    kinks = tuple(k if k.subgradient is None else replace(k, subgradient=restrict(k.subgradient).result)
                  for k in d.kinks)
    return replace(d, result=sg.result, numerator=sg.result, symmetric=sg, kinks=kinks)  # type: ignore[type-var]
