"""Verification: every derived result is proven by numbers and by an independent symbolic route.

- numeric (``checks.numeric``): central finite differences of the function with numpy at two steps,
  Richardson-extrapolated, against both layouts of the result within the differences' own error
  estimate, at seeded random points and random sizes (``checks.sampling``);
- components (``checks.components``): explicit small SymPy matrices, differentiated entry by entry, each
  entry compared symbolically or exactly at random integer points (``checks.identity``);
- steps (here): the displayed local derivatives, multiplied (or accumulated) numerically, give the result;
- expected (here): the catalog's answer equals the derived one; both compare relative to the values, or,
  where the terms cancel (a zero result), relative to the terms' magnitude (``checks.rounding``);
- subgradient (``checks.subgradient``): where the result has a kink, the set a page states there
  against one-sided differences at points on the kink;
- removed kink (``checks.kinks_removed``): where a non-smooth operation's place is no kink, the result there
  against one-sided differences on both sides of points on it;
- erratum (``checks.erratum``): where the catalog marks a source's error, its stated form is wrong.
With them, the facts of the set-up the result's simplification uses (``checks.setup_facts``), which a page states.
A check that cannot apply is NOT_APPLICABLE, never PASSED.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from mcdocgen.catalog import Problem
from mcdocgen.checks.components import components_check
from mcdocgen.checks.erratum import erratum_check
from mcdocgen.checks.forward import DETAIL as FORWARD_DETAIL, forward_error, forward_locals
from mcdocgen.checks.evaluate import NUMPY, dimension, evaluate, evaluator, grad_key
from mcdocgen.checks.numeric import numeric_check
from mcdocgen.checks.second import second_components_check, second_numeric_check
from mcdocgen.checks.results import (
    EXACT_FLOOR, EXACT_TOLERANCE, CheckName, CheckResult, CheckStatus, Verification, bound_text, relative_error,
    value_scale,
)
from mcdocgen.checks.sampling import NoPoint, kink_arguments, point_rng, sample
from mcdocgen.checks.setup_facts import used_facts
from mcdocgen.checks.kinks_removed import removed_kink_check
from mcdocgen.checks.subgradient import subgradient_check
from mcdocgen.checks.symmetric import STEPS_DETAIL, unconstrained_targets
from mcdocgen.checks.unconstrained import with_unconstrained
from mcdocgen.checks.readoff import tensor_check
from mcdocgen.checks.rounding import ROUNDED, Evaluated, Rounded, lift, rounded_error
from mcdocgen.engine import layout as L
from mcdocgen.engine.derive import Derivation, LocalKind
from mcdocgen.engine.hessian import checked_problem
from mcdocgen.language import Layout, Node
from mcdocgen.language.shapes import Shape
from mcdocgen import language as E
from mcdocgen.checks.walk import Backend, Env, Guards, Sizes

# ---------------------------------------------------------------- steps


def intermediate_values(d: Derivation, env: Env, sizes: Sizes,
                        backend: Backend = NUMPY) -> tuple[dict[str, Any], Callable[[Node], Any]]:
    """The point extended by every intermediate's value there, and the evaluator of trees there (one
    walk: the steps share their subtrees, each evaluated once)."""
    values = dict(env)
    at = evaluator(values, sizes, backend)   # reads each intermediate after it is set below
    for item in d.intermediates:
        values[item.name] = at(item.definition)
    return values, at


def steps_check(problem: Problem, d: Derivation, rng: np.random.Generator, guards: Guards) -> CheckResult:
    """The factors exactly as the page shows them, multiplied or accumulated again, give the result."""
    worst, unchecked = 0.0, set[str]()
    for _ in range(2):
        sizes, env = sample(problem, rng, guards, d)
        floor = EXACT_FLOOR * value_scale(env)
        error = _point_error(d, env, sizes, floor, NUMPY)
        if error > EXACT_TOLERANCE:     # the terms may cancel: measured again against their rounding
            error = _point_error(d, {k: lift(v) for k, v in env.items()}, sizes, floor, ROUNDED)
        if forward_locals(d):   # carried forward: each step one rule deep (checks.forward)
            values, at = intermediate_values(d, env, sizes)
            forward = forward_error(d, values, sizes, at, floor)
            if forward.error > EXACT_TOLERANCE:     # a step's terms may cancel: against their rounding
                values, at = intermediate_values(d, {k: lift(v) for k, v in env.items()}, sizes, ROUNDED)
                forward = forward_error(d, values, sizes, at, floor, ROUNDED)
            error, unchecked = max(error, forward.error), unchecked | set(forward.unchecked)
        worst = max(worst, error)
    tensor = tensor_check(problem, d, rng, guards)    # vec-form and matrix-by-scalar results only
    worst = worst if tensor is None else max(worst, tensor.error)
    status = CheckStatus.PASSED if worst <= EXACT_TOLERANCE else CheckStatus.FAILED
    how = "the displayed chain products and derivatives, both layouts," if d.paths else \
        "the displayed local derivatives and matrix-form equations, both layouts,"
    how = f"{FORWARD_DETAIL}," if forward_locals(d) else how
    how += STEPS_DETAIL if d.symmetric else ""
    how += f" ({', '.join(sorted(unchecked))}: no Jacobian to check against)" if unchecked else ""
    if not any(i.depends for i in d.intermediates):
        how = f"trivially (the function does not depend on {d.wrt}: the constant rule's zero), {how}"
    also = "" if tensor is None else f"; {tensor.detail}"
    return CheckResult(status, f"{how} evaluated at 2 random points{also}", worst, 2, "numeric, no differences",
                       EXACT_TOLERANCE)


def _point_error(d: Derivation, env: Env, sizes: Sizes, floor: float, backend: Backend) -> float:
    """The worst relative error of the displayed steps against the result at one point, evaluated in
    plain floats (NUMPY) or with rounding bounds (ROUNDED: compared at the scale of their terms)."""
    # the two take a backend's values: float arrays, or Rounded ones
    compare: Callable[[Any, Any, float], float] = rounded_error if backend is ROUNDED else relative_error
    exact: Callable[[Any], Evaluated] = lift if backend is ROUNDED else (lambda a: a)
    worst = 0.0
    env, at = intermediate_values(d, env, sizes, backend)
    results = {lay: at(L.result(d, lay)) for lay in Layout}
    if d.symmetric:     # the steps give G, X unconstrained; their last step restricts it (checks.symmetric)
        results, restricted = unconstrained_targets(d, env, sizes, floor, backend, compare)
        worst = max(worst, restricted)
    for lay in Layout:
        worst = max(worst, compare(at(L.product(d, lay)), results[lay], floor))
        for simplified in (False, True):    # put back into the chain's product or the simplified one: shown steps
            back = L.put_back(d, lay, simplified)
            if back is not None:
                worst = max(worst, compare(at(back), results[lay], floor))
        before = None if d.symmetry_step is None else d.symmetry_step.before(lay is Layout.NUMERATOR)
        if before is not None:  # shown before A^T = A: equal to the result as the sample's A is symmetric
            worst = max(worst, compare(at(before), results[lay], floor))
        if d.paths:
            total = exact(sum(_chain_value(L.chain(path, lay), at) for path in d.paths))
            total = total if isinstance(total, Rounded) else np.atleast_2d(total)
            worst = max(worst, compare(_unvec(total, results[lay]), results[lay], floor))
    if d.accumulations:
        m = dimension(d.function_shape.length, sizes)
        seed = exact(np.ones((1, 1)) if d.scalar_function else np.eye(m))
        grads = dict(env)
        for lay in Layout:
            grads[grad_key(d.function, lay)] = seed
        for acc in d.accumulations:
            for lay in Layout:
                grads[grad_key(acc.name, lay)] = sum(
                    evaluate(t, grads, sizes, backend) for t in L.accumulation_terms(acc, lay))
        for lay in Layout:
            worst = max(worst, compare(_unvec(grads[grad_key(d.wrt, lay)], results[lay]), results[lay], floor))
        if d.scalar_function and not d.paths:
            worst = max(worst, _locals_error(d, grads, sizes, backend, compare, floor))
    return worst


def _locals_error(d: Derivation, grads: Env, sizes: Sizes, backend: Backend, compare: Callable[[Any, Any, float], float],
                  floor: float) -> float:
    """Where the chain rule is in matrix form, each local derivative as a layout shows it, applied to
    the gradient g of the function by its intermediate, gives the contribution the matrix form adds
    (a Jacobian J: J^T vec(g), for a scalar intermediate g times the gradient shown, which has the
    operand's shape; a matrix-form step: itself): the table and the equations under it agree."""
    worst = 0.0
    for loc in d.locals:
        if loc.kind is LocalKind.FORWARD:
            continue
        g = E.Grad(d.intermediate(loc.of).shape, d.function, loc.of)
        operand = d.wrt_shape if loc.wrt == d.wrt else d.intermediate(loc.wrt).shape
        contribution = evaluate(loc.backward, grads, sizes, backend)
        for shown in (loc.denominator, E.transpose(loc.numerator)):   # both in denominator layout
            try:
                applied = shown if loc.kind is LocalKind.MATRIX_FORM else _applied(shown, g, operand)
            except E.ExprError:   # the shapes do not even multiply
                return float("inf")
            worst = max(worst, compare(evaluate(applied, grads, sizes, backend), contribution, floor))
    return worst


def _applied(gradient: Node, g: Node, operand: Shape) -> Node:
    """A local derivative (denominator layout) times the function's gradient by its intermediate."""
    if g.shape.is_scalar:
        return E.mul(gradient, g)
    out = E.matmul(gradient, g if g.shape.is_column else E.transpose(g))
    return out if operand.is_column or operand.is_scalar else E.transpose(out)


def _unvec(value: Evaluated, like: Evaluated) -> Evaluated:
    """A matrix function's derivative by a scalar, as its chain gives it (vec(M) as a column in
    numerator layout, its transpose in denominator), in the result's shape (M, or M^T)."""
    if value.shape == like.shape or value.size != like.size:
        return value
    if value.shape[1] == 1:
        return value.reshape(like.shape, order="F")
    return value.reshape(like.shape[::-1], order="F").T


def _chain_value(factors: tuple[L.Factor, ...], at: Callable[[Node], Any]) -> Evaluated:
    """The product of a chain's factors, left to right, evaluated as one tree: a diagonal factor
    of a large chain then costs a row scaling, not a dense product (evaluate's diag_matmul)."""
    node = factors[0].value
    try:
        for f in factors[1:]:
            node = E.matmul(node, f.value)
    except E.ExprError:   # a 1 x 1 factor that acts as a scalar: multiply the arrays instead
        return _product([at(f.value) for f in factors])
    value: Evaluated = at(node)
    return value


def _product(factors: list[np.ndarray]) -> np.ndarray:
    out = factors[0]
    for f in factors[1:]:
        out = out @ f
    return out


# ---------------------------------------------------------------- expected


def expected_check(problem: Problem, d: Derivation, rng: np.random.Generator, guards: Guards) -> CheckResult:
    """The catalog's expected answer equals the derived result at random points (NOT_APPLICABLE without one)."""
    exp = problem.expected.get(d.wrt)
    if exp is None:
        return CheckResult(CheckStatus.NOT_APPLICABLE, "the catalog gives no expected answer")
    # which derivative and layout the answer is compared with: a vec form is easily given transposed
    where = f"order {d.order}, {d.form} form, denominator layout"
    assert d.result is not None     # a finished derivation (verify runs no check otherwise)
    if exp.node.shape != d.result.shape:
        return CheckResult(CheckStatus.FAILED, f"{where}: expected has shape {exp.node.shape.label()}, the "
                           f"denominator-layout result has {d.result.shape.label()}")
    worst = 0.0
    for _ in range(3):
        sizes, env = sample(problem, rng, guards, d)
        floor = EXACT_FLOOR * value_scale(env)
        at = evaluator(env, sizes)
        error = relative_error(at(exp.node), at(d.result), floor)
        if error > EXACT_TOLERANCE:     # the terms may cancel: measured again against their rounding
            exact = {k: lift(v) for k, v in env.items()}
            error = rounded_error(evaluate(exp.node, exact, sizes, ROUNDED), evaluate(d.result, exact, sizes, ROUNDED),
                                  floor)
        worst = max(worst, error)
    status = CheckStatus.PASSED if worst <= EXACT_TOLERANCE else CheckStatus.FAILED
    # the expected answer as the printer writes it (not the catalog's raw text): the detail reaches every page
    detail = "equal to the derived result at 3 random points" if status is CheckStatus.PASSED else (
        f"{where}: expected '{E.to_text(exp.node)}' differs from the derived result "
        f"(relative difference over {bound_text(EXACT_TOLERANCE)})")
    return CheckResult(status, detail, worst, 3, "numeric comparison", EXACT_TOLERANCE)


# ---------------------------------------------------------------- all


def planned(problem: Problem, d: Derivation, seed: int = 0) -> list[tuple[CheckName, Callable[[], CheckResult | None]]]:
    """The checks of one finished derivation, in the order they draw their points, each ready to
    run (``verify`` runs them; bench/bench_check.py times them one by one).

    A Hessian (order 2) is checked against second differences and second SymPy derivatives of the
    function itself; its steps, expected and subgradient checks read the gradient's problem."""
    own = problem if d.order == 1 else checked_problem(problem, d)
    guards = kink_arguments(problem.expression)
    own_guards = guards if d.order == 1 else kink_arguments(own.expression)
    rng = point_rng(problem, d.wrt if d.order == 1 else f"{d.wrt}:hessian", seed)
    numeric_of, components_of = (numeric_check, components_check) if d.order == 1 else \
        (second_numeric_check, second_components_check)
    # the subgradient check draws last: the other checks' points do not depend on whether there is a kink
    # by a symmetric matrix, G as well, at non-symmetric points of its own (checks.unconstrained)
    return [(CheckName.NUMERIC, lambda: with_unconstrained(numeric_of(problem, d, rng, guards), problem, d, guards, seed)),
            (CheckName.COMPONENTS, lambda: components_of(problem, d)),
            (CheckName.STEPS, lambda: steps_check(own, d, rng, own_guards)),
            (CheckName.EXPECTED, lambda: expected_check(own, d, rng, own_guards)),
            (CheckName.SUBGRADIENT, lambda: subgradient_check(own, d, rng, own_guards)),
            (CheckName.ERRATUM, lambda: erratum_check(problem, d, rng, guards)),
            # last: the points of every check above stay what they were before it existed
            (CheckName.REMOVED_KINK, lambda: removed_kink_check(own, d, rng, own_guards))]


def run_check(check: Callable[[], CheckResult | None]) -> CheckResult | None:
    """One planned check; a point that cannot be found or evaluated fails it, saying why."""
    try:
        with np.errstate(all="ignore"):
            return check()
    except NoPoint as exc:
        return CheckResult(CheckStatus.FAILED, str(exc))
    except (np.linalg.LinAlgError, ZeroDivisionError, OverflowError, ValueError) as exc:
        return CheckResult(CheckStatus.FAILED, f"could not be evaluated: {exc}")


def verify(problem: Problem, d: Derivation, seed: int = 0) -> Verification:
    """Every check of one derivation, at points seeded by ``seed``, the problem's id and wrt."""
    if not d.ok:
        own = problem if d.order == 1 else checked_problem(problem, d)
        assert d.not_derived is not None
        failed = CheckResult(CheckStatus.FAILED, f"not derived: {d.not_derived.reason}")
        exp = failed if d.wrt in own.expected else CheckResult(CheckStatus.NOT_APPLICABLE)
        return Verification(failed, failed, failed, exp)
    numeric, components, steps, expected, subgradient, erratum, removed = (run_check(c) for _, c in planned(problem, d, seed))
    # only the subgradient, erratum and removed-kink checks may have nothing to say (no kink, no erratum, none removed)
    assert numeric is not None and components is not None and steps is not None and expected is not None
    if numeric.status is CheckStatus.FAILED:
        nowhere = defined_nowhere(problem)
        if nowhere is not None:
            # every check the result lists (its corner's subgradients, a smooth place, the catalog's erratum) stays
            # listed, not applicable; no fact of the set-up is claimed: none could be sampled
            def listed(check: CheckResult | None) -> CheckResult | None:
                return None if check is None else nowhere.components    # NOWHERE, not applicable
            return replace(nowhere, subgradient=listed(subgradient), erratum=listed(erratum),
                           removed_kink=listed(removed))
    return Verification(numeric, components, steps, expected, subgradient, erratum, removed, used_facts(problem, d))


NOWHERE = "the function has no point to check at (see the numeric check)"


def defined_nowhere(problem: Problem) -> Verification | None:
    """Where the function alone (its derivative aside) has no usable point in every draw, the one failure that
    says so, every other check not applicable (``verify`` lists those only some results have), no set-up fact
    used; else None. The symbolic sides of ``c / (sin(d)**2 + cos(d)**2 - 1)``
    are the same expression, but a function undefined everywhere has no derivative to have checked: its
    components are no pass. Asked only once the numeric check failed, with draws of its own (no check's points move)."""
    try:
        sample(problem, point_rng(problem, "defined anywhere"), kink_arguments(problem.expression))
    except NoPoint as exc:
        failed = CheckResult(CheckStatus.FAILED, f"{exc}: the function alone has no point, so nothing could be checked")
        none = CheckResult(CheckStatus.NOT_APPLICABLE, NOWHERE)
        return Verification(failed, none, none, none)
    return None
