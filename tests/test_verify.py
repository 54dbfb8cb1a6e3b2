"""Verification catches wrong answers and never calls a missing check passed."""

import importlib

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from problem_factory import make_problem
from mcdocgen.engine import rules
from mcdocgen.engine.derive import derive
from mcdocgen import language as E
from mcdocgen.checks.results import CheckStatus
from mcdocgen.checks.rounding import ROUNDED, lift
from mcdocgen.checks.sampling import kink_arguments, point_rng, sample
from mcdocgen.checks.verify import verify

verify_module = importlib.import_module("mcdocgen.checks.verify")   # the package attribute is the function

LSQ = ("norm(X @ w - y)**2", {"X": ["m", "n"], "w": ["n"], "y": ["m"]})


def test_right_expected_passes_and_missing_expected_is_not_applicable():
    p = make_problem(*LSQ, ["w"], expected={"w": "2 * X.T @ (X @ w - y)"})
    assert verify(p, derive(p, "w")).expected.status is CheckStatus.PASSED
    q = make_problem(*LSQ, ["w"])
    v = verify(q, derive(q, "w"))
    assert v.expected.status is CheckStatus.NOT_APPLICABLE
    assert v.ok


def test_the_textbook_sign_error_is_caught():
    # A textbook appendix prints 2 X^T (X w - y) with the wrong sign for d/dV ||X - UV||^2.
    p = make_problem(*LSQ, ["w"], expected={"w": "2 * X.T @ (y - X @ w)"})
    v = verify(p, derive(p, "w"))
    assert v.expected.status is CheckStatus.FAILED
    assert "differs" in v.expected.detail
    assert not v.ok


def test_a_failed_expected_quotes_the_printed_expression_not_the_catalog_text():
    p = make_problem(*LSQ, ["w"], expected={"w": "2*X.T@(y -   X@w)  "})
    detail = verify(p, derive(p, "w")).expected.detail
    assert f"expected '{E.to_text(p.expected['w'].node)}' differs" in detail
    assert p.expected["w"].text not in detail


def test_expected_with_the_wrong_shape_fails_with_both_shapes():
    p = make_problem(*LSQ, ["w"], expected={"w": "2 * (X @ w - y).T @ X"})
    v = verify(p, derive(p, "w"))
    assert v.expected.status is CheckStatus.FAILED
    assert "(1, n)" in v.expected.detail and "(n, 1)" in v.expected.detail


def test_a_wrong_rule_is_caught_by_numbers_and_by_components(monkeypatch):
    from dataclasses import replace

    # forget the square in tanh's derivative: 1 - tanh(a)
    wrong = replace(E.FUNCTIONS[E.Fn.TANH], derivative=lambda a, value: E.sub(E.num(1), value))
    monkeypatch.setattr(rules, "FUNCTIONS", {**E.FUNCTIONS, E.Fn.TANH: wrong})
    p = make_problem("sum(tanh(W @ x))", {"W": ["m", "n"], "x": ["n"]}, ["x"])
    v = verify(p, derive(p, "x"))
    assert v.numeric.status is CheckStatus.FAILED
    assert v.components.status is CheckStatus.FAILED
    assert v.numeric.max_rel_error > 1e-3


def test_a_corrupted_result_is_caught_by_the_steps_check_and_by_numbers():
    from dataclasses import replace

    p = make_problem(*LSQ, ["w"])
    d = derive(p, "w")
    bad = replace(d, result=E.mul(E.num(3), d.result), numerator=E.mul(E.num(3), d.numerator))
    v = verify(p, bad)
    assert v.steps.status is CheckStatus.FAILED
    assert v.numeric.status is CheckStatus.FAILED
    assert v.components.status is CheckStatus.FAILED


def test_kinks_are_avoided_by_the_numeric_check():
    p = make_problem("relu(dot(w, x) + b)", {"w": ["n"], "x": ["n"], "b": []}, ["w", "b"])
    for wrt in ("w", "b"):
        v = verify(p, derive(p, wrt))
        assert v.numeric.passed and v.components.passed


@pytest.mark.parametrize("text", ["log(-(c**2) - 1) * d", "c / (sin(d)**2 + cos(d)**2 - 1)"])
def test_a_function_without_a_point_anywhere_is_one_failure_and_nothing_passes(text):
    # the second's divisor is 0 but not to the parser's zero test: its two symbolic sides are one expression
    p = make_problem(text, {"c": [], "d": []}, ["c", "d"], expected={"c": "c"})
    for wrt in ("c", "d"):
        v = verify(p, derive(p, wrt))
        assert v.numeric.status is CheckStatus.FAILED and not v.ok
        assert "no point found" in v.numeric.detail and "nothing could be checked" in v.numeric.detail
        others = [c.status for name, c in v.checks().items() if name != "numeric"]
        assert others and set(others) == {CheckStatus.NOT_APPLICABLE}


@pytest.mark.parametrize("text, listed", [("abs(d) * log(-(c**2) - 1)", "subgradient"),
                                          ("abs(d) * d * log(-(c**2) - 1)", "removed_kink")])
def test_a_function_without_a_point_lists_its_corner_checks_not_applicable_and_claims_no_fact(text, listed):
    # the kink's subgradients (or the smooth place) the page states are listed as not checked, as the catalog's
    # erratum is; no set-up fact is worded, none was sampled
    p = make_problem(text, {"c": [], "d": []}, ["d"])
    v = verify(p, derive(p, "d"))
    assert v.numeric.status is CheckStatus.FAILED and not v.ok and v.setup_facts == ()
    assert getattr(v, listed).status is CheckStatus.NOT_APPLICABLE and "no point" in getattr(v, listed).detail
    assert {c.status for name, c in v.checks().items() if name != "numeric"} == {CheckStatus.NOT_APPLICABLE}


def test_a_result_with_no_point_of_a_function_with_points_keeps_every_failure():
    from dataclasses import replace

    # only the function's own points make the checks not applicable: a result infinite everywhere is wrong
    p = make_problem("c * d", {"c": [], "d": []}, ["c"])
    nowhere = make_problem("log(-(d**2) - 1)", {"d": []}, ["d"]).expression
    bad = replace(derive(p, "c"), result=nowhere, numerator=nowhere)
    v = verify(p, bad)
    assert v.numeric.status is CheckStatus.FAILED and "nothing could be checked" not in v.numeric.detail
    assert v.components.status is CheckStatus.FAILED
    assert v.steps.status is CheckStatus.FAILED


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_verification_is_seeded(seed):
    p = make_problem(*LSQ, ["w"])
    d = derive(p, "w")
    assert verify(p, d, seed).numeric.max_rel_error == verify(p, d, seed).numeric.max_rel_error


def test_not_a_number_never_passes():
    p = make_problem("1 / (1 + exp(2000 * c))", {"c": []}, ["c"], expected={"c": "5 * c"}, assume={"c": ["positive"]})
    v = verify(p, derive(p, "c"))
    assert v.expected.status is not CheckStatus.PASSED
    assert not v.ok


def test_tiny_values_are_compared_relatively():
    p = make_problem("1e-12 * sum(x**3)", {"x": ["n"]}, ["x"], expected={"x": "1e-12 * 2 * x**2"})
    v = verify(p, derive(p, "x"))
    assert v.numeric.passed
    assert v.expected.status is CheckStatus.FAILED


def test_an_exactly_zero_derivative_passes_despite_rounding():
    p = make_problem("sum(exp(x) / sum(exp(x)))", {"x": ["n"]}, ["x"])
    v = verify(p, derive(p, "x"))
    assert v.ok and v.steps.passed and v.numeric.passed


def test_a_singular_derivative_resamples_instead_of_crashing():
    p = make_problem("det(X.T @ X)", {"X": ["m", "n"]}, ["X"])
    v = verify(p, derive(p, "X"))
    assert v.ok, {k: c.detail for k, c in v.checks().items()}


# ---------------------------------------------------------------- results whose terms cancel

ATOMS = ["x", "y", "2*x", "x*y", "sin(x)", "exp(y)", "tanh(x)", "x**2", "(x + 3)"]
CANCELLING = ["({a} - {b})/({b} - {a})", "{a}/(3*{a})", "({a})*({b}) - ({b})*({a})", "({a} + {b}) - {b}",
              "({a})/({a}*{b}) * {b}", "tanh({a})/(2*tanh({a}))", "({a} - {b})**2/({b} - {a})**2"]
scalar_terms = st.recursive(
    st.sampled_from(ATOMS),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(st.sampled_from(["sin", "exp", "tanh", "cos"]), inner).map(lambda t: f"{t[0]}({t[1]})")),
    max_leaves=4)


@pytest.mark.parametrize("text", ["(x - y)/(y - x)", "tr(X)/(2*tr(X))"])
def test_a_zero_result_whose_terms_cancel_passes_the_steps_check(text):
    p = make_problem(text, {"x": [], "y": [], "X": ["n", "n"]}, ["x", "X"])
    for wrt in ("x", "X"):
        d = derive(p, wrt)
        for seed in range(6):   # points where the terms are large and their sum 0
            v = verify(p, d, seed)
            assert v.steps.passed, (wrt, seed, v.steps.detail)


@settings(max_examples=25)
@given(st.sampled_from(CANCELLING), scalar_terms, scalar_terms)
def test_random_results_whose_terms_cancel_pass_the_steps_and_components_checks(template, a, b):
    text = template.format(a=a, b=b)
    try:
        p = make_problem(text, {"x": [], "y": []}, ["x"])
    except E.ExprError:    # a equal to b: the parser refuses a divisor identically zero (no function to check)
        assume(False)
    d = derive(p, "x")
    if not d.ok:
        return
    v = verify(p, d)
    if "no point found" in v.steps.detail:     # 0/0 everywhere (a equal to b): no function to check
        return
    assert v.steps.passed, (text, v.steps.detail)
    assert v.components.passed, (text, v.components.detail)


def test_an_expected_answer_whose_terms_cancel_passes_and_a_wrong_one_fails():
    # 1/(x - y) - (x - y)/(x - y)**2 is 0: in floats, rounding of terms as large as 1/(x - y)
    right = make_problem("x * (y - y)", {"x": [], "y": []}, ["x"], expected={"x": "1/(x - y) - (x - y)/(x - y)**2"})
    wrong = make_problem("x * (y - y)", {"x": [], "y": []}, ["x"],
                         expected={"x": "1/(x - y) - 1.000001 * (x - y)/(x - y)**2"})
    for seed in range(6):
        assert verify(right, derive(right, "x"), seed).expected.passed
        assert verify(wrong, derive(wrong, "x"), seed).expected.status is CheckStatus.FAILED


@pytest.mark.parametrize("text, variables, wrt, assume", [
    ("log(det(X))", {"X": ["n", "n"]}, "X", {"X": ["symmetric", "positive_definite"]}),   # symmetric last steps
    ("tr(A @ inv(X) @ B)", {"A": ["n", "n"], "X": ["n", "n"], "B": ["n", "n"]}, "X", {"X": ["invertible"]}),
    ("norm(A @ x - b)**2", {"A": ["m", "n"], "x": ["n"], "b": ["m"]}, "x", {}),               # chain paths
    ("kron(A, X)", {"A": [2, 2], "X": [2, 2]}, "X", {}),                                       # vec form
    ("inv(A + t * B)", {"A": ["n", "n"], "B": ["n", "n"], "t": []}, "t", {"A": ["invertible"]}),  # by a scalar
    ("-dot(y, log(softmax(z)))", {"z": ["n"], "y": ["n"]}, "z", {}),
])
def test_the_rounded_route_agrees_on_every_kind_of_derivation(text, variables, wrt, assume):
    p = make_problem(text, variables, [wrt], assume=assume)
    d = derive(p, wrt)
    sizes, env = sample(p, point_rng(p, wrt), kink_arguments(p.expression), d)
    with np.errstate(all="ignore"):
        error = verify_module._point_error(d, {k: lift(v) for k, v in env.items()}, sizes, 1e-6, ROUNDED)
    assert error <= 1e-12


def test_a_local_derivative_that_disagrees_with_the_matrix_form_fails_the_steps_check():
    """The steps check evaluates the local-derivative table too: d f/d u_1 by the row u_1 = a^T X
    shown in the other layout's shape (b where the matrix form under it has b^T) fails it."""
    from dataclasses import replace

    p = make_problem("a.T @ X @ b", {"a": ["m"], "X": ["m", "n"], "b": ["n"]}, ["X"])
    d = derive(p, "X")
    assert verify(p, d).steps.status is CheckStatus.PASSED
    swapped = tuple(loc.shown_as(loc.denominator, loc.numerator)
                    if (loc.of, loc.wrt) == (d.function, "u_1") else loc for loc in d.locals)
    assert swapped != d.locals
    assert verify(p, replace(d, locals=swapped)).steps.status is CheckStatus.FAILED


def test_a_wrong_matrix_form_step_in_the_table_fails_the_steps_check():
    from dataclasses import replace

    p = make_problem("a.T @ X @ b", {"a": ["m"], "X": ["m", "n"], "b": ["n"]}, ["X"])
    d = derive(p, "X")
    doubled = tuple(loc.shown_as(loc.numerator, E.mul(E.num(2), loc.denominator)) if loc.wrt == "X" else loc
                    for loc in d.locals)
    assert verify(p, replace(d, locals=doubled)).steps.status is CheckStatus.FAILED


@pytest.mark.parametrize("text", ["c * abs(d - d)", "relu(d - d) * c", "c * maximum(d, d)", "c * sign(d - d) + d"])
def test_a_scalar_kink_argument_identically_zero_keeps_no_point_away(text):
    # d - d is no kink (checks.still): every check finds its points; a wrong result still fails (review s44)
    from dataclasses import replace

    p = make_problem(text, {"c": [], "d": []}, ["c", "d"])
    for wrt in ("c", "d"):
        d = derive(p, wrt)
        v = verify(p, d)
        assert v.ok and v.numeric.passed and v.steps.passed, {k: c.detail for k, c in v.checks().items()}
        wrong = E.add(d.result, E.num(1))
        assert not verify(p, replace(d, result=wrong, numerator=wrong)).numeric.passed


@pytest.mark.parametrize("text, variables", [("c * norm(x - x)", {"c": [], "x": ["n"]}), ("c * sqrt(d - d)", {"c": [], "d": []})])
def test_a_root_of_a_zero_derived_by_another_variable_passes_and_a_wrong_result_fails(text, variables):
    # by c the root's chain rule is never met (the parser keeps it, language.parse); a result off by 1 still fails
    from dataclasses import replace

    p = make_problem(text, variables, ["c"])
    d = derive(p, "c")
    v = verify(p, d)
    assert v.ok and v.numeric.passed and v.steps.passed, {k: c.detail for k, c in v.checks().items()}
    wrong = E.add(d.result, E.num(1))
    assert not verify(p, replace(d, result=wrong, numerator=wrong)).numeric.passed
