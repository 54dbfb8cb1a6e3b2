"""Display formulas broken over lines, so that a derivation fits a phone's screen (issue 14).

Browsers do not break display math, so a formula wider than the screen scrolls or is cut.
A formula whose estimated width exceeds ``LINE_WIDTH`` becomes the rows of an ``aligned`` block:
``lhs &= ...`` first, then each ``=`` side on a row of its own, and a side still too wide broken
before its top-level ``+``/``-`` terms, then its ``\\cdot``/``\\circ`` factors, then between the factors
of a juxtaposed product (a space or a thin space between operands). A piece still too wide is opened
at its widest bracket (then ``\\bigl( ... \\bigr)``), a long fraction is set as ``1/D`` times its
numerator, and a long row vector as a column's transpose; nothing inside a fraction or a script is
broken. Widths come from ``present.texwidth`` (the site's math font); templates only join the rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from mcdocgen.present.indent import FRACTIONS as _FRACTIONS, fits_past, group as _group, indent_width, indented
from mcdocgen.present.indent import sized as _sized
from mcdocgen.present.texwidth import TOKEN, width

#: The width, in em of the site's math font (``texwidth.width``), of a display that fits a 390 px phone:
#: the box's 390 px less its padding (extra.css) is the text's 358 px, 19.46 em at 18.4 px an em. The estimate
#: is within 2.5% of the drawing for 99 rows in 100 (bench_texwidth): rows and one-row formulas alike are cut
#: ~1 em short (the widest row within it is drawn 18.35 em; no glyph passes the text's edge: test_browser_fit).
LINE_WIDTH = 18.5
#: Every row of a broken formula gets at least this much room after the ``lhs =``, however wide (vec form).
MIN_ROOM = 8.4
#: The indentation of a continued row (``\quad``), in the same units.
INDENT = 1.0
_EQUALS = 1.27          # "=" with a relation's space on both sides
_BIG_BRACKET = 0.63     # a \bigl( or \bigr)
_LONE = 2.0             # a piece narrower than this on a row of its own reads as a stray (T alone after sum()
CONDITION_SEP = r", \; "
_OPERATORS = {"+", "-", "=", "<", ">", r"\cdot", r"\circ", r"\otimes", r"\oslash", r"\times", r"\in",
              r"\le", r"\ge", r"\leq", r"\geq", r"\approx", r"\neq", r"\equiv", r"\pm", r"\mp", r"\to"}


class Rows(tuple[str, ...]):
    """A display formula's rows (several: the rows of an ``aligned`` block), and where it was broken,
    ``whole``: the formula on one line, which a screen wide enough shows instead (publish.math_hook).
    Equal to the plain tuple of its rows."""

    whole: str

    def __new__(cls, rows: Sequence[str], whole: str = "") -> Rows:
        made = super().__new__(cls, rows)
        made.whole = whole if len(made) > 1 else ""
        return made


# -- where a formula may break

# levels, coarsest first: an equals sign, a term, a visible product sign, a juxtaposed factor
_LEVELS: tuple[frozenset[str], ...] = (
    frozenset({"="}),
    frozenset({"+", "-"}),
    frozenset({r"\cdot", r"\circ", r"\otimes", r"\oslash", r"\times"}),
    frozenset({""}),
)
_OPENERS = {"{", r"\left", r"\begin"}
_CLOSERS = {"}", r"\right", r"\end"}


def split(tex: str, level: int) -> list[tuple[str, str]]:
    """``tex`` cut at the top-level operators of one ``level`` (outside every brace, ``\\left ...
    \\right`` and environment): a list of (the operator before it, the piece); the first piece's
    operator is empty. Operators are those the printer writes with a space on both sides; level 3
    cuts between juxtaposed factors (a space or a thin space ``\\,`` between two operands)."""
    ops = _LEVELS[level]
    out: list[tuple[str, str]] = []
    tokens = TOKEN.findall(tex)
    depth, start, op, i = 0, 0, "", 0
    position = 0
    starts: list[int] = []
    for token in tokens:
        starts.append(position)
        position += len(token)
    while i < len(tokens):
        token = tokens[i]
        if token in _OPENERS:
            depth += 1
        elif token in _CLOSERS:
            depth -= 1
        elif depth == 0 and token == r"\," and "" in ops and 0 < i < len(tokens) - 1 and \
                tokens[i - 1] not in ("^", "_", "{", "&") and tokens[i + 1] not in _OPERATORS:
            # a thin space the printer sets between a scalar and what it multiplies: a juxtaposition too
            out.append((op, tex[start:starts[i]]))
            op, i = "", i + 1
            while i < len(tokens) and tokens[i].isspace():
                i += 1
            start = starts[i] if i < len(tokens) else len(tex)
            continue
        elif depth == 0 and token.isspace() and 0 < i < len(tokens) - 1:
            cut = _cut(tokens, i, ops)
            if cut is not None:
                found, after = cut
                out.append((op, tex[start:starts[i]]))
                op, start = found, starts[after]
                i = after
                continue
        i += 1
    out.append((op, tex[start:]))
    return [(o, piece) for o, piece in out if piece]


def _cut(tokens: list[str], i: int, ops: frozenset[str]) -> tuple[str, int] | None:
    """At the space ``tokens[i]``: the operator found and the index where the next piece starts, or None."""
    before, nxt = tokens[i - 1], tokens[i + 1]
    if "" in ops:     # between two operands: neither side an operator nor a command waiting for its argument
        if before in _OPERATORS or nxt in _OPERATORS or before in ("^", "_", "{", "&") or \
                (before.startswith("\\") and before[1:].isalpha() and before not in (r"\top",)) or \
                before == "\\,":
            return None
        return "", i + 1
    if nxt in ops and i + 2 < len(tokens) and tokens[i + 2].isspace():
        return nxt, i + 3
    return None


def _join(op: str, left: str, right: str) -> str:
    return f"{left} {op} {right}" if op and op != _ON else f"{left} {right}"


def _refine(op: str, tex: str, room: float, level: int) -> Iterator[tuple[str, str]]:
    """``tex`` as pieces each at most ``room`` wide where a break allows it, coarsest breaks first."""
    if width(tex) <= room:
        yield op, tex
        return
    if level >= len(_LEVELS):
        yield from _open(op, tex, room)
        return
    parts = split(tex, level)
    for k, (part_op, part) in enumerate(parts):
        yield from _refine(op if k == 0 else part_op, part, room, level + 1)


def _open(op: str, tex: str, room: float) -> Iterator[tuple[str, str]]:
    """A piece still too wide, broken inside its widest top-level bracket ``\\left( ... \\right)``,
    which becomes ``\\bigl( ... \\bigr)`` (a ``\\left`` cannot span rows); as it is if that gains nothing."""
    bracket = _bracket(tex)
    if bracket is None and (product := _inverted(tex)) is not None:
        yield from _refine(op, product, room, 2)
        return
    if bracket is None and (column := _column(tex)) is not None:
        yield op, column
        return
    # the rows inside share the room with what stays around them: the text before the bracket on
    # the first row, its script after it (``^{\top}``) on the last, and the brackets themselves
    inner = 0.0 if bracket is None else room - width(bracket[0]) - width(bracket[2]) - 2 * _BIG_BRACKET
    parts = [] if bracket is None else list(_refine("", bracket[1], inner, 1))
    if bracket is None or len(parts) < 2:
        yield op, tex
        return
    head, inside, tail = bracket
    alone = False
    if _inside_bracket(parts):
        # a break inside a bracket within this one: with the opening ending its row, the pieces have the whole row
        wider = list(_refine("", inside, room, 1))
        if width(wider[-1][1]) + _BIG_BRACKET + width(tail) > room:
            wider = list(_refine("", inside, room - width(tail) - _BIG_BRACKET, 1))
        if len(wider) >= 2 and not _inside_bracket(wider) and min(width(p) for _, p in wider) >= _LONE:
            parts, alone = wider, True
    # around a display fraction a \left( grows: the manual size grows with it
    size = "Big" if any(token in _FRACTIONS for token in TOKEN.findall(inside)) else "big"
    parts[-1] = (parts[-1][0], rf"{parts[-1][1]}\{size}r){tail}")
    if alone or width(head) + _BIG_BRACKET + width(parts[0][1]) > room:
        # the first piece does not fit beside the opening: the opening ends the row, the piece goes on
        yield op, rf"{head}\{size}l("
        yield _ON, parts[0][1]
        yield from parts[1:]
        return
    parts[0] = (op, rf"{head}\{size}l({parts[0][1]}")
    yield from parts


def _inside_bracket(parts: Sequence[tuple[str, str]]) -> bool:
    """Whether the pieces break inside a bracket (one of them opens or closes a ``\\bigl( ... \\bigr)``
    on its own, or goes on inside a bracket opened on the row before)."""
    def balance(piece: str) -> int:
        tokens = TOKEN.findall(piece)
        return sum(t in (r"\bigl", r"\Bigl") for t in tokens) - sum(t in (r"\bigr", r"\Bigr") for t in tokens)
    return any(o == _ON or balance(piece) for o, piece in parts)


def _inverted(tex: str) -> str | None:
    """A fraction ``\\frac{N}{D}`` (with its sign) as a textbook sets one too wide for the line: the
    product ``\\frac{1}{D} N``, ``N`` in brackets where it is a sum, and ``D``'s factors inverted one
    by one, so that it can break between factors or inside the brackets (every denominator the
    printer writes is a scalar); None for anything else, or where nothing could then break."""
    tokens = TOKEN.findall(tex.strip())
    sign = tokens[0] if tokens[:1] == ["-"] else ""
    k = len(sign)
    if k >= len(tokens) or tokens[k] not in _FRACTIONS:
        return None
    numerator, k = _group(tokens, k + 1)
    denominator, k = _group(tokens, k)
    if numerator is None or denominator is None or k != len(tokens) or r"\partial" in numerator:
        return None     # not a quotient: a derivative's symbol
    # 1 over a product of scalars is the product of their inverses
    factors = [piece for _, piece in split(denominator, 3)]
    inverse = r"\,".join(rf"\frac{{1}}{{{f}}}" for f in factors)
    if numerator.strip() == "1":
        return sign + inverse if len(factors) > 1 else None
    if len(split(numerator, 1)) > 1 or numerator.lstrip().startswith("-"):
        numerator = rf"\left({numerator}\right)"
    elif len(split(numerator, 2)) < 2 and len(split(numerator, 3)) < 2 and len(factors) < 2:
        return None
    return rf"{sign}{inverse} {numerator}"


_CELL = r"(?:(?!\\begin|\\end|\\\\).)*"     # matrix text without a nested environment or a row break
_ROW_MATRIX = re.compile(rf"\\begin\{{bmatrix\}}(?P<cells>{_CELL}&{_CELL})\\end\{{bmatrix\}}", re.S)


def _column(tex: str) -> str | None:
    """A row vector written out too wide for the line, ``[a & b & c]``, as the transpose of the
    column ``[a \\\\ b \\\\ c]^T`` (a textbook's way to print a long row); None for anything else."""
    match = _ROW_MATRIX.fullmatch(tex.strip())
    if match is None:
        return None
    cells = [cell.strip() for cell in match.group("cells").split("&")]
    return r"\begin{bmatrix} " + r" \\ ".join(cells) + r" \end{bmatrix}^{\top}"


def _bracket(tex: str) -> tuple[str, str, str] | None:
    """``tex`` as (before, inside, after) its widest bracket ``\\left( ... \\right)`` outside every
    other group; None if it has none."""
    tokens = TOKEN.findall(tex)
    offsets = [0]
    for token in tokens:
        offsets.append(offsets[-1] + len(token))
    best: tuple[str, str, str] | None = None
    depth, opened = 0, -1
    for k, token in enumerate(tokens):
        if token in _OPENERS:
            if depth == 0 and token == r"\left" and tokens[k + 1:k + 2] == ["("]:
                opened = k
            depth += 1
        elif token in _CLOSERS:
            depth -= 1
            if depth == 0 and opened >= 0 and token == r"\right" and tokens[k + 1:k + 2] == [")"]:
                found = (tex[:offsets[opened]], tex[offsets[opened + 2]:offsets[k]], tex[offsets[k + 2]:])
                if best is None or width(found[1]) > width(best[1]):
                    best = found
            if depth == 0:
                opened = -1
    return best


#: A product's factors (a sign or a juxtaposition before them): a row holding only a short one reads as a stray.
_FACTOR_OPS = _LEVELS[2] | _LEVELS[3]


def _packed(pieces: Sequence[tuple[str, str]], room: float, piece_room: float) -> list[tuple[str, str]]:
    """``_pack``'s rows, with no row holding only a factor narrower than ``_LONE`` (a term of a sum may stand
    alone): that factor goes with the piece before it, the two one piece where it fits ``piece_room`` (layer
    norm's ... 2 diag(u) / . 1 . 1^T/n), else broken together inside that piece's bracket (``_open``):
    hessian-logistic's Hessian X^T diag(...) / . X became X^T diag(s(Xw) / o (1 - s(Xw))) X. Where neither
    is possible, the rows stay as packed."""
    pieces = list(pieces)
    rows = _pack(pieces, room)
    for _ in range(len(pieces)):
        lone = [k for k, (op, piece) in enumerate(pieces)
                if k > 0 and op in _FACTOR_OPS and width(piece) < _LONE and (op, piece) in rows]
        if not lone:
            break
        k = lone[-1]
        joined = (pieces[k - 1][0], _join(pieces[k][0], pieces[k - 1][1], pieces[k][1]))
        together = [joined] if width(joined[1]) <= piece_room else list(_open(*joined, piece_room))
        if len(together) == 1 and width(joined[1]) > piece_room:
            break
        pieces[k - 1:k + 1] = together
        rows = _pack(pieces, room)
    return rows


def _pack(pieces: Sequence[tuple[str, str]], room: float) -> list[tuple[str, str]]:
    """Pieces joined greedily into rows that fit ``room`` (a continued row has less: its indent, ``present.indent``)."""
    rows: list[tuple[str, str]] = []
    row_op, row = pieces[0]
    for k, (op, piece) in enumerate(pieces[1:], 2):
        joined, texts = _join(op, row, piece), [r for _, r in rows]
        if width(joined) <= room - indent_width(texts, INDENT) and \
                fits_past([*texts, joined], [p for _, p in pieces[k:]], room, INDENT):
            row = joined
        else:
            rows.append((row_op, row))
            row_op, row = op, piece
    rows.append((row_op, row))
    return rows


def equation_rows(lhs: str, *sides: str, after: str = "", note: str = "") -> Rows:
    """``lhs = side = side ...`` as display rows: one row where it fits ``LINE_WIDTH``, else the rows of
    an ``aligned`` block (joined by ``\\\\``), each ``=`` side starting a row, a continued row indented.
    ``after`` (a shape: ``\\quad (n, n)``) ends the last row, never a row of its own; ``note`` (words,
    ``\\text{...}``) ends the one row where all fits, else it has a row of its own at the end."""
    whole = " = ".join((lhs, *sides)) + after + (rf" \quad {note}" if note else "")
    if width(whole) <= LINE_WIDTH:
        return Rows((whole,))
    rows = _aligned(lhs, sides, after)
    if note:
        return Rows((*rows, rf"&\quad {note}"), whole)
    # one row: the formula as it was, or rewritten to fit (a long row vector as a column's transpose)
    return Rows(indented(_sized(rows)), whole) if len(rows) > 1 else Rows((rows[0].replace(" &= ", " = ", 1),))


def cell_tex(lhs: str, value: str) -> str:
    """``lhs = value`` in a table cell (one source line): as it is where it fits, else an aligned block."""
    rows = equation_rows(lhs, value)
    return rows[0] if len(rows) == 1 else r"\begin{aligned} " + r" \\ ".join(rows) + r" \end{aligned}"


def _aligned(lhs: str, sides: Sequence[str], after: str) -> list[str]:
    """The rows of ``lhs = side ...`` in an ``aligned`` block (one row if it all fits one)."""
    room = max(LINE_WIDTH - width(lhs) - _EQUALS, MIN_ROOM)
    rows: list[str] = []
    for k, side in enumerate(sides):
        last = k == len(sides) - 1
        # a continued row starts at the = sign, indented: each piece must fit there too
        piece_room = (room - width(after) if last else room) - INDENT
        pieces = list(_refine("=", side, piece_room, 0))
        if last and after:   # the last piece carries it, and was cut to leave room for it
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + after)
        for op, row in _packed(pieces, room, piece_room):
            if op == "=":
                rows.append(f"{lhs if not rows else ''} &= {row}".lstrip())
            else:
                rows.append(_continued(op, row))
    return rows


def expression_rows(tex: str) -> Rows:
    """A formula with no left-hand side as display rows: one where it fits, else rows broken like an
    equation's side, the first at the alignment point and the others indented."""
    if width(tex) <= LINE_WIDTH:
        return Rows((tex,))
    room = LINE_WIDTH - INDENT
    body = _packed(list(_refine("", tex, room - INDENT, 1)), room, room - INDENT)
    return Rows(indented(_sized([f"& {body[0][1]}", *(_continued(op, row) for op, row in body[1:])])), tex)


_PRODUCT = r"\cdot"
#: The "operator" of a row that goes on inside a bracket opened on the row before: a space, no sign.
_ON = "~"


def _continued(op: str, row: str) -> str:
    """A continued row: indented, its operator kept binary by the empty group before it; a row cut
    between two juxtaposed factors starts with ``\\cdot``, else a factor alone on its row (a
    fraction in a chain) reads as a new term."""
    if op == _ON:
        return rf"&\quad {row}"
    return rf"&\quad {{}}{op or _PRODUCT} {row}"


def set_tex(element: str, conditions: Sequence[str]) -> str:
    """The set ``{ element : conditions }`` on one line."""
    return rf"\left\{{ {element} \;:\; {CONDITION_SEP.join(conditions)} \right\}}"


def set_rows(element: str, conditions: Sequence[str]) -> Rows:
    """The set ``{ element : conditions }``: one row where it fits, else rows: the element (broken
    like an equation's side), then each condition on a row of its own."""
    whole = set_tex(element, conditions)
    if width(whole) <= LINE_WIDTH:
        return Rows((whole,))
    room = LINE_WIDTH - _EQUALS
    body = _packed(list(_refine("", element, room, 1)), room, room)
    rows = [rf"&\bigl\{{\, {body[0][1]}"]
    rows += [_continued(op, row) for op, row in body[1:]]
    rows[-1] += r" \;:"
    rows += [rf"&\qquad {c}" + ("," if k < len(conditions) - 1 else r" \,\bigr\}") for k, c in enumerate(conditions)]
    return Rows(indented(_sized(rows)), whole)
