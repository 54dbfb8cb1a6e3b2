"""The full derivative of a vector- or matrix-valued function, from each side, in one index order.

For bench_tensorgrad.py's warm-up: a vector or matrix function F (R x C, a vector a column or a row)
by a variable X (r x c, a vector a column, a scalar 1 x 1) has the derivative D[a, b, k, l] =
dF[a, b] / dX[k, l]. mcdocgen's numerator layout (spec catalog-and-report.md, sections 3 and 5) is read
into it: by a scalar, the entry-wise derivative in F's shape; otherwise d vec(F) / d vec(X)^T with vec
column-major (a vector by a vector is the m x n Jacobian, the same reading), so D is that matrix
reshaped in Fortran order. tensorgrad's derivative carries F's edges (rows first, as the value check
already aligns them) and X's edges renamed by ``grad``; its axes are put in that order. Central finite
differences of mcdocgen's own evaluation of F say which side is wrong when the two differ.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

import tg_numpy
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.language import Node

STEP = 1e-6    # central differences: error ~ STEP^2 times the third derivative, rounding ~ 1e-16 / STEP
FD_RTOL = 1e-5


def ours(numerator: Node, env: Mapping[str, np.ndarray], sizes: Mapping, value: np.ndarray, wrt: str) -> np.ndarray:
    """mcdocgen's numerator-layout result as D (R, C, r, c); ValueError when its shape fits neither reading."""
    big_r, big_c = value.shape
    r, c = env[wrt].shape
    n = np.asarray(evaluate(numerator, env, sizes), dtype=float)
    if r * c == 1:   # by a scalar: F's shape, entry by entry
        if n.shape != (big_r, big_c):
            raise ValueError(f"by a scalar: numerator {n.shape}, function {value.shape}")
        return n.reshape(big_r, big_c, 1, 1)
    if n.shape != (big_r * big_c, r * c):
        raise ValueError(f"numerator {n.shape}, expected vec form {(big_r * big_c, r * c)}")
    return n.reshape((big_r, big_c, r, c), order="F")


def theirs(g: tg_numpy.Named, f_edges: tuple[str, ...], x_edges: tuple[str, ...], shape: tuple[int, ...]) -> np.ndarray:
    """tensorgrad's derivative, evaluated, with F's edges then X's (as grad renamed them), as D of ``shape``."""
    return tg_numpy.aligned(g, (*f_edges, *x_edges)).reshape(shape)


def finite_differences(expression: Node, env: Mapping[str, np.ndarray], sizes: Mapping, wrt: str) -> np.ndarray:
    """D by central differences of mcdocgen's evaluation of the function (the same function both sides
    compute: the warm-up checked their values first)."""
    x = env[wrt]
    rows = []
    for k in np.ndindex(*x.shape):
        plus, minus = dict(env), dict(env)
        e = np.zeros_like(x)
        e[k] = STEP
        plus[wrt], minus[wrt] = x + e, x - e
        rows.append((np.asarray(evaluate(expression, plus, sizes), dtype=float)
                     - np.asarray(evaluate(expression, minus, sizes), dtype=float)) / (2 * STEP))
    stacked = np.stack(rows, axis=-1)   # (R, C, r * c), X's entries in C order
    return stacked.reshape(stacked.shape[:2] + x.shape)


def close(a: np.ndarray, b: np.ndarray, rtol: float) -> bool:
    """Entry-wise within rtol, with an absolute tolerance scaled by the larger of the two (as the gradient check)."""
    scale = max(float(np.max(np.abs(a), initial=0.0)), float(np.max(np.abs(b), initial=0.0)))
    return bool(np.allclose(a, b, rtol=rtol, atol=rtol * scale))


def which_wrong(our: np.ndarray, their: np.ndarray, fd: np.ndarray) -> str:
    """Which side finite differences side with."""
    ours_ok, theirs_ok = close(our, fd, FD_RTOL), close(their, fd, FD_RTOL)
    if ours_ok and not theirs_ok:
        return "tensorgrad's is wrong (mcdocgen's matches finite differences)"
    if theirs_ok and not ours_ok:
        return "mcdocgen's is wrong (tensorgrad's matches finite differences)"
    return "finite differences match both" if ours_ok else "finite differences match neither"
