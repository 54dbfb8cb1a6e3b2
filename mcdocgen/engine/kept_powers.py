"""Nodes SymPy's route keeps, seen with a power of a sum to a symbolic exponent, P = S^e, taken as one atom: the Student-t
kernel's derivative by its degrees of freedom, -(v + 1) / 2 (|u|^2 / v^2) (|u|^2 / v + 1)^(-(v + 3) / 2); and so for a
power of an atom (a matrix expression, a variable) where the monomial route declines it (beside a sum: the Renyi
entropy's (a + 1) p^a / a, p = softmax(z)).

To SymPy's cancel and factor such a power is one generator G: factor_terms leaves a power's exponent as it stands, and
as_numer_denom puts G below the line where SymPy holds the exponent (1 / S^e being S^(-e), the minus distributed over a
sum) as a product with a minus (-c, -1/c), else above (-c/2 - 3/2 stays above). So with P replaced by an atom z where G
stands (1 / z, z below, where the power is above but G below), N* the node so written, each candidate of N is one of N*
with z written as one of the forms of G alone (SymPy's route's candidates of the lone power above the line), none
shorter than the simplifier's answer for it. z standing once in N*, every candidate of N* holds it once at least; so a
candidate of N is at least as long as the best of N* plus the shortest form of G less the one node of z. Where that bound
is no shorter than N (and N repeats no factor, so a tie is no better), no candidate is better than N: SymPy's route
keeps it.

Only a power that is a factor of the node (in no sum: a sum's written size depends on its terms' order, SymPy's sort
order, which differs for z and G) is taken, and not the lone power (from_sympy writes a lone 1 / G as the power itself).
Declined besides: a node with any function a candidate substitutes or a power undoes (exp, sigmoid, sin, sinh, abs, sign,
sqrt), a root or a size (radsimp, positive symbols), P inside a function or a power, two such powers (powsimp may merge
S^e S^f or join bases of one exponent), S elsewhere in the node (Mul merges S^e S), any other power to a symbolic
exponent, and an exponent whose sign SymPy's assumptions may know. tests/test_kept_powers.py checks on random nodes that
SymPy's route keeps each node kept here.
"""

from __future__ import annotations

from collections.abc import Callable

from mcdocgen import language as E
from mcdocgen.engine.monomial import AtomNames, NotMonomial, Product, value
from mcdocgen.engine.plain import ALGEBRA, product_factors
from mcdocgen.errors import ExprError
from mcdocgen.language import Add, Div, Fn, Func, Mul, Neg, Node, Num, Pow, Var

# functions whose candidates substitute (logistic, tangent, sign forms) or whose root radsimp may move
_DECLINED = frozenset({Fn.EXP, Fn.SIGMOID, Fn.SIN, Fn.SINH, Fn.ABS, Fn.SIGN, Fn.SQRT})
_ATOM = "~p"   # the atom's name ('~' begins no name the language reads)


def kept_with_powers(node: Node, simplify: Callable[[Node], Node]) -> bool:
    """Whether SymPy's route is shown to keep ``node`` with its one power of a sum or an atom to a symbolic exponent as an atom
    (the module's docstring); ``simplify``: the scalar simplifier (simplify_scalar)."""
    if not _algebra_only(node):
        return False
    places: list[tuple[Pow, bool]] = []
    if not _powers(node, False, places) or len(places) != 1 or places[0][0] == node:
        return False   # none, several, one inside a function or a power, or P alone (no bound for its own forms)
    found, under = places[0]
    exponent = E.neg(found.exp) if under else found.exp   # SymPy's: 1 / S^e is S^(-e), the minus in a sum distributed
    below = _below(exponent)
    if below is None or not _primitive(found.base):
        return False
    z = Var(found.shape, _ATOM)
    # z where SymPy holds its generator G: below the line where its exponent there takes a minus out, else above
    star = _put(node, found, E.div(E.num(1), z) if below != under else z)
    if any(isinstance(n, Pow) and not isinstance(n.exp, Num) for n in E.walk(star)):
        return False   # another symbolic power: powsimp may join it with P
    if any(n == found.base for n in E.walk(star)):
        return False   # S beside S^e: Mul merges them
    try:
        size = E.tree_size(node)
        best = simplify(star)
        if best == z or best == E.div(E.num(1), z):
            return False   # N is G or 1 / G: from_sympy writes a lone power as it stands, not by fraction
        generator = E.power(found.base, E.neg(exponent) if below else exponent)   # G, above the line
        least = E.tree_size(best) + E.tree_size(simplify(generator)) - 1
    except ExprError:
        return False
    factors = product_factors(node)   # a factor repeated: a candidate as long with fewer repeats is better
    return least > size or (least == size and len(set(factors)) == len(factors))


def _algebra_only(node: Node) -> bool:
    """No function _DECLINED, no size and no root in ``node``'s algebra and functions (an atom is opaque to SymPy:
    ones(n), dot(a, exp(x)) hold what SymPy never sees)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Func) and n.fn in _DECLINED:
            return False
        if isinstance(n, Num) and not n.value.is_Rational:
            return False   # a size: a positive symbol to SymPy
        if isinstance(n, Pow) and isinstance(n.exp, Num) and not n.exp.value.is_Integer:
            return False   # a root: radsimp's and powsimp's
        if isinstance(n, ALGEBRA):
            stack.extend(n.children())
    return True


def _powers(node: Node, under: bool, places: list[tuple[Pow, bool]]) -> bool:
    """Collect each power of a sum to a symbolic exponent in ``node``'s algebra with whether it stands below the line
    (``under``: below an odd number of divisions); False where one stands in a sum (the order of a sum's terms, which
    sets what a minus costs where it is written, is SymPy's sort order, not the atom's), inside a function or inside
    another power (not a generator of the node's algebra as it stands: (d S^e)^2 is d^2 S^(2 e) to SymPy)."""
    match node:
        case Pow() if _symbolic(node):
            places.append((node, under))
            return True
        case Neg(arg=a):
            return _powers(a, under, places)
        case Mul(left=a, right=b):
            return _powers(a, under, places) and _powers(b, under, places)
        case Div(left=a, right=b):
            return _powers(a, under, places) and _powers(b, not under, places)
    return not any(_symbolic(n) for n in E.walk(node))


def _symbolic(node: Node) -> bool:
    """A power of a sum or of an atom (a matrix expression, a variable) to a symbolic exponent: one generator to SymPy."""
    return isinstance(node, Pow) and not isinstance(node.exp, Num) and (
        isinstance(node.base, Add) or not isinstance(node.base, ALGEBRA))


def _below(exponent: Node) -> bool | None:
    """Whether SymPy's as_numer_denom (and fraction, as from_sympy writes) puts a power to ``exponent`` below the line:
    where SymPy holds the exponent as a product with a minus (-c, -1/c, -2 c d), not as a sum (-c/2 - 3/2 stays above;
    its factor_terms leaves a power's exponent as it is); None where SymPy's assumptions may know the sign (a sum whose
    terms are all minus even powers, -c^2 - 1, is negative) or the exponent is no sum of monomials."""
    try:
        found = value(exponent, AtomNames())
    except NotMonomial:
        return None
    if isinstance(found, Product) or not any(p for _, p in found):
        return None
    if len(found) == 1:
        return found[0][0] < 0
    if all(c < 0 and all(k.denominator == 1 and k.numerator % 2 == 0 for k in p.values()) for c, p in found):
        return None
    return False


def _primitive(base: Node) -> bool:
    """Whether factor finds no number to take out of ``base`` (over one line, its numerator's content is 1 and its
    denominator a monomial without a number): each term with a generator has coefficient 1 or -1, the number term is
    whole. Else factor writes the power as k^e times a power of a primitive sum ((1 - c/2)^e as (2 - c)^e / 2^e), the
    two on either side of the line in a quotient: no form of the lone power."""
    try:
        found = value(base, AtomNames())
    except NotMonomial:
        return False
    return not isinstance(found, Product) and all(c.denominator == 1 and (not p or abs(c) == 1) for c, p in found)


def _put(node: Node, power: Pow, atom: Node) -> Node:
    """``node`` with ``power`` replaced by ``atom``, the algebra around it rebuilt."""
    if node == power:
        return atom
    match node:
        case Add(terms=terms):
            return E.add(*(_put(t, power, atom) for t in terms))
        case Neg(arg=a):
            return E.neg(_put(a, power, atom))
        case Mul(left=a, right=b):
            return E.mul(_put(a, power, atom), _put(b, power, atom))
        case Div(left=a, right=b):
            return E.div(_put(a, power, atom), _put(b, power, atom))
        case Pow(base=a, exp=b):
            return E.power(_put(a, power, atom), _put(b, power, atom))
    return node
