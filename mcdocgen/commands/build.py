"""`mcdocgen build`: the whole site from a catalog, published only when every check passed.

A build is incremental (:mod:`mcdocgen.publish.cache`): each problem's view (its derivation and
checks, as plain data) is kept under the digest of the problem's record, so only the problems
that changed are derived and verified again; the identities, the walkthrough, the handouts' PDFs,
MkDocs (:mod:`mcdocgen.publish.stamp`) and the scans of the built HTML are reused the same way,
each keyed by its own inputs. When the catalog, the root and the tools are all as they were for
the published build, nothing is derived at all: the heavy imports below wait until they are needed.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import shlex
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from mcdocgen.errors import CatalogError, ExitCode, McdocgenError, SiteError
from mcdocgen.escape import printable_lines
from mcdocgen.publish.cache import CACHE_DIR, Cache, code_version, digest, file_identity
from mcdocgen.publish.stamp import root_inputs, up_to_date
from mcdocgen.publish.swap import SITE_DIR

if TYPE_CHECKING:
    from mcdocgen.commands.progress import Progress
    from mcdocgen.catalog import Catalog, Problem
    from mcdocgen.commands.pipeline import Outcome
    from mcdocgen.present.identities import IdentityView
    from mcdocgen.present.views import ProblemView

LEFT_AS_THEY_WERE = "docs/ and site/ were left as they were"


def build(catalog_path: str | Path, root: Path, err: TextIO, jobs: int | None = None,
          progress: Progress | None = None, cache_dir: Path | None = None, use_cache: bool = True) -> ExitCode:
    """Derive and verify the catalog, render every page (problems, identities, handouts, schema and
    walkthrough) and build the site under ``root``; on any failure nothing is published.

    The cache lives in ``cache_dir`` (default: ``root/.mcdocgen/cache``); ``use_cache=False``
    (``--no-cache``) reads nothing from it and builds everything again."""
    root = Path(root).resolve()
    cache = Cache(Path(cache_dir) if cache_dir is not None else root / CACHE_DIR, read=use_cache)
    inputs = build_inputs(catalog_path, root)
    if use_cache and up_to_date(root, inputs):
        print(f"mcdocgen: {root / SITE_DIR} is up to date: the catalog, docs/, the code and the tools are as "
              "they were for the published build (--no-cache builds it again)", file=err)
        print(how_to_view(root), file=err)
        return ExitCode.OK
    # the symbolic stack, only now that something is to be derived or rendered
    from mcdocgen.catalog import load_catalog
    from mcdocgen.commands.check import report_failures
    from mcdocgen.commands.handout import selections
    from mcdocgen.commands.pipeline import run_catalog
    from mcdocgen.commands.walkthrough import schema_section
    from mcdocgen.publish.course import load_course, page_layout, with_course
    from mcdocgen.publish.handout import PDF_SKIPPED, site_handouts
    from mcdocgen.publish.navigation import site_nav
    from mcdocgen.publish.render import render_site_pages
    from mcdocgen.publish.site import build_site
    from mcdocgen.publish.statements import statement_diagnostics

    catalog = load_catalog(catalog_path)
    bad = statement_diagnostics(catalog, root, cache=cache)
    if bad:
        raise CatalogError(bad)
    course = load_course(root)  # mcdocgen.toml: the course's name, author, layout
    handouts = with_course(catalog.handouts, course)
    chosen = selections(catalog, handouts)
    views, fresh = cached_views(catalog, cache, lambda todo: run_catalog(todo, jobs, progress))
    if report_failures(catalog, fresh, err):
        print(f"mcdocgen: checks failed: {LEFT_AS_THEY_WERE}", file=err)
        return ExitCode.CHECK_FAILED
    pages = render_site_pages(catalog, views, cached_identity_views(cache), opens=page_layout(course))
    try:
        handout_pages, handout_files, pdf_skipped = site_handouts(catalog, handouts, views, chosen,
                                                                  cache=cache)
    except McdocgenError as exc:
        print(printable_lines(f"mcdocgen: handouts failed: {exc}"), file=err)
        print(f"mcdocgen: {LEFT_AS_THEY_WERE}", file=err)
        return ExitCode(exc.exit_code)
    if pdf_skipped:
        print(f"mcdocgen: {PDF_SKIPPED}; the Handouts page links the .tex sources", file=err)
    pages.update(handout_pages)
    schema_pages, schema_files = schema_section(cache)  # the catalog schema, its page, the walkthrough
    pages.update(schema_pages)
    try:
        result = build_site(root, pages, {**handout_files, **schema_files}, site_nav(views), cache=cache,
                            inputs=inputs)
    except SiteError as exc:
        print(printable_lines(f"mcdocgen: site build failed: {exc}"), file=err)
        return ExitCode.CHECK_FAILED
    cache.prune()
    print(f"mcdocgen: built {result}", file=err)
    print(how_to_view(root), file=err)
    return ExitCode.OK


def how_to_view(root: Path) -> str:
    """The last line of a build: the site's front page, and the command that serves it (its search
    and its links to folders need a server; the path relative to the current folder where it is in it)."""
    site = root / SITE_DIR
    try:
        shown = str(site.relative_to(Path.cwd().resolve()))
    except ValueError:
        shown = str(site)
    return f"mcdocgen: view the site: open {site / 'index.html'}, or serve it: python3 -m http.server -d {shlex.quote(shown)}"


def build_inputs(catalog_path: str | Path, root: Path) -> str:
    """The stamp of everything a build reads: the code, the catalog (its bytes and its name as
    given, which messages and handouts show), the root (:func:`~mcdocgen.publish.stamp.root_inputs`),
    Temml, TeX and git, and CI (PDFs required); "" when the catalog cannot be read (the build
    then reports it)."""
    from mcdocgen.publish.mathml import package_candidates  # light: no symbolic stack

    try:
        catalog = Path(catalog_path).read_bytes()
    except OSError:
        return ""
    tools = [file_identity(shutil.which(name)) for name in ("latexmk", "pdflatex", "git")]
    temml = [str(p) for p in package_candidates(root) if (p / "package.json").is_file()]
    return digest(code_version(), str(catalog_path), catalog, *root_inputs(root), *temml, *tools,
                  f"CI={os.environ.get('CI')}")


def problem_key(problem: Problem) -> str:
    """A problem's cache key: its whole record but its line (a view does not depend on where the
    problem sits in the file, so moving it or editing the one above keeps its entry). Pickle of
    these frozen records gives the same bytes under any hash seed (tests/test_cache.py)."""
    return digest(pickle.dumps(dataclasses.replace(problem, line=0), protocol=5))


def cached_views(catalog: Catalog, cache: Cache,
                 run: Callable[[Catalog], Sequence[Outcome]]) -> tuple[list[ProblemView], list[Outcome]]:
    """Every problem's view, in catalog order: from ``cache`` where this code verified the same
    problem before, else from ``run`` (run_catalog) over the others only. Returns the views and the
    fresh outcomes (for their failures); only a view whose every check passed is stored (a budget
    or a crash is this machine's, not the problem's)."""
    from mcdocgen.catalog import Catalog
    from mcdocgen.present.views import ProblemView

    keys = {p.id: problem_key(p) for p in catalog.problems}
    views: dict[str, ProblemView] = {}
    for p in catalog.problems:
        found = cache.get("problem", keys[p.id])
        if isinstance(found, ProblemView) and found.id == p.id and found.ok:
            views[p.id] = found
    todo = tuple(p for p in catalog.problems if p.id not in views)
    fresh: Sequence[Outcome] = run(Catalog(catalog.path, todo, catalog.handouts)) if todo else []
    for outcome in fresh:
        views[outcome.view.id] = outcome.view
        if outcome.view.ok:
            cache.put("problem", keys[outcome.view.id], outcome.view)
    return [views[p.id] for p in catalog.problems], list(fresh)


def cached_identity_views(cache: Cache) -> tuple[IdentityView, ...]:
    """The identities' views (pipeline.identity_views): their only input is the code."""
    from mcdocgen.commands.pipeline import identity_views

    found = cache.get("identities", "")
    if isinstance(found, tuple):
        return found
    views = identity_views()
    cache.put("identities", "", views)
    return views
