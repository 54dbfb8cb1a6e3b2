"""The MkDocs hook that renders every formula at build time: pymdownx.arithmatex's output replaced
by native MathML written by Temml (:mod:`mcdocgen.publish.mathml`), and a readable twin for search
(:mod:`mcdocgen.present.mathtext`).

The site build (:mod:`mcdocgen.publish.site`) names this file in the ``hooks:`` of the
configuration it writes, and the package to render with in :data:`~mcdocgen.publish.mathml.PACKAGE_ENV`.
Each formula becomes::

    <span class="arithmatex"><math>...</math><span class="math-text" hidden>x^T A x</span></span>

(``div`` for display math). ``hidden`` keeps the readable text off the screen and out of the
accessibility tree, so a screen reader reads the math once, from the MathML. The twin is for
the search index, which reads the page before the math is filled in; the finished page keeps it
only in a table's header cell (``docs/javascripts/a11y.js`` names a stacked table's columns with
it) and drops the rest: a tenth of a heavy page's bytes that no reader, copy or script used. The page's
template preloads the math font its formulas use (``page.math_fonts``,
:func:`~mcdocgen.publish.mathml.fonts_used`). The finished page loses the indentation of the
templates' markup (:func:`compact_html`).

Rendering happens in two steps. ``on_page_content`` renders a page's formulas (so bad TeX
fails there, naming the page) but leaves a placeholder comment where the MathML goes;
``on_post_page`` puts it into the finished HTML. The search plugin, which reads the page
between the two, so indexes only the readable text and never parses the math markup (which
made the build several times slower). Marking the MathML ``data-search-exclude`` instead
would not do: Material's search parser compares elements by tag only, so the first
``</span>`` inside an excluded ``span`` ends the exclusion.

Each page's sidebar is MkDocs's navigation with its long sections cut (:mod:`mcdocgen.publish.sidebar`).
The hook also makes MkDocs incremental (:mod:`mcdocgen.publish.page_memo`): what earlier builds
made of a page is reused when its inputs are the same, and node starts only for a new formula.
"""

from __future__ import annotations

import functools
import html
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.exceptions import PluginError

from mcdocgen.errors import SiteError
from mcdocgen.publish.cache import digest
from mcdocgen.publish.mathml import (
    PACKAGE_ENV, Formula, FormulaError, Renderer, find_package, fonts_used, package_candidates,
)
from mcdocgen.publish.page import search_keywords
from mcdocgen.publish.page_memo import (
    MEMO_ENV, SETTINGS_ENV, Memo, TemplateMemo, known_handlers, memo_render, memo_search, navigation, render_settings,
    template_key,
)
from mcdocgen.publish.sidebar import sidebar
from mcdocgen.publish.widefit import fit_em, split_wide
from mcdocgen.present.mathtext import math_text

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

#: Where :func:`compact_html` leaves whitespace alone (an element whose whitespace is content), or
#: a run of whitespace with a line break (spaces, tabs and line breaks only: not a no-break space).
_WHITESPACE = re.compile(r"<(pre|textarea|script|style)[\s>].*?</\1\s*>|([ \t\r]*\n[ \t\r\n]*)", re.S | re.I)
#: pymdownx.arithmatex's generic output: \(...\) in a span, \[...\] in a div; the TeX is HTML-escaped.
ARITHMATEX = re.compile(r'<(span|div) class="arithmatex">\\[(\[](.*?)\\[)\]]</\1>', re.S)
_PLACEHOLDER = "<!--mcdocgen-math:{}-->"
#: Chromium may break a line after an inline <math> (an atomic inline) even before a closing ")" or ",",
#: which then starts the next line alone (review s36 C-3): a word joiner keeps the two together.
WORD_JOINER = "\u2060"
_CLOSING = re.compile(r"[)\],.;:!?]")
#: The TeX source a renderer may copy into its MathML (KaTeX did; mathml.js asks Temml for none): no
#: reader, screen reader or script of the site uses it (the readable twin is the text form), and it
#: was 3% of a problem page; left out of the page.
_TEX_SOURCE = re.compile(r'<annotation encoding="application/x-tex">.*?</annotation>', re.S)
#: A placeholder, with the readable twin after it (math_html); group 2: the twin.
_PLACEHOLDERS = re.compile(r'<!--mcdocgen-math:(\d+)-->(<span class="math-text" hidden>[^<]*</span>)?')
#: A table's header cell: the one place the finished page keeps a formula's twin (a11y.js reads it).
_HEADER_CELL = re.compile(r"<th\b.*?</th\s*>", re.S | re.I)

_rendered: dict[str, list[str]] = {}  # page -> the MathML of its placeholders, in order


class _Memo:
    """A renderer that asks Temml only for formulas not rendered before (its output is a
    function of the TeX, the display flag, the macros and Temml's version, all fixed by the
    cache's key); ``used`` collects this build's formulas."""

    def __init__(self, renderer: Renderer | _Lazy, known: dict[str, str]) -> None:
        self.renderer, self.known = renderer, known
        self.used: dict[str, str] = {}

    def render(self, formulas: list[Formula]) -> list[str]:
        keys = [formula_key(f) for f in formulas]
        missing = [f for f, key in zip(formulas, keys, strict=True) if key not in self.known]
        if missing:
            self.known.update(zip([formula_key(f) for f in missing], self.renderer.render(missing), strict=True))
        self.used.update((key, self.known[key]) for key in keys)
        return [self.known[key] for key in keys]

    def rendered(self, keys: list[str]) -> list[str] | None:
        """The outputs of formulas rendered before, by key; None when one is not known."""
        if not all(key in self.known for key in keys):
            return None
        self.used.update((key, self.known[key]) for key in keys)
        return [self.known[key] for key in keys]

    def close(self) -> None:
        self.renderer.close()


class _Lazy:
    """A :class:`Renderer` started when a formula is first rendered: a build whose pages are all
    reused (:mod:`mcdocgen.publish.page_memo`) never starts node."""

    def __init__(self, package: Path) -> None:
        self.package = package
        self._renderer: Renderer | None = None

    def render(self, formulas: list[Formula]) -> list[str]:
        if self._renderer is None:
            self._renderer = Renderer(self.package)
        return self._renderer.render(formulas)

    def close(self) -> None:
        if self._renderer is not None:
            self._renderer.close()
            self._renderer = None


def formula_key(formula: Formula) -> str:
    return f"{int(formula.display)}{formula.tex}"


_renderer: _Memo | None = None
_memo = Memo()
_settings: str | None = None  # page_memo.render_settings of this build, None: pages are rendered afresh
_nav: Navigation | None = None  # MkDocs's navigation, for the template's key
_templates: TemplateMemo | None = None  # None: every page goes through the theme's template
_site = ""  # the digest of the site's settings and navigation (page_memo.template_key)


@functools.cache
def _text(tex: str) -> str:
    return html.escape(math_text(tex).marked(), quote=False)   # the index moves the words out (publish.page)


def math_html(formula: Formula, mathml: str, fit: int | None = None) -> str:
    """The HTML that replaces one arithmatex element; ``fit``: the box holds a formula's one-line
    form, then its rows, and shows the one-line form from ``fit`` em wide (publish.widefit)."""
    tag = "div" if formula.display else "span"
    classes = "arithmatex" if fit is None else f"arithmatex mcd-fit mcd-fit-{fit}"
    return f'<{tag} class="{classes}">{mathml}<span class="math-text" hidden>{_text(formula.tex)}</span></{tag}>'


def page_formulas(content: str) -> list[tuple[re.Match[str], list[Formula], int | None]]:
    """Each arithmatex element of ``content``: the formulas it is rendered as (a display with a
    one-line form: that form, then its rows; publish.widefit) and the width that shows the first."""
    found: list[tuple[re.Match[str], list[Formula], int | None]] = []
    for match in ARITHMATEX.finditer(content):
        formula = Formula(html.unescape(match.group(2)), match.group(1) == "div")
        wide = split_wide(formula.tex) if formula.display else None
        fit = None if wide is None else fit_em(wide[0])
        if wide is None:
            found.append((match, [formula], None))
        elif fit is None:   # too wide for any screen: only its rows
            found.append((match, [Formula(wide[1], True)], None))
        else:
            found.append((match, [Formula(wide[0], True), Formula(wide[1], True)], fit))
    return found


def render_page(content: str, renderer: Renderer | _Memo, page: str) -> tuple[str, list[str]]:
    """``content`` (a page's HTML) with every formula replaced by :func:`math_html`, a numbered
    placeholder standing for each MathML, and those outputs; a :class:`PluginError` naming
    ``page`` and the formula when Temml refuses one."""
    found = page_formulas(content)
    try:
        rendered = renderer.render([f for _, formulas, _ in found for f in formulas])
    except FormulaError as err:
        raise PluginError(f"{page}: Temml cannot render {err}") from err
    except SiteError as err:
        raise PluginError(f"{page}: {err}") from err
    out, last, number = [], 0, 0
    for match, formulas, fit in found:
        marks = "".join(_PLACEHOLDER.format(number + k) for k in range(len(formulas)))
        number += len(formulas)
        out += [content[last : match.start()], math_html(formulas[0], marks, fit)]
        last = match.end()
        if not formulas[0].display and _CLOSING.match(content, last):
            out.append(WORD_JOINER)
    return "".join([*out, content[last:]]), rendered


def fill_page(output: str, rendered: list[str], page: str) -> str:
    """The finished page ``output`` with each placeholder replaced by its formula's MathML (a TeX
    annotation, were there one, aside), its readable twin kept only in a table's header cell."""
    used: list[int] = []
    headers = [m.span() for m in _HEADER_CELL.finditer(output)] if "math-text" in output else []

    def fill(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number >= len(rendered):
            raise PluginError(f"{page}: the math placeholder {match.group()} has no rendered formula")
        used.append(number)
        twin = match.group(2) or ""
        if twin and not any(start <= match.start() < end for start, end in headers):
            twin = ""
        return _TEX_SOURCE.sub("", rendered[number]) + twin

    filled = _PLACEHOLDERS.sub(fill, output)
    if sorted(used) != list(range(len(rendered))):
        raise PluginError(f"{page}: {len(rendered)} formulas rendered, {len(used)} placed in the page")
    return filled


def compact_html(page: str) -> str:
    """``page`` with each run of whitespace that holds a line break made a single line break,
    except inside ``<pre>``, ``<textarea>``, ``<script>`` and ``<style>``: the same page to a
    browser (the page's other text collapses such a run to one space), lighter. Material's
    templates indent their markup deeply, around text too (each title in the sidebar, each entry
    of the tags page)."""
    return _WHITESPACE.sub(lambda m: m.group() if m.group(1) else "\n", page)


# --- MkDocs events ------------------------------------------------------------------------------
# A page is Any: the hook gives it attributes of its own (render, math_fonts, mcdocgen_template_key), as
# it replaces the Jinja environment's get_template.


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _renderer, _memo, _settings
    _close()
    given = os.environ.get(PACKAGE_ENV)
    try:
        package = find_package([Path(given)] if given else package_candidates(Path.cwd()))
    except SiteError as err:
        raise PluginError(str(err)) from err
    _memo = Memo.load(os.environ.get(MEMO_ENV))
    _renderer = _Memo(_Lazy(package), _memo.old["mathml"])
    _settings = render_settings(config)
    return config


def on_pre_page(page: Any, config: MkDocsConfig, files: Files) -> Any:
    if _settings is not None:  # the Markdown rendered when MkDocs asks for it, reused if it can be
        page.render = memo_render(page, _memo, _settings, page.render)
    return page


def on_page_content(content: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    if _renderer is None:
        raise PluginError("the math renderer was not started (on_config did not run)")
    uri = page.file.src_uri
    key = digest(content)
    entry: tuple[str, list[str]] | None = _memo.get("content", key)  # the same HTML: the same formulas and placeholders
    rendered = None if entry is None else _renderer.rendered(entry[1])
    hit = rendered is not None
    if entry is None or rendered is None:
        new, rendered = render_page(content, _renderer, uri)
        entry = (new, [formula_key(f) for _, formulas, _ in page_formulas(content) for f in formulas])
    _memo.put("content", key, entry, hit=hit)
    _rendered[uri] = rendered
    # for templates/theme/main.html: preloaded, the fonts arrive with the CSS, not after a layout
    page.math_fonts = fonts_used(rendered)
    return entry[0]


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    global _nav
    _nav = nav
    return nav


def on_env(env: Any, config: MkDocsConfig, files: Files) -> Any:
    global _templates, _site
    for plugin in config.plugins.values():  # Material's search: its entries of unchanged pages reused
        if hasattr(plugin, "search_index"):
            memo_search(plugin.search_index, _memo)
            search_keywords(plugin.search_index)   # after the memo: a reused page gets its words too
    settings = os.environ.get(SETTINGS_ENV)
    if settings and _nav is not None and known_handlers(config.plugins, ("page_context", "post_page"),
                                                        (on_page_context, on_post_page)):
        _site = digest(settings, navigation(_nav, files))
        _templates = TemplateMemo(_memo, config, env)
        env.get_template = _templates.get_template
    return env


def on_page_context(context: dict[str, Any], page: Any, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    context["nav"] = sidebar(nav)  # a long section cut to the pages near this one (publish.sidebar)
    if _templates is not None:  # last of the page's context events: the key sees what the others did
        page.mcdocgen_template_key = template_key(context, page, _site)
    return context


def on_post_page(output: str, page: Any, config: MkDocsConfig) -> str:
    rendered = _rendered.pop(page.file.src_uri, [])
    finished = getattr(page, "mcdocgen_finished", None)
    if finished is not None and _templates is not None:  # the template answered from the memo
        if output is not finished:
            raise PluginError(f"{page.file.src_uri}: the page kept from an earlier build was changed after its template")
        _templates.keep(page, finished, hit=True)
        return finished
    output = compact_html(fill_page(output, rendered, page.file.src_uri))
    if _templates is not None:
        _templates.keep(page, output, hit=False)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    if _renderer is not None and (path := os.environ.get(MEMO_ENV)):
        _memo.used["mathml"] = _renderer.used
        _memo.save(path)
    _close()


def on_build_error(error: Exception) -> None:
    _close()


def on_shutdown() -> None:
    _close()


def _close() -> None:
    global _renderer, _templates, _nav
    _rendered.clear()
    _templates = _nav = None
    if _renderer is not None:
        _renderer.close()
        _renderer = None
