"""Products, quotients, powers and negation: signs and scalars out in front, diagonals and inverses met."""

from __future__ import annotations

from mcdocgen.engine.simplify.common import Rewritten, as_column, coeff, concrete, is_num, is_zero, with_coeff, zero_like
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Diag, Div, Eye, Lit, MatMul, Mul, Neg, Node, Num, Ones, Outer, Pow, Transpose, Unit


def _split_scalar(node: Node) -> tuple[Node | None, Node]:
    """``s * A`` with a scalar s and a non-scalar A gives (s, A); otherwise (None, node)."""
    if isinstance(node, Mul) and node.left.shape.is_scalar and not node.right.shape.is_scalar:
        return node.left, node.right
    if isinstance(node, Mul) and node.right.shape.is_scalar and not node.left.shape.is_scalar:
        return node.right, node.left
    if isinstance(node, Div) and node.right.shape.is_scalar and not node.left.shape.is_scalar:
        return E.div(E.num(1), node.right), node.left
    return None, node


def matmul(node: MatMul) -> Rewritten:
    """A @ B: zeros, identities, 1 x 1 factors, signs and scalars out, diagonals, sums of entries,
    literals, and association to the right (inverse pairs: simplify.inverses, registered first)."""
    a, b = node.left, node.right
    if is_zero(a) or is_zero(b):
        return R.ZERO, zero_like(node)
    if isinstance(a, Eye):
        return R.IDENTITY_MATRIX, b
    if isinstance(b, Eye):
        return R.IDENTITY_MATRIX, a
    # A 1x1 factor acts as a scalar.
    if a.shape.is_scalar:
        return (R.ONE_BY_ONE, E.mul(a, b)) if b.shape.rows == 1 else None
    if b.shape.is_scalar:
        return (R.ONE_BY_ONE, E.mul(b, a)) if a.shape.cols == 1 else None
    if isinstance(a, Neg):
        return R.SIGN_OUT, E.neg(E.matmul(a.arg, b))
    if isinstance(b, Neg):
        return R.SIGN_OUT, E.neg(E.matmul(a, b.arg))
    s, rest = _split_scalar(a)
    if s is not None:
        return R.SCALAR_OUT, E.mul(s, E.matmul(rest, b))
    s, rest = _split_scalar(b)
    if s is not None:
        return R.SCALAR_OUT, E.mul(s, E.matmul(a, rest))
    # Diagonal matrices meet vectors and each other.
    if isinstance(a, Diag) and not a.shape.is_vector_like:
        v = a.arg if not a.arg.shape.is_row else E.transpose(a.arg)
        if isinstance(b, Diag) and not b.shape.is_vector_like:
            w = b.arg if not b.arg.shape.is_row else E.transpose(b.arg)
            return R.DIAG_PRODUCT, E.diag(E.mul(v, w))
        if isinstance(b, Ones) and b.shape.is_column:
            return R.DIAG_PRODUCT, v
        if b.shape.is_column:
            return R.DIAG_PRODUCT, E.mul(v, b)
        if isinstance(b, MatMul) and isinstance(b.left, Ones) and b.left.shape.is_column:   # diag(v) 1 w^T = v w^T
            return R.DIAG_PRODUCT, E.matmul(v, b.right)
        if isinstance(b, MatMul) and isinstance(b.left, Diag) and not b.left.shape.is_vector_like:
            w = b.left.arg if not b.left.arg.shape.is_row else E.transpose(b.left.arg)
            return R.DIAG_PRODUCT, E.matmul(E.diag(E.mul(v, w)), b.right)     # inside a chain, as above
    if isinstance(b, Diag) and not b.shape.is_vector_like and a.shape.is_row:
        v = b.arg if not b.arg.shape.is_row else E.transpose(b.arg)
        if isinstance(a, Ones):
            return R.DIAG_PRODUCT, E.transpose(v)
        return R.DIAG_PRODUCT, E.transpose(E.mul(E.transpose(a), v))
    # 1^T v and v^T 1 are sums of entries.
    if isinstance(a, Ones) and a.shape.is_row and b.shape.is_column:
        return R.ONES_PRODUCT, E.total(b)
    if isinstance(b, Ones) and b.shape.is_column and a.shape.is_row:
        return R.ONES_PRODUCT, E.total(a)
    # Matrices written by components multiply out.
    if isinstance(a, Lit) and isinstance(b, Lit):
        return R.LITERAL, E.lit(tuple(
            tuple(E.add(*(E.mul(a.rows[i][k], b.rows[k][j]) for k in range(len(b.rows))))
                  for j in range(len(b.rows[0])))
            for i in range(len(a.rows))))
    # Products associate to the right: one canonical form for like terms.
    if isinstance(a, MatMul):
        return R.ASSOCIATE, E.matmul(a.left, E.matmul(a.right, b))
    if isinstance(a, Outer):
        return R.OUTER_PRODUCT, E.matmul(as_column(a.left), E.matmul(E.transpose(as_column(a.right)), b))
    return None


def mul(node: Mul) -> Rewritten:
    """a * b (scalar or elementwise): numbers fold, zeros and ones go, scalars and coefficients in front."""
    a, b = node.left, node.right
    if isinstance(a, Num) and isinstance(b, Num):
        return R.FOLD_NUMBERS, E.num(a.value * b.value)
    if is_zero(a) or is_zero(b):
        return R.ZERO, zero_like(node)
    # Scalars in front.
    if b.shape.is_scalar and not a.shape.is_scalar:
        return R.SCALARS_FIRST, E.mul(b, a)
    if b.shape.is_scalar and a.shape.is_scalar and isinstance(b, Num) and not isinstance(a, Num):
        return R.SCALARS_FIRST, E.mul(b, a)
    if is_num(a, 1) and node.shape == b.shape:
        return R.ONE, b
    if isinstance(a, Num) and a.value.is_number:
        cb, core_b = coeff(b)
        if cb != 1 and core_b.shape == node.shape:
            return R.COEFFICIENTS, with_coeff(a.value * cb, core_b)
    if isinstance(b, Ones) and node.shape == a.shape:
        return R.ONE, a
    if isinstance(a, Ones) and node.shape == b.shape:
        return R.ONE, b
    if isinstance(a, Neg):
        return R.SIGN_OUT, E.neg(E.mul(a.arg, b))
    if isinstance(b, Neg):
        return R.SIGN_OUT, E.neg(E.mul(a, b.arg))
    # Numeric coefficients gather at the front.
    ca, core_a = coeff(a)
    cb, core_b = coeff(b)
    # (c s) x is the one form (SCALAR_OUT below makes it of c (s x)): the number stays with the scalar
    canonical = cb == 1 and a.shape.is_scalar and not b.shape.is_scalar
    if (ca != 1 or cb != 1) and not isinstance(a, Num) and not canonical:
        inner = core_b if isinstance(core_a, Num) and core_a.value == 1 else E.mul(core_a, core_b)
        if inner.shape == node.shape:
            return R.COEFFICIENTS, with_coeff(ca * cb, inner)
    if isinstance(a, Num) and isinstance(b, Mul) and isinstance(b.left, Num):
        return R.FOLD_NUMBERS, E.mul(E.num(a.value * b.left.value), b.right)
    if a.shape.is_scalar and isinstance(b, Mul) and b.left.shape.is_scalar and not b.right.shape.is_scalar:
        return R.SCALAR_OUT, E.mul(E.mul(a, b.left), b.right)
    # A scalar inside an elementwise product moves to the front: a o (s b) = s (a o b).
    if not a.shape.is_scalar and not b.shape.is_scalar:
        for this, other in ((a, b), (b, a)):
            s, rest = _split_scalar(other)
            if s is not None and rest.shape == node.shape:
                return R.SCALAR_OUT, E.mul(s, E.mul(this, rest) if this is a else E.mul(rest, this))
    # A non-numeric scalar factor moves in front of a product's array part.
    if (a.shape.is_scalar and isinstance(b, Mul) and b.left.shape.is_scalar and a.shape != node.shape
            and isinstance(b.left, Num) and not isinstance(a, Num)):
        return R.COEFFICIENTS, E.mul(b.left, E.mul(a, b.right))
    if a.shape.is_scalar and not b.shape.is_scalar and concrete(b.shape):
        if isinstance(b, Unit):
            return R.LITERAL, unit_lit(b, a)
        if isinstance(b, Lit):
            return R.LITERAL, E.lit(tuple(tuple(E.mul(a, e) for e in row) for row in b.rows))
    return None


def unit_lit(u: Unit, value: Node) -> Node:
    """The unit array ``u`` written by components, with ``value`` at its one entry."""
    r, c = int(u.shape.rows), int(u.shape.cols)
    return E.lit(tuple(
        tuple(value if (i, j) == (u.row, u.col) else E.num(0) for j in range(c)) for i in range(r)
    ))


def div(node: Div) -> Rewritten:
    """a / b: by one, of zero, of numbers, by a number, of ones; signs and coefficients out in front."""
    a, b = node.left, node.right
    if is_num(b, 1):
        return R.ONE, a
    if is_zero(a) and node.shape == a.shape:
        return R.ZERO, a
    if isinstance(a, Num) and isinstance(b, Num):
        return R.FOLD_NUMBERS, E.num(a.value / b.value)
    if isinstance(b, Num) and b.shape.is_scalar:
        return R.DIVIDE_BY_NUMBER, E.mul(E.num(1 / b.value), a)
    if isinstance(a, Ones) and b.shape == node.shape:
        return R.ONE, E.div(E.num(1), b)
    if isinstance(a, Neg):
        return R.SIGN_OUT, E.neg(E.div(a.arg, b))
    ca, core = coeff(a)
    if ca != 1 and core.shape == a.shape:
        return R.COEFFICIENTS, with_coeff(ca, E.div(core, b))
    return None


def power(node: Pow) -> Rewritten:
    """a ** e: the powers 1 and 0, numbers, and transposes out in front."""
    a, e = node.base, node.exp
    if is_num(e, 1):
        return R.ONE, a
    if is_num(e, 0):
        return R.ONE, E.num(1) if node.shape.is_scalar else E.ones(node.shape)
    if isinstance(a, Num) and isinstance(e, Num):
        return R.FOLD_NUMBERS, E.num(a.value ** e.value)
    if isinstance(a, Transpose):
        return R.TRANSPOSE_OUT, E.transpose(E.power(a.arg, e))
    return None


def neg(node: Neg) -> Rewritten:
    """-a: double negation, numbers, zeros, coefficients, literals."""
    a = node.arg
    if isinstance(a, Neg):
        return R.SIGN_OUT, a.arg
    if isinstance(a, Num):
        return R.FOLD_NUMBERS, E.num(-a.value)
    if is_zero(a):
        return R.ZERO, a
    if isinstance(a, Mul) and isinstance(a.left, Num):
        return (R.COEFFICIENTS, with_coeff(-a.left.value, a.right)) if a.shape == a.right.shape else None
    if isinstance(a, Mul) and (c := coeff(a)[0]) != 1:     # -((c s) x) = (-c s) x
        return R.COEFFICIENTS, with_coeff(-c, coeff(a)[1])
    if isinstance(a, Lit):
        return R.LITERAL, E.lit(tuple(tuple(E.neg(e) for e in row) for row in a.rows))
    return None
