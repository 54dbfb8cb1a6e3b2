"""The words a step's rules are cited by: "by the quotient rule", "by the rule Trace", "by the rules
Transpose and Vec". One home, so the site, the handouts, the slides and the terminal word it alike."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mcdocgen.engine import IDENTITIES
from mcdocgen.escape import tex_text
from mcdocgen.engine.rule_ids import RuleId

_SUFFIX = " rule"


def _plain(_rule: str, words: str) -> str:
    return words


def by_rules(rules: Sequence[str], shown: Callable[[str, str], str] = _plain) -> str:
    """``the quotient rule`` or ``the rule Trace`` or ``the rules A and B`` for rule ids ``rules``;
    ``shown(rule id, words)`` writes each name (a link, an escape). A name that is itself "... rule"
    reads as a noun ("the sum rule"); the others are names, so "the rule(s)" goes before them."""
    nouns, names = [], []
    for rule in rules:
        name = IDENTITIES[RuleId(rule)].name
        if name.endswith(_SUFFIX):     # "Quotient rule": lower-case, as prose writes a rule's kind
            nouns.append("the " + shown(rule, name[0].lower() + name[1:]))
        else:
            names.append(shown(rule, name))
    if names:
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        nouns.append(("the rule " if len(names) == 1 else "the rules ") + listed)
    return " and ".join(nouns)


def linked_rules(rules: Sequence[str], identities_url: str) -> str:
    """:func:`by_rules` for a Markdown page: each name links to its identity."""
    return by_rules(rules, lambda rule, words: f"[{words}]({identities_url}#{rule})")


def tex_rules(rules: Sequence[str]) -> str:
    """:func:`by_rules` for LaTeX text (handouts, slides)."""
    return by_rules(rules, lambda _rule, words: tex_text(words))
