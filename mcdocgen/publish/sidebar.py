"""Each page's sidebar with a long section cut to the pages near the current one (issue 15).

MkDocs gives every page the whole navigation, and Material's ``navigation.prune`` draws only the
sections on the current page's path, but such a section lists all its pages: a topic of 75 problems
put 75 entries (and 3 KB more a page for every 10 problems) in each of its pages. Here a section
with an index page (a topic, the index by operation, the cheat sheet) and more than
:data:`LONGEST` other entries shows :data:`NEAR` entries before and after the current one (the
first ones on its index page), with a link "… 12 earlier pages" / "… 50 later pages" to the
section's index page, which lists them all. So a page's sidebar holds a bounded number of entries
whatever the size of the catalog. The footer's Previous/Next and the links at the end of a problem
page still follow the whole reading order (publish.navigation.neighbours).

The math hook (:mod:`mcdocgen.publish.math_hook`) puts :func:`sidebar` into each page's template
context in place of MkDocs's navigation; the navigation itself is untouched (the search index, the
sitemap and the offline zip's index see every page).
"""

from __future__ import annotations

import copy
from typing import Any

from mkdocs.structure.nav import Link

#: How many entries before and after the current one a long section shows.
NEAR = 5
#: A section with at most this many entries besides its index page shows them all: cutting off
#: one or two would put as many "more" links in their place.
LONGEST = 2 * NEAR + 3


def window(count: int, at: int | None) -> tuple[int, int]:
    """The entries [start, stop) that a section of ``count`` entries shows around entry ``at``
    (None: its index page is the current page: the first ones): all of them up to :data:`LONGEST`,
    else ``2 * NEAR + 1``, the current one in the middle except near either end, and one more at
    an end where it is the only one left out (a link "… 1 earlier page" would take its place)."""
    if count <= LONGEST:
        return 0, count
    size = 2 * NEAR + 1
    start = min(max((at or 0) - NEAR, 0), count - size)
    stop = start + size
    return (0 if start == 1 else start), (count if count - stop == 1 else stop)


def more_title(count: int, later: bool) -> str:
    """The text of the link that stands for ``count`` entries left out."""
    return f"\u2026 {count} {'later' if later else 'earlier'} page{'' if count == 1 else 's'}"


class PageNavigation:
    """MkDocs's navigation as one page's sidebar shows it: its top-level ``items`` with the sections
    on the page's path cut (:func:`sidebar`); anything else (``homepage``, ``pages``) the whole
    navigation's."""

    def __init__(self, nav: Any, items: list[Any]) -> None:
        self._nav = nav
        self.items = items

    def __getattr__(self, name: str) -> Any:
        return getattr(self._nav, name)

    def __iter__(self) -> Any:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def sidebar(nav: Any) -> PageNavigation:
    """The navigation for the page MkDocs has marked active in ``nav`` (its sections' ``active``)."""
    return PageNavigation(nav, [_cut(item) for item in nav.items])


def _cut(item: Any) -> Any:
    """``item`` or, for a section on the current page's path, a copy of it with its entries cut; the
    sections and pages themselves are MkDocs's (shared by every page), never changed."""
    if not getattr(item, "is_section", False) or not item.active:
        return item
    children = [_cut(child) for child in item.children]
    index = next((c for c in children if getattr(c, "is_index", False)), None)  # navigation.indexes
    entries = [c for c in children if c is not index]
    cut = copy.copy(item)
    cut.children = children
    if index is not None:   # the "more" links lead to the index page, which lists every entry
        start, stop = window(len(entries), next((k for k, c in enumerate(entries) if c.active), None))
        earlier = [Link(more_title(start, later=False), index.url)] if start else []
        later = [Link(more_title(len(entries) - stop, later=True), index.url)] if stop < len(entries) else []
        cut.children = [index, *earlier, *entries[start:stop], *later]
    return cut

