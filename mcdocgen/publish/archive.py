"""The offline archive: a zip of the built site that works opened from disk (``file://``).

A browser opening a page from disk shows a directory listing for a link to a folder, and
Material's search worker cannot start there. So the archive's pages link ``folder/index.html``
(:func:`folder_link`), the search box is replaced by a link to a static index of every page
(written from the 404 page's frame, the one page with no current entry and no table of contents),
and what only a server uses is left out. :func:`write_archive` writes the zip into a built site
(before it is published) and puts its size next to the home page's download link. The zip's
bytes are a function of the site's: sorted entries, fixed timestamps, modes and compression.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
import zlib
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import unquote, urlsplit

from mcdocgen.errors import SiteError
from mcdocgen.publish.cache import digest
from mcdocgen.publish.htmltags import Tag, edit, element, elements, scan, text
from mcdocgen.publish.offline import SEARCH_INDEX, WORKERS_DIR
from mcdocgen.publish import zipped
from mcdocgen.publish.zipped import Deflated, deflate, zip_entries

T = TypeVar("T")

#: Where the zip goes in the site (the home page template links it: render.py passes it).
ARCHIVE = "download/mcdocgen-offline.zip"
#: The one folder the zip unpacks into.
ARCHIVE_FOLDER = "mcdocgen-offline"
#: The static page that stands in for search in the archive.
INDEX_PAGE = "index-of-pages.html"
INDEX_TITLE = "Index of pages"
#: The home page's download paragraph carries this attribute: the size goes after its link, and
#: the archive's own copy of the home page leaves the paragraph out.
DOWNLOAD_ATTRIBUTE = "data-offline-download"
#: Only a server uses these (the 404 page, sitemaps, the search index and worker), and the
#: archive must not contain itself.
LEFT_OUT = ("download/", "404.html", "sitemap.xml", "sitemap.xml.gz", posixpath.dirname(SEARCH_INDEX) + "/",
            WORKERS_DIR + "/")
_LINKING = ("a", "link", "area")  # the tags whose href is a link or a stylesheet
_REFERRING = (*_LINKING, "script", "img", "source", "iframe", "embed", "audio", "video", "track")
_MAX_REPORTED = 20


# --- links --------------------------------------------------------------------------------------


def folder_link(href: str) -> str:
    """A relative link to a folder made a link to its ``index.html`` (``../x/#a`` ->
    ``../x/index.html#a``, ``.`` -> ``index.html``); any other link is returned unchanged."""
    if not href or href.startswith(("/", "#", "?")) or urlsplit(html.unescape(href)).scheme:
        return href
    cut = min((i for i in (href.find("?"), href.find("#")) if i >= 0), default=len(href))
    path, rest = href[:cut], href[cut:]
    last = path.rsplit("/", 1)[-1]
    if last == "":
        path += "index.html"
    elif last == ".":
        path = path[:-1] + "index.html"
    elif last == "..":
        path += "/index.html"
    return path + rest


def _link_edits(page: str, tags: list[Tag]) -> list[tuple[int, int, str]]:
    edits = []
    for tag in tags:
        if tag.closing or tag.name not in _LINKING:
            continue
        span = tag.attr_span("href")
        if span is not None:
            href = page[span[0]:span[1]]
            if (new := folder_link(href)) != href:
                edits.append((span[0], span[1], new))
    return edits


def rewrite_links(page: str) -> str:
    """``page`` with the href of every ``<a>``, ``<link>`` and ``<area>`` passed through :func:`folder_link`."""
    return edit(page, _link_edits(page, scan(page, _LINKING)))


def _download(tag: Tag) -> bool:
    return tag.attr(DOWNLOAD_ATTRIBUTE) is not None


def add_archive_size(home: str, size: int) -> str:
    """The served home page with the archive's size after the download link (when it has one)."""
    tags = scan(home)
    span = element(tags, _download)
    link = span and element([t for t in tags if span[0] <= t.start < span[1]], lambda t: t.name == "a")
    if not link:
        return home
    return edit(home, [(link[1], link[1], f" ({size / 1e6:.1f} MB)")])


def offline_page(page: str, to_root: str) -> str:
    """A built page as the archive holds it: folder links to index.html, the search box replaced
    by a link to the index of pages, no download paragraph. ``to_root``: "", "../", ...

    Raises SiteError when the page has no search box to replace (Material's markup changed).
    """
    tags = scan(page, (*_LINKING, "div", "label", "p"))  # the download paragraph is a <p>
    search = element(tags, lambda t: t.attr("data-md-component") == "search")
    if search is None:
        raise SiteError("the archive replaces the search box with an index of pages, but a page has no "
                        'search box (data-md-component="search"): update mcdocgen/publish/archive.py')
    link = (f'<a href="{to_root}{INDEX_PAGE}" class="md-header__button md-offline-index" '
            f'style="font-weight:700;white-space:nowrap">{INDEX_TITLE}</a>')
    # the header's search button: a label that opens the search box on narrow screens
    button = element(tags, lambda t: t.name == "label" and t.attr("for") == "__search"
                     and t.has_class("md-header__button"))
    removed = [(*span, "") for span in (element(tags, _download), button) if span]
    # a font preload is a CORS request, which Chromium refuses for file:; the CSS loads the fonts
    removed += [(t.start, t.end, "") for t in tags if t.name == "link" and _font_preload(t)]
    return edit(page, [(*search, link), *removed, *_link_edits(page, [t for t in tags if not _font_preload(t)])])


def _font_preload(tag: Tag) -> bool:
    return tag.name == "link" and tag.attr("rel") == "preload" and tag.attr("as") == "font"


# --- the index of pages -------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One page in the index: its path in the archive, title and summary."""

    path: str
    title: str
    summary: str


def page_facts(page: str) -> tuple[str, str, str]:
    """A built page's first <h1> text (without its permalink), <title> text and meta description."""
    tags = scan(page, ("h1", "title", "meta", "a", "span"))
    h1 = element(tags, lambda t: t.name == "h1")
    # a title's math (present.titles) is read once, as the page shows it (its MathML): not its search text too
    permalinks = elements(tags, lambda t: (t.name == "a" and t.has_class("headerlink"))
                          or (t.name == "span" and t.has_class("math-text")))
    title = element(tags, lambda t: t.name == "title")
    meta = next((t for t in tags if t.name == "meta" and t.attr("name") == "description"), None)
    return (text(page, h1, permalinks) if h1 else "", text(page, title) if title else "",
            (meta.attr("content") or "").strip() if meta else "")


def index_entries(pages: Mapping[str, str], order: Iterable[str], generic_summary: str,
                  facts: Callable[[str], tuple[str, str, str]] = page_facts) -> list[Entry]:
    """Every page of ``pages`` (archive path -> HTML), in ``order`` (paths, e.g. the navigation's),
    then the rest by path; a summary equal to ``generic_summary`` (the site's) is left out."""
    ordered = list(dict.fromkeys(p for p in order if p in pages))
    ordered += sorted(set(pages) - set(ordered))
    entries = []
    for path in ordered:
        h1, title, summary = facts(pages[path])
        entries.append(Entry(path, h1 or title or path, "" if summary == generic_summary else summary))
    return entries


def _group(path: str, paths: set[str]) -> str | None:
    """The page's topic: the nearest folder above it (not the top) that has an index page."""
    parts = path.split("/")[:-1]
    if posixpath.basename(path) == "index.html":
        parts = parts[:-1]  # a folder's own index page belongs to the folder above
    for depth in range(len(parts), 0, -1):
        candidate = "/".join(parts[:depth]) + "/index.html"
        if candidate in paths:
            return candidate
    return None


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def index_body(entries: list[Entry]) -> str:
    """The index page's article: loose pages in lists, each topic a heading over its pages."""
    paths = {e.path for e in entries}
    members: dict[str, list[Entry]] = {}
    for e in entries:
        group = _group(e.path, paths)
        if group is not None:
            members.setdefault(group, []).append(e)

    def item(e: Entry) -> str:
        summary = f": {_escape(e.summary)}" if e.summary else ""
        return f'<li><a href="{html.escape(e.path)}">{_escape(e.title)}</a>{summary}</li>'

    out = [f"<h1>{INDEX_TITLE}</h1>",
           "<p>This copy of the site opened from disk has no search (a browser does not run it for "
           "a page opened from a file). Every page is listed here, in reading order: use your "
           "browser's Find (Ctrl+F) on this page.</p>"]
    loose: list[str] = []
    for e in entries:
        if _group(e.path, paths) is not None:
            continue
        if e.path not in members:
            loose.append(item(e))
            continue
        if loose:
            out += ["<ul>", *loose, "</ul>"]
            loose = []
        out.append(f'<h2><a href="{html.escape(e.path)}">{_escape(e.title)}</a></h2>')
        if e.summary:
            out.append(f"<p>{_escape(e.summary)}</p>")
        out += ["<ul>", *(item(m) for m in members[e.path]), "</ul>"]
    if loose:
        out += ["<ul>", *loose, "</ul>"]
    return "\n".join(out) + "\n"


def _frame(not_found: str) -> tuple[str, str, list[str]]:
    """The 404 page made a frame at the top of the archive: its links relative instead of rooted
    at the site's base. Returns the frame, the site's summary and the navigation's page paths."""
    match = re.search(r'<script id="__config" type="application/json">(.*?)</script>', not_found, re.DOTALL)
    if not match:
        raise SiteError("404.html has no Material configuration (<script id=\"__config\">)")
    config = json.loads(match.group(1))
    base = config.get("base", "/")
    if not base.startswith("/"):
        raise SiteError(f"404.html: expected a base rooted at '/', found {base!r}")
    base = base.rstrip("/") + "/"

    def relative(url: str) -> str:
        return (url[len(base):] or ".") if url.startswith(base) and not url.startswith("//") else url

    config.update({key: relative(config[key]) for key in ("base", "search") if isinstance(config.get(key), str)})
    edits, nav = [(*match.span(1), json.dumps(config))], []
    for tag in scan(not_found):
        for name in ("href", "src"):
            span = None if tag.closing else tag.attr_span(name)
            if span is None or relative(value := not_found[span[0]:span[1]]) == value:
                continue
            edits.append((*span, relative(value)))
            if tag.name == "a" and tag.has_class("md-nav__link"):
                nav.append(posixpath.normpath(unquote(urlsplit(folder_link(relative(value))).path)))
    # the key of stored choices (palette, layout tab) is the site's folder, as on every other page
    frame = edit(not_found, edits).replace(f"new URL({json.dumps(base)},location)", 'new URL(".",location)')
    return frame, page_facts(not_found)[2], nav


def index_page(not_found: str, pages: Mapping[str, str],
               facts: Callable[[str], tuple[str, str, str]] = page_facts) -> str:
    """The index of ``pages`` (archive path -> HTML) in the 404 page's frame, before offline_page."""
    frame, summary, nav = _frame(not_found)
    tags = scan(frame, ("article", "title"))
    article = element(tags, lambda t: t.name == "article")
    title = element(tags, lambda t: t.name == "title")
    if article is None or title is None:
        raise SiteError("404.html has no <article> or <title>, the frame of the index of pages")
    opening = next(t for t in tags if t.start == article[0])
    body = index_body(index_entries(pages, nav, summary, facts))
    site_name = _escape(page_facts(not_found)[1])
    return edit(frame, [(opening.end, article[1], f"\n{body}</article>"),
                        (*title, f"<title>{INDEX_TITLE} - {site_name}</title>")])


# --- the archive --------------------------------------------------------------------------------


def _left_out(path: str) -> bool:
    return any(path == entry or (entry.endswith("/") and path.startswith(entry)) for entry in LEFT_OUT)


class _Reuse:
    """What pages gave in earlier builds (the build cache's memo), by a digest of the page and what
    else the result depends on; ``used`` keeps this build's only, so the memo stays the site's size."""

    def __init__(self, memo: Mapping[str, object] | None) -> None:
        self.old = memo or {}
        self.used: dict[str, object] = {}

    def __call__(self, parts: tuple[str | bytes, ...], compute: Callable[[], T]) -> T:
        key = digest(*parts)
        # the memo is this function's own store: under a key, the value compute gave in an earlier build
        value = cast(T, self.old[key]) if key in self.old else compute()
        self.used[key] = value
        return value


def archive_entries(site: Path, memo: dict[str, object] | None = None) -> dict[str, Deflated]:
    """Every file of the archive, deflated, by its path in the site: the built ``site`` made to work
    from disk. ``memo`` (the build cache's) is read and replaced: an unchanged page is neither parsed
    nor compressed again, nor an unchanged file compressed."""
    reuse = _Reuse(memo)
    files = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}
    pages = {path: p.read_text(encoding="utf-8") for path, p in files.items()
             if path.endswith(".html") and not _left_out(path)}
    if INDEX_PAGE in files:
        raise SiteError(f"the site has a page at {INDEX_PAGE}, where the archive puts its index of pages")
    if "404.html" not in files:
        raise SiteError("the site has no 404.html, the frame of the archive's index of pages")
    pages[INDEX_PAGE] = index_page(files["404.html"].read_text(encoding="utf-8"), pages,
                                   lambda page: reuse(("facts", page), lambda: page_facts(page)))
    out: dict[str, Deflated] = {}
    for path, p in files.items():
        if not _left_out(path) and path not in pages:
            data = p.read_bytes()
            out[path] = reuse(("file", data), lambda: deflate(data))  # noqa: B023 - called at once
    found: dict[str, list[tuple[str, str]]] = {}
    for path, page in pages.items():
        try:
            out[path], found[path] = reuse(("offline", path, page), lambda: _offline(path, page))  # noqa: B023 - called at once
        except SiteError as err:
            raise SiteError(f"{path}: {err}") from err
    broken = broken_links(out, served={*files, ARCHIVE}, references=lambda path, _: found[path])
    if broken:
        raise SiteError("links in the offline archive lead to no file:\n  " + "\n  ".join(broken[:_MAX_REPORTED]))
    if memo is not None:
        memo.clear()
        memo.update(reuse.used)
    return dict(sorted(out.items()))


def _offline(path: str, page: str) -> tuple[Deflated, list[tuple[str, str]]]:
    data = offline_page(page, "../" * path.count("/")).encode("utf-8")
    return deflate(data), references(path, data)


def archive_files(site: Path, memo: dict[str, object] | None = None) -> dict[str, bytes]:
    """Every file of the archive, by its path in the site (:func:`archive_entries`, inflated)."""
    return {path: zlib.decompress(entry.data, -15) for path, entry in archive_entries(site, memo).items()}


def references(path: str, data: bytes) -> list[tuple[str, str]]:
    """(url, the path it names) for every relative link or reference of the HTML page at ``path``."""
    found = []
    for tag in scan(data.decode("utf-8"), _REFERRING):
        for name in ("href", "src"):
            url = None if tag.closing else tag.attr(name)
            parts = urlsplit(url or "")
            if not url or parts.scheme or parts.netloc or not parts.path or url.startswith("/"):
                continue
            found.append((url, posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parts.path)))))
    return found


def broken_links(files: Mapping[str, Any], served: Collection[str] | None = None,
                 references: Callable[[str, Any], list[tuple[str, str]]] = references) -> list[str]:
    """``page: url`` for every relative link or reference of an HTML page that names no file of
    ``files``; given the paths of the ``served`` site, only those that name one of them (a link
    already broken there is not the archive's doing)."""
    broken = []
    for path, data in files.items():
        if not path.endswith(".html"):
            continue
        for url, target in references(path, data):
            if target not in files and (served is None or target in served):
                broken.append(f"{path}: {url}")
    return sorted(set(broken))


def zip_bytes(files: Mapping[str, bytes], folder: str = ARCHIVE_FOLDER) -> bytes:
    """A zip of ``files`` under ``folder``/ (:func:`mcdocgen.publish.zipped.zip_bytes`)."""
    return zipped.zip_bytes(files, folder)


def write_archive(site: Path, memo: dict[str, object] | None = None) -> int:
    """Write the offline archive into the built ``site`` (at :data:`ARCHIVE`) and its size into the
    home page's download link; returns the size in bytes. ``memo``: see :func:`archive_entries`."""
    data = zip_entries(archive_entries(site, memo), ARCHIVE_FOLDER)
    target = site / ARCHIVE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    home = site / "index.html"
    if home.is_file():
        home.write_text(add_archive_size(home.read_text(encoding="utf-8"), len(data)), encoding="utf-8")
    return len(data)
