"""The command line: exit codes, one-line errors without tracebacks, the report, show and build."""

import json
import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from catalog_support import LEAST_SQUARES
from mcdocgen.language import Scope, parse, var
from mcdocgen.language.shapes import from_spec, size_symbol

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "derivations.yaml"


def run(*args, cwd=ROOT, env=None):
    return subprocess.run([sys.executable, "-m", "mcdocgen", *map(str, args)], cwd=cwd, capture_output=True,
                          text=True, timeout=300, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report") / "report.json"
    proc = run("check", CATALOG, "--json", out)
    assert proc.returncode == 0, proc.stderr
    return json.loads(out.read_text())


#: results whose entries would be over the components check's COMPONENT_MAX_TERMS at every small size
#: (cookbook-trace-gram-ratio-shifted-general was, while its X was a concrete 3 x 2: with symbolic sizes
#: the check finds m = n = 2 within its limit)
COMPONENTS_NOT_APPLICABLE: frozenset[str] = frozenset()


def test_check_passes_every_result_of_the_catalog(report):
    assert report["mcdocgen"] == "0.1.0"
    assert len(report["problems"]) >= 20
    for p in report["problems"]:
        assert p["ok"] and p["errors"] == [], p["id"]
        for r in p["results"]:
            checks = r["checks"]
            assert checks["numeric"]["passed"] and checks["numeric"]["points"] == 5
            assert checks["numeric"]["max_rel_error"] < 1e-5
            assert checks["numeric"]["bound"] == 1e-4 and checks["steps"]["bound"] == 1e-9
            assert checks["steps"]["passed"]
            # the symbolic route applies to every result but those: reported not applicable
            if p["id"] in COMPONENTS_NOT_APPLICABLE:
                assert checks["components"] is None, p["id"]
            else:
                assert checks["components"]["passed"], p["id"]
            assert checks["expected"] is None or checks["expected"]["passed"]


def test_report_has_the_spec_structure_and_exprs_parse_back(report):
    lsq = next(p for p in report["problems"] if p["id"] == "ex5-least-squares")
    r = lsq["results"][0]
    assert set(r) >= {"wrt", "function_shape", "wrt_shape", "numerator", "denominator", "checks"}
    assert r["wrt"] == "w" and r["function_shape"] == [] and r["wrt_shape"] == ["n"]
    assert r["numerator"]["shape"] == ["1", "n"] and r["denominator"]["shape"] == ["n", "1"]
    assert set(r["checks"]) == {"numeric", "components", "steps", "expected"}
    # every expr is in the expression language, over the problem's own variables
    import yaml

    data = yaml.safe_load(CATALOG.read_text())
    for p, entry in zip(report["problems"], data["problems"], strict=True):
        sizes = {d for v in entry["variables"].values() for d in v["shape"] if isinstance(d, str)}
        table = {n: var(n, from_spec(v["shape"])) for n, v in entry["variables"].items()}
        scope = Scope(table, {s: size_symbol(s) for s in sizes})
        for r in p["results"]:
            for layout in ("numerator", "denominator"):
                node = parse(r[layout]["expr"], scope)
                assert node.shape.as_pair() == r[layout]["shape"], (p["id"], layout)


def test_expected_not_given_is_null_not_passed(tmp_path):
    cat = tmp_path / "c.yaml"
    cat.write_text(MINIMAL)
    out = tmp_path / "r.json"
    proc = run("check", cat, "--json", out)
    assert proc.returncode == 0, proc.stderr
    checks = json.loads(out.read_text())["problems"][0]["results"][0]["checks"]
    assert checks["expected"] is None


MINIMAL = LEAST_SQUARES


def test_a_wrong_expected_exits_1_and_names_the_problem(tmp_path):
    cat = tmp_path / "c.yaml"
    cat.write_text(MINIMAL + '    expected:\n      w: "2 * X.T @ (y - X @ w)"\n')
    proc = run("check", cat)
    assert proc.returncode == 1
    assert "problem 'lsq'" in proc.stderr and "expected check failed" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_an_expected_of_an_impossible_shape_exits_2_before_deriving(tmp_path, capsys, monkeypatch):
    from mcdocgen import cli
    from mcdocgen.commands import pipeline

    def never(*args, **kwargs):
        raise AssertionError("nothing may be derived from a catalog that does not validate")

    monkeypatch.setattr(pipeline, "run_catalog", never)  # check imports it once the catalog validated
    cat = tmp_path / "c.yaml"
    cat.write_text(MINIMAL + '    expected:\n      w: "2 * X.T @ X"\n')
    assert cli.main(["check", str(cat)]) == 2
    (line, summary) = capsys.readouterr().err.strip().splitlines()
    assert line == (f"{cat}:14:10: problem 'lsq', expected.w: has shape (n, n), but the derivative of a function of "
                    "shape (1, 1) by 'w' of shape (n, 1) has shape (n, 1) in denominator layout, the layout of expected "
                    "[expected-shape]")
    assert "nothing was derived" in summary


def test_a_malformed_catalog_exits_2_with_one_line_per_mistake_and_no_traceback(tmp_path):
    cat = tmp_path / "c.yaml"
    cat.write_text(MINIMAL.replace("norm(X @ w - y)**2", "norm(X @ y)**2").replace("wrt: [w]", "wrt: [q]"))
    proc = run("check", cat)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert any("problem 'lsq', expression:" in line and "(m, n) @ (m, 1)" in line for line in lines), lines
    assert any("problem 'lsq', wrt:" in line and "'q'" in line for line in lines), lines
    assert all(line.startswith(f"{cat}:") for line in lines[:-1])
    assert "Traceback" not in proc.stderr


def test_ten_mistakes_in_one_catalog_give_ten_located_lines(tmp_path):
    bad = ROOT / "tests" / "data" / "ten-mistakes.yaml"
    if not bad.exists():
        pytest.skip("the ten-mistake catalog lives with the catalog tests")
    proc = run("check", bad)
    assert proc.returncode == 2
    lines = [line for line in proc.stderr.splitlines() if line.startswith(str(bad))]
    assert len(lines) >= 10
    assert "Traceback" not in proc.stderr


def test_identically_zero_divisors_in_a_catalog_are_located_with_their_codes():
    proc = run("check", ROOT / "tests" / "data" / "zero-divisors.yaml")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    codes = [line.rsplit(" [", 1)[1].rstrip("]") for line in lines[:-1]]
    assert len(lines) == 14 and codes.count("undefined") == 2 and codes.count("division-by-zero") == 11, lines
    assert "zero-divisors.yaml:11:23: problem 'd-minus-d', expression: division by zero: 'd - d' is identically zero" \
        in lines[0]


def test_a_zero_the_parser_misses_is_bad_input_met_while_deriving_not_an_internal_error(tmp_path):
    # 1/(d + 1) + 1/(d - 1) - 2 d/(d^2 - 1) is 0, found by SymPy's cancel only: the derivation meets 1/0
    cat = tmp_path / "c.yaml"
    cat.write_text(MINIMAL + """\
  - id: cancelled
    title: T
    summary: S.
    tags: [t]
    source: s
    variables:
      c: {shape: []}
      d: {shape: []}
    expression: "c / (1/(d + 1) + 1/(d - 1) - 2*d/(d**2 - 1))"
    wrt: [c]
""")
    proc = run("check", cat, "--json", tmp_path / "report.json")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "internal error" not in proc.stderr
    assert proc.stderr.splitlines()[0] == (
        f"{cat}:13: problem 'cancelled', expression: undefined: deriving the expression met 1/0 or 0/0 "
        "(it divides by an operand that is identically zero) [undefined]")
    # the problems before it were derived, then dropped: not "nothing was derived", as for a load error
    assert proc.stderr.splitlines()[-1] == "mcdocgen: 1 error; deriving stopped at that problem: nothing was reported or written"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.yaml"]   # no report half-written


def test_check_on_a_missing_file_is_a_clean_error(tmp_path):
    proc = run("check", tmp_path / "nope.yaml")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "nope.yaml" in proc.stderr


def test_show_prints_the_steps_in_either_layout():
    den = run("show", "ex5-least-squares")
    assert den.returncode == 0, den.stderr
    assert "da/dw db/da dz/db" in den.stdout and "2 * X.T @ (X @ w - y)" in den.stdout
    num = run("show", "ex5-least-squares", "--layout", "numerator")
    assert "dz/db db/da da/dw" in num.stdout and "(X @ w - y).T @ X" in num.stdout
    missing = run("show", "no-such-problem")
    assert missing.returncode == 2 and "no problem 'no-such-problem'" in missing.stderr


def test_help_lists_the_commands():
    proc = run("--help")
    assert proc.returncode == 0
    for command in ("check", "show", "build"):
        assert command in proc.stdout


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` as a reader sees it: through the symlinks a build makes."""
    return {str(Path(d, f).relative_to(folder)): Path(d, f).read_bytes()
            for d, _, files in os.walk(folder, followlinks=True) for f in files if Path(d, f).is_file()}


def _site_root(tmp_path: Path) -> Path:
    root = tmp_path / "root"
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(
        "index.md", "identities.md", "cheat-sheet", "problems", "handouts", "schema", "vendor"))
    return root


def test_build_is_atomic_a_broken_expected_leaves_docs_and_site_untouched(tmp_path):
    root = _site_root(tmp_path)
    cat = tmp_path / "c.yaml"
    cat.write_text(MINIMAL)
    first = run("build", cat, "--root", root)
    assert first.returncode == 0, first.stderr
    before_docs, before_site = _tree(root / "docs"), _tree(root / "site")
    assert any(k.startswith("problems/") for k in before_docs)
    cat.write_text(MINIMAL + '    expected:\n      w: "2 * X.T @ (y - X @ w)"\n')
    second = run("build", cat, "--root", root)
    assert second.returncode == 1
    assert "problem 'lsq'" in second.stderr
    assert _tree(root / "docs") == before_docs
    assert _tree(root / "site") == before_site
    cat.write_text("problems: [")
    third = run("build", cat, "--root", root)
    assert third.returncode == 2
    assert _tree(root / "docs") == before_docs and _tree(root / "site") == before_site


BAD = sorted((ROOT / "tests" / "data" / "bad").glob("*.yaml"))


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_every_bad_catalog_exits_2_with_located_one_line_errors(path, capsys):
    from mcdocgen.cli import main

    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("mcdocgen: ") and "nothing was derived" in err[-1]
    for line in err[:-1]:
        assert line.startswith(f"{path}:"), line
        assert line.split(":")[1].isdigit(), line
    assert not any("Traceback" in line for line in err)


def test_json_to_standard_output_is_pure_json():
    proc = run("check", CATALOG, "--json", "-")
    assert proc.returncode == 0
    assert len(json.loads(proc.stdout)["problems"]) >= 20


@pytest.mark.parametrize("command", [["check", "--json"], ["review", "--base", "HEAD", "--json"],
                                     ["review", "--base", "HEAD", "--output"]])
def test_a_report_never_replaces_the_catalog_it_reads(tmp_path, command):
    """`check --json derivations.yaml` reads like "check this catalog": refused, the catalog kept."""
    catalog = tmp_path / "derivations.yaml"
    shutil.copyfile(CATALOG, catalog)
    before = catalog.read_bytes()
    proc = run(*command, "derivations.yaml", cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.strip().splitlines() == [
        "mcdocgen: derivations.yaml: this is the catalog being read; the report would replace it"
        " (give another file, or '-' for standard output)"]
    assert catalog.read_bytes() == before


@pytest.mark.parametrize("args", [
    ["check", str(CATALOG), "--json", "/nonexistent-folder/r.json"],
    ["handout", "--catalog", str(CATALOG), "-o", str(ROOT / "README.md")],
])
def test_unwritable_outputs_are_clean_errors(args):
    proc = run(*args)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith("mcdocgen: cannot use") and "Traceback" not in proc.stderr


def test_jobs_must_be_positive():
    proc = run("check", CATALOG, "--jobs", "0")
    assert proc.returncode == 2 and "at least 1" in proc.stderr


def _fast_core() -> str | None:
    """An OpenBLAS core type other than Prescott that this processor can run (None: leave the choice
    to OpenBLAS)."""
    try:
        flags = set(Path("/proc/cpuinfo").read_text().split())
    except OSError:
        return None
    return "Haswell" if "avx2" in flags else "SandyBridge" if "avx" in flags else None


def test_build_show_and_check_give_the_same_bytes_under_any_blas_kernel_and_thread_count(tmp_path):
    # The figures a check measures differ between BLAS kernels (1.2e-10 against 1.3e-10, 0 against
    # 2.8e-17); pages, handouts, show and the check summary state bounds instead, so every byte
    # agrees. PATH holds node but no latexmk: the .tex sources are compared, and a PDF depends on them only.
    empty = tmp_path / "bin"
    empty.mkdir()
    (empty / "node").symlink_to(shutil.which("node"))  # the site's math is written by Temml under node
    fast = _fast_core()
    envs = [{"OPENBLAS_CORETYPE": "Prescott", "OPENBLAS_NUM_THREADS": "1", "PYTHONHASHSEED": "0"},
            {**({"OPENBLAS_CORETYPE": fast} if fast else {}), "OPENBLAS_NUM_THREADS": "4", "PYTHONHASHSEED": "1"}]
    outputs = []
    for i, extra in enumerate(envs):
        env = {k: v for k, v in os.environ.items() if k not in ("CI", "OPENBLAS_CORETYPE", "OPENBLAS_NUM_THREADS")}
        env.update(extra, PATH=str(empty), NO_MKDOCS_2_WARNING="1")
        root = tmp_path / f"root{i}"
        root.mkdir()
        shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(
            "index.md", "identities.md", "cheat-sheet", "problems", "handouts", "schema", "vendor"))

        def call(*args, root=root, env=env):
            proc = subprocess.run([sys.executable, "-m", "mcdocgen", *map(str, args)], cwd=root, env=env,
                                  capture_output=True, text=True, timeout=300)
            assert proc.returncode == 0, proc.stderr
            return proc.stdout

        out = {"check": call("check", CATALOG, "--jobs", 1 + i), "show": call("show", "quadratic-form-symmetric", CATALOG)}
        call("build", CATALOG, "--root", root, "--jobs", 1 + i)
        outputs.append((out, _tree(root / "docs"), _tree(root / "site")))
    (out0, docs0, site0), (out1, docs1, site1) = outputs
    assert out0 == out1
    assert any(k.startswith("handouts/") and k.endswith(".tex") for k in docs0)
    assert sorted(docs0) == sorted(docs1) and [k for k in docs0 if docs0[k] != docs1[k]] == []
    assert sorted(site0) == sorted(site1) and [k for k in site0 if site0[k] != site1[k]] == []
    # nor on the day: the sitemap's gzip header holds SOURCE_DATE_EPOCH, not the build date
    assert int.from_bytes(site0["sitemap.xml.gz"][4:8], "little") == int(os.environ.get("SOURCE_DATE_EPOCH", "0"))


# ---------------------------------------------------------------- check and build agree

EDGE_BASE = """\
problems:
  - id: edge
    title: Edge
    summary: One sentence.
    tags: [vector]
    source: test
    variables:
      x: {shape: [n]}
    expression: "sum(x * x)"
    wrt: [x]
"""
SECOND = EDGE_BASE.split("problems:\n", 1)[1].replace("id: edge", "id: second")

# name -> (catalog, the exit status check gives it); build must agree (see the test below)
EDGE_CATALOGS = {
    "empty tags, as try --append writes them": (EDGE_BASE.replace("[vector]", "[]"), 0),
    "an id of 100 characters": (EDGE_BASE.replace("id: edge", "id: " + "e" * 100), 0),
    "an id of 101 characters": (EDGE_BASE.replace("id: edge", "id: " + "e" * 101), 2),
    "an id that names a topic's page": (EDGE_BASE.replace("id: edge", "id: index"), 2),
    "a lone surrogate in a title": (EDGE_BASE.replace("title: Edge", 'title: "\\ud800"'), 2),
    # YAML escapes are code points: a pair as JSON writes it is two halves, refused with its fix
    "a surrogate pair in a title": (EDGE_BASE.replace("title: Edge", 'title: "\\ud83d\\ude00"'), 2),
    "an astral character in a title": (EDGE_BASE.replace("title: Edge", 'title: "\\U0001F600 \U0001F600"'), 0),
    "a lone surrogate in a handout": (EDGE_BASE + 'handouts:\n  - {name: h, title: "\\udc00"}\n', 2),
    "a handout name too long for a file name": (EDGE_BASE + "handouts:\n  - {name: " + "h" * 300 + ", title: H}\n", 2),
    "an unknown key in a handout": (EDGE_BASE + "handouts:\n  - {name: h, title: H, colour: red}\n", 2),
    "a topic of punctuation only": (EDGE_BASE.replace("title: Edge", "title: Edge\n    topic: '!!!'"), 0),
    "two topics in one folder": (EDGE_BASE + SECOND.replace("title: Edge", "title: Edge\n    topic: general"), 2),
    "a topic too long for a folder name": (EDGE_BASE.replace("title: Edge", "title: Edge\n    topic: " + "t" * 101), 2),
    "tags that slug alike": (EDGE_BASE.replace("[vector]", "[Chain rule, chain-rule, CHAIN RULE, '!!!', '???']"), 0),
    "control characters and ANSI escapes": (EDGE_BASE.replace("title: Edge", 'title: "\\e[31mred\\x00\\a\\u202e"')
                                            .replace("[vector]", '["\\e[1m", "\\x7f", "\\x9b[2J"]')
                                            .replace("source: test", 'source: "\\u2028\\t\\ufeff"'), 0),
    "YAML and Markdown blocks as text": (EDGE_BASE.replace("title: Edge", "title: '---'")
                                         .replace("summary: One sentence.", "summary: '!!! danger \"x\"'")
                                         .replace("[vector]", "['- a', 'title: x', '=== \"t\"', '1. x']")
                                         .replace("source: test", "source: '...'"), 0),
    "a long word in a title": (EDGE_BASE.replace("title: Edge", "title: " + "w" * 3000), 0),
    "an expected of an impossible shape": (EDGE_BASE + '    expected:\n      x: "outer(x, x)"\n', 2),
    # handouts are compiled with TeX when it is installed: no word, id or expression may be too long for a line
    "long words in a handout": (EDGE_BASE.replace("id: edge", "id: " + "e" * 100)
                                .replace("title: Edge", "title: " + "w" * 300)
                                .replace("summary: One sentence.", "summary: " + "s" * 300)
                                .replace("[vector]", "[" + "t" * 300 + "]")
                                .replace("source: test", "source: https://example.com/" + "p" * 300)
                                .replace('"sum(x * x)"', '"' + "+".join(["sum(x*x)"] * 30) + '"')
                                + "handouts:\n  - {name: h, title: " + "h" * 300 + ", course: " + "c" * 300
                                + ", author: " + "a" * 300 + "}\n", 0),
}


@pytest.mark.parametrize("name", sorted(EDGE_CATALOGS))
def test_check_and_build_agree_on_edge_catalogs(name, tmp_path, capsys):
    """What check accepts, build builds; what check refuses as bad input, build refuses alike
    (and before writing anything)."""
    from mcdocgen.cli import main

    text, want = EDGE_CATALOGS[name]
    cat = tmp_path / "c.yaml"
    cat.write_text(text, encoding="utf-8")
    checked = main(["check", str(cat)])
    check_err = capsys.readouterr().err
    assert checked == want, check_err
    root = _site_root(tmp_path)
    built = main(["build", str(cat), "--root", str(root)])
    build_err = capsys.readouterr().err
    assert (checked == 2) == (built == 2), f"check {checked}, build {built}:\n{check_err}\n{build_err}"
    if checked == 0:
        assert built == 0, build_err
        for pid in re.findall(r"(?m)^  - id: (.*)$", text):  # every problem got its own page
            (page,) = (root / "docs" / "problems").glob(f"*/{pid}.md")
            assert f"*Problem id:* `{pid}`" in page.read_text(encoding="utf-8")
    else:
        assert not (root / "site").exists()
    for err in (check_err, build_err):
        assert "Traceback" not in err and not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u202e]", err), err


def test_a_bug_is_reported_as_an_internal_error_not_as_a_failed_check(monkeypatch, capsys):
    from mcdocgen import cli
    from mcdocgen.commands import pipeline
    from mcdocgen.errors import ExitCode

    def buggy(problem, wrt, **_):
        raise KeyError("a bug planted by the test")

    monkeypatch.setattr(pipeline, "derive", buggy)
    status = cli.main(["check", str(CATALOG), "--jobs", "2"])
    err = capsys.readouterr().err
    assert status == ExitCode.INTERNAL_ERROR not in (ExitCode.CHECK_FAILED, ExitCode.BAD_INPUT)
    assert "Traceback" in err and "a bug planted by the test" in err     # the worker's traceback
    assert "mcdocgen: internal error in problem '" in err.splitlines()[-1]
    assert "not derived" not in err and "stopped unexpectedly" not in err


@pytest.mark.parametrize("argv", [["show", "quadratic-form-symmetric", str(CATALOG)], ["try", "x.T @ A @ x", "--var", "x:n", "--var", "A:n,n"]])
def test_show_and_try_print_what_the_pipeline_derived_without_deriving_again(argv, monkeypatch, capsys):
    """The terminal view renders the pipeline's derivations: the parent derives nothing (a second
    derive would run outside every budget)."""
    from mcdocgen import cli
    from mcdocgen.commands import pipeline
    from mcdocgen.publish import terminal

    derive = importlib.import_module("mcdocgen.engine.derive")  # the module: the package's `derive` is the function

    parent, calls = os.getpid(), []
    real = derive.derive

    def counted(problem, wrt, **naming):
        if os.getpid() == parent:
            calls.append(wrt)
        return real(problem, wrt, **naming)

    for module in (derive, pipeline, terminal):
        monkeypatch.setattr(module, "derive", counted, raising=False)
    assert cli.main(argv) == 0
    assert "result:" in capsys.readouterr().out
    assert calls == []
