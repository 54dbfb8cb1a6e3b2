"""`mcdocgen init DIR`: a new course folder from the skeleton in ``templates/course/``: a catalog with
three example problems, the course's settings (mcdocgen.toml), a README, the CI and GitHub Pages
workflows and a pre-commit configuration. It never overwrites: a DIR that exists and is not an
empty folder is refused before anything is written.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TextIO

from mcdocgen.errors import ExitCode, McdocgenError
from mcdocgen.publish import paths
from mcdocgen.publish.mathml import TEMML_VERSION

SKELETON = "course"  # under the templates folder
#: Files of the skeleton named otherwise in the course (a .gitignore in templates/course/ would act
#: on the project's own repository).
RENAMED = {"gitignore": ".gitignore"}
#: The placeholders the skeleton's files hold: plain tokens, since the workflows use ${{ }} themselves.
TITLE_TOKEN, REQUIREMENT_TOKEN, TEMML_TOKEN = "@TITLE@", "@REQUIREMENT@", "@TEMML_VERSION@"
UNSET_TOKEN = "@UNSET@"
#: requirements.txt's line where init does not know where this mcdocgen came from (a wheel, a
#: checkout: mcdocgen is not on PyPI). The instructor replaces it (the course's README says how);
#: until then the workflows stop at it with a message saying so, before pip tries the URL.
UNSET_REQUIREMENT = "mcdocgen @ git+https://github.com/OWNER/mcdocgen@COMMIT"


def requirement() -> str | None:
    """How the course's workflows install this mcdocgen: the git URL and commit it was installed
    from (PEP 610's direct_url.json); None where it came from elsewhere (a wheel, a checkout)."""
    try:
        text = importlib.metadata.distribution("mcdocgen").read_text("direct_url.json")
        direct = json.loads(text) if text else {}
    except (importlib.metadata.PackageNotFoundError, ValueError):
        direct = {}
    vcs = direct.get("vcs_info") if isinstance(direct, dict) else None
    if isinstance(vcs, dict) and vcs.get("vcs") == "git" and str(direct.get("url", "")).startswith("https://"):
        return f"mcdocgen @ git+{direct['url']}@{vcs.get('commit_id', '')}".rstrip("@")
    return None


def course_files(title: str) -> dict[str, bytes]:
    """The new course's files, {path relative to the course folder: bytes}, in a fixed order."""
    skeleton = paths.templates() / SKELETON
    if not skeleton.is_dir():
        raise McdocgenError(f"{skeleton}: the course skeleton is missing (a broken installation of mcdocgen)")
    tokens = {TITLE_TOKEN: title, REQUIREMENT_TOKEN: requirement() or UNSET_REQUIREMENT, TEMML_TOKEN: TEMML_VERSION,
              UNSET_TOKEN: UNSET_REQUIREMENT}
    files: dict[str, bytes] = {}
    for path in sorted(p for p in skeleton.rglob("*") if p.is_file()):
        rel = path.relative_to(skeleton).as_posix()
        text = path.read_text(encoding="utf-8")
        for token, value in tokens.items():
            text = text.replace(token, value)
        files[RENAMED.get(rel, rel)] = text.encode("utf-8")
    return files


def init(folder: Path, out: TextIO, title: str | None = None) -> ExitCode:
    """Write a new course into ``folder`` (made, or an empty folder); refuse anything else.

    The files are written into a temporary folder beside it and moved in with one rename, so an
    interrupted init leaves no half course behind."""
    folder = Path(folder)
    if folder.exists() and not (folder.is_dir() and not any(folder.iterdir())):
        raise McdocgenError(f"{folder}: already exists and is not an empty folder; mcdocgen init never overwrites")
    target = folder.resolve()
    name = title if title and title.strip() else target.name.replace("-", " ").replace("_", " ").strip().capitalize()
    # the title goes into a TOML string and Markdown: no quotes or backslashes to escape there
    files = course_files(" ".join(name.replace('"', "'").replace("\\", "/").split()) or "Matrix calculus")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.init-", dir=target.parent))
    try:
        for rel, data in files.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        os.chmod(staging, 0o777 & ~_umask())
        if target.exists():
            target.rmdir()  # empty, checked above; a file created since makes this fail, never lost
        os.rename(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    for rel in files:
        print(folder / rel, file=out)
    print(f"mcdocgen: a new course in {folder}: cd {folder} && mcdocgen build", file=out)
    if requirement() is None:
        print(f"mcdocgen: before you push it: set mcdocgen's git URL and commit in {folder / 'requirements.txt'} "
              "(its workflows install mcdocgen from there; README.md, 'Publishing')", file=out)
    return ExitCode.OK


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
