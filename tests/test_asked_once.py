"""Issue 15 item 1: one derivation asks SymPy's route about each subtree once. The product's passes, the final
simplification of the put-back result, the layouts, the kink analyses, refold and the checks meet a subtree again in
the memo (scalars._simplified), not in SymPy. Measured over tg_cases, fresh, fresh3-10 and the catalog with its checks
(s38: 1,241 derivations, 1,106 by_sympy calls, none repeated); these cases keep it so, each derived cold."""

import collections

import pytest
from sympy.core.cache import clear_cache

from problem_factory import make_problem
from mcdocgen.checks.verify import verify
from mcdocgen.engine import scalars
from mcdocgen.engine.derive import derive

# kinds whose final simplification is costly (put-back sums, exps and roots), a matrix variable, a kink
_CASES = (
    ("log(exp(dot(a, x)) + exp(-dot(a, x)))", {"a": ["n"], "x": ["n"]}, "x"),
    ("sum(x**3) / sum(x**2)**(3/2)", {"x": ["n"]}, "x"),   # (sqrt(|x|^2 + |y|^2): native since s42)
    ("exp(-c * log(1 + norm(x - y)**2 / (2 * c)))", {"c": [], "x": ["n"], "y": ["n"]}, "c"),
    ("sum((y - X @ w)**2 * exp(-(X @ v)) + X @ v)", {"y": ["m"], "X": ["m", "n"], "w": ["n"], "v": ["n"]}, "v"),
    ("log(exp(tr(A @ X)) + exp(tr(B @ X)))", {"A": ["n", "n"], "B": ["n", "n"], "X": ["n", "n"]}, "X"),
    ("relu(c - y * (dot(w, a) - dot(w, b)))", {"c": [], "y": [], "w": ["n"], "a": ["n"], "b": ["n"]}, "w"),
)


def _asked(monkeypatch: pytest.MonkeyPatch) -> collections.Counter:
    asked: collections.Counter = collections.Counter()
    route = scalars.by_sympy

    def counted(node):
        asked[node] += 1
        return route(node)

    monkeypatch.setattr(scalars, "by_sympy", counted)
    return asked


@pytest.mark.parametrize(("expression", "variables", "wrt"), _CASES, ids=[c[0] for c in _CASES])
def test_a_derivation_and_its_checks_ask_sympy_once_per_subtree(monkeypatch, expression, variables, wrt):
    problem = make_problem(expression, variables, [wrt])
    asked = _asked(monkeypatch)
    clear_cache()   # cold, as the bench derives: every memo registered with SymPy's cache is cleared
    d = derive(problem, wrt)
    assert d.ok
    assert verify(problem, d).ok
    clear_cache()
    assert asked, "SymPy's route was not asked at all: the case no longer tests the memo"
    assert [n for n, k in asked.items() if k > 1] == []


def test_the_guard_sees_a_repeat(monkeypatch):
    """Without the memo the same cases ask SymPy again: the test above can fail. (The first case's one repeat was
    the refold's simplification of the function, no longer asked for: refold keys it only where a tree of its
    shape is as long.)"""
    monkeypatch.setattr(scalars, "_simplified", scalars._simplified.__wrapped__)
    expression, variables, wrt = _CASES[2]
    problem = make_problem(expression, variables, [wrt])
    asked = _asked(monkeypatch)
    clear_cache()
    derive(problem, wrt)
    clear_cache()
    assert any(k > 1 for k in asked.values())
