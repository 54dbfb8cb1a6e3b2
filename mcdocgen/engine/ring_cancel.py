"""SymPy's cancel of a rational function of generators, done on SymPy's sparse polynomial ring (sympy.polys.rings).

sympy.cancel(e) spends most of its milliseconds in the expression layer: signsimp, factor_terms, as_numer_denom, then
sring expanding numerator and denominator and finding their generators. Where ``e`` is a rational function of
generators those steps leave alone -- symbols, functions of products of symbols (exp(-2 a) being exp(a)**-2 to sring),
rational powers of symbols and of such functions -- and where multiplying out merges no two of them into another
(_unmerged: sqrt(x)**2 is x), its value is fixed by the rational function alone: sring's ring cancel gives P / Q with
P and Q prime to each other over the integers (their contents too) and Q's leading coefficient positive in the ring's
order, which is unique. So P / Q is made here from ``e``'s tree straight (numerator and denominator as ring elements,
integer coefficients), in a ring over the same generators in the order sring sorts them (_sort_gens, which fixes the
leading term), and written as cancel writes it, P.as_expr() / Q.as_expr(): the same expression, by construction. A
function holding a sum (abs(x - y), log(1 + x / a)) is such a generator where signsimp, factor_terms, as_numer_denom
and expand, seen on it alone, give it back (_left_alone). An exp holding a sum, which expand splits (exp(x - y) is
exp(x) exp(-y)), is the product of the generators it splits into (_exp_factors); another function those steps rewrite
into one function of its kind (sigmoid(c (x - b)) is sigmoid(-b c + c x)), or minus one (sign(y - x) is -sign(x - y)),
is that one, times -1 there (_rewritten). A generator sring would see otherwise (a sum those steps rewrite into more:
abs(2 x + 2 y) is 2 abs(x + y); exps that merge, exp(x) exp(x / 2); a root of a sum; a number such as exp(2), which
sring takes into the domain; the log of a product, which expand splits) is declined, and the caller runs sympy.cancel.
tests/test_ring_cancel.py checks the equality on random rational functions.

factor_terms of a form cancelled here (cancelled.py's first candidate, and the substitutions') is made from the same
numerator and denominator (MADE): each side's content and common monomial taken out on the ring, put together as
factor_terms puts them (_keep_coeff). That tree is factor_terms' by its rules, not by construction: the test checks it
tree for tree, and over a number (x / 2 + y, where factor_terms leaves part of the content inside the sum) SymPy makes it.
factor_terms recurses into a generator's arguments: a generator holding a sum is written as factor_terms writes it alone.
"""

from __future__ import annotations

import functools
import math

import sympy
from sympy.core.cache import CACHE
from sympy.core.exprtools import decompose_power
from sympy.core.mul import _keep_coeff
from sympy.polys.domains import ZZ
from sympy.polys.polyutils import _sort_gens
from sympy.polys.rings import PolyElement, PolyRing
from sympy.simplify.simplify import signsimp

from mcdocgen.engine.polynomials import ring as polynomial_ring

Pair = tuple[PolyElement, PolyElement]


class _Declined(Exception):
    pass


class _Made(dict[sympy.Expr, tuple[PolyElement, PolyElement, tuple[sympy.Expr, ...]]]):
    """The ring's numerator and denominator of each cancelled form made here, for factor_terms; cleared with SymPy's
    cache (scalars.CACHE), as the forms made from them are."""

    def cache_clear(self) -> None:
        self.clear()


MADE = _Made()
MADE_SIZE = 4096


def factor_terms(cancelled: sympy.Expr) -> sympy.Expr:
    """sympy.factor_terms(cancelled): for a form this module cancelled, made from its numerator and denominator on the
    ring (the content, signed where every coefficient is negative, and the common monomial of each taken out, then
    put together as factor_terms puts them, _keep_coeff); else by SymPy. Not over a number (x / 2 + y), where
    factor_terms leaves a fraction of the content inside the sum; nor where a symbol and a root of it are both generators
    (c**2 + c sqrt(c), which SymPy writes c**2 + c**(3/2), and factor_terms leaves as it is)."""
    made = MADE.get(cancelled)
    if made is None or (made[1].is_ground and made[1] != 1):
        return sympy.factor_terms(cancelled)
    top, bottom, order = made
    if any(g.is_Pow and g.base in order for g in order):
        return sympy.factor_terms(cancelled)
    # a generator cancel's steps rewrote (_rewritten) is written as factor_terms writes it
    order = tuple(_shown(g) if g.has(sympy.Add) else g for g in order)
    cp, mp, rp = _taken_out(top, order)
    cq, mq, rq = _taken_out(bottom, order)
    return _keep_coeff(cp / cq, sympy.Mul(mp, rp, 1 / mq, 1 / rq), clear=False, sign=True)


def _taken_out(p: PolyElement, order: tuple[sympy.Expr, ...]) -> tuple[sympy.Rational, sympy.Expr, sympy.Expr]:
    """``p`` as its content (negative where every coefficient is), common monomial and the rest, written."""
    c, prim = p.primitive()
    if all(v < 0 for v in prim.itercoeffs()):
        c, prim = -c, -prim
    monoms = list(prim.itermonoms())
    m = tuple(min(x[k] for x in monoms) for k in range(len(order)))
    rest = prim.quo_term((m, prim.ring.domain.one)) if any(m) else prim
    return sympy.Integer(int(c)), sympy.Mul(*(g ** k for g, k in zip(order, m, strict=True) if k)), rest.as_expr(*order)


def ring_cancelled(e: sympy.Expr) -> sympy.Expr | None:
    """sympy.cancel(e), made on the polynomial ring; None where ``e`` is not such a rational function (then the caller
    cancels by SymPy)."""
    on = _on_ring(e)
    if on is None:
        return None
    order, p, q = on
    if not (_unmerged(p, order) and _unmerged(q, order)):
        return None
    top, bottom = p.cancel(q)
    if top.is_ground and bottom.is_ground:
        return None   # cancel finds no generator after expanding, and returns f.expand(): not made here
    made = top.as_expr(*order) / bottom.as_expr(*order)
    if len(MADE) >= MADE_SIZE:
        MADE.clear()
    MADE[made] = (top, bottom, order)
    return made


def _on_ring(e: sympy.Expr) -> tuple[tuple[sympy.Expr, ...], PolyElement, PolyElement] | None:
    """``e``'s numerator and denominator on a ring over its generators in sring's order (with that order); None where
    it has none, or one the ring declines (_collect), or generators SymPy's expression layer would merge."""
    gens: dict[sympy.Expr, None] = {}
    try:
        _collect(e, gens)
    except _Declined:
        return None
    if not gens:
        return None
    roots = [g.base for g in gens if g.is_Pow]
    if len(set(roots)) < len(roots):
        return None   # sqrt(u) and u**(1/3) multiplied are u**(5/6): generators that merge
    tails = [g.args[0].as_coeff_Mul()[1] for g in gens if isinstance(g, sympy.exp)]
    if len(set(tails)) < len(tails):
        return None   # exp(u) and exp(u / 2) multiplied are exp(3 u / 2): SymPy's Mul merges exps of one tail
    order = tuple(_sort_gens(list(gens)))
    index = {g: k for k, g in enumerate(order)}
    ring = polynomial_ring(len(order), ZZ)   # generators named apart: a polynomial is written back in the caller's
    try:
        p, q = _pair(e, ring, index)
    except _Declined:
        return None
    return order, p, q


def _unmerged(p: PolyElement, order: tuple[sympy.Expr, ...]) -> bool:
    """Whether no term of ``p`` holds what SymPy's expression layer would have merged into another generator while it
    multiplied numerator and denominator out: a root x**(1/q) to the q-th power or past (x), abs(a) squared (a**2),
    exp(a / q) to the q-th power (exp(a)). Two exps stay apart in a product where their arguments' tails (as_coeff_Mul)
    differ, exp(a) exp(b), as SymPy's Mul gathers powers of E by tail (ring_cancelled declines exps of one tail). The
    ring's p has every product SymPy's as_numer_denom and expand form, so where none is there, sring's generators are
    the ring's."""
    limits = [_limit(g) for g in order]
    return all(all(k < limit for k, limit in zip(monom, limits, strict=True)) for monom in p.itermonoms())


def _limit(g: sympy.Expr) -> float:
    """The power from which SymPy writes the generator ``g`` as another one."""
    if g.is_Pow:
        return int(g.exp.q)
    if isinstance(g, sympy.Abs):
        return 2
    if isinstance(g, sympy.exp):
        q = int(g.args[0].as_coeff_Mul(rational=True)[0].q)
        return q if q > 1 else math.inf
    return math.inf


def _collect(e: sympy.Expr, gens: dict[sympy.Expr, None]) -> None:
    """The generators of ``e`` as sring finds them, in meeting order."""
    if e.is_Rational:
        return
    if e.is_Add or e.is_Mul:
        for a in e.args:
            _collect(a, gens)
    elif e.is_Pow and e.exp.is_Integer:
        _collect(e.base, gens)
    else:
        for g, _ in _factors(e):
            if not g.is_Number:   # the sign a rewritten function gives (_signed_generator)
                gens.setdefault(g, None)


def _generator(e: sympy.Expr) -> tuple[sympy.Expr, int]:
    """``e`` as a power of one generator (_signed_generator); _Declined where cancel's steps take a sign out of it."""
    base, k, sign = _signed_generator(e)
    if sign < 0:
        raise _Declined
    return base, k


def _signed_generator(e: sympy.Expr) -> tuple[sympy.Expr, int, int]:
    """``e`` as a power of one generator, as sring's decompose_power takes it apart: x**(3/2) is (x**(1/2))**3,
    exp(-2 a) is exp(a)**-2. Only where nothing that cancel runs first (signsimp, factor_terms) rewrites the generator:
    no number in it (sring takes exp(2) into the domain), and a sum in it, or the log of more than a symbol (expand,
    which sring runs, splits log(exp(a) / b) = a + log(1 / b)), only where those steps are seen to leave it (_left_alone),
    or, for a function, to give one function of its kind (_rewritten), maybe with a sign taken out: -1 the third."""
    if e.is_Symbol:
        return e, 1, 1
    if e.is_number:
        raise _Declined
    if isinstance(e, sympy.Function) or (e.is_Pow and e.exp.is_Rational and (e.base.is_Symbol or isinstance(
            e.base, sympy.Function))):
        base, k = decompose_power(e)
        if _rewritable(e) and not (_left_alone(e) and _left_alone(base) and base.as_numer_denom() == (base, 1)):
            written = _rewritten(e) if isinstance(e, sympy.Function) and not isinstance(e, sympy.exp) else None
            if written is None:
                raise _Declined
            return (-written, 1, -1) if written.is_Mul else (written, 1, 1)
        return base, int(k), 1
    # a power with a symbol for exponent, a root of a product (as_numer_denom may split it), a root of a sum (signsimp
    # or factor_terms may turn a sum elsewhere into its base, and the two merge: sqrt(s) / -(s) is -1 / sqrt(s))
    raise _Declined


def _factors(e: sympy.Expr) -> tuple[tuple[sympy.Expr, int], ...]:
    """``e`` (no sum, product or integer power) as sring reads it: for an exp holding a sum, a product of powers of
    generators (_exp_factors: expand splits it); else, or where that declines, a power of one generator (_signed_generator,
    which for an exp expand splits asks _left_alone in vain, at the cost of SymPy's steps), with -1 as a factor besides
    where cancel's steps take a sign out of a function (tanh(c - d) is -tanh(d - c)); _Declined else."""
    split = _exp_factors(e) if isinstance(e, sympy.exp) and e.args[0].has(sympy.Add) else None
    if split is not None:
        return split
    base, k, sign = _signed_generator(e)
    return ((base, k),) if sign > 0 else ((base, k), (sympy.S.NegativeOne, 1))


@functools.lru_cache(maxsize=4096)
def _exp_factors(g: sympy.exp) -> tuple[tuple[sympy.Expr, int], ...] | None:
    """An exp holding a sum as sring reads it: cancel's steps run on ``g`` alone (signsimp, factor_terms with radicals,
    as_numer_denom), then expand, which multiplies the argument out and splits exp(a + b) into exp(a) exp(b): each
    factor a power of one generator, with its side of the line (a negative power is 1 / x, sring's generator as it is:
    exp(u - v) is exp(u) exp(-v), both above, and exp(u) exp(v) exp(-v) would merge: ring_cancelled's tails). As in
    _left_alone, each step rewrites g where it stands from its argument alone, so g inside the expression is split
    alike. None where a factor is no exp (exp(1 + u) = E exp(u), a number; exp(u + log(v)) = v exp(u)) or no such
    generator (_generator: one expand would rewrite again). Memoised, cleared with SymPy's cache."""
    written = _signsimped(g)
    sides = _sides(written) if isinstance(written, sympy.exp) else None
    if sides is None:
        top, bottom = written.as_numer_denom()
        sides = ((sympy.Mul.make_args(top.expand()), 1), (sympy.Mul.make_args(bottom.expand()), -1))
    factors: list[tuple[sympy.Expr, int]] = []
    for side, sign in sides:
        for f in side:
            if f == 1:
                continue
            if not isinstance(f, sympy.exp):
                return None
            try:
                base, k = _generator(f)
            except _Declined:
                return None
            # sring keeps a power left negative after as_numer_denom as a generator of its own, exp(-u) beside exp(u)
            factors.append((base, sign * k) if k > 0 else (1 / base, -sign * k))
    return tuple(factors)


CACHE.append(_exp_factors)


def _sides(g: sympy.exp) -> tuple[tuple[tuple[sympy.Expr, ...], int], ...] | None:
    """g.as_numer_denom() expanded, as the factors of each side (1 above, -1 below), without SymPy's expand: the side as
    ExpBase.as_numer_denom chooses it, and exp(a) of a Laurent polynomial a in generators split into the exps of its
    terms, which are the ring's (the terms expand makes: each a product of a number and powers of generators, the one
    form SymPy's Mul gives it). None where the argument is no such polynomial (a sum below its line, a generator the ring
    declines or merges), and the caller expands."""
    a = g.args[0]
    below = a.is_negative
    if not below and not (-a).is_negative:
        below = a.could_extract_minus_sign()
    terms = _expanded(-a if below else a)
    if terms is None:
        return None
    factors = tuple(sympy.exp(t) for t in terms)
    return (((), 1), (factors, -1)) if below else ((factors, 1), ((), -1))


def _expanded(a: sympy.Expr) -> tuple[sympy.Expr, ...] | None:
    """The terms of a.expand() where ``a`` is a Laurent polynomial in generators the ring takes (ring_cancelled's), made on
    the ring; None else."""
    on = _on_ring(a)
    if on is None:
        return None
    order, p, q = on
    if len(q) != 1:
        return None   # a sum below the line: expand keeps it under each term
    (shift, d), = q.terms()
    limits = [_limit(g) for g in order]
    terms = []
    for monom, c in p.terms():
        powers = [k - j for k, j in zip(monom, shift, strict=True)]
        if any(abs(k) >= limit for k, limit in zip(powers, limits, strict=True)):
            return None   # a root to its q-th power, abs squared: SymPy writes another generator
        terms.append(sympy.Mul(sympy.Rational(int(c), int(d)), *(g ** k for g, k in zip(order, powers, strict=True) if k)))
    return tuple(terms)


def _signsimped(g: sympy.Expr) -> sympy.Expr:
    """``g`` after the first of cancel's steps, seen on g alone: signsimp, then factor_terms with radicals (the
    generators _exp_factors and _rewritten read; as_numer_denom and expand follow in each)."""
    return sympy.factor_terms(signsimp(g), radical=True)


@functools.lru_cache(maxsize=4096)
def _rewritten(g: sympy.Function) -> sympy.Expr | None:
    """A function holding a sum that cancel's steps rewrite (sigmoid(c (x - b)) is sigmoid(-b c + c x) after expand) as
    the one generator sring reads: signsimp, factor_terms with radicals, as_numer_denom and expand run on ``g`` alone,
    as _exp_factors runs them (each rewrites g where it stands from its argument alone). None where what they give is no
    function of g's kind, one generator to sring, or minus one (signsimp takes a sign out of an odd function, tanh(d - c)
    is -tanh(c - d)): abs of a product is abs(c) abs(u), a log expand splits is a sum. Memoised, cleared with SymPy's
    cache."""
    written = _signsimped(g)
    top, bottom = written.as_numer_denom()
    if bottom != 1:
        return None
    written = top.expand()
    f = -written if written.is_Mul and written.args[0] == -1 and len(written.args) == 2 else written
    if f.func is not g.func or f.is_number or f.as_numer_denom() != (f, 1) or f.expand() != f:
        return None
    return written


@functools.lru_cache(maxsize=4096)
def _shown(g: sympy.Expr) -> sympy.Expr:
    """A generator holding a sum as factor_terms writes it inside an expression: it recurses into arguments, so
    sigmoid(-b c + c x) is sigmoid(c (-b + x)) (a generator left alone is given back). Memoised, cleared with SymPy's
    cache."""
    return sympy.factor_terms(g)


CACHE.extend((_rewritten, _shown))


def _rewritable(e: sympy.Expr) -> bool:
    """Whether cancel's steps before sring might rewrite ``e``: a sum in it, or the log of more than a symbol."""
    return e.has(sympy.Add) or any(not f.args[0].is_Symbol for f in e.atoms(sympy.log))


@functools.lru_cache(maxsize=4096)
def _left_alone(g: sympy.Expr) -> bool:
    """Whether each step cancel runs on its input before sring reads the generators gives ``g`` back, seen on g alone:
    signsimp (sign(y - x) is -sign(x - y)), factor_terms with radicals (abs(2 x + 2 y) is 2 abs(x + y)) and expand
    (exp(x + y) is exp(x) exp(y)); the caller asks as_numer_denom of the generator itself. Each rewrites a function
    where it stands, from its arguments alone (factor_terms and expand recurse into arguments, signsimp replaces
    subtrees), so what holds for g alone holds for g inside the expression. Memoised: a derivation meets the same
    generator in many calls (cleared with SymPy's cache)."""
    return bool(signsimp(g) == g and sympy.factor_terms(g, radical=True) == g and g.expand() == g)


CACHE.append(_left_alone)


def _pair(e: sympy.Expr, ring: PolyRing, index: dict[sympy.Expr, int]) -> Pair:
    """``e`` as numerator and denominator in the ring (not cancelled)."""
    if e.is_Rational:
        return ring(int(e.p)), ring(int(e.q))
    if e.is_Add:
        p, q = ring.zero, ring.one
        for a in e.args:
            ap, aq = _pair(a, ring, index)
            p, q = (p + ap, q) if aq == q else (p * aq + ap * q, q * aq)
        return p, q
    if e.is_Mul:
        p, q = ring.one, ring.one
        for a in e.args:
            ap, aq = _pair(a, ring, index)
            p, q = p * ap, q * aq
        return p, q
    if e.is_Pow and e.exp.is_Integer:
        p, q = _pair(e.base, ring, index)
        k = int(e.exp)
    else:
        p, q = ring.one, ring.one
        for g, j in _factors(e):
            if g.is_Number:
                p = -p   # the sign cancel's steps take out of a function (_signed_generator)
            else:
                p, q = (p * ring.gens[index[g]] ** j, q) if j > 0 else (p, q * ring.gens[index[g]] ** -j)
        return p, q
    if k < 0:
        if not p:
            raise _Declined   # a zero denominator: SymPy's cancel decides
        p, q, k = q, p, -k
    return p ** k, q ** k


def cancel(e: sympy.Expr) -> sympy.Expr:
    """sympy.cancel(e): made on the ring where ``e`` is such a rational function, else by SymPy."""
    made = ring_cancelled(e)
    return sympy.cancel(e) if made is None else made
