"""How close mcdocgen's results are to the forms a textbook prints (tests/textbook/).

For each corpus entry and layout: syntax_size(mcdocgen's expr) / syntax_size(textbook form).
Prints every result longer than the textbook's, then the median, the worst and the share within 1.15
per layout. Run: .venv/bin/python bench/bench_textbook.py [--all]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "textbook")]

from measure import WITHIN, measure, summary  # noqa: E402
from textbook_corpus import ENTRIES  # noqa: E402

from mcdocgen.language.shapes import Layout  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="print every result, not only the long ones")
    args = parser.parse_args()
    ratios: dict[Layout, list[float]] = {Layout.NUMERATOR: [], Layout.DENOMINATOR: []}
    for entry in ENTRIES:
        for m in measure(entry):
            ratios[m.layout].append(m.ratio)
            if args.all or m.ratio > 1.0:
                flag = "  " if m.ratio <= WITHIN else "!!"
                print(f"{flag} {m.ratio:5.2f} {m.layout.value[:3]} {entry.expression} by {entry.wrt}\n"
                      f"         got  {m.derived}\n         book {m.textbook}")
    for layout, rs in ratios.items():
        print(f"{layout.value:>11}: {len(rs)} results, {summary(rs).line()}")


if __name__ == "__main__":
    main()
