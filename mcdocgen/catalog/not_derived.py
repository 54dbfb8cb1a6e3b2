"""The catalog's optional top-level ``not_derived:`` list (an extension of the spec): identities a
source states that mcdocgen does not derive yet, each with its source and the reason, shown on the
site's "Not yet derived" page so that a gap is listed, never faked.

The statement is TeX for the page's math. A catalog in a pull request is untrusted, so the TeX is
held to a small, known vocabulary here, at load time, where each mistake gets its file and line:
plain characters, balanced braces and the commands of :data:`TEX_COMMANDS` (no ``\\href``, no
``\\htmlClass``, nothing Temml would need ``trust`` for).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node as YamlNode, ScalarNode, SequenceNode

from mcdocgen.catalog.reader import Reader, kind, line_of
from mcdocgen.errors import ErrorCode, clip, suggest

KEYS = ("source", "statement", "reason")
MAX_TEXT_CHARS = 400            # a statement or a reason is a line or two, not a page

#: The TeX commands a statement may use: the notation of matrix calculus and nothing that links,
#: styles HTML or defines macros.
_TEX_WORDS = """
    partial frac dfrac tfrac mathbf mathrm mathit mathcal boldsymbol bm operatorname text top
    det log ln exp sin cos tan tanh sinh cosh sqrt sum prod int lim max min sup inf
    cdot circ otimes oplus odot times ast star dots ldots cdots vdots ddots
    left right big Big bigl bigr Bigl Bigr langle rangle lVert rVert lvert rvert Vert vert
    alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi
    rho sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi
    Psi Omega nabla infty in notin subset subseteq forall exists to mapsto rightarrow leftarrow
    Rightarrow iff le leq ge geq ne neq approx equiv sim propto pm mp quad qquad hat bar tilde
    dot ddot overline underline mathbb begin end vec mid lceil rceil lfloor rfloor prime ell mathsf
    mathfrak intercal dagger colon triangleq succ succeq prec preceq perp setminus cap cup emptyset
    limits displaystyle textstyle bigg Bigg biggl biggr Biggl Biggr Re Im lt gt
"""
TEX_COMMANDS = frozenset(_TEX_WORDS.split())
#: The environments ``\\begin{...}`` may open.
TEX_ENVIRONMENTS = frozenset(("matrix", "bmatrix", "pmatrix", "vmatrix", "cases", "aligned"))
_ENVIRONMENT = re.compile(r"\\(?:begin|end)\s*\{([^{}]*)\}")
_COMMAND = re.compile(r"\\([A-Za-z]+|.)")
#: No '<' or '>': Markdown passes a line that starts with a tag through as raw HTML before the math is
#: read, so a statement could write a <script> into the page. TeX has \lt, \gt and \langle instead.
_ALLOWED_CHARS = re.compile(r"[A-Za-z0-9\s\\{}^_()\[\]+\-*/=,.|':;!&~]*")


@dataclass(frozen=True, slots=True)
class NotDerived:
    """One identity a source states that the site does not derive: where, what, and why not."""

    source: str
    statement: str      # TeX, checked by :func:`tex_problem`
    reason: str
    line: int


def tex_problem(tex: str) -> str | None:
    """Why ``tex`` is not a statement this page may show (None if it is)."""
    bad = _ALLOWED_CHARS.fullmatch(tex)
    if bad is None:
        char = next(c for c in tex if not _ALLOWED_CHARS.fullmatch(c))
        instead = {"<": r" (write \lt or \langle)", ">": r" (write \gt or \rangle)"}.get(char, "")
        return f"the character {char!r} is not allowed in a statement{instead}"
    depth = 0
    for char in re.sub(r"\\.", "", tex):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return "a '}' closes no '{'"
    if depth:
        return "a '{' is never closed"
    for match in _COMMAND.finditer(tex):
        name = match.group(1)
        if name.isalpha() and name not in TEX_COMMANDS:
            return f"the TeX command '\\{clip(name, 30)}' is not one a statement may use{suggest(name, sorted(TEX_COMMANDS))}"
    for match in _ENVIRONMENT.finditer(tex):
        if match.group(1) not in TEX_ENVIRONMENTS:
            return (f"the environment '{clip(match.group(1), 30)}' is not one a statement may use "
                    f"(allowed: {', '.join(sorted(TEX_ENVIRONMENTS))})")
    return None


def read_not_derived(reader: Reader, node: YamlNode) -> tuple[NotDerived, ...]:
    """The ``not_derived:`` list; mistakes go to ``reader``, and only valid entries are returned."""
    if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
        return ()
    if not isinstance(node, SequenceNode):
        reader.error(node, "not_derived", f"expected a list, got {kind(node)}", ErrorCode.WRONG_TYPE)
        return ()
    entries = [_entry(reader, item, f"not_derived[{index}]") for index, item in enumerate(node.value)]
    return tuple(entry for entry in entries if entry is not None)


def _entry(reader: Reader, item: YamlNode, where: str) -> NotDerived | None:
    if not isinstance(item, MappingNode):
        reader.error(item, where, f"expected a mapping with {', '.join(KEYS)}, got {kind(item)}", ErrorCode.WRONG_TYPE)
        return None
    before = len(reader.diagnostics)
    fields = reader.mapping(item, where)
    misspelt = reader.check_keys(fields, KEYS, where, "")
    text: dict[str, str] = {}
    for key in KEYS:
        if key not in fields:
            if key not in misspelt:
                reader.error(item, where, f"missing the key '{key}'", ErrorCode.MISSING_KEY)
            continue
        value_node = fields[key][1]
        value = reader.text(value_node, f"{where}.{key}")
        if value is None:
            continue
        value = " ".join(value.split())
        if len(value) > MAX_TEXT_CHARS:
            reader.error(value_node, f"{where}.{key}", f"is too long ({len(value)} characters; the limit is "
                                                       f"{MAX_TEXT_CHARS})", ErrorCode.TOO_LARGE)
            continue
        problem = tex_problem(value) if key == "statement" else None
        if problem is not None:
            reader.error(value_node, f"{where}.statement", problem, ErrorCode.BAD_TEX)
            continue
        text[key] = value
    if len(reader.diagnostics) != before:
        return None
    return NotDerived(text["source"], text["statement"], text["reason"], line_of(item))
