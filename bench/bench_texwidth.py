"""Benchmark: the display-width estimate (mcdocgen.present.texwidth) against the site's drawing in Chromium.

The site draws Temml's MathML in STIX Two Math (publish.mathml), at ``widefit.MATH_SCALE`` times the
text. Two measurements, after `mcdocgen build`:

- rows: every display row of the generated Markdown (``.mcdocgen/current/docs``: each row of an
  ``aligned`` block on its own, alignment marks removed; a broken formula's one-line form too) is
  written by the site's Temml (publish.mathml.Renderer) and drawn with the site's math stylesheet and
  font; its width, in em of the math font, against ``texwidth.width``: the ratio drawn / estimated
  (median, 5th and 95th percentile), the worst rows drawn wider than estimated, and each row's
  excess over ``lines.LINE_WIDTH`` where it is drawn (what a phone's box must hold);
- --site: every problem page of the built site at 390 px (both layouts shown, every part laid out),
  each display formula's box: how many scroll (hide more than 1 px), the worst, and the box's width
  inside its padding in em of the math font (the line budget ``lines.LINE_WIDTH`` must fit in it).

Run: PYTHONPATH=. .venv/bin/python bench/bench_texwidth.py [DOCS] [--worst 12] [--site SITE] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_fixtures import MATH_DONE, RENDER_ALL, problem_pages  # noqa: E402
from browser_support import launched, require_chromium, serve  # noqa: E402
from mcdocgen.present.lines import LINE_WIDTH  # noqa: E402
from mcdocgen.present.texwidth import width  # noqa: E402
from mcdocgen.publish.mathml import Formula, FormulaError, Renderer, find_package, package_candidates  # noqa: E402
from mcdocgen.publish.widefit import split_wide  # noqa: E402

PHONE = (390, 844)
_DISPLAY = re.compile(r"^([ \t]*)\$\$\n(.*?)\n\s*\$\$", re.S | re.M)
_MEASURE = """async (htmls) => {
  const o = document.getElementById('o');
  o.innerHTML = htmls.map(h => `<div class="row">${h}</div>`).join('');
  await document.fonts.ready;
  return [...o.children].map(d => {
    const m = d.querySelector('math');
    return m ? d.getBoundingClientRect().width / parseFloat(getComputedStyle(m).fontSize) : null;
  });
}"""
_SCROLLS = """() => [...document.querySelectorAll('.md-content article div.arithmatex')].filter(el => el.offsetParent)
  .map(el => { const m = el.querySelector('math:not([style*="none"])'), cs = getComputedStyle(el);
    const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);  // padding: no formula's
    return [el.scrollWidth - el.clientWidth, room / parseFloat(getComputedStyle(m || el).fontSize),
            Array.from((el.textContent || '').replace(/\\s+/g, ' ').trim()).slice(0, 70).join('')]; })"""


def rows_of(docs: Path) -> list[str]:
    """Every display row of the generated pages (and each broken formula's one-line form)."""
    rows: set[str] = set()
    for md in sorted(docs.rglob("problems/**/*.md")):
        for m in _DISPLAY.finditer(md.read_text(encoding="utf-8")):
            tex = m.group(2)
            wide = split_wide(tex)
            if wide is not None:
                rows.add(" ".join(wide[0].split()))
                tex = wide[1]
            block = re.sub(r"\\(begin|end)\{(aligned|gathered)\}", "", tex)
            for row in re.split(r"\\\\\s*\n", block):
                row = " ".join(row.replace("&", "").split())
                if row:
                    rows.add(row)
    return sorted(rows)


def written(texs: list[str]) -> list[str | None]:
    """Each row's MathML as the site writes it (None where Temml refuses a row taken alone)."""
    out: list[str | None] = []
    with Renderer(find_package(package_candidates())) as renderer:
        for k in range(0, len(texs), 200):
            batch = [Formula(t, True) for t in texs[k:k + 200]]
            try:
                out.extend(renderer.render(batch))
            except FormulaError:
                for f in batch:
                    try:
                        out.append(renderer.render([f])[0])
                    except FormulaError:
                        out.append(None)
    return out


def drawn(htmls: list[str | None], site: Path) -> list[float | None]:
    """Each formula's drawn width in em of its math font (the site's stylesheet and font)."""
    css = site / "vendor" / "mathml" / "mathml.css"
    page = (f'<html><head><link rel="stylesheet" href="{css.as_uri()}">'
            '<style>.row { display: inline-block; white-space: nowrap; } div.row { display: table; }</style></head>'
            '<body style="font-size:16px"><div id="o"></div></body></html>')
    with tempfile.TemporaryDirectory() as tmp, launched(require_chromium()) as browser:
        html = Path(tmp) / "m.html"
        html.write_text(page, encoding="utf-8")
        if True:
            tab = browser.new_page(viewport={"width": 4000, "height": 800})
            tab.goto(html.as_uri())
            tab.evaluate("() => document.fonts.load('18px \"STIX Two Math\"')")
            shown = [h for h in htmls if h]
            widths = iter(tab.evaluate(_MEASURE, shown))
            return [next(widths) if h else None for h in htmls]


def broken_count(docs: Path) -> tuple[int, int]:
    """(display formulas broken over rows with a one-line form (``\\mcdwide``), all display formulas) of the pages."""
    displays = [m.group(2) for md in sorted(docs.rglob("problems/**/*.md"))
                for m in _DISPLAY.finditer(md.read_text(encoding="utf-8"))]
    return sum(split_wide(tex) is not None for tex in displays), len(displays)


def rows_report(docs: Path, site: Path, worst: int) -> dict:
    broken, displays = broken_count(docs)
    print(f"{broken} of {displays} display formulas broken over rows (with a one-line form: \\mcdwide)")
    texs = rows_of(docs)
    ems = drawn(written(texs), site)
    pairs = [(d / width(t), d, t) for t, d in zip(texs, ems, strict=True) if d and width(t) > 5]
    ratios = sorted(r for r, _, _ in pairs)
    n = len(ratios)
    median = statistics.median(ratios)
    errors = sorted(abs(r / median - 1) for r in ratios)
    print(f"{n} display rows of {len(texs)} (estimate over 5 em)")
    print(f"drawn / estimated: median {median:.3f}, 5% {ratios[n // 20]:.3f}, 95% {ratios[-(n // 20)]:.3f}, "
          f"min {ratios[0]:.3f}, max {ratios[-1]:.3f}")
    print(f"relative error (to the median ratio): median {errors[n // 2]:.1%}, 90% {errors[int(n * 0.9)]:.1%}, "
          f"99% {errors[int(n * 0.99)]:.1%}, worst {errors[-1]:.1%}")
    fitted = [(d, t) for _, d, t in pairs if width(t) <= LINE_WIDTH]
    widest = sorted(fitted, reverse=True)[:worst]
    print(f"rows estimated within LINE_WIDTH {LINE_WIDTH}: {len(fitted)}, widest drawn (em of the math font):")
    for em, tex in widest:
        print(f"  {em:5.2f} em drawn, {width(tex):5.2f} estimated  {tex[:100]}")
    print("drawn wider than estimated, most:")
    for ratio, em, tex in sorted(pairs, key=lambda p: -p[0])[:worst]:
        print(f"  {ratio:.3f}  {em:5.1f} em  {tex[:110]}")
    print("drawn narrower than estimated, most:")
    for ratio, em, tex in sorted(pairs, key=lambda p: p[0])[:worst]:
        print(f"  {ratio:.3f}  {em:5.1f} em  {tex[:110]}")
    return {"rows": [[t, d, width(t)] for t, d in zip(texs, ems, strict=True)]}


def site_report(site: Path, worst: int) -> dict:
    scrolling: list[tuple[int, str, str]] = []
    boxes: list[float] = []
    count = 0
    with serve(site) as base, launched(require_chromium()) as browser:
        context = browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]})
        page = context.new_page()
        for path in problem_pages(site):
            page.goto(base + path, wait_until="domcontentloaded")
            page.wait_for_function(f"() => {MATH_DONE}", timeout=30_000)
            page.add_style_tag(content=".tabbed-set > .tabbed-content > .tabbed-block { display: block !important; }"
                               + RENDER_ALL)
            for hidden, box, text in page.evaluate(_SCROLLS):
                count += 1
                boxes.append(box)
                if hidden > 1:
                    scrolling.append((hidden, path, text))
    print(f"{count} display formulas on {len(problem_pages(site))} problem pages at {PHONE[0]} px; "
          f"box {statistics.median(boxes):.2f} em of the math font (min {min(boxes):.2f}); "
          f"{len(scrolling)} scroll (hide more than 1 px)")
    for hidden, path, text in sorted(scrolling, reverse=True)[:worst]:
        print(f"  {hidden:4d} px  {path}  {text}")
    return {"scrolling": scrolling, "displays": count}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", type=Path, default=ROOT / ".mcdocgen" / "current" / "docs")
    parser.add_argument("--worst", type=int, default=12)
    parser.add_argument("--site", type=Path, help="also measure the built site's pages at 390 px")
    parser.add_argument("--json", type=Path, help="write every row's TeX, drawn and estimated width")
    args = parser.parse_args()
    site = args.site or args.docs.parent / "site"
    report = rows_report(args.docs, site, args.worst)
    if args.site:
        report |= site_report(args.site, args.worst)
    if args.json:
        args.json.write_text(json.dumps(report, indent=0), encoding="utf-8")


if __name__ == "__main__":
    main()
