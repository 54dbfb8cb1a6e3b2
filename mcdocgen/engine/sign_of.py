"""sign(.) as SymPy holds it, for monomial.value: the derivative of abs and norm1 (lasso, Laplace kernels, L1 losses)
as one more generator of a product, where SymPy's sign evaluates its argument the way modelled here.

sympy.sign.eval takes the numbers out of a product (sign(-2 u) = -sign(u), sign(u / 2) = sign(u)) and keeps a product
of atoms, or a quotient of them, as it is (sign(u v): each atom real, maybe 0 or negative); it leaves a sum alone, but
cancel's signsimp turns round a sum that could extract a minus sign (sign(y - x) = -sign(x - y)) and its factor_terms,
which opens functions, takes out a content or a common factor (sign(2 x - 2 y) = sign(x - y)). So here: sign of a
number times a product of distinct atoms (to the first power, or -1 in a quotient), and sign of a sum of distinct
atoms with whole coefficients without a common factor, maybe a whole number term; anything else (sign(u**2),
sign(exp(u)) = 1, sign(tanh(u)), sign(sign(u)), a sum with a product in it) raises NotMonomial and SymPy's route
decides. sign(u)**2 stays (u may be 0), as any generator's power. abs is left to SymPy's route: its candidates write
abs(u) as u sign(u) (scalars._abs_by_sign) and abs(u)**2 as u**2.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING

from mcdocgen.language import Fn, Node

if TYPE_CHECKING:
    from mcdocgen.engine.monomial import AtomNames, Term

_WIDTH = 10 ** 6   # whole coefficients below this in size are written in a name, offset to sort as numbers do


def sign_value(arg: Node, names: AtomNames) -> list[Term]:
    """sign(arg) as SymPy holds it, a number or a number times one generator; NotMonomial where not modelled."""
    from mcdocgen.engine.monomial import Generator, NotMonomial, Product, product_atom, value   # (monomial reads signs here)
    found = value(arg, names)
    if isinstance(found, Product):
        raise NotMonomial
    if len(found) > 1:
        return [_of_sum(found)]
    (c, powers), = found
    sign = Fraction(1 if c > 0 else -1)
    if not powers:
        return [(sign, {})]
    if len(powers) == 1:
        (g, k), = powers.items()
        if k != 1 or g.fn is not None:
            raise NotMonomial   # sign(u**2), sign(1 / u), sign(exp(u)) = 1, sign(tanh(u)): SymPy's
        return [(sign, {Generator(g.name, Fn.SIGN, g.atom): Fraction(1)})]
    product = product_atom(powers, quotient=any(k < 0 for k in powers.values()))
    return [(sign, {Generator(product.name, Fn.SIGN, product.atom): Fraction(1)})]


def _of_sum(found: list[Term]) -> Term:
    """sign of a sum of distinct atoms that factor_terms leaves as it is, its argument written as from_sympy writes it,
    and turned round where the sum could extract a minus sign (cancel's signsimp writes it -(-S), and sign takes the
    minus out: sign(y - x) = -sign(x - y)): more minus terms than plus, or as many and the first term in
    as_ordered_terms' order minus (SymPy compares the sum's sort key with its negation's, which differ first there).
    The generator's name sorts as SymPy's default_sort_key sorts such sums (monomial.Generator.sort_key: among
    functions of sums): by the number of terms, then term by term in as_ordered_terms' order (the atoms by name, the
    number last), each a number (before an atom's term) by its value, or an atom's by its name (ended by a mark below
    every character, so that x sorts before x1) and then its coefficient."""
    from mcdocgen.engine.monomial import Generator, NotMonomial, written_sum
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
    if math.gcd(*coefficients) != 1:
        raise NotMonomial   # factor_terms takes the content out
    minus = sum(c < 0 for c in coefficients)
    turned = 2 * minus > len(coefficients) or (2 * minus == len(coefficients) and coefficients[0] < 0)
    if turned:
        atoms, number, found = [(n, -c) for n, c in atoms], [-c for c in number], [(-c, p) for c, p in found]
    name = f"~sign{len(found):03d}" + "".join(f"1{n}\0{c + _WIDTH:07d}" for n, c in atoms) + "".join(
        f"0{c + _WIDTH:07d}" for c in number)
    return Fraction(-1 if turned else 1), {Generator(name, Fn.SIGN, written_sum(found)): Fraction(1)}
