"""The expressions bench/bench_tensorgrad.py times: each written once in mcdocgen's language and once with
tensorgrad's API, as a user of each would write it.

Chosen as a matrix-calculus course would pose them, not from the catalog: linear and quadratic forms,
traces, norms, quotients, powers, log/exp of scalars, elementwise functions, small networks, inverses and
determinants. Sizes are n, m, p; every variable is a real vector or matrix (a course's default), square
matrices are the ones inverted or whose determinant is taken.

A tensorgrad variable has one named edge per axis: ``edges`` gives them per variable, rows first, as one
character each ("ij": rows on edge i, columns on edge j). tensorgrad's ``@`` contracts the edges two
tensors share, ``*`` multiplies entrywise over them, and ``inv(X)`` swaps its edges' roles (the entry
inv(X)[j=a, i=b] is (X^-1)[a, b]), so an inverse is contracted on the far edge. bench_tensorgrad.py checks
that both sides compute the same function (and gradient) at a random point before it times anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import sympy
import tensorgrad.functions as F
from tensorgrad import Tensor
from tensorgrad.tensor import Delta


@dataclass(frozen=True)
class Case:
    """One expression: mcdocgen's text and shapes, tensorgrad's builder, and the variable to differentiate by."""

    kind: str                           # a group for the summary: linear, quadratic, quotient...
    expression: str                     # mcdocgen's language
    shapes: dict[str, tuple[str, ...]]  # each variable's shape over the size names n, m, p
    wrt: str
    edges: dict[str, str]               # tensorgrad's edge names for each variable, one character an axis
    tg: Callable[..., Tensor]           # the same function from tensorgrad Variables, by keyword
    assume: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.expression} by {self.wrt}"


def logdet(t: Tensor) -> Tensor:
    return F.log(F.det(t))


def softplus(t: Tensor) -> Tensor:
    return F.log(1 + F.exp(t))


def sq(t: Tensor) -> Tensor:
    """The squared 2-norm of a vector, or the squared Frobenius norm of a matrix."""
    return F.frobenius2(t)


def norm(t: Tensor) -> Tensor:
    return F.sqrt(F.frobenius2(t))


def _tr(t: Tensor) -> Tensor:
    return F.trace(t)


# the held-out sets' helpers (tg_fresh13.py .. tg_fresh17.py wrote each of them alike)
def eye(size: str, *edges: str) -> Tensor:
    """The identity on ``edges`` of size ``size`` (one edge: a ones vector)."""
    return Delta(sympy.Symbol(size), *edges)


def lse(t: Tensor) -> Tensor:
    return F.log(F.sum(F.exp(t)))


def centred(t: Tensor) -> Tensor:
    return t - F.mean(t)


def sqdist(X: Tensor, x: Tensor) -> Tensor:
    """The squared distances from x (edge i) to the rows of X (edges "ji"): a vector on j."""
    return (X * X) @ eye("n", "i") - 2 * (X @ x) + x @ x


def quad(d: Tensor, A: Tensor) -> Tensor:
    """d^T A d, d on edge i, A on edges "ij"."""
    return d @ A @ d.rename(i="j")


def inv_quad(d: Tensor, S: Tensor) -> Tensor:
    """d^T S^-1 d, d on edge i, S on edges "ij"."""
    return d.rename(i="j") @ F.inverse(S) @ d


N, NN, MN, M = ("n",), ("n", "n"), ("m", "n"), ("m",)

CASES: tuple[Case, ...] = (
    # linear
    Case("linear", "dot(a, x)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"}, lambda a, x: a @ x),
    Case("linear", "A @ x", {"A": MN, "x": N}, "x", {"A": "ji", "x": "i"}, lambda A, x: A @ x),
    Case("linear", "dot(b, A @ x)", {"b": M, "A": MN, "x": N}, "A", {"b": "j", "A": "ji", "x": "i"},
         lambda b, A, x: b @ A @ x),
    Case("linear", "A @ x + b", {"A": MN, "x": N, "b": M}, "A", {"A": "ji", "x": "i", "b": "j"},
         lambda A, x, b: A @ x + b),
    # quadratic forms
    Case("quadratic", "x.T @ A @ x", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: x @ A @ x.rename(i="j")),
    Case("quadratic", "x.T @ A @ x", {"x": N, "A": NN}, "A", {"x": "i", "A": "ij"},
         lambda x, A: x @ A @ x.rename(i="j")),
    Case("quadratic", "dot(x, x)", {"x": N}, "x", {"x": "i"}, lambda x: x @ x),
    Case("quadratic", "x.T @ A @ x + dot(b, x) + c", {"x": N, "A": NN, "b": N, "c": ()}, "x",
         {"x": "i", "A": "ij", "b": "i", "c": ""}, lambda x, A, b, c: x @ A @ x.rename(i="j") + b @ x + c),
    Case("quadratic", "dot(a, x) * dot(b, x)", {"a": N, "b": N, "x": N}, "x", {"a": "i", "b": "i", "x": "i"},
         lambda a, b, x: (a @ x) * (b @ x)),
    Case("quadratic", "(A @ x - b).T @ C @ (A @ x - b)", {"A": MN, "x": N, "b": M, "C": ("m", "m")}, "x",
         {"A": "ji", "x": "i", "b": "j", "C": "jk"}, lambda A, x, b, C: (A @ x - b) @ C @ (A @ x - b).rename(j="k")),
    # traces
    Case("trace", "tr(A @ X)", {"A": ("n", "m"), "X": MN}, "X", {"A": "ij", "X": "ji"}, lambda A, X: _tr(A @ X)),
    Case("trace", "tr(A @ X @ B)", {"A": ("p", "m"), "X": MN, "B": ("n", "p")}, "X",
         {"A": "ki", "X": "ij", "B": "jk"}, lambda A, X, B: _tr(A @ X @ B)),
    Case("trace", "tr(X.T @ A @ X)", {"X": ("n", "m"), "A": NN}, "X", {"X": "ij", "A": "ik"},
         lambda X, A: _tr(X @ A @ X.rename(i="k"))),
    Case("trace", "tr(X @ X)", {"X": NN}, "X", {"X": "ij"}, lambda X: _tr(X @ X.rename(i="j", j="i"))),
    Case("trace", "tr(X.T @ X)", {"X": MN}, "X", {"X": "ij"}, lambda X: F.frobenius2(X)),
    Case("trace", "tr(X @ A @ X.T @ B)", {"X": MN, "A": NN, "B": ("m", "m")}, "X",
         {"X": "ij", "A": "jk", "B": "li"}, lambda X, A, B: _tr(X @ A @ X.rename(i="l", j="k") @ B)),
    Case("trace", "tr(X)**2", {"X": NN}, "X", {"X": "ij"}, lambda X: _tr(X) ** 2),
    Case("trace", "tr(A @ X) * tr(B @ X)", {"A": NN, "B": NN, "X": NN}, "X", {"A": "ji", "B": "ji", "X": "ij"},
         lambda A, B, X: _tr(A @ X) * _tr(B @ X)),
    # norms
    Case("norm", "norm(x)", {"x": N}, "x", {"x": "i"}, lambda x: F.sqrt(x @ x)),
    Case("norm", "norm(A @ x - b)**2", {"A": MN, "x": N, "b": M}, "x", {"A": "ji", "x": "i", "b": "j"},
         lambda A, x, b: (A @ x - b) @ (A @ x - b)),
    Case("norm", "norm(A @ x - b)", {"A": MN, "x": N, "b": M}, "x", {"A": "ji", "x": "i", "b": "j"},
         lambda A, x, b: F.sqrt((A @ x - b) @ (A @ x - b))),
    Case("norm", "norm(x)**3", {"x": N}, "x", {"x": "i"}, lambda x: F.sqrt(x @ x) ** 3),
    Case("norm", "1 / norm(x)", {"x": N}, "x", {"x": "i"}, lambda x: 1 / F.sqrt(x @ x)),
    Case("norm", "norm(W @ x)", {"W": MN, "x": N}, "W", {"W": "ji", "x": "i"}, lambda W, x: F.sqrt((W @ x) @ (W @ x))),
    Case("norm", "tr((Y - U @ V).T @ (Y - U @ V))", {"Y": MN, "U": ("m", "p"), "V": ("p", "n")}, "V",
         {"Y": "ij", "U": "ik", "V": "kj"}, lambda Y, U, V: (Y - U @ V) @ (Y - U @ V)),
    # quotients and powers
    Case("quotient", "dot(x, A @ x) / dot(x, x)", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: (x @ A @ x.rename(i="j")) / (x @ x)),
    Case("quotient", "dot(x, A @ x) / dot(x, B @ x)", {"x": N, "A": NN, "B": NN}, "x",
         {"x": "i", "A": "ij", "B": "ij"}, lambda x, A, B: (x @ A @ x.rename(i="j")) / (x @ B @ x.rename(i="j"))),
    Case("quotient", "tr(A @ X) / tr(B @ X)", {"A": NN, "B": NN, "X": NN}, "X", {"A": "ji", "B": "ji", "X": "ij"},
         lambda A, B, X: _tr(A @ X) / _tr(B @ X)),
    Case("quotient", "dot(a, x) / dot(b, x)", {"a": N, "b": N, "x": N}, "x", {"a": "i", "b": "i", "x": "i"},
         lambda a, b, x: (a @ x) / (b @ x)),
    Case("quotient", "tr(X.T @ X) / tr(X)", {"X": NN}, "X", {"X": "ij"}, lambda X: F.frobenius2(X) / _tr(X)),
    Case("power", "dot(x, x)**2", {"x": N}, "x", {"x": "i"}, lambda x: (x @ x) ** 2),
    Case("power", "dot(a, x)**3", {"a": N, "x": N}, "x", {"a": "i", "x": "i"}, lambda a, x: (a @ x) ** 3),
    Case("power", "dot(u, X @ v)**2", {"u": M, "X": MN, "v": N}, "X", {"u": "i", "X": "ij", "v": "j"},
         lambda u, X, v: (u @ X @ v) ** 2),
    Case("power", "sqrt(dot(x, A @ x))", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: F.sqrt(x @ A @ x.rename(i="j"))),
    Case("power", "dot(x, x) * dot(a, x)", {"x": N, "a": N}, "x", {"x": "i", "a": "i"}, lambda x, a: (x @ x) * (a @ x)),
    # log and exp of scalars
    Case("log-exp", "log(dot(x, x))", {"x": N}, "x", {"x": "i"}, lambda x: F.log(x @ x)),
    Case("log-exp", "exp(dot(a, x))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"}, lambda a, x: F.exp(a @ x)),
    Case("log-exp", "log(1 + exp(dot(w, x)))", {"w": N, "x": N}, "w", {"w": "i", "x": "i"},
         lambda w, x: F.log(1 + F.exp(w @ x))),
    Case("log-exp", "1 / (1 + exp(-dot(w, x)))", {"w": N, "x": N}, "w", {"w": "i", "x": "i"},
         lambda w, x: 1 / (1 + F.exp(-(w @ x)))),
    Case("log-exp", "exp(-dot(x, A @ x) / 2)", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: F.exp(-(x @ A @ x.rename(i="j")) / 2)),
    Case("log-exp", "log(dot(a, exp(x)))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"}, lambda a, x: F.log(a @ F.exp(x))),
    # elementwise functions
    Case("elementwise", "sum(exp(x))", {"x": N}, "x", {"x": "i"}, lambda x: F.sum(F.exp(x))),
    Case("elementwise", "sum(log(x))", {"x": N}, "x", {"x": "i"}, lambda x: F.sum(F.log(x))),
    Case("elementwise", "dot(a, tanh(x))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"}, lambda a, x: a @ F.tanh(x)),
    Case("elementwise", "sum(x**3)", {"x": N}, "x", {"x": "i"}, lambda x: F.sum(F.pow(x, 3))),
    Case("elementwise", "sum(tanh(x)**2)", {"x": N}, "x", {"x": "i"}, lambda x: F.sum(F.pow(F.tanh(x), 2))),
    Case("elementwise", "sum(sigmoid(W @ x))", {"W": MN, "x": N}, "W", {"W": "ji", "x": "i"},
         lambda W, x: F.sum(F.sigmoid(W @ x))),
    Case("elementwise", "logsumexp(A @ x)", {"A": MN, "x": N}, "x", {"A": "ji", "x": "i"},
         lambda A, x: F.log(F.sum(F.exp(A @ x)))),
    Case("elementwise", "sum(log(sigmoid(y * (X @ w))))", {"y": M, "X": MN, "w": N}, "w",
         {"y": "j", "X": "ji", "w": "i"}, lambda y, X, w: F.sum(F.log(F.sigmoid(y * (X @ w))))),
    # small networks
    Case("network", "dot(v, tanh(W @ x))", {"v": M, "W": MN, "x": N}, "W", {"v": "j", "W": "ji", "x": "i"},
         lambda v, W, x: v @ F.tanh(W @ x)),
    Case("network", "dot(v, tanh(W @ x))", {"v": M, "W": MN, "x": N}, "x", {"v": "j", "W": "ji", "x": "i"},
         lambda v, W, x: v @ F.tanh(W @ x)),
    Case("network", "norm(V @ tanh(W @ x) - y)**2", {"V": ("p", "m"), "W": MN, "x": N, "y": ("p",)}, "W",
         {"V": "kj", "W": "ji", "x": "i", "y": "k"}, lambda V, W, x, y: (V @ F.tanh(W @ x) - y) @ (V @ F.tanh(W @ x) - y)),
    Case("network", "norm(V @ sigmoid(W @ x) - y)**2", {"V": ("p", "m"), "W": MN, "x": N, "y": ("p",)}, "V",
         {"V": "kj", "W": "ji", "x": "i", "y": "k"},
         lambda V, W, x, y: (V @ F.sigmoid(W @ x) - y) @ (V @ F.sigmoid(W @ x) - y)),
    Case("network", "dot(v, relu(W @ x))", {"v": M, "W": MN, "x": N}, "W", {"v": "j", "W": "ji", "x": "i"},
         lambda v, W, x: v @ F.relu(W @ x)),
    Case("network", "-dot(y, log(softmax(W @ x)))", {"y": M, "W": MN, "x": N}, "W", {"y": "j", "W": "ji", "x": "i"},
         lambda y, W, x: -(y @ F.log(F.softmax(W @ x, dim="j")))),
    # inverses and determinants
    Case("inverse", "dot(a, inv(X) @ b)", {"a": N, "X": NN, "b": N}, "X", {"a": "j", "X": "ij", "b": "i"},
         lambda a, X, b: a @ F.inverse(X) @ b, {"X": ("invertible",)}),
    Case("inverse", "tr(inv(X))", {"X": NN}, "X", {"X": "ij"}, lambda X: _tr(F.inverse(X)), {"X": ("invertible",)}),
    Case("inverse", "tr(A @ inv(X) @ B)", {"A": ("m", "n"), "X": NN, "B": ("n", "m")}, "X",
         {"A": "kj", "X": "ij", "B": "ik"}, lambda A, X, B: _tr(A @ F.inverse(X) @ B), {"X": ("invertible",)}),
    Case("inverse", "x.T @ inv(A) @ x", {"x": N, "A": NN}, "A", {"x": "i", "A": "ij"},
         lambda x, A: x.rename(i="j") @ F.inverse(A) @ x, {"A": ("invertible",)}),
    Case("inverse", "dot(x - u, inv(S) @ (x - u))", {"x": N, "u": N, "S": NN}, "u", {"x": "i", "u": "i", "S": "ij"},
         lambda x, u, S: (x - u).rename(i="j") @ F.inverse(S) @ (x - u), {"S": ("invertible",)}),
    Case("determinant", "det(X)", {"X": NN}, "X", {"X": "ij"}, lambda X: F.det(X)),
    Case("determinant", "log(det(X))", {"X": NN}, "X", {"X": "ij"}, lambda X: F.log(F.det(X)), {"X": ("invertible",)}),
    Case("determinant", "det(X)**2", {"X": NN}, "X", {"X": "ij"}, lambda X: F.det(X) ** 2),
)


def pairwise(X, Y):
    """The squared distances between the rows of X and of Y (edges "ji"): a matrix on j (X's rows), l (Y's)."""
    return (((X * X) @ eye("n", "i")) * eye("m", "l") + eye("m", "j") * ((Y * Y) @ eye("n", "i")).rename(j="l")
            - 2 * (X @ Y.rename(j="l")))


def cross(X, Y):
    """The squared distances between the rows of X (edges "ji") and of Y (edges "ki"): a matrix on j, k."""
    return (((X * X) @ eye("n", "i")) * eye("p", "k") + eye("m", "j") * ((Y * Y) @ eye("n", "i"))
            - 2 * (X @ Y))
