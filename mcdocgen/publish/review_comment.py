"""The review comment: what a change to the catalog added, changed and removed, as Markdown for a
pull request and as JSON.

:mod:`mcdocgen.commands.review` compares the catalog with a git revision and derives what changed;
this module writes the result. The comment is deterministic for a given repository state and cut
to fit GitHub's limit (:data:`MAX_COMMENT_CHARS`), saying what it left out and where the full
report (``review_markdown(review, full=True)``) is.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from mcdocgen import __version__
from mcdocgen.checks.results import CheckStatus
from mcdocgen.escape import code_fence, markdown_code, markdown_text
from mcdocgen.present.second import second_heading
from mcdocgen.present.checkviews import CheckView
from mcdocgen.present.views import ProblemView, ResultView
from mcdocgen.publish.report import problem_errors, report

FOLD_LINES = 30                  # a page diff longer than this is folded in <details>
GITHUB_COMMENT_LIMIT = 65_536    # GitHub refuses longer pull-request comments
MAX_COMMENT_CHARS = 60_000       # the comment's cap, with a margin under GitHub's limit
NOTE_RESERVE = 1_000             # room kept for the note that says what was cut
MAX_LISTED = 50                  # ids named in one sentence of the comment ("and N more" after)
FULL_REPORT_HINT = "run `mcdocgen review --full FILE` (or `--json FILE`) with the same base"
STATUS_ICON = {CheckStatus.PASSED: "✅", CheckStatus.FAILED: "❌", CheckStatus.NOT_APPLICABLE: "➖"}   # by CheckView.status


@enum.unique
class ChangeKind(enum.StrEnum):
    """What became of a problem between the base and the working catalog."""

    ADDED = "added"
    CHANGED = "changed"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class PageChange:
    base_path: str | None         # docs/-relative, None when the problem is new
    head_path: str
    diff: str                     # unified diff of the page's Markdown ('' when unchanged)


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    title: str
    change: ChangeKind
    keys: tuple[str, ...] = ()    # changed keys, in the catalog's key order
    view: ProblemView | None = None
    page: PageChange | None = None

    @property
    def failed(self) -> bool:
        return self.view is not None and not self.view.ok

    @property
    def diff_size(self) -> int:
        return len(self.page.diff) if self.page else 0


@dataclass(slots=True)
class Review:
    catalog: str
    base_rev: str
    base_commit: str
    base_path: str                # the catalog's path at the base, relative to the repository root
    base_found: bool
    base_errors: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)

    def of(self, change: ChangeKind) -> list[Entry]:
        return [e for e in self.entries if e.change == change]

    @property
    def failed(self) -> list[Entry]:
        return [e for e in self.entries if e.failed]

    @property
    def ok(self) -> bool:
        return not self.failed


# ---------------------------------------------------------------- Markdown


def _cell(text: str) -> str:
    return markdown_text(text)  # one line, '|' included: safe in a table cell


def _status(c: CheckView) -> str:
    """The check's status as the view names it, with its icon; a failure in bold."""
    label = f"**{c.status}**" if c.passed is False else c.status
    return f"{STATUS_ICON[c.status]} {label}"


def _figures(c: CheckView) -> str:
    parts = []
    if c.figure:
        parts.append(f"relative error {c.figure}")
    if c.points is not None:
        parts.append(f"{c.points} points")
    if c.detail:
        parts.append(c.detail)
    return _cell("; ".join(parts))


def _dims(dims: Sequence[str]) -> str:
    return " × ".join(dims)


def _result_md(r: ResultView, function_latex: str) -> list[str]:
    first = r.order == 1
    out = [f"#### Derivative with respect to `{r.wrt}`" if first else
           f"#### {second_heading(r.second)} with respect to `{r.wrt}`: {r.route}", ""]
    order = "" if first else f"^{{{r.order}}}"
    if not r.derived:
        out += [f"❌ **Not derived:** {_cell(r.not_derived)}", ""]
    else:
        for lay in r.layouts[:1] if r.one_layout_note else r.layouts:   # a scalar by a scalar: once
            title = "Both layouts" if r.one_layout_note else lay.title
            out += [f"{title}, shape {_dims(lay.result.dims)}:", "",
                    code_fence(rf"\frac{{\partial{order} {function_latex}}}{{\partial {r.wrt_latex}{order}}} = "
                               f"{lay.result.latex}", "math"), ""]
    out += ["| Check | Result | Figures |", "| --- | --- | --- |"]
    out += [f"| {c.name} | {_status(c)} | {_figures(c)} |" for c in r.checks]
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
    block = code_fence(page.diff, "diff")
    if len(lines) <= FOLD_LINES:
        return [f"{label}:", "", block, ""]
    return ["<details>", f"<summary>{label}</summary>", "", block, "", "</details>", ""]


def _entry_md(e: Entry, with_diff: bool) -> list[str]:
    v = e.view
    assert v is not None and e.page is not None
    mark = "✅" if v.ok else "❌"
    what = "added" if e.change is ChangeKind.ADDED else "changed: " + ", ".join(f"`{k}`" for k in e.keys)
    out = [f"### {mark} `{e.id}`: {markdown_text(e.title)}", "", f"*{what}*", "", f"> {markdown_text(v.summary)}", "",
           code_fence(f"{v.function_latex} = {v.expression_latex}", "math"), ""]
    variables = ", ".join(
        f"`{x.name}` {x.shape}" + (f" ({', '.join(x.assume)})" if x.assume else "") for x in v.variables
    )
    out += [f"Written {markdown_code(v.expression)}; variables: {variables}; "
            f"with respect to {', '.join(f'`{r.wrt}`' for r in v.results if r.order == 1)}"
            + "".join(f"; Hessian by `{r.wrt}`" for r in v.results if r.order != 1) + ".", ""]
    if not v.ok:
        out += [f"- ❌ {_cell(err)}" for err in problem_errors(v)] + [""]
    for r in v.results:
        out += _result_md(r, v.function_latex)
    out += _page_md(e.page, with_diff)
    return out


def review_markdown(review: Review, full: bool = False, full_report: str = FULL_REPORT_HINT) -> str:
    """The review as Markdown. Unless ``full``, it is a pull-request comment cut to fit in
    MAX_COMMENT_CHARS, which then says what it left out and where the full report is
    (``full_report``: a link or a file name)."""
    added, changed, removed = review.of(ChangeKind.ADDED), review.of(ChangeKind.CHANGED), review.of(ChangeKind.REMOVED)
    short = review.base_commit[:12]
    out = ["## mcdocgen review", ""]
    out.append(f"Compared {markdown_code(review.catalog)} with {markdown_code(review.base_path)} at "
               f"{markdown_code(review.base_rev)} (`{short}`).")
    out.append("")
    if not review.base_found:
        out += [f"The catalog does not exist at {markdown_code(review.base_rev)}: every problem is new.", ""]
    if review.base_errors:
        out += [f"The catalog at {markdown_code(review.base_rev)} does not validate, so every problem is compared as new:", "",
                code_fence("\n".join(review.base_errors)), ""]
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
    with_diff = {e.id: ["---", "", *_entry_md(e, True)] for e in detailed}

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
    for e in sorted((e for e in detailed if e.diff_size), key=lambda e: (-e.diff_size, e.id)):
        if total <= budget:
            break
        without_diff = ["---", "", *_entry_md(e, False)]   # built only for what is cut
        total -= size(with_diff[e.id]) - size(without_diff)
        sections[e.id] = without_diff
        diffs_cut += 1
    details_cut = 0
    # passed before failed, each from the last
    for _, e in sorted(enumerate(detailed), key=lambda pair: (pair[1].failed, -pair[0])):
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
    """The review as data: the report's entry of each derived problem, with its change and page diff."""
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
        "added": [e.id for e in review.of(ChangeKind.ADDED)],
        "changed": [{"id": e.id, "keys": list(e.keys)} for e in review.of(ChangeKind.CHANGED)],
        "removed": [{"id": e.id, "title": e.title} for e in review.of(ChangeKind.REMOVED)],
        "problems": problems,
    }
