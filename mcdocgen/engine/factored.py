"""SymPy's factor, the same expression, made without factorising where a witness shows each polynomial irreducible.

sympy.factor(e) puts e over a common denominator (together), makes a polynomial of each factor of the quotient
and factors it (Poly.factor_list): the monomial common to its terms, each generator with its power; the number,
with the sign that makes the rest's leading coefficient plus in SymPy's lexicographic order of generators; the
rest split into irreducible factors, each primitive with a plus leading coefficient; the answer is the number
times the product of the factors (polytools._symbolic_factor). Factorisation over the rationals is unique, so
that product does not depend on how e was grouped: where e is a rational number times integer powers of
polynomials (whole positive powers of generators that are symbols or functions: no exp, which together and the
polynomials' generators would regroup; a root B^(p/q) as the generator B^(1/q) to the power p, independent of B, where
that root is not in every term) and each polynomial, its monomial taken out, is irreducible by a witness of
laurent.irreducible, factor's answer is made here from e's own factors, without together and factor_list, which are
most of factor's cost. So too a factor B^e, e no integer (a root of a sum, a symbolic power: the Student-t kernel's
S^(-(v + 3) / 2)), that factor gives back as it is: B a symbol, a function, or a primitive irreducible sum with a plus
leading and no common generator, and no other factor with the base B. Where no witness is found, such a polynomial is
factored on the engine's polynomial ring (polynomials.ring): over the generators in SymPy's order and over the domain
SymPy's Poly would take (the integers, or the rationals where a coefficient is a fraction), the ring's factor_list
runs the very routine Poly.factor_list runs (factortools.dmp_factor_list) on the same polynomial, so the same factors,
written as Poly writes them; only SymPy's together and its expression-to-Poly conversion are skipped. Anything else
goes to sympy.factor. tests/test_factored.py checks the two alike on random expressions.
"""

from __future__ import annotations

from fractions import Fraction
import math

import sympy
from sympy.core.mul import _keep_coeff
from sympy.polys.domains import QQ, ZZ

from mcdocgen.engine.laurent import MAX_TERMS, irreducible
from mcdocgen.engine.polynomials import ring
from mcdocgen.engine.sympy_order import generator_order, leading_coefficient


def factor(e: sympy.Expr) -> sympy.Expr:
    """sympy.factor(e) (deep=False)."""
    known = _by_witnesses(e)
    return sympy.factor(e) if known is None else known


def _by_witnesses(e: sympy.Expr) -> sympy.Expr | None:
    """factor's answer where every factor of e is a rational number, an integer power of a polynomial, expanded,
    whose part without its monomial is irreducible by a witness, or a power that factor gives back (_kept_under_power)
    of a base no other factor has; else None."""
    coeff: sympy.Expr = sympy.S.One
    factors: list[sympy.Expr] = []
    powered: list[sympy.Expr] = []
    for arg in sympy.Mul.make_args(e):
        if arg.is_Rational:
            coeff *= arg
            continue
        if isinstance(arg, sympy.exp) and _expanded(arg):   # one generator, exp(a / q)**p to Poly: written back, itself
            factors.append(arg)
            continue
        base, exp = (arg.base, arg.exp) if arg.is_Pow else (arg, sympy.S.One)
        if not exp.is_Integer:
            if not _kept_under_power(base):
                return None
            factors.append(arg)   # a root or a symbolic power that factor gives back as it is
            powered.append(base)
            continue
        found = _irreducible_factors(base)
        if found is None:
            return None
        content, parts = found
        coeff *= content**exp
        factors.extend(part**(k * exp) for part, k in parts)
    bases = [f.as_base_exp()[0] for f in factors]
    if any(bases.count(b) > 1 for b in powered):
        return None   # B^e beside another power of B: factor merges them by how its assumptions see B, Mul by the exponents
    return _keep_coeff(coeff, sympy.Mul(*factors))


def _kept_under_power(base: sympy.Expr) -> bool:
    """Whether factor gives B^e back as it is, e no integer (a root, a symbolic exponent): B a symbol or a generator
    function (one polynomial factor, itself: factor_list's (1, [(B, 1)])), or a sum that together leaves alone and
    factor_list gives back whole: whole coefficients without a common divisor (gcd_terms, which together runs on a sum,
    would take a fraction or a content out, and under the root the number would go apart: sqrt(2 u + 2) = sqrt(2)
    sqrt(u + 1)), no generator common to its terms (gcd_terms and factor_list take it out: sqrt(c^2 d + c^4) = |c|
    sqrt(c^2 + d)), its leading coefficient in SymPy's order plus (a minus would stand beside B under the power, which
    SymPy writes as I sqrt(-B) where -B is known positive) and irreducible by a witness. There factor_list gives
    content 1 and the one factor B, and _symbolic_factor_list puts back B^e (beside B's other powers, which the
    product merges, as factor's does)."""
    if base.is_Symbol or (_generator(base) and not isinstance(base, sympy.exp)):
        return True   # (a power of exp is an exp to SymPy, but for a symbolic exponent it may stand as one: left to SymPy)
    terms = _terms(base) if base.is_Add else None
    if terms is None or len(terms) < 2 or len(terms) > MAX_TERMS or any(c.denominator != 1 for c, _ in terms):
        return False
    if math.gcd(*(int(c) for c, _ in terms)) != 1 or set.intersection(*(set(p) for _, p in terms)):
        return False
    lead = leading_coefficient(terms)
    return lead is not None and lead > 0 and irreducible(terms)


Term = tuple[Fraction, dict[sympy.Expr, int]]


def _terms(e: sympy.Expr) -> list[Term] | None:
    """The terms of e, a sum of rational numbers times whole positive powers of generators as SymPy's polynomials take
    them (symbols, and functions but exp, whose arguments expand leaves alone), and roots B^(1/q) to the first power
    (_root_generator); None for any other e."""
    terms: list[Term] = []
    for t in sympy.Add.make_args(e):
        c, rest = t.as_coeff_Mul()
        if not c.is_Rational:
            return None
        powers: dict[sympy.Expr, int] = {}
        for f in sympy.Mul.make_args(rest) if rest is not sympy.S.One else ():
            if _root_generator(f):   # B^(p/q): the root B^(1/q) to the power p (decompose_power)
                powers[sympy.Pow(f.base, sympy.Rational(1, f.exp.q))] = int(f.exp.p)
                continue
            g, k = (f.base, f.exp) if f.is_Pow else (f, sympy.S.One)
            if not (k.is_Integer and k > 0 and (g.is_Symbol or _generator(g))):
                return None
            powers[g] = int(k)
        terms.append((Fraction(int(c.p), int(c.q)), powers))
    roots = {g for _, p in terms for g in p if g.is_Pow}
    bases = [g.base for g in roots]
    # a root in every term: together's gcd_terms takes its least power out, and what is left of its other powers is
    # B's (a^(3/2) b + sqrt(a) c is sqrt(a) (a b + c), a polynomial in a); two roots of one base (sqrt(a), a^(1/3)):
    # SymPy's. B itself beside its root is another generator to gcd_terms and to Poly alike (b a^(3/2) + c a^2 stays)
    if roots & set.intersection(*(set(p) for _, p in terms)) or len(set(bases)) < len(bases):
        return None
    return terms


def _root_generator(f: sympy.Expr) -> bool:
    """B^(p/q) (q > 1, p > 0), B a symbol, a generator function or a sum of such terms: the root B^(1/q) to the power
    p, one generator to SymPy's polynomials (decompose_power), independent of B to them; of a sum only the root itself
    (expand, which Poly runs, multiplies B^(3/2) out as B sqrt(B))."""
    if not (f.is_Pow and f.exp.is_Rational and f.exp.p > 0 and f.exp.q > 1):
        return False
    base = f.base
    if base.is_Symbol or (_generator(base) and not isinstance(base, sympy.exp)):
        return True
    found = _terms(base) if base.is_Add and f.exp.p == 1 else None
    return found is not None and not any(g.is_Pow for _, p in found for g in p)


def _generator(g: sympy.Expr) -> bool:
    # a function SymPy's polynomials take as a generator as it stands (expand, which they run, would rewrite another;
    # one of numbers alone, tanh(1), they take as a coefficient); exp(k a) they read as exp(a)**k (decompose_power),
    # so an exp only where its argument's number is 1
    return (isinstance(g, sympy.Function) and not g.is_number and _expanded(g)
            and not (isinstance(g, sympy.exp) and g.args[0].as_coeff_Mul(rational=True)[0] is not sympy.S.One))


def _expanded(e: sympy.Expr) -> bool:
    """Whether expand leaves e alone, seen on its tree: no product with a sum in it, no power but a rational one of a
    symbol or such a function, no exp of a sum, and no log but of a symbol or a sum (expand splits the log of a number, a
    product or a power; log(1 + x / c) it gives back)."""
    if e.is_Symbol or e.is_Rational:
        return True
    if isinstance(e, sympy.log):
        return (e.args[0].is_Symbol or e.args[0].is_Add) and _expanded(e.args[0])
    if isinstance(e, sympy.exp):   # exp(a + b) it splits
        return not e.args[0].is_Add and _expanded(e.args[0])
    if e.is_Add or e.is_Mul:
        return not (e.is_Mul and any(a.is_Add for a in e.args)) and all(_expanded(a) for a in e.args)
    if e.is_Pow:
        return e.exp.is_Rational and (e.base.is_Symbol or (isinstance(e.base, sympy.Function) and _expanded(e.base)))
    return isinstance(e, sympy.Function) and not isinstance(e, (sympy.exp, sympy.log)) and all(_expanded(a) for a in e.args)


def _irreducible_factors(base: sympy.Expr) -> tuple[sympy.Expr, list[tuple[sympy.Expr, int]]] | None:
    """Poly(base).factor_list() as expressions where base, its common monomial taken out, is a number or a polynomial
    irreducible by a witness: the content with the sign of the leading coefficient in SymPy's order of generators,
    each generator of the monomial with its power, and the rest over the content; None where no witness is found."""
    terms = _terms(base)
    if terms is None:
        return None
    if len(terms) > MAX_TERMS:
        return _ring_factors(terms)
    common = {g: min(p.get(g, 0) for _, p in terms) for g in {g for _, p in terms for g in p}}
    rest = [(c, {g: k - common[g] for g, k in p.items() if k != common[g]}) for c, p in terms]
    if len(rest) > 1 and not irreducible(rest):
        return _ring_factors(terms)
    lead = leading_coefficient([(c, {g: p.get(g, 0) for g in common}) for c, p in rest])
    if lead is None:
        return None
    scale = math.lcm(*(c.denominator for c, _ in rest))
    content = Fraction(math.gcd(*(int(c * scale) for c, _ in rest)), scale)
    if lead < 0:
        content = -content
    parts = [(g, j) for g, j in common.items() if j]
    if len(rest) > 1:
        parts.append((base if not parts and content == 1 else sympy.Add(*(
            sympy.Mul(_rational(c / content), *(g**k for g, k in p.items())) for c, p in rest)), 1))
    return _rational(content), parts


def _ring_factors(terms: list[Term]) -> tuple[sympy.Expr, list[tuple[sympy.Expr, int]]] | None:
    """Poly(base).factor_list() as expressions, for the sum of ``terms``, by the ring's factor_list: the same routine
    on the same polynomial (generators in SymPy's order, its domain); None where two generators are alike to that
    order (which SymPy puts first is then not known)."""
    order = generator_order({g for _, p in terms for g in p})
    if not order:
        return None
    domain = ZZ if all(c.denominator == 1 for c, _ in terms) else QQ
    coefficients: dict[tuple[int, ...], sympy.Rational] = {}
    for c, powers in terms:
        monomial = tuple(powers.get(g, 0) for g in order)
        coefficients[monomial] = coefficients.get(monomial, 0) + _rational(c)
    p = ring(len(order), domain).from_dict(coefficients)
    if not p:
        return None
    content, factors = p.factor_list()
    return domain.to_sympy(content), [(f.as_expr(*order), k) for f, k in factors]


def _rational(q: Fraction) -> sympy.Rational:
    return sympy.Rational(q.numerator, q.denominator)
