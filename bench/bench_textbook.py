"""How close mcdocgen's results are to the forms a textbook prints (tests/textbook/).

For each corpus entry and layout: syntax_size(mcdocgen's expr) / syntax_size(textbook form).
Prints every result longer than the textbook's, the entries not derived, then the median, the worst
and the share within 1.15 per layout, overall and per kind of derivative.
Run: .venv/bin/python bench/bench_textbook.py [--all] [--corpus beyond|fresh|fresh2|fresh3]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "textbook")]

from measure import CORPORA, WITHIN, Kind, by_layout, describe, outcomes, summary  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--all", action="store_true", help="print every result, not only the long ones")
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="textbook",
                        help="the held-out textbook forms, the derivatives beyond gradients, or a fresh sample")
    args = parser.parse_args()
    done = [o for o in outcomes(args.corpus) if o.results]
    for o in done:
        for m in o.results:
            if args.all or m.ratio > 1.0:
                print(f"{'  ' if m.ratio <= WITHIN else '!!'} {describe(m)}")
    refused = [o for o in outcomes(args.corpus) if not o.results]
    print(f"\nnot derived: {len(refused)} of {len(outcomes(args.corpus))} entries")
    for o in refused:
        print(f"   {o.entry.expression} by {o.entry.wrt}: {o.not_derived}")
    print()
    for layout, results in by_layout([m for o in done for m in o.results]).items():
        print(f"{layout.value:>11}: {len(results)} results, {summary([m.ratio for m in results]).line()}")
    for k in Kind:
        of_kind = [m for o in done if o.kind is k for m in o.results]
        if not of_kind:
            continue
        print(f"  {k.value}:")
        for layout, results in by_layout(of_kind).items():
            print(f"    {layout.value:>11}: {len(results):3d} results, {summary([m.ratio for m in results]).line()}")


if __name__ == "__main__":
    main()
