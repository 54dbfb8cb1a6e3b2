"""Benchmark: derive and verify the catalog, and a generated catalog ten times larger.

Prints per-problem derive and verify times (median of several runs, one process) and the
wall time of the whole check with every core in use; --factor 0 leaves out the larger catalog
(bench_scale.py measures those). Run: PYTHONPATH=. .venv/bin/python bench/bench_check.py: the engine
timed is PYTHONPATH's (without it, this checkout's).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(ROOT))

from mcdocgen.catalog import load_catalog  # noqa: E402
from mcdocgen.commands.pipeline import run_catalog, run_problem, workers  # noqa: E402


def per_problem(catalog, runs: int) -> list[tuple[str, float, float]]:
    rows = []
    for p in catalog.problems:
        derive_t, verify_t = [], []
        for _ in range(runs):
            o = run_problem(p)
            derive_t.append(o.derive_seconds)
            verify_t.append(o.verify_seconds)
        rows.append((p.id, statistics.median(derive_t), statistics.median(verify_t)))
    return rows


def larger_catalog(source: Path, factor: int) -> Path:
    """The catalog repeated `factor` times with fresh ids (same mathematics, new pages)."""
    import yaml

    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    problems = []
    for k in range(factor):
        for p in data["problems"]:
            q = dict(p)
            q["id"] = f"{p['id']}-{k}"
            problems.append(q)
    out = Path(tempfile.mkdtemp()) / f"catalog-x{factor}.yaml"
    class NoAliases(yaml.SafeDumper):  # catalogs refuse anchors and aliases
        def ignore_aliases(self, data):
            return True

    out.write_text(yaml.dump({"problems": problems}, Dumper=NoAliases, sort_keys=False), encoding="utf-8")
    return out


def wall(catalog, jobs: int, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        outcomes = run_catalog(catalog, jobs)
        times.append(time.perf_counter() - t)
        assert all(o.view.ok for o in outcomes)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("catalog", nargs="?", default=str(ROOT / "derivations.yaml"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--factor", type=int, default=10)
    args = ap.parse_args()

    catalog = load_catalog(args.catalog)
    print(f"machine: {os.cpu_count()} cores; pool of {workers()} workers")
    print(f"{'problem':32s} {'derive ms':>10s} {'verify ms':>10s}")
    rows = per_problem(catalog, args.runs)
    for pid, d, v in rows:
        print(f"{pid:32s} {d * 1000:10.1f} {v * 1000:10.1f}")
    total_d = sum(r[1] for r in rows)
    total_v = sum(r[2] for r in rows)
    print(f"{'sum (one process)':32s} {total_d * 1000:10.1f} {total_v * 1000:10.1f}")
    print(f"slowest verify: {max(rows, key=lambda r: r[2])[0]}")

    n = len(catalog.problems)
    one = wall(catalog, 1, args.runs)
    both = wall(catalog, workers(), args.runs)
    print(f"\ncatalog ({n} problems): {one:.2f} s on 1 core, {both:.2f} s on {workers()} "
          f"(median of {args.runs}); speed-up {one / both:.2f}")

    if args.factor < 2:
        return
    big = load_catalog(larger_catalog(Path(args.catalog), args.factor))
    big_one = wall(big, 1, 1)
    big_both = wall(big, workers(), 1)
    print(f"catalog x{args.factor} ({len(big.problems)} problems): {big_one:.2f} s on 1 core, {big_both:.2f} s on "
          f"{workers()} (speed-up {big_one / big_both:.2f}); {big_one / one:.1f} times the one-core time "
          f"for {args.factor} times the problems")


if __name__ == "__main__":
    main()
