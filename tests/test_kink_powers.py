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
