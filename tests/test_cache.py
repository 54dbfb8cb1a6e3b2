"""The build cache (mcdocgen/publish/cache.py) and incremental builds (mcdocgen/commands/build.py,
mcdocgen/publish/stamp.py): entries keyed by their inputs and the code's version, never trusted
when corrupt or foreign; a build from cached parts gives the bytes of a cold build."""

from __future__ import annotations

import io
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from catalog_support import LEAST_SQUARES
from mcdocgen.publish import cache as C

ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------- the store


def test_a_value_comes_back_under_its_kind_and_key_only(tmp_path):
    cache = C.Cache(tmp_path, version="v1")
    cache.put("problem", "k", {"a": (1, 2)})
    assert cache.get("problem", "k") == {"a": (1, 2)}
    assert cache.get("problem", "other") is None
    assert cache.get("pdf", "k") is None
    assert (cache.hits, cache.misses) == (1, 2)


def test_another_version_of_the_code_finds_nothing(tmp_path):
    C.Cache(tmp_path, version="v1").put("problem", "k", "old")
    assert C.Cache(tmp_path, version="v2").get("problem", "k") is None
    assert C.Cache(tmp_path, version="v1").get("problem", "k") == "old"


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps("a bare value"),
                                     pickle.dumps((C.FORMAT, "v1", "problem", "another key", "x")),
                                     pickle.dumps((C.FORMAT + 1, "v1", "problem", "k", "x")),
                                     pickle.dumps((C.FORMAT, "v1", "problem", "k", "x"))[:-3]])
def test_a_corrupt_or_foreign_entry_is_a_miss_and_is_removed(tmp_path, content):
    cache = C.Cache(tmp_path, version="v1")
    cache.put("problem", "k", "x")
    [path] = list(tmp_path.rglob("*" + C.SUFFIX))
    path.write_bytes(content)
    assert cache.get("problem", "k") is None
    assert not path.exists()


def test_no_cache_reads_nothing_but_stores_the_fresh_value(tmp_path):
    C.Cache(tmp_path, version="v1").put("problem", "k", "old")
    fresh = C.Cache(tmp_path, read=False, version="v1")
    assert fresh.get("problem", "k") is None
    fresh.put("problem", "k", "new")
    assert C.Cache(tmp_path, version="v1").get("problem", "k") == "new"


def test_an_unwritable_cache_is_only_slower(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    cache = C.Cache(blocker / "cache", version="v1")  # its folder cannot be made
    cache.put("problem", "k", "x")
    assert cache.get("problem", "k") is None


def test_prune_removes_the_least_recently_used_past_the_bound_and_leftover_writes(tmp_path):
    cache = C.Cache(tmp_path, version="v1")
    for i, key in enumerate("abc"):
        cache.put("pdf", key, bytes(1000))
        path = cache._path("pdf", key)
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
    assert cache.get("pdf", "a") is not None  # read: now the most recently used
    (tmp_path / "pdf" / ".x.pickle.123-ab.tmp").write_bytes(b"half")
    removed = cache.prune(max_bytes=2 * 1100)
    assert removed == 2
    assert cache.get("pdf", "b") is None and cache.get("pdf", "a") is not None and cache.get("pdf", "c") is not None
    assert not list(tmp_path.rglob("*.tmp"))


def test_digest_keeps_the_parts_apart():
    assert C.digest("ab", "c") != C.digest("a", "bc")
    assert C.digest("x", b"y") == C.digest(b"x", "y")


def test_the_code_version_covers_the_sources_scripts_and_templates(tmp_path, monkeypatch):
    package, templates = tmp_path / "mcdocgen", tmp_path / "templates"
    package.mkdir()
    templates.mkdir()
    (package / "a.py").write_text("A = 1\n")
    (templates / "page.md.j2").write_text("{{ x }}\n")
    monkeypatch.setattr(C, "_PACKAGE", package)
    monkeypatch.setattr(C, "_TEMPLATES", templates)
    first = C.code_version.__wrapped__()
    assert C.code_version.__wrapped__() == first
    (templates / "page.md.j2").write_text("{{ y }}\n")
    second = C.code_version.__wrapped__()
    (package / "a.py").write_text("A = 2\n")
    third = C.code_version.__wrapped__()
    (package / "render.js").write_text("// the formulas' MathML\n")   # publish/mathml.js: node runs it
    assert len({first, second, third, C.code_version.__wrapped__()}) == 4


def test_a_program_is_known_by_its_path_size_and_time(tmp_path):
    tool = tmp_path / "tool"
    tool.write_bytes(b"v1")
    before = C.file_identity(tool)
    tool.write_bytes(b"v22")
    assert C.file_identity(tool) != before
    assert C.file_identity(None) == "missing"


# ---------------------------------------------------------------- the keys of problems


def test_a_problem_key_ignores_its_line_and_holds_under_any_hash_seed():
    script = ("import dataclasses; from mcdocgen.catalog import load_catalog; from mcdocgen.commands.build import problem_key;"
              f"c = load_catalog({str(ROOT / 'derivations.yaml')!r});"
              "print(*(problem_key(p) for p in c.problems));"
              "print(problem_key(dataclasses.replace(c.problems[0], line=999)) == problem_key(c.problems[0]),"
              "      problem_key(dataclasses.replace(c.problems[0], summary='other')) == problem_key(c.problems[0]))")
    outputs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120,
                              env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}).stdout
               for seed in ("0", "12345")]
    assert outputs[0] == outputs[1]
    keys, flags = outputs[0].splitlines()
    assert len(set(keys.split())) == len(keys.split()) > 20
    assert flags == "True False"


def test_only_views_whose_checks_passed_are_stored(tmp_path):
    from mcdocgen.catalog import load_catalog
    from mcdocgen.commands.build import cached_views

    catalog = load_catalog(ROOT / "derivations.yaml")
    cache = C.Cache(tmp_path, version="v1")
    asked = []

    def run(todo):
        asked.append([p.id for p in todo.problems])
        return [SimpleNamespace(view=SimpleNamespace(id=p.id, ok=False)) for p in todo.problems]

    cached_views(catalog, cache, run)
    cached_views(catalog, cache, run)
    assert asked[0] == asked[1] == [p.id for p in catalog.problems]
    assert not list(tmp_path.rglob("*" + C.SUFFIX))


# ---------------------------------------------------------------- incremental builds

CATALOG = LEAST_SQUARES + """\
  - id: trace-linear
    title: Trace of a product
    summary: The gradient of tr(A X) with respect to X.
    tags: [trace]
    source: test
    variables:
      A: {shape: [n, m]}
      X: {shape: [m, n]}
    expression: "tr(A @ X)"
    wrt: [X]
handouts:
  - name: sheet
    title: A sheet
    tags: [chain rule, trace]
"""
CHANGED = CATALOG.replace('expression: "tr(A @ X)"', 'expression: "tr(A @ X) + tr(X)"').replace(
    "A: {shape: [n, m]}\n      X: {shape: [m, n]}", "A: {shape: [n, n]}\n      X: {shape: [n, n]}")


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` as a reader sees it: through the symlinks a build makes."""
    return {str(Path(d, f).relative_to(folder)): Path(d, f).read_bytes()
            for d, _, files in os.walk(folder, followlinks=True) for f in files if Path(d, f).is_file()}


def _root(tmp_path: Path, name: str) -> Path:
    root = tmp_path / name
    root.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(
        "index.md", "identities.md", "problems", "handouts", "schema", "vendor"))
    return root


def _build(catalog: Path, root: Path, monkeypatch, use_cache: bool = True) -> tuple[str, list[str]]:
    """An in-process build; what it printed and the ids it derived."""
    from mcdocgen.commands import build as B
    from mcdocgen.commands import pipeline

    derived: list[str] = []
    real = pipeline.run_catalog

    def counting(cat, *args, **kwargs):
        if str(cat.path) == str(catalog):  # not the walkthrough's catalog
            derived.extend(p.id for p in cat.problems)
        return real(cat, *args, **kwargs)

    monkeypatch.setattr(pipeline, "run_catalog", counting)
    err = io.StringIO()
    assert B.build(catalog, root, err, use_cache=use_cache) == 0, err.getvalue()
    return err.getvalue(), derived


def _site(root: Path) -> dict[str, bytes]:
    return {**{f"docs/{k}": v for k, v in _tree(root / "docs").items()},
            **{f"site/{k}": v for k, v in _tree(root / "site").items()}}


def test_warm_and_one_changed_builds_give_the_bytes_of_a_cold_build(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    catalog = tmp_path / "derivations.yaml"  # the same name in every root: handouts show it
    catalog.write_text(CATALOG)
    root = _root(tmp_path, "incremental")

    _, derived = _build(catalog, root, monkeypatch)
    assert derived == ["lsq", "trace-linear"]
    cold = _site(root)
    assert any(k.endswith(".pdf") for k in cold) or shutil.which("latexmk") is None

    said, derived = _build(catalog, root, monkeypatch)  # nothing changed: nothing derived or built
    assert "is up to date" in said and derived == []
    assert _site(root) == cold

    for path in (root / ".mcdocgen" / "cache").rglob("*" + C.SUFFIX):  # a corrupt cache is ignored
        path.write_bytes(b"garbage")
    catalog.write_text(CATALOG + "# a comment changes no page\n")
    said, derived = _build(catalog, root, monkeypatch)
    assert "unchanged" in said and derived == ["lsq", "trace-linear"]
    assert _site(root) == cold

    (root / "site").unlink()  # the published site is not in place: built again, from the cache
    catalog.write_text(CATALOG + "# another comment\n")
    said, derived = _build(catalog, root, monkeypatch)
    assert "unchanged" not in said and derived == []
    assert _site(root) == cold

    catalog.write_text(CHANGED)  # one problem changed: only it is derived again
    said, derived = _build(catalog, root, monkeypatch)
    assert derived == ["trace-linear"], said
    assert "pages as earlier builds made them" in said  # MkDocs too reused the unchanged pages
    incremental = _site(root)
    assert incremental != cold

    fresh = _root(tmp_path, "cold")
    _, derived = _build(catalog, fresh, monkeypatch, use_cache=False)
    assert derived == ["lsq", "trace-linear"]
    cold_again = _site(fresh)
    assert sorted(incremental) == sorted(cold_again)
    assert [k for k in incremental if incremental[k] != cold_again[k]] == []


def test_no_cache_builds_everything_again(tmp_path, monkeypatch):
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    catalog = tmp_path / "derivations.yaml"
    catalog.write_text(CATALOG.split("  - id: trace-linear")[0])
    root = _root(tmp_path, "root")
    _build(catalog, root, monkeypatch)
    before = _site(root)
    said, derived = _build(catalog, root, monkeypatch, use_cache=False)
    assert derived == ["lsq"] and "up to date" not in said and "unchanged" not in said
    assert _site(root) == before
    # the last line, once: how to look at what was built
    view = f"mcdocgen: view the site: open {root / 'site' / 'index.html'}, or serve it: python3 -m http.server -d "
    assert said.count(view) == 1 and said.splitlines()[-1].startswith(view) and (root / "site" / "index.html").is_file()


def test_formulas_rendered_before_are_not_sent_to_the_renderer_again():
    from mcdocgen.publish.mathml import Formula
    from mcdocgen.publish.math_hook import _Memo

    asked: list[list[str]] = []

    class Fake:
        def render(self, formulas):
            asked.append([f.tex for f in formulas])
            return [f"<{int(f.display)}>{f.tex}" for f in formulas]

    memo = _Memo(Fake(), {"0x": "<0>x"})  # type: ignore[arg-type]
    formulas = [Formula("x", False), Formula("x", True), Formula("y", False), Formula("x", False)]
    assert memo.render(formulas) == ["<0>x", "<1>x", "<0>y", "<0>x"]
    assert asked == [["x", "y"]]
    assert memo.render(formulas[1:3]) == ["<1>x", "<0>y"] and len(asked) == 1  # nothing new: no request
    assert memo.used == {"0x": "<0>x", "1x": "<1>x", "0y": "<0>y"}
