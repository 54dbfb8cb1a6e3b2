"""How tightly each printed node binds: the printer (present.latex) brackets a part only where it binds looser
than its place asks.

Juxtaposition (matrix and scalar products) binds tighter than the elementwise \\circ and \\oslash, which bind
tighter than + and -: X w \\circ y is (X w) \\circ y. A node printed with a sign in front (-2 x, -y^T A y) binds
as a negation.
"""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.present.factors import hadamard_inverse, inner_product, split_sign

PREC_ADD, PREC_NEG, PREC_ELEMENTWISE, PREC_MUL, PREC_POW, PREC_ATOM = 10, 15, 18, 20, 30, 40


def precedence(node: Node) -> int:
    """The level ``node`` binds at as the printer writes it (its printed form, not its tree: a Dot prints u^T v)."""
    if isinstance(node, E.Dot):
        return precedence(inner_product(node))
    if isinstance(node, E.MatMul | E.Mul | E.Div) and split_sign(node)[0]:
        return PREC_NEG     # printed with its sign in front: -y^T A y
    match node:
        case E.Add():
            return PREC_ADD
        case E.Neg():
            return PREC_NEG
        case E.Mul() if not node.left.shape.is_scalar and not node.right.shape.is_scalar:
            return PREC_ELEMENTWISE
        case E.Div() if not node.right.shape.is_scalar:     # a scalar over an array prints s^{\circ -1}
            return precedence(hadamard_inverse(node.left, node.right)) if node.left.shape.is_scalar else PREC_ELEMENTWISE
        case E.Mul(left=E.Num(value=v)) if v.could_extract_minus_sign():
            return PREC_NEG     # printed with its sign in front: -2 x
        case E.Mul() | E.MatMul() | E.Outer():
            return PREC_MUL
        case E.Pow():
            return PREC_POW
        case E.Num(value=v):
            if v.could_extract_minus_sign():
                return PREC_NEG
            return PREC_ATOM if v.is_Integer or v.is_Symbol else PREC_MUL
        case E.Transpose() | E.Inv():
            return PREC_ATOM
        case E.Kron():  # (A \otimes B) C, but A C \otimes B D as the mixed-product rule writes it
            return PREC_ELEMENTWISE
    return PREC_ATOM


def is_quotient(node: Node) -> bool:
    """An elementwise quotient, which a \\circ brackets on its left too: (T \\oslash P) \\circ Q."""
    return isinstance(node, E.Div) and not node.left.shape.is_scalar and not node.right.shape.is_scalar


def is_simple(node: Node) -> bool:
    """A name or a whole number: a superscript (^T, ^{-1}, a power) sits on it with no brackets."""
    return isinstance(node, (E.Var, E.Eye, E.Ones)) or (isinstance(node, E.Num) and node.value.is_Atom)
