"""The JSON report of ``mcdocgen check --json``, in the structure the spec fixes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TypedDict

from mcdocgen import __version__
from mcdocgen.language import Layout
from mcdocgen.present.checkviews import CheckView
from mcdocgen.present.views import ProblemView, ResultView


class _Measured(TypedDict, total=False):
    max_rel_error: float
    bound: float        # extension: the relative error a pass guarantees
    points: int


class CheckReport(_Measured):
    """One check of a result; its keys stand in the file in the order passed, measured ones, detail."""
    passed: bool
    detail: str


class LayoutReport(TypedDict):
    expr: str
    latex: str
    shape: list[str]


class KinkReport(TypedDict):
    where: str
    subgradient: str
    undefined: bool


class ResultReport(TypedDict):
    wrt: str
    order: int
    form: str
    function_shape: list[str]
    wrt_shape: list[str]
    numerator: LayoutReport | None
    denominator: LayoutReport | None
    checks: dict[str, CheckReport | None]
    kinks: list[KinkReport]


class ProblemReport(TypedDict):
    id: str
    ok: bool
    errors: list[str]
    results: list[ResultReport]


class Report(TypedDict):
    mcdocgen: str
    catalog: str
    problems: list[ProblemReport]


def _check(c: CheckView) -> CheckReport | None:
    if c.passed is None:
        return None
    measured: _Measured = {}
    if c.max_rel_error is not None:
        measured["max_rel_error"] = float(f"{c.max_rel_error:.3g}")
    if c.bound is not None:
        measured["bound"] = c.bound
    if c.points is not None:
        measured["points"] = c.points
    return {"passed": c.passed, **measured, "detail": c.detail}


def _layout(r: ResultView, name: Layout) -> LayoutReport | None:
    if not r.derived:
        return None
    lay = r.layout(name)
    return {"expr": lay.result_text, "latex": lay.result.latex, "shape": list(lay.result.dims)}


def problem_errors(p: ProblemView) -> list[str]:
    """Every missing derivation and failed check of a problem, one line each."""
    errors = []
    for r in p.results:
        if not r.derived:
            errors.append(f"{r.label}: not derived: {r.not_derived}")
        for c in r.checks:
            if c.passed is False:
                errors.append(f"{r.label}: {c.name} check failed: {c.detail}")
    return errors


def report(catalog_path: str, problems: list[ProblemView]) -> Report:
    """The JSON report of ``problems`` as plain data (docs/spec: catalog-and-report)."""
    return {
        "mcdocgen": __version__,
        "catalog": catalog_path,
        "problems": [
            {
                "id": p.id,
                "ok": p.ok,
                "errors": problem_errors(p),
                "results": [
                    {
                        "wrt": r.wrt,
                        "order": r.order,
                        "form": r.form,
                        "function_shape": list(r.function_shape),
                        "wrt_shape": list(r.wrt_shape),
                        "numerator": _layout(r, Layout.NUMERATOR),
                        "denominator": _layout(r, Layout.DENOMINATOR),
                        # the spec's four checks, in the views' order; "subgradient" (an extension) where there is a kink
                        "checks": {c.name: _check(c) for c in r.checks},
                        "kinks": [{"where": k.where, "subgradient": k.subgradient, "undefined": k.undefined}
                                  for k in r.kinks],
                    }
                    for r in p.results
                ],
            }
            for p in problems
        ],
    }


def dumps(data: Mapping[str, object]) -> str:
    """The report as the file holds it: indented UTF-8 JSON, one newline at the end."""
    return json.dumps(data, indent=2, sort_keys=False, ensure_ascii=False) + "\n"
