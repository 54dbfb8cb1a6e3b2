"""`mcdocgen try --hessian`, `show` and the published snippet of a Hessian: what each prints."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from mcdocgen.commands.options import TryFormat
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.commands.show import show
from mcdocgen.commands.trial import try_expression
from mcdocgen.errors import ExitCode, TrialError
from mcdocgen.language import Layout
from mcdocgen.publish.render import render_derivatives
from problem_factory import make_problem


def _try(fmt: TryFormat, expression="x.T @ A @ x", variables=("x:n", "A:n,n"), hessian=("x",)):
    out, err = io.StringIO(), io.StringIO()
    code = try_expression(expression, list(variables), ["x"], out, err, fmt=fmt, hessian=list(hessian))
    return code, out.getvalue(), err.getvalue()


def test_try_hessian_prints_the_second_derivative_with_its_route():
    code, out, _ = _try(TryFormat.TEXT)
    assert code is ExitCode.OK
    assert "d2f/dx2 (Hessian, matrix form), denominator layout: derive the gradient, then differentiate it" in out
    assert "result:   dg/dx = A + A.T   (n, n)" in out


def test_try_hessian_json_has_order_2():
    code, out, _ = _try(TryFormat.JSON)
    results = json.loads(out)["results"]
    assert code is ExitCode.OK and [(r["order"], r["form"]) for r in results] == [(1, "matrix"), (2, "matrix")]
    assert results[1]["denominator"]["expr"] == "A + A.T"


def test_try_hessian_of_a_vector_function_is_refused_with_the_option_named():
    try:
        _try(TryFormat.TEXT, "A @ x")
    except TrialError as exc:
        assert exc.lines == ["--hessian: a Hessian is the second derivative of a scalar function, but the "
                             "expression has shape (n, 1)"]
    else:
        raise AssertionError("a Hessian of a vector function must be refused")


def test_markdown_has_a_second_derivative_section():
    _, out, _ = _try(TryFormat.MARKDOWN)
    assert "## Second derivative with respect to x" in out
    assert "Route: derive the gradient, then differentiate it." in out


def test_a_second_derivative_by_a_scalar_is_no_matrix_of_partials():
    # by a scalar t the second derivative is one number: no entries (i, j), no gradient, no Jacobian
    args = {"expression": "x**3 - A", "variables": ("x:", "A:")}
    _, whole, _ = _try(TryFormat.MARKDOWN, **args)
    page = whole.split("## Second derivative")[1].split("### Intermediate variables of the first derivative")[0]
    assert "The second derivative $\\frac{\\partial^{2} f}{\\partial x^{2}}$ of $f$ by the scalar $x$" in page
    assert "Route: derive the first derivative, then differentiate it." in page
    assert "partial derivatives" not in page and "Hessian" not in page and "Jacobian" not in page
    # its result is labelled as books write it, d^2 f / dx^2, not only as dg/dx (a reader review)
    assert "\\frac{\\partial^{2} f}{\\partial x^{2}} = \\frac{\\partial g}{\\partial x}" in whole.split("## Second derivative")[1]
    _, text, _ = _try(TryFormat.TEXT, **args)
    assert "d2f/dx2 (second derivative), denominator layout: derive the first derivative, then differentiate it" in text
    _, page, _ = _try(TryFormat.MARKDOWN)      # by a vector: the Hessian matrix
    assert "the matrix of its second partial derivatives" in page


def test_the_hessian_snippet_runs_and_agrees():
    problem = make_problem("sum(softplus(X @ w) - y * (X @ w))", {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, ["w"])
    view = run_problem(replace(problem, hessian=("w",))).view
    assert "Second derivative" in render_derivatives(view)
    snippet = view.results[1].snippet
    run = subprocess.run([sys.executable, "-c", snippet], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert float(run.stdout.strip()) < 1e-5


def test_show_prints_the_catalog_hessian_in_vec_form():
    out = io.StringIO()
    catalog = Path(__file__).resolve().parents[1] / "derivations.yaml"
    assert show(catalog, "hessian-logdet", Layout.NUMERATOR, out) is ExitCode.OK
    text = out.getvalue()
    assert "d2f/dX2 (Hessian, vec form), numerator layout: derive the gradient, then differentiate it, G = df/dX" in text
    assert "commutation(n, n)" in text
