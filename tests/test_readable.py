"""Every catalog page and handout reads the way a careful author writes (issue 13): the generated
Markdown and .tex are searched for what a student misreads. No unevaluated exponent (x^{3 - 1}),
no ``+ -``, no two numbers side by side without a sign (1\\,2 reads as 12), no derivative of a
symbol by itself, and no equation with the same derivative symbol on both sides of ``=``.

The pages are rendered in-process, as tests/test_render.py does; the handouts are the solutions of
the whole catalog, in both layouts and in each one alone.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from mcdocgen.catalog import HandoutSpec, load_catalog
from mcdocgen.commands.pipeline import identity_views, run_catalog
from mcdocgen.publish import handout as H
from mcdocgen.publish.latexmk import PROBLEM_MARK
from mcdocgen.publish.render import render_site_pages
from mcdocgen.publish.widefit import split_wide

ROOT = Path(__file__).resolve().parent.parent

# x^{3 - 1}, v^{\circ 2 - 1}, t^{2 + -1}: arithmetic on numbers left in an exponent
UNEVALUATED_EXPONENT = re.compile(r"\^\{(?:\\circ\s*)?-?\d+(?:\.\d+)?\s*[-+]\s*-?\d+(?:\.\d+)?\}")
PLUS_MINUS = re.compile(r"[+-]\s*-(?!\\infty)")
# a number, then only space, a thin space or brackets, then a number: 1\,\left(2 x\right) reads as 12
RUN_TOGETHER = re.compile(r"(?<![\w{^_])\d+(?:\.\d+)?(?:\s|\\,|\\right\)|\\left\()*(?:\\,|\s|\\right\)|\\left\()\d")
DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
INLINE = re.compile(r"(?<!\$)\$([^$\n]+)\$(?!\$)")
BOXES = ("\\mcfit{", "\\mcfitin{", "\\boxed{")
DERIVATIVE = "\\frac{\\partial "
DECORATED = "\\left."       # \left.\frac{..}{..}\right\vert_{..}: another symbol than the bare fraction


def _group(text: str, start: int) -> tuple[str, int]:
    """The brace group opening at ``start``: its content and the index after it."""
    assert text[start] == "{", text[start:start + 20]
    depth = 0
    for i in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[i], 0)
        if depth == 0:
            return text[start + 1:i], i + 1
    raise AssertionError(f"unbalanced braces in {text[start:start + 80]!r}")


def math_of(text: str) -> list[str]:
    """The formulas of a page or a .tex: display and inline math and the handouts' boxes."""
    out = []
    for m in DISPLAY.finditer(text):   # a display with a one-line form for wide screens: two formulas, each read
        out += split_wide(m.group(1)) or [m.group(1)]
    rest = DISPLAY.sub(" ", text)
    for box in BOXES:
        at = rest.find(box)
        while at != -1:
            content, end = _group(rest, at + len(box) - 1)
            out.append(content)
            at = rest.find(box, end)
    out += [m.group(1) for m in INLINE.finditer(rest)]
    return out


def derivatives(formula: str) -> list[tuple[str, str, str]]:
    """Each derivative symbol in a formula: (top, bottom, decoration); the decoration is the
    subscript of \\left.\\frac{..}{..}\\right\\vert_{..} (a direct partial, a contribution), else ''."""
    found = []
    at = formula.find(DERIVATIVE)
    while at != -1:
        top, end = _group(formula, at + len("\\frac"))
        bottom, end = _group(formula, end)
        decoration = ""
        if formula[:at].endswith(DECORATED) and formula.startswith("\\right\\vert_", end):
            decoration, end = _group(formula, end + len("\\right\\vert_"))
        found.append((top.removeprefix("\\partial ").strip(), bottom.removeprefix("\\partial ").strip(), decoration))
        at = formula.find(DERIVATIVE, end)
    return found


def sides(formula: str) -> list[str]:
    """The sides of an equation (or a chain of them): split at each ``=`` outside braces."""
    out, depth, last = [], 0, 0
    for i, ch in enumerate(formula):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if ch == "=" and depth == 0:
            out.append(formula[last:i])
            last = i + 1
    out.append(formula[last:])
    return out


def misreadings(formula: str) -> list[str]:
    """What a student would misread in one formula, each said in a few words."""
    out = []
    for regex, what in ((UNEVALUATED_EXPONENT, "unevaluated exponent"), (PLUS_MINUS, "a sign after + or -"),
                        (RUN_TOGETHER, "numbers side by side")):
        out += [f"{what}: {m.group(0)!r}" for m in regex.finditer(formula)]
    seen: dict[tuple[str, str, str], int] = {}
    for i, side in enumerate(sides(formula)):
        # by itself: never a factor; only the identity's own statement, d x / d x = I, has it alone on the left
        stated = i == 0 and len(derivatives(side)) == 1 and side.strip().startswith(DERIVATIVE) \
            and side.strip().endswith("}")
        out += [f"d{top}/d{top}" for top, bottom, _ in derivatives(side) if top == bottom and not stated]
        for symbol in dict.fromkeys(derivatives(side)):
            if seen.setdefault(symbol, i) != i:
                out.append(f"d{symbol[0]}/d{symbol[1]} on both sides of =")
    return out


def _problems(text: str) -> dict[str, str]:
    """A page or a .tex, split where each problem starts (a handout), else whole."""
    marks = re.split(rf"^{re.escape(PROBLEM_MARK)}(\S+)$", text, flags=re.MULTILINE)
    return {"": text} if len(marks) == 1 else dict(zip(marks[1::2], marks[2::2], strict=True))


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    """Every problem page, and the solutions handout of the whole catalog in each layout choice."""
    catalog = load_catalog(ROOT / "derivations.yaml")
    views = [o.view for o in run_catalog(catalog, 1)]
    pages = dict(render_site_pages(catalog, views, identity_views()))     # the problems, identities, home
    ids = tuple(v.id for v in views)
    for layout in ("both", "numerator", "denominator"):
        tex = H.render_handout(HandoutSpec("all", ids=ids, layout=layout), views, H.Edition.SOLUTIONS)
        pages[f"handout-{layout}.tex"] = tex
    return pages


def _found(rendered: dict[str, str]) -> list[str]:
    return [f"{name}: {problem} {what}" for name, text in rendered.items()
            for problem, part in _problems(text).items()
            for formula in math_of(part) for what in misreadings(formula)]


@pytest.mark.parametrize("what", ["unevaluated exponent", "a sign after + or -", "numbers side by side",
                                  r"\sd(\S+)/d\1$", "on both sides of ="])
def test_no_page_or_handout_holds_a_misreading(rendered, what):
    bad = [line for line in _found(rendered) if re.search(what, line)]
    assert not bad, "\n".join(bad[:40])


def test_no_formula_repeats_the_one_before_it(rendered):
    """Within a section or a layout's tab, no displayed formula says again what the one before it
    said (a one-step derivation is not shown as chain rule, simplified product and result)."""
    repeated = []
    for name, text in rendered.items():
        if not name.endswith(".md"):
            continue
        for part in re.split(r"^(?:#+ |===\+? |    !!! |!!! )", text, flags=re.MULTILINE):
            right = [sides(m.group(1).strip())[-1].strip() for m in DISPLAY.finditer(part)]
            repeated += [f"{name}: {a}" for a, b in itertools.pairwise(right) if a == b]
    assert not repeated, "\n".join(repeated)


def test_the_search_sees_every_formula(rendered):
    """Not vacuous: the pages hold formulas, derivative symbols and equations to search."""
    formulas = [f for text in rendered.values() for f in math_of(text)]
    assert len(formulas) > 500
    assert sum(len(derivatives(f)) for f in formulas) > 500
    assert any(len(sides(f)) > 2 for f in formulas)


@pytest.mark.parametrize(("formula", "found"), [
    (r"3\,x^{3 - 1}", "unevaluated exponent"),
    (r"2\,\mathbf{v}^{\circ 2 - 1}", "unevaluated exponent"),
    (r"a + -2\,b", "a sign after"),
    (r"1 + 1\,\left(2\,x\right)", "numbers side by side"),
    (r"\left(2\,u_{3}\right)\,2\,1", "numbers side by side"),
    (r"\left.\frac{\partial f}{\partial X}\right\vert_{\text{via } f} = \frac{\partial f}{\partial f}\,I", "df/df"),
    (r"\frac{\partial y}{\partial x} = \frac{\partial y}{\partial x} + \frac{\partial y}{\partial u}", "both sides"),
    (r"\frac{\partial f}{\partial \mathbf{x}} = \frac{\partial f}{\partial \mathbf{x}} = W", "both sides"),
])
def test_each_search_finds_what_it_is_for(formula, found):
    assert any(found in what for what in misreadings(formula)), misreadings(formula)


@pytest.mark.parametrize("formula", [
    r"x^{n - 1}", r"\left(1, n\right) = (1, 1)(1, n)", r"E_{12}", r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}",
    r"1 + 1 \cdot 2\,x", r"\left(2\,u_{3}\right) \cdot 2 \cdot 1", r"x_{1} - x_{2}", r"\mathbf{1}\mathbf{1}^{\top}",
    r"\frac{\partial y}{\partial x} = \left.\frac{\partial y}{\partial x}\right\vert_{u \text{ fixed}}"
    r" + \frac{\partial y}{\partial u}\frac{\partial u}{\partial x}",
    r"\frac{\partial f}{\partial \mathbf{u}} = \frac{\partial f}{\partial \mathbf{v}} A",
    r"\frac{\partial \mathbf{x}}{\partial \mathbf{x}} = I",     # the identity rule, as the identities page states it
])
def test_what_a_careful_author_writes_is_not_found(formula):
    assert misreadings(formula) == []
