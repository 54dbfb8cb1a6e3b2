"""Functions of sums of atoms as SymPy holds them, for monomial.value and sign_of: tanh(x - y), relu(c - |x - a|),
heaviside(|x - a| - r), log(1 - c), each one more generator of a product, its argument written as from_sympy writes it.

The sum is one of distinct atoms, each to the first power, and maybe a number, with whole coefficients without a
common factor, so that factor_terms, which cancel applies and which opens functions, takes nothing out of it (tanh(2 x
- 2 y) = tanh(2 (x - y)), relu(-x - y) = relu(-(x + y)): those decline). What SymPy then does to the argument depends
on the function's own eval (its FunctionSpec's SymPy class), where the sum could extract a minus sign (more minus terms
than plus, or as many and the first in as_ordered_terms' order minus: SymPy compares the sum's sort key with its
negation's, which differ first there): an odd function takes the minus out (tanh(y - x) = -tanh(x - y); sign's eval
leaves a sum, but cancel's signsimp turns it and sign takes the minus out alike), an even one drops it (cos, cosh);
log, heaviside and the opaque functions (relu, sigmoid, softplus: undefined functions to SymPy) hold the sum as
written; arccos (pi - acos) declines, as does any other function.

The generator's name sorts as SymPy's default_sort_key sorts such sums (monomial.Generator.sort_key: among functions
of sums): by the number of terms, then term by term in as_ordered_terms' order (the atoms by name, the number last),
each a number (before an atom's term) by its value, or an atom's by its name (ended by a mark below every character,
so that x sorts before x1) and then its coefficient.
"""

from __future__ import annotations

import math
from fractions import Fraction

from mcdocgen.engine.generators import Generator, Term, written_sum
from mcdocgen.language import Fn

_WIDTH = 10 ** 6   # whole coefficients below this in size are written in a name, offset to sort as numbers do
_ODD = frozenset({Fn.SIGN, Fn.TANH, Fn.TAN, Fn.ARCSIN, Fn.ARCTAN})   # eval: f(-a) = -f(a) where a could extract -1
_EVEN = frozenset({Fn.COS, Fn.COSH, Fn.ABS})   # eval: f(-a) = f(a) (abs: only where abs_alone.py takes it)
_HELD = frozenset({Fn.LOG, Fn.HEAVISIDE, Fn.RELU, Fn.SIGMOID, Fn.SOFTPLUS, Fn.ARCCOS})   # the argument as written


def of_sum(fn: Fn, found: list[Term]) -> Term:
    """fn of the sum of ``found`` (two terms or more) as SymPy holds it: a sign times one generator; NotMonomial where
    SymPy's forms are not modelled (see the module's docstring)."""
    from mcdocgen.engine.monomial import NotMonomial   # (monomial reads these here)
    if fn not in _ODD | _EVEN | _HELD:
        raise NotMonomial
    atoms: list[tuple[str, int]] = []
    number: list[int] = []
    for c, powers in found:
        if c.denominator != 1 or abs(c) >= _WIDTH:
            raise NotMonomial   # factor_terms takes out a content: sign(x / 2 - y) = sign(x - 2 y)
        if not powers:
            number.append(int(c))
            continue
        if len(powers) != 1:
            raise NotMonomial   # a product in the sum: factor_terms may take out a common factor
        (g, k), = powers.items()
        if k != 1 or g.fn is not None:
            raise NotMonomial   # a power or a function of an atom: SymPy's
        atoms.append((g.name, int(c)))
    atoms.sort()
    coefficients = [c for _, c in atoms] + number
    if math.gcd(*coefficients) != 1 or (fn in _HELD and all(c < 0 for c in coefficients)):
        raise NotMonomial   # factor_terms takes the content, or a minus in every term of a held sum, out
    minus = sum(c < 0 for c in coefficients)
    turned = 2 * minus > len(coefficients) or (2 * minus == len(coefficients) and coefficients[0] < 0)
    if turned and fn in _HELD - {Fn.ARCCOS}:
        turned = False   # held as written
    elif turned and fn is Fn.ARCCOS:
        raise NotMonomial   # acos(-a) = pi - acos(a)
    if turned:
        atoms, number, found = [(n, -c) for n, c in atoms], [-c for c in number], [(-c, p) for c, p in found]
    name = f"~sum{len(found):03d}" + "".join(f"1{n}\0{c + _WIDTH:07d}" for n, c in atoms) + "".join(
        f"0{c + _WIDTH:07d}" for c in number)
    return Fraction(-1 if turned and fn in _ODD else 1), {Generator(name, fn, written_sum(found)): Fraction(1)}
