"""Named functions recognised where their definitions appear: exp(v) / sum(exp(v)) is softmax(v),
log(sum(exp(v))) is logsumexp(v). (The logistic sigmoid is recognised in the SymPy round trip,
engine/scalars.py, where exp(a) = s / (1 - s) is one substitution among the candidate forms.)"""

from __future__ import annotations

from mcdocgen.engine.simplify.common import Rewritten
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Div, Fn, Func, Mul, Node, Num, Sum, Transpose


def _exp_of(node: Node) -> Node | None:
    """v for exp(v) (or for exp(v).T, read as the same vector), else None."""
    if isinstance(node, Transpose):
        node = node.arg
    return node.arg if isinstance(node, Func) and node.fn is Fn.EXP else None


def div(node: Div) -> Rewritten:
    """exp(v) / sum(exp(v)) = softmax(v) for a vector v (and its transpose)."""
    return _softmax(node.left, node.right)


def mul(node: Mul) -> Rewritten:
    """(1 / sum(exp(v))) * exp(v) = softmax(v), as the chain rule through log leaves it."""
    for scale, top in ((node.left, node.right), (node.right, node.left)):
        if isinstance(scale, Div) and isinstance(scale.left, Num) and scale.left.value == 1:
            found = _softmax(top, scale.right)
            if found is not None:
                return found
    return None


def _softmax(top: Node, bottom: Node) -> Rewritten:
    v = _exp_of(top)
    if v is None or not v.shape.is_vector_like or not isinstance(bottom, Sum) or _exp_of(bottom.arg) != v:
        return None
    column = v if not v.shape.is_row else E.transpose(v)
    out = E.softmax(column)
    return R.SOFTMAX, (out if top.shape == out.shape else E.transpose(out))


def func(node: Func) -> Rewritten:
    """log(sum(exp(v))) = logsumexp(v) for a vector v."""
    if node.fn is not Fn.LOG or not isinstance(node.arg, Sum):
        return None
    v = _exp_of(node.arg.arg)
    if v is None or not v.shape.is_vector_like:
        return None
    return R.LOGSUMEXP, E.logsumexp(v if not v.shape.is_row else E.transpose(v))
