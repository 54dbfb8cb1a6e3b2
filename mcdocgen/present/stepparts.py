"""The parts a problem's own steps name (``Y = A + tB + t^2 C``), which keep those names where a page writes
them (``naming``, docs/notation.md "Names for repeated parts")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping

from mcdocgen import language as E
from mcdocgen.engine.derive import Derivation
from mcdocgen.engine.simplify import simplify
from mcdocgen.language import Node
from mcdocgen.language.walks import count_nodes

TOO_BIG = 20_000   # nodes: a row (naming) or a step's part larger than this is not searched (bounded work)


def step_parts(d: Derivation) -> dict[Node, str]:
    """The parts the problem's own steps name, and the function's value under the function's name
    (softmax's s: diag(s) - s s^T, no new w), each as written and as the engine simplifies it (the
    result has softmax(z) where the steps wrote exp(z) / sum(exp(z)))."""
    named = [(i.value, i.name) for i in d.intermediates if i.from_catalog or i.name == d.function]
    return {form: name for value, name in named for form in (value, simplify(value))
            if count_nodes(value, TOO_BIG) <= TOO_BIG}


class StepParts(Mapping[Node, str]):
    """The parts the steps name, each found up to the grouping and order of a sum's terms: the steps'
    Y = A + tB + t^2 C stands in a result as (A + tB) + t^2 C, and keeps the name Y (review s37 B-4)."""

    def __init__(self, parts: Mapping[Node, str]) -> None:
        self.parts = dict(parts)
        self._by_form = {_flat_sum(k): name for k, name in parts.items()}

    def __getitem__(self, node: Node) -> str:
        return self._by_form[_flat_sum(node)]

    def __contains__(self, node: object) -> bool:
        return isinstance(node, Node) and _flat_sum(node) in self._by_form

    def __iter__(self) -> Iterator[Node]:
        return iter(self.parts)

    def __len__(self) -> int:
        return len(self.parts)


def _flat_sum(node: Node) -> Node | frozenset[tuple[Node, int]]:
    """A sum as its terms, nested sums of its shape flattened, each with how often it stands; any other node as it is."""
    if type(node) is not E.Add:
        return node
    terms: list[Node] = []
    pending = list(node.terms)
    while pending:
        term = pending.pop(0)
        if type(term) is E.Add and term.shape == node.shape:
            pending[:0] = term.terms
        else:
            terms.append(term)
    return frozenset(Counter(terms).items())
