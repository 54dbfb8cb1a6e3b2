"""Readable text for a formula, for the search index and its previews: TeX as mcdocgen's printer
and the hand-written pages write it, turned into plain text (``\\mathbf{x}^{\\top} A \\mathbf{x}``
-> ``x^T A x``), with the names of operations a reader would search for (``transpose``).

It never fails and never returns a backslash: a command it does not know becomes its name.
It reads TeX that KaTeX already accepted, so it does not check it.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

__all__ = ["WORDS_MARK", "MathText", "math_text", "unmark"]

#: Around a formula's words in its page's text (an invisible separator, U+2063): the search index
#: takes them out of the text a result shows into a field of their own (publish.page), so that
#: "transpose" finds the formula and a result reads "x^T A x", not "x^T A x (transpose)".
WORDS_MARK = "\u2063"
_MARKED = re.compile(f" ?{WORDS_MARK}([^{WORDS_MARK}]*){WORDS_MARK}")


@dataclasses.dataclass(frozen=True, slots=True)
class MathText:
    """A formula as text (``x^T A x``) and the words for what it does (``("transpose",)``)."""

    text: str
    words: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.text} ({', '.join(self.words)})" if self.words else self.text

    def marked(self) -> str:
        """The text with its words between WORDS_MARKs, for a page's hidden twin of the formula."""
        return f"{self.text} {WORDS_MARK}{', '.join(self.words)}{WORDS_MARK}" if self.words else self.text


def unmark(text: str) -> tuple[str, tuple[str, ...]]:
    """``text`` without the marked words of its formulas (MathText.marked), and those words, each once."""
    words = [w for found in _MARKED.findall(text) for w in found.split(", ") if w]
    return _MARKED.sub("", text), tuple(dict.fromkeys(words))


def math_text(tex: str) -> MathText:
    """The readable text of one formula (the TeX between its delimiters)."""
    reader = _Reader(_TOKEN.findall(tex))
    text = unicodedata.normalize("NFC", _tidy(reader.until(frozenset())))  # y + combining hat -> ŷ
    return MathText(text, tuple(dict.fromkeys(reader.words)))


# --- tables -------------------------------------------------------------------------------------

# A control word with the spaces after it (TeX drops them), a control symbol, a space run, a character.
_TOKEN = re.compile(r"\\[A-Za-z]+\*?[ \t\n]*|\\.|\s+|.", re.S)

_GREEK = (
    "alpha:α beta:β gamma:γ delta:δ epsilon:ϵ varepsilon:ε zeta:ζ eta:η theta:θ vartheta:ϑ iota:ι kappa:κ "
    "lambda:λ mu:μ nu:ν xi:ξ pi:π varpi:ϖ rho:ρ varrho:ϱ sigma:σ varsigma:ς tau:τ upsilon:υ phi:ϕ varphi:φ "
    "chi:χ psi:ψ omega:ω Gamma:Γ Delta:Δ Theta:Θ Lambda:Λ Xi:Ξ Pi:Π Sigma:Σ Upsilon:Υ Phi:Φ Psi:Ψ Omega:Ω"
)
_SYMBOLS = (
    "partial:∂ nabla:∇ circ:∘ otimes:⊗ odot:⊙ oplus:⊕ cdot:· times:× div:÷ in:∈ notin:∉ ni:∋ le:≤ leq:≤ "
    "ge:≥ geq:≥ ne:≠ neq:≠ approx:≈ equiv:≡ sim:∼ simeq:≃ propto:∝ to:→ rightarrow:→ leftarrow:← "
    "mapsto:↦ Rightarrow:⇒ implies:⇒ iff:⇔ infty:∞ sum:∑ prod:∏ int:∫ langle:⟨ rangle:⟩ lVert:‖ rVert:‖ "
    "Vert:‖ |:‖ vert:| lvert:| rvert:| mid:| lbrace:{ rbrace:} lbrack:[ rbrack:] ldots:… cdots:⋯ dots:… "
    "vdots:⋮ ddots:⋱ setminus:∖ subset:⊂ subseteq:⊆ cup:∪ cap:∩ forall:∀ exists:∃ pm:± mp:∓ star:⋆ "
    "ast:* ell:ℓ prime:′ coloneqq:≔ emptyset:∅ top:T intercal:T dagger:† bullet:∙ succ:≻ preceq:⪯ "
    "succeq:⪰ ll:≪ gg:≫ perp:⊥ parallel:∥ angle:∠ triangleq:≜ neg:¬ land:∧ lor:∨ wedge:∧ vee:∨"
)
_SYMBOL = dict(item.split(":", 1) for item in f"{_GREEK} {_SYMBOLS}".split())
_SPACES = {",", ":", ";", " ", "quad", "qquad", "enspace", "thinspace", "medspace", "thickspace"}
_DELIMITER_SIZES = {"left", "right", "middle", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
                    "biggl", "biggr", "Biggl", "Biggr"}
_DROPPED = {"!", "allowbreak", "displaystyle", "textstyle", "scriptstyle", "limits", "nolimits", "nonumber", "notag"}
_STYLES = {"mathbf", "boldsymbol", "bm", "mathrm", "mathit", "mathsf", "mathtt", "mathcal", "mathscr", "mathfrak",
           "operatorname", "operatorname*", "text", "textrm", "textbf", "textit", "textsf", "texttt", "mbox",
           "mathnormal", "pmb", "boxed", "underline", "overline", "mathopen", "mathclose"}
_BOLD = {"mathbf", "boldsymbol", "bm"}
_BOLD_DIGITS = {"0": "𝟎", "1": "𝟏"}
_BLACKBOARD = {"R": "ℝ", "N": "ℕ", "Z": "ℤ", "Q": "ℚ", "C": "ℂ", "E": "𝔼"}
_ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "bar": "\u0304", "tilde": "\u0303", "widetilde": "\u0303",
            "dot": "\u0307", "ddot": "\u0308", "vec": "\u20d7", "check": "\u030c"}
_FRACTIONS = {"frac", "dfrac", "tfrac", "cfrac"}
_SKIPPED_WITH_ARGUMENT = {"label", "tag", "tag*", "hspace", "vspace", "phantom", "hphantom", "vphantom"}
_MATRICES = {"matrix": ("[", "]"), "bmatrix": ("[", "]"), "pmatrix": ("(", ")"), "Bmatrix": ("{", "}"),
             "vmatrix": ("|", "|"), "Vmatrix": ("‖", "‖"), "smallmatrix": ("[", "]")}
#: Words a reader searches for, by the symbol or operator name that stands for them.
_WORDS = {"T": "transpose", "-1": "inverse", "-T": "inverse transpose", "tr": "trace", "det": "determinant",
          "⊗": "Kronecker product", "∘": "Hadamard product", "⊙": "Hadamard product", "∇": "gradient",
          "‖": "norm", "diag": "diagonal", "vec": "vectorization"}
#: Environments whose rows are items (cases, a table), kept apart by "; " as a matrix's rows are.
_LISTS = {"cases", "dcases", "array", "rcases"}
_OPEN, _CLOSE = "([{⟨", ")]}⟩"
_ROW, _CELL = "\x00", "\x01"  # \\ and & until an environment splits on them (else "; " and " ")
_HUG = "\x02"  # the inner side of a \left or \right delimiter: no space there (``‖X w‖``)
_PREFIXES = {"∂", "∇"}
#: Control words after a fraction that start no factor of it (a relation, a row's end, a closing delimiter).
_NO_FACTOR = {"right", "\\", "quad", "qquad", "end", "le", "leq", "ge", "geq", "neq", "approx", "to", "mathclose",
              "text", "in", "cdots", "ldots", "dots", "cdot", "circ", "times", "otimes", "oslash", "pm", "mp"}


# --- the reader ---------------------------------------------------------------------------------


class _Reader:
    """A recursive reader over TeX tokens that writes plain text and collects :data:`_WORDS`."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.words: list[str] = []

    def next(self) -> str | None:
        if self.pos >= len(self.tokens):
            return None
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def until(self, stops: frozenset[str]) -> str:
        """Text up to (not past) a token in ``stops`` or the end (or a closing brace, consumed)."""
        out: list[str] = []
        while (token := self.peek()) is not None and _name(token) not in stops:
            self.pos += 1
            if token == "}":
                break
            out.append(self.atom(token))
        return "".join(out)

    def argument(self) -> str:
        """One argument: a braced group or a single token, as text."""
        while (token := self.peek()) is not None and token.isspace():
            self.pos += 1
        token = self.next()
        if token is None:
            return ""
        return self.until(frozenset()) if token == "{" else self.atom(token)

    def raw_argument(self) -> str:
        """A braced argument's tokens as written (environment names, \\text contents)."""
        while (token := self.peek()) is not None and token.isspace():
            self.pos += 1
        if self.next() != "{":
            return ""
        depth, out = 1, []
        while (token := self.next()) is not None:
            depth += {"{": 1, "}": -1}.get(token, 0)
            if depth == 0:
                break
            out.append(token[1:] if len(token) == 2 and token[0] == "\\" else token)
        return "".join(out)

    def atom(self, token: str) -> str:
        if token == "{":
            return self.until(frozenset())
        if token in ("^", "_"):
            return self.script(token)
        if token == "&":
            return _CELL
        if token.isspace() or token == "~":
            return " "
        if not token.startswith("\\"):
            return token
        # TeX drops the spaces after a control word; text keeps one (``G \\circ I`` -> ``G ∘ I``)
        # except after a prefix operator (``\\partial x`` -> ``∂x``)
        text = self.command(_name(token))
        spaced = token[-1].isspace() and len(token) > 2 and text and text not in _PREFIXES
        return text + " " if spaced or self._operator_pair(text) else text

    def _factor_follows(self) -> bool:
        """Whether the next token past spaces starts a factor (a letter, a number, a bracket, a function)."""
        k = self.pos
        while k < len(self.tokens) and (self.tokens[k].isspace() or _name(self.tokens[k]) in _SPACES):
            k += 1
        if k == len(self.tokens):
            return False
        token = self.tokens[k]
        if not token.startswith("\\"):
            return token[0].isalnum() or token == "("
        return _name(token) not in _NO_FACTOR

    def _operator_pair(self, text: str) -> bool:
        """An operator name right before another (``\\ln\\det``): TeX sets a space between them, text
        needs one too (``ln det``, not the word ``lndet`` a reader would not search for)."""
        after = self.peek()
        if not (after and after.startswith("\\") and len(text) > 1 and text.isalpha()):
            return False
        name = _name(after)
        # \mathopen{} of a call (language.functions.call_latex) is no operator: tr(X), not "tr (X)"
        return name.isalpha() and len(name) > 1 and name not in _DELIMITER_SIZES | _SPACES | _DROPPED | {"mathopen", "mathclose"}

    def script(self, mark: str) -> str:
        argument = self.argument()
        text = _LEADING_OPERATOR.sub(r"\1", _tidy(argument))  # v^{\circ 2} -> v^∘2
        if mark == "^" and text in _WORDS:
            self.words.append(_WORDS[text])
        body = text[1:] if text.startswith("-") else text
        simple = not any(c in " +-=,()/·" for c in body)
        after = " " if argument.endswith(" ") else ""  # x^\top (A) -> x^T (A)
        return (f"{mark}{text}" if simple and text else f"{mark}({text})") + after

    def command(self, name: str) -> str:
        if name in _SPACES:
            return " "
        if name in _DROPPED:
            return ""
        if name == "\\":
            return _ROW
        if name in _DELIMITER_SIZES:  # \left. is no delimiter
            while (token := self.next()) is not None and token.isspace():
                pass
            delimiter = "" if token in (None, ".") else self.atom(token).strip()
            closing = name == "right" or name.endswith("r")  # \bigr) as \right): "(x) = g", not "(x)= g"
            return _HUG + delimiter if closing else delimiter + _HUG
        if name in _SYMBOL:
            symbol = _SYMBOL[name]
            if symbol in _WORDS and name not in ("top", "intercal"):
                self.words.append(_WORDS[symbol])
            return symbol
        if name in _FRACTIONS:
            numerator, denominator = _tidy(self.argument()), _tidy(self.argument())
            text = f"{_grouped(numerator)}/{_grouped(denominator)}"
            # a factor after it: (2/N) sum(...), never 2/N sum(...), which reads as 2 / (N sum(...)); a
            # derivative stays as books write a chain (∂u/∂w ∂s/∂u)
            derivative = numerator.startswith(("∂", "d"))
            return f" ({text}) " if not derivative and self._factor_follows() else f" {text} "
        if name in ("operatorname", "operatorname*"):
            operator = _tidy(self.argument())
            if operator in _WORDS:
                self.words.append(_WORDS[operator])
            return operator
        if name in ("text", "textrm", "textit", "textbf", "mbox"):
            return self.raw_argument()
        if name in _STYLES:
            argument = self.argument()
            # bold 1 and 0 are the vectors of ones and zeros (docs/notation.md), not the numbers
            return _BOLD_DIGITS.get(argument, argument) if name in _BOLD else argument
        if name == "mathbb":
            letter = self.argument()
            return _BLACKBOARD.get(letter, letter)
        if name in _ACCENTS:
            base = _tidy(self.argument())
            return base + _ACCENTS[name] if len(base) == 1 else f"{name}({base})"
        if name == "sqrt":
            return f"√{_grouped(_tidy(self.argument()))}"
        if name == "binom":
            return f"binom({_tidy(self.argument())}, {_tidy(self.argument())})"
        if name in _SKIPPED_WITH_ARGUMENT:
            self.argument()
            return ""
        if name == "begin":
            return self.environment(self.raw_argument())
        if name == "end":
            self.raw_argument()
            return ""
        if name in _WORDS:  # \det, \tr
            self.words.append(_WORDS[name])
        return name  # \sin -> sin, \{ -> {

    def environment(self, name: str) -> str:
        if name == "array":
            self.raw_argument()  # the column specification
        body = self.until(frozenset({"end"}))
        self.next()  # \end
        self.raw_argument()
        if name not in _MATRICES and name not in _LISTS:
            # a formula broken over lines for display (present.lines): a row that starts at the
            # alignment point goes on with the row before, as one line of text; a row with a left
            # side of its own is another equation ("; "), unless the row before ends in a comma
            text = ""
            for row in (row for row in body.split(_ROW) if row.strip()):
                new = bool(row.split(_CELL)[0].strip()) and not _tidy(text).endswith((",", ";"))
                text += (_ROW if text and new else " ") + row.replace(_CELL, " ")
            return _tidy(text)
        rows = [[_tidy(cell) for cell in row.split(_CELL)] for row in body.split(_ROW)]
        rows = [row for row in rows if any(row)]
        if name in _MATRICES:
            left, right = _MATRICES[name]
            return left + "; ".join(", ".join(row) for row in rows) + right
        return "; ".join(" ".join(cell for cell in row if cell) for row in rows)


def _name(token: str) -> str:
    """A control sequence's name (``\\frac `` -> ``frac``), or the token itself."""
    if not token.startswith("\\") or len(token) == 1:
        return token
    return token[1:].rstrip() or " "


def _grouped(text: str) -> str:
    """``text`` as one operand: parenthesised if it has a space or operator outside brackets."""
    depth = 0
    for index, char in enumerate(text):
        depth += (char in _OPEN) - (char in _CLOSE)
        if depth == 0 and (char in " +=,/·×" or (char == "-" and index > 0)):
            return f"({text})"
    return text


_SPACE_RUN = re.compile(r"\s+")
_HUGGED = re.compile(" ?\x02 ?")
_LEADING_OPERATOR = re.compile(r"^([∘⊗⊙·×]) ")
_UNARY_MINUS = re.compile(r"(^|[(\[{⟨])- ")
_AFTER_OPEN = re.compile(r"([(\[{⟨]) ")
_BEFORE_CLOSE = re.compile(r" ([)\]}⟩,;])")


def _tidy(text: str) -> str:
    text = _SPACE_RUN.sub(" ", text.replace(_ROW, "; ").replace(_CELL, " "))
    text = _HUGGED.sub("", text).strip()
    return _UNARY_MINUS.sub(r"\1-", _BEFORE_CLOSE.sub(r"\1", _AFTER_OPEN.sub(r"\1", text)))
