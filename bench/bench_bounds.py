"""Benchmark: the wall and CPU time of `mcdocgen check` on each catalog of tests/bounds_cases.py.

Each runs in its own process with a time limit (default 30 s); prints the wall time, the CPU time
(the process and its workers: what tests/test_bounds.py bounds, since the load of the machine does
not grow it), the exit status and the last line of the answer. Run: .venv/bin/python bench/bench_bounds.py [--limit S] [NAME ...]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from bounds_cases import all_cases  # noqa: E402


def _children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("names", nargs="*")
    ap.add_argument("--limit", type=float, default=30.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for case in all_cases():
            if args.names and case.name not in args.names:
                continue
            path = Path(tmp) / f"{case.name}.yaml"
            path.write_text(case.text, encoding="utf-8")
            t0, c0 = time.perf_counter(), _children_cpu()
            try:
                run = subprocess.run([sys.executable, "-m", "mcdocgen", "check", str(path), "--jobs", "1"],
                                     capture_output=True, text=True, timeout=args.limit, cwd=tmp,
                                     env={**os.environ, "PYTHONPATH": str(ROOT)})
                status, out = str(run.returncode), (run.stderr.strip().splitlines() or [""])
                last = out[0] if run.returncode == 2 else out[-1]
            except subprocess.TimeoutExpired:
                status, last = "killed", f"over {args.limit:g} s"
            size = f"{len(case.text) / 1e6:.1f} MB" if len(case.text) > 1e5 else ""
            print(f"{case.name:22s} {time.perf_counter() - t0:6.1f} s  cpu {_children_cpu() - c0:6.2f} s  "
                  f"exit {status:6s} {size:7s} {last[:100]}", flush=True)


if __name__ == "__main__":
    main()
