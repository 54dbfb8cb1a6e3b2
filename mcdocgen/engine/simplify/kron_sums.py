"""Sums of Kronecker products (Magnus and Neudecker's forms): like products gathered, kron(A, B) R +
s kron(A, C) R = kron(A, B + s C) R, and a Kronecker product met by a sum of them term by term."""

from __future__ import annotations

from collections.abc import Iterator

from mcdocgen.engine.simplify.common import Rewritten, chain_product, coeff, scaled_inner, spine, with_coeff
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Add, Commutation, Div, Kron, MatMul, Mul, Neg, Node, Transpose, Vec
from mcdocgen.language.transposes import Through, transposed

#: a term of a transposed sum taken term by term: the transpose through products, Kronecker products (X^T of
#: each factor, not taken further) and commutation matrices, and signs
_THROUGH_PRODUCTS = Through(products=True, kron=True, kron_factors=Through(), signs=True)


def fits(a: Node, b: Node) -> bool:
    return bool(a.shape.cols == b.shape.rows)


def mixed_over_sum(a: Node, b: Node) -> Node | None:
    """kron(A, B) (kron(C, D) R + kron(E, F) + ...) = kron(A C, B D) R + kron(A E, B F) + ... where every
    term's first factor meets kron(A, B) by the mixed product, and likewise a sum whose terms end in a
    Kronecker product times one on the right (a transposed sum taken term by term), so that like Kronecker
    products can then be gathered (the projection X (X'X)^-1 X' by X)."""
    kron_left = isinstance(a, Kron)
    kron, summed = (a, b) if kron_left else (b, a)
    if not isinstance(kron, Kron):
        return None
    if isinstance(summed, Transpose) and isinstance(summed.arg, Add):
        flip, terms = True, summed.arg.terms
    elif isinstance(summed, Add):
        flip, terms = False, summed.terms
    else:
        return None
    met: list[Node] = []
    for term in terms:
        wrappers: list[Node] = []
        core = transposed(term, _THROUGH_PRODUCTS) if flip else term
        while isinstance(core, Neg) or (isinstance(core, Mul) and core.left.shape.is_scalar and core.right.shape == core.shape):
            wrappers.append(core)
            core = core.arg if isinstance(core, Neg) else core.right
        factors = list(spine(core))
        end = factors[0] if kron_left else factors[-1]
        if not isinstance(end, Kron):
            return None
        first, second = (kron, end) if kron_left else (end, kron)
        if not (fits(first.left, second.left) and fits(first.right, second.right)):
            return None
        product = E.kron(E.matmul(first.left, second.left), E.matmul(first.right, second.right))
        factors[0 if kron_left else -1] = product
        met.append(rewrapped(chain_product(factors), wrappers))
    return E.add(*met)


def add(node: Add) -> Rewritten:
    """vec(A) + vec(B) = vec(A + B); kron(A, B) R + s kron(A, C) R = kron(A, B + s C) R (and with the right
    factor shared; a matrix, not a vector; R a common rest of the product, or none), the form Magnus and
    Neudecker factor a Hessian or a vec form into. A signed or scaled sum among the terms is opened for it."""
    terms = node.terms
    if len(terms) > 1 and all(isinstance(t, Vec) for t in terms) and len({t.children()[0].shape for t in terms}) == 1:
        return R.VEC_LINEAR, E.vec(E.add(*(t.children()[0] for t in terms)))
    if sum(1 for t in terms if isinstance(t, (Kron, Neg, Mul, Div, MatMul))) < 2:
        return None
    found = _gathered(list(terms))
    if found is None and any(_opened(t) is not None for t in terms):
        found = _gathered([u for t in terms for u in (_opened(t) or (t,))])
    if found is None and (factored := _commutation_factored(node)) is not None:
        return R.COMMUTATION_FACTOR, factored
    return None if found is None else (R.KRON_SUM, found)


def _commutation_factored(node: Add) -> Node | None:
    """T + T K = T (I + K) and T + K T = (I + K) T for a commutation matrix K (one coefficient on both),
    a term K(p, m) kron(A, B) being kron(B, A) K(q, n) and kron(A, B) K(n, q) being K(m, p) kron(B, A)
    (A m x n, B p x q): Magnus and Neudecker's (I + K) factor. Only where the sum gets shorter."""
    split = [coeff(t) for t in node.terms]
    for i, (ci, ti) in enumerate(split):
        for j, (cj, tj) in enumerate(split):
            if i == j or ci != cj:
                continue
            for alt in _turned(tj):
                if not isinstance(alt, MatMul):
                    continue
                if alt.left == ti and isinstance(alt.right, Commutation):
                    merged = E.matmul(ti, E.add(E.eye(alt.right.shape.rows), alt.right))
                elif alt.right == ti and isinstance(alt.left, Commutation):
                    merged = E.matmul(E.add(E.eye(alt.left.shape.rows), alt.left), ti)
                else:
                    continue
                rest = [t for k, t in enumerate(node.terms) if k not in (i, j)]
                out = E.add(with_coeff(ci, merged), *rest) if rest else with_coeff(ci, merged)
                try:
                    return out if E.tree_size(out) < E.tree_size(node) else None
                except E.ExprError:
                    return None
    return None


def _turned(term: Node) -> Iterator[Node]:
    """The product ``term`` as it stands and, where it is a commutation matrix beside a Kronecker product,
    with the two turned round: K(p, m) kron(A, B) = kron(B, A) K(q, n), kron(A, B) K(n, q) = K(m, p) kron(B, A)."""
    if not isinstance(term, MatMul):
        return
    yield term
    k, product = (term.left, term.right) if isinstance(term.left, Commutation) else (term.right, term.left)
    if not (isinstance(k, Commutation) and isinstance(product, Kron)):
        return
    m, n, p, q = product.left.shape.rows, product.left.shape.cols, product.right.shape.rows, product.right.shape.cols
    swapped = E.kron(product.right, product.left)
    if k is term.left and (k.m, k.n) == (p, m):
        yield E.matmul(swapped, E.commutation(q, n))
    elif k is term.right and (k.m, k.n) == (n, q):
        yield E.matmul(E.commutation(m, p), swapped)


def _gathered(terms: list[Node]) -> Node | None:
    """The sum with one group of Kronecker products that share a factor and a rest gathered, or None."""
    scaled = [_scaled_kron(t) for t in terms]
    for side in (0, 1):
        for first in scaled:
            if first is None:
                continue
            shared, other_shape = first[1].children()[side], first[1].children()[1 - side].shape
            if shared.shape.is_vector_like:     # sums of vec(A) kron vec(B) are vec-of-kron's to read
                continue
            group = {j: found for j, found in enumerate(scaled) if found is not None and found[2] == first[2]
                     and found[1].children()[side] == shared and found[1].children()[1 - side].shape == other_shape}
            if len(group) < 2:
                continue
            parts = E.add(*(_rescaled(found, 1 - side) for found in group.values()))
            merged = E.kron(shared, parts) if side == 0 else E.kron(parts, shared)
            if first[2] is not None:
                merged = E.matmul(merged, first[2])
            rest = [t for j, t in enumerate(terms) if j not in group]
            return E.add(merged, *rest) if rest else merged
    return None


def _opened(term: Node) -> tuple[Node, ...] | None:
    """The terms of a signed or scaled sum, each with the sign and scalars: -(a + b) gives (-a, -b)."""
    wrappers: list[Node] = []
    while (inner := scaled_inner(term)) is not None:
        wrappers.append(term)
        term = inner
    if not (wrappers and isinstance(term, Add)):
        return None
    return tuple(rewrapped(t, wrappers) for t in term.terms)


def _scaled_kron(term: Node) -> tuple[list[Node], Kron, Node | None] | None:
    """(the sign and scalar wrappers, outermost first; the Kronecker product; the rest of the product it
    heads, or None) of s kron(A, B) R, -kron(A, B), kron(A, B) / s."""
    wrappers: list[Node] = []
    while not isinstance(term, Kron):
        if isinstance(term, MatMul) and isinstance(term.left, Kron):
            return wrappers, term.left, term.right
        if (inner := scaled_inner(term)) is None:
            return None
        wrappers.append(term)
        term = inner
    return wrappers, term, None


def _rescaled(scaled: tuple[list[Node], Kron, Node | None], side: int) -> Node:
    """The factor on ``side`` of the Kronecker product, with the product's signs and scalars."""
    wrappers, product, _ = scaled
    return rewrapped(product.children()[side], wrappers)


def rewrapped(node: Node, wrappers: list[Node]) -> Node:
    """``node`` inside the signs, scalar factors and scalar divisors ``wrappers`` (outermost first)."""
    for w in reversed(wrappers):
        if isinstance(w, Neg):
            node = E.neg(node)
        elif isinstance(w, Div):
            node = E.div(node, w.right)
        else:
            node = E.mul(w.children()[0], node)
    return node
