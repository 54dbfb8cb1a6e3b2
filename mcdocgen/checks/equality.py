"""Whether two SymPy entries are equal: the cheapest proof their difference allows, each bounded.

The components check compares every entry of the derived result with SymPy's own derivative of the
function. ``equal`` decides, cheapest proof first:

1. **symbolic**: the difference is 0 as SymPy builds it, or it is a small polynomial of low degree
   whose expansion is 0 (a nonzero expansion proves a difference);
2. **identity testing** (``checks.identity``): the difference is a rational function of the entries
   and of exponentials of polynomials in them, evaluated exactly at random integer points;
3. for a difference with other functions in it, where it is small (at most SYMBOLIC_SIZE nodes):
   SymPy's ``expand`` and ``cancel`` where the terms they would make are few (``expansion_terms``
   at most SYMBOLIC_TERMS: their heuristic gcd on the big integers of a larger one took seconds,
   and showed nothing an exact point does not); then **identity testing by cases**
   (``checks.cases``): abs, sign, heaviside, max and min split by the signs of their arguments,
   other functions new variables, each choice of signs tested exactly at random integer points;
4. **digits**: anything else is evaluated at random rational points, to DIGITS digits with mpmath
   where the difference is large (SymPy's ``evalf`` raises its precision until a zero is resolved,
   which takes minutes), to DIGITS_EVALF digits with ``evalf`` where it is small. A difference at a
   point proves the entries differ; agreement is reported as agreement to so many digits.

``equal`` answers a Proof, or ``Differs`` with where the difference was found (the point, on the
digits route), or ``Undecided``: fewer than DIGITS_POINTS of DIGITS_DRAWS draws had both entries
finite (H(x) / sqrt(relu(x)) is 0 / 0 wherever x < 0, on both sides), so the digits route compared
too few points to call them equal and found none where they differ. Never "differs" unseen.

No ``simplify``: it can run for minutes. Every choice is structural (the expression's form and
size, never a clock), and the points come from the caller's seeded generator: the same entries
give the same answer on every machine.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import mpmath
import numpy as np
import sympy

from mcdocgen.checks.cases import cases_test
from mcdocgen.checks.identity import (
    DIGITS, DIGITS_EVALF, IDENTITY_MAX_DEGREE, SYMBOLIC_DEGREE, Proof, identity_test, rational_form, tree_size,
)

SYMBOLIC_SIZE = 400             # a difference with more nodes (tree_size) skips expand and cancel
SYMBOLIC_TERMS = 500            # expand and cancel where the difference as one fraction has at most this many terms
DIGITS_ZERO = sympy.Float("1e-25")   # relative to the larger side (_negligible)
DIGITS_POINTS = 3
# draws at most for those points, a draw where a side is not finite drawn again: where half the draws are 0 / 0
# (relu's flat side), fewer than 3 of 40 has probability 821 / 2**40 < 1e-9, where 3 of 9 missed with 46 / 512
# (9%, at each entry: the verdict turned on the problem's id)
DIGITS_DRAWS = 40


@dataclass(frozen=True)
class Differs:
    """The entries were shown to differ: ``where`` says how (the point and both values, on the digits route)."""

    where: str


@dataclass(frozen=True)
class Undecided:
    """The entries were neither shown equal nor shown to differ: ``why`` not."""

    why: str


#: what ``equal`` found for two entries
Outcome = Proof | Differs | Undecided


def expansion_terms(expr: sympy.Expr) -> float:
    """An upper estimate of the number of terms of the difference's numerator written as one expanded
    fraction (a sum: each part times the others' denominators; a product: the product of the parts'
    counts; a power k: the k-th power), functions counted as one term each, and the largest such count
    inside a function's arguments (``expand`` expands there too). Structural, never a clock: how much
    ``expand`` and ``cancel`` could have to do. Float, so that towers do not make huge integers."""
    memo: dict[sympy.Expr, tuple[float, float]] = {}
    inside = [0.0]

    def walk(e: sympy.Expr) -> tuple[float, float]:
        if e in memo:
            return memo[e]
        if e.is_Add:
            parts = [walk(a) for a in e.args]
            den = math.prod(d for _, d in parts)
            out = (sum(n * den / d for n, d in parts), den)
        elif e.is_Mul:
            parts = [walk(a) for a in e.args]
            out = (math.prod(n for n, _ in parts), math.prod(d for _, d in parts))
        elif e.is_Pow and e.exp.is_Integer:
            n, d = walk(e.base)
            k = int(e.exp)
            out = (n ** k, d ** k) if k >= 0 else (d ** -k, n ** -k)
        else:
            for a in e.args:
                inside[0] = max(inside[0], walk(a)[0])
            out = (1.0, 1.0)
        memo[e] = out
        return out

    return max(walk(expr)[0], inside[0])


def equal(a: sympy.Expr, b: sympy.Expr, rng: np.random.Generator) -> Outcome:
    """How ``a`` and ``b`` were shown equal, that they differ, or neither (see the module's doc)."""
    diff = a - b
    if diff == 0:
        return Proof.SYMBOLIC
    small = tree_size(diff) <= SYMBOLIC_SIZE
    form = rational_form(diff)
    if form is not None and form.degree > IDENTITY_MAX_DEGREE:
        return _fixed_digits(a, b, rng)     # x ** 10 ** 5: exact values of megabits
    if small and form is not None and form.polynomial and form.degree <= SYMBOLIC_DEGREE:
        return Proof.SYMBOLIC if sympy.expand(diff) == 0 else Differs("their difference expands to a nonzero polynomial")
    tested = None if form is None else identity_test(form, rng)
    if tested is not None:
        return Proof.IDENTITY if tested else Differs("exactly, at a random integer point")
    if small:
        return _functions(a, b, rng)
    return _fixed_digits(a, b, rng)


def _functions(a: sympy.Expr, b: sympy.Expr, rng: np.random.Generator) -> Outcome:
    """A small difference with functions in it: expansion and cancellation where few terms
    (``expansion_terms``), identity testing by cases (``checks.cases``), else DIGITS_EVALF digits of
    ``evalf`` at random rational points (a difference there is a proof of inequality; agreement is
    reported as such)."""
    diff = a - b
    if expansion_terms(diff) <= SYMBOLIC_TERMS:
        for attempt in (sympy.expand, sympy.cancel):
            try:
                if attempt(diff) == 0:
                    return Proof.SYMBOLIC
            except (sympy.PolynomialError, TypeError, ValueError):
                continue
    if cases_test(diff, rng):
        return Proof.CASES
    symbols = sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name)
    agreed = 0
    for _ in range(DIGITS_DRAWS):
        point = {s: sympy.Rational(_coordinate(rng, s, 900), 97) for s in symbols}
        # xreplace: symbols to numbers, the same values as subs without its pattern matching (a tenth of the time)
        values = [e.xreplace(point).evalf(DIGITS_EVALF) for e in (diff, a, b)]
        if not all(v.is_number and v.is_finite for v in values):
            continue            # a singular point of the entries (a pole, two entries drawn equal)
        if not _negligible(*values):
            at = ", ".join(f"{s} = {v}" for s, v in point.items())
            return Differs(f"at {at}: {_number(values[1])} against {_number(values[2])}")
        agreed += 1
        if agreed == DIGITS_POINTS:
            return Proof.DIGITS
    return Undecided(f"both sides finite (and equal) at only {agreed} of {DIGITS_DRAWS} random points, "
                     f"{DIGITS_POINTS} needed (DIGITS_POINTS)")


def _number(v: sympy.Expr) -> str:
    """A value to 6 significant digits (a complex one too: log of a negative), the same text on every machine."""
    return str(v.evalf(6))
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


def _heaviside(x: mpmath.mpf, at_zero: object) -> object:
    """SymPy's Heaviside(x, H0) as lambdify's own printing of it computes it (0, H0 at 0, else 1), a
    function: lambdify otherwise rewrites each Heaviside as a Piecewise, folded into the expression
    around it, whose printing took minutes on a GCN's entries (relu of products of relus)."""
    return 0 if x < 0 else at_zero if x == 0 else 1


def _fixed_digits(a: sympy.Expr, b: sympy.Expr, rng: np.random.Generator) -> Outcome:
    """A large difference at random rational points with mpmath at a fixed DIGITS digits; where
    that does not show a zero (lost digits, or a real difference), SymPy's own comparison decides."""
    symbols = sorted(a.free_symbols | b.free_symbols, key=lambda s: s.name)
    try:
        # lambdify writes code from SymPy's printer over these symbols (names the catalog validated)
        f = sympy.lambdify(symbols, (a, b), modules=[{"Heaviside": _heaviside}, "mpmath"])
    except (NameError, TypeError, SyntaxError):
        return _functions(a, b, rng)
    with mpmath.workdps(DIGITS):
        for _ in range(DIGITS_POINTS):
            # entries within about 2 of 0: exp and log of products stay far from float-like underflow
            point = [mpmath.mpf(_coordinate(rng, s, 200)) / 97 for s in symbols]
            try:
                va, vb = (mpmath.mpmathify(v) for v in f(*point))
            except (NameError, TypeError, ValueError, ZeroDivisionError):
                return _functions(a, b, rng)
            scale = max(abs(va), abs(vb))
            if not (mpmath.isfinite(va) and mpmath.isfinite(vb)) or abs(va - vb) > mpmath.mpf("1e-25") * scale:
                return _functions(a, b, rng)
    return Proof.DIGITS


