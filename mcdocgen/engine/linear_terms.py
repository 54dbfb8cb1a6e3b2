"""A differential brought to canonical terms: ``L dX R``, ``L dX^T R``, ``M * (L dX R)`` and ``C tr(G^T dX)``.

Each kind has a known vec form and index form (:mod:`mcdocgen.engine.index_form`). ``dF`` (linear in
``dX``) is expanded operation by operation; an operation that leaves these kinds (a Hadamard product
multiplied by a matrix, the diagonal of a change, ...) stops the expansion with the reason, never a guess.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

import sympy

from mcdocgen import language as E
from mcdocgen.engine.differential import NoDifferential, differential, dname, is_differential
from mcdocgen.language import (
    Add, Div, Dot, Eye, MatMul, Mean, Mul, Neg, Node, Num, Outer, Sum, Sym, Trace, Transpose, Var, Vec,
)
from mcdocgen.language import transposes
from mcdocgen.language.shapes import Shape
from mcdocgen.language.transposes import Through


@enum.unique
class TermKind(enum.StrEnum):
    """The canonical kinds of a term of a differential."""

    SANDWICH = "sandwich"        # L dX R
    TRANSPOSED = "transposed"    # L dX^T R
    HADAMARD = "hadamard"        # M * (L dX R) or M * (L dX^T R), possibly inside P (...) Q
    TRACE = "trace"              # C tr(G^T dX): a scalar change times a constant array


@dataclass(frozen=True, slots=True)
class Term:
    """One canonical term. ``None`` factors are identities (of the size that fits) and a ``None``
    coefficient is 1; for the trace kind only ``outer`` (C, None: 1) and ``grad`` (G, None: I) count."""

    coefficient: Node | None = None    # a scalar
    left: Node | None = None           # L
    right: Node | None = None          # R
    transposed: bool = False           # dX^T in the middle
    mask: Node | None = None           # M of the Hadamard kind
    pre: Node | None = None            # P of P (M * (L dX R)) Q (the Hadamard kind only)
    post: Node | None = None           # Q
    trace: bool = False                # the trace kind
    outer: Node | None = None          # C
    grad: Node | None = None           # G

    @property
    def kind(self) -> TermKind:
        """The term's kind."""
        if self.trace:
            return TermKind.TRACE
        if self.mask is not None:
            return TermKind.HADAMARD
        return TermKind.TRANSPOSED if self.transposed else TermKind.SANDWICH


@dataclass(frozen=True, slots=True)
class Canonical:
    """dF as canonical terms (their sum), with the function's and the variable's shapes."""

    differential: Node          # dF by d(wrt) only, as derived (before the expansion)
    terms: tuple[Term, ...]
    function_shape: Shape
    wrt_shape: Shape
    wrt: str
    vectorized: bool = False    # F is vec(Y): the terms are Y's (vec(Y) and Y have one Jacobian)


@dataclass(frozen=True, slots=True)
class NotCanonical:
    """Why dF (or its index form) is not available: the subexpression and the real reason."""

    subject: str
    reason: str


class _Stop(Exception):
    def __init__(self, node: Node, reason: str) -> None:
        super().__init__(reason)
        self.result = NotCanonical(E.try_text(node, type(node).__name__), reason)


def _mm(a: Node | None, b: Node | None) -> Node | None:
    if a is None:
        return b
    return a if b is None else E.matmul(a, b)


_INTO_TERMS = Through(unwrap=True, sums=True, signs=True, scalar_left=True, products=True,
                      own=lambda a: isinstance(a, Eye))


def transposed(a: Node) -> Node:
    """a^T taken into sums, signs, scalar multiples and products, a double transpose cancelled:
    (X^T)^T is X, (A X^T)^T is X A^T, -(A^-1 B A^-1)^T is -A^-T B^T A^-T."""
    return transposes.transposed(a, _INTO_TERMS)


def _t(a: Node | None) -> Node | None:
    return None if a is None else transposed(a)


def _times(a: Node | None, b: Node) -> Node:
    if isinstance(a, Num) and isinstance(b, Num):   # -1 times -1: a number, not a product to print
        return E.num(a.value * b.value)
    return b if a is None else E.mul(a, b)


# ---------------------------------------------------------------- operations on terms


def _scale(c: Node, terms: list[Term]) -> list[Term]:
    return [replace(t, coefficient=_times(t.coefficient, c)) for t in terms]


def _left(a: Node, terms: list[Term], at: Node) -> list[Term]:
    out = []
    for t in terms:
        if t.trace:
            out.append(replace(t, outer=a if t.outer is None else E.matmul(a, t.outer)))
        elif t.mask is not None:
            out.append(replace(t, pre=_mm(a, t.pre)))
        else:
            out.append(replace(t, left=_mm(a, t.left)))
    return out


def _right(terms: list[Term], b: Node, at: Node) -> list[Term]:
    out = []
    for t in terms:
        if t.trace:
            out.append(replace(t, outer=b if t.outer is None else E.matmul(t.outer, b)))
        elif t.mask is not None:
            out.append(replace(t, post=_mm(t.post, b)))
        else:
            out.append(replace(t, right=_mm(t.right, b)))
    return out


def _transpose(terms: list[Term]) -> list[Term]:
    # (L dX R)^T = R^T dX^T L^T; (P (M * S) Q)^T = Q^T (M^T * S^T) P^T; (C tr)^T = C^T tr
    return [replace(t, outer=_t(t.outer)) if t.trace else
            replace(t, left=_t(t.right), right=_t(t.left), transposed=not t.transposed, mask=_t(t.mask),
                    pre=_t(t.post), post=_t(t.pre))
            for t in terms]


def _to_trace(t: Term, at: Node) -> Term:
    """The trace of a term with a square (or 1 x 1) value, as ``tr(G^T dX)``: tr(L dX R) = tr(R L dX)."""
    if t.trace:
        return replace(t, outer=None if t.outer is None else E.trace(t.outer) if t.outer.shape.is_square
                       and not t.outer.shape.is_scalar else t.outer)
    if t.mask is not None and t.mask.shape.is_scalar:   # a 1 x 1 mask is a scalar factor
        t = replace(t, coefficient=_times(t.coefficient, t.mask), mask=None, pre=None, post=None,
                    left=_mm(t.pre, t.left), right=_mm(t.right, t.post))
    elif t.mask is not None:
        # tr(P (M * S) Q) = tr(QP (M * S)) = sum(N * S) = tr(N^T S), N = M * (QP)^T
        qp = _mm(t.post, t.pre)
        n = t.mask if qp is None else E.mul(t.mask, E.transpose(qp))
        t = replace(t, mask=None, pre=None, post=None, left=_mm(E.transpose(n), t.left))
    rl = _mm(t.right, t.left)
    # tr(L dX R) = tr((RL) dX) = tr(G^T dX), G = (RL)^T; tr(L dX^T R) = tr(dX^T RL): G = RL
    return Term(t.coefficient, trace=True, grad=rl if t.transposed else _t(rl))


def _spread(b: Node, terms: list[Term], at: Node) -> list[Term]:
    """A scalar change times a constant array: each term to ``C tr(G^T dX)`` with C = b."""
    out = []
    for t in terms:
        s = _to_trace(t, at)
        out.append(replace(s, outer=b if s.outer is None else E.mul(b, s.outer)))
    return out


def _hadamard(m: Node, terms: list[Term], at: Node) -> list[Term]:
    out = []
    for t in terms:
        if t.trace:
            out.append(replace(t, outer=m if t.outer is None else E.mul(m, t.outer)))
        elif t.pre is not None or t.post is not None:
            raise _Stop(at, "a Hadamard product of a matrix product of a Hadamard product of the change "
                            "has no canonical form here")
        else:
            out.append(replace(t, mask=m if t.mask is None else E.mul(m, t.mask)))
    return out


def _sum(terms: list[Term], shape: Shape, at: Node) -> list[Term]:
    """sum(Y) = tr(J^T Y), J all ones; sum(M * S) = tr(M^T S)."""
    out = []
    for t in terms:
        if t.trace:
            out.append(replace(t, outer=None if t.outer is None else E.total(t.outer)))
            continue
        if t.mask is not None and (t.pre is not None or t.post is not None):  # sum(Y) = tr(J^T Y)
            out.append(_to_trace(replace(t, pre=_mm(E.transpose(E.ones(shape)), t.pre)), at))
            continue
        weight = E.transpose(t.mask if t.mask is not None else E.ones(shape))
        out.append(_to_trace(replace(t, mask=None, left=_mm(weight, t.left)), at))
    return out


# ---------------------------------------------------------------- expansion


def _expand(node: Node, changing: frozenset[str]) -> list[Term]:
    if is_differential(node):
        return [Term()]
    linear = [k for k in node.children() if E.depends_on(k, changing)]
    match node:
        case Add():
            out: list[Term] = []
            for k in linear:
                part = _expand(k, changing)
                out += _spread(E.ones(node.shape), part, node) if k.shape != node.shape else part
            return out
        case Neg():
            return _scale(E.num(-1), _expand(node.arg, changing))
        case Transpose():
            return _transpose(_expand(node.arg, changing))
        case _ if len(linear) != 1:
            raise _Stop(node, "the change appears in more than one operand (not linear)")
        case MatMul(left=a, right=b):
            if a in linear:
                return _right(_expand(a, changing), b, node)
            return _left(a, _expand(b, changing), node)
        case Mul(left=a, right=b) | Div(left=a, right=b):
            lin, const = (a, b) if a in linear else (b, a)
            if isinstance(node, Div):
                if lin is not a:
                    raise _Stop(node, "the change in a divisor")
                const = E.div(E.num(1), b)
            part = _expand(lin, changing)
            if const.shape.is_scalar:
                return _scale(const, part)
            if lin.shape.is_scalar:
                return _spread(const, part, node)
            return _hadamard(const, part, node)
        case Trace():
            return [_to_trace(t, node) for t in _expand(node.arg, changing)]
        case Sum():
            return _sum(_expand(node.arg, changing), node.arg.shape, node)
        case Mean():
            count = E.num(sympy.Integer(1) / (node.arg.shape.rows * node.arg.shape.cols))
            return _scale(count, _sum(_expand(node.arg, changing), node.arg.shape, node))
        case Dot(left=a, right=b):
            other = b if b.shape == a.shape else E.transpose(b)
            return _expand(E.total(E.mul(a, other)), changing)
        case Sym():     # sym(S) = (S + S^T) / 2
            part = _expand(node.arg, changing)
            return _scale(E.num(sympy.Rational(1, 2)), part + _transpose(part))
        case Outer(left=a, right=b) if a.shape.is_column and b.shape.is_column:
            return _expand(E.matmul(a, E.transpose(b)), changing)
    raise _Stop(node, f"no canonical form for {type(node).__name__.lower()} of the change")


def canonical(function: Node, wrt: Var) -> Canonical | NotCanonical:
    """dF by dX, then as canonical terms; or why not (no differential rule, or no canonical kind)."""
    inner = function.arg if isinstance(function, Vec) else function
    try:
        dF = differential(inner, wrt.name)
    except NoDifferential as exc:
        return NotCanonical(exc.subject, exc.reason)
    if dF is None:
        return NotCanonical(E.try_text(function, "F"), f"the function does not depend on {wrt.name}")
    try:
        terms = _expand(dF, frozenset({dname(wrt.name)}))
    except _Stop as exc:
        return exc.result
    except E.ExprError as exc:  # a factor's shapes do not fit: say so rather than show a wrong form
        return NotCanonical(E.try_text(dF, "dF"), f"the terms could not be formed ({exc})")
    return Canonical(dF, _combine(terms), inner.shape, wrt.shape, wrt.name, inner is not function)


def _combine(terms: list[Term]) -> tuple[Term, ...]:
    """Terms equal but for their coefficient, added (X * dX + dX * X is 2 X * dX), in first-seen order."""
    groups: dict[Term, list[Node | None]] = {}
    for t in terms:
        groups.setdefault(replace(t, coefficient=None), []).append(t.coefficient)
    out = []
    for bare, coefficients in groups.items():
        if len(coefficients) == 1:
            out.append(replace(bare, coefficient=coefficients[0]))
            continue
        values = [E.num(1) if c is None else c for c in coefficients]
        if all(isinstance(v, Num) for v in values):
            total = sum((v.value for v in values if isinstance(v, Num)), sympy.Integer(0))
            out.append(replace(bare, coefficient=None if total == 1 else E.num(total)))
        else:
            out.append(replace(bare, coefficient=E.add(*values)))
    return tuple(out)


def signed(coefficient: Node | None) -> tuple[bool, Node | None]:
    """A coefficient as a sign and the rest: -1 times c (a minus term scaled by c) is minus c, not c (-1)."""
    if isinstance(coefficient, Num) and coefficient.value == -1:
        return True, None
    if isinstance(coefficient, Mul):
        for minus, rest in ((coefficient.left, coefficient.right), (coefficient.right, coefficient.left)):
            if isinstance(minus, Num) and minus.value == -1:
                return True, rest
    return False, coefficient


def scaled(coefficient: Node | None, body: Node) -> Node:
    """A term's coefficient applied: none, a sign, or a scalar factor in front (after the sign)."""
    minus, rest = signed(coefficient)
    body = body if rest is None else E.mul(rest, body)
    return E.neg(body) if minus else body


def term_node(t: Term, dx: Var) -> Node:
    """One canonical term as an expression of ``d(X)`` (what a page prints, and what evaluates)."""
    if t.trace:
        inner = _mm(_t(t.grad), dx) or dx
        change = inner if dx.shape.is_scalar else E.trace(inner)   # tr of a 1 x 1 change is the change
        body = change if t.outer is None else E.mul(change, t.outer) if t.outer.shape.is_scalar \
            else E.mul(t.outer, change)
    else:
        middle = E.transpose(dx) if t.transposed else dx
        body = _mm(_mm(t.left, middle), t.right) or middle
        if t.mask is not None:
            body = _mm(_mm(t.pre, E.mul(t.mask, body)), t.post) or body
    return scaled(t.coefficient, body)


def canonical_node(c: Canonical, dx: Var) -> Node:
    """dF as the sum of its canonical terms; by a scalar, an array's terms C_i dt collected as one factor
    times dt, (B Y + X D) dt, as books write it (not B Y dt + X D dt)."""
    if dx.shape.is_scalar and len(c.terms) > 1 and all(t.trace and t.grad is None and t.outer is not None
                                                      and not t.outer.shape.is_scalar for t in c.terms):
        return E.mul(E.add(*(scaled(t.coefficient, t.outer) for t in c.terms if t.outer is not None)), dx)
    return E.add(*(term_node(t, dx) for t in c.terms))
