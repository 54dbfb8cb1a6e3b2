"""mcdocgen.publish.handout: selection, the catalog's handouts: section, LaTeX rendering, golden .tex files,
compiling with latexmk and reading the PDFs back with pdftotext."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

import pdfpages
import pytest
import yaml

from mcdocgen.catalog import HandoutSpec
from mcdocgen.present.titles import title_view
from mcdocgen.commands import handout as CH
from mcdocgen.publish import handout as H
from mcdocgen.publish import latexmk as X
from mcdocgen.catalog import load_catalog
from mcdocgen.cli import main
from mcdocgen.errors import HandoutError, McdocgenError, NoTexEngine
from mcdocgen.commands.pipeline import run_catalog, run_problem
from mcdocgen.publish.page import MARKER

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "derivations.yaml"
GOLDEN = Path(__file__).resolve().parent / "golden"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

GOLDEN_IDS = ("ex4-dot-square", "matrix-chain")  # a chain of Jacobians and a chain in matrix form
GOLDEN_SPEC = HandoutSpec("golden", "Matrix calculus, week 3", "CS 316: Introduction to Deep Learning",
                            "A. Teacher", "Week 3", GOLDEN_IDS)
WHOLE = ("Matrix calculus: every problem of the catalog", "CS 316: Introduction to Deep Learning", "A. Teacher",
         "Week 3")
ODD_TEXT = r"Q&A: 100% of $x_1$ {braces} ~tilde ^caret \back #1 <a|b> a/b/c é — α"


def need(*tools: str, tex_files: tuple[str, ...] = ()) -> None:
    """Skip (fail with CI=true) when a tool the test runs, or a TeX file it needs, is not installed."""
    missing = [t for t in tools if shutil.which(t) is None]
    kpsewhich = shutil.which("kpsewhich") if tex_files else None
    for tex_file in tex_files:
        found = kpsewhich and subprocess.run([kpsewhich, tex_file], capture_output=True, text=True, timeout=60).stdout
        if not found:
            missing.append(tex_file)
    if missing:
        message = f"not installed: {', '.join(missing)} (make test installs it: scripts/install-system-deps)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


def pdf_text(path: Path) -> str:
    """The PDF's text with all white space removed (pdftotext breaks lines where TeX did); the
    accents OT1 text fonts set for '^' and '~', and TeX's apostrophe, read as ASCII; accented letters composed."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True, timeout=60).stdout
    text = re.sub(r"\s+", "", unicodedata.normalize("NFC", out))
    return text.replace("\u02c6", "^").replace("\u02dc", "~").replace("\u2019", "'")


def type3_fonts(path: Path) -> list[str]:
    """Bitmap (Type 3) fonts in the PDF: none, or a glyph came from a font TeX Live's base set has
    only as METAFONT source (TS1 text symbols, for one)."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True, timeout=60).stdout
    return [line for line in out.splitlines()[2:] if "Type 3" in line]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(CATALOG)


@pytest.fixture(scope="module")
def views(catalog):
    return [o.view for o in run_catalog(catalog)]


@pytest.fixture(scope="module")
def by_id(views):
    return {v.id: v for v in views}


# ---------------------------------------------------------------- selection and the handouts: section


def test_selection_keeps_the_order_given_then_adds_tagged_problems_in_catalog_order(catalog):
    ids = [p.id for p in catalog.problems]
    assert CH.select(catalog) == ids
    assert CH.select(catalog, ["neuron-loss", "ex1-abs"]) == ["neuron-loss", "ex1-abs"]
    tagged = [p.id for p in catalog.problems if "chain rule" in p.tags]
    assert CH.select(catalog, tags=["chain rule"]) == tagged
    mixed = CH.select(catalog, ["ex1-abs", "neuron-loss"], ["chain rule"])
    assert mixed == ["ex1-abs", "neuron-loss"] + [i for i in tagged if i != "neuron-loss"]
    with pytest.raises(McdocgenError, match="no problem 'nope'"):
        CH.select(catalog, ["nope"])
    with pytest.raises(McdocgenError, match="did you mean 'chain rule'"):
        CH.select(catalog, tags=["chain rul"])


SMALL = """\
problems:
  - id: lin
    title: Linear
    summary: A linear function.
    tags: [vector, chain rule]
    source: here
    variables:
      a: {shape: [n]}
      x: {shape: [n]}
    expression: "dot(a, x)"
    wrt: [x]
"""


def test_cli_reports_bad_handouts_with_exit_2(tmp_path, capsys):
    path = tmp_path / "c.yaml"
    path.write_text(SMALL + "handouts:\n  - name: x\n    title: T\n    layout: sideways\n")
    assert main(["handout", "--catalog", str(path), "--no-pdf", "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0] == f"{path}:15:13: handouts[0].layout: expected one of numerator, denominator, both, got 'sideways' [bad-layout]"
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("argv, message", [
    (["nope"], "no problem 'nope'"),
    (["--tag", "chain rul"], "has the tag 'chain rul' (did you mean 'chain rule'?)"),
    (["--name", "Bad Name"], "--name 'Bad Name' is not a slug"),
    (["--name", "unknown-handout"], "no handout 'unknown-handout'"),
])
def test_cli_bad_selection_exits_2_with_one_line(argv, message, tmp_path, capsys):
    assert main(["handout", *argv, "--catalog", str(CATALOG), "-o", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("mcdocgen: ") and message in err[0]


def test_cli_writes_tex_only_with_no_pdf_and_honours_the_options(tmp_path, capsys):
    out = tmp_path / "out"
    code = main(["handout", "ex5-least-squares", "--catalog", str(CATALOG), "--no-pdf", "-o", str(out),
                 "--name", "week-3", "--title", "Least squares & friends", "--date", "1 May", "--layout", "numerator"])
    assert code == 0, capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["week-3-exercises.tex", "week-3-solutions.tex"]
    tex = (out / "week-3-solutions.tex").read_text()
    assert r"Least squares \& friends" in tex and "1 May" in tex
    assert "Numerator layout" in tex and "Denominator layout" not in tex


# ---------------------------------------------------------------- the .tex


def test_tex_is_byte_identical_for_the_same_input(catalog, by_id):
    chosen = [by_id[i] for i in GOLDEN_IDS]
    again = [run_problem(catalog.problem(i)).view for i in GOLDEN_IDS]
    for edition in H.EDITIONS:
        first = H.render_handout(GOLDEN_SPEC, chosen, edition)
        assert first == H.render_handout(GOLDEN_SPEC, again, edition)
        assert "\\today" not in first and "Week 3" in first


def test_no_date_means_no_date(by_id):
    tex = H.render_handout(HandoutSpec("x"), [by_id["ex1-abs"]], "solutions")
    assert "\\today" not in tex and "\\date" not in tex


@pytest.mark.parametrize("edition", H.EDITIONS)
def test_golden_tex(edition, by_id, update_golden):
    tex = H.render_handout(GOLDEN_SPEC, [by_id[i] for i in GOLDEN_IDS], edition, str(CATALOG))
    path = GOLDEN / f"handout-{edition}.tex"
    if update_golden:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(tex.encode("utf-8"))
    assert path.is_file(), f"{path} is missing: run pytest --update-golden"
    assert tex.encode("utf-8") == path.read_bytes(), f"{path.name} differs: review, then pytest --update-golden"


def test_every_problem_is_marked_and_the_exercises_hold_no_result(views):
    spec = HandoutSpec("all")
    exercises = H.render_handout(spec, views, "exercises")
    solutions = H.render_handout(spec, views, "solutions")
    for tex in (exercises, solutions):
        marked = [line[len(X.PROBLEM_MARK):] for line in tex.splitlines() if line.startswith(X.PROBLEM_MARK)]
        assert marked == [v.id for v in views]
    body = exercises.split("\\begin{document}")[1]
    assert "\\boxed" not in body and "Result" not in body and "\\mccode" not in body
    # each problem's own exercise: one problem's result may be another's function (sum(x)), and
    # a function may be its own derivative (exp(x))
    marks = re.split(rf"^{re.escape(X.PROBLEM_MARK)}(\S+)$", exercises, flags=re.MULTILINE)
    exercise = dict(zip(marks[1::2], marks[2::2], strict=True))
    for v in views:
        for r in v.results:
            for lay in r.layouts:
                assert (lay.result.latex if lay.restriction else lay.named_result or lay.result.latex) in solutions   # with its names
                if len(lay.result.latex) > 12 and lay.result.latex not in v.expression_latex:
                    assert lay.result.latex not in exercise[v.id], (v.id, lay.layout)
                # the simplified product where it says something new; a scalar's shape goes without saying
                assert lay.product.latex in solutions or not lay.show_product or r.one_step
                assert lay.result.shape in exercises or r.one_layout_note



def test_no_footnote_mark_sits_on_a_shape_or_a_formula(views):
    """A mark on "(1, 1)" reads as "(1, 1) squared" (ux-audit 7.2): the check note hangs on the word Result."""
    solutions = H.render_handout(HandoutSpec("all"), views, "solutions")
    assert "\\footnote" in solutions
    assert not re.search(r"\$\\footnote", solutions)
    assert solutions.count("\\textbf{Result}\\footnote") == solutions.count("\\footnote{")

# ---------------------------------------------------------------- PDFs


@pytest.fixture(scope="module")
def whole_catalog_pdfs(tmp_path_factory, catalog, views):
    """Every catalog problem, both layouts, both editions, compiled once (in parallel)."""
    need("latexmk", "pdflatex", "pdftotext", "pdftoppm", "pdffonts")
    spec = HandoutSpec("catalog", *WHOLE, layout="both")
    ids = CH.select(catalog)
    built = H.build_handouts([spec], {v.id: v for v in views}, {"catalog": ids})
    out = tmp_path_factory.mktemp("handouts")
    for name, data in built.files.items():
        (out / name).write_bytes(data)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for edition in H.EDITIONS:
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                        str(out / f"catalog-{edition}.pdf"), str(ARTIFACTS / f"handout-{edition}")],
                       check=True, timeout=60)
    return out


def test_pdfs_hold_every_title_and_result_and_the_exercises_no_result(whole_catalog_pdfs, views):
    exercises = pdf_text(whole_catalog_pdfs / "catalog-exercises.pdf")
    solutions = pdf_text(whole_catalog_pdfs / "catalog-solutions.pdf")
    for v in views:
        # a title's text as it is, its math (present.titles) as math: each text part is in the PDF
        for part in (s.text for s in v.title_spans if not s.latex and s.text.strip()):
            assert squash(part) in exercises and squash(part) in solutions, v.id
        for r in v.results:
            for lay in r.layouts:
                fragment = squash(lay.result_text)
                # pdftotext drops a '-' that ends a line (it takes it for a hyphen): compare without them
                assert fragment and fragment.replace("-", "") in solutions.replace("-", ""), (v.id, r.wrt, lay.layout)
                if len(fragment) >= 8:
                    assert fragment not in exercises, (v.id, r.wrt, lay.layout)
    assert "Result" not in exercises and "expressionlanguage" not in exercises
    for edition in H.EDITIONS:
        assert type3_fonts(whole_catalog_pdfs / f"catalog-{edition}.pdf") == [], edition
    assert (ARTIFACTS / "handout-exercises.png").stat().st_size > 1000
    assert (ARTIFACTS / "handout-solutions.png").stat().st_size > 1000


def test_no_page_ends_in_a_bare_heading_or_splits_a_table_after_its_first_row(whole_catalog_pdfs):
    """A heading keeps with the first rows of the table under it: longtable, where its head and first
    row do not fit, breaks the page right after the heading (a student-eyed review of the handouts).
    A table a page breaks keeps SIDE_ROWS (handout_macros.tex.j2) of its rows on each page: a table of
    four split 2 + 2 read as two tables (the chain-rule handout had three)."""
    pages = pdfpages.body_lines(whole_catalog_pdfs / "catalog-solutions.pdf")
    assert sum(bool(pdfpages.HEADING.match(line.text)) for page in pages for line in page) > 100
    assert pdfpages.bare_headings(pages) == []
    assert pdfpages.first_row_splits(pages) == []
    assert len(pdfpages.table_splits(pages)) > 3        # tables do break: the rule is measured
    assert pdfpages.short_splits(pages, 3) == []


def test_pdfs_are_reproducible(whole_catalog_pdfs, views):
    spec = HandoutSpec("catalog", *WHOLE, layout="both")
    tex = H.render_handout(spec, views, "exercises")
    assert (whole_catalog_pdfs / "catalog-exercises.tex").read_text() == tex
    assert X.compile_pdf(tex, "catalog-exercises") == (whole_catalog_pdfs / "catalog-exercises.pdf").read_bytes()


def test_user_text_is_escaped_and_reads_back_from_the_pdf(tmp_path, by_id):
    need("latexmk", "pdflatex", "pdftotext", "pdffonts")
    odd = dataclasses.replace(by_id["ex1-abs"], title=ODD_TEXT)
    spec = HandoutSpec("odd", ODD_TEXT, ODD_TEXT, ODD_TEXT, ODD_TEXT)
    (tmp_path / "odd.pdf").write_bytes(X.compile_pdf(H.render_handout(spec, [odd], "exercises"), "odd"))
    text = pdf_text(tmp_path / "odd.pdf")
    # OT1 sets '_' as a rule: pdftotext reads everything else back as written
    assert text.count("Q&A:100%of$x1${braces}~tilde^caret\\back#1<a|b>a/b/cé—α") == 5  # course, title, author, date, section
    assert type3_fonts(tmp_path / "odd.pdf") == []


def test_cli_chain_rule_solutions_in_denominator_layout(tmp_path, capsys, catalog):
    need("latexmk", "pdflatex", "pdftotext")
    out = tmp_path / "out"
    code = main(["handout", "--tag", "chain rule", "--layout", "denominator", "--solutions", "-o", str(out),
                 "--catalog", str(CATALOG)])
    assert code == 0, capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["handout-solutions.pdf", "handout-solutions.tex"]
    text = pdf_text(out / "handout-solutions.pdf")
    for p in catalog.problems:
        if "chain rule" in p.tags:
            # the title's words (its math is typeset: pdftotext reads symbols, not the span's text)
            for part in (s.text for s in title_view(p).spans if not s.latex and s.text.strip()):
                assert squash(part) in text, p.id
    assert "Numeratorlayout" not in text.replace("Innumeratorlayout", "")


def test_a_latex_error_names_the_problem_and_leaves_earlier_pdfs(tmp_path, capsys, monkeypatch):
    need("latexmk", "pdflatex")
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "handout-exercises.pdf"
    earlier.write_bytes(b"%PDF earlier")
    render = H.render_handout

    def broken(spec, views, edition, *args, **kwargs):
        mark = X.PROBLEM_MARK + "ex5-least-squares\n"
        return render(spec, views, edition, *args, **kwargs).replace(mark, mark + "\\mcdocgenbroken\n")

    monkeypatch.setattr(H, "render_handout", broken)
    code = main(["handout", "ex4-dot-square", "ex5-least-squares", "--exercises", "-o", str(out),
                 "--catalog", str(CATALOG)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err == [err[0]] and "problem 'ex5-least-squares'" in err[0] and "! Undefined control sequence." in err[0]
    assert earlier.read_bytes() == b"%PDF earlier"
    assert sorted(p.name for p in out.iterdir()) == ["handout-exercises.pdf"]


def test_an_overfull_line_is_an_error_naming_the_problem(by_id):
    need("latexmk", "pdflatex")
    tex = H.render_handout(HandoutSpec("wide"), [by_id["ex2-relu"], by_id["ex1-abs"]], "exercises")
    # catalog text cannot make a line too wide (long words may break: tests/test_cli.py), so a box is put in
    mark = f"{X.PROBLEM_MARK}ex1-abs\n"
    tex = tex.replace(mark, mark + "\\noindent\\rule{30cm}{1pt}\\par\n")
    with pytest.raises(HandoutError, match=r"problem 'ex1-abs'.*pt too wide") as info:
        X.compile_pdf(tex, "wide")
    assert info.value.problem == "ex1-abs"


SLOW_TEX = (r"\documentclass{article}\begin{document}\count1=0 "
            r"\loop\advance\count1 by 1 \ifnum\count1<400000000 \repeat x\end{document}")
COMPILE = "import sys; from mcdocgen.publish import latexmk as X; X.compile_pdf(sys.argv[1], 'slow')"


def test_a_killed_run_leaves_no_latexmk_and_the_next_run_removes_its_folder(tmp_path, monkeypatch):
    need("latexmk", "pdflatex")
    from process_support import processes_using, wait_for

    tmp = tmp_path / "tmp"  # the compile's temporary folder goes here, where only this test looks
    tmp.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", COMPILE, SLOW_TEX], env=dict(os.environ, TMPDIR=str(tmp)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: any("pdflatex" in _cmdline(pid) for pid in processes_using(str(tmp)))), \
            "pdflatex did not start"
        proc.kill()
        proc.wait(timeout=30)
        assert wait_for(lambda: not processes_using(str(tmp)), 10), [_cmdline(p) for p in processes_using(str(tmp))]
    finally:
        proc.kill()
    assert [p.name[:len(X.TEX_TEMP_PREFIX)] for p in tmp.iterdir()] == [X.TEX_TEMP_PREFIX]  # left behind
    monkeypatch.setattr(tempfile, "tempdir", str(tmp))
    H.site_handouts(load_catalog(CATALOG), [], [], {})  # the next build, even one without handouts
    assert list(tmp.iterdir()) == []


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


# ---------------------------------------------------------------- no TeX engine, and the site's page


def test_without_a_tex_engine_pdfs_are_skipped_unless_ci(monkeypatch, catalog, by_id):
    monkeypatch.setattr(X, "tex_engine", lambda: None)
    specs = catalog.handouts
    monkeypatch.delenv("CI", raising=False)
    pages, files, skipped = H.site_handouts(catalog, specs, list(by_id.values()), CH.selections(catalog, specs))
    assert skipped
    assert sorted(files) == sorted(f"handouts/{s.name}-{e}.tex" for s in specs for e in ("exercises", "solutions"))
    assert len(files) == 6      # the chain rule's three handouts, by topic
    page = pages["handouts/index.md"]
    assert "PDFs not built" in page and "(chain-rule-solutions.tex)" in page and ".pdf)" not in page
    monkeypatch.setenv("CI", "true")
    with pytest.raises(NoTexEngine, match="CI=true"):
        H.site_handouts(catalog, specs, list(by_id.values()), CH.selections(catalog, specs))


def test_handouts_page_links_pdfs_tex_and_problems(catalog, by_id):
    specs = catalog.handouts
    selections = {s.name: CH.select(catalog, s.ids, s.tags) for s in specs}
    files = {s.file_name(e, x) for s in specs for e in H.EDITIONS for x in ("pdf", "tex")}
    page = H.handouts_page(specs, by_id, selections, files)
    meta = yaml.safe_load(page.split("---\n")[1])
    assert meta["title"] == "Handouts" and meta["description"] and "tags" not in meta  # tags list problems only
    assert MARKER in page and "PDFs not built" not in page
    for name in sorted(files):
        assert f"[{name}]({name})" in page
    assert "(../problems/neural-networks/neuron-loss.md)" in page


def test_a_where_line_is_not_repeated_under_the_next_row(tmp_path):
    """Logistic regression's put-back row and its Result each printed "where a = X w, p = sigma(a)", two lines apart
    (review s42; the page said it once): said once, under the Result, so that a page break between the row and the
    Result cannot leave the boxed answer without its definitions (review s43: the relu network by b)."""
    assert main(["handout", "ml-logistic-regression", "--solutions", "--no-pdf", "-o", str(tmp_path)]) == 0
    tex = (tmp_path / "handout-solutions.tex").read_text(encoding="utf-8")
    where = r"\noindent where \mcfit{\mathbf{a} = X \mathbf{w}, \quad \mathbf{p} = \sigma\mathopen{}\left(\mathbf{a}\right)}"
    row = r"$\mathbf{q}_{3}$ put back}:"
    parts = tex.split(row)[1:]
    assert len(parts) == 2, "no put-back row with names in each layout: the test tests nothing"
    for part in parts:      # from a put-back row to the next Result's box (the Hessian's writes p too, s44)
        box = part.index(r"\boxed{")
        end = part.find(r"\boxed{", box + 1)
        part = part if end < 0 else part[:end]
        assert part.count(where) == 1 and part.index(where) > part.index(r"\boxed{")    # under the Result, not the row
        # and on the box's page: no break after the box's display
        assert r"{\postdisplaypenalty=10000 \mcfit{\boxed{" in part[: part.index(where)]
