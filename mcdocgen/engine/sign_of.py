"""sign(.) as SymPy holds it, for monomial.value: the derivative of abs and norm1 (lasso, Laplace kernels, L1 losses)
as one more generator of a product, where SymPy's sign evaluates its argument the way modelled here.

sympy.sign.eval takes the numbers out of a product (sign(-2 u) = -sign(u), sign(u / 2) = sign(u)) and keeps a product
of atoms, or a quotient of them, as it is (sign(u v): each atom real, maybe 0 or negative); it leaves a sum alone, but
cancel's signsimp turns round a sum that could extract a minus sign (sign(y - x) = -sign(x - y)) and its factor_terms,
which opens functions, takes out a content or a common factor (sign(2 x - 2 y) = sign(x - y)). So here: sign of a
number times a product of distinct atoms (to the first power, or -1 in a quotient), and sign of a sum of distinct
atoms with whole coefficients without a common factor, maybe a whole number term (fn_sums.py); anything else (sign(u**2),
sign(exp(u)) = 1, sign(tanh(u)), sign(sign(u)), a sum with a product in it) raises NotMonomial and SymPy's route
decides. sign(u)**2 stays (u may be 0), as any generator's power. abs is left to SymPy's route (its candidates write
abs(u) as u sign(u), substituted.abs_by_sign, and abs(u)**2 as u**2) but where u is found nowhere else: abs_alone.py.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from mcdocgen.engine.fn_sums import of_sum
from mcdocgen.engine.generators import Generator, Term
from mcdocgen.language import Fn, Node

if TYPE_CHECKING:
    from mcdocgen.engine.monomial import AtomNames


def sign_value(arg: Node, names: AtomNames, fn: Fn = Fn.SIGN) -> list[Term]:
    """sign(arg) as SymPy holds it, a number or a number times one generator; NotMonomial where not modelled. Another
    ``fn`` (inert) of a sum: as fn_sums.py models it."""
    from mcdocgen.engine.monomial import NotMonomial, Product, product_atom, value   # (monomial reads signs here)
    found = value(arg, names)
    if isinstance(found, Product) or (fn is not Fn.SIGN and len(found) < 2):
        raise NotMonomial
    if len(found) > 1:
        return [of_sum(fn, found)]   # a function of a sum of atoms: fn_sums.py
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

