"""present.related: "Uses the same rule" and "Next harder", from the derivations."""

from __future__ import annotations

from types import SimpleNamespace

from mcdocgen.present.related import MAX_SAME_RULE, difficulty, related
from mcdocgen.present.views import ProblemView, VariableView


def _view(pid: str, topic: str, rules: tuple[str, ...], steps: int = 1, kinds: tuple[str, ...] = ("vector",)):
    results = (SimpleNamespace(layouts=(SimpleNamespace(locals=(None,) * steps),)),)
    variables = tuple(VariableView(f"v{k}", "", "", kind, ()) for k, kind in enumerate(kinds))
    return ProblemView(pid, pid, "S.", (), "", topic, variables, "", "", "f", results, True, rules)


def test_same_rule_prefers_the_rarest_shared_rule_then_catalog_order_and_ignores_bookkeeping():
    views = [_view("det", "D", ("determinant", "elementwise-function")),
             _view("logdet", "D", ("determinant", "elementwise-function", "sum-rule")),
             _view("tanh", "V", ("elementwise-function",)),
             _view("abs", "S", ("elementwise-function",)),
             _view("sum", "S", ("sum-rule", "identity"))]
    out = related(views)
    assert out["logdet"].same_rule == ("det", "tanh", "abs")     # the determinant's rule is the rarer
    assert out["sum"].same_rule == ()                           # the sum rule is bookkeeping
    many = [_view(f"p{k}", "T", ("trace",)) for k in range(9)]
    assert related(many)["p0"].same_rule == tuple(f"p{k}" for k in range(1, 1 + MAX_SAME_RULE))


def test_next_harder_is_the_next_by_steps_then_size_in_the_same_topic():
    views = [_view("long", "T", (), steps=3), _view("short", "T", (), steps=1),
             _view("short-matrix", "T", (), steps=1, kinds=("matrix",)), _view("other", "U", (), steps=2)]
    out = related(views)
    assert out["short"].next_harder == "short-matrix" and out["short-matrix"].next_harder == "long"
    assert out["long"].next_harder == "" and out["other"].next_harder == ""
    assert difficulty(views[2]) == (1, 2)
    twins = [_view("a", "T", ()), _view("b", "T", ())]
    assert related(twins)["a"].next_harder == "b" and related(twins)["b"].next_harder == ""   # ties: catalog order
