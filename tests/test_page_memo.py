"""mcdocgen.publish.page_memo: what MkDocs made of each page, reused by a later build only when
everything it was made from is the same; an incremental build gives the bytes of a fresh one."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from types import SimpleNamespace

import pytest

from browser_support import fake_pages, make_root
from mcdocgen.publish import page_memo as M
from mcdocgen.publish.cache import Cache
from mcdocgen.publish.site import SiteError, build_site

# ---------------------------------------------------------------- keys and the memo


def test_stable_text_names_functions_and_refuses_what_a_process_makes_up() -> None:
    assert M.stable({"b": [1, "x"], "a": None}) == M.stable({"a": None, "b": [1, "x"]})
    assert M.stable({"slugify": M.stable}) == '{"slugify": "mcdocgen.publish.page_memo.stable"}'
    with pytest.raises(TypeError):
        M.stable({"f": lambda: 0})
    with pytest.raises(TypeError):
        M.stable(object())


def test_the_memo_keeps_only_what_this_build_used_and_counts_reuse(tmp_path: Path) -> None:
    path = tmp_path / "memo.pickle"
    path.write_bytes(pickle.dumps({"render": {"old": 1, "stale": 2}, "mathml": {"0x": "<x>"}}))
    memo = M.Memo.load(path)
    assert memo.get("render", "old") == 1 and memo.get("render", "new") is None
    memo.put("render", "old", 1, hit=True)
    memo.put("render", "new", 3, hit=False)
    memo.save(path)
    again = pickle.loads(path.read_bytes())
    assert again["render"] == {"old": 1, "new": 3} and again["mathml"] == {}
    assert again["stats"]["render"] == (1, 1)


@pytest.mark.parametrize("content", [b"", b"garbage", pickle.dumps(["a list"])])
def test_a_missing_or_unreadable_memo_is_an_empty_one(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "memo").write_bytes(content)
    for path in (tmp_path / "memo", tmp_path / "missing", None):
        assert all(not entries for entries in M.Memo.load(path).old.values())


def _file(src: str, url: str, excluded: bool = False) -> SimpleNamespace:
    return SimpleNamespace(src_uri=src, url=url, inclusion=SimpleNamespace(is_excluded=lambda: excluded))


def test_lookups_record_what_each_link_found() -> None:
    files = SimpleNamespace(get_file_from_path={"a.md": _file("a.md", "a/")}.get, documentation_pages=lambda: [])
    lookups = M.Lookups(files)
    assert lookups.get_file_from_path("a.md").url == "a/"
    assert lookups.get_file_from_path("gone.md") is None
    assert lookups.seen == {"a.md": ("a.md", "a/", False), "gone.md": None}
    assert lookups.documentation_pages() == []  # everything else as MkDocs's Files


def _page(content: str = "<p>x</p>", **meta: object) -> SimpleNamespace:
    return SimpleNamespace(file=_file("p.md", "p/"), url="p/", title="P", meta=meta, toc=[], is_homepage=False,
                           math_fonts=[], content=content)


def test_the_template_key_holds_the_page_and_refuses_an_unknown_context_entry() -> None:
    context = {"page": None, "nav": None, "config": None, "base_url": "..", "extra_css": ["a.css"]}
    key = M.template_key(context, _page(), "site")
    assert key == M.template_key(context, _page(), "site")
    assert key != M.template_key(context, _page("<p>y</p>"), "site")
    assert key != M.template_key(context, _page(tags=["t"]), "site")
    assert key != M.template_key(context, _page(), "another site")
    assert key != M.template_key({**context, "base_url": "../.."}, _page(), "site")
    class Tag:
        url = "tags/#t"

        def __str__(self) -> str:
            return "t"

    tag = Tag()
    assert M.template_key({**context, "tags": [tag]}, _page(), "site") not in (None, key)
    assert M.template_key({**context, "something": object()}, _page(), "site") is None


def test_only_known_plugins_handlers_let_templates_be_reused() -> None:
    def ours(): ...

    def theirs(): ...

    plugins = SimpleNamespace(events={"page_context": [ours], "post_page": [ours]})
    assert M.known_handlers(plugins, ("page_context", "post_page"), (ours,))
    plugins.events["post_page"].append(theirs)
    assert not M.known_handlers(plugins, ("page_context", "post_page"), (ours,))


# ---------------------------------------------------------------- builds


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the built site and of docs/, as a reader sees them (through the build's links)."""
    return {f"{top}/{Path(folder, name).relative_to(root / top).as_posix()}": Path(folder, name).read_bytes()
            for top in ("docs", "site") for folder, _, names in os.walk(root / top, followlinks=True)
            for name in names if Path(folder, name).is_file()}


def _pages() -> dict[str, str]:
    """The fake site plus a topic whose index links to a heading of one of its pages."""
    pages = fake_pages()
    pages["problems/links/index.md"] = pages["problems/matrix-functions/index.md"].replace(
        "Matrix functions", "Links").replace("](", "](../matrix-functions/").replace("- [", "- [B](b.md#second-part)\n- [", 1)
    pages["problems/links/b.md"] = pages["problems/matrix-functions/determinant.md"].replace(
        "See the [identities]", "## Second part\n\nSee the [identities]")
    return pages


def _build(root: Path, pages: dict[str, str], cache: Cache):
    return build_site(root, pages, {}, None, cache=cache)


def _fresh(tmp_path: Path, name: str, pages: dict[str, str]):
    root = make_root(tmp_path / name)
    result = _build(root, pages, Cache(tmp_path / f"{name}-cache", read=False))
    return snapshot(root), result


def test_an_incremental_build_gives_the_bytes_of_a_fresh_build_and_reuses_the_unchanged_pages(tmp_path: Path) -> None:
    root = make_root(tmp_path / "incremental")
    cache = Cache(tmp_path / "cache")
    pages = _pages()
    first = _build(root, pages, cache)
    total = sum(first.page_work["page"])
    assert first.page_work["page"][0] == 0 and total >= 10

    # one page's text changed: that page is made again, every other is reused
    edited = dict(pages)
    edited["problems/matrix-functions/quadratic-form.md"] = pages["problems/matrix-functions/quadratic-form.md"].replace(
        "Gradient of a quadratic form", "The gradient of a quadratic form")
    result = _build(root, edited, Cache(tmp_path / "cache"))
    assert result.page_work["render"] == (total - 1, 1) and result.page_work["page"] == (total - 1, 1)
    assert result.page_work["search"] == (total - 1, 1)
    assert snapshot(root) == _fresh(tmp_path, "fresh-1", edited)[0]

    # a title changed: every page's navigation shows it, so every template runs; the Markdown of the
    # other pages is reused
    retitled = dict(edited)
    retitled["problems/matrix-functions/determinant.md"] = edited["problems/matrix-functions/determinant.md"].replace(
        "Determinant of a matrix", "The determinant of a matrix")
    result = _build(root, retitled, Cache(tmp_path / "cache"))
    assert result.page_work["page"][0] == 0 and result.page_work["render"] == (total - 1, 1)
    assert snapshot(root) == _fresh(tmp_path, "fresh-2", retitled)[0]

    # a page added: the others' Markdown and templates are made again only where the navigation shows it
    added = dict(retitled)
    added["problems/links/c.md"] = retitled["problems/links/b.md"].replace("Determinant of a matrix", "Another page")
    result = _build(root, added, Cache(tmp_path / "cache"))
    assert result.page_work["render"] == (total, 1)
    assert snapshot(root) == _fresh(tmp_path, "fresh-3", added)[0]


def test_a_reused_page_still_fails_when_what_it_links_to_changed(tmp_path: Path) -> None:
    root = make_root(tmp_path / "incremental")
    pages = _pages()
    _build(root, pages, Cache(tmp_path / "cache"))
    before = snapshot(root)
    # the heading the index links to renamed: the index's Markdown is unchanged, and its link is
    # still checked against the other page's anchors
    renamed = {**pages, "problems/links/b.md": pages["problems/links/b.md"].replace("Second part", "Part two")}
    with pytest.raises(SiteError, match="second-part"):
        _build(root, renamed, Cache(tmp_path / "cache"))
    # the page it links to gone: the index is rendered again (its link found nothing) and warns
    gone = {k: v for k, v in pages.items() if k != "problems/links/b.md"}
    with pytest.raises(SiteError, match=r"b\.md"):
        _build(root, gone, Cache(tmp_path / "cache"))
    assert snapshot(root) == before
    for broken in (renamed, gone):
        with pytest.raises(SiteError):
            _fresh(tmp_path, f"fresh-{len(broken)}", broken)
