"""mcdocgen.engine.kinks: a corner is a kink only where the derived result is discontinuous, decided from the
result (its step replaced by a slope that must drop out on the corner), never by recognising the function."""

from __future__ import annotations

import pytest
from problem_factory import make_problem

from mcdocgen import language as E
from mcdocgen.checks.results import CheckStatus
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.engine.kink_continuity import continuous_across
from mcdocgen.engine.kinks import Kink, OnKink, Pole, Steep
from mcdocgen.engine.kink_powers import affine as kinks_affine
from mcdocgen.engine.simplify import simplify
from mcdocgen.language import Fn, KinkKind
from mcdocgen.language.shapes import SCALAR

HUBER = "sum((abs(x - t) - max(0, abs(x - t) - d))**2 / 2 + d * max(0, abs(x - t) - d))"


def _derived(expression, variables, wrt, assume=None):
    p = make_problem(expression, variables, [wrt], assume=assume)
    return p, derive(p, wrt)


@pytest.mark.parametrize("expression, variables, wrt, places", [
    ("abs(x)", {"x": []}, "x", ["x"]),
    ("norm1(x)", {"x": ["n"]}, "x", ["x"]),
    ("max(x, y)", {"x": [], "y": []}, "x", ["x - y"]),
    ("relu(x) + relu(x - 1)", {"x": []}, "x", ["x", "x - 1"]),
    ("sum(relu(W @ x))", {"W": ["m", "n"], "x": ["n"]}, "x", ["W @ x"]),
    # |x| (x - a): the slope s (x - a) at x = 0 is -a s, not one value: a true kink (a != 0)
    ("abs(x) * (x - a)", {"x": [], "a": []}, "x", ["x"]),
    ("sum(abs(x) * (x - a))", {"x": ["n"], "a": ["n"]}, "x", ["x"]),
    ("sum(abs(x)) * sum(x)", {"x": ["n"]}, "x", ["x"]),  # entry i jumps by 2 sum(x), not zero where x_i is
    ("sum(abs(A @ x))", {"A": ["m", "n"], "x": ["n"]}, "x", ["A @ x"]),
    ("abs(sin(x)) * x", {"x": []}, "x", ["sin(x)"]),      # smooth at 0, but at pi the slope jumps by 2 pi
    ("relu(x - a) * relu(x)", {"x": [], "a": []}, "x", ["x", "x - a"]),   # at x = 0 too where a < 0
    # without d > 0 the Huber loss is d|r| - d^2/2 where d < 0: its corner at r = 0 is a kink then
    (HUBER, {"x": ["N"], "t": [], "d": []}, "t", ["x - t"]),
    # a jump or a norm's corner at the same place as a smoothed corner is not in the result (code review):
    # kept whichever is written first
    ("x * abs(x) + sign(x)", {"x": []}, "x", ["x"]),
    ("heaviside(x) + x * abs(x)", {"x": []}, "x", ["x"]),
    ("sum(x * abs(x)) + norm(x)", {"x": ["n"]}, "x", ["x"]),
    ("norm(x) + sum(x * abs(x))", {"x": ["n"]}, "x", ["x"]),
    # X^T's entry (i, j) is X_ji: |X| * X^T is no zero where X_ij is (one-sided slopes 4 and 0 at X_12 = 0)
    ("sum(abs(X) * X.T)", {"X": ["n", "n"]}, "X", ["X"]),
    ("sum(relu(X) * X.T)", {"X": ["n", "n"]}, "X", ["X"]),
    # a jump the function keeps (its result, 2 x or 0, is continuous: the function is not)
    ("sign(x) + x**2", {"x": []}, "x", ["x"]),
    ("sum(heaviside(x - a) * y)", {"x": ["n"], "a": ["n"], "y": ["n"]}, "x", ["x - a"]),
    ("sign(x) * x**2 + heaviside(x)", {"x": []}, "x", ["x"]),
    # a norm's corner the result keeps: x (x - a)^T / ||x - a|| has no limit at x = a (a != 0)
    ("x * norm(x - a)", {"x": ["n"], "a": ["n"]}, "x", ["x - a"]),
    ("norm(x - a) * sum(x)", {"x": ["n"], "a": ["n"]}, "x", ["x - a"]),
    # nnPU: the result writes the step of a - c mean(v) as heaviside(a - mean(v) c), which == did not match, so
    # the step was neither replaced on the place nor seen to break there, and the kink was called removed
    ("c * mean(softplus(-X @ w)) + relu(mean(softplus(Z @ w)) - c * mean(softplus(X @ w)))",
     {"c": [], "X": ["m", "n"], "w": ["n"], "Z": ["p", "n"]}, "w", ["mean(softplus(Z @ w)) - c * mean(softplus(X @ w))"]),
    # two corners at one place whose jumps do not cancel: slopes 1 and 2 (relu(x) + 2 exp(-relu(-x))), 1 and -1
    ("relu(x) + 2 * exp(-relu(-x))", {"x": []}, "x", ["x"]),
    ("sum(relu(x) + exp(relu(-x)))", {"x": ["n"]}, "x", ["x"]),
])
def test_a_true_corner_keeps_its_kink(expression, variables, wrt, places):
    _, d = _derived(expression, variables, wrt)
    assert sorted(E.flat_text(k.at) for k in d.kinks) == sorted(places), expression


@pytest.mark.parametrize("expression, variables, wrt, assume", [
    ("x * abs(x)", {"x": []}, "x", None),                 # derivative 2|x|
    ("abs(x)**3", {"x": []}, "x", None),
    ("x / (1 + abs(x))", {"x": []}, "x", None),           # softsign: 1 / (1 + |x|)^2
    ("x * relu(x)", {"x": []}, "x", None),
    ("sum(x * abs(x))", {"x": ["n"]}, "x", None),         # a corner per entry, each smoothed
    ("abs(x - a) * (x - a)", {"x": [], "a": []}, "x", None),
    ("abs(x) * sin(x)", {"x": []}, "x", None),
    ("relu(x) - relu(-x)", {"x": []}, "x", None),         # x: heaviside(x) + heaviside(-x) is 1 on both sides
    ("abs(x) * relu(x)", {"x": []}, "x", None),           # (x H(x) + relu(x)) sign(x): a factor zero there
    ("relu(-x) * sin(x)", {"x": []}, "x", None),          # the corner written -x = 0
    ("sum((A @ x) * abs(A @ x))", {"A": ["m", "n"], "x": ["n"]}, "x", None),
    (HUBER, {"x": ["N"], "t": [], "d": []}, "t", {"d": ["positive"]}),   # C1: both corners smoothed
    (HUBER, {"x": ["N"], "t": [], "d": []}, "x", {"d": ["positive"]}),
    # a jump the function is continuous across, its result too: sign(u) u^2 is u|u|
    ("sign(x - a) * (x - a)**2", {"x": [], "a": []}, "x", None),
    ("sum(sign(W @ x) * (W @ x)**2)", {"W": ["m", "n"], "x": ["n"]}, "x", None),
    ("heaviside(x) * x**2 * y", {"x": [], "y": []}, "x", None),
    # a norm's corner the result tends to one value at: x ||x|| (its result ||x|| I + x x^T / ||x|| tends to 0)
    ("x * norm(x)", {"x": ["n"]}, "x", None),
    ("(x - a) * norm(x - a) + x", {"x": ["n"], "a": ["n"]}, "x", None),
    ("sum(x) * norm(x)", {"x": ["n"]}, "x", None),
    ("norm(x)**3 / (1 + norm(x)**2)", {"x": ["n"]}, "x", None),
    ("x * sqrt(norm(x))", {"x": ["n"]}, "x", None),       # x x^T / ||x||^1.5 is of order 1/2: to zero
    # elu + 1: two corners at x = 0 whose jumps cancel, the result's u + (1 - u) / exp(relu(-x)) is 1 on both sides
    ("relu(x) + exp(-relu(-x))", {"x": []}, "x", None),
    ("(relu(x) + exp(-relu(-x)) - 1) * sigmoid(x)", {"x": ["n"]}, "x", None),
    ("dot(v, relu(x) + exp(-relu(-x)))", {"v": ["n"], "x": ["n"]}, "x", None),
])
def test_a_corner_the_result_is_continuous_across_is_no_kink(expression, variables, wrt, assume):
    p, d = _derived(expression, variables, wrt, assume)
    assert d.ok and d.kinks == (), (expression, [E.flat_text(k.at) for k in d.kinks])
    v = verify(p, d)
    assert v.numeric.passed and v.subgradient is None, expression   # nothing stated, nothing to check


def test_a_removed_place_is_recorded_for_the_checks():
    for expression, variables in (("x * abs(x)", {"x": []}), ("relu(x)**2", {"x": []}), ("x * norm(x)", {"x": ["n"]}),
                                  ("sign(x) * x**2", {"x": []})):
        _, d = _derived(expression, variables, "x")
        assert [E.flat_text(k.at) for k in d.removed] == ["x"], expression
    _, d = _derived("sign(x) + x**2", {"x": []}, "x")
    assert d.removed == ()


def test_a_jump_the_function_is_continuous_across_is_a_corner():
    # sign(x) x is |x|: its result sign(x) jumps, but the function does not
    _, d = _derived("sign(x) * x * y", {"x": [], "y": []}, "x")
    (kink,) = d.kinks
    assert kink.kind is KinkKind.CORNER and E.flat_text(kink.at) == "x"


def test_a_kink_left_alone_gets_its_subgradient_set():
    # two corners: x|x|'s is smoothed, relu's at x = 1 stays and is now the only one, so it has a set
    p, d = _derived("x * abs(x) + relu(x - 1)", {"x": []}, "x")
    (kink,) = d.kinks
    assert E.flat_text(kink.at) == "x - 1" and kink.subgradient is not None
    assert verify(p, d).subgradient.passed


def test_the_decision_reads_the_result_not_the_function():
    x = E.var("x", SCALAR)
    kink = Kink(x, KinkKind.CORNER, -1, 1, step=Fn.SIGN)
    sign = E.func(Fn.SIGN, x)
    assert not continuous_across(kink, sign, simplify)                          # |x|'s derivative
    assert continuous_across(kink, E.mul(E.num(2), E.mul(x, sign)), simplify)   # x|x|'s
    assert not continuous_across(kink, E.add(E.mul(x, sign), sign), simplify)   # a term with the bare step
    # a step of the same place left after the replacement (written with -x): not shown, so the kink stays
    assert not continuous_across(kink, E.add(E.mul(x, sign), E.func(Fn.HEAVISIDE, E.neg(x))), simplify)
    # the place written with a product's factors in another order (c x where the kink is at x c): the same step
    c = E.var("c", SCALAR)
    kc, cx, xc = Kink(E.mul(x, c), KinkKind.CORNER, -1, 1, step=Fn.SIGN), E.mul(c, x), E.mul(x, c)
    assert not continuous_across(kc, E.mul(c, E.func(Fn.SIGN, cx)), simplify)
    assert continuous_across(kc, E.mul(E.num(2), E.mul(cx, E.func(Fn.SIGN, cx))), simplify)
    assert continuous_across(kc, E.mul(E.num(2), E.mul(xc, E.func(Fn.SIGN, cx))), simplify)
    # the side's parts of a sum cancel on the place: H(x) + H(-x) / exp(relu(-x)) is 1 there from both sides
    h, hm, decay = E.func(Fn.HEAVISIDE, x), E.func(Fn.HEAVISIDE, E.neg(x)), E.func(Fn.EXP, E.func(Fn.RELU, E.neg(x)))
    assert continuous_across(kink, E.add(h, E.div(hm, decay)), simplify)
    assert not continuous_across(kink, E.add(h, E.div(E.mul(E.num(2), hm), decay)), simplify)   # 1 and 2
    assert not continuous_across(kink, E.add(h, E.div(hm, E.func(Fn.EXP, E.add(x, E.num(1))))), simplify)  # 1, 1/e
    # a pole there: undecided
    assert not continuous_across(kink, E.div(E.mul(x, sign), x), simplify)
    # a jump only where the function is shown continuous there too: sign(x) x^2 is (its result 2 x sign(x)),
    # sign(x) + x^2 is not (its result 2x is continuous, the function is not); without the function, never
    jump, square = Kink(x, KinkKind.JUMP), E.power(x, E.num(2))
    assert not continuous_across(jump, E.mul(x, sign), simplify)
    assert continuous_across(jump, E.mul(E.num(2), E.mul(x, sign)), simplify, function=E.mul(sign, square))
    assert not continuous_across(jump, E.mul(E.num(2), x), simplify, function=E.add(sign, square))


def test_on_the_kink_structure_reads_zeros_and_signs():
    x, d = E.var("x", SCALAR), E.var("d", SCALAR)
    on = OnKink(Kink(x, KinkKind.CORNER, -1, 1, step=Fn.SIGN), simplify, frozenset({"d"}))
    below = E.sub(E.func(Fn.ABS, x), d)                   # |x| - d, negative at x = 0 as d > 0
    assert on.sign(below) == -1 and on.zero(E.func(Fn.HEAVISIDE, below)) and on.zero(E.maximum(E.num(0), below))
    assert on.zero(E.add(d, E.neg(d), x)) and not on.zero(E.add(d, x))
    unknown = OnKink(Kink(x, KinkKind.CORNER, -1, 1, step=Fn.SIGN), simplify)   # d not declared positive
    assert unknown.sign(below) is None and not unknown.zero(E.func(Fn.HEAVISIDE, below))


def test_an_undefined_place_records_what_the_zero_makes_undefined_and_the_factor_that_is_zero():
    for expression, pole, factor in (("log(abs(x) * y)", Pole.LOG, "abs(x) * y"), ("y / abs(x)", Pole.DENOMINATOR, "abs(x)"),
                                     ("y + abs(x)**(-1)", Pole.NEGATIVE_POWER, "abs(x)")):
        _, d = _derived(expression, {"x": [], "y": []}, "x")
        (kink,) = d.kinks
        assert kink.undefined and kink.pole is pole and E.flat_text(kink.factor) == factor, expression


BRIDGE = "norm(y - X @ w)**2 + c * sum(abs(w)**q)"      # bridge regression
BRIDGE_VARS = {"y": ["m"], "X": ["m", "n"], "w": ["n"], "c": [], "q": []}


@pytest.mark.parametrize("expression, variables, wrt, assume, steep, exponent, bare", [
    # |w|^q near w = 0: the corner's slopes times q |w|^(q-1), 0 for q > 1, 1 for q = 1, infinite for q < 1
    (BRIDGE, BRIDGE_VARS, "w", None, Steep.UNKNOWN, "q", True),
    ("sum(relu(w)**q)", {"w": ["n"], "q": []}, "w", None, Steep.UNKNOWN, "q", True),
    ("abs(x)**q", {"x": [], "q": []}, "x", {"q": ["positive"]}, Steep.UNKNOWN, "q", True),   # q > 0: 1 or not
    ("norm(w)**q", {"w": ["n"], "q": []}, "w", None, Steep.UNKNOWN, "q", True),
    ("sum(abs(w)**(q + 1))", {"w": ["n"], "q": []}, "w", None, Steep.UNKNOWN, "q + 1", True),
    # number exponents between 0 and 1: an infinite slope (|w|^0.5 was stated the l1 set, relu(w)^0.5 [0, 1])
    ("sum(abs(w)**0.5)", {"w": ["n"]}, "w", None, Steep.INFINITE, "0.5", True),
    ("sum(sqrt(abs(w)))", {"w": ["n"]}, "w", None, Steep.INFINITE, "0.5", True),
    ("sum(sqrt(relu(w)))", {"w": ["n"]}, "w", None, Steep.INFINITE, "0.5", True),
    # the cases by q's size are not the power's alone: |w| beside it keeps a corner for q > 1; x's zero factor
    # makes x |x|^q differentiable for every q > 0
    ("sum(abs(w)**q + abs(w))", {"w": ["n"], "q": []}, "w", None, Steep.UNKNOWN, "q", False),
    ("x * abs(x)**q", {"x": [], "q": []}, "x", None, Steep.UNKNOWN, "q", False),
    ("sum((abs(w) + abs(w)**3)**q)", {"w": ["n"], "q": []}, "w", None, Steep.UNKNOWN, "q", False),
    # a number exponent over more than the corner: its order there is not read ((|w| |w|)^0.5 would be |w|)
    ("sum(sqrt(abs(w) + w**2))", {"w": ["n"]}, "w", None, Steep.UNKNOWN, "0.5", False),
    # an argument that crosses zero slower than at a rate (review s45): sqrt(|w^3|) is |w|^1.5, differentiable; no
    # case is stated, and a power over an affine argument of wrt keeps them (X w - y, c x by x)
    ("sum(sqrt(abs(w**3)))", {"w": ["n"]}, "w", None, Steep.UNKNOWN, "0.5", False),
    ("sum(abs(X @ w - y)**0.5)", {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, "w", None, Steep.INFINITE, "0.5", True),
])
def test_a_corner_under_a_power_not_shown_one_or_above_states_no_set(expression, variables, wrt, assume, steep,
                                                                     exponent, bare):
    p, d = _derived(expression, variables, wrt, assume)
    (kink,) = d.kinks
    assert (kink.steep, E.flat_text(kink.exponent), kink.bare) == (steep, exponent, bare), expression
    assert kink.subgradient is None and not kink.undefined
    v = verify(p, d)
    assert v.ok and v.subgradient.status is CheckStatus.NOT_APPLICABLE, (expression, v.subgradient)


@pytest.mark.parametrize("expression, variables, wrt, kept", [
    # number exponents keep their answers: above 1 differentiable at 0 (slope 0), checked there; 1 the corner
    ("sum(abs(w)**3)", {"w": ["n"]}, "w", False),
    ("sum(abs(w)**1.5)", {"w": ["n"]}, "w", False),
    ("sum(relu(w)**2)", {"w": ["n"]}, "w", False),
    ("sum(relu(w)**1.5)", {"w": ["n"]}, "w", False),
    ("sum(abs(w)**1)", {"w": ["n"]}, "w", True),
])
def test_a_number_exponent_keeps_its_answer(expression, variables, wrt, kept):
    p, d = _derived(expression, variables, wrt)
    v = verify(p, d)
    if kept:
        (kink,) = d.kinks
        assert kink.steep is None and kink.subgradient is not None and v.subgradient.passed
    else:
        assert d.kinks == () and [E.flat_text(k.at) for k in d.removed] == ["w"] and v.removed_kink.passed, expression


@pytest.mark.parametrize("text, wrt, affine", [
    ("w", "w", True), ("X @ w - y", "w", True), ("c * x - dot(a, x) * b", "x", True), ("(x - y) / c", "x", True),
    ("sum(x) - x", "x", True), ("x * y", "x", True), ("X @ w - y", "X", True),
    ("w**3", "w", False), ("x * x", "x", False), ("c / x", "x", False), ("exp(x) - 1", "x", False),
])
def test_a_corner_argument_is_affine_in_the_variable_or_not(text, wrt, affine):
    variables = {"w": ["n"], "x": ["n"], "y": ["n"], "a": ["n"], "b": ["n"], "c": [], "X": ["n", "n"]}
    p = make_problem(text if text != "w" else "w + 0 * x", variables, [wrt])
    node = p.expression if text != "w" else E.var("w", p.variable("w").shape)
    assert kinks_affine(node, wrt) is affine, text


def test_an_exponent_declared_above_one_flattens_the_corner_and_below_zero_makes_a_pole():
    # q > 0 declared: |w|^(q + 1) is differentiable at w = 0 (its result's |w|^q is zero there), checked there
    p, d = _derived("sum(abs(w)**(q + 1))", {"w": ["n"], "q": []}, "w", {"q": ["positive"]})
    assert d.kinks == () and [E.flat_text(k.at) for k in d.removed] == ["w"] and verify(p, d).removed_kink.passed
    p, d = _derived("sum(relu(w)**(q + 2))", {"w": ["n"], "q": []}, "w", {"q": ["positive"]})
    assert d.kinks == () and verify(p, d).removed_kink.passed
    # |w|^-q with q > 0: undefined at w = 0, no kink (it was stated the l1 set)
    _, d = _derived("sum(abs(w)**(-q))", {"w": ["n"], "q": []}, "w", {"q": ["positive"]})
    (kink,) = d.kinks
    assert kink.undefined and kink.pole is Pole.NEGATIVE_POWER and E.flat_text(kink.factor) == "abs(w)"
    assert kink.subgradient is None


def test_on_the_kink_a_power_of_zero_is_zero_where_its_exponent_is_shown_positive():
    x, q = E.var("x", SCALAR), E.var("q", SCALAR)
    kink = Kink(x, KinkKind.CORNER, -1, 1, step=Fn.SIGN)
    power = E.power(E.func(Fn.ABS, x), q)
    assert OnKink(kink, simplify, frozenset({"q"})).zero(power) and not OnKink(kink, simplify).zero(power)
    assert OnKink(kink, simplify).sign(E.num(0)) == 0
    # x |x|^q's result |x|^q + q x sign(x) |x|^(q-1) is not shown continuous across x = 0 (q < 0 blows it up)
    _, d = _derived("x * abs(x)**q", {"x": [], "q": []}, "x")
    assert [E.flat_text(k.at) for k in d.kinks] == ["x"] and d.removed == ()


@pytest.mark.parametrize("expression", ["sum(sign(x - x) * x)", "sum(relu(x - x) * x)", "sum(abs(x - x)) + sum(x)"])
def test_an_argument_identically_zero_is_no_kink(expression):
    # sign(x - x) is sign(0) at every point: nothing jumps there (it said "The function jumps here"; review s45)
    p, d = _derived(expression, {"x": ["n"]}, "x")
    assert d.kinks == () and verify(p, d).ok


@pytest.mark.parametrize("expression, expected", [
    # sqrt(|x| relu(x)) is 0 for x < 0; its chain rule's (x H(x) + relu(x)) sign(x) / sqrt(|x| relu(x)) is 0 / 0
    ("sum(sqrt(abs(x) * relu(x)))", True),
    ("sum(sqrt(relu(x)))", True),          # H(x) / (2 sqrt(relu(x))): 0 / 0 on the flat side
    ("sum(relu(x))", False),               # H(x): 0 there, defined
    ("sum(log(relu(x) + 1))", False),
    ("sum(log(relu(x)))", False),          # the function itself is undefined there: the domain's to say
])
def test_a_result_undefined_on_relus_flat_side_is_marked(expression, expected):
    """Review s45 (item 7): sum(sqrt(abs(x) * relu(x)))'s components check failed on some ids and passed on others:
    the result is 0 / 0 wherever x < 0, where the function is 0; SymPy's own derivative is 0 / 0 there too, and
    every other check draws its points where the result is finite. The kink says so."""
    p = make_problem(expression, {"x": ["n"]}, ["x"])
    d = derive(p, "x")
    assert d.kinks and any(k.undefined_below for k in d.kinks) is expected
