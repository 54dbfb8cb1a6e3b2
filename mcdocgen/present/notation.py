"""The notation a handout explains: the rows of the site's Notation page (docs/notation.md, its
tables of symbols: one home) whose symbols the handout's problems print, and nothing else.

A row's symbols are found in printed LaTeX by markers read off its symbol cell: a named operator
(``\\operatorname{tr}``), a command (``\\circ``, ``\\det``), a superscript (``^{-1}``), a
subscripted letter (``K_{m,n}``) or a call of a letter or command (``H(z)``, ``\\sigma(z)``), as
mcdocgen.language.functions.call_latex prints calls.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from mcdocgen.escape import tex_text
from mcdocgen.present.symbols import GREEK

#: The sections of the Notation page whose tables list symbols (the page's anchors).
SYMBOL_SECTIONS = ("objects", "operations")
#: Commands that set how a symbol looks, not which symbol it is (a bold letter, a bracket's size).
#: (and \\times, which writes a size in a subscript: the zero matrix's 0_{m \\times n})
_LOOKS = frozenset({"mathbf", "left", "right", "dots", "cdot", "top", "tfrac", "frac", "sqrt", "mathrm",
                    "text", "rVert", "rvert", "rangle", "Vert", "vert", "times"})
_TOKEN = re.compile(r"\^\{-?\\top\}|\^\{-1\}|\^\{\\circ|\\rVert_\{1\}|\\mathbf\{[01]\}|\\mathrm\{d\}")
_CALL = r"(?:\^\{[^}]*\})?\\mathopen\{\}\\left\("
_MATH = re.compile(r"\$[^$]*\$")


@dataclass(frozen=True, slots=True)
class Symbol:
    """One row of the Notation page: its symbol cell and meaning (Markdown with $math$), and the
    regular expressions that find the symbol in printed LaTeX (any one of them)."""

    symbol: str
    meaning: str
    markers: tuple[str, ...]

    def used_in(self, latex: str) -> bool:
        return any(re.search(m, latex) for m in self.markers)


def _markers(cell: str) -> list[str]:
    math = " ".join(m[1:-1] for m in _MATH.findall(cell))
    found: list[str] = []
    for name in re.findall(r"\\operatorname\{([^}]+)\}", math):
        found.append(re.escape(rf"\operatorname{{{name}}}") + r"(?![A-Za-z])")
    for token in _TOKEN.findall(math):
        found.append(re.escape(token))
    math = _TOKEN.sub(" ", math)        # the power's \circ is not the product's
    for letter in re.findall(r"(?<![A-Za-z\\{])([A-Z])\(", math):    # H(z): a call of a letter
        found.append(rf"(?<![A-Za-z\\]){letter}{_CALL}")
    single = len(_MATH.findall(cell)) == 1      # K_{m,n}, not the entries x_{i}, X_{ij} of a row of examples
    for letter in re.findall(r"(?<![A-Za-z\\{])([A-Z])_\{", math) if single else ():
        found.append(rf"(?<![A-Za-z\\]){letter}_\{{")
    for command, call in re.findall(r"\\([A-Za-z]+)(\()?", math):
        if command in _LOOKS or command == "operatorname":
            continue
        if call:
            found.append(rf"\\{command}{_CALL}")       # \sigma(z): the function, not a variable sigma
        elif command == "delta":                    # the Kronecker delta is subscripted
            found.append(rf"\\{command}_")
        elif command in GREEK:                      # a letter names a variable
            continue
        else:
            found.append(rf"(?<!\^\{{)\\{command}(?![A-Za-z])")    # \circ, not the power ^{\circ 2}
    return list(dict.fromkeys(found))


def _rows(page: str) -> list[tuple[str, str]]:
    rows, section = [], ""
    for line in page.splitlines():
        anchor = re.search(r"\{: #([\w-]+) \}", line) if line.startswith("## ") else None
        if line.startswith("## "):
            section = anchor.group(1) if anchor else ""
        elif section in SYMBOL_SECTIONS and line.startswith("| ") and not line.startswith(("| Symbol", "| ---")):
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            rows.append((cells[0], " | ".join(cells[1:])))
    return rows


def page_symbols(page: str) -> tuple[Symbol, ...]:
    """The symbol rows of the Notation page's text. A marker that is the whole of another row's
    (the norm's ``\\lVert`` in the one-norm's row) is left to that row."""
    rows = [(symbol, meaning, _markers(symbol)) for symbol, meaning in _rows(page)]
    sole = {markers[0] for _, _, markers in rows if len(markers) == 1}
    return tuple(Symbol(symbol, meaning, tuple(m for m in markers if len(markers) == 1 or m not in sole))
                 for symbol, meaning, markers in rows if markers)


def used_symbols(symbols: Sequence[Symbol], latex: str) -> list[Symbol]:
    """The rows whose symbols ``latex`` (what a handout's problems print) uses, in the page's order."""
    return [_trimmed(s, latex) for s in symbols if s.used_in(latex)]


def _trimmed(symbol: Symbol, latex: str) -> Symbol:
    """A row of several symbols, each found by its own markers ("$\\exp$, $\\ln$, ... applied to
    an array"), with only those ``latex`` uses."""
    spans = _MATH.findall(symbol.symbol)
    own = [_markers(span) for span in spans]
    if len(spans) < 2 or not all(own):
        return symbol
    used = [span for span, markers in zip(spans, own, strict=True) if any(re.search(m, latex) for m in markers)]
    tail = symbol.symbol[symbol.symbol.rindex("$") + 1:]
    return replace(symbol, symbol=", ".join(used) + tail)


def short_meaning(meaning: str) -> str:
    """A meaning up to its first ";" or ":" outside math (the rest is the page's)."""
    math, depth = False, 0
    for i, ch in enumerate(meaning):
        math ^= ch == "$"
        depth += (ch == "(") - (ch == ")") if not math else 0
        if not math and not depth and ch in ";:" and meaning[i + 1:i + 2] == " ":
            return meaning[:i]
    return meaning


def markdown_tex(text: str) -> str:
    """A Markdown cell as LaTeX text: math kept, links and emphasis as words, the rest escaped."""
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text).replace("**", "")
    parts = re.split(r"(\$[^$]*\$)", text)
    return "".join(p if p.startswith("$") else _text(p.replace("`", "")) for p in parts)


def _text(part: str) -> str:
    """Text between math, escaped, with the spaces at its ends kept (tex_text makes one trimmed line)."""
    core = part.strip()
    return part[:len(part) - len(part.lstrip())] + (tex_text(core) if core else "") + part[len(part.rstrip()):] if core else part


def notation_list(symbols: Sequence[Symbol]) -> str:
    """The rows as a LaTeX list, one symbol a line ("$\\circ$: the Hadamard (elementwise) product"), so
    that a reader finds a symbol by its place at the left (one paragraph of a dozen was read as a wall);
    nothing without rows."""
    if not symbols:
        return ""
    items = "".join(f"\\item {markdown_tex(s.symbol)}: {markdown_tex(short_meaning(s.meaning))}\n" for s in symbols)
    # no bullet (pdfTeX draws it from a bitmap font here: a Type 3 font in the PDF); a hanging indent instead
    return ("\n\\begin{list}{}{\\setlength{\\leftmargin}{1.5em}\\setlength{\\itemindent}{-1.5em}"
            "\\setlength{\\itemsep}{0pt}\\setlength{\\parsep}{0pt}\\setlength{\\topsep}{2pt}}\n" + items + "\\end{list}")
