"""The Hessian checks (checks.second): a right Hessian passes, a wrong one fails, by numbers and by SymPy."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from mcdocgen import language as E
from mcdocgen.catalog import Expected
from mcdocgen.checks.numeric import CANCELLING_DETAIL
from mcdocgen.checks.results import CheckStatus
from mcdocgen.checks.sampling import kink_arguments, point_rng
from mcdocgen.checks.second import (
    SECOND_FULL_MAX_ENTRIES, directions, second_compare, second_components_check, second_numeric_check,
)
from mcdocgen.checks.verify import verify
from mcdocgen.engine.hessian import derive_hessian
from mcdocgen.language import shapes
from problem_factory import make_problem


def _quadratic():
    problem = make_problem("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, ["x"])
    return problem, derive_hessian(problem, "x")


def test_a_right_hessian_passes_numeric_and_components():
    problem, d = _quadratic()
    rng = np.random.default_rng(0)
    assert second_numeric_check(problem, d, rng, kink_arguments(problem.expression)).passed
    assert second_components_check(problem, d).passed


def test_the_components_check_says_whether_the_hessian_is_symmetric_and_the_page_says_it_is_one_matrix():
    """log det X's Hessian prints as -K (X^-T kron X^-1) in one layout and -(X^-1 kron X^-T) K in the other: the
    page says they are one matrix where the check found it symmetric (a reader review), and only then."""
    from mcdocgen.engine.derive import derive
    from mcdocgen.present.second import SAME_MATRIX, same_matrix_note

    problem = make_problem("log(det(X))", {"X": ["n", "n"]}, ["X"], assume={"X": ["invertible"]})
    d = derive_hessian(problem, "X")
    check = second_components_check(problem, d)
    assert check.passed and check.symmetric is True and d.numerator != d.result
    v = verify(problem, d)
    assert same_matrix_note(d, v) == SAME_MATRIX
    assert same_matrix_note(d, replace(v, components=replace(v.components, symmetric=None))) == ""
    assert same_matrix_note(derive(problem, "X"), verify(problem, derive(problem, "X"))) == ""


def test_a_wrong_hessian_fails_numeric_and_components():
    problem, d = _quadratic()
    a = next(v for v in E.walk(problem.expression) if isinstance(v, E.Var) and v.name == "A")
    wrong = replace(d, result=a, numerator=E.transpose(a))     # A instead of A + A.T
    rng = np.random.default_rng(0)
    assert second_numeric_check(problem, wrong, rng, []).status is CheckStatus.FAILED
    assert second_components_check(problem, wrong).status is CheckStatus.FAILED


def test_an_unsymmetric_numerator_fails_even_with_a_right_denominator():
    problem, d = _quadratic()
    a = next(v for v in E.walk(problem.expression) if isinstance(v, E.Var) and v.name == "A")
    wrong = replace(d, numerator=E.add(a, a))                  # 2 A: not the Hessian for an unsymmetric A
    assert second_components_check(problem, wrong).status is CheckStatus.FAILED


def test_scalar_second_derivative_and_expected_hessian():
    problem = make_problem("-(x - b)**2", {"x": [], "b": []}, ["x"])
    problem = replace(problem, hessian=("x",), expected_hessian={"x": _expected("-2")})
    v = verify(problem, derive_hessian(problem, "x"))
    assert all(c.passed for c in v.checks().values()), v
    wrong = replace(problem, expected_hessian={"x": _expected("2")})
    assert verify(wrong, derive_hessian(wrong, "x")).expected.status is CheckStatus.FAILED


def _expected(text: str) -> Expected:
    return Expected(text, E.parse(text, E.Scope({}, {})), 1)


def test_large_variables_are_checked_along_random_directions():
    rng = np.random.default_rng(1)
    vectors, reach = directions(np.ones((SECOND_FULL_MAX_ENTRIES + 1, 1)), rng)
    assert vectors.shape[0] < SECOND_FULL_MAX_ENTRIES and np.allclose(np.linalg.norm(vectors, axis=1), 1)
    vectors, reach = directions(np.ones((2, 3)), rng)
    assert vectors.shape == (6, 6) and reach.shape == (6,)


# functions whose terms cancel: f is rounding noise of the size of its terms, and so are its second
# differences; the right Hessian (zero, or what the uncancelled terms give) must pass at every seed
CANCELLING = [
    ("dot(x, A @ x) - dot(A.T @ x, x)", {"x": ["n"], "A": ["n", "n"]}, "x"),
    ("norm(x)**4 - dot(x, x)**2", {"x": ["n"]}, "x"),
    ("norm(x)**2 - dot(x, x)", {"x": ["n"]}, "x"),
    ("log(exp(s)) - s", {"s": []}, "s"),
    ("tr(X @ A) - tr(A @ X)", {"X": ["n", "n"], "A": ["n", "n"]}, "X"),
    ("tr(X @ X) - tr(X.T @ X.T)", {"X": ["n", "n"]}, "X"),
    ("dot(x, A @ x) - dot(A.T @ x, x) + dot(x, B @ x)", {"x": ["n"], "A": ["n", "n"], "B": ["n", "n"]}, "x"),
]


@pytest.mark.parametrize("case", CANCELLING, ids=[c[0] for c in CANCELLING])
def test_a_right_hessian_of_a_cancelling_function_passes(case):
    expression, variables, wrt = case
    problem = make_problem(expression, variables, [wrt])
    d = derive_hessian(problem, wrt)
    with np.errstate(all="ignore"):
        for seed in range(5):
            result = second_numeric_check(problem, d, point_rng(problem, wrt, seed), [])
            assert result.passed, (seed, result.detail)
    assert second_components_check(problem, d).passed


def test_a_cancelling_pass_says_so():
    problem = make_problem("norm(x)**2 - dot(x, x)", {"x": ["n"]}, ["x"])
    with np.errstate(all="ignore"):
        result = second_numeric_check(problem, derive_hessian(problem, "x"), point_rng(problem, "x"), [])
    assert result.passed and CANCELLING_DETAIL in result.detail
    problem, d = _quadratic()       # nothing cancels: the detail does not claim it
    assert CANCELLING_DETAIL not in second_numeric_check(problem, d, point_rng(problem, "x"), []).detail


def _near_pole():
    """tr(inv(S + t T)), whose second derivative by t is 2 tr(M T M T M), M = inv(S + t T), drawn as
    `mcdocgen try` names it: one of its points lies 5e-4 from a t where S + t T is singular."""
    problem = make_problem("tr(inv(S + t*T))", {"S": ["n", "n"], "T": ["n", "n"], "t": []}, ["t"],
                           assume={"S": ["symmetric"], "T": ["symmetric"]}, pid="tr-inv-s-t-t")
    return problem, derive_hessian(problem, "t")


def test_a_right_hessian_near_a_pole_passes():
    # the first steps straddle the pole: their differences grow as the step halves, and their
    # truncation estimate was taken for a bound (a right Hessian failed, 2.7e10 against 8.7e7)
    problem, d = _near_pole()
    result = second_numeric_check(problem, d, point_rng(problem, "t:hessian"), [])
    assert result.passed, result.detail


def test_differences_straddling_a_pole_are_no_evidence():
    problem, d = _near_pole()
    env = {"S": np.diag([1.0, 2.0]), "T": np.eye(2), "t": np.array([[-1 + 4.3e-4]])}  # pole at t = -1
    sizes = {shapes.size_symbol("n"): 2}
    vectors, reach = directions(env["t"], np.random.default_rng(0))
    coarse = second_compare(problem, d, env, sizes, vectors, reach)
    assert not coarse.agrees and not coarse.settled      # the levels never converged
    again = second_compare(problem, d, env, sizes, vectors, reach, settle=True)
    assert again is None or again.agrees
    far = {**env, "t": np.array([[-1 + 3.3e-2]])}
    assert second_compare(problem, d, far, sizes, vectors, reach).settled


def test_a_wrong_hessian_near_a_pole_still_fails():
    problem, d = _near_pole()
    wrong = replace(d, result=E.mul(E.num("1001/1000"), d.result),
                    numerator=E.mul(E.num("1001/1000"), d.numerator))
    result = second_numeric_check(problem, wrong, point_rng(problem, "t:hessian"), [])
    assert result.status is CheckStatus.FAILED and "differs" in result.detail


def test_the_checks_word_a_second_derivative_by_a_scalar_for_what_it_is():
    """By a scalar it is one number: no 'Hessian', no entries in column-major order (a reader's review)."""
    problem = make_problem("x**3 * exp(b * x)", {"x": [], "b": []}, ["x"])
    d = derive_hessian(problem, "x")
    numeric = second_numeric_check(problem, d, point_rng(problem, "x"), [])
    components = second_components_check(problem, d)
    assert numeric.passed and "of the second derivative's size" in numeric.detail
    assert "not of the derived first derivative" in numeric.detail
    assert components.passed and components.detail.startswith("equal ") and "derivative of the function" in components.detail
    for detail in (numeric.detail, components.detail):
        assert "Hessian" not in detail and "column-major" not in detail and "every entry" not in detail, detail
    assert "matrix" not in components.detail
    # by a vector: the Hessian, its entries in their one order; by a matrix: in column-major (vec) order
    vector = second_numeric_check(*_quadratic(), point_rng(_quadratic()[0], "x"), [])
    assert "of the Hessian's size" in vector.detail and "column-major" not in vector.detail
    problem = make_problem("log(det(X))", {"X": ["n", "n"]}, ["X"], assume={"X": ["invertible"]})
    matrix = second_numeric_check(problem, derive_hessian(problem, "X"), point_rng(problem, "X"), [])
    assert "the matrix variable's entries in column-major order" in matrix.detail


def test_the_snippet_of_a_second_derivative_by_a_scalar_names_it_and_runs():
    import subprocess
    import sys

    from mcdocgen.present.second import hessian_snippet

    problem = make_problem("x**3 * exp(b * x)", {"x": [], "b": []}, ["x"])
    snippet = hessian_snippet(problem, derive_hessian(problem, "x"))
    assert "def _second_derivative(x, b):  # d^2 f / dx^2, one number" in snippet
    assert "hessian" not in snippet and "column-major" not in snippet
    run = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and float(run.stdout.strip()) < 1e-5, run.stderr
