"""Elementwise quotients that SymPy cannot finish because their value changes shape: an array over
itself is all ones (SymPy would give the number 1, a scalar), and a scalar factor of a quotient's
numerator comes out in front, so that an all-ones numerator meets its divisor (1 / x)."""

from __future__ import annotations

from mcdocgen.engine.simplify.common import Rewritten
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Div, Mul


def div(node: Div) -> Rewritten:
    """a / a = 1 (all ones, where a is defined: the function was, so a / a is); (s A) / B = s (A / B)."""
    a, b = node.left, node.right
    if a == b and not node.shape.is_scalar:
        return R.SELF_QUOTIENT, E.ones(node.shape)
    if isinstance(a, Mul) and a.left.shape.is_scalar and a.right.shape == node.shape and not node.shape.is_scalar:
        return R.SCALAR_OUT, E.mul(a.left, E.div(a.right, b))
    return None


def mul(node: Mul) -> Rewritten:
    """(a / b) o b = a, b o (a / b) = a, for arrays b (all ones times a where a is a scalar)."""
    if node.shape.is_scalar:
        return None
    for quotient, other in ((node.left, node.right), (node.right, node.left)):
        if isinstance(quotient, Div) and quotient.right == other and not other.shape.is_scalar:
            kept = quotient.left
            return R.SELF_QUOTIENT, kept if kept.shape == node.shape else E.mul(kept, E.ones(node.shape))
    return None
