"""Building blocks of local derivatives: entries as columns (vec), identity, diagonal and Kronecker
Jacobians, backward maps.

A Jacobian here is always in numerator layout, ``d vec(u) / d vec(a)^T`` with the column-major
``vec`` of the spec (section 5): for vectors it is the usual Jacobian, for a matrix side it is the
vec form of Magnus and Neudecker, read off the differential (``d(AXB) = A dX B`` gives
``kron(B.T, A)`` by Roth's lemma ``vec(A dX B) = (B^T kron A) vec(dX)``).
"""

from __future__ import annotations

from collections.abc import Callable

from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.language.shapes import Dim, Shape, column


# A Jacobian, or how to build it: a rule's Jacobian is built only where a derivation uses it (a scalar
# function of matrices never does, and the sizes of a vec form or of an identity are SymPy products).
Lazy = Node | Callable[[], Node]


def built(jacobian: Lazy) -> Node:
    """The Jacobian, built if it was given as how to build it."""
    return jacobian if isinstance(jacobian, Node) else jacobian()


def times(d: Node) -> Callable[[Node], Node]:
    """The backward map g -> g * d (an elementwise or scalar factor)."""
    return lambda g: E.mul(g, d)


def total_times(d: Node) -> Callable[[Node], Node]:
    """The backward map g -> sum(g * d): a scalar operand spread over an array."""
    return lambda g: E.total(E.mul(g, d))


def vec(node: Node) -> Node:
    """The entries of a node as a column: a column or scalar as it is, a row transposed, a matrix's
    columns stacked (``vec(M)``)."""
    if node.shape.is_row:
        return E.transpose(node)
    return node if node.shape.is_vector_like else E.vec(node)


def eye_of(node: Node) -> Node:
    """The identity Jacobian of a node (of its vec, for a matrix); 1 for a scalar."""
    n = node.shape.length
    return E.num(1) if n == 1 else E.eye(n)


def diag_of(values: Node) -> Node:
    """diag(vec(d)) as the Jacobian of an elementwise map; a scalar stays a scalar."""
    return values if values.shape.is_scalar else E.diag(vec(values))


def vector_like(*nodes: Node) -> bool:
    """Every node is a scalar or a vector (so a Jacobian exists as a matrix)."""
    return all(n.shape.is_vector_like for n in nodes)


def component(i: int, j: int) -> Callable[[Node], Node]:
    """The backward map g -> g[i, j]: one entry of the gradient."""
    return lambda g: E.index(g, i, j)


def entries_row(node: Node) -> Node:
    """``vec(g).T``: a scalar's Jacobian by an array whose gradient is ``g`` (1 x its entries)."""
    return E.transpose(vec(node))


def vec_left(right: Node, rows: Dim) -> Node:
    """d vec(A B) / d vec(A) = kron(B.T, I_p), p the rows of A: from vec(dA B) = (B^T kron I) vec(dA)."""
    return E.kron(E.transpose(right), E.eye(rows))


def vec_right(left: Node, cols: Dim) -> Node:
    """d vec(A B) / d vec(B) = kron(I_q, A), q the columns of B: from vec(A dB) = (I kron A) vec(dB)."""
    return E.kron(E.eye(cols), left)


def vec_transpose(shape: Shape) -> Node:
    """d vec(A^T) / d vec(A) = K(p, q) for A of p x q: the commutation matrix."""
    return E.commutation(shape.rows, shape.cols)


def vec_inverse(inverse: Node) -> Node:
    """d vec(A^-1) / d vec(A) = -kron(A^-T, A^-1): from d(A^-1) = -A^-1 dA A^-1."""
    return E.neg(E.kron(E.transpose(inverse), inverse))


def diagonal_embedding(n: Dim) -> Node:
    """d vec(diag(v)) / dv for v of n entries, (n^2, n): column i is e_i kron e_i, written as
    diag(vec(I)) @ kron(1, I) (kron(1, I) puts e_i at every block; diag(vec(I)) keeps block i)."""
    return E.matmul(E.diag(E.vec(E.eye(n))), E.kron(E.ones(column(n)), E.eye(n)))


def symmetric_part(n: Dim) -> Node:
    """d vec(sym(A)) / d vec(A) = (I + K(n, n)) / 2."""
    return E.div(E.add(E.eye(n * n), E.commutation(n, n)), E.num(2))


def vec_kron(a: Node, b: Node, slot: int) -> Node:
    """d vec(kron(A, B)) by vec(A) (slot 0) or vec(B) (slot 1), A of p x q and B of r x s, from
    vec(A kron B) = (I_q kron K(s, p) kron I_r) (vec(A) kron vec(B)) (Magnus and Neudecker, 3.10)."""
    p, q, r, s = a.shape.rows, a.shape.cols, b.shape.rows, b.shape.cols
    shuffle = E.kron(E.kron(E.eye(q), E.commutation(s, p)), E.eye(r))
    inner = E.kron(E.eye(p * q), vec(b)) if slot == 0 else E.kron(vec(a), E.eye(r * s))
    return E.matmul(shuffle, inner)


def unvec_of(g: Node, m: Dim, n: Dim) -> Node:
    """The m x n matrix whose vec is the column g: kron(vec(I_n).T, I_m) @ kron(I_n, g) (the language
    has no reshape; the simplifier gives M back where g is vec(M))."""
    return E.matmul(E.kron(E.transpose(E.vec(E.eye(n))), E.eye(m)), E.kron(E.eye(n), g))
