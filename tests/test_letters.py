"""catalog.letters: a scalar named with a letter the notation reserves (d, the differential's; e, Euler's number)
is warned of by `mcdocgen check` (review s36 B-2: Huber's threshold d printed "d e" and "d 1 - (a - e)",
attention's key dimension d the shape (m, d m) beside dK)."""

import subprocess
import sys
from pathlib import Path

import pytest
from catalog_support import LEAST_SQUARES
from problem_factory import make_problem

from mcdocgen.catalog import load_catalog
from mcdocgen.catalog.letters import letter_clashes

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("expression", "variables", "says"), [
    ("sum(d * x)", {"x": ["n"], "d": []}, "the scalar d reads as the differential's d"),
    ("e * dot(x, x)", {"x": ["n"], "e": []}, "the scalar e reads as Euler's number e"),
    ("softmax(K @ q / sqrt(d))", {"K": ["m", "d"], "q": ["d"]}, "the size d, a factor in the expression, reads as"),
])
def test_a_scalar_with_a_reserved_letter_is_warned_of(expression, variables, says):
    clashes = letter_clashes(make_problem(expression, variables, pid="p"))
    assert len(clashes) == 1 and clashes[0].startswith(f"p: {says}")


@pytest.mark.parametrize(("expression", "variables"), [
    ("sum(e * x)", {"x": ["n"], "e": ["n"]}),                       # a bold vector e is another glyph
    ("tr(S) - d + logdet(S)", {"S": ["d", "d"]}),                   # KL's "- d": a whole term, and shapes (d, d)
    ("(tr(S) - d) / 2", {"S": ["d", "d"]}),                         # a whole term, however deep its sum stands
    ("sum(k * x)", {"x": ["n"], "k": []}),
])
def test_what_reads_as_itself_is_not_warned_of(expression, variables):
    assert letter_clashes(make_problem(expression, variables)) == ()


def test_the_catalog_gives_no_scalar_a_reserved_letter():
    """Huber's threshold is Huber's k, attention's key dimension Vaswani's d_k."""
    assert [c for p in load_catalog(ROOT / "derivations.yaml").problems for c in letter_clashes(p)] == []


def test_check_warns_and_still_passes(tmp_path):
    cat = tmp_path / "c.yaml"
    cat.write_text(LEAST_SQUARES.replace('norm(X @ w - y)**2', 'd * norm(X @ w - y)**2')
                   .replace("      y: {shape: [m]}\n", "      y: {shape: [m]}\n      d: {shape: []}\n"))
    proc = subprocess.run([sys.executable, "-m", "mcdocgen", "check", cat], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "mcdocgen: warning: lsq: the scalar d reads as the differential's d" in proc.stderr
