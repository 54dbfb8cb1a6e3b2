"""The simplifier's last pass: signs and quotients written as printed, the value kept."""

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from language_support import N
from rewrite_support import assert_same_value, parse, scalar_expressions
from mcdocgen import language as E
from mcdocgen.engine.simplify import RewriteId, simplify
from mcdocgen.engine.simplify.finish import finish


@pytest.mark.parametrize("internal, printed, rule", [
    ("x + -2 * y", "x - 2 * y", RewriteId.SUBTRACT),
    ("-2 * y + x", "x - 2 * y", RewriteId.SUBTRACT),
    ("-y + x", "x - y", RewriteId.SUBTRACT),
    ("c + -1", "c - 1", RewriteId.SUBTRACT),
    ("c**(c + -1)", "c**(c - 1)", RewriteId.SUBTRACT),
    ("-1 * x", "-x", RewriteId.SUBTRACT),
    ("-(c + -d)", "d - c", RewriteId.TURN_DIFFERENCE),
    ("-2 * (c + -d)", "2 * (d - c)", RewriteId.TURN_DIFFERENCE),
    ("0.5 * (1 / sqrt(c))", "0.5 / sqrt(c)", RewriteId.QUOTIENT),
    ("0.25 * exp(x)", "0.25 * exp(x)", None),
    ("ones(n) + -y", "1 - y", RewriteId.ONES_AS_ONE),
    ("x + -2 * c * y", "x - 2 * c * y", RewriteId.SUBTRACT),      # the number inside a scalar product
    ("x + -c * y", "x - c * y", RewriteId.SUBTRACT),
])
def test_internal_forms_are_written_as_printed(internal, printed, rule):
    node = parse(internal)
    applied = {}
    out = finish(node, applied)
    assert E.to_text(out) == printed
    assert rule in applied if rule else not applied
    assert_same_value(node, out)


def third(text):
    """A rational coefficient as the loop keeps it: one number node (the parser reads 1/3 as a quotient)."""
    top, _, rest = text.partition(" * ")
    return E.mul(E.num(sympy.Rational(top)), parse(rest))


@pytest.mark.parametrize("node, printed", [
    (third("1/3 * exp(x)"), "exp(x) / 3"),
    (third("2/3 * x"), "2 * x / 3"),
    (third("-1/3 * x"), "-x / 3"),
    (E.add(parse("y"), third("-1/3 * x")), "y - x / 3"),
])
def test_a_fraction_that_is_no_decimal_is_a_quotient(node, printed):
    out = finish(node)
    assert E.to_text(out) == printed
    assert_same_value(node, out)


@pytest.mark.parametrize("text", ["-c - d", "-(c + d)", "x - y", "2 * x", "-2 * x", "0.5 * x", "ones(n) + c"])
def test_forms_already_printed_are_kept(text):
    node = parse(text)
    assert finish(node) == node


def test_a_negated_difference_is_turned_round_when_not_longer():
    node = E.neg(E.add(parse("c"), parse("d"), parse("-exp(c)")))   # a flat sum, as the loop leaves it
    assert E.to_text(finish(node)) == "exp(c) - c - d"


@pytest.mark.parametrize("text", ["c - 2 * d", "x - y / (1 + c)", "(c - 1)**2 * d", "-(c - d) * x"])
def test_simplifying_a_finished_result_again_gives_it_back(text):
    once = simplify(parse(text))
    assert simplify(once) == once
    assert_same_value(parse(text), once)


def test_a_row_of_ones_beside_a_row_is_one():
    node = parse("ones(n).T - y.T")
    out = simplify(node)
    assert E.to_text(out) == "1 - y.T"
    assert_same_value(node, out)


@pytest.mark.parametrize("text, printed", [
    ("c**(2 - 1)", "c"),
    ("3 * c**(3 - 1)", "3 * c**2"),
    ("c * c**(c - 1)", "c**c"),
    ("c**(c + -1)", "c**(c - 1)"),
    ("x * x", "x**2"),
    ("-(1 - sigmoid(c))", "sigmoid(c) - 1"),
    ("1 / (1 + exp(-x))", "sigmoid(x)"),
    ("exp(-x) / (1 + exp(-x))**2", "sigmoid(x) * (1 - sigmoid(x))"),
    ("sum(-1 * y)", "-sum(y)"),
    ("-2 * (A - B)", "2 * (B - A)"),
])
def test_the_forms_issue_13_names_read_as_printed(text, printed):
    node = parse(text)
    out = simplify(node)
    assert E.to_text(out) == printed
    assert_same_value(node, out)


def by_size(c, text):
    """A coefficient that is a constant of the sizes, as the loop keeps it: one number node (-1/n)."""
    return E.mul(E.num(c), parse(text))


@pytest.mark.parametrize("node, printed", [
    (E.add(parse("A"), by_size(-1 / N, "ones(n) @ x.T")), "A - ones(n) @ x.T / n"),
    (E.add(parse("A"), by_size(-2 / N, "B")), "A - 2 * B / n"),
    (by_size(-1 / N, "A"), "-A / n"),
    (by_size(1 / N, "x"), "x / n"),
])
def test_a_negative_constant_of_the_sizes_is_subtracted_and_its_denominator_divides(node, printed):
    applied = {}
    out = finish(node, applied)
    assert E.to_text(out) == printed
    assert RewriteId.QUOTIENT in applied
    assert_same_value(node, out)
    assert E.to_text(simplify(out)) == printed   # read back by the loop and finished again, the same form


def _one_walk(node):
    """finish as one walk of its own (no memo shared with other trees): the tree and the identities in order."""
    from mcdocgen.engine.simplify.finish import _Finisher
    from mcdocgen.engine.simplify.common import bottom_up
    from mcdocgen.engine.simplify.differences import one_way_abs
    applied = {}
    node, turned = one_way_abs(node)
    if turned:
        applied.setdefault(RewriteId.ABS_ONE_WAY)
    return bottom_up(node, _Finisher(applied).local, {}), tuple(applied)


_INTERNAL = ("c", "d", "-2 * c", "c + -1", "-1 * d", "0.5 * (1 / sqrt(c))", "1/3 * d", "-(c + -d)", "-c", "abs(c - d)",
             "abs(d - c)", "2")
_ARRAYS = ("x", "y", "-2 * y", "ones(n)", "-y", "c * x", "-c * y", "-1 * x", "(-2 * c) * x", "abs(x - y)", "abs(y - x)")


@settings(max_examples=250, derandomize=True, deadline=None)
@given(st.lists(st.one_of(scalar_expressions(_INTERNAL, (2, 3), 6),
                          st.lists(st.sampled_from(_ARRAYS), min_size=1, max_size=4).map(" + ".join)),
                min_size=2, max_size=4))
def test_finish_memoised_across_trees_gives_each_tree_s_own_walk(texts):
    """``finish`` memoises each subtree's form and identities across the trees it is given (a derivation's share
    most subtrees): each tree, finished after the others, is what a walk of its own gives, with its identities in
    the same order (a derivation's rewrites are printed in order of first use)."""
    from sympy.core.cache import clear_cache

    from mcdocgen.errors import ExprError
    trees = []
    for text in texts:
        try:
            trees.append(parse(text))
        except ExprError:   # a division by zero
            continue
    assume(trees)
    trees.append(E.add(*trees) if all(t.shape == trees[0].shape for t in trees) else trees[0])   # shares them all
    clear_cache()
    for node in trees:
        applied = {}
        out = finish(node, applied)
        expected, ids = _one_walk(node)
        assert out == expected and repr(out) == repr(expected), E.to_text(node)
        assert tuple(applied) == ids, E.to_text(node)
