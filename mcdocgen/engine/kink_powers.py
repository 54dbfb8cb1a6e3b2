"""A corner under a power (|w|^q, sqrt(relu(u)), ||u||^q): what the power makes of the corner's slopes there, by
what the declarations give of its exponent (:func:`under_power`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

import sympy

from mcdocgen import language as E
from mcdocgen.engine.kinks import Kink, OnKink, Pole, PowerCase, Steep, corner_ops
from mcdocgen.engine.rules import squared_norm_arg
from mcdocgen.language import Fn, KinkKind, Node


#: sqrt(a) is a's power 1/2.
_HALF = E.num(sympy.Rational(1, 2))


def _powers(node: Node) -> Iterable[tuple[Node, Node, Node]]:
    """Each power in the node, as (itself, base, exponent): sqrt(a) as (sqrt(a), a, 1/2)."""
    for n in E.walk(node):
        if isinstance(n, E.Pow):
            yield n, n.base, n.exp
        elif isinstance(n, E.Func) and n.fn is Fn.SQRT:
            yield n, n.arg, _HALF


def _copies(base: Node, corner: Node, positive: frozenset[str]) -> int | None:
    """How many times ``base`` is the corner as a product of it and positive constants (a positive number, a scalar
    declared positive): |u| 1, 2 |u| 1, |u| |u| 2; None where it is anything else, so that its power is not the
    corner's to a power up to a constant factor."""
    if base == corner:
        return 1
    if isinstance(base, E.Mul):
        left, right = _copies(base.left, corner, positive), _copies(base.right, corner, positive)
        return None if left is None or right is None or left + right == 0 else left + right
    constant = (isinstance(base, E.Num) and base.value.is_positive is True) or \
        (isinstance(base, E.Var) and base.shape.is_scalar and base.name in positive)
    return 0 if constant else None


def under_power(kink: Kink, function: Node, simplify: Callable[[Node], Node],
                positive: frozenset[str] = frozenset(), wrt: str | None = None,
                nonzero: frozenset[str] = frozenset()) -> Kink:
    """The kink marked :class:`Steep` where a power whose base is zero there, and has the kink's corner in it,
    has an exponent p not shown to be 1 nor above 1 (those keep the corner or flatten it, :func:`where_zero`):
    near the kink a power of the corner alone is |u|^p, whose slope there is infinite for 0 < p < 1 (|w|^0.5,
    sqrt(relu(u))) and depends on p where its size is not known (|w|^q: differentiable for q > 1, the corner's
    slopes for q = 1); any other such power is marked unknown, not ``bare``. Marked undefined where p is
    negative (a pole, no kink). ``positive``, ``nonzero``: the variables declared so. The cases are |u|^p's only
    where the kink's argument is affine in ``wrt`` (it crosses zero at a rate): |w^3|^0.5 is |w|^1.5,
    differentiable; they are those the declarations leave (:func:`power_cases`)."""
    if kink.undefined or kink.kind is not KinkKind.CORNER:
        return kink
    on = OnKink(kink, simplify, positive)
    found: list[tuple[Node, bool, int | None, int | None]] = []  # (exponent, the corner's alone, p's, p - 1's sign)
    # the slopes are |u|^p's only where the power is the corner's alone: |w| beside |w|^q keeps a corner for q > 1
    everywhere = sum(1 for n in E.walk(function) if (a := corner_ops(n)) is not None and on.at_kink(a))
    for power, base, p in _powers(function):
        corners = [n for n in E.walk(base) if (arg := corner_ops(n)) is not None and on.at_kink(arg)]
        if not corners or not on.zero(base):
            continue
        # (c |u| |u|)^p is c^p |u|^(2 p): the corner's own power, times a positive constant
        copies = _copies(base, corners[0], positive)
        p = p if copies in (None, 1) else simplify(E.mul(E.num(copies), p))
        above_one, sign = on.sign(simplify(E.sub(p, E.num(1)))), on.sign(p)
        if sign == -1:      # |w|^-q, q declared positive: undefined there (where_zero reads no declarations)
            return replace(kink, undefined=True, pole=Pole.NEGATIVE_POWER, factor=base, subgradient=None)
        if above_one == 0 or (above_one == 1 and copies in (None, 1)):
            continue
        if above_one == 1:      # sqrt(|x| |x| |x|) = |x|^1.5: flat there, but its result is 0 / 0: not worked out
            found.append((p, False, sign, above_one))
            continue
        found.append((p, copies is not None and _added(function, power, on) and len(corners) == everywhere, sign,
                      above_one))
    if not found:
        return kink
    exponent, alone, sign, above_one = found[0]
    bare = alone and len(found) == 1 and wrt is not None and affine(kink.at, wrt)
    cases = power_cases(sign, above_one, isinstance(exponent, E.Var) and exponent.name in nonzero) if bare else ()
    return replace(kink, steep=Steep.INFINITE if cases == (PowerCase.BETWEEN,) else Steep.UNKNOWN,
                   exponent=exponent, bare=bare, subgradient=None, cases=cases)


def power_cases(sign: int | None, above_one: int | None, nonzero: bool = False) -> tuple[PowerCase, ...]:
    """The ranges of an exponent p that the signs known of p and p - 1 (None: not known) leave, in
    :class:`PowerCase`'s order; ``nonzero``: p is declared nonzero. (p = 1 and p > 1 are not asked here: they keep
    or flatten the corner, where_zero.)"""
    below_one = above_one in (None, -1)
    return tuple(case for case, possible in (
        (PowerCase.ABOVE_ONE, above_one in (None, 1)), (PowerCase.ONE, above_one in (None, 0)),
        (PowerCase.BETWEEN, below_one and sign in (None, 1)), (PowerCase.ZERO, below_one and sign in (None, 0)
                                                               and not nonzero),
        (PowerCase.NEGATIVE, below_one and sign in (None, -1))) if possible)


def affine(node: Node, wrt: str) -> bool:
    """Whether ``node`` is affine in the variable ``wrt``, the others held (X w - y, x - x[0] by x): a corner's
    argument that crosses zero at a rate, so that near the kink a power p of the corner is |t|^p along the change
    (review s45: sqrt(|w^3|) was called infinitely steep; it is |w|^1.5, differentiable there)."""
    if wrt not in E.free_vars(node) or isinstance(node, E.Var):
        return True
    if isinstance(node, E.Add):
        return all(affine(t, wrt) for t in node.terms)
    if isinstance(node, (E.Neg, E.Transpose, E.Sum, E.Mean, E.Trace, E.Diag)):     # linear maps
        return affine(node.arg, wrt)
    if isinstance(node, (E.Mul, E.MatMul, E.Dot, E.Outer)):
        left, right = (wrt in E.free_vars(n) for n in (node.left, node.right))
        return not (left and right) and affine(node.left if left else node.right, wrt)
    if isinstance(node, E.Div):
        return wrt not in E.free_vars(node.right) and affine(node.left, wrt)
    return False


def _added(node: Node, power: Node, on: OnKink, avoid: frozenset[str] = frozenset()) -> bool:
    """Whether ``power`` reaches ``node`` only through sums, negations and factors not zero at the kink
    (c sum(|w|^q) + ||y - X w||^2), so that near the kink the function is the power's cases plus a smooth part:
    x |x|^q's factor x, zero there, shifts them (it is differentiable for every q > 0). A factor holding a variable
    of ``avoid`` is taken to be zero there: the zero test does not see a squared norm's zero (sum(w^2)^0.25 sum(w^2)
    is ||w||^2.5, differentiable; review s46)."""
    if node == power:
        return True
    if isinstance(node, E.Add):
        return any(_added(t, power, on, avoid) for t in node.terms)
    if isinstance(node, (E.Neg, E.Sum, E.Transpose)):
        return _added(node.arg, power, on, avoid)
    if isinstance(node, E.Mul):
        return any(_added(this, power, on, avoid) and not on.zero(other) and not avoid & E.free_vars(other)
                   for this, other in ((node.left, node.right), (node.right, node.left)))
    return False


def _squared_norm(node: Node) -> Node | None:
    """The u of a base that is ||u||^2 as written (norm(u)^2, sum(|u|^2), sum(u^2), sum(u u), dot(u, u)), else None:
    zero only where every entry of u is, at once."""
    if (u := squared_norm_arg(node)) is not None:
        return u
    if isinstance(node, E.Dot) and node.left == node.right:
        return node.left
    if isinstance(node, E.Sum):
        inner = node.arg
        if isinstance(inner, E.Pow) and inner.exp == E.num(2):
            base = inner.base
        elif isinstance(inner, E.Mul) and inner.left == inner.right:
            base = inner.left
        else:
            return None
        return base.arg if isinstance(base, E.Func) and base.fn is Fn.ABS else base
    return None


def over_squared_norms(kinks: tuple[Kink, ...], function: Node, simplify: Callable[[Node], Node],
                       positive: frozenset[str], wrt: str, nonzero: frozenset[str] = frozenset()) -> tuple[Kink, ...]:
    """The whole-array kinks of powers over a squared norm (sum(|w|^2)^q, (norm(w)^2)^q): ||u||^(2 p), which no
    corner operation shows (the square flattened |w|'s and the norm's corners, where_zero), but which is a norm's
    corner for 2 p = 1 (sqrt(sum(|w|^2)) is ||w||), infinitely steep in every direction for 0 < 2 p < 1, and by the
    cases the declarations leave where 2 p's size is not known; nothing for 2 p shown above 1 (differentiable) or
    negative (undefined there: the domain's to say). Where u is affine in ``wrt`` and the power enters the function
    through sums and factors not zero there, else marked unknown; not where a kink of ``kinks`` is at u already."""
    out: list[Kink] = []
    for power, base, p in _powers(function):
        u = _squared_norm(base)
        # no kink by a variable the place does not hold (exp(-||x - y|| / l) by l is smooth; review s46)
        if u is None or wrt not in E.free_vars(u) or any(k.at == u for k in kinks + tuple(out)):
            continue
        kink = Kink(u, KinkKind.CORNER, -1, 1, whole=True)
        on = OnKink(kink, simplify, positive)
        doubled = simplify(E.mul(E.num(2), p))
        above_one, sign = on.sign(simplify(E.sub(doubled, E.num(1)))), on.sign(doubled)
        if above_one == 1 or sign == -1:
            continue
        # the power alone near the place: a factor holding u's variables may flatten it (||w|| ||w||^2 is ||w||^3),
        # a function of it too (cos(||w||) is smooth): review s46
        added = _added(function, power, on, E.free_vars(u))
        if above_one == 0:      # ||u||: a norm's corner, its result has no step to replace (no set stated);
            out += [kink] if added else []      # under a function or beside such a factor: not said, as before
            continue
        bare = added and affine(u, wrt)
        cases = power_cases(sign, above_one, isinstance(p, E.Var) and p.name in nonzero) if bare else ()
        out.append(replace(kink, steep=Steep.INFINITE if cases == (PowerCase.BETWEEN,) else Steep.UNKNOWN,
                           exponent=doubled, bare=bare, cases=cases))
    return tuple(out)
