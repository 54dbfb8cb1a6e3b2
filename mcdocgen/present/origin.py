"""Where an intermediate variable's name comes from, in the words every edition uses (one home): the page's
and the handouts' intermediates tables, under the column :data:`HEADER`, and the slides."""

from __future__ import annotations

HEADER = "Origin"
#: An intermediate the catalog's ``steps`` name (its author's, from whatever source the problem has).
IN_CATALOG = "named in the catalog"
HERE = "introduced here"                    # for a reader: the page itself introduced it
BY_TOOL = "introduced by mcdocgen"          # for an instructor's handout: the tool did
CONSTANT = "constant here"


def origin(from_catalog: bool, depends: bool, by_tool: bool = False) -> str:
    """Who named an intermediate, and whether it is constant here: plain words, no TeX specials."""
    words = IN_CATALOG if from_catalog else (BY_TOOL if by_tool else HERE)
    return words + ("" if depends else f"; {CONSTANT}")
