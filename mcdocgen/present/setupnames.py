"""The set-up's names in one formula, all or none (review s39): a row that writes one of the names the
problem's steps set up writes every other part of the steps it holds by its name too (neuron-loss's
H(z) o (u - y), not H(z) o (relu(z) - y) beside the steps' u = relu(z)), where the names pay there; else it
writes none of them (6 x^2 cos(x^3) / sin(x^3), not 6 x^2 cos(u) / sin(u): u = x^3 saves little).

The names pay in a row where the row written out is wider than :data:`NAMES_WIDTH`, or
where they make it at least :data:`PAYS` em narrower (both in ``texwidth.naming_width``'s em: the names were
reviewed in that measure, and do not move with the site's math font). ``naming.Naming.for_row`` calls this on every row it
names; the functions here take its tree edits (``nameedits``: ``replace``, ``put``) as arguments."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence

from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.language.walks import count_nodes, free_vars, walk
from mcdocgen.present.stepparts import TOO_BIG
from mcdocgen.present.texwidth import naming_width

#: The set-up's names pay in a row that fits a phone's line written out where they make it at least this
#: many em narrower: neuron-loss's z = Xw + b (twice) and u = relu(z) do; scalar-chain's u = x^3 does not.
PAYS = 4.0
#: Where names pay, a row (its right side) wider than this: a phone's line as it was measured in KaTeX's font when
#: the names were reviewed (sessions 35-39); the line breaker's own budget is ``lines.LINE_WIDTH``.
NAMES_WIDTH = 17.5
Pairs = Sequence[tuple[Node, E.Var]]
Replace = Callable[[Node, Node, E.Var], Node]


def held_parts(parts: Sequence[tuple[Node, str]], named: Pairs, replace: Replace) -> tuple[tuple[Node, E.Var], ...]:
    """The steps' parts (``parts``: each form under its step's name, in the steps' order) that no name in
    ``named`` stands for, each written with the names before it (the steps' u = relu(X w + b) as relu(z)
    beside z = X w + b): the names a row holds beside another of the steps' only."""
    taken = {var.name for _, var in named}
    out: list[tuple[Node, E.Var]] = []
    for form, name in parts:
        if name in taken:
            continue
        for sub, var in (*named, *out):
            form = replace(form, sub, var)
        if form.children() and not any(form == sub for sub, _ in out):
            out.append((form, E.var(name, form.shape)))
    return tuple(out)


def all_named(row: Node, pairs: Pairs, replace: Replace) -> Node:
    """``row`` with every part ``pairs`` name (in their order, the names before first) under its name."""
    for _ in range(len(pairs) + 1):     # a part named inside another comes out after that one is named
        before = row
        for sub, var in pairs:
            row = replace(row, sub, var)
        if row == before:
            break
    return row


def all_or_none(row: Node, pairs: Pairs, written_out: Callable[[Node], Node], latex: Callable[[Node], str],
                replace: Replace, pays_elsewhere: bool = False) -> Node:
    """``row`` with all the set-up's names it holds (``pairs``) or none of them (``written_out``: the row with
    the set-up's names put back): all where they pay here (:func:`pays`) or in the other layout's row
    (``pays_elsewhere``: one set of names a page), else none; unchanged where it writes none of them."""
    steps = {var.name for _, var in pairs}
    if not free_vars(row) & steps or count_nodes(row, TOO_BIG) > TOO_BIG:
        return row
    every = all_named(row, pairs, replace)
    none = written_out(every)
    return every if pays_elsewhere or pays(every, none, latex, steps) else none


def pays(named: Node, none: Node, latex: Callable[[Node], str], steps: Collection[str]) -> bool:
    """Whether the set-up's names (``steps``) in ``named`` pay: written out (``none``) the row does not fit a
    phone's line, or is :data:`PAYS` em wider, or one of them stands in it twice or more and saves anything."""
    wide, narrow = naming_width(latex(none)), naming_width(latex(named))
    twice = any(sum(type(n) is E.Var and n.name == name for n in walk(named)) > 1 for name in steps)
    return wide > NAMES_WIDTH or wide - narrow >= PAYS or (twice and wide > narrow)
