"""`mcdocgen show`: one problem of a catalog derived, verified and printed as text (the engine is
imported once the catalog has validated)."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from mcdocgen.catalog import load_catalog
from mcdocgen.errors import ExitCode, McdocgenError
from mcdocgen.language import Layout


def show(catalog_path: str | Path, problem_id: str, layout: Layout, out: TextIO) -> ExitCode:
    """Print problem ``problem_id``'s derivation in ``layout``; exit 1 when a check fails."""
    catalog = load_catalog(catalog_path)
    problem = next((p for p in catalog.problems if p.id == problem_id), None)
    if problem is None:
        known = ", ".join(p.id for p in catalog.problems)
        raise McdocgenError(f"no problem '{problem_id}' in {catalog.path} (known: {known})")
    from mcdocgen.commands.pipeline import run_one
    from mcdocgen.publish.terminal import render_terminal

    outcome = run_one(problem, plots=False)   # a terminal shows no pictures
    out.write(render_terminal(outcome.view, layout))
    return ExitCode.OK if outcome.view.ok else ExitCode.CHECK_FAILED
