"""Identity testing of a difference with functions in it, case by case over the signs it depends on.

``abs``, ``sign``, ``heaviside``, ``max`` and ``min`` are piecewise rational: with ``s_u`` the sign of
``u`` (1 or -1 away from u's zeros), ``abs(u) = u s_u``, ``sign(u) = s_u``, ``heaviside(u) = (1 + s_u) / 2``,
``max(a, b) = (a + b + (a - b) s_(a-b)) / 2``, ``min(a, b) = (a + b - (a - b) s_(a-b)) / 2``. Every other
function (a logarithm, a sine, a square root: ``u ** (p / q)`` is ``T ** p`` for ``T = u ** (1 / q)``), and
every irrational constant, becomes a new variable ``T``, one for each distinct subexpression. The
difference is then a rational function R of the entries, the signs and the T variables (and the Y
variables of exponentials of polynomials, ``checks.identity``).

If R is zero as a rational function of the entries and the T variables for every choice of the signs,
the difference is zero wherever it is defined (away from the zeros of the signs' arguments): at any
such point, the signs take one of the choices and the T variables some values. So R is tested by
``checks.identity.identity_test`` (exact values at random integer points, Schwartz-Zippel) for each of
the 2^k choices of k signs, k at most SIGNS_MAX. Some choices may be impossible (u > 0, v > 0 and
u + v < 0), and the T variables forget relations (log(x y) = log x + log y, sqrt(u) ** 2 = u): a
nonzero R there proves nothing, and the caller goes on to its other routes. Zero at every choice is
a proof with the identity test's probability bound: a wrong difference is a nonzero R at some choice.
"""

from __future__ import annotations

import itertools

import numpy as np
import sympy

from mcdocgen.checks.identity import HYPERBOLIC, NotRational, RationalForm, identity_test, rational_form

SIGNS_MAX = 6       # signs at most: 2^6 = 64 choices, each tested at up to IDENTITY_POINTS points
PIECEWISE = (sympy.Abs, sympy.sign, sympy.Heaviside, sympy.Max, sympy.Min)


class _Split:
    """The walk that writes a difference with sign and T variables (memoised by subexpression)."""

    def __init__(self) -> None:
        self.memo: dict[sympy.Expr, sympy.Expr] = {}
        self.signs: dict[sympy.Expr, sympy.Symbol] = {}     # u (its sign taken out) -> s_u
        self.opaque: dict[sympy.Expr, sympy.Symbol] = {}    # a function, rewritten inside -> T

    def __call__(self, e: sympy.Expr) -> sympy.Expr:
        if e not in self.memo:
            self.memo[e] = self._walk(e)
        return self.memo[e]

    def sign(self, u: sympy.Expr) -> sympy.Expr:
        """s_u, as the sign of -u's variable where u reads as a negation (sign(-u) = -sign(u))."""
        if u.could_extract_minus_sign():
            return -self.sign(-u)
        if u not in self.signs:
            self.signs[u] = sympy.Symbol(f"s{len(self.signs)}", real=True)
        return self.signs[u]

    def variable(self, key: sympy.Expr) -> sympy.Symbol:
        if key not in self.opaque:
            self.opaque[key] = sympy.Symbol(f"T{len(self.opaque)}", real=True)
        return self.opaque[key]

    def _walk(self, e: sympy.Expr) -> sympy.Expr:
        if e.is_Symbol or e.is_Rational:
            return e
        if not e.free_symbols and not e.args:      # pi, E, a Float: an unknown constant
            return self.variable(e)
        if e.is_Add or e.is_Mul:
            return e.func(*[self(a) for a in e.args])
        if e.is_Pow and e.exp.is_Integer:
            return self(e.base) ** e.exp
        if e.is_Pow and e.exp.is_Rational:          # u ** (p / q) = T ** p, T = u ** (1 / q)
            return self.variable(self(e.base) ** sympy.Rational(1, e.exp.q)) ** e.exp.p
        if isinstance(e, HYPERBOLIC):
            return self(e.rewrite(sympy.exp))
        if isinstance(e, sympy.exp):
            inner = sympy.exp(self(e.args[0]))
            return inner if _polynomial_exponential(inner) else self.variable(inner)
        if isinstance(e, sympy.Abs):
            u = self(e.args[0])
            return u * self.sign(u)
        if isinstance(e, sympy.sign):
            return self.sign(self(e.args[0]))
        if isinstance(e, sympy.Heaviside):
            return (1 + self.sign(self(e.args[0]))) / 2
        if isinstance(e, (sympy.Max, sympy.Min)):
            side = 1 if isinstance(e, sympy.Max) else -1
            out = self(e.args[0])
            for b in e.args[1:]:
                u = out - self(b)
                out = (out + self(b) + side * u * self.sign(u)) / 2
            return out
        return self.variable(e.func(*[self(a) for a in e.args]))


def _polynomial_exponential(e: sympy.Expr) -> bool:
    """Whether ``exp(p)`` is one that identity testing writes with Y variables (checks.identity)."""
    try:
        return rational_form(e) is not None
    except NotRational:
        return False


def split(expr: sympy.Expr) -> tuple[RationalForm, list[sympy.Symbol]] | None:
    """``expr`` as a rational form in the entries, sign variables and T variables, with the sign
    variables; None where it has more than SIGNS_MAX signs or is not rational even so (an exponential
    of a polynomial of high degree)."""
    walk = _Split()
    written = walk(expr)
    if len(walk.signs) > SIGNS_MAX:
        return None
    form = rational_form(written)
    return None if form is None else (form, sorted(walk.signs.values(), key=lambda s: s.name))


def cases_test(expr: sympy.Expr, rng: np.random.Generator) -> bool:
    """True where ``expr`` is shown zero in every choice of its signs (the module's doc); False where
    that is not shown (nothing proven either way: a nonzero value at a choice may be an impossible
    choice, or a relation the T variables forget)."""
    found = split(expr)
    if found is None:
        return False
    form, signs = found
    for choice in itertools.product((1, -1), repeat=len(signs)):
        if identity_test(form, rng, dict(zip(signs, choice, strict=True))) is not True:
            return False
    return True
