"""`mcdocgen check`: validate a catalog, derive and verify every problem, say what failed.

The engine (and NumPy, and the pages' code) is imported once the catalog has validated: a catalog
with mistakes is answered without it.
"""

from __future__ import annotations

import functools
import gc
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from mcdocgen import crashsafe
from mcdocgen.catalog import Catalog, load_catalog
from mcdocgen.commands.aside import Aside, Side
from mcdocgen.commands.progress import Progress
from mcdocgen.errors import CatalogError, Diagnostic, ExitCode, McdocgenError
from mcdocgen.escape import printable

if TYPE_CHECKING:
    from mcdocgen.commands.pipeline import Outcome
    from mcdocgen.present.views import ProblemView

STDOUT = "-"  # the file name meaning standard output


def refuse_overwriting(catalog_path: str | Path, *outputs: str | None) -> None:
    """An output file that is the catalog itself is refused before anything runs: ``check --json
    derivations.yaml`` reads like "check this catalog" and would have replaced it with the report."""
    catalog = Path(catalog_path).resolve()
    for output in outputs:
        if output and output != STDOUT and Path(output).resolve() == catalog:
            raise McdocgenError(f"{output}: this is the catalog being read; the report would replace it"
                                " (give another file, or '-' for standard output)")


def summary_line(view: ProblemView) -> str:
    """One problem's verdict on one line: ok or FAIL, the id, each check of each result."""
    parts = []
    for r in view.results:
        marks = [f"{c.name} n/a" if c.passed is None else c.name + ("" if c.passed else " FAILED") for c in r.checks]
        what = f"d/d{r.wrt}" if r.order == 1 else f"d{r.order}/d{r.wrt}{r.order}"   # d2/dx2: a Hessian
        parts.append(f"{what}: " + ", ".join(marks))
    return f"{'ok  ' if view.ok else 'FAIL'}  {view.id:28s} " + "; ".join(parts)


def report_failures(catalog: Catalog, outcomes: Sequence[Outcome], err: TextIO) -> int:
    """Print every failed check and missing derivation, located in the catalog; how many failed."""
    from mcdocgen.publish.report import problem_errors

    lines = {p.id: p.line for p in catalog.problems}
    failed = 0
    for o in outcomes:
        for message in problem_errors(o.view):
            print(printable(f"{catalog.path}:{lines[o.view.id]}: problem '{o.view.id}', {message}"), file=err)
        failed += not o.view.ok
    return failed


def _statement_diagnostics(catalog: Catalog) -> list[Diagnostic]:
    """What build would refuse in the statements, where Temml is at hand (run in the Side's process:
    imported there, the publishing code costs this process nothing)."""
    from mcdocgen.publish.statements import statement_diagnostics   # only for a catalog that loads
    return statement_diagnostics(catalog, required=False)


def _refuse(bad: list[Diagnostic]) -> None:
    if bad:
        raise CatalogError(bad)


def check(catalog_path: str | Path, out: TextIO, err: TextIO, json_to: str | None = None,
          jobs: int | None = None, progress: Progress | None = None) -> ExitCode:
    """Check the catalog at ``catalog_path``: a summary line per problem on ``out``, failures and
    the count on ``err``; the JSON report to the file ``json_to`` (:data:`STDOUT`: on ``out``,
    the summary then going to ``err`` so that ``out`` stays pure JSON). ``progress`` is told how
    far the run is while it runs."""
    t0 = time.perf_counter()
    refuse_overwriting(catalog_path, json_to)
    statements: Side[list[Diagnostic]] | None = None
    try:
        # the imports and the catalog make objects that live to the end (frozen for the workers, pipeline):
        # collecting while they are made was a tenth of this serial part, which no worker shares
        collecting = gc.isenabled()
        gc.disable()
        try:
            catalog = load_catalog(catalog_path)  # the handouts: section too: a mistake there is bad input here
            # what build would refuse, where Temml is at hand, read while the workers derive: forked now, before
            # the engine is imported, its Node starts (a third of a second) on the core this import leaves idle;
            # a statement Temml refuses stops the workers, and nothing derived is reported
            statements = Side.start(Aside(functools.partial(_statement_diagnostics, catalog), _refuse))
            from mcdocgen.catalog.letters import letter_clashes   # walks nodes: the language's algebra, once valid
            from mcdocgen.commands.pipeline import run_catalog
            from mcdocgen.publish.report import dumps, report
        finally:
            if collecting:
                gc.enable()
        # the report is made from the views alone, and of them it reads the checks and the results only
        outcomes = run_catalog(catalog, jobs, progress, plots=False, aside=statements, derivations=False,
                               pages=False)
    finally:
        if statements is not None:
            statements.stop()   # stopped by run_catalog already, unless something failed before it ran
    summary_to = err if json_to == STDOUT else out
    for o in outcomes:
        print(summary_line(o.view), file=summary_to)
    failed = report_failures(catalog, outcomes, err)
    for problem in catalog.problems:    # a letter the notation reserves, given to a scalar: warned, not failed
        for clash in letter_clashes(problem):
            print(f"mcdocgen: warning: {printable(clash)}", file=err)
    if json_to:
        text = dumps(report(catalog.path, [o.view for o in outcomes]))
        if json_to == STDOUT:
            out.write(text)
        else:
            crashsafe.write_atomic(Path(json_to), text.encode("utf-8"))
    total = len(outcomes)
    print(f"mcdocgen: {total - failed} of {total} problems verified in {time.perf_counter() - t0:.1f} s"
          + (f"; {failed} failed" if failed else ""), file=err)
    return ExitCode.CHECK_FAILED if failed else ExitCode.OK
