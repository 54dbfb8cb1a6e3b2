"""Kinks: where a derivative does not exist, and what a page may say there instead."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from mcdocgen import language as E
from mcdocgen.engine.commuted import same
from mcdocgen.engine.is_at import is_at
from mcdocgen.language import Fn, KinkKind, Node  # KinkKind lives with the functions that have kinks
from mcdocgen.language.entries import only_diagonal_zero
from mcdocgen.language.zeros import is_zero


@enum.unique
class Pole(enum.StrEnum):
    """What a zero makes undefined where the function is (a log's argument, a denominator, ...)."""

    LOG = "log"                     # the argument of a logarithm (or of the log-determinant of a scalar)
    DENOMINATOR = "denominator"
    NEGATIVE_POWER = "negative power"   # the base of a negative power
    INVERSE = "inverse"             # a scalar inverted


@enum.unique
class Steep(enum.StrEnum):
    """What a power over a corner makes of it where it does not flatten it (|u|^p, relu(u)^p, ||u||^p, sqrt(|u|)):
    the corner's slopes times p u^(p-1), which vanishes at the kink for p > 1, is 1 for p = 1 and blows up for
    p < 1, so that no one interval of slopes is true for every p."""

    INFINITE = "infinite"   # 0 < p < 1: the slope is infinite there (|w|^0.5): no derivative, no subgradient
    UNKNOWN = "unknown"     # not shown: p's size against 1 is not declared (what holds there depends on p), or
    #                         the power is not the corner's alone (Kink.bare)


@enum.unique
class PowerCase(enum.StrEnum):
    """A range of a power's exponent p over a corner (|u|^p), each with what holds at the kink: the ranges the
    declarations leave are a :class:`Kink`'s ``cases``, in this order."""

    ABOVE_ONE = "above one"     # differentiable there: the power's part of the result tends to 0
    ONE = "one"                 # the corner itself
    BETWEEN = "between"         # 0 < p < 1: the slope is infinite there (where the corner's is not 0)
    ZERO = "zero"               # |u|^0 is 1 everywhere, at the kink too (0^0 is 1 in the language): differentiable
    NEGATIVE = "negative"       # undefined there


@dataclass(frozen=True, slots=True)
class Kink:
    """Where a derivative fails, and for a corner, the subgradient set the result stands for there."""

    at: Node            # the derivative fails where this is zero
    kind: KinkKind
    low: int = 0        # for CORNER: the interval of slopes at the kink
    high: int = 1
    shared: bool = False  # several non-smooth operations meet here: no single interval applies
    mixed: bool = False   # and they do not all fail at one reach (a norm's corner at the whole array beside
    #                       an entry's): no one test shows the place smooth
    step: Fn | None = None          # the step function the derivative uses there (sign, heaviside), if any
    subgradient: Node | None = None  # the result with that step replaced by the slope variable
    slope: str = "s"                 # the slope variable's name: any value in [low, high] at the kink
    whole: bool = False     # the corner is where the whole array is zero at once (a norm's), not one entry
    undefined: bool = False  # the function itself is undefined there (a log, a division, a negative power
    #                          of zero): no kink, no slope needed there
    pole: Pole | None = None     # where undefined: what the zero makes undefined,
    factor: Node | None = None   # and the factor that is zero there (over the declared variables)
    steep: Steep | None = None   # a power other than 1 over the corner (no subgradient set is stated then),
    exponent: Node | None = None  # its exponent (over the declared variables),
    bare: bool = False           # and whether its base is the corner itself (|u|^p, not (|u| + |u|^3)^p):
    #                              only then are the cases by p's size (differentiable above 1, ...) stated,
    cases: tuple[PowerCase, ...] = ()   # those the declarations leave (q positive: no q = 0, no q < 0)
    undefined_below: bool = False   # the result, not the function, is undefined where the argument is negative
    #                                 (relu's flat side: sqrt(|x| relu(x))'s 0 / 0), :func:`undefined_below`
    off_diagonal: bool = field(init=False)  # an entry's kink off the diagonal: the argument's diagonal, and only
    #                                         it, is zero whatever the variables (x_i - x_i), so not a kink

    def __post_init__(self) -> None:   # a fact of the place, so a replaced place has its own
        object.__setattr__(self, "off_diagonal", not self.whole and not self.at.shape.is_scalar
                           and only_diagonal_zero(self.at))


def replace_step(node: Node, fn: Fn, at: Node, s: Node, simplify: Callable[[Node], Node]) -> Node:
    """``node`` with every ``fn(a)`` whose argument simplifies to ``at`` replaced by ``s`` (shaped to fit)."""
    if isinstance(node, E.Func) and node.fn is fn and same(simplify(node.arg), at):
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


def corner_ops(node: Node) -> Node | None:
    """The argument of an operation that is zero at its own corner (|a|, relu(a), ||a||, ||a||_1, max(0, a))."""
    if (isinstance(node, E.Func) and node.fn in _ZERO_AT_CORNER) or isinstance(node, (E.Norm, E.Norm1)):
        return node.arg
    if isinstance(node, E.Maximum):
        for this, other in ((node.left, node.right), (node.right, node.left)):
            if isinstance(other, E.Num) and other.value == 0:
                return this
    return None


def _signed_terms(node: Node, sign: int) -> Iterable[tuple[int, Node]]:
    """A sum's terms with their signs, nested sums and negations opened."""
    if isinstance(node, E.Add):
        for t in node.terms:
            yield from _signed_terms(t, sign)
    elif isinstance(node, E.Neg):
        yield from _signed_terms(node.arg, -sign)
    else:
        yield sign, node


def _entry(node: Node) -> Node:
    """What each entry of the node is: c for c 1 (a scalar spread over ones), else the node."""
    if isinstance(node, E.Mul):
        for this, other in ((node.left, node.right), (node.right, node.left)):
            if isinstance(other, E.Ones) and this.shape.is_scalar:
                return this
    return node


def _power_above_one(node: Node) -> bool:
    """Whether ``node`` raises to a power above 1: |u|^p and ||u||^p with p > 1 are differentiable at u = 0."""
    return isinstance(node, E.Pow) and isinstance(node.exp, E.Num) and (node.exp.value - 1).is_positive is True


class OnKink:
    """What a node is where the kink's argument is zero (for an array's kink, where one entry of it is: that
    entry of the node), read off its structure and never evaluated; ``positive`` names the variables
    declared positive (their entries are)."""

    def __init__(self, kink: Kink, simplify: Callable[[Node], Node], positive: frozenset[str] = frozenset()):
        self.kink, self.simplify, self.positive = kink, simplify, positive
        self._memo: dict[Node, bool] = {}

    def at_kink(self, arg: Node) -> bool:
        return same(arg, self.kink.at) or same(self.simplify(arg), self.kink.at)

    def _is_at(self, node: Node) -> bool:   # the kink's argument, or its negation, as the simplifier writes them
        return is_at(node, self.kink.at, self.simplify)

    def zero(self, node: Node) -> bool:
        """Zero wherever the kink's argument is (an entry of it, or all)."""
        if node not in self._memo:
            self._memo[node] = self._zero(node)
        return self._memo[node]

    def positive_power(self, node: E.Pow) -> bool:   # a power of zero that is zero (its exponent is positive)
        return self.sign(node.exp) == 1

    def _zero(self, node: Node) -> bool:
        kink, zero = self.kink, self.zero
        arg = corner_ops(node)
        if arg is not None and self.at_kink(arg):   # a norm's value is zero only where every entry of its argument is
            return not isinstance(node, (E.Norm, E.Norm1)) or kink.whole or arg.shape.is_scalar
        if self._is_at(node):
            return True
        if isinstance(node, E.Transpose):   # an entry of X^T is X's mirrored entry: the same one only for a
            return (kink.whole or node.arg.shape.is_vector_like) and zero(node.arg)   # vector or the whole array
        if isinstance(node, E.Neg) or (isinstance(node, E.Func) and node.fn in _KEEP_ZERO):
            return zero(node.arg)
        if isinstance(node, (E.Norm, E.Norm1)):   # zero only where every entry is
            return (kink.whole or node.arg.shape.is_scalar) and zero(node.arg)
        if isinstance(node, E.Mul):
            return zero(node.left) or zero(node.right)
        if isinstance(node, E.Div):
            return zero(node.left)
        if isinstance(node, E.Pow):
            return self.positive_power(node) and zero(node.base)
        if isinstance(node, E.Add):   # the terms not zero there cancel: d 1 + max(0, a) - |r| + (|r| - d) at a = 0
            left: dict[Node, int] = {}
            for sign, term in _signed_terms(node, 1):
                if not zero(term):
                    left[_entry(term)] = left.get(_entry(term), 0) + sign
            return not any(left.values())
        # H(u), relu(u) and max(0, u) are zero where u is negative (the Huber loss's max(0, |r| - d) at r = 0)
        if isinstance(node, E.Func) and node.fn in (Fn.HEAVISIDE, Fn.RELU):
            return self.sign(node.arg) == -1
        if isinstance(node, E.Maximum):
            return any(isinstance(a, E.Num) and a.value == 0 and self.sign(b) == -1
                       for a, b in ((node.left, node.right), (node.right, node.left)))
        return False

    def sign(self, node: Node) -> int | None:
        """-1, 0 or 1: the sign of (each entry of) the node where the kink's argument is zero; None if unknown."""
        if self.zero(node):
            return 0
        if isinstance(node, E.Num):
            return 1 if node.value.is_positive else -1 if node.value.is_negative else 0 if node.value == 0 else None
        if isinstance(node, E.Var):
            return 1 if node.name in self.positive else None
        if isinstance(node, E.Neg):
            inner = self.sign(node.arg)
            return None if inner is None else -inner
        if isinstance(node, (E.Add, E.Mul)):
            found = [self.sign(t) for t in (node.terms if isinstance(node, E.Add) else (node.left, node.right))]
            signs = [x for x in found if x is not None]
            if len(signs) < len(found):
                return None
            if isinstance(node, E.Mul):
                return signs[0] * signs[1]
            return 1 if max(signs) == 1 and min(signs) >= 0 else -1 if min(signs) == -1 and max(signs) <= 0 else None
        return None

    def pole(self, node: Node) -> tuple[Pole, Node] | None:
        """Where the node is undefined at the kink (a log, a denominator, an inverse or a negative power of zero):
        what is undefined and the factor that is zero."""
        if (isinstance(node, E.Func) and node.fn is Fn.LOG) or (isinstance(node, E.LogDet) and node.arg.shape.is_scalar):
            found = (Pole.LOG, node.arg)
        elif isinstance(node, E.Inv) and node.arg.shape.is_scalar:
            found = (Pole.INVERSE, node.arg)
        elif isinstance(node, E.Div):
            found = (Pole.DENOMINATOR, node.right)
        elif isinstance(node, E.Pow) and self.sign(node.exp) == -1:     # 2, or q declared positive: -q
            found = (Pole.NEGATIVE_POWER, node.base)
        else:
            return None
        return found if self.zero(found[1]) else None


def where_zero(kink: Kink, function: Node, simplify: Callable[[Node], Node]) -> Kink | None:
    """The kink as the whole function sees it (``function`` and ``kink.at`` over the declared variables).

    None where every operation with a corner there is raised to a power above 1 (|u|^2 = u^2, ||u||^2 and
    |u|^3 are differentiable at u = 0: the power's derivative, zero there, flattens the corner);
    ``undefined`` where that operation's zero reaches a log, a denominator, a negative power or an inverse
    through operations that keep a zero (products, positive powers, transposes, odd functions, norms of
    a whole zero): ln|det X| is undefined at det X = 0, a pole and no kink; (x - a)/||x - a|| at x = a.
    """
    on = OnKink(kink, simplify)
    corners: list[tuple[Node, Node | None]] = []     # each corner operation at the kink, with its user
    stack: list[tuple[Node, Node | None]] = [(function, None)]
    pole: tuple[Pole, Node] | None = None       # the first in reading order
    while stack:
        node, user = stack.pop()
        arg = corner_ops(node)
        if arg is not None and on.at_kink(arg):
            corners.append((node, user))
        pole = pole or on.pole(node)
        stack.extend((k, node) for k in reversed(node.children()))
    # a power flattens a corner only where the corner's value is zero: ||x||_1^2 keeps its kinks at x_i = 0
    if corners and all(user is not None and _power_above_one(user) and on.zero(corner) for corner, user in corners):
        return None
    return kink if pole is None else replace(kink, undefined=True, pole=pole[0], factor=pole[1])


def same_place_once(kinks: tuple[Kink, ...], simplify: Callable[[Node], Node]) -> tuple[Kink, ...]:
    """One kink per place: where u = 0 and where -u = 0 is the same place (relu(c) - relu(-c)); ``mixed`` where
    one of them fails where the whole array is zero and another where one entry is."""
    out: list[Kink] = []
    for k in kinks:
        negated = simplify(E.neg(k.at))
        if any(same(o.at, k.at) or same(o.at, negated) for o in out):
            out = [o if not (same(o.at, k.at) or same(o.at, negated)) else
                   replace(o, shared=True, mixed=o.mixed or o.whole != k.whole) for o in out]
            continue
        out.append(k)
    return tuple(out)


def with_subgradient(kinks: tuple[Kink, ...], result: Node, taken: set[str],
                     simplify: Callable[[Node], Node]) -> tuple[Kink, ...]:
    """The subgradient set at a lone corner: the result with its step function replaced by a slope
    (named by a name not ``taken``).

    Only where one non-smooth operation is met (several at one place have no single interval), and
    only where the result uses the step function of that corner (x / norm(x) has none to replace), and
    not where a power over the corner makes the slopes there other than the corner's (:func:`under_power`).
    """
    real = [k for k in kinks if not k.undefined]
    if len(real) != 1:
        return kinks
    kink = real[0]
    if kink.kind is not KinkKind.CORNER or kink.shared or kink.step is None or kink.steep is not None:
        return kinks
    slope = next(name for name in ("s", "t", "sigma", "s_1", "s_2") if name not in taken)
    replaced = replace_step(result, kink.step, kink.at, E.var(slope, kink.at.shape), simplify)
    on = OnKink(kink, simplify)
    # no set where the result is undefined at the kink: sqrt(relu(x) relu(x))'s relu(x) / sqrt(relu(x)^2) is 0 / 0
    if replaced == result or any(on.pole(n) is not None for n in E.walk(replaced)):
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
    return None if seen is None else replace(kink, undefined=seen.undefined, pole=seen.pole, factor=seen.factor)


def flattened(kinks: Iterable[Kink | None], values: Mapping[str, Node], function: str,
              simplify_at: Callable[[Node], Node]) -> tuple[Kink, ...]:
    """The steps' kinks the whole function is smooth at (:func:`where_zero`: a power above one flattens the
    corner), over the declared variables, each once: places the checks test the result at."""
    return unique(tuple(replace(k, at=simplify_at(E.substitute(k.at, values))) for k in kinks
                        if k is not None and as_the_function_sees(k, values, function, simplify_at) is None))


def located(kinks: Iterable[Kink | None], values: Mapping[str, Node], result: Node,
            simplify_at: Callable[[Node], Node], simplify: Callable[[Node], Node]) -> tuple[Kink, ...]:
    """The steps' kinks (each as :func:`as_the_function_sees` it) over the declared variables (``values``: each
    intermediate's definition), each place once, with the subgradient at a lone corner named by a letter no
    intermediate nor variable uses (both routes)."""
    placed = same_place_once(tuple(replace(k, at=simplify_at(E.substitute(k.at, values)))
                                   for k in kinks if k is not None), simplify)
    # an argument identically zero (sign(x - x)) is no place: the operation is constant there, whatever the point
    placed = tuple(k for k in placed if not is_zero(k.at))
    taken = set(values).union(*map(E.free_vars, values.values()))
    return with_subgradient(unique(placed), result, taken, simplify)


#: The operations that are zero where their argument is negative (relu's flat side).
_FLAT_BELOW = frozenset({Fn.RELU, Fn.HEAVISIDE})


def below(node: Node, at: Node, simplify: Callable[[Node], Node]) -> Node:
    """``node`` where ``at`` is negative (every entry): relu(at), max(0, at) and H(at) written 0, |at| as -at."""
    if isinstance(node, E.Func) and node.fn in _FLAT_BELOW | {Fn.ABS} and simplify(node.arg) == at:
        return E.neg(node.arg) if node.fn is Fn.ABS else E.zero(node.shape)
    if isinstance(node, E.Maximum) and any(isinstance(a, E.Num) and a.value == 0 and simplify(b) == at
                                           for a, b in ((node.left, node.right), (node.right, node.left))):
        return E.zero(node.shape)
    kids = node.children()
    new = tuple(below(k, at, simplify) for k in kids)
    return node if new == kids else E.rebuild(node, new)


def _has_pole(node: Node) -> bool:
    """Whether a denominator, a log's argument or a negative power's base in ``node`` is identically zero."""
    for n in E.walk(node):
        if (isinstance(n, E.Div) and is_zero(n.right)) or (isinstance(n, E.Func) and n.fn is Fn.LOG and is_zero(n.arg)):
            return True
        if isinstance(n, E.Pow) and isinstance(n.exp, E.Num) and n.exp.value.is_negative and is_zero(n.base):
            return True
    return False


def undefined_below(kink: Kink, function: Node, result: Node, simplify: Callable[[Node], Node]) -> bool:
    """Whether the result, not the function, is undefined where the kink's argument is negative (relu's flat
    side): sqrt(|x| relu(x)) is 0 there, its chain rule's relu(x) / sqrt(|x| relu(x)) 0 / 0 (review s45: its
    components check failed by the draws, the other checks never reached that side)."""
    if kink.undefined or not any((isinstance(n, E.Func) and n.fn in _FLAT_BELOW) or isinstance(n, E.Maximum)
                                 for n in E.walk(function)):
        return False
    return _has_pole(below(result, kink.at, simplify)) and not _has_pole(below(function, kink.at, simplify))
