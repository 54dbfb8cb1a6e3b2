"""mcdocgen.engine.vecform: when the vec form is used, its size bound, a transposed operand, and the
matrix read out of vec(M)."""

from mcdocgen import language as E
from mcdocgen.engine.vecform import MAX_VEC_ENTRIES, needs_vec_form, oversized, through_transpose, unvec
from mcdocgen.language.shapes import SCALAR, Shape, column, dim, size_symbol

M, N = size_symbol("m"), size_symbol("n")
X = E.var("X", Shape(M, N))
Y = E.var("Y", Shape(M, N))
T = E.var("t", SCALAR)


def test_the_vec_form_is_needed_for_four_index_derivatives_and_a_matrix_by_a_scalar():
    assert needs_vec_form(Shape(M, N), SCALAR) and needs_vec_form(column(M), Shape(M, N))
    assert not needs_vec_form(SCALAR, Shape(M, N)) and not needs_vec_form(column(M), column(N))


def test_only_concrete_sizes_past_the_limit_are_refused():
    assert oversized(Shape(M * N, M * N)) is None
    assert oversized(Shape(dim(500), dim(500))) is None
    assert "MAX_VEC_ENTRIES" in oversized(Shape(dim(MAX_VEC_ENTRIES), dim(2)))
    # one symbolic side is never refused, however large the other (its product is not built)
    assert oversized(Shape(dim(MAX_VEC_ENTRIES), M)) is None and oversized(Shape(M, dim(MAX_VEC_ENTRIES))) is None


def test_a_transposed_matrix_operand_adds_the_commutation_matrix():
    jac = E.eye(M * N)
    assert through_transpose(jac, True, X.shape) == E.matmul(jac, E.commutation(M, N))
    assert through_transpose(jac, False, X.shape) is jac
    assert through_transpose(jac, True, column(N)) is jac


def test_the_matrix_is_read_out_of_sums_and_multiples_of_vecs():
    vx, vy = E.vec(X), E.vec(Y)
    assert unvec(vx, X.shape) == X
    assert unvec(E.add(E.mul(T, vx), E.neg(vy)), X.shape) == E.add(E.mul(T, X), E.neg(Y))
    assert unvec(E.transpose(E.add(E.transpose(vx), E.mul(T, E.transpose(vy)))), X.shape) == E.add(X, E.mul(T, Y))
    assert unvec(E.zero(column(M * N)), X.shape) == E.zero(X.shape)
    opaque = E.var("L", Shape(M * N, M * N))
    assert unvec(E.matmul(opaque, vx), X.shape) is None   # no Kronecker structure: nothing read out


def test_a_linear_map_of_kronecker_products_is_applied_by_roths_lemma():
    A, B, Z = (E.var(name, Shape(N, N)) for name in "ABZ")
    linear = E.transpose(E.add(E.kron(B, E.transpose(A)), E.neg(E.commutation(N, N))))
    got = unvec(E.matmul(linear, E.vec(Z)), Z.shape)
    assert got == E.add(E.matmul(E.matmul(E.transpose(E.transpose(A)), Z), E.transpose(E.transpose(B))),
                        E.neg(E.transpose(Z)))
    # vec(X) and vec(X.T) add as columns, but X and X.T (m x n and n x m) cannot: nothing read out
    mixed = E.matmul(E.add(E.eye(M * N), E.commutation(M, N)), E.vec(X))
    assert unvec(mixed, X.shape) is None


def test_an_outer_product_of_vecs_is_applied_as_a_trace():
    """vec(P) vec(Q)^T vec(M) = tr(Q^T M) vec(P), also transposed: the chain of det(F) * inv(F) by t."""
    P, Q, Z = (E.var(name, Shape(N, N)) for name in "PQZ")
    outer = E.matmul(E.vec(P), E.transpose(E.vec(Q)))
    assert unvec(E.matmul(outer, E.vec(Z)), Z.shape) == E.mul(E.trace(E.matmul(E.transpose(Q), Z)), P)
    assert unvec(E.matmul(E.transpose(outer), E.vec(Z)), Z.shape) == \
        E.mul(E.trace(E.matmul(E.transpose(P), Z)), Q)


def test_a_kronecker_product_of_columns_is_read_as_the_outer_product():
    """kron(v, u) = vec(u v^T), as the simplifier writes vec of an outer product."""
    u, v = E.var("u", column(M)), E.var("v", column(N))
    assert unvec(E.kron(v, u), X.shape) == E.matmul(u, E.transpose(v))
    assert unvec(E.kron(u, v), X.shape) is None      # n x m: not X's shape
