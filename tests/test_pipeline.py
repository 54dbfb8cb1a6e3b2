"""mcdocgen.commands.pipeline: workers that report a program bug as a bug, give every problem the outcome a fresh
worker gives, are replaced after their share of problems, and
use the processors this process may run on. (The budgets themselves: tests/test_bounds.py.)"""

from __future__ import annotations

import multiprocessing
import os
import time
from dataclasses import replace

import pytest

from mcdocgen import crashsafe
from mcdocgen.commands import pipeline
from mcdocgen.commands.aside import Aside, Side
from mcdocgen.catalog import Catalog, load_catalog, load_catalog_bytes
from mcdocgen.errors import CatalogError, ErrorCode, ExprError, InternalError, McdocgenError

from bounds_cases import catalog, problem
from conftest import ROOT


def _catalog(*names: str) -> Catalog:
    text = catalog(*(problem(name, "x**2", {"x": []}, ["x"]) for name in names))
    return load_catalog_bytes(text.encode(), "t.yaml")


def test_a_bug_in_a_worker_is_raised_as_an_internal_error_with_its_traceback(monkeypatch):
    def buggy(problem, wrt, **_):   # derive's keywords: the page's naming
        raise ZeroDivisionError("a bug planted by the test")

    monkeypatch.setattr(pipeline, "derive", buggy)
    with pytest.raises(InternalError) as info:
        pipeline.run_catalog(_catalog("p0", "p1", "p2"), 2)
    assert "problem 'p0'" in str(info.value) and "ZeroDivisionError" in str(info.value)
    assert "a bug planted by the test" in info.value.details and "in buggy" in info.value.details
    assert not multiprocessing.active_children()   # the other workers are stopped too


def test_the_error_names_the_catalogs_first_bug_whichever_worker_reports_first(monkeypatch):
    # p0 and p1 run at once; p1's bug arrives first, p0's later: the error still names p0, as it
    # does when the race goes the other way (it used to name whichever came first: 2 runs in 12 under load)
    def buggy(problem, wrt, **_):
        if problem.id == "p0":
            time.sleep(0.5)
        raise ZeroDivisionError(f"planted in {problem.id}")

    monkeypatch.setattr(pipeline, "derive", buggy)
    with pytest.raises(InternalError) as info:
        pipeline.run_catalog(_catalog("p0", "p1", "p2"), 2)
    assert "problem 'p0'" in str(info.value) and "planted in p0" in info.value.details
    assert not multiprocessing.active_children()


def test_an_undefined_value_met_while_deriving_is_the_first_such_problems_located_bad_input(monkeypatch):
    # what language.build.num raises on SymPy's zoo: the input's fault, one line, no traceback
    def undefined(problem, wrt, **_):
        if problem.id == "p0":
            time.sleep(0.3)
        if problem.id != "p2":
            raise ExprError(f"undefined in {problem.id}", code=ErrorCode.UNDEFINED)
        return real(problem, wrt, **_)

    real = pipeline.derive
    monkeypatch.setattr(pipeline, "derive", undefined)
    with pytest.raises(CatalogError) as info:
        pipeline.run_catalog(_catalog("p0", "p1", "p2"), 2)
    assert not isinstance(info.value, InternalError)
    (diagnostic,) = info.value.diagnostics
    assert (diagnostic.file, diagnostic.problem, diagnostic.key, diagnostic.message, diagnostic.code) == \
        ("t.yaml", "p0", "expression", "undefined in p0", ErrorCode.UNDEFINED)
    with pytest.raises(McdocgenError) as one:   # one problem (`try`, `show`): no catalog to locate it in
        pipeline.run_one(_catalog("p1").problems[0], plots=False)
    assert str(one.value) == "problem 'p1', expression: undefined in p1 [undefined]"
    assert not multiprocessing.active_children()


def test_work_aside_runs_in_its_own_process_and_its_answer_reaches_then():
    got = []
    outcomes = pipeline.run_catalog(_catalog("p0", "p1"), 2, aside=pipeline.Aside(os.getpid, got.append))
    assert [o.view.ok for o in outcomes] == [True, True]
    assert len(got) == 1 and got[0] != os.getpid()     # forked: this process stays free to dispatch
    assert not multiprocessing.active_children()


def test_an_aside_started_before_the_run_is_answered_and_stopped_by_it():
    # check forks it before the engine is imported (commands.aside): the run reads its answer and stops it
    got = []
    side = Side.start(Aside(os.getpid, got.append))
    outcomes = pipeline.run_catalog(_catalog("p0", "p1"), 2, aside=side)
    assert [o.view.ok for o in outcomes] == [True, True]
    assert len(got) == 1 and got[0] != os.getpid() and side.answered and side.conn.closed
    assert not multiprocessing.active_children()
    side.stop()     # a second stop (check's, after the run) does nothing


def test_an_aside_whose_answer_is_refused_stops_the_workers_and_its_error_propagates():
    class Refused(Exception):
        pass

    def refuse(value):
        raise Refused(value)

    with pytest.raises(Refused):
        pipeline.run_catalog(_catalog("p0", "p1", "p2"), 2, aside=pipeline.Aside(lambda: "no", refuse))
    assert not multiprocessing.active_children()


def test_a_bug_aside_is_an_internal_error_with_its_traceback():
    def buggy():
        raise ZeroDivisionError("planted aside")

    with pytest.raises(InternalError) as info:
        pipeline.run_catalog(_catalog("p0"), 1, aside=pipeline.Aside(buggy, print))
    assert "planted aside" in info.value.details
    assert not multiprocessing.active_children()


def test_outcomes_without_derivations_have_the_same_views():
    cat = _catalog("p0", "p1")
    full, lean = pipeline.run_catalog(cat, 2), pipeline.run_catalog(cat, 2, derivations=False)
    assert [o.view for o in lean] == [o.view for o in full]
    assert all(o.derivations == () for o in lean) and all(o.derivations for o in full)


MIXED = ("log-determinant", "softmax-cross-entropy", "ex5-least-squares", "matrix-chain", "cookbook-trace-inverse",
         "hessian-logistic", "ex2-relu", "cookbook-det-xtax-general")


def test_an_outcome_does_not_depend_on_what_ran_before_it_in_its_worker():
    """Workers serve many problems, SymPy's cache cleared before each: every problem's outcome is the
    one a fresh worker of its own gives, in any order and with any number of workers."""
    full = load_catalog(ROOT / "derivations.yaml")
    picked = tuple(full.problem(pid) for pid in MIXED)
    alone = [pipeline.run_catalog(replace(full, problems=(p,)), 1)[0].view for p in picked]
    in_order = [o.view for o in pipeline.run_catalog(replace(full, problems=picked), 1)]
    reversed_by_two = [o.view for o in pipeline.run_catalog(replace(full, problems=picked[::-1]), 2)][::-1]
    assert in_order == alone
    assert reversed_by_two == alone


def test_a_worker_is_replaced_after_its_share_of_problems(monkeypatch):
    monkeypatch.setattr(pipeline, "WORKER_PROBLEMS", 2)
    seen = []
    real = pipeline._Workers._start

    def counted(self, problems):
        slot = real(self, problems)
        seen.append(slot.proc.pid)
        return slot

    monkeypatch.setattr(pipeline._Workers, "_start", counted)
    outcomes = pipeline.run_catalog(_catalog("p0", "p1", "p2", "p3", "p4"), 1)
    assert [o.view.ok for o in outcomes] == [True] * 5
    assert len(set(seen)) == 3
    assert not multiprocessing.active_children()


def test_the_outcome_carries_the_derivations_it_was_made_from():
    (outcome,) = pipeline.run_catalog(_catalog("p0"), 1)
    assert [d.wrt for d in outcome.derivations] == [r.wrt for r in outcome.view.results] == ["x"]
    assert outcome.derivations[0].ok


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="no CPU affinity here")
def test_workers_count_the_processors_this_process_may_use(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})   # as `taskset -c 0` would
    assert crashsafe.cpus() == 1
    assert pipeline.workers() == 1


_KEPT: list = []


def test_memory_an_earlier_problem_keeps_is_not_taken_from_a_later_ones_budget(monkeypatch):
    """The memory limit is set for each problem from what the worker maps then (found in review:
    set once per worker, a survivor of p0 refused p1, which passes alone)."""
    real = pipeline.derive
    monkeypatch.setattr(pipeline, "PROBLEM_MEMORY", 600 * 1024 ** 2)

    def leaky(p, wrt, **kw):
        if p.id == "p0":
            _KEPT.append(bytearray(400 * 1024 ** 2))     # outlives the problem
        if p.id == "p1":
            _ = bytearray(300 * 1024 ** 2)              # well within 600 MB
        return real(p, wrt, **kw)

    monkeypatch.setattr(pipeline, "derive", leaky)
    two = load_catalog_bytes(catalog(*(problem(n, "x**2", {"x": []}, ["x"]) for n in ("p0", "p1"))).encode(), "t.yaml")
    one = load_catalog_bytes(catalog(problem("p1", "x**2", {"x": []}, ["x"])).encode(), "t.yaml")
    alone = pipeline.run_catalog(one, 1)[0].view.ok
    after = pipeline.run_catalog(two, 1)[1].view.ok
    assert alone is True
    assert after is alone
