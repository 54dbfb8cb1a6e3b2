"""View models: derivations and checks as plain strings and numbers for templates and reports.

Templates, the JSON report and the terminal read only these records; nothing downstream touches SymPy or derives
again. Each formula is in LaTeX and, where the terminal shows it, in the expression language with its shape.
A result's steps in each layout are present.layoutviews' records; this module puts them into results and problems.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from mcdocgen import language as E
from mcdocgen.catalog import Problem
from mcdocgen.engine import layout as L
from mcdocgen.engine.derive import Derivation
from mcdocgen.present.domain import conditions
from mcdocgen.present.kinknotes import KinkSpot, KinkView, kink_view, off_diagonal, page_kink_views
from mcdocgen.present.errata import ErratumView, erratum_views
from mcdocgen.present.facts import FactNote, fact_note
from mcdocgen.present.invertible import InverseNote, inverse_note
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.layoutviews import ChainView, Formula, LayoutView, layout_view, text_form
from mcdocgen.present.symbols import shape_latex, symbol_latex
from mcdocgen.language import Layout
from mcdocgen.present.plots import PlotView, plot_views
from mcdocgen.present.second import route_of, same_matrix_note, second_kind, second_symbol, snippet_of
from mcdocgen.present import commutation as C, naming as N, statement, steps as S
from mcdocgen.present.sources import source_text
from mcdocgen.present.texwidth import naming_width
from mcdocgen.present.lines import equation_rows
from mcdocgen.present.symmetric import SymmetricView, symmetric_view
from mcdocgen.present.tensor import TensorView, tensor_view
from mcdocgen.present.titles import TitleSpan, plain_math, title_view
from mcdocgen.present.operations import Operation, operations
from mcdocgen.present.related import function_key
from mcdocgen.checks.results import Verification
from mcdocgen.present.checkviews import CheckView, check_views as _check_views


@dataclass(frozen=True, slots=True)
class VariableView:
    name: str
    latex: str
    shape: str
    kind: str           # scalar, vector, matrix
    assume: tuple[str, ...]
    shape_text: str = ""    # (m, n)


@dataclass(frozen=True, slots=True)
class IntermediateView:
    name: str
    latex: str
    definition: str
    shape: str
    from_catalog: bool
    depends: bool
    text: str = ""          # the definition in the expression language
    shape_text: str = ""
    function: bool = False  # the function's own row (present.origin)
    first_derivative: bool = False   # a second derivative's row of the first derivative (present.origin)


@dataclass(frozen=True, slots=True)
class ResultView:
    wrt: str
    wrt_latex: str
    function_shape: tuple[str, ...]     # the report's form: () scalar, (n,) column, (r, c)
    wrt_shape: tuple[str, ...]
    derived: bool
    not_derived: str
    intermediates: tuple[IntermediateView, ...]
    layouts: tuple[LayoutView, ...]
    checks: tuple[CheckView, ...]
    kinks: tuple[KinkView, ...]
    snippet: str
    ok: bool
    kink_spots: tuple[KinkSpot, ...] = ()   # where each kink is, for the terminal (one per kink)
    order: int = 1                          # the report's "order": 2 for a Hessian
    form: str = "matrix"                    # the report's "form": "matrix" or "vec"
    symmetric: SymmetricView | None = None  # by a symmetric matrix: both conventions (present.symmetric)
    tensor: TensorView | None = None        # the differential, vec and index forms (present.tensor)
    route: str = ""                         # a Hessian's: how it was derived (engine.hessian.ROUTE)
    second: str = ""                        # a second derivative's kind (engine.hessian.SecondKind): its words
    one_layout_note: str = ""   # both layouts give the same steps: shown once, with this sentence
    one_step: bool = False      # one local derivative: the step and the result, no chain to multiply
    direct_note: str = ""       # a step is a direct partial: the sentence that tells it from the total
    direct_note_text: str = ""  # the same for the terminal
    forward_note: str = ""      # the steps are carried forward (engine.forward): the sentence that says so
    forward_note_text: str = ""  # the same for the terminal
    same_matrix: str = ""       # a Hessian printed two ways: the sentence that says it is one matrix
    commutation_note: str = ""  # the steps use the commutation matrix: the sentence defining it (present.commutation)
    fact_note: FactNote | None = None   # a fact of the set-up the result uses: "Since 1^T u = 0" (present.facts)
    inverse_note: InverseNote | None = None   # the declared invertible matrices it uses: "Since X and A are invertible"
    trace_kron: str = ""        # tr(X kron X) = tr(X) tr(X) = tr(X)^2, LaTeX: the step the intermediates start from

    def layout(self, name: str) -> LayoutView:
        return next(view for view in self.layouts if view.layout == name)

    @property
    def label(self) -> str:
        """How messages name this result: the variable, and for a second derivative its kind (and a Hessian's form)."""
        form = f": order {self.order}, {self.form} form" if self.second == "Hessian" else ""   # by a scalar: a number
        return self.wrt if self.order == 1 else f"{self.wrt} ({self.second}{form})"


@dataclass(frozen=True, slots=True)
class ProblemView:
    id: str
    title: str
    summary: str        # plain text, its math as the site's plain text shows it (present.titles.plain_math)
    tags: tuple[str, ...]
    source: str
    topic: str
    variables: tuple[VariableView, ...]
    expression: str
    expression_latex: str
    function_latex: str
    results: tuple[ResultView, ...]
    ok: bool
    rules: tuple[str, ...]
    function: str = "f"         # the function's name as written
    plots: tuple[PlotView, ...] = ()    # pictures of f and its derivatives (present.plots)
    layout: str = ""            # the layout the problem's source uses ('' where it names none)
    keywords: tuple[str, ...] = ()  # words a student may search for, shown on the page
    title_spans: tuple[TitleSpan, ...] = ()    # the title as text and math (present.titles); title: its text
    operations: tuple[Operation, ...] = ()      # what the expression does (present.operations), for the index
    errata: tuple[ErratumView, ...] = ()   # the source's errors (present.errata)
    function_key: str = ""      # the function up to names (present.related): never linked to itself
    setup: tuple[str, ...] = ()     # the problem's own steps as display rows (present.statement), or none
    domain: tuple[str, ...] = ()    # where it is defined beyond the declarations: det(a X) > 0, LaTeX (present.domain)
    domain_text: tuple[str, ...] = ()   # the same in the expression language (the terminal's)

    @property
    def statement_rows(self) -> tuple[str, ...]:    # f = expression as display rows, broken for a phone (lines)
        return equation_rows(self.function_latex, self.expression_latex)


def _names(problem: Problem, d: Derivation | None) -> dict[str, str]:
    inters = d.intermediates if d is not None else ()
    named = [(v.name, v.shape) for v in problem.variables] + [(i.name, i.shape) for i in inters]
    return {name: symbol_latex(name, shape) for name, shape in named}


def _why(d: Derivation) -> str:
    """Why a result was not derived, as messages say it ('' where it was)."""
    return "" if d.not_derived is None else f"{d.not_derived.reason} (in {d.not_derived.subject})"


def result_view(problem: Problem, d: Derivation, v: Verification, naming: N.Naming = N.NO_NAMES, fn: str = "",
                before: frozenset[str] = frozenset()) -> ResultView:
    """``before``: the names the page's earlier Results define (the gradient's p above its Hessian)."""
    names = _names(problem, d)
    p = McLatexPrinter(names, d.function)
    own, first = (d.function, "") if d.order == 1 else (fn, d.function)   # a Hessian's is the gradient; fn: the problem's
    inters = tuple(IntermediateView(i.name, names[i.name], p.doprint(i.definition), shape_latex(i.shape), i.from_catalog,
                                    i.depends, text_form(i.definition), i.shape.label(), i.name == own, i.name == first)
                   for i in d.intermediates)
    if not d.ok:
        return ResultView(d.wrt, names[d.wrt], tuple(d.function_shape.as_list()), tuple(d.wrt_shape.as_list()), False,
                          _why(d), inters, (), _check_views(v), (), "", False,
                          order=d.order, form=d.form.value, route=route_of(d), second=second_kind(d))
    layouts = tuple(layout_view(d, lay, p, names, naming, second_symbol(problem, d), before) for lay in Layout)
    # ResultView's keywords (Any: a dict of several types), worked out here, before the views below, as ever
    steps: dict[str, Any] = {
        "one_layout_note": S.ONE_LAYOUT_NOTE if S.one_layout(d) else "", "one_step": S.one_step(d),
        "same_matrix": same_matrix_note(d, v), "commutation_note": C.commutation_note(d),
        "direct_note": S.direct_note(d, names, latex=True), "direct_note_text": S.direct_note(d, names, latex=False),
        "forward_note": S.forward_note(d, names, latex=True), "forward_note_text": S.forward_note(d, names, latex=False),
        # over the names the put-back rows write as shown (present.putback): one name for one thing
        "fact_note": fact_note(problem, d, v.setup_facts, names, naming,
                               {n for lay in layouts for n in lay.put_back_names} or None),
        "inverse_note": inverse_note(problem, d, p), "trace_kron": S.trace_kron_step(problem.expression, d, p)}
    shown = {name for lay in layouts for name in lay.where_names}     # the names the Results define
    kinks = page_kink_views(d, p, naming, shown)
    spots = tuple(KinkSpot(text_form(_in_names(k.at, naming, shown)), k.low, k.high, off_diagonal(k)) for k in d.kinks)
    return ResultView(d.wrt, names[d.wrt], tuple(d.function_shape.as_list()), tuple(d.wrt_shape.as_list()), True, "",
                      inters, layouts, _check_views(v), kinks, snippet_of(problem, d), v.ok, spots,
                      d.order, d.form.value, symmetric_view(problem, d, p, names, naming), tensor_view(problem, d, names, naming),
                      route_of(d), second_kind(d), **steps)


def problem_view(problem: Problem, derivations: list[Derivation], verifications: list[Verification],
                 plots: bool = True) -> ProblemView:   # plots=False: no pictures (only pages show them)
    names = _names(problem, None)
    p = McLatexPrinter(names)
    naming = N.page_naming(problem, derivations, lambda node: naming_width(p.doprint(node)))
    function, fshape = (derivations[0].function, derivations[0].function_shape) if derivations else ("f", E.shapes.SCALAR)
    results: list[ResultView] = []
    for d, v in zip(derivations, verifications, strict=True):   # one naming a page: a Result writes the names above
        before = frozenset(name for r in results for lay in r.layouts for name in lay.where_names)
        results.append(result_view(problem, d, v, naming, function, before))
    rules = sorted({r.value for d in derivations for local in d.locals for r in local.rules} | S.first_step_rules(results))
    title = title_view(problem)
    summary, source = plain_math(problem.summary), plain_math(source_text(problem.source))   # plain text, as the title's
    domain = conditions(problem, p)
    return ProblemView(problem.id, title.text, summary, problem.tags, source, problem.topic,
                       tuple(VariableView(v.name, names[v.name], shape_latex(v.shape), N.kind(v.shape),
                                          tuple(a.value for a in v.assume), v.shape.label()) for v in problem.variables),
                       problem.expression_text, p.doprint(problem.expression), symbol_latex(function, fshape),
                       tuple(results), all(r.ok for r in results), tuple(rules), function,
                       plot_views(problem, derivations) if plots else (),
                       problem.layout.value if problem.layout else "", problem.keywords, title.spans, operations(problem),
                       erratum_views(problem, derivations, verifications, names, function, naming), function_key(problem),
                       statement.setup_rows(problem, names), domain.latex, domain.text)


def report_view(problem: Problem, derivations: list[Derivation], verifications: list[Verification]) -> ProblemView:
    """What `check` reads of a problem's view, and only that: each result's checks, kinks and formula in
    both layouts (its summary line, failure messages and JSON report, publish.report); the steps,
    snippets, page text and pictures are left empty (problem_view: a tenth of the check's work)."""
    names = _names(problem, None)
    results = []
    for d, v in zip(derivations, verifications, strict=True):
        p = McLatexPrinter(_names(problem, d), d.function)
        layouts: tuple[LayoutView, ...] = ()
        if d.ok:
            layouts = tuple(LayoutView(lay, "", (), ChainView("", "", "", "", ()), Formula("", ""),
                                       Formula(p.doprint(res), "", tuple(res.shape.as_pair())), E.flat_text(res))
                            for lay in Layout for res in [L.result(d, lay)])
        results.append(ResultView(d.wrt, names[d.wrt], tuple(d.function_shape.as_list()), tuple(d.wrt_shape.as_list()),
                                  d.ok, _why(d), (), layouts, _check_views(v),
                                  tuple(kink_view(k, d, p) for k in d.kinks) if d.ok else (),
                                  "", v.ok if d.ok else False, order=d.order, form=d.form.value, second=second_kind(d)))
    return ProblemView(problem.id, "", "", (), "", problem.topic, (), problem.expression_text, "", "",
                       tuple(results), all(r.ok for r in results), ())


def _in_names(node: E.Node, naming: N.Naming, shown: Collection[str]) -> E.Node:
    """``node`` in the page's names where the Results define every one it writes (``shown``), as the page's kink
    note writes it (kinknotes.page_kink_views): the terminal's "kink where M = 0" below "where M = ...", not the
    part written out again."""
    named = naming.apply(node)
    return named if E.free_vars(named) & {n.var.name for n in naming.names} <= set(shown) else node
