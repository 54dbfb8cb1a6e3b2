"""The textbook-forms corpus: each form is right by numbers alone, and mcdocgen's results are as short.

(a) Every textbook form, in both layouts, equals f's central differences at random points
    (tests/textbook/textbook_numeric.py, which never calls the engine), and a planted error fails.
(b) mcdocgen's reported expr is measured against the textbook form by syntax_size: the bar of
    issue 13 (median <= 1.0, worst <= 1.3, >= 95% within 1.15, in each layout).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from measure import Kind, outcomes, shortness_failures
from textbook_corpus import ENTRIES, Entry
from textbook_numeric import check_form

from mcdocgen.language.shapes import Layout

ROOT = Path(__file__).resolve().parents[2]
MIX = {Kind.SCALAR_BY_SCALAR: 15, Kind.SCALAR_BY_VECTOR: 40, Kind.JACOBIAN: 15, Kind.SCALAR_BY_MATRIX: 30,
       Kind.BY_SCALAR: 3}      # the least of each kind the corpus holds
BEYOND_CATALOG = 110            # the least number of entries that are not catalog problems


def _key(e: Entry) -> tuple[str, str, str, str]:
    return e.expression.replace(" ", ""), e.wrt, repr(sorted(e.variables.items())), repr(sorted(e.assume.items()))


def _entry(expression: str, wrt: str) -> Entry:
    return next(e for e in ENTRIES if e.expression == expression and e.wrt == wrt)


@pytest.mark.parametrize("layout", list(Layout), ids=lambda la: la.value[:3])
@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: f"{e.expression} by {e.wrt}")
def test_textbook_form_is_the_derivative(entry: Entry, layout: Layout):
    check = check_form(entry, layout)
    assert check.passed, f"{entry.expression} by {entry.wrt}, {layout.value}: error {check.error:.2e} {check.problem}"


# Errors a student makes, planted in right forms: each must fail the numeric check.
PLANTED = [
    ("det(X)", "X", Layout.DENOMINATOR, "det(X) * inv(X)"),                          # dropped transpose
    ("tr(A @ X @ B)", "X", Layout.DENOMINATOR, "B.T @ A.T"),                          # transposes in the wrong order
    ("norm(X @ w - y)**2", "w", Layout.DENOMINATOR, "X.T @ (X @ w - y)"),             # lost factor 2
    ("x.T @ inv(A) @ x", "x", Layout.DENOMINATOR, "2 * inv(A) @ x"),                  # symmetry assumed without cause
    ("logsumexp(z) - dot(y, z)", "z", Layout.DENOMINATOR, "y - softmax(z)"),          # sign
    ("dot(a, x) * dot(b, x)", "x", Layout.NUMERATOR, "dot(b, x) * a.T"),              # product rule, a term lost
    ("(A @ x) * (B @ x)", "x", Layout.NUMERATOR, "A.T @ diag(B @ x) + B.T @ diag(A @ x)"),   # the other layout
    ("tr(X @ A)", "X", Layout.NUMERATOR, "A.T"),                                      # the other layout
    ("x / norm(x)", "x", Layout.NUMERATOR, "eye(n) / norm(x) - x @ x.T / norm(x)**2"),   # quotient rule's power
]


@pytest.mark.parametrize("expression, wrt, layout, wrong", PLANTED, ids=[p[3] for p in PLANTED])
def test_a_planted_error_fails(expression: str, wrt: str, layout: Layout, wrong: str):
    entry = _entry(expression, wrt)
    assert check_form(entry, layout).passed
    assert not check_form(entry, layout, wrong).passed


def test_the_check_tells_a_one_per_mille_change_in_every_form():
    """Every form scaled by 1.001 fails: the tolerance is tight enough for each entry."""
    slack = [e.expression for e in ENTRIES
             if check_form(e, Layout.DENOMINATOR, f"1.001 * ({e.denominator})", points=1).passed]
    assert not slack


def test_the_corpus_holds_the_mix_beyond_the_catalog():
    catalog = yaml.safe_load((ROOT / "derivations.yaml").read_text())["problems"]
    in_catalog = {(p["expression"].replace(" ", ""), w) for p in catalog for w in p["wrt"]}
    keys = [_key(e) for e in ENTRIES]
    assert len(set(keys)) == len(keys), "an entry is written twice"
    beyond = [e for e in ENTRIES if (e.expression.replace(" ", ""), e.wrt) not in in_catalog]
    assert len(beyond) >= BEYOND_CATALOG
    kinds = [o.kind for o in outcomes()]
    for k, least in MIX.items():
        assert kinds.count(k) >= least, k
    assert all(e.source.strip() for e in ENTRIES)


def test_every_entry_derives():
    refused = [f"{o.entry.expression} by {o.entry.wrt}: {o.not_derived}" for o in outcomes() if not o.results]
    assert not refused


def test_results_are_as_short_as_the_textbook_forms():
    """The acceptance bar of issue 13, in each layout, over every result (no known-long list here)."""
    failures = shortness_failures("textbook", set())
    assert not failures, "\n".join(failures)
