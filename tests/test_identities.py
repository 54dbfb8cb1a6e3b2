"""mcdocgen.engine.identities: every rule's example is derived by that rule, passes every check, and equals
the identity it states, by numbers and symbolically. A rule whose derivative changes while its identity
does not fails here."""

import numpy as np
import pytest
import sympy

from mcdocgen.checks.evaluate import SYMPY, evaluate
from mcdocgen.checks.results import CheckName, CheckStatus
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.engine.identities import IDENTITIES, example_problem
from mcdocgen.engine.rules import RuleId
from mcdocgen.language.shapes import size_symbol

SIZES = (2, 3)


def _symbols(problem, sizes):
    """Each variable as an explicit matrix of real symbols (positive where the example assumes it)."""
    env = {}
    for v in problem.variables:
        r, c = int(v.shape.rows.subs(sizes)), int(v.shape.cols.subs(sizes))
        positive = any(a.value in ("positive", "positive_definite") for a in v.assume) or None
        env[v.name] = sympy.Matrix(r, c, lambda i, j, n=v.name, pos=positive:
                                   sympy.Symbol(f"{n}_{i}{j}", real=True, positive=pos))
    return env


@pytest.mark.parametrize("rule", list(RuleId), ids=str)
def test_the_example_is_derived_by_its_rule_and_passes_every_check(rule):
    ident = IDENTITIES[rule]
    problem = example_problem(ident)
    d = derive(problem, ident.wrt)
    assert d.ok, d.not_derived
    assert rule in {r for local in d.locals for r in local.rules}, f"the example of {rule} never uses it"
    v = verify(problem, d)
    for name, check in v.checks().items():
        # a kink with no stated set (the norm at 0) has nothing for the subgradient check to verify
        allowed = {CheckStatus.PASSED, CheckStatus.NOT_APPLICABLE} if name is CheckName.SUBGRADIENT else {CheckStatus.PASSED}
        assert check.status in allowed, f"{rule}: {name}: {check.detail}"


@pytest.mark.parametrize("rule", list(RuleId), ids=str)
def test_the_stated_identity_equals_the_derived_result_symbolically(rule):
    ident = IDENTITIES[rule]
    problem = example_problem(ident)
    d = derive(problem, ident.wrt)
    stated = problem.expected[ident.wrt].node
    assert stated.shape == d.result.shape
    for n in SIZES:
        sizes = {size_symbol(s): n + k for k, s in enumerate(problem.sizes)}
        env = _symbols(problem, sizes)
        got = evaluate(d.result, env, sizes, SYMPY)
        want = evaluate(stated, env, sizes, SYMPY)
        assert got.shape == want.shape
        for a, b in zip(got, want, strict=True):
            assert sympy.simplify(a - b) == 0, f"{rule}: derived {a} but the identity states {b}"


def test_a_wrong_identity_fails_its_check():
    ident = IDENTITIES[RuleId.DETERMINANT]
    wrong = type(ident)(**{**{f: getattr(ident, f) for f in ident.__slots__}, "states": "det(X) * inv(X)"})
    problem = example_problem(wrong)
    v = verify(problem, derive(problem, wrong.wrt))
    assert v.expected.status is CheckStatus.FAILED


def test_example_problems_parse_their_variables_and_assumptions():
    problem = example_problem(IDENTITIES[RuleId.EXPONENT])
    assert [v.name for v in problem.variables] == ["a", "v"]
    assert [a.value for a in problem.variable("a").assume] == ["positive"]
    assert problem.id == "identity-variable-exponent"
    assert np.array_equal(evaluate(problem.expression, {"a": np.array([[2.0]]), "v": np.array([[3.0]])}, {}),
                          np.array([[8.0]]))


def test_the_quotient_rule_also_states_the_form_students_know():
    # the page showed only d(u/v)/dv = -u/v^2 (a reader review)
    assert "(u' v - u v') / v^{2}" in IDENTITIES[RuleId.QUOTIENT].note


def test_a_note_writes_the_power_of_a_call_on_the_whole_call_as_the_pages_do():
    """Review s36 C-11: the Kronecker note wrote tr(X)^2 where Notation and the pages write (tr(X))^2 (the printer's
    form: after the call's bracket an exponent would sit on the argument); and "tr(A) I by X in one slot" said which
    gradient it is only by position."""
    import re
    from mcdocgen import language as E
    from mcdocgen.present.latex import to_latex
    from mcdocgen.language import shapes
    printed = to_latex(E.power(E.Trace(shapes.SCALAR, E.var("X", shapes.square(shapes.dim("n")))), E.num(2)))
    assert printed.startswith(r"\left(") and printed.endswith(r"\right)^{2}")      # the whole call
    for ident in IDENTITIES.values():
        assert not re.search(r"\\operatorname\{\w+\}\([^()$]*\)\^", ident.note), ident.name
    note = IDENTITIES[RuleId.TRACE_KRON].note
    assert r"= (\operatorname{tr}(X))^{2}$" in note and "in one slot" not in note
    assert r"the gradient of $\operatorname{tr}(A \otimes X)$ by $X$ is $\operatorname{tr}(A)\,I$" in note
