"""`mcdocgen try`: an expression from the command line, derived, verified, printed in four formats,
and appended to a catalog with every comment kept."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from mcdocgen import expr
from mcdocgen.catalog import load_catalog
from mcdocgen.cli import main
from mcdocgen.evaluate import evaluate
from mcdocgen.shapes import from_spec, size_symbol
from mcdocgen.trial import TrialError, parse_var, slug_id, trial_entry

ROOT = Path(__file__).resolve().parent.parent
LSQ = ["norm(X @ w - y)**2", "--var", "X:m,n", "--var", "w:n", "--var", "y:m", "--wrt", "w"]


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "mcdocgen", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------- the command line


@pytest.mark.parametrize("text, expected", [
    ("c:", ("c", {"shape": []})),
    ("c:scalar", ("c", {"shape": []})),
    ("w:n", ("w", {"shape": ["n"]})),
    ("X:m,n", ("X", {"shape": ["m", "n"]})),
    ("x2:2", ("x2", {"shape": [2]})),
    ("M:3, 4", ("M", {"shape": [3, 4]})),
    ("A:n,n:symmetric", ("A", {"shape": ["n", "n"], "assume": ["symmetric"]})),
    ("A:n,n:symmetric,invertible", ("A", {"shape": ["n", "n"], "assume": ["symmetric", "invertible"]})),
])
def test_parse_var(text, expected):
    assert parse_var(text) == expected


@pytest.mark.parametrize("text", ["w", ":n", "a:b:c:d"])
def test_parse_var_refuses_what_is_not_name_shape(text):
    with pytest.raises(TrialError, match="write NAME:SHAPE"):
        parse_var(text)


def test_slug_id_is_a_valid_unique_id():
    assert slug_id("norm(X @ w - y)**2") == "norm-x-w-y-2"
    assert slug_id("norm(X @ w - y)**2", {"norm-x-w-y-2"}) == "norm-x-w-y-2-2"
    long = slug_id("sum(" + " + ".join(f"x{i}" for i in range(40)) + ")")
    assert len(long) <= 40 and not long.endswith("-")
    assert slug_id("**") == "problem"


def test_trial_entry_is_a_catalog_entry_with_placeholders():
    entry = trial_entry("x.T @ x", ["x:n"], [], "sq")
    assert entry == {"id": "sq", "title": "TODO: title", "summary": "TODO: one sentence.", "tags": [],
                     "source": "TODO", "variables": {"x": {"shape": ["n"]}}, "expression": "x.T @ x", "wrt": ["x"]}


def test_acceptance_least_squares_prints_the_steps_and_the_gradient():
    proc = run("try", *LSQ)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "denominator layout" in out
    for part in ("intermediate variables:", "local derivatives:", "chain rule:", "checks:"):
        assert part in out
    result = next(line for line in out.splitlines() if line.strip().startswith("result:"))
    assert "2 * (X.T @ (X @ w - y))" in result and "(n, 1)" in result
    assert "numeric: passed" in out and "FAILED" not in out


def test_json_is_one_problem_of_the_report_and_equals_2_xt_residual(capsys):
    code, out, _ = cli(capsys, "try", *LSQ, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"id", "ok", "errors", "results"} and data["ok"]
    (r,) = data["results"]
    assert r["denominator"]["shape"] == ["n", "1"] and r["numerator"]["shape"] == ["1", "n"]
    assert r["checks"]["numeric"]["passed"] and r["checks"]["expected"] is None
    # the closed form, evaluated, is 2 X^T (X w - y)
    m, n = size_symbol("m"), size_symbol("n")
    table = {"X": expr.var("X", from_spec(["m", "n"])), "w": expr.var("w", from_spec(["n"])),
             "y": expr.var("y", from_spec(["m"]))}
    node = expr.parse(r["denominator"]["expr"], expr.Scope(table, {"m": m, "n": n}))
    rng = np.random.default_rng(7)
    env = {"X": rng.normal(size=(4, 3)), "w": rng.normal(size=(3, 1)), "y": rng.normal(size=(4, 1))}
    got = evaluate(node, env, {m: 4, n: 3})
    want = 2 * env["X"].T @ (env["X"] @ env["w"] - env["y"])
    assert np.allclose(got, want)


def test_latex_and_markdown_formats(capsys):
    code, out, _ = cli(capsys, "try", *LSQ, "--format", "latex")
    assert code == 0
    assert out.startswith("% d/dw, denominator layout, shape n x 1\n")
    assert r"\frac{\partial f}{\partial \mathbf{w}} = 2\," in out and r"X^{\top}" in out
    code, out, _ = cli(capsys, "try", *LSQ, "--format", "latex", "--layout", "numerator")
    assert "numerator layout, shape 1 x n" in out
    code, out, _ = cli(capsys, "try", *LSQ, "--format", "markdown")
    assert code == 0
    assert out.startswith("## Derivative with respect to w\n")
    assert '=== "Numerator"' in out and '=== "Denominator"' in out and "### Verification" in out
    assert "<!-- generated" not in out and not out.rstrip().endswith("---")


def test_mistakes_name_the_option_and_exit_2(capsys):
    code, out, err = cli(capsys, "try", "norm(X @ W - y)**2", "--var", "X:m,n", "--var", "w:2n", "--var", "y:m",
                         "--wrt", "q")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "mcdocgen: --var w: a size is a whole number from 1 to 1000 or a name such as n, got the text '2n'",
        "mcdocgen: EXPR: unknown name 'W' (declared: X, y)",
        "mcdocgen: --wrt: 'q' is not a declared variable (declared: X, w, y)",
    ]
    code, _, err = cli(capsys, "try", "x", "--var", "x")
    assert code == 2 and "--var x: write NAME:SHAPE" in err
    code, _, err = cli(capsys, "try", "__import__('os')", "--var", "x:n")
    assert code == 2 and "EXPR:" in err


@pytest.mark.parametrize("text, hint", [
    ("x:positive", "x::positive for a scalar"),
    ("c:nonzero", "c::nonzero for a scalar"),
    ("x:n,positive", "x:n:positive"),
    ("A:symmetric", "A:n,n:symmetric"),
])
def test_an_assumption_in_the_place_of_a_size_is_refused_with_the_right_form(capsys, text, hint):
    code, out, err = cli(capsys, "try", "x**2", "--var", text)
    assert code == 2 and out == ""
    word = text.partition(":")[2].split(",")[-1]
    assert err == (f"mcdocgen: --var {text}: '{word}' is an assumption, not a size; assumptions come third, "
                   f"after the shape: {hint}\n")
    assert parse_var(hint.split()[0])[1]["assume"] == [word]   # the hint is the form that means it


def test_the_header_says_derived_and_verified_only_when_it_was(capsys):
    code, out, _ = cli(capsys, "try", "x**2", "--var", "x::positive")
    assert code == 0 and out.splitlines()[1] == "  derived and verified (mcdocgen try; not in the catalog)"
    code, out, _ = cli(capsys, "try", "x.T @ A @ x", "--var", "x:n", "--var", "A:n,n:symmetric", "--wrt", "A")
    assert code == 1 and out.splitlines()[1] == "  not derived (mcdocgen try; not in the catalog)"
    assert "derived and verified" not in out
    code, out, _ = cli(capsys, "try", "x.T @ A @ x", "--var", "x:n", "--var", "A:n,n:symmetric")
    assert code == 1 and out.splitlines()[1] == "  not derived with respect to A (mcdocgen try; not in the catalog)"


def test_a_failing_derivation_exits_1_and_is_not_appended(tmp_path, capsys):
    catalog = tmp_path / "c.yaml"
    catalog.write_text(SMALL, encoding="utf-8")
    code, _, err = cli(capsys, "try", "x.T @ A @ x", "--var", "x:n", "--var", "A:n,n:symmetric", "--wrt", "A",
                       "--append", "--catalog", catalog)
    assert code == 1
    assert "not derived" in err and "not added" in err
    assert catalog.read_text(encoding="utf-8") == SMALL


# ---------------------------------------------------------------- --append

SMALL = """\
# yaml-language-server: $schema=./catalog.schema.json
# A small catalog: a header comment.

problems:
  # the first section
  - id: trace-linear   # an end-of-line comment
    title: Trace of a product
    summary: The gradient of tr(A X) is the transpose of A.
    tags: [trace]
    source: "test"
    variables:
      A: {shape: [n, m]}   # the constant
      X: {shape: [m, n]}
    expression: "tr(A @ X)"
    wrt: [X]
    # a comment after the last key

# ---------------------------------------------------------------- handouts
# A section after the problems, with its own heading.

handouts:
  - name: all   # every problem
    title: All problems
# the very last comment
"""


#: the same with a quoted scalar last (ruamel.yaml keeps the comments after it elsewhere)
SMALL_SCALAR_LAST = SMALL.replace('    expression: "tr(A @ X)"\n    wrt: [X]\n', '    wrt: [X]\n    expression: "tr(A @ X)"\n')


def comments(text: str) -> list[str]:
    return [line.split("#", 1)[1] for line in text.splitlines() if "#" in line]


def only_insertions(before: str, after: str) -> list[str]:
    """The lines added, asserting that nothing was changed or removed."""
    added = []
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, before.splitlines(), after.splitlines(),
                                                      autojunk=False).get_opcodes():
        assert op in ("equal", "insert"), (op, before.splitlines()[a0:a1], after.splitlines()[b0:b1])
        if op == "insert":
            added += after.splitlines()[b0:b1]
    return added


@pytest.mark.parametrize("original", [SMALL, SMALL_SCALAR_LAST], ids=["flow-last", "scalar-last"])
def test_append_keeps_every_comment_and_the_order(tmp_path, capsys, original):
    catalog = tmp_path / "c.yaml"
    catalog.write_text(original, encoding="utf-8")
    code, _, err = cli(capsys, "try", *LSQ, "--append", "--catalog", catalog)
    assert code == 0, err
    after = catalog.read_text(encoding="utf-8")
    assert comments(after) == comments(original)
    added = [line for line in only_insertions(original, after) if line]
    assert added == [
        "  - id: norm-x-w-y-2",
        '    title: "TODO: title"',
        '    summary: "TODO: one sentence."',
        "    tags: []",
        '    source: "TODO"',
        "    variables:",
        "      X: {shape: [m, n]}",
        "      w: {shape: [n]}",
        "      y: {shape: [m]}",
        '    expression: "norm(X @ w - y)**2"',
        "    wrt: [w]",
    ]
    lines = after.splitlines()
    new_at = lines.index("  - id: norm-x-w-y-2")
    assert lines[new_at - 1] == "" and lines[new_at + 11] == ""  # a blank line before and after, as between problems
    # the new problem sits after the last one, before the next section's heading
    assert after.index("id: norm-x-w-y-2") < after.index("# ---------------------------------------------------------------- handouts")
    assert after.index("# a comment after the last key") < after.index("id: norm-x-w-y-2")
    line = after.splitlines().index("  - id: norm-x-w-y-2") + 1
    assert f"added problem 'norm-x-w-y-2' to {catalog} at line {line}" in err
    loaded = load_catalog(catalog)
    assert [p.id for p in loaded.problems] == ["trace-linear", "norm-x-w-y-2"]
    assert loaded.handouts == ({"name": "all", "title": "All problems"},)
    new = loaded.problem("norm-x-w-y-2")
    assert new.title == "TODO: title" and new.wrt == ("w",)
    # a second time: a new id, and the file still checks
    code, _, err = cli(capsys, "try", *LSQ, "--append", "--catalog", catalog)
    assert code == 0, err
    assert [p.id for p in load_catalog(catalog).problems] == ["trace-linear", "norm-x-w-y-2", "norm-x-w-y-2-2"]
    assert comments(catalog.read_text(encoding="utf-8")) == comments(original)
    code, _, err = cli(capsys, "check", catalog)
    assert code == 0, err


def test_append_to_the_real_catalog_only_adds_lines(tmp_path, capsys):
    catalog = tmp_path / "derivations.yaml"
    shutil.copy(ROOT / "derivations.yaml", catalog)
    before = catalog.read_text(encoding="utf-8")
    code, _, err = cli(capsys, "try", "tr(A @ X @ B)", "--var", "A:p,m", "--var", "X:m,n", "--var", "B:n,p",
                       "--wrt", "X", "--append", "--id", "trace-three", "--catalog", catalog)
    assert code == 0, err
    after = catalog.read_text(encoding="utf-8")
    assert comments(after) == comments(before)
    added = only_insertions(before, after)
    assert added[0] == "  - id: trace-three" and "    wrt: [X]" in added
    assert load_catalog(catalog).problems[-1].id == "trace-three"


def test_append_keeps_another_indentation(tmp_path, capsys):
    text = ("problems:\n- id: sq   # square\n  title: Square\n  summary: A square.\n  tags: []\n  source: test\n"
            "  variables:\n    x: {shape: []}\n  expression: x**2\n  wrt: [x]\n")
    catalog = tmp_path / "c.yaml"
    catalog.write_text(text, encoding="utf-8")
    code, _, err = cli(capsys, "try", "exp(x)", "--var", "x:", "--append", "--catalog", catalog)
    assert code == 0, err
    added = only_insertions(text, catalog.read_text(encoding="utf-8"))
    assert "- id: exp-x" in added and "  variables:" in added


def test_append_refuses_a_used_id_and_a_broken_catalog(tmp_path, capsys):
    catalog = tmp_path / "c.yaml"
    catalog.write_text(SMALL, encoding="utf-8")
    code, _, err = cli(capsys, "try", *LSQ, "--append", "--id", "trace-linear", "--catalog", catalog)
    assert code == 2 and "'trace-linear' is already in" in err
    assert catalog.read_text(encoding="utf-8") == SMALL
    broken = SMALL.replace('expression: "tr(A @ X)"', 'expression: "tr(A @ Y)"')
    catalog.write_text(broken, encoding="utf-8")
    code, _, err = cli(capsys, "try", *LSQ, "--append", "--catalog", catalog)
    assert code == 2 and f"{catalog}:14: problem 'trace-linear', expression: unknown name 'Y'" in err
    assert catalog.read_text(encoding="utf-8") == broken


def test_append_creates_a_missing_catalog(tmp_path, capsys):
    catalog = tmp_path / "new.yaml"
    code, _, err = cli(capsys, "try", *LSQ, "--append", "--catalog", catalog)
    assert code == 0, err
    assert [p.id for p in load_catalog(catalog).problems] == ["norm-x-w-y-2"]
