"""The numeric check (verify.numeric_check): no false failures, and wrong results caught every time.

Set MCDOCGEN_LONG_TESTS=1 for the heavier sweep (more seeds, more copies).
"""

import os
from dataclasses import replace

import numpy as np
import pytest

from corpus import BEYOND_CATALOG
from problem_factory import make_problem
from mcdocgen import language as E
from mcdocgen.catalog import load_catalog
from mcdocgen.engine.derive import derive
from mcdocgen.checks.numeric import CANCELLING_DETAIL, NUMERIC_DETAIL, numeric_check, settled
from mcdocgen.checks.results import CheckStatus
from mcdocgen.checks.sampling import kink_arguments, point_rng

from conftest import ROOT

LONG = os.environ.get("MCDOCGEN_LONG_TESTS") == "1"
SEEDS = range(20 if LONG else 4)
WRONG_SEEDS = range(20)


def _numeric(problem, d, seed=0):
    with np.errstate(all="ignore"):
        return numeric_check(problem, d, point_rng(problem, d.wrt, seed), kink_arguments(problem.expression))


def _copies(expression, variables, wrt, count):
    """The same problem under ``count`` ids: the id seeds the points, so each copy samples anew."""
    d = derive(make_problem(expression, variables, [wrt]), wrt)
    return d, [make_problem(expression, variables, [wrt], pid=f"copy-{i}") for i in range(count)]


def test_cubes_that_differ_only_by_id_all_pass():
    # x**3 near x = 0 has a gradient near 0, which fixed-step differences measured against a
    # noise floor refused twice in 300 copies
    d, copies = _copies("x**3", {"x": []}, "x", 1000 if LONG else 300)
    failed = [p.id for p in copies if not _numeric(p, d).passed]
    assert failed == []


def test_nested_exponentials_pass():
    # high derivatives grow like the function squared: the step is halved until the error bound is fine,
    # and points where exp overflows are redrawn
    d, copies = _copies("exp(exp(exp(exp(exp(c)))))", {"c": []}, "c", 100)
    results = [_numeric(p, d) for p in copies]
    assert [r.detail for r in results if not r.passed] == []


def test_passing_detail_is_the_same_text_everywhere():
    d, copies = _copies("x**3", {"x": []}, "x", 3)
    assert {(_numeric(p, d).detail, _numeric(p, d).points) for p in copies} == {(NUMERIC_DETAIL, 5)}


@pytest.mark.parametrize("expression, variables, wrt", [
    ("tr(X @ A) - tr(A @ X)", {"X": ["n", "n"], "A": ["n", "n"]}, "X"),
    ("norm(x)**2 - dot(x, x)", {"x": ["n"]}, "x"),
])
def test_a_function_whose_terms_cancel_passes_at_the_scale_of_its_terms(expression, variables, wrt):
    # f is zero up to rounding, so its differences are differences of rounding noise: the one refused
    # (never resolved), the other failed (differed by more than an error bound made from |f|)
    p = make_problem(expression, variables, [wrt])
    d = derive(p, wrt)
    assert isinstance(d.result, E.Zero)      # derived right: the check is what must not refuse it
    results = [_numeric(p, d, seed) for seed in SEEDS]
    assert [r.detail for r in results if not r.passed] == []
    assert all(CANCELLING_DETAIL in r.detail and r.points == 5 for r in results)


def _catalog_and_corpus():
    yield from load_catalog(ROOT / "derivations.yaml").problems
    for i, (expression, variables, wrt, steps, assume) in enumerate(BEYOND_CATALOG):
        yield make_problem(expression, variables, wrt, steps, assume=assume, pid=f"corpus-{i}")


def test_catalog_and_corpus_never_fail_under_many_seeds():
    failures, checks = [], 0
    for p in _catalog_and_corpus():
        for wrt in p.wrt:
            d = derive(p, wrt)
            if not d.ok:
                continue
            for seed in SEEDS:
                c = _numeric(p, d, seed)
                checks += 1
                if not c.passed:
                    failures.append((p.id, wrt, seed, c.detail))
    assert checks > 300
    assert failures == []


# ---------------------------------------------------------------- planted wrong results


def _rewrite_first(node, rewrite):
    """``node`` with the first subtree (pre-order) that ``rewrite`` changes replaced by its rewrite."""
    new = rewrite(node)
    if new is not node:
        return new
    kids = node.children()
    for i, k in enumerate(kids):
        new = _rewrite_first(k, rewrite)
        if new is not k:
            return E.rebuild(node, (*kids[:i], new, *kids[i + 1:]))
    return node


def _without_transpose(node):
    if isinstance(node, E.Transpose) and node.arg.shape == node.shape:
        return node.arg
    return node


def _without_last_term(node):
    if isinstance(node, E.Add):
        rest = node.terms[:-1]
        if all(t.shape == node.shape for t in rest):
            return rest[0] if len(rest) == 1 else E.Add(rest)
    return node


def _drop_transpose(node):
    """The first transpose of a square matrix removed: the classic slip."""
    return _rewrite_first(node, _without_transpose)


def _drop_term(node):
    """The last term of the first sum that keeps its shape without it."""
    return _rewrite_first(node, _without_last_term)


MISTAKES = {
    "times 2": lambda r: E.mul(E.num(2), r),
    "negated": E.neg,
    "dropped transpose": _drop_transpose,
    "missing term": _drop_term,
}

PLANTED = [
    ("x**3", {"x": []}, "x", {}),
    ("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", {}),
    ("tr(A @ X)", {"A": ["n", "n"], "X": ["n", "n"]}, "X", {}),
    ("tr(X.T @ A @ X)", {"X": ["n", "k"], "A": ["n", "n"]}, "X", {}),
    ("norm(X @ w - y)**2 + lam * norm(w)**2", {"X": ["m", "n"], "w": ["n"], "y": ["m"], "lam": []}, "w", {}),
    ("log(det(X))", {"X": ["n", "n"]}, "X", {"X": ["invertible"]}),
    ("tanh(W @ x + b)", {"W": ["m", "n"], "x": ["n"], "b": ["m"]}, "x", {}),
    ("sum(exp(x) / sum(exp(x)) * y)", {"x": ["n"], "y": ["n"]}, "x", {}),
]


def _wrong_derivations():
    for expression, variables, wrt, assume in PLANTED:
        p = make_problem(expression, variables, [wrt], assume=assume)
        d = derive(p, wrt)
        for name, mistake in MISTAKES.items():
            bad = mistake(d.result)
            if bad != d.result:
                # both layouts carry the same mistake: nothing gives it away but the numbers
                yield pytest.param(p, replace(d, result=bad, numerator=E.transpose(bad)), id=f"{expression}: {name}")


WRONG = list(_wrong_derivations())


def test_every_kind_of_mistake_is_planted():
    for name in MISTAKES:
        assert sum(1 for case in WRONG if case.id.endswith(": " + name)) >= 3, name


@pytest.mark.parametrize("problem, bad", WRONG)
def test_planted_mistakes_fail_under_every_seed(problem, bad):
    passed = [seed for seed in WRONG_SEEDS if _numeric(problem, bad, seed).status is not CheckStatus.FAILED]
    assert passed == []


def test_only_converging_differences_are_settled():
    # h^2 truncation shrinks about 4 times a halving; one that grows (a pole within the steps) is no bound
    assert settled(1.0, 4.0, 0.0) and settled(1.0, 2.0, 0.0)
    assert not settled(4.0, 1.0, 0.0) and not settled(1.0, None, 0.0)
    assert settled(1.0, None, 1.0)      # rounding covers it: nothing left to see converge
