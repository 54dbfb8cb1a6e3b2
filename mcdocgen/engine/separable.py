"""Products whose factors fall into groups that share no atoms, answered group by group.

A product or quotient (with numbers, minus signs and whole powers) whose factors split into two or more groups, no
atom shared between groups, is to SymPy's cancel and factor a product of polynomials in disjoint generators: their gcd
factorises, nothing cancels across groups. The scalar simplifier (scalars._by_groups) answers each group alone,
memoised, so that a denominator shared by many numerators (x - y, its transpose, x.T - y.T ...) is answered once.
Where every group is kept, SymPy's route keeps the product, or writes it in its own order where that is better. Not
everything carries over, and there the split declines: a minus in front goes into a sum (factor_terms: -c (d - 1) =
c (1 - d); beside sums 1 - g or 1 - g**2 only, a kept product is known); a group that changes may change otherwise
inside the product (cancel multiplies two sums out: (c + d) (y - x) exp(-t) stays); the product rewritten is among
SymPy's candidates only where each group is plain (is_plain: cancel and factor give it back) and no two sums are
multiplied out; exps join their groups (powsimp merges them: exp(a) exp(b) = exp(a + b)); abs, sin, sinh and exps in
sums are declined (below). tests/test_separable.py checks the answers against SymPy's route on random products.
"""

from __future__ import annotations

from dataclasses import dataclass

import sympy

from mcdocgen.engine.plain import ALGEBRA
from mcdocgen import language as E
from mcdocgen.language import Add, Div, Fn, Func, Mul, Neg, Node, Num, Pow, Var


@dataclass(frozen=True)
class Split:
    """A product as its number (sign included) times its groups, each a product of factors sharing atoms."""

    coeff: sympy.Rational
    groups: tuple[Node, ...]
    sums: tuple[Node, ...]   # the factors that are sums or whole powers of sums (a minus may go into one)
    expanded: bool   # whether cancel multiplies sums out: two on one side of the line, or a sum to a whole power


def split(node: Node) -> Split | None:
    """The node's groups of factors that share no atoms, or None where it is no product or has one group."""
    if not isinstance(node, (Mul, Div, Neg, Pow)):
        return None
    factors: list[tuple[Node, sympy.Rational]] = []
    coeff = _flatten(node, sympy.Integer(1), factors)
    if coeff is None or coeff == 0 or len(factors) < 2:
        return None
    groups: list[tuple[set[object], list[int]]] = []   # each group's atoms and its factors' places
    for i, (factor, _) in enumerate(factors):
        atoms = _atoms(factor)
        if _SUBSTITUTED & atoms or (Fn.EXP in atoms and _exp_in_sum(factor)):
            return None   # a candidate of the product the group's own route may not weigh (below)
        places = [i]
        for g in [g for g in groups if g[0] & atoms]:
            groups.remove(g)
            atoms |= g[0]
            places += g[1]
        groups.append((atoms, places))
    if len(groups) < 2:
        return None
    sums = [_sum_power(f, k) for f, k in factors if _is_sum(f)]
    # the groups in the order of their first factors, each with its factors in the node's order
    return Split(coeff, tuple(_product([factors[i] for i in sorted(places)])
                              for _, places in sorted(groups, key=lambda g: min(g[1]))),
                 tuple(s for s, _ in sums),
                 any(abs(k) > 1 for _, k in sums) or max(sum(1 for _, k in sums if k > 0),
                                                         sum(1 for _, k in sums if k < 0)) > 1)


# abs, sin and sinh, which SymPy's route substitutes in a product (abs(u) = u sign(u)) but not where a sum alone takes
# laurent.py's route (abs(x) + 1 - x sign(x) is kept, a (abs(x) + 1 - x sign(x)) is a); exp in a sum likewise
# (written by sigmoids)
_SUBSTITUTED = frozenset({Fn.ABS, Fn.SIN, Fn.SINH})


def _exp_in_sum(node: Node, in_sum: bool = False) -> bool:
    if isinstance(node, Func) and node.fn is Fn.EXP:
        return in_sum
    return isinstance(node, ALGEBRA) and any(_exp_in_sum(kid, in_sum or isinstance(node, Add)) for kid in node.children())


def _sum_power(node: Node, k: sympy.Rational) -> tuple[Node, sympy.Rational]:
    """(S, k m) for a factor S**m to the power k, S a sum."""
    if isinstance(node, Pow) and isinstance(node.exp, Num):
        return node.base, k * node.exp.value
    return node, k


def _is_sum(node: Node) -> bool:
    return isinstance(node, Add) or (isinstance(node, Pow) and isinstance(node.base, Add)
                                     and isinstance(node.exp, Num) and bool(node.exp.value.is_Integer))


def _flatten(node: Node, k: sympy.Rational, out: list[tuple[Node, sympy.Rational]]) -> sympy.Rational | None:
    """The number of ``node ** k`` (None where it is not rational); its other factors with their exponents appended."""
    match node:
        case Mul(left=a, right=b):
            ca, cb = _flatten(a, k, out), _flatten(b, k, out)
            return None if ca is None or cb is None else ca * cb
        case Div(left=a, right=b):
            ca, cb = _flatten(a, k, out), _flatten(b, -k, out)
            return None if ca is None or cb is None else ca * cb
        case Neg(arg=a):
            c = _flatten(a, k, out)
            return None if c is None else -c if k % 2 else c
        case Pow(base=a, exp=Num(value=v)) if v.is_Integer and isinstance(a, (Mul, Div, Neg)):
            return _flatten(a, k * v, out)
        case Num(value=v) if v.is_Rational:
            return v ** k if v != 0 or k > 0 else None
    out.append((node, k))
    return sympy.Integer(1)


def _atoms(node: Node) -> set[object]:
    """What SymPy sees of ``node``: its variables by name, sizes, and the atoms to_sympy makes; the functions applied
    to them besides (powsimp merges exps of two groups)."""
    found: set[object] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Var):
            found.add(("var", n.name))
        elif isinstance(n, Num):
            found |= {("size", s) for s in n.value.free_symbols}
        elif isinstance(n, ALGEBRA):
            if isinstance(n, Func) and (n.fn is Fn.EXP or n.fn in _SUBSTITUTED):
                found.add(n.fn)
            stack.extend(n.children())
        else:
            found.add(n)
    return found


def _product(factors: list[tuple[Node, sympy.Rational]]) -> Node:
    """The factors (with their exponents) as one quotient of products, in their order."""
    top = [_power(f, k) for f, k in factors if k > 0]
    bottom = [_power(f, -k) for f, k in factors if k < 0]
    node = _times(top) if top else E.num(1)
    return E.div(node, _times(bottom)) if bottom else node


def _power(f: Node, k: sympy.Rational) -> Node:
    return f if k == 1 else E.power(f, E.num(k))


def _times(nodes: list[Node]) -> Node:
    out = nodes[0]
    for n in nodes[1:]:
        out = E.mul(out, n)
    return out
