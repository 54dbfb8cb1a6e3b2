"""mcdocgen.present.errata: an erratum's page data shows the source's form in each layout beside the
verified result, and states what the check found; the page renders it in a box under the result."""

from __future__ import annotations

import re
from dataclasses import replace

from problem_factory import make_problem
from mcdocgen import language as E
from mcdocgen.catalog import Expected
from mcdocgen.catalog.records import Erratum, ErratumKind
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.present.lines import equation_rows, expression_rows
from mcdocgen.present.views import problem_view
from mcdocgen.publish.render import render_derivatives


def view_of(expression, variables, wrt, stated, kind=ErratumKind.ERROR):
    p = make_problem(expression, variables, [wrt])
    node = None if stated is None else Expected(stated, E.parse(stated, p.scope()), 1)
    p = replace(p, errata=(Erratum(wrt, "the gradient is 2 A x.", "It is (A + A^T) x.", node, 1, kind),))
    d = derive(p, wrt)
    return problem_view(p, [d], [verify(p, d)], plots=False)


def test_the_stated_form_is_transposed_in_numerator_layout_beside_the_result():
    (e,) = view_of("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", "2 * A @ x").errata
    assert (e.variable, e.confirmed) == ("x", True) and e.check.startswith("erratum confirmed")
    num, den = (next(lay for lay in e.layouts if lay.layout == name) for name in ("numerator", "denominator"))
    assert den.stated_shape == "(n, 1)" and num.stated_shape == "(1, n)"
    assert num.result_shape == "(1, n)" and den.result != num.result


def test_a_stated_form_of_another_shape_is_shown_as_the_source_gives_it():
    (e,) = view_of("relu(x)", {"x": ["n"]}, "x", "heaviside(x)").errata
    assert {lay.stated_shape for lay in e.layouts} == {"(n, 1)"} and {lay.result_shape for lay in e.layouts} == {"(n, n)"}


def test_a_scalar_by_a_scalar_shows_its_stated_form_once_and_never_transposed():
    """A student review found 1^T in neuron-sum-by-bias's box: a scalar has no transpose, and where the page
    shows its steps once (both layouts alike), the box shows the source's form once, without tabs."""
    view = view_of("sum(w * x)", {"w": ["n"], "x": ["n"], "b": []}, "b", "1")
    (e,) = view.errata
    assert [(lay.stated, lay.result) for lay in e.layouts] == [("1", "0")] and e.confirmed
    box = (page := render_derivatives(view))[page.index("!!! warning"):page.index("*Checked:*")]
    assert "===" not in box and "^{\\top}" not in box
    assert "is 2 A x.\n\n    The source's form, of shape $(1, 1)$:\n\n    $$\n    1\n    $$\n" in box, box


def test_words_only_is_not_applicable_and_the_page_shows_the_box_under_its_result():
    view = view_of("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", None)
    (e,) = view.errata
    assert e.confirmed is None and e.check.startswith("not applicable")
    assert all(lay.stated == "" for lay in e.layouts)
    page = render_derivatives(view)
    assert '!!! warning "Erratum for $\\frac{\\partial f}{\\partial \\mathbf{x}}$"' in page and "**The source says** the gradient is 2 A x." in page
    assert page.index("Erratum") < page.index("How this was checked")
    # no form stated: no tabs, the verified result being the one just above the box
    box = page[page.index("!!! warning"):page.index("*Checked:*")]
    assert "===" not in box and "$$" not in box
    stated = render_derivatives(view_of("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", "2 * A @ x"))
    assert '    === "Numerator"\n\n        The source\'s form, transposed into this layout, of shape $(1, n)$:\n\n        $$\n' in stated
    assert '    === "Denominator"\n\n        The source\'s form, of shape $(n, 1)$:\n\n        $$\n' in stated
    assert "        The **verified result**, of shape $(1, n)$:\n\n        $$\n" in stated


def test_the_forms_are_displays_broken_for_a_phone_as_the_page_s_other_math():
    """Inline in a sentence, a bracketed form cannot break and scrolled sideways in the box on a phone:
    each form is a display, in the rows present.lines breaks it into (one where it fits)."""
    view = view_of("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", "2 * A @ x")
    (e,) = view.errata
    for lay in e.layouts:
        assert lay.stated_rows == expression_rows(lay.stated) and lay.result_rows == equation_rows(e.lhs, lay.result)
    long = "(x + 2 * x) * (A @ x + A.T @ x + 3 * A @ A @ x + A.T @ A.T @ x + 5 * A @ A.T @ x)"
    (e,) = view_of("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", long).errata
    assert all(len(lay.stated_rows) > 1 for lay in e.layouts), e.layouts
    page = render_derivatives(view_of("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x", long))
    box = page[page.index("!!! warning"):page.index("*Checked:*")]
    assert "\\begin{aligned}" in box and not re.search(r"(?<!\$)\$[^$\n]*\\left\(", box), box


def test_each_box_states_its_own_finding_where_a_variable_has_several_errata():
    p = make_problem("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, ["x"])
    errata = tuple(Erratum("x", f"the gradient is {s}.", "It is (A + A^T) x.", Expected(s, E.parse(s, p.scope()), 1), 1)
                   for s in ("2 * A @ x", "A @ x", "log(-exp(x))"))
    p = replace(p, errata=errata)
    d = derive(p, "x")
    views = problem_view(p, [d], [verify(p, d)], plots=False).errata
    assert [e.confirmed for e in views] == [True, True, None]
    # each box's own finding; the form it is about is the box's math, never the catalog's language
    for view, stated in zip(views, ("2 * A @ x", "A @ x", "log(-exp(x))"), strict=True):
        assert view.check.count("the stated form") == 1 and stated not in view.check and "'" not in view.check
        assert view.says == f"the gradient is {stated}." and view.note == "It is (A + Aᵀ) x."   # plain_math
    assert views[0].check.startswith("erratum confirmed: the stated form differs")
    assert views[2].check.startswith("not applicable: the stated form cannot be evaluated")
    page = render_derivatives(problem_view(p, [d], [verify(p, d)], plots=False))
    assert page.count("*Checked:* erratum confirmed") == 2 and page.count("*Checked:* not applicable") == 1


def test_a_transposed_form_is_shown_as_the_source_prints_it_and_said_to_be_transposed():
    """A review found ((cos X)^T)^T as "the source's form" of the Cookbook's cos(X)^T in numerator layout: a
    double transpose no source prints. The numerator tab shows the transpose's argument, and says it is the
    source's form transposed into this layout; the denominator tab shows the form as the source prints it."""
    (e,) = view_of("tr(sin(X))", {"X": ["n", "n"]}, "X", "cos(X).T").errata
    num, den = (next(lay for lay in e.layouts if lay.layout == name) for name in ("numerator", "denominator"))
    assert "top" not in num.stated and num.transposed, num.stated
    assert den.stated.count("top") == 1 and not den.transposed, den.stated


def test_each_kind_of_erratum_frames_its_box_in_its_own_words():
    """A review: the Cookbook's cos(X)^T is right for the matrix sine, a different function, not an error; the
    symmetric-matrix boxes said "the source is wrong" where the section below calls it the other convention."""
    args = ("tr(sin(X))", {"X": ["n", "n"]}, "X", "cos(X).T")
    boxes = {kind: render_derivatives(view_of(*args, kind)) for kind in ErratumKind}
    assert '!!! warning "Erratum for $' in boxes[ErratumKind.ERROR]
    assert '!!! warning "Erratum (convention) for $' in boxes[ErratumKind.CONVENTION]
    function = boxes[ErratumKind.FUNCTION]
    assert '!!! note "A different function, not an erratum:' in function and "!!! warning" not in function
    assert "*Checked:* not this function's derivative (confirmed): the stated form differs" in function
    assert "erratum confirmed" not in function and "erratum confirmed" in boxes[ErratumKind.ERROR]
    assert all("source is wrong" not in page for page in boxes.values())


def test_a_long_verified_result_uses_the_names_of_the_result_above_it():
    """The Result writes P^-T X^T (B - ...) with "where P = A + X^T C X" (not M, beside the size m: review s45); the
    box's verified result wrote (A + X^T C X) out four times and broke inside its brackets even at 1280 px (review s36
    C-1)."""
    view = view_of("tr(inv(A + X.T @ C @ X) @ (X.T @ B @ X))", {"A": ["m", "m"], "X": ["n", "m"], "C": ["n", "n"],
                   "B": ["n", "n"]}, "X", "2 * B @ X @ inv(A + X.T @ C @ X)")
    (result,) = view.results
    (e,) = view.errata
    for lay, page in zip(e.layouts, result.layouts, strict=True):
        # the page's Result says its names, or the put-back row just above it does (layoutviews: not twice in a row)
        shown = page.displays.result_where or page.displays.put_back_where
        assert shown, "the page names nothing: the test no longer tests anything"
        assert lay.result_where == shown
        assert "".join(lay.result_rows).count(r"X^{\top} C X") == 0, lay.result_rows
    box = render_derivatives(view)
    box = box[box.index("!!! warning"):box.index("*Checked:*")]
    assert re.search(r"where \$P = A \+ X\^\{\\top\} C X\$", box), box
