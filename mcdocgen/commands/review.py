"""`mcdocgen review`: what a change to the catalog adds, changes and removes, and whether it is proven.

The catalog at a git revision is read with ``git show REV:path`` (nothing is checked out) and
validated by the same loader as the working file. Problems are matched by id and compared key by
key as plain YAML data; only the added and changed ones are derived and verified (the changed
ones at the base too, for the page diff). The summary is Markdown for a pull-request comment,
deterministic for a given repository state; :func:`review_json` gives the same as data. The
comment is cut to fit GitHub's limit (:data:`MAX_COMMENT_CHARS`), saying what it left out and where
the full report (``review_markdown(review, full=True)``) is.
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from mcdocgen import __version__
from mcdocgen.catalog import PROBLEM_KEYS, Catalog, load_catalog, load_catalog_bytes
from mcdocgen.errors import CatalogError, ExitCode, McdocgenError, ReviewError
from mcdocgen.escape import markdown_code, markdown_text
from mcdocgen.present.views import CheckView, ProblemView, ResultView

FOLD_LINES = 30                  # a page diff longer than this is folded in <details>
GITHUB_COMMENT_LIMIT = 65_536    # GitHub refuses longer pull-request comments
MAX_COMMENT_CHARS = 60_000       # the comment's cap, with a margin under GitHub's limit
NOTE_RESERVE = 1_000             # room kept for the note that says what was cut
MAX_LISTED = 50                  # ids named in one sentence of the comment ("and N more" after)
FULL_REPORT_HINT = "run `mcdocgen review --full FILE` (or `--json FILE`) with the same base"
GIT_TIMEOUT_SECONDS = 60


@dataclass(frozen=True, slots=True)
class PageChange:
    base_path: str | None         # docs/-relative, None when the problem is new
    head_path: str
    diff: str                     # unified diff of the page's Markdown ('' when unchanged)


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    title: str
    change: str                   # added, changed, removed
    keys: tuple[str, ...] = ()    # changed keys, in the catalog's key order
    view: ProblemView | None = None
    page: PageChange | None = None


@dataclass(slots=True)
class Review:
    catalog: str
    base_rev: str
    base_commit: str
    base_path: str                # the catalog's path at the base, relative to the repository root
    base_found: bool
    base_errors: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    head: Catalog | None = None
    outcomes: list[Any] = field(default_factory=list)   # pipeline outcomes of the head problems run

    def of(self, change: str) -> list[Entry]:
        return [e for e in self.entries if e.change == change]

    @property
    def failed(self) -> list[Entry]:
        return [e for e in self.entries if e.view is not None and not e.view.ok]

    @property
    def ok(self) -> bool:
        return not self.failed


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


def _raw_problems(data: bytes) -> dict[str, dict]:
    """Problem id -> its mapping, as plain data (the text was validated by the loader first)."""
    doc = yaml.safe_load(data) or {}
    out: dict[str, dict] = {}
    for item in doc.get("problems") or []:
        if isinstance(item, dict) and "id" in item:
            out[str(item["id"])] = item
    return out


def changed_keys(base: dict, head: dict) -> tuple[str, ...]:
    keys = [k for k in PROBLEM_KEYS if base.get(k) != head.get(k)]
    extra = sorted({*base, *head} - set(PROBLEM_KEYS), key=str)
    return tuple(keys + [str(k) for k in extra if base.get(k) != head.get(k)])


def _stub(problem) -> ProblemView:
    """A view with only what the neighbours' links on a page need (no derivation)."""
    return ProblemView(problem.id, problem.title, problem.summary, problem.tags, problem.source, problem.topic,
                       (), "", "", "", (), True, ())


def _pages(catalog: Catalog, views: dict[str, ProblemView]) -> dict[str, tuple[str, str]]:
    """Problem id -> (docs path, Markdown) for the problems in ``views``, rendered as on the site."""
    from mcdocgen.publish.render import problem_path, render_site_pages

    all_views = [views.get(p.id) or _stub(p) for p in catalog.problems]
    pages = render_site_pages(catalog, all_views)
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
    from mcdocgen.commands.pipeline import run_catalog

    head = load_catalog(catalog_path)              # CatalogError: exit 2, the same lines as check
    head_data = Path(catalog_path).read_bytes()
    commit, rel, base_data = read_base(catalog_path, rev)
    review = Review(catalog_path, rev, commit, rel, base_data is not None, head=head)

    base: Catalog | None = None
    base_raw: dict[str, dict] = {}
    if base_data is not None:
        try:
            base = load_catalog_bytes(base_data, f"{rev}:{rel}")
            base_raw = _raw_problems(base_data)
        except CatalogError as exc:
            review.base_errors = [d.render() for d in exc.diagnostics]
    head_raw = _raw_problems(head_data)

    changes: dict[str, tuple[str, tuple[str, ...]]] = {}
    for p in head.problems:
        if p.id not in base_raw:
            changes[p.id] = ("added", ())
        else:
            keys = changed_keys(base_raw[p.id], head_raw.get(p.id, {}))
            if keys:
                changes[p.id] = ("changed", keys)
    head_ids = {p.id for p in head.problems}
    removed = [p for p in (base.problems if base else ()) if p.id not in head_ids]

    run_head = Catalog(head.path, tuple(p for p in head.problems if p.id in changes), head.handouts)
    review.outcomes = run_catalog(run_head, jobs)
    head_views = {o.view.id: o.view for o in review.outcomes}
    base_views: dict[str, ProblemView] = {}
    if base is not None:
        run_base = Catalog(base.path, tuple(p for p in base.problems if changes.get(p.id, ("",))[0] == "changed"))
        base_views = {o.view.id: o.view for o in run_catalog(run_base, jobs)}
    head_pages = _pages(head, head_views)
    base_pages = _pages(base, base_views) if base is not None else {}

    for p in head.problems:
        if p.id in changes:
            kind, keys = changes[p.id]
            review.entries.append(Entry(p.id, p.title, kind, keys, head_views[p.id],
                                        page_diff(base_pages.get(p.id), head_pages[p.id])))
    review.entries += [Entry(p.id, p.title, "removed") for p in removed]
    return review


# ---------------------------------------------------------------- Markdown


def _fence(text: str, info: str = "") -> str:
    """A code fence longer than any run of backticks inside ``text``."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{info}\n{text.rstrip(chr(10))}\n{ticks}"


def _cell(text: str) -> str:
    return markdown_text(text)  # one line, '|' included: safe in a table cell


def _status(passed: bool | None) -> str:
    return {True: "✅ passed", False: "❌ **failed**", None: "➖ not applicable"}[passed]


def _figures(c: CheckView) -> str:
    parts = []
    if c.figure:
        parts.append(f"relative error {c.figure}")
    if c.points is not None:
        parts.append(f"{c.points} points")
    if c.detail:
        parts.append(c.detail)
    return _cell("; ".join(parts))


def _dims(dims) -> str:
    return " × ".join(dims)


def _result_md(r: ResultView, function_latex: str) -> list[str]:
    out = [f"#### Derivative with respect to `{r.wrt}`", ""]
    if not r.derived:
        out += [f"❌ **Not derived:** {_cell(r.not_derived)}", ""]
    else:
        for lay in r.layouts:
            out += [f"{lay.title}, shape {_dims(lay.result.dims)}:", "",
                    _fence(rf"\frac{{\partial {function_latex}}}{{\partial {r.wrt_latex}}} = {lay.result.latex}",
                           "math"), ""]
    out += ["| Check | Result | Figures |", "| --- | --- | --- |"]
    out += [f"| {c.name} | {_status(c.passed)} | {_figures(c)} |" for c in r.checks]
    out.append("")
    return out


def _page_md(page: PageChange, budget_left: bool) -> list[str]:
    where = f"<code>docs/{page.head_path}</code>"  # HTML: <summary> shows Markdown as it is
    if page.base_path and page.base_path != page.head_path:
        where = f"<code>docs/{page.base_path}</code> → <code>docs/{page.head_path}</code>"
    if not page.diff:
        return [f"Generated page {where}: unchanged.", ""]
    lines = page.diff.splitlines()
    plus = sum(1 for line in lines[2:] if line.startswith("+"))
    minus = sum(1 for line in lines[2:] if line.startswith("-"))
    label = f"Generated page {where}: +{plus} −{minus} lines"
    if not budget_left:
        return [f"{label} (the diff is left out to keep this comment under GitHub's size limit; "
                "run `mcdocgen review` locally to see it).", ""]
    block = _fence(page.diff, "diff")
    if len(lines) <= FOLD_LINES:
        return [f"{label}:", "", block, ""]
    return ["<details>", f"<summary>{label}</summary>", "", block, "", "</details>", ""]


def _entry_md(e: Entry, with_diff: bool) -> list[str]:
    v = e.view
    assert v is not None and e.page is not None
    mark = "✅" if v.ok else "❌"
    what = "added" if e.change == "added" else "changed: " + ", ".join(f"`{k}`" for k in e.keys)
    out = [f"### {mark} `{e.id}`: {markdown_text(e.title)}", "", f"*{what}*", "", f"> {markdown_text(v.summary)}", "",
           _fence(f"{v.function_latex} = {v.expression_latex}", "math"), ""]
    variables = ", ".join(
        f"`{x.name}` {x.shape}" + (f" ({', '.join(x.assume)})" if x.assume else "") for x in v.variables
    )
    out += [f"Written {markdown_code(v.expression)}; variables: {variables}; "
            f"with respect to {', '.join(f'`{r.wrt}`' for r in v.results)}.", ""]
    if not v.ok:
        from mcdocgen.publish.report import problem_errors

        out += [f"- ❌ {_cell(err)}" for err in problem_errors(v)] + [""]
    for r in v.results:
        out += _result_md(r, v.function_latex)
    out += _page_md(e.page, with_diff)
    return out


def review_markdown(review: Review, full: bool = False, full_report: str = FULL_REPORT_HINT) -> str:
    """The review as Markdown. Unless ``full``, it is a pull-request comment cut to fit in
    MAX_COMMENT_CHARS, which then says what it left out and where the full report is
    (``full_report``: a link or a file name)."""
    added, changed, removed = review.of("added"), review.of("changed"), review.of("removed")
    short = review.base_commit[:12]
    out = ["## mcdocgen review", ""]
    out.append(f"Compared {markdown_code(review.catalog)} with {markdown_code(review.base_path)} at "
               f"{markdown_code(review.base_rev)} (`{short}`).")
    out.append("")
    if not review.base_found:
        out += [f"The catalog does not exist at {markdown_code(review.base_rev)}: every problem is new.", ""]
    if review.base_errors:
        out += [f"The catalog at {markdown_code(review.base_rev)} does not validate, so every problem is compared as new:", "",
                _fence("\n".join(review.base_errors)), ""]
    counts = f"**{len(added)} added, {len(changed)} changed, {len(removed)} removed.**"
    if not (added or changed or removed):
        out += [f"{counts} Nothing to verify.", ""]
    elif review.ok:
        out += [f"{counts} ✅ Every check of the added and changed problems passed.", ""]
    else:
        names = _listed([f"`{e.id}`" for e in review.failed], full)
        out += [f"{counts} ❌ {len(review.failed)} failed: {names}.", ""]
    gone = ["Removed: " + _listed([f"`{e.id}` ({_cell(e.title)})" for e in removed], full) + ".", ""] if removed else []
    return _fit(review, out, gone, full, full_report)


def _listed(items: list[str], full: bool) -> str:
    if full or len(items) <= MAX_LISTED:
        return ", ".join(items)
    return ", ".join(items[:MAX_LISTED]) + f" and {len(items) - MAX_LISTED} more"


def _fit(review: Review, head: list[str], gone: list[str], full: bool, full_report: str) -> str:
    """The summary ``head``, the table and every problem's details; unless ``full``, cut to fit in
    MAX_COMMENT_CHARS: page diffs are left out first (the longest first), then problems' details
    (passed before failed, from the last), then rows of the table, and a note says so."""
    detailed = [e for e in review.entries if e.view is not None]
    rows = [_row(e) for e in review.entries]
    with_diff = {e.id: ["---", ""] + _entry_md(e, True) for e in detailed}

    def render(rows: list[str], sections: dict[str, list[str]], note: list[str]) -> str:
        lines = list(head) + note
        if rows:
            lines += ["| Problem | Change | Checks |", "| --- | --- | --- |", *rows, ""]
        lines += gone
        for e in detailed:
            lines += sections.get(e.id, [])
        return "\n".join(lines).rstrip("\n") + "\n"

    sections = dict(with_diff)
    text = render(rows, sections, [])
    if full or len(text) <= MAX_COMMENT_CHARS:
        return text

    def size(lines: list[str]) -> int:
        return sum(len(line) + 1 for line in lines)

    budget = MAX_COMMENT_CHARS - NOTE_RESERVE
    total = len(text)
    diffs_cut = 0
    for e in sorted((e for e in detailed if e.page and e.page.diff), key=lambda e: (-len(e.page.diff), e.id)):
        if total <= budget:
            break
        without_diff = ["---", ""] + _entry_md(e, False)   # built only for what is cut
        total -= size(with_diff[e.id]) - size(without_diff)
        sections[e.id] = without_diff
        diffs_cut += 1
    details_cut = 0
    for e in sorted(reversed(detailed), key=lambda e: not e.view.ok):  # passed first, from the last
        if total <= budget:
            break
        total -= size(sections.pop(e.id))
        details_cut += 1
    rows_kept = len(rows)
    while total > budget and rows_kept:
        rows_kept -= 1
        total -= size([rows[rows_kept]])
    kept_rows = rows[:rows_kept] + ([f"| … and {len(rows) - rows_kept} more | | |"] if rows_kept < len(rows) else [])
    left_out = [f"{details_cut} problems' details" if details_cut else "",
                f"{len(rows) - rows_kept} rows of the table" if rows_kept < len(rows) else "",
                f"{diffs_cut} page diffs" if diffs_cut else ""]
    note = [f"> **This comment is cut to stay under GitHub's limit of {GITHUB_COMMENT_LIMIT:,} characters**: "
            f"{', '.join(part for part in left_out if part)} are left out. The full report: {full_report}.", ""]
    return render(kept_rows, sections, note)


def _row(e: Entry) -> str:
    change = e.change if not e.keys else f"changed: {', '.join(e.keys)}"
    checks = "—" if e.view is None else ("✅ passed" if e.view.ok else "❌ **failed**")
    return f"| `{e.id}` {_cell(e.title)} | {change} | {checks} |"


# ---------------------------------------------------------------- JSON


def review_json(review: Review) -> dict[str, Any]:
    from mcdocgen.publish.report import report

    views = [e.view for e in review.entries if e.view is not None]
    reported = {p["id"]: p for p in report(review.catalog, views)["problems"]}
    problems = []
    for e in review.entries:
        if e.view is None:
            continue
        assert e.page is not None
        problems.append({**reported[e.id], "change": e.change, "keys": list(e.keys),
                         "page": f"docs/{e.page.head_path}", "page_diff": e.page.diff})
    return {
        "mcdocgen": __version__,
        "catalog": review.catalog,
        "base": {"rev": review.base_rev, "commit": review.base_commit, "path": review.base_path,
                 "found": review.base_found, "errors": review.base_errors},
        "ok": review.ok,
        "added": [e.id for e in review.of("added")],
        "changed": [{"id": e.id, "keys": list(e.keys)} for e in review.of("changed")],
        "removed": [{"id": e.id, "title": e.title} for e in review.of("removed")],
        "problems": problems,
    }
