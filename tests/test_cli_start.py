"""A fast start: what the command line imports before it does anything (issue 15, item 4).

`--version`, `--help`, `schema` and a catalog that fails to validate answer without the symbolic
stack: SymPy's import alone costs a third of a second, NumPy's a tenth. Each case runs in a fresh
interpreter (this one has everything loaded) and lists which of the heavy packages it imported.
Timing is not asserted here: bench/bench_start.py prints it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
HEAVY = ("sympy", "numpy", "jinja2", "mkdocs", "mcdocgen.engine", "mcdocgen.checks", "mcdocgen.present",
         "mcdocgen.publish", "mcdocgen.commands.pipeline")
# Runs the command line as `mcdocgen ARGS` would, then prints the heavy modules it imported.
DRIVER = f"""
import json, sys
from mcdocgen.cli import main
try:
    code = main(sys.argv[1:])
except SystemExit as stop:   # argparse's --help and --version
    code = stop.code
sys.stdout.flush()
print(json.dumps([code, sorted(m for m in {HEAVY!r} if m in sys.modules)]), file=sys.stderr)
"""


def imported(*args: str) -> tuple[int, list[str], str]:
    """(exit code, heavy modules imported, standard output) of ``mcdocgen ARGS`` in a fresh interpreter."""
    done = subprocess.run([sys.executable, "-c", DRIVER, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    code, heavy = json.loads(done.stderr.strip().splitlines()[-1])
    return code, heavy, done.stdout


@pytest.mark.parametrize("args", [["--version"], ["--help"], ["check", "--help"], ["try", "--help"], ["schema"]])
def test_the_parser_the_version_and_the_schema_import_nothing_heavy(args):
    code, heavy, out = imported(*args)
    assert (code, heavy) == (0, [])
    assert out.strip()


def test_the_schema_is_the_same_without_the_algebra():
    _, _, out = imported("schema")
    assert out == (ROOT / "catalog.schema.json").read_text(encoding="utf-8")


@pytest.mark.parametrize("catalog", ["bad/yaml-syntax.yaml", "bad/non-utf8.yaml", "bad/problems-not-list.yaml",
                                     "no-such-file.yaml"])
def test_a_catalog_that_fails_before_its_expressions_imports_nothing_heavy(catalog):
    assert imported("check", str(DATA / catalog))[:2] == (2, [])


@pytest.mark.parametrize("command", [["check"], ["show", "p1-unknown-name"]])
def test_a_catalog_with_mistakes_needs_only_the_parser(command):
    """Reading expressions needs SymPy (sizes and numbers are SymPy's); not NumPy, the engine or the pages."""
    assert imported(*command, str(DATA / "ten-mistakes.yaml"))[:2] == (2, ["sympy"])


def test_try_with_a_bad_variable_imports_nothing_heavy():
    code, heavy, _ = imported("try", "x @ y", "--var", "x:positive")
    assert (code, heavy) == (2, [])
