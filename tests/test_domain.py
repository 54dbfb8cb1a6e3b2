"""mcdocgen.present.domain: where the function is defined beyond the declarations, stated on the page, in the
handouts and in the terminal: ln det M needs det M > 0 unless M is positive definite by its form (review s45 P3:
wiki-sm-log-det-scaled, ln det(a X) with a positive and X invertible, did not say that det X > 0)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from problem_factory import make_problem

from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.language import Layout
from mcdocgen.present import domain as D
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.catalog import HandoutSpec
from mcdocgen.commands.pipeline import identity_views
from mcdocgen.publish import handout as H
from mcdocgen.present.views import problem_view
from mcdocgen import language as E
from mcdocgen.publish.tex import DOMAIN_WHY_ASKED
from mcdocgen.publish.render import render_site_pages
from mcdocgen.publish.terminal import render_terminal

ROOT = Path(__file__).resolve().parent.parent
SQUARE_X = E.shapes.square(E.shapes.size_symbol("n"))
SQUARE = {"A": ["n", "n"], "B": ["n", "n"], "X": ["n", "n"], "t": [], "a": [], "s": []}


def _conditions(expression, assume=None):
    problem = make_problem(expression, SQUARE, ["X"] if "X" in expression else ["A"], assume=assume)
    return D.conditions(problem, McLatexPrinter()).text


def test_a_log_determinant_not_positive_definite_by_its_form_is_stated():
    assert _conditions("logdet(a * X)", {"a": ["positive"], "X": ["invertible"]}) == ("det(a * X) > 0",)
    assert _conditions("logdet(A + t * B) + tr(X)", {"A": ["positive_definite"]}) == ("det(A + t * B) > 0",)
    assert _conditions("logdet(X.T @ X)") == ("det(X.T @ X) > 0",)      # semidefinite only: X may be singular
    # log(det(M)) is the same function: stated the same way
    assert _conditions("log(det(a * X))", {"a": ["positive"], "X": ["invertible"]}) == ("det(a * X) > 0",)
    assert _conditions("log(det(eye(n) + X.T @ X))") == ()
    # the same argument twice: once
    assert _conditions("logdet(a * X) + logdet(a * X)**2", {"a": ["positive"]}) == ("det(a * X) > 0",)


def test_a_positive_definite_form_needs_no_condition():
    pd = {"A": ["symmetric", "positive_definite"], "s": ["positive"], "a": ["positive"]}
    assert _conditions("logdet(A) + tr(X)", pd) == ()
    assert _conditions("logdet(A + s * eye(n)) + tr(X)", pd) == ()     # the GP's K + s I
    assert _conditions("logdet(a * A + X.T @ X)", pd) == ()           # pd plus a Gram product
    assert _conditions("logdet(eye(n) + X.T @ X)") == ()
    # a scalar not declared positive may make it indefinite: stated
    assert _conditions("logdet(t * A) + tr(X)", pd) == ("det(t * A) > 0",)


def test_the_page_handout_and_terminal_state_it():
    catalog = load_catalog(ROOT / "derivations.yaml")
    problem = next(p for p in catalog.problems if p.id == "wiki-sm-log-det-scaled")
    view = run_problem(problem, plots=False).view
    said = rf"Defined where ${view.domain[0]}$: {D.WHY}."
    pages = render_site_pages(replace(catalog, problems=(problem,)), [view], identity_views())
    page = next(text for path, text in pages.items() if path.endswith("wiki-sm-log-det-scaled.md"))
    assert page.index("| $X$ |") < page.index(said) < page.index("Typed as")   # under the variables
    spec = HandoutSpec("d", "Domain", "Course", "A. Teacher", "Week 1", ("wiki-sm-log-det-scaled",))
    assert rf"Defined where ${view.domain[0]}$: {D.WHY}." in H.render_handout(spec, [view], "solutions")
    assert rf"Defined where ${view.domain[0]}$: {DOMAIN_WHY_ASKED}." in H.render_handout(spec, [view], "exercises")
    assert view.domain == (r"\det\mathopen{}\left(a\,X\right) > 0",) and view.domain_text == ("det(a * X) > 0",)
    text = render_terminal(view, Layout.DENOMINATOR)
    assert f"  X: (n, n) (invertible)\n  defined where det(a * X) > 0: {D.WHY}\n" in text
    gaussian = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "ml-gaussian-log-likelihood")
    assert run_problem(gaussian, plots=False).view.domain == ()     # S positive definite: nothing to say


def test_the_view_walks_the_expression_once_for_the_page_and_the_terminal(monkeypatch):
    walks = []
    monkeypatch.setattr(D, "undeclared_logdets", lambda problem: walks.append(problem.id) or (E.var("X", SQUARE_X),))
    problem = make_problem("logdet(a * X)", SQUARE, ["X"], pid="once")
    view = problem_view(problem, [], [], plots=False)
    assert walks == ["once"] and view.domain == (r"\det\mathopen{}\left(X\right) > 0",)
    assert view.domain_text == ("det(X) > 0",)   # both from the one list
