"""The differential's two readings checked by numbers: the vec form read off its canonical terms
(``vec(L dX R) = kron(R^T, L) vec(dX)``, ...) and the index form evaluated entry by entry, each against
the derived result in both layouts, and the displayed ``dF`` against the read-off along a random change.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import sympy

from mcdocgen.engine.differential import dname
from mcdocgen.engine.index_form import Idx, index_form
from mcdocgen.engine.linear_terms import Canonical, Term
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.language import Node

Sizes = Mapping[sympy.Symbol, int]


def _dims(shape, sizes: Sizes) -> tuple[int, int]:
    return int(sympy.sympify(shape.rows).subs(sizes)), int(sympy.sympify(shape.cols).subs(sizes))


def _value(node: Node | None, env, sizes: Sizes, identity: int) -> np.ndarray:
    """A factor's value; None is the identity of the size that fits."""
    return np.eye(identity) if node is None else np.atleast_2d(np.asarray(evaluate(node, env, sizes), dtype=float))


def commutation(m: int, n: int) -> np.ndarray:
    """K with K vec(X) = vec(X^T) for X m x n (column-major vec)."""
    k = np.zeros((m * n, m * n))
    for i in range(m):
        for j in range(n):
            k[j + n * i, i + m * j] = 1.0
    return k


def _vec(a: np.ndarray) -> np.ndarray:
    return a.reshape(-1, 1, order="F")


def _coefficient(t: Term, env, sizes: Sizes) -> float:
    return 1.0 if t.coefficient is None else float(np.asarray(evaluate(t.coefficient, env, sizes)).reshape(-1)[0])


def readoff_value(c: Canonical, env, sizes: Sizes) -> np.ndarray:
    """The numerator-layout Jacobian d vec(F) / d vec(X)^T read off the canonical terms, (pq, mn)."""
    p, q = _dims(c.function_shape, sizes)
    m, n = _dims(c.wrt_shape, sizes)
    total = np.zeros((p * q, m * n))
    for t in c.terms:
        if t.trace:     # vec(C tr(G^T dX)) = vec(C) vec(G)^T vec(dX)
            part = _vec(_value(t.outer, env, sizes, 1)) @ _vec(_value(t.grad, env, sizes, m)).T
        else:           # vec(L dX R) = kron(R^T, L) vec(dX); dX^T adds the commutation matrix
            rows, cols = (n, m) if t.transposed else (m, n)
            part = np.kron(_value(t.right, env, sizes, cols).T, _value(t.left, env, sizes, rows))
            if t.transposed:
                part = part @ commutation(m, n)
            if t.mask is not None:  # vec(M * Y) = diag(vec(M)) vec(Y)
                part = _vec(_value(t.mask, env, sizes, 1)) * part
        total = total + _coefficient(t, env, sizes) * part
    return total


def index_value(c: Canonical, env, sizes: Sizes) -> np.ndarray:
    """The index form evaluated entry by entry (dF_ij / dX_kl), arranged as the numerator Jacobian."""
    p, q = _dims(c.function_shape, sizes)
    m, n = _dims(c.wrt_shape, sizes)
    extent = {Idx.I: p, Idx.J: q, Idx.K: m, Idx.L: n}
    tensor = np.zeros((p, q, m, n))
    for term, t in zip(index_form(c), c.terms, strict=True):
        operands, subscripts = [], []
        for f in term.factors:
            if f.matrix is None:        # a Kronecker delta between two indices of one extent
                operands.append(np.eye(extent[f.first], extent[f.second]))
            else:
                operands.append(_value(f.matrix, env, sizes, 1))
            subscripts.append(f"{f.first}{f.second}")
        for idx in Idx:   # an index no factor names (a scalar F has no C): the sizes are 1
            if not any(idx in sub for sub in subscripts):
                operands.append(np.ones(extent[idx]))
                subscripts.append(str(idx))
        product = np.einsum(",".join(subscripts) + "->ijkl", *operands)
        tensor = tensor + _coefficient(t, env, sizes) * product
    # row i + p j (vec of F), column k + m l (vec of X): column-major on both sides
    return tensor.reshape(p * q, m * n, order="F")


def differential_value(c: Canonical, env, sizes: Sizes, direction: np.ndarray) -> np.ndarray:
    """vec(dF) at a point along the change ``direction`` of the variable, from the displayed dF."""
    value = evaluate(c.differential, {**env, dname(c.wrt): direction}, sizes)
    return _vec(np.atleast_2d(np.asarray(value, dtype=float)))
