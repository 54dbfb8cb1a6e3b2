"""`mcdocgen build`: the whole site from a catalog, published only when every check passed."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from mcdocgen.catalog import load_catalog
from mcdocgen.commands.check import report_failures
from mcdocgen.commands.handout import selections
from mcdocgen.commands.pipeline import identity_views, run_catalog
from mcdocgen.commands.progress import Progress
from mcdocgen.commands.walkthrough import schema_section
from mcdocgen.errors import ExitCode, McdocgenError, SiteError
from mcdocgen.escape import printable_lines
from mcdocgen.publish.handout import PDF_SKIPPED, site_handouts
from mcdocgen.publish.render import render_site_pages, site_nav
from mcdocgen.publish.site import build_site

LEFT_AS_THEY_WERE = "docs/ and site/ were left as they were"


def build(catalog_path: str | Path, root: Path, err: TextIO, jobs: int | None = None,
          progress: Progress | None = None) -> ExitCode:
    """Derive and verify the catalog, render every page (problems, identities, handouts, schema and
    walkthrough) and build the site under ``root``; on any failure nothing is published."""
    catalog = load_catalog(catalog_path)
    chosen = selections(catalog, catalog.handouts)
    outcomes = run_catalog(catalog, jobs, progress)
    if report_failures(catalog, outcomes, err):
        print(f"mcdocgen: checks failed: {LEFT_AS_THEY_WERE}", file=err)
        return ExitCode.CHECK_FAILED
    views = [o.view for o in outcomes]
    pages = render_site_pages(catalog, views, identity_views())
    try:
        handout_pages, handout_files, pdf_skipped = site_handouts(catalog, catalog.handouts, views, chosen)
    except McdocgenError as exc:
        print(printable_lines(f"mcdocgen: handouts failed: {exc}"), file=err)
        print(f"mcdocgen: {LEFT_AS_THEY_WERE}", file=err)
        return ExitCode(exc.exit_code)
    if pdf_skipped:
        print(f"mcdocgen: {PDF_SKIPPED}; the Handouts page links the .tex sources", file=err)
    pages.update(handout_pages)
    schema_pages, schema_files = schema_section()  # the catalog schema, its page, the walkthrough
    pages.update(schema_pages)
    try:
        result = build_site(root, pages, {**handout_files, **schema_files}, site_nav(views))
    except SiteError as exc:
        print(printable_lines(f"mcdocgen: site build failed: {exc}"), file=err)
        return ExitCode.CHECK_FAILED
    print(f"mcdocgen: built {result}", file=err)
    return ExitCode.OK
