"""present.owntranspose: where the row above the Result writes the transpose of a part that is its own transpose by its
form (C^T for C = D^T D, (X^T X)^-T) and the Result writes the part untransposed, the page says so before the
Result (review s42 P2-2: the Gaussian's C^T = C was used unsaid, in both layouts)."""

from pathlib import Path

import pytest
from matrix_identities import NODES, parse, same_value

from mcdocgen import language as E
from mcdocgen.catalog import load_catalog
from mcdocgen.cli import main
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.language import Layout, shapes
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present import slides as PS
from mcdocgen.present.owntranspose import transpose_note
from mcdocgen.publish.render import render_derivatives

ROOT = Path(__file__).resolve().parent.parent
P = McLatexPrinter({k: k for k in NODES})
SQUARE = shapes.from_spec(["n", "n"])
G = E.var("G", SQUARE, intermediate=True)   # a set-up name, G = D^T D (D is m x n in the shared scope)
GRAM = parse("D.T @ D")
U = E.var("U", SQUARE, intermediate=True)


def _note(row, results, definitions, written=None):
    return transpose_note(row, results, definitions, written or definitions, P)


def test_a_name_written_transposed_above_and_plain_in_the_result_is_said_with_its_definition():
    row = E.matmul(E.matmul(U, E.transpose(G)), U)        # U G^T U above, A G A below
    result = E.matmul(E.matmul(NODES["A"], G), NODES["A"])
    note = _note(row, [result], {"G": GRAM, "U": E.inv(NODES["A"])})
    assert note is not None
    assert note.given == r"G = D^{\top} D"
    assert note.identity == r"G^{\top} = G"
    assert note.text == "since G = D.T @ D, G.T = G and the result reads:"
    assert same_value(E.transpose(GRAM), GRAM)      # what it says holds


def test_a_written_out_part_is_said_by_its_own_transpose_and_the_row_s_form():
    gram = parse("X.T @ X")
    row = E.add(E.inv(gram), E.transpose(E.inv(gram)))     # logdet-gram's (X^T X)^-1 + (X^T X)^-T
    note = _note(row, [E.mul(E.num(2), E.inv(gram))], {})
    assert note is not None
    assert note.given == r"\left(X^{\top} X\right)^{\top} = X^{\top} X"
    assert note.identity == r"\left(X^{\top} X\right)^{-\top} = \left(X^{\top} X\right)^{-1}"
    assert note.text == "since (X.T @ X).T = X.T @ X, inv(X.T @ X).T = inv(X.T @ X) and the result reads:"
    assert same_value(E.transpose(E.inv(gram)), E.inv(gram))


def test_a_declared_variable_or_a_part_not_its_own_transpose_is_not_said():
    # A^T is A only if A is declared symmetric: that has its own sentence (present.symmetric); A B is not symmetric
    assert _note(E.transpose(NODES["A"]), [NODES["A"]], {}) is None
    assert _note(E.transpose(G), [G], {"G": parse("A @ B")}) is None


def test_a_transpose_the_result_still_writes_is_no_step():
    assert _note(E.transpose(G), [E.add(G, E.transpose(G))], {"G": GRAM}) is None
    assert _note(E.transpose(G), [NODES["A"]], {"G": GRAM}) is None      # nor one the Result does not write at all
    assert _note(None, [G], {"G": GRAM}) is None


@pytest.fixture(scope="module")
def gaussian():
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "ml-gaussian-log-likelihood")
    return run_problem(problem, plots=False)


def test_the_gaussian_says_c_is_its_own_transpose_where_its_rows_first_write_c_transposed(gaussian):
    """The numerator's chain rows write C, its simplified product C^T (true only as C = D^T D): said with the product,
    once (review s43 P2-1). The denominator's chain rows write C^T themselves: said before the Result, as before."""
    by_s = next(r for r in gaussian.view.results if r.wrt == "S")
    numerator, denominator = (by_s.layout(layout) for layout in Layout)
    assert any(r"C^{\top}" in row for row in numerator.displays.product)
    assert numerator.transpose_note is None and numerator.product_transpose_note is not None
    own = numerator.product_transpose_note
    assert (own.given, own.identity) == (r"C = D^{\top} D", r"C = C^{\top}")
    assert own.text == "since C = D.T @ D, C = C.T and the simplified product reads:"
    assert any(r"C^{\top}" in row for row in denominator.displays.put_back or denominator.displays.product)
    assert denominator.product_transpose_note is None and denominator.transpose_note is not None
    assert (denominator.transpose_note.given, denominator.transpose_note.identity) == (r"C = D^{\top} D", r"C^{\top} = C")


def test_a_product_that_writes_the_part_both_ways_is_no_step_of_its_own():
    # logdet-gram's (U^-1 + U^-T) X^T: the U^-T comes from the chain's (df/dU + df/dU^T), true for any U
    row = E.add(E.inv(U), E.transpose(E.inv(U)))
    assert transpose_note(row, [E.inv(U)], {"U": GRAM}, {"U": GRAM}, P, "simplified product") is None
    # the chain's U^-1, the product's U^-T only: the product's step
    note = transpose_note(E.transpose(E.inv(U)), [E.inv(U)], {"U": GRAM}, {"U": GRAM}, P, "simplified product")
    assert note is not None and note.identity == r"U^{-1} = U^{-\top}"


def test_the_page_handout_and_slides_say_it_with_the_product(gaussian, tmp_path):
    """Each view puts the numerator's "since C = D^T D, C = C^T" on the simplified product's row, and no second
    sentence before the Result; the denominator's stays before its Result."""
    page = render_derivatives(gaussian.view)
    said = r"**Simplified product**, before putting the intermediates back; since $C = D^{\top} D$, $C = C^{\top}$:"
    assert page.count(said) == 1 and page.count(r"$C^{\top} = C$ and the result reads:") == 1   # the denominator's
    assert main(["handout", "ml-gaussian-log-likelihood", "--solutions", "--no-pdf", "-o", str(tmp_path)]) == 0
    tex = (tmp_path / "handout-solutions.tex").read_text(encoding="utf-8")
    assert tex.count(r"\textbf{Simplified product}, before putting the intermediates back; since $C = D^{\top} D$, "
                     r"$C = C^{\top}$:") == 1
    by_s = next(r for r in gaussian.view.results if r.wrt == "S")
    labels = [s.label for f in PS.problem_slides(gaussian.view, (Layout.NUMERATOR,)).frames for s in f.steps
              if s.kind is PS.StepKind.PRODUCT and by_s.wrt_latex in f.subject]
    assert r"Simplified, before putting the intermediates back; since $C = D^{\top} D$, $C = C^{\top}$" in labels
