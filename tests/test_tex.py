"""mcdocgen.publish.tex: the LaTeX jinja2 environment and the chain rule with its shapes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import jinja2
import pytest

from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.publish import tex as T

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def by_id():
    wanted = ("ex5-least-squares", "total-derivative")
    return {p.id: run_problem(p).view for p in load_catalog(ROOT / "derivations.yaml").problems if p.id in wanted}


def test_latex_environment_has_latex_safe_delimiters_and_strict_undefined():
    env = T.latex_environment()
    tpl = env.from_string(r"((= a comment =))((* if x *))\textbf{((( x )))}((* endif *)){{ y }}{% z %}{#1}")
    assert tpl.render(x="a") == r"\textbf{a}{{ y }}{% z %}{#1}"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("((( missing )))").render()


def test_shaped_chain_puts_each_factor_shape_under_its_factor(by_id):
    chain = by_id["ex5-least-squares"].results[0].layout("denominator").chain
    shaped = T.shaped_chain(chain)
    assert shaped.startswith(r"\underbrace{" + chain.lhs + "}_{(n, 1)} &= ")
    assert shaped.count(r"\underbrace") == 4
    for dims in ("(n, m)", "(m, m)", "(m, 1)"):
        assert "}_{" + dims + "}" in shaped
    two_paths = by_id["total-derivative"].results[0].layout("numerator").chain
    assert " + " in T.shaped_chain(two_paths)
    # read from the view's factors, not from its printed LaTeX: a changed string changes nothing
    assert T.shaped_chain(dataclasses.replace(chain, shapes="(n, 1) = (n, m)", symbolic="")) == shaped
    matrix_form = dataclasses.replace(chain, paths=())
    assert T.shaped_chain(matrix_form) == ""


def test_the_exercise_sheet_s_domain_sentence_ends_on_what_it_asks_for():
    """The page's words after a domain's conditions end on the Result it shows; the exercise sheet shows none, and
    said "the result holds there" (review s45): there the sentence ends on the derivative its task asks for."""
    assert T.DOMAIN_WHY.endswith("; the result holds there")    # the page's sentence, whose end the sheet's replaces
    assert T.DOMAIN_WHY_ASKED.startswith(T.DOMAIN_WHY.removesuffix("the result holds there"))
    assert T.DOMAIN_WHY_ASKED.endswith("; the derivative asked for holds there")
    assert "result" not in T.DOMAIN_WHY_ASKED
