"""Quotients over sums that SymPy's route keeps (native_kept.py): where kept_over_sums says the node is kept (no form),
SymPy's route keeps it too; a quotient rule's results over 1 + u^2 are among them."""

import pytest
from hypothesis import assume, event, given, strategies as st

from rewrite_support import native_answered, native_share, parse
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


@pytest.mark.parametrize("text", [
    "((dot(x, y)**2 + 1) * d * x - dot(x, y) * (tr(A) + d**2) * y) / (dot(x, y)**2 + 1)**2",   # (a + b u^2) / (1 + u^2)
    "2 * (((d**2 + 1) * c * x - d * (tr(A) + c**2) * y) / (d**2 + 1)**2) + y / (d**2 + 1)"])
def test_a_quotient_rules_result_over_a_square_is_kept_without_sympy(text):
    node = parse(text)
    assert kept_over_sums(node, scalars._weight) == () and scalars.by_sympy(node) is node


@pytest.mark.parametrize("text", [
    "(c**2 + 1) / (c**2 + 1)**2",            # the numerator is the sum below: cancel cancels it
    "(c + d) * (c - d) / (c**2 + 1)",        # the numerator factors: factor's form may be the node's size
    "c**2 / (norm(x)**2 + c)**3 * (x - y)",  # factor's form is as long as the node: SymPy's sort decides
    "exp(c) / (c**2 + 1)", "x / (c / d + 1)"])  # exp by sigmoids; a monomial below the line
def test_a_quotient_not_known_kept_is_sympys_route(text):
    with pytest.raises(NotMonomial):
        kept_over_sums(parse(text), scalars._weight)
