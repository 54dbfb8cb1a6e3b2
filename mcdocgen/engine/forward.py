"""Forward accumulation: a function by a scalar t through vectors or matrices, derived as a textbook derives it.

Each intermediate ``u = op(a, b, ...)`` gets ``du/dt`` in its own shape (numerator layout, spec
section 5) from its operands' derivatives by one rule, one step deep: the differential's rule of the
operation (``engine.differential``: ``d(U V) = dU V + U dV``, ``d inv(U) = -inv(U) dU inv(U)``, ...)
with ``dt = 1`` and each operand's ``du/dt`` in place of its differential. The rules are the
differential's, registered there per node type: one home for each identity. A vector written by
components has none: it is the lectures' vector chain rule, its Jacobian by the components the point
(the backward route shows it). The denominator layout shows
every step transposed; the result follows the report's shapes (a row function's derivative is a
column in numerator layout, spec section 3). An operation without a rule, or a non-smooth one (its
kinks are the backward route's to state), leaves the whole derivation to the backward route: no
half-derivations.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mcdocgen import language as E
from mcdocgen.engine.decompose import Intermediate
from mcdocgen.engine.deferred import made
from mcdocgen.engine.kinks import Kink, as_the_function_sees, flattened, located
from mcdocgen.engine.refold import by_name, consistent
from mcdocgen.engine.differential import NoDifferential, Step, dname, local_differential
from mcdocgen.engine.rule_names import step_rules
from mcdocgen.engine.rules import NoRule, RuleId, rules_for
from mcdocgen.engine.assumption import as_written
from mcdocgen.engine.simplify import SYMPY_BUDGET, Budget, printed, printed_across, printed_forms, simplify
from mcdocgen.language import Grad, Node
from mcdocgen.language.shapes import Layout, Shape

if TYPE_CHECKING:
    from mcdocgen.engine.derive import Derivation

FORWARD_NOTE = ("Forward accumulation: each intermediate's derivative by {t}, in the intermediate's shape, from "
                "its operands' derivatives by one rule (the product rule, the inverse's, ...); in the denominator "
                "layout every step and the result are transposed (a book that writes the derivative of a matrix "
                "by a scalar as the matrix of its entries' derivatives means the numerator layout).")


@dataclass(frozen=True, slots=True)
class ForwardStep:
    """``du/dt`` of one intermediate: the rule's form over its operands' ``da/dt`` placeholders, and the
    value with those put in, each in both layouts (numerator: u's shape; denominator: its transpose)."""

    name: str
    rules: tuple[RuleId, ...]   # the first is the one a page links to
    form: Node          # numerator layout, over Grad placeholders (``rate``)
    form_denominator: Node
    value: Node         # numerator layout, over intermediates and declared variables
    value_denominator: Node
    kink: Kink | None = None    # a norm's corner at 0 (the only kind carried forward)
    # value and value_denominator before an earlier intermediate is written by its name in them: the
    # result is simplified from these, so that how a step is shown never changes the result's form
    unnamed: tuple[Node, Node] | None = None


class NoForward(Exception):
    """Why the forward route does not apply: the backward route derives the function instead."""


def applies(shapes: Sequence[Shape], wrt: Shape) -> bool:
    """By a scalar, given the intermediates' shapes (the function's last): a vector or matrix function, not a
    row (its derivative is a column in numerator layout, spec section 3, so its last forward step, in the
    row's shape, would not be the result it shows); or a scalar function through a matrix, as the Cookbook
    writes d det(Y)/dx = det(Y) tr(Y^-1 dY/dx): backward, each matrix intermediate would get an adjoint
    matrix in each layout where the textbook carries dY/dx forward. A scalar function through scalars and
    vectors only keeps the chain rule's product (the lectures' form)."""
    function = shapes[-1]
    if not wrt.is_scalar or function.is_row:
        return False
    return not function.is_scalar or any(not s.is_vector_like for s in shapes)


def rate(name: str, shape: Shape, wrt: str, layout: Layout = Layout.NUMERATOR) -> Grad:
    """The placeholder ``d name / d wrt`` in a layout (numerator: the intermediate's shape)."""
    return Grad(shape if layout is Layout.NUMERATOR else shape.transpose(), name, wrt, layout)


def rule_step(definition: Node, changing: frozenset[str]) -> Step:
    """One intermediate's differential by its operands' (the differential's rule; a test plants a wrong one here)."""
    return local_differential(definition, changing)


def _swapped(form: Node, shapes: dict[str, Shape], wrt: str) -> Node:
    """The form transposed, over denominator-layout placeholders (each numerator one is a transpose)."""
    return E.transpose(_swap(form, shapes, wrt))


def _swap(node: Node, shapes: dict[str, Shape], wrt: str) -> Node:
    if isinstance(node, Grad):
        return E.transpose(rate(node.function, shapes[node.function], wrt, Layout.DENOMINATOR))
    kids = node.children()
    return node if not kids else E.rebuild(node, tuple(_swap(k, shapes, wrt) for k in kids))


def _shown(node: Node, budget: Budget, item: Intermediate | None = None, across: bool = False) -> Node:
    """A step simplified, in its printed form; with ``item``, its definition written as its name; ``across``: a
    denominator-layout step, the intermediate's shape transposed, a whole transposed sum term by term as the
    operands' steps above it read (B^T + 2 t C^T below B^T and 2 t C^T; ``printed_across``)."""
    def how(n: Node) -> Node:
        out = printed(simplify(n, budget), budget)
        return printed_across(out, budget) if across else out
    written = as_written(node, budget, how=how)
    return written if item is None else by_name(written, item.definition, E.var(item.name, item.shape, intermediate=True))


def forward_steps(items: Sequence[Intermediate], wrt: str, budget: Budget) -> tuple[ForwardStep, ...]:
    """The forward step of every intermediate that depends on ``wrt``, in order. Raises
    :class:`NoForward` where an operation has no rule or gives no change."""
    changing = {wrt}
    shapes = {i.name: i.shape for i in items}
    placeholders: dict[str, Node] = {dname(wrt): E.num(1)}     # dt/dt = 1
    values: dict[str, Node] = {dname(wrt): E.num(1)}
    out = []
    for item in items:
        if not item.depends:
            continue
        kink = _kink(item.definition)
        try:
            step = rule_step(item.definition, frozenset(changing))
        except NoDifferential as exc:
            raise NoForward(exc.reason) from exc
        if step.value is None or step.rule is None:
            raise NoForward(f"{item.name} does not change with {wrt}")
        # the node in its own rule's form (-U^-1 dU/dt U^-1, exp(U) * dU/dt) is written by its name, as a
        # textbook writes it: -f B f for f = inv(u_2); elsewhere the value keeps its factors (u_3 @ C, not f)
        plain = _shown(E.substitute(step.value, placeholders), budget)
        form = _shown(plain, budget, item)
        own = item if form != plain else None
        value = _shown(E.substitute(step.value, values), budget, own)
        value_denominator = _shown(E.transpose(value), budget, own, across=True)
        earlier = items[:items.index(item)]
        named = step_rules(item.definition, frozenset(changing), step.rule)
        out.append(ForwardStep(item.name, named, form, _shown(_swapped(form, shapes, wrt), budget, own, across=True),
                               _consistent(value, earlier, budget), _consistent(value_denominator, earlier, budget), kink,
                               (value, value_denominator)))
        changing.add(item.name)
        placeholders[dname(item.name)] = rate(item.name, item.shape, wrt)
        values[dname(item.name)] = value
    if not out:
        raise NoForward(f"the function does not depend on {wrt}")
    return tuple(out)


def _consistent(value: Node, earlier: Sequence[Intermediate], budget: Budget) -> Node:
    """``value`` with an earlier intermediate it names written by its name wherever its value appears
    too (refold.consistent: a reader review, one thing, two spellings), simplified again where that
    wrote one (tr(v_1 v_4) v_6 for v_6 = tr(v_1 v_4) reads v_6**2)."""
    named = consistent(value, earlier)
    return value if named == value else _shown(named, budget)


def _kink(definition: Node) -> Kink | None:
    """The step's kink, as the backward rules record it (one home): a corner where the derivative is simply
    undefined (a norm at 0) is carried and stated; one whose derivative uses a step function (|x|, max, relu,
    the 1-norm: a subgradient to state) leaves the derivation to the backward route."""
    kinks = [r.kink for n in E.walk(definition) if not isinstance(rules := rules_for(n), NoRule)
             for r in rules if r.kink is not None]
    if any(k.step is not None for k in kinks) or len(kinks) > 1:
        raise NoForward(f"{E.try_text(definition)} is not smooth")
    return kinks[0] if kinks else None


def forward_derivation(items: Sequence[Intermediate], wrt: str, base: dict[str, Any]) -> Derivation | None:
    """The derivation by forward accumulation, or None where it does not apply (the backward route's).

    The function's step is the product (intermediates not put back); the result is it with the
    intermediates put back and simplified, as the backward route finishes."""
    from mcdocgen.engine.derive import Derivation, Local, LocalKind   # derive imports this module
    if not applies([i.shape for i in items], base["wrt_shape"]):
        return None
    budget = Budget(SYMPY_BUDGET)
    try:
        steps = forward_steps(items, wrt, budget)
    except NoForward:
        return None
    values = {i.name: i.value for i in items}
    kinks_seen = [as_the_function_sees(s.kink, values, items[-1].name, lambda n: simplify(n, budget)) for s in steps]
    locals_ = tuple(Local(s.name, wrt, s.rules, LocalKind.FORWARD, None, s.form, k, made((s.value, s.value_denominator)),
                          (s.form, s.form_denominator)) for s, k in zip(steps, kinks_seen, strict=True))
    product_numerator, product = steps[-1].value, steps[-1].value_denominator
    unnamed = steps[-1].unnamed[1] if steps[-1].unnamed else product
    if items[-1].shape.is_row:  # a vector's derivative is a column in numerator layout (spec section 3), a row's too
        product_numerator, product = product, product_numerator
        unnamed = steps[-1].unnamed[0] if steps[-1].unnamed else product
    substituted = E.substitute(unnamed, values)
    result, numerator = printed_forms(simplify(substituted, budget), budget)
    result = printed_across(result, budget)     # the denominator layout transposes the function's shape
    kinks = located(kinks_seen, values, result, lambda n: simplify(n, budget), simplify)
    return Derivation(**base, locals=locals_, paths=(), accumulations=(), product=product,
                      product_numerator=product_numerator, substituted=substituted, result=result,
                      numerator=numerator, kinks=kinks, rewrites=budget.rewrites,
                      removed=flattened((s.kink for s in steps), values, items[-1].name, lambda n: simplify(n, budget)))
