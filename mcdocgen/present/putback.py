"""The put-back row: the simplified product with the intermediates put back, the step a reader takes from the
product (over u, v, ...) to the Result (review s39 P2). It writes only names the Result writes too (its own
"where M = ..." and the set-up's names it keeps): never a letter of its own, which would be one more name for a
part the page names already (trace-quartic's N = B^T X^T C beside the table's U_2); and never a transpose of a
transpose ((a^T Y^T)^T, written Y a)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.language.transposes import TAKEN_INSIDE, transposed
from mcdocgen.language.walks import free_vars, walk
from mcdocgen.engine.decompose import Intermediate
from mcdocgen.present.naming import Naming
from mcdocgen.present.sameparts import same_row


def untangled(node: Node) -> Node:
    """``node`` with every transpose that, taken inside, leaves fewer transposes taken inside: (a^T Y^T)^T as Y a,
    (A^T)^T as A; (N X X^T C)^T stays (taken inside, C^T X X^T N^T, it has as many)."""
    kids = node.children()
    if not kids:
        return node
    new = tuple(untangled(k) for k in kids)
    node = node if new == kids else E.rebuild(node, new)
    if type(node) is E.Transpose:
        inside = transposed(node.arg, TAKEN_INSIDE)
        if _transposes(inside) < _transposes(node):
            return inside
    return node


def _transposes(node: Node) -> int:
    return sum(type(n) is E.Transpose for n in walk(node))


def with_names(row: Node, naming: Naming, keep: Collection[str]) -> Node:
    """``row`` (written out) with the parts that the names ``keep`` stand for under those names, and no other:
    the names its Result writes (the page's "where" line and the set-up's names met in the steps)."""
    inside = set(keep)      # and the names those parts are written with (layer norm's s = sqrt(v + c)), put back after
    for sub, var in reversed((*naming.replaced, *naming.held)):
        inside |= free_vars(sub) if var.name in inside else set()
    pairs = [(sub, var) for sub, var in (*naming.replaced, *naming.held) if var.name in inside]
    only = replace(naming, replaced=tuple(pairs), held=())
    for _ in range(len(pairs) + 1):     # a name inside another's part comes out once that one is named
        before, row = row, only.apply(row)
        if row == before:
            break
    return replace(naming, names=tuple(n for n in naming.names if n.var.name not in keep)).put_back(row)


def put_back_label(product: Node, row: Node, intermediates: Sequence[E.Var], latex: Callable[[Node], str]) -> str:
    """The intermediates the row puts back, LaTeX ("$\\mathbf{v}$"), where it keeps others the product writes
    (neuron-loss's z and u, which its Result writes too): '' where it puts back every one."""
    written = free_vars(product) & {i.name for i in intermediates}
    kept = written & free_vars(row)
    back = [i for i in intermediates if i.name in written - kept]
    return ", ".join(f"${latex(i)}$" for i in back) if kept and back else ""


def own_letters_out(back: Node, named: Node, naming: Naming, keep: Collection[str],
                    intermediates: Sequence[Intermediate]) -> Node:
    """The put-back row ``back`` with the names ``named`` (``Naming.for_row``'s form of it) writes, but a letter
    of the naming's own that its Result does not write (``keep``): one that stands for an intermediate of the
    page's table is written as that intermediate (trace-quartic's N = B^T X^T C as U_2), any other is written
    out (bilinear-square-gram's N)."""
    own = {n.var.name for n in naming.names} - set(naming.steps) - {var.name for _, var in naming.held}
    used = set(free_vars(named))
    for name in reversed(naming.names):     # and the names inside those (the last defined first)
        used |= free_vars(name.definition) if name.var.name in used else set()
    pairs: list[tuple[Node, E.Var]] = []
    for sub, var in (*naming.replaced, *naming.held):
        if var.name not in used:
            continue
        if var.name in keep or var.name not in own:
            pairs.append((sub, var))
            continue
        whole = untangled(naming.put_back(var))
        twin = next((i for i in intermediates if same_row(untangled(i.value), whole)), None)
        pairs += [] if twin is None else [(sub, E.var(twin.name, twin.value.shape))]
    return with_names(back, replace(naming, replaced=tuple(pairs), held=()), {var.name for _, var in pairs})
