"""A held-out set for bench/bench_tensorgrad.py (``--cases fresh``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 29), none in tg_cases.py nor in the catalog,
spread as a grader picking from a matrix-calculus course would: quadratic and bilinear forms with several
matrices, traces of products with inverses and transposes, log-determinants and determinants, norms and
their powers, quotients (Rayleigh-like, normalised vectors, cosine similarity), exp/log/softmax
compositions, logistic and softplus losses, small networks, Frobenius losses of matrix factorisation,
Mahalanobis forms, elementwise products and sums over entries; by vectors and by matrices. The same
structure and conventions as tg_cases.py (its docstring says how tensorgrad's edges are named): an
inverse is contracted on its far edge, ``X.rename(i="j", j="i")`` is a transpose.
"""

from __future__ import annotations

import tensorgrad.functions as F

from tg_cases import Case, logdet, softplus


N, NN, MN, M, P, S = ("n",), ("n", "n"), ("m", "n"), ("m",), ("p",), ()
MM, PM, MP, PN, PP, NM = ("m", "m"), ("p", "m"), ("m", "p"), ("p", "n"), ("p", "p"), ("n", "m")
INV = ("invertible",)

CASES: tuple[Case, ...] = (
    # quadratic and bilinear forms with several matrices
    Case("quadratic", "dot(A @ x, B @ y)", {"A": MN, "x": N, "B": MP, "y": P}, "x",
         {"A": "ji", "x": "i", "B": "jk", "y": "k"}, lambda A, x, B, y: (A @ x) @ (B @ y)),
    Case("quadratic", "x.T @ A.T @ B @ A @ x", {"x": N, "A": MN, "B": MM}, "A", {"x": "i", "A": "ji", "B": "jk"},
         lambda x, A, B: (A @ x) @ B @ (A @ x).rename(j="k")),
    Case("quadratic", "dot(x, A @ B @ x)", {"x": N, "A": NN, "B": NN}, "x", {"x": "i", "A": "ij", "B": "jk"},
         lambda x, A, B: x @ A @ B @ x.rename(i="k")),
    Case("quadratic", "dot(X.T @ u, A @ X.T @ u)", {"X": MN, "u": M, "A": NN}, "X", {"X": "ij", "u": "i", "A": "jk"},
         lambda X, u, A: (u @ X) @ A @ (u @ X).rename(j="k")),
    Case("quadratic", "dot(y - X @ w, y - X @ w) + lam * dot(w, w)", {"y": M, "X": MN, "w": N, "lam": S}, "w",
         {"y": "j", "X": "ji", "w": "i", "lam": ""},
         lambda y, X, w, lam: (y - X @ w) @ (y - X @ w) + lam * (w @ w)),
    Case("quadratic", "dot(x, A @ y) + dot(x, B @ x)", {"x": N, "A": NN, "y": N, "B": NN}, "x",
         {"x": "i", "A": "ij", "y": "j", "B": "ij"}, lambda x, A, y, B: x @ A @ y + x @ B @ x.rename(i="j")),
    # traces of products with inverses and transposes
    Case("trace", "tr(A @ inv(X) @ B @ inv(X))", {"A": NN, "X": NN, "B": NN}, "X",
         {"A": "kj", "X": "ij", "B": "il"},
         lambda A, X, B: A @ F.inverse(X) @ B @ F.inverse(X).rename(j="l", i="k"), {"X": INV}),
    Case("trace", "tr(inv(X.T @ X))", {"X": MN}, "X", {"X": "ij"},
         lambda X: F.trace(F.inverse(X @ X.rename(j="k")))),
    Case("trace", "dot(a, inv(X.T) @ b)", {"a": N, "X": NN, "b": N}, "X", {"a": "i", "X": "ij", "b": "j"},
         lambda a, X, b: b @ F.inverse(X) @ a, {"X": INV}),
    Case("trace", "tr(inv(X) @ A @ X.T)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ik"},
         lambda X, A: F.inverse(X) @ A @ X.rename(i="j", j="k"), {"X": INV}),
    Case("trace", "tr(inv(X) @ inv(X))", {"X": NN}, "X", {"X": "ij"},
         lambda X: F.inverse(X) @ F.inverse(X).rename(j="i", i="j"), {"X": INV}),
    Case("trace", "tr(X @ X.T @ X @ X.T)", {"X": MN}, "X", {"X": "ij"},
         lambda X: X @ X.rename(i="k") @ X.rename(i="k", j="l") @ X.rename(j="l")),
    # determinants and log-determinants
    Case("determinant", "det(A @ X)", {"A": NN, "X": NN}, "X", {"A": "ij", "X": "jk"}, lambda A, X: F.det(A @ X)),
    Case("determinant", "logdet(X.T @ A @ X)", {"X": MN, "A": MM}, "X", {"X": "ij", "A": "ik"},
         lambda X, A: logdet(X @ A @ X.rename(i="k", j="l"))),
    Case("determinant", "logdet(X) + tr(inv(X) @ A)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: logdet(X) + F.inverse(X) @ A, {"X": INV}),
    Case("determinant", "det(X.T @ X)", {"X": MN}, "X", {"X": "ij"}, lambda X: F.det(X @ X.rename(j="k"))),
    Case("determinant", "sqrt(det(X))", {"X": NN}, "X", {"X": "ij"}, lambda X: F.sqrt(F.det(X))),
    Case("determinant", "logdet(A + X @ X.T)", {"A": NN, "X": NM}, "X", {"A": "ik", "X": "ij"},
         lambda A, X: logdet(A + X @ X.rename(i="k"))),
    # norms and their powers
    Case("norm", "norm(A @ x - b)**3", {"A": MN, "x": N, "b": M}, "x", {"A": "ji", "x": "i", "b": "j"},
         lambda A, x, b: F.sqrt((A @ x - b) @ (A @ x - b)) ** 3),
    Case("norm", "norm(X @ A - B)**2", {"X": MN, "A": ("n", "p"), "B": MP}, "X",
         {"X": "ij", "A": "jk", "B": "ik"}, lambda X, A, B: F.frobenius2(X @ A - B)),
    Case("norm", "sqrt(dot(x, x) + c)", {"x": N, "c": S}, "x", {"x": "i", "c": ""}, lambda x, c: F.sqrt(x @ x + c)),
    Case("norm", "norm(X @ a - b)", {"X": MN, "a": N, "b": M}, "X", {"X": "ji", "a": "i", "b": "j"},
         lambda X, a, b: F.sqrt((X @ a - b) @ (X @ a - b))),
    Case("norm", "1 / norm(x - a)**2", {"x": N, "a": N}, "x", {"x": "i", "a": "i"}, lambda x, a: 1 / ((x - a) @ (x - a))),
    Case("norm", "norm(X.T @ X - A)**2", {"X": MN, "A": NN}, "X", {"X": "ij", "A": "jk"},
         lambda X, A: F.frobenius2(X @ X.rename(j="k") - A)),
    # quotients
    Case("quotient", "dot(x, y) / (norm(x) * norm(y))", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: (x @ y) / (F.sqrt(x @ x) * F.sqrt(y @ y))),
    Case("quotient", "x / norm(x)", {"x": N}, "x", {"x": "i"}, lambda x: x / F.sqrt(x @ x)),
    Case("quotient", "dot(a, x) / norm(x)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: (a @ x) / F.sqrt(x @ x)),
    Case("quotient", "tr(X.T @ A @ X) / tr(X.T @ X)", {"X": NM, "A": NN}, "X", {"X": "ij", "A": "ik"},
         lambda X, A: (X @ A @ X.rename(i="k")) / F.frobenius2(X)),
    Case("quotient", "dot(a, x) / (1 + dot(x, x))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: (a @ x) / (1 + x @ x)),
    Case("quotient", "(dot(a, x) + b) / (dot(c, x) + d)", {"a": N, "x": N, "b": S, "c": N, "d": S}, "x",
         {"a": "i", "x": "i", "b": "", "c": "i", "d": ""}, lambda a, x, b, c, d: (a @ x + b) / (c @ x + d)),
    Case("quotient", "det(X) / tr(X)", {"X": NN}, "X", {"X": "ij"}, lambda X: F.det(X) / F.trace(X)),
    # exp, log and softmax compositions
    Case("log-exp", "dot(y, softmax(W @ x))", {"y": M, "W": MN, "x": N}, "W", {"y": "j", "W": "ji", "x": "i"},
         lambda y, W, x: y @ F.softmax(W @ x, dim="j")),
    Case("log-exp", "log(dot(a, exp(W @ x)))", {"a": M, "W": MN, "x": N}, "W", {"a": "j", "W": "ji", "x": "i"},
         lambda a, W, x: F.log(a @ F.exp(W @ x))),
    Case("log-exp", "dot(b, exp(X @ a))", {"b": M, "X": MN, "a": N}, "X", {"b": "j", "X": "ji", "a": "i"},
         lambda b, X, a: b @ F.exp(X @ a)),
    Case("log-exp", "exp(-norm(x - a)**2 / 2)", {"x": N, "a": N}, "x", {"x": "i", "a": "i"},
         lambda x, a: F.exp(-((x - a) @ (x - a)) / 2)),
    Case("log-exp", "log(1 + dot(a, x)**2)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: F.log(1 + (a @ x) ** 2)),
    Case("log-exp", "logsumexp(x) - dot(y, x)", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: F.log(F.sum(F.exp(x))) - y @ x),
    Case("log-exp", "log(tr(X.T @ A @ X))", {"X": NM, "A": NN}, "X", {"X": "ij", "A": "ik"},
         lambda X, A: F.log(X @ A @ X.rename(i="k"))),
    # logistic and softplus losses
    Case("logistic", "sum(log(1 + exp(-y * (X @ w))))", {"y": M, "X": MN, "w": N}, "w",
         {"y": "j", "X": "ji", "w": "i"}, lambda y, X, w: F.sum(F.log(1 + F.exp(-(y * (X @ w)))))),
    Case("logistic", "sum(softplus(X @ w))", {"X": MN, "w": N}, "w", {"X": "ji", "w": "i"},
         lambda X, w: F.sum(softplus(X @ w))),
    Case("logistic", "log(sigmoid(dot(w, x)))", {"w": N, "x": N}, "w", {"w": "i", "x": "i"},
         lambda w, x: F.log(F.sigmoid(w @ x))),
    Case("logistic", "dot(y, log(sigmoid(X @ w))) + dot(1 - y, log(1 - sigmoid(X @ w)))",
         {"y": M, "X": MN, "w": N}, "w", {"y": "j", "X": "ji", "w": "i"},
         lambda y, X, w: y @ F.log(F.sigmoid(X @ w)) + (1 - y) @ F.log(1 - F.sigmoid(X @ w))),
    Case("logistic", "dot(w, x) * sigmoid(dot(w, x))", {"w": N, "x": N}, "w", {"w": "i", "x": "i"},
         lambda w, x: (w @ x) * F.sigmoid(w @ x)),
    Case("logistic", "softplus(dot(w, x)) - y * dot(w, x)", {"w": N, "x": N, "y": S}, "w",
         {"w": "i", "x": "i", "y": ""}, lambda w, x, y: softplus(w @ x) - y * (w @ x)),
    # small networks
    Case("network", "dot(v, sigmoid(W @ x + b))", {"v": M, "W": MN, "x": N, "b": M}, "b",
         {"v": "j", "W": "ji", "x": "i", "b": "j"}, lambda v, W, x, b: v @ F.sigmoid(W @ x + b)),
    Case("network", "norm(tanh(W @ x) - y)**2", {"W": MN, "x": N, "y": M}, "W", {"W": "ji", "x": "i", "y": "j"},
         lambda W, x, y: (F.tanh(W @ x) - y) @ (F.tanh(W @ x) - y)),
    Case("network", "dot(v, tanh(U @ tanh(W @ x)))", {"v": P, "U": PM, "W": MN, "x": N}, "W",
         {"v": "k", "U": "kj", "W": "ji", "x": "i"}, lambda v, U, W, x: v @ F.tanh(U @ F.tanh(W @ x))),
    Case("network", "sum(relu(W @ x + b))", {"W": MN, "x": N, "b": M}, "W", {"W": "ji", "x": "i", "b": "j"},
         lambda W, x, b: F.sum(F.relu(W @ x + b))),
    Case("network", "dot(v, U @ relu(W @ x))", {"v": P, "U": PM, "W": MN, "x": N}, "W",
         {"v": "k", "U": "kj", "W": "ji", "x": "i"}, lambda v, U, W, x: v @ U @ F.relu(W @ x)),
    Case("network", "-dot(y, log(softmax(U @ tanh(W @ x))))", {"y": P, "U": PM, "W": MN, "x": N}, "W",
         {"y": "k", "U": "kj", "W": "ji", "x": "i"},
         lambda y, U, W, x: -(y @ F.log(F.softmax(U @ F.tanh(W @ x), dim="k")))),
    Case("network", "norm(sigmoid(W @ x + b) - y)**2", {"W": MN, "x": N, "b": M, "y": M}, "b",
         {"W": "ji", "x": "i", "b": "j", "y": "j"},
         lambda W, x, b, y: (F.sigmoid(W @ x + b) - y) @ (F.sigmoid(W @ x + b) - y)),
    # Frobenius losses of matrix factorisation
    Case("factorisation", "norm(A - W @ H)**2 + lam * norm(H)**2", {"A": MN, "W": MP, "H": PN, "lam": S}, "H",
         {"A": "ij", "W": "ik", "H": "kj", "lam": ""},
         lambda A, W, H, lam: F.frobenius2(A - W @ H) + lam * F.frobenius2(H)),
    Case("factorisation", "norm(Y - X @ B @ Z)**2", {"Y": MN, "X": MP, "B": PP, "Z": PN}, "B",
         {"Y": "ij", "X": "ik", "B": "kl", "Z": "lj"}, lambda Y, X, B, Z: F.frobenius2(Y - X @ B @ Z)),
    Case("factorisation", "norm(X - X @ W)**2", {"X": MN, "W": NN}, "W", {"X": "ij", "W": "jk"},
         lambda X, W: F.frobenius2(X.rename(j="k") - X @ W)),
    Case("factorisation", "norm(Y - U @ U.T)**2", {"Y": NN, "U": ("n", "p")}, "U", {"Y": "ij", "U": "ik"},
         lambda Y, U: F.frobenius2(Y - U @ U.rename(i="j"))),
    # Mahalanobis forms
    Case("mahalanobis", "dot(x - A @ u, inv(S) @ (x - A @ u))", {"x": M, "A": MN, "u": N, "S": MM}, "u",
         {"x": "j", "A": "ji", "u": "i", "S": "jk"},
         lambda x, A, u, S: (x - A @ u).rename(j="k") @ F.inverse(S) @ (x - A @ u), {"S": INV}),
    Case("mahalanobis", "dot(x - u, inv(S) @ (x - u)) + logdet(S)", {"x": N, "u": N, "S": NN}, "S",
         {"x": "i", "u": "i", "S": "ij"},
         lambda x, u, S: (x - u).rename(i="j") @ F.inverse(S) @ (x - u) + logdet(S), {"S": INV}),
    Case("mahalanobis", "sqrt(dot(x - u, A @ (x - u)))", {"x": N, "u": N, "A": NN}, "u",
         {"x": "i", "u": "i", "A": "ij"}, lambda x, u, A: F.sqrt((x - u) @ A @ (x - u).rename(i="j"))),
    # elementwise products
    Case("elementwise", "dot(a * x, b * x)", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: (a * x) @ (b * x)),
    Case("elementwise", "dot(a, x * (A @ x))", {"a": N, "x": N, "A": NN}, "x", {"a": "i", "x": "i", "A": "ij"},
         lambda a, x, A: a @ (x * (A @ x.rename(i="j")))),
    Case("elementwise", "dot(x * x, A @ (x * x))", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: (x * x) @ A @ (x * x).rename(i="j")),
    Case("elementwise", "dot(b, (X * X) @ a)", {"b": M, "X": MN, "a": N}, "X", {"b": "j", "X": "ji", "a": "i"},
         lambda b, X, a: b @ (X * X) @ a),
    Case("elementwise", "tr((X * A) @ B)", {"X": MN, "A": MN, "B": NM}, "X", {"X": "ij", "A": "ij", "B": "ji"},
         lambda X, A, B: (X * A) @ B),
    Case("elementwise", "dot(x, tanh(A @ x))", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: x @ F.tanh(A @ x.rename(i="j"))),
    # sums over entries
    Case("sum", "sum(A @ X)", {"A": PM, "X": MN}, "X", {"A": "ki", "X": "ij"}, lambda A, X: F.sum(A @ X)),
    Case("sum", "sum(X @ X)", {"X": NN}, "X", {"X": "ij"}, lambda X: F.sum(X @ X.rename(i="j", j="k"))),
    Case("sum", "sum(log(X @ a))", {"X": MN, "a": N}, "X", {"X": "ji", "a": "i"}, lambda X, a: F.sum(F.log(X @ a))),
    Case("sum", "sum(inv(X))", {"X": NN}, "X", {"X": "ij"}, lambda X: F.sum(F.inverse(X)), {"X": INV}),
    Case("sum", "sum(A * X)**2", {"A": MN, "X": MN}, "X", {"A": "ij", "X": "ij"}, lambda A, X: F.sum(A * X) ** 2),
    # powers
    Case("power", "dot(x, A @ x)**2", {"x": N, "A": NN}, "A", {"x": "i", "A": "ij"},
         lambda x, A: (x @ A @ x.rename(i="j")) ** 2),
    Case("power", "tr(inv(X) @ A)**2", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: (F.inverse(X) @ A) ** 2, {"X": INV}),
    Case("power", "norm(X)**4", {"X": MN}, "X", {"X": "ij"}, lambda X: F.frobenius2(X) ** 2),
)
