"""Display formulas broken over lines, so that a derivation fits a phone's screen (issue 14).

Neither KaTeX nor MathJax breaks display math, so a formula wider than the screen scrolls or is cut.
A formula whose estimated width exceeds ``LINE_WIDTH`` becomes the rows of an ``aligned`` block:
``lhs &= ...`` first, then each ``=`` side on a row of its own, and a side still too wide broken
before its top-level ``+``/``-`` terms, then its ``\\cdot``/``\\circ`` factors, then between the factors
of a juxtaposed product. Nothing inside brackets, fractions or scripts is ever broken. The width is
estimated from the TeX (visible characters, a fraction as its wider part, scripts smaller), the one
home of that estimate; templates receive the rows and only join them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

#: The width, in estimated characters (``width``), of a display formula that fits the content
#: column of a 390 px phone screen (358 px) at KaTeX's display size; wider formulas are broken.
#: Measured on the catalog's 274 one-row display formulas: 12.0 px a unit (median; 9.0 to 14.2),
#: so 28 units is 336 px typically; at 30 three formulas were over 10% hidden at 390 px, at 28 none.
LINE_WIDTH = 28.0
#: Every row of a broken formula gets at least this much room after the ``lhs =``, however wide
#: the left-hand side (a vec-form derivative symbol is wide).
MIN_ROOM = 14.0
#: The indentation of a continued row (``\quad``), in the same units.
INDENT = 1.8

# -- the width estimate

_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_&]|\s+|.", re.S)
# command -> width; commands not listed count as one character
_SPACES = {r"\,": 0.3, r"\:": 0.4, r"\;": 0.5, r"\!": -0.3, r"\ ": 0.4, "~": 0.4, r"\quad": 1.8,
           r"\qquad": 3.6}
_OPERATORS = {"+", "-", "=", "<", ">", r"\cdot", r"\circ", r"\otimes", r"\oslash", r"\times", r"\in",
              r"\le", r"\ge", r"\leq", r"\geq", r"\approx", r"\neq", r"\equiv", r"\pm", r"\mp", r"\to"}
_ZERO = {r"\displaystyle", r"\textstyle", r"\limits", r"\nolimits", r"\big", r"\Big", r"\bigl", r"\bigr",
         r"\Bigl", r"\Bigr"}
_ONE_ARGUMENT = {r"\mathbf", r"\mathit", r"\mathrm", r"\boldsymbol", r"\mathbb", r"\mathcal", r"\operatorname",
                 r"\text", r"\mathsf", r"\mathtt", r"\bm", r"\hat", r"\bar", r"\tilde", r"\vec", r"\boxed"}
_FRACTIONS = {r"\frac", r"\dfrac", r"\tfrac"}
_NARROW = set(",.;:!|()[]'")
# commands written as an upright word: as wide as the word, with a thin space after it
_WORDS = {r"\ln", r"\log", r"\exp", r"\det", r"\sin", r"\cos", r"\tan", r"\sinh", r"\cosh", r"\tanh",
          r"\max", r"\min", r"\arcsin", r"\arccos", r"\arctan", r"\sup", r"\inf", r"\tr"}
SCRIPT_SCALE = 0.7
_TOP = 1.45
_BIG_BRACKET = 0.8   # a \bigl( or \bigr), as a \left( is counted
CONDITION_SEP = r", \; "


def width(tex: str) -> float:
    """The estimated width of a formula, in characters of its body text: letters and digits 1,
    operators with their spacing about 2, a fraction as wide as its wider part, scripts 0.7."""
    return _Widths(_TOKEN.findall(tex)).run()


class _Widths:
    """A small recursive reader over TeX tokens that adds up widths (estimates, not typesetting)."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.i = 0

    def run(self) -> float:
        return self.sequence(stop=None)

    def next(self) -> str | None:
        if self.i >= len(self.tokens):
            return None
        token = self.tokens[self.i]
        self.i += 1
        return token

    def argument(self) -> float:
        """One argument: a braced group or a single token."""
        while self.i < len(self.tokens) and self.tokens[self.i].isspace():
            self.i += 1
        token = self.next()
        if token is None:
            return 0.0
        if token == "{":
            return self.sequence(stop="}")
        return self.atom(token)

    def sequence(self, stop: str | None) -> float:
        total = 0.0
        while (token := self.next()) is not None and token != stop:
            total += self.atom(token)
        return total

    def atom(self, token: str) -> float:
        if token.isspace():
            return 0.0
        if token == "{":
            return self.sequence(stop="}")
        if token in ("^", "_"):
            return SCRIPT_SCALE * self.argument()
        if token in _FRACTIONS:
            return max(self.argument(), self.argument()) + 0.4
        if token in _ONE_ARGUMENT:
            return self.argument() + (0.3 if token == r"\operatorname" else 0.0)
        if token == r"\vphantom":     # a sized bracket's strut (_sized): height only
            self.argument()
            return 0.0
        if token in (r"\left", r"\right"):
            tall = token == r"\left" and self._holds_fraction()
            delimiter = self.next()
            # a bracket around a fraction grows with it: measured in KaTeX, 1.1 a side, not 0.8
            return 0.0 if delimiter == "." else 1.1 if tall else 0.8
        if token == r"\begin":
            self.argument()     # the environment's name
            return self.environment()
        if token in _SPACES:
            return _SPACES[token]
        if token in _WORDS:
            return 0.9 * (len(token) - 1) + 0.3
        if token in _OPERATORS:
            return 2.0
        if token in _ZERO or token == "&":
            return 0.0
        if token in _NARROW or token in (r"\{", r"\}", r"\vert", r"\langle", r"\rangle"):
            return 0.5
        if token == r"\top":   # the transpose's ⊤ is as wide as a capital (measured in KaTeX: 1.0 a script ⊤)
            return _TOP
        return 1.0

    def _holds_fraction(self) -> bool:
        """Whether the ``\\left`` just read encloses a fraction (before its ``\\right``)."""
        depth = 1
        for token in self.tokens[self.i + 1:]:
            depth += {r"\left": 1, r"\right": -1}.get(token, 0)
            if depth == 0:
                return False
            if token in _FRACTIONS:
                return True
        return False

    def environment(self) -> float:
        """A matrix: its widest row, each cell its width plus the gap between columns."""
        rows: list[float] = [0.0]
        while (token := self.next()) is not None:
            if token == r"\end":
                self.argument()
                break
            if token == "\\\\":
                rows.append(0.0)
            elif token == "&":
                rows[-1] += 1.0
            else:
                rows[-1] += self.atom(token)
        return max(rows) + 1.6


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
    cuts between juxtaposed factors (a space between two operands)."""
    ops = _LEVELS[level]
    out: list[tuple[str, str]] = []
    tokens = _TOKEN.findall(tex)
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
    return f"{left} {op} {right}" if op else f"{left} {right}"


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
    # the rows inside share the room with what stays around them: the text before the bracket on
    # the first row, its script after it (``^{\top}``) on the last, and the brackets themselves
    inner = 0.0 if bracket is None else room - width(bracket[0]) - width(bracket[2]) - 2 * _BIG_BRACKET
    parts = [] if bracket is None else list(_refine("", bracket[1], inner, 1))
    if bracket is None or len(parts) < 2:
        yield op, tex
        return
    head, _, tail = bracket
    parts[0] = (op, rf"{head}\bigl({parts[0][1]}")
    parts[-1] = (parts[-1][0], rf"{parts[-1][1]}\bigr){tail}")
    yield from parts


def _bracket(tex: str) -> tuple[str, str, str] | None:
    """``tex`` as (before, inside, after) its widest bracket ``\\left( ... \\right)`` outside every
    other group; None if it has none."""
    tokens = _TOKEN.findall(tex)
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


def _pack(pieces: Sequence[tuple[str, str]], room: float) -> list[tuple[str, str]]:
    """Pieces joined greedily into rows that fit ``room`` (a continued row has less: its indent)."""
    rows: list[tuple[str, str]] = []
    row_op, row = pieces[0]
    for op, piece in pieces[1:]:
        joined = _join(op, row, piece)
        if width(joined) <= room - (INDENT if rows else 0.0):
            row = joined
        else:
            rows.append((row_op, row))
            row_op, row = op, piece
    rows.append((row_op, row))
    return rows


def equation_rows(lhs: str, *sides: str, after: str = "") -> tuple[str, ...]:
    """``lhs = side = side ...`` as display rows: one row where it fits ``LINE_WIDTH``, else the rows of
    an ``aligned`` block (joined by ``\\\\``), each ``=`` side starting a row, a continued row indented.
    ``after`` (a shape: ``\\quad (n, n)``) ends the last row, never a row of its own."""
    whole = " = ".join((lhs, *sides)) + after
    if width(whole) <= LINE_WIDTH:
        return (whole,)
    room = max(LINE_WIDTH - width(lhs) - 2.0, MIN_ROOM)
    rows: list[str] = []
    for k, side in enumerate(sides):
        last = k == len(sides) - 1
        pieces = list(_refine("=", side, room - width(after) if last else room, 0))
        if last and after:   # the last piece carries it, and was cut to leave room for it
            pieces[-1] = (pieces[-1][0], pieces[-1][1] + after)
        for op, row in _pack(pieces, room):
            if op == "=":
                rows.append(f"{lhs if not rows else ''} &= {row}".lstrip())
            else:
                rows.append(_continued(op, row))
    return _sized(rows) if len(rows) > 1 else (whole,)


_PRODUCT = r"\cdot"


def _continued(op: str, row: str) -> str:
    """A continued row: indented, its operator kept binary by the empty group before it; a row cut
    between two juxtaposed factors starts with ``\\cdot``, else a factor alone on its row (a
    fraction in a chain) reads as a new term."""
    return rf"&\quad {{}}{op or _PRODUCT} {row}"


def set_tex(element: str, conditions: Sequence[str]) -> str:
    """The set ``{ element : conditions }`` on one line."""
    return rf"\left\{{ {element} \;:\; {CONDITION_SEP.join(conditions)} \right\}}"


def set_rows(element: str, conditions: Sequence[str]) -> tuple[str, ...]:
    """The set ``{ element : conditions }``: one row where it fits, else rows: the element (broken
    like an equation's side), then each condition on a row of its own."""
    whole = set_tex(element, conditions)
    if width(whole) <= LINE_WIDTH:
        return (whole,)
    room = LINE_WIDTH - 2.0
    body = _pack(list(_refine("", element, room, 1)), room)
    rows = [rf"&\bigl\{{\, {body[0][1]}"]
    rows += [_continued(op, row) for op, row in body[1:]]
    rows[-1] += r" \;:"
    rows += [rf"&\qquad {c}" + ("," if k < len(conditions) - 1 else r" \,\bigr\}") for k, c in enumerate(conditions)]
    return _sized(rows)


def _sized(rows: Sequence[str]) -> tuple[str, ...]:
    """The rows with each bracket the breaking opened (``\\bigl( ... \\bigr)``, a fixed size too small
    around a fraction) sized from what it encloses: ``\\left( ... \\right)`` where it closes on the
    row it opens on; else each side ``\\left(\\vphantom{...}\\right.``, as tall as the whole content."""
    tokens = [_TOKEN.findall(row) for row in rows]
    opened: list[tuple[int, int]] = []
    pairs: list[tuple[tuple[int, int], tuple[int, int]]] = []
    for r, row in enumerate(tokens):
        for i, token in enumerate(row):
            if token == r"\bigl":
                opened.append((r, i))
            elif token == r"\bigr" and opened:
                pairs.append((opened.pop(), (r, i)))
    contents = []
    for (r0, i0), (r1, i1) in pairs:     # read before any is resized: the inner ones are in the outer's
        inner = [t for r in range(r0, r1 + 1) for t in tokens[r][(i0 + 2 if r == r0 else 0):(i1 if r == r1 else None)]
                 if t != "&"]
        contents.append("".join(inner).replace(r"\bigl", r"\left").replace(r"\bigr", r"\right"))
    for ((r0, i0), (r1, i1)), content in zip(pairs, contents, strict=True):
        if r0 == r1:
            tokens[r0][i0], tokens[r1][i1] = r"\left", r"\right"
        else:
            strut = rf"\vphantom{{{content}}}"
            tokens[r0][i0], tokens[r0][i0 + 1] = r"\left", tokens[r0][i0 + 1] + strut + r"\right."
            tokens[r1][i1] = rf"\left.{strut}\right"
    return tuple("".join(row) for row in tokens)


@dataclass(frozen=True, slots=True)
class Displays:
    """The display formulas of one layout's steps as rows (``equation_rows``); empty where not shown."""

    chain: tuple[str, ...] = ()         # lhs = the chain's fractions = their values
    product: tuple[str, ...] = ()       # lhs = the simplified product
    result: tuple[str, ...] = ()        # lhs = the result
    step: tuple[str, ...] = ()          # one step: lhs = its value
    assumed: tuple[str, ...] = ()       # lhs = the result before A^T = A was used
    restriction: tuple[str, ...] = ()   # lhs = sym(G) = ...


NO_DISPLAYS = Displays()


def displays(lhs: str, paths: Sequence[Sequence[str]], values: str, product: str, result: str, step: str,
             assumed: str, restriction: str) -> Displays:
    """Every display formula of one layout's steps, as rows; ``paths``: the chain's fractions, path by
    path (written with a space between fractions where the chain is broken, so that a path can break
    between them; side by side where it fits one row, as the chain's symbol is written elsewhere)."""
    def rows(*sides: str) -> tuple[str, ...]:
        return equation_rows(lhs, *sides) if all(sides) else ()
    chain = rows(" + ".join(" ".join(path) for path in paths), values)
    if len(chain) == 1:
        chain = (f"{lhs} = {' + '.join(''.join(path) for path in paths)} = {values}",)
    return Displays(chain, rows(product), rows(result), rows(step), rows(assumed), rows(restriction))
