"""Polynomials in named variables: the engine's one home for exact polynomial arithmetic, SymPy's sparse polynomial
ring (sympy.polys.rings: a polynomial is a dict from exponent tuples to nonzero coefficients, kept canonical).

A ring's generators are named apart (_g0, _g1, ...) and a caller maps its own variables to them by position
(:class:`Named`): a variable's name is not read as SymPy's symbol syntax (``x:3`` would be three symbols), and rings
of one size and domain are one cached ring. engine.ring_cancel cancels over the integers on it; engine.is_at evaluates a node
where a place's argument is zero as a polynomial over the rationals.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sympy.polys.domains import QQ
from sympy.polys.domains.domain import Domain
from sympy.polys.rings import PolyElement, PolyRing

Coefficient = Any   # an element of a ring's domain (SymPy's PythonMPQ, or gmpy2's mpq): SymPy gives it no type


@functools.lru_cache(maxsize=64)
def ring(n: int, domain: Domain) -> PolyRing:
    """The ring of ``n`` generators over ``domain`` (ZZ, QQ), in lex order."""
    return PolyRing([f"_g{k}" for k in range(n)], domain)


@dataclass(frozen=True)
class Named:
    """A ring whose generators stand for variable names: ``index`` gives each name's generator."""

    ring: PolyRing
    index: Mapping[str, int]      # shared: one Named per set of names (over)

    def var(self, name: str) -> PolyElement:
        """The variable ``name`` as a polynomial."""
        return self.ring.gens[self.index[name]]

    def constant(self, p: PolyElement) -> Coefficient | None:
        """``p``'s value where it is a constant (zero included); None where a variable is left in it."""
        return p.get(self.ring.zero_monom, self.ring.domain.zero) if p.is_ground else None


@functools.lru_cache(maxsize=256)
def over(names: frozenset[str], domain: Domain = QQ) -> Named:
    """A ring over the variables ``names`` (in sorted order: one ring for one set of names)."""
    order = sorted(names)
    return Named(ring(len(order), domain), {v: k for k, v in enumerate(order)})
