"""Driving latexmk: a .tex compiled to PDF in a temporary folder, and its log read back into one
located error (the id of the problem at fault and the first ``!`` line of the log)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass

from mcdocgen import crashsafe
from mcdocgen.errors import HandoutError, NoTexEngine
from mcdocgen.publish import paths

#: Each problem's part of the .tex starts with this comment; a LaTeX error is mapped back to the
#: problem whose part holds the line TeX stopped at.
PROBLEM_MARK = "%% mcdocgen problem: "
END_MARK = "%% mcdocgen end of problems"

#: Overfull lines wider than this (in pt) are errors.
OVERFULL_LIMIT_PT = 1.0
#: Pages taller than this (in pt) are errors: the output routine set more than a page holds, which
#: the template never asks for (a footnote under a last line's depth did once: \maxdepth, handout.tex.j2).
OVERFULL_PAGE_LIMIT_PT = 0.0
LATEXMK_TIMEOUT_SECONDS = 300
TEX_TEMP_PREFIX = "mcdocgen-tex-"  # in the system's temporary folder
#: The list of what the PDFs need (programs and TeX files) and the Debian package of each, also
#: read by scripts/install-system-deps: the one home of the package names.
TEX_LIST = "tex-packages.txt"


@dataclass(frozen=True, slots=True)
class TexNeed:
    name: str       # a program (pdflatex) or a TeX file (beamer.cls)
    package: str    # the Debian package that provides it
    use: str        # what needs it: "handouts", or "slides" (which need the handouts' too)


def _tex_needs() -> tuple[TexNeed, ...]:
    lines = (paths.templates() / TEX_LIST).read_text(encoding="utf-8").splitlines()
    return tuple(TexNeed(*line.split()[:3]) for line in lines if line.strip() and not line.startswith("#"))


TEX_NEEDS = _tex_needs()


def packages(use: str = "handouts") -> str:
    """The Debian packages the handouts' PDFs need (``use="slides"``: the slides' too), in order."""
    uses = ("handouts",) if use == "handouts" else ("handouts", use)
    return " ".join(dict.fromkeys(n.package for n in TEX_NEEDS if n.use in uses))


TEX_PACKAGES = packages()
SLIDES_PACKAGES = packages("slides")
_MISSING_FILE = re.compile(r"File `([^']+)' not found")


def missing_package(message: str) -> str:
    """For TeX's "File `beamer.cls' not found": which package to install, in words ('' otherwise)."""
    found = _MISSING_FILE.search(message)
    if found is None:
        return ""
    name = found.group(1)
    package = next((n.package for n in TEX_NEEDS if n.name == name), "")
    return f" ({name} is in the Debian package {package}: apt-get install {package})" if package else ""


def tex_engine() -> str | None:
    """The latexmk to use, or None when latexmk or pdflatex is missing."""
    latexmk = shutil.which("latexmk")
    return latexmk if latexmk and shutil.which("pdflatex") else None


def ci() -> bool:
    """Whether this runs in continuous integration, where PDFs are required."""
    return os.environ.get("CI") == "true"


def compile_pdf(tex: str, jobname: str) -> bytes:
    """Compile one .tex with ``latexmk -pdf`` in a temporary folder and return the PDF's bytes.

    Raises :class:`HandoutError` with the id of the problem at fault and the first ``!`` line of
    the log for a LaTeX error, and likewise for a line more than 1pt overfull; a page set taller
    than the page is an error too (the page's number: the log does not say which problem). Reproducible:
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
        if tall := overfull_pages(log):
            height, page = tall[0]
            more = f" (and {len(tall) - 1} more)" if len(tall) > 1 else ""
            raise HandoutError(f"{jobname}.tex: page {page} is {height:g}pt taller than the page{more};"
                               f" report it with the handout", "", f"Overfull \\vbox ({height:g}pt too high)")
        return pdf_path.read_bytes()


_LOG_LINE = re.compile(r"^l\.(\d+)")
_OVERFULL = re.compile(r"^Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\) .*?(?:lines? )(\d+)", re.M)


def latex_error(jobname: str, tex: str, log: str, output: str = "") -> HandoutError:
    """The error for a failed run: the problem whose part holds the line TeX stopped at, and the
    first ``!`` line of the log (or of latexmk's output when there is no log)."""
    lines = log.splitlines()
    first = next((i for i, text in enumerate(lines) if text.startswith("!")), None)
    if first is None:
        tail = next((text.strip() for text in output.splitlines() if text.strip().startswith("!")), "")
        tail = tail or next((text.strip() for text in reversed(output.splitlines()) if text.strip()), "no log")
        return HandoutError(f"{jobname}.tex: latexmk failed: {tail}{missing_package(tail)}", "", tail)
    message = lines[first].strip()
    line = next((int(m.group(1)) for text in lines[first:first + 40] if (m := _LOG_LINE.match(text))), None)
    pid = problem_at(tex, line) if line else ""
    where = f"problem '{pid}'" if pid else ("the preamble or title block" if line else "the document")
    at = f" at line {line}" if line else ""
    return HandoutError(f"{jobname}.tex: LaTeX error in {where}{at}: {message}{missing_package(message)}", pid, message)


def overfull_boxes(log: str) -> list[tuple[float, int]]:
    """(width in pt, first source line) of each overfull \\hbox wider than the limit."""
    return [(float(m.group(1)), int(m.group(2))) for m in _OVERFULL.finditer(log)
            if float(m.group(1)) > OVERFULL_LIMIT_PT]


_SHIPPED = re.compile(r"\[(\d+)(?=[\]\s{])")
_OVERFULL_PAGE = re.compile(r"^Overfull \\vbox \((\d+(?:\.\d+)?)pt too high\) has occurred while \\output is active", re.M)


def overfull_pages(log: str) -> list[tuple[float, int]]:
    """(height in pt, page number) of each page the output routine set taller than the page: TeX
    says so before it ships the page, so the page is the one after the last ``[n`` shipped."""
    found = []
    for m in _OVERFULL_PAGE.finditer(log):
        shipped = [int(n) for n in _SHIPPED.findall(log, 0, m.start())]
        if float(m.group(1)) > OVERFULL_PAGE_LIMIT_PT:
            found.append((float(m.group(1)), shipped[-1] + 1 if shipped else 1))
    return found


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
