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

import functools
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from sympy.core.cache import CACHE

from mcdocgen import language as E
from mcdocgen.engine.placeholders import numerator_grads
from mcdocgen.engine.scalars import MEMO_SIZE
from mcdocgen.engine.simplify import (
    SYMPY_BUDGET, Budget, is_symmetric, printed_forms, printed_numerator, simplify, spread,
)
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


@functools.lru_cache(maxsize=MEMO_SIZE)
def shown_forms(shown: Node) -> tuple[Node, Node]:
    """A contribution as a step shows it, in the numerator and the denominator layout (``as_written``
    without a budget: a function of the tree alone). Memoised: a local derivative's step and the
    accumulation's term of the same contribution show the same tree (cleared with SymPy's cache)."""
    return as_written(E.transpose(numerator_grads(shown)), how=spread), as_written(shown)


CACHE.append(shown_forms)


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


def symmetric_compounds(node: Node | None, names: set[str]) -> list[Transpose]:
    """The transposes of compounds that are symmetric because the variables ``names`` are, each once, in
    the order met: (X^T C X)^-T (inv(X^T C X)^T) with C symmetric, which the step writes (X^T C X)^-1."""
    if node is None:
        return []
    found = [n for n in E.walk(node) if isinstance(n, Transpose) and transposed_variable(n) is None
             and is_symmetric(n.arg) and any(isinstance(v, Var) and v.name in names for v in E.walk(n.arg))]
    return list(dict.fromkeys(found))


def replaced(before: Node, variables: tuple[Var, ...]) -> list[Transpose]:
    """The transposes the step A^T = A replaces in ``before``, each once, a page writing each as t = t.arg:
    those of ``variables`` it shows, A^T and A^-T; B^T for a B only under a transposed compound ((B - C X)^T,
    distributed); and the compounds symmetric by them, (X^T C X)^-T."""
    names = {v.name for v in variables}
    shown = transposed_symmetric(before, names)
    seen = {v.name for t in shown if (v := transposed_variable(t)) is not None}
    return [*shown, *(Transpose(v.shape.transpose(), v) for v in variables if v.name not in seen),
            *symmetric_compounds(before, names)]


def _transposes(node: Node | None, names: set[str]) -> Counter[str]:
    """How many transposes of each symmetric variable in ``names`` ``node`` has once its transposes are
    distributed to the leaves: A^T and A^-T, and each A under a transposed compound, (B - C X M)^T =
    B^T - M^T X^T C^T (an odd number of transposes above it, none stopping at a scalar: (x^T A x)^T is
    itself)."""
    found: Counter[str] = Counter()
    stack: list[tuple[Node, bool]] = [] if node is None else [(node, False)]
    while stack:
        n, odd = stack.pop()
        if odd and isinstance(n, Var) and n.name in names:
            found[n.name] += 1
        under = odd != isinstance(n, Transpose)
        stack.extend((k, under and not k.shape.is_scalar) for k in n.children())
    return found


def _used(before: Node, after: Node, names: set[str]) -> list[str]:
    """The symmetric variables the step from ``before`` to ``after`` uses, in the order ``before`` meets
    them: where the forms differ, those ``before`` shows transposed (A^T, A^-T), and those with fewer
    transposes after (``_transposes``: B under (B - C X)^T). A form that differs otherwise (a factor
    taken out) and transposes no symmetric variable uses none."""
    if before == after:
        return []
    shown = {v.name for t in transposed_symmetric(before, names) if (v := transposed_variable(t)) is not None}
    had, has = _transposes(before, names), _transposes(after, names)
    order = [n.name for n in E.walk(before) if isinstance(n, Var) and n.name in names]
    return [v for v in dict.fromkeys(order) if v in shown or had[v] > has[v]]


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
    # the numerator layout's own form, as its result is found (a whole transposed sum written term by term)
    num = E.substitute(printed_numerator(free, budget if budget is not None else Budget(SYMPY_BUDGET)), real)
    names = set(real)
    den_used, num_used = _used(den, denominator, names), _used(num, numerator, names)
    if not den_used and not num_used:
        return None
    used = dict.fromkeys(den_used + num_used)
    return SymmetryStep(tuple(real[n] for n in used), den if den_used else None, num if num_used else None)


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
