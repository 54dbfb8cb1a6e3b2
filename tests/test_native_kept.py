"""Quotients over sums that SymPy's route keeps (native_kept.py): where kept_over_sums says the node is kept (no form),
SymPy's route keeps it too; a quotient rule's results over 1 + u^2 are among them, and quotients over sums of exps of
several atoms (a two-component mixture's responsibilities)."""

import pytest
from hypothesis import assume, event, given, strategies as st

from rewrite_support import assert_kept_is_sympys_answer, native_answered, native_share, parse
from mcdocgen.engine import scalars
from mcdocgen.engine.monomial import NotMonomial
from mcdocgen.engine.native_kept import kept_over_sums
from mcdocgen.errors import ExprError

_ATOMS = ("c", "d", "x", "tr(A)", "dot(x, y)", "tanh(d)", "y", "2", "norm(x)")
_SUMS = ("(dot(x, y)**2 + 1)", "(c + d)", "(c**2 + d**2)", "(x - y)", "(tr(A) + c**2)", "(1 - c**2)", "(c - 1)",
         "(norm(x)**2 + 1)", "(c * d + 1)", "(2 * c + 2)", "(d**2 + 1)")


def _quotients():
    """A sum of products of atoms and sums over a product of sums' powers (a quotient rule's result), now and then
    plus another such quotient over one of its sums, or divided again ((P / s + x) / s)."""
    product = st.tuples(st.sampled_from(("", "-", "2 * ", "-3 * ")), st.lists(st.sampled_from(_ATOMS + _SUMS), min_size=1,
                                                                              max_size=3)).map(lambda t: t[0] + " * ".join(t[1]))
    top = st.lists(product, min_size=1, max_size=3).map(" + ".join)
    below = st.lists(st.tuples(st.sampled_from(_SUMS), st.sampled_from(("", "**2", "**3"))).map("".join), min_size=1,
                     max_size=2).map(" * ".join)
    single = st.one_of(st.tuples(top, below).map(lambda t: f"({t[0]}) / ({t[1]})"), _quotient_rules())
    return st.one_of(single, st.tuples(single, st.sampled_from(_SUMS), top).map(lambda t: f"({t[0]} + {t[2]}) / {t[1]}"),
                     st.tuples(single, st.sampled_from(_ATOMS), below).map(lambda t: f"{t[0]} + {t[1]} / ({t[2]})"))


def _quotient_rules():
    """(s a' - a s') / s^2 with a and s sums or atoms, the quotient rule's result for a / s."""
    factor = st.sampled_from(_ATOMS + _SUMS)
    return st.tuples(st.sampled_from(_SUMS), factor, factor, factor).map(
        lambda t: f"({t[0]} * {t[1]} - {t[2]} * {t[3]}) / {t[0]}**2")


@native_share(0.1)
@given(_quotients())
def test_a_quotient_kept_without_sympy_is_kept_by_sympys_route(text):
    try:
        node = parse(text)
    except ExprError:
        assume(False)
    try:
        forms = kept_over_sums(node, scalars._weight)
    except NotMonomial:
        event("SymPy's route")
        native_answered(False)
        return
    assert forms == ()
    event("kept")
    native_answered(True)
    assert scalars.by_sympy(node) is node, text


# exps of atoms each under one argument up to its sign, Gaussians' with long atoms (the mixture's); now and then one
# that SymPy's polynomials relate to another (exp(d), exp(2 * d)) or of a product (powsimp's argument may collect)
_EXPS = ("exp(-dot(x - y, A @ (x - y)) / 2)", "exp(-dot(x + y, S @ (x + y)) / 2)", "exp(dot(x + y, S @ (x + y)) / 2)",
         "exp(-norm(x - y)**2)") * 6 + ("exp(-c)", "exp(c)", "exp(d)", "exp(2 * d)", "exp(c * d)", "exp(-d / 2)")
# sigmoids beside exps of several atoms: one more generator (SymPy's route writes no exp by sigmoids there)
_FACTORS = ("c", "dot(x, y)", "tr(A @ B)", "tr(A)", "tanh(d)", "(c + d)", "2", "norm(x)") * 2 + (
    "sigmoid(c)", "sigmoid(d)", "(1 - sigmoid(d))")


def _over_exps():
    """A product of factors and exps (a sum of two such) over a sum of two or three exps (now and then times an atom,
    or an atom alone), maybe squared or divided by an exp again."""
    exp = st.sampled_from(_EXPS)
    term = st.one_of(exp, exp, exp, st.tuples(st.sampled_from(_FACTORS), exp).map(" * ".join), st.sampled_from(_FACTORS))
    sign = st.sampled_from((" + ", " - "))
    below = st.tuples(term, st.lists(st.tuples(sign, term), min_size=1, max_size=2), st.sampled_from(("", "", "**2"))).map(
        lambda t: "(" + t[0] + "".join(s + u for s, u in t[1]) + ")" + t[2])
    factor = st.sampled_from(_FACTORS)
    product = st.tuples(st.sampled_from(("", "-", "0.5 * ")), st.lists(st.one_of(exp, factor, factor), min_size=1,
                                                                       max_size=3)).map(lambda t: t[0] + " * ".join(t[1]))
    top = st.lists(product, min_size=1, max_size=2).map(" + ".join)
    after = st.sampled_from(("", "", "", " / exp(c)", " / exp(-dot(x - y, A @ (x - y)) / 2)"))
    single = st.tuples(top, below, after).map(lambda t: f"({t[0]}) / {t[1]}{t[2]}")
    return st.one_of(single, st.tuples(single, single).map(" + ".join),
                     st.tuples(st.sampled_from(_EXPS), single).map(lambda t: f"{t[0]} * ({t[1]})"))


# a twentieth: most drawn quotients hold one atom's exps or a reducible sum, which the route declines by design (9 to 11
# of 100 answered at the fixed seed, moved by which texts the parser refuses)
@native_share(0.05)
@given(_over_exps())
def test_a_quotient_over_sums_of_exps_kept_without_sympy_is_kept_by_sympys_route(text):
    assert_kept_is_sympys_answer(text, lambda node, weight: kept_over_sums_says(node, weight))


def kept_over_sums_says(node, weight):
    try:
        return kept_over_sums(node, weight) == ()
    except NotMonomial:
        return False


@pytest.mark.parametrize("text", [
    "((dot(x, y)**2 + 1) * d * x - dot(x, y) * (tr(A) + d**2) * y) / (dot(x, y)**2 + 1)**2",   # (a + b u^2) / (1 + u^2)
    "2 * (((d**2 + 1) * c * x - d * (tr(A) + c**2) * y) / (d**2 + 1)**2) + y / (d**2 + 1)",
    # a two-component mixture's responsibility: exps of two atoms, no form by sigmoids
    "(A + A.T) @ (x - y) / (exp(-dot(x - y, A @ (x - y)) / 2) + exp(-dot(x + y, S @ (x + y)) / 2))",
    # a mixture with a sigmoid weight: the gradient of log(sigmoid(d) exp(-|x - y|^2 / 2) + (1 - sigmoid(d)) exp(...))
    "sigmoid(d) / (sigmoid(d) / exp(norm(x - y)**2 / 2) + (1 - sigmoid(d)) / exp(norm(x + y)**2 / 2))",
    "exp(-norm(x - y)**2 / 2) * (sigmoid(d) / (sigmoid(d) / exp(norm(x - y)**2 / 2) + (1 - sigmoid(d)) / "
    "exp(norm(x + y)**2 / 2))) * (x - y)"])
def test_a_quotient_over_sums_is_kept_without_sympy(text):
    node = parse(text)
    assert kept_over_sums(node, scalars._weight) == () and scalars.by_sympy(node) is node


@pytest.mark.parametrize("text", [
    "(c**2 + 1) / (c**2 + 1)**2",            # the numerator is the sum below: cancel cancels it
    "(c + d) * (c - d) / (c**2 + 1)",        # the numerator factors: factor's form may be the node's size
    "c**2 / (norm(x)**2 + c)**3 * (x - y)",  # factor's form is as long as the node: SymPy's sort decides
    "exp(c) / (c**2 + 1)", "x / (c / d + 1)",  # exp by sigmoids; a monomial below the line
    "tr(A) / (exp(-dot(x - y, A @ (x - y)) / 2) + 1)",   # exp of one atom: by sigmoids, a candidate of SymPy's route
    # kept by SymPy's route, but its reduced form u exp(a / 2) / (exp(a / 2) + exp(b / 2)) is shorter than the node
    # (cancel writes exp(b / 2)^2 as exp(b), a generator of its own, and reduces nothing): not known here
    "exp(-dot(x + y, S @ (x + y)) / 2) * (tr(A) / (exp(-dot(x - y, A @ (x - y)) / 2) + exp(-dot(x + y, S @ (x + y)) / 2)))"])
def test_a_quotient_not_known_kept_is_sympys_route(text):
    with pytest.raises(NotMonomial):
        kept_over_sums(parse(text), scalars._weight)
