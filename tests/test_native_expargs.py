"""Exps of compound arguments (native_expargs.py): on random products with one exp of a quotient (a number in front
too) or a sum of atoms, the native form gives SymPy's route's answer, and where the argument is one factor_terms would rewrite,
or its sign is SymPy's to decide, the native route declines."""

import pytest
from hypothesis import example, given, settings, strategies as st

from rewrite_support import assert_native_gives_sympys_answer, native_share, parse
from mcdocgen.engine.monomial import NotMonomial
from mcdocgen.engine.native_expargs import expargs_forms

_ATOMS = ("c", "d", "x", "y", "tr(A)", "dot(x, y)", "norm(x)", "sum(y)", "tanh(d)", "log(c)", "exp(d)", "sqrt(c)")
_FACTORS = (*_ATOMS[:9], *_ATOMS[:9], "2", "-1", "1/2", "c**2", "d**-1", "norm(x)**2", "sigmoid(c)", "exp(c)")


def _arguments():
    """Quotients and sums of atoms, some signs and numbers among them: the arguments of the exps."""
    atom = st.sampled_from(_ATOMS)
    term = st.tuples(st.sampled_from(("", "", "", "-", "2 * ", "-3 * ")), atom, st.sampled_from(("", " / c", " * d", "**2 / d")))
    quotient = st.tuples(st.sampled_from(("", "-", "-3 * ", "1/2 * ")), atom, st.sampled_from(("c", "d**2", "norm(x)", "2 * c"))).map(
        lambda t: f"{t[0]}({t[1]}) / ({t[2]})")
    return st.one_of(quotient, st.lists(term, min_size=2, max_size=3).map(
        lambda ts: " + ".join(f"{s}({a}){r}" for s, a, r in ts)), st.sampled_from(("1 + c", "c - exp(c)", "d - x", "x - d", "exp(d) - d", "tanh(d) - c", "dot(x, y) - exp(dot(x, y))", "c + log(d)")))


def _products():
    """One exp of a compound argument times a few factors, some below the line."""
    factors = st.lists(st.sampled_from(_FACTORS), max_size=3)
    return st.tuples(_arguments(), factors, factors, st.sampled_from((True, True, False))).map(
        lambda t: f"({' * '.join((f'exp({t[0]})' if t[3] else f'1 / exp({t[0]})', *t[1]))}) / ({' * '.join(t[2]) or '1'})")


@native_share(0.2)
@settings(max_examples=400)
@given(_products())
@example("norm(x)**2 / c**2 * exp(-(norm(x)**2 / c))")
@example("c**2 * exp(norm(x)**2 / c)")
@example("exp(c + d - x) * x / c")
@example("norm(x)**2 / (4 * c**4) * exp(-(norm(x)**2 / (2 * c**2)))")   # a Gaussian by its bandwidth
@example("c * exp(-3 * d / (2 * c))")
@example("exp(-2 * (d / c)) * x / c")
@example("exp(d / (3 * c)) * x")
@example("exp(-d / (2 * c))")   # alone: itself its one candidate (native_expargs._lone)
def test_products_with_an_exp_of_a_compound_argument_get_sympys_answer(text):
    assert_native_gives_sympys_answer(text, expargs_forms)


@pytest.mark.parametrize("text", ["exp(-c - d) * x", "exp(c + d / 2) * x", "exp(2 * c + 2 * d) * x", "exp(1 + c)",
                                  "exp(c * d + c) * x", "exp(c / d) * exp(d)", "exp(c / d)**2", "exp(c + d) + x"])
def test_arguments_sympy_rewrites_or_signs_it_decides_take_sympys_route(text):
    with pytest.raises(NotMonomial):
        expargs_forms(parse(text))


def _alone():
    """One exp of a sum alone, or its reciprocal: multiples (a fraction now and then, either sign) of atoms and their
    powers, now and then a number term or a product of two atoms (declined: exp(1 + u) = E exp(u))."""
    scale = st.sampled_from(("", "", "-", "2 * ", "-3 * ", "1/2 * ", "-1/2 * ", "3/2 * ", "-2/3 * ", "4 * "))
    atom = st.sampled_from(("c", "d", "tr(A)", "dot(x, y)", "sum(y)", "norm(x)**2", "c**2", "c * d", "1", "tanh(d)"))
    argument = st.lists(st.tuples(scale, atom), min_size=2, max_size=4).map(
        lambda ts: " + ".join(f"{s}{a}" for s, a in ts))
    return st.tuples(argument, st.booleans()).map(lambda t: f"exp({t[0]})" if t[1] else f"1 / exp({t[0]})")


@native_share(0.2)
@settings(max_examples=300)
@given(_alone())
@example("1 / exp(1/2 * sum(y) + 2 * c)")   # the kernel's exp(-|x - y|^2 exp(-2 g) / 2) by g
@example("exp(2 * c + 2 * d)")
@example("exp(-c - d)")
@example("1 / exp(c - d)")
@example("exp(-1/2 * c + 3/2 * d)")
def test_an_exp_of_a_sum_alone_gets_sympys_answer_as_its_split_product_would(text):
    assert_native_gives_sympys_answer(text, expargs_forms)


def _alone_quotients():
    """One exp alone (or its reciprocal) of a number times a quotient of powers of atoms: a kernel's exp(-u / (2 s))."""
    number = st.sampled_from(("", "-", "2 * ", "-3 * ", "1/2 * ", "-1/2 * ", "3/2 * ", "-(", "4 * "))
    top = st.sampled_from(("d", "norm(x)**2", "tr(A)", "tanh(d)", "sqrt(c)", "d * tr(A)", "log(c)", "dot(x, y)**3"))
    bottom = st.sampled_from(("c", "c**2", "2 * c", "norm(x)", "sqrt(c)", "d * c", "3 * c**2", "exp(c)"))
    quotient = st.tuples(number, top, bottom).map(lambda t: f"{t[0]}{t[1]} / ({t[2]})" + (")" if t[0] == "-(" else ""))
    return st.tuples(quotient, st.booleans()).map(lambda t: f"exp({t[0]})" if t[1] else f"1 / exp({t[0]})")


@native_share(0.3)
@settings(max_examples=300)
@given(_alone_quotients())
@example("exp(-(norm(x)**2 / (2 * c)))")
@example("1 / exp(d / (2 * c))")
@example("exp(3 * d / (2 * c))")
def test_an_exp_of_a_quotient_alone_is_its_own_one_candidate(text):
    assert_native_gives_sympys_answer(text, expargs_forms)
