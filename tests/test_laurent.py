"""Sums of quotients of products whose numerator is irreducible: their candidate forms are made without
SymPy's cancel and factor, and the simplifier chooses with them what it chose with every candidate form."""

import sympy
from hypothesis import example, given, settings, strategies as st

from rewrite_support import parse
from mcdocgen.engine import laurent, scalars
from mcdocgen.errors import ExprError


def _forms(text):
    node = parse(text)
    atoms = scalars._Atoms()
    e = scalars.to_sympy(node, atoms)
    return node, atoms, e, laurent.laurent_forms(e, lambda f: scalars._written_size(atoms, f))


_GENS = ("c", "d", "dot(x, y)", "tanh(c)", "tr(A)", "det(A)", "log(d)")


def _sums():
    """Sums of +-n g h / k^2 ... over a few generators, repeats allowed; sometimes written over a common
    denominator."""
    term = st.tuples(st.sampled_from(("", "-", "2 * ", "-3 * ", "1/2 * ", "-1/2 * ", "4 * ")),
                     st.lists(st.sampled_from(_GENS), max_size=3),
                     st.lists(st.tuples(st.sampled_from(_GENS), st.integers(1, 2)), max_size=2))

    def text(args):
        terms, common, scale = args
        out = []
        for sign, tops, bottoms in terms:
            top = " * ".join(tops or ["1"])
            bottom = " * ".join(f"{b}**{p}" for b, p in bottoms) or "1"
            out.append(f"{sign}(({top}) / ({bottom}))")
        body = " + ".join(f"{scale}{t}" for t in out)
        return f"({body}) / ({common})" if common else body
    return st.tuples(st.lists(term, min_size=2, max_size=4),
                     st.sampled_from(("", "", "c", "d**2", "tr(A) * c", "2")),
                     st.sampled_from(("", "", "c * ", "tanh(c) * ", "1/2 * "))).map(text)


def _check(text):
    try:
        node, atoms, e, forms = _forms(text)
    except ExprError:
        return
    if forms is None:
        return
    assert forms[0][0] == sympy.factor_terms(sympy.cancel(e)), text
    assert scalars._best(node, forms, atoms) == scalars._best(node, scalars._forms(e), atoms), text


@settings(max_examples=400)
@given(_sums())
# factor turns P round (-3 (2 u c + 2 u d - u - d)), two nodes shorter than factor_terms' 3 (u + d + -2 u c + -2 u d)
@example("3 * tr(A) + 3 * d - 6 * (tr(A) * c) - 6 * (tr(A) * d)")
def test_a_sum_of_quotients_with_an_irreducible_numerator_is_cancelled_as_sympy_would(text):
    _check(text)


def test_which_sums_are_cancelled_without_sympy():
    for text in ("c * tr(A) - dot(x, y) * d + tanh(c) * tr(A) - d * det(A)",
                 "(c * tr(A) - dot(x, y) * d + tanh(c) * tr(A) - d * det(A)) / tr(A)**2",
                 "c / tr(A) - d * dot(x, y) / tr(A)**2 + tanh(c) / tr(A) - d * det(A) / tr(A)**2",
                 "-c - d * dot(x, y) / tr(A)**2", "dot(x, y) / (2 * c) + d / (2 * c)", "-dot(x, y) / 2 - c * d / 2",
                 "dot(x, y) * c + c * d", "(dot(x, y) + d) / (2 * c)", "c / tr(A) - 2 * d * dot(x, y) / tr(A)**2",
                 # one term without dot(x, y), of degree one in the others: u tanh(u)'s derivative multiplied out
                 "tanh(c) + dot(x, y) - dot(x, y) * tanh(c)**2", "(tanh(c) + dot(x, y) - dot(x, y) * tanh(c)**2) / d",
                 # d (tr(A) - c^2) + c: of degree one in d, c prime to tr(A) - c^2 (the derivative of x tanh(x))
                 "c + d * tr(A) - c**2 * d", "(tanh(c) + d - tanh(c)**2 * d) / tr(A)",
                 # sums of squares of their own generators, one sign or three terms (the third witness)
                 "c / d + d / c**2 * c", "(c**2 + d**2 - tanh(c)**2) / tr(A)",
                 # a number term over a denominator: cancel's P / D and the sum split, as without one
                 "(c**2 + d**2 + 1) / tr(A)", "1 + c**2 / d", "2 + 4 * c / d", "1 - c / d - tr(A) / d"):
        assert _forms(text)[3] is not None, text
        _check(text)
    for text in ("c**2 - d**2", "c * d - d * c + tr(A)", "c**2 * d - d + c**2 - 1", "(c**2 - 4 * d**2) / tr(A)"):
        assert _forms(text)[3] is None, text


def test_the_second_witness_needs_the_term_without_the_generator_prime_to_the_rest():
    # g h + h = h (g + 1): h, the term without g, divides the term with it
    assert not laurent._one_term_without([(1, {"g": 1, "h": 1}), (1, {"h": 1})])
    assert laurent._one_term_without([(1, {"t": 1}), (1, {"u": 1}), (-1, {"u": 1, "t": 2})])


def test_the_third_witness_is_a_sum_of_squares_of_one_sign_or_of_three_terms_or_of_two_with_no_rational_ratio():
    assert laurent.irreducible([(1, {"g": 2}), (2, {"h": 2})]) and laurent.irreducible([(1, {"g": 2}), (3, {})])
    assert laurent.irreducible([(1, {"g": 2}), (-1, {"h": 2}), (-1, {})])   # rank three: no product of two lines
    assert not laurent.irreducible([(1, {"g": 2}), (-4, {"h": 2})])   # (g - 2 h) (g + 2 h)
    assert not laurent.irreducible([(1, {"g": 2}), (-1, {})]) and not laurent.irreducible([(1, {"g": 2}), (1, {"g": 2, "h": 1})])
    # both signs, rank two: irreducible where the pivots' ratio is no rational square (a Gaussian's 3 - x^2)
    assert laurent.irreducible([(3, {}), (-1, {"g": 2})]) and laurent.irreducible([(1, {"g": 2}), (-2, {"h": 2})])
    assert laurent.irreducible([(1, {"g": 2}), (1, {"g": 1, "h": 1}), (-1, {"h": 2})])   # discriminant 5
    assert not laurent.irreducible([(2, {"g": 2}), (-8, {"h": 2})]) and not laurent.irreducible([(9, {}), (-4, {"g": 2})])
    assert not laurent.irreducible([(1, {"g": 2}), (1, {"g": 1, "h": 1}), (-2, {"h": 2})])   # (g - h) (g + 2 h)
    assert not laurent.irreducible([(1, {"g": 1, "h": 1}), (-1, {"g": 1}), (-1, {"h": 1}), (1, {})])   # (g - 1) (h - 1)


def test_the_fourth_witness_takes_a_monomial_out_of_the_cofactor():
    # 2 x - a - b + r (a - x) / q + s (b - x) / p over p q: g = a, A = p (r - q), p missing from the terms of B
    terms = [(-1, {"a": 1, "p": 1, "q": 1}), (-1, {"b": 1, "p": 1, "q": 1}), (2, {"p": 1, "q": 1, "x": 1}),
             (1, {"a": 1, "p": 1, "r": 1}), (-1, {"p": 1, "r": 1, "x": 1}), (1, {"b": 1, "q": 1, "s": 1}), (-1, {"q": 1, "s": 1, "x": 1})]
    assert laurent._sum_cofactor(terms)
    # u (v - r) g + (v - r) s = (v - r) (u g + s): A' divides B; u (v - r) g + u s: u, in every term of B, divides P
    assert not laurent._sum_cofactor([(1, {"u": 1, "v": 1, "g": 1}), (-1, {"u": 1, "r": 1, "g": 1}), (1, {"v": 1, "s": 1}), (-1, {"r": 1, "s": 1})])
    assert not laurent._sum_cofactor([(1, {"u": 1, "v": 1, "g": 1}), (-1, {"u": 1, "r": 1, "g": 1}), (1, {"u": 1, "s": 1})])
    # g u (h + v) - h^2 + v: A = u (h + v), u missing from a term of B, h + v not dividing it
    assert laurent.irreducible([(1, {"g": 1, "u": 1, "h": 1}), (1, {"g": 1, "u": 1, "v": 1}), (-1, {"h": 2}), (1, {"v": 1})])
    # g u (h + v) + u h^2 = u (g h + g v + h^2): u divides B too
    assert not laurent.irreducible([(1, {"g": 1, "u": 1, "h": 1}), (1, {"g": 1, "u": 1, "v": 1}), (1, {"u": 1, "h": 2})])


def test_the_fifth_witness_is_a_binomial_whose_exponents_or_ratio_leave_no_factor():
    # gcd of the exponents 1: 2 c^3 u^2 - v^2 (case fresh13's Lennard-Jones numerator); 3 with 2 no cube: 2 c^3 - u^6
    assert laurent.irreducible([(1, {"g": 2}), (-2, {"h": 6, "c": 3, "u": 2})])
    assert laurent.irreducible([(2, {"c": 3}), (-1, {"u": 6})]) and laurent.irreducible([(1, {"g": 4}), (-2, {})])
    assert not laurent._binomial([(1, {"g": 2}), (-4, {"h": 2})])   # (g - 2 h) (g + 2 h)
    assert not laurent._binomial([(8, {"c": 3}), (-1, {"u": 6})])   # (2 c - u^2) (4 c^2 + 2 c u^2 + u^4)
    assert not laurent._binomial([(1, {"g": 4}), (4, {"h": 4})])   # Sophie Germain: (g^2 + 2 g h + 2 h^2) (...)
    assert not laurent._binomial([(1, {"g": 1, "h": 1}), (1, {"g": 1})])   # g (h + 1): a generator in both terms


@settings(max_examples=400)
@given(st.sampled_from((1, -1, 2, -2, 3, -4, 8, -8, 27, 16, -64)), st.sampled_from((1, -1, 2, -4, 9, -27, 4)),
       st.dictionaries(st.sampled_from("gh"), st.integers(1, 8), min_size=1, max_size=2),
       st.dictionaries(st.sampled_from("uv"), st.integers(1, 8), max_size=2))
def test_the_binomial_witness_is_never_wrong(c, d, m, n):
    symbols = {g: sympy.Symbol(g) for g in "ghuv"}
    poly = c * sympy.Mul(*(symbols[g] ** k for g, k in m.items())) + d * sympy.Mul(*(symbols[g] ** k for g, k in n.items()))
    _, factors = sympy.factor_list(poly)
    prime = len([f for f, k in factors if not f.is_number]) == 1 and factors[0][1] == 1
    # Capelli's theorem is an if and only if: the witness fails just where SymPy factors the binomial
    assert laurent._binomial([(c, m), (d, n)]) == prime, (poly, factors)


def _polynomials():
    """Sums of +-n g^k h^j ... over four generators (k up to 2), products of two such sums now and then."""
    term = st.tuples(st.sampled_from((1, -1, 2, -3)), st.dictionaries(st.sampled_from("ghuv"), st.integers(1, 2), max_size=3))
    poly = st.lists(term, min_size=1, max_size=4)
    return st.one_of(st.lists(term, min_size=2, max_size=7), st.tuples(poly, poly).map(
        lambda ab: [(ca * cb, {g: pa.get(g, 0) + pb.get(g, 0) for g in pa.keys() | pb.keys()}) for ca, pa in ab[0] for cb, pb in ab[1]]))


@settings(max_examples=600)
@given(_polynomials())
@example([(1, {"u": 2, "g": 1}), (-1, {"u": 2, "v": 1}), (1, {"h": 2, "g": 1}), (-1, {"h": 2, "v": 1})])
@example([(1, {"g": 1, "u": 2}), (1, {"g": 1}), (-1, {"h": 1, "u": 2}), (-1, {"v": 2, "h": 1}), (1, {"u": 1})])
@example([(1, {"g": 1, "u": 1, "h": 1}), (-1, {"g": 1, "u": 1, "v": 2}), (-1, {"h": 1}), (1, {"u": 2, "v": 1})])
@example([(3, {}), (-1, {"g": 2})])
@example([(1, {"g": 2}), (-2, {"h": 1, "u": 1}), (1, {"u": 2}), (-3, {"v": 2})])
@example([(2, {"g": 1, "h": 1}), (-1, {"g": 2}), (-1, {"h": 2}), (3, {})])
def test_a_witness_of_irreducibility_is_never_wrong(terms):
    symbols = {g: sympy.Symbol(g) for g in "ghuv"}
    poly = sympy.Add(*(c * sympy.Mul(*(symbols[g] ** k for g, k in p.items())) for c, p in terms))
    merged = sympy.Poly(poly, *symbols.values()).terms() if poly != 0 else []
    found = [(int(c), {g: k for g, k in zip("ghuv", powers, strict=True) if k}) for powers, c in merged]
    if len(found) < 2 or not laurent.irreducible(found):
        return
    _, factors = sympy.factor_list(poly)
    assert len([f for f, k in factors if not f.is_number]) == 1 and factors[0][1] == 1, (poly, factors)
