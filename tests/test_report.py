"""mcdocgen.publish.report: the JSON report in the structure the spec fixes (docs: catalog-and-report §4)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from mcdocgen import __version__
from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.commands.trial import problem_from_entry, trial_entry
from mcdocgen.language import Layout
from mcdocgen.publish.report import dumps, problem_errors, report

ROOT = Path(__file__).resolve().parent.parent
CHECKS = {"numeric", "components", "steps", "expected"}


@pytest.fixture(scope="module")
def views():
    catalog = load_catalog(ROOT / "derivations.yaml")
    wanted = ("ex5-least-squares", "ex2-relu", "matrix-chain")
    without_expected = problem_from_entry(trial_entry("sum(x * x)", ["x:n"], [], "no-expected"))
    return [run_problem(p).view for p in catalog.problems if p.id in wanted] + [run_problem(without_expected).view]


def test_the_structure_is_the_specs(views):
    data = report("derivations.yaml", views)
    assert data["mcdocgen"] == __version__ and data["catalog"] == "derivations.yaml"
    assert [p["id"] for p in data["problems"]] == [v.id for v in views]
    for problem, view in zip(data["problems"], views, strict=True):
        assert problem["ok"] is view.ok and problem["errors"] == []
        for result, rv in zip(problem["results"], view.results, strict=True):
            kinked = any(k.subgradient for k in rv.kinks)  # the extension: a subgradient check where there is a corner
            marked = any(e.variable == rv.wrt for e in view.errata)  # the extension: a source's error checked
            assert result["wrt"] == rv.wrt and set(result["checks"]) == CHECKS | ({"subgradient"} if kinked else set()) \
                | ({"erratum"} if marked else set())
            for layout in Layout:
                entry = result[layout.value]
                assert entry["latex"] == rv.layout(layout).result.latex
                assert entry["shape"] == list(rv.layout(layout).result.dims)
                assert entry["expr"] == rv.layout(layout).result_text != ""


def test_the_layouts_are_each_others_transpose_in_shape(views):
    for problem in report("derivations.yaml", views)["problems"]:
        for result in problem["results"]:
            assert result["numerator"]["shape"] == result["denominator"]["shape"][::-1]


def test_a_check_that_does_not_apply_is_null_never_passed(views):
    """`expected` is null where the catalog gives no textbook answer, an object where it does."""
    catalog = {p.id: p for p in load_catalog(ROOT / "derivations.yaml").problems}
    seen = set()
    for problem in report("derivations.yaml", views)["problems"]:
        given = set(catalog[problem["id"]].expected) if problem["id"] in catalog else set()
        for result in problem["results"]:
            expected = result["checks"]["expected"]
            assert (expected is None) == (result["wrt"] not in given)
            seen.add(expected is None)
            numeric = result["checks"]["numeric"]
            assert numeric["passed"] is True and numeric["points"] >= 1
            assert 0 <= numeric["max_rel_error"] < numeric["bound"]
    assert seen == {True, False}        # both cases are covered by these problems


def test_a_failed_check_and_a_missing_derivation_are_errors(views):
    view = views[0]
    result = view.results[0]
    failed = tuple(dataclasses.replace(c, passed=False, status="failed", detail="off by two")
                   if c.name == "numeric" else c for c in result.checks)
    broken = dataclasses.replace(view, ok=False, results=(dataclasses.replace(result, checks=failed, ok=False),))
    assert problem_errors(broken) == [f"{result.wrt}: numeric check failed: off by two"]
    missing = dataclasses.replace(result, derived=False, not_derived="no rule (in u_1)", layouts=())
    gone = dataclasses.replace(view, ok=False, results=(missing,))
    assert problem_errors(gone)[0] == f"{result.wrt}: not derived: no rule (in u_1)"
    entry = report("c.yaml", [gone])["problems"][0]
    assert entry["ok"] is False and entry["results"][0]["numerator"] is None


def test_kinks_are_reported_with_where_and_subgradient(views):
    relu = next(p for p in report("derivations.yaml", views)["problems"] if p["id"] == "ex2-relu")
    kinks = relu["results"][0]["kinks"]
    assert kinks and all(set(k) == {"where", "subgradient", "undefined"} for k in kinks)
    assert [k["undefined"] for k in kinks] == [False]


def test_dumps_is_stable_json_with_one_newline(views):
    text = dumps(report("derivations.yaml", views))
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert json.loads(text) == report("derivations.yaml", views)
    assert dumps(report("derivations.yaml", views)) == text
