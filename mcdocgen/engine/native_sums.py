"""Sums taken as single generators of the scalar simplifier's native forms (native.py): ``(a x + b) / (c x + d)**2``,
``x / sqrt(x x + c)``, ``u / (u**2 + 1)``. Where each such sum is irreducible and prime to the rest of the node,
SymPy's cancel can do no more with it than with a symbol, and native.py's forms of the node with the sums as
symbols are SymPy's route's (forms_over_sums says which sums qualify and why).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from fractions import Fraction

from sympy.core.cache import CACHE

from mcdocgen import language as E
from mcdocgen.engine.laurent import irreducible
from mcdocgen.engine.names_memo import NamesMemo, memoised
from mcdocgen.engine.generators import Generator, Powers, Term, written_sum
from mcdocgen.engine.monomial import AtomNames, NotMonomial, Product, value
from mcdocgen.engine.native import Form, all_terms, name_atoms, native_forms
from mcdocgen.engine.native_signs import leading_plus
from mcdocgen.engine.native_squares import (below_prime, coprime_binomial, irreducible_quadratic, is_square, positive_square,
                                            reducible_binomial, times_square_binomial)
from mcdocgen.engine.plain import ALGEBRA, INERT, product_factors
from mcdocgen.language import Add, Div, Fn, Func, Mul, Neg, Node, Num, Pow, Var


_OPENED = frozenset({Fn.SIN, Fn.SINH, Fn.ABS, Fn.SIGN})
# inert functions without a symmetry that SymPy applies on sight to an argument that could extract a minus sign
# (tanh(-a) = -tanh(a), cos(-a) = cos(a), acos(-a) = pi - acos(a)): opaque ones, log, heaviside
_SIGNED = frozenset({Fn.LOG, Fn.HEAVISIDE, Fn.RELU, Fn.SIGMOID, Fn.SOFTPLUS})


def forms_over_sums(node: Node, any_order: bool = False) -> tuple[Form, ...] | None:
    """The candidate forms of ``node`` with each sum that is a factor, a base or under a square root taken as
    one generator (``(dot(a, x) + b) / (dot(c, x) + d)**2``, ``x / sqrt(dot(x, x) + c)``), the sums put back
    in each form; None where that is not known to be enough.

    Enough for the question the caller asks, whether SymPy's route would keep ``node`` (no candidate strictly
    shorter): each such sum is written as SymPy writes it, has whole coefficients without a common factor, at least
    as many plus as minus signs, and generators to the first power (or is a quadratic in one generator with no
    rational root, irreducible_quadratic) found nowhere else in ``node`` (not in another sum; above the line of a
    monomial that the sum alone divides, _alone_below: u / (u**2 + 1)); then it is irreducible (of degree one in a
    generator, primitive) and prime to everything else, so SymPy's
    cancel cancels no more than these forms do, its expansions of products of sums are no shorter than the products,
    and no sign is gained by turning a sum round: the node is a sum with a plus term, or a product with a positive
    number, or one whose sums have no minus (turned round, one would print with a leading minus) or have one only
    to even powers (a monomial -(x - y)^2 / (|d|^2 + 1)^(3/2): the square turned round is the same). Where a form here
    is shorter, SymPy's route decides what it writes.

    With ``any_order``, a sum of plus terms only may hold SymPy's terms in another order (u + A^T v): to SymPy it is
    the same Add, so whether its route keeps the node is decided as for the sum in SymPy's order (the same
    placeholders, the same sizes: plus terms print as long in any order); a form shorter than the node then puts the
    sum back in the node's order, not SymPy's, and is not its answer."""
    fns = {n.fn for n in E.walk(node) if isinstance(n, Func)}
    if fns & _OPENED or {Fn.EXP, Fn.SIGMOID} <= fns:
        return None
    taken = set(E.free_vars(node))
    back: dict[Node, Node] = {}
    made: dict[Node, Node] = {}
    names = AtomNames()

    def placeholder(n: Node) -> Node:
        found = made.get(n)
        if found is None:
            name = f"__sum{len(made)}"
            while name in taken:
                name += "_"
            taken.add(name)
            found = made[n] = E.var(name, n.shape)
            back[found] = n
        return found

    def rebuilt(n: Node, kid: Callable[[Node, Node, int], Node]) -> Node:
        if not isinstance(n, ALGEBRA) or isinstance(n, Num):
            return n
        kids = n.children()
        new = tuple(kid(n, k, i) for i, k in enumerate(kids))
        return n if new == kids else E.rebuild(n, new)

    def functions(n: Node) -> Node:
        # an inert function of a sum written as SymPy writes it: a generator for cancel, its argument left as it
        # is (no common factor, not mostly minus: factor_terms takes out nothing); of plus terms only, or for a
        # function SymPy holds as written whatever its argument's sign (heaviside(|x - a| - r), relu's derivative)
        if isinstance(n, Func) and n.fn in INERT and isinstance(n.arg, Add):
            gens = _sum_generators(n.arg, names)
            return placeholder(n) if gens is not None and (gens[1] or n.fn in _SIGNED) else n
        return rebuilt(n, lambda _, k, i: functions(k))

    def sums(n: Node, keep: set[Node]) -> Node:
        def kid(parent: Node, k: Node, i: int) -> Node:
            may = isinstance(parent, (Mul, Div)) or (isinstance(parent, Func) and parent.fn is Fn.SQRT) or \
                (isinstance(parent, Pow) and i == 0)
            return placeholder(k) if may and k in keep else sums(k, keep)
        return rebuilt(n, kid)

    def nested(n: Node) -> Node:
        # a sum in another's terms ((X w - y)**2 + 1) whose atoms are nowhere but in it, every place of it one a
        # placeholder takes: to SymPy's polynomials its expansion (longer), a generator here as a symbol is
        for s in dict.fromkeys(k for t in E.walk(n) if isinstance(t, Add) for k in _sums_within(t.terms)):
            if s in made or _sum_generators(s, names) is None:
                continue
            out = sums(n, {s})
            if s in made and not _atoms(s) & _atoms(out):
                n = out
                inner.add(made[s])
            elif s in made:   # found where no placeholder goes, or its atoms elsewhere: a sum of sums, SymPy's route's
                back.pop(made.pop(s))
        return n

    inner: set[Node] = set()   # the placeholders of nested sums: generators the rest may share
    plain_ = nested(functions(node))
    eligible: dict[Node, tuple[frozenset[str], bool]] = {}
    for n in E.walk(plain_):
        if isinstance(n, Add) and n not in eligible:
            gens = _sum_generators(n, names, any_order)
            if gens is not None:
                eligible[n] = gens
    sub = sums(plain_, set(eligible))
    taken_out = value(sub, names)

    def outside(found: list[Term] | Product) -> set[str]:   # the generators' names, a nested sum's placeholder one of them
        return _generator_names(found, {k: v for k, v in back.items() if k not in inner})
    outer, in_sums = outside(taken_out), _names_in_sums(taken_out, {k: v for k, v in back.items() if k not in inner})
    below = _alone_below(taken_out, made)
    # prime to the rest: its generators nowhere outside it, or it alone below the line (u / (u**2 + 1)), or
    # only under roots (a whole power of it cancel would multiply out), whose generator sqrt(s) no monomial shares,
    # with its generators outside it only as factors (g / sqrt(g^2 + 1), w lam / sqrt(w^2 + c)); two sums share no
    # generator, but where one is under roots only and the other is not it (irreducible both, so prime to each other):
    # sqrt(t) is a generator of its own to cancel ((x + g a) / sqrt(|x|^2 + g^2), g = a^T x)
    rooted = _only_under_roots(plain_)

    def apart(s: Node, t: Node, gens: frozenset[str], other: frozenset[str]) -> bool:
        return not gens & other or ((s in rooted) != (t in rooted) and _support(s, names) != _support(t, names))
    prime = {s for s, (gens, _) in eligible.items() if s in made
             and (not gens & outer or s in below or (s in rooted and not gens & in_sums)
                  or (is_square(s, names) and times_square_binomial(taken_out)))
             and all(apart(s, t, gens, other) for t, (other, _) in eligible.items() if t is not s and t in made)}
    if not prime:   # a g^2 + b alone below a product that it does not divide ((a + a u^2 - b u v) / (u^2 + 1)^2)
        prime = below_prime([s for s in eligible if s in made and is_square(s, names)],
                             lambda s: (sums(plain_, {s}), made[s]), names)
    if len(prime) < len(eligible):
        for s in eligible:
            made.pop(s, None)
        back = {v: k for k, v in made.items()}
        sub = sums(plain_, prime)
    if not made:
        return None
    found = value(sub, names)
    # k^3 + x^3 squared: SymPy's polynomials hold it multiplied out, and factor gives (k + x)^2 (k^2 - k x + x^2)^2, each
    # longer than the form with the square, so the node is kept where no form is shorter; a shorter one is not its answer
    kept_only = any(k not in (1, -1) for s in prime if reducible_binomial(value(s, names)) for _, p in all_terms(found)
                    for g, k in p.items() if g.atom == made[s])
    if any(c.denominator != 1 for c, _ in all_terms(found)) and not _number_beside_factors(found, back, names):
        return None   # powsimp moves a number between the terms of a quotient: (a + 2 b) / 2 = a / 2 + b
    all_plus = all(eligible[s][1] for s in prime)
    if isinstance(found, Product):
        signs = found.outer[0] > 0 or all_plus
    elif len(found) == 1:
        # a sum with a minus squared, -(x - y)^2 / (|d|^2 + 1)^(3/2): turned round it is the same square, no minus
        # goes into it, so a monomial's minus stays in front as with sums of plus terms only
        signs = found[0][0] > 0 or all(eligible[s][1] or _even_only(found[0][1], made[s]) for s in prime)
    else:
        signs = any(c > 0 for c, _ in found)
    if not signs:
        return None
    # a root of a sum below some terms only: cancel keeps it a generator where the sum's generators are nowhere else
    lone = frozenset(v.name for s, v in made.items() if isinstance(v, Var) and s in prime and s in rooted
                     and not eligible[s][0] & outside(found))
    # the atoms named as to_sympy meets them in the node, not in sub: a sum's atoms come first where it does
    # (1 / (2 |x|^2 + 1) tr(A) |x|: |x| before tr(A) in SymPy's order of the product's factors)
    order = AtomNames()
    name_atoms(node, order)
    forms = tuple((lambda f=f: _put_back(f(), back)) for f in native_forms(sub, order, lone))
    return KeptOnly(forms) if kept_only else forms


class KeptOnly(tuple[Form, ...]):
    """forms_over_sums' forms where they show only whether SymPy's route keeps the node: a shorter one is not its answer."""


def sums_alone(node: Node, original: Node | None = None) -> bool:
    """Whether a form of forms_over_sums is SymPy's route's answer as it is written (asked where it is shorter than
    the node): a product or quotient, a number in front now and then, whose every factor that holds a sum is, but
    numbers, alone on its side of the line (a / (u**2 + 1)). SymPy's order puts a sum among other factors by its
    sort key of an Add, which the placeholders (symbols to forms_over_sums) do not have; alone, it has no order. Every
    product in the form is asked, a term's of a sum too (x + x sqrt(c + |y|^2) over a root below one term). Each sum
    with a minus is led by a plus term in SymPy's order of generators, else cancel turns it round (native_signs:
    1 / (tr(A) - c) = -(1 / (c - tr(A)))). ``original``: the node the form was made of (its atoms named as to_sympy
    names them; the form itself by default)."""
    n = node.arg if isinstance(node, Neg) else node
    if isinstance(n, Mul) and isinstance(n.left, Num):
        n = n.right
    if any(isinstance(k, Add) and _sums_within(k.terms) for k in E.walk(n)):
        return False   # a sum in a sum's term, ((c - d)^2 + 1): cancel, where it cancels anything, multiplies it out
    for m in E.walk(n):
        factors = product_factors(m) if isinstance(m, Mul) else []
        if len(factors) > 1 and any(isinstance(k, Add) for f in factors for k in E.walk(f)):
            return False
    # a sum above and one below to a power ((A x - x) / (c^2 + 1)^2: factor's is the one form with the power, and it
    # may turn the sum above round) or sharing a variable with it ((A x - c) / (c^2 + 1), below_prime's: by an order
    # of generators that a placeholder has not): SymPy's route decides
    if isinstance(n, Add) or (isinstance(n, Div) and _sum_variables(n.left) and (
            _sum_variables(n.left) & _sum_variables(n.right)
            or any(isinstance(k, Pow) and isinstance(k.base, Add) for k in E.walk(n.right)))):
        return False
    return leading_plus(n, node if original is None else original)   # else turned round by cancel or factor


def _number_beside_factors(found: list[Term] | Product, back: dict[Node, Node], names: AtomNames) -> bool:
    """Whether no number moves into a sum taken as a generator: in each term c m S^k (c a fraction), every S to the
    first power has unit coefficients. SymPy's Mul distributes c over S only where the two are all it holds
    (1/2 (x - a)); powsimp puts c into such an S only as longer terms ((x/2 - a/2) / n), never into a power, so its
    route keeps c in front (1/2 (x - a) / n^(3/2), the gradient of sqrt(|x - a|)); into x + 2 y it makes x/2 + y,
    shorter: its route's. A sum not so taken (x + y/2 over a root) is laurent_forms_of's, with its fractions."""
    terms = all_terms(found)
    if not isinstance(found, Product) and len(found) == 1 and len(terms[0][1]) == 1 and 1 in terms[0][1].values():
        return False   # c S alone: SymPy's Mul distributes c
    return all(abs(c) == 1 for _, powers in terms for g, k in powers.items() if g.atom in back and k == 1
               for c, _ in all_terms(value(back[g.atom], names)))


def _support(s: Node, names: AtomNames) -> frozenset[frozenset[tuple[Generator, Fraction]]]:
    """The monomials of a sum (its atoms named already): two sums of one support may be one polynomial up to a number."""
    return frozenset(frozenset(p.items()) for _, p in all_terms(value(s, names)))


def _even_only(powers: Powers, placeholder: Node) -> bool:
    """Whether the sum a placeholder stands for is, in this monomial, to even whole powers only."""
    return all(k.denominator == 1 and k.numerator % 2 == 0 for g, k in powers.items() if g.atom == placeholder)


def _sums_within(terms: tuple[Node, ...]) -> list[Node]:
    """The sums these terms hold, but in a function's argument (sqrt(t) and f(t) are generators to cancel)."""
    found: list[Node] = []
    stack = list(terms)
    while stack:
        k = stack.pop()
        if isinstance(k, Add):
            found.append(k)
        if not isinstance(k, Func):
            stack.extend(k.children() if isinstance(k, ALGEBRA) else ())
    return found


def _sum_variables(n: Node) -> set[Node]:
    """The atoms (to_sympy's symbols: variables, matrix expressions, taken whole) in the sums of n (none where it holds
    no sum): sqrt(|x - b|^2 + 1) / sqrt(|x - a|^2 + 1) has two sums of no atom in common."""
    return {v for k in E.walk(n) if isinstance(k, Add) for v in _atoms(k)}


def _atoms(n: Node) -> set[Node]:
    if not isinstance(n, ALGEBRA):
        return {n}
    return {a for k in n.children() for a in _atoms(k)}


def _generator_names(found: list[Term] | Product, back: dict[Node, Node]) -> set[str]:
    """The names of the generators of a value but the placeholders."""
    terms = [found.outer, *found.inner] if isinstance(found, Product) else found
    return {g.name for _, p in terms for g in p if g.atom not in back}


def _names_in_sums(found: list[Term] | Product, back: dict[Node, Node]) -> set[str]:
    """The names of the generators, but the placeholders, in a sum of a value (every term of a sum, the inner
    sum of a product); none in a monomial."""
    terms = found.inner if isinstance(found, Product) else found if len(found) > 1 else []
    return {g.name for _, p in terms for g in p if g.atom not in back}


def _only_under_roots(node: Node) -> set[Node]:
    """The subtrees found only as the argument of a square root or the base of a power that is not whole."""
    rooted: set[Node] = set()
    other: set[Node] = set()
    for n in E.walk(node):
        root = (isinstance(n, Func) and n.fn is Fn.SQRT) or (
            isinstance(n, Pow) and isinstance(n.exp, Num) and not n.exp.value.is_Integer)
        for i, k in enumerate(n.children()):
            (rooted if root and i == 0 else other).add(k)
    return rooted - other


def _alone_below(found: list[Term] | Product, made: dict[Node, Node]) -> set[Node]:
    """The sums that may share generators with the rest of a monomial: each the monomial's divisor, to a whole
    negative power, whose shared generators are all above the line (u / (u**2 + 1), c^2 / (u^2 + c)^3). Irreducible
    and no monomial, such a sum is prime to the rest, and cancel's P / Q has a monomial P and Q the rest's denominator
    (sharing no generator with the sum) times the sum's power multiplied out, no shorter: factor_terms gives that
    back, factor the node's form, and there is no quotient of a sum to split."""
    if isinstance(found, Product) or len(found) != 1:
        return set()
    (_, powers), = found
    names = {g.atom: g for g in powers}
    out: set[Node] = set()
    for s, placeholder in made.items():
        g = names.get(placeholder)
        if g is not None and powers[g] < 0 and powers[g].denominator == 1 and all(k > 0 for h, k in powers.items() if h is not g):
            out.add(s)
    return out


SUMS = NamesMemo()   # _sum_generators' answers, cleared with SymPy's cache: timings after clear_cache are cold
CACHE.append(SUMS)


def _sum_generators(s: Node, names: AtomNames, any_order: bool = False) -> tuple[frozenset[str], bool] | None:
    """The generators' names of a sum that ``forms_over_sums`` may take as one generator, and whether its
    terms are all plus; None for any other sum (``any_order``: a sum of plus terms may hold SymPy's in any order).
    Memoised by names_memo.py (forms_over_sums meets the same sums in every node that holds them)."""
    return memoised(SUMS, s, names, any_order, lambda: _generators_of(s, names, any_order))


def _generators_of(s: Node, names: AtomNames, any_order: bool) -> tuple[frozenset[str], bool] | None:
    try:
        found = value(s, names)
    except NotMonomial:
        return None
    if isinstance(found, Product) or len(found) < 2:
        return None
    written = written_sum(found)
    if written != s and not (any_order and _reordered(s, written, found)):
        return None   # not a sum as SymPy writes it: its terms collected, ordered (1 - x, not -x + 1)
    square = positive_square(found)
    if square is not None:
        return frozenset({square}), True
    gens: set[str] = set()
    # a quadratic without a rational root, or powers with a witness of irreducibility (u^2 - y, |r|^2 + c: of degree
    # one in y, in c): irreducible either way; or a binomial of coprime monomials (k^3 + x^3), factored longer
    quadratic = irreducible_quadratic(found) or coprime_binomial(found) or (
        all(k > 0 and k.denominator == 1 for _, p in found for k in p.values()) and irreducible(found))
    for c, powers in found:
        if c.denominator != 1:
            return None
        for g, k in powers.items():
            if (k != 1 and not quadratic) or (g.fn is not None and g.fn not in INERT) or (g.name in gens and not quadratic):
                return None
            gens.add(g.name)
    coeffs = [int(c) for c, _ in found]
    if math.gcd(*coeffs) != 1 or 2 * sum(c < 0 for c in coeffs) > len(coeffs):
        return None
    return frozenset(gens), all(c > 0 for c in coeffs)


def _reordered(s: Node, written: Node, found: list[Term]) -> bool:
    """Whether ``s`` is the sum SymPy writes, ``written``, of plus terms only, its terms in another order."""
    return all(c > 0 for c, _ in found) and isinstance(s, Add) and isinstance(written, Add) and \
        len(s.terms) == len(written.terms) and Counter(s.terms) == Counter(written.terms)


def _put_back(n: Node, back: dict[Node, Node]) -> Node:
    if n in back:
        return _put_back(back[n], back)   # a sum's own placeholders (functions of sums) too
    kids = n.children()
    if not kids:
        return n
    new = tuple(_put_back(k, back) for k in kids)
    return n if new == kids else E.rebuild(n, new)
