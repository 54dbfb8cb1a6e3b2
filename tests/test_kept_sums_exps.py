"""Sums over exps of several atoms that SymPy's route keeps (kept_sums_exps.py): where kept_exp_sum says the node is
kept, SymPy's route gives it back; a mixture's density with a sigmoid weight, s / exp(a) + (1 - s) / exp(b), is
among them."""

import pytest
from hypothesis import given, strategies as st

from rewrite_support import assert_kept_is_sympys_answer, native_share, parse
from mcdocgen.engine import scalars
from mcdocgen.engine.kept_sums_exps import kept_exp_sum

# exps of atoms each under one argument (a number in it now and then), one of a tr; now and then one of two that
# SymPy's polynomials relate (exp(c), exp(2 * c)), a Gaussian's and its square's (exp(|x - y|^2 / 2), exp(|x - y|^2))
_EXPS = ("exp(norm(x - y)**2 / 2)", "exp(norm(x + y)**2 / 2)", "exp(dot(x, y))", "exp(c)", "exp(d / 2)",
         "exp(norm(x - y)**2)", "exp(tr(A))", "exp(2 * c)")
# sigmoids (one more generator beside exps of several atoms), sums, numbers, a vector
_FACTORS = ("sigmoid(c)", "(1 - sigmoid(c))", "sigmoid(d)", "c", "d", "(c + d)", "tr(A)", "(1 - c)", "dot(x, y)", "2",
            "0.5", "(sigmoid(d) - 1)", "c**2", "(x - y)", "(d - c)")


def _sums():
    """Two or three terms, each a number or minus in front of a factor over (or times) an exp, now and then one more
    factor (times or over)."""
    factor = st.sampled_from(_FACTORS)
    term = st.tuples(st.sampled_from(("", "-", "2 * ", "0.5 * ")), factor, st.sampled_from((" / ", " / ", " * ")),
                     st.sampled_from(_EXPS), st.lists(st.tuples(st.sampled_from((" * ", " / ")), factor).map("".join),
                                                      max_size=1)).map(lambda t: "".join(t[:4]) + "".join(t[4]))
    sign = st.sampled_from((" + ", " - "))
    return st.tuples(term, st.lists(st.tuples(sign, term), min_size=1, max_size=2)).map(
        lambda t: t[0] + "".join(s + u for s, u in t[1]))


# a fiftieth: most drawn sums are longer than a candidate (a number in a term, a product of sums multiplied out)
@native_share(0.02)
@given(_sums())
def test_a_sum_over_exps_kept_without_sympy_is_kept_by_sympys_route(text):
    assert_kept_is_sympys_answer(text, kept_exp_sum)


@pytest.mark.parametrize("text", [
    "sigmoid(d) / exp(norm(x - y)**2 / 2) + (1 - sigmoid(d)) / exp(norm(x + y)**2 / 2)",   # the mixture's density
    "c / exp(dot(x, y)) + (1 - c) / exp(tr(A))"])
def test_a_mixtures_density_is_kept_without_sympy(text):
    node = parse(text)
    assert kept_exp_sum(node, scalars._weight) and scalars.by_sympy(node) is node


@pytest.mark.parametrize("text", [
    "exp(c) + exp(-c)",                                  # one atom's exps: written by sigmoids, a candidate
    "c / exp(tr(A)) - c / exp(dot(x, y))",               # kept, but c (exp(b) - exp(a)) is as short by least sizes
    "c * exp(tr(A)) + c * exp(2 * tr(A)) + exp(d)",      # exps of one atom related by SymPy's polynomials
    "sqrt(c) / exp(tr(A)) + d / exp(dot(x, y))"])        # a root beside them
def test_a_sum_not_known_kept_is_left_to_sympys_route(text):
    assert not kept_exp_sum(parse(text), scalars._weight)
