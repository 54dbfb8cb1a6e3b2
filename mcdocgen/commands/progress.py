"""Progress of long work (`check`, `build`): how many problems are done, which one is running, the
time so far and an estimate of the time left, so that a large catalog never looks stuck.

On a terminal it is one line, redrawn in place (``\\r``) on standard error and erased at the end;
in CI (the ``CI`` variable set, as GitHub Actions and most CI services do) it is a plain line every
:data:`PLAIN_SECONDS`, so that a short run prints none; anywhere else (a pipe, a file, a test
capturing the output) and with ``--quiet``, nothing. ``MCDOCGEN_PROGRESS=live|plain|off`` overrides
the choice (``--quiet`` still wins): the test suite sets ``off``, as its tests compare what the
commands print. It never reaches standard output or a generated file.
"""

from __future__ import annotations

import enum
import os
import shutil
import time
from collections.abc import Callable, Mapping
from typing import TextIO

PLAIN_SECONDS = 10.0   # at most one plain line this often (CI logs keep every line)
TICK_SECONDS = 1.0     # the live line's clock is redrawn at least this often while a problem runs
CI_OFF = ("", "0", "false", "no")  # values of CI that mean "not in CI"
PROGRESS_ENV = "MCDOCGEN_PROGRESS"  # live, plain or off: overrides the choice by terminal and CI
ERASE = "\r\x1b[K"     # back to the start of the line, and clear it


@enum.unique
class Mode(enum.StrEnum):
    LIVE = "live"      # a terminal: one line redrawn in place
    PLAIN = "plain"    # CI: a plain line now and then
    OFF = "off"


def mode_for(stream: TextIO, quiet: bool = False, env: Mapping[str, str] | None = None) -> Mode:
    """How progress is shown on ``stream``: live on a terminal, plain in CI, else not at all."""
    env = os.environ if env is None else env
    if quiet:
        return Mode.OFF
    if env.get(PROGRESS_ENV, "").strip().lower() in set(Mode):
        return Mode(env[PROGRESS_ENV].strip().lower())
    isatty = getattr(stream, "isatty", None)
    if isatty is not None and isatty():
        return Mode.LIVE
    return Mode.PLAIN if env.get("CI", "").strip().lower() not in CI_OFF else Mode.OFF


def clock(seconds: float) -> str:
    """``75.2`` -> ``1:15``; an hour or more: ``1:02:03``."""
    whole = max(0, int(seconds))
    hours, rest = divmod(whole, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def describe(done: int, total: int, current: str, elapsed: float) -> str:
    """The words of one report, the same in both modes:
    ``12 of 200 problems done, 0:14 elapsed, about 3:40 left; running ex5-least-squares``."""
    text = f"{done} of {total} problems done, {clock(elapsed)} elapsed"
    if 0 < done < total:
        text += f", about {clock(elapsed / done * (total - done))} left"
    return text + (f"; running {current}" if current else "")


class Progress:
    """Called by the runner with (problems done, problems in all, the id of a problem still running or
    ""); draws on ``stream`` in ``mode``. ``now`` is the clock (tests pass their own)."""

    def __init__(self, stream: TextIO, mode: Mode, now: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.mode, self.now = stream, mode, now
        self.started = now()
        self.last_plain = self.started
        self.drawn = False

    @property
    def tick(self) -> float | None:
        """How often the runner should report while nothing finishes (None: only on events)."""
        return TICK_SECONDS if self.mode is not Mode.OFF else None

    def __call__(self, done: int, total: int, current: str) -> None:
        if self.mode is Mode.OFF:
            return
        now = self.now()
        finished = done >= total
        if self.mode is Mode.LIVE:
            if finished:
                self.stream.write(ERASE if self.drawn else "")   # the summary that follows takes the line
            else:
                width = shutil.get_terminal_size((100, 24)).columns - 1
                self.stream.write(ERASE + f"mcdocgen: {describe(done, total, current, now - self.started)}"[:width])
            self.drawn = not finished
            self.stream.flush()
        elif not finished and now - self.last_plain >= PLAIN_SECONDS:
            self.last_plain = now
            print(f"mcdocgen: {describe(done, total, current, now - self.started)}", file=self.stream, flush=True)


def progress_on(stream: TextIO, quiet: bool = False) -> Progress:
    """The progress display a command gives its runner: drawn on ``stream`` as :func:`mode_for` decides."""
    return Progress(stream, mode_for(stream, quiet))
