"""Whether a place where an operation is not smooth is a kink of the whole function: decided from the derived
result (and, for a jump, the function) by their one-sided limits there, never by recognising the function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol, TypeVar

from mcdocgen import language as E
from mcdocgen.catalog import Assumption, Problem
from mcdocgen.engine.commuted import same
from mcdocgen.engine.is_at import differs_across
from mcdocgen.engine.kink_limits import NearZero
from mcdocgen.engine.kink_powers import over_squared_norms, under_power
from mcdocgen.engine.kinks import Kink, OnKink, undefined_below, unique, with_subgradient
from mcdocgen.engine.simplify import simplify
from mcdocgen.language import Fn, KinkKind, Node
from mcdocgen.language.zeros import is_zero

if TYPE_CHECKING:   # decompose imports the rules, which import the kinks
    from mcdocgen.engine.decompose import Intermediate


def _steps_replaced(node: Node, at: Node, u: Node, simplify: Callable[[Node], Node]) -> Node:
    """``node`` with each step function of ``at`` (or of -at) written by u, the value of H(at) on one side of the
    corner: H(at) = u, H(-at) = 1 - u, sign(at) = 2u - 1, sign(-at) = 1 - 2u (u is 1 above it, 0 below)."""
    if isinstance(node, E.Func) and node.fn in (Fn.SIGN, Fn.HEAVISIDE):
        arg = simplify(node.arg)
        side = 1 if same(arg, at) else -1 if same(arg, simplify(E.neg(at))) else 0
        fit = u if u.shape == node.shape else E.transpose(u) if u.shape.transpose() == node.shape else None
        if side and fit is not None:
            h = fit if side == 1 else E.sub(E.num(1), fit)
            return h if node.fn is Fn.HEAVISIDE else E.sub(E.mul(E.num(2), h), E.num(1))
    kids = node.children()
    new = tuple(_steps_replaced(k, at, u, simplify) for k in kids)
    return node if new == kids else E.rebuild(node, new)


#: Operations whose entry i is made of their operands' entries i (a scalar operand spread): a value on an entry's
#: place reads through them (a power's exponent is a scalar: only its base).
_ENTRYWISE = (E.Add, E.Neg, E.Mul, E.Div, E.Func, E.Pow)


def _entrywise_to(node: Node, u: Node) -> bool:
    """Whether every path from ``node`` down to ``u`` is entrywise (:data:`_ENTRYWISE`), so that its entry i
    depends on u's entry i alone."""
    if node == u or u not in E.walk(node):
        return True
    if isinstance(node, E.Pow):
        return u not in E.walk(node.exp) and _entrywise_to(node.base, u)
    return isinstance(node, _ENTRYWISE) and all(_entrywise_to(k, u) for k in node.children())


def _on_place(node: Node, on: OnKink) -> Node:
    """``node`` where the place's argument is zero (for an entry's place, that entry): each part that is zero there
    (:meth:`OnKink.zero`), reached through entrywise operations, written 0 (exp(relu(-x)) is exp(0) at x = 0)."""
    if on.zero(node):
        return E.num(0) if node.shape.is_scalar else E.zero(node.shape)
    if isinstance(node, E.Pow):
        return E.rebuild(node, (_on_place(node.base, on), node.exp))
    if isinstance(node, _ENTRYWISE):
        return E.rebuild(node, tuple(_on_place(k, on) for k in node.children()))
    return node


def _cancels(node: Node, u: Node, on: OnKink, simplify: Callable[[Node], Node]) -> bool:
    """Whether a sum's value on the place is the same for u = 1 and u = 0 (relu(x) + exp(-relu(-x)): its result's
    u + (1 - u) / exp(relu(-x)) is 1 at x = 0 on both sides), shown by the simplifier: the sum entrywise in u and
    of u's shape (or u a scalar), so that its entry i on the place moves with u_i alone, and the rest of it
    continuous there (:func:`sides_meet` asks that nothing else breaks)."""
    if not isinstance(node, E.Add) or not (u.shape.is_scalar or node.shape == u.shape) or not _entrywise_to(node, u):
        return False
    if sum(u in E.walk(t) for t in node.terms) < 2:   # one term alone: nothing to cancel with (within it, its own)
        return False
    name = u.name if isinstance(u, E.Var) else ""
    one, zero = ((E.num(k) if u.shape.is_scalar else f(u.shape)) for k, f in ((1, E.ones), (0, E.zero)))
    sides = [_on_place(E.substitute(node, {name: value}), on) for value in (one, zero)]
    return is_zero(simplify(E.sub(*sides)))


def sides_meet(kink: Kink, node: Node, simplify: Callable[[Node], Node],
               positive: frozenset[str] = frozenset()) -> bool:
    """Whether ``node`` has one value on the place of an entry's kink, whichever side it is reached from.

    With every step function of the place's argument a written by u, H(a)'s value on one side (1 above the
    place, 0 below), every u must sit in a product one of whose factors is zero where a is, whatever u is (for
    an array's place, that entry of it: an elementwise product), or in a sum whose parts with u cancel on the
    place (:func:`_cancels`), as written or once simplified (H(c) + H(-c) is 1), so that the two sides meet at
    one value. And nothing else may break there: no step function of a
    left and no log, denominator or negative power of zero, nor a power of zero whose exponent is not shown
    positive (x |x|^q: 0 times |x|^(q-1), unbounded for q < 1). False wherever that is not shown.
    """
    on = OnKink(kink, simplify, positive)
    names = E.free_vars(node)
    u = E.var(next(f"side{'_' * i}" for i in range(len(names) + 1) if f"side{'_' * i}" not in names), kink.at.shape)

    def vanishes(n: Node) -> bool:   # where the argument a is zero, so are n, n + a and n - a
        return on.zero(n) or (n.shape == kink.at.shape and (on.zero(E.add(n, kink.at)) or on.zero(E.sub(n, kink.at))))

    def free(n: Node) -> bool:   # the value here does not depend on the side
        if u not in E.walk(n):
            return True
        if isinstance(n, E.Mul) and any(vanishes(factor) for factor in (n.left, n.right)):
            return True     # zero there whatever u is ((x u + relu(x)) (2u - 1) at x = 0): u is bounded
        # or the side's parts of a sum cancel on the place (u + (1 - u) / exp(relu(-x)) at x = 0)
        return n != u and (all(free(k) for k in n.children()) or _cancels(n, u, on, simplify))

    def breaks(n: Node) -> bool:   # a power of zero whose exponent is not shown positive may blow up (x |x|^q)
        return (isinstance(n, E.Func) and n.fn in (Fn.SIGN, Fn.HEAVISIDE) and on.zero(n.arg)) or on.pole(n) is not None \
            or (isinstance(n, E.Pow) and on.sign(n.exp) != 1 and on.zero(n.base))

    def meets(r: Node) -> bool:
        return free(r) and not any(breaks(n) for n in E.walk(r))

    replaced = _steps_replaced(node, kink.at, u, simplify)
    # shown to move with u on the place (x u + relu(x + 3) at x = -3): no simplified form meets, none is made
    return meets(replaced) or (not differs_across(replaced, kink.at, u.name) and meets(simplify(replaced)))


def continuous_across(kink: Kink, result: Node, simplify: Callable[[Node], Node],
                      positive: frozenset[str] = frozenset(), function: Node | None = None) -> bool:
    """Whether the function is differentiable at the place, so that it is no kink: the function is continuous
    there (a corner's always is; a jump's only where ``function`` is shown to be: sign(x) x^2) and the derived
    result is continuous across it, so that its limit there is the derivative (x|x|, whose result 2 x sign(x) is
    2|x|; u / (1 + |u|); the Huber loss; x ||x||, whose result ||x|| I + x x^T / ||x|| tends to 0 at x = 0).

    For an entry's place, by the one-sided values (:func:`sides_meet`); for a norm's corner, where the whole
    array is zero, by the order each part of the result goes to zero in (:class:`~mcdocgen.engine.kink_limits.
    NearZero`). False (the kink stays) wherever that is not shown, and where both reaches meet at one place.
    """
    if kink.undefined or kink.mixed or (kink.kind is KinkKind.JUMP and function is None):
        return False
    if kink.whole:      # a norm is continuous: only its result can break there
        return NearZero(kink.at, simplify).continuous(result)
    # a jump met at the place (sign(x) + x|x|: merged into the corner written first) shows in the function
    return (function is None or sides_meet(kink, function, simplify, positive)) and \
        sides_meet(kink, result, simplify, positive)


class _Derived(Protocol):
    @property
    def result(self) -> Node | None: ...

    @property
    def function(self) -> str: ...

    @property
    def wrt(self) -> str: ...

    @property
    def kinks(self) -> tuple[Kink, ...]: ...

    @property
    def removed(self) -> tuple[Kink, ...]: ...

    @property
    def intermediates(self) -> tuple[Intermediate, ...]: ...


D = TypeVar("D", bound=_Derived)


def felt(d: D, problem: Problem) -> D:
    """The derivation with the kinks its result has: those :func:`~mcdocgen.engine.kinks.located` found less the
    places the function is differentiable at (:func:`continuous_across`, with the variables ``problem`` declares
    positive), which join ``removed``; a jump the function is shown continuous across is a corner (sign(x) x is
    |x|); a corner under a power whose exponent is not shown to be 1 marked (:func:`~mcdocgen.engine.kink_powers.
    under_power`: |w|^q, |w|^0.5 have not the corner's slopes); the subgradient set stated again where one kink is
    left alone; a power over a squared norm's whole-array zero added (:func:`~mcdocgen.engine.kink_powers.
    over_squared_norms`: sqrt(sum(|w|^2)) is ||w||), also where no operation has a kink. (Typed by the fields read:
    derive imports this.)"""
    if d.result is None:
        return d
    positive = frozenset(v.name for v in problem.variables if Assumption.POSITIVE in v.assume)
    values = {i.name: i.value for i in d.intermediates}
    function = values[d.function]
    smooth = tuple(k for k in d.kinks if continuous_across(k, d.result, simplify, positive, function))
    kept = tuple(k if k.kind is not KinkKind.JUMP or k.undefined or k.mixed or
                 not sides_meet(k, function, simplify, positive) else replace(k, kind=KinkKind.CORNER)
                 for k in d.kinks if k not in smooth)
    nonzero = frozenset(v.name for v in problem.variables if Assumption.NONZERO in v.assume)
    kept = tuple(under_power(k, function, simplify, positive, d.wrt, nonzero) for k in kept)
    # added after the continuity test above: each asked it too (||w|| ||w||^2 is ||w||^3, differentiable; review s46)
    norms = over_squared_norms(kept, function, simplify, positive, d.wrt, nonzero)
    flat = tuple(k for k in norms if continuous_across(k, d.result, simplify, positive, function))
    kept += tuple(k for k in norms if k not in flat)
    smooth += flat
    kept = tuple(replace(k, undefined_below=True) if undefined_below(k, function, d.result, simplify) else k
                 for k in kept)
    if kept == d.kinks and not flat:
        return d
    taken = set(values).union(*map(E.free_vars, values.values()))
    return replace(d, kinks=with_subgradient(tuple(replace(k, subgradient=None) for k in kept),  # type: ignore[type-var]
                                             d.result, taken, simplify), removed=unique(d.removed + smooth))
