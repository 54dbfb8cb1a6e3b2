"""What derive needs for functions that are not scalars: when the vec form is used, a bound on its
size, a transposed operand's Jacobian, and the matrix of a matrix function's derivative by a scalar
read out of ``vec(M)``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from mcdocgen import language as E
from mcdocgen.language import Add, Commutation, Diag, Eye, Kron, Lit, MatMul, Mul, Neg, Node, Transpose, Vec, Zero
from mcdocgen.language.shapes import Shape


MAX_VEC_ENTRIES = 250_000   # of one vec-form Jacobian over concrete sizes (X of 22 x 22 by itself: 234,256)


def needs_vec_form(function: Shape, wrt: Shape) -> bool:
    """Whether a derivative needs the vec form from the start: a matrix function, or a vector
    function by a matrix (a vector function by a vector tries the matrix-free ways first)."""
    return not function.is_vector_like or (not function.is_scalar and not wrt.is_vector_like)


def oversized(shape: Shape) -> str | None:
    """Why a vec-form Jacobian of this shape is too large to hold ((mn)^2 entries for X by X over
    concrete sizes), or None; symbolic sizes are drawn small by the checks."""
    rows, cols = shape.rows, shape.cols
    if not (getattr(rows, "is_number", True) and getattr(cols, "is_number", True)):
        return None   # a symbolic size: never a number of entries (nor SymPy's product built, ~0.1 ms cold)
    entries = rows * cols
    if entries > MAX_VEC_ENTRIES:
        return (f"its vec-form Jacobian would have {entries} entries (the limit is {MAX_VEC_ENTRIES:,}, "
                "MAX_VEC_ENTRIES); use smaller or symbolic sizes")
    return None


def through_transpose(jacobian: Node, transposed: bool, shape: Shape) -> Node:
    """The Jacobian by a variable of ``shape`` from the Jacobian by its slot: ``X.T`` in the slot
    adds ``commutation(m, n)`` on the right (``vec(X.T) = K(m, n) vec(X)``); a vector needs nothing."""
    if not transposed or shape.is_vector_like:
        return jacobian
    return E.matmul(jacobian, E.commutation(shape.rows, shape.cols))


def unvec(node: Node, shape: Shape) -> Node | None:
    """M of ``shape`` where ``node`` is ``vec(M)``, or a sum, negation or scalar multiple of such
    (what the simplifier leaves); None where it is not written so (no matrix to read out)."""
    match node:
        case Vec(arg=a) if a.shape == shape:
            return a
        case Kron(left=v, right=u) if v.shape.is_column and u.shape.is_column and (u.shape.rows, v.shape.rows) == \
                (shape.rows, shape.cols):
            return E.matmul(u, E.transpose(v))     # kron(v, u) = vec(u v^T)
        case Zero():
            return E.zero(shape)
        case Neg() | Mul() | Add() if (summed := _term_by_term(node, lambda t: unvec(t, shape))) is not False:
            return summed
        case MatMul(left=linear, right=Vec(arg=m)):
            found = applied(linear, m)
            return found if found is not None and found.shape == shape else None
        case Lit(rows=rows) if node.shape.cols == 1 and shape.rows.is_number and shape.cols.is_number:
            r, c = int(shape.rows), int(shape.cols)   # a column written by components: its entries column-major
            return E.lit(tuple(tuple(rows[i + j * r][0] for j in range(c)) for i in range(r)))
        case Transpose(arg=Transpose(arg=a)):
            return unvec(a, shape)
        case Transpose(arg=Add(terms=terms)):   # the simplifier leaves some transposed sums of rows
            return unvec(E.add(*(E.transpose(t) for t in terms)), shape)
        case Transpose(arg=Neg(arg=a)):
            return unvec(E.neg(E.transpose(a)), shape)
        case Transpose(arg=Mul(left=s, right=a)) if s.shape.is_scalar:
            return unvec(E.mul(s, E.transpose(a)), shape)
    return node if shape.is_vector_like and node.shape == shape else None


def applied(linear: Node, m: Node) -> Node | None:
    """N with ``linear @ vec(m) == vec(N)``, read term by term where ``linear`` is built of Kronecker
    products (Roth's lemma: ``kron(P, A) @ vec(M) = vec(A @ M @ P.T)``), commutation and identity
    matrices, diag(vec(D)), outer products vec(P) vec(Q)^T (``vec(P) tr(Q^T M)``), their transposes, sums,
    products and scalar multiples; else None. (What the simplifier leaves unapplied when a transposed
    sum stands in the way.)"""
    match linear:
        case Eye():
            return m
        case Kron(left=p, right=a) if a.shape.cols == m.shape.rows and p.shape.cols == m.shape.cols:
            return E.matmul(E.matmul(a, m), E.transpose(p))
        case Commutation() if (linear.m, linear.n) == (m.shape.rows, m.shape.cols):
            return E.transpose(m)
        case Diag(arg=Vec(arg=d)) if d.shape == m.shape:
            return E.mul(d, m)
        case Neg() | Mul() | Add() if (found := _term_by_term(linear, lambda t: applied(t, m))) is not False:
            return found
        case MatMul(left=Vec(arg=p), right=Transpose(arg=Vec(arg=q))) if q.shape == m.shape:
            return E.mul(E.trace(E.matmul(E.transpose(q), m)), p)    # vec(Q)^T vec(M) = tr(Q^T M)
        case MatMul(left=a, right=b):
            inner = applied(b, m)
            return None if inner is None else applied(a, inner)
        case Transpose(arg=a):
            flipped = _transposed(a)
            return None if flipped is None else applied(flipped, m)
    return None


def _term_by_term(node: Node, each: Callable[[Node], Node | None]) -> Node | Literal[False] | None:
    """``each`` (unvec, applied: both linear) through a sum, a negation or a scalar multiple: None where a
    term has no answer, or the terms' answers differ in shape (vecs of matrices of different shapes add,
    the matrices do not); False where ``node`` is none of these (the caller's other cases decide)."""
    match node:
        case Neg(arg=a):
            inner = each(a)
            return None if inner is None else E.neg(inner)
        case Mul(left=s, right=a) if s.shape.is_scalar:
            inner = each(a)
            return None if inner is None else E.mul(s, inner)
        case Add(terms=terms):
            parts = [each(t) for t in terms]
            found = [p for p in parts if p is not None]
            if len(found) < len(parts) or len({p.shape for p in found}) > 1:
                return None
            return E.add(*found)
    return False


def _transposed(node: Node) -> Node | None:
    """The transpose of a linear map built as ``applied`` reads them, one level pushed in."""
    match node:
        case Eye() | Diag():
            return node
        case MatMul(left=Vec() as p, right=Transpose(arg=Vec() as q)):     # an outer product of vecs
            return E.matmul(q, E.transpose(p))
        case Kron(left=p, right=a):
            return E.kron(E.transpose(p), E.transpose(a))
        case Commutation():
            return E.commutation(node.n, node.m)
        case Transpose(arg=a):
            return a
        case Neg(arg=a):
            return E.neg(E.transpose(a))
        case Mul(left=s, right=a) if s.shape.is_scalar:
            return E.mul(s, E.transpose(a))
        case Add(terms=terms):
            return E.add(*(E.transpose(t) for t in terms))
        case MatMul(left=a, right=b):
            return E.matmul(E.transpose(b), E.transpose(a))
    return None
