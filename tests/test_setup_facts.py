"""checks.setup_facts and present.facts: a fact of the set-up the result's simplification uses is stated
(review item 8: layer normalisation reached its result only by 1^T u = 0, unstated). The check stage finds
it and keeps it in the Verification; the page only words it."""

from dataclasses import replace

import pytest
from problem_factory import make_problem

from mcdocgen import language as E
from mcdocgen.checks import verify
from mcdocgen.checks.results import Kind
from mcdocgen.checks.setup_facts import used_facts
from mcdocgen.engine.derive import derive
from mcdocgen.present.facts import fact_note
from mcdocgen.present.symbols import symbol_latex

LAYER_NORM = ("(x - mean(x)) / sqrt(mean((x - mean(x))**2) + c)", {"x": ["n"], "c": []},
              ["m = mean(x)", "u = x - m", "v = mean(u**2)", "s = sqrt(v + c)", "z = u / s"])


def _facts(expression, variables, steps, wrt):
    p = make_problem(expression, variables, wrt=[wrt], steps=steps, assume={"c": ["positive"]} if "c" in variables else {})
    d = derive(p, wrt)
    return p, d, used_facts(p, d)


@pytest.mark.parametrize(("expression", "variables", "steps"), [
    LAYER_NORM,
    ("(x - mean(x)) / norm(x - mean(x))", {"x": ["n"]}, ["u = x - mean(x)", "z = u / norm(u)"]),
])
def test_a_centred_names_sum_used_by_the_result_is_found(expression, variables, steps):
    p, d, facts = _facts(expression, variables, steps, "x")
    assert [(f.name, f.kind, E.flat_text(f.zero)) for f in facts] == [("u", Kind.SUM, "ones(n).T @ u")]
    names = {v.name: symbol_latex(v.name, v.shape) for v in p.variables} | \
        {i.name: symbol_latex(i.name, i.shape) for i in d.intermediates}
    assert verify(p, d).setup_facts == facts    # kept with the checks: the page samples nothing
    note = fact_note(p, d, facts, names)
    assert note is not None and note.facts.startswith(r"\mathbf{1}^{\top} \mathbf{u} = ") and note.facts.endswith(" = 0")
    assert note.text.startswith("since ones(n).T @ u = 0 (u = x - ")     # its own definition first
    assert note.text.endswith(": its entries sum to zero), the result reads:")


@pytest.mark.parametrize(("expression", "variables", "steps", "wrt"), [
    ("norm(x - a)**2", {"x": ["n"], "a": ["n"]}, ["u = x - a", "f = sum(u**2)"], "x"),    # 1^T u = 0 does not hold
    # it holds, but the result keeps sum(2 (x - mean(x))): nothing is used silently
    ("sum((x - mean(x))**2)", {"x": ["n"]}, ["m = mean(x)", "u = x - m", "f = sum(u**2)"], "x"),
])
def test_no_fact_is_stated_where_none_is_used(expression, variables, steps, wrt):
    p, d, facts = _facts(expression, variables, steps, wrt)
    assert facts == () == verify(p, d).setup_facts
    assert fact_note(p, d, facts, {}) is None


HUBER = ("sum((abs(x - t) - max(0, abs(x - t) - d))**2 / 2 + d * max(0, abs(x - t) - d))",
         {"x": ["n"], "t": [], "d": []}, ["r = x - t", "a = abs(r)", "e = max(0, a - d)",
                                           "E = sum((a - e)**2 / 2 + d * e)"])


def test_a_clipped_name_that_drops_a_heaviside_term_is_stated():
    """Review s35 item 8: Huber's H(|x - t| - d) o (...) term went between put-back and result unsaid; it
    vanishes because e = max(0, a - d) is a - d wherever H(a - d) = 1."""
    p = make_problem(*HUBER[:2], wrt=["t"], steps=HUBER[2], assume={"d": ["positive"]})
    d = derive(p, "t")
    facts = used_facts(p, d)
    assert [(f.name, f.kind, E.flat_text(f.zero)) for f in facts] == [
        ("e", Kind.CLIP, "heaviside(a - d) * (e - (a - d))")]
    names = {v.name: symbol_latex(v.name, v.shape) for v in p.variables} | \
        {i.name: symbol_latex(i.name, i.shape) for i in d.intermediates}
    note = fact_note(p, d, facts, names)
    # the fact says what the reader needs: e is a - d where the step is 1, so H(a - d) o (d 1 - (a - e)) is zero
    assert note is not None and note.text.startswith("since e = a - d wherever heaviside(a - d) = 1 (e = maximum(0, ")
    assert note.facts == r"\mathbf{e} = \mathbf{a} - d \text{ wherever } H\mathopen{}\left(\mathbf{a} - d\right) = 1"
    assert note.why.startswith(r"$\mathbf{e} = ") and "wherever" not in note.why   # the definitions only


def test_a_clipped_name_whose_term_stays_states_nothing():
    """relu(x - t) kept in the result: no term is dropped, so nothing is said."""
    p = make_problem("sum(max(0, x - t)**2)", {"x": ["n"], "t": []}, wrt=["t"], steps=["e = max(0, x - t)"])
    assert used_facts(p, derive(p, "t")) == ()


def test_the_fact_says_sum_u_too_where_a_simplified_product_writes_it():
    """Review s35 item 9: layer-norm-affine's numerator product writes sum(u) while the Since line spoke of
    1^T u only; it reads 1^T u = sum(u) = 0 there. Layer normalisation without the gain keeps 1^T u = 0."""
    affine = ("g * ((x - mean(x)) / sqrt(mean((x - mean(x))**2) + c)) + b",
              {"x": ["n"], "g": ["n"], "b": ["n"], "c": []}, [*LAYER_NORM[2][:-1], "z = u / s", "y = g * z + b"])
    for (expression, variables, steps), says in ((LAYER_NORM, r"\mathbf{1}^{\top} \mathbf{u} = 0"), (affine,
            r"\mathbf{1}^{\top} \mathbf{u} = \operatorname{sum}\mathopen{}\left(\mathbf{u}\right) = 0")):
        p, d, facts = _facts(expression, variables, steps, "x")
        names = {v.name: symbol_latex(v.name, v.shape) for v in p.variables} | \
            {i.name: symbol_latex(i.name, i.shape) for i in d.intermediates}
        note = fact_note(p, d, facts, names)
        assert note is not None and note.facts == says


SOFTMAX_BATCH = ("-sum(T * log(exp(X @ W.T) / outer(exp(X @ W.T) @ ones(k), ones(k))))",
                 {"X": ["N", "n"], "W": ["k", "n"], "T": ["N", "k"]},
                 ["Z = X @ W.T", "E = exp(Z)", "P = E / outer(E @ ones(k), ones(k))", "L = -sum(T * log(P))"])


def test_the_parts_a_dropped_names_definition_cancels_are_stated():
    """Review s36 B-1: softmax regression's put-back writes P, its result does not, and the step needed
    (T / P) o (E / M^2) = T / M and ((T / P) / M) o E = T, unsaid. The parts are found (simplifier-proved) and
    worded in the page's names, the M of the put-back row's where-block among them."""
    from mcdocgen.present.naming import page_naming
    from mcdocgen.present.latex import McLatexPrinter
    from mcdocgen.present.texwidth import naming_width
    p = make_problem(*SOFTMAX_BATCH[:2], wrt=["W"], steps=SOFTMAX_BATCH[2])
    d = derive(p, "W")
    facts = used_facts(p, d)
    assert [(f.name, f.kind) for f in facts] == [("P", Kind.DEFINITION)] * 2
    names = {v.name: symbol_latex(v.name, v.shape) for v in p.variables} | \
        {i.name: symbol_latex(i.name, i.shape) for i in d.intermediates}
    printer = McLatexPrinter(names, d.function)
    naming = page_naming(p, [d], lambda n: naming_width(printer.doprint(n)))
    note = fact_note(p, d, facts, names, naming)
    assert note is not None
    # the definition first (review s37 C-1): "= T (P = E / M)" read as T applied to something
    assert note.text == "since P = E / M, T / P * (E / M**2) = T / M and T / P / M * E = T, the result reads:"
    assert note.given == r"$P = E \oslash M$" and note.why == ""


@pytest.mark.parametrize(("expression", "variables", "steps", "wrt"), [
    # the put-back row fits a line and writes no name: sin(x^3) / sin(x^3)^2 is seen cancelling
    ("log(sin(x**3)**2)", {"x": []}, ["u = x**3", "v = sin(u)", "s = v**2", "y = log(s)"], "x"),
    # the names' own algebra (Y a b^T + Y b a^T = Y (a b^T + b a^T)), not a definition, drops Y
    ("a.T @ (X @ X).T @ X @ X @ b", {"X": ["n", "n"], "a": ["n"], "b": ["n"]}, ["Y = X @ X", "f = a.T @ Y.T @ Y @ b"], "X"),
])
def test_no_definition_fact_where_the_page_shows_no_cancelling_name(expression, variables, steps, wrt):
    p = make_problem(expression, variables, wrt=[wrt], steps=steps)
    d = derive(p, wrt)
    assert fact_note(p, d, used_facts(p, d), {}) is None


def test_a_clipped_names_fact_on_the_page_defines_nothing_the_where_block_above_defines():
    """Review s36 B-3: Huber's Since line defined e, r and a again in brackets, under the put-back row's where-block
    that defines a and e; the page now says only the fact."""
    from mcdocgen.present.naming import page_naming
    from mcdocgen.present.latex import McLatexPrinter
    from mcdocgen.present.texwidth import naming_width
    expression, variables = HUBER[0].replace("d", "k"), {"x": ["n"], "t": [], "k": []}
    p = make_problem(expression, variables, wrt=["t"], steps=[s.replace("d", "k") for s in HUBER[2]],
                     assume={"k": ["positive"]})
    d = derive(p, "t")
    names = {v.name: symbol_latex(v.name, v.shape) for v in p.variables} | \
        {i.name: symbol_latex(i.name, i.shape) for i in d.intermediates}
    printer = McLatexPrinter(names, d.function)
    note = fact_note(p, d, used_facts(p, d), names, page_naming(p, [d], lambda n: naming_width(printer.doprint(n))))
    assert note is not None and note.why == ""
    assert note.text == "since e = a - k wherever heaviside(a - k) = 1, the result reads:"


def test_a_definitions_parts_are_said_where_the_put_back_row_writes_the_names_only():
    """The page's put-back row writes M (with its where-block, as the Result does) and P put back (the Result
    writes no P: review s40 P2); M hides what cancels, so the page says the parts P's definition cancels with P put
    back, as the row writes them, and no "Since P = E / M" over a P it never shows (review s41 P2-1); a handout and
    the terminal write that row out: they do not say it."""
    from pathlib import Path

    from mcdocgen.catalog import HandoutSpec, load_catalog
    from mcdocgen.commands.pipeline import run_problem
    from mcdocgen.language import Layout
    from mcdocgen.publish.handout import render_handout
    from mcdocgen.publish.terminal import render_terminal
    catalog = load_catalog(Path(__file__).resolve().parent.parent / "derivations.yaml")
    view = run_problem(next(p for p in catalog.problems if p.id == "ml-softmax-regression-batch"), plots=False).view
    note = view.results[0].fact_note
    assert note is not None and note.given == "" and "P" not in note.facts
    assert note.facts.startswith(r"\left(T \oslash \left(E \oslash M\right)\right) \circ \left(E \oslash M^{\circ 2}\right)"
                                 r" = T \oslash M \text{ and }"), note.facts
    rows = [" ".join(lay.displays.put_back) for lay in view.results[0].layouts]
    assert all(r"E \oslash M" in row and "P" not in row for row in rows), rows
    assert note.facts not in render_handout(HandoutSpec("x"), [view], "solutions")
    assert "the result reads" not in render_terminal(view, Layout.NUMERATOR)


def test_a_part_a_definition_cancels_in_a_row_of_declared_variables_alone_is_not_said():
    """Written out in the declared variables alone, a row shows what cancels (scalar-chain's sin(x^3) / sin(x^3)^2):
    no sentence."""
    from pathlib import Path

    from mcdocgen.catalog import load_catalog
    from mcdocgen.commands.pipeline import run_problem
    catalog = load_catalog(Path(__file__).resolve().parent.parent / "derivations.yaml")
    for pid in ("scalar-chain", "ml-log-sum-exp"):
        view = run_problem(next(p for p in catalog.problems if p.id == pid), plots=False).view
        assert view.results[0].fact_note is None, pid


def test_a_definition_fact_the_numbers_deny_is_not_stated(monkeypatch):
    """A definition's fact is proved by the simplifier and confirmed by numbers: one that is false at a sampled point
    (planted here: the simplifier's side doubled) is not stated, the true ones are."""
    import mcdocgen.checks.setup_facts as S
    p = make_problem(*SOFTMAX_BATCH[:2], wrt=["W"], steps=SOFTMAX_BATCH[2])
    d = derive(p, "W")
    honest, true = used_facts(p, d), S.definition_facts

    def planted(*args):
        first, *rest = true(*args)
        wrong = replace(first, sides=(first.sides[0], E.mul(E.num(2), first.sides[1])))
        return (wrong, *rest)

    monkeypatch.setattr(S, "definition_facts", planted)
    assert len(honest) == 2 and used_facts(p, d) == honest[1:]
