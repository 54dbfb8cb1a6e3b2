"""A fifth held-out set for bench/bench_tensorgrad.py (``--cases fresh5``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 32, branch fresh5), without reading the engine: none
is in tg_cases.py, tg_fresh.py, tg_fresh3.py or tg_fresh4.py (nor the same function under a cyclic trace,
a transpose or renamed variables), picked as a grader would from a matrix-calculus course or an ML paper:
robust and weighted least squares (pseudo-Huber, Cauchy, Geman-McClure, smoothed TV and L1), exponential-family
and Poisson losses, logistic and hinge losses (a triplet loss on a metric, a penalty method), softmax
cross-entropy by the input, KL and entropy of a softmax, quotients (cosine similarity by a weight matrix, a
Sharpe ratio, quotients of sums, ratios of determinants), powers, products and sums of roots and norms,
traces with inverses (the hat matrix, a projection residual, a matrix-normal form), log-determinants (a
graphical-lasso objective, a Gaussian-process likelihood by its noise variance, a Cholesky-factor
likelihood), Gaussian and Student-t likelihoods, kernels (RBF by the bandwidth and by a metric, Laplacian,
polynomial, rational quadratic, tanh), elementwise nonlinearities (swish and mish written out), networks of
two or three layers (residual, gated, tied autoencoder), attention-like reads, products of sums and nested
logs/exps. Derivatives by vectors, matrices and (four) scalars; three vector-valued functions.

The same structure and conventions as tg_cases.py (its docstring says how tensorgrad's edges are named):
an inverse is contracted on its far edge (``F.inverse(X)`` with X on edges "ij" holds X^-1's rows on j),
``X.rename(i="j", j="i")`` is a transpose, ``Delta`` is the identity on the edges it names.

What it showed (2026-12-06, main at d4d417e, --runs 3 --cpu, two runs; all 106 agree at the warm-up, none left out,
none replaced): run 1 (load average 7-9) median 0.43, geometric mean 0.61, worst 20.8, mcdocgen faster on 75, over
1.2x on 27, over 1.5x on 21, worse than 2x on 20; run 2 (load 9-11) median 0.45, geometric mean 0.61, worst 30.6,
faster on 78, over 1.2x on 23, over 1.5x on 21, worse than 2x on 17. Sums of medians 3.34 / 3.42 s and 3.59 / 3.50 s.
Over 2x in both runs (ratio run 1 / run 2, mcdocgen ms run 1 / run 2): (exp(dot(a, x)) + exp(dot(b, x))) / (1 +
exp(dot(c, x))) 20.5 / 30.6 (377 / 415 ms), exp(dot(a, x)) / (1 + exp(dot(a, x)) + exp(dot(b, x))) 20.1 / 26.5 (393 /
374), (norm(x - a)**2 + norm(x - b)**2) / (1 + norm(x - c)**2) 20.8 / 20.3 (323 / 366), log(exp(dot(a, x)) +
exp(dot(b, x))) 13.7 / 15.2 (98 / 116), exp(-exp(dot(a, x))) 11.3 / 14.1 (54 / 63), exp(-norm(x - a)**2) +
exp(-norm(x - b)**2) 11.0 / 10.3 (110 / 117), relu(norm(x - a) - r) 4.5 / 8.8 (54 / 74), dot(mu, w) / sqrt(dot(w, S @
w)) 8.2 / 7.6 (125 / 141), 1 / (1 + norm(x - y)**2 / c)**2 7.7 / 8.0 (116 / 126), 1 / sqrt(dot(x, A @ x)) 6.9 / 5.8
(57 / 47), sqrt(norm(x - a)**2 + 1) + sqrt(norm(x - b)**2 + 1) 5.6 / 4.9 (82 / 93), dot(a, x / (1 + exp(-x))) 3.8 /
5.1 (67 / 71), (dot(a, x) + dot(b, x)**2) / (1 + dot(c, x)**2) 3.2 / 4.6 (89 / 127), log(1 + exp(-dot(w, x))) +
log(1 + exp(dot(w, z))) 4.3 / 3.6 (45 / 61), exp(-norm(x - y)**2 / c) by c 3.0 / 3.9 (27 / 30), sqrt(dot(x, A @ x)) +
sqrt(dot(x, B @ x)) 3.6 / 2.8 (72 / 63), norm(X @ w - y)**2 + lam * sum(sqrt(w * w + c)) 2.7 / 3.3 (58 / 76). Over
2x in one run: sum((X @ w - y)**2 / (1 + (X @ w - y)**2)) 2.47 / 1.89, x / (1 + norm(x)**2) 2.19 / 1.35,
sum(sqrt(1 + (X @ w - y)**2)) 2.08 / 1.54. Over 1.5x: sqrt(1 + norm(x)**2)**3 1.71 / 1.83, the triplet hinge 1.50 /
1.64. By kind (run 1): nested 6.1, hinge 1.3, logistic 1.3, kernel 0.94, power 0.95, loss 0.65, quotient 0.52,
determinant 0.52, gaussian 0.46, elementwise 0.36, trace 0.27, network 0.28, attention 0.15, softmax 0.14.
"""

from __future__ import annotations

import sympy
import tensorgrad.functions as F
from tensorgrad.tensor import Delta

from tg_cases import Case, logdet, norm, softplus, sq


N, NN, MN, M, P, S = ("n",), ("n", "n"), ("m", "n"), ("m",), ("p",), ()
MM, PM, NM, PN, MP = ("m", "m"), ("p", "m"), ("n", "m"), ("p", "n"), ("m", "p")
INV = ("invertible",)


def eye(*edges: str):
    return Delta(sympy.Symbol("n"), *edges)


CASES: tuple[Case, ...] = (
    # least squares variants and robust losses
    Case("loss", "dot(X @ w - y, C @ (X @ w - y))", {"X": MN, "w": N, "y": M, "C": MM}, "X",
         {"X": "ji", "w": "i", "y": "j", "C": "jk"}, lambda X, w, y, C: (X @ w - y) @ C @ (X @ w - y).rename(j="k")),
    Case("loss", "norm(X @ w - y)**2 + lam * norm(D @ w)**2", {"X": MN, "w": N, "y": M, "lam": S, "D": PN}, "w",
         {"X": "ji", "w": "i", "y": "j", "lam": "", "D": "ki"}, lambda X, w, y, lam, D: sq(X @ w - y) + lam * sq(D @ w)),
    Case("loss", "norm(X @ w - y)**2 + lam * sum(sqrt(w * w + c))", {"X": MN, "w": N, "y": M, "lam": S, "c": S}, "w",
         {"X": "ji", "w": "i", "y": "j", "lam": "", "c": ""},
         lambda X, w, y, lam, c: sq(X @ w - y) + lam * F.sum(F.sqrt(w * w + c))),
    Case("loss", "sum(sqrt(1 + (X @ w - y)**2))", {"X": MN, "w": N, "y": M}, "w", {"X": "ji", "w": "i", "y": "j"},
         lambda X, w, y: F.sum(F.sqrt(1 + F.pow(X @ w - y, 2)))),
    Case("loss", "sum(log(1 + (X @ w - y)**2))", {"X": MN, "w": N, "y": M}, "w", {"X": "ji", "w": "i", "y": "j"},
         lambda X, w, y: F.sum(F.log(1 + F.pow(X @ w - y, 2)))),
    Case("loss", "sum((X @ w - y)**2 / (1 + (X @ w - y)**2))", {"X": MN, "w": N, "y": M}, "w",
         {"X": "ji", "w": "i", "y": "j"}, lambda X, w, y: F.sum(F.pow(X @ w - y, 2) / (1 + F.pow(X @ w - y, 2)))),
    Case("loss", "sum(log(c + (A @ x - b)**2))", {"A": MN, "x": N, "b": M, "c": S}, "A",
         {"A": "ji", "x": "i", "b": "j", "c": ""}, lambda A, x, b, c: F.sum(F.log(c + F.pow(A @ x - b, 2)))),
    Case("loss", "norm(X @ w - y)**2 / s + c * log(s)", {"X": MN, "w": N, "y": M, "s": S, "c": S}, "s",
         {"X": "ji", "w": "i", "y": "j", "s": "", "c": ""}, lambda X, w, y, s, c: sq(X @ w - y) / s + c * F.log(s)),
    Case("loss", "dot(y, exp(-(X @ w))) + sum(X @ w)", {"y": M, "X": MN, "w": N}, "w", {"y": "j", "X": "ji", "w": "i"},
         lambda y, X, w: y @ F.exp(-(X @ w)) + F.sum(X @ w)),
    Case("loss", "dot(y, log(X @ w)) - sum(X @ w)", {"y": M, "X": MN, "w": N}, "w", {"y": "j", "X": "ji", "w": "i"},
         lambda y, X, w: y @ F.log(X @ w) - F.sum(X @ w)),
    Case("loss", "norm(relu(X @ w - y))**2", {"X": MN, "w": N, "y": M}, "w", {"X": "ji", "w": "i", "y": "j"},
         lambda X, w, y: sq(F.relu(X @ w - y))),
    Case("loss", "norm(log(A @ x) - y)**2", {"A": MN, "x": N, "y": M}, "x", {"A": "ji", "x": "i", "y": "j"},
         lambda A, x, y: sq(F.log(A @ x) - y)),
    Case("loss", "sum(sqrt((D @ x)**2 + c))", {"D": MN, "x": N, "c": S}, "x", {"D": "ji", "x": "i", "c": ""},
         lambda D, x, c: F.sum(F.sqrt(F.pow(D @ x, 2) + c))),
    Case("loss", "dot(x, L @ x) + lam * norm(x - y)**2", {"x": N, "L": NN, "lam": S, "y": N}, "x",
         {"x": "i", "L": "ij", "lam": "", "y": "i"}, lambda x, L, lam, y: x @ L @ x.rename(i="j") + lam * sq(x - y)),
    # logistic and hinge-like losses
    Case("logistic", "sum(softplus(-y * (X @ w)))", {"y": M, "X": MN, "w": N}, "X", {"y": "j", "X": "ji", "w": "i"},
         lambda y, X, w: F.sum(softplus(-(y * (X @ w))))),
    Case("logistic", "softplus(-y * dot(v, tanh(W @ x)))", {"y": S, "v": M, "W": MN, "x": N}, "W",
         {"y": "", "v": "j", "W": "ji", "x": "i"}, lambda y, v, W, x: softplus(-(y * (v @ F.tanh(W @ x))))),
    Case("logistic", "log(1 + exp(-dot(w, x))) + log(1 + exp(dot(w, z)))", {"w": N, "x": N, "z": N}, "w",
         {"w": "i", "x": "i", "z": "i"}, lambda w, x, z: softplus(-(w @ x)) + softplus(w @ z)),
    Case("hinge", "sum(relu(1 - y * (X @ w))) + lam * norm(w)**2", {"y": M, "X": MN, "w": N, "lam": S}, "w",
         {"y": "j", "X": "ji", "w": "i", "lam": ""},
         lambda y, X, w, lam: F.sum(F.relu(1 - y * (X @ w))) + lam * (w @ w)),
    Case("hinge", "relu(c + dot(x - y, M @ (x - y)) - dot(x - z, M @ (x - z)))",
         {"c": S, "x": N, "y": N, "z": N, "M": NN}, "M", {"c": "", "x": "i", "y": "i", "z": "i", "M": "ij"},
         lambda c, x, y, z, M: F.relu(c + (x - y) @ M @ (x - y).rename(i="j") - (x - z) @ M @ (x - z).rename(i="j"))),
    Case("hinge", "dot(x, Q @ x) / 2 + dot(c, x) + mu * norm(relu(A @ x - b))**2",
         {"x": N, "Q": NN, "c": N, "mu": S, "A": MN, "b": M}, "x", {"x": "i", "Q": "ik", "c": "i", "mu": "", "A": "ji", "b": "j"},
         lambda x, Q, c, mu, A, b: (x @ Q @ x.rename(i="k")) / 2 + c @ x + mu * sq(F.relu(A @ x - b))),
    Case("hinge", "relu(norm(x - a) - r)", {"x": N, "a": N, "r": S}, "x", {"x": "i", "a": "i", "r": ""},
         lambda x, a, r: F.relu(norm(x - a) - r)),
    # softmax cross-entropy, KL, entropy
    Case("softmax", "-dot(y, log(softmax(W @ x)))", {"y": M, "W": MN, "x": N}, "x", {"y": "j", "W": "ji", "x": "i"},
         lambda y, W, x: -(y @ F.log(F.softmax(W @ x, dim="j")))),
    Case("softmax", "dot(p, log(p / softmax(W @ x)))", {"p": M, "W": MN, "x": N}, "W", {"p": "j", "W": "ji", "x": "i"},
         lambda p, W, x: p @ F.log(p / F.softmax(W @ x, dim="j"))),
    Case("softmax", "-dot(softmax(W @ x), log(softmax(W @ x)))", {"W": MN, "x": N}, "W", {"W": "ji", "x": "i"},
         lambda W, x: -(F.softmax(W @ x, dim="j") @ F.log(F.softmax(W @ x, dim="j")))),
    Case("softmax", "c * logsumexp(W @ x / c)", {"c": S, "W": MN, "x": N}, "x", {"c": "", "W": "ji", "x": "i"},
         lambda c, W, x: c * F.log(F.sum(F.exp((W @ x) / c)))),
    Case("softmax", "exp(dot(a, x)) / (1 + exp(dot(a, x)) + exp(dot(b, x)))", {"a": N, "x": N, "b": N}, "x",
         {"a": "i", "x": "i", "b": "i"}, lambda a, x, b: F.exp(a @ x) / (1 + F.exp(a @ x) + F.exp(b @ x))),
    Case("softmax", "softmax(A @ x)", {"A": MN, "x": N}, "x", {"A": "ji", "x": "i"},
         lambda A, x: F.softmax(A @ x, dim="j")),
    # quotients
    Case("quotient", "dot(W @ x, W @ y) / (norm(W @ x) * norm(W @ y))", {"W": MN, "x": N, "y": N}, "W",
         {"W": "ji", "x": "i", "y": "i"}, lambda W, x, y: ((W @ x) @ (W @ y)) / (norm(W @ x) * norm(W @ y))),
    Case("quotient", "dot(b, A @ x) / norm(A @ x)", {"b": M, "A": MN, "x": N}, "x", {"b": "j", "A": "ji", "x": "i"},
         lambda b, A, x: (b @ A @ x) / norm(A @ x)),
    Case("quotient", "dot(mu, w) / sqrt(dot(w, S @ w))", {"mu": N, "w": N, "S": NN}, "w", {"mu": "i", "w": "i", "S": "ij"},
         lambda mu, w, S: (mu @ w) / F.sqrt(w @ S @ w.rename(i="j"))),
    Case("quotient", "dot(x, inv(A) @ x) / dot(x, x)", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: (x.rename(i="j") @ F.inverse(A) @ x) / (x @ x), {"A": INV}),
    Case("quotient", "dot(x, A @ A.T @ x) / norm(A)**2", {"x": N, "A": NM}, "A", {"x": "i", "A": "ij"},
         lambda x, A: sq(x @ A) / sq(A)),
    Case("quotient", "(dot(a, x) + dot(b, x)**2) / (1 + dot(c, x)**2)", {"a": N, "x": N, "b": N, "c": N}, "x",
         {"a": "i", "x": "i", "b": "i", "c": "i"}, lambda a, x, b, c: (a @ x + (b @ x) ** 2) / (1 + (c @ x) ** 2)),
    Case("quotient", "(norm(x - a)**2 + norm(x - b)**2) / (1 + norm(x - c)**2)", {"x": N, "a": N, "b": N, "c": N}, "x",
         {"x": "i", "a": "i", "b": "i", "c": "i"}, lambda x, a, b, c: (sq(x - a) + sq(x - b)) / (1 + sq(x - c))),
    Case("quotient", "(tr(A @ X) + c) / (tr(B @ X) + d)", {"A": NN, "X": NN, "c": S, "B": NN, "d": S}, "X",
         {"A": "ji", "X": "ij", "c": "", "B": "ji", "d": ""}, lambda A, X, c, B, d: ((A @ X) + c) / ((B @ X) + d)),
    Case("quotient", "norm(A @ x - b) / norm(x)", {"A": MN, "x": N, "b": M}, "x", {"A": "ji", "x": "i", "b": "j"},
         lambda A, x, b: norm(A @ x - b) / norm(x)),
    Case("quotient", "dot(a, X @ b) / (norm(a) * norm(X @ b))", {"a": M, "X": MN, "b": N}, "X",
         {"a": "j", "X": "ji", "b": "i"}, lambda a, X, b: (a @ X @ b) / (norm(a) * norm(X @ b))),
    Case("quotient", "tr(X) / norm(X)", {"X": NN}, "X", {"X": "ij"}, lambda X: F.trace(X) / norm(X)),
    Case("quotient", "det(X + A) / det(X)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: F.det(X + A) / F.det(X), {"X": INV}),
    Case("quotient", "logdet(X) / tr(X)", {"X": NN}, "X", {"X": "ij"}, lambda X: logdet(X) / F.trace(X)),
    Case("quotient", "x / (1 + norm(x)**2)", {"x": N}, "x", {"x": "i"}, lambda x: x / (1 + x @ x)),
    Case("quotient", "sum(exp(A @ x)) / sum(exp(B @ x))", {"A": MN, "x": N, "B": MN}, "x",
         {"A": "ji", "x": "i", "B": "ji"}, lambda A, x, B: F.sum(F.exp(A @ x)) / F.sum(F.exp(B @ x))),
    # powers, roots, products of norms
    Case("power", "sqrt(1 + norm(x)**2)**3", {"x": N}, "x", {"x": "i"}, lambda x: F.pow(F.sqrt(1 + x @ x), 3)),
    Case("power", "dot(x, A @ x)**2 - dot(b, x)**3", {"x": N, "A": NN, "b": N}, "x", {"x": "i", "A": "ij", "b": "i"},
         lambda x, A, b: (x @ A @ x.rename(i="j")) ** 2 - (b @ x) ** 3),
    Case("power", "sqrt(norm(x - a)**2 + 1) + sqrt(norm(x - b)**2 + 1)", {"x": N, "a": N, "b": N}, "x",
         {"x": "i", "a": "i", "b": "i"}, lambda x, a, b: F.sqrt(sq(x - a) + 1) + F.sqrt(sq(x - b) + 1)),
    Case("power", "sqrt(dot(x, A @ x)) + sqrt(dot(x, B @ x))", {"x": N, "A": NN, "B": NN}, "x",
         {"x": "i", "A": "ij", "B": "ij"},
         lambda x, A, B: F.sqrt(x @ A @ x.rename(i="j")) + F.sqrt(x @ B @ x.rename(i="j"))),
    Case("power", "norm(x - a) * norm(x - b)", {"x": N, "a": N, "b": N}, "x", {"x": "i", "a": "i", "b": "i"},
         lambda x, a, b: norm(x - a) * norm(x - b)),
    Case("power", "norm(A @ x) * norm(B @ x)", {"A": MN, "x": N, "B": PN}, "x", {"A": "ji", "x": "i", "B": "ki"},
         lambda A, x, B: norm(A @ x) * norm(B @ x)),
    Case("power", "norm(x)**2 * norm(A @ x)**2", {"x": N, "A": MN}, "x", {"x": "i", "A": "ji"},
         lambda x, A: (x @ x) * sq(A @ x)),
    Case("power", "sqrt(1 + norm(W @ x)**2)", {"W": MN, "x": N}, "W", {"W": "ji", "x": "i"},
         lambda W, x: F.sqrt(1 + sq(W @ x))),
    Case("power", "1 / sqrt(dot(x, A @ x))", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: 1 / F.sqrt(x @ A @ x.rename(i="j"))),
    Case("power", "norm(X)**2 * tr(A @ X)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ji"},
         lambda X, A: sq(X) * (A @ X)),
    # traces with inverses and transposes
    Case("trace", "tr(inv(X.T @ A @ X) @ B)", {"X": MN, "A": MM, "B": NN}, "X", {"X": "ij", "A": "ik", "B": "jl"},
         lambda X, A, B: F.inverse(X @ A @ X.rename(i="k", j="l")) @ B),
    Case("trace", "tr(inv(X + A))", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: F.trace(F.inverse(X + A))),
    Case("trace", "tr(inv(X) @ A @ inv(X))", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "bc"},
         lambda X, A: F.inverse(X).rename(j="a", i="b") @ A @ F.inverse(X).rename(j="c", i="a"), {"X": INV}),
    Case("trace", "dot(a, inv(X) @ inv(X) @ b)", {"a": N, "X": NN, "b": N}, "X", {"a": "a", "X": "ij", "b": "c"},
         lambda a, X, b: a @ F.inverse(X).rename(j="a", i="b") @ F.inverse(X).rename(j="b", i="c") @ b, {"X": INV}),
    Case("trace", "tr(B @ X @ inv(X.T @ X) @ X.T)", {"B": MM, "X": MN}, "X", {"B": "pq", "X": "ij"},
         lambda B, X: B @ X.rename(i="q", j="a") @ F.inverse(X @ X.rename(j="k")).rename(k="a", j="b")
         @ X.rename(i="p", j="b")),
    Case("trace", "norm(y - X @ inv(X.T @ X) @ X.T @ y)**2", {"y": M, "X": MN}, "X", {"y": "i", "X": "ij"},
         lambda y, X: sq(y - X.rename(j="k") @ (F.inverse(X @ X.rename(j="k")) @ (X @ y)))),
    Case("trace", "tr(X @ A @ X @ B)", {"X": NN, "A": NN, "B": NN}, "X", {"X": "ij", "A": "bc", "B": "da"},
         lambda X, A, B: X.rename(i="a", j="b") @ A @ X.rename(i="c", j="d") @ B),
    Case("trace", "tr((X - A) @ inv(S) @ (X - A).T)", {"X": MN, "A": MN, "S": NN}, "X", {"X": "ij", "A": "ij", "S": "ab"},
         lambda X, A, S: (X - A).rename(j="k") @ F.inverse(S).rename(b="k", a="l") @ (X - A).rename(j="l"), {"S": INV}),
    Case("trace", "tr(X.T @ A @ X @ inv(X.T @ X))", {"X": MN, "A": MM}, "X", {"X": "ij", "A": "ik"},
         lambda X, A: (X @ A @ X.rename(i="k", j="l")) @ F.inverse(X @ X.rename(j="q")).rename(q="l")),
    # determinants and log-determinants
    Case("determinant", "tr(S @ X) - logdet(X) + lam * sum(sqrt(X * X + c))", {"S": NN, "X": NN, "lam": S, "c": S}, "X",
         {"S": "ji", "X": "ij", "lam": "", "c": ""},
         lambda S, X, lam, c: S @ X - logdet(X) + lam * F.sum(F.sqrt(X * X + c))),
    Case("determinant", "det(X) * tr(A @ X)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ji"},
         lambda X, A: F.det(X) * (A @ X)),
    Case("determinant", "logdet(X) - logdet(X + A)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: logdet(X) - logdet(X + A)),
    Case("determinant", "det(eye(n) + inv(X))", {"X": NN}, "X", {"X": "ij"},
         lambda X: F.det(eye("i", "j") + F.inverse(X)), {"X": INV}),
    Case("determinant", "norm(L.T @ (x - u))**2 - 2 * logdet(L)", {"L": NN, "x": N, "u": N}, "L",
         {"L": "ij", "x": "i", "u": "i"}, lambda L, x, u: sq((x - u) @ L) - 2 * logdet(L)),
    Case("determinant", "dot(y, inv(K + s * eye(n)) @ y) + logdet(K + s * eye(n))", {"y": N, "K": NN, "s": S}, "s",
         {"y": "i", "K": "ik", "s": ""},
         lambda y, K, s: y @ F.inverse(K + s * eye("i", "k")) @ y.rename(i="k") + logdet(K + s * eye("i", "k"))),
    Case("determinant", "exp(-dot(x - u, A @ (x - u)) / 2) * sqrt(det(A))", {"x": N, "u": N, "A": NN}, "A",
         {"x": "i", "u": "i", "A": "ij"},
         lambda x, u, A: F.exp(-((x - u) @ A @ (x - u).rename(i="j")) / 2) * F.sqrt(F.det(A))),
    # Gaussian and Student-t likelihoods, Mahalanobis distances
    Case("gaussian", "log(1 + dot(x - u, inv(S) @ (x - u)) / c)", {"x": N, "u": N, "S": NN, "c": S}, "u",
         {"x": "i", "u": "i", "S": "ij", "c": ""},
         lambda x, u, S, c: F.log(1 + ((x - u).rename(i="j") @ F.inverse(S) @ (x - u)) / c), {"S": INV}),
    Case("gaussian", "dot(x - u, inv(S) @ (x - u)) + dot(y - u, inv(S) @ (y - u)) + 2 * logdet(S)",
         {"x": N, "u": N, "S": NN, "y": N}, "S", {"x": "i", "u": "i", "S": "ij", "y": "i"},
         lambda x, u, S, y: (x - u).rename(i="j") @ F.inverse(S) @ (x - u)
         + (y - u).rename(i="j") @ F.inverse(S) @ (y - u) + 2 * logdet(S), {"S": INV}),
    Case("gaussian", "sqrt(dot(x - y, M @ (x - y)))", {"x": N, "y": N, "M": NN}, "M", {"x": "i", "y": "i", "M": "ij"},
         lambda x, y, M: F.sqrt((x - y) @ M @ (x - y).rename(i="j"))),
    # kernels
    Case("kernel", "exp(-norm(x - y)**2 / c)", {"x": N, "y": N, "c": S}, "c", {"x": "i", "y": "i", "c": ""},
         lambda x, y, c: F.exp(-sq(x - y) / c)),
    Case("kernel", "exp(-norm(W @ (x - y))**2)", {"W": MN, "x": N, "y": N}, "W", {"W": "ji", "x": "i", "y": "i"},
         lambda W, x, y: F.exp(-sq(W @ (x - y)))),
    Case("kernel", "exp(-norm(x - a)**2) + exp(-norm(x - b)**2)", {"x": N, "a": N, "b": N}, "x",
         {"x": "i", "a": "i", "b": "i"}, lambda x, a, b: F.exp(-sq(x - a)) + F.exp(-sq(x - b))),
    Case("kernel", "(dot(x, y) + c)**3", {"x": N, "y": N, "c": S}, "x", {"x": "i", "y": "i", "c": ""},
         lambda x, y, c: (x @ y + c) ** 3),
    Case("kernel", "exp(-norm(x - y))", {"x": N, "y": N}, "x", {"x": "i", "y": "i"}, lambda x, y: F.exp(-norm(x - y))),
    Case("kernel", "1 / (1 + norm(x - y)**2 / c)**2", {"x": N, "y": N, "c": S}, "x", {"x": "i", "y": "i", "c": ""},
         lambda x, y, c: 1 / (1 + sq(x - y) / c) ** 2),
    Case("kernel", "exp(-dot(x - y, D @ (x - y)))", {"x": N, "y": N, "D": NN}, "D", {"x": "i", "y": "i", "D": "ij"},
         lambda x, y, D: F.exp(-((x - y) @ D @ (x - y).rename(i="j")))),
    Case("kernel", "tanh(dot(x, A @ y) + c)", {"x": N, "A": NN, "y": N, "c": S}, "A", {"x": "i", "A": "ij", "y": "j", "c": ""},
         lambda x, A, y, c: F.tanh(x @ A @ y + c)),
    # elementwise nonlinearities
    Case("elementwise", "dot(a, sigmoid(x) * (1 - sigmoid(x)))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (F.sigmoid(x) * (1 - F.sigmoid(x)))),
    Case("elementwise", "dot(a, x / (1 + exp(-x)))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (x / (1 + F.exp(-x)))),
    Case("elementwise", "dot(a, x * tanh(softplus(x)))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (x * F.tanh(softplus(x)))),
    Case("elementwise", "sum(log(1 + X * X))", {"X": MN}, "X", {"X": "ij"}, lambda X: F.sum(F.log(1 + X * X))),
    Case("elementwise", "norm(sigmoid(X) - Y)**2", {"X": MN, "Y": MN}, "X", {"X": "ij", "Y": "ij"},
         lambda X, Y: sq(F.sigmoid(X) - Y)),
    Case("elementwise", "dot(c, x) - sum(log(A @ x))", {"c": N, "x": N, "A": MN}, "x", {"c": "i", "x": "i", "A": "ji"},
         lambda c, x, A: c @ x - F.sum(F.log(A @ x))),
    # networks of two or three layers
    Case("network", "norm(V @ tanh(W @ x) - y)**2", {"V": PM, "W": MN, "x": N, "y": P}, "x",
         {"V": "kj", "W": "ji", "x": "i", "y": "k"}, lambda V, W, x, y: sq(V @ F.tanh(W @ x) - y)),
    Case("network", "dot(v, relu(U @ relu(W @ x)))", {"v": P, "U": PM, "W": MN, "x": N}, "U",
         {"v": "k", "U": "kj", "W": "ji", "x": "i"}, lambda v, U, W, x: v @ F.relu(U @ F.relu(W @ x))),
    Case("network", "norm(U @ relu(W @ x + b) - y)**2", {"U": PM, "W": MN, "x": N, "b": M, "y": P}, "b",
         {"U": "kj", "W": "ji", "x": "i", "b": "j", "y": "k"}, lambda U, W, x, b, y: sq(U @ F.relu(W @ x + b) - y)),
    Case("network", "norm(x + U @ tanh(W @ x) - y)**2", {"x": N, "U": NM, "W": MN, "y": N}, "W",
         {"x": "i", "U": "ij", "W": "ji", "y": "i"}, lambda x, U, W, y: sq(x + U @ F.tanh(W @ x) - y)),
    Case("network", "norm(W.T @ sigmoid(W @ x + b) - x)**2", {"W": MN, "x": N, "b": M}, "b",
         {"W": "ji", "x": "i", "b": "j"}, lambda W, x, b: sq(W @ F.sigmoid(W @ x + b) - x)),
    Case("network", "logsumexp(U @ sigmoid(W @ x)) - dot(y, U @ sigmoid(W @ x))", {"U": PM, "W": MN, "x": N, "y": P}, "W",
         {"U": "kj", "W": "ji", "x": "i", "y": "k"},
         lambda U, W, x, y: F.log(F.sum(F.exp(U @ F.sigmoid(W @ x)))) - y @ (U @ F.sigmoid(W @ x))),
    Case("network", "dot(v, sigmoid(U @ x) * tanh(W @ x))", {"v": M, "U": MN, "x": N, "W": MN}, "W",
         {"v": "j", "U": "ji", "x": "i", "W": "ji"}, lambda v, U, x, W: v @ (F.sigmoid(U @ x) * F.tanh(W @ x))),
    Case("network", "dot(v, softplus(U @ softplus(W @ x)))", {"v": P, "U": PM, "W": MN, "x": N}, "W",
         {"v": "k", "U": "kj", "W": "ji", "x": "i"}, lambda v, U, W, x: v @ softplus(U @ softplus(W @ x))),
    Case("network", "dot(v, W @ x / norm(W @ x))", {"v": M, "W": MN, "x": N}, "W", {"v": "j", "W": "ji", "x": "i"},
         lambda v, W, x: v @ (W @ x / norm(W @ x))),
    # attention-like reads
    Case("attention", "dot(v, softmax(K @ q))", {"v": M, "K": MN, "q": N}, "q", {"v": "j", "K": "ji", "q": "i"},
         lambda v, K, q: v @ F.softmax(K @ q, dim="j")),
    Case("attention", "dot(v, softmax(K @ W @ x))", {"v": M, "K": MN, "W": NN, "x": N}, "W",
         {"v": "j", "K": "ji", "W": "ik", "x": "k"}, lambda v, K, W, x: v @ F.softmax(K @ W @ x, dim="j")),
    Case("attention", "dot(y, V.T @ softmax(K @ q))", {"y": P, "V": MP, "K": MN, "q": N}, "K",
         {"y": "k", "V": "jk", "K": "ji", "q": "i"}, lambda y, V, K, q: y @ (V @ F.softmax(K @ q, dim="j"))),
    Case("attention", "norm(V.T @ softmax(K @ q) - y)**2", {"V": MP, "K": MN, "q": N, "y": P}, "q",
         {"V": "jk", "K": "ji", "q": "i", "y": "k"}, lambda V, K, q, y: sq(V @ F.softmax(K @ q, dim="j") - y)),
    Case("attention", "dot(softmax(A @ x), B @ x)", {"A": MN, "x": N, "B": MN}, "x", {"A": "ji", "x": "i", "B": "ji"},
         lambda A, x, B: F.softmax(A @ x, dim="j") @ (B @ x)),
    Case("attention", "softmax(X @ W @ q)", {"X": MN, "W": NN, "q": N}, "q", {"X": "ji", "W": "ik", "q": "k"},
         lambda X, W, q: F.softmax(X @ W @ q, dim="j")),
    # products of sums, nested logs and exps
    Case("nested", "(dot(a, x) + norm(x)**2) * (dot(b, x) + 1)", {"a": N, "x": N, "b": N}, "x",
         {"a": "i", "x": "i", "b": "i"}, lambda a, x, b: (a @ x + x @ x) * (b @ x + 1)),
    Case("nested", "(tr(A @ X) + c) * (norm(X)**2 + d)", {"A": NN, "X": NN, "c": S, "d": S}, "X",
         {"A": "ji", "X": "ij", "c": "", "d": ""}, lambda A, X, c, d: ((A @ X) + c) * (sq(X) + d)),
    Case("nested", "log(exp(dot(a, x)) + exp(dot(b, x)))", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: F.log(F.exp(a @ x) + F.exp(b @ x))),
    Case("nested", "log(1 + log(1 + norm(x)**2))", {"x": N}, "x", {"x": "i"}, lambda x: F.log(1 + F.log(1 + x @ x))),
    Case("nested", "exp(-exp(dot(a, x)))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"}, lambda a, x: F.exp(-F.exp(a @ x))),
    Case("nested", "(exp(dot(a, x)) + exp(dot(b, x))) / (1 + exp(dot(c, x)))", {"a": N, "x": N, "b": N, "c": N}, "x",
         {"a": "i", "x": "i", "b": "i", "c": "i"},
         lambda a, x, b, c: (F.exp(a @ x) + F.exp(b @ x)) / (1 + F.exp(c @ x))),
)
