"""A memo of answers that depend on an AtomNames only through the names of a node's atoms (native_sums' sums, met
again in every node that holds them, ~40 times a derivation): ``value`` names nothing but the atoms ``_atoms_of`` lists,
so the key holds the node, the names its atoms already have, the counter new ones would be numbered from and whether a
variable's own name is taken; on a hit the atoms the first call named are named again, in its order, so the names
left are those the call itself leaves (tests/test_native_sums.py checks both on random sums)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from mcdocgen.engine.monomial import AtomNames
from mcdocgen.engine.plain import ALGEBRA
from mcdocgen.language import Node, Num, Var

T = TypeVar("T")
MEMO_SIZE = 4096


class NamesMemo(dict[tuple[object, ...], tuple[object, tuple[Node, ...]]]):
    """Answers and the atoms each first call named; ``cache_clear`` for SymPy's clear_cache (scalars.CACHE)."""

    def cache_clear(self) -> None:
        self.clear()


def memoised(memo: NamesMemo, node: Node, names: AtomNames, extra: object, compute: Callable[[], T]) -> T:
    """compute(), which names ``node``'s atoms in ``names`` as it goes, or its answer remembered for the same key."""
    atoms = _atoms_of(node)
    known = tuple(names.by_node.get(a) for a in atoms)
    fresh = None in known
    key = (node, extra, known, names.atoms if fresh else -1,
           tuple(isinstance(a, Var) and a.name in names.by_name for a, k in zip(atoms, known, strict=True) if k is None))
    hit = memo.get(key)
    if hit is not None:
        for a in hit[1]:
            names.name(a)
        return hit[0]  # type: ignore[return-value]
    before = len(names.by_node)
    found = compute()
    if len(memo) >= MEMO_SIZE:
        memo.clear()
    memo[key] = (found, tuple(list(names.by_node)[before:]) if fresh else ())
    return found


def _atoms_of(node: Node) -> tuple[Node, ...]:
    """The atoms ``value`` may name in ``node`` (native.name_atoms' walk, naming nothing), in the order it meets them."""
    out: dict[Node, None] = {}
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, ALGEBRA):
            if not isinstance(n, Num):
                stack.extend(reversed(n.children()))
        else:
            out.setdefault(n)
    return tuple(out)
