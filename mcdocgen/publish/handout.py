"""Handouts: exercise and solution sheets in LaTeX from the view records, compiled with latexmk.

A handout is a selection of catalog problems (by id and/or tag) in one or both layouts, printed
in two editions from the same selection: ``exercises`` (statements, shapes, space to work) and
``solutions`` (every step with the shape of every factor, the result, the verification figures in
a footnote). The LaTeX comes from ``templates/handout.tex.j2`` through a jinja2 environment of its
own, with LaTeX-safe delimiters; it reads only the strings of :mod:`mcdocgen.present.views`, printed by the
same printer as the site. ``latexmk -pdf`` from Debian's TeX Live compiles it in a temporary
folder; a LaTeX error or an overfull line stops with the id of the problem it is in.

Handouts are declared in the catalog's optional top-level ``handouts:`` list (an extension of the
catalog spec), read by the loader into ``Catalog.handouts`` (:mod:`mcdocgen.catalog.handouts`);
:func:`site_handouts` builds the files and the page the site publishes under ``handouts/``.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import jinja2

from mcdocgen import crashsafe
from mcdocgen.catalog.handouts import DEFAULT_NAME, HandoutSpec
from mcdocgen.catalog import MAX_ID_CHARS, SLUG, Catalog
from mcdocgen.errors import ExitCode, HandoutError, McdocgenError, NoTexEngine
from mcdocgen.escape import front_matter, markdown_text, tex_code, tex_comment, tex_text
from mcdocgen.publish.page import MARKER, tidy
from mcdocgen.publish.render import TEMPLATES, problem_path
from mcdocgen.present.views import ChainView, ProblemView

EDITIONS = ("exercises", "solutions")

#: Each problem's part of the .tex starts with this comment; a LaTeX error is mapped back to the
#: problem whose part holds the line TeX stopped at.
PROBLEM_MARK = "%% mcdocgen problem: "
END_MARK = "%% mcdocgen end of problems"

#: Overfull lines wider than this (in pt) are errors.
OVERFULL_LIMIT_PT = 1.0
LATEXMK_TIMEOUT_SECONDS = 300
TEX_TEMP_PREFIX = "mcdocgen-tex-"  # in the system's temporary folder
TEX_PACKAGES = "texlive-latex-base texlive-latex-recommended texlive-fonts-recommended latexmk"


# ---------------------------------------------------------------- selection


def select(catalog: Catalog, ids: Sequence[str] = (), tags: Sequence[str] = ()) -> list[str]:
    """The problem ids of a selection: the ids in the order given, then the problems carrying any
    of the tags in catalog order (each once); neither given: every problem in catalog order.

    Raises :class:`McdocgenError` (bad input) for an unknown id or a tag no problem carries.
    """
    known = [p.id for p in catalog.problems]
    for pid in ids:
        if pid not in known:
            raise McdocgenError(f"no problem '{pid}' in {catalog.path}{_suggest(pid, known)}")
    all_tags = _tags(catalog)
    for tag in tags:
        if tag not in all_tags:
            raise McdocgenError(f"no problem in {catalog.path} has the tag '{tag}'{_suggest(tag, all_tags)}")
    if not ids and not tags:
        return known
    chosen = list(dict.fromkeys(ids))
    wanted = set(tags)
    chosen += [p.id for p in catalog.problems if wanted & set(p.tags) and p.id not in chosen]
    return chosen


def _tags(catalog: Catalog) -> list[str]:
    return list(dict.fromkeys(t for p in catalog.problems for t in p.tags))


def _suggest(word: str, choices: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    if close:
        return f" (did you mean '{close[0]}'?)"
    shown = ", ".join(choices[:12]) + (", ..." if len(choices) > 12 else "")
    return f" (known: {shown})"


# ---------------------------------------------------------------- LaTeX text




def shaped_chain(chain: ChainView) -> str:
    """The symbolic chain rule with each factor's shape under it, as the course notes write it,
    for an ``aligned`` block: ``\\underbrace{\\frac{\\partial f}{\\partial x}}_{(1, n)} &=
    \\underbrace{...}_{(1, m)}...``. Empty for the matrix form, which has no chain of factors."""
    if not chain.paths:
        return ""
    terms = [r"\,".join(rf"\underbrace{{{c.frac}}}_{{{c.shape}}}" for c in path) for path in chain.paths]
    return rf"\underbrace{{{chain.lhs}}}_{{{chain.shape}}} &= " + " + ".join(terms)


def latex_environment() -> jinja2.Environment:
    """The LaTeX environment: ``((* *))`` blocks, ``((( )))`` variables, ``((= =))`` comments."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        block_start_string="((*",
        block_end_string="*))",
        variable_start_string="(((",
        variable_end_string=")))",
        comment_start_string="((=",
        comment_end_string="=))",
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    env.filters.update(tex=tex_text, tt=tex_code, tex_comment=tex_comment, shaped_chain=shaped_chain)
    return env


def render_handout(spec: HandoutSpec, views: Sequence[ProblemView], edition: str,
                   source: str = "derivations.yaml") -> str:
    """The .tex of one edition; the same input gives the same bytes (no dates but the one given)."""
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {EDITIONS}, not {edition!r}")
    template = latex_environment().get_template("handout.tex.j2")
    h = {"name": spec.name, "title": spec.title, "course": spec.course, "author": spec.author,
         "date": spec.date, "edition": edition, "layout": spec.layout, "layouts": list(spec.layouts),
         "source": Path(source).name, "solutions": edition == "solutions",
         "problem_mark": PROBLEM_MARK, "end_mark": END_MARK}
    return tidy(template.render(h=h, problems=list(views)))


# ---------------------------------------------------------------- compiling


def tex_engine() -> str | None:
    """The latexmk to use, or None when latexmk or pdflatex is missing."""
    latexmk = shutil.which("latexmk")
    return latexmk if latexmk and shutil.which("pdflatex") else None


def ci() -> bool:
    return os.environ.get("CI") == "true"


def compile_pdf(tex: str, jobname: str) -> bytes:
    """Compile one .tex with ``latexmk -pdf`` in a temporary folder and return the PDF's bytes.

    Raises :class:`HandoutError` with the id of the problem at fault and the first ``!`` line of
    the log for a LaTeX error, and likewise for a line more than 1pt overfull. Reproducible:
    SOURCE_DATE_EPOCH=0 with FORCE_SOURCE_DATE=1 makes the PDF's bytes depend on the .tex only.
    """
    latexmk = tex_engine()
    if latexmk is None:
        raise NoTexEngine(f"no TeX engine: latexmk and pdflatex are needed for PDFs (Debian: apt-get install {TEX_PACKAGES})")
    with crashsafe.temporary_folder(TEX_TEMP_PREFIX) as folder:
        (folder / f"{jobname}.tex").write_text(tex, encoding="utf-8")
        env = dict(os.environ, SOURCE_DATE_EPOCH="0", FORCE_SOURCE_DATE="1", max_print_line="10000",
                   error_line="254", half_error_line="238")
        cmd = [latexmk, "-pdf", "-interaction=nonstopmode", "-halt-on-error", "-norc", "-no-shell-escape",
               "-silent", f"{jobname}.tex"]
        try:
            proc = crashsafe.run(cmd, cwd=folder, env=env, timeout=LATEXMK_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            raise HandoutError(f"{jobname}.tex: latexmk did not finish in {LATEXMK_TIMEOUT_SECONDS} s") from exc
        log_path, pdf_path = folder / f"{jobname}.log", folder / f"{jobname}.pdf"
        log = log_path.read_text(encoding="latin-1") if log_path.is_file() else ""
        if proc.returncode != 0 or not pdf_path.is_file():
            raise latex_error(jobname, tex, log, proc.stdout + proc.stderr)
        overfull = overfull_boxes(log)
        if overfull:
            width, line = overfull[0]
            pid = problem_at(tex, line)
            where = f"problem '{pid}'" if pid else "the preamble or title block"
            more = f" (and {len(overfull) - 1} more)" if len(overfull) > 1 else ""
            raise HandoutError(f"{jobname}.tex: {where}: a line is {width:g}pt too wide at line {line}{more};"
                               f" report it with the problem id", pid, f"Overfull \\hbox ({width:g}pt too wide)")
        return pdf_path.read_bytes()


_LOG_LINE = re.compile(r"^l\.(\d+)")
_OVERFULL = re.compile(r"^Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\) .*?(?:lines? )(\d+)", re.M)


def latex_error(jobname: str, tex: str, log: str, output: str = "") -> HandoutError:
    """The error for a failed run: the problem whose part holds the line TeX stopped at, and the
    first ``!`` line of the log (or of latexmk's output when there is no log)."""
    lines = log.splitlines()
    first = next((i for i, l in enumerate(lines) if l.startswith("!")), None)
    if first is None:
        tail = next((l.strip() for l in output.splitlines() if l.strip().startswith("!")), "")
        tail = tail or next((l.strip() for l in reversed(output.splitlines()) if l.strip()), "no log")
        return HandoutError(f"{jobname}.tex: latexmk failed: {tail}", "", tail)
    message = lines[first].strip()
    line = next((int(m.group(1)) for l in lines[first:first + 40] if (m := _LOG_LINE.match(l))), None)
    pid = problem_at(tex, line) if line else ""
    where = f"problem '{pid}'" if pid else ("the preamble or title block" if line else "the document")
    at = f" at line {line}" if line else ""
    return HandoutError(f"{jobname}.tex: LaTeX error in {where}{at}: {message}", pid, message)


def overfull_boxes(log: str) -> list[tuple[float, int]]:
    """(width in pt, first source line) of each overfull \\hbox wider than the limit."""
    return [(float(m.group(1)), int(m.group(2))) for m in _OVERFULL.finditer(log)
            if float(m.group(1)) > OVERFULL_LIMIT_PT]


def problem_at(tex: str, line: int | None) -> str:
    """The id of the problem whose part of the .tex holds a (1-based) line; '' outside them."""
    if not line:
        return ""
    current = ""
    for number, text in enumerate(tex.splitlines(), start=1):
        if number > line:
            break
        if text.startswith(PROBLEM_MARK):
            current = text[len(PROBLEM_MARK):].strip()
        elif text.startswith(END_MARK):
            current = ""
    return current


# ---------------------------------------------------------------- handouts as files


@dataclass(frozen=True, slots=True)
class Built:
    """The files of some handouts: file name -> bytes, and whether PDFs were skipped."""

    files: dict[str, bytes]
    pdf_skipped: bool
    specs: tuple[HandoutSpec, ...]


def build_handouts(specs: Iterable[HandoutSpec], views: Mapping[str, ProblemView],
                   selections: Mapping[str, Sequence[str]], editions: Sequence[str] = EDITIONS,
                   pdf: bool = True, source: str = "derivations.yaml") -> Built:
    """Render every handout's editions and, with ``pdf`` and a TeX engine, compile them (in
    parallel). Without a TeX engine PDFs are skipped unless CI=true, where it is an error.
    Compiles everything before returning, so a failure leaves the caller nothing to write."""
    specs = tuple(specs)
    texs: dict[str, str] = {}
    for spec in specs:
        chosen = [views[pid] for pid in selections[spec.name]]
        for edition in editions:
            texs[spec.file_name(edition, "tex")] = render_handout(spec, chosen, edition, source)
    files = {name: tex.encode("utf-8") for name, tex in texs.items()}
    skipped = False
    if pdf:
        if tex_engine() is None:
            if ci():
                raise NoTexEngine("no TeX engine (latexmk, pdflatex) and CI=true: PDFs are required;"
                                  f" install {TEX_PACKAGES} (make test does)")
            skipped = True
        else:
            crashsafe.remove_abandoned(TEX_TEMP_PREFIX)  # once a run: left by a run that was killed
            jobs = [(name[:-len(".tex")], tex) for name, tex in texs.items()]
            with ThreadPoolExecutor(max_workers=max(1, min(len(jobs), crashsafe.cpus(), 4))) as pool:
                pdfs = list(pool.map(lambda job: _compile_or_error(*job), jobs))
            errors = [p for p in pdfs if isinstance(p, Exception)]
            if errors:
                raise errors[0]
            for (stem, _), data in zip(jobs, pdfs):
                files[f"{stem}.pdf"] = data
    return Built(dict(sorted(files.items())), skipped, specs)


def _compile_or_error(jobname: str, tex: str) -> bytes | Exception:
    try:
        return compile_pdf(tex, jobname)
    except McdocgenError as exc:
        return exc


def write_files(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write files into a folder, each atomically (a temporary name, then a rename)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in files.items():
        target = folder / name
        crashsafe.write_atomic(target, data)
        written.append(target)
    return written


# ---------------------------------------------------------------- the site's Handouts page


PAGE = "handouts/index.md"
PDF_SKIPPED = f"PDFs skipped: no TeX engine (latexmk and pdflatex not found; Debian: apt-get install {TEX_PACKAGES})"


def site_handouts(catalog: Catalog, specs: Sequence[HandoutSpec], views: Sequence[ProblemView],
                  pdf: bool = True) -> tuple[dict[str, str], dict[str, bytes], bool]:
    """The Handouts page and the files under ``handouts/`` for build_site: (pages, extra_files,
    pdf_skipped). No handouts declared: nothing."""
    if not specs:
        crashsafe.remove_abandoned(TEX_TEMP_PREFIX)  # a build tidies up after a killed one, handouts or not
        return {}, {}, False
    by_id = {v.id: v for v in views}
    selections = {s.name: select(catalog, s.ids, s.tags) for s in specs}
    built = build_handouts(specs, by_id, selections, EDITIONS, pdf, catalog.path)
    page = handouts_page(specs, by_id, selections, set(built.files))
    return {PAGE: page}, {f"handouts/{name}": data for name, data in built.files.items()}, built.pdf_skipped


def handouts_page(specs: Sequence[HandoutSpec], views: Mapping[str, ProblemView],
                  selections: Mapping[str, Sequence[str]], files: set[str]) -> str:
    tags = list(dict.fromkeys(t for s in specs for t in s.tags))
    meta = ["title: Handouts",
            "description: Printable exercise and solution sheets compiled with LaTeX from the same derivations "
            "as this site.",
            "tags:" + ("" if tags else " []"), *(f"  - {front_matter(t)}" for t in tags)]
    out = ["---", *meta, "---", "", MARKER, "", "# Handouts", "",
           "Exercise and solution sheets for printing, made from the same derivations and in the same "
           "notation as this site. The exercise sheet states each problem with the shapes of its variables "
           "and leaves space to work; the solution sheet shows every step with the shape of every factor, "
           "the result, and the checks it passed. Each comes as a PDF and as its LaTeX source.", ""]
    if not any(name.endswith(".pdf") for name in files):
        out += ['!!! warning "PDFs not built"',
                "    No TeX engine was available when this site was built, so only the LaTeX sources are "
                "linked. Compile one with `latexmk -pdf NAME.tex` (Debian: `apt-get install "
                f"{TEX_PACKAGES}`).", ""]
    for spec in specs:
        out += [f"## {markdown_text(spec.title)}", ""]
        facts = [markdown_text(x) for x in (spec.course, spec.author, spec.date) if x]
        layout = "both layouts" if spec.layout == "both" else f"{spec.layout} layout"
        facts.append(f"{len(selections[spec.name])} problems, {layout}")
        out += [" · ".join(facts), "", "| Edition | PDF | LaTeX source |", "| --- | --- | --- |"]
        for edition in EDITIONS:
            pdf_name, tex_name = spec.file_name(edition, "pdf"), spec.file_name(edition, "tex")
            pdf_cell = f"[{pdf_name}]({pdf_name})" if pdf_name in files else "not built"
            tex_cell = f"[{tex_name}]({tex_name})" if tex_name in files else "not built"
            out.append(f"| {edition.capitalize()} | {pdf_cell} | {tex_cell} |")
        out += ["", "Problems:", ""]
        for n, pid in enumerate(selections[spec.name], start=1):
            view = views[pid]
            out.append(f"{n}. [{markdown_text(view.title)}](../{problem_path(view)})")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def plan(catalog: Catalog, declared: Sequence[HandoutSpec], ids: Sequence[str], tags: Sequence[str],
         name: str | None, layout: str | None, overrides: Mapping[str, str | None]) -> list[HandoutSpec]:
    """The handouts one `mcdocgen handout` call builds.

    - ids or tags given: one handout of that selection; its name from --name (default 'handout');
      a declared handout of that name lends its title, course, author, date and layout.
    - --name only: that declared handout.
    - nothing: every declared handout, or (none declared) one handout of every problem.
    Options given on the command line override the declared values.
    """
    by_name = {s.name: s for s in declared}
    if name is not None and (not SLUG.match(name) or len(name) > MAX_ID_CHARS):
        raise McdocgenError(f"--name '{name}' is not a slug of at most {MAX_ID_CHARS} characters: use lower-case "
                            "letters, digits and single '-'")
    if ids or tags:
        select(catalog, ids, tags)
        base = by_name.get(name or "", HandoutSpec(name or DEFAULT_NAME))
        chosen = [HandoutSpec(base.name, base.title, base.course, base.author, base.date, tuple(ids), tuple(tags),
                              base.layout)]
    elif name is not None:
        if name not in by_name:
            known = [s.name for s in declared]
            raise McdocgenError(f"no handout '{name}' in {catalog.path}'s handouts: section"
                                + (_suggest(name, known) if known else "; give problem ids or --tag"))
        chosen = [by_name[name]]
    elif declared:
        chosen = list(declared)
    else:
        chosen = [HandoutSpec(DEFAULT_NAME)]
    out = []
    for spec in chosen:
        values = {k: v for k, v in overrides.items() if v is not None}
        values = {k: " ".join(v.split()) for k, v in values.items()}
        if "title" in values and not values["title"]:
            raise McdocgenError("--title must not be empty")
        out.append(HandoutSpec(spec.name, values.get("title", spec.title), values.get("course", spec.course),
                               values.get("author", spec.author), values.get("date", spec.date),
                               spec.ids, spec.tags, layout or spec.layout))
    return out
