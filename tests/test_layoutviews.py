"""mcdocgen.present.layoutviews: one layout's steps and result as a page shows them."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.language import Layout

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def rayleigh():
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "ml-rayleigh-quotient")
    return run_problem(problem, plots=False).view


def test_a_where_block_is_not_repeated_under_the_next_row(rayleigh):
    """The Rayleigh quotient's put-back row and its Result, one after the other, each had the same two-line
    "where p = x^T A x, t = x^T x": the Result's is not shown again (its Copy LaTeX keeps it)."""
    for lay in rayleigh.results[0].layouts:
        assert (lay.put_back or lay.assumed) and lay.displays.put_back_where, "no put-back row with names: the test tests nothing"
        assert lay.displays.result_where == (), lay.displays.result_where
        assert lay.where and r"\text{where }" in lay.shown_result     # Copy LaTeX and the handout keep it


def test_the_names_a_result_defines_are_carried_as_data_one_a_where_row(rayleigh):
    """The names the Result's "where" block defines (p and t) come as names, in its order, beside their
    definitions as LaTeX and as text: the kink notes read them, never recover them from printed text."""
    for lay in rayleigh.results[0].layouts:
        assert lay.where_names == ("p", "t"), lay.where_names
        assert len(lay.where) == len(lay.where_text) == len(lay.where_names)
        assert all(text.startswith(f"{name} = ") for name, text in zip(lay.where_names, lay.where_text, strict=True))


def test_the_terminal_s_rows_write_a_number_into_the_fraction_it_stands_before(rayleigh):
    """The Rayleigh quotient's Result read 2 * ((t * A @ x - p * x) / t**2) in the terminal, 2 (t A x - p x) / t^2
    on the page: the text form writes the number into the fraction as the page does (present.factors); the JSON
    report's result_text keeps the simplifier's tree as it is."""
    lay = rayleigh.results[0].layout(Layout.DENOMINATOR)
    assert lay.named_result_text == "2 * (t * A @ x - p * x) / t**2"
    assert lay.result.text == "2 * (dot(x, x) * A @ x - dot(x, A @ x) * x) / dot(x, x)**2"
    assert lay.result_text == "2 * ((dot(x, x) * A @ x - dot(x, A @ x) * x) / dot(x, x)**2)"


@pytest.fixture(scope="module")
def logistic():
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "ml-logistic-regression")
    return run_problem(problem, plots=False).view


def test_a_result_writes_the_names_an_earlier_result_of_the_page_defines(logistic):
    """Logistic regression's gradient reads X^T (p - y), where a = X w, p = sigma(a); its Hessian wrote
    sigma(X w) o (1 - sigma(X w)) below it (review s44 P2): one naming a page, X^T diag(p o (1 - p)) X with the same
    "where", though that is the chain's product again (the product row, the same, is not shown twice)."""
    gradient, hessian = logistic.results
    assert gradient.order == 1 and hessian.order == 2
    for first, second in zip(gradient.layouts, hessian.layouts, strict=True):
        assert first.where_names == second.where_names == ("a", "p")
        assert r"\sigma" not in " ".join(second.displays.result), second.displays.result
        assert r"\operatorname{diag}\mathopen{}\left(\mathbf{p} \circ \left(\mathbf{1} - \mathbf{p}\right)\right)" \
            in second.shown_result
        assert second.where == first.where and second.displays.result_where
        assert not second.show_product      # the Result as named is the simplified product: one row, not two
