"""The build cache: results kept between builds, keyed by their inputs and by the code's version.

An entry is one value (any picklable plain data: a ProblemView, PDF bytes, a page's scan) stored
under a *kind* and a *key*, the digest of everything the value depends on besides the code. The
code's version, :func:`code_version`, is a digest of mcdocgen's sources, the templates and the
versions of the libraries that shape the output; an entry records the format, the version, its
kind and key inside it, and one whose record does not match, or that does not unpickle, is a
miss (and is removed), never trusted. Entries are written atomically, touched when read, and
the oldest are pruned past :data:`MAX_BYTES`.

Pickle runs code named by the data it reads: the cache is as trusted as the build root it lives
in (by default ``.mcdocgen/cache/`` there, generated and ignored by git), like ``__pycache__``.
It lives in publish/, the lowest layer whose callers all use it: publish (PDFs, the scans of the
built HTML, MkDocs's input stamp) and commands (the derivations and checks, the walkthrough).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from mcdocgen import crashsafe
from mcdocgen.publish import paths

#: The cache's own folder under the build root (STATE_DIR is generated and ignored by git).
CACHE_DIR = ".mcdocgen/cache"
#: Bumped when the entry record changes shape.
FORMAT = 1
#: Past this many bytes, the entries least recently used are removed (at the end of a build).
MAX_BYTES = 1024 ** 3
SUFFIX = ".pickle"

_PACKAGE = paths.PACKAGE
_TEMPLATES = paths.templates()
#: The libraries whose version can change a derivation, a check, a page or the site.
LIBRARIES = ("sympy", "numpy", "jinja2", "pyyaml", "markdown", "mkdocs", "mkdocs-material", "pymdown-extensions",
             "pygments", "ruamel.yaml")


def digest(*parts: str | bytes) -> str:
    """The SHA-256 of ``parts``, each length-prefixed (so ("ab", "c") and ("a", "bc") differ)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def _library(name: str) -> str:
    try:
        return f"{name}=={importlib.metadata.version(name)}"
    except importlib.metadata.PackageNotFoundError:
        return f"{name} missing"


@functools.cache
def code_version() -> str:
    """A digest of what turns the same inputs into other bytes: mcdocgen's sources (Python, and the
    JavaScript node runs: publish/mathml.js writes every formula, the memo keeps its MathML) and
    templates (paths and contents), Python's and the libraries' versions (Temml's is pinned in the code)."""
    files = sorted([*_PACKAGE.rglob("*.py"), *_PACKAGE.rglob("*.js")])
    if _TEMPLATES.is_dir():
        files += sorted(p for p in _TEMPLATES.rglob("*") if p.is_file())
    parts: list[str | bytes] = [str(FORMAT), sys.version, *(_library(name) for name in LIBRARIES)]
    for path in files:
        parts += [path.relative_to(_PACKAGE.parent).as_posix(), path.read_bytes()]
    return digest(*parts)


class Cache:
    """Entries under ``folder``; ``read=False`` (``--no-cache``) reads none but still stores the
    fresh results, so the next build finds them."""

    def __init__(self, folder: Path, read: bool = True, version: str | None = None, write: bool = True) -> None:
        self.folder = Path(folder)
        self.read = read
        self.write = write
        self.version = code_version() if version is None and (read or write) else version or ""
        self.hits = 0
        self.misses = 0

    @classmethod
    def off(cls) -> Cache:
        """A cache that reads and stores nothing (a build without one)."""
        return cls(Path(os.devnull), read=False, write=False)

    def memo(self, kind: str, key: str) -> dict[str, Any]:
        """The dict stored for ``kind`` and ``key`` (a memo a step reads and extends), or a new one."""
        found = self.get(kind, key)
        return found if isinstance(found, dict) else {}

    def _path(self, kind: str, key: str) -> Path:
        return self.folder / kind / (digest(self.version, kind, key)[:40] + SUFFIX)

    def get(self, kind: str, key: str) -> object | None:
        """The value stored for ``kind`` and ``key`` by this version of the code, or None."""
        if not self.read:
            self.misses += 1
            return None
        path = self._path(kind, key)
        try:
            data = path.read_bytes()
        except OSError:
            self.misses += 1
            return None
        try:
            record = pickle.loads(data)
            valid = isinstance(record, tuple) and len(record) == 5 and record[:4] == (FORMAT, self.version, kind, key)
        except Exception:  # noqa: BLE001 - a corrupt or foreign entry, whatever it raises, is a miss
            valid = False
        if not valid:
            path.unlink(missing_ok=True)
            self.misses += 1
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # recently used: pruned last
        self.hits += 1
        value: object = record[4]
        return value

    def put(self, kind: str, key: str, value: object) -> None:
        """Store ``value`` (not None); a cache that cannot be written is only slower, never an error."""
        if not self.write:
            return
        path = self._path(kind, key)
        try:
            data = pickle.dumps((FORMAT, self.version, kind, key, value), protocol=pickle.HIGHEST_PROTOCOL)
            path.parent.mkdir(parents=True, exist_ok=True)
            crashsafe.write_atomic(path, data)
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            pass

    def prune(self, max_bytes: int = MAX_BYTES) -> int:
        """Remove the least recently used entries until the cache holds at most ``max_bytes``, and
        what a killed write left; returns how many files were removed."""
        entries: list[tuple[float, int, Path]] = []
        removed = 0
        for path in self.folder.rglob("*") if self.folder.is_dir() else ():
            try:
                if path.name.startswith(".") and path.name.endswith(".tmp"):
                    path.unlink()  # a write killed before its rename
                    removed += 1
                elif path.suffix == SUFFIX and path.is_file():
                    st = path.stat()
                    entries.append((st.st_mtime, st.st_size, path))
            except OSError:
                continue
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries, key=lambda e: (e[0], e[2].name)):
            if total <= max_bytes:
                break
            path.unlink(missing_ok=True)
            total -= size
            removed += 1
        return removed


def file_identity(path: str | Path | None) -> str:
    """A program named by its resolved path, size and modification time ("missing" for None): an
    upgrade of node or TeX changes it, without running the program for its version."""
    if path is None:
        return "missing"
    try:
        resolved = Path(path).resolve()
        st = resolved.stat()
    except OSError:
        return f"{path} unreadable"
    return f"{resolved} {st.st_size} {st.st_mtime_ns}"
