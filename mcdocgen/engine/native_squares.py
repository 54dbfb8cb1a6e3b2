"""Sums native_sums.py may take as generators by their powers: a g^2 + b (a, b positive) has no real root, so it is
irreducible and prime to what holds no g; a quadratic without a rational root is irreducible; where such a sum is prime
to the rest of a node though g is found there (beside 1 - g^2, below a sum it does not divide); and a binomial of coprime
monomials, prime to every monomial and, where reducible, factored longer (k^3 + x^3)."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

from mcdocgen.engine.laurent import irreducible
from mcdocgen.engine.generators import Generator, Term
from mcdocgen.engine.monomial import AtomNames, NotMonomial, Product, value
from mcdocgen.engine.native import all_terms
from mcdocgen.engine.plain import INERT
from mcdocgen.language import Node


def times_square_binomial(found: list[Term] | Product) -> bool:
    """Whether the rest is a monomial times 1 - g^2 (g^2 - 1): its roots, 1 and -1, are none of a g^2 + b's (a, b
    positive), so such a sum is prime to it, and cancel multiplies out no more than the sum's powers, which are
    longer so ((1 - u^2) / (u^2 + 1)^2, the derivative of u / (1 + u^2))."""
    if not isinstance(found, Product) or len(found.inner) != 2:
        return False
    (one, number), (c, powers) = sorted(found.inner, key=lambda t: bool(t[1]))
    return not number and abs(one) == 1 and c == -one and len(powers) == 1 and next(iter(powers.values())) == 2


def is_square(s: Node, names: AtomNames) -> bool:
    found = value(s, names)
    return not isinstance(found, Product) and positive_square(found) is not None


def below_prime(squares: list[Node], sub: Callable[[Node], tuple[Node, Node]], names: AtomNames) -> set[Node]:
    """The one a g^2 + b of ``squares`` (irreducible) prime to the rest of the node though g is found there: the node
    with the sum s a placeholder (``sub``: that node and the placeholder) a product M S / s^k (M a monomial, S a sum)
    whose g is s's g only, above the line, to whole powers, with s not dividing S (g^2 taken as -b / a in S leaves a
    term) and not in S. Then cancel cancels nothing and multiplies s^k out, longer; factor's S is the same with s a
    symbol. Empty where no square or more than one is such."""
    found_prime: set[Node] = set()
    for s in squares:
        try:
            found = value(sub(s)[0], names)
        except NotMonomial:
            continue
        terms = value(s, names)
        if not isinstance(found, Product) or isinstance(terms, Product):
            continue
        (b, _), (a, powers) = sorted(terms, key=lambda t: bool(t[1]))
        g = next(iter(powers))
        mine = [h for h in found.outer[1] if h.atom == sub(s)[1]]
        if not mine or found.outer[1][mine[0]] >= 0 or any(
                h.name == g.name and (h != g or k < 0 or k.denominator != 1) for _, p in all_terms(found) for h, k in p.items()):
            continue
        left: dict[tuple[frozenset[tuple[Generator, Fraction]], int], Fraction] = {}
        for c, p in found.inner:
            m, r = divmod(int(p.get(g, 0)), 2)
            key = (frozenset((h, k) for h, k in p.items() if h != g), r)
            left[key] = left.get(key, Fraction(0)) + c * (-b / a) ** m
        if any(left.values()) and not any(mine[0] in p for _, p in found.inner):
            found_prime.add(s)
    return found_prime if len(found_prime) == 1 else set()


def irreducible_quadratic(found: list[Term]) -> bool:
    """Whether the sum of these terms is a c2 g**2 + c1 g + c0 (c2, c0 not 0) of one generator g with whole
    coefficients whose discriminant is no square: no rational root, so irreducible (u**2 + 1)."""
    gens = {g for _, p in found for g in p}
    if len(gens) != 1 or any(len(p) > 1 or any(k not in (1, 2) for k in p.values()) for _, p in found):
        return False
    by_degree = {int(next(iter(p.values()), 0)): c for c, p in found}
    if 0 not in by_degree or 2 not in by_degree or any(c.denominator != 1 for c in by_degree.values()):
        return False
    disc = int(by_degree.get(1, 0) ** 2 - 4 * by_degree[2] * by_degree[0])
    return disc < 0 or math.isqrt(disc) ** 2 != disc


def positive_square(found: list[Term]) -> str | None:
    """The generator's name of a sum a g^2 + b (a, b positive whole numbers without a common factor: 1 + |x|^2),
    else None. It has no real root, so no rational one: irreducible, as a quadratic, and prime to what holds
    no g."""
    if len(found) != 2:
        return None
    (b, number), (a, powers) = sorted(found, key=lambda t: bool(t[1]))
    if number or len(powers) != 1 or a.denominator != 1 or b.denominator != 1 or a <= 0 or b <= 0:
        return None
    (g, k), = powers.items()
    if k != 2 or (g.fn is not None and g.fn not in INERT) or math.gcd(int(a), int(b)) != 1:
        return None
    return g.name


def coprime_binomial(found: list[Term]) -> bool:
    """Whether the sum of these terms is a binomial c1 m1 + c2 m2 of monomials with no generator in common (one may be a
    number), whole positive exponents, and not a difference of squares (x^2 - y^2, as long as (x - y) (x + y)). No
    monomial divides it, so it is prime to the rest wherever native_sums finds its generators nowhere else or in
    monomials only; factor_terms leaves it (primitive, nothing common); and where it is reducible (k^3 + x^3 =
    (k + x) (k^2 - k x + x^2)), factor's form holds two sums or more of two terms at least each for its two terms:
    strictly longer, so never SymPy's answer. A whole power of it other than 1 or -1 SymPy's route holds multiplied out,
    and factors in full where it is reducible (reducible_binomial): native_sums leaves that to SymPy's route."""
    if len(found) != 2:
        return False
    (c1, p1), (c2, p2) = found
    if p1.keys() & p2.keys() or any(k <= 0 or k.denominator != 1 for p in (p1, p2) for k in p.values()):
        return False
    return (c1 > 0) == (c2 > 0) or not all(k.numerator % 2 == 0 for p in (p1, p2) for k in p.values())


def reducible_binomial(found: list[Term] | Product) -> bool:
    """A coprime_binomial that no witness shows irreducible (k^3 + x^3, c^4 - 1)."""
    return not isinstance(found, Product) and coprime_binomial(found) and not irreducible_quadratic(found) and not (
        irreducible(found))
