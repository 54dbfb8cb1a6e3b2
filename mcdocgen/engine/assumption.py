"""The step where an assumption is used: a symmetric variable's transpose replaced by itself.

The simplifier rewrites A^T to A for a variable declared symmetric, silently: the quadratic form's
page would go from (u_1^T + A x) straight to 2 A x, and the step that is the point of the page
(A^T x = A x because A is symmetric) would not be shown. Here the result is simplified once more with
each symmetric variable replaced by a twin that is not symmetric; where that form differs from the
result and still has a transpose of the variable, it is the form before the assumption is used, and
a page shows it with "since A is symmetric, A^T = A". It equals the result only where A is symmetric,
which is where the checks sample it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from mcdocgen import language as E
from mcdocgen.engine.simplify import SYMPY_BUDGET, Budget, printed_forms, simplify, spread
from mcdocgen.language import Node, Transpose, Var


@dataclass(frozen=True, slots=True)
class SymmetryStep:
    """The result before A^T = A was used, in each layout where it differs from the result (else None)."""

    variables: tuple[Var, ...]  # the symmetric variables whose transpose the forms show, in order of first use
    denominator: Node | None
    numerator: Node | None

    def before(self, numerator: bool) -> Node | None:
        """The form shown before the step, in the numerator or the denominator layout."""
        return self.numerator if numerator else self.denominator


def _symmetric_matrices(node: Node) -> dict[str, Var]:
    """The symmetric matrix variables in ``node``, by name (in the order ``E.walk`` meets them; a loop,
    not the generator: every local derivative's forms are asked, and most have none)."""
    found: dict[str, Var] = {}
    stack = [node]
    while stack:
        n = stack.pop()
        kids = n.children()
        if kids:
            stack.extend(reversed(kids))
        elif isinstance(n, Var) and n.symmetric and not n.shape.is_vector_like:
            found[n.name] = n
    return found


def as_written(node: Node, budget: Budget | None = None, how: Callable[[Node], Node] | None = None) -> Node:
    """``node`` simplified (or put in its printed form by ``how``) without using a variable's symmetry:
    the local derivatives and the product show each rule's own form (x^T A^T), and A^T = A is used at
    the one step that says so."""
    do = how if how is not None else (lambda n: simplify(n, budget))
    real = _symmetric_matrices(node)
    if not real:
        return do(node)
    twins: dict[str, Node] = {name: E.var(name, v.shape) for name, v in sorted(real.items())}
    return E.substitute(do(E.substitute(node, twins)), dict(real))


def unconstrained(substituted: Node | None) -> Node | None:
    """G for a derivation by a symmetric matrix: the steps' product put back, simplified without X^T = X
    (X treated as unconstrained, the general rules' forms kept); its symmetric section restricts it."""
    if substituted is None:
        return None
    budget = Budget(SYMPY_BUDGET)
    return as_written(substituted, budget, how=lambda n: printed_forms(simplify(n, budget), budget)[0])


def transposed_symmetric(node: Node | None, names: set[str]) -> list[Transpose]:
    """The transposes of symmetric variables ``node`` shows, each once, in the order met: A^T, and A^-T
    (inv(A)^T), which the simplifier writes A^-1 as silently as A^T as A."""
    if node is None:
        return []
    found = [n for n in E.walk(node) if isinstance(n, Transpose) and (v := transposed_variable(n)) and v.name in names]
    return list(dict.fromkeys(found))


def transposed_variable(t: Transpose) -> Var | None:
    """A in A^T or A^-T (inv(A)^T); None for any other transpose."""
    inner = t.arg.arg if isinstance(t.arg, E.Inv) else t.arg
    return inner if isinstance(inner, Var) else None


def _transposed_symmetric(node: Node | None, names: set[str]) -> list[str]:
    """The symmetric variables ``node`` shows transposed (transposed_symmetric), in the order met."""
    return list(dict.fromkeys(v.name for t in transposed_symmetric(node, names) if (v := transposed_variable(t))))


def symmetry_step(substituted: Node | None, denominator: Node | None, numerator: Node | None,
                  budget: Budget | None = None) -> SymmetryStep | None:
    """The step A^T = A for the derivation whose product with the intermediates put back is
    ``substituted`` and whose results are ``denominator`` and ``numerator``; None where no symmetric
    variable's transpose was replaced (or there is no result)."""
    if substituted is None or denominator is None or numerator is None:
        return None
    real = _symmetric_matrices(substituted)
    if not real:
        return None
    twins: dict[str, Node] = {name: E.var(name, v.shape) for name, v in sorted(real.items())}
    free = simplify(E.substitute(substituted, twins), budget)
    den = E.substitute(free, real)
    num = E.substitute(simplify(E.transpose(free), budget), real)
    names = set(real)
    if num != numerator and _transposed_symmetric(num, names):    # shown: det(M) (M^-1 X^T A + ...), not det(M) (...)^T
        spread_num = E.substitute(spread(E.transpose(free), budget), real)
        num = spread_num if spread_num != numerator and _transposed_symmetric(spread_num, names) else num
    den_shown = den if den != denominator and _transposed_symmetric(den, names) else None
    num_shown = num if num != numerator and _transposed_symmetric(num, names) else None
    if den_shown is None and num_shown is None:
        return None
    used = dict.fromkeys(_transposed_symmetric(den_shown, names) + _transposed_symmetric(num_shown, names))
    return SymmetryStep(tuple(real[n] for n in used), den_shown, num_shown)


class _Derived(Protocol):
    @property
    def substituted(self) -> Node | None: ...

    @property
    def result(self) -> Node | None: ...

    @property
    def numerator(self) -> Node | None: ...


D = TypeVar("D", bound=_Derived)


def with_symmetry_step(d: D) -> D:
    """A derivation with its symmetry step, where it has one. (Typed by the fields read, as derive
    imports this module.)"""
    step = symmetry_step(d.substituted, d.result, d.numerator)
    return d if step is None else replace(d, symmetry_step=step)  # type: ignore[type-var]
