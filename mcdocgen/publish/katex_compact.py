"""KaTeX's output made lighter for the same picture: a problem page is 60-70% KaTeX markup
(issue 15: under 150 KB of HTML a page), and most of it is spelling, not structure.

Three rewrites, each exact, so a browser draws every formula pixel for pixel as before:

- **classes**: a class that no rule of KaTeX's CSS names (``mord``, ``mtight``, ``mopen``, ...:
  KaTeX marks atom kinds for its own use) goes; the others get short names (``vlist-r`` is ``A``),
  in the HTML and in the vendored CSS alike (:meth:`Compaction.css`). The few classes the site's
  own CSS, JavaScript and tests read (:data:`KEEP`) keep their names;
- **inline styles**: the same values written shorter (``0.25em`` as ``.25em``, ``0em`` as ``0``, no
  last ``;``); the most frequent ones (:data:`STYLES`: ``height:3em`` is on every vertical list's
  strut) become classes whose rules say the same, ``!important``: like an inline style, they win
  over any other rule for the same property (no rule of KaTeX's or the site's is important for
  heights, ``top``, right margins or fraction rules' widths of a formula's spans);
- **MathML**: no ``xmlns`` (the HTML parser puts ``<math>`` in the MathML namespace itself) and no
  ``<semantics>`` wrapper, which holds a single child once the TeX annotation is left out
  (:mod:`mcdocgen.publish.math_hook`); the MathML that screen readers read is otherwise unchanged.

The mapping is a function of the pinned KaTeX's CSS alone (:func:`compaction`), so the pages and
the stylesheet always agree, on any machine. The fonts a page preloads are read from KaTeX's own
class names, before this (:func:`mcdocgen.publish.katex.fonts_used`).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping

#: Classes read by name outside KaTeX's CSS (the site's stylesheets and scripts, the browser tests):
#: never renamed.
KEEP = frozenset({"katex", "katex-display", "katex-html", "katex-mathml", "katex-error", "katex-version"})
#: The classes of the catalog's pages, most frequent first (counted on the built site): the first
#: 26 get one letter. Any other class of the CSS follows, in sorted order.
FREQUENT = (
    "vlist-r", "vlist", "pstrut", "mspace", "mathnormal", "vlist-t", "katex-base", "katex-strut",
    "vlist-t2", "vlist-s", "nulldelimiter", "size3", "katex-sizing", "reset-size6", "msupsub",
    "delimcenter", "mathbf", "mfrac", "frac-line", "delimsizing", "size1", "mathrm", "reset-size3",
    "size2", "mtable", "col-align-r", "col-align-l", "size4", "col-align-c", "arraycolsep", "sqrt",
    "svg-align", "hide-tail", "boldsymbol", "size6",
)
#: Inline styles (as :func:`_short_style` writes them) made classes, most frequent first: together
#: three quarters of the styles' bytes on the catalog's pages.
STYLES = (
    "height:3em", "margin-right:.1667em", "margin-right:.0556em", "height:2.7em", "top:0",
    "margin-right:.2778em", "margin-right:.2222em", "border-bottom-width:.04em", "top:-3.23em",
    "height:1em;vertical-align:-.25em", "top:-3.677em", "top:-2.314em", "height:1.3714em",
    "height:.15em", "height:.3011em", "top:-2.55em;margin-left:0;margin-right:.05em",
    "margin-right:.0785em", "margin-right:.1076em", "height:.686em", "height:.836em",
    "top:-3.113em;margin-right:.05em", "height:2.2074em;vertical-align:-.836em",
    "height:2.0574em;vertical-align:-.686em", "height:.8991em",
)
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
#: One CSS rule's selector list or an at-rule's prelude: the text before a ``{``.
_PRELUDE = re.compile(r"[^{}]+(?=\{)")
_CSS_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
#: A span's start tag as KaTeX writes it: class, then style, then anything else.
_SPAN = re.compile(r'<span(?: class="([^"]*)")?(?: style="([^"]*)")?(?=[ >])')
_LEADING_ZERO = re.compile(r"(?<=[:\s,(-])0\.(?=\d)")
_ZERO = re.compile(r"(?<=:)-?0(?:\.0+)?em(?=;|$)")
_MATHML_NS = ' xmlns="http://www.w3.org/1998/Math/MathML"'


def short_name(number: int) -> str:
    """The ``number``-th short class name: A..Z, then AA, AB, ... (upper case: Material's and
    Pygments' class names are lower case, so no site rule can match a renamed KaTeX element)."""
    name = _LETTERS[number % 26]
    while number >= 26:
        number = number // 26 - 1
        name = _LETTERS[number % 26] + name
    return name


def css_classes(css: str) -> frozenset[str]:
    """The classes that the selectors of ``css`` name (at-rules' preludes and values aside)."""
    return frozenset(name for prelude in _PRELUDE.findall(css) if not prelude.lstrip().startswith("@")
                     for name in _CSS_CLASS.findall(prelude))


@dataclasses.dataclass(frozen=True)
class Compaction:
    """KaTeX's classes that some CSS rule names, each with the name the site writes for it, as
    (class, name) pairs."""

    pairs: tuple[tuple[str, str], ...]
    #: (style, class name) for each of :data:`STYLES`.
    styles: tuple[tuple[str, str], ...]

    @functools.cached_property
    def names(self) -> Mapping[str, str]:
        return dict(self.pairs)

    @functools.cached_property
    def style_names(self) -> Mapping[str, str]:
        return dict(self.styles)

    def css(self, css: str) -> str:
        """``css`` (KaTeX's stylesheet) with every renamed class written by its short name."""
        def selectors(prelude: re.Match[str]) -> str:
            text = prelude.group()
            if text.lstrip().startswith("@"):
                return text
            return _CSS_CLASS.sub(lambda m: "." + self.names.get(m.group(1), m.group(1)), text)
        rules = "".join(f".katex .{name}{{{_important(style)}}}" for style, name in self.styles)
        return _PRELUDE.sub(selectors, css) + rules

    def html(self, katex_html: str) -> str:
        """One formula's KaTeX output, lighter and drawn the same (see the module's docstring)."""
        return _compact(self, katex_html)

    def _span(self, match: re.Match[str]) -> str:
        names = self.names
        kept = [names.get(token, token) for token in (match.group(1) or "").split() if token in names or token in KEEP]
        style = _short_style(match.group(2) or "")
        if style in self.style_names:
            kept.append(self.style_names[style])
            style = ""
        return ("<span" + (f' class="{" ".join(kept)}"' if kept else "")
                + (f' style="{style}"' if style else ""))


def _important(style: str) -> str:
    """An inline style's declarations as a rule's: ``!important``, so that, as inline, they win
    over every rule that sets the same property (none of KaTeX's or the site's is important there)."""
    return ";".join(f"{declaration}!important" for declaration in style.split(";"))


def _short_style(value: str) -> str:
    """An inline style's declarations written shorter, the same values."""
    return _ZERO.sub("0", _LEADING_ZERO.sub(".", value.strip().rstrip(";")))


@functools.lru_cache(maxsize=65536)
def _compact(compaction: Compaction, katex_html: str) -> str:
    """Cached: a page repeats its formulas, and every page has the same small ones."""
    out = _SPAN.sub(compaction._span, katex_html)
    return out.replace(_MATHML_NS, "").replace("<semantics>", "").replace("</semantics>", "")


@functools.lru_cache(maxsize=4)
def compaction(css: str) -> Compaction:
    """The renaming for KaTeX's stylesheet ``css``: the :data:`FREQUENT` classes first, then the
    :data:`STYLES`, then the other classes in sorted order; the :data:`KEEP` classes keep their names."""
    named = css_classes(css)
    frequent = [c for c in FREQUENT if c in named and c not in KEEP]
    rest = sorted(named - set(FREQUENT) - KEEP)
    names = {c: c for c in sorted(KEEP & named)}
    names.update((c, short_name(n)) for n, c in enumerate(frequent))
    styles = tuple((s, short_name(len(frequent) + n)) for n, s in enumerate(STYLES))
    names.update((c, short_name(len(frequent) + len(STYLES) + n)) for n, c in enumerate(rest))
    return Compaction(tuple(names.items()), styles)
