"""The tags of a built HTML page with their offsets, for edits that leave every other byte as it was.

A regular-expression scanner, not a parser: the pages are MkDocs's well-formed output (a ``<``
in text or in an attribute value is escaped), and it must stay fast on pages with thousands of
math spans. Comments and the bodies of ``<script>`` and ``<style>`` are skipped, and a quoted
attribute value may hold ``>``.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from mcdocgen.errors import SiteError

_ATTRS = r"""((?:[^>"']|"[^"]*"|'[^']*')*)"""
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
_ANY_NAME = r"[a-zA-Z][\w:.-]*"


@functools.lru_cache(maxsize=32)
def _tokens(names: frozenset[str] | None) -> re.Pattern[str]:
    wanted = _ANY_NAME if names is None else "|".join(sorted(map(re.escape, names)))
    return re.compile(
        rf"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<(script|style)(?=[\s/>]){_ATTRS}>.*?</\1\s*>"
        rf"|<(/?)({wanted})(?=[\s/>]){_ATTRS}>",
        re.DOTALL | re.IGNORECASE,
    )


@dataclass(frozen=True)
class Tag:
    """One start or end tag: where it is in the page, its name (lower case) and its attributes' text."""

    start: int  # offset of "<" in the page
    end: int  # offset after ">"
    name: str
    closing: bool
    raw_attrs: str

    def attr(self, name: str) -> str | None:
        """The value of attribute ``name`` (entities decoded; "" when it has none), or None."""
        if name not in self.raw_attrs.lower():
            return None
        for match in _ATTR.finditer(self.raw_attrs):
            if match.group(1).lower() == name:
                value = match.group(2) or ""
                return html.unescape(value[1:-1] if value[:1] in "\"'" and value else value)
        return None

    def attr_span(self, name: str) -> tuple[int, int] | None:
        """Offsets in the page of attribute ``name``'s value, inside its quotes."""
        offset = self.end - 1 - len(self.raw_attrs)
        for match in _ATTR.finditer(self.raw_attrs):
            if match.group(1).lower() == name and match.group(2):
                quoted = match.group(2)[:1] in "\"'"
                return offset + match.start(2) + quoted, offset + match.end(2) - quoted
        return None

    def has_class(self, name: str) -> bool:
        return name in (self.attr("class") or "").split()


def scan(page: str, names: Iterable[str] | None = None) -> list[Tag]:
    """The tags of ``page`` in order: all, or only those named in ``names`` (faster: the others
    are not even made objects)."""
    wanted = None if names is None else frozenset(n.lower() for n in names)
    found = []
    for match in _tokens(wanted).finditer(page):
        raw = match.group(1)
        if raw is not None:  # a script or style element, its body skipped
            if wanted is None or raw.lower() in wanted:
                end = match.start() + len(raw) + len(match.group(2)) + 2
                found.append(Tag(match.start(), end, raw.lower(), False, match.group(2)))
        elif match.group(4) is not None:
            found.append(Tag(match.start(), match.end(), match.group(4).lower(), bool(match.group(3)),
                             match.group(5)))
    return found


def elements(tags: list[Tag], wanted: Callable[[Tag], bool], first: bool = False) -> list[tuple[int, int]]:
    """(start, end) offsets of every element whose start tag is ``wanted``, through its end tag."""
    found = []
    for i, tag in enumerate(tags):
        if tag.closing or not wanted(tag):
            continue
        depth = 0
        for later in tags[i + 1:]:
            if later.name != tag.name:
                continue
            if not later.closing:
                depth += 1
            elif depth:
                depth -= 1
            else:
                found.append((tag.start, later.end))
                break
        else:
            raise SiteError(f"<{tag.name}> at offset {tag.start} is never closed")
        if first:
            break
    return found


def element(tags: list[Tag], wanted: Callable[[Tag], bool]) -> tuple[int, int] | None:
    """The first of :func:`elements`, or None."""
    return next(iter(elements(tags, wanted, first=True)), None)


def text(page: str, span: tuple[int, int], skip: Iterable[tuple[int, int]] = ()) -> str:
    """The text of ``page[span]`` without tags, comments, scripts or the ``skip`` spans, whitespace collapsed."""
    start, end = span
    parts, at = [], start
    for s, e in sorted(skip):
        if start <= s and e <= end:
            parts.append(page[at:s])
            at = e
    parts.append(page[at:end])
    return " ".join(html.unescape(_tokens(None).sub("", "".join(parts))).split())


def edit(page: str, edits: Iterable[tuple[int, int, str]]) -> str:
    """``page`` with each (start, end) span replaced by its text; a span inside an earlier one is dropped."""
    out, done = [], 0
    for start, end, new in sorted(edits, key=lambda e: (e[0], -e[1])):
        if start < done:
            continue
        out += [page[done:start], new]
        done = end
    return "".join(out) + page[done:]
