"""Work done alongside the workers (pipeline.run_catalog), in a process of its own.

Apart from the pipeline so that it can start before the engine is imported: `check` forks it as soon
as the catalog has loaded, and it then runs (Temml's Node starting, a third of a second) on the core
that would otherwise wait while this process imports the engine.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

from mcdocgen import crashsafe
from mcdocgen.errors import InternalError

T = TypeVar("T")

WORKER_STOPPED = "the worker process stopped unexpectedly"  # killed from outside, or crashed in C


@dataclass(frozen=True, slots=True)
class Aside(Generic[T]):
    """Work that needs no outcome, done alongside the workers instead of before them: ``work`` runs in
    a process of its own (forked: it may start programs, such as Node for Temml, whose pipes the
    workers then never hold) and returns a picklable value; ``then`` receives it in this process as
    soon as it arrives. If ``then`` raises, the workers are stopped and the exception propagates."""

    work: Callable[[], T]
    then: Callable[[T], None]


def _aside(conn: Connection, parent: int, work: Callable[[], Any]) -> None:
    """Run ``work`` once and send ("ok", its value), or ("bug", traceback)."""
    crashsafe.die_with_parent(parent, signal.SIGKILL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        answer: tuple[str, object] = ("ok", work())
    except Exception:  # noqa: BLE001 - a bug in the program: the parent raises it
        answer = ("bug", traceback.format_exc())
    conn.send(answer)


@dataclass(slots=True)
class Side(Generic[T]):
    """The process doing an Aside, and whether its answer was handed over."""

    proc: multiprocessing.process.BaseProcess
    conn: Connection
    aside: Aside[T]
    answered: bool = False

    @staticmethod
    def start(aside: Aside[T]) -> Side[T]:
        """Fork the process doing ``aside`` (before the workers: they then never hold the pipes of
        what it starts)."""
        context = multiprocessing.get_context("fork")
        here, there = context.Pipe(duplex=False)
        proc = context.Process(target=_aside, args=(there, os.getpid(), aside.work), daemon=True)
        proc.start()
        there.close()
        return Side(proc, here, aside)

    def answer(self) -> None:
        """Read the answer (blocking until it comes) and hand it to ``then``."""
        self.answered = True
        try:
            kind, value = self.conn.recv()
        except (EOFError, OSError):
            kind, value = "bug", f"{WORKER_STOPPED} (exit status {self.proc.exitcode})"
        if kind != "ok":
            raise InternalError("the work done alongside the problems", str(value))
        self.aside.then(value)

    def stop(self) -> None:
        if self.conn.closed:    # stopped already (the pipeline stops what it was given, and so may its caller)
            return
        self.conn.close()
        self.proc.join(timeout=0 if not self.answered else 1.0)
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
