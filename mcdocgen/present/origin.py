"""Where an intermediate variable's name comes from, in the words every edition uses (one home): the page's
and the handouts' intermediates tables, under the column :data:`HEADER`, and the slides."""

from __future__ import annotations

HEADER = "Origin"
#: An intermediate the catalog's ``steps`` name (its author's, from whatever source the problem has), in a
#: reader's words: the problem as set names it, and its Problem section shows it (present.statement). Not
#: "the catalog", a word of the tool, not of the page.
IN_CATALOG = "named in the problem"
#: One the steps introduce: the same words on the page, the handouts (either edition) and the slides.
HERE = "introduced here"
#: The function's own row (its last step, named by the problem or by the page): one word on every page,
#: whoever named it, since the Problem section shows it as the function in either case.
FUNCTION = "the function"
CONSTANT = "constant here"


def origin(from_catalog: bool, depends: bool, function: bool = False) -> str:
    """Who named an intermediate (``function``: it is the function itself), and whether it is constant here:
    plain words, no TeX specials."""
    return (FUNCTION if function else IN_CATALOG if from_catalog else HERE) + ("" if depends else f"; {CONSTANT}")
