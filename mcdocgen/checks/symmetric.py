"""Checks of a gradient by a symmetric matrix: along symmetric perturbations only, the result symmetric.

A symmetric X can only move along symmetric E, and df = <R, E> must hold for those alone; a result
that is not symmetric is wrong even where it passes that test (G itself, for a non-symmetric G, gives
the right <G, E> for every symmetric E). With X_ij = X_ji one SymPy symbol, diff by it is the derivative
by the independent entries: R_ii on the diagonal, 2 R_ij off it, and the other convention entry by entry.
The hooks here are called by the numeric, components and steps checks where ``d.symmetric`` is set.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import sympy

from mcdocgen.checks.evaluate import NUMPY, SYMPY, evaluate
from mcdocgen.checks.results import EXACT_TOLERANCE, relative_error
from mcdocgen.catalog import Problem
from mcdocgen.engine.derive import Derivation
from mcdocgen.engine.notation import symmetric_letters
from mcdocgen.language import Layout
from mcdocgen.checks.walk import Backend, Env, Sizes

STEPS_DETAIL = (" with the last steps (sym(G), and the other convention G + G^T - G o I) from the unconstrained "
                "G they give,")


def symmetric_detail(problem: Problem, d: Derivation) -> str:
    """The numeric check's words on a symmetric variable, in the page's letters (engine.notation)."""
    letters = symmetric_letters(problem, [d])
    e, t = letters.perturbation, letters.table
    return (f"; the variable is symmetric, so the differences go along symmetric perturbations {e} only "
            f"({e}_ij = {e}_ji), against the inner product of the result with {e} (the result is checked to be "
            f"symmetric itself) and against the other convention {t} as the sum over i <= j of {t}_ij {e}_ij")


def components_detail(d: Derivation) -> str:
    """The components check's words on a symmetric variable, by its own name."""
    x = d.wrt
    return (f"; the variable is symmetric ({x}_ij = {x}_ji one symbol): the result equals the derivative by "
            "each independent entry on the diagonal and half of it off the diagonal, and the other "
            "convention equals it entry by entry")


def symmetric_directions(x: np.ndarray, rng: np.random.Generator, full_max: int,
                         count: int) -> tuple[np.ndarray, np.ndarray]:
    """Unit symmetric directions (row-major rows) and each one's reach, for the numeric check.

    An X of at most ``full_max`` entries gets the whole orthonormal basis of symmetric matrices (E_ii,
    and (E_ij + E_ji) / sqrt 2 for i < j): df along all of them determines the symmetric part of the
    gradient completely. A larger X gets ``count`` random symmetric unit directions (the numeric
    check's own limits, passed in: they live there).
    """
    n = x.shape[0]
    if x.size <= full_max:
        rows, reach = [], []
        for i in range(n):
            for j in range(i, n):
                e = np.zeros((n, n))
                e[i, j] = e[j, i] = 1.0 if i == j else 1.0 / np.sqrt(2.0)
                rows.append(e.ravel())
                reach.append(max(1.0, abs(float(x[i, j]))))
        return np.array(rows), np.array(reach)
    v = rng.normal(size=(count, n, n))
    v = v + np.transpose(v, (0, 2, 1))
    v /= np.linalg.norm(v.reshape(count, -1), axis=1).reshape(-1, 1, 1)
    return v.reshape(count, -1), np.full(count, max(1.0, float(np.max(np.abs(x)))))


def independent_entries(d: Derivation, env: Env, sizes: Sizes, vectors: np.ndarray) -> np.ndarray:
    """The other convention D (derivatives by X_ij, i <= j) applied to each direction (row-major rows of
    symmetric matrices E): the sum over i <= j of D_ij E_ij, one row each, as the numeric check compares."""
    assert d.symmetric is not None
    other = np.triu(evaluate(d.symmetric.entrywise, env, sizes))
    applied: np.ndarray = (vectors @ other.ravel()).reshape(-1, 1)
    return applied


def asymmetry(result: np.ndarray) -> str | None:
    """Why a gradient on the symmetric matrices is not one (it is not symmetric), or None."""
    if result.shape[0] != result.shape[1]:
        return f"the result has shape {result.shape}, not square"
    error = relative_error(result, result.T)
    if error > EXACT_TOLERANCE:
        return (f"the result is not symmetric (relative difference from its transpose {error:.1e}): "
                "a gradient on the symmetric matrices is symmetric")
    return None


def component_targets(d: Derivation, env: Env, sizes: Sizes, entrywise: sympy.Matrix, den: sympy.Matrix,
                      num: sympy.Matrix) -> tuple[tuple[sympy.Matrix, sympy.Matrix, str], ...]:
    """(value, want, label) triples for the components check from ``entrywise``, SymPy's diff by each
    entry symbol of a symmetric X (a shared symbol off the diagonal): the result is its diagonal and
    half its off-diagonal entries in both layouts; the other convention is it entry by entry."""
    assert d.symmetric is not None
    half = sympy.Matrix(*entrywise.shape, lambda i, j: entrywise[i, j] if i == j else entrywise[i, j] / 2)
    other = evaluate(d.symmetric.entrywise, env, sizes, SYMPY)
    return ((den, half, "denominator"), (num, half.T, "numerator"),
            (other, entrywise, "independent-entries convention"))


def unconstrained_targets(d: Derivation, env: Env, sizes: Sizes, floor: float, backend: Backend = NUMPY,
                          compare: Callable[[Any, Any, float], float] = relative_error,
                          ) -> tuple[dict[Layout, np.ndarray], float]:
    """What the displayed steps multiply to, G (denominator) and G^T (numerator), and the error of the
    displayed last steps: the result against (G + G^T) / 2, the other convention against G + G^T - G o I
    (in plain floats, or with rounding bounds: ``checks.rounding``)."""
    assert d.symmetric is not None and d.result is not None
    g = evaluate(d.symmetric.unconstrained, env, sizes, backend)
    result = evaluate(d.result, env, sizes, backend)
    other = evaluate(d.symmetric.entrywise, env, sizes, backend)
    restricted = max(compare(result, (g + g.T) / 2, floor),
                     compare(other, g + g.T - g * np.eye(g.shape[0]), floor))
    return {Layout.DENOMINATOR: g, Layout.NUMERATOR: g.T}, restricted
