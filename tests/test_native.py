"""Candidate forms built without SymPy: on random sums and products, the simplifier's answer by them is
SymPy's route's answer, and what they do not know goes SymPy's route."""

import pytest
import sympy
from hypothesis import event, example, given, strategies as st

from rewrite_support import assert_native_gives_sympys_answer, native_answered, native_share, parse, scalar_expressions
from mcdocgen import language as E
from mcdocgen.engine import scalars
from mcdocgen.engine.monomial import NotMonomial
from mcdocgen.engine.native import native_forms

# generators (atoms, inert functions of atoms) and numbers; past _atom9, upper and lower case
_ATOMS = ("c", "d", "x", "y", "tr(A)", "tr(B)", "det(A)", "det(B)", "dot(x, y)", "x.T @ A @ x", "tr(A @ B)", "sum(x)",
          "sum(y)", "norm(x)", "tr(S)", "log(c)", "tanh(d)", "sigmoid(tr(A))", "cos(c)", "arctan(d)", "sqrt(c)",
          "tanh(x)", "A @ x", "exp(d)", "exp(-tr(B))")
_NUMBERS = ("1", "2", "-1", "3", "1/2", "-2/3")


def _expressions():
    return scalar_expressions(_ATOMS + _NUMBERS, (-2, -1, 2, 3), max_leaves=8)


def _quotient_sums():
    tops = st.sampled_from(("c", "dot(x, y)", "tanh(c)", "log(d)", "sigmoid(tr(B))", "x.T @ A @ x", "x", "sum(y)", "heaviside(c)"))
    bottoms = st.sampled_from(("tr(A)", "d", "det(A)", "norm(x)"))
    term = st.tuples(st.sampled_from(("", "-", "2 * ", "-3 * ")), st.lists(tops, max_size=2, unique=True),
                     st.lists(st.tuples(bottoms, st.integers(1, 3)), max_size=2))

    def text(terms):
        out = []
        for sign, top, bottom in terms:
            b = " * ".join(f"{g}**{p}" for g, p in bottom) or "1"
            out.append(f"{sign}(({' * '.join(top) or '1'}) / ({b}))")
        return " + ".join(out)
    return st.lists(term, min_size=2, max_size=4).map(text)


def _products_with_a_sum():
    """A monomial times (or a sum over a monomial), a number in front: SymPy's Mul of a monomial and a sum."""
    atom = st.sampled_from((*_ATOMS[:12], "1", "2"))
    monomial = st.tuples(st.sampled_from(("", "-", "2 * ", "1/2 * ")), atom, st.sampled_from(("1", "2", "-1")),
                         atom).map(lambda t: f"{t[0]}(({t[1]})**{t[2]} * ({t[3]}))")
    summed = st.lists(monomial, min_size=2, max_size=3).map(" + ".join)
    return st.tuples(st.sampled_from(("", "-", "3 * ")), monomial, summed, monomial, st.booleans()).map(
        lambda t: f"{t[0]}(({t[1]}) * ({t[2]}) / ({t[3]}))" if t[4] else f"{t[0]}(({t[2]}) * ({t[1]}))")


def _same_answer(text):
    assert_native_gives_sympys_answer(text, native_forms)


def _answered_natively(text):
    """The native route answers (declining fails: native_forms raises) with SymPy's route's answer."""
    node = parse(text)
    assert scalars._best_of(node, ((0, form) for form in native_forms(node))) == scalars.by_sympy(node)


@native_share(0.35)
@given(_expressions())
@example("3 * tr(A) + 3 * d - 6 * (tr(A) * c) - 6 * (tr(A) * d)")   # factor may turn the sum round: SymPy's route
def test_sums_and_products_get_sympys_answer_without_sympy(text):
    _same_answer(text)


@native_share(0.2)
@given(_quotient_sums())
def test_sums_of_quotients_get_sympys_answer_without_sympy(text):
    _same_answer(text)


def _products_with_a_binomial():
    """A monomial times a unit binomial (1 - g, 1 - g**2, g - 1, 1 + g): plain.is_plain's product with a sum."""
    g = st.sampled_from(("c", "tanh(d)", "tr(A)", "sigmoid(tr(A))", "x", "log(c)", "d"))
    binomial = st.tuples(st.sampled_from(("1 - {}", "1 - {}**2", "{} - 1", "1 + {}", "{}**2 - 1", "-1 - {}")), g).map(
        lambda t: t[0].format(f"({t[1]})"))
    factor = st.tuples(st.sampled_from((*_ATOMS[:8], "exp(d)", "2", "-1", "1/2", "tanh(d)", "log(c)")),
                       st.sampled_from(("1", "2", "-1", "-2"))).map(lambda t: f"({t[0]})**{t[1]}")
    return st.tuples(st.lists(factor, min_size=1, max_size=3), binomial, st.integers(0, 3)).map(
        lambda t: " * ".join([*t[0][:t[2]], f"({t[1]})", *t[0][t[2]:]]))


@native_share(0.3)
@given(_products_with_a_binomial())
def test_products_with_a_unit_binomial_get_sympys_answer_without_sympy(text):
    _same_answer(text)


@native_share(0.35)
@given(_products_with_a_sum())
def test_products_with_a_sum_get_sympys_answer_without_sympy(text):
    _same_answer(text)


@pytest.mark.parametrize(("text", "printed"), [
    ("tr(A) / c - d * x / c**2", "tr(A) / c - d * x / c**2"),
    ("tr(A) / c + tr(B) / d", "tr(A) / c + tr(B) / d"),   # over c d it is longer
    ("tr(A) / c**2 + tr(B) / c**2 * d", "(tr(A) + tr(B) * d) / c**2"),
    ("c + 2 * c", "3 * c"),
    ("c * (c + d)", "c * (c + d)"),
    ("2 * ((1 - tanh(d)**2) * tanh(d))", "2 * ((1 - tanh(d)**2) * tanh(d))"),   # SymPy's order is no shorter
    ("(1 - tanh(d)) * c * c", "c**2 * (1 - tanh(d))"),
    ("c**2 + c", "c**2 + c"),
    ("c / d + d", "c / d + d"),
    ("1/2 * (tr(A) / c) + 1/2 * (tr(B) / c)", "0.5 * ((tr(A) + tr(B)) / c)"),
    ("-1/2 * (c * tr(A) + c * tr(B))", "-0.5 * (c * (tr(A) + tr(B)))"),
    ("-(c - d)", "d - c"),
    ("1 - tanh(c)**2", "1 - tanh(c)**2"),
    ("d * tr(A) + c", "d * tr(A) + c"),   # SymPy's order, c + d tr(A), is no shorter
    ("-c * (1 - tanh(d))", "-c * (1 - tanh(d))"),   # c (tanh(d) - 1), SymPy's, is no shorter
    ("-(2 * x * (1 - sigmoid(c * d)) * d)", "-(2 * x * (1 - sigmoid(c * d)) * d)"),
])
def test_forms_written_as_sympy_writes_them(text, printed):
    node = parse(text)
    out = scalars._best_of(node, ((0, form) for form in native_forms(node)))
    assert E.to_text(out) == printed == E.to_text(scalars.by_sympy(node))


@pytest.mark.parametrize("text", ["(c + d)**2", "1 / (c + d)", "(c + d) * (c - d)",
                                  "exp(c) + 1", "c * exp(d) + c", "-c * (1 - tanh(d)**2)", "c * (1 - tanh(d)) / tanh(d)", "c * (c + d) + d", "c / d + c / 2", "sqrt(c + d)", "c + d - c - d"])
def test_what_is_not_known_here_takes_sympys_route(text):
    with pytest.raises(NotMonomial):
        native_forms(parse(text))


def _products_of_sums():
    """Products and quotients of sums (some sharing a generator, some with a common factor or a minus) and
    atoms, the sums to powers and under square roots: where forms_over_sums finds nothing shorter, SymPy's
    route keeps the node too."""
    atom = st.sampled_from((*_ATOMS[:14], "x", "A @ x", "sigmoid(c + d)", "tanh(tr(A) + 1)", "log(dot(x, y) + c)",
                            "sigmoid(d - c)", "tanh(2 * c + 2)")).map("({})".format)
    term = st.tuples(st.sampled_from(("", "-", "2 * ", "1/2 * ")), atom).map("".join)
    summed = st.tuples(st.lists(term, min_size=1, max_size=3), st.sampled_from(("", " + 1", " - 2"))).map(
        lambda t: f"({' + '.join(t[0])}{t[1]})")
    # a g^2 + b, positive (1 + |x|^2: irreducible), and some that are not (c^2 - 1 factors, 2 d^2 + 2 has content)
    squares = st.sampled_from(("(tr(A)**2 + 1)", "(2 * norm(x)**2 + 1)", "(c**2 + 3)", "(dot(x, y)**2 + 1)",
                               "(tanh(d)**2 + 1)", "(c**2 - 1)", "(2 * d**2 + 2)", "(c**2 + d)", "(1 - tanh(d)**2)"))
    summed = st.one_of(summed, squares)
    factor = st.one_of(atom, st.tuples(summed, st.sampled_from(("1", "2", "-1", "-2", "3"))).map("{0[0]}**{0[1]}".format),
                       summed.map("sqrt{}".format), summed)
    return st.tuples(st.sampled_from(("", "-", "2 * ", "-3 * ")), st.lists(factor, min_size=1, max_size=3),
                     st.lists(factor, max_size=2)).map(
        lambda t: f"{t[0]}(({' * '.join(t[1])}) / ({' * '.join(t[2]) or '1'}))")


def _kept_over_sums(node):
    over = scalars._over_sums(node)
    return over is not None and scalars._best_of(node, ((0, f) for f in over)) is node


@native_share(0.01)
@given(_products_of_sums())
def test_a_node_kept_over_opaque_sums_is_kept_by_sympys_route(text):
    node = parse(text)
    kept = _kept_over_sums(node)
    native_answered(kept)
    if kept:
        assert scalars.by_sympy(node) is node, text


@pytest.mark.parametrize("text", ["(dot(x, y) + c) / (tr(A) + 1)**2 * x", "x / sqrt(dot(x, x) + c)",
                                  "-2 * (tr(A) / (dot(x, x) + 1)**2) * x",
                                  "sigmoid(tr(A) + c) * (1 - sigmoid(tr(A) + c)) * x",
                                  "exp(c) / (tr(A) + 1)", "(y - x) / exp(0.5 * norm(x - y)**2)",
                                  "(dot(x, y) + 1) * d / exp(2 * c**3)", "-2 * (x / (norm(x)**2 + 1)**2)",
                                  "(x - y) / (norm(x - y)**2 + 1)", "dot(x, y)**2 / (tr(A)**2 + 1)",
                                  "2 * (tr(A) / (tr(A)**2 + 1)) * x", "c**2 / sqrt(c**2 + 1)"])
def test_sums_prime_to_the_rest_are_taken_as_generators(text):
    node = parse(text)
    assert _kept_over_sums(node) and scalars.by_sympy(node) is node


@pytest.mark.parametrize("text", ["(tr(A) + c) / (tr(A) + 1)**2",   # a generator in both sums
                                  "-((c - d) / (tr(A) + 1))",         # turned round, c - d loses the minus
                                  "(2 * c + 2) / tr(A)",              # a common factor
                                  "exp(c) * sigmoid(c) / (tr(A) + 1)",   # exp and sigmoid: they may cancel
                                  "(c**3 + c) / (c**2 + 1)", "x / (tr(A)**2 - 1)"])   # c in both sums; c^2 - 1 factors
def test_sums_not_prime_to_the_rest_go_sympys_route(text):
    assert not _kept_over_sums(parse(text))


def _gaussian_products():
    """Products and quotients of exp(c u^k) (u an atom, k a positive integer: the Gaussian exp(-|x - a|^2 / 2)),
    atoms, sums and numbers, with a sigmoid of u now and then: the native forms, and where they keep the node
    with each sum as one generator, SymPy's route's answer."""
    u = st.sampled_from(("c", "d", "tr(A)", "norm(x - y)", "dot(x, y)"))
    exp = st.tuples(st.sampled_from(("", "-", "-1/2 * ", "2 * ", "1/3 * ")), u, st.integers(1, 3)).map(
        lambda t: f"exp({t[0]}{t[1]}**{t[2]})")
    atom = st.sampled_from(("c", "d", "x", "y", "tr(B)", "sum(x)", "sigmoid(c)", "tanh(d)", "2", "-1"))
    summed = st.lists(st.tuples(st.sampled_from(("", "-", "2 * ")), atom).map("".join), min_size=2, max_size=3).map(
        lambda ts: f"({' + '.join(ts)})")
    factor = st.one_of(exp, exp.map("({})**-1".format), atom, summed)
    return st.tuples(st.sampled_from(("", "-", "3 * ")), st.lists(factor, min_size=1, max_size=3),
                     st.lists(factor, max_size=2)).map(
        lambda t: f"{t[0]}(({' * '.join(t[1])}) / ({' * '.join(t[2]) or '1'}))")


@native_share(0.15)
@given(_gaussian_products())
def test_products_with_exp_of_a_power_get_sympys_answer_without_sympy(text):
    _same_answer(text)   # assumes the text parses
    node = parse(text)
    if _kept_over_sums(node):
        assert scalars.by_sympy(node) is node, text


def _polynomials_with_a_number():
    """Sums with a number term of products of generators that share an atom (d + 1 - d sigmoid(d), the
    derivative of swish), times a monomial now and then: the native forms give SymPy's route's answer."""
    g = st.sampled_from(("d", "sigmoid(d)", "tanh(d)", "c", "tr(A)", "dot(x, y)", "sigmoid(dot(x, y))"))
    term = st.tuples(st.sampled_from(("", "-", "2 * ", "-3 * ")), st.lists(g, min_size=1, max_size=2),
                     st.sampled_from(("1", "2"))).map(lambda t: f"{t[0]}({' * '.join(t[1])})**{t[2]}")
    summed = st.tuples(st.lists(term, min_size=1, max_size=3), st.sampled_from((" + 1", " - 1", " + 2", " - 3"))).map(
        lambda t: f"({' + '.join(t[0])}{t[1]})")
    return st.tuples(st.sampled_from(("", "-", "2 * ")), summed, st.lists(g, max_size=2)).map(
        lambda t: f"{t[0]}({' * '.join([t[1], *t[2]])})")


@native_share(0.15)
@given(_polynomials_with_a_number())
def test_polynomials_with_a_number_term_get_sympys_answer_without_sympy(text):
    _same_answer(text)



def _polynomials_with_fractions():
    """Sums with a number term and fractional coefficients (1 - g / 4, z + z**2 / 2 + 1, 0.5 c + 0.5 - mean(u)): rationals
    and decimals of either sign, a float beside a rational, a common denominator, a base met twice, terms that cancel, a
    number times a sum inside, times a monomial now and then (SymPy's route's): the native forms give its answer."""
    g = st.sampled_from(("d", "sigmoid(d)", "c", "tr(A)", "dot(x, y)", "log(c)"))
    k = st.sampled_from(("1/2", "-1/2", "0.25", "-0.25", "3/4", "-3/2", "1/3", "0.1", "2", "-1", "1", "-2/3"))
    term = st.tuples(k, st.lists(g, min_size=1, max_size=2), st.sampled_from(("1", "2"))).map(
        lambda t: f"{t[0]} * ({' * '.join(t[1])})**{t[2]}")
    inner = st.tuples(st.sampled_from(("1/2", "-1/4", "0.5", "3")), st.lists(term, min_size=1, max_size=2), k).map(
        lambda t: f"{t[0]} * ({' + '.join(t[1])} + {t[2]})")
    summed = st.tuples(st.lists(st.one_of(term, inner), min_size=1, max_size=3), k).map(
        lambda t: f"({' + '.join(t[0])} + {t[1]})")
    return st.tuples(st.sampled_from(("", "-", "2 * ", "1/2 * ")), summed, st.lists(g, max_size=1)).map(
        lambda t: f"{t[0]}({' * '.join([t[1], *t[2]])})")


@native_share(0.15)
@given(_polynomials_with_fractions())
@example("1 + -1/4 * d")
@example("d + 1/2 * d**2 + 1")
@example("1/2 * (c * tr(A)) + 1/2 - log(c)")
@example("-(log(c) + 1/2 + -1/2 * (c * tr(A)))")
@example("1/2 * (1 - d**2) + 1")
@example("1/2 * c + 1/2 * d + 1/2")
@example("-3/4 * c + 3/2 * d - 3/4")
@example("1/2 * c - 1/2 * c + 1/3 * d + 1")
def test_polynomials_with_fractions_and_a_number_term_get_sympys_answer_without_sympy(text):
    _same_answer(text)

def _monomials_over_a_sum():
    """A monomial over a sum that shares its generators (u / (u**2 + 1), log(1 + u**2)'s derivative): a linear
    sum or a quadratic of one generator, with or without a rational root, the shared generator above or below
    the line or both."""
    u = st.sampled_from(("c", "dot(x, y)", "tanh(d)", "tr(A)"))
    summed = st.tuples(u, st.sampled_from(("{0}**2 + 1", "1 + {0}**2", "{0}**2 - 1", "{0}**2 + {0} + 1", "{0}**2 - 2",
                                           "2 * {0}**2 + 3 * {0} + 1", "{0} + 1", "{0} + d", "{0}**2 + 2 * {0} + 1",
                                           "{0}**2 + d"))).map(lambda t: "(" + t[1].format(f"({t[0]})") + ")")
    above = st.lists(st.sampled_from(("c", "dot(x, y)", "tanh(d)", "tr(A)", "d", "x", "(c)**2")), max_size=2)
    return st.tuples(st.sampled_from(("", "-", "2 * ")), above, summed, st.sampled_from(("", " * c", " * d", " * x"))).map(
        lambda t: f"{t[0]}(({' * '.join(t[1]) or '1'}) / ({t[2]}{t[3]}))")


@native_share(0.15)
@given(_monomials_over_a_sum())
def test_a_monomial_over_a_sum_sharing_its_generators_is_kept_as_sympys_route_keeps_it(text):
    node = parse(text)
    kept = _kept_over_sums(node)
    native_answered(kept)
    if kept:
        event("kept without SymPy")
        assert scalars.by_sympy(node) is node, text


@pytest.mark.parametrize("text", ["dot(x, y) / (dot(x, y)**2 + 1)", "2 * (c / (c**2 + 1)) * x", "c / (c + 1)",
                                  "c**2 / (2 * c**2 + 1)", "c / (c**2 + 1)**2"])
def test_a_sum_alone_below_a_monomial_sharing_its_generator_is_kept(text):
    node = parse(text)
    assert _kept_over_sums(node) and scalars.by_sympy(node) is node


@pytest.mark.parametrize("text", ["c / (c**2 - 1)",        # (c - 1) (c + 1): a rational root
                                  "c / (c**2 + 1) / c",    # c above and below
                                  "(c**2 + 1) / c"])       # the sum above the line
def test_a_sum_sharing_its_generator_otherwise_is_not_taken_as_one(text):
    assert not _kept_over_sums(parse(text))
def _sums_with_halves():
    """Sums of products of generators, some coefficients whole and some not (x^T A x / 2 - b^T x), times a
    monomial now and then: where the native forms know them (cancel and factor_terms keep them), SymPy's answer."""
    g = st.sampled_from(("c", "d", "x", "tr(A)", "dot(x, y)", "tanh(d)", "log(c)", "x.T @ A @ x"))
    term = st.tuples(st.sampled_from(("1/2 * ", "-1/2 * ", "", "-", "2 * ", "3/2 * ", "-1/3 * ", "3 * ")),
                     st.lists(g, min_size=1, max_size=2)).map(lambda t: f"{t[0]}({' * '.join(t[1])})")
    summed = st.lists(term, min_size=2, max_size=4).map(lambda ts: f"({' + '.join(ts)})")
    return st.tuples(st.sampled_from(("", "-", "2 * ")), summed, st.sampled_from(("", " * c", " / d"))).map("".join)


@native_share(0.3)
@given(_sums_with_halves())
def test_sums_with_halves_get_sympys_answer_without_sympy(text):
    _same_answer(text)


def _halves_inside_a_sum():
    """A number times a sum inside a sum, some coefficients whole and some not (B^T B x + (A + A^T) x / 2, the gradient
    of x^T A x / 2 + |B x|^2 / 2): where SymPy's expansion of it keeps every sign plus, the native forms know it."""
    g = st.sampled_from(("c", "d", "x", "tr(A)", "dot(x, y)", "tanh(d)", "x.T @ A @ x", "sqrt(c)"))
    term = st.tuples(st.sampled_from(("", "2 * ", "3 * ", "1/2 * ", "3/2 * ", "1/3 * ", "-", "-1/2 * ")),
                     st.lists(g, min_size=1, max_size=2)).map(lambda t: f"{t[0]}({' * '.join(t[1])})")
    inner = st.lists(term, min_size=2, max_size=3).map(" + ".join)
    return st.tuples(st.lists(term, max_size=2), st.sampled_from(("1/2", "3/2", "1/3", "2", "2/3")), inner).map(
        lambda t: " + ".join((*t[0], f"{t[1]} * ({t[2]})")))


@native_share(0.3)
@given(_halves_inside_a_sum())
def test_halves_inside_a_sum_get_sympys_answer_without_sympy(text):
    _same_answer(text)


@pytest.mark.parametrize("text", ["tr(A) + 1/2 * (c + d)", "c / 2 + d / 2 + x / 2 + tr(A)", "c / 2 + d / 2 + tr(A)",
                                  "dot(x, y) + 1/2 * (x.T @ A @ x + tr(A))"])
def test_a_sum_with_halves_and_every_sign_plus_is_answered_without_sympy(text):
    _answered_natively(text)


def _quotients_with_halves():
    """Sums of quotients, some coefficients whole and some not (x^T A x / 2 + c^T x - sum(log(x)), whose gradient is
    c + A x / 2 + A^T x / 2 - 1 / x): cancel's whole numerator over a denominator, SymPy's answer."""
    g = st.sampled_from(("c", "x", "tr(A)", "dot(x, y)", "tanh(d)", "x.T @ A @ x"))
    bottom = st.sampled_from(("", " / d", " / d**2", " / tr(B)", " / (d * tr(B))"))
    term = st.tuples(st.sampled_from(("1/2 * ", "-1/2 * ", "", "-", "2 * ", "3/2 * ", "-1/3 * ", "-2 * ")),
                     st.lists(g, max_size=2), bottom).map(lambda t: f"{t[0]}({' * '.join(t[1]) or '1'}){t[2]}")
    return st.lists(term, min_size=2, max_size=4).map(" + ".join)


@native_share(0.25)
@given(_quotients_with_halves())
def test_sums_of_quotients_with_halves_get_sympys_answer_without_sympy(text):
    _same_answer(text)


def _quotients_over_roots():
    """Sums of quotients by square roots of generators, and roots above the line (the gradient of sqrt(x^T A x) + w^T w,
    (A x + A^T x) / (2 sqrt(x^T A x)) + 2 w): with sqrt(t) one more generator, SymPy's answer."""
    g = st.sampled_from(("c", "x", "tr(A)", "dot(x, y)", "tanh(d)", "sqrt(d)", "sqrt(tr(B))"))
    bottom = st.sampled_from(("", " / sqrt(d)", " / sqrt(tr(B))", " / (sqrt(d) * tr(A))", " / d", " / sqrt(c)"))
    term = st.tuples(st.sampled_from(("1/2 * ", "", "-", "2 * ", "-3 * ")), st.lists(g, max_size=2), bottom).map(
        lambda t: f"{t[0]}({' * '.join(t[1]) or '1'}){t[2]}")
    summed = st.lists(term, min_size=2, max_size=4).map(" + ".join)
    return st.tuples(st.sampled_from(("", "1/2 * ", "-")), summed, st.sampled_from(("", " / sqrt(d)", " * sqrt(c)"))).map(
        lambda t: f"{t[0]}({t[1]}){t[2]}")


@native_share(0.05)
@given(_quotients_over_roots())
def test_sums_over_square_roots_get_sympys_answer_without_sympy(text):
    _same_answer(text)


def _sums_with_one_exp():
    """Sums with exp in one term (exp(x) + A x - b, the gradient of a loss with sum(exp(x)) in it), its cofactor a term
    too now and then (exp(d) + 1, c exp(d) - c), exp(-d), a second exp or a sigmoid now and then, times a monomial now
    and then: where the native forms know them, SymPy's answer."""
    g = st.one_of(st.sampled_from(("c", "d", "x", "tr(A)", "dot(x, y)", "tanh(d)")),
                  st.sampled_from(("sigmoid(d)", "exp(tr(B))", "1 / d", "c")))
    exp = st.sampled_from(("exp(d)", "exp(-d)", "exp(2 * d)", "exp(d)**2", "exp(c * d)"))
    term = st.tuples(st.sampled_from(("", "-", "2 * ", "1/2 * ")), st.lists(g, max_size=2)).map(
        lambda t: f"{t[0]}({' * '.join(t[1]) or '1'})")
    return st.tuples(term, exp, st.lists(term, min_size=1, max_size=3), st.sampled_from(("", " * c", " / tr(A)"))).map(
        lambda t: f"({t[0]} * {t[1]} + {' + '.join(t[2])}){t[3]}")


@native_share(0.05)
@given(_sums_with_one_exp())
def test_sums_with_exp_in_one_term_get_sympys_answer_without_sympy(text):
    _same_answer(text)


def _products_with_exp():
    """exp(d) now and then times a monomial times a sum with exp(d) in some terms (exp(A x) (exp(A x) - y), the gradient
    of |exp(A x) - y|^2), the sum's other terms their cofactors now and then (exp(d) (exp(d) + 1)), exp(-d), a second exp
    or a sigmoid now and then: where the native forms know them, SymPy's answer."""
    g = st.one_of(st.sampled_from(("c", "d", "x", "tr(A)", "dot(x, y)", "tanh(d)")),
                  st.sampled_from(("sigmoid(d)", "exp(tr(B))", "1 / d", "c")))
    exp = st.sampled_from(("exp(d)", "exp(d)", "exp(-d)", "exp(d)**2"))
    term = st.tuples(st.sampled_from(("", "-", "2 * ", "1/2 * ")), st.lists(g, max_size=2), st.booleans(), exp).map(
        lambda t: f"{t[0]}({' * '.join(t[1]) or '1'})" + (f" * {t[3]}" if t[2] else ""))
    return st.tuples(st.sampled_from(("", "exp(d) * ", "c * exp(d) * ", "-2 * ")), st.lists(term, min_size=2, max_size=3)).map(
        lambda t: f"{t[0]}({' + '.join(t[1])})")


@native_share(0.15)
@given(_products_with_exp())
def test_products_with_exp_in_the_sum_get_sympys_answer_without_sympy(text):
    _same_answer(text)


# exp beside a multiple of its cofactor, c m exp(a) + d m, d not c: by sigmoids longer (c exp(d) + c = c / (1 - s) is not)
@pytest.mark.parametrize("text", ["exp(c) + d", "exp(x) + A @ x - 2 * x + 2 * y", "exp(A @ x) * (exp(A @ x) - y)",
                                  "dot(y, x) * (dot(y, x)**2 - c)", "c * exp(d) - c", "x * (exp(d) - 1) / c",
                                  "exp(d) * (2 * exp(d) - 1)"])
def test_a_sum_with_exp_or_as_many_minus_as_plus_is_answered_without_sympy(text):
    _answered_natively(text)


@pytest.mark.parametrize("text", ["c + 1/2 * tr(A) - 1 / d", "c + 1/2 * tr(A) + 1/2 * dot(x, y) - 1 / d"])
def test_a_sum_of_quotients_with_halves_is_answered_without_sympy(text):
    _answered_natively(text)


@pytest.mark.parametrize("text", ["1/2 * (x.T @ A @ x) - dot(x, y)", "c / 2 + d / 2 - tr(A)", "-c / 2 + d"])
def test_half_a_quadratic_form_minus_a_linear_one_is_answered_without_sympy(text):
    _answered_natively(text)


def _exp_by_its_atom():
    """Products of exp(u) (or exp(-u), exp(2 u)) with u itself to a power, other atoms, and a sum in u now and
    then (u exp(u) and its derivative (u + 1) exp(u)), a sigmoid of u or a second exp now and then."""
    u = st.sampled_from(("d", "tr(A)", "dot(x, y)"))
    exp = st.sampled_from(("exp({u})", "exp(-{u})", "exp(2 * {u})", "1 / exp({u})"))
    power = st.sampled_from(("{u}", "{u}**2", "1 / {u}", "sqrt({u})", "2", "-1"))
    other = st.sampled_from(("c", "tr(B)", "sigmoid({u})", "exp({u})", "{u} + 1", "1 - {u}", "{u} + c", "{u}**2 + 1",
                             "1 - {u}**2", "2 * {u} - 3"))
    return st.tuples(u, exp, power, st.lists(other, max_size=2), st.booleans()).map(
        lambda t: " * ".join(f"({f})" for f in (t[1], t[2], *t[3]) if not t[4] or f != t[1]).format(u=t[0])
        + (f" / ({t[1]})".format(u=t[0]) if t[4] else ""))


@native_share(0.3)
@given(_exp_by_its_atom())
def test_exp_of_an_atom_times_the_atom_gets_sympys_answer_without_sympy(text):
    _same_answer(text)


@pytest.mark.parametrize("text", ["dot(x, y) * exp(dot(x, y))", "(dot(x, y) + 1) * exp(dot(x, y))",
                                  "d**2 / exp(d)"])
def test_exp_of_an_atom_times_the_atom_is_native(text):
    assert native_forms(parse(text))


def _sums_with_one_exp():
    """Sums whose terms each hold exp(u) (or exp(-u), or another exp now and then), u to a power and other atoms:
    the derivative of u exp(u), exp(u) u + exp(u), and its kin."""
    u = st.sampled_from(("d", "tr(A)"))
    exp = st.sampled_from(("exp({u})", "exp({u})", "exp({u})", "exp(-{u})", "exp(2 * {u})", "sigmoid({u})"))
    factor = st.sampled_from(("{u}", "{u}**2", "1 / {u}", "c", "2", "-1", "sqrt({u})", "{u} + 1", "1/2"))
    term = st.tuples(exp, st.lists(factor, max_size=2)).map(lambda t: " * ".join((t[0], *t[1])))
    return st.tuples(u, st.lists(term, min_size=2, max_size=3)).map(lambda t: " + ".join(t[1]).format(u=t[0]))


@native_share(0.15)
@given(_sums_with_one_exp())
def test_sums_with_one_exp_in_every_term_get_sympys_answer_without_sympy(text):
    _same_answer(text)


def test_the_derivative_of_u_exp_u_is_native():
    assert E.to_text(scalars._best_of(parse("exp(d) * d + exp(d)"), (
        (0, f) for f in native_forms(parse("exp(d) * d + exp(d)"))))) == "(d + 1) * exp(d)"


def _functions_of_multiples():
    """Products and sums of inert functions of u and of multiples of u (sigmoid(2 u), the Swish of beta = 2), u
    itself, unit binomials in them, other atoms: sigmoid(2 u) is to SymPy one more generator."""
    u = st.sampled_from(("d", "tr(A)"))
    g = st.sampled_from(("sigmoid(2 * {u})", "sigmoid({u})", "tanh(3 * {u})", "log(2 * {u})", "cos(1/2 * {u})",
                         "arctan(2 * {u})", "sigmoid(3 * {u})", "{u}", "c", "(1 - sigmoid(2 * {u}))"))
    factor = st.tuples(g, st.sampled_from(("1", "1", "2", "-1"))).map(lambda t: f"({t[0]})**{t[1]}")
    term = st.tuples(st.sampled_from(("", "-", "2 * ")), st.lists(factor, min_size=1, max_size=3)).map(
        lambda t: t[0] + " * ".join(t[1]))
    return st.tuples(u, st.lists(term, min_size=1, max_size=2)).map(lambda t: " + ".join(t[1]).format(u=t[0]))


@native_share(0.3)
@given(_functions_of_multiples())
def test_functions_of_multiples_of_an_atom_get_sympys_answer_without_sympy(text):
    _same_answer(text)


def test_the_derivative_of_swish_by_beta_2_is_native():
    assert native_forms(parse("sigmoid(2 * d) * (1 - sigmoid(2 * d)) * d"))


def _functions_of_functions():
    """Sums and products of tanh(softplus(u)) (Mish), its unit binomial, and functions of u, of v, of multiples of
    u and of softplus(v) beside it: to SymPy each is one more generator, in default_sort_key's order."""
    return _sums_of_products_of(("tanh(softplus(d))", "tanh(softplus(c))", "sigmoid(softplus(d))", "tanh(d)", "tanh(c)",
                                 "softplus(d)", "sigmoid(d)", "tanh(2 * d)", "d", "c", "(1 - tanh(softplus(d))**2)",
                                 "cos(softplus(tr(A)))", "tanh(sigmoid(d))"))


def _sums_of_products_of(generators):
    """One or two terms, each a sign or 2 times one to three of ``generators`` to the power 1, 2 or -1."""
    factor = st.tuples(st.sampled_from(generators), st.sampled_from(("1", "1", "2", "-1"))).map(
        lambda t: f"({t[0]})**{t[1]}")
    term = st.tuples(st.sampled_from(("", "-", "2 * ")), st.lists(factor, min_size=1, max_size=3)).map(
        lambda t: t[0] + " * ".join(t[1]))
    return st.lists(term, min_size=1, max_size=2).map(" + ".join)


@native_share(0.45)
@given(_functions_of_functions())
def test_functions_of_functions_of_an_atom_get_sympys_answer_without_sympy(text):
    _same_answer(text)


def _functions_of_products():
    """Sums and products of inert functions of products of atoms (sigmoid(y dot(w, x)), logistic regression's
    gradient), their unit binomials, functions of the atoms and of a multiple, the atoms themselves: to SymPy each
    is one more generator, its argument in SymPy's order; a power, a number or a minus in it goes SymPy's route."""
    return _sums_of_products_of(("sigmoid(d * c)", "sigmoid(c * d)", "sigmoid(dot(x, y) * d)", "tanh(c * d)", "sigmoid(d)",
                                 "sigmoid(2 * d)", "tanh(c * d * tr(A))", "cos(c * tr(A))", "d", "c", "(1 - sigmoid(c * d))",
                                 "(1 - tanh(d * c)**2)", "log(c * d)", "sigmoid(c**2 * d)", "sigmoid(-c * d)", "dot(x, y)",
                                 "arctan(tr(A) * tr(B))", "sigmoid(tr(B) * c)"))


@native_share(0.25)
@given(_functions_of_products())
def test_functions_of_products_of_atoms_get_sympys_answer_without_sympy(text):
    _same_answer(text)


def test_logistic_regressions_gradient_is_native():
    node = parse("d * (1 - sigmoid(dot(x, y) * d)) * c")
    assert scalars._best_of(node, ((0, f) for f in native_forms(node))) == scalars.by_sympy(node)


def _functions_of_quotients():
    """Sums and products of inert functions of quotients of atoms (x log(x / y), the KL divergence's terms) beside the
    same functions of atoms, of multiples and of products: to SymPy one generator each, sorted by their arguments' keys."""
    g = st.sampled_from(("log(c / d)", "log(d / c)", "log(c)", "log(tr(A) / c)", "log(c * d / tr(A))", "tanh(c / d)",
                         "log(dot(x, y) / tr(B))", "tanh(c * d)", "tanh(d)", "tanh(2 * d)", "tanh(d / c)", "sigmoid(c / d)",
                         "sigmoid(c * d)", "cos(c / d / tr(A))", "log(1 / c)", "log(2 * c / d)", "c", "d", "tr(A)", "2"))
    factor = st.tuples(g, st.sampled_from(("1", "1", "2", "-1"))).map(lambda t: f"({t[0]})**{t[1]}")
    term = st.tuples(st.sampled_from(("", "-", "2 * ")), st.lists(factor, min_size=1, max_size=3)).map(
        lambda t: t[0] + " * ".join(t[1]))
    return st.lists(term, min_size=1, max_size=3).map(" + ".join)


@native_share(0.4)
@given(_functions_of_quotients())
def test_functions_of_quotients_of_atoms_get_sympys_answer_without_sympy(text):
    _same_answer(text)


def _monomials_with_rational_powers():
    """Monomials whose generators stand to any rational power (the derivative of u^(1/3), u^(-2/3) / 3), exp(d) among
    them now and then, built as the engine builds them (a number for the exponent: the parser reads 1/3 as a quotient)."""
    base = st.sampled_from(("c", "d", "tr(A)", "dot(x, y)", "norm(x)", "log(c)", "tanh(d)", "sigmoid(tr(A))", "cos(c)",
                            "cosh(d)", "sqrt(c)", "abs(c)", "sign(d)", "softplus(c)", "exp(d)"))
    power = st.sampled_from(("1/3", "-2/3", "2/3", "-1/3", "3/2", "-3/2", "5/4", "-5/3", "1", "2", "-1", "1/2", "-1/2"))
    factor = st.tuples(base, power)
    return st.tuples(st.sampled_from(("1", "2", "-1", "1/3", "-2/3")), st.lists(factor, min_size=1, max_size=3),
                     st.lists(factor, max_size=1))


@native_share(0.5)
@given(_monomials_with_rational_powers())
def test_monomials_with_rational_powers_get_sympys_answer_without_sympy(parts):
    number, tops, bottoms = parts
    node = E.num(sympy.Rational(number))
    for base, power in tops:
        node = E.mul(node, E.power(parse(base), E.num(sympy.Rational(power))))
    for base, power in bottoms:
        node = E.div(node, E.power(parse(base), E.num(sympy.Rational(power))))
    try:
        forms = native_forms(node)
    except NotMonomial:   # exp(d) to a power SymPy writes as exp(k d), or a root of something other than a generator
        assert "exp" in E.to_text(node) or "sqrt" in E.to_text(node) or "abs" in E.to_text(node)
        native_answered(False)
        return
    native_answered(True)
    assert scalars._best_of(node, ((0, form) for form in forms)) == scalars.by_sympy(node), E.to_text(node)


def test_the_derivative_of_a_cube_root_is_native():
    node = E.mul(E.num(sympy.Rational(1, 3)), E.power(parse("dot(x, y)"), E.num(sympy.Rational(-2, 3))))
    assert scalars._best_of(node, ((0, f) for f in native_forms(node))) == scalars.by_sympy(node)
