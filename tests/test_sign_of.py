"""sign(.) as a generator of the native routes (sign_of.py): on random products and sums with signs of atoms, of
multiples and products of atoms and of sums of atoms among other factors, the native forms give SymPy's route's answer;
signs whose argument SymPy evaluates otherwise (sign(exp(u)) = 1, sign(u**2), a content factor_terms takes out) decline."""

import pytest
from hypothesis import example, given, settings, strategies as st

from rewrite_support import assert_native_gives_sympys_answer, native_share, parse, products_with, sums_with
from mcdocgen.engine.monomial import NotMonomial
from mcdocgen.engine import scalars
from mcdocgen.engine.native import native_forms

_SIGNS = ("sign(c)", "sign(d)", "sign(x)", "sign(tr(A))", "sign(-c)", "sign(2 * d)", "sign(x / 2)", "sign(-3 * c)",
          "sign(c * d)", "sign(-(c * x))", "sign(c / d)", "sign(x - y)", "sign(y - x)", "sign(c + d)", "sign(x - y - 1)",
          "sign(2 * c - 3 * d)", "sign(1 - c)", "sign(tr(A) - c)", "sign(c - d)", "sign(sum(x) - dot(x, y))")
_OTHERS = ("c", "d", "x", "y", "tr(A)", "dot(x, y)", "exp(-c)", "exp(d)", "exp(-y)", "tanh(d)", "log(c)", "sqrt(c)",
           "2", "-1", "1/2", "c**2", "d**-1", "sigmoid(c)", "norm(x)")


def _products():
    """A sign or two times a few other factors, some below the line, maybe a power of a sign."""
    return products_with(st.sampled_from(_SIGNS), _OTHERS)


def _sums():
    """Sums of such products: a sign beside other terms, a sign in a monomial times a sum."""
    return sums_with(st.sampled_from(_SIGNS + _OTHERS), ("", " * c", " / d", " * sign(x - y)"))


@native_share(0.5)
@settings(max_examples=500, derandomize=True)
@given(_products())
@example("exp(-c) * sign(d)")
@example("exp(-y) * sign(x - y)")
@example("-(sign(x - y) / exp(norm1(x - y)))")
@example("sign(c * d) * x / x**2")
@example("sign(x)**2 * c / c**3")
@example("sign(-c - d) * x")
@example("sign(y - x)")
@example("sign(c - d) * sign(x - y - 1) * sign(c + d) * sign(2 * c - 3 * d) / x")   # sums' signs in SymPy's order
@example("sign(1 - c) * sign(d - x) * sign(-x - y - 2) * exp(-c)")
def test_products_with_signs_get_sympys_answer(text):
    assert_native_gives_sympys_answer(text, native_forms)


@native_share(0.2)
@settings(max_examples=300, derandomize=True)
@given(_sums())
@example("lam * sign(w - u) + S @ w + S.T @ w - c * r")
def test_sums_with_signs_get_sympys_answer(text):
    assert_native_gives_sympys_answer(text, native_forms)


@pytest.mark.parametrize("text", ["sign(exp(c)) * d", "sign(c**2) * d", "sign(1 / c) * d", "sign(tanh(c)) * d",
                                  "sign(sign(c)) * d", "sign(2 * c - 2 * d) * x", "sign(c / 2 - d) * x",
                                  "sign(c * d + c * x) * y", "sign(c**2 - d) * x", "sign(abs(c)) * d", "abs(c) * sign(c)"])
def test_signs_sympy_evaluates_otherwise_take_sympys_route(text):
    with pytest.raises(NotMonomial):
        native_forms(parse(text))


@native_share(0.5)
@settings(max_examples=300, derandomize=True)
@given(st.one_of(_products(), _sums()))
def test_every_native_route_with_signs_gives_sympys_answer(text):
    # the routes after native_forms (logistic, nested sums, exps of compound arguments) read signs by monomial.value too
    assert_native_gives_sympys_answer(text, scalars._native)
