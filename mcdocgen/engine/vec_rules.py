"""Derivative rules of the vec form's own nodes (vec, kron, sym), registered with ``rules.rules_for``."""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.engine.jacobians import eye_of, symmetric_part, vec_kron
from mcdocgen.engine.rules import OperandRule, RuleId, rules_for
from mcdocgen.language import Kron, Node, Sym, Vec


@rules_for.register
def rule_vec(node: Vec) -> tuple[OperandRule, ...]:
    """d vec(A) / d vec(A) = I; for a scalar f, the gradient by A is the gradient by vec(A) unstacked,
    which the language cannot write: no matrix form."""
    a = node.arg
    back = (lambda g: _to_shape(g, a)) if a.shape.is_vector_like else None
    return (OperandRule(0, RuleId.VEC, eye_of(node), back),)


def _to_shape(g: Node, like: Node) -> Node:
    return g if g.shape == like.shape else E.transpose(g)


@rules_for.register
def rule_kron(node: Kron) -> tuple[OperandRule, ...]:
    """d vec(A kron B) = (I_q kron K(s, p) kron I_r) (vec(dA) kron vec(B) + vec(A) kron vec(dB)), A p x q, B r x s."""
    a, b = node.left, node.right
    return (OperandRule(0, RuleId.KRON, vec_kron(a, b, 0), None), OperandRule(1, RuleId.KRON, vec_kron(a, b, 1), None))


@rules_for.register
def rule_sym(node: Sym) -> tuple[OperandRule, ...]:
    """d vec(sym(A)) / d vec(A) = (I + K(n, n)) / 2; for a scalar f, df/dA = sym(df/d sym(A))."""
    return (OperandRule(0, RuleId.SYM, symmetric_part(node.shape.rows), lambda g: E.sym(g)),)
