"""The sign SymPy's polynomials give a sum: cancel makes the leading coefficient of its numerator and denominator
plus, and factor each factor's, in the lexicographic order of the generators SymPy's polynomials take
(sympy_order.py). A sum whose leading term is minus
comes back turned round, 1 / (tr(A) - c) as -(1 / (c - tr(A))) and (A x - y)**2 as (y - A x)**2, where cancel or
factor made the form; native_sums.sums_alone asks leading_plus before it takes a form as SymPy's route's answer.
"""

from __future__ import annotations

import sympy

from mcdocgen.engine.generators import Term
from mcdocgen.engine.monomial import AtomNames, NotMonomial, Product, value
from mcdocgen.engine.native import name_atoms
from mcdocgen.engine.plain import ALGEBRA
from mcdocgen.engine.sympy_order import leading_coefficient
from mcdocgen.language import Add, Fn, Func, Mul, Neg, Node, Num


def leading_plus(n: Node, original: Node) -> bool:
    """Whether every sum of n (but in a function other than sqrt) has a plus leading term in SymPy's order of
    generators, the atoms named as to_sympy names those of ``original`` (the node n was made of). A sum of plus
    terms has; one with a minus whose generators are not atoms to whole positive powers, or whose atoms have no
    name here, is not known to: False, and SymPy's route decides."""
    signed = [k for k in _outside_functions(n) if isinstance(k, Add) and any(
        isinstance(t, Neg) or _minus_number(t) for t in k.terms)]
    if not signed:
        return True
    names = AtomNames()
    try:
        name_atoms(original, names)
        found = [value(k, names) for k in signed]
    except NotMonomial:
        return False
    return all(not isinstance(terms, Product) and lead_plus(terms) for terms in found)


def lead_plus(terms: list[Term]) -> bool | None:
    """Whether the leading term of the sum of these terms is plus in SymPy's order of generators; None where that
    order is not known here (a generator not an atom to a whole positive power)."""
    if any(g.fn is not None or g.scale != 1 or g.power != 1 or k <= 0 or k.denominator != 1
           for _, p in terms for g, k in p.items()):
        return None
    lead = leading_coefficient([(c, {sympy.Symbol(g.name): int(k) for g, k in p.items()}) for c, p in terms])
    return None if lead is None else lead > 0


def _outside_functions(n: Node) -> list[Node]:
    """The subtrees of n but inside a function other than sqrt (log(c - d): a generator to cancel, never turned)."""
    found: list[Node] = []
    stack = [n]
    while stack:
        k = stack.pop()
        found.append(k)
        if not isinstance(k, Func) or k.fn is Fn.SQRT:
            stack.extend(k.children() if isinstance(k, ALGEBRA) else ())
    return found


def _minus_number(t: Node) -> bool:
    """Whether a term is a negative number or a negative number times the rest (-2 c)."""
    n = t.left if isinstance(t, Mul) else t
    return isinstance(n, Num) and bool(n.value.is_negative)
