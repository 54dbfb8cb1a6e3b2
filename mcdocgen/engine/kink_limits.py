"""Whether a result has a limit where a whole array a is zero (a norm's corner), read off its structure and
never evaluated: each part's order in r = ||a|| (how fast it goes to zero there) and whether it tends to a value.

x x^T / ||x|| is of order 2 - 1 = 1: it tends to 0, so ||x|| I + x x^T / ||x||, the derivative of x ||x||, is
continuous at x = 0 and the corner is no kink. x / ||x|| is of order 0: bounded, but its value depends on the
direction a comes from, so the corner of ||x|| stays. Anything not shown is not assumed: the kink stays.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TypeAlias

from mcdocgen import language as E
from mcdocgen.engine.is_at import is_at
from mcdocgen.language import Fn, Node

#: Zero at zero with a bounded slope near it: f(u) keeps u's order (|u|, relu(u), sin(u), ...).
_KEEP_ORDER = frozenset({Fn.ABS, Fn.RELU, Fn.SIN, Fn.TAN, Fn.TANH, Fn.SINH, Fn.ARCSIN, Fn.ARCTAN})
#: Continuous wherever their argument is (bounded where it is bounded, near a point of their domain).
_CONTINUOUS = frozenset({Fn.EXP, Fn.COS, Fn.COSH, Fn.SIGMOID, Fn.SOFTPLUS, *_KEEP_ORDER})
#: Operations linear in their one argument: the argument's order, and its limit if it has one.
_LINEAR = (E.Neg, E.Transpose, E.Sum, E.Mean, E.Trace, E.Diag, E.Vec, E.Sym, E.Index, E.Norm, E.Norm1)
#: Products, bilinear: the orders add.
_PRODUCTS = (E.Mul, E.MatMul, E.Dot, E.Outer, E.Kron)
#: Continuous in their arguments everywhere (the determinant: a polynomial of the entries).
_SMOOTH = (E.Det, E.Softmax, E.LogSumExp)

Order: TypeAlias = float | None   # None: not shown bounded near the place


class NearZero:
    """How each part of a result behaves as the whole array ``at`` goes to zero."""

    def __init__(self, at: Node, simplify: Callable[[Node], Node]):
        self.at, self.simplify = at, simplify
        self.names = E.free_vars(at)
        self._memo: dict[Node, tuple[Order, bool]] = {}

    def continuous(self, node: Node) -> bool:
        """Whether ``node`` tends to one value as ``at`` goes to zero from every direction."""
        return self.near(node)[1]

    def _is_at(self, node: Node) -> bool:   # the array itself, or its negation, as the simplifier writes them
        return is_at(node, self.at, self.simplify, negated=False)

    def _moves(self, node: Node) -> bool:   # depends on a variable of the place
        return E.depends_on(node, self.names)

    def near(self, node: Node) -> tuple[Order, bool]:
        """(order, tends): |node| <= C r^order near the place (0: bounded; None: not shown bounded), and
        whether node tends to one value there (of order above 0: to zero)."""
        if node not in self._memo:
            order, tends = self._near(node)
            self._memo[node] = (order, order is not None and bool(tends or order > 0))
        return self._memo[node]

    def _near(self, node: Node) -> tuple[Order, bool]:
        if isinstance(node, E.Zero):
            return math.inf, True
        if self._is_at(node):
            return 1.0, True
        if not self._moves(node):   # a constant near the place
            return 0.0, True
        if isinstance(node, E.Var):
            return 0.0, True
        if isinstance(node, _LINEAR):
            return self.near(node.arg)
        if isinstance(node, (E.Add, E.Maximum)):    # max is 1-Lipschitz in each argument
            parts = [self.near(t) for t in node.children()]
            return _least([o for o, _ in parts]), all(t for _, t in parts)
        if isinstance(node, _PRODUCTS):
            (ol, tl), (orr, tr) = self.near(node.left), self.near(node.right)
            return (None, False) if ol is None or orr is None else (ol + orr, tl and tr)
        if isinstance(node, E.Div):
            return self._quotient(node.left, node.right)
        if isinstance(node, E.Pow):
            return self._power(node)
        if isinstance(node, E.Func):
            return self._call(node)
        if isinstance(node, _SMOOTH):
            order, tends = self.near(node.arg)
            return (None, False) if order is None else (0.0, tends)
        return None, False

    def _quotient(self, top: Node, bottom: Node) -> tuple[Order, bool]:
        (o, t), k = self.near(top), self.exact(bottom)
        if o is None or k is None or o - k < 0:
            return None, False      # the bottom may vanish faster than the top (or is not shown not to vanish)
        return o - k, t and k == 0 and self.near(bottom)[1]

    def _power(self, node: E.Pow) -> tuple[Order, bool]:
        if not isinstance(node.exp, E.Num):
            return None, False
        p = float(node.exp.value)
        if p > 0:
            o, t = self.near(node.base)
            return (None, False) if o is None else (p * o, t)
        return self._quotient(E.num(1), E.power(node.base, E.num(-node.exp.value))) if p < 0 else (0.0, True)

    def _call(self, node: E.Func) -> tuple[Order, bool]:
        o, t = self.near(node.arg)
        if o is None:
            return None, False
        if node.fn is Fn.SQRT:
            return o / 2, t
        if node.fn in _KEEP_ORDER:
            return o, t
        if node.fn in (Fn.SIGN, Fn.HEAVISIDE):  # bounded; a step where its argument crosses zero
            return 0.0, False
        if node.fn in _CONTINUOUS:
            return 0.0, t
        k = self.exact(node.arg)    # log and the rest: only away from their argument's zero
        return (0.0, t) if k == 0 else (None, False)

    def exact(self, node: Node) -> Order:
        """k where |node| is of order exactly r^k near the place (||a||^k times a part that is not zero there:
        a denominator that small is divided by safely); None where that is not shown."""
        if not self._moves(node):
            return 0.0 if not (isinstance(node, E.Num) and node.value == 0) else None
        if isinstance(node, E.Norm) and self._is_at(node.arg):
            return 1.0
        if isinstance(node, (E.Neg, E.Transpose)) and node.shape.is_scalar:
            return self.exact(node.arg)
        if isinstance(node, E.Mul) and node.shape.is_scalar:
            kl, kr = self.exact(node.left), self.exact(node.right)
            return None if kl is None or kr is None else kl + kr
        if isinstance(node, E.Pow) and isinstance(node.exp, E.Num):
            k = self.exact(node.base)
            return None if k is None else k * float(node.exp.value)
        if isinstance(node, E.Add) and node.shape.is_scalar and self._positive_sum(node):
            return 0.0
        return None

    def _positive_sum(self, node: E.Add) -> bool:
        """A positive number plus terms that are never negative (1 + ||x||^2): not zero anywhere."""
        def never_negative(t: Node) -> bool:
            if isinstance(t, E.Norm) or (isinstance(t, E.Num) and t.value >= 0):
                return True
            return isinstance(t, E.Pow) and isinstance(t.exp, E.Num) and (
                isinstance(t.base, E.Norm) or (t.exp.value.is_integer and t.exp.value.is_even))
        return any(isinstance(t, E.Num) and t.value > 0 for t in node.terms) and all(map(never_negative, node.terms))


def _least(orders: list[Order]) -> Order:
    known = [o for o in orders if o is not None]
    return min(known, default=math.inf) if len(known) == len(orders) else None
