"""The view of a gradient by a symmetric matrix: the restriction step sym(G) and the other convention."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import sympy

from mcdocgen.catalog import Problem
from mcdocgen.engine.assumption import replaced, transposed_symmetric
from mcdocgen.engine.derive import Derivation
from mcdocgen.engine.notation import symmetric_letters
from mcdocgen.engine.simplify import simplify
from mcdocgen.engine.simplify.common import coeff, with_coeff
from mcdocgen.engine.symmetric import transposed
from mcdocgen.language import Layout, Node
from mcdocgen import language as E
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.symbols import partial_frac
from mcdocgen.present.lines import equation_rows
from mcdocgen.present.namedprinter import NamedPrinter
from mcdocgen.present import putback as PB
from mcdocgen.present.naming import NO_NAMES, Name, Naming
from mcdocgen.present.wherelines import where_equations, where_rows, with_where_line
from mcdocgen.present.tensor import entry_latex


# the NumPy snippet's step for a symmetric variable: X[i] and X[j] move together, so X stays symmetric
# and the change is <R, E> = w R[i], w = 2 off the diagonal
SNIPPET_SYMMETRIC_STEP = (
    "    _j = _i[::-1]  # X is symmetric: X[i] and X[j] move together",
    "    _up[_i] += _h; _down[_i] -= _h",
    "    if _j != _i: _up[_j] += _h; _down[_j] -= _h",
    "    _w = 1 if _j == _i else 2",
)


SYM_G = r"\operatorname{sym}(G)"


@dataclass(frozen=True, slots=True)
class SymmetricView:
    """What a page says under a result by a symmetric matrix, as LaTeX and expression-language text.

    ``step`` is the last step (both layouts: the result is symmetric), ``sym(G) = ... = R``;
    ``entrywise`` the derivative by the independent entries, G + G^T - G o I, for this problem.
    """

    wrt: str                    # LaTeX symbol of the variable
    unconstrained: str          # G, LaTeX
    step: str                   # \operatorname{sym}(G) = ... = R, LaTeX
    result: str                 # R, LaTeX
    entrywise: str              # G + G^T - G o I simplified, LaTeX
    lhs: str                    # \frac{\partial f}{\partial X}
    already: bool               # G is symmetric by construction: sym(G) = G
    unconstrained_text: str = ""
    result_text: str = ""
    entrywise_text: str = ""
    entry_ij: str = ""          # the variable's entry i, j as LaTeX: X_{ij}, or (S_{1})_{ij} (no double subscript)
    entry_ji: str = ""
    step_rows: tuple[str, ...] = ()         # step, as display rows (present.lines)
    entrywise_rows: tuple[str, ...] = ()    # [df/dX_ij]_{i <= j} = entrywise, as display rows
    function: str = "f"         # the function's symbol, LaTeX: the page's own (L), never a generic f
    perturbation: str = "E"     # a symmetric perturbation's letter, one the page leaves free (engine.notation)
    # G symmetric already as written with a symmetric matrix's transpose (X^-T): the identity that writes it
    # as the result (X^-T = X^-1) and the symmetric matrices it uses, LaTeX; the one step that uses them
    identity: str = ""
    identity_variables: tuple[str, ...] = ()
    entrywise_where: tuple[str, ...] = ()   # the page's names the entrywise rows write (D = X - 1 mu^T), display rows


def sym_latex(p: McLatexPrinter, node: Node) -> str:
    """sym(M) as pages write it (the language's sym node, printed by the one printer)."""
    return p.doprint(E.sym(node))


def restriction_step(d: Derivation, p: McLatexPrinter, layout: Layout = Layout.DENOMINATOR) -> str:
    """The last step of a derivation by a symmetric matrix, LaTeX: sym(G) = (G + G^T) / 2 = R, with G
    as the layout shows it (G^T in numerator layout: sym is the same); empty for any other derivation."""
    if d.symmetric is None:
        return ""
    lhs, sides, note = _restriction(d, p, layout)
    return " = ".join((lhs, *sides)) + (rf" \quad {note}" if note else "")


def restriction_rows(d: Derivation, p: McLatexPrinter, lhs: str, layout: Layout = Layout.DENOMINATOR) -> tuple[str, ...]:
    """``lhs = sym(G) = ... = R`` as display rows (present.lines): each side starts a row where it does
    not fit, and the note in words is a row of its own, never a factor of the last side."""
    if d.symmetric is None:
        return ()
    first, sides, note = _restriction(d, p, layout)
    return equation_rows(lhs, first, *sides, note=note)


def with_where(tex: str, names: Sequence[Name], latex: Callable[[Node], str]) -> str:
    """``tex`` as Copy LaTeX gives a display that names repeated parts (present.naming): with ", where M = ..."
    after it, as the page sets it below the display; ``tex`` alone where it names none."""
    return with_where_line(tex, where_equations(names, latex))


def _restriction(d: Derivation, p: McLatexPrinter, layout: Layout, why: bool = True) -> tuple[str, tuple[str, ...], str]:
    """The restriction step as its left side, its equal sides and a note in words (or ""); ``why``: the
    identity that writes G as the result, where G shows one (the section's sentence says it already)."""
    assert d.symmetric is not None
    g = d.symmetric.unconstrained
    g = g if layout is Layout.DENOMINATOR else simplify(E.transpose(g))
    if d.symmetric.already:     # G as this layout writes it may show X^-T: the step to the result says why
        identity, used = _identity(g, d.symmetric.result, p)
        if identity and why:    # sym(X^-T) = X^-T = X^-1: each side a row of its own on a phone, the note short
            verb = "is" if len(used) == 1 else "are"
            note = rf"\text{{(since }} {', '.join(used)} \text{{ {verb} symmetric)}}"
            return sym_latex(p, g), (p.doprint(g), p.doprint(d.symmetric.result)), note
        return sym_latex(p, g), (p.doprint(d.symmetric.result),), r"\text{(symmetric already)}"
    # a number times H multiplies out: sym(c H) = c/2 (H + H^T), not 1/2 (c H + c H^T)
    c, core = coeff(g)
    both = E.add(core, simplify(transposed(core)))
    half = _scaled(c / 2, p.doprint(both), p)
    result = p.doprint(d.symmetric.result)
    if result == p.doprint(with_coeff(c / 2, both)):     # R is that half: not twice
        return sym_latex(p, g), (half,), ""
    return sym_latex(p, g), (half, result), ""


def _scaled(factor: sympy.Expr, inner: str, p: McLatexPrinter) -> str:
    """``factor (inner)``, a fraction in text size as (G + G^T) / 2 is written, LaTeX."""
    if factor == 1:
        return inner
    sign, size = ("-", -factor) if factor < 0 else ("", factor)
    if size == 1:
        return rf"{sign}\left({inner}\right)"
    top, bottom = sympy.fraction(size)
    number = rf"\tfrac{{{top}}}{{{bottom}}}" if size.is_Rational and bottom != 1 else p.doprint(E.num(size)) + r"\,"
    return rf"{sign}{number}\left({inner}\right)"


def symmetric_view(problem: Problem, d: Derivation, p: McLatexPrinter, names: dict[str, str],
                   naming: Naming = NO_NAMES) -> SymmetricView | None:
    """The symmetric-variable block of a result, or None where the variable is not a symmetric matrix;
    the other convention is written with the page's names, as the result is (``naming``)."""
    s = d.symmetric
    if s is None:
        return None
    # the page names G in the sentence before the step: sym(G) is its left side, however long G is
    named = NamedPrinter(p, naming)
    _, sides, note = _restriction(d, named, Layout.DENOMINATOR, why=False)
    entry_ij, entrywise, f = entry_latex(names[d.wrt], "ij"), named.doprint(s.entrywise), names[d.function]
    table = rf"\left[{partial_frac(f, entry_ij)}\right]_{{i \le j}}"
    return SymmetricView(names[d.wrt], named.doprint(s.unconstrained), restriction_step(d, p), named.doprint(s.result),
                         entrywise, partial_frac(f, names[d.wrt]), s.already,
                         E.try_text(s.unconstrained, ""), E.try_text(s.result, ""), E.try_text(s.entrywise, ""),
                         entry_ij, entry_latex(names[d.wrt], "ji"), equation_rows(SYM_G, *sides, note=note),
                         equation_rows(table, entrywise), f, symmetric_letters(problem, [d]).perturbation,
                         *(_identity(s.unconstrained, s.result, p) if s.already else ("", ())),
                         where_rows(named.used(), p.doprint))


def _identity(g: Node, result: Node, p: McLatexPrinter) -> tuple[str, tuple[str, ...]]:
    """Where G is written otherwise than the result (symmetric as its symmetric matrices are: X^-T, or
    (T^-1 - S^-1)^T), the identities A^T = A, A^-T = A^-1 it shows (maybe none) and those matrices, LaTeX."""
    if p.doprint(g) == p.doprint(result):
        return "", ()
    symmetric = sorted(dict.fromkeys(v for v in E.walk(g) if isinstance(v, E.Var) and v.symmetric), key=lambda v: v.name)
    shown = _by_name(transposed_symmetric(g, {v.name for v in symmetric}))
    return ", ".join(f"{p.doprint(t)} = {p.doprint(t.arg)}" for t in shown), tuple(p.doprint(v) for v in symmetric)


def assumed_step(d: Derivation, layout: Layout, p: McLatexPrinter) -> tuple[str, str, tuple[str, ...]]:
    """The form before A^T = A was used, the identity and its variables, LaTeX; empty where the layout
    has no such step."""
    before = None if d.symmetry_step is None else d.symmetry_step.before(layout is Layout.NUMERATOR)
    if before is None or d.symmetry_step is None:
        return "", "", ()
    used = d.symmetry_step.variables
    identity = ", ".join(dict.fromkeys(f"{p.doprint(t)} = {p.doprint(t.arg)}" for t in _by_name(replaced(before, used))))
    return p.doprint(before), identity, tuple(p.doprint(v) for v in sorted(used, key=lambda v: v.name))


def _by_name(transposes: Sequence[E.Transpose]) -> list[E.Transpose]:
    """The identities a "Since A, B and C are symmetric" line shows in the order it names the matrices, by name
    (the order the form meets them, B before A, reads as arbitrary; review s37 C-4); compounds after, as met."""
    return sorted(transposes, key=lambda t: (not isinstance(t.arg, E.Var), getattr(t.arg, "name", "")))


def assumed_form(d: Derivation, layout: Layout) -> Node | None:
    """The result before A^T = A was used, in ``layout``; None where the layout has no such step."""
    return None if d.symmetry_step is None else d.symmetry_step.before(layout is Layout.NUMERATOR)


def named_assumed_rows(d: Derivation, layout: Layout, p: McLatexPrinter, naming: Naming,
                       keep: Collection[str] | None = None) -> tuple[Node, tuple[tuple[Node, Node], ...]] | None:
    """The assumed row as the page shows it, with the names that pay in it (``Naming.for_row``), and its
    identities' sides in the same names (M^T, M): the page's LaTeX and the terminal's text are written from
    these; ``keep``: the names the Result writes, the only ones the row and its identity may write
    (present.putback's ``shared_names``); None where the layout has no such step."""
    before = assumed_form(d, layout)
    if before is None or d.symmetry_step is None:
        return None
    named = naming.for_row(before, p.doprint)
    named = named if keep is None else PB.written_with(before, named, naming, keep)
    sides = [s for t in _by_name(replaced(before, d.symmetry_step.variables)) for s in (t, t.arg)]
    if naming.used([named]):
        row = PB.row_names(named, naming)
        sides = [naming.named(s) if keep is None else PB.with_names(s, naming, row) for s in sides]
    return named, tuple(zip(sides[::2], sides[1::2], strict=True))


def named_assumed_step(rows: tuple[Node, tuple[tuple[Node, Node], ...]] | None, p: McLatexPrinter,
                       naming: Naming) -> tuple[str, str, tuple[str, ...]]:
    """``named_assumed_rows``'s form and identity in LaTeX, and the names they write as "where" rows; empty where
    the layout has no such step."""
    if rows is None:
        return "", "", ()
    named, pairs = rows
    identity = ", ".join(dict.fromkeys(f"{p.doprint(a)} = {p.doprint(b)}" for a, b in pairs))
    return p.doprint(named), identity, where_rows(naming.used([named, *(s for pair in pairs for s in pair)]), p.doprint)
