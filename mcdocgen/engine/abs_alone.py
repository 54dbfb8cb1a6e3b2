"""abs of an argument found nowhere else, one more generator of a monomial: |x - y| / e^2, -(|x - y| / e^2).

SymPy's route writes abs(a) as a sign(a) and cancels again (substituted.abs_by_sign), unless the symbols of each a are
found nowhere in the node but in its abs(a) and no two such a share a symbol (substituted.abs_may_cancel: then that
form is never the best, and the route makes none). There abs(a) is, to cancel, factor and factor_terms, one generator
as an inert function of it is, where SymPy's Abs holds a as written: an atom (a real symbol, sign unknown), or a sum of
atoms as fn_sums.py models it (whole coefficients without a common factor, so that factor_terms takes nothing out;
turned round where it could extract a minus sign, as an even function's). So monomial.value takes such an abs as a
generator (``alone`` says which), and ``check_powers`` declines where SymPy's Abs would leave one: |a|^k for a whole k
other than 1 and -1 is a^(k - 1) |a| (a^k for even k). Each such abs occurs once in the node, so that no product of
two of them meets as |a|^2 = a^2 on the way (|a| |a| / |a|). tests/test_abs_alone.py checks on random nodes that the
native forms give SymPy's route's answer. ``held`` tells kept_fns.py where an abs of a sum with a minus, in a function's
argument, is one plus term as SymPy holds it (c log(1 + |x - y| / e)).
"""

from __future__ import annotations

from collections import Counter

from typing import TYPE_CHECKING

from mcdocgen.engine.generators import Term
from mcdocgen.engine.plain import ALGEBRA
from mcdocgen.engine.sign_of import sign_value
from mcdocgen.language import Add, Fn, Func, Node, Num

if TYPE_CHECKING:
    from mcdocgen.engine.monomial import AtomNames


def alone(node: Node) -> frozenset[Node]:
    """The abs nodes of ``node`` that monomial.value may take as generators: every abs of it, where each has an atom or a
    sum for its argument, occurs once, and the atoms of each argument (sizes too: symbols to SymPy) occur in no other
    abs and nowhere outside; else none."""
    found: Counter[Node] = Counter()
    outside: set[Node] = set()
    _visit(node, found, outside)
    if not found:
        return frozenset()
    seen: set[Node] = set(outside)
    for f, count in found.items():
        assert isinstance(f, Func)
        if count > 1 or (isinstance(f.arg, ALGEBRA) and not isinstance(f.arg, Add)):
            return frozenset()
        atoms: set[Node] = set()
        if not _atoms(f.arg, atoms) or not atoms or atoms & seen:
            return frozenset()
        seen |= atoms
    return frozenset(found)


def _visit(node: Node, found: Counter[Node], outside: set[Node]) -> None:
    if isinstance(node, Func) and node.fn is Fn.ABS:
        found[node] += 1
    elif isinstance(node, Num):
        if not node.value.is_Rational:
            outside.add(node)
    elif isinstance(node, ALGEBRA):
        for kid in node.children():
            _visit(kid, found, outside)
    else:
        outside.add(node)


def _atoms(node: Node, into: set[Node]) -> bool:
    """The atoms (and sizes) of an abs's argument into ``into``; False where another abs is inside it."""
    if isinstance(node, Func) and node.fn is Fn.ABS:
        return False
    if isinstance(node, Num):
        if not node.value.is_Rational:
            into.add(node)
        return True
    if isinstance(node, ALGEBRA):
        return all(_atoms(kid, into) for kid in node.children())
    into.add(node)
    return True


def check_powers(terms: list[Term]) -> bool:
    """Whether every abs generator stands to 1, -1 or a power that is not whole in each term (|a|^2 is a^2 to SymPy)."""
    return all(k in (1, -1) or k.denominator != 1 for _, p in terms for g, k in p.items() if g.fn is Fn.ABS)



def held(f: Func, names: AtomNames) -> bool:
    """Whether the abs ``f`` holds an atom, or a sum of atoms as SymPy's Abs holds it (fn_sums.py: not turned round,
    nothing for factor_terms to take out): |x - y| as written, not |y - x| (Abs(x - y) to SymPy: the two would be one
    generator) nor |2 x - 2 y| (2 |x - y|); ``names``: the atoms named as to_sympy names the node's."""
    from mcdocgen.engine.monomial import NotMonomial   # (monomial reads abs_alone here)
    if not isinstance(f.arg, ALGEBRA):
        return True
    if not isinstance(f.arg, Add):
        return False
    try:
        found = sign_value(f.arg, names, Fn.ABS)
    except NotMonomial:
        return False
    return len(found) == 1 and found[0][0] == 1 and len(found[0][1]) == 1 and next(iter(found[0][1])).node() == f
