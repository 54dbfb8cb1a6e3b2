"""The checks of a result as a page, the report and a review comment show them."""

from __future__ import annotations

from dataclasses import dataclass

from mcdocgen.checks.results import CheckResult, CheckStatus, Verification, bound_text


@dataclass(frozen=True, slots=True)
class CheckView:
    name: str
    status: CheckStatus
    passed: bool | None     # None: not applicable
    detail: str
    max_rel_error: float | None     # measured, machine-dependent: the JSON report's, never a page's
    points: int | None
    bound: float | None             # the relative error a pass guarantees (a constant)
    figure: str                     # what pages say of the error: "below 1e-9", "" (the same everywhere)


def figure(c: CheckResult) -> str:
    """The error a page shows: the bound that was checked, never the measured value, which
    differs between processors and BLAS kernels. A failure is explained by its detail."""
    if c.bound is None or c.status is CheckStatus.NOT_APPLICABLE:
        return ""
    return ("below " if c.passed else "not below ") + bound_text(c.bound)


def check_views(v: Verification) -> tuple[CheckView, ...]:
    out = []
    for name, c in v.checks().items():
        passed = None if c.status is CheckStatus.NOT_APPLICABLE else c.passed
        out.append(CheckView(name.value, c.status, passed, c.detail, c.max_rel_error, c.points, c.bound, figure(c)))
    return tuple(out)
