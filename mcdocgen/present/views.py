"""View models: derivations and checks as plain strings and numbers for templates and reports.

Templates, the JSON report and the terminal read only these records; nothing downstream touches SymPy or derives
again. Each formula is in LaTeX and, where the terminal shows it, in the expression language with its shape.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mcdocgen import language as E
from mcdocgen.catalog import Problem
from mcdocgen.engine import layout as L
from mcdocgen.engine.derive import Derivation, LocalKind
from mcdocgen.engine.identities import IDENTITIES
from mcdocgen.present.kinknotes import KinkSpot, KinkView, kink_view, local_kink_label, local_kink_sentence
from mcdocgen.present.errata import ErratumView, erratum_views
from mcdocgen.present.facts import FactNote, fact_note
from mcdocgen.present.latex import McLatexPrinter, partial_frac, shape_latex, symbol_latex, vec_partial_frac
from mcdocgen.language import Form, Layout, Node
from mcdocgen.language.shapes import Shape
from mcdocgen.present.plots import PlotView, plot_views
from mcdocgen.present.second import route_of, same_matrix_note, second_kind, second_symbol, snippet_of
from mcdocgen.present import commutation as C, naming as N, statement, steps as S
from mcdocgen.present.sources import source_text
from mcdocgen.present.texwidth import width
from mcdocgen.present.displays import NO_DISPLAYS, Displays, displays
from mcdocgen.present.lines import cell_tex, equation_rows
from mcdocgen.present.symmetric import (
    SymmetricView, assumed_step, named_assumed_step, restriction_rows, restriction_step, symmetric_view, with_where,
)
from mcdocgen.present.tensor import TensorView, tensor_view
from mcdocgen.present.titles import TitleSpan, plain_math, title_view
from mcdocgen.present.operations import Operation, operations
from mcdocgen.present.related import function_key
from mcdocgen.checks.results import Verification
from mcdocgen.present.checkviews import CheckView, check_views as _check_views


@dataclass(frozen=True, slots=True)
class Formula:
    latex: str
    shape: str          # LaTeX, e.g. (n, 1)
    dims: tuple[str, str] = ("1", "1")
    text: str = ""      # in the expression language ('' where it has no text form)

    @property
    def shape_text(self) -> str:    # the shape as plain text, (n, 1)
        return f"({', '.join(self.dims)})"


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
class LocalView:
    kind: str           # jacobian or matrix-form
    rule: str
    rule_name: str
    lhs: str            # \frac{\partial u}{\partial v}, or the contribution's target
    value: str
    shape: str
    kink: str           # empty, or a sentence about the kink
    of: str = ""        # d of / d wrt, as plain names
    wrt: str = ""
    value_text: str = ""
    shape_text: str = ""
    held: tuple[str, ...] = ()  # a direct partial: the intermediates it holds fixed (present.steps)
    kink_label: str = "Kink in"  # the words before the kink sentence
    rules: tuple[str, ...] = ()  # the rule ids, in order (a local may use two): present.rulewords words them

    @property
    def cell(self) -> str:   # lhs = value as the steps table shows it, broken for a phone (lines)
        return cell_tex(self.lhs.removesuffix(" ="), self.value)


@dataclass(frozen=True, slots=True)
class ChainFactor:
    """One factor of a chain-rule product: its fraction and its shape, in LaTeX and as text."""

    top: str                # d top / d bottom, plain names
    bottom: str
    frac: str               # \frac{\partial top}{\partial bottom}
    shape: str              # LaTeX, (m, n)
    shape_text: str
    held: tuple[str, ...] = ()  # a direct partial: the intermediates it holds fixed


@dataclass(frozen=True, slots=True)
class ChainView:
    """The chain rule in one layout: symbolic factors, their values and their shapes."""

    lhs: str
    symbolic: str           # \frac{\partial f}{\partial b}\frac{\partial b}{\partial a}...
    values: str             # the local derivatives multiplied in order
    shapes: str             # (1, n) = (1, m)(m, m)(m, n)
    accumulations: tuple[str, ...]   # matrix form: one equation per intermediate
    shape: str = ""         # LaTeX shape of the lhs
    paths: tuple[tuple[ChainFactor, ...], ...] = ()   # the factors of each path, in the layout's order
    accumulations_text: tuple[str, ...] = ()           # matrix form, in the expression language
    accumulation_rows: tuple[tuple[str, ...], ...] = ()   # matrix form, each broken for a phone (lines)


@dataclass(frozen=True, slots=True)
class LayoutView:
    layout: Layout
    title: str
    locals: tuple[LocalView, ...]
    chain: ChainView
    product: Formula        # before substitution
    result: Formula
    result_text: str       # in the expression language
    restriction: str = ""  # by a symmetric matrix: the last step, sym(G) = R (present.symmetric)
    show_product: bool = True   # False where the simplified product repeats the chain product or the result
    assumed: str = ""      # the result before a symmetric variable's A^T = A was used (engine.assumption), LaTeX
    assumed_identity: str = ""  # that identity, LaTeX: A^T = A (several joined by commas)
    assumed_variables: tuple[str, ...] = ()    # the symmetric variables it is used for, LaTeX
    displays: Displays = NO_DISPLAYS           # the display formulas broken to fit a phone (present.lines)
    put_back: str = ""      # the product with the intermediates put back, before simplifying, LaTeX ('' if not new)
    put_back_text: str = ""     # the same in the expression language, written out, for the terminal and slides
    named_result: str = ""      # the result with repeated parts named (present.naming), LaTeX; '' without names
    named_result_text: str = ""     # the same in the expression language
    where: tuple[str, ...] = ()     # the result's names defined, one LaTeX equation each: M = ...
    where_text: tuple[str, ...] = ()    # the names the result uses, as text (the terminal writes the put-back row out)
    restriction_copy: str = ""  # the restriction step as its display sets it, with its names and "where ...", for Copy LaTeX

    @property
    def shown_result(self) -> str:
        """The result as set, LaTeX: with its names and ", where M = ..." after it, else in full."""
        return rf"{self.named_result}, \quad \text{{where }} {', '.join(self.where)}" if self.where else self.result.latex


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

    @property
    def statement_rows(self) -> tuple[str, ...]:    # f = expression as display rows, broken for a phone (lines)
        return equation_rows(self.function_latex, self.expression_latex)


def _names(problem: Problem, d: Derivation | None) -> dict[str, str]:
    return {v.name: symbol_latex(v.name, v.shape) for v in (*problem.variables, *(d.intermediates if d is not None else ()))}


def _layout_view(d: Derivation, layout: Layout, p: McLatexPrinter, names: dict[str, str],
                 naming: N.Naming = N.NO_NAMES, second: str = "") -> LayoutView:
    f, x = names[d.function], names[d.wrt]
    held = S.held_fixed(d)
    local_views = []
    for local in d.locals:
        value = L.local_value(local, layout)
        kink, kink_label = (local_kink_sentence(local.kink, p), local_kink_label(local.kink)) if local.kink else ("", "")
        named, rules = " and ".join(IDENTITIES[r].name for r in local.rules), tuple(r.value for r in local.rules)
        if local.kind is LocalKind.FORWARD:     # du/dt = the rule's form over the operands' = its value
            lhs = partial_frac(names[local.of], names[local.wrt])
            value_latex, value_text = S.forward_value(local, layout, p)
            local_views.append(LocalView(local.kind.value, local.rule.value, named, lhs, value_latex, shape_latex(
                value.shape), "", local.of, local.wrt, value_text, value.shape.label(), rules=rules))
            continue
        if local.kind is LocalKind.JACOBIAN:
            lhs = S.layout_frac(d, local.of, local.wrt, held, names, layout)
        elif local.of == d.function:    # the function's own step: not "via" anything
            lhs = S.layout_frac(d, local.of, local.wrt, held, names, layout) + " ="
        else:
            # the part of d f / d wrt that flows through this intermediate
            lhs = rf"\left.{partial_frac(f, names[local.wrt])}\right\vert_{{\text{{via }} {names[local.of]}}} ="
        local_views.append(LocalView(local.kind.value, local.rule.value, named, lhs, p.doprint(value),
                                     shape_latex(value.shape), kink, local.of, local.wrt, _text(value),
                                     value.shape.label(), held.get((local.of, local.wrt), ()), kink_label, rules))
    by_scalar = d.wrt_shape.is_scalar and not d.function_shape.is_vector_like
    lhs = vec_partial_frac(f, x, layout is Layout.NUMERATOR) if d.form is Form.VEC else partial_frac(f, x)
    lhs = f"{second} = {lhs}" if second else lhs     # a second derivative says what it is: nabla^2 f = dg/dw
    res = L.result(d, layout)
    result_latex = p.doprint(res)
    if d.paths:
        chains = [L.chain(path, layout) for path in d.paths]
        symbolic = " + ".join("".join(S.layout_frac(d, c.top, c.bottom, held, names, layout) for c in ch) for ch in chains)
        values = S.chain_product([[c.value for c in ch] for ch in chains], p)
        if S.repeats(result_latex, values):   # without its 1s and Is the product is the result again: kept, they show the rule
            values = S.chain_product([[c.value for c in ch] for ch in chains], p, units=True)
        shapes = " + ".join(r"\allowbreak ".join(shape_latex(c.shape) for c in ch) for ch in chains)  # a phone wraps
        total = shape_latex(Shape(chains[0][0].shape.rows, chains[0][-1].shape.cols) if by_scalar  # a matrix by a scalar:
                            else L.result_shape(d, layout))    # the chain gives vec of the result, a column or a row
        paths = tuple(tuple(ChainFactor(c.top, c.bottom, S.layout_frac(d, c.top, c.bottom, held, names, layout),
                                        shape_latex(c.shape), c.shape.label(), held.get((c.top, c.bottom), ())) for c in ch)
                      for ch in chains)
        chain = ChainView(lhs, symbolic, values, f"{total} = {shapes}", (), total, paths)
    else:
        # [left sides], right side, shape, [left sides as text], right side as text; intermediates that
        # receive the same value one after another share one equation (a sum's two terms: u_2 = u_1 = ...)
        groups: list[tuple[list[str], str, str, list[str], str]] = []
        forward = bool(d.locals) and d.locals[-1].kind is LocalKind.FORWARD   # its step is the product: shown once
        values = p.doprint(L.local_value(d.locals[-1], layout)) if forward else ""
        for acc in d.accumulations:
            terms = L.accumulation_terms(acc, layout)
            values = p.sum_of(terms)    # the last is d f / d wrt's
            shape = shape_latex(acc.shape if layout is Layout.DENOMINATOR else acc.shape.transpose())
            frac, text = partial_frac(f, names[acc.name]), f"d{d.function}/d{acc.name}"
            if groups and groups[-1][1:3] == (values, shape):
                groups[-1][0].append(frac)
                groups[-1][3].append(text)
            else:
                groups.append(([frac], values, shape, [text], ' + '.join(_text(t) for t in terms)))
        eqs = tuple(rf"{' = '.join(fracs)} = {rhs} \quad {shape}" for fracs, rhs, shape, _, _ in groups)
        texts = tuple(f"{' = '.join(lefts)} = {rhs}" for _, _, _, lefts, rhs in groups)
        rows = tuple(equation_rows(" = ".join(fracs), rhs, after=rf" \quad {shape}") for fracs, rhs, shape, _, _ in groups)
        chain = ChainView(lhs, "", "", "", eqs, shape_latex(L.result_shape(d, layout)), (), texts, rows)
    product = L.product(d, layout)
    title = f"{layout.value.capitalize()} layout"
    shown = Formula(p.doprint(product), shape_latex(product.shape), tuple(product.shape.as_pair()), _text(product))
    result = Formula(result_latex, shape_latex(res.shape), tuple(res.shape.as_pair()), _text(res))
    restriction, assumed = restriction_step(d, p, layout), assumed_step(d, layout, p)
    step = local_views[0].value if S.one_step(d) else ""    # one step: shown as lhs = its value
    # the rows as shown: in a row wider than a phone's line, repeated parts under their names (docs/notation.md)
    named_res = naming.for_row(res, p.doprint, once=S.one_step(d))
    res_names = naming.used([named_res])
    shown_result = p.doprint(named_res) if res_names else result.latex
    if res_names and S.repeats(shown_result, values):    # named by the steps' own names, it is the chain's product
        res_names, shown_result = (), result.latex          # again: written out, it says what the steps gave
    show_product = not S.repeats(shown.latex, values, result.latex, assumed[0], shown_result)
    back = L.put_back(d, layout, simplified=show_product)     # the steps read forward (present.steps)
    back_latex = "" if back is None or assumed[0] or S.one_step(d) else p.doprint(back)
    back_latex = "" if S.repeats(back_latex, shown.latex, values, result.latex, shown_result) else back_latex
    named_back = naming.for_row(back, p.doprint) if back_latex and back is not None else None
    back_names = () if named_back is None else naming.used([named_back])
    named = N.NamedPrinter(p, naming)     # the restriction row: sym(G) = ... = R, several trees
    shown_restriction = restriction_step(d, named, layout) if restriction and naming.names else restriction
    shown_back = p.doprint(named_back) if back_names and named_back else back_latex
    named_assumed = named_assumed_step(d, layout, p, naming)    # the page's: with the names its row uses
    shown_rows = displays(lhs, [[c.frac for c in path] for path in chain.paths], chain.values, shown.latex, shown_result,
                          step, named_assumed[0], shown_restriction, shown_back, named_assumed[1])
    # other TeX, the same rows once broken for a phone, or once named (the steps' own names: the product again)
    if back_latex and (shown_rows.put_back == shown_rows.result or S.repeats(shown_back, shown.latex, values)):
        back_latex, named_back, back_names, shown_rows = "", None, (), replace(shown_rows, put_back=())
    back_where = named_assumed[2] or N.where_rows(back_names, p.doprint)    # the assumed row stands for the put-back row
    shown_rows = replace(shown_rows, put_back_where=back_where, result_where=N.where_rows(
        named.used() if restriction else res_names, p.doprint), restriction=restriction_rows(d, named, lhs, layout))
    return LayoutView(layout, title, tuple(local_views), chain, shown, result, E.flat_text(res), restriction,
                      show_product, *assumed, shown_rows, back_latex, _text(back) if back_latex and back is not None else "",
                      shown_result if res_names else "", _text(named_res) if res_names else "",
                      tuple(f"{p.doprint(n.var)} = {p.doprint(n.definition)}" for n in res_names),
                      N.where_text(res_names), with_where(shown_restriction, named.used(), p.doprint) if restriction else "")


def _text(node: Node) -> str:
    """The expression-language form the terminal shows (products flat), or a note where there is none."""
    return E.flat_text(node, "(no text form)")


def result_view(problem: Problem, d: Derivation, v: Verification, naming: N.Naming = N.NO_NAMES, fn: str = "") -> ResultView:
    names = _names(problem, d)
    p = McLatexPrinter(names, d.function)
    own, first = (d.function, "") if d.order == 1 else (fn, d.function)   # a Hessian's is the gradient; fn: the problem's
    inters = tuple(IntermediateView(i.name, names[i.name], p.doprint(i.definition), shape_latex(i.shape), i.from_catalog,
                                    i.depends, _text(i.definition), i.shape.label(), i.name == own, i.name == first)
                   for i in d.intermediates)
    if not d.ok:
        return ResultView(d.wrt, names[d.wrt], tuple(d.function_shape.as_list()), tuple(d.wrt_shape.as_list()), False,
                          f"{d.not_derived.reason} (in {d.not_derived.subject})", inters, (), _check_views(v), (), "", False,
                          order=d.order, form=d.form.value, route=route_of(d), second=second_kind(d))
    layouts = tuple(_layout_view(d, lay, p, names, naming, second_symbol(problem, d)) for lay in Layout)
    steps = {"one_layout_note": S.ONE_LAYOUT_NOTE if S.one_layout(d) else "", "one_step": S.one_step(d),
             "same_matrix": same_matrix_note(d, v), "commutation_note": C.commutation_note(d),
             "direct_note": S.direct_note(d, names, latex=True), "direct_note_text": S.direct_note(d, names, latex=False),
             "forward_note": S.forward_note(d, names, latex=True), "forward_note_text": S.forward_note(d, names, latex=False),
             "fact_note": fact_note(problem, d, v.setup_facts, names),
             "trace_kron": S.trace_kron_step(problem.expression, d, p)}
    kinks, spots = tuple(kink_view(k, d, p) for k in d.kinks), tuple(KinkSpot(_text(k.at), k.low, k.high) for k in d.kinks)
    return ResultView(d.wrt, names[d.wrt], tuple(d.function_shape.as_list()), tuple(d.wrt_shape.as_list()), True, "",
                      inters, layouts, _check_views(v), kinks, snippet_of(problem, d), v.ok, spots,
                      d.order, d.form.value, symmetric_view(problem, d, p, names, naming), tensor_view(problem, d, names, naming),
                      route_of(d), second_kind(d), **steps)


def problem_view(problem: Problem, derivations: list[Derivation], verifications: list[Verification],
                 plots: bool = True) -> ProblemView:   # plots=False: no pictures (only pages show them)
    names = _names(problem, None)
    p = McLatexPrinter(names)
    naming = N.page_naming(problem, derivations, lambda node: width(p.doprint(node)))
    function, fshape = (derivations[0].function, derivations[0].function_shape) if derivations else ("f", E.shapes.SCALAR)
    results = tuple(result_view(problem, d, v, naming, function) for d, v in zip(derivations, verifications, strict=True))
    rules = sorted({r.value for d in derivations for local in d.locals for r in local.rules} | S.first_step_rules(results))
    title = title_view(problem)
    summary, source = plain_math(problem.summary), plain_math(source_text(problem.source))   # plain text, as the title's
    return ProblemView(problem.id, title.text, summary, problem.tags, source, problem.topic,
                       tuple(VariableView(v.name, names[v.name], shape_latex(v.shape), N.kind(v.shape),
                                          tuple(a.value for a in v.assume), v.shape.label()) for v in problem.variables),
                       problem.expression_text, p.doprint(problem.expression), symbol_latex(function, fshape),
                       results, all(r.ok for r in results), tuple(rules), function,
                       plot_views(problem, derivations) if plots else (),
                       problem.layout.value if problem.layout else "", problem.keywords, title.spans, operations(problem),
                       erratum_views(problem, derivations, verifications, names, function, naming), function_key(problem),
                       statement.setup_rows(problem, names))


def report_view(problem: Problem, derivations: list[Derivation], verifications: list[Verification]) -> ProblemView:
    """What `check` reads of a problem's view, and only that: each result's checks, kinks and formula in
    both layouts (its summary line, failure messages and JSON report, publish.report); the steps,
    snippets, page text and pictures are left empty (problem_view: a tenth of the check's work)."""
    names = _names(problem, None)
    results = []
    for d, v in zip(derivations, verifications, strict=True):
        p = McLatexPrinter(_names(problem, d), d.function)
        layouts = ()
        if d.ok:
            layouts = tuple(LayoutView(lay, "", (), ChainView("", "", "", "", ()), Formula("", ""),
                                       Formula(p.doprint(res), "", tuple(res.shape.as_pair())), E.flat_text(res))
                            for lay in Layout for res in [L.result(d, lay)])
        why = "" if d.ok else f"{d.not_derived.reason} (in {d.not_derived.subject})"
        results.append(ResultView(d.wrt, names[d.wrt], tuple(d.function_shape.as_list()), tuple(d.wrt_shape.as_list()),
                                  d.ok, why, (), layouts, _check_views(v),
                                  tuple(kink_view(k, d, p) for k in d.kinks) if d.ok else (),
                                  "", v.ok if d.ok else False, order=d.order, form=d.form.value, second=second_kind(d)))
    return ProblemView(problem.id, "", "", (), "", problem.topic, (), problem.expression_text, "", "",
                       tuple(results), all(r.ok for r in results), ())
