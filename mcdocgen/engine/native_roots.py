"""Monomials holding roots of sums, written as SymPy's route writes them, without SymPy: n sqrt(S) / (u (T)^(3/2)),
the layer norm's and the pseudo-Huber loss's factors (S = |x - a|^2 + 1, T = mean((x - mean(x))^2) + c).

To SymPy's cancel S^(k/2) (k odd) is sqrt(S)^k, sqrt(S) one more generator, once factor_terms has taken S's content
out (sqrt(2 u + 2 v) = sqrt(2) sqrt(u + v)): for S with whole coprime coefficients, not all of them minus, no
generator common to its terms and irreducible (laurent.irreducible), nothing comes out of it, and a monomial of such
roots and of monomial.py's generators is a monomial of generators, whose answer is monomial.py's (its one written
form; radsimp's form with the root taken out of the denominator is longer). The root sorts as SymPy's key sorts
it, by its base, an Add: after the symbols, before the functions. Two roots on one side of the line (their order by
the terms of the sums is not known here), a whole power of a sum (a polynomial factor: cancel multiplies it out), a
root of a sum in a sum or beside a sum, and anything else are declined: SymPy's route decides.
tests/test_native_roots.py checks on random monomials of roots of sums that this gives SymPy's route's answer.
"""

from __future__ import annotations

import math
from fractions import Fraction

from mcdocgen.engine.laurent import irreducible
from mcdocgen.engine.generators import Generator, Term, written, written_sum
from mcdocgen.engine.monomial import AtomNames, NotMonomial, plain, powers_times, terms, value
from mcdocgen.engine.native import Form, name_atoms
from mcdocgen.engine.native_signs import lead_plus
from mcdocgen.engine.plain import ALGEBRA
from mcdocgen.language import Add, Div, Fn, Func, Mul, Neg, Node, Num, Pow


def root_forms(node: Node) -> tuple[Form, ...]:
    """The one candidate form of a monomial with roots of sums (the module's docstring); NotMonomial for any other."""
    if not any(_root_base(n) is not None for n in _algebra(node)):
        raise NotMonomial   # most nodes: no root of a sum
    names = AtomNames()
    name_atoms(node, names)   # as to_sympy names them, the atoms in the sums too
    sums: dict[str, list[Term]] = {}
    c, powers = _monomial(node, names, sums)
    roots = [(g, k) for g, k in powers.items() if _is_root(g)]
    if any(k.denominator != 2 or abs(k) > 2 for _, k in roots) or max(sum(k > 0 for _, k in roots),
                                                                       sum(k < 0 for _, k in roots)) > 1:
        raise NotMonomial   # a whole or a high power of a sum (cancel's); two roots on one side, in an order not known here
    if any(g.fn is Fn.EXP for g in powers) or not plain(powers, roots=True):
        raise NotMonomial
    if any(abs(k) > 1 and lead_plus(sums[g.name]) is not True for g, k in roots):
        raise NotMonomial   # cancel writes 1 / (1 - c)^(3/2) as -1 / (sqrt(1 - c) (c - 1)), its sum led by a plus
    return (lambda: written(c, powers),)


def _algebra(node: Node) -> list[Node]:
    out = [node]
    if isinstance(node, ALGEBRA) or (isinstance(node, Func) and node.fn is Fn.SQRT):
        for kid in node.children():
            out += _algebra(kid)
    return out


def _root_base(node: Node) -> tuple[Node, Fraction] | None:
    """(S, k / 2) for sqrt(S) or S^(k/2), S a sum; else None."""
    if isinstance(node, Func) and node.fn is Fn.SQRT and isinstance(node.arg, Add):
        return node.arg, Fraction(1, 2)
    if isinstance(node, Pow) and isinstance(node.base, Add) and isinstance(node.exp, Num) and node.exp.value.is_Rational:
        k = Fraction(int(node.exp.value.p), int(node.exp.value.q))
        return (node.base, k) if k.denominator == 2 else None
    return None


def _is_root(g: Generator) -> bool:
    return g.fn is None and isinstance(g.atom, Add)


def _monomial(node: Node, names: AtomNames, sums: dict[str, list[Term]]) -> Term:
    """``node`` as one term c g1^k1 ..., a sum S under a root one generator S with half exponents (``sums``: its
    terms by its name)."""
    found = _root_base(node)
    if found is not None:
        return Fraction(1), {_root(found[0], names, sums): found[1]}
    match node:
        case Neg(arg=a):
            c, p = _monomial(a, names, sums)
            return -c, p
        case Mul(left=a, right=b) | Div(left=a, right=b):
            (ca, pa), (cb, pb) = _monomial(a, names, sums), _monomial(b, names, sums)
            if isinstance(node, Div):
                return ca / cb, powers_times(pa, pb, -1)
            return ca * cb, powers_times(pa, pb, 1)
        case Pow(base=a, exp=Num(value=k)) if k.is_Integer and any(_root_base(n) is not None for n in _algebra(a)):
            c, p = _monomial(a, names, sums)
            if not k or not c:
                raise NotMonomial
            return c ** int(k), {g: e * int(k) for g, e in p.items()}
    found_terms = value(node, names)
    if isinstance(found_terms, list) and len(found_terms) == 1 and found_terms[0][0]:
        return found_terms[0]
    raise NotMonomial   # a sum, or a monomial times a sum


def _root(s: Node, names: AtomNames, sums: dict[str, list[Term]]) -> Generator:
    """The sum S under a root as one generator: whole coprime coefficients, a plus among them, no generator common
    to its terms, irreducible; its atom S written as from_sympy writes it, its name the same for every way of
    writing S."""
    found = terms(s, names)
    coefficients = [c for c, _ in found]
    if (len(found) < 2 or any(c.denominator != 1 for c in coefficients) or math.gcd(*(int(c) for c in coefficients)) != 1
            or all(c < 0 for c in coefficients)):
        raise NotMonomial   # content factor_terms takes out (or a number)
    if any(k < 0 or k.denominator != 1 or g.fn is Fn.EXP or _is_root(g) for _, p in found for g, k in p.items()):
        raise NotMonomial
    if set.intersection(*(set(p) for _, p in found)) or not irreducible(found):
        raise NotMonomial   # a common generator; a sum that may factor
    key = sorted((str(c), sorted(str((g.name, g.fn, g.inner, g.scale, g.power, k)) for g, k in p.items())) for c, p in found)
    sums["~root:" + repr(key)] = found
    return Generator("~root:" + repr(key), None, written_sum(found))

