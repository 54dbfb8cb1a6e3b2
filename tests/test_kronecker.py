"""mcdocgen.engine.simplify.kronecker: each vec-form rewrite gives the textbook form, names its identity,
and keeps the value (evaluated with numpy at random points)."""

import numpy as np
import pytest

from problem_factory import make_problem
from rewrite_support import assert_simplifies
from mcdocgen import language as E
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.engine.simplify import Budget, RewriteId, SYMPY_BUDGET, simplify
from mcdocgen.language.shapes import Shape, column, from_spec, size_symbol

M, N, P, Q = (size_symbol(s) for s in "mnpq")
SHAPES = {"A": Shape(P, M), "X": Shape(M, N), "B": Shape(N, Q), "S": Shape(N, N), "T": Shape(N, N),
          "x": column(N), "c": Shape(E.shapes.ONE, E.shapes.ONE), "Y": Shape(P, Q)}
SCOPE = E.Scope({k: E.var(k, v) for k, v in SHAPES.items()}, {s: size_symbol(s) for s in "mnpq"})
SIZES = {M: 2, N: 3, P: 4, Q: 2}


@pytest.mark.parametrize("text, simplified, rewrite", [
    ("kron(B.T, eye(p)).T", "kron(B, eye(p))", RewriteId.KRON_TRANSPOSE),
    ("commutation(m, n).T", "commutation(n, m)", RewriteId.COMMUTATION_TRANSPOSE),
    ("kron(eye(m), eye(n))", "eye(m*n)", RewriteId.KRON_IDENTITY),
    ("kron(eye(n), A.T) @ kron(B, eye(p))", "kron(B, A.T)", RewriteId.MIXED_PRODUCT),
    ("kron(eye(q), A) @ (kron(B.T, eye(m)) @ vec(X))", "vec(A @ (X @ B))", RewriteId.ROTH),
    ("commutation(n, m) @ commutation(m, n)", "eye(m*n)", RewriteId.COMMUTATION_PAIR),
    ("kron(2 * S, -T)", "-2 * kron(S, T)", RewriteId.KRON_SCALAR),
    ("kron(c, S)", "c * S", RewriteId.KRON_SCALAR),
    ("kron(B.T, A) @ vec(X)", "vec(A @ (X @ B))", RewriteId.ROTH),
    ("vec(X).T @ kron(B, A.T)", "vec(A @ (X @ B)).T", RewriteId.ROTH),
    ("commutation(m, n) @ vec(X)", "vec(X.T)", RewriteId.COMMUTATION_VEC),
    ("commutation(n, 1)", "eye(n)", RewriteId.COMMUTATION_VECTOR),
    ("kron(x.T, A) @ commutation(n, m)", "kron(A, x.T)", RewriteId.COMMUTATION_KRON),
    ("commutation(p, n) @ kron(x, A)", "kron(A, x)", RewriteId.COMMUTATION_KRON),
    ("vec(x @ x.T)", "kron(x, x)", RewriteId.VEC_OF_OUTER),
    ("kron(S, eye(n)) - kron(S, T) / c", "kron(S, eye(n) - T / c)", RewriteId.KRON_SUM),
    ("kron(S, T) + 2 * kron(T, T)", "kron(S + 2 * T, T)", RewriteId.KRON_SUM),
    ("vec(-(S @ (x @ x.T)) / c)", "-(kron(x, S @ x) / c)", RewriteId.VEC_OF_OUTER),
    ("kron(x.T, S) @ (diag(vec(eye(n))) @ kron(ones(n), eye(n)))", "S @ diag(x)", RewriteId.DIAGONAL_EMBEDDING),
    ("kron(X, x.T) @ (diag(vec(eye(n))) @ kron(ones(n), eye(n))) @ B", "X @ (diag(x) @ B)",
     RewriteId.DIAGONAL_EMBEDDING),
    ("kron(ones(n).T, eye(n)) @ (diag(vec(eye(n))) @ kron(x, X.T))", "diag(x) @ X.T", RewriteId.DIAGONAL_EMBEDDING),
    ("vec(x) + vec(x.T)", "2 * x", RewriteId.VEC_OF_VECTOR),
    ("-vec(S) + 2 * vec(T)", "vec(2 * T - S)", RewriteId.VEC_LINEAR),
    ("diag(vec(S)) @ vec(T)", "vec(S * T)", RewriteId.VEC_LINEAR),
    ("kron(vec(eye(n)).T, eye(m)) @ kron(eye(n), vec(X))", "X", RewriteId.UNVEC),
    ("kron(eye(n), vec(Y)) @ x", "kron(x, vec(Y))", RewriteId.KRON_OF_VECTORS),
    ("kron(vec(Y), eye(n)) @ x", "kron(vec(Y), x)", RewriteId.KRON_OF_VECTORS),
    ("(kron(eye(n), vec(Y)) + kron(vec(Y), eye(n))) @ x", "kron(x, vec(Y)) + kron(vec(Y), x)",
     RewriteId.KRON_OF_VECTORS),
    ("kron(x, eye(n)) @ S @ kron(x.T, eye(n))", "kron(x @ x.T, S)", RewriteId.MIXED_PRODUCT),
    ("kron(ones(n).T, eye(n)) @ diag(vec(eye(n))) @ kron(S, T) @ diag(vec(eye(n))) @ kron(ones(n), eye(n))", "S * T",
     RewriteId.HADAMARD_OF_KRON),
    ("X @ kron(ones(n).T, eye(n)) @ diag(vec(eye(n))) @ kron(S, T) @ diag(vec(eye(n))) @ kron(ones(n), eye(n)) @ S",
     "X @ (S * T @ S)", RewriteId.HADAMARD_OF_KRON),
    ("kron(kron(eye(n), commutation(n, n)), eye(n)) @ vec(eye(n*n))", "kron(vec(eye(n)), vec(eye(n)))",
     RewriteId.VEC_OF_KRON),
    ("kron(kron(eye(n), commutation(n, n)), eye(n)) @ vec(kron(S, T))", "kron(vec(S), vec(T))", RewriteId.VEC_OF_KRON),
    ("vec(S).T @ vec(T)", "tr(S.T @ T)", RewriteId.VEC_INNER),
    ("vec(S).T @ vec(eye(n))", "tr(S)", RewriteId.TRACE_TRANSPOSE),
    ("diag(vec(eye(n))) @ kron(ones(n) @ ones(n).T, eye(n)) @ diag(vec(eye(n)))", "diag(vec(eye(n)))",
     RewriteId.HADAMARD_OF_KRON),
    ("diag(vec(eye(n))) @ kron(eye(n), S) @ diag(vec(eye(n))) @ kron(S, T)",
     "diag(vec(S * eye(n))) @ kron(S, T)", RewriteId.HADAMARD_OF_KRON),
    ("kron(X, x) @ T @ kron(S, x.T) @ kron(S, eye(n))", "kron(X @ (T @ (S @ S)), x @ x.T)", RewriteId.MIXED_PRODUCT),
    ("x.T @ kron(eye(n), vec(Y).T)", "kron(x.T, vec(Y).T)", RewriteId.KRON_OF_VECTORS),
    ("kron(kron(eye(n), commutation(q, m)), eye(p)) @ kron(vec(X), vec(Y))", "vec(kron(X, Y))", RewriteId.VEC_OF_KRON),
    ("kron(vec(X).T, vec(Y).T) @ kron(kron(eye(n), commutation(m, q)), eye(p))", "vec(kron(X, Y)).T",
     RewriteId.VEC_OF_KRON),
    ("kron(kron(eye(n), commutation(q, m)), eye(p)) @ (kron(vec(X).T, vec(Y).T) + kron(vec(X).T, vec(2 * Y).T)).T",
     "vec(3 * kron(X, Y))", RewriteId.VEC_OF_KRON),
])
def test_each_rewrite_gives_the_textbook_form_and_keeps_the_value(text, simplified, rewrite):
    assert_simplifies(text, simplified, rewrite, SCOPE, SIZES)


def test_a_mixed_product_whose_shapes_do_not_fit_is_left_alone():
    node = E.parse("kron(A, X) @ kron(x, X)", SCOPE)   # (pm, mn) @ (nm, n), but A (p, m) @ x (n, 1) does not fit
    assert simplify(node) == node


def test_a_shuffle_whose_commutation_does_not_fit_is_left_alone():
    # K(m, q) where K(q, m) is needed: not vec(X kron Y)
    node = E.parse("kron(kron(eye(n), commutation(m, q)), eye(p)) @ kron(vec(X), vec(Y))", SCOPE)
    budget = Budget(SYMPY_BUDGET)
    simplify(node, budget)
    assert RewriteId.VEC_OF_KRON not in budget.rewrites


@pytest.mark.parametrize("text, variables, numerator", [
    ("kron(x * A, B)", {"x": [], "A": [2, 3], "B": [4, 2]}, "kron(A, B)"),
    ("kron(A + t * B, C + t * D)", {"t": [], "A": [2, 3], "B": [2, 3], "C": [4, 2], "D": [4, 2]},
     "kron(B, C + t * D) + kron(A + t * B, D)"),
])
def test_a_kronecker_product_by_a_scalar_derives_and_passes_every_check(text, variables, numerator):
    wrt = next(iter(variables))
    p = make_problem(text, variables, [wrt])
    d = derive(p, wrt)
    assert d.ok, d.not_derived
    assert E.to_text(d.numerator) == numerator
    v = verify(p, d)
    assert v.ok and v.steps.passed, {k: c.detail for k, c in v.checks().items()}


def test_the_mask_meets_an_all_ones_product_only_of_inner_size_one():
    # ones(3, 2) ones(2, 3) is 2 1 1^T, so the masked Kronecker product is 2 diag(vec(I)), not the mask
    mask = E.diag(E.vec(E.eye(3)))
    for inner, factor in ((1, 1), (2, 2)):
        p = E.matmul(E.ones(from_spec([3, inner])), E.ones(from_spec([inner, 3])))
        node = E.matmul(mask, E.matmul(E.kron(p, E.eye(3)), mask))
        simple = simplify(node)
        assert np.array_equal(evaluate(simple, {}, {}), factor * evaluate(mask, {}, {}))
