"""The scalar simplifier's candidate forms built without SymPy, where they are known: plain products and
sums, and sums of quotients (plain.is_plain and plain.quotient_forms say which), each written as
from_sympy would write SymPy's form of it (monomial.py).

SymPy's route (scalars.py) hands the subtree to SymPy, asks plain.py which forms to weigh, and writes
them back. For the subtrees below the answer to each step is known from the terms alone: the terms as
SymPy's Add holds them (monomial.terms), the same tests as plain.py's on them, and the same forms. Any
other subtree raises NotMonomial, and SymPy's route decides. tests/test_native.py checks on random sums
and products that both routes give the same forms.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from mcdocgen.engine.monomial import (_HALF, NotMonomial, Powers, Term, _Names, _product, _power, terms, written,
                                      written_sum)
from mcdocgen import language as E
from mcdocgen.engine.plain import signs_kept
from mcdocgen.language import Node

Form = Callable[[], Node]   # a candidate, written when weighed (writing may raise ExprError, as from_sympy may)


def native_forms(node: Node) -> tuple[Form, ...]:
    """The candidate forms SymPy's route would weigh for ``node``; NotMonomial where they are not known here."""
    found = terms(node, _Names())
    if len(found) == 1:
        c, powers = found[0]
        if any(k.denominator != 1 and abs(k) != _HALF for k in powers.values()):
            raise NotMonomial   # not plain: SymPy's cancel and factor decide
        return (lambda: written(c, powers),)
    if _unit_binomial(found) or _plain_sum(found):
        return (lambda: written_sum(found),)
    cancelled = _over_common_denominator(found)
    if cancelled is None:
        raise NotMonomial
    return cancelled, lambda: written_sum(found)


def _unit_binomial(found: list[Term]) -> bool:
    """plain._is_unit_binomial: 1 - g or 1 - g^2 (g a generator), a plus on one term at least."""
    if len(found) != 2:
        return False
    (one, number), (coeff, powers) = sorted(found, key=lambda t: bool(t[1]))
    if number or len(powers) != 1:
        return False
    k = next(iter(powers.values()))
    return one in (1, -1) and coeff in (1, -1) and not (one == -1 and coeff == -1) and k in (1, 2)


def _plain_sum(found: list[Term]) -> bool:
    """plain.is_plain of a sum: whole coefficients, no number term, products of generators (each to the
    first power, each once in the whole sum), and signs that factor_terms and factor keep."""
    seen: set[object] = set()
    for c, powers in found:
        if c.denominator != 1 or not powers:
            return False
        for g, k in powers.items():
            if k != 1 or g in seen:
                return False
            seen.add(g)
    return signs_kept([int(c) for c, _ in found])


def _over_common_denominator(found: list[Term]) -> Form | None:
    """plain.quotient_forms' cancelled form, P / D, of a sum of quotients: whole coefficients, numerator
    generators once in the whole sum and in no denominator, denominators integer powers; None for any
    other sum."""
    numerators: set[object] = set()
    parts: list[tuple[int, Powers, Powers]] = []
    for c, powers in found:
        if c.denominator != 1 or not powers:
            return None
        tops: Powers = {}
        bottom: Powers = {}
        for g, k in powers.items():
            if k < 0 and k.denominator == 1:
                bottom[g] = -k
            elif k == 1 and g not in numerators:
                numerators.add(g)
                tops[g] = k
            else:
                return None
        parts.append((int(c), tops, bottom))
    denominator: Powers = {}
    for _, _, bottom in parts:
        for g, k in bottom.items():
            denominator[g] = max(k, denominator.get(g, Fraction(0)))
    if not denominator or numerators & denominator.keys() or not signs_kept([c for c, _, _ in parts]):
        return None
    top = [(Fraction(c), tops | {g: k - bottom.get(g, 0) for g, k in denominator.items() if k != bottom.get(g, 0)})
           for c, tops, bottom in parts]

    def cancelled() -> Node:
        ordered = sorted(denominator.items(), key=lambda gk: (gk[0].sort_key(), gk[1]))
        return E.div(written_sum(top), _product([_power(g, k) for g, k in ordered]))
    return cancelled
