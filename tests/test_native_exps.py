"""Exps of several arguments as generators of their own (native_exps.py): on random sums, products and quotients
with exps of two atoms or more, the native forms give SymPy's route's answer, and where powsimp would merge two
exps in a product the native route declines."""

import pytest
from hypothesis import example, given, strategies as st

from rewrite_support import assert_native_gives_sympys_answer, native_share, parse, scalar_expressions
from mcdocgen import language as E
from mcdocgen.engine import scalars
from mcdocgen.engine.monomial import NotMonomial
from mcdocgen.engine.native import native_forms

_EXPS = ("exp(d)", "exp(-tr(B))", "exp(dot(x, y))", "exp(-c)", "exp(tr(A))", "exp(-1/2 * norm(x)**2)", "exp(c * d)")
_ATOMS = ("c", "d", "x", "y", "tr(A)", "dot(x, y)", "A @ x", "sum(y)", "tanh(d)", "log(c)", "sigmoid(tr(A))", "sqrt(c)")


def _expressions():
    """Random scalar expressions over atoms and exps of several arguments."""
    return scalar_expressions(_EXPS + _EXPS + _ATOMS + ("1", "2", "-1", "1/2", "3"), (-2, -1, 2), max_leaves=7)


def _sums():
    """Sums of terms that each hold an exp (some of one more atom, some over an exp), a number term now and then:
    the gradients of sums of exps (softmax-like numerators, two Gaussians)."""
    factor = st.sampled_from((*_ATOMS[:8], "2", "-1", "-3"))
    # mostly exps above the line: one below beside another exp merges with it over the common denominator
    term = st.tuples(st.sampled_from(("exp(d)", "exp(dot(x, y))", "exp(tr(A))", "exp(c * d)", "exp(1/2 * norm(x)**2)", "exp(-c)")), st.lists(factor, max_size=2), st.sampled_from(("", "", "c", "exp(-c)")))
    return st.tuples(st.lists(term, min_size=2, max_size=4), st.sampled_from(("", " + 1", " - 2"))).map(
        lambda t: " + ".join(f"({' * '.join((e, *fs))}) / ({b or '1'})" for e, fs, b in t[0]) + t[1])


@native_share(0.2)
@given(_expressions())
@example("exp(d) * exp(tr(A))")
@example("exp(-c) + exp(d) * x")
def test_expressions_with_exps_of_several_arguments_get_sympys_answer(text):
    assert_native_gives_sympys_answer(text, native_forms)


@native_share(0.2)
@given(_sums())
def test_sums_of_exps_of_several_arguments_get_sympys_answer(text):
    assert_native_gives_sympys_answer(text, native_forms)


@pytest.mark.parametrize("text", ["exp(c) * exp(c * d)", "exp(c)**2 * exp(d)", "x / exp(d) + y / exp(c)",
                                  "exp(d) * x + exp(-c)", "exp(d) * (exp(c) + 1)"])
def test_exps_powsimp_would_merge_take_sympys_route(text):
    with pytest.raises(NotMonomial):
        native_forms(parse(text))


def _products():
    """Products and quotients of exps of several atoms (some below the line), atoms and numbers: powsimp merges the
    exps into one, exp(a0 + a1 ...)."""
    factor = st.sampled_from((*_EXPS, *_EXPS, "c", "d", "x", "tanh(d)", "sqrt(c)", "tr(A)**2", "2", "-3", "1/2"))
    return st.tuples(st.lists(factor, min_size=2, max_size=4), st.lists(factor, max_size=2)).map(
        lambda t: f"({' * '.join(t[0])}) / ({' * '.join(t[1]) or '1'})")


@native_share(0.3)
@given(_products())
def test_products_of_exps_of_several_arguments_merge_as_powsimp_merges_them(text):
    assert_native_gives_sympys_answer(text, native_forms)


@pytest.mark.parametrize(("text", "printed"), [
    ("2 * exp(c) * exp(d) * x", "2 * (x * exp(c + d))"),
    ("exp(c) * exp(-d)", "exp(c - d)"),
    ("exp(-c) / (exp(d) * tr(A))", "exp(-c - d) / tr(A)"),
    ("exp(2 * c) * exp(d)", "exp(2 * c + d)"),
])
def test_exps_of_a_product_merge_into_one(text, printed):
    node = parse(text)
    out = scalars._best_of(node, ((0, form) for form in native_forms(node)))
    assert E.to_text(out) == printed == E.to_text(scalars.by_sympy(node))


def _over_an_exp():
    """An exp below the line (or its negative above) times a sum whose terms hold exps of other atoms in some terms
    only: the gradient of a^T exp(x) exp(-b^T x). powsimp merges nothing in such a product's forms."""
    factor = st.sampled_from(("c", "x", "y", "tr(A)", "2", "-3", "dot(x, y)"))
    term = st.tuples(st.sampled_from(("", "", "exp(d) * ", "exp(tr(A)) * ", "exp(c * d) * ")), factor)
    return st.tuples(st.sampled_from(("exp(-tr(B)) * ", "1 / exp(c) * ", "x / exp(dot(x, y)) * ")),
                     st.lists(term, min_size=2, max_size=3)).map(
        lambda t: t[0] + "(" + " + ".join(f"{e}{f}" for e, f in t[1][:-1]) + f" - {t[1][-1][0]}{t[1][-1][1]})")


@native_share(0.3)
@given(_over_an_exp())
@example("exp(-tr(B)) * (exp(d) * x - dot(x, y) * y)")
@example("1 / exp(c) * (exp(d) * x - exp(tr(A)) * y)")
@example("exp(-tr(B)) * (exp(d) * x - exp(d) * y)")   # exp(d) common: factor_terms' M over D, powsimp merges
def test_a_sum_over_an_exp_with_exps_in_some_terms_gets_sympys_answer(text):
    assert_native_gives_sympys_answer(text, native_forms)


def _lone_exps():
    """Products and quotients of exps of several atoms alone, each argument an atom times a number of either sign
    (a fraction now and then): powsimp merges them into one exp whose argument factor_terms writes with its number
    taken out, exp(-(2 g + u / 2)), exp(2 (u + 2 v)) (native_exps._factored)."""
    scale = st.sampled_from(("1", "-1", "2", "-2", "3", "-4", "1/2", "-1/2", "3/2", "-2/3", "6"))
    atom = st.sampled_from(("c", "d", "tr(A)", "dot(x, y)", "sum(y)", "norm(x)**2", "tr(B)"))
    exp = st.tuples(scale, atom).map(lambda t: f"exp({t[0]} * {t[1]})")
    return st.tuples(st.lists(exp, min_size=1, max_size=3), st.lists(exp, max_size=2)).map(
        lambda t: f"({' * '.join(t[0])}) / ({' * '.join(t[1]) or '1'})")


@native_share(0.3)
@given(_lone_exps())
@example("exp(-1/2 * sum(y)) / exp(2 * c)")
@example("exp(-c) * exp(-d)")
@example("exp(2 * c) * exp(4 * d)")
@example("exp(1/2 * c) / exp(-1/2 * d)")
def test_lone_exps_of_several_arguments_merge_as_factor_terms_writes_them(text):
    assert_native_gives_sympys_answer(text, native_forms)
