"""The differential's two readings checked by numbers: the vec form read off its canonical terms
(``vec(L dX R) = kron(R^T, L) vec(dX)``, ...) and the index form evaluated entry by entry, each against
the derived result in both layouts, and the displayed ``dF`` against the read-off along a random change.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mcdocgen.catalog import Problem
from mcdocgen.errors import ExprError
from mcdocgen.checks.evaluate import dimension, evaluate
from mcdocgen.checks.results import EXACT_FLOOR, relative_error, value_scale
from mcdocgen.checks.sampling import sample
from mcdocgen.engine import layout as L
from mcdocgen.engine.derive import Derivation
from mcdocgen.engine.differential import LocalDifferential, NoDifferential, differential_steps, dname
from mcdocgen.engine.index_form import Idx, index_form
from mcdocgen.engine.linear_terms import Canonical, NotCanonical, Term, canonical
from mcdocgen.engine.readoff import applies, readoff
from mcdocgen.language import Layout, Node, Var, walk
from mcdocgen.language.shapes import Shape
from mcdocgen.checks.walk import Env, Sizes

POINTS = 2



def _dims(shape: Shape, sizes: Sizes) -> tuple[int, int]:
    return dimension(shape.rows, sizes), dimension(shape.cols, sizes)


def _value(node: Node | None, env: Env, sizes: Sizes, identity: int) -> np.ndarray:
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


def _coefficient(t: Term, env: Env, sizes: Sizes) -> float:
    return 1.0 if t.coefficient is None else float(np.asarray(evaluate(t.coefficient, env, sizes)).reshape(-1)[0])


def readoff_value(c: Canonical, env: Env, sizes: Sizes) -> np.ndarray:
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
            if t.mask is not None:  # vec(P (M * Y) Q) = kron(Q^T, P) diag(vec(M)) vec(Y)
                mask = _value(t.mask, env, sizes, 1)
                part = _vec(mask) * part
                part = np.kron(_value(t.post, env, sizes, mask.shape[1]).T, _value(t.pre, env, sizes, mask.shape[0])) @ part
        total = total + _coefficient(t, env, sizes) * part
    return total


def index_value(c: Canonical, env: Env, sizes: Sizes) -> np.ndarray:
    """The index form evaluated entry by entry (dF_ij / dX_kl), arranged as the numerator Jacobian."""
    p, q = _dims(c.function_shape, sizes)
    m, n = _dims(c.wrt_shape, sizes)
    tensor = np.zeros((p, q, m, n))
    for term, t in zip(index_form(c), c.terms, strict=True):
        inner = (p, q) if t.mask is None else _dims(t.mask.shape, sizes)
        extent = {Idx.I: p, Idx.J: q, Idx.K: m, Idx.L: n, Idx.A: inner[0], Idx.B: inner[1]}
        operands: list[np.ndarray] = []
        subscripts: list[str] = []
        for f in term.factors:
            if f.matrix is None:        # a Kronecker delta between two indices of one extent
                operands.append(np.eye(extent[f.first], extent[f.second]))
            else:
                operands.append(_value(f.matrix, env, sizes, 1))
            subscripts.append(f"{f.first}{f.second}")
        for idx in (Idx.I, Idx.J, Idx.K, Idx.L):   # an index no factor names (a scalar F has no C): size 1
            if not any(idx in sub for sub in subscripts):
                operands.append(np.ones(extent[idx]))
                subscripts.append(str(idx))
        product = np.einsum(",".join(subscripts) + "->ijkl", *operands)
        tensor = tensor + _coefficient(t, env, sizes) * product
    # row i + p j (vec of F), column k + m l (vec of X): column-major on both sides
    return tensor.reshape(p * q, m * n, order="F")


def differential_value(c: Canonical, env: Env, sizes: Sizes, direction: np.ndarray) -> np.ndarray:
    """vec(dF) at a point along the change ``direction`` of the variable, from the displayed dF."""
    value = evaluate(c.differential, {**env, dname(c.wrt): direction}, sizes)
    return _vec(np.atleast_2d(np.asarray(value, dtype=float)))


# ---------------------------------------------------------------- the check


@dataclass(frozen=True, slots=True)
class TensorCheck:
    """What the differential adds to the steps check: the worst relative error and what was compared."""

    error: float
    detail: str


def tensor_check(problem: Problem, d: Derivation, rng: np.random.Generator, guards: list[Node]) -> TensorCheck | None:
    """The vec form read off the differential and the index form, entry by entry, against both layouts
    of the derived result, and the displayed dF along a random change (None where it does not apply)."""
    if not applies(d):
        return None
    wrt = next(n for n in walk(problem.expression) if isinstance(n, Var) and n.name == d.wrt)
    if wrt.symmetric and not wrt.shape.is_vector_like:
        # dX is symmetric there: the unconstrained read-off is not the result's convention
        return TensorCheck(0.0, "the differential is not read off by a symmetric matrix")
    c = canonical(problem.expression, wrt)
    if isinstance(c, NotCanonical):
        return TensorCheck(0.0, f"the differential gives no read-off here ({c.reason})")
    try:
        steps = differential_steps(d.intermediates, d.wrt)
    except NoDifferential as exc:
        return TensorCheck(0.0, f"the differential gives no steps here ({exc.reason})")
    worst = 0.0
    try:
        shown = {lay: readoff(c, lay) for lay in Layout}
    except ExprError as exc:    # the printed read-off could not be built: the page says so too
        return TensorCheck(0.0, f"the differential's read-off could not be formed ({exc})")
    for _ in range(POINTS):
        sizes, env = sample(problem, rng, guards, d)
        floor = EXACT_FLOOR * value_scale(env)
        jacobian = readoff_value(c, env, sizes)
        p, q = _dims(c.function_shape, sizes)
        for reading in (jacobian, index_value(c, env, sizes)):
            # a matrix by a scalar is written as a matrix of F's shape (numerator) or its transpose
            numerator = reading.reshape(p, q, order="F") if c.wrt_shape.is_scalar else reading
            for lay, value in ((Layout.NUMERATOR, numerator), (Layout.DENOMINATOR, numerator.T)):
                derived = np.atleast_2d(np.asarray(evaluate(L.result(d, lay), env, sizes), dtype=float))
                printed = np.atleast_2d(np.asarray(evaluate(shown[lay], env, sizes), dtype=float))
                worst = max(worst, relative_error(value, derived, floor), relative_error(printed, derived, floor))
        direction = rng.normal(size=np.shape(env[c.wrt]))
        along = jacobian @ _vec(direction)
        worst = max(worst, relative_error(differential_value(c, env, sizes, direction), along, floor))
        forward = _forward(d, steps, env, sizes, direction)
        if forward is not None:     # the displayed local differentials, carried forward from d(X), give dF
            worst = max(worst, relative_error(forward, along, floor))
    return TensorCheck(worst, f"the local differentials carried forward, the vec form read off the "
                              f"differential (as printed and as numbers), the index form entry by entry and "
                              f"dF along a random change, at {POINTS} random points")


def _forward(d: Derivation, steps: tuple[LocalDifferential, ...], env: Env, sizes: Sizes,
             direction: np.ndarray) -> np.ndarray | None:
    """vec(dF) from the local differentials as displayed, each evaluated from its operands' values and
    differentials, starting from d(X) = ``direction``."""
    values = dict(env)
    for item in d.intermediates:
        values[item.name] = evaluate(item.definition, values, sizes)
    values[dname(d.wrt)] = direction
    for step in steps:
        values[dname(step.name)] = evaluate(step.value, values, sizes)
    if dname(d.function) not in values:     # no step (F is the variable itself): nothing displayed
        return None
    return _vec(np.atleast_2d(np.asarray(values[dname(d.function)], dtype=float)))
