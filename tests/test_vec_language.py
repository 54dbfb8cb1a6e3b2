"""The vec-form nodes of the language (vec, kron, commutation, sym): shapes, parsing and printing back,
LaTeX, the NumPy and SymPy evaluations (against numpy's own definitions) and the snippet prelude."""

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from language_support import SCOPE
from mcdocgen import language as E
from mcdocgen.checks.evaluate import SYMPY, evaluate
from mcdocgen.errors import ErrorCode
from mcdocgen.language import ExprError, shapes
from mcdocgen.present.latex import to_latex
from mcdocgen.present.snippet import PRELUDE

M, N = shapes.size_symbol("m"), shapes.size_symbol("n")
SIZES = {N: 3, M: 2}
RNG = np.random.default_rng(12)
VALUES = {"X": RNG.normal(size=(2, 3)), "A": RNG.normal(size=(3, 3)), "B": RNG.normal(size=(3, 3)),
          "x": RNG.normal(size=(3, 1)), "c": np.array([[0.4]])}


def _parse(text: str) -> E.Node:
    return E.parse(text, SCOPE)


def _exact(value: np.ndarray) -> sympy.Matrix:
    return sympy.Matrix(value.shape[0], value.shape[1], lambda i, j: sympy.Rational(repr(float(value[i, j]))))


@pytest.mark.parametrize("text, shape", [
    ("vec(X)", (M * N, 1)),
    ("vec(x)", (N, 1)),
    ("kron(X, A)", (M * N, N**2)),
    ("kron(x, X.T)", (N**2, M)),
    ("commutation(m, n)", (M * N, M * N)),
    ("commutation(n, 3)", (3 * N, 3 * N)),
    ("sym(A @ B)", (N, N)),
    ("eye(m*n) @ vec(X)", (M * N, 1)),
    ("kron(A, A) @ eye(n**2)", (N**2, N**2)),
])
def test_shapes_and_the_printer_round_trip(text, shape):
    node = _parse(text)
    assert (node.shape.rows, node.shape.cols) == shape
    assert E.to_text(node) == text
    assert E.parse(E.to_text(node), SCOPE) == node


def test_commutation_carries_both_sizes():
    assert E.commutation(M, N) != E.commutation(N, M)  # one shape (mn, mn), two matrices
    node = _parse("commutation(m, n)")
    assert isinstance(node, E.Commutation) and (node.m, node.n) == (M, N)


@pytest.mark.parametrize("text, message, code", [
    ("sym(X)", "sym() needs a square matrix, got (m, n)", ErrorCode.SHAPE_MISMATCH),
    ("commutation(m)", "commutation() takes 2 sizes, got 1", ErrorCode.WRONG_ARGUMENTS),
    ("commutation(m, x)", "commutation() needs a size name or a whole number, such as commutation(m, n)",
     ErrorCode.WRONG_ARGUMENTS),
    ("eye(40*30)", "eye() needs a size name or a whole number, such as eye(n)", ErrorCode.WRONG_ARGUMENTS),
    ("eye(n**20)", "eye() needs a size name or a whole number, such as eye(n)", ErrorCode.WRONG_ARGUMENTS),
    ("vec(X, X)", "vec() takes 1 argument, got 2", ErrorCode.WRONG_ARGUMENTS),
    ("kron(X)", "kron() takes 2 arguments, got 1", ErrorCode.WRONG_ARGUMENTS),
])
def test_bad_calls_are_refused_with_a_reason(text, message, code):
    with pytest.raises(ExprError) as info:
        _parse(text)
    assert info.value.message == message
    assert info.value.code is code


@pytest.mark.parametrize("text, latex", [
    ("vec(X)", r"\operatorname{vec}\mathopen{}\left(X\right)"),
    ("kron(B.T, A)", r"B^{\top} \otimes A"),
    ("-kron(inv(A).T, inv(A))", r"-\left(A^{-\top} \otimes A^{-1}\right)"),
    ("kron(x.T, eye(m))", r"\mathbf{x}^{\top} \otimes I_{m}"),   # its size: nothing beside it fixes it
    ("kron(A @ B, A * B)", r"A B \otimes \left(A \circ B\right)"),
    ("kron(A, B) @ vec(X.T @ X)", r"\left(A \otimes B\right) \operatorname{vec}\mathopen{}\left(X^{\top} X\right)"),
    ("kron(A, B).T", r"\left(A \otimes B\right)^{\top}"),
    ("commutation(m, n)", r"\mathcal{K}_{m,n}"),
    ("sym(A)", r"\operatorname{sym}\mathopen{}\left(A\right)"),
])
def test_latex(text, latex):
    assert to_latex(_parse(text)) == latex


def test_numpy_evaluation_matches_numpys_own_definitions():
    X, A, B = VALUES["X"], VALUES["A"], VALUES["B"]
    ev = lambda text: evaluate(_parse(text), VALUES, SIZES)
    np.testing.assert_array_equal(ev("vec(X)"), X.reshape(-1, 1, order="F"))
    np.testing.assert_array_equal(ev("vec(X)")[:2, 0], X[:, 0])  # the first column on top
    np.testing.assert_allclose(ev("kron(X, A)"), np.kron(X, A))
    np.testing.assert_allclose(ev("sym(A)"), (A + A.T) / 2)
    np.testing.assert_allclose(ev("commutation(m, n) @ vec(X)"), X.T.reshape(-1, 1, order="F"))
    np.testing.assert_allclose(ev("commutation(n, m) @ commutation(m, n)"), np.eye(6))
    # Roth's column lemma, the identity every vec-form rule rests on
    np.testing.assert_allclose(ev("kron(B.T, A) @ vec(X.T @ X)"), (A @ X.T @ X @ B).reshape(-1, 1, order="F"))


@pytest.mark.parametrize("text", [
    "vec(X)", "kron(X, A)", "kron(x.T, X)", "commutation(m, n)", "commutation(n, n)", "sym(A @ B)",
    "kron(B.T, A) @ vec(X.T @ X) + c * vec(sym(A))",
])
def test_numpy_and_sympy_evaluations_agree(text):
    node = _parse(text)
    fast = evaluate(node, VALUES, SIZES)
    exact = evaluate(node, {k: _exact(v) for k, v in VALUES.items()}, SIZES, backend=SYMPY)
    assert fast.shape == exact.shape
    np.testing.assert_allclose(fast, np.array(exact.evalf(30), dtype=float), rtol=1e-12, atol=1e-12)


def test_the_snippet_prelude_defines_them_as_the_checks_compute_them():
    namespace: dict = {}
    exec(PRELUDE, namespace)  # our own generated text, as a reader of a published snippet runs it
    X, A = VALUES["X"], VALUES["A"]
    np.testing.assert_array_equal(namespace["vec"](X), evaluate(_parse("vec(X)"), VALUES, SIZES))
    np.testing.assert_array_equal(namespace["kron"](X, A), evaluate(_parse("kron(X, A)"), VALUES, SIZES))
    np.testing.assert_array_equal(namespace["sym"](A), evaluate(_parse("sym(A)"), VALUES, SIZES))
    np.testing.assert_array_equal(namespace["commutation"](2, 3), evaluate(_parse("commutation(m, n)"), VALUES, SIZES))


def test_shapes_of_products_of_sizes_read_well():
    assert _parse("kron(X, A)").shape.label() == "(mn, n^2)"
    assert _parse("vec(X)").shape.as_list() == ["mn"]


# Random compositions of the vec-form nodes with the other operations: each prints back to itself
# and evaluates, at sizes, to an array of its shape.


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.recursive(
    st.sampled_from(["X", "A", "B", "x", "eye(n)", "commutation(m, n)", "commutation(n, n)"]),
    lambda kids: st.one_of(
        kids.map(lambda e: f"vec({e})"),
        kids.map(lambda e: f"({e}).T"),
        kids.map(lambda e: f"sym({e})"),
        st.tuples(kids, kids).map(lambda t: f"kron({t[0]}, {t[1]})"),
        st.tuples(kids, kids).map(lambda t: f"{t[0]} @ {t[1]}"),
        st.tuples(kids, kids).map(lambda t: f"{t[0]} + {t[1]}"),
    ), max_leaves=5))
def test_compositions_round_trip_and_evaluate_like_numpy(text):
    try:
        node = _parse(text)
    except ExprError:
        return   # shapes that do not fit (or too large a size): refused, which is all that is asked
    assert E.parse(E.to_text(node), SCOPE) == node
    rows, cols = (int(d.subs(SIZES)) for d in (node.shape.rows, node.shape.cols))
    if rows * cols > 10_000:
        return
    value = evaluate(node, VALUES, SIZES)
    assert value.shape == (rows, cols) and np.all(np.isfinite(value))
