"""Exps of several arguments in the native routes: when SymPy's route takes them as generators of its own.

SymPy's route writes exp by sigmoids (scalars._in_sigmoids, logistic.sigmoid_form) only where every exp has one
argument up to its sign; with exps of two arguments or more neither substitution is made, and the candidates are
cancel's, factor_terms', powsimp's and factor's with each exp(u) one more generator (to SymPy's polynomials exp(-u)
is exp(u)^-1), as native.py builds them for any other generator. powsimp is the one candidate that treats an exp
unlike another generator: it merges the exps of one product, 2 exp(u) exp(v) = 2 exp(u + v), and writes the merged
argument as factor_terms does (a number taken into the sum, E split off). That form is not written here: a
subtree where some product of the candidates would hold two exps is left to SymPy's route (merges).
tests/test_native_exps.py checks on random sums and products that both routes give the same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from mcdocgen import language as E
from mcdocgen.engine.generators import Generator, Powers, Term, num_node, written, written_sum
from mcdocgen.engine.monomial import NotMonomial, Product, plain, powers_times
from mcdocgen.engine.sum_content import factor_terms_of
from mcdocgen.language import Div, Fn, Mul, Node


def compound_beside_exp(found: list[Term]) -> bool:
    """A function of a product of atoms beside exp of another argument (exp(-c) / sigmoid(c d)): SymPy's
    sigmoid substitution may see them otherwise than as two generators."""
    gens = {g for _, p in found for g in p}
    bases = {g.name for g in gens if g.fn is Fn.EXP}
    return any(isinstance(g.atom, Mul) and g.fn not in (None, Fn.EXP) and g.name not in bases for g in gens)


def sigmoid_form_longer(c: Fraction, m: Powers, rest: list[Term]) -> bool:
    """Whether, beside the one term c m exp(a) of a sum (free of sigmoids), the rest B leaves the form by sigmoids
    longer than the form with exp(a) a generator: no term of B is a multiple of m, or one is, d m with d not c.
    With s = sigmoid(a), c m exp(a) + d m + B is N / (1 - s), N = (c - d) m s + d m + B (1 - s): linear in s, no
    monomial (d m + B and (c - d) m - B are not zero), s and 1 - s divide it not (at s = 0 and s = 1 it is d m + B and c
    m), and a factor free of s divides it as it divides c m and d m + B, as it divides the sum. So nothing cancels that
    does not cancel from the sum too, and s stands in N and in 1 - s: the form holds s twice (three times with
    exp(a) beside the sum) where the other holds exp(a), as long as s, once (twice), and at best saves the number c
    (c - d = 1: a number and its product, 5 at most), less than 1 - s and a quotient cost (8 at least). Where d = c,
    c m (exp(a) + 1) = c m / (1 - s) is shorter: SymPy's route decides. Only for exp(a) above the line: exp(-a) is
    longer than s (a fuzzer found (3 exp(-d) + 7 / 2) / (c d) lose to (s + 6) / (2 c d s))."""
    multiples = [d for d, p in rest if p == m]
    return not multiples or (len(multiples) == 1 and multiples[0] != c)


def several(found: list[Term]) -> bool:
    """Whether the exps of these terms have two atoms or more, each atom under one argument up to its sign
    (exp(u) and exp(-u), not exp(u) and exp(2 u), which SymPy's polynomials relate): no candidate is by sigmoids."""
    arguments: dict[str, tuple[Fraction, Fraction]] = {}
    for _, powers in found:
        for g in powers:
            if g.fn is Fn.EXP:
                argument = (abs(g.scale), g.power)
                if arguments.setdefault(g.name, argument) != argument:
                    return False
    return len(arguments) > 1


def merges(found: list[Term] | Product) -> None:
    """NotMonomial where powsimp would merge exps in a candidate (_merges), the product multiplied out."""
    if isinstance(found, Product):
        c, outer = found.outer
        found = [(c * ci, powers_times(outer, p, 1)) for ci, p in found.inner]
    if _merges(found):
        raise NotMonomial


def _merges(found: list[Term]) -> bool:
    """Whether some product of the candidate forms would hold two exps, or one to a power: a term over the common
    denominator (cancel's numerator, each term times the denominator's exps it lacks) with an exp beside another, or
    beside an exp of the denominator (M P / D: the common factor M over D is one product); powsimp would merge them."""
    below: set[tuple[str, Fraction]] = set()
    sides: list[tuple[set[tuple[str, Fraction]], set[tuple[str, Fraction]]]] = []
    for _, powers in found:
        top, under = set(), set()
        for g, k in powers.items():
            if g.fn is Fn.EXP:
                if abs(k) != 1:
                    return True   # SymPy writes exp(u)^2 as exp(2 u)
                key = (g.name, abs(g.scale))
                if (k < 0) != g.below():   # exp(-u) goes below the line as exp(u), as fraction() puts it
                    under.add(key)
                else:
                    top.add(key)
        below |= under
        sides.append((top, under))
    if len(below) > 1 or any(top & below for top, _ in sides):
        return True   # two exps in the denominator's product; exp(u) beside 1 / exp(u): exp(u)^2 in cancel's numerator
    # each term of cancel's numerator: its exps above and the denominator's it lacks; the numerator's common factor M
    # beside the denominator's exp in factor_terms' M P / D
    tops = [top | (below - under) for top, under in sides]
    return any(len(top) > 1 for top in tops) or bool(below and set.intersection(*tops))


def merged_forms(c: Fraction, powers: Powers) -> tuple[Callable[[], Node], Callable[[], Node]]:
    """The forms of a monomial with exps of several atoms, c m exp(a0) exp(a1) ...: cancel's, the monomial itself (an
    exp of a negative multiple below the line), and powsimp's, the exps merged into one, c m exp(a0 + a1 + ...), its
    argument a sum as SymPy's Add holds it (a number in a term stays there: 2 exp(2 u) exp(v) = 2 exp(2 u + v)), above
    the line. NotMonomial where m is not plain, an atom is under two exps or an exp is to a power (exp(u)^2 = exp(2 u):
    the argument's terms would collect), or an exp's atom is a product (exp(u) exp(u v): factor_terms writes
    exp(u (v + 1))). The exp alone (c 1, no m) is factor_terms' whole form: a number taken out of its argument,
    exp(-(u + v)), exp(2 (u + v)), as sum_content.py models it."""
    rest = {g: k for g, k in powers.items() if g.fn is not Fn.EXP}
    exps = [(g, k) for g, k in powers.items() if g.fn is Fn.EXP]
    if not plain(rest, roots=True) or any(k != 1 or isinstance(g.atom, (Mul, Div)) for g, k in exps) or (
            len({g.name for g, _ in exps}) < len(exps)):
        raise NotMonomial
    argument = [(g.scale, {Generator(g.name, None, g.atom): g.power}) for g, _ in exps]
    if c == 1 and not rest:   # the exp alone: factor_terms takes a number out of its argument, exp(-(u + v)), exp(2 (u + v))
        return (lambda: written(c, powers)), (lambda: E.func(Fn.EXP, _factored(argument)))
    merged = Generator("~exp", Fn.EXP, written_sum(argument))   # one exp, of a sum: no other exp to sort against
    return (lambda: written(c, powers)), (lambda: written(c, rest | {merged: Fraction(1)}))


def _factored(argument: list[Term]) -> Node:
    """The merged argument as factor_terms writes it and from_sympy writes that back: k (d1 a1 + d2 a2 ...), its atoms
    distinct (sum_content.py), a number k other than 1 in front of the sum (-1 as a minus)."""
    k, inner = factor_terms_of(tuple(c for c, _ in argument))
    written_inner = written_sum([(d, p) for d, (_, p) in zip(inner, argument, strict=True)])
    return written_inner if k == 1 else E.neg(written_inner) if k == -1 else E.mul(num_node(k), written_inner)
