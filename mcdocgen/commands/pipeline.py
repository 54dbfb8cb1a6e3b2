"""Running the engine over a catalog: derive and verify every problem, both cores at work.

Each problem runs in a worker process with a budget of CPU time and a memory cap: SymPy and
numpy calls cannot be interrupted from inside, so a hard limit is the only real guarantee that
any catalog is answered. The budget is CPU time (RLIMIT_CPU), not wall time, so that a loaded
machine does not refuse a problem an idle one answers: the same catalog gives the same pages
everywhere. A wall-clock backstop, WALL_FACTOR times the budget, stops a worker that waits or is
stuck where the signal cannot reach Python. The structural limits (catalog, expr, simplify,
verify) keep ordinary problems far inside the budget; a problem past it is a per-problem failure
naming the limit, never a hang.
"""

from __future__ import annotations

import functools
import gc
import multiprocessing
import os
import signal
import time
import traceback
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection, wait
from typing import Any

# Imported lazily on first use by verify (numpy.random) and by SymPy itself (Add.flatten and the
# assumptions): imported here, in the parent, so that every worker forked from it starts with
# them instead of spending 0.1 s importing them again for every problem.
import numpy.random  # noqa: F401
import sympy.assumptions.wrapper
import sympy.tensor.tensor  # noqa: F401
from sympy.core.cache import clear_cache

from mcdocgen import crashsafe
from mcdocgen.commands.aside import WORKER_STOPPED, Aside, Side
from mcdocgen.catalog import Catalog, Problem
from mcdocgen.engine.derive import Derivation, derive
from mcdocgen.engine.notation import derive_page, not_derived_each
from mcdocgen.engine.hessian import derive_hessian, hessian_not_derived
from mcdocgen.errors import CatalogError, Diagnostic, ErrorCode, ExprError, InternalError, McdocgenError
from mcdocgen.language.walks import walk
from mcdocgen.checks.verify import verify
from mcdocgen.commands.budget import (
    BUDGET_ENV, PROBLEM_MEMORY, PROBLEM_SECONDS, WALL_FACTOR, OverBudget, budget_seconds, limit_cpu, limit_memory,
    over_budget,
)
from mcdocgen.commands.progress import Progress
from mcdocgen.engine.identities import IDENTITIES, example_problem
from mcdocgen.engine.rules import RuleId
from mcdocgen.present.identities import IdentityView, identity_view
from mcdocgen.present.views import ProblemView, problem_view, report_view



@dataclass(frozen=True, slots=True)
class Outcome:
    view: ProblemView
    derivations: tuple[Derivation, ...]   # one per wrt, then one per hessian: what `show` and `try` print
    #                                       (none where run_catalog was asked for none)
    derive_seconds: float
    verify_seconds: float


def run_problem(problem: Problem, plots: bool = True, pages: bool = True) -> Outcome:
    """Derive and verify one problem in this process (no budget: see run_catalog); ``plots``: with the
    page's pictures (only pages show them, and they can cost more than the checks); ``pages``: False
    for a view with only what `check` reads (present.views.report_view)."""
    t0 = time.perf_counter()
    derivations = derive_page(problem, derive, derive_hessian)   # one naming for the page
    t1 = time.perf_counter()
    verifications = [verify(problem, d) for d in derivations]
    t2 = time.perf_counter()
    view = problem_view(problem, derivations, verifications, plots) if pages else \
        report_view(problem, derivations, verifications)
    return Outcome(view, tuple(derivations), t1 - t0, t2 - t1)


def refused(problem: Problem, reason: str, seconds: float = 0.0) -> Outcome:
    """The outcome of a problem stopped by a budget: every result not derived, saying why."""
    derivations = not_derived_each(problem, problem.wrt, reason)
    derivations += [hessian_not_derived(problem, w, reason) for w in problem.hessian]
    view = problem_view(problem, derivations, [verify(problem, d) for d in derivations])
    return Outcome(view, tuple(derivations), seconds, 0.0)




def workers() -> int:
    return min(crashsafe.cpus(), 8)


def run_catalog(catalog: Catalog, jobs: int | None = None, progress: Progress | None = None,
                plots: bool = True, aside: Aside[Any] | Side[Any] | None = None, derivations: bool = True,
                pages: bool = True) -> list[Outcome]:
    """Every problem's outcome, in catalog order, whatever the order they finish in; ``progress`` is
    told how far the run is; ``plots``: with the pages' pictures (`check` shows none); ``aside``:
    done while the workers work (its answer is awaited before this returns; a Side started already is
    stopped here, as one started here is); ``derivations``: with
    the outcomes' Derivation records (`check` reads the views only: the records are most of what
    the workers would pickle and this process unpickle); ``pages``: False for views with only what
    `check` reads (present.views.report_view: the steps' LaTeX, the phone's rows and the snippets of
    problem_view were a tenth of its work)."""
    jobs = workers() if jobs is None else jobs
    problems = list(catalog.problems)
    return _Workers(max(1, min(jobs, len(problems))), plots, derivations, pages, catalog.path).run(
        problems, progress, aside)


def run_one(problem: Problem, plots: bool = True) -> Outcome:
    """One problem within its budget (for `show` and `try`, which show no pictures: plots=False)."""
    return _Workers(1, plots).run([problem])[0]


# ---------------------------------------------------------------- the workers
#
# Workers forked from the parent (which has loaded the catalog and derived nothing), each serving
# problems one at a time, SymPy's cache cleared before each: a problem's outcome depends only on
# the problem, whatever ran before it in that worker and whatever --jobs is (the engine's memos
# remember pure functions of a subtree; tests/test_pipeline.py checks the outcomes against one
# fresh worker per problem). A fresh worker per problem cost half as much again as the problems
# themselves: every fork copies the pages the child writes, and starts with every memo empty. A
# worker serves at most WORKER_PROBLEMS problems, and one that met a memory error or a deadline
# is replaced: the memory limit stays close to what a fresh worker has (a worker's resident memory
# grew from 84 to 93 MB over the 263 problems of the catalog; at 64 a problem, each of the two
# workers was replaced twice, every new one starting cold).

WORKER_PROBLEMS = 256
# the end of the error's last line: the problems before the undefined one were derived, and the run dropped them
STOPPED_WHILE_DERIVING = "deriving stopped at that problem: nothing was reported or written"


def _serve(conn: Connection, parent: int, problems: list[Problem], plots: bool, derivations: bool = True,
           pages: bool = True, seconds: float = PROBLEM_SECONDS) -> None:
    """Answer problem indices from ``conn`` with ("ok", outcome), ("memory", None), ("time", None),
    ("bad", (message, code)) for an expression found undefined while deriving, or ("bug", traceback),
    until told to stop (None) or after an answer that is not an outcome."""
    crashsafe.die_with_parent(parent, signal.SIGKILL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent answers Ctrl-C and stops us
    signal.signal(signal.SIGXCPU, over_budget)
    while True:
        try:
            index = conn.recv()
        except (EOFError, OSError):
            return
        if index is None:
            return
        clear_cache()
        limit_memory()     # per problem: what earlier problems left mapped is not taken from this one's budget
        answer: tuple[str, Outcome | str | tuple[str, str] | None]   # (kind, its outcome, traceback...), as the docstring says
        try:
            try:
                limit_cpu(seconds)
                outcome = run_problem(problems[index], plots, pages)
            finally:
                limit_cpu(None)
            answer = ("ok", outcome if derivations else replace(outcome, derivations=()))
        except OverBudget:
            answer = ("time", None)
        except MemoryError:
            answer = ("memory", None)
        except ExprError as exc:   # language.build.num met 1/0: the input's fault (a message, not a traceback)
            answer = ("bad", (exc.message, str(exc.code)))
        except Exception:  # noqa: BLE001 - a bug in the program, not in the problem: the parent raises it
            answer = ("bug", traceback.format_exc())
        try:
            conn.send(answer)
        except MemoryError:
            conn.send(answer := ("memory", None))
        except Exception:  # noqa: BLE001 - whatever stops the answer is reported as a bug
            conn.send(answer := ("bug", traceback.format_exc()))
        if answer[0] != "ok":
            return


def _cost(problem: Problem) -> int:
    """A rough guess of a problem's work, to start the costliest first: its expression's nodes times
    the derivatives asked (a Hessian counts three)."""
    return sum(1 for _ in walk(problem.expression)) * (len(problem.wrt) + 3 * len(problem.hessian))


@dataclass(slots=True)
class _Slot:
    """One worker process and the problem it is working on (None: idle)."""

    proc: multiprocessing.process.BaseProcess
    conn: Connection
    served: int = 0
    index: int | None = None
    start: float = 0.0


class _Workers:
    """At most `size` worker processes at once; one past its problem's deadline is killed."""

    def __init__(self, size: int, plots: bool = True, derivations: bool = True, pages: bool = True,
                 path: str = "") -> None:
        self.size, self.plots, self.derivations, self.pages = size, plots, derivations, pages
        self.path = path   # the catalog's, for a bad-input message (none: `try` and `show`'s one problem)
        self.context = multiprocessing.get_context("fork")   # the engine is imported already
        self.seconds = budget_seconds()
        self.wall = WALL_FACTOR * self.seconds

    def _start(self, problems: list[Problem]) -> _Slot:
        here, there = self.context.Pipe(duplex=True)
        proc = self.context.Process(target=_serve, daemon=True,
                                    args=(there, os.getpid(), problems, self.plots, self.derivations, self.pages,
                                          self.seconds))
        proc.start()
        there.close()
        return _Slot(proc, here)

    def run(self, problems: list[Problem], progress: Progress | None = None,
            aside: Aside[Any] | Side[Any] | None = None) -> list[Outcome]:
        # the parent's objects out of the collector's reach: a worker's collections would otherwise write
        # to every one of them (their headers), copying each page of the parent's memory it shares
        gc.freeze()
        side = aside if isinstance(aside, Side) else None
        try:
            # forked before the workers: they then never hold the pipes of what it starts
            side = Side.start(aside) if isinstance(aside, Aside) else side
            outcomes = self._run(problems, progress, side)
            if side is not None and not side.answered:
                side.answer()   # not arrived yet: awaited (it is bounded by its own timeouts)
            return outcomes
        finally:
            if side is not None:
                side.stop()
            gc.unfreeze()

    def _run(self, problems: list[Problem], progress: Progress | None = None,
             side: Side[Any] | None = None) -> list[Outcome]:
        results: list[Outcome | None] = [None] * len(problems)
        tick = progress.tick if progress is not None else None
        # the costliest first (popped from the end): a long problem started last would leave the
        # other workers idle at the end; the outcomes do not depend on the order, the report keeps the catalog's
        queue = sorted(range(len(problems)), key=lambda i: (_cost(problems[i]), -i))
        slots: list[_Slot] = []
        # the catalog's first bug or bad input so far: (index, traceback or (message, code), whether a bug)
        bug: tuple[int, Any, bool] | None = None
        try:
            while queue or any(s.index is not None for s in slots):
                for slot in [s for s in slots if s.index is None and s.served >= WORKER_PROBLEMS]:
                    slots.remove(slot)
                    self._stop(slot)
                while queue:
                    free = next((s for s in slots if s.index is None), None)
                    if free is None:
                        if len(slots) >= self.size:
                            break
                        free = self._start(problems)
                        slots.append(free)
                    free.index, free.start = queue.pop(), time.monotonic()
                    free.conn.send(free.index)
                busy = [s for s in slots if s.index is not None]
                if progress is not None:   # the problem running longest: the one a stuck run waits for
                    oldest = min(busy, key=lambda s: s.start).index
                    assert oldest is not None
                    progress(sum(r is not None for r in results), len(problems), problems[oldest].id)
                timeout = max(0.0, min(s.start for s in busy) + self.wall - time.monotonic())
                timeout = timeout if tick is None else min(timeout, tick)
                waiting = [side.conn] if side is not None and not side.answered else []
                ready = wait([s.conn for s in busy] + waiting, timeout)
                if waiting and side is not None and side.conn in ready:
                    side.answer()
                for slot in busy:
                    if slot not in slots or slot.conn not in ready:   # stopped by a bug meanwhile
                        continue
                    index, start = slot.index, slot.start
                    assert index is not None
                    try:
                        kind, answer = slot.conn.recv()
                    except (EOFError, OSError):
                        kind, answer = "died", None
                    slot.index, slot.served = None, slot.served + 1
                    if kind == "ok":
                        results[index] = answer
                        continue
                    slots.remove(slot)
                    self._stop(slot)
                    if kind in ("bug", "bad"):
                        bug = (index, answer, kind == "bug") if bug is None or index < bug[0] else bug
                        queue = self._before(bug[0], queue, slots)
                        continue
                    results[index] = refused(problems[index], self._why(kind, slot.proc), time.monotonic() - start)
                now = time.monotonic()
                for slot in [s for s in slots if s.index is not None and now >= s.start + self.wall]:
                    index, start = slot.index, slot.start
                    assert index is not None
                    slots.remove(slot)
                    self._stop(slot)
                    results[index] = refused(problems[index], (
                        f"derive and verify did not finish within {self.wall:g} s of wall-clock time "
                        f"({WALL_FACTOR} times the problem's budget of {self.seconds:g} s of CPU time, "
                        f"{BUDGET_ENV}); simplify the expression or use smaller sizes"), now - start)
            if bug is not None:
                if not bug[2]:
                    raise self._bad_input(problems[bug[0]], *bug[1])
                raise InternalError(f"problem '{problems[bug[0]].id}'", bug[1])
        finally:
            for slot in slots:
                self._stop(slot)
            if progress is not None:   # the end, or an interruption: a live line is erased
                progress(len(problems), len(problems), "")
        done = [r for r in results if r is not None]
        assert len(done) == len(problems), "every problem is answered or refused before the loop ends"
        return done

    def _before(self, first: int, queue: list[int], slots: list[_Slot]) -> list[int]:
        """After a bug in problem ``first``: the problems after it are dropped (their workers
        stopped), those before it still run, so that the error raised names the catalog's first bug
        whichever worker reports first (the same error on any machine, under any load)."""
        for slot in [s for s in slots if s.index is not None and s.index > first]:
            slots.remove(slot)
            self._stop(slot)
        return [i for i in queue if i < first]

    def _bad_input(self, problem: Problem, message: str, code: str) -> McdocgenError:
        """The one-line error for a problem whose expression deriving found undefined: located as the
        catalog's other mistakes are (at the problem's line: the parser's column is not known here)."""
        if self.path:
            return CatalogError([Diagnostic(self.path, problem.line, 0, problem.id, "expression", message,
                                            code=ErrorCode(code))], STOPPED_WHILE_DERIVING)
        return McdocgenError(f"problem '{problem.id}', expression: {message} [{code}]")

    def _why(self, kind: str, proc: multiprocessing.process.BaseProcess) -> str:
        if kind == "time":
            return (f"derive and verify did not finish within the problem's budget of {self.seconds:g} s "
                    f"of CPU time ({BUDGET_ENV}); simplify the expression or use smaller sizes")
        if kind == "memory":
            return (f"derive and verify needed more than the problem's memory budget of "
                    f"{PROBLEM_MEMORY // 1024 ** 3} GB; simplify the expression or use smaller sizes")
        return f"{WORKER_STOPPED} (exit status {proc.exitcode})"

    @staticmethod
    def _stop(slot: _Slot) -> None:
        try:
            if slot.index is None and slot.proc.is_alive():
                slot.conn.send(None)    # idle: told to stop, it exits at once
        except (OSError, ValueError):
            pass
        slot.conn.close()
        slot.proc.join(timeout=0.05 if slot.index is None else 0)
        if slot.proc.is_alive():
            slot.proc.kill()
        slot.proc.join()


@functools.cache
def identity_views() -> tuple[IdentityView, ...]:
    """Every rule's example derived, verified and presented, in RuleId order (the same every run: the
    derivation and the checks are seeded). A few small problems, so in this process."""
    views = []
    for rule in RuleId:
        problem = example_problem(IDENTITIES[rule])
        d = derive(problem, IDENTITIES[rule].wrt)
        views.append(identity_view(rule, problem, d, verify(problem, d)))
    return tuple(views)
