"""The published tree: where builds live, and the one rename that publishes a build.

``site`` and each generated entry of ``docs/`` (:data:`GENERATED`) are symlinks through
``.mcdocgen/current``, which points at one build folder under ``.mcdocgen/builds/``; publishing
switches that one symlink, so a reader, or a build killed at any point, sees the old tree or the
new one, never a mix. A tree built before the symlinks is adopted once.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from mcdocgen import crashsafe

#: The generated part of docs/: top-level entries replaced as a whole on every build.
GENERATED: tuple[str, ...] = ("index.md", "identities.md", "not-derived.md", "cheat-sheet", "problems", "handouts", "schema",
                             "api.md", "tags", "vendor")

DOCS_DIR = "docs"
SITE_DIR = "site"
STATE_DIR = ".mcdocgen"  # the builds and the `current` symlink; everything in it is generated
BUILDS_DIR = "builds"
CURRENT = "current"  # STATE_DIR/current -> builds/<id>: the published build
BUILD_PREFIX = "build-"
LEGACY_TEMP_PREFIX = ".mcdocgen-build-"  # temporary folders of versions before STATE_DIR


def remove_stale_temp_folders(root: Path) -> None:
    """What a killed build left behind (we hold the root's lock): every build folder but the
    published one, a half-made symlink, and the temporary folders of earlier versions."""
    state = root / STATE_DIR
    current = published(root)
    stale = [path for path in (state / BUILDS_DIR).glob("*") if path.name != current]
    stale += root.glob(LEGACY_TEMP_PREFIX + "*")
    # an entry set aside or a link half made by _adopt_legacy or crashsafe.switch_symlink
    entries = [state / CURRENT, root / SITE_DIR, *(root / DOCS_DIR / name for name in GENERATED)]
    stale += [entry.with_name(f".{entry.name}.{end}") for entry in entries for end in ("old", "new")]
    for path in stale:
        if path.is_symlink() or path.is_file():
            path.unlink()
        elif path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def published(root: Path) -> str | None:
    """The name of the published build folder, or None before the first build."""
    try:
        target = os.readlink(root / STATE_DIR / CURRENT)
    except OSError:
        return None
    return PurePosixPath(target).name


#: Where a killed build may stop while publishing, in order (see tests/test_site.py, which kills
#: the build at each). The tree is the old one up to "links-made" and the new one from "published".
CHECKPOINTS = ("legacy-copied", "legacy-adopted", "links-made", "published", "links-pruned", "old-build-removed")


def _checkpoint(name: str) -> None:
    """A named point of the publishing sequence; tests replace this to kill the build there."""


def publish(root: Path, build: Path) -> bool:
    """Make ``build`` the published tree with one rename; True once that rename happened.

    Before it, ``site`` and ``docs/<entry>`` become symlinks through ``.mcdocgen/current`` (a new
    link to an entry the published build lacks dangles, which reads as absent: the old tree).
    After it, links to entries the new build lacks and the old build folder are removed.
    """
    state, docs = root / STATE_DIR, root / DOCS_DIR
    adopt_legacy(root)
    _checkpoint("legacy-adopted")
    old = published(root)
    docs.mkdir(exist_ok=True)
    for name in GENERATED:
        if (build / DOCS_DIR / name).exists():
            ensure_link(docs / name, link_target(name))
    ensure_link(root / SITE_DIR, link_target(SITE_DIR))
    _checkpoint("links-made")
    crashsafe.switch_symlink(state / CURRENT, f"{BUILDS_DIR}/{build.name}")  # the publish
    _checkpoint("published")
    try:
        for name in GENERATED:
            link = docs / name
            if link.is_symlink() and not link.exists():
                link.unlink()
        _checkpoint("links-pruned")
        if old and old != build.name:
            shutil.rmtree(state / BUILDS_DIR / old, ignore_errors=True)
        _checkpoint("old-build-removed")
    except OSError:  # published; the next build tidies up
        pass
    return True


def link_target(name: str) -> str:
    """What ``site`` or ``docs/<name>`` links to: the entry in the published build."""
    if name == SITE_DIR:
        return f"{STATE_DIR}/{CURRENT}/{SITE_DIR}"
    return f"../{STATE_DIR}/{CURRENT}/{DOCS_DIR}/{name}"


def ensure_link(link: Path, target: str) -> None:
    """``link`` pointing at ``target``, switched in one rename when it does not already."""
    if not (link.is_symlink() and os.readlink(link) == target):
        crashsafe.switch_symlink(link, target)


def adopt_legacy(root: Path) -> None:
    """Once, for a tree built before symlinks: copy its generated entries and site into a build
    folder, publish that, then replace each real entry by its link (until then it shows itself)."""
    state, docs = root / STATE_DIR, root / DOCS_DIR
    real = [docs / name for name in GENERATED if (docs / name).exists() and not (docs / name).is_symlink()]
    site = root / SITE_DIR
    if site.exists() and not site.is_symlink():
        real.append(site)
    if not real:
        return
    if published(root) is None:
        legacy = Path(tempfile.mkdtemp(prefix=BUILD_PREFIX, dir=state / BUILDS_DIR))
        for entry in real:
            dest = legacy / (SITE_DIR if entry == site else f"{DOCS_DIR}/{entry.name}")
            dest.parent.mkdir(parents=True, exist_ok=True)
            if entry.is_dir():
                shutil.copytree(entry, dest, symlinks=True)
            else:
                shutil.copy2(entry, dest)
        crashsafe.switch_symlink(state / CURRENT, f"{BUILDS_DIR}/{legacy.name}")
    _checkpoint("legacy-copied")
    # A real folder cannot be renamed over by a symlink: the two are exchanged in one step where
    # the system can (Linux), else the folder is moved aside first (a moment without the entry).
    for entry in real:
        aside = entry.with_name(f".{entry.name}.old")
        target = link_target(SITE_DIR if entry == site else entry.name)
        os.symlink(target, aside)
        if not crashsafe.exchange(aside, entry):
            aside.unlink()
            os.replace(entry, aside)
            crashsafe.switch_symlink(entry, target)
        if aside.is_dir():
            shutil.rmtree(aside)
        else:
            aside.unlink()
