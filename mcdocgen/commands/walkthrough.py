"""The contributor walkthrough: try, --append, check and review run on a small catalog while the
site is built, their output captured for the schema/ section of the site.

Each step calls the command's function (:mod:`mcdocgen.commands.trial`, ``check``, ``review``)
with its own streams and the walkthrough's folder passed explicitly: nothing runs ``cli.main``,
changes the working directory or redirects ``sys.stdout``. The folder's path is left out of what
is shown, so the page reads as a contributor's session in their catalog's folder and is the
same on every machine.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from mcdocgen import crashsafe
from mcdocgen.catalog.schema import SITE_SCHEMA, dumps_schema
from mcdocgen.commands.check import check
from mcdocgen.commands.failure import explain
from mcdocgen.commands.options import TryFormat
from mcdocgen.commands.review import review
from mcdocgen.commands.trial import try_expression
from mcdocgen.errors import ExitCode, McdocgenError
from mcdocgen.publish.cache import Cache, file_identity
from mcdocgen.publish.render import render_page, render_schema_page

EXPRESSION = "norm(X @ w - y)**2"
VARIABLES = ("X:m,n", "w:n", "y:m")
WRT = "w"
APPENDED_ID = "least-squares"
TEMP_PREFIX = "mcdocgen-walkthrough-"  # in the system's temporary folder
CATALOG_NAME = "derivations.yaml"
BASE_BRANCH = "main"
CATALOG = """\
# yaml-language-server: $schema=./catalog.schema.json
# derivations.yaml: a catalog with one problem.

problems:
  - id: trace-linear
    title: Trace of a product
    summary: The gradient of tr(A X) with respect to X is the transpose of A.
    tags: [trace]
    source: "walkthrough"
    variables:
      A: {shape: [n, m]}
      X: {shape: [m, n]}
    expression: "tr(A @ X)"
    wrt: [X]
"""
#: What a contributor writes in place of try --append's placeholders (step 2).
FILLED_IN = (('title: "TODO: title"', "title: Squared error of a linear model"),
             ('summary: "TODO: one sentence."',
              "summary: Gradient of the squared residual norm with respect to the weights."),
             ("tags: []", "tags: [chain rule, least squares]"),
             ('source: "TODO"', 'source: "CS 316 week 3, example 5"'))
TYPO = ('expression: "tr(A @ X)"', 'expression: "tr(A @ Y)"')
_TIMING = re.compile(r" in \d+(\.\d+)? s\b")

#: A command run with its output streams, as the walkthrough calls it.
Command = Callable[[TextIO, TextIO], ExitCode]


@dataclass(frozen=True, slots=True)
class Console:
    """One command as the page shows it: the command line, what it printed, its exit status."""

    command: str
    output: str
    status: int


@dataclass(frozen=True, slots=True)
class Walkthrough:
    """Every step's capture, for ``templates/walkthrough.md.j2``."""

    try_text: Console
    try_latex: Console
    append: Console
    added: str              # the YAML lines --append added
    check: Console
    check_typo: Console
    review: Console | None  # None: git was not available


def _quote(arg: str) -> str:
    return f'"{arg}"' if re.search(r"[\s*()@$]", arg) else arg


def _run(folder: Path, argv: list[str], command: Command) -> Console:
    """Run ``command`` as `mcdocgen ARGV` would, and capture what it prints (stdout, then stderr)
    and its status; bad input is reported as the command line reports it."""
    out, err = io.StringIO(), io.StringIO()
    try:
        status = command(out, err)
    except (McdocgenError, OSError) as exc:
        status = explain(exc, err)
    text = (out.getvalue() + err.getvalue()).replace(f"{folder}{os.sep}", "")
    shown = "mcdocgen " + " ".join(_quote(a) for a in argv)
    return Console(shown, _TIMING.sub(" in … s", text).rstrip(), int(status))


def _git(cwd: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "mcdocgen", "GIT_AUTHOR_EMAIL": "mcdocgen@example.invalid",
           "GIT_COMMITTER_NAME": "mcdocgen", "GIT_COMMITTER_EMAIL": "mcdocgen@example.invalid",
           "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z", "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, timeout=60)


def _commit_catalog(folder: Path) -> bool:
    """The catalog committed on branch main of a new repository in ``folder``; False without git."""
    if shutil.which("git") is None:
        return False
    try:
        _git(folder, "init", "-q")
        _git(folder, "checkout", "-q", "-b", BASE_BRANCH)
        _git(folder, "add", CATALOG_NAME)
        _git(folder, "commit", "-q", "-m", "catalog")
    except (OSError, subprocess.SubprocessError):
        return False
    return True


def run_walkthrough(folder: Path) -> Walkthrough:
    """Every step of the walkthrough, run in ``folder`` (empty; left holding the catalog)."""
    catalog = folder / CATALOG_NAME
    catalog.write_text(CATALOG, encoding="utf-8")
    have_git = _commit_catalog(folder)
    var_args = [a for v in VARIABLES for a in ("--var", v)]
    try_args = ["try", EXPRESSION, *var_args, "--wrt", WRT]

    def trying(fmt: TryFormat, append: bool = False, pid: str | None = None) -> Command:
        return lambda out, err: try_expression(EXPRESSION, VARIABLES, [WRT], out, err, pid=pid, fmt=fmt,
                                               append=append, catalog=catalog)

    try_text = _run(folder, try_args, trying(TryFormat.TEXT))
    try_latex = _run(folder, [*try_args, "--format", "latex"], trying(TryFormat.LATEX))
    append = _run(folder, [*try_args, "--append", "--id", APPENDED_ID, "--format", "latex"],
                  trying(TryFormat.LATEX, append=True, pid=APPENDED_ID))
    added = catalog.read_text(encoding="utf-8")[len(CATALOG):].strip("\n")
    text = catalog.read_text(encoding="utf-8")
    for old, new in FILLED_IN:
        assert old in text, old
        text = text.replace(old, new, 1)
    catalog.write_text(text, encoding="utf-8")
    checked = _run(folder, ["check"], lambda out, err: check(catalog, out, err))
    catalog.write_text(text.replace(*TYPO), encoding="utf-8")
    typo = _run(folder, ["check"], lambda out, err: check(catalog, out, err))
    catalog.write_text(text, encoding="utf-8")
    reviewed = None
    if have_git:
        reviewed = _run(folder, ["review", "--base", BASE_BRANCH],
                        lambda out, err: review(catalog, BASE_BRANCH, out, err))
    return Walkthrough(try_text, try_latex, append, added, checked, typo, reviewed)


def walkthrough_page(cache: Cache | None = None) -> str:
    """The walkthrough of docs/contributing.md, every output captured from the real commands.
    Its inputs are the code (the cache's version) and git: with a ``cache``, a page made by the
    same code with the same git is reused."""
    crashsafe.remove_abandoned(TEMP_PREFIX)  # left by a build that was killed
    key = file_identity(shutil.which("git"))
    page = cache.get("walkthrough", key) if cache is not None else None
    if isinstance(page, str):
        return page
    with crashsafe.temporary_folder(TEMP_PREFIX) as folder:
        walkthrough = run_walkthrough(folder)
    page = render_page("walkthrough.md.j2", w=walkthrough)
    if cache is not None:
        cache.put("walkthrough", key, page)
    return page


def schema_section(cache: Cache | None = None) -> tuple[dict[str, str], dict[str, bytes]]:
    """The generated ``schema/`` section for ``mcdocgen build``: its pages and the schema file."""
    pages = {"schema/index.md": render_schema_page(), "schema/walkthrough.md": walkthrough_page(cache)}
    return pages, {SITE_SCHEMA: dumps_schema().encode("utf-8")}
