"""Derivative rules of softmax, log-sum-exp, the 1-norm and log det: each one step deep, registered on
``rules.rules_for`` when this module is imported (``engine.derive`` imports it)."""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.engine.jacobians import vec
from mcdocgen.engine.kinks import Kink
from mcdocgen.engine.rules import OperandRule, RuleId, rules_for
from mcdocgen.language import Fn, KinkKind, LogDet, LogSumExp, Node, Norm1, Softmax


@rules_for.register
def rule_softmax(node: Softmax) -> tuple[OperandRule, ...]:
    """d softmax(v)/dv = diag(s) - s s^T with s = softmax(v); for a scalar f, df/dv = s o (g - <s, g>),
    g = df/ds."""
    s = vec(node)
    jac = E.sub(E.diag(s), E.matmul(s, E.transpose(s)))   # symmetric: both layouts alike

    def back(g: Node) -> Node:
        return E.mul(node, E.sub(g, E.dot(node, g)))

    return (OperandRule(0, RuleId.SOFTMAX, jac, back),)


@rules_for.register
def rule_logsumexp(node: LogSumExp) -> tuple[OperandRule, ...]:
    """d logsumexp(v)/dv = softmax(v)^T: the log-sum-exp's gradient is the softmax."""
    s = E.softmax(node.arg)
    return (OperandRule(0, RuleId.LOG_SUM_EXP, E.transpose(vec(s)), lambda g: E.mul(g, s)),)


@rules_for.register
def rule_norm1(node: Norm1) -> tuple[OperandRule, ...]:
    """d ||v||_1/dv = sign(v)^T; a corner where an entry of v is 0, slopes in [-1, 1] there."""
    a = node.arg
    d = E.func(Fn.SIGN, a)
    kink = Kink(a, KinkKind.CORNER, -1, 1, step=Fn.SIGN)
    return (OperandRule(0, RuleId.ONE_NORM, E.transpose(vec(d)), lambda g: E.mul(g, d), kink),)


@rules_for.register
def rule_logdet(node: LogDet) -> tuple[OperandRule, ...]:
    """d log det(X) = tr(X^-1 dX): for a scalar f, df/dX = df/d(log det X) X^-T (denominator layout)."""
    a = node.arg
    if a.shape.is_scalar:   # log det of a 1 x 1 matrix is the log of its entry
        d = E.div(E.num(1), a)
        return (OperandRule(0, RuleId.LOG_DET, d, lambda g: E.mul(g, d)),)
    d = E.transpose(E.inv(a))
    return (OperandRule(0, RuleId.LOG_DET, None, lambda g: E.mul(g, d)),)
