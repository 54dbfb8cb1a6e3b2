"""mcdocgen.commands.variants: exercise variants drawn on the parsed trees, each derived and verified by
the pipeline, redrawn a bounded number of times, reproducible under any hash seed; and
`mcdocgen handout --variants K --seed S` (the acceptance of issue 17, item 5)."""

from __future__ import annotations

import dataclasses
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from mcdocgen import language as E
from mcdocgen.catalog import Catalog, load_catalog, load_catalog_bytes
from mcdocgen.commands import variants as V
from mcdocgen.commands.pipeline import run_catalog
from mcdocgen.errors import McdocgenError
from mcdocgen.language import Fn

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "derivations.yaml"
#: a function in a title's math and a coefficient in a step; a coefficient; a family swap; an inverse
#: that exists only where X is tall (the variant's sizes must keep m >= n)
IDS = ("vector-of-scalar-intermediate", "ml-two-layer-network", "cs316-vector-chain-shapes", "cookbook-trace-inv-xtcx-a")
#: the catalog states its sizes symbolically; a course's catalog may state concrete ones (spec 1: `x2: {shape: [2]}`)
CONCRETE = b"""problems:
  - id: tall-gram-inverse
    title: "Gradient of `tr(inv(X.T @ C @ X) @ A)` by `X`"
    summary: A weighted Gram matrix of a tall X, inverted.
    tags: [trace]
    source: "The Matrix Cookbook (2012), eq. 125"
    variables:
      X: {shape: [3, 2]}
      C: {shape: [3, 3], assume: [symmetric]}
      A: {shape: [2, 2]}
    expression: "tr(inv(X.T @ C @ X) @ A)"
    wrt: [X]
"""


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(CATALOG)


def _problem(catalog, pid):
    return next(p for p in catalog.problems if p.id == pid)


def test_vary_swaps_functions_coefficients_and_exponents_and_keeps_squares():
    x = E.var("x", E.shapes.SCALAR)
    tree = E.parse("3 * sin(x)**2 - 2 * x**3 + 1", E.Scope({"x": x}))
    varied = V.vary(tree, V.Draw({Fn.SIN: Fn.COS}, {2: 5, 3: 7}))
    assert E.to_text(varied) == "7 * cos(x)**2 - 5 * x**3 + 1"
    assert V.vary(tree, V.Draw()) is tree
    assert E.to_text(V.vary(tree, V.Draw(exponents={3: 5}))) == "3 * sin(x)**2 - 2 * x**5 + 1"   # a square stays


def test_a_draw_is_reproducible_and_stays_in_its_families(catalog):
    p = _problem(catalog, "cs316-vector-chain-shapes")
    draws = [V.draw_for(p, random.Random(f"1/{k}")) for k in range(20)]
    assert draws == [V.draw_for(p, random.Random(f"1/{k}")) for k in range(20)]
    for d in draws:
        for old, new in d.functions.items():
            assert any(old in family and new in family for family in V.FAMILIES) and old != new
    assert {d.functions.get(Fn.TANH, Fn.TANH) for d in draws} == {Fn.TANH, Fn.SIGMOID, Fn.ARCTAN}


def test_a_function_the_problem_names_in_words_is_kept(catalog):
    p = _problem(catalog, "it5005-chain-rule")     # sigmoid(A @ x), tagged sigmoid
    assert "sigmoid" in p.tags
    assert all(not V.draw_for(p, random.Random(k)).functions for k in range(20))


def test_a_named_formula_keeps_its_constants(catalog):
    p = _problem(catalog, "ml-kl-gaussians")      # (... - d + logdet(T) - logdet(S)) / 2: the KL divergence
    assert p.topic in V.NAMED_TOPICS
    assert all(not V.draw_for(p, random.Random(k)).coefficients for k in range(10))


def test_concrete_sizes_are_redrawn_in_their_order(catalog):
    p = load_catalog_bytes(CONCRETE, "concrete.yaml").problems[0]     # X (3, 2): tall, so X.T C X is invertible
    for k in range(20):
        sizes = V.draw_for(p, random.Random(k)).sizes
        assert set(sizes) == {2, 3} and sizes[2] < sizes[3]
    assert not V.draw_for(_problem(catalog, "cookbook-toeplitz-trace"), random.Random(0)).sizes   # a literal matrix


def test_variants_are_verified_different_and_the_title_follows(catalog):
    drawn = V.variants(catalog, IDS, 3, 1)
    assert [sorted(v) for v in drawn] == [sorted(IDS)] * 3
    for number, by_id in enumerate(drawn, start=1):
        for v in by_id.values():
            assert v.number == number and v.outcome.view.ok and 1 <= v.attempts <= V.MAX_ATTEMPTS
            assert all(r.derived and r.checks for r in v.outcome.view.results)
            assert not v.problem.expected and not v.problem.errata    # the source's answers are not the variant's
    texts = {pid: [by_id[pid].problem.expression_text for by_id in drawn] for pid in IDS}
    assert len(set(texts["ml-two-layer-network"])) == 3       # a new coefficient each time
    assert len({tuple(by_id[p].problem.expression_text for p in IDS) for by_id in drawn}) == 3
    literal = drawn[0]["vector-of-scalar-intermediate"].problem
    assert literal.expression_text in literal.title        # the title's math varied with the expression


def test_a_draw_that_fails_verification_is_drawn_again(catalog):
    calls = []

    def flaky(c: Catalog):
        out = run_catalog(c)
        calls.append([o.view.id for o in out])
        if len(calls) == 1:   # the first round fails every check
            out = [dataclasses.replace(o, view=dataclasses.replace(o.view, ok=False)) for o in out]
        return out

    drawn = V.variants(catalog, IDS[:1], 1, 1, run=flaky)
    assert drawn[0][IDS[0]].attempts == 2 and len(calls) == 2


def test_no_verified_draw_is_a_clear_error_after_bounded_attempts(catalog):
    calls = []

    def failing(c: Catalog):
        calls.append(1)
        return [dataclasses.replace(o, view=dataclasses.replace(o.view, ok=False)) for o in run_catalog(c)]

    with pytest.raises(McdocgenError, match=rf"variant 1 of problem '{IDS[0]}': no draw was derived and verified "
                                            rf"in {V.MAX_ATTEMPTS} attempts .*choose another --seed"):
        V.variants(catalog, IDS[:1], 1, 1, run=failing)
    assert len(calls) == V.MAX_ATTEMPTS


def _handout(out: Path, hash_seed: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONHASHSEED=hash_seed, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "mcdocgen", "handout", *IDS, "--catalog", str(CATALOG), "--student",
                           "--variants", "3", "--seed", "1", "--no-pdf", "-o", str(out)],
                          capture_output=True, text=True, env=env, timeout=600, check=False)


def test_variants_3_seed_1_gives_three_different_verified_reproducible_sheets(tmp_path):
    """The acceptance: run twice under two hash seeds, the same bytes; three different sheets, each
    with its solutions, each variant derived and verified."""
    runs = [_handout(tmp_path / name, seed) for name, seed in (("a", "1"), ("b", "2"))]
    for run in runs:
        assert run.returncode == 0, run.stderr
        for number in (1, 2, 3):
            assert f"mcdocgen: variant {number}: {len(IDS)} problems derived and verified" in run.stderr
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == [f"handout-v{k}-{e}.tex" for k in (1, 2, 3) for e in ("exercises", "solutions")]
    for name in names:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    sheets = [(tmp_path / "a" / f"handout-v{k}-exercises.tex").read_text() for k in (1, 2, 3)]
    assert len(set(sheets)) == 3
    assert all(f"Exercises, version {k}" in sheet for k, sheet in enumerate(sheets, start=1))
