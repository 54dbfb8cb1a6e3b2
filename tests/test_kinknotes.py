"""mcdocgen.present.kinknotes: a kink note is structured data, each part tagged with its kind, so that an
edition leaves a kind out (the student handout: the tool's checks) without matching any text."""

from __future__ import annotations

import ast
import inspect
from dataclasses import replace

from problem_factory import make_problem

from mcdocgen.checks.verify import verify
from mcdocgen.escape import tex_text
from mcdocgen.engine.derive import derive
from mcdocgen.present import kinknotes as K
from mcdocgen.present import views as V
from mcdocgen.present.handout import STUDENT_LEAVES_OUT, kink_text


def _kinks(expression, variables, wrt, assume=None):
    p = make_problem(expression, variables, [wrt], assume=assume)
    d = derive(p, wrt)
    return V.result_view(p, d, verify(p, d)).kinks


def test_a_corner_note_is_its_behaviour_then_its_asides_tagged_by_kind():
    (kink,) = _kinks("relu(dot(w, x) + b)", {"w": ["n"], "x": ["n"], "b": []}, "w")
    assert [n.kind for n in kink.notes] == [K.NoteKind.BEHAVIOUR, K.NoteKind.METHOD, K.NoteKind.CHECKS]
    # the site's sentence, as it was when it was one string (the pages' goldens hold it)
    assert kink.text == ("Away from the kink the result above holds; at it, the subgradients are the values of the "
                         "result with the step replaced by any slope in the interval (derived by the chain rule; "
                         "the numeric checks sample away from the kink):")
    assert kink_text(kink) == kink.text
    student = kink_text(kink, student=True)
    assert student.endswith("in the interval (derived by the chain rule):") and "check" not in student


def test_the_student_edition_leaves_out_by_kind_whatever_the_words():
    """Reworded checks aside: still left out (the old template matched the sentence's text)."""
    note = K.KinkView("x = 0", (K.KinkNote(K.NoteKind.BEHAVIOUR, "It holds away from it"),
                                K.KinkNote(K.NoteKind.CHECKS, "sampled off the corner by the tool"),
                                K.KinkNote(K.NoteKind.METHOD, "by one-sided slopes")), r"\{s\}")
    assert note.text == "It holds away from it (sampled off the corner by the tool; by one-sided slopes):"
    assert kink_text(note, student=True) == "It holds away from it (by one-sided slopes):"
    assert set(STUDENT_LEAVES_OUT) == {K.NoteKind.CHECKS}
    only = K.KinkView("x = 0", (K.KinkNote(K.NoteKind.BEHAVIOUR, "A"), K.KinkNote(K.NoteKind.CHECKS, "B")), "")
    assert kink_text(only, student=True) == "A." and only.text == "A (B)."


def test_notes_without_a_set_name_no_tool():
    (jump,) = _kinks("sign(x) + x**2", {"x": []}, "x")
    assert jump.subgradient == "" and "no subgradient" in jump.text and "mcdocgen" not in jump.text
    # what the derivative does at the jump (none) and beside it (one-sided values), not "zero away from it":
    # the result here is 2x
    assert "no derivative" in jump.text and "one-sided values" in jump.text and "zero away" not in jump.text
    shared = _kinks("abs(x) + relu(x)", {"x": []}, "x")
    assert shared and all("mcdocgen" not in k.text and k.text.endswith("no subgradient set is stated for it.")
                          for k in shared)


def test_kink_notes_do_not_simplify():
    imported = {a.name for n in ast.walk(ast.parse(inspect.getsource(K))) if isinstance(n, ast.ImportFrom)
                for a in n.names}
    assert "simplify" not in imported


def test_a_norm_has_its_corner_where_the_whole_vector_is_zero_not_one_entry():
    (kink,) = _kinks("norm(x - a)", {"x": ["n"], "a": ["n"]}, "x")
    assert not kink.undefined and kink.heading == "Where it is not differentiable"
    assert "_i" not in kink.where and kink.text.startswith("Only where every entry is zero at once")
    p = make_problem("norm(x - a)", {"x": ["n"], "a": ["n"]}, ["x"])
    d = derive(p, "x")
    (local,) = [lo for lay in V.result_view(p, d, verify(p, d)).layouts for lo in lay.locals if lo.kink][:1]
    assert "norm at most 1" in local.kink and "_i" not in local.kink and local.kink_label == "Kink in"


def test_a_power_above_one_flattens_the_corner():
    for expression in ("abs(x)**2", "sum(abs(x)**2)", "abs(x)**3"):
        shape = ["n"] if "sum" in expression else []
        assert _kinks(expression, {"x": shape}, "x") == (), expression


def test_a_corner_of_one_entry_stays_a_kink_under_a_power_or_a_log():
    # ||x||_1 has a corner where one entry is zero and the rest are not: its square has it too (the
    # derivative along x_i jumps from -2||x||_1 to 2||x||_1), and its log is defined there
    for expression in ("norm1(x)**2", "sum(abs(x))**2", "log(norm1(x))", "1 / norm1(x)"):
        (kink,) = _kinks(expression, {"x": ["n"]}, "x")
        assert not kink.undefined and kink.heading != "Where it is undefined", expression


def test_where_the_function_is_undefined_is_no_kink_and_the_note_names_the_factor_that_is_zero():
    for expression, variables, wrt, factor, local in (
            ("log(abs(det(X)))", {"X": ["n", "n"]}, "X", "the logarithm's argument |det(X)| is zero",
             r"the logarithm's argument $\left\lvert \det\mathopen{}\left(X\right) \right\rvert$ is zero"),
            ("1 / abs(x)", {"x": []}, "x", "the denominator |x| is zero",
             r"the denominator $\left\lvert x \right\rvert$ is zero"),
            ("(x - a) / norm(x - a)", {"x": ["n"], "a": ["n"]}, "x", "the denominator ‖x - a‖ is zero",
             r"the denominator $\left\lVert \mathbf{x} - \mathbf{a} \right\rVert$ is zero"),
            ("x + abs(x)**(-2)", {"x": []}, "x", "the base of a negative power |x| is zero", "negative power")):
        p = make_problem(expression, variables, [wrt])
        d = derive(p, wrt)
        (kink,) = V.result_view(p, d, verify(p, d)).kinks
        assert kink.undefined and kink.heading == "Where it is undefined" and kink.subgradient == "", expression
        assert kink.text.startswith(f"Here {factor}, so the function itself is undefined") and "slope" not in kink.text
        assert "(a logarithm, a division" not in kink.text      # no list of possible causes: the one there
        assert "?" not in tex_text(kink_text(kink, student=True)), expression   # the handout sets the factor too
        assert verify(p, d).subgradient is None, expression
        locals_ = [lo for lay in V.result_view(p, d, verify(p, d)).layouts for lo in lay.locals if lo.kink]
        assert locals_ and all(lo.kink_label == "No kink in" and "undefined" in lo.kink and local in lo.kink
                               for lo in locals_), expression


def test_a_kink_note_writes_the_names_of_the_result_above_it():
    """neuron-loss's Result reads 2/N X^T (H(z) o (u - y)), where z = X w + b, u = relu(z); its subgradient set
    spelt relu(X w + b) and (X w + b)_i under it. Now {2/N X^T (s o (u - y)) : s_i in [0, 1] where z_i = 0, ...}."""
    from pathlib import Path
    from mcdocgen.catalog import load_catalog
    from mcdocgen.commands.pipeline import run_problem
    root = Path(__file__).resolve().parent.parent
    problem = next(p for p in load_catalog(root / "derivations.yaml").problems if p.id == "neuron-loss")
    result = run_problem(problem, plots=False).view.results[0]
    assert {name for lay in result.layouts for name in lay.where_names} == {"z", "u"}
    (kink,) = result.kinks
    assert r"\operatorname{relu}" not in kink.subgradient and r"X \mathbf{w}" not in kink.subgradient, kink.subgradient
    assert r"\mathbf{u} - \mathbf{y}" in kink.subgradient and r"\text{ where } z_i = 0" in kink.subgradient



def _neuron_loss():
    """neuron-loss's first derivation, its verification and its page's naming, as problem_view makes them."""
    from pathlib import Path
    from mcdocgen.catalog import load_catalog
    from mcdocgen.engine.hessian import derive_hessian
    from mcdocgen.engine.notation import derive_page
    from mcdocgen.present import naming as N
    from mcdocgen.present.latex import McLatexPrinter
    from mcdocgen.present.texwidth import naming_width
    root = Path(__file__).resolve().parent.parent
    problem = next(p for p in load_catalog(root / "derivations.yaml").problems if p.id == "neuron-loss")
    derivations = derive_page(problem, derive, derive_hessian)
    plain = McLatexPrinter(V._names(problem, None))
    naming = N.page_naming(problem, derivations, lambda node: naming_width(plain.doprint(node)))
    d = derivations[0]
    return problem, d, McLatexPrinter(V._names(problem, d), d.function), naming


def test_a_kink_note_is_written_out_where_the_results_do_not_define_its_names():
    """The kink notes take the page's names only where the Results define each one they write: with none
    defined (``shown`` empty), neuron-loss's set is spelt out, as kink_view writes it with the plain printer."""
    _, d, p, naming = _neuron_loss()
    assert naming.names, "no names on neuron-loss's page: the test tests nothing"
    named = K.page_kink_views(d, p, naming, {"z", "u"})
    plain = K.page_kink_views(d, p, naming, ())
    assert plain == tuple(K.kink_view(k, d, p) for k in d.kinks) and plain != named
    assert r"\operatorname{relu}" in plain[0].subgradient and r"\operatorname{relu}" not in named[0].subgradient


def test_a_result_without_kinks_has_no_notes():
    _, d, p, naming = _neuron_loss()
    assert d.kinks and K.page_kink_views(replace(d, kinks=()), p, naming, {"z", "u"}) == ()


def test_a_diagonal_zero_whatever_the_variables_is_no_kink_and_the_place_says_off_it():
    """The Gini mean difference's |x_i - x_j|: the diagonal x_i - x_i is 0 for every x, so "where M_i = 0" (and the
    terminal's "M = 0") held everywhere; the place is an entry off the diagonal, a matrix's entry is ij."""
    gini = "mean(abs(outer(x, ones(n)) - outer(ones(n), x))) / (2 * mean(x))"
    (kink,) = _kinks(gini, {"x": ["n"]}, "x")
    assert kink.where.endswith(r"_{ij} = 0 \text{ for some } i \neq j")
    assert kink.notes[0].text.startswith("Every diagonal entry of ") and "is no kink" in kink.notes[0].text
    assert r"s_{ij} \in [-1, 1] \text{ where } " in kink.subgradient and r"= 0, \; i \neq j" in kink.subgradient
    assert r"s_{ij} = \operatorname{sign}" in kink.subgradient
    # the same rule for any argument: x y^T - y x^T's diagonal is 0 too
    (other,) = _kinks("sum(relu(x @ y.T - y @ x.T))", {"x": ["n"], "y": ["n"]}, "x")
    assert r"i \neq j" in other.where and other.notes[0].text.startswith("Every diagonal entry")


def test_a_diagonal_that_can_be_nonzero_keeps_the_plain_place():
    """x_i - y_j is zero on the diagonal only where x_i = y_i: a kink there, said as before (but as an entry ij)."""
    (kink,) = _kinks("sum(abs(outer(x, ones(n)) - outer(ones(n), y)))", {"x": ["n"], "y": ["n"]}, "x")
    assert kink.where.endswith("_{ij} = 0") and "neq" not in kink.subgradient
    assert not any("diagonal" in n.text for n in kink.notes)
    assert not _derived("sum(abs(outer(x, ones(n)) - outer(ones(n), y)))",
                        {"x": ["n"], "y": ["n"]}, "x").kinks[0].off_diagonal
    (vector,) = _kinks("sum(abs(x))", {"x": ["n"]}, "x")
    assert vector.where == "x_i = 0"


def _derived(expression, variables, wrt):
    return derive(make_problem(expression, variables, [wrt]), wrt)


def test_a_corner_under_a_power_says_what_depends_on_the_exponent():
    """Bridge regression's |w|^q: no set (the l1 set holds for q = 1 only); the cases by q's size where the power
    is the corner's alone, else only that it depends on q; |w|^0.5: infinite from both sides, sqrt(relu(w)): from one."""
    bridge = {"y": ["m"], "X": ["m", "n"], "w": ["n"], "c": [], "q": []}
    (kink,) = _kinks("norm(y - X @ w)**2 + c * sum(abs(w)**q)", bridge, "w")
    assert kink.subgradient == "" and kink.heading == "Where it may not be differentiable"
    assert kink.text.startswith("Away from the kink the result above holds. At it, what holds depends on the exponent q")
    assert "for q > 1 the function is differentiable there" in kink.text and "[-1, 1]" in kink.text
    assert "for 0 < q < 1 its slope there is infinite from both sides" in kink.text and "mcdocgen" not in kink.text
    (both,) = _kinks("sum(abs(w)**q + abs(w))", {"w": ["n"], "q": []}, "w")    # |w| keeps a corner for q > 1
    assert both.text.endswith("under a power q of a value that is zero there, whose effect on its slopes is not "
                              "worked out here, so no "
                              "subgradient set is stated.") and "q > 1" not in both.text
    # beside a kink elsewhere it keeps its own words
    power, _ = _kinks("abs(x)**q + relu(x - 1)", {"x": [], "q": []}, "x")
    assert power.text == kink.text and power.heading == "Where it may not be differentiable"
    (root,) = _kinks("sum(abs(w)**0.5)", {"w": ["n"]}, "w")
    assert root.heading == "Where it is not differentiable" and root.subgradient == ""
    assert "slope is infinite from both sides" in root.text
    # relu's corner is flat on the left: the power keeps it flat there (review s45: 'no finite slope' was false)
    (half,) = _kinks("sum(sqrt(relu(w)))", {"w": ["n"]}, "w")
    assert "slope is infinite from one side and 0 from the other" in half.text and half.subgradient == ""


def test_a_power_note_states_the_cases_the_declarations_leave_and_every_one():
    """Review s45: sum(|w|^q) with q declared positive still said "for q < 0 ... undefined", and q = 0 fell in no
    case: |w|^0 is 1 everywhere, at 0 too (0^0 is 1 in the language), so differentiable there."""
    (free,) = _kinks("sum(abs(w)**q)", {"w": ["n"], "q": []}, "w")
    assert "for q = 0 this power is 1 everywhere" in free.text and "for q < 0 the function is undefined" in free.text
    (positive,) = _kinks("sum(abs(w)**q)", {"w": ["n"], "q": []}, "w", {"q": ["positive"]})
    assert "q = 0" not in positive.text and "q < 0" not in positive.text and "for q > 1" in positive.text
    assert positive.text.endswith("and for 0 < q < 1 its slope there is infinite from both sides.")
    (nonzero,) = _kinks("sum(abs(w)**q)", {"w": ["n"], "q": []}, "w", {"q": ["nonzero"]})
    assert "q = 0" not in nonzero.text and "for q < 0 the function is undefined" in nonzero.text
    # below 1 by the declarations, its sign not given: no q > 1 nor q = 1
    (below,) = _kinks("sum(abs(w)**(1 - q))", {"w": ["n"], "q": []}, "w", {"q": ["positive"]})
    assert "whose sign the declarations do not give" in below.text and "> 1" not in below.text
    assert "(1 - q) = 0" in below.text and "(1 - q) < 0" in below.text


def test_a_positive_constant_on_the_corner_keeps_the_power_the_corners():
    """Review s45: sqrt(2 |x|) said "may not be differentiable"; it is sqrt(2) |x|^0.5, infinitely steep there, as is
    sqrt(c |x|) with c declared positive; c of unknown sign is not seen through."""
    for text, assume in (("sum(sqrt(2 * abs(x)))", None), ("sum(sqrt(c * abs(x)))", {"c": ["positive"]})):
        (kink,) = _kinks(text, {"x": ["n"], "c": []}, "x", assume)
        assert kink.heading == "Where it is not differentiable" and "infinite from both sides" in kink.text
    (unknown,) = _kinks("sum(sqrt(c * abs(x)))", {"x": ["n"], "c": []}, "x")
    assert unknown.maybe and "not worked out" in unknown.text


def test_a_power_of_copies_of_one_corner_is_the_corner_to_the_summed_power():
    """sqrt(|x| |x|) is |x|: its set [-1, 1] again (lost in session 45); (|x| |x|)^q is |x|^(2 q), by 2 q's cases;
    sqrt(relu(x) relu(x)) is relu(x), but its result is 0 / 0 there (and for x < 0): no set stated."""
    (same,) = _kinks("sum(sqrt(abs(x) * abs(x)))", {"x": ["n"]}, "x")
    assert r"s_i \in [-1, 1]" in same.subgradient and not same.maybe
    (power,) = _kinks("sum((abs(x) * abs(x))**q)", {"x": ["n"], "q": []}, "x", {"q": ["positive"]})
    assert "depends on the exponent (2 q)" in power.text and "for 0 < (2 q) < 1" in power.text
    (relu,) = _kinks("sum(sqrt(relu(x) * relu(x)))", {"x": ["n"]}, "x")
    assert relu.subgradient == "" and relu.text.startswith("Away from the kink the result above holds. Where an entry")
    assert "the result above is undefined" in relu.text      # 0 / 0 on relu's flat side too


def test_kinks_at_different_places_do_not_say_they_meet():
    """Review s45: |x| and relu(x - y) each said "Several non-smooth operations meet here"; they meet nowhere. Only
    where they meet at one place (|x| + |-x|) is that said."""
    apart = _kinks("sum(abs(x)) + sum(relu(x - y))", {"x": ["n"], "y": ["n"]}, "x")
    assert len(apart) == 2 and not any("meet" in k.text for k in apart)
    assert all(k.text.endswith("(a subgradient set is derived only for a function with one kink; this one has more).")
               for k in apart)
    (met,) = _kinks("sum(abs(x)) + sum(abs(-x))", {"x": ["n"]}, "x")
    assert "Several non-smooth operations meet here" in met.text


def test_a_power_note_names_the_step_function_not_a_step():
    """"the step's slope" read like a derivation step's: the note names the function the result has there."""
    (kink,) = _kinks("sum(abs(w)**q)", {"w": ["n"], "q": []}, "w")
    assert "for q = 1 it has a corner (there the result's sign may be any value in [-1, 1])" in kink.text
    assert "step" not in kink.text


def test_a_place_off_the_diagonal_puts_an_expression_in_parentheses():
    """`try` writes the place by its expression: "outer(x, ones(n)) - outer(ones(n), x)[i, j]" read as the second
    term's entry."""
    assert K.KinkSpot("M", -1, 1, True).place == "M[i, j] = 0 for some i != j"
    assert K.KinkSpot("x - y", -1, 1, True).place == "(x - y)[i, j] = 0 for some i != j"
    assert K.KinkSpot("x - y", -1, 1).place == "x - y = 0"


def test_a_result_undefined_on_the_flat_side_says_so():
    """sqrt(|x| relu(x)) is 0 where x < 0 but its result there is 0 / 0: the note says "the result above holds" away
    from the kink no more without saying where it is undefined."""
    (kink,) = _kinks("sum(sqrt(abs(x) * relu(x)))", {"x": ["n"]}, "x")
    assert "Where an entry of x is negative, though, a value of the result above is undefined" in kink.text
    (scalar,) = _kinks("sqrt(relu(x))", {"x": []}, "x")
    assert "Where x < 0, though, the result above is undefined" in scalar.text
    (fine,) = _kinks("sum(relu(x))", {"x": ["n"]}, "x")
    assert "undefined" not in fine.text
