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
    whole: bool = False     # the corner is where the whole array is zero at once (a norm's), not one entry
    undefined: bool = False  # the function itself is undefined there (a log, a division, a negative power
    #                          of zero): no kink, no slope needed there


def replace_step(node: Node, fn: Fn, at: Node, s: Node, simplify: Callable[[Node], Node]) -> Node:
    """``node`` with every ``fn(a)`` whose argument simplifies to ``at`` replaced by ``s`` (shaped to fit)."""
    if isinstance(node, E.Func) and node.fn is fn and simplify(node.arg) == at:
        return s if s.shape == node.shape else (E.transpose(s) if s.shape.transpose() == node.shape else node)
    kids = node.children()
    if not kids:
        return node
    new = tuple(replace_step(k, fn, at, s, simplify) for k in kids)
    return node if new == kids else E.rebuild(node, new)


# Calls that are zero where their argument is: a zero reaches the call's user through them.
_KEEP_ZERO = frozenset({Fn.ABS, Fn.RELU, Fn.SQRT, Fn.SIN, Fn.TAN, Fn.TANH, Fn.SINH, Fn.ARCSIN, Fn.ARCTAN})
# The operations whose corner is where their argument is zero, and which are zero there themselves.
_ZERO_AT_CORNER = frozenset({Fn.ABS, Fn.RELU})


def _corner_ops(node: Node) -> Node | None:
    """The argument of an operation that is zero at its own corner (|a|, relu(a), ||a||, ||a||_1, max(0, a))."""
    if (isinstance(node, E.Func) and node.fn in _ZERO_AT_CORNER) or isinstance(node, (E.Norm, E.Norm1)):
        return node.arg
    if isinstance(node, E.Maximum):
        for this, other in ((node.left, node.right), (node.right, node.left)):
            if isinstance(other, E.Num) and other.value == 0:
                return this
    return None


def _power_above_one(node: Node) -> bool:
    """Whether ``node`` raises to a power above 1: |u|^p and ||u||^p with p > 1 are differentiable at u = 0."""
    return isinstance(node, E.Pow) and isinstance(node.exp, E.Num) and (node.exp.value - 1).is_positive is True


def where_zero(kink: Kink, function: Node, simplify: Callable[[Node], Node]) -> Kink | None:
    """The kink as the whole function sees it (``function`` and ``kink.at`` over the declared variables).

    None where every operation with a corner there is raised to a power above 1 (|u|^2 = u^2, ||u||^2 and
    |u|^3 are differentiable at u = 0: the power's derivative, zero there, flattens the corner);
    ``undefined`` where that operation's zero reaches a log, a denominator, a negative power or an inverse
    through operations that keep a zero (products, positive powers, transposes, odd functions, norms of
    a whole zero): ln|det X| is undefined at det X = 0, a pole and no kink; (x - a)/||x - a|| at x = a.
    """
    memo: dict[Node, bool] = {}
    corners: list[tuple[Node, Node | None]] = []     # each corner operation at the kink, with its user

    def at_kink(arg: Node) -> bool:
        return arg == kink.at or simplify(arg) == kink.at

    def zero(node: Node) -> bool:      # zero wherever the kink's argument is (an entry of it, or all)
        if node not in memo:
            memo[node] = _zero(node)
        return memo[node]

    def _zero(node: Node) -> bool:
        arg = _corner_ops(node)
        if arg is not None and at_kink(arg):   # a norm's value is zero only where every entry of its argument is
            return not isinstance(node, (E.Norm, E.Norm1)) or kink.whole or arg.shape.is_scalar
        if node == kink.at:
            return True
        if isinstance(node, (E.Neg, E.Transpose)) or (isinstance(node, E.Func) and node.fn in _KEEP_ZERO):
            return zero(node.arg)
        if isinstance(node, (E.Norm, E.Norm1)):   # zero only where every entry is
            return (kink.whole or node.arg.shape.is_scalar) and zero(node.arg)
        if isinstance(node, E.Mul):
            return zero(node.left) or zero(node.right)
        if isinstance(node, E.Div):
            return zero(node.left)
        if isinstance(node, E.Pow):
            return isinstance(node.exp, E.Num) and node.exp.value.is_positive is True and zero(node.base)
        return False

    def pole(node: Node) -> bool:      # undefined where its zero argument is
        if (isinstance(node, E.Func) and node.fn is Fn.LOG) or (isinstance(node, (E.LogDet, E.Inv))
                                                                and node.arg.shape.is_scalar):
            return zero(node.arg)
        if isinstance(node, E.Div):
            return zero(node.right)
        return isinstance(node, E.Pow) and isinstance(node.exp, E.Num) and node.exp.value.is_negative is True \
            and zero(node.base)

    stack: list[tuple[Node, Node | None]] = [(function, None)]
    undefined = False
    while stack:
        node, user = stack.pop()
        arg = _corner_ops(node)
        if arg is not None and at_kink(arg):
            corners.append((node, user))
        undefined = undefined or pole(node)
        stack.extend((k, node) for k in node.children())
    # a power flattens a corner only where the corner's value is zero: ||x||_1^2 keeps its kinks at x_i = 0
    if corners and all(user is not None and _power_above_one(user) and zero(corner) for corner, user in corners):
        return None
    return replace(kink, undefined=True) if undefined else kink


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
    real = [k for k in kinks if not k.undefined]
    if len(real) != 1:
        return kinks
    kink = real[0]
    if kink.kind is not KinkKind.CORNER or kink.shared or kink.step is None:
        return kinks
    slope = next(name for name in ("s", "t", "sigma", "s_1", "s_2") if name not in taken)
    replaced = replace_step(result, kink.step, kink.at, E.var(slope, kink.at.shape), simplify)
    if replaced == result:
        return kinks
    return tuple(replace(k, subgradient=replaced, slope=slope) if k is kink else k for k in kinks)


def unique(kinks: tuple[Kink, ...]) -> tuple[Kink, ...]:
    """The kinks, each once, in order."""
    seen: set[Kink] = set()
    out: list[Kink] = []
    for k in kinks:
        if k not in seen:
            seen.add(k)
            out.append(k)
    return tuple(out)


def as_the_function_sees(kink: Kink | None, values: Mapping[str, Node], function: str,
                         simplify_at: Callable[[Node], Node]) -> Kink | None:
    """A step's kink (over the intermediates) as the whole function sees it (:func:`where_zero`): None where
    the function is smooth there, marked where it is undefined there; its place stays the step's."""
    if kink is None:
        return None
    seen = where_zero(replace(kink, at=simplify_at(E.substitute(kink.at, values))), values[function], simplify_at)
    return None if seen is None else replace(kink, undefined=seen.undefined)


def located(kinks: Iterable[Kink | None], values: Mapping[str, Node], result: Node,
            simplify_at: Callable[[Node], Node], simplify: Callable[[Node], Node]) -> tuple[Kink, ...]:
    """The steps' kinks (each as :func:`as_the_function_sees` it) over the declared variables (``values``: each
    intermediate's definition), each place once, with the subgradient at a lone corner named by a letter no
    intermediate nor variable uses (both routes)."""
    placed = same_place_once(tuple(replace(k, at=simplify_at(E.substitute(k.at, values)))
                                   for k in kinks if k is not None), simplify)
    taken = set(values) | {n.name for v in values.values() for n in E.walk(v) if isinstance(n, E.Var)}
    return with_subgradient(unique(placed), result, taken, simplify)
