"""mcdocgen.present.sources: what a problem's source cites (Cookbook equations, seed items,
Wikipedia rows) and the "Not yet derived" page's data."""

from __future__ import annotations

from pathlib import Path

import pytest
from catalog_support import BASE, write

from mcdocgen.catalog import load_catalog
from mcdocgen.catalog.not_derived import NotDerived
from mcdocgen.commands.pipeline import identity_views, run_catalog
from mcdocgen.present.sources import (Citation, Family, cookbook_equations, family, names_reference, seed_items,
                                      source_text, sources_view, wikipedia_tables)
from mcdocgen.publish.navigation import NOT_DERIVED
from mcdocgen.publish.render import render_site_pages


@pytest.mark.parametrize(("source", "numbers"), [
    ("The Matrix Cookbook (2012), eq. 57", (57,)),
    ("The Matrix Cookbook (2012), eqs. 57, 58", (57, 58)),
    ("The Matrix Cookbook (2012), eqs. 57–59", (57, 58, 59)),
    ("The Matrix Cookbook, eq. 81 and 97 (quadratic forms)", (81, 97)),
    ("The Matrix Cookbook (2012), eqs. 90-10", (90, 10)),       # a backward range is two equations
    ("Matrix Cookbook section 2.8.2", ()),                      # a section is not an equation
    ("CS 316 week 3, example 5", ()),
])
def test_cookbook_equations_are_read_from_the_source(source, numbers):
    assert cookbook_equations(source) == numbers


def test_a_reader_sees_the_source_without_the_seed_markers():
    assert source_text("CS 316 week 3, example 2 [seed 000-15, 001-18]") == "CS 316 week 3, example 2"
    assert source_text("Bishop, 4.3 [sic]") == "Bishop, 4.3 [sic]"


def test_seed_items_and_families():
    assert seed_items("CS 316 week 3, Common Derivatives [seed 000-23]") == ("000-23",)
    assert seed_items("IT5005 [seed 000-33, 003-11] and [seed 004-07]") == ("000-33", "003-11", "004-07")
    assert family("CS 316 week 3, Common Derivatives [seed 000-23]") == Family.SEEDS
    assert family("The Matrix Cookbook (2012), eq. 57") == Family.COOKBOOK
    assert family("Wikipedia, Matrix calculus, scalar-by-vector identities: a^T x") == Family.WIKIPEDIA
    assert family("Bishop (2006), section 4.3.2") == Family.OTHER


def test_wikipedia_rows_are_read_at_the_start_or_after_a_semicolon():
    assert wikipedia_tables("Wikipedia, Matrix calculus, scalar-by-vector identities: u v, the product rule") == (
        "scalar-by-vector",)
    combined = ("The Matrix Cookbook (2012), eq. 41; also Wikipedia, Matrix calculus, scalar-by-scalar identities: |U|; "
                "Wikipedia, Matrix calculus, vector-by-vector identities: g(u), the chain rule")
    assert wikipedia_tables(combined) == ("scalar-by-scalar", "vector-by-vector")
    assert wikipedia_tables("see Wikipedia, Matrix calculus, scalar-by-vector identities: x") == ()   # a mention
    assert wikipedia_tables("Wikipedia, Matrix calculus, scalar-by-vector identities: ") == ()      # no row


@pytest.mark.parametrize(("source", "named"), [
    ("The Matrix Cookbook (2012), eqs. 96, 97, 98 (A = X^T X); Bishop (2006), section 3.1.4", True),
    ("CS 316 week 3, example 2 [seed 000-15]; Huber (1964)", True),
    ("Wikipedia, Matrix calculus, vector-by-vector identities: g(u), the chain rule; Vaswani et al. (2017)", True),
    ("Bishop, Pattern Recognition and Machine Learning (2006), section 4.3.2, eqs. 4.90, 4.91", False),
    ("Srinivasan and Panda (arXiv 1911.06491); Matrix Cookbook section 2.8.2", False),   # a section, no equation
    ("CE40282 Vector, Matrix, Tensor Derivatives, derivative of a matrix with respect to a matrix", False),
])
def test_a_source_names_an_equation_a_seed_item_or_a_table_row(source, named):
    assert names_reference(source) is named


#: Problems of the project's catalog allowed to cite none of the three, each with its reason (none today).
UNREFERENCED: dict[str, str] = {}


def test_every_problem_of_the_catalog_names_its_seed_slide_table_row_or_cookbook_equation():
    catalog = load_catalog(Path(__file__).resolve().parents[1] / "derivations.yaml")
    unnamed = {p.id: p.source for p in catalog.problems if not names_reference(p.source)}
    assert unnamed.keys() == UNREFERENCED.keys(), unnamed
    # an equation a problem cites is an instance derived: the "Not yet derived" page must not list it too
    derived = {n for p in catalog.problems for n in cookbook_equations(p.source)}
    assert not derived & {n for e in catalog.not_derived for n in cookbook_equations(e.source)}


def test_a_combined_source_is_shown_whole_without_its_seed_marker(tmp_path):
    source = ("The Matrix Cookbook (2012), eqs. 96, 97, 98 (A = X^T X, b = -2 X^T y); CS 316 week 3, example 5 "
              "[seed 000-37]; Bishop (2006), section 3.1.4")
    catalog = load_catalog(write(tmp_path, BASE.replace('source: "test"', f'source: "{source}"')))
    pages = render_site_pages(catalog, [o.view for o in run_catalog(catalog, 1)], identity_views())
    (page,) = [text for name, text in pages.items() if name.startswith("problems/") and name.endswith("demo.md")]
    assert ("*Source:* The Matrix Cookbook (2012), eqs. 96, 97, 98 (A = Xᵀ X, b = -2 Xᵀ y); CS 316 week 3, "
            "example 5; Bishop (2006), section 3.1.4 ·") in page.replace("\\", "")


def test_the_view_lists_gaps_by_family_and_the_cookbook_equations_derived():
    a, b = Citation("A", "a.md"), Citation("B", "b.md")
    gaps = (NotDerived("Bishop, 4.3", "x", "why", 3),
            NotDerived("The Matrix Cookbook (2012), eqs. 60, 57", "y", "why", 7),
            NotDerived("Note [seed 003-08]", "z", "why", 9))
    view = sources_view([("The Matrix Cookbook (2012), eq. 57", a), ("The Matrix Cookbook (2012), eqs. 57, 58", b),
                         ("CS 316", a)], gaps)
    assert view.cookbook == ((57, (a, b)), (58, (b,)))
    assert view.cookbook_count == 2
    assert view.cookbook_missing == (60,)        # 57 is derived, so it is not missing
    assert [f for f, _ in view.gaps] == [Family.COOKBOOK, Family.SEEDS, Family.OTHER]


def test_the_page_shows_each_gap_as_math_with_its_escaped_source_and_reason(tmp_path):
    text = BASE.replace('source: "test"', 'source: "The Matrix Cookbook (2012), eq. 57"') + (
        "not_derived:\n  - source: \"The Matrix Cookbook (2012), eq. 60 <b> by h^T\"\n"
        "    statement: '\\frac{\\partial (\\mathbf{X}^{-1})_{kl}}{\\partial X_{ij}}'\n"
        "    reason: \"No derivative by one entry *X_ij*.\"\n")
    catalog = load_catalog(write(tmp_path, text))
    page = render_site_pages(catalog, [o.view for o in run_catalog(catalog, 1)], identity_views())[NOT_DERIVED]
    assert "$$\n\\frac{\\partial (\\mathbf{X}^{-1})_{kl}}{\\partial X_{ij}}\n$$" in page
    assert "<b>" not in page and "*X_ij*" not in page          # catalog text is text
    assert "No derivative by one entry &#42;Xᵢⱼ&#42;." in page     # its math as the site's plain text writes it
    assert "| (57) | [Demo](problems/general/demo.md) |" in page
    assert "eq. 60 &lt;b&gt; by hᵀ" in page
    assert "**1** more is listed as not derived" in page


def test_an_equation_derived_by_many_problems_links_a_few_and_counts_the_rest():
    from mcdocgen.publish.render import COOKBOOK_LINKS, render_page

    cited = [("The Matrix Cookbook (2012), eq. 57", Citation(f"P{k}", f"p{k}.md")) for k in range(COOKBOOK_LINKS + 2)]
    page = render_page("not_derived.md.j2", title="Not yet derived", cookbook=Family.COOKBOOK, shown=COOKBOOK_LINKS,
                       view=sources_view(cited, ()))
    row = next(line for line in page.splitlines() if line.startswith("| (57) |"))
    assert row.count("](p") == COOKBOOK_LINKS and "[P0](p0.md), [P1](p1.md)" in row and row.endswith(" and 2 more |")
