"""The logistic candidate (logistic.sigmoid_form) built without SymPy, for expressions in exp(u) and exp(-u)
of one atom u, or of one product of distinct atoms (logistic regression's exp(-y dot(w, x))): the same K P
algebra over the node itself, and the form written as from_sympy writes it.

SymPy's route reaches logistic.py for an expression with exp that is not plain (a plain product with one
exp is native.py's). The algebra's value does not depend on the path it is computed by, but SymPy's
form of the expression does in two ways that matter: exps in one product merge (exp(u) exp(u) =
exp(2 u), a new base), and exps or sigmoids may cancel. So a product (of the node, not inside a sum or a
function) with two exps, or exp to a power other than 1 and -1, is left to SymPy's route, and so is any
expression with a sigmoid that is not a monomial (monomial.value says which), the one kind of mixed
expression whose candidates (the form and the expression itself) are known here. Anything else the
algebra does not take raises NotMonomial. tests/test_native_logistic.py checks on random expressions that
both routes give the same answer.
"""

from __future__ import annotations

from fractions import Fraction

from mcdocgen import language as E
from mcdocgen.engine.logistic import MAX_POWER, ExpAlgebra, Unsupported
from mcdocgen.engine.generators import Generator, written, written_with_sum
from mcdocgen.engine.monomial import AtomNames, NotMonomial, Product, of_product, product_atom, value
from mcdocgen.engine.native import Form, name_atoms
from mcdocgen.engine.plain import ALGEBRA, INERT
from mcdocgen.language import Add, Div, Fn, Func, Mul, Neg, Node, Num, Pow


def logistic_forms(node: Node) -> tuple[Form, ...]:
    """The candidates SymPy's route would weigh for ``node`` by logistic.py; NotMonomial where not known."""
    names = AtomNames()
    base = _base(node, names)
    s = Generator(base.name, Fn.SIGMOID, base.atom)
    mixed = any(isinstance(n, Func) and n.fn is Fn.SIGMOID for n in E.walk(node))
    e = None
    if mixed:   # the expression itself is a candidate, and must be a monomial (a sum in it: SymPy's route)
        found = value(node, AtomNames())
        if isinstance(found, Product) or len(found) != 1 or not any(g.fn is Fn.SIGMOID for g in found[0][1]):
            raise NotMonomial
        e = found[0]
    algebra = ExpAlgebra(None, s)   # the generators are native.py's, not SymPy's
    try:
        k, p = _convert(node, algebra, names, base)
    except (Unsupported, ZeroDivisionError) as exc:
        raise NotMonomial from exc
    i, j = k.get(0, 0), k.get(-1, 0)
    if len(p) != 1 or any(next(iter(p))) or j not in (0, 1) or i + j == 0 or (i < 0 and j):
        raise NotMonomial   # sigmoid_form gives None: SymPy's cancel decides
    coeff = next(iter(p.values()))
    powers = {algebra.gens[n]: Fraction(m) for n, m in k.items() if n >= 0}
    form: Form = (lambda: written(coeff, powers)) if not j else (lambda: _with_binomial(coeff, powers, s))
    if e is not None:
        c, ep = e
        return form, lambda: written(c, ep)
    return (form,)


def _with_binomial(coeff: Fraction, powers: dict[Generator, Fraction], s: Generator) -> Node:
    """_keep_coeff(|c|, gens (1 - s)) (or (s - 1) for c < 0) as from_sympy writes it: 1 - s after every factor
    (it could extract a minus sign), s - 1 after the symbols and before the functions."""
    one, minus = (Fraction(1), Fraction(-1)) if coeff > 0 else (Fraction(-1), Fraction(1))
    return written_with_sum(abs(coeff), powers, ([(one, {}), (minus, {s: Fraction(1)})], coeff > 0))


def _base(node: Node, names: AtomNames) -> Generator:
    """The atom u (or product of atoms y u, as one) of every exp(u) and exp(-u) in ``node`` (NotMonomial where
    there is none, or another argument); atoms named in to_sympy's order."""
    name_atoms(node, names)
    found: Generator | None = None
    for n in E.walk(node):
        if isinstance(n, Func) and n.fn is Fn.EXP:
            _, arg = _exp_argument(n.arg, names)
            if found is not None and arg != found:
                raise NotMonomial
            found = arg
    if found is None:
        raise NotMonomial
    return found


def _exp_argument(a: Node, names: AtomNames) -> tuple[int, Generator]:
    """exp(a) as exp(sign u): the sign, and u, an atom or a product of atoms (SymPy's order); else NotMonomial."""
    if not isinstance(a, ALGEBRA):
        return 1, Generator(names.name(a), None, a)
    if isinstance(a, Neg) and not isinstance(a.arg, ALGEBRA):
        return -1, Generator(names.name(a.arg), None, a.arg)
    found = value(a, names)
    if isinstance(found, Product) or len(found) != 1 or abs(found[0][0]) != 1:
        raise NotMonomial
    return int(found[0][0]), product_atom(found[0][1])


Value = tuple[dict[int, int], dict[tuple[int, ...], Fraction]]


def _convert(node: Node, algebra: ExpAlgebra, names: AtomNames, base: Generator, product: bool = False) -> Value:
    """logistic.ExpAlgebra.convert over the node; ``product``: inside a product of the node (where two exps
    would merge in SymPy)."""
    match node:
        case Num(value=v):
            return ({}, {}) if v == 0 else ({}, {(): Fraction(int(v.p), int(v.q))})
        case Add(terms=terms):
            out: Value = ({}, {})
            for t in terms:
                out = algebra.add(out, _convert(t, algebra, names, base))
            return out
        case Neg(arg=a):
            return algebra.mul(({}, {(): Fraction(-1)}), _convert(a, algebra, names, base, product))
        case Mul(left=a, right=b) | Div(left=a, right=b):
            if _exps_in_product(node) > 1:
                raise NotMonomial   # they merge in SymPy: exp(u) exp(u) = exp(2 u)
            x = _convert(a, algebra, names, base, True)
            y = _convert(b, algebra, names, base, True)
            return algebra.mul(x, y if isinstance(node, Mul) else algebra.power(y, -1))
        case Pow(base=a, exp=Num(value=k)) if k.is_Integer and abs(int(k)) <= MAX_POWER:
            if _exps_in_product(a) and abs(int(k)) != 1:
                raise NotMonomial   # exp(u)**2 = exp(2 u) in SymPy
            return algebra.power(_convert(a, algebra, names, base, True), int(k))
        case Func(fn=Fn.EXP, arg=a):
            sign, _ = _exp_argument(a, names)
            return ({0: -1, -1: 1}, {(): Fraction(1)}) if sign < 0 else ({0: 1, -1: -1}, {(): Fraction(1)})
        case Func(fn=fn, arg=a) if fn in INERT and (not isinstance(a, ALGEBRA) or isinstance(a, Mul)):
            g = Generator(names.name(a), fn, a) if not isinstance(a, Mul) else of_product(fn, a, names)
            if isinstance(a, Mul) and (g.name, g.atom) != (base.name, base.atom):
                raise NotMonomial   # fn(c d) beside exp(-c): SymPy's substitution may not keep it one generator
            if fn is Fn.SIGMOID and (g.name, g.atom) == (base.name, base.atom):
                return {0: 1}, {(): Fraction(1)}
            return {algebra.gen(g): 1}, {(): Fraction(1)}
        case Func() | Pow():
            raise NotMonomial
    return {algebra.gen(Generator(names.name(node), None, node)): 1}, {(): Fraction(1)}


def _exps_in_product(node: Node) -> int:
    """exp factors of the product ``node`` (through products, quotients, negations and powers; not in sums
    or function arguments)."""
    match node:
        case Mul(left=a, right=b) | Div(left=a, right=b):
            return _exps_in_product(a) + _exps_in_product(b)
        case Neg(arg=a) | Pow(base=a):
            return _exps_in_product(a)
        case Func(fn=Fn.EXP):
            return 1
    return 0
