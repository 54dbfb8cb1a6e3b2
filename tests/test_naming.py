"""mcdocgen.present.naming: repeated subexpressions written once under a name ("where M = ...")."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, seed, settings
from hypothesis import strategies as st

from mcdocgen import language as E
from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.commands.trial import problem_from_entry, trial_entry
from mcdocgen.engine import layout as L
from mcdocgen.language import Layout, shapes
from mcdocgen.language.canonical import canonical
from mcdocgen.language.vocabulary import Fn
from mcdocgen.language.walks import free_vars, walk
from mcdocgen.engine.simplify import simplify
from mcdocgen.present import naming as N
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.setupnames import NAMES_WIDTH
from mcdocgen.present.stepparts import StepParts
from mcdocgen.present.texwidth import naming_width
from mcdocgen.publish.terminal import render_terminal

ROOT = Path(__file__).resolve().parent.parent
NAMED = ("cookbook-det-second-derivative", "ml-layer-norm", "ml-layer-norm-affine", "ml-two-layer-network",
         "ml-kl-gaussians", "inverse-by-scalar", "ex5-least-squares", "ml-softmax-jacobian",
         "ml-softmax-regression-batch", "ml-gp-marginal-likelihood", "cookbook-det-power", "cookbook-det-general-form",
         "cookbook-inverse-by-scalar", "ml-rayleigh-quotient", "neuron-loss", "ml-huber-location")
n = shapes.size_symbol("n")
A, B, C = (E.var(name, shapes.square(n)) for name in "ABC")
t = E.var("t", shapes.SCALAR)
PRINTER = McLatexPrinter()


def _width(node: E.Node) -> float:
    return naming_width(PRINTER.doprint(node))


@pytest.fixture(scope="module")
def outcomes():
    catalog = load_catalog(ROOT / "derivations.yaml")
    return {p.id: (p, run_problem(p, plots=False)) for p in catalog.problems if p.id in NAMED}


def _naming(outcome):
    problem, out = outcome
    return N.page_naming(problem, out.derivations, lambda node: naming_width(McLatexPrinter().doprint(node)))


def _rows(outcome):
    return [row for d in outcome[1].derivations if d.ok for lay in Layout
            for row in (L.result(d, lay), L.put_back(d, lay)) if row is not None]


def test_putting_the_names_back_gives_exactly_each_row(outcomes):
    """The named row is the checked result by construction: its names put back give the very tree."""
    named = 0
    for pid, outcome in outcomes.items():
        naming = _naming(outcome)
        for row in _rows(outcome):
            shown = naming.apply(row)
            assert naming.put_back(shown) == row, pid
            named += shown != row
    assert named >= 10


def test_no_name_clashes_with_a_name_the_problem_uses(outcomes):
    for pid, (problem, out) in outcomes.items():
        naming = _naming((problem, out))
        used = {v.name for v in problem.variables} | {w for v in problem.variables for w in v.shape.as_list()}
        used |= {i.name for d in out.derivations for i in d.intermediates} | {d.function for d in out.derivations}
        own = {i.name: (i.value, simplify(i.value)) for d in out.derivations for i in d.intermediates
               if i.from_catalog or i.name == d.function}
        letters = [name.var.name for name in naming.names]
        assert len(set(letters)) == len(letters), pid
        for name in naming.names:   # a new letter, or the catalog's own name for that very part (its sum grouped as may be)
            own_parts = StepParts(dict.fromkeys(own.get(name.var.name, ()), name.var.name))
            assert name.var.name not in used | N.RESERVED or naming.put_back(name.var) in own_parts, pid


def test_a_part_the_catalog_names_keeps_its_name(outcomes):
    """The two-layer network's steps say z = tanh(a): the page writes z, not a new letter."""
    naming = _naming(outcomes["ml-two-layer-network"])
    held = {var.name for _, var in naming.held}      # the steps' other parts, written beside z where they pay
    assert [(x.var.name, E.try_text(x.definition)) for x in naming.names if x.var.name not in held] == \
        [("z", "tanh(a)")]     # in the steps' own names (setupnames: all or none), a = W x + b held
    assert held <= {i.name for d in outcomes["ml-two-layer-network"][1].derivations for i in d.intermediates
                    if i.from_catalog}


def test_a_part_the_steps_name_keeps_that_name_where_the_result_is_simplified_or_inner_parts_named(outcomes):
    """The notation page's rule, met where the part is written otherwise (a reader review): softmax's result
    diag(s) - s s^T names the function's own value s (its steps wrote exp(z) / sum(exp(z))), not a new w;
    layer norm's put-back row names sqrt(mean(u^2) + c) the steps' s, not r, after u was named."""
    softmax = _naming(outcomes["ml-softmax-jacobian"])
    assert ("s", "softmax(z)") in [(x.var.name, E.try_text(x.definition)) for x in softmax.names]
    assert "w" not in [x.var.name for x in softmax.names]
    layer = _naming(outcomes["ml-layer-norm"])
    assert ("s", "sqrt(v + c)") in [(x.var.name, E.try_text(x.definition)) for x in layer.names]
    assert "r" not in [x.var.name for x in layer.names]


def test_a_part_the_steps_name_keeps_its_name_where_the_result_groups_its_terms_otherwise(outcomes):
    """Review s37 B-4: the steps' Y = A + tB + t^2 C stands in the result as (A + tB) + t^2 C, a sum grouped otherwise;
    the Results wrote det(M) tr(M^-1 ...) with M = A + tB + t^2 C, one matrix under two names. They write Y."""
    naming = _naming(outcomes["cookbook-det-general-form"])
    assert [(x.var.name, E.try_text(x.definition)) for x in naming.names] == [("Y", "A + t * B + t**2 * C")]
    for r in outcomes["cookbook-det-general-form"][1].view.results:
        for lay in r.layouts:
            assert lay.where == ("Y = A + t\\,B + t^{2}\\,C",) and r"\det\mathopen{}\left(Y\right)" in lay.named_result


def test_a_part_the_steps_name_inside_a_repeated_part_is_named_first(outcomes):
    """Review s35 item 14: the batch softmax's put-back row named R = T / (E / M) although the steps name
    P = E / (E 1 1^T); it reads T / P now. The GP page (item 19) writes the steps' C^{-1}, not M = (K + s I)^{-1}."""
    batch = [(x.var.name, E.try_text(x.definition)) for x in _naming(outcomes["ml-softmax-regression-batch"]).names]
    assert ("P", "E / M") in batch and "R" not in [name for name, _ in batch]
    gp = [(x.var.name, E.try_text(x.definition)) for x in _naming(outcomes["ml-gp-marginal-likelihood"]).names]
    assert [name for name, _ in gp] == ["C"]


def test_the_determinant_page_names_the_matrix_as_a_textbook_does(outcomes):
    naming = _naming(outcomes["cookbook-det-second-derivative"])
    first = naming.names[0]
    assert (first.var.name, E.try_text(first.definition)) == ("M", "A + t * B + t**2 * C")
    assert len(naming.names) <= N.MAX_NAMES
    view = outcomes["cookbook-det-second-derivative"][1].view
    for r in view.results:
        # the same names in both layouts; the full result stays the report's (the interface)
        named = {lay.layout: lay for lay in r.layouts}
        assert named[Layout.NUMERATOR].where[0] == named[Layout.DENOMINATOR].where[0] == "M = A + t\\,B + t^{2}\\,C"
        for lay in r.layouts:
            assert "A + t" not in lay.named_result and "A + t" in lay.result.latex
            assert "A + t" not in "".join(lay.displays.result)
            assert lay.displays.result_where and lay.result_text == E.flat_text(L.result(
                next(d for d in outcomes["cookbook-det-second-derivative"][1].derivations if d.wrt == r.wrt
                     and d.order == r.order), lay.layout))


def test_a_definition_uses_only_names_defined_before_it(outcomes):
    naming = _naming(outcomes["ml-layer-norm"])
    held = {var.name for _, var in naming.held}     # the steps' parts named only beside another (setupnames)
    assert [name.var.name for name in naming.names if name.var.name not in held][:2] == ["u", "s"]  # u, then s
    seen: set[str] = set()
    for name in naming.names:
        assert free_vars(name.definition) & {m.var.name for m in naming.names} <= seen
        seen.add(name.var.name)


def test_a_row_that_fits_a_line_gets_no_name(outcomes):
    """-(A + tB)^{-1} B (A + tB)^{-1} repeats a part, but fits a phone's line: written out."""
    view = outcomes["inverse-by-scalar"][1].view
    lay = view.results[0].layouts[0]
    assert naming_width(lay.result.latex) <= NAMES_WIDTH
    assert not lay.where and not lay.named_result and not lay.displays.result_where


def test_a_row_that_fits_a_line_writes_a_part_of_the_steps_it_repeats_by_the_steps_name(outcomes):
    """Layer normalisation's Jacobian fits a line but wrote x - mean(x) four times: the reader met u in the
    steps, and the result reads (I - 1 1^T / n - u u^T / (n s^2)) / s, s the steps' sqrt(mean(u^2) + c)
    (its square is s^2: present.roots)."""
    problem, out = outcomes["ml-layer-norm"]
    naming = _naming((problem, out))
    assert {"u", "s"} <= naming.steps and "M" not in naming.steps
    for lay in out.view.results[0].layouts:
        assert naming_width(lay.result.latex) <= NAMES_WIDTH
        # the definitions in the set-up's names, as the steps wrote them (setupnames: all or none)
        assert lay.where == (r"m = \operatorname{mean}\mathopen{}\left(\mathbf{x}\right)", r"\mathbf{u} = \mathbf{x} - m",
                             r"v = \operatorname{mean}\mathopen{}\left(\mathbf{u}^{\circ 2}\right)", r"s = \sqrt{v + c}"), lay.where
        assert lay.named_result.count(r"\mathbf{u}") == 2 and r"\mathbf{x}" not in lay.named_result   # u u^T; s holds two
        assert "s^{2}" in lay.named_result and r"\sqrt" not in lay.named_result, lay.named_result
        assert naming.put_back(naming.for_row(L.result(out.derivations[0], lay.layout), PRINTER.doprint)) == \
            L.result(out.derivations[0], lay.layout)


def test_a_result_writes_a_part_the_steps_set_up_where_it_repeats_however_narrow(outcomes):
    """Review s37 C-2: Results printed a set-up name's value twice. The Cookbook's inverse by a scalar sets up
    Y = A + tB and now reads -Y^{-1} B Y^{-1} (a row that fits a line, a part narrower than MIN_WIDTH; Y^{-1}, not
    the steps' F = Y^{-1}); the Rayleigh quotient's t = x^T x, two em wide; neuron-loss's z = X w + b in a row
    too wide for a phone, which now fits one. Review s39: with the other set-up names they hold, all or none
    (the Rayleigh quotient's p = x^T A x beside t, neuron-loss's u = relu(z) beside z)."""
    wanted = {"cookbook-inverse-by-scalar": ("-inv(Y).T @ B.T @ inv(Y).T", ("Y = A + t * B",)),
              "ml-rayleigh-quotient": ("2 * (t * A @ x - p * x) / t**2", ("p = dot(x, A @ x)", "t = dot(x, x)")),
              "neuron-loss": ("2 * X.T @ (heaviside(z) * (u - y)) / N", ("z = X @ w + b", "u = relu(z)"))}
    for pid, (result, where) in wanted.items():
        lay = next(lay for lay in outcomes[pid][1].view.results[0].layouts if lay.layout is Layout.DENOMINATOR)
        assert (lay.named_result_text, lay.where_text) == (result, where), pid
        assert naming_width(lay.named_result) <= NAMES_WIDTH and "".join(lay.displays.result_where or lay.displays.put_back_where), pid


def test_a_row_too_wide_that_writes_a_name_of_the_steps_writes_the_others_it_holds(outcomes):
    """Huber's result set up r = x - t, a = |r| and e = max(0, a - k), but read -sum(sign(x - t) o (|x - t| - e)):
    the row needed only e to fit a phone, so a and r were written out. It writes all three now."""
    for lay in outcomes["ml-huber-location"][1].view.results[0].layouts:
        assert lay.named_result_text == "-sum(sign(r) * (a - e))", lay.named_result_text
        assert lay.where_text == ("r = x - t", "a = abs(r)", "e = maximum(0, a - k)"), lay.where_text


def test_both_layouts_write_the_same_names(outcomes):
    """One set of names a page: det-power's denominator put-back needs f = det(X^3) to fit a phone's line, so the
    numerator's writes f too (it wrote det(X^3)(M X^2 + ...) beside the other tab's f((X^2)^T M^T + ...))."""
    layouts = outcomes["cookbook-det-power"][1].view.results[0].layouts
    wheres = [lay.displays.put_back_where for lay in layouts]
    assert wheres[0] == wheres[1] and any("f" in row for row in wheres[0]), wheres
    for lay in layouts:
        assert r"\det" not in "".join(lay.displays.put_back), lay.displays.put_back


def test_a_row_that_writes_a_name_of_the_steps_writes_the_others_it_holds(outcomes):
    """Layer normalisation by g wrote diag(u / sqrt(mean(u^2) + c)), then diag(u / s) beside the steps' z = u / s
    (review s39: set-up names half used). All of them make diag(z), the chain's product again: the Result takes the
    names but that one, diag(u / s) where u and s (layoutviews; written out over three phone lines it read worse)."""
    _, out = outcomes["ml-layer-norm-affine"]
    by_g = next(r for r in out.view.results if r.wrt == "g")
    for lay in by_g.layouts:
        assert lay.named_result_text == "diag(u / s)", lay.named_result_text
        assert [w.split(" = ")[0] for w in lay.where] == ["m", r"\mathbf{u}", "v", "s"], lay.where   # u, s as the steps


def test_a_page_where_nothing_repeats_is_unchanged(outcomes):
    problem, out = outcomes["ex5-least-squares"]
    assert _naming((problem, out)) == N.NO_NAMES
    for r in out.view.results:
        for lay in r.layouts:
            assert lay.shown_result == lay.result.latex and not lay.where_text


def test_the_terminal_prints_the_where_lines(outcomes):
    text = render_terminal(outcomes["cookbook-det-second-derivative"][1].view, Layout.DENOMINATOR)
    # Q = B + 2tC pays in the second derivative (three times), not in the first (once): written out there (Q: N and
    # P are left out beside the size n and the table's P_1)
    assert "  result:   df/dt = det(M) * tr(inv(M) @ (B + 2 * t * C))   (1, 1)\n  where     M = A + t * B + t**2 * C\n" \
        in text
    assert "  where     M = A + t * B + t**2 * C\n  where     Q = B + 2 * t * C\n" in text


def test_a_name_is_written_only_in_a_row_where_it_pays():
    """A row keeps a name that stands in it twice, or without which it would not fit a phone's line;
    one met once in a row too wide either way is written out (its "where" line would cost more)."""
    m = E.add(A, E.mul(t, B), E.mul(E.power(t, E.num(2)), C))
    nn = E.add(E.mul(E.mul(E.num(2), t), C), B)
    hessian = E.mul(E.det(m), E.add(E.trace(E.matmul(E.matmul(nn, E.inv(m)), nn)), E.trace(E.matmul(E.inv(m), C))))
    first = E.mul(E.det(m), E.trace(E.matmul(E.inv(m), nn)))
    naming = N.choose([[hessian, first]], {"A", "B", "C", "t"}, _width)
    assert [x.definition for x in naming.names] == [m, nn]
    assert {x.var.name for x in naming.used([naming.for_row(hessian, PRINTER.doprint)])} == {"M", "N"}
    shown = naming.for_row(first, PRINTER.doprint)
    assert [x.definition for x in naming.used([shown])] == [m]      # det(M) tr(M^-1 (B + 2tC))
    assert naming.put_back(shown) == first
    short = E.trace(E.matmul(E.inv(m), C))
    assert naming.for_row(short, PRINTER.doprint) == short          # fits a line: no name at all


def test_a_sum_in_the_other_layouts_order_is_the_same_named_part():
    """cookbook-bilinear-square-gram named a b^T + b a^T in the denominator layout only: the numerator's
    transposed row has b a^T + a b^T. Both now read M, and putting M back gives each row up to that order."""
    a, b = (E.var(name, shapes.column(n)) for name in "ab")
    one, other = E.add(E.outer(a, b), E.outer(b, a)), E.add(E.outer(b, a), E.outer(a, b))
    den = E.add(*(E.matmul(E.matmul(X, one), Y) for X, Y in ((A, B), (B, C), (C, A))))
    num = E.add(*(E.matmul(E.matmul(Y, other), X) for X, Y in ((A, B), (B, C), (C, A))))
    naming = N.choose([[den, num]], {"A", "B", "C", "a", "b"}, _width)
    assert [x.definition for x in naming.names] == [one]
    for row in (den, num):
        shown = naming.for_row(row, PRINTER.doprint)
        assert [x.var.name for x in naming.used([shown])] == ["M"]
        assert N.same_row(naming.put_back(shown), row)
    assert naming.put_back(naming.apply(num)) != num        # the order of the definition's terms
    assert not N.same_row(E.add(E.outer(a, b), E.outer(a, b)), one)


def test_a_part_that_also_stands_outside_a_wider_repeated_part_is_named_first():
    """ml-logistic-regression named z = 1 - sigma(X w) and wrote sigma(X w) out beside it; the narrower
    part that stands outside the wider one is named, and the wider reads with it: s and 1 - s."""
    X, w, y = E.var("X", shapes.square(n)), E.var("w", shapes.column(n)), E.var("y", shapes.column(n))
    s = E.func(Fn.SIGMOID, E.matmul(X, w))
    rest = E.sub(E.num(1), s)
    row = E.matmul(E.transpose(X), E.mul(E.mul(s, rest),
                                              E.sub(E.div(E.sub(E.num(1), y), rest), E.div(y, s))))
    naming = N.choose([[row]], {"X", "w", "y"}, _width)
    assert [x.definition for x in naming.names] == [s]
    assert naming.put_back(naming.apply(row)) == row


def test_wrappers_count_as_occurrences_of_the_matrix_they_wrap():
    """inv(M), M^T and det(M) are written around the name M, never named themselves."""
    m = E.add(A, E.mul(t, B), E.mul(E.power(t, E.num(2)), C))
    row = E.mul(E.det(m), E.add(E.trace(E.matmul(E.inv(m), B)), E.trace(E.matmul(E.transpose(E.inv(m)), C)),
                               E.trace(E.matmul(E.inv(m), C))))
    naming = N.choose([[row]], {"A", "B", "C", "t"}, _width)
    assert [(x.var.name, x.definition) for x in naming.names] == [("M", m)]
    assert naming.put_back(naming.apply(row)) == row


def test_the_letter_skips_taken_names():
    m = E.add(A, E.mul(t, B), E.mul(E.power(t, E.num(2)), C))
    row = E.add(*(E.trace(E.matmul(E.inv(m), X)) for X in (A, B, C)))
    naming = N.choose([[row]], {"A", "B", "C", "t", "M", "N"}, _width)
    assert [x.var.name for x in naming.names] == ["P"]


_LEAF = st.sampled_from([A, B, C, E.mul(t, A), E.transpose(B)])


def _tree(depth: int) -> st.SearchStrategy[E.Node]:
    if depth == 0:
        return _LEAF
    sub = _tree(depth - 1)
    return st.one_of(_LEAF, st.builds(E.add, sub, sub), st.builds(E.matmul, sub, sub),
                     st.builds(E.inv, sub), st.builds(E.transpose, sub))


@seed(20261205)
@settings(max_examples=60, deadline=None)
@given(st.lists(_tree(3), min_size=1, max_size=3), st.integers(1, 3))
def test_any_naming_puts_back_exactly(parts, copies):
    """Random rows with planted repeats: every row comes back, exactly or up to a product's grouping and a transpose
    written out (a name for a run of a product's factors, N^T for a sum's transpose: ``language.canonical``), names
    never clash or overlap."""
    rows = [E.add(*(E.matmul(p, q) for p in parts for q in parts[:copies])), E.trace(E.add(*parts))]
    naming = N.choose([rows], {"A", "B", "C", "t"}, _width)
    assert len(naming.names) <= N.MAX_NAMES
    for row in rows:
        back = naming.put_back(naming.apply(row))
        assert back == row or canonical(back) == canonical(row)
    letters = {x.var.name for x in naming.names}
    assert not letters & {"A", "B", "C", "t"} and len(letters) == len(naming.names)
    for x in naming.names:    # a definition is not itself a leaf and is never a name
        assert not isinstance(x.definition, E.Var) and len(list(walk(x.definition))) > 1


def test_a_part_is_not_named_twice_in_another_order_nor_as_a_transpose():
    """a b^T + b a^T and b a^T + a b^T are one part; (XᵀBX)ᵀ-like transposes are never named."""
    a, b = (E.var(name, shapes.column(n)) for name in "ab")
    one, other = E.add(E.outer(a, b), E.outer(b, a)), E.add(E.outer(b, a), E.outer(a, b))
    row = E.add(*(E.matmul(E.matmul(m, X), m) for m in (one, other) for X in (A, B)))
    naming = N.choose([[row]], {"A", "B", "a", "b"}, _width)
    assert len([x for x in naming.names if x.definition in (one, other)]) == 1
    shifted = E.add(A, E.matmul(E.matmul(E.transpose(B), C), B))
    row = E.add(*(E.matmul(E.transpose(shifted), X) for X in (A, B, C)))
    naming = N.choose([[row]], {"A", "B", "C"}, _width)
    assert [x.definition for x in naming.names] == [shifted]     # M, written M^T where transposed
    assert naming.put_back(naming.apply(row)) == row


def test_the_handout_sets_the_named_result_and_its_where_line(outcomes):
    from mcdocgen.catalog import HandoutSpec
    from mcdocgen.publish import handout as H

    spec = HandoutSpec("names", "Names", "Course", "A. Teacher", "Week 1", ("cookbook-det-second-derivative",))
    tex = H.render_handout(spec, [outcomes["cookbook-det-second-derivative"][1].view], "solutions")
    assert r"\frac{\partial f}{\partial t} = \det\mathopen{}\left(M\right)" in tex
    assert r"\noindent where \mcfit{M = A + t\,B + t^{2}\,C, \quad Q = B + 2\,t\,C}" in tex


def test_a_sum_is_named_where_its_terms_stand_in_a_longer_sum(outcomes):
    """M - 1 1^T M / 3 with M = A/s - B B^T/(3s) + C C^T/(5s^2) written out: the sum M stands whole in one
    term and as terms side by side in the longer sum; the row reads M - 1 1^T M / 3 and comes back exactly
    (layer norm's Jacobian had this form before the engine wrote it shorter); so do the catalog's rows."""
    s = E.var("s", shapes.SCALAR)
    part = [E.div(A, s), E.neg(E.div(E.matmul(B, E.transpose(B)), E.mul(E.num(3), s))),
            E.div(E.matmul(C, E.transpose(C)), E.mul(E.num(5), E.power(s, E.num(2))))]
    ones = E.ones(shapes.column(n))
    row = E.add(*part, E.neg(E.div(E.matmul(E.matmul(ones, E.transpose(ones)), E.add(*part)), E.num(3))))
    naming = N.choose([[row]], {"A", "B", "C", "s", "n"}, _width)
    assert [E.to_text(x.definition) for x in naming.names] == [E.to_text(E.add(*part))]
    assert E.to_text(naming.apply(row)) == "M - ones(n) @ ones(n).T @ M / 3"
    assert naming.put_back(naming.apply(row)) == row
    naming = _naming(outcomes["ml-layer-norm"])
    for row in _rows(outcomes["ml-layer-norm"]):
        assert naming.put_back(naming.apply(row)) == row


def test_a_name_met_once_only_inside_another_definition_is_written_out_there():
    """cookbook-det-power read "... det(M) M^-T + N X^T ..., where M = XXX, s = det(M), N = s M^-T X^T":
    s stood only in N's definition, once; the row wrote det(M) itself. Written out there instead."""
    mv, sv, nv = E.var("M", shapes.square(n)), E.var("s", shapes.SCALAR), E.var("N", shapes.square(n))
    m = E.add(A, E.mul(t, B))
    names = (N.Name(mv, m), N.Name(sv, E.det(mv)), N.Name(nv, E.mul(sv, E.inv(mv))))
    naming = N.Naming(names)
    row = E.add(E.mul(E.det(mv), E.transpose(mv)), nv)
    assert naming.used([row]) == (names[0], N.Name(nv, E.mul(E.det(mv), E.inv(mv))))
    assert naming.put_back(row) == N.Naming(naming.used([row])).put_back(row)   # the same tree
    twice = (*names[:2], N.Name(nv, E.mul(E.mul(sv, sv), E.inv(mv))))          # s pays in N: kept
    assert N.Naming(twice).used([row]) == twice
    assert naming.used([E.add(row, E.mul(sv, A))]) == names                     # the row writes s: kept


def test_a_name_every_row_writes_beside_another_stays_in_the_others_definition():
    """mcdocgen try's Gini mean difference read "where M = x 1^T - 1 x^T" and right below it "N = sign(x 1^T -
    1 x^T)": M stood once in N's definition, and was written out there though every row writing N writes M too.
    Such a name stays: N = sign(M). One not written beside it is still written out (one spelling a name)."""
    x, one = E.var("x", shapes.column(n)), E.ones(shapes.column(n))
    m = E.sub(E.outer(x, one), E.outer(one, x))
    s = E.mean(x)
    sign = E.func(Fn.SIGN, m)
    top = E.add(E.mul(s, E.matmul(sign, one)), E.neg(E.mul(s, E.matmul(E.transpose(sign), one))),
                E.neg(E.mul(E.mean(E.func(Fn.ABS, m)), one)), E.mul(E.total(m), x))
    row = E.div(top, E.mul(E.power(E.num(n), E.num(2)), E.power(s, E.num(2))))
    naming = N.choose([[row]], {"x"}, _width)
    by = {x.var.name: x for x in naming.names}
    assert by["N"].definition == E.func(Fn.SIGN, by["M"].var)
    shown = naming.for_row(row, PRINTER.doprint)
    assert [x.var.name for x in naming.used([shown])] == ["M", "s", "N"]
    assert naming.put_back(shown) == row
    alone = N._written_out(naming.names, frozenset(), [E.matmul(by["N"].var, one)])     # N without M: written out
    assert [x.definition for x in alone if x.var.name == "N"] == [sign]


def test_a_name_for_a_square_root_also_names_its_square():
    """s = sqrt(w), a step's name: a row writing w beside sqrt(w) reads s^2 and s (as sigma^2 and sigma), and
    putting s back gives the row exactly (a row no catalog problem has)."""
    w = E.add(E.trace(E.matmul(A, B)), E.power(t, E.num(2)))
    root = E.func(Fn.SQRT, w)
    s = E.var("s", shapes.SCALAR)
    naming = N.Naming((N.Name(s, root),), ((root, s),), frozenset({"s"}))
    row = E.div(E.add(A, E.neg(E.div(B, w))), root)
    shown = naming.for_row(row, PRINTER.doprint)
    assert E.to_text(shown) == "(A - B / s**2) / s"
    assert naming.put_back(shown) == row
    alone = E.div(A, root)      # once, and no square: written out, as any step's name met once
    assert naming.for_row(alone, PRINTER.doprint) == alone


def test_a_sums_transpose_written_out_reads_as_the_names_transpose():
    """Review s38 (trace-quartic): the denominator Result wrote C^T X (X^T C^T X B B^T + B B^T X^T C^T X) + C X N, its
    bracket exactly N^T; and N was spelled B P X + ... under the put-back row, B B^T X^T C X + ... under the Result."""
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "cookbook-trace-quartic")
    out = run_problem(problem, plots=False)
    layouts = {lay.layout: lay for lay in out.view.results[0].layouts}
    # Q: M, N and P are left out beside the sizes m, n and p
    assert layouts[Layout.DENOMINATOR].named_result_text == "C.T @ X @ Q.T + C @ X @ Q"
    assert layouts[Layout.NUMERATOR].named_result_text == "Q @ X.T @ C + Q.T @ X.T @ C.T"
    spelled = {}
    for lay in layouts.values():
        for row in lay.displays.result_where + lay.displays.put_back_where:
            for line in row.split("\\\\"):
                name, _, definition = line.replace("&=", "=").partition("=")
                if definition:
                    assert spelled.setdefault(name.strip(), definition.strip()) == definition.strip(), line
    # one name: the put-back row's N = B^T X^T C is the table's U_2 there (present.putback), not a letter of its own
    assert spelled["Q"].startswith("B B^{\\top} X^{\\top} C X") and len(spelled) == 1, spelled
    naming = _naming((problem, out))
    for d in out.derivations:
        for lay in Layout:
            row = L.result(d, lay)
            assert N.same_row(naming.put_back(naming.for_row(row, PRINTER.doprint)), row)


def test_a_transpose_is_one_part_with_its_sum_but_a_products_is_not():
    """sameparts.transposed: the transpose of A B + C written out, B^T A^T + C^T in any order, is the part's occurrence;
    the transpose of a product, or a vector's, is not (B X M^{-1} reads better than B N^T)."""
    part = E.add(E.matmul(A, B), C)
    assert N._transposed(E.add(E.transpose(C), E.matmul(E.transpose(B), E.transpose(A))), part)
    assert not N._transposed(E.add(C, E.matmul(A, B)), part)     # the part itself, reordered
    assert not N._transposed(E.matmul(E.transpose(B), E.transpose(A)), E.matmul(A, B))
    row = E.add(E.matmul(A, part), E.matmul(E.add(E.transpose(C), E.matmul(E.transpose(B), E.transpose(A))), B))
    var = E.var("M", part.shape)
    named = N._replace(row, part, var)
    assert named == E.add(E.matmul(A, var), E.matmul(E.transpose(var), B))
    assert N.same_row(N._put(named, var, part), row) and N._put(named, var, part) != row


def test_a_steps_name_met_once_under_a_transpose_is_written():
    """Review s38: bilinear-square-gram's Result wrote (X^2)^T beside its set-up name Y = X^2: it writes Y^T."""
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == "cookbook-bilinear-square-gram")
    out = run_problem(problem, plots=False)
    lay = next(lay for lay in out.view.results[0].layouts if lay.layout is Layout.NUMERATOR)
    assert lay.named_result_text == "X @ M @ Y.T + M @ Y.T @ X", lay.named_result_text
    assert lay.where_text == ("M = a @ b.T + b @ a.T", "Y = X @ X")
    assert N.wrapped(E.transpose(E.matmul(A, B)), E.matmul(A, B)) and not N.wrapped(E.matmul(A, B), E.matmul(A, B))


def test_a_set_up_names_definition_is_written_in_the_set_ups_names(outcomes):
    """ml-softmax-regression-batch's result writes the steps' E and P: its where lines said E = exp(X W^T) beside
    the steps' Z = X W^T, E = exp(Z), one set-up name with another's definition spelt out; now as the steps."""
    naming = _naming(outcomes["ml-softmax-regression-batch"])
    definitions = {n.var.name: E.flat_text(n.definition) for n in naming.names}
    assert definitions["E"] == "exp(Z)" and definitions["Z"] == "X @ W.T", definitions
    used = naming.used([E.var("E", shapes.SCALAR)])
    assert [n.var.name for n in used] == ["Z", "E"], used     # the set-up's Z is defined, not written out in E


def test_the_set_up_parts_are_the_steps_chosen_names_then_those_held_beside_them(outcomes):
    """One list of the set-up's parts (``Naming.set_up_parts``), which ``named``, ``for_row`` and ``page_naming``
    all read: the chosen parts the steps name, in the order chosen, then the held ones; its names are ``set_up``."""
    held = 0
    for pid, outcome in outcomes.items():
        naming = _naming(outcome)
        parts = naming.set_up_parts()
        chosen = [pair for pair in naming.replaced if pair[1].name in naming.steps]
        assert parts == (*chosen, *naming.held), pid
        assert {var.name for _, var in parts} == naming.set_up(), pid
        held += bool(naming.held)
    assert held, "no page holds a set-up part beside a name: the test tests half of it"


def test_a_name_never_takes_the_letter_of_a_kink_s_slope():
    """mcdocgen try's Gini mean difference named s = mean(x) beside its kink note's slope s, and the subgradient set
    read {(s s 1 - s s^T 1 - ...) / (2 n^2 s^2) : s_i in [-1, 1] where M_i = 0, ...}: the slope's letter is taken."""
    problem = problem_from_entry(trial_entry("mean(abs(outer(x, ones(n)) - outer(ones(n), x))) / (2 * mean(x))",
                                             ["x:n"], ["x"], "gini"))
    out = run_problem(problem, plots=False)
    slopes = {k.slope for d in out.derivations for k in d.kinks if k.subgradient is not None}
    assert slopes == {"s"}, slopes
    names = {n.var.name: n.definition for n in _naming((problem, out)).names}
    assert names.get("r") == E.mean(E.var("x", shapes.column(n))) and not slopes & set(names)
    kink = out.view.results[0].kinks[0]
    # the slope's entries are ij, as the matrix M's (present.kinknotes)
    assert r"\frac{r\,s \mathbf{1}" in kink.subgradient and r"s_{ij} \in [-1, 1]" in kink.subgradient


def test_a_name_never_takes_a_one_letter_size_in_the_other_case():
    """The Gini mean difference's result read "r * N @ ones(n) - ... * n) / (2 n^2 r^2)" with N = sign(M) beside the
    size n (review s45 P3): a size's letter in either case is taken, and the sign matrix takes the next letter."""
    problem = problem_from_entry(trial_entry("mean(abs(outer(x, ones(n)) - outer(ones(n), x))) / (2 * mean(x))",
                                             ["x:n"], ["x"], "gini"))
    out = run_problem(problem, plots=False)
    names = {n.var.name: n.definition for n in _naming((problem, out)).names}
    assert "N" not in names and "n" not in names
    sign = next(name for name, definition in names.items() if isinstance(definition, E.Func) and definition.fn is Fn.SIGN)
    assert sign == "P"      # M the difference, N left out as the size n's capital
