"""A new instructor's commands, timed, from a wheel of this checkout: build the wheel, make a venv,
install the wheel, then outside the checkout `mcdocgen init`, `check`, `build` (twice: the second
finds nothing changed) and `handout`. Prints each step's wall and CPU time (children included).

By default the venv gets the wheel only, with this venv's libraries on its path (as
tests/test_install.py does: no network, seconds); ``--full`` installs the wheel with its
dependencies from the package index under constraints.txt, as an instructor would (minutes, and
the figure depends on the network and pip's cache).

Timing lives here, not in the tests. Run: .venv/bin/python bench/bench_install.py [--full]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def step(label: str, command: list[str], cwd: Path, env: dict[str, str]) -> None:
    wall, cpu = time.perf_counter(), _cpu()
    proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"{label} failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    print(f"{time.perf_counter() - wall:7.1f} s wall {_cpu() - cpu:7.1f} s CPU  {label}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="install the dependencies from the index too")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "CI")}
    with tempfile.TemporaryDirectory(prefix="mcdocgen-install-") as tmp:
        tmp_path = Path(tmp)
        dist, venv, work = tmp_path / "dist", tmp_path / "venv", tmp_path / "work"
        work.mkdir()
        step("python -m build (sdist, then the wheel from it)",
             [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(ROOT)], ROOT, env)
        (wheel,) = dist.glob("mcdocgen-*.whl")
        base = getattr(sys, "_base_executable", sys.executable)
        step("python -m venv", [base, "-m", "venv", *([] if args.full else ["--without-pip"]), str(venv)], tmp_path, env)
        python = venv / "bin" / "python"
        if args.full:
            step("pip install the wheel and its dependencies (constraints.txt)",
                 [str(python), "-m", "pip", "install", "-q", "-c", str(ROOT / "constraints.txt"), str(wheel)], tmp_path, env)
        else:
            step("pip install the wheel (--no-deps; this venv's libraries on its path)",
                 [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index",
                  str(wheel)], tmp_path, env)
            purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                                     capture_output=True, text=True, check=True).stdout.strip()
            Path(purelib, "bench_libraries.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
        env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
        step("mcdocgen init ml-101", ["mcdocgen", "init", "ml-101"], work, env)
        course = work / "ml-101"
        step("mcdocgen check", ["mcdocgen", "check", "--quiet"], course, env)
        step("mcdocgen build", ["mcdocgen", "build", "--quiet"], course, env)
        step("mcdocgen build (nothing changed)", ["mcdocgen", "build", "--quiet"], course, env)
        step("mcdocgen handout", ["mcdocgen", "handout"], course, env)


if __name__ == "__main__":
    main()
