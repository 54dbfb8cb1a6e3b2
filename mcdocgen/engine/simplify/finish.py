"""The last pass of the simplifier: signs and quotients as a textbook writes them.

The rewrite loop keeps one internal form, the one its rules match on: a negative coefficient is a
number (``-2 * b``, ``t + -1``), a reciprocal a factor (``0.5 * (1 / sqrt(x))``, ``1/3 * a``).
This pass, run once on the loop's result, writes those forms as they are printed: a negative term
is subtracted and a sum starts with a positive term (``a - 2 * b``, ``x - mu``), all-ones beside an
array is the number 1 (``1 - y``), a sign comes out of a sum or trace (``-sum(y)``), a negated
difference is turned round when that is not longer (``-(a - b)`` = ``b - a``), and a reciprocal
factor is a quotient (``0.5 / sqrt(x)``, ``a / 3``). The loop reads these forms back into its own
(``products.neg`` folds ``-(2 * b)``), so simplifying a finished result again gives the same result.
"""

from __future__ import annotations

import functools

import sympy
from sympy.core.cache import CACHE

from mcdocgen.engine.scalars import MEMO_SIZE
from mcdocgen.engine.simplify.differences import one_way_abs
from mcdocgen.engine.simplify.common import coeff, negative, printed_size, with_coeff
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Add, Div, Mul, Neg, Node, Num, Ones, Sum, Trace


def finish(node: Node, applied: dict[R, None] | None = None) -> Node:
    """``node`` with its signs and quotients written as printed; ``applied`` gathers the identities used."""
    applied = applied if applied is not None else {}
    node, turned = one_way_abs(node)
    if turned:
        applied.setdefault(R.ABS_ONE_WAY)
    out, used = _finished(node)
    for r in used:
        applied.setdefault(r)
    return out


@functools.lru_cache(maxsize=MEMO_SIZE)
def _finished(node: Node) -> tuple[Node, tuple[R, ...]]:
    """``node`` finished bottom-up, children first, and the identities used, in order of first use: a function
    of the subtree alone, memoised across trees (the trees a derivation finishes share most of their subtrees;
    cleared with SymPy's cache). A subtree's identities follow its children's, as one walk records them."""
    kids = node.children()
    used: dict[R, None] = {}
    new = node
    if kids:
        done = [_finished(k) for k in kids]
        for _, ids in done:
            for r in ids:
                used.setdefault(r)
        new_kids = tuple([d[0] for d in done])
        if new_kids != kids:
            new = E.rebuild(node, new_kids)
    return _Finisher(used).local(new), tuple(used)


CACHE.append(_finished)


class _Finisher:
    def __init__(self, applied: dict[R, None]) -> None:
        self.applied = applied

    def local(self, node: Node) -> Node:
        if isinstance(node, Add):
            return self.difference(node)
        if isinstance(node, Neg) and isinstance(node.arg, Add) and any(_is_negative(t) for t in node.arg.terms):
            turned = self.difference(_negated_terms(node.arg))
            return self.shorter(node, turned, R.TURN_DIFFERENCE)
        if isinstance(node, Mul) and isinstance(node.left, Num):
            return self.scaled(node)
        if isinstance(node, (Sum, Trace)) and isinstance(node.arg, Neg):
            self.applied.setdefault(R.SUBTRACT)
            return E.neg(E.rebuild(node, (node.arg.arg,)))   # -sum(y), not sum(-y)
        if isinstance(node, Neg) and isinstance(node.arg, Div) and isinstance(node.arg.left, Num):
            self.applied.setdefault(R.SUBTRACT)
            return E.div(E.num(-node.arg.left.value), node.arg.right)   # -1 / t**2, not -(1 / t**2)
        return node

    def difference(self, node: Add) -> Node:
        """Negative terms subtracted, positive terms first (stable), when there is a positive term;
        an all-ones term beside an array of its shape written 1 (added to every entry: 1 - y)."""
        if any(isinstance(t, Ones) for t in node.terms) and \
                any(t.shape == node.shape and not isinstance(t, Ones) for t in node.terms):
            self.applied.setdefault(R.ONES_AS_ONE)
            node = _flat_add(E.add(*(E.num(1) if isinstance(t, Ones) else t for t in node.terms)))
        signed = [(_is_negative(t), t) for t in node.terms]
        if all(neg for neg, _ in signed):
            return node
        terms = [t for neg, t in signed if not neg] + [self.subtracted(t) for neg, t in signed if neg]
        if tuple(terms) == node.terms:
            return node
        self.applied.setdefault(R.SUBTRACT)
        return E.add(*terms)

    def subtracted(self, term: Node) -> Node:
        """``-p`` for a negative term, with p its positive form, itself finished."""
        return E.neg(self.positive(term))

    def positive(self, term: Node) -> Node:
        """The negative ``term`` without its leading minus: -a, -2 * a, -a / b, -3."""
        if isinstance(term, Neg):
            return term.arg
        if isinstance(term, Num):
            return E.num(-term.value)
        if isinstance(term, Div):
            return E.div(self.positive(term.left), term.right)
        if _scaled_by_negative(term):
            assert isinstance(term, Mul)
            return E.mul(self.positive(term.left), term.right)
        c, core = _constant(term)
        return self.local(with_coeff(-c, core))

    def scaled(self, node: Mul) -> Node:
        """``c * a`` for a number c: -1 as a sign, a fraction as a quotient, a negated difference turned round."""
        assert isinstance(node.left, Num)
        c, a = node.left.value, node.right
        if c == -1:
            self.applied.setdefault(R.SUBTRACT)
            return self.local(E.neg(a))
        if negative(c) and isinstance(a, Add) and any(_is_negative(t) for t in a.terms):
            turned = self.local(E.mul(E.num(-c), self.difference(_negated_terms(a))))
            return self.shorter(node, turned, R.TURN_DIFFERENCE)
        if isinstance(a, Div) and isinstance(a.left, Num) and a.left.value == 1 and a.shape == node.shape:
            self.applied.setdefault(R.QUOTIENT)
            return E.div(node.left, a.right)
        if not c.is_number and sympy.fraction(c)[1] != 1:
            # a constant of the sizes over its denominator: a / n, not 1 / n * a (when not longer)
            p, q = sympy.fraction(c)
            top = a if p == 1 else E.neg(a) if p == -1 else E.mul(E.num(p), a)
            return self.shorter(node, E.div(top, E.num(q)), R.QUOTIENT)
        if c.is_Rational and c.q != 1 and not _decimal(c):
            self.applied.setdefault(R.QUOTIENT)
            top = a if c.p == 1 else E.neg(a) if c.p == -1 else E.mul(E.num(c.p), a)
            return E.div(top, E.num(c.q))
        return node

    def shorter(self, node: Node, turned: Node, rule: R) -> Node:
        """``turned`` unless it prints longer than ``node`` (ties go to ``turned``, which has no outer sign)."""
        if _size(turned) > _size(node):
            return node
        self.applied.setdefault(rule)
        return turned


def _flat_add(node: Node) -> Add:
    assert isinstance(node, Add)
    return node


def _is_negative(term: Node) -> bool:
    """A term written with a leading minus: -a, -2 * a, -a / b, a negative number."""
    if isinstance(term, Num):
        return negative(term.value)
    if isinstance(term, Div):
        return _is_negative(term.left)
    c, _ = _constant(term)
    return negative(c) or _scaled_by_negative(term)


def _scaled_by_negative(term: Node) -> bool:
    """An array times a negative scalar product or negated scalar: (-2 * dot(w, x)) * w, (-c) * y, written
    -2 * dot(w, x) * w and -c * y."""
    return (isinstance(term, Mul) and isinstance(term.left, (Mul, Neg)) and term.left.shape.is_scalar
            and not term.shape.is_scalar and not negative(coeff(term)[0]) and _is_negative(term.left))


def _constant(term: Node) -> tuple[sympy.Expr, Node]:
    """The constant coefficient of a term and the rest: a number as ``coeff`` gives it, or a constant of
    the sizes (``-1 / n * a`` gives (-1/n, a)), so that a negative one is subtracted too."""
    if (isinstance(term, Mul) and isinstance(term.left, Num) and not term.left.value.is_number
            and term.left.shape.is_scalar and term.shape == term.right.shape):
        c, core = coeff(term.right)
        return term.left.value * c, core
    return coeff(term)


def _negated_terms(node: Add) -> Add:
    """The sum with every term's sign flipped (not yet finished)."""
    flipped = []
    for t in node.terms:
        c, core = coeff(t)
        flipped.append(E.num(-t.value) if isinstance(t, Num) else with_coeff(-c, core))
    out = E.add(*flipped)
    assert isinstance(out, Add)
    return out


def _decimal(c: sympy.Rational) -> bool:
    """Printed as an exact decimal (0.5, 0.25), which reads as one number."""
    text = repr(float(c))
    return "e" not in text and sympy.Rational(text) == c


def _size(node: Node) -> int:
    size = printed_size(node)[1]
    return size if size is not None else E.count_nodes(node, 10**6)
