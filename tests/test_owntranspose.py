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
from mcdocgen.present.owntranspose import kept, transpose_note
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


def test_a_product_keeps_a_name_the_way_round_the_rows_before_it_write_it():
    """kept: a name its own transpose by its definition, written one way by the chain rows and only the other by the
    product, is written as the chain rows write it; the same matrix (G^T = G as G = D^T D)."""
    a = NODES["A"]
    row = E.matmul(E.matmul(U, E.transpose(G)), U)
    back = kept(row, [E.matmul(G, a)], {"G": GRAM})
    assert back == E.matmul(E.matmul(U, G), U)
    values = {"G": GRAM, "U": E.inv(a)}
    assert same_value(E.substitute(back, values), E.substitute(row, values))
    # a product transposed as a whole is read with its transposes down to the atoms: (U G U)^T writes G^T
    whole = E.transpose(row)
    assert kept(whole, [E.matmul(a, E.transpose(G))], {"G": GRAM}) == E.transpose(E.matmul(E.matmul(U, G), U))
    assert kept(whole, [E.matmul(a, G)], {"G": GRAM}) == whole      # the chain's G: already its way round


def test_a_product_that_writes_a_name_both_ways_or_one_not_its_own_transpose_is_kept_as_it_is():
    both = E.add(G, E.transpose(G))
    assert kept(both, [G], {"G": GRAM}) == both
    assert kept(E.transpose(G), [E.add(G, E.transpose(G))], {"G": GRAM}) == E.transpose(G)
    assert kept(E.transpose(G), [G], {"G": parse("A @ B")}) == E.transpose(G)
    assert kept(E.transpose(G), [G], {}) == E.transpose(G)       # a declared variable: its own sentence


@pytest.fixture(scope="module")
def gaussian():
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "ml-gaussian-log-likelihood")
    return run_problem(problem, plots=False)


def test_the_gaussian_keeps_c_the_way_round_its_chain_rows_write_it(gaussian):
    """The numerator's chain rows write C, the denominator's C^T: each tab's simplified product keeps that (the
    simplifier's C^T was a step the chain never took, said "C = C^T" and taken back "C^T = C" before the Result:
    review s45), so no row after the chain writes C^T, in either tab, and neither says C^T = C."""
    by_s = next(r for r in gaussian.view.results if r.wrt == "S")
    numerator, denominator = (by_s.layout(layout) for layout in Layout)
    assert numerator.product.latex == r"\frac{1}{2}\,\left(U_{7} C U_{7} - N\,U_{7}\right)"
    # (U_7 C U_7 - N U_7)^T is U_7^T C^T U_7^T - ...: C^T as its chain row dL/dU_2 C^T writes it
    assert denominator.product.latex == r"\frac{1}{2}\,\left(U_{7} C U_{7} - N\,U_{7}\right)^{\top}"
    assert any(r"C^{\top}" in row.value for row in denominator.locals)
    for lay in (numerator, denominator):
        assert lay.product_transpose_note is None and lay.transpose_note is None
        rows = (*lay.displays.product, *lay.displays.put_back, *lay.displays.result)
        assert rows and not any(r"C^{\top}" in row for row in rows)
    # the numerator's put-back row would be its Result again: not shown; the denominator's still drops the ^T after
    assert numerator.put_back == "" and denominator.put_back_label == "$U_{7}$"
    assert any(r"S^{-1} C S^{-1} - N\,S^{-1}\right)^{\top}" in row for row in denominator.displays.put_back)


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


@pytest.fixture(scope="module")
def gram():
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "cookbook-logdet-gram")
    return run_problem(problem, plots=False)


def test_the_page_handout_and_slides_say_it_in_one_sentence_pattern(gram, tmp_path):
    """Each view says the Result's step as the page does, "Since (X^T X)^T = X^T X, (X^T X)^-T = (X^T X)^-1 and the
    result reads:" (page, handout, in both tabs), ", since ..." (the slides' Result label)."""
    page = render_derivatives(gram.view)
    said = (r"**Since $\left(X^{\top} X\right)^{\top} = X^{\top} X$**, $\left(X^{\top} X\right)^{-\top} = "
            r"\left(X^{\top} X\right)^{-1}$ and the result reads:")
    assert page.count(said) == 2 and "simplified product reads:" not in page
    assert "; since" not in page
    assert main(["handout", "cookbook-logdet-gram", "--solutions", "--no-pdf", "-o", str(tmp_path)]) == 0
    tex = (tmp_path / "handout-solutions.tex").read_text(encoding="utf-8")
    assert tex.count(said.replace("**Since ", r"\textbf{Since ").replace("$**", "$}")) == 2
    labels = [s.label for f in PS.problem_slides(gram.view, (Layout.NUMERATOR,)).frames for s in f.steps
              if s.kind in (PS.StepKind.PRODUCT, PS.StepKind.RESULT)]
    assert (r"Result, since $\left(X^{\top} X\right)^{\top} = X^{\top} X$, $\left(X^{\top} X\right)^{-\top} = "
            r"\left(X^{\top} X\right)^{-1}$") in labels
