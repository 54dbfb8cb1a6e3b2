"""present.substitution: the Result writes out a name the row above it writes (chain-rule-three's f, exp(g) below), or
writes a name over that row's names (the softmax Jacobian's s = e / t): the page says the table's definition before
the Result (review s45: "f vs exp(g) with no word between"), in the page's, the handout's, the slides' and the
terminal's words."""

from pathlib import Path

import pytest
from matrix_identities import NODES

from mcdocgen import language as E
from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.language import Layout, shapes
from mcdocgen.present import slides as PS
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.substitution import substitution_note
from mcdocgen.publish import terminal
from mcdocgen.publish.render import render_derivatives

ROOT = Path(__file__).resolve().parent.parent
P = McLatexPrinter({k: k for k in NODES})
COLUMN = shapes.from_spec(["n"])
SCALAR = shapes.from_spec([])
G = E.var("g", COLUMN, intermediate=True)
F = E.var("f", COLUMN, intermediate=True)
TABLE = {"g": E.func(E.Fn.TANH, NODES["x"]), "f": E.func(E.Fn.EXP, G)}


def test_a_name_the_row_writes_and_the_result_writes_out_is_said_with_its_definition():
    row = E.mul(F, G)                                   # f o g above, exp(g) o g below
    result = E.mul(E.func(E.Fn.EXP, G), G)
    note = substitution_note(row, [result, TABLE["g"]], TABLE, P)
    assert note is not None and note.text == "since f = exp(g), the result reads:"
    assert note.given == r"\mathbf{f} = \exp\mathopen{}\left(\mathbf{g}\right)"
    assert substitution_note(row, [row], TABLE, P) is None          # the Result writes f too: nothing to say
    assert substitution_note(None, [result], TABLE, P) is None


def test_a_name_the_result_writes_over_the_row_s_names_says_them_too():
    e, t = E.var("e", COLUMN, intermediate=True), E.var("t", SCALAR, intermediate=True)
    s = E.var("s", COLUMN, intermediate=True)
    table = {"e": E.func(E.Fn.EXP, NODES["x"]), "t": E.total(e), "s": E.div(e, t)}
    row = E.sub(E.div(E.diag(e), t), E.div(E.outer(e, e), E.mul(t, t)))
    note = substitution_note(row, [E.sub(E.diag(s), E.outer(s, s))], table, P)
    assert note is not None and note.text == "since s = e / t, the result reads:"     # not e = exp(x) and t = sum(e)


@pytest.fixture(scope="module")
def chain_three():
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "wiki-vv-chain-rule-three")
    return run_problem(problem, plots=False)


def test_chain_rule_three_says_f_before_the_result_in_each_view(chain_three):
    by_x = chain_three.view.results[0]
    for lay in by_x.layouts:
        assert lay.substitution_note is not None and lay.substitution_note.text == "since f = exp(g), the result reads:"
        assert r"\mathbf{f}" in lay.product.latex and r"\exp" in lay.result.latex
    page = render_derivatives(chain_three.view)
    said = r"**Since $\mathbf{f} = \exp\mathopen{}\left(\mathbf{g}\right)$**, the result reads:"
    assert page.count(said) == 2
    assert page.index("**Simplified product**") < page.index(said) < page.index("**Result**")
    text = terminal.render_terminal(chain_three.view, Layout.DENOMINATOR)
    since = text.index("  since f = exp(g), the result reads:\n")
    assert text.index("  product:") < since and text.index("\n", since) + 1 == text.index("  result:")
    labels = [s.label for f in PS.problem_slides(chain_three.view, (Layout.NUMERATOR,)).frames for s in f.steps
              if s.kind is PS.StepKind.RESULT]
    assert any(label.endswith(r", since $\mathbf{f} = \exp\mathopen{}\left(\mathbf{g}\right)$") for label in labels)


def test_a_said_definition_s_own_names_the_result_writes_out_are_said_too():
    a, b = E.var("a", SCALAR, intermediate=True), E.var("b", SCALAR, intermediate=True)
    table = {"a": E.dot(NODES["x"], NODES["y"]), "b": E.sub(a, NODES["s"])}      # b = a - s, a = x^T y
    row = E.mul(E.num(2), b)
    result = E.mul(E.num(2), E.sub(table["a"], NODES["s"]))
    note = substitution_note(row, [result], table, P)
    assert note is not None and note.text.startswith("since a = ") and note.text.endswith(" and b = a - s, the result reads:")


def test_more_definitions_than_max_said_point_back_to_the_table():
    # a chain of names a_0 = x^T y, a_k = a_(k-1) - s: the row writes the last, the Result writes all of them out
    from mcdocgen.present.substitution import MAX_SAID, TABLE_WRITTEN_OUT
    names = [E.var(f"a{k}", SCALAR, intermediate=True) for k in range(MAX_SAID + 2)]
    for count, said in ((MAX_SAID, True), (MAX_SAID + 1, False)):
        table = {"a0": E.dot(NODES["x"], NODES["y"])}
        written = table["a0"]
        for k in range(1, count):
            table[f"a{k}"] = E.sub(names[k - 1], NODES["s"])
            written = E.sub(written, NODES["s"])
        note = substitution_note(E.mul(E.num(2), names[count - 1]), [E.mul(E.num(2), written)], table, P)
        assert note is not None
        if said:        # each definition said, in the table's order
            assert note.given and note.text.startswith("since a0 = ") and note.text.count(" = ") == count
        else:           # too many to say in one line: the sentence points back to the set-up table
            assert note.given == "" and note.text == f"{TABLE_WRITTEN_OUT}, the result reads:"


def test_the_det_second_derivative_points_back_to_the_table_on_the_page_and_the_slides():
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems
                   if p.id == "cookbook-det-second-derivative")
    view = run_problem(problem, plots=False).view
    notes = [lay.substitution_note for r in view.results for lay in r.layouts if lay.substitution_note]
    assert notes and all(n.given == "" for n in notes)
    page = render_derivatives(view)
    assert "**With the set-up table's names written out, the result reads:**" in page and "**Since $P_" not in page
    labels = [s.label for f in PS.problem_slides(view, (Layout.NUMERATOR,)).frames for s in f.steps
              if s.kind is PS.StepKind.RESULT]
    assert any(label.endswith(", with the set-up table's names written out") for label in labels)
