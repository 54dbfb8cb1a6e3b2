"""mcdocgen.engine.kink_powers: a corner under a power, by the ranges of its exponent the declarations leave."""

import pytest

from mcdocgen.engine.kink_powers import power_cases
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
