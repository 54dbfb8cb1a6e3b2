"""`mcdocgen try`: a problem from the command line, derived and verified, and appended to a catalog.

The command line is turned into the same plain mapping a catalog entry is, and that mapping is
validated by the catalog's own loader (:func:`mcdocgen.catalog.load_catalog_bytes`): the rules
and the messages are the loader's. ``--append`` writes the entry into a catalog with ruamel.yaml's
round trip, so the file keeps every comment and its order; the new file is validated before it
replaces the old one.
"""

from __future__ import annotations

import copy
import io
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml

from mcdocgen.catalog import (
    MATRIX_ASSUMPTIONS, RESERVED_IDS, Assumption, Catalog, Problem, load_catalog, load_catalog_bytes, slug,
)
from mcdocgen.errors import CatalogError, ExitCode, McdocgenError, TrialError

FORMATS = ("text", "markdown", "latex", "json")
ASSUMPTION_NAMES = frozenset(a.value for a in Assumption)
TRY_SOURCE = "try"           # the name messages give the command line
AUTO_ID_CHARS = 40  # an id made from an expression is cut to this (the catalog allows MAX_ID_CHARS)
PLACEHOLDERS = {"title": "TODO: title", "summary": "TODO: one sentence.", "source": "TODO"}


# ---------------------------------------------------------------- the command line as an entry


def parse_var(text: str) -> tuple[str, dict[str, Any]]:
    """``NAME:SHAPE[:ASSUME,...]`` -> (name, {"shape": [...], "assume": [...]}).

    SHAPE is empty or ``scalar`` for a scalar, ``n`` for a column vector, ``m,n`` for a matrix;
    sizes are names or whole numbers. The values are checked by the loader, not here, except one
    mix-up: an assumption's name in the place of a size (``x:positive``) is refused with the form
    that means it (``x::positive``), as nobody names a size ``positive``.
    """
    parts = text.split(":")
    if len(parts) < 2 or len(parts) > 3 or not parts[0].strip():
        raise TrialError([f"--var {text}: write NAME:SHAPE, e.g. x:n, X:m,n, c:scalar or A:n,n:symmetric"])
    name, shape_text = parts[0].strip(), parts[1].strip()
    shape: list[Any] = []
    if shape_text and shape_text != "scalar":
        for item in shape_text.split(","):
            item = item.strip()
            if item in ASSUMPTION_NAMES:
                sizes = ",".join(i.strip() for i in shape_text.split(",") if i.strip() not in ASSUMPTION_NAMES)
                if not sizes and Assumption(item) in MATRIX_ASSUMPTIONS:
                    sizes = "n,n"
                raise TrialError([f"--var {text}: '{item}' is an assumption, not a size; assumptions come third, "
                                  f"after the shape: {name}:{sizes}:{item}" + ("" if sizes else " for a scalar")])
            shape.append(int(item) if re.fullmatch(r"[+-]?\d{1,20}", item) else item)
    spec: dict[str, Any] = {"shape": shape}
    if len(parts) == 3 and parts[2].strip():
        spec["assume"] = [a.strip() for a in parts[2].split(",") if a.strip()]
    return name, spec


def slug_id(expression: str, taken: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    """An id from an expression: ``norm(X @ w - y)**2`` -> ``norm-x-w-y-2``; unique in ``taken``."""
    base = slug(expression, "problem")
    if len(base) > AUTO_ID_CHARS:
        base = base[:AUTO_ID_CHARS].rsplit("-", 1)[0] or base[:AUTO_ID_CHARS]
    base = base.strip("-")
    pid, k = base, 2
    while pid in taken or pid in RESERVED_IDS:
        pid, k = f"{base}-{k}", k + 1
    return pid


def trial_entry(expression: str, variables: list[str], wrt: list[str], pid: str) -> dict[str, Any]:
    """The catalog entry for a command line, as plain data in the catalog's key order."""
    declared: dict[str, dict[str, Any]] = {}
    errors = []
    for text in variables:
        try:
            name, spec = parse_var(text)
        except TrialError as exc:
            errors += exc.lines
            continue
        if name in declared:
            errors.append(f"--var {name}: declared twice")
        declared[name] = spec
    if errors:
        raise TrialError(errors)
    names = [w.strip() for item in wrt for w in item.split(",") if w.strip()] or list(declared)
    return {
        "id": pid,
        "title": PLACEHOLDERS["title"],
        "summary": PLACEHOLDERS["summary"],
        "tags": [],
        "source": PLACEHOLDERS["source"],
        "variables": declared,
        "expression": expression,
        "wrt": names,
    }


def _option(key: str) -> str:
    if key.startswith("variables."):
        return "--var " + key.split(".")[1]
    return {"wrt": "--wrt", "id": "--id", "expression": "EXPR", "variables": "--var"}.get(key, key or "try")


def problem_from_entry(entry: dict[str, Any]) -> Problem:
    """Validate one entry with the catalog's loader; errors name the command-line option."""
    text = yaml.safe_dump({"problems": [entry]}, sort_keys=False, allow_unicode=True, width=10_000)
    try:
        catalog = load_catalog_bytes(text.encode("utf-8"), TRY_SOURCE)
    except CatalogError as exc:
        raise TrialError([f"{_option(d.key)}: {d.message}" for d in exc.diagnostics]) from None
    return catalog.problems[0]


# ---------------------------------------------------------------- output


def render(problem: Problem, result, fmt: str, layout: str) -> str:
    """The pipeline's Outcome ``result`` in one of FORMATS (layout: the one shown by text and latex)."""
    from mcdocgen.engine.layout import Layout

    view = result.view

    if fmt == "json":
        from mcdocgen.publish.report import dumps, report

        return dumps(report(TRY_SOURCE, [view])["problems"][0])
    if fmt == "latex":
        return _latex(view, layout)
    if fmt == "markdown":
        return _markdown(problem, view)
    from mcdocgen.publish.terminal import render_terminal

    shown = replace(problem, title=problem.expression_text, summary=f"{outcome(view)} (mcdocgen try; not in the catalog)")
    return render_terminal(shown, view, result.derivations, Layout(layout))


def outcome(view) -> str:
    """What became of a trial, in a few words: 'derived and verified' only when it was."""
    if view.ok:
        return "derived and verified"
    missing = [r.wrt for r in view.results if not r.derived]
    if not missing:
        return "derived, but a check failed"
    if len(missing) == len(view.results):
        return "not derived"
    return f"not derived with respect to {', '.join(missing)}"


def _latex(view, layout: str) -> str:
    lines = []
    for r in view.results:
        if not r.derived:
            lines.append(f"% d{view.function_latex}/d{r.wrt}: not derived: {r.not_derived}")
            continue
        lay = r.layout(layout)
        lines.append(f"% d/d{r.wrt}, {layout} layout, shape {' x '.join(lay.result.dims)}")
        lines.append(rf"\frac{{\partial {view.function_latex}}}{{\partial {r.wrt_latex}}} = {lay.result.latex}")
    return "\n".join(lines) + "\n"


def _markdown(problem: Problem, view) -> str:
    from mcdocgen.publish.render import problem_path, render_site_pages

    page = render_site_pages(Catalog(TRY_SOURCE, (problem,)), [view])[problem_path(view)]
    start = page.find("\n## Derivative")
    body = page[start + 1:] if start >= 0 else page
    end = body.rfind("\n---\n")
    if end >= 0:
        body = body[:end]
    return body.strip("\n") + "\n"


# ---------------------------------------------------------------- --append


def append_entry(path: Path, entry: dict[str, Any], auto_id: bool = False) -> Catalog:
    """Append ``entry`` to the catalog at ``path``, keeping its comments, order, indentation and
    line endings; validate the new text with the loader before it replaces the file. Returns the
    new catalog, whose last problem is the entry (renamed when ``auto_id`` and its id is taken).

    The catalog's folder is locked meanwhile (the lock ``mcdocgen build`` takes on its root), so
    concurrent appends all land; a symlinked catalog stays a symlink (its target is replaced)."""
    from mcdocgen import crashsafe

    shown = str(path)
    target = Path(os.path.realpath(path))
    with crashsafe.locked(target.parent):
        return _append_locked(path, target, entry, auto_id, shown)


def _append_locked(path: Path, target: Path, entry: dict[str, Any], auto_id: bool, shown: str) -> Catalog:
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
    if auto_id and entry["id"] in taken:  # appended meanwhile by another `try --append`
        entry = {**entry, "id": slug_id(entry["expression"], taken)}
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
    from mcdocgen.crashsafe import write_atomic

    write_atomic(target, text.encode("utf-8"))
    return catalog


def _round_trip(text: str):
    """A ruamel.yaml round-trip dumper with the indentation that reproduces ``text`` exactly."""
    from ruamel.yaml import YAML

    def make(mapping: int, sequence: int, offset: int):
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


def _commented(entry: dict[str, Any]):
    """The entry as ruamel.yaml nodes, in the style of derivations.yaml."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString as Q

    def flow(items) -> CommentedSeq:
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


def _last_comment(node):
    """(container, key, slot) of the comment after the last line of ``node``, or None."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    found = None
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


def _settle_comments(problems) -> bool:
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
