"""The "Tensor form" of a result as view records: the differential with its steps, the vec form read off
it in both layouts, and the index form, each printed from the engine's computation (never copied)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

import sympy

from mcdocgen.catalog import Problem
from mcdocgen.engine.derive import Derivation
from mcdocgen.engine.differential import NoDifferential, differential_steps, dname, dvar
from mcdocgen.engine.identities import IDENTITIES
from mcdocgen.engine.index_form import Factor, Idx, IndexTerm, index_form
from mcdocgen.engine.linear_terms import Canonical, NotCanonical, Term, TermKind, canonical, canonical_node, signed
from mcdocgen.engine.readoff import applies, readoff
from mcdocgen.engine.refold import by_name
from mcdocgen.engine.rule_names import step_rules
from mcdocgen.engine.rules import RuleId
from mcdocgen import language as E
from mcdocgen.language import Layout, Node, Transpose, Var, walk
from mcdocgen.language.shapes import Shape
from mcdocgen.present.changes import change_last
from mcdocgen.present.commutation import commutation_latex, definition
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.symbols import partial_frac, shape_latex, vec_partial_frac
from mcdocgen.present.index_letters import PrintedTerm, index_letters, joined, page_letters
from mcdocgen.present.lines import equation_rows, expression_rows
from mcdocgen.present.naming import Naming


# how a page names each canonical kind: its pattern, in the differential dx of the variable
KIND_LATEX = {
    TermKind.SANDWICH: r"L\,{dx}\,R",
    TermKind.TRANSPOSED: r"L\,{dx}^{{\top}} R",
    TermKind.HADAMARD: r"P \left(M \circ \left(L\,{dx}\,R\right)\right) Q",
    TermKind.TRACE: r"C \operatorname{{tr}}\mathopen{{}}\left(G^{{\top}} {dx}\right)",
}
SCALAR_TRACE_LATEX = r"C\,{dx}"     # the trace kind by a scalar: a constant times dt
# the vec identity that reads each kind off (Magnus and Neudecker), for the page's "read off with"
VEC_LATEX = {
    TermKind.SANDWICH: r"\operatorname{{vec}}(L\,{dx}\,R) = (R^{{\top}} \otimes L) \operatorname{{vec}}{dx}",
    TermKind.TRANSPOSED: r"\operatorname{{vec}}(L\,{dx}^{{\top}} R) = (R^{{\top}} \otimes L)\,{k} \operatorname{{vec}}{dx}",
    TermKind.HADAMARD: r"\operatorname{{vec}}(M \circ Y) = \operatorname{{diag}}(\operatorname{{vec}} M) "
                       r"\operatorname{{vec}} Y",
    TermKind.TRACE: r"\operatorname{{vec}}(C \operatorname{{tr}}(G^{{\top}} {dx})) = \operatorname{{vec}} C\, "
                    r"(\operatorname{{vec}} G)^{{\top}} \operatorname{{vec}}{dx}",
}


#: the Hadamard kind where no term has the factors outside the mask: M o (L dx R), not P (...) Q with letters
#: the page never shows (review s36 C-3)
BARE_HADAMARD_LATEX = r"M \circ \left(L\,{dx}\,R\right)"


def _kind_latex(term: Term, dx: str, scalar: bool) -> str:
    kind = term.kind
    pattern = SCALAR_TRACE_LATEX if scalar and kind is TermKind.TRACE else KIND_LATEX[kind]
    if kind is TermKind.HADAMARD and term.pre is None and term.post is None:
        pattern = BARE_HADAMARD_LATEX
    return pattern.format(dx=dx)


@dataclass(frozen=True, slots=True)
class DifferentialStepView:
    """One intermediate's differential by its operands' differentials, and the rule it used."""

    lhs: str            # \mathrm{d}u
    value: str
    shape: str
    rule: str           # the identity's anchor
    rule_name: str


@dataclass(frozen=True, slots=True)
class JacobianView:
    """The vec form (or a matrix by a scalar) in one layout."""

    layout: str
    latex: str
    shape: str
    text: str = ""          # in the expression language (kron, commutation, vec), for the terminal
    shape_text: str = ""    # (pq, mn) as plain text
    lhs: str = ""           # "d vec F / d (vec X)^T = " in vec form; empty for a matrix by a scalar
    rows: tuple[str, ...] = ()  # lhs and latex as display rows (present.lines)
    reduced: str = ""           # the steps' result where it prints otherwise than the read-off (handouts: = it)


@dataclass(frozen=True, slots=True)
class TensorView:
    """The three notations of one derivative; ``available`` False says why there is no read-off."""

    available: bool
    reason: str
    steps: tuple[DifferentialStepView, ...]
    differential: str           # \mathrm{d}F = ... in dX only, as derived
    terms: str                  # the same as canonical terms
    kinds: tuple[str, ...]      # each term's kind, as its LaTeX pattern (L dX R, ...)
    readoffs: tuple[str, ...]   # the vec identity of each kind present, in the same order
    transposed: bool            # a term has dX^T: the page defines the commutation matrix, ``commutation``
    jacobians: tuple[JacobianView, ...]
    index: str                  # \frac{\partial F_{ij}}{\partial X_{kl}} = ... (of vec(F)'s matrix if F = vec(Y))
    by_scalar: bool             # a matrix by a scalar (no vec)
    function: str               # F's symbol
    wrt: str                    # X's symbol
    indices: str = "four"           # how many indices the full derivative has, in words (a side of size 1 has none)
    differential_text: str = ""     # dF in the expression language, d(X) for the differential
    rows: tuple[str, ...] = ()      # dF = differential = terms, as display rows (present.lines)
    index_rows: tuple[str, ...] = ()    # the index form as display rows
    commutation: str = ""           # the sentence defining the read-off's commutation matrix, with X's sizes
    delta: tuple[str, str] = ("i", "k")     # the letters the Kronecker delta is defined with: the page's own


def _d(symbol: str, shape: Shape) -> str:
    """The differential of a symbol in a kind's pattern: in brackets unless a scalar, L (dX) R (a factor may follow
    it there; the printer brackets a printed one only where one does, McLatexPrinter._followed)."""
    return rf"\mathrm{{d}}{symbol}" if shape.is_scalar else rf"(\mathrm{{d}}{symbol})"


_BOLD = re.compile(r"\\(?:mathbf|boldsymbol)\{([^{}]*)\}")


def entry_latex(symbol: str, sub: str) -> str:
    """``X_{kl}``; a symbol with a subscript of its own in brackets, ``(X_{1})_{kl}`` (a double
    subscript is not TeX). An entry is a number: a bold vector's entries are plain, ``a_{k}`` as
    books write them (review s36 C-10)."""
    if not sub:
        return symbol
    symbol = _BOLD.sub(r"\1", symbol)
    return f"({symbol})_{{{sub}}}" if "_" in symbol else f"{symbol}_{{{sub}}}"


_WORDS = {2: "two", 3: "three", 4: "four"}


def _indices(function: Shape, wrt: Shape) -> str:
    """The full derivative's number of indices in words: one for each side of size other than 1 (a vector-valued
    function by a matrix has three, f_i by W_kl)."""
    count = sum(1 for size in (function.rows, function.cols, wrt.rows, wrt.cols) if size != 1)
    return _WORDS.get(count, str(count))


def _index_label(name: str, first: str, second: str, shape: Shape) -> str:
    """An entry's subscript, the index of a size-1 side dropped."""
    return entry_latex(name, "".join(i for i, size in ((first, shape.rows), (second, shape.cols)) if size != 1))


def _factor(f: Factor, p: McLatexPrinter, sides: dict[Idx, bool], letters: dict[Idx, str]) -> str:
    kept = [i for i in (f.first, f.second) if sides[i]]
    sub = "".join(letters[i] for i in kept)
    if f.matrix is None:
        return rf"\delta_{{{sub}}}" if len(kept) == 2 else ""
    m, first, second = f.matrix, f.first, f.second
    if isinstance(p, _SetUpNames):   # a set-up name is a symbol: a_{k}, not (a)_{k}
        m = p.setup.apply(m)
    if isinstance(m, Transpose):     # (A^T)_{ik} is A_{ki}
        m, first, second = m.arg, second, first
        sub = "".join(letters[i] for i in (first, second) if sides[i])
    if len(kept) == 2 and (sides_of := _outer(m)) is not None:    # (a b^T)_{ij} is a_i b_j, as books write it
        entries = [_entry(sides_of[0], p, letters[first]), _entry(sides_of[1], p, letters[second])]
        return r"\,".join(entries if first == f.first else entries[::-1])    # the entry's own first index first
    return _entry(m, p, sub)


def _entry(m: Node, p: McLatexPrinter, sub: str) -> str:
    body = p.doprint(m)
    if not isinstance(m, Var):
        body = rf"\left({body}\right)"
        return f"{body}_{{{sub}}}" if sub else body
    return entry_latex(body, sub)


def _outer(m: Node) -> tuple[Node, Node] | None:
    """The two vectors of an outer product u v^T (the second as the column v), None for any other matrix."""
    if isinstance(m, E.MatMul) and m.left.shape.is_column and m.right.shape.is_row:
        return m.left, m.right.arg if isinstance(m.right, Transpose) else m.right
    return None


def _index_latex(terms: tuple[IndexTerm, ...], p: McLatexPrinter, c: Canonical, letters: dict[Idx, str]) -> str:
    sides = _sides(c)
    out = []
    for t, term in zip(terms, c.terms, strict=True):
        inner = term.mask.shape if term.mask is not None else c.function_shape
        sides |= {Idx.A: inner.rows != 1, Idx.B: inner.cols != 1}
        factors = tuple(s for s in (_factor(f, p, sides, letters) for f in t.factors) if s)
        summed = [letters[i] for i in t.summed if sides[i]]
        if summed:
            product = r"\,".join(factors) or "1"
            factors = (rf"\sum_{{{','.join(summed)}}} {product}",)
        minus, rest = signed(t.coefficient)
        out.append((PrintedTerm(minus, "" if rest is None else p.wrap(rest, 2), factors, bool(summed)), rest))
    rests = {rest for _, rest in out}
    single = rests.pop() if len(rests) == 1 else None     # 1 / c for every term: written once, under the bar
    over = p.doprint(single.right) if isinstance(single, E.Div) and single.left == E.num(1) else None
    return joined([t for t, _ in out], over)


def _sides(c: Canonical) -> dict[Idx, bool]:
    """Which of the four indices are printed: those of a side of size other than 1."""
    return {Idx.I: c.function_shape.rows != 1, Idx.J: c.function_shape.cols != 1,
            Idx.K: c.wrt_shape.rows != 1, Idx.L: c.wrt_shape.cols != 1}


def _collected(node: Node, p: McLatexPrinter) -> Node:
    """A read-off sum with its terms that print alike counted, 3 x^2 A^3 for x^2 A^3 + x^2 A^3 + x^2 A^3
    (three orders of one product): a reader is not left to add them; the terms are the differential's, above."""
    if not isinstance(node, E.Add):
        return node
    firsts: dict[str, Node] = {}
    counts: dict[str, int] = {}
    for t in node.terms:
        key = p.doprint(t)
        firsts.setdefault(key, t)
        counts[key] = counts.get(key, 0) + 1
    if len(counts) == len(node.terms):
        return node
    terms = [firsts[key] if k == 1 else E.mul(E.num(k), firsts[key]) for key, k in counts.items()]
    return E.add(*terms) if len(terms) > 1 else terms[0]


def _step_view(lhs: str, value: str, shape: str, rules: tuple[RuleId, ...]) -> DifferentialStepView:
    """A differential step, named as the forward and backward routes name it (engine.rule_names)."""
    return DifferentialStepView(lhs, value, shape, rules[0].value, " and ".join(IDENTITIES[r].name for r in rules))


def tensor_view(problem: Problem, d: Derivation, names: dict[str, str], naming: Naming | None = None) -> TensorView | None:
    """The tensor section of a result (None where it does not apply); ``naming``: the page's, whose results write the
    function's value by the function's name (a, for softmax(s) in diag(a) - a a^T) or do not (X^-1, not F)."""
    if not applies(d):
        return None
    wrt = next(n for n in walk(problem.expression) if isinstance(n, Var) and n.name == d.wrt)
    shapes = {v.name: v.shape for v in problem.variables} | {i.name: i.shape for i in d.intermediates}
    p = McLatexPrinter({**names, **{dname(n): rf"\mathrm{{d}}{names[n]}" for n in shapes if n in names}}, d.function)
    f, x = names[d.function], names[d.wrt]
    empty = TensorView(False, "", (), "", "", (), (), False, (), "", d.wrt_shape.is_scalar, f, x,
                       _indices(d.function_shape, d.wrt_shape))
    changing = frozenset({d.wrt, *(i.name for i in d.intermediates if i.depends)})
    own = naming is not None and any(n.var.name == d.function for n in naming.names)   # the function's name, as the results
    try:
        steps = tuple(_step_view(rf"\mathrm{{d}}{names[s.name]}",
                                 p.doprint(change_last(_own_name(d, s.name, s.value) if own or s.name != d.function
                                                       else s.value)),
                                 shape_latex(s.value.shape),
                                 step_rules(d.intermediate(s.name).definition, changing, s.rule))
                      for s in differential_steps(d.intermediates, d.wrt))
    except NoDifferential as exc:
        return _unavailable(empty, f"{exc.reason}, in {exc.subject}")
    c = canonical(problem.expression, wrt)
    if isinstance(c, NotCanonical):
        return _unavailable(empty, f"{c.reason}, in {c.subject}")
    # the problem's set-up names for their values (a = softmax(s)), as its steps write them; the function's own
    # where the results write it so (da = (diag(a) - a a^T) ds), never for the whole of a printed form
    setup = Naming(replaced=tuple((i.value, E.var(i.name, i.shape, intermediate=True)) for i in reversed(d.intermediates)
                                  if i.from_catalog and (own or i.name != d.function)))
    try:
        # the index letters avoid every letter the page's names, their subscripts and the sizes use (d_k: k)
        reserved = page_letters([*names.values(), *(sympy.latex(size) for s in shapes.values() for size in (s.rows, s.cols))])
        return _available(c, _SetUpNames(p, setup, problem.expression) if setup.replaced else p, wrt, steps, f, x,
                          {Layout.NUMERATOR: d.numerator, Layout.DENOMINATOR: d.result}, reserved)
    except E.ExprError as exc:      # a read-off's shapes do not fit: say so rather than show a wrong form
        return _unavailable(empty, f"the read-off could not be formed ({exc})")


def _own_name(d: Derivation, name: str, value: Node) -> Node:
    """A local differential with its intermediate's definition written as its name, as the forward steps write
    it: da = a * ds - a a^T ds for a = softmax(s), dU = -U dA U for U = inv(A)."""
    item = d.intermediate(name)
    return by_name(value, item.definition, E.var(item.name, item.shape, intermediate=True))


class _SetUpNames(McLatexPrinter):
    """Prints a tree with the problem's set-up names put in for their values (review s34 item 4); a form that is
    the whole function is printed as it is (its name would say nothing)."""

    def __init__(self, base: McLatexPrinter, setup: Naming, whole: Node) -> None:
        super().__init__(base.names, base.function)
        self.setup = setup
        self.whole = whole

    def _named(self, node: Node) -> Node:
        return node if node == self.whole else self.setup.apply(node)

    def doprint(self, expr: object) -> str:
        return super().doprint(self._named(expr) if isinstance(expr, Node) else expr)

    def wrap(self, node: Node, level: int) -> str:
        return super().wrap(self._named(node), level)


def _available(c: Canonical, p: McLatexPrinter, wrt: Var, steps: tuple[DifferentialStepView, ...], f: str,
               x: str, results: dict[Layout, Node | None], reserved: frozenset[str]) -> TensorView:
    dx = dvar(wrt)
    sides = _sides(c)
    letters = index_letters([i for i, printed in sides.items() if printed], reserved)
    lhs = rf"\frac{{\partial {_index_label(f, letters[Idx.I], letters[Idx.J], c.function_shape)}}}" \
          rf"{{\partial {_index_label(x, letters[Idx.K], letters[Idx.L], c.wrt_shape)}}}"
    shown = change_last(E.vec(c.differential) if c.vectorized else c.differential)    # F = vec(Y): dF = vec(dY)
    terms = canonical_node(c, dx)
    if isinstance(terms, E.Mul) and isinstance(terms.left, E.Add):    # (x^2 A^3 + x^2 A^3) dx: 2 x^2 A^3 dx
        terms = E.mul(_collected(terms.left, p), terms.right)
    terms = E.vec(terms) if c.vectorized else terms
    read = {lay: readoff(c, lay) for lay in Layout}
    by_scalar = c.wrt_shape.is_scalar and not c.vectorized
    sizes = (sympy.latex(c.wrt_shape.rows), sympy.latex(c.wrt_shape.cols))    # dX^T's commutation matrix: X's sizes
    jacobians = tuple(_jacobian(lay, _collected(node, p), p,
                                partial_frac(f, x) if by_scalar else vec_partial_frac(f, x, lay is Layout.NUMERATOR),
                                results[lay])
                      for lay, node in read.items())
    index = _index_latex(index_form(c), p, c, letters)
    differential, sum_of_terms = p.doprint(shown), p.doprint(terms)
    return TensorView(True, "", steps, differential, sum_of_terms,
                      tuple(dict.fromkeys(_kind_latex(t, _d(x, c.wrt_shape), c.wrt_shape.is_scalar)
                                          for t in c.terms)),
                      tuple(dict.fromkeys(VEC_LATEX[t.kind].format(dx=_d(x, c.wrt_shape), k=commutation_latex(*sizes))
                                          for t in c.terms)),
                      any(t.kind is TermKind.TRANSPOSED for t in c.terms),
                      jacobians,
                      f"{lhs} = {index}",
                      by_scalar, f, x, _indices(c.function_shape, c.wrt_shape), E.try_text(terms, ""),
                      equation_rows(rf"\mathrm{{d}}{f}", *dict.fromkeys((differential, sum_of_terms))),
                      equation_rows(lhs, index), definition(*sizes), (letters[Idx.I], letters[Idx.K]))


def _jacobian(lay: Layout, node: Node, p: McLatexPrinter, lhs: str, result: Node | None) -> JacobianView:
    """The read-off in one layout; where it prints otherwise than the steps' result, ``= result`` after it (the
    checks compare the two): (a^T kron I) K reads as the steps' I kron a^T (review s34 item 4). A result that is
    the read-off's terms in another order is printed once, in the result's order (review s35 item 10)."""
    if result is not None and _reordered(node, result, p):
        node = result
    latex = p.doprint(node)
    other = None if result is None or result.shape != node.shape else p.doprint(result)
    sides = (latex,) if other is None or other == latex else (latex, other)
    return JacobianView(lay.value, latex, shape_latex(node.shape), E.try_text(node, ""), node.shape.label(),
                        lhs + " = " if lhs else "", equation_rows(lhs, *sides) if lhs else expression_rows(" = ".join(sides)),
                        sides[1] if len(sides) > 1 else "")


def _reordered(read: Node, result: Node, p: McLatexPrinter) -> bool:
    """Two sums of the same printed terms in another order (X^T kron X + I kron X^2 and the other way round)."""
    def terms(node: Node) -> list[str]:     # a sum's terms, nested sums opened (a + b) + c
        return [t for term in node.terms for t in terms(term)] if isinstance(node, E.Add) else [p.doprint(node)]
    return isinstance(read, E.Add) and isinstance(result, E.Add) and read.shape == result.shape \
        and sorted(terms(read)) == sorted(terms(result))


def _unavailable(empty: TensorView, reason: str) -> TensorView:
    return replace(empty, reason=reason)
