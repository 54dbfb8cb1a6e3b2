"""Reductions, functions and constants: traces, determinants, inverses, sums of entries, 1 x 1 arrays."""

from __future__ import annotations

import sympy

from mcdocgen.engine.simplify.common import Rewritten, chain_product, coeff, concrete, is_zero, with_coeff, zero_like
from mcdocgen.engine.simplify.products import unit_lit
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen.engine.simplify.transpose import is_symmetric
from mcdocgen import language as E
from mcdocgen.language import (
    Add, Det, Diag, Eye, Func, Index, Inv, Lit, MatMul, Mean, Mul, Neg, Node, Norm, Norm1, Ones, Outer, Sum, Trace,
    Transpose, Unit, Zero,
)
from mcdocgen.language.walks import matmul_factors
from mcdocgen.language.zeros import is_zero as identically_zero


def index(node: Index) -> Rewritten:
    """[a, b][0] = a, A^T[i, j] = A[j, i]."""
    a = node.arg
    if isinstance(a, Transpose) and not a.arg.shape.is_vector_like:
        return R.INDEX_TRANSPOSE, E.index(a.arg, node.col, node.row)
    return (R.INDEX_LITERAL, a.rows[node.row][node.col]) if isinstance(a, Lit) else None


def trace(node: Trace) -> Rewritten:
    """tr(I_n) = n, tr(s M) = s tr(M) for a scalar s, tr(a b^T) = b^T a, tr(M^T) = tr(M)."""
    a = node.arg
    if isinstance(a, Eye):
        return R.TRACE_IDENTITY, E.num(a.shape.rows)
    if (split := _rank_one(a)) is not None:
        return R.RANK_ONE, E.matmul(split[1], split[0])
    if isinstance(a, Transpose):
        return R.TRACE_TRANSPOSE, E.trace(a.arg)
    if isinstance(a, Mul) and not a.shape.is_scalar:
        for s, m in ((a.left, a.right), (a.right, a.left)):
            if s.shape.is_scalar and m.shape == a.shape:
                return R.SCALAR_OUT, E.mul(s, E.trace(m))
    if (cyclic := _cyclic(a)) is not None:
        return R.TRACE_CYCLIC, cyclic
    return None


_MAX_WORDS = 8      # terms a trace's argument is expanded into, at most (the expansion is a product of sums)


def _cyclic(arg: Node) -> Node | None:
    """tr of a sum of products (or of a product with sums among its factors), with the products
    expanded and those that are rotations of one another (tr(A B C) = tr(B C A) = tr(C A B)) taken as
    like terms: tr(M (B M + M B) M B) = 2 tr(M B M B M). Only where it is shorter than the trace as it
    stands. Numeric coefficients only: a scalar factor is taken out of the trace first."""
    words = _words(arg)
    if words is None or len(words) < 2:
        return None
    groups: dict[tuple[Node, ...], list[tuple[sympy.Expr, tuple[Node, ...]]]] = {}
    for c, word in words:
        groups.setdefault(rotation_key(word), []).append((c, word))
    if len(groups) == len(words):
        return None
    totals = [(sum((c for c, _ in group), sympy.S.Zero), group) for group in groups.values()]
    terms = [with_coeff(c, E.trace(chain_product(_shown(group)))) for c, group in totals if c != 0]
    out = E.add(*terms) if len(terms) > 1 else terms[0] if terms else E.num(0)
    try:
        shorter = E.tree_size(out) < E.tree_size(E.trace(arg))
    except E.ExprError:
        return None
    return out if shorter else None


def trace_word(node: Node) -> tuple[Node, ...] | None:
    """The factors of a trace's argument, a product of matrices (none a vector: tr(a b^T) is b^T a), or None."""
    if not isinstance(node, Trace) or not isinstance(node.arg, MatMul):
        return None
    word = tuple(matmul_factors(node.arg))
    return None if any(f.shape.is_vector_like for f in word) else word


def _words(node: Node) -> list[tuple[sympy.Expr, tuple[Node, ...]]] | None:
    """``node`` as a sum of c_k P_k for numbers c_k and products P_k (their factors, none a sum or a
    product), or None where that takes more than _MAX_WORDS terms or a factor is scaled by a symbol."""
    c, core = coeff(node)
    if isinstance(core, Add):
        out: list[tuple[sympy.Expr, tuple[Node, ...]]] = []
        for t in core.terms:
            if t.shape != core.shape or (inner := _words(t)) is None:
                return None
            out += [(c * ci, w) for ci, w in inner]
        return out if len(out) <= _MAX_WORDS else None
    if isinstance(core, MatMul):
        left, right = _words(core.left), _words(core.right)
        if left is None or right is None or len(left) * len(right) > _MAX_WORDS:
            return None
        return [(c * cl * cr, wl + wr) for cl, wl in left for cr, wr in right]
    if isinstance(core, (Mul, Neg)) or core.shape.is_vector_like:
        return None     # a scalar other than a number (s A): not expanded; a vector: tr(a b^T) is b^T a
    return [(c, (core,))]


def rotation_key(word: tuple[Node, ...]) -> tuple[Node, ...]:
    """One representative of a word's rotations (every rotation of a square product is a product)."""
    return min((word[i:] + word[:i] for i in range(len(word))), key=lambda w: tuple(map(repr, w)))


def _shown(group: list[tuple[sympy.Expr, tuple[Node, ...]]]) -> tuple[Node, ...]:
    """The rotation a group of like traces is printed with: one that reads the same backwards (tr(M B M B M),
    as textbooks print the symmetric form) where there is one, else the first term's."""
    word = group[0][1]
    rotations = [word[i:] + word[:i] for i in range(len(word))]
    return next((w for w in rotations if w == w[::-1]), word)


def det(node: Det) -> Rewritten:
    """det(I) = 1, det(A^T) = det(A)."""
    if isinstance(node.arg, Eye):
        return R.DET_IDENTITY, E.num(1)
    if isinstance(node.arg, Transpose):
        return R.DET_TRANSPOSE, E.det(node.arg.arg)
    return None


def inv(node: Inv) -> Rewritten:
    """(A^-1)^-1 = A, (A^T)^-1 = (A^-1)^T, (s A)^-1 = A^-1 / s and (-A)^-1 = -A^-1 for a scalar s (s A is
    invertible exactly where s != 0 and A is)."""
    a = node.arg
    if isinstance(a, Inv):
        return R.DOUBLE_INVERSE, a.arg
    if isinstance(a, Transpose):
        return R.INVERSE_TRANSPOSE, E.transpose(E.inv(a.arg))
    if isinstance(a, Neg) and not a.shape.is_scalar:
        return R.INVERSE_OF_SCALED, E.neg(E.inv(a.arg))
    if isinstance(a, Mul) and not a.shape.is_scalar:
        for s, m in ((a.left, a.right), (a.right, a.left)):
            if s.shape.is_scalar and m.shape == a.shape:
                return R.INVERSE_OF_SCALED, E.div(E.inv(m), s)
    return None


def total(node: Sum) -> Rewritten:
    """sum(1_n) = n, sum(s) = s, sum(A^T) = sum(A), sum(v - mean(v)) = 0, sum(M o I) = tr(M)."""
    if isinstance(node.arg, Ones):
        return R.SUM_OF_ONES, E.num(sympy.Mul(node.arg.shape.rows, node.arg.shape.cols))
    if node.arg.shape.is_scalar:
        return R.SUM_OF_ONES, node.arg
    if isinstance(node.arg, Transpose):
        return R.SUM_TRANSPOSE, E.total(node.arg.arg)
    if is_centred(node.arg):
        return R.CENTRED_SUM, E.num(0)
    if isinstance(node.arg, Mul) and not node.arg.shape.is_vector_like:
        for this, other in ((node.arg.left, node.arg.right), (node.arg.right, node.arg.left)):
            if isinstance(other, Eye):
                return R.SUM_TRACE, E.trace(this)
    if isinstance(node.arg, Mul) and not node.arg.shape.is_vector_like:
        for this, other in ((node.arg.left, node.arg.right), (node.arg.right, node.arg.left)):
            if other.shape == this.shape and (form := _bilinear(this, other)) is not None:
                return R.RANK_ONE, form
    if (found := _trace_of_product(node.arg)) is not None:
        return R.SUM_AS_TRACE, found
    return None


def _bilinear(node: Node, c: Node, depth: int = 2) -> Node | None:
    """sum(node o C) as bilinear forms a^T C b, where ``node`` is a b^T, or a sum, negation or scalar
    multiple of such, or a product with one such sum among its factors (P (a b^T - d e^T) Q, as a
    chain through an inverse leaves it; ``depth`` bounds the nesting); else None."""
    match node:
        case Neg(arg=a):
            inner = _bilinear(a, c, depth)
            return None if inner is None else E.neg(inner)
        case Mul(left=s, right=a) if s.shape.is_scalar and a.shape == node.shape:
            inner = _bilinear(a, c, depth)
            return None if inner is None else E.mul(s, inner)
        case Add(terms=terms) if depth:
            parts = [_bilinear(t, c, depth - 1) for t in terms]
            return None if any(p is None for p in parts) else E.add(*(p for p in parts if p is not None))
    if not isinstance(node, MatMul):
        return None
    if (split := _rank_one(node)) is not None:
        return E.matmul(E.matmul(E.transpose(split[0]), c), E.transpose(split[1]))
    factors = matmul_factors(node)
    at = next((i for i, f in enumerate(factors) if isinstance(f, Add)), None)
    if at is None or not depth or not any(_has_column(t) for t in factors[at].children()):
        return None     # no term of the sum can split at a column: nothing is built
    terms = factors[at].children()
    if any(t.shape != factors[at].shape for t in terms):
        return None     # a scalar term spread over the sum (x y^T + c): no product of it with the factors
    return _bilinear(E.add(*(_product([*factors[:at], t, *factors[at + 1:]]) for t in terms)), c, depth - 1)


def _has_column(node: Node) -> bool:
    """A column factor in a product (under signs and scalar factors): where a b^T can split."""
    while isinstance(node, (Neg, Mul)) and not node.shape.is_vector_like:
        node = node.arg if isinstance(node, Neg) else node.right
    return any(f.shape.is_column for f in matmul_factors(node)[:-1])


def _rank_one(node: Node) -> tuple[Node, Node] | None:
    """(a, b^T) where the matrix product ``node`` is a b^T: the product of its factors up to the first
    one with one column (a column a), times the rest (a row b^T)."""
    factors = matmul_factors(node)
    if len(factors) < 2 or node.shape.is_vector_like:
        return None
    for j, f in enumerate(factors[:-1]):
        if f.shape.cols == 1:
            left, right = factors[:j + 1], factors[j + 1:]
            return _product(left), _product(right)
    return None


def _product(factors: list[Node]) -> Node:
    """The product of the factors, a sign or scalar factor of one moved in front of it all."""
    scalars, plain = [], []
    for f in factors:
        while isinstance(f, Neg) or (isinstance(f, Mul) and f.left.shape.is_scalar and f.right.shape == f.shape):
            scalars.append(E.num(-1) if isinstance(f, Neg) else f.left)
            f = f.arg if isinstance(f, Neg) else f.right
        plain.append(f)
    out = plain[-1]
    for f in reversed(plain[:-1]):
        out = E.matmul(f, out)
    for s in reversed(scalars):
        out = E.neg(out) if s == E.num(-1) else E.mul(s, out)
    return out


def _trace_of_product(arg: Node) -> Node | None:
    """sum(s (M^T o B)) = s tr(M B) and sum(s (A o N^T)) = s tr(A N), for matrices (not vectors: there
    it is a dot product) and scalars s: the trace of a product, as textbooks write it; likewise
    sum(s (S o P)) = s tr(S P) for a symmetric S (S = S^T) and a product P."""
    factors: list[Node] = []
    stack = [arg]
    while stack:
        n = stack.pop()
        if isinstance(n, Mul):
            stack += [n.right, n.left]
        else:
            factors.append(n)
    scalars = [f for f in factors if f.shape.is_scalar]
    arrays = [f for f in factors if not f.shape.is_scalar]
    if len(arrays) != 2 or arrays[0].shape.is_vector_like or arrays[0].shape != arrays[1].shape:
        return None
    a, b = arrays
    if (m := _untransposed(a)) is not None:
        a = m
    elif (m := _untransposed(b)) is not None:
        b = m
    elif not _symmetric_beside_product(a, b):
        return None
    a, b = _scaled_out(a, scalars), _scaled_out(b, scalars)    # (s M)^T: s goes out of the trace too
    product = E.trace(E.matmul(a, b))
    for s in reversed(scalars):
        product = E.mul(s, product)
    return product


def _symmetric_beside_product(a: Node, b: Node) -> bool:
    """sum(S o P) = tr(S^T P) = tr(S P): one factor symmetric (not diagonal: those have rules of their own),
    one a product, so that the trace is of a product (sum(A o S) of two variables is as short, and stays)."""
    return any(isinstance(f, MatMul) for f in (a, b)) and any(is_symmetric(f) and not isinstance(f, Diag) for f in (a, b))


def _scaled_out(node: Node, scalars: list[Node]) -> Node:
    """M for s M, with s appended to ``scalars``."""
    while isinstance(node, Mul) and node.left.shape.is_scalar and not node.right.shape.is_scalar:
        scalars.append(node.left)
        node = node.right
    return node


def _untransposed(node: Node) -> Node | None:
    """M where node is M^T written as a transpose: X^T, or a product of transposes A^T B^T = (B A)^T."""
    if isinstance(node, Transpose):
        return node.arg
    if isinstance(node, MatMul) and (left := _untransposed(node.left)) is not None \
            and (right := _untransposed(node.right)) is not None:
        return E.matmul(right, left)
    return None


def at_zero(node: Func | Norm | Norm1) -> Rewritten:
    """f(0) = 0 for a function of an all-zero argument whose value there the language's zero test (language.zeros,
    the one home of what is zero) finds 0: sign(0) = |0| = relu(0) = sqrt(0) = norm(0) = 0; exp(0) = 1 stays."""
    return (R.ZERO, zero_like(node)) if is_zero(node.arg) and identically_zero(node) else None


def func(node: Func) -> Rewritten:
    """Transposes stay outside elementwise functions: exp(x)^T, not exp(x^T)."""
    if isinstance(node.arg, Transpose):
        return R.TRANSPOSE_OUT, E.transpose(E.func(node.fn, node.arg.arg))
    return None


def unit(node: Unit) -> Rewritten:
    """A unit array of known small size is written by components; a 1 x 1 one is 1."""
    if concrete(node.shape) and not node.shape.is_scalar and \
            int(node.shape.rows) * int(node.shape.cols) <= E.MAX_LITERAL_ENTRIES:
        return R.LITERAL, unit_lit(node, E.num(1))
    if node.shape.is_scalar:
        return R.ONE_BY_ONE, E.num(1)
    return None


def diag(node: Diag) -> Rewritten:
    """diag(0) = 0, diag(1) = I, diag(s v) = s diag(v), diag(-v) = -diag(v)."""
    a = node.arg
    if is_zero(a):
        return R.ZERO, zero_like(node)
    if isinstance(a, Ones) and not node.shape.is_vector_like:
        return R.DIAG_PRODUCT, E.eye(node.shape.rows)
    if isinstance(a, Mul) and a.left.shape.is_scalar and not a.right.shape.is_scalar:
        return R.SCALAR_OUT, E.mul(a.left, E.diag(a.right))
    if isinstance(a, Neg):
        return R.DIAG_SCALAR, E.neg(E.diag(a.arg))
    return None


def ones(node: Ones) -> Rewritten:
    """A 1 x 1 array of ones is 1."""
    return (R.ONE_BY_ONE, E.num(1)) if node.shape.is_scalar else None


def eye(node: Eye) -> Rewritten:
    """A 1 x 1 identity is 1."""
    return (R.ONE_BY_ONE, E.num(1)) if node.shape.is_scalar else None


def zero(node: Zero) -> Rewritten:
    """A 1 x 1 zero is 0."""
    return (R.ONE_BY_ONE, E.num(0)) if node.shape.is_scalar else None


def outer(node: Outer) -> Rewritten:
    """outer(0, b) = outer(a, 0) = 0."""
    if is_zero(node.left) or is_zero(node.right):
        return R.ZERO, E.zero(node.shape)
    return None


def is_centred(node: Node) -> bool:
    """v - mean(v) (either order of the terms): an array whose entries sum to 0."""
    if not (isinstance(node, Add) and len(node.terms) == 2) or node.shape.is_scalar:
        return False
    return any(isinstance(m, Neg) and isinstance(m.arg, Mean) and m.arg.arg == v
               for v, m in (node.terms, node.terms[::-1]))
