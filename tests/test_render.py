"""Rendering: golden pages, byte-identical output across runs and hash seeds, plain-data templates."""

import dataclasses
import enum
import itertools
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import identity_views, run_catalog
from mcdocgen.present.cheatsheet import SHEET_ROWS, SHEETS, assumptions_latex, sheet_topics
from mcdocgen.present.lines import cell_tex
from mcdocgen.present.operations import OPERATION_ROWS
from mcdocgen.present.steps import ONE_LAYOUT_NOTE
from mcdocgen.publish.page import MARKER
from mcdocgen.publish.render import render_site_pages
from mcdocgen.publish.tag_pages import TAGS_PAGE, TAGS_TITLE

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SHEETS_TITLE = dict(SHEETS)

# A scalar problem, a vector chain, a matrix variable, a kink, and the matrix form of the chain rule.
GOLDEN_PAGES = {
    "scalar-chain": "problems/chain-rule/scalar-chain.md",
    "ex5-least-squares": "problems/chain-rule/ex5-least-squares.md",
    "log-determinant": "problems/determinants/log-determinant.md",
    "ex2-relu": "problems/scalar-derivatives/ex2-relu.md",
    "matrix-chain": "problems/chain-rule/matrix-chain.md",
    # the pages issue 13 names: numbers side by side, power rule, total derivative, symmetry step
    "ex3-gradient": "problems/scalar-by-vector/ex3-gradient.md",
    "ex4-dot-square": "problems/chain-rule/ex4-dot-square.md",
    "total-derivative": "problems/chain-rule/total-derivative.md",
    "quadratic-form-symmetric": "problems/linear-and-quadratic-forms/quadratic-form-symmetric.md",
    "neuron-activation": "problems/neural-networks/neuron-activation.md",
    "neuron-loss": "problems/neural-networks/neuron-loss.md",
}


@pytest.fixture(scope="module")
def pages():
    catalog = load_catalog(ROOT / "derivations.yaml")
    return render_site_pages(catalog, [o.view for o in run_catalog(catalog, 1)], identity_views())


@pytest.mark.parametrize("pid", sorted(GOLDEN_PAGES))
def test_golden_pages(pages, pid, update_golden):
    text = pages[GOLDEN_PAGES[pid]]
    golden = GOLDEN / f"{pid}.md"
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden file for {pid}: run pytest --update-golden and review the diff"
    assert text == golden.read_text(encoding="utf-8"), f"{pid} changed: review, then pytest --update-golden"


def test_every_problem_has_a_page_with_marker_and_front_matter(pages):
    catalog = load_catalog(ROOT / "derivations.yaml")
    problem_pages = [k for k in pages if k.startswith("problems/") and not k.endswith("index.md")
                     and not k.startswith("problems/by-operation/")]
    assert len(problem_pages) == len(catalog.problems)
    for key in problem_pages:
        text = pages[key]
        assert text.startswith("---\ntitle: ")
        assert MARKER in text
        # both layouts in tabs, or once where they agree (a scalar by a scalar)
        # (`===+`: the tab the page opens in, the source's layout)
        tabs = all(re.search(rf'===\+? "{name}"', text) for name in ("Numerator", "Denominator"))
        assert tabs or ONE_LAYOUT_NOTE in text


def test_pages_show_shapes_rules_kinks_and_checks(pages):
    lsq = pages[GOLDEN_PAGES["ex5-least-squares"]]
    assert r"(1, n) = (1, m)\allowbreak (m, m)\allowbreak (m, n)" in lsq    # factor shapes, as the notes write them
    assert "identities.md#squared-norm" in lsq
    relu = pages[GOLDEN_PAGES["ex2-relu"]]
    assert "Where it is not differentiable" in relu and r"s \in [0, 1]" in relu


_DUMP = """
import sys, hashlib
sys.path.insert(0, {root!r})
from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import identity_views, run_catalog
from mcdocgen.publish.render import render_site_pages
c = load_catalog({catalog!r})
pages = render_site_pages(c, [o.view for o in run_catalog(c, 2)], identity_views())
h = hashlib.sha256()
for k in sorted(pages):
    h.update(k.encode()); h.update(pages[k].encode())
print(h.hexdigest())
"""


def test_output_is_byte_identical_across_runs_and_hash_seeds():
    code = _DUMP.format(root=str(ROOT), catalog=str(ROOT / "derivations.yaml"))
    digests = set()
    for seed in ("0", "1", "12345"):
        proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr
        digests.add(proc.stdout.strip())
    assert len(digests) == 1


def test_templates_receive_plain_data_only():
    """Every leaf of the view records is a string (a StrEnum is one), number, bool or None: no SymPy objects."""
    from dataclasses import fields, is_dataclass

    catalog = load_catalog(ROOT / "derivations.yaml")
    views = [o.view for o in run_catalog(catalog, 1)]

    def leaves(value):
        if is_dataclass(value):
            for f in fields(value):
                yield from leaves(getattr(value, f.name))
        elif isinstance(value, (tuple, list)):
            for v in value:
                yield from leaves(v)
        else:
            yield value

    kinds = {str if isinstance(v, enum.StrEnum) else type(v) for view in views for v in leaves(view)}
    assert kinds <= {str, int, float, bool, type(None)}, kinds


def test_pages_handouts_and_terminal_never_show_a_measured_error():
    """Measured errors differ between processors and BLAS kernels: only the JSON report holds them."""
    from dataclasses import replace

    from mcdocgen.publish import handout as H
    from mcdocgen.engine.derive import derive
    from mcdocgen.language import Layout
    from mcdocgen.publish.terminal import render_terminal
    from mcdocgen.checks.verify import verify
    from mcdocgen.present.views import problem_view

    catalog = load_catalog(ROOT / "derivations.yaml")
    problems = [p for p in catalog.problems if p.id in GOLDEN_PAGES]

    def outputs(measured):
        views, derivations = [], []
        for p in problems:
            ds = [derive(p, w) for w in p.wrt]
            vs = [verify(p, d) for d in ds]
            vs = [replace(v, **{k: replace(c, max_rel_error=measured(c.max_rel_error)) for k, c in v.checks().items()
                                if c.max_rel_error is not None}) for v in vs]
            views.append(problem_view(p, ds, vs))
            derivations.append(ds)
        spec = H.HandoutSpec("h", "T", "C", "A", "D", tuple(p.id for p in problems))
        return (render_site_pages(catalog, views, identity_views()), [H.render_handout(spec, views, e) for e in H.EDITIONS],
                [render_terminal(v, Layout.DENOMINATOR) for v in views],
                [c.max_rel_error for v in views for r in v.results for c in r.checks])

    pages, handouts, terminal, errors = outputs(lambda e: e)
    pages2, handouts2, terminal2, errors2 = outputs(lambda e: e * 1.37 + 3e-17)
    assert errors != errors2           # the records differ ...
    assert (pages, handouts, terminal) == (pages2, handouts2, terminal2)   # ... and no output shows it


# ---------------------------------------------------------------- any text the loader accepts

TEXT_CATALOG = """\
problems:
  - id: any-text
    title: {title}
    summary: {summary}
    topic: {topic}
    tags: [{tags}]
    source: {source}
    variables:
      x: {{shape: [n]}}
    expression: "sum(x * x)"
    wrt: [x]
"""


@pytest.fixture(scope="module")
def text_view():
    """One derived problem's view: the examples below change only its text (deriving is not what is tested)."""
    from mcdocgen.catalog import load_catalog_bytes
    from mcdocgen.commands.pipeline import run_problem

    text = TEXT_CATALOG.format(title="T", summary="S", topic="General", tags="t", source="s")
    return run_problem(load_catalog_bytes(text.encode(), "c.yaml").problems[0]).view


def test_any_text_the_loader_accepts_gives_pages_the_site_build_accepts(text_view):
    """check and build agree for text: whatever text loads renders pages whose front matter the
    build's own check accepts and reads back as the (HTML-escaped) text, with no control character."""
    import dataclasses
    import re

    import yaml
    from hypothesis import example, given, settings, strategies as st

    from mcdocgen.catalog import load_catalog_bytes
    from mcdocgen.errors import CatalogError
    from mcdocgen.escape import html_text
    from mcdocgen.publish.handout import HandoutSpec, render_handout
    from mcdocgen.publish.navigation import problem_path
    from mcdocgen.publish.site import _check_inputs

    control = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
    words = st.text(st.characters(codec="utf-8"), min_size=1, max_size=12) | st.sampled_from(
        ["<script>", "</textarea>", "[a](javascript:x)", "\\input{x}", "$x$", "{{ x }}", "\x1b[31m", "---", "- ",
         "# ", "1. ", "!!! ", "=== ", "'", '"', "&amp;", "\U0001f600", "\u202e", "\x85", "\t", ": "])
    texts = st.lists(words, min_size=1, max_size=4).map("".join)

    def quoted(value: str) -> str:
        """``value`` as YAML writes it: escapes are code points (\\U0001F600), not JSON's UTF-16
        halves (which the loader refuses, as libyaml does): a text is refused for what it says only."""
        return yaml.safe_dump(value, default_style='"', width=float("inf")).rstrip("\n")

    @settings(max_examples=150, derandomize=True, deadline=None)
    @given(title=texts, summary=texts, topic=texts, tags=st.lists(texts, max_size=3), source=texts)
    @example(title="a lone \ud800", summary="S", topic="T", tags=[], source="s")  # not a character: refused
    def check(title, summary, topic, tags, source):
        text = TEXT_CATALOG.format(title=quoted(title), summary=quoted(summary), topic=quoted(topic),
                                   tags=", ".join(quoted(t) for t in tags), source=quoted(source))
        try:
            (p,) = load_catalog_bytes(text.encode("utf-8"), "c.yaml").problems
        except CatalogError:
            refused.append(text)
            return  # refused as bad input: build refuses it alike (the loader is shared)
        view = dataclasses.replace(text_view, title=p.title, summary=p.summary, topic=p.topic, tags=p.tags,
                                   source=p.source)
        pages = render_site_pages(load_catalog_bytes(text.encode("utf-8"), "c.yaml"), [view], identity_views())
        _check_inputs(pages, {})  # the build's own check of the pages (front matter, paths)
        page = pages[problem_path(view)]
        meta = yaml.safe_load(page.split("---\n")[1])
        assert (meta["title"], meta["description"]) == (html_text(p.title), html_text(p.summary))
        assert meta["tags"] == [html_text(t) for t in p.tags]
        tex = render_handout(HandoutSpec("h", title=p.title), [view], "solutions")
        for out in (*pages.values(), tex):
            assert not control.search(out)

    refused: list[str] = []
    check()
    assert 0 < len(refused) < 75, len(refused)  # most of the 150 examples load and were rendered


def test_check_details_are_markdown_text_in_the_checks_table(text_view):
    """A detail can quote catalog text (a failed expected): the table shows it, never acts on it."""
    import dataclasses

    from mcdocgen.catalog import load_catalog_bytes
    from mcdocgen.publish.navigation import problem_path

    hostile = "<script>alert(1)</script> [a](javascript:x) | *b*"
    (result, *rest) = text_view.results
    checks = tuple(dataclasses.replace(c, detail=hostile) for c in result.checks)
    view = dataclasses.replace(text_view, results=(dataclasses.replace(result, checks=checks), *rest))
    text = TEXT_CATALOG.format(title="T", summary="S", topic="General", tags="t", source="s")
    page = render_site_pages(load_catalog_bytes(text.encode(), "c.yaml"), [view], ())[problem_path(view)]
    rows = [line for line in page.splitlines() if "alert(1)" in line]
    assert len(rows) == len(checks)
    assert all("<script" not in row and "](" not in row and row.count("|") == 6 for row in rows)


# --- the reading order, the cheat sheet, the Notation page (issue 14) -----------------------------

from mcdocgen.publish import navigation as N, render as R  # noqa: E402
from mcdocgen.publish.page import (CONTRIBUTOR_BOOST, GLOSSARY_BOOST, LIST_BOOST, ORDER_BOOST,  # noqa: E402
                                   PROBLEM_BOOST, problem_boost)


def _view(pid: str, topic: str):
    """A problem's view with only what the reading order reads: id, title, topic."""
    from mcdocgen.present.views import ProblemView

    return ProblemView(pid, f"Title {pid}", "S.", (), "", topic, (), "", "", "f", (), True, ())


def test_reading_order_topics_in_order_of_their_first_problem_contributors_last():
    """Topics of no part (an instructor's own) keep catalog order, after the parts."""
    views = [_view("a1", "Vectors"), _view("b1", "Scalars"), _view("a2", "Vectors"), _view("c1", "Neural nets")]
    order = N.reading_order(views)
    assert [s.title for s in order] == ["", "Vectors", "Scalars", "Neural nets", N.OPERATIONS_TITLE, N.CHEAT_SHEET_TITLE, "",
                                        TAGS_TITLE, "", N.CONTRIBUTORS]
    paths = [p.path for s in order for p in s.flat()]
    assert paths == ["index.md", "notation.md",
                     "problems/vectors/index.md", "problems/vectors/a1.md", "problems/vectors/a2.md",
                     "problems/scalars/index.md", "problems/scalars/b1.md",
                     "problems/neural-nets/index.md", "problems/neural-nets/c1.md",
                     N.OPERATIONS_PAGE, N.CHEAT_SHEET, "identities.md", "handouts/index.md", TAGS_PAGE, N.NOT_DERIVED,
                     "contributing.md", "reference.md", "course.md", "api.md", "code.md", "schema/index.md", "schema/walkthrough.md"]

    # in a section an index.md comes first, if at all: Material makes any index.md its section's page
    def check(section: N.NavSection) -> None:
        for k, page in enumerate(section.pages):
            if isinstance(page, N.NavSection):
                check(page)
            elif page.path.endswith("index.md"):
                assert k == 0, (section.title, page.path)

    for section in order:
        if section.title:
            check(section)


def test_listed_topics_go_in_teaching_order_under_their_parts_and_others_last():
    from mcdocgen.present.topics import PARTS

    views = [_view("m1", "My topic"), _view("t1", "Traces"), _view("s1", "Scalar derivatives"),
             _view("c1", "Chain rule"), _view("t2", "Traces"), _view("n1", "Neural networks")]
    order = N.reading_order(views)
    parts = [(s.title, [t.title for t in s.pages]) for s in order[1:5]]
    assert parts == [(PARTS[0][0], ["Scalar derivatives", "Chain rule"]), (PARTS[1][0], ["Traces"]),
                     (PARTS[3][0], ["Neural networks"]), ("My topic", ["My topic", "Title m1"])]
    assert [v.id for v in N.by_topic(views)["Traces"]] == ["t1", "t2"]     # catalog order inside a topic
    nav = N.site_nav(views)
    assert list(nav[3]) == [PARTS[1][0]] and nav[3][PARTS[1][0]] == [
        {"Traces": ["problems/traces/index.md", "problems/traces/t1.md", "problems/traces/t2.md"]}]


def test_neighbours_follow_the_flattened_order_across_topics():
    views = [_view("a1", "Vectors"), _view("a2", "Vectors"), _view("b1", "Scalars")]
    around = N.neighbours(N.reading_order(views))
    prev, nxt = around["problems/vectors/a1.md"]
    assert (prev.path, prev.title) == ("problems/vectors/index.md", "Vectors")   # the topic's index
    assert nxt.path == "problems/vectors/a2.md"
    assert around["problems/vectors/a2.md"][1].path == "problems/scalars/index.md"  # the next topic
    assert around["problems/scalars/b1.md"][1] == N.NavPage(N.OPERATIONS_PAGE, N.OPERATIONS_TITLE)
    assert around["index.md"][0] is None and around["index.md"][1].path == "notation.md"
    assert around["schema/walkthrough.md"][1] is None


def test_the_mkdocs_nav_is_the_order_with_bare_paths():
    nav = N.site_nav([_view("a1", "Vectors"), _view("b1", "Scalars")])
    assert nav[:2] == ["index.md", "notation.md"]
    assert nav[2] == {"Vectors": ["problems/vectors/index.md", "problems/vectors/a1.md"]}
    assert nav[-5:-1] == ["identities.md", "handouts/index.md", {TAGS_TITLE: [TAGS_PAGE]}, N.NOT_DERIVED]
    assert nav[-1] == {N.CONTRIBUTORS: ["contributing.md", "reference.md", "course.md", "api.md", "code.md",
                                        {N.SCHEMA: ["schema/index.md", "schema/walkthrough.md"]}]}
    # a section's title is HTML-escaped, as MkDocs reads a page's title from its front matter
    (hostile,) = N.site_nav([_view("h1", '<b onmouseover="x">T</b>\x1b')])[2]
    assert hostile == '&lt;b onmouseover=&quot;x&quot;&gt;T&lt;/b&gt;\\x1b'


def test_a_large_topic_lists_all_its_problems_in_order():
    """Each page's sidebar shows only those near it (publish.sidebar); the navigation has them all."""
    views = [_view(f"a{k}", "Vectors") for k in range(40)] + [_view("b1", "Scalars")]
    order = N.reading_order(views)
    vectors, scalars = order[1], order[2]
    assert [p.path for p in vectors.pages] == ["problems/vectors/index.md", *(N.problem_path(v) for v in views[:-1])]
    assert scalars.pages == (N.NavPage("problems/scalars/index.md", "Scalars"), N.NavPage("problems/scalars/b1.md", "Title b1"))
    assert N.site_nav(views)[2]["Vectors"] == [p.path for p in vectors.pages]
    around = N.neighbours(order)
    assert around[N.problem_path(views[24])][1].path == N.problem_path(views[25])


def test_the_pages_around_the_problems_are_where_the_order_expects_them():
    from mcdocgen.commands.walkthrough import schema_section
    from mcdocgen.publish.handout import PAGE

    assert PAGE in N.AFTER_PROBLEMS
    assert set(schema_section()[0]) == set(N.SCHEMA_PAGES)
    from mcdocgen.publish.site import GENERATED

    hand_written = {p.name for p in (ROOT / "docs").glob("*.md") if p.name not in GENERATED}
    assert hand_written == {N.NOTATION, *N.CONTRIBUTOR_PAGES} - {N.API_PAGE}  # api.md: generated


@pytest.fixture(scope="module")
def views():
    catalog = load_catalog(ROOT / "derivations.yaml")
    return catalog, [o.view for o in run_catalog(catalog, 2)]


def test_problem_pages_link_their_neighbours_in_the_order_and_the_notation(views):
    from mcdocgen.escape import markdown_text

    catalog, vs = views
    pages = render_site_pages(catalog, vs, identity_views())
    around = N.neighbours(N.reading_order(vs))
    titles = {N.problem_path(v): R.title_markdown(v) for v in vs}
    for v in vs:
        path = N.problem_path(v)
        prev, nxt = around[path]
        last = pages[path].rstrip("\n").splitlines()[-2]  # the links; the last line marks them web-only
        p_title, n_title = (titles.get(x.path) or markdown_text(x.title) for x in (prev, nxt))
        assert last == (f"[← {p_title}]({R._rel(path, prev.path)}) · [{n_title} →]({R._rel(path, nxt.path)})"), path
        assert "[Notation](../../notation.md)" in pages[path] and "[cheat sheet](../../cheat-sheet/index.md)" in pages[path]
        assert f"search:\n  boost: {problem_boost(vs.index(v), len(vs))}\n" in pages[path]
    # the catalog's first problem weighs the most, the last the least; every one above the contributors' pages
    assert problem_boost(0, len(vs)) == PROBLEM_BOOST + ORDER_BOOST
    assert PROBLEM_BOOST < problem_boost(len(vs) - 1, len(vs)) < problem_boost(len(vs) - 2, len(vs))
    first_topic = N.reading_order(vs)[1].pages[0]
    assert f"**[Start here: {first_topic.title} →]({first_topic.pages[0].path})**" in pages["index.md"]


def test_the_cheat_sheet_lists_every_result_once_with_both_layouts_and_rules(views):
    catalog, vs = views
    idents = identity_views()
    sheets = R.cheat_sheet(vs, idents)
    assert [s["path"] for s in sheets] == [N.sheet_path(p) for p in R.sheet_pages(vs)]
    assert sheets[0]["path"] == "cheat-sheet/scalar-by-scalar.md" and sheets[-1]["hessians"]
    rows = [(s["path"], r) for s in sheets for r in s["rows"]]
    assert len(rows) == sum(1 for v in vs for r in v.results if r.derived)
    assert all(len(s["rows"]) <= SHEET_ROWS for s in sheets)
    anchors = {i.id for i in idents}
    for v in vs:
        for r in v.results:
            num, den = r.layout("numerator"), r.layout("denominator")
            _, row = next((p, x) for p, x in rows if x["url"] == R._rel(p, N.problem_path(v)) and x["wrt"] == r.wrt_latex
                             and x["numerator"] == cell_tex(num.chain.lhs, num.result.latex))
            assert row["denominator"] == cell_tex(den.chain.lhs, den.result.latex)
            assert row["rules"] and {x["id"] for x in row["rules"]} <= anchors
            assert "|" not in row["numerator"] + row["denominator"] + row["function"] + row["assume"]  # a table cell
            # tr(AX) by X has another answer where X is symmetric: the row says so
            # (each variable and assumption named; grouped, "A, X and B invertible", as test_cheatsheet tests)
            assert row["assume"] == assumptions_latex(v)
            assert all(x.latex in row["assume"] and a.replace("_", " ") in row["assume"] for x in v.variables for a in x.assume)
    lsq = next(p for p, r in rows if r["url"].endswith("/ex5-least-squares.md"))
    assert lsq == "cheat-sheet/scalar-by-vector.md"
    pages = render_site_pages(catalog, vs, idents)
    assert "## Squared norm {: #squared-norm }" in pages["identities.md"]
    assert all(s["path"] in pages and "](../identities.md#" in pages[s["path"]] for s in sheets)
    assert any(r["assume"] for _, r in rows)
    assert all(f", with ${r['assume']}$" in pages[p] for p, r in rows if r["assume"])
    assert all(f"]({s['path'].removeprefix('cheat-sheet/')})" in pages[N.CHEAT_SHEET] for s in sheets)


def test_a_cheat_sheet_page_holds_whole_topics_and_cuts_only_a_topic_longer_than_a_page(views):
    _, vs = views
    many = [dataclasses.replace(v, id=f"{v.id}-{k}") for k in range(4) for v in vs]
    pages, rows = R.sheet_pages(many), sheet_topics(many)
    assert any(p.continued for p in pages) and any(len(p.topics) > 1 for p in pages)
    for sid in dict.fromkeys(p.sheet for p in pages):
        on = [p for p in pages if p.sheet == sid]
        assert [p.slug for p in on] == [sid] + [f"{sid}-{k}" for k in range(2, len(on) + 1)]
        assert on[0].first == 0 and on[-1].last == len(rows[sid]) and all(a.last == b.first for a, b in itertools.pairwise(on))
        for p in on:
            assert 0 < p.last - p.first <= SHEET_ROWS and p.topics == tuple(dict.fromkeys(rows[sid][p.first:p.last]))
            assert (p.title == SHEETS_TITLE[sid]) == (len(on) == 1)
            assert len(on) == 1 or (p.topics[0] in p.title and p.topics[-1] in p.title)
        for a, b in itertools.pairwise(on):
            if b.continued:     # a topic longer than what was left of the page: the page is full
                assert a.topics[-1] == b.topics[0] and a.last - a.first == SHEET_ROWS and "continued" in b.title
            else:               # a whole topic that did not fit, and fits on a page, moved on
                run = rows[sid][b.first:].count(b.topics[0])
                assert a.topics[-1] != b.topics[0] and a.last - a.first + run > SHEET_ROWS >= run


def test_a_cheat_sheet_page_has_one_table_per_topic_and_the_first_page_links_each(views):
    catalog, vs = views
    sheets = R.cheat_sheet(vs, identity_views())
    pages = render_site_pages(catalog, vs, identity_views())
    # the table of contents shows: beside the page in the navigation (extra.css moves it there for an h1.mc-sheet
    # from 960px up, where a sidebar would narrow the tables), in the drawer on a phone
    assert "h1.mc-sheet" in (ROOT / "docs" / "stylesheets" / "extra.css").read_text(encoding="utf-8")
    for sh in sheets:
        assert "hide:" not in pages[sh["path"]] and pages[sh["path"]].count("{: .mc-sheet }") == 1
        assert [r for t in sh["tables"] for r in t["rows"]] == sh["rows"]
        assert all({r["topic"] for r in t["rows"]} == {t["topic"]} for t in sh["tables"])
        for t in sh["tables"]:
            assert f"## {t['topic']}" in pages[sh["path"]] and f"{{: #{t['anchor']} }}" in pages[sh["path"]]
            assert f"]({sh['path'].removeprefix('cheat-sheet/')}#{t['anchor']})" in pages[N.CHEAT_SHEET]


# Notable notation in the problem pages -> how the Notation page writes it (a regular expression).
NOTABLE = {r"\circ": r"\circ", r"\otimes": r"\otimes", r"\mathbf{1}": r"\mathbf{1}", r"H\left(": r"$H(z)$",
           r"\nabla^{2}": r"\nabla^{2}", r"^{\top}": r"^{\top}", r"\langle": r"\langle", r"\lVert": r"\lVert",
           r"\lvert": r"\lvert", r"\delta_": r"\delta_", r"\sigma\left(": r"\sigma(z)", r"\mathcal{K}_{": r"\mathcal{K}_{m,n}",
           r"\mathrm{d}": r"\mathrm{d}X", r"\text{ fixed}": r"\right\vert_{u \text{ fixed}}",
           r"\text{via }": r"\right\vert_{\text{via }", r"^{-1}": r"X^{-1}", r"^{-\top}": r"X^{-\top}",
           r"\det": r"\det", r"\ln": r"\ln", r"\max": r"\max", r"(\operatorname{vec}": r"(\operatorname{vec} X)^{\top}"}


def test_the_notation_page_explains_every_symbol_the_problem_pages_use(pages):
    import re

    notation = (ROOT / "docs" / N.NOTATION).read_text(encoding="utf-8")
    problems = "".join(text for key, text in pages.items() if key.startswith("problems/"))
    names = set(re.findall(r"\\operatorname\{([^}]+)\}", problems))
    assert {"diag", "tr", "vec", "sign", "softmax"} <= names
    missing = sorted(n for n in names if rf"\operatorname{{{n}}}" not in notation)
    assert missing == [], f"explain these on docs/notation.md: {missing}"
    used = [k for k in NOTABLE if k in problems]
    assert len(used) > 15
    assert [k for k in used if NOTABLE[k] not in notation] == []
    for anchor in ("layouts", "shapes", "total-and-partial", "subgradients", "second-derivatives"):
        assert f"{{: #{anchor} }}" in notation
    assert "## Two layouts" not in pages["index.md"] and "(notation.md#layouts)" in pages["index.md"]


def test_tags_are_for_students_and_contributor_pages_rank_below_problems(pages):
    import yaml as _yaml

    from mcdocgen.commands.walkthrough import schema_section

    def meta(text: str) -> dict:
        return _yaml.safe_load(text.split("---\n")[1])

    contributor = {p: (ROOT / "docs" / p).read_text(encoding="utf-8") for p in N.CONTRIBUTOR_PAGES if p != N.API_PAGE}
    contributor.update(schema_section()[0], **{N.API_PAGE: R.render_api_page()})
    for path, text in contributor.items():
        assert "tags" not in meta(text), path
        assert meta(text)["search"] == {"boost": CONTRIBUTOR_BOOST}, path
    assert CONTRIBUTOR_BOOST < 1 < PROBLEM_BOOST
    notation = meta((ROOT / "docs" / N.NOTATION).read_text(encoding="utf-8"))
    assert notation["search"] == {"boost": GLOSSARY_BOOST} and GLOSSARY_BOOST > PROBLEM_BOOST + ORDER_BOOST
    assert {"numerator layout", "denominator layout", "jacobian"} <= set(notation["tags"])
    from mcdocgen.publish.handout import handouts_page

    assert "tags" not in meta(handouts_page([], {}, {}, set()))


_ASCII_MATH = re.compile(r"\^T|@|\*\*|`")


def _outside_math(markdown: str) -> str:
    return re.sub(r"\$[^$]*\$", "", markdown)


def test_no_title_shows_ascii_math_in_pages_navigation_or_handouts(views):
    """Titles with math (present.titles): math in the pages, Unicode text in the navigation and the
    <title>, math mode in the handouts; never ^T, @, ** or backticks as text."""
    from mcdocgen.publish import handout as H

    catalog, vs = views
    assert any("`" in p.title for p in catalog.problems)    # the catalog does write math in titles
    pages = render_site_pages(catalog, vs, identity_views())
    for v in vs:
        assert not _ASCII_MATH.search(v.title), v.title    # nav, <title>, search, tags, review comments
        assert not _ASCII_MATH.search(_outside_math(R.title_markdown(v))), v.id
        front_title = pages[N.problem_path(v)].split("\n")[1]
        assert front_title.startswith("title: ") and not _ASCII_MATH.search(front_title), v.id
    chain = next(v for v in vs if v.id == "matrix-chain")
    assert "# Chain rule through $\\mathbf{f} = W^{\\top} \\mathbf{a}$ to a matrix of weights" in pages[N.problem_path(chain)]
    assert "Chain rule through f = Wᵀ a" in chain.title
    spec = H.HandoutSpec("h", "T", "", "", "", tuple(v.id for v in vs))
    tex = H.render_handout(spec, vs, "solutions")
    sections = re.findall(r"^\\section\{(.*)\}$", tex, re.M)
    assert len(sections) == len(vs)
    for line in sections:
        shown = line.split("}{", 1)[0] if line.startswith("\\texorpdfstring") else line
        assert not _ASCII_MATH.search(_outside_math(shown)) and "textasciicircum" not in shown, line
    assert r"\section{\texorpdfstring{Chain rule through $\mathbf{f} = W^{\top} \mathbf{a}$ to a matrix of weights}" \
           "{Chain rule through f = Wᵀ a to a matrix of weights}}" in tex


def test_the_index_by_operation_lists_each_problem_under_each_of_its_operations(views):
    from mcdocgen.present.operations import Operation

    catalog, vs = views
    pages = render_site_pages(catalog, vs, identity_views())
    index = pages[N.OPERATIONS_PAGE]
    for op in Operation:
        users = [v for v in vs if op in v.operations]
        assert (f"- [{op.value}]({op.anchor}.md): {len(users)} problem" in index) == (0 < len(users) <= OPERATION_ROWS)
    traces = [v.id for v in vs if Operation.TRACE in v.operations]
    assert {"trace-product", "gaussian-precision", "symmetric-trace"} <= set(traces) and len(traces) <= OPERATION_ROWS
    assert "search:\n  boost: 0.5\n" in pages["problems/by-operation/trace.md"] and LIST_BOOST == 0.5
    listed = pages["problems/by-operation/trace.md"].split("data-search-exclude>")[1]
    assert all(f"/{pid}.md)" in listed for pid in traces) and listed.count("\n- [") == len(traces)
    # every problem under each of its operations, once, on one of the operation's pages
    for op in Operation:
        lists = [text for path, text in pages.items() if re.fullmatch(rf"problems/by-operation/{op.anchor}(-\d+)?\.md", path)]
        assert sum(text.count("\n- [") for text in lists) == sum(op in v.operations for v in vs)
        assert all(text.count("\n- [") <= OPERATION_ROWS for text in lists)


def test_a_long_list_by_operation_goes_on_over_pages_of_at_most_operation_rows():
    from mcdocgen.present.operations import Operation, operation_pages

    pages = operation_pages({Operation.TRACE: 2 * OPERATION_ROWS + 1, Operation.NORM: 3})
    assert [(p.op, p.slug, p.first, p.last) for p in pages] == [
        (Operation.NORM, "norm", 0, 3), (Operation.TRACE, "trace", 0, OPERATION_ROWS),
        (Operation.TRACE, "trace-2", OPERATION_ROWS, 2 * OPERATION_ROWS),
        (Operation.TRACE, "trace-3", 2 * OPERATION_ROWS, 2 * OPERATION_ROWS + 1)]
    assert pages[0].title == "Norms" and pages[-1].title == f"Traces, {2 * OPERATION_ROWS + 1}\u2013{2 * OPERATION_ROWS + 1}"


def test_problem_pages_link_related_problems_and_the_home_page_groups_topics_in_parts(views):
    from mcdocgen.present.related import MAX_LINKED, difficulty
    from mcdocgen.present.related import related as related_links
    from mcdocgen.present.topics import PARTS

    catalog, vs = views
    pages = render_site_pages(catalog, vs, identity_views())
    det = pages["problems/determinants/determinant.md"]
    related = det.split("## Related problems")[1].split("\n---\n")[0]
    # the next harder problem is one of the same topic (a link within its folder), not easier
    harder = re.search(r"\*Next harder in Determinants:\* \[.*\]\(([a-z0-9-]+)\.md\)", related)
    assert harder is not None, related
    by_id = {v.id: v for v in vs}
    # never fewer steps or rules, a lower rank or no symmetry, on any page (a reader review found vec
    # forms leading to problems by a scalar, review s37 det(X^T A X) leading to det(X) + tr(AX)); no
    # hubs (c tanh(x) was named by 13 pages); the variants' chains (A symmetric, then A general)
    links = {pid: rel.next_harder for pid, rel in related_links(vs).items()}
    for v in vs:
        nxt = links[v.id]
        assert not nxt or difficulty(by_id[nxt]).at_least(difficulty(v)), v.id
    assert max(Counter(t for t in links.values() if t).values()) <= MAX_LINKED
    assert links["cookbook-trace-gram-ratio-shifted"] == "cookbook-trace-gram-ratio-shifted-general"
    assert links["cookbook-det-xtax-square"] == "cookbook-det-xtax-symmetric"
    assert links["cookbook-det-xtax-symmetric"] == "cookbook-det-xtax-general"
    assert related.count("\n- [") <= 5 and "(log-determinant.md)" in related.split("*Uses the same rule:*")[1]
    # one function stated twice by the Cookbook (eqs. 63 and 124): each page names the other at its top
    for page, other in (("traces/cookbook-trace-inverse", "inverses/cookbook-trace-a-inv-b"),
                        ("inverses/cookbook-trace-a-inv-b", "traces/cookbook-trace-inverse")):
        top = pages[f"problems/{page}.md"].split("## Problem")[0]
        assert "*The same function, on another page:* [" in top and f"](../{other}.md), in " in top, top
    home = pages["index.md"]
    heads = [f"### {part}" for part, _ in PARTS]
    assert [home.index(h) for h in heads] == sorted(home.index(h) for h in heads)
    assert home.index("[Scalar derivatives]") < home.index("[Chain rule]") < home.index("[Traces]")
