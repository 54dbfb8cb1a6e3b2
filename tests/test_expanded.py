"""Sums whose terms hold sums: their candidate forms, made from the sum multiplied out, give the answer SymPy's
route gives, and what is not known here goes SymPy's route."""

import pytest
from hypothesis import example, given, strategies as st

from rewrite_support import assert_native_gives_sympys_answer, parse
from mcdocgen import language as E
from mcdocgen.engine import scalars
from mcdocgen.engine.expanded import expanded_forms, expanded_terms
from mcdocgen.engine.monomial import AtomNames, NotMonomial


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


@given(_nested_sums())
@example("c + c * c * (c * c + c * d)")   # factor_terms takes c out of c + c**4 + c**3 d: the sum alone is no candidate
def test_sums_holding_sums_get_sympys_answer_without_sympy(text):
    assert_native_gives_sympys_answer(text, expanded_forms)


@pytest.mark.parametrize("text, printed", [
    ("tanh(d) * x + (1 - tanh(d)**2) * (c * x)", "x * (c + tanh(d) - c * tanh(d)**2)"),
    ("(c - d) / tr(A) + (c - y) / det(A)", "(c - d) / tr(A) + (c - y) / det(A)"),
])
def test_the_forms_are_those_of_the_sum_multiplied_out(text, printed):
    node = parse(text)
    out = scalars._best_of(node, ((0, form) for form in expanded_forms(node)))
    assert E.to_text(out) == printed == E.to_text(scalars.by_sympy(node))


def test_terms_multiplied_out_are_collected():
    found = expanded_terms(parse("c * (d + 1) - c * d + (c + 1)**2"), AtomNames())
    assert sorted((str(c), sorted((g.name, str(k)) for g, k in p.items())) for c, p in found) == [
        ("1", []), ("1", [("c", "2")]), ("3", [("c", "1")])]


@pytest.mark.parametrize("text", ["c / (c + d) + d", "exp(c) * (c + 1) + d", "sigmoid(c) * (1 - c) + d",
                                  "c * (c + d)", "(c + d)**5 + 1"])
def test_what_is_not_known_here_takes_sympys_route(text):
    with pytest.raises(NotMonomial):
        expanded_forms(parse(text))
