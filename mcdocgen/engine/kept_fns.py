"""Nodes SymPy's route keeps, seen through their functions of expressions: an elementwise function of a polynomial or of
a quotient (tanh(4 x / 5 + x^3 / 28), relu(1 - (r / c)^2), log(1 + |x|)) taken as one atom.

To SymPy's cancel and factor such a function f(A) is one generator: its steps rewrite the argument A from A alone
(factor_terms and expand recurse into it) and write the rest of the node around the generator as around any other. So
where each f(A) is replaced by an atom of its own (``_replaced``: z0, z1 ... in the order met, named apart from any
variable), each atom occurs once in that node N* and SymPy's route keeps N*, no candidate of N is better than N,
provided the rewrites of A are no shorter than A and f(A) stays one generator, not minus one: A is its own simplifier's
answer (asked first: each rewrite SymPy's route gives A inside f is among A's candidates, or longer), and for a function
that is odd or even to SymPy (tanh, cos ...: eval takes a minus out) or arccos (pi - acos) A holds no minus at all. A
candidate of N then is one of N*'s with f(A') for each atom, A' no shorter than A: no candidate of N* is better than N*,
so none of N is better than N (a candidate holds each generator once at least, as N depends on it, and N once: where N
holds one twice, a candidate holding it once may be shorter, -t t against -t^2). The functions SymPy's route substitutes
(exp, sinh, sin, abs, sign, sigmoid: logistic and tangent forms, |u| = u sign(u)) and those a power undoes (sqrt) are
not replaced; nor is a function of an atom or of another function (monomial.py models those). Declined besides: a node
with sin or sinh anywhere (their tangent forms bring in tan, cos, tanh and cosh of their arguments, which may cancel
against a function replaced), an argument with exp or sigmoid in it (the forms by sigmoids rewrite inside it),
heaviside but of a sum with terms of both signs (SymPy's assumptions then know no sign of it; heaviside(1 + x^2) is 1;
all minus, -x y / 2 - |x|, it turns round), the signs read as SymPy holds the terms (-x y / 2 a minus term, a sum within
the sum taken apart, |x - y| a plus term where SymPy's Abs holds x - y as written: abs_alone.held), and a sum led by a
minus term with a plus term after it (SymPy writes the plus term first inside the function, shorter: log(x y - y), not
log(-y + x y)). And a sum with a term over an atom from which factor_terms may
take a number or a factor (_taken_out: log(x y + 3 x / c - x^2 / 2)): inside the function cancel's first step writes it
so as it stands, x (y + 3 / c - x / 2), while the sum's own forms are made from it cancelled over c, and keep it.
tests/test_kept_fns.py checks on random nodes that SymPy's route keeps each node kept here.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

from mcdocgen import language as E
from mcdocgen.engine.abs_alone import held
from mcdocgen.engine.kept_powers import kept_with_powers
from mcdocgen.engine.monomial import AtomNames, NotMonomial
from mcdocgen.engine.native import name_atoms
from mcdocgen.engine.native_kept import kept as kept_native
from mcdocgen.engine.plain import INERT
from mcdocgen.engine.sum_content import factor_terms_of
from mcdocgen.language import Add, Div, Fn, Func, Mul, Neg, Node, Num, Pow, Var

_REPLACED = INERT - {Fn.SIGMOID}   # sigmoid: the logistic forms write it by exp
# functions that hold their argument as written to SymPy (eval takes no minus out of it)
_HELD = frozenset({Fn.LOG, Fn.HEAVISIDE, Fn.RELU, Fn.SOFTPLUS})
_ARGUMENTS = (Add, Neg, Mul, Div, Pow)
_TANGENTS = frozenset({Fn.SIN, Fn.SINH})      # in_tangents' substitutions
_LOGISTIC = frozenset({Fn.EXP, Fn.SIGMOID})   # _in_sigmoids' and the logistic forms'


def kept(node: Node, weight: Callable[[Node], tuple[int, int]], simplify: Callable[[Node], Node]) -> bool:
    """Whether SymPy's route is shown to keep ``node``: by native_kept, with its functions of expressions taken as atoms
    (the module's docstring), or with its power of a sum to a symbolic exponent as one (kept_powers.py); ``simplify``:
    the scalar simplifier (simplify_scalar)."""
    return kept_native(node, weight) or kept_as_atoms(node, simplify) or kept_with_powers(node, simplify)


def kept_as_atoms(node: Node, simplify: Callable[[Node], Node]) -> bool:
    """Whether ``node`` with each function of an expression an atom is kept by ``simplify``, each such argument
    being kept too (and free of minus signs where the function's eval would take one out)."""
    table: dict[Node, Var] = {}
    star = _replaced(node, table)
    if not table or sum(1 for n in E.walk(star) if isinstance(n, Var) and n in table.values()) > len(table):
        return False   # an atom twice: a candidate may hold it fewer times (-t t is -t^2), each time shorter
    if any(isinstance(n, Func) and n.fn in _TANGENTS for n in E.walk(node)):
        return False   # sin(a) = tan(a) cos(a) may cancel against a function replaced (sinh(a) / cosh(a) = tanh(a))
    if not _abs_held(node):
        return False   # |y - x| beside |x - y| (one generator to SymPy), or |2 x - 2 y| (2 |x - y|)
    for f in table:
        assert isinstance(f, Func)
        if any(isinstance(n, Func) and n.fn in _LOGISTIC for n in E.walk(f.arg)):
            return False   # the forms by sigmoids rewrite exps and sigmoids inside the argument too
        if f.fn not in _HELD and any(_minus(n) for n in E.walk(f.arg)):
            return False   # eval may take a minus out of the argument: the generator minus another
        signs = [_term_sign(t) for t in _flat_terms(f.arg)] if isinstance(f.arg, Add) else []
        if f.fn is Fn.HEAVISIDE and set(signs) != {True, False}:
            return False   # an argument of a sign SymPy knows (1 + x^2, -x y / 2 - |x|): heaviside evaluates or turns
        if signs and signs[0] is not False and False in signs:
            return False   # a sum led by a minus: SymPy writes a plus term first inside f, shorter (x y - y)
        if any(isinstance(n, (Mul, Div)) and isinstance(n.left, Num) and isinstance(n.right, Num) for n in E.walk(f.arg)):
            return False   # a number times a number (1 / 2 * 1): SymPy multiplies it out inside f, shorter
        if not signs and any(isinstance(n, Add) for n in E.walk(f.arg)) and any(isinstance(n, Div) for n in E.walk(f.arg)):
            return False   # a sum in a product over an atom (u (2 s + 3 c) / c): cancel inside f may take the
            #                denominator into the sum, u (2 s / c + 3), shorter (review s45)
        if signs and _taken_out(_flat_terms(f.arg)):
            return False   # factor_terms of the sum as it stands (cancel's first step, inside f): not among its own forms
        if simplify(f.arg) is not f.arg:
            return False   # SymPy's route rewrites the argument: a rewrite inside f may be shorter
    return simplify(star) is star


def _abs_held(node: Node) -> bool:
    """Whether each abs of a sum with a minus in ``node`` holds it as SymPy's Abs does (abs_alone.held)."""
    signed = [n for n in E.walk(node) if isinstance(n, Func) and n.fn is Fn.ABS and any(_minus(k) for k in E.walk(n.arg))]
    if not signed:
        return True
    names = AtomNames()
    try:
        name_atoms(node, names)
    except NotMonomial:
        return False
    return all(held(f, names) for f in signed)


def _minus(node: Node) -> bool:
    return isinstance(node, Neg) or (isinstance(node, Num) and node.value.is_nonnegative is not True)


def _flat_terms(node: Node) -> list[Node]:
    """The terms of a sum as SymPy's Add holds them: a sum within a sum taken apart (x + (y - z))."""
    return [t for term in node.terms for t in _flat_terms(term)] if isinstance(node, Add) else [node]


def _term_sign(term: Node) -> bool | None:
    """Whether SymPy holds ``term`` with a minus in front (True), without (False), or may hold it either way (None): the
    minus of each factor counted through products, quotients and whole powers (-c u / 2 and -(c u / 2) are one SymPy
    term); a function whose argument holds a minus may have one taken out (tanh(-u) is -tanh(u))."""
    match term:
        case Neg(arg=a):
            inner = _term_sign(a)
            return None if inner is None else not inner
        case Num(value=v):
            return None if v.is_negative is None else bool(v.is_negative)
        case Mul(left=a, right=b) | Div(left=a, right=b):
            left, right = _term_sign(a), _term_sign(b)
            return None if left is None or right is None else left != right
        case Pow(base=a, exp=Num(value=k)) if k.is_integer:
            return False if k.is_even else _term_sign(a)
        case Func(fn=Fn.ABS):
            return False   # |y - x| is Abs(x - y) to SymPy, never minus
        case Pow() | Func() | Add():
            return False if not any(_minus(n) for n in E.walk(term)) else None
    return False


def _taken_out(terms: list[Node]) -> bool:
    """Whether factor_terms may take a number or a factor out of a sum with a term over an atom (x y + 3 x / c: x out;
    2 x^2 + 2 y / c: 2 out). Inside a function cancel's first step writes the sum so, as it stands; the sum's own forms
    are made from it cancelled, over one denominator (x (...) / (2 c)), so that rewrite is not among them and may be
    shorter. Where no factor is in two terms, the number is sum_content's, from the coefficients alone."""
    parts = [_parts(t) for t in terms]
    if not any(below for _, _, below in parts):
        return False
    coeffs = [c for c, _, _ in parts]
    if any(c is None or c == 0 for c in coeffs) or any(a & b for i, (_, a, _) in enumerate(parts) for _, b, _ in parts[:i]):
        return True
    return factor_terms_of(tuple(c for c in coeffs if c is not None))[0] != 1


def _parts(term: Node) -> tuple[Fraction | None, set[Node], bool]:
    """A term's number (None where it is not a rational one), its factors (above and below), and whether an atom
    stands below."""
    match term:
        case Neg(arg=a):
            c, bases, below = _parts(a)
            return None if c is None else -c, bases, below
        case Num(value=v):
            return Fraction(int(v.p), int(v.q)) if v.is_Rational else None, set(), False
        case Mul(left=a, right=b) | Div(left=a, right=b):
            (c_a, bases_a, below_a), (c_b, bases_b, below_b) = _parts(a), _parts(b)
            c = None if c_a is None or c_b is None or (isinstance(term, Div) and c_b == 0) else (
                c_a / c_b if isinstance(term, Div) else c_a * c_b)
            return c, bases_a | bases_b, below_a or below_b or (isinstance(term, Div) and bool(bases_b))
        case Pow(base=a, exp=Num(value=k)):
            c, bases, below = _parts(a)
            whole = c ** int(k) if c is not None and k.is_integer is True and (c != 0 or k >= 0) else None
            return (whole if whole is not None else Fraction(1) if c == 1 else None), bases, below or (
                bool(bases) and k.is_negative is True)
    return Fraction(1), {term}, False


def _replaced(node: Node, table: dict[Node, Var]) -> Node:
    """``node`` with each function (of _REPLACED) of an expression an atom, the same function the same atom; the
    algebra around them rebuilt (functions of other kinds, and atoms, as they are)."""
    match node:
        case Func(fn=fn, arg=a) if fn in _REPLACED and isinstance(a, _ARGUMENTS):
            if node not in table:   # named apart from any variable ('~' begins no name the language reads)
                table[node] = Var(node.shape, f"~z{len(table)}")
            return table[node]
        case Add(terms=terms):
            return E.add(*(_replaced(t, table) for t in terms))
        case Neg(arg=a):
            return E.neg(_replaced(a, table))
        case Mul(left=a, right=b):
            return E.mul(_replaced(a, table), _replaced(b, table))
        case Div(left=a, right=b):
            return E.div(_replaced(a, table), _replaced(b, table))
        case Pow(base=a, exp=b):
            return E.power(_replaced(a, table), _replaced(b, table))
    return node
