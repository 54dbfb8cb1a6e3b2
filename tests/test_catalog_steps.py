"""mcdocgen.catalog.steps: steps that compute the expression load; every kind of mistake in the
steps and the expected answers is one located line."""

from __future__ import annotations

import pytest
from catalog_support import diagnostics_of, only_error, replaced, without_line, write
from problem_factory import make_problem

from mcdocgen.catalog import load_catalog, rests_on
from mcdocgen import language as E


STEPS = replaced("    wrt: [x]\n", "    wrt: [x]\n    steps:\n{steps}")


def steps_error(tmp_path, *steps: str) -> list[str]:
    body = "".join(f'      - "{s}"\n' for s in steps)
    text = STEPS.replace("{steps}", body)
    return [without_line(line) for line in diagnostics_of(write(tmp_path, text))]


def test_steps_that_compute_the_expression_load(tmp_path):
    body = '      - "u = A @ x"\n      - "s = x.T @ u"\n'
    catalog = load_catalog(write(tmp_path, STEPS.replace("{steps}", body)))
    (problem,) = catalog.problems
    assert [s.name for s in problem.steps] == ["u", "s"]
    u = problem.steps[1].node.right
    assert isinstance(u, E.Var) and u.intermediate and u.name == "u"


@pytest.mark.parametrize(
    "steps, message",
    [
        (["u = A @ x", "s = dot(x, u)"], None),  # x.T @ (A @ x) == dot(x, A @ x): accepted
        (["u = A @ x", "s = sum(u * x)"], None),
        (["u = A @ x", "s = u.T @ x"], None),  # (A x)^T x = x^T A^T x = x^T A x, a 1 x 1 product
        (["u = A.T @ x", "s = x.T @ u"], None),
        (["u = A @ x", "s = u.T @ u"], "problem 'demo', steps: the last step does not compute the "
         "expression (the steps give '(A @ x).T @ (A @ x)') [steps-differ]"),
        (["u = A @ x", "s = x.T @ u + 1"], "problem 'demo', steps: the last step does not compute the "
         "expression (the steps give 'x.T @ (A @ x) + 1') [steps-differ]"),
        (["x = A @ x", "s = x.T @ x"], "problem 'demo', steps[0]: 'x' is a declared variable; a step needs "
         "a new name [name-taken]"),
        (["n = A @ x", "s = x.T @ n"], "problem 'demo', steps[0]: 'n' is a size; a step needs a new name [name-taken]"),
        (["u = A @ x", "u = A @ x", "s = x.T @ u"],
         "problem 'demo', steps[1]: the step 'u' is defined twice (first in steps[0]) [name-taken]"),
        (["u = A @ x", "v = 2 * u", "s = x.T @ u"], "problem 'demo', steps[1]: the step 'v' is not used by "
         "a later step [unused-step]"),
        (["u, v = A @ x", "s = x.T @ A @ x"], "problem 'demo', steps[0]: a step defines one name, got 'u, v' [step-form]"),
        (["u == A @ x", "s = x.T @ A @ x"], "problem 'demo', steps[0]: a step is written 'name = expression', "
         "got 'u == A @ x' [step-form]"),
        (["u += A @ x", "s = x.T @ A @ x"], "problem 'demo', steps[0]: a step is written 'name = expression', "
         "got 'u += A @ x' [step-form]"),
        (["u = A @ q", "s = x.T @ u"], "problem 'demo', steps[0]: unknown name 'q' (declared: A, x) [unknown-name]"),
        (["exp = A @ x", "s = x.T @ exp"], "problem 'demo', steps[0]: 'exp' cannot name a step: 'exp' is a "
         "function of the expression language [bad-name]"),
    ],
)
def test_step_checks(tmp_path, steps, message):
    if message is None:
        body = "".join(f'      - "{s}"\n' for s in steps)
        load_catalog(write(tmp_path, STEPS.replace("{steps}", body)))
    else:
        assert steps_error(tmp_path, *steps) == [message]


def test_expression_may_not_use_step_names(tmp_path):
    text = STEPS.replace("{steps}", '      - "u = A @ x"\n      - "s = x.T @ u"\n')
    text = text.replace('expression: "x.T @ A @ x"', 'expression: "x.T @ u"')
    lines = [without_line(line) for line in diagnostics_of(write(tmp_path, text))]
    assert lines[0] == (
        "problem 'demo', expression: 'u' is a step; write the expression over the declared variables "
        "(declared: A, x) [step-order]"
    )


def test_expected_answers_are_parsed_in_the_problem_scope(tmp_path):
    text = replaced("    wrt: [x]\n", '    wrt: [x]\n    expected:\n      x: "(A + A.T) @ x"\n')
    (problem,) = load_catalog(write(tmp_path, text)).problems
    assert problem.expected["x"].node == E.parse("(A + A.T) @ x", problem.scope())
    assert problem.expected["x"].line == 13
    bad = replaced("    wrt: [x]\n", '    wrt: [x]\n    expected:\n      x: "(A + A.T) @ y"\n')
    assert only_error(tmp_path, bad) == (
        "13:23: problem 'demo', expected.x: unknown name 'y' (declared: A, x) [unknown-name]"
    )


def test_an_expected_answer_of_an_impossible_shape_is_a_validation_error(tmp_path):
    bad = replaced("    wrt: [x]\n", '    wrt: [x]\n    expected:\n      x: "A + A.T"\n')
    assert only_error(tmp_path, bad) == (
        "13:10: problem 'demo', expected.x: has shape (n, n), but the derivative of a function of shape (1, 1) by "
        "'x' of shape (n, 1) has shape (n, 1) in denominator layout, the layout of expected [expected-shape]"
    )
    numerator = replaced("    wrt: [x]\n", '    wrt: [x]\n    expected:\n      x: "x.T @ (A + A.T)"\n')
    assert "has shape (1, n), but" in only_error(tmp_path, numerator)


def test_expected_answers_are_read_only_and_survive_pickling(tmp_path):
    """A frozen Problem holds a mapping nobody can change, and it goes to worker processes."""
    import pickle

    text = replaced("    wrt: [x]\n", '    wrt: [x]\n    expected:\n      x: "(A + A.T) @ x"\n')
    (problem,) = load_catalog(write(tmp_path, text)).problems
    with pytest.raises(TypeError):
        problem.expected["x"] = problem.expected["x"]  # type: ignore[index]
    again = pickle.loads(pickle.dumps(problem))
    assert again == problem and list(again.expected) == ["x"]


def test_a_vector_built_by_components_and_indexed_later_computes_the_expression(tmp_path):
    # the lecture's g = [x^2, 3x], then y = [log(g_1), sin(g_2)]: indexing the literal reads its entry
    text = (replaced('    expression: "x.T @ A @ x"\n', '    expression: "log(x[0]**2) + sin(3 * x[1])"\n')
            .replace("    wrt: [x]\n", '    wrt: [x]\n    steps:\n      - "g = [x[0]**2, 3 * x[1]]"\n'
                                       '      - "s = log(g[0]) + sin(g[1])"\n')
            .replace("      A: {shape: [n, n]}\n", ""))
    (problem,) = load_catalog(write(tmp_path, text)).problems
    assert [s.name for s in problem.steps] == ["g", "s"]
    wrong = text.replace("sin(g[1])", "sin(g[0])")
    assert diagnostics_of(write(tmp_path, wrong, "wrong.yaml"))[0].endswith("[steps-differ]")



def test_the_steps_a_name_rests_on_are_followed_through_in_the_problems_order():
    """rests_on, the one closure of present.facts (a fact's definitions) and present.naming (a name's)."""
    problem = make_problem("(x - mean(x)) / sqrt(mean((x - mean(x))**2) + c)", {"x": ["n"], "c": []}, wrt=["x"],
                           steps=["m = mean(x)", "u = x - m", "v = mean(u**2)", "s = sqrt(v + c)", "z = u / s"])
    steps = [(step.name, step.node) for step in problem.steps]
    assert [n for n, _ in rests_on(steps, ["u"])] == ["m", "u"]
    assert [n for n, _ in rests_on(steps, ["s"])] == ["m", "u", "v", "s"]
    assert [n for n, _ in rests_on(steps, ["x", "v", "m"])] == ["m", "u", "v"]     # a variable rests on no step
    assert rests_on(steps, []) == () and rests_on(steps[:2], ["z"]) == ()
    assert rests_on(steps, ["u"])[1] == steps[1]    # each with its definition
