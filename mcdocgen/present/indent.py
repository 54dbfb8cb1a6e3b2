"""How far a continued display row is indented: past the bracket it goes on inside (``present.lines``).

A row that goes on inside a bracket opened on a row before it, indented only as a new term is
(``\\quad``), reads as a new term: ``= 2\\bigl(a`` then ``- b\\bigr)`` looks like ``2(a`` minus ``b``
(review s35 item 5, s36 C-1). A book sets it past the bracket, as the Cookbook's and Magnus and
Neudecker's long displays do; so a continued row inside such a bracket starts after a phantom of its
opening row up to and including the bracket. Where the bracket ends its row (nothing fitted beside
it) the pieces inside have the whole row, and keep the plain indent.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mcdocgen.present.texwidth import width

_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_&]|\s+|.", re.S)
# the sizes present.lines writes around a bracket that spans rows (\bigl before present.lines._sized)
_OPENING = {r"\bigl", r"\Bigl", r"\biggl", r"\Biggl"}
_CLOSING = {r"\bigr", r"\Bigr", r"\biggr", r"\Biggr"}
_PLAIN = r"&\quad {}"     # the start of a continued row that begins with an operator (lines._continued)


def open_bracket(texts: Sequence[str]) -> tuple[int, str] | None:
    """The innermost round bracket that the rows ``texts`` leave open: the index of its row and that
    row's text up to and including it; None where none is open, or where that bracket ends its row."""
    stack: list[tuple[int, str] | None] = []
    for k, text in enumerate(texts):
        tokens = _TOKEN.findall(text)
        for i, token in enumerate(tokens):
            if token in _OPENING:
                beside = "".join(tokens[i + 2:]).strip()
                stack.append((k, "".join(tokens[:i + 2])) if tokens[i + 1:i + 2] == ["("] and beside else None)
            elif token in _CLOSING and stack:
                stack.pop()
    return stack[-1] if stack else None


def indent_width(before: Sequence[str], plain: float) -> float:
    """The room a row after the rows ``before`` (a row's text without its operator or alignment)
    loses to its indent: ``plain`` for a continued row, the opening row up to its bracket inside one
    (and that row's own indent where it is continued itself); none for the first row."""
    if not before:
        return 0.0
    opened = open_bracket(before)
    if opened is None:
        return plain
    k, prefix = opened
    return width(prefix) + (plain if k else 0.0)


def indented(rows: Sequence[str]) -> tuple[str, ...]:
    """The rows of an ``aligned`` block with each continued row that goes on inside a bracket opened
    beside its content on a row before it set past that bracket: ``\\hphantom`` of that row from its
    alignment point, with the bracket as an ordinary ``\\big(`` (the phantom opens nothing)."""
    out: list[str] = []
    after: list[str] = []      # each row's text after its alignment point, the first row's = with its left space
    for row in rows:
        opened = open_bracket(after) if row.startswith(_PLAIN) else None
        if opened is not None:
            phantom = "".join(token[:-1] if token in _OPENING else token for token in _TOKEN.findall(opened[1]))
            row = rf"&\hphantom{{{phantom}}}{{}}" + row[len(_PLAIN):]
        out.append(row)
        text = row.partition("&")[2]
        after.append("{}" + text if text.startswith("=") else text)
    return tuple(out)


def fits_past(texts: Sequence[str], following: Sequence[str], room: float, plain: float) -> bool:
    """Whether the pieces ``following`` that go on inside a bracket the last of the rows ``texts``
    opens fit a row past that bracket (``room`` less the indent); else the bracket starts a row of its
    own, so that its rows fit past it."""
    opened = open_bracket(texts)
    if opened is None or opened[0] != len(texts) - 1:
        return True
    left, depth = room - indent_width(texts, plain), 1
    for piece in following:
        if width(piece) > left:
            return False
        tokens = _TOKEN.findall(piece)
        depth += sum(t in _OPENING for t in tokens) - sum(t in _CLOSING for t in tokens)
        if depth <= 0:
            return True
    return True
