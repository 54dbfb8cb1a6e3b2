"""mcdocgen: matrix-calculus derivations, step by step, in both layouts, verified.

``from mcdocgen import derive`` is the Python API (:mod:`mcdocgen.api`), imported only when it is
first used, so that ``import mcdocgen`` (and the command line's start) stays light.
"""

from __future__ import annotations

import os

# One BLAS thread, set before numpy is first imported: the checks multiply small matrices, where
# threads only contend for the cores the workers use, and a problem's CPU-time budget
# (commands/pipeline.py) then counts the same work on any machine, whatever its core count.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

__version__ = "0.1.0"

#: What the top package re-exports from :mod:`mcdocgen.api`, on first use.
API = ("derive", "Derivation", "Check")


def __getattr__(name: str) -> object:
    if name in API:
        from mcdocgen import api  # the one import of a later layer here (tests/test_architecture.py)

        return getattr(api, name)
    raise AttributeError(f"module 'mcdocgen' has no attribute {name!r}")
