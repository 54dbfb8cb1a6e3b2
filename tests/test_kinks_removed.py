"""mcdocgen.checks.kinks_removed: where the engine finds a non-smooth operation's place smooth, the result there
is checked against one-sided differences on both sides of points on it; a true kink called removed, or a wrong
value on the place, fails; no point on the place is not applicable, never passed."""

from __future__ import annotations

from dataclasses import replace

import pytest
from problem_factory import make_problem

from mcdocgen import language as E
from mcdocgen.checks.results import CheckName, CheckStatus
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.language import Fn

REMOVED = [
    ("(x - 2) * abs(x - 2)", {"x": []}, "x"),             # a place off zero
    ("relu(x - y)**2 + y", {"x": [], "y": []}, "x"),      # a power above one flattens the corner
    ("sign(x) * x**2 * y", {"x": [], "y": []}, "x"),      # a jump times a square: x|x| y
    ("sum(sign(A @ x) * (A @ x)**2)", {"A": ["m", "n"], "x": ["n"]}, "x"),
    # a norm's corner: the result ||x - a|| I + (x - a)(x - a)^T / ||x - a|| is 0/0 there
    ("(x - a) * norm(x - a)", {"x": ["n"], "a": ["n"]}, "x"),
    ("abs(x + 1)**1.5", {"x": []}, "x"),                  # one side converges as h^0.5
    ("sum(abs(W @ x)**3) + sum(x)", {"W": ["m", "n"], "x": ["n"]}, "x"),
    # places whose argument is identically zero in some entries (the diagonal): those are neither reached nor in
    # the way (checks.still)
    ("sum(abs(X - X.T)**3) + tr(X)", {"X": ["n", "n"]}, "X"),
    ("sum(relu(outer(x, ones(n)) - outer(ones(n), x))**2)", {"x": ["n"]}, "x"),
    # two corners at one place whose jumps cancel (elu + 1): kink_continuity's sum whose side parts cancel
    ("(relu(x) + exp(-relu(-x)) - 1) * sigmoid(x)", {"x": ["n"]}, "x"),
]


def _derived(expression, variables, wrt):
    p = make_problem(expression, variables, [wrt])
    return p, derive(p, wrt)


@pytest.mark.parametrize("expression, variables, wrt", REMOVED, ids=[r[0] for r in REMOVED])
def test_a_removed_kink_is_checked_on_its_place(expression, variables, wrt):
    p, d = _derived(expression, variables, wrt)
    assert d.ok and d.kinks == () and d.removed, expression
    v = verify(p, d)
    assert v.removed_kink is not None and v.removed_kink.status is CheckStatus.PASSED, v.removed_kink
    assert CheckName.REMOVED_KINK in v.checks() and v.ok
    assert v.removed_kink.points == 2 * len(d.removed)
    assert all(E.flat_text(k.at) in v.removed_kink.detail for k in d.removed)


def test_no_removed_kink_no_check():
    for expression, variables in (("sum(exp(x))", {"x": ["n"]}), ("abs(x)", {"x": []})):
        p, d = _derived(expression, variables, "x")
        v = verify(p, d)
        assert d.removed == () and v.removed_kink is None and CheckName.REMOVED_KINK not in v.checks()


@pytest.mark.parametrize("expression, variables", [("abs(x)", {"x": []}), ("sum(relu(W @ x))", {"W": ["m", "n"], "x": ["n"]}),
                                                   ("norm(x - a)", {"x": ["n"], "a": ["n"]}),
                                                   ("sign(x) * x", {"x": []})])
def test_a_true_kink_called_removed_fails(expression, variables):
    # planted: the engine's kinks moved to ``removed``, the result unchanged (right away from the place)
    p, d = _derived(expression, variables, "x")
    assert d.kinks and not d.removed
    planted = replace(d, kinks=(), removed=d.kinks)
    v = verify(p, planted)
    assert v.numeric.passed and v.removed_kink.status is CheckStatus.FAILED, (expression, v.removed_kink)


def test_a_wrong_value_on_the_place_fails_where_every_other_check_passes():
    # 2|x| + (1 - |sign(x)|) is x|x|'s derivative everywhere but at 0, where it is 1: only this check sees it
    p, d = _derived("x * abs(x)", {"x": []}, "x")
    x = E.var("x", d.result.shape)
    wrong = E.add(E.mul(E.num(2), E.func(Fn.ABS, x)), E.sub(E.num(1), E.func(Fn.ABS, E.func(Fn.SIGN, x))))
    v = verify(p, replace(d, result=wrong, numerator=wrong))
    assert v.numeric.passed and v.removed_kink.status is CheckStatus.FAILED


def test_no_point_on_the_place_is_not_applicable_never_passed():
    # planted: a place x^2 + 1 = 0 no real x reaches
    p, d = _derived("x * abs(x)", {"x": []}, "x")
    (kink,) = d.removed
    x = E.var("x", kink.at.shape)
    v = verify(p, replace(d, removed=(replace(kink, at=E.add(E.power(x, E.num(2)), E.num(1))),)))
    assert v.removed_kink.status is CheckStatus.NOT_APPLICABLE and "no point found" in v.removed_kink.detail


STILL = "x.T @ y - dot(x, y) is identically zero: no kink there, so no place to reach and no two sides to compare"


@pytest.mark.parametrize("expression, checked", [
    ("relu(x.T @ y - dot(x, y))**2 + sum(x)", False),
    ("relu(x.T @ y - dot(x, y))**2 + x[0] * abs(x[0])", True),     # and a place that is reached
])
def test_a_place_identically_zero_says_so_not_no_point_found(expression, checked):
    # the argument is 0 for every x (the engine does not simplify it away; checks.still finds it): no place to reach
    p, d = _derived(expression, {"x": ["n"], "y": ["n"]}, "x")
    v = verify(p, d)
    assert STILL in v.removed_kink.detail and "no point found" not in v.removed_kink.detail
    assert v.removed_kink.status is (CheckStatus.PASSED if checked else CheckStatus.NOT_APPLICABLE) and v.ok
    # planted: a wrong result still fails
    wrong = E.mul(E.num(2), d.result)
    assert not verify(p, replace(d, result=wrong, numerator=E.transpose(wrong))).ok


def test_a_kept_whole_array_kink_blocks_only_where_every_entry_is_near_it():
    """sum(|w|^2)^q keeps a corner at w = 0 (every entry at once) and removes |w|'s at w_i = 0: the kept one stood in
    the way of every point with one entry zero (not applicable); it is near only where the whole array is."""
    p, d = _derived("sum(abs(w)**2)**q", {"w": ["n"], "q": []}, "w")
    assert [k.whole for k in d.kinks] == [True] and d.removed
    v = verify(p, d)
    assert v.removed_kink.status is CheckStatus.PASSED, v.removed_kink
    # planted: a result wrong only where an entry of w is 0 (|sign(w)| is 1 elsewhere), which this check sees
    w = E.var("w", d.result.shape)
    wrong = E.mul(d.result, E.func(Fn.ABS, E.func(Fn.SIGN, w)))
    wrong = E.add(wrong, E.sub(E.num(1), E.func(Fn.ABS, E.func(Fn.SIGN, w))))
    planted = verify(p, replace(d, result=wrong, numerator=E.transpose(wrong)))
    assert planted.removed_kink.status is CheckStatus.FAILED, planted.removed_kink


def test_a_place_met_only_on_a_pole_is_not_applicable_never_failed():
    """Ridge GCV by c: ||r||^2 / s^2 with r = y - Q y and s = m - tr(Q). ||r||^2 is differentiable everywhere; its
    place r = 0 is reached only at c = 0 with m <= n, where s is 0 too (0/0, a removable singularity): there float
    arithmetic does not determine the function (s is m - tr(Q), rounding noise), and the one-sided quotients
    measured noise, not a kink (the check failed, saying 'not differentiable')."""
    gcv = "norm(y - X @ inv(X.T @ X + c * eye(n)) @ X.T @ y)**2 / (m - tr(X @ inv(X.T @ X + c * eye(n)) @ X.T))**2"
    p, d = _derived(gcv, {"y": ["m"], "X": ["m", "n"], "c": []}, "c")
    assert d.kinks == () and len(d.removed) == 1 and d.removed[0].whole
    v = verify(p, d)
    assert v.removed_kink.status is CheckStatus.NOT_APPLICABLE and "no point found" in v.removed_kink.detail, v.removed_kink
    assert v.ok
    # planted: a wrong result still fails
    wrong = E.mul(E.num(2), d.result)
    assert not verify(p, replace(d, result=wrong, numerator=wrong)).ok


def test_a_cancelled_kink_with_a_wrong_value_on_its_place_fails():
    # planted: elu + 1's result, right off x = 0, made 2 there (H(x) + H(-x) where it had 1): only this check sees it
    p, d = _derived("relu(x) + exp(-relu(-x))", {"x": []}, "x")
    assert d.kinks == () and [E.flat_text(k.at) for k in d.removed] == ["x"]
    assert verify(p, d).removed_kink.status is CheckStatus.PASSED
    x = E.var("x", d.result.shape)
    wrong = E.add(d.result, E.sub(E.num(1), E.func(Fn.ABS, E.func(Fn.SIGN, x))))
    v = verify(p, replace(d, result=wrong, numerator=wrong))
    assert v.numeric.passed and v.removed_kink.status is CheckStatus.FAILED, v.removed_kink
