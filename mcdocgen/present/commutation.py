"""The commutation matrix on a page: its one symbol, and the sentence that defines it where a page first uses it.

Magnus and Neudecker write it K_{m,n}. A page's own K (the attention's key matrix) would then name two matrices
(review s34 item 4), so pages print it calligraphic, as the same letter: no variable, intermediate or where-name
prints so (they are italic or bold names), so it cannot clash on any page, and every page shows the one symbol the
notation page lists. A page that uses it defines it, with that page's sizes, before its first step."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sympy.printing.latex import LatexPrinter

from mcdocgen.language import Commutation, Node, walk

if TYPE_CHECKING:   # present.latex prints with this module's symbol: no import of the engine's here
    from mcdocgen.engine.derive import Derivation

SYMBOL = r"\mathcal{K}"


def commutation_latex(m: str, n: str) -> str:
    """``K_{m,n}`` in the pages' symbol, the sizes already LaTeX."""
    return rf"{SYMBOL}_{{{m},{n}}}"


def definition(m: str, n: str) -> str:
    """The defining sentence (Markdown with math), for an m x n matrix: ``K_{m,n} vec Y = vec Y^T``."""
    k = commutation_latex(m, n)
    return (rf"${k}$ is the commutation matrix: ${k} \operatorname{{vec}} Y = \operatorname{{vec}} Y^{{\top}}$ "
            rf"for an ${m} \times {n}$ matrix $Y$")


def used_in(latex: Iterable[str]) -> str:
    """The defining sentence, in the general sizes m and n, for a page of formulas (a cheat sheet's table) where
    one of them uses the commutation matrix (a problem page defines it with its own sizes); '' where none does."""
    return f"Here {definition('m', 'n')}." if any(SYMBOL in text for text in latex) else ""


def first_commutation(nodes: Iterable[Node | None]) -> Commutation | None:
    """The first commutation matrix in these trees, None where there is none."""
    for node in nodes:
        if node is not None:
            found = next((n for n in walk(node) if isinstance(n, Commutation)), None)
            if found is not None:
                return found
    return None


def commutation_note(d: Derivation) -> str:
    """``Here K_{n,n} is the commutation matrix: ...`` where the steps of ``d`` use one (its local derivatives, in
    either layout, the product or the result), with its sizes; '' where they do not."""
    shown = (n for loc in d.locals for n in (loc.numerator, loc.denominator))
    found = first_commutation((*shown, d.product, d.product_numerator, d.result, d.numerator))
    if found is None:
        return ""
    sizes = LatexPrinter()
    return f"Here {definition(sizes.doprint(found.m), sizes.doprint(found.n))}."
