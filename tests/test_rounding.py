"""Rounding bounds: the Rounded backend gives NumPy's values, and its bounds hold against exact
evaluation (also where terms cancel); rounded_error relieves rounding, never a real difference."""

import numpy as np
import pytest

from language_support import SCOPE, SIZES, exact, scope_values
from mcdocgen import language as E
from mcdocgen.checks.evaluate import NUMPY, SYMPY, evaluate
from mcdocgen.checks.rounding import ROUNDED, Rounded, lift, rounded_error
from mcdocgen.checks.results import relative_error

VALUES = scope_values(11)
ROUNDED_VALUES = {k: lift(v) for k, v in VALUES.items()}

# rational expressions (exactly evaluable), several with terms that cancel
RATIONAL = [
    "x.T @ A @ x", "(c - d) / (d - c)", "1 / (c - d) + (c - d) / (c - d) ** 2", "tr(A) / (3 * tr(A))",
    "inv(A) @ A - eye(n)", "det(A) * tr(inv(A)) - tr(A @ inv(A)) * det(A) / 3", "outer(x, y.T) - outer(y, x.T).T",
    "sum(x * y) - dot(x, y)", "mean(B) * n * n - sum(B)", "kron(A, c * B) - c * kron(A, B)", "diag(x) @ B - diag(x) @ B",
    "(X @ x)[1] + A[2, 0] * ones(n).T @ x", "A ** 2 - A * A", "vec(A.T) - commutation(n, n) @ vec(A)",
]
FUNCTIONS = [
    "sum(exp(x) * y) / n", "softmax(x) - exp(x) / sum(exp(x))", "logsumexp(x) - log(sum(exp(x)))",
    "log(det(S)) - logdet(S)", "sigmoid(x) + tanh(x) ** 2 + sqrt(y) + norm(x) + norm1(x - 1)", "maximum(A, c) + relu(B)",
]


@pytest.mark.parametrize("text", RATIONAL + FUNCTIONS)
def test_the_rounded_backend_gives_numpys_values_and_finite_bounds(text):
    node = E.parse(text, SCOPE)
    plain = evaluate(node, VALUES, SIZES, NUMPY)
    rounded = evaluate(node, ROUNDED_VALUES, SIZES, ROUNDED)
    assert isinstance(rounded, Rounded) and rounded.shape == plain.shape
    assert np.allclose(rounded.v, plain, rtol=1e-12, atol=1e-12)
    assert np.all(np.isfinite(rounded.e)) and np.all(rounded.e >= 0)


@pytest.mark.parametrize("text", RATIONAL)
def test_the_bound_holds_against_exact_evaluation(text):
    node = E.parse(text, SCOPE)
    slow = evaluate(node, {k: exact(v) for k, v in VALUES.items()}, SIZES, SYMPY)
    rounded = evaluate(node, ROUNDED_VALUES, SIZES, ROUNDED)
    error = np.abs(rounded.v - np.array(slow.evalf(30), dtype=float))
    assert np.all(error <= rounded.e + 1e-300), (error, rounded.e)


def test_terms_that_cancel_agree_at_their_scale_and_a_real_difference_does_not():
    u = np.array([[1e-3 + 1e-9]])   # small: 1/u - u/u**2 is rounding of terms near 1000, about 1e-13
    same = [E.parse(t, SCOPE) for t in ("1 / c - c / c ** 2", "c - c")]
    plain, zero = (evaluate(n, {"c": u}, SIZES, NUMPY) for n in same)
    assert relative_error(plain, zero, 1e-6) > 1e-9     # the plain comparison, against the values: fails
    a, b = (evaluate(n, {"c": lift(u)}, SIZES, ROUNDED) for n in same)
    assert rounded_error(a, b, 1e-6) <= 1e-9
    # one part in a million of the terms wrong: 1/u - (1 + 1e-6) u / u**2
    wrong = evaluate(E.parse("1 / c - 1.000001 * c / c ** 2", SCOPE), {"c": lift(u)}, SIZES, ROUNDED)
    assert rounded_error(wrong, b, 1e-6) > 1e-8     # about 1e-6 over the handful of roundings in the bound


def test_no_bound_gives_no_relief():
    # a divisor within its own error of zero: the bound is infinite, the plain comparison decides
    a = Rounded([[1.0]]) / Rounded([[1e-20]], [[1e-19]])
    assert not np.isfinite(a.e).all()
    assert rounded_error(a, Rounded([[0.0]])) == relative_error(a.v, np.zeros((1, 1)))


def test_a_large_diagonal_product_is_the_float_backends_row_scaling():
    # fine_at hands the rounded walk's values to the float walk: both compute diag(v) @ M alike (a row scaling from
    # DIAG_SCALING_FROM entries), so an inf in M spreads as the float walk's would, not as 0 x inf = nan (review s45)
    import numpy as np

    from mcdocgen.checks.evaluate import DIAG_SCALING_FROM, NumpyBackend
    from mcdocgen.checks.rounding import ROUNDED, lift

    n = DIAG_SCALING_FROM
    v, m = np.ones((n, 1)), np.ones((n, n))
    m[0, 0] = np.inf      # the dense product meets 0 x inf off the diagonal: nan where the scaling keeps 1
    with np.errstate(all="ignore"):     # as fine_at walks: an inf's bound is inf
        pairs = ((ROUNDED.diag_matmul(lift(v), lift(m)), NumpyBackend().diag_matmul(v, m)),
                 (ROUNDED.matmul_diag(lift(m), lift(v.T)), NumpyBackend().matmul_diag(m, v.T)))
    for rounded, plain in pairs:
        assert np.array_equal(rounded.v, plain, equal_nan=True) and not np.isnan(rounded.v).any()
