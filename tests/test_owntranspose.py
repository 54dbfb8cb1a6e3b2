"""present.owntranspose: where the row above the Result writes the transpose of a part that is its own transpose by its
form (C^T for C = D^T D, (X^T X)^-T) and the Result writes the part untransposed, the page says so before the
Result (review s42 P2-2: the Gaussian's C^T = C was used unsaid, in both layouts)."""

from pathlib import Path

import pytest
from matrix_identities import NODES, parse, same_value

from mcdocgen import language as E
from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.language import shapes
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.owntranspose import transpose_note

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


def test_the_gaussian_says_c_is_its_own_transpose_in_both_layouts(gaussian):
    by_s = next(r for r in gaussian.view.results if r.wrt == "S")
    for lay in by_s.layouts:
        above = lay.displays.put_back or lay.displays.product       # the row just above the Result writes C^T
        assert any(r"C^{\top}" in row for row in above), above
        assert lay.transpose_note is not None, lay.layout
        assert (lay.transpose_note.given, lay.transpose_note.identity) == (r"C = D^{\top} D", r"C^{\top} = C")
