"""How the steps of a derivation are shown so that a student can follow them (issue 13).

- The factors of a chain product are joined by ``\\cdot``: ``1 \\cdot 2 x``, never ``1\\,2 x``, which
  reads as 12. A factor is bracketed only where precedence needs it (a sum, a negation, ``\\circ``).
- A direct partial derivative, of an intermediate (the function included) that also depends on the
  variable through other intermediates, is written ``\\left.\\frac{\\partial y}{\\partial x}\\right\\vert_{u
  \\text{ fixed}}``; the bare fraction stays the total derivative. One sentence says so.
- A scalar by a scalar has the same steps in both layouts: they are shown once, with a sentence.
- A derivation of one step is that step and its result; the simplified product is shown only where
  it differs from both the chain product and the result.
- Between the chain product and the result the rows read forward, as a textbook's: the product
  simplified over the intermediates, then the intermediates put back into it (the result simplifies
  that); where the simplified product is not shown, the chain's product with the intermediates put
  back, before simplifying. A row that repeats one before it or the result is left out.

Everything here is a decision over the engine's derivation and printed strings; nothing is
simplified or derived again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from mcdocgen.engine.derive import Derivation, Local, LocalKind
from mcdocgen.engine.forward import FORWARD_NOTE
from mcdocgen.engine.rules import RuleId, trace_kron_args, trace_kron_product
from mcdocgen import language as E
from mcdocgen.language import Eye, Form, Layout, Neg, Node, Num
from mcdocgen.present.factors import split_sign
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.precedence import PREC_MUL
from mcdocgen.present.symbols import direct_partial_frac, partial_frac, vec_partial_frac

FACTOR_SIGN = r" \cdot "
ONE_LAYOUT_NOTE = "For a scalar by a scalar both layouts give the same derivative: the steps are shown once."
# {direct}, {total}: the two symbols; {held}: what the direct partial holds fixed
DIRECT_NOTE = ("{direct} is the direct partial derivative, with {held} held fixed; {total} without the "
               "bar is the total derivative, which adds the change through {held}.")


def chain_product(paths: Sequence[Sequence[Node]], p: McLatexPrinter, units: bool = False) -> str:
    """The values of the chain rule's factors, each path a product joined by a visible sign. The local
    derivatives are shown just before it, so a factor 1 or I is left out of the product, as a textbook
    writes it, and a factor -1 or -I becomes the path's sign (a path of nothing else is 1, or I);
    ``units``: every factor kept (where leaving them out would say no more than the result)."""
    if units:
        return " + ".join(FACTOR_SIGN.join(p.wrap(value, PREC_MUL) for value in path) for path in paths)
    out = ""
    for i, path in enumerate(paths):
        negative, factors = unit_free(path)
        sign = (" - " if i else "-") if negative else (" + " if i else "")
        out += sign + FACTOR_SIGN.join(p.wrap(value, PREC_MUL) for value in factors)
    return out


def unit_free(path: Sequence[Node]) -> tuple[bool, list[Node]]:
    """Whether the path's factors make it negative, and its other factors without their signs (or
    its first factor, unsigned, where all are units): ``+ (-u/s^2) v`` reads ``- u/s^2 v``."""
    negative, kept = False, []
    for value in path:
        core = value
        while (signed := split_sign(core))[0]:   # -(-x) is x
            negative, core = not negative, signed[1]
        if not (isinstance(core, Eye) or (isinstance(core, Num) and core.value == 1)):
            kept.append(core)
    if not kept:
        first = path[0].arg if isinstance(path[0], Neg) else path[0]
        kept = [E.num(1) if isinstance(first, Num) else first]
    return negative, kept


def held_fixed(d: Derivation) -> dict[tuple[str, str], tuple[str, ...]]:
    """The direct partials of ``d``'s steps: (of, wrt) -> the other dependent operands of ``of``,
    which the partial holds fixed. A step by the variable whose intermediate also depends on it
    through another intermediate is a direct partial; the total derivative adds those routes."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    for loc in d.locals:
        # a matrix-form step below the function is written as a contribution ("via"), not a partial
        if loc.wrt != d.wrt or (loc.kind is LocalKind.MATRIX_FORM and loc.of != d.function):
            continue
        others = tuple(dict.fromkeys(o.wrt for o in d.locals if o.of == loc.of and o.wrt != d.wrt))
        if others:
            out[(loc.of, loc.wrt)] = others
    return out


DIRECT_NOTE_CONSTANT = "{f} does not depend on {x}: its derivative is zero, by the constant rule."


def direct_note(d: Derivation, names: Mapping[str, str], latex: bool) -> str:
    """The one sentence that tells the direct partial from the total derivative (or, for a function
    that does not depend on the variable, says so), in LaTeX for pages and handouts or as text for the
    terminal; empty where no step is a direct partial."""
    if d.ok and not any(i.depends for i in d.intermediates):   # the constant rule
        f, x = (f"${names[d.function]}$", f"${names[d.wrt]}$") if latex else (d.function, d.wrt)
        return DIRECT_NOTE_CONSTANT.format(f=f, x=x)
    held = held_fixed(d)
    if not held:
        return ""
    (of, wrt), fixed = next(iter(held.items()))
    if latex:   # in a vec-form derivation both symbols are the chain header's (numerator layout's) vec form
        total = vec_partial_frac(names[of], names[wrt], True) if _vec_step(d, of, wrt) else None
        return DIRECT_NOTE.format(direct=f"${step_frac(of, wrt, held, names, total)}$",
                                  total=f"${total or partial_frac(names[of], names[wrt])}$",
                                  held=", ".join(f"${names[n]}$" for n in fixed))
    return DIRECT_NOTE.format(direct=direct_text(of, wrt, fixed), total=f"d{of}/d{wrt}", held=", ".join(fixed))


def step_frac(of: str, wrt: str, held: Mapping[tuple[str, str], Sequence[str]], names: Mapping[str, str],
              whole: str | None = None) -> str:
    """A step's derivative symbol: the bare fraction (or ``whole``), or the direct partial where the step is one."""
    whole = whole or partial_frac(names[of], names[wrt])
    fixed = held.get((of, wrt))
    return direct_partial_frac(whole, [names[n] for n in fixed]) if fixed else whole


def _vec_step(d: Derivation, of: str, wrt: str) -> bool:
    """A step with a matrix side in a vec-form derivation: its symbol is d vec(u) / d (vec a)^T."""
    shapes = {i.name: i.shape for i in d.intermediates} | {d.wrt: d.wrt_shape}
    sides = [shapes.get(n) for n in (of, wrt)]
    return d.form is Form.VEC and None not in sides and not all(s is not None and s.is_vector_like for s in sides)


def layout_frac(d: Derivation, of: str, wrt: str, held: Mapping[tuple[str, str], Sequence[str]],
                names: Mapping[str, str], layout: Layout) -> str:
    """A step's symbol in one layout: in a vec-form derivation a step with a matrix side is
    d vec(u) / d (vec a)^T (its transpose in the denominator layout), as the chain's header writes the whole;
    d u / d A would name the four-index array (review s34 item 6), a direct partial too (review s35 item 4).
    Else :func:`step_frac`."""
    vec = vec_partial_frac(names[of], names[wrt], layout is Layout.NUMERATOR) if _vec_step(d, of, wrt) else None
    return step_frac(of, wrt, held, names, vec)


def direct_text(of: str, wrt: str, fixed: Sequence[str]) -> str:
    """The direct partial as the terminal writes it: ``dy/dx|u``."""
    return f"d{of}/d{wrt}|{','.join(fixed)}"


def one_layout(d: Derivation) -> bool:
    """Both layouts show the same steps: every local derivative and the result are scalars."""
    return d.result is not None and d.result.shape.is_scalar and all(
        loc.numerator.shape.is_scalar and loc.denominator.shape.is_scalar for loc in d.locals)


def one_step(d: Derivation) -> bool:
    """The derivative is one local derivative: no chain to multiply."""
    return len(d.locals) == 1


def repeats(product: str, *shown: str) -> bool:
    """The simplified product says nothing new: it is the chain product (its factors joined by the
    visible sign, which the printed product leaves out) or the result again."""
    return product in shown or product in (s.replace(FACTOR_SIGN, " ") for s in shown)


def forward_value(local: Local, layout: Layout, p: McLatexPrinter) -> tuple[str, str]:
    """A forward step's right side, LaTeX and text: the rule's form over its operands' derivatives, then
    its value, as a textbook writes it (-U^{-1} dU/dt U^{-1} = -U^{-1} B U^{-1}); the value alone where
    the two are one (an operand that is the variable itself: its derivative is 1)."""
    value = local.numerator if layout is Layout.NUMERATOR else local.denominator
    form = None if local.forms is None else local.forms[layout is not Layout.NUMERATOR]
    if form is None or form == value:
        return p.doprint(value), E.text_or_why(value, flat_form=False)
    return (f"{p.doprint(form)} = {p.doprint(value)}",
            f"{E.text_or_why(form, flat_form=False)} = {E.text_or_why(value, flat_form=False)}")


def forward_note(d: Derivation, names: Mapping[str, str], latex: bool) -> str:
    """The sentence that says the steps are carried forward ('' where they are not)."""
    if not any(loc.kind is LocalKind.FORWARD for loc in d.locals):
        return ""
    return FORWARD_NOTE.format(t=f"${names[d.wrt]}$" if latex else d.wrt)


def trace_kron_step(expression: Node, d: Derivation, p: McLatexPrinter) -> str:
    """tr(A kron B) with the variable in both slots is first written as tr(A) tr(B) (engine.rules.trace_kron_product),
    the step the intermediates start from, LaTeX: tr(X kron X) = tr(X) tr(X) = tr(X)^2; '' where there is none."""
    dependent = {d.wrt} | {i.name for i in d.intermediates if i.depends}
    rows = []
    for n in E.walk(expression):
        pair = trace_kron_args(n)
        if pair is not None and all(E.depends_on(k, dependent) for k in pair):
            a, b = (E.trace(k) for k in pair)
            product = trace_kron_product(a, b)
            rows.append(" = ".join(dict.fromkeys(p.doprint(x) for x in (n, E.mul(a, b), product))))
    return r", \quad ".join(dict.fromkeys(rows))


def first_step_rules(results: Sequence[Any]) -> set[str]:
    """The rules of steps taken before the intermediates (``trace_kron_step``), which no local derivative names:
    the page links them, and its problem counts among the rule's users."""
    return {RuleId.TRACE_KRON.value for r in results if r.trace_kron}
