"""The page data of a problem's errata (the catalog's ``erratum:``): what the source says, its form
in each layout where it states one, the verified result beside it, and what the erratum check found."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mcdocgen import language as E
from mcdocgen.catalog import Problem
from mcdocgen.catalog.records import ErratumKind, Expected
from mcdocgen.checks.results import CheckResult, CheckStatus, ErratumResult, Verification
from mcdocgen.engine.derive import Derivation
from mcdocgen.language import Layout
from mcdocgen.language import transposes
from mcdocgen.present import naming as N, wherelines as W
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.symbols import partial_frac, shape_latex
from mcdocgen.present.lines import equation_rows, expression_rows
from mcdocgen.present.steps import one_layout
from mcdocgen.present.titles import plain_math


NOT_RUN = "not checked: the derivation was not finished"
# each kind's box: its title before the derivative's symbol, and its admonition (a note is no warning)
TITLES = {ErratumKind.ERROR: "Erratum for", ErratumKind.CONVENTION: "Erratum (convention) for",
          ErratumKind.FUNCTION: "A different function, not an erratum:"}
BOXES = {ErratumKind.ERROR: "warning", ErratumKind.CONVENTION: "warning", ErratumKind.FUNCTION: "note"}
HEADINGS = {ErratumKind.ERROR: "Erratum.", ErratumKind.CONVENTION: "Erratum (convention).",
            ErratumKind.FUNCTION: "A different function."}   # the handout's


@dataclass(frozen=True, slots=True)
class ErratumLayoutView:
    """One layout of an erratum: the source's form (empty: it states none) and the verified result."""

    layout: str
    stated: str             # LaTeX
    stated_shape: str
    result: str             # LaTeX
    result_shape: str
    stated_rows: tuple[str, ...] = ()   # the stated form broken to fit a phone (present.lines)
    result_rows: tuple[str, ...] = ()   # lhs = result, the same; with the Result's names where it is long
    result_where: tuple[str, ...] = ()  # those names defined (present.naming), as under the Result
    transposed: bool = False            # the stated form is the source's transposed into this layout


@dataclass(frozen=True, slots=True)
class ErratumView:
    """One error of the problem's source, as its page marks it."""

    variable: str           # the wrt variable, as written
    wrt: str                # the variable, LaTeX
    lhs: str                # the derivative's symbol, LaTeX
    says: str               # plain text, its math as the site's plain text writes it (plain_math)
    note: str
    layouts: tuple[ErratumLayoutView, ...]   # empty where the derivation failed
    check: str              # what the erratum check found, in words (the form it quotes is the box's math)
    confirmed: bool | None  # None: no comparison (a form in words, without a value, or right in one layout)
    title: str = ""         # the box's title, its math LaTeX in $...$ (TITLES)
    box: str = "warning"    # the admonition
    heading: str = "Erratum."   # the handout's, plain text


def erratum_views(problem: Problem, derivations: Sequence[Derivation], verifications: Sequence[Verification],
                  names: dict[str, str], function: str, naming: N.Naming = N.NO_NAMES) -> tuple[ErratumView, ...]:
    """Every erratum of the problem, in catalog order, beside the first derivative it is about."""
    by_wrt = {d.wrt: (d, v) for d, v in zip(derivations, verifications, strict=True) if d.order == 1}
    p = McLatexPrinter(names, function)
    out = []
    seen: dict[str, int] = {}     # the errata met so far on each variable: this one's place among them
    for e in problem.errata:
        d, v = by_wrt[e.wrt]
        seen[e.wrt] = seen.get(e.wrt, -1) + 1
        check = _own(v.erratum, seen[e.wrt])
        confirmed = None if check is None or check.status is CheckStatus.NOT_APPLICABLE else check.passed
        layouts: tuple[ErratumLayoutView, ...] = ()
        lhs = partial_frac(names.get(function, function), names[e.wrt])
        if d.ok and d.result is not None and d.numerator is not None:
            # a scalar by a scalar: the page shows its steps once, and the box its forms once
            shown = (Layout.DENOMINATOR,) if one_layout(d) else tuple(Layout)
            layouts = tuple(_layout(lay, e.stated.node if e.stated else None, d, p, lhs, naming) for lay in shown)
        found = _found(check.status, _unquoted(check.detail, e.stated)) if check else NOT_RUN
        out.append(ErratumView(e.wrt, names[e.wrt], lhs, plain_math(e.says), plain_math(e.note), layouts, found,
                               confirmed, f"{TITLES[e.kind]} ${lhs}$", BOXES[e.kind], HEADINGS[e.kind]))
    return tuple(out)


def _own(check: CheckResult | None, index: int) -> CheckResult | None:
    """This erratum's own finding: the check of a derivative holds one for each of its errata, in
    catalog order (its summary names them all, so a box shows only its own)."""
    if isinstance(check, ErratumResult) and index < len(check.each):
        return check.each[index]
    return check


def _unquoted(detail: str, stated: Expected | None) -> str:
    """The check's finding without the stated form in the catalog's language ("the stated
    '-2 * C @ X @ inv(...)' differs"): the box shows that form as math just above, so the finding
    names it "the stated form"."""
    if stated is None:
        return detail
    return detail.replace(f"the stated '{E.try_text(stated.node, stated.text)}'", "the stated form")


def _found(status: CheckStatus, detail: str) -> str:
    """The check's finding as the box states it: a confirmation reads as one, not as "passed"."""
    if status is CheckStatus.PASSED:
        return detail
    if status is CheckStatus.NOT_APPLICABLE:
        return f"not applicable: {detail} (the note says what is wrong)"
    return f"FAILED: {detail}"


def _layout(lay: Layout, stated: E.Node | None, d: Derivation, p: McLatexPrinter, lhs: str,
            naming: N.Naming) -> ErratumLayoutView:
    numerator = lay is Layout.NUMERATOR
    assert d.result is not None and d.numerator is not None
    result = d.numerator if numerator else d.result
    transposed = stated is not None and numerator and stated.shape == d.result.shape and not stated.shape.is_scalar
    if stated is not None and transposed:
        # a form of the derivative's shape: the numerator layout is its transpose, a transpose's own
        # argument (never the double transpose no source prints)
        stated = transposes.transposed(stated, transposes.UNWRAPPED)
    stated_tex, result_tex = "" if stated is None else p.doprint(stated), p.doprint(result)
    # where the result is too long for a line, it is named as the Result just above it is (review s36 C-1)
    named = naming.for_row(result, p.doprint)
    used = naming.used([named])
    return ErratumLayoutView(lay.value, stated_tex, "" if stated is None else shape_latex(stated.shape), result_tex,
                             shape_latex(result.shape), expression_rows(stated_tex) if stated_tex else (),
                             equation_rows(lhs, p.doprint(named) if used else result_tex), transposed=transposed,
                             result_where=W.where_rows(used, p.doprint))
