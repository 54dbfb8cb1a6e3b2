"""The catalog loader (mcdocgen.catalog.load, .problems, .reader): the real catalog validates, and
every kind of mistake is reported once, as one line with file:line:col, problem, key and code.
The sources, steps and handouts have test files of their own (test_catalog_*.py)."""

from __future__ import annotations

import re

import pytest

from catalog_support import BAD, BASE, DATA, ROOT, diagnostics_of, only_error, replaced, without_line, write
from cpu_support import CpuClock

from mcdocgen.catalog import Assumption, Catalog, load_catalog
from mcdocgen.catalog.handouts import KEYS
from mcdocgen.errors import CatalogError, ErrorCode, ExitCode
from mcdocgen import language as E
from mcdocgen.language import shapes

# the language's functions, in the order the message lists them (their list has one home: the registry)
KNOWN_FUNCTIONS = ", ".join(E.KNOWN_FUNCTIONS)

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
    assert least.expression == E.parse("norm(X @ w - y)**2", least.scope())


def test_summaries_are_prose_not_the_expression_language():
    """A summary is a sentence for a reader (a reader review): the inverse written T^-1 as the page's notation
    does, not inv(T); no Greek letter spelled as a catalog name (mu, alpha), which the page prints as a symbol
    or never defines."""
    spelled = re.compile(r"\b(alpha|beta|mu|nu|sigma|lam|theta)\b")
    bad = {p.id: p.summary for p in load_catalog(ROOT / "derivations.yaml").problems
           if "inv(" in p.summary or spelled.search(p.summary)}
    assert bad == {}


def test_a_summary_writes_a_step_of_a_method_as_an_increment_not_a_differential():
    """Review s36 C-15: ml-newton-log-barrier's summary called the Newton step dx, the differential's symbol on
    every page (its Tensor form writes dx); Boyd and Vandenberghe write the step Delta x_nt. A summary that names a
    method's step writes it with Delta."""
    bad = {p.id: p.summary for p in load_catalog(ROOT / "derivations.yaml").problems
           if re.search(r"\bstep d[a-zA-Z]\b", p.summary) or re.search(r"\bd[a-z] = -g\b", p.summary)}
    assert bad == {}


def test_records_keep_lines_topics_and_assumptions():
    catalog = load_catalog(ROOT / "derivations.yaml")
    sym = catalog.problem("quadratic-form-symmetric")
    a = sym.variable("A")
    assert a.assume == (Assumption.SYMMETRIC,)
    assert a.symmetric
    assert any(isinstance(n, E.Var) and n.name == "A" and n.symmetric for n in E.walk(sym.expression))
    assert sym.topic == "Linear and quadratic forms"
    text = (ROOT / "derivations.yaml").read_text().splitlines()
    assert text[sym.line - 1].strip() == "- id: quadratic-form-symmetric"
    assert text[a.line - 1].strip().startswith("A:")


def test_steps_refer_to_earlier_steps_as_intermediates():
    problem = load_catalog(ROOT / "derivations.yaml").problem("ex5-least-squares")
    b = problem.steps[1].node
    assert E.var("a", problem.steps[0].node.shape, intermediate=True) in list(E.walk(b))
    full: dict[str, E.Node] = {}
    for step in problem.steps:
        full[step.name] = E.substitute(step.node, full)
    assert full["z"] == problem.expression


# ---------------------------------------------------------------- one mistake per file

BAD_FILES = {
    "yaml-syntax.yaml":
        "yaml-syntax.yaml:7:11: invalid YAML: did not find expected ',' or ']' "
        "(while parsing a flow sequence) [yaml-syntax]",
    "duplicate-id.yaml":
        "duplicate-id.yaml:14:9: problem 'least-squares', id: 'least-squares' is used twice (first at line 3) [duplicate-id]",
    "unknown-variable.yaml":
        "unknown-variable.yaml:12:23: problem 'least-squares', expression: unknown name 'W' (declared: X, w, y) [unknown-name]",
    "unknown-function.yaml":
        "unknown-function.yaml:12:18: problem 'least-squares', expression: unknown function 'nrom' "
        "(did you mean 'norm'?) [unknown-function]",
    "unknown-function-nothing-close.yaml":
        "unknown-function-nothing-close.yaml:12:18: problem 'least-squares', expression: unknown function "
        f"'quantile' (known: {KNOWN_FUNCTIONS}) [unknown-function]",
    "matmul-shapes.yaml":
        "matmul-shapes.yaml:12:23: problem 'least-squares', expression: '@' needs the inner sizes to agree, "
        "got (m, n) @ (m, 1) [shape-mismatch]",
    "wrt-undeclared.yaml":
        "wrt-undeclared.yaml:13:11: problem 'least-squares', wrt: 'q' is not a declared variable (declared: X, w, y) "
        "[undeclared]",
    "bad-slug.yaml":
        "bad-slug.yaml:3:9: problem 'Least_Squares', id: 'Least_Squares' is not a valid id (use lowercase "
        "letters, digits and single hyphens, such as 'least-squares') [bad-id]",
    "missing-key.yaml":
        "missing-key.yaml:3:5: problem 'least-squares', missing required key 'summary' [missing-key]",
    "import-os.yaml":
        "import-os.yaml:12:18: problem 'least-squares', expression: only the language's functions can be "
        "called, not '__import__('os').system' [not-allowed]",
    "attribute.yaml":
        "attribute.yaml:12:18: problem 'least-squares', expression: attribute '.__class__' is not allowed "
        "(only '.T', the transpose) [unknown-attribute]",
    "lambda.yaml":
        "lambda.yaml:12:18: problem 'least-squares', expression: only the language's functions can be called, "
        "not 'lambda: norm(X @ w - y)' [not-allowed]",
    "billion-laughs.yaml":
        "billion-laughs.yaml:2:4: YAML anchors (&name) are not allowed in a catalog; write the value out [yaml-alias]",
    "alias.yaml":
        "alias.yaml:9:18: YAML anchors (&name) are not allowed in a catalog; write the value out [yaml-alias]",
    "yaml-tag.yaml":
        "yaml-tag.yaml:12:17: the YAML tag '!!python/object/apply:os.system' is not allowed in a catalog [yaml-tag]",
    "tabs.yaml":
        "tabs.yaml:13:1: invalid YAML: a tab character; YAML indentation (and the space after "
        "':') must use spaces, not tabs [yaml-syntax]",
    "non-utf8.yaml":
        "non-utf8.yaml:4:20: the file is not valid UTF-8 (byte 0xe9); save it as UTF-8 [not-utf8]",
    "empty.yaml":
        "empty.yaml:1: the catalog is empty (expected 'problems:' with a list of problems) [empty-catalog]",
    "problems-not-list.yaml":
        "problems-not-list.yaml:3:3: problems: expected a list of problems (each starting with '- id: ...'), "
        "got a mapping [wrong-type]",
    "problem-not-mapping.yaml":
        "problem-not-mapping.yaml:14:5: problems[1]: a problem must be a mapping of keys (id, title, ...), "
        "got the text 'squared-norm' [wrong-type]",
    "unknown-key.yaml":
        "unknown-key.yaml:14:5: problem 'least-squares', unknown key 'topc' (did you mean 'topic'?) [unknown-key]",
    "unknown-key-misspelt-required.yaml":
        "unknown-key-misspelt-required.yaml:4:5: problem 'least-squares', unknown key 'titel' "
        "(did you mean 'title'?) [unknown-key]",
    "unknown-key-variable.yaml":
        "unknown-key-variable.yaml:11:23: problem 'least-squares', variables.y: unknown key 'asume' "
        "(did you mean 'assume'?) [unknown-key]",
    "unknown-key-top.yaml":
        "unknown-key-top.yaml:14:1: unknown top-level key 'handout' (did you mean 'handouts'?) [unknown-key]",
    "duplicate-key.yaml":
        "duplicate-key.yaml:14:5: problem 'least-squares', duplicate key 'title' (first at line 4) [duplicate-key]",
    "duplicate-variable.yaml":
        "duplicate-variable.yaml:12:7: problem 'least-squares', variables: duplicate key 'w' (first at line 10) [duplicate-key]",
    "nested-parens.yaml":
        "nested-parens.yaml:12:18: problem 'least-squares', expression: expression is too long "
        "(4018 characters; the limit is 2000) [too-large]",
    "deep-nesting.yaml":
        "deep-nesting.yaml:12:262: problem 'least-squares', expression: expression is nested too deeply "
        "(more than 60 levels) [too-deep]",
    "long-expression.yaml":
        "long-expression.yaml:12:18: problem 'least-squares', expression: expression is too long "
        "(104997 characters; the limit is 2000) [too-large]",
    "huge-exponent.yaml":
        "huge-exponent.yaml:12:37: problem 'least-squares', expression: exponent 99999999999 is too large "
        "(the limit is 1000) [too-large]",
    "wrong-type.yaml":
        "wrong-type.yaml:6:11: problem 'least-squares', tags: expected a list such as [chain rule, vector], "
        "got the text 'chain rule' [wrong-type]",
    "bad-shape.yaml":
        "bad-shape.yaml:10:19: problem 'least-squares', variables.w.shape: a size is a whole number from 1 to "
        "1000 or a name such as n, got the number 2.5 [bad-size]",
    "assume-not-square.yaml":
        "assume-not-square.yaml:9:35: problem 'least-squares', variables.X.assume: 'symmetric' applies to "
        "square matrices, but 'X' has shape (m, n) [assumption-shape]",
    "unused-variable.yaml":
        "unused-variable.yaml:12:7: problem 'least-squares', variables.z: 'z' is declared but not used in "
        "the expression [unused-variable]",
    "size-clash.yaml":
        "size-clash.yaml:9:22: problem 'least-squares', variables.X.shape: the size 'n' has the same name as "
        "the variable 'n' [name-taken]",
    "step-wrong.yaml":
        "step-wrong.yaml:17:9: problem 'least-squares', steps: the last step does not compute the expression "
        "(the steps give 'norm(X @ w + y)**2') [steps-differ]",
    "step-later-name.yaml":
        "step-later-name.yaml:16:19: problem 'least-squares', steps[1]: 'b' is defined by a later step "
        "(steps[2]); a step may use only earlier steps [step-order]",
    "step-target.yaml":
        "step-target.yaml:15:9: problem 'least-squares', steps[0]: a step defines a plain name, got 'a[0]' [step-form]",
    "bad-layout.yaml":
        "bad-layout.yaml:14:13: problem 'least-squares', layout: expected one of numerator, denominator (the layout "
        "the source uses), got 'numerater' [bad-layout]",
    "keyword-twice.yaml":
        "keyword-twice.yaml:14:36: problem 'least-squares', keywords[2]: 'jacobian' is listed twice [listed-twice]",
    "expected-not-wrt.yaml":
        "expected-not-wrt.yaml:15:7: problem 'least-squares', expected: 'X' is not in wrt (wrt: w) [not-in-wrt]",
    "zero-divisor.yaml":
        "zero-divisor.yaml:11:23: problem 'd-minus-d', expression: division by zero: 'd - d' is identically zero "
        "[division-by-zero]",
}


def test_every_bad_file_has_an_expected_message():
    assert sorted(BAD_FILES) == sorted(p.name for p in BAD.glob("*.yaml"))


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_file_gives_one_exact_line(name, monkeypatch):
    monkeypatch.chdir(BAD)  # messages name the file as the user gave it
    clock = CpuClock()
    with pytest.raises(CatalogError) as info:
        load_catalog(name)
    elapsed = clock.seconds()
    assert str(info.value) == BAD_FILES[name]
    assert len(info.value.diagnostics) == 1
    assert "\n" not in str(info.value)
    assert info.value.exit_code == ExitCode.BAD_INPUT
    assert elapsed < 5, f"{name} took {elapsed:.1f} s of CPU"


def test_ten_mistakes_in_ten_problems_are_all_reported_sorted_by_line(monkeypatch):
    monkeypatch.chdir(DATA)
    lines = diagnostics_of("ten-mistakes.yaml")
    assert lines == [
        "ten-mistakes.yaml:10:23: problem 'p1-unknown-name', expression: unknown name 'z' (declared: x) [unknown-name]",
        "ten-mistakes.yaml:12:9: problem 'P2_Bad_Slug', id: 'P2_Bad_Slug' is not a valid id (use lowercase "
        "letters, digits and single hyphens, such as 'least-squares') [bad-id]",
        "ten-mistakes.yaml:29:11: problem 'p3-wrt', wrt: 'q' is not a declared variable (declared: x) [undeclared]",
        "ten-mistakes.yaml:30:5: problem 'p4-missing-title', missing required key 'title' [missing-key]",
        "ten-mistakes.yaml:45:18: problem 'p5-unknown-function', expression: unknown function 'nrom' "
        "(did you mean 'norm'?) [unknown-function]",
        "ten-mistakes.yaml:55:18: problem 'p6-matmul', expression: '@' needs the inner sizes to agree, "
        "got (1, n) @ (m, n) [shape-mismatch]",
        "ten-mistakes.yaml:66:5: problem 'p7-unknown-key', unknown key 'topc' (did you mean 'topic'?) [unknown-key]",
        "ten-mistakes.yaml:74:7: problem 'p8-unused', variables.y: 'y' is declared but not used in the expression "
        "[unused-variable]",
        "ten-mistakes.yaml:88:9: problem 'p9-steps', steps: the last step does not compute the expression "
        "(the steps give 'norm(2 * x)**2') [steps-differ]",
        "ten-mistakes.yaml:89:9: problem 'p1-unknown-name', id: 'p1-unknown-name' is used twice (first at line 3) [duplicate-id]",
    ]


# ---------------------------------------------------------------- small catalogs written by the tests (catalog_support.BASE)


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
         "problem 'demo', expression: unknown name 'q' (declared: A, x) [unknown-name]"),
        ('"x.T @ A @ x"', '"x.T @ A @ x + sum(x + A)"',
         "problem 'demo', expression: '+' needs equal shapes or a scalar, got (n, 1) and (n, n) [shape-mismatch]"),
        ('"x.T @ A @ x"', '"x.T @ A @ x + [x for x in x]"',
         "problem 'demo', expression: '[x for x in x]' is not allowed in an expression [not-allowed]"),
        ('"x.T @ A @ x"', '"x.T @ A @ x + open(\'f\')"',
         f"problem 'demo', expression: unknown function 'open' (known: {KNOWN_FUNCTIONS}) [unknown-function]"),
        ('"x.T @ A @ x"', '"x.T @ A @ x + globals()"',
         f"problem 'demo', expression: unknown function 'globals' (known: {KNOWN_FUNCTIONS}) [unknown-function]"),
        ('"x.T @ A @ x"', '"x.T @ A @ x +"',
         "problem 'demo', expression: not valid syntax: invalid syntax [syntax]"),
        ('"x.T @ A @ x"', '""', "problem 'demo', expression: must not be empty [empty-value]"),
        ('"x.T @ A @ x"', "", "problem 'demo', expression: expected text, got an empty value [wrong-type]"),
        ("wrt: [x]", "wrt: []", "problem 'demo', wrt: name at least one declared variable [empty-value]"),
        ("wrt: [x]", "wrt: [x, x]", "problem 'demo', wrt: 'x' is listed twice [listed-twice]"),
        ("wrt: [x]", "wrt: x", "problem 'demo', wrt: expected a list such as [w], got the text 'x' [wrong-type]"),
        ("id: demo", "id: demo--two", "problem 'demo--two', id: 'demo--two' is not a valid id (use lowercase "
         "letters, digits and single hyphens, such as 'least-squares') [bad-id]"),
        ("title: Demo", "title: [Demo]", "problem 'demo', title: expected text, got a list [wrong-type]"),
        ("tags: [vector]", "tags: [vector, [x]]", "problem 'demo', tags[1]: expected text, got a list [wrong-type]"),
        ("x: {shape: [n]}", "x: {shape: [n, n, n]}",
         "problem 'demo', variables.x.shape: a shape has at most two sizes ([] scalar, [n] vector, [m, n] "
         "matrix), got 3 [bad-shape]"),
        ("x: {shape: [n]}", "x: {shape: [0]}",
         "problem 'demo', variables.x.shape: a size is a whole number from 1 to 1000 or a name such as n, got 0 [bad-size]"),
        ("x: {shape: [n]}", "x: {shape: [1001]}",
         "problem 'demo', variables.x.shape: a size is a whole number from 1 to 1000 or a name such as n, "
         "got 1001 [bad-size]"),
        ("x: {shape: [n]}", "x: {shape: [true]}",
         "problem 'demo', variables.x.shape: a size is a whole number from 1 to 1000 or a name such as n, "
         "got 'true' (true/false) [bad-size]"),
        ("x: {shape: [n]}", "x: {shape: [2n]}",
         "problem 'demo', variables.x.shape: a size is a whole number from 1 to 1000 or a name such as n, "
         "got the text '2n' [bad-size]"),
        ("x: {shape: [n]}", "x: {shape: n}",
         "problem 'demo', variables.x.shape: expected a list such as [] (scalar), [n] (vector) or [m, n] "
         "(matrix), got the text 'n' [wrong-type]"),
        ("x: {shape: [n]}", "x: [n]",
         "problem 'demo', variables.x: expected a mapping such as {shape: [n]}, got a list [wrong-type]"),
        ("x: {shape: [n]}", "x: {assume: []}", "problem 'demo', variables.x: missing required key 'shape' [missing-key]"),
        ("x: {shape: [n]}", "x: {shape: [n], assume: [positive]}",
         "problem 'demo', variables.x.assume: 'positive' applies to scalars, but 'x' has shape (n, 1) [assumption-shape]"),
        ("A: {shape: [n, n]}", "A: {shape: [n, n], assume: [symetric]}",
         "problem 'demo', variables.A.assume: unknown assumption 'symetric' (did you mean 'symmetric'?) [unknown-assumption]"),
        ("A: {shape: [n, n]}", "A: {shape: [n, n], assume: symmetric}",
         "problem 'demo', variables.A.assume: expected a list such as [symmetric], got the text 'symmetric' [wrong-type]"),
        ("A: {shape: [n, n]}", "A: {shape: [n, n], shape: [n, n]}",
         "problem 'demo', variables.A: duplicate key 'shape' (first at line 9) [duplicate-key]"),
        ("A: {shape: [n, n]}", "A: {shape: [n, n]}\n      sum: {shape: [n]}",
         "problem 'demo', variables.sum: 'sum' cannot name a variable: 'sum' is a function of the expression "
         "language [bad-name]"),
        ("x: {shape: [n]}", "x: {shape: [lambda]}",
         "problem 'demo', variables.x.shape: 'lambda' cannot name a size: 'lambda' is reserved [bad-name]"),
    ],
)
def test_single_mistakes(tmp_path, old, new, message):
    assert without_line(only_error(tmp_path, replaced(old, new))) == message


def test_single_mistakes_report_the_right_line(tmp_path):
    text = replaced('"x.T @ A @ x"', '"x.T @ B @ x"')
    (line,) = diagnostics_of(write(tmp_path, text))
    # the column is the name's inside the quoted expression: line 10 is '    expression: "x.T @ B @ x"'
    assert line.startswith(f"{tmp_path / 'c.yaml'}:10:24: problem 'demo', expression: unknown name 'B'")


def test_sizes_are_numbers_in_expressions_and_listed_in_order(tmp_path):
    text = replaced('      x: {shape: [n]}\n      A: {shape: [n, n]}\n    expression: "x.T @ A @ x"',
                    '      X: {shape: [N, k]}\n      y: {shape: [N]}\n      w: {shape: [k]}\n'
                    '    expression: "sum((X @ w - y)**2) / N"').replace("wrt: [x]", "wrt: [w]")
    (problem,) = load_catalog(write(tmp_path, text)).problems
    assert problem.sizes == ("N", "k")
    nums = [n for n in E.walk(problem.expression) if isinstance(n, E.Num)]
    assert E.num(shapes.size_symbol("N")) in nums


def test_concrete_sizes_and_scalar_shapes(tmp_path):
    text = replaced('      x: {shape: [n]}\n      A: {shape: [n, n]}\n    expression: "x.T @ A @ x"',
                    '      x: {shape: [2]}\n      c: {shape: [], assume: [positive, nonzero]}\n'
                    '    expression: "c * x[0]**2 + x[1]"')
    (problem,) = load_catalog(write(tmp_path, text)).problems
    assert problem.sizes == ()
    assert problem.variable("x").shape == shapes.column(2)
    assert problem.variable("c").assume == (Assumption.POSITIVE, Assumption.NONZERO)


def test_top_level_must_be_a_mapping_with_problems(tmp_path):
    assert only_error(tmp_path, "- a\n- b\n") == (
        "1:1: the catalog must be a mapping with a 'problems:' list, got a list [wrong-type]"
    )
    assert only_error(tmp_path, "handouts: []\n") == (
        "1:1: missing the top-level key 'problems' (a list of problems) [missing-key]"
    )
    assert only_error(tmp_path, "problems: []\n") == "1:11: problems: the list is empty; add at least one problem [empty-value]"


def test_what_a_build_cannot_write_is_refused_by_the_loader(tmp_path):
    long_id = "a" * 101
    assert only_error(tmp_path, replaced("id: demo", f"id: {long_id}")) == (
        f"2:9: problem '{long_id[:47]}...', id: is too long (101 characters; the limit is 100, as it names the "
        "page's files) [bad-id]"
    )
    load_catalog(write(tmp_path, replaced("id: demo", f"id: {'a' * 100}")))
    assert only_error(tmp_path, replaced("id: demo", "id: index")) == (
        "2:9: problem 'index', id: 'index' names the page that lists a topic; choose another id [bad-id]"
    )
    assert only_error(tmp_path, replaced("title: Demo", 'title: "De\\ud800mo"')) == (
        "3:15: problem 'demo', title: the escape \\ud800 is half of a UTF-16 surrogate pair, not a character "
        "(YAML escapes are code points); write the character itself [yaml-escape]"
    )
    assert only_error(tmp_path, replaced("tags: [vector]", 'tags: ["\\udfff"]')) == (
        "5:13: problem 'demo', tags: the escape \\udfff is half of a UTF-16 surrogate pair, not a character "
        "(YAML escapes are code points); write the character itself [yaml-escape]"
    )
    assert only_error(tmp_path, BASE + 'handouts:\n  - name: h\n    title: "\\ud83d"\n') == (
        "14:13: handouts[0].title: the escape \\ud83d is half of a UTF-16 surrogate pair, not a character "
        "(YAML escapes are code points); write the character itself [yaml-escape]"
    )
    # a pair written as two escapes (as JSON writes it) is two halves too; the message gives its code point
    assert only_error(tmp_path, replaced("title: Demo", 'title: "\\ud83d\\ude00"')) == (
        "3:13: problem 'demo', title: the escape \\ud83d is half of a UTF-16 surrogate pair, not a character "
        "(YAML escapes are code points); write the character itself, or the one escape \\U0001F600 for the "
        "pair \\ud83d\\ude00 [yaml-escape]"
    )
    assert only_error(tmp_path, replaced("source: \"test\"", 'source: "\\U00110000"')) == (
        "6:14: problem 'demo', source: the escape \\U00110000 is past the last Unicode character (\\U0010FFFF) [yaml-escape]"
    )
    (problem,) = load_catalog(write(tmp_path, replaced("title: Demo", 'title: "\\U0001F600 \U0001F600"'))).problems
    assert problem.title == "\U0001F600 \U0001F600"


def test_a_topic_names_one_folder(tmp_path):
    assert only_error(tmp_path, replaced("title: Demo", "title: Demo\n    topic: " + "word " * 30)) == (
        "4:12: problem 'demo', topic: is too long for a folder name (its slug has 149 characters; the limit is 100) [bad-id]"
    )
    second = BASE.split("problems:\n", 1)[1].replace("id: demo", "id: two")
    two = replaced("title: Demo", "title: Demo\n    topic: Chain rule") + second.replace(
        "title: Demo", "title: Demo\n    topic: chain-rule")
    assert only_error(tmp_path, two) == (
        "15:12: problem 'two', topic: 'chain-rule' and the topic 'Chain rule' (line 4) share the folder "
        "'chain-rule'; spell them alike or apart [topic-clash]"
    )
    same = replaced("title: Demo", "title: Demo\n    topic: Chain rule") + second.replace(
        "title: Demo", "title: Demo\n    topic: Chain rule")
    assert len(load_catalog(write(tmp_path, same)).problems) == 2


def test_control_characters_in_quoted_names_are_written_out(tmp_path):
    text = replaced("x: {shape: [n]}", 'x: {shape: [n]}\n      "y\\e[2J": {shape: [n]}')
    (line,) = diagnostics_of(write(tmp_path, text))
    assert "\x1b" not in line and "'y\\x1b[2J' cannot name a variable" in line


def test_numbers_in_text_fields_are_taken_as_written(tmp_path):
    (problem,) = load_catalog(write(tmp_path, replaced('source: "test"', "source: 2024"))).problems
    assert problem.source == "2024"


def test_all_diagnostics_are_one_line_and_clip_echoed_text(tmp_path):
    long_name = "q" * 300
    text = replaced('"x.T @ A @ x"', f'"x.T @ A @ x + {long_name}"').replace("id: demo", "id: " + "d" * 300)
    lines = diagnostics_of(write(tmp_path, text))
    assert all("\n" not in line and len(line) < 400 for line in lines)
    assert any("unknown name 'qqqqqqqq" in line and "...'" in line for line in lines)


# ---------------------------------------------------------------- list limits, by path


def test_a_limit_met_after_the_problems_names_no_problem(tmp_path):
    text = BASE + "handouts:\n  - name: h\n    title: H\n    tags: [" + ", ".join(["t"] * 1001) + "]\n"
    assert only_error(tmp_path, text) == "15:3012: handouts[0].tags: more than 1,000 tags (the limit is 1,000) [too-many]"
    # a key named like a problem's list, deeper down, has the general limit, not the problem's
    nested = BASE + "handouts:\n  - name: h\n    title: H\n    extra: {tags: [" + ", ".join(["t"] * 25) + "]}\n"
    assert only_error(tmp_path, nested) == (
        "15:5: handouts[0].extra: unknown key 'extra' (allowed: " + ", ".join(KEYS) + ") [unknown-key]"
    )


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
    clock = CpuClock()
    catalog = load_catalog(path)
    assert len(catalog.problems) == per_copy * copies >= 1000
    assert all(len(p.tags) == 20 for p in catalog.problems)
    assert clock.seconds() < 60  # must not hang (CPU seconds: tests/cpu_support.py)




@pytest.mark.parametrize(
    ("written", "where"),
    [
        ('"x.T @ B @ x"', "10:24"),          # quoted, as read: the name's own column
        ("x.T @ B @ x", "10:23"),            # plain, as read
        ("'x.T @ B @ x'", "10:24"),
        ('"x.T @ \\x42 @ x"', "10:17"),      # an escape: the columns differ, so the value's start
        (">-\n      x.T @ B @ x", "10:17"),  # a block scalar: its start
    ],
)
def test_the_column_of_a_mistake_in_an_expression(tmp_path, written, where):
    line = only_error(tmp_path, replaced('"x.T @ A @ x"', written))
    assert line.startswith(f"{where}: problem 'demo', expression: unknown name 'B'"), line


def test_a_wrt_variable_the_expression_does_not_use_is_the_constant_rule(tmp_path):
    # the extension: allowed in wrt (its derivative is zero); unused and not in wrt is still refused
    text = replaced("      A: {shape: [n, n]}\n", "      A: {shape: [n, n]}\n      z: {shape: [m]}\n")
    ok = load_catalog(write(tmp_path, text.replace("wrt: [x]", "wrt: [x, z]")))
    assert ok.problems[0].wrt == ("x", "z")
    with pytest.raises(CatalogError) as info:
        load_catalog(write(tmp_path, text, "refused.yaml"))
    [d] = info.value.diagnostics
    assert (d.key, d.code) == ("variables.z", ErrorCode.UNUSED_VARIABLE)
