"""Products of sums over a monomial that SymPy's route keeps (native_kept.kept_product): where kept_product says the
node is kept, SymPy's route gives it back; -((y - X w)^2 / s^2) and u (1 - u) (v / u + 2 w) are among them."""

import pytest
from hypothesis import given, strategies as st

from rewrite_support import assert_kept_is_sympys_answer, native_share, parse
from mcdocgen.engine import scalars
from mcdocgen.engine.native_kept import kept, kept_product

_ATOMS = ("c", "d", "x", "tr(A)", "dot(x, y)", "tanh(d)", "norm(x)", "y")
# each way round, some led by a minus in SymPy's order of generators (c - x), some with generators whose order is not
# known here (tanh(d)), some over a monomial (x / c + d), some not irreducible (c**2 - d**2)
_SUMS = ("(c + d)", "(x - c)", "(c - x)", "(y - x)", "(1 - c)", "(c + -1)", "(norm(x)**2 + tr(A)**2)", "(tanh(d) - c)",
         "(c - tanh(d))", "(x / c + d)", "(2 * c + 2 * d)", "(dot(x, y) - d * c)", "(c**2 - d**2)", "(1 - c**2)",
         "(c * d + x)", "(x - y * c)")


def _products():
    """A number or minus sign in front, two to four factors (atoms, sums, sums squared), now and then over an atom
    or a power of one."""
    factor = st.one_of(st.sampled_from(_ATOMS), st.sampled_from(_SUMS),
                       st.tuples(st.sampled_from(_SUMS), st.sampled_from(("**2", "**3"))).map("".join))
    front = st.sampled_from(("", "-", "2 * ", "-3 * ", "0.5 * "))
    below = st.sampled_from(("", " / c", " / d**2", " / (c * tr(A))", " / x"))
    return st.tuples(front, st.lists(factor, min_size=2, max_size=4), below).map(
        lambda t: f"{t[0]}({' * '.join(t[1])}){t[2]}" if t[0] or t[2] else " * ".join(t[1]))


@native_share(0.15)
@given(_products())
def test_a_product_of_sums_kept_without_sympy_is_kept_by_sympys_route(text):
    assert_kept_is_sympys_answer(text, kept_product)


@pytest.mark.parametrize("text", [
    "-((y - x)**2 / c**2)",                               # a square over a monomial; factor gives it back
    "c * (1 - c) * (d / c + 2 * (x * y))",               # the monomial below cancels against the one in front
    "-((norm(x)**2 + tr(A)**2) * (x - c))",              # factor writes x - c led by x: the minus stays in front
    "(c + d) * (x - y * c)"])
def test_a_product_of_irreducible_sums_is_kept_without_sympy(text):
    node = parse(text)
    assert kept_product(node, scalars._weight) and kept(node, scalars._weight) and scalars.by_sympy(node) is node


@pytest.mark.parametrize("text", [
    "(c**2 - d**2) * (x - c)",         # c^2 - d^2 factors: factor's form is SymPy's to find
    "(c + d) * (c + d)",               # one sum twice: factor writes its square, shorter
    "-((c - x) * (c + d))",            # factor leads c - x by x (x before c): (c + d) (x - c), no minus, shorter
    "-((tanh(d) - c) * (c + d))",      # tanh(d)'s place in SymPy's order is not known here: turned round, shorter
    "(c + d) * x",                     # one sum: native.py's (SymPy's Mul of a monomial and a sum)
    "(c + d) * (x - c) / (c + 1)",     # a sum below a line: kept_over_sums'
    "exp(c) * (c + d) * (x - c)"])     # exp: written by sigmoids, a candidate of SymPy's route
def test_a_product_not_known_kept_is_sympys_route(text):
    assert not kept_product(parse(text), scalars._weight)
