"""The printed form of a result (engine/simplify/compact.py): the shortest equivalent form, proven by numbers."""

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matrix_identities import NODES, parse, same_value

from mcdocgen import language as E
from mcdocgen.engine.simplify import SYMPY_BUDGET, Budget, RewriteId, printed, printed_forms, printed_numerator, simplify, spread
from mcdocgen.engine.simplify.compact import compact
from mcdocgen.engine.simplify.ranking import size_key


@pytest.mark.parametrize(("before", "after"), [
    ("X.T - A.T", "(X - A).T"),                                  # transposes collected
    ("A.T @ x + y", "A.T @ x + y"),                              # nothing shorter: kept
    ("A.T @ x + A @ x + y", "(A + A.T) @ x + y"),                # a factor shared by two of three terms
    ("A @ x + A @ y + B @ x", "A @ (x + y) + B @ x"),
    ("A.T @ B.T @ X.T @ A.T @ B.T", "A.T @ (B.T @ (X.T @ (A.T @ B.T)))"),   # each mark on one letter: distributed
    ("exp(A).T @ exp(B).T @ X.T @ A.T", "(A @ X @ exp(B) @ exp(A)).T"),   # A^T B^T = (B A)^T, where marks on
    ("(A + X).T @ (B + X).T @ A.T @ B.T", "(B @ A @ (B + X) @ (A + X)).T"),   # compounds make distributed long
    ("-(inv(X) @ b @ a.T @ inv(X)).T", "-(inv(X).T @ (a @ (b.T @ inv(X).T)))"),   # but a textbook distributes
    ("-(inv(X).T @ (A.T @ (B.T @ inv(X).T)))", "-(inv(X).T @ (A.T @ (B.T @ inv(X).T)))"),   # even two marks
    ("3 * (X.T @ X.T)", "3 * (X @ X).T"),                        # a power's transpose stays: 3 (X^2)^T
    ("A.T @ X.T @ X.T", "(X @ X @ A).T"),                        # so does a product's with a power in it
    ("(B @ inv(X) @ inv(X) @ A).T", "A.T @ (inv(X).T @ (inv(X).T @ B.T))"),   # but X^-T costs no mark
    ("(A @ X.T @ X.T).T", "X @ (X @ A.T)"),                      # nor does X^T: its mark drops
    ("C.T @ (X @ ((-A - A.T) @ b))", "-(C.T @ (X @ ((A + A.T) @ b)))"),   # a sign in front of the product
    ("-x - A @ y", "-(x + A @ y)"),                              # and out of a sum of negated terms
    ("s * x.T - y.T", "(s * x - y).T"),
    ("-(A @ (x - y))", "A @ (y - x)"),                           # a sign taken into a difference
    ("-2 * (B.T @ (x - A @ y))", "2 * (B.T @ (A @ y - x))"),
    ("s * x + t * x + A @ y", "(s + t) * x + A @ y"),            # scalar multiples of one array
    ("s * x + x", "(s + 1) * x"),
    ("x.T / y.T @ A", "(x / y).T @ A"),                           # an elementwise product of transposes
    ("(exp(x) @ exp(x).T - diag(exp(x))) @ (y / exp(x))",        # a product over a sum, where terms cancel
     "sum(y) * exp(x) - y"),
    ("2 * ([[2, 1], [1, 3]] @ v)", "[[4, 2], [2, 6]] @ v"),     # a number into a literal factor
    ("tr(A.T @ X.T - B.T)", "tr(X @ A - B)"),                   # collected, then dropped: tr(M^T) = tr(M)
    ("sum(A.T @ X.T - B.T)", "sum(X @ A - B)"),                 # and sum(M^T) = sum(M) (was sum((X A - B)^T))
])
def test_the_shortest_equivalent_form_is_kept(before, after):
    node = parse(before)
    budget = Budget(SYMPY_BUDGET)
    out = printed(simplify(node, budget), budget)
    assert E.to_text(out) == after
    assert size_key(out) <= size_key(simplify(node))
    assert same_value(node, out)


@pytest.mark.parametrize(("result", "numerator"), [
    ("2 * (X - A)", "2 * (X - A).T"),                             # not (2 * (X - A)).T
    ("(A + A.T) @ x", "x.T @ (A + A.T)"),                         # a tie: the form without (...).T
    ("2 * (A.T @ (A @ x - y) + s * x)", "2 * ((A @ x - y).T @ A + s * x.T)"),
    ("(X - A).T", "X - A"),
    ("x * (s * x + y)", "(x * (s * x + y)).T"),                   # an elementwise product stays whole
    # a transposed sum is distributed where that is no longer, brackets counted, as a textbook writes it
    ("s * a + t * b", "s * a.T + t * b.T"),                       # not (s * a + t * b).T
    ("(A + A.T) @ x + b", "x.T @ (A + A.T) + b.T"),               # not ((A + A.T) @ x + b).T
    ("s * x - A.T @ y / t", "s * x.T - y.T @ A / t"),             # the sign stays a subtraction
    ("s * x + A.T @ (A @ x - y)", "s * x.T + (A @ x - y).T @ A"),   # an inner transposed sum is kept
    # a scalar in front, each term a product a textbook distributes: the sum's terms transposed even
    # where that is a mark longer (det(M) (A^T X M^-T + A X M^-1)^T was printed, review item 9)
    ("det(C.T @ A @ C) * (A.T @ C @ inv(C.T @ A @ C).T + A @ C @ inv(C.T @ A @ C))",
     "det(C.T @ (A @ C)) * (inv(C.T @ (A @ C)) @ (C.T @ A) + inv(C.T @ (A @ C)).T @ (C.T @ A.T))"),
])
def test_the_numerator_layout_is_written_on_its_own_terms(result, numerator):
    node = parse(result)
    budget = Budget(SYMPY_BUDGET)
    out = printed_numerator(simplify(node, budget), budget)
    assert E.to_text(out) == numerator
    assert same_value(E.transpose(node), out)


def test_the_search_is_bounded_and_deterministic():
    terms = [E.matmul(NODES[m], NODES[v]) for m in ("A", "B", "X") for v in ("x", "y")]
    node = E.add(*terms)
    outs = {E.to_text(compact(node, simplify, limit)) for limit in (0, 1, 3, 400) for _ in range(2)}
    assert E.to_text(compact(node, simplify, 0)) == E.to_text(node)      # no form weighed: unchanged
    for text in outs:
        assert same_value(node, parse(text))
    assert compact(node, simplify) == compact(node, simplify)


def test_a_large_sum_weighs_no_more_forms_than_allowed():
    """Each form weighed may simplify one term per term of its sum; none beyond the count."""
    vectors = ("x", "y", "a", "b")
    node = E.add(*(E.matmul(E.add(NODES[m], E.transpose(NODES[m2])), NODES[v])
                   for m in ("A", "B", "X") for m2 in ("A", "B") for v in vectors))
    calls = []

    def counting(n):
        calls.append(n)
        return simplify(n)

    out = compact(node, counting, 10)
    assert len(calls) <= 10 * len(node.terms)
    assert same_value(node, out)


_LEAVES = [NODES[k] for k in ("A", "B", "X", "x", "y", "s")] + [E.num(2), E.num(-1)]
_UNARY = [E.transpose, E.neg, E.inv, lambda a: E.func(E.Fn.EXP, a), E.diag]
_BINARY = [E.add, E.sub, E.mul, E.matmul]


def _try(f, *args):
    try:
        return f(*args)
    except E.ExprError:
        return None


_trees = st.recursive(
    st.sampled_from(_LEAVES),
    lambda kids: st.one_of(
        st.tuples(st.sampled_from(_UNARY), kids).map(lambda t: t[1] and _try(t[0], t[1])),
        st.tuples(st.sampled_from(_BINARY), kids, kids).map(lambda t: t[1] and t[2] and _try(t[0], t[1], t[2]))),
    max_leaves=8).filter(lambda n: n is not None)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(_trees)
def test_every_printed_form_keeps_the_value_and_the_shape(node):
    budget = Budget(SYMPY_BUDGET)
    simple = simplify(node, budget)
    out = printed(simple, budget)
    assert out.shape == node.shape
    assert size_key(out) <= size_key(simple)
    with np.errstate(all="ignore"):
        assert same_value(node, out, seeds=2)
    if not node.shape.is_scalar:
        numerator = printed_numerator(simple, budget)
        with np.errstate(all="ignore"):
            assert same_value(E.transpose(node), numerator, seeds=2)


def test_the_identities_of_the_form_kept_are_recorded_and_only_those():
    budget = Budget(SYMPY_BUDGET)
    simple = simplify(parse("A.T @ x + y"), budget)
    before = budget.rewrites
    assert printed(simple, budget) == simple
    assert budget.rewrites == before                      # forms weighed and left leave no trace
    budget = Budget(SYMPY_BUDGET)
    out = printed(simplify(parse("(exp(x) @ exp(x).T - diag(exp(x))) @ (y / exp(x))"), budget), budget)
    assert E.to_text(out) == "sum(y) * exp(x) - y"
    assert RewriteId.DISTRIBUTE in budget.rewrites
    budget = Budget(SYMPY_BUDGET)
    printed_numerator(simplify(parse("2 * (X - A)"), budget), budget)
    assert RewriteId.TRANSPOSE_ELEMENTWISE in budget.rewrites   # X^T - A^T = (X - A)^T


@pytest.mark.parametrize("text", ["A.T @ x + A @ x + y", "-(inv(X).T @ (A.T @ (B.T @ inv(X).T)))",
                                  "s * x.T - y.T", "-2 * (B.T @ (x - A @ y))", "X.T - A.T"])
def test_the_numerator_layout_reuses_the_printed_result_unchanged(text):
    # printed() keeps its search with the budget; printed_numerator() takes it instead of searching again,
    # and must choose exactly what a search of its own chooses, with the same identities recorded
    from mcdocgen.engine.simplify.compact import compact_counted, numerator_form
    node = parse(text)
    shared, alone = Budget(SYMPY_BUDGET), Budget(SYMPY_BUDGET)
    result = printed(simplify(node, shared), shared)
    assert printed_numerator(result, shared) == printed_numerator(result, alone)
    known = compact_counted(result, lambda n: simplify(n))
    assert known.taken is not None
    assert numerator_form(result, simplify, known=known) == numerator_form(result, simplify)


def test_simplifying_again_with_a_budget_records_what_simplifying_once_does():
    node = parse("-(A @ (x - y)) + 2 * (A @ y)")
    once, twice = Budget(SYMPY_BUDGET), Budget(SYMPY_BUDGET)
    out = simplify(node, once)
    assert simplify(node, twice) == out and simplify(node, twice) == out
    assert twice.rewrites == once.rewrites and twice.nodes == once.nodes


@pytest.mark.parametrize(("node", "result"), [
    # a whole transposed sum in the denominator layout, each term a product of letters, written as the
    # Cookbook does (eq. 116: A^T X^T B^T + B^T X^T A^T), not (A X B + B X A)^T (review s35 item 12)
    ("(A @ X @ B + B @ X @ A).T", "B.T @ (X.T @ A.T) + A.T @ (X.T @ B.T)"),
    ("(X @ B + B @ X).T", "B.T @ X.T + X.T @ B.T"),
    ("(X - A).T", "(X - A).T"),                                     # no product: the shorter form stays
    # but with an inverse, whose mark costs none, as the Cookbook's S^T - X^-T (eqs. 57, 100; review s36 C-9)
    ("(A - inv(X)).T", "A.T - inv(X).T"),
    # a factor whose mark would fall on a compound: the numerator layout's form transposed stays whole
    ("(B @ (X + s * A) + (A + s * B) @ X).T", "(B @ (X + s * A) + (A + s * B) @ X).T"),   # its sums in their order
    # a collected transposed product is no form a textbook prints: x^T M^T, not (M x)^T
    ("(A @ x + B @ (X + A) @ x).T", "x.T @ (A + B @ (A + X)).T"),
])
def test_the_denominator_layout_distributes_a_whole_transposed_sum_of_letters(node, result):
    budget = Budget(SYMPY_BUDGET)
    out, _ = printed_forms(simplify(parse(node), budget), budget)
    assert E.to_text(out) == result
    assert same_value(parse(node), out)


@pytest.mark.parametrize(("node", "spread_form"), [
    # a numerator-layout local derivative: X G + G X, not (G^T X^T + X^T G^T)^T (review s35 item 12)
    ("(B.T @ X.T + X.T @ B.T).T", "X @ B + B @ X"),
    ("(-(A @ X + X @ B)).T", "-(X.T @ A.T + B.T @ X.T)"),             # the sign in front, not in each term
    ("s * (A.T @ X + X @ B.T).T", "s * (X.T @ A + B @ X.T)"),
    ("(B.T * exp(X)).T", "B * exp(X).T"),                           # an elementwise product: G o cos(X)^T
])
def test_a_whole_transposed_sum_is_spread_as_the_numerator_layout_writes_it(node, spread_form):
    out = spread(parse(node))
    assert E.to_text(out) == spread_form
    assert same_value(parse(node), out)


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(_trees)
def test_the_numerator_form_asked_again_with_a_budget_is_what_asking_afresh_gives(node):
    # the layouts' product and the result can be one tree: its numerator form is remembered with the budget
    # (Budget.numerators); asked again, it is what the search done again gives, with the same identities
    # recorded and the same budget left (every simplification in the search a memo hit the first time round)
    remembered, again = Budget(SYMPY_BUDGET), Budget(SYMPY_BUDGET)
    forms = []
    for budget in (remembered, again):
        result = printed(simplify(node, budget), budget)
        first = printed_numerator(result, budget)
        assert len(budget.numerators) == 1
        if budget is again:
            budget.numerators.clear()   # the search itself, a second time
        forms.append((first, printed_numerator(result, budget), budget.rewrites, budget.nodes))
    assert forms[0] == forms[1]
    assert forms[0][0] == forms[0][1]
