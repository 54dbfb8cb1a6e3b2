"""The tags' pages: an index of every tag with its count (tags/index.md), and a page per tag listing
its problems (tags/<slug>.md). One page of every tag's problems grew with the catalog (438 KiB at
1,000 problems, issue 15); a tag's page grows only with that tag's problems.

Material's tags plugin writes each tag page's list (a listing that includes that one tag), so that
a problem page's tags link to their own tag's page: there is one listing per tag, and Material links
a tag to the listing that features it."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import jinja2

from mcdocgen.catalog import MAX_ID_CHARS, slug
from mcdocgen.present.views import ProblemView
from mcdocgen.publish.page import tidy

TAGS_PAGE = "tags/index.md"
TAGS_TITLE = "Tags"


@dataclass(frozen=True, slots=True)
class TagPage:
    tag: str
    path: str       # under docs/: tags/<slug>.md, a number after the slug where two tags' slugs meet
    count: int      # the problems that carry the tag

    @property
    def title(self) -> str:
        return f"Tag: {self.tag}"


def tag_pages(views: Sequence[ProblemView]) -> list[TagPage]:
    """A page for each tag any problem carries, in the order of the tags' names (case ignored; the
    name itself breaks ties, so the order and the paths do not depend on the catalog's order)."""
    counts = Counter(t for v in views for t in dict.fromkeys(v.tags))
    taken: set[str] = {"index"}     # tags/index.md is the index
    out = []
    for tag in sorted(counts, key=lambda t: (t.casefold(), t)):
        base = slug(tag, "tag")[:MAX_ID_CHARS].rstrip("-") or "tag"   # a file name: a long tag is cut (a number tells apart)
        name, k = base, 1
        while name in taken:
            k += 1
            name = f"{base}-{k}"
        taken.add(name)
        out.append(TagPage(tag, f"tags/{name}.md", counts[tag]))
    return out


def listing(tag: str) -> str:
    """Material's listing directive for the problems that carry ``tag``: its options are YAML, the tag
    a JSON string (JSON is YAML) with ``>`` escaped, so no text of a tag ends the HTML comment."""
    return "<!-- material/tags { include: [" + json.dumps(tag).replace(">", "\\u003e") + "] } -->"


def render_tag_pages(env: jinja2.Environment, views: Sequence[ProblemView]) -> dict[str, str]:
    """The index and every tag's page, by path under docs/ (``env``: publish.render's Markdown templates)."""
    pages = tag_pages(views)
    out = {TAGS_PAGE: tidy(env.get_template("tags.md.j2").render(
        title=TAGS_TITLE, tags=[{"name": p.tag, "count": p.count, "url": p.path.removeprefix("tags/")} for p in pages]))}
    for p in pages:
        out[p.path] = tidy(env.get_template("tag.md.j2").render(
            title=p.title, tag=p.tag, count=p.count, listing=listing(p.tag), home_url="index.md"))
    return out
