"""The vec form's node classes (issue 12): vec, the Kronecker product, sym and the commutation matrix.

Built as :mod:`mcdocgen.language.nodes`' classes are (data only, the constructor written out, the hash and
equality given by ``finish``), by the smart constructors of :mod:`mcdocgen.language.build`.
"""

from __future__ import annotations

from dataclasses import dataclass

from mcdocgen.language.nodes import Binary, Node, Unary, finish, setters
from mcdocgen.language.shapes import Dim, Shape


@dataclass(frozen=True, slots=True, init=False)
class Vec(Unary):
    """``vec(a)``: the columns of ``a`` stacked into one column (column-major), m x n -> mn x 1."""


@dataclass(frozen=True, slots=True, init=False)
class Kron(Binary):
    """``kron(a, b)``: the Kronecker product, (p, q) and (r, s) -> (pr, qs)."""


@dataclass(frozen=True, slots=True, init=False)
class Sym(Unary):
    """``sym(a)``: the symmetric part ``(a + a.T) / 2`` of a square matrix."""


@dataclass(frozen=True, slots=True, init=False)
class Commutation(Node):
    """``commutation(m, n)``: the mn x mn permutation with ``commutation(m, n) @ vec(X) == vec(X.T)``
    for an m x n matrix X. It carries m and n: its shape alone (mn, mn) does not tell them apart."""

    m: Dim
    n: Dim

    def __init__(self, shape: Shape, m: Dim, n: Dim) -> None:
        _set_shape(self, shape)
        _set_m(self, m)
        _set_n(self, n)
        _set_hash(self, hash((self._tag, shape._hash, hash(m), hash(n))) or 1)
        _set_kids(self, ())


_set_shape, _set_hash, _set_kids = setters(Node, "shape", "_hash", "_kids")
_set_m, _set_n = setters(Commutation, "m", "n")
finish(Vec, Kron, Sym, Commutation)
