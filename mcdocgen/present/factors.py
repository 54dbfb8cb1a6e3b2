"""How the LaTeX printer (present.latex) reads a product or a sum before writing it: the sign it
prints in front, the factors of a matrix product with equal neighbours counted (X X as X^2) and its
scalars moved in front, and a number added to an array as the ones it stands for."""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence

import sympy

from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.language.shapes import Shape


def split_sign(node: Node) -> tuple[bool, Node]:
    """Whether ``node`` prints with a minus in front (-x, -2, -2 x), and what follows the minus: the
    one home of the sign a sum's term, or a factor of a chain product, gives to its joining sign."""
    if isinstance(node, E.Neg):
        return True, node.arg
    if isinstance(node, E.Num) and node.value.could_extract_minus_sign():
        return True, E.num(-node.value)
    if isinstance(node, E.Mul) and isinstance(node.left, E.Num) and node.left.value.could_extract_minus_sign():
        return True, E.mul(E.num(-node.left.value), node.right)
    # a product's sign is its first factor's, a quotient's its numerator's: -y^T A y, never (-y^T) A y
    scaled = isinstance(node, E.Mul | E.Div) and (node.left.shape.is_scalar or node.right.shape.is_scalar)
    if isinstance(node, E.MatMul) or scaled:
        negative, core = split_sign(node.left)
        if negative:
            return True, E.rebuild(node, (core, node.right))
    return False, node


def chain_factors(node: Node) -> list[Node]:
    """The factors of a matrix product, its inner products (without a sign of their own) opened."""
    if isinstance(node, E.MatMul) and not split_sign(node)[0]:
        return chain_factors(node.left) + chain_factors(node.right)
    if isinstance(node, E.Mul) and node.left.shape.is_scalar and not node.right.shape.is_scalar \
            and not split_sign(node)[0]:    # 3 x^2 A: the scalar factor and the matrix's factors
        return [node.left, *chain_factors(node.right)]
    return [node]


def scalar_product(scalars: Sequence[Node]) -> Node:
    """Scalar factors gathered as a book writes them: the numbers' product, then each factor once with
    its count as a power (x x 3 as 3 x^2)."""
    numbers = [f.value for f in scalars if isinstance(f, E.Num)]
    counts: dict[Node, int] = {}
    for f in scalars:
        if not isinstance(f, E.Num):
            counts[f] = counts.get(f, 0) + 1
    factors = [E.power(f, E.num(k)) if k > 1 else f for f, k in counts.items()]
    number = functools.reduce(operator.mul, numbers, sympy.Integer(1))
    if number != 1 or not factors:
        factors.insert(0, E.num(number))
    return functools.reduce(E.mul, factors)


def equal_runs(factors: Sequence[Node]) -> list[tuple[Node, int]]:
    """Equal neighbouring factors counted: X X Y as (X, 2), (Y, 1)."""
    runs: list[tuple[Node, int]] = []
    for f in factors:
        if runs and runs[-1][0] == f:
            runs[-1] = (f, runs[-1][1] + 1)
        else:
            runs.append((f, 1))
    return runs


def times_ones(term: Node, shape: Shape) -> Node:
    """A number term of a sum of arrays as the array of ones of the sum's shape times it (1, -1: its sign
    only), so that it prints as the ones it stands for; any other term as it is."""
    negative, core = split_sign(term)
    if not (isinstance(core, E.Num) and core.shape.is_scalar and core.value.is_number):
        return term
    ones = E.Ones(shape) if core.value == 1 else E.mul(core, E.Ones(shape))
    return E.neg(ones) if negative else ones
