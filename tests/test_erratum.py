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


def checked(expression, variables, wrt, stated):
    p = make_problem(expression, variables, [wrt])
    node = None if stated is None else Expected(stated, E.parse(stated, p.scope()), 1)
    p = replace(p, errata=(Erratum(wrt, "the source says so.", "a note.", node, 1),))
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


@pytest.mark.parametrize("stated, found", [
    ("(A + A.T) @ x", "equals the derived result at 3 random points"),
    ("x.T @ (A + A.T)", "is the derived result in numerator layout"),
])
def test_a_stated_form_that_is_right_fails_the_problem(stated, found):
    v = checked("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", stated)
    assert v.erratum.status is CheckStatus.FAILED and not v.ok
    assert found in v.erratum.detail


def test_an_erratum_of_shapes_or_words_is_not_applicable_never_passed():
    v = checked("W.T @ a", {"W": ["m", "n"], "a": ["m"]}, "a", None)
    assert v.erratum.status is CheckStatus.NOT_APPLICABLE and v.ok
    assert "no formula to compare" in v.erratum.detail


def test_a_derivative_without_an_erratum_has_no_erratum_check():
    p = make_problem("x.T @ x", {"x": ["n"]}, ["x"])
    v = verify(p, derive(p, "x"))
    assert v.erratum is None and CheckName.ERRATUM not in v.checks()
