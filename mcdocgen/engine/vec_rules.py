"""Derivative rules of the vec form's own nodes (vec, kron, sym), registered with ``rules.rules_for``."""

from __future__ import annotations

from collections.abc import Callable

from mcdocgen import language as E
from mcdocgen.engine.jacobians import eye_of, symmetric_part, unvec_of, vec, vec_kron
from mcdocgen.engine.rules import OperandRule, RuleId, rules_for
from mcdocgen.language import Kron, Node, Sym, Vec


@rules_for.register
def rule_vec(node: Vec) -> tuple[OperandRule, ...]:
    """d vec(A) / d vec(A) = I; for a scalar f, the gradient by A is the gradient g by vec(A) unstacked,
    unvec(g) = kron(vec(I_n).T, I_m) @ kron(I_n, g) for A of m x n."""
    a = node.arg
    if a.shape.is_vector_like:
        return (OperandRule(0, RuleId.VEC, eye_of(node), lambda g: _to_shape(g, a)),)
    return (OperandRule(0, RuleId.VEC, eye_of(node), lambda g: unvec_of(g, a.shape.rows, a.shape.cols)),)


def _to_shape(g: Node, like: Node) -> Node:
    return g if g.shape == like.shape else E.transpose(g)


@rules_for.register
def rule_kron(node: Kron) -> tuple[OperandRule, ...]:
    """d vec(A kron B) = (I_q kron K(s, p) kron I_r) (vec(dA) kron vec(B) + vec(A) kron vec(dB)), A p x q, B r x s;
    for a scalar f, the gradient by an operand is its Jacobian's transpose applied to vec(G), unstacked."""
    a, b = node.left, node.right
    return tuple(OperandRule(slot, RuleId.KRON, jac, _through(jac, this))
                 for slot, this, jac in ((0, a, vec_kron(a, b, 0)), (1, b, vec_kron(a, b, 1))))


def _through(jac: Node, operand: Node) -> Callable[[Node], Node]:
    """The matrix form of a rule known by its vec-form Jacobian: G -> unvec(J^T vec(G))."""
    def back(g: Node) -> Node:
        column = E.matmul(E.transpose(jac), vec(g))
        if operand.shape.is_vector_like:
            return _to_shape(column, operand)
        return unvec_of(column, operand.shape.rows, operand.shape.cols)
    return back


@rules_for.register
def rule_sym(node: Sym) -> tuple[OperandRule, ...]:
    """d vec(sym(A)) / d vec(A) = (I + K(n, n)) / 2; for a scalar f, df/dA = sym(df/d sym(A))."""
    return (OperandRule(0, RuleId.SYM, symmetric_part(node.shape.rows), lambda g: E.sym(g)),)
