"""A short runnable NumPy program per result that repeats its numeric check for the reader."""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection

from mcdocgen import language as E
from mcdocgen.language.functions import FUNCTIONS, STRUCTURAL, is_numpy_alias
from mcdocgen.catalog import Assumption, Problem
from mcdocgen.checks.sampling import BOUNDED_SHRINK, INVERTIBLE_SHIFT, POSITIVE_RANGE, sizes_fit
from mcdocgen.engine.derive import Derivation
from mcdocgen.language.shapes import size_symbol
from mcdocgen.present.symmetric import SNIPPET_SYMMETRIC_STEP

SNIPPET_SIZES = (3, 4, 5, 2)
_CALL = re.compile(r"\b([A-Za-z_]\w*)\(")


def snippet_sizes(problem: Problem, d: Derivation) -> dict[str, int]:
    """The sizes a snippet sets: SNIPPET_SIZES in turn, or else the first arrangement of them where every
    matrix the function or its result inverts can be invertible (X^T X is singular for X 3 x 4)."""
    names = problem.sizes
    if len(names) <= len(SNIPPET_SIZES):
        for values in itertools.permutations(SNIPPET_SIZES, len(names)):    # the first is the plain order
            if sizes_fit(problem, d, {size_symbol(k): v for k, v in zip(names, values, strict=True)}):
                return dict(zip(names, values, strict=True))
    return {name: SNIPPET_SIZES[i % len(SNIPPET_SIZES)] for i, name in enumerate(names)}


def prelude(used: Collection[str]) -> str:
    """The language's functions that ``used`` names, on NumPy arrays, generated from their specs: the
    elementwise ones, then the others; those that are NumPy functions themselves in one assignment
    per group, the rest as one-line definitions. (Only those used: a page's snippet does not grow,
    nor change, when the language gains a function.)"""
    lines = ["import numpy as np", "", "# The expression language on numpy arrays; vectors are columns."]
    defs = []
    groups = ([(s.name, ("a",), s.numpy_text) for s in FUNCTIONS.values() if s.name in used],
              [(s.name, s.params, s.numpy_text) for s in STRUCTURAL if s.name in used])
    for group in groups:
        aliases = [(name, text) for name, _, text in group if is_numpy_alias(text)]
        if aliases:
            lines.append(f"{', '.join(n for n, _ in aliases)} = {', '.join(t for _, t in aliases)}")
        # "" is a Python builtin that already works on arrays (abs)
        defs += [f"def {name}({', '.join(params)}): return {text}" for name, params, text in group
                 if text and not is_numpy_alias(text)]
    return "\n".join(lines + defs) + "\n"


PRELUDE = prelude([s.name for s in FUNCTIONS.values()] + [s.name for s in STRUCTURAL])  # every function


def _sample_line(var, size_names: dict[str, int], spread: str = "") -> str:
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
    line = f"{var.name} = {spread}rng.normal(size=({r}, {c}))"
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
    sizes = snippet_sizes(problem, d)
    names = ", ".join(v.name for v in problem.variables)
    lines = [prelude(set(_CALL.findall(f_text + "\n" + g_text))), "rng = np.random.default_rng(0)"]
    lines += [f"{k} = {v}" for k, v in sizes.items()]
    lines += [_sample_line(v, sizes) for v in problem.variables]
    x = d.wrt
    lines += [
        "",
        f"def f({names}):",
        f"    return np.asarray({f_text}, dtype=float)",
        "",
    ]
    if any(isinstance(n, E.Func) and n.fn in E.BOUNDED_DOMAIN for n in E.walk(problem.expression)):
        # arcsin, arccos: drawn again until the point is inside their domain, as the checks do
        lines += ['with np.errstate(invalid="ignore"):  # outside the domain f is nan: draw again, narrower',
                  "    spread = 1.0",
                  f"    while not np.all(np.isfinite(f({names}))):",
                  f"        spread *= {BOUNDED_SHRINK}"]
        lines += ["        " + _sample_line(v, sizes, "spread * " if not v.assume else "") for v in problem.variables]
        lines += [""]
    lines += [
        f"def gradient({names}):  # denominator layout",
        f"    return np.asarray({g_text}, dtype=float)",
        "",
        f"analytic = gradient({names})",
        f"numeric = np.zeros(({x}.size, f({names}).size))",
        f"for i in np.ndindex(*{x}.shape):",
        "    h = 1e-6",
        f"    up, down = {x}.copy(), {x}.copy()",
        *(SNIPPET_SYMMETRIC_STEP if d.symmetric else ["    up[i] += h; down[i] -= h"]),
        *_difference_lines(problem, d),
        "print(np.max(np.abs(numeric - analytic)))  # about 1e-9 or smaller",
    ]
    return "\n".join(lines) + "\n"


def _difference_lines(problem: Problem, d: Derivation) -> list[str]:
    """Each entry's central difference put in its row: row-major for a gradient (reshaped to the
    variable's shape), column-major (vec) where the function is not a scalar."""
    x, up, down = d.wrt, _call(problem, d.wrt, "up"), _call(problem, d.wrt, "down")
    if d.scalar_function:
        return [f"    k = np.ravel_multi_index(i, {x}.shape)",
                f"    numeric[k] = (f({up}) - f({down})).ravel() / (2 * h{' * w' if d.symmetric else ''})",
                "numeric = numeric.reshape(analytic.shape)"]
    lines = [f'    k = np.ravel_multi_index(i, {x}.shape, order="F")  # vec(X): columns stacked',
             f'    numeric[k] = (f({up}) - f({down})).ravel(order="F") / (2 * h)']
    if not d.function_shape.is_vector_like and d.wrt_shape.is_scalar:
        # d vec(F)/dt is vec of the matrix of entry derivatives; denominator layout is its transpose
        return [*lines, 'numeric = numeric.reshape(analytic.shape[::-1], order="F").T']
    return [*lines, "numeric = numeric.reshape(analytic.shape)"]


def _call(problem: Problem, wrt: str, value: str) -> str:
    return ", ".join(value if v.name == wrt else v.name for v in problem.variables)
