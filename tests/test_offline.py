"""Pruning the built site (mcdocgen/publish/offline.py: prune); external_references is tested in
tests/test_site.py with a built site."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mcdocgen.publish.offline import LUNR_DIR, SEARCH_INDEX, WORKERS_DIR, prune

# The language loader of Material 9.8's search worker, as minified in its bundle.
WORKER = (
    'let r=[];for(let n of t.lang){switch(n){case"ja":r.push(`${e}/tinyseg.js`);break;case"hi":case"th":'
    'r.push(`${e}/wordcut.js`);break}n!=="en"&&r.push(`${e}/min/lunr.${n}.min.js`)}t.lang.length>1&&'
    'r.push(`${e}/min/lunr.multi.min.js`),r.length&&(yield importScripts(`${e}/min/lunr.stemmer.support.min.js`,...r))'
)
LUNR = ("tinyseg.js", "wordcut.js", "min/lunr.de.min.js", "min/lunr.ja.min.js", "min/lunr.multi.min.js",
        "min/lunr.stemmer.support.min.js")


def make_site(root: Path, langs: list[str], worker: str = WORKER) -> Path:
    files = {
        "assets/javascripts/bundle.min.js": "(()=>{})();\n//# sourceMappingURL=bundle.min.js.map\n",
        "assets/javascripts/bundle.min.js.map": "{}",
        "assets/stylesheets/main.min.css": "body{}\n/*# sourceMappingURL=main.min.css.map */",
        "assets/stylesheets/main.min.css.map": "{}",
        "javascripts/own.js": "var x = 1;\n",
        f"{WORKERS_DIR}/search.min.js": worker + "\n//# sourceMappingURL=search.min.js.map\n",
        f"{WORKERS_DIR}/search.min.js.map": "{}",
        SEARCH_INDEX: json.dumps({"config": {"lang": langs}, "docs": []}),
        **{f"{LUNR_DIR}/{name}": "lunr" for name in LUNR},
    }
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def lunr_left(site: Path) -> list[str]:
    lunr = site / LUNR_DIR
    return sorted(p.relative_to(lunr).as_posix() for p in lunr.rglob("*") if p.is_file()) if lunr.exists() else []


def test_prune_removes_source_maps_and_the_comments_naming_them(tmp_path: Path) -> None:
    site = make_site(tmp_path, ["en"])
    removed = prune(site)
    assert [p for p in removed if p.endswith(".map")] == [
        "assets/javascripts/bundle.min.js.map", "assets/javascripts/workers/search.min.js.map",
        "assets/stylesheets/main.min.css.map",
    ]
    assert list(site.rglob("*.map")) == []
    assert (site / "assets/javascripts/bundle.min.js").read_text() == "(()=>{})();\n"
    assert (site / "assets/stylesheets/main.min.css").read_text() == "body{}\n"
    assert (site / "javascripts/own.js").read_text() == "var x = 1;\n"
    assert (site / WORKERS_DIR / "search.min.js").read_text().startswith(WORKER)


@pytest.mark.parametrize(
    ("langs", "kept"),
    [
        (["en"], []),
        (["en", "de"], ["min/lunr.de.min.js", "min/lunr.multi.min.js", "min/lunr.stemmer.support.min.js"]),
        (["ja"], ["min/lunr.ja.min.js", "min/lunr.stemmer.support.min.js", "tinyseg.js"]),
    ],
)
def test_prune_keeps_the_language_files_the_worker_loads(tmp_path: Path, langs: list[str], kept: list[str]) -> None:
    site = make_site(tmp_path, langs)
    prune(site)
    assert lunr_left(site) == kept
    if not kept:
        assert not (site / LUNR_DIR).exists()  # no empty folder left behind


def test_prune_keeps_every_language_file_when_the_worker_is_not_the_one_mirrored(tmp_path: Path) -> None:
    site = make_site(tmp_path, ["en"], worker="importScripts(somethingElse)")
    prune(site)
    assert lunr_left(site) == sorted(LUNR)


def test_external_references_reuse_what_a_page_gave_and_keep_only_this_sites_pages(tmp_path: Path) -> None:
    from mcdocgen.publish.cache import digest
    from mcdocgen.publish.offline import external_references

    page = b'<html><head><script src="https://cdn.example/x.js"></script></head></html>'
    (tmp_path / "index.html").write_bytes(page)
    memo: dict[str, list[str]] = {"gone": ["https://other.example/y.js"]}
    assert external_references(tmp_path, memo=memo) == [("index.html", "https://cdn.example/x.js")]
    assert memo == {digest(page): ["https://cdn.example/x.js"]}
    memo[digest(page)] = ["https://remembered.example/z.js"]  # what the page gave before is used, not parsed again
    assert external_references(tmp_path, memo=memo) == [("index.html", "https://remembered.example/z.js")]
