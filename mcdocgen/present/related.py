"""Links between problems, from their derivations: "Uses the same rule" and "Next harder".

- Same rule: the problems whose derivations use a main rule this one uses (a rule that is not
  bookkeeping, :data:`COMMON_RULES`), those that share its rarest rules first (each shared rule
  weighs 1 / the number of problems that use it: sharing the determinant's rule says more than
  sharing the elementwise functions'), then catalog order; at most :data:`MAX_SAME_RULE`.
- Next harder: in the same topic, the problem that comes next by difficulty, :func:`difficulty`:
  the number of local derivatives of its longest derivation, then the size of its variables (a
  scalar 0, a vector 1, a matrix 2, summed), then catalog order. The last one has none.

Computed once for a catalog, as ids; the pages turn them into links.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

from mcdocgen.engine.rules import RuleId
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


def main_rules(view: ProblemView) -> frozenset[str]:
    return frozenset(view.rules) - {r.value for r in COMMON_RULES}


def difficulty(view: ProblemView) -> tuple[int, int]:
    """(local derivatives of the longest derivation, size of the variables): larger is harder."""
    steps = max((len(r.layouts[0].locals) for r in view.results if r.layouts), default=0)
    return steps, sum(_KIND_SIZE.get(v.kind, 0) for v in view.variables)


def related(views: Sequence[ProblemView]) -> dict[str, Related]:
    """Each problem's related problems, by id; deterministic (catalog order breaks every tie)."""
    rules = {v.id: main_rules(v) for v in views}
    users = Counter(rule for rs in rules.values() for rule in rs)
    order = {v.id: k for k, v in enumerate(views)}
    ranked = {v.id: (difficulty(v), order[v.id]) for v in views}
    out: dict[str, Related] = {}
    for v in views:
        shared = [(sum(Fraction(1, users[r]) for r in rules[v.id] & rules[w.id]), w.id)
                  for w in views if w.id != v.id and rules[v.id] & rules[w.id]]
        same = tuple(pid for _, pid in sorted(shared, key=lambda s: (-s[0], order[s[1]]))[:MAX_SAME_RULE])
        harder = sorted((ranked[w.id], w.id) for w in views if w.topic == v.topic and ranked[w.id] > ranked[v.id])
        out[v.id] = Related(same, harder[0][1] if harder else "")
    return out
