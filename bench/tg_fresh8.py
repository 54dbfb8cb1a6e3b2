"""An eighth held-out set for bench/bench_tensorgrad.py (``--cases fresh8``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 35, branch fresh8), without reading the engine: none is
in tg_cases.py or tg_fresh.py .. tg_fresh7.py (nor the same function under a cyclic trace, a transpose or renamed
variables), picked as a grader would from a matrix-calculus course, the Matrix Cookbook and ML papers: linear maps
(two bilinear forms, a vector through a matrix by it, a rank-one map less a matrix, the trace against a symmetric
part), quadratic forms (a joint form in two vectors, a form of an affine map by its matrix, two shifted forms, a
diagonal-plus-rank-one form by its vector, an entrywise product of two maps), traces (a cubic, a form plus a line, the
fourth power, a row-weighted sum by its weights), Frobenius residuals (a Sylvester residual, a symmetric
tri-factorisation, a congruence fit, a ridge towards a prior), inverses (of a congruence plus a matrix, a rank-one
update by its vector, a resolvent form by its shift, a trace product, a diagonal update by its log-entries),
determinants (the cube root, a congruence, a square plus a matrix, an affine map, a log with an offset), Gaussian
pieces (a matrix-normal by its row covariance, a mixture with precisions, a diagonal KL by its variances, the RVM
evidence by its prior variances, a density by its covariance), kernels (a polynomial kernel with a metric, an
additive RBF by its lengths, the sigmoid kernel by its slope, kernel-target alignment, a GP's predictive mean, an
inverse multiquadric with a metric, a smoothed Laplacian), logs and exps (a log-residual, a Gumbel CDF, log1mexp, a
posynomial, a log of a form in exps), softmax (a form in it, a distance between two, a marginal likelihood of a label
set, ListNet, logit adjustment, Gumbel-softmax, a mixture of experts), attention (a self-score, a read-out by its
temperature, a retrieval residual, the modern Hopfield energy), logistic pieces (weighted, complementary log-log,
multilabel by its weights, the Bernoulli variance, a temperature), losses (Welsch, an inverse-Gaussian deviance, a
soft Jaccard, a Renyi divergence, expectiles, MSLE, a soft triplet, a Laplace scale), quotients (a trace ratio, two
Kantorovich ratios, a gain, a trace of the inverse over a trace, a distance share, an entrywise ratio), powers and
roots (an L3 norm, a Student-type power, a geometric mean, a root layer, an inverse square), norms, elementwise
functions, networks (GLU, an LSTM cell by its forget gate, a sigmoid autoencoder's cross-entropy, RMSNorm, a radial
flow, a two-layer ReLU GCN, a dropout mask, squared ReLU, a tanh layer's Jacobian), products and sums of these.
Derivatives by vectors, matrices and scalars; vector- and matrix-valued functions.

The same structure and conventions as tg_cases.py and tg_fresh7.py (tg_cases.py's docstring says how tensorgrad's
edges are named): an inverse is contracted on its far edge (``F.inverse(X)`` with X on edges "ij" holds X^-1's rows
on j), ``X.rename(i="j", j="i")`` is a transpose, ``Delta`` is the identity on the edges it names, ``u * v`` on two
different edges an outer product, ``F.diag(s, [..])`` a diagonal matrix. No variable is named after a size (n, m, p).

The warm-up check (--runs 1) expressed and agreed on all 113 as written, but one passed vacuously: the two-layer GCN
norm(A @ tanh(A @ X @ W) @ v - y)**2 by W (at the check's point every entry of A X W is about 25, tanh is 1.0 in
floating point, and both gradients are exactly zero); it was fixed by the GCN's own activation, ReLU (Kipf and
Welling's), which does not saturate, and nothing was replaced. Then the smallest gradient entry compared is 5.6e-6
((tr(A @ X) + c)**(-2)), far above the check's atol. Nine functions are vector- or matrix-valued, so only their
values are compared. At the check's point every argument of relu and abs is positive except y - X @ w in the
expectile loss, so the stable softplus, the ReLU layers and the L3 norm compare only their positive branch.

What it showed (2026-12-06, main at 36ac97f, --runs 3 --cpu, one run, load average 8.2-12.6; all 113 agree): median
0.43, geometric mean 0.57, worst 18.6, mcdocgen faster on 89, over 1.2x on 22, over 1.5x on 21, worse than 2x on 20.
Sums of medians 2.56 s (mcdocgen) and 2.89 s (tensorgrad). Over 2x (ratio, mcdocgen ms): the bridge penalty
norm(X @ w - y)**2 + lam * sum(sqrt(abs(w))) 18.6 (277), the smoothed Laplacian exp(-sqrt(c + norm(x - y)**2)) 14.9
(139), the stable softplus dot(a, log(1 + exp(-abs(x))) + relu(x)) 11.5 (173), log1mexp log(1 - exp(-dot(a, x))) 9.4
(45), the sigmoid kernel by its slope 7.1 (24), the mixture with precisions by x 6.2 (200), det(X)**(1/3) 5.5 (32),
RMSNorm 5.1 (142), the Gumbel CDF by its location 4.4 (25), the distance share norm(x - a) / (norm(x - a) +
norm(x - b)) 4.3 (141), dot(a, sqrt(x) * log(x)) 4.3 (43), the L3 norm 3.9 (43), the radial flow 3.7 (79), the soft
triplet 3.6 (52), dot(x, A @ x) / 2 - dot(b, x) + sum(exp(-x)) 3.5 (31), the soft Jaccard 3.1 (42), the geometric
mean sqrt(dot(a, x) * dot(b, x)) 3.1 (49), sqrt(dot(x, A @ x)) * dot(b, x) 3.0 (37), the complementary log-log 2.1
(50), Welsch 2.0 (80). Over 1.5x: (1 + dot(x, A @ x))**(-3/2) 1.74. By kind: power 1.74, kernel 0.79, sum 0.76,
product 0.72, log-exp 0.68, gaussian 0.60, loss 0.59, linear 0.58, quadratic 0.56, elementwise 0.53, determinant
0.50, frobenius 0.46, network 0.45, trace 0.41, quotient 0.38, norm 0.36, logistic 0.33, attention 0.28, softmax 0.16,
inverse 0.15.
"""

from __future__ import annotations

from fractions import Fraction

import sympy
import tensorgrad.functions as F
from tensorgrad.tensor import Delta

from tg_cases import Case, logdet, norm, softplus, sq


N, NN, MN, M, P, S = ("n",), ("n", "n"), ("m", "n"), ("m",), ("p",), ()
MM, PM, NM, PP, MP, NP = ("m", "m"), ("p", "m"), ("n", "m"), ("p", "p"), ("m", "p"), ("n", "p")
INV = ("invertible",)


def eye(size: str, *edges: str):
    return Delta(sympy.Symbol(size), *edges)


def l1(t):
    return F.sum(F.abs(t))


def lse(t):
    return F.log(F.sum(F.exp(t)))


CASES: tuple[Case, ...] = (
    # linear
    Case("linear", "dot(a, X @ b) + dot(c, X @ d)", {"a": M, "X": MN, "b": N, "c": M, "d": N}, "X",
         {"a": "i", "X": "ij", "b": "j", "c": "i", "d": "j"}, lambda a, X, b, c, d: a @ X @ b + c @ X @ d),
    Case("linear", "B @ X @ c", {"B": PM, "X": MN, "c": N}, "X", {"B": "ki", "X": "ij", "c": "j"},
         lambda B, X, c: B @ X @ c),
    Case("linear", "dot(a, x) * b - C @ x", {"a": N, "x": N, "b": M, "C": MN}, "x",
         {"a": "i", "x": "i", "b": "j", "C": "ji"}, lambda a, x, b, C: (a @ x) * b - C @ x),
    Case("linear", "tr(A @ (X + X.T))", {"A": NN, "X": NN}, "X", {"A": "ji", "X": "ij"},
         lambda A, X: A @ (X + X.rename(i="j", j="i"))),
    # quadratic forms
    Case("quadratic", "dot(x, A @ x) + dot(y, B @ y) + dot(x, C @ y)", {"x": N, "y": M, "A": NN, "B": MM, "C": NM}, "y",
         {"x": "i", "y": "j", "A": "ik", "B": "jl", "C": "ij"},
         lambda x, y, A, B, C: x @ A @ x.rename(i="k") + y @ B @ y.rename(j="l") + x @ C @ y),
    Case("quadratic", "dot(B @ z + c, A @ (B @ z + c))", {"B": NP, "z": P, "c": N, "A": NN}, "B",
         {"B": "ik", "z": "k", "c": "i", "A": "ij"}, lambda B, z, c, A: (B @ z + c) @ A @ (B @ z + c).rename(i="j")),
    Case("quadratic", "dot(x - a, A @ (x - a)) + dot(x - b, B @ (x - b))", {"x": N, "a": N, "b": N, "A": NN, "B": NN}, "x",
         {"x": "i", "a": "i", "b": "i", "A": "ij", "B": "ij"},
         lambda x, a, b, A, B: (x - a) @ A @ (x - a).rename(i="j") + (x - b) @ B @ (x - b).rename(i="j")),
    Case("quadratic", "dot(x, (D + outer(u, u)) @ x)", {"x": N, "D": NN, "u": N}, "u", {"x": "i", "D": "ij", "u": "i"},
         lambda x, D, u: x @ (D + u * u.rename(i="j")) @ x.rename(i="j")),
    Case("quadratic", "(A @ x) * (B @ x)", {"A": MN, "B": MN, "x": N}, "x", {"A": "ji", "B": "ji", "x": "i"},
         lambda A, B, x: (A @ x) * (B @ x)),
    # traces
    Case("trace", "tr(X @ A @ X.T @ B @ X @ C)", {"X": NN, "A": NN, "B": NN, "C": NN}, "X",
         {"X": "ij", "A": "ij", "B": "ij", "C": "ij"},
         lambda X, A, B, C: X.rename(i="a", j="b") @ A.rename(i="b", j="c") @ X.rename(i="d", j="c")
         @ B.rename(i="d", j="e") @ X.rename(i="e", j="f") @ C.rename(i="f", j="a")),
    Case("trace", "tr(X.T @ A @ X @ B) + tr(C @ X)", {"X": NM, "A": NN, "B": MM, "C": MN}, "X",
         {"X": "ij", "A": "ij", "B": "ij", "C": "ji"},
         lambda X, A, B, C: X.rename(i="a", j="p") @ A.rename(i="a", j="b") @ X.rename(i="b", j="q")
         @ B.rename(i="q", j="p") + C @ X),
    Case("trace", "tr(X @ X @ X @ X)", {"X": NN}, "X", {"X": "ij"},
         lambda X: X.rename(i="a", j="b") @ X.rename(i="b", j="c") @ X.rename(i="c", j="d") @ X.rename(i="d", j="a")),
    Case("trace", "tr(X.T @ diag(d) @ X)", {"X": NM, "d": N}, "d", {"X": "ij", "d": "i"},
         lambda X, d: F.sum(d @ (X * X))),
    # Frobenius residuals
    Case("frobenius", "norm(X @ A - B @ X)**2", {"X": NN, "A": NN, "B": NN}, "X", {"X": "ij", "A": "ij", "B": "ij"},
         lambda X, A, B: sq(X @ A.rename(i="j", j="k") - B.rename(j="l") @ X.rename(i="l", j="k"))),
    Case("frobenius", "norm(A - X @ B @ X.T)**2", {"A": NN, "X": NP, "B": PP}, "X", {"A": "ij", "X": "ik", "B": "kl"},
         lambda A, X, B: sq(A - X @ B @ X.rename(i="j", k="l"))),
    Case("frobenius", "norm(X.T @ A @ X - B)**2", {"X": NM, "A": NN, "B": MM}, "X", {"X": "ij", "A": "ik", "B": "aj"},
         lambda X, A, B: sq(X.rename(j="a") @ A @ X.rename(i="k") - B)),
    Case("frobenius", "norm(X @ x - y)**2 + lam * norm(X - A)**2", {"X": MN, "x": N, "y": M, "lam": S, "A": MN}, "X",
         {"X": "ji", "x": "i", "y": "j", "lam": "", "A": "ji"},
         lambda X, x, y, lam, A: sq(X @ x - y) + lam * sq(X - A)),
    # inverses
    Case("inverse", "tr(inv(X.T @ A @ X + B))", {"X": NP, "A": NN, "B": PP}, "X", {"X": "ik", "A": "ij", "B": "kl"},
         lambda X, A, B: F.trace(F.inverse(X @ A @ X.rename(i="j", k="l") + B))),
    Case("inverse", "dot(a, inv(X + outer(u, u)) @ a)", {"a": N, "X": NN, "u": N}, "u", {"a": "i", "X": "ij", "u": "i"},
         lambda a, X, u: a.rename(i="j") @ F.inverse(X + u * u.rename(i="j")) @ a),
    Case("inverse", "dot(a, inv(A + t * B) @ b)", {"a": N, "A": NN, "t": S, "B": NN, "b": N}, "t",
         {"a": "j", "A": "ij", "t": "", "B": "ij", "b": "i"}, lambda a, A, t, B, b: a @ F.inverse(A + t * B) @ b),
    Case("inverse", "tr(X) * tr(inv(X))", {"X": NN}, "X", {"X": "ij"},
         lambda X: F.trace(X) * F.trace(F.inverse(X)), {"X": INV}),
    Case("inverse", "dot(b, inv(A + diag(exp(s))) @ b)", {"b": N, "A": NN, "s": N}, "s", {"b": "i", "A": "ij", "s": "i"},
         lambda b, A, s: b.rename(i="j") @ F.inverse(A + F.diag(F.exp(s), ["i", "j"])) @ b),
    # determinants
    Case("determinant", "det(X)**(1/3)", {"X": NN}, "X", {"X": "ij"}, lambda X: F.pow(F.det(X), Fraction(1, 3))),
    Case("determinant", "det(X @ A @ X.T)", {"X": NM, "A": MM}, "X", {"X": "ij", "A": "jk"},
         lambda X, A: F.det(X @ A @ X.rename(i="l", j="k"))),
    Case("determinant", "logdet(X @ X + A)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ik"},
         lambda X, A: logdet(X @ X.rename(i="j", j="k") + A)),
    Case("determinant", "det(A @ X + B)", {"A": NN, "X": NN, "B": NN}, "X", {"A": "ij", "X": "jk", "B": "ik"},
         lambda A, X, B: F.det(A @ X + B)),
    Case("determinant", "log(det(X) + c)", {"X": NN, "c": S}, "X", {"X": "ij", "c": ""}, lambda X, c: F.log(F.det(X) + c)),
    # Gaussian pieces
    Case("gaussian", "logdet(S) + tr(inv(S) @ (X - C) @ (X - C).T)", {"S": NN, "X": NM, "C": NM}, "S",
         {"S": "ij", "X": "ik", "C": "ik"},
         lambda S, X, C: logdet(S) + F.inverse(S) @ ((X - C) @ (X - C).rename(i="j")), {"S": INV}),
    Case("gaussian", "log(exp(-dot(x - a, A @ (x - a)) / 2) + exp(-dot(x - b, B @ (x - b)) / 2))",
         {"x": N, "a": N, "b": N, "A": NN, "B": NN}, "x", {"x": "i", "a": "i", "b": "i", "A": "ij", "B": "ij"},
         lambda x, a, b, A, B: F.log(F.exp(-((x - a) @ A @ (x - a).rename(i="j")) / 2)
                                     + F.exp(-((x - b) @ B @ (x - b).rename(i="j")) / 2))),
    Case("gaussian", "sum(log(t / s) + (s + (u - v)**2) / t - 1) / 2", {"t": N, "s": N, "u": N, "v": N}, "t",
         {"t": "i", "s": "i", "u": "i", "v": "i"},
         lambda t, s, u, v: F.sum(F.log(t / s) + (s + F.pow(u - v, 2)) / t - 1) / 2),
    Case("gaussian", "dot(y, inv(X @ diag(d) @ X.T + s * eye(m)) @ y) + logdet(X @ diag(d) @ X.T + s * eye(m))",
         {"y": M, "X": MN, "d": N, "s": S}, "d", {"y": "j", "X": "ji", "d": "i", "s": ""},
         lambda y, X, d, s: y @ F.inverse((X * d) @ X.rename(j="k") + s * eye("m", "j", "k")) @ y.rename(j="k")
         + logdet((X * d) @ X.rename(j="k") + s * eye("m", "j", "k"))),
    Case("gaussian", "exp(-dot(x, inv(S) @ x) / 2) / sqrt(det(S))", {"x": N, "S": NN}, "S", {"x": "i", "S": "ij"},
         lambda x, S: F.exp(-(x.rename(i="j") @ F.inverse(S) @ x) / 2) / F.sqrt(F.det(S)), {"S": INV}),
    # kernels
    Case("kernel", "(dot(x, A @ y) + c)**2", {"x": N, "A": NN, "y": N, "c": S}, "A",
         {"x": "i", "A": "ij", "y": "j", "c": ""}, lambda x, A, y, c: (x @ A @ y + c) ** 2),
    Case("kernel", "sum(exp(-(x - y)**2 / s))", {"x": N, "y": N, "s": N}, "s", {"x": "i", "y": "i", "s": "i"},
         lambda x, y, s: F.sum(F.exp(-F.pow(x - y, 2) / s))),
    Case("kernel", "tanh(c * dot(x, y) + d)", {"c": S, "x": N, "y": N, "d": S}, "c", {"c": "", "x": "i", "y": "i", "d": ""},
         lambda c, x, y, d: F.tanh(c * (x @ y) + d)),
    Case("kernel", "tr(K @ Y) / (norm(K) * norm(Y))", {"K": NN, "Y": NN}, "K", {"K": "ij", "Y": "ji"},
         lambda K, Y: (K @ Y) / (norm(K) * norm(Y))),
    Case("kernel", "dot(k, inv(K + s * eye(n)) @ y)", {"k": N, "K": NN, "s": S, "y": N}, "K",
         {"k": "j", "K": "ij", "s": "", "y": "i"}, lambda k, K, s, y: k @ F.inverse(K + s * eye("n", "i", "j")) @ y),
    Case("kernel", "1 / sqrt(1 + dot(x - y, A @ (x - y)))", {"x": N, "y": N, "A": NN}, "A", {"x": "i", "y": "i", "A": "ij"},
         lambda x, y, A: 1 / F.sqrt(1 + (x - y) @ A @ (x - y).rename(i="j"))),
    Case("kernel", "exp(-sqrt(c + norm(x - y)**2))", {"c": S, "x": N, "y": N}, "x", {"c": "", "x": "i", "y": "i"},
         lambda c, x, y: F.exp(-F.sqrt(c + sq(x - y)))),
    # logs and exps
    Case("log-exp", "log(norm(A @ x - b)**2 + c)", {"A": MN, "x": N, "b": M, "c": S}, "x",
         {"A": "ji", "x": "i", "b": "j", "c": ""}, lambda A, x, b, c: F.log(sq(A @ x - b) + c)),
    Case("log-exp", "exp(-sum(exp(-(x - u))))", {"x": N, "u": N}, "u", {"x": "i", "u": "i"},
         lambda x, u: F.exp(-F.sum(F.exp(-(x - u))))),
    Case("log-exp", "log(1 - exp(-dot(a, x)))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: F.log(1 - F.exp(-(a @ x)))),
    Case("log-exp", "dot(b, exp(A @ log(x)))", {"b": M, "A": MN, "x": N}, "x", {"b": "j", "A": "ji", "x": "i"},
         lambda b, A, x: b @ F.exp(A @ F.log(x))),
    Case("log-exp", "log(dot(exp(x), A @ exp(x)))", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: F.log(F.exp(x) @ A @ F.exp(x).rename(i="j"))),
    # softmax
    Case("softmax", "dot(softmax(x), A @ softmax(x))", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: F.softmax(x, dim="i") @ A @ F.softmax(x.rename(i="j"), dim="j")),
    Case("softmax", "norm(softmax(x) - softmax(y))**2", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: sq(F.softmax(x, dim="i") - F.softmax(y, dim="i"))),
    Case("softmax", "-log(dot(y, softmax(W @ x)))", {"y": M, "W": MN, "x": N}, "W", {"y": "j", "W": "ji", "x": "i"},
         lambda y, W, x: -F.log(y @ F.softmax(W @ x, dim="j"))),
    Case("softmax", "-dot(softmax(y), log(softmax(X @ w)))", {"y": M, "X": MN, "w": N}, "w", {"y": "j", "X": "ji", "w": "i"},
         lambda y, X, w: -(F.softmax(y, dim="j") @ F.log(F.softmax(X @ w, dim="j")))),
    Case("softmax", "-dot(y, log(softmax(W @ x + log(q))))", {"y": M, "W": MN, "x": N, "q": M}, "W",
         {"y": "j", "W": "ji", "x": "i", "q": "j"},
         lambda y, W, x, q: -(y @ F.log(F.softmax(W @ x + F.log(q), dim="j")))),
    Case("softmax", "softmax((log(q) + g) / t)", {"q": N, "g": N, "t": S}, "q", {"q": "i", "g": "i", "t": ""},
         lambda q, g, t: F.softmax((F.log(q) + g) / t, dim="i")),
    Case("softmax", "dot(softmax(G @ x), tanh(W @ x))", {"G": MN, "x": N, "W": MN}, "G", {"G": "ji", "x": "i", "W": "ji"},
         lambda G, x, W: F.softmax(G @ x, dim="j") @ F.tanh(W @ x)),
    # attention
    Case("attention", "dot(q, K.T @ softmax(K @ q))", {"q": N, "K": MN}, "q", {"q": "i", "K": "ji"},
         lambda q, K: q @ K @ F.softmax(K @ q, dim="j")),
    Case("attention", "V.T @ softmax(K @ q / c)", {"V": MP, "K": MN, "q": N, "c": S}, "c",
         {"V": "jk", "K": "ji", "q": "i", "c": ""}, lambda V, K, q, c: V @ F.softmax(K @ q / c, dim="j")),
    Case("attention", "norm(q - K.T @ softmax(K @ q))**2", {"q": N, "K": MN}, "q", {"q": "i", "K": "ji"},
         lambda q, K: sq(q - K @ F.softmax(K @ q, dim="j"))),
    Case("attention", "dot(q, q) / 2 - logsumexp(K @ q)", {"q": N, "K": MN}, "q", {"q": "i", "K": "ji"},
         lambda q, K: (q @ q) / 2 - lse(K @ q)),
    # logistic pieces
    Case("logistic", "dot(c, softplus(-y * (X @ w)))", {"c": M, "y": M, "X": MN, "w": N}, "w",
         {"c": "j", "y": "j", "X": "ji", "w": "i"}, lambda c, y, X, w: c @ softplus(-(y * (X @ w)))),
    Case("logistic", "dot(1 - y, exp(X @ w)) - dot(y, log(1 - exp(-exp(X @ w))))", {"y": M, "X": MN, "w": N}, "w",
         {"y": "j", "X": "ji", "w": "i"},
         lambda y, X, w: (1 - y) @ F.exp(X @ w) - y @ F.log(1 - F.exp(-F.exp(X @ w)))),
    Case("logistic", "sum(softplus(W @ x)) - dot(y, W @ x)", {"W": MN, "x": N, "y": M}, "W", {"W": "ji", "x": "i", "y": "j"},
         lambda W, x, y: F.sum(softplus(W @ x)) - y @ (W @ x)),
    Case("logistic", "sigmoid(dot(w, x)) * (1 - sigmoid(dot(w, x)))", {"w": N, "x": N}, "w", {"w": "i", "x": "i"},
         lambda w, x: F.sigmoid(w @ x) * (1 - F.sigmoid(w @ x))),
    Case("logistic", "sum(softplus(-y * (X @ w) / t))", {"y": M, "X": MN, "w": N, "t": S}, "t",
         {"y": "j", "X": "ji", "w": "i", "t": ""}, lambda y, X, w, t: F.sum(softplus(-(y * (X @ w)) / t))),
    # losses
    Case("loss", "sum(1 - exp(-(X @ w - y)**2 / c))", {"X": MN, "w": N, "y": M, "c": S}, "w",
         {"X": "ji", "w": "i", "y": "j", "c": ""}, lambda X, w, y, c: F.sum(1 - F.exp(-F.pow(X @ w - y, 2) / c))),
    Case("loss", "sum((y - X @ w)**2 / (y * (X @ w)**2))", {"y": M, "X": MN, "w": N}, "w", {"y": "j", "X": "ji", "w": "i"},
         lambda y, X, w: F.sum(F.pow(y - X @ w, 2) / (y * F.pow(X @ w, 2)))),
    Case("loss", "1 - dot(q, y) / (sum(q) + sum(y) - dot(q, y))", {"q": N, "y": N}, "q", {"q": "i", "y": "i"},
         lambda q, y: 1 - (q @ y) / (F.sum(q) + F.sum(y) - q @ y)),
    Case("loss", "log(sum(r**2 / s))", {"r": N, "s": N}, "s", {"r": "i", "s": "i"},
         lambda r, s: F.log(F.sum(F.pow(r, 2) / s))),
    Case("loss", "t * norm(relu(y - X @ w))**2 + (1 - t) * norm(relu(X @ w - y))**2", {"t": S, "y": M, "X": MN, "w": N},
         "w", {"t": "", "y": "j", "X": "ji", "w": "i"},
         lambda t, y, X, w: t * sq(F.relu(y - X @ w)) + (1 - t) * sq(F.relu(X @ w - y))),
    Case("loss", "norm(log(1 + X @ w) - log(1 + y))**2", {"X": MN, "w": N, "y": M}, "w", {"X": "ji", "w": "i", "y": "j"},
         lambda X, w, y: sq(F.log(1 + X @ w) - F.log(1 + y))),
    Case("loss", "softplus(norm(a - u)**2 - norm(a - v)**2)", {"a": N, "u": N, "v": N}, "u", {"a": "i", "u": "i", "v": "i"},
         lambda a, u, v: softplus(sq(a - u) - sq(a - v))),
    Case("loss", "norm1(X @ w - y) / b + 4 * log(b)", {"X": MN, "w": N, "y": M, "b": S}, "b",
         {"X": "ji", "w": "i", "y": "j", "b": ""}, lambda X, w, y, b: l1(X @ w - y) / b + 4 * F.log(b)),
    # quotients
    Case("quotient", "tr(X @ A @ X) / tr(X @ B)", {"X": NN, "A": NN, "B": NN}, "X", {"X": "ij", "A": "ij", "B": "ij"},
         lambda X, A, B: (X.rename(i="a", j="b") @ A.rename(i="b", j="c") @ X.rename(i="c", j="a"))
         / (X @ B.rename(i="j", j="i"))),
    Case("quotient", "dot(a, inv(X) @ a) / dot(a, X @ a)", {"a": N, "X": NN}, "X", {"a": "i", "X": "ij"},
         lambda a, X: (a.rename(i="j") @ F.inverse(X) @ a) / (a @ X @ a.rename(i="j")), {"X": INV}),
    Case("quotient", "norm(X @ a) / norm(X)", {"X": MN, "a": N}, "X", {"X": "ji", "a": "i"},
         lambda X, a: norm(X @ a) / norm(X)),
    Case("quotient", "tr(inv(X)) / tr(X)", {"X": NN}, "X", {"X": "ij"},
         lambda X: F.trace(F.inverse(X)) / F.trace(X), {"X": INV}),
    Case("quotient", "dot(x, A @ x) * dot(x, inv(A) @ x) / dot(x, x)**2", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: (x @ A @ x.rename(i="j")) * (x.rename(i="j") @ F.inverse(A) @ x) / (x @ x) ** 2, {"A": INV}),
    Case("quotient", "norm(x - a) / (norm(x - a) + norm(x - b))", {"x": N, "a": N, "b": N}, "x",
         {"x": "i", "a": "i", "b": "i"}, lambda x, a, b: norm(x - a) / (norm(x - a) + norm(x - b))),
    Case("quotient", "(A @ x) / (B @ x)", {"A": MN, "B": MN, "x": N}, "x", {"A": "ji", "B": "ji", "x": "i"},
         lambda A, B, x: (A @ x) / (B @ x)),
    # powers and roots
    Case("power", "sum(abs(x)**3)**(1/3)", {"x": N}, "x", {"x": "i"},
         lambda x: F.pow(F.sum(F.pow(F.abs(x), 3)), Fraction(1, 3))),
    Case("power", "(1 + dot(x, A @ x))**(-3/2)", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: F.pow(1 + x @ A @ x.rename(i="j"), Fraction(-3, 2))),
    Case("power", "sqrt(dot(a, x) * dot(b, x))", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: F.sqrt((a @ x) * (b @ x))),
    Case("power", "sum(sqrt(A @ x))", {"A": MN, "x": N}, "A", {"A": "ji", "x": "i"}, lambda A, x: F.sum(F.sqrt(A @ x))),
    Case("power", "(tr(A @ X) + c)**(-2)", {"A": NN, "X": NN, "c": S}, "X", {"A": "ji", "X": "ij", "c": ""},
         lambda A, X, c: F.pow(A @ X + c, -2)),
    # norms
    Case("norm", "norm(X @ a)**2 + norm(X.T @ b)**2", {"X": MN, "a": N, "b": M}, "X", {"X": "ji", "a": "i", "b": "j"},
         lambda X, a, b: sq(X @ a) + sq(b @ X)),
    Case("norm", "norm(inv(X) @ A)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ik"},
         lambda X, A: norm(F.inverse(X) @ A), {"X": INV}),
    Case("norm", "norm(x / norm(x) - y)**2", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: sq(x / norm(x) - y)),
    Case("norm", "norm(outer(x, x) * A)**2", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: sq(x * x.rename(i="j") * A)),
    # elementwise functions
    Case("elementwise", "dot(a, x * exp(-x))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"}, lambda a, x: a @ (x * F.exp(-x))),
    Case("elementwise", "dot(a, sqrt(x) * log(x))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (F.sqrt(x) * F.log(x))),
    Case("elementwise", "dot(a, log(1 + exp(-abs(x))) + relu(x))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (F.log(1 + F.exp(-F.abs(x))) + F.relu(x))),
    Case("elementwise", "norm(sqrt(X) @ a - b)**2", {"X": MN, "a": N, "b": M}, "X", {"X": "ji", "a": "i", "b": "j"},
         lambda X, a, b: sq(F.sqrt(X) @ a - b)),
    Case("elementwise", "dot(a, softplus(x)**2)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ F.pow(softplus(x), 2)),
    Case("elementwise", "dot(a, 1 / x) + dot(b, x)", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: a @ F.pow(x, -1) + b @ x),
    Case("elementwise", "dot(a, log(x)**2)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ F.pow(F.log(x), 2)),
    Case("elementwise", "tr(tanh(X) @ A @ tanh(X).T)", {"X": NM, "A": MM}, "X", {"X": "ij", "A": "jk"},
         lambda X, A: F.tanh(X) @ A @ F.tanh(X).rename(j="k")),
    # networks
    Case("network", "dot(v, (W @ x) * sigmoid(U @ x))", {"v": M, "W": MN, "x": N, "U": MN}, "U",
         {"v": "j", "W": "ji", "x": "i", "U": "ji"}, lambda v, W, x, U: v @ ((W @ x) * F.sigmoid(U @ x))),
    Case("network", "dot(v, sigmoid(R @ x) * tanh(sigmoid(G @ x) * c + sigmoid(H @ x) * tanh(W @ x)))",
         {"v": M, "R": MN, "x": N, "G": MN, "c": M, "H": MN, "W": MN}, "G",
         {"v": "j", "R": "ji", "x": "i", "G": "ji", "c": "j", "H": "ji", "W": "ji"},
         lambda v, R, x, G, c, H, W: v @ (F.sigmoid(R @ x) * F.tanh(F.sigmoid(G @ x) * c + F.sigmoid(H @ x) * F.tanh(W @ x)))),
    Case("network", "-dot(x, log(sigmoid(V @ tanh(W @ x)))) - dot(1 - x, log(1 - sigmoid(V @ tanh(W @ x))))",
         {"x": N, "V": NM, "W": MN}, "V", {"x": "i", "V": "ij", "W": "ji"},
         lambda x, V, W: -(x @ F.log(F.sigmoid(V @ F.tanh(W @ x)))) - (1 - x) @ F.log(1 - F.sigmoid(V @ F.tanh(W @ x)))),
    Case("network", "dot(g, x / sqrt(mean(x**2) + c))", {"g": N, "x": N, "c": S}, "x", {"g": "i", "x": "i", "c": ""},
         lambda g, x, c: g @ (x / F.sqrt(F.mean(F.pow(x, 2)) + c))),
    Case("network", "z + b * (z - c) / (a + norm(z - c))", {"z": N, "c": N, "a": S, "b": S}, "z",
         {"z": "i", "c": "i", "a": "", "b": ""}, lambda z, c, a, b: z + b * (z - c) / (a + norm(z - c))),
    Case("network", "norm(A @ relu(A @ X @ W) @ v - y)**2", {"A": NN, "X": NM, "W": MP, "v": P, "y": N}, "W",
         {"A": "ij", "X": "jk", "W": "kl", "v": "l", "y": "i"},
         lambda A, X, W, v, y: sq(A.rename(i="a", j="i") @ F.relu(A @ X @ W) @ v - y.rename(i="a"))),
    Case("network", "norm(V @ (d * relu(W @ x)) - y)**2", {"V": PM, "d": M, "W": MN, "x": N, "y": P}, "W",
         {"V": "kj", "d": "j", "W": "ji", "x": "i", "y": "k"}, lambda V, d, W, x, y: sq(V @ (d * F.relu(W @ x)) - y)),
    Case("network", "dot(v, relu(W @ x)**2)", {"v": M, "W": MN, "x": N}, "W", {"v": "j", "W": "ji", "x": "i"},
         lambda v, W, x: v @ F.pow(F.relu(W @ x), 2)),
    Case("network", "tanh(W @ x + b)", {"W": MN, "x": N, "b": M}, "x", {"W": "ji", "x": "i", "b": "j"},
         lambda W, x, b: F.tanh(W @ x + b)),
    # products and sums of these
    Case("product", "dot(a, x) * exp(-norm(x)**2)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: (a @ x) * F.exp(-sq(x))),
    Case("product", "dot(a, x) * tanh(dot(b, x))", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: (a @ x) * F.tanh(b @ x)),
    Case("product", "sqrt(dot(x, A @ x)) * dot(b, x)", {"x": N, "A": NN, "b": N}, "x", {"x": "i", "A": "ij", "b": "i"},
         lambda x, A, b: F.sqrt(x @ A @ x.rename(i="j")) * (b @ x)),
    Case("product", "dot(a, inv(X) @ b) * dot(c, X @ d)", {"a": N, "X": NN, "b": N, "c": N, "d": N}, "X",
         {"a": "j", "X": "ij", "b": "i", "c": "i", "d": "j"},
         lambda a, X, b, c, d: (a @ F.inverse(X) @ b) * (c @ X @ d), {"X": INV}),
    Case("product", "tr(X @ A) * norm(X @ b)**2", {"X": MN, "A": NM, "b": N}, "X", {"X": "ij", "A": "ji", "b": "j"},
         lambda X, A, b: (X @ A) * sq(X @ b)),
    Case("product", "log(dot(a, x)) * log(dot(b, x))", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: F.log(a @ x) * F.log(b @ x)),
    Case("sum", "dot(x, A @ x) / 2 - dot(b, x) + sum(exp(-x))", {"x": N, "A": NN, "b": N}, "x",
         {"x": "i", "A": "ij", "b": "i"}, lambda x, A, b: (x @ A @ x.rename(i="j")) / 2 - b @ x + F.sum(F.exp(-x))),
    Case("sum", "logdet(X) + tr(A @ inv(X)) + norm(X - B)**2", {"X": NN, "A": NN, "B": NN}, "X",
         {"X": "ij", "A": "ij", "B": "ij"}, lambda X, A, B: logdet(X) + A @ F.inverse(X) + sq(X - B), {"X": INV}),
    Case("sum", "norm(X @ w - y)**2 + lam * sum(sqrt(abs(w)))", {"X": MN, "w": N, "y": M, "lam": S}, "w",
         {"X": "ji", "w": "i", "y": "j", "lam": ""}, lambda X, w, y, lam: sq(X @ w - y) + lam * F.sum(F.sqrt(F.abs(w)))),
    Case("sum", "norm(A @ x - b)**2 - c * sum(log(x))", {"A": MN, "x": N, "b": M, "c": S}, "x",
         {"A": "ji", "x": "i", "b": "j", "c": ""}, lambda A, x, b, c: sq(A @ x - b) - c * F.sum(F.log(x))),
    Case("sum", "sum(exp(x)) - dot(y, x) + dot(x, L @ x)", {"x": N, "y": N, "L": NN}, "x", {"x": "i", "y": "i", "L": "ij"},
         lambda x, y, L: F.sum(F.exp(x)) - y @ x + x @ L @ x.rename(i="j")),
    # matrix-valued
    Case("log-exp", "A @ diag(exp(t * d)) @ A.T", {"A": MN, "t": S, "d": N}, "t", {"A": "ji", "t": "", "d": "i"},
         lambda A, t, d: (A * F.exp(t * d)) @ A.rename(j="k")),
)
