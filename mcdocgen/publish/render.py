"""Rendering: view records and plain data into the site's Markdown pages with jinja2 templates."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypedDict

import jinja2

from mcdocgen import API
from mcdocgen.catalog import Catalog
from mcdocgen.catalog import records as C
from mcdocgen.catalog.schema import LOADER_ONLY, SCHEMA_FILE
from mcdocgen.escape import front_matter as meta
from mcdocgen.escape import code_fence, markdown_code, markdown_text
from mcdocgen.present.apidoc import api_view
from mcdocgen.present.identities import IdentityView
from mcdocgen.present.sheet_notes import sheet_notes
from mcdocgen.present.cheatsheet import (HESSIANS, SHEETS, assumptions_latex, result_cell, sheet_of,
                                         sheet_pages, topic_tables)
from mcdocgen.present.related import related
from mcdocgen.present.rulewords import linked_rules
from mcdocgen.present.origin import HEADER as ORIGIN_HEADER
from mcdocgen.present.origin import origin
from mcdocgen.present.domain import WHY as DOMAIN_WHY
from mcdocgen.present.statement import LEAD as SETUP_LEAD
from mcdocgen.present.sources import Citation, Family, source_text, sources_view
from mcdocgen.present.titles import plain_math
from mcdocgen.present.topics import in_teaching_order
from mcdocgen.present.views import ProblemView
from mcdocgen.publish import paths
from mcdocgen.publish.archive import ARCHIVE, DOWNLOAD_ATTRIBUTE
from mcdocgen.publish.page import CONTRIBUTOR_BOOST, LIST_BOOST, MARKER, PROBLEM_BOOST, front_matter, problem_boost, tidy
from mcdocgen.publish.navigation import API_PAGE, CHEAT_SHEET, CHEAT_SHEET_TITLE, IDENTITIES_TITLE, NOT_DERIVED, \
    NOT_DERIVED_TITLE, NOTATION, OPERATIONS_PAGE, OPERATIONS_TITLE, RULES_PAGE, START_TITLE, NavPage, neighbours, \
    operation_pages_of, operation_path, problem_path, reading_order, sheet_path, topic_of, topic_path
from mcdocgen.publish.tag_pages import render_tag_pages

TEMPLATES = paths.templates()
# Both environments (Markdown here, LaTeX in publish/tex.py): a missing value is an error, never
# blank text, and whitespace is the template's own; escaping is explicit, by filter, per destination.
class TemplateOptions(TypedDict):
    loader: jinja2.BaseLoader
    undefined: type[jinja2.Undefined]
    keep_trailing_newline: bool
    trim_blocks: bool
    lstrip_blocks: bool
    autoescape: bool


TEMPLATE_OPTIONS = TemplateOptions(loader=jinja2.FileSystemLoader(str(TEMPLATES)), undefined=jinja2.StrictUndefined,
                                   keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, autoescape=False)


def markdown_environment() -> jinja2.Environment:
    """Templates for Markdown pages. Catalog text goes through a filter of :mod:`mcdocgen.escape`:
    ``md`` (inline text), ``code`` (a code span), ``meta`` (a front-matter value), ``fence``
    (a code block, for captured output); generated
    LaTeX and links are written as they are. Every page has ``marker``, ``front_matter``,
    ``problem_boost``, ``contributor_boost`` and ``list_boost`` (:mod:`mcdocgen.publish.page`)."""
    env = jinja2.Environment(**TEMPLATE_OPTIONS)
    env.filters.update(md=markdown_text, code=markdown_code, meta=meta, fence=code_fence, source_text=source_text,
                       plain_math=plain_math)
    env.globals.update(marker=MARKER, front_matter=front_matter,
                       problem_boost=PROBLEM_BOOST, contributor_boost=CONTRIBUTOR_BOOST, list_boost=LIST_BOOST)
    env.globals.update(offline={"href": ARCHIVE, "attribute": DOWNLOAD_ATTRIBUTE})  # the home page's download link
    env.globals.update(origin=origin, origin_header=ORIGIN_HEADER, setup_lead=SETUP_LEAD, domain_why=DOMAIN_WHY,
                       linked_rules=linked_rules)
    return env


def _link(from_page: str, page: NavPage | None, titles: dict[str, str]) -> dict[str, str] | None:
    """A footer-like link: the title as Markdown (``titles``: a problem's, by path, with its math;
    else the navigation's title, escaped)."""
    if page is None:
        return None
    if not page.title:  # a problem's neighbours are rendered here, so their titles are known
        raise ValueError(f"{from_page}: its neighbour {page.path} has no known title")
    return {"title": titles.get(page.path) or markdown_text(page.title), "url": _rel(from_page, page.path)}


def _rel(from_page: str, to_page: str) -> str:
    """A relative link between two docs/ paths, as MkDocs resolves them."""
    src = Path(from_page).parent.parts
    dst = Path(to_page).parts
    common = 0
    while common < len(src) and common < len(dst) - 1 and src[common] == dst[common]:
        common += 1
    return "/".join([".."] * (len(src) - common) + list(dst[common:]))


def title_markdown(view: ProblemView) -> str:
    """A problem's title as Markdown: its text escaped, its math spans (present.titles) as $...$."""
    if not view.title_spans:
        return markdown_text(view.title)
    out = []
    for span in view.title_spans:
        if span.latex:
            out.append(f"${span.latex}$")
        elif span.text.strip():  # escaped, the spaces around the math kept
            lead, trail = span.text[: len(span.text) - len(span.text.lstrip())], span.text[len(span.text.rstrip()):]
            out.append(f"{' ' if lead else ''}{markdown_text(span.text)}{' ' if trail else ''}")
        else:
            out.append(" ")
    return "".join(out)


def _entry(view: ProblemView, from_page: str) -> dict[str, str]:
    """A problem in a list: its title as Markdown, its link from ``from_page``, its summary."""
    return {"title": title_markdown(view), "url": _rel(from_page, problem_path(view)), "summary": view.summary}


def render_site_pages(catalog: Catalog, views: list[ProblemView], identities: Sequence[IdentityView],
                      opens: str = "") -> dict[str, str]:
    """Every generated page, keyed by its path under docs/; ``identities``: the rules' examples;
    ``opens``: the layout a problem page opens in where its problem names none (the course's)."""
    env = markdown_environment()
    pages: dict[str, str] = {}
    order = reading_order(views)
    around = neighbours(order)
    by_id = {v.id: v for v in views}
    links = related(views)
    titles = {problem_path(v): title_markdown(v) for v in views}
    position = {v.id: k for k, v in enumerate(views)}   # catalog order: the search's tie-break

    problem_tpl = env.get_template("problem.md.j2")
    for part in in_teaching_order(views, topic_of):
        for group in part.topics:
            topic, topic_page = group.topic, topic_path(group.topic)
            for v in group.members:
                path = problem_path(v)
                prev, nxt = around[path]
                rel = links[v.id]
                pages[path] = tidy(problem_tpl.render(
                    p=v, search_boost=problem_boost(position[v.id], len(views)),
                    title=title_markdown(v), topic=topic, topic_url=_rel(path, topic_page),
                    identities_url=_rel(path, RULES_PAGE), notation_url=_rel(path, NOTATION),
                    cheat_sheet_url=_rel(path, CHEAT_SHEET), prev=_link(path, prev, titles), next=_link(path, nxt, titles),
                    same_rule=[_entry(by_id[pid], path) for pid in rel.same_rule],
                    next_harder=_entry(by_id[rel.next_harder], path) if rel.next_harder else None,
                    same_function=[_entry(by_id[pid], path) | {"topic": by_id[pid].topic, "source": by_id[pid].source}
                                   for pid in rel.same_function],
                    course_layout=opens,
                ))
            pages[topic_page] = tidy(env.get_template("topic.md.j2").render(
                topic=topic, part=part.part, problems=[_entry(v, topic_page) for v in group.members]))

    parts = in_teaching_order(views, topic_of)
    pages["index.md"] = tidy(env.get_template("index.md.j2").render(
        title=START_TITLE, count=len(views), operations_url=OPERATIONS_PAGE, cheat_sheet_url=CHEAT_SHEET,
        parts=[{"name": part.part, "topics": [{"name": g.topic, "url": topic_path(g.topic),
                                               "problems": [_entry(v, "index.md") for v in g.members]}
                                              for g in part.topics]} for part in parts],
    ))
    index, lists = by_operation(views)
    pages[OPERATIONS_PAGE] = tidy(env.get_template("operations.md.j2").render(
        title=OPERATIONS_TITLE, operations=index))
    for path, page in lists.items():
        pages[path] = tidy(env.get_template("operation.md.j2").render(
            page=page, home_url=_rel(path, OPERATIONS_PAGE)))
    sheets = cheat_sheet(views, identities)
    pages[CHEAT_SHEET] = tidy(env.get_template("cheatsheet.md.j2").render(
        title=CHEAT_SHEET_TITLE, sheets=[{"title": sh["title"], "url": _rel(CHEAT_SHEET, sh["path"]), "count": sh["count"],
                                          "tables": sh["tables"]} for sh in sheets], rules_url=_rel(CHEAT_SHEET, RULES_PAGE)))
    for sh in sheets:
        pages[sh["path"]] = tidy(env.get_template("cheatsheet_table.md.j2").render(
            sheet=sh, rules_url=_rel(sh["path"], RULES_PAGE), home_url=_rel(sh["path"], CHEAT_SHEET)))
    pages[RULES_PAGE] = tidy(env.get_template("identities.md.j2").render(
        title=IDENTITIES_TITLE, identities=_identity_rows(views, identities), cheat_sheet_url=CHEAT_SHEET))
    pages[NOT_DERIVED] = tidy(env.get_template("not_derived.md.j2").render(
        title=NOT_DERIVED_TITLE, cookbook=Family.COOKBOOK, shown=COOKBOOK_LINKS, view=sources_view(
            [(v.source, Citation(title_markdown(v), _rel(NOT_DERIVED, problem_path(v)))) for v in views],
            catalog.not_derived)))
    pages[API_PAGE] = render_api_page()
    pages.update(render_tag_pages(env, views, problem_path, _rel))
    return pages


class OperationEntry(TypedDict):
    """An operation on the index's first page: its pages, each a range of its problems (title, url)."""
    name: str
    count: int
    pages: list[dict[str, str]]


class OperationList(TypedDict):
    """A page of an operation's problems (each as :func:`_entry` gives it)."""
    title: str
    name: str
    listed: str
    count: int
    first: int
    problems: list[dict[str, str]]


def by_operation(views: Sequence[ProblemView]) -> tuple[list[OperationEntry], dict[str, OperationList]]:
    """The index by operation: its first page, each operation any problem uses with its count and
    pages; and each page of an operation's problems, in teaching order, by path."""
    ordered = [v for part in in_teaching_order(views, topic_of) for g in part.topics for v in g.members]
    index: dict[str, OperationEntry] = {}
    lists: dict[str, OperationList] = {}
    for p in operation_pages_of(views):
        path = operation_path(p)
        users = [v for v in ordered if p.op in v.operations]
        entry = index.setdefault(p.op.value, {"name": p.op.value, "count": len(users), "pages": []})
        entry["pages"].append({"title": f"{p.first + 1}\u2013{p.last}", "url": _rel(OPERATIONS_PAGE, path)})
        lists[path] = {"title": f"By operation: {p.title}", "name": p.op.value, "listed": p.op.listed, "count": len(users),
                       "first": p.first,
                       "problems": [_entry(v, path) for v in users[p.first:p.last]]}
    return list(index.values()), lists


# --- the cheat sheet ----------------------------------------------------------------------------

class SheetRow(TypedDict):
    """A result in the cheat sheet: both layouts' cells, linked to its page and its rules (id, name)."""
    function: str
    wrt: str
    assume: str
    numerator: str
    denominator: str
    numerator_shape: str
    denominator_shape: str
    title: str
    url: str
    topic: str
    rules: list[dict[str, str]]


class Sheet(TypedDict):
    """A page of the cheat sheet: its rows, and as tables by topic (present.cheatsheet.topic_tables)."""
    title: str
    path: str
    count: int
    rows: list[SheetRow]
    hessians: bool
    tables: list[dict[str, Any]]
    kind: str
    notes: tuple[str, ...]


def cheat_sheet(views: Sequence[ProblemView], identities: Sequence[IdentityView]) -> list[Sheet]:
    """The cheat sheet's table pages: every derived result of the catalog, by the kind of function
    and of variable (:data:`SHEETS`; problems in teaching order; :func:`sheet_pages`), second
    derivatives on pages of their own; both layouts side by side, each row linked to its page and
    rules. The same view records as the problem pages."""
    names = {i.id: i.name for i in identities}
    pages = sheet_pages(views)
    groups: dict[str, list[SheetRow]] = {}
    ordered = [v for part in in_teaching_order(views, topic_of) for g in part.topics for v in g.members]
    for v in ordered:
        for r in v.results:
            if not r.derived:
                continue
            num, den = r.layout("numerator"), r.layout("denominator")
            rows = groups.setdefault(sheet_of(v, r), [])
            page = next(p for p in pages if p.sheet == sheet_of(v, r) and p.first <= len(rows) < p.last)
            rows.append({
                "function": f"{v.function_latex} = {v.expression_latex}", "wrt": r.wrt_latex, "assume": assumptions_latex(v),
                "numerator": result_cell(r, "numerator"), "denominator": result_cell(r, "denominator"),
                "numerator_shape": num.result.shape, "denominator_shape": den.result.shape,
                "title": title_markdown(v), "url": _rel(sheet_path(page), problem_path(v)), "topic": v.topic,
                "rules": [{"id": rule, "name": names.get(rule, rule)} for rule in dict.fromkeys(x.rule for x in num.locals)]})
    return [{"title": p.title, "path": sheet_path(p), "count": p.last - p.first, "rows": groups[p.sheet][p.first:p.last],
             "hessians": p.sheet == HESSIANS, "tables": topic_tables(groups[p.sheet][p.first:p.last], p.continued),
             "kind": dict(SHEETS)[p.sheet], "notes": sheet_notes(c for row in groups[p.sheet][p.first:p.last]
                                                                       for c in (row["numerator"], row["denominator"]))}
            for p in pages]


#: A Cookbook equation's row of the "Not yet derived" page links at most this many of the problems
#: that derive it (the rest are counted): the table grew with the catalog (784 KB at 1,000 problems).
COOKBOOK_LINKS = 3
#: A rule's "Used in" list names at most this many problems (the rest are counted): a rule such as
#: the matrix product's is used by most of a large catalog.
USED_IN = 8


class IdentityRow(TypedDict):
    identity: IdentityView
    problems: list[dict[str, str]]  # the first USED_IN problems that use it, each as _entry gives it
    more: int


def _identity_rows(views: list[ProblemView], identities: Sequence[IdentityView]) -> list[IdentityRow]:
    """Every rule's identity (derived from its example by the engine), with the problems that use it."""
    used: dict[str, list[ProblemView]] = {}
    for v in views:
        for rule in v.rules:
            used.setdefault(rule, []).append(v)
    return [{"identity": ident, "problems": [_entry(v, RULES_PAGE) for v in used.get(ident.id, [])[:USED_IN]],
             "more": max(0, len(used.get(ident.id, [])) - USED_IN)}
            for ident in identities]


def render_derivatives(view: ProblemView) -> str:
    """The derivation part of a problem's page (its sections per wrt variable), as on the site."""
    template = markdown_environment().get_template("derivatives.md.j2")
    return tidy(template.render(p=view, identities_url=_rel(problem_path(view), "identities.md")))


def render_page(template: str, **context: object) -> str:
    """A page of its own (not one per problem) from ``template`` and plain data."""
    return tidy(markdown_environment().get_template(template).render(**context))


def render_api_page() -> str:
    """The Python API's reference page, from the source of mcdocgen/api.py (read, not imported: the
    API is a later layer) and the names ``from mcdocgen import`` offers."""
    source = (paths.PACKAGE / "api.py").read_text(encoding="utf-8")
    return render_page("api.md.j2", api=api_view(source, "mcdocgen.api", API),
                       import_line=f"from mcdocgen import {', '.join(API)}")


def render_schema_page() -> str:
    """The schema/ section's index: the catalog schema's file and what only the loader finds."""
    return render_page("schema.md.j2", schema_file=SCHEMA_FILE, loader_only=list(LOADER_ONLY),
                       max_shape_sizes=C.MAX_SHAPE_SIZES, min_size=C.MIN_SIZE, max_size=C.MAX_SIZE)
