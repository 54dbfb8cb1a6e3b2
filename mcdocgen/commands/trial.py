"""`mcdocgen try`: a problem from the command line, derived and verified, and appended to a catalog.

The command line is turned into the same plain mapping a catalog entry is, and that mapping is
validated by the catalog's own loader (:func:`mcdocgen.catalog.load_catalog_bytes`): the rules
and the messages are the loader's. ``--append`` writes the entry into a catalog
(:mod:`mcdocgen.commands.append`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence, Set as AbstractSet
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import yaml

from mcdocgen.catalog import (
    MATRIX_ASSUMPTIONS, RESERVED_IDS, Assumption, Problem, load_catalog, load_catalog_bytes, slug,
)
from mcdocgen.commands.append import append_entry
from mcdocgen.commands.options import TryFormat
from mcdocgen.language import Layout
from mcdocgen.errors import CatalogError, ExitCode, TrialError

if TYPE_CHECKING:   # the engine and the printers are imported once the command line has validated
    from mcdocgen.commands.pipeline import Outcome
    from mcdocgen.present.views import ProblemView

ASSUMPTION_NAMES = frozenset(a.value for a in Assumption)
TRY_SOURCE = "try"           # the name messages give the command line
AUTO_ID_CHARS = 40  # an id made from an expression is cut to this (the catalog allows MAX_ID_CHARS)
PLACEHOLDERS = {"title": "TODO: title", "summary": "TODO: one sentence.", "source": "TODO"}


# ---------------------------------------------------------------- the command line as an entry


def parse_var(text: str) -> tuple[str, dict[str, Any]]:
    """``NAME:SHAPE[:ASSUME,...]`` -> (name, {"shape": [...], "assume": [...]}).

    SHAPE is empty or ``scalar`` for a scalar, ``n`` for a column vector, ``m,n`` for a matrix;
    sizes are names or whole numbers. The values are checked by the loader, not here, except one
    mix-up: an assumption's name in the place of a size (``x:positive``) is refused with the form
    that means it (``x::positive``), as nobody names a size ``positive``.
    """
    parts = text.split(":")
    if len(parts) < 2 or len(parts) > 3 or not parts[0].strip():
        raise TrialError([f"--var {text}: write NAME:SHAPE, e.g. x:n, X:m,n, c:scalar or A:n,n:symmetric"])
    name, shape_text = parts[0].strip(), parts[1].strip()
    shape: list[Any] = []
    if shape_text and shape_text != "scalar":
        for item in shape_text.split(","):
            item = item.strip()
            if item in ASSUMPTION_NAMES:
                sizes = ",".join(i.strip() for i in shape_text.split(",") if i.strip() not in ASSUMPTION_NAMES)
                if not sizes and Assumption(item) in MATRIX_ASSUMPTIONS:
                    sizes = "n,n"
                raise TrialError([f"--var {text}: '{item}' is an assumption, not a size; assumptions come third, "
                                  f"after the shape: {name}:{sizes}:{item}" + ("" if sizes else " for a scalar")])
            shape.append(int(item) if re.fullmatch(r"[+-]?\d{1,20}", item) else item)
    spec: dict[str, Any] = {"shape": shape}
    if len(parts) == 3 and parts[2].strip():
        spec["assume"] = [a.strip() for a in parts[2].split(",") if a.strip()]
    return name, spec


def slug_id(expression: str, taken: AbstractSet[str] = frozenset()) -> str:
    """An id from an expression: ``norm(X @ w - y)**2`` -> ``norm-x-w-y-2``; unique in ``taken``."""
    base = slug(expression, "problem")
    if len(base) > AUTO_ID_CHARS:
        base = base[:AUTO_ID_CHARS].rsplit("-", 1)[0] or base[:AUTO_ID_CHARS]
    base = base.strip("-")
    pid, k = base, 2
    while pid in taken or pid in RESERVED_IDS:
        pid, k = f"{base}-{k}", k + 1
    return pid


def trial_entry(expression: str, variables: list[str], wrt: list[str], pid: str,
                hessian: Sequence[str] = ()) -> dict[str, Any]:
    """The catalog entry for a command line, as plain data in the catalog's key order (``hessian``:
    the --hessian variables, comma-separated or repeated)."""
    declared: dict[str, dict[str, Any]] = {}
    errors = []
    for text in variables:
        try:
            name, spec = parse_var(text)
        except TrialError as exc:
            errors += exc.lines
            continue
        if name in declared:
            errors.append(f"--var {name}: declared twice")
        declared[name] = spec
    if errors:
        raise TrialError(errors)
    names = [w.strip() for item in wrt for w in item.split(",") if w.strip()] or list(declared)
    second = [w.strip() for item in hessian for w in item.split(",") if w.strip()]
    return {
        "id": pid,
        "title": PLACEHOLDERS["title"],
        "summary": PLACEHOLDERS["summary"],
        "tags": [],
        "source": PLACEHOLDERS["source"],
        "variables": declared,
        "expression": expression,
        "wrt": names,
        **({"hessian": second} if second else {}),
    }


def _option(key: str) -> str:
    if key.startswith("variables."):
        return "--var " + key.split(".")[1]
    options = {"wrt": "--wrt", "hessian": "--hessian", "id": "--id", "expression": "EXPR", "variables": "--var"}
    return options.get(key, key or "try")


def problem_from_entry(entry: dict[str, Any]) -> Problem:
    """Validate one entry with the catalog's loader; errors name the command-line option."""
    text = yaml.safe_dump({"problems": [entry]}, sort_keys=False, allow_unicode=True, width=10_000)
    try:
        catalog = load_catalog_bytes(text.encode("utf-8"), TRY_SOURCE)
    except CatalogError as exc:
        raise TrialError([f"{_option(d.key)}: {d.message}" for d in exc.diagnostics]) from None
    return catalog.problems[0]


# ---------------------------------------------------------------- output


def render(problem: Problem, result: Outcome, fmt: TryFormat, layout: Layout) -> str:
    """The pipeline's Outcome ``result`` in the format ``fmt`` (``layout``: the one text and latex show)."""
    from mcdocgen.publish.report import dumps, report
    from mcdocgen.publish.terminal import render_terminal

    view = result.view
    if fmt is TryFormat.JSON:
        return dumps(report(TRY_SOURCE, [view])["problems"][0])
    if fmt is TryFormat.LATEX:
        return _latex(view, layout)
    if fmt is TryFormat.MARKDOWN:   # the steps as on a page, without its pictures (no use in a terminal)
        from mcdocgen.publish.render import render_derivatives   # Jinja2: only this format needs it

        return render_derivatives(replace(view, plots=()))
    shown = replace(view, title=problem.expression_text, summary=f"{outcome(view)} (mcdocgen try; not in the catalog)")
    return render_terminal(shown, layout)


def outcome(view: ProblemView) -> str:
    """What became of a trial, in a few words: 'derived and verified' only when it was."""
    if view.ok:
        return "derived and verified"
    missing = [r.wrt for r in view.results if not r.derived]
    if not missing:
        return "derived, but a check failed"
    if len(missing) == len(view.results):
        return "not derived"
    return f"not derived with respect to {', '.join(missing)}"


def _latex(view: ProblemView, layout: Layout) -> str:
    lines = []
    for r in view.results:
        if not r.derived:
            lines.append(f"% d{view.function_latex}/d{r.wrt}: not derived: {r.not_derived}")
            continue
        lay = r.layout(layout)
        order = "" if r.order == 1 else f"^{{{r.order}}}"    # a Hessian: d^2 f / d x^2
        lines.append(f"% {'d' if r.order == 1 else f'd{r.order}'}/d{r.wrt}, {layout} layout, shape {' x '.join(lay.result.dims)}")
        lines.append(rf"\frac{{\partial{order} {view.function_latex}}}{{\partial {r.wrt_latex}{order}}} = {lay.result.latex}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- the command


def try_expression(expression: str, variables: Sequence[str], wrt: Sequence[str], out: TextIO, err: TextIO, *,
                   pid: str | None = None, layout: Layout = Layout.DENOMINATOR, fmt: TryFormat = TryFormat.TEXT,
                   append: bool = False, catalog: Path = Path("derivations.yaml"),
                   hessian: Sequence[str] = ()) -> ExitCode:
    """`mcdocgen try`: derive and verify ``expression`` (``variables`` as NAME:SHAPE, ``wrt``),
    print it in ``fmt`` on ``out``; with ``append``, add it to ``catalog`` once every check passed
    (an id made from the expression unless ``pid``)."""
    taken: set[str] = set()
    if append and not pid and catalog.exists():
        taken = {p.id for p in load_catalog(catalog).problems}
    entry = trial_entry(expression, list(variables), list(wrt), pid or slug_id(expression, taken), hessian)
    problem = problem_from_entry(entry)
    from mcdocgen.commands.pipeline import run_one
    from mcdocgen.publish.report import problem_errors

    result = run_one(problem, plots=False)   # no format of `try` shows the pictures
    out.write(render(problem, result, fmt, layout))
    if not result.view.ok:
        for message in problem_errors(result.view):
            print(f"mcdocgen: try: {message}", file=err)
        if append:
            print(f"mcdocgen: not added to {catalog}: a check failed", file=err)
        return ExitCode.CHECK_FAILED
    if append:
        added_to = append_entry(catalog, entry, rename=None if pid else slug_id)
        added = added_to.problems[-1]
        print(f"mcdocgen: added problem '{added.id}' to {added_to.path} at line {added.line}; "
              "replace the TODO title, summary and source, add tags, then run: mcdocgen check", file=err)
    return ExitCode.OK
