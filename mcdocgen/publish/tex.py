"""The LaTeX side of rendering: the jinja2 environment of the handout templates, with LaTeX-safe
delimiters and the escapers of :mod:`mcdocgen.escape` as filters, and the chain rule with its shapes."""

from __future__ import annotations

import jinja2

from mcdocgen.escape import tex_code, tex_comment, tex_text
from mcdocgen.present.handout import checks_sentence, declarations, exceptions, kink_text, same_in_both, workspaces
from mcdocgen.present.origin import HEADER as ORIGIN_HEADER
from mcdocgen.present.origin import origin
from mcdocgen.present.rulewords import tex_rules
from mcdocgen.present.domain import WHY as DOMAIN_WHY, WHY_ASKED as DOMAIN_WHY_ASKED
from mcdocgen.present.statement import LEAD as SETUP_LEAD
from mcdocgen.present.layoutviews import ChainView
from mcdocgen.present.second import second_heading
from mcdocgen.publish.render import TEMPLATE_OPTIONS


def shaped_chain(chain: ChainView) -> str:
    """The symbolic chain rule with each factor's shape under it, as the course notes write it,
    for an ``aligned`` block: ``\\underbrace{\\frac{\\partial f}{\\partial x}}_{(1, n)} &=
    \\underbrace{...}_{(1, m)}...``. Empty for the matrix form, which has no chain of factors."""
    if not chain.paths:
        return ""
    terms = [r"\,".join(rf"\underbrace{{{c.frac}}}_{{{c.shape}}}" for c in path) for path in chain.paths]
    return rf"\underbrace{{{chain.lhs}}}_{{{chain.shape}}} &= " + " + ".join(terms)


def latex_environment() -> jinja2.Environment:
    """The LaTeX environment: ``((* *))`` blocks, ``((( )))`` variables, ``((= =))`` comments."""
    env = jinja2.Environment(
        **TEMPLATE_OPTIONS,
        block_start_string="((*",
        block_end_string="*))",
        variable_start_string="(((",
        variable_end_string=")))",
        comment_start_string="((=",
        comment_end_string="=))",
    )
    env.filters.update(tex=tex_text, tt=tex_code, tex_comment=tex_comment, shaped_chain=shaped_chain,
                       declarations=declarations, same_in_both=same_in_both, kink_text=kink_text,
                       workspaces=workspaces, exceptions=exceptions, second_heading=second_heading)
    env.globals["checks_sentence"] = checks_sentence()
    env.globals.update(origin=origin, origin_header=ORIGIN_HEADER, setup_lead=SETUP_LEAD, domain_why=DOMAIN_WHY,
                       domain_why_asked=DOMAIN_WHY_ASKED,
                       tex_rules=tex_rules)
    return env
