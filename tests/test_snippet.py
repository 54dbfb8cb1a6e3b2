"""The published NumPy snippets run: each one, executed by itself in a fresh interpreter, prints the
largest difference between the derived gradient and central differences, relative to the derivative's
size, and it is below what the snippet promises (present.snippet.SNIPPET_PROMISE); the pages a review
found wrong and a fixed random sample of the catalog's run too (all 303 snippets took 5 minutes)."""

from __future__ import annotations

import ast
import random
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.engine.notation import derive_page
from mcdocgen.language.functions import FUNCTIONS, STRUCTURAL
from mcdocgen.present.second import snippet_of
from mcdocgen.present.snippet import RESERVED, SNIPPET_PROMISE, language_numpy, promise_text

ROOT = Path(__file__).resolve().parent.parent
#: Different kinds of result: a vector gradient, a matrix function's log-determinant, a chain
#: in matrix form, a composite with a kink (sampled away from it), a gradient by a symmetric
#: matrix (perturbed symmetrically), and vec forms (differenced column-major).
PROBLEMS = ("ex5-least-squares", "log-determinant", "matrix-chain", "neuron-loss", "symmetric-trace",
            "inverse-by-scalar", "vector-by-matrix", "matrix-by-matrix", "transpose-by-matrix",
            "cookbook-logdet-gram")   # X m x n, log det(X^T X): sizes with m >= n (present.snippet)
#: What a first derivative's snippet promises it prints (a relative error): above it, a wrong result.
SMALL = SNIPPET_PROMISE[1]


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
    assert "_analytic = _gradient(" in snippet
    broken = snippet.replace("_analytic = _gradient(", "_analytic = 2 * _gradient(", 1)
    script = tmp_path / "broken.py"
    script.write_text(broken, encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert float(proc.stdout.strip()) > SMALL


# a generated k overwrote the exponent k, and the class count k; t[0] of a (5, 1) array is no scalar;
# points drawn outside b - A x > 0; an absolute error on entries ~1e4
REVIEWED = ("cs316-power-rule", "ml-softmax-regression-batch", "cookbook-toeplitz-trace",
            "ml-newton-log-barrier", "cookbook-det-power")
SAMPLE = 20  # all 303 took 5 minutes (derivations included), too long here: a fixed random sample besides


@cache
def _problems():
    return {p.id: p for p in load_catalog(ROOT / "derivations.yaml").problems}


def _sample() -> list[str]:
    others = sorted(set(_problems()) - set(REVIEWED))
    return sorted(random.Random(32).sample(others, SAMPLE))


def _snippets(pid: str):
    p = _problems()[pid]
    return [(p, d, snippet_of(p, d)) for d in derive_page(p) if d.result is not None]


@pytest.mark.parametrize("pid", [*REVIEWED, *_sample()])
def test_every_snippet_of_the_page_runs_and_keeps_its_promise(pid):
    runs = [s for s in _snippets(pid) if s[2]]
    assert runs, pid
    for _, d, source in runs:
        run = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, timeout=300)
        assert run.returncode == 0, run.stderr
        error = float(run.stdout.strip())
        assert error < SNIPPET_PROMISE[d.order], (pid, d.wrt, error)   # nan fails too
        assert f"about {promise_text(d.order)} or smaller" in source


@pytest.mark.parametrize("pid", REVIEWED)
def test_a_snippet_introduces_no_name_a_problem_can_have(pid):
    for p, _, source in _snippets(pid):
        own = {v.name for v in p.variables} | set(p.sizes) | {"np"}
        tree = ast.parse(source)
        made = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
        made |= {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
        prelude = {f.name for f in FUNCTIONS.values()} | {f.name for f in STRUCTURAL}
        # the prelude's functions are the language's own names, which no variable can take
        assert all(n.startswith(RESERVED) or n in own or n in prelude for n in made)
        assert not any(n.startswith(RESERVED) for n in own)


def test_an_entry_of_a_vector_is_a_scalar_in_numpy_where_vectors_are_columns():
    from tests.problem_factory import make_problem
    p = make_problem("(A @ t)[1] * st[0] + t[1] * r[2]", {"A": [3, 3], "t": [3], "st": [3], "r": [1, 3]}, ["t"])
    assert language_numpy(p.expression) == "(A @ t)[1, 0] * st[0, 0] + t[1, 0] * r[0, 2]"


def test_a_snippet_whose_function_is_finite_nowhere_stops_after_as_many_draws_as_the_check():
    """The redraw loop ended only where f was finite: log(-x^T x - 1), finite nowhere, looped for ever. It
    gives up after checks.sampling.MAX_DRAWS points, as the check does, and says why."""
    from mcdocgen.checks.sampling import MAX_DRAWS
    from mcdocgen.engine.derive import derive
    from mcdocgen.present.snippet import numpy_snippet
    from tests.problem_factory import make_problem
    p = make_problem("log(-dot(x, x) - 1)", {"x": ["n"]}, ["x"])
    source = numpy_snippet(p, derive(p, "x"))
    assert f"for _ in range({MAX_DRAWS}):" in source and f"{MAX_DRAWS} points at most, as the check does" in source
    run = subprocess.run([sys.executable, "-c", source], capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and f"f is not finite at any of {MAX_DRAWS} points drawn" in run.stderr
