"""What the Result substitutes for the names the row above it writes, said before it: the set-up table names its
intermediates, and a row writes one by its name, or the page says the substitution (review s45: chain-rule-three's
product writes f, its Result exp(g), with no word between; layer-norm-affine's diag(z), then diag(u / s); the softmax
Jacobian's e and t, then s, where no put-back row stands between). "Since f = exp(g), the result reads:", each
definition as the table gives it, in its order: a name the row writes and the Result does not (f = exp(g)), and a
name the Result writes over the row's names, which the row does not (s = e / t, which says e and t too).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.language.walks import free_vars, walk
from mcdocgen.present.facts import AND_TEX, listed
from mcdocgen.present.latex import McLatexPrinter


#: Definitions said before the Result at most; more would repeat the set-up table in one line (review s46:
#: cookbook-det-second-derivative's eleven ran to five lines at 390 px): the sentence then points back to the table.
MAX_SAID = 4
TABLE_WRITTEN_OUT = "with the set-up table's names written out"


@dataclass(frozen=True, slots=True)
class SubstitutionNote:
    """The definitions the Result uses, LaTeX (f = \\exp(g), several joined by "and"; empty where there are more
    than :data:`MAX_SAID`: the sentence points back to the set-up table), and the sentence as text."""

    given: str
    text: str


def substitution_note(above: Node | None, results: Sequence[Node], table: Mapping[str, Node],
                      p: McLatexPrinter) -> SubstitutionNote | None:
    """The sentence before the Result for the table's names (``table``: each intermediate's definition, over earlier
    ones) the row ``above`` writes and the Result (``results``: as shown, with its "where" definitions) does not,
    with the names their definitions write that the Result does not either, and those the Result writes over the
    row's names only; each by the table's definition (one set of names: f = det(U_2) beside U_2 = U_1 X); None
    where there are none."""
    if above is None:
        return None
    row = {n.name: n for n in walk(above) if type(n) is E.Var and n.name in table}
    shown = set().union(*(free_vars(r) for r in results))
    taken = [(n.name, n) for r in results for n in walk(r) if type(n) is E.Var and n.name in table
             and n.name not in row and (uses := free_vars(table[n.name]) & set(table)) and uses <= set(row)]
    taken = list(dict(taken).items())
    said = set().union(*(free_vars(table[name]) for name, _ in taken)) if taken else set()
    back = {name: var for name, var in row.items() if name not in shown and name not in said}
    # and the names their definitions write that the Result writes out too: b = a - y, then a = x^T w
    nodes = {n.name: n for definition in table.values() for n in walk(definition) if type(n) is E.Var}
    more = list(back)
    while more:
        for name in sorted(free_vars(table[more.pop()]) & set(table) - shown - said - set(back)):
            back[name] = row.get(name) or nodes[name]
            more.append(name)
    # in the table's order, the order the reader met them in
    order = list(table)
    said_all = sorted([(name, var, table[name]) for name, var in back.items()]
                      + [(name, var, table[name]) for name, var in taken], key=lambda t: order.index(t[0]))
    pairs = [(var, definition) for _, var, definition in said_all]
    if not pairs:
        return None
    if len(pairs) > MAX_SAID:
        return SubstitutionNote("", f"{TABLE_WRITTEN_OUT}, the result reads:")
    return SubstitutionNote(listed([f"{p.doprint(v)} = {p.doprint(d)}" for v, d in pairs], AND_TEX),
                            f"since {listed([f'{E.flat_text(v)} = {E.flat_text(d)}' for v, d in pairs])}, "
                            "the result reads:")
