"""What MkDocs made of each page in earlier builds, reused when everything it was made from is the
same: the incremental part of ``mkdocs build`` (the math hook, :mod:`mcdocgen.publish.math_hook`,
drives it; the site build, :mod:`mcdocgen.publish.site`, carries the memo between builds).

MkDocs has no cache of its own (``--dirty`` leaves the navigation, the search index and the sitemap
stale), and it spends a build on three pieces of work per page, each a function of inputs that
can be named, so each is kept under a digest of those inputs:

- ``render``: the Markdown made HTML (``Page.render``): a function of the page's final Markdown,
  its place (source and URL), the Markdown configuration and the other files it links to. Those
  links are recorded as the render looks them up (:class:`Lookups`) and looked up again before an
  entry is reused, so a page whose targets moved or vanished is rendered again (and warns);
- ``search``: the search index's entries for the page (Material's ``SearchIndex``): a function of
  the page's HTML, table of contents, URL, title and metadata;
- ``page``: the finished HTML of the theme's template and the hook's last step (:class:`TemplateMemo`):
  a function of the page (its HTML, metadata, table of contents, URL), the whole navigation
  (every title is in every page's sidebar) and the site's settings (:data:`SETTINGS_ENV`); only
  when no other plugin or hook handles a page's context or its finished HTML.

The math hook keeps two more: ``mathml`` (each formula's MathML, from Temml) and ``content`` (a page's
HTML with its formulas replaced, by the digest of its HTML).

The memo is read from the file named in :data:`MEMO_ENV` when MkDocs starts and only this build's
entries are written back when it ends; the site build keeps them in the build cache only when
MkDocs succeeded, so an entry always comes from a build that passed ``--strict`` (a page that
warned is never reused silently), and the cache's key (the code's version) drops them all when the
code or a library changes. ``--no-cache`` hands an empty memo: everything is made again.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import pickle
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

from mcdocgen.publish.cache import Cache, digest

#: A pickle of {kind: {key: value}} (the memos of earlier builds) next to the build's docs/: read
#: when MkDocs starts, replaced by this build's entries when it ends.
MEMO_ENV = "MCDOCGEN_PAGE_MEMO"
KINDS = ("mathml", "content", "render", "search", "page")


class Memo:
    """The memos of earlier builds (``old``) and the entries this build used or made (``used``),
    with the counts of reuse per kind (``hits``) and of work done (``misses``)."""

    def __init__(self, old: dict[str, dict[str, Any]] | None = None) -> None:
        self.old = {kind: dict((old or {}).get(kind) or {}) for kind in KINDS}
        self.used: dict[str, dict[str, Any]] = {kind: {} for kind in KINDS}
        self.hits = dict.fromkeys(KINDS, 0)
        self.misses = dict.fromkeys(KINDS, 0)

    @classmethod
    def load(cls, path: str | os.PathLike[str] | None) -> Memo:
        """The memo in the file at ``path``; an empty one when there is none or it is unreadable."""
        if not path:
            return cls()
        try:
            data = pickle.loads(Path(path).read_bytes())
        except Exception:  # noqa: BLE001 - a memo that does not load is only slower, whatever it raises
            return cls()
        return cls(data if isinstance(data, dict) else None)

    def save(self, path: str | os.PathLike[str]) -> None:
        """This build's entries, and the counts (``stats``), into the file at ``path``."""
        stats = {kind: (self.hits[kind], self.misses[kind]) for kind in KINDS}
        Path(path).write_bytes(pickle.dumps({**self.used, "stats": stats}, protocol=pickle.HIGHEST_PROTOCOL))

    def get(self, kind: str, key: str) -> Any | None:
        """The entry of ``kind`` stored under ``key`` (this build's or an earlier one's), or None."""
        found = self.used[kind].get(key)
        if found is None:
            found = self.old[kind].get(key)
        return found

    def put(self, kind: str, key: str, value: Any, hit: bool) -> None:
        """Keep ``value`` for the next build and count it as reused (``hit``) or made."""
        self.used[kind][key] = value
        if hit:
            self.hits[kind] += 1
        else:
            self.misses[kind] += 1


def hand_over(cache: Cache, key: str, path: Path) -> None:
    """Write the memo the ``cache`` keeps under ``key`` (or an empty one) to ``path``, for MkDocs."""
    path.write_bytes(pickle.dumps(cache.memo("mkdocs", key), protocol=pickle.HIGHEST_PROTOCOL))


def take_back(cache: Cache, key: str, path: Path) -> dict[str, tuple[int, int]]:
    """Keep what MkDocs wrote to ``path`` in the ``cache`` under ``key``; returns its counts per
    kind ({} when the file cannot be read: nothing is kept, the next build makes it again)."""
    try:
        made = pickle.loads(path.read_bytes())
    except Exception:  # noqa: BLE001 - whatever a broken file raises
        return {}
    if not isinstance(made, dict):
        return {}
    stats = made.pop("stats", {})
    cache.put("mkdocs", key, made)
    return stats if isinstance(stats, dict) else {}


def stable(value: object) -> str:
    """``value`` (configuration: dicts, lists, strings, numbers, functions named by their module
    and name) as text that is the same in every process; :class:`TypeError` for anything else,
    whose text might not be (the caller then keeps nothing)."""

    def name(obj: object) -> str:
        qualname = getattr(obj, "__qualname__", "<")
        if callable(obj) and "<" not in qualname:  # not a lambda or a local function: one per process
            return f"{getattr(obj, '__module__', '')}.{qualname}"
        raise TypeError(f"no stable text for {type(obj).__name__}")

    return json.dumps(value, sort_keys=True, default=name, ensure_ascii=False)


@functools.cache
def installed() -> str:
    """The installed distributions (names and versions, from the ``.dist-info`` folders on the
    path): a Markdown extension or plugin upgraded outside the libraries the code's version names
    (:data:`mcdocgen.publish.cache.LIBRARIES`) changes it."""
    names: list[str] = []
    for entry in sys.path:
        with contextlib.suppress(OSError):
            names += sorted(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info", ".egg-link")))
    return digest(*names)


# --- rendering the Markdown -----------------------------------------------------------------------


def render_settings(config: Any) -> str | None:
    """The digest of the configuration a page's Markdown is rendered with (its extensions and their
    settings, the URL style, the link checks' levels), or None when it cannot be told stably."""
    try:
        return digest(installed(), stable([config["markdown_extensions"], config["mdx_configs"] or {},
                                           bool(config["use_directory_urls"]), str(config["validation"])]))
    except (TypeError, KeyError, ValueError):
        return None


def _target(file: Any) -> tuple[str, str, bool] | None:
    """What a link to ``file`` renders from: its source path, its URL, whether it is excluded."""
    return None if file is None else (file.src_uri, file.url, bool(file.inclusion.is_excluded()))


class Lookups:
    """MkDocs's ``Files`` as a page's render sees it, recording each file it looks up (the links
    of the page) and what it found."""

    def __init__(self, files: Any) -> None:
        self._files = files
        self.seen: dict[str, tuple[str, str, bool] | None] = {}

    def get_file_from_path(self, path: str) -> Any:
        found = self._files.get_file_from_path(path)
        self.seen[path] = _target(found)
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._files, name)


def _toc_tokens(items: Any) -> list[dict[str, Any]]:
    return [{"level": i.level, "id": i.id, "name": i.title, "children": _toc_tokens(i.children)} for i in items]


def memo_render(page: Any, memo: Memo, settings: str, original: Callable[[Any, Any], None]) -> Callable[[Any, Any], None]:
    """A replacement for ``page.render`` (``original``, MkDocs's ``Page.render`` bound to it)
    that reuses an earlier build's render of the same Markdown when every link it looked up finds
    the same file at the same URL."""
    from mkdocs.structure import pages
    from mkdocs.structure.toc import get_toc

    def render(config: Any, files: Any) -> None:
        key = digest(settings, page.file.src_uri, page.file.url, str(page.file.inclusion), page.markdown)
        entry = memo.get("render", key)
        if entry is not None and all(_target(files.get_file_from_path(p)) == t for p, t in entry["seen"]):
            page.content = entry["content"]
            page.toc = get_toc(entry["toc"])
            page._title_from_render = entry["title"]
            page.present_anchor_ids = set(entry["anchors"])
            if pages.log.getEffectiveLevel() > logging.DEBUG:  # as Page.render sets it
                page.links_to_anchors = {
                    (page.file if uri == page.file.src_uri else files.get_file_from_path(uri)): dict(links)
                    for uri, links in entry["links"]}
            memo.put("render", key, entry, hit=True)
            return
        lookups = Lookups(files)
        original(config, lookups)
        memo.put("render", key, {
            "content": page.content, "toc": _toc_tokens(page.toc), "title": page._title_from_render,
            "anchors": sorted(page.present_anchor_ids or ()), "seen": sorted(lookups.seen.items()),
            "links": [(f.src_uri, list(links.items())) for f, links in (page.links_to_anchors or {}).items()],
        }, hit=False)

    return render


# --- the search index ---------------------------------------------------------------------------


def page_facts(page: Any) -> list[str]:
    """What a page's search entries and template read of the page besides its HTML: its URL,
    title, metadata and table of contents."""
    return [page.file.src_uri, page.url, str(page.title), stable(page.meta), stable(_toc_tokens(page.toc))]


def memo_search(index: Any, memo: Memo) -> None:
    """Material's search index made to reuse the entries an earlier build made for the same page
    (its ``add_entry_from_context`` replaced on this instance); left as it is when the index does not
    have the shape this was written for."""
    original = getattr(index, "add_entry_from_context", None)
    if not callable(original) or not isinstance(getattr(index, "entries", None), list):
        return

    def add_entry_from_context(page: Any) -> None:
        try:
            key = digest(stable(index.config), *page_facts(page), page.content)
        except TypeError:
            original(page)
            return
        entries = memo.get("search", key)
        if entries is not None:
            index.entries.extend(pickle.loads(pickle.dumps(entries)))  # copies: the index may edit its own
            memo.put("search", key, entries, hit=True)
            return
        start = len(index.entries)
        original(page)
        memo.put("search", key, pickle.loads(pickle.dumps(index.entries[start:])), hit=False)

    index.add_entry_from_context = add_entry_from_context


# --- the theme's template -----------------------------------------------------------------------

#: The digest of the site's settings (its configuration, theme, hooks and the code's version,
#: publish/stamp.settings_stamp) that the site build hands MkDocs: without it no template output
#: is reused (MkDocs run by hand).
SETTINGS_ENV = "MCDOCGEN_SITE_SETTINGS"
#: Plugins whose page events are known to read and write only what the template's key holds:
#: Material's search (it edits the page's HTML, which the key holds) and tags (its context
#: entry is in the key).
KNOWN_PLUGINS = ("material.plugins.search.", "material.plugins.tags.")
#: The template context MkDocs gives every page (mkdocs.commands.build.get_context): the page, the
#: navigation and the configuration are in the key by other routes, the rest as text.
_CONTEXT = {"nav", "pages", "config", "page", "base_url", "extra_css", "extra_javascript", "mkdocs_version",
            "build_date_utc"}


def navigation(nav: Any, files: Any) -> str:
    """The digest of the whole navigation as a template may show it (every entry's kind, title, URL
    and children) and of the pages' URLs: a title changed anywhere changes every page's sidebar."""

    def entry(item: Any) -> list[Any]:
        file = getattr(item, "file", None)
        return [type(item).__name__, str(item.title), getattr(item, "url", None),
                getattr(file, "src_uri", None), [entry(child) for child in item.children or ()]]

    return digest(stable([entry(item) for item in nav.items]),
                  stable([(f.src_uri, f.url) for f in files.documentation_pages()]))


def template_key(context: Any, page: Any, site: str) -> str | None:
    """The digest of what the theme's template makes a page from (``site``: the settings' and the
    navigation's digest; the page, its HTML and the context); None when the context holds
    something that cannot be told as text (nothing is reused then)."""
    extra: list[Any] = []
    for name in sorted(context.keys()):
        value = context[name]
        if name in ("nav", "pages", "config", "page"):
            continue
        if name in _CONTEXT:
            extra.append([name, value if isinstance(value, (list, str)) else str(value)])
        elif name == "tags" and isinstance(value, list):  # Material's tags: each with its listing's URL
            extra.append([name, [[str(tag), str(getattr(tag, "url", ""))] for tag in value]])
        else:
            return None
    try:
        return digest(site, *page_facts(page), str(page.is_homepage), stable(getattr(page, "math_fonts", None)),
                      stable(extra), page.content)
    except TypeError:
        return None


def known_handlers(plugins: Any, events: tuple[str, ...], ours: tuple[Any, ...]) -> bool:
    """Whether every handler of ``events`` is one of ``ours`` or a :data:`KNOWN_PLUGINS` plugin's:
    a hook of the root's (a course's) may read or change anything, so nothing is reused then."""
    for event in events:
        for method in plugins.events.get(event, ()):
            module = getattr(method, "__module__", "") or ""
            if getattr(method, "__func__", method) not in ours and not module.startswith(KNOWN_PLUGINS):
                return False
    return True


class TemplateMemo:
    """Reuses the finished HTML of a page whose template key (:func:`template_key`, set by the hook
    on the page) is the same as in an earlier build: the template MkDocs asks for the page is
    given through :meth:`get_template`, which answers from the memo; the finished page (after the
    hook's ``on_post_page``) is what is kept, compressed."""

    def __init__(self, memo: Memo, config: Any, env: Any) -> None:
        self.memo, self.config, self.env = memo, config, env
        self._get_template = env.get_template
        self.pending: dict[str, str] = {}  # page -> its key, between the template and on_post_page

    def get_template(self, name: Any, parent: Any = None, globals: Any = None) -> Any:
        template = self._get_template(name, parent, globals)
        page = getattr(self.config, "_current_page", None)
        if parent is None and page is not None and name == page.meta.get("template", "main.html"):
            return _Template(template, page, self)  # the page's own template, as _build_page asks it
        return template

    def finished(self, page: Any) -> str | None:
        """The finished HTML kept for ``page``'s key, or None."""
        key = getattr(page, "mcdocgen_template_key", None)
        found = None if key is None else self.memo.get("page", key)
        return None if found is None else zlib.decompress(found).decode("utf-8")

    def keep(self, page: Any, html: str, hit: bool) -> None:
        key = getattr(page, "mcdocgen_template_key", None)
        if key is not None:
            found = self.memo.get("page", key) if hit else None
            self.memo.put("page", key, found if found is not None else zlib.compress(html.encode("utf-8"), 1), hit=hit)


class _Template:
    """A page's template that answers from the memo when the page's key was seen before."""

    def __init__(self, template: jinja2.Template, page: Any, memo: TemplateMemo) -> None:
        self._template, self._page, self._memo = template, page, memo

    def render(self, *args: Any, **kwargs: Any) -> str:
        finished = self._memo.finished(self._page)
        if finished is not None:
            self._page.mcdocgen_finished = finished
            return finished
        return self._template.render(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._template, name)
