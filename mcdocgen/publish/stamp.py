"""What a build was made from: stamps (digests) of its inputs, recorded in the build folder, so that
a build from the same inputs keeps the published build instead of making it again.

Two stamps are recorded: ``site``, of everything MkDocs and the steps after it read (the generated
pages and files, the navigation, the root's mkdocs.yml, the hooks and theme folder it names, the
hand-written docs/, Temml and node, the code's version), computed by :func:`site_stamp`; and
``inputs``, the caller's stamp of its own inputs (``mcdocgen build``: the catalog and the tools;
:func:`up_to_date`), which lets a build with nothing changed stop before deriving anything.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

import yaml

from mcdocgen import crashsafe
from mcdocgen.publish import paths
from mcdocgen.publish.cache import code_version, digest, file_identity
from mcdocgen.publish.swap import CURRENT, DOCS_DIR, GENERATED, SITE_DIR, STATE_DIR, link_target

CONFIG_FILE = "mkdocs.yml"
COURSE_FILE = "mcdocgen.toml"  # the course's settings (publish/course.py)
STAMP_FILE = "inputs.json"  # in a build folder, next to its docs/ and site/
#: Environment variables that change the built bytes (MkDocs's sitemap date).
ENVIRONMENT = ("SOURCE_DATE_EPOCH",)


class _AnyTagLoader(yaml.SafeLoader):  # type: ignore[misc]  # PyYAML ships no types: its classes are Any
    """Reads mkdocs.yml for its ``hooks`` only: a tag such as ``!!python/name:`` reads as None."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _config(root: Path) -> dict[str, object]:
    try:
        data = yaml.load((root / CONFIG_FILE).read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    except (OSError, yaml.YAMLError):
        return {}  # MkDocs reports an unreadable configuration itself
    return data if isinstance(data, dict) else {}


def root_hooks(root: Path) -> list[str]:
    """The root mkdocs.yml's own ``hooks:``, as absolute paths: a list in the written
    configuration replaces the inherited one instead of extending it."""
    hooks = _config(root).get("hooks")
    return [str((root / hook).resolve()) for hook in (hooks if isinstance(hooks, list) else []) if isinstance(hook, str)]


def _files(folder: Path, skip: Sequence[str] = ()) -> list[str | bytes]:
    """Every file under ``folder`` (but the top-level entries ``skip``): its path and bytes."""
    parts: list[str | bytes] = []
    if not folder.is_dir():
        return parts
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if rel.parts[0] in skip or not path.is_file():
            continue
        parts += [rel.as_posix(), path.read_bytes()]
    return parts


def root_inputs(root: Path) -> list[str | bytes]:
    """What a build reads from its root: its settings (:func:`settings_inputs`) and the
    hand-written part of docs/."""
    return [*settings_inputs(root), "docs", *_files(root / DOCS_DIR, GENERATED)]


def settings_inputs(root: Path) -> list[str | bytes]:
    """What every page of a build depends on in its root: mkdocs.yml (or the default site's),
    mcdocgen.toml, the hooks and the theme folder it names; node (the math hook runs it) and the
    environment that matters."""
    parts: list[str | bytes] = []
    # a root without its own mkdocs.yml (a course folder) builds with the default site's
    default = [] if (root / CONFIG_FILE).is_file() else paths.default_site_files()
    for path in [root / CONFIG_FILE, root / COURSE_FILE, *default, *map(Path, root_hooks(root))]:
        try:
            parts += [str(path), path.read_bytes()]
        except OSError:
            parts += [str(path), "missing"]
    theme = _config(root).get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if isinstance(custom, str):
        parts += ["custom_dir", *_files(root / custom)]
    parts += [file_identity(shutil.which("node")), *(f"{name}={os.environ.get(name)}" for name in ENVIRONMENT)]
    return parts


def site_stamp(root: Path, pages: Mapping[str, str], extra_files: Mapping[str, bytes], nav: object,
               temml: Path) -> str:
    """The stamp of everything a site build reads (its result is a function of these)."""
    parts: list[str | bytes] = [code_version(), *root_inputs(root), str(temml), json.dumps(nav, sort_keys=True)]
    for key in sorted(pages):
        parts += [key, pages[key]]
    parts.append("files")
    for key in sorted(extra_files):
        parts += [key, extra_files[key]]
    return digest(*parts)


def published_stamp(root: Path) -> dict[str, str]:
    """The stamps recorded in the published build ({} before the first build, or unreadable)."""
    try:
        data = json.loads((root / STATE_DIR / CURRENT / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record_stamp(build: Path, site: str, inputs: str) -> None:
    crashsafe.write_atomic(build / STAMP_FILE, json.dumps({"site": site, "inputs": inputs}).encode("utf-8"))


def in_place(root: Path) -> bool:
    """Whether the published build is whole: ``site`` and every generated entry of docs/ it has
    linked to it, and its site there."""
    build = root / STATE_DIR / CURRENT
    if not (root / SITE_DIR).is_symlink() or os.readlink(root / SITE_DIR) != link_target(SITE_DIR):
        return False
    if not (build / SITE_DIR / "index.html").is_file():
        return False
    for name in GENERATED:
        link = root / DOCS_DIR / name
        if (build / DOCS_DIR / name).exists() and not (link.is_symlink() and os.readlink(link) == link_target(name)):
            return False
    return True


def up_to_date(root: Path, inputs: str) -> bool:
    """Whether the published build was made from ``inputs`` and is in place: nothing to build."""
    return bool(inputs) and published_stamp(root).get("inputs") == inputs and in_place(root)
