"""SymPy's order of a polynomial's terms, as cancel and factor use it to choose a sum's sign.

cancel and factor make the leading coefficient of each polynomial plus; leading means first in the lexicographic
order of the generators as sympy.polys.polyutils._sort_gens sorts them (single letters c, d before to_sympy's
_atom0; a name's trailing digits as a number). The native routes that write SymPy's answer without SymPy ask here
which term leads.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

import sympy
from sympy.polys.polyutils import _re_gen, _sort_gens

C = TypeVar("C")


def leading_coefficient(terms: Sequence[tuple[C, Mapping[sympy.Expr, int]]]) -> C | None:
    """The coefficient of the leading term of the sum of ``terms`` (coefficient, {generator: power}); None where two
    of its generators are alike to SymPy's order (a size n beside a variable n), so that which leads is not known."""
    gens = generator_order({g for _, powers in terms for g in powers})
    if gens is None:
        return None
    _, lead = max(((tuple(powers.get(g, 0) for g in gens), c) for c, powers in terms), key=lambda k: k[0])
    return lead


def generator_order(gens: Iterable[sympy.Expr]) -> tuple[sympy.Expr, ...] | None:
    """``gens`` in the order SymPy's polynomials give them (_sort_gens); None where two are alike to that order (a size
    n beside a variable n), so that which comes first depends on the order SymPy meets them in."""
    order = _sort_gens(list(gens))
    keys = {(name, int(index or 0)) for name, index in (_re_gen.match(str(g)).groups() for g in order)}
    return None if len(keys) < len(order) else tuple(order)
