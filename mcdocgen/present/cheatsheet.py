"""The cheat sheet's pages: which table each derived result goes in (by the kind of function and of
variable; second derivatives apart), one table per topic, and how the tables are put on pages. Plain data: the site
(publish.render) gives each page its path and rows."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mcdocgen.catalog import slug
from mcdocgen.present.facts import AND_TEX, listed
from mcdocgen.present.handout import ASSUMPTION_WORDS
from mcdocgen.present.lines import cell_tex
from mcdocgen.present.topics import in_teaching_order
from mcdocgen.present.views import ProblemView, ResultView

KINDS = ("scalar", "vector", "matrix")
HESSIANS = "second-derivatives"
#: The cheat sheet's pages in order: (id, title); a page without rows is left out.
SHEETS = (*((f"{f}-by-{x}", f"{f.capitalize()} by {x}") for x in KINDS for f in KINDS),
          (HESSIANS, "Second derivatives (Hessians)"))


def _function_kind(shape: tuple[str, ...]) -> str:
    """ResultView.function_shape: () a scalar, (n,) a column, (r, c) a matrix unless one side is 1."""
    if not shape:
        return "scalar"
    return "vector" if len(shape) == 1 or "1" in shape else "matrix"


def sheet_of(view: ProblemView, result: ResultView) -> str:
    """The cheat-sheet page a derived result goes on: by the kind of function and of variable."""
    if result.order > 1:
        return HESSIANS
    wrt = next(x.kind for x in view.variables if x.name == result.wrt)
    return f"{_function_kind(result.function_shape)}-by-{wrt}"


def result_cell(result: ResultView, layout: str) -> str:
    """``lhs = result`` of one layout as its cell writes it: broken over rows where wider than a phone's
    line (``lines.cell_tex``, as a steps table's cell), for a phone stacks the cells and a wide screen's
    column is no wider (a formula of the second derivatives was 775 px in a 356 px cell)."""
    shown = result.layout(layout)
    return cell_tex(shown.chain.lhs, shown.result.latex)


def assumptions_latex(view: ProblemView) -> str:
    """The problem's assumptions as a row of the cheat sheet says them, LaTeX ("X \\text{ symmetric}"),
    or empty: tr(AX) by a symmetric X has another answer than by any X, so the row must say which. The variables
    an assumption holds for are named together, and the assumptions of the same variables: "A, X and B invertible",
    "S symmetric and positive definite", never "A invertible, X invertible, B invertible" (facts.listed)."""
    holders: dict[str, list[str]] = {}      # each assumption's words: its variables, in the order met
    for v in view.variables:
        for a in v.assume:
            holders.setdefault(ASSUMPTION_WORDS.get(a, a.replace("_", " ")), []).append(v.latex)
    said: dict[tuple[str, ...], list[str]] = {}     # the same variables: one clause, the assumptions joined
    for words, variables in holders.items():
        said.setdefault(tuple(variables), []).append(words)
    return ", ".join(rf"{listed(variables, AND_TEX)} \text{{ {listed(words)}}}" for variables, words in said.items())


#: At most this many rows on one page of the cheat sheet, so that no page grows with the catalog (a
#: row's two formulas are ~8 KB of HTML). A page holds whole topics' tables while they fit: a reader
#: finds a result by its kind, then its topic, never by its place in a count ("31–60").
SHEET_ROWS = 30


@dataclass(frozen=True, slots=True)
class SheetPage:
    sheet: str      # the id in SHEETS
    title: str      # the sheet's title and the topics on the page
    slug: str       # the page's file name: the sheet's id, then -2, -3 for the pages after its first
    first: int      # its rows: [first, last) of the sheet's, in teaching order
    last: int
    topics: tuple[str, ...]     # the topics of its tables, in order
    continued: bool = False     # its first topic began on the page before (a topic longer than a page)


def sheet_topics(views: Sequence[ProblemView]) -> dict[str, list[str]]:
    """Each sheet's rows, as their topics, in teaching order (each topic's rows one run)."""
    rows: dict[str, list[str]] = {}
    for part in in_teaching_order(views, lambda v: v.topic):
        for group in part.topics:
            for v in group.members:
                for r in v.results:
                    if r.derived:
                        rows.setdefault(sheet_of(v, r), []).append(group.topic)
    return rows


def sheet_pages(views: Sequence[ProblemView]) -> list[SheetPage]:
    """The cheat sheet's table pages, in :data:`SHEETS` order: each sheet's topics (one table each)
    put on pages of at most :data:`SHEET_ROWS` rows, a topic moved whole to the next page where it
    does not fit, and one longer than a page begun where it comes and continued over pages; a sheet
    without rows has none."""
    rows = sheet_topics(views)
    out: list[SheetPage] = []
    for sid, title in SHEETS:
        topics = rows.get(sid, [])
        cuts = _cuts([len(list(run)) for _, run in itertools.groupby(topics)])
        for k, (first, last) in enumerate(cuts):
            on = tuple(dict.fromkeys(topics[first:last]))
            continued = first > 0 and topics[first - 1] == topics[first]
            label = title if len(cuts) == 1 else f"{title}: {_topics_label(on)}" + (", continued" if continued else "")
            out.append(SheetPage(sid, label, sid if k == 0 else f"{sid}-{k + 1}", first, last, on, continued))
    return out


def _topics_label(topics: Sequence[str]) -> str:
    """A page's topics in its title (and the sidebar): two by name, more as the first to the last."""
    return ", ".join(topics) if len(topics) <= 2 else f"{topics[0]} to {topics[-1]}"


def _cuts(runs: Sequence[int]) -> list[tuple[int, int]]:
    """Pages [first, last) over runs of rows: whole runs while they fit in :data:`SHEET_ROWS`."""
    cuts: list[tuple[int, int]] = []
    first = at = 0
    for n in runs:
        if at + n - first > SHEET_ROWS and at > first and n <= SHEET_ROWS:   # it fits on a page of its own
            cuts.append((first, at))
            first = at
        while at + n - first > SHEET_ROWS:  # longer than a page: continued on the next
            n -= first + SHEET_ROWS - at
            at = first + SHEET_ROWS
            cuts.append((first, at))
            first = at
        at += n
    return [*cuts, (first, at)] if at > first else cuts


def topic_tables(rows: Sequence[Mapping[str, Any]], continued: bool = False) -> list[dict[str, Any]]:
    """A page's rows as one table per topic, in order: dict(topic, anchor, count, rows, continued)
    (``continued``: the first topic began on the page before)."""
    runs = [(t, list(g)) for t, g in itertools.groupby(rows, key=lambda r: r["topic"])]
    return [{"topic": t, "anchor": slug(t), "count": len(g), "rows": g, "continued": continued and k == 0}
            for k, (t, g) in enumerate(runs)]
