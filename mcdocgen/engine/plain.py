"""Scalar expressions whose candidate forms need no SymPy: the plain ones, whose best form is the
expression itself, and sums of quotients of products, cancelled here as SymPy's cancel would; and
settled products, seen on the node itself, which need no SymPy at all.

The scalar simplifier (scalars.py) weighs a few equal forms that SymPy's cancel, factor and the
substitutions make; for the expressions below it is known, and checked on random trees by
tests/test_scalars.py, which form those would give, so the simplifier skips SymPy's polynomial
algebra, which costs milliseconds on even the smallest input.
"""

from __future__ import annotations

import math

import sympy

from mcdocgen.language import Add, Div, Fn, Func, Mul, Neg, Node, Num, Pow, Var


# functions a candidate form substitutes (exp by sigmoids, sin and sinh by tangents, abs by sign)
_SUBSTITUTED = (sympy.exp, sympy.sin, sympy.sinh, sympy.Abs)


def is_plain(e: sympy.Expr) -> bool:
    """Whether the candidate forms of ``e`` can be skipped, ``e`` being the best of them: a product of a
    rational number and integer powers of generators; or a sum of products of generators, each generator once
    in the whole sum, with integer coefficients as ``signs_kept`` allows (nothing cancels, no factor is common, and a sum of
    products of disjoint generators is irreducible: every candidate is ``e`` itself). A generator is a symbol,
    or a function of symbols that no candidate substitutes. A product may also hold square roots and
    reciprocal square roots of generators (taking a root out of a denominator, 1 / sqrt(u) = sqrt(u) / u,
    is never shorter), and one exp of a symbol found nowhere else in it (written by sigmoids, exp(u) =
    s / (1 - s), it is longer, and nothing cancels; powsimp would merge two). And one factor 1 - g or
    1 - g^2 (a plus on one term, and on the product): tanh'(u) = 1 - tanh(u)^2 and sigmoid'(u) = s (1 - s) stay as they are,
    factored they are longer."""
    if e.is_Add:
        if _is_unit_binomial(e):
            return True
        seen: set[sympy.Expr] = set()
        coeffs: list[int] = []
        for term in e.args:
            coeff, rest = term.as_coeff_Mul()
            if not coeff.is_Integer or rest.is_Number:
                return False
            coeffs.append(int(coeff))
            for g in sympy.Mul.make_args(rest):
                if g in seen or not is_generator(g):
                    return False
                seen.add(g)
        return signs_kept(coeffs)
    factors = sympy.Mul.make_args(e)
    binomials = 0
    for factor in factors:
        if factor.is_Add:
            binomials += 1
            # a minus in front goes into the binomial, -c (d - 1) = c (1 - d): only with a plus there
            if binomials > 1 or not _is_unit_binomial(factor) or e.as_coeff_Mul()[0] < 0:
                return False
            # over a denominator that holds its generator, the quotient splits and cancels: n (c + 1) / c = n + n / c
            if any(f.is_Pow and f.exp.is_negative and factor.has(f.base) for f in factors):
                return False
        elif factor.is_Pow:
            if not ((factor.exp.is_Integer or abs(factor.exp) == _HALF) and is_generator(factor.base)):
                return False
        elif isinstance(factor, sympy.exp):
            u = factor.args[0].as_coeff_Mul()[1]
            if not u.is_Symbol or any(f is not factor and (f.has(u) or isinstance(f, sympy.exp)) for f in factors):
                return False
        elif not (factor.is_Rational or is_generator(factor)):
            return False
    return True


_HALF = sympy.Rational(1, 2)


def quotient_forms(e: sympy.Expr) -> tuple[tuple[sympy.Expr, int], ...] | None:
    """The candidate forms of a sum of quotients of products of generators, integer coefficients without a
    common factor, at least one plus, each numerator generator once in the whole sum and in no denominator
    (a / u - 2 b v / u^2), built without SymPy's cancel and factor; None for any other ``e``.

    Over the common denominator D the numerator is P = sum of +-n_i D / d_i. No generator divides
    every term (D / d_j lacks the generators d_j has most of), no number divides every coefficient, and P
    is linear in n_1 with a monomial coefficient, so P is irreducible: cancel gives P / D, factor_terms
    gives it back, factor gives +-P / D (not shorter while most terms are positive or no minus but -1
    shows), and the quotient split into its terms is ``e``."""
    if not e.is_Add:
        return None
    numerators: set[sympy.Expr] = set()
    terms: list[tuple[int, list[sympy.Expr], dict[sympy.Expr, int]]] = []
    for term in e.args:
        coeff, rest = term.as_coeff_Mul()
        if not coeff.is_Integer:
            return None
        tops: list[sympy.Expr] = []
        bottom: dict[sympy.Expr, int] = {}
        for f in sympy.Mul.make_args(rest):
            if f.is_Pow and f.exp.is_Integer and f.exp < 0 and is_generator(f.base):
                bottom[f.base] = int(-f.exp)
            elif is_generator(f) and f not in numerators:
                numerators.add(f)
                tops.append(f)
            else:
                return None
        terms.append((int(coeff), tops, bottom))
    denominator: dict[sympy.Expr, int] = {}
    for _, _, bottom in terms:
        for g, k in bottom.items():
            denominator[g] = max(k, denominator.get(g, 0))
    if not denominator or numerators & denominator.keys() or not signs_kept([c for c, _, _ in terms]):
        return None
    top = sympy.Add(*(sympy.Mul(c, *tops, *(g ** (k - bottom.get(g, 0)) for g, k in denominator.items()))
                      for c, tops, bottom in terms))
    cancelled = top / sympy.Mul(*(g ** k for g, k in denominator.items()))
    return ((cancelled, 0), (e, 0))


def _is_unit_binomial(b: sympy.Expr) -> bool:
    """1 - g or 1 - g^2 for a generator g, with a plus on one term at least."""
    if len(b.args) != 2:
        return False
    one, term = sorted(b.args, key=lambda t: not t.is_Number)
    coeff, g = term.as_coeff_Mul()
    if g.is_Pow and g.exp == 2:
        g = g.base
    return one in (1, -1) and coeff in (1, -1) and (one, coeff) != (-1, -1) and is_generator(g)


def signs_kept(coeffs: list[int]) -> bool:
    """Coefficients of an irreducible sum that factor_terms and factor leave as they are, or write no
    shorter: no common factor, a plus somewhere, and no minus but -1 unless most are plus (factor
    writes the sum with a sign of its choosing: 1 - 3 u - 3 v as -(3 u + 3 v - 1))."""
    return (math.gcd(*coeffs) == 1 and any(c > 0 for c in coeffs)
            and (all(c >= -1 for c in coeffs) or 2 * sum(c > 0 for c in coeffs) > len(coeffs)))


def is_generator(g: sympy.Expr) -> bool:
    if g.is_Symbol:
        return True
    return (isinstance(g, sympy.Function) and not isinstance(g, _SUBSTITUTED)
            and all(a.is_Symbol for a in g.args))


FACTOR_MAX_OPS = 40  # SymPy operations up to which factor and radsimp are tried: cheap there, costly past it
ALGEBRA = (Add, Neg, Mul, Div, Pow, Func, Num)   # what the simplifier hands to SymPy as algebra, not as an atom
# functions that SymPy leaves alone as factors of a product when applied to an atom (not exp, which merges,
# sqrt and abs, which powers undo, sin and sinh, which a candidate writes by tangents, sign, which the abs
# candidate brings in: sign(u) |u| / u); heaviside's step H(u) stays as it is (H(u)^2 too: H(0) = 1/2)
INERT = frozenset({Fn.LOG, Fn.TANH, Fn.COS, Fn.TAN, Fn.SIGMOID, Fn.RELU, Fn.SOFTPLUS, Fn.ARCSIN, Fn.ARCCOS,
                    Fn.ARCTAN, Fn.COSH, Fn.HEAVISIDE})


def is_settled(node: Node) -> bool:
    """Whether ``node`` is already the simplifier's answer, seen without SymPy: a product and quotient of
    distinct atoms (matrix expressions, variables, some functions of them, one exp(u) or exp(c u) for c > 0)
    and their integer powers, with at most one number other than 1 and -1 and that on top (1 / u alone too);
    or the negative of one without a number; or a product with one factor 1 - g or 1 - g**2 and neither
    numbers nor quotients. SymPy writes it with its factors in its own order, which prints no shorter, so
    it is kept as it is (tests/test_scalars.py checks this against SymPy's route on random products).
    Also 1 - g and 1 - g**2 alone, for g an atom or an inert function of one (is_plain's unit binomial,
    written back in the order it is written: tanh'(u) = 1 - tanh(u)**2), and -(1 / p) as 1 / p. Roots count
    as powers where their denominator is 3 or more (a square root is written sqrt(u)): positive ones in a
    product (u**(2/3) v), and any one alone (u**(-2/3), the power rule's u**(p - 1); in a product SymPy takes
    a negative one below the line). tests/test_settled_roots.py checks these against SymPy's route. An atom to the
    power of an atom on top (r**q, x**c log(x)) is one more such factor where no exp is beside it (_product)."""
    if isinstance(node, Pow) and _root_of_atom(node):
        return True
    g = _unit_binomial(node)
    if g is not None:
        return not isinstance(g, ALGEBRA) or _inert(g)
    if isinstance(node, Neg):
        below = _below_one(node.arg)
        return _product(node.arg if below is None else below, number=False, signs=1, symbolic=below is None)
    below = _below_one(node)
    if below is not None:
        return _product(below, number=False)
    return isinstance(node, (Mul, Div, Pow)) and _product(node, number=True, symbolic=True)


def _root_of_atom(node: Pow) -> bool:
    """An atom (or an inert function of one) to a rational power with a denominator of 3 or more."""
    r = node.exp.value if isinstance(node.exp, Num) else None
    return r is not None and bool(r.is_Rational) and r.q >= 3 and (not isinstance(node.base, ALGEBRA) or _inert(node.base))


def _below_one(node: Node) -> Node | None:
    """p for 1 / p, else None."""
    return node.right if isinstance(node, Div) and isinstance(node.left, Num) and node.left.value == 1 else None


def _inert(node: Node) -> bool:
    return isinstance(node, Func) and node.fn in INERT and not isinstance(node.arg, ALGEBRA)


def _atom_quotient(node: Node) -> bool:
    """u / v of two atoms: to SymPy (u / v)**q and log(u / v) are generators whole, split only for positive u and v."""
    return isinstance(node, Div) and not isinstance(node.left, ALGEBRA) and not isinstance(node.right, ALGEBRA) and (
        node.left != node.right)


def _log_of_quotient(node: Node) -> bool:
    return isinstance(node, Func) and node.fn is Fn.LOG and _atom_quotient(node.arg)


def _unit_binomial(node: Node) -> Node | None:
    """g for a factor 1 - g or 1 - g**2 written so (tanh'(u) = 1 - tanh(u)**2, sigmoid'(u) = s (1 - s)), else None."""
    if not (isinstance(node, Add) and len(node.terms) == 2):
        return None
    one, minus = node.terms
    if not (isinstance(one, Num) and one.value == 1 and isinstance(minus, Neg)):
        return None
    g = minus.arg
    if isinstance(g, Pow) and isinstance(g.exp, Num) and g.exp.value == 2:
        g = g.base
    return g


def _product(node: Node, number: bool, signs: int = 0, symbolic: bool = False) -> bool:
    """A settled product (``is_settled``); ``signs``: a negation is in front already. One factor may be
    negated, -(u / v**2) * w: SymPy takes the sign to the front, which prints as long (with the number,
    -2 for 2 and a minus), and two signs would cancel. ``symbolic``: a factor on top may be an atom to the power of
    an atom (r**q, x**c: a variable exponent's power rule); SymPy's polynomials hold it as one more generator, its Mul
    merges it with nothing but a power of the same base (which ``seen`` rules out) and powsimp joins x**q y**q only for
    bases known nonnegative (and exp(q) x**q as (e x)**q: no exp beside it), so every candidate is the product itself.
    Below the line it would come back as r**(-q)."""
    seen: set[object] = set()
    numbers = 0
    exps = 0
    binomials = 0
    divided = False
    negative_number = False
    powers = 0
    stack = [(node, True)]
    while stack:
        n, on_top = stack.pop()
        if isinstance(n, Mul):
            stack.extend(((n.left, on_top), (n.right, on_top)))
            continue
        if isinstance(n, Neg):
            signs += 1
            if signs > 1 or isinstance(n.arg, Num):
                return False
            stack.append((n.arg, on_top))
            continue
        g = _unit_binomial(n)
        if g is not None and on_top and number:
            # one such factor, in a product without quotients or numbers (as is_plain allows it: a minus or a
            # denominator holding g would change its form)
            binomials += 1
            if binomials > 1 or (isinstance(g, ALGEBRA) and not _inert(g)):
                return False
            continue   # g may be a factor too: s (1 - s)
        if isinstance(n, Div) and on_top:
            divided = True
            stack.extend(((n.left, True), (n.right, False)))
            continue
        if isinstance(n, Num):
            numbers += 1
            if not (number and on_top and numbers == 1 and n.value.is_Rational and abs(n.value) != 1 and n.value):
                return False
            negative_number = bool(n.value < 0)
            continue
        whole = False
        if isinstance(n, Func) and n.fn is Fn.EXP:
            # one exp of u or of a positive number times u (SymPy merges two, and writes exp(-u) as 1 / exp(u))
            exps += 1
            u, scale = n.arg, None
            if isinstance(u, Mul) and isinstance(u.left, Num):
                scale = u.left.value
                u = u.right
            if exps > 1 or isinstance(u, ALGEBRA) or (scale is not None and not (scale.is_Rational and scale > 0)):
                return False
            n = u
        if isinstance(n, Pow):   # an integer power, or a positive one with a denominator of 3 or more (u**(2/3))
            r = n.exp.value if isinstance(n.exp, Num) else None
            if r is None and symbolic and on_top and _symbolic_exponent(n.exp):
                powers += 1   # an atom to the power of an atom (symbolic's case); its base is checked as a factor's below
            elif not (r is not None and ((r.is_Integer and r >= 2) or (r.is_Rational and r.q >= 3 and r > 0))):
                return False
            # (u / v)**q: one generator to SymPy, its base keyed as an atom is (Mul merges (u / v)**p beside it)
            whole = r is None and _atom_quotient(n.base)
            n = n.base
        if isinstance(n, ALGEBRA) and not _inert(n) and not (whole or _log_of_quotient(n)):
            return False
        key = ("var", n.name) if isinstance(n, Var) else n   # a variable is the SymPy symbol of its name
        if key in seen:
            return False
        seen.add(key)
    if signs and (negative_number or binomials):
        return False   # the two signs cancel; a minus goes into the binomial, -(1 - c) = c - 1
    if powers and exps:
        return False   # powsimp joins exp(a) c**a as (e c)**a
    return not binomials or not (divided or numbers)


def _symbolic_exponent(e: Node) -> bool:
    """An atom, or an atom plus a rational number (q - 1, q + 1/2: the power rule's p - 1), or a number minus an atom
    (1 - q, -1 - a), as the exponent of a settled power: to SymPy one generator, its exponent written back as from_sympy
    writes it (a + -1, -a + -1), never shorter than these terms (a - 1 is shorter than a + -1)."""
    if not isinstance(e, ALGEBRA):
        return True
    if not (isinstance(e, Add) and len(e.terms) == 2):
        return False
    # a number n (n not 0) or -n (n positive: -(-1) prints longer than SymPy's 1)
    numbers = [t for t in e.terms if (isinstance(t, Num) and t.value.is_Rational and t.value != 0) or (
        isinstance(t, Neg) and isinstance(t.arg, Num) and t.arg.value.is_Rational and t.arg.value > 0)]
    atoms = [t for t in e.terms if not isinstance(t, ALGEBRA)]   # not -a + n: SymPy writes c**(-d + -1) as c**(-(d + 1))
    # n - a, the number first (1 - q, -1 - a: the power rule's p - 1 for p = -a), as SymPy's Add orders it: kept
    first, second = e.terms
    minus = isinstance(first, Num) and isinstance(second, Neg) and not isinstance(second.arg, ALGEBRA)
    return len(numbers) == 1 and (len(atoms) == 1 or minus)


def product_factors(node: Node) -> list[Node]:
    """The factors of a product tree but its numbers (the node itself where it is no product), in walk order."""
    factors: list[Node] = []
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, Mul):
            stack.extend((n.left, n.right))
        elif not isinstance(n, Num):
            factors.append(n)
    return factors
