"""A short runnable NumPy program per result that repeats its numeric check for the reader."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Collection

from mcdocgen import language as E
from mcdocgen.language.functions import FUNCTIONS, STRUCTURAL, is_numpy_alias
from mcdocgen.catalog import Assumption, Problem, Variable
from mcdocgen.checks.sampling import BOUNDED_SHRINK, INVERTIBLE_SHIFT, MAX_DRAWS, POSITIVE_RANGE, sizes_fit
from mcdocgen.engine.derive import Derivation
from mcdocgen.language.shapes import size_symbol
from mcdocgen.present.symmetric import SNIPPET_SYMMETRIC_STEP

SNIPPET_SIZES = (3, 4, 5, 2)
_CALL = re.compile(r"\b([A-Za-z_]\w*)\(")
#: The relative error (error / max(1, largest entry of the derivative)) a snippet promises, by order.
SNIPPET_PROMISE = {1: 1e-6, 2: 1e-5}  # measured over the catalog: at most 1.1e-7 and 1.3e-7
#: Every name a snippet introduces besides the problem's own and the prelude's functions begins with this:
#: no variable or size can (language.vocabulary.SIZE_NAME starts with a letter), so none is overwritten.
RESERVED = "_"


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


def _sample_line(var: Variable, size_names: dict[str, int], spread: str = "") -> str:
    rows = str(var.shape.rows)
    cols = str(var.shape.cols)
    r = size_names.get(rows, rows)
    c = size_names.get(cols, cols)
    assume = set(var.assume)
    if Assumption.POSITIVE_DEFINITE in assume:
        return f"_B = _rng.normal(size=({r}, {r})); {var.name} = _B @ _B.T + {r} * np.eye({r})"
    if Assumption.POSITIVE in assume:
        low, high = POSITIVE_RANGE
        return f"{var.name} = _rng.uniform({low}, {high}, size=({r}, {c}))"
    if Assumption.NONZERO in assume:
        low, high = POSITIVE_RANGE
        return (f"{var.name} = _rng.uniform({low}, {high}, size=({r}, {c}))"
                f" * _rng.choice([-1.0, 1.0], size=({r}, {c}))")
    line = f"{var.name} = {spread}_rng.normal(size=({r}, {c}))"
    if Assumption.SYMMETRIC in assume:
        line += f"; {var.name} = ({var.name} + {var.name}.T) / 2"
    if Assumption.INVERTIBLE in assume:
        line += f"; {var.name} = {var.name} + {INVERTIBLE_SHIFT} * np.sqrt({r}) * np.eye({r})"
    return line


def language_numpy(node: E.Node) -> str:
    """``node``'s language text as NumPy reads it: vectors are (n, 1) arrays in a snippet, so a vector's
    entry ``t[i]`` is written ``t[i, 0]`` (``t[i]`` is a 1-array there, not a scalar). The language's text
    is compositional and an entry is an atom, so its text appears as it is in its parent's."""
    text = E.to_text(node)
    for n in E.walk(node):
        if isinstance(n, E.Index) and (n.arg.shape.is_column or n.arg.shape.is_row):
            entry = E.to_text(n)
            pair = f"{entry[:entry.rindex('[')]}[{n.row}, {n.col}]"
            text = re.sub(rf"(?<![\w.]){re.escape(entry)}", _as_is(pair), text)   # not st[1] for t[1]
    return text


def _as_is(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement written as it is (re.sub reads no escapes in a function's text)."""
    return lambda _: text


def draw_lines(problem: Problem, sizes: dict[str, int], f_text: str) -> list[str]:
    """The snippet's sizes, its point, and ``_f``; the point is drawn again until f is finite there, as
    the checks draw theirs (checks.sampling.sample_point: log(b - A x) needs b - A x > 0), narrower each
    time with arcsin or arccos (their domain is bounded), and at most MAX_DRAWS points, where the checks
    give up too: a function finite nowhere under its assumptions stops the snippet, saying so, instead
    of looping for ever."""
    names = ", ".join(v.name for v in problem.variables)
    bounded = any(isinstance(n, E.Func) and n.fn in E.BOUNDED_DOMAIN for n in E.walk(problem.expression))
    lines = [f"{k} = {v}" for k, v in sizes.items()]
    lines += [_sample_line(v, sizes) for v in problem.variables]
    lines += ["", f"def _f({names}):", f"    return np.asarray({f_text}, dtype=float)", "",
              f"# outside the domain f is not finite: draw again, {MAX_DRAWS} points at most, as the check does",
              'with np.errstate(all="ignore"):',
              *(["    _spread = 1.0"] if bounded else []),
              f"    for _ in range({MAX_DRAWS}):",
              f"        if np.all(np.isfinite(_f({names}))):",
              "            break"]
    if bounded:
        lines += [f"        _spread *= {BOUNDED_SHRINK}"]
    lines += ["        " + _sample_line(v, sizes, "_spread * " if bounded and not v.assume else "")
              for v in problem.variables]
    lines += ["    else:", f'        raise SystemExit("f is not finite at any of {MAX_DRAWS} points drawn")']
    return [*lines, ""]


def promise_text(order: int) -> str:
    """SNIPPET_PROMISE as the snippet writes it: 1e-6."""
    return f"{SNIPPET_PROMISE[order]:.0e}".replace("e-0", "e-")


def relative_error_line(order: int) -> str:
    """The snippet's last line: the error relative to the derivative's size, and what it should be."""
    return ("print(np.max(np.abs(_numeric - _analytic)) / max(1.0, np.max(np.abs(_analytic))))"
            f"  # relative error: about {promise_text(order)} or smaller")


def numpy_snippet(problem: Problem, d: Derivation) -> str:
    """Python source that compares the denominator-layout result with finite differences."""
    if d.result is None:    # nothing derived, nothing to compare (as hessian_snippet)
        return ""
    try:
        f_text = language_numpy(problem.expression)
        g_text = language_numpy(d.result)
    except E.ExprError:
        return ""
    sizes = snippet_sizes(problem, d)
    names = ", ".join(v.name for v in problem.variables)
    lines = [prelude(set(_CALL.findall(f_text + "\n" + g_text))), "_rng = np.random.default_rng(0)"]
    lines += draw_lines(problem, sizes, f_text)
    x = d.wrt
    lines += [
        f"def _gradient({names}):  # denominator layout",
        f"    return np.asarray({g_text}, dtype=float)",
        "",
        f"_analytic = _gradient({names})",
        f"_numeric = np.zeros(({x}.size, _f({names}).size))",
        f"for _i in np.ndindex(*{x}.shape):",
        "    _h = 1e-6",
        f"    _up, _down = {x}.copy(), {x}.copy()",
        *(SNIPPET_SYMMETRIC_STEP if d.symmetric else ["    _up[_i] += _h; _down[_i] -= _h"]),
        *_difference_lines(problem, d),
        relative_error_line(1),
    ]
    return "\n".join(lines) + "\n"


def _difference_lines(problem: Problem, d: Derivation) -> list[str]:
    """Each entry's central difference put in its row: row-major for a gradient (reshaped to the
    variable's shape), column-major (vec) where the function is not a scalar."""
    x, up, down = d.wrt, _call(problem, d.wrt, "_up"), _call(problem, d.wrt, "_down")
    if d.scalar_function:
        return [f"    _k = np.ravel_multi_index(_i, {x}.shape)",
                f"    _numeric[_k] = (_f({up}) - _f({down})).ravel() / (2 * _h{' * _w' if d.symmetric else ''})",
                "_numeric = _numeric.reshape(_analytic.shape)"]
    lines = [f'    _k = np.ravel_multi_index(_i, {x}.shape, order="F")  # vec(X): columns stacked',
             f'    _numeric[_k] = (_f({up}) - _f({down})).ravel(order="F") / (2 * _h)']
    if not d.function_shape.is_vector_like and d.wrt_shape.is_scalar:
        # d vec(F)/dt is vec of the matrix of entry derivatives; denominator layout is its transpose
        return [*lines, '_numeric = _numeric.reshape(_analytic.shape[::-1], order="F").T']
    return [*lines, "_numeric = _numeric.reshape(_analytic.shape)"]


def _call(problem: Problem, wrt: str, value: str) -> str:
    return ", ".join(value if v.name == wrt else v.name for v in problem.variables)
