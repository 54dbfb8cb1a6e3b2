"""The catalog's source: its bytes read within a size limit, decoded as UTF-8 and composed into a
tree of YAML nodes, with every refusal (aliases, anchors, tags, depth, counts) made while composing.

The YAML is composed into nodes (never constructed into Python objects by PyYAML), so every key and
value keeps its line; anchors, aliases, explicit tags and deep nesting are refused before anything
could be expanded.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml
from yaml._yaml import CParser
from yaml.nodes import Node as YamlNode, ScalarNode, SequenceNode

from mcdocgen.catalog.records import LIST_LIMITS, MAX_ITEMS
from mcdocgen.errors import CatalogError, Diagnostic, ErrorCode, clip

MAX_CATALOG_BYTES = 5 * 1024 * 1024
MAX_YAML_DEPTH = 40
# Counts that bound the cost of loading (a 5 MB file holds about a million YAML values).
MAX_YAML_NODES = 200_000

_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")
)
# libyaml refuses an escape that is no character: half of a surrogate pair, or past U+10FFFF
_BAD_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})")
_LOW_ESCAPE = re.compile(r"\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def read_source(path: str | Path, shown: str) -> bytes:
    """The bytes of the catalog file at ``path`` (at most MAX_CATALOG_BYTES); messages name ``shown``."""
    limit = f"the limit is {MAX_CATALOG_BYTES // (1024 * 1024)} MB"
    try:
        size = os.stat(path).st_size
        if size > MAX_CATALOG_BYTES:
            raise _fatal(shown, 1, 0, ErrorCode.TOO_LARGE, f"the catalog is too large ({size / 1024 / 1024:.1f} MB; {limit})")
        with open(path, "rb") as handle:
            data = handle.read(MAX_CATALOG_BYTES + 1)
    except OSError as exc:
        raise _fatal(shown, 1, 0, ErrorCode.CANNOT_READ, f"cannot read the catalog: {exc.strerror or exc}") from None
    if len(data) > MAX_CATALOG_BYTES:
        raise _fatal(shown, 1, 0, ErrorCode.TOO_LARGE, f"the catalog is too large (more than 5 MB; {limit})")
    return data


def compose(data: bytes, shown: str) -> YamlNode:
    """The YAML node tree of a catalog's bytes; CatalogError with one located diagnostic if the
    bytes are too many, not UTF-8, not YAML or YAML that a catalog may not use."""
    if len(data) > MAX_CATALOG_BYTES:
        raise _fatal(shown, 1, 0, ErrorCode.TOO_LARGE,
                     f"the catalog is too large (more than 5 MB; the limit is {MAX_CATALOG_BYTES // (1024 * 1024)} MB)")
    return _compose(_decode(data, shown), shown)


def _fatal(file: str, line: int, column: int, code: ErrorCode, message: str, problem: str = "",
           key: str = "") -> CatalogError:
    """A refusal that ends the loading: the one diagnostic there is."""
    return CatalogError([Diagnostic(file, line, column, problem, key, message, code=code)])


def _decode(data: bytes, shown: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        start = data.rfind(b"\n", 0, exc.start) + 1
        col = len(data[start:exc.start].decode("utf-8", errors="replace")) + 1  # in characters, as editors count
        raise _fatal(shown, line, col, ErrorCode.NOT_UTF8,
                     f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8") from None
    if not text.strip():
        raise _fatal(shown, 1, 0, ErrorCode.EMPTY_CATALOG, "the catalog is empty (expected 'problems:' with a list of problems)")
    return text


class _Refused(Exception):
    """What the composer refused, where (a YAML mark) and why; raised as a CatalogError."""

    def __init__(self, mark: yaml.Mark, code: ErrorCode, message: str, problem: str = "", key: str = "") -> None:
        super().__init__(message)
        self.line = mark.line + 1
        self.column = mark.column + 1
        self.code = code
        self.message = message
        self.problem = problem
        self.key = key


class _Loader(yaml.composer.Composer, CParser, yaml.resolver.Resolver):  # type: ignore[misc]  # PyYAML is untyped
    """Composes nodes only, refusing anchors, aliases, explicit tags, deep nesting and oversized
    lists on the event level, before anything could be expanded ("billion laughs").

    The events come from libyaml (C): PyYAML's pure-Python scanner needs minutes for a 5 MB file.
    The composing stays here, in Python, so that every refusal happens as soon as its event is
    seen, and a catalog costs at most MAX_YAML_NODES nodes whatever its size.
    """

    def __init__(self, stream: str) -> None:
        CParser.__init__(self, stream)
        yaml.composer.Composer.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self._depth = 0
        self._nodes = 0
        self._keys: list[str] = []      # the mapping keys leading to the node being composed
        self._problem = ""              # the id of the problem being composed, once seen
        self._handout = 0               # the index of the handouts item being composed
        self.refused_where: tuple[str, str] | None = None  # (problem, key) where libyaml refused the text

    def compose_node(self, parent: YamlNode | None, index: YamlNode | None) -> YamlNode:  # PyYAML's signature
        try:
            event = self.peek_event()
        except yaml.MarkedYAMLError:
            self._remember_where(index.value if isinstance(index, ScalarNode) else "")
            raise
        mark = event.start_mark
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(mark, ErrorCode.YAML_ALIAS, "YAML aliases (*name) are not allowed in a catalog; write the value out")
        if event.anchor is not None:
            raise _Refused(mark, ErrorCode.YAML_ALIAS, "YAML anchors (&name) are not allowed in a catalog; write the value out")
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _STANDARD_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(mark, ErrorCode.YAML_TAG, f"the YAML tag '{clip(shown)}' is not allowed in a catalog")
        self._count(parent, mark)
        if isinstance(parent, SequenceNode) and self._keys == ["problems"]:
            self._problem = ""          # a new problem: its id is not known yet
        if isinstance(parent, SequenceNode) and self._keys == ["handouts"]:
            self._handout = len(parent.value)
        key = index.value if isinstance(index, ScalarNode) else None
        if key is not None:
            self._keys.append(key)
        self._depth += 1
        try:
            if self._depth > MAX_YAML_DEPTH:
                raise _Refused(mark, ErrorCode.YAML_TOO_DEEP,
                               f"the YAML is nested too deeply (more than {MAX_YAML_DEPTH} levels)")
            node = super().compose_node(parent, index)
        except yaml.MarkedYAMLError:
            self._remember_where()
            raise
        finally:
            self._depth -= 1
            if key is not None:
                self._keys.pop()
        if key == "id" and self._keys == ["problems"] and self._depth == 3 and isinstance(node, ScalarNode):
            self._problem = clip(node.value)   # root mapping > problems list > this problem
        elif key == "problems" and not self._keys:
            self._problem = ""          # the problems list has ended: what follows is no problem's
        return node

    def _count(self, parent: YamlNode | None, mark: yaml.Mark) -> None:
        self._nodes += 1
        if self._nodes > MAX_YAML_NODES:
            raise _Refused(mark, ErrorCode.TOO_MANY, f"the catalog holds more than {MAX_YAML_NODES:,} YAML values (keys, values "
                                 f"and list items; the limit is {MAX_YAML_NODES:,})")
        if parent is None:
            return
        path = tuple(self._keys)        # the keys whose value ``parent`` is
        limit, noun = LIST_LIMITS.get(path, (MAX_ITEMS, "entries"))
        if len(parent.value) >= limit:
            raise _Refused(mark, ErrorCode.TOO_MANY, f"more than {limit:,} {noun} (the limit is {limit:,})",
                           *self._where(path))

    def _remember_where(self, key: str = "") -> None:
        """Note (problem, key) of the value libyaml refused, before the keys unwind."""
        if self.refused_where is None:
            self.refused_where = self._where((*self._keys, key) if key else tuple(self._keys))

    def _where(self, path: tuple[str, ...]) -> tuple[str, str]:
        """(problem, key) naming the list at ``path`` as the validators would."""
        if not path:
            return "", ""
        if path[:1] == ("problems",) and len(path) > 1:
            return self._problem, path[-1]
        if path[:1] == ("handouts",) and len(path) > 1:
            return "", ".".join((f"handouts[{self._handout}]", *path[1:]))
        return "", ".".join(path)


def _compose(text: str, shown: str) -> YamlNode:
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except _Refused as exc:
        raise _fatal(shown, exc.line, exc.column, exc.code, exc.message, exc.problem, exc.key) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else 0
        # libyaml marks the hex digits that follow the backslash and the letter
        escape = _BAD_ESCAPE.match(text, mark.index - 2) if mark and "escape code" in (exc.problem or "") else None
        if escape:
            problem, key = loader.refused_where or ("", "")
            message = _escape_message(escape.group(), text[escape.end():escape.end() + 6])
            raise _fatal(shown, line, col - 2, ErrorCode.YAML_ESCAPE, message, problem, key) from None
        at_tab = bool(mark) and text[mark.index:mark.index + 1] == "\t"
        code, message = _yaml_message(exc, at_tab)
        raise _fatal(shown, line, col, code, message) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        col = max(exc.position, 0) - (text.rfind("\n", 0, max(exc.position, 0)) + 1) + 1
        raise _fatal(shown, line, col, ErrorCode.YAML_SYNTAX,
                     f"the file contains the control character #x{exc.character:04x}, which YAML does not allow") from None
    except yaml.YAMLError as exc:
        raise _fatal(shown, 1, 0, ErrorCode.YAML_SYNTAX, f"invalid YAML: {clip(str(exc), 100)}") from None
    except RecursionError:
        raise _fatal(shown, 1, 0, ErrorCode.YAML_TOO_DEEP, "the YAML is nested too deeply") from None
    finally:
        loader.dispose()
    if root is None:
        raise _fatal(shown, 1, 0, ErrorCode.EMPTY_CATALOG, "the catalog is empty (expected 'problems:' with a list of problems)")
    return root


def _escape_message(escape: str, after: str) -> str:
    """Why libyaml refused ``escape``: YAML escapes are code points, so the UTF-16 halves that
    JSON writes ("\\ud83d\\ude00") are not characters; the fix, with the pair's own code point."""
    point = int(escape[2:], 16)
    if point > 0x10FFFF:
        return f"the escape {escape} is past the last Unicode character (\\U0010FFFF)"
    fix = "write the character itself"
    if 0xD800 <= point < 0xDC00 and _LOW_ESCAPE.match(after):
        pair = 0x10000 + ((point - 0xD800) << 10) + (int(after[2:], 16) - 0xDC00)
        fix += f", or the one escape \\U{pair:08X} for the pair {escape}{after}"
    return (f"the escape {escape} is half of a UTF-16 surrogate pair, not a character (YAML escapes are "
            f"code points); {fix}")


def _yaml_message(exc: yaml.MarkedYAMLError, at_tab: bool = False) -> tuple[ErrorCode, str]:
    """The code and message for what libyaml refused (its column is the diagnostic's)."""
    problem = exc.problem or ""
    if at_tab or "'\\t'" in problem or "\t" in problem:
        return ErrorCode.YAML_SYNTAX, ("invalid YAML: a tab character; "
                                       "YAML indentation (and the space after ':') must use spaces, not tabs")
    if "maximum nesting depth" in problem:  # libyaml's own limit, met while it reads ahead
        return ErrorCode.YAML_TOO_DEEP, f"the YAML is nested too deeply (more than {MAX_YAML_DEPTH} levels)"
    if exc.context == "expected a single document in the stream":
        return ErrorCode.YAML_SYNTAX, ("invalid YAML: the file holds more than one YAML document ('---'); "
                                       "a catalog is one document")
    context = f" ({exc.context})" if exc.context else ""
    return ErrorCode.YAML_SYNTAX, f"invalid YAML: {clip(problem, 100)}{context}"
