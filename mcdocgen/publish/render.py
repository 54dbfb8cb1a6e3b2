"""Rendering: view records and plain data into the site's Markdown pages with jinja2 templates."""

from __future__ import annotations

from pathlib import Path
from collections.abc import Sequence

import jinja2

from mcdocgen.catalog import Catalog, slug
from mcdocgen.catalog import records as C
from mcdocgen.catalog.schema import LOADER_ONLY, SCHEMA_FILE
from mcdocgen.escape import front_matter as meta
from mcdocgen.escape import code_fence, markdown_code, markdown_text
from mcdocgen.present.identities import IdentityView
from mcdocgen.present.views import ProblemView
from mcdocgen.publish.archive import ARCHIVE, DOWNLOAD_ATTRIBUTE
from mcdocgen.publish.page import MARKER, front_matter, tidy

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
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
    LaTeX and links are written as they are. Every page has ``marker`` and ``front_matter``
    (:mod:`mcdocgen.publish.page`)."""
    env = jinja2.Environment(**TEMPLATE_OPTIONS)
    env.filters.update(md=markdown_text, code=markdown_code, meta=meta, fence=code_fence)
    env.globals.update(marker=MARKER, front_matter=front_matter)
    env.globals.update(offline={"href": ARCHIVE, "attribute": DOWNLOAD_ATTRIBUTE})  # the home page's download link
    return env


def problem_path(view: ProblemView) -> str:
    """Where a problem's page is under docs/."""
    return f"problems/{slug(view.topic)}/{view.id}.md"


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
    topics: dict[str, list[ProblemView]] = {}
    for v in views:
        topics.setdefault(v.topic, []).append(v)

    problem_tpl = env.get_template("problem.md.j2")
    for topic, members in topics.items():
        topic_page = f"problems/{slug(topic)}/index.md"
        for k, v in enumerate(members):
            path = problem_path(v)
            prev = members[k - 1] if k > 0 else None
            nxt = members[k + 1] if k + 1 < len(members) else None
            pages[path] = tidy(problem_tpl.render(
                p=v, topic=topic, topic_url=_rel(path, topic_page),
                identities_url=_rel(path, "identities.md"),
                prev={"title": prev.title, "url": _rel(path, problem_path(prev))} if prev else None,
                next={"title": nxt.title, "url": _rel(path, problem_path(nxt))} if nxt else None,
            ))
        pages[topic_page] = tidy(env.get_template("topic.md.j2").render(
            topic=topic,
            problems=[{"title": v.title, "url": _rel(topic_page, problem_path(v)), "summary": v.summary}
                      for v in members],
        ))

    pages["index.md"] = tidy(env.get_template("index.md.j2").render(
        count=len(views),
        topics=[{"name": t, "url": f"problems/{slug(t)}/index.md",
                 "problems": [{"title": v.title, "url": problem_path(v), "summary": v.summary} for v in members]}
                for t, members in topics.items()],
    ))
    pages["identities.md"] = tidy(env.get_template("identities.md.j2").render(
        identities=_identity_rows(views, identities)))
    return pages


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
