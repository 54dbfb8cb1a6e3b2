"""The catalog's optional top-level ``handouts:`` section, read into typed :class:`HandoutSpec` records.

A handout is a named selection of problems (by id and/or tag) printed as exercise and solution
sheets by :mod:`mcdocgen.publish.handout`. The section is validated while the catalog is loaded,
from the YAML nodes, so each mistake is located at its own line like any other catalog mistake.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from yaml.nodes import MappingNode, Node as YamlNode, ScalarNode, SequenceNode

from mcdocgen.catalog.reader import Reader, hint, kind
from mcdocgen.catalog.records import MAX_ID_CHARS, SLUG, Problem
from mcdocgen.errors import ErrorCode, clip, suggest
from mcdocgen.language import Layout



@enum.unique
class HandoutLayout(enum.StrEnum):
    """Which layouts a handout shows: one of the two, or both side by side."""

    NUMERATOR = "numerator"
    DENOMINATOR = "denominator"
    BOTH = "both"


@enum.unique
class Wording(enum.StrEnum):
    """How a handout's statements declare the variables (`mcdocgen handout --wording`)."""

    SHAPES = "shapes"   # "x is a vector of shape (n, 1)", as the site writes it
    SETS = "sets"       # "x, w ∈ ℝⁿ, y ∈ ℝ", as the lecture writes it


LAYOUTS = tuple(HandoutLayout)
WORDINGS = tuple(Wording)
KEYS = ("name", "title", "course", "author", "date", "ids", "tags", "topics", "layout", "points", "student", "wording")
REQUIRED = ("name", "title")
TEXT_KEYS = ("name", "title", "course", "author", "date")
DEFAULT_NAME = "handout"
DEFAULT_TITLE = "Matrix calculus"
MAX_POINTS = 100        # points of one problem: a whole number from 1


@dataclass(frozen=True, slots=True)
class HandoutSpec:
    """One handout: its file name stem, the text of its title block and its selection."""

    name: str
    title: str = DEFAULT_TITLE
    course: str = ""
    author: str = ""
    date: str = ""
    ids: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    layout: HandoutLayout = HandoutLayout.BOTH
    points: tuple[tuple[str, int], ...] = ()    # problem id -> points (an extension: `points:`)
    points_each: int = 0                        # `points: 5`: every problem of the handout; 0: none
    student: bool = False                       # the student edition (present.handout.HandoutStyle)
    wording: Wording = Wording.SHAPES           # how statements declare the variables
    topics: tuple[str, ...] = ()                # only the problems of these topics (an extension: `topics:`)

    @property
    def layouts(self) -> tuple[Layout, ...]:
        return tuple(Layout) if self.layout == HandoutLayout.BOTH else (Layout(self.layout),)

    def points_of(self, ids: Sequence[str]) -> dict[str, int]:
        """The points of each of ``ids`` that has some (its own, else the handout's for each)."""
        own = dict(self.points)
        return {pid: own.get(pid, self.points_each) for pid in ids if own.get(pid, self.points_each)}

    def file_name(self, edition: str, suffix: str) -> str:
        return f"{self.name}-{edition}.{suffix}"


def read_handouts(reader: Reader, node: YamlNode, ids: Sequence[str], tags: Sequence[str],
                  topics: Sequence[str] = (), problems: Sequence[Problem] | None = None) -> tuple[HandoutSpec, ...]:
    """The ``handouts:`` list, each item checked against the catalog's problem ``ids``, ``tags`` and
    ``topics`` (those of every problem, valid or not, so a problem's own mistake is not reported
    again as an unknown id), and, given the ``problems`` (every one valid), that its topics leave some of
    the problems it selects; mistakes go to ``reader``, and only valid items are returned."""
    if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
        return ()
    if not isinstance(node, SequenceNode):
        reader.error(node, "handouts", f"expected a list, got {kind(node)}", ErrorCode.WRONG_TYPE)
        return ()
    seen: dict[str, int] = {}
    specs = [_handout(reader, item, index, {"ids": ids, "tags": tags, "topics": topics}, seen, problems)
             for index, item in enumerate(node.value)]
    return tuple(spec for spec in specs if spec is not None)


def selection(problems: Sequence[Problem], ids: Sequence[str] = (), tags: Sequence[str] = (),
              topics: Sequence[str] = ()) -> list[str]:
    """The problem ids a handout selects: the ids in the order given, then the problems carrying any of the tags
    in catalog order (each once); neither given: every problem in catalog order. With ``topics``, only those of
    the problems in one of the topics (a handout of 55 problems tagged "chain rule" is read as several, by topic)."""
    if ids or tags:
        chosen = list(dict.fromkeys(ids))
        wanted = set(tags)
        chosen += [p.id for p in problems if wanted & set(p.tags) and p.id not in chosen]
    else:
        chosen = [p.id for p in problems]
    if not topics:
        return chosen
    topic_of = {p.id: p.topic for p in problems}
    return [pid for pid in chosen if topic_of[pid] in topics]


def _handout(reader: Reader, item: YamlNode, index: int, known: dict[str, Sequence[str]],
             seen: dict[str, int], problems: Sequence[Problem] | None) -> HandoutSpec | None:
    where = f"handouts[{index}]"
    if not isinstance(item, MappingNode):
        reader.error(item, where, f"expected a mapping with at least 'name' and 'title', got {kind(item)}", ErrorCode.WRONG_TYPE)
        return None
    before = len(reader.diagnostics)
    fields = reader.mapping(item, where)
    for key, (knode, _) in fields.items():
        if key not in KEYS:
            reader.error(knode, f"{where}.{clip(key, 30)}", f"unknown key '{clip(key)}'{hint(key, KEYS)}", ErrorCode.UNKNOWN_KEY)
    for key in REQUIRED:
        if key not in fields:
            reader.error(item, where, f"missing the key '{key}'", ErrorCode.MISSING_KEY)
    text: dict[str, str] = {}
    for key in TEXT_KEYS:
        if key in fields:
            value = reader.text(fields[key][1], f"{where}.{key}")
            if value is not None:
                text[key] = " ".join(value.split())
    name = text.get("name", "")
    if name:
        name_node = fields["name"][1]
        if len(name) > MAX_ID_CHARS:
            reader.error(name_node, f"{where}.name",
                         f"is too long ({len(name)} characters; the limit is {MAX_ID_CHARS}, as it names files)",
                         ErrorCode.BAD_ID)
        elif not SLUG.match(name):
            reader.error(name_node, f"{where}.name", f"'{clip(name)}' is not a slug: use lower-case letters, "
                                                     "digits and single '-', e.g. chain-rule", ErrorCode.BAD_ID)
        elif name in seen:
            reader.error(name_node, f"{where}.name", f"duplicate handout name '{name}' (first in handouts[{seen[name]}])",
                         ErrorCode.DUPLICATE_ID)
        else:
            seen[name] = index
    lists: dict[str, tuple[str, ...]] = {}
    for key, what, code in (("ids", "problem", ErrorCode.UNKNOWN_PROBLEM), ("tags", "tag", ErrorCode.UNKNOWN_TAG),
                            ("topics", "topic", ErrorCode.UNKNOWN_TOPIC)):
        if key in fields:
            lists[key] = _selection(reader, fields[key][1], f"{where}.{key}", known[key], what, code)
    layout = HandoutLayout.BOTH
    if "layout" in fields:
        layout_node = fields["layout"][1]
        value = reader.text(layout_node, f"{where}.layout")
        if value is not None and value not in LAYOUTS:
            reader.error(layout_node, f"{where}.layout", f"expected one of {', '.join(LAYOUTS)}, got '{clip(value)}'",
                         ErrorCode.BAD_LAYOUT)
        elif value:
            layout = HandoutLayout(value)
    points: tuple[tuple[str, int], ...] = ()
    each = 0
    if "points" in fields:
        each, points = _points(reader, fields["points"][1], f"{where}.points", known["ids"])
    student = _flag(reader, fields["student"][1], f"{where}.student") if "student" in fields else False
    wording = Wording.SHAPES
    if "wording" in fields:
        value = reader.text(fields["wording"][1], f"{where}.wording")
        if value is not None and value not in WORDINGS:
            reader.error(fields["wording"][1], f"{where}.wording",
                         f"expected one of {', '.join(WORDINGS)}, got '{clip(value)}'", ErrorCode.WRONG_TYPE)
        elif value:
            wording = Wording(value)
    if len(reader.diagnostics) == before and lists.get("topics") and problems is not None and not selection(
            problems, lists.get("ids", ()), lists.get("tags", ()), lists["topics"]):
        # an empty handout is a mistake in the selection, never a PDF of nothing
        reader.error(fields["topics"][1], f"{where}.topics", "no problem its ids and tags select is in the topics "
                     f"{', '.join(repr(t) for t in lists['topics'])}", ErrorCode.EMPTY_VALUE)
    if len(reader.diagnostics) != before:
        return None
    return HandoutSpec(name, text["title"], text.get("course", ""), text.get("author", ""), text.get("date", ""),
                       lists.get("ids", ()), lists.get("tags", ()), layout, points, each, student, wording,
                       topics=lists.get("topics", ()))


def _flag(reader: Reader, node: YamlNode, key: str) -> bool:
    if isinstance(node, ScalarNode) and node.tag.endswith(":bool"):
        return node.value.lower() in ("true", "yes", "on")
    reader.error(node, key, f"expected true or false, got {clip(str(getattr(node, 'value', '')) or kind(node))}",
                 ErrorCode.WRONG_TYPE)
    return False


def _points(reader: Reader, node: YamlNode, key: str, ids: Sequence[str]) -> tuple[int, tuple[tuple[str, int], ...]]:
    """``points: 5`` (every problem) or ``points: {problem-id: 5, ...}``: (each, by id)."""
    if isinstance(node, MappingNode):
        by_id: list[tuple[str, int]] = []
        for pid, (knode, vnode) in reader.mapping(node, key).items():
            if pid not in ids:
                reader.error(knode, key, f"unknown problem '{clip(pid)}'{suggest(pid, ids)}", ErrorCode.UNKNOWN_PROBLEM)
            value = _whole(reader, vnode, f"{key}.{clip(pid, 30)}")
            if value:
                by_id.append((pid, value))
        return 0, tuple(by_id)
    return _whole(reader, node, key), ()


def _whole(reader: Reader, node: YamlNode, key: str) -> int:
    """A number of points, 1 to MAX_POINTS; 0 after reporting anything else."""
    if isinstance(node, ScalarNode) and node.tag.endswith(":int"):
        value = int(node.value)
        if 1 <= value <= MAX_POINTS:
            return value
    reader.error(node, key, f"expected a whole number of points from 1 to {MAX_POINTS}, or a mapping "
                            f"problem id -> points, got {clip(str(getattr(node, 'value', '')) or kind(node))}",
                 ErrorCode.WRONG_TYPE)
    return 0


def _selection(reader: Reader, node: YamlNode, key: str, choices: Sequence[str], what: str,
               unknown: ErrorCode) -> tuple[str, ...]:
    """The problem ids or tags a handout selects: a list (or one text) of known ones, each once."""
    items = [node] if isinstance(node, ScalarNode) and not node.tag.endswith(":null") else None
    if isinstance(node, SequenceNode) and node.value:
        items = list(node.value)
    if items is None:
        example = choices[0] if choices else "x"
        reader.error(node, key, f"expected a non-empty list such as [{clip(example, 30)}], got {kind(node)}",
                     ErrorCode.WRONG_TYPE)
        return ()
    good: list[str] = []
    for entry in items:
        value = reader.text(entry, key)
        if value is None:
            continue
        if value not in choices:
            reader.error(entry, key, f"unknown {what} '{clip(value)}'{suggest(value, choices)}", unknown)
        else:
            good.append(value)
    return tuple(dict.fromkeys(good))
