"""checks.cases: a difference with abs, sign, heaviside, max and min tested for every choice of the signs."""

from __future__ import annotations

import numpy as np
import sympy
from hypothesis import given, settings, strategies as st

from mcdocgen.checks.cases import SIGNS_MAX, cases_test, split

x, y, z = sympy.symbols("x y z", real=True)


def _rng(seed: int = 0) -> np.random.Generator:
    return np.random.default_rng(seed)


def test_piecewise_functions_are_written_with_signs():
    form, signs = split(sympy.Abs(x - y) + sympy.sign(x - y) / x)
    assert len(signs) == 1 and form.expr.free_symbols == {x, y, *signs} and form.degree == 3   # ((x - y) s x + s) / x
    _, signs = split(sympy.sign(y - x) + sympy.sign(x - y))     # sign(-u) is -sign(u): one sign
    assert len(signs) == 1


def test_identities_of_the_signs_are_shown():
    u = x * y - z
    assert cases_test(sympy.Abs(u) - u * sympy.sign(u), _rng())
    assert cases_test(sympy.sign(u) ** 2 - 1, _rng())
    assert cases_test(sympy.Max(x, y) + sympy.Min(x, y) - x - y, _rng())
    assert cases_test(sympy.Max(x, y) - sympy.Min(x, y) - sympy.Abs(x - y), _rng())
    assert cases_test(2 * sympy.Heaviside(u) - 1 - sympy.sign(u), _rng())
    # the derivative of |u| / (|y| + |u|) by x, as SymPy's diff and as a quotient of signs give it
    f = sympy.Abs(u) / (sympy.Abs(y) + sympy.Abs(u))
    ours = y * sympy.sign(u) * sympy.Abs(y) / (sympy.Abs(y) + sympy.Abs(u)) ** 2
    assert cases_test(sympy.diff(f, x) - ours, _rng())


def test_a_wrong_sign_or_a_small_term_is_not_shown():
    u = x * y - z
    assert not cases_test(sympy.Abs(u) - u, _rng())                 # right for u > 0 only
    assert not cases_test(sympy.Max(x, y) - x, _rng())
    assert not cases_test(sympy.sign(u) * sympy.Abs(y) - u, _rng())
    f = sympy.Abs(u) / (sympy.Abs(y) + sympy.Abs(u))
    ours = y * sympy.sign(u) * sympy.Abs(y) / (sympy.Abs(y) + sympy.Abs(u)) ** 2
    assert not cases_test(sympy.diff(f, x) - ours - x / 10 ** 12, _rng())


def test_other_functions_are_new_variables_the_same_one_for_the_same_subexpression():
    assert cases_test(sympy.log(sympy.Abs(x)) * sympy.sign(x) ** 2 - sympy.log(sympy.Abs(x)), _rng())
    assert cases_test(sympy.sqrt(x * y) ** 3 * sympy.sqrt(z) - sympy.sqrt(z) * (x * y) ** sympy.Rational(3, 2), _rng())
    assert cases_test(sympy.exp(sympy.Abs(x)) * sympy.pi - sympy.pi * sympy.exp(sympy.Abs(x)), _rng())
    # relations the new variables forget are not shown (nor taken for a difference: the caller goes on)
    assert not cases_test(sympy.sin(x) ** 2 + sympy.cos(x) ** 2 - 1, _rng())
    assert not cases_test(sympy.log(x * y) - sympy.log(x) - sympy.log(y), _rng())
    assert not cases_test(sympy.sqrt(x * y) ** 3 - x * y * sympy.sqrt(x * y), _rng())     # T ** 3 and x y T


def test_more_signs_than_the_limit_are_left_to_the_other_routes():
    many = sum(sympy.Abs(x - k) for k in range(SIGNS_MAX + 1))
    assert split(many + y) is None
    assert not cases_test(many - sum(sympy.Abs(x - k) for k in range(SIGNS_MAX + 1)) + 1, _rng())


@settings(max_examples=30, deadline=None, derandomize=True)
@given(st.integers(-3, 3), st.integers(-3, 3), st.sampled_from([sympy.Abs, sympy.sign]))
def test_a_perturbed_identity_is_never_shown(a, b, f):
    # |u| = u sign(u) written with one factor replaced by a multiple plus a constant: shown only unperturbed
    u = x - 2 * y
    left = f(u) * (sympy.sign(u) if f is sympy.Abs else sympy.Abs(u))
    right = u * sympy.sign(u) ** 2 if f is sympy.Abs else u
    shown = cases_test(left - (1 + a) * right - b, _rng(a + 7 * b + 40))
    assert shown == ((a, b) == (0, 0))


def test_every_choice_is_tested():
    # zero unless x < 0 and y < 0: one choice of four tells
    assert not cases_test((1 - sympy.sign(x)) * (1 - sympy.sign(y)), _rng())
    assert cases_test((1 - sympy.sign(x)) * (1 - sympy.sign(y)) - 4 * sympy.Heaviside(-x) * sympy.Heaviside(-y), _rng())
