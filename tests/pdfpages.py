"""A handout's pages as lines of text (pdftotext -bbox-layout), for the tests of where its pages break:
which pages end in a bare heading, which split a table of steps leaving few of its rows on a side."""

from __future__ import annotations

import itertools
import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

#: The headings of a solution (handout.tex.j2), and the first words of its tables' heads (handout_macros).
HEADING = re.compile(r"(Derivative with respect to|Second derivative( \(Hessian\))? with respect to"
                     r"|Numerator layout|Denominator layout|Steps|Tensor form)\b")
TABLE_HEAD = re.compile(r"(Intermediate variable|Local derivative|Local differential|Derivative by the scalar)\b")
#: What follows a table of steps on the page its rows run onto: a heading, a table, or a sentence.
AFTER_TABLE = re.compile(r"(Chain rule|Kink in|Result|Simplified product|Intermediates put back|Forward accumulation|"
                         r"Where it is not differentiable|The steps)\b")
#: A row of a table of steps has its shape, "(1, 1)" or "(m n, p)", in a column of its own.
SHAPE = re.compile(r"\(\s*[\w ]+,\s*[\w ]+\)")
#: Footnotes are set in 9 pt (a word ~8 pt tall), body text in 10 or 11 pt (~9 pt and up).
FOOTNOTE_HEIGHT = 8.5
XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True, slots=True)
class Line:
    top: float
    text: str


def body_lines(path: Path) -> list[list[Line]]:
    """Each page's lines top to bottom, without its footnotes and its page number."""
    out = subprocess.run(["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         text=True, check=True, timeout=120).stdout
    pages = []
    # glyphs of math fonts with no Unicode come out as control characters, which XML does not allow
    for page in ET.fromstring(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", out)).iter(f"{XHTML}page"):
        lines = []
        for line in page.iter(f"{XHTML}line"):
            words = list(line.iter(f"{XHTML}word"))
            tallest = max(float(w.get("yMax", 0)) - float(w.get("yMin", 0)) for w in words)
            if tallest >= FOOTNOTE_HEIGHT:
                lines.append(Line(float(line.get("yMin", 0)), " ".join(w.text or "" for w in words)))
        lines.sort(key=lambda x: x.top)
        if lines and lines[-1].text.isdigit():
            lines.pop()
        pages.append(lines)
    return pages


def bare_headings(pages: list[list[Line]]) -> list[tuple[int, str]]:
    """(page number, line) of each page whose last line is a heading or a table's head."""
    return [(n, lines[-1].text) for n, lines in enumerate(pages, 1)
            if lines and (HEADING.match(lines[-1].text) or TABLE_HEAD.match(lines[-1].text))]


def table_splits(pages: list[list[Line]]) -> list[tuple[int, int, int]]:
    """(page number, rows on it, rows on the next page) of each table of steps a page break splits,
    the next page going on with it under its repeated head."""
    out = []
    for n, (lines, after) in enumerate(itertools.pairwise(pages), 1):
        heads = [i for i, line in enumerate(lines) if TABLE_HEAD.match(line.text)]
        if heads and after and TABLE_HEAD.match(after[0].text):
            before = [line for line in lines[heads[-1] + 1:] if SHAPE.search(line.text)]
            rest = list(itertools.takewhile(
                lambda line: not (HEADING.match(line.text) or TABLE_HEAD.match(line.text)
                                  or AFTER_TABLE.match(line.text)), after[1:]))
            out.append((n, len(before), sum(bool(SHAPE.search(line.text)) for line in rest)))
    return out


def first_row_splits(pages: list[list[Line]]) -> list[int]:
    """The pages that end a table of steps after its first row, the next page going on with it."""
    return [n for n, before, _ in table_splits(pages) if before == 1]


def short_splits(pages: list[list[Line]], fewest: int) -> list[tuple[int, int, int]]:
    """The table splits (``table_splits``) that leave fewer than ``fewest`` rows on either page."""
    return [split for split in table_splits(pages) if min(split[1:]) < fewest]
