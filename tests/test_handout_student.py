"""Handouts an instructor can hand out: the three bugs of the UX audit (section 7) on the generated
.tex, the student edition, statements that declare every symbol (present.handout), one layout asked
where both give the same, points (the handouts' ``points:`` extension), kink notes kept with their result."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from mcdocgen.catalog import Catalog, HandoutSpec, load_catalog
from mcdocgen.catalog.handouts import Wording
from mcdocgen.cli import main
from mcdocgen.checks.results import CheckName
from mcdocgen.commands.pipeline import run_catalog
from mcdocgen.present.kinknotes import KinkNote, NoteKind
from mcdocgen.present.handout import (AS_DECLARED, CHECK_PHRASES, WORK_LINE_CM, WORK_MARGIN_CM, WORK_MAX_CM, WORK_MIN_CM,
                                      HandoutStyle, checks_sentence, declarations, exceptions, same_in_both, sizes,
                                      work_lines, workspaces)
from mcdocgen.publish import handout as H
from mcdocgen.publish import latexmk

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "derivations.yaml"


@pytest.fixture(scope="module")
def views():
    """The chain-rule problems (kinks, footnotes, N, a title with W.T) and every problem with a
    transpose or a power in its title's math or a positive definite variable (the three bugs'
    ground), derived and verified once."""
    catalog = load_catalog(CATALOG)
    chosen = tuple(p for p in catalog.problems
                   if "chain rule" in p.tags or re.search(r"`[^`]*(\.T|\*\*)[^`]*`", p.title)
                   or any(a.value == "positive_definite" for v in p.variables for a in v.assume))
    return {o.view.id: o.view for o in run_catalog(Catalog(catalog.path, chosen), plots=False)}


def render(views, edition, style=AS_DECLARED, ids=None, spec=None):
    chosen = [views[i] for i in ids] if ids else list(views.values())
    return H.render_handout(spec or HandoutSpec("t", "T", ids=tuple(v.id for v in chosen)), chosen, edition,
                            style=style)


STYLES = [HandoutStyle(), HandoutStyle(student=True), HandoutStyle(student=True, wording=Wording.SETS)]


def _titles(tex: str) -> list[str]:
    return [line for line in tex.splitlines() if line.startswith(r"\section{")]


def _statements(tex: str) -> list[str]:
    return [line for line in tex.splitlines() if line.startswith("where ")]


def _outside_math(line: str) -> str:
    return re.sub(r"\$[^$]*\$", "", line)


@pytest.mark.parametrize("style", STYLES, ids=["instructor", "student", "student-sets"])
@pytest.mark.parametrize("edition", list(H.Edition))
def test_the_three_bugs_of_the_audit_cannot_recur(views, edition, style):
    tex = render(views, edition, style)
    titles, statements = _titles(tex), _statements(tex)
    assert len(titles) == len(views) and len(statements) == len(views)
    # 7.1: a title's ^ printed as a hat accent
    assert not [t for t in titles if r"\textasciicircum" in t]
    assert any(r"^{\top}" in t for t in titles)     # the transposes are there, in math
    # 7.2: a footnote mark right after a shape reads as an exponent: (1, 1)^2
    assert not re.search(r"\$\s*\\footnote", tex)
    assert all(tex[:m.start()].endswith(r"\textbf{Result}") for m in re.finditer(r"\\footnote\{", tex))
    # 7.3: identifiers with underscores (positive_definite) in a statement
    assert not [s for s in statements if "_" in _outside_math(s)]
    assert any("positive definite" in s for s in statements)


def test_a_student_sheet_has_no_tool_details_and_a_name_line(views):
    instructor = render(views, H.Edition.SOLUTIONS)
    assert r"\mccode{" in instructor and "introduced here" in instructor    # one wording, as on the page
    student = render(views, H.Edition.SOLUTIONS, HandoutStyle(student=True))
    body = "\n".join(line for line in student[student.index(r"\begin{document}"):].splitlines()
                     if not line.startswith("%"))  # the .tex's own comments are no student's reading
    for detail in (r"\footnote", r"\mccode{", "mcdocgen", "In the catalog's expression language", "Problem id",
                   "Tags:", "numeric checks"):
        assert detail not in body, detail
    assert "introduced here" in body
    assert "Name:" not in body
    exercises = render(views, H.Edition.EXERCISES, HandoutStyle(student=True))
    assert re.search(r"Name:\\enspace\\rule\{[^}]+\}\{0.4pt\}\\hfill Date:", exercises)
    assert "Name:" not in render(views, H.Edition.EXERCISES)


def test_how_results_were_checked_is_said_once_and_a_result_notes_only_what_did_not_pass(views):
    """A note of every check on every result was noise (a review of the handouts): said once, with no date."""
    instructor = render(views, H.Edition.SOLUTIONS)
    assert instructor.count(checks_sentence()) == 1 and "Checked when" not in instructor
    assert set(CHECK_PHRASES) == set(CheckName) and all(p in checks_sentence() for p in CHECK_PHRASES.values())
    notes = re.findall(r"\\textbf\{Result\}\\footnote\{(.*?)\n\}", instructor, flags=re.DOTALL)
    names = [re.findall(r"^\\emph\{(\w+)\}", note, flags=re.MULTILINE) for note in notes]
    assert names == [[c.name for c in r.checks if c.passed is not True] for v in views.values() for r in v.results
                     if r.derived and exceptions(r.checks)] and names
    others = render(views, H.Edition.SOLUTIONS, HandoutStyle(student=True)) + render(views, H.Edition.EXERCISES)
    assert checks_sentence() not in others


def test_a_student_sheet_leaves_kink_notes_out_by_kind_not_by_text(views):
    """The kink note's checks aside is left out because of its kind: reworded, it still is; the
    instructor's sheet keeps it."""
    view = views["neuron-activation"]
    reworded = NoteKind.CHECKS, "sampled off the corner by our tool"
    results = tuple(replace(r, kinks=tuple(replace(k, notes=tuple(KinkNote(*reworded) if n.kind is NoteKind.CHECKS
                                                                  else n for n in k.notes)) for k in r.kinks))
                    for r in view.results)
    changed = {"neuron-activation": replace(view, results=results)}
    assert any(k.notes for r in results for k in r.kinks)
    student = render(changed, H.Edition.SOLUTIONS, HandoutStyle(student=True))
    instructor = render(changed, H.Edition.SOLUTIONS)
    assert "our tool" in instructor and "our tool" not in student
    assert "(derived by the chain rule):" in student


def test_every_size_is_declared_n_too(views):
    """N was used undeclared: the statement listed the variables only, and a size (N of X's shape
    (N, n)) that the expression divides by is no variable. Now every size is declared."""
    loss = views["neuron-loss"]
    assert sizes(loss.variables) == ["N", "n"]
    assert declarations(loss.variables).endswith(", for any sizes $N$ and $n$")
    assert declarations(loss.variables, Wording.SETS) == (
        r"where $X \in \mathbb{R}^{N \times n}$, $\mathbf{y} \in \mathbb{R}^{N}$, $\mathbf{w} \in \mathbb{R}^{n}$, "
        r"$b \in \mathbb{R}$ and $N, n \in \mathbb{N}$")
    tex = render(views, H.Edition.EXERCISES, ids=["neuron-loss"])
    assert "for any sizes $N$ and $n$." in tex


def test_statements_in_the_course_words(views):
    """The lecture's "x, w ∈ ℝⁿ, y ∈ ℝ": variables of one set grouped; assumptions in words."""
    assert declarations(views["ex4-dot-square"].variables, Wording.SETS) == (
        r"where $\mathbf{x}, \mathbf{w} \in \mathbb{R}^{n}$, $y \in \mathbb{R}$ and $n \in \mathbb{N}$")
    assert declarations(views["log-determinant"].variables) == (
        "where $X$ is a positive definite matrix of shape $(n, n)$, for any size $n$")
    assert declarations(views["log-determinant"].variables, Wording.SETS) == (
        r"where $X \in \mathbb{R}^{n \times n}$ (positive definite) and $n \in \mathbb{N}$")
    assert declarations(views["scalar-chain"].variables) == "where $x$ is a scalar"


def test_one_layout_is_asked_where_both_give_the_same(views):
    loss = views["neuron-loss"]
    by_b, by_w = (next(r for r in loss.results if r.wrt == w) for w in ("b", "w"))
    assert same_in_both(by_b) and not same_in_both(by_w)
    tex = render(views, H.Edition.EXERCISES, ids=["neuron-loss"])
    asks = [line for line in tex.splitlines() if line.startswith(r"\mcpart{")]
    assert asks[1] == r"\mcpart{b}{Find $\displaystyle \frac{\partial C}{\partial b}$ (shape $(1, 1)$).}"
    assert "numerator layout" in asks[0] + tex.split(asks[0])[1].split(r"\mcworkspace")[0]


def test_a_kink_note_is_kept_with_its_result(views):
    """A page must not break between the last result and its kink notes: room for both is asked
    for before the result, and no break is allowed before a note."""
    tex = render(views, H.Edition.SOLUTIONS, ids=["neuron-activation"])
    part = tex[tex.index("Derivative with respect to"):]
    need = part.rindex(r"\mcneedspace{12\baselineskip}")
    assert need < part.index(r"\textbf{Result}", need) < part.index(r"\nopagebreak", need) \
        < part.index(r"\textbf{Where it is not differentiable}", need)


def test_the_solutions_put_the_intermediates_back_where_the_site_does(views):
    """The site's row "Intermediates put back", in each layout where it says something new (present.views
    decides, for every printer), is in the solutions too: after the simplified product where one is shown
    (into it), else after the chain ("before simplifying"); the result after it."""
    routes = {}
    for v in views.values():
        for lay in (lay for r in v.results for lay in r.layouts if lay.put_back):
            routes.setdefault(lay.show_product, (v.id, lay))
    assert set(routes) == {True, False}, routes.keys()
    for into_product, (pid, lay) in routes.items():
        tex = render(views, H.Edition.SOLUTIONS, ids=[pid])
        row = rf"\mcfit{{{lay.chain.lhs} = {lay.put_back}}}"
        label = r"\textbf{Intermediates put back}" + (":" if into_product else ", before simplifying:")
        assert row in tex and label in tex, (pid, row)
        at = tex.index(row)
        assert tex.rindex(label, 0, at) < at < tex.index(r"\textbf{Result}", at)
        if into_product:
            assert tex.rindex(r"\textbf{Simplified product}", 0, at) < at


def test_a_part_s_box_is_sized_to_its_solution(views):
    """A part's box is at least the lines its solution shows, handwritten: steps two to a line, the
    chain product, the result in each layout asked; a part asked once (both layouts the same) has
    room for one result, a one-step part the least box, a long derivation more (up to a limit)."""
    both, one = ["numerator", "denominator"], ["numerator"]
    dot, activation, loss = views["ex4-dot-square"], views["neuron-activation"], views["neuron-loss"]
    # (x^T w - y)^2: three steps (two lines), the chain product, a result in each layout: five lines
    assert work_lines(dot.results[0], both) == 5 and work_lines(dot.results[0], one) == 4
    assert workspaces(dot, both) == [round((5 * WORK_LINE_CM + WORK_MARGIN_CM) * 2) / 2]
    by_b = next(r for r in activation.results if r.wrt == "b")
    assert same_in_both(by_b) and work_lines(by_b, both) == work_lines(by_b, one)
    assert workspaces(loss, both)[0] > workspaces(dot, both)[0]     # eight steps against three
    every = [h for v in views.values() for h in workspaces(v, both)]
    assert min(every) == WORK_MIN_CM and max(every) <= WORK_MAX_CM and all(h * 2 == int(h * 2) for h in every)


def test_an_exercise_is_measured_and_asks_room_for_all_its_parts_then_for_its_first(views):
    """Each exercise is set in two boxes before it goes on the page, TeX measuring them (nothing is
    guessed): its heading, statement and first part, then its other parts. Room is asked for both
    when they fit a page, else for the first; the first exercise asks for its first part only: it
    starts under the title, never on page 2."""
    student = HandoutStyle(student=True)
    second = render(views, H.Edition.EXERCISES, student, ids=["ex4-dot-square", "neuron-activation"])
    second = second[second.index(latexmk.PROBLEM_MARK + "neuron-activation"):]
    marks = [r"\setbox\mcfirst", r"\section{", r"\mcfitline{", r"\mcpart{a}", r"\mcworkspace{4.5}",
             r"\setbox\mcrest", r"\mcpart{b}", r"\mcworkspace{4.0}", r"\mcneedproblem{0}"]
    assert [second.index(m) for m in marks] == sorted(second.index(m) for m in marks)
    first = render(views, H.Edition.EXERCISES, student, ids=["neuron-activation", "ex4-dot-square"])
    first = first[first.index(latexmk.PROBLEM_MARK + "neuron-activation"):first.index(latexmk.PROBLEM_MARK + "ex4")]
    assert r"\mcneedproblem{1}" in first


def test_no_part_starts_a_page_away_from_its_problem(views, tmp_path):
    """Compiled: a two-part problem after a one-part one moved its part (b) to the next page, alone."""
    if latexmk.tex_engine() is None or shutil.which("pdftotext") is None:
        pytest.skip("no TeX engine or pdftotext")
    ids = ("matrix-chain", "arctan-score", "neuron-activation")
    built = H.build_handouts([HandoutSpec("p", "Parts", ids=ids)], views, {"p": ids}, [H.Edition.EXERCISES],
                             style=HandoutStyle(student=True))
    (tmp_path / "p.pdf").write_bytes(built.files["p-exercises.pdf"])
    pages = subprocess.run(["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True, text=True,
                           check=True).stdout.split("\f")
    firsts = [next((line.strip() for line in page.splitlines() if line.strip()), "") for page in pages]
    assert len([f for f in firsts if f]) >= 2
    assert not [f for f in firsts if re.match(r"\([b-z]\)", f)], firsts


POINTS = """\
problems:
  - id: lin
    title: Linear
    summary: A linear function.
    tags: [vector]
    source: here
    variables:
      a: {shape: [n]}
      x: {shape: [n]}
    expression: "dot(a, x)"
    wrt: [x]
  - id: quad
    title: Quadratic
    summary: A quadratic form.
    tags: [vector]
    source: here
    variables:
      x: {shape: [n]}
    expression: "dot(x, x)"
    wrt: [x]
handouts:
  - name: quiz
    title: Quiz
    ids: [lin, quad]
"""


def test_points_per_problem_and_their_total(tmp_path, capsys):
    path = tmp_path / "c.yaml"
    path.write_text(POINTS + "    points: {lin: 3, quad: 4}\n")
    assert main(["handout", "--catalog", str(path), "--no-pdf", "--exercises", "-o", str(tmp_path / "o")]) == 0
    tex = (tmp_path / "o" / "quiz-exercises.tex").read_text()
    assert r"{\small\itshape 3 points.\par}" in tex and r"{\small\itshape 4 points.\par}" in tex
    assert r"Total: 7 points." in tex
    spec = load_catalog(path).handouts[0]
    assert spec.points_of(["lin", "quad"]) == {"lin": 3, "quad": 4}
    path.write_text(POINTS + "    points: 2\n")
    assert load_catalog(path).handouts[0].points_of(["lin", "quad"]) == {"lin": 2, "quad": 2}


@pytest.mark.parametrize("points, message", [
    ("0", "handouts[0].points: expected a whole number of points from 1 to 100"),
    ("{lin: 2.5}", "handouts[0].points.lin: expected a whole number of points"),
    ("{lni: 2}", "handouts[0].points: unknown problem 'lni' (did you mean 'lin'?)"),
])
def test_bad_points_are_one_located_line_and_exit_2(tmp_path, capsys, points, message):
    path = tmp_path / "c.yaml"
    path.write_text(POINTS + f"    points: {points}\n")
    assert main(["handout", "--catalog", str(path), "--no-pdf", "-o", str(tmp_path / "o")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[0].startswith(f"{path}:25:") and message in err[0]
    assert not (tmp_path / "o").exists()


def test_the_student_sheets_compile_and_read_as_a_student_reads_them(views, tmp_path):
    if latexmk.tex_engine() is None or shutil.which("pdftotext") is None:
        pytest.skip("no TeX engine or pdftotext")
    ids = ("ex4-dot-square", "neuron-loss")
    spec = HandoutSpec("s", "Quiz", "CS 316", ids=ids, points=(("neuron-loss", 5),), points_each=2)
    style = HandoutStyle(student=True, wording=Wording.SETS)
    built = H.build_handouts([spec], views, {"s": ids}, style=style)
    for name in ("s-exercises.pdf", "s-solutions.pdf"):
        (tmp_path / name).write_bytes(built.files[name])
    text = subprocess.run(["pdftotext", str(tmp_path / "s-exercises.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Name:" in text and "Date:" in text and "Total: 7 points." in text
    assert "N, n ∈ N" in text.replace("ℕ", "N") or "N,n∈N" in re.sub(r"\s", "", text).replace("ℕ", "N")
    solutions = subprocess.run(["pdftotext", str(tmp_path / "s-solutions.pdf"), "-"], capture_output=True,
                               text=True, check=True).stdout
    assert "mcdocgen" not in solutions and "Checked when" not in solutions


def test_a_handout_can_be_declared_a_student_edition_in_words_of_sets(tmp_path, capsys):
    """`student:` and `wording:` on a handout of the catalog (so `mcdocgen build` publishes it so);
    the command line's --student and --wording win."""
    path = tmp_path / "c.yaml"
    path.write_text(POINTS + "    student: true\n    wording: sets\n")
    spec = load_catalog(path).handouts[0]
    assert (spec.student, spec.wording) == (True, Wording.SETS)
    assert main(["handout", "--catalog", str(path), "--no-pdf", "--exercises", "-o", str(tmp_path / "o")]) == 0
    tex = (tmp_path / "o" / "quiz-exercises.tex").read_text()
    assert "Name:" in tex and r"\in \mathbb{R}^{n}$" in tex
    assert main(["handout", "--catalog", str(path), "--no-pdf", "--exercises", "--wording", "shapes",
                 "-o", str(tmp_path / "p")]) == 0
    assert "a vector of shape" in (tmp_path / "p" / "quiz-exercises.tex").read_text()
    path.write_text(POINTS + "    student: maybe\n    wording: prose\n")
    assert main(["handout", "--catalog", str(path), "--no-pdf", "-o", str(tmp_path / "q")]) == 2
    err = capsys.readouterr().err
    assert "handouts[0].student: expected true or false, got maybe" in err
    assert "handouts[0].wording: expected one of shapes, sets, got 'prose'" in err


# ---------------------------------------------------------------- compiled pages (pdftotext)

KRON_RECT = """\
problems:
  - id: kron-rect
    title: Product rule for a Kronecker product of rectangular matrix functions
    summary: A Kronecker product of an m by n and a p by q matrix function.
    tags: [kronecker product]
    source: here
    variables:
      A: {shape: [m, n]}
      B: {shape: [m, n]}
      C: {shape: [p, q]}
      D: {shape: [p, q]}
      x: {shape: []}
    expression: "kron(A + x * B, C + x**2 * D)"
    wrt: [x]
    steps: ["U = A + x * B", "V = C + x**2 * D", "F = kron(U, V)"]
"""
KRON_LONG = """\
problems:
  - id: kron-long
    title: A Kronecker product of rectangular matrices by each factor
    summary: The vec-form Jacobians of kron(U, V), m n p q rows long.
    tags: [kronecker product]
    source: here
    variables:
      U: {shape: [m, n]}
      V: {shape: [p, q]}
    expression: "kron(U, V)"
    wrt: [U, V]
"""
TWO_PARTS = """\
  - id: bilinear
    title: Gradients of a bilinear form
    summary: A bilinear form by each of its vectors.
    tags: [vector]
    source: here
    variables:
      x: {shape: [m]}
      A: {shape: [m, n]}
      y: {shape: [n]}
    expression: "x.T @ A @ y"
    wrt: [x, y]
"""


def _pages(tmp_path, text: str, edition: H.Edition, style=AS_DECLARED, **spec) -> list[str]:
    """The catalog ``text`` derived, its handout's ``edition`` compiled (an overfull line is an
    error), and the PDF's pages as pdftotext reads them."""
    if latexmk.tex_engine() is None or shutil.which("pdftotext") is None:
        pytest.skip("no TeX engine or pdftotext")
    path = tmp_path / "c.yaml"
    path.write_text(text)
    catalog = load_catalog(path)
    views = {o.view.id: o.view for o in run_catalog(catalog, plots=False)}
    ids = tuple(views)
    built = H.build_handouts([HandoutSpec("p", "Pages", ids=ids, **spec)], views, {"p": ids}, [edition], style=style)
    (tmp_path / "p.pdf").write_bytes(built.files[f"p-{edition}.pdf"])
    return subprocess.run(["pdftotext", str(tmp_path / "p.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout.split("\f")


def test_a_long_shape_widens_its_column_instead_of_running_over(tmp_path):
    """(m n p q, m n), the Jacobian of kron(U, V) by U with rectangular factors, ran 2.3 pt past its
    fixed column; the shape column is now as wide as its widest shape and the formula's takes the rest.
    (KRON_RECT's product by a scalar no longer meets such shapes: it is derived forward, in U's shape.)"""
    text = re.sub(r"\s", "", "".join(_pages(tmp_path, KRON_LONG, H.Edition.SOLUTIONS)))
    assert "(mnpq,mn)" in text and "(mnpq,pq)" in text


def test_the_first_problem_starts_under_the_title(tmp_path):
    """A first exercise too tall for the room under the title (two parts asking both layouts, under a
    course, an author and the name line) went whole to page 2, leaving page 1 with the title alone;
    it starts under the title and its part (b) goes on (now on page 1 too: its boxes are its solutions' size)."""
    pages = _pages(tmp_path, KRON_RECT.split("  - id:")[0] + TWO_PARTS, H.Edition.EXERCISES,
                   HandoutStyle(student=True), course="CS 316", author="A. Teacher", date="Week 3")
    first = [line.strip() for line in pages[0].splitlines() if line.strip()]
    assert "Gradients of a bilinear form" in " ".join(first) and any(line.startswith("(a)") for line in first)
    assert any(line.startswith("(b)") for page in pages for line in page.splitlines())
