"""Generators of monomials and how from_sympy writes a monomial of them.

A generator (an atom, an inert function of one, exp(c u^k), a sign: monomial.py reads which) is one factor of a
monomial c g1^k1 g2^k2 ...; its sort key is SymPy's default_sort_key up to what decides the order among them, so that
a monomial, a sum of them, or a monomial times one sum is written here as from_sympy writes SymPy's form of it (the
factors in SymPy's order, a negative power below the line, exp of a negative multiple below as exp of the positive).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import cast

import sympy

from mcdocgen import language as E
from mcdocgen.engine.plain import INERT
from mcdocgen.language import FUNCTIONS, Add, Div, Fn, Mul, Node

_SYMBOL_CLASS: tuple[int, int, str] = sympy.Symbol.class_key()   # every atom is a symbol
# SymPy's class key of each inert function as to_sympy writes it (an opaque one: an undefined function)
_FN_CLASS: dict[Fn, tuple[int, int, str]] = {fn: cast(type[sympy.Function], sympy.Function(FUNCTIONS[fn].name) if
                                                      FUNCTIONS[fn].sympy_opaque else FUNCTIONS[fn].sympy).class_key()
                                             for fn in (*INERT, Fn.EXP, Fn.SIGN, Fn.ABS)}
HALF = Fraction(1, 2)


@dataclass(frozen=True, slots=True)
class Generator:
    """An atom (``fn`` None), an inert function of one, or exp(scale atom^power) (power a positive integer: the Gaussian
    exp(-|x - a|^2 / 2)), or a sign (sign_of.py), or an atom to a symbolic ``exponent`` (u**p, u**(p - 1), written as
    from_sympy writes it); ``name``: the atom's symbol as to_sympy names it."""

    name: str
    fn: Fn | None
    atom: Node
    scale: Fraction = Fraction(1)
    power: Fraction = Fraction(1)
    inner: Fn | None = None   # fn(inner(atom)), an inert function of an opaque one (tanh(softplus(u)), Mish)
    # SymPy keys u**p by its base first, its exponent last: it sorts as u does (u and u**p never meet: monomial.with_powers)
    exponent: Node | None = None

    def __hash__(self) -> int:   # a Fraction hashes slowly, and generators are hashed often
        return hash((self.name, self.fn))

    def sort_key(self) -> tuple[tuple[int, int, str], tuple[int, int, str], str, Fraction]:
        """SymPy's default_sort_key of the generator, up to what decides the order among these (one exp at most in a
        product; f(u) before f(2 u), a Mul's coefficient last in its key; a sum under a root, native_roots.py, an Add)."""
        inner = _MUL_CLASS if (self.scale != 1 and self.fn is not Fn.EXP) or isinstance(self.atom, (Mul, Div)) else (
            ADD_CLASS if isinstance(self.atom, Add) else _FN_CLASS[self.inner] if self.inner else _SYMBOL_CLASS)
        outer = _FN_CLASS[self.fn] if self.fn else ADD_CLASS if isinstance(self.atom, Add) else _SYMBOL_CLASS
        return outer, inner, self.name, self.scale

    def node(self) -> Node:
        if self.exponent is not None:
            return E.power(self.atom, self.exponent)
        if self.fn is Fn.EXP:
            return E.func(Fn.EXP, written(self.scale, {Generator(self.name, None, self.atom): self.power}))
        if self.inner is not None:
            return E.func(self.fn, E.func(self.inner, self.atom)) if self.fn else self.atom
        if self.fn is not None and self.scale != 1:   # f(c u), an inert function of a multiple of an atom
            return E.func(self.fn, E.mul(num_node(self.scale), self.atom))
        return self.atom if self.fn is None else E.func(self.fn, self.atom)

    def below(self) -> bool:
        """exp of a negative multiple: fraction() puts it below the line as exp of the positive one."""
        return self.fn is Fn.EXP and self.scale < 0



Powers = dict[Generator, Fraction]
Term = tuple[Fraction, Powers]


def written(c: Fraction, powers: Powers) -> Node:
    """The term c g1^k1 ... (c not 0) as from_sympy writes SymPy's form of it."""
    return written_with_sum(c, powers, None)


def written_with_sum(c: Fraction, powers: Powers, inner: tuple[list[Term], bool] | None) -> Node:
    """c g1^k1 ... times, where ``inner`` is given, the sum of its terms, as from_sympy writes SymPy's Mul of
    them: the sum after the factors where it could extract a minus sign (inner's flag), else after the
    symbols and before the functions (SymPy's class key of Add)."""
    if inner is None and not powers:
        return num_node(c)
    if inner is None and c == 1 and len(powers) == 1:   # SymPy's Pow (or the symbol itself), not a Mul
        (g, k), = powers.items()
        return E.div(num_node(Fraction(1)), power_node(g, -k)) if k < 0 else power_node(g, k)
    flipped = {(Generator(g.name, g.fn, g.atom, -g.scale, g.power) if g.below() else g): (-k if g.below() else k)
               for g, k in powers.items()}
    ordered = sorted(flipped.items(), key=lambda gk: (gk[0].sort_key(), gk[1]))
    tops = [power_node(g, k) for g, k in ordered if k > 0]
    if inner is not None:
        terms_, extracts = inner
        at = len(tops) if extracts else sum(1 for g, k in ordered if k > 0 and g.sort_key()[0] < ADD_CLASS)
        tops.insert(at, written_sum(terms_))
    top = product_node(tops)
    bottom = [power_node(g, -k) for g, k in ordered if k < 0]
    node = top if not bottom else E.div(top, product_node(bottom))
    if c == 1:
        return node
    if c == -1:
        return E.neg(node)
    return E.mul(num_node(c), node)


def power_node(g: Generator, k: Fraction) -> Node:
    base = g.node()
    if k == 1:
        return base
    if k == HALF:
        return E.func(Fn.SQRT, base)
    return E.power(base, num_node(k))


def written_sum(found: list[Term]) -> Node:
    """The sum of these terms as from_sympy writes SymPy's Add of them: its terms ordered positive first,
    a number after the other terms of its sign, else by default_sort_key."""
    return E.add(*(written(c, p) for c, p in sorted(found, key=lambda t: (t[0] < 0, not t[1], term_key(*t)))))


_MUL_CLASS: tuple[int, int, str] = sympy.Mul.class_key()
ADD_CLASS: tuple[int, int, str] = sympy.Add.class_key()


def term_key(c: Fraction, powers: Powers) -> tuple[object, ...]:
    """default_sort_key of SymPy's c g1^k1 ..., up to what decides the order among terms of an Add: a single power sorts
    by its generator and exponent, a product (after every single symbol, before functions) by its number of factors
    and then its factors' keys; the coefficient last. A number term has no key: an Add has one at most."""
    if not powers:
        return ()
    if len(powers) == 1:
        (g, k), = powers.items()
        return *g.sort_key(), k, c
    return _MUL_CLASS, (len(powers), tuple(sorted((*g.sort_key(), k) for g, k in powers.items()))), 0, c


def product_node(factors: list[Node]) -> Node:
    if not factors:
        return num_node(Fraction(1))
    node = factors[0]
    for f in factors[1:]:
        node = E.mul(node, f)
    return node


def num_node(c: Fraction) -> Node:
    return E.num(sympy.Rational(c.numerator, c.denominator))
