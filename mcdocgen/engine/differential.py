"""The differential of an expression: one rule per node type, each one step deep, each a named identity.

``d(A @ B) = dA B + A dB``, ``d inv(A) = -inv(A) dA inv(A)``, ``d det A = det(A) tr(inv(A) dA)``, ...
(Magnus and Neudecker). The differential ``dX`` of a variable is a variable of X's shape named
``d(X)`` (:func:`dvar`): the parser never makes that name (it is no identifier), the language printer
writes it back as ``d(X)``, and evaluation gives it the direction of a change. The same rules give a
derivation's local differentials (each intermediate's change by its operands' changes) and the
function's differential by the variable alone (:func:`differential`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from mcdocgen import language as E
from mcdocgen.engine.decompose import Intermediate
from mcdocgen.engine.rules import RuleId, trace_kron_args
from mcdocgen.language import (
    FUNCTIONS, Add, Commutation, Det, Diag, Div, Dot, Eye, Func, Index, Inv, Kron, MatMul, Maximum, Mean, Mul,
    Neg, Node, Norm, Num, Ones, Outer, Pow, Softmax, Sum, Sym, Trace, Transpose, Unit, Var, Vec, Zero,
)

DIFFERENTIAL_PREFIX = "d("  # a differential's variable is named d(X): no identifier of the language


def dname(name: str) -> str:
    """The name of the differential of the variable ``name``: ``d(name)``."""
    return f"{DIFFERENTIAL_PREFIX}{name})"


def dvar(of: Var) -> Var:
    """``dX``: the differential of a variable, a variable of its shape named ``d(X)``."""
    return E.var(dname(of.name), of.shape)


def is_differential(node: Node) -> bool:
    """Whether a node is the differential of a variable (``d(X)``)."""
    return isinstance(node, Var) and node.name.startswith(DIFFERENTIAL_PREFIX)


def differential_of(name: str) -> str:
    """The name of the variable whose differential ``d(name)`` is."""
    return name[len(DIFFERENTIAL_PREFIX):-1]


class NoDifferential(Exception):
    """No differential rule for a node: ``subject`` (in the language) and the real reason."""

    def __init__(self, subject: Node, reason: str) -> None:
        super().__init__(reason)
        self.subject = E.try_text(subject, type(subject).__name__)
        self.reason = reason


# The differential of an operand, or None when it does not change (a constant).
Operand = Callable[[Node], Node | None]


@dataclass(frozen=True, slots=True)
class Step:
    """One rule applied once: the node's differential in terms of its operands' differentials."""

    value: Node | None          # None: the node does not change
    rule: RuleId | None         # None for a leaf


# ---------------------------------------------------------------- helpers


def _add(*terms: Node | None) -> Node | None:
    kept = [t for t in terms if t is not None]
    return E.add(*kept) if kept else None


def _fit(d: Node | None, shape: E.shapes.Shape) -> Node | None:
    """A scalar change spread over every entry of an array (scalar expansion)."""
    if d is None or d.shape == shape:
        return d
    return E.mul(d, E.ones(shape))


def _scale(c: Node, d: Node | None) -> Node | None:
    return _through(d, lambda x: E.mul(c, x))


def _through(da: Node | None, f: Callable[[Node], Node]) -> Node | None:
    """f(dA) for an operand that changes; None (no change) where it does not."""
    return None if da is None else f(da)


def _product(op: Callable[[Node, Node], Node], a: Node, da: Node | None, b: Node, db: Node | None) -> Node | None:
    """d op(A, B) = op(dA, B) + op(A, dB) for a bilinear ``op`` (the product rule), the term of an operand that does
    not change left out."""
    return _add(_through(da, lambda x: op(x, b)), _through(db, lambda x: op(a, x)))


# ---------------------------------------------------------------- the rules


@functools.singledispatch
def rule(node: Node, d: Operand) -> Step:
    """The differential of ``node`` from its operands' differentials ``d`` (one step deep)."""
    raise NoDifferential(node, f"no differential rule for {type(node).__name__}")


@rule.register(Num)
@rule.register(Eye)
@rule.register(Ones)
@rule.register(Zero)
@rule.register(Unit)
@rule.register(Commutation)
def _constant(node: Node, d: Operand) -> Step:
    return Step(None, None)


@rule.register
def _var(node: Var, d: Operand) -> Step:
    return Step(d(node), RuleId.IDENTITY)


@rule.register
def _add_rule(node: Add, d: Operand) -> Step:
    """d(A + B) = dA + dB (a scalar added to every entry changes every entry)."""
    return Step(_fit(_add(*(_fit(d(t), node.shape) if not t.shape.is_scalar else d(t) for t in node.terms)),
                     node.shape), RuleId.SUM_RULE)


@rule.register
def _neg(node: Neg, d: Operand) -> Step:
    """d(-A) = -dA."""
    return Step(_through(d(node.arg), E.neg), RuleId.NEGATION)


@rule.register
def _mul(node: Mul, d: Operand) -> Step:
    """d(A * B) = dA * B + A * dB (Hadamard), and d(c A) = dc A + c dA."""
    da, db = d(node.left), d(node.right)
    value = _product(E.mul, node.left, da, node.right, db)
    hadamard = not node.left.shape.is_scalar and not node.right.shape.is_scalar
    return Step(value, RuleId.HADAMARD if hadamard else RuleId.SCALAR_MULTIPLE)


@rule.register
def _div(node: Div, d: Operand) -> Step:
    """d(A / B) = dA / B - A * dB / B**2."""
    da, db = d(node.left), d(node.right)
    minus = None if db is None else E.neg(E.div(E.mul(node.left, db), E.power(node.right, E.num(2))))
    return Step(_add(None if da is None else E.div(da, node.right), minus), RuleId.QUOTIENT)


@rule.register
def _pow(node: Pow, d: Operand) -> Step:
    """d(A**c) = c A**(c-1) * dA; a changing exponent adds A**b * log(A) * db."""
    da, db = d(node.base), d(node.exp)
    lower = E.num(node.exp.value - 1) if isinstance(node.exp, Num) else E.sub(node.exp, E.num(1))
    # A**1 is written A: d(x**2) = 2 x dx, as the forward steps write it, not 2 x^1 dx
    power = node.base if isinstance(lower, Num) and lower.value == 1 else E.power(node.base, lower)
    base = None if da is None else E.mul(E.mul(node.exp, power), da)
    if db is None:
        return Step(base, RuleId.POWER)
    log = E.func(E.Fn.LOG, node.base)
    return Step(_add(base, E.mul(E.mul(node, log), db)), RuleId.EXPONENT)


@rule.register
def _matmul(node: MatMul, d: Operand) -> Step:
    """d(A @ B) = dA @ B + A @ dB."""
    da, db = d(node.left), d(node.right)
    # one changing factor: the matrix product's identity for that factor; both: the product rule
    which = RuleId.PRODUCT if da is not None and db is not None else \
        RuleId.MATMUL_LEFT if da is not None else RuleId.MATMUL_RIGHT
    return Step(_product(E.matmul, node.left, da, node.right, db), which)


@rule.register
def _transpose(node: Transpose, d: Operand) -> Step:
    """d(A.T) = (dA).T."""
    return Step(_through(d(node.arg), E.transpose), RuleId.TRANSPOSE)


@rule.register
def _func(node: Func, d: Operand) -> Step:
    """d f(A) = f'(A) * dA, entrywise (f' from the function's spec)."""
    da = d(node.arg)
    return Step(_scale(FUNCTIONS[node.fn].derivative(node.arg, node), da), RuleId.ELEMENTWISE)


@rule.register
def _softmax(node: Softmax, d: Operand) -> Step:
    """d softmax(v) = s * dv - s (s^T dv), s = softmax(v): the Jacobian diag(s) - s s^T applied to dv."""
    dv = d(node.arg)
    return Step(None if dv is None else E.sub(E.mul(node, dv), E.matmul(node, E.matmul(E.transpose(node), dv))),
                RuleId.SOFTMAX)


@rule.register
def _maximum(node: Maximum, d: Operand) -> Step:
    """d max(A, B) = H(A - B) * dA + H(B - A) * dB, H the Heaviside step (away from ties)."""
    da, db = d(node.left), d(node.right)
    step = E.func(E.Fn.HEAVISIDE, E.sub(node.left, node.right))
    other = E.func(E.Fn.HEAVISIDE, E.sub(node.right, node.left))
    return Step(_add(_scale(step, _fit(da, node.shape)), _scale(other, _fit(db, node.shape))), RuleId.MAXIMUM)


@rule.register
def _sum(node: Sum, d: Operand) -> Step:
    """d sum(A) = sum(dA)."""
    return Step(_through(d(node.arg), E.total), RuleId.SUM_REDUCTION)


@rule.register
def _mean(node: Mean, d: Operand) -> Step:
    """d mean(A) = mean(dA)."""
    return Step(_through(d(node.arg), E.mean), RuleId.MEAN)


@rule.register
def _norm(node: Norm, d: Operand) -> Step:
    """d norm(A) = sum(A * dA) / norm(A)."""
    da = d(node.arg)
    return Step(None if da is None else E.div(E.total(E.mul(node.arg, da)), node), RuleId.NORM)


@rule.register
def _dot(node: Dot, d: Operand) -> Step:
    """d dot(a, b) = dot(da, b) + dot(a, db)."""
    return Step(_product(E.dot, node.left, d(node.left), node.right, d(node.right)), RuleId.DOT)


@rule.register
def _trace(node: Trace, d: Operand) -> Step:
    """d tr(A) = tr(dA); d tr(A kron B) = tr(dA) tr(B) + tr(A) tr(dB) (the rules' one operation)."""
    pair = trace_kron_args(node)
    if pair is not None:
        a, b = pair
        return Step(_product(lambda x, y: E.mul(E.trace(x), E.trace(y)), a, d(a), b, d(b)), RuleId.TRACE_KRON)
    return Step(_through(d(node.arg), E.trace), RuleId.TRACE)


@rule.register
def _det(node: Det, d: Operand) -> Step:
    """d det(A) = det(A) tr(inv(A) @ dA)."""
    da = d(node.arg)
    return Step(None if da is None else E.mul(node, E.trace(E.matmul(E.inv(node.arg), da))), RuleId.DETERMINANT)


@rule.register
def _inv(node: Inv, d: Operand) -> Step:
    """d inv(A) = -inv(A) @ dA @ inv(A)."""
    da = d(node.arg)
    return Step(None if da is None else E.neg(E.matmul(E.matmul(node, da), node)), RuleId.INVERSE)


@rule.register
def _diag(node: Diag, d: Operand) -> Step:
    """d diag(A) = diag(dA) (linear)."""
    return Step(_through(d(node.arg), E.diag), RuleId.DIAG)


@rule.register
def _outer(node: Outer, d: Operand) -> Step:
    """d outer(a, b) = outer(da, b) + outer(a, db)."""
    return Step(_product(E.outer, node.left, d(node.left), node.right, d(node.right)), RuleId.OUTER)


@rule.register
def _index(node: Index, d: Operand) -> Step:
    """d A[i, j] = (dA)[i, j] (linear)."""
    return Step(_through(d(node.arg), lambda da: E.index(da, node.row, node.col)), RuleId.COMPONENT)


@rule.register
def _vec(node: Vec, d: Operand) -> Step:
    """d vec(A) = vec(dA) (linear)."""
    return Step(_through(d(node.arg), E.vec), RuleId.LINEAR_MAP)  # linear: its own differential


@rule.register
def _sym(node: Sym, d: Operand) -> Step:
    """d sym(A) = sym(dA) (linear)."""
    return Step(_through(d(node.arg), E.sym), RuleId.LINEAR_MAP)  # linear: its own differential


@rule.register
def _kron(node: Kron, d: Operand) -> Step:
    """d kron(A, B) = kron(dA, B) + kron(A, dB) (bilinear)."""
    # bilinear: the product rule
    return Step(_product(E.kron, node.left, d(node.left), node.right, d(node.right)), RuleId.PRODUCT)


# ---------------------------------------------------------------- whole expressions


def differential(node: Node, wrt: str) -> Node | None:
    """dF by d(wrt) only: the rules applied all the way down (None: F does not depend on ``wrt``).

    Raises :class:`NoDifferential` naming the subexpression that has no rule.
    """
    memo: dict[Node, Node | None] = {}

    def d(n: Node) -> Node | None:
        if n not in memo:
            if isinstance(n, Var):
                memo[n] = dvar(n) if n.name == wrt else None
            elif not E.depends_on(n, {wrt}):
                memo[n] = None
            else:
                memo[n] = rule(n, d).value
        return memo[n]

    return d(node)


def local_differential(definition: Node, changing: frozenset[str]) -> Step:
    """An intermediate's differential by its operands' differentials ``d(u)``, for operands named in
    ``changing`` (the others are constants): the page's step and its rule."""
    def d(n: Node) -> Node | None:
        if isinstance(n, Var):
            return dvar(n) if n.name in changing else None
        if not E.depends_on(n, changing):
            return None
        return rule(n, d).value

    if isinstance(definition, Var):
        return Step(d(definition), RuleId.IDENTITY)
    return rule(definition, d)


@dataclass(frozen=True, slots=True)
class LocalDifferential:
    """One intermediate's differential, as a page shows it: ``d(name) = value`` by the rule."""

    name: str
    value: Node
    rule: RuleId


def differential_steps(intermediates: Sequence[Intermediate], wrt: str) -> tuple[LocalDifferential, ...]:
    """The local differential of every intermediate that changes with ``wrt``, in order (each by its
    operands' differentials). Raises :class:`NoDifferential` where an operation has no rule."""
    changing = {wrt}
    out = []
    for item in intermediates:
        if not item.depends:
            continue
        step = local_differential(item.definition, frozenset(changing))
        changing.add(item.name)
        if step.value is not None and step.rule is not None:
            out.append(LocalDifferential(item.name, step.value, step.rule))
    return tuple(out)
