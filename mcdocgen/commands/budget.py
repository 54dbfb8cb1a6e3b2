"""A problem's budget in a worker process: CPU time (RLIMIT_CPU, SIGXCPU) and address space (RLIMIT_AS).

CPU time, not wall time, so that a loaded machine does not refuse a problem an idle one answers (the
same catalog gives the same pages everywhere); the pipeline keeps a wall-clock backstop of
WALL_FACTOR times the budget for a worker that waits or is stuck where no signal reaches Python.
"""

from __future__ import annotations

import math
import os
import resource

PROBLEM_SECONDS = 30.0          # CPU-time budget of one problem, derive and verify together
WALL_FACTOR = 4                 # the wall-clock backstop: this many times the budget, for any load
PROBLEM_MEMORY = 3 * 1024 ** 3  # address space a worker may add for one problem (RLIMIT_AS), bytes
BUDGET_ENV = "MCDOCGEN_PROBLEM_SECONDS"  # overrides PROBLEM_SECONDS (tests of the budget itself)


def budget_seconds() -> float:
    try:
        return float(os.environ.get(BUDGET_ENV, PROBLEM_SECONDS))
    except ValueError:
        return PROBLEM_SECONDS


def limit_memory() -> None:
    """PROBLEM_MEMORY more than the worker maps already (libraries, thread buffers: these vary
    with the machine, the budget for the problem's own work does not)."""
    try:
        with open("/proc/self/statm") as f:
            mapped = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        mapped = 0
    limit = mapped + PROBLEM_MEMORY
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (ValueError, OSError):
        pass


class OverBudget(BaseException):
    """Raised in a worker by SIGXCPU, past its problem's CPU time: a BaseException, so that no
    ``except Exception`` of the engine or a library takes it for an error of its own."""


def over_budget(signum: int, frame: object) -> None:
    raise OverBudget


def limit_cpu(seconds: float | None) -> None:
    """SIGXCPU once this process has used ``seconds`` more CPU time than it has now (None: no limit,
    between problems, so that a problem ending just inside its budget does not stop the worker)."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_CPU)
        soft = resource.RLIM_INFINITY if seconds is None else math.ceil(used.ru_utime + used.ru_stime + seconds)
        if hard != resource.RLIM_INFINITY:
            soft = hard if soft == resource.RLIM_INFINITY else min(soft, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))
    except (ValueError, OSError):
        pass
