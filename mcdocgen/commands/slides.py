"""`mcdocgen slides`: Beamer slides of a selection of problems, one derivation step an overlay, in
the course's layout, compiled with latexmk as the handouts are (:mod:`mcdocgen.publish.latexmk`)."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

from mcdocgen import crashsafe
from mcdocgen.catalog import Catalog, load_catalog
from mcdocgen.catalog.handouts import HandoutLayout
from mcdocgen.commands.check import report_failures
from mcdocgen.commands.handout import select
from mcdocgen.commands.pipeline import run_catalog
from mcdocgen.errors import ExitCode, McdocgenError, NoTexEngine
from mcdocgen.language import Layout
from mcdocgen.present.slides import DEFAULT_TITLE, Deck, deck
from mcdocgen.present.views import ProblemView
from mcdocgen.publish import latexmk
from mcdocgen.publish.course import load_course
from mcdocgen.publish.handout import pdf_skipped
from mcdocgen.publish.latexmk import END_MARK, PROBLEM_MARK, SLIDES_PACKAGES
from mcdocgen.publish.page import tidy
from mcdocgen.publish.tex import latex_environment

STEM = "slides"


def slide_layout(given: str | None, course: HandoutLayout | None, views: Sequence[ProblemView]) -> HandoutLayout:
    """The layout of the slides: the command line's, else the course's (mcdocgen.toml), else the one
    the selected problems' sources use when they all name the same, else denominator."""
    if given:
        return HandoutLayout(given)
    if course is not None:
        return course
    named = {v.layout for v in views if v.layout}
    return HandoutLayout(named.pop()) if len(named) == 1 else HandoutLayout.DENOMINATOR


def layouts_of(layout: HandoutLayout) -> tuple[Layout, ...]:
    return tuple(Layout) if layout == HandoutLayout.BOTH else (Layout(layout),)


def render_slides(slides: Deck, layout: HandoutLayout) -> str:
    """The .tex of a deck; the same input gives the same bytes (no date but the one given)."""
    template = latex_environment().get_template("slides.tex.j2")
    h = {"layout": layout.value, "problem_mark": PROBLEM_MARK, "end_mark": END_MARK}
    return tidy(template.render(d=slides, h=h))


def slides(catalog_path: str | Path, out: TextIO, err: TextIO, *, ids: Sequence[str] = (), tags: Sequence[str] = (),
           layout: str | None = None, overrides: Mapping[str, str | None] | None = None,
           folder: Path = Path(STEM), pdf: bool = True) -> ExitCode:
    """`mcdocgen slides`: derive and verify the selection (ids in order, then tagged problems; neither:
    every problem), render the slides and compile them; the files are written only when everything
    succeeded, one path a line on ``out``."""
    t0 = time.perf_counter()
    catalog = load_catalog(catalog_path)
    chosen = select(catalog, ids, tags)
    course = load_course(Path(catalog_path).resolve().parent)
    text = {k: " ".join(v.split()) for k, v in (overrides or {}).items() if v is not None}
    if "title" in text and not text["title"]:
        raise McdocgenError("--title must not be empty")
    outcomes = run_catalog(Catalog(catalog.path, tuple(p for p in catalog.problems if p.id in set(chosen))), None)
    if report_failures(catalog, outcomes, err):
        print("mcdocgen: checks failed: no slides were written", file=err)
        return ExitCode.CHECK_FAILED
    by_id = {o.view.id: o.view for o in outcomes}
    views = [by_id[pid] for pid in chosen]
    lay = slide_layout(layout, course.layout, views)
    tex = render_slides(deck(views, layouts_of(lay), title=text.get("title", DEFAULT_TITLE),
                             course=text.get("course", course.name), author=text.get("author", course.author),
                             date=text.get("date", ""), source=Path(catalog.path).name), lay)
    files = {f"{STEM}.tex": tex.encode("utf-8")}
    skipped = False
    if pdf:
        if latexmk.tex_engine() is None:
            if latexmk.ci():
                raise NoTexEngine(f"no TeX engine (latexmk, pdflatex) and CI=true: PDFs are required; install {SLIDES_PACKAGES}")
            skipped = True
        else:
            crashsafe.remove_abandoned(latexmk.TEX_TEMP_PREFIX)
            files[f"{STEM}.pdf"] = latexmk.compile_pdf(tex, STEM)
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        crashsafe.write_atomic(folder / name, data)
        print(folder / name, file=out)
    if skipped:
        print(f"mcdocgen: {pdf_skipped(SLIDES_PACKAGES)}", file=err)
    print(f"mcdocgen: slides of {len(views)} problem{'s' if len(views) != 1 else ''} ({lay.value} layout"
          f"{'s' if lay == HandoutLayout.BOTH else ''}) in {time.perf_counter() - t0:.1f} s", file=err)
    return ExitCode.OK
