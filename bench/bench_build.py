"""Benchmark: `mcdocgen build` cold, with nothing changed, and with one problem changed.

Builds the catalog into a scratch copy of the project's root (mkdocs.yml and the hand-written
docs/), in a child process as `make site` runs it, and prints each build's wall and CPU time
(the child's and its children's: MkDocs, node, latexmk), median of --runs. "one changed" adds a
word to one problem's summary each run (its page and its derivation are made again);
"handout changed" does the same to a problem of the catalog's handout (its PDFs too).
--checkout DIR runs another checkout's code (e.g. main's, for the figures before), interleaved
with this one's. Run: .venv/bin/python bench/bench_build.py [--runs 3] [--checkout /work/main]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mcdocgen.publish.swap import GENERATED  # noqa: E402 - the generated part of docs/, left out of the copy

SCENARIOS = ("cold", "unchanged", "one changed", "handout changed")
CHANGED = {"one changed": "ex3-gradient", "handout changed": "ex4-dot-square"}


def scratch_root(folder: Path, catalog: Path) -> Path:
    root = Path(tempfile.mkdtemp(prefix="bench-build-", dir=folder))
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", root / "docs", ignore=shutil.ignore_patterns(*GENERATED), symlinks=True)
    shutil.copy(catalog, root / "derivations.yaml")
    return root


def add_word(catalog: Path, problem: str, word: str) -> None:
    """One more word at the end of ``problem``'s summary (shown on its page, its topic's and in handouts)."""
    text = catalog.read_text(encoding="utf-8")
    start = text.index(f"- id: {problem}\n")
    match = re.compile(r"summary: (.*)\.\n").search(text, start)
    assert match, problem
    catalog.write_text(text[:match.end(1)] + f" {word}" + text[match.end(1):], encoding="utf-8")


def timed_build(code: Path, root: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one build of ``root`` with the code of checkout ``code``."""
    env = {**os.environ, "PYTHONPATH": str(code), "NO_MKDOCS_2_WARNING": "1"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mcdocgen", "build", "derivations.yaml"], cwd=root, env=env,
                          capture_output=True, text=True, timeout=1800)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"build failed with {code}:\n{proc.stderr}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--checkout", type=Path, action="append", default=[],
                        help="another checkout to time as well (repeatable)")
    parser.add_argument("--catalog", type=Path, default=ROOT / "derivations.yaml")
    args = parser.parse_args()
    codes = [ROOT, *args.checkout]
    times: dict[tuple[Path, str], list[tuple[float, float]]] = {(c, s): [] for c in codes for s in SCENARIOS}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as folder:
        for run in range(args.runs):
            for code in codes:  # interleaved: the machine's load falls on every checkout alike
                root = scratch_root(Path(folder), args.catalog)
                times[code, "cold"].append(timed_build(code, root))
                times[code, "unchanged"].append(timed_build(code, root))
                for scenario, problem in CHANGED.items():
                    add_word(root / "derivations.yaml", problem, f"bench{run}x{len(times[code, scenario])}")
                    times[code, scenario].append(timed_build(code, root))
                shutil.rmtree(root)
    print(f"median of {args.runs} runs; load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'checkout':<28} {'build':<16} {'wall s':>8} {'cpu s':>8}")
    for code in codes:
        for scenario in SCENARIOS:
            rows = times[code, scenario]
            print(f"{code!s:<28} {scenario:<16} {statistics.median(w for w, _ in rows):>8.2f}"
                  f" {statistics.median(c for _, c in rows):>8.2f}")


if __name__ == "__main__":
    main()
