"""Inert functions of sums of atoms as generators of the native routes (fn_sums.py): on random products and sums with
tanh(c - d), relu(c - |x|), heaviside(|x| - c), log(1 - c) ... among other factors, the native forms give SymPy's
route's answer (odd functions turned round, even ones too, the rest held as written); sums SymPy's factor_terms
rewrites (a content, a minus in every term of a held sum) or functions it evaluates otherwise (arccos) decline."""

import pytest
from hypothesis import example, given, settings, strategies as st

from rewrite_support import assert_native_gives_sympys_answer, native_share, parse, products_with, sums_with
from mcdocgen.engine.monomial import NotMonomial
from mcdocgen.engine import scalars
from mcdocgen.engine.native import native_forms

_FNS = ("tanh", "relu", "heaviside", "log", "sigmoid", "softplus", "cos", "cosh", "arctan", "arcsin", "tan", "arccos")
_SUMS = ("c - d", "d - c", "c - norm(x)", "norm(x) - c", "1 - c", "c + d", "c - d - 1", "d - c - tr(A)", "2 * c - d",
         "dot(x, y) - 3 * c", "c + d + 1", "-c - d - 1", "tr(A) - c + d")
_OTHERS = ("c", "d", "x", "tr(A)", "dot(x, y)", "exp(-c)", "tanh(d)", "log(c)", "sqrt(c)", "2", "-1", "1/2", "c**2",
           "sign(c - d)", "norm(x)")


def _fn_of_sum():
    return st.tuples(st.sampled_from(_FNS), st.sampled_from(_SUMS)).map(lambda t: f"{t[0]}({t[1]})")


def _products():
    """A function of a sum or two times a few other factors, some below the line, maybe a power of one."""
    return products_with(_fn_of_sum(), _OTHERS)


def _sums():
    """Sums of such products: a function of a sum beside other terms, its turned twin among them."""
    return sums_with(st.one_of(_fn_of_sum(), st.sampled_from(_OTHERS)), ("", " * c", " / d", " * tanh(d - c)"))


@native_share(0.5)
@settings(max_examples=500, derandomize=True)
@given(_products())
@example("relu(c - norm(x)) * d")
@example("heaviside(norm(x) - c) * x / norm(x)")
@example("tanh(d - c) * tanh(c - d) * cos(d - c) / cos(c - d)")
@example("log(1 - c) * relu(c - d) * relu(d - c) * sigmoid(c + d)")
@example("arctan(c - d - 1) * arctan(1 + d - c) * arcsin(d - c) / tan(c - d)")
def test_products_with_functions_of_sums_get_sympys_answer(text):
    assert_native_gives_sympys_answer(text, native_forms)


@native_share(0.2)
@settings(max_examples=300, derandomize=True)
@given(_sums())
@example("tanh(c - d) * x + tanh(d - c) * c")
@example("cos(c - d) - cos(d - c) + relu(c - d)")
def test_sums_with_functions_of_sums_get_sympys_answer(text):
    assert_native_gives_sympys_answer(text, native_forms)


@pytest.mark.parametrize("text", ["tanh(2 * c - 2 * d) * x", "relu(c / 2 - d) * x", "relu(-c - d) * x",
                                  "log(-c - 1) * x", "arccos(d - c) * x", "tanh(c * d - c) * x", "relu(c**2 - d) * x",
                                  "tanh(exp(c) - d) * x", "sinh(c - d) * x", "tanh(tanh(c) - d) * x"])
def test_functions_of_sums_sympy_rewrites_take_sympys_route(text):
    with pytest.raises(NotMonomial):
        native_forms(parse(text))


@native_share(0.5)
@settings(max_examples=300, derandomize=True)
@given(st.one_of(_products(), _sums()))
def test_every_native_route_with_functions_of_sums_gives_sympys_answer(text):
    # the routes after native_forms (logistic, nested sums, exps of compound arguments) read these by monomial.value too
    assert_native_gives_sympys_answer(text, scalars._native)
