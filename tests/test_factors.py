"""mcdocgen.present.factors: a product's factors as the LaTeX printer reads them (the printed forms
are in tests/test_latex.py)."""

from language_support import SCOPE
from mcdocgen import language as E
from mcdocgen.present.factors import chain_factors, equal_runs, numbers_into_fractions, scalar_product, times_ones


def node(text: str) -> E.Node:
    return E.parse(text, SCOPE)


def test_a_product_opens_into_its_factors_with_scalars_and_counts_equal_neighbours() -> None:
    factors = chain_factors(node("(c * A) @ (c * A) @ B @ A"))
    assert factors == [node("c"), node("A"), node("c"), node("A"), node("B"), node("A")]
    matrices = [f for f in factors if not f.shape.is_scalar]
    assert equal_runs(matrices) == [(node("A"), 2), (node("B"), 1), (node("A"), 1)]


def test_a_factor_with_a_sign_of_its_own_stays_whole() -> None:
    assert chain_factors(node("A @ (-2 * B)")) == [node("A"), node("-2 * B")]


def test_scalars_gather_into_a_number_and_powers() -> None:
    assert scalar_product([node("c"), node("2"), node("c"), node("3"), node("d")]) == node("6 * c**2 * d")
    assert scalar_product([E.num("1/2"), node("2")]) == node("1")


def test_a_number_in_a_sum_of_arrays_is_ones_times_it() -> None:
    assert times_ones(node("-1"), node("x").shape) == E.neg(E.Ones(node("x").shape))
    assert times_ones(node("c"), node("x").shape) == node("c")     # a scalar variable stays itself


def test_a_number_in_front_of_a_fraction_is_written_into_it_as_the_page_writes_it() -> None:
    """The terminal read 0.5 * ((c * x - d * y) / c**2) (the simplifier's number in front, 1/2 written as a
    decimal) beside the page's (c x - d y) / (2 c^2); 2 * (x / c) reads 2 * x / c. Inside a sum and a call too."""
    half = E.mul(E.num("1/2"), node("(c * x - d * y) / c**2"))
    assert numbers_into_fractions(half) == node("(c * x - d * y) / (2 * c**2)")
    assert E.flat_text(numbers_into_fractions(half)) == "(c * x - d * y) / (2 * c**2)"
    assert E.flat_text(numbers_into_fractions(node("sum(2 * (x / c)) + d"))) == "sum(2 * x / c) + d"
    for kept in ("2 * (A + B)", "-2 * (x / c)", "0.5 * (A + A.T)", "2 * (x / y)"):     # no fraction, a sign, o-quotient
        assert numbers_into_fractions(node(kept)) == node(kept)
