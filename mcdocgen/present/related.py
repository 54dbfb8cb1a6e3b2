"""Links between problems, from their derivations: "The same function", "Uses the same rule" and "Next harder".

- The same function: the other problems that are this one up to the names of its variables and
  sizes (:func:`function_key`), in catalog order: one function stated by two sources, or twice by
  one (the Matrix Cookbook's eqs. 63 and 124), keeps a page at each source's place, and each page
  says so at its top instead of reading as a different problem.

- Same rule: the problems whose derivations use a main rule this one uses (a rule that is not
  bookkeeping, :data:`COMMON_RULES`), those that share its rarest rules first (each shared rule
  weighs 1 / the number of problems that use it: sharing the determinant's rule says more than
  sharing the elementwise functions'), then catalog order; at most :data:`MAX_SAME_RULE`.
- Neither links a problem that is this one up to the names of its variables and sizes (the same
  expression by the same variable, :func:`function_key`): "next harder" must be another function.
- Next harder: in the same topic, the nearest problem that is harder in every measure of
  :func:`difficulty` -- no fewer local derivatives in its longest derivation, a derivative of no
  lower rank (the function's dimensions plus the variable's: a Hessian by a matrix or a vec-form
  Jacobian of a matrix by a matrix 4, a gradient by a vector 1), by a symmetric matrix if this one
  is -- nearest by their sum, then the size of its variables (a scalar 0, a vector 1, a matrix 2,
  summed), then catalog order. A problem none is harder than in every measure has none. (By steps
  alone a Hessian of log det X led to a parabola's second derivative; by their sum alone X^-1 by X
  led to (A + tB)^-1 by t.)

Computed once for a catalog, as ids; the pages turn them into links.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from mcdocgen import language as E
from mcdocgen.catalog import Problem
from mcdocgen.engine.rules import RuleId

if TYPE_CHECKING:   # views imports function_key from here
    from mcdocgen.present.views import ProblemView

#: Rules almost every derivation uses: sharing one says nothing about two problems.
COMMON_RULES = frozenset({RuleId.IDENTITY, RuleId.SUM_RULE, RuleId.NEGATION, RuleId.SCALAR_MULTIPLE, RuleId.CONSTANT_MULTIPLE,
                          RuleId.TRANSPOSE, RuleId.LITERAL, RuleId.COMPONENT})
MAX_SAME_RULE = 5
_KIND_SIZE = {"scalar": 0, "vector": 1, "matrix": 2}


@dataclass(frozen=True, slots=True)
class Related:
    same_rule: tuple[str, ...]      # problem ids, best first
    next_harder: str                # a problem id, or ''
    same_function: tuple[str, ...] = ()     # problem ids, catalog order


def function_key(problem: Problem) -> str:
    """The expression, the variables derived by (and Hessians), the variables' shapes and assumptions,
    each variable and size named by its first appearance (v0, v1, ...; s0, ...): two problems with one
    key derive one function, differently named (a symmetric X or a Hessian makes another problem)."""
    names: dict[str, E.Node] = {}
    sizes: dict[str, str] = {}
    shapes = []
    declared = (E.var(v.name, v.shape) for v in problem.variables if v.name in problem.wrt)   # a constant's too
    for node in (*E.walk(problem.expression), *declared):
        if isinstance(node, E.Var) and node.name not in names:
            names[node.name] = E.var(f"v{len(names)}", node.shape)
            dims = (str(node.shape.rows), str(node.shape.cols))
            assumed = sorted(a.value for a in problem.variable(node.name).assume) if not node.intermediate else []
            shapes.append(" ".join([",".join(d if d.isdigit() else sizes.setdefault(d, f"s{len(sizes)}") for d in dims),
                                    *assumed]))

    def named(ws: tuple[str, ...]) -> str:
        return " ".join(E.to_text(names[w]) for w in ws)
    return f"{E.to_text(E.substitute(problem.expression, names))} by {named(problem.wrt)}, " \
           f"Hessian by {named(problem.hessian)} ({'; '.join(shapes)})"


def main_rules(view: ProblemView) -> frozenset[str]:
    return frozenset(view.rules) - {r.value for r in COMMON_RULES}


def difficulty(view: ProblemView) -> tuple[int, int, int, int]:
    """(local derivatives of the longest derivation, rank of the largest derivative, 1 if by a symmetric
    matrix, size of the variables). A Hessian's function is the gradient: its rank is its shape's and
    the variable's."""
    rank = max((len(r.function_shape) + len(r.wrt_shape) for r in view.results), default=0)
    steps = max((len(r.layouts[0].locals) for r in view.results if r.layouts), default=0)
    symmetric = any(r.symmetric is not None for r in view.results)
    return steps, rank, int(symmetric), sum(_KIND_SIZE.get(v.kind, 0) for v in view.variables)


def _nearness(d: tuple[int, int, int, int]) -> tuple[int, int]:
    return d[0] + d[1] + d[2], d[3]


def harder_in_every_measure(d: tuple[int, int, int, int], than: tuple[int, int, int, int]) -> bool:
    """No fewer steps, no lower rank, symmetric if ``than`` is: never an easier problem by one measure."""
    return all(a >= b for a, b in zip(d[:3], than[:3], strict=True))


def related(views: Sequence[ProblemView]) -> dict[str, Related]:
    """Each problem's related problems, by id; deterministic (catalog order breaks every tie)."""
    rules = {v.id: main_rules(v) for v in views}
    users = Counter(rule for rs in rules.values() for rule in rs)
    order = {v.id: k for k, v in enumerate(views)}
    measured = {v.id: difficulty(v) for v in views}
    ranked = {v.id: (_nearness(measured[v.id]), order[v.id]) for v in views}
    out: dict[str, Related] = {}
    for v in views:
        twins = tuple(w.id for w in views if w.id != v.id and v.function_key and w.function_key == v.function_key)
        others = [w for w in views if w.id != v.id and w.id not in twins]
        shared = [(sum(Fraction(1, users[r]) for r in rules[v.id] & rules[w.id]), w.id)
                  for w in others if rules[v.id] & rules[w.id]]
        same = tuple(pid for _, pid in sorted(shared, key=lambda s: (-s[0], order[s[1]]))[:MAX_SAME_RULE])
        harder = sorted((ranked[w.id], w.id) for w in others if w.topic == v.topic and ranked[w.id] > ranked[v.id]
                        and harder_in_every_measure(measured[w.id], measured[v.id]))
        out[v.id] = Related(same, harder[0][1] if harder else "", twins)
    return out
