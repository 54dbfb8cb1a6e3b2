"""The vec form's rewrites: Kronecker products, vec and the commutation matrix (Magnus and Neudecker)."""

from __future__ import annotations

from mcdocgen.engine.simplify.common import Rewritten, at_head, chain_product
from mcdocgen.engine.simplify.kron_sums import fits, mixed_over_sum, rewrapped
from mcdocgen.engine.simplify.kron_sums import add as add   # registered as kronecker.add
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Add, Commutation, Diag, Div, Eye, Kron, MatMul, Mul, Neg, Node, Ones, Transpose, Vec
from mcdocgen.language.shapes import Dim, Shape


def kron(node: Kron) -> Rewritten:
    """kron(I, I) = I, a 1 x 1 factor is a scalar, signs and scalars out in front."""
    a, b = node.left, node.right
    if isinstance(a, Eye) and isinstance(b, Eye):
        return R.KRON_IDENTITY, E.eye(node.shape.rows)
    if a.shape.is_scalar:
        return R.KRON_SCALAR, E.mul(a, b)
    if b.shape.is_scalar:
        return R.KRON_SCALAR, E.mul(b, a)
    for this, other, left in ((a, b, True), (b, a, False)):
        if isinstance(this, Neg):
            return R.KRON_SCALAR, E.neg(E.kron(this.arg, other) if left else E.kron(other, this.arg))
        if isinstance(this, Mul) and this.left.shape.is_scalar and this.right.shape == this.shape:
            inner = E.kron(this.right, other) if left else E.kron(other, this.right)
            return R.KRON_SCALAR, E.mul(this.left, inner)
    return None


def transpose(node: Transpose) -> Rewritten:
    """kron(A, B)^T = kron(A^T, B^T), K(m, n)^T = K(n, m)."""
    a = node.arg
    if isinstance(a, Kron):
        return R.KRON_TRANSPOSE, E.kron(E.transpose(a.left), E.transpose(a.right))
    if isinstance(a, Commutation):
        return R.COMMUTATION_TRANSPOSE, E.commutation(a.n, a.m)
    return None


def matmul(node: MatMul) -> Rewritten:
    """The mixed product, K(n, m) K(m, n) = I, and Roth's lemma, also with a product on the right
    (products associate to the right)."""
    a, b = node.left, node.right
    head = b.left if isinstance(b, MatMul) else b
    if not (isinstance(a, _MET) or isinstance(head, _MET) or (isinstance(a, Transpose) and isinstance(a.arg, Vec))):
        return None   # each identity below has one of these first or second (a mask is a Diag); most products leave here
    return (_through_diagonal_embedding(node) or _hadamard_of_embedding(node) or _masked_kron(node) or _sandwich(node)
            or at_head(node, _pair))


def _masked_kron(node: MatMul) -> Rewritten:
    """M kron(P, I_n) M = M kron(I_n, P) M = diag(vec(P o I_n)) for the mask M = diag(vec(I_n)) (entry
    ((r, c), (r', c')) survives only where r = c = r' = c', leaving P_cc); with P = 1 1^T, the mask itself:
    the vec form of diag(diag(X))."""
    if not (isinstance(node.right, MatMul) and _is_mask(node.left)):
        return None
    middle, rest = node.right.left, node.right.right
    last, tail = (rest.left, rest.right) if isinstance(rest, MatMul) else (rest, None)
    if not (isinstance(middle, Kron) and _is_mask(last)):
        return None
    for p, eye in ((middle.left, middle.right), (middle.right, middle.left)):
        n = eye.shape.rows
        if isinstance(eye, Eye) and p.shape == Shape(n, n) and node.left.shape.rows == n * n:
            # 1 1^T is all ones only with an inner size of 1 (ones(n, k) ones(k, n) = k 1 1^T)
            ones = isinstance(p, Ones) or (isinstance(p, MatMul) and isinstance(p.left, Ones) and p.left.shape.cols == 1
                                            and isinstance(p.right.arg if isinstance(p.right, Transpose) else p.right, Ones))
            found = node.left if ones else E.diag(E.vec(E.mul(p, E.eye(n))))
            return R.HADAMARD_OF_KRON, found if tail is None else E.matmul(found, tail)
    return None


def _hadamard_of_embedding(node: MatMul) -> Rewritten:
    """D^T kron(P, Q) D = P o Q for D = diag(vec(I_n)) kron(1_n, I_n) (column i is e_i kron e_i, so entry
    (i, j) is P_ij Q_ij): a Hessian through diag(x) reads as a Hadamard product (Boyd & Vandenberghe 7.5.2)."""
    factors = _leading(node, 6)
    if len(factors) < 5:
        return None
    first, mask, middle, mask2, last = factors[:5]
    if not (isinstance(middle, Kron) and middle.left.shape == middle.right.shape and _is_mask(mask) and _is_mask(mask2)
            and _spreads(first, middle.left.shape.rows, row=True) and _spreads(last, middle.left.shape.cols, row=False)):
        return None
    found = E.mul(middle.left, middle.right)
    tail = factors[5:]
    return R.HADAMARD_OF_KRON, E.matmul(found, chain_product(tail)) if tail else found


def _leading(node: Node, count: int) -> list[Node]:
    """The first ``count`` factors of a product (a chain of @ associated to the right), then the rest of it if
    any: fewer where the chain is shorter."""
    factors: list[Node] = []
    rest = node
    while isinstance(rest, MatMul) and len(factors) < count:
        factors.append(rest.left)
        rest = rest.right
    factors.append(rest)
    return factors


def _is_mask(node: Node) -> bool:
    """diag(vec(I_n)): the mask that keeps the diagonal blocks' entries e_i kron e_i."""
    return isinstance(node, Diag) and isinstance(node.arg, Vec) and isinstance(node.arg.arg, Eye)


def _sandwich(node: MatMul) -> Rewritten:
    """kron(u, A) M kron(v^T, B) = kron(u v^T, A M B) for columns u, v (and kron(A, u) M kron(B, v^T) =
    kron(A M B, u v^T)): the mixed product with M = kron(1, M), as a Hessian of f(W x) by W reads."""
    if not (isinstance(node.left, Kron) and isinstance(node.right, MatMul)):
        return None
    first, middle, rest = node.left, node.right.left, node.right.right
    last, tail = (rest.left, rest.right) if isinstance(rest, MatMul) else (rest, None)
    if not isinstance(last, Kron) or isinstance(middle, Kron):
        return None
    for side in (0, 1):
        u, a = first.children()[side], first.children()[1 - side]
        v, b = last.children()[side], last.children()[1 - side]
        if u.shape.is_column and v.shape.is_row and fits(a, middle) and fits(middle, b):
            outer, inner = E.matmul(u, v), E.matmul(a, E.matmul(middle, b))
            found = E.kron(outer, inner) if side == 0 else E.kron(inner, outer)
            return R.MIXED_PRODUCT, found if tail is None else E.matmul(found, tail)
    return None


def _through_diagonal_embedding(node: MatMul) -> Rewritten:
    """kron(u^T, L) D = L diag(u) for D = diag(vec(I_n)) kron(1_n, I_n), d vec(diag(v)) / dv (column i
    is e_i kron e_i, and kron(u^T, L)(e_i kron e_i) = u_i L e_i; likewise with L a row, kron(R, v^T) D =
    R diag(v)); on the left, its transpose D^T kron(u, R) = diag(u) R."""
    if not (isinstance(node.right, MatMul) and isinstance(node.right.left, Diag)):
        return None     # the mask diag(vec(I)) is the second factor: most products leave here
    factors = _leading(node, 3)   # the first three factors, then the rest of the product if any
    if len(factors) < 3:
        return None
    first, mask, last = factors[:3]
    if not (isinstance(mask, Diag) and isinstance(mask.arg, Vec) and isinstance(mask.arg.arg, Eye)):
        return None
    n = mask.arg.arg.shape.rows
    found: Node | None = None
    if _spreads(last, n, row=False) and isinstance(first, Kron):
        for vector, other in ((first.left, first.right), (first.right, first.left)):
            if vector.shape.is_row and vector.shape.cols == n and other.shape.cols == n:
                found = E.matmul(other, E.diag(E.transpose(vector)))
                break
    elif _spreads(first, n, row=True) and isinstance(last, Kron):
        for vector, other in ((last.left, last.right), (last.right, last.left)):
            if vector.shape.is_column and vector.shape.rows == n and other.shape.rows == n:
                found = E.matmul(E.diag(vector), other)
                break
    if found is None:
        return None
    return R.DIAGONAL_EMBEDDING, found if len(factors) == 3 else E.matmul(found, factors[3])


def _spreads(node: Node, n: Dim, row: bool) -> bool:
    """kron(1_n, I_n) (or with ``row``, its transpose kron(1_n^T, I_n))."""
    return (isinstance(node, Kron) and isinstance(node.left, Ones) and isinstance(node.right, Eye)
            and node.right.shape.rows == n
            and (node.left.shape.is_row if row else node.left.shape.is_column))


_VEC_FORM = (Kron, Commutation, Vec)
_MET = (*_VEC_FORM, Diag, Add)   # matmul's first or second factor, where any of its identities applies


def _pair(a: Node, b: Node) -> Rewritten:
    if not (isinstance(a, _VEC_FORM) or isinstance(b, _VEC_FORM) or isinstance(a, Add) or isinstance(b, Add)
            or (isinstance(a, Transpose) and isinstance(a.arg, Vec))):
        return None   # every identity below has a Kronecker product, commutation matrix, vec or sum of Kronecker products
    if isinstance(a, Kron) and isinstance(b, Kron) and fits(a.left, b.left) and fits(a.right, b.right):
        return R.MIXED_PRODUCT, E.kron(E.matmul(a.left, b.left), E.matmul(a.right, b.right))
    if isinstance(a, Commutation) and isinstance(b, Commutation) and (a.m, a.n) == (b.n, b.m):
        return R.COMMUTATION_PAIR, E.eye(a.shape.rows)
    if (swapped := _swap_by_commutation(a, b)) is not None:
        return R.COMMUTATION_KRON, swapped
    if _is_unstacking(a) and isinstance(b, Kron) and isinstance(b.left, Eye) and isinstance(b.right, Vec) \
            and b.right.arg.shape == Shape(a.shape.rows, b.left.shape.rows):
        return R.UNVEC, b.right.arg
    if (vectors := _kron_of_vectors(a, b)) is not None:
        return R.KRON_OF_VECTORS, vectors
    if (vectors := _sum_of_kron_of_vectors(a, b)) is not None:
        return R.KRON_OF_VECTORS, vectors
    if (spread := mixed_over_sum(a, b)) is not None:
        return R.MIXED_PRODUCT, spread
    if (whole := _vec_of_kron(a, b)) is not None:
        return R.VEC_OF_KRON, whole
    if (parts := _unshuffled(a, b)) is not None:
        return R.VEC_OF_KRON, parts
    if isinstance(b, Vec):
        m = b.arg
        # kron(P, A) vec(M) = vec(A M P^T)
        if isinstance(a, Kron) and fits(a.right, m) and a.left.shape.cols == m.shape.cols:
            return R.ROTH, E.vec(E.matmul(E.matmul(a.right, m), E.transpose(a.left)))
        if isinstance(a, Commutation) and (a.m, a.n) == (m.shape.rows, m.shape.cols):
            return R.COMMUTATION_VEC, E.vec(E.transpose(m))
    if isinstance(a, Transpose) and isinstance(a.arg, Vec) and isinstance(b, Vec) and a.arg.arg.shape == b.arg.shape \
            and not b.arg.shape.is_vector_like:
        return R.VEC_INNER, E.trace(E.matmul(E.transpose(a.arg.arg), b.arg))     # vec(A)^T vec(B) = tr(A^T B)
    if isinstance(a, Transpose) and isinstance(a.arg, Vec):
        m = a.arg.arg
        # vec(M)^T kron(P, A) = (kron(P^T, A^T) vec(M))^T = vec(A^T M P)^T
        if isinstance(b, Kron) and b.right.shape.rows == m.shape.rows and b.left.shape.rows == m.shape.cols:
            return R.ROTH, E.transpose(E.vec(E.matmul(E.matmul(E.transpose(b.right), m), b.left)))
        if isinstance(b, Commutation) and (b.n, b.m) == (m.shape.rows, m.shape.cols):
            return R.COMMUTATION_VEC, E.transpose(E.vec(E.transpose(m)))
    return None


def _swap_by_commutation(a: Node, b: Node) -> Node | None:
    """K(p, m) kron(A, B) K(n, q) = kron(B, A) for A m x n, B p x q (Magnus and Neudecker, 3.7); one
    commutation factor is I when a factor is a vector, so kron(A, B) K(n, q) = kron(B, A) with A or B
    a row, and K(p, m) kron(A, B) = kron(B, A) with A or B a column."""
    if isinstance(a, Kron) and isinstance(b, Commutation) and (a.left.shape.is_row or a.right.shape.is_row) \
            and (b.m, b.n) == (a.left.shape.cols, a.right.shape.cols):
        return E.kron(a.right, a.left)
    if isinstance(b, Kron) and isinstance(a, Commutation) and (b.left.shape.is_column or b.right.shape.is_column) \
            and (a.m, a.n) == (b.right.shape.rows, b.left.shape.rows):
        return E.kron(b.right, b.left)
    return None


def _kron_of_vectors(a: Node, b: Node) -> Node | None:
    """(I_k kron v) w = w kron v and (v kron I_k) w = v kron w for columns v, w (the mixed product with
    w = w kron 1); on rows, w^T (I_k kron v^T) = w^T kron v^T and w^T (v^T kron I_k) = v^T kron w^T."""
    if isinstance(a, Kron) and b.shape.is_column:
        if isinstance(a.left, Eye) and a.right.shape.is_column and fits(a.left, b):
            return E.kron(b, a.right)
        if isinstance(a.right, Eye) and a.left.shape.is_column and fits(a.right, b):
            return E.kron(a.left, b)
    if isinstance(b, Kron) and a.shape.is_row:
        if isinstance(b.left, Eye) and b.right.shape.is_row and fits(a, b.left):
            return E.kron(a, b.right)
        if isinstance(b.right, Eye) and b.left.shape.is_row and fits(a, b.right):
            return E.kron(b.left, a)
    return None


def _sum_of_kron_of_vectors(a: Node, b: Node) -> Node | None:
    """(K_1 + K_2 + ...) w = K_1 w + K_2 w + ... where each term is a Kronecker product that meets the
    column w as _kron_of_vectors does (w^T (K_1 + ...) likewise on rows): d vec(A kron A) needs it."""
    if isinstance(a, Add) and b.shape.is_column:
        met = [_kron_of_vectors(t, b) for t in a.terms]
    elif isinstance(b, Add) and a.shape.is_row:
        met = [_kron_of_vectors(a, t) for t in b.terms]
    else:
        return None
    return E.add(*met) if all(m is not None for m in met) else None   # type: ignore[arg-type]


def _shuffle(node: Node) -> tuple[Node, Node, Node] | None:
    """I_n kron K kron I_p, as vec_kron builds it: (I_n, K, I_p)."""
    if isinstance(node, Kron) and isinstance(node.right, Eye) and isinstance(node.left, Kron) \
            and isinstance(node.left.left, Eye) and isinstance(node.left.right, Commutation):
        return node.left.left, node.left.right, node.right
    return None


def _vec_pairs(node: Node, rows: bool) -> list[tuple[Node, Node]] | None:
    """[(A, B), ...] where node is a sum of vec(A) kron vec(B) (a column; with ``rows``, of their
    transposes vec(A)^T kron vec(B)^T), a transposed sum of the other kind included; else None."""
    if isinstance(node, Add):
        pairs = [_vec_pairs(t, rows) for t in node.terms]
        return None if any(p is None for p in pairs) else [x for p in pairs if p is not None for x in p]
    if isinstance(node, Transpose) and isinstance(node.arg, (Add, Kron)):
        return _vec_pairs(node.arg, not rows)
    if isinstance(node, Kron):
        left, right = node.left, node.right
        if rows and isinstance(left, Transpose) and isinstance(right, Transpose):
            left, right = left.arg, right.arg
        if isinstance(left, Vec) and isinstance(right, Vec):
            return [(left.arg, right.arg)]
    return None


def _vec_of_kron(a: Node, b: Node) -> Node | None:
    """(I_n kron K(q, m) kron I_p)(vec(A) kron vec(B)) = vec(A kron B) for A m x n and B p x q (also of
    a sum of such terms), and its transpose on rows: (vec(A)^T kron vec(B)^T)(I_n kron K(m, q) kron I_p)
    = vec(A kron B)^T."""
    for shuffle, pairs, row in ((_shuffle(a), _vec_pairs(b, False), False), (_shuffle(b), _vec_pairs(a, True), True)):
        if shuffle is None or not pairs:
            continue
        n, k, p = shuffle
        assert isinstance(k, Commutation)
        fit = all(x.shape.cols == n.shape.rows and y.shape.rows == p.shape.rows
                  and (k.m, k.n) == ((x.shape.rows, y.shape.cols) if row else (y.shape.cols, x.shape.rows))
                  for x, y in pairs)
        if fit:
            whole = E.vec(E.add(*(E.kron(x, y) for x, y in pairs)) if len(pairs) > 1 else E.kron(*pairs[0]))
            return E.transpose(whole) if row else whole
    return None


def _unshuffled(a: Node, b: Node) -> Node | None:
    """(I_q kron K(p, s) kron I_r) vec(P kron Q) = vec(P) kron vec(Q) for P p x q and Q r x s, the shuffle of
    vec_kron undone (its transpose; an identity I_pr is I_p kron I_r where p = q and r = s): the
    gradient of tr(A kron X) comes back through it."""
    shuffle = _shuffle(a)
    if shuffle is None or not isinstance(b, Vec):
        return None
    q, k, r = shuffle
    assert isinstance(k, Commutation)
    p, s = k.m, k.n
    m = b.arg
    if isinstance(m, Kron) and m.left.shape == Shape(p, q.shape.rows) and m.right.shape == Shape(r.shape.rows, s):
        return E.kron(E.vec(m.left), E.vec(m.right))
    if isinstance(m, Eye) and p == q.shape.rows and s == r.shape.rows and m.shape.rows == p * s:
        return E.kron(E.vec(E.eye(p)), E.vec(E.eye(s)))
    return None


def _is_unstacking(a: Node) -> bool:
    """kron(vec(I_n).T, I_m): the left factor of unvec (see engine.jacobians.unvec_of)."""
    return (isinstance(a, Kron) and isinstance(a.right, Eye) and isinstance(a.left, Transpose)
            and isinstance(a.left.arg, Vec) and isinstance(a.left.arg.arg, Eye))


def vec(node: Vec) -> Rewritten:
    """vec of a column is itself, of a row its transpose; vec(u v^T) = kron(v, u) (Magnus and Neudecker
    2.4), a scalar factor kept in front, so that the mixed product meets it."""
    a = node.arg
    if a.shape.is_column or a.shape.is_scalar:
        return R.VEC_OF_VECTOR, a
    if a.shape.is_row:
        return R.VEC_OF_VECTOR, E.transpose(a)
    rebuild: list[Node] = []     # the scalar factors, signs and divisors around the product, outermost first
    while True:
        if isinstance(a, Mul) and a.left.shape.is_scalar and a.right.shape == a.shape:
            rebuild.append(a)
            a = a.right
        elif isinstance(a, Neg) or (isinstance(a, Div) and a.right.shape.is_scalar):
            rebuild.append(a)
            a = a.left if isinstance(a, Div) else a.arg
        else:
            break
    if not isinstance(a, MatMul) or (split := _column_row(a)) is None:
        return None
    return R.VEC_OF_OUTER, rewrapped(E.kron(E.transpose(split[1]), split[0]), rebuild)


def _column_row(node: MatMul) -> tuple[Node, Node] | None:
    """(u, v^T) for a product u v^T of a column and a row, at the product's top or one factor in."""
    if node.left.shape.is_column and node.right.shape.is_row:
        return node.left, node.right
    right = node.right
    if isinstance(right, MatMul) and right.left.shape.is_column and right.right.shape.is_row:
        return E.matmul(node.left, right.left), right.right
    return None


def commutation(node: Commutation) -> Rewritten:
    """K(m, 1) = K(1, m) = I."""
    if node.m == 1 or node.n == 1:
        return R.COMMUTATION_VECTOR, E.eye(node.shape.rows)
    return None


def neg(node: Neg) -> Rewritten:
    """-vec(A) = vec(-A)."""
    if isinstance(node.arg, Vec):
        return R.VEC_LINEAR, E.vec(E.neg(node.arg.arg))
    return None


def mul(node: Mul) -> Rewritten:
    """s vec(A) = vec(s A) for a scalar s, vec(A) o vec(B) = vec(A o B)."""
    a, b = node.left, node.right
    if isinstance(b, Vec) and a.shape.is_scalar:
        return R.VEC_LINEAR, E.vec(E.mul(a, b.arg))
    if isinstance(a, Vec) and isinstance(b, Vec) and a.arg.shape == b.arg.shape:
        return R.VEC_LINEAR, E.vec(E.mul(a.arg, b.arg))
    return None
