"""The cheat sheet's pages: which table each derived result goes in (by the kind of function and of
variable; second derivatives apart), and how a long table is cut into pages. Plain data: the site
(publish.render) gives each page its path and rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


#: At most this many rows on one page of the cheat sheet: a longer table goes on over several pages
#: ("Scalar by vector, 31–60"), so that no page grows with the catalog (a row's two formulas are ~8 KB of HTML).
SHEET_ROWS = 30


@dataclass(frozen=True, slots=True)
class SheetPage:
    sheet: str      # the id in SHEETS
    title: str
    slug: str       # the page's file name: the sheet's id, then -2, -3 for the pages after its first
    first: int      # its rows: [first, last) of the sheet's, in teaching order
    last: int


def sheet_pages(views: Sequence[ProblemView]) -> list[SheetPage]:
    """The cheat sheet's table pages, in :data:`SHEETS` order, each sheet with rows cut into pages of
    :data:`SHEET_ROWS`; a sheet without rows has none."""
    counts: dict[str, int] = {}
    for v in views:
        for r in v.results:
            if r.derived:
                counts[sheet_of(v, r)] = counts.get(sheet_of(v, r), 0) + 1
    out = []
    for sid, title in SHEETS:
        n = counts.get(sid, 0)
        for first in range(0, n, SHEET_ROWS):
            last = min(first + SHEET_ROWS, n)
            suffix = "" if first == 0 else f"-{first // SHEET_ROWS + 1}"
            label = title if n <= SHEET_ROWS else f"{title}, {first + 1}\u2013{last}"
            out.append(SheetPage(sid, label, f"{sid}{suffix}", first, last))
    return out
