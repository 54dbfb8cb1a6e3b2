"""The words a step's rules are cited by: "by the quotient rule", "by the rule *Trace*", "by the rules
*Transpose* and *Vec*". One home, so the site, the handouts, the slides and the terminal word it alike.

A name that is not "... rule" is a title (the Identities page's heading), set apart as one: italic on the
site and in LaTeX, quoted in plain text. Bare, "by the rule Identity" or "by the rule Squared norm" read as
a misprint, and a list of names with commas of their own ("Matrix product, left factor (vec form) and
Transpose (vec form)") ran together (review s36 C-14)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mcdocgen.engine import IDENTITIES
from mcdocgen.escape import tex_text
from mcdocgen.engine.rule_ids import RuleId
from mcdocgen.present.facts import listed

_SUFFIX = " rule"


def _plain(_rule: str, words: str) -> str:
    return words


def _quoted(words: str) -> str:
    return f'"{words}"'


def by_rules(rules: Sequence[str], shown: Callable[[str, str], str] = _plain,
             titled: Callable[[str], str] = _quoted) -> str:
    """``the quotient rule`` or ``the rule "Trace"`` or ``the rules "A" and "B"`` for rule ids ``rules``;
    ``shown(rule id, words)`` writes each name (a link, an escape), ``titled`` sets a title apart. A name
    that is itself "... rule" reads as a noun ("the sum rule"); the others are titles, so "the rule(s)"
    goes before them."""
    nouns, names = [], []
    for rule in rules:
        name = IDENTITIES[RuleId(rule)].name
        if name.endswith(_SUFFIX):     # "Quotient rule": lower-case, as prose writes a rule's kind
            nouns.append("the " + shown(rule, name[0].lower() + name[1:]))
        else:
            names.append(titled(shown(rule, name)))
    if names:
        nouns.append(("the rule " if len(names) == 1 else "the rules ") + listed(names))
    return listed(nouns)


def linked_rules(rules: Sequence[str], identities_url: str) -> str:
    """:func:`by_rules` for a Markdown page: each name links to its identity."""
    return by_rules(rules, lambda rule, words: f"[{words}]({identities_url}#{rule})", lambda link: f"*{link}*")


def tex_rules(rules: Sequence[str]) -> str:
    """:func:`by_rules` for LaTeX text (handouts, slides)."""
    return by_rules(rules, lambda _rule, words: tex_text(words), lambda words: rf"\emph{{{words}}}")
