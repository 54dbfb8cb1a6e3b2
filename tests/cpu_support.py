"""Bounded-cost assertions that hold on a loaded machine: CPU time, not wall time.

A wall-clock limit in a test fails when other programs share the processors (the suite runs on
2 cores next to other jobs); the CPU time this process and its finished children spent on the
work does not grow with the load. The bounds stay generous (several times what the work takes
here), so a slower processor passes too; the figures themselves are printed by bench/ scripts.
"""

from __future__ import annotations

import resource


def cpu_seconds() -> float:
    """CPU time (user and system) of this process and of every child it has waited for: the
    pipeline's workers and subprocess.run's programs count once they are joined."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class CpuClock:
    """Started when made: ``clock.seconds()`` is the CPU time spent since."""

    def __init__(self) -> None:
        self.start = cpu_seconds()

    def seconds(self) -> float:
        return cpu_seconds() - self.start
