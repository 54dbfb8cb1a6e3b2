"""Running the engine over a catalog: derive and verify every problem, both cores at work."""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from mcdocgen.catalog import Catalog, Problem
from mcdocgen.derive import derive
from mcdocgen.verify import verify
from mcdocgen.views import ProblemView, problem_view

PARALLEL_FROM = 40  # problems; below this starting the worker processes costs more than it saves (bench/)


@dataclass(frozen=True, slots=True)
class Outcome:
    view: ProblemView
    derive_seconds: float
    verify_seconds: float


def run_problem(problem: Problem) -> Outcome:
    t0 = time.perf_counter()
    derivations = [derive(problem, w) for w in problem.wrt]
    t1 = time.perf_counter()
    verifications = [verify(problem, d) for d in derivations]
    t2 = time.perf_counter()
    view = problem_view(problem, derivations, verifications)
    return Outcome(view, t1 - t0, t2 - t1)


def workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def run_catalog(catalog: Catalog, jobs: int | None = None) -> list[Outcome]:
    """Every problem's outcome, in catalog order, whatever the order they finish in."""
    jobs = workers() if jobs is None else jobs
    problems = list(catalog.problems)
    if jobs <= 1 or len(problems) < PARALLEL_FROM:
        return [run_problem(p) for p in problems]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(run_problem, problems))
