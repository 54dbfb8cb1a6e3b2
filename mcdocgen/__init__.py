"""mcdocgen: matrix-calculus derivations, step by step, in both layouts, verified.

``from mcdocgen import derive`` is the Python API (:mod:`mcdocgen.api`), imported only when it is
first used, so that ``import mcdocgen`` (and the command line's start) stays light.
"""

from __future__ import annotations

__version__ = "0.1.0"

#: What the top package re-exports from :mod:`mcdocgen.api`, on first use.
API = ("derive", "Derivation", "Check")


def __getattr__(name: str) -> object:
    if name in API:
        from mcdocgen import api  # the one import of a later layer here (tests/test_architecture.py)

        return getattr(api, name)
    raise AttributeError(f"module 'mcdocgen' has no attribute {name!r}")
