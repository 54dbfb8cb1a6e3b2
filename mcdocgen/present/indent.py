"""How a continued display row is set (``present.lines``): indented past the bracket it goes on inside, and
each bracket that spans rows sized from what it encloses (:func:`sized`).

A row that goes on inside a bracket opened on a row before it, indented only as a new term is
(``\\quad``), reads as a new term: ``= 2\\bigl(a`` then ``- b\\bigr)`` looks like ``2(a`` minus ``b``
(review s35 item 5, s36 C-1). A book sets it past the bracket, as the Cookbook's and Magnus and
Neudecker's long displays do; so a continued row inside such a bracket starts after a phantom of its
opening row up to and including the bracket. Where the bracket ends its row (nothing fitted beside
it) the pieces inside have the whole row, and keep the plain indent.
"""

from __future__ import annotations

from collections.abc import Sequence

from mcdocgen.present.texwidth import TOKEN, width

# the sizes present.lines writes around a bracket that spans rows (\bigl before sized)
_OPENING = {r"\bigl", r"\Bigl", r"\biggl", r"\Biggl"}
_CLOSING = {r"\bigr", r"\Bigr", r"\biggr", r"\Biggr"}
_PLAIN = r"&\quad {}"     # the start of a continued row that begins with an operator (lines._continued)
FRACTIONS = {r"\frac", r"\dfrac", r"\tfrac"}


def open_bracket(texts: Sequence[str]) -> tuple[int, str] | None:
    """The innermost round bracket that the rows ``texts`` leave open: the index of its row and that
    row's text up to and including it; None where none is open, or where that bracket ends its row."""
    stack: list[tuple[int, str] | None] = []
    for k, text in enumerate(texts):
        tokens = TOKEN.findall(text)
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
            phantom = "".join(token[:-1] if token in _OPENING else token for token in TOKEN.findall(opened[1]))
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
        tokens = TOKEN.findall(piece)
        depth += sum(t in _OPENING for t in tokens) - sum(t in _CLOSING for t in tokens)
        if depth <= 0:
            return True
    return True


def sized(rows: Sequence[str]) -> tuple[str, ...]:
    """The rows with each bracket the breaking opened (``\\bigl( ... \\bigr)`` or ``\\Bigl``, a fixed
    size too small around a fraction) sized from what it encloses: ``\\left( ... \\right)`` where it
    closes on the row it opens on; else, around fractions, ``\\biggl(`` (``\\Biggl(`` around a fraction
    in a fraction), the size KaTeX's ``\\left`` picks around a display fraction. (A ``\\vphantom`` of
    the content would size it exactly, but KaTeX draws a phantom at full width, invisibly, and the
    row's box then scrolls on a phone.)"""
    tokens = [TOKEN.findall(row) for row in rows]
    opened: list[tuple[int, int]] = []
    pairs: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for r, row in enumerate(tokens):
        for i, token in enumerate(row):
            if token in (r"\bigl", r"\Bigl"):
                opened.append((r, i))
            elif token in (r"\bigr", r"\Bigr") and opened:
                pairs.append((opened.pop(), (r, i)))
    # read before any is resized: the inner ones are in the outer's
    depths = [_fraction_depth([t for r in range(r0, r1 + 1)
                               for t in tokens[r][(i0 + 2 if r == r0 else 0):(i1 if r == r1 else None)]])
              for (r0, i0), (r1, i1) in pairs]
    for ((r0, i0), (r1, i1)), depth in zip(pairs, depths, strict=True):
        if r0 == r1:
            tokens[r0][i0], tokens[r1][i1] = r"\left", r"\right"
        elif depth:
            size = r"\bigg" if depth == 1 else r"\Bigg"
            tokens[r0][i0], tokens[r1][i1] = size + "l", size + "r"
    return tuple("".join(row) for row in tokens)


def _fraction_depth(tokens: list[str]) -> int:
    """How deep fractions nest in the tokens: 0 without one, 1 for fractions of plain parts, 2 for a
    fraction in a fraction, ..."""
    spans = []
    for i, token in enumerate(tokens):
        if token in FRACTIONS:
            _, j = group(tokens, i + 1)     # the numerator, then the denominator
            spans.append((i, group(tokens, j)[1]))
    return max((sum(a <= i < b for a, b in spans) for i, _ in spans), default=0)


def group(tokens: list[str], k: int) -> tuple[str | None, int]:
    """The braced group starting at ``tokens[k]``, without its braces, and the index after it."""
    if k >= len(tokens) or tokens[k] != "{":
        return None, k
    depth = 0
    for end in range(k, len(tokens)):
        depth += {"{": 1, "}": -1}.get(tokens[end], 0)
        if depth == 0:
            return "".join(tokens[k + 1:end]), end + 1
    return None, len(tokens)
