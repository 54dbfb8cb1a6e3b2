"""mcdocgen.engine.kink_powers: a corner under a power, by the ranges of its exponent the declarations leave."""

import pytest

from mcdocgen.engine.kink_powers import power_cases
from mcdocgen import language as E
from mcdocgen.engine.kinks import PowerCase as C


@pytest.mark.parametrize("sign, above_one, nonzero, expected", [
    (None, None, False, (C.ABOVE_ONE, C.ONE, C.BETWEEN, C.ZERO, C.NEGATIVE)),   # q: every range, q = 0 too
    (1, None, False, (C.ABOVE_ONE, C.ONE, C.BETWEEN)),                          # q positive
    (None, None, True, (C.ABOVE_ONE, C.ONE, C.BETWEEN, C.NEGATIVE)),            # q nonzero
    (1, -1, False, (C.BETWEEN,)),                                               # 0.5
    (None, -1, False, (C.BETWEEN, C.ZERO, C.NEGATIVE)),                         # 1 - q, q positive
])
def test_the_cases_are_those_the_signs_known_leave(sign, above_one, nonzero, expected):
    assert power_cases(sign, above_one, nonzero) == expected


def _derived(expression, variables, assume=None):
    from problem_factory import make_problem
    from mcdocgen.engine.derive import derive
    p = make_problem(expression, variables, ["w"], assume=assume)
    return derive(p, "w")


@pytest.mark.parametrize("expression, steep, cases", [
    ("sqrt(sum(abs(w)**2))", None, ()),                     # ||w||: a norm's corner
    ("sqrt(dot(w, w))", None, ()),
    ("sum(w**2)**0.25", "infinite", (C.BETWEEN,)),          # ||w||^0.5
    ("(norm(w)**2)**q", "unknown", (C.ABOVE_ONE, C.ONE, C.BETWEEN)),   # ||w||^(2 q), q positive
])
def test_a_power_over_a_squared_norm_is_a_corner_where_every_entry_is_zero(expression, steep, cases):
    """Review s45: a power over a norm's whole-array zero was not analysed: sum(|w|^2)^q said nothing at w = 0."""
    d = _derived(expression, {"w": ["n"], "q": []}, {"q": ["positive"]})
    (kink,) = d.kinks
    assert kink.whole and kink.at == E.var("w", kink.at.shape) and kink.steep == steep and kink.cases == cases
    assert kink.subgradient is None


def test_a_power_over_a_squared_norm_shown_above_one_half_is_smooth():
    for text in ("dot(w, w)**2", "sum(w**2)**0.75", "sum(abs(w)**2)"):
        assert _derived(text, {"w": ["n"]}).kinks == ()


def _derived_by(expression, variables, wrt, assume=None):
    from problem_factory import make_problem
    from mcdocgen.engine.derive import derive
    return derive(make_problem(expression, variables, [wrt], assume=assume), wrt)


def test_no_squared_norm_kink_by_a_variable_its_place_does_not_hold():
    """Review s46 P1: exp(-||x - y|| / l) by l is smooth; the kink at x = y was stated by l too."""
    variables = {"x": ["n"], "y": ["n"], "l": [], "q": [], "w": ["n"]}
    assert _derived_by("exp(-sqrt(sum((x - y)**2)) / l)", variables, "l", {"l": ["positive"]}).kinks == ()
    assert _derived_by("sum(w**2)**q", variables, "q").kinks == ()
    (kink,) = _derived_by("l * sqrt(sum((x - y)**2))", variables, "x", {"l": ["positive"]}).kinks
    assert kink.whole
    # under a function the corner is not worked out and not said (cos(||w||) is smooth)
    assert _derived_by("cos(sqrt(sum(w**2)))", variables, "w").kinks == ()


@pytest.mark.parametrize("expression", [
    "sqrt(sum(w**2)) * sum(w**2)",          # ||w||^3: differentiable, no corner
    "sum(w**2)**0.25 * sum(w**2)",          # ||w||^2.5: its slope is 0 there, not infinite
])
def test_a_squared_norm_s_power_beside_a_factor_zero_there_is_no_stated_corner_nor_steep(expression):
    """Review s46 P1: a factor holding the place's variables may flatten the power (the zero test does not see a
    squared norm's zero): never a plain corner nor an infinite slope there."""
    kinks = _derived(expression, {"w": ["n"]}).kinks
    assert all(k.steep != "infinite" and not (k.steep is None and k.whole) for k in kinks)


def test_copies_of_a_corner_summed_above_one_are_not_a_plain_corner():
    """Review s46 P1: sqrt(|x| |x| |x|) is |x|^1.5, differentiable at 0 (its result is 0 / 0 there): no plain kink
    with the corner's set; |x| |x| under a root is |x| and keeps it."""
    (kink,) = _derived("sum(sqrt(abs(w) * abs(w) * abs(w)))", {"w": ["n"]}).kinks
    assert kink.steep == "unknown" and kink.subgradient is None and not kink.bare
    (corner,) = _derived("sum(sqrt(abs(w) * abs(w)))", {"w": ["n"]}).kinks
    assert corner.steep is None and corner.subgradient is not None
