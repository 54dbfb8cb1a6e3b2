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
import html.parser
import io
import json
import posixpath
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from mcdocgen.errors import SiteError
from mcdocgen.publish.htmltags import TagScanner, element, has_class, replace
from mcdocgen.publish.offline import SEARCH_INDEX, WORKERS_DIR

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
_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can store
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


_HREF = re.compile(r"""(\shref\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)""", re.IGNORECASE)


def rewrite_links(page: str) -> str:
    """``page`` with the href of every ``<a>``, ``<link>`` and ``<area>`` passed through :func:`folder_link`."""
    out, done = [], 0
    for tag in TagScanner(page).tags:
        if tag.closing or tag.name not in ("a", "link", "area") or "href" not in tag.attrs:
            continue
        raw = page[tag.start:tag.end]
        match = _HREF.search(raw)
        if not match:
            continue
        value = match.group(2)
        quote = value[0] if value[0] in "\"'" else ""
        inner = value[1:-1] if quote else value
        new = folder_link(inner)
        if new != inner:
            out += [page[done:tag.start + match.start(2)], quote, new, quote]
            done = tag.start + match.end(2)
    return "".join(out) + page[done:]


def add_archive_size(home: str, size: int) -> str:
    """The served home page with the archive's size after the download link (when it has one)."""
    span = element(home, lambda t: DOWNLOAD_ATTRIBUTE in t.attrs)
    if span is None:
        return home
    link_end = home.find("</a>", span[0], span[1])
    if link_end < 0:
        return home
    link_end += len("</a>")
    return f"{home[:link_end]} ({size / 1e6:.1f} MB){home[link_end:]}"


def offline_page(page: str, to_root: str) -> str:
    """A built page as the archive holds it: folder links to index.html, the search box replaced
    by a link to the index of pages, no download paragraph. ``to_root``: "", "../", ...

    Raises SiteError when the page has no search box to replace (Material's markup changed).
    """
    page = replace(page, element(page, lambda t: DOWNLOAD_ATTRIBUTE in t.attrs), "")
    # the header's search button (a label toggling the search dialog, shown on narrow screens)
    page = replace(page, element(page, lambda t: t.name == "label" and t.attrs.get("for") == "__search"
                                   and has_class(t, "md-header__button")), "")
    search = element(page, lambda t: t.attrs.get("data-md-component") == "search")
    if search is None:
        raise SiteError("the archive replaces the search box with an index of pages, but a page has no "
                        'search box (data-md-component="search"): update mcdocgen/publish/archive.py')
    link = (f'<a href="{to_root}{INDEX_PAGE}" class="md-header__button md-offline-index" '
            f'style="font-weight:700;white-space:nowrap">{INDEX_TITLE}</a>')
    return rewrite_links(replace(page, search, link))


# --- the index of pages -------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One page in the index: its path in the archive, title and summary."""

    path: str
    title: str
    summary: str


class _PageFacts(html.parser.HTMLParser):
    """A built page's first <h1> text (without its permalink), <title> and meta description."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.h1: list[str] = []
        self.title: list[str] = []
        self.description = ""
        self._where: str | None = None
        self._skip = 0  # depth inside a headerlink or hidden math markup
        self._h1_done = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and values.get("name") == "description":
            self.description = values.get("content", "")
        elif tag == "title":
            self._where = "title"
        elif tag == "h1" and not self._h1_done:
            self._where = "h1"
        elif self._where == "h1" and (self._skip or "headerlink" in values.get("class", "").split()):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if self._where == "h1" and self._skip:
            self._skip -= 1
        elif tag in ("title", "h1") and self._where == tag:
            self._h1_done = self._h1_done or tag == "h1"
            self._where = None

    def handle_data(self, data: str) -> None:
        if self._where and not self._skip:
            getattr(self, self._where).append(data)


def _text(parts: list[str]) -> str:
    return " ".join("".join(parts).split())


def index_entries(pages: Mapping[str, str], order: Iterable[str], generic_summary: str) -> list[Entry]:
    """Every page of ``pages`` (archive path -> HTML), in ``order`` (paths, e.g. the navigation's),
    then the rest by path; a summary equal to ``generic_summary`` (the site's) is left out."""
    ordered = list(dict.fromkeys(p for p in order if p in pages))
    ordered += sorted(set(pages) - set(ordered))
    entries = []
    for path in ordered:
        facts = _PageFacts(pages[path])
        title = _text(facts.h1) or _text(facts.title) or path
        summary = facts.description.strip()
        entries.append(Entry(path, title, "" if summary == generic_summary else summary))
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
    out, done, nav = [], 0, []
    for tag in TagScanner(not_found).tags:
        for name in ("href", "src"):
            value = tag.attrs.get(name, "")
            if tag.closing or not value.startswith(base) or value.startswith("//"):
                continue
            raw = not_found[tag.start:tag.end]
            at = re.search(rf"""\s{name}\s*=\s*["']?""", raw)
            if at is None:
                continue
            out += [not_found[done:tag.start + at.end()], html.escape(relative(value))]
            done = tag.start + at.end() + len(html.escape(value))
            if tag.name == "a" and has_class(tag, "md-nav__link"):
                nav.append(posixpath.normpath(unquote(urlsplit(folder_link(relative(value))).path)))
    frame = "".join(out) + not_found[done:]
    frame = frame.replace(match.group(1), json.dumps(config))
    frame = frame.replace(f"new URL({json.dumps(base)},location)", 'new URL(".",location)')  # storage scope
    summary = _PageFacts(not_found).description.strip()
    return frame, summary, nav


def index_page(not_found: str, pages: Mapping[str, str]) -> str:
    """The index of ``pages`` (archive path -> HTML) in the 404 page's frame, before offline_page."""
    frame, summary, nav = _frame(not_found)
    article = element(frame, lambda t: t.name == "article")
    if article is None:
        raise SiteError("404.html has no <article> to hold the index of pages")
    opening = next(t for t in TagScanner(frame).tags if t.start == article[0])
    frame = replace(frame, article, frame[opening.start:opening.end] + "\n" + index_body(
        index_entries(pages, nav, summary)) + "</article>")
    title = element(frame, lambda t: t.name == "title")
    site_name = _escape(_text(_PageFacts(not_found).title))
    return replace(frame, title, f"<title>{INDEX_TITLE} - {site_name}</title>")


# --- the archive --------------------------------------------------------------------------------


def _left_out(path: str) -> bool:
    return any(path == entry or (entry.endswith("/") and path.startswith(entry)) for entry in LEFT_OUT)


def archive_files(site: Path) -> dict[str, bytes]:
    """Every file of the archive, by its path in the site: the built ``site`` made to work from disk."""
    files = {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*")) if p.is_file()}
    pages = {path: p.read_text(encoding="utf-8") for path, p in files.items()
             if path.endswith(".html") and not _left_out(path)}
    if INDEX_PAGE in files:
        raise SiteError(f"the site has a page at {INDEX_PAGE}, where the archive puts its index of pages")
    if "404.html" not in files:
        raise SiteError("the site has no 404.html, the frame of the archive's index of pages")
    pages[INDEX_PAGE] = index_page(files["404.html"].read_text(encoding="utf-8"), pages)
    out = {path: p.read_bytes() for path, p in files.items() if not _left_out(path) and path not in pages}
    for path, page in pages.items():
        to_root = "../" * path.count("/")
        try:
            out[path] = offline_page(page, to_root).encode("utf-8")
        except SiteError as err:
            raise SiteError(f"{path}: {err}") from err
    broken = broken_links(out)
    if broken:
        raise SiteError("links in the offline archive lead to no file:\n  " + "\n  ".join(broken[:_MAX_REPORTED]))
    return dict(sorted(out.items()))


def broken_links(files: Mapping[str, bytes]) -> list[str]:
    """``page: url`` for every relative link or reference of an HTML page that names no file of ``files``."""
    broken = []
    for path, data in files.items():
        if not path.endswith(".html"):
            continue
        for tag in TagScanner(data.decode("utf-8")).tags:
            for name in ("href", "src"):
                url = tag.attrs.get(name, "")
                parts = urlsplit(url)
                if tag.closing or not url or parts.scheme or parts.netloc or not parts.path or url.startswith("/"):
                    continue
                target = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(parts.path)))
                if target not in files:
                    broken.append(f"{path}: {url}")
    return sorted(set(broken))


def zip_bytes(files: Mapping[str, bytes], folder: str = ARCHIVE_FOLDER) -> bytes:
    """A zip of ``files`` under ``folder``/, the same bytes for the same files: sorted entries,
    fixed timestamps, modes and compression."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{path}", date_time=_DATE)
            info.create_system = 3  # Unix, so that the mode below is read
            info.external_attr = (0o100644 << 16)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[path], compresslevel=9)
    return buffer.getvalue()


def write_archive(site: Path) -> int:
    """Write the offline archive into the built ``site`` (at :data:`ARCHIVE`) and its size into the
    home page's download link; returns the size in bytes."""
    data = zip_bytes(archive_files(site))
    target = site / ARCHIVE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    home = site / "index.html"
    if home.is_file():
        home.write_text(add_archive_size(home.read_text(encoding="utf-8"), len(data)), encoding="utf-8")
    return len(data)
