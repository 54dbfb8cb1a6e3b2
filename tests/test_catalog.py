"""The catalog loader: the real catalog validates, and every kind of mistake is reported once,
as one line with file:line, problem and key; absurd input is refused in bounded time."""

from __future__ import annotations

import re
import textwrap
import time
from pathlib import Path

import pytest

from mcdocgen.language import expr
from mcdocgen.language import shapes
from mcdocgen.catalog.handouts import KEYS, HandoutSpec
from mcdocgen.catalog import Assumption, Catalog, load_catalog
from mcdocgen.errors import CatalogError, ExitCode

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
BAD = DATA / "bad"


def diagnostics_of(path: str | Path) -> list[str]:
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    return [d.render() for d in info.value.diagnostics]


# ---------------------------------------------------------------- the real catalog


def test_real_catalog_loads_without_diagnostics():
    catalog = load_catalog(ROOT / "derivations.yaml")
    assert isinstance(catalog, Catalog)
    ids = [p.id for p in catalog.problems]
    assert len(ids) == len(set(ids)) >= 20
    least = catalog.problem("ex5-least-squares")
    assert least.sizes == ("m", "n")
    assert least.wrt == ("w",)
    assert [s.name for s in least.steps] == ["a", "b", "z"]
    assert least.steps[0].text == "X @ w"
    assert least.expected["w"].text == "2 * X.T @ (X @ w - y)"
    assert least.expected["w"].node.shape == shapes.column(shapes.size_symbol("n"))
    assert least.expression == expr.parse("norm(X @ w - y)**2", least.scope())


def test_records_keep_lines_topics_and_assumptions():
    catalog = load_catalog(ROOT / "derivations.yaml")
    sym = catalog.problem("quadratic-form-symmetric")
    a = sym.variable("A")
    assert a.assume == (Assumption.SYMMETRIC,)
    assert a.symmetric
    assert any(isinstance(n, expr.Var) and n.name == "A" and n.symmetric for n in expr.walk(sym.expression))
    assert sym.topic == "Matrix calculus"
    text = (ROOT / "derivations.yaml").read_text().splitlines()
    assert text[sym.line - 1].strip() == "- id: quadratic-form-symmetric"
    assert text[a.line - 1].strip().startswith("A:")


def test_steps_refer_to_earlier_steps_as_intermediates():
    problem = load_catalog(ROOT / "derivations.yaml").problem("ex5-least-squares")
    b = problem.steps[1].node
    assert expr.var("a", problem.steps[0].node.shape, intermediate=True) in list(expr.walk(b))
    full: dict[str, expr.Node] = {}
    for step in problem.steps:
        full[step.name] = expr.substitute(step.node, full)
    assert full["z"] == problem.expression


# ---------------------------------------------------------------- one mistake per file

BAD_FILES = {
    "yaml-syntax.yaml":
        "yaml-syntax.yaml:7: invalid YAML at column 11: did not find expected ',' or ']' "
        "(while parsing a flow sequence)",
    "duplicate-id.yaml":
        "duplicate-id.yaml:14: problem 'least-squares', id: 'least-squares' is used twice (first at line 3)",
    "unknown-variable.yaml":
        "unknown-variable.yaml:12: problem 'least-squares', expression: unknown name 'W' (declared: X, w, y)",
    "unknown-function.yaml":
        "unknown-function.yaml:12: problem 'least-squares', expression: unknown function 'nrom' "
        "(did you mean 'norm'?)",
    "unknown-function-nothing-close.yaml":
        "unknown-function-nothing-close.yaml:12: problem 'least-squares', expression: unknown function "
        "'logsumexp' (known: abs, cos, det, diag, dot, exp, eye, heaviside, inv, log, max, maximum, mean, "
        "norm, ones, outer, relu, sigmoid, sign, sin, sqrt, sum, tan, tanh, tr)",
    "matmul-shapes.yaml":
        "matmul-shapes.yaml:12: problem 'least-squares', expression: '@' needs the inner sizes to agree, "
        "got (m, n) @ (m, 1)",
    "wrt-undeclared.yaml":
        "wrt-undeclared.yaml:13: problem 'least-squares', wrt: 'q' is not a declared variable (declared: X, w, y)",
    "bad-slug.yaml":
        "bad-slug.yaml:3: problem 'Least_Squares', id: 'Least_Squares' is not a valid id (use lowercase "
        "letters, digits and single hyphens, such as 'least-squares')",
    "missing-key.yaml":
        "missing-key.yaml:3: problem 'least-squares', missing required key 'summary'",
    "import-os.yaml":
        "import-os.yaml:12: problem 'least-squares', expression: only the language's functions can be "
        "called, not '__import__('os').system'",
    "attribute.yaml":
        "attribute.yaml:12: problem 'least-squares', expression: attribute '.__class__' is not allowed "
        "(only '.T', the transpose)",
    "lambda.yaml":
        "lambda.yaml:12: problem 'least-squares', expression: only the language's functions can be called, "
        "not 'lambda: norm(X @ w - y)'",
    "billion-laughs.yaml":
        "billion-laughs.yaml:2: YAML anchors (&name) are not allowed in a catalog; write the value out",
    "alias.yaml":
        "alias.yaml:9: YAML anchors (&name) are not allowed in a catalog; write the value out",
    "yaml-tag.yaml":
        "yaml-tag.yaml:12: the YAML tag '!!python/object/apply:os.system' is not allowed in a catalog",
    "tabs.yaml":
        "tabs.yaml:13: invalid YAML: a tab character at column 1; YAML indentation (and the space after "
        "':') must use spaces, not tabs",
    "non-utf8.yaml":
        "non-utf8.yaml:4: the file is not valid UTF-8 (byte 0xe9 at column 20); save it as UTF-8",
    "empty.yaml":
        "empty.yaml:1: the catalog is empty (expected 'problems:' with a list of problems)",
    "problems-not-list.yaml":
        "problems-not-list.yaml:3: problems: expected a list of problems (each starting with '- id: ...'), "
        "got a mapping",
    "problem-not-mapping.yaml":
        "problem-not-mapping.yaml:14: problems[1]: a problem must be a mapping of keys (id, title, ...), "
        "got the text 'squared-norm'",
    "unknown-key.yaml":
        "unknown-key.yaml:14: problem 'least-squares', unknown key 'topc' (did you mean 'topic'?)",
    "unknown-key-misspelt-required.yaml":
        "unknown-key-misspelt-required.yaml:4: problem 'least-squares', unknown key 'titel' "
        "(did you mean 'title'?)",
    "unknown-key-variable.yaml":
        "unknown-key-variable.yaml:11: problem 'least-squares', variables.y: unknown key 'asume' "
        "(did you mean 'assume'?)",
    "unknown-key-top.yaml":
        "unknown-key-top.yaml:14: unknown top-level key 'handout' (did you mean 'handouts'?)",
    "duplicate-key.yaml":
        "duplicate-key.yaml:14: problem 'least-squares', duplicate key 'title' (first at line 4)",
    "duplicate-variable.yaml":
        "duplicate-variable.yaml:12: problem 'least-squares', variables: duplicate key 'w' (first at line 10)",
    "nested-parens.yaml":
        "nested-parens.yaml:12: problem 'least-squares', expression: expression is too long "
        "(4018 characters; the limit is 2000)",
    "deep-nesting.yaml":
        "deep-nesting.yaml:12: problem 'least-squares', expression: expression is nested too deeply "
        "(more than 60 levels)",
    "long-expression.yaml":
        "long-expression.yaml:12: problem 'least-squares', expression: expression is too long "
        "(104997 characters; the limit is 2000)",
    "huge-exponent.yaml":
        "huge-exponent.yaml:12: problem 'least-squares', expression: exponent 99999999999 is too large "
        "(the limit is 1000)",
    "wrong-type.yaml":
        "wrong-type.yaml:6: problem 'least-squares', tags: expected a list such as [chain rule, vector], "
        "got the text 'chain rule'",
    "bad-shape.yaml":
        "bad-shape.yaml:10: problem 'least-squares', variables.w.shape: a size is a whole number from 1 to "
        "1000 or a name such as n, got the number 2.5",
    "assume-not-square.yaml":
        "assume-not-square.yaml:9: problem 'least-squares', variables.X.assume: 'symmetric' applies to "
        "square matrices, but 'X' has shape (m, n)",
    "unused-variable.yaml":
        "unused-variable.yaml:12: problem 'least-squares', variables.z: 'z' is declared but not used in "
        "the expression",
    "size-clash.yaml":
        "size-clash.yaml:9: problem 'least-squares', variables.X.shape: the size 'n' has the same name as "
        "the variable 'n'",
    "step-wrong.yaml":
        "step-wrong.yaml:17: problem 'least-squares', steps: the last step does not compute the expression "
        "(the steps give 'norm(X @ w + y)**2')",
    "step-later-name.yaml":
        "step-later-name.yaml:16: problem 'least-squares', steps[1]: 'b' is defined by a later step "
        "(steps[2]); a step may use only earlier steps",
    "step-target.yaml":
        "step-target.yaml:15: problem 'least-squares', steps[0]: a step defines a plain name, got 'a[0]'",
    "expected-not-wrt.yaml":
        "expected-not-wrt.yaml:15: problem 'least-squares', expected: 'X' is not in wrt (wrt: w)",
}


def test_every_bad_file_has_an_expected_message():
    assert sorted(BAD_FILES) == sorted(p.name for p in BAD.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_one_exact_line(name, monkeypatch):
    monkeypatch.chdir(BAD)  # messages name the file as the user gave it
    start = time.perf_counter()
    with pytest.raises(CatalogError) as info:
        load_catalog(name)
    elapsed = time.perf_counter() - start
    assert str(info.value) == BAD_FILES[name]
    assert len(info.value.diagnostics) == 1
    assert "\n" not in str(info.value)
    assert info.value.exit_code == ExitCode.BAD_INPUT
    assert elapsed < 5, f"{name} took {elapsed:.1f} s"


def test_ten_mistakes_in_ten_problems_are_all_reported_sorted_by_line(monkeypatch):
    monkeypatch.chdir(DATA)
    lines = diagnostics_of("ten-mistakes.yaml")
    assert lines == [
        "ten-mistakes.yaml:10: problem 'p1-unknown-name', expression: unknown name 'z' (declared: x)",
        "ten-mistakes.yaml:12: problem 'P2_Bad_Slug', id: 'P2_Bad_Slug' is not a valid id (use lowercase "
        "letters, digits and single hyphens, such as 'least-squares')",
        "ten-mistakes.yaml:29: problem 'p3-wrt', wrt: 'q' is not a declared variable (declared: x)",
        "ten-mistakes.yaml:30: problem 'p4-missing-title', missing required key 'title'",
        "ten-mistakes.yaml:45: problem 'p5-unknown-function', expression: unknown function 'nrom' "
        "(did you mean 'norm'?)",
        "ten-mistakes.yaml:55: problem 'p6-matmul', expression: '@' needs the inner sizes to agree, "
        "got (1, n) @ (m, n)",
        "ten-mistakes.yaml:66: problem 'p7-unknown-key', unknown key 'topc' (did you mean 'topic'?)",
        "ten-mistakes.yaml:74: problem 'p8-unused', variables.y: 'y' is declared but not used in the expression",
        "ten-mistakes.yaml:88: problem 'p9-steps', steps: the last step does not compute the expression "
        "(the steps give 'norm(2 * x)**2')",
        "ten-mistakes.yaml:89: problem 'p1-unknown-name', id: 'p1-unknown-name' is used twice (first at line 3)",
    ]


# ---------------------------------------------------------------- small catalogs written by the tests

BASE = """\
problems:
  - id: demo
    title: Demo
    summary: One sentence.
    tags: [vector]
    source: "test"
    variables:
      x: {shape: [n]}
      A: {shape: [n, n]}
    expression: "x.T @ A @ x"
    wrt: [x]
"""


def write(tmp_path: Path, text: str, name: str = "c.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def only_error(tmp_path: Path, text: str) -> str:
    """The one diagnostic as 'LINE: message' (the temporary path left out)."""
    path = write(tmp_path, text)
    lines = diagnostics_of(path)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}:")
    return lines[0][len(f"{path}:"):]


def without_line(rendered: str) -> str:
    return rendered.split(": ", 1)[1]


def replaced(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def test_base_catalog_loads(tmp_path):
    catalog = load_catalog(write(tmp_path, BASE))
    (problem,) = catalog.problems
    assert problem.topic == "General"
    assert problem.sizes == ("n",)
    assert problem.steps == ()
    assert dict(problem.expected) == {}
    assert catalog.handouts == ()
    assert catalog.path == str(tmp_path / "c.yaml")


@pytest.mark.parametrize(
    "old, new, message",
    [
        ('"x.T @ A @ x"', '"x.T @ A @ x + dot(x, x) * q"',
         "problem 'demo', expression: unknown name 'q' (declared: A, x)"),
        ('"x.T @ A @ x"', '"x.T @ A @ x + sum(x + A)"',
         "problem 'demo', expression: '+' needs equal shapes or a scalar, got (n, 1) and (n, n)"),
        ('"x.T @ A @ x"', '"x.T @ A @ x + [x for x in x]"',
         "problem 'demo', expression: '[x for x in x]' is not allowed in an expression"),
        ('"x.T @ A @ x"', '"x.T @ A @ x + open(\'f\')"',
         "problem 'demo', expression: unknown function 'open' (known: abs, cos, det, diag, dot, exp, eye, "
         "heaviside, inv, log, max, maximum, mean, norm, ones, outer, relu, sigmoid, sign, sin, sqrt, sum, "
         "tan, tanh, tr)"),
        ('"x.T @ A @ x"', '"x.T @ A @ x + globals()"',
         "problem 'demo', expression: unknown function 'globals' (known: abs, cos, det, diag, dot, exp, eye, "
         "heaviside, inv, log, max, maximum, mean, norm, ones, outer, relu, sigmoid, sign, sin, sqrt, sum, "
         "tan, tanh, tr)"),
        ('"x.T @ A @ x"', '"x.T @ A @ x +"',
         "problem 'demo', expression: not valid syntax: invalid syntax"),
        ('"x.T @ A @ x"', '""', "problem 'demo', expression: must not be empty"),
        ('"x.T @ A @ x"', "", "problem 'demo', expression: expected text, got an empty value"),
        ("wrt: [x]", "wrt: []", "problem 'demo', wrt: name at least one declared variable"),
        ("wrt: [x]", "wrt: [x, x]", "problem 'demo', wrt: 'x' is listed twice"),
        ("wrt: [x]", "wrt: x", "problem 'demo', wrt: expected a list such as [w], got the text 'x'"),
        ("id: demo", "id: demo--two", "problem 'demo--two', id: 'demo--two' is not a valid id (use lowercase "
         "letters, digits and single hyphens, such as 'least-squares')"),
        ("title: Demo", "title: [Demo]", "problem 'demo', title: expected text, got a list"),
        ("tags: [vector]", "tags: [vector, [x]]", "problem 'demo', tags[1]: expected text, got a list"),
        ("x: {shape: [n]}", "x: {shape: [n, n, n]}",
         "problem 'demo', variables.x.shape: a shape has at most two sizes ([] scalar, [n] vector, [m, n] "
         "matrix), got 3"),
        ("x: {shape: [n]}", "x: {shape: [0]}",
         "problem 'demo', variables.x.shape: a size is a whole number from 1 to 1000 or a name such as n, got 0"),
        ("x: {shape: [n]}", "x: {shape: [1001]}",
         "problem 'demo', variables.x.shape: a size is a whole number from 1 to 1000 or a name such as n, "
         "got 1001"),
        ("x: {shape: [n]}", "x: {shape: [true]}",
         "problem 'demo', variables.x.shape: a size is a whole number from 1 to 1000 or a name such as n, "
         "got 'true' (true/false)"),
        ("x: {shape: [n]}", "x: {shape: [2n]}",
         "problem 'demo', variables.x.shape: a size is a whole number from 1 to 1000 or a name such as n, "
         "got the text '2n'"),
        ("x: {shape: [n]}", "x: {shape: n}",
         "problem 'demo', variables.x.shape: expected a list such as [] (scalar), [n] (vector) or [m, n] "
         "(matrix), got the text 'n'"),
        ("x: {shape: [n]}", "x: [n]",
         "problem 'demo', variables.x: expected a mapping such as {shape: [n]}, got a list"),
        ("x: {shape: [n]}", "x: {assume: []}", "problem 'demo', variables.x: missing required key 'shape'"),
        ("x: {shape: [n]}", "x: {shape: [n], assume: [positive]}",
         "problem 'demo', variables.x.assume: 'positive' applies to scalars, but 'x' has shape (n, 1)"),
        ("A: {shape: [n, n]}", "A: {shape: [n, n], assume: [symetric]}",
         "problem 'demo', variables.A.assume: unknown assumption 'symetric' (did you mean 'symmetric'?)"),
        ("A: {shape: [n, n]}", "A: {shape: [n, n], assume: symmetric}",
         "problem 'demo', variables.A.assume: expected a list such as [symmetric], got the text 'symmetric'"),
        ("A: {shape: [n, n]}", "A: {shape: [n, n], shape: [n, n]}",
         "problem 'demo', variables.A: duplicate key 'shape' (first at line 9)"),
        ("A: {shape: [n, n]}", "A: {shape: [n, n]}\n      sum: {shape: [n]}",
         "problem 'demo', variables.sum: 'sum' cannot name a variable: 'sum' is a function of the expression "
         "language"),
        ("x: {shape: [n]}", "x: {shape: [lambda]}",
         "problem 'demo', variables.x.shape: 'lambda' cannot name a size: 'lambda' is reserved"),
    ],
)
def test_single_mistakes(tmp_path, old, new, message):
    assert without_line(only_error(tmp_path, replaced(old, new))) == message


def test_single_mistakes_report_the_right_line(tmp_path):
    text = replaced('"x.T @ A @ x"', '"x.T @ B @ x"')
    (line,) = diagnostics_of(write(tmp_path, text))
    assert line.startswith(f"{tmp_path / 'c.yaml'}:10: problem 'demo', expression: unknown name 'B'")


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
    assert isinstance(u, expr.Var) and u.intermediate and u.name == "u"


@pytest.mark.parametrize(
    "steps, message",
    [
        (["u = A @ x", "s = dot(x, u)"], None),  # x.T @ (A @ x) == dot(x, A @ x): accepted
        (["u = A @ x", "s = sum(u * x)"], None),
        (["u = A @ x", "s = u.T @ x"], None),  # (A x)^T x = x^T A^T x = x^T A x, a 1 x 1 product
        (["u = A.T @ x", "s = x.T @ u"], None),
        (["u = A @ x", "s = u.T @ u"], "problem 'demo', steps: the last step does not compute the "
         "expression (the steps give '(A @ x).T @ (A @ x)')"),
        (["u = A @ x", "s = x.T @ u + 1"], "problem 'demo', steps: the last step does not compute the "
         "expression (the steps give 'x.T @ (A @ x) + 1')"),
        (["x = A @ x", "s = x.T @ x"], "problem 'demo', steps[0]: 'x' is a declared variable; a step needs "
         "a new name"),
        (["n = A @ x", "s = x.T @ n"], "problem 'demo', steps[0]: 'n' is a size; a step needs a new name"),
        (["u = A @ x", "u = A @ x", "s = x.T @ u"],
         "problem 'demo', steps[1]: the step 'u' is defined twice (first in steps[0])"),
        (["u = A @ x", "v = 2 * u", "s = x.T @ u"], "problem 'demo', steps[1]: the step 'v' is not used by "
         "a later step"),
        (["u, v = A @ x", "s = x.T @ A @ x"], "problem 'demo', steps[0]: a step defines one name, got 'u, v'"),
        (["u == A @ x", "s = x.T @ A @ x"], "problem 'demo', steps[0]: a step is written 'name = expression', "
         "got 'u == A @ x'"),
        (["u += A @ x", "s = x.T @ A @ x"], "problem 'demo', steps[0]: a step is written 'name = expression', "
         "got 'u += A @ x'"),
        (["u = A @ q", "s = x.T @ u"], "problem 'demo', steps[0]: unknown name 'q' (declared: A, x)"),
        (["exp = A @ x", "s = x.T @ exp"], "problem 'demo', steps[0]: 'exp' cannot name a step: 'exp' is a "
         "function of the expression language"),
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
        "(declared: A, x)"
    )


def test_expected_answers_are_parsed_in_the_problem_scope(tmp_path):
    text = replaced("    wrt: [x]\n", '    wrt: [x]\n    expected:\n      x: "(A + A.T) @ x"\n')
    (problem,) = load_catalog(write(tmp_path, text)).problems
    assert problem.expected["x"].node == expr.parse("(A + A.T) @ x", problem.scope())
    assert problem.expected["x"].line == 13
    bad = replaced("    wrt: [x]\n", '    wrt: [x]\n    expected:\n      x: "(A + A.T) @ y"\n')
    assert only_error(tmp_path, bad) == (
        "13: problem 'demo', expected.x: unknown name 'y' (declared: A, x)"
    )


def test_an_expected_answer_of_an_impossible_shape_is_a_validation_error(tmp_path):
    bad = replaced("    wrt: [x]\n", '    wrt: [x]\n    expected:\n      x: "A + A.T"\n')
    assert only_error(tmp_path, bad) == (
        "13: problem 'demo', expected.x: has shape (n, n), but the derivative of a function of shape (1, 1) by "
        "'x' of shape (n, 1) has shape (n, 1) in denominator layout, the layout of expected"
    )
    numerator = replaced("    wrt: [x]\n", '    wrt: [x]\n    expected:\n      x: "x.T @ (A + A.T)"\n')
    assert "has shape (1, n), but" in only_error(tmp_path, numerator)


def test_sizes_are_numbers_in_expressions_and_listed_in_order(tmp_path):
    text = replaced('      x: {shape: [n]}\n      A: {shape: [n, n]}\n    expression: "x.T @ A @ x"',
                    '      X: {shape: [N, k]}\n      y: {shape: [N]}\n      w: {shape: [k]}\n'
                    '    expression: "sum((X @ w - y)**2) / N"').replace("wrt: [x]", "wrt: [w]")
    (problem,) = load_catalog(write(tmp_path, text)).problems
    assert problem.sizes == ("N", "k")
    nums = [n for n in expr.walk(problem.expression) if isinstance(n, expr.Num)]
    assert expr.num(shapes.size_symbol("N")) in nums


def test_concrete_sizes_and_scalar_shapes(tmp_path):
    text = replaced('      x: {shape: [n]}\n      A: {shape: [n, n]}\n    expression: "x.T @ A @ x"',
                    '      x: {shape: [2]}\n      c: {shape: [], assume: [positive, nonzero]}\n'
                    '    expression: "c * x[0]**2 + x[1]"')
    (problem,) = load_catalog(write(tmp_path, text)).problems
    assert problem.sizes == ()
    assert problem.variable("x").shape == shapes.column(2)
    assert problem.variable("c").assume == (Assumption.POSITIVE, Assumption.NONZERO)


def test_handouts_are_read_into_typed_records(tmp_path):
    text = BASE + textwrap.dedent("""\
        handouts:
          - name: week-3
            title: "Week   3"
            date: 2024
            ids: demo
            tags: [vector, vector]
            layout: numerator
    """)
    catalog = load_catalog(write(tmp_path, text))
    assert catalog.handouts == (HandoutSpec("week-3", "Week 3", date="2024", ids=("demo",), tags=("vector",),
                                            layout="numerator"),)
    assert catalog.handouts[0].layouts == ("numerator",)


def test_a_handout_naming_a_problem_with_its_own_mistake_is_not_reported_again(tmp_path):
    text = replaced("title: Demo", "title: [Demo]") + "handouts:\n  - name: h\n    title: H\n    ids: [demo]\n"
    assert only_error(tmp_path, text) == "3: problem 'demo', title: expected text, got a list"


def test_duplicate_keys_inside_handouts_are_found(tmp_path):
    text = BASE + "handouts:\n  - name: h\n    title: A\n    title: B\n"
    assert only_error(tmp_path, text) == "15: handouts[0]: duplicate key 'title' (first at line 14)"


def test_top_level_must_be_a_mapping_with_problems(tmp_path):
    assert only_error(tmp_path, "- a\n- b\n") == (
        "1: the catalog must be a mapping with a 'problems:' list, got a list"
    )
    assert only_error(tmp_path, "handouts: []\n") == (
        "1: missing the top-level key 'problems' (a list of problems)"
    )
    assert only_error(tmp_path, "problems: []\n") == "1: problems: the list is empty; add at least one problem"


def test_two_yaml_documents_are_refused(tmp_path):
    assert only_error(tmp_path, BASE + "---\n" + BASE) == (
        "12: invalid YAML: the file holds more than one YAML document ('---'); a catalog is one document"
    )


def test_control_characters_are_refused_with_their_line(tmp_path):
    assert only_error(tmp_path, replaced("title: Demo", "title: De\x01mo")) == (
        "3: the file contains the control character #x0001, which YAML does not allow"
    )


def test_what_a_build_cannot_write_is_refused_by_the_loader(tmp_path):
    long_id = "a" * 101
    assert only_error(tmp_path, replaced("id: demo", f"id: {long_id}")) == (
        f"2: problem '{long_id[:47]}...', id: is too long (101 characters; the limit is 100, as it names the "
        "page's files)"
    )
    load_catalog(write(tmp_path, replaced("id: demo", f"id: {'a' * 100}")))
    assert only_error(tmp_path, replaced("id: demo", "id: index")) == (
        "2: problem 'index', id: 'index' names the page that lists a topic; choose another id"
    )
    assert only_error(tmp_path, replaced("title: Demo", 'title: "De\\ud800mo"')) == (
        "3: problem 'demo', title: the escape \\ud800 is half of a UTF-16 surrogate pair, not a character "
        "(YAML escapes are code points); write the character itself"
    )
    assert only_error(tmp_path, replaced("tags: [vector]", 'tags: ["\\udfff"]')) == (
        "5: problem 'demo', tags: the escape \\udfff is half of a UTF-16 surrogate pair, not a character "
        "(YAML escapes are code points); write the character itself"
    )
    assert only_error(tmp_path, BASE + 'handouts:\n  - name: h\n    title: "\\ud83d"\n') == (
        "14: handouts[0].title: the escape \\ud83d is half of a UTF-16 surrogate pair, not a character "
        "(YAML escapes are code points); write the character itself"
    )
    # a pair written as two escapes (as JSON writes it) is two halves too; the message gives its code point
    assert only_error(tmp_path, replaced("title: Demo", 'title: "\\ud83d\\ude00"')) == (
        "3: problem 'demo', title: the escape \\ud83d is half of a UTF-16 surrogate pair, not a character "
        "(YAML escapes are code points); write the character itself, or the one escape \\U0001F600 for the "
        "pair \\ud83d\\ude00"
    )
    assert only_error(tmp_path, replaced("source: \"test\"", 'source: "\\U00110000"')) == (
        "6: problem 'demo', source: the escape \\U00110000 is past the last Unicode character (\\U0010FFFF)"
    )
    (problem,) = load_catalog(write(tmp_path, replaced("title: Demo", 'title: "\\U0001F600 \U0001F600"'))).problems
    assert problem.title == "\U0001F600 \U0001F600"


def test_a_topic_names_one_folder(tmp_path):
    assert only_error(tmp_path, replaced("title: Demo", "title: Demo\n    topic: " + "word " * 30)) == (
        "4: problem 'demo', topic: is too long for a folder name (its slug has 149 characters; the limit is 100)"
    )
    second = BASE.split("problems:\n", 1)[1].replace("id: demo", "id: two")
    two = replaced("title: Demo", "title: Demo\n    topic: Chain rule") + second.replace(
        "title: Demo", "title: Demo\n    topic: chain-rule")
    assert only_error(tmp_path, two) == (
        "15: problem 'two', topic: 'chain-rule' and the topic 'Chain rule' (line 4) share the folder "
        "'chain-rule'; spell them alike or apart"
    )
    same = replaced("title: Demo", "title: Demo\n    topic: Chain rule") + second.replace(
        "title: Demo", "title: Demo\n    topic: Chain rule")
    assert len(load_catalog(write(tmp_path, same)).problems) == 2


def test_control_characters_in_quoted_names_are_written_out(tmp_path):
    text = replaced("x: {shape: [n]}", 'x: {shape: [n]}\n      "y\\e[2J": {shape: [n]}')
    (line,) = diagnostics_of(write(tmp_path, text))
    assert "\x1b" not in line and "'y\\x1b[2J' cannot name a variable" in line


def test_comment_only_file_is_empty(tmp_path):
    assert only_error(tmp_path, "# nothing here\n\n") == (
        "1: the catalog is empty (expected 'problems:' with a list of problems)"
    )


def test_deeply_nested_yaml_is_refused_quickly(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("problems: " + "[" * 5000 + "]" * 5000 + "\n")
    start = time.perf_counter()
    (line,) = diagnostics_of(path)
    assert time.perf_counter() - start < 5
    assert line == f"{path}:1: the YAML is nested too deeply (more than 40 levels)"


def test_utf8_with_bom_and_crlf_loads(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + BASE.replace("\n", "\r\n").encode())
    assert load_catalog(path).problems[0].id == "demo"


def test_numbers_in_text_fields_are_taken_as_written(tmp_path):
    (problem,) = load_catalog(write(tmp_path, replaced('source: "test"', "source: 2024"))).problems
    assert problem.source == "2024"


def test_missing_file_is_a_catalog_error(tmp_path):
    (line,) = diagnostics_of(tmp_path / "nope.yaml")
    assert line == f"{tmp_path / 'nope.yaml'}:1: cannot read the catalog: No such file or directory"


def test_file_larger_than_the_limit_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:
        handle.truncate(6 * 1024 * 1024)  # sparse: nothing is written
    (line,) = diagnostics_of(path)
    assert line == f"{path}:1: the catalog is too large (6.0 MB; the limit is 5 MB)"


def test_one_megabyte_catalog_loads_in_bounded_time(tmp_path):
    body = BASE.split("problems:\n", 1)[1]
    chunks, size, k = ["problems:\n"], 0, 0
    while size < 1_000_000:
        chunk = body.replace("id: demo", f"id: demo-{k}")
        chunks.append(chunk)
        size += len(chunk)
        k += 1
    path = tmp_path / "big.yaml"
    path.write_text("".join(chunks))
    start = time.perf_counter()
    catalog = load_catalog(path)
    assert len(catalog.problems) == k
    assert time.perf_counter() - start < 30


def test_all_diagnostics_are_one_line_and_clip_echoed_text(tmp_path):
    long_name = "q" * 300
    text = replaced('"x.T @ A @ x"', f'"x.T @ A @ x + {long_name}"').replace("id: demo", "id: " + "d" * 300)
    lines = diagnostics_of(write(tmp_path, text))
    assert all("\n" not in line and len(line) < 400 for line in lines)
    assert any("unknown name 'qqqqqqqq" in line and "...'" in line for line in lines)


# ---------------------------------------------------------------- list limits, by path


def test_a_handout_may_select_by_more_tags_than_a_problem_may_have(tmp_path):
    """The 20-tag limit is a problem's: a handout's ``tags:`` selects from all of them."""
    tags = [f"t{k}" for k in range(25)]
    second = BASE.split("problems:\n", 1)[1].replace("id: demo", "id: two")
    text = (replaced("[vector]", "[" + ", ".join(tags[:20]) + "]") + second.replace("[vector]", f"[{', '.join(tags[20:])}]")
            + "handouts:\n  - name: h\n    title: H\n    tags: [" + ", ".join(tags) + "]\n")
    catalog = load_catalog(write(tmp_path, text))
    assert catalog.handouts[0].tags == tuple(tags)
    assert only_error(tmp_path, replaced("[vector]", "[" + ", ".join(tags[:21]) + "]")) == (
        "5: problem 'demo', tags: more than 20 tags (the limit is 20)"
    )


def test_a_limit_met_after_the_problems_names_no_problem(tmp_path):
    text = BASE + "handouts:\n  - name: h\n    title: H\n    tags: [" + ", ".join(["t"] * 1001) + "]\n"
    assert only_error(tmp_path, text) == "15: handouts[0].tags: more than 1,000 tags (the limit is 1,000)"
    # a key named like a problem's list, deeper down, has the general limit, not the problem's
    nested = BASE + "handouts:\n  - name: h\n    title: H\n    extra: {tags: [" + ", ".join(["t"] * 25) + "]}\n"
    assert only_error(tmp_path, nested) == "15: handouts[0].extra: unknown key 'extra' (allowed: " + ", ".join(KEYS) + ")"


def test_a_thousand_realistic_problems_fit_every_limit(tmp_path):
    """The real catalog's problems, each with 20 tags, copied to 1,000: no count limit is met
    (about 60 YAML values a problem against MAX_YAML_NODES for the whole file)."""
    text = (ROOT / "derivations.yaml").read_text(encoding="utf-8").split("\nhandouts:", 1)[0]
    body = text.split("\nproblems:\n", 1)[1]
    body = re.sub(r"(?m)^    tags: \[.*\]$", "    tags: [" + ", ".join(f"tag {k}" for k in range(20)) + "]", body)
    per_copy = len(re.findall(r"(?m)^  - id: ", body))
    copies = -(-1000 // per_copy)
    chunks = [re.sub(r"(?m)^(  - id: .*)$", rf"\1-copy{k}", body) for k in range(copies)]
    path = write(tmp_path, "problems:\n" + "".join(chunks))
    start = time.perf_counter()
    catalog = load_catalog(path)
    assert len(catalog.problems) == per_copy * copies >= 1000
    assert all(len(p.tags) == 20 for p in catalog.problems)
    assert time.perf_counter() - start < 60  # must not hang


# ---------------------------------------------------------------- the handouts: section


def test_the_real_catalog_declares_a_valid_handout():
    (spec,) = load_catalog(ROOT / "derivations.yaml").handouts
    assert spec.name == "chain-rule" and spec.tags == ("chain rule",) and spec.layout == "both"


def test_bad_handouts_are_one_line_errors_with_lines(tmp_path):
    path = write(tmp_path, BASE.replace("[vector]", "[vector, chain rule]") + """\
handouts:
  - name: Bad Name
    title: T
    layout: columns
    ids: [demo, nope]
    tags: [vectr]
    colour: red
  - title: no name
  - name: ok
    title: Fine
  - name: ok
    title: [not, text]
  - just text
""")
    assert [line[len(f"{path}:"):] for line in diagnostics_of(path)] == [
        "13: handouts[0].name: 'Bad Name' is not a slug: use lower-case letters, digits and single '-', e.g. chain-rule",
        "15: handouts[0].layout: expected one of numerator, denominator, both, got 'columns'",
        "16: handouts[0].ids: unknown problem 'nope' (known: demo)",
        "17: handouts[0].tags: unknown tag 'vectr' (did you mean 'vector'?)",
        "18: handouts[0].colour: unknown key 'colour' (did you mean 'course'?)",
        "19: handouts[1]: missing the key 'name'",
        "22: handouts[3].name: duplicate handout name 'ok' (first in handouts[2])",
        "23: handouts[3].title: expected text, got a list",
        "24: handouts[4]: expected a mapping with at least 'name' and 'title', got the text 'just text'",
    ]


def test_handouts_must_be_a_list_of_known_selections(tmp_path):
    assert only_error(tmp_path, BASE + "handouts: {name: h}\n") == "12: handouts: expected a list, got a mapping"
    assert load_catalog(write(tmp_path, BASE + "handouts:\n")).handouts == ()
    assert only_error(tmp_path, BASE + "handouts:\n  - name: h\n    title: H\n    ids: []\n") == (
        "15: handouts[0].ids: expected a non-empty list such as [demo], got a list"
    )
