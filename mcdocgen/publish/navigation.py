"""The site's one reading order, and where each generated page is under docs/ and what the navigation calls it.

The sidebar and footer (``mkdocs_nav``, ``site_nav``) and the links at the end of a problem page (``neighbours``)
all follow ``reading_order``; publish.render writes the pages at these paths.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from mcdocgen.catalog import slug
from mcdocgen.escape import html_text
from mcdocgen.present.cheatsheet import SheetPage, sheet_pages
from mcdocgen.present.operations import OperationPage, operation_pages
from mcdocgen.present.topics import TopicGroup, in_teaching_order
from mcdocgen.present.views import ProblemView
from mcdocgen.publish.tag_pages import TAGS_PAGE, TAGS_TITLE, tag_pages

START_TITLE = "Start here"      # the home page's title in the navigation and the footer
IDENTITIES_TITLE = "Identities"
NOT_DERIVED = "not-derived.md"
NOT_DERIVED_TITLE = "Not yet derived"
CONTRIBUTORS = "For contributors"
NOTATION = "notation.md"
#: Pages around the problems, under docs/, the tags' section (publish.tag_pages) between the two. The
#: Handouts page is publish.handout.PAGE and the schema pages come from commands.walkthrough (a test checks both).
AFTER_PROBLEMS = ("identities.md", "handouts/index.md", NOT_DERIVED)
API_PAGE = "api.md"  # generated from mcdocgen/api.py (present.apidoc)
CONTRIBUTOR_PAGES = ("contributing.md", "reference.md", "course.md", API_PAGE, "code.md")
#: A section of its own: Material takes any index.md in a section as the section's own page.
SCHEMA = "The catalog schema"
SCHEMA_PAGES = ("schema/index.md", "schema/walkthrough.md")
RULES_PAGE = "identities.md"        # the rules, each at its anchor; the problem pages link there
OPERATIONS_PAGE = "problems/by-operation/index.md"
OPERATIONS_TITLE = "Problems by operation"
CHEAT_SHEET = "cheat-sheet/index.md"
CHEAT_SHEET_TITLE = "Cheat sheet"


def problem_path(view: ProblemView) -> str:
    """Where a problem's page is under docs/."""
    return f"problems/{slug(view.topic)}/{view.id}.md"


def topic_path(topic: str) -> str:
    """Where a topic's index page is under docs/."""
    return f"problems/{slug(topic)}/index.md"


def operation_path(page: OperationPage) -> str:
    return f"problems/by-operation/{page.slug}.md"


def operation_pages_of(views: Sequence[ProblemView]) -> list[OperationPage]:
    return operation_pages(Counter(op for v in views for op in v.operations))


def sheet_path(page: SheetPage) -> str:
    return f"cheat-sheet/{page.slug}.md"


@dataclass(frozen=True, slots=True)
class NavPage:
    path: str       # under docs/
    title: str      # as the page's front matter states it; "" where MkDocs reads it from a page not rendered here


@dataclass(frozen=True, slots=True)
class NavSection:
    title: str      # "" for pages at the top level of the navigation
    pages: tuple[NavPage | NavSection, ...]    # a section holds an index.md only as its first page

    def flat(self) -> list[NavPage]:
        """The pages in reading order, those of the sections inside included."""
        return [q for p in self.pages for q in (p.flat() if isinstance(p, NavSection) else [p])]


def by_topic(views: Sequence[ProblemView]) -> dict[str, list[ProblemView]]:
    """The problems of each topic in catalog order, topics in the teaching order (present.topics)."""
    return {g.topic: list(g.members) for part in in_teaching_order(views, topic_of) for g in part.topics}


def topic_of(view: ProblemView) -> str:
    return view.topic


def reading_order(views: Sequence[ProblemView]) -> tuple[NavSection, ...]:
    """The site's one reading order, the teaching order: Start here, Notation, the parts of
    present.topics, each a section of its topics (each topic: its index, then its problems in
    catalog order), then the topics of no part; the identities, handouts, tags (a section: the index,
    a page per tag) and the equations not yet derived, and last the contributors' pages. The sidebar
    and footer (:func:`mkdocs_nav`) and the links at the end of a problem page (:func:`neighbours`)
    both follow it. After the problems: the index by operation
    and the cheat sheet's pages."""
    def topic_section(g: TopicGroup[ProblemView]) -> NavSection:
        # every problem of the topic: each page's sidebar shows those near it (publish.sidebar)
        return NavSection(g.topic, (NavPage(topic_path(g.topic), g.topic),
                                    *(NavPage(problem_path(v), v.title) for v in g.members)))
    parts: list[NavSection] = []
    for part in in_teaching_order(views, topic_of):
        sections = tuple(topic_section(g) for g in part.topics)
        parts += [NavSection(part.part, sections)] if part.part else list(sections)
    return (
        NavSection("", (NavPage("index.md", START_TITLE), NavPage(NOTATION, ""))),
        *parts,
        NavSection(OPERATIONS_TITLE, (NavPage(OPERATIONS_PAGE, OPERATIONS_TITLE),
                                      *(NavPage(operation_path(p), p.title) for p in operation_pages_of(views)))),
        NavSection(CHEAT_SHEET_TITLE, (NavPage(CHEAT_SHEET, CHEAT_SHEET_TITLE),
                                       *(NavPage(sheet_path(p), p.title) for p in sheet_pages(views)))),
        NavSection("", tuple(NavPage(path, IDENTITIES_TITLE if path == "identities.md" else "")
                             for path in AFTER_PROBLEMS[:-1])),
        NavSection(TAGS_TITLE, (NavPage(TAGS_PAGE, TAGS_TITLE), *(NavPage(p.path, p.title) for p in tag_pages(views)))),
        NavSection("", (NavPage(NOT_DERIVED, ""),)),
        NavSection(CONTRIBUTORS, (*(NavPage(path, "") for path in CONTRIBUTOR_PAGES),
                                  NavSection(SCHEMA, tuple(NavPage(path, "") for path in SCHEMA_PAGES)))),
    )


NavItem = str | dict[str, list["NavItem"]]


def mkdocs_nav(order: Sequence[NavSection | NavPage]) -> list[NavItem]:
    """The order as MkDocs's ``nav:`` value: bare paths, so that each title is the page's own
    (its front matter); a topic's index page first in its section (``navigation.indexes``); a
    section's title escaped like a front-matter title (:func:`mcdocgen.escape.html_text`)."""
    nav: list[NavItem] = []
    for item in order:
        if isinstance(item, NavPage):
            nav.append(item.path)
        elif item.title:  # Material prints a section's title as raw HTML, as it does a page's
            nav.append({html_text(item.title): mkdocs_nav(item.pages)})
        else:
            nav.extend(mkdocs_nav(item.pages))
    return nav


def site_nav(views: Sequence[ProblemView]) -> list[NavItem]:
    """The navigation for publish.site.build_site."""
    return mkdocs_nav(reading_order(views))


def neighbours(order: Sequence[NavSection]) -> dict[str, tuple[NavPage | None, NavPage | None]]:
    """Each page's previous and next page in the reading order, as MkDocs's footer links them."""
    flat = [page for section in order for page in section.flat()]
    return {page.path: (flat[k - 1] if k > 0 else None, flat[k + 1] if k + 1 < len(flat) else None)
            for k, page in enumerate(flat)}
