"""Common scalar factors of a sum taken out: the numbers' greatest common factor, and the scalar
coefficients of one array term collected.

``-2 * mu + 2 * x`` = ``2 * (x - mu)`` and ``2 * x + 4 * norm(x)**2 * x`` = ``(4 * norm(x)**2 + 2) * x``.
Matrix-product factors (``A @ x + B @ x`` = ``(A + B) @ x``) are the business of ``sums``.
"""

from __future__ import annotations

import math
from functools import reduce

import sympy

from mcdocgen.engine.scalars import simplify_scalar
from mcdocgen.engine.simplify.common import Rewritten, coeff, negative, with_coeff
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Add, Div, Mul, Neg, Node, Num, Sum, Var


def add(node: Add) -> Rewritten:
    """A sum whose terms share an array times different scalars, or numbers with a common factor."""
    collected = _collect_scalars(node)
    if collected is not None:
        return R.COLLECT_SCALARS, collected
    common = _common_number(node) or _shared_number(node)
    if common is not None:
        return R.COMMON_NUMBER, common
    divided = _common_divisor(node)
    if divided is not None:
        return R.COMMON_DIVISOR, divided
    return None


_MAX_DIVIDED = 4    # terms of a sum looked at for a common scalar divisor (each pair goes to simplify_scalar)


def _common_divisor(node: Add) -> Node | None:
    """A / s + B / (n s^3) - C / (n s) = (A + B / (n s^2) - C / n) / s: an array sum whose every term is divided
    by a scalar that is not a number, one term's scalar factor taken out of them all (the other terms' factors
    divided by it, SymPy's way), where that is shorter (layer normalisation's Jacobian over its sigma)."""
    if node.shape.is_scalar or not 1 < len(node.terms) <= _MAX_DIVIDED:
        return None
    split = [_divided(t) for t in node.terms]
    if any(s is None for s in split):
        return None
    factors = [s[0] for s in split if s is not None]
    arrays = [s[1] for s in split if s is not None]
    plain = [s[2] for s in split if s is not None]
    best, size = None, E.tree_size(node)
    inside = {n for a in arrays for n in E.walk(a)}
    for i, outer in enumerate(factors):
        if not plain[i]:
            continue    # s A / d taken out would divide the others by s, zero where the sum is defined
        if any((isinstance(n, Sum) and n.arg in inside) or (isinstance(n, Var) and n.intermediate) for n in E.walk(outer)):
            continue    # a normalisation v / sum(v) stays with v (exp(z) / sum(exp(z)) is softmax(z)), and so
            # does a quotient by an intermediate u_k, which may be one once it is put back
        ratios = [E.num(1) if j == i else simplify_scalar(E.div(f, outer)) for j, f in enumerate(factors)]
        if any(isinstance(n, Num) and not n.value.is_integer for r in ratios for n in E.walk(r)):
            continue    # -8 (x x' - 0.25 s I) / s^3: a fraction inside is no textbook's form
        candidate = _scaled(outer, E.add(*(_scaled(r, a) for r, a in zip(ratios, arrays, strict=True))))
        if (n := E.tree_size(candidate)) < size:
            best, size = candidate, n
    return best


def _divided(term: Node) -> tuple[Node, Node, bool] | None:
    """(the scalar factor, the array, whether the factor's numerator is a number) of a term s A / d (signs and
    scalar factors around it), where a divisor d is not a number; else None."""
    sign, scalars, divisors = 1, [], []
    while True:
        if isinstance(term, Neg):
            sign, term = -sign, term.arg
        elif isinstance(term, Mul) and term.left.shape.is_scalar and not term.right.shape.is_scalar:
            scalars.append(term.left)
            term = term.right
        elif isinstance(term, Div) and term.right.shape.is_scalar and not term.left.shape.is_scalar:
            divisors.append(term.right)
            term = term.left
        else:
            break
    if term.shape.is_scalar or not any(not isinstance(d, Num) for d in divisors):
        return None
    top = reduce(E.mul, scalars) if scalars else E.num(1)
    factor = E.div(top, reduce(E.mul, divisors))
    return (E.neg(factor) if sign < 0 else factor), term, all(isinstance(f, Num) for f in scalars)


def _scaled(factor: Node, array: Node) -> Node:
    """``factor`` times ``array``, written the way the sums print: -A, A / d, s A / d, s A."""
    if isinstance(factor, Neg):
        return E.neg(_scaled(factor.arg, array))
    if isinstance(factor, Num) and factor.value == 1:
        return array
    if isinstance(factor, Div):
        return E.div(_scaled(factor.left, array), factor.right)
    return E.mul(factor, array)


def _scalar_split(term: Node) -> tuple[list[Node], Node]:
    """A term of an array sum as its scalar factors and the array they scale: ``s * (t * a)`` gives
    ([s, t], a); a term with no scalar factor gives ([], term)."""
    if isinstance(term, Neg):
        scalars, core = _scalar_split(term.arg)
        return [E.num(-1), *scalars], core
    if isinstance(term, Mul) and term.left.shape.is_scalar and not term.right.shape.is_scalar:
        scalars, core = _scalar_split(term.right)
        return [term.left, *scalars], core
    return [], term


def _product(factors: list[Node]) -> Node:
    if not factors:
        return E.num(1)
    return reduce(E.mul, factors)


def _collect_scalars(node: Add) -> Node | None:
    """s a + t a = (s + t) a for scalars s, t and an array a, when some array term occurs twice
    (numeric coefficients alone are like terms, combined by ``sums``)."""
    if node.shape.is_scalar:
        return None   # a scalar sum goes to SymPy, which collects it
    order: list[Node] = []
    groups: dict[Node, list[tuple[Node, Node]]] = {}   # array -> (scalar factor, the term as written)
    for t in node.terms:
        scalars, core = _scalar_split(t)
        if core.shape.is_scalar:
            core, scalars = t, []   # a scalar broadcast over the sum keeps its place
        if core not in groups:
            order.append(core)
            groups[core] = []
        groups[core].append((_product(scalars), t))
    if len(order) == len(node.terms):
        return None
    terms = [E.mul(E.add(*(s for s, _ in groups[core])), core) if len(groups[core]) > 1 else groups[core][0][1]
             for core in order]
    return E.add(*terms) if len(terms) > 1 else terms[0]


def _common_number(node: Add) -> Node | None:
    """2 a + 2 b = 2 (a + b), -2 a - 4 b = -2 (a + 2 b): the greatest common factor of the numeric
    coefficients goes in front when that leaves fewer numbers written (2 a + 4 b stays)."""
    splits = [(t.value, E.num(1)) if isinstance(t, Num) else coeff(t) for t in node.terms]
    cs = [c for c, _ in splits]
    if not all(c.is_Rational and c != 0 for c in cs):
        return None
    g = reduce(_gcd, cs)
    if all(negative(c) for c in cs):
        g = -g
    if g in (1, -1):
        return None
    before = sum(1 for c in cs if abs(c) != 1)
    after = 1 + sum(1 for c in cs if abs(c / g) != 1)
    if after >= before:
        return None
    inner = E.add(*(E.num(c / g) if isinstance(core, Num) else with_coeff(c / g, core) for c, core in splits))
    return E.mul(E.num(g), inner)


def _gcd(a: sympy.Rational, b: sympy.Rational) -> sympy.Rational:
    """``sympy.gcd`` of two nonzero rationals, gcd(p1, p2) / lcm(q1, q2), positive: the same number
    without SymPy's polynomial machinery (about 80 microseconds a call, this about 1)."""
    return sympy.Rational(math.gcd(a.p, b.p), math.lcm(a.q, b.q))


def _shared_number(node: Add) -> Node | None:
    """0.5 a + 0.5 b - c = 0.5 (a + b) - c: terms with one numeric coefficient (not 1 or -1) taken
    together, the first such group in the order of the terms."""
    splits = [coeff(t) for t in node.terms]
    for c, _ in splits:
        if abs(c) == 1 or not c.is_Rational:
            continue
        members = [core for k, core in splits if k == c]
        if len(members) < 2 or len(members) == len(splits):
            continue
        first = next(i for i, (k, _) in enumerate(splits) if k == c)
        rest = [t for t, (k, _) in zip(node.terms, splits, strict=True) if k != c]
        return E.add(*rest[:first], E.mul(E.num(c), E.add(*members)), *rest[first:])
    return None
