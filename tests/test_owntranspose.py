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


def test_the_gaussian_says_c_is_its_own_transpose_before_each_row_that_takes_the_step(gaussian):
    """The numerator's chain rows write C, its simplified product C^T (true only as C = D^T D): said before the
    product (review s43 P2-1), from the chain's form to the product's, C = C^T ("C^T = C" before a row that puts C^T
    in read as taking it out: review s45 P2). Both tabs then put U_7 back, still writing C^T, and say C^T = C before
    the Result (review s44 P2): the numerator's put-back row is no longer dropped for being, written out, the Result
    again."""
    by_s = next(r for r in gaussian.view.results if r.wrt == "S")
    numerator, denominator = (by_s.layout(layout) for layout in Layout)
    assert any(r"C^{\top}" in row for row in numerator.displays.product)
    own = numerator.product_transpose_note
    assert own is not None and (own.given, own.identity) == (r"C = D^{\top} D", r"C = C^{\top}")
    assert own.text == "since C = D.T @ D, C = C.T and the simplified product reads:"
    # the denominator's chain rows write C^T, its product (U_7 C^T U_7 - N U_7)^T, that is U_7^T C U_7^T - ...: the
    # step the other way round, said so (review s44 F2: it was taken silently)
    other = denominator.product_transpose_note
    assert other is not None and (other.given, other.identity) == (r"C = D^{\top} D", r"C^{\top} = C")
    for lay in (numerator, denominator):
        assert lay.put_back_label == "$U_{7}$" and any(r"S^{-1} C^{\top} S^{-1}" in row for row in lay.displays.put_back)
        assert lay.transpose_note is not None
        assert (lay.transpose_note.given, lay.transpose_note.identity) == (r"C = D^{\top} D", r"C^{\top} = C")
        assert lay.transpose_note.text == "since C = D.T @ D, C.T = C and the result reads:"
        # the sentence states C = D^T D: the definitions stand under the Result, not just above the sentence
        assert lay.displays.put_back_where == () and lay.displays.result_where == (
            r"D &= X - \mathbf{1} \boldsymbol{\mu}^{\top}", r"C &= D^{\top} D")


def test_a_product_that_writes_the_part_both_ways_is_no_step_of_its_own():
    # logdet-gram's (U^-1 + U^-T) X^T: the U^-T comes from the chain's (df/dU + df/dU^T), true for any U
    row = E.add(E.inv(U), E.transpose(E.inv(U)))
    assert transpose_note(row, [E.inv(U)], {"U": GRAM}, {"U": GRAM}, P, "simplified product") is None
    # the chain's U^-1, the product's U^-T only: the product's step, from the chain's form to the row's
    note = transpose_note(E.transpose(E.inv(U)), [E.inv(U)], {"U": GRAM}, {"U": GRAM}, P, "simplified product")
    assert note is not None and note.identity == r"U^{-1} = U^{-\top}"


def test_a_product_transposed_as_a_whole_is_read_with_its_transposes_taken_down_to_the_atoms():
    """(A G^T)^T is G A^T: it writes G where the chain row writes G^T, a step of the product's, either way round; and
    (G^T A)^T is A^T G, G as the chain row writes it: no step."""
    a = NODES["A"]
    row = E.transpose(E.matmul(a, E.transpose(G)))
    note = transpose_note(row, [E.transpose(G)], {"G": GRAM}, {"G": GRAM}, P, "simplified product")
    assert note is not None and note.identity == r"G^{\top} = G"
    assert transpose_note(E.transpose(E.matmul(E.transpose(G), a)), [E.matmul(E.transpose(a), G)], {"G": GRAM},
                          {"G": GRAM}, P, "simplified product") is None


def test_the_page_handout_and_slides_say_it_in_one_sentence_pattern(gaussian, tmp_path):
    """Each view says the numerator's product step as it says the Result's, "Since C = D^T D, C = C^T and the ...
    reads:" (page, handout), ", since C = D^T D, C = C^T" (slides' labels), and the Result's in both tabs, each
    identity from the rows before to the row after (the numerator's product puts C^T in: C = C^T)."""
    page = render_derivatives(gaussian.view)
    said, back = r"**Since $C = D^{\top} D$**, $C^{\top} = C$ and the ", r"**Since $C = D^{\top} D$**, $C = C^{\top}$ and the "
    assert page.count(back + "simplified product reads:") == 1 and page.count(said + "simplified product reads:") == 1
    assert page.index(back + "simplified product reads:") < page.index('=== "Denominator"', page.index("U_{7}"))
    assert page.count(said + "result reads:") == 2
    assert "; since" not in page
    assert main(["handout", "ml-gaussian-log-likelihood", "--solutions", "--no-pdf", "-o", str(tmp_path)]) == 0
    tex = (tmp_path / "handout-solutions.tex").read_text(encoding="utf-8")
    said, back = r"\textbf{Since $C = D^{\top} D$}, $C^{\top} = C$ and the ", r"\textbf{Since $C = D^{\top} D$}, $C = C^{\top}$ and the "
    assert tex.count(back + "simplified product reads:") == 1 and tex.count(said + "simplified product reads:") == 1
    assert tex.count(said + "result reads:") == 2
    by_s = next(r for r in gaussian.view.results if r.wrt == "S")
    labels = [s.label for f in PS.problem_slides(gaussian.view, (Layout.NUMERATOR,)).frames for s in f.steps
              if s.kind in (PS.StepKind.PRODUCT, PS.StepKind.RESULT) and by_s.wrt_latex in f.subject]
    assert r"Simplified, before putting the intermediates back, since $C = D^{\top} D$, $C = C^{\top}$" in labels
    assert any(label.endswith(r", since $C = D^{\top} D$, $C^{\top} = C$") and label.startswith("Result")
               for label in labels)
