"""One meaning per symbol on a page: the derivations of one problem share their intermediates' names,
and a symbol a page introduces (a subgradient slope) takes a letter no other symbol of the page has.

A problem's page shows one derivation per variable. Each is decomposed on its own (what depends on
the variable differs), so without a shared naming ``u_1`` could be ``X @ w`` in one section and ``-u``
in the next. Here each derivation receives the names given so far, keyed by the intermediate's value
over the declared variables: the same subexpression keeps its name, a new one takes a fresh number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from mcdocgen import language as E
from mcdocgen.catalog import Problem
from mcdocgen.engine.decompose import Intermediate, Naming
from mcdocgen.engine.derive import Derivation, derive, not_derived
from mcdocgen.engine.hessian import derive_hessian

# a subgradient slope's name, the first not otherwise on the page (kinks.with_subgradient's choices first)
SLOPE_NAMES = ("s", "t", "sigma", "tau", "s_1", "s_2", "s_3", "s_4")
# what a symmetric variable's section and its checks call a symmetric perturbation and the table of
# derivatives by the free entries: the first letter the page leaves free (not D beside the page's own D =
# X - 1 mu^T); never the letters present.naming gives repeated parts (M, N, P, ...)
PERTURBATION_LETTERS = ("E", "V", "Z")
TABLE_LETTERS = ("D", "B", "C", "Y")


@dataclass(frozen=True, slots=True)
class SymmetricLetters:
    """The letters of a gradient by a symmetric matrix's section and checks (engine.symmetric)."""

    perturbation: str
    table: str


def symmetric_letters(problem: Problem, derivations: Sequence[Derivation]) -> SymmetricLetters:
    """The perturbation's and the table's letters for a page showing ``derivations``: each the first of its
    list that no symbol of the page is (the first of the list if none is free)."""
    taken = page_names(problem, derivations)
    for d in derivations:
        taken |= {d.function, d.wrt}

    def free(letters: tuple[str, ...]) -> str:
        return next((n for n in letters if n not in taken), letters[0])
    return SymmetricLetters(free(PERTURBATION_LETTERS), free(TABLE_LETTERS))


def named(naming: Naming, items: Iterable[Intermediate]) -> dict[E.Node, str]:
    """``naming`` with the intermediates added, first name kept: the catalog's steps too, so that a
    Hessian's gradient (a problem of its own, without the steps) writes X w and sigma(X w) under the
    steps' a and p, not new v_1 and v_2."""
    out = dict(naming)
    for item in items:
        out.setdefault(item.value, item.name)
    return out


def derive_each(problem: Problem, wrts: Sequence[str],
                derive_one: Callable[..., Derivation] = derive) -> list[Derivation]:
    """One derivation per variable, in order, naming their intermediates as one page (``derive_one``:
    derive, or what a caller puts in its place; it receives the naming as the keyword ``naming``)."""
    naming: Naming = {}
    out = []
    for wrt in wrts:
        d = derive_one(problem, wrt, naming=naming)
        naming = named(naming, d.intermediates)
        out.append(d)
    return out


def derive_page(problem: Problem, derive_one: Callable[..., Derivation] = derive,
                derive_second: Callable[..., Derivation] = derive_hessian) -> list[Derivation]:
    """Every derivation a problem's page shows: one per ``wrt``, then one Hessian per ``hessian``
    variable, named as one page, with the slopes of its subgradient sets in letters of their own."""
    gradients = derive_each(problem, problem.wrt, derive_one)
    hessians = hessian_each(problem, problem.hessian, gradients, derive_second)
    return with_fresh_slopes(problem, gradients + hessians)


def hessian_each(problem: Problem, wrts: Sequence[str], before: Sequence[Derivation],
                 derive_second: Callable[..., Derivation] = derive_hessian) -> list[Derivation]:
    """One Hessian per variable, after the page's ``before`` derivations (each gradient by its variable
    is reused), naming their intermediates as the same page: ``X @ w`` is u_1 in both sections."""
    naming: Naming = {}
    for d in before:
        naming = named(naming, d.intermediates)
    gradients = {d.wrt: d for d in before}
    out = []
    for wrt in wrts:
        d = derive_second(problem, wrt, gradients.get(wrt), naming=naming)
        naming = named(naming, d.intermediates)
        out.append(d)
    return out


def not_derived_each(problem: Problem, wrts: Sequence[str], reason: str) -> list[Derivation]:
    """Not derived, saying why, for each variable; the steps shown are named as one page."""
    naming: Naming = {}
    out = []
    for wrt in wrts:
        d = not_derived(problem, wrt, reason, naming)
        naming = named(naming, d.intermediates)
        out.append(d)
    return out


def page_names(problem: Problem, derivations: Iterable[Derivation]) -> set[str]:
    """Every name a problem's page shows for something: its variables, sizes, steps, intermediates and the names
    its prose writes (its source line's)."""
    names = {v.name for v in problem.variables} | set(problem.sizes) | {s.name for s in problem.steps} | problem.prose_names
    for d in derivations:
        names |= {i.name for i in d.intermediates}
    return names


def with_fresh_slopes(problem: Problem, derivations: list[Derivation]) -> list[Derivation]:
    """The derivations with every subgradient slope renamed, where its name is another symbol's on the
    page, to the first of SLOPE_NAMES that is none (a page means one thing by one letter)."""
    taken = page_names(problem, derivations)
    out = []
    for d in derivations:
        kinks = []
        for k in d.kinks:
            if k.subgradient is not None and k.slope in taken:
                free = next((n for n in SLOPE_NAMES if n not in taken), None)
                if free is not None:
                    shape = k.at.shape
                    body = E.substitute(k.subgradient, {k.slope: E.var(free, shape)})
                    k = replace(k, subgradient=body, slope=free)
            kinks.append(k)
        out.append(replace(d, kinks=tuple(kinks)))
    return out

