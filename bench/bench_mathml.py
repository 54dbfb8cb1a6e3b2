"""Experiment (session 29, before the switch): a built site with every problem page's KaTeX HTML
swapped for native MathML (Temml with the repairs of mcdocgen/publish/mathml.js), and what that
does to the pages' bytes. Kept to compare a KaTeX build (main before the switch) with MathML.

From a build folder (``.mcdocgen/current``: its ``docs/`` Markdown gives each page's formulas in
order, its ``site/`` the pages), writes a copy of the site whose problem pages carry Temml's MathML
in place of KaTeX's output, link ``vendor/mathml/mathml.css`` (Temml's STIX stylesheet, adapted)
instead of KaTeX's and preload one math font (the site's subset of STIX Two Math, or the woff2
given with --font). Prints, for the problem pages before
and after: mean, median and largest HTML size, how many are over 150 KiB (issue 15), and the mean
number of elements. Compare the two sites in Chromium with bench/bench_site.py --site A --site B.

Run (after `mcdocgen build`, `npm ci`):
    PYTHONPATH=. .venv/bin/python bench/bench_mathml.py [--build .mcdocgen/current] [--out DIR] [--font FILE]
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import markdown

from mcdocgen.publish.math_hook import ARITHMATEX

ROOT = Path(__file__).resolve().parent.parent
RENDER_JS = ROOT / "mcdocgen" / "publish" / "mathml.js"
TEMML_CSS = ROOT / "node_modules" / "temml" / "dist" / "Temml-STIX2.css"
STIX = ROOT / "mcdocgen" / "publish" / "fonts" / "STIXTwoMath.woff2"
# the Markdown extensions that make arithmatex elements as the site's build does (mkdocs.yml)
EXTENSIONS = ["pymdownx.arithmatex", "tables", "attr_list", "md_in_html", "admonition", "pymdownx.details",
              "pymdownx.superfences", "pymdownx.tabbed"]
# one formula in a built page: KaTeX's output between the arithmatex element and its readable twin
FORMULA = re.compile(r'(<(span|div) class="arithmatex">)(.*?)(<span class="math-text" hidden>)', re.S)
KATEX_FONT = re.compile(r'<link rel="preload" href="[./]*vendor/katex/fonts/[^"]*" as="font" type="font/woff2" crossorigin>\n?')
KATEX_CSS = re.compile(r'<link rel="stylesheet" href="([./]*)vendor/katex/katex\.min\.css">')
# Temml's sheet names its own font file: the shipped one instead. Inline MathML at 1.15em draws
# STIX Two (a larger x-height) about as large as KaTeX's 1.21em Computer Modern; a fraction gets
# TeX's null-delimiter space on each side (juxtaposed fractions touch otherwise).
FONT_FACE = "@font-face{font-family:'STIX Two Math';font-display:block;src:url(STIXTwoMath.woff2) format('woff2')}"
EXTRA_CSS = "\nmath{font-size:1.15em}\nmfrac{padding-inline:.12em}\n"


def page_formulas(md: Path) -> list[tuple[str, bool]]:
    """The formulas of a generated page, in order, as the site's Markdown makes them."""
    text = md.read_text(encoding="utf-8").split("---", 2)[-1]  # the front matter aside
    converter = markdown.Markdown(extensions=EXTENSIONS, extension_configs={"pymdownx.arithmatex": {"generic": True}})
    return [(html.unescape(m.group(2)), m.group(1) == "div") for m in ARITHMATEX.finditer(converter.convert(text))]


def render(formulas: list[tuple[str, bool]]) -> dict[tuple[str, bool], str]:
    unique = sorted(set(formulas))
    script = (f"const {{render}} = require({json.dumps(str(RENDER_JS))}); let s = '';"
              "process.stdin.on('data', c => s += c).on('end', () => process.stdout.write("
              "JSON.stringify(JSON.parse(s).map(([t, d]) => render(t, d)))))")
    done = subprocess.run(["node", "-e", script], input=json.dumps(unique), capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(done.stderr.strip())
    return dict(zip(unique, json.loads(done.stdout), strict=True))


def swapped(page: str, formulas: list[tuple[str, bool]], mathml: dict[tuple[str, bool], str]) -> str:
    it = iter(formulas)
    out = FORMULA.sub(lambda m: m.group(1) + mathml[next(it)] + m.group(4), page)
    prefix = KATEX_CSS.search(out).group(1)
    out = KATEX_FONT.sub("", out)
    return KATEX_CSS.sub(f'<link rel="preload" href="{prefix}vendor/mathml/STIXTwoMath.woff2" as="font" type="font/woff2"'
                         f' crossorigin>\n<link rel="stylesheet" href="{prefix}vendor/mathml/mathml.css">', out, count=1)


def stylesheet() -> str:
    css = re.sub(r"@font-face\s*\{[^}]*\}", FONT_FACE, TEMML_CSS.read_text(encoding="utf-8"), count=1)
    return css.replace("font-family: STIX2, math;", "font-family: 'STIX Two Math', math;") + EXTRA_CSS


def figures(sizes: list[int], elements: list[int]) -> str:
    kib = [s / 1024 for s in sizes]
    return (f"mean {statistics.mean(kib):.1f} KiB, median {statistics.median(kib):.1f} KiB, max {max(kib):.1f} KiB, "
            f"over 150 KiB: {sum(k > 150 for k in kib)}; elements: mean {statistics.mean(elements):.0f}, max {max(elements)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--build", type=Path, default=ROOT / ".mcdocgen" / "current")
    parser.add_argument("--out", type=Path, default=ROOT / "site-mathml")
    parser.add_argument("--font", type=Path, default=STIX, help="the math font to ship (woff2 with a MATH table)")
    args = parser.parse_args()
    site, docs = args.build / "site", args.build / "docs"
    pages = sorted(site.glob("problems/*/*/index.html"))
    todo = {p: page_formulas(docs / f"{p.parent.relative_to(site)}.md") for p in pages}
    mathml = render([f for formulas in todo.values() for f in formulas])
    if args.out.exists():
        shutil.rmtree(args.out)
    shutil.copytree(site, args.out)
    (args.out / "vendor" / "mathml").mkdir(parents=True)
    shutil.copyfile(args.font, args.out / "vendor" / "mathml" / "STIXTwoMath.woff2")
    (args.out / "vendor" / "mathml" / "mathml.css").write_text(stylesheet(), encoding="utf-8")
    before, after, skipped = ([], []), ([], []), []
    for p, formulas in todo.items():
        page = p.read_text(encoding="utf-8")
        if len(FORMULA.findall(page)) != len(formulas):
            skipped.append(str(p.parent.relative_to(site)))
            continue
        new = swapped(page, formulas, mathml)
        (args.out / p.relative_to(site)).write_text(new, encoding="utf-8")
        for (sizes, elements), text in ((before, page), (after, new)):
            sizes.append(len(text.encode("utf-8")))
            elements.append(len(re.findall(r"<[a-zA-Z]", text)))
    print(f"{len(before[0])} problem pages ({len(mathml)} distinct formulas); not matched: {skipped or 'none'}")
    print(f"font {args.font.name}: {args.font.stat().st_size:,} bytes; css {len(stylesheet()):,} bytes")
    print("KaTeX HTML:", figures(*before))
    print("MathML:    ", figures(*after))
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
