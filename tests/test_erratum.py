"""mcdocgen.checks.erratum: a source's stated form is confirmed wrong, or the problem fails; an
erratum of shapes or words is not applicable, never passed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from problem_factory import make_problem
from mcdocgen import language as E
from mcdocgen.catalog import Expected
from mcdocgen.catalog.records import Erratum
from mcdocgen.checks.results import CheckName, CheckStatus
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.language import Layout


def checked(expression, variables, wrt, *stated, layout=None):
    p = make_problem(expression, variables, [wrt])
    nodes = [None if s is None else Expected(s, E.parse(s, p.scope()), 1) for s in stated]
    p = replace(p, layout=layout, errata=tuple(Erratum(wrt, "the source says so.", "a note.", n, 1) for n in nodes))
    return verify(p, derive(p, wrt))


@pytest.mark.parametrize("expression, variables, wrt, stated, found", [
    # a wrong form of the derivative's shape: confirmed at random points
    ("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", "2 * A @ x", "differs from the derived result"),
    # a vector where the Jacobian is a matrix (the broadcast ReLU)
    ("relu(x)", {"x": ["n"]}, "x", "heaviside(x)", "has shape (n, 1), the derivative has shape (n, n)"),
    # the constant rule: dy/db = 1 for a y without b
    ("sum(w * x)", {"w": ["n"], "x": ["n"], "b": []}, "b", "1", "differs from the derived result"),
])
def test_a_wrong_stated_form_is_an_erratum_confirmed(expression, variables, wrt, stated, found):
    v = checked(expression, variables, wrt, stated)
    assert v.erratum.status is CheckStatus.PASSED and v.ok
    assert v.erratum.detail.startswith("erratum confirmed") and found in v.erratum.detail
    assert list(v.checks())[-1] is CheckName.ERRATUM


def test_a_stated_form_equal_to_the_result_fails_the_problem():
    v = checked("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", "(A + A.T) @ x")
    assert v.erratum.status is CheckStatus.FAILED and not v.ok
    assert "equals the derived result at 3 random points" in v.erratum.detail


SQUARE = ("tr(A @ X)", {"A": ["n", "n"], "X": ["n", "n"]}, "X")   # the result A^T; its transpose A is square too
ROW = ("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x")         # the result (A + A^T) x; its transpose is a row


@pytest.mark.parametrize("problem, stated", [(SQUARE, "A"), (ROW, "x.T @ (A + A.T)")])
@pytest.mark.parametrize("layout, status, found", [
    (Layout.NUMERATOR, CheckStatus.FAILED, "the layout of the source: write it in denominator layout"),
    (Layout.DENOMINATOR, CheckStatus.NOT_APPLICABLE, "the source uses denominator layout"),
    (None, CheckStatus.NOT_APPLICABLE, "the problem names no layout"),
])
def test_a_form_right_in_numerator_layout_is_never_confirmed(problem, stated, layout, status, found):
    # the square case was confirmed before: its transpose has the result's shape and differs from it
    v = checked(*problem, stated, layout=layout)
    assert v.erratum.status is status and v.ok is (status is not CheckStatus.FAILED)
    assert f"the stated '{stated}' is the derived result in numerator layout" in v.erratum.detail
    assert found in v.erratum.detail


def test_a_square_form_wrong_in_both_layouts_is_confirmed():
    v = checked(*SQUARE, "A + A.T - A * eye(n)", layout=Layout.DENOMINATOR)   # the Cookbook's symmetric "gradient"
    assert v.erratum.status is CheckStatus.PASSED and "differs from the derived result in both layouts" in v.erratum.detail


@pytest.mark.parametrize("stated, why", [
    ("inv(outer(ones(n), ones(n))) @ x", "ingular"),        # raises: a singular matrix at every point
    ("log(-exp(x))", "a value that is not finite"),           # no real value anywhere
    ("log(-exp(x)) @ x.T", "a value that is not finite"),     # another shape, but no value to show it by
])
def test_a_stated_form_that_cannot_be_evaluated_is_not_applicable_never_confirmed(stated, why):
    v = checked("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", stated)
    assert v.erratum.status is CheckStatus.NOT_APPLICABLE and v.ok
    assert f"the stated '{stated}' cannot be evaluated at the sample points" in v.erratum.detail and why in v.erratum.detail


def test_a_right_form_undefined_at_some_points_is_not_confirmed():
    # the review's case: equal to 2 x where log(x) is defined, and no number where it is not
    v = checked("x**2", {"x": []}, "x", "2*x + 0*log(x)")
    assert v.erratum.status is CheckStatus.NOT_APPLICABLE and "cannot be evaluated" in v.erratum.detail


def test_each_erratum_on_one_variable_has_its_own_finding_and_the_summary_names_each():
    v = checked(*ROW, "2 * A @ x", None, "log(-exp(x))")
    own = v.erratum.each
    assert [r.status for r in own] == [CheckStatus.PASSED, CheckStatus.NOT_APPLICABLE, CheckStatus.NOT_APPLICABLE]
    assert "'2 * A @ x'" in own[0].detail and "no formula" in own[1].detail and "'log(-exp(x))'" in own[2].detail
    assert v.erratum.status is CheckStatus.PASSED and v.erratum.detail == "; ".join(r.detail for r in own)


def test_an_erratum_of_shapes_or_words_is_not_applicable_never_passed():
    v = checked("W.T @ a", {"W": ["m", "n"], "a": ["m"]}, "a", None)
    assert v.erratum.status is CheckStatus.NOT_APPLICABLE and v.ok
    assert "no formula to compare" in v.erratum.detail


def test_a_derivative_without_an_erratum_has_no_erratum_check():
    p = make_problem("x.T @ x", {"x": ["n"]}, ["x"])
    v = verify(p, derive(p, "x"))
    assert v.erratum is None and CheckName.ERRATUM not in v.checks()
