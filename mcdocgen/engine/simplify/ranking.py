"""How the printed forms of a result rank: first the parts textbooks write otherwise, then the size.

``compact`` weighs equivalent forms of a result and keeps the first by ``rank``. A form's size is the
``syntax_size`` of its text; before it come the parts textbooks do not print (docs/notation.md, "The
printed form"): a transposed product they would distribute, a sum of negated terms, a sign inside a
product. So -X^-T a b^T X^-T is printed, not the shorter -(X^-1 b a^T X^-1)^T.
"""

from __future__ import annotations

import functools
import itertools

from sympy.core.cache import CACHE

from mcdocgen.engine.scalars import MEMO_SIZE
from mcdocgen.engine.simplify.common import coeff, negative, printed_size
from mcdocgen.engine.simplify.positions import partly_factored
from mcdocgen.engine.simplify.transpose import is_symmetric
from mcdocgen import language as E
from mcdocgen.language import Add, Div, Inv, MatMul, Mul, Neg, Node, Pow, Transpose, Var
from mcdocgen.language.walks import matmul_factors


@functools.lru_cache(maxsize=MEMO_SIZE)
def size_key(node: Node) -> tuple[int, int, str]:
    """How a form ranks: its printed size, then its transposed compounds ((A + B)^T; not an inverse's,
    written M^-T, one mark as on a letter), then its text (memoised: the forms weighed share most of
    their parts, and each is printed and parsed to be weighed)."""
    text, printed = printed_size(node)
    size = printed if printed is not None else E.count_nodes(node, 10**6)
    return size, sum(1 for n in E.walk(node) if isinstance(n, Transpose) and not isinstance(n.arg, (Var, Inv))), text


def read_size(node: Node) -> int:
    """``size_key``'s size with two for the brackets of each transposed operation ((a + b)^T, (A x)^T;
    not x^T or sign(w)^T): how long a form reads, where a distributed transpose is weighed against it."""
    brackets = sum(1 for n in E.walk(node) if isinstance(n, Transpose) and isinstance(n.arg, _OPERATIONS))
    return size_key(node)[0] + 2 * brackets


_OPERATIONS = (Add, Mul, MatMul, Div, Neg, Pow)


CACHE.append(size_key)   # cleared with SymPy's cache, as the scalar simplifier's memos are


@functools.lru_cache(maxsize=MEMO_SIZE)
def rank(node: Node) -> tuple[int, int, int, str]:
    """How a form ranks: first its parts no textbook prints (``unread``), then ``size_key``. A
    textbook distributes a transpose over a product, so a form without (A B)^T wins even where it
    is a few transposes longer."""
    return (unread(node), *size_key(node))


CACHE.append(rank)


def unread(node: Node) -> int:
    """The parts of a form textbooks write otherwise: a transposed product ((A B)^T, written B^T A^T,
    where ``_distributes``), a sum of negated terms (-A - A^T, written -(A + A^T)), a sign inside a
    product (A (-B), written -(A B)) and a sum over positions partly factored (X (A X + X A) + A X^2,
    written A X^2 + X A X + X^2 A: ``positions``). Sums of arrays only: a scalar's signs are SymPy's."""
    return sum(1 for n in E.walk(node) if _unread_here(n))


def _unread_here(n: Node) -> bool:
    if isinstance(n, Transpose):
        return _distributes(n.arg)
    if isinstance(n, Add):
        return not n.shape.is_scalar and (all(negative(coeff(t)[0]) for t in n.terms) or partly_factored(n))
    if isinstance(n, MatMul):
        return negative(coeff(n.left)[0]) or negative(coeff(n.right)[0])
    return False


DISTRIBUTED_MARKS = 3   # what a collected transpose writes: its brackets and its mark, (A B)^T


def _distributes(node: Node) -> bool:
    """A product (up to its sign and scalar factors) whose transpose textbooks write distributed, as
    the Matrix Cookbook does (eqs. 4, 100-113): wherever each factor's transpose is a mark on one letter
    or none (a variable, X^-T for an inverse's, a transposed factor losing its mark, a symmetric or
    scalar factor none), however many, (A B C D)^T as D^T C^T B^T A^T; where a factor's mark would fall
    on a compound ((A + B)^T, exp(X)^T), where the marks are no more than the collected form's.
    A power stays collected, and so does a product with the power of a factor that takes a mark in
    it, as the Cookbook's k (X^(k-1))^T and (X^r A X^(k-r-1))^T (eqs. 106, 110): (X X)^T, (A X X)^T,
    but A^T M^-T M^-T B^T for (B M^-1 M^-1 A)^T (eq. 59 with the chain rule)."""
    node = _array_of(node)
    if not isinstance(node, MatMul):
        return False
    factors = matmul_factors(node)
    if all(f == factors[0] for f in factors) or \
            any(a == b and _new_mark(a) for a, b in itertools.pairwise(factors)):
        return False    # a power, X X = X^2: (X^2)^T, as 3 (X^2)^T, d tr(X^3) / dX; (A X X)^T
    if all(_one_letter(f) for f in factors):
        return True
    marks = sum(-1 if isinstance(f, Transpose) else 1 if _new_mark(f) else 0 for f in factors)
    return marks <= DISTRIBUTED_MARKS


def _array_of(node: Node) -> Node:
    """The array a sign and scalar factors stand in front of: A B for -2 A B / s."""
    while True:
        if isinstance(node, Neg):
            node = node.arg
        elif isinstance(node, Mul) and node.right.shape.is_scalar != node.left.shape.is_scalar:
            node = node.right if node.left.shape.is_scalar else node.left
        elif isinstance(node, Div) and node.right.shape.is_scalar and not node.left.shape.is_scalar:
            node = node.left    # A B / s; not 1 / (A x), an entrywise reciprocal
        else:
            return node


def transposed_sum_of_products(node: Node, letters: bool = False) -> bool:
    """A whole result s (A B + C D)^T (up to its sign and scalar factors in front) each of whose terms is
    a product textbooks write distributed: the numerator layout's own form a^T + b^T is what they print
    there (docs/reference.md), even where it is a mark longer. Only a whole result: an inner transposed
    sum, (A X - X B)^T A, reads as it is. ``letters``: only products each of whose factors' transposes is a
    mark on one letter or none, as the denominator layout's A^T X^T B^T + B^T X^T A^T for (A X B + B X A)^T
    (Cookbook eq. 116); there (B (C + t D) + A D)^T, the numerator layout's form transposed, stays whole."""
    whole = _transposed_sum(node)
    if whole is None:
        return False
    if not letters:
        return all(_distributes(t) for t in whole.terms)
    # lone letters too where one is inverted (its mark costs none), as the Cookbook's S^T - X^-T (eqs. 57, 100)
    terms = whole.terms
    return all(_letters(t) for t in terms) or (all(_letters(t) or _lone(t) for t in terms)
                                                and any(isinstance(_array_of(t), Inv) for t in terms))


def transposed_sum_of_letters(node: Node) -> bool:
    """A whole result (A + s B)^T (up to its sign and scalar factors in front) each of whose terms is a letter up to
    its sign and scalar factors: written term by term, A^T + s B^T, where a matrix function of a scalar is transposed
    (the denominator layout); a sum of products stays whole there, (B (C + t D) + (A + t B) D)^T, as written term by
    term each product would turn round (review s38)."""
    whole = _transposed_sum(node)
    return whole is not None and all(_lone(t) for t in whole.terms)


def _transposed_sum(node: Node) -> Add | None:
    """The sum under a whole transposed sum, s (a + b)^T up to its sign and scalar factors in front; else None."""
    while isinstance(node, Neg) or (isinstance(node, Mul) and node.left.shape.is_scalar
                                    and not node.right.shape.is_scalar):
        node = node.arg if isinstance(node, Neg) else node.right
    return node.arg if isinstance(node, Transpose) and isinstance(node.arg, Add) else None


def _lone(node: Node) -> bool:
    """A letter, its transpose or its inverse, up to its sign and scalar factors: A, det(X) X^-1."""
    array = _array_of(node)
    return isinstance(array, Var) or (isinstance(array, (Transpose, Inv)) and isinstance(array.arg, Var))


def _letters(node: Node) -> bool:
    """A product textbooks distribute each of whose factors' transposes is a mark on one letter or none."""
    return _distributes(node) and all(_one_letter(f) for f in matmul_factors(_array_of(node)))


def _marked(f: Node) -> bool:
    """A factor whose transpose is written with a mark: neither a scalar nor symmetric."""
    return not (f.shape.is_scalar or is_symmetric(f))


def _new_mark(f: Node) -> bool:
    """A factor whose transpose writes a new mark: not X^T (it loses one), nor X^-1 (X^-T costs none)."""
    return _marked(f) and not isinstance(f, (Transpose, Inv))


def _one_letter(f: Node) -> bool:
    """A factor whose transpose is written with a mark on one letter or none: X^T, X^-T, A for A^T."""
    return isinstance(f, (Var, Transpose)) or (isinstance(f, Inv) and isinstance(f.arg, Var)) or not _marked(f)


