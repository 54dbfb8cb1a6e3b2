"""checks.components: entry-by-entry SymPy derivatives on small explicit matrices, sizes chosen small."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from problem_factory import make_problem
from mcdocgen import language as E
from mcdocgen.checks.components import (
    EXACT_METHOD, SYMPY_METHOD, _component_sizes, components_check, exact_agreement, first_difference,
)
from mcdocgen.checks.equality import Differs, Undecided
from mcdocgen.checks.identity import Proof
from mcdocgen.checks.results import CheckStatus
from mcdocgen.engine.derive import derive
from mcdocgen.language.shapes import size_symbol

M, N = size_symbol("m"), size_symbol("n")


def test_distinct_sizes_come_first_without_an_inverse():
    problem = make_problem("norm(A @ x - b)**2", {"A": ["m", "n"], "x": ["n"], "b": ["m"]}, ["x"])
    assert _component_sizes(problem)[0] == {M: 2, N: 3}


def test_the_choice_with_the_smaller_inverse_comes_first():
    problem = make_problem("tr(A @ inv(X) @ B)", {"A": ["m", "n"], "X": ["n", "n"], "B": ["n", "m"]}, ["X"],
                           assume={"X": ["invertible"]})
    choices = _component_sizes(problem)
    assert choices[0] == {M: 3, N: 2}       # a 2 x 2 inverse, the sizes still distinct
    assert {M: 2, N: 3} in choices


def test_an_inverse_by_a_scalar_is_proven_exactly_and_says_how():
    problem = make_problem("inv(A + t * B)", {"A": ["n", "n"], "B": ["n", "n"], "t": []}, ["t"],
                           assume={"A": ["invertible"]})
    d = derive(problem, "t")
    result = components_check(problem, d)
    assert result.passed, result.detail
    assert "exactly at 3 random integer points" in result.detail and "below 1e-19" in result.detail
    wrong = replace(d, result=E.neg(d.result), numerator=E.neg(d.numerator))
    failed = components_check(problem, wrong)
    assert failed.status is CheckStatus.FAILED and "entry" in failed.detail


def test_the_same_problem_gives_the_same_detail():
    problem = make_problem("-dot(y, log(softmax(z)))", {"z": ["n"], "y": ["n"]}, ["z"])
    d = derive(problem, "z")
    assert components_check(problem, d) == components_check(problem, d)


def test_a_rational_result_takes_the_exact_route_and_says_how():
    problem = make_problem("tr(A @ inv(X) @ B)", {"A": ["m", "n"], "X": ["n", "n"], "B": ["n", "m"]}, ["X"],
                           assume={"X": ["invertible"]})
    d = derive(problem, "X")
    result = components_check(problem, d)
    assert result.passed and result.method == EXACT_METHOD
    assert "exactly at 3 random integer points" in result.detail and "below 1e-19" in result.detail


def test_a_function_without_exact_values_takes_the_sympy_route():
    problem = make_problem("sum(arctan(A @ x))", {"A": ["m", "n"], "x": ["n"]}, ["x"])
    d = derive(problem, "x")
    sizes = _component_sizes(problem)[0]
    assert exact_agreement(problem, d, sizes) is None
    result = components_check(problem, d)
    assert result.passed and result.method == SYMPY_METHOD


def test_sin_and_cos_take_the_exact_route_as_variables_and_a_swap_is_caught():
    # sin(u) and cos(u) are variables S and C with derivatives C u' and -S u' (checks.exact)
    problem = make_problem("sum(sin(A @ x)) + sum(cos(x) * x)", {"A": ["m", "n"], "x": ["n"]}, ["x"])
    d = derive(problem, "x")
    sizes = _component_sizes(problem)[0]
    assert exact_agreement(problem, d, sizes) is True
    result = components_check(problem, d)
    assert result.passed and result.method == EXACT_METHOD
    def swap(n):    # every cos made a sin: a plausible slip the model must not excuse
        n = E.rebuild(n, tuple(swap(k) for k in n.children()))
        return E.func(E.Fn.SIN, n.arg) if isinstance(n, E.Func) and n.fn is E.Fn.COS else n

    assert swap(d.result) != d.result
    wrong = replace(d, result=swap(d.result), numerator=swap(d.numerator))
    assert exact_agreement(problem, wrong, sizes) is False
    assert not components_check(problem, wrong).passed


def test_a_wrong_rational_result_differs_on_the_exact_route_and_fails_in_words():
    problem = make_problem("tr(X.T @ A @ X)", {"A": ["n", "n"], "X": ["n", "m"]}, ["X"])
    d = derive(problem, "X")
    wrong = replace(d, result=E.neg(d.result), numerator=E.neg(d.numerator))
    assert exact_agreement(problem, wrong, _component_sizes(problem)[0]) is False
    failed = components_check(problem, wrong)
    assert failed.status is CheckStatus.FAILED and "entry" in failed.detail


def test_the_exact_route_gives_the_same_answer_every_time():    # its points: seeded by the problem
    problem = make_problem("det(X.T @ A @ X)", {"A": ["m", "m"], "X": ["m", "n"]}, ["X"])
    d = derive(problem, "X")
    assert components_check(problem, d) == components_check(problem, d)
    assert components_check(problem, d).passed


def test_exponentials_are_modelled_by_variables_on_the_exact_route():
    problem = make_problem("-dot(y, log(softmax(z)))", {"z": ["n"], "y": ["n"]}, ["z"])
    d = derive(problem, "z")
    assert exact_agreement(problem, d, _component_sizes(problem)[0]) is True
    wrong = replace(d, result=E.neg(d.result), numerator=E.neg(d.numerator))
    assert exact_agreement(problem, wrong, _component_sizes(problem)[0]) is False


def _planted(problem, d, text):
    table = {v.name: E.var(v.name, v.shape, symmetric=v.symmetric) for v in problem.variables}
    node = E.parse(text, E.Scope(table, {s: size_symbol(s) for s in problem.sizes}))
    return replace(d, result=node, numerator=E.transpose(node))


def test_a_wrong_result_for_a_norm_leaves_the_exact_route_and_fails():
    """A norm's value is a square root, with no exact derivative: the SymPy route decides (it once
    crashed reading the derivative of the root; found in review)."""
    for expression, wrong in [("norm(x)", "x"), ("norm(A @ x)", "A.T @ A @ x")]:
        problem = make_problem(expression, {"x": ["n"], "A": ["m", "n"]}, ["x"])
        planted = _planted(problem, derive(problem, "x"), wrong)
        assert exact_agreement(problem, planted, _component_sizes(problem)[0]) is None
        assert components_check(problem, planted).status is CheckStatus.FAILED


def test_a_power_of_too_high_a_degree_leaves_the_exact_route_before_it_is_computed():
    """(x**1000)**1000 has degree a million: refused from its bound, not after building the power."""
    problem = make_problem("sum((x**1000)**1000)", {"x": ["n"]}, ["x"])
    d = derive(problem, "x")
    assert exact_agreement(problem, d, _component_sizes(problem)[0]) is None


def test_a_result_that_is_0_over_0_at_most_points_never_fails_unless_an_entry_differs():
    """Session 46: sum(sqrt(abs(x) * relu(x))) is 0 / 0 wherever x < 0, SymPy's derivative too; the check
    failed at two ids of six without a point where the sides differ. A wrong one fails, naming the point."""
    for pid in ("a1", "a2", "a3", "a4", "a5", "a6"):
        problem = make_problem("sum(sqrt(abs(x) * relu(x)))", {"x": ["n"]}, ["x"], pid=pid)
        d = derive(problem, "x")
        result = components_check(problem, d)
        assert result.passed, (pid, result.detail)     # enough draws (DIGITS_DRAWS) that every id finds 3 points
        wrong = components_check(problem, replace(d, result=E.neg(d.result), numerator=E.neg(d.numerator)))
        assert wrong.status is CheckStatus.FAILED and " at x_" in wrong.detail, (pid, wrong.detail)


def test_an_undecided_entry_is_not_applicable_unless_a_later_entry_differs():
    """first_difference: an entry neither shown equal nor different makes the check not applicable, under the
    route's own method name (the Hessian's); an entry shown to differ anywhere fails it, with where."""
    outcomes = {"u": Undecided("too few points"), "e": Proof.DIGITS, "d": Differs("at x = 1: 1 against 2")}
    decide = lambda got, want, rng: outcomes[got]       # the entries name their outcome
    grid = lambda *names: np.array([list(names)], dtype=object)
    methods: set[Proof] = set()
    na = first_difference([(grid("e", "u"), grid("e", "e"), "denominator")], decide, None, methods, "twice")
    assert na.status is CheckStatus.NOT_APPLICABLE and na.method == "twice"
    assert "denominator entry (1, 2)" in na.detail and "too few points" in na.detail and methods == {Proof.DIGITS}
    failed = first_difference([(grid("u", "d"), grid("e", "e"), "numerator")], decide, None, set())
    assert failed.status is CheckStatus.FAILED and "numerator entry (1, 2)" in failed.detail
    assert failed.detail.endswith("at x = 1: 1 against 2")
    assert first_difference([(grid("e"), grid("e"), "numerator")], decide, None, set()) is None
