"""Benchmark: where the CPU time of `mcdocgen check` goes, phase by phase.

The parent's serial part (a fresh process: imports and the catalog, before any worker starts) and,
in one process as a worker does it (SymPy's cache cleared before each problem), the CPU seconds of
deriving, of each check (first derivatives and Hessians apart), of finding the set-up's facts
(checks.setup_facts), of the report view and of pickling
it to the parent, summed over the catalog; medians of --runs runs.
Run: PYTHONPATH=. .venv/bin/python bench/bench_phases.py [catalog] [--runs N] [--derive-only]
(--derive-only: the deriving alone, every problem's page of derivations, without the checks or the parent's part)
"""

from __future__ import annotations

import argparse
import os
import pickle
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(ROOT))

from sympy.core.cache import clear_cache  # noqa: E402

from mcdocgen.catalog import load_catalog  # noqa: E402
from mcdocgen.checks.results import Verification  # noqa: E402
from mcdocgen.checks.setup_facts import used_facts  # noqa: E402
from mcdocgen.checks.verify import planned, run_check, verify  # noqa: E402
from mcdocgen.engine.derive import derive  # noqa: E402
from mcdocgen.engine.hessian import derive_hessian  # noqa: E402
from mcdocgen.engine.notation import derive_page  # noqa: E402
from mcdocgen.present.views import report_view  # noqa: E402

# the parent before it forks the workers, as `check` does it (garbage collection off, as there)
SERIAL = """
import gc, resource, sys
gc.disable()
from mcdocgen.catalog import load_catalog
catalog = load_catalog(sys.argv[1])
import mcdocgen.commands.pipeline, mcdocgen.publish.report, mcdocgen.publish.statements
cpu = resource.getrusage(resource.RUSAGE_SELF)
print(cpu.ru_utime + cpu.ru_stime)
"""


def serial(catalog: str) -> float:
    out = subprocess.run([sys.executable, "-c", SERIAL, catalog], check=True, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": os.environ.get("PYTHONPATH") or str(ROOT)})
    return float(out.stdout)


def phases(catalog, derive_only: bool = False) -> dict[str, float]:
    """CPU seconds of each phase of the workers' work over the whole catalog (``derive_only``: deriving alone)."""
    spent: dict[str, float] = defaultdict(float)
    clock = time.process_time
    for p in catalog.problems:
        clear_cache()
        t = clock()
        derivations = derive_page(p, derive, derive_hessian)
        spent["derive"] += clock() - t
        if derive_only:
            continue
        verifications = []
        for d in derivations:
            if not d.ok:
                verifications.append(verify(p, d))
                continue
            results = []
            for name, check in planned(p, d):
                t = clock()
                results.append(run_check(check))
                spent[f"{name}{'' if d.order == 1 else ' (Hessians)'}"] += clock() - t
            t = clock()
            facts = used_facts(p, d)    # verify keeps them in the Verification too (checks.setup_facts)
            spent["setup facts"] += clock() - t
            verifications.append(Verification(*results, setup_facts=facts))
        t = clock()
        view = report_view(p, derivations, verifications)
        spent["report view"] += clock() - t
        t = clock()
        pickle.loads(pickle.dumps(view))
        spent["pickle"] += clock() - t
    return spent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("catalog", nargs="?", default=str(ROOT / "derivations.yaml"))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--derive-only", action="store_true", help="time deriving alone (no checks, no parent)")
    args = ap.parse_args()
    catalog = load_catalog(args.catalog)
    parent = 0.0 if args.derive_only else statistics.median(serial(args.catalog) for _ in range(args.runs))
    runs = [phases(catalog, args.derive_only) for _ in range(args.runs)]
    names = sorted({k for r in runs for k in r}, key=lambda k: -runs[0].get(k, 0.0))
    medians = {k: statistics.median(r.get(k, 0.0) for r in runs) for k in names}
    print(f"CPU seconds, median of {args.runs} runs, {len(catalog.problems)} problems (load average "
          f"{os.getloadavg()[0]:.1f})")
    print(f"  {'parent, before the workers':28s} {parent:6.2f}")
    for k in names:
        print(f"  {k:28s} {medians[k]:6.2f}")
    print(f"  {'workers in all':28s} {sum(medians.values()):6.2f}")


if __name__ == "__main__":
    main()
