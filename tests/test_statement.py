"""mcdocgen.present.statement: a problem set up in steps shows them in its Problem section (page and
handouts), so that every name its intermediates tables call "named in the problem" is met there first
(a review: ridge regression's r was nowhere on the page before the table); the function's own row says
"the function", whoever named it."""

from __future__ import annotations

import re

import pytest

from catalog_support import write
from mcdocgen.catalog import HandoutSpec, load_catalog
from mcdocgen.commands.pipeline import identity_views, run_catalog
from mcdocgen.present import origin as O
from mcdocgen.present.statement import LEAD
from mcdocgen.publish import handout as H
from mcdocgen.publish.render import render_site_pages

CATALOG = """\
problems:
  - id: ridge
    title: Ridge
    summary: One sentence.
    tags: [regression]
    source: test
    topic: Machine learning
    variables:
      X: {shape: [N, n]}
      y: {shape: [N]}
      w: {shape: [n]}
      lam: {shape: [], assume: [positive]}
    expression: "norm(X @ w - y)**2 / 2 + lam / 2 * norm(w)**2"
    wrt: [w]
    steps:
      - "r = X @ w - y"
      - "E = norm(r)**2 / 2 + lam / 2 * norm(w)**2"
  - id: one-step
    title: One step
    summary: One sentence.
    tags: [vector]
    source: test
    topic: Machine learning
    variables:
      x: {shape: [n]}
      A: {shape: [n, n]}
    expression: "x.T @ A @ x"
    wrt: [x]
    steps:
      - "q = x.T @ A @ x"
  - id: plain
    title: Plain
    summary: One sentence.
    tags: [vector]
    source: test
    topic: Machine learning
    variables:
      x: {shape: [n]}
      A: {shape: [n, n]}
    expression: "x.T @ A @ x"
    wrt: [x]
"""


@pytest.fixture(scope="module")
def derived(tmp_path_factory):
    catalog = load_catalog(write(tmp_path_factory.mktemp("statement"), CATALOG))
    views = [o.view for o in run_catalog(catalog, plots=False)]
    return catalog, {v.id: v for v in views}


def test_the_steps_are_the_problems_own_each_over_the_names_before_it(derived):
    _, views = derived
    assert views["ridge"].setup == (r"\mathbf{r} &= X \mathbf{w} - \mathbf{y}",
                                    r"E &= \frac{\left\lVert \mathbf{r} \right\rVert^{2}}{2}"
                                    r" + \frac{\lambda}{2}\,\left\lVert \mathbf{w} \right\rVert^{2}")
    # one step is the function itself, shown already; no steps: nothing to show
    assert views["one-step"].setup == () and views["plain"].setup == ()


def _problem_section(page: str) -> str:
    return page[page.index("## Problem"):page.index("Typed as")]


def test_every_name_the_table_calls_named_in_the_problem_is_in_its_problem_section(derived):
    catalog, views = derived
    pages = render_site_pages(catalog, list(views.values()), identity_views())
    ridge = next(text for path, text in pages.items() if path.endswith("/ridge.md"))
    section = _problem_section(ridge)
    assert section.index(LEAD) < section.index("| Variable |")
    named = re.findall(rf"^\| \$([^$]+)\$ \| .* \| {O.IN_CATALOG} \|$", ridge, re.MULTILINE)
    assert named == [r"\mathbf{r}"]
    assert all(rf"{n} &= " in section for n in named)
    # the function's row: the same words whoever named it (the problem's E, the page's f)
    assert re.search(rf"^\| \$E\$ \| .* \| {O.FUNCTION} \|$", ridge, re.MULTILINE)
    for pid in ("one-step", "plain"):
        page = next(text for path, text in pages.items() if path.endswith(f"/{pid}.md"))
        assert LEAD not in page and O.IN_CATALOG not in page
        assert re.search(rf"^\| \$[fq]\$ \| .* \| {O.FUNCTION} \|$", page, re.MULTILINE), pid


@pytest.mark.parametrize("edition", H.EDITIONS)
def test_a_handout_states_the_steps_under_the_function_in_either_edition(derived, edition):
    catalog, views = derived
    spec = HandoutSpec("h", "Steps", "", "", "", ("ridge", "plain"))
    tex = H.render_handout(spec, [views["ridge"], views["plain"]], edition, catalog.path)
    assert tex.count(LEAD) == 1
    statement = tex[tex.index(r"\mcfitline{E = "):]
    assert statement.index(LEAD) < statement.index(r"\mcfitline{\begin{aligned}\mathbf{r} &= X \mathbf{w} - \mathbf{y} \\ E &= ")
