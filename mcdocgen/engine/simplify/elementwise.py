"""Elementwise quotients that SymPy cannot finish because their value changes shape: an array over
itself is all ones (SymPy would give the number 1, a scalar), and a scalar factor of a quotient's
numerator comes out in front, so that an all-ones numerator meets its divisor (1 / x). And a function
with a corner times its own derivative's step: H(a) relu(a) = relu(a), sign(a) |a| = a."""

from __future__ import annotations

from mcdocgen.engine.simplify.common import Rewritten
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Div, Func, Mul, Node


def div(node: Div) -> Rewritten:
    """a / a = 1 (all ones, where a is defined: the function was, so a / a is); (s A) / B = s (A / B)."""
    a, b = node.left, node.right
    if a == b and not node.shape.is_scalar:
        return R.SELF_QUOTIENT, E.ones(node.shape)
    if isinstance(a, Mul) and a.left.shape.is_scalar and a.right.shape == node.shape and not node.shape.is_scalar:
        return R.SCALAR_OUT, E.mul(a.left, E.div(a.right, b))
    return None


def mul(node: Mul) -> Rewritten:
    """(a / b) o b = a, b o (a / b) = a, for arrays b (all ones times a where a is a scalar); H(a) o relu(a)
    = relu(a) and sign(a) o |a| = a (the squared hinge's derivative 2 relu(u) H(u) is 2 relu(u))."""
    if (kept := _step_times_corner(node.left, node.right)) is not None:
        return R.STEP_TIMES_CORNER, kept
    if node.shape.is_scalar:
        return None
    for quotient, other in ((node.left, node.right), (node.right, node.left)):
        if isinstance(quotient, Div) and quotient.right == other and not other.shape.is_scalar:
            kept = quotient.left
            return R.SELF_QUOTIENT, kept if kept.shape == node.shape else E.mul(kept, E.ones(node.shape))
    return None


#: (the step, the function with the corner, what their product is): H(a) relu(a) = relu(a), sign(a) |a| = a
_STEPS = ((E.Fn.HEAVISIDE, E.Fn.RELU, False), (E.Fn.SIGN, E.Fn.ABS, True))


def _step_times_corner(a: Node, b: Node) -> Node | None:
    if not (isinstance(a, Func) and isinstance(b, Func) and a.arg == b.arg and a.shape == b.shape):
        return None
    for step, corner, to_arg in _STEPS:
        if {a.fn, b.fn} == {step, corner}:
            return a.arg if to_arg else (a if a.fn is corner else b)
    return None
