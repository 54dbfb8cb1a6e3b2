"""Named functions recognised where their definitions appear: exp(v) / sum(exp(v)) is softmax(v),
log(sum(exp(v))) is logsumexp(v). (The logistic sigmoid is recognised in the SymPy round trip,
engine/scalars.py, where exp(a) = s / (1 - s) is one substitution among the candidate forms.)"""

from __future__ import annotations

from mcdocgen.engine.simplify.common import Rewritten
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Diag, Div, Fn, Func, MatMul, Mul, Neg, Node, Num, Outer, Pow, Sum, Transpose


def _exp_of(node: Node) -> Node | None:
    """v for exp(v) (or for exp(v).T, read as the same vector), else None."""
    if isinstance(node, Transpose):
        node = node.arg
    return node.arg if isinstance(node, Func) and node.fn is Fn.EXP else None


def div(node: Div) -> Rewritten:
    """exp(v) / sum(exp(v)) = softmax(v) for a vector v (and its transpose); and in a product with k
    factors exp(v) over sum(exp(v))**k, each factor: diag(exp(v)) / sum(exp(v)) = diag(softmax(v)),
    exp(v) exp(v)^T / sum(exp(v))**2 = softmax(v) softmax(v)^T (the product is linear in each factor)."""
    found = _softmax(node.left, node.right)
    if found is not None:
        return found
    bottom, power = node.right, 1
    if isinstance(bottom, Pow):
        k = bottom.exp.value if isinstance(bottom.exp, Num) else None
        if k is not None and k.is_Integer and 1 <= int(k) <= MAX_SOFTMAX_FACTORS:
            bottom, power = bottom.base, int(k)
    v = _exp_of(bottom.arg) if isinstance(bottom, Sum) else None
    if v is None or not v.shape.is_vector_like:
        return None
    column = v if not v.shape.is_row else E.transpose(v)
    top, taken = _take(node.left, column, power)
    return (R.SOFTMAX, top) if taken == power else None


MAX_SOFTMAX_FACTORS = 4     # sum(exp(v))**k with k up to this: a Jacobian's or a Hessian's products


def _take(node: Node, v: Node, k: int) -> tuple[Node, int]:
    """node with up to k factors exp(v) (or exp(v)^T), in products only, replaced by softmax(v), and how many."""
    if k == 0:
        return node, 0
    e = _exp_of(node)
    if e is not None and (e == v or e == E.transpose(v)):
        out = E.softmax(v)
        return (out if node.shape == out.shape else E.transpose(out)), 1
    if isinstance(node, (MatMul, Mul, Outer)):
        left, first = _take(node.left, v, k)
        right, second = _take(node.right, v, k - first)
        return E.rebuild(node, (left, right)) if first + second else node, first + second
    if isinstance(node, (Transpose, Diag, Neg)):
        arg, taken = _take(node.arg, v, k)
        return E.rebuild(node, (arg,)) if taken else node, taken
    return node, 0


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
