"""The catalog: loading derivations.yaml into typed, validated records, every error located.

The YAML is composed into nodes (never constructed into Python objects by PyYAML), so every
key and value keeps its line; anchors, aliases, explicit tags and deep nesting are refused while
composing. Records are then built from the node tree, and every mistake found becomes one
:class:`Diagnostic`; all of them are raised together in one :class:`CatalogError`.
"""

from __future__ import annotations

import ast
import difflib
import enum
import keyword
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import sympy
import yaml
from yaml._yaml import CParser
from yaml.nodes import MappingNode, Node as YamlNode, ScalarNode, SequenceNode

from mcdocgen import language as E
from mcdocgen.language import shapes
from mcdocgen.errors import CatalogError, Diagnostic, ErrorCode, ExprError
from mcdocgen.catalog.handouts import HandoutSpec, read_handouts
from mcdocgen.language import Node
from mcdocgen.language.shapes import Shape


@enum.unique
class Assumption(enum.StrEnum):
    SYMMETRIC = "symmetric"
    INVERTIBLE = "invertible"
    POSITIVE_DEFINITE = "positive_definite"
    POSITIVE = "positive"
    NONZERO = "nonzero"


MATRIX_ASSUMPTIONS = frozenset({Assumption.SYMMETRIC, Assumption.INVERTIBLE, Assumption.POSITIVE_DEFINITE})
SCALAR_ASSUMPTIONS = frozenset({Assumption.POSITIVE, Assumption.NONZERO})


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    shape: Shape
    assume: tuple[Assumption, ...]
    line: int

    @property
    def symmetric(self) -> bool:
        return Assumption.SYMMETRIC in self.assume


@dataclass(frozen=True, slots=True)
class StepDef:
    """One intermediate variable a lecture introduces: ``name = expression``.

    ``text`` is the right-hand side as written (``"X @ w"`` for ``"a = X @ w"``).
    """

    name: str
    text: str
    node: Node
    line: int


@dataclass(frozen=True, slots=True)
class Expected:
    text: str
    node: Node
    line: int


@dataclass(frozen=True, slots=True)
class Problem:
    id: str
    title: str
    summary: str
    tags: tuple[str, ...]
    source: str
    topic: str
    variables: tuple[Variable, ...]
    sizes: tuple[str, ...]          # size names used by the shapes, in order of appearance
    expression_text: str
    expression: Node                # over the declared variables (steps substituted in)
    wrt: tuple[str, ...]
    steps: tuple[StepDef, ...]      # step nodes refer to earlier steps as Var(intermediate=True)
    expected: Mapping[str, Expected]
    line: int

    def variable(self, name: str) -> Variable:
        return next(v for v in self.variables if v.name == name)

    def scope(self, with_steps: bool = False) -> E.Scope:
        """The names an expression of this problem may use (for parsing results back)."""
        variables = {v.name: E.var(v.name, v.shape, symmetric=v.symmetric) for v in self.variables}
        sizes = {s: shapes.size_symbol(s) for s in self.sizes}
        steps = (
            {s.name: E.var(s.name, s.node.shape, intermediate=True) for s in self.steps}
            if with_steps else {}
        )
        return E.Scope(variables, sizes, steps)


@dataclass(frozen=True, slots=True)
class Catalog:
    path: str                       # as given by the user, used in every message
    problems: tuple[Problem, ...]
    handouts: tuple[HandoutSpec, ...] = ()  # the optional top-level `handouts:` list, validated

    def problem(self, problem_id: str) -> Problem:
        return next(p for p in self.problems if p.id == problem_id)


# ---------------------------------------------------------------- the schema

MAX_CATALOG_BYTES = 5 * 1024 * 1024
MAX_YAML_DEPTH = 40
# Counts that bound the cost of loading (a 5 MB file holds about a million YAML values).
MAX_YAML_NODES = 200_000
MAX_PROBLEMS = 5_000
MAX_EXPRESSION_TEXT = 1_000_000  # characters of expression text in a whole catalog (parsing time)
MAX_ITEMS = 1_000               # entries of any one list or mapping without a limit of its own
#: The mapping keys leading to a list or mapping (list items add no key) -> (most entries in it,
#: what they are). Looked up by the whole path: a handout's ``tags`` is not a problem's.
LIST_LIMITS: dict[tuple[str, ...], tuple[int, str]] = {
    ("problems",): (MAX_PROBLEMS, "problems"),
    ("problems", "variables"): (100, "variables"),
    ("problems", "tags"): (20, "tags"),
    ("problems", "steps"): (50, "steps"),
    ("problems", "wrt"): (100, "variables"),
    ("handouts", "ids"): (MAX_PROBLEMS, "ids"),
    ("handouts", "tags"): (MAX_ITEMS, "tags"),
}
MAX_SIZE = 1000
MIN_SIZE = 1
MAX_SHAPE_SIZES = 2  # [] scalar, [n] vector, [m, n] matrix
DEFAULT_TOPIC = "General"
#: An id names files (docs/problems/TOPIC/ID.md, site/problems/TOPIC/ID/index.html), and a
#: topic's slug names a folder: both well under the 255 bytes a file name may have.
MAX_ID_CHARS = 100
#: Ids that name a generated page of their own: a topic's index.md.
RESERVED_IDS = ("index",)

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
NAME = shapes.SIZE_NAME  # variable, size and step names: a letter, then letters, digits, '_'

TOP_KEYS = ("problems", "handouts")
PROBLEM_KEYS = (
    "id", "title", "summary", "topic", "tags", "source",
    "variables", "expression", "wrt", "steps", "expected",
)
REQUIRED_KEYS = ("id", "title", "summary", "tags", "source", "variables", "expression", "wrt")
VARIABLE_KEYS = ("shape", "assume")

_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "seq", "map")
)
_STEP = re.compile(r"^(?P<target>[^=]*)=(?!=)(?P<value>.*)$", re.DOTALL)
# libyaml refuses an escape that is no character: half of a surrogate pair, or past U+10FFFF
_BAD_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})")
_LOW_ESCAPE = re.compile(r"\\u[dD][c-fC-F][0-9a-fA-F]{2}")


def slug(text: str, empty: str = "general") -> str:
    """The folder name of a topic: ``Matrix functions`` -> ``matrix-functions``; ``empty`` when
    nothing is left (a topic of punctuation only goes to the General folder)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or empty


def load_catalog(path: str | Path) -> Catalog:
    """Load and validate a catalog; raise CatalogError with every diagnostic found."""
    shown = str(path)
    return load_catalog_bytes(_read(path, shown), shown)


def load_catalog_bytes(data: bytes, shown: str) -> Catalog:
    """Validate a catalog held in memory (e.g. ``git show REV:path``); messages name ``shown``."""
    if len(data) > MAX_CATALOG_BYTES:
        raise _fatal(shown, 1, f"the catalog is too large (more than 5 MB; the limit is {MAX_CATALOG_BYTES // (1024 * 1024)} MB)")
    text = _decode(data, shown)
    root = _compose(text, shown)
    builder = _Builder(shown)
    catalog = builder.catalog(root)
    if builder.diagnostics:
        raise CatalogError(builder.diagnostics)
    return catalog


# ---------------------------------------------------------------- bytes, text, YAML nodes


def _fatal(file: str, line: int, message: str, problem: str = "", key: str = "") -> CatalogError:
    return CatalogError([Diagnostic(file, line, problem, key, message)])


def _read(path: str | Path, shown: str) -> bytes:
    limit = f"the limit is {MAX_CATALOG_BYTES // (1024 * 1024)} MB"
    try:
        size = os.stat(path).st_size
        if size > MAX_CATALOG_BYTES:
            raise _fatal(shown, 1, f"the catalog is too large ({size / 1024 / 1024:.1f} MB; {limit})")
        with open(path, "rb") as handle:
            data = handle.read(MAX_CATALOG_BYTES + 1)
    except OSError as exc:
        raise _fatal(shown, 1, f"cannot read the catalog: {exc.strerror or exc}") from None
    if len(data) > MAX_CATALOG_BYTES:
        raise _fatal(shown, 1, f"the catalog is too large (more than 5 MB; {limit})")
    return data


def _decode(data: bytes, shown: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fatal(
            shown, line,
            f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at column {col}); save it as UTF-8",
        ) from None
    if not text.strip():
        raise _fatal(shown, 1, "the catalog is empty (expected 'problems:' with a list of problems)")
    return text


class _Refused(Exception):
    def __init__(self, line: int, message: str, problem: str = "", key: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.problem = problem
        self.key = key


class _Loader(yaml.composer.Composer, CParser, yaml.resolver.Resolver):
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

    def compose_node(self, parent, index):  # noqa: ANN001 - PyYAML's signature
        try:
            event = self.peek_event()
        except yaml.MarkedYAMLError:
            self._remember_where(index.value if isinstance(index, ScalarNode) else "")
            raise
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise _Refused(line, "YAML aliases (*name) are not allowed in a catalog; write the value out")
        if event.anchor is not None:
            raise _Refused(line, "YAML anchors (&name) are not allowed in a catalog; write the value out")
        tag = getattr(event, "tag", None)
        if tag is not None and tag not in _STANDARD_TAGS:
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            raise _Refused(line, f"the YAML tag '{_clip(shown)}' is not allowed in a catalog")
        self._count(parent, line)
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
                raise _Refused(line, f"the YAML is nested too deeply (more than {MAX_YAML_DEPTH} levels)")
            node = super().compose_node(parent, index)
        except yaml.MarkedYAMLError:
            self._remember_where()
            raise
        finally:
            self._depth -= 1
            if key is not None:
                self._keys.pop()
        if key == "id" and self._keys == ["problems"] and self._depth == 3 and isinstance(node, ScalarNode):
            self._problem = _clip(node.value)   # root mapping > problems list > this problem
        elif key == "problems" and not self._keys:
            self._problem = ""          # the problems list has ended: what follows is no problem's
        return node

    def _count(self, parent, line: int) -> None:  # noqa: ANN001
        self._nodes += 1
        if self._nodes > MAX_YAML_NODES:
            raise _Refused(line, f"the catalog holds more than {MAX_YAML_NODES:,} YAML values (keys, values "
                                 f"and list items; the limit is {MAX_YAML_NODES:,})")
        if parent is None:
            return
        path = tuple(self._keys)        # the keys whose value ``parent`` is
        limit, noun = LIST_LIMITS.get(path, (MAX_ITEMS, "entries"))
        if len(parent.value) >= limit:
            raise _Refused(line, f"more than {limit:,} {noun} (the limit is {limit:,})", *self._where(path))

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
        raise _fatal(shown, exc.line, exc.message, exc.problem, exc.key) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        col = mark.column + 1 if mark else 1
        # libyaml marks the hex digits that follow the backslash and the letter
        escape = _BAD_ESCAPE.match(text, mark.index - 2) if mark and "escape code" in (exc.problem or "") else None
        if escape:
            problem, key = loader.refused_where or ("", "")
            message = _escape_message(escape.group(), text[escape.end():escape.end() + 6])
            raise _fatal(shown, line, message, problem, key) from None
        at_tab = bool(mark) and text[mark.index:mark.index + 1] == "\t"
        raise _fatal(shown, line, _yaml_message(exc, col, at_tab)) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(exc.position, 0)) + 1
        raise _fatal(
            shown, line,
            f"the file contains the control character #x{exc.character:04x}, which YAML does not allow",
        ) from None
    except yaml.YAMLError as exc:
        raise _fatal(shown, 1, f"invalid YAML: {_clip(str(exc), 100)}") from None
    except RecursionError:
        raise _fatal(shown, 1, "the YAML is nested too deeply") from None
    finally:
        loader.dispose()
    if root is None:
        raise _fatal(shown, 1, "the catalog is empty (expected 'problems:' with a list of problems)")
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


def _yaml_message(exc: yaml.MarkedYAMLError, col: int, at_tab: bool = False) -> str:
    problem = exc.problem or ""
    if at_tab or "'\\t'" in problem or "\t" in problem:
        return (
            f"invalid YAML: a tab character at column {col}; "
            "YAML indentation (and the space after ':') must use spaces, not tabs"
        )
    if "maximum nesting depth" in problem:  # libyaml's own limit, met while it reads ahead
        return f"the YAML is nested too deeply (more than {MAX_YAML_DEPTH} levels)"
    if exc.context == "expected a single document in the stream":
        return "invalid YAML: the file holds more than one YAML document ('---'); a catalog is one document"
    context = f" ({exc.context})" if exc.context else ""
    return f"invalid YAML at column {col}: {_clip(problem, 100)}{context}"


# ---------------------------------------------------------------- building the records


def _line(node: YamlNode) -> int:
    return node.start_mark.line + 1


def _clip(text: str, limit: int = 50) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _kind(node: YamlNode) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "null":
        return "an empty value"
    if tag == "bool":
        return f"'{_clip(node.value)}' (true/false)"
    if tag in ("int", "float"):
        return f"the number {_clip(node.value)}"
    return f"the text '{_clip(node.value)}'"


def _close(word: str, allowed: tuple[str, ...] | list[str]) -> str | None:
    close = difflib.get_close_matches(word, list(allowed), n=1, cutoff=0.6)
    return close[0] if close else None


def _hint(word: str, allowed: tuple[str, ...] | list[str]) -> str:
    close = _close(word, allowed)
    if close:
        return f" (did you mean '{close}'?)"
    return f" (allowed: {', '.join(allowed)})"


def _name_problem(name: str) -> str | None:
    """Why ``name`` cannot name a variable, a size or a step (None if it can)."""
    if not NAME.match(name):
        return "a name starts with a letter and holds only letters, digits and '_'"
    if keyword.iskeyword(name):
        return f"'{name}' is reserved"
    if name in E.KNOWN_FUNCTIONS:
        return f"'{name}' is a function of the expression language"
    return None


def _declared(names) -> str:
    return ", ".join(sorted(names)) or "none"


@dataclass
class _Sizes:
    """The size names of one problem's shapes, in order of appearance."""

    names: list[str] = field(default_factory=list)
    nodes: dict[str, YamlNode] = field(default_factory=dict)   # where each first appears
    owners: dict[str, str] = field(default_factory=dict)       # the variable it first appears in

    def add(self, name: str, node: YamlNode, owner: str) -> None:
        if name not in self.nodes:
            self.names.append(name)
            self.nodes[name] = node
            self.owners[name] = owner


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self.expression_chars = 0
        self.problem_id = ""
        self._ints = yaml.SafeLoader("")  # constructs int scalars only (never objects)
        self.topics: dict[str, tuple[str, int]] = {}  # topic slug -> (the topic, its first line)
        # every tag written on a problem, valid or not, for the handouts: section to select from
        self.all_tags: dict[str, None] = {}

    # ------------------------------------------------ reporting

    def error(self, where: YamlNode | int, key: str, message: str) -> None:
        line = where if isinstance(where, int) else _line(where)
        self.diagnostics.append(
            Diagnostic(self.file, line, self.problem_id, key, " ".join(message.split()))
        )

    def mapping(self, node: MappingNode, path: str) -> dict[str, tuple[YamlNode, YamlNode]]:
        """Key text -> (key node, value node); the first of duplicated keys wins (reported by
        :meth:`scan_duplicates`)."""
        out: dict[str, tuple[YamlNode, YamlNode]] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, ScalarNode):
                self.error(knode, path, f"a key must be plain text, got {_kind(knode)}")
                continue
            out.setdefault(knode.value, (knode, vnode))
        return out

    def scan_duplicates(self, node: YamlNode, path: str) -> None:
        """Report every duplicated mapping key in a subtree (iteratively: no recursion limit)."""
        stack: list[tuple[YamlNode, str]] = [(node, path)]
        while stack:
            current, where = stack.pop()
            if isinstance(current, MappingNode):
                first: dict[str, int] = {}
                for knode, vnode in current.value:
                    if isinstance(knode, ScalarNode):
                        if knode.value in first:
                            self.error(
                                knode, where,
                                f"duplicate key '{_clip(knode.value)}' (first at line {first[knode.value]})",
                            )
                        else:
                            first[knode.value] = _line(knode)
                        child = f"{where}.{_clip(knode.value, 30)}" if where else _clip(knode.value, 30)
                    else:
                        child = where
                    stack.append((vnode, child))
            elif isinstance(current, SequenceNode):
                for i, item in enumerate(current.value):
                    stack.append((item, f"{where}[{i}]"))

    def text(self, node: YamlNode, key: str) -> str | None:
        """A text value: any non-empty scalar (a number such as 2024 is taken as written)."""
        if not isinstance(node, ScalarNode) or node.tag.endswith(":null"):
            self.error(node, key, f"expected text, got {_kind(node)}")
            return None
        if not node.value.strip():
            self.error(node, key, "must not be empty")
            return None
        return node.value  # characters only: the loader refuses escapes of surrogates

    def sequence(self, node: YamlNode, key: str, example: str) -> list[YamlNode] | None:
        if not isinstance(node, SequenceNode):
            self.error(node, key, f"expected a list such as {example}, got {_kind(node)}")
            return None
        return list(node.value)

    def check_keys(self, fields, allowed: tuple[str, ...], key: str, what: str) -> set[str]:
        """Report unknown keys; return the keys suggested for them (a misspelt required key is
        then not reported a second time as missing)."""
        suggested: set[str] = set()
        for name, (knode, _) in fields.items():
            if name not in allowed:
                self.error(knode, key, f"unknown {what}key '{_clip(name)}'{_hint(name, allowed)}")
                suggested.add(_close(name, allowed) or "")
        return suggested

    # ------------------------------------------------ the catalog

    def catalog(self, root: YamlNode) -> Catalog:
        if not isinstance(root, MappingNode):
            self.error(root, "", f"the catalog must be a mapping with a 'problems:' list, got {_kind(root)}")
            return Catalog(self.file, ())
        fields = self.mapping(root, "")
        self.scan_duplicates_top(root)
        misspelt = self.check_keys(fields, TOP_KEYS, "", "top-level ")
        problems: list[Problem] = []
        seen: dict[str, int] = {}
        if "problems" not in fields:
            if "problems" not in misspelt:
                self.error(root, "", "missing the top-level key 'problems' (a list of problems)")
        else:
            knode, vnode = fields["problems"]
            items = None
            if isinstance(vnode, SequenceNode):
                items = list(vnode.value)
            else:
                self.error(
                    vnode, "problems",
                    f"expected a list of problems (each starting with '- id: ...'), got {_kind(vnode)}",
                )
            if items is not None and not items:
                self.error(vnode, "problems", "the list is empty; add at least one problem")
            for index, item in enumerate(items or ()):
                problem = self.problem(item, index, seen)
                if problem is not None:
                    problems.append(problem)
            self.problem_id = ""
        handouts: tuple[HandoutSpec, ...] = ()
        if "handouts" in fields:
            handouts = read_handouts(self, fields["handouts"][1], list(seen), list(self.all_tags))
        return Catalog(self.file, tuple(problems), handouts)

    def scan_duplicates_top(self, root: MappingNode) -> None:
        """Top-level keys and everything but the problems (each problem scans itself)."""
        first: dict[str, int] = {}
        for knode, vnode in root.value:
            if not isinstance(knode, ScalarNode):
                continue
            if knode.value in first:
                self.error(knode, "", f"duplicate key '{_clip(knode.value)}' (first at line {first[knode.value]})")
                continue
            first[knode.value] = _line(knode)
            if knode.value == "problems" and isinstance(vnode, SequenceNode):
                continue
            self.scan_duplicates(vnode, knode.value)

    # ------------------------------------------------ one problem

    def problem(self, node: YamlNode, index: int, seen: dict[str, int]) -> Problem | None:
        self.problem_id = ""
        if not isinstance(node, MappingNode):
            self.error(
                node, f"problems[{index}]",
                f"a problem must be a mapping of keys (id, title, ...), got {_kind(node)}",
            )
            return None
        before = len(self.diagnostics)
        fields = self.mapping(node, "")

        pid = None
        if "id" in fields:
            id_node = fields["id"][1]
            pid = self.text(id_node, "id")
            if pid is not None:
                self.problem_id = _clip(pid)
                if len(pid) > MAX_ID_CHARS:
                    self.error(id_node, "id", f"is too long ({len(pid)} characters; the limit is {MAX_ID_CHARS}, "
                                              "as it names the page's files)")
                elif pid in RESERVED_IDS:
                    self.error(id_node, "id", f"'{pid}' names the page that lists a topic; choose another id")
                elif not SLUG.match(pid):
                    self.error(
                        id_node, "id",
                        f"'{_clip(pid)}' is not a valid id (use lowercase letters, digits and "
                        "single hyphens, such as 'least-squares')",
                    )
                elif pid in seen:
                    self.error(id_node, "id", f"'{pid}' is used twice (first at line {seen[pid]})")
                else:
                    seen[pid] = _line(id_node)

        self.scan_duplicates(node, "")
        misspelt = self.check_keys(fields, PROBLEM_KEYS, "", "")
        for key in REQUIRED_KEYS:
            if key not in fields and key not in misspelt:
                self.error(node, "", f"missing required key '{key}'")

        title = self.text_field(fields, "title")
        summary = self.text_field(fields, "summary")
        source = self.text_field(fields, "source")
        topic = self.text_field(fields, "topic") if "topic" in fields else DEFAULT_TOPIC
        if topic is not None:
            self.topic(topic, fields["topic"][1] if "topic" in fields else node)
        tags = self.tags(fields)

        variables, failed_vars, sizes = self.variables(fields)
        declared = set(variables) | failed_vars
        wrt = self.wrt(fields, declared)

        expression_text = None
        expression = None
        if "expression" in fields:
            expression_text = self.text(fields["expression"][1], "expression")
        step_names = self.step_names(fields)
        scope = E.Scope(
            {name: E.var(name, v.shape, symmetric=v.symmetric) for name, v in variables.items()},
            {s: shapes.size_symbol(s) for s in sizes.names},
        )
        if expression_text is not None:
            expression = self.parse(
                expression_text, scope, fields["expression"][1], "expression", failed_vars, step_names, None
            )
        steps = self.steps(fields, scope, failed_vars, step_names)
        expected = self.expected(fields, scope, failed_vars, wrt, expression)

        if expression is not None and steps is not None and steps:
            self.check_last_step(fields["steps"][1], steps, expression)
        if expression is not None and steps is not None:
            used = E.free_vars(expression).union(*(E.free_vars(s.node) for s in steps))
            for name, record in variables.items():
                if name not in used:
                    self.error(
                        record.line, f"variables.{name}",
                        f"'{name}' is declared but not used in the expression",
                    )

        if len(self.diagnostics) != before:
            return None
        assert pid is not None and title is not None and summary is not None and source is not None
        assert topic is not None and tags is not None and wrt is not None and expression is not None
        assert expression_text is not None and steps is not None and expected is not None
        return Problem(
            id=pid,
            title=title,
            summary=summary,
            tags=tags,
            source=source,
            topic=topic,
            variables=tuple(variables.values()),
            sizes=tuple(sizes.names),
            expression_text=expression_text,
            expression=expression,
            wrt=wrt,
            steps=tuple(steps),
            expected=expected,
            line=_line(node),
        )

    def text_field(self, fields, key: str) -> str | None:
        if key not in fields:
            return None
        value = self.text(fields[key][1], key)
        return None if value is None else " ".join(value.split())

    def topic(self, topic: str, node: YamlNode) -> None:
        """A topic names a folder of the site: its slug must be short and belong to it alone."""
        folder = slug(topic)
        if len(folder) > MAX_ID_CHARS:
            self.error(node, "topic", f"is too long for a folder name (its slug has {len(folder)} characters; "
                                      f"the limit is {MAX_ID_CHARS})")
            return
        first = self.topics.setdefault(folder, (topic, _line(node)))
        if first[0] != topic:
            self.error(node, "topic", f"'{_clip(topic)}' and the topic '{_clip(first[0])}' (line {first[1]}) share "
                                      f"the folder '{_clip(folder)}'; spell them alike or apart")

    def tags(self, fields) -> tuple[str, ...] | None:
        if "tags" not in fields:
            return None
        items = self.sequence(fields["tags"][1], "tags", "[chain rule, vector]")
        if items is None:
            return None
        out = []
        for i, item in enumerate(items):
            value = self.text(item, f"tags[{i}]")
            if value is not None:
                out.append(" ".join(value.split()))
                self.all_tags.setdefault(out[-1])
        return tuple(out) if len(out) == len(items) else None

    # ------------------------------------------------ variables and sizes

    def variables(self, fields) -> tuple[dict[str, Variable], set[str], _Sizes]:
        """(the variables that validated, the names of those that did not, the sizes)."""
        good: dict[str, Variable] = {}
        failed: set[str] = set()
        sizes = _Sizes()
        if "variables" not in fields:
            return good, failed, sizes
        vnode = fields["variables"][1]
        if not isinstance(vnode, MappingNode):
            self.error(vnode, "variables", f"expected a mapping such as 'x: {{shape: [n]}}', got {_kind(vnode)}")
            return good, failed, sizes
        entries = self.mapping(vnode, "variables")
        for name, (knode, body) in entries.items():
            record = self.variable(name, knode, body, sizes)
            if record is None:
                failed.add(name)
            else:
                good[name] = record
        for size in sizes.names:
            if size in entries:
                self.error(
                    sizes.nodes[size], f"variables.{_clip(sizes.owners[size])}.shape",
                    f"the size '{size}' has the same name as the variable '{size}'",
                )
        return good, failed, sizes

    def variable(self, name: str, knode: YamlNode, body: YamlNode, sizes: _Sizes) -> Variable | None:
        key = f"variables.{_clip(name)}"
        ok = True
        why = _name_problem(name)
        if why:
            self.error(knode, key, f"'{_clip(name)}' cannot name a variable: {why}")
            ok = False
        if not isinstance(body, MappingNode):
            self.error(body, key, f"expected a mapping such as {{shape: [n]}}, got {_kind(body)}")
            return None
        fields = self.mapping(body, key)
        misspelt = self.check_keys(fields, VARIABLE_KEYS, key, "")
        if "shape" not in fields:
            if "shape" not in misspelt:
                self.error(body, key, "missing required key 'shape'")
            return None
        shape = self.shape(fields["shape"][1], f"{key}.shape", name, sizes)
        assume = self.assume(fields, f"{key}.assume", shape, name)
        if shape is None or assume is None or not ok:
            return None
        return Variable(name, shape, assume, _line(knode))

    def shape(self, node: YamlNode, key: str, owner: str, sizes: _Sizes) -> Shape | None:
        items = self.sequence(node, key, "[] (scalar), [n] (vector) or [m, n] (matrix)")
        if items is None:
            return None
        if len(items) > MAX_SHAPE_SIZES:
            self.error(
                node, key,
                f"a shape has at most two sizes ([] scalar, [n] vector, [m, n] matrix), got {len(items)}",
            )
            return None
        dims: list[sympy.Expr] = []
        for item in items:
            d = self.size(item, key)
            if d is None:
                continue
            if isinstance(d, str):
                sizes.add(d, item, owner)
                dims.append(shapes.size_symbol(d))
            else:
                dims.append(sympy.Integer(d))
        if len(dims) != len(items):
            return None
        return shapes.from_spec(dims)  # type: ignore[arg-type] - sympy dims pass through

    def size(self, node: YamlNode, key: str) -> int | str | None:
        expected = "a size is a whole number from 1 to 1000 or a name such as n"
        if not isinstance(node, ScalarNode):
            self.error(node, key, f"{expected}, got {_kind(node)}")
            return None
        tag = node.tag.rsplit(":", 1)[-1]
        if tag == "int" and len(node.value) <= 20:
            value = self._ints.construct_object(node)
            if not MIN_SIZE <= value <= MAX_SIZE:
                self.error(node, key, f"{expected}, got {_clip(node.value)}")
                return None
            return value
        if tag == "str" and NAME.match(node.value):
            why = _name_problem(node.value)
            if why:
                self.error(node, key, f"'{_clip(node.value)}' cannot name a size: {why}")
                return None
            return node.value
        self.error(node, key, f"{expected}, got {_kind(node)}")
        return None

    def assume(self, fields, key, shape: Shape | None, name: str) -> tuple[Assumption, ...] | None:
        if "assume" not in fields:
            return ()
        items = self.sequence(fields["assume"][1], key, "[symmetric]")
        if items is None:
            return None
        allowed = tuple(a.value for a in Assumption)
        out: list[Assumption] = []
        ok = True
        for item in items:
            word = self.text(item, key)
            if word is None:
                ok = False
                continue
            if word not in allowed:
                self.error(item, key, f"unknown assumption '{_clip(word)}'{_hint(word, allowed)}")
                ok = False
                continue
            a = Assumption(word)
            if shape is not None:
                if a in MATRIX_ASSUMPTIONS and (shape.is_vector_like or not shape.is_square):
                    self.error(
                        item, key,
                        f"'{a.value}' applies to square matrices, but '{name}' has shape {shape.label()}",
                    )
                    ok = False
                    continue
                if a in SCALAR_ASSUMPTIONS and not shape.is_scalar:
                    self.error(
                        item, key,
                        f"'{a.value}' applies to scalars, but '{name}' has shape {shape.label()}",
                    )
                    ok = False
                    continue
            if a not in out:
                out.append(a)
        return tuple(out) if ok else None

    def wrt(self, fields, declared: set[str]) -> tuple[str, ...] | None:
        if "wrt" not in fields:
            return None
        node = fields["wrt"][1]
        items = self.sequence(node, "wrt", "[w]")
        if items is None:
            return None
        if not items:
            self.error(node, "wrt", "name at least one declared variable")
            return None
        out: list[str] = []
        ok = True
        for item in items:
            name = self.text(item, "wrt")
            if name is None:
                ok = False
            elif name not in declared:
                self.error(
                    item, "wrt",
                    f"'{_clip(name)}' is not a declared variable (declared: {_declared(declared)})",
                )
                ok = False
            elif name in out:
                self.error(item, "wrt", f"'{name}' is listed twice")
                ok = False
            else:
                out.append(name)
        return tuple(out) if ok else None

    # ------------------------------------------------ expressions and steps

    def parse(self, text, scope, node, key, failed_vars, step_names, position) -> Node | None:
        """Parse one expression; report its error at the YAML line of its value."""
        if self.expression_chars > MAX_EXPRESSION_TEXT:
            return None     # reported once, where the limit was passed
        self.expression_chars += len(text)
        if self.expression_chars > MAX_EXPRESSION_TEXT:
            self.error(node, key, f"the catalog's expressions, steps and expected answers hold more than "
                                  f"{MAX_EXPRESSION_TEXT:,} characters together (the limit is {MAX_EXPRESSION_TEXT:,})")
            return None
        try:
            return E.parse(text, scope)
        except ExprError as exc:
            message = exc.message
            if exc.code is ErrorCode.UNKNOWN_NAME and exc.name is not None:
                name = exc.name
                if name in failed_vars:
                    return None  # its declaration was reported already
                if name in step_names:
                    where = step_names[name]
                    if position is None:
                        message = (
                            f"'{name}' is a step; write the expression over the declared "
                            f"variables (declared: {scope.known()})"
                        )
                    elif where >= position:
                        message = f"'{name}' is defined by a later step (steps[{where}]); a step may use only earlier steps"
                    else:
                        return None  # an earlier step that failed; reported already
            self.error(node, key, message)
            return None

    def step_names(self, fields) -> dict[str, int]:
        """Step name -> index, read leniently (the real checks are in :meth:`steps`)."""
        out: dict[str, int] = {}
        if "steps" in fields and isinstance(fields["steps"][1], SequenceNode):
            for i, item in enumerate(fields["steps"][1].value):
                if isinstance(item, ScalarNode):
                    m = _STEP.match(item.value)
                    if m and NAME.match(m.group("target").strip()):
                        out.setdefault(m.group("target").strip(), i)
        return out

    def steps(self, fields, scope: E.Scope, failed_vars, step_names) -> list[StepDef] | None:
        if "steps" not in fields:
            return []
        node = fields["steps"][1]
        if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
            return []
        items = self.sequence(node, "steps", "['a = X @ w', 'z = norm(a)**2']")
        if items is None:
            return None
        out: list[StepDef] = []
        defined: dict[str, int] = {}
        known: dict[str, E.Var] = {}
        # Names of steps that failed: a later step using one is not checked (its errors would
        # only repeat the first one).
        poisoned: set[str] = set(failed_vars)
        ok = True
        for i, item in enumerate(items):
            key = f"steps[{i}]"
            text = self.text(item, key)
            if text is None:
                ok = False
                continue
            split = self.split_step(text, item, key)
            if split is None:
                leading = re.match(r"\s*([A-Za-z_]\w*)", text)
                if leading:
                    poisoned.add(leading.group(1))
                ok = False
                continue
            name, value = split
            problem = None
            if why := _name_problem(name):
                problem = f"'{name}' cannot name a step: {why}"
            elif name in scope.variables or name in failed_vars:
                problem = f"'{name}' is a declared variable; a step needs a new name"
            elif name in scope.sizes:
                problem = f"'{name}' is a size; a step needs a new name"
            elif name in defined:
                problem = f"the step '{name}' is defined twice (first in steps[{defined[name]}])"
            if problem:
                self.error(item, key, problem)
                if name not in scope.variables and name not in defined:
                    poisoned.add(name)
                ok = False
                continue
            defined[name] = i
            if poisoned.intersection(re.findall(r"[A-Za-z_]\w*", value)) - set(known):
                ok = False
                continue
            step_scope = E.Scope(scope.variables, scope.sizes, dict(known))
            parsed = self.parse(value, step_scope, item, key, poisoned, step_names, i)
            if parsed is None:
                poisoned.add(name)
                ok = False
                continue
            known[name] = E.var(name, parsed.shape, intermediate=True)
            out.append(StepDef(name, value.strip(), parsed, _line(item)))
        if not ok:
            return None
        for k, step in enumerate(out[:-1]):
            if not any(step.name in E.free_vars(later.node) for later in out[k + 1:]):
                self.error(step.line, f"steps[{k}]", f"the step '{step.name}' is not used by a later step")
                ok = False
        return out if ok else None

    def split_step(self, text: str, item: YamlNode, key: str) -> tuple[str, str] | None:
        form = f"a step is written 'name = expression', got '{_clip(text)}'"
        if len(text) > E.MAX_EXPRESSION_CHARS:
            self.error(
                item, key,
                f"step is too long ({len(text)} characters; the limit is {E.MAX_EXPRESSION_CHARS})",
            )
            return None
        m = _STEP.match(text)
        if not m:
            self.error(item, key, form)
            return None
        target = m.group("target").strip()
        try:
            tree = ast.parse(target, mode="eval")
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            self.error(item, key, form)
            return None
        if isinstance(tree.body, ast.Tuple):
            self.error(item, key, f"a step defines one name, got '{_clip(target)}'")
            return None
        if not isinstance(tree.body, ast.Name):
            self.error(item, key, f"a step defines a plain name, got '{_clip(target)}'")
            return None
        return tree.body.id, m.group("value")

    def check_last_step(self, node: YamlNode, steps: list[StepDef], expression: Node) -> None:
        full: dict[str, Node] = {}
        try:
            for step in steps:
                full[step.name] = E.substitute(step.node, full)
            same = _canonical(full[steps[-1].name]) == _canonical(expression)
        except RecursionError:
            self.error(steps[-1].line, "steps", "the steps are nested too deeply to compare with the expression")
            return
        if not same:
            try:
                shown = f" (the steps give '{_clip(E.to_text(full[steps[-1].name]), 60)}')"
            except Exception:  # noqa: BLE001 - the detail is optional
                shown = ""
            self.error(steps[-1].line, "steps", f"the last step does not compute the expression{shown}")

    def expected(self, fields, scope, failed_vars, wrt, function: Node | None) -> dict[str, Expected] | None:
        """The expected answers, each parsed and of the one shape the derivative can have (known
        from the function's and the variable's shapes before anything is derived)."""
        if "expected" not in fields:
            return {}
        node = fields["expected"][1]
        if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
            return {}
        if not isinstance(node, MappingNode):
            self.error(node, "expected", f"expected a mapping such as 'w: \"2 * w\"', got {_kind(node)}")
            return None
        out: dict[str, Expected] = {}
        ok = True
        for name, (knode, vnode) in self.mapping(node, "expected").items():
            if wrt is not None and name not in wrt:
                self.error(knode, "expected", f"'{_clip(name)}' is not in wrt (wrt: {', '.join(wrt)})")
                ok = False
                continue
            key = f"expected.{_clip(name)}"
            text = self.text(vnode, key)
            if text is None:
                ok = False
                continue
            parsed = self.parse(text, scope, vnode, key, failed_vars, {}, None)
            if parsed is None:
                ok = False
                continue
            variable = scope.variables.get(name)
            if function is not None and variable is not None:
                want = shapes.derivative_shape(function.shape, variable.shape)
                if parsed.shape != want:
                    self.error(vnode, key, f"has shape {parsed.shape.label()}, but the derivative of a function of shape "
                                           f"{function.shape.label()} by '{name}' of shape {variable.shape.label()} "
                                           f"has shape {want.label()} in denominator layout, the layout of expected")
                    ok = False
                    continue
            out[name] = Expected(text, parsed, _line(vnode))
        return out if ok else None


# ---------------------------------------------------------------- comparing steps with the expression
#
# The steps must compute the expression. The comparison is structural, up to a few identities
# that always hold, so that a lecture may write its steps in its own words:
#   - the order and grouping of the terms of a sum and of the factors of an elementwise product;
#   - transposes pushed down to the variables: (A B)^T = B^T A^T, (a + b)^T = a^T + b^T,
#     f(a)^T = f(a^T) for elementwise f, inv(A)^T = inv(A^T), outer(a, b)^T = outer(b, a),
#     M^T[i, j] = M[j, i], and A^T = A for a symmetric A, s^T = s for a scalar s;
#   - grouping of matrix products, and a 1 x 1 product equal to its transpose (x^T A y = y^T A^T x);
#   - inner products: dot(u, v) = u^T v = sum(u * v) for two vectors of one shape;
#   - sum, mean, norm, det and tr do not change when their argument is transposed.
# Nothing is simplified beyond that: a step list that differs otherwise is reported.


def _canonical(node: Node, t: bool = False):
    """A comparable form of ``node`` (of its transpose when ``t``); see the identities above."""
    if node.shape.is_scalar:
        t = False
    match node:
        case E.Var():
            flip = t and not node.symmetric
            return ("T" if flip else "var", node.name, node.shape)
        case E.Num():
            return ("num", node.value)
        case E.Add(terms=terms):
            return ("add", _sorted_flat("add", [_canonical(x, t) for x in terms]))
        case E.Mul(left=a, right=b):
            if node.shape.is_scalar or a.shape == b.shape or a.shape.is_scalar or b.shape.is_scalar:
                return ("mul", _sorted_flat("mul", [_canonical(a, t), _canonical(b, t)]))
        case E.Neg(arg=a):
            inner = _canonical(a, t)
            return inner[1] if inner[0] == "neg" else ("neg", inner)
        case E.Div(left=a, right=b):
            return ("div", _canonical(a, t), _canonical(b, t))
        case E.Pow(base=a, exp=b):
            return ("pow", _canonical(a, t), _canonical(b))
        case E.Func(fn=fn, arg=a):
            return ("func", fn.value, _canonical(a, t))
        case E.Maximum(left=a, right=b):
            return ("maximum", _canonical(a, t), _canonical(b, t))
        case E.Transpose(arg=a):
            return _canonical(a, not t)
        case E.MatMul():
            return _chain(_factors(node, t), node.shape.is_scalar)
        case E.Dot(left=a, right=b):
            return _chain(_factors(a, not a.shape.is_row) + _factors(b, b.shape.is_row), True)
        case E.Sum(arg=E.Mul(left=a, right=b)) if a.shape == b.shape and a.shape.is_vector_like:
            return _chain(_factors(a, not a.shape.is_row) + _factors(b, b.shape.is_row), True)
        case E.Sum(arg=a) | E.Mean(arg=a) | E.Norm(arg=a) | E.Det(arg=a) | E.Trace(arg=a):
            forms = sorted((_canonical(a, False), _canonical(a, True)), key=repr)
            return (type(node).__name__, forms[0])
        case E.Inv(arg=a):
            return ("inv", _canonical(a, t))
        case E.Diag(arg=a) if a.shape.is_vector_like:
            return ("diag", min((_canonical(a, False), _canonical(a, True)), key=repr))
        case E.Outer(left=a, right=b):
            a, b = (b, a) if t else (a, b)
            return ("outer", _canonical(a, a.shape.is_row), _canonical(b, b.shape.is_row))
        case E.Index(arg=a, row=r, col=c):
            if isinstance(a, E.Transpose):
                return _canonical(E.index(a.arg, c, r))
            return ("index", r, c, _canonical(a))
        case E.Lit(rows=rows):
            grid = [[_canonical(e) for e in row] for row in rows]
            if t:
                grid = [list(col) for col in zip(*grid)]
            return ("lit", tuple(tuple(row) for row in grid))
        case E.Eye():
            return ("leaf", node)
        case E.Ones() | E.Zero():
            return ("leaf", type(node)(node.shape.transpose()) if t else node)
    # anything else: compared as it is
    kids = tuple(_canonical(k) for k in node.children())
    form = ("node", type(node).__name__, node.shape, kids) if kids else ("leaf", node)
    return ("T", form) if t else form


def _factors(node: Node, t: bool) -> list[tuple[Node, bool]]:
    """The factors of a matrix product (of its transpose when ``t``), each with its own flag."""
    if isinstance(node, E.Transpose):
        return _factors(node.arg, not t)
    if isinstance(node, E.MatMul):
        left, right = _factors(node.left, t), _factors(node.right, t)
        return right + left if t else left + right
    return [(node, t)]


def _chain(factors: list[tuple[Node, bool]], scalar: bool):
    forward = tuple(_canonical(n, t) for n, t in factors)
    if len(forward) == 1:
        return forward[0]
    if not scalar:
        return ("matmul", forward)
    backward = tuple(_canonical(n, not t) for n, t in reversed(factors))  # a 1 x 1 product is its transpose
    return ("matmul", min(forward, backward, key=repr))


def _sorted_flat(kind: str, items: list) -> tuple:
    flat: list = []
    for item in items:
        flat.extend(item[1] if item[0] == kind else (item,))
    return tuple(sorted(flat, key=repr))
