"""mcdocgen.present.steps: how the steps are shown. The chain product with a visible product sign,
the direct partial told from the total derivative, one section where both layouts agree, a one-step
derivation as one step, and no simplified product that says again what the block before it said."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.engine import layout as L
from mcdocgen.engine.derive import derive
from mcdocgen import language as E
from mcdocgen.language import Layout
from mcdocgen.language.shapes import Shape
from mcdocgen.present import steps as S
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.publish.render import render_page
from mcdocgen.publish.terminal import render_terminal

from problem_factory import make_problem

ROOT = Path(__file__).resolve().parent.parent
WANTED = ("scalar-chain", "total-derivative", "quadratic-form", "ex4-dot-square", "ex5-least-squares",
          "linear-map", "determinant", "neuron-activation", "symmetric-trace", "matrix-chain")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "derivations.yaml")


@pytest.fixture(scope="module")
def runs(catalog):
    return {p.id: run_problem(p) for p in catalog.problems if p.id in WANTED}


def _derivation(expression, variables, wrt, steps=()):
    return derive(make_problem(expression, variables, [wrt], list(steps)), wrt)


def test_chain_factors_are_joined_by_a_product_sign(runs):
    """1 \\cdot 2 x, never 1\\,2 x (read as 12); a factor is bracketed only where precedence needs it."""
    chain = runs["total-derivative"].view.results[0].layout(Layout.NUMERATOR).chain
    assert chain.values == r"1 + 2\,x"     # the factor 1 (dy/du) is left out: the step above shows it
    for run in runs.values():
        for r in run.view.results:
            for lay in r.layouts:
                # no factor 1 is written (1 \cdot ..., ... \cdot 1): the local derivatives above show it
                assert not re.search(r"(^|[+-] )1 \\cdot |\\cdot 1( [+-]|$)", lay.chain.values), lay.chain.values


def test_a_negative_factor_gives_its_sign_to_the_path_and_a_sum_keeps_its_brackets():
    """sin(x)^3 / (1 + x): the path through u_3 = 1 + x is (-u_2/u_3^2) 1, written - u_2/u_3^2,
    never + (-u_2/u_3^2); the sign is the same one a sum's term gets (present.factors.split_sign)."""
    d = _derivation("sin(x) ** 3 / (1 + x)", {"x": []}, "x")
    p = McLatexPrinter({"x": "x", "u_1": "u_1", "u_2": "u_2", "u_3": "u_3", "y": "y"})
    values = S.chain_product([[c.value for c in L.chain(path, Layout.NUMERATOR)] for path in d.paths], p)
    assert values.endswith(r" - \frac{u_2}{u_3^{2}}") and r"\left(-" not in values and "+ -" not in values, values
    x = E.var("x", Shape(1, 1))
    assert S.chain_product([[x, E.neg(E.add(x, E.num(1)))]], p) == r"-x \cdot \left(x + 1\right)"
    assert S.unit_free([E.neg(E.neg(x)), E.mul(E.num(-2), x)]) == (True, [x, E.mul(E.num(2), x)])
    assert S.unit_free([E.num(-1), E.num(-3)]) == (False, [E.num(3)])


def test_unit_factors_are_left_out_of_the_chain_product_and_a_negative_one_is_a_sign():
    """-(x^2) + x: the path through v = -u is -1 * 1 * 2x, written - 2x; the direct one is 1."""
    d = _derivation("-(x**2) + x", {"x": []}, "x", steps=["u = x**2", "v = -u", "y = v + x"])
    p = McLatexPrinter({"x": "x", "u": "u", "v": "v", "y": "y"})
    paths = [[c.value for c in L.chain(path, Layout.NUMERATOR)] for path in d.paths]
    values = S.chain_product(paths, p)
    assert values in (r"-2\,x + 1", r"1 - 2\,x"), values
    assert S.chain_product([[c.value for c in L.chain(path, Layout.NUMERATOR)] for path in _derivation(
        "log(1 - x**2)", {"x": []}, "x", steps=["u = 1 - x**2", "y = log(u)"]).paths], p) == r"-\frac{1}{u} \cdot 2\,x"
    # a vector's identity and negated identity (dh/du = I, du/dt = -I) go the same way
    h = _derivation("sum(-(A @ x))", {"A": ["n", "n"], "x": ["n"]}, "x", steps=["t = A @ x", "u = -t", "y = sum(u)"])
    q = McLatexPrinter({"A": "A", "x": "x", "t": "t", "u": "u", "y": "y"})
    out = S.chain_product([[c.value for c in L.chain(path, Layout.NUMERATOR)] for path in h.paths], q)
    assert out.startswith("-") and r"\mathbf{I}" not in out and "I" not in out.replace(r"\mathbf{1}", ""), out


def test_the_direct_partial_is_the_step_of_an_intermediate_that_also_depends_through_others():
    total = _derivation("x + x**2", {"x": []}, "x", steps=["u = x**2", "y = x + u"])
    assert S.held_fixed(total) == {("y", "x"): ("u",)}
    chain = _derivation("sin(x**3)", {"x": []}, "x", steps=["u = x**3", "y = sin(u)"])
    assert S.held_fixed(chain) == {}
    # below the function too: v uses x directly and through u
    inner = _derivation("exp(x * x**2)", {"x": []}, "x", steps=["u = x**2", "v = x * u", "y = exp(v)"])
    assert S.held_fixed(inner) == {("v", "x"): ("u",)}
    # a matrix-form step below the function is a contribution ("via u_2"), written apart already
    via = _derivation("tr(X.T @ A @ X)", {"X": ["n", "n"], "A": ["n", "n"]}, "X")
    assert S.held_fixed(via) == {}


def test_the_page_writes_the_direct_partial_apart_from_the_total_and_says_so(runs):
    r = runs["total-derivative"].view.results[0]
    lay = r.layout(Layout.NUMERATOR)
    direct = next(local for local in lay.locals if (local.of, local.wrt) == ("y", "x"))
    assert direct.held == ("u",) and direct.lhs.startswith(r"\left.") and r"u \text{ fixed}" in direct.lhs
    assert lay.chain.lhs == r"\frac{\partial y}{\partial x}"     # the total derivative stays the bare fraction
    assert direct.lhs in lay.chain.symbolic and direct.lhs in r.direct_note
    assert "held fixed" in r.direct_note and "total derivative" in r.direct_note
    assert "dy/dx|u" in r.direct_note_text and "$" not in r.direct_note_text
    text = render_terminal(runs["total-derivative"].view, Layout.NUMERATOR)
    assert "dy/dx|u = 1" in text and r.direct_note_text in text
    assert runs["ex5-least-squares"].view.results[0].direct_note == ""


def test_the_quadratic_form_marks_its_direct_term(runs):
    r = runs["quadratic-form"].view.results[0]
    assert r.direct_note and all(r"\text{ fixed}" in lay.chain.symbolic for lay in r.layouts)


@pytest.mark.parametrize(("pid", "wrt", "one"), [
    ("scalar-chain", "x", True), ("total-derivative", "x", True), ("neuron-activation", "b", True),
    ("neuron-activation", "w", False), ("ex4-dot-square", "w", False), ("determinant", "X", False),
])
def test_one_layout_where_every_step_and_the_result_are_scalars(runs, pid, wrt, one):
    r = next(r for r in runs[pid].view.results if r.wrt == wrt and r.order == 1)
    assert bool(r.one_layout_note) is one
    if one:     # what justifies one section: the layouts' values agree
        numerator, denominator = (r.layout(lay) for lay in Layout)
        assert [x.value for x in numerator.locals] == [x.value for x in denominator.locals]
        assert numerator.result.latex == denominator.result.latex


def test_a_scalar_page_has_one_section_and_no_tabs(runs):
    page = render_page("derivatives.md.j2", p=runs["scalar-chain"].view, identities_url="../identities.md")
    assert S.ONE_LAYOUT_NOTE in page and '=== "' not in page and "Shapes of the factors" not in page
    assert page.count("**Result**") == 1


@pytest.mark.parametrize(("pid", "one"), [("linear-map", True), ("determinant", True), ("ex4-dot-square", False),
                                          ("matrix-chain", False)])
def test_one_step_is_the_derivations_single_local_derivative(runs, pid, one):
    r = runs[pid].view.results[0]
    assert r.one_step is one
    assert all(len(lay.locals) == 1 for lay in r.layouts) is one


def test_a_one_step_page_shows_the_rule_and_the_result_once(runs):
    view = runs["linear-map"].view
    page = render_page("derivatives.md.j2", p=view, identities_url="../identities.md")
    for lay in view.results[0].layouts:
        assert page.count(f"= {lay.result.latex}\n") == 1
    assert "in one step by the rule" in page and "Chain rule" not in page and "Simplified product" not in page
    assert "Intermediate variables" not in page


def test_a_simplified_product_is_shown_only_where_it_says_something_new(runs):
    hidden = shown = 0
    for run in runs.values():
        for r in run.view.results:
            for lay in r.layouts:
                if lay.show_product:
                    shown += 1
                    assert lay.product.latex not in (lay.chain.values, lay.result.latex)
                else:
                    hidden += 1
                    assert lay.product.latex == lay.result.latex or S.repeats(lay.product.latex, lay.chain.values) or (
                        lay.chain.accumulations and lay.chain.accumulations[-1].split(" = ", 1)[1].startswith(
                            lay.product.latex))
    assert hidden and shown


@pytest.mark.parametrize(("product", "shown", "repeats"), [
    ("2\\,x", ("1 \\cdot 2\\,x", "2\\,x"), True), ("6\\,x", ("2 \\cdot 3\\,x", "6\\,x^{2}"), False)])
def test_repeats(product, shown, repeats):
    assert S.repeats(product, *shown) is repeats


def test_the_page_says_the_function_does_not_depend_on_the_variable():
    p = make_problem("a**2", {"a": [], "x": ["n"]}, ["x"])
    assert S.direct_note(derive(p, "x"), {}, latex=False) == \
        "f does not depend on x: its derivative is zero, by the constant rule."


def _page(problem):
    view = run_problem(problem).view
    return view, render_page("derivatives.md.j2", p=view, identities_url="../identities.md")


def test_the_rows_between_the_chain_product_and_the_result_read_forward():
    # the scalar chain: its product simplified over u, v and s, then those put back into that (never the
    # chain's unsimplified product put back after it, which undid the simplification), then the result (the
    # rows that keep some of the set-up's names: test_putback)
    view, page = _page(make_problem("log(sin(x**3)**2)", {"x": []}, ["x"],
                                    ["u = x**3", "v = sin(u)", "s = v**2", "y = log(s)"]))
    for lay in view.results[0].layouts:
        assert lay.show_product and lay.put_back and r"\mathbf{1}" not in lay.put_back, lay.put_back
        assert lay.put_back not in (lay.product.latex, lay.result.latex)
    assert "before simplifying" not in page and page.count("**Intermediates put back**:") == 1   # one layout shown: a scalar by a scalar
    product = page.index("**Simplified product**")
    assert product < page.index("**Intermediates put back**", product) < page.index("**Result**", product)


def test_without_a_simplified_product_the_chain_product_is_put_back_before_simplifying():
    # log det X: the product is the result, X^-T; the row 1/det(X) det(X) X^-T shows the cancellation
    view, page = _page(make_problem("log(det(X))", {"X": ["n", "n"]}, ["X"]))
    for lay in view.results[0].layouts:
        assert not lay.show_product and r"\det" in lay.put_back
    assert page.count("**Intermediates put back**, before simplifying:") == 2
