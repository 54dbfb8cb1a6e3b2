"""The put-back row: the simplified product with the intermediates put back, the step a reader takes from the
product (over u, v, ...) to the Result (review s39 P2). The row, the form before A^T = A with its "Since ..." note,
and the Result make one naming decision (``shared_names``): a reader meets one name for one thing between them
(review s40 P2). The rows write only names the Result writes: never a letter of their own (trace-quartic's N =
B^T X^T C), nor a table's intermediate or a set-up name the Result writes out (det-xtax-square's U_2 = X^T A X, under
2 det(X^T A X) X^{-1}); and never a transpose of a transpose ((a^T Y^T)^T, written Y a)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import replace

from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.language.transposes import TAKEN_INSIDE, transposed
from mcdocgen.language.walks import free_vars, walk
from mcdocgen.present.naming import Naming
from mcdocgen.present.setupnames import NAMES_WIDTH
from mcdocgen.present.texwidth import naming_width

#: A row longer than this many em (two lines of a phone, in the names' measure: a naming decision, not a line
#: break) keeps a name the Result writes once (``shared_names``).
LONG_ROW = 2 * NAMES_WIDTH
#: A row that writes a part one of the problem's steps names this many times keeps the name, and the Result with it
#: (``shared_names``): logistic regression's p - p o y - (1 - p) o y, not sigma(X w) three times.
ROW_TIMES = 3


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


def row_names(named: Node, naming: Naming) -> frozenset[str]:
    """The page's names the row ``named`` writes (``with_names`` brings the names their parts are written with)."""
    return frozenset(free_vars(named) & {n.var.name for n in naming.names})


def shared_names(result: Node, named_result: Node, rows: Sequence[tuple[Node, Node]], naming: Naming,
                 latex: Callable[[Node], str]) -> frozenset[str]:
    """The names the Result and the rows before it write (``named_result``; ``rows``: each written out, and as
    ``Naming.for_row`` names it): the Result's, and a row's name whose part stands in the Result where it pays there,
    standing twice or more (M^{-1}, det M count: trace-inv-xtcx-a's -M (A + A^T) M X^T C below the row over M =
    (X^T C X)^{-1}), or where the row written out without it is longer than :data:`LONG_ROW` (the batch softmax's
    M = E 1 1^T), or, a name of the problem's steps, where the row writes it :data:`ROW_TIMES` times (logistic
    regression's p); a row's other names the row puts back (det-xtax-square's M, once in 2 det(X^T A X) X^{-1})."""
    keep = row_names(named_result, naming)
    steps = naming.set_up()   # the problem's own steps' names, met in its set-up: a page's letter (M) is not
    for name in sorted(set().union(*(row_names(named, naming) for _, named in rows)) - keep):
        trial = with_names(result, naming, keep | {name})
        times = count(trial, name)
        if times >= 2 or (times and any(naming_width(latex(written_with(row, named, naming, keep))) > LONG_ROW
                                       or (name in steps and count(named, name) >= ROW_TIMES)
                                       for row, named in rows if name in row_names(named, naming))):
            keep |= {name}
    return keep


def count(node: Node, name: str) -> int:
    """How many times ``node`` writes the name ``name``."""
    return sum(type(n) is E.Var and n.name == name for n in walk(node))


def written_with(row: Node, named: Node, naming: Naming, keep: Collection[str]) -> Node:
    """The row ``row`` (written out) with the names ``named`` (``Naming.for_row``'s form of it) writes, and those
    their parts are written with (neuron-loss's u in v = y - u), that ``keep`` holds (``shared_names``); the others
    put back."""
    used = set(row_names(named, naming))
    for name in reversed(naming.names):     # the last defined first: its definition uses only earlier names
        used |= free_vars(name.definition) if name.var.name in used else set()
    return with_names(row, naming, used & set(keep))
