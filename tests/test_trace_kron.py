"""tr(A kron B) is one operation, by tr(A kron B) = tr(A) tr(B) (the Cookbook's route), in the backward steps, the
differential and the decomposition; a non-square factor keeps the Kronecker product's own rule (review s34 item 5)."""

import pytest

from problem_factory import make_problem
from mcdocgen.checks.results import CheckStatus
from mcdocgen.checks.verify import verify
from mcdocgen.engine.decompose import decompose
from mcdocgen.engine.derive import derive
from mcdocgen.engine.differential import differential_steps
from mcdocgen.engine.rules import RuleId
from mcdocgen.language import to_text


def test_one_step_by_the_trace_of_a_kronecker_product():
    problem = make_problem("tr(kron(A, X))", {"A": ["m", "m"], "X": ["n", "n"]}, ["X"])
    d = derive(problem, "X")
    assert [i.name for i in d.intermediates] == ["f"]   # no intermediate for the Kronecker product
    assert [loc.rules for loc in d.locals] == [(RuleId.TRACE_KRON,)]
    assert to_text(d.result) == "tr(A) * eye(n)"
    v = verify(problem, d)
    assert v.ok and v.steps.status is CheckStatus.PASSED and v.numeric.status is CheckStatus.PASSED


@pytest.mark.parametrize("expression, variables, function, rule, result", [
    ("tr(kron(X, X))", {"X": ["n", "n"]}, "u_1**2", RuleId.POWER, "2 * tr(X) * eye(n)"),
    ("tr(kron(X, X.T))", {"X": ["n", "n"]}, "u_1 * u_2", RuleId.PRODUCT, None),
])
def test_the_variable_in_both_slots_is_first_a_product_of_traces(expression, variables, function, rule, result):
    """Review s35 item 2: tr(X kron X) in one step by the one-slot rule d tr(A kron X) = tr(A) I gives tr(X) I, not
    the printed 2 tr(X) I. The page first writes tr(X kron X) = tr(X) tr(X) = tr(X)^2, then the power rule."""
    from mcdocgen.present import problem_view
    from mcdocgen.publish.render import render_derivatives
    problem = make_problem(expression, variables, ["X"])
    d = derive(problem, "X")
    assert to_text(d.intermediates[-1].definition) == function
    rules = {r for loc in d.locals for r in loc.rules}
    assert rule in rules and RuleId.TRACE in rules and RuleId.TRACE_KRON not in rules
    assert result is None or to_text(d.result) == result
    v = verify(problem, d)
    assert v.ok and v.steps.status is CheckStatus.PASSED and v.numeric.status is CheckStatus.PASSED
    view = problem_view(problem, [d], [v], plots=False)
    assert RuleId.TRACE_KRON.value in view.rules     # the rule of the first step: linked, and counted as used
    page = render_derivatives(view)
    assert "by the rule *[Trace of a Kronecker product](" in page and "in one step" not in page
    if result is not None:
        step = (r"\operatorname{tr}\mathopen{}\left(X \otimes X\right) = \operatorname{tr}\mathopen{}\left(X\right) "
                r"\cdot \operatorname{tr}\mathopen{}\left(X\right) = \left(\operatorname{tr}\mathopen{}\left(X\right)\right)^{2}")
        assert step in page


def test_an_operand_inside_is_its_own_intermediate():
    problem = make_problem("tr(kron(A, X @ B))", {"A": ["m", "m"], "X": ["n", "p"], "B": ["p", "n"]}, ["X"])
    items, _ = decompose(problem, "X")
    assert [to_text(i.definition) for i in items] == ["X @ B", "tr(kron(A, U_1))"]
    d = derive(problem, "X")
    assert RuleId.TRACE_KRON in {r for loc in d.locals for r in loc.rules}
    assert to_text(d.result) == "tr(A) * B.T"


def test_the_differential_is_the_product_of_traces():
    problem = make_problem("tr(kron(A, X))", {"A": ["m", "m"], "X": ["n", "n"]}, ["X"])
    items, _ = decompose(problem, "X")
    (step,) = differential_steps(items, "X")
    assert step.rule is RuleId.TRACE_KRON and to_text(step.value) == "tr(A) * tr(d(X))"


def test_a_factor_that_is_not_square_keeps_the_kronecker_rule():
    problem = make_problem("tr(kron(A, X))", {"A": ["m", "k"], "X": ["k", "m"]}, ["X"])
    items, _ = decompose(problem, "X")
    assert [to_text(i.definition) for i in items] == ["kron(A, X)", "tr(U_1)"]


def test_next_harder_of_the_kronecker_square_is_not_the_one_slot_problem():
    """Review s35 item 2: tr(X kron X) led to tr(A kron X) as "next harder"; with the product of traces written
    first it has two steps to tr(A kron X)'s one, and the order of related.difficulty follows."""
    links = _links([make_problem("tr(kron(X, X))", {"X": ["n", "n"]}, ["X"], pid="xx"),
                    make_problem("tr(kron(A, X))", {"A": ["m", "m"], "X": ["n", "n"]}, ["X"], pid="ax")])
    assert links["xx"].next_harder == "" and links["ax"].next_harder == "xx"


def _links(problems):
    """The related links of these problems' pages, each derived by X."""
    from mcdocgen.present import problem_view
    from mcdocgen.present.related import related
    views = []
    for p in problems:
        d = derive(p, "X")
        views.append(problem_view(p, [d], [verify(p, d)], plots=False))
    return related(views)
