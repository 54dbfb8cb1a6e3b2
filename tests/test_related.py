"""present.related: "The same function", "Uses the same rule" and "Next harder", from the derivations."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from problem_factory import make_problem
from mcdocgen.present.related import MAX_LINKED, MAX_SAME_RULE, Difficulty, difficulty, function_key, related
from mcdocgen.present.views import ProblemView, VariableView


def _view(pid: str, topic: str, rules: tuple[str, ...], steps: int = 1, kinds: tuple[str, ...] = ("vector",),
          shapes: tuple[tuple[str, ...], tuple[str, ...]] = ((), ("n",)), order: int = 1, result: str = "x"):
    results = (SimpleNamespace(layouts=(SimpleNamespace(locals=(None,) * steps, result_text=result),),
                               function_shape=shapes[0], wrt_shape=shapes[1], order=order, symmetric=None),)
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


def test_next_harder_is_the_nearest_harder_in_the_same_topic_and_ties_go_by_catalog_order():
    views = [_view("long", "T", (), steps=3), _view("short", "T", (), steps=1),
             _view("short-matrix", "T", (), steps=1, kinds=("matrix",), shapes=((), ("n", "n"))),
             _view("other", "U", (), steps=2)]
    out = related(views)
    assert out["short"].next_harder == "long"   # more steps before a bigger variable alone
    assert out["short-matrix"].next_harder == ""    # long's gradient by a vector is of a lower rank
    assert out["long"].next_harder == "" and out["other"].next_harder == ""
    assert difficulty(views[2]) == Difficulty(steps=1, rules=0, size=1, rank=2, symmetric=0)
    twins = [_view("a", "T", ()), _view("b", "T", ())]
    assert related(twins)["a"].next_harder == "b" and related(twins)["b"].next_harder == ""   # ties: catalog order


def test_next_harder_never_has_fewer_steps_rules_rank_or_symmetry():
    # by steps alone hessian-logdet led to a parabola's second derivative; by steps + rank X^-1 by X
    # (vec form) led to (A + tB)^-1 by t (a reader review): never a lower rank nor fewer steps
    views = [_view("hessian-by-matrix", "H", (), steps=1, kinds=("matrix",), shapes=(("n", "n"), ("n", "n")), order=2),
             _view("parabola", "H", (), steps=3, kinds=("scalar",), shapes=((), ()), order=2),
             _view("by-scalar", "H", (), steps=4, kinds=("matrix", "scalar"), shapes=(("n", "n"), ())),
             _view("hessian-by-vector", "H", (), steps=3, shapes=(("n",), ("n",)), order=2),
             _view("vec-form", "H", (), steps=2, kinds=("matrix",), shapes=(("n", "n"), ("n", "n")))]
    out = related(views)
    assert [(difficulty(v).steps, difficulty(v).rank) for v in views] == [(1, 4), (3, 0), (4, 2), (3, 2), (2, 4)]
    assert out["parabola"].next_harder == "by-scalar"      # more steps before hessian-by-vector's higher rank alone
    assert out["hessian-by-vector"].next_harder == "by-scalar"
    assert out["hessian-by-matrix"].next_harder == "vec-form"          # not by-scalar: its rank is lower
    assert out["vec-form"].next_harder == "" and out["by-scalar"].next_harder == ""
    plain = _view("logdet", "D", (), steps=1, kinds=("matrix",), shapes=((), ("n", "n")))
    symmetric = replace(plain, id="logdet-symmetric", results=(SimpleNamespace(**{**vars(plain.results[0]), "symmetric": True}),))
    det = replace(plain, id="det")
    out = related([symmetric, det, plain])
    assert out["logdet"].next_harder == "logdet-symmetric"
    assert out["logdet-symmetric"].next_harder == ""      # not det, by a matrix that need not be symmetric


def test_next_harder_never_has_fewer_rules_nor_a_smaller_result_where_a_bigger_one_is_there():
    # review s37 B-1: det(X^T A X) led to det(X) + tr(AX), more steps but fewer rules and a smaller result
    quadratic = _view("det-xtax", "D", ("determinant", "matmul-left-factor", "matmul-right-factor"), steps=3,
                      result="2 * det(X.T @ A @ X) * A @ X @ inv(X.T @ A @ X)")
    views = [quadratic, _view("det-plus-trace", "D", ("determinant", "trace"), steps=4, result="det(X) * inv(X).T + A.T"),
             _view("small", "D", ("determinant", "matmul-left-factor", "matmul-right-factor"), steps=4, result="X"),
             _view("big", "D", ("determinant", "matmul-left-factor", "matmul-right-factor", "inverse"), steps=5,
                   result="2 * det(X.T @ A @ X) * A @ X @ inv(X.T @ A @ X) + A.T @ X")]
    out = related(views)
    assert out["det-xtax"].next_harder == "big"     # not det-plus-trace (fewer rules), nor small (smaller result)
    assert difficulty(views[0]).rules == 3 and difficulty(views[1]).rules == 2


def test_a_zero_or_a_matrix_of_a_shape_is_no_work():
    sizes = [difficulty(_view("p", "T", (), result=text)).size for text in ("0", "zeros(m, n)", "eye(m*n)", "commutation(m, n)",
                                                                            "2 * X", "kron(x.T, eye(m))")]
    assert sizes == [0, 0, 1, 1, 4, 5]   # 2, X, * and the product; kron, its name, x.T (two) and eye(m)


def test_at_most_max_linked_pages_name_one_next_harder():
    # review s37 B-1: c tanh(x) was "next harder" for 13 pages, tr(a X^2) for 11
    easy = [_view(f"easy{k}", "T", ("elementwise-function",), steps=1, result="x") for k in range(MAX_LINKED + 3)]
    views = [*easy, _view("hub", "T", ("elementwise-function",), steps=2, result="c * x"),
             _view("further", "T", ("elementwise-function", "trace"), steps=3, result="tr(c * x)")]
    named = [r.next_harder for pid, r in related(views).items() if pid.startswith("easy")]
    assert named.count("hub") == MAX_LINKED and all(named)       # the others go on, to each other or further
    assert max(named.count(pid) for pid in set(named)) <= MAX_LINKED


def test_a_variant_links_the_next_variant_a_symmetric_constant_before_a_general_one():
    # review s37 B-1: gram-ratio-shifted (A symmetric) lost its link to the A-general page
    def view(pid, assume, result, steps=5):
        problem = make_problem("tr(inv(A + X.T @ C @ X) @ X.T @ B @ X)", {"A": ["n", "n"], "X": ["m", "n"], "C": ["m", "m"],
                               "B": ["m", "m"]}, ["X"], assume=assume)
        return replace(_view(pid, "T", ("inverse", "trace"), steps=steps, kinds=("matrix",), result=result),
                       function_key=function_key(problem))
    symmetric = view("shifted", {"A": ["symmetric"]}, "C @ X @ inv(A + X.T @ C @ X)")
    general = view("shifted-general", {}, "C @ X @ inv(A + X.T @ C @ X) + C @ X @ inv(A + X.T @ C @ X).T")
    near = _view("near", "T", ("inverse", "trace"), steps=6, kinds=("matrix",), result="C @ X @ inv(A + X.T @ C @ X) @ B")
    out = related([symmetric, near, general])
    assert out["shifted"].next_harder == "shifted-general"     # not near, though nearer by its result
    assert out["near"].next_harder == ""


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
