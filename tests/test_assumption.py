"""The symmetry step: the form before A^T = A is shown where the assumption is used, and checked."""

from dataclasses import replace

import numpy as np
from problem_factory import make_problem

from mcdocgen import language as E
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.checks.results import CheckStatus
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.language.shapes import size_symbol

QUAD = ("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]})
SYMMETRIC = {"A": ["symmetric"]}


def _point(seed, symmetric):
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(4, 4))
    return {"x": rng.normal(size=(4, 1)), "A": a + a.T if symmetric else a}, {size_symbol("n"): 4}


def test_the_step_is_shown_where_the_symmetry_is_used():
    d = derive(make_problem(*QUAD, ["x"], assume=SYMMETRIC), "x")
    step = d.symmetry_step
    assert step is not None and [v.name for v in step.variables] == ["A"]
    for before, result in ((step.denominator, d.result), (step.numerator, d.numerator)):
        assert before is not None
        assert any(isinstance(n, E.Transpose) and n.arg == step.variables[0] for n in E.walk(before))
        for seed in range(3):   # equal where A is symmetric, and only there: the assumption is used
            env, sizes = _point(seed, True)
            np.testing.assert_allclose(evaluate(before, env, sizes), evaluate(result, env, sizes), rtol=1e-9)
            env, sizes = _point(seed, False)
            assert not np.allclose(evaluate(before, env, sizes), evaluate(result, env, sizes))


def test_no_step_without_a_symmetric_variable_or_where_it_is_not_used():
    assert derive(make_problem(*QUAD, ["x"]), "x").symmetry_step is None
    p = make_problem("tr(A) * dot(x, x)", {"x": ["n"], "A": ["n", "n"]}, ["x"], assume=SYMMETRIC)
    d = derive(p, "x")
    assert d.ok and d.symmetry_step is None     # tr(A^T) = tr(A) for any A: no assumption used
    p = make_problem("x.T @ (A @ y)", {"x": ["n"], "y": ["n"], "A": ["n", "n"]}, ["y"], assume=SYMMETRIC)
    d = derive(p, "y")      # x^T A in numerator layout, needing nothing; A^T x, then A x, in denominator layout
    assert d.symmetry_step is not None and d.symmetry_step.numerator is None
    assert E.to_text(d.symmetry_step.denominator) == "A.T @ x" and E.to_text(d.result) == "A @ x"


def test_the_steps_check_verifies_the_form_shown_before_the_step():
    p = make_problem(*QUAD, ["x"], assume=SYMMETRIC)
    d = derive(p, "x")
    assert verify(p, d).steps.status is CheckStatus.PASSED
    assert d.symmetry_step is not None and d.symmetry_step.denominator is not None
    wrong = replace(d.symmetry_step, denominator=E.mul(E.num(3), d.symmetry_step.denominator))
    assert verify(p, replace(d, symmetry_step=wrong)).steps.status is CheckStatus.FAILED


INV = ("tr(inv(X) @ A) + logdet(X)", {"X": ["n", "n"], "A": ["n", "n"]})


def _by_rule(d, rule):
    return [loc for loc in d.locals if rule in loc.rules]


def test_a_symmetric_variable_s_local_derivatives_are_the_general_rules():
    """A student review of ml-gaussian-log-likelihood: the Inverse row by a symmetric S read -U (.) U in the
    denominator layout, the numerator's form, as the name U = inv(S) was matched to inv(S)^T by S's symmetry;
    the steps then gave G only where S is symmetric. Each local is the one of the same problem without it."""
    from mcdocgen.engine.rules import RuleId
    p_sym = make_problem(*INV, ["X"], assume={"X": ["symmetric", "positive_definite"]})
    d, free = derive(p_sym, "X"), derive(make_problem(*INV, ["X"]), "X")
    inverse = _by_rule(d, RuleId.INVERSE)
    assert len(inverse) == 1 and E.to_text(inverse[0].denominator).startswith("-(U_")
    assert ".T @" in E.to_text(inverse[0].denominator) and ".T" not in E.to_text(inverse[0].numerator)
    assert [(E.to_text(x.numerator), E.to_text(x.denominator)) for x in d.locals] == \
        [(E.to_text(x.numerator), E.to_text(x.denominator)) for x in free.locals]
    # the steps' G is the unconstrained gradient at any X, not only a symmetric one; the result is sym(G)
    assert d.symmetric is not None and verify(p_sym, d).ok
    rng = np.random.default_rng(0)
    for _ in range(3):
        x, a = rng.normal(size=(4, 4)) + 4 * np.eye(4), rng.normal(size=(4, 4))
        env, sizes = {"X": x, "A": a}, {size_symbol("n"): 4}
        g = evaluate(d.symmetric.unconstrained, env, sizes)
        np.testing.assert_allclose(g, evaluate(free.result, env, sizes), rtol=1e-9)
        np.testing.assert_allclose(g, -(np.linalg.inv(x).T @ a.T @ np.linalg.inv(x).T) + np.linalg.inv(x).T, rtol=1e-9)


def test_the_symmetric_section_says_where_g_is_symmetric_only_as_the_variable_is():
    from mcdocgen.present import problem_view
    from mcdocgen.publish.render import render_derivatives
    p = make_problem("logdet(X)", {"X": ["n", "n"]}, ["X"], assume={"X": ["symmetric", "positive_definite"]})
    d = derive(p, "X")
    assert E.to_text(d.symmetric.unconstrained) == "inv(X).T" and E.to_text(d.result) == "inv(X)"
    page = render_derivatives(problem_view(p, [d], [verify(p, d)], plots=False))
    assert r"here $G$ is symmetric already (**since $X$ is symmetric**, $X^{-\top} = X^{-1}$)" in page


def test_the_restriction_row_says_why_g_written_with_x_to_the_minus_t_is_the_result():
    """symmetric-log-det's denominator put back X^-T, then read sym(X^-T) = X^-1 with no step X^-T = X^-1
    (review item 21); the numerator's G is X^-1 already, and the section's sentence says it once."""
    from mcdocgen.present import problem_view
    p = make_problem("logdet(X)", {"X": ["n", "n"]}, ["X"], assume={"X": ["symmetric", "positive_definite"]})
    d = derive(p, "X")
    view = problem_view(p, [d], [verify(p, d)], plots=False).results[0]
    # sym(X^-T) = X^-T = X^-1, the note short enough for a row of its own on a phone
    since = r"= X^{-\top} = X^{-1} \quad \text{(since } X \text{ is symmetric)}"
    assert since in view.layout("denominator").restriction
    assert view.layout("numerator").restriction.endswith(r"\text{(symmetric already)}")
    assert view.symmetric.step_rows[-1].endswith(r"\text{(symmetric already)}")


def test_the_symmetry_of_a_matrix_that_is_not_the_variable_is_a_shown_step():
    """ml-gaussian-log-likelihood by mu went from S^-T (X - 1 mu^T)^T 1 to S^-1 (...) with no "since S is
    symmetric": a symmetric matrix's inverse transposed is a use of the assumption like A^T = A."""
    p = make_problem("a.T @ inv(S) @ x", {"a": ["n"], "x": ["n"], "S": ["n", "n"]}, ["x"],
                     assume={"S": ["symmetric", "positive_definite"]})
    d = derive(p, "x")
    step = d.symmetry_step
    assert step is not None and [v.name for v in step.variables] == ["S"] and step.numerator is None
    assert E.to_text(step.denominator) == "inv(S).T @ a" and E.to_text(d.result) == "inv(S) @ a"
    assert verify(p, d).steps.status is CheckStatus.PASSED
    from mcdocgen.present import problem_view
    from mcdocgen.publish.render import render_derivatives
    page = render_derivatives(problem_view(p, [d], [verify(p, d)], plots=False))
    # the parenthesis and comma inside the formula: a phone breaks the line after a formula even before its ")"
    assert r"**Since $S$ is symmetric** $(S^{-\top} = S^{-1}),$ the result reads:" in page     # (review s45)


GRAM = ("tr(inv(A + X.T @ C @ X) @ (X.T @ B @ X))", {"X": ["m", "n"], "A": ["n", "n"], "C": ["m", "m"], "B": ["m", "m"]})


def _render(p, d):
    from mcdocgen.present import problem_view
    from mcdocgen.publish.render import render_derivatives
    return render_derivatives(problem_view(p, [d], [verify(p, d)], plots=False))


def test_symmetry_used_under_a_transposed_compound_is_a_shown_step():
    """Review s35 item 1: the gram-ratio pages went from (B - B X M X^T C)^T X M^T + ... to 2 (B - C X M X^T B) X M
    with no "since": B and C are transposed only inside a transposed sum or inverse, which the step distributes."""
    p = make_problem(*GRAM, ["X"], assume={"A": ["symmetric"], "B": ["symmetric"], "C": ["symmetric"]})
    d = derive(p, "X")
    step = d.symmetry_step
    assert step is not None and step.denominator is not None and step.numerator is not None
    assert {v.name for v in step.variables} == {"A", "B", "C"}
    assert verify(p, d).steps.status is CheckStatus.PASSED   # each form before the step equals the result
    page = _render(p, d)
    assert page.count("**Since $A$, $B$ and $C$ are symmetric**") == 2   # both layouts, by name (review s37 C-4)
    # the inverse of the symmetric A + X^T C X: its transpose is replaced too, in the page's name for it (P: M and N
    # are left out beside the sizes m and n)
    assert r"C^{\top} = C, P^{-\top} = P^{-1}),$ the result reads" in page


def test_a_form_that_differs_only_by_a_factor_taken_out_is_no_symmetry_step():
    """Where the form before and the result differ but every transpose of B and C stays, nothing is used:
    no "since B and C are symmetric" before a result that still writes (B - B X M^-1 X^T C)^T."""
    p = make_problem(*GRAM, ["X"], assume={"B": ["symmetric"], "C": ["symmetric"]})
    d = derive(p, "X")
    scope = E.Scope({v.name: v for v in E.walk(d.substituted) if isinstance(v, E.Var)},
                    {s: size_symbol(s) for s in "mn"})
    den = E.parse("(B - C @ X @ inv(A + X.T @ C @ X) @ X.T @ B) @ X @ inv(A + X.T @ C @ X)"
                  " + (B - B @ X @ inv(A + X.T @ C @ X) @ X.T @ C).T @ X @ inv(A + X.T @ C @ X).T", scope)
    num = E.transpose(den)
    from mcdocgen.engine.assumption import symmetry_step
    step = symmetry_step(d.substituted, den, num)
    assert step is None or step.denominator is None


def test_the_result_uses_the_symmetry_of_b_and_c_where_a_is_general():
    """Review s35 item 6: with A general, the result kept (B - B X M^-1 X^T C)^T X M^-T, a transposed sum that
    B = B^T and C = C^T remove at the same length: M^-T is one mark, as on a letter (ranking.size_key)."""
    p = make_problem(*GRAM, ["X"], assume={"B": ["symmetric"], "C": ["symmetric"]})
    d = derive(p, "X")
    for result in (d.result, d.numerator):
        assert not any(isinstance(n, E.Transpose) and isinstance(n.arg, E.Add) for n in E.walk(result))
    assert "(B - C @ X @ inv(A + X.T @ C @ X).T @ X.T @ B)" in E.flat_text(d.result)
    assert verify(p, d).ok
    assert "**Since $B$ and $C$ are symmetric**" in _render(p, d)


def test_the_numerator_restriction_says_its_steps_give_g_transposed():
    """Review s35 item 20: the numerator tab said "the steps give the gradient G" over sym(X^-1), while the steps
    give G^T there (G = X^-T); it now says so, with sym(G^T) = sym(G). The denominator tab keeps G."""
    p = make_problem("logdet(X)", {"X": ["n", "n"]}, ["X"], assume={"X": ["symmetric", "positive_definite"]})
    d = derive(p, "X")
    page = _render(p, d)
    numerator, denominator = page.split('=== "Denominator"')
    assert r"The steps give $G^{\top}$, this layout's form of the unconstrained gradient $G$" in numerator
    assert r"$\operatorname{sym}(G^{\top}) = \operatorname{sym}(G)$" in numerator
    assert "The steps give the unconstrained gradient $G$;" in denominator and "G^{\\top}$, this" not in denominator


def test_the_restricted_result_heading_is_a_heading_then_one_short_sentence():
    """Review s36 C-7: the heading and its explanation were one 60-word sentence. The heading stands alone; the
    explanation is one sentence, short enough to read in one go, in both layouts and in the handout."""
    import re
    from mcdocgen.present import problem_view
    from mcdocgen.catalog.handouts import HandoutSpec
    from mcdocgen.publish.handout import render_handout
    p = make_problem("logdet(X)", {"X": ["n", "n"]}, ["X"], assume={"X": ["symmetric", "positive_definite"]})
    d = derive(p, "X")
    page = _render(p, d)
    for tab in page.split('=== "Denominator"'):
        assert "restricted to symmetric matrices.\n" in tab
        (sentence,) = re.findall(r"\n *(The steps give [^\n]*?):\n *\{", tab)
        words = re.sub(r"\$[^$]*\$", "F", sentence).split()   # a formula reads as one word
        assert len(words) <= 32, sentence
    tex = render_handout(HandoutSpec("t"), [problem_view(p, [d], [verify(p, d)], plots=False)], "solutions")
    assert "restricted to symmetric matrices. The steps give" in tex


def test_the_numerator_step_before_the_symmetry_is_written_term_by_term():
    """det(X^T A X) by X with A symmetric: the numerator tab's form before A^T = A is det(M) (M^-1 X^T A +
    M^-T X^T A^T), as its result and product read; not det(M) (A^T X M^-T + A X M^-1)^T (review s35 item 12)."""
    problem = make_problem("det(X.T @ A @ X)", {"X": ["n", "m"], "A": ["n", "n"]}, ["X"], assume=SYMMETRIC)
    d = derive(problem, "X")
    step = d.symmetry_step
    assert step is not None and step.numerator is not None
    whole = step.numerator.right if isinstance(step.numerator, E.Mul) else step.numerator
    assert not (isinstance(whole, E.Transpose) and isinstance(whole.arg, E.Add)), E.flat_text(step.numerator)
    assert verify(problem, d).steps.status is CheckStatus.PASSED    # the steps check evaluates the form shown


def test_the_since_line_names_the_symmetric_matrices_in_alphabetical_order():
    """Review s37 C-4: "Since B, A and C are symmetric (B^T = B, A^T = A, ...)", the order the form met them; by
    name, A, B and C (the problem's expression meets A, C, B and its variables table X, A, C, B: no one order of
    its own), the identities in the same order; and the section's "since S and T are symmetric" likewise."""
    p = make_problem(*GRAM, ["X"], assume={"A": ["symmetric"], "B": ["symmetric"], "C": ["symmetric"]})
    d = derive(p, "X")
    page = _render(p, d)
    assert "**Since $A$, $B$ and $C$ are symmetric** $(A^{\\top} = A, B^{\\top} = B, C^{\\top} = C" in page, page
    p = make_problem("logdet(S) + tr(inv(S) @ T)", {"S": ["n", "n"], "T": ["n", "n"]}, ["S"],
                     assume={"S": ["symmetric", "positive_definite"], "T": ["symmetric"]})
    page = _render(p, derive(p, "S"))
    assert "since $S$ and $T$ are symmetric" in page or "Since $S$ and $T$ are symmetric" in page, page


def test_the_unconstrained_g_keeps_its_transposes_of_the_inverse_in_the_problem_s_notation():
    """G for tr(A X^-1), a^T X^-1 b by a symmetric X is -X^-T A^T X^-T, -X^-T a b^T X^-T at any X: the
    refold into the problem's notation wrote inv(X)^T as the problem's inv(X) by X's symmetry (a canonical
    form uses X^T = X), so the page's G held only at a symmetric X."""
    variables = {"X": ["n", "n"], "A": ["n", "n"], "a": ["n"], "b": ["n"]}
    rng = np.random.default_rng(1)
    for text in ("tr(A @ inv(X))", "a.T @ inv(X) @ b", "tr(inv(X) @ A) + logdet(X)"):
        own = {k: v for k, v in variables.items() if k == "X" or k in text.replace("inv", "")}
        d = derive(make_problem(text, own, ["X"], assume={"X": ["symmetric"]}), "X")
        free = derive(make_problem(text, own, ["X"]), "X")
        env = {k: rng.normal(size=(4, 4) if len(v) == 2 else (4, 1)) for k, v in own.items()}
        env["X"] = env["X"] + 4 * np.eye(4)     # not symmetric
        sizes = {size_symbol("n"): 4}
        assert d.symmetric is not None and ".T" in E.flat_text(d.symmetric.unconstrained)
        np.testing.assert_allclose(evaluate(d.symmetric.unconstrained, env, sizes),
                                   evaluate(free.result, env, sizes), rtol=1e-9)


def test_shown_forms_are_a_contribution_s_two_forms_as_written_and_its_step_s():
    """``shown_forms`` (memoised) gives what the two ``as_written`` calls give on a cold cache; an accumulation's
    term shows the forms of the local derivative's step it is (the same tree, asked once)."""
    from sympy.core.cache import clear_cache

    from mcdocgen.engine.assumption import as_written, shown_forms
    from mcdocgen.engine.placeholders import numerator_grads
    from mcdocgen.engine.simplify import spread
    p = make_problem("dot(x, A @ x) * tr(A @ exp(x) @ x.T)", {"x": ["n"], "A": ["n", "n"]}, ["x"], assume=SYMMETRIC)
    d = derive(p, "x")
    terms = [(t, num, den) for acc in d.accumulations for t, num, den in zip(acc.terms, acc.numerator, acc.denominator,
                                                                            strict=True)]
    assert len(terms) >= 3 and d.symmetry_step is not None
    for t, num, den in terms:
        clear_cache()
        fresh = (as_written(E.transpose(numerator_grads(t)), how=spread), as_written(t))
        assert (num, den) == fresh and repr((num, den)) == repr(fresh)
        assert shown_forms(t) == fresh
    # each term is a local derivative's contribution: its step shows the same forms, renamed by ``by_name`` only
    assert {E.to_text(loc.denominator) for loc in d.locals} & {E.to_text(den) for _, _, den in terms}
