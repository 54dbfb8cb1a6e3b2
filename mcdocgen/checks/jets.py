"""Exact scalars with their first derivatives and degree bounds: the arithmetic of the components check's exact
route (``checks.exact`` builds matrix operations from it).

A scalar is a ``Jet``: its exact value (an int, cheaper, or a ``Fraction``) and its exact derivatives along every
independent entry of the variable, each computed by the scalar rules of +, -, *, / and integer
powers (and log, whose value is not rational but whose derivative u' / u is). A jet also carries bounds on the
total degrees, in the entries, of the numerator and the denominator of its value and of its derivatives written
as single unreduced fractions (as ``checks.identity._degrees`` reads them off a SymPy tree): the
Schwartz-Zippel lemma needs them to size the range of the random points. A value the route cannot compute
raises NotExact; a vanishing denominator raises Pole (the check draws another point).
"""

from __future__ import annotations

import operator
from fractions import Fraction
from typing import TypeAlias

import sympy

from mcdocgen.checks.identity import IDENTITY_MAX_DEGREE

#: an exact number: an int where it is one (cheaper), else a Fraction
Exact: TypeAlias = int | Fraction

Bound = tuple[int, int]         # degrees of (numerator, denominator)
ZERO_BOUND: Bound = (0, 0)
POWER_MAX = 1_000               # a larger integer power goes to the SymPy route (its degree would be too)


class NotExact(Exception):
    """A value the exact route cannot compute (a function without rational values)."""


class Pole(ZeroDivisionError):
    """A denominator vanishes at the point: draw another."""


def add_bound(a: Bound, b: Bound) -> Bound:
    """N1/D1 + N2/D2 = (N1 D2 + N2 D1) / (D1 D2)."""
    return max(a[0] + b[1], b[0] + a[1]), a[1] + b[1]


def mul_bound(a: Bound, b: Bound) -> Bound:
    return a[0] + b[0], a[1] + b[1]


def div_bound(a: Bound, b: Bound) -> Bound:
    return a[0] + b[1], a[1] + b[0]


def pow_bound(a: Bound, k: int) -> Bound:
    return (k * a[0], k * a[1]) if k >= 0 else (-k * a[1], -k * a[0])


class Jet:
    """A value and its derivatives along each direction (None: all zero, a constant), exactly, with
    degree bounds ``vb`` (value) and ``gb`` (derivatives). ``v`` None: a value that is not rational
    (a logarithm), of which only the derivatives may be used."""

    __slots__ = ("g", "gb", "v", "vb")

    def __init__(self, v: Exact | None, g: tuple[Exact, ...] | None = None, vb: Bound = ZERO_BOUND,
                 gb: Bound = ZERO_BOUND) -> None:
        self.v, self.g, self.vb, self.gb = v, g, vb, gb

    def value(self) -> Exact:
        if self.v is None:
            raise NotExact("a value that is not rational is used")
        return self.v

    def __add__(self, other: object) -> Jet:
        o = lift(other)
        v = None if self.v is None or o.v is None else self.v + o.v
        if self.g is None or o.g is None:
            g, gb = (o.g, o.gb) if self.g is None else (self.g, self.gb)
        else:
            g, gb = tuple(map(operator.add, self.g, o.g)), add_bound(self.gb, o.gb)
        return Jet(v, g, add_bound(self.vb, o.vb), gb)

    __radd__ = __add__

    def __neg__(self) -> Jet:
        return Jet(None if self.v is None else -self.v, None if self.g is None else tuple(-x for x in self.g),
                   self.vb, self.gb)

    def __sub__(self, other: object) -> Jet:
        return self + (-lift(other))

    def __rsub__(self, other: object) -> Jet:
        return lift(other) + (-self)

    def __mul__(self, other: object) -> Jet:
        o = lift(other)
        v = None if self.v is None or o.v is None else self.v * o.v
        g, gb = None, ZERO_BOUND
        if self.g is not None:      # u' v
            ov = o.value()
            g, gb = tuple(x * ov for x in self.g), mul_bound(self.gb, o.vb)
        if o.g is not None:         # u v'
            sv = self.value()
            term = tuple(sv * x for x in o.g)
            part = mul_bound(self.vb, o.gb)
            g, gb = (term, part) if g is None else (tuple(map(operator.add, g, term)), add_bound(gb, part))
        return Jet(v, g, mul_bound(self.vb, o.vb), gb)

    __rmul__ = __mul__

    def __truediv__(self, other: object) -> Jet:
        return self * lift(other).reciprocal()

    def __rtruediv__(self, other: object) -> Jet:
        return lift(other) * self.reciprocal()

    def reciprocal(self) -> Jet:
        """1 / u, and -u' / u^2."""
        v = self.value()
        if v == 0:
            raise Pole("a denominator vanishes")
        inv = Fraction(1) / v     # an int v (most values are ints: cheaper than Fractions) gives no float
        g = None if self.g is None else tuple(-x * inv * inv for x in self.g)
        return Jet(inv, g, (self.vb[1], self.vb[0]), div_bound(self.gb, mul_bound(self.vb, self.vb)))

    def __pow__(self, other: object) -> Jet:
        k = lift(other)
        # a constant integer exponent only: x ** k with a variable k is no rational function of x and k
        if k.g is not None or k.v is None or k.vb != ZERO_BOUND or k.v.denominator != 1:
            raise NotExact("a power that is not a constant integer")
        n = int(k.v)
        if abs(n) > POWER_MAX:
            raise NotExact(f"the power {n} is over POWER_MAX")
        if max(pow_bound(self.vb, abs(n))) > IDENTITY_MAX_DEGREE:   # before the (slow) exact power is built
            raise NotExact(f"a power of degree over {IDENTITY_MAX_DEGREE}")
        if n < 0:
            return self.reciprocal() ** -n
        if n == 0:
            return Jet(1)
        v = self.value()
        power = v ** (n - 1)
        g = None if self.g is None else tuple(n * power * x for x in self.g)
        return Jet(power * v, g, pow_bound(self.vb, n), mul_bound(pow_bound(self.vb, n - 1), self.gb))

    def log(self) -> Jet:
        """log u: a value that is not rational, the derivative u' / u that is."""
        v = self.value()
        if v <= 0:
            raise Pole("log of a value that is not positive")
        g = None if self.g is None else tuple(Fraction(x, v) for x in self.g)     # never int / int: a float
        return Jet(None, g, ZERO_BOUND, div_bound(self.gb, self.vb))


class Root:
    """sqrt(u), which has no rational value: only its even powers (a squared norm) are rational."""

    __slots__ = ("square",)

    def __init__(self, square: Jet) -> None:
        self.square = square

    def __pow__(self, other: object) -> Jet:
        k = lift(other)
        if k.g is None and k.v is not None and k.vb == ZERO_BOUND and k.v.denominator == 1 and k.v % 2 == 0:
            return self.square ** (k.v // 2)
        raise NotExact("an odd power of a square root")

    def _irrational(self, *_: object) -> Jet:
        raise NotExact("a square root is used other than squared")

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _irrational
    __neg__ = _irrational


def lift(x: object) -> Jet:
    """A Jet of a number (a constant: no derivative, degree 0)."""
    if isinstance(x, Jet):
        return x
    if isinstance(x, (int, Fraction)):
        return Jet(x)
    raise NotExact(f"not an exact number: {x!r}")


def constant(value: sympy.Expr) -> Jet:
    """A catalog constant: exact where it is rational (sqrt(2) is not)."""
    if not value.is_Rational:
        raise NotExact(f"the constant {value} is not rational")
    return Jet(Fraction(int(value.p), int(value.q)))
