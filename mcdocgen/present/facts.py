"""The sentence that states a fact of the set-up the result's simplification uses,
where the steps go from the intermediates put back to the result: "Since 1^T u = 0 (the entries of u
= x - m with m = mean(x): its entries sum to zero), the result reads:", in both layouts, as "Since A is symmetric"
is said (present.symmetric). The check stage finds the facts (checks.setup_facts, kept in the Verification's
``setup_facts``); here they are only worded. The fact is over the set-up's own names; the definitions it rests on are
the set-up's steps that name it and the steps those use, in the problem's order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mcdocgen import language as E
from mcdocgen.catalog import Problem, rests_on
from mcdocgen.checks.results import Kind, SetupFact
from mcdocgen.engine import layout as L
from mcdocgen.engine.derive import Derivation
from mcdocgen.language import Layout, shapes
from mcdocgen.language.walks import walk
from mcdocgen.present.latex import McLatexPrinter

#: What each kind of fact says of its name.
SAYS = {Kind.SUM: "its entries sum to zero", Kind.ROW_SUMS: "each of its rows sums to zero",
        Kind.COLUMN_SUMS: "each of its columns sums to zero"}


@dataclass(frozen=True, slots=True)
class FactNote:
    """The facts used, LaTeX (1^T u = 0, several joined by commas), why each holds, and the same as text."""

    facts: str
    why: str        # LaTeX in prose: $u = x - m$ with $m = mean(x)$: its entries sum to zero
    text: str       # the whole sentence for the terminal


def _worded(fact: SetupFact, name: str, p: McLatexPrinter | None, also: str = "") -> tuple[str, str]:
    """The fact as the sentence states it, LaTeX where ``p`` is given, else text, and what it says of its name in
    prose: 1^T u = 0 (with ``also`` before the = 0: 1^T u = sum(u) = 0) and "its entries sum to zero"; for a clipped
    name e = max(0, g), whose zero is H(g) o (e - g), "e = g wherever H(g) = 1" (the term H(g) o (...) it removes),
    which says it all: no prose."""
    show = p.doprint if p else E.flat_text
    if fact.kind is Kind.CLIP:
        step = fact.zero.children()[0]
        where = r" \text{ wherever } " if p else " wherever "
        return f"{name} = {show(step.children()[0])}{where}{show(step)} = 1", ""
    row_vector = fact.kind is Kind.ROW_SUMS and fact.zero.shape.is_scalar   # u 1 of a row vector u
    return f"{show(fact.zero)}{also} = 0", SAYS[Kind.SUM if row_vector else fact.kind]


def _as_sum(d: Derivation, fact: SetupFact, p: McLatexPrinter) -> str:
    """`` = sum(u)`` where a simplified product writes the sum as sum(u) (1^T u = sum(u) = 0), else nothing."""
    if fact.kind is not Kind.SUM:
        return ""
    total = E.Sum(shapes.SCALAR, E.var(fact.name, fact.zero.children()[1].shape, intermediate=True))
    rows = [L.product(d, lay) for lay in Layout]
    return f" = {p.doprint(total)}" if any(n == total for row in rows for n in walk(row)) else ""


def fact_note(problem: Problem, d: Derivation, facts: Sequence[SetupFact], names: Mapping[str, str]) -> FactNote | None:
    """The sentence's parts for the facts of the set-up the result uses (``Verification.setup_facts``);
    None where it uses none."""
    if not facts:
        return None
    p = McLatexPrinter(names, d.function)
    steps = [(s.name, s.node) for s in problem.steps]
    why, text = [], []
    for f in facts:     # its own definition first, then the steps it rests on, in the problem's order
        own, *rest = [(f"${names[n]} = {p.doprint(node)}$", f"{n} = {E.flat_text(node)}")
                      for n, node in sorted(rests_on(steps, [f.name]), key=lambda step: step[0] != f.name)]
        stated, says = _worded(f, f.name, None)
        why.append(own[0] + (f" with {', '.join(r[0] for r in rest)}" if rest else "") + (f": {says}" if says else ""))
        text.append(f"{stated} ({own[1]}" + (f" with {', '.join(r[1] for r in rest)}" if rest else "")
                    + (f": {says})" if says else ")"))
    return FactNote(", ".join(_worded(f, names[f.name], p, _as_sum(d, f, p))[0] for f in facts), "; ".join(why),
                    f"since {', '.join(text)}, the result reads:")
