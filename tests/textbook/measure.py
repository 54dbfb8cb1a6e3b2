"""mcdocgen's result for a textbook entry, and how its size compares with the textbook form's."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from problem_factory import make_problem
from textbook_corpus import Entry

from mcdocgen import language as E
from mcdocgen.engine.derive import derive
from mcdocgen.language.shapes import Layout

WITHIN = 1.15   # the share of results at most this much longer than the textbook form is reported


@dataclass(frozen=True)
class Measured:
    entry: Entry
    layout: Layout
    derived: str        # mcdocgen's reported expr
    textbook: str

    @property
    def ratio(self) -> float:
        return E.syntax_size(self.derived) / E.syntax_size(self.textbook)


def measure(entry: Entry) -> tuple[Measured, Measured]:
    """mcdocgen's result in both layouts, as the report prints them."""
    problem = make_problem(entry.expression, entry.variables, [entry.wrt], assume=entry.assume)
    d = derive(problem, entry.wrt)
    assert d.ok, f"{entry.expression}: not derived: {d.not_derived}"
    return (Measured(entry, Layout.NUMERATOR, E.to_text(d.numerator), entry.numerator),
            Measured(entry, Layout.DENOMINATOR, E.to_text(d.result), entry.denominator))


@dataclass(frozen=True)
class Summary:
    median: float
    worst: float
    within: float   # share of results with ratio <= WITHIN

    def line(self) -> str:
        return f"median {self.median:.3f}, worst {self.worst:.3f}, within {WITHIN}: {100 * self.within:.1f}%"


def summary(ratios: list[float]) -> Summary:
    return Summary(statistics.median(ratios), max(ratios), sum(r <= WITHIN + 1e-12 for r in ratios) / len(ratios))
