"""One expression derived and verified from a script or a notebook, as ``mcdocgen try`` does from
the command line, with the same results, steps and checks.

>>> from mcdocgen import derive
>>> d = derive("norm(X @ w - y)**2", X="m,n", w="n", y="m", wrt="w")
>>> d
<Derivation 'norm(X @ w - y)**2': d/dw = 2 * X.T @ (X @ w - y); verified>
>>> d.result("w", layout="numerator")
'2 * (X @ w - y).T @ X'
>>> d.steps("w", layout="numerator")
('d u_1/d w = X', 'd u_2/d u_1 = eye(m)', 'd f/d u_2 = 2 * u_2.T', '= 2 * (X @ w - y).T @ X')
>>> [c.name for c in d.checks if c.passed]
['numeric', 'components', 'steps']

In Jupyter, ``d`` displays itself as the site's page shows the derivation, both layouts in tabs
(``_repr_markdown_``); its LaTeX form (``_repr_latex_``) is what a notebook's LaTeX or PDF export prints.

A variable's value is its shape as ``mcdocgen try --var`` writes it: ``""`` a scalar, ``"n"`` a
column vector, ``"m,n"`` a matrix, with assumptions after a colon (``"n,n:symmetric"``,
``":positive"``). The problem goes through the catalog's own loader, the engine and every check,
in a worker process with the catalog's time and memory budget, exactly as ``mcdocgen check`` runs a
catalog problem; a mistake raises :class:`mcdocgen.errors.McdocgenError` with the loader's message.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mcdocgen.commands.trial import parse_var, problem_from_entry, slug_id, trial_entry
from mcdocgen.errors import McdocgenError
from mcdocgen.language import Layout
from mcdocgen.present.layoutviews import LayoutView
from mcdocgen.present.views import ProblemView, ResultView

__all__ = ["Check", "Derivation", "derive"]


@dataclass(frozen=True, slots=True)
class Check:
    """One check of one derivative, as ``mcdocgen check`` reports it: ``wrt`` the variable, ``name`` the
    check (``numeric``, ``components``, ``steps``, ``expected``, ...), ``passed`` True or False, or None
    where the check does not apply (never counted as passed), and ``detail``, what it compared."""

    wrt: str
    name: str
    passed: bool | None
    detail: str


@dataclass(frozen=True, slots=True)
class Derivation:
    """A derived and verified expression, as :func:`derive` returns it: its results and steps in
    either layout, and its checks. ``wrt`` names a variable (it may be left out when there is one);
    ``layout`` is ``"numerator"`` or ``"denominator"`` (the default), or a ``Layout``. In Jupyter the
    object displays itself; ``repr()`` gives the results in one line."""

    view: ProblemView

    @property
    def ok(self) -> bool:
        """True when every derivative was derived and every check that applies passed."""
        return self.view.ok

    @property
    def wrt(self) -> tuple[str, ...]:
        """The variables derived by, in order (a variable with a Hessian comes twice)."""
        return tuple(r.wrt for r in self.view.results)

    def _result(self, wrt: str | None) -> ResultView:
        found = [r for r in self.view.results if r.order == 1 and (wrt is None or r.wrt == wrt)]
        if not found or (wrt is None and len(found) > 1):
            raise McdocgenError(f"wrt: name one of {', '.join(dict.fromkeys(self.wrt))}, not {wrt!r}")
        result = found[0]
        if not result.derived:
            raise McdocgenError(f"d/d{result.wrt}: not derived: {result.not_derived}")
        return result

    def result(self, wrt: str | None = None, layout: Layout | str = Layout.DENOMINATOR) -> str:
        """The derivative by ``wrt`` in the expression language (the catalog's, as ``expected:`` is
        written): ``"2 * X.T @ (X @ w - y)"``. Raises :class:`~mcdocgen.errors.McdocgenError` when
        ``wrt`` is not one of the variables, or names none among several, or was not derived."""
        return self._result(wrt).layout(Layout(layout)).result_text

    def latex(self, wrt: str | None = None, layout: Layout | str = Layout.DENOMINATOR) -> str:
        """The derivative by ``wrt`` as LaTeX, as the site prints it:
        ``"2\\,X^{\\top} \\left(X \\mathbf{w} - \\mathbf{y}\\right)"``."""
        return self._result(wrt).layout(Layout(layout)).result.latex

    def steps(self, wrt: str | None = None, layout: Layout | str = Layout.DENOMINATOR) -> tuple[str, ...]:
        """The local derivatives in the layout's order, each ``d u / d v = value``, in the expression
        language where it has one (LaTeX otherwise), then the chain's product."""
        lay = self._result(wrt).layout(Layout(layout))
        lines = [f"d {s.of}/d {s.wrt} = {s.value_text or s.value}" for s in lay.locals]
        return (*lines, f"= {lay.result_text}")

    @property
    def checks(self) -> tuple[Check, ...]:
        """Every check of every derivative, in order (the variables', then each one's checks)."""
        return tuple(Check(r.wrt, c.name, c.passed, c.detail) for r in self.view.results for c in r.checks)

    def _repr_markdown_(self) -> str:
        """The derivation as Markdown, as the site's pages show it (the intermediates, both layouts
        in tabs, shapes, the result, the checks): Jupyter calls it to display the object."""
        from dataclasses import replace

        from mcdocgen.publish.render import render_derivatives

        return render_derivatives(replace(self.view, plots=()))

    def _repr_latex_(self) -> str:
        """The derivation as LaTeX (Jupyter's ``text/latex``; also what nbconvert puts in a LaTeX or
        PDF export): per variable, one ``align*`` with the intermediate variables, then each layout's
        local derivatives, chain and result with their shapes, then the checks. Plain amsmath:
        MathJax, KaTeX and pdflatex all read it."""
        return "\n\n".join(_result_latex(self.view.function_latex, r) for r in self.view.results) + "\n"

    def __repr__(self) -> str:
        results = ", ".join(f"d/d{r.wrt} = {r.layout(Layout.DENOMINATOR).result_text}" if r.derived
                            else f"d/d{r.wrt}: not derived" for r in self.view.results)
        return f"<Derivation {self.view.expression!r}: {results}; {'verified' if self.ok else 'NOT verified'}>"


def _result_latex(function: str, r: ResultView) -> str:
    """One derivative as an ``align*``: a heading row, the intermediates, each layout's steps, the checks."""
    order = "" if r.order == 1 else f"^{{{r.order}}}"
    lhs = rf"\frac{{\partial{order} {function}}}{{\partial {r.wrt_latex}{order}}}"
    rows = [rf"&\textbf{{{'Derivative' if r.order == 1 else 'Second derivative'} by }} {r.wrt_latex}"]
    if not r.derived:
        rows.append(rf"{lhs} &: \text{{not derived}}")
        return _align(rows)
    if not r.one_step:
        rows += [rf"{v.latex} &= {v.definition} && {v.shape}" for v in r.intermediates]
    for lay in r.layouts[:1] if r.one_layout_note else r.layouts:
        name = "Both layouts (the same steps)" if r.one_layout_note else f"{lay.layout.value.capitalize()} layout"
        rows += [rf"&\text{{{name}}}", *_layout_rows(r, lay)]
    passed = [c.name for c in r.checks if c.passed]
    failed = [c.name for c in r.checks if c.passed is False]
    verdict = f"NOT verified: {', '.join(failed)} failed" if failed else f"verified: {', '.join(passed)}"
    rows.append(rf"&\text{{{verdict}}}")
    return _align(rows)


def _layout_rows(r: ResultView, lay: LayoutView) -> list[str]:
    """One layout's rows, as the site's page shows them (templates/macros.md.j2, layout_body): the
    local derivatives, the chain (or its matrix form), the simplified product, the intermediates put
    back, then the result."""
    chain, result = lay.chain, lay.restriction or lay.result.latex
    if r.one_step:
        step = lay.locals[0]
        rows = [rf"{_lhs(step.lhs)} &= {step.value} && {step.shape}"]
        return rows if result == step.value else [*rows, rf"&= {result} && {lay.result.shape}"]
    rows = [rf"{_lhs(s.lhs)} &= {s.value} && {s.shape}" for s in lay.locals]
    if chain.symbolic:
        rows += [rf"{chain.lhs} &= {chain.symbolic}", rf"&= {chain.values}"]
    else:  # matrix form: each intermediate's derivative, from the function back; "\quad (shape)" as a column
        shown = set(rows)  # an intermediate's derivative that is one local derivative is not repeated
        rows += [row for a in chain.accumulations if (row := _shape_column(a.replace(" = ", " &= ", 1))) not in shown]
    if lay.show_product:
        rows.append(rf"&= {lay.product.latex}")
    if lay.put_back:    # the intermediates put back (into the simplified product where it is shown)
        rows.append(rf"&= {lay.put_back}")
    since = ""
    if lay.assumed:  # a symmetric variable's A^T = A used: the result before it, then after
        rows.append(rf"&= {lay.assumed}")
        since = rf",\ \text{{since }} {lay.assumed_identity}"
    rows.append(rf"{chain.lhs} &= {result} && {lay.result.shape}{since}")
    return rows


def _shape_column(row: str) -> str:
    head, sep, shape = row.rpartition(r" \quad ")
    return f"{head} && {shape}" if sep else row


def _lhs(lhs: str) -> str:
    """A matrix-form step's left side ends in its own ``=`` (the page writes the value after it)."""
    return lhs.removesuffix("=").rstrip()


def _align(rows: list[str]) -> str:
    return "\\begin{align*}\n" + " \\\\\n".join(rows) + "\n\\end{align*}"


def derive(expression: str, *, wrt: str | Sequence[str] = (), hessian: str | Sequence[str] = (),
           expected: Mapping[str, str] | None = None, **variables: str) -> Derivation:
    """Derive and verify ``expression``, written in the catalog's expression language, and return
    a :class:`Derivation`.

    Each variable is a keyword whose value is its shape: ``""`` a scalar, ``"n"`` a column vector,
    ``"m,n"`` a matrix (sizes are names or whole numbers), with assumptions after a colon
    (``A="n,n:symmetric"``, ``c=":positive"``). ``wrt`` names the variables to derive by (default:
    every variable); ``hessian`` names those to derive twice; ``expected`` maps a variable to the
    answer a source states, in denominator layout, which is checked against the result as a
    catalog's ``expected:`` is (never used as the result).

    A mistake in the expression, a shape or a name raises :class:`~mcdocgen.errors.McdocgenError`
    with the catalog loader's message; a result that cannot be derived, or a check that fails, is
    reported by the returned object (:attr:`Derivation.ok` is False), not raised."""
    specs = [f"{name}:{shape}" for name, shape in variables.items()]
    for text in specs:
        parse_var(text)  # the message names the variable, before the loader runs
    names = [wrt] if isinstance(wrt, str) else list(wrt)
    second = [hessian] if isinstance(hessian, str) else list(hessian)
    entry = trial_entry(expression, specs, names, slug_id(expression), second)
    if expected:
        entry["expected"] = dict(expected)
    problem = problem_from_entry(entry)
    from mcdocgen.commands.pipeline import run_one

    return Derivation(run_one(problem, plots=False).view)

