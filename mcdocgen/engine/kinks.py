"""Kinks: where a derivative does not exist, and what a page may say there instead."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from mcdocgen.language.expr import Node


@enum.unique
class KinkKind(enum.StrEnum):
    """How a function fails to be differentiable at a point."""

    CORNER = "corner"   # continuous with a subgradient set (abs, relu, max, norm)
    JUMP = "jump"       # discontinuous (sign, heaviside): no subgradient


@dataclass(frozen=True, slots=True)
class Kink:
    at: Node            # the derivative fails where this is zero
    kind: KinkKind
    low: int = 0        # for CORNER: the interval of slopes at the kink
    high: int = 1
    shared: bool = False  # several non-smooth operations meet here: no single interval applies
