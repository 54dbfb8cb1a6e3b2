"""The vec form read off a differential's canonical terms: a second symbolic route to the Jacobian.

``vec(L dX R) = kron(R^T, L) vec(dX)``; ``vec(L dX^T R) = kron(R^T, L) K vec(dX)`` with K the
commutation matrix (``K vec(X) = vec(X^T)``); ``vec(M * Y) = diag(vec(M)) vec(Y)``;
``vec(C tr(G^T dX)) = vec(C) vec(G)^T vec(dX)``. The numerator form is the sum over the terms (of shape
(pq, mn)); the denominator form is each term transposed. A matrix by a scalar is read as a matrix of
F's shape (numerator) or its transpose.
"""

from __future__ import annotations

import sympy

from mcdocgen import language as E
from mcdocgen.engine.derive import Derivation
from mcdocgen.engine.linear_terms import Canonical, Term, scaled, transposed
from mcdocgen.language import Eye, Form, Layout, Node
from mcdocgen.language.shapes import Dim


def applies(d: Derivation) -> bool:
    """Whether a result is read off the differential: a finished first derivative in vec form, or a
    matrix by a scalar (the results whose pages show the tensor form and whose steps check reads it);
    not the constant rule's zero, which has no differential to read."""
    matrix_by_scalar = d.wrt_shape.is_scalar and not d.function_shape.is_vector_like
    constant = not any(i.depends for i in d.intermediates)
    return d.ok and d.order == 1 and (d.form is Form.VEC or matrix_by_scalar) and not constant


def _eye(size: Dim) -> Node | None:
    """The identity of a size, or None for a size of 1 (a factor that is not written)."""
    return None if sympy.sympify(size) == 1 else E.eye(size)


def _vec(a: Node) -> Node:
    return a if a.shape.is_column or a.shape.is_scalar else E.vec(a)


def _kron(a: Node | None, b: Node | None) -> Node:
    if a is None or b is None:
        kept = a if b is None else b
        return kept if kept is not None else E.num(1)
    if isinstance(a, Eye) and isinstance(b, Eye):   # I_n kron I_m = I_nm
        return E.eye(a.shape.rows * b.shape.rows)
    return E.kron(a, b)


def _mm(a: Node, b: Node) -> Node:
    """a @ b, an identity factor left out."""
    return b if isinstance(a, Eye) else a if isinstance(b, Eye) else E.matmul(a, b)


def _times(a: Node | None, b: Node | None) -> Node | None:
    if a is None or isinstance(a, Eye):
        return b if b is not None else a
    return a if b is None or isinstance(b, Eye) else E.matmul(a, b)


def _term(t: Term, c: Canonical, layout: Layout) -> Node:
    m, n = c.wrt_shape.rows, c.wrt_shape.cols
    num = layout is Layout.NUMERATOR
    if t.trace:
        col = _vec(t.outer) if t.outer is not None else None
        g = _vec(t.grad) if t.grad is not None else _vec(E.eye(m)) if not c.wrt_shape.is_scalar else None
        left, right = (col, g) if num else (g, col)
        body = _times(left, None if right is None else transposed(right)) or E.num(1)
    else:
        rows, cols = (n, m) if t.transposed else (m, n)
        left = t.left if t.left is not None else _eye(rows)
        right = t.right if t.right is not None else _eye(cols)
        # numerator kron(R^T, L); denominator its transpose kron(R, L^T)
        body = _kron(None if right is None else transposed(right), left) if num else \
            _kron(right, None if left is None else transposed(left))
        if t.transposed:    # K_mn on the right (numerator), K_nm = K_mn^T on the left (denominator)
            body = _mm(body, E.commutation(m, n)) if num else _mm(E.commutation(n, m), body)
        if t.mask is not None:  # vec(P (M * Y) Q) = kron(Q^T, P) diag(vec(M)) vec(Y)
            mask = E.diag(_vec(t.mask))
            body = _mm(mask, body) if num else _mm(body, mask)
            if t.pre is not None or t.post is not None:
                pre = t.pre if t.pre is not None else _eye(t.mask.shape.rows)
                post = t.post if t.post is not None else _eye(t.mask.shape.cols)
                outer = _kron(None if post is None else transposed(post), pre) if num else \
                    _kron(post, None if pre is None else transposed(pre))
                body = _mm(outer, body) if num else _mm(body, outer)
    return scaled(t.coefficient, body)


def _by_scalar(t: Term, c: Canonical) -> Node:
    """A matrix-by-scalar term as a matrix of F's shape (numerator layout)."""
    if t.trace:
        body = t.outer if t.outer is not None else E.num(1)
        if t.grad is not None:
            body = E.mul(t.grad, body)
    else:
        body = _times(t.left, t.right) or E.eye(c.function_shape.rows)
        if t.mask is not None:
            body = _times(_times(t.pre, E.mul(t.mask, body)), t.post) or body
    return scaled(t.coefficient, body)


def readoff(c: Canonical, layout: Layout) -> Node:
    """The Jacobian read off dF in the layout: vec form (pq, mn) / (mn, pq), or a matrix by a scalar."""
    if c.wrt_shape.is_scalar and not c.vectorized:
        matrix = E.add(*(_by_scalar(t, c) for t in c.terms))
        return matrix if layout is Layout.NUMERATOR else transposed(matrix)
    return E.add(*(_term(t, c, layout) for t in c.terms))
