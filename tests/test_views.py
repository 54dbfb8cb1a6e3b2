"""mcdocgen.present.views: the chain rule as structured data (factors with their shapes), the text
forms the terminal reads, layouts named by the Layout enum; and kinks, whose subgradient set pages
print from the engine instead of deriving it."""

from __future__ import annotations

import ast
import inspect
import itertools
import re
from pathlib import Path

import pytest
from problem_factory import make_problem

from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.language import Layout
from mcdocgen.present import views as V

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def views():
    catalog = load_catalog(ROOT / "derivations.yaml")
    return {p.id: run_problem(p).view for p in catalog.problems}


def _dims(shape_text: str) -> tuple[str, str]:
    rows, cols = re.fullmatch(r"\((.+), (.+)\)", shape_text).groups()
    return rows, cols


def test_each_path_multiplies_factors_whose_shapes_fit(views):
    """In the layout's order, each factor's columns are the next one's rows, and the product has
    the result's shape: the factors are data, not a string to parse."""
    checked = 0
    for view in views.values():
        for result in view.results:
            for lay in result.layouts:
                for path in lay.chain.paths:
                    dims = [_dims(factor.shape_text) for factor in path]
                    for (_, cols), (rows, _) in itertools.pairwise(dims):
                        assert cols == rows, (view.id, lay.layout, dims)
                    if len(result.function_shape) == 2 and not result.wrt_shape:
                        # a matrix by a scalar: the chain gives vec(M), a column (a row in denominator)
                        assert "1" in (dims[0][0], dims[-1][1]), (view.id, lay.layout)
                    else:
                        assert (dims[0][0], dims[-1][1]) == tuple(lay.result.dims), (view.id, lay.layout)
                    checked += 1
    assert checked > 20


def test_the_factors_are_the_symbolic_chain(views):
    for view in views.values():
        for result in view.results:
            for lay in result.layouts:
                if lay.chain.paths:
                    assert lay.chain.symbolic == " + ".join("".join(f.frac for f in path) for path in lay.chain.paths)
                    assert lay.chain.shapes == f"{lay.chain.shape} = " + " + ".join(    # a phone may wrap them
                        r"\allowbreak ".join(f.shape for f in path) for path in lay.chain.paths)
                elif [local.rule_name for local in lay.locals] == ["Constant rule"]:
                    assert not lay.chain.accumulations      # f does not use the variable: one step, zero
                elif result.forward_note:   # carried forward (engine.forward): the steps are the derivation
                    assert not lay.chain.accumulations and {local.kind for local in lay.locals} == {"forward"}
                else:
                    assert lay.chain.accumulations and len(lay.chain.accumulations_text) == len(lay.chain.accumulations)


def test_the_two_layouts_name_the_same_factors_in_opposite_orders(views):
    view = views["ex5-least-squares"]
    numerator = view.results[0].layout(Layout.NUMERATOR).chain.paths
    denominator = view.results[0].layout(Layout.DENOMINATOR).chain.paths
    assert [(f.top, f.bottom) for f in numerator[0]] == [(f.top, f.bottom) for f in denominator[0]][::-1]
    assert numerator[0][0].top == view.function        # numerator layout starts at the function


def test_a_problem_with_two_paths_has_two_chains(views):
    chain = views["total-derivative"].results[0].layout(Layout.NUMERATOR).chain
    assert len(chain.paths) == 2 and chain.symbolic.count(" + ") == 1


def test_layouts_are_the_layout_enum_and_looked_up_by_it_or_its_name(views):
    result = views["ex5-least-squares"].results[0]
    assert [lay.layout for lay in result.layouts] == list(Layout)
    assert result.layout(Layout.NUMERATOR) is result.layout("numerator")


def test_the_text_forms_are_the_problems_and_the_results(views):
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "ex5-least-squares")
    view = views[problem.id]
    assert [v.shape_text for v in view.variables] == [v.shape.label() for v in problem.variables]
    for lay in view.results[0].layouts:
        assert lay.result.text == lay.result_text != ""
        assert lay.result.shape_text == f"({', '.join(lay.result.dims)})"


# the kink part
def _kinks(expression, variables, wrt):
    p = make_problem(expression, variables, [wrt])
    d = derive(p, wrt)
    return d, V.result_view(p, d, verify(p, d)).kinks


def test_views_do_not_simplify():
    imported = {a.name for n in ast.walk(ast.parse(inspect.getsource(V))) if isinstance(n, ast.ImportFrom)
                for a in n.names}
    assert "simplify" not in imported


def test_a_corner_prints_the_engines_set_and_interval():
    d, (kink,) = _kinks("relu(dot(w, x) + b)", {"w": ["n"], "x": ["n"], "b": []}, "w")
    assert d.kinks[0].subgradient is not None
    assert kink.subgradient.startswith(r"\left\{ ") and r"s \in [0, 1]" in kink.subgradient


def test_a_vector_corner_states_the_slope_per_entry():
    _, (kink,) = _kinks("sum(relu(W @ x))", {"W": ["m", "n"], "x": ["n"]}, "x")
    assert r"s_i \in [0, 1]" in kink.subgradient


def test_a_jump_states_no_set():
    _, (kink,) = _kinks("sign(x) + x**2", {"x": []}, "x")     # sign(x) x^2 is x|x|: no kink, no jump
    assert kink.subgradient == "" and "jump" in kink.text


def test_the_slope_variable_does_not_clash_with_a_variable_named_s():
    d, (kink,) = _kinks("relu(s * x)", {"s": [], "x": []}, "x")
    assert d.kinks[0].slope != "s"
    assert rf"{d.kinks[0].slope} \in [0, 1]" in kink.subgradient


def test_a_matrix_by_a_scalar_is_carried_forward_in_its_shape():
    """engine.forward: each step du/dt = its rule's form = its value, in u's shape (transposed in the
    denominator layout); no chain of n^2 x n^2 factors, and the sentence that says so."""
    p = make_problem("inv(A + t * B)", {"A": ["n", "n"], "B": ["n", "n"], "t": []}, ["t"])
    d = derive(p, "t")
    view = V.result_view(p, d, verify(p, d))
    for name in ("numerator", "denominator"):
        lay = view.layout(name)
        assert [local.kind for local in lay.locals] == ["forward"] * 3 and not lay.chain.shapes
        assert {local.shape_text for local in lay.locals} == {"(n, n)"}
    inverse = view.layout("numerator").locals[-1]
    assert inverse.value_text == "-(F @ (dU_2_dt @ F)) = -(F @ (B @ F))" and inverse.rule_name == "Inverse"
    assert view.forward_note.startswith("Forward accumulation")


def test_chain_shapes_of_a_matrix_by_a_scalar_are_those_of_its_vec():
    """Where the backward route derives it (a kink: no forward step), the chain multiplies vec-form
    factors: its product is vec(dF/dt), a column of n^2 entries (a row in denominator layout), not the
    n x n matrix the result is read out as."""
    p = make_problem("maximum(t * B, A)", {"A": ["n", "n"], "B": ["n", "n"], "t": []}, ["t"])
    d = derive(p, "t")
    view = V.result_view(p, d, verify(p, d))
    assert view.layout("numerator").chain.shapes.startswith("(n^{2}, 1) = ")
    assert view.layout("denominator").chain.shapes.startswith("(1, n^{2}) = ")


def test_a_vec_form_result_is_named_by_vec_never_as_d_f_by_d_x():
    p = make_problem("A @ X @ B", {"A": ["p", "m"], "X": ["m", "n"], "B": ["n", "q"]}, ["X"])
    d = derive(p, "X")
    view = V.result_view(p, d, verify(p, d))
    assert view.layout("numerator").chain.lhs.startswith(r"\frac{\partial \operatorname{vec} F}")
    assert view.layout("denominator").chain.lhs.startswith(r"\frac{\partial (\operatorname{vec} F)^{\top}}")


def test_a_kink_of_a_vector_is_where_one_entry_is_zero_and_the_others_keep_their_step():
    p = make_problem("norm1(w)", {"w": ["n"]}, ["w"])
    d = derive(p, "w")
    kink = V.result_view(p, d, verify(p, d)).kinks[0]
    assert kink.where == "w_i = 0"          # not "w = 0": each entry has its own kink
    assert r"\operatorname{sign}\mathopen{}\left(w_i\right) \text{ elsewhere}" in kink.subgradient


REPORTED = ("ex1-abs", "ml-svm-hinge", "hessian-logistic", "cookbook-det-second-derivative", "wiki-ms-kronecker-rule",
            "ml-huber-location", "cookbook-trace-inverse", "ml-softmax-regression-batch")


@pytest.mark.parametrize("pid", REPORTED)
def test_the_report_view_reads_as_the_page_view_in_the_summary_the_messages_and_the_json(pid):
    from mcdocgen.commands.check import summary_line
    from mcdocgen.engine.derive import derive as derive_one
    from mcdocgen.engine.hessian import derive_hessian, hessian_not_derived
    from mcdocgen.engine.notation import derive_page, not_derived_each
    from mcdocgen.publish.report import problem_errors, report

    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == pid)
    derived = derive_page(problem, derive_one, derive_hessian)
    refused = not_derived_each(problem, problem.wrt, "over budget") + \
        [hessian_not_derived(problem, w, "over budget") for w in problem.hessian]
    for derivations in (derived, refused):
        verifications = [verify(problem, d) for d in derivations]
        page, lean = (make(problem, derivations, verifications) for make in (V.problem_view, V.report_view))
        assert summary_line(lean) == summary_line(page)
        assert problem_errors(lean) == problem_errors(page)
        assert report("c.yaml", [lean]) == report("c.yaml", [page])


def test_the_terminal_s_kink_spot_is_written_in_the_names_the_results_define():
    """neuron-loss's terminal read "kink where X @ w + b = 0" under "where z = X @ w + b", the page z_i = 0: the spot
    writes the page's names where the Results define them all, as the page's kink note does."""
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "neuron-loss")
    for result in run_problem(problem, plots=False).view.results:
        assert [s.at for s in result.kink_spots] == ["z"], result.kink_spots
        assert "z = X @ w + b" in result.layouts[0].where_text
