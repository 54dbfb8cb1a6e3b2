"""Quotients over sums that SymPy's route keeps as they are, seen without SymPy: a quotient rule's result
((u^2 + 1) v b - u (w + v^2) c) / (u^2 + 1)^2, whose sums share generators (u above and below).

The node is taken as a rational function P / L (``_ratio``): L a product of powers of sums, each irreducible
(laurent.irreducible) and met as a divisor, P the numerator multiplied out, as cancel's polynomial holds it (no
monomial below the line, no root, no exp or function a candidate substitutes). Where P is a number times a
monomial M times an irreducible P0 (or 1), and no sum of L is P0 up to a number, P and L have no
common factor: cancel's form is P / L, both multiplied out, factor_terms' the number and M taken out of it, factor's
the number times M P0 over L's sums, the split one P's terms each over L. Every candidate then holds P0, or P,
written out (turned round, maybe); where the shortest of those is longer than the node, no candidate is shorter,
and SymPy's route keeps the node. Nothing else is claimed: a shorter form is SymPy's route's to find.
tests/test_native_kept.py checks on random quotients that SymPy's route keeps each node kept here.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from fractions import Fraction

from mcdocgen import language as E
from mcdocgen.engine.laurent import irreducible
from mcdocgen.engine.monomial import AtomNames, Generator, NotMonomial, Product, Term, collected, powers_times, value, written
from mcdocgen.engine.native import Form, name_atoms
from mcdocgen.engine.native_nested import bounded, terms_product
from mcdocgen.engine.plain import INERT
from mcdocgen.language import Add, Div, Fn, Func, Mul, Neg, Node, Num, Pow

MAX_TERMS = 40   # terms of a product multiplied out past which SymPy's route decides
MAX_POWER = 4    # a whole power of a sum multiplied out up to this
MARGIN = 1       # how much longer than the node the least size of a candidate must be
_SUBSTITUTED = frozenset({Fn.SIGMOID})   # inert, but the logistic candidates write exp and sigmoid by each other

Key = frozenset[tuple[frozenset[tuple[Generator, Fraction]], Fraction]]
Ratio = tuple[list[Term], dict[Key, int]]   # numerator terms; denominator: each sum's key and its power


def kept_over_sums(node: Node, weight: Callable[[Node], tuple[int, int]]) -> tuple[Form, ...]:
    """No form (the node is SymPy's route's answer) where the module's docstring shows it kept; NotMonomial for any
    other node. ``weight``: the simplifier's measure of a form (size, repeats)."""
    if not _sum_below(node):
        raise NotMonomial   # most nodes: nothing over a sum
    for n in _algebra(node):
        if isinstance(n, Func) and (n.fn not in INERT or n.fn in _SUBSTITUTED):
            raise NotMonomial   # exp, sqrt, abs, sin ...: a candidate substitutes or undoes it
    names = AtomNames()
    name_atoms(node, names)   # as to_sympy names them (the order of a written sum's terms follows)
    sums: dict[Key, list[Term]] = {}
    top, below = _ratio(node, names, sums)
    if not below or any(k < 0 or k.denominator != 1 for _, p in top for k in p.values()):
        raise NotMonomial   # a monomial below the line: cancel may move its generators between P's terms
    whole = _primitive(top)
    common = {g: min(p.get(g, Fraction(0)) for _, p in whole) for g in whole[0][1]}
    common = {g: k for g, k in common.items() if k}
    rest = [(c, {g: k - common.get(g, 0) for g, k in p.items() if k != common.get(g, 0)}) for c, p in whole]
    if len(rest) > 1 and (not irreducible(rest) or _key(rest) in below):
        raise NotMonomial   # P0 may factor, or cancel against a sum below: SymPy's route decides
    # each candidate is a quotient of P or P0 (or each of P's terms) over L, multiplied out or as factor writes it;
    # sizes as E.tree_size counts them: an operation two more than its operands, a small whole exponent one.
    # factor's L: the sums' powers multiplied, each sum maybe turned round
    factored = sum(_least(sums[key]) + (3 if k > 1 else 0) for key, k in below.items()) + 2 * (len(below) - 1)
    # factor's and factor_terms' P: the number and M times P0
    content = abs(top[0][0] / whole[0][0])
    outer = 0 if content == 1 and not common else E.tree_size(written(content, common)) + 2
    # (P a monomial: every candidate's numerator is P, split has no terms to split)
    above = _least(top) if len(rest) == 1 else min(_least(top), _least(rest) + outer)
    bound = weight(node)[0] + MARGIN
    if above + factored + 2 <= bound:
        raise NotMonomial   # factor's form may be as short as the node (L multiplied out is not needed to see it)
    multiplied: list[Term] = [(Fraction(1), {})]
    for key, k in below.items():
        for _ in range(k):
            multiplied = terms_product(multiplied, sums[key], MAX_TERMS)
    least = above + min(_least(multiplied), factored) + 2
    if least <= bound or E.try_text(node) is None:
        raise NotMonomial   # (without text, a node is weighed by its node count, not as E.tree_size counts)
    return ()


def _least(terms: list[Term]) -> int:
    """The least size of the sum of these terms in any order, either way round: its terms without their signs and two
    for each sign between them (a minus in front would add two more); counted on the tree, not printed."""
    return sum(E.tree_size(written(abs(c), p)) for c, p in terms) + 2 * (len(terms) - 1)


def kept(node: Node, weight: Callable[[Node], tuple[int, int]]) -> bool:
    """Whether kept_over_sums shows SymPy's route keeping ``node`` (asked where the other native routes do not know it)."""
    try:
        return kept_over_sums(node, weight) == ()
    except NotMonomial:
        return False


def _sum_below(node: Node) -> bool:
    """Whether a sum stands below a line in ``node``'s algebra (a quotient's or a negative power's)."""
    for n in _algebra(node):
        if isinstance(n, Div) and any(isinstance(m, Add) for m in _algebra(n.right)):
            return True
        if isinstance(n, Pow) and isinstance(n.exp, Num) and n.exp.value < 0 and isinstance(n.base, Add):
            return True
    return False


def _algebra(node: Node) -> Iterator[Node]:
    """The nodes of ``node``'s sums, products, quotients, negations and powers, the functions among them, and no node
    inside an atom."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, (Add, Neg, Mul, Div, Pow)):
            stack.extend(n.children())


def _ratio(node: Node, names: AtomNames, sums: dict[Key, list[Term]]) -> Ratio:
    """``node`` as P / L (the module's docstring), ``sums`` each of L's sums by its key; NotMonomial where a divisor
    is a sum not known irreducible, or a product grows past MAX_TERMS."""
    match node:
        case Add(terms=parts):
            ratios = [_ratio(p, names, sums) for p in parts]
            below: dict[Key, int] = {}
            for _, low in ratios:
                for key, k in low.items():
                    below[key] = max(k, below.get(key, 0))
            top: list[Term] = []
            for terms, low in ratios:
                for key, k in below.items():
                    for _ in range(k - low.get(key, 0)):
                        terms = terms_product(terms, sums[key], MAX_TERMS)
                top.extend(terms)
            return bounded(collected(top), MAX_TERMS), below
        case Neg(arg=a):
            terms, low = _ratio(a, names, sums)
            return [(-c, p) for c, p in terms], low
        case Mul(left=a, right=b):
            return _product(_ratio(a, names, sums), _ratio(b, names, sums))
        case Div(left=a, right=b):
            out = _ratio(a, names, sums)
            for base, k in _divisors(b, names, sums):
                out = _quotient(out, base, k, sums)
            return out
        case Pow(base=a, exp=Num(value=k)) if k.is_Integer and k < 0:
            return _quotient(([(Fraction(1), {})], {}), _ratio(a, names, sums), -int(k), sums)
        case Pow(base=a, exp=Num(value=k)) if k.is_Integer and 0 < int(k) <= MAX_POWER:
            base = _ratio(a, names, sums)
            power: Ratio = ([(Fraction(1), {})], {})
            for _ in range(int(k)):
                power = _product(power, base)
            return power
    found = value(node, names)
    if isinstance(found, Product):
        c, outer = found.outer
        return [(c * ci, powers_times(outer, p, 1)) for ci, p in found.inner], {}
    return found, {}


def _divisors(node: Node, names: AtomNames, sums: dict[Key, list[Term]]) -> list[tuple[Ratio, int]]:
    """``node``, a divisor, as factors and their whole powers (a sum to a power is divided by the sum that many
    times, not multiplied out)."""
    match node:
        case Mul(left=a, right=b):
            return _divisors(a, names, sums) + _divisors(b, names, sums)
        case Neg(arg=a):
            return [(([(Fraction(-1), {})], {}), 1), *_divisors(a, names, sums)]
        case Pow(base=a, exp=Num(value=k)) if k.is_Integer and k > 0:
            return [(_ratio(a, names, sums), int(k))]
    return [(_ratio(node, names, sums), 1)]


def _product(a: Ratio, b: Ratio) -> Ratio:
    below = dict(a[1])
    for key, k in b[1].items():
        below[key] = below.get(key, 0) + k
    return terms_product(a[0], b[0], MAX_TERMS), below


def _quotient(a: Ratio, b: Ratio, power: int, sums: dict[Key, list[Term]]) -> Ratio:
    """a / b^power: b's numerator a monomial (its inverse multiplies a's) or a sum known irreducible (one more sum
    below)."""
    terms, below = a[0], dict(a[1])
    for key, k in b[1].items():   # b's sums go above the line
        for _ in range(k * power):
            terms = terms_product(terms, sums[key], MAX_TERMS)
    divisor = b[0]
    if len(divisor) == 1:
        (c, p), = divisor
        p = {g: k * power for g, k in p.items()}
        return [(ci / c ** power, powers_times(pi, p, -1)) for ci, pi in terms], below
    if any(k < 0 or k.denominator != 1 for _, p in divisor for k in p.values()) or not irreducible(divisor):
        raise NotMonomial
    scale = _scale(divisor)
    key = _key(divisor)
    sums.setdefault(key, [(c / scale, p) for c, p in divisor])
    below[key] = below.get(key, 0) + power
    return [(c / scale ** power, p) for c, p in terms], below


def _scale(terms: list[Term]) -> Fraction:
    """The number that leaves whole coefficients without a common factor, the first term's (in an order of its own)
    plus: the sum over it is the same for every multiple of the sum."""
    content = Fraction(math.gcd(*(c.numerator for c, _ in terms)), math.lcm(*(c.denominator for c, _ in terms)))
    first = min(terms, key=lambda t: sorted((g.name, g.fn.value if g.fn else "", k) for g, k in t[1].items()))
    return content if first[0] > 0 else -content


def _key(terms: list[Term]) -> Key:
    scale = _scale(terms)
    return frozenset((frozenset(p.items()), c / scale) for c, p in terms)


def _primitive(terms: list[Term]) -> list[Term]:
    scale = abs(_scale(terms))
    return [(c / scale, p) for c, p in terms]
