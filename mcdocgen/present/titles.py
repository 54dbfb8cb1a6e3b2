"""A title with math (catalog.titles) for each destination: LaTeX spans for the pages' math (the h1,
the topic lists, the home page, the cheat sheet, the handouts), plain Unicode text (Wᵀa, ‖x‖², X⁻¹)
where math cannot go: the HTML <title>, the navigation, search, the tags page, review comments."""

from __future__ import annotations

import re
from dataclasses import dataclass

from mcdocgen.catalog import Problem
from mcdocgen.catalog.titles import TitleMath, title_parts
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.symbols import symbol_latex
from mcdocgen.present.mathtext import math_text


@dataclass(frozen=True, slots=True)
class TitleSpan:
    """A piece of a title: plain text (``latex`` empty) or math (``latex`` its LaTeX, ``text`` its
    Unicode form)."""

    text: str
    latex: str = ""


@dataclass(frozen=True, slots=True)
class TitleView:
    spans: tuple[TitleSpan, ...]

    @property
    def text(self) -> str:
        """The title as plain Unicode text."""
        return "".join(s.text for s in self.spans)


_SUPERSCRIPT = str.maketrans("0123456789+-=()nTi", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿᵀⁱ")
_SUBSCRIPT = str.maketrans("0123456789ijklmn", "₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₗₘₙ")
# an index after a letter or bracket: X_ij, x_1, A_{kl} (not snake_case words: at most two letters)
_INDEX = re.compile(r"(?<=[A-Za-z)‖])_(\{[0-9ijklmn,]+\}|[0-9]+|[ijklmn]{1,2})(?![A-Za-z0-9])")
# math_text's powers: ^T, ^-1, ^2, ^(n-1); a power it cannot raise stays ^(...)
_POWER = re.compile(r"\^(\([^()]*\)|-?[0-9A-Za-z]+)")


def unicode_math(latex: str) -> str:
    """A formula as Unicode text: math_text's readable form with powers raised (``W^T a`` -> ``Wᵀ a``,
    ``X^-1`` -> ``X⁻¹``)."""
    return plain_math(math_text(latex).text)


def plain_math(text: str) -> str:
    """Text with math written the readable way (``x^T A x``, ``X^-1``, a catalog's summary) as the
    site's plain text shows math: powers raised (``xᵀ A x``, ``X⁻¹``); a power it cannot raise
    (``X^k``) stays as written; an entry's indices lowered (``X_ij`` -> ``Xᵢⱼ``, ``x_1`` -> ``x₁``). The
    one home of the plain-text form of math."""
    def raise_(m: re.Match[str]) -> str:
        power = m.group(1)
        inner = (power[1:-1] if power.startswith("(") else power).replace(" ", "")
        return inner.translate(_SUPERSCRIPT) if all(ord(c) in _SUPERSCRIPT for c in inner) else m.group(0)
    def lower(m: re.Match[str]) -> str:
        index = m.group(1).strip("{}")
        return index.translate(_SUBSCRIPT) if "," not in index else m.group(0)
    return _INDEX.sub(lower, _POWER.sub(raise_, text))


def title_view(problem: Problem) -> TitleView:
    """The problem's title, its spans printed with its variables' symbols (vectors bold)."""
    names = {v.name: symbol_latex(v.name, v.shape) for v in problem.variables}
    printer = McLatexPrinter(names)
    spans = []
    for part in title_parts(problem.title, problem.variables, problem.sizes):
        if isinstance(part, TitleMath):
            latex = printer.doprint(part.node)
            if part.name:
                latex = f"{symbol_latex(part.name, part.node.shape)} = {latex}"
            spans.append(TitleSpan(unicode_math(latex), latex))
        else:
            spans.append(TitleSpan(part))
    return TitleView(tuple(spans))
