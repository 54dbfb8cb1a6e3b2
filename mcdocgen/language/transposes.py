"""A transpose taken inside a tree, (A B)^T as B^T A^T: the one home of the rules that push a transpose through
products, sums, signs and scalar factors. Its callers take it as far as their step needs (a textbook's form of
the put-back row, the simplifier's rewrite, the printer's u^T v), so each names what it goes through in a
``Through``; a node no rule takes the transpose into is written X^T."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mcdocgen.language.build import add, commutation, div, kron, lit, matmul, mul, neg, rebuild, transpose
from mcdocgen.language.nodes import Add, Div, Lit, MatMul, Mul, Neg, Node, Transpose
from mcdocgen.language.vecnodes import Commutation, Kron


@dataclass(frozen=True)
class Through:
    """What a transpose is taken inside of (every rule off by default: ``Through()`` writes X^T as it is)."""
    scalars: bool = False           # a scalar is its own transpose, before any rule below
    unwrap: bool = False            # (X^T)^T = X
    sums: bool = False              # (A + B)^T = A^T + B^T
    signs: bool = False             # (-A)^T = -A^T
    products: bool = False          # (A B)^T = B^T A^T
    factors: Through | None = None  # how a product's factors are transposed (None: as the product is)
    scalar_left: bool = False       # (c A)^T = c A^T
    scalar_right: bool = False      # (A c)^T = A^T c
    divided: bool = False           # (A / c)^T = A^T / c
    entrywise: bool = False         # (A o B)^T = A^T o B^T and (A / B)^T = A^T / B^T, scalar factors among them
    literals: bool = False          # [a, b]^T written as the column it is
    kron: bool = False              # (A (x) B)^T = A^T (x) B^T and K_{m,n}^T = K_{n,m}
    kron_factors: Through | None = None   # how a Kronecker product's factors are transposed (None: as it is)
    own: Callable[[Node], bool] | None = None   # a node that is its own transpose (a symmetric one), asked last


def transposed(node: Node, through: Through) -> Node:
    """The transpose of ``node`` taken inside it as far as ``through`` says."""
    t = through
    if t.scalars and node.shape.is_scalar:
        return node
    match node:
        case Transpose(arg=a) if t.unwrap:
            return a
        case Add(terms=terms) if t.sums:
            return add(*(transposed(x, t) for x in terms))
        case Neg(arg=a) if t.signs:
            return neg(transposed(a, t))
        case MatMul(left=a, right=b) if t.products:
            inner = t if t.factors is None else t.factors
            return matmul(transposed(b, inner), transposed(a, inner))
        case Mul(left=a, right=b) | Div(left=a, right=b) if t.entrywise:
            return rebuild(node, (transposed(a, t), transposed(b, t)))
        case Mul(left=a, right=b) if t.scalar_left and a.shape.is_scalar:
            return mul(a, transposed(b, t))
        case Mul(left=a, right=b) if t.scalar_right and b.shape.is_scalar:
            return mul(transposed(a, t), b)
        case Div(left=a, right=b) if t.divided and b.shape.is_scalar:
            return div(transposed(a, t), b)
        case Lit(rows=rows) if t.literals:
            return lit(tuple(zip(*rows, strict=True)))
        case Kron(left=a, right=b) if t.kron:
            inner = t if t.kron_factors is None else t.kron_factors
            return kron(transposed(a, inner), transposed(b, inner))
        case Commutation(m=m, n=n) if t.kron:
            return commutation(n, m)
    return node if t.own is not None and t.own(node) else transpose(node)


#: the transpose written with no double transpose, x for (x^T)^T and X^T for X (nothing else taken inside)
UNWRAPPED = Through(unwrap=True)
#: the transpose taken inside products, sums, signs and entrywise operations (exactly equal), a scalar kept
TAKEN_INSIDE = Through(scalars=True, unwrap=True, products=True, sums=True, signs=True, entrywise=True)
