"""The logistic form of a scalar expression in exp(a), found by the engine's own algebra, not SymPy's cancel.

The scalar simplifier (scalars.py) weighs, among its candidate forms, the expression with exp(a) written
by the logistic sigmoid s = sigmoid(a): exp(a) = s / (1 - s), exp(-a) = (1 - s) / s. Where that form is a
monomial, c s^i (1 - s)^j g_1^k_1 ... (j 0 or 1, g the other generators), it is the shortest of them all:
written in exp it needs exp(a) in a numerator and 1 + exp(a) in a denominator, longer than s alone. So
SymPy's cancel, factor and powsimp need not run: exp(a) / (exp(a) + 1) = s, 1 / (1 + exp(-a))^2 = s^2,
exp(-a) s^2 = s (1 - s). (tests/test_logistic.py checks on random expressions that the simplifier then
chooses what it chose with every candidate form.)

The algebra: a value is K P, K a monomial in the generators, s and t = 1 - s with integer exponents of
either sign, P a polynomial in the generators and s (a dict from exponent tuples to Fractions). Sums
bring their terms over the least K; a quotient needs a divisor that is K times a number; factors s, t
and generators are moved from P into K as they appear. Sizes are bounded (terms, degrees): past the
bounds the answer is None and SymPy's route is taken.
"""

from __future__ import annotations

from fractions import Fraction

import sympy
from sympy.core.mul import _keep_coeff

MAX_TERMS = 32    # terms of P past which the form is not sought
MAX_POWER = 6     # integer powers up to which a sum is multiplied out

Mono = tuple[int, ...]
Poly = dict[Mono, Fraction]


class Unsupported(Exception):
    """Not an expression of the kind this module writes by sigmoids; SymPy's route is taken."""


class ExpAlgebra:
    """Values K P over the generators found in one expression (index 0 is s; K also has t, the last index)."""

    def __init__(self, a: sympy.Expr, s: sympy.Expr) -> None:
        self.a, self.s = a, s
        self.gens: list[sympy.Expr] = [s]
        self.index: dict[sympy.Expr, int] = {s: 0}

    # ---- monomials and polynomials (exponent tuples grow as generators are met)

    def width(self) -> int:
        return len(self.gens)

    def pad(self, m: Mono, n: int) -> Mono:
        return m + (0,) * (n - len(m))

    def gen(self, g: sympy.Expr) -> int:
        if g not in self.index:
            self.index[g] = len(self.gens)
            self.gens.append(g)
        return self.index[g]

    # ---- conversion from SymPy

    def convert(self, e: sympy.Expr) -> tuple[dict[int, int], Poly]:
        if e.is_Rational:
            if e == 0:
                return {}, {}
            return {}, {(): Fraction(int(e.p), int(e.q))}
        if e.is_Add:
            out: tuple[dict[int, int], Poly] = ({}, {})
            for term in e.args:
                out = self.add(out, self.convert(term))
            return out
        if e.is_Mul:
            out = ({}, {(): Fraction(1)})
            for factor in e.args:
                out = self.mul(out, self.convert(factor))
            return out
        if e.is_Pow:
            base, ex = e.args
            if not ex.is_Integer or abs(int(ex)) > MAX_POWER:
                raise Unsupported
            return self.power(self.convert(base), int(ex))
        if isinstance(e, sympy.exp):
            arg = e.args[0]
            if arg == self.a:
                return {0: 1, -1: -1}, {(): Fraction(1)}
            if arg == -self.a:
                return {0: -1, -1: 1}, {(): Fraction(1)}
            raise Unsupported
        if e == self.s:
            return {0: 1}, {(): Fraction(1)}
        if (e.is_Symbol or isinstance(e, sympy.Function)) and not e.has(sympy.exp) and not e.has(self.s):
            if not e.is_Symbol and isinstance(e, (sympy.sin, sympy.sinh, sympy.Abs)):
                raise Unsupported   # other candidate forms rewrite these
            return {self.gen(e): 1}, {(): Fraction(1)}
        raise Unsupported

    # ---- arithmetic on K P

    def mul(self, x: tuple[dict[int, int], Poly], y: tuple[dict[int, int], Poly]) -> tuple[dict[int, int], Poly]:
        k = dict(x[0])
        for i, n in y[0].items():
            k[i] = k.get(i, 0) + n
        return self.normal(k, self.poly_mul(x[1], y[1]))

    def add(self, x: tuple[dict[int, int], Poly], y: tuple[dict[int, int], Poly]) -> tuple[dict[int, int], Poly]:
        if not x[1]:
            return y
        if not y[1]:
            return x
        low = {i: min(x[0].get(i, 0), y[0].get(i, 0)) for i in set(x[0]) | set(y[0])}
        total: Poly = {}
        for k, p in (x, y):
            part = self.poly_mul(p, self.expanded({i: k.get(i, 0) - n for i, n in low.items()}))
            for m, c in part.items():
                m = self.pad(m, self.width())
                total[m] = total.get(m, Fraction(0)) + c
        total = {m: c for m, c in total.items() if c}
        if len(total) > MAX_TERMS:
            raise Unsupported
        return self.normal(low, total)

    def power(self, x: tuple[dict[int, int], Poly], n: int) -> tuple[dict[int, int], Poly]:
        k, p = x
        if n < 0:
            if len(p) != 1:
                raise Unsupported   # a sum that is no monomial in a denominator
            ((m, c),) = p.items()
            if any(m):
                raise Unsupported   # (normal moves monomials into K)
            return {i: e * n for i, e in k.items()}, {(): c ** n}
        out: tuple[dict[int, int], Poly] = ({}, {(): Fraction(1)})
        for _ in range(n):
            out = self.mul(out, x)
        return out

    def expanded(self, k: dict[int, int]) -> Poly:
        """The monomial K (exponents >= 0) as a polynomial: t^j multiplied out as (1 - s)^j."""
        mono = [0] * self.width()
        for i, n in k.items():
            if i >= 0:
                mono[i] = n
        poly: Poly = {tuple(mono): Fraction(1)}
        for _ in range(k.get(-1, 0)):
            poly = self.poly_mul(poly, {(): Fraction(1), (1,): Fraction(-1)})
        return poly

    def poly_mul(self, p: Poly, q: Poly) -> Poly:
        n = self.width()
        out: Poly = {}
        for m1, c1 in p.items():
            a = self.pad(m1, n)
            for m2, c2 in q.items():
                b = self.pad(m2, n)
                m = tuple(u + v for u, v in zip(a, b, strict=True))
                out[m] = out.get(m, Fraction(0)) + c1 * c2
        out = {m: c for m, c in out.items() if c}
        if len(out) > MAX_TERMS:
            raise Unsupported
        return out

    def normal(self, k: dict[int, int], p: Poly) -> tuple[dict[int, int], Poly]:
        """K P with every generator and s that divides P, and every factor 1 - s, moved into K."""
        if not p:
            return {}, {}
        n = self.width()
        p = {self.pad(m, n): c for m, c in p.items()}
        k = dict(k)
        low = [min(m[i] for m in p) for i in range(n)]
        if any(low):
            p = {tuple(u - v for u, v in zip(m, low, strict=True)): c for m, c in p.items()}
            for i, e in enumerate(low):
                if e:
                    k[i] = k.get(i, 0) + e
        while len(p) > 1:
            q = _divide_by_t(p)
            if q is None:
                break
            p = q
            k[-1] = k.get(-1, 0) + 1
        return {i: e for i, e in k.items() if e}, p


def _divide_by_t(p: Poly) -> Poly | None:
    """P / (1 - s) where 1 - s divides P (s is the first variable), else None."""
    # group by the other variables: P = sum over r of q_r(s) r; 1 - s divides P iff it divides each q_r
    groups: dict[Mono, dict[int, Fraction]] = {}
    for m, c in p.items():
        groups.setdefault(m[1:], {})[m[0]] = c
    out: Poly = {}
    for rest, q in groups.items():
        # q(s) = (1 - s) r(s): r_0 = q_0, r_i = q_i + r_(i-1); and the top coefficient closes it
        top = max(q)
        r: dict[int, Fraction] = {}
        carry = Fraction(0)
        for i in range(top):
            carry = q.get(i, Fraction(0)) + carry
            r[i] = carry
        if q.get(top, Fraction(0)) != -carry:
            return None
        for i, c in r.items():
            if c:
                out[(i, *rest)] = c
    return out


def sigmoid_form(e: sympy.Expr, sigmoid: type[sympy.Function]) -> sympy.Expr | None:
    """``e`` written by s = sigmoid(a) where that is a monomial c s^i (1 - s)^j g... (j 0 or 1) and ``e``
    has exp(a) or exp(-a) for one a and no other exp; else None (SymPy's route decides)."""
    exps = e.atoms(sympy.exp)
    if not exps:
        return None
    bases = {-x.args[0] if x.args[0].could_extract_minus_sign() else x.args[0] for x in exps}
    if len(bases) != 1:
        return None
    a = bases.pop()
    s = sigmoid(a)
    algebra = ExpAlgebra(a, s)
    try:
        k, p = algebra.convert(e)
    except (Unsupported, ZeroDivisionError):
        return None
    i, j = k.get(0, 0), k.get(-1, 0)
    # s^i t^j = exp(a)^i / (1 + exp(a))^(i + j): where i + j = 0 the form in exp is shorter
    if len(p) != 1 or any(next(iter(p))) or j not in (0, 1) or i + j == 0 or (i < 0 and j):
        return None
    coeff = next(iter(p.values()))
    factors = [algebra.gens[i] ** n for i, n in sorted(k.items()) if i >= 0]
    if j:   # as factor_terms writes it: a minus goes into the binomial, -c (1 - s) = c (s - 1)
        factors.append(1 - s if coeff > 0 else s - 1)
        coeff = abs(coeff)
    # the number kept in front, as factor_terms keeps it: 2 (1 - s), not 2 - 2 s
    return _keep_coeff(sympy.Rational(coeff.numerator, coeff.denominator), sympy.Mul(*factors))


def exp_in_lone_sum(e: sympy.Expr) -> bool:
    """Whether ``e`` (no sigmoid in it) is R A or R / A, A = c m exp(a) + B a sum with its one exp, exp(a) (a a symbol
    or a product of symbols), in one term only, to the first power, no term of B a multiple of m, A's terms free of sums,
    no other factor on A's side of the line holding a sum (cancel multiplies none into A), R free of exp(a): the
    gradient of log(sum(exp(X w)) + exp(c)), u / (v + exp(c)). Its sigmoid form is never the best: R (c m s + B - B s) /
    (1 - s), or R (1 - s) / (c m s + B - B s), holds the terms of B twice and 1 - s besides, and nothing merges or
    cancels (no term of B is m's; at s = 0 and s = 1 the sum is B and c m, neither zero, so neither s nor 1 - s divides
    it; a factor of R divides it only as it divides A, content free of s, which cancel takes out of both forms alike):
    strictly longer than factor_terms(cancel(e)), a candidate of the same rank."""
    exps = e.atoms(sympy.exp)
    if len(exps) != 1:
        return False
    x = exps.pop()
    a = x.args[0]
    if not (a.is_Symbol or (a.is_Mul and all(f.is_Symbol for f in a.args))):
        return False   # exp(-a), exp(2 a), exp(u + v): cancel may write them otherwise (1 / exp(a), exp(a)^2, split)
    with_x = [f for f in sympy.Mul.make_args(e) if f.has(x)]
    if len(with_x) != 1:
        return False
    f = with_x[0]
    side = 1 if f.is_Add else -1 if f.is_Pow and f.base.is_Add and f.exp == -1 else 0
    if not side:
        return False
    found = f if side > 0 else f.base
    for g in sympy.Mul.make_args(e):
        base, k = g.as_base_exp()
        if g is not f and base.has(sympy.Add) and not (k.is_Rational and k * side < 0):
            return False   # a sum on A's side: cancel may multiply it into A
    terms = found.args
    if any(t.has(sympy.Add) for t in terms):
        return False
    inner = [t for t in terms if t.has(x)]
    if len(inner) != 1:
        return False
    cofactor, dependent = inner[0].as_independent(x, as_Add=False)
    m = cofactor.as_coeff_Mul()[1]
    return dependent == x and all(t.as_coeff_Mul()[1] != m for t in terms if t is not inner[0])
