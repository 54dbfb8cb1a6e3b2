"""The command line: parses the arguments, calls the command (mcdocgen.commands) and maps errors to exit
codes.

Only light modules are imported here (the language's and the catalog's plain facts for the choices);
each command imports its own module when it runs, so `--help`, `--version` and `schema` start
without SymPy or NumPy (tests/test_cli_start.py checks it, bench/bench_start.py times it)."""

from __future__ import annotations

import argparse
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from mcdocgen import __version__
from mcdocgen.catalog.handouts import LAYOUTS as HANDOUT_LAYOUTS, WORDINGS
from mcdocgen.commands.failure import explain
from mcdocgen.commands.options import TryFormat
from mcdocgen.errors import ExitCode, InternalError, McdocgenError
from mcdocgen.escape import printable
from mcdocgen.language import Layout

if TYPE_CHECKING:  # generic only to the type checker
    from argparse import _SubParsersAction

DEFAULT_CATALOG = "derivations.yaml"
QUIET_HELP = "no progress line (shown on a terminal, and now and then in CI: the CI variable set)"


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"needs a whole number of at least 1, got {text!r}")
    return value


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
    c.add_argument("--jobs", type=_positive, default=None, help="worker processes (default: one per core)")
    c.add_argument("--quiet", action="store_true", help=QUIET_HELP)

    s = sub.add_parser("show", help="print one derivation's steps in the terminal",
                       description="Print one problem's derivation, step by step.")
    s.add_argument("id", help="problem id")
    s.add_argument("catalog", nargs="?", default=DEFAULT_CATALOG, help="catalog file (default: %(default)s)")
    s.add_argument("--layout", choices=[layout.value for layout in Layout], default=Layout.DENOMINATOR.value)

    b = sub.add_parser("build", help="check, render the docs pages and build the site (atomically)",
                       description="Check every problem, render docs/ and build site/ with MkDocs; "
                                   "nothing is replaced unless everything succeeds.")
    b.add_argument("catalog", nargs="?", default=DEFAULT_CATALOG, help="catalog file (default: %(default)s)")
    b.add_argument("--root", default=".", help="the site's folder: docs/, and mkdocs.yml and mcdocgen.toml if any "
                                               "(default: current folder)")
    b.add_argument("--jobs", type=_positive, default=None, help="worker processes (default: one per core)")
    b.add_argument("--quiet", action="store_true", help=QUIET_HELP)
    b.add_argument("--no-cache", action="store_true",
                   help="build everything again, reading nothing from the build cache (it is refreshed)")
    b.add_argument("--cache-dir", metavar="DIR", default=None,
                   help="the build cache's folder (default: ROOT/.mcdocgen/cache)")

    h = sub.add_parser("handout", help="write LaTeX handouts (exercises and solutions) and compile them to PDF",
                       description="Write exercise and solution sheets for a selection of problems as LaTeX and "
                                   "compile them with latexmk. No ids, tags or --name: every handout in the "
                                   "catalog's handouts: section (or, without one, every problem).")
    _selection(h)
    h.add_argument("--layout", choices=HANDOUT_LAYOUTS, default=None,
                   help="layout(s) of the derivatives (default: the catalog's, else both)")
    h.add_argument("--solutions", action="store_true", help="write the solution sheet (default: both sheets)")
    h.add_argument("--exercises", action="store_true", help="write the exercise sheet (default: both sheets)")
    h.add_argument("--title", help="title (default: the catalog's, else 'Matrix calculus')")
    h.add_argument("--course", help="course name printed above the title")
    h.add_argument("--author", help="author printed under the title")
    h.add_argument("--date", help="date printed under the title (none unless given)")
    h.add_argument("--name", help="handout name, the stem of the file names (default: handout); "
                                  "names a handout of the catalog's handouts: section")
    h.add_argument("-o", "--out", default="handouts", metavar="DIR", help="output folder (default: %(default)s/)")
    h.add_argument("--no-pdf", action="store_true", help="write the .tex files only")
    h.add_argument("--student", action=argparse.BooleanOptionalAction, default=None,
                   help="the student edition: no catalog code, no check details, a name and date line; "
                        "--no-student: the instructor's (default: the handout's student: key, else the instructor's)")
    h.add_argument("--wording", choices=WORDINGS, default=None,
                   help="how statements declare variables: shapes ('a vector of shape (n, 1)') or sets "
                        "('x, w ∈ ℝⁿ, y ∈ ℝ') (default: the handout's wording: key, else shapes)")
    h.add_argument("--variants", type=_positive, default=0, metavar="K",
                   help="write K versions of each sheet (NAME-v1-...) with sizes, coefficients and functions "
                        "varied, each derived and verified")
    h.add_argument("--seed", type=int, default=0, help="the variants' random seed (default: %(default)s)")
    h.add_argument("--no-cache", action="store_true",
                   help="derive, verify and compile everything again, reading nothing from the build cache")
    h.add_argument("--catalog", default=DEFAULT_CATALOG, metavar="FILE", help="catalog file (default: %(default)s)")
    _slides_parser(sub)
    i = sub.add_parser("init", help="start a new course: a catalog, the course's settings, a README and workflows",
                       description="Write a new course folder: derivations.yaml with three example problems, "
                                   "mcdocgen.toml (the site's title and colours, the course's layout), a README, "
                                   "CI and GitHub Pages workflows and a pre-commit configuration. Never overwrites.")
    i.add_argument("folder", metavar="DIR", help="the new folder (it must not exist, or be empty)")
    i.add_argument("--title", help="the site's and the course's title (default: from DIR's name)")
    _review_parsers(sub)
    return p


def _selection(parser: argparse.ArgumentParser) -> None:
    """The problems a handout or a slide deck holds: ids, and tags."""
    parser.add_argument("ids", nargs="*", metavar="ID", help="problem ids, in the order wanted")
    parser.add_argument("--tag", action="append", default=[], metavar="TAG",
                        help="also every problem with this tag, in catalog order (repeatable)")


def _slides_parser(sub: _SubParsersAction[argparse.ArgumentParser]) -> None:
    sl = sub.add_parser("slides", help="write Beamer slides of derivations, one step an overlay, and compile them to PDF",
                        description="Write Beamer (LaTeX) slides for a selection of problems, one section a problem: "
                                    "the statement, the derivation one step an overlay, the boxed result and the "
                                    "checks in words; compiled with latexmk. No ids or tags: every problem.")
    _selection(sl)
    sl.add_argument("--layout", choices=HANDOUT_LAYOUTS, default=None,
                    help="layout of the derivatives (default: the course's in mcdocgen.toml, else the one the "
                         "problems' sources use, else denominator)")
    sl.add_argument("--title", help="title (default: 'Matrix calculus')")
    sl.add_argument("--course", help="course name on the title frame (default: the course's)")
    sl.add_argument("--author", help="author on the title frame (default: the course's)")
    sl.add_argument("--date", help="date on the title frame (none unless given)")
    sl.add_argument("-o", "--out", default="slides", metavar="DIR", help="output folder (default: %(default)s/)")
    sl.add_argument("--no-pdf", action="store_true", help="write the .tex file only")
    sl.add_argument("--catalog", default=DEFAULT_CATALOG, metavar="FILE", help="catalog file (default: %(default)s)")


def _review_parsers(sub: _SubParsersAction[argparse.ArgumentParser]) -> None:
    """The contributor commands: review, schema, try."""
    r = sub.add_parser("review", help="summarise a change to the catalog against a git revision (Markdown)",
                       description="Compare the catalog with its version at a git revision (read with git show, "
                                   "never checked out); derive and verify the added and changed problems and print "
                                   "a Markdown summary for a pull request.")
    r.add_argument("catalog", nargs="?", default=DEFAULT_CATALOG, help="catalog file (default: %(default)s)")
    r.add_argument("--base", required=True, metavar="REV", help="branch, tag or commit to compare with")
    r.add_argument("--json", metavar="FILE", help="also write the review as JSON to FILE ('-' for standard output)")
    r.add_argument("-o", "--output", metavar="FILE", help="write the Markdown to FILE instead of standard output")
    r.add_argument("--full", metavar="FILE", help="also write the full Markdown report to FILE (the summary is cut "
                                                  "to fit in a pull-request comment)")
    r.add_argument("--full-url", metavar="URL", help="where the summary says the full report is (default: FILE)")
    r.add_argument("--jobs", type=_positive, default=None, help="worker processes (default: one per core)")

    sub.add_parser("schema", help="print the catalog's JSON Schema",
                   description="Print the JSON Schema (Draft 2020-12) of the catalog, generated from the "
                               "loader's definitions.")

    t = sub.add_parser("try", help="derive and verify an expression without editing the catalog",
                       description="Derive and verify an expression given on the command line, printing the "
                                   "steps; --append adds it to the catalog as a ready-to-edit problem.")
    t.add_argument("expression", metavar="EXPR", help="the function, in the expression language")
    t.add_argument("--var", action="append", default=[], metavar="NAME:SHAPE",
                   help="a variable: x: or x:scalar, x:n (vector), X:m,n (matrix), A:n,n:symmetric, c::positive (repeatable)")
    t.add_argument("--wrt", action="append", default=[], metavar="NAME",
                   help="differentiate by NAME (repeatable; default: every variable)")
    t.add_argument("--hessian", action="append", default=[], metavar="NAME",
                   help="also derive the Hessian by NAME (repeatable; the function must be scalar)")
    t.add_argument("--layout", choices=[layout.value for layout in Layout], default=Layout.DENOMINATOR.value)
    t.add_argument("--format", choices=[f.value for f in TryFormat], default="text")
    t.add_argument("--append", action="store_true", help="add the problem to the catalog (comments are kept)")
    t.add_argument("--id", help="problem id for --append (default: made from the expression)")
    t.add_argument("--catalog", default=DEFAULT_CATALOG, metavar="FILE", help="catalog for --append (default: %(default)s)")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(COMMANDS[args.command](args))
    except InternalError as exc:
        return _internal_error(exc.where, exc.details)
    except (McdocgenError, OSError) as exc:  # bad input, or a path that cannot be used: the user's
        return int(explain(exc, sys.stderr))
    except KeyboardInterrupt:
        return int(ExitCode.INTERRUPTED)
    except Exception:  # noqa: BLE001 - a bug: the traceback for the report, and a status no verdict uses
        return _internal_error("", traceback.format_exc())


def _internal_error(where: str, details: str) -> int:
    sys.stderr.write(details if details.endswith("\n") else details + "\n")
    where = f" in {where}" if where else ""
    print(printable(f"mcdocgen: internal error{where} (a bug in mcdocgen, not a problem in the input); "
                    "please report it with the traceback above"), file=sys.stderr)
    return int(ExitCode.INTERNAL_ERROR)


def cmd_check(args: argparse.Namespace) -> ExitCode:
    from mcdocgen.commands.check import check
    from mcdocgen.commands.progress import progress_on

    return check(args.catalog, sys.stdout, sys.stderr, json_to=args.json, jobs=args.jobs,
                 progress=progress_on(sys.stderr, args.quiet))


def cmd_show(args: argparse.Namespace) -> ExitCode:
    from mcdocgen.commands.show import show

    return show(args.catalog, args.id, Layout(args.layout), sys.stdout)


def cmd_build(args: argparse.Namespace) -> ExitCode:
    from mcdocgen.commands.build import build
    from mcdocgen.commands.progress import progress_on

    return build(args.catalog, Path(args.root), sys.stderr, jobs=args.jobs, progress=progress_on(sys.stderr, args.quiet),
                 cache_dir=None if args.cache_dir is None else Path(args.cache_dir), use_cache=not args.no_cache)


def cmd_handout(args: argparse.Namespace) -> ExitCode:
    from mcdocgen.commands.handout import handout
    from mcdocgen.publish.handout import Edition

    editions = [e for e in Edition if getattr(args, e.value)] or list(Edition)
    from mcdocgen.catalog.handouts import Wording
    from mcdocgen.present.handout import HandoutStyle

    return handout(args.catalog, sys.stdout, sys.stderr, ids=args.ids, tags=args.tag, name=args.name,
                   layout=args.layout, editions=editions, folder=Path(args.out), pdf=not args.no_pdf,
                   style=HandoutStyle(args.student, Wording(args.wording) if args.wording else None),
                   variant_count=args.variants,
                   seed=args.seed, use_cache=not args.no_cache,
                   overrides={"title": args.title, "course": args.course, "author": args.author, "date": args.date})


def cmd_slides(args: argparse.Namespace) -> ExitCode:
    from mcdocgen.commands.slides import slides

    return slides(args.catalog, sys.stdout, sys.stderr, ids=args.ids, tags=args.tag, layout=args.layout,
                  folder=Path(args.out), pdf=not args.no_pdf,
                  overrides={"title": args.title, "course": args.course, "author": args.author, "date": args.date})


def cmd_init(args: argparse.Namespace) -> ExitCode:
    from mcdocgen.commands.init import init

    return init(Path(args.folder), sys.stdout, title=args.title)


def cmd_review(args: argparse.Namespace) -> ExitCode:
    from mcdocgen.commands.review import review

    return review(args.catalog, args.base, sys.stdout, sys.stderr, json_to=args.json, output=args.output,
                  full=args.full, full_url=args.full_url, jobs=args.jobs)


def cmd_schema(args: argparse.Namespace) -> ExitCode:
    from mcdocgen.catalog.schema import dumps_schema

    sys.stdout.write(dumps_schema())
    return ExitCode.OK


def cmd_try(args: argparse.Namespace) -> ExitCode:
    from mcdocgen.commands.trial import try_expression

    return try_expression(args.expression, args.var, args.wrt, sys.stdout, sys.stderr, pid=args.id,
                          layout=Layout(args.layout), fmt=TryFormat(args.format), append=args.append,
                          catalog=Path(args.catalog), hessian=args.hessian)


COMMANDS = {"check": cmd_check, "show": cmd_show, "build": cmd_build, "handout": cmd_handout,
            "slides": cmd_slides, "init": cmd_init, "review": cmd_review, "schema": cmd_schema, "try": cmd_try}
