"""checks.setup_facts and present.facts: a fact of the set-up the result's simplification uses is stated
(review item 8: layer normalisation reached its result only by 1^T u = 0, unstated). The check stage finds
it and keeps it in the Verification; the page only words it."""

import pytest
from problem_factory import make_problem

from mcdocgen import language as E
from mcdocgen.checks import verify
from mcdocgen.checks.results import Kind
from mcdocgen.checks.setup_facts import used_facts
from mcdocgen.engine.derive import derive
from mcdocgen.present.facts import fact_note
from mcdocgen.present.latex import symbol_latex

LAYER_NORM = ("(x - mean(x)) / sqrt(mean((x - mean(x))**2) + c)", {"x": ["n"], "c": []},
              ["m = mean(x)", "u = x - m", "v = mean(u**2)", "s = sqrt(v + c)", "z = u / s"])


def _facts(expression, variables, steps, wrt):
    p = make_problem(expression, variables, wrt=[wrt], steps=steps, assume={"c": ["positive"]} if "c" in variables else {})
    d = derive(p, wrt)
    return p, d, used_facts(p, d)


@pytest.mark.parametrize(("expression", "variables", "steps"), [
    LAYER_NORM,
    ("(x - mean(x)) / norm(x - mean(x))", {"x": ["n"]}, ["u = x - mean(x)", "z = u / norm(u)"]),
])
def test_a_centred_names_sum_used_by_the_result_is_found(expression, variables, steps):
    p, d, facts = _facts(expression, variables, steps, "x")
    assert [(f.name, f.kind, E.flat_text(f.zero)) for f in facts] == [("u", Kind.SUM, "ones(n).T @ u")]
    names = {v.name: symbol_latex(v.name, v.shape) for v in p.variables} | \
        {i.name: symbol_latex(i.name, i.shape) for i in d.intermediates}
    assert verify(p, d).setup_facts == facts    # kept with the checks: the page samples nothing
    note = fact_note(p, d, facts, names)
    assert note is not None and note.facts == r"\mathbf{1}^{\top} \mathbf{u} = 0"
    assert note.text.startswith("since ones(n).T @ u = 0 (u = x - ")     # its own definition first
    assert note.text.endswith(": its entries sum to zero), the result reads:")


@pytest.mark.parametrize(("expression", "variables", "steps", "wrt"), [
    ("norm(x - a)**2", {"x": ["n"], "a": ["n"]}, ["u = x - a", "f = sum(u**2)"], "x"),    # 1^T u = 0 does not hold
    # it holds, but the result keeps sum(2 (x - mean(x))): nothing is used silently
    ("sum((x - mean(x))**2)", {"x": ["n"]}, ["m = mean(x)", "u = x - m", "f = sum(u**2)"], "x"),
])
def test_no_fact_is_stated_where_none_is_used(expression, variables, steps, wrt):
    p, d, facts = _facts(expression, variables, steps, wrt)
    assert facts == () == verify(p, d).setup_facts
    assert fact_note(p, d, facts, {}) is None
