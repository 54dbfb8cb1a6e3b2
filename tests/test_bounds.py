"""Bounded cost for any input (issue 10): every catalog is answered within seconds.

Ordinary problems at concrete sizes up to 1,000 are derived and verified; absurd ones are refused
with a message naming the limit; a problem that still runs too long or needs too much memory is
stopped by its worker's budget. The time bounds are generous "must not hang" bounds in CPU seconds
(tests/cpu_support.py: a loaded machine does not fail them); bench/bench_bounds.py prints the figures.
"""

from __future__ import annotations

import multiprocessing
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from mcdocgen import cli
from mcdocgen.commands import pipeline
from mcdocgen import language as E
from mcdocgen.catalog import load_catalog_bytes
from mcdocgen.engine.derive import derive
from mcdocgen.checks.components import components_check
from mcdocgen.checks.numeric import DIRECTIONAL_DETAIL, numeric_check
from mcdocgen.checks.results import CheckStatus

from bounds_cases import VERIFIED, all_cases, catalog, problem
from cpu_support import CpuClock

SECONDS = 10.0          # CPU seconds for one catalog: the slowest case takes about 2 here
STOPPED_SECONDS = 30.0  # wall seconds for a problem whose budget is 1 s (backstop 4 s) and which would sleep 60


@pytest.mark.parametrize("case", all_cases(), ids=lambda c: c.name)
def test_case_is_answered_in_seconds(case, tmp_path, capsys):
    # bounded in CPU time, as the pipeline's own budget is: a loaded machine slows the wall clock only
    path = tmp_path / f"{case.name}.yaml"
    path.write_text(case.text, encoding="utf-8")
    clock = CpuClock()
    code = cli.main(["check", str(path), "--jobs", "1"])   # its worker is joined: its CPU time counts
    elapsed = clock.seconds()
    out, err = capsys.readouterr()
    assert code == case.exit_code, err[-2000:]
    if case.answer == VERIFIED:
        assert out.startswith("ok  ") and "FAILED" not in out
    else:
        assert case.answer in err
        lines = err.splitlines()
        assert len(lines) <= 103                     # 100 diagnostics, "and N more", the summary
        assert all(line.startswith((str(path), "mcdocgen: ", "... and ")) for line in lines)
    assert elapsed < SECONDS, f"{case.name} took {elapsed:.1f} s of CPU"
    assert not multiprocessing.active_children()    # no worker outlives the run


def _one(name: str, expression: str, variables: dict, wrt: list[str]):
    return load_catalog_bytes(catalog(problem(name, expression, variables, wrt)).encode(), "t.yaml").problems[0]


def test_large_concrete_sizes_make_the_components_check_not_applicable_with_the_limit():
    p = _one("big", "x.T @ A @ x", {"x": [200], "A": [200, 200]}, ["x"])
    check = components_check(p, derive(p, "x"))
    assert check.status is CheckStatus.NOT_APPLICABLE
    assert "COMPONENT_MAX_ENTRIES" in check.detail and "numeric checks only" in check.detail


def test_a_large_determinant_is_not_expanded_symbolically():
    p = _one("det5", "det(X)", {"X": [5, 5]}, ["X"])
    check = components_check(p, derive(p, "X"))
    assert check.status is CheckStatus.NOT_APPLICABLE and "COMPONENT_MAX_INVERSE" in check.detail


def test_an_inverse_of_a_compound_3_by_3_matrix_is_not_expanded_symbolically():
    # inv(A + t * B) by t at 3 x 3 took SymPy over 60 s; the numeric checks still prove it
    p = _one("inv3", "inv(A + t * B)", {"A": [3, 3], "B": [3, 3], "t": []}, ["t"])
    check = components_check(p, derive(p, "t"))
    assert check.status is CheckStatus.NOT_APPLICABLE and "COMPONENT_MAX_COMPOUND_INVERSE" in check.detail


def test_a_size_choice_too_big_for_the_components_check_gives_way_to_another():
    # with m = 2, n = 3 first, X.T @ X is 3 x 3; the sizes swapped make it 2 x 2, which fits
    p = _one("gram", "logdet(X.T @ X)", {"X": ["m", "n"]}, ["X"])
    check = components_check(p, derive(p, "X"))
    assert check.status is CheckStatus.PASSED, check.detail


@pytest.mark.parametrize("wrong", ["twice", "negated", "squared", "missing term", "dropped transpose"])
def test_directional_differences_catch_a_wrong_result(wrong):
    expression = "sum(exp(x)) + x.T @ A @ x"
    p = _one("dir", expression, {"x": [500], "A": [500, 500]}, ["x"])
    d = derive(p, "x")
    rng = lambda: np.random.default_rng(7)
    right = numeric_check(p, d, rng(), [])
    assert right.passed and right.detail.endswith(DIRECTIONAL_DETAIL)
    if wrong in ("missing term", "dropped transpose"):
        other = "sum(exp(x)) + 0 * sum(A)" if wrong == "missing term" else "sum(exp(x)) + 2 * x.T @ A.T @ x"
        result = derive(_one("dir", other, {"x": [500], "A": [500, 500]}, ["x"]), "x").result
        if wrong == "dropped transpose":   # 2 A^T x in place of (A + A^T) x
            assert result != d.result
    else:
        result = {"twice": lambda r: E.mul(E.num(2), r), "negated": E.neg,
                  "squared": lambda r: E.mul(r, r)}[wrong](d.result)
    bad = replace(d, result=result, numerator=E.transpose(result))
    assert numeric_check(p, bad, rng(), []).status is CheckStatus.FAILED


def _spin(*args, **kwargs):
    while True:   # CPU time: what the budget counts
        pass


def test_a_problem_past_its_cpu_budget_is_stopped_and_named(monkeypatch):
    p = _one("busy", "x**2", {"x": []}, ["x"])
    monkeypatch.setenv(pipeline.BUDGET_ENV, "1")
    monkeypatch.setattr(pipeline, "derive", _spin)
    (outcome,) = pipeline.run_catalog(replace_catalog([p]), 1)
    assert not outcome.view.ok
    assert any("budget of 1 s of CPU time" in (c.detail or "") for r in outcome.view.results for c in r.checks)
    assert not multiprocessing.active_children()


def test_a_problem_that_waits_is_stopped_by_the_wall_clock_backstop(monkeypatch):
    p = _one("slow", "x**2", {"x": []}, ["x"])
    monkeypatch.setenv(pipeline.BUDGET_ENV, "1")
    monkeypatch.setattr(pipeline, "derive", lambda *a, **k: time.sleep(60))   # no CPU time: the budget never fires
    start = time.perf_counter()
    (outcome,) = pipeline.run_catalog(replace_catalog([p]), 1)
    assert time.perf_counter() - start < STOPPED_SECONDS   # stopped, not awaited
    assert not outcome.view.ok
    detail = " ".join(c.detail or "" for r in outcome.view.results for c in r.checks)
    assert f"within {pipeline.WALL_FACTOR:g} s of wall-clock time" in detail and "budget of 1 s" in detail
    assert not multiprocessing.active_children()


def test_a_problem_past_its_memory_budget_is_stopped_and_named(monkeypatch):
    p = _one("hungry", "x**2", {"x": []}, ["x"])
    monkeypatch.setattr(pipeline, "derive", lambda *a, **k: np.ones(10**10))
    (outcome,) = pipeline.run_catalog(replace_catalog([p]), 1)
    assert not outcome.view.ok
    assert any("memory budget" in (c.detail or "") for r in outcome.view.results for c in r.checks)


def test_budgets_leave_other_problems_and_the_order_alone(monkeypatch):
    ps = [_one(f"p{k}", "x**2", {"x": []}, ["x"]) for k in range(4)]
    real = pipeline.derive
    # the budget is CPU time: p0, p2 and p3 need 0.05 s of it however loaded the machine is
    monkeypatch.setenv(pipeline.BUDGET_ENV, "2")
    monkeypatch.setattr(pipeline, "derive", lambda prob, w, **k: _spin() if prob.id == "p1" else real(prob, w, **k))
    outcomes = pipeline.run_catalog(replace_catalog(ps), 2)
    assert [o.view.id for o in outcomes] == ["p0", "p1", "p2", "p3"]
    assert [o.view.ok for o in outcomes] == [True, False, True, True]


def replace_catalog(problems):
    from mcdocgen.catalog import Catalog

    return Catalog("t.yaml", tuple(problems))


CHILD = """
import multiprocessing, sys, threading, time
sys.path.insert(0, {tests!r})
from mcdocgen.commands import pipeline
from test_bounds import _one
pipeline.derive = lambda *a, **k: time.sleep(600)
threading.Thread(target=pipeline.run_one, args=(_one("slow", "x**2", {{"x": []}}, ["x"]),), daemon=True).start()
while not multiprocessing.active_children():
    time.sleep(0.05)
print(multiprocessing.active_children()[0].pid, flush=True)
time.sleep(600)
"""


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/status") as f:
            return any(line.split()[1] in ("Z", "X") for line in f if line.startswith("State:"))
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="Linux only (/proc, PR_SET_PDEATHSIG)")
def test_workers_die_with_a_killed_build():
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", CHILD.format(tests=str(Path(__file__).parent))],
                            stdout=subprocess.PIPE, text=True)
    try:
        worker = int(proc.stdout.readline())
        assert not _gone(worker)
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 5
        while not _gone(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _gone(worker)
    finally:
        proc.kill()

