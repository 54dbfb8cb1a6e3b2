"""The one home of a transpose taken inside a tree: each rule of ``Through`` on its own, the defaults (X^T as it
is), and the callers' ways of taking it differing only as their policies say."""

import pytest

from language_support import SCOPE
from mcdocgen import language as E
from mcdocgen.language.transposes import TAKEN_INSIDE, UNWRAPPED, Through, transposed

x, y, A, B, S, c, X = (SCOPE.variables[k] for k in ("x", "y", "A", "B", "S", "c", "X"))
T = E.transpose


@pytest.mark.parametrize("node, through, expected", [
    (E.matmul(A, x), Through(), T(E.matmul(A, x))),                           # nothing taken inside by default
    (T(x), Through(), T(T(x))),
    (T(x), UNWRAPPED, x),
    (E.matmul(A, x), UNWRAPPED, T(E.matmul(A, x))),
    (E.matmul(A, T(X)), Through(unwrap=True, products=True), E.matmul(X, T(A))),
    (E.add(A, B), Through(sums=True), E.add(T(A), T(B))),
    (E.add(A, B), Through(products=True), T(E.add(A, B))),
    (E.neg(A), Through(signs=True), E.neg(T(A))),
    (E.mul(c, A), Through(scalar_left=True), E.mul(c, T(A))),
    (E.mul(A, c), Through(scalar_left=True), T(E.mul(A, c))),
    (E.mul(A, c), Through(scalar_right=True), E.mul(T(A), c)),
    (E.div(A, c), Through(divided=True), E.div(T(A), c)),
    (E.mul(A, B), Through(entrywise=True), E.mul(T(A), T(B))),
    (E.div(A, B), Through(entrywise=True), E.div(T(A), T(B))),
    (c, Through(scalars=True), c),
    (c, Through(), T(c)),
    (S, Through(own=lambda n: n == S), S),
    (E.kron(A, T(B)), Through(kron=True, unwrap=True), E.kron(T(A), B)),
    (E.kron(A, T(B)), Through(kron=True, unwrap=True, kron_factors=Through()), E.kron(T(A), T(T(B)))),
    (E.commutation(2, 3), Through(kron=True), E.commutation(3, 2)),
])
def test_each_rule_takes_the_transpose_inside_only_where_it_is_on(node, through, expected):
    assert transposed(node, through) == expected


def test_a_products_factors_follow_their_own_policy():
    """(A (x - y))^T with the factors kept whole: (x - y)^T A^T, the sum not opened inside the product."""
    factor = Through(unwrap=True, products=True)
    row = Through(sums=True, products=True, factors=factor)
    assert transposed(E.matmul(A, E.sub(x, y)), row) == E.matmul(T(E.sub(x, y)), T(A))
    assert transposed(E.add(A, B), row) == E.add(T(A), T(B))


def test_a_written_matrix_is_written_transposed():
    a, b = E.var("a", c.shape), E.var("b", c.shape)
    assert transposed(E.lit(((a, b),)), Through(literals=True)) == E.lit(((a,), (b,)))


def test_taken_inside_is_exact_through_every_operation():
    """(c (A o B^T) - x y^T)^T = c (A^T o B) - y x^T."""
    node = E.sub(E.mul(c, E.mul(A, T(B))), E.matmul(x, T(y)))
    assert transposed(node, TAKEN_INSIDE) == E.sub(E.mul(c, E.mul(T(A), B)), E.matmul(y, T(x)))
