"""A sum over positions partly factored: X (A X + X A) + A X^2 for A X^2 + X A X + X^2 A.

The product rule gives one term per position of the variable, each the same factors in another order
(the Matrix Cookbook's eqs. 91 and 122: tr(A X^k) by X is the sum over r of (X^r A X^(k-r-1))^T). Taking a
factor out of some of them is shorter, but it is no form a textbook prints: the Cookbook writes the terms
one by one. ``ranking.unread`` counts such a sum, and ``compact`` weighs its terms multiplied out.
"""

from __future__ import annotations

from collections import Counter

from mcdocgen import language as E
from mcdocgen.engine.simplify.common import coeff
from mcdocgen.language import Add, Div, MatMul, Mul, Neg, Node, Transpose
from mcdocgen.language.walks import matmul_factors

MAX_TERMS = 8   # terms a sum is multiplied out to, to be weighed (a bound on the work)


def partly_factored(node: Add) -> bool:
    """A sum some of whose terms have a sum for a factor (a factor taken out), whose terms multiplied out
    are all the same factors in other orders (a transposed factor counted as its transposed letters).
    A factor taken out of every term ((A + A^T) x) is a product, not such a sum; terms of other
    factors (A x + B x + c) are no sum over positions."""
    if node.shape.is_scalar or not any(_has_sum(_array(t)) for t in node.terms):
        return False
    products: list[Counter[tuple[bool, Node]]] = []
    for t in node.terms:
        found = _letters(_array(t), False)
        if found is None or len(products) + len(found) > MAX_TERMS:
            return False
        products += found
    return len(products) > len(node.terms) and all(p == products[0] for p in products[1:])


def multiplied_out(node: Add) -> Node | None:
    """A sum ``partly_factored`` with each term's sums in its factors distributed (numbers and signs kept), in
    the order of their text, as the Cookbook's sum over r of X^r A X^(k-r-1): X (A X + X A) + A X X as
    A X X + X A X + X X A (the ranking's tie-break, here where the orders are many); else None, or past
    ``MAX_TERMS`` terms."""
    if not partly_factored(node):
        return None
    terms: list[Node] = []
    for t in node.terms:
        found = _terms(t)
        if found is None or len(terms) + len(found) > MAX_TERMS:
            return None
        terms += found
    return E.add(*sorted(terms, key=lambda t: E.try_text(t, "")))


def _terms(node: Node) -> list[Node] | None:
    """The terms ``node`` multiplies out to, or None past ``MAX_TERMS``: (A X + X A)^T X^T as (A X)^T X^T + (X A)^T X^T."""
    match node:
        case Add(terms=ts):
            parts = [_terms(t) for t in ts]
            return None if any(p is None for p in parts) else [x for p in parts if p is not None for x in p]
        case Neg(arg=a) | Transpose(arg=a):
            inner = _terms(a)
            wrap = E.neg if isinstance(node, Neg) else E.transpose
            return None if inner is None else [wrap(x) for x in inner]
        case Mul(left=s, right=a) if s.shape.is_scalar and not a.shape.is_scalar:
            inner = _terms(a)
            return None if inner is None else [E.mul(s, x) for x in inner]
        case MatMul(left=a, right=b):
            left, right = _terms(a), _terms(b)
            if left is None or right is None or len(left) * len(right) > MAX_TERMS:
                return None
            return [E.matmul(x, y) for x in left for y in right]
    return [node]


def _array(node: Node) -> Node:
    """The array a sign and scalar factors stand in front of: A B for -2 A B / s."""
    while True:
        node = coeff(node)[1]
        if isinstance(node, Neg):
            node = node.arg
        elif isinstance(node, Mul) and node.right.shape.is_scalar != node.left.shape.is_scalar:
            node = node.right if node.left.shape.is_scalar else node.left
        elif isinstance(node, Div) and node.right.shape.is_scalar and not node.left.shape.is_scalar:
            node = node.left
        else:
            return node


def _has_sum(node: Node) -> bool:
    """A product with a sum for a factor, or transposed: X (A X + X A), (A X + X A)^T X^T (not a sum itself)."""
    if isinstance(node, Transpose):
        return _has_sum(_array(node.arg))
    return isinstance(node, MatMul) and any(
        isinstance(f, Add) or (isinstance(f, Transpose) and (isinstance(_array(f.arg), Add) or _has_sum(_array(f.arg))))
        for f in matmul_factors(node))


def _letters(node: Node, flipped: bool) -> list[Counter[tuple[bool, Node]]] | None:
    """The factors of each product ``node`` multiplies out to, each marked if it stands transposed (transposes
    taken to the leaves: (A X)^T counts X and A marked); None past ``MAX_TERMS`` products."""
    out: list[Counter[tuple[bool, Node]]] = [Counter()]
    for f in matmul_factors(node):
        if isinstance(f, (Add, Transpose)):
            parts = [_letters(_array(t), flipped) for t in f.terms] if isinstance(f, Add) \
                else [_letters(_array(f.arg), not flipped)]
            if any(p is None for p in parts):
                return None
            out = [a + b for a in out for p in parts if p is not None for b in p]
        else:
            out = [a + Counter([(flipped and not f.shape.is_scalar, f)]) for a in out]
        if len(out) > MAX_TERMS:
            return None
    return out
