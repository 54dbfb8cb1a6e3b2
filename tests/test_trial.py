"""`mcdocgen try`: an expression from the command line, derived, verified, printed in four formats,
and appended to a catalog with every comment kept."""

from __future__ import annotations

import difflib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from mcdocgen import language as E
from mcdocgen.catalog.handouts import HandoutSpec
from mcdocgen.catalog import SLUG, load_catalog
from mcdocgen.cli import main
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.language.shapes import from_spec, size_symbol
from mcdocgen.commands.trial import AUTO_ID_CHARS, TrialError, parse_var, slug_id, trial_entry

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
    assert len(long) <= AUTO_ID_CHARS and not long.endswith("-")
    assert SLUG.match(long) and SLUG.match(slug_id("Ä @ ß_2"))
    assert slug_id("**") == "problem"
    assert slug_id("index") == "index-2"   # 'index' names a topic's page


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
    assert "2 * X.T @ (X @ w - y)" in result and "(n, 1)" in result
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
    table = {"X": E.var("X", from_spec(["m", "n"])), "w": E.var("w", from_spec(["n"])),
             "y": E.var("y", from_spec(["m"]))}
    node = E.parse(r["denominator"]["expr"], E.Scope(table, {"m": m, "n": n}))
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
    assert '=== "Numerator"' in out and '=== "Denominator"' in out and "How this was checked" in out
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


@pytest.mark.parametrize("expr, variables, message", [
    ("c / (d - d)", ["c:", "d:"], "division by zero: 'd - d' is identically zero"),
    ("c / (sin(d) - sin(d))", ["c:", "d:"], "division by zero: 'sin(d) - sin(d)' is identically zero"),
    ("c / (a.T @ x - dot(a, x))", ["c:", "a:n", "x:n"], "division by zero: 'a.T @ x - dot(a, x)' is identically zero"),
    ("c * (d - d)**-1", ["c:", "d:"], "division by zero: '(d - d) ** (-1)' is a negative power of 'd - d', which is "
                                      "identically zero"),
    ("log(d - d) + c", ["c:", "d:"], "log() of 'd - d', which is identically zero, is undefined (the log of 0)"),
    ("c * det(inv(A - A))", ["c:", "A:n,n"], "inv() of 'A - A', which is identically zero, has no inverse"),
])
def test_an_identically_zero_operand_is_a_one_line_error_exit_2(capsys, expr, variables, message):
    args = [a for v in variables for a in ("--var", v)]
    code, out, err = cli(capsys, "try", expr, *args, "--wrt", "c")
    assert (code, out, err) == (2, "", f"mcdocgen: EXPR: {message}\n")


@pytest.mark.parametrize("expr, variables", [("c * norm(x - x)", ["c:", "x:n"]), ("c * sqrt(d - d)", ["c:", "d:"])])
def test_a_root_of_a_zero_is_refused_only_where_the_derivative_passes_through_it(capsys, expr, variables):
    args = [a for v in variables for a in ("--var", v)]
    code, out, _ = cli(capsys, "try", expr, *args, "--wrt", "c")   # by c: the root's value, 0, no chain rule
    assert code == 0 and "derived and verified" in out
    other = variables[1].split(":")[0]
    code, out, err = cli(capsys, "try", expr, *args, "--wrt", other)
    assert (code, out) == (2, "") and err.count("\n") == 1 and "which is identically zero" in err
    code, _, err = cli(capsys, "try", f"{expr} * {other}", *args, "--wrt", "c", "--hessian", other)
    assert code == 2 and "the chain rule through" in err   # a Hessian by it passes through it too


def test_a_zero_met_while_deriving_is_a_one_line_error_exit_2_and_not_appended(tmp_path, capsys):
    catalog = tmp_path / "c.yaml"
    catalog.write_text(SMALL, encoding="utf-8")
    code, _, err = cli(capsys, "try", "c / (1/(d + 1) + 1/(d - 1) - 2*d/(d**2 - 1))", "--var", "c:", "--var", "d:",
                         "--wrt", "c", "--id", "cancelled", "--append", "--catalog", catalog)
    assert code == 2 and "Traceback" not in err and "internal error" not in err
    assert err.splitlines()[-1] == ("mcdocgen: problem 'cancelled', expression: undefined: deriving the expression met "
                                    "1/0 or 0/0 (it divides by an operand that is identically zero) [undefined]")
    assert catalog.read_text(encoding="utf-8") == SMALL


def test_a_divisor_that_can_be_nonzero_is_derived(capsys):
    code, out, _ = cli(capsys, "try", "c / (d - c)", "--var", "c:", "--var", "d:", "--wrt", "c")
    assert code == 0 and "df/dc" in out


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
    # a vector function of a symmetric matrix: not derived (the symmetric convention is for gradients)
    code, out, _ = cli(capsys, "try", "A @ x", "--var", "x:n", "--var", "A:n,n:symmetric", "--wrt", "A")
    assert code == 1 and out.splitlines()[1] == "  not derived (mcdocgen try; not in the catalog)"
    assert "derived and verified" not in out
    code, out, _ = cli(capsys, "try", "A @ x", "--var", "x:n", "--var", "A:n,n:symmetric")
    assert code == 1 and out.splitlines()[1] == "  not derived with respect to A (mcdocgen try; not in the catalog)"


def test_a_failing_derivation_exits_1_and_is_not_appended(tmp_path, capsys):
    catalog = tmp_path / "c.yaml"
    catalog.write_text(SMALL, encoding="utf-8")
    code, _, err = cli(capsys, "try", "A @ x", "--var", "x:n", "--var", "A:n,n:symmetric", "--wrt", "A",
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
    assert loaded.handouts == (HandoutSpec("all", "All problems"),)
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
    assert code == 2 and f"{catalog}:14:25: problem 'trace-linear', expression: unknown name 'Y'" in err
    assert catalog.read_text(encoding="utf-8") == broken


def test_append_creates_a_missing_catalog(tmp_path, capsys):
    catalog = tmp_path / "new.yaml"
    code, _, err = cli(capsys, "try", *LSQ, "--append", "--catalog", catalog)
    assert code == 0, err
    assert [p.id for p in load_catalog(catalog).problems] == ["norm-x-w-y-2"]


def test_append_keeps_crlf_line_endings(tmp_path, capsys):
    catalog = tmp_path / "c.yaml"
    catalog.write_bytes(SMALL.replace("\n", "\r\n").encode("utf-8"))
    code, _, err = cli(capsys, "try", *LSQ, "--append", "--catalog", catalog)
    assert code == 0, err
    after = catalog.read_bytes().decode("utf-8")
    assert after.count("\n") == after.count("\r\n") > SMALL.count("\n")
    assert only_insertions(SMALL, after.replace("\r\n", "\n"))
    assert [p.id for p in load_catalog(catalog).problems] == ["trace-linear", "norm-x-w-y-2"]


def test_append_keeps_a_symlinked_catalog_a_symlink(tmp_path, capsys):
    real = tmp_path / "shared" / "catalog.yaml"
    real.parent.mkdir()
    real.write_text(SMALL, encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "derivations.yaml"
    link.symlink_to(os.path.relpath(real, tmp_path))
    code, _, err = cli(capsys, "try", *LSQ, "--append", "--catalog", link)
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == "shared/catalog.yaml"
    assert "norm-x-w-y-2" in real.read_text(encoding="utf-8")
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["catalog.yaml"]  # no temporary file left


def _reindented(mapping: int, sequence: int, offset: int) -> str:
    """SMALL's problems with another indentation: ruamel.yaml's (mapping, sequence, offset)."""
    dash, key, nested = " " * offset + "-" + " " * (sequence - offset - 1), " " * sequence, " " * (sequence + mapping)
    return (f"problems:\n{dash}id: trace-linear   # a comment\n{key}title: Trace of a product\n"
            f"{key}summary: The gradient of tr(A X) is the transpose of A.\n{key}tags: [trace]\n"
            f"{key}source: \"test\"\n{key}variables:\n{nested}A: {{shape: [n, m]}}\n{nested}X: {{shape: [m, n]}}\n"
            f"{key}expression: \"tr(A @ X)\"\n{key}wrt: [X]\n")


@pytest.mark.parametrize("indent", [(2, 4, 2), (2, 2, 0), (4, 4, 2), (4, 6, 4), (3, 5, 2), (4, 2, 0)])
@pytest.mark.parametrize("exact", [True, False], ids=["round-trips", "normalised-elsewhere"])
def test_append_keeps_the_indentation(tmp_path, capsys, indent, exact):
    mapping, sequence, offset = indent
    text = _reindented(mapping, sequence, offset)
    if not exact:  # a line ruamel.yaml rewrites, so that no candidate dumps the file back exactly
        text = text.replace("title: Trace", "title:    Trace")
    catalog = tmp_path / "c.yaml"
    catalog.write_text(text, encoding="utf-8")
    code, _, err = cli(capsys, "try", "exp(x)", "--var", "x:", "--append", "--catalog", catalog)
    assert code == 0, err
    after = catalog.read_text(encoding="utf-8")
    if exact:
        only_insertions(text, after)
    new = after[after.index("id: exp-x") - sequence:].splitlines()
    assert new[0] == " " * offset + "-" + " " * (sequence - offset - 1) + "id: exp-x"
    assert new[1] == " " * sequence + 'title: "TODO: title"'
    assert " " * (sequence + mapping) + "x: {shape: []}" in new
    assert after.startswith(_reindented(mapping, sequence, offset)[:40])


def test_concurrent_appends_wait_for_the_lock_and_both_land(tmp_path):
    from mcdocgen import crashsafe

    catalog = tmp_path / "c.yaml"
    catalog.write_text(SMALL, encoding="utf-8")
    inode = f":{tmp_path.stat().st_ino} "
    with crashsafe.locked(tmp_path):  # as a build of this root would
        procs = [subprocess.Popen([sys.executable, "-m", "mcdocgen", "try", *LSQ, "--append", "--catalog", str(catalog)],
                                  cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        waiting = lambda: sum("->" in line and inode in line
                              for line in Path("/proc/locks").read_text().splitlines())
        deadline = time.monotonic() + 120
        while waiting() < 2 and time.monotonic() < deadline and all(p.poll() is None for p in procs):
            time.sleep(0.05)
        assert waiting() == 2
        assert catalog.read_text(encoding="utf-8") == SMALL
    for proc in procs:
        assert proc.wait(timeout=120) == 0, proc.stderr.read()
    assert [p.id for p in load_catalog(catalog).problems] == ["trace-linear", "norm-x-w-y-2", "norm-x-w-y-2-2"]


def test_a_matrix_by_a_matrix_is_tried_in_vec_form_and_its_json_evaluates_to_kron(capsys):
    code, out, _ = cli(capsys, "try", "A @ X @ B", "--var", "A:p,m", "--var", "X:m,n", "--var", "B:n,q",
                       "--wrt", "X", "--format", "json")
    assert code == 0
    (r,) = json.loads(out)["results"]
    assert (r["order"], r["form"]) == (1, "vec")
    assert r["numerator"]["shape"] == ["pq", "mn"] and r["denominator"]["shape"] == ["mn", "pq"]
    sizes = {s: size_symbol(s) for s in "pmnq"}
    table = {"A": E.var("A", from_spec(["p", "m"])), "X": E.var("X", from_spec(["m", "n"])),
             "B": E.var("B", from_spec(["n", "q"]))}
    node = E.parse(r["numerator"]["expr"], E.Scope(table, sizes))
    rng = np.random.default_rng(5)
    env = {"A": rng.normal(size=(4, 2)), "X": rng.normal(size=(2, 3)), "B": rng.normal(size=(3, 2))}
    got = evaluate(node, env, {sizes["p"]: 4, sizes["m"]: 2, sizes["n"]: 3, sizes["q"]: 2})
    assert np.allclose(got, np.kron(env["B"].T, env["A"]))   # vec(A X B) = (B^T kron A) vec(X)


def test_a_vec_form_too_large_to_hold_says_so_and_exits_1(capsys):
    code, out, err = cli(capsys, "try", "inv(X)", "--var", "X:60,60:invertible")
    assert code == 1
    assert "not derived" in out and "MAX_VEC_ENTRIES" in err


def test_a_result_the_language_cannot_write_says_which_unit_vector_it_holds(capsys):
    # review s45: sum(abs(x - x[0]))'s component step, product and result printed only "(no text form)"
    code, out, _ = cli(capsys, "try", "sum(abs(x - x[0]))", "--var", "x:n")
    why = "(no text form: e_0, the unit vector of length n with a 1 at entry 0, has no form in the language)"
    assert code == 0 and f"  result:   df/dx = {why}   (n, 1)\n" in out and f"du_1/dx = {why}" in out
    assert "(no text form)" not in out
