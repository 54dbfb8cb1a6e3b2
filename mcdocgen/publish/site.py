"""The site: writes the generated part of docs/ and builds site/ with MkDocs, published atomically.

``build_site`` assembles a complete copy of the documentation in a new build folder,
``.mcdocgen/builds/<id>/`` (the hand-written pages, after the default site's for a root without
its own mkdocs.yml such as a course folder, :mod:`mcdocgen.publish.course`; the generated pages it
is given; Temml's stylesheet and the math font, :mod:`mcdocgen.publish.mathml`), runs ``mkdocs build
--strict`` on it with the hook that writes every formula as MathML with that same Temml
(:mod:`mcdocgen.publish.math_hook`), prunes it and checks that it works offline
(:mod:`mcdocgen.publish.offline`), writes the archive that works from disk
(:mod:`mcdocgen.publish.archive`), and only when everything succeeded publishes it with one
rename (:mod:`mcdocgen.publish.swap`), so a reader, or a build killed at any point, sees the old
tree or the new one, never a mix. On any failure it raises :class:`SiteError` and leaves
``docs/`` and ``site/`` as they were, byte for byte. Everything else in ``docs/`` is hand-written
and never written to. With the build cache (:mod:`mcdocgen.publish.cache`), a published build made
from the same input (:mod:`mcdocgen.publish.stamp`) is kept and MkDocs does not run.
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath

import yaml

from mcdocgen import crashsafe
from mcdocgen.errors import SiteError
from mcdocgen.publish.archive import write_archive
from mcdocgen.publish.cache import Cache, code_version, digest
from mcdocgen.publish.course import build_config, copy_course_pages, load_course
from mcdocgen.publish.mathml import MATH_DIR, PACKAGE_ENV, find_package, package_candidates, vendor_math
from mcdocgen.publish.page_memo import MEMO_ENV, SETTINGS_ENV, hand_over, take_back
from mcdocgen.publish.offline import external_references, prune
from mcdocgen.publish.page import MARKER
from mcdocgen.publish.render import TEMPLATES
from mcdocgen.publish.stamp import CONFIG_FILE, in_place, published_stamp, record_stamp, root_hooks, settings_inputs
from mcdocgen.publish.stamp import site_stamp
from mcdocgen.publish.swap import (
    BUILD_PREFIX, BUILDS_DIR, CURRENT, DOCS_DIR, GENERATED, SITE_DIR, STATE_DIR, publish, remove_stale_temp_folders,
)

__all__ = [
    "GENERATED",
    "MARKER",
    "BuildResult",
    "SiteError",
    "build_site",
    "external_references",
]

#: The MkDocs hook that renders the math, named by path in the configuration each build writes.
MATH_HOOK = Path(__file__).resolve().with_name("math_hook.py")
#: Additions to Material's templates (search on use), named by path like the hook.
THEME_DIR = TEMPLATES / "theme"

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
    files: int  # extra (non-Markdown) generated files written, the math stylesheet and font not counted
    html_pages: int  # HTML pages MkDocs produced (including hand-written pages and 404.html)
    seconds: float  # wall time of the whole build
    reused: bool = False  # the published site was built from the same inputs: MkDocs did not run
    #: MkDocs's work per page, reused from earlier builds or done (page_memo.KINDS: (reused, done))
    page_work: Mapping[str, tuple[int, int]] = dataclasses.field(default_factory=dict)

    def __str__(self) -> str:
        hits, misses = max(self.page_work.get("page", (0, 0)), self.page_work.get("render", (0, 0)))
        return (
            f"{self.site_dir}: {self.html_pages} HTML pages from {self.pages} generated pages"
            f" and {self.files} files in {self.seconds:.2f} s"
            + (f" ({hits} of {hits + misses} pages as earlier builds made them)" if hits else "")
            + (" (unchanged: the published site was built from the same inputs)" if self.reused else "")
        )


#: MkDocs's ``nav:``: a page's path under docs/, or {section title: [entries]}
Nav = Sequence[str | Mapping[str, "Nav"]]


def build_site(
    root: Path,
    pages: Mapping[str, str],
    extra_files: Mapping[str, bytes] = {},
    nav: Nav | None = None,
    cache: Cache | None = None,
    inputs: str = "",
) -> BuildResult:
    """Write the generated pages into ``root/docs`` and build ``root/site``, atomically.

    ``pages`` maps paths relative to docs/ (``"problems/linear/least-squares.md"``) to Markdown
    text; ``extra_files`` maps docs-relative paths to bytes (PDFs, .tex, JSON). Every path must
    lie in the generated part of docs/ (:data:`GENERATED`, except ``vendor``, which is ours).
    The pages given are the whole generated content: generated files not among them are removed.
    ``nav`` (publish.navigation.site_nav) is the navigation, without the pages this root lacks (a
    catalog without handouts, a root without some hand-written page); None: the folder structure.

    With a ``cache`` that may be read, a published build made from the same input as this one
    (:func:`site_stamp`) is kept as it is, and MkDocs does not run; the scans of the built HTML
    reuse what they found in unchanged pages. ``inputs`` (the caller's stamp of its own inputs,
    :func:`up_to_date`) is recorded in the build.
    """
    started = time.perf_counter()
    root = Path(root).resolve()
    _check_inputs(pages, extra_files)
    course = load_course(root)  # before anything is written: a mistake in it is the user's
    docs = root / DOCS_DIR
    if docs.exists() and not docs.is_dir():
        raise SiteError(f"{docs}: not a folder")
    temml = find_package(package_candidates(root))  # before anything is written: "run make node"

    with crashsafe.locked(root):
        remove_stale_temp_folders(root)
        _check_existing_generated(docs)
        stamp = site_stamp(root, pages, extra_files, nav, temml)
        cache = cache if cache is not None else Cache.off()
        if cache.read and published_stamp(root).get("site") == stamp and in_place(root):
            record_stamp(root / STATE_DIR / CURRENT, stamp, inputs)
            return BuildResult(root / SITE_DIR, docs, len(pages), len(extra_files),
                               sum(1 for _ in (root / SITE_DIR).rglob("*.html")),
                               round(time.perf_counter() - started, 3), reused=True)
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
            if not (root / CONFIG_FILE).is_file():  # a course folder: the default site's pages first
                copy_course_pages(new_docs)
            _copy_hand_written(docs, new_docs)
            _write_generated(new_docs, pages, extra_files)
            vendor_math(temml, new_docs / MATH_DIR)
            config = tmp / CONFIG_FILE
            hooks = [*root_hooks(root), str(MATH_HOOK)]
            nav_kept = None if nav is None else _present(nav, new_docs)
            config.write_text(build_config(root, tmp, course, hooks, THEME_DIR, nav_kept), encoding="utf-8")
            page_work = _run_mkdocs_memo(config, root, temml, cache)
            prune(new_site)  # source maps, unused search languages
            _check_site(new_site, cache)
            write_archive(new_site, memo := cache.memo("scan", "archive"))  # the zip that works from disk
            cache.put("scan", "archive", memo)
            html_pages = sum(1 for _ in new_site.rglob("*.html"))
            _drop_hand_written(new_docs)  # docs/ links only the generated entries of a build
            record_stamp(tmp, stamp, inputs)
            published = publish(root, tmp)
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
        page_work=page_work,
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
        raise SiteError(f"these pages lie in the generated part of docs/ but lack the marker {MARKER!r}, so they look "
                        "hand-written; move them elsewhere in docs/ (or delete them) and build again:\n  " + "\n  ".join(foreign))
    for name in (n for n in GENERATED if "." not in n and (docs / f"{n}.md").is_file()):   # an older docs/tags.md
        raise SiteError(f"{DOCS_DIR}/{name}.md: its address is that of the generated {DOCS_DIR}/{name}/index.md "
                        "and MkDocs would drop one of them; delete or rename it and build again")


# --- the temporary tree -------------------------------------------------------------------------


def _copy_hand_written(docs: Path, dest: Path) -> None:
    if not docs.is_dir():
        dest.mkdir(exist_ok=True)
        return

    def ignore(folder: str, names: list[str]) -> set[str]:
        return set(GENERATED) & set(names) if Path(folder) == docs else set()

    shutil.copytree(docs, dest, ignore=ignore, dirs_exist_ok=True)  # over the course pages, if any


def _drop_hand_written(docs: Path) -> None:
    for entry in docs.iterdir():
        if entry.name in GENERATED:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def _present(nav: Nav, docs: Path) -> list[object]:
    """``nav`` without the pages missing from ``docs``, and without sections left empty."""
    kept: list[object] = []
    for item in nav:
        if isinstance(item, str):
            if (docs / item).is_file():
                kept.append(item)
            continue
        for title, entries in item.items():
            inside = _present(entries, docs)
            if inside:
                kept.append({title: inside})
    return kept


def _write_generated(dest: Path, pages: Mapping[str, str], extra_files: Mapping[str, bytes]) -> None:
    for key in sorted(pages):
        _write_bytes(dest / key, pages[key].encode("utf-8"))
    for key in sorted(extra_files):
        _write_bytes(dest / key, bytes(extra_files[key]))


def _write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# --- MkDocs -------------------------------------------------------------------------------------


def _run_mkdocs_memo(config: Path, root: Path, temml: Path, cache: Cache) -> dict[str, tuple[int, int]]:
    """MkDocs with, given a cache, what earlier builds made of each page (page_memo), kept again
    only when MkDocs succeeded (under --strict: with no warning); returns its counts of reuse."""
    memo = config.with_name("page-memo.pickle")
    hand_over(cache, str(temml), memo)
    # what every page's template output depends on besides the page and the navigation
    settings = digest(code_version(), *settings_inputs(root), config.read_bytes(), str(temml))
    try:
        _run_mkdocs(config, cwd=root, extra_env={PACKAGE_ENV: str(temml), MEMO_ENV: str(memo), SETTINGS_ENV: settings})
        return take_back(cache, str(temml), memo)
    finally:
        memo.unlink(missing_ok=True)


def _run_mkdocs(config: Path, cwd: Path, extra_env: Mapping[str, str]) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **extra_env)
    # the hook imports mcdocgen: the same one as this process, whatever the child's cwd and sys.path
    package_parent = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_parent, env.get("PYTHONPATH")]))
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


def _check_site(site: Path, cache: Cache) -> None:
    if not (site / "search" / "search_index.json").is_file():
        raise SiteError("mkdocs built no search index (site/search/search_index.json)")
    external = external_references(site, memo=(memo := cache.memo("scan", "fetched-urls")))
    cache.put("scan", "fetched-urls", memo)
    if external:
        listed = [f"{page}: {url}" for page, url in external[:_MAX_REPORTED_LINES]]
        raise SiteError(
            "the built pages would load files from other hosts (the site must work offline):\n  "
            + "\n  ".join(listed)
        )


# --- publishing ---------------------------------------------------------------------------------

