"""The index form of a derivative, read off its canonical terms: dF_ij / dX_kl as products of entries.

``L dX R`` gives ``L_{ik} R_{lj}``, ``L dX^T R`` gives ``L_{il} R_{kj}``, ``M * (L dX R)`` gives
``M_{ij} L_{ik} R_{lj}`` and ``C tr(G^T dX)`` gives ``C_{ij} G_{kl}``; an identity factor is a
Kronecker delta. Every factor keeps all four indices here (a size-1 side has index 0); a page drops
the index of a size-1 side when it prints them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from mcdocgen.engine.linear_terms import Canonical, Term
from mcdocgen.language import Node


@enum.unique
class Idx(enum.StrEnum):
    """The four indices: F_ij by X_kl."""

    I = "i"  # noqa: E741 - the index is called i
    J = "j"
    K = "k"
    L = "l"
    A = "a"  # summed: the rows of M in P (M * (L dX R)) Q
    B = "b"  # summed: its columns


@dataclass(frozen=True, slots=True)
class Factor:
    """One factor of an index term: an entry of a matrix (``matrix[first, second]``), or a Kronecker
    delta (``matrix`` None) between the two indices."""

    matrix: Node | None
    first: Idx
    second: Idx


@dataclass(frozen=True, slots=True)
class IndexTerm:
    """A scalar coefficient (None: 1) times a product of factors."""

    coefficient: Node | None
    factors: tuple[Factor, ...]

    @property
    def summed(self) -> tuple[Idx, ...]:
        """The indices summed over (a and b), in order."""
        return tuple(i for i in (Idx.A, Idx.B) if any(i in (f.first, f.second) for f in self.factors))


def _factor(matrix: Node | None, first: Idx, second: Idx) -> Factor:
    return Factor(matrix, first, second)


def index_term(t: Term) -> IndexTerm:
    """The index form of one canonical term."""
    if t.trace:
        factors = [] if t.outer is None else [_factor(t.outer, Idx.I, Idx.J)]
        # G = None is the identity: tr(dX) = sum_k dX_kk; for a scalar X it is 1 (delta of 0 and 0)
        factors.append(_factor(t.grad, Idx.K, Idx.L))
        return IndexTerm(t.coefficient, tuple(factors))
    # (L dX R)_ij = L_ik dX_kl R_lj; (L dX^T R)_ij = L_il dX_kl R_kj; inside P (M * ...) Q the rows and
    # columns of M are summed indices a and b: P_ia M_ab (...)_ab Q_bj
    row = Idx.A if t.pre is not None else Idx.I
    col = Idx.B if t.post is not None else Idx.J
    near, far = (Idx.L, Idx.K) if t.transposed else (Idx.K, Idx.L)
    factors = [_factor(t.left, row, near), _factor(t.right, far, col)]
    if t.mask is not None:
        factors.insert(0, _factor(t.mask, row, col))
    if t.pre is not None:
        factors.insert(0, _factor(t.pre, Idx.I, Idx.A))
    if t.post is not None:
        factors.append(_factor(t.post, Idx.B, Idx.J))
    return IndexTerm(t.coefficient, _contract(factors))


def _contract(factors: list[Factor]) -> tuple[Factor, ...]:
    """A delta between a summed index and another one removed, the summed index renamed:
    sum_b M_ib delta_lb B_bj = M_il B_lj."""
    for summed in (Idx.A, Idx.B):
        delta = next((f for f in factors if f.matrix is None and summed in (f.first, f.second)
                      and f.first != f.second), None)
        if delta is None:
            continue
        other = delta.second if delta.first == summed else delta.first
        factors = [Factor(f.matrix, other if f.first == summed else f.first, other if f.second == summed else f.second)
                   for f in factors if f is not delta]
    return tuple(factors)


def index_form(c: Canonical) -> tuple[IndexTerm, ...]:
    """dF_ij / dX_kl as a sum of index terms, one per canonical term."""
    return tuple(index_term(t) for t in c.terms)
