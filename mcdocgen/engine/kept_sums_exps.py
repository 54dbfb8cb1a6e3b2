"""Sums over exps of several atoms that SymPy's route keeps, seen without SymPy: a mixture's density written by its
components, p / exp(a) + (1 - p) / exp(b), no sum below a line (native_kept.kept_over_sums reads those).

With exps of two atoms or more (each under one argument up to its sign: kept_exps.several_atoms) SymPy's route writes
no exp by sigmoids, and a sigmoid is one more generator (native_kept.py). The node is then a sum of terms t_i, a
Laurent polynomial in its generators once each exp(-u) is taken as exp(u)^-1 (kept_exps.flipped), and SymPy's
candidates are cancel's P / D (D the least monomial that clears the terms' denominators, P = D sum t_i multiplied out),
factor_terms' M P0 / D (M the monomial and number common to P's terms), factor's (M P0 where P0 is irreducible:
laurent.irreducible, else not known here), powsimp's (the exps of each product merged) and the split one, the terms
t_i each written alone. Each holds the terms of P, or of P0 beside M, or the t_i, each written out: a least size is the
least of those, each term counted by kept_exps.merged (its exps as one exp of their bare atoms), D left out. Where that
is longer than the node, no candidate is shorter, and SymPy's route keeps the node. Nothing else is claimed.
tests/test_kept_sums_exps.py checks on random sums that SymPy's route keeps each node kept here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from fractions import Fraction

from mcdocgen import language as E
from mcdocgen.engine.generators import Powers, Term, written
from mcdocgen.engine.kept_exps import flipped, merged, several_atoms, times
from mcdocgen.engine.laurent import irreducible
from mcdocgen.engine.monomial import AtomNames, NotMonomial, Product, collected, powers_times, value
from mcdocgen.engine.native import name_atoms
from mcdocgen.engine.native_nested import algebra
from mcdocgen.engine.plain import INERT
from mcdocgen.language import Add, Fn, Func, Node

MARGIN = 1   # how much longer than the node the least size of a candidate must be (native_kept's)


def kept_exp_sum(node: Node, weight: Callable[[Node], tuple[int, int]]) -> bool:
    """Whether the module's docstring shows SymPy's route keeping ``node``, a sum; False for any other node or where
    it is not known here. ``weight``: the simplifier's measure of a form (size, repeats)."""
    if not isinstance(node, Add) or E.try_text(node) is None:
        return False   # (without text, a node is weighed by its node count, not as E.tree_size counts)
    fns = {n.fn for n in algebra(node) if isinstance(n, Func)}
    if Fn.EXP not in fns or any(fn not in INERT for fn in fns - {Fn.EXP}):
        return False   # sqrt, abs, sin ...: a candidate substitutes or undoes it
    names = AtomNames()
    try:
        name_atoms(node, names)
        found = collected([t for part in node.terms for t in _multiplied_out(value(part, names))])
        if len(found) < 2:
            return False
        several_atoms(found)
    except NotMonomial:
        return False
    if any(k.denominator != 1 for _, p in found for k in p.values()):
        return False   # a root: cancel may multiply it out against another
    terms = [(c, flipped(p)) for c, p in found]
    below = {g: min(p.get(g, Fraction(0)) for _, p in terms) for _, p in terms for g in p}
    clear = {g: -k for g, k in below.items() if k < 0}   # D
    top = [(c, times(p, clear, 1)) for c, p in terms]    # P's terms
    if not irreducible(_over_common(top)):
        return False   # P0 may factor: factor's form is SymPy's route's to find
    # the terms over D, over D's exps or its other generators alone (laurent.py's view: exp(-u) a generator of its
    # own), or over none, each with its common monomial taken out or not
    exps = {g: k for g, k in clear.items() if g.fn is Fn.EXP}
    views: tuple[Powers, ...] = (clear, exps, {g: k for g, k in clear.items() if g not in exps}, {})
    least = min(_least_over(times(p, view, 1) for _, p in terms) for view in views)
    return least > weight(node)[0] + MARGIN


def _multiplied_out(found: list[Term] | Product) -> list[Term]:
    """A term's value as cancel's polynomial holds it: a monomial times a sum multiplied out ((1 - p) / exp(b))."""
    if isinstance(found, Product):
        c, outer = found.outer
        return [(c * ci, powers_times(outer, p, 1)) for ci, p in found.inner]
    return found


def _over_common(terms: list[Term]) -> list[Term]:
    """The terms over the monomial common to them all (powers of either sign)."""
    common = {g: min(p.get(g, Fraction(0)) for _, p in terms) for _, p in terms for g in p}
    return [(c, times(p, common, -1)) for c, p in terms]


def _least_over(powers: Iterable[Powers]) -> int:
    """A least size of the sum of terms with these powers, written out or with their common monomial M in front."""
    terms = [(Fraction(1), p) for p in powers]
    common = {g: min(p.get(g, Fraction(0)) for _, p in terms) for _, p in terms for g in p}
    common = {g: k for g, k in common.items() if k}
    if not common:
        return _least(terms)
    outer = E.tree_size(written(Fraction(1), merged(_positive(common)))) + 2
    return min(_least(terms), outer + _least(_over_common(terms)))


def _least(terms: list[Term]) -> int:
    """A least size of the sum of these terms with any coefficients but zero, in any order, either way round: each
    term's powers by kept_exps.merged, a number 1, two for each sign between them."""
    return sum(E.tree_size(written(Fraction(1), merged(_positive(p)))) for _, p in terms) + 2 * (len(terms) - 1)


def _positive(p: Powers) -> Powers:
    """The powers each taken above the line: a power below it is written 1 / g^k, no shorter than g^k."""
    return {g: abs(k) for g, k in p.items()}
