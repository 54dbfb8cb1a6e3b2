"""Math in a title: spans of the expression language between backticks, parsed by the safe parser.

``Gradient of `trace(A @ X @ B)` by `X` `` is text, a span, text, a span. A span is one expression,
or ``name = expression`` (``f = W.T @ a``); names of the problem's variables have their shapes, any
other name is a scalar. The catalog checks every span when it loads (a bad one is an error at the
key ``title``); the pages print them (present.titles).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mcdocgen import language as E
from mcdocgen.catalog.records import Variable
from mcdocgen.errors import ErrorCode, ExprError

if TYPE_CHECKING:  # the loader starts without SymPy: a title is parsed only when one has math
    from mcdocgen.language import Node

#: A span: backticks around text without a backtick or a line break.
SPAN = re.compile(r"`([^`\n]+)`")
_NAMED = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(?!=)\s*(.+)$", re.S)


@dataclass(frozen=True, slots=True)
class TitleMath:
    """One span of a title: the expression, and the name it is given (``f`` of ``f = ...``) or ''."""

    node: Node
    name: str = ""


TitlePart = str | TitleMath


def title_parts(title: str, variables: Sequence[Variable], sizes: Sequence[str] = ()) -> tuple[TitlePart, ...]:
    """The title as text and math, in order (``variables``: the problem's, ``sizes``: its size
    names); raises ExprError (its message names the span) for a span the parser refuses or a
    backtick left open."""
    if title.count("`") % 2:
        raise ExprError("a title has a backtick without its pair: write math as `expression`", code=ErrorCode.SYNTAX)
    parts: list[TitlePart] = []
    at = 0
    for match in SPAN.finditer(title):
        if match.start() > at:
            parts.append(title[at:match.start()])
        parts.append(_span(match.group(1), variables, sizes))
        at = match.end()
    if at < len(title):
        parts.append(title[at:])
    return tuple(parts)


def _span(text: str, variables: Sequence[Variable], sizes: Sequence[str]) -> TitleMath:
    named = _NAMED.match(text)
    name, body = (named.group(1), named.group(2)) if named else ("", text)
    known = {v.name: E.var(v.name, v.shape, symmetric=v.symmetric) for v in variables}
    scope = E.Scope({**{n: E.var(n, E.shapes.SCALAR) for n in _other_names(body, known)}, **known},
                    {s: E.shapes.size_symbol(s) for s in sizes})
    try:
        return TitleMath(E.parse(body, scope), name)
    except ExprError as exc:
        raise ExprError(f"the math `{text}` in the title: {exc.message}", code=exc.code) from None


def _other_names(text: str, known: Collection[str]) -> list[str]:
    """The names a span uses that are no variable of the problem and no function: scalars. Read with
    ``ast`` only (never run); a span that is not Python syntax is left to the parser to refuse."""
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return []
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return sorted({n.id for n in ast.walk(tree)
                   if isinstance(n, ast.Name) and id(n) not in called and n.id not in known})
