"""Exps of several atoms in native_kept.kept_product: products of sums that hold them, (exp(-a) + exp(-b))^2 (x - a).

With exps of two atoms or more (each under one argument up to its sign: native_exps.several) SymPy's route writes no
exp by sigmoids, and to its cancel each exp(u) is one more generator, exp(-u) = exp(u)^-1 below the line: the node is
n M Q / D as kept_product reads it once each exp of a negative multiple is turned into the positive one's inverse and
the sums' monomial factors (exp(u)^-1) are taken into M (``cancel_view``). Its candidates are those of kept_product
(cancel's, factor_terms', factor's, the split one) and powsimp's, which merges the exps of a product (2 exp(u) exp(v) =
2 exp(u + v), exp(u)^2 = exp(2 u)). Least sizes: the forms but powsimp's hold each exp as exp(u^k) at least (exp(-u)
and exp(2 u) are no shorter than exp(u) and exp(u)^2), so kept_product counts them with exp(c u^k) written exp(u^k)
(``_wrapped``); powsimp's may merge exps, exp(u + v) two longer than u v, so it is counted here on the bare atoms, u^k
(``bare``), D's exps above the line. The split form is the one SymPy's route may give back as the node itself (p /
exp(a) + q / exp(b)): its size is counted as from_sympy writes it, and where it is the node it is no candidate.
tests/test_kept_exps.py checks on random products that SymPy's route keeps each node kept here.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TypeVar

from mcdocgen import language as E
from mcdocgen.engine.generators import Generator, Powers, Term, power_node, written, written_sum
from mcdocgen.engine.monomial import NotMonomial
from mcdocgen.engine.native_exps import compound_beside_exp, several
from mcdocgen.engine.native_nested import terms_product
from mcdocgen.language import Div, Fn, Mul, Node

Key = TypeVar("Key")   # native_kept's key of a sum


def cancel_view(node: Node, c: Fraction, powers: Powers, found: dict[Key, int], sums: dict[Key, list[Term]],
                limit: int) -> tuple[Powers, dict[Key, list[Term]], int | None]:
    """M and the sums as cancel holds them, each exp as exp of its bare atom (the module's docstring), and a least size
    of powsimp's form and the split one (that one's as written; none where it is the node); NotMonomial where the exps
    are not several atoms' or may be rewritten otherwise (an exp of a product of atoms, a function of one beside them)."""
    several_atoms([(Fraction(1), powers)] + [t for key in found for t in sums[key]])
    monomial = flipped(powers)
    turned: dict[Key, list[Term]] = {}
    for key, k in found.items():
        terms = [(ci, flipped(p)) for ci, p in sums[key]]
        common = {g: min(p.get(g, Fraction(0)) for _, p in terms) for _, p in terms for g in p}
        common = {g: j for g, j in common.items() if j}   # exp(u)^-1 in every term: into M
        turned[key] = [(ci, times(p, common, -1)) for ci, p in terms]
        monomial = times(monomial, {g: j * k for g, j in common.items()}, 1)
    above = {g: j for g, j in monomial.items() if j > 0}
    below = {g: j for g, j in monomial.items() if j < 0}
    q: list[Term] = [(Fraction(1), {})]
    for key, k in found.items():
        for _ in range(k):
            q = terms_product(q, turned[key], limit)
    top = [(c * ci, times(p, above, 1)) for ci, p in q]
    # powsimp's form: cancel's (or factor_terms') with the exps of each product merged, D's above the line
    least = min(_least(top, bare), _least(q, bare) + 2 + E.tree_size(written(Fraction(1), bare(above)))
                if above else _least(q, bare))
    if below:
        least += 2 + E.tree_size(written(Fraction(1), bare({g: -j for g, j in below.items()})))
    split = None
    if below:   # each of cancel's terms over D, as SymPy's Mul holds it (exp(u)^-1 is exp(-u)) and from_sympy writes it
        form = written_sum([(ci, _unflipped(times(p, below, 1))) for ci, p in top])
        split = None if form == node else E.tree_size(form)
    return (_wrapped(monomial), {key: [(ci, _wrapped(p)) for ci, p in turned[key]] for key in found},
            least if split is None else min(least, split))


def several_atoms(every: list[Term]) -> None:
    """NotMonomial unless the exps of these terms are several atoms' (native_exps.several: no form by sigmoids), none
    of a product of atoms, no function of a product beside them (native_exps.compound_beside_exp)."""
    if not several(every) or compound_beside_exp(every) or any(
            g.fn is Fn.EXP and isinstance(g.atom, (Mul, Div)) for _, p in every for g in p):
        raise NotMonomial


def _least(terms: list[Term], view: Callable[[Powers], Powers]) -> int:
    """A least size of the sum of these terms with any coefficients, in any order, either way round."""
    return sum(E.tree_size(written(Fraction(1), view(p))) for _, p in terms) + 2 * (len(terms) - 1)


def flipped(p: Powers) -> Powers:
    """exp(-u)^k as exp(u)^-k, as cancel's polynomials hold it."""
    out: Powers = {}
    for g, k in p.items():
        if g.below():
            g, k = Generator(g.name, g.fn, g.atom, -g.scale, g.power), -k
        out = times(out, {g: k}, 1)
    return out


def times(a: Powers, b: Powers, sign: int) -> Powers:
    """a b^sign, exp(u)^-1 left as it is (monomial.powers_times writes it exp(-u))."""
    out = dict(a)
    for g, k in b.items():
        out[g] = out.get(g, Fraction(0)) + sign * k
    return {g: k for g, k in out.items() if k}


def _unflipped(p: Powers) -> Powers:
    """exp(u)^-k as SymPy's Mul holds it, exp(-u)^k (written below the line again by monomial.written)."""
    turn = {g for g, k in p.items() if g.fn is Fn.EXP and k < 0}
    return {(Generator(g.name, g.fn, g.atom, -g.scale, g.power) if g in turn else g): (-k if g in turn else k)
            for g, k in p.items()}


def bare(p: Powers) -> Powers:
    """Each exp(c u^k)^j by its argument's atoms alone, u^k (a name of its own, so that it merges with no other
    generator), to the power j where c j is not 1 (exp(2 u) is longer than u^2, exp(u) than u): powsimp's form merges
    exps, exp(u + v) (two longer than u v), and takes D's above the line, exp(-u - v)."""
    return _each(p, lambda g: power_node(Generator(g.name, None, g.atom), g.power))


def merged(p: Powers) -> Powers:
    """``bare``, with the exps of the product in one exp: every candidate holds, in each of its products with exps, one
    exp at least around their atoms (powsimp's exp(u - v) is as long as exp(u v) counted here, cancel's exp(u) / exp(v)
    longer), and a number in it where an exp's argument is c u^k with c j not 1 or -1 for its power j in the product, j
    1 or -1 (exp(u / 2), or powsimp's exp((u + v) / 2), exp(u + 3 v)): a least size, counted with the number 2 in front
    (where j is another, ``bare`` writes u^j, as long as a number times u: exp(2 u) is not counted exp(2 u^2))."""
    exps = {g: k for g, k in p.items() if g.fn is Fn.EXP}
    if not exps:
        return p
    rest = {g: k for g, k in p.items() if g.fn is not Fn.EXP}
    inner = written(Fraction(2) if any(abs(g.scale * k) != 1 and abs(k) == 1 for g, k in exps.items()) else Fraction(1),
                    {g: abs(k) for g, k in bare(exps).items()})   # signs left out: a least size
    return rest | {Generator("~exp", None, E.func(Fn.EXP, inner)): Fraction(1)}


def _wrapped(p: Powers) -> Powers:
    """Each exp(c u^k)^j as exp(u^k), to the power j where c j is not 1 (exp(2 u) is as long as exp(u)^2 and
    exp(-u) longer than exp(u)): the forms but powsimp's hold each exp so or longer."""
    return _each(p, lambda g: E.func(Fn.EXP, power_node(Generator(g.name, None, g.atom), g.power)))


def _each(p: Powers, atom: Callable[[Generator], Node]) -> Powers:
    out: Powers = {}
    for g, k in p.items():
        if g.fn is Fn.EXP:
            g, k = Generator("~exp " + g.name, None, atom(g)), (k if abs(k * g.scale) != 1 else Fraction(1 if k > 0 else -1))
        out[g] = k
    return out
