"""`mcdocgen slides` (mcdocgen.commands.slides, mcdocgen.present.slides, templates/slides.tex.j2): the frames
of a derivation, the layout chosen, bad input, reproducible .tex, and the chain-rule slides compiled with
latexmk and read back with pdftotext."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from mcdocgen.catalog import Catalog, load_catalog
from mcdocgen.catalog.handouts import HandoutLayout
from mcdocgen.checks.results import CheckStatus
from mcdocgen.cli import main
from mcdocgen.commands import slides as CS
from mcdocgen.commands.pipeline import run_catalog, run_problem
from mcdocgen.errors import HandoutError
from mcdocgen.language import Layout
from mcdocgen.present import slides as PS
from mcdocgen.present.checkviews import CheckView
from mcdocgen.publish import latexmk
from mcdocgen.publish.terminal import render_terminal

from problem_factory import make_problem
from test_handout import SMALL, need

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "derivations.yaml"
LEAST_SQUARES = "ex5-least-squares"
#: Beamer and the PGF it draws with (texlive-latex-recommended, texlive-pictures)
BEAMER = ("beamer.cls", "pgfcore.sty")


def squash(text: str) -> str:
    """Text without white space (pdftotext breaks lines where TeX did), TeX's apostrophe as ASCII."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text)).replace("\u2019", "'")


def shown_steps(terminal: str) -> list[str]:
    """The step texts of `mcdocgen show`'s output, in order: each intermediate, local derivative,
    chain, product, intermediates put back and result, without the shapes and rule names it prints after three spaces."""
    steps, section = [], ""
    for line in terminal.splitlines():
        stripped = line.strip()
        if stripped.endswith(":") and stripped[:-1] in ("intermediate variables", "local derivatives", "chain rule"):
            section = stripped
        elif stripped.startswith(("product:", "put back:", "result:")):
            steps.append(stripped.split(":", 1)[1].strip().split("   ")[0])
            section = ""
        elif stripped.startswith("checks:"):
            section = ""
        elif section and line.startswith("    "):
            steps.append(stripped.split("   ")[0])
    return steps


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(CATALOG)


@pytest.fixture(scope="module")
def least_squares(catalog):
    (outcome,) = run_catalog(Catalog(catalog.path, tuple(p for p in catalog.problems if p.id == LEAST_SQUARES)))
    return outcome.view


# ---------------------------------------------------------------- the frames


def test_a_derivation_is_named_steps_local_derivatives_chain_and_a_boxed_result(least_squares):
    slides = PS.problem_slides(least_squares, (Layout.NUMERATOR,))
    parts = [f.part for f in slides.frames]
    assert parts == [PS.Part.INTERMEDIATES, PS.Part.LOCALS, PS.Part.CHAIN, PS.Part.RESULT]
    kinds = [s.kind for f in slides.frames for s in f.steps]
    assert kinds[:3] == [PS.StepKind.INTERMEDIATE] * 3 and kinds[-1] is PS.StepKind.RESULT
    texts = [s.text for f in slides.frames for s in f.steps if s.text]
    assert texts == shown_steps(render_terminal(least_squares, Layout.NUMERATOR))
    # the site's "Intermediates put back" row, where it says something new, is a step too, after the
    # simplified product (least squares: 2 X^T b with b put back is its result, so it has none; the scalar
    # chain's 6x^2 cos(x^3) sin(x^3) / sin^2(x^3) is; test_putback has the rows between a product and its Result)
    chain = run_problem(make_problem("log(sin(x**3)**2)", {"x": []}, ["x"],
                                     ["u = x**3", "v = sin(u)", "s = v**2", "y = log(s)"])).view
    for view, layout in ((v, lay) for v in (least_squares, chain) for lay in Layout):
        back = view.results[0].layout(layout).put_back
        steps = [s for f in PS.problem_slides(view, (layout,)).frames for s in f.steps]
        assert [s.latex.split(" = ", 1)[1] for s in steps if s.kind is PS.StepKind.PUT_BACK] == ([back] if back else [])
        kinds = [s.kind for s in steps]
        assert PS.StepKind.PUT_BACK not in kinds or kinds.index(PS.StepKind.PRODUCT) < kinds.index(PS.StepKind.PUT_BACK)
    assert chain.results[0].layout(Layout.DENOMINATOR).put_back
    assert not least_squares.results[0].layout(Layout.DENOMINATOR).put_back
    assert [t.shapes for t in slides.tasks] == [(("numerator", "(1, n)"),)]
    assert all(f.layout == "numerator" and "$z$" in f.subject for f in slides.frames)


def test_the_result_says_which_declared_invertible_matrices_its_split_inverse_uses():
    # as the site's "Since X and A are invertible, (X^T A X)^-1 = ..." (present.invertible); the denominator's rows
    # write (X^T A X)^-T before (X^T A X)^-1, and it splits both, in that order
    view = run_problem(make_problem("det(X.T @ A @ X)", {"X": ["n", "n"], "A": ["n", "n"]}, ["X"],
                                    assume={"X": ["invertible"], "A": ["invertible"]}), plots=False).view
    plain, flipped = (r"\left(X^{\top} A X\right)^{-1} = X^{-1} A^{-1} X^{-\top}",
                      r"\left(X^{\top} A X\right)^{-\top} = X^{-1} A^{-\top} X^{-\top}")
    said = {Layout.NUMERATOR: f"{plain}, {flipped}", Layout.DENOMINATOR: f"{flipped}, {plain}"}
    for layout in Layout:
        (result,) = [s for f in PS.problem_slides(view, (layout,)).frames for s in f.steps if s.kind is PS.StepKind.RESULT]
        assert result.label == rf"Result, since ${said[layout]}$ ($X$ and $A$ invertible)"


def test_three_invertible_matrices_are_listed_as_the_page_lists_them():
    # the slides wrote "$A$ and $X$ and $B$ invertible" where the page and the cheat sheet write "A, X and B"
    # (present.facts.listed, the one home of the list's "and"; review s44 P3)
    view = run_problem(make_problem("det(A @ X @ B)", {"A": ["n", "n"], "X": ["n", "n"], "B": ["n", "n"]}, ["X"],
                                    assume={v: ["invertible"] for v in "AXB"}), plots=False).view
    (result,) = [s for f in PS.problem_slides(view, (Layout.NUMERATOR,)).frames for s in f.steps
                 if s.kind is PS.StepKind.RESULT]
    assert result.label.endswith("($A$, $X$ and $B$ invertible)"), result.label


def test_both_layouts_in_turn_and_long_parts_split_into_frames(least_squares, monkeypatch):
    both = PS.problem_slides(least_squares, tuple(Layout))
    assert [f.layout for f in both.frames] == ["numerator"] * 4 + ["denominator"] * 3   # named once
    assert both.frames[4].part is PS.Part.LOCALS and both.frames[4].note == PS.SAME_INTERMEDIATES
    monkeypatch.setattr(PS, "STEPS_PER_FRAME", 2)
    split = PS.problem_slides(least_squares, (Layout.DENOMINATOR,))
    locals_ = [f for f in split.frames if f.part is PS.Part.LOCALS]
    assert [(f.number, f.of, len(f.steps)) for f in locals_] == [(1, 2, 2), (2, 2, 1)]


def test_a_long_or_tall_step_gets_more_of_a_frame():
    def step(text: str = "x", rows: int = 0) -> PS.SlideStep:
        return PS.SlideStep(PS.StepKind.LOCAL, "", r"\\".join(["1"] * (rows + 1)), "", text)

    short, long_, tall = step(), step("x" * (PS.LONG_TEXT + 1)), step(rows=PS.TALL_ROWS)
    middle = step("x" * (PS.LONG_TEXT // 2 + 1))
    assert [PS.step_weight(s) for s in (short, middle, long_, tall)] == [1, 2, PS.STEPS_PER_FRAME, PS.STEPS_PER_FRAME]
    chunks = PS.frame_chunks([short, long_, short, short, middle, short, short])
    assert [len(c) for c in chunks] == [1, 1, 2, 1, 2]     # the long step alone; the rest balanced
    assert PS.frame_chunks([]) == [[]]


def test_steps_are_balanced_over_frames_and_no_frame_is_near_empty():
    short = PS.SlideStep(PS.StepKind.INTERMEDIATE, "", "u = 1", "", "x")
    room = PS.STEPS_PER_FRAME
    for count in range(1, 4 * room + 2):
        sizes = [len(c) for c in PS.frame_chunks([short] * count)]
        assert sum(sizes) == count and sizes == sorted(sizes, reverse=True)
        assert max(sizes) - min(sizes) <= 1                        # balanced
        assert max(sizes) <= room and len(sizes) == -(-count // room)     # as few frames as before
    # seven intermediates (three a frame): 3 + 2 + 2, not 3 + 3 + 1
    assert [len(c) for c in PS.frame_chunks([short] * (2 * room + 1))] == [room, room - 1, room - 1]


def test_a_check_that_does_not_apply_is_never_said_to_pass():
    views = [CheckView("numeric", CheckStatus.PASSED, True, "d", 1e-12, 5, 1e-4, "below 1e-4"),
             CheckView("expected", CheckStatus.NOT_APPLICABLE, None, "the catalog gives no expected answer", None, None, None, ""),
             CheckView("steps", CheckStatus.FAILED, False, "differs", 1.0, 2, 1e-9, "not below 1e-9")]
    checks = PS.result_checks("s", views)
    assert checks.passed == ("by finite differences at 5 random points (below 1e-4)",)
    assert checks.not_applicable == ("expected",) and checks.failed == ("steps: differs",)


def test_the_layout_is_the_command_lines_else_the_courses_else_the_sources(least_squares):
    assert CS.slide_layout("both", HandoutLayout.NUMERATOR, [least_squares]) == HandoutLayout.BOTH
    assert CS.slide_layout(None, HandoutLayout.DENOMINATOR, [least_squares]) == HandoutLayout.DENOMINATOR
    assert least_squares.layout == "numerator"
    assert CS.slide_layout(None, None, [least_squares]) == HandoutLayout.NUMERATOR
    other = type(least_squares).__new__(type(least_squares))
    for field in least_squares.__dataclass_fields__:
        object.__setattr__(other, field, getattr(least_squares, field))
    object.__setattr__(other, "layout", "denominator")
    assert CS.slide_layout(None, None, [least_squares, other]) == HandoutLayout.DENOMINATOR   # they differ
    assert CS.slide_layout(None, None, []) == HandoutLayout.DENOMINATOR


# ---------------------------------------------------------------- the command


@pytest.mark.parametrize("args, message", [
    (["nope"], "no problem 'nope'"),
    (["--tag", "chain rul"], "has the tag 'chain rul' (did you mean 'chain rule'?)"),
])
def test_a_bad_id_or_tag_is_one_line_and_exit_2(tmp_path, capsys, args, message):
    out = tmp_path / "out"
    code = main(["slides", *args, "--catalog", str(CATALOG), "--no-pdf", "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and message in err and err.startswith("mcdocgen: "), err
    assert not out.exists()


def test_the_course_settings_give_the_layout_course_and_author(tmp_path, capsys):
    (tmp_path / "derivations.yaml").write_text(SMALL)
    (tmp_path / "mcdocgen.toml").write_text('[course]\nname = "ML 101"\nauthor = "A. Lovelace"\nlayout = "numerator"\n')
    code = main(["slides", "--catalog", str(tmp_path / "derivations.yaml"), "--no-pdf", "-o", str(tmp_path / "s")])
    assert code == 0, capsys.readouterr().err
    tex = (tmp_path / "s" / "slides.tex").read_text()
    assert "numerator layout" in tex and "denominator layout" not in tex
    assert r"\institute{ML 101}" in tex and r"\author{A. Lovelace}" in tex and r"\date{}" in tex
    code = main(["slides", "--catalog", str(tmp_path / "derivations.yaml"), "--no-pdf", "-o", str(tmp_path / "s"),
                 "--layout", "denominator", "--author", "B. Babbage", "--title", "Week 3", "--date", "Monday"])
    tex = (tmp_path / "s" / "slides.tex").read_text()
    assert code == 0 and "In \\emph{numerator layout}" not in tex and "In \\emph{denominator layout}" in tex
    assert r"\author{B. Babbage}" in tex and r"\title{Week 3}" in tex and r"\date{Monday}" in tex


def test_the_tex_is_the_same_bytes_under_other_hash_seeds(tmp_path):
    texs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=str(ROOT))
        proc = subprocess.run([sys.executable, "-m", "mcdocgen", "slides", LEAST_SQUARES, "matrix-chain", "--no-pdf",
                               "--catalog", str(CATALOG), "-o", str(out)], capture_output=True, text=True, env=env,
                              timeout=600)
        assert proc.returncode == 0, proc.stderr
        texs.append((out / "slides.tex").read_bytes())
    assert texs[0] == texs[1]


def test_a_latex_error_writes_nothing_and_names_the_problem(tmp_path, capsys, monkeypatch):
    need("latexmk", "pdflatex", tex_files=BEAMER)
    render = CS.render_slides

    def broken(slides, layout):
        mark = latexmk.PROBLEM_MARK + LEAST_SQUARES + "\n"
        return render(slides, layout).replace(mark, mark + "\\mcdocgenbroken\n")

    monkeypatch.setattr(CS, "render_slides", broken)
    out = tmp_path / "out"
    with pytest.raises(HandoutError, match=f"problem '{LEAST_SQUARES}'"):
        CS.slides(CATALOG, sys.stdout, sys.stderr, ids=[LEAST_SQUARES], folder=out)
    assert not out.exists()
    assert main(["slides", LEAST_SQUARES, "--catalog", str(CATALOG), "-o", str(out)]) != 0
    assert "Traceback" not in capsys.readouterr().err


def test_a_missing_beamer_or_pgf_names_its_debian_package():
    for tex_file, package in (("beamer.cls", "texlive-latex-recommended"), ("pgfcore.sty", "texlive-pictures")):
        log = f"! LaTeX Error: File `{tex_file}' not found.\n\nl.3 \\documentclass"
        error = latexmk.latex_error("slides", "x\ny\nz\n", log)
        assert str(error).endswith(f"({tex_file} is in the Debian package {package}: apt-get install {package})")
    assert latexmk.missing_package("! LaTeX Error: File `unknown.sty' not found.") == ""
    assert latexmk.SLIDES_PACKAGES == latexmk.TEX_PACKAGES + " texlive-pictures"


def test_the_install_script_and_the_messages_name_the_same_packages(tmp_path):
    """One list, templates/tex-packages.txt: the script installs what it names, with nothing of
    TeX's spelt in the script itself; run with no tool on the PATH (awk aside) it asks for them all."""
    script = ROOT / "scripts" / "install-system-deps"
    assert "texlive" not in script.read_text() and BEAMER[0] not in script.read_text()
    (tmp_path / "awk").symlink_to(shutil.which("awk"))
    proc = subprocess.run(["/bin/bash", str(script)], capture_output=True, text=True, timeout=60,
                          env={"PATH": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr    # no apt-get, not CI: a warning
    asked = proc.stdout.split("installing: ", 1)[1].split()
    assert asked == ["chromium", "poppler-utils", *latexmk.SLIDES_PACKAGES.split()]
    assert {n.name for n in latexmk.TEX_NEEDS} >= {*BEAMER, "pdflatex", "latexmk"}


# ---------------------------------------------------------------- the chain-rule slides, compiled


def _part(tex: str, pid: str) -> str:
    """One problem's part of a deck's .tex, from its mark to the next mark."""
    start = tex.index(f"{latexmk.PROBLEM_MARK}{pid}\n")
    return tex[start:tex.index("%% mcdocgen ", start + 1)]


def test_chain_rule_slides_compile_and_show_every_step_of_least_squares_in_order(tmp_path, capsys, catalog):
    """The whole chain-rule deck (55 problems, 880 pages) compiles: one pdflatex pass, what
    latexmk's first run is, with latexmk's checks (no error, no line over 1pt too wide) and no PDF
    written (-draftmode), instead of latexmk's two passes that write every page (2.2x the CPU time).
    Its least-squares part, byte for byte the same .tex as the deck of that problem alone, is read
    back from that deck's PDF, compiled by the command with latexmk as the whole one would be."""
    need("latexmk", "pdflatex", "pdftotext", tex_files=BEAMER)
    out = tmp_path / "slides"
    code = main(["slides", "--tag", "chain rule", "--catalog", str(CATALOG), "--no-pdf", "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    tex = (out / "slides.tex").read_text()
    layout = Layout.DENOMINATOR     # the chain-rule problems' sources use both layouts
    assert f"slides, {layout.value} layout." in tex.splitlines()[0]
    for p in catalog.problems:
        assert (f"{latexmk.PROBLEM_MARK}{p.id}\n" in tex) == ("chain rule" in p.tags), p.id
    env = dict(os.environ, max_print_line="10000", error_line="254", half_error_line="238")
    proc = subprocess.run(["pdflatex", "-draftmode", "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
                           "slides.tex"], cwd=out, capture_output=True, text=True, env=env, timeout=900)
    log = (out / "slides.log").read_text(encoding="latin-1")
    assert proc.returncode == 0, str(latexmk.latex_error("slides", tex, log, proc.stdout))
    assert latexmk.overfull_boxes(log) == [], latexmk.overfull_boxes(log)[:3]
    assert log.count("Output written") == 0 and re.search(r"\[8\d\d\]", proc.stdout)    # 800-odd pages set

    alone = tmp_path / "alone"
    code = main(["slides", LEAST_SQUARES, "--layout", layout.value, "--catalog", str(CATALOG), "-o", str(alone)])
    assert code == 0, capsys.readouterr().err
    assert sorted(p.name for p in alone.iterdir()) == ["slides.pdf", "slides.tex"]
    assert _part((alone / "slides.tex").read_text(), LEAST_SQUARES) == _part(tex, LEAST_SQUARES)
    text = squash(subprocess.run(["pdftotext", "-enc", "UTF-8", str(alone / "slides.pdf"), "-"], capture_output=True,
                                 text=True, check=True, timeout=120).stdout)
    (outcome,) = run_catalog(Catalog(catalog.path, tuple(p for p in catalog.problems if p.id == LEAST_SQUARES)))
    steps = shown_steps(render_terminal(outcome.view, layout))
    assert len(steps) == 9, steps   # three intermediates, three local derivatives, the chain, product, result
    at = text.index(squash(outcome.view.title))
    for step in steps:
        found = text.find(squash(step), at)
        assert found >= 0, f"step {step!r} not found after position {at}"
        at = found + len(squash(step))


def test_tall_derivations_fit_their_frames(tmp_path, capsys):
    """Beamer lets a frame run off its bottom with only a log line: none for the tallest problems
    (two layouts, a Hessian, a matrix-form chain, four derivatives, a kink)."""
    need("latexmk", "pdflatex", tex_files=BEAMER)
    # and the three the whole catalog overflowed with once: five-row columns, a 600-character result,
    # a long statement with three derivatives
    ids = ["hessian-logistic", "ml-two-layer-network", "matrix-chain", "symmetric-log-det", "ex2-relu",
           "cookbook-toeplitz-trace", "cookbook-det-second-derivative", "ml-layer-norm-affine"]
    code = main(["slides", *ids, "--layout", "both", "--catalog", str(CATALOG), "--no-pdf", "-o", str(tmp_path)])
    assert code == 0, capsys.readouterr().err
    proc = subprocess.run(["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "-norc", "-silent",
                           "slides.tex"], cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:]
    log = (tmp_path / "slides.log").read_text(encoding="latin-1")
    assert re.findall(r"^Overfull \\[hv]box.*", log, re.M) == []


def test_the_pdf_is_the_same_bytes_when_compiled_again(least_squares):
    need("latexmk", "pdflatex", tex_files=BEAMER)
    tex = CS.render_slides(PS.deck([least_squares], (Layout.NUMERATOR,)), HandoutLayout.NUMERATOR)
    assert latexmk.compile_pdf(tex, "slides") == latexmk.compile_pdf(tex, "slides")
