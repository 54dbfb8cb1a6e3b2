"""present.related: "The same function", "Uses the same rule" and "Next harder", from the derivations."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from problem_factory import make_problem
from mcdocgen.present.related import MAX_SAME_RULE, difficulty, function_key, related
from mcdocgen.present.views import ProblemView, VariableView


def _view(pid: str, topic: str, rules: tuple[str, ...], steps: int = 1, kinds: tuple[str, ...] = ("vector",),
          shapes: tuple[tuple[str, ...], tuple[str, ...]] = ((), ("n",)), order: int = 1):
    results = (SimpleNamespace(layouts=(SimpleNamespace(locals=(None,) * steps),), function_shape=shapes[0],
                               wrt_shape=shapes[1], order=order, symmetric=None),)
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
    assert difficulty(views[2]) == (1, 1, 0, 2)    # one step, a gradient by a vector (rank 1), a matrix
    twins = [_view("a", "T", ()), _view("b", "T", ())]
    assert related(twins)["a"].next_harder == "b" and related(twins)["b"].next_harder == ""   # ties: catalog order


def test_next_harder_is_harder_in_every_measure_steps_rank_and_symmetry():
    # by steps alone hessian-logdet led to a parabola's second derivative; by steps + rank X^-1 by X
    # (vec form) led to (A + tB)^-1 by t (a reader review): never a lower rank nor fewer steps
    views = [_view("hessian-by-matrix", "H", (), steps=1, kinds=("matrix",), shapes=(("n", "n"), ("n", "n")), order=2),
             _view("parabola", "H", (), steps=3, kinds=("scalar",), shapes=((), ()), order=2),
             _view("by-scalar", "H", (), steps=4, kinds=("matrix", "scalar"), shapes=(("n", "n"), ())),
             _view("hessian-by-vector", "H", (), steps=3, shapes=(("n",), ("n",)), order=2),
             _view("vec-form", "H", (), steps=2, kinds=("matrix",), shapes=(("n", "n"), ("n", "n")))]
    out = related(views)
    assert [difficulty(v)[:2] for v in views] == [(1, 4), (3, 0), (4, 2), (3, 2), (2, 4)]
    assert out["parabola"].next_harder == "hessian-by-vector"          # 3 steps, rank 2: harder in both
    assert out["hessian-by-vector"].next_harder == "by-scalar"
    assert out["hessian-by-matrix"].next_harder == "vec-form"          # not by-scalar: its rank is lower
    assert out["vec-form"].next_harder == "" and out["by-scalar"].next_harder == ""
    plain = _view("logdet", "D", (), steps=1, kinds=("matrix",), shapes=((), ("n", "n")))
    symmetric = replace(plain, id="logdet-symmetric", results=(SimpleNamespace(**{**vars(plain.results[0]), "symmetric": True}),))
    det = replace(plain, id="det")
    out = related([symmetric, det, plain])
    assert out["logdet"].next_harder == "logdet-symmetric"
    assert out["logdet-symmetric"].next_harder == ""      # not det, by a matrix that need not be symmetric


def test_a_problem_that_is_this_one_up_to_names_is_never_linked():
    # inverse-by-scalar's "next harder" was cookbook-inverse-by-scalar: inv(A + t*B) by t again
    a = make_problem("inv(A + t * B)", {"A": ["n", "n"], "B": ["n", "n"], "t": []}, ["t"], assume={"A": ["invertible"]})
    b = make_problem("inv(P + s*Q)", {"P": ["m", "m"], "Q": ["m", "m"], "s": []}, ["s"], assume={"P": ["invertible"]})
    assert function_key(a) == function_key(b)
    views = [replace(_view("a", "T", ("inverse",), steps=1), function_key=function_key(a)),
             replace(_view("b", "T", ("inverse",), steps=2), function_key=function_key(b)),
             _view("c", "T", ("inverse",), steps=3)]
    out = related(views)
    assert out["a"].next_harder == "c" and out["a"].same_rule == ("c",) and out["b"].same_rule == ("c",)
    assert out["c"].same_rule == ("a", "b")
    # ... but named at the top of each page instead (the Cookbook's eqs. 63 and 124 are one function)
    assert out["a"].same_function == ("b",) and out["b"].same_function == ("a",) and out["c"].same_function == ()


@pytest.mark.parametrize(("other", "variables", "wrt", "assume"), [
    ("inv(A + t * B)", {"A": ["n", "n"], "B": ["n", "n"], "t": []}, ["t"], {}),            # A not invertible
    ("inv(A + t * B)", {"A": [3, 3], "B": [3, 3], "t": []}, ["t"], {"A": ["invertible"]}),  # sizes
    ("inv(A + t * B) @ A", {"A": ["n", "n"], "B": ["n", "n"], "t": []}, ["t"], {"A": ["invertible"]}),
    ("A + t * B", {"A": ["n", "n"], "B": ["n", "n"], "t": []}, ["t"], {"A": ["invertible"]}),
    ("x", {"x": [], "y": ["n"]}, ["y"], {}),   # a constant by a vector is not a constant by a scalar
])
def test_another_function_shape_assumption_or_variable_is_another_key(other, variables, wrt, assume):
    base = make_problem("inv(A + t * B)", {"A": ["n", "n"], "B": ["n", "n"], "t": []}, ["t"], assume={"A": ["invertible"]})
    if "y" in variables:
        base = make_problem("x", {"x": [], "y": []}, ["y"])
    assert function_key(make_problem(other, variables, wrt, assume=assume)) != function_key(base)
