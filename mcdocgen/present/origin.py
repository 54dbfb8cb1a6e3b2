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
#: A second derivative's row of the first derivative (g, 𝐠 or G: the function its steps differentiate),
#: named by the page, not "introduced here": the section above derived it.
FIRST_DERIVATIVE = "the first derivative"
CONSTANT = "constant here"


def origin(from_catalog: bool, depends: bool, function: bool = False, first_derivative: bool = False) -> str:
    """Who named an intermediate (``function``: it is the function itself; ``first_derivative``: a second
    derivative's row of the first), and whether it is constant here: plain words, no TeX specials."""
    who = FUNCTION if function else FIRST_DERIVATIVE if first_derivative else IN_CATALOG if from_catalog else HERE
    return who + ("" if depends else f"; {CONSTANT}")
