"""Sums with products of sums in their terms (s + s (1 - s) u, swish's derivative), without SymPy: the candidate
forms of SymPy's route, and the common factors taken out as a textbook writes them.

value (monomial.py) takes one sum in a product and no sum in a sum's term, so such a node went SymPy's route,
whose candidates all start from cancel's polynomial: for a polynomial (no sum in a denominator) that is the node
multiplied out, whatever way the node is written. So the node is multiplied out here (``expanded``), atoms named
as to_sympy names them, and native.forms_of gives the candidates SymPy's route would weigh, or NotMonomial where
they are not known (a factorisation factor could find, exp in a sum ...): SymPy's route then decides.

SymPy never writes a factor inside a sum's term, so none of its candidates is the textbook's
s (1 + u (1 - s)): ``common_factored`` adds it, the factors common to every term of a sum (the same subtree, to
the least power) written in front of it, the rest of each term in the order it had. It is weighed with the
others, and kept only where it is the shortest. tests/test_native_nested.py checks on random nested sums that
without it the answer is SymPy's route's, and with it never longer.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterator
from fractions import Fraction

from mcdocgen import language as E
from mcdocgen.engine.laurent import MAX_TERMS, irreducible
from mcdocgen.engine.generators import (Generator, Term, num_node, product_node, written as written_one, written_sum,
                                        written_with_sum)
from mcdocgen.engine.monomial import AtomNames, NotMonomial, Product, collected, powers_times, value
from mcdocgen.engine.native import Form, forms_of
from mcdocgen.errors import ExprError
from mcdocgen.language import Add, Div, Fn, Func, Mul, Neg, Node, Num, Pow

MAX_POWER = 3   # a sum to a whole power up to this is multiplied out (cancel does; past it SymPy decides)


def nested_forms(node: Node, weight: Callable[[Node], tuple[int, int]]) -> tuple[Form, ...]:
    """The candidates SymPy's route would weigh for ``node`` and the common factors taken out; NotMonomial
    where SymPy's are not known here. ``weight``: the simplifier's measure of a form (size, repeats)."""
    if not _nested(node):
        raise NotMonomial   # a sum below a line, or no sum in a sum's term nor two in a product: not this module's
    found = expanded(node, AtomNames())
    try:
        forms = forms_of(found, node)
    except NotMonomial:
        if not _kept_product(node, found, weight):
            raise
        forms = ()
    factored = common_factored(node)
    if factored is None:
        return forms
    forms = tuple(functools.cache(f) for f in forms)   # written once, for shortest and for the simplifier

    def shortest() -> Node:
        """The common factors taken out, where that is shorter than the node and every other form: as short as one
        of them, it could win by its text, and the answer is SymPy's route's (ValueError: _best_of passes it by)."""
        size = weight(factored)[0]
        for other in (lambda: node, *forms):
            try:
                other_size = weight(other())[0]
            except (ValueError, TypeError, KeyError, ExprError):
                continue
            if other_size <= size:
                raise ValueError("not the shortest form")
        return factored
    return (*forms, shortest)


def _kept_product(node: Node, found: list[Term], weight: Callable[[Node], tuple[int, int]]) -> bool:
    """Whether SymPy's route would keep ``node``, a positive number times a monomial (no quotient) times two or
    more sums (s (1 - s) (1 - 2 s), sigmoid's second derivative), each written as SymPy writes it, irreducible
    (laurent.irreducible), with whole coefficients and no content, no more minus than plus signs, no two the same
    up to sign, and none lighter turned round. Then factor gives these sums back (maybe turned round: never
    lighter, and an odd number of them puts a minus in front), and cancel's polynomial multiplied out and
    factor_terms' form of it, weighed here, are SymPy's other candidates."""
    coeff, factors = _parts(node)
    sums = [f for f in factors if isinstance(f, Add)]
    if coeff <= 0 or len(sums) < 2 or any(k < 0 or (isinstance(f, Add) and k != 1) for f, k in factors.items()):
        return False
    if any(isinstance(n, Func) and n.fn is Fn.EXP for n in E.walk(node)):
        return False   # exp by sigmoids: exp(d) (1 - sigmoid(d)) = sigmoid(d)
    names = AtomNames()
    seen: set[frozenset[tuple[frozenset[tuple[Generator, Fraction]], Fraction]]] = set()
    written: list[Node] = []
    for s in sums:
        try:
            terms = value(s, names)
        except NotMonomial:
            return False
        if isinstance(terms, Product) or len(terms) < 2 or written_sum(terms) != s or not _prime_sum(terms):
            return False   # (written as SymPy writes it: factor's form of it is no lighter than the node's)
        if weight(written_sum([(-c, p) for c, p in terms])) < weight(s):
            return False   # turned round it is lighter (s + -2 d, 2 d - s): factor may turn it
        key = frozenset((frozenset(p.items()), c) for c, p in terms)
        turned = frozenset((p, -c) for p, c in key)
        if key in seen or turned in seen:
            return False
        seen.add(key)
        written.append(written_sum(terms))
    try:
        (c, powers), = _terms(value(product_node([f if k == 1 else E.power(f, num_node(Fraction(k)))
                                              for f, k in factors.items() if not isinstance(f, Add)]), names))
    except (NotMonomial, ValueError):
        return False
    # factor's form: the monomial and the sums as SymPy writes them (d**2, not d * d), each sum maybe turned round
    monomial = [] if not powers and coeff * c == 1 else [written_one(coeff * c, powers)]
    factored = product_node(monomial + written)
    bound = weight(node)
    return all(weight(form) >= bound for form in (factored, written_sum(found), _content_out(found)))


def _prime_sum(terms: list[Term]) -> bool:
    """Whole coefficients without content, no more minus than plus, no generator in every term, irreducible."""
    if any(c.denominator != 1 for c, _ in terms) or math.gcd(*(int(c) for c, _ in terms)) != 1:
        return False
    if 2 * sum(c < 0 for c, _ in terms) > len(terms):
        return False
    if any(k < 0 or k.denominator != 1 for _, p in terms for k in p.values()):
        return False
    common = set.intersection(*(set(p) for _, p in terms))
    return not common and irreducible(terms)


def _content_out(found: list[Term]) -> Node:
    """factor_terms' form of the sum of these terms (whole powers): content times the common monomial times the
    rest, in an order of its own (the size is what is weighed)."""
    whole = all(c.denominator == 1 for c, _ in found)
    content = Fraction(math.gcd(*(int(c) for c, _ in found))) if whole else Fraction(1)
    if all(c < 0 for c, _ in found):
        content = -content
    common = {g: min(p.get(g, Fraction(0)) for _, p in found) for g in found[0][1]}
    common = {g: k for g, k in common.items() if k > 0}
    rest = [(c / content, {g: k - common.get(g, 0) for g, k in p.items() if k != common.get(g, 0)}) for c, p in found]
    return written_with_sum(content, common, (rest, False))


def _nested(node: Node) -> bool:
    """Whether ``node`` has a sum in a product that is a sum's term, or two sums in one product, and no sum below
    a line (seen on the tree before anything is multiplied out: most nodes the simplifier meets here have none).
    Inside an atom or a function nothing counts: to value() it is one generator ((x - a) / norm(x - a) + ...)."""
    found = False
    for n in algebra(node):
        if isinstance(n, Div) and any(isinstance(m, Add) for m in algebra(n.right)):
            return False
        if isinstance(n, Add):
            found = found or any(_sums_in_product(t) for t in n.terms)
        elif isinstance(n, Mul):
            found = found or _sums_in_product(n) >= 2
    return found


def algebra(node: Node) -> Iterator[Node]:
    """The nodes of ``node``'s sums, products, quotients, negations and powers, and the nodes they hold (the
    functions and atoms among them); no node inside those (an atom's, a function's)."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        if isinstance(n, (Add, Neg, Mul, Div, Pow)):
            stack.extend(reversed(n.children()))


def _sums_in_product(node: Node) -> int:
    """The sums among the factors of the product ``node`` (through products, negations, numerators, powers)."""
    match node:
        case Mul(left=a, right=b):
            return _sums_in_product(a) + _sums_in_product(b)
        case Neg(arg=a) | Div(left=a) | Pow(base=a):
            return _sums_in_product(a)
        case Add():
            return 1
    return 0


def expanded(node: Node, names: AtomNames) -> list[Term]:
    """``node`` multiplied out, as cancel's polynomial holds it: its terms, like terms collected; NotMonomial for
    a sum in a denominator, a sum to a power that is not small and whole, or more than MAX_TERMS terms.
    Visited left to right, outside in, as to_sympy visits it (the atoms' names follow)."""
    match node:
        case Add(terms=parts):
            return bounded(collected([t for part in parts for t in expanded(part, names)]))
        case Neg(arg=a):
            return [(-c, p) for c, p in expanded(a, names)]
        case Mul(left=a, right=b):
            return _times(expanded(a, names), expanded(b, names), 1)
        case Div(left=a, right=b):
            return _times(expanded(a, names), expanded(b, names), -1)
        case Pow(base=a, exp=Num(value=k)) if k.is_Integer and 2 <= int(k) <= MAX_POWER:
            base = expanded(a, names)
            if len(base) == 1:
                return _terms(value(node, names))
            out = base
            for _ in range(int(k) - 1):
                out = _times(out, base, 1)
            return out
    return _terms(value(node, names))


def _terms(found: list[Term] | Product) -> list[Term]:
    if isinstance(found, Product):
        c, outer = found.outer
        return [(c * ci, powers_times(outer, p, 1)) for ci, p in found.inner]
    return found


def _times(a: list[Term], b: list[Term], sign: int) -> list[Term]:
    """a b (sign 1) or a / b (sign -1, b a monomial)."""
    if sign < 0:
        if len(b) != 1:
            raise NotMonomial   # over a sum: cancel's denominator is no monomial
        (cb, pb), = b
        return [(c / cb, powers_times(p, pb, -1)) for c, p in a]
    return terms_product(a, b, MAX_TERMS)


def terms_product(a: list[Term], b: list[Term], limit: int) -> list[Term]:
    """a b multiplied out and collected; NotMonomial past ``limit`` terms (SymPy's route decides then)."""
    if len(a) * len(b) > 4 * limit:
        raise NotMonomial
    return bounded(collected([(ca * cb, powers_times(pa, pb, 1)) for ca, pa in a for cb, pb in b]), limit)


def bounded(found: list[Term], limit: int = MAX_TERMS) -> list[Term]:
    if len(found) > limit:
        raise NotMonomial
    return found


# ---------------------------------------------------------------- the textbook's form

Factors = dict[Node, int]   # a subtree and its whole power, in the order met


def common_factored(node: Node) -> Node | None:
    """``node`` (a sum, or a product with sums among its factors) with the factors common to every term of each
    such sum taken out in front of it (a number too: the terms' whole content, a minus where every term has
    one); None where no sum has one. Each sum's terms keep their order, each term its factors' order, sums
    after the other factors (s (1 + u (1 - s))); like terms added in every sum, as SymPy's Add adds them."""
    coeff, factors, _ = _collected(node)
    if not coeff:
        return None   # SymPy's forms have the 0
    out: Factors = {}
    sums: list[Node] = []
    found = False
    for f, k in factors.items():
        taken = _taken_out(f) if isinstance(f, Add) and k == 1 else None
        if taken is None:
            _put(out, sums, f, k)
            continue
        found = True
        content, common, rest = taken
        coeff *= content
        for g, m in common.items():
            _put(out, sums, g, m)
        sums.append(rest)
    if not found:
        return None
    form = _written(coeff, [*_powers(out), *sums])
    return form if form.shape == node.shape else None   # x - x added up: d + d (d + x - x) is no vector


def _put(out: Factors, sums: list[Node], f: Node, k: int) -> None:
    if isinstance(f, Add) and k == 1:
        sums.append(f)
    else:
        out[f] = out.get(f, 0) + k


def _parts(node: Node) -> tuple[Fraction, Factors]:
    """``node`` as a number times factors (subtrees that are no product, quotient, negation or whole power)."""
    match node:
        case Num(value=v) if v.is_Rational:
            return Fraction(int(v.p), int(v.q)), {}
        case Neg(arg=a):
            c, fs = _parts(a)
            return -c, fs
        case Mul(left=a, right=b) | Div(left=a, right=b):
            ca, fa = _parts(a)
            cb, fb = _parts(b)
            if isinstance(node, Div):
                if cb == 0:
                    raise NotMonomial
                cb, fb = 1 / cb, {f: -k for f, k in fb.items()}
            out = dict(fa)
            for f, k in fb.items():
                out[f] = out.get(f, 0) + k
            return ca * cb, {f: k for f, k in out.items() if k}
        case Pow(base=a, exp=Num(value=k)) if k.is_Integer and not isinstance(a, (Mul, Div, Neg, Num)):
            return Fraction(1), {a: int(k)}
    return Fraction(1), {node: 1}


def _collected(node: Node) -> tuple[Fraction, Factors, bool]:
    """_parts of ``node`` with the like terms of each sum among its factors added, at every depth (d (c + c):
    2 c d, as SymPy's Add holds it; 0 for a factor that adds up to 0); and whether that changed a sum."""
    coeff, factors = _parts(node)
    out: Factors = {}
    changed = False
    for f, k in factors.items():
        if isinstance(f, Add):
            terms, moved = _like_terms_added(f)
            if moved:
                if not terms:
                    return Fraction(0), {}, True   # a factor that adds up to 0
                changed = True
                if len(terms) == 1:   # a monomial: its number and factors join the product's
                    c, fs = terms[0]
                    coeff *= c ** k
                    for g, m in fs.items():
                        out[g] = out.get(g, 0) + m * k
                    continue
                f = E.add(*(_written(c, _powers(fs)) for c, fs in terms))
        out[f] = out.get(f, 0) + k
    return coeff, {f: k for f, k in out.items() if k}, changed


def _like_terms_added(s: Add) -> tuple[list[tuple[Fraction, Factors]], bool]:
    """The terms of ``s`` taken apart (_collected), like terms added in the place of the first, zeros left out;
    and whether that changed anything."""
    merged: dict[frozenset[tuple[Node, int]], tuple[Fraction, Factors]] = {}
    changed = False
    for scale, t in _flat_terms(s, Fraction(1)):
        c, fs, inner = _collected(t)
        c *= scale
        key = frozenset(fs.items())
        if key in merged:
            changed = True
            c, fs = c + merged[key][0], merged[key][1]
        changed = changed or inner
        merged[key] = (c, fs)
    return [(c, fs) for c, fs in merged.values() if c], changed


def _flat_terms(s: Add, scale: Fraction) -> list[tuple[Fraction, Node]]:
    """The terms of ``s`` times ``scale``, each with its number; a sum among them, or a number times one, taken in its
    place, as SymPy's Add and Mul take them ((c + d) - c, the parser's; -s - (1 - s))."""
    out: list[tuple[Fraction, Node]] = []
    for t in s.terms:
        c, fs = _parts(t)
        (f, k), = fs.items() if len(fs) == 1 else ((None, 0),)
        if isinstance(f, Add) and k == 1:
            out.extend(_flat_terms(f, scale * c))
        else:
            out.append((scale, t))
    return out


def _taken_out(s: Add) -> tuple[Fraction, Factors, Node] | None:
    """The content, the common factors and the rest of the sum ``s`` (its like terms added, by _collected);
    None where nothing is common."""
    terms, _ = _like_terms_added(s)
    common: Factors = {}
    for f, k in terms[0][1].items():
        least = min(fs.get(f, 0) for _, fs in terms)
        if k > 0 and least > 0:
            common[f] = least
    coeffs = [c for c, _ in terms]
    content = Fraction(1)
    if all(c.denominator == 1 for c in coeffs):
        content = Fraction(math.gcd(*(int(c) for c in coeffs)))
    if all(c < 0 for c in coeffs):
        content = -content
    if not common and content == 1:
        return None
    rest = [(c / content, {f: k - common.get(f, 0) for f, k in fs.items() if k != common.get(f, 0)}) for c, fs in terms]
    return content, common, E.add(*(_written(c, [*_powers(fs)]) for c, fs in rest))


def _powers(factors: Factors) -> list[Node]:
    """The factors as nodes, sums last; a negative power below a line is left to _written."""
    plain_ = [(f, k) for f, k in factors.items() if not isinstance(f, Add)]
    sums = [(f, k) for f, k in factors.items() if isinstance(f, Add)]
    return [f if k == 1 else E.power(f, num_node(Fraction(k))) for f, k in plain_ + sums if k > 0] + \
        [E.div(num_node(Fraction(1)), f if k == -1 else E.power(f, num_node(Fraction(-k)))) for f, k in plain_ + sums if k < 0]


def _written(c: Fraction, factors: list[Node]) -> Node:
    """c times the factors, those that are 1 / f written as a quotient."""
    tops = [f for f in factors if not _reciprocal(f)]
    bottoms = [f.right for f in factors if _reciprocal(f)]   # type: ignore[attr-defined]
    node = product_node(tops)
    if bottoms:
        node = E.div(node, product_node(bottoms))
    if c == 1:
        return node
    if c == -1:
        return E.neg(node)
    if not factors:
        return num_node(c)
    return E.mul(num_node(c), node)


def _reciprocal(f: Node) -> bool:
    return isinstance(f, Div) and isinstance(f.left, Num) and f.left.value == 1
