"""Derivative rules: one named identity per operation, each one step deep.

A rule looks at one operation ``u = op(a, b, ...)`` and, for one operand, gives the local
derivative: the Jacobian (numerator layout, when ``u`` and the operand are scalars or vectors)
and the matrix form of the chain rule (how the gradient of a scalar function with respect to
``u`` becomes its gradient with respect to the operand). It never recurses: ``derive`` walks.
"""

from __future__ import annotations

import enum
import functools
from dataclasses import dataclass
from types import MappingProxyType
from typing import Callable

from mcdocgen import language as E
from mcdocgen.language import FUNCTIONS, KinkKind  # KinkKind: present/views reads it from here
from mcdocgen.language import (
    Add, Det, Diag, Div, Dot, Fn, Func, Index, Inv, Lit, MatMul, Maximum, Mean, Mul, Neg, Node,
    Norm, Num, Outer, Pow, Sum, Trace, Transpose, Var,
)


@enum.unique
class RuleId(enum.StrEnum):
    IDENTITY = "identity"
    SUM_RULE = "sum-rule"
    SCALAR_EXPANSION = "scalar-expansion"
    NEGATION = "negation"
    PRODUCT = "product-rule"
    SCALAR_MULTIPLE = "scalar-multiple"
    SCALED_VECTOR = "scaled-vector"
    HADAMARD = "hadamard-product"
    QUOTIENT = "quotient-rule"
    POWER = "power-rule"
    EXPONENT = "variable-exponent"
    SQUARED_NORM = "squared-norm"
    LINEAR_MAP = "linear-map"
    ROW_LINEAR = "row-linear-map"
    MATMUL_LEFT = "matmul-left-factor"
    MATMUL_RIGHT = "matmul-right-factor"
    TRANSPOSE = "transpose"
    ELEMENTWISE = "elementwise-function"
    MAXIMUM = "maximum"
    SUM_REDUCTION = "sum-reduction"
    MEAN = "mean"
    NORM = "euclidean-norm"
    DOT = "dot-product"
    TRACE = "trace"
    DETERMINANT = "determinant"
    INVERSE = "inverse"
    DIAG = "diagonal"
    OUTER = "outer-product"
    COMPONENT = "component"
    LITERAL = "components"


@dataclass(frozen=True, slots=True)
class Identity:
    """What a page's identity table says about a rule."""

    rule: RuleId
    name: str
    numerator: str      # LaTeX, numerator layout
    denominator: str    # LaTeX, denominator layout
    note: str = ""


def _i(rule, name, num, den, note=""):
    return rule, Identity(rule, name, num, den, note)


IDENTITIES = MappingProxyType(dict([
    _i(RuleId.IDENTITY, "Identity", r"\frac{\partial \mathbf{x}}{\partial \mathbf{x}} = I", r"\frac{\partial \mathbf{x}}{\partial \mathbf{x}} = I"),
    _i(RuleId.SUM_RULE, "Sum rule", r"\frac{\partial (\mathbf{u} + \mathbf{v})}{\partial \mathbf{u}} = I", r"\frac{\partial (\mathbf{u} + \mathbf{v})}{\partial \mathbf{u}} = I"),
    _i(RuleId.SCALAR_EXPANSION, "Scalar expansion", r"\frac{\partial (\mathbf{x} + z)}{\partial z} = \mathbf{1}", r"\frac{\partial (\mathbf{x} + z)}{\partial z} = \mathbf{1}^{\top}", "a scalar added to every entry"),
    _i(RuleId.NEGATION, "Negation", r"\frac{\partial (-\mathbf{u})}{\partial \mathbf{u}} = -I", r"\frac{\partial (-\mathbf{u})}{\partial \mathbf{u}} = -I"),
    _i(RuleId.PRODUCT, "Product rule (scalars)", r"\frac{\partial (u v)}{\partial u} = v", r"\frac{\partial (u v)}{\partial u} = v"),
    _i(RuleId.SCALAR_MULTIPLE, "Scalar multiple", r"\frac{\partial (a \mathbf{u})}{\partial \mathbf{u}} = a I", r"\frac{\partial (a \mathbf{u})}{\partial \mathbf{u}} = a I"),
    _i(RuleId.SCALED_VECTOR, "Vector scaled by a variable", r"\frac{\partial (v \mathbf{a})}{\partial v} = \mathbf{a}", r"\frac{\partial (v \mathbf{a})}{\partial v} = \mathbf{a}^{\top}"),
    _i(RuleId.HADAMARD, "Elementwise product", r"\frac{\partial (\mathbf{w} \circ \mathbf{x})}{\partial \mathbf{w}} = \operatorname{diag}(\mathbf{x})", r"\frac{\partial (\mathbf{w} \circ \mathbf{x})}{\partial \mathbf{w}} = \operatorname{diag}(\mathbf{x})"),
    _i(RuleId.QUOTIENT, "Quotient rule", r"\frac{\partial (u / v)}{\partial v} = -\frac{u}{v^{2}}", r"\frac{\partial (u / v)}{\partial v} = -\frac{u}{v^{2}}"),
    _i(RuleId.POWER, "Power rule", r"\frac{\partial u^{p}}{\partial u} = p\,u^{p-1}", r"\frac{\partial u^{p}}{\partial u} = p\,u^{p-1}", "elementwise for arrays"),
    _i(RuleId.EXPONENT, "Variable exponent", r"\frac{\partial a^{v}}{\partial v} = a^{v} \ln a", r"\frac{\partial a^{v}}{\partial v} = a^{v} \ln a"),
    _i(RuleId.SQUARED_NORM, "Squared norm", r"\frac{\partial \lVert \mathbf{b} \rVert^{2}}{\partial \mathbf{b}} = 2 \mathbf{b}^{\top}", r"\frac{\partial \lVert \mathbf{b} \rVert^{2}}{\partial \mathbf{b}} = 2 \mathbf{b}"),
    _i(RuleId.LINEAR_MAP, "Linear map", r"\frac{\partial A \mathbf{x}}{\partial \mathbf{x}} = A", r"\frac{\partial A \mathbf{x}}{\partial \mathbf{x}} = A^{\top}"),
    _i(RuleId.ROW_LINEAR, "Row vector times a matrix", r"\frac{\partial \mathbf{x}^{\top} A}{\partial \mathbf{x}} = A^{\top}", r"\frac{\partial \mathbf{x}^{\top} A}{\partial \mathbf{x}} = A"),
    _i(RuleId.MATMUL_LEFT, "Matrix product, left factor", r"\frac{\partial f}{\partial A} = B \frac{\partial f}{\partial (AB)}", r"\frac{\partial f}{\partial A} = \frac{\partial f}{\partial (AB)} B^{\top}", "f scalar; from d(AB) = dA B"),
    _i(RuleId.MATMUL_RIGHT, "Matrix product, right factor", r"\frac{\partial f}{\partial B} = \frac{\partial f}{\partial (AB)} A", r"\frac{\partial f}{\partial B} = A^{\top} \frac{\partial f}{\partial (AB)}", "f scalar; from d(AB) = A dB"),
    _i(RuleId.TRANSPOSE, "Transpose", r"\frac{\partial f}{\partial X} = \left(\frac{\partial f}{\partial X^{\top}}\right)^{\top}", r"\frac{\partial f}{\partial X} = \left(\frac{\partial f}{\partial X^{\top}}\right)^{\top}"),
    _i(RuleId.ELEMENTWISE, "Elementwise function", r"\frac{\partial g(\mathbf{x})}{\partial \mathbf{x}} = \operatorname{diag}(g'(\mathbf{x}))", r"\frac{\partial g(\mathbf{x})}{\partial \mathbf{x}} = \operatorname{diag}(g'(\mathbf{x}))"),
    _i(RuleId.MAXIMUM, "Maximum", r"\frac{\partial \max(0, \mathbf{x})}{\partial \mathbf{x}} = \operatorname{diag}(H(\mathbf{x}))", r"\frac{\partial \max(0, \mathbf{x})}{\partial \mathbf{x}} = \operatorname{diag}(H(\mathbf{x}))", "H is the Heaviside step; at a tie any value in [0, 1] is a subgradient"),
    _i(RuleId.SUM_REDUCTION, "Sum of entries", r"\frac{\partial \operatorname{sum}(\mathbf{x})}{\partial \mathbf{x}} = \mathbf{1}^{\top}", r"\frac{\partial \operatorname{sum}(\mathbf{x})}{\partial \mathbf{x}} = \mathbf{1}"),
    _i(RuleId.MEAN, "Mean of entries", r"\frac{\partial \operatorname{mean}(\mathbf{x})}{\partial \mathbf{x}} = \tfrac{1}{n}\mathbf{1}^{\top}", r"\frac{\partial \operatorname{mean}(\mathbf{x})}{\partial \mathbf{x}} = \tfrac{1}{n}\mathbf{1}"),
    _i(RuleId.NORM, "Euclidean norm", r"\frac{\partial \lVert \mathbf{x} \rVert}{\partial \mathbf{x}} = \frac{\mathbf{x}^{\top}}{\lVert \mathbf{x} \rVert}", r"\frac{\partial \lVert \mathbf{x} \rVert}{\partial \mathbf{x}} = \frac{\mathbf{x}}{\lVert \mathbf{x} \rVert}", "not differentiable at 0"),
    _i(RuleId.DOT, "Inner product", r"\frac{\partial \langle \mathbf{x}, \mathbf{w} \rangle}{\partial \mathbf{w}} = \mathbf{x}^{\top}", r"\frac{\partial \langle \mathbf{x}, \mathbf{w} \rangle}{\partial \mathbf{w}} = \mathbf{x}"),
    _i(RuleId.TRACE, "Trace", r"\frac{\partial \operatorname{tr} X}{\partial X} = I", r"\frac{\partial \operatorname{tr} X}{\partial X} = I"),
    _i(RuleId.DETERMINANT, "Determinant (Jacobi's formula)", r"\frac{\partial \det X}{\partial X} = \det(X)\, X^{-1}", r"\frac{\partial \det X}{\partial X} = \det(X)\, X^{-\top}", "from d det X = det X tr(X^{-1} dX)"),
    _i(RuleId.INVERSE, "Inverse", r"\mathrm{d}(X^{-1}) = -X^{-1}\,\mathrm{d}X\,X^{-1}", r"\frac{\partial f}{\partial X} = -X^{-\top} \frac{\partial f}{\partial X^{-1}} X^{-\top}"),
    _i(RuleId.DIAG, "Diagonal", r"\frac{\partial f}{\partial \mathbf{v}} = \operatorname{diag}\!\left(\frac{\partial f}{\partial \operatorname{diag}(\mathbf{v})}\right)^{\top}", r"\frac{\partial f}{\partial \mathbf{v}} = \operatorname{diag}\!\left(\frac{\partial f}{\partial \operatorname{diag}(\mathbf{v})}\right)"),
    _i(RuleId.OUTER, "Outer product", r"\frac{\partial f}{\partial \mathbf{a}} = \mathbf{b}^{\top} \frac{\partial f}{\partial (\mathbf{a}\mathbf{b}^{\top})}", r"\frac{\partial f}{\partial \mathbf{a}} = \frac{\partial f}{\partial (\mathbf{a}\mathbf{b}^{\top})} \mathbf{b}"),
    _i(RuleId.COMPONENT, "Component", r"\frac{\partial x_i}{\partial \mathbf{x}} = \mathbf{e}_i^{\top}", r"\frac{\partial x_i}{\partial \mathbf{x}} = \mathbf{e}_i"),
    _i(RuleId.LITERAL, "Vector by components", r"\frac{\partial [u_1, \dots, u_k]}{\partial u_i} = \mathbf{e}_i", r"\frac{\partial [u_1, \dots, u_k]}{\partial u_i} = \mathbf{e}_i^{\top}"),
]))


@dataclass(frozen=True, slots=True)
class Kink:
    at: Node            # the derivative fails where this is zero
    kind: KinkKind
    low: int = 0        # for CORNER: the interval of slopes at the kink
    high: int = 1
    shared: bool = False  # several non-smooth operations meet here: no single interval applies


@dataclass(frozen=True, slots=True)
class OperandRule:
    """The local derivative of ``u`` with respect to one operand slot."""

    slot: int
    rule: RuleId
    jacobian: Node | None                       # numerator layout, vec(u) by vec(operand)
    backward: Callable[[Node], Node] | None     # dF/du (shape of u) -> dF/d operand (its shape)
    kink: Kink | None = None


@dataclass(frozen=True, slots=True)
class NoRule:
    reason: str


def operands(node: Node) -> tuple[Node, ...]:
    """The operand slots of an operation (a squared norm counts as one operation)."""
    if is_squared_norm(node):
        return (node.base.arg,)
    if isinstance(node, Var):
        return (node,)
    return node.children()


def is_squared_norm(node: Node) -> bool:
    return (isinstance(node, Pow) and isinstance(node.base, Norm)
            and isinstance(node.exp, Num) and node.exp.value == 2)


def vec(node: Node) -> Node:
    """The entries of a vector-like node as a column."""
    return E.transpose(node) if node.shape.is_row else node


def eye_of(node: Node) -> Node:
    n = node.shape.length
    return E.num(1) if n == 1 else E.eye(n)


def diag_of(values: Node) -> Node:
    """diag(d) as the Jacobian of an elementwise map; a scalar stays a scalar."""
    return values if values.shape.is_scalar else E.diag(vec(values))


def _vl(*nodes: Node) -> bool:
    return all(n.shape.is_vector_like for n in nodes)


@functools.singledispatch
def rules_for(node: Node) -> tuple[OperandRule, ...] | NoRule:
    return NoRule(f"no derivative rule for {type(node).__name__}")


@rules_for.register
def rule_var(node: Var):
    return (OperandRule(0, RuleId.IDENTITY, eye_of(node), lambda g: g),)


@rules_for.register
def rule_add(node: Add):
    out = []
    for i, t in enumerate(node.terms):
        if t.shape == node.shape:
            out.append(OperandRule(i, RuleId.SUM_RULE, eye_of(node) if _vl(node) else None, lambda g: g))
        else:  # a scalar expanded to every entry
            jac = E.ones(E.shapes.column(node.shape.length)) if _vl(node) else None
            out.append(OperandRule(i, RuleId.SCALAR_EXPANSION, jac, lambda g: E.total(g)))
    return tuple(out)


@rules_for.register
def rule_neg(node: Neg):
    return (OperandRule(0, RuleId.NEGATION, E.neg(eye_of(node)) if _vl(node) else None, lambda g: E.neg(g)),)


def _product_slot(node: Node, slot: int, this: Node, other: Node) -> OperandRule:
    if node.shape.is_scalar:
        return OperandRule(slot, RuleId.PRODUCT, other, lambda g: E.mul(g, other))
    if this.shape.is_scalar:  # a variable scalar times a fixed array
        jac = vec(other) if _vl(other) else None
        return OperandRule(slot, RuleId.SCALED_VECTOR, jac, lambda g: E.total(E.mul(g, other)))
    if other.shape.is_scalar:
        jac = E.mul(other, eye_of(node)) if _vl(node) else None
        return OperandRule(slot, RuleId.SCALAR_MULTIPLE, jac, lambda g: E.mul(other, g))
    jac = E.diag(vec(other)) if _vl(node) else None
    return OperandRule(slot, RuleId.HADAMARD, jac, lambda g: E.mul(g, other))


@rules_for.register
def rule_mul(node: Mul):
    return (_product_slot(node, 0, node.left, node.right), _product_slot(node, 1, node.right, node.left))


@rules_for.register
def rule_div(node: Div):
    a, b = node.left, node.right
    recip = E.div(E.num(1), b)
    slot_a = _product_slot(node, 0, a, recip)
    slot_a = OperandRule(0, RuleId.QUOTIENT, slot_a.jacobian, slot_a.backward)
    d = E.neg(E.div(a, E.power(b, E.num(2))))   # d(a/b)/db entrywise
    if node.shape.is_scalar:
        slot_b = OperandRule(1, RuleId.QUOTIENT, d, lambda g: E.mul(g, d))
    elif b.shape.is_scalar:
        slot_b = OperandRule(1, RuleId.QUOTIENT, vec(d) if _vl(node) else None, lambda g: E.total(E.mul(g, d)))
    else:
        slot_b = OperandRule(1, RuleId.QUOTIENT, diag_of(d) if _vl(node) else None, lambda g: E.mul(g, d))
    return (slot_a, slot_b)


@rules_for.register
def rule_pow(node: Pow):
    if is_squared_norm(node):
        v = node.base.arg
        return (OperandRule(0, RuleId.SQUARED_NORM, E.mul(E.num(2), E.transpose(vec(v))) if _vl(v) else None,
                            lambda g: E.mul(E.num(2), E.mul(g, v))),)
    base, p = node.base, node.exp
    d_base = E.mul(p, E.power(base, E.sub(p, E.num(1))))
    slot0 = OperandRule(0, RuleId.POWER, diag_of(d_base) if _vl(node) else None, lambda g: E.mul(g, d_base))
    d_exp = E.mul(node, E.func(Fn.LOG, base))
    if node.shape.is_scalar:
        slot1 = OperandRule(1, RuleId.EXPONENT, d_exp, lambda g: E.mul(g, d_exp))
    else:
        slot1 = OperandRule(1, RuleId.EXPONENT, vec(d_exp) if _vl(node) else None, lambda g: E.total(E.mul(g, d_exp)))
    return (slot0, slot1)


@rules_for.register
def rule_matmul(node: MatMul):
    a, b = node.left, node.right
    p, k, q = a.shape.rows, a.shape.cols, b.shape.cols
    jac_a = jac_b = None
    rule_a, rule_b = RuleId.MATMUL_LEFT, RuleId.MATMUL_RIGHT
    if q == 1:                               # u = A b, a column
        jac_b, rule_b = a, RuleId.LINEAR_MAP
        if p == 1:
            jac_a, rule_a = E.transpose(b), RuleId.ROW_LINEAR
        elif k == 1:
            jac_a, rule_a = E.mul(b, E.eye(p)), RuleId.SCALAR_MULTIPLE
    elif p == 1:                             # u = a^T B, a row
        jac_a, rule_a = E.transpose(b), RuleId.ROW_LINEAR
        if k == 1:
            jac_b, rule_b = E.mul(a, E.eye(q)), RuleId.SCALAR_MULTIPLE
    return (
        OperandRule(0, rule_a, jac_a, lambda g: E.matmul(g, E.transpose(b))),
        OperandRule(1, rule_b, jac_b, lambda g: E.matmul(E.transpose(a), g)),
    )


@rules_for.register
def rule_transpose(node: Transpose):
    return (OperandRule(0, RuleId.TRANSPOSE, eye_of(node) if _vl(node) else None, lambda g: E.transpose(g)),)


@rules_for.register
def rule_func(node: Func):
    spec = FUNCTIONS[node.fn]  # the function's derivative and kink live with the function
    d = spec.derivative(node.arg, node)
    kink = None if spec.kink is None else Kink(node.arg, spec.kink.kind, spec.kink.low, spec.kink.high)
    jac = diag_of(d) if _vl(node) else None
    return (OperandRule(0, RuleId.ELEMENTWISE, jac, lambda g: E.mul(g, d), kink),)


@rules_for.register
def rule_maximum(node: Maximum):
    out = []
    for slot, this, other in ((0, node.left, node.right), (1, node.right, node.left)):
        gap = this if (isinstance(other, Num) and other.value == 0) else E.sub(this, other)
        d = E.func(Fn.HEAVISIDE, gap)
        kink = Kink(gap, KinkKind.CORNER, 0, 1)
        if this.shape == node.shape:
            out.append(OperandRule(slot, RuleId.MAXIMUM, diag_of(d) if _vl(node) else None, lambda g, d=d: E.mul(g, d), kink))
        else:  # a scalar compared with every entry
            full = E.mul(d, E.ones(node.shape)) if d.shape.is_scalar else d
            out.append(OperandRule(slot, RuleId.MAXIMUM, vec(full) if _vl(node) else None,
                                   lambda g, d=full: E.total(E.mul(g, d)), kink))
    return tuple(out)


@rules_for.register
def rule_sum(node: Sum):
    a = node.arg
    jac = E.transpose(E.ones(E.shapes.column(a.shape.length))) if _vl(a) else None
    return (OperandRule(0, RuleId.SUM_REDUCTION, jac, lambda g: E.mul(g, E.ones(a.shape))),)


@rules_for.register
def rule_mean(node: Mean):
    a = node.arg
    count = E.num(a.shape.rows * a.shape.cols)
    jac = E.div(E.transpose(E.ones(E.shapes.column(a.shape.length))), count) if _vl(a) else None
    return (OperandRule(0, RuleId.MEAN, jac, lambda g: E.div(E.mul(g, E.ones(a.shape)), count)),)


@rules_for.register
def rule_norm(node: Norm):
    a = node.arg
    jac = E.div(E.transpose(vec(a)), node) if _vl(a) else None
    return (OperandRule(0, RuleId.NORM, jac, lambda g: E.div(E.mul(g, a), node), Kink(a, KinkKind.CORNER, -1, 1)),)


@rules_for.register
def rule_dot(node: Dot):
    a, b = node.left, node.right
    def back(other, this):
        return lambda g: E.mul(g, other if other.shape == this.shape else E.transpose(other))
    return (
        OperandRule(0, RuleId.DOT, E.transpose(vec(b)), back(b, a)),
        OperandRule(1, RuleId.DOT, E.transpose(vec(a)), back(a, b)),
    )


@rules_for.register
def rule_trace(node: Trace):
    a = node.arg
    return (OperandRule(0, RuleId.TRACE, E.num(1) if a.shape.is_scalar else None, lambda g: E.mul(g, E.eye(a.shape.rows))),)


@rules_for.register
def rule_det(node: Det):
    a = node.arg
    return (OperandRule(0, RuleId.DETERMINANT, E.num(1) if a.shape.is_scalar else None,
                        lambda g: E.mul(g, E.mul(node, E.transpose(E.inv(a))))),)


@rules_for.register
def rule_inv(node: Inv):
    it = E.transpose(node)
    jac = E.neg(E.power(node, E.num(2))) if node.shape.is_scalar else None
    return (OperandRule(0, RuleId.INVERSE, jac, lambda g: E.neg(E.matmul(it, E.matmul(g, it)))),)


@rules_for.register
def rule_diag(node: Diag):
    a = node.arg
    if node.shape.is_vector_like and not node.shape.is_scalar:   # diagonal of a matrix
        return (OperandRule(0, RuleId.DIAG, None, lambda g: E.diag(vec(g))),)
    def back(g):
        d = E.diag(g)
        return E.transpose(d) if a.shape.is_row else d
    return (OperandRule(0, RuleId.DIAG, E.num(1) if a.shape.is_scalar else None, back),)


@rules_for.register
def rule_outer(node: Outer):
    a, b = node.left, node.right
    def shaped(v, like):
        return v if like.shape.is_column or like.shape.is_scalar else E.transpose(v)
    return (
        OperandRule(0, RuleId.OUTER, None, lambda g: shaped(E.matmul(g, vec(b)), a)),
        OperandRule(1, RuleId.OUTER, None, lambda g: shaped(E.matmul(E.transpose(g), vec(a)), b)),
    )


@rules_for.register
def rule_index(node: Index):
    a = node.arg
    if _vl(a):
        pos = node.row if a.shape.is_column else node.col
        jac = E.transpose(E.Unit(E.shapes.column(a.shape.length), pos, 0))
    else:
        jac = None
    return (OperandRule(0, RuleId.COMPONENT, jac, lambda g: E.mul(g, E.Unit(a.shape, node.row, node.col))),)


@rules_for.register
def rule_lit(node: Lit):
    out = []
    width = len(node.rows[0])
    for i, row in enumerate(node.rows):
        for j, _ in enumerate(row):
            slot = i * width + j
            pos = slot
            jac = E.Unit(E.shapes.column(node.shape.length), pos, 0) if _vl(node) else None
            out.append(OperandRule(slot, RuleId.LITERAL, jac, lambda g, i=i, j=j: E.index(g, i, j)))
    return tuple(out)
