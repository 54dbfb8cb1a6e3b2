"""The pictures in Chromium (issue 14, item 5): the inline SVG of ex1-abs is visible with a real
size, has an accessible name and description, and its curves and labels stand out from the page's
background in the light and in the dark scheme (the colours come from Material's variables)."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_fixtures import RENDER_ALL, Tab, page_path

MIN_CONTRAST = 3.0      # WCAG 2.x, non-text graphics (1.4.11): 3:1 against the adjacent colour

STYLES = """() => {
  const svg = document.querySelector('svg.mc-plot');
  const box = svg.getBoundingClientRect();
  const color = (el, prop) => getComputedStyle(el)[prop];
  return {
    scheme: document.body.getAttribute('data-md-color-scheme'),
    width: box.width, height: box.height, visible: box.width > 0 && svg.checkVisibility(),
    background: color(document.body, 'backgroundColor'),
    f: color(svg.querySelector('.mc-plot__f'), 'stroke'),
    d1: color(svg.querySelector('.mc-plot__d1'), 'stroke'),
    text: color(svg.querySelector('.mc-plot__text text'), 'fill'),
    paths: svg.querySelectorAll('path').length,
  };
}"""


def _rgb(css: str) -> tuple[float, float, float]:
    inner = css[css.index("(") + 1:css.index(")")]
    parts = [float(p) for p in inner.replace("/", ",").split(",")[:3]]
    return parts[0], parts[1], parts[2]


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(_rgb(a)), _luminance(_rgb(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_contrast_of_black_on_white():
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21.0)


@pytest.mark.parametrize("scheme, palette", [("light", "default"), ("dark", "slate")])
def test_picture_is_visible_and_named_in_both_schemes(tab: Tab, site: Path, scheme: str, palette: str) -> None:
    tab.page.emulate_media(color_scheme=scheme)
    tab.open(page_path(site, "ex1-abs"))
    tab.page.add_style_tag(content=RENDER_ALL)
    style = tab.page.evaluate(STYLES)
    assert style["scheme"] == palette
    assert style["visible"] and style["width"] >= 300 and style["height"] >= 150, style
    picture = tab.page.get_by_role("img", name="f(x) and its derivative")
    assert picture.count() == 1
    description = picture.get_attribute("aria-describedby")
    text = tab.page.locator(f"#{description}").text_content()
    assert "at x = 0 the derivative is any value in [-1, 1]" in text
    for part in ("f", "d1", "text"):
        ratio = contrast(style[part], style["background"])
        assert ratio >= MIN_CONTRAST, f"{scheme}: {part} {style[part]} on {style['background']}: {ratio:.2f}:1"
    assert tab.page.locator("figure.mc-plot-figure figcaption").first.is_visible()
    assert tab.errors == []


def test_contour_picture_has_its_own_name(tab: Tab, site: Path) -> None:
    tab.open(page_path(site, "ex3-gradient"))
    picture = tab.page.get_by_role("img", name="Contours of f(x) and its gradient")
    assert picture.count() == 1
    tab.page.add_style_tag(content=RENDER_ALL)  # laid out as a reader near it sees it (extra.css: content-visibility)
    box = picture.bounding_box()
    assert box is not None and box["width"] >= 300 and abs(box["width"] - box["height"]) < 0.1 * box["width"]
