"""Kinks: where a derivative does not exist, and what a page may say there instead."""

from __future__ import annotations

from dataclasses import dataclass

from mcdocgen.language import KinkKind, Node  # KinkKind lives with the functions that have kinks


@dataclass(frozen=True, slots=True)
class Kink:
    at: Node            # the derivative fails where this is zero
    kind: KinkKind
    low: int = 0        # for CORNER: the interval of slopes at the kink
    high: int = 1
    shared: bool = False  # several non-smooth operations meet here: no single interval applies
