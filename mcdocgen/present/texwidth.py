"""The estimated width of a display formula's TeX, in em of KaTeX's display font (the one home of it).

Neither KaTeX nor MathJax breaks display math, so the line breaker (``present.lines``) needs to know,
before any browser does, how wide a formula will be drawn. The estimate follows KaTeX: each glyph's
advance width from KaTeX's own font metrics (``katex/src/fontMetricsData.js``, version 0.19: a capital
``X`` is 0.83 em, an ``x`` 0.57 em), TeX's spacing between atoms (a binary operator gets 4mu on each
side, a relation 5mu, none in scripts), scripts at 70% and 50%, a fraction as wide as its wider part
one style smaller, brackets that grow around a fraction, and a matrix's columns with their gaps.
It is an estimate, not typesetting: measured against KaTeX in Chromium on every display row of the
catalog (bench/bench_texwidth.py), the error is within a few percent for most rows.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_&]|\s+|.", re.S)

# advance widths (em) of a-z and A-Z in KaTeX's fonts, from fontMetricsData.js (rounded to 0.01)
_GLYPHS = {
    "it": ("53 43 43 52 47 49 48 58 34 41 52 30 88 60 48 50 45 45 47 36 57 48 72 57 49 47",
           "75 76 71 83 74 64 79 83 44 55 85 68 97 80 76 64 79 76 61 58 68 58 94 83 58 68"),
    "rm": ("50 56 44 56 44 31 50 56 28 31 53 28 83 56 50 56 53 39 39 39 56 53 72 53 53 44",
           "75 71 72 76 68 65 78 75 36 51 78 62 92 75 78 68 78 74 56 72 75 75 103 75 75 61"),
    "bf": ("56 64 51 64 53 35 57 64 32 35 61 32 96 64 57 64 61 47 45 45 64 61 83 61 61 51",
           "87 82 83 88 76 72 90 90 44 59 90 69 109 90 86 79 86 86 64 80 88 87 119 87 87 70"),
    "bi": ("63 52 51 61 55 57 54 67 40 47 60 35 103 71 58 60 54 53 53 42 68 57 83 66 59 56",
           "87 87 82 94 81 69 89 98 51 63 97 76 114 95 84 72 87 87 69 64 80 68 109 95 67 77"),
}
_LETTERS = {font: {chr(base + k): int(w) / 100 for lower_upper in (0, 1)
                   for base, row in ((97 if lower_upper == 0 else 65, rows[lower_upper]),)
                   for k, w in enumerate(row.split())}
            for font, rows in _GLYPHS.items()}
_DIGIT = {"it": 0.5, "rm": 0.5, "bf": 0.575, "bi": 0.575}
_FONTS = {r"\mathbf": "bf", r"\boldsymbol": "bi", r"\bm": "bi", r"\mathrm": "rm", r"\operatorname": "rm",
          r"\text": "rm", r"\mathit": "it", r"\mathsf": "rm", r"\mathtt": "rm"}
# symbols: (glyph width, class): "bin" and "rel" get TeX's spacing around them outside scripts
_SYMBOLS: dict[str, tuple[float, str]] = {
    "+": (0.778, "bin"), "-": (0.778, "bin"), r"\cdot": (0.278, "bin"), r"\circ": (0.5, "bin"),
    r"\otimes": (0.778, "bin"), r"\oslash": (0.778, "bin"), r"\times": (0.778, "bin"), r"\pm": (0.778, "bin"),
    r"\mp": (0.778, "bin"), r"\odot": (0.778, "bin"), "*": (0.5, "bin"), "/": (0.5, "ord"),
    "=": (0.778, "rel"), "<": (0.778, "rel"), ">": (0.778, "rel"), ":": (0.278, "rel"), r"\le": (0.778, "rel"),
    r"\ge": (0.778, "rel"), r"\leq": (0.778, "rel"), r"\geq": (0.778, "rel"), r"\approx": (0.778, "rel"),
    r"\neq": (0.778, "rel"), r"\equiv": (0.778, "rel"), r"\in": (0.667, "rel"), r"\to": (1.0, "rel"),
    r"\mapsto": (1.0, "rel"), r"\sim": (0.778, "rel"),
    "(": (0.389, "open"), ")": (0.389, "close"), "[": (0.278, "open"), "]": (0.278, "close"),
    r"\{": (0.5, "open"), r"\}": (0.5, "close"), r"\langle": (0.389, "open"), r"\rangle": (0.389, "close"),
    r"\lvert": (0.278, "open"), r"\rvert": (0.278, "close"), r"\lVert": (0.5, "open"), r"\rVert": (0.5, "close"),
    r"\vert": (0.278, "ord"), "|": (0.278, "ord"), r"\|": (0.5, "ord"),
    ",": (0.278, "punct"), ";": (0.278, "punct"), ".": (0.278, "ord"), "!": (0.278, "close"), "'": (0.4, "ord"),
    r"\top": (0.778, "ord"), r"\partial": (0.58, "ord"), r"\infty": (1.0, "ord"), r"\ell": (0.42, "ord"),
    r"\ldots": (1.17, "inner"), r"\cdots": (1.17, "inner"), r"\dots": (1.17, "inner"), r"\vdots": (0.28, "ord"),
    r"\ddots": (1.17, "ord"), r"\star": (0.5, "bin"),
    r"\sum": (1.44, "op"), r"\prod": (1.28, "op"), r"\int": (0.56, "op"),
    r"\alpha": (0.64, "ord"), r"\beta": (0.57, "ord"), r"\gamma": (0.52, "ord"), r"\delta": (0.45, "ord"),
    r"\epsilon": (0.47, "ord"), r"\varepsilon": (0.47, "ord"), r"\eta": (0.5, "ord"), r"\theta": (0.47, "ord"),
    r"\lambda": (0.58, "ord"), r"\mu": (0.6, "ord"), r"\nu": (0.5, "ord"), r"\pi": (0.57, "ord"),
    r"\rho": (0.52, "ord"), r"\sigma": (0.57, "ord"), r"\tau": (0.44, "ord"), r"\phi": (0.6, "ord"),
    r"\varphi": (0.65, "ord"), r"\psi": (0.65, "ord"), r"\omega": (0.62, "ord"), r"\xi": (0.46, "ord"),
    r"\kappa": (0.58, "ord"), r"\chi": (0.63, "ord"), r"\zeta": (0.47, "ord"),
    r"\Sigma": (0.72, "ord"), r"\Lambda": (0.69, "ord"), r"\Delta": (0.83, "ord"), r"\Gamma": (0.63, "ord"),
    r"\Phi": (0.72, "ord"), r"\Omega": (0.72, "ord"), r"\Theta": (0.78, "ord"), r"\Psi": (0.78, "ord"),
}
_SPACES = {r"\,": 0.167, r"\:": 0.222, r"\;": 0.278, r"\!": -0.167, r"\ ": 0.25, "~": 0.25,
           r"\quad": 1.0, r"\qquad": 2.0}
_ZERO = {r"\displaystyle", r"\textstyle", r"\limits", r"\nolimits", "&"}
_ACCENTS = {r"\hat", r"\bar", r"\tilde", r"\vec", r"\overline", r"\underline", r"\mathbb", r"\mathcal"}
_BIG = {r"\bigl": 0.458, r"\bigr": 0.458, r"\big": 0.458, r"\Bigl": 0.597, r"\Bigr": 0.597, r"\Big": 0.597,
        r"\biggl": 0.736, r"\biggr": 0.736, r"\bigg": 0.736, r"\Biggl": 0.875, r"\Biggr": 0.875, r"\Bigg": 0.875}
# upright function names: the word in the roman font and a thin space (an operator's spacing)
_WORDS = {r"\ln", r"\log", r"\exp", r"\det", r"\sin", r"\cos", r"\tan", r"\sinh", r"\cosh", r"\tanh",
          r"\max", r"\min", r"\arcsin", r"\arccos", r"\arctan", r"\sup", r"\inf", r"\tr"}
_FRACTIONS = {r"\frac", r"\dfrac", r"\tfrac"}
_CLASSED = {r"\mathopen": "open", r"\mathclose": "close"}
_BIN_SPACE, _REL_SPACE, _THIN = 0.444, 0.556, 0.167
_NULL_DELIMITER = 0.12      # a fraction's and a \left.'s \nulldelimiterspace
_SCRIPT_SPACE = 0.05
_SCALE = (1.0, 1.0, 0.7, 0.5)   # display, text, script, scriptscript
_GROWN = 0.6                # a \left( around a display fraction: KaTeX picks a larger delimiter
_MATRIX_GAP = 1.0           # between a matrix's columns (2 \arraycolsep)
_SQRT = 0.85
_ITALIC_CORRECTION = 0.04   # a slanted capital's overhang, added by KaTeX before what follows
_BOX = 0.7                  # \boxed's padding and rule, both sides


def width(tex: str) -> float:
    """The estimated width of a display formula, in em of its font (KaTeX's display math)."""
    return _Reader(_TOKEN.findall(tex)).sequence(None, 0, "it")


class _Reader:
    """A small recursive reader over TeX tokens that adds up widths, with the style (0 display to 3
    scriptscript) and the letter font (``_GLYPHS``' keys) of the group it reads."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.i = 0
        self.grown: list[bool] = []     # each open \left: whether it grew around a fraction

    def next(self) -> str | None:
        if self.i >= len(self.tokens):
            return None
        token = self.tokens[self.i]
        self.i += 1
        return token

    def skip_spaces(self) -> None:
        while self.i < len(self.tokens) and self.tokens[self.i].isspace():
            self.i += 1

    def argument(self, style: int, font: str) -> float:
        """One argument: a braced group or a single token."""
        self.skip_spaces()
        token = self.next()
        if token is None:
            return 0.0
        if token == "{":
            return self.sequence("}", style, font)
        return self.atom(token, style, font, "ord")[0]

    def raw_argument(self) -> str:
        """An argument's text, unread (an environment's name)."""
        self.skip_spaces()
        if self.next() != "{":
            return ""
        start = self.i
        depth = 1
        while (token := self.next()) is not None:
            depth += {"{": 1, "}": -1}.get(token, 0)
            if depth == 0:
                break
        return "".join(self.tokens[start:self.i - 1])

    def sequence(self, stop: str | None, style: int, font: str) -> float:
        total, previous, script = 0.0, "start", 0.0
        scale = _SCALE[style]
        while (token := self.next()) is not None and token != stop:
            if token.isspace():
                if font == "text":
                    total += 0.25 * scale
                continue
            add, kind = self.atom(token, style, font, previous)
            if token in ("^", "_"):
                # a subscript and a superscript on one base stack: the wider counts, not both
                add, script = max(add - script, 0.0), max(add, script)
            elif kind != "none":
                script = 0.0
            if kind == "bin" and previous in ("start", "bin", "rel", "open", "punct", "op"):
                kind = "ord"            # a leading or unary sign: no space around it
            total += add
            if style <= 1:
                total += scale * _gap(previous, kind)
            if kind != "none":
                previous = kind
        if style <= 1 and previous == "bin":     # a trailing binary sign is spaced as an ordinary one
            total -= scale * _BIN_SPACE / 2
        return total

    def atom(self, token: str, style: int, font: str, previous: str) -> tuple[float, str]:
        """The width of one token (with what it reads after it) and its atom class for spacing."""
        scale = _SCALE[style]
        if token == "{":
            return self.sequence("}", style, font), "ord"
        if token in ("^", "_"):
            return self.argument(2 if style < 2 else 3, font) + _SCRIPT_SPACE * scale, "none"
        if token in _FRACTIONS:
            inner = min({r"\frac": style + 1, r"\dfrac": 1, r"\tfrac": max(style, 1) + 1}[token], 3)
            return max(self.argument(inner, font), self.argument(inner, font)) + 2 * _NULL_DELIMITER * scale, "ord"
        if token in _FONTS:
            word = self.argument(style, "text" if token == r"\text" else _FONTS[token])
            # an operator name's thin space comes from the atoms around it (_gap): none before \mathopen{}
            return word, "op" if token == r"\operatorname" else "ord"
        if token in _CLASSED:     # \mathopen{} of a call (language.functions.call_latex): an atom of that class
            return self.argument(style, font), _CLASSED[token]
        if token in _ACCENTS:
            return self.argument(style, font), "ord"
        if token == r"\sqrt":
            return self.argument(style, font) + _SQRT * scale, "ord"
        if token == r"\boxed":
            return self.argument(style, font) + _BOX * scale, "ord"
        if token in (r"\left", r"\right"):
            if token == r"\left":
                grown = style == 0 and self._holds_fraction()
                self.grown.append(grown)
            else:
                grown = self.grown.pop() if self.grown else False
            delimiter = self.next() or "."
            if delimiter == ".":
                return _NULL_DELIMITER * scale, "open" if token == r"\left" else "close"
            base = _SYMBOLS.get(delimiter, (0.4, "ord"))[0]
            return (max(base, _GROWN) if grown else base) * scale, "open" if token == r"\left" else "close"
        if token == r"\vphantom":     # a sized bracket's strut (lines._sized): height only
            self.argument(style, font)
            return 0.0, "none"
        if token == r"\hphantom":     # a row's indent past a bracket (present.indent): width only
            return self.argument(style, font), "ord"
        if token in _BIG:
            delimiter = self.next() or "."
            return max(_BIG[token], _SYMBOLS.get(delimiter, (0.4, ""))[0]) * scale, "open" if token.endswith("l") else "close"
        if token == r"\begin":
            name = self.raw_argument()
            return self.environment(name, style, font) * scale, "ord"
        if token in _SPACES:
            return _SPACES[token] * scale, "none"
        if token in _ZERO:
            return 0.0, "none"
        if token in _WORDS:
            return sum(_LETTERS["rm"].get(c, 0.5) for c in token[1:]) * scale, "op"
        if token in _SYMBOLS:
            glyph, kind = _SYMBOLS[token]
            return glyph * scale, kind
        if font == "text":
            font = "rm"
        if token in _LETTERS[font]:
            slant = _ITALIC_CORRECTION if font == "it" and token.isupper() else 0.0
            return (_LETTERS[font][token] + slant) * scale, "ord"
        if token.isdigit():
            return _DIGIT[font] * scale, "ord"
        return 0.6 * scale, "ord"

    def _holds_fraction(self) -> bool:
        """Whether the ``\\left`` just read encloses a display fraction (before its ``\\right``)."""
        depth = 1
        for token in self.tokens[self.i + 1:]:
            depth += {r"\left": 1, r"\right": -1}.get(token, 0)
            if depth == 0:
                return False
            if token in (r"\frac", r"\dfrac"):
                return True
        return False

    def environment(self, name: str, style: int, font: str) -> float:
        """A matrix: its widest row, each cell in text style, a gap between columns, and its brackets."""
        body: list[str] = []
        depth = 0
        while (token := self.next()) is not None:
            if token == r"\begin":
                depth += 1
            elif token == r"\end":
                if depth == 0:
                    self.raw_argument()
                    break
                depth -= 1
            body.append(token)
        widest = 0.0
        for row in "".join(body).split("\\\\"):
            cells = row.split("&")
            cell_style = max(style, 1)
            widest = max(widest, sum(_Reader(_TOKEN.findall(c)).sequence(None, cell_style, font) for c in cells)
                         + _MATRIX_GAP * (len(cells) - 1))
        brackets = 0.0 if name in ("aligned", "gathered", "matrix") else 2 * 0.42
        return widest + brackets


def _gap(previous: str, kind: str) -> float:
    """TeX's space between two atoms (display and text style), in em."""
    if kind == "bin" or previous == "bin":
        return _BIN_SPACE / 2
    if kind == "rel" or previous == "rel":
        return _REL_SPACE / 2 if previous != "start" else 0.0
    if previous == "punct" and kind != "none":
        return _THIN
    if previous == "op" and kind in ("ord", "op"):
        return _THIN
    if kind == "op" and previous in ("ord", "close"):
        return _THIN
    return 0.0
