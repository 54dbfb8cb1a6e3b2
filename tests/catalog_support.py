"""Helpers of the catalog tests: a small valid catalog (BASE) and the diagnostics of broken ones."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from mcdocgen.catalog import load_catalog
from mcdocgen.errors import CatalogError

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
BAD = DATA / "bad"


def diagnostics_of(path: str | Path) -> list[str]:
    """Every diagnostic of a catalog that does not load, rendered."""
    with pytest.raises(CatalogError) as info:
        load_catalog(path)
    return [d.render() for d in info.value.diagnostics]


BASE = """\
problems:
  - id: demo
    title: Demo
    summary: One sentence.
    tags: [vector]
    source: "test"
    variables:
      x: {shape: [n]}
      A: {shape: [n, n]}
    expression: "x.T @ A @ x"
    wrt: [x]
"""

# A catalog of one problem with a chain of intermediates, for the commands' tests (check, build, cache).
LEAST_SQUARES = """\
problems:
  - id: lsq
    title: Least squares
    summary: Gradient of a squared residual.
    tags: [chain rule]
    source: test
    variables:
      X: {shape: [m, n]}
      w: {shape: [n]}
      y: {shape: [m]}
    expression: "norm(X @ w - y)**2"
    wrt: [w]
"""


def write(tmp_path: Path, text: str, name: str = "c.yaml") -> Path:
    """A catalog file of ``text`` (dedented) in the test's folder."""
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def only_error(tmp_path: Path, text: str) -> str:
    """The one diagnostic as 'LINE:COL: message [code]' (the temporary path left out)."""
    path = write(tmp_path, text)
    lines = diagnostics_of(path)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}:")
    return lines[0][len(f"{path}:"):]


def without_line(rendered: str) -> str:
    """A rendered diagnostic without its file, line and column."""
    return rendered.split(": ", 1)[1]


def replaced(old: str, new: str) -> str:
    """BASE with its one ``old`` replaced by ``new``."""
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)
