"""mcdocgen.publish.site: the generated part of docs/ and the MkDocs build, swapped in atomically."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

import mcdocgen.publish.swap as swap
from browser_support import FAKE_PROBLEMS, fake_pages, make_root
from mcdocgen.catalog import slug
from mcdocgen.publish.mathml import FONT, FONT_FILE
from mcdocgen.publish.offline import external_references
from mcdocgen.publish.page import MARKER
from mcdocgen.publish.site import GENERATED, BuildResult, SiteError, build_site

LEAST_SQUARES = "problems/lecture-examples/ex5-least-squares.md"


def tree(path: Path) -> dict[str, str]:
    """Every file and folder below ``path`` as a reader sees it (through symlinks; a dangling
    symlink is absent): relative path -> sha256 of the content, or 'dir'."""
    if not path.exists():
        return {}
    result = {}
    for folder, dirs, files in os.walk(path, followlinks=True):
        for name in dirs + files:
            item = Path(folder, name)
            if item.exists():
                rel = item.relative_to(path).as_posix()
                result[rel] = "dir" if item.is_dir() else hashlib.sha256(item.read_bytes()).hexdigest()
    return dict(sorted(result.items()))


def snapshot(root: Path) -> tuple[dict[str, str], dict[str, str]]:
    return tree(root / "docs"), tree(root / "site")


def temp_folders(root: Path) -> list[Path]:
    """Build folders other than the published one, and half-made links or entries set aside."""
    published = os.path.realpath(root / ".mcdocgen" / "current")
    builds = [p for p in (root / ".mcdocgen" / "builds").glob("*") if str(p) != published]
    aside = [*root.glob(".*.new"), *root.glob(".*.old"), *root.glob(".mcdocgen/.*.new")]
    return sorted(builds + aside + [*(root / "docs").glob(".*.new"), *(root / "docs").glob(".*.old")])


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_root(tmp_path / "project")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """One successful build, shared by the read-only tests."""
    root = make_root(tmp_path_factory.mktemp("built") / "project")
    return root, build_site(root, fake_pages(), {"handouts/example.pdf": b"%PDF-1.5 fake\n"})


# --- a successful build -------------------------------------------------------------------------


def test_build_writes_the_generated_pages_byte_for_byte(built) -> None:
    root, result = built
    for rel, text in fake_pages().items():
        assert (root / "docs" / rel).read_bytes() == text.encode("utf-8"), rel
    assert (root / "docs" / "handouts" / "example.pdf").read_bytes() == b"%PDF-1.5 fake\n"
    assert (root / "site" / "handouts" / "example.pdf").is_file()
    assert result.pages == len(fake_pages())
    assert result.files == 1
    assert result.site_dir == root / "site"
    assert result.docs_dir == root / "docs"
    assert result.html_pages == len(list((root / "site").rglob("*.html")))
    assert result.seconds > 0
    assert str(result).startswith(f"{root / 'site'}: {result.html_pages} HTML pages from {result.pages} generated")
    assert temp_folders(root) == []


def test_every_problem_page_is_built(built) -> None:
    root, _ = built
    for pid, (topic, *_rest) in FAKE_PROBLEMS.items():
        assert (root / "site" / "problems" / topic / pid / "index.html").is_file(), pid


def test_the_math_stylesheet_and_font_are_vendored_and_linked(built) -> None:
    root, _ = built
    for base in (root / "docs", root / "site"):
        vendor = base / "vendor" / "mathml"
        css = (vendor / "mathml.css").read_text(encoding="utf-8")
        assert f"src:url({FONT_FILE}) format('woff2')" in css
        assert (vendor / FONT_FILE).read_bytes() == FONT.read_bytes()
    for page in (root / "site").rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if page.name == "404.html":
            continue
        assert "vendor/mathml/mathml.css" in html, page


def test_math_is_rendered_at_build_time_with_no_math_script(built) -> None:
    root, _ = built
    page = (root / "site" / "problems" / "lecture-examples" / "ex5-least-squares" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="arithmatex"') == len(re.findall('class="arithmatex"><math', page))
    assert page.count('class="arithmatex"') >= 4
    assert 'class="katex' not in page and "<annotation" not in page, "native MathML only"
    assert "tabindex" not in page.split('<article', 1)[1].split("</article>", 1)[0], "a formula is a Tab stop"
    for html_page in (root / "site").rglob("*.html"):
        scripts = re.findall(r"<script\b[^>]*\bsrc=\"([^\"]+)\"", html_page.read_text(encoding="utf-8"))
        assert not [src for src in scripts if re.search("math|katex|tex", src, re.I)], (html_page, scripts)
    assert not (root / "site" / "vendor" / "mathjax").exists()


_CODE = re.compile(r"<(pre|code)>.*?</\1>", re.S)


def test_the_search_index_holds_readable_math_not_tex(built) -> None:
    root, _ = built
    index = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    text = " ".join(_CODE.sub(" ", doc["title"] + " " + doc["text"]) for doc in index)
    for tex in ("\\frac", "\\mathbf", "\\(", "\\[", "\\top", "$$", "katex", "\u200b"):
        assert tex not in text, f"{tex!r} in the search index"
    # the quadratic form, numerator layout; a formula's words are a field of its entry, not text
    assert "∂f/∂x = x^T (A + A^T)" in text and "∂f/∂x = x^T (A + A^T) (transpose)" not in text
    assert "∂f/∂x = det X X^-T" in text and "(determinant, inverse transpose)" not in text
    words = {w for doc in index for w in doc.get("math", [])}
    assert {"transpose", "determinant", "inverse transpose"} <= words


_TAG = re.compile(r"<([a-zA-Z][\w:-]*)\b([^>]*)>")
_URL_ATTR = re.compile(r"""\b(src|href|srcset|data|poster)\s*=\s*["']([^"']*)["']""")
_OFFSITE = re.compile(r"^\s*(?:https?:)?//(?!127\.0\.0\.1[:/])", re.I)


def test_built_html_references_no_other_host(built) -> None:
    """Nothing a page loads by itself (script, stylesheet, font, image...) comes from elsewhere."""
    root, _ = built
    offenders = []
    for page in sorted((root / "site").rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        for tag, attrs in _TAG.findall(html):
            if tag.lower() == "a":
                continue  # a link is followed only when clicked
            for name, url in _URL_ATTR.findall(attrs):
                if _OFFSITE.match(url):
                    offenders.append(f"{page.relative_to(root)}: <{tag} {name}={url}>")
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", html):
            offenders.append(f"{page.relative_to(root)}: url({url})")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
    assert offenders == []
    assert external_references(root / "site") == []


def test_external_references_sees_fetches_and_ignores_links(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text(
        """<html><head>
        <link rel="stylesheet" href="https://cdn.example.org/x.css">
        <link rel="canonical" href="https://example.org/sub/">
        <script src="//cdn.example.org/x.js"></script>
        <script src="../assets/local.js"></script>
        <style>@font-face { src: url("https://fonts.example.org/f.woff2") }</style>
        </head><body>
        <a href="https://squidfunk.github.io/mkdocs-material/">Material</a>
        <svg xmlns="http://www.w3.org/2000/svg"><use href="#icon"/></svg>
        <img src="http://127.0.0.1:8000/local.png">
        <img srcset="https://img.example.org/a.png 1x, b.png 2x">
        <div style="background: url(https://img.example.org/bg.png)"></div>
        </body></html>""",
        encoding="utf-8",
    )
    found = [url for _, url in external_references(tmp_path, allowed_hosts=("127.0.0.1",))]
    assert found == sorted(
        [
            "https://cdn.example.org/x.css",
            "//cdn.example.org/x.js",
            "https://fonts.example.org/f.woff2",
            "https://img.example.org/a.png",
            "https://img.example.org/bg.png",
        ]
    )


def test_search_index_holds_every_page_and_a_separator_for_math_text(built) -> None:
    root, _ = built
    index = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    for pid, (topic, *_rest) in FAKE_PROBLEMS.items():
        assert f"problems/{topic}/{pid}/" in locations
    separator = re.compile(index["config"]["separator"])
    # math is in the index as readable text (mcdocgen.present.mathtext): its words split off
    assert "contribution" in separator.split("f(x)-contribution")
    assert {"x", "T", "A", "transpose"} <= set(separator.split("x^T A x (transpose)"))
    assert {"f", "x", "w"} <= set(separator.split("∂f/∂x = ‖X w - y‖^2"))


def test_each_tag_has_a_page_its_problems_link_to(built) -> None:
    root, _ = built
    for pid, (topic, _title, _summary, tags, *_) in FAKE_PROBLEMS.items():
        problem = (root / "site" / "problems" / topic / pid / "index.html").read_text(encoding="utf-8")
        for tag in tags:
            anchor = f"tag:{tag.replace(' ', '-')}"
            html = (root / "site" / "tags" / slug(tag) / "index.html").read_text(encoding="utf-8")
            assert f'id="{anchor}"' in html and f'href="../../problems/{topic}/{pid}/"' in html, tag
            assert f'href="../../../tags/{slug(tag)}/#{anchor}"' in problem, tag


def test_bad_tex_fails_the_build_naming_the_page_and_the_formula(root: Path) -> None:
    build_site(root, fake_pages())
    before = snapshot(root)
    pages = fake_pages()
    pages[LEAST_SQUARES] += "\nThe step $\\frac{1}{x} + \\frac{2}$ is wrong.\n"
    with pytest.raises(SiteError) as err:
        build_site(root, pages)
    lines = [line for line in str(err.value).splitlines() if "Temml" in line]
    assert len(lines) == 1, str(err.value)
    assert f"{LEAST_SQUARES}: Temml cannot render \\(\\frac{{1}}{{x}} + \\frac{{2}}\\): Unexpected end of input" in lines[0]
    assert snapshot(root) == before


def test_a_missing_temml_package_says_to_run_make_node(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("mcdocgen.publish.site.package_candidates", lambda root: [root / "node_modules" / "temml"])
    with pytest.raises(SiteError, match=r"Temml 0\.13\.5 is not installed .*run `make node`"):
        build_site(root, fake_pages())
    assert not (root / "site").exists() and not (root / ".mcdocgen").exists()


def test_hooks_of_the_root_configuration_run_beside_the_math_hook(root: Path) -> None:
    """The written configuration lists the math hook; the root's own hooks (a path relative to
    the root) must still run, since a list in it replaces the inherited one."""
    (root / "hooks").mkdir()
    (root / "hooks" / "stamp.py").write_text(
        "def on_post_page(output, page, config):\n    return output.replace('</body>', '<!-- stamped --></body>')\n",
        encoding="utf-8",
    )
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("\nhooks:\n  - hooks/stamp.py\n")
    build_site(root, fake_pages())
    page = (root / "site" / "problems" / "lecture-examples" / "ex5-least-squares" / "index.html").read_text(encoding="utf-8")
    assert "<!-- stamped -->" in page and 'class="arithmatex"><math' in page


# --- atomicity ----------------------------------------------------------------------------------


def test_a_failing_build_leaves_docs_and_site_untouched(root: Path) -> None:
    build_site(root, fake_pages())
    before = snapshot(root)
    assert before[0] and before[1]
    pages = fake_pages(without={"determinant"})  # a stale page, which must not vanish on failure
    pages[LEAST_SQUARES] += "\nSee [a page that does not exist](missing-page.md).\n"
    with pytest.raises(SiteError) as err:
        build_site(root, pages)
    assert "missing-page.md" in str(err.value)
    assert "strict" in str(err.value)
    assert snapshot(root) == before
    assert temp_folders(root) == []


def test_a_failing_first_build_creates_nothing(root: Path) -> None:
    before = snapshot(root)
    pages = fake_pages()
    pages["index.md"] += "\n[broken](nowhere.md)\n"
    with pytest.raises(SiteError):
        build_site(root, pages)
    assert snapshot(root) == before
    assert not (root / "site").exists()
    assert temp_folders(root) == []


def test_a_failing_publish_changes_nothing(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build_site(root, fake_pages())
    before = snapshot(root)
    real_replace = os.replace

    def flaky_replace(source, target):
        if Path(target).name == "current":
            raise OSError("disk on fire")
        return real_replace(source, target)

    monkeypatch.setattr(os, "replace", flaky_replace)
    pages = fake_pages()
    pages["index.md"] += "\nA changed home page.\n"
    with pytest.raises(SiteError, match="disk on fire"):
        build_site(root, pages)
    monkeypatch.undo()
    assert snapshot(root) == before
    assert temp_folders(root) == []


def test_the_published_tree_is_reached_through_one_symlink(built) -> None:
    root, _ = built
    current = root / ".mcdocgen" / "current"
    assert current.is_symlink() and os.readlink(current).startswith("builds/build-")
    assert os.readlink(root / "site") == ".mcdocgen/current/site"
    built_entries = sorted(p.name for p in (current / "docs").iterdir())
    assert built_entries == ["api.md", "cheat-sheet", "handouts", "identities.md", "index.md", "not-derived.md",
                             "problems", "tags", "vendor"]  # no schema
    for name in built_entries:
        assert os.readlink(root / "docs" / name) == f"../.mcdocgen/current/docs/{name}"
    assert not (root / "docs" / "schema").is_symlink()
    assert not (root / "docs" / "contributing.md").is_symlink()


def test_leftover_temp_folders_are_cleaned_up(root: Path) -> None:
    (root / ".mcdocgen-build-crashed" / "docs").mkdir(parents=True)  # an earlier version's
    (root / ".mcdocgen" / "builds" / "build-crashed" / "docs").mkdir(parents=True)
    os.symlink("nowhere", root / ".mcdocgen" / ".current.new")
    build_site(root, fake_pages())
    assert temp_folders(root) == []
    assert not (root / ".mcdocgen-build-crashed").exists()


# --- kill -9 while publishing -------------------------------------------------------------------

NEW_HOME = "\nA changed home page.\n"
CRASHING_BUILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    sys.path.insert(0, {tests!r})
    import mcdocgen.publish.site as site
    import mcdocgen.publish.swap as swap
    from browser_support import fake_pages

    def checkpoint(name):
        if name == {point!r}:
            os.kill(os.getpid(), signal.SIGKILL)

    swap._checkpoint = checkpoint
    pages = fake_pages(without={{"determinant"}})
    pages["index.md"] += {new_home!r}
    site.build_site(Path({root!r}), pages, {{"handouts/new.pdf": b"%PDF new"}})
    """
)


def _new_pages() -> tuple[dict[str, str], dict[str, bytes]]:
    pages = fake_pages(without={"determinant"})
    pages["index.md"] += NEW_HOME
    return pages, {"handouts/new.pdf": b"%PDF new"}


def _crash_at(root: Path, point: str) -> None:
    script = CRASHING_BUILD.format(tests=str(Path(__file__).parent), point=point, new_home=NEW_HOME, root=str(root))
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert proc.returncode == -signal.SIGKILL, proc.stderr


def _legacy(root: Path) -> None:
    """Turn a built root into what a version before symlinks left: real folders, no .mcdocgen."""
    for entry in [root / "site", *(root / "docs" / name for name in GENERATED)]:
        if entry.is_symlink():
            target = entry.resolve()
            entry.unlink()
            if target.is_dir():
                shutil.copytree(target, entry)
            else:
                shutil.copyfile(target, entry)
    shutil.rmtree(root / ".mcdocgen")


@pytest.fixture(scope="module")
def old_and_new(tmp_path_factory: pytest.TempPathFactory):
    """A built root (the old tree) to copy, and the snapshot of the new tree built over it."""
    old = make_root(tmp_path_factory.mktemp("old") / "project")
    build_site(old, fake_pages(), {"handouts/old.pdf": b"%PDF old"})
    new = tmp_path_factory.mktemp("new") / "project"
    shutil.copytree(old, new, symlinks=True)
    build_site(new, *_new_pages())
    return old, snapshot(old), snapshot(new)


# (from a tree an earlier version built with real folders?, checkpoint): every checkpoint of a
# symlinked tree, and of a legacy one up to the publish (the same as symlinked after it)
KILLS = [(False, p) for p in swap.CHECKPOINTS if not p.startswith("legacy")] + [
    (True, p) for p in swap.CHECKPOINTS[: swap.CHECKPOINTS.index("published") + 1]]


@pytest.mark.parametrize(("legacy", "point"), KILLS, ids=[("legacy-" if lg else "") + p for lg, p in KILLS])
def test_a_kill_while_publishing_leaves_the_old_or_the_new_tree(old_and_new, tmp_path, point, legacy) -> None:
    old_root, old, new = old_and_new
    root = tmp_path / "project"
    shutil.copytree(old_root, root, symlinks=True)
    if legacy:
        _legacy(root)
        assert snapshot(root) == old and not (root / "site").is_symlink()
    _crash_at(root, point)
    published = swap.CHECKPOINTS.index(point) >= swap.CHECKPOINTS.index("published")
    assert snapshot(root) == (new if published else old)
    build_site(root, *_new_pages())  # the next build succeeds and tidies up
    assert snapshot(root) == new
    assert temp_folders(root) == []
    assert len(list((root / ".mcdocgen" / "builds").iterdir())) == 1


def test_a_tree_built_before_symlinks_is_adopted(old_and_new, tmp_path) -> None:
    old_root, _, new = old_and_new
    root = tmp_path / "project"
    shutil.copytree(old_root, root, symlinks=True)
    _legacy(root)
    build_site(root, *_new_pages())
    assert snapshot(root) == new and temp_folders(root) == []
    assert (root / "site").is_symlink() and (root / "docs" / "problems").is_symlink()
    assert len(list((root / ".mcdocgen" / "builds").iterdir())) == 1  # the adopted copy is gone too


def test_a_kill_while_mkdocs_runs_leaves_no_process_and_the_next_build_tidies_up(old_and_new, tmp_path) -> None:
    from process_support import processes_using, wait_for

    old_root, old, new = old_and_new
    root = tmp_path / "project"
    shutil.copytree(old_root, root, symlinks=True)
    builds = str(root / ".mcdocgen" / "builds" / "build-")
    script = CRASHING_BUILD.format(tests=str(Path(__file__).parent), point="none", new_home=NEW_HOME, root=str(root))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(lambda: any(_is_mkdocs(pid) for pid in processes_using(builds))), "mkdocs did not start"
        proc.kill()
        proc.wait(timeout=30)
        assert wait_for(lambda: not processes_using(builds), 10), processes_using(builds)
    finally:
        proc.kill()
    assert snapshot(root) == old
    assert temp_folders(root)  # the killed build's folder, until the next build
    build_site(root, *_new_pages())
    assert snapshot(root) == new and temp_folders(root) == []


def _is_mkdocs(pid: int) -> bool:
    try:
        return b"mkdocs" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def test_a_kill_during_a_first_build_leaves_nothing_or_the_new_tree(old_and_new, tmp_path) -> None:
    _, _, new = old_and_new
    for point in ("links-made", "published"):
        root = make_root(tmp_path / point / "project")
        nothing = snapshot(root)
        _crash_at(root, point)
        assert snapshot(root) == (new if point == "published" else nothing)


# --- generated and hand-written pages -----------------------------------------------------------


def test_stale_generated_pages_disappear(root: Path) -> None:
    build_site(root, fake_pages(), {"handouts/old.pdf": b"old"})
    stale = "problems/matrix-functions/determinant.md"
    assert (root / "docs" / stale).is_file()
    build_site(root, fake_pages(without={"determinant"}))
    assert not (root / "docs" / stale).exists()
    assert not (root / "site" / "problems" / "matrix-functions" / "determinant").exists()
    assert not (root / "docs" / "handouts").exists()
    assert (root / "docs" / "problems" / "matrix-functions" / "quadratic-form.md").is_file()


def test_hand_written_pages_are_kept_and_never_written(root: Path) -> None:
    (root / "docs" / "notes").mkdir()
    (root / "docs" / "notes" / "index.md").write_text("# Notes\n\nWritten by hand.\n", encoding="utf-8")
    hand_written = {
        rel: digest
        for rel, digest in tree(root / "docs").items()
        if rel.split("/")[0] not in GENERATED
    }
    build_site(root, fake_pages())
    build_site(root, fake_pages())
    after = tree(root / "docs")
    assert {rel: after[rel] for rel in hand_written} == hand_written
    assert (root / "site" / "notes" / "index.html").is_file()
    assert (root / "site" / "contributing" / "index.html").is_file()


@pytest.mark.parametrize("path", ["contributing.md", "tags.md", "stylesheets/extra.css", "notes/x.md"])
def test_a_page_outside_the_generated_part_is_refused(root: Path, path: str) -> None:
    before = snapshot(root)
    pages = fake_pages()
    if path.endswith(".md"):
        pages[path] = pages["identities.md"]
        call = lambda: build_site(root, pages)
    else:
        call = lambda: build_site(root, pages, {path: b"body { color: red }"})
    with pytest.raises(SiteError, match="outside the generated part"):
        call()
    assert snapshot(root) == before


@pytest.mark.parametrize("name", ["tags", "problems"])
def test_a_page_beside_a_generated_folder_with_its_address_is_refused(root: Path, name: str) -> None:
    # an older course's docs/tags.md and the generated docs/tags/index.md are both the address tags/
    (root / "docs").mkdir(exist_ok=True)
    (root / "docs" / f"{name}.md").write_text("# Mine\n", encoding="utf-8")
    before = snapshot(root)
    with pytest.raises(SiteError, match=rf"^docs/{name}\.md: its address is that of the generated docs/{name}/index\.md"):
        build_site(root, fake_pages())
    assert snapshot(root) == before


def test_a_hand_written_page_at_a_generated_path_is_not_replaced(root: Path) -> None:
    mine = root / "docs" / "problems" / "my-notes.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("# My notes\n", encoding="utf-8")
    before = snapshot(root)
    with pytest.raises(SiteError, match="lack the marker"):
        build_site(root, fake_pages())
    assert snapshot(root) == before


def test_same_pages_give_byte_identical_docs(tmp_path: Path) -> None:
    first = make_root(tmp_path / "one")
    second = make_root(tmp_path / "two")
    build_site(first, fake_pages())
    docs_once = tree(first / "docs")
    build_site(first, fake_pages())
    assert tree(first / "docs") == docs_once
    build_site(second, dict(reversed(list(fake_pages().items()))))
    assert tree(second / "docs") == docs_once


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("../escape.md", "'..'"),
        ("/abs/index.md", "relative"),
        ("problems\\win.md", "relative"),
        ("vendor/mathml/x.md", "outside the generated part"),
        ("problems/.hidden.md", "hidden"),
        ("index.md/x.md", "is a page, not a folder"),
        ("problems/x.txt", "must be a .md file"),
    ],
)
def test_bad_page_paths_are_refused(root: Path, path: str, message: str) -> None:
    pages = {path: fake_pages()["identities.md"]}
    with pytest.raises(SiteError, match=re.escape(message)):
        build_site(root, pages)
    assert not (root / "site").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # MkDocs itself would silently show this as text and drop title and tags
        (f"---\ntitle: Example 2: ReLU\ndescription: d\n---\n\n{MARKER}\n\n# x\n", "not valid YAML"),
        (f"---\ndescription: d\n---\n\n{MARKER}\n\n# x\n", "'title'"),
        (f"---\ntitle: t\ndescription: d\ntags: chain rule\n---\n\n{MARKER}\n\n# x\n", "'tags'"),
        (f"{MARKER}\n\n# x\n", "front matter"),
        ("---\ntitle: t\ndescription: d\n---\n\n# x\n", "marker"),
    ],
)
def test_bad_pages_are_refused(root: Path, text: str, message: str) -> None:
    pages = fake_pages()
    pages["identities.md"] = text
    with pytest.raises(SiteError, match=re.escape(message)):
        build_site(root, pages)
    assert not (root / "site").exists()


def test_markdown_passed_as_an_extra_file_is_refused(root: Path) -> None:
    with pytest.raises(SiteError, match="Markdown goes in pages"):
        build_site(root, fake_pages(), {"handouts/notes.md": b"# notes\n"})


def test_a_root_without_a_config_builds_with_the_default_site(tmp_path: Path) -> None:
    """A course folder (mcdocgen init) has no mkdocs.yml: the default site's configuration and
    pages are used (publish/paths.py), and its mcdocgen.toml's settings (publish/course.py)."""
    (tmp_path / "mcdocgen.toml").write_text('[site]\ntitle = "A course"\n', encoding="utf-8")
    build_site(tmp_path, fake_pages())
    assert (tmp_path / "site" / "notation" / "index.html").is_file()
    assert not (tmp_path / "site" / "code").exists()  # the project's own page is not a course's
    assert "<title>A course</title>" in (tmp_path / "site" / "404.html").read_text(encoding="utf-8")
    assert not (tmp_path / "docs" / "notation.md").exists()  # the course's docs/ holds only what it wrote


def test_the_courses_address_roots_the_404_page_at_its_path(tmp_path: Path) -> None:
    """Served under a path (GitHub Pages: https://OWNER.github.io/REPO/), the 404 page, shown at any missing
    address, links the site's files from the root unless MkDocs knows the address: [site] url sets site_url."""
    (tmp_path / "mcdocgen.toml").write_text('[site]\nurl = "https://example.org/ml-101/"\n', encoding="utf-8")
    build_site(tmp_path, fake_pages())
    not_found = (tmp_path / "site" / "404.html").read_text(encoding="utf-8")
    assert 'href="/ml-101/assets/stylesheets/' in not_found and 'href="/assets/' not in not_found
    assert "https://example.org/ml-101/notation/" in (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")


def test_generated_names_are_defined_once() -> None:
    assert GENERATED == ("index.md", "identities.md", "not-derived.md", "cheat-sheet", "problems", "handouts", "schema",
                         "api.md", "tags", "vendor")
    source = Path(swap.__file__).read_text(encoding="utf-8")
    assert source.count('"identities.md"') == 1


def test_the_repo_config_has_no_nav_and_no_remote_assets() -> None:
    config = (Path(__file__).resolve().parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^nav:", config, re.M)
    assert not re.search(r"^repo_url:", config, re.M)
    assert re.search(r"^\s+font: false", config, re.M)
    assert "http" not in "\n".join(line.split("#")[0] for line in config.splitlines())


def test_every_hand_written_page_has_front_matter_mkdocs_reads():
    """MkDocs shows front matter that is not valid YAML as page text (a description with ': ' in it,
    unquoted), so each hand-written page's must parse into a title and a description."""
    docs = Path(__file__).resolve().parent.parent / "docs"
    for page in sorted(docs.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        assert text.startswith("---\n"), page.name
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        assert isinstance(meta, dict) and set(meta) >= {"title", "description"}, page.name


def test_a_nav_orders_the_pages_leaves_out_those_a_root_lacks_and_refuses_one_it_omits(root) -> None:
    """build_site's nav (publish.navigation.site_nav): the footer follows it; a listed page the root has not
    is left out (a catalog without handouts); a page missing from it fails the build."""
    pages = fake_pages()
    hand_written = sorted(p.relative_to(root / "docs").as_posix() for p in (root / "docs").rglob("*.md"))
    problems = sorted(k for k in pages if k.startswith("problems/"))
    problems.sort(key=lambda k: (k.rsplit("/", 1)[0], not k.endswith("/index.md")))  # index first
    tags = sorted((k for k in pages if k.startswith("tags/")), key=lambda k: (k != "tags/index.md", k))
    nav = ["index.md", "identities.md", "handouts/index.md", {"Problems": problems}, "cheat-sheet/index.md", "not-derived.md",
           {"Tags": tags}, {"Else": [*hand_written, "api.md"]}]
    build_site(root, pages, nav=nav)
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Next: Identities"' in home
    with pytest.raises(SiteError, match="not included in the \"nav\""):
        build_site(root, pages, nav=nav[:-1])
