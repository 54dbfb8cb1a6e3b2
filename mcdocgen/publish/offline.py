"""The built site works offline: every URL a page makes the browser fetch by itself (scripts,
styles, images, fonts; not links) must stay on the site."""

from __future__ import annotations

import html.parser
from pathlib import Path
from urllib.parse import urlsplit


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


def external_references(site: Path, allowed_hosts: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """Every URL on another host that a built HTML page makes the browser fetch by itself.

    Returns sorted ``(page, url)`` pairs, the page relative to ``site``. Plain links (``<a href>``),
    canonical links and XML namespaces are not fetches and are not reported; nor are URLs on
    ``allowed_hosts`` (``host`` or ``host:port``).
    """
    found: set[tuple[str, str]] = set()
    for page in sorted(site.rglob("*.html")):
        parser = _ReferenceParser()
        parser.feed(page.read_text(encoding="utf-8", errors="replace"))
        parser.close()
        for url in parser.urls:
            parts = urlsplit(url)
            if not parts.netloc and not url.startswith("//"):
                continue  # relative, data:, javascript: ...
            if parts.scheme not in ("", "http", "https", "ftp", "ws", "wss"):
                continue
            if parts.netloc in allowed_hosts or (parts.hostname or "") in allowed_hosts:
                continue
            found.add((page.relative_to(site).as_posix(), url))
    return sorted(found)
