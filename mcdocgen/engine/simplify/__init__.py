"""Simplification: rewriting a tree into the closed form a textbook prints, each rewrite a named identity.

No identity or all-ones factors left, transposes pushed towards the leaves, scalar factors
in front, like terms combined, products associated to the right. Every rewrite keeps the
value and the shape; ``verify`` proves that numerically for every derivation. The identities
applied are recorded in the ``Budget`` a derivation shares (``RewriteId``, ``rewrites.IDENTITY``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from sympy.core.cache import CACHE

from mcdocgen.engine.scalars import MEMO_SIZE, SYMPY_MAX_NODES, simplify_scalar
from mcdocgen.engine.simplify import (
    coefficients, compact, diagonals, differences, dots, elementwise, inverses, kronecker, literals, products, recognise,
    reductions, sums,
)
from mcdocgen.engine.simplify.common import Rewritten
from mcdocgen.engine.simplify.finish import finish
from mcdocgen.engine.simplify.ranking import rank, transposed_sum_of_letters
from mcdocgen.engine.simplify.rewrites import IDENTITY, RewriteId
from mcdocgen.engine.simplify.transpose import is_symmetric, transpose
from mcdocgen import language as E
from mcdocgen.language import (
    Add, Det, Diag, Div, Eye, Func, Index, Inv, MatMul, Mul, Neg, Node, Norm, Norm1, Ones, Outer, Pow, Sum, Trace,
    Transpose, Unit, Zero,
)
from mcdocgen.language import Commutation, Kron, Vec

__all__ = ["IDENTITY", "MAX_PASSES", "SYMPY_BUDGET", "Budget", "RewriteId", "is_symmetric", "printed", "printed_across",
           "printed_forms", "printed_numerator", "simplify", "spread"]

MAX_PASSES = 30
SYMPY_BUDGET = 5_000  # nodes handed to SymPy for one derivation; past it, scalar parts stay as they are


class Budget:
    """What a derivation may still hand to SymPy: a count of nodes, the same on every machine
    (SymPy's cancel costs about a millisecond a node, and cannot be interrupted); and the
    rewrites its simplifications applied, in the order first used."""

    def __init__(self, nodes: int) -> None:
        self.nodes = nodes
        self.passed: dict[Node, Node] = {}   # one pass over a subtree -> its result (passes repeat subtrees)
        # a tree simplified with this budget -> (its result, the identities ``finish`` used on it)
        self.simplified: dict[Node, tuple[Node, tuple[RewriteId, ...]]] = {}
        # a tree compacted with this budget -> the search's result, and (a result, that) -> its numerator form
        # (the same search again gives it: every simplification in it is a memo hit above)
        self.compacted: dict[Node, compact.Compacted] = {}
        self.numerators: dict[tuple[Node, compact.Compacted | None], tuple[Node, tuple[RewriteId, ...]]] = {}
        self.applied: dict[RewriteId, None] = {}   # an ordered set

    @property
    def rewrites(self) -> tuple[RewriteId, ...]:
        """The identities applied so far, in the order first used."""
        return tuple(self.applied)


def simplify(node: Node, budget: Budget | None = None) -> Node:
    """Rewrite bottom-up until nothing changes; ``budget`` is shared by the calls of one derivation."""
    if budget is None:
        return _fresh(node)
    # Done once per budget: simplifying a tree again with the same budget meets every pass's result
    # in ``budget.passed`` (recording nothing, spending nothing), so only ``finish``'s identities are
    # recorded again, and the memo replays those.
    hit = budget.simplified.get(node)
    if hit is not None:
        for r in hit[1]:
            budget.applied.setdefault(r)
        return hit[0]
    out, used = _simplified(node, budget)
    budget.simplified[node] = (out, used)
    return out


@functools.lru_cache(maxsize=MEMO_SIZE)
def _fresh(node: Node) -> Node:
    """``simplify`` with a budget of its own: a function of the tree alone, so memoised (the layouts
    and the local derivatives simplify the same trees; cleared with SymPy's cache, so timings are cold)."""
    ample = _ample(node)
    return ample if ample is not None else _simplified(node, Budget(SYMPY_BUDGET))[0]


def _ample(node: Node) -> Node | None:
    """``_fresh``'s result where a fresh budget cannot run out, else None. Then every pass over a
    subtree is a function of the subtree alone, shared by all fresh simplifications (the local
    derivatives' forms repeat subtrees). The bound counts each pass's SymPy nodes with repeats, at
    least what the budget spends; within it, every budget test passes, so the result is the same."""
    spent = 0
    seen: dict[Node, int] = {node: 0}
    forms = [node]
    for i in range(1, MAX_PASSES + 1):
        new, cost = _free_pass(node)
        spent += cost
        if spent > SYMPY_BUDGET:
            return None
        if new == node:
            break
        start = seen.get(new)
        if start is not None:
            node = forms[start + (MAX_PASSES - start) % (i - start)]
            break
        seen[new] = i
        forms.append(new)
        node = new
    return _finished(node)[0]


@functools.lru_cache(maxsize=MEMO_SIZE)
def _free_pass(node: Node) -> tuple[Node, int]:
    """One pass over ``node`` with the budget never short (``_pass``), and the SymPy nodes it would
    spend, counted with repeats."""
    kids = node.children()
    new, cost = node, 0
    if kids:
        done = [_free_pass(k) for k in kids]
        new_kids = tuple([d[0] for d in done])
        cost = sum(d[1] for d in done)
        if new_kids != kids:
            new = E.rebuild(node, new_kids)
    _, out, size, once = _planned(new)
    if size:
        cost += size
        if not once:
            out = simplify_scalar(out)
    return out, cost


CACHE.append(_free_pass)


CACHE.append(_fresh)


def _passes(node: Node, budget: Budget) -> Node:
    """The tree after passes until nothing changes, or after ``MAX_PASSES`` of them. Where the passes
    come back to a tree met before, they go round that cycle to the limit (two rewrites undoing each
    other); the tree the limit would stop at is read off the cycle instead of the passes being run (a
    pass met again is a memo hit: it records and spends nothing)."""
    seen: dict[Node, int] = {node: 0}
    forms = [node]
    for i in range(1, MAX_PASSES + 1):
        new = _pass(node, budget)
        if new == node:
            return node
        start = seen.get(new)
        if start is not None:
            return forms[start + (MAX_PASSES - start) % (i - start)]
        seen[new] = i
        forms.append(new)
        node = new
    return node


def _simplified(node: Node, budget: Budget) -> tuple[Node, tuple[RewriteId, ...]]:
    """The passes to a fixed point, then ``finish``; and the identities ``finish`` used."""
    node = _passes(node, budget)
    out, used = _finished(node)   # signs and quotients as printed (scalar's pass, finish.py)
    for r in used:
        budget.applied.setdefault(r)
    return out, used


@functools.lru_cache(maxsize=MEMO_SIZE)
def _finished(node: Node) -> tuple[Node, tuple[RewriteId, ...]]:
    """``finish``'s result and the identities it used, a function of the tree alone (memoised)."""
    used: dict[RewriteId, None] = {}
    out = finish(node, used)
    return out, tuple(used)


CACHE.append(_finished)


def printed(node: Node, budget: Budget) -> Node:
    """A simplified result in the shortest of its equivalent forms, as a textbook prints it."""
    def choose() -> tuple[Node, tuple[RewriteId, ...]]:
        found = budget.compacted.get(node) or budget.compacted.setdefault(
            node, compact.compact_counted(node, lambda n: simplify(n, budget)))
        return found.form, found.ids
    return _letters_spread(_recorded(budget, choose), budget)


def _letters_spread(result: Node, budget: Budget) -> Node:
    """A denominator-layout form with a whole transposed sum of products of letters written term by term
    (``compact.distributed``): A^T X^T B^T + B^T X^T A^T, as the Cookbook's eq. 116, not (A X B + B X A)^T."""
    out, used = compact.distributed(result, lambda n: simplify(n, budget), letters=True)
    for r in used:
        budget.applied.setdefault(r)
    return out


def printed_across(result: Node, budget: Budget) -> Node:
    """A form in the layout that transposes the function's own shape (a matrix by a scalar's denominator layout,
    forward.py): a whole transposed sum of letters (``transposed_sum_of_letters``) term by term by the numerator
    layout's rule (``compact.distributed``): A^T + exp(t) B^T under steps that gave A^T and exp(t) B^T (s37 B-3, B-4)."""
    if not transposed_sum_of_letters(result):
        return result
    out, used = compact.distributed(result, lambda n: simplify(n, budget))
    for r in used:
        budget.applied.setdefault(r)
    return out


def printed_numerator(result: Node, budget: Budget) -> Node:
    """The numerator layout's form of a denominator-layout result: its own shortest form, or the
    transpose of the result's where that is shorter (never only because it is one). The result's
    own compacted form is the one ``printed`` found, where it found one with this budget."""
    key = (result, budget.compacted.get(result))   # asked again where the layouts' product is the result itself
    return _recorded(budget, lambda: budget.numerators.get(key) or budget.numerators.setdefault(
        key, compact.numerator_form(result, lambda n: simplify(n, budget), known=key[1])))


def spread(node: Node, budget: Budget | None = None) -> Node:
    """``node`` simplified, a whole transposed sum written term by term as in a numerator-layout result
    (``compact.distributed``): a local derivative X G + G X, not (G^T X^T + X^T G^T)^T; and a transposed
    elementwise product where that ranks first: G o cos(X)^T, not (G^T o cos(X))^T."""
    out = compact.distributed(simplify(node, budget), lambda n: simplify(n, budget))[0]
    if isinstance(out, Transpose) and isinstance(out.arg, Mul) and not out.arg.left.shape.is_scalar \
            and not out.arg.right.shape.is_scalar:
        each = E.mul(simplify(E.transpose(out.arg.left), budget), simplify(E.transpose(out.arg.right), budget))
        return each if rank(each) < rank(out) else out
    return out


def printed_forms(node: Node, budget: Budget) -> tuple[Node, Node]:
    """The denominator result ``printed`` and its numerator form (``printed_numerator``); the result
    is the numerator form's transpose where that ranks strictly first (``ranking.rank``: what a textbook
    writes otherwise, then the size), as the numerator form weighs the
    result's transpose (a row's own simplification can stop short of its column's: z^T (diag(s) -
    s s^T) against (s o (z - s^T z))^T). A whole transposed sum is then distributed by the numerator
    layout's rule (``compact.distributed``)."""
    result = printed(node, budget)
    if (turned := differences.sign_taken_in(result, lambda n: simplify(n, budget))) is not None:
        budget.applied.setdefault(RewriteId.SIGN_INTO_DIFFERENCE)
        result = turned
    numerator = printed_numerator(result, budget)
    if result.shape.is_scalar:
        return result, numerator
    flipped = compact.transposed(numerator)
    if flipped != result and rank(flipped)[:3] < rank(result)[:3]:
        result = flipped
    return _letters_spread(result, budget), numerator


def _recorded(budget: Budget, choose: Callable[[], tuple[Node, tuple[RewriteId, ...]]]) -> Node:
    """The form chosen; the budget records the identities that made it, not those of forms weighed
    and left."""
    applied = dict(budget.applied)
    out, used = choose()
    budget.applied = applied
    for r in used:
        budget.applied.setdefault(r)
    return out


def _pass(node: Node, budget: Budget) -> Node:
    """``bottom_up`` with ``_rewrite``, written out: a pass visits every node of every tree simplified."""
    memo = budget.passed

    def visit(n: Node) -> Node:
        done = memo.get(n)
        if done is not None:
            return done
        kids = n.children()
        new = n
        if kids:
            new_kids = tuple([visit(k) for k in kids])
            if new_kids != kids:
                new = E.rebuild(n, new_kids)
        out = _rewrite(new, budget)
        memo[n] = out
        return out

    return visit(node)


def _rewrite(node: Node, budget: Budget) -> Node:
    found, new, size, once = _planned(node)
    if found is not None:
        budget.applied.setdefault(found)
    # Scalar and elementwise algebra commute: SymPy may cancel and collect there, while the budget lasts.
    if size and size <= budget.nodes:
        budget.nodes -= size
        if once:
            return new   # SymPy has nothing shorter to offer (_read_once); the budget is spent as ever
        out = simplify_scalar(new)
        if out != new:
            budget.applied.setdefault(RewriteId.SCALAR_ALGEBRA)
        return out
    return new


@functools.lru_cache(maxsize=MEMO_SIZE)
def _planned(node: Node) -> tuple[RewriteId | None, Node, int, bool]:
    """What ``_rewrite`` does to ``node`` before the budget is asked, a function of the tree alone: the
    identity its group of rewrites applied (None where none did) and the node it gave; the nodes that
    node would hand to SymPy (0 where it is not worth it: not scalar algebra, too large, or nothing to
    cancel); and whether it is read once (SymPy would give it back). Memoised across passes and
    budgets: the layouts, the local derivatives and the checks rewrite the same subtrees again."""
    rule = _RULES.get(type(node))
    found = rule(node) if rule else None
    new = node if found is None else found[1]
    size = 0
    if isinstance(new, (Add, Mul, Div, Pow, Neg)):
        count = E.count_nodes(new, SYMPY_MAX_NODES)
        if count <= SYMPY_MAX_NODES and _has_division_or_repeat(new):
            size = count
    return (None if found is None else found[0]), new, size, bool(size) and _read_once(new)


CACHE.append(_planned)   # cleared with SymPy's cache, so that timings after clear_cache are cold


def _read_once(node: Node) -> bool:
    """Sums and products of distinct atoms (what SymPy sees as a symbol: a matrix product, a
    transpose, dot(w, x)...), with no number, sign, quotient, power or function among them, except
    one sign or whole-number factor (not 0, 1 or -1) in front of it all. SymPy cannot give a shorter
    equal form of such a tree: any equal form uses every atom (a polynomial identity in independent
    symbols), and so at least as many operators, and the sign or factor; ``simplify_scalar`` keeps a
    form only when it is shorter, so the tree is its own answer, and SymPy is not asked."""
    if isinstance(node, Neg):
        node = node.arg
    elif isinstance(node, Mul) and isinstance(node.left, E.Num) and node.left.value.is_Integer \
            and abs(node.left.value) > 1:
        node = node.right
    seen: set[object] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Add):
            if any(isinstance(t, Add) for t in n.terms):
                return False   # a sum in a sum counts as one node fewer flattened (a tree without text)
            stack.extend(n.terms)
        elif isinstance(n, Mul):
            stack.extend((n.left, n.right))
        elif isinstance(n, (E.Num, Neg, Div, Pow, E.Func)):
            return False
        else:
            atom = n.name if isinstance(n, E.Var) else n   # SymPy names a variable's symbol by its name
            if atom in seen:
                return False
            seen.add(atom)
    return True


def _has_division_or_repeat(node: Node) -> bool:
    """Worth handing to SymPy: a quotient, a power, or a factor that occurs twice. (A loop, not
    ``E.walk``'s generator: every scalar node the passes meet is asked this of its whole subtree.)"""
    seen: set[Node] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, (Div, Pow)) or (n in seen and not isinstance(n, E.Num)):
            return True
        seen.add(n)
        stack.extend(n.children())
    return False


def _first(*groups: Callable[[Any], Rewritten]) -> Callable[[Any], Rewritten]:
    """The first of several groups of rewrites that applies."""
    def rewrite(node: Node) -> Rewritten:
        for group in groups:
            found = group(node)
            if found is not None:
                return found
        return None
    return rewrite


# one group of rewrites per node type; a type missing here is left as it is
_RULES: dict[type[Node], Callable[[Any], Rewritten]] = {
    Transpose: _first(transpose, kronecker.transpose),
    MatMul: _first(kronecker.matmul, inverses.matmul, dots.matmul, products.matmul, literals.matmul),
    Mul: _first(products.mul, kronecker.mul, recognise.mul, literals.mul, elementwise.mul),
    Div: _first(products.div, elementwise.div, recognise.div),
    Pow: products.power,
    Neg: _first(products.neg, kronecker.neg),
    Add: _first(sums.add, kronecker.add, diagonals.add, coefficients.add, differences.add, inverses.add),
    Index: reductions.index,
    Trace: _first(reductions.trace, literals.trace),
    Det: _first(reductions.det, literals.det),
    Inv: _first(reductions.inv, literals.inv),
    Sum: _first(diagonals.total, reductions.total, literals.total),
    Func: _first(reductions.at_zero, reductions.func, recognise.func), Norm: reductions.at_zero, Norm1: reductions.at_zero,
    Unit: reductions.unit,
    Diag: _first(diagonals.diag, reductions.diag),
    Ones: reductions.ones,
    Eye: reductions.eye,
    Zero: reductions.zero,
    Outer: reductions.outer,
    Kron: kronecker.kron,
    Vec: kronecker.vec,
    Commutation: kronecker.commutation,
}
