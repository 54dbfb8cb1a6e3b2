"""Inverses met by their factors inside a chain of products: A (X A)^-1 = X^-1 when the factors are square.

A product of square matrices is invertible exactly when each factor is (det(A B) = det(A) det(B)),
so wherever (A B)^-1 is defined, (A B)^-1 = B^-1 A^-1 holds; the rewrite uses it only where a factor
then cancels, so the result is shorter: A^T (A X B)^-T B^T = X^-T (Matrix Cookbook (51)).
And the complement of a share of an inverse: I - B (B + D)^-1 = D (B + D)^-1 (its transpose alike).
"""

from __future__ import annotations

from mcdocgen.engine.simplify.common import Rewritten, at_head, chain_product, coeff
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Add, Eye, Inv, MatMul, Node, Transpose
from mcdocgen.language.transposes import UNWRAPPED, transposed
from mcdocgen.language.walks import matmul_factors


def matmul(node: MatMul) -> Rewritten:
    """f @ (g @ rest): f and g, the first two factors of a right-associated chain, cancel; or an inverse
    of a product meets that product's factors in the chain."""
    return at_head(node, meet) or _inverse_of_chain(node)


def _inverse_of_chain(node: MatMul) -> Rewritten:
    """(P Q)^-1 P Q R = R and P Q (P Q)^-1 R = R, whatever the shapes of P and Q (P Q is the matrix
    inverted): the chain's factors met one by one, as in X (X^T X)^-1 X^T X (X^T X)^-1."""
    chain = tuple(matmul_factors(node))
    head = chain[0]
    if isinstance(head, Inv) and isinstance(head.arg, MatMul):
        ps = tuple(matmul_factors(head.arg))
        if tuple(chain[1:len(ps) + 1]) == ps:
            return R.INVERSE_PAIR, _rest(chain[len(ps) + 1:], node)
    for k in range(2, len(chain)):
        last = chain[k]
        if isinstance(last, Inv) and isinstance(last.arg, MatMul) and tuple(matmul_factors(last.arg)) == chain[:k]:
            return R.INVERSE_PAIR, _rest(chain[k + 1:], node)
    return None


def _rest(factors: tuple[Node, ...], node: MatMul) -> Node:
    """The product of ``factors``, or the identity of the chain's rows where none is left."""
    return chain_product(factors) if factors else E.eye(node.shape.rows)


def meet(f: Node, g: Node) -> Rewritten:
    """The product f g with an inverse cancelled, or None."""
    if not (_inverse(f) or _inverse(g)):
        return None   # every case below has an inverse, maybe transposed, among the two
    if _pair(f, g) or _pair(g, f):
        return R.INVERSE_PAIR, E.eye(f.shape.rows)
    if isinstance(g, Inv) and (ps := _square_factors(g.arg)) and f == ps[-1]:
        return R.INVERSE_OF_PRODUCT, E.inv(chain_product(ps[:-1]))           # B (A B)^-1 = A^-1
    if isinstance(f, Inv) and (ps := _square_factors(f.arg)) and g == ps[0]:
        return R.INVERSE_OF_PRODUCT, E.inv(chain_product(ps[1:]))            # (A B)^-1 A = B^-1
    if (p := _inverted_t(g)) is not None and (ps := _square_factors(p)) and f == transposed(ps[0], UNWRAPPED):
        return R.INVERSE_OF_PRODUCT, E.transpose(E.inv(chain_product(ps[1:])))   # A^T (A B)^-T = B^-T
    if (p := _inverted_t(f)) is not None and (ps := _square_factors(p)) and g == transposed(ps[-1], UNWRAPPED):
        return R.INVERSE_OF_PRODUCT, E.transpose(E.inv(chain_product(ps[:-1])))  # (A B)^-T B^T = A^-T
    return None


def _inverse(node: Node) -> bool:
    return isinstance(node, Inv) or (isinstance(node, Transpose) and isinstance(node.arg, Inv))


def _pair(a: Node, b: Node) -> bool:
    """b is the inverse of a, possibly both transposed."""
    if isinstance(b, Inv) and b.arg == a:
        return True
    return isinstance(a, Transpose) and _inverted_t(b) == a.arg


def _inverted_t(node: Node) -> Node | None:
    """P for (P^-1)^T, else None."""
    return node.arg.arg if isinstance(node, Transpose) and isinstance(node.arg, Inv) else None


def _square_factors(node: Node) -> tuple[Node, ...]:
    """The factors of a chain of two or more products, if every one is square; else ()."""
    factors = tuple(matmul_factors(node))
    if len(factors) < 2 or any(f.shape.rows != f.shape.cols for f in factors):
        return ()
    return factors


def add(node: Add) -> Rewritten:
    """I - B (B + D)^-1 = D (B + D)^-1 and I - (B + D)^-1 B = (B + D)^-1 D, also transposed ((B + D - B)
    over B + D): I - X (A + X)^-1 = A (A + X)^-1, I - (X + s I)^-1 X = s (X + s I)^-1 (a ridge's shrinkage)."""
    terms = node.terms
    if not any(isinstance(t, Eye) for t in terms):
        return None
    for i, term in enumerate(terms):
        c, core = coeff(term)
        if c != -1:
            continue
        flipped = isinstance(core, Transpose)
        product = core.arg if isinstance(core, Transpose) else core
        complement = _complement(product)
        if complement is None:
            continue
        eye = next(j for j, t in enumerate(terms) if isinstance(t, Eye))
        rest = [t for j, t in enumerate(terms) if j not in (i, eye)]
        found = E.transpose(complement) if flipped else complement
        return R.INVERSE_COMPLEMENT, E.add(found, *rest) if rest else found
    return None


def _complement(product: Node) -> Node | None:
    """D (B + D)^-1 for B (B + D)^-1, (B + D)^-1 D for (B + D)^-1 B, and likewise with the inverse and
    the share both transposed; else None."""
    if not isinstance(product, MatMul):
        return None
    for inverse, share, right in ((product.right, product.left, True), (product.left, product.right, False)):
        flipped = isinstance(inverse, Transpose)
        inner = inverse.arg if isinstance(inverse, Transpose) else inverse
        if not (isinstance(inner, Inv) and isinstance(inner.arg, Add)):
            continue
        terms = list(inner.arg.terms)
        wanted = transposed(share, UNWRAPPED) if flipped else share
        if wanted not in terms:
            continue
        terms.remove(wanted)
        rest = E.add(*terms) if len(terms) > 1 else terms[0]
        if flipped:
            rest = E.transpose(rest)
        return E.matmul(rest, inverse) if right else E.matmul(inverse, rest)
    return None
