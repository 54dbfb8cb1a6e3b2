"""Exact first derivatives at a point: forward-mode differentiation in rational arithmetic, with
degree bounds, for the components check's fast route (``checks.components``).

Each entry is a ``checks.jets.Jet``: its exact value, its exact derivatives along every independent entry of the
variable and bounds on their degrees. Matrix operations are compositions of the jets' scalar rules (determinants
by cofactors, inverses by adjugates: no pivoting, so the same operations at every point). No SymPy expression is
built: a 3 x 3 symbolic inverse and its derivative cost milliseconds here, seconds in SymPy.
Anything without exact values and not modelled by variables (ExactBackend: exp, sin, cos) raises
NotExact (abs, maximum, arctan): the components check then takes its SymPy route, which decides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TypeAlias
from itertools import permutations

import numpy as np
import sympy

from mcdocgen.checks.jets import ZERO_BOUND, Exact, Jet, NotExact, Root, constant, lift, mul_bound
from mcdocgen.language import Fn, Node
from mcdocgen.checks.walk import Sizes


#: the backend's values: object arrays of Jets, 2-D
Jets: TypeAlias = np.ndarray
#: where an exponential or a sine is met: the subtree it is of, and the entry (one variable each)
Key: TypeAlias = tuple[Node | None, int, int]

def _array(rows: int, cols: int, entry: Callable[[int, int], Jet | Root]) -> Jets:
    out = np.empty((rows, cols), dtype=object)
    for i in range(rows):
        for j in range(cols):
            out[i, j] = entry(i, j)
    return out


def _total(values: Iterable[Jet | Exact]) -> Jet:
    items = list(values)
    out = lift(items[0])
    for x in items[1:]:
        out = out + x
    return out


def _det(a: np.ndarray) -> Jet:
    """By permutations (k! products; the components check keeps k at most 3)."""
    k = a.shape[0]
    terms = []
    for perm in permutations(range(k)):
        sign = 1
        for i in range(k):
            for j in range(i + 1, k):
                sign = -sign if perm[i] > perm[j] else sign
        prod = lift(a[0, perm[0]])
        for i in range(1, k):
            prod = prod * a[i, perm[i]]
        terms.append(prod if sign > 0 else -prod)
    return _total(terms)


def _minor(a: np.ndarray, i: int, j: int) -> np.ndarray:
    return np.delete(np.delete(a, i, axis=0), j, axis=1)


class ExactBackend:
    """``checks.evaluate``'s backend over object arrays of Jets.

    With ``fresh`` (a source of random values, one per key and point), exponentials and irrational
    constants are modelled by new variables, as ``checks.identity`` does: exp(u) for the entry (i, j)
    of a subtree u is a variable Y keyed by that subtree and entry, with derivative Y u' (sigmoid,
    tanh, sinh, cosh, softplus, softmax and logsumexp written with it), and sqrt(2) a variable of its
    own; sin(u), cos(u) two, S and C, with derivatives C u' and -S u' (tan = S / C). Where the difference
    vanishes as a rational function of the entries and these variables, it vanishes once they are put back:
    a pass keeps the identity-testing bound. The model does not know exp(a) exp(b) = exp(a + b), sqrt(2)^2
    = 2, S^2 + C^2 = 1: an identity that needs them differs here and goes to the SymPy route.
    """

    def __init__(self, fresh: Callable[[object], Exact] | None = None) -> None:
        self.fresh = fresh

    def _variable(self, key: object, why: str) -> Jet:
        if self.fresh is None:
            raise NotExact(why)
        return Jet(self.fresh(key), None, (1, 0))

    def _exp(self, u: Jet, key: Key) -> Jet:
        """exp(u) as the variable of ``key`` (the subtree u and the entry), with the derivative exp(u) u'."""
        if key[-3] is None:     # no subtree to tell two exponentials apart: never one variable for both
            raise NotExact("exp of an unnamed argument")
        y = self._variable(("exp", key), "exp has no exact values")
        return y if u.g is None else Jet(y.v, tuple(y.value() * x for x in u.g), y.vb, mul_bound(y.vb, u.gb))

    def _sin_cos(self, u: Jet, key: Key) -> tuple[Jet, Jet]:
        """sin(u) and cos(u) as variables S and C of ``key`` (subtree u, entry): derivatives C u', -S u'."""
        if key[-3] is None:
            raise NotExact("sin or cos of an unnamed argument")
        s, c = (self._variable((f, key), f"{f} has no exact values") for f in ("sin", "cos"))
        if u.g is None:
            return s, c
        gb = mul_bound(s.vb, u.gb)
        return (Jet(s.v, tuple(c.value() * x for x in u.g), s.vb, gb),
                Jet(c.v, tuple(-s.value() * x for x in u.g), c.vb, gb))

    def num(self, value: sympy.Expr, sizes: Sizes) -> Jets:
        value = value if value.is_number else value.subs(sizes)
        if not value.is_Rational:
            return np.array([[self._variable(("constant", value), f"the constant {value} is not rational")]],
                            dtype=object)
        return np.array([[constant(value)]], dtype=object)

    def fn(self, fn: Fn, a: Jets, node: Node | None = None) -> Jets:
        return _array(a.shape[0], a.shape[1], lambda i, j: self._scalar_fn(fn, lift(a[i, j]), (node, i, j)))

    def _scalar_fn(self, fn: Fn, u: Jet, key: Key) -> Jet:
        if fn is Fn.LOG:
            return u.log()
        if fn is Fn.SQRT and u.g is None and u.vb == ZERO_BOUND:    # sqrt(2): a constant of its own
            return self._variable(("sqrt", u.value()), "sqrt has no exact values")
        if fn in (Fn.EXP, Fn.SINH, Fn.COSH):
            e = self._exp(u, key)
            return e if fn is Fn.EXP else (e - 1 / e) / 2 if fn is Fn.SINH else (e + 1 / e) / 2
        # with exp(u) keyed by u, as Fn.EXP: sigmoid(u), tanh(u), softplus(u) and exp(u) share one variable
        if fn is Fn.SIGMOID:
            e = self._exp(u, key)
            return e / (1 + e)
        if fn is Fn.TANH:
            e = self._exp(u, key)
            return (e * e - 1) / (e * e + 1)
        if fn is Fn.SOFTPLUS:
            return (1 + self._exp(u, key)).log()
        if fn in (Fn.SIN, Fn.COS, Fn.TAN):
            s, c = self._sin_cos(u, key)
            return s if fn is Fn.SIN else c if fn is Fn.COS else s / c
        raise NotExact(f"{fn} has no exact values")

    def softmax(self, a: Jets, node: Node | None = None) -> Jets:
        e = _array(a.shape[0], a.shape[1], lambda i, j: self._exp(lift(a[i, j]), (node, i, j)))
        total = 1 / _total(e.ravel())
        return _array(a.shape[0], a.shape[1], lambda i, j: e[i, j] * total)

    def logsumexp(self, a: Jets, node: Node | None = None) -> Jets:
        return np.array([[_total(self._exp(lift(a[i, j]), (node, i, j))
                                 for i in range(a.shape[0]) for j in range(a.shape[1])).log()]], dtype=object)

    # entrywise on object arrays: each entry's own Jet arithmetic
    def mul(self, a: Jets, b: Jets) -> Jets:
        out: Jets = a * b
        return out

    def div(self, a: Jets, b: Jets) -> Jets:
        out: Jets = a / b
        return out

    def pow(self, a: Jets, b: Jets) -> Jets:
        out: Jets = a ** b
        return out

    def matmul(self, a: Jets, b: Jets) -> Jets:
        return _array(a.shape[0], b.shape[1], lambda i, j: _total(a[i, k] * b[k, j] for k in range(a.shape[1])))

    def diag_matmul(self, v: Jets, m: Jets) -> Jets:
        return self.matmul(self.diag_matrix(v), m)

    def matmul_diag(self, m: Jets, v: Jets) -> Jets:
        return self.matmul(m, self.diag_matrix(v))

    def t(self, a: Jets) -> Jets:
        return a.T

    def maximum(self, a: Jets, b: Jets) -> Jets:
        raise NotExact("maximum has no exact derivative")

    def total(self, a: Jets) -> Jets:
        return np.array([[_total(a.ravel())]], dtype=object)

    def det(self, a: Jets) -> Jets:
        return np.array([[_det(a)]], dtype=object)

    def inv(self, a: Jets) -> Jets:
        k = a.shape[0]
        det = _det(a)
        if k == 1:
            return np.array([[1 / det]], dtype=object)
        inverse = 1 / det
        return _array(k, k, lambda i, j: _det(_minor(a, j, i)) * inverse * (-1 if (i + j) % 2 else 1))

    def norm1(self, a: Jets) -> Jets:
        raise NotExact("the 1-norm has no exact derivative")

    def logdet(self, a: Jets) -> Jets:
        return np.array([[_det(a).log()]], dtype=object)

    def trace(self, a: Jets) -> Jets:
        return np.array([[_total(a[i, i] for i in range(a.shape[0]))]], dtype=object)

    def diag_matrix(self, v: Jets) -> Jets:
        flat = v.ravel()
        return _array(len(flat), len(flat), lambda i, j: flat[i] if i == j else Jet(0))

    def diag_vector(self, m: Jets) -> Jets:
        return _array(m.shape[0], 1, lambda i, _: m[i, i])

    def zeros(self, r: int, c: int) -> Jets:
        return _array(r, c, lambda i, j: Jet(0))

    def ones(self, r: int, c: int) -> Jets:
        return _array(r, c, lambda i, j: Jet(1))

    def eye(self, n: int) -> Jets:
        return _array(n, n, lambda i, j: Jet(int(i == j)))

    def entry(self, a: Jets, i: int, j: int) -> Jets:
        return np.array([[a[i, j]]], dtype=object)

    def from_rows(self, rows: Sequence[Sequence[Jets]]) -> Jets:
        return _array(len(rows), len(rows[0]), lambda i, j: rows[i][j][0, 0])

    def sqrt(self, a: Jets) -> Jets:
        return _array(a.shape[0], a.shape[1], lambda i, j: Root(lift(a[i, j])))

    def broadcast(self, a: Jets, shape: tuple[int, int]) -> Jets:
        return a if a.shape == tuple(shape) else _array(shape[0], shape[1], lambda i, j: a[0, 0])

    def vec(self, a: Jets) -> Jets:
        return a.reshape(-1, 1, order="F").copy()

    def kron(self, a: Jets, b: Jets) -> Jets:
        r, s = b.shape
        return _array(a.shape[0] * r, a.shape[1] * s, lambda i, j: a[i // r, j // s] * b[i % r, j % s])

    def commutation(self, m: int, n: int) -> Jets:
        from mcdocgen.checks.evaluate import commutation_order

        order = commutation_order(m, n)
        return _array(m * n, m * n, lambda i, j: Jet(int(order[i] == j)))

    def sym(self, a: Jets) -> Jets:
        out: Jets = (a + a.T) / 2
        return out


EXACT = ExactBackend()
