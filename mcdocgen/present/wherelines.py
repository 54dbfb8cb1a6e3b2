"""The "where" block under a row that writes names (``naming``): "..., where M = A + tB + t^2 C", each
definition a display row, aligned at its ``=``, or a line of the terminal."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.present.lines import equation_rows
from mcdocgen.present.naming import Name


def where_rows(names: Sequence[Name], latex: Callable[[Node], str]) -> tuple[str, ...]:
    """The definitions of ``names`` as the display rows of one "where" block, each broken for a phone
    like any equation (``lines.equation_rows``) and aligned at its ``=``."""
    blocks = [equation_rows(latex(n.var), latex(n.definition)) for n in names]
    if len(blocks) == 1 and len(blocks[0]) == 1:
        return blocks[0]
    # a definition that fits one row is written without the alignment point: add it
    return tuple(row for block in blocks
                 for row in (block if len(block) > 1 else (block[0].replace(" = ", " &= ", 1),)))


def where_text(names: Sequence[Name]) -> tuple[str, ...]:
    """The definitions of ``names`` in the expression language, for the terminal."""
    return tuple(f"{n.var.name} = {E.text_or_why(n.definition)}" for n in names)


def where_equations(names: Sequence[Name], latex: Callable[[Node], str]) -> tuple[str, ...]:
    """The definitions of ``names`` as LaTeX equations on one line each, M = ... (Copy LaTeX, a "where" in a
    sentence), not broken for a phone as ``where_rows`` breaks them."""
    return tuple(f"{latex(n.var)} = {latex(n.definition)}" for n in names)


def with_where_line(tex: str, equations: Sequence[str]) -> str:
    """``tex`` as Copy LaTeX gives a display that names repeated parts: ", where M = ..." after it, as the page
    sets the "where" block below it; ``tex`` alone where it names none."""
    return rf"{tex}, \quad \text{{where }} {', '.join(equations)}" if equations else tex
