"""Build Problem records straight from text, for tests of the stages after the catalog."""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.language import shapes
from mcdocgen.catalog import Assumption, Expected, Problem, StepDef, Variable


def make_problem(expression: str, variables: dict[str, list], wrt: list[str] | None = None,
                 steps: list[str] = (), expected: dict[str, str] | None = None,
                 assume: dict[str, list[str]] | None = None, pid: str = "test") -> Problem:
    assume = assume or {}
    sizes: list[str] = []
    for dims in variables.values():
        for d in dims:
            if isinstance(d, str) and d not in sizes:
                sizes.append(d)
    vars_ = tuple(
        Variable(name, shapes.from_spec(dims), tuple(Assumption(a) for a in assume.get(name, ())), 1)
        for name, dims in variables.items()
    )
    table = {v.name: E.var(v.name, v.shape, symmetric=Assumption.SYMMETRIC in v.assume) for v in vars_}
    size_map = {s: shapes.size_symbol(s) for s in sizes}
    derived_by = frozenset(wrt or variables)   # as the catalog's scope: a root of a zero no derivative meets is kept
    node = E.parse(expression, E.Scope(table, size_map, wrt=derived_by))
    step_defs, step_scope = [], {}
    for text in steps:
        name, rhs = (t.strip() for t in text.split("=", 1))
        n = E.parse(rhs, E.Scope(table, size_map, dict(step_scope), derived_by))
        step_defs.append(StepDef(name, text, n, 1))
        step_scope[name] = E.var(name, n.shape, intermediate=True)
    exp = {k: Expected(v, E.parse(v, E.Scope(table, size_map)), 1) for k, v in (expected or {}).items()}
    return Problem(pid, "Test problem", "Made by the tests.", (), "src", "General", vars_, tuple(sizes), expression, node,
                   tuple(wrt or list(variables)), tuple(step_defs), exp, 1)
