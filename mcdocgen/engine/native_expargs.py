"""Exps of compound arguments in the native routes: a product with one exp of a quotient or a sum of atoms,
m exp(u^2 / c) or m exp(u - v) (the gradients of exp(-|x - y|^2 / c) and exp(-exp(dot(a, x)))).

To SymPy's route such an exp is one more generator: SymPy's exp(a + b) is not split, cancel takes exp(A) as a
generator (below the line where A could extract a minus sign: exp(-A) = 1 / exp(A), as fraction() puts it; a quotient
with a number in front, exp(-u / (2 c)), is exp(u / (2 c))^-1 as sring takes it apart and Pow writes it back), and with
one exp there is nothing for powsimp to merge; written by sigmoids, s / (1 - s), the product is longer. So where the
rest of the product is plain the monomial as written is the one candidate, as monomial.py writes plain ones.
Declined (SymPy's route decides): another exp, a sigmoid or a function of a product beside it (the logistic
routes'), an exp to a power, a sum in the product, and an argument factor_terms would rewrite (a number to take out
of its terms, a generator common to them, a number term: exp(1 + u) = E exp(u)) or that could extract a minus sign
(then factor_terms' form keeps exp(-A) above the line, cancel's puts exp(A) below, and SymPy's route weighs both).
An exp of a sum of multiples of atoms alone (or its reciprocal) is the product of its split exps to SymPy's route,
cancel splitting it as expand does: that product's forms (native_exps.merged_forms), factor_terms' numbers and all.
An exp of a number times a quotient alone (exp(-u / (2 s))) is its own one candidate, its number in front (_lone).
tests/test_native_expargs.py checks both routes give the same answer.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import cast

import sympy

from mcdocgen import language as E
from mcdocgen.engine.generators import Generator, Powers, Term, written, written_sum
from mcdocgen.engine.monomial import AtomNames, NotMonomial, plain, terms, value
from mcdocgen.engine.native import name_atoms
from mcdocgen.engine.native_exps import merged_forms
from mcdocgen.engine.plain import ALGEBRA, signs_kept
from mcdocgen.language import FUNCTIONS, Add, Div, Fn, Func, Mul, Neg, Node, Num

_PLACE = "~exparg"   # the exp's argument while the product around it is read (no atom has this name)


def expargs_forms(node: Node) -> tuple[Callable[[], Node], ...]:
    """The one candidate SymPy's route weighs for a product with one exp of a compound argument; NotMonomial else."""
    found = list(_exps(node))
    if len(found) != 1 or not isinstance(found[0].arg, (Add, Div, Mul, Neg)):
        raise NotMonomial
    exp = found[0]
    names = AtomNames()
    name_atoms(node, names)   # to_sympy names the argument's atoms where it meets them, before those after it
    if _PLACE in names.by_name:
        raise NotMonomial
    argument = terms(exp.arg, names)
    place = E.var(_PLACE, exp.arg.shape)
    read = value(_replaced(node, exp, E.func(Fn.EXP, place)), names)
    if isinstance(read, list) and len(read) == 1:
        c, powers = read[0]
    else:
        raise NotMonomial   # a sum: its forms are SymPy's route's
    placed = [(g, k) for g, k in powers.items() if g.name == _PLACE]
    if len(placed) != 1:
        raise NotMonomial
    (g, k), = placed
    rest = {h: j for h, j in powers.items() if h is not g}
    if k != 1 or g.power != 1 or abs(g.scale) != 1 or not plain(rest, roots=True) or any(
            h.fn is not None and (h.fn in (Fn.EXP, Fn.SIGMOID) or isinstance(h.atom, (Mul, Div))) for h in rest):
        raise NotMonomial
    if c == 1 and not rest:
        split = _split(g.scale, argument)
        if split is not None:
            return merged_forms(c, split)
        lone = _lone(g.scale, argument)
        if lone is not None:
            return (lone,)
    exp_gen = _generator([(g.scale * ci, p) for ci, p in argument], alone=c == 1 and not rest)
    return (lambda: written(c, rest | {exp_gen: Fraction(1)}),)


def _lone(sign: Fraction, argument: list[Term]) -> Callable[[], Node] | None:
    """exp(c m) alone (or 1 / exp(c m)), m a quotient of powers of atoms, c a number (exp(-u / (2 s)), a kernel's): its
    one candidate in SymPy's route is itself, cancel, factor_terms and powsimp giving it back (nothing to split, merge
    or take out) and no sigmoid form made (sigmoids_may_cancel); from_sympy writes its argument as the monomial it is,
    the number in front. None for a monomial.py generator (exp(c u^k), exp(c u v)), a log (exp(log(u) / c)) or a term
    SymPy writes otherwise (_generator's)."""
    if len(argument) != 1:
        return None
    (ca, pa), = argument
    if not pa or all(h.fn is None and k > 0 for h, k in pa.items()) or any(h.fn is Fn.LOG for h in pa) or not plain(
            pa, roots=True):
        return None
    return lambda: E.func(Fn.EXP, written(sign * ca, pa))


def _split(sign: Fraction, argument: list[Term]) -> Powers | None:
    """exp(A) alone (or 1 / exp(A), ``sign`` -1), A a sum of multiples of powers of distinct atoms, as SymPy's route
    sees it: cancel splits it (expand's power_exp) into exp(c1 u1) exp(c2 u2) ..., as it would that product, and no
    candidate by sigmoids is made for either (one exp of an argument free of exp and sigmoid: sigmoids_may_cancel), so
    both have one answer, the product's (native_exps.merged_forms: the split exps, or one merged as powsimp merges them
    and factor_terms writes it). None where A has a number term (exp(1 + u) = E exp(u)) or a term of two generators."""
    if len(argument) < 2 or any(len(p) != 1 for _, p in argument):
        return None
    split: Powers = {}
    for ci, p in argument:
        (h, k), = p.items()
        if h.fn is not None or h.exponent is not None or k < 1 or k.denominator != 1:
            return None
        split[Generator(h.name, Fn.EXP, h.atom, sign * ci, k)] = Fraction(1)
    return split


def _generator(argument: list[Term], alone: bool) -> Generator:
    """exp of the argument as a generator, its scale -1 where SymPy's fraction() puts it below the line. A monomial
    argument with a number in front, exp(-u / (2 c)), is exp(u / (2 c)) below the line as SymPy's polynomials take it
    apart (exp(a)^-1) and write it back, but ``alone`` (the exp by itself, as from_sympy writes its argument)."""
    if any(h.fn is Fn.LOG for _, p in argument for h in p):
        raise NotMonomial   # SymPy's exp takes a log out of its argument: exp(u + log(v)) = v exp(u)
    if not all(plain(p, roots=True) for _, p in argument):
        raise NotMonomial   # a term SymPy writes otherwise (exp(u)^2 = exp(2 u)) or would cancel
    if len(argument) == 1:
        (ca, pa), = argument
        if not pa or (alone and abs(ca) != 1):
            raise NotMonomial   # alone, a number in front: how from_sympy writes it is SymPy's route's
        if all(h.fn is None and k > 0 for h, k in pa.items()):
            raise NotMonomial   # exp(c u^k), exp(c u v): monomial.py's generators, and where it declines them SymPy's
        return Generator(_PLACE, Fn.EXP, written(abs(ca), pa), Fraction(1 if ca > 0 else -1))
    coeffs = [ci for ci, _ in argument]
    common = set.intersection(*(set(p) for _, p in argument))
    minus = 2 * sum(ci < 0 for ci in coeffs)
    if minus > len(coeffs) or (minus == len(coeffs) and _extracts_minus(argument)):
        # could extract a minus sign (or decided by sort keys): cancel's exp(A) below the line is one candidate,
        # factor_terms' above it another, x exp(-c - d) and x / exp(c + d), and which is kept is SymPy's route's
        raise NotMonomial
    if any(not p for _, p in argument) or any(ci.denominator != 1 for ci in coeffs) or common or (
            not signs_kept([int(ci) for ci in coeffs])):
        raise NotMonomial   # factor_terms (in cancel) would rewrite the argument
    return Generator(_PLACE, Fn.EXP, written_sum(argument))


def _extracts_minus(argument: list[Term]) -> bool:
    """SymPy's could_extract_minus_sign of a sum with as many minus terms as plus: its sort key against its
    negation's, asked of SymPy on the sum alone, its atoms named as in the product (a few tens of microseconds)."""
    return bool(sympy.Add(*(sympy.Rational(c.numerator, c.denominator) * sympy.Mul(*(_symbolic(g) ** sympy.Rational(
        k.numerator, k.denominator) for g, k in p.items())) for c, p in argument)).could_extract_minus_sign())


def _symbolic(g: Generator) -> sympy.Expr:
    """The generator as to_sympy writes it; NotMonomial for a product of atoms (a name of monomial.py's own)."""
    if isinstance(g.atom, (Mul, Div)):
        raise NotMonomial
    u: sympy.Expr = sympy.Symbol(g.name, real=True)
    if g.fn is Fn.EXP:
        return sympy.exp(sympy.Rational(g.scale.numerator, g.scale.denominator) * u ** int(g.power))
    if g.fn is None:
        return u
    inner = u if g.inner is None else _function(g.inner)(u)
    return _function(g.fn)(sympy.Rational(g.scale.numerator, g.scale.denominator) * inner)


def _function(fn: Fn) -> type[sympy.Function]:
    spec = FUNCTIONS[fn]
    return cast(type[sympy.Function], sympy.Function(spec.name) if spec.sympy_opaque else spec.sympy)


def _exps(node: Node) -> list[Func]:
    """The exps of the product, not those inside another's argument."""
    if isinstance(node, Func) and node.fn is Fn.EXP:
        return [node]
    if not isinstance(node, ALGEBRA) or isinstance(node, Num):
        return []
    return [e for kid in node.children() for e in _exps(kid)]


def _replaced(node: Node, old: Node, new: Node) -> Node:
    if node == old:
        return new
    if not isinstance(node, ALGEBRA) or isinstance(node, Num):
        return node
    return E.rebuild(node, tuple(_replaced(kid, old, new) for kid in node.children()))
