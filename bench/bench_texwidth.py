"""Benchmark: the display-width estimate (mcdocgen.present.texwidth) against KaTeX drawing in Chromium.

Every display row of a built site's generated Markdown (``.mcdocgen/current/docs``: each row of an
``aligned`` block on its own, alignment marks removed, matrices left out) is drawn by the locked
KaTeX (node_modules/katex/dist) in ``\\displaystyle`` in headless Chromium and its width measured in em;
the script prints the ratio drawn / estimated (median, 5th and 95th percentile) and the relative
error's median, 90th and 99th percentile, then the rows it misjudges most. The line breaker cuts at
``lines.LINE_WIDTH`` em; a phone's column is 18.5 em (358 px at 19.36 px).

Run (after `mcdocgen build`): PYTHONPATH=. .venv/bin/python bench/bench_texwidth.py [DOCS] [--worst 8]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser_support import launched, require_chromium  # noqa: E402
from mcdocgen.present.texwidth import width  # noqa: E402

KATEX = ROOT / "node_modules" / "katex" / "dist"
_MEASURE = """async (texs) => {
  const o = document.getElementById('o');
  for (const t of texs) {
    const s = document.createElement('span'); s.className = 'row';
    try { s.innerHTML = katex.renderToString('\\\\displaystyle ' + t, {throwOnError: true}); } catch (e) { s.innerHTML = ''; }
    o.appendChild(s);
  }
  await document.fonts.ready;
  return [...o.querySelectorAll('span.row')].map(s => {
    const k = s.querySelector('.katex');
    return k ? k.getBoundingClientRect().width / parseFloat(getComputedStyle(k).fontSize) : null;
  });
}"""


def rows_of(docs: Path) -> list[str]:
    rows: set[str] = set()
    for md in sorted(docs.rglob("problems/**/*.md")):
        for m in re.finditer(r"\$\$\n(.*?)\n\s*\$\$", md.read_text(encoding="utf-8"), re.S):
            block = re.sub(r"\\(begin|end)\{(aligned|gathered)\}", "", m.group(1))
            for row in re.split(r"\\\\\s*\n", block):
                row = row.strip().replace("&", "")
                if row and "matrix" not in row:
                    rows.add(row)
    return sorted(rows)


def drawn(texs: list[str]) -> list[float | None]:
    page = (f'<html><head><link rel="stylesheet" href="file://{KATEX}/katex.min.css">'
            f'<script src="file://{KATEX}/katex.min.js"></script>'
            '<style>.row { display: inline-block; white-space: nowrap; }</style></head>'
            '<body style="font-size:16px"><div id="o"></div></body></html>')
    with tempfile.TemporaryDirectory() as tmp, launched(require_chromium()) as browser:
        html = Path(tmp) / "m.html"
        html.write_text(page, encoding="utf-8")
        tab = browser.new_page(viewport={"width": 4000, "height": 800})
        tab.goto(html.as_uri())
        tab.wait_for_function("() => window.katex")
        tab.evaluate("() => Promise.all(['KaTeX_Main', 'KaTeX_Math'].map(f => document.fonts.load('19px ' + f)))")
        return tab.evaluate(_MEASURE, texs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", type=Path, default=ROOT / ".mcdocgen" / "current" / "docs")
    parser.add_argument("--worst", type=int, default=8)
    args = parser.parse_args()
    texs = rows_of(args.docs)
    pairs = [(d / width(t), d, t) for t, d in zip(texs, drawn(texs), strict=True) if d and width(t) > 5]
    ratios = sorted(r for r, _, _ in pairs)
    n = len(ratios)
    median = statistics.median(ratios)
    errors = sorted(abs(r / median - 1) for r in ratios)
    print(f"{n} display rows of {len(texs)} (estimate over 5 em)")
    print(f"drawn / estimated: median {median:.3f}, 5% {ratios[n // 20]:.3f}, 95% {ratios[-(n // 20)]:.3f}")
    print(f"relative error: median {errors[n // 2]:.1%}, 90% {errors[int(n * 0.9)]:.1%}, 99% {errors[int(n * 0.99)]:.1%}")
    for ratio, em, tex in sorted(pairs, key=lambda p: -p[0])[:args.worst]:
        print(f"  {ratio:.3f}  {em:5.1f} em  {tex[:110]}")


if __name__ == "__main__":
    main()
