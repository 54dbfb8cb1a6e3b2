"""A NumPy evaluator of tensorgrad's trees, for bench_tensorgrad.py's agreement check.

tensorgrad's own evaluator needs torch's named tensors, which torch 2.13 no longer has. A value here is
a pair (array, edge names in axis order); a product is one einsum over its factors' edges (an edge two
factors share is contracted), a sum broadcasts each term to the union of the edges. Only the functions
the benchmark's results use are known; any other raises Unknown, and the check then says it could not
compare.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import tensorgrad.functions as F
from tensorgrad.tensor import Delta, Function, Product, Rename, Sum, Tensor, Variable, Zero

Named = tuple[np.ndarray, tuple[str, ...]]


class Unknown(Exception):
    """A node type or function this evaluator does not know."""


def aligned(value: Named, edges: tuple[str, ...]) -> np.ndarray:
    """The array with its axes in ``edges``' order; an edge it lacks becomes an axis of length 1."""
    array, names = value
    missing = [e for e in edges if e not in names]
    array = array.reshape(array.shape + (1,) * len(missing))
    names = names + tuple(missing)
    return np.transpose(array, [names.index(e) for e in edges])


def _elementwise(name: str, x: np.ndarray) -> np.ndarray:
    table = {"exp": np.exp, "tanh": np.tanh, "sign": np.sign, "abs": np.abs,
             "relu": lambda a: np.maximum(a, 0.0), "gt0": lambda a: (a > 0).astype(float)}
    if name not in table:
        raise Unknown(f"function {name}")
    return table[name](x)


def _function(fn: Function, sizes: dict, values: dict) -> Named:
    sig = fn.signature
    (inp,) = fn.inputs if len(fn.inputs) == 1 else (None,)
    if inp is None:
        raise Unknown(f"function {sig.name} of {len(fn.inputs)} inputs")
    x, names = evaluate(inp, sizes, values)
    if isinstance(sig, F._PowerFunction):
        return np.power(x, float(Fraction(sig.k))), names
    if isinstance(sig, F._LogFunction):
        return np.log(x), names
    if isinstance(sig, F._SimpleFunction):
        return _elementwise(sig.name, x), names
    if isinstance(sig, F._MatrixInverseFunction):
        d1, d2 = sorted(sig.edges)   # inv(X)[d2 = a, d1 = b] = (X^-1)[a, b], X's axes in (d1, d2) order
        rest = tuple(e for e in names if e not in (d1, d2))
        inverse = np.linalg.inv(aligned((x, names), (*rest, d1, d2)))
        return inverse, (*rest, d2, d1)
    if isinstance(sig, F._DeterminantFunction):
        (dims,) = sig.inputs
        rest = tuple(e for e in names if e not in dims)
        return np.linalg.det(aligned((x, names), (*rest, *sorted(dims)))), rest
    raise Unknown(f"function {sig.name}")


def evaluate(t: Tensor, sizes: dict, values: dict[str, Named]) -> Named:
    """The value of ``t``: ``sizes`` maps tensorgrad's size symbols to ints, ``values`` each variable's
    name to its array with the variable's edges in declaration order."""
    if isinstance(t, Variable):
        array, _ = values[t.name]
        return array, tuple(t.edges)
    if isinstance(t, Rename):
        array, names = evaluate(t.tensor, sizes, values)
        return array, tuple(t.mapping.get(e, e) for e in names)
    if isinstance(t, Delta):
        n = sizes[t.size]
        if not t.edges:
            return np.array(float(n)), ()
        out = np.zeros((n,) * t.order)
        for k in range(n):
            out[(k,) * t.order] = 1.0
        return out, tuple(t.edges)
    if isinstance(t, Zero):
        return np.zeros([sizes[s] for s in t.shape.values()]), tuple(t.edges)
    if isinstance(t, Product):
        if not t.factors:
            return np.array(1.0), ()
        parts = [evaluate(f, sizes, values) for f in t.factors]
        edges = sorted({e for _, names in parts for e in names})
        operands = []
        for array, names in parts:
            operands += [array, [edges.index(e) for e in names]]
        out = tuple(t.edges)
        return np.einsum(*operands, [edges.index(e) for e in out]), out
    if isinstance(t, Sum):
        out = tuple(t.edges)
        total = np.zeros([sizes[t.shape[e]] for e in out])
        for w, term in zip(t.weights, t.terms, strict=True):
            total = total + float(w) * aligned(evaluate(term, sizes, values), out)
        return total, out
    if isinstance(t, Function):
        return _function(t, sizes, values)
    raise Unknown(type(t).__name__)
