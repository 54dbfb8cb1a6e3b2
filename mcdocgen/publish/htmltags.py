"""The tags of a built HTML page with their offsets, for edits that leave every other byte as it was."""

from __future__ import annotations

import html.parser
import re
from collections.abc import Callable
from dataclasses import dataclass

from mcdocgen.errors import SiteError


@dataclass(frozen=True)
class Tag:
    """One start or end tag: where it is in the page, its name and (start tags) its attributes."""

    start: int  # offset of "<" in the page
    end: int  # offset after ">"
    name: str
    attrs: dict[str, str]
    closing: bool


class TagScanner(html.parser.HTMLParser):
    """Every start and end tag of a page with its offsets (script and style bodies are text)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.lines = [0] + [m.end() for m in re.finditer("\n", text)]
        self.tags: list[Tag] = []
        self.feed(text)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        self.tags.append(Tag(start, start + len(raw), tag, {k: v or "" for k, v in attrs}, False))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        self.tags.append(Tag(start, self.text.index(">", start) + 1, tag, {}, True))


def element(page: str, wanted: Callable[[Tag], bool]) -> tuple[int, int] | None:
    """(start, end) offsets of the first element whose start tag is ``wanted``, through its end tag."""
    tags = TagScanner(page).tags
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
                return tag.start, later.end
        raise SiteError(f"<{tag.name}> at offset {tag.start} is never closed")
    return None


def has_class(tag: Tag, name: str) -> bool:
    return name in tag.attrs.get("class", "").split()


def replace(page: str, span: tuple[int, int] | None, new: str) -> str:
    return page if span is None else page[:span[0]] + new + page[span[1]:]
