"""Shared by the tests of the matrix rewrites: a scope of variables and a numeric proof of a rewrite."""

import numpy as np

from mcdocgen import language as E
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.engine.simplify import SYMPY_BUDGET, Budget, RewriteId, simplify
from mcdocgen.language.shapes import from_spec, size_symbol

N, M = size_symbol("n"), size_symbol("m")
SHAPES = {"A": ["n", "n"], "B": ["n", "n"], "X": ["n", "n"], "C": ["n", "m"], "D": ["m", "n"],
          "R": ["m", "m"], "a": ["n"], "b": ["n"], "r": ["n"], "x": ["n"], "y": ["n"], "u": ["m"], "v": [2], "s": [], "t": []}
NODES = {k: E.var(k, from_spec(v)) for k, v in SHAPES.items()}
SCOPE = E.Scope(NODES, {"n": N, "m": M})


def parse(text: str) -> E.Node:
    return E.parse(text, SCOPE)


def same_value(left: E.Node, right: E.Node, seeds: int = 5) -> bool:
    """Both sides evaluate to the same array at random points (n = 3, m = 2; square ones invertible)."""
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        env = {k: rng.normal(size=(3 if d[0] == "n" else 2, 3 if d[-1] == "n" else 2) if len(d) == 2
                             else (3 if d and d[0] == "n" else 2 if d else 1, 1))
               for k, d in SHAPES.items()}
        for k in ("A", "B", "X", "R"):
            env[k] = env[k] + 3 * np.eye(env[k].shape[0])    # well away from singular
        a = evaluate(left, env, {N: 3, M: 2})
        b = evaluate(right, env, {N: 3, M: 2})
        if a.shape != b.shape or not np.allclose(a, b, rtol=1e-9, atol=1e-9):
            return False
    return True


def simplifies(before: str, after: str) -> set[RewriteId]:
    """``before`` simplifies to ``after``, value kept (:func:`same_value`); the rewrites that did it."""
    node = parse(before)
    budget = Budget(SYMPY_BUDGET)
    simple = simplify(node, budget)
    assert E.to_text(simple) == after
    assert same_value(node, simple)
    return set(budget.rewrites)
