"""Loading a catalog: its source composed into YAML nodes, its top-level mapping read into the
problems, the handouts: section and the not_derived: list, and every mistake found raised together in one CatalogError."""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, Node as YamlNode, ScalarNode, SequenceNode

from mcdocgen.catalog.handouts import HandoutSpec, read_handouts
from mcdocgen.catalog.not_derived import read_not_derived
from mcdocgen.catalog.problems import ProblemReader
from mcdocgen.catalog.reader import kind, line_of
from mcdocgen.catalog.records import TOP_KEYS, Catalog, Problem
from mcdocgen.catalog.source import compose, read_source
from mcdocgen.errors import CatalogError, ErrorCode, clip


def load_catalog(path: str | Path) -> Catalog:
    """Load and validate a catalog; raise CatalogError with every diagnostic found."""
    shown = str(path)
    return load_catalog_bytes(read_source(path, shown), shown)


def load_catalog_bytes(data: bytes, shown: str) -> Catalog:
    """Validate a catalog held in memory (e.g. ``git show REV:path``); messages name ``shown``."""
    root = compose(data, shown)
    reader = ProblemReader(shown)
    catalog = _catalog(reader, root)
    if reader.diagnostics:
        raise CatalogError(reader.diagnostics)
    return catalog


def _catalog(reader: ProblemReader, root: YamlNode) -> Catalog:
    """The whole catalog: its top-level keys, the problems, then the handouts: section."""
    if not isinstance(root, MappingNode):
        reader.error(root, "", f"the catalog must be a mapping with a 'problems:' list, got {kind(root)}", ErrorCode.WRONG_TYPE)
        return Catalog(reader.file, ())
    fields = reader.mapping(root, "")
    _scan_duplicates_top(reader, root)
    misspelt = reader.check_keys(fields, TOP_KEYS, "", "top-level ")
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    items: list[YamlNode] | None = None
    if "problems" not in fields:
        if "problems" not in misspelt:
            reader.error(root, "", "missing the top-level key 'problems' (a list of problems)", ErrorCode.MISSING_KEY)
    else:
        vnode = fields["problems"][1]
        if isinstance(vnode, SequenceNode):
            items = list(vnode.value)
        else:
            reader.error(
                vnode, "problems",
                f"expected a list of problems (each starting with '- id: ...'), got {kind(vnode)}", ErrorCode.WRONG_TYPE,
            )
        if items is not None and not items:
            reader.error(vnode, "problems", "the list is empty; add at least one problem", ErrorCode.EMPTY_VALUE)
        for index, item in enumerate(items or ()):
            problem = reader.problem(item, index, seen)
            if problem is not None:
                problems.append(problem)
        reader.problem_id = ""
    handouts: tuple[HandoutSpec, ...] = ()
    if "handouts" in fields:
        # which problems a handout selects is known where every problem is valid (an invalid one: its own mistake)
        handouts = read_handouts(reader, fields["handouts"][1], list(seen), list(reader.all_tags),
                                 [topic for topic, _ in reader.topics.values()],
                                 problems if len(problems) == len(items or ()) else None)
    not_derived = read_not_derived(reader, fields["not_derived"][1]) if "not_derived" in fields else ()
    return Catalog(reader.file, tuple(problems), handouts, not_derived)


def _scan_duplicates_top(reader: ProblemReader, root: MappingNode) -> None:
    """Top-level keys and everything but the problems (each problem scans itself)."""
    first: dict[str, int] = {}
    for knode, vnode in root.value:
        if not isinstance(knode, ScalarNode):
            continue
        if knode.value in first:
            reader.error(knode, "", f"duplicate key '{clip(knode.value)}' (first at line {first[knode.value]})",
                         ErrorCode.DUPLICATE_KEY)
            continue
        first[knode.value] = line_of(knode)
        if knode.value == "problems" and isinstance(vnode, SequenceNode):
            continue
        reader.scan_duplicates(vnode, knode.value)
