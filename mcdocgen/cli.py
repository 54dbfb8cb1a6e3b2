"""The command line: wires catalog -> engine -> report/render/site and maps errors to exit codes."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from mcdocgen import __version__
from mcdocgen.catalog import Catalog, load_catalog
from mcdocgen.errors import CatalogError, ExitCode, McdocgenError
from mcdocgen.layout import Layout

DEFAULT_CATALOG = "derivations.yaml"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="mcdocgen",
        description="Matrix-calculus derivations, step by step, in both layouts, verified by numbers.",
        epilog="Exit status: 0 all checks passed, 1 a check failed or a derivation is missing, 2 bad input.",
    )
    p.add_argument("--version", action="version", version=f"mcdocgen {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    c = sub.add_parser("check", help="validate the catalog, derive every problem and verify every result",
                       description="Validate the catalog, derive every problem and verify every result.")
    c.add_argument("catalog", nargs="?", default=DEFAULT_CATALOG, help="catalog file (default: %(default)s)")
    c.add_argument("--json", metavar="FILE", help="write the JSON report to FILE ('-' for standard output)")
    c.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")

    s = sub.add_parser("show", help="print one derivation's steps in the terminal",
                       description="Print one problem's derivation, step by step.")
    s.add_argument("id", help="problem id")
    s.add_argument("catalog", nargs="?", default=DEFAULT_CATALOG, help="catalog file (default: %(default)s)")
    s.add_argument("--layout", choices=[l.value for l in Layout], default=Layout.DENOMINATOR.value)

    b = sub.add_parser("build", help="check, render the docs pages and build the site (atomically)",
                       description="Check every problem, render docs/ and build site/ with MkDocs; "
                                   "nothing is replaced unless everything succeeds.")
    b.add_argument("catalog", nargs="?", default=DEFAULT_CATALOG, help="catalog file (default: %(default)s)")
    b.add_argument("--root", default=".", help="folder with mkdocs.yml and docs/ (default: current folder)")
    b.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(COMMANDS[args.command](args))
    except CatalogError as exc:
        for d in exc.diagnostics:
            print(d.render(), file=sys.stderr)
        n = len(exc.diagnostics)
        print(f"mcdocgen: {n} error{'s' if n != 1 else ''}; nothing was derived", file=sys.stderr)
        return int(ExitCode.BAD_INPUT)
    except McdocgenError as exc:
        print(f"mcdocgen: {exc}", file=sys.stderr)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        return 130


def _load(path: str) -> Catalog:
    return load_catalog(path)


def _run(catalog: Catalog, jobs: int | None):
    from mcdocgen.pipeline import run_catalog

    return run_catalog(catalog, jobs)


def _problem_line(catalog: Catalog, pid: str) -> int:
    return next(p.line for p in catalog.problems if p.id == pid)


def _report_failures(catalog: Catalog, outcomes) -> int:
    from mcdocgen.report import problem_errors

    failed = 0
    for o in outcomes:
        for err in problem_errors(o.view):
            print(f"{catalog.path}:{_problem_line(catalog, o.view.id)}: problem '{o.view.id}', {err}", file=sys.stderr)
        failed += not o.view.ok
    return failed


def cmd_check(args) -> ExitCode:
    from mcdocgen.report import dumps, report

    t0 = time.perf_counter()
    catalog = _load(args.catalog)
    outcomes = _run(catalog, args.jobs)
    for o in outcomes:
        print(_summary(o.view))
    failed = _report_failures(catalog, outcomes)
    if args.json:
        text = dumps(report(catalog.path, [o.view for o in outcomes]))
        if args.json == "-":
            sys.stdout.write(text)
        else:
            _write_atomic(Path(args.json), text)
    total = len(outcomes)
    print(f"mcdocgen: {total - failed} of {total} problems verified in {time.perf_counter() - t0:.1f} s"
          + (f"; {failed} failed" if failed else ""), file=sys.stderr)
    return ExitCode.CHECK_FAILED if failed else ExitCode.OK


def _summary(view) -> str:
    parts = []
    for r in view.results:
        marks = []
        for c in r.checks:
            if c.passed is None:
                marks.append(f"{c.name} n/a")
            elif c.name == "numeric" and c.max_rel_error is not None:
                marks.append(f"numeric {c.max_rel_error:.1e}" + ("" if c.passed else " FAILED"))
            else:
                marks.append(c.name + ("" if c.passed else " FAILED"))
        parts.append(f"d/d{r.wrt}: " + ", ".join(marks))
    return f"{'ok  ' if view.ok else 'FAIL'}  {view.id:28s} " + "; ".join(parts)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def cmd_show(args) -> ExitCode:
    from mcdocgen.pipeline import run_problem
    from mcdocgen.terminal import render_terminal

    catalog = _load(args.catalog)
    problem = next((p for p in catalog.problems if p.id == args.id), None)
    if problem is None:
        known = ", ".join(p.id for p in catalog.problems)
        raise McdocgenError(f"no problem '{args.id}' in {catalog.path} (known: {known})")
    outcome = run_problem(problem)
    sys.stdout.write(render_terminal(problem, outcome.view, Layout(args.layout)))
    return ExitCode.OK if outcome.view.ok else ExitCode.CHECK_FAILED


def cmd_build(args) -> ExitCode:
    from mcdocgen.render import render_site_pages
    from mcdocgen.site import SiteError, build_site

    catalog = _load(args.catalog)
    outcomes = _run(catalog, args.jobs)
    if _report_failures(catalog, outcomes):
        print("mcdocgen: checks failed: docs/ and site/ were left as they were", file=sys.stderr)
        return ExitCode.CHECK_FAILED
    pages = render_site_pages(catalog, [o.view for o in outcomes])
    try:
        result = build_site(Path(args.root), pages)
    except SiteError as exc:
        print(f"mcdocgen: site build failed: {exc}", file=sys.stderr)
        return ExitCode.CHECK_FAILED
    print(f"mcdocgen: built {result}", file=sys.stderr)
    return ExitCode.OK


COMMANDS = {"check": cmd_check, "show": cmd_show, "build": cmd_build}
