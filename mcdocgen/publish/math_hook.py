"""The MkDocs hook that renders every formula at build time: pymdownx.arithmatex's output replaced
by KaTeX's HTML and MathML (:mod:`mcdocgen.publish.katex`), and a readable twin for search
(:mod:`mcdocgen.publish.mathtext`).

The site build (:mod:`mcdocgen.publish.site`) names this file in the ``hooks:`` of the
configuration it writes, and the package to render with in :data:`~mcdocgen.publish.katex.PACKAGE_ENV`.
Each formula becomes::

    <span class="arithmatex"><mcd-math data-search-exclude>KaTeX</mcd-math><span class="math-text" hidden>x^T A x</span></span>

(``div`` for display math). The search plugin skips the KaTeX part and indexes the readable
text; ``hidden`` keeps that text off the screen and out of the accessibility tree, so a screen
reader reads the math once, from KaTeX's MathML. The excluding element is not a ``span``:
Material's search parser compares elements by tag only, so the first ``</span>`` inside an
excluded ``span`` would end the exclusion.
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from mcdocgen.errors import SiteError
from mcdocgen.publish.katex import PACKAGE_ENV, Formula, FormulaError, Renderer, find_package, package_candidates
from mcdocgen.publish.mathtext import math_text

#: pymdownx.arithmatex's generic output: \(...\) in a span, \[...\] in a div; the TeX is HTML-escaped.
ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">\\[(\[](.*?)\\[)\]]</\1>', re.S)
EXCLUDED_TAG = "mcd-math"

_renderer: Renderer | None = None


def math_html(formula: Formula, katex_html: str) -> str:
    """The HTML that replaces one arithmatex element."""
    tag = "div" if formula.display else "span"
    text = html.escape(str(math_text(formula.tex)), quote=False)
    return (
        f'<{tag} class="arithmatex"><{EXCLUDED_TAG} data-search-exclude>{katex_html}</{EXCLUDED_TAG}>'
        f'<span class="math-text" hidden>{text}</span></{tag}>'
    )


def render_page(content: str, renderer: Renderer, page: str) -> str:
    """``content`` (a page's HTML) with every formula rendered; a :class:`PluginError` naming
    ``page`` and the formula when KaTeX refuses one."""
    matches = list(ARITHMATEX.finditer(content))
    formulas = [Formula(html.unescape(m.group(2)), m.group(1) == "div") for m in matches]
    try:
        rendered = renderer.render(formulas)
    except FormulaError as err:
        raise PluginError(f"{page}: KaTeX cannot render {err}") from err
    except SiteError as err:
        raise PluginError(f"{page}: {err}") from err
    out, last = [], 0
    for match, formula, katex_html in zip(matches, formulas, rendered, strict=True):
        out += [content[last : match.start()], math_html(formula, katex_html)]
        last = match.end()
    return "".join([*out, content[last:]])


# --- MkDocs events ------------------------------------------------------------------------------


def on_config(config):
    global _renderer
    _close()
    given = os.environ.get(PACKAGE_ENV)
    try:
        package = find_package([Path(given)] if given else package_candidates(Path.cwd()))
        _renderer = Renderer(package)
    except SiteError as err:
        raise PluginError(str(err)) from err
    return config


def on_page_content(content, page, config, files):
    if _renderer is None:
        raise PluginError("the KaTeX renderer was not started (on_config did not run)")
    return render_page(content, _renderer, page.file.src_uri)


def on_post_build(config):
    _close()


def on_build_error(error):
    _close()


def on_shutdown():
    _close()


def _close() -> None:
    global _renderer
    if _renderer is not None:
        _renderer.close()
        _renderer = None
