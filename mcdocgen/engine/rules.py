"""Derivative rules: one named identity per operation, each one step deep.

A rule looks at one operation ``u = op(a, b, ...)`` and, for one operand, gives the local
derivative: the Jacobian (numerator layout, ``d vec(u) / d vec(a)^T``: for scalars and vectors the
usual one, for a matrix side the vec form, see ``engine.jacobians``) and the matrix form of the
chain rule (how the gradient of a scalar function with respect to ``u`` becomes its gradient with
respect to the operand). It never recurses: ``derive`` walks.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace

import sympy

from mcdocgen.engine.jacobians import (
    Lazy, built, component, diag_of, diagonal_embedding, entries_row, eye_of, times, total_times, vec, vec_inverse,
    vec_left, vec_right, vec_transpose, vector_like,
)
from mcdocgen.engine.kinks import Kink
from mcdocgen.engine.literals import literal_operand
from mcdocgen.engine.rule_ids import RuleId as RuleId   # its home; imported from here too
from mcdocgen.language import FUNCTIONS, KinkKind
from mcdocgen import language as E
from mcdocgen.language.shapes import column
from mcdocgen.language import (
    Add, Det, Diag, Div, Dot, Fn, Func, Index, Inv, Kron, Lit, MatMul, Maximum, Mean, Mul, Neg, Node,
    Norm, Num, Outer, Pow, Sum, Trace, Transpose, Var,
)


@dataclass(frozen=True, slots=True)
class OperandRule:
    """The local derivative of ``u`` with respect to one operand slot."""

    slot: int
    rule: RuleId
    jac: Lazy | None                            # numerator layout, vec(u) by vec(operand), or how to build it
    backward: Callable[[Node], Node] | None     # dF/du (shape of u) -> dF/d operand (its shape)
    kink: Kink | None = None
    vec_rule: RuleId | None = None              # the rule named where the Jacobian is a vec form (a
    #                                             matrix side), if its identity differs from ``rule``'s

    @property
    def jacobian(self) -> Node | None:
        """The Jacobian (built here where the rule gave how to build it), None where there is none."""
        return None if self.jac is None else built(self.jac)


@dataclass(frozen=True, slots=True)
class NoRule:
    """Why no rule applies to an operation."""

    reason: str


def operands(node: Node) -> tuple[Node, ...]:
    """The operand slots of an operation (a squared norm counts as one operation)."""
    inner = squared_norm_arg(node)
    if inner is not None:
        return (inner,)
    pair = trace_kron_args(node)
    if pair is not None:
        return pair
    if isinstance(node, Var):
        return (node,)
    if isinstance(node, Add):   # a subtracted term's slot is what it subtracts (rule_add: -I)
        return tuple(t.arg if isinstance(t, Neg) else t for t in node.terms)
    of = literal_operand(node)
    if of is not None:
        return (of,)
    return node.children()


def squared_norm_arg(node: Node) -> Node | None:
    """``a`` when the node is ``norm(a)**2``, which the rules treat as one operation."""
    if isinstance(node, Pow) and isinstance(node.base, Norm) and isinstance(node.exp, Num) and node.exp.value == 2:
        return node.base.arg
    return None


def trace_kron_args(node: Node) -> tuple[Node, Node] | None:
    """``(a, b)`` when the node is ``tr(kron(a, b))`` of square, non-scalar ``a`` and ``b``: one operation, by
    tr(a kron b) = tr(a) tr(b), as textbooks take it (the Cookbook), not the Kronecker product's vec-form Jacobian."""
    if isinstance(node, Trace) and isinstance(node.arg, Kron) and all(
            k.shape.rows == k.shape.cols and not k.shape.is_scalar for k in (node.arg.left, node.arg.right)):
        return node.arg.left, node.arg.right
    return None


def trace_kron_product(a: Node, b: Node) -> Node:
    """tr(a kron b) as the product of the traces ``a`` and ``b`` (tr(a) tr(b); tr(a)^2 where they are one), the
    first step where the variable is in both slots: the one-slot rule d tr(A kron X) = tr(A) I would drop a term."""
    return E.power(a, E.num(2)) if a == b else E.mul(a, b)


@functools.singledispatch
def rules_for(node: Node) -> tuple[OperandRule, ...] | NoRule:
    """The local derivative of an operation for each operand slot, or why there is none."""
    return NoRule(f"no derivative rule for {type(node).__name__}")


@rules_for.register
def rule_var(node: Var) -> tuple[OperandRule, ...]:
    """d x / d x = I: a variable by itself."""
    return (OperandRule(0, RuleId.IDENTITY, lambda: eye_of(node), lambda g: g),)


@rules_for.register
def rule_add(node: Add) -> tuple[OperandRule, ...]:
    """d(u + v)/du = I (sum rule); d(x + z)/dz = 1 for a scalar z added to every entry (scalar expansion);
    a subtracted term's operand is what it subtracts (``operands``): d(u - v)/dv = -I, -1."""
    return tuple(_term_slot(node, i, isinstance(t, Neg)) for i, t in enumerate(node.terms))


def _term_slot(node: Add, i: int, negated: bool) -> OperandRule:
    """One term's slot of a sum: I (or 1 expanded to every entry for a scalar term), -I where it is subtracted."""
    def sign(n: Node) -> Node:
        return E.neg(n) if negated else n
    if node.terms[i].shape == node.shape:
        return OperandRule(i, RuleId.SUM_RULE, lambda: sign(eye_of(node)), sign)
    # a scalar expanded to every entry
    return OperandRule(i, RuleId.SCALAR_EXPANSION, lambda: sign(E.ones(column(node.shape.length))),
                       lambda g: sign(E.total(g)))


@rules_for.register
def rule_neg(node: Neg) -> tuple[OperandRule, ...]:
    """d(-u)/du = -I."""
    return (OperandRule(0, RuleId.NEGATION, lambda: E.neg(eye_of(node)), lambda g: E.neg(g)),)


def _product_slot(node: Node, slot: int, this: Node, other: Node) -> OperandRule:
    """One factor's slot of a product, by the shapes of the two factors."""
    if node.shape.is_scalar:
        return OperandRule(slot, RuleId.PRODUCT, other, lambda g: E.mul(g, other))
    if this.shape.is_scalar:  # a variable scalar times a fixed array
        return OperandRule(slot, RuleId.SCALED_VECTOR, lambda: vec(other), lambda g: E.total(E.mul(g, other)))
    if other.shape.is_scalar:
        return OperandRule(slot, RuleId.SCALAR_MULTIPLE, lambda: E.mul(other, eye_of(node)), lambda g: E.mul(other, g))
    return OperandRule(slot, RuleId.HADAMARD, lambda: E.diag(vec(other)), lambda g: E.mul(g, other))


@rules_for.register
def rule_mul(node: Mul) -> tuple[OperandRule, ...]:
    """Products, by operand shapes: d(uv)/du = v for scalars; d(a u)/du = a I; d(v a)/dv = a
    for a scalar v; d(w o x)/dw = diag(x) elementwise."""
    return (_product_slot(node, 0, node.left, node.right), _product_slot(node, 1, node.right, node.left))


@rules_for.register
def rule_div(node: Div) -> tuple[OperandRule, ...]:
    """Quotient rule: d(u/v)/du = 1/v, d(u/v)/dv = -u/v^2 (entrywise)."""
    a, b = node.left, node.right
    recip = E.div(E.num(1), b)
    slot_a = _product_slot(node, 0, a, recip)
    slot_a = OperandRule(0, RuleId.QUOTIENT, slot_a.jacobian, slot_a.backward)
    d = E.neg(E.div(a, E.power(b, E.num(2))))   # d(a/b)/db entrywise
    if node.shape.is_scalar:
        slot_b = OperandRule(1, RuleId.QUOTIENT, d, lambda g: E.mul(g, d))
    elif b.shape.is_scalar:
        slot_b = OperandRule(1, RuleId.QUOTIENT, vec(d), lambda g: E.total(E.mul(g, d)))
    else:
        slot_b = OperandRule(1, RuleId.QUOTIENT, diag_of(d), lambda g: E.mul(g, d))
    return (slot_a, slot_b)


@rules_for.register
def rule_pow(node: Pow) -> tuple[OperandRule, ...]:
    """Power rule d u^p/du = p u^(p-1), variable exponent d a^v/dv = a^v ln a (entrywise);
    squared norm d ||b||^2/db = 2 b^T."""
    v = squared_norm_arg(node)
    if v is not None:
        return (OperandRule(0, RuleId.SQUARED_NORM, E.mul(E.num(2), entries_row(v)),
                            lambda g: E.mul(E.num(2), E.mul(g, v))),)
    base, p = node.base, node.exp
    d_base = E.mul(p, E.power(base, E.sub(p, E.num(1))))
    slot0 = OperandRule(0, RuleId.POWER, lambda: diag_of(d_base), lambda g: E.mul(g, d_base))
    d_exp = E.mul(node, E.func(Fn.LOG, base))
    if node.shape.is_scalar:
        slot1 = OperandRule(1, RuleId.EXPONENT, d_exp, lambda g: E.mul(g, d_exp))
    else:
        slot1 = OperandRule(1, RuleId.EXPONENT, vec(d_exp), lambda g: E.total(E.mul(g, d_exp)))
    return (slot0, slot1)


@rules_for.register
def rule_matmul(node: MatMul) -> tuple[OperandRule, ...]:
    """Matrix products: d(Ax)/dx = A (linear map), d(x^T A)/dx = A^T (row linear map), d(x^T y)/dy = x^T
    (a row times a column: the inner product); in matrix
    form for a scalar f, df/dA = df/d(AB) B^T and df/dB = A^T df/d(AB) (denominator layout)."""
    a, b = node.left, node.right
    p, k, q = a.shape.rows, a.shape.cols, b.shape.cols
    # the vec forms (Magnus and Neudecker), kept where no simpler Jacobian applies below
    jac_a: Lazy = lambda: vec_left(b, p)
    jac_b: Lazy = lambda: vec_right(a, q)
    rule_a, rule_b = RuleId.MATMUL_LEFT, RuleId.MATMUL_RIGHT
    if q == 1:                               # u = A b, a column
        jac_b, rule_b = a, RuleId.LINEAR_MAP
        if p == 1:                           # a row times a column: their inner product, named so by both
            jac_a, rule_a, rule_b = E.transpose(b), RuleId.DOT, RuleId.DOT
        elif k == 1:
            jac_a, rule_a = E.mul(b, E.eye(p)), RuleId.SCALAR_MULTIPLE
    elif p == 1:                             # u = a^T B, a row
        jac_a, rule_a = E.transpose(b), RuleId.ROW_LINEAR
        if k == 1:
            jac_b, rule_b = E.mul(a, E.eye(q)), RuleId.SCALAR_MULTIPLE
    return (
        OperandRule(0, rule_a, jac_a, lambda g: E.matmul(g, E.transpose(b)),
                    vec_rule=RuleId.VEC_LEFT if rule_a is RuleId.MATMUL_LEFT else None),
        OperandRule(1, rule_b, jac_b, lambda g: E.matmul(E.transpose(a), g),
                    vec_rule=RuleId.VEC_RIGHT if rule_b is RuleId.MATMUL_RIGHT else None),
    )


@rules_for.register
def rule_transpose(node: Transpose) -> tuple[OperandRule, ...]:
    """d(x^T)/dx = I; for a scalar f, df/dX = (df/dX^T)^T."""
    jac: Lazy = eye_of(node) if vector_like(node) else lambda: vec_transpose(node.arg.shape)
    return (OperandRule(0, RuleId.TRANSPOSE, jac, lambda g: E.transpose(g), vec_rule=RuleId.VEC_TRANSPOSE),)


@rules_for.register
def rule_func(node: Func) -> tuple[OperandRule, ...]:
    """An elementwise function: d g(x)/dx = diag(g'(x)), with g' and g's kink from the function's spec."""
    spec = FUNCTIONS[node.fn]  # the function's derivative and kink live with the function
    d = spec.derivative(node.arg, node)
    kink = None if spec.kink is None else Kink(node.arg, spec.kink.kind, spec.kink.low, spec.kink.high)
    if kink is not None and kink.kind is KinkKind.CORNER and isinstance(d, Func):
        kink = replace(kink, step=d.fn)     # the derivative is a step function of the argument (sign, heaviside)
    return (OperandRule(0, RuleId.ELEMENTWISE, lambda: diag_of(d), lambda g: E.mul(g, d), kink),)


@rules_for.register
def rule_maximum(node: Maximum) -> tuple[OperandRule, ...]:
    """d max(x, y)/dx = diag(H(x - y)), H the Heaviside step; a corner where x = y, slopes in [0, 1]."""
    out = []
    for slot, this, other in ((0, node.left, node.right), (1, node.right, node.left)):
        gap = this if (isinstance(other, Num) and other.value == 0) else E.sub(this, other)
        d = E.func(Fn.HEAVISIDE, gap)
        kink = Kink(gap, KinkKind.CORNER, 0, 1, step=Fn.HEAVISIDE)
        if this.shape == node.shape:
            out.append(OperandRule(slot, RuleId.MAXIMUM, diag_of(d), times(d), kink))
        else:  # a scalar compared with every entry
            full = E.mul(d, E.ones(node.shape)) if d.shape.is_scalar else d
            out.append(OperandRule(slot, RuleId.MAXIMUM, vec(full), total_times(full), kink))
    return tuple(out)


@rules_for.register
def rule_sum(node: Sum) -> tuple[OperandRule, ...]:
    """d sum(x)/dx = 1^T."""
    a = node.arg
    return (OperandRule(0, RuleId.SUM_REDUCTION, lambda: E.transpose(E.ones(column(a.shape.length))),
                        lambda g: E.mul(g, E.ones(a.shape))),)


@rules_for.register
def rule_mean(node: Mean) -> tuple[OperandRule, ...]:
    """d mean(x)/dx = 1^T / n, n the number of entries."""
    a = node.arg
    count = E.num(sympy.Mul(a.shape.rows, a.shape.cols))
    jac = E.div(E.transpose(E.ones(column(a.shape.length))), count)
    return (OperandRule(0, RuleId.MEAN, jac, lambda g: E.div(E.mul(g, E.ones(a.shape)), count)),)


@rules_for.register
def rule_norm(node: Norm) -> tuple[OperandRule, ...]:
    """d ||x||/dx = x^T / ||x||; a corner at x = 0."""
    a = node.arg
    return (OperandRule(0, RuleId.NORM, lambda: E.div(entries_row(a), node), lambda g: E.div(E.mul(g, a), node),
                        Kink(a, KinkKind.CORNER, -1, 1, whole=True)),)


@rules_for.register
def rule_dot(node: Dot) -> tuple[OperandRule, ...]:
    """d <x, w>/dw = x^T."""
    a, b = node.left, node.right
    def back(other: Node, this: Node) -> Callable[[Node], Node]:
        return times(other if other.shape == this.shape else E.transpose(other))
    return (
        OperandRule(0, RuleId.DOT, E.transpose(vec(b)), back(b, a)),
        OperandRule(1, RuleId.DOT, E.transpose(vec(a)), back(a, b)),
    )


@rules_for.register
def rule_trace(node: Trace) -> tuple[OperandRule, ...]:
    """d tr(X)/dX = I; d tr(A kron B)/dB = tr(A) I (``trace_kron_args``), and tr(B) I by A."""
    pair = trace_kron_args(node)
    if pair is not None:
        return _trace_kron_slot(0, pair[0], pair[1]), _trace_kron_slot(1, pair[1], pair[0])
    a = node.arg
    jac: Lazy = E.num(1) if a.shape.is_scalar else lambda: entries_row(E.eye(a.shape.rows))
    return (OperandRule(0, RuleId.TRACE, jac, lambda g: E.mul(g, E.eye(a.shape.rows))),)


def _trace_kron_slot(slot: int, this: Node, other: Node) -> OperandRule:
    """One factor's slot of tr(A kron B): d tr(A kron B) = tr(B) tr(dA) + tr(A) tr(dB)."""
    scale = E.trace(other)
    eye = E.eye(this.shape.rows)
    return OperandRule(slot, RuleId.TRACE_KRON, lambda: E.mul(scale, entries_row(eye)), lambda g: E.mul(g, E.mul(scale, eye)))


@rules_for.register
def rule_det(node: Det) -> tuple[OperandRule, ...]:
    """Jacobi's formula: d det(X)/dX = det(X) X^-T (denominator layout)."""
    a = node.arg
    jac: Lazy = E.num(1) if a.shape.is_scalar else lambda: E.mul(node, entries_row(E.transpose(E.inv(a))))
    return (OperandRule(0, RuleId.DETERMINANT, jac, lambda g: E.mul(g, E.mul(node, E.transpose(E.inv(a))))),)


@rules_for.register
def rule_inv(node: Inv) -> tuple[OperandRule, ...]:
    """d(X^-1) = -X^-1 dX X^-1: for a scalar f, df/dX = -X^-T df/d(X^-1) X^-T."""
    it = E.transpose(node)
    jac: Lazy = E.neg(E.power(node, E.num(2))) if node.shape.is_scalar else lambda: vec_inverse(node)
    return (OperandRule(0, RuleId.INVERSE, jac, lambda g: E.neg(E.matmul(it, E.matmul(g, it))),
                        vec_rule=RuleId.VEC_INVERSE),)


@rules_for.register
def rule_diag(node: Diag) -> tuple[OperandRule, ...]:
    """diag both ways: df/dv = diag(df/d diag(v)) for the matrix of a vector, and df/dX =
    diag(df/d diag(X)) for the diagonal of a matrix."""
    a = node.arg
    if node.shape.is_vector_like and not node.shape.is_scalar:   # diagonal of a matrix
        picks = E.transpose(diagonal_embedding(node.shape.rows))
        return (OperandRule(0, RuleId.DIAG, picks, lambda g: E.diag(vec(g))),)
    def back(g: Node) -> Node:
        d = E.diag(g)
        return E.transpose(d) if a.shape.is_row else d
    jac = E.num(1) if a.shape.is_scalar else diagonal_embedding(a.shape.length)
    return (OperandRule(0, RuleId.DIAG, jac, back),)


@rules_for.register
def rule_outer(node: Outer) -> tuple[OperandRule, ...]:
    """For a scalar f: df/da = df/d(a b^T) b and df/db = (df/d(a b^T))^T a."""
    a, b = node.left, node.right
    def shaped(v: Node, like: Node) -> Node:
        return v if like.shape.is_column or like.shape.is_scalar else E.transpose(v)
    # vec(a b^T) = (b kron I) a = (I kron a) b
    va, vb = vec(a), vec(b)
    return (
        OperandRule(0, RuleId.OUTER, lambda: E.kron(vb, E.eye(va.shape.rows)), lambda g: shaped(E.matmul(g, vb), a)),
        OperandRule(1, RuleId.OUTER, lambda: E.kron(E.eye(vb.shape.rows), va),
                    lambda g: shaped(E.matmul(E.transpose(g), va), b)),
    )


@rules_for.register
def rule_index(node: Index) -> tuple[OperandRule, ...]:
    """d x_i/dx = e_i^T: the unit vector of the component."""
    a = node.arg
    jac: Node | None = None
    if vector_like(a):
        pos = node.row if a.shape.is_column else node.col
        jac = E.transpose(E.Unit(column(a.shape.length), pos, 0))
    elif node.col == 0 or a.shape.rows.is_number:   # the entry's place in vec(a), column-major
        pos = node.row + (node.col * int(a.shape.rows) if node.col else 0)
        jac = E.transpose(E.Unit(column(a.shape.length), pos, 0))
    else:   # that place is not a number: the unit matrix E_ij, stacked
        jac = E.transpose(E.vec(E.Unit(a.shape, node.row, node.col)))
    return (OperandRule(0, RuleId.COMPONENT, jac, lambda g: E.mul(g, E.Unit(a.shape, node.row, node.col))),)


@rules_for.register
def rule_lit(node: Lit) -> tuple[OperandRule, ...]:
    """d [u_1, ..., u_k]/du_i = e_i: a vector written by components."""
    out = []
    width = len(node.rows[0])
    for i, row in enumerate(node.rows):
        for j, _ in enumerate(row):
            slot = i * width + j
            pos = i + j * len(node.rows)   # its place in vec(u), column-major (for a vector, the slot)
            out.append(OperandRule(slot, RuleId.LITERAL, E.Unit(column(node.shape.length), pos, 0), component(i, j)))
    return tuple(out)


# the rules of vec, kron and sym (they register themselves with rules_for)
from mcdocgen.engine import vec_rules  # noqa: E402,F401
