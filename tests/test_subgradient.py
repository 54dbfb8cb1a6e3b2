"""mcdocgen.checks.subgradient: the subgradient set a page states at a kink is verified at the kink."""

from dataclasses import replace

import pytest

from problem_factory import make_problem
from mcdocgen.checks.results import CheckName, CheckStatus
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.engine.kinks import replace_step
from mcdocgen.engine.simplify import simplify
from mcdocgen import language as E

GINI = "mean(abs(outer(x, ones(n)) - outer(ones(n), x))) / (2 * mean(x))"    # the Gini coefficient
KINKED = [
    ("relu(x)", {"x": []}, "x"),
    ("abs(x)", {"x": []}, "x"),
    ("relu(dot(w, x) + b)", {"w": ["n"], "x": ["n"], "b": []}, "w"),
    ("sum(relu(W @ x))", {"W": ["m", "n"], "x": ["n"]}, "W"),
    ("maximum(x, y)", {"x": ["n"], "y": ["n"]}, "x"),
    ("sum((y - relu(X @ w + b))**2) / N", {"X": ["N", "n"], "w": ["n"], "b": [], "y": ["N"]}, "w"),
    # entries on the kink together (both vanish at a = 0): each takes the end of its own side
    ("sum(abs([a, 2 * a]))", {"a": []}, "a"),
    ("norm1([a, -3 * a])", {"a": []}, "a"),
    ("sum(relu([a, 3 * a]))", {"a": []}, "a"),
    # kinks far from the points drawn, or crossed at a shallow slope: found by a sign change and bisection
    ("abs(exp(x) - 1000)", {"x": []}, "x"),
    ("relu(exp(x) - 1000)", {"x": []}, "x"),
    ("abs(sigmoid(x) - 0.999)", {"x": []}, "x"),
    # arguments identically zero on the diagonal (x_i - x_i): no kink there, nothing to cross nor vary
    (GINI, {"x": ["n"]}, "x"),
    ("sum(abs(X - X.T) * Y)", {"X": ["n", "n"], "Y": ["n", "n"]}, "X"),
    ("sum(maximum(X - X.T, 0) * Y)", {"X": ["n", "n"], "Y": ["n", "n"]}, "X"),
]


@pytest.mark.parametrize("expression, variables, wrt", KINKED, ids=[k[0] for k in KINKED])
def test_a_stated_set_passes_at_points_on_the_kink(expression, variables, wrt):
    p = make_problem(expression, variables, [wrt])
    d = derive(p, wrt)
    assert d.kinks[0].subgradient is not None
    v = verify(p, d)
    assert v.subgradient.status is CheckStatus.PASSED, v.subgradient.detail
    assert CheckName.SUBGRADIENT in v.checks()


@pytest.mark.parametrize("wrong", [
    lambda k: replace(k, low=k.high, high=k.low),                       # the sides swapped
    lambda k: replace(k, subgradient=E.mul(E.num(2), k.subgradient)),   # the set scaled
    lambda k: replace(k, high=2),                                       # an interval too wide
], ids=["sides swapped", "set scaled", "interval too wide"])
@pytest.mark.parametrize("expression, variables, wrt", [
    ("relu(dot(w, x) + b)", {"w": ["n"], "x": ["n"], "b": []}, "w"),
    ("sum(abs([a, 2 * a]))", {"a": []}, "a"),
    ("abs(exp(x) - 1000)", {"x": []}, "x"),             # a kink the secant method does not reach
    (GINI, {"x": ["n"]}, "x"),                          # a diagonal identically zero
], ids=["one entry", "entries together", "far kink", "still diagonal"])
def test_a_wrong_set_fails(wrong, expression, variables, wrt):
    p = make_problem(expression, variables, [wrt])
    d = derive(p, wrt)
    bad = replace(d, kinks=(wrong(d.kinks[0]),))
    v = verify(p, bad)
    assert v.subgradient.status is CheckStatus.FAILED
    assert "differs from the one-sided differences" in v.subgradient.detail    # found, not a point missed
    assert not v.ok


def test_no_kink_means_no_subgradient_row():
    p = make_problem("sum(exp(x))", {"x": ["n"]}, ["x"])
    v = verify(p, derive(p, "x"))
    assert v.subgradient is None and CheckName.SUBGRADIENT not in v.checks()


@pytest.mark.parametrize("expression, variables", [
    ("sign(x) + x**2", {"x": []}),                  # a jump: no subgradient (sign(x) x^2 is x|x|: no kink)
    ("relu(x) + relu(-x)", {"x": []}),              # two corners at one place: no single interval (= abs(x))
    ("norm(x)", {"x": ["n"]}),                      # no step function in x / norm(x) to replace
])
def test_a_kink_without_a_stated_set_is_not_applicable(expression, variables):
    p = make_problem(expression, variables, ["x"])
    d = derive(p, "x")
    assert d.kinks and all(k.subgradient is None for k in d.kinks)
    assert verify(p, d).subgradient.status is CheckStatus.NOT_APPLICABLE


@pytest.mark.parametrize("expression, variables", [
    ("abs(dot(x, x))", {"x": ["n"]}),               # the argument only touches zero, at x = 0
    ("relu(-(x**2))", {"x": []}),
])
def test_a_kink_no_line_crosses_is_not_applicable_not_failed(expression, variables):
    """A correct result never fails a check: where the kink's argument never changes sign there
    are no two sides to compare, which is not a failure of the stated set."""
    p = make_problem(expression, variables, ["x"])
    d = derive(p, "x")
    assert d.kinks and d.kinks[0].subgradient is not None
    v = verify(p, d)
    assert v.subgradient.status is CheckStatus.NOT_APPLICABLE, v.subgradient.detail
    assert "never changes sign" in v.subgradient.detail and v.ok


def test_a_kink_identically_zero_says_so_and_a_wrong_result_still_fails():
    # planted: the kink's argument written as w.x - w^T x, 0 for every w (checks.still): no kink, nothing to cross
    variables = {"w": ["n"], "x": ["n"], "b": []}
    p = make_problem("relu(dot(w, x) + b)", variables, ["w"])
    d = derive(p, "w")
    w, x = E.var("w", d.wrt_shape), E.var("x", d.wrt_shape)
    still = replace(d.kinks[0], at=E.sub(E.dot(w, x), E.matmul(E.transpose(w), x)))
    v = verify(p, replace(d, kinks=(still,)))
    assert v.subgradient.status is CheckStatus.NOT_APPLICABLE
    assert "dot(w, x) - w.T @ x is identically zero: no kink there" in v.subgradient.detail, v.subgradient.detail
    assert "never changes sign" not in v.subgradient.detail
    wrong = E.mul(E.num(2), d.result)
    assert not verify(p, replace(d, kinks=(still,), result=wrong, numerator=E.transpose(wrong))).ok


@pytest.mark.parametrize("expression, variables, steep, pid", [
    ("norm(y - X @ w)**2 + c * sum(abs(w)**q)", {"y": ["m"], "X": ["m", "n"], "w": ["n"], "c": [], "q": []},
     "is not declared", "test"),                        # bridge regression: the slopes depend on q
    ("sum(abs(w)**0.5)", {"w": ["n"]}, "between 0 and 1", "test"),
    ("sum(sqrt(relu(w)))", {"w": ["n"]}, "between 0 and 1", "test"),
    # `try`'s id: its points met 0 * inf in the planted set, a nan error that passed before
    ("sum(relu(w)**0.5)", {"w": ["n"]}, "between 0 and 1", "sum-relu-w-0-5"),
])
def test_a_corner_under_a_power_is_not_applicable_and_the_old_set_fails(expression, variables, steep, pid):
    """No set is stated under a power whose exponent is not shown 1 or above: the check says why; the set
    these were stated ([-1, 1], relu's [0, 1]: the step replaced as for a bare corner), planted, fails."""
    p = make_problem(expression, variables, ["w"], pid=pid)
    d = derive(p, "w")
    v = verify(p, d)
    assert v.ok and v.subgradient.status is CheckStatus.NOT_APPLICABLE and steep in v.subgradient.detail
    # planted by hand: with_subgradient states no set where the result has a pole at the kink (|w|^-0.5 here)
    old = tuple(replace(k, steep=None, slope="t", subgradient=replace_step(d.result, k.step, k.at,
                                                                           E.var("t", k.at.shape), simplify))
                for k in d.kinks)
    assert old[0].subgradient not in (None, d.result)
    planted = verify(p, replace(d, kinks=old))
    # relu(w)^0.5's [0, 1] gives 0 * inf on one side: a set not finite there fails, not a nan that passes
    assert planted.subgradient.status is CheckStatus.FAILED and not planted.ok
