"""Transposes pushed towards the leaves, and which matrices are symmetric by construction."""

from __future__ import annotations

import functools

from sympy.core.cache import CACHE

from mcdocgen.engine.scalars import MEMO_SIZE
from mcdocgen.engine.simplify.common import Rewritten, coeff, leafy, t_or_scalar
from mcdocgen.engine.simplify.differences import turned
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import (
    Add, Diag, Div, Eye, Func, Inv, Lit, MatMul, Maximum, Mul, Neg, Node, Ones, Outer, Pow, Transpose, Unit, Var, Zero,
)
from mcdocgen.language.shapes import Shape
from mcdocgen.language.transposes import UNWRAPPED, transposed
from mcdocgen.language.walks import matmul_factors


def transpose(node: Transpose) -> Rewritten:
    """(A^T)^T = A, (A B)^T = B^T A^T, symmetric and constant matrices, elementwise operations."""
    a = node.arg
    if a.shape.is_scalar:
        return R.ONE_BY_ONE, a
    if type(a) is Var:   # the commonest transpose, x^T: no case below matches a variable
        return (R.SYMMETRIC, a) if a.symmetric else None
    if is_symmetric(a):
        return R.SYMMETRIC, a
    match a:
        case Transpose(arg=b):
            return R.DOUBLE_TRANSPOSE, b
        case Eye():
            return R.TRANSPOSE_CONSTANT, a
        case Ones() | Zero():
            return R.TRANSPOSE_CONSTANT, type(a)(node.shape)
        case Unit(row=r, col=c):
            return R.TRANSPOSE_CONSTANT, Unit(node.shape, c, r)
        case Diag() if not a.shape.is_vector_like:
            return R.TRANSPOSE_CONSTANT, a
        case MatMul(left=l, right=r):
            return R.TRANSPOSE_PRODUCT, E.matmul(E.transpose(r), E.transpose(l))
        case Neg(arg=b):
            return R.TRANSPOSE_ELEMENTWISE, E.neg(E.transpose(b))
        case Mul(left=l, right=r) if l.shape.is_scalar or r.shape.is_scalar or (leafy(l) and leafy(r)):
            return R.TRANSPOSE_ELEMENTWISE, E.mul(t_or_scalar(l), t_or_scalar(r))
        case Div(left=l, right=r) if r.shape.is_scalar or (leafy(l) and leafy(r)):
            return R.TRANSPOSE_ELEMENTWISE, E.div(t_or_scalar(l), t_or_scalar(r))
        case Maximum(left=l, right=r) if leafy(l) and leafy(r):
            return R.TRANSPOSE_ELEMENTWISE, E.maximum(t_or_scalar(l), t_or_scalar(r))
        case Outer(left=l, right=r):
            return R.TRANSPOSE_OUTER, E.outer(r, l)
        case Lit(rows=rows):
            return R.TRANSPOSE_OUTER, E.lit(tuple(zip(*rows, strict=True)))
        case Add(terms=terms) if all(leafy(t) for t in terms):
            return R.TRANSPOSE_ELEMENTWISE, E.add(*(t_or_scalar(t) for t in terms))
    return None


@functools.lru_cache(maxsize=MEMO_SIZE)
def is_symmetric(node: Node) -> bool:
    """Symmetric by construction: A^T A, A A^T, F^T S F (S symmetric), M + M^T, their inverses and sums,
    I, diag(v), symmetric vars, and entrywise products, quotients, powers and functions of symmetric matrices.
    Memoised: the rewrites, the ranking and the compact search ask it of the same subtrees again, and a
    palindrome's test recurses."""
    match node:
        case Var(symmetric=True) | Eye():
            return True
        case Diag() if not node.shape.is_vector_like:
            return True
        # A symmetric matrix is square (the catalog declares only square matrices symmetric): a
        # product or sum that is not square is not looked into.
        case MatMul():
            return node.shape.is_square and _palindrome(matmul_factors(node))
        case Inv(arg=a):
            return is_symmetric(a)
        case Add(terms=terms):
            return node.shape.is_square and (all(is_symmetric(t) for t in terms) or _closed_under_transpose(terms))
        case Mul(left=l, right=r) if l.shape.is_scalar:
            return is_symmetric(r)
        case Mul(left=l, right=r) if r.shape.is_scalar:
            return is_symmetric(l)
        case Div(left=l, right=r) if r.shape.is_scalar:
            return is_symmetric(l)
        case Neg(arg=a):
            return is_symmetric(a)
        # an entrywise product with a diagonal factor is diagonal: I o A, diag(v) o A
        case Mul(left=l, right=r) if l.shape == r.shape and node.shape.is_square and (_diagonal(l) or _diagonal(r)):
            return True
        # entrywise operations keep symmetry: (S o T)_ij = S_ij T_ij = S_ji T_ji, S**p, f(S)
        case Mul(left=l, right=r) | Div(left=l, right=r) if l.shape == r.shape:
            return node.shape.is_square and is_symmetric(l) and is_symmetric(r)
        case Pow(base=a, exp=p) if p.shape.is_scalar:
            return node.shape.is_square and is_symmetric(a)
        case Func(arg=a):
            return node.shape.is_square and is_symmetric(a)
    return False


CACHE.append(is_symmetric)   # cleared with SymPy's cache, so that timings after clear_cache are cold


def _diagonal(node: Node) -> bool:
    return isinstance(node, Eye) or (isinstance(node, Diag) and not node.shape.is_vector_like)


def _closed_under_transpose(terms: tuple[Node, ...]) -> bool:
    """M + M^T (and any sum whose terms pair off with their transposes, symmetric terms alone)."""
    left = [coeff(t) for t in terms]
    while left:
        c, core = left.pop(0)
        if is_symmetric(core):
            continue
        flipped = (c, transposed(core, UNWRAPPED))
        if flipped not in left:
            return False
        left.remove(flipped)
    return True


def _palindrome(factors: list[Node]) -> bool:
    """F_1 ... F_k with F_i = F_(k+1-i)^T and a symmetric middle: (F_1 ... F_k)^T is itself."""
    k = len(factors)
    for i in range(k // 2):
        f, g = factors[i], factors[k - 1 - i]
        if g != _transposed(f) and not (f == g and is_symmetric(f)) and not _turned_alike(g, _transposed(f)):
            return False
    return k % 2 == 0 or is_symmetric(factors[k // 2])


def _turned_alike(a: Node, b: Node) -> bool:
    """Equal up to the direction of their differences: F (b - a)^T is -F (a - b)^T, and a sign in a
    palindrome F s F^T leaves it symmetric."""
    return turned(a)[1] == turned(b)[1]


def _transposed(f: Node) -> Node:
    """F^T as the loop writes it: a transpose undone, all-ones of the flipped shape (1 1^T is symmetric)."""
    if isinstance(f, Transpose):
        return f.arg
    if isinstance(f, Ones):
        return E.ones(Shape(f.shape.cols, f.shape.rows))
    return E.transpose(f)
