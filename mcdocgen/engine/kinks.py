"""Kinks: where a derivative does not exist, and what a page may say there instead."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mcdocgen import language as E
from mcdocgen.language import Fn, KinkKind, Node  # KinkKind lives with the functions that have kinks



@dataclass(frozen=True, slots=True)
class Kink:
    """Where a derivative fails, and for a corner, the subgradient set the result stands for there."""

    at: Node            # the derivative fails where this is zero
    kind: KinkKind
    low: int = 0        # for CORNER: the interval of slopes at the kink
    high: int = 1
    shared: bool = False  # several non-smooth operations meet here: no single interval applies
    step: Fn | None = None          # the step function the derivative uses there (sign, heaviside), if any
    subgradient: Node | None = None  # the result with that step replaced by the slope variable
    slope: str = "s"                 # the slope variable's name: any value in [low, high] at the kink


def replace_step(node: Node, fn: Fn, at: Node, s: Node, simplify: Callable[[Node], Node]) -> Node:
    """``node`` with every ``fn(a)`` whose argument simplifies to ``at`` replaced by ``s`` (shaped to fit)."""
    if isinstance(node, E.Func) and node.fn is fn and simplify(node.arg) == at:
        return s if s.shape == node.shape else (E.transpose(s) if s.shape.transpose() == node.shape else node)
    kids = node.children()
    if not kids:
        return node
    new = tuple(replace_step(k, fn, at, s, simplify) for k in kids)
    return node if new == kids else E.rebuild(node, new)
