"""The letters an index form's running indices are printed with, and its terms joined as a book writes them.

engine.index_form names the roles i, j (the function's entry), k, l (the variable's) and a, b (summed). A page
prints each role with its own letter unless the page already uses that letter: a name, a subscript of one or a size
(d_k reserves k). The attention page's key entry is then K_{jl} beside sqrt(d_k), never K_{kl} with delta_{ik}
(review s37 B-2). Terms that share a scalar coefficient and a last factor have them written once:
(a_i delta_{ij} - a_i a_j) q_l / sqrt(d_k), as a book prints it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from mcdocgen.engine.index_form import Idx

#: the roles in the order they choose a letter: the printed ones first, each keeping its own where it is free
ROLES = (Idx.I, Idx.J, Idx.K, Idx.L, Idx.A, Idx.B)
#: the letters a taken one is replaced by, in order (no d, the differential's; no e, the unit vectors'; no f, o, x)
SPARE = "ijklmnpqrstuvwabcgh"

_COMMAND = re.compile(r"\\[A-Za-z]+")


def page_letters(latex: Iterable[str]) -> frozenset[str]:
    """The Latin letters of printed names, subscripts and sizes: \\mathbf{p}_{1} gives p, d_{k} gives d and k
    (a command's own letters, \\mathbf or \\alpha, are not the page's)."""
    return frozenset(c for text in latex for c in _COMMAND.sub("", text) if c.isascii() and c.isalpha())


def index_letters(printed: Sequence[Idx], reserved: frozenset[str]) -> dict[Idx, str]:
    """A letter for each role, no two alike and none in ``reserved``; the ``printed`` roles choose first."""
    letters: dict[Idx, str] = {}
    order = (*printed, *(r for r in ROLES if r not in printed))
    for at, role in enumerate(order):
        taken = reserved | set(letters.values())
        # a replacement leaves alone the own letters of the printed roles still to come: K_{ml}, not K_{lm}
        waiting = {r.value for r in order[at + 1:] if r in printed}
        letters[role] = role.value if role.value not in taken else next(c for c in SPARE if c not in taken | waiting)
    return letters


@dataclass(frozen=True, slots=True)
class PrintedTerm:
    """One index term as printed: minus or plus, its scalar coefficient (printed; "" for 1) and its factors."""

    minus: bool
    coefficient: str
    factors: tuple[str, ...]
    summed: bool = False     # a sum over a and b leads it: nothing is taken out of it


def _common_last(terms: Sequence[PrintedTerm]) -> int:
    """How many last factors every term has alike (each term keeps one factor at least)."""
    count = 0
    while all(len(t.factors) > count + 1 for t in terms) and len({t.factors[-1 - count] for t in terms}) == 1:
        count += 1
    return count


def joined(terms: Sequence[PrintedTerm], denominator: str | None) -> str:
    """The terms as a sum. Two or more with one coefficient (``denominator``: it is 1 over that) and last factors
    alike have those written once, after the bracketed rest: (a_i delta_{ij} - a_i a_j) q_l, over sqrt(d_k)."""
    shared = len(terms) > 1 and not any(t.summed for t in terms) and len({t.coefficient for t in terms}) == 1
    last = _common_last(terms) if shared else 0
    if shared and (terms[0].coefficient or last):
        inner = [PrintedTerm(t.minus, "", t.factors[:len(t.factors) - last]) for t in terms]
        outside = [rf"\left({_sum(inner)}\right)", *terms[0].factors[len(terms[0].factors) - last:]]
        body = r"\,".join(outside) if last else _sum(inner)    # over a number: no bracket under the bar
        coefficient = terms[0].coefficient
        if coefficient and denominator is not None:
            return rf"\frac{{{body}}}{{{denominator}}}"
        body = r"\,".join(outside)
        return rf"{coefficient}\,{body}" if coefficient else body
    return _sum(terms)


def _sum(terms: Sequence[PrintedTerm]) -> str:
    """Each term once with how many times it stands (2 X_{ik} for two alike), a minus where negative."""
    counts: dict[tuple[bool, str], int] = {}
    for t in terms:
        body = r"\,".join(t.factors) or "1"
        key = (t.minus, rf"{t.coefficient}\,{body}" if t.coefficient else body)
        counts[key] = counts.get(key, 0) + 1
    text = " ".join(("- " if minus else "+ ") + (rf"{k}\,{body}" if k > 1 else body) for (minus, body), k in counts.items())
    return text[2:] if text.startswith("+ ") else "-" + text[2:]
