"""mcdocgen.publish.terminal: `show` and `try` text, rendered from the ProblemView alone."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.commands.trial import problem_from_entry, trial_entry
from mcdocgen.language import Layout
from mcdocgen.present.owntranspose import TransposeNote
from mcdocgen.publish import terminal

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def views():
    catalog = load_catalog(ROOT / "derivations.yaml")
    wanted = ("ex5-least-squares", "matrix-chain", "ex2-relu", "total-derivative", "matrix-by-matrix",
              "inverse-by-scalar")
    return {p.id: run_problem(p).view for p in catalog.problems if p.id in wanted}


def test_the_steps_come_from_the_view(views):
    view = views["ex5-least-squares"]
    text = terminal.render_terminal(view, Layout.DENOMINATOR)
    lay = view.results[0].layout(Layout.DENOMINATOR)
    assert text.startswith(f"{view.id}: {view.title}\n")
    for i in view.results[0].intermediates:
        assert f"    {i.name} = {i.text}   {i.shape_text}" in text
    for local in lay.locals:
        assert f"{local.value_text}   {local.shape_text}   [{local.rule}]" in text
    assert f"  product:  {lay.product.text}\n" in text
    assert f"  result:   d{view.function}/d{view.results[0].wrt} = {lay.result.text}   {lay.result.shape_text}\n" in text
    assert "checks:   numeric: passed" in text


def test_the_layout_orders_the_chain(views):
    view = views["ex5-least-squares"]
    lines = {layout: next(line for line in terminal.render_terminal(view, layout).splitlines()
                          if line.startswith("    d") and "/d" in line and "   (" in line and "=" not in line)
             for layout in Layout}
    numerator = lines[Layout.NUMERATOR].split("   ")[0].strip().split()
    denominator = lines[Layout.DENOMINATOR].split("   ")[0].strip().split()
    assert numerator == denominator[::-1]       # the same factors, multiplied the other way


def test_a_chain_in_matrix_form_and_a_kink(views):
    assert "chain rule in matrix form:" in terminal.render_terminal(views["matrix-chain"], Layout.DENOMINATOR)
    relu = terminal.render_terminal(views["ex2-relu"], Layout.DENOMINATOR)
    assert "kink where" in relu


def test_a_changed_view_changes_the_text_so_nothing_is_derived_again(views):
    """Whatever the view says is what is printed: a view with another result prints that one."""
    view = views["total-derivative"]
    result = view.results[0]
    lay = result.layout(Layout.NUMERATOR)
    forged = dataclasses.replace(lay, result=dataclasses.replace(lay.result, text="FORGED"))
    layouts = tuple(forged if layout is lay else layout for layout in result.layouts)
    other = dataclasses.replace(view, results=(dataclasses.replace(result, layouts=layouts), *view.results[1:]))
    assert "= FORGED   " in terminal.render_terminal(other, Layout.NUMERATOR)
    assert "FORGED" not in terminal.render_terminal(view, Layout.NUMERATOR)


def test_a_result_not_derived_says_why(views):
    view = views["ex5-least-squares"]
    result = dataclasses.replace(view.results[0], derived=False, not_derived="no rule for it (in u_1)", layouts=(),
                                 kinks=(), kink_spots=())
    text = terminal.render_terminal(dataclasses.replace(view, results=(result,)), Layout.DENOMINATOR)
    assert "  NOT DERIVED: no rule for it (in u_1)\n" in text and "product:" not in text


def test_the_terminal_imports_nothing_that_derives():
    source = Path(terminal.__file__).read_text(encoding="utf-8")
    for name in ("derive", "simplify", "engine.layout import L", "import layout as L"):
        assert f"import {name}" not in source and f"{name}(" not in source


def test_a_vec_form_and_a_matrix_by_a_scalar_say_how_they_are_written(views):
    text = terminal.render_terminal(views["matrix-by-matrix"], Layout.NUMERATOR)
    assert "dF/dX, numerator layout, vec form: d vec(F) / d vec(X)^T" in text
    assert "result:   dF/dX = kron(B.T, A)   (pq, mn)" in text
    text = terminal.render_terminal(views["inverse-by-scalar"], Layout.NUMERATOR)
    assert "each du/dt is the matrix of u's entry derivatives" in text and "  forward steps:\n" in text
    # P_2, not U_2: the source line writes U (Wikipedia's "U^-1"), Problem.prose_names
    assert "    dF/dt = -(F @ (dP_2_dt @ F)) = -(F @ (B @ F))   (n, n)   [inverse]\n" in text
    assert "(n, n)" in text.split("result:")[1]


def test_a_part_its_own_transpose_keeps_the_chain_s_way_round_in_each_row():
    """The Gaussian's numerator chain writes C, the denominator's C^T: each product row keeps it (present.owntranspose
    kept), so the terminal flips nothing, C -> C^T -> C, and says no C^T = C in either layout (review s45)."""
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "ml-gaussian-log-likelihood")
    view = run_problem(problem, plots=False).view
    numerator, denominator = (terminal.render_terminal(view, layout) for layout in Layout)
    assert "    dL/dU_7 = C @ dL_dU_2\n" in numerator and "  product:  0.5 * (U_7 @ C @ U_7 - N * U_7)\n" in numerator
    assert "    dL/dU_7 = dL_dU_2 @ C.T\n" in denominator
    assert "  product:  0.5 * (U_7 @ C @ U_7 - N * U_7).T\n" in denominator     # U_7^T C^T U_7^T: the chain's C^T
    for text in (numerator, denominator):
        by_s = text[text.index("dL/dS,"):]
        assert "C = C.T" not in by_s and "C.T = C" not in by_s
        assert "C.T" not in by_s[by_s.index("  product:"):]


def test_g_stands_with_the_rows_and_the_sentence_just_before_the_result():
    """`mcdocgen show` put "G (S unconstrained ...)" between "..., the result reads:" and "result:" (review s45): G is
    what the steps give, so it follows the rows; a sentence that says how the row above reads as the result stands
    last, just before the result it names. The Gaussian by S, given such a sentence in its denominator layout."""
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "ml-gaussian-log-likelihood")
    view = run_problem(problem, plots=False).view
    said = "since C = D.T @ D, C.T = C and the result reads:"
    results = tuple(dataclasses.replace(r, layouts=tuple(
        dataclasses.replace(lay, transpose_note=TransposeNote("", "", said)) for lay in r.layouts))
        if r.wrt == "S" else r for r in view.results)
    text = terminal.render_terminal(dataclasses.replace(view, results=results), Layout.DENOMINATOR)
    by_s = text[text.index("dL/dS,"):]
    g = by_s.index("  G (S unconstrained, denominator layout):  ")
    assert by_s.index("  put back:") < g < by_s.index(f"  {said}\n") == by_s.index("\n", g) + 1
    assert by_s.index("  result:   dL/dS") == by_s.index("\n", by_s.index(said)) + 1


def test_the_row_before_a_symmetric_variable_is_used_is_the_page_s():
    """`mcdocgen show ml-gaussian-log-likelihood` by mu went from the product, (S^-1 + S^-T) ..., to the result, S^-1
    ..., with no row and no word between, where the page shows "Intermediates put back" and "Since S is symmetric
    (S^-T = S^-1), the result reads:" (review s45 P2): the terminal tells the same steps."""
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "ml-gaussian-log-likelihood")
    view = run_problem(problem, plots=False).view
    for layout in Layout:
        text = terminal.render_terminal(view, layout)
        mu = text[:text.index("dL/dS,")]
        back = mu.index("  put back: 0.5 * ")
        since = mu.index("  since S is symmetric (inv(S).T = inv(S)), the result reads:\n")
        assert mu.index("  product:") < back < since < mu.index("  result:   dL/dmu")
        assert "(X - outer(ones(N), mu))" in mu[back:since] and "(inv(S) + inv(S).T)" in mu[back:since]
        assert mu.count("  put back:") == 1


def test_the_invertible_sentence_splits_what_the_layout_s_rows_write():
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "cookbook-det-axb")
    view = run_problem(problem, plots=False).view
    numerator, denominator = (terminal.render_terminal(view, layout) for layout in Layout)
    assert "inv(A @ X @ B) = inv(B) @ inv(X) @ inv(A) and the result reads:" in numerator
    assert "inv(A @ X @ B).T = inv(A).T @ inv(X).T @ inv(B).T and the result reads:" in denominator


def test_the_put_back_row_writes_the_page_s_names():
    """`mcdocgen show ml-logistic-regression` wrote sigmoid(X @ w) three times in its put-back row where the page
    writes p (review s44 P2): the terminal prints the page's row, and the Hessian's result in the gradient's names."""
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "ml-logistic-regression")
    text = terminal.render_terminal(run_problem(problem, plots=False).view, Layout.DENOMINATOR)
    assert "  put back: X.T @ (p - p * y - (1 - p) * y)\n" in text
    assert "  result:   dg/dw = X.T @ diag(p * (1 - p)) @ X   (n, n)\n" in text
    assert text.count("sigmoid(X @ w)") == 2     # the problem's expression only
    assert text.count("  where     p = sigmoid(a)\n") == 2


def test_a_try_result_reads_with_its_names_and_its_number_in_the_fraction():
    """`mcdocgen try` of the Gini mean difference printed "where N = sign(outer(x, ones(n)) - outer(ones(n), x))"
    right below "where M = outer(x, ones(n)) - outer(ones(n), x)", and its result as 0.5 * ((...) / ((n**2) * s**2))
    beside the page's (...) / (2 n^2 r^2): now P = sign(M) (present.naming; P, not N beside the size n), and the 1/2
    in the denominator."""
    entry = trial_entry("mean(abs(outer(x, ones(n)) - outer(ones(n), x))) / (2 * mean(x))", ["x:n"], ["x"], "gini")
    text = terminal.render_terminal(run_problem(problem_from_entry(entry), plots=False).view, Layout.DENOMINATOR)
    assert "  where     M = outer(x, ones(n)) - outer(ones(n), x)\n" in text
    assert "  where     P = sign(M)\n" in text     # not N beside the size n (present.naming)
    assert "  result:   df/dx = (r * P @ ones(n) - r * P.T @ ones(n) - mean(abs(M)) * ones(n) * n) / ((2*n**2) * r**2)" \
        in text     # r = mean(x): the kink note's slope is s (present.naming)
    assert "0.5" not in text
    # M's diagonal is x_i - x_i, 0 for every x: "where M = 0" held everywhere (engine.kinks.Kink.off_diagonal)
    assert "  kink where M[i, j] = 0 for some i != j: subgradients" in text
