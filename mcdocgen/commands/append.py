"""`mcdocgen try --append`: an entry written into a catalog, every comment and the order kept.

The entry goes in with ruamel.yaml's round trip, in the indentation the file already uses; the
new text is validated by the loader before it replaces the file, under the catalog folder's lock.
"""

from __future__ import annotations

import copy
import io
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mcdocgen import crashsafe
from mcdocgen.catalog import Catalog, load_catalog, load_catalog_bytes
from mcdocgen.errors import TrialError

if TYPE_CHECKING:   # ruamel.yaml is imported when an entry is appended, not with the command line
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

#: Makes a new id for an expression, unique among the ids taken (``trial.slug_id``).
Rename = Callable[[str, set[str]], str]


def append_entry(path: Path, entry: dict[str, Any], rename: Rename | None = None) -> Catalog:
    """Append ``entry`` to the catalog at ``path``, keeping its comments, order, indentation and
    line endings; validate the new text with the loader before it replaces the file. Returns the
    new catalog, whose last problem is the entry (renamed by ``rename`` when given and its id is
    taken).

    The catalog's folder is locked meanwhile (the lock ``mcdocgen build`` takes on its root), so
    concurrent appends all land; a symlinked catalog stays a symlink (its target is replaced)."""
    shown = str(path)
    target = Path(os.path.realpath(path))
    with crashsafe.locked(target.parent):
        return _append_locked(path, target, entry, rename, shown)


def _append_locked(path: Path, target: Path, entry: dict[str, Any], rename: Rename | None, shown: str) -> Catalog:
    if target.exists():
        load_catalog(path)  # a catalog with errors is not edited: CatalogError, exit 2
        raw = target.read_bytes().decode("utf-8")
    else:
        raw = ""
    newline = "\r\n" if raw.split("\n", 1)[0].endswith("\r") else "\n"  # as the first line ends
    original = raw.replace("\r\n", "\n")
    yml = _round_trip(original)
    data = yml.load(original) if original.strip() else None
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if data is None:
        data = CommentedMap()
    if data.get("problems") is None:
        data["problems"] = CommentedSeq()
    problems = data["problems"]
    taken = {str(p.get("id")) for p in problems if isinstance(p, dict)}
    if rename is not None and entry["id"] in taken:  # appended meanwhile by another `try --append`
        entry = {**entry, "id": rename(entry["expression"], taken)}
    if entry["id"] in taken:
        raise TrialError([f"--id: a problem '{entry['id']}' is already in {shown}; choose another id"])
    node = _commented(entry)
    problems.append(node)
    if len(problems) > 1 and not _settle_comments(problems):
        problems.yaml_set_comment_before_after_key(len(problems) - 1, before="\n", indent=2)
    out = io.StringIO()
    yml.dump(data, out)
    text = out.getvalue().replace("\n", newline)
    catalog = load_catalog_bytes(text.encode("utf-8"), shown)  # CatalogError: nothing is written
    crashsafe.write_atomic(target, text.encode("utf-8"))
    return catalog


def _round_trip(text: str) -> YAML:
    """A ruamel.yaml round-trip dumper with the indentation that reproduces ``text`` exactly."""
    from ruamel.yaml import YAML

    def make(mapping: int, sequence: int, offset: int) -> YAML:
        y = YAML(typ="rt")
        y.preserve_quotes = True
        y.width = 4096
        y.indent(mapping=mapping, sequence=sequence, offset=offset)
        return y

    candidates = [(2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (4, 4, 0), (3, 3, 1)]
    if not text.strip():
        return make(*candidates[0])
    detected = _indentation(text)
    if detected in candidates:
        candidates.remove(detected)
    for mapping, sequence, offset in [detected, *candidates] if detected else candidates:
        y = make(mapping, sequence, offset)
        out = io.StringIO()
        y.dump(y.load(text), out)
        if out.getvalue() == text:
            return y
    # comments are kept; the layout of some lines may change, the indentation does not
    return make(*(detected or candidates[0]))


def _indentation(text: str) -> tuple[int, int, int] | None:
    """(mapping, sequence, offset) as ruamel.yaml counts them, read off the ``problems:`` list:
    offset is the column of its ``-``, sequence that of the key after it, mapping the step from a
    problem's ``variables:`` to a variable. None when the file shows no such list."""
    lines = [line for line in text.split("\n") if line.strip() and not line.lstrip().startswith("#")]
    item = variables = None
    for index, line in enumerate(lines):
        if item is None and line.startswith("problems:"):
            following = lines[index + 1] if index + 1 < len(lines) else ""
            match = re.match(r"( *)- +(?=\S)", following)
            if match is None:
                return None
            item = (len(match.group(1)), match.end())
        elif item is not None and re.match(r" *variables: *$", line) and index + 1 < len(lines):
            nested = len(lines[index + 1]) - len(lines[index + 1].lstrip(" "))
            variables = nested - (len(line) - len(line.lstrip(" ")))
            break
    if item is None:
        return None
    offset, sequence = item
    return (variables if variables and variables > 0 else sequence - offset or 2), sequence, offset


def _commented(entry: dict[str, Any]) -> CommentedMap:
    """The entry as ruamel.yaml nodes, in the style of derivations.yaml."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Q

    def flow(items: Iterable[Any]) -> CommentedSeq:
        seq = CommentedSeq(items)
        seq.fa.set_flow_style()
        return seq

    node = CommentedMap()
    for key, value in entry.items():
        if key in ("title", "summary", "source", "expression"):
            node[key] = Q(value)
        elif key in ("tags", "wrt"):
            node[key] = flow(value)
        elif key == "variables":
            variables = CommentedMap()
            for name, spec in value.items():
                body = CommentedMap()
                body["shape"] = flow(spec["shape"])
                if spec.get("assume"):
                    body["assume"] = flow(spec["assume"])
                body.fa.set_flow_style()
                variables[name] = body
            node[key] = variables
        else:
            node[key] = value
    return node


def _last_comment(node: object) -> tuple[CommentedMap | CommentedSeq, Any, int] | None:
    """(container, key, slot) of the comment after the last line of ``node``, or None."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    found: tuple[CommentedMap | CommentedSeq, Any, int] | None = None
    while True:
        if isinstance(node, CommentedMap) and len(node):
            key, slot = list(node.keys())[-1], 2
        elif isinstance(node, CommentedSeq) and len(node):
            key, slot = len(node) - 1, 0
        else:
            return found
        item = node.ca.items.get(key)
        if item and len(item) > slot and item[slot] is not None:
            found = (node, key, slot)
        node = node[key]


def _own_lines(lines: list[str]) -> int:
    """How many of the comment lines after a problem belong to it: the indented comment lines
    right below it. Blank lines and comments at column 0 (a heading) belong to what follows."""
    own = 0
    while own < len(lines) and lines[own][:1] in (" ", "\t") and lines[own].lstrip().startswith("#"):
        own += 1
    return own


def _settle_comments(problems: CommentedSeq) -> bool:
    """After appending: comments that followed the old last problem stay where they were, those
    that belong to it above the new problem, the rest (e.g. the heading of a following section)
    below it. True when a blank line already separates the two problems."""
    new = problems[-1]
    found = _last_comment(problems[-2])
    if found is not None:
        # ruamel.yaml keeps them in one token after the old problem's last value
        holder, key, slot = found
        token = holder.ca.items[key][slot]
        first, newline, rest = token.value.partition("\n")
        if not newline:
            return False
        lines = rest.splitlines(keepends=True)
        own = _own_lines(lines)
        kept = copy.copy(token)
        kept.value = first + "\n" + "".join(lines[:own]) + "\n"   # then one blank line
        holder.ca.items[key][slot] = kept
        moved = copy.copy(token)
        moved.value = "\n" + "".join(lines[own:])  # the new problem's line end, then what followed
        new.ca.items[list(new.keys())[-1]] = [None, None, moved, None]
        return True
    end = list(problems.ca.end or [])
    # ... or, after a flow value such as `wrt: [w]`, as tokens at the end of the list
    own = 0
    while own < len(end) and end[own].column > 0 and end[own].value.startswith("#"):
        own += 1
        if end[own - 1].value.endswith("\n\n"):
            break
    if not own:
        return False
    above = [copy.copy(t) for t in end[:own]]
    below = end[own:]
    if above[-1].value.endswith("\n\n") and below:
        blank = copy.copy(below[0])
        blank.value = "\n"              # the blank line that separated them stays below too
        below.insert(0, blank)
    elif not above[-1].value.endswith("\n\n"):
        above[-1].value += "\n"
    problems.ca.end[:] = below
    problems.ca.items[len(problems) - 1] = [None, above]
    return True
