"""Products whose factors fall into groups sharing no atoms (separable.py, scalars._by_groups): on random products of
such groups, with numbers and minus signs, the answer made group by group is SymPy's route's answer; where a group
changes, a minus might go into a sum (not 1 - g), or a kept group is not plain while its product rewritten is better, the route
declines."""

import pytest
from hypothesis import assume, event, example, given, settings, strategies as st

from rewrite_support import native_answered, native_share, parse
from mcdocgen.engine import scalars
from mcdocgen.engine.separable import split
from mcdocgen.errors import ExprError

# groups of factors over disjoint atoms: scalars c, d; vectors x, y (and x.T, an atom apart from x); traces and norms
_POOLS = (
    ("c", "d", "(c + d)", "(1 - c)", "(c - d)", "(c + -1)", "c**2", "(c**2 + 1)**1.5", "sqrt(c**2 + 1)", "exp(-c)",
     "(c - d)**2", "(c * d + c)", "tanh(d)", "(c**2 - d**2)", "(2 * c + 2 * d)", "exp(c) + exp(-d)",
     "sin(c)", "cos(d)", "abs(c)", "sigmoid(c)", "log(d)", "tanh(c)**2", "(abs(c) + 1 - c * sign(c))",
     "(1 - c**2)", "(1 - tanh(d)**2)"),
    ("x", "y", "(x - y)", "(y - x)", "(x + y)", "(x - y)**2", "exp(-x)", "(x + 1)", "x.T", "(x.T - y.T)", "(1 - x**2)"),
    ("tr(A)", "tr(B)", "(tr(A) + 1)", "(tr(A) - tr(B))", "(norm(x - y)**2 / tr(A) + 1)**1.5", "norm(x - y)",
     "(1 - norm(x - y)**2)", "dot(x, y)", "(dot(x, y) + tr(A))**-0.5",
     "sqrt(tr(A) + 1)", "exp(tr(A))", "exp(-tr(B))", "sinh(tr(A))", "(1 - tanh(tr(B))**2)"),
)
_FRONT = ("", "-", "2 * ", "-3 * ", "1/2 * ", "1 / n * ", "n * ")


def _group(pool):
    def grow(inner):
        return st.one_of(
            st.tuples(inner, inner).map("({0[0]}) * ({0[1]})".format),
            st.tuples(inner, inner).map("({0[0]}) / ({0[1]})".format),
            inner.map("-({})".format),
            st.tuples(inner, st.sampled_from(("2", "-1"))).map("({0[0]})**{0[1]}".format),
        )
    return st.recursive(st.sampled_from(pool), grow, max_leaves=3)


def _products():
    """Two or three groups from distinct pools, multiplied or divided, a number or a sign in front."""
    groups = st.lists(st.sampled_from(range(len(_POOLS))), min_size=2, max_size=3, unique=True).flatmap(
        lambda pools: st.tuples(*(_group(_POOLS[p]) for p in pools)))
    ops = st.lists(st.sampled_from((" * ", " / ")), min_size=2, max_size=2)
    return st.tuples(st.sampled_from(_FRONT), groups, ops).map(
        lambda t: t[0] + "(" + "".join(f"({g}){t[2][i] if i < len(t[1]) - 1 else ''}" for i, g in enumerate(t[1])) + ")")


def _check(text):
    try:
        node = parse(text)
    except ExprError:   # shapes that do not meet
        assume(False)
    if split(node) is None:
        event("one group")
        native_answered(False)
        return
    out = scalars._by_groups(node)
    if out is None:
        event("SymPy's route")
        native_answered(False)
        return
    event("by groups")
    native_answered(True)
    expected = scalars.by_sympy(node)
    assert out == expected, (text, out, expected)


@native_share(0.15)
@settings(max_examples=400)
@given(_products())
@example("((x - y)) / ((c * ((norm(x - y)**2 / c + 1)**1.5)))")
@example("1 / n * (tr(A) * (x.T - y.T))")
@example("2 * ((c - d) * (tr(A) + 1))")
@example("-2 * ((1 - tanh(d)**2) * (tanh(d) * (tr(A) / c)))")
@example("-((1 - c**2) * (tr(A) * x))")
def test_products_of_groups_get_sympys_answer(text):
    _check(text)


@pytest.mark.parametrize("text", [
    "-((c - 1) * tr(A))",                             # a minus and a sum: factor_terms writes tr(A) (1 - c)
    "-((c - d) / (x * tr(A)))",                       # (d - c) / (tr(A) x); only 1 - g and 1 - g**2 keep the minus
    "-((1 - 1 / c) * (x / tr(A)**2))",                # x (1 - c) / (tr(A)**2 c): 1 - g for g an atom only
    "exp(-c) / (c + 1) * x",                         # a group kept alone, not plain: the product is not (x / ((c + 1) exp(c)))
    "(c**2 - d**2) / (c - d) * x",                   # a group that changes
    "(c + d) * exp(-tr(B)) * (y - x)",               # two sums multiplied out by cancel: the product is kept
])
def test_what_is_not_known_here_is_declined(text):
    node = parse(text)
    assert split(node) is not None
    assert scalars._by_groups(node) is None


@pytest.mark.parametrize("text", [
    "x * (abs(c) + 1 - c * sign(c))",                # abs(u) = u sign(u) in the product, not in the sum alone: x
    "tr(A) * sin(c) / cos(c)",
    "x / (exp(c) + exp(d))",                         # exp in a sum: written by sigmoids in the product
    "exp(-c) / (exp(-c) + exp(-d)) * x",
])
def test_substituted_functions_are_not_split(text):
    assert split(parse(text)) is None


@pytest.mark.parametrize("text", ["c * (c + d)", "(c + d) / c", "exp(c) * exp(d)", "x * (x - y)", "c + d"])
def test_one_group_is_no_split(text):
    assert split(parse(text)) is None
