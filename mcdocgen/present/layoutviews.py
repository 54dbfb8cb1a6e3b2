"""One layout's view of a derivation: its local derivatives, the chain that multiplies them, the product and the
result, each in LaTeX and in the expression language, and as rows broken for a phone.

present.views puts a result's two layouts (numerator, denominator) into its ResultView; nothing here derives again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from mcdocgen import language as E
from mcdocgen.engine import layout as L
from mcdocgen.engine.derive import Derivation, LocalKind
from mcdocgen.engine.identities import IDENTITIES
from mcdocgen.language import Form, Layout, Node
from mcdocgen.language.shapes import Shape
from mcdocgen.present import naming as N, putback as PB, steps as S, substitution as SU, wherelines as W
from mcdocgen.present.displays import NO_DISPLAYS, Displays, displays
from mcdocgen.present.factors import numbers_into_fractions
from mcdocgen.present.kinknotes import local_kink_label, local_kink_sentence
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.namedprinter import NamedPrinter
from mcdocgen.present.facts import listed
from mcdocgen.present.owntranspose import TransposeNote, kept, transpose_note
from mcdocgen.present.lines import cell_tex, equation_rows
from mcdocgen.present.symbols import partial_frac, shape_latex, vec_partial_frac
from mcdocgen.present.symmetric import (assumed_form, assumed_step, named_assumed_rows, named_assumed_step, restriction_rows,
                                        restriction_step, with_where)


@dataclass(frozen=True, slots=True)
class Formula:
    latex: str
    shape: str          # LaTeX, e.g. (n, 1)
    dims: tuple[str, ...] = ("1", "1")   # (rows, cols)
    text: str = ""      # in the expression language ('' where it has no text form)

    @property
    def shape_text(self) -> str:    # the shape as plain text, (n, 1)
        return f"({', '.join(self.dims)})"


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
    put_back_label: str = ""    # the intermediates the put-back row puts back, where it keeps others (present.putback)
    named_put_back: str = ""    # the put-back row as the page shows it, with its names, LaTeX (the handout's row)
    put_back_where: tuple[str, ...] = ()    # the names that row writes, one LaTeX equation each
    put_back_names: tuple[str, ...] = ()    # the names that row writes (the page's and the problem's), plain, sorted
    where_names: tuple[str, ...] = ()   # the names the result defines (where, where_text), plain, in definition order
    # the row above the Result writes C^T for C = D^T D, the Result C: "Since C = D^T D, C^T = C" (present.owntranspose)
    transpose_note: TransposeNote | None = None
    # the chain rows write C, the simplified product C^T: "Since C = D^T D, C^T = C", said before the product
    product_transpose_note: TransposeNote | None = None
    named_put_back_text: str = ""   # the put-back row as the page shows it, with its names, as text (the terminal's)
    # the assumed row and its identities as text (the terminal's): the page's "Intermediates put back" row before
    # "Since S is symmetric (S^-T = S^-1), the result reads:"
    assumed_text: str = ""
    assumed_note_text: str = ""
    # the Result writes f's part where the row above writes f, or s over e and t: "Since f = exp(g)" (present.substitution)
    substitution_note: SU.SubstitutionNote | None = None

    @property
    def shown_result(self) -> str:
        """The result as set, LaTeX: with its names and ", where M = ..." after it, else in full."""
        return W.with_where_line(self.named_result, self.where) if self.where else self.result.latex


def layout_view(d: Derivation, layout: Layout, p: McLatexPrinter, names: dict[str, str],
                 naming: N.Naming = N.NO_NAMES, second: str = "", earlier: frozenset[str] = frozenset()) -> LayoutView:
    """``earlier``: the names the page's earlier Results define, written in this one too (one naming a page)."""
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
                                     shape_latex(value.shape), kink, local.of, local.wrt, text_form(value),
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
                groups.append(([frac], values, shape, [text], ' + '.join(text_form(t) for t in terms)))
        eqs = tuple(rf"{' = '.join(fracs)} = {rhs} \quad {shape}" for fracs, rhs, shape, _, _ in groups)
        texts = tuple(f"{' = '.join(lefts)} = {rhs}" for _, _, _, lefts, rhs in groups)
        rows = tuple(equation_rows(" = ".join(fracs), rhs, after=rf" \quad {shape}") for fracs, rhs, shape, _, _ in groups)
        chain = ChainView(lhs, "", "", "", eqs, shape_latex(L.result_shape(d, layout)), (), texts, rows)
    # the simplified product the way round the chain rows write a name that is its own transpose (C = D^T D):
    # no step C^T = C of its own to say (present.owntranspose)
    definitions = _definitions(d, naming)
    product = _product(d, layout, definitions[0])
    title = f"{layout.value.capitalize()} layout"
    shown = Formula(p.doprint(product), shape_latex(product.shape), tuple(product.shape.as_pair()), text_form(product))
    result = Formula(result_latex, shape_latex(res.shape), tuple(res.shape.as_pair()), text_form(res))
    restriction, assumed = restriction_step(d, p, layout), assumed_step(d, layout, p)
    step = local_views[0].value if S.one_step(d) else ""    # one step: shown as lhs = its value
    # the rows as shown: in a row wider than a phone's line, repeated parts under their names (docs/notation.md)
    other = next(lay for lay in Layout if lay is not layout)     # one set of names in both layouts (naming.for_row)
    named_res = naming.for_row(res, p.doprint, once=S.one_step(d), also=[L.result(d, other)])
    res_names = naming.used([named_res])
    shown_result = p.doprint(named_res) if res_names else result.latex
    if res_names and S.repeats(shown_result, values):
        # named by the steps' own names it is the chain's product again (layer norm's diag(z)): the names but
        # those (diag(u / s), where u, s), else written out, which says what the steps gave
        spared = _spared(naming, E.free_vars(named_res) & {n.var.name for n in res_names})
        named_res = spared.for_row(res, p.doprint, once=S.one_step(d), also=[L.result(d, other)])
        res_names = spared.used([named_res])
        shown_result = p.doprint(named_res) if res_names else result.latex
        if res_names and S.repeats(shown_result, values):
            res_names, shown_result = (), result.latex
    # a name an earlier Result of the page defines (the gradient's p) stands here too where its part does, the
    # Hessian's X^T diag(p o (1 - p)) X and not sigma(X w) o (1 - sigma(X w)) below X^T (p - y): one naming a page,
    # even where the Result is then the chain's product again (its "where" line says what p is)
    page = {name for name in earlier & {n.var.name for n in naming.names} - {n.var.name for n in res_names}
            if PB.count(PB.with_names(res, naming, {name}), name)}
    if page and not assumed[0]:
        named_res = PB.with_names(res, naming, page | {n.var.name for n in res_names})
        res_names = naming.used([named_res])
        shown_result = p.doprint(named_res)
    show_product = not S.repeats(shown.latex, values, result.latex, assumed[0], shown_result)
    back = _put_back(d, layout, show_product, definitions[0])     # the steps read forward (present.steps)
    back = None if back is None or assumed[0] or S.one_step(d) else PB.untangled(back)
    # the rows between the product and the Result (the put-back row, or the form before A^T = A) and the Result:
    # one naming decision, the Result's names, which it takes from a row where they pay in it (present.putback)
    also = [PB.untangled(row) for row in [_put_back(d, other, show_product, definitions[0])] if row is not None]
    before = assumed_form(d, layout) if assumed[0] else None
    named_back = None if back is None else naming.for_row(back, p.doprint, also=also)
    # (a row named as the product again puts back what the Result does not write: it gives the Result no name)
    between = [(back, named_back)] if back is not None and named_back is not None \
        and not S.repeats(p.doprint(named_back), shown.latex, values) else []
    between += [] if before is None else [(before, naming.for_row(before, p.doprint))]
    keep = PB.shared_names(res, named_res if res_names else res, between, naming, p.doprint)
    if keep - {n.var.name for n in res_names}:
        wider = PB.with_names(res, naming, keep)
        if not S.repeats(p.doprint(wider), values, shown.latex):    # never the product again
            named_res, res_names, shown_result = wider, naming.used([wider]), p.doprint(wider)
    # and the function's own name, the problem's, met in its statement (det-power's row over f = det(X^3))
    keep = (PB.row_names(named_res, naming) if res_names else frozenset()) | {d.function}
    if back is not None and named_back is not None:
        named_back = PB.written_with(back, named_back, naming, keep)
        if S.repeats(p.doprint(named_back), shown.latex, values):    # the product again: the names the Result
            named_back = PB.with_names(back, naming, keep)          # does not write put back (neuron-loss's v)
    shown_back = "" if named_back is None else p.doprint(named_back)
    back_latex = "" if back is None else p.doprint(back)
    # a row that writes C^T where the Result writes C (C = D^T D) takes a step of its own, said before the Result,
    # even where, written out, it is the Result again (the Gaussian's numerator: U_7 put back, then C^T = C)
    results = _results(d, res, named_res)
    back_note = None if named_back is None else transpose_note(named_back, results, *definitions, p)
    if (S.repeats(back_latex, shown.latex, values, result.latex, shown_result) and back_note is None) \
            or S.repeats(shown_back, shown.latex, values, result.latex, shown_result):
        back, named_back, shown_back, back_latex = None, None, "", ""
    back_names = () if named_back is None else naming.used([named_back])
    named = NamedPrinter(p, naming)     # the restriction row: sym(G) = ... = R, several trees
    shown_restriction = restriction_step(d, named, layout) if restriction and naming.names else restriction
    assumed_rows = named_assumed_rows(d, layout, p, naming, keep)
    named_assumed = named_assumed_step(assumed_rows, p, naming)    # the page's: with the Result's names it uses
    shown_rows = displays(lhs, [[c.frac for c in path] for path in chain.paths], chain.values, shown.latex, shown_result,
                          step, named_assumed[0], shown_restriction, shown_back, named_assumed[1])
    # other TeX, the same rows once broken for a phone, or once named (the steps' own names: the product again)
    if back_latex and shown_rows.put_back == shown_rows.result:
        back_latex, named_back, back_names, shown_rows = "", None, (), replace(shown_rows, put_back=())
    label = "" if named_back is None else PB.put_back_label(product, named_back, [   # f's value is no intermediate
        E.var(i.name, i.value.shape) for i in d.intermediates if i.name != d.function], p.doprint)
    back_where = named_assumed[2] or W.where_rows(back_names, p.doprint)    # the assumed row stands for the put-back row
    result_where = W.where_rows(named.used() if restriction else res_names, p.doprint)
    # the simplified product already writes C^T where the chain rows write C: the step is the product's, said there
    chain_rows = [L.local_value(local, layout) for local in d.locals]
    product_note = transpose_note(product, chain_rows, *definitions, p, "simplified product") \
        if show_product and not named_assumed[0] and chain_rows else None
    above = None if named_assumed[0] else named_back if back_latex else product if show_product else None
    note = back_note if above is not None and above is named_back else transpose_note(above, results, *definitions, p)
    # said with the product just above the Result: not twice in a row; a put-back row between takes the step again
    note = None if note is not None and product_note is not None and note.given == product_note.given \
        and above is product else note
    # the Result writes out a name the row above writes, or writes one over its names: said with the table's
    # definition (present.substitution)
    substituted = None if named_assumed[0] else SU.substitution_note(
        named_back if back_latex else product, [named_res, *(n.definition for n in res_names)],
        {i.name: i.definition for i in d.intermediates}, p)
    # the row just above defines the very same names (its "where" block): said once, not twice in a row; under the
    # Result where the sentence stands between them, which states a definition ("Since C = D^T D") of its own
    if (back_latex or named_assumed[0]) and result_where == back_where:
        back_where, result_where = ((), result_where) if note is not None and back_latex else (back_where, ())
    shown_rows = replace(shown_rows, put_back_where=back_where, result_where=result_where,
                         restriction=restriction_rows(d, named, lhs, layout))
    return LayoutView(layout, title, tuple(local_views), chain, shown, result, E.flat_text(res), restriction,
                      show_product, *assumed, shown_rows, back_latex, text_form(back) if back_latex and back is not None else "",
                      shown_result if res_names else "", text_form(named_res) if res_names else "",
                      W.where_equations(res_names, p.doprint),
                      W.where_text(res_names), with_where(shown_restriction, named.used(), p.doprint) if restriction else "",
                      label, shown_back if back_latex else "",
                      W.where_equations(back_names, p.doprint) if back_latex else (),
                      tuple(sorted(E.free_vars(named_back))) if back_latex and named_back is not None else (),
                      tuple(n.var.name for n in res_names), note, product_note,
                      text_form(named_back) if back_latex and named_back is not None else "",
                      *_assumed_text(d, assumed_rows), substituted)


def _assumed_text(d: Derivation, rows: tuple[Node, tuple[tuple[Node, Node], ...]] | None) -> tuple[str, str]:
    """The assumed row and the sentence after it as the terminal writes them, from the page's own (its names,
    M^T = M): "since S is symmetric (inv(S).T = inv(S)), the result reads:"."""
    if rows is None or d.symmetry_step is None:
        return "", ""
    named, pairs = rows
    symmetric = sorted(v.name for v in d.symmetry_step.variables)
    identities = ", ".join(dict.fromkeys(f"{text_form(a)} = {text_form(b)}" for a, b in pairs))
    return text_form(named), (f"since {listed(symmetric)} {'is' if len(symmetric) == 1 else 'are'} symmetric "
                              f"({identities}), the result reads:")


def _product(d: Derivation, layout: Layout, definitions: Mapping[str, Node]) -> Node:
    """The simplified product, its own-transpose names the way round the layout's chain rows write them (kept)."""
    return kept(L.product(d, layout), [L.local_value(local, layout) for local in d.locals], definitions)


def _put_back(d: Derivation, layout: Layout, simplified: bool, definitions: Mapping[str, Node]) -> Node | None:
    """engine.layout.put_back, but of the product as the page shows it (_product) where ``simplified``."""
    return L.put_back(d, layout, simplified, lambda: _product(d, layout, definitions))


def _results(d: Derivation, res: Node, named_res: Node) -> list[Node]:
    """The forms a page's Result shows: written out and named, and G and R where it restricts to symmetric matrices."""
    return [res, named_res, *(() if d.symmetric is None else (d.symmetric.unconstrained, d.symmetric.result))]


def _definitions(d: Derivation, naming: N.Naming) -> tuple[dict[str, Node], dict[str, Node]]:
    """Each name's definition as the page gives it (the table's intermediates, the page's names over earlier
    names), and the same written out in the declared variables."""
    definitions = {i.name: i.definition for i in d.intermediates} | {n.var.name: n.definition for n in naming.names}
    written = {i.name: i.value for i in d.intermediates} | {n.var.name: naming.put_back(n.var) for n in naming.names}
    return definitions, written


def text_form(node: Node) -> str:
    """The expression-language form the terminal shows (products flat, a number in front of a fraction written into it
    as the page writes it: factors.numbers_into_fractions), or a note where there is none."""
    return E.text_or_why(numbers_into_fractions(node))


def _spared(naming: N.Naming, spare: frozenset[str]) -> N.Naming:
    """The page's names without ``spare`` where no other name's definition uses one of them, else none at all."""
    kept = [n for n in naming.names if n.var.name not in spare]
    if any(E.free_vars(n.definition) & spare for n in kept):
        return N.NO_NAMES
    return replace(naming, names=tuple(kept), replaced=tuple(r for r in naming.replaced if r[1].name not in spare),
                   steps=naming.steps - spare, held=tuple(h for h in naming.held if h[1].name not in spare))
