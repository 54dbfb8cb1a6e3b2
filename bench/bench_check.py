"""Benchmark: derive and verify the catalog, and a generated catalog ten times larger.

Prints per-problem derive time and the CPU time of each check (median of several runs, one
process, SymPy's cache cleared before each problem as in a fresh worker), the slowest checks, and
the wall and CPU time of the whole check with every core in use (CPU over wall near the number of
workers: every core busy), and what the parent does alone before the workers start (a fresh
process: imports and the catalog); --factor 0 leaves out the larger catalog (bench_scale.py measures those).
Run: PYTHONPATH=. .venv/bin/python bench/bench_check.py: the engine timed is PYTHONPATH's (without
it, this checkout's).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(ROOT))

from sympy.core.cache import clear_cache  # noqa: E402

from mcdocgen.catalog import load_catalog  # noqa: E402
from mcdocgen.checks.results import CheckName  # noqa: E402
from mcdocgen.checks.verify import planned, run_check  # noqa: E402
from mcdocgen.commands.pipeline import run_catalog, workers  # noqa: E402
from mcdocgen.engine.derive import derive  # noqa: E402
from mcdocgen.engine.hessian import derive_hessian  # noqa: E402
from mcdocgen.engine.notation import derive_page  # noqa: E402

CHECKS = list(CheckName)


def per_problem(catalog, runs: int) -> list[tuple[str, float, dict[CheckName, float]]]:
    """(id, derive seconds, CPU seconds of each check summed over the problem's derivations), medians."""
    rows = []
    for p in catalog.problems:
        derive_t: list[float] = []
        check_t: dict[CheckName, list[float]] = {c: [] for c in CHECKS}
        for _ in range(runs):
            clear_cache()
            t = time.process_time()
            derivations = derive_page(p, derive, derive_hessian)
            derive_t.append(time.process_time() - t)
            spent = dict.fromkeys(CHECKS, 0.0)
            for d in derivations:
                for name, check in planned(p, d):
                    t = time.process_time()
                    run_check(check)
                    spent[name] += time.process_time() - t
            for c in CHECKS:
                check_t[c].append(spent[c])
        rows.append((p.id, statistics.median(derive_t), {c: statistics.median(v) for c, v in check_t.items()}))
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


def wall(catalog, jobs: int, runs: int) -> tuple[float, float]:
    """Median wall seconds of the whole check, and CPU seconds over wall seconds (workers included)."""
    times, ratios = [], []
    for _ in range(runs):
        before = os.times()
        t = time.perf_counter()
        outcomes = run_catalog(catalog, jobs)
        spent = time.perf_counter() - t
        after = os.times()
        cpu = sum(getattr(after, k) - getattr(before, k) for k in ("user", "system", "children_user", "children_system"))
        times.append(spent)
        ratios.append(cpu / spent)
        assert all(o.view.ok for o in outcomes)
    return statistics.median(times), statistics.median(ratios)


# the parent's part before it forks the workers, in a fresh process (cold imports), as `check` does it (the
# statements' Temml check is forked after the catalog and imports its code there: no part of this)
SERIAL = """
import resource, sys, time
t0 = time.perf_counter()
from mcdocgen.catalog import load_catalog
catalog = load_catalog(sys.argv[1])
t1 = time.perf_counter()
import mcdocgen.commands.pipeline, mcdocgen.publish.report
t2 = time.perf_counter()
cpu = resource.getrusage(resource.RUSAGE_SELF)
print(t1 - t0, t2 - t1, cpu.ru_utime + cpu.ru_stime)
"""


def parent_serial(catalog: str, runs: int) -> tuple[float, float, float]:
    """Median wall seconds of loading the catalog and of importing the engine, and the CPU seconds of
    the whole (the interpreter's start included): the part of `check` no worker can share."""
    rows = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", SERIAL, catalog], check=True, capture_output=True, text=True,
                             env={**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH") or str(ROOT)})
        rows.append([float(x) for x in out.stdout.split()])
    load, engine, cpu = (statistics.median(col) for col in zip(*rows, strict=True))
    return load, engine, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("catalog", nargs="?", default=str(ROOT / "derivations.yaml"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--factor", type=int, default=10)
    ap.add_argument("--per-check-only", action="store_true", help="stop after the per-check table")
    args = ap.parse_args()

    catalog = load_catalog(args.catalog)
    print(f"machine: {os.cpu_count()} cores; pool of {workers()} workers")
    load, engine, cpu = parent_serial(args.catalog, args.runs)
    print(f"parent before the workers start (fresh process, median of {args.runs}): catalog {load:.2f} s, "
          f"engine imports {engine:.2f} s wall; {cpu:.2f} s CPU in all")
    print("CPU milliseconds, one process, median of the runs")
    print(f"{'problem':32s} {'derive':>8s} " + " ".join(f"{c:>11s}" for c in CHECKS))
    rows = per_problem(catalog, args.runs)
    for pid, d, checks in rows:
        print(f"{pid:32s} {d * 1000:8.1f} " + " ".join(f"{checks[c] * 1000:11.1f}" for c in CHECKS))
    total_d = sum(r[1] for r in rows)
    totals = {c: sum(r[2][c] for r in rows) for c in CHECKS}
    print(f"{'sum':32s} {total_d * 1000:8.1f} " + " ".join(f"{totals[c] * 1000:11.1f}" for c in CHECKS))
    print(f"checks together: {sum(totals.values()):.2f} s; derive: {total_d:.2f} s")
    slowest = sorted(((r[2][c], r[0], c) for r in rows for c in CHECKS), reverse=True)[:5]
    print("slowest checks: " + "; ".join(f"{pid} {c} {t * 1000:.0f} ms" for t, pid, c in slowest))
    if args.per_check_only:
        return

    n = len(catalog.problems)
    one, one_ratio = wall(catalog, 1, args.runs)
    both, both_ratio = wall(catalog, workers(), args.runs)
    print(f"\ncatalog ({n} problems): {one:.2f} s on 1 core, {both:.2f} s on {workers()} "
          f"(median of {args.runs}); speed-up {one / both:.2f}; CPU / wall {one_ratio:.2f} and {both_ratio:.2f}")

    if args.factor < 2:
        return
    big = load_catalog(larger_catalog(Path(args.catalog), args.factor))
    big_one, _ = wall(big, 1, 1)
    big_both, big_ratio = wall(big, workers(), 1)
    print(f"catalog x{args.factor} ({len(big.problems)} problems): {big_one:.2f} s on 1 core, {big_both:.2f} s on "
          f"{workers()} (speed-up {big_one / big_both:.2f}, CPU / wall {big_ratio:.2f}); {big_one / one:.1f} times "
          f"the one-core time for {args.factor} times the problems")


if __name__ == "__main__":
    main()
