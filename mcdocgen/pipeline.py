"""Running the engine over a catalog: derive and verify every problem, both cores at work.

Each problem runs in a worker process with a wall-clock budget and a memory cap: SymPy and
numpy calls cannot be interrupted from inside, so a hard limit is the only real guarantee that
any catalog is answered. The structural limits (catalog, expr, simplify, verify) keep ordinary
problems far inside the budget, so that the same catalog gives the same pages everywhere; a
problem past the budget is a per-problem failure naming the limit, never a hang.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from mcdocgen.catalog import Catalog, Problem
from mcdocgen.derive import derive, not_derived
from mcdocgen.verify import verify
from mcdocgen.views import ProblemView, problem_view

PROBLEM_SECONDS = 30.0          # wall-clock budget of one problem, derive and verify together
PROBLEM_MEMORY = 3 * 1024 ** 3  # address space a worker may add for one problem (RLIMIT_AS), bytes
BUDGET_ENV = "MCDOCGEN_PROBLEM_SECONDS"  # overrides PROBLEM_SECONDS (tests of the budget itself)


@dataclass(frozen=True, slots=True)
class Outcome:
    view: ProblemView
    derive_seconds: float
    verify_seconds: float


def run_problem(problem: Problem) -> Outcome:
    """Derive and verify one problem in this process (no budget: see run_catalog)."""
    t0 = time.perf_counter()
    derivations = [derive(problem, w) for w in problem.wrt]
    t1 = time.perf_counter()
    verifications = [verify(problem, d) for d in derivations]
    t2 = time.perf_counter()
    view = problem_view(problem, derivations, verifications)
    return Outcome(view, t1 - t0, t2 - t1)


def refused(problem: Problem, reason: str, seconds: float = 0.0) -> Outcome:
    """The outcome of a problem stopped by a budget: every result not derived, saying why."""
    derivations = [not_derived(problem, w, reason) for w in problem.wrt]
    view = problem_view(problem, derivations, [verify(problem, d) for d in derivations])
    return Outcome(view, seconds, 0.0)


def workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def budget_seconds() -> float:
    try:
        return float(os.environ.get(BUDGET_ENV, PROBLEM_SECONDS))
    except ValueError:
        return PROBLEM_SECONDS


def run_catalog(catalog: Catalog, jobs: int | None = None) -> list[Outcome]:
    """Every problem's outcome, in catalog order, whatever the order they finish in."""
    jobs = workers() if jobs is None else jobs
    problems = list(catalog.problems)
    return _Pool(max(1, min(jobs, len(problems)))).run(problems)


def run_one(problem: Problem) -> Outcome:
    """One problem within its budget (for `show` and `try`)."""
    return _Pool(1).run([problem])[0]


# ---------------------------------------------------------------- the workers


def _limit_memory() -> None:
    """PROBLEM_MEMORY more than the worker maps already (libraries, thread buffers: these vary
    with the machine, the budget for the problem's own work does not)."""
    import resource

    try:
        with open("/proc/self/statm") as f:
            mapped = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        mapped = 0
    limit = mapped + PROBLEM_MEMORY
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


def _die_with_parent() -> None:
    """Linux: the kernel kills the worker when the build process dies, even by SIGKILL."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _worker(conn: Connection, parent: int) -> None:
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent answers Ctrl-C and stops us
    _limit_memory()
    while True:
        try:
            problem = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        try:
            conn.send(("ok", run_problem(problem)))
        except MemoryError:
            conn.send(("memory", None))


class _Pool:
    """Worker processes fed one problem at a time; a worker past its deadline is killed and replaced."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.context = multiprocessing.get_context("fork")   # the engine is imported already
        self.seconds = budget_seconds()

    def _start(self):
        here, there = self.context.Pipe()
        proc = self.context.Process(target=_worker, args=(there, os.getpid()), daemon=True)
        proc.start()
        there.close()
        return proc, here

    def run(self, problems: list[Problem]) -> list[Outcome]:
        results: list[Outcome | None] = [None] * len(problems)
        queue = list(range(len(problems)))[::-1]
        idle: list = []
        busy: dict[Connection, tuple] = {}     # conn -> (process, problem index, deadline, start)
        try:
            while queue or busy:
                while queue and len(busy) < self.size:
                    proc, conn = idle.pop() if idle else self._start()
                    index = queue.pop()
                    conn.send(problems[index])
                    start = time.monotonic()
                    busy[conn] = (proc, index, start + self.seconds, start)
                timeout = max(0.0, min(d for _, _, d, _ in busy.values()) - time.monotonic())
                for conn in wait(list(busy), timeout):
                    proc, index, _, start = busy.pop(conn)
                    try:
                        kind, outcome = conn.recv()
                    except (EOFError, OSError):
                        kind, outcome = "died", None
                    if kind == "ok":
                        results[index] = outcome
                        idle.append((proc, conn))
                        continue
                    self._stop(proc, conn)
                    results[index] = refused(problems[index], self._why(kind, proc), time.monotonic() - start)
                now = time.monotonic()
                for conn, (proc, index, deadline, start) in list(busy.items()):
                    if now >= deadline:
                        del busy[conn]
                        self._stop(proc, conn)
                        results[index] = refused(problems[index], (
                            f"derive and verify did not finish within the problem's budget of "
                            f"{self.seconds:g} s ({BUDGET_ENV}); simplify the expression or use smaller sizes"),
                            now - start)
        finally:
            for proc, conn in idle + [(p, c) for c, (p, *_) in busy.items()]:
                self._stop(proc, conn)
        return results  # type: ignore[return-value]

    def _why(self, kind: str, proc) -> str:
        if kind == "memory":
            return (f"derive and verify needed more than the problem's memory budget of "
                    f"{PROBLEM_MEMORY // 1024 ** 3} GB; simplify the expression or use smaller sizes")
        return f"the worker process stopped unexpectedly (exit status {proc.exitcode})"

    @staticmethod
    def _stop(proc, conn: Connection) -> None:
        conn.close()
        if proc.is_alive():
            proc.kill()
        proc.join()
