"""The built site works offline: every URL a page makes the browser fetch by itself (scripts,
styles, images, fonts; not links) must stay on the site; and it ships nothing no page loads
(:func:`prune`)."""

from __future__ import annotations

import html.parser
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from mcdocgen.publish.cache import digest


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


def fetched_urls(page: bytes) -> list[str]:
    """Every URL one HTML page makes the browser fetch by itself, in order of appearance."""
    parser = _ReferenceParser()
    # as read_text reads it: newlines made "\n"
    parser.feed(page.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n"))
    parser.close()
    return parser.urls


def external_references(site: Path, allowed_hosts: tuple[str, ...] = (),
                        memo: dict[str, list[str]] | None = None) -> list[tuple[str, str]]:
    """Every URL on another host that a built HTML page makes the browser fetch by itself.

    Returns sorted ``(page, url)`` pairs, the page relative to ``site``. Plain links (``<a href>``),
    canonical links and XML namespaces are not fetches and are not reported; nor are URLs on
    ``allowed_hosts`` (``host`` or ``host:port``). ``memo`` (the build cache's): a page's
    :func:`fetched_urls` by the digest of its bytes, read and extended, so that an unchanged page
    is not parsed again; on return it holds this site's pages only.
    """
    found: set[tuple[str, str]] = set()
    seen: dict[str, list[str]] = {}
    for page in sorted(site.rglob("*.html")):
        data = page.read_bytes()
        key = digest(data)
        urls = memo.get(key) if memo is not None else None
        if urls is None:
            urls = fetched_urls(data)
        seen[key] = urls
        for url in urls:
            parts = urlsplit(url)
            if not parts.netloc and not url.startswith("//"):
                continue  # relative, data:, javascript: ...
            if parts.scheme not in ("", "http", "https", "ftp", "ws", "wss"):
                continue
            if parts.netloc in allowed_hosts or (parts.hostname or "") in allowed_hosts:
                continue
            found.add((page.relative_to(site).as_posix(), url))
    if memo is not None:
        memo.clear()
        memo.update(seen)
    return sorted(found)


# --- pruning ------------------------------------------------------------------------------------

LUNR_DIR = "assets/javascripts/lunr"
WORKERS_DIR = "assets/javascripts/workers"
SEARCH_INDEX = "search/search_index.json"
# The search worker's language loader (Material 9.x, minified): nothing for "en", tinyseg.js for
# "ja", wordcut.js for "hi" and "th", lunr.<lang>.min.js for every other language, lunr.multi for
# more than one, and lunr.stemmer.support before any of them. _lunr_files mirrors it; when the
# worker no longer contains these strings, the mirror may be stale and no language file is pruned.
_WORKER_SIGNS = ("tinyseg.js", "wordcut.js", '!=="en"', "lunr.multi.min.js", "lunr.stemmer.support.min.js")
# A source-map comment at the end of a script or stylesheet (what a browser's devtools follow).
_SOURCE_MAP_COMMENT = re.compile(rb"\n?(?://[#@] sourceMappingURL=[^\n]*|/\*[#@] sourceMappingURL=[^\n]*?\*/)\s*\Z")


def prune(site: Path) -> list[str]:
    """Delete what no page of ``site`` loads: source maps (and the comments naming them) and the
    lunr language files the search worker does not load for the site's languages.

    Returns the deleted paths, relative to ``site``, sorted.
    """
    removed = [path for path in site.rglob("*.map") if path.is_file()]
    for path in sorted(site.rglob("*")):
        if path.suffix in (".js", ".css") and path.is_file():
            data = path.read_bytes()
            stripped = _SOURCE_MAP_COMMENT.sub(b"\n", data) if b"sourceMappingURL=" in data[-300:] else data
            if stripped != data:
                path.write_bytes(stripped)
    lunr = site / LUNR_DIR
    if lunr.is_dir():
        keep = _lunr_files(site)
        if keep is not None:
            removed += [p for p in lunr.rglob("*") if p.is_file() and p.relative_to(lunr).as_posix() not in keep]
    for path in removed:
        path.unlink()
    for folder in sorted({p.parent for p in removed}, key=lambda p: len(p.parts), reverse=True):
        while folder != site and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    return sorted(p.relative_to(site).as_posix() for p in removed)


def _lunr_files(site: Path) -> set[str] | None:
    """The files under lunr/ the search worker loads for the site's languages, or None (keep all)
    when the languages or the worker's loader cannot be read."""
    try:
        langs = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))["config"]["lang"]
        worker = "".join(p.read_text(encoding="utf-8") for p in sorted((site / WORKERS_DIR).glob("search*.js")))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not worker or not all(sign in worker for sign in _WORKER_SIGNS) or not isinstance(langs, list):
        return None
    files: set[str] = set()
    for lang in langs:
        files |= {"ja": {"tinyseg.js"}, "hi": {"wordcut.js"}, "th": {"wordcut.js"}}.get(lang, set())
        if lang != "en":
            files.add(f"min/lunr.{lang}.min.js")
    if len(langs) > 1:
        files.add("min/lunr.multi.min.js")
    if files:
        files.add("min/lunr.stemmer.support.min.js")
    return files
