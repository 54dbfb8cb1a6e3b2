"""Sums of quotients of products of generators, P / D with D a monomial, in the engine's own algebra.

The scalar simplifier (scalars.py) weighs a few equal forms that SymPy's cancel, factor_terms and factor
make. For a sum of terms c g_1^k_1 g_2^k_2 ... (rational c, integer k, the g generators: symbols, or
functions of symbols that no candidate substitutes) whose numerator over the common denominator D is
a number n times a monomial M times an irreducible P, those forms are known without SymPy's polynomial
algebra: factor_terms gives n M P / D, factor the same (up to the sign of P, which is weighed: turned round,
P may be the shorter),
and the quotient split into its terms is the sum. tests/test_laurent.py checks on random sums that
the simplifier chooses with these what it chose with every candidate form.

P is known irreducible by a witness: a generator of degree one in exactly one term of P, whose cofactor
(that term without it) shares no generator with every other term, the coefficients having no common
factor; or one of degree one wherever it occurs, with one term without it (_one_term_without). P is then
primitive and of degree one in that generator, so irreducible; or P is of degree two, a quadratic form of rank
three or more or of one sign (_quadratic: 1 + u^2 + v^2); or of degree one in a generator whose coefficient is
an irreducible sum prime to the rest (_sum_cofactor). As D is a monomial and P no monomial, nothing cancels.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from fractions import Fraction

import sympy
from sympy.core.mul import _keep_coeff

from mcdocgen.engine.plain import is_generator, signs_kept
from mcdocgen.language import Fn

MAX_TERMS = 16   # terms past which SymPy's route is taken

Term = tuple[Fraction, dict[sympy.Expr, int]]


def _term(t: sympy.Expr) -> Term | None:
    coeff, rest = t.as_coeff_Mul()
    if not coeff.is_Rational:
        return None
    powers: dict[sympy.Expr, int] = {}
    if rest == 1:
        return Fraction(int(coeff.p), int(coeff.q)), powers   # a number term: a term without generators
    for f in sympy.Mul.make_args(rest):
        base, k = (f.base, f.exp) if f.is_Pow else (f, sympy.S.One)
        if not k.is_Integer or not is_generator(base) or base in powers:
            return None
        powers[base] = int(k)
    return Fraction(int(coeff.p), int(coeff.q)), powers


def _terms(e: sympy.Expr) -> list[Term] | None:
    """``e`` as a sum of terms c g^k ...: a sum, or a product of generator powers and one sum."""
    if e.is_Add:
        found = [_term(t) for t in e.args]
        return None if any(t is None for t in found) else found  # type: ignore[return-value]
    if not e.is_Mul:
        return None
    sums = [f for f in e.args if f.is_Add]
    if len(sums) != 1:
        return None
    outer = _term(e.func(*(f for f in e.args if not f.is_Add)))
    if outer is None:
        return None
    out: list[Term] = []
    for t in sums[0].args:
        inner = _term(t)
        if inner is None:
            return None
        powers = dict(inner[1])
        for g, k in outer[1].items():
            powers[g] = powers.get(g, 0) + k
        out.append((inner[0] * outer[0], {g: k for g, k in powers.items() if k}))
    return out


def irreducible(top: Sequence[tuple[object, Mapping[Any, object]]]) -> bool:
    """Whether the polynomial with these terms (exponents >= 0) has a witness of the module's docstring
    (its generators SymPy's, or native.py's), or the other one: a generator g of degree one in every term
    it is in, P = A g + B, B one term (u + x - u^2 x: g = x, B = u) whose every generator some term of A
    lacks. Either way A and B share no factor, so P, of degree one in g, is irreducible."""
    for i, (_, powers) in enumerate(top):
        others = [p for j, (_, p) in enumerate(top) if j != i]
        for g, k in powers.items():
            if k != 1 or any(g in p for p in others):
                continue
            cofactor = [h for h in powers if h != g]
            if all(any(h not in p for p in others) for h in cofactor):
                return True
    return _one_term_without(top) or _quadratic(top) or _binomial(top) or _sum_cofactor(top)


Poly = list[tuple[Fraction, dict[Any, int]]]


def _sum_cofactor(top: Sequence[tuple[object, Mapping[Any, object]]]) -> bool:
    """The fourth witness: a generator g of degree one in every term it is in, P = A g + B, A a sum: a monomial M
    (each of its generators missing from a term of B) times a sum A' itself irreducible (a witness of its own) that
    does not divide B (B reduced modulo A', _divides); then A and B share no factor, and P, primitive of degree one
    in g, is irreducible ((|x - c|^2 + 1) (x - b) - (|x - a|^2 + |x - b|^2) (x - c) multiplied out: g = c,
    A = |x - a|^2 + |x - b|^2; 2 x - a - b + r (a - x) / |x - b| + s (b - x) / |x - a| over its denominator:
    g = a, M = |x - a|, A' = r - |x - b|). Only whole exponents and numbers for coefficients."""
    poly = _poly(top)
    if poly is None:
        return False
    for g in {g for _, p in poly for g in p}:
        if any(p.get(g, 1) != 1 for _, p in poly):
            continue
        cofactor: Poly = [(c, {h: k for h, k in p.items() if h != g}) for c, p in poly if g in p]
        rest = [(c, p) for c, p in poly if g not in p]
        if len(cofactor) < 2 or not rest:
            continue   # a monomial A: the first witnesses' case
        # M, the monomial common to A's terms, shares no factor with B where a term of B lacks each of its generators
        common = {h: min(p.get(h, 0) for _, p in cofactor) for h in cofactor[0][1]}
        if any(k and all(h in p for _, p in rest) for h, k in common.items()):
            continue
        reduced: Poly = [(c, {h: k - common.get(h, 0) for h, k in p.items() if k != common.get(h, 0)}) for c, p in cofactor]
        if irreducible(reduced) and _divides(reduced, rest) is False:
            return True
    return False


def _divides(a: Poly, b: Poly) -> bool | None:
    """Whether the sum a divides b: a = n h^m + R (n a number, m 1 or 2, h not in R) takes h^m in b's terms as -R / n
    until none is left, the remainder of b divided by a as a polynomial in h, which is 0 just where a divides b.
    None where a has no such h or the products grow past MAX_TERMS."""
    for h in {h for _, p in a for h in p}:
        lead = [(c, p) for c, p in a if h in p]
        if len(lead) != 1 or len(lead[0][1]) != 1 or lead[0][1][h] not in (1, 2):
            continue
        n, m = lead[0][0], lead[0][1][h]
        step: Poly = [(-c / n, p) for c, p in a if h not in p]   # h^m as it is taken
        left: dict[frozenset[tuple[Any, int]], Fraction] = {}
        for c, p in b:
            q, r = divmod(p.get(h, 0), m)
            term: Poly = [(c, {g: k for g, k in p.items() if g != h} | ({h: r} if r else {}))]
            for _ in range(q):
                term = [(ci * cj, _times(pi, pj)) for ci, pi in term for cj, pj in step]
                if len(term) > MAX_TERMS * MAX_TERMS:
                    return None
            for ci, pi in term:
                key = frozenset(pi.items())
                left[key] = left.get(key, Fraction(0)) + ci
        return not any(left.values())
    return None


def _times(a: dict[Any, int], b: dict[Any, int]) -> dict[Any, int]:
    return {g: a.get(g, 0) + b.get(g, 0) for g in a.keys() | b.keys()}


def _binomial(top: Sequence[tuple[object, Mapping[Any, object]]]) -> bool:
    """The fifth witness: P = c M + d N, two terms whose monomials M, N share no generator (N may be 1), no exp among
    them (SymPy's polynomials read exp(2 u) as exp(u)^2). With e the gcd of all exponents, M / N = T^e for a monomial
    T of exponents prime to each other, which a unimodular change of the Laurent ring's generators makes a generator
    t: there P = c N (t^e + d / c), irreducible just where t^e - a is (a = -d / c), and P, with no monomial factor,
    irreducible in the polynomial ring too. By Capelli's theorem t^e - a is irreducible over the rationals unless a is
    a p-th power for a prime p dividing e, or 4 divides e and a is -4 b^4 (2 c^3 - u^6, u^2 - 2 v^2 c^3: irreducible;
    u^2 - 4 v^2, u^4 + 4 v^4: not)."""
    poly = _poly(top)
    if poly is None or len(poly) != 2 or poly[0][1].keys() & poly[1][1].keys():
        return False
    if any(isinstance(g, sympy.exp) or getattr(g, "fn", None) is Fn.EXP for _, p in poly for g in p):
        return False
    exponents = [k for _, p in poly for k in p.values()]
    if not exponents or any(k <= 0 for k in exponents):
        return False
    e = math.gcd(*exponents)
    a = -poly[1][0] / poly[0][0]
    if any(_is_power(a, p) for p in sympy.primefactors(e)):
        return False
    return e % 4 != 0 or not _is_power(-a / 4, 4)


def _is_power(a: Fraction, p: int) -> bool:
    """Whether the rational a is b^p for a rational b."""
    if a < 0 and p % 2 == 0:
        return False
    return all(sympy.integer_nthroot(abs(n), p)[1] for n in (a.numerator, a.denominator))


def _quadratic(top: Sequence[tuple[object, Mapping[Any, object]]]) -> bool:
    """The third witness: P of degree two (1 + u^2 + v^2, (r - y)^2 + 1 multiplied out). With a new generator z for the
    degree (z^2 for a number, z g for a g), P is a quadratic form; a product of two linear forms has rank two at most,
    and of rank two takes both signs (unless the two are proportional, rank one). So where the form's rank is three or
    more, or two with one sign (Sylvester's inertia, _pivots), P is irreducible over the reals, hence over the
    rationals (z does not divide the form: P has a term of degree two); of rank two with both signs, over the rationals
    where the product of the two pivots, negated, is no rational square (3 - u^2, a Gaussian's 3 - x^2): then P is
    p1 y1^2 + p2 y2^2 in rational linear forms y1, y2 independent over the rationals (_pivots' change of variables is
    rational and invertible), p1 (y1 - r y2) (y1 + r y2) with r^2 = -p2 / p1, a product of rational factors only where r
    is rational (4 - u^2 is not irreducible)."""
    poly = _poly(top)
    if poly is None or any(sum(p.values()) > 2 for _, p in poly) or all(sum(p.values()) < 2 for _, p in poly):
        return False
    names = list(dict.fromkeys(g for _, p in poly for g in p))   # any order: the inertia does not depend on it
    at = {g: i for i, g in enumerate(names)}
    z = len(names)
    form = [[Fraction(0)] * (z + 1) for _ in range(z + 1)]
    for c, p in poly:
        ends = [at[g] for g, k in p.items() for _ in range(k)] + [z] * (2 - sum(p.values()))
        i, j = ends
        form[i][j] += c / 2
        form[j][i] += c / 2
    pivots = _pivots(form)
    plus, minus = sum(p > 0 for p in pivots), sum(p < 0 for p in pivots)
    return plus + minus > 2 or (plus + minus == 2 and not (plus and minus and _is_power(-pivots[0] * pivots[1], 2)))


def _pivots(form: list[list[Fraction]]) -> list[Fraction]:
    """A symmetric form diagonalised by symmetric elimination, a rational change of variables: its nonzero squares'
    coefficients. A nonzero diagonal entry as pivot, its Schur complement left; where every diagonal entry left is 0,
    row and column i plus row and column j (a change of variables) make entry i, i twice the nonzero entry i, j."""
    m = [row[:] for row in form]
    left = list(range(len(m)))
    pivots: list[Fraction] = []
    while left:
        i = next((i for i in left if m[i][i]), None)
        if i is None:
            pair = next(((i, j) for i in left for j in left if i != j and m[i][j]), None)
            if pair is None:
                break
            i, j = pair
            for k in range(len(m)):
                m[i][k] += m[j][k]
            for k in range(len(m)):
                m[k][i] += m[k][j]
        pivot = m[i][i]
        pivots.append(pivot)
        left.remove(i)
        for r in left:
            for k in left:
                m[r][k] -= m[r][i] * m[i][k] / pivot
    return pivots


def _poly(top: Sequence[tuple[object, Mapping[Any, object]]]) -> Poly | None:
    """The terms with numbers for coefficients and whole exponents; None for any other (SymPy's exponents, a root)."""
    poly: Poly = []
    for c, p in top:
        if not isinstance(c, (int, Fraction)) or not all(isinstance(k, (int, Fraction)) and k == int(k) for k in p.values()):
            return None
        poly.append((Fraction(c), {g: int(k) for g, k in p.items()}))   # type: ignore[call-overload]
    return poly


def _one_term_without(top: Sequence[tuple[object, Mapping[Any, object]]]) -> bool:
    """The second witness: a generator g of degree one in every term that has it, and one term M without it
    whose generators each miss from a term with it (t + u - u t**2, u (1 - t**2) + t: tanh's u tanh(u)). P is
    g A + M with A and M prime to each other (a common factor of a monomial is a monomial, dividing every term
    of A), so again primitive and of degree one in g."""
    for g in {g for _, p in top for g in p}:
        without = [p for _, p in top if g not in p]
        if len(without) != 1 or any(p[g] != 1 for _, p in top if g in p):
            continue
        if all(any(h not in p for _, p in top if g in p) for h in without[0]):
            return True
    return False


def laurent_forms(e: sympy.Expr, size: Callable[[sympy.Expr], int | None]) -> tuple[tuple[sympy.Expr, int], ...] | None:
    """The candidate forms (factor_terms' and the split one) of a sum of quotients of products of generators
    whose numerator over the common denominator is a number times a monomial M (sharing no generator with
    the denominator) times an irreducible polynomial, without SymPy's cancel and factor; None for any other
    ``e`` (SymPy's route decides). ``size``: the simplifier's size of a form as it would be written (None where
    it cannot be), to see whether factor's form with P turned round could be the shorter."""
    terms = _terms(e)
    if terms is None or len(terms) < 2 or len(terms) > MAX_TERMS:
        return None
    denominator: dict[sympy.Expr, int] = {}
    for _, powers in terms:
        for g, k in powers.items():
            if k < 0:
                denominator[g] = max(-k, denominator.get(g, 0))
    top = [(c, {g: k + denominator.get(g, 0) for g, k in powers.items()}
                | {g: k for g, k in denominator.items() if g not in powers}) for c, powers in terms]
    # the monomial common to every term of the numerator: factor_terms takes it out; cancel would divide
    # the denominator by it where they share a generator (not done here)
    common = {g: min(p.get(g, 0) for _, p in top) for g in top[0][1]}
    common = {g: k for g, k in common.items() if k}
    if common.keys() & denominator.keys():
        return None
    top = [(c, {g: k - common.get(g, 0) for g, k in p.items() if k != common.get(g, 0)}) for c, p in top]
    if not irreducible(top):
        return None
    # the number factor_terms takes out: the coefficients' content, with a minus sign where all are negative
    scale = math.lcm(*(c.denominator for c, _ in top))
    if scale > 1 and any(c.denominator == 1 for c, _ in top):
        return None   # factor_terms leaves c + 1/2 as it is (clear=False), not (2 c + 1) / 2
    whole = [int(c * scale) for c, _ in top]
    content = sympy.Rational(math.gcd(*whole), scale)
    if all(n < 0 for n in whole):
        content = -content
    primitive = [int(n / content / scale) for n in whole]
    if not (signs_kept(primitive) or sum(n < 0 for n in primitive) <= sum(n > 0 for n in primitive)):
        return None   # factor writes P with a sign of its choosing, -(-P), where it is mostly minus signs
    P = sympy.Add(*(sympy.Mul(n, *(g ** k for g, k in p.items())) for n, (_, p) in zip(primitive, top, strict=True)))
    D = sympy.Mul(*(g ** k for g, k in denominator.items()))
    M = sympy.Mul(*(g ** k for g, k in common.items()))
    forms = [(_keep_coeff(content, M * P / D, sign=True), 0)]
    if not signs_kept(primitive) and (common or denominator or abs(content) != 1):
        # factor gives P the sign of its leading term, which is SymPy's to say: turned round, -content M (-P) / D
        # may be the shorter (-3 (2 u c + 2 u d - u - d), not 3 (u + d + -2 u c + -2 u d)); alone, -(-P) is P again
        kept, turned = size(forms[0][0]), size(_keep_coeff(-content, M * -P / D, sign=True))
        if kept is None or (turned is not None and turned < kept):
            return None
    if denominator:   # cancel's numerator multiplied out, split over the denominator: every term on its own
        forms.append((e if e.is_Add else sympy.Add(*(sympy.Mul(c, *(g ** k for g, k in p.items())) for c, p in terms)), 0))
    return tuple(forms)
