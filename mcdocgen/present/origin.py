"""Where an intermediate variable's name comes from, in the words every edition uses (one home): the page's
and the handouts' intermediates tables, under the column :data:`HEADER`, and the slides."""

from __future__ import annotations

HEADER = "Origin"
#: An intermediate the catalog's ``steps`` name (its author's, from whatever source the problem has), in a
#: reader's words: the problem as set names it. Not "the catalog", a word of the tool, not of the page.
IN_CATALOG = "named in the problem"
#: One the steps introduce: the same words on the page, the handouts (either edition) and the slides.
HERE = "introduced here"
CONSTANT = "constant here"


def origin(from_catalog: bool, depends: bool) -> str:
    """Who named an intermediate, and whether it is constant here: plain words, no TeX specials."""
    return (IN_CATALOG if from_catalog else HERE) + ("" if depends else f"; {CONSTANT}")
