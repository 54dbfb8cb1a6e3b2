"""A name for a square root also names its square, as a textbook writes s and s^2 for s = sqrt(v + c)
(layer normalisation's standard deviation: (I - 1 1^T / n - u u^T / (n s^2)) / s, not v + c written out
beside s). Writing w as s^2 for s = sqrt(w) keeps the value wherever s is defined (sqrt(w)^2 = w for
w >= 0), and putting the name back gives w again, so a named row is still the checked result."""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.language.walks import walk


def _radicand(subtree: Node) -> Node | None:
    return subtree.arg if isinstance(subtree, E.Func) and subtree.fn is E.Fn.SQRT else None


def squared(node: Node, subtree: Node, var: E.Var) -> Node | None:
    """``var**2`` where ``node`` is the radicand of ``subtree``, the square root ``var`` names; else None."""
    w = _radicand(subtree)
    return E.power(var, E.num(2)) if w is not None and node == w and w.children() else None


def unsquared(node: Node, var: E.Var, definition: Node) -> Node | None:
    """The radicand where ``node`` is ``var**2`` and ``var`` names a square root (``squared`` undone); else None."""
    w = _radicand(definition)
    if w is None or not isinstance(node, E.Pow) or not (type(node.base) is E.Var and node.base.name == var.name):
        return None
    return w if isinstance(node.exp, E.Num) and node.exp.value == 2 else None


def squares(node: Node, subtree: Node) -> int:
    """How many times ``node`` writes the square of the square root ``subtree`` (its radicand outside it)."""
    w = _radicand(subtree)
    if w is None or not w.children():
        return 0
    inside = sum(n == subtree for n in walk(node))
    return max(0, sum(n == w for n in walk(node)) - inside)
