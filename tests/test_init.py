"""`mcdocgen init DIR`: the new course's files, its catalog verified, its workflows lint-clean, and
no overwriting (exit 2, one line). Building the new course is tests/test_install.py's part. Also
mcdocgen's own Pages workflow (.github/workflows/pages.yml), the same job as the course's."""

from __future__ import annotations

import io
import subprocess
import tomllib

import pytest
import yaml

from mcdocgen.cli import main
from mcdocgen.commands.init import (
    TEMML_TOKEN, REQUIREMENT_TOKEN, TITLE_TOKEN, UNSET_REQUIREMENT, UNSET_TOKEN, course_files, init, requirement,
)
from mcdocgen.publish.paths import CHECKOUT
from mcdocgen.publish.course import load_course
from mcdocgen.publish.mathml import TEMML_VERSION
from test_review import actionlint

FILES = {".github/workflows/check.yml", ".github/workflows/pages.yml", ".gitignore", ".pre-commit-config.yaml",
         "README.md", "derivations.yaml", "mcdocgen.toml", "requirements.txt"}


def test_init_writes_a_course(tmp_path):
    out = io.StringIO()
    assert init(tmp_path / "linear-algebra", out) == 0
    course = tmp_path / "linear-algebra"
    written = {p.relative_to(course).as_posix() for p in course.rglob("*") if p.is_file()}
    assert written == FILES
    said = out.getvalue().splitlines()
    assert said[len(FILES)].endswith("cd " + str(course) + " && mcdocgen build")
    text = "".join(p.read_text(encoding="utf-8") for p in course.rglob("*") if p.is_file())
    for token in (TITLE_TOKEN, REQUIREMENT_TOKEN, TEMML_TOKEN, UNSET_TOKEN):
        assert token not in text
    assert f"temml@{TEMML_VERSION}" in (course / ".github/workflows/pages.yml").read_text(encoding="utf-8")
    settings = load_course(course)
    assert settings.title == "Linear algebra" and settings.name == "Linear algebra"
    assert settings.layout == "denominator"
    readme = (course / "README.md").read_text(encoding="utf-8")
    assert readme.startswith("# Linear algebra\n") and "mcdocgen check" in readme and "mcdocgen build" in readme


def test_the_title_option_and_an_empty_folder(tmp_path):
    (tmp_path / "c").mkdir()
    assert main(["init", str(tmp_path / "c"), "--title", 'ML 101: "matrices"']) == 0
    assert load_course(tmp_path / "c").title == "ML 101: 'matrices'"  # a quote would end the TOML string


def test_the_example_catalog_verifies(tmp_path, capsys):
    init(tmp_path / "c", io.StringIO())
    assert main(["check", "--quiet", str(tmp_path / "c" / "derivations.yaml")]) == 0
    assert "3 of 3 problems verified" in capsys.readouterr().err
    catalog = yaml.safe_load((tmp_path / "c" / "derivations.yaml").read_text(encoding="utf-8"))
    assert len(catalog["problems"]) == 3 and catalog["handouts"][0]["ids"] == [p["id"] for p in catalog["problems"]]


@pytest.mark.parametrize("existing", ["file", "folder"])
def test_init_never_overwrites(tmp_path, capsys, existing):
    target = tmp_path / "course"
    if existing == "file":
        target.write_text("mine\n", encoding="utf-8")
    else:
        target.mkdir()
        (target / "notes.md").write_text("mine\n", encoding="utf-8")
    assert main(["init", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err and "never overwrites" in err
    kept = target if existing == "file" else target / "notes.md"
    assert kept.read_text(encoding="utf-8") == "mine\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["course"]  # no staging folder left


def test_the_generated_workflows_pass_actionlint(tmp_path):
    exe = actionlint()
    init(tmp_path / "c", io.StringIO())
    workflows = sorted(str(p) for p in (tmp_path / "c" / ".github" / "workflows").glob("*.yml"))
    assert len(workflows) == 2
    proc = subprocess.run([exe, "-no-color", *workflows], capture_output=True, text=True, timeout=120, cwd=tmp_path / "c")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_mcdocgens_own_pages_workflow_passes_actionlint():
    exe = actionlint()
    proc = subprocess.run([exe, "-no-color", ".github/workflows/pages.yml"], capture_output=True, text=True,
                          timeout=120, cwd=CHECKOUT)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _pages_flow(path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("whose", ["course", "mcdocgen"])
def test_the_pages_workflow_deploys_on_pushes_to_main(tmp_path, whose):
    if whose == "course":
        init(tmp_path / "c", io.StringIO())
        flow, build = _pages_flow(tmp_path / "c" / ".github/workflows/pages.yml"), "mcdocgen build --quiet"
    else:
        flow, build = _pages_flow(CHECKOUT / ".github/workflows/pages.yml"), "make site PYTHON=python3.11"
    assert flow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = flow["jobs"]["build"]["steps"]
    assert any(s.get("run") == build for s in steps)
    assert any("texlive-latex-base" in s.get("run", "") for s in steps)  # CI=true: PDFs or an error
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact") and s["with"]["path"] == "site" for s in steps)
    assert flow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")


def test_the_readme_documents_mcdocgens_pages_workflow():
    readme = (CHECKOUT / "README.md").read_text(encoding="utf-8")
    assert ".github/workflows/pages.yml" in readme and "GitHub Actions" in readme


def _install_step(course) -> str:
    """The shell script of the workflows' step that installs mcdocgen (the same in both)."""
    scripts = set()
    for name in ("check.yml", "pages.yml"):
        flow = yaml.safe_load((course / ".github" / "workflows" / name).read_text(encoding="utf-8"))
        scripts |= {s["run"] for job in flow["jobs"].values() for s in job["steps"] if s.get("name") == "install mcdocgen"}
    [script] = scripts
    return script


def test_an_unknown_mcdocgen_source_is_a_placeholder_the_workflows_stop_at(tmp_path, monkeypatch):
    import mcdocgen.commands.init as init_module

    monkeypatch.setattr(init_module, "requirement", lambda: None)
    out = io.StringIO()
    init(tmp_path / "c", out)
    course = tmp_path / "c"
    lines = (course / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert lines[-1] == UNSET_REQUIREMENT and all(line.startswith("#") for line in lines[:-1])
    assert "set mcdocgen's git URL and commit in" in out.getvalue().splitlines()[-1]
    # the workflows' install step, with pip replaced: it stops, saying why, before pip runs
    script = _install_step(course).replace("python -m pip install", "echo pip ran:")
    proc = subprocess.run(["bash", "-e", "-c", script], cwd=course, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and "::error file=requirements.txt::set mcdocgen's git URL" in proc.stdout
    assert "pip ran" not in proc.stdout
    (course / "requirements.txt").write_text("mcdocgen @ git+https://github.com/someone/mcdocgen@0123abc\n", encoding="utf-8")
    proc = subprocess.run(["bash", "-e", "-c", script], cwd=course, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "pip ran: -r requirements.txt" in proc.stdout


def test_a_git_install_is_what_the_course_installs(tmp_path, monkeypatch):
    import importlib.metadata
    import json

    direct = {"url": "https://github.com/someone/mcdocgen", "vcs_info": {"vcs": "git", "commit_id": "0123abc"}}

    class Installed:
        def read_text(self, name):
            return json.dumps(direct) if name == "direct_url.json" else None

    monkeypatch.setattr(importlib.metadata, "distribution", lambda name: Installed())
    assert requirement() == "mcdocgen @ git+https://github.com/someone/mcdocgen@0123abc"
    out = io.StringIO()
    init(tmp_path / "c", out)
    assert (tmp_path / "c" / "requirements.txt").read_text(encoding="utf-8").splitlines()[-1] == requirement()
    assert "set mcdocgen's git URL" not in out.getvalue()
    direct["url"] = "file:///home/me/mcdocgen"  # a local clone: no use to a workflow
    assert requirement() is None


def test_the_gitignore_covers_everything_a_build_writes():
    from mcdocgen.publish.swap import GENERATED, SITE_DIR, STATE_DIR

    ignored = set(course_files("Course")[".gitignore"].decode("utf-8").splitlines())
    assert {f"/docs/{name}" for name in GENERATED} | {f"/{SITE_DIR}", f"/{STATE_DIR}/", "/handouts/"} <= ignored


def test_the_pre_commit_hooks(tmp_path):
    init(tmp_path / "c", io.StringIO())
    local = yaml.safe_load((tmp_path / "c" / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = local["repos"][0]["hooks"][0]
    assert hook["entry"] == "mcdocgen check --quiet" and hook["pass_filenames"] is False
    offered = yaml.safe_load((CHECKOUT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in offered] == ["mcdocgen-check"] and offered[0]["entry"] == hook["entry"]


def test_the_course_settings_are_valid_toml_with_every_key_known():
    files = course_files("Course")
    data = tomllib.loads(files["mcdocgen.toml"].decode("utf-8"))
    assert set(data) == {"site", "course"}


def test_requirement_is_a_git_url_or_unknown():
    assert requirement() is None or requirement().startswith("mcdocgen @ git+https://")  # never a PyPI pin
