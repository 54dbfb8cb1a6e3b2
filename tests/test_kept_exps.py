"""Products of sums with exps of several atoms that SymPy's route keeps (kept_exps.py, through native_kept.kept_product):
where kept_product says the node is kept, SymPy's route gives it back; (exp(-|x - a|^2) + exp(-|x - b|^2))^2, the
mixture's normaliser squared, and p / exp(a) + q / exp(b) are among them."""

import pytest
from hypothesis import given, strategies as st

from rewrite_support import assert_kept_is_sympys_answer, native_share, parse
from mcdocgen.engine import scalars
from mcdocgen.engine.native_kept import kept, kept_product

# exps of atoms each under one argument up to its sign (exp(c), exp(-c)), Gaussians', one of a tr; now and then one of
# two (exp(d), exp(2 * d)) that SymPy's polynomials relate, or of a product (powsimp's argument may collect)
_EXPS = ("exp(-c)", "exp(c)", "exp(d)", "exp(-norm(x)**2)", "exp(-norm(y)**2 / 2)", "exp(tr(A))", "exp(-dot(x, y))",
         "exp(norm(x)**2)") * 3 + ("exp(2 * d)", "exp(c * d)")
_ATOMS = ("c", "d", "x", "y", "tr(A)", "tanh(d)", "sigmoid(c)", "norm(x)", "2", "-1")


def _sums():
    """Sums of two or three terms, each an exp (now and then over another, or times an atom), or an atom."""
    exp = st.sampled_from(_EXPS)
    term = st.one_of(exp, exp, st.sampled_from(_ATOMS), st.tuples(st.sampled_from(_ATOMS), exp).map(" * ".join),
                     st.tuples(st.sampled_from(_ATOMS), exp).map(" / ".join), st.tuples(exp, exp).map(" / ".join))
    sign = st.sampled_from((" + ", " - "))
    return st.tuples(term, st.lists(st.tuples(sign, term), min_size=1, max_size=2)).map(
        lambda t: "(" + t[0] + "".join(s + u for s, u in t[1]) + ")")


def _products():
    """A number or minus sign in front, a sum or a product of two (a sum squared), now and then an atom, an exp or an
    atom below the line."""
    factor = st.one_of(_sums(), _sums().map(lambda s: s + "**2"), st.sampled_from(("(x - y)", "(c + d)", "x", "exp(-c)")))
    front = st.sampled_from(("", "", "-", "2 * ", "0.5 * "))
    below = st.sampled_from(("", "", " / c", " / exp(d)", " / exp(-norm(x)**2)"))
    return st.tuples(front, _sums(), st.lists(factor, max_size=2), below).map(
        lambda t: f"{t[0]}({' * '.join((t[1], *t[2]))}){t[3]}")


@native_share(0.1)
@given(_products())
def test_a_product_of_sums_of_exps_kept_without_sympy_is_kept_by_sympys_route(text):
    assert_kept_is_sympys_answer(text, kept_product)


@pytest.mark.parametrize("text", [
    "(exp(-norm(x)**2) + exp(-norm(y)**2))**2",          # the mixture's normaliser squared
    "(exp(-norm(x)**2) + exp(-norm(y)**2)) * (x - y)",
    "-((exp(-c) + exp(-d)) * (x - y))",
    "c / exp(norm(x)**2) + d / exp(norm(y)**2)",         # the split form is the node itself
    "exp(-norm(x)**2) + exp(-norm(y)**2)",
    "(exp(c) + exp(d))**2"])
def test_a_product_of_sums_of_exps_is_kept_without_sympy(text):
    node = parse(text)
    assert kept_product(node, scalars._weight) and kept(node, scalars._weight) and scalars.by_sympy(node) is node


@pytest.mark.parametrize("text", [
    "c * exp(-tr(A)) + d * exp(-norm(x)**2)",   # the split form, c / exp(tr(A)) + ..., is shorter
    "exp(c) * exp(-d) + 1",                      # powsimp merges the exps of a product: exp(c - d) + 1
    "(exp(c) + 1)**2",                           # exp of one atom: written by sigmoids, a candidate of SymPy's route
    "(exp(d) + exp(2 * d)) * (x - y)",           # exp(2 d) is exp(d)^2 to SymPy's polynomials
    "(exp(c) + sigmoid(c * d) + exp(d)) * x"])   # a function of a product beside exps
def test_a_product_of_sums_of_exps_not_known_kept_is_sympys_route(text):
    node = parse(text)
    assert not kept_product(node, scalars._weight)
