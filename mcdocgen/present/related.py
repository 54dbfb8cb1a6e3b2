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
- Next harder: a problem of the same topic that is harder by what a student sees of it
  (:class:`Difficulty`: its steps, its main rules, the size of its results, the rank of its largest
  derivative, a symmetric variable) and easier by none of steps, rules, rank and symmetry. First the
  catalog's variants: the same expression by the same variable for other matrices (A symmetric, then
  A general; X square, then not) link the next of them that is at least as hard by every measure.
  Then each other page takes the nearest harder problem (:func:`_cost`: the relative rise of each
  measure, less the share of its pieces the other reuses, the problems with more steps or a new rule
  first), the pages with the fewest choices first, a problem named by :data:`MAX_LINKED` pages being
  full. A problem none is harder than has none. (Harder by steps alone, det(X) + tr(AX) was "next
  harder" after det(X^T A X); by every measure but the result's size, tr(aX^2) collected 11 links.)

Computed once for a catalog, as ids; the pages turn them into links.
"""

from __future__ import annotations

import ast
from collections import Counter
from collections.abc import Sequence
from dataclasses import astuple, dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from mcdocgen import language as E
from mcdocgen.catalog import Problem
from mcdocgen.engine.rules import RuleId
from mcdocgen.language.vocabulary import Call

if TYPE_CHECKING:   # views imports function_key from here
    from mcdocgen.present.views import ProblemView

#: Rules almost every derivation uses: sharing one says nothing about two problems.
COMMON_RULES = frozenset({RuleId.IDENTITY, RuleId.SUM_RULE, RuleId.NEGATION, RuleId.SCALAR_MULTIPLE, RuleId.CONSTANT_MULTIPLE,
                          RuleId.TRANSPOSE, RuleId.LITERAL, RuleId.COMPONENT})
MAX_SAME_RULE = 5
#: At most this many pages name one problem their next harder: an easy page reached from a dozen
#: (c tanh(x) from 13 in review s37) is a hub, not a next step.
MAX_LINKED = 3
_SHAPED = frozenset(c.value for c in (Call.EYE, Call.ONES, Call.ZEROS, Call.COMMUTATION))   # their arguments are sizes


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


@dataclass(frozen=True, slots=True)
class Difficulty:
    """What a student sees of a problem's work, each a count: more in one is harder by it."""

    steps: int          # local derivatives in all its derivations: the rows of its steps tables
    rules: int          # the distinct main rules its steps use (bookkeeping ones: COMMON_RULES)
    size: int           # syntax nodes of its results, sizes not counted (_size)
    rank: int           # of its largest derivative: the function's dimensions plus the variable's
    symmetric: int      # 1 if by a symmetric matrix

    def at_least(self, other: Difficulty) -> bool:
        """No fewer steps or rules, no lower rank, by a symmetric matrix if ``other`` is: not easier."""
        return (self.steps >= other.steps and self.rules >= other.rules and self.rank >= other.rank
                and self.symmetric >= other.symmetric)

    def harder_than(self, other: Difficulty) -> bool:
        """Not easier, and more by one measure (a smaller result is ranked after: :func:`_cost`)."""
        return self.at_least(other) and any(a > b for a, b in zip(astuple(self), astuple(other), strict=True))

    def above(self, other: Difficulty) -> bool:
        """At least as much by every measure, the result's size too, and more by one: a variant's next."""
        return self.at_least(other) and self.size >= other.size and self != other


def _size(text: str) -> int:
    """The syntax nodes of a result's text (as language.syntax_size), but a matrix of a shape (eye(n),
    ones(N), commutation(m, n)) one node and a zero none: its sizes are no work to a student."""
    if text.strip() == "0":
        return 0
    count, stack = 0, list[ast.AST]([ast.parse(text, mode="eval").body])
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _SHAPED:
            count += node.func.id != Call.ZEROS.value
        elif not isinstance(node, ast.expr_context):
            count += 1
            stack.extend(ast.iter_child_nodes(node))
    return count


def difficulty(view: ProblemView) -> Difficulty:
    """A problem's :class:`Difficulty`, from its derivations. A Hessian's function is the gradient:
    its rank is its shape's and the variable's; the gradient's steps count too, the page shows them."""
    shown = [r for r in view.results if r.layouts]
    return Difficulty(sum(len(r.layouts[0].locals) for r in shown), len(main_rules(view)),
                      sum(_size(r.layouts[0].result_text) for r in shown),
                      max((len(r.function_shape) + len(r.wrt_shape) for r in view.results), default=0),
                      int(any(r.symmetric is not None for r in view.results)))


def variant_key(key: str) -> str:
    """A :func:`function_key` without its shapes and assumptions (its last bracket, which has none
    inside): problems with one variant key derive one expression, stated for other matrices."""
    return key.rpartition(" (")[0]


def _rise(a: int, b: int) -> float:
    return abs(b - a) / max(a, 1)


def _pieces(view: ProblemView) -> frozenset[str]:
    return main_rules(view) | {op.value for op in view.operations}


def _cost(d: Difficulty, e: Difficulty, pieces: frozenset[str], others: frozenset[str],
          new_rule: bool) -> tuple[int, float]:
    """How far a step from ``d`` up to ``e`` is, less the share of this problem's pieces (main rules,
    operations) it reuses. First the problems with more steps or rules or a main rule this one lacks
    (sin(x) exp(x) after sin(x) + exp(x)); then those with a bigger result only (tanh(x) + Ax after
    sin(x) + Ax is hardly a next step), those harder by their variable only (a constant by a matrix
    after one by a vector), those with a smaller result, those as hard."""
    work = (e.steps, e.rules) != (d.steps, d.rules) or new_rule
    tier = 4 if e == d else 3 if e.size < d.size else 0 if work else 1 if e.size > d.size else 2
    far = _rise(d.steps, e.steps) + _rise(d.rules, e.rules) + _rise(d.size, e.size) \
        + (e.rank - d.rank + e.symmetric - d.symmetric) / 2
    return tier, round(far - (len(pieces & others) / len(pieces) if pieces else 1.0), 9)


def related(views: Sequence[ProblemView]) -> dict[str, Related]:
    """Each problem's related problems, by id; deterministic (catalog order breaks every tie)."""
    rules = {v.id: main_rules(v) for v in views}
    users = Counter(rule for rs in rules.values() for rule in rs)
    order = {v.id: k for k, v in enumerate(views)}
    same: dict[str, tuple[str, ...]] = {}
    twins: dict[str, tuple[str, ...]] = {}
    for v in views:
        twins[v.id] = tuple(w.id for w in views if w.id != v.id and v.function_key and w.function_key == v.function_key)
        shared = [(sum(Fraction(1, users[r]) for r in rules[v.id] & rules[w.id]), w.id)
                  for w in views if w.id != v.id and w.id not in twins[v.id] and rules[v.id] & rules[w.id]]
        same[v.id] = tuple(pid for _, pid in sorted(shared, key=lambda s: (-s[0], order[s[1]]))[:MAX_SAME_RULE])
    harder = next_harder(views, twins)
    return {v.id: Related(same[v.id], harder.get(v.id, ""), twins[v.id]) for v in views}


def next_harder(views: Sequence[ProblemView], twins: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Each problem's next harder, by id, where it has one: first a variant's next (:func:`variant_key`),
    then, the pages with the fewest choices first, the cheapest (:func:`_cost`) of those not yet named
    by :data:`MAX_LINKED` pages."""
    order = {v.id: k for k, v in enumerate(views)}
    by_id = {v.id: v for v in views}
    measured = {v.id: difficulty(v) for v in views}
    pieces = {v.id: _pieces(v) for v in views}
    choices: dict[str, list[str]] = {}
    variants: dict[str, str] = {}
    for v in views:
        d = measured[v.id]
        others = [w for w in views if w.topic == v.topic and w.id != v.id and w.id not in twins[v.id]]
        kin = [w.id for w in others if v.function_key and variant_key(w.function_key) == variant_key(v.function_key)
               and measured[w.id].above(d)]
        if kin:
            variants[v.id] = min(kin, key=lambda w: (astuple(measured[w]), order[w]))
        ok = [w.id for w in others if measured[w.id].harder_than(d) or (measured[w.id] == d and order[w.id] > order[v.id])]
        choices[v.id] = sorted(ok, key=lambda w: (*_cost(d, measured[w], pieces[v.id], pieces[w],
                                                         bool(main_rules(by_id[w]) - main_rules(v))), order[w]))
    out: dict[str, str] = {}
    named: Counter[str] = Counter()
    for pid, target in variants.items():
        if named[target] < MAX_LINKED:
            out[pid] = target
            named[target] += 1
    for pid in sorted((v.id for v in views if v.id not in out), key=lambda p: (len(choices[p]), order[p])):
        target = next((w for w in choices[pid] if named[w] < MAX_LINKED), "")
        if target:
            out[pid] = target
            named[target] += 1
    return out

