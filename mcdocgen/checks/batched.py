"""Evaluation at many points at once: the numeric check's finite differences, one tree walk for
every step of a level instead of one per step.

A value is a 2-D array (the same at every point: constants, and what does not depend on the
moving variable) or a 3-D stack, one slice per point. Every slice is what ``checks.evaluate``
gives at that point alone: stacks are used only by operations that compute each entry of each
slice by the same floating-point operations as on the slice alone (entrywise arithmetic and
functions, transposes, copies, matrix products and the LAPACK routines, whose stacked forms loop
over the slices with the same kernel; tests/test_batched.py checks it); every other operation
(sums, traces, powers, whose NumPy loops take shortcuts that depend on the operands' strides) runs
slice by slice through the one-point backend. Bit for bit on most BLAS kernels; within a few units
of rounding on those whose vector code depends on alignment (a slice of a stack is not aligned as
a fresh array is). The grouping is fixed, so a machine gives the same figures on every run.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from typing import cast

import numpy as np
import sympy

from mcdocgen.checks.evaluate import NUMPY, Floats, NumpyBackend, dimension, evaluate
from mcdocgen.checks.walk import Env, Sizes
from mcdocgen import language as E
from mcdocgen.language import FUNCTIONS, Fn, Node

BATCH_ENTRIES = 1 << 16     # entries of the largest value of the tree, over all slices of one stack


def _stacked(a: object) -> bool:
    return isinstance(a, np.ndarray) and a.ndim == 3


def _slices(args: tuple[Floats, ...], count: int) -> Iterator[tuple[Floats, ...]]:
    """The arguments at each point: a slice of a stack, or the same constant."""
    for i in range(count):
        yield tuple(a[i] if _stacked(a) else a for a in args)


class BatchedBackend(NumpyBackend):
    """NumpyBackend over stacks of points (see the module's docstring)."""

    def _each(self, op: Callable[..., Floats], *args: Floats) -> Floats:
        """``op`` of the one-point backend, slice by slice where any argument is a stack."""
        count = next((a.shape[0] for a in args if _stacked(a)), None)
        if count is None:
            return op(*args)
        slices = _slices(args, count)
        first = op(*next(slices))
        out = np.empty((count, *first.shape), dtype=first.dtype)
        out[0] = first
        for k, one in enumerate(slices, 1):
            out[k] = op(*one)
        return out

    # entrywise, transposes, products: each slice computed as it would be alone
    def t(self, a: Floats) -> Floats:
        return np.swapaxes(a, -1, -2) if _stacked(a) else a.T

    def fn(self, fn: Fn, a: Floats, node: Node | None = None) -> Floats:
        with np.errstate(all="ignore"):
            return FUNCTIONS[fn].numpy(a)

    def sym(self, a: Floats) -> Floats:
        return (a + self.t(a)) / 2

    def det(self, a: Floats) -> Floats:
        return np.linalg.det(a)[:, None, None] if _stacked(a) else NUMPY.det(a)

    def inv(self, a: Floats) -> Floats:
        return cast(Floats, np.linalg.inv(a))   # float64 in, float64 out (the stubs say floating)

    def broadcast(self, a: Floats, shape: tuple[int, int]) -> Floats:
        if not _stacked(a):
            return NUMPY.broadcast(a, shape)
        return a if a.shape[1:] == tuple(shape) else np.broadcast_to(a, (a.shape[0], *shape)).copy()

    def entry(self, a: Floats, i: int, j: int) -> Floats:
        return a[:, i:i + 1, j:j + 1].copy() if _stacked(a) else NUMPY.entry(a, i, j)

    # slice by slice
    def pow(self, a: Floats, b: Floats) -> Floats:
        return self._each(NUMPY.pow, a, b)

    def diag_matmul(self, v: Floats, m: Floats) -> Floats:
        return self._each(NUMPY.diag_matmul, v, m)

    def matmul_diag(self, m: Floats, v: Floats) -> Floats:
        return self._each(NUMPY.matmul_diag, m, v)

    def total(self, a: Floats) -> Floats:   # over each slice's entries in memory order, pairwise, as ndarray.sum does alone
        return a.sum(axis=(1, 2), keepdims=True) if _stacked(a) else NUMPY.total(a)

    def softmax(self, a: Floats, node: Node | None = None) -> Floats:
        return self._each(NUMPY.softmax, a)

    def logsumexp(self, a: Floats, node: Node | None = None) -> Floats:
        return self._each(NUMPY.logsumexp, a)

    def norm1(self, a: Floats) -> Floats:
        return self.total(np.abs(a)) if _stacked(a) else NUMPY.norm1(a)

    def logdet(self, a: Floats) -> Floats:
        return self._each(NUMPY.logdet, a)

    def trace(self, a: Floats) -> Floats:
        return np.trace(a, axis1=1, axis2=2)[:, None, None] if _stacked(a) else NUMPY.trace(a)

    def diag_matrix(self, v: Floats) -> Floats:
        return self._each(NUMPY.diag_matrix, v)

    def diag_vector(self, m: Floats) -> Floats:
        return self._each(NUMPY.diag_vector, m)

    def vec(self, a: Floats) -> Floats:
        return self._each(NUMPY.vec, a)

    def kron(self, a: Floats, b: Floats) -> Floats:
        return self._each(NUMPY.kron, a, b)

    def from_rows(self, rows: Sequence[Sequence[Floats]]) -> Floats:
        flat = [e for row in rows for e in row]
        count = next((e.shape[0] for e in flat if _stacked(e)), None)
        if count is None:
            return NUMPY.from_rows(rows)
        return np.stack([NUMPY.from_rows([[e[k] if _stacked(e) else e for e in row] for row in rows])
                         for k in range(count)])


BATCHED = BatchedBackend()


@functools.lru_cache(maxsize=1024)
def largest_value(node: Node, sizes: tuple[tuple[sympy.Symbol, int], ...]) -> int:
    """The entries of the largest value in ``node``'s tree at these sizes (how much one point costs)."""
    at = dict(sizes)
    return max(dimension(n.shape.rows, at) * dimension(n.shape.cols, at) for n in E.walk(node))


def evaluate_at(node: Node, env: Env, sizes: Sizes, name: str, points: np.ndarray) -> np.ndarray:
    """``evaluate(node, env with name = p)`` for each slice p of ``points``, stacked (see the module docstring), in
    groups of at most BATCH_ENTRIES entries per value of the tree (the memory stays that of a few points)."""
    per = max(1, BATCH_ENTRIES // largest_value(node, tuple(sizes.items())))
    parts = []
    for start in range(0, len(points), per):
        group = points[start:start + per]
        got = evaluate(node, {**env, name: group}, sizes, BATCHED)
        parts.append(got if _stacked(got) else np.broadcast_to(got, (len(group), *got.shape)))
    return parts[0] if len(parts) == 1 else np.concatenate(parts)
