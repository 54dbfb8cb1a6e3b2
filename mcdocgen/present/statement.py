"""The problem's own steps, as its Problem section shows them: where a problem sets its function up in
steps (the catalog's ``steps``: ``r = X @ w - y``, then ``E = norm(r)**2 / 2 + ...``), the section
writes them below the function, so that every name the intermediates tables call "named in the
problem" (present.origin) is met there first (a review: ridge regression's r was nowhere before the
table). The page, the handouts (either edition) and the slides print these same rows."""

from __future__ import annotations

from collections.abc import Mapping

from mcdocgen import language as E
from mcdocgen.catalog import Problem
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.symbols import symbol_latex
from mcdocgen.present.naming import Name
from mcdocgen.present.wherelines import where_rows

#: The words before the steps, on the page and in the handouts: the problem's names, as the intermediates
#: tables' Origin column says ("named in the problem").
LEAD = "Set up in steps, with the problem's names:"


def setup_rows(problem: Problem, names: Mapping[str, str]) -> tuple[str, ...]:
    """The problem's steps, ``name = definition`` each over the names before it as the problem writes
    them, as the rows of one aligned display (``wherelines.where_rows``, as a result's "where" block: each
    broken for a phone); none where it gives fewer than two steps (its one step is the function itself,
    shown already). ``names``: the variables' symbols."""
    if len(problem.steps) < 2:
        return ()
    steps = [Name(E.var(s.name, s.node.shape, intermediate=True), s.node) for s in problem.steps]
    p = McLatexPrinter({**names, **{s.var.name: symbol_latex(s.var.name, s.var.shape) for s in steps}})
    return where_rows(steps, p.doprint)
