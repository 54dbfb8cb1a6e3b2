"""Products, quotients and powers of scalar atoms in the engine's own algebra: the form the scalar
simplifier's SymPy route gives them, built without SymPy.

A subtree made of a rational number, atoms (matrix expressions, variables: what to_sympy names), inert functions of
atoms (log, tanh, cos, sigmoid ...), of products and of sums of atoms (sigmoid(y u), tanh(x - y): fn_sums.py), exp(c y u)
and exp(c u^k) of an atom u (c rational, k a positive integer: exp(-|x - a|^2 / 2) is exp(-1/2 u^2) of u = |x - a|),
multiplied, divided and raised to rational powers, is a monomial c g1^k1 g2^k2 ... . For such a monomial with integer
exponents (and 1/2, -1/2) SymPy's route is fixed: the expression is plain (plain.is_plain), its one candidate is
itself, and from_sympy writes it back as c (top / bottom), the factors in SymPy's sort order. That order is
default_sort_key's for these factors: the class of the base (a symbol before any function; functions by SymPy's class
key), then the name of the symbol (the function's argument's), then the exponent. Symbols are named as to_sympy names
them: a variable by its name, any other atom ``_atom<k>``, k its place among the atoms in the order to_sympy meets
them; generators.py holds the generators and writes the monomials. tests/test_monomial.py checks on random products
that this gives what SymPy's route gives.

Anything else (a sum, exp of anything but c u^k, a function of an expression, a power that SymPy would
write as an absolute value or a radical of a number) is not a monomial here: the caller takes SymPy's route.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import sympy

from mcdocgen import language as E
from mcdocgen.engine.abs_alone import alone as abs_alone, check_powers
from mcdocgen.engine.generators import HALF, Generator, Powers, Term, written, written_sum
from mcdocgen.engine.plain import ALGEBRA, INERT
from mcdocgen.engine.sign_of import sign_value
from mcdocgen.language import FUNCTIONS, Add, Div, Fn, Func, Mul, Neg, Node, Num, Pow, Var

_OPAQUE = frozenset(fn for fn in INERT if FUNCTIONS[fn].sympy_opaque)   # SymPy holds fn(u) as it is


class NotMonomial(Exception):
    """The subtree is not a monomial of this module's kind: SymPy's route decides."""


class AtomNames:
    """Symbol names as to_sympy's _Atoms gives them, in the order it meets the atoms."""

    def __init__(self, powers: bool = False) -> None:
        self.powers = powers   # symbolic powers of atoms read as generators (see with_powers), outside functions only
        self.lone = False   # such a power's exponent is 1/p - n (n > 0): with_powers takes it in a lone monomial only
        self.by_node: dict[Node, str] = {}
        self.by_name: dict[str, Node] = {}
        self.atoms = 0   # numbered apart from the variables, as _Atoms does: _atom10 sorts before _atom9
        self.abs_alone: frozenset[Node] = frozenset()   # abs nodes taken as generators (abs_alone.py)

    def name(self, node: Node) -> str:
        found = self.by_node.get(node)
        if found is not None:
            return found
        # a size is SymPy's symbol of its name (a positive integer), as a variable is its own; neither is an atom
        name = node.name if isinstance(node, Var) else str(node.value) if isinstance(node, Num) else f"_atom{self.atoms}"
        if name in self.by_name or (isinstance(node, Var) and name.startswith("_atom")):
            raise NotMonomial   # two atoms one symbol in SymPy: leave that to SymPy's route
        self.by_node[node], self.by_name[name] = name, node
        self.atoms += not isinstance(node, (Var, Num))
        return name


@dataclass(frozen=True, slots=True)
class Product:
    """SymPy's Mul of a monomial (not a number: SymPy distributes a number) and one sum, left unexpanded."""

    outer: Term
    inner: list[Term]


def terms(node: Node, names: AtomNames) -> list[Term]:
    """``node`` as SymPy's Add would hold it: its terms c g1^k1 ..., like terms collected, none zero, the
    atoms named in to_sympy's order (NotMonomial for a product with a sum in it: see value)."""
    found = value(node, names)
    if isinstance(found, Product):
        raise NotMonomial
    return found


def value(node: Node, names: AtomNames) -> list[Term] | Product:
    """``node`` as SymPy holds it: a sum of terms (one term: a monomial), or a monomial times one sum; a
    number times a sum distributed, as SymPy's Mul does, and nothing else multiplied out. Anything else
    (two sums in a product, a sum in a sum's term, a power of a sum) is NotMonomial."""
    if names.powers and isinstance(node, Func):   # exp(u**p), sign(u**p), f(u**p - v): SymPy's
        names.powers = False
        try:
            return value(node, names)
        finally:
            names.powers = True
    match node:
        case Num(value=v):
            if not v.is_Rational:   # sizes such as n (1 / n, a mean's): generators, of native_forms' own reading only
                if not names.powers:   # (the other routes take a number node for a number: native_sums.sums_alone)
                    raise NotMonomial
                return [size_term(v, names)]
            return collected([(Fraction(int(v.p), int(v.q)), {})])
        case Add(terms=parts):
            return collected([t for part in parts for t in terms(part, names)])
        case Neg(arg=a):
            found = value(a, names)
            if isinstance(found, Product):
                return Product((-found.outer[0], found.outer[1]), found.inner)
            return [(-c, p) for c, p in found]
        case Mul(left=a, right=b):
            return _multiplied(value(a, names), value(b, names), 1)
        case Div(left=a, right=b):
            return _multiplied(value(a, names), value(b, names), -1)
        case Pow(base=a, exp=Num(value=k)) if k.is_Rational:
            c, p = _single(value(a, names))
            k = Fraction(int(k.p), int(k.q))
            if k.denominator == 1:
                return collected([(c ** int(k), _exp_up({g: e * k for g, e in p.items()}) if k else {})])
            if c == 1 and len(p) == 1 and next(iter(p.values())) == 1:
                return [(Fraction(1), {next(iter(p)): k})]   # a root of a generator (of anything else: |u|, sqrt(2))
            raise NotMonomial
        case Func(fn=Fn.SQRT, arg=a):
            c, p = _single(value(a, names))
            if c == 1 and len(p) == 1 and next(iter(p.values())) == 1:
                return [(Fraction(1), {next(iter(p)): HALF})]
            raise NotMonomial
        case Func(fn=Fn.ABS, arg=a) if node in names.abs_alone:   # |x - y| found nowhere else: abs_alone.py
            return [(Fraction(1), {Generator(names.name(a), Fn.ABS, a): Fraction(1)})] if not isinstance(
                a, ALGEBRA) else sign_value(a, names, Fn.ABS)
        case Func(fn=fn, arg=a) if fn in INERT and not isinstance(a, ALGEBRA):
            return [(Fraction(1), {Generator(names.name(a), fn, a): Fraction(1)})]
        case Func(fn=fn, arg=Func(fn=inner, arg=a)) if fn in INERT and inner in _OPAQUE and not isinstance(a, ALGEBRA):
            return [(Fraction(1), {Generator(names.name(a), fn, a, inner=inner): Fraction(1)})]
        case Func(fn=fn, arg=Mul(left=Num(value=c), right=a)) if fn in INERT - {Fn.LOG} and not isinstance(a, ALGEBRA) and (
                c.is_Rational and c > 0 and c != 1):   # sigmoid(2 u): to SymPy a generator as sigmoid(u) is (log(2 u) splits)
            return [(Fraction(1), {Generator(names.name(a), fn, a, Fraction(int(c.p), int(c.q))): Fraction(1)})]
        case Func(fn=fn, arg=a) if fn is Fn.SIGN or (fn in INERT and isinstance(a, Add)):   # sign(u), tanh(x - y)
            return sign_value(a, names, fn)
        case Func(fn=Fn.EXP, arg=a):   # exp(c u^k) of an atom u, k a positive integer; exp(c y u) of atoms
            c, p = _single(value(a, names))
            if len(p) > 1:
                product = product_atom(p)
                return [(Fraction(1), {Generator(product.name, Fn.EXP, product.atom, c): Fraction(1)})]
            if len(p) != 1:
                raise NotMonomial
            (g, k), = p.items()
            if k < 1 or k.denominator != 1 or g.fn is not None:
                raise NotMonomial
            return [(Fraction(1), {Generator(g.name, Fn.EXP, g.atom, c, k): Fraction(1)})]
        case Func(fn=fn, arg=Mul() | Div() as a) if fn in INERT - {Fn.LOG} or isinstance(a, Div):   # log(x / y) too
            return [(Fraction(1), {of_product(fn, a, names): Fraction(1)})]
        case Pow(base=a, exp=e) if names.powers and not isinstance(a, ALGEBRA) and not isinstance(e, Num):
            name = names.name(a)   # to_sympy meets the base before the exponent
            exponent = _expanded(value(e, names))   # cancel multiplies an exponent out: (1 - p) / p is 1/p - 1
            if not _on_top(exponent):
                raise NotMonomial
            names.lone |= _minus_reciprocal(exponent)
            return [(Fraction(1), {Generator(name, None, a, exponent=written_sum(exponent)): Fraction(1)})]
        case Func() | Pow():
            raise NotMonomial
    return [(Fraction(1), {Generator(names.name(node), None, node): Fraction(1)})]


def size_term(v: sympy.Expr, names: AtomNames) -> Term:
    """A number that is a rational times whole powers of sizes (n, 1 / n, 2 m) as SymPy's Mul holds it, each size a
    generator (SymPy's positive integer symbol of its name, written back as the number it is); NotMonomial for any
    other (a size to a fraction or inside a sum)."""
    coeff, rest = v.as_coeff_Mul()
    if not coeff.is_Rational:
        raise NotMonomial
    powers: Powers = {}
    for f in sympy.Mul.make_args(rest):
        base, k = f.as_base_exp()
        if not (base.is_Symbol and k.is_Integer):
            raise NotMonomial
        size = E.num(base)
        powers[Generator(names.name(size), None, size)] = Fraction(int(k))
    return Fraction(int(coeff.p), int(coeff.q)), powers


def with_powers(node: Node) -> list[Term] | Product:
    """value of ``node`` with an atom to a symbolic exponent (u**p, u**(p - 1), the power rule of a variable exponent;
    u**(1/p), a p-norm) one more generator, as SymPy's polynomials hold it where its exponent is an atom or its
    reciprocal plus a number and could extract no minus sign (_on_top). NotMonomial where SymPy's route would
    see more than that generator: such a power below the line or not to the first power, beside its base or another
    power of it (Mul merges u u**p; factor_terms takes u**(p - 1) out of u**p), two to one exponent (powsimp may join
    them), an exp beside it (powsimp joins exp(p) u**p as (e u)**p), or in both a product's monomial and its sum
    (multiplied out, u**p u**p merges)."""
    names = AtomNames(powers=True)
    names.abs_alone = abs_alone(node)
    found = value(node, names)
    if names.lone and (isinstance(found, Product) or len(found) > 1):
        raise NotMonomial
    every = [found.outer, *found.inner] if isinstance(found, Product) else found
    if names.abs_alone and not check_powers(every):
        raise NotMonomial   # |a|^2 is a^2 to SymPy
    pairs = [(g, k) for _, p in every for g, k in p.items()]
    symbolic = {g for g, _ in pairs if g.exponent is not None}
    if not symbolic:
        return found
    if any(k != 1 for g, k in pairs if g in symbolic) or any(g.fn is Fn.EXP for g, _ in pairs):
        raise NotMonomial
    bases = {g.name for g in symbolic}
    if len(bases) < len(symbolic) or len({g.exponent for g in symbolic}) < len(symbolic) or any(
            g.fn is None and g not in symbolic and g.name in bases for g, _ in pairs):
        raise NotMonomial
    if isinstance(found, Product) and any(g in found.outer[1] and any(g in p for _, p in found.inner) for g in symbolic):
        raise NotMonomial
    return found


def _on_top(exponent: list[Term]) -> bool:
    """A symbolic exponent SymPy keeps on top in a monomial: p + n or 1/p + n, p an atom (factor_terms takes u**(1 - p)
    below the line as u**(p - 1); u**(1/p - 1) too, but in a sum only: _minus_reciprocal)."""
    rest = [(c, p) for c, p in exponent if p]
    if len(rest) != 1 or rest[0][0] != 1 or len(rest[0][1]) != 1:
        return False
    (g, k), = rest[0][1].items()
    return g.fn is None and g.exponent is None and k in (1, -1)


def _minus_reciprocal(exponent: list[Term]) -> bool:
    """Whether an exponent _on_top is 1/p + n with n negative (the power rule of u**(1/p): u**((1 - p) / p)): alone in
    a monomial SymPy's forms hold it as cancel multiplies it out, 1/p - 1; in a sum, factor_terms may take it below the
    line (u**(1/p - 1) + 1 as u**(1/p - 1) (u**(1 - 1/p) + 1)), and SymPy's route decides."""
    return any(p.get(g, 0) < 0 for _, p in exponent for g in p) and any(c < 0 for c, p in exponent if not p)


def _expanded(found: list[Term] | Product) -> list[Term]:
    """The terms of a value, a monomial times a sum multiplied out."""
    if not isinstance(found, Product):
        return found
    c, outer = found.outer
    return collected([(c * ci, powers_times(outer, p, 1)) for ci, p in found.inner])


def of_product(fn: Fn, arg: Mul | Div, names: AtomNames) -> Generator:
    """fn(y u), an inert function of a product of distinct atoms (sigmoid(y dot(w, x)), logistic regression), or of
    a quotient of them (log(x / y)): to SymPy's cancel and factor one more generator, as fn(u) is, its argument
    written in SymPy's order; NotMonomial for a number or another power in the argument (a sign to take out of an
    odd function, log's splitting: SymPy's)."""
    c, p = _single(value(arg, names))
    if c != 1:
        raise NotMonomial
    product = product_atom(p, quotient=isinstance(arg, Div))
    return Generator(product.name, fn, product.atom)


def product_atom(p: Powers, quotient: bool = False) -> Generator:
    """The product of distinct atoms ``p`` (two at least; a ``quotient``'s to the power -1 besides) as one atom,
    written in SymPy's order; NotMonomial for anything else. Its name orders it as SymPy's Mul key does: after a
    multiple of an atom (f(2 u): a Symbol's class to SymPy, f(c u) a Mul's), then by its number of factors, their
    names and exponents (each name ended by a mark below any name's characters: ')' for -1 before '*' for 1)."""
    if len(p) < 2 or any(g.fn is not None or k not in ((1, -1) if quotient else (1,)) for g, k in p.items()) or (
            all(k < 0 for k in p.values())):
        raise NotMonomial
    factors = sorted((g.name, k) for g, k in p.items())
    return Generator(f"~{len(p)}:" + "".join(name + ("*" if k > 0 else ")") for name, k in factors), None,
                     written(Fraction(1), p))


def _single(found: list[Term] | Product) -> Term:
    if isinstance(found, Product) or len(found) != 1 or found[0][0] == 0:
        raise NotMonomial
    return found[0]


def _multiplied(a: list[Term] | Product, b: list[Term] | Product, sign: int) -> list[Term] | Product:
    """a b (sign 1) or a / b (sign -1): monomials multiply; a monomial times a sum is a Product, a number
    times a sum the sum's terms times the number (SymPy's Mul distributes it); a sum over anything but a
    monomial, and two sums in a product, are NotMonomial."""
    if isinstance(b, Product):
        if sign < 0:
            raise NotMonomial   # over a sum: a power of a sum
        a, b = b, a
    if isinstance(b, Product):
        raise NotMonomial   # two sums in a product
    if sign < 0 or len(b) == 1:
        cb, pb = _single(b)
        if sign < 0:
            cb, pb = 1 / cb, _exp_up({g: -k for g, k in pb.items()})
        if isinstance(a, Product):
            return _product_of((a.outer[0] * cb, powers_times(a.outer[1], pb, 1)), a.inner)
        if len(a) == 1:
            return collected([(a[0][0] * cb, powers_times(a[0][1], pb, 1))])
        return _product_of((cb, pb), a)
    if isinstance(a, Product):
        raise NotMonomial
    return _product_of(_single(a), b)


def _product_of(outer: Term, inner: list[Term]) -> list[Term] | Product:
    """outer times the sum of ``inner``: a Product, or the sum's terms times a number."""
    c, powers = outer
    if powers:
        return Product(outer, inner)
    return [(c * ci, p) for ci, p in inner]


def collected(found: list[Term]) -> list[Term]:
    """Like terms added, zeros left out, as SymPy's Add.flatten does (at least one term: 0 is NotMonomial)."""
    if len(found) == 1:
        if not found[0][0]:
            raise NotMonomial
        return found
    by_powers: dict[frozenset[tuple[Generator, Fraction]], Term] = {}
    for c, p in found:
        key = frozenset(p.items())
        if key in by_powers:
            c += by_powers[key][0]
        by_powers[key] = (c, p)
    out = [t for t in by_powers.values() if t[0] != 0]
    if not out:
        raise NotMonomial
    return out


def powers_times(a: Powers, b: Powers, sign: int) -> Powers:
    if not b:
        return a
    if not a and sign > 0:
        return b
    out = dict(a)
    for g, k in b.items():
        total = out.get(g, 0) + sign * k
        if total:
            out[g] = total
        else:
            out.pop(g, None)
    return _exp_up(out)


def _exp_up(powers: Powers) -> Powers:
    """1 / exp(a) as SymPy holds it, exp(-a): an exp to the power -1 turned into exp of the negated argument."""
    if not any(g.fn is Fn.EXP and k == -1 for g, k in powers.items()):
        return powers
    out: Powers = {}
    for g, k in powers.items():
        if g.fn is Fn.EXP and k == -1:
            g, k = Generator(g.name, g.fn, g.atom, -g.scale, g.power), -k
        total = out.get(g, 0) + k   # exp(a) / exp(-a): exp(a)^2, which plain() leaves to SymPy (exp(2 a))
        if total:
            out[g] = total
        else:
            out.pop(g, None)
    return out


def written_form(node: Node) -> Node:
    """``node`` as from_sympy writes SymPy's form of it; NotMonomial where ``node`` is no monomial of this module's
    kind, or has an exponent other than an integer or a half; ExprError where shapes do not meet, as from_sympy's."""
    c, powers = _single(terms(node, AtomNames()))
    if not plain(powers, roots=True):
        raise NotMonomial
    return written(c, powers)


def plain(powers: Powers, roots: bool = False) -> bool:
    """plain.is_plain of a monomial: integer powers (and square roots, and their reciprocals) of generators, and one
    exp at most, to the first power, of an atom found nowhere else in it (two would merge); with ``roots``, odd halves
    too: SymPy's route keeps a lone g / t^(3/2) (radsimp's g sqrt(t) / t^2 is longer), not a sum's (cancel)."""
    powers = {g: Fraction(k.numerator) if roots and k.denominator == 2 and g.fn is not Fn.EXP else k for g, k in powers.items()}
    exps = [g for g in powers if g.fn is Fn.EXP]
    if len(exps) > 1 or (exps and (powers[exps[0]] != 1 or any(g.name == exps[0].name for g in powers if g is not exps[0]))):
        return False
    return all(k.denominator == 1 or abs(k) == HALF for k in powers.values())


def exp_in_all(found: list[Term]) -> bool:
    """Every term has one exp, the same, to the first power, and its atom besides only as itself (u exp(u) + exp(u)):
    written by sigmoids (exp(u) = s / (1 - s)) such a sum is longer, so SymPy's candidates are those with exp(u)
    one more generator."""
    exps = {g for _, p in found for g in p if g.fn is Fn.EXP}
    e = next(iter(exps)) if len(exps) == 1 else None
    return e is not None and all(p.get(e) == 1 for _, p in found) and all(
        g == e or g.fn is None or g.name != e.name for _, p in found for g in p)
