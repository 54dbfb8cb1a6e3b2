"""`mcdocgen review`: a catalog change against a git revision, summarised for a pull request; and
the CI workflow that posts it, checked by actionlint."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from git_support import git, repo_without_catalog
from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.publish.review_comment import _result_md
from mcdocgen.cli import main
from mcdocgen.commands.review import changed_keys, run_review
from mcdocgen.publish.review_comment import MAX_COMMENT_CHARS, review_markdown

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "ci.yml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

KEEP = """\
  - id: keep
    title: Kept
    summary: Not changed.
    tags: [vector]
    source: "test"
    variables:
      x: {shape: [n]}
    expression: "x.T @ x"
    wrt: [x]
"""
LSQ = """\
  - id: lsq
    title: Least squares
    summary: Gradient of a squared residual.
    tags: [least squares]
    source: "test"
    variables:
      X: {shape: [m, n]}
      w: {shape: [n]}
      y: {shape: [m]}
    expression: "norm(X @ w - y)**2"
    wrt: [w]
"""
GONE = """\
  - id: gone
    title: Removed later
    summary: A problem the change removes.
    tags: []
    source: "test"
    variables:
      x: {shape: []}
    expression: "exp(x)"
    wrt: [x]
"""
TRACE = """\
  - id: trace
    title: Trace of a product
    summary: The gradient of tr(A X) is the transpose of A.
    tags: [trace]
    source: "test"
    variables:
      A: {shape: [n, m]}
      X: {shape: [m, n]}
    expression: "tr(A @ X)"
    wrt: [X]
"""
LSQ_CHANGED = LSQ.replace("summary: Gradient of a squared residual.",
                          "summary: Gradient of the squared residual norm.") + \
    '    expected:\n      w: "2 * X.T @ (X @ w - y)"\n'
LSQ_WRONG = LSQ + '    expected:\n      w: "2 * X.T @ (y - X @ w)"\n'

BASE = "# the catalog\nproblems:\n" + KEEP + "\n" + LSQ + "\n" + GONE
HEAD = "# the catalog\nproblems:\n" + KEEP + "\n" + LSQ_CHANGED + "\n" + TRACE


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A git repository whose main branch (tag v1) holds BASE; the working file holds HEAD."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "derivations.yaml").write_text(BASE, encoding="utf-8")
    git(repo, "add", "derivations.yaml")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "tag", "v1")
    (repo / "derivations.yaml").write_text(HEAD, encoding="utf-8")
    monkeypatch.chdir(repo)
    return repo


def review(capsys, *args) -> tuple[int, str, str]:
    code = main(["review", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


# ---------------------------------------------------------------- acceptance


def test_added_changed_and_removed_give_the_right_summary(repo, capsys):
    code, md, err = review(capsys, "--base", "main")
    assert code == 0, err
    assert "**1 added, 1 changed, 1 removed.** ✅ Every check of the added and changed problems passed." in md
    assert "| `lsq` Least squares | changed: summary, expected | ✅ passed |" in md
    assert "| `trace` Trace of a product | added | ✅ passed |" in md
    assert "| `gone` Removed later | removed | — |" in md
    assert "`keep`" not in md                   # unchanged problems are not mentioned
    assert "### ✅ `lsq`: Least squares" in md and "*changed: `summary`, `expected`*" in md
    assert "### ✅ `trace`: Trace of a product" in md and "*added*" in md
    # the statement, the result in both layouts, every check with its figures
    trace = md[md.index("### ✅ `trace`"):]
    assert "> The gradient of tr(A X) is the transpose of A." in trace
    assert "```math\nf = \\operatorname{tr}\\mathopen{}\\left(A X\\right)\n```" in trace
    assert "Numerator layout, shape n × m:\n\n```math\n\\frac{\\partial f}{\\partial X} = A\n```" in trace
    assert "Denominator layout, shape m × n:\n\n```math\n\\frac{\\partial f}{\\partial X} = A^{\\top}\n```" in trace
    for check in ("numeric", "components", "steps"):
        assert f"| {check} | ✅ passed |" in trace
    assert "| expected | ➖ not applicable |" in trace
    assert "relative error below 1e-4; 5 points" in trace
    # the page diffs: a new page is long and folded, the changed one shows the changed lines
    assert "<summary>Generated page <code>docs/problems/general/trace.md</code>: +" in trace
    assert "--- /dev/null\n+++ b/docs/problems/general/trace.md" in trace
    lsq = md[md.index("### ✅ `lsq`"):md.index("### ✅ `trace`")]
    assert "| expected | ✅ passed |" in lsq
    assert '-description: "Gradient of a squared residual."\n+description: "Gradient of the squared residual norm."' in lsq
    assert "-[← Kept](keep.md) · [Removed later →](gone.md)\n+[← Kept](keep.md) · [Trace of a product →](trace.md)" in lsq
    assert err.strip().endswith("mcdocgen: review against main: 1 added, 1 changed, 1 removed")


def test_a_wrong_expected_exits_1_and_names_the_problem(repo, capsys):
    (repo / "derivations.yaml").write_text(BASE.replace(LSQ, LSQ_WRONG), encoding="utf-8")
    code, md, err = review(capsys, "--base", "main")
    assert code == 1
    assert "**0 added, 1 changed, 0 removed.** ❌ 1 failed: `lsq`." in md
    assert "### ❌ `lsq`: Least squares" in md and "| expected | ❌ **failed** |" in md
    line = BASE.splitlines().index("  - id: lsq") + 1
    assert f"derivations.yaml:{line}: problem 'lsq', w: expected check failed:" in err
    assert "1 failed" in err.splitlines()[-1]


def test_the_base_may_be_a_branch_a_tag_or_a_commit(repo, capsys):
    sha = git(repo, "rev-parse", "HEAD").strip()
    outputs = {}
    for rev in ("main", "v1", sha, sha[:8], "HEAD"):
        code, md, err = review(capsys, "--base", rev)
        assert code == 0, (rev, err)
        assert f"at `{rev}` (`{sha[:12]}`)" in md
        outputs[rev] = md.replace(f"at `{rev}`", "at REV")
    assert len(set(outputs.values())) == 1


def test_nothing_is_checked_out(repo, capsys):
    git(repo, "checkout", "-q", "-b", "feature")
    status = git(repo, "status", "--porcelain")
    head = git(repo, "rev-parse", "HEAD")
    review(capsys, "--base", "main")
    assert git(repo, "status", "--porcelain") == status and git(repo, "rev-parse", "HEAD") == head
    assert git(repo, "branch", "--show-current").strip() == "feature"
    assert (repo / "derivations.yaml").read_text(encoding="utf-8") == HEAD


def test_a_base_without_a_catalog_makes_every_problem_new(tmp_path, monkeypatch, capsys):
    repo = repo_without_catalog(tmp_path / "repo")
    (repo / "docs").mkdir()
    (repo / "docs" / "cat.yaml").write_text(HEAD, encoding="utf-8")
    monkeypatch.chdir(repo)
    code, md, err = review(capsys, "docs/cat.yaml", "--base", "main")
    assert code == 0, err
    assert "Compared `docs/cat.yaml` with `docs/cat.yaml` at `main`" in md
    assert "The catalog does not exist at `main`: every problem is new." in md
    assert "**3 added, 0 changed, 0 removed.**" in md


def test_a_subfolder_and_a_catalog_given_from_elsewhere(tmp_path, monkeypatch, capsys):
    repo = tmp_path / "repo"
    (repo / "sub").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "sub" / "d.yaml").write_text(BASE, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "base")
    (repo / "sub" / "d.yaml").write_text(HEAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, md, err = review(capsys, "repo/sub/d.yaml", "--base", "main")
    assert code == 0, err
    assert "with `sub/d.yaml` at `main`" in md and "**1 added, 1 changed, 1 removed.**" in md


def test_no_change_is_a_short_success(repo, capsys):
    (repo / "derivations.yaml").write_text(BASE, encoding="utf-8")
    code, md, _ = review(capsys, "--base", "main")
    assert code == 0
    assert "**0 added, 0 changed, 0 removed.** Nothing to verify." in md and "###" not in md


def test_a_malformed_catalog_exits_2_with_the_same_lines_as_check(repo, capsys):
    (repo / "derivations.yaml").write_text(HEAD.replace('"tr(A @ X)"', '"tr(A @ Y)"'), encoding="utf-8")
    code, md, err = review(capsys, "--base", "main")
    assert code == 2 and md == ""
    check_code = main(["check", "derivations.yaml"])
    check_err = capsys.readouterr().err
    assert check_code == 2 and err == check_err
    assert "derivations.yaml:" in err and "problem 'trace', expression: unknown name 'Y'" in err


def test_a_malformed_base_is_said_and_everything_compared_as_new(repo, capsys):
    (repo / "derivations.yaml").write_text(BASE.replace('"exp(x)"', '"exp(q)"'), encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    (repo / "derivations.yaml").write_text(HEAD, encoding="utf-8")
    code, md, err = review(capsys, "--base", "main")
    assert code == 0, err
    assert "The catalog at `main` does not validate" in md
    assert "main:derivations.yaml:" in md and "unknown name 'q'" in md
    assert "**3 added, 0 changed, 0 removed.**" in md


@pytest.mark.parametrize("rev, message", [
    ("no-such-branch", "--base no-such-branch: no such branch, tag or commit in this repository"),
    ("--output=x", "not a revision"),
])
def test_a_bad_revision_exits_2(repo, capsys, rev, message):
    code, md, err = review(capsys, f"--base={rev}")
    assert code == 2 and md == ""
    assert message in err and "Traceback" not in err


def test_outside_a_repository_exits_2(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "derivations.yaml").write_text(HEAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, _, err = review(capsys, "--base", "main")
    assert code == 2 and "not inside a git repository" in err


def test_json_and_markdown_files(repo, capsys):
    code, out, err = review(capsys, "--base", "main", "--json", "review.json", "-o", "review.md")
    assert code == 0, err
    assert out == ""
    data = json.loads((repo / "review.json").read_text(encoding="utf-8"))
    assert data["ok"] is True and data["base"]["rev"] == "main" and data["base"]["found"] is True
    assert data["added"] == ["trace"]
    assert data["changed"] == [{"id": "lsq", "keys": ["summary", "expected"]}]
    assert data["removed"] == [{"id": "gone", "title": "Removed later"}]
    assert [p["id"] for p in data["problems"]] == ["lsq", "trace"]
    lsq = data["problems"][0]
    assert lsq["change"] == "changed" and lsq["page"] == "docs/problems/general/lsq.md"
    assert set(lsq["results"][0]["checks"]) == {"numeric", "components", "steps", "expected"}
    assert lsq["page_diff"].startswith("--- a/docs/problems/general/lsq.md\n")
    assert (repo / "review.md").read_text(encoding="utf-8").startswith("## mcdocgen review\n")
    code, out, _ = review(capsys, "--base", "main", "--json", "-")
    assert json.loads(out)["added"] == ["trace"]


def test_the_summary_is_deterministic(repo, capsys):
    first = review(capsys, "--base", "main")[1]
    second = review(capsys, "--base", "main", "--jobs", "1")[1]
    assert first == second


def test_a_long_summary_leaves_out_page_diffs_first(repo, monkeypatch):
    import mcdocgen.publish.review_comment as R

    full = review_markdown(run_review("derivations.yaml", "main"))
    assert len(full) < MAX_COMMENT_CHARS
    monkeypatch.setattr(R, "MAX_COMMENT_CHARS", len(full) - 100)
    shorter = review_markdown(run_review("derivations.yaml", "main"))
    assert "the diff is left out to keep this comment under GitHub's size limit" in shorter
    assert "--- /dev/null" not in shorter          # the longest diff (the new page) went first
    assert "--- a/docs/problems/general/lsq.md" in shorter


def test_changed_keys_follow_the_catalog_order():
    base = yaml.safe_load(BASE)["problems"][1]
    head = yaml.safe_load(HEAD)["problems"][1]
    assert changed_keys(base, head) == ("summary", "expected")
    assert changed_keys(base, base) == ()


def test_the_command_runs_as_a_program(repo):
    proc = subprocess.run([sys.executable, "-m", "mcdocgen", "review", "--base", "v1"], cwd=repo,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("## mcdocgen review\n\nCompared `derivations.yaml` with `derivations.yaml` at `v1`")


# ---------------------------------------------------------------- the CI workflow


def actionlint() -> str | None:
    found = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which("actionlint")
    if found:
        try:
            if subprocess.run([found, "--version"], capture_output=True, timeout=60).returncode == 0:
                return found
        except OSError:
            pass
    if os.environ.get("CI") == "true":
        pytest.fail("actionlint is not installed or cannot run (pip install -c constraints.txt -e '.[test]')")
    pytest.skip("actionlint is not installed or cannot run here (it comes with the 'test' extra)")


def test_the_workflow_passes_actionlint():
    exe = actionlint()
    proc = subprocess.run([exe, "-no-color", str(WORKFLOW)], capture_output=True, text=True, timeout=120,
                          cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_actionlint_does_find_mistakes(tmp_path):
    exe = actionlint()
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text("on: pull_request\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.nope }}\n", encoding="utf-8")
    proc = subprocess.run([exe, "-no-color", str(bad)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 1 and "nope" in proc.stdout


def test_the_workflow_tests_and_posts_the_review():
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert "pull_request" in flow[True]                  # YAML 1.1 reads the key `on` as true
    assert flow["permissions"]["pull-requests"] == "write"
    steps = {job: flow["jobs"][job]["steps"] for job in ("test", "review")}
    for job in steps.values():
        checkout = next(s for s in job if s.get("uses", "").startswith("actions/checkout@"))
        assert checkout["with"]["fetch-depth"] == 0
    assert any("make test" in s.get("run", "") for s in steps["test"])
    runs = "\n".join(s.get("run", "") for s in steps["review"])
    assert '.venv/bin/mcdocgen review --base "origin/$BASE_REF" --full review-full.md --full-url "$RUN_URL"' in runs
    assert "> review.md" in runs and 'cat review-full.md >> "$GITHUB_STEP_SUMMARY"' in runs
    assert "gh pr comment" in runs and "--body-file review.md" in runs


# ---------------------------------------------------------------- a comment under GitHub's limit


@pytest.fixture
def hundred_added(tmp_path, monkeypatch) -> Path:
    """A repository whose change adds 100 problems (one of them wrong) to an empty catalog."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    (repo / "derivations.yaml").write_text("problems: []\n", encoding="utf-8")
    git(repo, "add", "derivations.yaml")
    git(repo, "commit", "-q", "-m", "base")
    problems = [(KEEP, LSQ, TRACE)[i % 3].replace("id: ", f"id: p{i:03d}-", 1) for i in range(99)]
    problems.append(LSQ_WRONG.replace("id: lsq", "id: p099-wrong"))
    (repo / "derivations.yaml").write_text("problems:\n" + "\n".join(problems), encoding="utf-8")
    monkeypatch.chdir(repo)
    return repo


def test_the_comment_for_100_added_problems_fits_and_points_to_the_full_report(hundred_added, capsys):
    code, comment, err = review(capsys, "--base", "main", "--full", "full.md", "--full-url", "https://ci.example/run/7")
    assert code == 1, err
    full = (hundred_added / "full.md").read_text(encoding="utf-8")
    assert len(comment) <= MAX_COMMENT_CHARS < 65_536 < len(full)
    assert "**100 added, 0 changed, 0 removed.**" in comment and "1 failed: `p099-wrong`" in comment
    assert "This comment is cut to stay under GitHub's limit of 65,536 characters" in comment
    assert "The full report: [https://ci.example/run/7](https://ci.example/run/7)." in comment
    for i in range(100):  # every problem keeps its row in the comment and its section in the full report
        assert f"| `p{i:03d}-" in comment and f"### {'❌' if i == 99 else '✅'} `p{i:03d}-" in full
    assert "### ❌ `p099-wrong`" in comment  # a failure's details are the last to go
    assert "This comment is cut" not in full and "the diff is left out" not in full


def test_a_comment_too_long_even_for_its_table_keeps_the_first_rows(hundred_added, monkeypatch):
    import mcdocgen.publish.review_comment as R

    monkeypatch.setattr(R, "MAX_COMMENT_CHARS", 4_000)
    comment = review_markdown(run_review("derivations.yaml", "main"))
    assert len(comment) <= 4_000
    assert "| `p000-keep` Kept | added | ✅ passed |" in comment and "more | | |" in comment
    assert "rows of the table" in comment and "mcdocgen review --full FILE" in comment


def test_a_reason_for_not_deriving_is_escaped_like_every_cell():
    import dataclasses

    from mcdocgen.catalog import load_catalog
    from mcdocgen.commands.pipeline import run_problem
    from mcdocgen.publish.review_comment import _result_md

    problem = load_catalog(ROOT / "derivations.yaml").problems[0]
    result = dataclasses.replace(run_problem(problem).view.results[0], derived=False,
                                 not_derived="<script>alert(1)</script> [a](javascript:x)")
    (line,) = [line for line in _result_md(result, "f") if "Not derived" in line]
    assert "alert(1)" in line and "<script" not in line and "](" not in line


def test_a_scalar_by_a_scalar_gives_its_result_once():
    """Both layouts agree for a scalar by a scalar: the comment says so and shows the result once."""
    view = run_problem(load_catalog(ROOT / "derivations.yaml").problem("scalar-chain")).view
    text = "\n".join(_result_md(view.results[0], view.function_latex))
    assert text.count("```math") == 1 and "Both layouts, shape 1 × 1:" in text
