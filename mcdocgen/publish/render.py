"""Rendering: view records and plain data into the site's Markdown pages with jinja2 templates."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

from mcdocgen.catalog import Catalog, slug
from mcdocgen.catalog import records as C
from mcdocgen.catalog.schema import LOADER_ONLY, SCHEMA_FILE
from mcdocgen.escape import front_matter as meta
from mcdocgen.escape import code_fence, html_text, markdown_code, markdown_text
from mcdocgen.present.identities import IdentityView
from mcdocgen.present.views import ProblemView
from mcdocgen.publish import paths
from mcdocgen.publish.archive import ARCHIVE, DOWNLOAD_ATTRIBUTE
from mcdocgen.publish.page import CONTRIBUTOR_BOOST, MARKER, PROBLEM_BOOST, front_matter, tidy

TEMPLATES = paths.templates()
# Both environments (Markdown here, LaTeX in publish/tex.py): a missing value is an error, never
# blank text, and whitespace is the template's own; escaping is explicit, by filter, per destination.
TEMPLATE_OPTIONS = {
    "loader": jinja2.FileSystemLoader(str(TEMPLATES)),
    "undefined": jinja2.StrictUndefined,
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "autoescape": False,
}


def markdown_environment() -> jinja2.Environment:
    """Templates for Markdown pages. Catalog text goes through a filter of :mod:`mcdocgen.escape`:
    ``md`` (inline text), ``code`` (a code span), ``meta`` (a front-matter value), ``fence``
    (a code block, for captured output); generated
    LaTeX and links are written as they are. Every page has ``marker``, ``front_matter``,
    ``problem_boost`` and ``contributor_boost`` (:mod:`mcdocgen.publish.page`)."""
    env = jinja2.Environment(**TEMPLATE_OPTIONS)
    env.filters.update(md=markdown_text, code=markdown_code, meta=meta, fence=code_fence)
    env.globals.update(marker=MARKER, front_matter=front_matter,
                       problem_boost=PROBLEM_BOOST, contributor_boost=CONTRIBUTOR_BOOST)
    env.globals.update(offline={"href": ARCHIVE, "attribute": DOWNLOAD_ATTRIBUTE})  # the home page's download link
    return env


def problem_path(view: ProblemView) -> str:
    """Where a problem's page is under docs/."""
    return f"problems/{slug(view.topic)}/{view.id}.md"


def topic_path(topic: str) -> str:
    """Where a topic's index page is under docs/."""
    return f"problems/{slug(topic)}/index.md"


# --- the reading order --------------------------------------------------------------------------

START_TITLE = "Start here"      # the home page's title in the navigation and the footer
IDENTITIES_TITLE = "Identities"
CONTRIBUTORS = "For contributors"
NOTATION = "notation.md"
#: Pages around the problems, under docs/. The Handouts page is publish.handout.PAGE and the schema
#: pages come from commands.walkthrough (a test checks both); the rest are hand-written.
AFTER_PROBLEMS = ("identities.md", "handouts/index.md", "tags.md")
CONTRIBUTOR_PAGES = ("contributing.md", "reference.md", "course.md", "code.md")
#: A section of its own: Material takes any index.md in a section as the section's own page.
SCHEMA = "The catalog schema"
SCHEMA_PAGES = ("schema/index.md", "schema/walkthrough.md")
#: At most this many problems side by side in the sidebar: a larger topic is split into groups of
#: consecutive problems ("Problems 26–50"). With navigation.prune a page's sidebar holds only its
#: own group, so its size does not grow with the catalog, and nor does each page.
SIDEBAR_PROBLEMS = 25


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
    """The problems of each topic in catalog order, topics in order of their first problem."""
    topics: dict[str, list[ProblemView]] = {}
    for v in views:
        topics.setdefault(v.topic, []).append(v)
    return topics


def reading_order(views: Sequence[ProblemView]) -> tuple[NavSection, ...]:
    """The site's one reading order, the teaching order: Start here, Notation, each topic (its index,
    then its problems in catalog order; topics in order of their first problem in the catalog), the
    identities, handouts and tags, and last the contributors' pages. The sidebar and footer
    (:func:`mkdocs_nav`) and the links at the end of a problem page (:func:`neighbours`) both follow it."""
    topics = by_topic(views)
    return (
        NavSection("", (NavPage("index.md", START_TITLE), NavPage(NOTATION, ""))),
        *(NavSection(topic, (NavPage(topic_path(topic), topic),
                             *_grouped([NavPage(problem_path(v), v.title) for v in members])))
          for topic, members in topics.items()),
        NavSection("", tuple(NavPage(path, IDENTITIES_TITLE if path == "identities.md" else "")
                             for path in AFTER_PROBLEMS)),
        NavSection(CONTRIBUTORS, (*(NavPage(path, "") for path in CONTRIBUTOR_PAGES),
                                  NavSection(SCHEMA, tuple(NavPage(path, "") for path in SCHEMA_PAGES)))),
    )


def _grouped(pages: list[NavPage]) -> list[NavPage] | list[NavSection]:
    """A topic's problem pages, or, past :data:`SIDEBAR_PROBLEMS`, groups of them in order."""
    if len(pages) <= SIDEBAR_PROBLEMS:
        return pages
    return [NavSection(f"Problems {k + 1}\u2013{min(k + SIDEBAR_PROBLEMS, len(pages))}",
                       tuple(pages[k : k + SIDEBAR_PROBLEMS]))
            for k in range(0, len(pages), SIDEBAR_PROBLEMS)]


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


def _link(from_page: str, page: NavPage | None) -> dict[str, str] | None:
    if page is None:
        return None
    if not page.title:  # a problem's neighbours are rendered here, so their titles are known
        raise ValueError(f"{from_page}: its neighbour {page.path} has no known title")
    return {"title": page.title, "url": _rel(from_page, page.path)}


def _rel(from_page: str, to_page: str) -> str:
    """A relative link between two docs/ paths, as MkDocs resolves them."""
    src = Path(from_page).parent.parts
    dst = Path(to_page).parts
    common = 0
    while common < len(src) and common < len(dst) - 1 and src[common] == dst[common]:
        common += 1
    return "/".join([".."] * (len(src) - common) + list(dst[common:]))


def render_site_pages(catalog: Catalog, views: list[ProblemView], identities: Sequence[IdentityView]) -> dict[str, str]:
    """Every generated page, keyed by its path under docs/; ``identities``: the rules' examples."""
    env = markdown_environment()
    pages: dict[str, str] = {}
    topics = by_topic(views)
    around = neighbours(reading_order(views))

    problem_tpl = env.get_template("problem.md.j2")
    for topic, members in topics.items():
        topic_page = topic_path(topic)
        for v in members:
            path = problem_path(v)
            prev, nxt = around[path]
            pages[path] = tidy(problem_tpl.render(
                p=v, topic=topic, topic_url=_rel(path, topic_page),
                identities_url=_rel(path, "identities.md"), notation_url=_rel(path, NOTATION),
                prev=_link(path, prev), next=_link(path, nxt),
            ))
        pages[topic_page] = tidy(env.get_template("topic.md.j2").render(
            topic=topic,
            problems=[{"title": v.title, "url": _rel(topic_page, problem_path(v)), "summary": v.summary}
                      for v in members],
        ))

    pages["index.md"] = tidy(env.get_template("index.md.j2").render(
        title=START_TITLE, count=len(views),
        topics=[{"name": t, "url": topic_path(t),
                 "problems": [{"title": v.title, "url": problem_path(v), "summary": v.summary} for v in members]}
                for t, members in topics.items()],
    ))
    pages["identities.md"] = tidy(env.get_template("identities.md.j2").render(
        title=IDENTITIES_TITLE, groups=cheat_sheet(views, identities), identities=_identity_rows(views, identities)))
    return pages


# --- the cheat sheet ----------------------------------------------------------------------------

KINDS = ("scalar", "vector", "matrix")
_FUNCTION_KIND = {"scalar": "Scalar function", "vector": "Vector function", "matrix": "Matrix function"}
HESSIANS = "hessians"


def _function_kind(shape: tuple[str, ...]) -> str:
    """ResultView.function_shape: () a scalar, (n,) a column, (r, c) a matrix unless one side is 1."""
    if not shape:
        return "scalar"
    return "vector" if len(shape) == 1 or "1" in shape else "matrix"


def cheat_sheet(views: Sequence[ProblemView], identities: Sequence[IdentityView]) -> list[dict]:
    """The identities page's tables: every derived result of the catalog, grouped by the variable's
    kind and then the function's, both layouts side by side, each row linked to its page and rules;
    second derivatives in a table of their own. The same view records as the problem pages."""
    names = {i.id: i.name for i in identities}
    groups: dict[tuple[str, str], list[dict]] = {}
    for v in views:
        kinds = {x.name: x.kind for x in v.variables}
        for r in v.results:
            if not r.derived:
                continue
            num, den = r.layout("numerator"), r.layout("denominator")
            rules = dict.fromkeys(local.rule for local in num.locals)
            row = {"function": f"{v.function_latex} = {v.expression_latex}", "wrt": r.wrt_latex,
                   "numerator": f"{num.chain.lhs} = {num.result.latex}",
                   "denominator": f"{den.chain.lhs} = {den.result.latex}",
                   "numerator_shape": num.result.shape, "denominator_shape": den.result.shape,
                   "title": v.title, "url": problem_path(v),
                   "rules": [{"id": rule, "name": names.get(rule, rule)} for rule in rules]}
            key = (HESSIANS, "") if r.order > 1 else (kinds[r.wrt], _function_kind(r.function_shape))
            groups.setdefault(key, []).append(row)
    out = []
    for wrt in KINDS:
        parts = [{"id": f"{f}-by-{wrt}", "title": f"{_FUNCTION_KIND[f]} of a {wrt}", "rows": groups[(wrt, f)]}
                 for f in KINDS if (wrt, f) in groups]
        if parts:
            out.append({"id": f"by-{wrt}", "title": f"By a {wrt}", "parts": parts})
    if (HESSIANS, "") in groups:
        out.append({"id": HESSIANS, "title": "Second derivatives (Hessians)",
                    "parts": [{"id": "", "title": "", "rows": groups[(HESSIANS, "")]}]})
    return out


def _identity_rows(views: list[ProblemView], identities: Sequence[IdentityView]) -> list[dict]:
    """Every rule's identity (derived from its example by the engine), with the problems that use it."""
    used: dict[str, list[ProblemView]] = {}
    for v in views:
        for rule in v.rules:
            used.setdefault(rule, []).append(v)
    return [{"identity": ident,
             "problems": [{"title": v.title, "url": problem_path(v)} for v in used.get(ident.id, [])]}
            for ident in identities]


def render_derivatives(view: ProblemView) -> str:
    """The derivation part of a problem's page (its sections per wrt variable), as on the site."""
    template = markdown_environment().get_template("derivatives.md.j2")
    return tidy(template.render(p=view, identities_url=_rel(problem_path(view), "identities.md")))


def render_page(template: str, **context: object) -> str:
    """A page of its own (not one per problem) from ``template`` and plain data."""
    return tidy(markdown_environment().get_template(template).render(**context))


def render_schema_page() -> str:
    """The schema/ section's index: the catalog schema's file and what only the loader finds."""
    return render_page("schema.md.j2", schema_file=SCHEMA_FILE, loader_only=list(LOADER_ONLY),
                       max_shape_sizes=C.MAX_SHAPE_SIZES, min_size=C.MIN_SIZE, max_size=C.MAX_SIZE)
