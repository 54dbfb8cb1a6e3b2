"""A third held-out set for bench/bench_tensorgrad.py (``--cases fresh3``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 30, branch unseen3): none is in tg_cases.py,
tg_fresh.py or derivations.yaml (nor the same function under a cyclic trace or renamed variables), chosen
as a grader picking from a matrix-calculus or machine-learning course would: quadratic and bilinear forms,
traces with inverses and transposes, log-determinants and determinants, norms and their powers, quotients
(Rayleigh-like, cosine-like, normalised vectors), exp/log/softmax/log-sum-exp, logistic, softplus and
tanh losses, small networks, Frobenius losses, Mahalanobis and metric-learning forms, elementwise
products, sums of entries; by vectors and by matrices, some several compositions deep. Products of a
value with its own logistic (swish-shaped) were left out on purpose: another branch works on them.

The same structure and conventions as tg_cases.py (its docstring says how tensorgrad's edges are named):
an inverse is contracted on its far edge, ``X.rename(i="j", j="i")`` is a transpose, ``Delta`` is the
identity on the edges it names.
"""

from __future__ import annotations

import sympy
import tensorgrad.functions as F
from tensorgrad.tensor import Delta

from tg_cases import Case, logdet, softplus, sq


N, NN, MN, M, P, S = ("n",), ("n", "n"), ("m", "n"), ("m",), ("p",), ()
MM, PM, NM, NP, MP = ("m", "m"), ("p", "m"), ("n", "m"), ("n", "p"), ("m", "p")
INV = ("invertible",)

CASES: tuple[Case, ...] = (
    # quadratic and bilinear forms
    Case("quadratic", "x.T @ (A + A.T) @ x", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: x @ (A + A.rename(i="j", j="i")) @ x.rename(i="j")),
    Case("quadratic", "x.T @ A.T @ A @ x", {"x": N, "A": MN}, "A", {"x": "i", "A": "ji"},
         lambda x, A: (A @ x) @ (A @ x)),
    Case("quadratic", "dot(B @ x, C @ B @ x)", {"B": MN, "x": N, "C": MM}, "B", {"B": "ji", "x": "i", "C": "jk"},
         lambda B, x, C: (B @ x) @ C @ (B @ x).rename(j="k")),
    Case("quadratic", "dot(u, X @ v) * dot(v, X @ u)", {"u": N, "X": NN, "v": N}, "X", {"u": "i", "X": "ij", "v": "j"},
         lambda u, X, v: (u @ X @ v) * (v.rename(j="i") @ X @ u.rename(i="j"))),
    Case("quadratic", "dot(x, A @ x) / 2 - dot(b, x)", {"x": N, "A": NN, "b": N}, "x",
         {"x": "i", "A": "ij", "b": "i"}, lambda x, A, b: (x @ A @ x.rename(i="j")) / 2 - b @ x),
    Case("quadratic", "dot(X @ a, X @ b)", {"X": MN, "a": N, "b": N}, "X", {"X": "ji", "a": "i", "b": "i"},
         lambda X, a, b: (X @ a) @ (X @ b)),
    # traces with inverses and transposes
    Case("trace", "tr(X @ X @ X.T)", {"X": NN}, "X", {"X": "ij"},
         lambda X: X @ X.rename(i="j", j="k") @ X.rename(j="k")),
    Case("trace", "tr(inv(X @ X))", {"X": NN}, "X", {"X": "ij"},
         lambda X: F.trace(F.inverse(X @ X.rename(i="j", j="k"))), {"X": INV}),
    Case("trace", "tr(X @ A @ X)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "jk"},
         lambda X, A: X @ A @ X.rename(i="k", j="i")),
    Case("trace", "tr(X.T @ inv(A) @ X)", {"X": NM, "A": NN}, "X", {"X": "ij", "A": "kl"},
         lambda X, A: X.rename(i="l") @ F.inverse(A) @ X.rename(i="k"), {"A": INV}),
    Case("trace", "tr(A @ X.T @ X @ B)", {"A": NN, "X": MN, "B": NN}, "X", {"A": "lj", "X": "ij", "B": "kl"},
         lambda A, X, B: A @ X @ X.rename(j="k") @ B),
    Case("trace", "tr(inv(X.T @ A @ X))", {"X": MN, "A": MM}, "X", {"X": "ij", "A": "ik"},
         lambda X, A: F.trace(F.inverse(X @ A @ X.rename(i="k", j="l")))),
    # determinants and log-determinants
    Case("determinant", "logdet(X @ X.T)", {"X": NM}, "X", {"X": "ij"}, lambda X: logdet(X @ X.rename(i="k"))),
    Case("determinant", "det(X + A)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"}, lambda X, A: F.det(X + A)),
    Case("determinant", "logdet(A @ X @ B)", {"A": NN, "X": NN, "B": NN}, "X", {"A": "ki", "X": "ij", "B": "jl"},
         lambda A, X, B: logdet(A @ X @ B)),
    Case("determinant", "1 / det(X)", {"X": NN}, "X", {"X": "ij"}, lambda X: 1 / F.det(X), {"X": INV}),
    Case("determinant", "sqrt(det(X.T @ X))", {"X": MN}, "X", {"X": "ij"},
         lambda X: F.sqrt(F.det(X @ X.rename(j="k")))),
    Case("determinant", "det(A @ X @ A.T)", {"A": NM, "X": MM}, "X", {"A": "ij", "X": "jl"},
         lambda A, X: F.det(A @ X @ A.rename(i="k", j="l"))),
    # norms and their powers
    Case("norm", "norm(x - a)**4", {"x": N, "a": N}, "x", {"x": "i", "a": "i"}, lambda x, a: ((x - a) @ (x - a)) ** 2),
    Case("norm", "norm(A @ X @ b)", {"A": PM, "X": MN, "b": N}, "X", {"A": "ki", "X": "ij", "b": "j"},
         lambda A, X, b: F.sqrt((A @ X @ b) @ (A @ X @ b))),
    Case("norm", "norm(X @ X)**2", {"X": NN}, "X", {"X": "ij"}, lambda X: sq(X @ X.rename(i="j", j="k"))),
    Case("norm", "norm(x - a) + norm(x - b)", {"x": N, "a": N, "b": N}, "x", {"x": "i", "a": "i", "b": "i"},
         lambda x, a, b: F.sqrt((x - a) @ (x - a)) + F.sqrt((x - b) @ (x - b))),
    Case("norm", "norm(W.T @ v)**2", {"W": MN, "v": M}, "W", {"W": "ji", "v": "j"}, lambda W, v: (v @ W) @ (v @ W)),
    Case("norm", "1 / norm(A @ x - b)", {"A": MN, "x": N, "b": M}, "x", {"A": "ji", "x": "i", "b": "j"},
         lambda A, x, b: 1 / F.sqrt((A @ x - b) @ (A @ x - b))),
    # quotients
    Case("quotient", "dot(x, y) / dot(x, x)", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: (x @ y) / (x @ x)),
    Case("quotient", "norm(A @ x) / norm(x)", {"A": MN, "x": N}, "x", {"A": "ji", "x": "i"},
         lambda A, x: F.sqrt((A @ x) @ (A @ x)) / F.sqrt(x @ x)),
    Case("quotient", "A @ x / norm(A @ x)", {"A": MN, "x": N}, "x", {"A": "ji", "x": "i"},
         lambda A, x: (A @ x) / F.sqrt((A @ x) @ (A @ x))),
    Case("quotient", "dot(a, x) / dot(x, A @ x)", {"a": N, "x": N, "A": NN}, "x", {"a": "i", "x": "i", "A": "ij"},
         lambda a, x, A: (a @ x) / (x @ A @ x.rename(i="j"))),
    Case("quotient", "tr(X.T @ A @ X) / tr(X.T @ B @ X)", {"X": NM, "A": NN, "B": NN}, "X",
         {"X": "ij", "A": "ik", "B": "ik"}, lambda X, A, B: (X @ A @ X.rename(i="k")) / (X @ B @ X.rename(i="k"))),
    Case("quotient", "dot(a, x)**2 / dot(x, x)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: (a @ x) ** 2 / (x @ x)),
    Case("quotient", "1 / (1 + norm(x)**2)", {"x": N}, "x", {"x": "i"}, lambda x: 1 / (1 + x @ x)),
    # exp, log, softmax and log-sum-exp
    Case("log-exp", "logsumexp(W @ x)", {"W": MN, "x": N}, "W", {"W": "ji", "x": "i"},
         lambda W, x: F.log(F.sum(F.exp(W @ x)))),
    Case("log-exp", "dot(a, softmax(x))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ F.softmax(x, dim="i")),
    Case("log-exp", "exp(-norm(W @ x)**2)", {"W": MN, "x": N}, "W", {"W": "ji", "x": "i"},
         lambda W, x: F.exp(-((W @ x) @ (W @ x)))),
    Case("log-exp", "log(1 + norm(x - a)**2)", {"x": N, "a": N}, "x", {"x": "i", "a": "i"},
         lambda x, a: F.log(1 + (x - a) @ (x - a))),
    Case("log-exp", "sum(exp(X @ w)) - dot(y, X @ w)", {"X": MN, "w": N, "y": M}, "w",
         {"X": "ji", "w": "i", "y": "j"}, lambda X, w, y: F.sum(F.exp(X @ w)) - y @ (X @ w)),
    Case("log-exp", "log(dot(x, A @ x))", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: F.log(x @ A @ x.rename(i="j"))),
    Case("log-exp", "-dot(y, log(softmax(W @ x + b)))", {"y": M, "W": MN, "x": N, "b": M}, "b",
         {"y": "j", "W": "ji", "x": "i", "b": "j"}, lambda y, W, x, b: -(y @ F.log(F.softmax(W @ x + b, dim="j")))),
    # logistic, softplus and tanh losses
    Case("logistic", "sum(softplus(-y * (X @ w))) + lam / 2 * norm(w)**2", {"y": M, "X": MN, "w": N, "lam": S}, "w",
         {"y": "j", "X": "ji", "w": "i", "lam": ""},
         lambda y, X, w, lam: F.sum(softplus(-(y * (X @ w)))) + lam * (w @ w) / 2),
    Case("logistic", "sum(log(cosh(X @ w - y)))", {"X": MN, "w": N, "y": M}, "w", {"X": "ji", "w": "i", "y": "j"},
         lambda X, w, y: F.sum(F.log((F.exp(X @ w - y) + F.exp(-(X @ w - y))) / 2))),
    Case("logistic", "norm(sigmoid(X @ w) - y)**2", {"X": MN, "w": N, "y": M}, "w", {"X": "ji", "w": "i", "y": "j"},
         lambda X, w, y: (F.sigmoid(X @ w) - y) @ (F.sigmoid(X @ w) - y)),
    Case("logistic", "sum(softplus(1 - y * (X @ w)))", {"y": M, "X": MN, "w": N}, "w", {"y": "j", "X": "ji", "w": "i"},
         lambda y, X, w: F.sum(softplus(1 - y * (X @ w)))),
    Case("logistic", "log(1 + exp(-y * dot(w, x)))", {"y": S, "w": N, "x": N}, "w", {"y": "", "w": "i", "x": "i"},
         lambda y, w, x: F.log(1 + F.exp(-(y * (w @ x))))),
    Case("logistic", "sum(tanh(X @ w - y)**2)", {"X": MN, "w": N, "y": M}, "w", {"X": "ji", "w": "i", "y": "j"},
         lambda X, w, y: F.sum(F.pow(F.tanh(X @ w - y), 2))),
    # small networks
    Case("network", "dot(v, relu(W @ x + b))", {"v": M, "W": MN, "x": N, "b": M}, "W",
         {"v": "j", "W": "ji", "x": "i", "b": "j"}, lambda v, W, x, b: v @ F.relu(W @ x + b)),
    Case("network", "norm(U @ tanh(W @ x + b) - y)**2", {"U": PM, "W": MN, "x": N, "b": M, "y": P}, "b",
         {"U": "kj", "W": "ji", "x": "i", "b": "j", "y": "k"},
         lambda U, W, x, b, y: (U @ F.tanh(W @ x + b) - y) @ (U @ F.tanh(W @ x + b) - y)),
    Case("network", "dot(v, sigmoid(U @ sigmoid(W @ x)))", {"v": P, "U": PM, "W": MN, "x": N}, "U",
         {"v": "k", "U": "kj", "W": "ji", "x": "i"}, lambda v, U, W, x: v @ F.sigmoid(U @ F.sigmoid(W @ x))),
    Case("network", "norm(U @ relu(W @ x) - y)**2", {"U": PM, "W": MN, "x": N, "y": P}, "U",
         {"U": "kj", "W": "ji", "x": "i", "y": "k"},
         lambda U, W, x, y: (U @ F.relu(W @ x) - y) @ (U @ F.relu(W @ x) - y)),
    Case("network", "-dot(y, log(softmax(U @ relu(W @ x))))", {"y": P, "U": PM, "W": MN, "x": N}, "U",
         {"y": "k", "U": "kj", "W": "ji", "x": "i"},
         lambda y, U, W, x: -(y @ F.log(F.softmax(U @ F.relu(W @ x), dim="k")))),
    Case("network", "dot(v, tanh(W @ tanh(W @ x)))", {"v": N, "W": NN, "x": N}, "W", {"v": "j", "W": "ji", "x": "i"},
         lambda v, W, x: v @ F.tanh(W @ F.tanh(W @ x).rename(j="i"))),
    Case("network", "logsumexp(U @ tanh(W @ x))", {"U": PM, "W": MN, "x": N}, "W", {"U": "kj", "W": "ji", "x": "i"},
         lambda U, W, x: F.log(F.sum(F.exp(U @ F.tanh(W @ x))))),
    Case("network", "norm(V @ tanh(W @ x) - x)**2", {"V": NM, "W": MN, "x": N}, "W", {"V": "ij", "W": "ji", "x": "i"},
         lambda V, W, x: (V @ F.tanh(W @ x) - x) @ (V @ F.tanh(W @ x) - x)),
    # Frobenius losses
    Case("frobenius", "norm(A @ X - B)**2", {"A": MN, "X": NP, "B": MP}, "X", {"A": "ij", "X": "jk", "B": "ik"},
         lambda A, X, B: sq(A @ X - B)),
    Case("frobenius", "norm(A @ X @ B - C)**2", {"A": MN, "X": NN, "B": NP, "C": MP}, "X",
         {"A": "ij", "X": "jl", "B": "lk", "C": "ik"}, lambda A, X, B, C: sq(A @ X @ B - C)),
    Case("frobenius", "norm(X.T @ X - eye(n))**2", {"X": MN}, "X", {"X": "ij"},
         lambda X: sq(X @ X.rename(j="k") - Delta(sympy.Symbol("n"), "j", "k"))),
    Case("frobenius", "norm(W @ H - A)**2 + mu * norm(W)**2", {"W": MP, "H": ("p", "n"), "A": MN, "mu": S}, "W",
         {"W": "ik", "H": "kj", "A": "ij", "mu": ""}, lambda W, H, A, mu: sq(W @ H - A) + mu * sq(W)),
    Case("frobenius", "norm(A * (X - B))**2", {"A": MN, "X": MN, "B": MN}, "X", {"A": "ij", "X": "ij", "B": "ij"},
         lambda A, X, B: sq(A * (X - B))),
    # Mahalanobis and metric-learning forms
    Case("mahalanobis", "sqrt(dot(x - u, inv(S) @ (x - u)))", {"x": N, "u": N, "S": NN}, "x",
         {"x": "i", "u": "i", "S": "ij"},
         lambda x, u, S: F.sqrt((x - u).rename(i="j") @ F.inverse(S) @ (x - u)), {"S": INV}),
    Case("mahalanobis", "dot(x - A @ u, S @ (x - A @ u))", {"x": M, "A": MN, "u": N, "S": MM}, "A",
         {"x": "j", "A": "ji", "u": "i", "S": "jk"},
         lambda x, A, u, S: (x - A @ u) @ S @ (x - A @ u).rename(j="k")),
    Case("mahalanobis", "exp(-dot(x - u, inv(S) @ (x - u)) / 2)", {"x": N, "u": N, "S": NN}, "u",
         {"x": "i", "u": "i", "S": "ij"},
         lambda x, u, S: F.exp(-((x - u).rename(i="j") @ F.inverse(S) @ (x - u)) / 2), {"S": INV}),
    Case("mahalanobis", "dot(x - y, A.T @ A @ (x - y))", {"x": N, "y": N, "A": MN}, "A",
         {"x": "i", "y": "i", "A": "ji"}, lambda x, y, A: (A @ (x - y)) @ (A @ (x - y))),
    # elementwise products
    Case("elementwise", "norm(a * x - b)**2", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: (a * x - b) @ (a * x - b)),
    Case("elementwise", "tr(A @ (X * X))", {"A": NN, "X": NN}, "X", {"A": "ji", "X": "ij"}, lambda A, X: A @ (X * X)),
    Case("elementwise", "sum(x * log(x))", {"x": N}, "x", {"x": "i"}, lambda x: F.sum(x * F.log(x))),
    Case("elementwise", "sum(x * log(x / y))", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: F.sum(x * (F.log(x) - F.log(y)))),
    Case("elementwise", "dot(a, x * tanh(x))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (x * F.tanh(x))),
    # sums of entries
    Case("sum", "sum(X @ A @ X)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "jk"},
         lambda X, A: F.sum(X @ A @ X.rename(i="k", j="l"))),
    Case("sum", "sum((X @ a - b)**2)", {"X": MN, "a": N, "b": M}, "X", {"X": "ji", "a": "i", "b": "j"},
         lambda X, a, b: F.sum(F.pow(X @ a - b, 2))),
    Case("sum", "sum(X.T @ X)", {"X": MN}, "X", {"X": "ij"}, lambda X: F.sum(X @ X.rename(j="k"))),
    Case("sum", "sum(sqrt(x * x + c))", {"x": N, "c": S}, "x", {"x": "i", "c": ""},
         lambda x, c: F.sum(F.sqrt(x * x + c))),
    # compositions several deep
    Case("composition", "(dot(w, x) + b - y)**2", {"w": N, "x": N, "b": S, "y": S}, "w",
         {"w": "i", "x": "i", "b": "", "y": ""}, lambda w, x, b, y: (w @ x + b - y) ** 2),
    Case("composition", "log(1 + exp(norm(A @ x - b)**2))", {"A": MN, "x": N, "b": M}, "x",
         {"A": "ji", "x": "i", "b": "j"}, lambda A, x, b: F.log(1 + F.exp((A @ x - b) @ (A @ x - b)))),
    Case("composition", "sqrt(1 + dot(a, tanh(W @ x))**2)", {"a": M, "W": MN, "x": N}, "W",
         {"a": "j", "W": "ji", "x": "i"}, lambda a, W, x: F.sqrt(1 + (a @ F.tanh(W @ x)) ** 2)),
    Case("composition", "exp(tr(A @ inv(X)))", {"A": NN, "X": NN}, "X", {"A": "ij", "X": "ij"},
         lambda A, X: F.exp(A @ F.inverse(X)), {"X": INV}),
    Case("composition", "norm(x)**2 * exp(-norm(x)**2)", {"x": N}, "x", {"x": "i"},
         lambda x: (x @ x) * F.exp(-(x @ x))),
    Case("composition", "dot(a, x)**2 / (1 + dot(b, x)**2)", {"a": N, "x": N, "b": N}, "x",
         {"a": "i", "x": "i", "b": "i"}, lambda a, x, b: (a @ x) ** 2 / (1 + (b @ x) ** 2)),
)
