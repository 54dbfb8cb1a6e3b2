"""How the LaTeX printer (present.latex) reads a product or a sum before writing it: the sign it
prints in front, the factors of a matrix product with equal neighbours counted (X X as X^2) and its
scalars moved in front, an inner product as the matrix product books write (u^T v), and a number
added to an array as the ones it stands for."""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence

import sympy

from mcdocgen import language as E
from mcdocgen.engine.differential import is_differential
from mcdocgen.language import Node
from mcdocgen.language.build import matmuls
from mcdocgen.language.shapes import Shape
from mcdocgen.language.transposes import UNWRAPPED, transposed


def number_first(terms: Sequence[Node]) -> Sequence[Node]:
    """A sum of one other term and a positive number, as books print it: the number first where the other term
    is more than a letter or a number times one, 1 + x^2 (arctan's 1 / (1 + x^2)), 1 + b x (1 - s), 1 + e^z;
    x + 1, 2 x + 1 and n + 1 keep the polynomial's order. The engine writes a lone number last (scalars._ordered:
    SymPy's order), which its native routes reproduce, so this is the printer's (review s36 C-15)."""
    if len(terms) != 2 or not isinstance(terms[1], E.Num) or not (terms[1].value.is_number and terms[1].value > 0):
        return terms
    first = terms[0]
    letter = isinstance(first, E.Var) or (isinstance(first, E.Mul) and isinstance(first.left, E.Num)
                                          and isinstance(first.right, E.Var))
    return terms if letter or isinstance(first, E.Add) or split_sign(first)[0] else (terms[1], first)   # a + b + 1 kept


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
    if isinstance(node, E.MatMul | E.Mul | E.Div) and (
            isinstance(node, E.MatMul) or node.left.shape.is_scalar or node.right.shape.is_scalar):
        negative, core = split_sign(node.left)
        if negative:
            return True, E.rebuild(node, (core, node.right))
    return False, node


def inner_product(node: E.Dot) -> Node:
    """``dot(u, v)`` as the cited books print it, the row times the column: u^T v, x^T A x,
    (nu - mu)^T T^-1 (nu - mu) (a column's transpose; a row stays a row), the first factor's sign in
    front (-x^T y, never (-x)^T y)."""
    negative, left = split_sign(node.left)
    product = E.matmul(transposed(left, UNWRAPPED) if not left.shape.is_row else left,
                       node.right if node.right.shape.is_column else transposed(node.right, UNWRAPPED))
    return E.neg(product) if negative else product


def chain_factors(node: Node) -> list[Node]:
    """The factors of a matrix product, its inner products (without a sign of their own) opened."""
    if isinstance(node, E.MatMul) and not split_sign(node)[0]:
        return chain_factors(node.left) + chain_factors(node.right)
    if isinstance(node, E.Mul) and node.left.shape.is_scalar and not node.right.shape.is_scalar \
            and not split_sign(node)[0]:    # 3 x^2 A: the scalar factor and the matrix's factors
        return [node.left, *chain_factors(node.right)]
    return [node]


def into_fraction(number: Node, node: Node) -> Node | None:
    """A positive ``number`` times ``node`` with the number in the numerator of the fraction ``node``
    prints first, as books write a coefficient times a quotient: 2 x / (x^T x), (2 p / t^2) x,
    2 (A x - r x) / (x^T x), never 2 . x / (x^T x); None where ``number`` is not a positive number or
    ``node`` does not start with a fraction (a scalar's, not an elementwise quotient) or prints a sign."""
    if not isinstance(number, E.Num) or number.value.could_extract_minus_sign() or split_sign(node)[0]:
        return None
    if isinstance(node, E.Div) and (node.left.shape.is_scalar or node.right.shape.is_scalar):
        up, down = number.value.as_numer_denom()     # 1/2 (b / a): b / (2 a)
        return E.div(_times(up, node.left), _times(down, node.right))
    if isinstance(node, E.Mul) and node.left.shape.is_scalar:     # the scalar factor prints first
        first = into_fraction(number, node.left)
        return None if first is None else E.rebuild(node, (first, node.right))
    chain = chain_factors(node) if isinstance(node, E.MatMul) else []
    scalars, arrays = [f for f in chain if f.shape.is_scalar], [f for f in chain if not f.shape.is_scalar]
    if scalars and arrays:      # a matrix product prints its scalars in front (latex: 3 x^2 A^3)
        first = into_fraction(number, scalar_product(scalars))
        return None if first is None else E.mul(first, matmuls(arrays))
    return None


def numbers_into_fractions(node: Node) -> Node:
    """``node`` with every number in front of a fraction written into it (``into_fraction``), as the LaTeX printer
    reads it: the terminal's (s N 1 - ...) / (2 n^2 s^2) beside the page's, not the simplifier's 0.5 * ((...) / ...)."""
    kids = node.children()
    if kids:
        new = tuple(numbers_into_fractions(k) for k in kids)
        node = node if new == kids else E.rebuild(node, new)
    if isinstance(node, E.Mul):
        return into_fraction(node.left, node.right) or node
    return node


def self_transposed(node: Node) -> bool:
    """A product that is its own transpose by its form, D^T D, A^T B B^T A: (D^T D)^T prints D^T D."""
    factors = chain_factors(node) if isinstance(node, E.MatMul) else []
    return len(factors) % 2 == 0 and all(not f.shape.is_scalar for f in factors) and bool(factors) \
        and all(transposed(a, UNWRAPPED) == b for a, b in zip(factors, reversed(factors), strict=True))


def collected_transpose(node: Node) -> Node | None:
    """A sum of transposes as one transposed sum, (nu - mu)^T for nu^T - mu^T, where it is bracketed
    anyway (a factor of a product: (nu - mu)^T T^-1, never (nu^T - mu^T) T^-1) and over a fraction bar, as the
    result prints it ((x - a)^T / ||x - a||, review s36 C-15); None for anything else."""
    if not isinstance(node, E.Add) or node.shape.is_scalar:
        return None
    parts = [(negative, core.arg) for negative, core in map(split_sign, node.terms) if isinstance(core, E.Transpose)]
    if len(parts) < len(node.terms):
        return None
    return E.transpose(E.add(*(E.neg(arg) if negative else arg for negative, arg in parts)))


def hadamard_inverse(number: Node, array: Node) -> Node:
    """A scalar over an array as books write it, with the elementwise inverse: 1/s -> s^{o-1}, 2/s -> 2 s^{o-1},
    1/s^{o2} -> s^{o-2}, 1/s^T -> (s^{o-1})^T; never a vector in a denominator (Boyd and Vandenberghe's
    A^T d, d_i = 1/(b_i - a_i^T x), is A^T (b - A x)^{o-1})."""
    if isinstance(array, E.Transpose):
        return E.transpose(hadamard_inverse(number, array.arg))
    inverse = E.power(array.base, E.num(-array.exp.value)) if isinstance(array, E.Pow) and isinstance(array.exp, E.Num) \
        else E.power(array, E.num(-1))
    return inverse if number == E.num(1) else E.mul(number, inverse)


THIN = r"\,"


def join_factors(left: str, right: str, space: str, number_first: bool = False, apart: bool = False) -> str:
    """Two printed factors side by side; a visible product sign where a reader would run them together:
    a number after anything (x 2, 1 2 reads as 12), a fraction after a number (2 1/2 reads as 2½), and
    factors kept ``apart`` (one_base); a thin space before a differential, A dX (TeX: A\\,dX), as the identities write it."""
    if apart or right[:1].isdigit() or (number_first and right.startswith(r"\frac")):
        return rf"{left} \cdot {right}"
    thin = right.startswith(r"\mathrm{d}")
    return f"{left}{THIN if thin else space}{right}"


def inner_apart(a: Node, b: Node) -> Node | None:
    """The product ``a b`` of a scalar product ending in an inner product and an array, regrouped so that
    the inner product stands beside the array, where the printer brackets it: 2 (a^T x) x, never
    2 a^T x x; None for any other product."""
    if isinstance(a, E.Mul) and a.shape.is_scalar and is_inner(a.right) and not b.shape.is_scalar:
        return E.mul(a.left, E.mul(a.right, b))
    return None


def _times(number: sympy.Expr, node: Node) -> Node:
    """``number`` times ``node``, numbers multiplied together: 2 (3 x) as 6 x."""
    if number == 1:
        return node
    if isinstance(node, E.Num):
        return E.num(number * node.value)
    if isinstance(node, E.Mul) and isinstance(node.left, E.Num):
        return E.mul(E.num(number * node.left.value), node.right)
    return E.mul(E.num(number), node)


def is_inner(node: Node) -> bool:
    """A scalar printed as a product of arrays (x^T A x): bracketed beside an array, (x^T A x) x."""
    return node.shape.is_scalar and isinstance(node, E.Dot | E.MatMul)


def one_base(a: Node, b: Node) -> bool:
    """Two scalar factors of one base, x and x^2: a book keeps them apart, x . x^2 (juxtaposed, x x^2
    reads as one power)."""
    base_a, base_b = (n.base if isinstance(n, E.Pow) else n for n in (a, b))
    return a.shape.is_scalar and b.shape.is_scalar and base_a == base_b and not isinstance(base_a, E.Num)


def scalars_out(chain: Sequence[Node]) -> bool:
    """Whether the scalars of a matrix product's factors are printed in front of it: where one stands
    after the first factor (x A b, not A x b: books write a scalar factor first) or equal matrices are
    counted (3 x^2 A^3, not 3 x^2 A A^2). A differential stays where the product rule puts it,
    A (dt B) C, as Magnus and Neudecker write it."""
    matrices = [f for f in chain if not f.shape.is_scalar]
    return any(f.shape.is_scalar and not is_differential(f) for f in chain[1:]) \
        or any(count > 1 for _, count in equal_runs(matrices))


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
