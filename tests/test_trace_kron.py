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


@pytest.mark.parametrize("expression, variables, result", [
    ("tr(kron(A, X))", {"A": ["m", "m"], "X": ["n", "n"]}, "tr(A) * eye(n)"),
    ("tr(kron(X, X))", {"X": ["n", "n"]}, "2 * tr(X) * eye(n)"),
])
def test_one_step_by_the_trace_of_a_kronecker_product(expression, variables, result):
    problem = make_problem(expression, variables, ["X"])
    d = derive(problem, "X")
    assert [i.name for i in d.intermediates] == ["f"]   # no intermediate for the Kronecker product
    assert [loc.rules for loc in d.locals] == [(RuleId.TRACE_KRON,)]
    assert to_text(d.result) == result
    v = verify(problem, d)
    assert v.ok and v.steps.status is CheckStatus.PASSED and v.numeric.status is CheckStatus.PASSED


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
