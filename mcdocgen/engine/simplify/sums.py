"""Sums: flattened, numbers folded, zeros dropped, like terms combined, ordered, a common factor pulled out."""

from __future__ import annotations

import sympy

from mcdocgen.engine.simplify.common import (
    Rewritten, chain_product, coeff, is_zero, leafy, negative, with_coeff, zero_like,
)
from mcdocgen.engine.simplify.reductions import rotation_key, trace_word
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Add, Eye, Index, Lit, MatMul, Mul, Neg, Node, Num, Ones, Trace, Transpose


def add(node: Add) -> Rewritten:
    """a + b + ...: the sum in one normal form (the identity named is the last one that changed it)."""
    if (traced := _diagonal_sum(node)) is not None:
        return R.DIAGONAL_SUM, traced
    if (turned := _traces_turned(node)) is not None:
        return R.TRACE_CYCLIC, turned
    if (merged := _traces_merged(node)) is not None:
        return R.TRACE_SUM, merged
    applied = None
    terms: list[Node] = []
    for t in node.terms:
        nested = isinstance(t, Add) and t.shape == node.shape
        applied = R.FLATTEN_SUM if nested else applied
        terms.extend(t.terms if isinstance(t, Add) and nested else (t,))
    # Fold numbers, drop zeros that do not carry the shape.
    number: sympy.Expr = sympy.S.Zero   # SymPy's singleton (sympy.Integer(0) looks it up in a cache)
    kept: list[Node] = []
    numbers = 0
    for t in terms:
        if isinstance(t, Num) and t.value.is_number:
            number += t.value
            numbers += 1
        elif is_zero(t) and (t.shape == node.shape or t.shape.is_scalar):
            applied = R.ZERO
        else:
            kept.append(t)
    if number != 0:
        kept.append(E.num(number))
    if numbers > 1 or (numbers and number == 0):
        applied = R.FOLD_NUMBERS
    # Combine like terms, keeping the order of first appearance.
    order: list[Node] = []
    coeffs: dict[Node, sympy.Expr] = {}
    for t in kept:
        c, core = coeff(t)
        if core not in coeffs:
            order.append(core)
            coeffs[core] = c   # 0 + c, not computed
        else:
            applied = R.LIKE_TERMS
            coeffs[core] += c
    combined = [with_coeff(coeffs[core], core) for core in order]
    combined = [t for t in combined if not (is_zero(t) and (t.shape == node.shape or t.shape.is_scalar))]
    lits = [t for t in combined if isinstance(t, Lit)]
    if len(lits) > 1:
        first = lits[0]
        merged = E.lit(tuple(
            tuple(E.add(*(lit.rows[i][j] for lit in lits)) for j in range(len(first.rows[0])))
            for i in range(len(first.rows))
        ))
        combined = [merged if t is first else t for t in combined if t is first or not isinstance(t, Lit)]
        applied = R.LITERAL
    if not combined:
        return R.ZERO, zero_like(node)
    if len(combined) == 1:
        only = combined[0]
        if only.shape == node.shape:
            return applied or R.FOLD_NUMBERS, only
        return (R.BROADCAST, E.mul(only, E.ones(node.shape))) if only.shape.is_scalar else None
    before = list(combined)
    if all(leafy(t) for t in combined) and not any(isinstance(coeff(t)[1], Mul) for t in combined):
        combined.sort(key=_leaf_key)
    elif all(leafy(t) for t in combined):
        # a scalar times a letter has no name of its own: the terms keep the order the derivation gave them, the
        # problem's, A + exp(t) B and B + 2 t C (review s37 B-3, B-4), positive terms first and constants last
        combined.sort(key=lambda t: _leaf_key(t)[:2])
    else:  # positive terms first: 1 - t**2 rather than -t**2 + 1; M before M^T
        cores = [coeff(t)[1] for t in combined]
        combined.sort(key=lambda t: (negative(coeff(t)[0]), _transpose_of_another(t, cores)))
    applied = R.ORDER_TERMS if combined != before else applied
    factored = _factor(combined)
    if factored is not None and factored.shape == node.shape:
        return R.COMMON_FACTOR, factored
    new = E.add(*combined)
    return (applied or R.ORDER_TERMS, new) if new != node else None


def _transpose_of_another(node: Node, cores: list[Node]) -> bool:
    core = coeff(node)[1]
    return isinstance(core, Transpose) and core.arg in cores


def _leaf_key(node: Node) -> tuple[bool, bool, str, bool]:
    """Positive terms first (x - mu, not -mu + x), then variables by name, constants last."""
    c, core = coeff(node)
    transposed = isinstance(core, Transpose)
    base = core.arg if isinstance(core, Transpose) else core
    return (negative(c), isinstance(base, (Num, Ones, Eye)), getattr(base, "name", ""), transposed)


def _factor(terms: list[Node]) -> Node | None:
    """Pull a common right (or left) factor out of a sum of products: A x + B x = (A + B) x."""
    splits = [coeff(t) for t in terms]
    cores = [core for _, core in splits if isinstance(core, MatMul)]
    if len(cores) == len(splits):
        rights = {core.right for core in cores}
        if len(rights) == 1:
            right = rights.pop()
            return E.matmul(E.add(*(with_coeff(c, core.left) for (c, _), core in zip(splits, cores, strict=True))), right)
        lefts = {core.left for core in cores}
        if len(lefts) == 1:
            left = lefts.pop()
            return E.matmul(left, E.add(*(with_coeff(c, core.right) for (c, _), core in zip(splits, cores, strict=True))))
    return None


def _diagonal_sum(node: Add) -> Node | None:
    """A[0, 0] + A[1, 1] + ... + A[n-1, n-1] + rest = tr(A) + rest for a square A of a concrete size n
    (with one coefficient for all its diagonal entries, taken out)."""
    if not node.shape.is_scalar:
        return None
    diagonal: dict[Node, dict[int, sympy.Expr]] = {}
    repeated: set[Node] = set()    # an entry met twice (like terms not yet gathered): left to the sum's other rules
    for t in node.terms:
        c, core = coeff(t)
        if isinstance(core, Index) and core.row == core.col and core.arg.shape.rows == core.arg.shape.cols \
                and core.arg.shape.rows.is_number:
            entries = diagonal.setdefault(core.arg, {})
            if core.row in entries:
                repeated.add(core.arg)
            entries[core.row] = c
    for matrix, entries in diagonal.items():
        n = int(matrix.shape.rows)
        cs = set(entries.values())
        if n > 1 and len(entries) == n and len(cs) == 1 and matrix not in repeated:
            rest = [t for t in node.terms
                    if not (isinstance(core := coeff(t)[1], Index) and core.arg == matrix and core.row == core.col)]
            traced = with_coeff(cs.pop(), E.trace(matrix))
            return E.add(traced, *rest) if rest else traced
    return None


def _traces_turned(node: Add) -> Node | None:
    """c tr(A B C) + d tr(C A B) = c tr(A B C) + d tr(A B C): a trace whose product is a rotation of an earlier
    term's written as that one (tr(A B C) = tr(B C A) = tr(C A B)), so that like terms meet; else None."""
    if not node.shape.is_scalar:
        return None
    first: dict[tuple[Node, ...], tuple[Node, ...]] = {}
    terms, turned = [], False
    for t in node.terms:
        c, core = coeff(t)
        word = trace_word(core)
        if word is not None:
            seen = first.setdefault(rotation_key(word), word)
            if seen != word:
                t, turned = with_coeff(c, E.trace(chain_product(seen))), True
        terms.append(t)
    return E.add(*terms) if turned else None


def _traces_merged(node: Add) -> Node | None:
    """s tr(P Q) + t tr(P R) + rest = tr(P (s Q + t R)) + rest for scalars s, t: traces of products with one
    first factor P taken as one trace (linearity), as det(M) tr(M^-1 (B + 2 t C)) is printed."""
    if not node.shape.is_scalar:
        return None
    split = [_scaled_trace(t) for t in node.terms]
    for first in split:
        if first is None:
            continue
        group = [j for j, other in enumerate(split) if other is not None and other[1].left == first[1].left]
        if len(group) < 2:
            continue
        inner = E.add(*(_scaled(split[j][0], split[j][1].right) for j in group))   # type: ignore[index]
        merged = E.trace(E.matmul(first[1].left, inner))
        rest = [t for j, t in enumerate(node.terms) if j not in group]
        return E.add(merged, *rest) if rest else merged
    return None


def _scaled_trace(term: Node) -> tuple[list[Node], MatMul] | None:
    """(the scalar factors, outermost first, -1 for a sign; P Q) of a term s t ... tr(P Q), else None."""
    factors: list[Node] = []
    while not isinstance(term, Trace):
        if isinstance(term, Neg):
            factors.append(E.num(-1))
            term = term.arg
        elif isinstance(term, Mul) and term.shape.is_scalar:
            if isinstance(term.left, (Trace, Mul, Neg)) and _has_trace(term.left) and not _has_trace(term.right):
                factors.append(term.right)
                term = term.left
            elif _has_trace(term.right) and not _has_trace(term.left):
                factors.append(term.left)
                term = term.right
            else:
                return None
        else:
            return None
    return (factors, term.arg) if isinstance(term.arg, MatMul) else None


def _has_trace(node: Node) -> bool:
    return isinstance(node, Trace) or (isinstance(node, (Mul, Neg)) and any(_has_trace(k) for k in node.children()))


def _scaled(factors: list[Node], node: Node) -> Node:
    for f in reversed(factors):
        node = E.neg(node) if isinstance(f, Num) and f.value == -1 else E.mul(f, node)
    return node
