"""The MkDocs hook that renders every formula at build time: pymdownx.arithmatex's output replaced
by KaTeX's HTML and MathML (:mod:`mcdocgen.publish.katex`), and a readable twin for search
(:mod:`mcdocgen.present.mathtext`).

The site build (:mod:`mcdocgen.publish.site`) names this file in the ``hooks:`` of the
configuration it writes, and the package to render with in :data:`~mcdocgen.publish.katex.PACKAGE_ENV`.
Each formula becomes::

    <span class="arithmatex">KaTeX<span class="math-text" hidden>x^T A x</span></span>

(``div`` for display math). ``hidden`` keeps the readable text off the screen and out of the
accessibility tree, so a screen reader reads the math once, from KaTeX's MathML. The page's
template preloads the KaTeX fonts its formulas use (``page.katex_fonts``,
:func:`~mcdocgen.publish.katex.fonts_used`). The finished page loses the indentation of the
templates' markup (:func:`compact_html`).

Rendering happens in two steps. ``on_page_content`` renders a page's formulas (so bad TeX
fails there, naming the page) but leaves a placeholder comment where KaTeX's output goes;
``on_post_page`` puts it into the finished HTML. The search plugin, which reads the page
between the two, so indexes only the readable text and never parses KaTeX's markup (which
made the build several times slower). Marking KaTeX's output ``data-search-exclude`` instead
would not do: Material's search parser compares elements by tag only, so the first
``</span>`` inside an excluded ``span`` ends the exclusion.
"""

from __future__ import annotations

import html
import json
import os
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

from mcdocgen.errors import SiteError
from mcdocgen.publish.katex import (
    PACKAGE_ENV, Formula, FormulaError, Renderer, find_package, fonts_used, package_candidates,
)
from mcdocgen.present.mathtext import math_text

#: Where :func:`compact_html` leaves whitespace alone (an element whose whitespace is content), or
#: a run of whitespace with a line break between two tags.
_WHITESPACE = re.compile(r"<(pre|textarea|script|style)[\s>].*?</\1\s*>|(?<=>)(\s*\n\s*)(?=<)", re.S | re.I)
#: pymdownx.arithmatex's generic output: \(...\) in a span, \[...\] in a div; the TeX is HTML-escaped.
ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">\\[(\[](.*?)\\[)\]]</\1>', re.S)
_PLACEHOLDER = "<!--mcdocgen-katex:{}-->"
#: The TeX source KaTeX copies into its MathML: no reader, screen reader or script of the site uses
#: it (the readable twin is the text form), and it was 3% of a problem page; left out of the page.
_TEX_SOURCE = re.compile(r'<annotation encoding="application/x-tex">.*?</annotation>', re.S)
_PLACEHOLDERS = re.compile(r"<!--mcdocgen-katex:(\d+)-->")

#: A JSON file of formulas rendered by earlier builds (the build cache's, publish/site.py): read
#: when the build starts, rewritten with this build's formulas when it ends.
MEMO_ENV = "MCDOCGEN_KATEX_MEMO"

_renderer: Renderer | None = None
_rendered: dict[str, list[str]] = {}  # page -> KaTeX's output for its placeholders, in order


class _Memo:
    """A renderer that asks KaTeX only for formulas not rendered before (KaTeX's output is a
    function of the TeX, the display flag, the macros and KaTeX's version, all fixed by the
    cache's key); ``used`` collects this build's formulas."""

    def __init__(self, renderer: Renderer, known: dict[str, str]) -> None:
        self.renderer, self.known, self.used = renderer, known, {}

    def render(self, formulas: list[Formula]) -> list[str]:
        keys = [f"{int(f.display)}{f.tex}" for f in formulas]
        missing = [f for f, key in zip(formulas, keys, strict=True) if key not in self.known]
        if missing:
            self.known.update(zip([f"{int(f.display)}{f.tex}" for f in missing], self.renderer.render(missing), strict=True))
        self.used.update((key, self.known[key]) for key in keys)
        return [self.known[key] for key in keys]

    def close(self) -> None:
        self.renderer.close()


_memo: _Memo | None = None


def math_html(formula: Formula, katex_html: str) -> str:
    """The HTML that replaces one arithmatex element."""
    tag = "div" if formula.display else "span"
    text = html.escape(str(math_text(formula.tex)), quote=False)
    return f'<{tag} class="arithmatex">{katex_html}<span class="math-text" hidden>{text}</span></{tag}>'


def render_page(content: str, renderer: Renderer | _Memo, page: str) -> tuple[str, list[str]]:
    """``content`` (a page's HTML) with every formula replaced by :func:`math_html`, a numbered
    placeholder standing for KaTeX's output, and those outputs; a :class:`PluginError` naming
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
    for number, (match, formula) in enumerate(zip(matches, formulas, strict=True)):
        out += [content[last : match.start()], math_html(formula, _PLACEHOLDER.format(number))]
        last = match.end()
    return "".join([*out, content[last:]]), rendered


def fill_page(output: str, rendered: list[str], page: str) -> str:
    """The finished page ``output`` with each placeholder replaced by its KaTeX output."""
    used: list[int] = []

    def fill(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number >= len(rendered):
            raise PluginError(f"{page}: the math placeholder {match.group()} has no rendered formula")
        used.append(number)
        return _TEX_SOURCE.sub("", rendered[number])

    filled = _PLACEHOLDERS.sub(fill, output)
    if sorted(used) != list(range(len(rendered))):
        raise PluginError(f"{page}: {len(rendered)} formulas rendered, {len(used)} placed in the page")
    return filled


def compact_html(page: str) -> str:
    """``page`` with each run of whitespace between two tags that holds a line break made a single
    line break, except inside ``<pre>``, ``<textarea>``, ``<script>`` and ``<style>``: the same
    page to a browser, lighter. Material's templates indent their markup deeply; the sidebar is
    half whitespace, and it is on every page."""
    return _WHITESPACE.sub(lambda m: m.group() if m.group(1) else "\n", page)


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
    global _memo
    _memo = None
    if memo := os.environ.get(MEMO_ENV):
        try:
            known = json.loads(Path(memo).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            known = {}
        _memo = _Memo(_renderer, known if isinstance(known, dict) else {})
    return config


def on_page_content(content, page, config, files):
    if _renderer is None:
        raise PluginError("the KaTeX renderer was not started (on_config did not run)")
    content, _rendered[page.file.src_uri] = render_page(content, _memo or _renderer, page.file.src_uri)
    # for templates/theme/main.html: preloaded, the fonts arrive with the CSS, not after a layout
    page.katex_fonts = fonts_used(_rendered[page.file.src_uri])
    return content


def on_post_page(output, page, config):
    return compact_html(fill_page(output, _rendered.pop(page.file.src_uri, []), page.file.src_uri))


def on_post_build(config):
    if _memo is not None and (memo := os.environ.get(MEMO_ENV)):
        Path(memo).write_text(json.dumps(_memo.used, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    _close()


def on_build_error(error):
    _close()


def on_shutdown():
    _close()


def _close() -> None:
    global _renderer
    _rendered.clear()
    if _renderer is not None:
        _renderer.close()
        _renderer = None
