"""mcdocgen.present.rulewords: a step cites its rules as prose does -- "by the quotient rule", "by the rule
*Trace*", "by the rules *A* and *B*" -- never "by the rule Quotient rule" (review s35 item 11), nor a bare title
"by the rule Identity" (review s36 C-14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.engine.rule_ids import RuleId
from mcdocgen.present.rulewords import by_rules, linked_rules, tex_rules
from mcdocgen.publish.render import render_page
from mcdocgen.publish.terminal import render_terminal
from mcdocgen.language import Layout

ROOT = Path(__file__).resolve().parent.parent


def test_a_rule_named_rule_reads_as_a_noun():
    assert by_rules([RuleId.QUOTIENT]) == "the quotient rule"
    assert by_rules([RuleId.SUM_RULE, RuleId.QUOTIENT]) == "the sum rule and the quotient rule"


def test_other_names_follow_the_rule_or_the_rules_set_apart_as_titles():
    assert by_rules([RuleId.TRACE]) == 'the rule "Trace"'
    assert by_rules([RuleId.VEC_LEFT, RuleId.VEC_TRANSPOSE]) == (
        'the rules "Matrix product, left factor (vec form)" and "Transpose (vec form)"')
    assert by_rules([RuleId.SUM_RULE, RuleId.IDENTITY]) == 'the sum rule and the rule "Identity"'
    assert tex_rules([RuleId.SQUARED_NORM]) == r"the rule \emph{Squared norm}"
    # more than two read as every list of the site does (present.facts.listed): commas, then "and"
    assert by_rules([RuleId.SUM_RULE, RuleId.QUOTIENT, RuleId.TRACE]) == (
        'the sum rule, the quotient rule and the rule "Trace"')


def test_each_name_is_linked_and_escaped_on_its_own():
    assert linked_rules([RuleId.QUOTIENT], "../i.md") == "the [quotient rule](../i.md#quotient-rule)"
    assert linked_rules([RuleId.VEC_LEFT, RuleId.VEC_TRANSPOSE], "i.md") == (
        "the rules *[Matrix product, left factor (vec form)](i.md#vec-left-factor)*"
        " and *[Transpose (vec form)](i.md#vec-transpose)*")
    assert tex_rules([RuleId.QUOTIENT]) == "the quotient rule"


@pytest.mark.parametrize(("pid", "words", "terminal"), [
    ("parr-vector-quotient", "by the [quotient rule]", "by the quotient rule"),
    ("cookbook-xta-by-matrix", "by the rules *[Matrix product, left factor (vec form)]", 'by the rules "Matrix product'),
    ("scalar-expansion", "by the rule *[Scalar expansion]", 'by the rule "Scalar expansion"'),     # a forward step
])
def test_one_step_pages_cite_their_rules_as_prose(pid, words, terminal):
    problem = next(p for p in load_catalog(ROOT / "derivations.yaml").problems if p.id == pid)
    view = run_problem(problem).view
    page = render_page("derivatives.md.j2", p=view, identities_url="../identities.md")
    assert words in page and "in one step by :" not in page
    assert not re.search(r"by the rule \*?\[[^]]* rule\]", page)       # "the rule [Quotient rule]"
    assert not re.search(r"by the rule \*?\[[^]]*\]\([^)]*\)\*? and", page)  # "the rule [A] and [B]"
    assert not re.search(r"by the rules? \[", page)                  # a bare title: "the rule [Identity]"
    assert terminal in render_terminal(view, Layout.NUMERATOR)
