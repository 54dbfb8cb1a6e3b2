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


@pytest.mark.parametrize(("text", "printed"), [
    ("-2 * (A.T @ (exp(x) * (y - x)) / c)", "2 * (A.T @ (exp(x) * (x - y)) / c)"),   # through o and a dividend
    ("-(exp(x) * (y - A @ x))", "exp(x) * (A @ x - y)"),
    ("-((x - y) @ (x - y).T / c)", None),     # the difference stands twice: not turned one of two ways
    ("-(A @ x)", None),                       # no difference to take the sign in
    ("2 * (A @ (y - x))", None),              # no leading sign
    ("-(A.T @ (y * (1 - exp(x))))", None),    # a complement 1 - s stays one
    ("-(A.T @ (y * (ones(n) - exp(x))))", None),
])
def test_a_results_leading_sign_is_taken_into_a_difference_factor(text, printed):
    from mcdocgen.engine.simplify.differences import sign_taken_in
    node = parse(text)
    out = sign_taken_in(node, simplify)
    assert (None if out is None else E.to_text(out)) == printed
    if out is not None:
        assert_same_value(node, out)


def test_a_derived_result_takes_its_sign_in_and_says_so():
    # d/dw sum((y - relu(A w))**2) (no catalog problem): -2 A^T (H o (y - relu(A w))) read 2 A^T (H o (relu(A w) - y))
    from problem_factory import make_problem
    from mcdocgen.checks.verify import verify
    from mcdocgen.engine.derive import derive
    problem = make_problem("sum((y - relu(A @ w))**2) / c", {"y": ["n"], "A": ["n", "n"], "w": ["n"], "c": []}, ["w"])
    d = derive(problem, "w")
    assert d.ok and not E.to_text(d.result).startswith("-") and "relu(A @ w) - y" in E.to_text(d.result), E.to_text(d.result)
    assert RewriteId.SIGN_INTO_DIFFERENCE in d.rewrites
    assert verify(problem, d).ok
