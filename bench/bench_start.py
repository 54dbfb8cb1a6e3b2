"""Start-up of the command line, measured: median wall time (and CPU time) of `--version`, `--help`,
`schema`, two bad catalogs (one refused before its expressions are read, one with ten mistakes in
them) and a small `try`, each a fresh process, run interleaved.

With ``--against DIR`` (another checkout, e.g. the main branch before a change) each command runs
alternately in both, so that the load of a shared machine falls on both alike. Python caches
compiled modules unless PYTHONDONTWRITEBYTECODE is set, which some sandboxes set: then every run
compiles mcdocgen's 200 modules afresh (about 0.3 s of CPU). ``--bytecode`` lets the children write
the cache (into each checkout's __pycache__ folders, which git ignores), as an installed mcdocgen has.

Timing lives here, not in the tests. Run: .venv/bin/python bench/bench_start.py [--runs 7] [--against DIR] [--bytecode]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
COMMANDS = {
    "--version": ["--version"],
    "--help": ["--help"],
    "schema": ["schema"],
    "bad catalog (YAML)": ["check", str(DATA / "bad" / "yaml-syntax.yaml")],
    "bad catalog (10 mistakes)": ["check", str(DATA / "ten-mistakes.yaml")],
    "try dot(a, x)": ["try", "dot(a, x)", "--var", "x:n", "--var", "a:n"],
}


def run_once(root: Path, args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its children) of one `mcdocgen ARGS` under ``root``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "mcdocgen", *args], cwd=root, env={**env, "PYTHONPATH": str(root)},
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, timeout=120)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--against", type=Path, help="another checkout, measured alternately with this one")
    parser.add_argument("--bytecode", action="store_true", help="let the children cache compiled modules")
    opts = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MCDOCGEN_PROGRESS")}
    if opts.bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    roots = [ROOT] + ([opts.against.resolve()] if opts.against else [])
    cached = "on" if "PYTHONDONTWRITEBYTECODE" not in env else "off (each run compiles mcdocgen's modules)"
    print(f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; bytecode cache {cached}; {opts.runs} runs, medians")
    for root in roots:   # a first run of each, not counted: the page cache and, with --bytecode, the .pyc files
        for args in COMMANDS.values():
            run_once(root, args, env)
    times: dict[tuple[Path, str], list[tuple[float, float]]] = {}
    for _ in range(opts.runs):
        for name, args in COMMANDS.items():
            for root in roots:
                times.setdefault((root, name), []).append(run_once(root, args, env))
    header = "".join(f"  {str(root)[-24:]:>24}" for root in roots)
    print(f"{'command':28}{header}   (wall s / CPU s)")
    for name in COMMANDS:
        cells = []
        for root in roots:
            walls, cpus = zip(*times[(root, name)], strict=True)
            cells.append(f"  {statistics.median(walls):>13.3f} / {statistics.median(cpus):<8.3f}")
        print(f"{name:28}{''.join(cells)}")


if __name__ == "__main__":
    main()
