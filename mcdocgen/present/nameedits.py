"""The tree edits behind a page's names (``naming``): a named part replaced by its name, and its definition put
back in its place; exact inverses, so that a named row is always the checked result."""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.language.build import matmuls
from mcdocgen.language.walks import matmul_factors
from mcdocgen.present.roots import squared, unsquared
from mcdocgen.present.sameparts import factor_run, reordered as _reordered, run as _run, transposed as _transposed


def replace(node: Node, subtree: Node, var: E.Var, runs: bool = False) -> Node:
    """``node`` with every occurrence of ``subtree`` (up to the order of a sum's terms, or transposed) as ``var``."""
    if node == subtree or _reordered(node, subtree):
        return var
    if _transposed(node, subtree):
        return E.transpose(var)
    # a run of a longer product's factors, for a steps' name (``runs``), met already: Y^T in M X^T X^T X
    if runs and (at := factor_run(node, subtree)) is not None:
        have, k = matmul_factors(node), len(matmul_factors(subtree))
        named = [*have[:at[0]], E.transpose(var) if at[1] else var, *have[at[0] + k:]]
        return replace(matmuls(named), subtree, var, runs)
    if (square := squared(node, subtree, var)) is not None:     # v + c as s^2 for s = sqrt(v + c) (present.roots)
        return square
    kids = node.children()
    if not kids:
        return node
    new = tuple(replace(k, subtree, var, runs) for k in kids)
    if (i := _run(node, subtree)) is not None:     # a run of terms: one term, the name, marked as a run
        assert isinstance(subtree, E.Add)
        return E.add(*new[:i], _run_mark(var), *new[i + len(subtree.terms):])
    return node if new == kids else E.rebuild(node, new)


def run_replace(node: Node, subtree: Node, var: E.Var) -> Node:
    """``_replace`` for a set-up name: also a run of a longer product's factors (S^{-1} D^T D S^{-1} as S^{-1} C S^{-1})."""
    return replace(node, subtree, var, True)


def _run_mark(var: E.Var) -> E.Var:
    """The name where it stands for a run of a longer sum's terms: the same name, its ``intermediate``
    flag set (no printer reads it), so that putting back splices the terms in instead of nesting a sum
    (the put-back rows do nest sums: the flag tells the two apart)."""
    return E.var(var.name, var.shape, intermediate=True)


def put(node: Node, var: E.Var, definition: Node) -> Node:
    """``node`` with ``var`` replaced by ``definition``; where it stands for a run of terms, the
    definition's terms in its place (the inverse of ``replace``)."""
    if type(node) is E.Var and node.name == var.name:
        return definition
    if (radicand := unsquared(node, var, definition)) is not None:
        return radicand
    kids = node.children()
    if not kids:
        return node
    new = tuple(put(k, var, definition) for k in kids)
    if type(node) is E.Add and isinstance(definition, E.Add) and _run_mark(var) in kids:
        return E.add(*(t for old, k in zip(kids, new, strict=True)
                       for t in (definition.terms if old == _run_mark(var) else (k,))))
    return node if new == kids else E.rebuild(node, new)
