"""Evaluation: the NumPy backend and the exact SymPy backend agree on every node type, values are
2-D, and the fast paths give what the plain ones give."""

import numpy as np
import pytest

from language_support import SCOPE, SIZES, exact, scope_values
from mcdocgen import language as E
from mcdocgen.checks.evaluate import NUMPY, SYMPY, evaluate, grad_key
from mcdocgen.language import shapes

VALUES = scope_values(7)


@pytest.mark.parametrize("text", [
    "x.T @ A @ x", "sum(exp(x) * y) / n", "mean(A) + norm(x) + det(A) + tr(inv(A))", "diag(x) @ A + diag(A).T @ y",
    "outer(x, y.T) - maximum(A, c)", "dot(x.T, y) * [[c, d], [d, c]][0, 1]", "(X @ x)[1] + A[2, 0] * ones(n).T @ x",
    "sigmoid(x) + relu(x - 1) + heaviside(y - 1) + abs(x - 1) + sign(x - 1)", "log(x) + sqrt(y) + tanh(x) ** 2",
    "sin(c) * cos(d) + tan(c) - eye(n)", "c ** d + x ** 2",
])
def test_numpy_and_sympy_backends_agree(text):
    node = E.parse(text, SCOPE)
    fast = evaluate(node, VALUES, SIZES)
    slow = evaluate(node, {k: exact(v) for k, v in VALUES.items()}, SIZES, backend=SYMPY)
    rows, cols = (int(d.subs(SIZES)) for d in (node.shape.rows, node.shape.cols))
    assert fast.shape == (rows, cols) == slow.shape
    np.testing.assert_allclose(fast, np.array(slow.evalf(30), dtype=float), rtol=1e-9, atol=1e-12)


def test_a_large_diagonal_product_is_a_row_scaling_with_the_same_value():
    rng = np.random.default_rng(7)
    v, m = rng.normal(size=(100, 1)), rng.normal(size=(100, 5))
    np.testing.assert_allclose(NUMPY.diag_matmul(v, m), np.diag(v.ravel()) @ m, rtol=1e-14)
    np.testing.assert_allclose(NUMPY.matmul_diag(m.T, v), m.T @ np.diag(v.ravel()), rtol=1e-14)


def test_derivative_placeholders_and_unit_arrays():
    g = E.Grad(shapes.column(shapes.size_symbol("n")), "f", "u")
    assert evaluate(g, {grad_key("u"): VALUES["x"]}, SIZES) is VALUES["x"]
    unit = evaluate(E.Unit(shapes.Shape(shapes.dim(2), shapes.dim(3)), 1, 2), {}, SIZES)
    assert unit.tolist() == [[0, 0, 0], [0, 0, 1]]


def test_a_node_type_it_cannot_evaluate_is_an_error():
    class Unknown(E.Unary):
        __slots__ = ()

    with pytest.raises(TypeError, match="cannot evaluate"):
        evaluate(Unknown(shapes.SCALAR, E.num(1)), {}, SIZES)


def test_a_memo_given_is_read_and_filled():
    from mcdocgen.checks.evaluate import evaluator

    node = E.parse("x.T @ A @ x + c", SCOPE)
    inner = E.parse("x.T @ A @ x", SCOPE)
    memo = {inner: np.array([[100.0]])}    # taken as known: the walk does not compute it again
    assert evaluator(VALUES, SIZES, memo=memo)(node)[0, 0] == 100.0 + VALUES["c"][0, 0]
    assert memo[node][0, 0] == 100.0 + VALUES["c"][0, 0]
