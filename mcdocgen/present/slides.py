"""Slides: the derivations of a selection as frames and overlays, plain data for ``templates/slides.tex.j2``.

A problem is a section: a frame with its statement, then for each derivative and layout frames of
steps, one step an overlay (the intermediates, the local derivatives, the chain rule, the product,
the intermediates put back, the boxed result), and a last frame with its checks in words. Every
formula is a string the views printed (:mod:`mcdocgen.present.views`); each step also carries its
text as `mcdocgen show` prints it, in the expression language, which the slides show under the
formula. Nothing here derives.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from functools import cache
from itertools import accumulate, pairwise
from dataclasses import dataclass

from mcdocgen.escape import tex_text
from mcdocgen.language import Layout
from mcdocgen.present.checkviews import CheckView
from mcdocgen.present.facts import listed
from mcdocgen.present import substitution as SU
from mcdocgen.present.second import second_words
from mcdocgen.present.steps import direct_text
from mcdocgen.present.origin import origin
from mcdocgen.present.rulewords import tex_rules
from mcdocgen.present.layoutviews import ChainView, LayoutView, LocalView
from mcdocgen.present.views import ProblemView, ResultView

#: Steps on one frame at most: a frame holds about four displayed fractions at 16:9.
STEPS_PER_FRAME = 3
#: A step's text longer than this, or a formula of this many matrix rows, takes a frame of its own
#: (half as much: two steps' room); such a frame is the brief's "one frame per step when a step is long".
LONG_TEXT = 160
TALL_ROWS = 6
DEFAULT_TITLE = "Matrix calculus"
SAME_INTERMEDIATES = "The intermediate variables are those named before."


@enum.unique
class StepKind(enum.StrEnum):
    """What a step on a slide is; the template sets the result boxed."""

    INTERMEDIATE = "intermediate"
    LOCAL = "local"
    CHAIN = "chain"
    PRODUCT = "product"
    PUT_BACK = "put back"
    ASSUMED = "assumed"
    RESULT = "result"
    KINK = "kink"


@enum.unique
class Part(enum.StrEnum):
    """The frames of one derivation, in order: each frame's heading."""

    INTERMEDIATES = "Intermediate variables"
    LOCALS = "Local derivatives"
    CHAIN = "Chain rule"
    RESULT = "Result"
    KINKS = "Where it is not differentiable"
    NOT_DERIVED = "Not derived"


@dataclass(frozen=True, slots=True)
class SlideStep:
    """One overlay: a label in words (LaTeX: it may hold math), the formula (LaTeX), its shape
    (LaTeX, or '') and the step as `mcdocgen show` prints it ('' where it prints none)."""

    kind: StepKind
    label: str
    latex: str
    shape: str
    text: str
    chain: ChainView | None = None  # the chain rule with shapes: set by the handouts' shaped_chain filter


@dataclass(frozen=True, slots=True)
class StepFrame:
    """A frame of steps: which part of which derivative, its place among the part's frames, a
    sentence before the steps (LaTeX, or ''), and the steps, one overlay each."""

    part: Part
    subject: str             # LaTeX: "The derivative of $f$ by $x$"
    layout: str              # the layout's name, or '' where both layouts give the same steps
    number: int
    of: int
    note: str
    steps: tuple[SlideStep, ...]


@dataclass(frozen=True, slots=True)
class Task:
    """What the statement frame asks: the derivative, and its shape in each layout shown ((layout
    name, LaTeX shape); the name '' where both layouts give the same)."""

    derivative: str
    shapes: tuple[tuple[str, str], ...]
    derived: bool


@dataclass(frozen=True, slots=True)
class ResultChecks:
    """A result's checks in words (plain text), for the last frame of a problem."""

    subject: str                    # LaTeX: "The derivative of $f$ by $x$"
    passed: tuple[str, ...]         # what each passed check showed
    not_applicable: tuple[str, ...]  # the names of the checks that do not apply (never counted as passed)
    failed: tuple[str, ...]         # name: detail (a failed problem is never printed by the command)


@dataclass(frozen=True, slots=True)
class ProblemSlides:
    view: ProblemView
    tasks: tuple[Task, ...]
    frames: tuple[StepFrame, ...]
    checks: tuple[ResultChecks, ...]


@dataclass(frozen=True, slots=True)
class Deck:
    """A whole deck: the title frame's text, the layouts shown and every problem's slides."""

    title: str
    course: str
    author: str
    date: str
    layouts: tuple[Layout, ...]
    source: str
    problems: tuple[ProblemSlides, ...]


def deck(views: Sequence[ProblemView], layouts: Sequence[Layout], *, title: str = DEFAULT_TITLE, course: str = "",
         author: str = "", date: str = "", source: str = "derivations.yaml") -> Deck:
    """The slides of ``views`` in ``layouts`` (one, or both in turn)."""
    return Deck(title, course, author, date, tuple(layouts), source,
                tuple(problem_slides(v, layouts) for v in views))


def problem_slides(view: ProblemView, layouts: Sequence[Layout]) -> ProblemSlides:
    tasks: list[Task] = []
    frames: list[StepFrame] = []
    checks: list[ResultChecks] = []
    named: tuple[tuple[str, str], ...] = ()    # the intermediates the last frames named
    for r in view.results:
        symbol, subject = derivative_latex(view, r), subject_latex(view, r)
        shown = layouts[:1] if r.one_layout_note else layouts
        if not r.derived:
            tasks.append(Task(symbol, (), False))
            frames.append(StepFrame(Part.NOT_DERIVED, subject, "", 1, 1, "", (
                SlideStep(StepKind.RESULT, tex_text(r.not_derived), "", "", ""),)))
        else:
            tasks.append(Task(symbol, tuple(("" if r.one_layout_note else name.value, r.layout(name).result.shape)
                                            for name in shown), True))
        for name in shown if r.derived else ():
            again = tuple((i.name, i.definition) for i in r.intermediates) == named
            frames += derivation_frames(view, r, r.layout(name), subject, "" if r.one_layout_note else name.value, again)
            named = tuple((i.name, i.definition) for i in r.intermediates)
        checks.append(result_checks(subject, r.checks))
    return ProblemSlides(view, tuple(tasks), tuple(frames), tuple(merge_checks(view, checks)))


def derivative_latex(view: ProblemView, r: ResultView) -> str:
    f = view.function_latex
    if r.order == 1:
        return rf"\frac{{\partial {f}}}{{\partial {r.wrt_latex}}}"
    return rf"\frac{{\partial^{{{r.order}}} {f}}}{{\partial {r.wrt_latex}^{{{r.order}}}}}"


def subject_latex(view: ProblemView, r: ResultView) -> str:
    """How a frame names the derivative it shows, in words."""
    what = "derivative" if r.order == 1 else second_words(r.second)
    return f"The {what} of ${view.function_latex}$ by ${r.wrt_latex}$"


def function_name(view: ProblemView, r: ResultView) -> str:
    """The function the steps differentiate, as the terminal names it: for a Hessian, the gradient
    (the last intermediate)."""
    return r.intermediates[-1].name if r.order != 1 and r.intermediates else view.function


def derivation_frames(view: ProblemView, r: ResultView, lay: LayoutView, subject: str, layout: str,
                      again: bool = False) -> list[StepFrame]:
    """The frames of one derivative in one layout; ``again``: the frames before named the same
    intermediates, which are then not named again."""
    f = function_name(view, r)
    parts: list[tuple[Part, str, list[SlideStep]]] = []
    if r.intermediates and not (r.one_step and r.order == 1) and not again:
        parts.append((Part.INTERMEDIATES, "", [
            SlideStep(StepKind.INTERMEDIATE, _origin(i.from_catalog, i.depends, i.function, i.first_derivative),
                      f"{i.latex} = {i.definition}", i.shape, f"{i.name} = {i.text}") for i in r.intermediates]))
    if r.one_step:      # the one local derivative is the derivative: shown unless the result repeats it
        local = lay.locals[0]
        if lay.restriction or (lay.named_result or lay.result.latex) != local.value:
            parts.append((Part.LOCALS, r.direct_note or r.one_layout_note, [_local_step(local, f)]))
    else:
        note = r.direct_note or r.one_layout_note or r.forward_note or (SAME_INTERMEDIATES if again else "")
        parts.append((Part.LOCALS, note, [_local_step(local, f) for local in lay.locals]))
        if not r.forward_note:      # carried forward, the steps are the derivation: no chain
            parts.append((Part.CHAIN, "", _chain_steps(lay, r)))
    parts.append((Part.RESULT, "", _result_steps(lay, r, f)))
    if r.kinks:
        parts.append((Part.KINKS, "", [SlideStep(StepKind.KINK, rf"Where ${k.where}$: {tex_text(k.text)}", k.subgradient, "", "")
                                       for k in r.kinks]))
    frames: list[StepFrame] = []
    for part, note, steps in parts:
        chunks = frame_chunks(steps)
        frames += [StepFrame(part, subject, layout, n, len(chunks), note if n == 1 else "", tuple(chunk))
                   for n, chunk in enumerate(chunks, start=1)]
    return frames


def step_weight(step: SlideStep) -> int:
    """How much of a frame a step takes, in ordinary steps: a long text or a tall formula (matrix
    rows) takes two, a very long or very tall one a frame of its own."""
    rows = step.latex.count("\\\\")
    if len(step.text) > LONG_TEXT or rows >= TALL_ROWS:
        return STEPS_PER_FRAME
    return 2 if len(step.text) > LONG_TEXT // 2 or rows >= TALL_ROWS // 2 else 1


def frame_chunks(steps: Sequence[SlideStep]) -> list[list[SlideStep]]:
    """The steps of one part, in order, on as few frames as hold them (one frame at least), the
    steps balanced over the frames: never a near-empty last frame ("3 of 3" with one row: 3, 2, 2
    instead of 3, 3, 1). No frame takes more than its room: four rows ran off a frame's bottom in
    test_tall_derivations_fit_their_frames. A step that takes a frame of its own keeps it alone."""
    chunks: list[list[SlideStep]] = []
    run: list[SlideStep] = []
    for step in steps:
        if step_weight(step) >= STEPS_PER_FRAME:
            chunks += [*_balanced(run), [step]]
            run = []
        else:
            run.append(step)
    chunks += _balanced(run)
    return chunks or [[]]


def _frames_needed(weights: Sequence[int], room: int) -> int:
    frames, used = 0, room
    for w in weights:
        if used + w > room:
            frames, used = frames + 1, 0
        used += w
    return frames


def _balanced(steps: Sequence[SlideStep]) -> list[list[SlideStep]]:
    """Ordinary steps (each under a frame's room) on the fewest frames, the fullest frame as light
    as it can be; of equally light splits the earlier frames fuller (the cut is deterministic)."""
    if not steps:
        return []
    weights = [step_weight(s) for s in steps]
    count = _frames_needed(weights, STEPS_PER_FRAME)
    ends = [0, *accumulate(weights)]
    n = len(steps)

    @cache
    def best(start: int, frames: int) -> tuple[int, tuple[int, ...]]:
        # (the heaviest frame's load, the cuts) for steps[start:] on ``frames`` frames
        if frames == 1:
            return ends[n] - ends[start], ()
        options = []
        for cut in range(n - frames + 1, start, -1):     # later cuts first: earlier frames fuller
            load, cuts = best(cut, frames - 1)
            options.append((max(ends[cut] - ends[start], load), (cut, *cuts)))
        return min(options, key=lambda o: o[0])

    cuts = (0, *best(0, count)[1], n)
    return [list(steps[a:b]) for a, b in pairwise(cuts)]


def _origin(from_catalog: bool, depends: bool, function: bool, first_derivative: bool) -> str:
    words = origin(from_catalog, depends, function, first_derivative)   # plain words: no TeX specials
    return words[0].upper() + words[1:]


def _local_step(local: LocalView, f: str) -> SlideStep:
    if local.kind in ("jacobian", "forward"):    # a forward step is du/dt = value too (engine.forward)
        name = direct_text(local.of, local.wrt, local.held) if local.held else f"d{local.of}/d{local.wrt}"
        return SlideStep(StepKind.LOCAL, tex_text(local.rule_name), f"{local.lhs} = {local.value}", local.shape,
                         f"{name} = {local.value_text}")
    return SlideStep(StepKind.LOCAL, tex_text(local.rule_name), f"{local.lhs} {local.value}", local.shape,
                     f"through {local.of}: d{f}/d{local.wrt} gets {local.value_text}")


def _chain_steps(lay: LayoutView, r: ResultView) -> list[SlideStep]:
    chain = lay.chain
    order = "left to right" if lay.layout is Layout.NUMERATOR else "right to left, factors transposed"
    if not chain.paths:     # the matrix form: one equation per intermediate, from the function back
        return [SlideStep(StepKind.CHAIN, "Chain rule in matrix form" if n == 0 else "", eq, "", text)
                for n, (eq, text) in enumerate(zip(chain.accumulations, chain.accumulations_text, strict=True))]
    texts = [" ".join(direct_text(c.top, c.bottom, c.held) if c.held else f"d{c.top}/d{c.bottom}" for c in path)
             for path in chain.paths]
    scalars = bool(r.one_layout_note)   # scalars: the bare chain; else each factor's shape under it
    symbolic = SlideStep(StepKind.CHAIN, f"Multiplied {order}" + ("" if scalars else "; shapes below"),
                         f"{chain.lhs} = {chain.symbolic}", "", " + ".join(texts), None if scalars else chain)
    return [symbolic, SlideStep(StepKind.CHAIN, "The local derivatives put in", f"{chain.lhs} = {chain.values}", "", "")]


def _result_steps(lay: LayoutView, r: ResultView, f: str) -> list[SlideStep]:
    steps = []
    if lay.show_product and not r.one_step:
        label = "Simplified, before putting the intermediates back"
        if (own := lay.product_transpose_note) is not None:     # the chain's C, the product's C^T: C = D^T D
            label += f", since ${own.given}$" + (f", ${own.identity}$" if own.identity else "")   # the Result's words
        steps.append(SlideStep(StepKind.PRODUCT, label,
                               f"{lay.chain.lhs} = {lay.product.latex}", lay.product.shape, lay.product.text))
    if lay.put_back:    # the site's row, where it says something new (present.views)
        steps.append(SlideStep(StepKind.PUT_BACK, "Intermediates put back" + ("" if lay.show_product else ", before simplifying"),
                               f"{lay.chain.lhs} = {lay.put_back}", lay.result.shape, lay.put_back_text))
    if lay.assumed:
        names = ", ".join(f"${v}$" for v in lay.assumed_variables)
        steps.append(SlideStep(StepKind.ASSUMED, f"Intermediates put back; {names} symmetric: ${lay.assumed_identity}$",
                               f"{lay.chain.lhs} = {lay.assumed}", "", ""))
    label = "Result" if not r.one_step else f"Result, in one step by {tex_rules(lay.locals[0].rules)}"
    if lay.restriction:
        label += ", on the symmetric matrices (the symmetric part of the gradient)"
    if r.fact_note and not r.fact_note.named:     # a fact of the set-up the result uses (present.facts)
        label += f", since ${r.fact_note.facts}$" + (f" ({r.fact_note.why})" if r.fact_note.why else "")
    if (inv := r.inverse_note) is not None:     # the declared invertible matrices whose product's inverse it splits
        label += f", since ${inv.identity_in(lay.layout)}$ (" + "".join(f"${v}$ {word}, " for v, word in inv.scalars) \
            + listed([f"${v}$" for v in inv.variables]) + " invertible)"     # "A, X and B", as the page and sheet
    if (own := lay.transpose_note) is not None:   # C^T above, C below, C = D^T D (present.owntranspose)
        label += f", since ${own.given}$" + (f", ${own.identity}$" if own.identity else "")
    if (sub := lay.substitution_note) is not None:   # f above, exp(g) below: the table's f = exp(g)
        label += f", since ${sub.given}$" if sub.given else f", {SU.TABLE_WRITTEN_OUT}"
    steps.append(SlideStep(StepKind.RESULT, label, f"{lay.chain.lhs} = {lay.restriction or lay.shown_result}",
                           lay.result.shape, f"d{f}/d{r.wrt} = {lay.named_result_text or lay.result.text}"))
    return steps


#: What a passed check showed, a few words each; {points}: how many points, {figure}: the bound.
CHECK_WORDS = {
    "numeric": "by finite differences at {points} random points ({figure})",
    "components": "entry by entry, symbolically",
    "steps": "the steps shown multiply out to the result ({figure})",
    "expected": "the answer the source states agrees",
    "subgradient": "the subgradients at the kink, by one-sided slopes",
    "removed kink": "the result where a corner is smoothed out, by one-sided slopes",
    "erratum": "the form the source states differs from the result",
}


def merge_checks(view: ProblemView, checks: Sequence[ResultChecks]) -> list[ResultChecks]:
    """First derivatives whose checks read the same said once: "The derivatives of $f$ by $x$ and $y$"."""
    firsts = [(c, r) for c, r in zip(checks, view.results, strict=True) if r.order == 1]
    groups: dict[tuple[tuple[str, ...], ...], list[tuple[ResultChecks, str]]] = {}
    for c, r in firsts:
        groups.setdefault((c.passed, c.not_applicable, c.failed), []).append((c, f"${r.wrt_latex}$"))
    merged = []
    for (passed, not_applicable, failed), members in groups.items():
        if len(members) == 1:
            merged.append(members[0][0])
            continue
        names = [name for _, name in members]
        merged.append(ResultChecks(f"The derivatives of ${view.function_latex}$ by {listed(names)}", passed, not_applicable,
                                   failed))
    return merged + [c for c, r in zip(checks, view.results, strict=True) if r.order != 1]


def result_checks(subject: str, checks: Sequence[CheckView]) -> ResultChecks:
    """A result's checks in words: what the passed ones showed, the names of those that do not apply."""
    passed = tuple(CHECK_WORDS.get(c.name, c.name).format(points=c.points or "several", figure=c.figure or "exact")
                   .replace(" (exact)", "") for c in checks if c.passed)
    failed = tuple(f"{c.name}: {c.detail}" for c in checks if c.passed is False)
    return ResultChecks(subject, passed, tuple(c.name for c in checks if c.passed is None), failed)
