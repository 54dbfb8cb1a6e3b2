"""Exactly which operands are identically zero, so that the parser refuses ``c / (d - d)``, ``log(x - x)``
or ``inv(A - A)`` as it refuses ``c / 0``: an expression undefined everywhere is bad input.

An operand is read entrywise as a SymPy expression: a variable is a symbol, ``+ - * / **``, ``max`` and
the elementwise functions are SymPy's, and any other operation (``@``, ``dot``, ``det``, ``inv``...) is
one fresh symbol per canonical form (so ``a.T @ x`` and ``dot(a, x)`` are one symbol), or zero when an
operand it is linear in is zero. Sums, products and powers of arrays of one shape are entrywise, so a
form that SymPy finds to be 0 is 0 for every value of every variable where it is defined: the test never
refuses a divisor that can be nonzero. It may miss one (a rational identity that needs ``cancel``, an identity of ``@``
such as ``A @ B - (B.T @ A.T).T``); the derivation's own checks then meet the undefined value.

The work is bounded: SymPy's automatic evaluation is about linear in the text's size (a tower of powers,
which it would multiply out, is one symbol); ``expand``, which finds ``(d + 1)**2 - d**2 - 2*d - 1``,
runs only while the expansions of one parse have at most :data:`MAX_EXPANDED_TERMS` terms in all, so
``(c + d + x)**1000`` is not expanded and counts as not zero. An operand asked about inside another operation (a
literal's entry, the argument of ``inv``, ``det`` or ``@``) spends a budget of its own, as large: ``entrywise`` is
memoised by the node alone, so each such node is asked once and a text's expansions stay within its nodes times the
limit.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import sympy
import sympy.sets.setexpr  # (the trigonometric functions' eval imports it on first use: done here, at load)

from mcdocgen.language.canonical import canonical
from mcdocgen.language.functions import FUNCTIONS
from mcdocgen.language.nodes import (
    Add, Det, Diag, Div, Dot, Func, Index, Inv, Lit, LogDet, Maximum, MatMul, Mean, Mul, Neg, Node, Norm, Norm1,
    Num, Outer, Pow, Sum, Trace, Transpose, Zero,
)
from mcdocgen.language.vecnodes import Kron, Sym, Vec

MAX_EXPANDED_TERMS = 300  # terms the expansions of one parse may have; over it a form is not found to be zero
MAX_POWER_WEIGHT = 64_000  # a power's exponent times its base's weight (below); over it, the power is one symbol
MEMO_SIZE = 4096           # subtrees whose entrywise forms are remembered (the parser asks bottom-up)

# Zero when any operand is: linear in each operand, or (norm, norm1, det) zero at zero, det as sizes are at least 1.
_LINEAR: tuple[type[Node], ...] = (
    Transpose, MatMul, Dot, Outer, Kron, Trace, Sum, Mean, Diag, Vec, Sym, Index, Norm, Norm1, Det,
)


@dataclass(slots=True)
class Budget:
    """The terms one parse may still expand: one text's work is bounded, however many divisors it has."""

    terms: int = MAX_EXPANDED_TERMS


def is_zero(node: Node, budget: Budget | None = None) -> bool:
    """Whether ``node`` is identically zero, as far as the bounded test above finds; an expansion
    spends ``budget`` (none: this call's own)."""
    form = entrywise(node)
    if form == 0:
        return True
    if form.has(sympy.zoo, sympy.nan):
        return False
    budget = budget if budget is not None else Budget()
    terms = _terms(form)
    if terms > budget.terms:
        return False
    budget.terms -= terms
    return bool(sympy.expand(form) == 0)


@functools.lru_cache(maxsize=MEMO_SIZE)
def entrywise(node: Node) -> sympy.Expr:
    """``node`` read entrywise as a SymPy expression (see the module's docstring)."""
    match node:
        case Num(value=v):
            return v
        case Zero():
            return sympy.Integer(0)
        case Add(terms=terms):
            return sympy.Add(*(entrywise(t) for t in terms))
        case Neg(arg=a):
            return -entrywise(a)
        case Mul(left=a, right=b):
            return entrywise(a) * entrywise(b)
        case Div(left=a, right=b):
            return entrywise(a) / entrywise(b)
        case Pow(base=a, exp=b):
            base, exp = entrywise(a), entrywise(b)
            if exp.is_Number and _weight(base) * abs(exp) > MAX_POWER_WEIGHT:
                return _opaque(node)   # SymPy would multiply a tower out: ((2 c)**1000)**1000 has 2**10**6
            return base ** exp
        case Maximum(left=a, right=b):
            return sympy.Max(entrywise(a), entrywise(b))
        case Func(fn=fn, arg=a):
            return FUNCTIONS[fn].sympy(entrywise(a))
        case Lit(rows=rows) if all(is_zero(e) for row in rows for e in row):
            return sympy.Integer(0)
        case Inv(arg=a) | LogDet(arg=a) if is_zero(a):
            return sympy.zoo
    if isinstance(node, _LINEAR) and any(is_zero(k) for k in node.children()):
        return sympy.Integer(0)
    return _opaque(node)


def _opaque(node: Node) -> sympy.Symbol:
    """The symbol that stands for ``node``: one per canonical form, so a symmetric variable is its
    transpose. (A space: the name of no variable of the language.)"""
    return sympy.Symbol("o " + repr(canonical(node)))


def _weight(form: sympy.Basic) -> int:
    """What a power of ``form`` multiplies: its largest numeric exponent, or its largest number's bits."""
    weight = 1
    for sub in sympy.preorder_traversal(form):
        if sub.is_Pow and sub.exp.is_Number:
            weight = max(weight, int(abs(sub.exp)) + 1)
        elif sub.is_Rational:
            weight = max(weight, int(sub.p).bit_length() + int(sub.q).bit_length())
    return weight


def _terms(form: sympy.Basic) -> int:
    """An upper bound on the terms of ``form``'s expansion and of its functions' arguments' (more than
    the limit: the limit plus one)."""
    over = MAX_EXPANDED_TERMS + 1
    if form.is_Add:
        return min(sum(_terms(a) for a in form.args), over)
    if form.is_Mul:
        product = 1
        for a in form.args:
            product = min(product * _terms(a), over)
        return product
    if form.is_Pow and form.exp.is_Integer and form.exp > 0:
        base, power = _terms(form.base), int(form.exp)
        if base == 1:
            return 1
        return over if base >= over or power >= over else min(math.comb(base + power - 1, power), over)
    # a function's argument (or a power's base) is expanded too: counted as terms, which over-counts
    return min(1 + sum(_terms(a) for a in form.args if not a.is_Atom), over)
