"""Plain-text rendering of one derivation for ``mcdocgen show``."""

from __future__ import annotations

from collections.abc import Sequence

from mcdocgen.language import expr as E
from mcdocgen.engine import layout as L
from mcdocgen.catalog.load import Problem
from mcdocgen.engine.derive import Derivation, LocalKind
from mcdocgen.escape import one_line
from mcdocgen.engine.layout import Layout
from mcdocgen.present.views import ProblemView


def _text(node) -> str:
    return E.try_text(node, "(no text form)")


def render_terminal(problem: Problem, view: ProblemView, derivations: Sequence[Derivation], layout: Layout) -> str:
    """The steps of ``derivations`` (one per wrt, as the pipeline produced them) and ``view``'s checks."""
    function = derivations[0].function
    out = [f"{problem.id}: {one_line(problem.title)}", f"  {one_line(problem.summary)}", "",
           f"  {function} = {one_line(problem.expression_text)}"]
    for v in problem.variables:
        out.append(f"  {v.name}: {v.shape.label()}" + (f" ({', '.join(v.assume)})" if v.assume else ""))
    for wrt, r, d in zip(problem.wrt, view.results, derivations, strict=True):
        out += ["", f"d{d.function}/d{wrt}, {layout.value} layout"]
        out.append("  intermediate variables:")
        for i in d.intermediates:
            tag = "" if i.depends else "   (constant here)"
            out.append(f"    {i.name} = {_text(i.definition)}   {i.shape.label()}{tag}")
        if not d.ok:
            out.append(f"  NOT DERIVED: {d.not_derived.reason} (in {d.not_derived.subject})")
            continue
        out.append("  local derivatives:")
        for l in d.locals:
            value = L.local_value(l, layout)
            if l.kind is LocalKind.JACOBIAN:
                out.append(f"    d{l.of}/d{l.wrt} = {_text(value)}   {value.shape.label()}   [{l.rule}]")
            else:
                out.append(f"    through {l.of}: d{d.function}/d{l.wrt} gets {_text(value)}   {value.shape.label()}   [{l.rule}]")
        if d.paths:
            out.append("  chain rule:")
            for path in d.paths:
                factors = L.chain(path, layout)
                names = " ".join(f"d{c.top}/d{c.bottom}" for c in factors)
                shapes = " ".join(c.shape.label() for c in factors)
                out.append(f"    {names}   {shapes}")
        else:
            out.append("  chain rule in matrix form:")
            for acc in d.accumulations:
                terms = L.accumulation_terms(acc, layout)
                out.append(f"    d{d.function}/d{acc.name} = {' + '.join(_text(t) for t in terms)}")
        out.append(f"  product:  {_text(L.product(d, layout))}")
        res = L.result(d, layout)
        out.append(f"  result:   d{d.function}/d{wrt} = {_text(res)}   {res.shape.label()}")
        for k, view in zip(d.kinks, r.kinks):
            where = f"  kink where {_text(k.at)} = 0: "
            if view.subgradient:
                out.append(where + f"subgradients: the result with the step replaced by any slope in [{k.low}, {k.high}]")
            else:
                out.append(where + view.text)
        checks = ", ".join(f"{c.name}: {c.status}" + (f" ({c.figure})" if c.figure else "") for c in r.checks)
        out.append(f"  checks:   {checks}")
    return "\n".join(out) + "\n"
