"""Derivations: intermediate variables, local derivatives, and the chain rule that joins them.

The result is *computed from* the steps: the local derivatives are accumulated from the
function back to the variable (each intermediate's derivative in its own shape), the product
is simplified, and the intermediates are substituted back. Nothing is derived a second way.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import Any

from mcdocgen import language as E
from mcdocgen.catalog import Problem
from mcdocgen.language import Grad, Node, Transpose, Var
from mcdocgen.engine.decompose import Intermediate, Naming, decompose
from mcdocgen.engine.deferred import Deferred, made
from mcdocgen.engine.derivation import (   # their home; imported from here too
    Accumulation as Accumulation, Derivation as Derivation, Local as Local, LocalKind as LocalKind, NotDerived as NotDerived,
)
from mcdocgen.engine.kinks import as_the_function_sees, flattened, located
from mcdocgen.engine.kink_continuity import felt
from mcdocgen.engine.jacobians import vec
from mcdocgen.engine.put_back import put_back
from mcdocgen.engine.rule_names import rule_name
from mcdocgen.engine.rules import NoRule, OperandRule, RuleId, operands, rules_for
from mcdocgen.engine.vecform import needs_vec_form, oversized, through_transpose, unvec
from mcdocgen.language.shapes import SCALAR, Dim, Shape, column, derivative_shape
from mcdocgen.engine.simplify import SYMPY_BUDGET, Budget, printed, printed_forms, printed_numerator, simplify
from mcdocgen.engine.assumption import as_written, shown_forms, unconstrained, with_symmetry_step
from mcdocgen.engine.refold import by_name, consistent, refolded
from mcdocgen.engine.placeholders import replace_grads
from mcdocgen.engine.symmetric import NON_SCALAR_REASON, restricted

MAX_PATHS = 12
KINK_FUNCTIONS = E.NON_SMOOTH  # from the functions' specs
MAX_KINKS = 8   # non-smooth operations in one function: each doubles the cases the result carries
_NON_SMOOTH_NAMES = ", ".join([*(fn.value for fn in E.Fn if fn in KINK_FUNCTIONS), "max", "norm1"])


class _NotDerivable(Exception):
    def __init__(self, subject: Node | str, reason: str) -> None:
        self.nd = NotDerived(subject if isinstance(subject, str) else E.try_text(subject, type(subject).__name__), reason)


# ---------------------------------------------------------------- local derivatives


def _to_shape(node: Node, shape: Shape) -> Node:
    if node.shape == shape:
        return node
    if node.shape.transpose() == shape:
        return E.transpose(node)
    raise AssertionError(f"shape {node.shape.label()} does not fit {shape.label()}")


def _slot_target(slot: Node, dependent: set[str]) -> tuple[str, bool] | None:
    """The variable a slot stands for and whether it appears transposed."""
    if isinstance(slot, Var) and slot.name in dependent:
        return slot.name, False
    if isinstance(slot, Transpose) and isinstance(slot.arg, Var) and slot.arg.name in dependent:
        return slot.arg.name, True
    if E.depends_on(slot, dependent):
        raise _NotDerivable(slot, "this operand was not split into an intermediate variable")
    return None


def local_derivatives(item: Intermediate, dependent: set[str], grad: Node, scalar: bool,
                      target_shapes: dict[str, Shape], vec_form: bool = False) -> list[Local]:
    """The local derivatives of one intermediate by each operand it depends on, in both layouts.
    A scalar function keeps the matrix form where a side is a matrix; with ``vec_form``, another
    function has vec-form Jacobians there (without it, such a local is refused as a tensor)."""
    node = item.definition
    found = rules_for(node)
    if isinstance(found, NoRule):
        raise _NotDerivable(node, found.reason)
    slots = operands(node)
    by_target: dict[str, list[tuple[OperandRule, bool]]] = {}
    for rule in found:
        target = _slot_target(slots[rule.slot], dependent)
        if target is not None:
            by_target.setdefault(target[0], []).append((rule, target[1]))
    out = []
    for name, parts in by_target.items():
        shape = target_shapes[name]
        vector_sides = node.shape.is_vector_like and shape.is_vector_like
        through_matrix = not scalar and vec_form and not vector_sides
        kind = LocalKind.JACOBIAN if (vector_sides or through_matrix) and all(r.jac is not None for r, _ in parts) \
            else LocalKind.MATRIX_FORM
        jac: Node | None = None
        if kind is LocalKind.JACOBIAN:   # only here are the Jacobians built (a vec form's sizes cost SymPy)
            jac = E.add(*(through_transpose(r.jacobian, t, shape) for r, t in parts if r.jacobian is not None))
            too_big = oversized(jac.shape) if through_matrix else None
            if too_big:
                raise _NotDerivable(node, too_big)
            back = E.matmul(E.transpose(jac), vec(grad) if scalar else grad)
            back = _to_shape(back, shape) if scalar else back
        else:
            if through_matrix:
                missing = next(r.rule for r, _ in parts if r.jac is None)
                raise _NotDerivable(node, f"rule {missing} has no vec-form Jacobian")
            if not scalar:
                raise _NotDerivable(node, "the derivative of a vector through a matrix is a tensor: "
                                    "only scalar functions of matrices are derived")
            terms = []
            for r, transposed in parts:
                if r.backward is None:
                    raise _NotDerivable(node, f"no matrix form for rule {r.rule}")
                g = r.backward(grad)
                terms.append(E.transpose(g) if transposed else g)
            back = _to_shape(E.add(*terms), shape)
            jac = None
        kinks = [r.kink for r, _ in parts if r.kink is not None]
        # in slot order, each once; a vec-form Jacobian names its own identity where it has one
        # (and X.T in a slot is the transpose's: the commutation matrix on the right)
        named = [rule_name(r.rule, node, slots, r.slot, dependent) for r, _ in parts] if not through_matrix else [
            rule for r, t in parts for rule in ((r.vec_rule or r.rule),
                                                *((RuleId.VEC_TRANSPOSE,) if t and not shape.is_vector_like else ()))]
        rules = tuple(dict.fromkeys(named))
        back = as_written(back)   # the rule's own form; a symmetric variable's A^T = A waits for its step
        itself = E.var(item.name, item.shape, intermediate=True)
        back = by_name(back, node, itself)
        # the function's own step needs no d f / d f factor: it is 1
        own = kind is not LocalKind.JACOBIAN and scalar and isinstance(grad, Grad) and grad.of == grad.function
        shown = Deferred(functools.partial(_step_shown, jac if kind is LocalKind.JACOBIAN else None,
                                           replace_grads(back, {item.name: E.num(1)}) if own else back, node, itself))
        out.append(Local(item.name, name, rules, kind, jac, back, kinks[0] if kinks else None, shown))
    return out


def _step_shown(jac: Node | None, back: Node, node: Node, itself: Node) -> tuple[Node, Node]:
    """A local derivative as each layout shows it (made when a page or the steps check first reads it):
    both tabs show the same simplified Jacobian, or the contribution ``back``; the definition ``node``
    written by its name ``itself``."""
    num, den = (as_written(jac), as_written(E.transpose(jac))) if jac is not None else shown_forms(back)
    return by_name(num, node, itself), by_name(den, node, itself)


# ---------------------------------------------------------------- accumulation


def grad_shape(shape: Shape, function_length: Dim, scalar: bool) -> Shape:
    """The denominator-layout derivative of the function by a node of this shape."""
    return derivative_shape(SCALAR if scalar else column(function_length), shape)


def derive(problem: Problem, wrt: str, prefix: str = "u", naming: Naming | None = None) -> Derivation:
    """Derive d(expression)/d(wrt) one rule at a time; new intermediates are named prefix_1, prefix_2...
    (or as ``naming`` names their values: the names of the page so far, engine.notation).

    A vector function that passes through a matrix (diag(x) @ y, outer(x, y) @ z) has a tensor
    for a local derivative. Before giving up, the expression is simplified once (diag(x) @ y
    becomes x o y, products re-associate onto the vector) and derived again; the checks then
    verify that form like any other.
    """
    if needs_vec_form(problem.expression.shape, problem.variable(wrt).shape):
        return _derive(problem, wrt, prefix, naming, vec_form=True)
    first = _derive(problem, wrt, prefix, naming)
    if first.not_derived is None or first.scalar_function or "tensor" not in first.not_derived.reason:
        return first
    rewritten = simplify(problem.expression)
    if rewritten != problem.expression and not problem.steps:
        second = _derive(replace(problem, expression=rewritten), wrt, prefix, naming)
        if second.ok:
            return second
    # last, the vec form through the matrix (spec section 5): d vec(u) / d vec(a) for every local
    return _derive(problem, wrt, prefix, naming, vec_form=True)   # derived, or the reason the vec form failed


def _layouts(product: Node, shape: Shape, wrt_shape: Shape, budget: Budget) -> tuple[Node, Node]:
    """The product in the denominator and numerator layouts. A matrix F by a scalar: the chain gives
    d vec(F) / dt = vec(M); the derivative is M (numerator, F's shape) and M^T (denominator)."""
    if shape.is_vector_like or not wrt_shape.is_scalar:
        return (as_written(product, how=lambda n: printed(n, budget)),
                as_written(product, how=lambda n: printed_numerator(n, budget)))
    if (m := unvec(simplify(E.transpose(product)), shape)) is None:
        raise _NotDerivable(product, "the derivative of the matrix by the scalar did not simplify to vec(M) of one matrix M, "
                                     "so it cannot be written as a matrix")
    return simplify(E.transpose(m := simplify(m, budget)), budget), m


def not_derived(problem: Problem, wrt: str, reason: str, naming: Naming | None = None) -> Derivation:
    """A derivation that was not attempted or not finished (a budget), saying why."""
    items, function = decompose(problem, wrt, naming=naming)
    return _failed(_base(problem, wrt, items, function),
                   NotDerived(E.try_text(problem.expression, problem.expression_text), reason))


def _base(problem: Problem, wrt: str, items: list[Intermediate], function: str) -> dict[str, Any]:
    """The fields every derivation has, derived or not."""
    out_shape = items[-1].shape
    return {"problem_id": problem.id, "function": function, "wrt": wrt, "function_shape": out_shape,
            "wrt_shape": problem.variable(wrt).shape, "scalar_function": out_shape.is_scalar, "intermediates": tuple(items)}


def _failed(base: dict[str, Any], nd: NotDerived) -> Derivation:
    return Derivation(**base, locals=(), paths=(), accumulations=(), product=None, product_numerator=None,
                      substituted=None, result=None, numerator=None, kinks=(), not_derived=nd)


def _derive(problem: Problem, wrt: str, prefix: str, naming: Naming | None, vec_form: bool = False) -> Derivation:
    items, function = decompose(problem, wrt, prefix, naming)
    out_shape = items[-1].shape
    wrt_shape = problem.variable(wrt).shape
    scalar = out_shape.is_scalar
    base = _base(problem, wrt, items, function)
    try:
        kinks = sum(1 for n in E.walk(problem.expression)
                    if isinstance(n, (E.Maximum, E.Norm1)) or (isinstance(n, E.Func) and n.fn in KINK_FUNCTIONS))
        if kinks > MAX_KINKS:
            raise _NotDerivable(problem.expression, f"the function has {kinks} non-differentiable operations "
                                                    f"({_NON_SMOOTH_NAMES}); the limit is {MAX_KINKS}")
        symmetric = problem.variable(wrt).symmetric and not wrt_shape.is_vector_like
        if symmetric and not scalar:
            raise _NotDerivable(wrt, NON_SCALAR_REASON)
        from mcdocgen.engine.forward import forward_derivation   # a vector or matrix by a scalar (it imports this module)
        out = forward_derivation(items, wrt, base) or _accumulate(items, function, wrt, wrt_shape, scalar, base, vec_form)
        out = felt(out, problem)   # less the corners the result is continuous across
        # the steps derive G, X unconstrained; the result is then put in the problem's notation
        return refolded(restricted(out, unconstrained(out.substituted)) if symmetric else with_symmetry_step(out), problem)
    except _NotDerivable as exc:
        return _failed(base, exc.nd)


def _accumulate(items: list[Intermediate], function: str, wrt: str, wrt_shape: Shape, scalar: bool,
                base: dict[str, Any], vec_form: bool) -> Derivation:
    m = items[-1].shape.length
    dependent = {wrt} | {i.name for i in items if i.depends}
    shapes = {i.name: i.shape for i in items}
    shapes[wrt] = wrt_shape
    locals_: list[Local] = []
    for item in items:
        if item.depends:
            grad = Grad(grad_shape(item.shape, m, scalar), function, item.name)
            locals_.extend(local_derivatives(item, dependent, grad, scalar, shapes, vec_form))
    if not any(i.depends for i in items):   # the constant rule, stated as a step of its own
        locals_.append(_constant(items[-1].name, wrt, items[-1].shape, wrt_shape, scalar))

    budget = Budget(SYMPY_BUDGET)
    seed = E.num(1) if scalar else E.eye(m)
    grads: dict[str, Node] = {function: seed}
    order = [i.name for i in items if i.depends]
    terms_of: dict[str, list[Node]] = {}
    for name in reversed(order):
        if name not in grads:
            continue
        # reverse order: every user of `name` has contributed, so its total is complete
        grads[name] = as_written(grads[name], budget)   # a symmetric matrix's A^T = A waits for its step
        for loc in (x for x in locals_ if x.of == name):
            shown = replace_grads(loc.backward, {function: seed}) if name == function else loc.backward
            terms_of.setdefault(loc.wrt, []).append(shown)
            contribution = replace_grads(loc.backward, {name: grads[name]})
            grads[loc.wrt] = E.add(grads[loc.wrt], contribution) if loc.wrt in grads else contribution

    zero_shape = grad_shape(wrt_shape, m, scalar)
    raw = grads.get(wrt, E.zero(zero_shape) if not zero_shape.is_scalar else E.num(0))
    simplified = as_written(raw, budget)
    product, product_numerator = unnamed, _ = _layouts(simplified, items[-1].shape, wrt_shape, budget)
    # shown with one spelling of each name (refold.consistent: u_1 + 2 u_1 is 3 u_1); the result is put back unnamed
    if (named := consistent(simplified, items)) != simplified:
        product, product_numerator = _layouts(as_written(named, budget), items[-1].shape, wrt_shape, budget)
    values, at = {i.name: i.value for i in items}, (lambda n: simplify(n, budget))
    removed = flattened((loc.kink for loc in locals_), values, function, at)    # before the smooth ones go
    locals_ = [replace(loc, kink=as_the_function_sees(loc.kink, values, function, at)) if loc.kink else loc for loc in locals_]
    substituted = E.substitute(unnamed, values)
    unsimplified = None if wrt_shape.is_scalar and not items[-1].shape.is_vector_like else Deferred(
        functools.partial(put_back, raw, values))
    result, numerator = printed_forms(simplify(substituted, budget), budget)
    accumulations = tuple(
        Accumulation(name, terms, grad_shape(shapes[name], m, scalar), Deferred(functools.partial(_terms_shown, terms)))
        for name in [*order[:-1][::-1], wrt] if name in terms_of and name != function
        for terms in [tuple(terms_of[name])])
    paths = _paths(locals_, function, wrt)
    from mcdocgen.engine.layout import gradient_rows   # a scalar by a row, shown (it imports this module)
    return Derivation(**base, locals=gradient_rows(locals_, shapes, scalar and not paths), paths=paths,
                      accumulations=accumulations, product=product, product_numerator=product_numerator,
                      substituted=substituted, unsimplified=unsimplified, result=result, numerator=numerator,
                      kinks=located((loc.kink for loc in locals_), values, result, at, simplify), removed=removed,
                      rewrites=budget.rewrites)


def _terms_shown(terms: tuple[Node, ...]) -> tuple[tuple[Node, ...], tuple[Node, ...]]:
    """An accumulation's terms as each layout shows them (made when first read; the same trees as the
    local derivatives' steps of the same contributions: ``shown_forms`` is memoised)."""
    return tuple(shown_forms(t)[0] for t in terms), tuple(shown_forms(t)[1] for t in terms)


def _constant(function: str, wrt: str, shape: Shape, wrt_shape: Shape, scalar: bool) -> Local:
    """f does not depend on wrt: its derivative is zero, a Jacobian (the vec form where a side is a
    matrix) or, for a scalar function of a matrix, the matrix form."""
    def zero(s: Shape) -> Node:
        return E.num(0) if s.is_scalar else E.zero(s)
    if scalar and not wrt_shape.is_vector_like:
        den = zero(wrt_shape)
        return Local(function, wrt, (RuleId.CONSTANT,), LocalKind.MATRIX_FORM, None, den, None,
                     made((zero(wrt_shape.transpose()), den)))
    jac = zero(Shape(shape.length, wrt_shape.length))
    den = zero(jac.shape.transpose())
    return Local(function, wrt, (RuleId.CONSTANT,), LocalKind.JACOBIAN, jac, den, None, made((jac, den)))


def _paths(locals_: list[Local], function: str, wrt: str) -> tuple[tuple[Local, ...], ...]:
    """Every chain of Jacobians from the function down to wrt; empty if any is in matrix form."""
    if any(loc.kind is LocalKind.MATRIX_FORM for loc in locals_):
        return ()
    users: dict[str, list[Local]] = {}
    for loc in locals_:
        users.setdefault(loc.of, []).append(loc)
    found: list[tuple[Local, ...]] = []

    def walk(name: str, prefix: tuple[Local, ...]) -> None:
        if len(found) > MAX_PATHS:
            return
        for loc in users.get(name, ()):
            if loc.wrt == wrt:
                found.append((*prefix, loc))
            else:
                walk(loc.wrt, (*prefix, loc))

    walk(function, ())
    return tuple(found) if len(found) <= MAX_PATHS else ()
