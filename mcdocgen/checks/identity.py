"""Whether two SymPy entries are equal: symbolically where that is cheap, else by exact evaluation.

The components check compares every entry of the derived result with SymPy's own derivative of
the function. ``equal`` decides, cheapest proof first:

1. **symbolic**: the difference is 0 as SymPy builds it, or it is a small polynomial of low degree
   whose expansion is 0 (a nonzero expansion proves a difference);
2. **identity testing**: the difference is a rational function of the entries and of exponentials
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
   IDENTITY_FALSE_PASS. Degrees over IDENTITY_MAX_DEGREE take the digits route;
3. **digits**: anything else (logarithms, trigonometric and step functions in the difference) is
   evaluated at random rational points, to DIGITS digits with mpmath where the difference is
   large (SymPy's ``evalf`` raises its precision until a zero is resolved, which takes minutes),
   after SymPy's ``expand`` and ``cancel`` where it is small, as before.

No ``simplify``: it can run for minutes. Every choice is structural (the expression's form and
size, never a clock), and the points come from the caller's seeded generator: the same entries
give the same answer on every machine.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from fractions import Fraction

import mpmath
import numpy as np
import sympy

SYMBOLIC_SIZE = 400             # a difference with more nodes (tree_size) skips expand and cancel
SYMBOLIC_DEGREE = 12            # a polynomial of higher degree is not expanded ((x + 1) ** 5000 has 5001 terms)
IDENTITY_POINTS = 3
IDENTITY_RANGE = 2 ** 32        # coordinates of a point: integers from 1 to this times ceil(degree / STEP)
IDENTITY_DEGREE_STEP = 1_000
IDENTITY_MAX_DEGREE = 10_000    # a larger degree bound goes to the digits route (degree 20,000: 1.5 s an entry)
IDENTITY_DRAWS = 12             # draws at most for the points (a draw that hits a pole is redrawn)
DIGITS = 60
HYPERBOLIC = (sympy.tanh, sympy.sinh, sympy.cosh)
DIGITS_ZERO = sympy.Float("1e-25")   # relative to the larger side (_negligible)
DIGITS_EVALF = 40
DIGITS_POINTS = 3
DIGITS_DRAWS = 9                # draws at most for those points (a draw at a singular point is redrawn)
#: a wrong entry passes identity testing with probability at most (degree / (range - degree)) ** points
#: (1.3e-20), rounded up to a power of ten
IDENTITY_FALSE_PASS = 10.0 ** math.ceil(math.log10(
    (IDENTITY_DEGREE_STEP / (IDENTITY_RANGE - IDENTITY_DEGREE_STEP)) ** IDENTITY_POINTS))


@enum.unique
class Proof(enum.StrEnum):
    """How two entries were shown equal."""

    SYMBOLIC = "symbolic"
    IDENTITY = "identity testing"
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


def _degrees(expr: sympy.Expr, exps: dict) -> tuple[int, int]:
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


def exact_value(expr: sympy.Expr, point: dict, exps: dict) -> tuple[int, int]:
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


def identity_test(form: RationalForm, rng: np.random.Generator) -> bool | None:
    """True if the difference ``form`` vanishes at IDENTITY_POINTS random points (zero, up to
    IDENTITY_FALSE_PASS), False if it does not vanish at one (certainly nonzero), None where the
    degree bound is over IDENTITY_MAX_DEGREE or too many draws hit a pole."""
    if form.degree > IDENTITY_MAX_DEGREE:
        return None
    symbols = sorted(form.expr.free_symbols, key=lambda s: s.name)
    monomials = sorted({m for powers in form.exps.values() for m in powers}, key=sympy.default_sort_key)
    zeros = 0
    for _ in range(IDENTITY_DRAWS):
        values = rng.integers(1, point_range(form.degree), size=len(symbols) + len(monomials), endpoint=True).tolist()
        point = dict(zip([*symbols, *map(_y, monomials)], values, strict=True))
        try:
            if exact_value(form.expr, point, form.exps)[0] != 0:
                return False
        except Pole:
            continue
        zeros += 1
        if zeros == IDENTITY_POINTS:
            return True
    return None


# ---------------------------------------------------------------- the comparison


def equal(a: sympy.Expr, b: sympy.Expr, rng: np.random.Generator) -> Proof | None:
    """How ``a`` and ``b`` were shown equal, or None if they differ (see the module's doc)."""
    diff = a - b
    if diff == 0:
        return Proof.SYMBOLIC
    small = tree_size(diff) <= SYMBOLIC_SIZE
    form = rational_form(diff)
    if form is not None and form.degree > IDENTITY_MAX_DEGREE:
        return _fixed_digits(a, b, rng)     # x ** 10 ** 5: exact values of megabits
    if small and form is not None and form.polynomial and form.degree <= SYMBOLIC_DEGREE:
        return Proof.SYMBOLIC if sympy.expand(diff) == 0 else None
    tested = None if form is None else identity_test(form, rng)
    if tested is not None:
        return Proof.IDENTITY if tested else None
    if small:
        return _symbolic_or_digits(a, b, rng)
    return _fixed_digits(a, b, rng)


def _symbolic_or_digits(a: sympy.Expr, b: sympy.Expr, rng: np.random.Generator) -> Proof | None:
    """Expansion and cancellation, else 40 digits of ``evalf`` at random rational points (a
    difference there is a proof of inequality; agreement is reported as such)."""
    diff = a - b
    for attempt in (sympy.expand, sympy.cancel):
        try:
            if attempt(diff) == 0:
                return Proof.SYMBOLIC
        except (sympy.PolynomialError, TypeError, ValueError):
            continue
    symbols = sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name)
    agreed = 0
    for _ in range(DIGITS_DRAWS):
        point = {s: sympy.Rational(_coordinate(rng, s, 900), 97) for s in symbols}
        # xreplace: symbols to numbers, the same values as subs without its pattern matching (a tenth of the time)
        values = [e.xreplace(point).evalf(DIGITS_EVALF) for e in (diff, a, b)]
        if not all(v.is_number and v.is_finite for v in values):
            continue            # a singular point of the entries (a pole, two entries drawn equal)
        if not _negligible(*values):
            return None
        agreed += 1
        if agreed == DIGITS_POINTS:
            return Proof.DIGITS
    return None


def _negligible(diff: sympy.Expr, a: sympy.Expr, b: sympy.Expr) -> bool:
    """Whether ``diff`` (= a - b, evaluated by itself) is zero to the precision of ``a`` and ``b``:
    evalf found no significant digit of it (SymPy raises its precision until it resolves a
    nonzero value), or it is below DIGITS_ZERO relative to the larger side. Relative, not
    absolute: 2 g and g with a tiny g (exp(-x^2 - 100)) differ; E and E with a huge E agree."""
    if diff == 0 or (isinstance(diff, sympy.Float) and diff._prec <= 1):
        return True
    return bool(abs(diff) <= DIGITS_ZERO * max(abs(a), abs(b)))


def _coordinate(rng: np.random.Generator, s: sympy.Symbol, bound: int) -> int:
    """A random nonzero integer numerator within ``bound``, positive for a positive symbol."""
    value = int(rng.integers(-bound, bound)) or 1
    return abs(value) if s.is_positive else value


def _fixed_digits(a: sympy.Expr, b: sympy.Expr, rng: np.random.Generator) -> Proof | None:
    """A large difference at random rational points with mpmath at a fixed DIGITS digits; where
    that does not show a zero (lost digits, or a real difference), SymPy's own comparison decides."""
    symbols = sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name)
    try:
        # lambdify writes code from SymPy's printer over these symbols (names the catalog validated)
        f = sympy.lambdify(symbols, (a, b), modules="mpmath")
    except (NameError, TypeError, SyntaxError):
        return _symbolic_or_digits(a, b, rng)
    with mpmath.workdps(DIGITS):
        for _ in range(DIGITS_POINTS):
            # entries within about 2 of 0: exp and log of products stay far from float-like underflow
            point = [mpmath.mpf(_coordinate(rng, s, 200)) / 97 for s in symbols]
            try:
                va, vb = (mpmath.mpmathify(v) for v in f(*point))
            except (NameError, TypeError, ValueError, ZeroDivisionError):
                return _symbolic_or_digits(a, b, rng)
            scale = max(abs(va), abs(vb))
            if not (mpmath.isfinite(va) and mpmath.isfinite(vb)) or abs(va - vb) > mpmath.mpf("1e-25") * scale:
                return _symbolic_or_digits(a, b, rng)
    return Proof.DIGITS


def proof_text(proofs: set[Proof | None]) -> str:
    """How every entry was shown equal, in words that are the same on every machine."""
    words = {Proof.SYMBOLIC: "symbolically",
             Proof.IDENTITY: f"exactly at {IDENTITY_POINTS} random integer points (polynomial identity testing: "
                             f"a wrong entry would pass with probability below {IDENTITY_FALSE_PASS:.0e})",
             Proof.DIGITS: f"to 40 or {DIGITS} digits at exact rational points"}
    return " or ".join(words[p] for p in Proof if p in proofs)
