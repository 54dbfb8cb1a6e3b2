"""Check results: the statuses, names and records every check reports, and how errors are measured."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from collections.abc import Mapping
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from mcdocgen.language import Node

EXACT_TOLERANCE = 1e-9          # float evaluation of equal expressions
EPS = float(np.finfo(float).eps)
EXACT_FLOOR = 1e-6              # times the largest value in play: below it, float rounding


def bound_text(bound: float) -> str:
    """A bound as pages write it: 1e-09 -> "1e-9"."""
    mantissa, exponent = f"{bound:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}"


@enum.unique
class CheckName(enum.StrEnum):
    """The checks, in the order pages list them (the JSON report's keys)."""

    NUMERIC = "numeric"
    COMPONENTS = "components"
    STEPS = "steps"
    EXPECTED = "expected"
    SUBGRADIENT = "subgradient"     # only where the result has a kink
    REMOVED_KINK = "removed kink"   # only where a non-smooth operation's place is no kink (checks.kinks_removed)
    ERRATUM = "erratum"             # only where the catalog marks a source's error (checks.erratum)


@enum.unique
class CheckStatus(enum.StrEnum):
    """What a check found; a check that cannot apply is NOT_APPLICABLE, never PASSED."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_APPLICABLE = "not applicable"


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One check's outcome, what was done, and the bound a pass guarantees."""

    status: CheckStatus
    detail: str = ""
    max_rel_error: float | None = None     # measured: for the JSON report only, it varies by machine
    points: int | None = None
    method: str = ""
    bound: float | None = None             # the relative error a pass guarantees: a constant
    symmetric: bool | None = field(default=None, kw_only=True)   # a Hessian's components: equal to its transpose

    @property
    def passed(self) -> bool:
        """The check ran and passed."""
        return self.status is CheckStatus.PASSED


@dataclass(frozen=True, slots=True)
class ErratumResult(CheckResult):
    """The erratum check of one derivative: the summary of its errata (the worst finding first: a
    failure, then a confirmation) and each erratum's own finding, in catalog order, for its box."""

    each: tuple[CheckResult, ...] = ()


@enum.unique
class Kind(enum.StrEnum):
    """What a set-up name's value satisfies (checks.setup_facts)."""

    SUM = "sum"            # a column vector's entries sum to zero: 1^T u = 0
    ROW_SUMS = "row sums"  # each row sums to zero (a row vector's entries too): U 1 = 0
    COLUMN_SUMS = "column sums"     # each column sums to zero: 1^T U = 0
    CLIP = "clip"          # e = max(0, g) is g wherever H(g) = 1: H(g) o (e - g) = 0, by max's definition
    DEFINITION = "definition"   # a part the name's definition cancels: (T / P) o (E / M^2) = T / M for P = E / M


@dataclass(frozen=True, slots=True)
class SetupFact:
    """A fact of one set-up name the result's simplification uses: ``zero`` = 0 (checks.setup_facts)."""

    name: str
    kind: Kind
    zero: Node      # over the name: 1^T u, U 1 or 1^T U
    sides: tuple[Node, Node] | None = None    # DEFINITION: the part and what it simplifies to (zero is their difference)


@dataclass(frozen=True, slots=True)
class Verification:
    """Every check of one derivation."""

    numeric: CheckResult
    components: CheckResult
    steps: CheckResult
    expected: CheckResult
    # None where the result has no kink, so states nothing there; NOT_APPLICABLE where a kink has no set
    subgradient: CheckResult | None = None
    erratum: CheckResult | None = None    # None where the problem marks no error of its source here
    removed_kink: CheckResult | None = None     # None where no place of a non-smooth operation was found smooth
    # the facts of the set-up the result's simplification uses, found here (sampled, confirmed symbolically)
    # so that a page only words them (present.facts)
    setup_facts: tuple[SetupFact, ...] = ()

    @property
    def ok(self) -> bool:
        """No check failed (not-applicable ones do not count against it)."""
        return all(c.status is not CheckStatus.FAILED for c in self.checks().values())

    def checks(self) -> dict[CheckName, CheckResult]:
        """Every check by name, in page order (the subgradient check only where there is a kink, the
        removed-kink check only where a place is smooth, the erratum check only where the catalog marks one)."""
        out = {CheckName.NUMERIC: self.numeric, CheckName.COMPONENTS: self.components,
               CheckName.STEPS: self.steps, CheckName.EXPECTED: self.expected}
        if self.subgradient is not None:
            out[CheckName.SUBGRADIENT] = self.subgradient
        if self.removed_kink is not None:
            out[CheckName.REMOVED_KINK] = self.removed_kink
        if self.erratum is not None:
            out[CheckName.ERRATUM] = self.erratum
        return out


def relative_error(a: np.ndarray, b: np.ndarray, floor: float = 0.0) -> float:
    """Relative difference in the Frobenius norm; anything not finite is an infinite error.

    ``floor`` is the smallest scale the difference is measured against: zero for exact
    evaluations, the finite differences' own noise level for the numeric check.
    """
    if a.shape != b.shape or not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return float("inf")
    diff = float(np.linalg.norm(a - b))
    if diff == 0.0:
        return 0.0
    return diff / max(float(np.linalg.norm(a)), float(np.linalg.norm(b)), floor, 1e-300)


def value_scale(env: Mapping[str, object]) -> float:
    """The largest magnitude among the values at a point: float rounding is relative to it."""
    return max([1.0] + [float(np.max(np.abs(v))) for v in env.values()
                        if isinstance(v, np.ndarray) and v.size and np.all(np.isfinite(v))])
