"""The forward steps checked by numbers (``engine.forward``): each step as displayed, one rule deep.

At a point, in order: the step's rule form, with its operands' derivatives (already checked) put in,
equals its displayed value, in both layouts (the denominator the numerator's transpose); the value
equals the operands' derivatives carried through the operation's vec-form Jacobians, the backward
route's own rules (``engine.rules``: ``d vec(u)/dt = sum_a J_a vec(da/dt)``), a route independent of
the differential's rule the step used; and the function's step is the result. A wrong rule fails the
second comparison at its own step, however consistent the steps are among themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from dataclasses import dataclass

import numpy as np

from mcdocgen import language as E
from mcdocgen.checks.evaluate import NUMPY, evaluate
from mcdocgen.checks.results import relative_error
from mcdocgen.checks.rounding import ROUNDED, Evaluated, Rounded, lift, rounded_error
from mcdocgen.engine.derive import Derivation, Local, LocalKind
from mcdocgen.engine.rules import NoRule, operands, rules_for
from mcdocgen.errors import ExprError
from mcdocgen.language import Grad, Layout, Node, Transpose, Var
from mcdocgen.checks.walk import Backend, Env, Sizes

DETAIL = ("the forward steps, both layouts, each against its rule's form over its operands' derivatives and "
          "against the operation's vec-form Jacobians applied to them, the function's step against the result")


@dataclass(frozen=True, slots=True)
class ForwardCheck:
    """The worst relative error of the forward steps at one point, and the steps no Jacobian could check."""

    error: float
    unchecked: tuple[str, ...]     # intermediates whose operation has no vec-form Jacobian here


def forward_locals(d: Derivation) -> tuple[Local, ...]:
    """The derivation's forward steps, in order (empty where it was derived backward)."""
    return tuple(loc for loc in d.locals if loc.kind is LocalKind.FORWARD)


def _rate_name(of: str, layout: Layout) -> str:
    return f"rate:{layout}:{of}"    # no identifier of the language: never a catalog's name


def _bound(node: Node) -> Node:
    """The form with each placeholder d u/dt a variable of its own (their keys would collide in
    ``grad_key``: every one is by t)."""
    if isinstance(node, Grad):
        return E.var(_rate_name(node.function, node.layout), node.shape)
    kids = node.children()
    return node if not kids else E.rebuild(node, tuple(_bound(k) for k in kids))


def _vec(a: Evaluated) -> Evaluated:
    return _2d(a).reshape(-1, 1, order="F")


def _2d(a: Evaluated) -> Evaluated:
    return a if isinstance(a, Rounded) else np.atleast_2d(a)


def forward_error(d: Derivation, values: Env, sizes: Sizes, at: Callable[[Node], Evaluated], floor: float,
                  backend: Backend = NUMPY) -> ForwardCheck:
    """The comparisons of the module's docstring at one point; ``values`` holds the point and every
    intermediate's value there, ``at`` evaluates a tree there; with ROUNDED values and backend, each
    comparison is at the scale of the terms that made it (a step equal to 0 written as a difference)."""
    # the two take a backend's values: float arrays, or Rounded ones
    compare: Callable[[Any, Any, float], float] = rounded_error if backend is ROUNDED else relative_error
    env = dict(values)
    rates: dict[str, Evaluated] = {d.wrt: lift(np.ones((1, 1))) if backend is ROUNDED else np.ones((1, 1))}
    worst, unchecked = 0.0, []
    definitions = {i.name: i.definition for i in d.intermediates}
    for loc in forward_locals(d):
        value = _2d(at(loc.numerator))
        worst = max(worst, compare(_2d(at(loc.denominator)), value.T, floor))
        if loc.forms is not None:
            for form, shown in ((loc.forms[0], value), (loc.forms[1], value.T)):
                got = _2d(evaluate(_bound(form), env, sizes, backend))
                worst = max(worst, compare(got, shown, floor))
        carried = _carried(definitions[loc.of], rates, env, sizes, backend)
        if carried is None:
            unchecked.append(loc.of)
        else:
            worst = max(worst, compare(carried, _vec(value), floor))
        rates[loc.of] = value
        env[_rate_name(loc.of, Layout.NUMERATOR)], env[_rate_name(loc.of, Layout.DENOMINATOR)] = value, value.T
    last = forward_locals(d)[-1] if forward_locals(d) else None
    if last is not None and last.of == d.function:
        for lay in Layout:     # a row function's derivative is written as a column (numerator): compared by entries
            shown = _2d(at(last.numerator if lay is Layout.NUMERATOR else last.denominator))
            result = _2d(at(_result(d, lay)))
            if d.function_shape.is_vector_like:
                shown, result = _vec(shown), _vec(result)
            worst = max(worst, compare(shown, result, floor))
    return ForwardCheck(worst, tuple(unchecked))


def _result(d: Derivation, layout: Layout) -> Node:
    node = d.numerator if layout is Layout.NUMERATOR else d.result
    assert node is not None
    return node


def _carried(definition: Node, rates: dict[str, Evaluated], env: Env, sizes: Sizes,
             backend: Backend = NUMPY) -> Evaluated | None:
    """vec(du/dt) as the backward route's rules give it: each changing operand's vec-form Jacobian
    (numerator, d vec(u)/d vec(a)^T) times vec(da/dt); None where a rule has no Jacobian."""
    found = rules_for(definition)
    if isinstance(found, NoRule):
        return None
    slots = operands(definition)
    total = None
    for rule in found:
        slot = slots[rule.slot]
        name, transposed = (slot.name, False) if isinstance(slot, Var) else \
            (slot.arg.name, True) if isinstance(slot, Transpose) and isinstance(slot.arg, Var) else ("", False)
        if name not in rates:
            if E.depends_on(slot, set(rates)):     # an operand not split into an intermediate: no Jacobian of it
                return None
            continue
        try:
            jac = rule.jacobian
        except ExprError:
            return None
        if jac is None:
            return None
        rate = rates[name].T if transposed else rates[name]
        part = _2d(evaluate(jac, env, sizes, backend)) @ _vec(rate)
        total = part if total is None else total + part
    return total
