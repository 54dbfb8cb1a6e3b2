"""What the catalog covers of the references it cites, read from each problem's ``source:``, and
the identities it lists as not derived yet (the catalog's ``not_derived:``): plain data for the
"Not yet derived" page and the Matrix Cookbook's concordance on it.

The citation formats are the catalog's conventions (docs/contributing.md): ``The Matrix Cookbook
(2012), eq. 57`` or ``eqs. 57, 58``; a lecture seed ends in ``[seed 000-23]``; a Wikipedia table row
starts ``Wikipedia, Matrix calculus, <table> identities:``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from mcdocgen.catalog.not_derived import NotDerived
from mcdocgen.present.lines import LINE_WIDTH, Rows, equation_rows, expression_rows, split
from mcdocgen.present.texwidth import width
from mcdocgen.present.titles import plain_math

COOKBOOK = "The Matrix Cookbook (2012)"
_COOKBOOK = re.compile(r"Matrix Cookbook(?: \(2012\))?,? eqs?\. ?([0-9][0-9 ,–-]*(?:and [0-9]+)?)")
_NUMBERS = re.compile(r"([0-9]+)(?:\s*[–-]\s*([0-9]+))?")
_SEED = re.compile(r"([0-9]{3}-[0-9]{2})(?=[^\[\]]*\])")
_SEED_MARK = re.compile(r"\s*\[seed [0-9]{3}-[0-9]{2}(?:, *[0-9]{3}-[0-9]{2})*\]")
_WIKIPEDIA = re.compile(r"^Wikipedia, Matrix calculus, ([a-z-]+(?: [a-z-]+)*) identities")
# A Wikipedia row anywhere in a combined source: at its start or after "; " (or "; also ").
_WIKIPEDIA_ROW = re.compile(r"(?:^|; (?:also )?)Wikipedia, Matrix calculus, ([a-z-]+) identities: [^;\s]")
MAX_RANGE = 50      # "eqs. 57–59" is a range; a range longer than this is a typo, read as its two ends


class Family:
    """The kinds of reference the catalog cites, in the order the page lists them."""

    COOKBOOK = "The Matrix Cookbook (Petersen and Pedersen, 2012)"
    SEEDS = "The course's lecture notes"
    WIKIPEDIA = "Wikipedia's Matrix calculus article"
    OTHER = "Other sources"
    ORDER = (COOKBOOK, SEEDS, WIKIPEDIA, OTHER)


def cookbook_equations(source: str) -> tuple[int, ...]:
    """The Matrix Cookbook equation numbers a source cites, in order, each once."""
    numbers: list[int] = []
    for match in _COOKBOOK.finditer(source):
        for first, last in _NUMBERS.findall(match.group(1)):
            start = int(first)
            stop = int(last) if last and 0 <= int(last) - start <= MAX_RANGE else start
            numbers += range(start, stop + 1)
            if last and stop == start:
                numbers.append(int(last))
    return tuple(dict.fromkeys(numbers))


def seed_items(source: str) -> tuple[str, ...]:
    """The lecture-seed items (``000-23``) a source names, in ``[seed 000-23, 001-05]``."""
    return tuple(item for mark in _SEED_MARK.findall(source) for item in _SEED.findall(mark))


def wikipedia_tables(source: str) -> tuple[str, ...]:
    """The Wikipedia tables (``scalar-by-vector``, ...) whose rows a source names, in order, each once; a
    combined source names one after a ``; ``."""
    return tuple(dict.fromkeys(_WIKIPEDIA_ROW.findall(source)))


def names_reference(source: str) -> bool:
    """Whether a source names what issue 16 asks every problem to name: a Matrix Cookbook equation, a
    lecture seed's item or a row of Wikipedia's identity tables (a textbook alone does not)."""
    return bool(cookbook_equations(source) or seed_items(source) or wikipedia_tables(source))


def source_text(source: str) -> str:
    """A source as a reader sees it: without the ``[seed 000-23]`` item markers, which index the
    course notes' inventory for contributors and mean nothing to a student."""
    return " ".join(_SEED_MARK.sub("", source).split())


def family(source: str) -> str:
    """Which kind of reference a source is."""
    if cookbook_equations(source) or "Matrix Cookbook" in source:
        return Family.COOKBOOK
    if seed_items(source):
        return Family.SEEDS
    if _WIKIPEDIA.match(source):
        return Family.WIKIPEDIA
    return Family.OTHER


@dataclass(frozen=True, slots=True)
class Citation:
    """A problem as a link: what the page shows for it."""

    title: str      # Markdown: the title's text escaped, its math as $...$
    url: str


@dataclass(frozen=True, slots=True)
class SourcesView:
    """The "Not yet derived" page: the gaps by family, and the Cookbook's equations derived."""

    gaps: tuple[tuple[str, tuple[NotDerived, ...]], ...]          # (family, entries), families in order
    cookbook: tuple[tuple[int, tuple[Citation, ...]], ...]       # (equation, problems), by number
    cookbook_missing: tuple[int, ...]                             # listed as not derived, by number

    @property
    def cookbook_count(self) -> int:
        return len(self.cookbook)

    @staticmethod
    def rows(statement: str) -> Rows:
        """A source's statement (TeX) as display rows for a phone (``present.lines``): each side of
        its top-level ``=`` signs a row, as an equation's, where it is wider than a phone's line."""
        sides = [piece for _, piece in split(statement, 0)]
        if len(sides) == 1:
            return expression_rows(statement)
        rows = equation_rows(*sides)
        if len(rows) == 1 or max(map(width, rows)) <= LINE_WIDTH:
            return rows
        # a wide left side (an expansion, not a derivative's symbol) leaves its rows too little room:
        # it gets rows of its own, and each side starts a row at the = sign
        first = expression_rows(sides[0])
        head = list(first) if len(first) > 1 else [f"& {sides[0]}"]
        rest = equation_rows("", *sides[1:])     # from the = sign: "&= ..." rows, or one row " = ..."
        tail = rest if len(rest) > 1 else (f"&= {' = '.join(sides[1:])}",)
        return Rows((*head, *tail), statement)


def sources_view(cited: Sequence[tuple[str, Citation]], not_derived: Sequence[NotDerived]) -> SourcesView:
    """``cited``: each problem's source with its link, in catalog order."""
    by_equation: dict[int, list[Citation]] = {}
    for source, citation in cited:
        for number in cookbook_equations(source):
            by_equation.setdefault(number, []).append(citation)
    gaps: dict[str, list[NotDerived]] = {}
    for entry in not_derived:   # the reason's math as the site's plain text writes it (X_ij -> Xᵢⱼ, h^T -> hᵀ)
        gaps.setdefault(family(entry.source), []).append(replace(entry, reason=plain_math(entry.reason)))
    missing = sorted({n for e in not_derived for n in cookbook_equations(e.source)} - set(by_equation))
    return SourcesView(
        gaps=tuple((f, tuple(gaps[f])) for f in Family.ORDER if f in gaps),
        cookbook=tuple((n, tuple(by_equation[n])) for n in sorted(by_equation)),
        cookbook_missing=tuple(missing),
    )
