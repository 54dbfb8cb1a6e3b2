"""mcdocgen.commands.pipeline: workers that report a program bug as a bug, start every problem afresh, and
use the processors this process may run on. (The budgets themselves: tests/test_bounds.py.)"""

from __future__ import annotations

import multiprocessing
import os

import pytest

from mcdocgen import crashsafe
from mcdocgen.commands import pipeline
from mcdocgen.catalog import Catalog, load_catalog_bytes
from mcdocgen.errors import InternalError

from bounds_cases import catalog, problem


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


def test_every_problem_starts_from_the_same_state_whatever_ran_before(monkeypatch):
    """One fresh worker per problem: nothing an earlier problem left (caches, memory mapped, the
    memory limit measured from it) reaches a later one, so --jobs cannot change the output."""
    real = pipeline.derive
    left = []

    def leaves_state(problem, wrt, **naming):
        if left:
            raise AssertionError(f"problem {problem.id!r} sees state left by {left}")
        left.append(problem.id)
        return real(problem, wrt, **naming)

    monkeypatch.setattr(pipeline, "derive", leaves_state)
    outcomes = pipeline.run_catalog(_catalog("p0", "p1", "p2", "p3"), 1)
    assert [o.view.ok for o in outcomes] == [True] * 4


def test_the_outcome_carries_the_derivations_it_was_made_from():
    (outcome,) = pipeline.run_catalog(_catalog("p0"), 1)
    assert [d.wrt for d in outcome.derivations] == [r.wrt for r in outcome.view.results] == ["x"]
    assert outcome.derivations[0].ok


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="no CPU affinity here")
def test_workers_count_the_processors_this_process_may_use(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})   # as `taskset -c 0` would
    assert crashsafe.cpus() == 1
    assert pipeline.workers() == 1
