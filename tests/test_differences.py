"""Like terms that differ only in the direction of their differences are one term."""

import pytest

from rewrite_support import assert_same_value, parse
from mcdocgen import language as E
from mcdocgen.engine.simplify import SYMPY_BUDGET, Budget, RewriteId, simplify
from mcdocgen.engine.simplify.differences import add, one_way_abs


@pytest.mark.parametrize("text, printed", [
    ("A @ (x - y) @ (y - x).T @ B + A @ (y - x) @ (x - y).T @ B", "-2 * (A @ ((x - y) @ ((x.T - y.T) @ B)))"),
    ("c * (x - y) + d * (y - x)", "(c - d) * (x - y)"),
])
def test_terms_equal_once_their_differences_are_turned_round_meet(text, printed):
    node = parse(text)
    out = simplify(node)
    assert E.to_text(out) == printed
    assert_same_value(node, out)


def test_a_term_is_turned_only_when_another_term_then_matches_it():
    assert add(parse("A @ (x - y) + B @ (y - x)")) is None
    node = E.add(parse("S @ (x - y) @ (x.T - y.T) @ S"), parse("S @ (y - x) @ (y.T - x.T) @ S"), parse("A"))   # flat
    found = add(node)
    assert found is not None and found[0] is RewriteId.DIFFERENCE_SIGN
    assert_same_value(node, found[1])
    out = simplify(node)
    assert_same_value(node, out)
    assert E.to_text(out).count("@ S") == 1   # the two terms are one


def test_a_sum_and_its_transpose_halved_read_as_one_term():
    node = parse("0.5 * (2 * B + A @ ((x - y) @ ((y.T - x.T) @ A.T)) + A @ ((y - x) @ ((x - y).T @ A.T)))")
    out = simplify(node)
    assert E.to_text(out) == "B - A @ ((x - y) @ ((x.T - y.T) @ A.T))"
    assert_same_value(node, out)


def test_abs_of_a_difference_is_written_one_way_round_in_a_result():
    # SymPy's round trip writes |x - y| as |y - x| where it cancels; the result keeps the way met first (2 c, not
    # Huber's c: the factor of the step would then vanish where the step is on, and the term with it)
    node = parse("sign(y - x) * (abs(y - x) + heaviside(abs(y - x) - c) * (2 * c - (abs(y - x) - maximum(0, abs(y - x) - c))))")
    budget = Budget(SYMPY_BUDGET)
    out = simplify(node, budget)
    args = {E.to_text(n.arg) for n in E.walk(out) if isinstance(n, E.Func) and n.fn is E.Fn.ABS}
    assert args == {"y - x"}, E.to_text(out)
    assert RewriteId.ABS_ONE_WAY in budget.rewrites      # the round trip had turned one of them
    assert_same_value(node, out)
    assert one_way_abs(parse("abs(x - y) * abs(y - x)"))[1]
    assert not one_way_abs(parse("abs(x - y) * abs(x + y)"))[1]     # not a difference and its negation
