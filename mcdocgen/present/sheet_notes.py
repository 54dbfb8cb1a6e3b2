"""The sentences a page of formulas without steps (a cheat sheet's table) needs for its less common symbols.

A problem page introduces its symbols along its steps; a table of results has no steps, so it says what its
rarer symbols mean above the table, each only where a formula on that page uses it:
- the commutation matrix (present.commutation, in the general sizes m and n);
- a Hadamard power with a negative exponent, v^{o-1}: a number over an array is printed so, never with the array
  in a denominator (present.factors.hadamard_inverse), and a reader meets it in a table with no line that
  made it (review s36 C-13: (b - A x)^{o-1} and diag(x^{o-1}) unexplained on three sheets).
Each symbol is found in the formulas as the pages' printer writes it, so a change of the printed form changes
the search with it.
"""

from __future__ import annotations

from collections.abc import Iterable

from mcdocgen import language as E
from mcdocgen.language import shapes
from mcdocgen.present.commutation import used_in
from mcdocgen.present.latex import to_latex

#: Negative Hadamard powers looked for: -1 (a number over an array), -2 (its derivative), -3.
_POWERS = (1, 2, 3)
_V = E.var("v", shapes.column(shapes.dim("n")))


def _power(k: int) -> str:
    """v^{o-k} as the pages print it."""
    return to_latex(E.power(_V, E.num(-k)))


def _exponent(k: int) -> str:
    """The printed exponent alone, ^{o-k}, which follows any base the printer writes."""
    base = to_latex(_V)
    printed = _power(k)
    assert printed.startswith(base), printed
    return printed[len(base):]


def reciprocals_used_in(latex: Iterable[str]) -> str:
    """``Here v^{o-1} is ... `` for the negative Hadamard powers these formulas use; '' where they use none."""
    text = list(latex)
    used = [k for k in _POWERS if any(_exponent(k) in t for t in text)]
    if not used:
        return ""
    entries = ", ".join(rf"$({_power(k)})_{{i}} = 1/v_{{i}}{'' if k == 1 else f'^{{{k}}}'}$" for k in used)
    if used == [1]:
        return rf"Here ${_power(1)}$ is the entrywise reciprocal: {entries}."
    names = " and ".join(f"${_power(k)}$" for k in used)
    kind = "an entrywise (Hadamard) power" if len(used) == 1 else "entrywise (Hadamard) powers"
    return f"Here {names} {'is' if len(used) == 1 else 'are'} {kind}: {entries}."


def sheet_notes(latex: Iterable[str]) -> tuple[str, ...]:
    """The sentences (Markdown with math) for the symbols these formulas use, in a fixed order."""
    text = list(latex)
    return tuple(note for note in (used_in(text), reciprocals_used_in(text)) if note)
