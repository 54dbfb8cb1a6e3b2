"""The estimated width of a display formula's TeX, in em of its math font (the one home of it).

Browsers do not break display math, so the line breaker (``present.lines``) needs to know, before any
browser does, how wide a formula will be drawn. :func:`width` follows the site's drawing: Temml's MathML
in STIX Two Math (``publish.mathml``) as Chromium draws it: each glyph's advance width (an italic capital
``X`` is 0.64 em, ``x`` 0.56 em; measured one glyph at a time, bench/bench_texwidth.py), TeX's spacing
between atoms, which Temml's operators keep (a binary operator gets 4mu on each side, a relation 5mu, in
scripts too, and a leading relation its left space), scripts at 70% and 50% after a slanted letter's
overhang, a fraction as wide as its wider part one style smaller, brackets that grow around a fraction or
a matrix, and a matrix's columns with their gaps. It is an estimate, not typesetting: against the drawing
of every display row of the catalog (bench/bench_texwidth.py), 99 rows in 100 are within 2.5%, the worst
7% (a matrix in brackets).

:func:`naming_width` is the same reading with KaTeX's metrics (``katex/src/fontMetricsData.js``, 0.19),
which the site drew before: the names a page gives repeated parts (``present.naming``, ``setupnames``)
were reviewed with their thresholds in that measure, and the names must not move with the font.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

#: A TeX token: a command, an escaped character, a brace, a script or alignment mark, a run of space, or one
#: character (the one tokenizer of the width estimate and of the line breaker, ``lines`` and ``indent``).
TOKEN = re.compile(r"\\[A-Za-z]+|\\.|[{}^_&]|\s+|.", re.S)


def _letters(glyphs: Mapping[str, tuple[str, str]]) -> dict[str, dict[str, float]]:
    """a-z and A-Z in each font, from rows of advance widths in hundredths of an em."""
    return {font: {chr(base + k): int(w) / 100 for base, row in zip((97, 65), rows, strict=True)
                   for k, w in enumerate(row.split())}
            for font, rows in glyphs.items()}


@dataclass(frozen=True)
class Metrics:
    """One drawing's glyph widths and the rules in which it differs from the other (em of the math font)."""
    letters: Mapping[str, Mapping[str, float]]      # each font's (``_FONTS``' values) a-z and A-Z
    digit: Mapping[str, float]
    symbols: Mapping[str, tuple[float, str]]        # (glyph width, class): "bin" and "rel" get TeX's spacing
    big: Mapping[str, float]                        # \bigl( ... \Biggr)
    left_dot: float             # a \left. or \right.
    script_space: float
    grown: float                # a \left( around a display fraction (or matrix, where ``grows_around_matrix``)
    matrix_gap: float           # between a matrix's columns
    matrix_brackets: float      # a bmatrix's or pmatrix's brackets, both sides
    sqrt: float                 # the radical sign and its padding
    box: float                  # \boxed's padding and rule, both sides
    calligraphic: float         # a \mathcal capital against an italic one
    overhang: tuple[float, float]   # a slanted (capital, small) letter's italic correction
    overhang_fonts: frozenset[str]
    overhang_before_superscript: bool   # else after every slanted letter
    spaced_scripts: bool        # operators spaced in scripts too
    leading_relation: bool      # a relation starting a row keeps its left space
    grown_bars: bool            # a \left| grows wider around a fraction
    grows_around_matrix: bool
    matrix_columns: bool        # a matrix is its columns (else its widest row), an aligned pair without a gap


#: The site's drawing: Chromium's STIX Two Math (Temml's <mi>, \mathrm, \mathbf, \boldsymbol), measured in
#: Chromium (rounded to 0.01); Chromium draws a \bigl( to a \Biggl( equally wide.
STIX = Metrics(
    letters=_letters({
        "it": ("56 52 41 56 42 58 50 57 27 43 53 28 83 57 49 60 52 41 39 34 57 50 73 56 51 49",
               "68 59 66 70 61 58 70 76 34 40 65 57 87 71 71 57 71 62 53 61 73 64 91 64 61 61"),
        "rm": ("48 52 45 54 46 31 48 58 29 26 54 28 85 58 51 54 52 38 39 32 57 48 75 48 48 46",
               "72 62 67 73 63 59 72 78 36 40 70 59 90 74 74 57 74 66 50 60 75 68 94 66 65 59"),
        "bf": ("53 57 50 58 50 38 53 63 33 28 61 33 93 63 54 57 57 43 43 37 62 57 88 56 57 48",
               "75 67 69 77 66 62 74 84 41 47 79 65 100 79 75 65 75 73 53 66 80 71 105 70 68 62"),
        "bi": ("61 58 46 61 48 70 53 64 35 50 63 33 90 63 53 65 55 48 47 37 65 57 80 60 63 50",
               "71 65 69 75 65 61 73 82 39 47 73 64 97 76 75 64 75 69 56 66 77 70 100 65 65 64"),
    }),
    digit={"it": 0.5, "rm": 0.5, "bf": 0.52, "bi": 0.7},
    symbols={
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
    },
    big={size + side: 0.63 for size in (r"\big", r"\Big", r"\bigg", r"\Bigg") for side in ("l", "r", "")},
    left_dot=0.0,               # Temml draws nothing
    script_space=0.04, grown=0.63, matrix_gap=0.87, matrix_brackets=1.17, sqrt=1.21, box=0.54,
    calligraphic=1.3,           # STIX's script capitals against its italic ones
    overhang=(0.1, 0.03), overhang_fonts=frozenset({"it", "bi"}), overhang_before_superscript=True,
    spaced_scripts=True,        # Chromium spaces operators in scripts too
    leading_relation=True,      # Temml's <mo> has its space at a row's start
    grown_bars=False,           # a grown bar is as narrow as a small one
    grows_around_matrix=True, matrix_columns=True,
)
#: KaTeX's fonts, from fontMetricsData.js (rounded to 0.01): the measure of the names' thresholds.
KATEX = Metrics(
    letters=_letters({
        "it": ("53 43 43 52 47 49 48 58 34 41 52 30 88 60 48 50 45 45 47 36 57 48 72 57 49 47",
               "75 76 71 83 74 64 79 83 44 55 85 68 97 80 76 64 79 76 61 58 68 58 94 83 58 68"),
        "rm": ("50 56 44 56 44 31 50 56 28 31 53 28 83 56 50 56 53 39 39 39 56 53 72 53 53 44",
               "75 71 72 76 68 65 78 75 36 51 78 62 92 75 78 68 78 74 56 72 75 75 103 75 75 61"),
        "bf": ("56 64 51 64 53 35 57 64 32 35 61 32 96 64 57 64 61 47 45 45 64 61 83 61 61 51",
               "87 82 83 88 76 72 90 90 44 59 90 69 109 90 86 79 86 86 64 80 88 87 119 87 87 70"),
        "bi": ("63 52 51 61 55 57 54 67 40 47 60 35 103 71 58 60 54 53 53 42 68 57 83 66 59 56",
               "87 87 82 94 81 69 89 98 51 63 97 76 114 95 84 72 87 87 69 64 80 68 109 95 67 77"),
    }),
    digit={"it": 0.5, "rm": 0.5, "bf": 0.575, "bi": 0.575},
    symbols={
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
    },
    big={r"\bigl": 0.458, r"\bigr": 0.458, r"\big": 0.458, r"\Bigl": 0.597, r"\Bigr": 0.597, r"\Big": 0.597,
         r"\biggl": 0.736, r"\biggr": 0.736, r"\bigg": 0.736, r"\Biggl": 0.875, r"\Biggr": 0.875, r"\Bigg": 0.875},
    left_dot=0.12,              # \nulldelimiterspace
    script_space=0.05, grown=0.6, matrix_gap=1.0, matrix_brackets=0.84, sqrt=0.85, box=0.7,
    calligraphic=1.0, overhang=(0.04, 0.0), overhang_fonts=frozenset({"it"}), overhang_before_superscript=False,
    spaced_scripts=False, leading_relation=False, grown_bars=True, grows_around_matrix=False, matrix_columns=False,
)
_FONTS = {r"\mathbf": "bf", r"\boldsymbol": "bi", r"\bm": "bi", r"\mathrm": "rm", r"\operatorname": "rm",
          r"\text": "rm", r"\mathit": "it", r"\mathsf": "rm", r"\mathtt": "rm"}
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
_NULL_DELIMITER = 0.12      # a fraction's padding (mathml.py's stylesheet: mfrac{padding-inline:.12em}; KaTeX's too)
_SCALE = (1.0, 1.0, 0.7, 0.5)   # display, text, script, scriptscript
_BARS = {"|", r"\vert", r"\lvert", r"\rvert", r"\|", r"\lVert", r"\rVert", "."}


def width(tex: str) -> float:
    """The estimated width of a display formula, in em of its font (the site's math font, STIX Two Math)."""
    return _Reader(TOKEN.findall(tex), STIX).sequence(None, 0, "it")


def naming_width(tex: str) -> float:
    """The width the names' thresholds are measured in (em of KaTeX's display font); never a line's."""
    return _Reader(TOKEN.findall(tex), KATEX).sequence(None, 0, "it")


class _Reader:
    """A small recursive reader over TeX tokens that adds up widths, with the style (0 display to 3
    scriptscript) and the letter font (``Metrics.letters``' keys) of the group it reads."""

    def __init__(self, tokens: list[str], metrics: Metrics) -> None:
        self.tokens = tokens
        self.m = metrics
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
        spaced = style <= 1 or self.m.spaced_scripts
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
            if spaced:
                total += scale * self.gap(previous, kind)
            if kind != "none":
                previous = kind
        if spaced and previous == "bin":     # a trailing binary sign is spaced as an ordinary one
            total -= scale * _BIN_SPACE / 2
        return total

    def atom(self, token: str, style: int, font: str, previous: str) -> tuple[float, str]:
        """The width of one token (with what it reads after it) and its atom class for spacing."""
        m, scale = self.m, _SCALE[style]
        slant, self.slant = self.slant, 0.0
        if token == "{":
            return self.sequence("}", style, font), "ord"
        if token in ("^", "_"):
            script = self.argument(2 if style < 2 else 3, font) + m.script_space * scale
            self.slant = 0.0
            return script + (slant if token == "^" else 0.0), "none"
        if token in _FRACTIONS:
            inner = min({r"\frac": style + 1, r"\dfrac": 1, r"\tfrac": max(style, 1) + 1}[token], 3)
            return max(self.argument(inner, font), self.argument(inner, font)) + 2 * _NULL_DELIMITER * scale, "ord"
        if token in _FONTS:
            word = self.argument(style, "text" if token == r"\text" else _FONTS[token])
            # an operator name's thin space comes from the atoms around it (gap): none before \mathopen{}
            return word, "op" if token == r"\operatorname" else "ord"
        if token in _CLASSED:     # \mathopen{} of a call (language.functions.call_latex): an atom of that class
            return self.argument(style, font), _CLASSED[token]
        if token in _ACCENTS:
            return self.argument(style, font) * (m.calligraphic if token == r"\mathcal" else 1.0), "ord"
        if token == r"\sqrt":
            return self.argument(style, font) + m.sqrt * scale, "ord"
        if token == r"\boxed":
            return self.argument(style, font) + m.box * scale, "ord"
        if token in (r"\left", r"\right"):
            if token == r"\left":
                grown = style == 0 and self._holds_fraction()
                self.grown.append(grown)
            else:
                grown = self.grown.pop() if self.grown else False
            delimiter = self.next() or "."
            if delimiter == ".":
                return m.left_dot * scale, "open" if token == r"\left" else "close"
            base = m.symbols.get(delimiter, (0.4, "ord"))[0]
            grown = grown and (m.grown_bars or delimiter not in _BARS)
            return (max(base, m.grown) if grown else base) * scale, "open" if token == r"\left" else "close"
        if token == r"\vphantom":     # a sized bracket's strut (indent.sized): height only
            self.argument(style, font)
            return 0.0, "none"
        if token == r"\hphantom":     # a row's indent past a bracket (present.indent): width only
            return self.argument(style, font), "ord"
        if token in m.big:
            delimiter = self.next() or "."
            return max(m.big[token], m.symbols.get(delimiter, (0.4, ""))[0]) * scale, "open" if token.endswith("l") else "close"
        if token == r"\begin":
            name = self.raw_argument()
            return self.environment(name, style, font) * scale, "ord"
        if token in _SPACES:
            return _SPACES[token] * scale, "none"
        if token in _ZERO:
            return 0.0, "none"
        if token in _WORDS:
            return sum(m.letters["rm"].get(c, 0.5) for c in token[1:]) * scale, "op"
        if token in m.symbols:
            glyph, kind = m.symbols[token]
            return glyph * scale, kind
        if font == "text":
            font = "rm"
        if token in m.letters[font]:
            overhang = m.overhang[0 if token.isupper() else 1] * scale if font in m.overhang_fonts else 0.0
            if m.overhang_before_superscript:
                self.slant = overhang
                overhang = 0.0
            return m.letters[font][token] * scale + overhang, "ord"
        if token.isdigit():
            return m.digit[font] * scale, "ord"
        return 0.6 * scale, "ord"

    def _holds_fraction(self) -> bool:
        """Whether the ``\\left`` just read encloses a display fraction (or a matrix) before its ``\\right``."""
        grows = (r"\frac", r"\dfrac", r"\begin") if self.m.grows_around_matrix else (r"\frac", r"\dfrac")
        depth = 1
        for token in self.tokens[self.i + 1:]:
            depth += {r"\left": 1, r"\right": -1}.get(token, 0)
            if depth == 0:
                return False
            if token in grows:
                return True
        return False

    def environment(self, name: str, style: int, font: str) -> float:
        """A matrix: its columns (or widest row), each cell in text style, a gap between columns, and its brackets."""
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
        m = self.m
        cells = [[_Reader(TOKEN.findall(cell), m).sequence(None, max(style, 1), font) for cell in row.split("&")]
                 for row in "".join(body).split("\\\\")]
        if not m.matrix_columns:
            widest = max(sum(row) + m.matrix_gap * (len(row) - 1) for row in cells)
            return widest + (0.0 if name in ("aligned", "gathered", "matrix") else m.matrix_brackets)
        columns: list[float] = []      # each column as wide as its widest cell
        for row in cells:
            for k, cell_width in enumerate(row):
                columns[k:k + 1] = [max([*columns[k:k + 1], cell_width])]
        if name in ("aligned", "gathered"):     # an aligned pair's halves meet at the = sign
            return sum(columns)
        return sum(columns) + m.matrix_gap * max(len(columns) - 1, 0) + (0.0 if name == "matrix" else m.matrix_brackets)

    def gap(self, previous: str, kind: str) -> float:
        """TeX's space between two atoms (display and text style), in em."""
        if kind == "bin" or previous == "bin":
            return _BIN_SPACE / 2
        if kind == "rel" or previous == "rel":
            return _REL_SPACE / 2 if previous != "start" or self.m.leading_relation else 0.0
        if previous == "punct" and kind != "none":
            return _THIN
        if previous == "op" and kind in ("ord", "op"):
            return _THIN
        if kind == "op" and previous in ("ord", "close"):
            return _THIN
        return 0.0
