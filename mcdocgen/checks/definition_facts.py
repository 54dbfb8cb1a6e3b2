"""Facts that follow from a set-up name's definition, where the result drops the name: "Since P = E / M,
(T / P) o (E / M^2) = T / M and ((T / P) / M) o E = T" (review s36 B-1, softmax regression over a data set).

The put-back product writes a set-up name (P = E / M) that the result no longer writes: the simplification put
the name's value in and cancelled it. A reader sees the product with P and a result without it, and needs the
parts that cancelled. They are found here: the smallest parts of the put-back product that hold the dropped
name and whose value, simplified, is shorter and stands in the result as it is (an elementwise factor over a
difference is taken to each term, as a reader distributes it: ((T / P) / M) o E from (A - (T / P) / M) o E).
A part whose names' own algebra shortens it (Y a b^T + Y b a^T = Y (a b^T + b a^T)) is no such fact: the part
simplified with its names kept, then put in, must be longer than what it simplifies to. Each is an equality the
simplifier proves (the part with every set-up name's value put in simplifies to the other side), so nothing is
sampled; ``checks.setup_facts`` keeps them among the set-up's facts; ``present.facts`` says them where the page's
put-back row writes the name.
"""

from __future__ import annotations

from collections.abc import Mapping

from mcdocgen import language as E
from mcdocgen.checks.results import Kind, SetupFact
from mcdocgen.engine.simplify import simplify
from mcdocgen.language import Node
from mcdocgen.language.walks import count_nodes, walk

_BIG = 20_000   # nodes: a part larger than this is not simplified (bounded work)


def definition_facts(back: Node, result: Node, full_result: Node, values: Mapping[str, Node]) -> tuple[SetupFact, ...]:
    """The parts of ``back`` (the put-back product over the set-up's names) that hold a name the result
    (``result`` over the names, ``full_result`` over the variables) drops, each with what it simplifies to, both
    over the variables; ``values``: each name's value."""
    dropped = (E.free_vars(back) - E.free_vars(result)) & set(values)
    if not dropped:
        return ()
    shown = set(walk(result)) | set(walk(full_result))
    found: list[SetupFact] = []
    parts: list[Node] = []      # the parts found, over the names

    def has(node: Node) -> bool:
        inside = set(walk(node))
        return any(part in inside for part in parts)

    def fact(part: Node) -> SetupFact | None:
        names = E.free_vars(part) & dropped
        whole = _put_in(part, values)
        if not names or count_nodes(whole, _BIG) >= _BIG:
            return None
        short = simplify(whole)
        # shorter only through the definition: the part simplified with its names kept, then put in, is longer
        # (Y a b^T + Y b a^T is Y (a b^T + b a^T) whatever Y is: the names' algebra, not their definitions)
        if short not in shown or count_nodes(short, _BIG) >= count_nodes(_put_in(simplify(part), values), _BIG):
            return None
        # over the variables: the page writes them with its own names (P, and the M of its put-back row)
        parts.append(part)
        return SetupFact(min(names), Kind.DEFINITION, E.sub(whole, short), (whole, short))

    def search(node: Node) -> bool:
        """Whether a fact was found in ``node`` (the smallest parts first)."""
        if not E.free_vars(node) & dropped:
            return False
        kids = node.children()
        inside = [search(k) for k in kids]
        if type(node) is E.Mul:     # a factor over a difference: each term times it, as a reader distributes
            for at, k in enumerate(kids):
                if type(k) is E.Add:
                    for term, done in zip(k.terms, (has(t) for t in k.terms), strict=True):
                        bare = term.children()[0] if type(term) is E.Neg else term
                        if not done and (f := fact(E.rebuild(node, (*kids[:at], bare, *kids[at + 1:])))):
                            found.append(f)
                            inside.append(True)
        if any(inside):
            return True
        if (f := fact(node)) is not None:
            found.append(f)
            return True
        return False

    search(back)
    return tuple(found)


def _put_in(node: Node, values: Mapping[str, Node]) -> Node:
    """``node`` with every set-up name's value put in, down to the variables."""
    while E.free_vars(node) & set(values):
        node = E.substitute(node, values)
    return node
