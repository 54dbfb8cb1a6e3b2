"""Make mcdocgen/publish/fonts/STIXTwoMath.woff2, the site's math font: STIX Two Math from the locked
npm package @fontsource/stix-two-math (403 KB, every glyph) cut down to the characters the site's
formulas can use (99 KB), with its MATH table (fontTools keeps it and every size variant and
piece a kept character's brackets stretch with), and next to it STIXTwoMath.txt, the code points
it has, which the site build checks every formula against (publish/mathml.py).

Needs fontTools and brotli, which mcdocgen itself does not (only this script, rarely run):
    python3 -m venv /tmp/ft && /tmp/ft/bin/pip install fonttools==4.68.0 brotli
    /tmp/ft/bin/python scripts/subset_math_font.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "@fontsource" / "stix-two-math" / "files" / "stix-two-math-latin-400-normal.woff2"
OUT = ROOT / "mcdocgen" / "publish" / "fonts" / "STIXTwoMath.woff2"
#: ASCII, Latin-1, dotless i and j, Greek, general punctuation (…, primes, function application), arrows, the
#: mathematical operators, ceiling and floor, white and angle brackets, n-ary operators, and the bold,
#: italic and bold italic Latin and Greek letters, double-struck (ℝ) and bold digits that MathML's <mi>,
#: \mathbf, \boldsymbol, \mathbb use, and the script K of the commutation matrix (present.commutation). A formula
#: needing another character fails the build (publish/mathml.py).
UNICODES = ("U+0020-007E,U+00A0-00FF,U+0131,U+0237,U+0391-03A9,U+03B1-03C9,U+03D1,U+03D5,U+03F0,U+03F1,U+03F5,"
            "U+2000-206F,U+2102,U+210E-210F,U+2113,U+2115,U+2119-211D,U+2124,U+2190-2199,U+21D0-21D5,U+2200-22FF,"
            "U+2308-230B,U+27E6-27E9,U+2A00-2A06,U+1D400-1D49B,U+1D4A6,U+1D538-1D56B,U+1D6A8-1D755,U+1D7CE-1D7D7")


def main() -> None:
    from fontTools.ttLib import TTFont

    subprocess.run([sys.executable, "-m", "fontTools.subset", str(SOURCE), f"--unicodes={UNICODES}",
                    "--layout-features=*", "--flavor=woff2", f"--output-file={OUT}"], check=True)
    font = TTFont(OUT)
    if "MATH" not in font:
        sys.exit(f"{OUT}: the MATH table was lost")
    points = sorted(font.getBestCmap())
    OUT.with_suffix(".txt").write_text("".join(f"{p:X}\n" for p in points), encoding="utf-8")
    print(f"{OUT}: {OUT.stat().st_size:,} bytes, {len(points)} code points")


if __name__ == "__main__":
    main()
