"""Polynomial identity testing: a difference as a rational function, evaluated exactly at random points.

``checks.equality`` decides whether two entries are equal; this module holds its exact route and
the words of every proof (``proof_text``):

- **identity testing**: the difference is a rational function of the entries and of exponentials
  of polynomials in them (tanh, sinh and cosh written with exp). Each ``exp(p)`` is written as a
  product of powers of new variables ``Y_m = exp(m / L)``, one for each monomial ``m`` of the
  exponents, which are algebraically independent of each other and of the entries (the
  exponents ``sum_m k_m m`` of distinct powers
  are distinct polynomials without constant term, and exponentials of such are linearly
  independent over the rational functions). The difference is then a rational function of the
  entries and the ``Y``; it is evaluated exactly (integer fractions) at IDENTITY_POINTS random
  integer points drawn from 1 to R. A nonzero value proves a difference. If the difference N / D
  is not zero, N has degree at most d and D at most d (bounds read off the tree): N vanishes at a
  random point with probability at most d / R (Schwartz-Zippel), at most d / (R - d) at a point
  drawn again where D vanishes. R is IDENTITY_RANGE for every IDENTITY_DEGREE_STEP degrees begun
  (2^32 up to degree 1000), so d / (R - d) stays below IDENTITY_DEGREE_STEP / (IDENTITY_RANGE -
  IDENTITY_DEGREE_STEP), and a wrong entry agrees at every point with probability below
  IDENTITY_FALSE_PASS. Degrees over IDENTITY_MAX_DEGREE are left to the digits route.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from typing import Any
from fractions import Fraction

import numpy as np
import sympy

SYMBOLIC_DEGREE = 12            # a polynomial of higher degree is not expanded ((x + 1) ** 5000 has 5001 terms)
IDENTITY_POINTS = 3
IDENTITY_RANGE = 2 ** 32        # coordinates of a point: integers from 1 to this times ceil(degree / STEP)
IDENTITY_DEGREE_STEP = 1_000
IDENTITY_MAX_DEGREE = 10_000    # a larger degree bound goes to the digits route (degree 20,000: 1.5 s an entry)
IDENTITY_DRAWS = 12             # draws at most for the points (a draw that hits a pole is redrawn)
DIGITS = 60                     # the digits route (checks.equality): mpmath on a large difference
HYPERBOLIC = (sympy.tanh, sympy.sinh, sympy.cosh)
DIGITS_EVALF = 40               # and evalf on a small one
#: a wrong entry passes identity testing with probability at most (degree / (range - degree)) ** points
#: (1.3e-20), rounded up to a power of ten
IDENTITY_FALSE_PASS = 10.0 ** math.ceil(math.log10(
    (IDENTITY_DEGREE_STEP / (IDENTITY_RANGE - IDENTITY_DEGREE_STEP)) ** IDENTITY_POINTS))


@enum.unique
class Proof(enum.StrEnum):
    """How two entries were shown equal."""

    SYMBOLIC = "symbolic"
    IDENTITY = "identity testing"
    CASES = "identity testing by cases"     # checks.cases: for every choice of the signs
    DIGITS = "digits"


class NotRational(Exception):
    """The difference is not a rational function of the entries and exponentials of polynomials."""


class Pole(Exception):
    """A denominator vanishes at the point: draw another."""


# ---------------------------------------------------------------- the form of a difference


def tree_size(expr: sympy.Expr) -> int:
    """The number of nodes of ``expr`` as a tree (a shared subexpression counted at each use): how
    large expanding it could be. Memoised by subexpression, so cheap on large shared trees, unlike
    ``count_ops``."""
    memo: dict[sympy.Expr, int] = {}

    def walk(e: sympy.Expr) -> int:
        if e not in memo:
            memo[e] = 1 + sum(walk(a) for a in e.args)
        return memo[e]

    return walk(expr)


@dataclass(frozen=True, slots=True)
class RationalForm:
    """A difference as a rational function of the entries and of Y variables for its exponentials."""

    expr: sympy.Expr        # the difference, tanh, sinh and cosh written with exp
    exps: dict[sympy.Expr, dict[sympy.Expr, int]]   # exp(p) -> {monomial m: k}: the product of Y_m ** k
    degree: int             # bound on the total degree of its numerator and of its denominator
    polynomial: bool        # no denominator and no exponential: a polynomial in the entries


def rational_form(expr: sympy.Expr) -> RationalForm | None:
    """``expr`` as a rational function of the entries and Y variables, or None where it is not one
    (another function, a power that is not an integer, an exponent that is not a polynomial or has
    a constant term). tanh, sinh and cosh are written with exp first (tanh u = (e^2u - 1) / (e^2u + 1)
    as functions: the value is kept)."""
    try:
        exps = _exponentials(expr)
    except NotRational:
        if not expr.has(*HYPERBOLIC):
            return None
        expr = expr.rewrite(list(HYPERBOLIC), sympy.exp)
        try:
            exps = _exponentials(expr)
        except NotRational:
            return None
    num, den = _degrees(expr, exps)
    return RationalForm(expr, exps, max(num, den), den == 0 and not exps)


def _exponentials(expr: sympy.Expr) -> dict[sympy.Expr, dict[sympy.Expr, int]]:
    """Each ``exp(p)`` as powers of ``Y_m = exp(m / L_m)``: {exp(p): {m: k_m}}, exp(p) the product of
    Y_m ** k_m; L_m is the least common denominator of m's coefficients over every exponent, so the
    powers are integers."""
    found: list[sympy.Expr] = []
    seen: set[sympy.Expr] = set()

    def walk(e: sympy.Expr) -> None:
        if e in seen:
            return
        seen.add(e)
        if isinstance(e, sympy.exp):
            found.append(e)
        elif not (e.is_Symbol or e.is_Rational or e.is_Add or e.is_Mul or (e.is_Pow and e.exp.is_Integer)):
            raise NotRational(f"not a rational function: {type(e).__name__}")
        else:
            for a in e.args:
                walk(a)

    walk(expr)
    terms: dict[sympy.Expr, dict[sympy.Expr, Fraction]] = {}
    for e in found:
        arg = e.args[0]
        if not arg.is_polynomial(*arg.free_symbols):
            raise NotRational(f"exp of a non-polynomial: {e}")
        if _polynomial_degree(arg) > SYMBOLIC_DEGREE:    # its monomials come from expanding it
            raise NotRational(f"exp of a polynomial of high degree: {e}")
        coeffs: dict[sympy.Expr, Fraction] = {}
        for m, c in sympy.expand(arg).as_coefficients_dict().items():
            if not c.is_Rational or any(not f.free_symbols for f in sympy.Mul.make_args(m)):
                raise NotRational(f"exp with a constant or irrational term: {e}")
            coeffs[m] = Fraction(int(c.p), int(c.q))
        terms[e] = coeffs
    lcd: dict[sympy.Expr, int] = {}
    for coeffs in terms.values():
        for m, c in coeffs.items():
            lcd[m] = math.lcm(lcd.get(m, 1), c.denominator)
    return {e: {m: int(c * lcd[m]) for m, c in coeffs.items()} for e, coeffs in terms.items()}


def _polynomial_degree(expr: sympy.Expr) -> int:
    """A bound on the total degree of a polynomial, without expanding it (constants are degree 0)."""
    memo: dict[sympy.Expr, int] = {}

    def walk(e: sympy.Expr) -> int:
        if e not in memo:
            if not e.free_symbols:
                memo[e] = 0
            elif e.is_Symbol:
                memo[e] = 1
            elif e.is_Add:
                memo[e] = max(walk(a) for a in e.args)
            elif e.is_Mul:
                memo[e] = sum(walk(a) for a in e.args)
            elif e.is_Pow and e.exp.is_Integer and e.exp >= 0:
                memo[e] = int(e.exp) * walk(e.base)
            else:
                raise NotRational(f"not a polynomial: {type(e).__name__}")
        return memo[e]

    return walk(expr)


def _degrees(expr: sympy.Expr, exps: dict[sympy.Expr, dict[sympy.Expr, int]]) -> tuple[int, int]:
    """Bounds on the total degree, in the entries and the Y variables, of the numerator and the
    denominator of ``expr`` written as one fraction N / D (each node's bounds combined as a fraction
    sum or product would be; D is the product of every denominator in the tree, so a draw redrawn
    at a pole is one where D vanishes)."""
    memo: dict[sympy.Expr, tuple[int, int]] = {}

    def walk(e: sympy.Expr) -> tuple[int, int]:
        if e in memo:
            return memo[e]
        if e.is_Symbol:
            out = (1, 0)
        elif e.is_Rational:
            out = (0, 0)
        elif isinstance(e, sympy.exp):
            powers = exps[e].values()
            out = (sum(k for k in powers if k > 0), -sum(k for k in powers if k < 0))
        elif e.is_Add:
            parts = [walk(a) for a in e.args]
            den = sum(d for _, d in parts)
            out = (max(n + den - d for n, d in parts), den)
        elif e.is_Mul:
            parts = [walk(a) for a in e.args]
            out = (sum(n for n, _ in parts), sum(d for _, d in parts))
        else:   # an integer power (_exponentials let nothing else through)
            n, d = walk(e.base)
            k = int(e.exp)
            out = (k * n, k * d) if k >= 0 else (-k * d, -k * n)
        memo[e] = out
        return out

    return walk(expr)


# ---------------------------------------------------------------- exact values at integer points


def exact_value(expr: sympy.Expr, point: dict[Any, int], exps: dict[sympy.Expr, dict[sympy.Expr, int]]) -> tuple[int, int]:
    """``expr`` at ``point`` (entries by symbol, the Y variables by ``_y(monomial)``) as an integer fraction
    (numerator, denominator), not reduced: big integers, no gcd at every step. Pole where a
    denominator vanishes."""
    memo: dict[sympy.Expr, tuple[int, int]] = {}

    def walk(e: sympy.Expr) -> tuple[int, int]:
        if e in memo:
            return memo[e]
        if e.is_Symbol:
            out = (point[e], 1)
        elif e.is_Rational:
            out = (int(e.p), int(e.q))
        elif isinstance(e, sympy.exp):
            num = den = 1
            for m, k in exps[e].items():
                y = point[_y(m)]
                if k > 0:
                    num *= y ** k
                else:
                    den *= y ** -k
            out = (num, den)
        elif e.is_Add:
            num, den = 0, 1
            for a in e.args:
                n, d = walk(a)
                num, den = num * d + n * den, den * d
            out = (num, den)
        elif e.is_Mul:
            num = den = 1
            for a in e.args:
                n, d = walk(a)
                num, den = num * n, den * d
            out = (num, den)
        else:   # an integer power
            n, d = walk(e.base)
            k = int(e.exp)
            if k < 0 and n == 0:
                raise Pole(str(e))
            out = (n ** k, d ** k) if k >= 0 else (d ** -k, n ** -k)
        memo[e] = out
        return out

    return walk(expr)


def _y(monomial: sympy.Expr) -> tuple[str, sympy.Expr]:
    """Where Y_m's value is in a point: a key of its own (the monomial x is not the entry x)."""
    return ("Y", monomial)


def point_range(degree: int) -> int:
    """The largest coordinate of a point for a difference of this degree bound: the chance that a
    nonzero one vanishes there, d / (R - d), stays below the same figure for every degree."""
    return IDENTITY_RANGE * max(1, math.ceil(degree / IDENTITY_DEGREE_STEP))


def identity_test(form: RationalForm, rng: np.random.Generator,
                  fixed: dict[sympy.Symbol, int] | None = None) -> bool | None:
    """True if the difference ``form`` vanishes at IDENTITY_POINTS random points (zero, up to
    IDENTITY_FALSE_PASS), False if it does not vanish at one (certainly nonzero), None where the
    degree bound is over IDENTITY_MAX_DEGREE or too many draws hit a pole. ``fixed``: symbols given
    these nonzero values at every point (checks.cases' signs), not drawn."""
    if form.degree > IDENTITY_MAX_DEGREE:
        return None
    fixed = fixed or {}
    symbols = sorted(form.expr.free_symbols - set(fixed), key=lambda s: s.name)
    monomials = sorted({m for powers in form.exps.values() for m in powers}, key=sympy.default_sort_key)
    zeros = 0
    for _ in range(IDENTITY_DRAWS):
        values = rng.integers(1, point_range(form.degree), size=len(symbols) + len(monomials), endpoint=True).tolist()
        point = dict(zip([*symbols, *map(_y, monomials)], values, strict=True)) | fixed
        try:
            if exact_value(form.expr, point, form.exps)[0] != 0:
                return False
        except Pole:
            continue
        zeros += 1
        if zeros == IDENTITY_POINTS:
            return True
    return None


def proof_text(proofs: set[Proof]) -> str:
    """How every entry was shown equal, in words that are the same on every machine."""
    words = {Proof.SYMBOLIC: "symbolically",
             Proof.IDENTITY: f"exactly at {IDENTITY_POINTS} random integer points (polynomial identity testing: "
                             f"a wrong entry would pass with probability below {IDENTITY_FALSE_PASS:.0e})",
             Proof.CASES: "by cases, one for each sign of the arguments of its piecewise functions (abs, sign, "
                          f"heaviside, max, min), each exactly at {IDENTITY_POINTS} random integer points with any other "
                          "function taken as an unknown (polynomial identity testing: a wrong entry would pass with "
                          f"probability below {IDENTITY_FALSE_PASS:.0e})",
             Proof.DIGITS: f"to {DIGITS_EVALF} or {DIGITS} digits at exact rational points"}
    return " or ".join(words[p] for p in Proof if p in proofs)
