"""The identities page's view records: each rule's example, as the engine derived it and the checks
verified it, printed by the one printer."""

from __future__ import annotations

from dataclasses import dataclass

from mcdocgen.catalog import Problem
from mcdocgen.checks.results import Verification
from mcdocgen.engine.derive import Derivation
from mcdocgen.engine.identities import IDENTITIES
from mcdocgen.engine.rules import RuleId
from mcdocgen import language as E
from mcdocgen.language import Form, Layout, Node
from mcdocgen.present.commutation import SYMBOL
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.symbols import partial_frac, shape_latex, symbol_latex, vec_partial_frac

COMMUTATION = r"\commutation"     # a note's commutation matrix (engine.identities): written in the pages' symbol

# a function written bare after \partial; anything else gets brackets: \partial (u + v)
_BARE = (E.Var, E.Func, E.Sum, E.Mean, E.Norm, E.Trace, E.Det, E.Inv, E.Diag, E.Dot, E.Outer, E.Maximum, E.Index,
         E.Softmax, E.LogSumExp, E.Norm1, E.LogDet)


@dataclass(frozen=True, slots=True)
class CheckLine:
    name: str
    status: str                 # the CheckStatus label


@dataclass(frozen=True, slots=True)
class IdentityView:
    """One rule on the identities page: its example derived in both layouts, and how it was checked."""

    id: str                     # the RuleId value: the page anchor problem pages link to
    name: str
    variables: tuple[str, ...]  # LaTeX, "\mathbf{x} \in (n, 1)"
    numerator: str              # LaTeX equation: d f / d x = the derived result, numerator layout
    denominator: str
    states: str                 # LaTeX equation: the stated result the derived one was checked against
    note: str                   # Markdown with math
    checks: tuple[CheckLine, ...]
    ok: bool


def identity_view(rule: RuleId, problem: Problem, d: Derivation, v: Verification) -> IdentityView:
    """One rule's example ``problem`` (its stated result as the expected answer), derived as ``d`` and
    verified as ``v``, printed."""
    ident = IDENTITIES[rule]
    names = {x.name: symbol_latex(x.name, x.shape) for x in problem.variables}
    p = McLatexPrinter(names)
    f = p.doprint(problem.expression)
    if d.form is Form.VEC:      # d vec F / d (vec X)^T, as the problem pages that link here write it (review s35 item 4)
        top = problem.expression.arg if isinstance(problem.expression, E.Vec) else problem.expression
        vec = p.doprint(top) if isinstance(top, E.Var) else rf"\left({p.doprint(top)}\right)"
        lhs = {lay: vec_partial_frac(vec, names[ident.wrt], lay is Layout.NUMERATOR) for lay in Layout}
    else:
        lhs = dict.fromkeys(Layout, partial_frac(f if isinstance(problem.expression, _BARE) else rf"\left({f}\right)",
                                                 names[ident.wrt]))

    def equation(node: Node | None, layout: Layout = Layout.DENOMINATOR) -> str:
        return f"{lhs[layout]} = {p.doprint(node)}" if node is not None else ""

    return IdentityView(
        rule.value, ident.name,
        tuple(rf"{names[x.name]} \in {shape_latex(x.shape)}" for x in problem.variables),
        equation(d.numerator, Layout.NUMERATOR), equation(d.result), equation(problem.expected[ident.wrt].node),
        ident.note.replace(COMMUTATION, SYMBOL),
        tuple(CheckLine(name.value, c.status.value) for name, c in v.checks().items()), d.ok and v.ok)

