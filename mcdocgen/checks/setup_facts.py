"""Facts of the problem's set-up that a result's simplification uses: 1^T u = 0 for a centred u.

The steps put the intermediates back and simplify over the declared variables, and a fact that holds
for a set-up name's value is used there silently: layer normalisation's M - (1/n) M 1 1^T is
(I - 1 1^T / n - u u^T / (n s^2)) / s only because u = x - mean(x) sums to zero. A page says so, as
it says "since A is symmetric" (engine.assumption): ``checks.verify`` keeps the facts found here in the
``Verification`` (``setup_facts``), and present.facts only words them. A fact is of one of a few kinds (``Kind``: the
entries of a vector name sum to zero, or each row or each column of a matrix name does; a clipped name; a part a
dropped name's definition cancels, ``checks.definition_facts``). It is
stated where it holds (its value simplifies to zero) and is used: the put-back product and the
result, each written over the set-up's names, differ at a value of the name that breaks the fact
(the other names at their own values) and agree at one that keeps it.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from mcdocgen import language as E
from mcdocgen.catalog import Problem
from mcdocgen.checks.definition_facts import definition_facts
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.checks.walk import Point
from mcdocgen.checks.results import Kind, SetupFact
from mcdocgen.checks.sampling import NoPoint, point_rng, sample
from mcdocgen.engine.decompose import Intermediate
from mcdocgen.engine.derive import Derivation
from mcdocgen.engine.refold import Forms, refold
from mcdocgen.engine.simplify import simplify
from mcdocgen.engine.simplify.common import is_zero
from mcdocgen.language import Node
from mcdocgen.language.canonical import canonical
from mcdocgen.language.shapes import column

RTOL = 1e-7     # the two forms agree at a point: relative to the larger entry (both are checked results)


#: How a value is made to keep each kind of fact (numpy).
_KEEP: dict[Kind, Callable[[np.ndarray], np.ndarray]] = {
    Kind.SUM: lambda a: a - a.mean(axis=0, keepdims=True),
    Kind.ROW_SUMS: lambda a: a - a.mean(axis=1, keepdims=True),
    Kind.COLUMN_SUMS: lambda a: a - a.mean(axis=0, keepdims=True),
}


def _facts_of(var: E.Var) -> list[tuple[Kind, Node]]:
    """The facts a name of this shape could satisfy, each as the node that is zero."""
    rows, cols = var.shape.rows, var.shape.cols
    if var.shape.is_scalar:
        return []
    if cols == 1:
        return [(Kind.SUM, E.matmul(E.transpose(E.ones(var.shape)), var))]
    if rows == 1:
        return [(Kind.ROW_SUMS, E.matmul(var, E.transpose(E.ones(var.shape))))]
    return [(Kind.ROW_SUMS, E.matmul(var, E.ones(column(cols)))),
            (Kind.COLUMN_SUMS, E.matmul(E.transpose(E.ones(column(rows))), var))]


def _named(d: Derivation) -> list[Intermediate]:
    """The set-up's names whose values are compound (not the function's own)."""
    return [i for i in d.intermediates if i.from_catalog and i.value.children() and i.name != d.function]


def used_facts(problem: Problem, d: Derivation) -> tuple[SetupFact, ...]:
    """The facts of the set-up's names that take the put-back product to the result, in the steps' order."""
    named = _named(d)
    if not d.ok or d.put_back is None or d.result is None or d.symmetric is not None or not named:
        return ()
    forms: Forms = {}
    for i in named:
        var = E.var(i.name, i.shape, intermediate=True)
        forms.setdefault(canonical(i.value), var)
        if not i.shape.is_scalar:
            forms.setdefault(canonical(i.value, True), E.transpose(var))
    back, result = refold(d.put_back[0], forms), refold(d.result, forms)
    shown = E.free_vars(back) | E.free_vars(result)
    point = functools.cache(lambda: _sampled(problem, d, named))   # drawn once, and only where a check needs it
    found = [f for i in named if (f := _clip(point, i, forms, back, result)) is not None]
    # a definition's fact is proved by the simplifier; numbers confirm it, as every claim on a page is checked twice
    found += [f for f in definition_facts(back, result, d.result, {i.name: i.value for i in named})
              if f.sides is not None and _equal_at(point(), *f.sides)]
    for i in named:
        # written over the name only: a value the fact breaks changes every place the name stands for
        if i.name not in shown or (E.free_vars(i.value) & shown) or i.shape.is_scalar:
            continue
        var = E.var(i.name, i.shape, intermediate=True)
        for kind, zero in _facts_of(var):
            if _used(point(), i.name, kind, back, result) and \
                    is_zero(simplify(E.substitute(zero, {i.name: i.value}))):
                found.append(SetupFact(i.name, kind, zero))
    return tuple(found)


def _clip(point: Callable[[], _Point | None], i: Intermediate, forms: Forms, back: Node,
          result: Node) -> SetupFact | None:
    """A name for max(0, g) (Huber's e = max(0, a - d)) where the result drops a term H(g) o (...) because
    the name is g wherever H(g) = 1. The fact holds by max's definition (no simplifier proves it: the
    kind is found only for that form); that it is used is decided by numbers, as for the other kinds."""
    value = i.value
    if not isinstance(value, E.Maximum) or not any(isinstance(o, E.Num) and o.value == 0 for o in value.children()):
        return None
    g = refold(next(o for o in value.children() if not (isinstance(o, E.Num) and o.value == 0)), forms)
    if i.name not in E.free_vars(back) | E.free_vars(result) or i.name in E.free_vars(g):
        return None
    zero = E.mul(E.func(E.Fn.HEAVISIDE, g), E.sub(E.var(i.name, i.shape, intermediate=True), g))
    return SetupFact(i.name, Kind.CLIP, zero) if _used(point(), i.name, Kind.CLIP, back, result) else None


@dataclass(frozen=True)
class _Point:
    """A derivation's one sampled point, shared by its numeric checks here."""
    sizes: dict[object, int]
    variables: dict[str, np.ndarray]
    named: dict[str, np.ndarray]    # the variables, and each set-up name at its value there
    drawn: np.random.Generator      # as it stood after the point: a break is drawn from a copy, so every check's is one

    def broken(self, name: str) -> np.ndarray:
        """A value of ``name`` that breaks a fact: the point's next draw, whichever check asks."""
        return copy.deepcopy(self.drawn).normal(size=np.shape(self.named[name])) + 1.0


def _sampled(problem: Problem, d: Derivation, named: list[Intermediate]) -> _Point | None:
    """The point (None where none can be drawn)."""
    rng = point_rng(problem, d.wrt, seed=7)
    try:
        sizes, env = sample(problem, rng, [], d)
    except NoPoint:
        return None
    at = dict(env)
    for i in named:
        at[i.name] = evaluate(i.value, at, sizes)
    return _Point(sizes, dict(env), at, rng)


def _used(point: _Point | None, name: str, kind: Kind, back: Node, result: Node) -> bool:
    """The put-back product and the result differ at a value of ``name`` that breaks the fact, and agree
    at one that keeps it (the other names at their values at the point)."""
    if point is None:
        return False
    broken = point.broken(name)

    def agree(value: np.ndarray) -> bool:
        return _close(back, result, {**point.named, name: value}, point.sizes)

    # a clipped name is kept only by its own value (the others fix it): the break is what tells
    return not agree(broken) and agree(point.named[name] if kind is Kind.CLIP else _KEEP[kind](broken))


def _close(a: Node, b: Node, point: Point, sizes: Mapping[object, int]) -> bool:
    """``a`` and ``b`` agree at ``point``, relative to the larger entry, and are finite there."""
    with np.errstate(all="ignore"):
        x, y = np.asarray(evaluate(a, point, sizes), float), np.asarray(evaluate(b, point, sizes), float)
    scale = max(float(np.max(np.abs(x), initial=0.0)), float(np.max(np.abs(y), initial=0.0)), 1e-300)
    return bool(np.all(np.isfinite(x)) and np.allclose(x, y, rtol=0, atol=RTOL * scale))


def _equal_at(point: _Point | None, a: Node, b: Node) -> bool:
    """``a`` and ``b``, both over the variables, agree at the point (False where none could be drawn)."""
    return point is not None and _close(a, b, point.variables, point.sizes)
