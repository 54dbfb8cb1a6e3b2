"""`mcdocgen init DIR`: the new course's files, its catalog verified, its workflows lint-clean, and
no overwriting (exit 2, one line). Building the new course is tests/test_install.py's part."""

from __future__ import annotations

import io
import subprocess
import tomllib

import pytest
import yaml

from mcdocgen.cli import main
from mcdocgen.commands.init import KATEX_TOKEN, REQUIREMENT_TOKEN, TITLE_TOKEN, course_files, init, requirement
from mcdocgen.publish.course import load_course
from mcdocgen.publish.katex import KATEX_VERSION
from test_review import actionlint

FILES = {".github/workflows/check.yml", ".github/workflows/pages.yml", ".gitignore", ".pre-commit-config.yaml",
         "README.md", "derivations.yaml", "mcdocgen.toml", "requirements.txt"}


def test_init_writes_a_course(tmp_path):
    out = io.StringIO()
    assert init(tmp_path / "linear-algebra", out) == 0
    course = tmp_path / "linear-algebra"
    written = {p.relative_to(course).as_posix() for p in course.rglob("*") if p.is_file()}
    assert written == FILES
    assert out.getvalue().splitlines()[-1].endswith("cd " + str(course) + " && mcdocgen build")
    text = "".join(p.read_text(encoding="utf-8") for p in course.rglob("*") if p.is_file())
    for token in (TITLE_TOKEN, REQUIREMENT_TOKEN, KATEX_TOKEN):
        assert token not in text
    assert f"katex@{KATEX_VERSION}" in (course / ".github/workflows/pages.yml").read_text(encoding="utf-8")
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


def test_the_pages_workflow_deploys_on_pushes_to_main(tmp_path):
    init(tmp_path / "c", io.StringIO())
    flow = yaml.safe_load((tmp_path / "c" / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    assert flow[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads the key `on` as True
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    steps = flow["jobs"]["build"]["steps"]
    assert any(s.get("run") == "mcdocgen build --quiet" for s in steps)
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact") and s["with"]["path"] == "site" for s in steps)
    assert flow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")


def test_the_pre_commit_hooks(tmp_path):
    from mcdocgen.publish.paths import CHECKOUT

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


def test_requirement_names_this_version_without_a_git_url():
    from mcdocgen import __version__

    assert requirement() in (f"mcdocgen=={__version__}",) or requirement().startswith("mcdocgen @ git+https://")
