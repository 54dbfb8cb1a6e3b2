"""KaTeX's output written lighter (publish/katex_compact): the same elements, the same effective
classes and styles, so the same picture; the stylesheet renamed alike. (The pixels themselves were
compared in Chromium on a sample of pages, desktop and phone: see the session's notes.)"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from mcdocgen.publish.katex import Formula, Renderer, find_package, package_candidates, page_compaction, vendored_css
from mcdocgen.publish.katex_compact import KEEP, STYLES, css_classes, short_name
from test_katex import PAGE_TEX

MORE_TEX = [r"\sqrt{x^{2} + 1}", r"\left(\frac{\frac{a}{b}}{c}\right)", r"\biggl( x \biggr)", r"\sum_{i=1}^{n} x_i",
            r"\begin{aligned} a &= b \\ &= c \end{aligned}", r"\hat{x} + \bar{y} + \tilde{z}", r"\mathcal{L}"]


@pytest.fixture(scope="module")
def package() -> Path:
    return find_package(package_candidates())


@pytest.fixture(scope="module")
def outputs(package: Path) -> list[str]:
    with Renderer(package) as renderer:
        return renderer.render([Formula(tex, display) for tex in PAGE_TEX + MORE_TEX for display in (False, True)])


class _Elements(HTMLParser):
    """Each element's tag and attributes, in document order, and the text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _effective(html: str, live: frozenset[str], back: dict[str, str], styles: dict[str, str]) -> list[tuple]:
    """Each element as a browser styles it: tag, the classes some rule names (KaTeX's names),
    the inline style written shortest; MathML's <semantics> and xmlns aside."""
    from mcdocgen.publish.katex_compact import _short_style

    out = []
    for tag, attrs in _Elements(html).elements:
        if tag in ("semantics", "annotation"):
            continue
        classes, style = [], _short_style(attrs.pop("style", ""))
        for token in attrs.pop("class", "").split():
            if token in styles:
                style = styles[token]
            elif back.get(token, token) in live | KEEP:
                classes.append(back.get(token, token))
        attrs.pop("xmlns", None)
        out.append((tag, tuple(sorted(classes)), style, tuple(sorted(attrs.items()))))
    return out


def test_short_names_are_upper_case_letters_then_pairs() -> None:
    assert [short_name(n) for n in (0, 25, 26, 27, 51, 52, 701, 702)] == ["A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]


def test_the_classes_of_the_css_are_read_from_selectors_only(package: Path) -> None:
    css = (package / "dist" / "katex.min.css").read_text(encoding="utf-8")
    classes = css_classes(css)
    assert {"vlist-t", "mfrac", "katex-display", "pstrut"} <= classes
    assert not {"woff2", "woff", "ttf", "mord", "mtight"} & classes  # font URLs; classes no rule names


def test_compacted_formulas_are_the_same_elements_classes_and_styles(package: Path, outputs: list[str]) -> None:
    css = (package / "dist" / "katex.min.css").read_text(encoding="utf-8")
    compaction = page_compaction(package)
    back = {short: name for name, short in compaction.pairs}
    styles = {short: style for style, short in compaction.styles}
    live = css_classes(css)
    for html in outputs:
        small = compaction.html(html)
        assert _effective(small, live, back, styles) == _effective(html, live, {}, {}), html
        assert _Elements(small).text == _Elements(html).text
    assert sum(len(compaction.html(html)) for html in outputs) < 0.75 * sum(map(len, outputs))  # annotations included


def test_the_mathml_keeps_its_content_without_namespace_or_semantics(package: Path, outputs: list[str]) -> None:
    small = page_compaction(package).html(outputs[0])
    assert small.startswith('<span class="katex"><span class="katex-mathml"><math><mrow>')
    assert "xmlns" not in small.split("</math>")[0] and "<semantics>" not in small


def test_styles_are_written_shorter_and_the_frequent_ones_become_classes(package: Path) -> None:
    compaction = page_compaction(package)
    html = ('<span class="katex"><span class="vlist" style="height:0.3011em;"><span style="top:-2.55em;'
            'margin-left:0em;margin-right:0.05em;"></span><span style="height:1.2345em;vertical-align:-0.5em;">'
            '</span><span class="mord mtight" style="margin-right:0.0556em;">x</span></span></span>')
    names = dict(compaction.styles)
    assert compaction.html(html) == (
        f'<span class="katex"><span class="B {names["height:.3011em"]}"><span class="{names["top:-2.55em;margin-left:0;margin-right:.05em"]}">'
        '</span><span style="height:1.2345em;vertical-align:-.5em"></span>'
        f'<span class="{names["margin-right:.0556em"]}">x</span></span></span>')


def test_the_vendored_css_is_renamed_as_the_pages_are_written(package: Path) -> None:
    css = vendored_css((package / "dist" / "katex.min.css").read_text(encoding="utf-8"))
    compaction = page_compaction(package)
    names = compaction.names
    assert ".katex .vlist-t{" not in css and f".katex .{names['vlist-t']}{{" in css
    assert f".katex .{names['vlist']}>span>.{names['pstrut']}{{" in css
    assert all(f"{{{'!important;'.join(style.split(';'))}!important}}" in css for style in STYLES)
    assert ".katex-display{" in css and "url(fonts/KaTeX_Main-Regular.woff2)" in css  # kept names; fonts untouched
    assert set(css_classes(css)) == {names[c] for c in css_classes((package / "dist" / "katex.min.css").read_text(encoding="utf-8"))} | {
        short for _, short in compaction.styles}
