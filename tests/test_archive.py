"""The offline archive (mcdocgen/publish/archive.py): link rewriting, the page edits, the index of
pages, the zip's determinism, and the archive of a small built site."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from browser_support import fake_pages, make_root
from mcdocgen.errors import SiteError
from mcdocgen.publish.archive import (
    ARCHIVE, ARCHIVE_FOLDER, DOWNLOAD_ATTRIBUTE, INDEX_PAGE, Entry, add_archive_size, archive_files,
    broken_links, folder_link, index_body, offline_page, rewrite_links, zip_bytes,
)
from mcdocgen.publish.site import build_site


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("problems/", "problems/index.html"),
        ("../", "../index.html"),
        ("../../tags/#tag:chain-rule", "../../tags/index.html#tag:chain-rule"),
        ("x/?q=1#a", "x/index.html?q=1#a"),
        (".", "index.html"),
        ("./", "./index.html"),
        ("..", "../index.html"),
        ("../..", "../../index.html"),
        ("../.#top", "../index.html#top"),
        ("#anchor", "#anchor"),
        ("?q=1", "?q=1"),
        ("", ""),
        ("page.html", "page.html"),
        ("../assets/main.css", "../assets/main.css"),
        ("https://example.org/docs/", "https://example.org/docs/"),
        ("//example.org/", "//example.org/"),
        ("/absolute/", "/absolute/"),
        ("mailto:someone@example.org", "mailto:someone@example.org"),
    ],
)
def test_folder_link(href: str, expected: str) -> None:
    assert folder_link(href) == expected


def test_rewrite_links_touches_only_link_hrefs() -> None:
    page = (
        '<link rel="prev" href="../x/"><a class="md-nav__link" href=\'..\' title="a > b">up</a>'
        '<a href=./>here</a><img src="pics/"><div data-href="y/"></div>'
        '<script>var s = "<a href=\\"z/\\">";</script><!-- <a href="c/"> -->'
    )
    assert rewrite_links(page) == (
        '<link rel="prev" href="../x/index.html"><a class="md-nav__link" href=\'../index.html\' title="a > b">up</a>'
        '<a href=./index.html>here</a><img src="pics/"><div data-href="y/"></div>'
        '<script>var s = "<a href=\\"z/\\">";</script><!-- <a href="c/"> -->'
    )


PAGE = """<html><head><title>T - site</title>
<link rel="preload" href="../../vendor/mathml/STIXTwoMath.woff2" as="font" type="font/woff2" crossorigin>
<link rel="stylesheet" href="../../vendor/mathml/mathml.css"></head><body>
<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search">
<header><nav>
<label class="md-header__button md-icon" for="__drawer">menu</label>
<label class="md-header__button md-icon" for="__search"><svg></svg></label>
<div class="md-search" data-md-component="search" role="dialog"><div class="md-search__inner">
<form name="search"><input name="query"></form></div></div>
</nav></header>
<article><h1>Title<a class="headerlink" href="#title">&para;</a></h1>
<p data-offline-download><a href="download/x.zip" download>Download</a>: a zip.</p>
<a href="../topic/">topic</a></article></body></html>"""


def test_offline_page_replaces_search_and_drops_the_download_paragraph() -> None:
    page = offline_page(PAGE, "../../")
    assert 'data-md-component="search"' not in page and 'name="search"' not in page
    assert 'for="__search">' not in page  # the header's search button
    assert 'data-md-toggle="search"' in page  # Material's keyboard handler reads this toggle
    assert '<a href="../../index-of-pages.html" class="md-header__button md-offline-index"' in page
    assert DOWNLOAD_ATTRIBUTE not in page and "x.zip" not in page
    assert '<a href="../topic/index.html">topic</a>' in page
    assert 'for="__drawer">menu</label>' in page
    # a font preload is a CORS request, refused from file:; the stylesheet stays and loads the fonts
    assert "preload" not in page and '<link rel="stylesheet" href="../../vendor/mathml/mathml.css">' in page


def test_offline_page_refuses_a_page_without_a_search_box() -> None:
    with pytest.raises(SiteError, match="no search box"):
        offline_page("<html><body><a href='x/'>x</a></body></html>", "")


def test_add_archive_size_goes_after_the_download_link() -> None:
    assert "<a href=\"download/x.zip\" download>Download</a> (1.7 MB): a zip." in add_archive_size(PAGE, 1_691_712)
    assert add_archive_size("<p>no link</p>", 10) == "<p>no link</p>"


def test_index_body_groups_pages_under_their_topic() -> None:
    entries = [
        Entry("index.html", "Home", "Start here."),
        Entry("problems/chain/index.html", "Chain rule", "Problems on the chain rule."),
        Entry("problems/chain/ex1/index.html", "Example 1 <x>", "f(g(x)) & more."),
        Entry("notation/index.html", "Notation", ""),
    ]
    body = index_body(entries)
    assert body.index("Home") < body.index("<h2>") < body.index("Example 1") < body.index("Notation")
    assert '<h2><a href="problems/chain/index.html">Chain rule</a></h2>' in body
    assert '<li><a href="problems/chain/ex1/index.html">Example 1 &lt;x&gt;</a>: f(g(x)) &amp; more.</li>' in body
    assert '<li><a href="notation/index.html">Notation</a></li>' in body


def test_broken_links_reports_references_to_missing_files() -> None:
    files = {
        "index.html": b'<a href="a/index.html#x">a</a><a href="b/index.html">b</a><img src="i.png"><a href="https://x.org/">x</a>',
        "a/index.html": b'<link href="../style.css"><script src="../missing.js"></script><a href="#top">top</a>',
        "style.css": b"",
        "i.png": b"",
    }
    assert broken_links(files) == ["a/index.html: ../missing.js", "index.html: b/index.html"]
    # left out of the archive, b/index.html is reported; missing.js was missing on the site too
    assert broken_links(files, served={*files, "b/index.html"}) == ["index.html: b/index.html"]


def test_zip_bytes_are_a_function_of_the_files_alone() -> None:
    files = {"b/index.html": b"<p>b</p>" * 100, "a.css": b"body{}", "index.html": b"<p>home</p>"}
    first = zip_bytes(files)
    assert zip_bytes(dict(reversed(list(files.items())))) == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        infos = archive.infolist()
        assert [i.filename for i in infos] == [f"{ARCHIVE_FOLDER}/{p}" for p in sorted(files)]
        assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
        assert {p: archive.read(f"{ARCHIVE_FOLDER}/{p}") for p in files} == files


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_root(tmp_path_factory.mktemp("archive-root"))
    build_site(root, fake_pages())
    return root / "site"


def test_the_build_writes_the_archive_of_the_site(built_site: Path) -> None:
    with zipfile.ZipFile(built_site / ARCHIVE) as archive:
        names = {n.removeprefix(f"{ARCHIVE_FOLDER}/") for n in archive.namelist()}
        index = archive.read(f"{ARCHIVE_FOLDER}/{INDEX_PAGE}").decode()
        home = archive.read(f"{ARCHIVE_FOLDER}/index.html").decode()
    assert {"index.html", INDEX_PAGE, "problems/matrix-functions/determinant/index.html"} <= names
    assert not any(n.startswith(("download/", "search/")) or n.endswith(".map") for n in names)
    assert "404.html" not in names
    for title in ("Determinant of a matrix", "Quadratic form", "Example 2: ReLU", "Identities"):
        assert f">{title}</a>" in index
    assert '"base": "."' in index and 'href="/' not in index
    assert 'href="identities/index.html"' in home


def test_the_same_pages_give_the_same_archive_in_another_folder(built_site: Path, tmp_path: Path) -> None:
    root = make_root(tmp_path / "elsewhere")
    build_site(root, dict(reversed(list(fake_pages().items()))))
    assert (root / "site" / ARCHIVE).read_bytes() == (built_site / ARCHIVE).read_bytes()
    assert zip_bytes(archive_files(built_site)) == (built_site / ARCHIVE).read_bytes()


def test_a_build_whose_archive_fails_publishes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_root(tmp_path / "root")
    build_site(root, fake_pages())
    before = {p.relative_to(root / "site").as_posix(): p.read_bytes()
              for p in sorted((root / "site").rglob("*")) if p.is_file()}

    def refuse(page: str, to_root: str) -> str:
        raise SiteError("no search box")

    monkeypatch.setattr("mcdocgen.publish.archive.offline_page", refuse)
    with pytest.raises(SiteError, match="no search box"):
        build_site(root, fake_pages(without={"determinant"}))
    after = {p.relative_to(root / "site").as_posix(): p.read_bytes()
             for p in sorted((root / "site").rglob("*")) if p.is_file()}
    assert after == before


def test_the_archive_from_remembered_pages_is_the_same(built_site: Path) -> None:
    memo: dict[str, object] = {}
    first = archive_files(built_site, memo)
    remembered = dict(memo)
    assert first == archive_files(built_site) and remembered
    memo.update({"stale": b"a page no longer built"})
    assert archive_files(built_site, memo) == first
    assert memo == remembered  # only this site's pages are kept
