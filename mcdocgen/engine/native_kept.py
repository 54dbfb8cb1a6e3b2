"""Quotients over sums that SymPy's route keeps as they are, seen without SymPy: a quotient rule's result
((u^2 + 1) v b - u (w + v^2) c) / (u^2 + 1)^2, whose sums share generators (u above and below).

The node is taken as a rational function P / L (``_ratio``): L a product of powers of sums, each irreducible
(laurent.irreducible) and met as a divisor, P the numerator multiplied out, as cancel's polynomial holds it (no
monomial below the line, no root, no function a candidate substitutes). Where P is a number times a
monomial M times an irreducible P0 (or 1), and no sum of L is P0 up to a number, P and L have no
common factor: cancel's form is P / L, both multiplied out, factor_terms' the number and M taken out of it, factor's
the number times M P0 over L's sums, the split one P's terms each over L. Every candidate then holds P0, or P,
written out (turned round, maybe); where the shortest of those is longer than the node, no candidate is shorter,
and SymPy's route keeps the node. Nothing else is claimed: a shorter form is SymPy's route's to find.
With exps of several atoms (kept_exps.py: no form by sigmoids) the same holds of P / L as cancel holds it, each exp(-u)
as exp(u)^-1 (``_exps_flipped``: a mixture's responsibility u / (exp(-a / 2) + exp(-b / 2)) is u exp(a / 2) exp(b / 2)
/ (exp(a / 2) + exp(b / 2)) to it), the exps of each product counted as one exp of their bare atoms (kept_exps.merged:
powsimp's form may merge them), a sigmoid beside them one more generator.
tests/test_native_kept.py checks on random quotients that SymPy's route keeps each node kept here.

kept_product does the like for products of two sums or more over a monomial ((y - X w)^2 / s^2, met first in a
derivation and given back unchanged): the sums' primitive parts irreducible, cancel's and factor_terms' forms multiplied
out weighed by a least size, factor's written as from_sympy writes it, each sum the way round SymPy's factor makes it
(native_signs.lead_plus). tests/test_native_kept_products.py checks it on random products.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from fractions import Fraction

from mcdocgen import language as E
from mcdocgen.engine.kept_exps import cancel_view, flipped, merged, several_atoms, times
from mcdocgen.engine.kept_sums_exps import kept_exp_sum
from mcdocgen.engine.laurent import irreducible
from mcdocgen.engine.generators import Generator, Powers, Term, num_node, power_node, product_node, written, written_sum
from mcdocgen.engine.monomial import AtomNames, NotMonomial, Product, collected, powers_times, value
from mcdocgen.engine.native import Form, name_atoms
from mcdocgen.engine.native_nested import algebra, bounded, terms_product
from mcdocgen.engine.native_signs import lead_plus
from mcdocgen.engine.plain import INERT
from mcdocgen.language import Add, Div, Fn, Func, Mul, Neg, Node, Num, Pow

MAX_TERMS = 40   # terms of a product multiplied out past which SymPy's route decides
MAX_POWER = 4    # a whole power of a sum multiplied out up to this
MARGIN = 1       # how much longer than the node the least size of a candidate must be
# inert, but the logistic candidates write exp and sigmoid by each other; not beside exps of several atoms (kept_exps.py:
# _exps_flipped asks), where SymPy's route writes no exp by sigmoids and a sigmoid is one more generator
_SUBSTITUTED = frozenset({Fn.SIGMOID})

Key = frozenset[tuple[frozenset[tuple[Generator, Fraction]], Fraction]]
Ratio = tuple[list[Term], dict[Key, int]]   # numerator terms; denominator: each sum's key and its power


def kept_over_sums(node: Node, weight: Callable[[Node], tuple[int, int]]) -> tuple[Form, ...]:
    """No form (the node is SymPy's route's answer) where the module's docstring shows it kept; NotMonomial for any
    other node. ``weight``: the simplifier's measure of a form (size, repeats)."""
    if not _sum_below(node):
        raise NotMonomial   # most nodes: nothing over a sum
    fns = {n.fn for n in algebra(node) if isinstance(n, Func)}
    exps = Fn.EXP in fns
    if any(fn not in INERT or (fn in _SUBSTITUTED and not exps) for fn in fns - {Fn.EXP}):
        raise NotMonomial   # sqrt, abs, sin ...: a candidate substitutes or undoes it
    names = AtomNames()
    name_atoms(node, names)   # as to_sympy names them (the order of a written sum's terms follows)
    sums: dict[Key, list[Term]] = {}
    top, below = _ratio(node, names, sums)
    view = _as_is
    if exps:   # of several atoms (kept_exps.py): no form by sigmoids; P / L as cancel holds it, exps merged by product
        top, below = _exps_flipped(top, below, sums)
        view = merged
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
    factored = sum(_least(sums[key], view) + (3 if k > 1 else 0) for key, k in below.items()) + 2 * (len(below) - 1)
    # factor's and factor_terms' P: the number and M times P0
    content = abs(top[0][0] / whole[0][0])
    outer = 0 if content == 1 and not common else E.tree_size(written(content, view(common))) + 2
    # (P a monomial: every candidate's numerator is P, split has no terms to split)
    above = _least(top, view) if len(rest) == 1 else min(_least(top, view), _least(rest, view) + outer)
    bound = weight(node)[0] + MARGIN
    if above + factored + 2 <= bound:
        raise NotMonomial   # factor's form may be as short as the node (L multiplied out is not needed to see it)
    multiplied: list[Term] = [(Fraction(1), {})]
    for key, k in below.items():
        for _ in range(k):
            multiplied = terms_product(multiplied, sums[key], MAX_TERMS)
    least = above + min(_least(multiplied, view), factored) + 2
    if least <= bound or E.try_text(node) is None:
        raise NotMonomial   # (without text, a node is weighed by its node count, not as E.tree_size counts)
    return ()


def _least(terms: list[Term], view: Callable[[Powers], Powers]) -> int:
    """The least size of the sum of these terms in any order, either way round: its terms without their signs and two
    for each sign between them (a minus in front would add two more); counted on the tree, not printed, each term's
    powers as ``view`` gives them (exps by their bare atoms: a least size)."""
    return sum(E.tree_size(written(abs(c), view(p))) for c, p in terms) + 2 * (len(terms) - 1)


def _as_is(p: Powers) -> Powers:
    return p


def _exps_flipped(top: list[Term], below: dict[Key, int], sums: dict[Key, list[Term]]) -> tuple[list[Term], dict[Key, int]]:
    """P / L as cancel holds it where exps stand in it: each exp(-u) as exp(u)^-1 (kept_exps.flipped), each of L's sums
    over the monomial it holds to the least power (exp(-u) + exp(-v) = (exp(v) + exp(u)) / (exp(u) exp(v))), known
    irreducible again, that monomial's inverse into P, and P's own monomial denominator left out (a least size);
    NotMonomial where the exps are not several atoms' (one atom's are written by sigmoids, a candidate of SymPy's
    route)."""
    several_atoms(top + [t for key in below for t in sums[key]])
    out = [(c, flipped(p)) for c, p in top]
    low: dict[Key, int] = {}
    for key, k in below.items():
        scale, common, new = _over_common([(c, flipped(p)) for c, p in sums[key]], sums, times)
        low[new] = low.get(new, 0) + k
        out = [(c / scale ** k, times(p, common, -k)) for c, p in out]
    out = collected(out)
    # a monomial D left below the line (u exp(-a) / (exp(b) + exp(c))): cancel's P is P D, L is D L; every candidate
    # holds D beside L's sums, so leaving it out leaves a least size
    least = {g: min(p.get(g, Fraction(0)) for _, p in out) for _, p in out for g in p}
    return [(c, times(p, {g: j for g, j in least.items() if j < 0}, -1)) for c, p in out], low


def kept(node: Node, weight: Callable[[Node], tuple[int, int]]) -> bool:
    """Whether kept_over_sums, kept_product or kept_sums_exps shows SymPy's route keeping ``node`` (asked where the other
    native routes do not know it)."""
    try:
        return kept_over_sums(node, weight) == ()
    except NotMonomial:
        return kept_product(node, weight) or kept_exp_sum(node, weight)


def _sum_below(node: Node) -> bool:
    """Whether a sum stands below a line in ``node``'s algebra (a quotient's or a negative power's)."""
    for n in algebra(node):
        if isinstance(n, Div) and any(isinstance(m, Add) for m in algebra(n.right)):
            return True
        if isinstance(n, Pow) and isinstance(n.exp, Num) and n.exp.value < 0 and isinstance(n.base, Add):
            return True
    return False


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


# ---------------------------------------------------------------- products of sums over a monomial

Factored = tuple[Fraction, dict[Generator, Fraction], dict[Key, int]]   # number, monomial (powers of either sign), sums


def kept_product(node: Node, weight: Callable[[Node], tuple[int, int]]) -> bool:
    """Whether SymPy's route keeps ``node``, a product of a number, whole powers of generators and two or more sums
    (a power of one counts its power), each sum irreducible (laurent.irreducible) once its monomial factors are taken out
    (1 / s^2 -(y - u)^2, u (1 - u) (v / u + 2 w)), and no sum below a line. The node is then n M Q / D, Q the sums'
    primitive parts multiplied, M and D monomials without a common generator: cancel's form is n M Q / D multiplied out,
    factor_terms' the number and M taken out of it, the split one its terms each over D, and factor's n M Q / D with
    each sum maybe turned round, its size known here up to that. Kept where none of them can be lighter than the
    node (as _best_of weighs: shorter, or as short with fewer repeated factors)."""
    if _sum_below(node) or E.try_text(node) is None:
        return False
    fns = {n.fn for n in algebra(node) if isinstance(n, Func)}
    exps = Fn.EXP in fns   # of several atoms: kept_exps.py
    if any(fn not in INERT or fn in _SUBSTITUTED for fn in fns - {Fn.EXP}):
        return False   # sqrt, abs, sin ...: a candidate substitutes or undoes it
    names = AtomNames()
    sums: dict[Key, list[Term]] = {}
    split: int | None = None
    try:
        name_atoms(node, names)
        c, powers, found = _factored(node, names, sums)
        if exps:
            powers, sums, split = cancel_view(node, c, powers, found, sums, MAX_TERMS)
    except NotMonomial:
        return False
    if sum(found.values()) < (1 if exps else 2) or any(k.denominator != 1 for k in powers.values()):
        return False   # one sum: native.py's and laurent.py's (SymPy's Mul of a monomial and a sum), with exps here
    size, repeats = weight(node)

    def lighter(least: int) -> bool:   # whether a form of at least this size could win over the node
        return least < size or (least == size and repeats > 0)

    above = {g: k for g, k in powers.items() if k > 0}
    below = {g: -k for g, k in powers.items() if k < 0}
    q: list[Term] = [(Fraction(1), {})]
    try:
        for key, k in found.items():
            for _ in range(k):
                q = terms_product(q, sums[key], MAX_TERMS)
    except NotMonomial:
        return False
    over = 2 + E.tree_size(written(Fraction(1), below)) if below else 0
    top = [(c * ci, powers_times(above, p, 1)) for ci, p in q]
    # cancel's (and powsimp's) numerator multiplied out; factor_terms' the number and M in front of Q's terms
    least = min(_bare(top), _bare(q) + (2 + E.tree_size(written(Fraction(1), above)) if above else 0)) + over
    if below and not exps:   # the split form: each of cancel's terms over D
        least = min(least, _bare([(ci, powers_times(p, below, -1)) for ci, p in top]))
    if split is not None:   # with exps: powsimp's and the split form (kept_exps.py)
        least = min(least, split)
    if lighter(least):
        return False
    # factor makes each sum's leading coefficient plus in SymPy's order of generators; where that order is not known
    # here, either way round
    ways = [(False, True) if lead is None or exps else (not lead,) for lead in (lead_plus(sums[key]) for key in found)]
    return not any(lighter(_factor_size(c, above, below, [(sums[key], k) for key, k in found.items()], turned))
                   for turned in itertools.product(*ways))


def _bare(terms: list[Term]) -> int:
    """A least size of the sum of these terms with any coefficients, in any order, either way round."""
    return sum(E.tree_size(written(Fraction(1), p)) for _, p in terms) + 2 * (len(terms) - 1)


def _factor_size(c: Fraction, above: dict[Generator, Fraction], below: dict[Generator, Fraction],
                 sums: list[tuple[list[Term], int]], turned: tuple[bool, ...]) -> int:
    """The size of factor's form c M S1^k1 ... / D as from_sympy writes it, the sums turned round where ``turned``
    says (the number takes the sign); the order of the factors, SymPy's, does not change it."""
    factors = [power_node(g, k) for g, k in above.items()]
    for (terms, k), turn in zip(sums, turned, strict=True):
        s = written_sum([(-ci, p) for ci, p in terms] if turn else terms)
        factors.append(s if k == 1 else E.power(s, num_node(Fraction(k))))
        c = -c if turn and k % 2 else c
    out = product_node(factors)
    if below:
        out = E.div(out, written(Fraction(1), below))
    if c == -1:
        out = E.neg(out)
    elif c != 1:
        out = E.mul(num_node(c), out)
    return E.tree_size(out)


def _factored(node: Node, names: AtomNames, sums: dict[Key, list[Term]]) -> Factored:
    """``node``, a product, as a number times a monomial times its sums' primitive parts (their powers by key, each
    irreducible); NotMonomial for anything else."""
    match node:
        case Neg(arg=a):
            c, p, s = _factored(a, names, sums)
            return -c, p, s
        case Mul(left=a, right=b):
            return _times(_factored(a, names, sums), _factored(b, names, sums), 1)
        case Div(left=a, right=b):
            return _times(_factored(a, names, sums), _factored(b, names, sums), -1)
        case Pow(base=a, exp=Num(value=k)) if k.is_Integer and 0 < int(k) <= MAX_POWER:
            c, p, s = _factored(a, names, sums)
            k = int(k)
            return c ** k, {g: e * k for g, e in p.items()}, {key: e * k for key, e in s.items()}
        case Add():
            terms, low = _ratio(node, names, sums)
            if low:
                raise NotMonomial
            return _one_sum(terms, sums)
    found = value(node, names)
    if isinstance(found, Product) or len(found) != 1:
        raise NotMonomial
    (c, p), = found
    return c, p, {}


def _one_sum(terms: list[Term], sums: dict[Key, list[Term]]) -> Factored:
    """A sum's terms (powers of either sign) as a number times a monomial times a primitive sum, known irreducible."""
    if len(terms) == 1:
        (c, p), = terms
        return c, p, {}
    if any(k.denominator != 1 for _, p in terms for k in p.values()):
        raise NotMonomial
    scale, least, key = _over_common(terms, sums, powers_times)
    return scale, least, {key: 1}


def _over_common(terms: list[Term], sums: dict[Key, list[Term]],
                 times_: Callable[[Powers, Powers, int], Powers]) -> tuple[Fraction, Powers, Key]:
    """A sum as scale times the monomial common to every term times a primitive sum, known irreducible (kept in
    ``sums`` under its key); ``times_`` divides by the monomial (kept_exps.times leaves exp(u)^-1 as it is)."""
    least = {g: min(p.get(g, Fraction(0)) for _, p in terms) for _, p in terms for g in p}
    least = {g: k for g, k in least.items() if k}
    rest = [(c, times_(p, least, -1)) for c, p in terms]
    if not irreducible(rest):
        raise NotMonomial
    scale = _scale(rest)
    key = _key(rest)
    sums.setdefault(key, [(c / scale, p) for c, p in rest])
    return scale, least, key


def _times(a: Factored, b: Factored, sign: int) -> Factored:
    """a b (sign 1) or a / b (sign -1, b without sums: a sum below a line is kept_over_sums')."""
    if sign < 0 and b[2]:
        raise NotMonomial
    found = dict(a[2])
    for key, k in b[2].items():
        found[key] = found.get(key, 0) + k
    return a[0] * b[0] ** sign, powers_times(a[1], b[1], sign), found
