"""Sums with products of sums in their terms, without SymPy: on random nested sums the multiplied-out forms give
SymPy's route's answer, and the common factors taken out never make the answer longer or a different value."""

import pytest
import sympy
from hypothesis import assume, event, example, given, strategies as st

from rewrite_support import assert_native_gives_sympys_answer, assert_same_value, native_answered, native_share, parse
from mcdocgen import language as E
from mcdocgen.engine import scalars
from mcdocgen.engine.monomial import AtomNames, NotMonomial
from mcdocgen.engine.native import forms_of
from mcdocgen.engine.native_nested import common_factored, expanded, nested_forms
from mcdocgen.errors import ExprError

_GENERATORS = ("d", "c", "x", "tr(A)", "dot(x, y)", "sigmoid(d)", "tanh(d)", "sigmoid(dot(x, y))", "log(c)",
               "1 - sigmoid(d)", "1 - tanh(d)**2", "exp(d)", "sigmoid(c * d)", "1 - sigmoid(d * c)")


def _nested():
    """Sums of products whose factors are generators, unit binomials and sums of them (the chain rule's
    u_2 + u_2 (1 - u_2) u_1), times a generator now and then."""
    g = st.sampled_from(_GENERATORS).map("({})".format)
    inner = st.lists(st.tuples(st.sampled_from(("", "-", "2 * ")), g).map("".join), min_size=2, max_size=3).map(
        lambda ts: f"({' + '.join(ts)})")
    factor = st.one_of(g, g, inner, st.tuples(g, st.sampled_from(("2", "-1"))).map("{0[0]}**{0[1]}".format))
    term = st.tuples(st.sampled_from(("", "-", "2 * ", "-3 * ", "1/2 * ")), st.lists(factor, min_size=1, max_size=3)).map(
        lambda t: f"{t[0]}({' * '.join(t[1])})")
    summed = st.lists(term, min_size=1, max_size=3).map(lambda ts: f"({' + '.join(ts)})")
    return st.tuples(summed, st.lists(g, max_size=2)).map(lambda t: " * ".join([t[0], *t[1]]))


def _parsed(text):
    try:
        return parse(text)
    except ExprError:
        assume(False)


def _nested_sums():
    """u a + (1 - u^2) x a and the like: terms that are monomials, or monomials times a sum (to a power now and
    then), over a monomial now and then; generators shared between the terms."""
    g = st.sampled_from(("c", "d", "x", "tr(A)", "dot(x, y)", "tanh(d)", "log(c)", "norm(x)"))
    coeff = st.sampled_from(("", "-", "2 * ", "-3 * ", "1/2 * "))
    monomial = st.tuples(coeff, st.lists(g, min_size=1, max_size=2)).map(lambda t: f"{t[0]}({' * '.join(t[1])})")
    summed = st.tuples(st.lists(monomial, min_size=1, max_size=3), st.sampled_from(("", " + 1", " - 1"))).map(
        lambda t: f"({' + '.join(t[0])}{t[1]})")
    power = st.sampled_from(("", "", "**2"))
    over = st.sampled_from(("", "", " / c", " / tr(A)**2"))
    term = st.one_of(monomial, st.tuples(monomial, summed, power, over).map(lambda t: f"{t[0]} * {t[1]}{t[2]}{t[3]}"))
    return st.lists(term, min_size=2, max_size=3).map(" + ".join)


def _multiplied_out_forms(node):
    return forms_of(expanded(node, AtomNames()), node)


@native_share(0.3)
@given(_nested_sums())
@example("c + c * c * (c * c + c * d)")   # factor_terms takes c out of c + c**4 + c**3 d: the sum alone is no candidate
@example("(c) + (c) + (c * d) * ((c))**2")
def test_sums_holding_sums_get_sympys_answer_without_sympy(text):
    assert_native_gives_sympys_answer(text, _multiplied_out_forms)


@pytest.mark.parametrize("text, printed", [
    ("tanh(d) * x + (1 - tanh(d)**2) * (c * x)", "x * (c + tanh(d) - c * tanh(d)**2)"),
    ("(c - d) / tr(A) + (c - y) / det(A)", "(c - d) / tr(A) + (c - y) / det(A)"),
    # a sum inside an atom below the line is no sum below the line: norm(x - a) + norm(x - b)'s gradient
    ("(x - y) / norm(x - y) + (x - A @ x) / norm(x - A @ x)", "(x - y) / norm(x - y) + (x - A @ x) / norm(x - A @ x)"),
])
def test_the_forms_are_those_of_the_sum_multiplied_out(text, printed):
    node = parse(text)
    out = scalars._best_of(node, ((0, form) for form in nested_forms(node, scalars._weight)))
    assert E.to_text(out) == printed == E.to_text(scalars.by_sympy(node))


def test_terms_multiplied_out_are_collected():
    found = expanded(parse("c * (d + 1) - c * d + (c + 1)**2"), AtomNames())
    assert sorted((str(c), sorted((g.name, str(k)) for g, k in p.items())) for c, p in found) == [
        ("1", []), ("1", [("c", "2")]), ("3", [("c", "1")])]


@native_share(0.2)
@given(_nested())
@example("(-3 * (c * tr(A)) + -3 * (-d + -tr(A)) + -3 * (tr(A) * (c + 2 * d)))")   # factor turns the sum round: SymPy's
def test_multiplied_out_forms_give_sympys_answer(text):
    node = _parsed(text)
    try:
        forms = forms_of(expanded(node, AtomNames()), node)
    except NotMonomial:
        event("SymPy's route")
        native_answered(False)
        return
    event("native")
    native_answered(True)
    native = scalars._best_of(node, ((0, form) for form in forms))
    assert native == scalars.by_sympy(node), (text, E.to_text(native))


def _like_terms(node):
    """The sums in ``node`` with like terms (c + c, c + 2 * c), as SymPy's Add would find them."""
    atoms = scalars._Atoms()
    return [E.to_text(n) for n in E.walk(node) if isinstance(n, E.Add)
            and len(sympy.Add.make_args(sympy.Add(*(scalars.to_sympy(t, atoms) for t in n.terms)))) < len(n.terms)]


@native_share(0.05)
@given(_nested())
@example("(-3 * (c * tr(A)) + -3 * (-d + -tr(A)) + -3 * (tr(A) * (c + 2 * d)))")
@example("(sigmoid(d) * (c + c) * d + sigmoid(d) * (1 - sigmoid(d)) * tr(A))")   # c + c in a term: 2 c, as SymPy writes
@example("(((d)) + ((d) * ((d) + (c) + -(d))))")   # (d + c) - d, the parser's nested sums: c
@example("(((-(sigmoid(d)) + -(1 - sigmoid(d)))))")   # a number times a sum: its terms, as SymPy's Mul distributes
@example("(((sigmoid(c * d))) + (((sigmoid(c * d)) + 2 * (1 - sigmoid(d * c)))))")
@example("(((d)) + ((d) * ((d) + (x) + -(x))))")   # x - x added up: the form would lose the vector shape
def test_common_factors_taken_out_are_equal_and_never_longer(text):
    node = _parsed(text)
    factored = common_factored(node)
    if factored is not None:
        assert_same_value(node, factored)
    try:
        forms = nested_forms(node, scalars._weight)
    except NotMonomial:
        native_answered(False)
        return
    native_answered(True)
    native = scalars._best_of(node, ((0, form) for form in forms))
    expected = scalars.by_sympy(node)
    assert_same_value(node, native)
    assert scalars._size(native) <= scalars._size(expected), (text, E.to_text(native), E.to_text(expected))
    # a new form holds no like terms (sigmoid(c d) - sigmoid(d c) too: a form with them is longer than SymPy's)
    assert native is node or not _like_terms(native), (text, E.to_text(native))


@pytest.mark.parametrize(("text", "printed"), [
    # swish's derivative, as the chain rule gives it: sigmoid(u) (1 + u (1 - sigmoid(u)))
    ("sigmoid(d) + sigmoid(d) * (1 - sigmoid(d)) * d", "sigmoid(d) * (1 + d * (1 - sigmoid(d)))"),
    ("(sigmoid(d) + sigmoid(d) * (1 - sigmoid(d)) * d) * x", "sigmoid(d) * x * (1 + d * (1 - sigmoid(d)))"),
    ("c * (1 - tanh(d)**2) * x - c * (1 - tanh(d)**2) * y", "c * (1 - tanh(d)**2) * (x - y)"),
    ("-2 * c * d - 4 * c", "-2 * (c * (d + 2))"),   # a number in front, as from_sympy writes one
    ("sigmoid(d) * (c + c) * d + sigmoid(d) * (1 - sigmoid(d)) * tr(A)",   # like terms added: c + c is 2 c
     "sigmoid(d) * (2 * (c * d) + tr(A) * (1 - sigmoid(d)))"),
    ("x * (d * tr(A) + tr(A) * d) + x * c", "x * (2 * (d * tr(A)) + c)"),
])
def test_the_textbook_form(text, printed):
    node = parse(text)
    assert E.to_text(common_factored(node)) == printed
    assert_same_value(node, parse(printed))


@pytest.mark.parametrize("text", ["c * (c + d) + d * (c + d)",    # (c + d)**2: factor finds it, SymPy decides
                                  "c / (c + d) + d",               # a sum in a denominator
                                  "exp(d) * (1 + c) + d",          # exp in a sum: the sigmoid forms are SymPy's
                                  "(c + d)**5 + c"])               # a power past MAX_POWER
def test_what_is_not_known_here_takes_sympys_route(text):
    with pytest.raises(NotMonomial):
        nested_forms(parse(text), scalars._weight)


def test_swish_needs_no_sympy_and_reads_as_the_textbook():
    node = parse("sigmoid(dot(x, y)) + sigmoid(dot(x, y)) * (1 - sigmoid(dot(x, y))) * dot(x, y)")
    assert E.to_text(scalars._best_of(node, ((0, f) for f in nested_forms(node, scalars._weight)))) == \
        "sigmoid(dot(x, y)) * (1 + dot(x, y) * (1 - sigmoid(dot(x, y))))"


def test_a_shorter_multiplied_out_form_wins():
    # u a letter: (u + 1 - u s) s, SymPy's factor_terms' form, is one node shorter than s (1 + u (1 - s))
    node = parse("sigmoid(d) + sigmoid(d) * (1 - sigmoid(d)) * d")
    out = scalars._best_of(node, ((0, f) for f in nested_forms(node, scalars._weight)))
    assert out == scalars.by_sympy(node) and E.to_text(out) == "(d + 1 - d * sigmoid(d)) * sigmoid(d)"


def _products_of_sums():
    """A number times generators times two or three sums of generators that share some (s (1 - s) (1 - 2 s)),
    some the same up to sign, some with a common factor or more minus than plus signs."""
    g = st.sampled_from(("d", "sigmoid(d)", "tanh(d)", "c", "dot(x, y)", "x"))
    summed = st.tuples(st.lists(st.tuples(st.sampled_from(("", "-", "2 * ", "-2 * ")), g).map("".join), min_size=1,
                                max_size=2), st.sampled_from(("", " + 1", " - 1"))).map(lambda t: f"({' + '.join(t[0])}{t[1]})")
    return st.tuples(st.sampled_from(("", "-", "2 * ")), st.lists(g, max_size=2), st.lists(summed, min_size=2, max_size=3)).map(
        lambda t: f"{t[0]}({' * '.join([*t[1], *t[2]])})")


@native_share(0.2)
@given(_products_of_sums())
@example("(d * (dot(x, y) + dot(x, y)) * (-d - 1))")   # -2 (d dot(x, y) (d + 1)): as short as SymPy's, so SymPy's
def test_a_product_of_prime_sums_is_kept_where_sympys_route_keeps_it(text):
    node = _parsed(text)
    try:
        forms = scalars._native(node)   # as the simplifier asks: native.py's forms first, then these
    except NotMonomial:
        event("SymPy's route")
        native_answered(False)
        return
    event("native")
    native_answered(True)
    native = scalars._best_of(node, ((0, form) for form in forms))
    expected = scalars.by_sympy(node)
    assert_same_value(node, native)
    assert native == expected or scalars._size(native) < scalars._size(expected), (text, E.to_text(native))


@pytest.mark.parametrize("text", ["sigmoid(d) * (1 - sigmoid(d)) * (1 + -2 * sigmoid(d)) * x",   # as the chain rule writes it
                                  "sigmoid(dot(x, y)) * (1 - sigmoid(dot(x, y))) * (c - sigmoid(dot(x, y)))"])
def test_sigmoids_second_derivative_is_kept_without_sympy(text):
    node = parse(text)
    assert nested_forms(node, scalars._weight) == () and scalars.by_sympy(node) is node


def test_a_product_of_sums_multiplied_out_to_a_unit_binomial_is_native():
    node = parse("(c + 1) * (c - 1) * d")   # d (c**2 - 1) is shorter; factor's (c - 1) (c + 1) d is the node
    native = scalars._best_of(node, ((0, form) for form in nested_forms(node, scalars._weight)))
    assert E.to_text(native) == "d * (c**2 + -1)" == E.to_text(scalars.by_sympy(node))


@pytest.mark.parametrize("text", ["(1 - sigmoid(d)) * (sigmoid(d) - 1)",  # the same sum turned round
                                  "-(c + 1) * (d + 1)"])             # a minus in front
def test_a_product_of_sums_sympy_may_shorten_takes_sympys_route(text):
    with pytest.raises(NotMonomial):
        nested_forms(parse(text), scalars._weight)
