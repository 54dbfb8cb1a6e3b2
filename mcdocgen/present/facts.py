"""The sentence that states a fact of the set-up the result's simplification uses,
where the steps go from the intermediates put back to the result: "Since 1^T u = 0 (the entries of u
= x - m with m = mean(x): its entries sum to zero), the result reads:", in both layouts, as "Since A is symmetric"
is said (present.symmetric). The check stage finds the facts (checks.setup_facts, kept in the Verification's
``setup_facts``); here they are only worded. The fact is over the set-up's own names; the definitions it rests on are
the set-up's steps that name it and the steps those use, in the problem's order, down to a name the put-back row's
where-block defines just above (Huber's e = max(0, a - k) is not defined again). The parts a dropped name's definition
cancels ((T / P) o (E / M^2) = T / M, since P = E / M) are written in the page's names where its put-back row writes
the name, and with the name put back where the row is written in other set-up names, which hide what cancels
((T / (E / M)) o (E / M^2) = T / M); a row in the declared variables alone shows it itself: no sentence.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace

from mcdocgen import language as E
from mcdocgen.catalog import Problem, rests_on
from mcdocgen.checks.results import Kind, SetupFact
from mcdocgen.engine import layout as L
from mcdocgen.engine.derive import Derivation
from mcdocgen.language import Layout, shapes
from mcdocgen.language.walks import walk
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.namedprinter import NamedPrinter
from mcdocgen.present.naming import NO_NAMES, Naming
from mcdocgen.present.putback import with_names

#: What each kind of fact says of its name.
SAYS = {Kind.SUM: "its entries sum to zero", Kind.ROW_SUMS: "each of its rows sums to zero",
        Kind.COLUMN_SUMS: "each of its columns sums to zero"}


@dataclass(frozen=True, slots=True)
class FactNote:
    """The facts used, LaTeX (1^T u = 0, several joined by commas), why each holds, and the same as text."""

    facts: str
    why: str        # LaTeX in prose: $u = x - m$ with $m = mean(x)$: its entries sum to zero
    text: str       # the whole sentence for the terminal
    # it writes names of the page's put-back row (a definition's parts: M = E 1 1^T), which a handout, writing that
    # row out, does not define: the handout does not say it
    named: bool = False
    # the definitions the parts that cancel rest on, said before them: "Since P = E / M, (T / P) o ... = T / M", never
    # "... = T (P = E / M)", which reads as T applied to something (review s37 C-1)
    given: str = ""


def _worded(fact: SetupFact, name: str, p: McLatexPrinter | None, also: str = "") -> tuple[str, str]:
    """The fact as the sentence states it, LaTeX where ``p`` is given, else text, and what it says of its name in
    prose: 1^T u = 0 (with ``also`` before the = 0: 1^T u = sum(u) = 0) and "its entries sum to zero"; for a clipped
    name e = max(0, g), whose zero is H(g) o (e - g), "e = g wherever H(g) = 1" (the term H(g) o (...) it removes),
    and for a part a definition cancels, that part and what it is, which say it all: no prose."""
    show = p.doprint if p else E.flat_text
    if fact.sides is not None:     # a part the name's definition cancels, and what it is
        return f"{show(fact.sides[0])} = {show(fact.sides[1])}", ""
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


def _back_names(d: Derivation, naming: Naming, p: McLatexPrinter, shown: Collection[str] | None) -> set[str]:
    """The names the put-back rows write as the page shows them (``shown``, else ``Naming.for_row``'s), with those
    their where-block defines: a part a definition cancels is said only where the reader sees the name (sin(u) /
    sin(u)^2 written out needs no word), and a name defined just above is not defined again in the sentence."""
    rows = [naming.for_row(row, p.doprint) for lay in Layout if (row := L.put_back(d, lay)) is not None] \
        if shown is None else [E.var(name, shapes.SCALAR) for name in sorted(shown)]
    return set().union(*(E.free_vars(row) for row in rows), *(E.free_vars(n.definition) | {n.var.name}
                                                                 for n in naming.used(rows)))


def fact_note(problem: Problem, d: Derivation, facts: Sequence[SetupFact], names: Mapping[str, str],
              naming: Naming = NO_NAMES, shown: Collection[str] | None = None) -> FactNote | None:
    """The sentence's parts for the facts of the set-up the result uses (``Verification.setup_facts``);
    None where it uses none. ``naming``: the page's names, which the put-back row above writes (M = E 1 1^T);
    ``shown``: the names that row writes as the page shows it (``LayoutView.put_back_names``)."""
    p = McLatexPrinter(names, d.function)
    above = _back_names(d, naming, p, shown) if facts else set()
    # a part a definition cancels is said where the reader sees the name, and, the name put back, where the row is
    # written in set-up names, which hide what cancels (the batch softmax's (T / (E / M)) o (E / M^2) = T / M); a row
    # in the declared variables alone shows it (scalar-chain's sin(x^3) / sin(x^3)^2)
    in_names = shown is not None and bool(set(shown) & {n.var.name for n in naming.names})
    put_back = {f: replace(f, sides=(with_names(f.sides[0], naming, shown or ()), with_names(f.sides[1], naming, shown or ())))
                for f in facts if f.kind is Kind.DEFINITION and f.sides is not None and f.name not in above and in_names}
    facts = [put_back.get(f, f) for f in facts if f.kind is not Kind.DEFINITION or f.name in above or f in put_back]
    out = set(put_back.values())
    if not facts:
        return None
    named = NamedPrinter(p, naming)     # a definition's parts, as the put-back row writes them
    steps = [(s.name, s.node) for s in problem.steps]
    why, text, given, given_text = [], [], [], []
    said: set[str] = set()
    for f in facts:     # its own definition first, then the steps it rests on, in the problem's order
        plain = " = ".join(E.flat_text(n if f in out else naming.named(n)) for n in f.sides) if f.sides \
            else _worded(f, f.name, None)[0]
        # one definition behind several parts is given once; a clipped name's, in the where-block just above, not again
        if f.name in said or (f.kind is Kind.CLIP and f.name in above):
            text.append(plain)
            continue
        said.add(f.name)
        if f in out:   # the name put back: no definition to give
            text.append(plain)
            continue
        if f.kind is Kind.DEFINITION:   # its own definition only, in the names of the put-back row's where-block
            value = next(i.value for i in d.intermediates if i.name == f.name)
            value = E.rebuild(value, tuple(naming.named(v) for v in value.children()))
            given.append(f"${names[f.name]} = {p.doprint(value)}$")
            given_text.append(f"{f.name} = {E.flat_text(value)}")
            text.append(plain)
            continue
        # the chain of definitions stops at a name the where-block just above defines
        cut = [(n, node) for n, node in steps if n == f.name or n not in above]
        own, *rest = [(f"${names[n]} = {p.doprint(node)}$", f"{n} = {E.flat_text(node)}")
                      for n, node in sorted(rests_on(cut, [f.name]), key=lambda step: step[0] != f.name)]
        says = _worded(f, f.name, None)[1]
        why.append(own[0] + (f" with {', '.join(r[0] for r in rest)}" if rest else "") + (f": {says}" if says else ""))
        text.append(f"{plain} ({own[1]}" + (f" with {', '.join(r[1] for r in rest)}" if rest else "")
                    + (f": {says})" if says else ")"))
    stated = [_worded(f, names[f.name], named if f.sides and f not in out else p, _as_sum(d, f, p))[0]
              for f in facts]
    return FactNote(listed(stated, AND_TEX), "; ".join(why),
                    f"since {''.join(g + ', ' for g in given_text)}{listed(text)}, the result reads:",
                    any(f.kind is Kind.DEFINITION for f in facts), listed(given))


#: "and" between the last two formulas of one inline formula, where a line may break (the page's inline formula breaks
#: only where it may: mathml.js).
AND_TEX = r" \text{ and }\allowbreak "


def listed(items: Sequence[str], last: str = " and ") -> str:
    """a, b and c ("" for none); `last` joins the last two (LaTeX rows pass their own spacing)."""
    return ", ".join(items[:-1]) + last + items[-1] if len(items) > 1 else "".join(items)
