"""Escaping: untrusted text (catalog strings, names from the command line) made safe for each
place it goes, one function per destination.

Catalog text is data, never markup: a title may hold ``<script>``, ``[a](javascript:...)``,
``\\input{...}`` or an ANSI escape, and every output must show it as the characters it is.

- :func:`printable`: control characters written out (``\\x1b``); the terminal and diagnostics,
  and the first step of every other escaper, so no output holds a control character.
- :func:`markdown_text`: inline Markdown (MkDocs pages, the review comment) that is also safe
  HTML, since Markdown passes HTML through; :func:`markdown_code` for a code span,
  :func:`code_fence` for a code block.
- :func:`html_text`: HTML text and attribute values; :func:`front_matter` wraps it as a YAML
  scalar for a page's front matter (themes print title, description and tags as raw HTML).
- :func:`tex_text`, :func:`tex_code`, :func:`tex_comment`: LaTeX text, typewriter code, comments.

JSON needs nothing here: ``json.dumps`` escapes what JSON needs.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

# ---------------------------------------------------------------- control characters

#: Bidirectional controls (Cf) that reorder what a terminal or a page shows ("Trojan source").
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Control (Cc), surrogate (Cs), line and paragraph separator (Zl, Zp) categories.
_CONTROL_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})


def is_control(ch: str) -> bool:
    """Whether ``ch`` would act rather than show: C0/C1 controls, DEL, lone surrogates, line and
    paragraph separators, bidirectional overrides."""
    return ch in _BIDI or unicodedata.category(ch) in _CONTROL_CATEGORIES


def _visible(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def printable(text: Any) -> str:
    """``text`` with every control character written out as Python writes it (``\\x1b``,
    ``\\u202e``, ``\\ud800``), so that a terminal shows it instead of obeying it."""
    shown = str(text)
    if shown.isprintable() and not any(ch in _BIDI for ch in shown):
        return shown  # the common case, quickly (isprintable is False for every control character)
    return "".join(_visible(ch) if is_control(ch) else ch for ch in shown)


def printable_lines(text: Any) -> str:
    """Several lines (a message that lists things) with :func:`printable` applied to each."""
    return "\n".join(printable(line) for line in str(text).split("\n"))


def one_line(text: Any) -> str:
    """Whitespace runs (newlines included) as one space, then :func:`printable`."""
    return printable(" ".join(str(text).split()))


# ---------------------------------------------------------------- HTML and Markdown

#: Characters that start inline Markdown (emphasis, code, links, images, footnotes, math for
#: pymdownx.arithmatex, attribute lists, tables, HTML) in MkDocs' and GitHub's dialects.
_MARKDOWN_INLINE = frozenset("\\`*_[]{}$|~#<>&")
_NAMED = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
#: Leading digits then '.' or ')': an ordered list item at the start of a line.
_LIST_NUMBER = re.compile(r"^\d+(?=[.)])")


def _entity(ch: str) -> str:
    return _NAMED.get(ch) or f"&#{ord(ch)};"


def markdown_text(text: Any) -> str:
    """One line of plain text as Markdown inline text showing exactly that text, also at the
    start of a line: markup characters become HTML character references (which Markdown leaves
    alone and browsers show as the character), so no link, emphasis, math, HTML element,
    attribute list or block (``#``, ``-``, ``1.``, ``>``, ``!!!``, ``===``) can come of it."""
    text = one_line(text)
    out = [_entity(ch) if ch in _MARKDOWN_INLINE else ch for ch in text]
    if text and text[0].isascii() and not text[0].isalnum():
        out[0] = _entity(text[0])  # '-', '+', '>', '=', '!', '?', ':', '.' ... opening a block
    number = _LIST_NUMBER.match(text)
    if number:
        out[number.end()] = _entity(text[number.end()])
    return "".join(out)


def markdown_code(text: Any) -> str:
    """One line of text as a Markdown code span (shown verbatim, HTML-escaped by Markdown)."""
    text = one_line(text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def code_fence(text: str, info: str = "") -> str:
    """A fenced code block showing ``text`` verbatim: the fence is longer than any run of
    backticks inside it, so no line of the text can close it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{info}\n{text.rstrip(chr(10))}\n{ticks}"


def html_text(text: Any) -> str:
    """One line of text for HTML, as element text or a double-quoted attribute value. An apostrophe
    stays as it is: themes escape some values again (Material's footer link's aria-label), and a
    needless ``&#x27;`` then reaches screen readers as text."""
    return html.escape(one_line(text), quote=False).replace('"', "&quot;")


def front_matter(text: Any) -> str:
    """A front-matter value: :func:`html_text` (MkDocs themes print page titles, descriptions and
    tags as raw HTML) as a YAML double-quoted scalar, every character YAML could refuse escaped."""
    out = ['"']
    for ch in html_text(text):
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch.isprintable() and ch not in "\ufeff\ufffe\uffff":
            out.append(ch)
        else:
            out.append(_visible(ch))  # YAML reads \xNN, \uNNNN and \UNNNNNNNN as Python does
    out.append('"')
    return "".join(out)


# ---------------------------------------------------------------- LaTeX

_TEX_SPECIAL = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\ensuremath{\$}", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
    "<": r"\textless{}", ">": r"\textgreater{}", "|": r"\textbar{}",
    "/": r"/\allowbreak{}",
}
# Characters Debian's base TeX Live cannot set in OT1 text, given their LaTeX spelling.
_TEX_UNICODE = {
    "\u2013": "--", "\u2014": "---", "\u2018": "`", "\u2019": "'", "\u201c": "``", "\u201d": "''",
    "\u2026": r"\dots{}", "\u00a0": "~", "\u00d7": r"\ensuremath{\times}", "\u2212": r"\ensuremath{-}",
    "\u2264": r"\ensuremath{\le}", "\u2265": r"\ensuremath{\ge}", "\u2192": r"\ensuremath{\to}",
    "\u00b7": r"\ensuremath{\cdot}", "\u2202": r"\ensuremath{\partial}", "\u2208": r"\ensuremath{\in}",
    "\u221e": r"\ensuremath{\infty}", "\u2207": r"\ensuremath{\nabla}", "\u00b1": r"\ensuremath{\pm}",
    "\u2248": r"\ensuremath{\approx}", "\u2260": r"\ensuremath{\ne}", "\u2218": r"\ensuremath{\circ}",
    "\u22a4": r"\ensuremath{\top}",
    # the brackets and products of plain-text math (present.titles.unicode_math): a note naming ‖x - a‖
    "\u2016": r"\ensuremath{\Vert}", "\u27e8": r"\ensuremath{\langle}", "\u27e9": r"\ensuremath{\rangle}",
    "\u2299": r"\ensuremath{\odot}", "\u2297": r"\ensuremath{\otimes}",
    # the raised powers of plain-text math (present.titles.plain_math): xᵀ, X⁻¹, s²
    **{sup: rf"\textsuperscript{{{base}}}" for sup, base in zip("ᵀ⁻⁺⁼⁽⁾ⁿⁱ⁰¹²³⁴⁵⁶⁷⁸⁹", [
        r"\ensuremath{\top}", r"\ensuremath{-}", r"\ensuremath{+}", r"\ensuremath{=}", "(", ")", "n", "i", *"0123456789"],
        strict=True)},
    # and its lowered indices: Xᵢⱼ, x₁
    **{sub: rf"\textsubscript{{{base}}}" for sub, base in zip("₀₁₂₃₄₅₆₇₈₉ᵢⱼₖₗₘₙ", "0123456789ijklmn", strict=True)},
}
_GREEK_NAMES = (  # noqa: SIM905 - a line of names reads better than 31 quoted strings
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi pi rho sigma tau "
    "upsilon phi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega").split()
_GREEK = {
    unicodedata.lookup(f"GREEK {'CAPITAL' if n[0].isupper() else 'SMALL'} LETTER {n.upper().replace('LAMBDA', 'LAMDA')}"):
    rf"\ensuremath{{\{n}}}" for n in _GREEK_NAMES
}


#: Characters without a break between them after which a line may break anyway: TeX cannot
#: break a long word (a URL, a run of letters) and would run it into the margin.
TEX_MAX_RUN = 30  # longer than any English word, so words are never split
_BREAK = r"\allowbreak{}"


def _breakable(pieces: list[str], text: str) -> str:
    """Join the LaTeX for each character of ``text``; past TEX_MAX_RUN characters without a
    break, a break is allowed before every character. (Breaks only every TEX_MAX_RUN characters
    leave TeX whole blocks too wide to choose from: a line that holds 2.6 of them is 0.4 too
    wide or too short, and with no space to stretch TeX sets it too wide.)"""
    out: list[str] = []
    run = 0
    for ch, piece in zip(text, pieces, strict=False):
        if run >= TEX_MAX_RUN and ch not in " -":
            out.append(_BREAK)
        out.append(piece)
        # TeX breaks at a space and after a hyphen by itself: the next run starts there
        run = 0 if ch in " -" or piece.endswith(_BREAK) else run + 1
    return "".join(out)


def tex_text(text: Any) -> str:
    """User text (titles, summaries, sources, tags) as LaTeX text: specials escaped, Unicode the
    base fonts lack spelt in LaTeX, other characters outside Latin-1 replaced by '?'; one line;
    control characters written out as by :func:`printable`; a break allowed in long words."""
    text = one_line(text)
    out = []
    for ch in text:
        if ch in _TEX_SPECIAL:
            out.append(_TEX_SPECIAL[ch])
        elif ch in _TEX_UNICODE:
            out.append(_TEX_UNICODE[ch])
        elif ch in _GREEK:
            out.append(_GREEK[ch])
        elif ord(ch) > 0xFF or ch in "\u00ad" or is_control(ch):
            out.append("?")
        else:
            out.append(ch)
    return _breakable(out, text)


def tex_code(text: Any) -> str:
    """Code (the expression language) for \\texttt: the typewriter font has every ASCII glyph, so
    specials are set by their code (\\char) and come back as themselves from pdftotext; a break
    allowed in long runs, as in :func:`tex_text`."""
    text = one_line(text)
    out = []
    for ch in text:
        if ch in "\\{}$&#^_%~":
            out.append(rf"\char{ord(ch)}\relax{{}}")
        elif ord(ch) < 0x20 or ord(ch) > 0x7E:
            out.append("?")
        else:
            out.append(ch)
    return _breakable(out, text)


def tex_comment(text: Any) -> str:
    """Text for a ``%`` comment: one line (TeX drops the rest of a line after ``%``)."""
    return one_line(text)
