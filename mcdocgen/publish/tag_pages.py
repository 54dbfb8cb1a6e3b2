"""The tags' pages: an index of every tag with its count (tags/index.md), and a page per tag listing
its problems by title (tags/<slug>.md). One page of every tag's problems grew with the catalog (438
KiB at 1,000 problems, issue 15); and a tag's page grew with its tag (the tag "matrix": 436 problems
of 1,000): a tag's list is cut into parts of at most ``PER_PAGE`` problems, the first on the tag's
page, the others after it (tags/<slug>/2.md, ...), each linked to the next and the one before.

Each page lists its problems itself. Material's tags plugin still has one listing per tag, on the
tag's first page, so that a problem page's tags link there (Material links a tag to the listing
that features it): its layout (templates/theme/fragments/tags/mcd-heading) draws only its heading,
the anchor the link lands on."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from collections.abc import Callable
from dataclasses import dataclass

import jinja2

from mcdocgen.catalog import MAX_ID_CHARS, slug
from mcdocgen.present.views import ProblemView
from mcdocgen.publish.page import tidy

TAGS_PAGE = "tags/index.md"
TAGS_TITLE = "Tags"
#: At most this many problems on one page of a tag (titles and links: about 100 bytes each, so a
#: part is at most about 20 KB of list beside the page's 17 KB of navigation).
PER_PAGE = 200
#: The layout of the tag's listing: its heading only (templates/theme/fragments/tags/).
LISTING_LAYOUT = "mcd-heading"


@dataclass(frozen=True, slots=True)
class TagPage:
    tag: str
    path: str       # under docs/: tags/<slug>.md, a number after the slug where two tags' slugs meet
    #               (a part after the first: tags/<slug>/<part>.md)
    count: int      # the problems that carry the tag
    part: int = 1   # which part of the tag's list, of ``parts``
    parts: int = 1

    @property
    def title(self) -> str:
        return f"Tag: {self.tag}" + (f" (part {self.part} of {self.parts})" if self.parts > 1 else "")


def tag_pages(views: Sequence[ProblemView]) -> list[TagPage]:
    """A page for each tag any problem carries, in the order of the tags' names (case ignored; the
    name itself breaks ties, so the order and the paths do not depend on the catalog's order), and
    after a tag's page the other parts of its list where it has more than ``PER_PAGE`` problems."""
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
        parts = -(-counts[tag] // PER_PAGE)
        out += [TagPage(tag, f"tags/{name}.md" if k == 1 else f"tags/{name}/{k}.md", counts[tag], k, parts)
                for k in range(1, parts + 1)]
    return out


def listing(tag: str) -> str:
    """Material's listing directive for the problems that carry ``tag``: its options are YAML, the tag
    a JSON string (JSON is YAML) with ``>`` escaped, so no text of a tag ends the HTML comment."""
    return ("<!-- material/tags { include: [" + json.dumps(tag).replace(">", "\\u003e") + "], layout: "
            + json.dumps(LISTING_LAYOUT) + " } -->")


def render_tag_pages(env: jinja2.Environment, views: Sequence[ProblemView], page_of: Callable[[ProblemView], str],
                     link: Callable[[str, str], str]) -> dict[str, str]:
    """The index and every tag's page, by path under docs/ (``env``: publish.render's Markdown
    templates; ``page_of``: a problem's page under docs/; ``link``: the relative link from one page
    under docs/ to another)."""
    pages = tag_pages(views)
    out = {TAGS_PAGE: tidy(env.get_template("tags.md.j2").render(
        title=TAGS_TITLE, tags=[{"name": p.tag, "count": p.count, "url": p.path.removeprefix("tags/")}
                                for p in pages if p.part == 1]))}
    by_title = sorted(views, key=lambda v: (v.title.casefold(), v.title, page_of(v)))
    parts = {(p.tag, p.part): p for p in pages}
    for p in pages:
        tagged = [v for v in by_title if p.tag in v.tags][(p.part - 1) * PER_PAGE:p.part * PER_PAGE]
        near = {k: parts.get((p.tag, p.part + step)) for k, step in (("previous", -1), ("next", 1))}
        out[p.path] = tidy(env.get_template("tag.md.j2").render(
            title=p.title, tag=p.tag, count=p.count, part=p.part, parts=p.parts,
            first=(p.part - 1) * PER_PAGE + 1, last=(p.part - 1) * PER_PAGE + len(tagged),
            listing=listing(p.tag) if p.part == 1 else "", home_url=link(p.path, TAGS_PAGE),
            problems=[{"title": v.title, "url": link(p.path, page_of(v))} for v in tagged],
            **{k: n and {"title": n.title, "url": link(p.path, n.path)} for k, n in near.items()}))
    return out
