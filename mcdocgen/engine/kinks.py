"""Kinks: where a derivative does not exist, and what a page may say there instead."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace

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


def same_place_once(kinks: tuple[Kink, ...], simplify: Callable[[Node], Node]) -> tuple[Kink, ...]:
    """One kink per place: where u = 0 and where -u = 0 is the same place (relu(c) - relu(-c))."""
    out: list[Kink] = []
    for k in kinks:
        negated = simplify(E.neg(k.at))
        if any(o.at in (k.at, negated) for o in out):
            out = [o if o.at not in (k.at, negated) else replace(o, shared=True) for o in out]
            continue
        out.append(k)
    return tuple(out)


def with_subgradient(kinks: tuple[Kink, ...], result: Node, taken: set[str],
                     simplify: Callable[[Node], Node]) -> tuple[Kink, ...]:
    """The subgradient set at a lone corner: the result with its step function replaced by a slope
    (named by a name not ``taken``).

    Only where one non-smooth operation is met (several at one place have no single interval), and
    only where the result uses the step function of that corner (x / norm(x) has none to replace).
    """
    if len(kinks) != 1:
        return kinks
    kink = kinks[0]
    if kink.kind is not KinkKind.CORNER or kink.shared or kink.step is None:
        return kinks
    slope = next(name for name in ("s", "t", "sigma", "s_1", "s_2") if name not in taken)
    replaced = replace_step(result, kink.step, kink.at, E.var(slope, kink.at.shape), simplify)
    return kinks if replaced == result else (replace(kink, subgradient=replaced, slope=slope),)


def unique(kinks: tuple[Kink, ...]) -> tuple[Kink, ...]:
    """The kinks, each once, in order."""
    seen: set[Kink] = set()
    out: list[Kink] = []
    for k in kinks:
        if k not in seen:
            seen.add(k)
            out.append(k)
    return tuple(out)


def located(kinks: Iterable[Kink | None], values: Mapping[str, Node], result: Node,
            simplify_at: Callable[[Node], Node], simplify: Callable[[Node], Node]) -> tuple[Kink, ...]:
    """The steps' kinks over the declared variables (``values``: each intermediate's definition), each place
    once, with the subgradient at a lone corner named by a letter no intermediate nor variable uses (both routes)."""
    placed = same_place_once(tuple(replace(k, at=simplify_at(E.substitute(k.at, values)))
                                   for k in kinks if k is not None), simplify)
    taken = set(values) | {n.name for v in values.values() for n in E.walk(v) if isinstance(n, E.Var)}
    return with_subgradient(unique(placed), result, taken, simplify)
