"""The estimated width of a display formula's TeX, in em of the site's math font (the one home of it).

Browsers do not break display math, so the line breaker (``present.lines``) needs to know, before any
browser does, how wide a formula will be drawn. The site draws Temml's MathML in STIX Two Math
(``publish.mathml``), and the estimate follows that drawing: each glyph's advance width as Chromium
draws it in STIX Two Math (an italic capital ``X`` is 0.64 em, ``x`` 0.56 em; measured one glyph at a
time, bench/bench_texwidth.py), TeX's spacing between atoms, which Temml's operators keep (a binary
operator gets 4mu on each side, a relation 5mu, in scripts too, and a leading relation its left
space), scripts at 70% and 50% after a slanted letter's overhang, a fraction as wide as its wider part
one style smaller, brackets that grow around a fraction or a matrix, and a matrix's columns with
their gaps. It is an estimate, not typesetting: against the drawing of every display row of the
catalog (bench/bench_texwidth.py), 99 rows in 100 are within 2.5%, the worst 7% (a matrix in brackets).
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_&]|\s+|.", re.S)

# advance widths (em) of a-z and A-Z as Chromium draws them in STIX Two Math (Temml's <mi>, \mathrm, \mathbf,
# \boldsymbol), measured in Chromium (rounded to 0.01)
_GLYPHS = {
    "it": ("56 52 41 56 42 58 50 57 27 43 53 28 83 57 49 60 52 41 39 34 57 50 73 56 51 49",
           "68 59 66 70 61 58 70 76 34 40 65 57 87 71 71 57 71 62 53 61 73 64 91 64 61 61"),
    "rm": ("48 52 45 54 46 31 48 58 29 26 54 28 85 58 51 54 52 38 39 32 57 48 75 48 48 46",
           "72 62 67 73 63 59 72 78 36 40 70 59 90 74 74 57 74 66 50 60 75 68 94 66 65 59"),
    "bf": ("53 57 50 58 50 38 53 63 33 28 61 33 93 63 54 57 57 43 43 37 62 57 88 56 57 48",
           "75 67 69 77 66 62 74 84 41 47 79 65 100 79 75 65 75 73 53 66 80 71 105 70 68 62"),
    "bi": ("61 58 46 61 48 70 53 64 35 50 63 33 90 63 53 65 55 48 47 37 65 57 80 60 63 50",
           "71 65 69 75 65 61 73 82 39 47 73 64 97 76 75 64 75 69 56 66 77 70 100 65 65 64"),
}
_LETTERS = {font: {chr(base + k): int(w) / 100 for lower_upper in (0, 1)
                   for base, row in ((97 if lower_upper == 0 else 65, rows[lower_upper]),)
                   for k, w in enumerate(row.split())}
            for font, rows in _GLYPHS.items()}
_DIGIT = {"it": 0.5, "rm": 0.5, "bf": 0.52, "bi": 0.7}
_FONTS = {r"\mathbf": "bf", r"\boldsymbol": "bi", r"\bm": "bi", r"\mathrm": "rm", r"\operatorname": "rm",
          r"\text": "rm", r"\mathit": "it", r"\mathsf": "rm", r"\mathtt": "rm"}
# symbols: (glyph width, class), measured as the letters: "bin" and "rel" get TeX's spacing around them
_SYMBOLS: dict[str, tuple[float, str]] = {
    "+": (0.71, "bin"), "-": (0.71, "bin"), r"\cdot": (0.18, "bin"), r"\circ": (0.32, "bin"),
    r"\otimes": (0.74, "bin"), r"\oslash": (0.85, "bin"), r"\times": (0.6, "bin"), r"\pm": (0.71, "bin"),
    r"\mp": (0.71, "bin"), r"\odot": (0.74, "bin"), "*": (0.42, "bin"), "/": (0.39, "ord"), "=": (0.71, "rel"),
    "<": (0.71, "rel"), ">": (0.71, "rel"), ":": (0.13, "rel"), r"\le": (0.71, "rel"), r"\ge": (0.71, "rel"),
    r"\leq": (0.71, "rel"), r"\geq": (0.71, "rel"), r"\approx": (0.71, "rel"), r"\neq": (0.71, "rel"),
    r"\equiv": (0.71, "rel"), r"\in": (0.71, "rel"), r"\to": (0.93, "rel"), r"\mapsto": (0.93, "rel"),
    r"\rightarrow": (0.93, "rel"), r"\Rightarrow": (0.87, "rel"),
    r"\sim": (0.71, "rel"), "(": (0.36, "open"), ")": (0.36, "close"), "[": (0.35, "open"), "]": (0.35, "close"),
    r"\{": (0.33, "open"), r"\}": (0.33, "close"), r"\langle": (0.34, "open"), r"\rangle": (0.34, "close"),
    r"\lvert": (0.27, "open"), r"\rvert": (0.27, "close"), r"\lVert": (0.43, "open"), r"\rVert": (0.43, "close"),
    r"\vert": (0.27, "ord"), "|": (0.27, "ord"), r"\|": (0.43, "ord"), ",": (0.24, "punct"), ";": (0.24, "punct"),
    ".": (0.25, "ord"), "!": (0.28, "close"), "'": (0.25, "ord"), r"\top": (0.72, "ord"), r"\partial": (0.5, "ord"),
    r"\infty": (0.95, "ord"), r"\ell": (0.53, "ord"), r"\ldots": (1.43, "inner"), r"\cdots": (1.5, "inner"),
    r"\dots": (1.43, "inner"), r"\vdots": (0.52, "ord"), r"\ddots": (1.51, "ord"), r"\star": (0.6, "bin"),
    r"\sum": (1.1, "op"), r"\prod": (1.41, "op"), r"\int": (1.02, "op"), r"\alpha": (0.59, "ord"),
    r"\beta": (0.55, "ord"), r"\gamma": (0.5, "ord"), r"\delta": (0.52, "ord"), r"\epsilon": (0.41, "ord"),
    r"\varepsilon": (0.39, "ord"), r"\eta": (0.51, "ord"), r"\theta": (0.51, "ord"), r"\lambda": (0.52, "ord"),
    r"\mu": (0.59, "ord"), r"\nu": (0.5, "ord"), r"\pi": (0.63, "ord"), r"\rho": (0.55, "ord"),
    r"\sigma": (0.57, "ord"), r"\tau": (0.46, "ord"), r"\phi": (0.59, "ord"), r"\varphi": (0.61, "ord"),
    r"\psi": (0.63, "ord"), r"\omega": (0.66, "ord"), r"\xi": (0.49, "ord"), r"\kappa": (0.51, "ord"),
    r"\chi": (0.64, "ord"), r"\zeta": (0.48, "ord"), r"\Sigma": (0.6, "ord"), r"\Lambda": (0.71, "ord"),
    r"\Delta": (0.67, "ord"), r"\Gamma": (0.57, "ord"), r"\Phi": (0.72, "ord"), r"\Omega": (0.78, "ord"),
    r"\Theta": (0.74, "ord"), r"\Psi": (0.72, "ord"),
}
_SPACES = {r"\,": 0.167, r"\:": 0.222, r"\;": 0.278, r"\!": -0.167, r"\ ": 0.25, "~": 0.25,
           r"\quad": 1.0, r"\qquad": 2.0}
_ZERO = {r"\displaystyle", r"\textstyle", r"\limits", r"\nolimits", "&"}
_ACCENTS = {r"\hat", r"\bar", r"\tilde", r"\vec", r"\overline", r"\underline", r"\mathbb", r"\mathcal"}
# upright function names: the word in the roman font and a thin space (an operator's spacing)
_WORDS = {r"\ln", r"\log", r"\exp", r"\det", r"\sin", r"\cos", r"\tan", r"\sinh", r"\cosh", r"\tanh",
          r"\max", r"\min", r"\arcsin", r"\arccos", r"\arctan", r"\sup", r"\inf", r"\tr"}
_FRACTIONS = {r"\frac", r"\dfrac", r"\tfrac"}
_CLASSED = {r"\mathopen": "open", r"\mathclose": "close"}
_BIN_SPACE, _REL_SPACE, _THIN = 0.444, 0.556, 0.167
_NULL_DELIMITER = 0.12      # a fraction's padding (mathml.py's stylesheet: mfrac{padding-inline:.12em})
_SCRIPT_SPACE = 0.04
_SCALE = (1.0, 1.0, 0.7, 0.5)   # display, text, script, scriptscript
_GROWN = 0.63               # a \left( around a display fraction, or a \bigl( of any size
# Chromium draws a \bigl( to a \Biggl( equally wide
_BIG = {size + side: _GROWN for size in (r"\big", r"\Big", r"\bigg", r"\Bigg") for side in ("l", "r", "")}
_MATRIX_GAP = 0.87          # between a matrix's columns
_MATRIX_BRACKETS = 1.17     # a bmatrix's or pmatrix's brackets with their padding, both sides
_SQRT = 1.21                # the radical sign and its padding
_ITALIC_CORRECTION = {True: 0.1, False: 0.03}   # a slanted capital's (or small letter's) overhang before a superscript
_BARS = {"|", r"\vert", r"\lvert", r"\rvert", r"\|", r"\lVert", r"\rVert", "."}
_CALLIGRAPHIC = 1.3        # STIX's script capitals against its italic ones
_BOX = 0.54                 # \boxed's padding and rule, both sides


def width(tex: str) -> float:
    """The estimated width of a display formula, in em of its font (the site's math font, STIX Two Math)."""
    return _Reader(_TOKEN.findall(tex)).sequence(None, 0, "it")


class _Reader:
    """A small recursive reader over TeX tokens that adds up widths, with the style (0 display to 3
    scriptscript) and the letter font (``_GLYPHS``' keys) of the group it reads."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.i = 0
        self.grown: list[bool] = []     # each open \left: whether it grew around a fraction
        self.slant = 0.0                # the last letter's overhang, which a superscript after it clears

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
            total += scale * _gap(previous, kind)     # Chromium spaces operators in scripts too
            if kind != "none":
                previous = kind
        if previous == "bin":     # a trailing binary sign is spaced as an ordinary one
            total -= scale * _BIN_SPACE / 2
        return total

    def atom(self, token: str, style: int, font: str, previous: str) -> tuple[float, str]:
        """The width of one token (with what it reads after it) and its atom class for spacing."""
        scale = _SCALE[style]
        slant, self.slant = self.slant, 0.0
        if token == "{":
            return self.sequence("}", style, font), "ord"
        if token in ("^", "_"):
            script = self.argument(2 if style < 2 else 3, font) + _SCRIPT_SPACE * scale
            self.slant = 0.0
            return script + (slant if token == "^" else 0.0), "none"
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
            return self.argument(style, font) * (_CALLIGRAPHIC if token == r"\mathcal" else 1.0), "ord"
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
                return 0.0, "open" if token == r"\left" else "close"     # Temml draws nothing
            base = _SYMBOLS.get(delimiter, (0.4, "ord"))[0]
            grown = grown and delimiter not in _BARS    # a grown bar is as narrow as a small one
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
            self.slant = _ITALIC_CORRECTION[token.isupper()] * scale if font in ("it", "bi") else 0.0
            return _LETTERS[font][token] * scale, "ord"
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
            if token in (r"\frac", r"\dfrac", r"\begin"):     # a fraction or a matrix
                return True
        return False

    def environment(self, name: str, style: int, font: str) -> float:
        """A matrix: its columns, each cell in text style, a gap between columns, and its brackets."""
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
        columns: list[float] = []      # each column as wide as its widest cell
        for row in "".join(body).split("\\\\"):
            for k, cell in enumerate(row.split("&")):
                cell_width = _Reader(_TOKEN.findall(cell)).sequence(None, max(style, 1), font)
                columns[k:k + 1] = [max([*columns[k:k + 1], cell_width])]
        if name in ("aligned", "gathered"):     # an aligned pair's halves meet at the = sign
            return sum(columns)
        return sum(columns) + _MATRIX_GAP * max(len(columns) - 1, 0) + (0.0 if name == "matrix" else _MATRIX_BRACKETS)


def _gap(previous: str, kind: str) -> float:
    """TeX's space between two atoms (display and text style), in em."""
    if kind == "bin" or previous == "bin":
        return _BIN_SPACE / 2
    if kind == "rel" or previous == "rel":
        return _REL_SPACE / 2     # a leading one too: Temml's <mo> has its space at a row's start
    if previous == "punct" and kind != "none":
        return _THIN
    if previous == "op" and kind in ("ord", "op"):
        return _THIN
    if kind == "op" and previous in ("ord", "close"):
        return _THIN
    return 0.0
