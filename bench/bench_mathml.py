"""What the MathML of a built site's problem pages weighs, and where its bytes go.

Session 29's experiment (bench/mathml.md) swapped a KaTeX-built site's formulas for Temml's MathML
to compare the two; the site has been MathML since, written at build time by
mcdocgen/publish/mathml.js (Temml, repairs, compaction) through publish/math_hook.py, with no
readable "math-text" twin beside a formula. This reads the built pages as they are and prints:

- the problem pages (site/problems/*/*/index.html as bench/bench_scale.py counts them: the index by
  operation's pages included): mean, median and largest HTML size, how many are over 120 and
  150 KiB (issue 15), and the share of their bytes inside <math> elements;
- the bytes of each attribute (name and value, its leading space counted) and of each element's
  tags inside <math>, over all the pages and on the largest: the candidates for compaction
  (mathml.js's compact(); a trim must leave Chromium's drawing pixel-identical);
- the largest pages, each with its MathML bytes and formula count.

Run (after `mcdocgen build`, or on bench_scale.py's --keep folder):
    PYTHONPATH=. .venv/bin/python bench/bench_mathml.py [--site site] [--top 8]

Session 31, on bench_scale.py's 1,000-problem site (--keep), before and after mathml.js left out
stretchy="false" on operators that never stretch and lspace/rspace 0 on a prefix minus: problem
pages mean 47.6 -> 47.5 KiB, median 44.2 -> 44.2, max 132.5 -> 129.9, over 120 KiB 8 -> 8; over all
pages stretchy="false" 1,542.8 -> 1,457.3 KiB (what is left is on fences: without it Chromium
stretches them) and lspace="0em"/rspace="0em" 75.2 -> 37.7 KiB each. MathML is 28% of the bytes;
the next largest attributes: displaystyle="true" 197 KiB, width="0.1667em" 187, class="tml-display" 184.
"""

from __future__ import annotations

import argparse
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MATH = re.compile(r"<math\b.*?</math>", re.S)
ATTRIBUTE = re.compile(r' [a-z-]+="[^"]*"')
TAG = re.compile(r"<(/?)([a-z]+)\b[^>]*>")
KIB = 1024


@dataclass(frozen=True, slots=True)
class Page:
    path: str
    size: int       # bytes of the HTML
    math: int       # bytes inside <math> elements (the elements included)
    formulas: int   # <math> elements
    attributes: Counter[str]    # name="value" -> bytes
    tags: Counter[str]          # element name -> bytes of its start and end tags, attributes aside


def read_page(path: Path, site: Path) -> Page:
    text = path.read_text(encoding="utf-8")
    maths = MATH.findall(text)
    attributes: Counter[str] = Counter()
    tags: Counter[str] = Counter()
    for m in maths:
        for a in ATTRIBUTE.findall(m):
            attributes[a.strip()] += len(a.encode("utf-8"))
        for t in TAG.finditer(m):
            tags[t.group(2)] += len(t.group(0).encode("utf-8")) - sum(len(a) for a in ATTRIBUTE.findall(t.group(0)))
    return Page(str(path.parent.relative_to(site)), len(text.encode("utf-8")),
                sum(len(m.encode("utf-8")) for m in maths), len(maths), attributes, tags)


def sizes_line(pages: list[Page]) -> str:
    kib = [p.size / KIB for p in pages]
    share = sum(p.math for p in pages) / sum(p.size for p in pages)
    return (f"{len(pages)} pages: mean {statistics.mean(kib):.1f} KiB, median {statistics.median(kib):.1f}, "
            f"max {max(kib):.1f}; over 120 KiB: {sum(k > 120 for k in kib)}, over 150 KiB: {sum(k > 150 for k in kib)}; "
            f"MathML {100 * share:.0f}% of the bytes")


def table(title: str, costs: Counter[str], top: int) -> list[str]:
    total = sum(costs.values())
    return [title, *(f"  {b / KIB:9.1f} KiB {100 * b / max(total, 1):5.1f}%  {k}" for k, b in costs.most_common(top))]


def report(pages: list[Page], top: int) -> list[str]:
    largest = max(pages, key=lambda p: p.size)
    every_attr = sum((p.attributes for p in pages), Counter())
    every_tag = sum((p.tags for p in pages), Counter())
    return [
        sizes_line(pages),
        *table("attributes inside <math>, all pages:", every_attr, top),
        *table("element tags inside <math> (attributes aside), all pages:", every_tag, top),
        *table(f"attributes inside <math>, the largest page ({largest.path}, {largest.size / KIB:.1f} KiB, "
               f"MathML {largest.math / KIB:.1f} KiB):", largest.attributes, top),
        "largest pages:",
        *(f"  {p.size / KIB:7.1f} KiB  MathML {p.math / KIB:6.1f} KiB in {p.formulas:4d} <math>  {p.path}"
          for p in sorted(pages, key=lambda p: (-p.size, p.path))[:top]),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site (default: the checkout's)")
    parser.add_argument("--top", type=int, default=8, help="rows of each table")
    args = parser.parse_args()
    site = args.site.resolve()
    pages = [read_page(p, site) for p in sorted(site.glob("problems/*/*/index.html"))]
    if not pages:
        raise SystemExit(f"no problem pages under {site}")
    print("\n".join(report(pages, args.top)))


if __name__ == "__main__":
    main()
