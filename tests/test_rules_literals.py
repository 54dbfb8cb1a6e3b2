"""mcdocgen.engine.rules_literals: a lecture's vector written by components of one vector is one step,
its Jacobian the matrix of the components' derivatives; other literals keep one slot per entry."""

from __future__ import annotations

from problem_factory import make_problem
from mcdocgen import language as E
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.engine.literals import literal_operand
from mcdocgen.engine.rules import RuleId


def lecture():
    return make_problem("[log(x**2), sin(3*x)]", {"x": []}, ["x"], ["g = [x**2, 3*x]", "y = [log(g[0]), sin(g[1])]"])


def test_the_vector_intermediate_gives_the_lectures_two_by_two_jacobian():
    p = lecture()
    d = derive(p, "x")
    assert [i.name for i in d.intermediates] == ["g", "y"]
    by_g = next(loc for loc in d.locals if loc.of == "y")
    assert (by_g.wrt, by_g.rules) == ("g", (RuleId.LITERAL,))
    assert E.to_text(by_g.jacobian) == "[[1 / g[0], 0], [0, cos(g[1])]]"
    assert E.to_text(next(loc for loc in d.locals if loc.of == "g").jacobian) == "[2 * x, 3]"
    assert E.to_text(d.numerator) == "[2 / x, 3 * cos(3 * x)]"
    assert verify(p, d).ok


def test_a_vector_of_a_vectors_entries_has_a_jacobian_by_every_entry():
    p = make_problem("[x[0] * x[1], exp(x[2])]", {"x": [3]}, ["x"], ["y = [x[0] * x[1], exp(x[2])]"])
    d = derive(p, "x")
    (local,) = d.locals
    assert E.to_text(local.jacobian) == "[[x[1], x[0], 0], [0, 0, exp(x[2])]]"
    assert verify(p, d).ok


def test_other_literals_keep_one_slot_per_entry():
    scope = make_problem("x", {"x": [3], "a": [], "u": [], "n": ["k"]}, ["x"]).scope()
    for text in ("[u, a]", "[a * x[0], x[1]]", "[n[0]**2, n[1]]", "[u, u]"):
        assert literal_operand(E.parse(text, scope)) is None, text
    assert literal_operand(E.parse("[x[0]**2, x[1]]", scope)).name == "x"
    # without the lecture's steps the expression is split as before, one operation per intermediate
    d = derive(make_problem("[log(x**2), sin(3*x)]", {"x": []}, ["x"]), "x")
    assert len(d.intermediates) > 2


def test_a_component_with_a_kink_or_without_a_differential_keeps_the_split():
    scope = make_problem("x", {"x": [2]}, ["x"]).scope()
    for text in ("[relu(x[0]), x[1]**2]", "[maximum(x[0], x[1]), x[0]**2]", "[logsumexp(x), x[0]**2]"):
        assert literal_operand(E.parse(text, scope)) is None, text
    p = make_problem("[relu(x[0]), x[1]**2]", {"x": [2]}, ["x"], ["y = [relu(x[0]), x[1]**2]"])
    d = derive(p, "x")
    assert d.kinks and verify(p, d).ok
