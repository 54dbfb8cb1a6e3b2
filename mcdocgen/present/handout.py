"""What a handout says about a problem beyond its view record: the statement's declarations (every
variable and every size, assumptions in words, in the wording the course uses), which layouts a task
asks for, and the options of an edition (:class:`HandoutStyle`). Plain strings for the LaTeX templates.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mcdocgen.catalog.handouts import Wording
from mcdocgen.checks.results import CheckName
from mcdocgen.present.checkviews import CheckView
from mcdocgen.present.facts import listed
from mcdocgen.present.kinknotes import KinkView, NoteKind
from mcdocgen.present.symbols import name_latex
from mcdocgen.present.texwidth import width
from mcdocgen.present.views import ProblemView, ResultView, VariableView


#: A catalog assumption in the words of a statement (the identifiers have underscores).
ASSUMPTION_WORDS: Mapping[str, str] = {"symmetric": "symmetric", "invertible": "invertible",
                                       "positive_definite": "positive definite", "positive": "positive",
                                       "nonzero": "nonzero"}


@dataclass(frozen=True, slots=True)
class HandoutStyle:
    """The options of one printing of a handout, over the handout's own (catalog.handouts).

    ``student``: the student edition: no catalog code, no check details, no tool names, a line for
    the name and date; ``wording``: how statements declare variables; None: the handout's own
    (``student:`` and ``wording:`` of the catalog's handouts, else instructor and shapes).
    ``variant``: the number of an exercise variant (0: the catalog's own problems).
    """

    student: bool | None = None
    wording: Wording | None = None
    variant: int = 0


AS_DECLARED = HandoutStyle()     # the default: each handout as the catalog declares it

#: What a student's sheet leaves out of a kink note, by kind: how the tool's checks treat the kink.
STUDENT_LEAVES_OUT = frozenset({NoteKind.CHECKS})


def kink_text(kink: KinkView, student: bool = False) -> str:
    """A kink note in words, the student edition's without the tool's details."""
    return kink.sentence(STUDENT_LEAVES_OUT if student else ())


#: What each check does, in a handout's words, for the one sentence that says how every result was
#: checked (a sheet says it once, not in a note on each result).
CHECK_PHRASES: Mapping[CheckName, str] = {
    CheckName.NUMERIC: "numerically, against extrapolated central differences at random points",
    CheckName.COMPONENTS: "entry by entry, exactly (symbolically, or at random integer points)",
    CheckName.STEPS: "step by step, each step shown evaluated at random points",
    CheckName.EXPECTED: "against the answer its source states, where it states one",
    CheckName.SUBGRADIENT: "at a kink, its subgradient set against the one-sided derivatives",
    CheckName.REMOVED_KINK: "where a corner is smoothed out (no kink after all), the result there against one-sided derivatives",
    CheckName.ERRATUM: "where its source is in error, by confirming that the source's form is wrong",
}


def checks_sentence() -> str:
    """How every result of a solutions sheet was checked, in one sentence, with no date or machine."""
    return ("Every result below was checked when this handout was made: "
            + "; ".join(CHECK_PHRASES[name] for name in CheckName)
            + ". A check that did not apply to a result, or failed, is noted at the result.")


def exceptions(checks: Sequence[CheckView]) -> list[CheckView]:
    """The checks of a result that did not pass (failed or not applicable): what its note says."""
    return [c for c in checks if c.passed is not True]


def _words(assume: Sequence[str]) -> str:
    return " ".join(ASSUMPTION_WORDS.get(a, a.replace("_", " ")) for a in assume)


def _dims(v: VariableView) -> tuple[str, ...]:
    return tuple(d.strip() for d in v.shape_text.strip("()").split(","))


def sizes(variables: Sequence[VariableView]) -> list[str]:
    """The size names the shapes use, in order of appearance (``N`` of ``(N, n)``): symbols a
    statement must declare too, for the expression may use them (``sum(...) / N``)."""
    names = [d for v in variables for d in _dims(v) if d and not d.isdigit()]
    return list(dict.fromkeys(names))


def _size_latex(name: str) -> str:
    return name_latex(name) if name.isidentifier() else name


def real_set(v: VariableView) -> str:
    """The variable's set: ``\\mathbb{R}``, ``\\mathbb{R}^{n}`` (a column), ``\\mathbb{R}^{m \\times n}``."""
    rows, cols = (_size_latex(d) for d in _dims(v))
    if rows == "1" and cols == "1":
        return r"\mathbb{R}"
    if cols == "1":
        return rf"\mathbb{{R}}^{{{rows}}}"
    return rf"\mathbb{{R}}^{{{rows} \times {cols}}}"


def _shape_phrase(v: VariableView, first: bool) -> str:
    words = _words(v.assume)
    article = "an" if (words or v.kind)[:1] in "aeiou" else "a"
    noun = f"{words} {v.kind}" if words else v.kind
    what = f"{article} {noun}" if v.kind == "scalar" else f"{article} {noun} of shape ${v.shape}$"
    return f"${v.latex}$ {'is ' if first else ''}{what}"


def declarations(variables: Sequence[VariableView], wording: Wording = Wording.SHAPES) -> str:
    """The statement's "where ..." clause (LaTeX text, without the final full stop), declaring every
    variable and every size. ``SHAPES``: "$X$ is a positive definite matrix of shape $(n, n)$ ...,
    for any size $n$"; ``SETS``: "$\\mathbf{x}, \\mathbf{w} \\in \\mathbb{R}^{n}$, $y \\in \\mathbb{R}$
    and $n \\in \\mathbb{N}$" (variables of one set and one assumption grouped, in order)."""
    names = [_size_latex(s) for s in sizes(variables)]
    if wording == Wording.SETS:
        groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
        for v in variables:
            groups.setdefault((real_set(v), v.assume), []).append(v.latex)
        parts = [f"${', '.join(latex)} \\in {rset}$" + (f" ({_words(assume)})" if assume else "")
                 for (rset, assume), latex in groups.items()]
        if names:
            parts.append(f"${', '.join(names)} \\in \\mathbb{{N}}$")
        return "where " + listed(parts)
    phrases = [_shape_phrase(v, i == 0) for i, v in enumerate(variables)]
    text = "where " + listed(phrases)
    if names:
        text += f", for any size{'s' if len(names) > 1 else ''} " + listed([f"${n}$" for n in names])
    return text


def same_in_both(r: ResultView) -> bool:
    """Both layouts give the same result (a scalar by a scalar, or a symmetric form): a task asks once."""
    if r.one_layout_note:
        return True
    if not r.derived or len(r.layouts) < 2:
        return False
    first = r.layouts[0].result
    return all(lay.result.latex == first.latex and lay.result.shape == first.shape for lay in r.layouts[1:])


#: A part's box to work in is sized to the work its solution shows: a handwritten line (a step with a
#: fraction in it) is WORK_LINE_CM tall and holds HAND_LINE_EM of the solution's display math (em of
#: present.texwidth: handwriting is wider than type, a typeset line being ~40 em); the box has a
#: margin and stays between a least and a greatest height (a longer solution is written smaller).
WORK_LINE_CM = 0.8
WORK_MARGIN_CM = 0.6
WORK_MIN_CM = 3.0
WORK_MAX_CM = 11.0
HAND_LINE_EM = 26.0
#: Steps a handwritten line holds: an intermediate with its local derivative, two to a line.
STEPS_PER_LINE = 2
#: A part the engine did not derive: no solution to size its box by.
WORK_UNKNOWN_CM = 5.0


def _hand_lines(tex: str) -> int:
    return max(1, math.ceil(width(tex) / HAND_LINE_EM))


def work_lines(r: ResultView, layouts: Sequence[str]) -> int:
    """The lines a student writes for a part, read off its solution: the intermediates with their
    local derivatives beside them, STEPS_PER_LINE a line; the chain product (each equation of a
    matrix-form chain); the result in each layout asked (once where both give the same), each at
    handwriting's width."""
    asked = list(layouts[:1] if same_in_both(r) else layouts)
    first = r.layout(asked[0])
    steps = 0 if r.one_step else math.ceil(max(len(r.intermediates), len(first.locals)) / STEPS_PER_LINE)
    chain = first.chain.accumulations or (first.chain.values,)
    return steps + (0 if r.one_step else sum(map(_hand_lines, chain))) \
        + sum(_hand_lines(r.layout(name).result.latex) for name in asked)


def workspace(r: ResultView, layouts: Sequence[str]) -> float:
    """The height (cm) of a part's box, to the half centimetre."""
    if not r.derived:
        return WORK_UNKNOWN_CM
    cm = work_lines(r, layouts) * WORK_LINE_CM + WORK_MARGIN_CM
    return min(WORK_MAX_CM, max(WORK_MIN_CM, round(cm * 2) / 2))


def workspaces(p: ProblemView, layouts: Sequence[str]) -> list[float]:
    """The height of each part's box on the exercise sheet (cm), in order."""
    return [workspace(r, layouts) for r in p.results]


def total_points(points: Mapping[str, int], problems: Sequence[ProblemView]) -> int:
    """The points of the problems a sheet holds (0: the sheet gives none)."""
    return sum(points.get(p.id, 0) for p in problems)
