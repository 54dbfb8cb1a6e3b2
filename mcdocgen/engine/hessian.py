"""Hessians: the second derivative of a scalar function, derived as the Jacobian of its gradient.

The route is the one a page states: derive the gradient G (denominator layout, over the declared
variables) with the engine, then derive G by the same variable as a new function of the problem,
with its own intermediates, local derivatives and chain. The numerator form is the
numerator-layout Jacobian of G (``d vec(G) / d vec(X)^T`` for a matrix variable); the
denominator form is its transpose.
"""

from __future__ import annotations

import enum
from dataclasses import replace

from mcdocgen import language as E
from mcdocgen.catalog import Answers, Problem, StepDef
from mcdocgen.engine.derive import Derivation, derive, not_derived
from mcdocgen.engine.decompose import Naming
from mcdocgen.engine.simplify import simplify
from mcdocgen.language import Node
from mcdocgen.language.shapes import Shape

HESSIAN_ORDER = 2
#: The route a Hessian takes, as pages and the terminal state it.
ROUTE = "derive the gradient, then differentiate it"


class SecondKind(enum.StrEnum):
    """What a second derivative is, by its variable: the words pages, handouts, the terminal and the checks use."""

    SECOND = "second derivative"    # by a scalar t: one number, d^2 f / dt^2, the derivative of df/dt
    HESSIAN = "Hessian"             # by a vector or a matrix: the matrix of second partial derivatives


def second_kind_by(wrt_shape: Shape) -> SecondKind:
    """The kind of a second derivative by a variable of this shape."""
    return SecondKind.SECOND if wrt_shape.is_scalar else SecondKind.HESSIAN
_GRADIENT_NAMES = ("g", "G", "grad_f", "gradient")
# the second derivation's own intermediates: v_1, v_2..., so that u_k means one thing on a page
SECOND_PREFIX = "v"


def gradient_name(problem: Problem, wrt: str) -> str:
    """The name the gradient's step takes in the second derivation (one not used by the problem):
    g, or G when the gradient is a matrix (the variable's shape), as the course notes write it."""
    taken = {v.name for v in problem.variables} | set(problem.sizes) | {s.name for s in problem.steps}
    matrix = not problem.variable(wrt).shape.is_vector_like
    names = ("G", "g", *_GRADIENT_NAMES[2:]) if matrix else _GRADIENT_NAMES
    return next(n for n in names if n not in taken)


def gradient_problem(problem: Problem, wrt: str, g: Node) -> Problem:
    """The problem whose function is the gradient ``g`` by ``wrt``: its derivative by the same
    variable is the Hessian.

    The gradient is one named step (so that the second derivation calls it g, not f); its
    expected answers are the problem's ``expected_hessian`` (the Hessian is its derivative).
    """
    text = E.try_text(g, "")
    step = StepDef(gradient_name(problem, wrt), text, g, problem.line)
    return replace(problem, expression=g, expression_text=text, steps=(step,), wrt=(wrt,),
                   expected=Answers(problem.expected_hessian), hessian=(), expected_hessian=Answers())


def checked_problem(problem: Problem, d: Derivation) -> Problem:
    """The problem a Hessian's steps, expected and subgradient checks read: the gradient's (its
    function is the last intermediate, the gradient step), or for one not derived the problem
    with its expected Hessians as its expected answers."""
    if d.ok:
        return gradient_problem(problem, d.wrt, d.intermediate(d.function).value)
    return replace(problem, expected=Answers(problem.expected_hessian))


def derive_hessian(problem: Problem, wrt: str, gradient: Derivation | None = None,
                   naming: Naming | None = None) -> Derivation:
    """The Hessian of the problem's scalar function by ``wrt``: the derivative of its gradient.

    ``gradient`` is the first derivative by ``wrt`` when the caller has it already. The result is
    a :class:`Derivation` of order 2 whose function is the gradient (so its ``form`` is the
    Hessian's: matrix for a scalar or vector variable, vec for a matrix). ``naming``: the names
    the page has given so far (engine.notation), kept for the same subexpressions.
    """
    first = gradient if gradient is not None else derive(problem, wrt)
    if not problem.expression.shape.is_scalar:
        return hessian_not_derived(problem, wrt, "a Hessian is the second derivative of a scalar function; "
                                                  "this function is not scalar")
    if not first.ok or first.result is None:
        reason = first.not_derived.reason if first.not_derived else "the gradient was not derived"
        return hessian_not_derived(problem, wrt, f"the gradient was not derived: {reason}")
    second_problem = gradient_problem(problem, wrt, first.result)
    second = derive(second_problem, wrt, SECOND_PREFIX, naming)
    if not second.ok and second.not_derived is not None and "tensor" in second.not_derived.reason:
        # a vector through a matrix (diag(s) @ X): derive's own retry skips problems with steps
        rewritten = simplify(second_problem.expression)
        if rewritten != second_problem.expression:
            step = replace(second_problem.steps[0], node=rewritten, text=E.try_text(rewritten, ""))
            retry = derive(replace(second_problem, expression=rewritten, steps=(step,)), wrt, SECOND_PREFIX, naming)
            second = retry if retry.ok else second
    return _second(second, frozenset(s.name for s in problem.steps))


def _second(d: Derivation, steps: frozenset[str]) -> Derivation:
    """A derivation of the gradient, as the problem's Hessian: order 2, the gradient's step shown
    as the derivation's own (it was not written in the catalog); a part under a name of the catalog's
    ``steps`` (the first derivative's, kept by the page's naming) is the catalog's."""
    items = tuple(replace(i, from_catalog=i.name in steps) for i in d.intermediates)
    return replace(d, order=HESSIAN_ORDER, intermediates=items)


def hessian_not_derived(problem: Problem, wrt: str, reason: str) -> Derivation:
    """Not derived, saying why; its function is the gradient (of the variable's shape), so that
    its form is the Hessian's."""
    shape = problem.variable(wrt).shape
    return replace(not_derived(problem, wrt, reason), order=HESSIAN_ORDER, function_shape=shape,
                   scalar_function=shape.is_scalar)
