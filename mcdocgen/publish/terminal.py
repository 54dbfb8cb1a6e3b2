"""Plain-text rendering of one derivation for ``mcdocgen show`` and ``mcdocgen try``.

It reads the :class:`~mcdocgen.present.views.ProblemView` only: the pipeline derived once, the
view holds every formula in the expression language, and nothing here derives or simplifies.
"""

from __future__ import annotations

from mcdocgen.language import Layout
from mcdocgen.escape import one_line
from mcdocgen.present.domain import WHY as DOMAIN_WHY
from mcdocgen.present.rulewords import by_rules
from mcdocgen.present.steps import direct_text
from mcdocgen.engine.hessian import SecondKind
from mcdocgen.engine.derive import LocalKind
from mcdocgen.present.views import ProblemView

# a matrix by a scalar carried forward (engine.forward): every step a matrix of entry derivatives
FORWARD_FORM = "; each du/dt is the matrix of u's entry derivatives (numerator: u's shape; denominator: its transpose)"


def render_terminal(view: ProblemView, layout: Layout) -> str:
    """The steps of every result of ``view`` in ``layout``, and its checks."""
    f = view.function
    out = [f"{view.id}: {one_line(view.title)}", f"  {one_line(view.summary)}", "",
           f"  {f} = {one_line(view.expression)}"]
    for v in view.variables:
        out.append(f"  {v.name}: {v.shape_text}" + (f" ({', '.join(v.assume)})" if v.assume else ""))
    # where the function is defined beyond the declarations (present.domain): ln det(a X) needs det(a X) > 0
    out += [f"  defined where {', '.join(view.domain_text)}: {DOMAIN_WHY}"] if view.domain_text else []
    for r in view.results:
        if r.order == 1:
            note = FORWARD_FORM if r.forward_note_text and len(r.function_shape) == 2 else \
                _form_note(f, r.wrt, r.form, r.function_shape, r.wrt_shape)
            out += ["", f"d{f}/d{r.wrt}, {layout.value} layout" + note]
        else:   # a Hessian: the steps are those of the gradient's Jacobian, the gradient its last intermediate
            f = r.intermediates[-1].name if r.intermediates else view.function
            kind = f"{r.second}, {r.form} form" if r.second == SecondKind.HESSIAN else r.second   # by a scalar: a number
            out += ["", f"d{r.order}{view.function}/d{r.wrt}{r.order} ({kind}), {layout.value} layout: "
                        f"{r.route}, {f} = d{view.function}/d{r.wrt}" + _form_note(f, r.wrt, r.form, r.function_shape,
                                                                                  r.wrt_shape)]
        out.append("  intermediate variables:")
        for i in r.intermediates:
            tag = "" if i.depends else "   (constant here)"
            out.append(f"    {i.name} = {i.text}   {i.shape_text}{tag}")
        if not r.derived:
            out.append(f"  NOT DERIVED: {r.not_derived}")
            continue
        lay = r.layout(layout)
        out.append("  forward steps:" if r.forward_note_text else "  local derivatives:")
        for local in lay.locals:
            if local.kind == LocalKind.FORWARD:
                out.append(f"    d{local.of}/d{local.wrt} = {local.value_text}   {local.shape_text}   [{local.rule}]")
            elif local.kind == LocalKind.JACOBIAN:
                name = direct_text(local.of, local.wrt, local.held) if local.held else f"d{local.of}/d{local.wrt}"
                out.append(f"    {name} = {local.value_text}   {local.shape_text}   [{local.rule}]")
            else:
                out.append(f"    through {local.of}: d{f}/d{local.wrt} gets {local.value_text}   {local.shape_text}"
                           f"   [{local.rule}]")
        if r.one_step:      # the one local derivative is the derivative: no chain to multiply
            out.append(f"  in one step, by {by_rules(lay.locals[0].rules)}")
        elif r.forward_note_text:   # the steps above are the derivation: nothing to multiply
            out.append(f"  {r.forward_note_text}")
        elif lay.chain.paths:
            out.append("  chain rule:")
            for path in lay.chain.paths:
                names = " ".join(direct_text(c.top, c.bottom, c.held) if c.held else f"d{c.top}/d{c.bottom}" for c in path)
                shapes = " ".join(c.shape_text for c in path)
                out.append(f"    {names}   {shapes}")
        else:
            out.append("  chain rule in matrix form:")
            out += [f"    {equation}" for equation in lay.chain.accumulations_text]
        out += [f"  {r.direct_note_text}"] if r.direct_note_text else []
        if lay.show_product and not r.one_step:     # the chain's C, the product's C^T: C = D^T D said first
            out += [f"  {lay.product_transpose_note.text}"] if lay.product_transpose_note else []
            out.append(f"  product:  {lay.product.text}")
        # the page's row, with the page's names (logistic regression's p, not sigmoid(X @ w) three times)
        out += [f"  put back: {lay.named_put_back_text or lay.put_back_text}"] if lay.put_back_text else []
        # the page's row before a symmetric variable's A^T = A is used, and that step's sentence
        out += [f"  put back: {lay.assumed_text}", f"  {lay.assumed_note_text}"] if lay.assumed_text else []
        # the steps give G; the sentences after say how the row above reads as the result, so they stand last, just
        # before it (review s45: "... the result reads:" was followed by G, not the result)
        if r.symmetric:
            out.append(f"  G ({r.wrt} unconstrained, denominator layout):  {r.symmetric.unconstrained_text}")
        # a fact of the set-up the result uses (not one over the page's names: this put-back row writes them out)
        out += [f"  {r.fact_note.text}"] if r.fact_note and not r.fact_note.named else []
        out += [f"  {r.inverse_note.text_in(layout)}"] if r.inverse_note else []
        out += [f"  {lay.transpose_note.text}"] if lay.transpose_note else []    # C^T = C for C = D^T D
        out += [f"  {lay.substitution_note.text}"] if lay.substitution_note else []     # f = exp(g), from the table
        out.append(f"  result:   d{f}/d{r.wrt} = {lay.named_result_text or lay.result.text}   {lay.result.shape_text}")
        out += [f"  where     {definition}" for definition in lay.where_text]    # repeated parts named
        if r.symmetric:     # the result is sym(G); the other convention beside it
            out.append(f"  other convention, by the entries i <= j: {r.symmetric.entrywise_text}")
        for spot, kink in zip(r.kink_spots, r.kinks, strict=True):
            where = f"  {'undefined' if kink.undefined else 'kink'} where {spot.place}: "
            if kink.subgradient:
                out.append(where + f"subgradients: the result with the step replaced by any slope in [{spot.low}, {spot.high}]")
            else:
                out.append(where + kink.text)
        checks = ", ".join(f"{c.name}: {c.status}" + (f" ({c.figure})" if c.figure else "") for c in r.checks)
        out.append(f"  checks:   {checks}")
    return "\n".join(out) + "\n"


def _form_note(f: str, wrt: str, form: str, function_shape: tuple[str, ...], wrt_shape: tuple[str, ...]) -> str:
    """How a derivative with four indices is written (spec section 5), after the layout's name."""
    if form == "vec":
        return f", vec form: d vec({f}) / d vec({wrt})^T (numerator), its transpose (denominator)"
    if len(function_shape) == 2 and not wrt_shape:
        return f"; the chain gives d vec({f})/d{wrt} = vec(M), and M is the matrix of entry derivatives"
    return ""
