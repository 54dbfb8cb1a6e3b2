"""A display formula broken over lines for a phone, shown unbroken where the screen has room for it.

``present.lines`` breaks a formula wider than a phone into the rows of an ``aligned`` block; on a
laptop most would fit on one line, and the break only makes them harder to read. The display
template (templates/macros.md.j2) writes such a formula as ``\\mcdwide{the formula on one line}``
then its rows; the math hook renders both and the page holds both in one box::

    <div class="arithmatex mcd-fit mcd-fit-34"><math>one line</math><math>rows</math>...</div>

The box is a size container (CSS container queries, no script): the one-line form is shown only
where the box is at least 34 em wide (the number: the estimated width of the one-line form,
``present.texwidth``, in em of the box's text, with a margin for the estimate's error, rounded up),
the rows everywhere else. A formula too wide for any screen keeps only its rows.
"""

from __future__ import annotations

import math

from mcdocgen.present.texwidth import width

#: What starts a display formula's TeX that has a one-line form: the macro, then its braced argument.
WIDE_MACRO = "\\mcdwide"
#: The math font's size, in em of the text around it (mathml.py's stylesheet: math{font-size:1.15em}).
MATH_SCALE = 1.15
#: The estimate against the drawing: a margin so that the one-line form shown never scrolls
#: (the estimate is within 2.5% of the drawing for 99 rows in 100, bench/bench_texwidth.py; tests/test_browser_fit.py).
MARGIN = 0.10
#: The widest box, in em of text, a screen gives a formula (a wide monitor's content column is
#: about 45 em): a one-line form needing more is left out of the page.
WIDEST = 60
#: The narrowest such box: a formula narrower than this is never broken (present.lines.LINE_WIDTH).
NARROWEST = 16


def split_wide(tex: str) -> tuple[str, str] | None:
    """``tex`` written as ``\\mcdwide{one line} rows``: (the one-line form, the rows); None otherwise."""
    text = tex.lstrip()
    if not text.startswith(WIDE_MACRO + "{"):
        return None
    depth, k = 0, len(WIDE_MACRO)
    while k < len(text):
        if text[k] == "\\":     # a command or an escaped brace (\\{): the character after it is not a brace
            k += 2
            continue
        depth += {"{": 1, "}": -1}.get(text[k], 0)
        if depth == 0:
            return text[len(WIDE_MACRO) + 1:k].strip(), text[k + 1:].strip()
        k += 1
    return None


def fit_em(whole: str) -> int | None:
    """The width, in em of the text, from which a box shows ``whole`` on one line; None: never."""
    # the box's padding is outside what a container query measures (docs/stylesheets/extra.css)
    needed = max(math.ceil(width(whole) * MATH_SCALE * (1 + MARGIN)), NARROWEST)
    return needed if needed <= WIDEST else None


def fit_css() -> str:
    """The container queries that show a formula's one-line form where its box has room for it."""
    rules = [".mcd-fit{container-type:inline-size}",
             ".mcd-fit>math:first-child{display:none}"]
    rules += [f"@container (min-width:{n}em){{.mcd-fit-{n}>math:first-child{{display:block math}}"
              f".mcd-fit-{n}>math:nth-child(2){{display:none}}}}" for n in range(NARROWEST, WIDEST + 1)]
    return "\n".join(rules) + "\n"
