"""What every group of rewrites shares: the result type, and tests for zeros, numbers and coefficients."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import sympy
from sympy.core.cache import CACHE

from mcdocgen.engine.scalars import MEMO_SIZE
from mcdocgen.engine.simplify.rewrites import RewriteId
from mcdocgen import language as E
from mcdocgen.language import Div, Eye, Grad, MatMul, Mul, Neg, Node, Num, Ones, Transpose, Var, Zero
from mcdocgen.language.shapes import Shape

# A rewrite gives the identity it applied and the new node, or None when it does not apply.
Rewritten = tuple[RewriteId, Node] | None


def is_num(node: Node, value: object = None) -> bool:
    """A number node (of this value, if given)."""
    if not isinstance(node, Num):
        return False
    return value is None or bool(node.value == value)


def negative(c: sympy.Expr) -> bool:
    """``c.could_extract_minus_sign()``; a rational number's read from its numerator (SymPy asks its
    assumption system, which is slow the first time each number is asked: every number, after a cache clear)."""
    return bool(c.p < 0) if c.is_Rational else bool(c.could_extract_minus_sign())


def zero_like(node: Node) -> Node:
    """A zero of the node's shape (the number 0 for a scalar)."""
    return E.num(0) if node.shape.is_scalar else E.zero(node.shape)


def is_zero(node: Node) -> bool:
    """The number 0 or a zero array."""
    return isinstance(node, Zero) or is_num(node, 0)


def concrete(shape: Shape) -> bool:
    """Both sizes are numbers (so the array can be written by components)."""
    rows: sympy.Expr = shape.rows
    cols: sympy.Expr = shape.cols
    return bool(rows.is_number and cols.is_number)


def leafy(node: Node) -> bool:
    """A variable, constant or placeholder, possibly transposed, negated or scaled by numbers."""
    if isinstance(node, (Var, Num, Eye, Ones, Zero, Grad)):
        return True
    if isinstance(node, Transpose):
        return leafy(node.arg)
    kids = (node.left, node.right) if isinstance(node, Mul) else (node.arg,) if isinstance(node, Neg) else None
    return kids is not None and all(isinstance(k, Num) or leafy(k) for k in kids)


def t_or_scalar(node: Node) -> Node:
    """The transpose, except of a scalar."""
    return node if node.shape.is_scalar else E.transpose(node)


def as_column(v: Node) -> Node:
    """A vector as a column."""
    return E.transpose(v) if v.shape.is_row else v


_ONE, _MINUS_ONE = sympy.S.One, sympy.S.NegativeOne   # SymPy's own: sympy.Integer(1) is S.One


def coeff(node: Node) -> tuple[sympy.Expr, Node]:
    """Split a numeric coefficient off: ``-3 * A`` gives (-3, A). (Most terms have none: 1 and -1 are
    SymPy's singletons, not computed.)"""
    if isinstance(node, Neg):
        c, core = coeff(node.arg)
        return _MINUS_ONE if c is _ONE else -c, core
    if (isinstance(node, Mul) and isinstance(node.left, Num) and node.left.value.is_number
            and node.left.shape.is_scalar and node.shape == node.right.shape):
        c, core = coeff(node.right)
        return node.left.value if c is _ONE else node.left.value * c, core
    if (isinstance(node, Mul) and isinstance(node.left, Mul) and node.left.shape.is_scalar
            and not node.right.shape.is_scalar and node.shape == node.right.shape):
        # (c s) x, the one form of a number times a scalar times an array (simplify.products.mul)
        c, core = coeff(node.left)
        if c != 1:
            return c, E.mul(core, node.right)
    return _ONE, node


def with_coeff(c: sympy.Expr, core: Node) -> Node:
    """``c * core``, written without a coefficient of 0, 1 or -1."""
    if c is _ONE:   # the commonest: no number compared
        return core
    if c == 0:
        return zero_like(core)
    if c == 1:
        return core
    if c == -1:
        return E.neg(core)
    if isinstance(core, Num):
        return E.num(c * core.value)
    if isinstance(core, Mul) and core.left.shape.is_scalar and not core.right.shape.is_scalar:
        return E.mul(E.mul(E.num(c), core.left), core.right)    # (c s) x: the form coeff reads back
    return E.mul(E.num(c), core)


def chain_product(factors: Sequence[Node]) -> Node:
    """The product of ``factors`` (at least one), associated to the right as the simplifier builds products."""
    out = factors[-1]
    for f in reversed(factors[:-1]):
        out = E.matmul(f, out)
    return out


def spine(node: Node) -> tuple[Node, ...]:
    """The factors of a product along its right spine (a left factor that is a product stays whole)."""
    factors: list[Node] = []
    while isinstance(node, MatMul):
        factors.append(node.left)
        node = node.right
    return (*factors, node)


def scaled_inner(term: Node) -> Node | None:
    """The array inside one sign or scalar wrapper (-a, s a, a / s give a); None for anything else."""
    if isinstance(term, Neg):
        return term.arg
    if isinstance(term, Div) and term.right.shape.is_scalar:
        return term.left
    if isinstance(term, Mul) and term.left.shape.is_scalar and term.right.shape == term.shape:
        return term.right
    return None


def at_head(node: MatMul, meet: Callable[[Node, Node], Rewritten]) -> Rewritten:
    """``meet`` of the first two factors of a product associated to the right, f @ (g @ rest), with
    the rest kept (products associate to the right, so a pair that cancels is met at the head)."""
    a, b = node.left, node.right
    head, tail = (b.left, b.right) if isinstance(b, MatMul) else (b, None)
    met = meet(a, head)
    if met is None:
        return None
    rule, value = met
    return rule, value if tail is None else E.matmul(value, tail)


def bottom_up(node: Node, rewrite: Callable[[Node], Node], memo: dict[Node, Node]) -> Node:
    """``rewrite`` applied to every subtree, children first; ``memo`` keeps each subtree's result, so a
    subtree met twice (or again in a later pass) is done once."""
    done = memo.get(node)
    if done is not None:
        return done
    kids = node.children()
    new = node
    if kids:
        new_kids = tuple([bottom_up(k, rewrite, memo) for k in kids])   # a list is built faster than a generator runs
        if new_kids != kids:
            new = E.rebuild(node, new_kids)
    out = rewrite(new)
    memo[node] = out
    return out


@functools.lru_cache(maxsize=MEMO_SIZE)
def printed_size(node: Node) -> tuple[str, int | None]:
    """The node's text in the language and its ``syntax_size`` ("" and None where it has no text):
    the measure forms are weighed by; memoised, as compact, finish and refold weigh the same forms."""
    text = E.try_text(node)
    return text, E.tree_size(node) if text else None


CACHE.append(printed_size)   # cleared with SymPy's cache, as the simplifier's memos are
