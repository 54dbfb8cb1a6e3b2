"""The site: writes the generated part of docs/ and builds site/ with MkDocs, published atomically.

``build_site`` assembles a complete copy of the documentation in a new build folder,
``.mcdocgen/builds/<id>/`` (the hand-written pages, the generated pages it is given, and MathJax
3.2.2 copied from the installed ``django-static-mathjax`` package), runs ``mkdocs build --strict``
on it, and only when everything succeeded publishes it with one rename: the symlink
``.mcdocgen/current`` is switched to the new build. ``site`` and each generated entry of
``docs/`` (:data:`GENERATED`) are symlinks through ``.mcdocgen/current``, so a reader, or a build
killed at any point, sees the old tree or the new one, never a mix. On any failure it raises
:class:`SiteError` and leaves ``docs/`` and ``site/`` as they were, byte for byte. Everything else
in ``docs/`` is hand-written and never written to.
"""

from __future__ import annotations

import dataclasses
import html.parser
import importlib.resources
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import yaml

from mcdocgen import crashsafe
from mcdocgen.errors import SiteError
from mcdocgen.publish.page import MARKER

__all__ = [
    "GENERATED",
    "MARKER",
    "BuildResult",
    "SiteError",
    "build_site",
    "external_references",
    "mathjax_files",
]

#: The generated part of docs/: top-level entries replaced as a whole on every build.
GENERATED: tuple[str, ...] = ("index.md", "identities.md", "problems", "handouts", "schema", "vendor")

DOCS_DIR = "docs"
SITE_DIR = "site"
CONFIG_FILE = "mkdocs.yml"
STATE_DIR = ".mcdocgen"  # the builds and the `current` symlink; everything in it is generated
BUILDS_DIR = "builds"
CURRENT = "current"  # STATE_DIR/current -> builds/<id>: the published build
BUILD_PREFIX = "build-"
LEGACY_TEMP_PREFIX = ".mcdocgen-build-"  # temporary folders of versions before STATE_DIR

#: Where MathJax goes, relative to docs/ (mkdocs.yml's extra_javascript points here).
MATHJAX_DIR = "vendor/mathjax"
MATHJAX_VERSION = "3.2.2"
MATHJAX_PACKAGE = "mathjax"  # import name of the PyPI distribution django-static-mathjax

#: Front matter as MkDocs reads it (mkdocs.utils.meta.YAML_RE).
FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)

MKDOCS_TIMEOUT_SECONDS = 900
_MAX_REPORTED_LINES = 20


@dataclasses.dataclass(frozen=True)
class BuildResult:
    """What a successful :func:`build_site` did."""

    site_dir: Path  # root/site, the built HTML
    docs_dir: Path  # root/docs, with the new generated part
    pages: int  # generated Markdown pages written
    files: int  # extra (non-Markdown) generated files written, MathJax not counted
    html_pages: int  # HTML pages MkDocs produced (including hand-written pages and 404.html)
    seconds: float  # wall time of the whole build

    def __str__(self) -> str:
        return (
            f"{self.site_dir}: {self.html_pages} HTML pages from {self.pages} generated pages"
            f" and {self.files} files in {self.seconds:.2f} s"
        )


def build_site(
    root: Path,
    pages: Mapping[str, str],
    extra_files: Mapping[str, bytes] = {},  # noqa: B006 - read only
) -> BuildResult:
    """Write the generated pages into ``root/docs`` and build ``root/site``, atomically.

    ``pages`` maps paths relative to docs/ (``"problems/linear/least-squares.md"``) to Markdown
    text; ``extra_files`` maps docs-relative paths to bytes (PDFs, .tex, JSON). Every path must
    lie in the generated part of docs/ (:data:`GENERATED`, except ``vendor``, which is ours).
    The pages given are the whole generated content: generated files not among them are removed.
    """
    started = time.perf_counter()
    root = Path(root).resolve()
    _check_inputs(pages, extra_files)
    if not (root / CONFIG_FILE).is_file():
        raise SiteError(f"{root / CONFIG_FILE}: no MkDocs configuration found")
    docs = root / DOCS_DIR
    if docs.exists() and not docs.is_dir():
        raise SiteError(f"{docs}: not a folder")

    with crashsafe.locked(root):
        _remove_stale_temp_folders(root)
        _check_existing_generated(docs)
        try:
            builds = root / STATE_DIR / BUILDS_DIR
            builds.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=BUILD_PREFIX, dir=builds))
        except OSError as err:
            raise SiteError(f"cannot create a build folder in {root / STATE_DIR}: {err}") from err
        published = False
        try:
            new_docs = tmp / DOCS_DIR
            new_site = tmp / SITE_DIR
            _copy_hand_written(docs, new_docs)
            _write_generated(new_docs, pages, extra_files)
            _vendor_mathjax(new_docs / MATHJAX_DIR)
            config = tmp / CONFIG_FILE
            config.write_text(
                f"INHERIT: {os.path.relpath(root / CONFIG_FILE, tmp)}\n"
                f"docs_dir: {DOCS_DIR}\nsite_dir: {SITE_DIR}\n",
                encoding="utf-8",
            )
            _run_mkdocs(config, cwd=root)
            _check_site(new_site)
            html_pages = sum(1 for _ in new_site.rglob("*.html"))
            _drop_hand_written(new_docs)  # docs/ links only the generated entries of a build
            published = _publish(root, tmp)
        except OSError as err:
            raise SiteError(f"site build failed; docs/ and site/ were left unchanged: {err}") from err
        finally:
            if not published:
                shutil.rmtree(tmp, ignore_errors=True)

    return BuildResult(
        site_dir=root / SITE_DIR,
        docs_dir=docs,
        pages=len(pages),
        files=len(extra_files),
        html_pages=html_pages,
        seconds=round(time.perf_counter() - started, 3),
    )


# --- inputs -------------------------------------------------------------------------------------


def _check_inputs(pages: Mapping[str, str], extra_files: Mapping[str, bytes]) -> None:
    errors: list[str] = []
    writable = [name for name in GENERATED if name != "vendor"]
    seen: dict[str, str] = {}
    for kind, mapping, want in (("page", pages, str), ("file", extra_files, bytes)):
        for key, value in mapping.items():
            problem = _path_problem(key, writable)
            if problem:
                errors.append(f"{kind} {key!r}: {problem}")
                continue
            if not isinstance(value, want):
                errors.append(f"{kind} {key!r}: content must be {want.__name__}, not {type(value).__name__}")
            if kind == "page":
                if not key.endswith(".md"):
                    errors.append(f"page {key!r}: a page must be a .md file")
                elif isinstance(value, str):
                    errors.extend(f"page {key!r}: {problem}" for problem in _page_problems(value))
            elif key.endswith(".md"):
                errors.append(f"file {key!r}: Markdown goes in pages, where it is checked")
            folded = key.casefold()
            if folded in seen:
                errors.append(f"{kind} {key!r}: same path as {seen[folded]!r}")
            seen[folded] = key
    keys = sorted(seen)
    for key in keys:  # "problems/a.md" as a file and "problems/a.md/x" as a file below it
        for parent in PurePosixPath(key).parents:
            if str(parent) != "." and str(parent) in seen:
                errors.append(f"{seen[key]!r}: {seen[str(parent)]!r} is a file, not a folder")
    if errors:
        raise SiteError("invalid generated content:\n  " + "\n  ".join(errors))


def _page_problems(text: str) -> list[str]:
    """What is wrong with a generated page: its front matter and its marker.

    MkDocs silently renders front matter that is not valid YAML (``title: Example 2: ReLU``) as
    page text and drops the title and tags, so it is checked here.
    """
    problems = []
    match = FRONT_MATTER.match(text)
    if not match:
        problems.append("the page must start with YAML front matter between '---' lines")
    else:
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f" (line {mark.line + 2})" if mark is not None else ""
            problems.append(f"front matter is not valid YAML{where}: {getattr(err, 'problem', err)}")
        else:
            if not isinstance(meta, dict):
                problems.append("front matter must be a mapping")
            else:
                for field in ("title", "description"):
                    if not isinstance(meta.get(field), str) or not meta[field].strip():
                        problems.append(f"front matter needs a non-empty string {field!r}")
                tags = meta.get("tags", [])
                if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
                    problems.append("front matter 'tags' must be a list of non-empty strings")
    if MARKER not in text:
        problems.append(f"the generated-page marker {MARKER!r} is missing")
    return problems


def _path_problem(key: object, writable: list[str]) -> str | None:
    if not isinstance(key, str) or not key:
        return "the path must be a non-empty string"
    if "\\" in key or key.startswith("/") or ":" in key:
        return "the path must be relative, with forward slashes"
    parts = key.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "the path must not contain empty, '.' or '..' parts"
    if any(part.startswith(".") for part in parts):
        return "hidden files are not published"
    top = parts[0]
    if top not in writable:
        return f"outside the generated part of docs/ ({', '.join(writable)})"
    if top.endswith(".md") and len(parts) > 1:
        return f"{top} is a page, not a folder"
    return None


def _check_existing_generated(docs: Path) -> None:
    """Refuse to replace a Markdown page at a generated path that was not generated."""
    foreign: list[str] = []
    for name in GENERATED:
        if name == "vendor":
            continue
        entry = docs / name
        candidates = [entry] if entry.is_file() else sorted(entry.rglob("*.md")) if entry.is_dir() else []
        for path in candidates:
            if path.suffix == ".md" and MARKER.encode() not in path.read_bytes():
                foreign.append(str(path.relative_to(docs.parent)))
    if foreign:
        raise SiteError(
            "these pages lie in the generated part of docs/ but lack the marker "
            f"{MARKER!r}, so they look hand-written; move them elsewhere in docs/ "
            "(or delete them) and build again:\n  " + "\n  ".join(foreign)
        )


# --- the temporary tree -------------------------------------------------------------------------


def _remove_stale_temp_folders(root: Path) -> None:
    """What a killed build left behind (we hold the root's lock): every build folder but the
    published one, a half-made symlink, and the temporary folders of earlier versions."""
    state = root / STATE_DIR
    current = _published(root)
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


def _published(root: Path) -> str | None:
    """The name of the published build folder, or None before the first build."""
    try:
        target = os.readlink(root / STATE_DIR / CURRENT)
    except OSError:
        return None
    return PurePosixPath(target).name


def _copy_hand_written(docs: Path, dest: Path) -> None:
    if not docs.is_dir():
        dest.mkdir()
        return

    def ignore(folder: str, names: list[str]) -> set[str]:
        return set(GENERATED) & set(names) if Path(folder) == docs else set()

    shutil.copytree(docs, dest, ignore=ignore)


def _drop_hand_written(docs: Path) -> None:
    for entry in docs.iterdir():
        if entry.name in GENERATED:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _write_generated(dest: Path, pages: Mapping[str, str], extra_files: Mapping[str, bytes]) -> None:
    for key in sorted(pages):
        _write_bytes(dest / key, pages[key].encode("utf-8"))
    for key in sorted(extra_files):
        _write_bytes(dest / key, bytes(extra_files[key]))


def _write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def mathjax_files() -> dict[str, Path]:
    """The MathJax files the site needs, as {path under vendor/mathjax/: installed file}."""
    try:
        base = importlib.resources.files(MATHJAX_PACKAGE) / "static" / "mathjax"
    except ModuleNotFoundError as err:
        raise SiteError(
            f"MathJax {MATHJAX_VERSION} is not installed: pip install 'django-static-mathjax==3.2.2.*'"
        ) from err
    base = Path(str(base))
    script = base / "es5" / "tex-chtml-full.js"
    fonts = base / "es5" / "output" / "chtml" / "fonts" / "woff-v2"
    if not script.is_file() or not fonts.is_dir():
        raise SiteError(f"MathJax files missing under {base}: reinstall django-static-mathjax")
    head = script.read_bytes()
    if f'VERSION="{MATHJAX_VERSION}"'.encode() not in head:
        raise SiteError(f"{script}: not MathJax {MATHJAX_VERSION}; install django-static-mathjax==3.2.2.*")
    files = {"tex-chtml-full.js": script}
    for font in sorted(fonts.glob("*.woff")):
        files[f"output/chtml/fonts/woff-v2/{font.name}"] = font
    if (base / "LICENSE").is_file():
        files["LICENSE"] = base / "LICENSE"
    return files


def _vendor_mathjax(dest: Path) -> None:
    for rel, source in mathjax_files().items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


# --- MkDocs -------------------------------------------------------------------------------------


def _run_mkdocs(config: Path, cwd: Path) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # MkDocs stamps the build day into sitemap.xml.gz; a fixed date keeps the site's bytes a
    # function of the catalog (a release may still give its own date)
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    try:
        proc = crashsafe.run(command, cwd=cwd, env=env, timeout=MKDOCS_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired as err:
        raise SiteError(f"mkdocs build did not finish in {MKDOCS_TIMEOUT_SECONDS} s") from err
    if proc.returncode != 0:
        output = (proc.stderr + proc.stdout).splitlines()
        tmp_prefix = str(config.parent) + os.sep
        lines = [
            line.replace(tmp_prefix, "")
            for line in output
            if line.startswith(("WARNING", "ERROR", "Error", "Aborted", "Config value", "No module"))
        ] or [line.replace(tmp_prefix, "") for line in output[-_MAX_REPORTED_LINES:]]
        shown = lines[:_MAX_REPORTED_LINES]
        more = f"\n  ... and {len(lines) - len(shown)} more lines" if len(lines) > len(shown) else ""
        raise SiteError(
            f"mkdocs build --strict failed (exit {proc.returncode}); docs/ and site/ were left "
            "unchanged:\n  " + "\n  ".join(shown) + more
        )


def _check_site(site: Path) -> None:
    if not (site / "search" / "search_index.json").is_file():
        raise SiteError("mkdocs built no search index (site/search/search_index.json)")
    external = external_references(site)
    if external:
        listed = [f"{page}: {url}" for page, url in external[:_MAX_REPORTED_LINES]]
        raise SiteError(
            "the built pages would load files from other hosts (the site must work offline):\n  "
            + "\n  ".join(listed)
        )


# (tag, attribute) pairs whose URL the browser fetches by itself (an <a href> is only followed).
_FETCHED = {
    ("script", "src"),
    ("link", "href"),
    ("img", "src"),
    ("img", "srcset"),
    ("source", "src"),
    ("source", "srcset"),
    ("iframe", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("track", "src"),
    ("image", "href"),
    ("use", "href"),
}
_NOT_FETCHED_LINK_RELS = {"canonical", "alternate", "author", "license", "me"}


class _ReferenceParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "style":
            self._in_style = True
        if "style" in values:
            self.urls.extend(_css_urls(values["style"]))
        for name, value in values.items():
            name = name.split(":")[-1]  # xlink:href
            if (tag, name) not in _FETCHED:
                continue
            if tag == "link" and set(values.get("rel", "").lower().split()) & _NOT_FETCHED_LINK_RELS:
                continue
            if name == "srcset":
                self.urls.extend(part.strip().split(" ")[0] for part in value.split(",") if part.strip())
            else:
                self.urls.append(value.strip())

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls.extend(_css_urls(data))


def _css_urls(css: str) -> list[str]:
    urls = []
    for marker in ("url(", "@import"):
        start = 0
        while (start := css.find(marker, start)) >= 0:
            start += len(marker)
            rest = css[start:].lstrip(" \"'")
            urls.append(rest.split(")")[0].split('"')[0].split("'")[0].split(";")[0].strip())
    return urls


def external_references(site: Path, allowed_hosts: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Every URL on another host that a built HTML page makes the browser fetch by itself.

    Returns sorted ``(page, url)`` pairs, the page relative to ``site``. Plain links (``<a href>``),
    canonical links and XML namespaces are not fetches and are not reported; nor are URLs on
    ``allowed_hosts`` (``host`` or ``host:port``).
    """
    found: set[tuple[str, str]] = set()
    for page in sorted(site.rglob("*.html")):
        parser = _ReferenceParser()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        parser.close()
        for url in parser.urls:
            parts = urlsplit(url)
            if not parts.netloc and not url.startswith("//"):
                continue  # relative, data:, javascript: ...
            if parts.scheme not in ("", "http", "https", "ftp", "ws", "wss"):
                continue
            if parts.netloc in allowed_hosts or (parts.hostname or "") in allowed_hosts:
                continue
            found.add((page.relative_to(site).as_posix(), url))
    return sorted(found)


# --- publishing ---------------------------------------------------------------------------------

#: Where a killed build may stop while publishing, in order (see tests/test_site.py, which kills
#: the build at each). The tree is the old one up to "links-made" and the new one from "published".
CHECKPOINTS = ("legacy-copied", "legacy-adopted", "links-made", "published", "links-pruned", "old-build-removed")


def _checkpoint(name: str) -> None:
    """A named point of the publishing sequence; tests replace this to kill the build there."""


def _publish(root: Path, build: Path) -> bool:
    """Make ``build`` the published tree with one rename; True once that rename happened.

    Before it, ``site`` and ``docs/<entry>`` become symlinks through ``.mcdocgen/current`` (a new
    link to an entry the published build lacks dangles, which reads as absent: the old tree).
    After it, links to entries the new build lacks and the old build folder are removed.
    """
    state, docs = root / STATE_DIR, root / DOCS_DIR
    _adopt_legacy(root)
    _checkpoint("legacy-adopted")
    old = _published(root)
    docs.mkdir(exist_ok=True)
    for name in GENERATED:
        if (build / DOCS_DIR / name).exists():
            _ensure_link(docs / name, _link_target(name))
    _ensure_link(root / SITE_DIR, _link_target(SITE_DIR))
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


def _link_target(name: str) -> str:
    """What ``site`` or ``docs/<name>`` links to: the entry in the published build."""
    if name == SITE_DIR:
        return f"{STATE_DIR}/{CURRENT}/{SITE_DIR}"
    return f"../{STATE_DIR}/{CURRENT}/{DOCS_DIR}/{name}"


def _ensure_link(link: Path, target: str) -> None:
    if not (link.is_symlink() and os.readlink(link) == target):
        crashsafe.switch_symlink(link, target)


def _adopt_legacy(root: Path) -> None:
    """Once, for a tree built before symlinks: copy its generated entries and site into a build
    folder, publish that, then replace each real entry by its link (until then it shows itself)."""
    state, docs = root / STATE_DIR, root / DOCS_DIR
    real = [docs / name for name in GENERATED if (docs / name).exists() and not (docs / name).is_symlink()]
    site = root / SITE_DIR
    if site.exists() and not site.is_symlink():
        real.append(site)
    if not real:
        return
    if _published(root) is None:
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
        target = _link_target(SITE_DIR if entry == site else entry.name)
        os.symlink(target, aside)
        if not crashsafe.exchange(aside, entry):
            aside.unlink()
            os.replace(entry, aside)
            crashsafe.switch_symlink(entry, target)
        if aside.is_dir():
            shutil.rmtree(aside)
        else:
            aside.unlink()
