"""The JSON report of ``mcdocgen check --json``, in the structure the spec fixes."""

from __future__ import annotations

import json

from mcdocgen import __version__
from mcdocgen.language import Layout
from mcdocgen.present.views import CheckView, ProblemView, ResultView


def _check(c: CheckView) -> dict | None:
    if c.passed is None:
        return None
    out = {"passed": c.passed}
    if c.max_rel_error is not None:
        out["max_rel_error"] = float(f"{c.max_rel_error:.3g}")
    if c.bound is not None:
        out["bound"] = c.bound          # extension: the relative error a pass guarantees
    if c.points is not None:
        out["points"] = c.points
    out["detail"] = c.detail
    return out


def _layout(r: ResultView, name: Layout):
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


def report(catalog_path: str, problems: list[ProblemView]) -> dict:
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


def dumps(data: dict) -> str:
    """The report as the file holds it: indented UTF-8 JSON, one newline at the end."""
    return json.dumps(data, indent=2, sort_keys=False, ensure_ascii=False) + "\n"
