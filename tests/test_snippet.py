"""The published NumPy snippets run: each one, executed by itself in a fresh interpreter, prints the
largest difference between the derived gradient and central differences, and it is small."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem

ROOT = Path(__file__).resolve().parent.parent
#: Different kinds of result: a vector gradient, a matrix function's log-determinant, a chain
#: in matrix form, a composite with a kink (sampled away from it), a gradient by a symmetric
#: matrix (perturbed symmetrically), and vec forms (differenced column-major).
PROBLEMS = ("ex5-least-squares", "log-determinant", "matrix-chain", "neuron-loss", "symmetric-trace",
            "inverse-by-scalar", "vector-by-matrix", "matrix-by-matrix", "transpose-by-matrix",
            "cookbook-logdet-gram")   # X m x n, log det(X^T X): sizes with m >= n (present.snippet)
#: Central differences with h = 1e-6 on values of order one: an error above this is a wrong result.
SMALL = 1e-5


@pytest.fixture(scope="module")
def problems():
    catalog = load_catalog(ROOT / "derivations.yaml")
    return {p.id: p for p in catalog.problems}


@pytest.mark.parametrize("pid", PROBLEMS)
def test_the_published_snippet_runs_and_agrees_with_finite_differences(problems, pid, tmp_path):
    view = run_problem(problems[pid]).view
    snippets = [r.snippet for r in view.results if r.derived]
    assert snippets, f"{pid}: nothing derived, so no snippet to run"
    for snippet in snippets:
        # as a reader runs it: a file of its own, in an empty folder, with nothing imported before
        script = tmp_path / "snippet.py"
        script.write_text(snippet, encoding="utf-8")
        proc = subprocess.run([sys.executable, str(script)], cwd=tmp_path, capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 0, proc.stderr
        printed = proc.stdout.strip().splitlines()
        assert len(printed) == 1, proc.stdout
        assert 0 <= float(printed[0]) < SMALL, f"{pid}: the snippet's error is {printed[0]}"


def test_a_wrong_gradient_in_the_snippet_is_caught(problems, tmp_path):
    """The check above can fail: the same snippet with its gradient doubled prints a large error."""
    view = run_problem(problems["ex5-least-squares"]).view
    snippet = view.results[0].snippet
    assert "analytic = gradient(" in snippet
    broken = snippet.replace("analytic = gradient(", "analytic = 2 * gradient(", 1)
    script = tmp_path / "broken.py"
    script.write_text(broken, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert float(proc.stdout.strip()) > SMALL
