"""Handouts: exercise and solution sheets in LaTeX from the view records, compiled with latexmk.

A handout is a selection of catalog problems (by id and/or tag) in one or both layouts, printed
in two editions from the same selection: ``exercises`` (statements, shapes, space to work) and
``solutions`` (every step with the shape of every factor, the result; how every result was
checked said once, under the notation, and a footnote where a check failed or did not apply).
The LaTeX comes from ``templates/handout.tex.j2`` through a jinja2 environment of its own
(:mod:`mcdocgen.publish.tex`); it reads only the strings of :mod:`mcdocgen.present.views`, printed
by the same printer as the site. ``latexmk -pdf`` compiles it (:mod:`mcdocgen.publish.latexmk`);
a LaTeX error or an overfull line stops with the id of the problem it is in. Which handouts a
`mcdocgen handout` call builds is :mod:`mcdocgen.commands.handout`'s.

Handouts are declared in the catalog's optional top-level ``handouts:`` list (an extension of the
catalog spec), read by the loader into ``Catalog.handouts`` (:mod:`mcdocgen.catalog.handouts`);
:func:`site_handouts` builds the files and the page the site publishes under ``handouts/``.
"""

from __future__ import annotations

import enum
import shutil
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from mcdocgen import crashsafe
from mcdocgen.catalog import Catalog, HandoutSpec
from mcdocgen.errors import McdocgenError, NoTexEngine
from mcdocgen.present.handout import AS_DECLARED, HandoutStyle, total_points
from mcdocgen.present.notation import Symbol, notation_list, page_symbols, used_symbols
from mcdocgen.present.views import ProblemView
from mcdocgen.publish import latexmk
from mcdocgen.publish.cache import Cache, digest, file_identity
from mcdocgen.publish.latexmk import END_MARK, PROBLEM_MARK, TEX_PACKAGES, TEX_TEMP_PREFIX
from mcdocgen.publish.page import tidy
from mcdocgen.publish.paths import site_docs
from mcdocgen.publish.navigation import NOTATION, problem_path
from mcdocgen.publish.render import render_page, title_markdown
from mcdocgen.publish.tex import latex_environment


@enum.unique
class Edition(enum.StrEnum):
    """The two sheets printed from one selection."""

    EXERCISES = "exercises"     # statements, shapes, space to work
    SOLUTIONS = "solutions"     # every step, the result, the checks


EDITIONS = tuple(Edition)


def render_handout(spec: HandoutSpec, views: Sequence[ProblemView], edition: Edition,
                   source: str = "derivations.yaml", style: HandoutStyle = AS_DECLARED) -> str:
    """The .tex of one edition; the same input gives the same bytes (no dates but the one given).
    ``style``: the student edition, the statements' wording, a variant's number (present.handout)."""
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {', '.join(EDITIONS)}, not {edition!r}")
    template = latex_environment().get_template("handout.tex.j2")
    points = spec.points_of([v.id for v in views])
    h = {"name": spec.name, "title": spec.title, "course": spec.course, "author": spec.author,
         "date": spec.date, "edition": edition, "layout": spec.layout, "layouts": list(spec.layouts),
         "source": Path(source).name, "solutions": edition == Edition.SOLUTIONS,
         "problem_mark": PROBLEM_MARK, "end_mark": END_MARK,
         "student": spec.student if style.student is None else style.student,
         "wording": (style.wording or spec.wording).value, "variant": style.variant,
         "points": points, "total": total_points(points, views), "notation": NOTATION_MARK}
    tex = tidy(template.render(h=h, problems=list(views)))
    # the notation explained is what the problems, printed after it, use
    head, mark, body = tex.partition(NOTATION_MARK)
    return head + notation_list(used_symbols(notation_page(), body)) + body if mark else tex


#: Where the notation goes in a rendered handout, until its problems are printed.
NOTATION_MARK = "@@notation@@"


@cache
def notation_page() -> tuple[Symbol, ...]:
    """The symbols of the course site's Notation page (docs/notation.md), the one list of them."""
    return page_symbols((site_docs() / NOTATION).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- handouts as files


@dataclass(frozen=True, slots=True)
class Built:
    """The files of some handouts: file name -> bytes, and whether PDFs were skipped."""

    files: dict[str, bytes]
    pdf_skipped: bool
    specs: tuple[HandoutSpec, ...]


def build_handouts(specs: Iterable[HandoutSpec], views: Mapping[str, ProblemView],
                   selections: Mapping[str, Sequence[str]], editions: Sequence[Edition] = EDITIONS,
                   pdf: bool = True, source: str = "derivations.yaml", cache: Cache | None = None,
                   style: HandoutStyle = AS_DECLARED) -> Built:
    """Render every handout's editions and, with ``pdf`` and a TeX engine, compile them (in
    parallel). Without a TeX engine PDFs are skipped unless CI=true, where it is an error.
    Compiles everything before returning, so a failure leaves the caller nothing to write.
    With a ``cache``, a PDF compiled before from the same .tex by the same TeX is reused."""
    specs = tuple(specs)
    texs: dict[str, str] = {}
    for spec in specs:
        chosen = [views[pid] for pid in selections[spec.name]]
        for edition in editions:
            texs[spec.file_name(edition, "tex")] = render_handout(spec, chosen, edition, source, style)
    files = {name: tex.encode("utf-8") for name, tex in texs.items()}
    skipped = False
    if pdf:
        if latexmk.tex_engine() is None:
            if latexmk.ci():
                raise NoTexEngine("no TeX engine (latexmk, pdflatex) and CI=true: PDFs are required;"
                                  f" install {TEX_PACKAGES} (make test does)")
            skipped = True
        else:
            crashsafe.remove_abandoned(TEX_TEMP_PREFIX)  # once a run: left by a run that was killed
            tex_version = "|".join(file_identity(shutil.which(name)) for name in ("latexmk", "pdflatex"))
            keys = {name[:-len(".tex")]: digest(name, tex, tex_version) for name, tex in texs.items()}
            pdfs: dict[str, bytes] = {}
            for stem, key in keys.items():
                if isinstance(found := cache.get("pdf", key) if cache is not None else None, bytes):
                    pdfs[stem] = found
            jobs = [(name[:-len(".tex")], tex) for name, tex in texs.items() if name[:-len(".tex")] not in pdfs]
            with ThreadPoolExecutor(max_workers=max(1, min(len(jobs), crashsafe.cpus(), 4))) as pool:
                compiled = list(pool.map(lambda job: _compile_or_error(*job), jobs))
            errors = [p for p in compiled if isinstance(p, Exception)]
            if errors:
                raise errors[0]
            for (stem, _), data in zip(jobs, [p for p in compiled if isinstance(p, bytes)], strict=True):
                pdfs[stem] = data
                if cache is not None:
                    cache.put("pdf", keys[stem], data)
            files.update({f"{stem}.pdf": data for stem, data in pdfs.items()})
    return Built(dict(sorted(files.items())), skipped, specs)


def _compile_or_error(jobname: str, tex: str) -> bytes | Exception:
    try:
        return latexmk.compile_pdf(tex, jobname)
    except McdocgenError as exc:
        return exc


# ---------------------------------------------------------------- the site's Handouts page


PAGE = "handouts/index.md"
def pdf_skipped(packages: str = TEX_PACKAGES) -> str:
    """The note that PDFs were skipped, naming the Debian packages that would make them."""
    return f"PDFs skipped: no TeX engine (latexmk and pdflatex not found; Debian: apt-get install {packages})"


PDF_SKIPPED = pdf_skipped()


def site_handouts(catalog: Catalog, specs: Sequence[HandoutSpec], views: Sequence[ProblemView],
                  selections: Mapping[str, Sequence[str]], pdf: bool = True, cache: Cache | None = None,
                  ) -> tuple[dict[str, str], dict[str, bytes], bool]:
    """The Handouts page and the files under ``handouts/`` for build_site: (pages, extra_files,
    pdf_skipped); ``selections``: each handout's problem ids. No handouts declared: nothing."""
    if not specs:
        crashsafe.remove_abandoned(TEX_TEMP_PREFIX)  # a build tidies up after a killed one, handouts or not
        return {}, {}, False
    by_id = {v.id: v for v in views}
    built = build_handouts(specs, by_id, selections, EDITIONS, pdf, catalog.path, cache)
    page = handouts_page(specs, by_id, selections, set(built.files))
    return {PAGE: page}, {f"handouts/{name}": data for name, data in built.files.items()}, built.pdf_skipped


def handouts_page(specs: Sequence[HandoutSpec], views: Mapping[str, ProblemView],
                  selections: Mapping[str, Sequence[str]], files: set[str]) -> str:
    """The site's Handouts page: each handout's editions (PDF and LaTeX source) and its problems."""
    handouts = [{"title": s.title, "facts": [x for x in (s.course, s.author, s.date) if x],
                 "count": len(selections[s.name]), "layout": s.layout,
                 "editions": [{"label": e.capitalize(), "pdf": s.file_name(e, "pdf"), "tex": s.file_name(e, "tex")}
                              for e in Edition],
                 "problems": [{"title": title_markdown(views[pid]), "url": "../" + problem_path(views[pid])}
                              for pid in selections[s.name]]} for s in specs]
    return render_page("handouts.md.j2", tags=list(dict.fromkeys(t for s in specs for t in s.tags)),
                       handouts=handouts, files=sorted(files), tex_packages=TEX_PACKAGES,
                       pdfs=any(name.endswith(".pdf") for name in files))
