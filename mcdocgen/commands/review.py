"""`mcdocgen review`: what a change to the catalog adds, changes and removes, and whether it is proven.

The catalog at a git revision is read with ``git show REV:path`` (nothing is checked out) and
validated by the same loader as the working file. Problems are matched by id and compared key by
key as plain YAML data; only the added and changed ones are derived and verified (the changed
ones at the base too, for the page diff). The comment and the JSON are written by
:mod:`mcdocgen.publish.review_comment`.
"""

from __future__ import annotations

import difflib
import json
import os
import subprocess
from pathlib import Path
from collections.abc import Mapping
from typing import Any, TextIO

import yaml

from mcdocgen import crashsafe
from mcdocgen.catalog import PROBLEM_KEYS, Catalog, Problem, load_catalog, load_catalog_bytes
from mcdocgen.commands.check import STDOUT, refuse_overwriting, report_failures
from mcdocgen.commands.pipeline import Outcome, identity_views, run_catalog
from mcdocgen.errors import CatalogError, ExitCode, ReviewError
from mcdocgen.escape import printable
from mcdocgen.present.views import ProblemView
from mcdocgen.publish.navigation import problem_path
from mcdocgen.publish.render import render_site_pages
from mcdocgen.publish.review_comment import (
    MAX_COMMENT_CHARS, ChangeKind, Entry, PageChange, Review, review_json, review_markdown,
)

__all__ = ["MAX_COMMENT_CHARS", "Review", "changed_keys", "read_base", "review", "review_markdown", "run_review"]

GIT_TIMEOUT_SECONDS = 60

# ---------------------------------------------------------------- git


def _git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[bytes]:
    try:
        proc = subprocess.run(["git", *args], cwd=folder, capture_output=True, timeout=GIT_TIMEOUT_SECONDS,
                              env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"})
    except FileNotFoundError:
        raise ReviewError("review needs git, which was not found on PATH") from None
    except subprocess.TimeoutExpired:
        raise ReviewError(f"git {' '.join(args)} took longer than {GIT_TIMEOUT_SECONDS} s") from None
    if check and proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ReviewError(f"git {' '.join(args)} failed: {message[-1] if message else proc.returncode}")
    return proc


def read_base(catalog_path: str, rev: str) -> tuple[str, str, bytes | None]:
    """(commit, path in the repository, the catalog's bytes at ``rev`` or None if it has none)."""
    path = Path(catalog_path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ReviewError(f"{catalog_path}: no such folder")
    if _git(folder, "rev-parse", "--show-toplevel", check=False).returncode != 0:
        raise ReviewError(f"{catalog_path}: not inside a git repository (review compares with a git revision)")
    if rev.startswith("-") or not rev.strip():
        raise ReviewError(f"--base {rev!r}: not a revision")
    found = _git(folder, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}", check=False)
    if found.returncode != 0:
        raise ReviewError(f"--base {rev}: no such branch, tag or commit in this repository")
    commit = found.stdout.decode().strip()
    prefix = _git(folder, "rev-parse", "--show-prefix").stdout.decode().strip()
    rel = f"{prefix}{path.name}"
    if _git(folder, "cat-file", "-e", f"{commit}:{rel}", check=False).returncode != 0:
        return commit, rel, None
    return commit, rel, _git(folder, "show", f"{commit}:{rel}").stdout


# ---------------------------------------------------------------- comparing


def _raw_problems(data: bytes) -> dict[str, dict[str, Any]]:
    """Problem id -> its mapping, as plain data (the text was validated by the loader first)."""
    doc = yaml.safe_load(data) or {}
    out: dict[str, dict[str, Any]] = {}
    for item in doc.get("problems") or []:
        if isinstance(item, dict) and "id" in item:
            out[str(item["id"])] = item
    return out


def changed_keys(base: Mapping[str, Any], head: Mapping[str, Any]) -> tuple[str, ...]:
    keys = [k for k in PROBLEM_KEYS if base.get(k) != head.get(k)]
    extra = sorted({*base, *head} - set(PROBLEM_KEYS), key=str)
    return tuple(keys + [str(k) for k in extra if base.get(k) != head.get(k)])


def _stub(problem: Problem) -> ProblemView:
    """A view with only what the neighbours' links on a page need (no derivation)."""
    return ProblemView(problem.id, problem.title, problem.summary, problem.tags, problem.source, problem.topic,
                       (), "", "", "", (), True, ())


def _pages(catalog: Catalog, views: dict[str, ProblemView]) -> dict[str, tuple[str, str]]:
    """Problem id -> (docs path, Markdown) for the problems in ``views``, rendered as on the site."""
    all_views = [views.get(p.id) or _stub(p) for p in catalog.problems]
    pages = render_site_pages(catalog, all_views, identity_views())
    return {pid: (problem_path(v), pages[problem_path(v)]) for pid, v in views.items()}


def page_diff(base: tuple[str, str] | None, head: tuple[str, str]) -> PageChange:
    head_path, head_text = head
    base_path, base_text = base if base else (None, "")
    diff = difflib.unified_diff(
        base_text.splitlines(keepends=True), head_text.splitlines(keepends=True),
        fromfile=f"a/docs/{base_path}" if base_path else "/dev/null", tofile=f"b/docs/{head_path}", n=3,
    )
    text = "".join(line if line.endswith("\n") else line + "\n" for line in diff)
    return PageChange(base_path, head_path, text)


def run_review(catalog_path: str, rev: str, jobs: int | None = None) -> Review:
    """Compare the working catalog with the one at ``rev``; derive and verify what changed."""
    return _run(catalog_path, rev, jobs)[0]


def _run(catalog_path: str, rev: str, jobs: int | None) -> tuple[Review, Catalog, list[Outcome]]:
    """The review, with the working catalog and the outcomes of the problems run (for the failures'
    lines on standard error)."""
    head = load_catalog(catalog_path)              # CatalogError: exit 2, the same lines as check
    head_data = Path(catalog_path).read_bytes()
    commit, rel, base_data = read_base(catalog_path, rev)
    review = Review(catalog_path, rev, commit, rel, base_data is not None)

    base: Catalog | None = None
    base_raw: dict[str, dict[str, Any]] = {}
    if base_data is not None:
        try:
            base = load_catalog_bytes(base_data, f"{rev}:{rel}")
            base_raw = _raw_problems(base_data)
        except CatalogError as exc:
            review.base_errors = [d.render() for d in exc.diagnostics]
    head_raw = _raw_problems(head_data)

    changes: dict[str, tuple[ChangeKind, tuple[str, ...]]] = {}
    for p in head.problems:
        if p.id not in base_raw:
            changes[p.id] = (ChangeKind.ADDED, ())
        else:
            keys = changed_keys(base_raw[p.id], head_raw.get(p.id, {}))
            if keys:
                changes[p.id] = (ChangeKind.CHANGED, keys)
    head_ids = {p.id for p in head.problems}
    removed = [p for p in (base.problems if base else ()) if p.id not in head_ids]

    run_head = Catalog(head.path, tuple(p for p in head.problems if p.id in changes), head.handouts)
    outcomes = run_catalog(run_head, jobs)
    head_views = {o.view.id: o.view for o in outcomes}
    base_views: dict[str, ProblemView] = {}
    if base is not None:
        run_base = Catalog(base.path, tuple(p for p in base.problems if changes.get(p.id, ("",))[0] == ChangeKind.CHANGED))
        base_views = {o.view.id: o.view for o in run_catalog(run_base, jobs)}
    head_pages = _pages(head, head_views)
    base_pages = _pages(base, base_views) if base is not None else {}

    for p in head.problems:
        if p.id in changes:
            kind, keys = changes[p.id]
            review.entries.append(Entry(p.id, p.title, kind, keys, head_views[p.id],
                                        page_diff(base_pages.get(p.id), head_pages[p.id])))
    review.entries += [Entry(p.id, p.title, ChangeKind.REMOVED) for p in removed]
    return review, head, outcomes


def review(catalog_path: str | Path, base: str, out: TextIO, err: TextIO, *, json_to: str | None = None,
           output: str | None = None, full: str | None = None, full_url: str | None = None,
           jobs: int | None = None) -> ExitCode:
    """`mcdocgen review`: the comment on ``out`` (or the file ``output``), the full report to the
    file ``full``, the JSON to ``json_to`` (:data:`~mcdocgen.commands.check.STDOUT`: on ``out``
    instead of the comment); failures and the counts on ``err``."""
    refuse_overwriting(catalog_path, json_to, output, full)
    result, head, outcomes = _run(str(catalog_path), base, jobs)
    where = f"[{full_url}]({full_url})" if full_url else f"`{full}`" if full else None
    text = review_markdown(result, full_report=where) if where else review_markdown(result)
    if full:
        crashsafe.write_atomic(Path(full), review_markdown(result, full=True).encode("utf-8"))
    if output:
        crashsafe.write_atomic(Path(output), text.encode("utf-8"))
    elif json_to != STDOUT:
        out.write(text)
    if json_to:
        data = json.dumps(review_json(result), indent=2, ensure_ascii=False) + "\n"
        if json_to == STDOUT:
            out.write(data)
        else:
            crashsafe.write_atomic(Path(json_to), data.encode("utf-8"))
    failed = report_failures(head, outcomes, err)
    added, changed, removed = (len(result.of(k)) for k in ChangeKind)
    print(printable(f"mcdocgen: review against {base}: {added} added, {changed} changed, {removed} removed"
                    + (f"; {failed} failed" if failed else "")), file=err)
    return ExitCode.CHECK_FAILED if failed else ExitCode.OK

