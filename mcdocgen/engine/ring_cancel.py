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
and expand, seen on it alone, give it back (_left_alone). A generator sring would see otherwise (a sum those steps
rewrite: sign(y - x), abs(2 x + 2 y), exp(x + y); a root of a sum; a number such as exp(2), which sring takes into the
domain; the log of a product, which expand splits) is declined, and the caller runs sympy.cancel.
tests/test_ring_cancel.py checks the equality on random rational functions.

factor_terms of a form cancelled here (cancelled.py's first candidate, and the substitutions') is made from the same
numerator and denominator (MADE): each side's content and common monomial taken out on the ring, put together as
factor_terms puts them (_keep_coeff). That tree is factor_terms' by its rules, not by construction: the test checks it
tree for tree, and over a number (x / 2 + y, where factor_terms leaves part of the content inside the sum) SymPy makes it.
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
    order = tuple(_sort_gens(list(gens)))
    index = {g: k for k, g in enumerate(order)}
    ring = polynomial_ring(len(order), ZZ)   # generators named apart: a polynomial is written back in the caller's
    try:
        p, q = _pair(e, ring, index)
    except _Declined:
        return None
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


def _unmerged(p: PolyElement, order: tuple[sympy.Expr, ...]) -> bool:
    """Whether no term of ``p`` holds what SymPy's expression layer would have merged into another generator while it
    multiplied numerator and denominator out: a root x**(1/q) to the q-th power or past (x), abs(a) squared (a**2),
    exp(a / q) to the q-th power (exp(a)), two exps (exp(a) exp(b) is exp(a + b)). The ring's p has every product SymPy's
    as_numer_denom and expand form, so where none is there, sring's generators are the ring's."""
    limits = [_limit(g) for g in order]
    exps = [isinstance(g, sympy.exp) for g in order]
    return all(all(k < limit for k, limit in zip(monom, limits, strict=True))
               and sum(1 for k, x in zip(monom, exps, strict=True) if k and x) < 2 for monom in p.itermonoms())


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
        gens.setdefault(_generator(e)[0], None)


def _generator(e: sympy.Expr) -> tuple[sympy.Expr, int]:
    """``e`` as a power of one generator, as sring's decompose_power takes it apart: x**(3/2) is (x**(1/2))**3,
    exp(-2 a) is exp(a)**-2. Only where nothing that cancel runs first (signsimp, factor_terms) rewrites the generator:
    no number in it (sring takes exp(2) into the domain), and a sum in it, or the log of more than a symbol (expand,
    which sring runs, splits log(exp(a) / b) = a + log(1 / b)), only where those steps are seen to leave it (_left_alone)."""
    if e.is_Symbol:
        return e, 1
    if e.is_number:
        raise _Declined
    if isinstance(e, sympy.Function) or (e.is_Pow and e.exp.is_Rational and (e.base.is_Symbol or isinstance(
            e.base, sympy.Function))):
        base, k = decompose_power(e)
        if _rewritable(e) and not (_left_alone(e) and _left_alone(base) and base.as_numer_denom() == (base, 1)):
            raise _Declined
        return base, int(k)
    # a power with a symbol for exponent, a root of a product (as_numer_denom may split it), a root of a sum (signsimp
    # or factor_terms may turn a sum elsewhere into its base, and the two merge: sqrt(s) / -(s) is -1 / sqrt(s))
    raise _Declined


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
        g, k = _generator(e)
        p, q = ring.gens[index[g]], ring.one
    if k < 0:
        if not p:
            raise _Declined   # a zero denominator: SymPy's cancel decides
        p, q, k = q, p, -k
    return p ** k, q ** k


def cancel(e: sympy.Expr) -> sympy.Expr:
    """sympy.cancel(e): made on the ring where ``e`` is such a rational function, else by SymPy."""
    made = ring_cancelled(e)
    return sympy.cancel(e) if made is None else made
