"""A ninth held-out set for bench/bench_tensorgrad.py (``--cases fresh9``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 36, branch fresh9), without reading the engine: none is
in tg_cases.py or tg_fresh.py .. tg_fresh8.py (nor the same function under a cyclic trace, a transpose or renamed
variables), picked as a grader would from a matrix-calculus course, the Matrix Cookbook and ML papers: linear maps
(a trace against a transpose, a bilinear form less a trace, a vector through a matrix by the matrix, a rank-one map
by its right factor, a diagonal scaling), quadratic forms (a form through a product by the middle factor, a
bilinear form of two maps by one, two forms by their shared matrix, a Hadamard product inside a form, a form less a
squared map), traces (a product of traces of powers, the elementary symmetric polynomial e3 by Newton's identities,
a diagonal sandwich by its diagonal, a congruence of a symmetric part), Frobenius residuals (a Stein residual, a
congruence fit, a diagonal-scaled Gram fit by its scales, a lasso proximal objective, a symmetry penalty, the
Penrose condition XAX = X), inverses (a solve by the matrix, the inverse of a square, the trace of a cubed inverse,
an inverse fit, the ridge fit's explained form by the data, a form in a matrix and its inverse, the inverse of a
symmetric part, a Sherman-Morrison solve by its weight), determinants (a log-determinant of a symmetric part, a
Wishart-like kernel, log|det|, a Schur complement, a root of a regularised Gram), Gaussian pieces (a linear-Gaussian
posterior by its mean, factor analysis by its loadings, a GP's evidence by its length scale, probabilistic PCA of
rank one, a matrix regression's likelihood by its coefficients, the Mahalanobis distance by its covariance),
kernels (rational quadratic by its shape, ARD by its lengths, an RBF times a polynomial, a softplus length, the
Stein kernel's gradient term), logs and exps (a three-class log-partition, a logsumexp over a matrix, an
exponentiated bilinear form, a two-term logsumexp of traces, a log of two squared projections, a scaled vector, a
temperature), softmax (focal loss, NormFace, a variance under it, a mixture of two by its weight, distillation by
its temperature), attention (a read-out fit by its values, a residual by its keys, two heads by the query),
logistic pieces (multi-label by a matrix, a Gaussian prior, a quadratic feature, a matrix classifier), losses
(Geman-McClure by its scale, Dice, Savage, SMAPE, soft-target cross-entropy, the SVM dual, the sigmoid loss, a
smoothed total variation, a heteroscedastic regression by its variance model, generalised cross-entropy),
quotients (a Rayleigh quotient by its denominator, a normalisation, two squared maps, a symmetry ratio, the
participation ratio, a ratio of inverse traces, the coefficient of variation, the harmonic mean), powers and roots,
norms (of a Gram, a hyperbola, an unsquared distance, a smooth max, a sum of two), elementwise functions (Gaussian,
x/(1+x^2), log(x)/x, a vector double well, a matrix log, a saturation and a Hill function by their rates), networks
(softsign, a two-factor linear autoencoder, a softplus layer, a planar flow, a contractive penalty, an RBF network
by its centres, a Poisson MLP, a ReLU highway gate, Hutchinson's trace of a tanh layer's Jacobian), products and
sums of these (a cubic regularised model, an augmented Lagrangian). Derivatives by vectors, matrices and scalars;
vector-valued functions.

The same structure and conventions as tg_cases.py and tg_fresh8.py (tg_cases.py's docstring says how tensorgrad's
edges are named): an inverse is contracted on its far edge (``F.inverse(X)`` with X on edges "ij" holds X^-1's rows
on j), ``X.rename(i="j", j="i")`` is a transpose, ``Delta`` is the identity on the edges it names (a ones vector on
one edge), ``u * v`` on two different edges an outer product, ``F.diag(s, [..])`` a diagonal matrix. No variable is
named after a size (n, m, p).

The warm-up check (--runs 1) expressed 116 of 116 and left one out: the mixture of two softmaxes by its weight,
dot(y, log(c * softmax(A @ x) + (1 - c) * softmax(B @ x))), disagreed on the value because the check draws c in
[0.5, 1.5], where 1 - c < 0 and the log is undefined: written outside its domain, it was fixed by the models' own
parametrisation, a mixing weight sigmoid(c) (still by c), and nothing was replaced. Then all 116 agree (ten are
vector-valued, so only their values are compared). None passes vacuously, but one is deep in saturation: the logistic
loss with a quadratic feature, softplus(-y * (dot(w, x) + dot(x, A @ x))) by A, has gradient entries of about 2e-16
at the check's point (both sides agree within the relative tolerance); the next smallest entry compared is 9.1e-7
(softplus(-y * tr(W.T @ X))). At the check's point every argument of abs and relu is positive except y - X @ w in
SMAPE (negative throughout), so each compares one branch only.

What it showed (2026-12-06, main at d2c1e08, --runs 3 --cpu, one run, load average 7.6-10.6; all 116 agree): median
0.46, geometric mean 0.50, worst 9.1, mcdocgen faster on 93, over 1.2x on 17, over 1.5x on 12, worse than 2x on 10.
Sums of medians 1.70 s (mcdocgen) and 2.87 s (tensorgrad). Over 2x (ratio, mcdocgen ms): SMAPE mean(abs(y - X @ w) /
(abs(y) + abs(X @ w))) 9.1 (167), an RBF times a polynomial exp(-norm(x - y)**2) * (1 + dot(x, y))**2 6.2 (57), the
Stein kernel term (y - x) * exp(-norm(x - y)**2 / c) 5.2 (47), the rational quadratic by its shape
exp(-a * log(1 + norm(x - y)**2 / (2 * a))) 4.8 (122), the Savage loss 4.3 (79), the three-class log-partition
log(1 + exp(dot(a, x)) + exp(dot(b, x))) 3.4 (19), the heteroscedastic regression by its variance model 3.2 (48),
sqrt(norm(x)**2 * norm(a)**2 - dot(a, x)**2) 3.0 (45), log(exp(tr(A @ X)) + exp(tr(B @ X))) 2.6 (21),
log(dot(a, x)**2 + dot(b, x)**2) 2.2 (21). Over 1.5x: generalised cross-entropy 1.76, sqrt(dot(a, x)**2 +
dot(b, x)**2) 1.76. By kind: kernel 4.78, power 1.40, log-exp 1.16, loss 1.05, product 0.70, elementwise 0.64, linear
0.63, sum 0.62, frobenius 0.56, network 0.54, trace 0.50, norm 0.46, logistic 0.42, determinant 0.41, quotient 0.36,
quadratic 0.35, gaussian 0.30, softmax 0.27, inverse 0.22, attention 0.15.
"""

from __future__ import annotations

from fractions import Fraction

import sympy
import tensorgrad.functions as F
from tensorgrad.tensor import Delta

from tg_cases import Case, logdet, norm, softplus, sq


N, NN, MN, M, P, S = ("n",), ("n", "n"), ("m", "n"), ("m",), ("p",), ()
MM, PM, NM, PP, MP, NP, PN = ("m", "m"), ("p", "m"), ("n", "m"), ("p", "p"), ("m", "p"), ("n", "p"), ("p", "n")
INV = ("invertible",)


def eye(size: str, *edges: str):
    return Delta(sympy.Symbol(size), *edges)


def tr3(t, a: str, b: str):
    """tr(T^3) of a matrix on edges a, b (the transpose has the same trace, so which edge holds the rows does not matter)."""
    return t.rename(**{a: "r", b: "s"}) @ t.rename(**{a: "s", b: "t"}) @ t.rename(**{a: "t", b: "r"})


CASES: tuple[Case, ...] = (
    # linear
    Case("linear", "tr(A @ X) + tr(B @ X.T)", {"A": NM, "X": MN, "B": MN}, "X", {"A": "ij", "X": "ji", "B": "ji"},
         lambda A, X, B: A @ X + B @ X),
    Case("linear", "dot(a, X @ b) - tr(X)", {"a": N, "X": NN, "b": N}, "X", {"a": "i", "X": "ij", "b": "j"},
         lambda a, X, b: a @ X @ b - F.trace(X)),
    Case("linear", "X.T @ a", {"X": MN, "a": M}, "X", {"X": "ji", "a": "j"}, lambda X, a: X @ a),
    Case("linear", "outer(a, b) @ x", {"a": M, "b": N, "x": N}, "b", {"a": "j", "b": "i", "x": "i"},
         lambda a, b, x: a * (b @ x)),
    Case("linear", "diag(x) @ A @ y", {"x": N, "A": NN, "y": N}, "x", {"x": "i", "A": "ij", "y": "j"},
         lambda x, A, y: x * (A @ y)),
    # quadratic forms
    Case("quadratic", "dot(x, A @ X @ B @ x)", {"x": N, "A": NN, "X": NN, "B": NN}, "X",
         {"x": "i", "A": "ij", "X": "jk", "B": "kl"}, lambda x, A, X, B: x @ A @ X @ B @ x.rename(i="l")),
    Case("quadratic", "dot(A @ x, B @ x)", {"A": MN, "x": N, "B": MN}, "A", {"A": "ji", "x": "i", "B": "ji"},
         lambda A, x, B: (A @ x) @ (B @ x)),
    Case("quadratic", "dot(x, A @ x) + dot(y, A @ y)", {"x": N, "A": NN, "y": N}, "A", {"x": "i", "A": "ij", "y": "i"},
         lambda x, A, y: x @ A @ x.rename(i="j") + y @ A @ y.rename(i="j")),
    Case("quadratic", "dot(x, (A * B) @ x)", {"x": N, "A": NN, "B": NN}, "A", {"x": "i", "A": "ij", "B": "ij"},
         lambda x, A, B: x @ (A * B) @ x.rename(i="j")),
    Case("quadratic", "dot(x, A @ x) - dot(A @ x, A @ x)", {"x": N, "A": NN}, "A", {"x": "i", "A": "ij"},
         lambda x, A: x @ A @ x.rename(i="j") - (A @ x.rename(i="j")) @ (A @ x.rename(i="j"))),
    # traces
    Case("trace", "tr(X @ X) * tr(X)", {"X": NN}, "X", {"X": "ij"},
         lambda X: (X @ X.rename(i="j", j="i")) * F.trace(X)),
    Case("trace", "tr(X)**3 - 3 * tr(X) * tr(X @ X) + 2 * tr(X @ X @ X)", {"X": NN}, "X", {"X": "ij"},
         lambda X: F.trace(X) ** 3 - 3 * F.trace(X) * (X @ X.rename(i="j", j="i")) + 2 * tr3(X, "i", "j")),
    Case("trace", "tr(diag(x) @ A @ diag(x) @ B)", {"x": N, "A": NN, "B": NN}, "x", {"x": "i", "A": "ij", "B": "ij"},
         lambda x, A, B: x @ (A * B.rename(i="j", j="i")) @ x.rename(i="j")),
    Case("trace", "tr((X + X.T) @ A @ (X + X.T))", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: (X + X.rename(i="j", j="i")) @ A.rename(i="j", j="k")
         @ (X + X.rename(i="j", j="i")).rename(i="k", j="i")),
    # Frobenius residuals
    Case("frobenius", "norm(X - A @ X @ B)**2", {"X": NN, "A": NN, "B": NN}, "X", {"X": "ij", "A": "ai", "B": "jb"},
         lambda X, A, B: sq(X - (A @ X @ B).rename(a="i", b="j"))),
    Case("frobenius", "norm(A @ X @ A.T - B)**2", {"A": NM, "X": MM, "B": NN}, "X", {"A": "ia", "X": "ab", "B": "ij"},
         lambda A, X, B: sq(A @ X @ A.rename(i="j", a="b") - B)),
    Case("frobenius", "norm(A - X @ diag(d) @ X.T)**2", {"A": NN, "X": NM, "d": M}, "d", {"A": "ij", "X": "ia", "d": "a"},
         lambda A, X, d: sq(A - (X * d) @ X.rename(i="j"))),
    Case("frobenius", "norm(X - A)**2 / 2 + lam * sum(abs(X))", {"X": MN, "A": MN, "lam": S}, "X",
         {"X": "ji", "A": "ji", "lam": ""}, lambda X, A, lam: sq(X - A) / 2 + lam * F.sum(F.abs(X))),
    Case("frobenius", "norm(A @ X - B)**2 + lam * norm(X - X.T)**2", {"A": MN, "X": NN, "B": MN, "lam": S}, "X",
         {"A": "ji", "X": "ik", "B": "jk", "lam": ""},
         lambda A, X, B, lam: sq(A @ X - B) + lam * sq(X - X.rename(i="k", k="i"))),
    Case("frobenius", "norm(X @ A @ X - X)**2", {"X": NM, "A": MN}, "X", {"X": "ia", "A": "ab"},
         lambda X, A: sq((X @ A @ X.rename(i="b", a="c")).rename(c="a") - X)),
    # inverses
    Case("inverse", "inv(X) @ b", {"X": NN, "b": N}, "X", {"X": "ij", "b": "i"}, lambda X, b: F.inverse(X) @ b, {"X": INV}),
    Case("inverse", "dot(a, inv(X @ X) @ b)", {"a": N, "X": NN, "b": N}, "X", {"a": "i", "X": "ij", "b": "i"},
         lambda a, X, b: a.rename(i="k") @ F.inverse(X @ X.rename(i="j", j="k")) @ b, {"X": INV}),
    Case("inverse", "tr(inv(X) @ inv(X) @ inv(X))", {"X": NN}, "X", {"X": "ij"}, lambda X: tr3(F.inverse(X), "i", "j"),
         {"X": INV}),
    Case("inverse", "norm(inv(X) - A)**2", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ji"},
         lambda X, A: sq(F.inverse(X) - A), {"X": INV}),
    Case("inverse", "dot(y, X @ inv(X.T @ X + lam * eye(n)) @ X.T @ y)", {"y": M, "X": MN, "lam": S}, "X",
         {"y": "j", "X": "ji", "lam": ""},
         lambda y, X, lam: (X @ y).rename(i="k") @ F.inverse(X @ X.rename(i="k") + lam * eye("n", "i", "k")) @ (X @ y)),
    Case("inverse", "dot(a, inv(S) @ a) + dot(b, S @ b)", {"a": N, "S": NN, "b": N}, "S", {"a": "i", "S": "ij", "b": "i"},
         lambda a, S, b: a.rename(i="j") @ F.inverse(S) @ a + b @ S @ b.rename(i="j"), {"S": INV}),
    Case("inverse", "tr(inv(X) @ A) + tr(X @ B)", {"X": NN, "A": NN, "B": NN}, "X", {"X": "ij", "A": "ij", "B": "ji"},
         lambda X, A, B: F.inverse(X) @ A + X @ B, {"X": INV}),
    Case("inverse", "tr(A @ inv(X + X.T))", {"A": NN, "X": NN}, "X", {"A": "ij", "X": "ij"},
         lambda A, X: A @ F.inverse(X + X.rename(i="j", j="i"))),
    Case("inverse", "inv(A + t * outer(u, u)) @ b", {"A": NN, "t": S, "u": N, "b": N}, "t",
         {"A": "ij", "t": "", "u": "i", "b": "i"}, lambda A, t, u, b: F.inverse(A + t * u * u.rename(i="j")) @ b),
    # determinants and log-determinants
    Case("determinant", "logdet(X + X.T)", {"X": NN}, "X", {"X": "ij"}, lambda X: logdet(X + X.rename(i="j", j="i"))),
    Case("determinant", "det(X) * exp(-tr(X))", {"X": NN}, "X", {"X": "ij"}, lambda X: F.det(X) * F.exp(-F.trace(X))),
    Case("determinant", "log(abs(det(X)))", {"X": NN}, "X", {"X": "ij"}, lambda X: F.log(F.abs(F.det(X))), {"X": INV}),
    Case("determinant", "logdet(A - X @ inv(B) @ X.T)", {"A": NN, "X": NP, "B": PP}, "X", {"A": "ij", "X": "ia", "B": "ab"},
         lambda A, X, B: logdet(A - X.rename(a="b") @ F.inverse(B) @ X.rename(i="j")), {"B": INV}),
    Case("determinant", "sqrt(det(A + X.T @ X))", {"A": NN, "X": MN}, "X", {"A": "ik", "X": "ji"},
         lambda A, X: F.sqrt(F.det(A + X @ X.rename(i="k")))),
    # Gaussian pieces
    Case("gaussian", "dot(y - A @ u, inv(S) @ (y - A @ u)) + dot(u, inv(Q) @ u)",
         {"y": M, "A": MN, "u": N, "S": MM, "Q": NN}, "u", {"y": "j", "A": "ji", "u": "i", "S": "jk", "Q": "ik"},
         lambda y, A, u, S, Q: (y - A @ u).rename(j="k") @ F.inverse(S) @ (y - A @ u)
         + u.rename(i="k") @ F.inverse(Q) @ u, {"S": INV, "Q": INV}),
    Case("gaussian", "tr(inv(W @ W.T + diag(s)) @ C) + logdet(W @ W.T + diag(s))", {"W": NP, "s": N, "C": NN}, "W",
         {"W": "ia", "s": "i", "C": "ij"},
         lambda W, s, C: F.inverse(W @ W.rename(i="j") + F.diag(s, ["i", "j"])) @ C
         + logdet(W @ W.rename(i="j") + F.diag(s, ["i", "j"]))),
    Case("gaussian", "dot(y, inv(exp(-D / c) + s * eye(n)) @ y) + logdet(exp(-D / c) + s * eye(n))",
         {"y": N, "D": NN, "c": S, "s": S}, "c", {"y": "i", "D": "ij", "c": "", "s": ""},
         lambda y, D, c, s: y.rename(i="j") @ F.inverse(F.exp(-D / c) + s * eye("n", "i", "j")) @ y
         + logdet(F.exp(-D / c) + s * eye("n", "i", "j"))),
    Case("gaussian", "dot(x, inv(s * eye(n) + outer(v, v)) @ x) + logdet(s * eye(n) + outer(v, v))",
         {"x": N, "s": S, "v": N}, "v", {"x": "i", "s": "", "v": "i"},
         lambda x, s, v: x.rename(i="j") @ F.inverse(s * eye("n", "i", "j") + v * v.rename(i="j")) @ x
         + logdet(s * eye("n", "i", "j") + v * v.rename(i="j"))),
    Case("gaussian", "tr(inv(S) @ (Y - X @ B).T @ (Y - X @ B))", {"S": PP, "Y": MP, "X": MN, "B": NP}, "B",
         {"S": "kl", "Y": "jk", "X": "ji", "B": "ik"},
         lambda S, Y, X, B: F.inverse(S) @ ((Y - X @ B) @ (Y - X @ B).rename(k="l")), {"S": INV}),
    Case("gaussian", "sqrt(dot(x - u, inv(S) @ (x - u)))", {"x": N, "u": N, "S": NN}, "S", {"x": "i", "u": "i", "S": "ij"},
         lambda x, u, S: F.sqrt((x - u).rename(i="j") @ F.inverse(S) @ (x - u)), {"S": INV}),
    # kernels
    Case("kernel", "exp(-a * log(1 + norm(x - y)**2 / (2 * a)))", {"a": S, "x": N, "y": N}, "a",
         {"a": "", "x": "i", "y": "i"}, lambda a, x, y: F.exp(-a * F.log(1 + sq(x - y) / (2 * a)))),
    Case("kernel", "exp(-sum((x - y)**2 / h**2) / 2)", {"x": N, "y": N, "h": N}, "h", {"x": "i", "y": "i", "h": "i"},
         lambda x, y, h: F.exp(-F.sum(F.pow(x - y, 2) / F.pow(h, 2)) / 2)),
    Case("kernel", "exp(-norm(x - y)**2) * (1 + dot(x, y))**2", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: F.exp(-sq(x - y)) * (1 + x @ y) ** 2),
    Case("kernel", "exp(-norm(x - y)**2 / softplus(c))", {"x": N, "y": N, "c": S}, "c", {"x": "i", "y": "i", "c": ""},
         lambda x, y, c: F.exp(-sq(x - y) / softplus(c))),
    Case("kernel", "(y - x) * exp(-norm(x - y)**2 / c)", {"y": N, "x": N, "c": S}, "x", {"y": "i", "x": "i", "c": ""},
         lambda y, x, c: (y - x) * F.exp(-sq(x - y) / c)),
    # logs and exps
    Case("log-exp", "log(1 + exp(dot(a, x)) + exp(dot(b, x)))", {"a": N, "x": N, "b": N}, "x",
         {"a": "i", "x": "i", "b": "i"}, lambda a, x, b: F.log(1 + F.exp(a @ x) + F.exp(b @ x))),
    Case("log-exp", "log(sum(exp(X)))", {"X": MN}, "X", {"X": "ji"}, lambda X: F.log(F.sum(F.exp(X)))),
    Case("log-exp", "exp(dot(x, A @ y))", {"x": N, "A": NN, "y": N}, "x", {"x": "i", "A": "ij", "y": "j"},
         lambda x, A, y: F.exp(x @ A @ y)),
    Case("log-exp", "log(exp(tr(A @ X)) + exp(tr(B @ X)))", {"A": NN, "X": NN, "B": NN}, "X",
         {"A": "ji", "X": "ij", "B": "ji"}, lambda A, X, B: F.log(F.exp(A @ X) + F.exp(B @ X))),
    Case("log-exp", "log(dot(a, x)**2 + dot(b, x)**2)", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: F.log((a @ x) ** 2 + (b @ x) ** 2)),
    Case("log-exp", "x * exp(-dot(a, x))", {"x": N, "a": N}, "x", {"x": "i", "a": "i"}, lambda x, a: x * F.exp(-(a @ x))),
    Case("log-exp", "c * logsumexp(x / c)", {"c": S, "x": N}, "c", {"c": "", "x": "i"},
         lambda c, x: c * F.log(F.sum(F.exp(x / c)))),
    # softmax
    Case("softmax", "-dot(y, (1 - softmax(x))**2 * log(softmax(x)))", {"y": N, "x": N}, "x", {"y": "i", "x": "i"},
         lambda y, x: -(y @ (F.pow(1 - F.softmax(x, dim="i"), 2) * F.log(F.softmax(x, dim="i"))))),
    Case("softmax", "-dot(y, log(softmax(W @ x / norm(x))))", {"y": M, "W": MN, "x": N}, "x", {"y": "j", "W": "ji", "x": "i"},
         lambda y, W, x: -(y @ F.log(F.softmax(W @ x / norm(x), dim="j")))),
    Case("softmax", "dot(softmax(x), r**2) - dot(softmax(x), r)**2", {"x": N, "r": N}, "x", {"x": "i", "r": "i"},
         lambda x, r: F.softmax(x, dim="i") @ F.pow(r, 2) - (F.softmax(x, dim="i") @ r) ** 2),
    Case("softmax", "dot(y, log(sigmoid(c) * softmax(A @ x) + (1 - sigmoid(c)) * softmax(B @ x)))",
         {"y": M, "c": S, "A": MN, "x": N, "B": MN}, "c", {"y": "j", "c": "", "A": "ji", "x": "i", "B": "ji"},
         lambda y, c, A, x, B: y @ F.log(F.sigmoid(c) * F.softmax(A @ x, dim="j")
                                         + (1 - F.sigmoid(c)) * F.softmax(B @ x, dim="j"))),
    Case("softmax", "-t**2 * dot(softmax(z / t), log(softmax(x / t)))", {"t": S, "z": N, "x": N}, "t",
         {"t": "", "z": "i", "x": "i"},
         lambda t, z, x: -(t ** 2) * (F.softmax(z / t, dim="i") @ F.log(F.softmax(x / t, dim="i")))),
    # attention
    Case("attention", "norm(V.T @ softmax(K @ q) - y)**2", {"V": MP, "K": MN, "q": N, "y": P}, "V",
         {"V": "jk", "K": "ji", "q": "i", "y": "k"}, lambda V, K, q, y: sq(V @ F.softmax(K @ q, dim="j") - y)),
    Case("attention", "norm(q + V.T @ softmax(K @ q))**2", {"q": N, "V": MN, "K": MN}, "K", {"q": "i", "V": "ji", "K": "ji"},
         lambda q, V, K: sq(q + V @ F.softmax(K @ q, dim="j"))),
    Case("attention", "dot(u, V.T @ softmax(K @ A @ q)) + dot(u, V.T @ softmax(K @ B @ q))",
         {"u": P, "V": MP, "K": MN, "A": NN, "B": NN, "q": N}, "q",
         {"u": "k", "V": "jk", "K": "ji", "A": "il", "B": "il", "q": "l"},
         lambda u, V, K, A, B, q: u @ V @ F.softmax(K @ A @ q, dim="j") + u @ V @ F.softmax(K @ B @ q, dim="j")),
    # logistic pieces
    Case("logistic", "sum(softplus(X @ W)) - tr(Y.T @ X @ W)", {"X": MN, "W": NP, "Y": MP}, "W",
         {"X": "ji", "W": "ik", "Y": "jk"}, lambda X, W, Y: F.sum(softplus(X @ W)) - Y @ (X @ W)),
    Case("logistic", "sum(softplus(-y * (X @ w))) + dot(w, inv(S) @ w) / 2", {"y": M, "X": MN, "w": N, "S": NN}, "w",
         {"y": "j", "X": "ji", "w": "i", "S": "ik"},
         lambda y, X, w, S: F.sum(softplus(-(y * (X @ w)))) + w.rename(i="k") @ F.inverse(S) @ w / 2, {"S": INV}),
    Case("logistic", "softplus(-y * (dot(w, x) + dot(x, A @ x)))", {"y": S, "w": N, "x": N, "A": NN}, "A",
         {"y": "", "w": "i", "x": "i", "A": "ij"},
         lambda y, w, x, A: softplus(-(y * (w @ x + x @ A @ x.rename(i="j"))))),
    Case("logistic", "softplus(-y * tr(W.T @ X))", {"y": S, "W": MN, "X": MN}, "W", {"y": "", "W": "ji", "X": "ji"},
         lambda y, W, X: softplus(-(y * (W @ X)))),
    # losses
    Case("loss", "sum((X @ w - y)**2 / ((X @ w - y)**2 + c))", {"X": MN, "w": N, "y": M, "c": S}, "c",
         {"X": "ji", "w": "i", "y": "j", "c": ""},
         lambda X, w, y, c: F.sum(F.pow(X @ w - y, 2) / (F.pow(X @ w - y, 2) + c))),
    Case("loss", "1 - 2 * dot(q, y) / (dot(q, q) + dot(y, y))", {"q": N, "y": N}, "q", {"q": "i", "y": "i"},
         lambda q, y: 1 - 2 * (q @ y) / (q @ q + y @ y)),
    Case("loss", "sum(1 / (1 + exp(2 * y * (X @ w)))**2)", {"y": M, "X": MN, "w": N}, "w", {"y": "j", "X": "ji", "w": "i"},
         lambda y, X, w: F.sum(F.pow(1 + F.exp(2 * y * (X @ w)), -2))),
    Case("loss", "mean(abs(y - X @ w) / (abs(y) + abs(X @ w)))", {"y": M, "X": MN, "w": N}, "w",
         {"y": "j", "X": "ji", "w": "i"}, lambda y, X, w: F.mean(F.abs(y - X @ w) / (F.abs(y) + F.abs(X @ w)))),
    Case("loss", "-dot(sigmoid(z), log(sigmoid(x))) - dot(1 - sigmoid(z), log(1 - sigmoid(x)))", {"z": N, "x": N}, "x",
         {"z": "i", "x": "i"},
         lambda z, x: -(F.sigmoid(z) @ F.log(F.sigmoid(x))) - (1 - F.sigmoid(z)) @ F.log(1 - F.sigmoid(x))),
    Case("loss", "sum(a) - dot(a * y, K @ (a * y)) / 2", {"a": N, "y": N, "K": NN}, "a", {"a": "i", "y": "i", "K": "ij"},
         lambda a, y, K: F.sum(a) - (a * y) @ K @ (a * y).rename(i="j") / 2),
    Case("loss", "sum(sigmoid(-y * (X @ w) / c))", {"y": M, "X": MN, "w": N, "c": S}, "w",
         {"y": "j", "X": "ji", "w": "i", "c": ""}, lambda y, X, w, c: F.sum(F.sigmoid(-(y * (X @ w)) / c))),
    Case("loss", "norm(X - Y)**2 / 2 + lam * sum(sqrt((D @ X)**2 + c))", {"X": MN, "Y": MN, "lam": S, "D": MM, "c": S},
         "X", {"X": "ji", "Y": "ji", "lam": "", "D": "kj", "c": ""},
         lambda X, Y, lam, D, c: sq(X - Y) / 2 + lam * F.sum(F.sqrt(F.pow(D @ X, 2) + c))),
    Case("loss", "sum((y - X @ w)**2 * exp(-(X @ v)) + X @ v)", {"y": M, "X": MN, "w": N, "v": N}, "v",
         {"y": "j", "X": "ji", "w": "i", "v": "i"},
         lambda y, X, w, v: F.sum(F.pow(y - X @ w, 2) * F.exp(-(X @ v)) + X @ v)),
    Case("loss", "(1 - dot(y, softmax(W @ x))**(7/10)) * 10 / 7", {"y": M, "W": MN, "x": N}, "W",
         {"y": "j", "W": "ji", "x": "i"},
         lambda y, W, x: (1 - F.pow(y @ F.softmax(W @ x, dim="j"), Fraction(7, 10))) * 10 / 7),
    # quotients
    Case("quotient", "dot(x, A @ x) / dot(x, B @ x)", {"x": N, "A": NN, "B": NN}, "B", {"x": "i", "A": "ij", "B": "ij"},
         lambda x, A, B: (x @ A @ x.rename(i="j")) / (x @ B @ x.rename(i="j"))),
    Case("quotient", "x / sum(x)", {"x": N}, "x", {"x": "i"}, lambda x: x / F.sum(x)),
    Case("quotient", "norm(A @ x)**2 / norm(B @ x)**2", {"A": MN, "x": N, "B": PN}, "x", {"A": "ji", "x": "i", "B": "ki"},
         lambda A, x, B: sq(A @ x) / sq(B @ x)),
    Case("quotient", "tr(X @ X) / tr(X.T @ X)", {"X": NN}, "X", {"X": "ij"},
         lambda X: (X @ X.rename(i="j", j="i")) / sq(X)),
    Case("quotient", "sum(x**2)**2 / sum(x**4)", {"x": N}, "x", {"x": "i"},
         lambda x: F.sum(F.pow(x, 2)) ** 2 / F.sum(F.pow(x, 4))),
    Case("quotient", "tr(inv(X) @ A) / tr(inv(X) @ B)", {"X": NN, "A": NN, "B": NN}, "X", {"X": "ij", "A": "ij", "B": "ij"},
         lambda X, A, B: (F.inverse(X) @ A) / (F.inverse(X) @ B), {"X": INV}),
    Case("quotient", "sqrt(mean((x - mean(x))**2)) / mean(x)", {"x": N}, "x", {"x": "i"},
         lambda x: F.sqrt(F.mean(F.pow(x - F.mean(x), 2))) / F.mean(x)),
    Case("quotient", "1 / mean(1 / x)", {"x": N}, "x", {"x": "i"}, lambda x: 1 / F.mean(F.pow(x, -1))),
    # powers and roots
    Case("power", "sqrt(dot(a, x)**2 + dot(b, x)**2)", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: F.sqrt((a @ x) ** 2 + (b @ x) ** 2)),
    Case("power", "sqrt(norm(x)**2 * norm(a)**2 - dot(a, x)**2)", {"x": N, "a": N}, "x", {"x": "i", "a": "i"},
         lambda x, a: F.sqrt(sq(x) * sq(a) - (a @ x) ** 2)),
    Case("power", "x / sqrt(dot(x, A @ x))", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: x / F.sqrt(x @ A @ x.rename(i="j"))),
    Case("power", "(dot(a, x)**2 + c)**(3/2)", {"a": N, "x": N, "c": S}, "x", {"a": "i", "x": "i", "c": ""},
         lambda a, x, c: F.pow((a @ x) ** 2 + c, Fraction(3, 2))),
    Case("power", "1 / dot(a, x)**2", {"a": N, "x": N}, "x", {"a": "i", "x": "i"}, lambda a, x: F.pow(a @ x, -2)),
    # norms
    Case("norm", "norm(X.T @ X)", {"X": MN}, "X", {"X": "ji"}, lambda X: norm(X @ X.rename(i="k"))),
    Case("norm", "norm(x - a) - norm(x - b)", {"x": N, "a": N, "b": N}, "x", {"x": "i", "a": "i", "b": "i"},
         lambda x, a, b: norm(x - a) - norm(x - b)),
    Case("norm", "norm(X - A)", {"X": MN, "A": MN}, "X", {"X": "ji", "A": "ji"}, lambda X, A: norm(X - A)),
    Case("norm", "logsumexp(abs(A @ x - b))", {"A": MN, "x": N, "b": M}, "x", {"A": "ji", "x": "i", "b": "j"},
         lambda A, x, b: F.log(F.sum(F.exp(F.abs(A @ x - b))))),
    Case("norm", "norm(X @ a) + norm(X @ b)", {"X": MN, "a": N, "b": N}, "X", {"X": "ji", "a": "i", "b": "i"},
         lambda X, a, b: norm(X @ a) + norm(X @ b)),
    # elementwise functions
    Case("elementwise", "dot(a, exp(-x**2))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ F.exp(-F.pow(x, 2))),
    Case("elementwise", "dot(a, x / (1 + x**2))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (x / (1 + F.pow(x, 2)))),
    Case("elementwise", "dot(a, log(x) / x)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"}, lambda a, x: a @ (F.log(x) / x)),
    Case("elementwise", "dot(a, x**4) - dot(b, x**2)", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: a @ F.pow(x, 4) - b @ F.pow(x, 2)),
    Case("elementwise", "sum(A * log(X))", {"A": MN, "X": MN}, "X", {"A": "ji", "X": "ji"},
         lambda A, X: F.sum(A * F.log(X))),
    Case("elementwise", "dot(a, 1 - exp(-c * x))", {"a": N, "c": S, "x": N}, "c", {"a": "i", "c": "", "x": "i"},
         lambda a, c, x: a @ (1 - F.exp(-(c * x)))),
    Case("elementwise", "dot(a, x**2 / (c + x**2))", {"a": N, "x": N, "c": S}, "c", {"a": "i", "x": "i", "c": ""},
         lambda a, x, c: a @ (F.pow(x, 2) / (c + F.pow(x, 2)))),
    # networks
    Case("network", "dot(v, (W @ x) / (1 + abs(W @ x)))", {"v": M, "W": MN, "x": N}, "W", {"v": "j", "W": "ji", "x": "i"},
         lambda v, W, x: v @ ((W @ x) / (1 + F.abs(W @ x)))),
    Case("network", "norm(X - X @ W @ V)**2", {"X": MN, "W": NP, "V": PN}, "W", {"X": "ji", "W": "ik", "V": "kl"},
         lambda X, W, V: sq(X - (X @ W @ V).rename(l="i"))),
    Case("network", "norm(V @ softplus(W @ x) - y)**2", {"V": PM, "W": MN, "x": N, "y": P}, "W",
         {"V": "kj", "W": "ji", "x": "i", "y": "k"}, lambda V, W, x, y: sq(V @ softplus(W @ x) - y)),
    Case("network", "z + u * tanh(dot(w, z) + b)", {"z": N, "u": N, "w": N, "b": S}, "w",
         {"z": "i", "u": "i", "w": "i", "b": ""}, lambda z, u, w, b: z + u * F.tanh(w @ z + b)),
    Case("network", "norm(diag(1 - tanh(W @ x)**2) @ W)**2", {"W": MN, "x": N}, "W", {"W": "ji", "x": "i"},
         lambda W, x: sq((1 - F.pow(F.tanh(W @ x), 2)) * W)),
    Case("network", "dot(v, exp(2 * (C @ x) - (C * C) @ ones(n) - dot(x, x)))", {"v": M, "C": MN, "x": N}, "C",
         {"v": "j", "C": "ji", "x": "i"},
         lambda v, C, x: v @ F.exp(2 * (C @ x) - (C * C) @ eye("n", "i") - x @ x)),
    Case("network", "sum(softplus(V @ relu(W @ x))) - dot(y, log(softplus(V @ relu(W @ x))))",
         {"V": PM, "W": MN, "x": N, "y": P}, "V", {"V": "kj", "W": "ji", "x": "i", "y": "k"},
         lambda V, W, x, y: F.sum(softplus(V @ F.relu(W @ x))) - y @ F.log(softplus(V @ F.relu(W @ x)))),
    Case("network", "dot(v, sigmoid(G @ x) * relu(W @ x) + (1 - sigmoid(G @ x)) * x)", {"v": N, "G": NN, "x": N, "W": NN},
         "G", {"v": "j", "G": "ji", "x": "i", "W": "ji"},
         lambda v, G, x, W: v @ (F.sigmoid(G @ x) * F.relu(W @ x) + (1 - F.sigmoid(G @ x)) * x.rename(i="j"))),
    Case("network", "dot(e, W.T @ ((1 - tanh(W @ x)**2) * (W @ e)))", {"e": N, "W": MN, "x": N}, "W",
         {"e": "i", "W": "ji", "x": "i"}, lambda e, W, x: e @ (W @ ((1 - F.pow(F.tanh(W @ x), 2)) * (W @ e)))),
    # products and sums of these
    Case("product", "dot(a, x) * dot(b, x) * dot(c, x)", {"a": N, "x": N, "b": N, "c": N}, "x",
         {"a": "i", "x": "i", "b": "i", "c": "i"}, lambda a, x, b, c: (a @ x) * (b @ x) * (c @ x)),
    Case("product", "tr(A @ X) * exp(tr(B @ X))", {"A": NN, "X": NN, "B": NN}, "X", {"A": "ji", "X": "ij", "B": "ji"},
         lambda A, X, B: (A @ X) * F.exp(B @ X)),
    Case("product", "det(X) * norm(X)**2", {"X": NN}, "X", {"X": "ij"}, lambda X: F.det(X) * sq(X)),
    Case("product", "sum(x) * sum(log(x))", {"x": N}, "x", {"x": "i"}, lambda x: F.sum(x) * F.sum(F.log(x))),
    Case("product", "dot(u, X @ v) * tr(inv(X))", {"u": N, "X": NN, "v": N}, "X", {"u": "i", "X": "ij", "v": "j"},
         lambda u, X, v: (u @ X @ v) * F.trace(F.inverse(X)), {"X": INV}),
    Case("sum", "norm(X @ a - b)**2 + tr(inv(X))", {"X": NN, "a": N, "b": N}, "X", {"X": "ij", "a": "j", "b": "i"},
         lambda X, a, b: sq(X @ a - b) + F.trace(F.inverse(X)), {"X": INV}),
    Case("sum", "dot(g, x) + dot(x, H @ x) / 2 + c * norm(x)**3 / 6", {"g": N, "x": N, "H": NN, "c": S}, "x",
         {"g": "i", "x": "i", "H": "ij", "c": ""},
         lambda g, x, H, c: g @ x + (x @ H @ x.rename(i="j")) / 2 + c * norm(x) ** 3 / 6),
    Case("sum", "dot(c, x) + dot(u, A @ x - b) + r / 2 * norm(A @ x - b)**2",
         {"c": N, "x": N, "u": M, "A": MN, "b": M, "r": S}, "x", {"c": "i", "x": "i", "u": "j", "A": "ji", "b": "j", "r": ""},
         lambda c, x, u, A, b, r: c @ x + u @ (A @ x - b) + r / 2 * sq(A @ x - b)),
)
