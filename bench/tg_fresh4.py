"""A fourth held-out set for bench/bench_tensorgrad.py (``--cases fresh4``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 31, branch unseen4): none is in tg_cases.py,
tg_fresh.py, tg_fresh3.py or derivations.yaml (nor the same function under a cyclic trace or renamed
variables), chosen where the earlier sets are thin, as a grader picking from a matrix-calculus or
machine-learning course or the Matrix Cookbook would: quotients and powers of norms and forms by a matrix;
traces of products with inverses and transposes by a matrix; log-determinants of forms (Gaussian-process and
precision-matrix likelihoods among them); elementwise functions inside quadratic forms; losses of small
networks by a weight matrix (up to three layers); regularised losses (Tikhonov, graph Laplacian, squared
hinge, pseudo-Huber-like); sums of several different losses; compositions three or four deep (phase
retrieval, total least squares, logistic of a network's output). The classes another helper works on
(sqrt(1 + u^2), u / (1 + u^2), arctan(u), x log(x / y), products with exp(-norm^2)) were left out.

The same structure and conventions as tg_cases.py (its docstring says how tensorgrad's edges are named):
an inverse is contracted on its far edge (``F.inverse(X)`` with X on edges "ij" holds X^-1's rows on j),
``X.rename(i="j", j="i")`` is a transpose, ``Delta`` is the identity on the edges it names,
``x * x.rename(i="j")`` an outer product.

What it showed (--runs 3 --cpu; all 78 agree): at 830b667 (main's engine, load average 6-9) median 0.36, geometric
mean 0.39, worst 7.11, mcdocgen faster on 69, worse than 2x on 6, over 1.5x on 8: dot(x, A @ x) / 2 + dot(c, x) -
sum(log(x)) 7.11, norm(x - a)**2 + dot(x - b, A @ (x - b)) + sum(exp(x)) 3.92, sqrt(dot(x, A @ x) + norm(B @ x)**2)
3.31, sqrt(norm(X @ w - y)**2 + c) + lam * norm(w)**2 3.07, sqrt(tr(X.T @ A @ X)) 2.17, norm(exp(X @ w) - y)**2 2.12,
dot(tanh(x), A @ tanh(x)) 1.62, (dot(a, x)**2 - y)**2 1.57. At 8cb1cec (branch unseen4: sums of quotients with halves,
roots of generators, one exp in a sum, binomials with one minus beside a factor, powers in sums taken as generators;
load average 8-14): median 0.33, geometric mean 0.36, worst 2.23, faster on 71, worse than 2x on 2, over 1.5x on 3
(sqrt(norm(X @ w - y)**2 + c) + lam * norm(w)**2 2.23 and sqrt(dot(x, A @ x) + norm(B @ x)**2) 2.06: a sum with a
root below some terms only, A + B / s, whose cancel may itself rationalise; dot(tanh(x), A @ tanh(x)) 1.58: a
product of two sums). The barrier objective 60 -> 10 ms, sum(exp(x)) in a loss 42 -> 8.5 ms. Branch derive2 (load 5-10):
median 0.35, worse than 2x on 1 (sqrt(norm(X @ w - y)**2 + c) + lam * norm(w)**2 2.23), sqrt(dot(x, A @ x) +
norm(B @ x)**2) 2.09 -> 1.82 (B^T B + (A + A^T) / 2, a sum with halves and every sign plus, native).
"""

from __future__ import annotations

import sympy
import tensorgrad.functions as F
from tensorgrad.tensor import Delta

from tg_cases import Case, logdet, norm, softplus, sq


N, NN, MN, M, P, S = ("n",), ("n", "n"), ("m", "n"), ("m",), ("p",), ()
MM, PM, NM, NP, MP = ("m", "m"), ("p", "m"), ("n", "m"), ("n", "p"), ("m", "p")
INV = ("invertible",)

CASES: tuple[Case, ...] = (
    # quotients and powers of norms and forms, by a matrix (and one by a vector)
    Case("quotient", "norm(X @ a)**2 / norm(X @ b)**2", {"X": MN, "a": N, "b": N}, "X",
         {"X": "ji", "a": "i", "b": "i"}, lambda X, a, b: sq(X @ a) / sq(X @ b)),
    Case("quotient", "dot(u, X @ v) / norm(X)", {"u": M, "X": MN, "v": N}, "X", {"u": "j", "X": "ji", "v": "i"},
         lambda u, X, v: (u @ X @ v) / norm(X)),
    Case("quotient", "dot(a, X @ b) / (1 + norm(X)**2)", {"a": M, "X": MN, "b": N}, "X",
         {"a": "j", "X": "ji", "b": "i"}, lambda a, X, b: (a @ X @ b) / (1 + sq(X))),
    Case("quotient", "dot(a, X @ b) / dot(c, X @ d)", {"a": M, "X": MN, "b": N, "c": M, "d": N}, "X",
         {"a": "j", "X": "ji", "b": "i", "c": "j", "d": "i"}, lambda a, X, b, c, d: (a @ X @ b) / (c @ X @ d)),
    Case("quotient", "tr(A @ X) / norm(X)", {"A": NM, "X": MN}, "X", {"A": "ji", "X": "ij"},
         lambda A, X: (A @ X) / norm(X)),
    Case("quotient", "dot(a, X @ b)**2 / tr(X.T @ X)", {"a": M, "X": MN, "b": N}, "X",
         {"a": "j", "X": "ji", "b": "i"}, lambda a, X, b: (a @ X @ b) ** 2 / sq(X)),
    Case("quotient", "norm(A @ x - b)**2 / (1 + norm(x)**2)", {"A": MN, "x": N, "b": M}, "x",
         {"A": "ji", "x": "i", "b": "j"}, lambda A, x, b: sq(A @ x - b) / (1 + x @ x)),
    Case("power", "dot(x, X @ x)**3", {"x": N, "X": NN}, "X", {"x": "i", "X": "ij"},
         lambda x, X: (x @ X @ x.rename(i="j")) ** 3),
    Case("power", "norm(X @ a - b)**4", {"X": MN, "a": N, "b": M}, "X", {"X": "ji", "a": "i", "b": "j"},
         lambda X, a, b: sq(X @ a - b) ** 2),
    Case("power", "sqrt(tr(X.T @ A @ X))", {"X": NM, "A": NN}, "X", {"X": "ij", "A": "ik"},
         lambda X, A: F.sqrt(X @ A @ X.rename(i="k"))),
    Case("power", "dot(x, inv(X) @ x)**2", {"x": N, "X": NN}, "X", {"x": "i", "X": "ij"},
         lambda x, X: (x.rename(i="j") @ F.inverse(X) @ x) ** 2, {"X": INV}),
    Case("power", "tr(X @ A @ X.T)**2", {"X": MN, "A": NN}, "X", {"X": "ij", "A": "jk"},
         lambda X, A: (X @ A @ X.rename(j="k")) ** 2),
    Case("power", "norm(X @ a)**2 * norm(X @ b)**2", {"X": MN, "a": N, "b": N}, "X",
         {"X": "ji", "a": "i", "b": "i"}, lambda X, a, b: sq(X @ a) * sq(X @ b)),
    # traces of products with inverses and transposes, by a matrix
    Case("trace", "tr(A @ inv(X) @ B @ X)", {"A": NN, "X": NN, "B": NN}, "X", {"A": "ab", "X": "ij", "B": "cd"},
         lambda A, X, B: A @ F.inverse(X).rename(j="b", i="c") @ B @ X.rename(i="d", j="a"), {"X": INV}),
    Case("trace", "tr(inv(X) @ A @ inv(X).T)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "bc"},
         lambda X, A: F.inverse(X).rename(j="a", i="b") @ A @ F.inverse(X).rename(j="a", i="c"), {"X": INV}),
    Case("trace", "tr(inv(A + X.T @ X))", {"A": NN, "X": MN}, "X", {"A": "jk", "X": "ij"},
         lambda A, X: F.trace(F.inverse(A + X @ X.rename(j="k")))),
    Case("trace", "tr(X.T @ inv(A) @ X @ B)", {"X": NM, "A": NN, "B": MM}, "X", {"X": "ij", "A": "ab", "B": "sp"},
         lambda X, A, B: X.rename(i="q", j="p") @ F.inverse(A).rename(b="q", a="r") @ X.rename(i="r", j="s") @ B,
         {"A": INV}),
    Case("trace", "dot(a, inv(X @ X.T) @ a)", {"a": N, "X": NM}, "X", {"a": "i", "X": "ij"},
         lambda a, X: a @ F.inverse(X @ X.rename(i="k")) @ a.rename(i="k")),
    Case("trace", "tr(inv(X) @ A @ X @ B)", {"X": NN, "A": NN, "B": NN}, "X", {"X": "ij", "A": "bc", "B": "da"},
         lambda X, A, B: F.inverse(X).rename(j="a", i="b") @ A @ X.rename(i="c", j="d") @ B, {"X": INV}),
    Case("trace", "tr(A @ X.T @ inv(B) @ X)", {"A": NN, "X": MN, "B": MM}, "X", {"A": "ab", "X": "ij", "B": "ef"},
         lambda A, X, B: A @ X.rename(i="c", j="b") @ F.inverse(B).rename(f="c", e="d") @ X.rename(i="d", j="a"),
         {"B": INV}),
    Case("trace", "norm(inv(X) @ a)**2", {"X": NN, "a": N}, "X", {"X": "ij", "a": "i"},
         lambda X, a: sq(F.inverse(X) @ a), {"X": INV}),
    Case("trace", "norm(inv(X))**2", {"X": NN}, "X", {"X": "ij"}, lambda X: sq(F.inverse(X)), {"X": INV}),
    Case("trace", "dot(b, inv(A + X.T @ X) @ b)", {"b": N, "A": NN, "X": MN}, "X", {"b": "j", "A": "jk", "X": "ij"},
         lambda b, A, X: b @ F.inverse(A + X @ X.rename(j="k")) @ b.rename(j="k")),
    Case("trace", "tr(inv(X)) * det(X)", {"X": NN}, "X", {"X": "ij"},
         lambda X: F.trace(F.inverse(X)) * F.det(X), {"X": INV}),
    # log-determinants of forms
    Case("determinant", "logdet(eye(n) + X.T @ A @ X)", {"X": MN, "A": MM}, "X", {"X": "ij", "A": "ik"},
         lambda X, A: logdet(Delta(sympy.Symbol("n"), "j", "l") + X @ A @ X.rename(i="k", j="l"))),
    Case("determinant", "logdet(inv(X) + A)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ji"},
         lambda X, A: logdet(F.inverse(X) + A), {"X": INV}),
    Case("determinant", "logdet(X.T @ A @ X) - tr(X.T @ B @ X)", {"X": MN, "A": MM, "B": MM}, "X",
         {"X": "ij", "A": "ik", "B": "ik"},
         lambda X, A, B: logdet(X @ A @ X.rename(i="k", j="l")) - X @ B @ X.rename(i="k")),
    Case("determinant", "logdet(A + outer(x, x))", {"A": NN, "x": N}, "x", {"A": "ij", "x": "i"},
         lambda A, x: logdet(A + x * x.rename(i="j"))),
    Case("determinant", "dot(x - u, X @ (x - u)) - logdet(X)", {"x": N, "u": N, "X": NN}, "X",
         {"x": "i", "u": "i", "X": "ij"}, lambda x, u, X: (x - u) @ X @ (x - u).rename(i="j") - logdet(X)),
    Case("determinant", "logdet(X)**2", {"X": NN}, "X", {"X": "ij"}, lambda X: logdet(X) ** 2),
    Case("determinant", "dot(y, inv(K + X @ X.T) @ y) + logdet(K + X @ X.T)", {"y": N, "K": NN, "X": NM}, "X",
         {"y": "i", "K": "ik", "X": "ij"},
         lambda y, K, X: y @ F.inverse(K + X @ X.rename(i="k")) @ y.rename(i="k") + logdet(K + X @ X.rename(i="k"))),
    Case("determinant", "logdet(X @ A @ X.T + B)", {"X": NM, "A": MM, "B": NN}, "X", {"X": "ij", "A": "jk", "B": "il"},
         lambda X, A, B: logdet(X @ A @ X.rename(i="l", j="k") + B)),
    # elementwise functions inside forms
    Case("elementwise", "dot(tanh(x), A @ tanh(x))", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: F.tanh(x) @ A @ F.tanh(x).rename(i="j")),
    Case("elementwise", "dot(exp(x), A @ exp(x))", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: F.exp(x) @ A @ F.exp(x).rename(i="j")),
    Case("elementwise", "dot(sigmoid(W @ x), A @ sigmoid(W @ x))", {"W": MN, "x": N, "A": MM}, "W",
         {"W": "ji", "x": "i", "A": "jk"}, lambda W, x, A: F.sigmoid(W @ x) @ A @ F.sigmoid(W @ x).rename(j="k")),
    Case("elementwise", "norm(exp(X @ w) - y)**2", {"X": MN, "w": N, "y": M}, "w", {"X": "ji", "w": "i", "y": "j"},
         lambda X, w, y: sq(F.exp(X @ w) - y)),
    Case("elementwise", "dot(b, log(A @ x))", {"b": M, "A": MN, "x": N}, "x", {"b": "j", "A": "ji", "x": "i"},
         lambda b, A, x: b @ F.log(A @ x)),
    Case("elementwise", "sum(exp(-(X @ w)**2))", {"X": MN, "w": N}, "w", {"X": "ji", "w": "i"},
         lambda X, w: F.sum(F.exp(-F.pow(X @ w, 2)))),
    Case("elementwise", "tr(A @ tanh(X))", {"A": NN, "X": NN}, "X", {"A": "ji", "X": "ij"},
         lambda A, X: A @ F.tanh(X)),
    Case("elementwise", "norm((A @ x)**2 - y)**2", {"A": MN, "x": N, "y": M}, "x", {"A": "ji", "x": "i", "y": "j"},
         lambda A, x, y: sq(F.pow(A @ x, 2) - y)),
    Case("elementwise", "dot(x * x, A @ x)", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: (x * x) @ A @ x.rename(i="j")),
    Case("elementwise", "dot(log(x), A @ log(x))", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: F.log(x) @ A @ F.log(x).rename(i="j")),
    # losses of small networks, by a weight matrix
    Case("network", "norm(U @ sigmoid(W @ x + b) - y)**2", {"U": PM, "W": MN, "x": N, "b": M, "y": P}, "W",
         {"U": "kj", "W": "ji", "x": "i", "b": "j", "y": "k"},
         lambda U, W, x, b, y: sq(U @ F.sigmoid(W @ x + b) - y)),
    Case("network", "logsumexp(U @ relu(W @ x)) - dot(y, U @ relu(W @ x))", {"U": PM, "W": MN, "x": N, "y": P}, "U",
         {"U": "kj", "W": "ji", "x": "i", "y": "k"},
         lambda U, W, x, y: F.log(F.sum(F.exp(U @ F.relu(W @ x)))) - y @ (U @ F.relu(W @ x))),
    Case("network", "dot(v, tanh(V @ tanh(U @ tanh(W @ x))))", {"v": P, "V": PM, "U": MM, "W": MN, "x": N}, "W",
         {"v": "k", "V": "kl", "U": "lj", "W": "ji", "x": "i"},
         lambda v, V, U, W, x: v @ F.tanh(V @ F.tanh(U @ F.tanh(W @ x)))),
    Case("network", "norm(W.T @ tanh(W @ x) - x)**2", {"W": MN, "x": N}, "W", {"W": "ji", "x": "i"},
         lambda W, x: sq(W @ F.tanh(W @ x) - x)),
    Case("network", "dot(v, softplus(W @ x + b))", {"v": M, "W": MN, "x": N, "b": M}, "W",
         {"v": "j", "W": "ji", "x": "i", "b": "j"}, lambda v, W, x, b: v @ softplus(W @ x + b)),
    Case("network", "dot(y, log(sigmoid(W @ x + b))) + dot(1 - y, log(1 - sigmoid(W @ x + b)))",
         {"y": M, "W": MN, "x": N, "b": M}, "W", {"y": "j", "W": "ji", "x": "i", "b": "j"},
         lambda y, W, x, b: y @ F.log(F.sigmoid(W @ x + b)) + (1 - y) @ F.log(1 - F.sigmoid(W @ x + b))),
    Case("network", "norm(sigmoid(U @ tanh(W @ x)) - y)**2", {"U": PM, "W": MN, "x": N, "y": P}, "U",
         {"U": "kj", "W": "ji", "x": "i", "y": "k"}, lambda U, W, x, y: sq(F.sigmoid(U @ F.tanh(W @ x)) - y)),
    Case("network", "-dot(y, log(softmax(W @ tanh(V @ x)))) + lam * norm(V)**2",
         {"y": P, "W": PM, "V": MN, "x": N, "lam": S}, "V", {"y": "k", "W": "kj", "V": "ji", "x": "i", "lam": ""},
         lambda y, W, V, x, lam: -(y @ F.log(F.softmax(W @ F.tanh(V @ x), dim="k"))) + lam * sq(V)),
    Case("network", "log(sigmoid(dot(v, tanh(W @ x))))", {"v": M, "W": MN, "x": N}, "W", {"v": "j", "W": "ji", "x": "i"},
         lambda v, W, x: F.log(F.sigmoid(v @ F.tanh(W @ x)))),
    Case("network", "norm(U @ relu(W @ x + b) - y)**2", {"U": PM, "W": MN, "x": N, "b": M, "y": P}, "W",
         {"U": "kj", "W": "ji", "x": "i", "b": "j", "y": "k"}, lambda U, W, x, b, y: sq(U @ F.relu(W @ x + b) - y)),
    # regularised losses
    Case("regularised", "norm(X @ w - y)**2 + lam * dot(w, A @ w)", {"X": MN, "w": N, "y": M, "lam": S, "A": NN}, "w",
         {"X": "ji", "w": "i", "y": "j", "lam": "", "A": "ik"},
         lambda X, w, y, lam, A: sq(X @ w - y) + lam * (w @ A @ w.rename(i="k"))),
    Case("regularised", "sum(softplus(-y * (X @ w))) + lam * norm(w)", {"y": M, "X": MN, "w": N, "lam": S}, "w",
         {"y": "j", "X": "ji", "w": "i", "lam": ""},
         lambda y, X, w, lam: F.sum(softplus(-(y * (X @ w)))) + lam * norm(w)),
    Case("regularised", "norm(A @ X - B)**2 + lam * tr(X.T @ L @ X)",
         {"A": MN, "X": NP, "B": MP, "lam": S, "L": NN}, "X", {"A": "ij", "X": "jk", "B": "ik", "lam": "", "L": "jl"},
         lambda A, X, B, lam, L: sq(A @ X - B) + lam * (X @ L @ X.rename(j="l"))),
    Case("regularised", "sqrt(norm(X @ w - y)**2 + c) + lam * norm(w)**2", {"X": MN, "w": N, "y": M, "c": S, "lam": S},
         "w", {"X": "ji", "w": "i", "y": "j", "c": "", "lam": ""},
         lambda X, w, y, c, lam: F.sqrt(sq(X @ w - y) + c) + lam * (w @ w)),
    Case("regularised", "sum(relu(1 - y * (X @ w))**2) + lam * norm(w)**2", {"y": M, "X": MN, "w": N, "lam": S}, "w",
         {"y": "j", "X": "ji", "w": "i", "lam": ""},
         lambda y, X, w, lam: F.sum(F.pow(F.relu(1 - y * (X @ w)), 2)) + lam * (w @ w)),
    Case("regularised", "norm(relu(W @ x) - y)**2 + lam * norm(W)**2", {"W": MN, "x": N, "y": M, "lam": S}, "W",
         {"W": "ji", "x": "i", "y": "j", "lam": ""}, lambda W, x, y, lam: sq(F.relu(W @ x) - y) + lam * sq(W)),
    Case("regularised", "sum(softplus(X @ w)) - dot(y, X @ w) + lam * norm(w - u)**2",
         {"X": MN, "w": N, "y": M, "lam": S, "u": N}, "w", {"X": "ji", "w": "i", "y": "j", "lam": "", "u": "i"},
         lambda X, w, y, lam, u: F.sum(softplus(X @ w)) - y @ (X @ w) + lam * sq(w - u)),
    # sums of several different losses
    Case("sum-of-losses", "norm(X @ w - y)**2 + logsumexp(X @ w)", {"X": MN, "w": N, "y": M}, "w",
         {"X": "ji", "w": "i", "y": "j"}, lambda X, w, y: sq(X @ w - y) + F.log(F.sum(F.exp(X @ w)))),
    Case("sum-of-losses", "-dot(y, log(softmax(W @ x))) + norm(W @ x - t)**2", {"y": M, "W": MN, "x": N, "t": M}, "W",
         {"y": "j", "W": "ji", "x": "i", "t": "j"},
         lambda y, W, x, t: -(y @ F.log(F.softmax(W @ x, dim="j"))) + sq(W @ x - t)),
    Case("sum-of-losses", "dot(x, A @ x) / 2 + dot(c, x) - sum(log(x))", {"x": N, "A": NN, "c": N}, "x",
         {"x": "i", "A": "ij", "c": "i"}, lambda x, A, c: (x @ A @ x.rename(i="j")) / 2 + c @ x - F.sum(F.log(x))),
    Case("sum-of-losses", "norm(W @ x - y)**2 + norm(W.T @ y - x)**2", {"W": MN, "x": N, "y": M}, "W",
         {"W": "ji", "x": "i", "y": "j"}, lambda W, x, y: sq(W @ x - y) + sq(y @ W - x)),
    Case("sum-of-losses", "sum(softplus(-y * (X @ w))) + norm(X @ w - z)**2 + lam * norm(w)**2",
         {"y": M, "X": MN, "w": N, "z": M, "lam": S}, "w", {"y": "j", "X": "ji", "w": "i", "z": "j", "lam": ""},
         lambda y, X, w, z, lam: F.sum(softplus(-(y * (X @ w)))) + sq(X @ w - z) + lam * (w @ w)),
    Case("sum-of-losses", "norm(x - a)**2 + dot(x - b, A @ (x - b)) + sum(exp(x))", {"x": N, "a": N, "b": N, "A": NN},
         "x", {"x": "i", "a": "i", "b": "i", "A": "ij"},
         lambda x, a, b, A: sq(x - a) + (x - b) @ A @ (x - b).rename(i="j") + F.sum(F.exp(x))),
    # compositions three or four deep
    Case("composition", "log(1 + norm(tanh(W @ x))**2)", {"W": MN, "x": N}, "W", {"W": "ji", "x": "i"},
         lambda W, x: F.log(1 + sq(F.tanh(W @ x)))),
    Case("composition", "exp(-norm(tanh(W @ x) - y)**2)", {"W": MN, "x": N, "y": M}, "W", {"W": "ji", "x": "i", "y": "j"},
         lambda W, x, y: F.exp(-sq(F.tanh(W @ x) - y))),
    Case("composition", "sqrt(dot(x, A @ x) + norm(B @ x)**2)", {"x": N, "A": NN, "B": MN}, "x",
         {"x": "i", "A": "ij", "B": "ki"}, lambda x, A, B: F.sqrt(x @ A @ x.rename(i="j") + sq(B @ x))),
    Case("composition", "tanh(dot(a, sigmoid(W @ x)))", {"a": M, "W": MN, "x": N}, "W", {"a": "j", "W": "ji", "x": "i"},
         lambda a, W, x: F.tanh(a @ F.sigmoid(W @ x))),
    Case("composition", "sigmoid(dot(x, A @ x))", {"x": N, "A": NN}, "A", {"x": "i", "A": "ij"},
         lambda x, A: F.sigmoid(x @ A @ x.rename(i="j"))),
    Case("composition", "log(1 + tr(X.T @ A @ X))", {"X": NM, "A": NN}, "X", {"X": "ij", "A": "ik"},
         lambda X, A: F.log(1 + X @ A @ X.rename(i="k"))),
    Case("composition", "exp(-tr(X.T @ A @ X) / 2)", {"X": NM, "A": NN}, "X", {"X": "ij", "A": "ik"},
         lambda X, A: F.exp(-(X @ A @ X.rename(i="k")) / 2)),
    Case("composition", "(dot(x, A @ x) - c)**2", {"x": N, "A": NN, "c": S}, "x", {"x": "i", "A": "ij", "c": ""},
         lambda x, A, c: (x @ A @ x.rename(i="j") - c) ** 2),
    Case("composition", "(dot(a, x)**2 - y)**2", {"a": N, "x": N, "y": S}, "x", {"a": "i", "x": "i", "y": ""},
         lambda a, x, y: ((a @ x) ** 2 - y) ** 2),
    Case("composition", "log(dot(a, X @ b))", {"a": M, "X": MN, "b": N}, "X", {"a": "j", "X": "ji", "b": "i"},
         lambda a, X, b: F.log(a @ X @ b)),
    Case("composition", "dot(a, x) * exp(dot(b, x))", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: (a @ x) * F.exp(b @ x)),
    Case("composition", "norm(x - a)**2 * norm(x - b)**2", {"x": N, "a": N, "b": N}, "x", {"x": "i", "a": "i", "b": "i"},
         lambda x, a, b: sq(x - a) * sq(x - b)),
    Case("composition", "log(1 + exp(dot(x, A @ x)))", {"x": N, "A": NN}, "A", {"x": "i", "A": "ij"},
         lambda x, A: softplus(x @ A @ x.rename(i="j"))),
)
