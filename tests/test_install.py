"""The installed tool (issue 17, items 1 and 2): the wheel is built (``python -m build``: an sdist,
then the wheel from it, so MANIFEST.in is tested too), installed into a fresh venv in a temporary
folder, and from a folder outside the checkout ``mcdocgen init course && cd course && mcdocgen
build`` makes a site and the handouts' PDFs, then ``mcdocgen handout`` writes them again.

No file of the checkout may be used: the installed package must lie outside it, and an audit hook
(:data:`AUDIT`, loaded by a .pth file in the new venv, so in every Python process of the build,
MkDocs's included) records every file opened and every program started under the checkout. The
libraries come from the running venv, added to the new one's path (never its .pth files, so not
the editable mcdocgen): the test needs no network and no second copy of them.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[1]
LIBRARIES = Path(sysconfig.get_paths()["purelib"]).resolve()
#: The environment of every command: without PYTHONPATH, which may name the checkout (pip would
#: then see its mcdocgen.egg-info as mcdocgen installed already, and the tool could import it).
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}

#: Loaded in every Python process of the installed tool: appends to $MCDOCGEN_AUDIT_LOG each path
#: opened, and each command started, under $MCDOCGEN_AUDIT_WATCH but not under $MCDOCGEN_AUDIT_ALLOW.
AUDIT = '''
import os, sys
_watch = os.environ.get("MCDOCGEN_AUDIT_WATCH")
_allow = tuple(p for p in os.environ.get("MCDOCGEN_AUDIT_ALLOW", "").split(os.pathsep) if p)
_log = os.environ.get("MCDOCGEN_AUDIT_LOG")
_busy = []

def _seen(event, what):
    if _busy:
        return
    _busy.append(1)
    try:
        for item in what:
            if isinstance(item, (str, bytes, os.PathLike)):
                text = os.fsdecode(item)
                real = os.path.realpath(text) if os.path.isabs(text) or event == "open" else text
                if (real == _watch or real.startswith(_watch + os.sep) or _watch + os.sep in text) \\
                        and not real.startswith(_allow):
                    fd = os.open(_log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                    os.write(fd, f"{event}: {text}\\n".encode("utf-8", "replace"))
                    os.close(fd)
    finally:
        _busy.pop()

def _hook(event, args):
    if event == "open":
        _seen(event, args[:1])
    elif event in ("subprocess.Popen", "os.posix_spawn", "os.exec"):
        _seen(event, [args[0], *(args[1] or ())])

if _watch and _log:
    sys.addaudithook(_hook)
'''


def _run(command: list[str], cwd: Path, env: dict[str, str], timeout: int = 600) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{' '.join(command)} (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # --no-isolation: setuptools from this venv, no download; the sdist keeps the checkout's build/ out
    _run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(CHECKOUT)], cwd=CHECKOUT,
         env=CLEAN_ENV, timeout=300)
    wheels = sorted(out.glob("mcdocgen-*.whl"))
    assert len(wheels) == 1, sorted(p.name for p in out.iterdir())
    return wheels[0]


def test_the_wheel_carries_the_templates_the_site_and_temml(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    data = "mcdocgen/_data/"
    for name in ("templates/problem.md.j2", "templates/handout.tex.j2", "templates/theme/main.html",
                 "templates/course/derivations.yaml", "templates/course/.github/workflows/pages.yml",
                 "site/mkdocs.yml", "site/docs/notation.md", "site/docs/stylesheets/extra.css",
                 "site/docs/javascripts/a11y.js", "temml/package.json", "temml/dist/temml.cjs",
                 "temml/dist/Temml-STIX2.css"):
        assert data + name in names, name
    # the project's own pages and files stay out
    assert data + "site/docs/code.md" not in names
    assert not [n for n in names if n.startswith(("tests/", "docs/", "templates/", "bench/"))]
    # every template of the checkout is in it: the checkout's templates/ is the one source
    for path in (CHECKOUT / "templates").rglob("*"):
        if path.is_file():
            assert data + "templates/" + path.relative_to(CHECKOUT / "templates").as_posix() in names


def test_an_installed_mcdocgen_starts_a_course_and_builds_its_site_and_handouts(wheel: Path, tmp_path: Path) -> None:
    assert CHECKOUT not in tmp_path.resolve().parents
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path, env=CLEAN_ENV)
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index",
          str(wheel)], cwd=tmp_path, env=CLEAN_ENV)
    purelib = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                        cwd=tmp_path, env=CLEAN_ENV).stdout.strip())
    (purelib / "mcdocgen_test_libraries.pth").write_text(f"{LIBRARIES}\n", encoding="utf-8")
    (purelib / "mcdocgen_test_audit.py").write_text(AUDIT, encoding="utf-8")
    (purelib / "mcdocgen_test_audit.pth").write_text("import mcdocgen_test_audit\n", encoding="utf-8")

    audit = tmp_path / "audit.log"
    env = dict(CLEAN_ENV)
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", MCDOCGEN_AUDIT_LOG=str(audit),
               MCDOCGEN_AUDIT_WATCH=str(CHECKOUT), MCDOCGEN_AUDIT_ALLOW=f"{LIBRARIES}{os.sep}")
    env.pop("CI", None)  # without LaTeX the PDFs are skipped, not an error (tests/ skip them alike)
    work = tmp_path / "work"
    work.mkdir()
    where = _run([str(python), "-c", "import mcdocgen, mcdocgen.publish.paths as p; print(mcdocgen.__file__); "
                  "print(p.installed())"], cwd=work, env=env).stdout.split()
    assert Path(where[0]).resolve().is_relative_to(venv.resolve()) and where[1] == "True", where
    # the audit does see a file of the checkout opened (then the log starts empty again)
    _run([str(python), "-c", f"open({str(CHECKOUT / 'pyproject.toml')!r}).close()"], cwd=work, env=env)
    assert "pyproject.toml" in audit.read_text(encoding="utf-8")
    audit.unlink()

    _run(["mcdocgen", "init", "course"], cwd=work, env=env)
    course = work / "course"
    assert (course / "derivations.yaml").is_file() and (course / "mcdocgen.toml").is_file()
    settings = course / "mcdocgen.toml"  # the instructor's colours and layout, as she would edit them
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('primary = "indigo"', 'primary = "teal"').replace(
        'layout = "denominator"', 'layout = "denominator"  # edited'), encoding="utf-8")
    assert settings.read_text(encoding="utf-8") != text
    build = _run(["mcdocgen", "build", "--quiet"], cwd=course, env=env)
    assert "built" in build.stderr, build.stderr
    index = (course / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Start here - Course</title>" in index  # the title mcdocgen.toml was given
    assert 'data-md-color-primary="teal"' in index  # the colour reaches the theme's palette
    # quadratic-form names no layout: its page opens in the course's (the second tab, denominator)
    page = next((course / "site" / "problems").glob("*/quadratic-form/index.html")).read_text(encoding="utf-8")
    assert '<input checked="checked" id="__tabbed_1_2"' in page and "This course uses the" in page
    assert "derive" in (course / "site" / "api" / "index.html").read_text(encoding="utf-8")  # the API page
    assert (course / "site" / "vendor" / "mathml" / "mathml.css").is_file()
    assert 'class="arithmatex"><math' in (course / "site" / "problems" / "chain-rule" / "least-squares" / "index.html").read_text(
        encoding="utf-8")
    handouts = course / "docs" / "handouts"
    assert (handouts / "week-1-exercises.tex").is_file()
    if _has_latex():
        assert (handouts / "week-1-exercises.pdf").read_bytes().startswith(b"%PDF")
        assert (handouts / "week-1-solutions.pdf").read_bytes().startswith(b"%PDF")
        _run(["mcdocgen", "handout", "--name", "week-1"], cwd=course, env=env)
        assert (course / "handouts" / "week-1-solutions.pdf").read_bytes().startswith(b"%PDF")

    used = audit.read_text(encoding="utf-8") if audit.exists() else ""
    assert not used, f"files of the checkout were used:\n{used[:3000]}"


def _has_latex() -> bool:
    from shutil import which

    return bool(which("latexmk") and which("pdflatex"))
