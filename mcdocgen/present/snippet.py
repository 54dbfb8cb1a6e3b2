"""A short runnable NumPy program per result that repeats its numeric check for the reader."""

from __future__ import annotations

from mcdocgen.language import expr as E
from mcdocgen.catalog.load import Assumption, Problem
from mcdocgen.checks.sampling import INVERTIBLE_SHIFT, POSITIVE_RANGE
from mcdocgen.engine.derive import Derivation

SNIPPET_SIZES = (3, 4, 5, 2)

PRELUDE = """import numpy as np

# The expression language on numpy arrays; vectors are columns.
exp, log, sin, cos, tan, tanh, sqrt, sign = np.exp, np.log, np.sin, np.cos, np.tan, np.tanh, np.sqrt, np.sign
maximum, inv, det = np.maximum, np.linalg.inv, np.linalg.det
def sigmoid(a): return 1 / (1 + np.exp(-a))
def relu(a): return np.maximum(0, a)
def heaviside(a): return np.heaviside(a, 0.5)
def sum(a): return np.sum(a)
def mean(a): return np.mean(a)
def norm(a): return np.linalg.norm(a)
def dot(a, b): return np.sum(np.ravel(a) * np.ravel(b))
def tr(a): return np.trace(a)
def outer(a, b): return np.outer(a, b)
def eye(n): return np.eye(n)
def ones(n): return np.ones((n, 1))
def diag(a): return np.diag(np.ravel(a)) if 1 in np.shape(a) else np.diag(a).reshape(-1, 1)
"""


def _sample_line(var, size_names: dict[str, int]) -> str:
    rows = str(var.shape.rows)
    cols = str(var.shape.cols)
    r = size_names.get(rows, rows)
    c = size_names.get(cols, cols)
    assume = set(var.assume)
    if Assumption.POSITIVE_DEFINITE in assume:
        return f"B = rng.normal(size=({r}, {r})); {var.name} = B @ B.T + {r} * np.eye({r})"
    if Assumption.POSITIVE in assume:
        low, high = POSITIVE_RANGE
        return f"{var.name} = rng.uniform({low}, {high}, size=({r}, {c}))"
    line = f"{var.name} = rng.normal(size=({r}, {c}))"
    if Assumption.SYMMETRIC in assume:
        line += f"; {var.name} = ({var.name} + {var.name}.T) / 2"
    if Assumption.INVERTIBLE in assume:
        line += f"; {var.name} = {var.name} + {INVERTIBLE_SHIFT} * np.sqrt({r}) * np.eye({r})"
    return line


def numpy_snippet(problem: Problem, d: Derivation) -> str:
    """Python source that compares the denominator-layout result with finite differences."""
    try:
        f_text = E.to_text(problem.expression)
        g_text = E.to_text(d.result)
    except E.ExprError:
        return ""
    sizes = {name: SNIPPET_SIZES[i % len(SNIPPET_SIZES)] for i, name in enumerate(problem.sizes)}
    names = ", ".join(v.name for v in problem.variables)
    lines = [PRELUDE, "rng = np.random.default_rng(0)"]
    lines += [f"{k} = {v}" for k, v in sizes.items()]
    lines += [_sample_line(v, sizes) for v in problem.variables]
    x = d.wrt
    lines += [
        "",
        f"def f({names}):",
        f"    return np.asarray({f_text}, dtype=float)",
        "",
        f"def gradient({names}):  # denominator layout",
        f"    return np.asarray({g_text}, dtype=float)",
        "",
        f"analytic = gradient({names})",
        f"numeric = np.zeros(({x}.size, f({names}).size))",
        f"for i in np.ndindex(*{x}.shape):",
        "    h = 1e-6",
        f"    up, down = {x}.copy(), {x}.copy()",
        "    up[i] += h; down[i] -= h",
        f"    k = np.ravel_multi_index(i, {x}.shape)",
        f"    numeric[k] = (f({_call(problem, x, 'up')}) - f({_call(problem, x, 'down')})).ravel() / (2 * h)",
        f"numeric = numeric.reshape(analytic.shape)",
        "print(np.max(np.abs(numeric - analytic)))  # about 1e-9 or smaller",
    ]
    return "\n".join(lines) + "\n"


def _call(problem: Problem, wrt: str, value: str) -> str:
    return ", ".join(value if v.name == wrt else v.name for v in problem.variables)
