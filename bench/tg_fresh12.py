"""A twelfth held-out set for bench/bench_tensorgrad.py (``--cases fresh12``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 39, branch fresh12), without reading the engine: none is in
tg_cases.py or tg_fresh.py .. tg_fresh11.py (nor the same function under a cyclic trace, a transpose or renamed
variables; checked by hand and by a script that renames every variable in order of appearance), picked as a grader
would from a matrix-calculus course, the Matrix Cookbook and ML papers: linear maps (the trace of a diagonal times a
matrix, a column scaling applied to a vector by its scales, A X b + X^T c by X, a bilinear form in a pencil by its
parameter, a bilinear form in the skew part), quadratic forms (x^T X A X x by X, a form in a diagonal congruence by the
diagonal, a form less a rank-one square by its vector, an exact line search's form by its step, a form plus a form in
the square by the matrix), traces (a trace times the trace of the transpose product, a weighted residual's trace, the
trace of a matrix times a diagonal of exps, a cubed pencil's trace by its parameter, a diagonally weighted Gram against
a matrix by the weights, a cubic trace with a transpose), Frobenius residuals (a column-scaling fit, a symmetric
diagonal scaling fit, a symmetrised product fit, PCA's reconstruction with an orthogonality penalty, a Stein
equation's residual), inverses (the trace of a diagonally shifted inverse, the ridge solution as a vector by its
design matrix, a Sherman-Morrison form by its second vector, a trace against the inverse of a congruence, a form in the
inverse squared around a matrix, a similarity fit, the A-optimal design criterion), determinants (a ridge Gram's
log-determinant, Jacobi's formula det(X) tr(X^-1 A), the determinant of a symmetric part, a pencil with an exp weight,
the root of a congruence's determinant, a diagonal congruence's log-determinant by the diagonal), Gaussian pieces (the
Schur complement by its off-diagonal block, a variational bound with log-variances, a batch Mahalanobis trace by the
mean, the log-partition in natural parameters by the precision, a diagonal density by its log-variances), kernels (an
RBF vector of distances to a point set by its precision, the multiquadric, Matern 3/2 with ARD weights, a
Nadaraya-Watson smoother by its bandwidth, a squared exponential with log-parametrised scales, the Hellinger kernel),
logs and exps (row-wise log-sum-exp of a matrix, a multinomial log-likelihood with an unnormalised mean, the geometric
mean of a map, CARA utility under Gaussian returns, the log of a product of two exponential sums, an unnormalised matrix
Gaussian), softmax (a softmax layer by its weights, multinomial regression's log-likelihood by a weight matrix, a
prior-weighted softmax by its weights, a mixture density network by its input, the entropy of a tempered softmax by its
temperature), attention (the squared norm of an attention read-out by a query map, additive (Bahdanau) attention, QK-norm
attention as a vector, a log-temperature, sigmoid attention normalised by its sum), logistic pieces (logistic
regression's gradient as a vector, a two-component logistic mixture, an RBM's free energy by its weights, noise-contrastive
estimation, logistic regression with offsets, a Bernoulli likelihood), losses (the negative binomial deviance, the Wing
loss, a generalised Charbonnier by its exponent, logit adjustment by its strength, a soft maximum of absolute residuals,
the tanh loss), quotients (the Capon spectrum by the covariance, the projection onto a vector by that vector, a line over
a shifted norm, a weighted centroid's distance by the weights, Shepard's inverse-distance interpolation, a ratio of two
shifted determinants), powers and roots (an L^c norm by its exponent, a map's square roots, a heavy-tailed power by its
exponent, inverse squares, sum |x - a|^(3/2), (1 + x)^(3/2)), norms (a weighted Fermat-Weber objective, the unsquared
norm of A X B, a unit-norm penalty, the log of a map's norm, the L2,1 norm of a residual by the weights), elementwise
functions (the bent identity, a log-odds of x / (1 + x), squareplus, log(1 + |x - b|), a square-root fit, the Mexican
hat), networks (a two-layer map as a vector by its first layer, a GRU candidate by its reset gate, a residual block under
cross-entropy, a residual logistic unit, a three-layer regression by its middle layer, a soft Q-learning target, an input
gradient as a vector by the input), products and sums of these (a sigmoid times a tanh, a log-determinant times a squared
distance, a line times a root, det(X) logdet(X), a form times its vector, ridge with an intercept, least squares through
exps with their sum as a penalty, a logistic loss with a smoothed norm, least squares with a log-cosh penalty).
Derivatives by vectors, matrices and scalars; eleven vector-valued functions (by vectors, matrices and a scalar) and one
matrix-valued function by a matrix (the Schur complement), their whole derivatives compared.

The same structure and conventions as tg_cases.py and tg_fresh11.py (tg_cases.py's docstring says how tensorgrad's
edges are named): an inverse is contracted on its far edge (``F.inverse(X)`` with X on edges "ij" holds X^-1's rows
on j), ``X.rename(i="j", j="i")`` is a transpose, ``Delta`` is the identity on the edges it names (a ones vector on
one edge), ``u * v`` on two different edges an outer product, ``F.diag(s, [..])`` a diagonal matrix. No variable is
named after a size (n, m, p). A variable exponent (sum(x**c)**(1/c), (1 + norm(x)**2)**(-c), (r**2 + c)**a) is
written as such in mcdocgen's language and through exp and log in tensorgrad's, which has no power with a tensor
exponent; log(cosh(x)) is log((e^x + e^-x) / 2) there.

The warm-up check (--runs 1) expressed 112 of 112 and all agree as written: nothing was fixed or replaced (twelve are
vector- or matrix-valued, their whole derivatives compared: "ok (derivative)"). None passes vacuously: the smallest
gradient entry relative to its case's largest is 3.3e-4, apart from two whose derivatives are zero by structure in some
entries only (the skew part's bilinear form by X, zero on the diagonal; the Schur complement by B, dF[a, b] / dB[k, l]
zero unless k is a or b); the residual logistic unit's gradient is small (largest entry 1.4e-5: a saturated tanh and
softplus) but not zero and compared relative to its scale. At the check's point the arguments of abs in
sum(abs(x - a)**(3/2)) and dot(a, log(1 + abs(x - b))) take both signs (both branches compared); in the Wing loss they
are positive throughout.

What it showed (2026-12-07, main at daddf40 (branch fresh12 at b27d56b, the same engine), --runs 1 --cpu, one run, load
average 12.5-14.5; all 112 agree): median 0.51, geometric mean 0.61, worst 16.1, mcdocgen faster on 84, over 1.2x on 24,
over 1.5x on 23, worse than 2x on 21. Sums of medians 2.71 s (mcdocgen) and 3.45 s (tensorgrad). Which cases are slow
is kept out of this file and of bench_tensorgrad.py: the lead of session 39 reads the branch, and the set is held out;
the run's full table is in the session's notes (fresh12_main.txt).
"""

from __future__ import annotations

from fractions import Fraction

import sympy
import tensorgrad.functions as F
from tensorgrad.tensor import Delta

from tg_cases import Case, logdet, norm, softplus, sq


N, NN, MN, M, P, S = ("n",), ("n", "n"), ("m", "n"), ("m",), ("p",), ()
MM, PM, NM, MP, NP, PN = ("m", "m"), ("p", "m"), ("n", "m"), ("m", "p"), ("n", "p"), ("p", "n")
INV = ("invertible",)


def eye(size: str, *edges: str):
    return Delta(sympy.Symbol(size), *edges)


def lse(t):
    return F.log(F.sum(F.exp(t)))


def tr3(t, a: str, b: str):
    """tr(T^3) of a matrix on edges a, b."""
    return t.rename(**{a: "r", b: "s"}) @ t.rename(**{a: "s", b: "t"}) @ t.rename(**{a: "t", b: "r"})


def sym_ax(A, X):
    """A X + (A X)^T, both on edges "ij" (rows i), as a matrix on edges a (rows), b."""
    ax = A.rename(i="a", j="k") @ X.rename(i="k", j="b")
    return ax + ax.rename(a="b", b="a")


def sqdist(X, x):
    """The squared distances from x (edge i) to the rows of X (edges "ji"): a vector on j."""
    return (X * X) @ eye("n", "i") - 2 * (X @ x) + x @ x


CASES: tuple[Case, ...] = (
    # linear
    Case("linear", "tr(diag(x) @ A)", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: F.diag(x, ["i", "j"]) @ A),
    Case("linear", "X @ diag(d) @ a", {"X": MN, "d": N, "a": N}, "d", {"X": "ji", "d": "i", "a": "i"},
         lambda X, d, a: X @ (d * a)),
    Case("linear", "A @ X @ b + X.T @ c", {"A": NN, "X": NN, "b": N, "c": N}, "X",
         {"A": "ki", "X": "ij", "b": "j", "c": "i"}, lambda A, X, b, c: (A @ X @ b).rename(k="j") + X @ c),
    Case("linear", "dot(a, (X + t * Y) @ b)", {"a": M, "X": MN, "t": S, "Y": MN, "b": N}, "t",
         {"a": "j", "X": "ji", "t": "", "Y": "ji", "b": "i"}, lambda a, X, t, Y, b: a @ ((X + t * Y) @ b)),
    Case("linear", "dot(b, (X - X.T) @ a)", {"b": N, "X": NN, "a": N}, "X", {"b": "i", "X": "ij", "a": "j"},
         lambda b, X, a: b @ ((X - X.rename(i="j", j="i")) @ a)),
    # quadratic forms
    Case("quadratic", "dot(x, X @ A @ X @ x)", {"x": N, "X": NN, "A": NN}, "X", {"x": "i", "X": "ij", "A": "ij"},
         lambda x, X, A: x @ X.rename(j="a") @ A.rename(i="a", j="b") @ X.rename(i="b", j="c") @ x.rename(i="c")),
    Case("quadratic", "dot(x, diag(d) @ A @ diag(d) @ x)", {"x": N, "d": N, "A": NN}, "d", {"x": "i", "d": "i", "A": "ij"},
         lambda x, d, A: (x * d) @ A @ (x * d).rename(i="j")),
    Case("quadratic", "x.T @ (A - outer(b, b)) @ x", {"x": N, "A": NN, "b": N}, "b", {"x": "i", "A": "ij", "b": "i"},
         lambda x, A, b: x @ (A - b * b.rename(i="j")) @ x.rename(i="j")),
    Case("quadratic", "dot(x + t * d, A @ (x + t * d))", {"x": N, "t": S, "d": N, "A": NN}, "t",
         {"x": "i", "t": "", "d": "i", "A": "ij"}, lambda x, t, d, A: (x + t * d) @ A @ (x + t * d).rename(i="j")),
    Case("quadratic", "dot(x, A @ x) + dot(x, A @ A @ x)", {"x": N, "A": NN}, "A", {"x": "i", "A": "ij"},
         lambda x, A: x @ A @ x.rename(i="j") + x @ A @ A.rename(i="j", j="k") @ x.rename(i="k")),
    # traces
    Case("trace", "tr(A @ X) * tr(A @ X.T)", {"A": NN, "X": NN}, "X", {"A": "ji", "X": "ij"},
         lambda A, X: (A @ X) * (A @ X.rename(i="j", j="i"))),
    Case("trace", "tr((X - A).T @ B @ (X - A))", {"X": MN, "A": MN, "B": MM}, "X", {"X": "ji", "A": "ji", "B": "jk"},
         lambda X, A, B: (X - A) @ B @ (X - A).rename(j="k")),
    Case("trace", "tr(A @ diag(exp(x)))", {"A": NN, "x": N}, "x", {"A": "ij", "x": "i"},
         lambda A, x: F.diag(F.exp(x), ["i", "j"]) @ A),
    Case("trace", "tr((A + t * B) @ (A + t * B) @ (A + t * B))", {"A": NN, "t": S, "B": NN}, "t",
         {"A": "ij", "t": "", "B": "ij"}, lambda A, t, B: tr3(A + t * B, "i", "j")),
    Case("trace", "tr(X @ diag(d) @ X.T @ A)", {"X": MN, "d": N, "A": MM}, "d", {"X": "ji", "d": "i", "A": "kj"},
         lambda X, d, A: (X * d) @ X.rename(j="k") @ A),
    Case("trace", "tr(X @ A @ X.T @ X)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: X.rename(i="a", j="b") @ A.rename(i="b", j="c") @ X.rename(i="d", j="c") @ X.rename(i="d", j="a")),
    # Frobenius residuals
    Case("frobenius", "norm(X @ diag(s) - A)**2", {"X": MN, "s": N, "A": MN}, "s", {"X": "ji", "s": "i", "A": "ji"},
         lambda X, s, A: sq(X * s - A)),
    Case("frobenius", "norm(diag(x) @ A @ diag(x) - B)**2", {"x": N, "A": NN, "B": NN}, "x",
         {"x": "i", "A": "ij", "B": "ij"}, lambda x, A, B: sq(x * A * x.rename(i="j") - B)),
    Case("frobenius", "norm(A @ X + X.T @ A.T - C)**2", {"A": NN, "X": NN, "C": NN}, "X", {"A": "ij", "X": "ij", "C": "ij"},
         lambda A, X, C: sq(sym_ax(A, X) - C.rename(i="a", j="b"))),
    Case("frobenius", "norm(X - X @ W @ W.T)**2 + norm(W.T @ W - eye(p))**2", {"X": MN, "W": NP}, "W",
         {"X": "ji", "W": "ik"},
         lambda X, W: sq(X - (X @ W @ W.rename(i="l")).rename(l="i")) + sq(W @ W.rename(k="q") - eye("p", "k", "q"))),
    Case("frobenius", "norm(A @ X @ A.T - X)**2", {"A": NN, "X": NN}, "X", {"A": "ij", "X": "ij"},
         lambda A, X: sq(A.rename(i="a", j="i") @ X @ A.rename(i="b") - X.rename(i="a", j="b"))),
    # inverses
    Case("inverse", "tr(inv(A + diag(d)))", {"A": NN, "d": N}, "d", {"A": "ij", "d": "i"},
         lambda A, d: F.trace(F.inverse(A + F.diag(d, ["i", "j"])))),
    Case("inverse", "inv(A + X.T @ X) @ X.T @ y", {"A": NN, "X": MN, "y": M}, "X", {"A": "ik", "X": "ji", "y": "j"},
         lambda A, X, y: F.inverse(A + X @ X.rename(i="k")) @ (X @ y)),
    Case("inverse", "dot(a, inv(eye(n) + outer(u, v)) @ b)", {"a": N, "u": N, "v": N, "b": N}, "v",
         {"a": "i", "u": "i", "v": "i", "b": "i"},
         lambda a, u, v, b: a.rename(i="j") @ F.inverse(eye("n", "i", "j") + u * v.rename(i="j")) @ b),
    Case("inverse", "tr(A @ inv(X @ B @ X.T))", {"A": NN, "X": NM, "B": MM}, "X", {"A": "il", "X": "ij", "B": "jk"},
         lambda A, X, B: A @ F.inverse(X @ B @ X.rename(i="l", j="k"))),
    Case("inverse", "dot(b, inv(X) @ A @ inv(X) @ b)", {"b": N, "X": NN, "A": NN}, "X", {"b": "i", "X": "ij", "A": "ij"},
         lambda b, X, A: b.rename(i="a") @ F.inverse(X).rename(j="a", i="c") @ A.rename(i="c", j="d")
         @ F.inverse(X).rename(j="d", i="e") @ b.rename(i="e"), {"X": INV}),
    Case("inverse", "norm(inv(X) @ A @ X - B)**2", {"X": NN, "A": NN, "B": NN}, "X", {"X": "ij", "A": "ij", "B": "ij"},
         lambda X, A, B: sq(F.inverse(X).rename(j="a", i="c") @ A.rename(i="c", j="e") @ X.rename(i="e", j="d")
                            - B.rename(i="a", j="d")), {"X": INV}),
    Case("inverse", "tr(inv(A.T @ diag(x) @ A))", {"A": MN, "x": M}, "x", {"A": "ji", "x": "j"},
         lambda A, x: F.trace(F.inverse((A * x) @ A.rename(i="k")))),
    # determinants and log-determinants
    Case("determinant", "logdet(X.T @ X + lam * eye(n))", {"X": MN, "lam": S}, "X", {"X": "ji", "lam": ""},
         lambda X, lam: logdet(X @ X.rename(i="k") + lam * eye("n", "i", "k"))),
    Case("determinant", "det(X) * tr(inv(X) @ A)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: F.det(X) * (F.inverse(X) @ A), {"X": INV}),
    Case("determinant", "det(X + X.T)", {"X": NN}, "X", {"X": "ij"}, lambda X: F.det(X + X.rename(i="j", j="i"))),
    Case("determinant", "logdet(A + exp(t) * B)", {"A": NN, "t": S, "B": NN}, "t", {"A": "ij", "t": "", "B": "ij"},
         lambda A, t, B: logdet(A + F.exp(t) * B)),
    Case("determinant", "sqrt(det(X.T @ A @ X))", {"X": MN, "A": MM}, "X", {"X": "ji", "A": "jk"},
         lambda X, A: F.sqrt(F.det(X @ A @ X.rename(j="k", i="l")))),
    Case("determinant", "logdet(A + diag(x) @ B @ diag(x))", {"A": NN, "x": N, "B": NN}, "x",
         {"A": "ij", "x": "i", "B": "ij"}, lambda A, x, B: logdet(A + x * B * x.rename(i="j"))),
    # Gaussian pieces
    Case("gaussian", "A - B @ inv(C) @ B.T", {"A": NN, "B": NM, "C": MM}, "B", {"A": "il", "B": "ij", "C": "jk"},
         lambda A, B, C: A - B.rename(j="k") @ F.inverse(C) @ B.rename(i="l")),
    Case("gaussian", "norm(y - X @ u)**2 + tr(X @ diag(exp(s)) @ X.T) - sum(s)", {"y": M, "X": MN, "u": N, "s": N}, "s",
         {"y": "j", "X": "ji", "u": "i", "s": "i"},
         lambda y, X, u, s: sq(y - X @ u) + F.sum((X * X) @ F.exp(s)) - F.sum(s)),
    Case("gaussian", "tr((X - outer(u, ones(m))).T @ P @ (X - outer(u, ones(m))))", {"X": NM, "u": N, "P": NN}, "u",
         {"X": "ij", "u": "i", "P": "ik"},
         lambda X, u, P: (X - u * eye("m", "j")) @ P @ (X - u * eye("m", "j")).rename(i="k")),
    Case("gaussian", "dot(h, inv(J) @ h) / 2 - logdet(J) / 2", {"h": N, "J": NN}, "J", {"h": "i", "J": "ij"},
         lambda h, J: h.rename(i="j") @ F.inverse(J) @ h / 2 - logdet(J) / 2, {"J": INV}),
    Case("gaussian", "exp(-dot(exp(-s), (x - u)**2) / 2 - sum(s) / 2)", {"s": N, "x": N, "u": N}, "s",
         {"s": "i", "x": "i", "u": "i"}, lambda s, x, u: F.exp(-(F.exp(-s) @ F.pow(x - u, 2)) / 2 - F.sum(s) / 2)),
    # kernels
    Case("kernel", "exp(-c * ((X * X) @ ones(n) - 2 * X @ x + dot(x, x)))", {"c": S, "X": MN, "x": N}, "c",
         {"c": "", "X": "ji", "x": "i"}, lambda c, X, x: F.exp(-c * sqdist(X, x))),
    Case("kernel", "sqrt(norm(x - y)**2 + c**2)", {"x": N, "y": N, "c": S}, "x", {"x": "i", "y": "i", "c": ""},
         lambda x, y, c: F.sqrt(sq(x - y) + c ** 2)),
    Case("kernel", "(1 + sqrt(3 * dot(d, (x - y)**2))) * exp(-sqrt(3 * dot(d, (x - y)**2)))",
         {"d": N, "x": N, "y": N}, "d", {"d": "i", "x": "i", "y": "i"},
         lambda d, x, y: (1 + F.sqrt(3 * (d @ F.pow(x - y, 2)))) * F.exp(-F.sqrt(3 * (d @ F.pow(x - y, 2))))),
    Case("kernel", "dot(y, exp(-((X * X) @ ones(n) - 2 * X @ x + dot(x, x)) / h))"
         " / sum(exp(-((X * X) @ ones(n) - 2 * X @ x + dot(x, x)) / h))", {"y": M, "X": MN, "x": N, "h": S}, "h",
         {"y": "j", "X": "ji", "x": "i", "h": ""},
         lambda y, X, x, h: (y @ F.exp(-sqdist(X, x) / h)) / F.sum(F.exp(-sqdist(X, x) / h))),
    Case("kernel", "exp(2 * s - norm(x - y)**2 / (2 * exp(2 * g)))", {"s": S, "x": N, "y": N, "g": S}, "g",
         {"s": "", "x": "i", "y": "i", "g": ""}, lambda s, x, y, g: F.exp(2 * s - sq(x - y) / (2 * F.exp(2 * g)))),
    Case("kernel", "sum(sqrt(x * y))", {"x": N, "y": N}, "x", {"x": "i", "y": "i"}, lambda x, y: F.sum(F.sqrt(x * y))),
    # logs and exps
    Case("log-exp", "sum(log(exp(X) @ ones(n)))", {"X": MN}, "X", {"X": "ji"},
         lambda X: F.sum(F.log(F.exp(X) @ eye("n", "i")))),
    Case("log-exp", "dot(b, log(x)) - sum(b) * log(sum(x))", {"b": N, "x": N}, "x", {"b": "i", "x": "i"},
         lambda b, x: b @ F.log(x) - F.sum(b) * F.log(F.sum(x))),
    Case("log-exp", "exp(mean(log(A @ x)))", {"A": MN, "x": N}, "x", {"A": "ji", "x": "i"},
         lambda A, x: F.exp(F.mean(F.log(A @ x)))),
    Case("log-exp", "exp(-c * dot(u, w) + c**2 * dot(w, S @ w) / 2)", {"c": S, "u": N, "w": N, "S": NN}, "w",
         {"c": "", "u": "i", "w": "i", "S": "ij"},
         lambda c, u, w, S: F.exp(-c * (u @ w) + c ** 2 * (w @ S @ w.rename(i="j")) / 2)),
    Case("log-exp", "log(dot(a, exp(x)) * dot(b, exp(-x)))", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: F.log((a @ F.exp(x)) * (b @ F.exp(-x)))),
    Case("log-exp", "exp(tr(A @ X) - tr(X.T @ X) / 2)", {"A": NM, "X": MN}, "X", {"A": "ij", "X": "ji"},
         lambda A, X: F.exp(A @ X - sq(X) / 2)),
    # softmax
    Case("softmax", "softmax(W @ x + b)", {"W": MN, "x": N, "b": M}, "W", {"W": "ji", "x": "i", "b": "j"},
         lambda W, x, b: F.softmax(W @ x + b, dim="j")),
    Case("softmax", "sum(log(exp(X @ W) @ ones(p))) - tr(Y.T @ X @ W)", {"X": MN, "W": NP, "Y": MP}, "W",
         {"X": "ji", "W": "ik", "Y": "jk"},
         lambda X, W, Y: F.sum(F.log(F.exp(X @ W) @ eye("p", "k"))) - Y @ (X @ W)),
    Case("softmax", "dot(v, c * exp(x)) / dot(c, exp(x))", {"v": N, "c": N, "x": N}, "c", {"v": "i", "c": "i", "x": "i"},
         lambda v, c, x: (v @ (c * F.exp(x))) / (c @ F.exp(x))),
    Case("softmax", "log(dot(softmax(A @ h), exp(-(y - B @ h)**2 / 2)))", {"A": MN, "h": N, "y": S, "B": MN}, "h",
         {"A": "ji", "h": "i", "y": "", "B": "ji"},
         lambda A, h, y, B: F.log(F.softmax(A @ h, dim="j") @ F.exp(-F.pow(y - B @ h, 2) / 2))),
    Case("softmax", "-dot(softmax(x / t), log(softmax(x / t)))", {"x": N, "t": S}, "t", {"x": "i", "t": ""},
         lambda x, t: -(F.softmax(x / t, dim="i") @ F.log(F.softmax(x / t, dim="i")))),
    # attention
    Case("attention", "norm(V.T @ softmax(K @ W @ x))**2", {"V": MP, "K": MN, "W": NN, "x": N}, "W",
         {"V": "jk", "K": "ji", "W": "il", "x": "l"}, lambda V, K, W, x: sq(V @ F.softmax(K @ W @ x, dim="j"))),
    Case("attention", "dot(y, V.T @ softmax(tanh(K @ W.T + outer(ones(m), U @ q)) @ v))",
         {"y": N, "V": MN, "K": MN, "W": PN, "U": PN, "q": N, "v": P}, "q",
         {"y": "i", "V": "ji", "K": "ji", "W": "ki", "U": "ki", "q": "i", "v": "k"},
         lambda y, V, K, W, U, q, v: y @ (V @ F.softmax(F.tanh(K @ W + eye("m", "j") * (U @ q)) @ v, dim="j"))),
    Case("attention", "V.T @ softmax(K @ q / norm(q))", {"V": MP, "K": MN, "q": N}, "q", {"V": "jk", "K": "ji", "q": "i"},
         lambda V, K, q: V @ F.softmax(K @ q / norm(q), dim="j")),
    Case("attention", "dot(u, V.T @ softmax(exp(s) * (K @ q)))", {"u": P, "V": MP, "s": S, "K": MN, "q": N}, "s",
         {"u": "k", "V": "jk", "s": "", "K": "ji", "q": "i"},
         lambda u, V, s, K, q: u @ V @ F.softmax(F.exp(s) * (K @ q), dim="j")),
    Case("attention", "dot(u, V.T @ sigmoid(K @ q)) / sum(sigmoid(K @ q))", {"u": P, "V": MP, "K": MN, "q": N}, "q",
         {"u": "k", "V": "jk", "K": "ji", "q": "i"},
         lambda u, V, K, q: (u @ V @ F.sigmoid(K @ q)) / F.sum(F.sigmoid(K @ q))),
    # logistic pieces
    Case("logistic", "X.T @ (sigmoid(X @ w) - y)", {"X": MN, "w": N, "y": M}, "w", {"X": "ji", "w": "i", "y": "j"},
         lambda X, w, y: X @ (F.sigmoid(X @ w) - y)),
    Case("logistic", "log(c * sigmoid(dot(a, x)) + d * sigmoid(dot(b, x)))", {"c": S, "a": N, "x": N, "d": S, "b": N}, "x",
         {"c": "", "a": "i", "x": "i", "d": "", "b": "i"},
         lambda c, a, x, d, b: F.log(c * F.sigmoid(a @ x) + d * F.sigmoid(b @ x))),
    Case("logistic", "-dot(b, v) - sum(softplus(W @ v + c))", {"b": N, "v": N, "W": MN, "c": M}, "W",
         {"b": "i", "v": "i", "W": "ji", "c": "j"}, lambda b, v, W, c: -(b @ v) - F.sum(softplus(W @ v + c))),
    Case("logistic", "log(sigmoid(dot(w, x) - c)) + log(1 - sigmoid(dot(w, z) - c))", {"w": N, "x": N, "c": S, "z": N}, "w",
         {"w": "i", "x": "i", "c": "", "z": "i"},
         lambda w, x, c, z: F.log(F.sigmoid(w @ x - c)) + F.log(1 - F.sigmoid(w @ z - c))),
    Case("logistic", "sum(softplus(X @ w + o) - y * (X @ w + o))", {"X": MN, "w": N, "o": M, "y": M}, "w",
         {"X": "ji", "w": "i", "o": "j", "y": "j"}, lambda X, w, o, y: F.sum(softplus(X @ w + o) - y * (X @ w + o))),
    Case("logistic", "y * sigmoid(dot(w, x)) + (1 - y) * (1 - sigmoid(dot(w, x)))", {"y": S, "w": N, "x": N}, "w",
         {"y": "", "w": "i", "x": "i"}, lambda y, w, x: y * F.sigmoid(w @ x) + (1 - y) * (1 - F.sigmoid(w @ x))),
    # losses
    Case("loss", "sum((y + r) * log(r + exp(X @ w)) - y * (X @ w))", {"y": M, "r": S, "X": MN, "w": N}, "w",
         {"y": "j", "r": "", "X": "ji", "w": "i"},
         lambda y, r, X, w: F.sum((y + r) * F.log(r + F.exp(X @ w)) - y * (X @ w))),
    Case("loss", "sum(c * log(1 + abs(X @ w - y) / e))", {"c": S, "X": MN, "w": N, "y": M, "e": S}, "w",
         {"c": "", "X": "ji", "w": "i", "y": "j", "e": ""},
         lambda c, X, w, y, e: F.sum(c * F.log(1 + F.abs(X @ w - y) / e))),
    Case("loss", "sum(((X @ w - y)**2 + c)**a)", {"X": MN, "w": N, "y": M, "c": S, "a": S}, "a",
         {"X": "ji", "w": "i", "y": "j", "c": "", "a": ""},
         lambda X, w, y, c, a: F.sum(F.exp(a * F.log(F.pow(X @ w - y, 2) + c)))),
    Case("loss", "-dot(y, log(softmax(W @ x + t * log(q))))", {"y": M, "W": MN, "x": N, "t": S, "q": M}, "t",
         {"y": "j", "W": "ji", "x": "i", "t": "", "q": "j"},
         lambda y, W, x, t, q: -(y @ F.log(F.softmax(W @ x + t * F.log(q), dim="j")))),
    Case("loss", "c * log(sum(exp((X @ w - y) / c)) + sum(exp(-(X @ w - y) / c)))", {"c": S, "X": MN, "w": N, "y": M}, "w",
         {"c": "", "X": "ji", "w": "i", "y": "j"},
         lambda c, X, w, y: c * F.log(F.sum(F.exp((X @ w - y) / c)) + F.sum(F.exp(-(X @ w - y) / c)))),
    Case("loss", "sum(1 - tanh(y * (X @ w)))", {"y": M, "X": MN, "w": N}, "w", {"y": "j", "X": "ji", "w": "i"},
         lambda y, X, w: F.sum(1 - F.tanh(y * (X @ w)))),
    # quotients
    Case("quotient", "1 / dot(a, inv(R) @ a)", {"a": N, "R": NN}, "R", {"a": "i", "R": "ij"},
         lambda a, R: 1 / (a.rename(i="j") @ F.inverse(R) @ a), {"R": INV}),
    Case("quotient", "dot(u, x) * u / dot(u, u)", {"u": N, "x": N}, "u", {"u": "i", "x": "i"},
         lambda u, x: (u @ x) * u / (u @ u)),
    Case("quotient", "dot(a, x) / (norm(x) + c)", {"a": N, "x": N, "c": S}, "x", {"a": "i", "x": "i", "c": ""},
         lambda a, x, c: (a @ x) / (norm(x) + c)),
    Case("quotient", "norm(X.T @ w / sum(w) - z)**2", {"X": MN, "w": M, "z": N}, "w", {"X": "ji", "w": "j", "z": "i"},
         lambda X, w, z: sq(X @ w / F.sum(w) - z)),
    Case("quotient", "dot(f, 1 / ((X * X) @ ones(n) - 2 * X @ x + dot(x, x)))"
         " / sum(1 / ((X * X) @ ones(n) - 2 * X @ x + dot(x, x)))", {"f": M, "X": MN, "x": N}, "x",
         {"f": "j", "X": "ji", "x": "i"},
         lambda f, X, x: (f @ F.pow(sqdist(X, x), -1)) / F.sum(F.pow(sqdist(X, x), -1))),
    Case("quotient", "det(A + X) / det(B + X)", {"A": NN, "X": NN, "B": NN}, "X", {"A": "ij", "X": "ij", "B": "ij"},
         lambda A, X, B: F.det(A + X) / F.det(B + X)),
    # powers and roots
    Case("power", "sum(x**c)**(1/c)", {"x": N, "c": S}, "c", {"x": "i", "c": ""},
         lambda x, c: F.exp(F.log(F.sum(F.exp(c * F.log(x)))) / c)),
    Case("power", "dot(b, sqrt(A @ x))", {"b": M, "A": MN, "x": N}, "x", {"b": "j", "A": "ji", "x": "i"},
         lambda b, A, x: b @ F.sqrt(A @ x)),
    Case("power", "(1 + norm(x)**2)**(-c)", {"x": N, "c": S}, "c", {"x": "i", "c": ""},
         lambda x, c: F.exp(-c * F.log(1 + sq(x)))),
    Case("power", "dot(a, x**(-2))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"}, lambda a, x: a @ F.pow(x, -2)),
    Case("power", "sum(abs(x - a)**(3/2))", {"x": N, "a": N}, "x", {"x": "i", "a": "i"},
         lambda x, a: F.sum(F.pow(F.abs(x - a), Fraction(3, 2)))),
    Case("power", "dot(a, (1 + x)**(3/2))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ F.pow(1 + x, Fraction(3, 2))),
    # norms
    Case("norm", "dot(w, sqrt((X * X) @ ones(n) - 2 * X @ x + dot(x, x)))", {"w": M, "X": MN, "x": N}, "x",
         {"w": "j", "X": "ji", "x": "i"}, lambda w, X, x: w @ F.sqrt(sqdist(X, x))),
    Case("norm", "norm(A @ X @ B)", {"A": MM, "X": MN, "B": NP}, "X", {"A": "kj", "X": "ji", "B": "il"},
         lambda A, X, B: norm(A @ X @ B)),
    Case("norm", "(norm(W @ x) - 1)**2", {"W": MN, "x": N}, "W", {"W": "ji", "x": "i"},
         lambda W, x: (norm(W @ x) - 1) ** 2),
    Case("norm", "log(norm(A @ x))", {"A": MN, "x": N}, "x", {"A": "ji", "x": "i"}, lambda A, x: F.log(norm(A @ x))),
    Case("norm", "sum(sqrt(((X @ W - Y) * (X @ W - Y)) @ ones(p)))", {"X": MN, "W": NP, "Y": MP}, "W",
         {"X": "ji", "W": "ik", "Y": "jk"},
         lambda X, W, Y: F.sum(F.sqrt(((X @ W - Y) * (X @ W - Y)) @ eye("p", "k")))),
    # elementwise functions
    Case("elementwise", "dot(a, (sqrt(x**2 + 1) - 1) / 2 + x)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ ((F.sqrt(F.pow(x, 2) + 1) - 1) / 2 + x)),
    Case("elementwise", "dot(a, log(x / (1 + x)))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ F.log(x / (1 + x))),
    Case("elementwise", "dot(a, (x + sqrt(x**2 + c)) / 2)", {"a": N, "x": N, "c": S}, "x", {"a": "i", "x": "i", "c": ""},
         lambda a, x, c: a @ ((x + F.sqrt(F.pow(x, 2) + c)) / 2)),
    Case("elementwise", "dot(a, log(1 + abs(x - b)))", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: a @ F.log(1 + F.abs(x - b))),
    Case("elementwise", "norm(sqrt(X) - A)**2", {"X": MN, "A": MN}, "X", {"X": "ji", "A": "ji"},
         lambda X, A: sq(F.sqrt(X) - A)),
    Case("elementwise", "dot(a, (1 - x**2) * exp(-x**2 / 2))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ ((1 - F.pow(x, 2)) * F.exp(-F.pow(x, 2) / 2))),
    # networks
    Case("network", "U @ tanh(W @ x)", {"U": PM, "W": MN, "x": N}, "W", {"U": "kj", "W": "ji", "x": "i"},
         lambda U, W, x: U @ F.tanh(W @ x)),
    Case("network", "dot(v, tanh(W @ x + U @ (sigmoid(R @ x) * h)))",
         {"v": M, "W": MN, "x": N, "U": MM, "R": MN, "h": M}, "R",
         {"v": "j", "W": "ji", "x": "i", "U": "jk", "R": "ki", "h": "k"},
         lambda v, W, x, U, R, h: v @ F.tanh(W @ x + U @ (F.sigmoid(R @ x) * h))),
    Case("network", "-dot(y, log(softmax(U @ (x + tanh(W @ x)))))", {"y": M, "U": MN, "x": N, "W": NN}, "W",
         {"y": "j", "U": "ji", "x": "i", "W": "il"},
         lambda y, U, x, W: -(y @ F.log(F.softmax(U @ (x + F.tanh(W @ x.rename(i="l"))), dim="j")))),
    Case("network", "softplus(-y * dot(v, tanh(W @ x) + x))", {"y": S, "v": N, "W": NN, "x": N}, "W",
         {"y": "", "v": "i", "W": "il", "x": "i"},
         lambda y, v, W, x: softplus(-(y * (v @ (F.tanh(W @ x.rename(i="l")) + x))))),
    Case("network", "norm(V @ softplus(U @ tanh(W @ x)) - y)**2", {"V": PM, "U": MM, "W": MN, "x": N, "y": P}, "U",
         {"V": "kl", "U": "lj", "W": "ji", "x": "i", "y": "k"},
         lambda V, U, W, x, y: sq(V @ softplus(U @ F.tanh(W @ x)) - y)),
    Case("network", "(r + c * logsumexp(U @ tanh(W @ z)) - dot(a, U @ tanh(W @ x)))**2",
         {"r": S, "c": S, "U": PM, "W": MN, "z": N, "a": P, "x": N}, "U",
         {"r": "", "c": "", "U": "kj", "W": "ji", "z": "i", "a": "k", "x": "i"},
         lambda r, c, U, W, z, a, x: (r + c * lse(U @ F.tanh(W @ z)) - a @ (U @ F.tanh(W @ x))) ** 2),
    Case("network", "W.T @ (v * (1 - tanh(W @ x)**2))", {"W": MN, "v": M, "x": N}, "x", {"W": "ji", "v": "j", "x": "i"},
         lambda W, v, x: W @ (v * (1 - F.pow(F.tanh(W @ x), 2)))),
    # products and sums of these
    Case("product", "sigmoid(dot(a, x)) * tanh(dot(b, x))", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: F.sigmoid(a @ x) * F.tanh(b @ x)),
    Case("product", "logdet(X) * norm(X - A)**2", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: logdet(X) * sq(X - A), {"X": INV}),
    Case("product", "dot(a, x) * sqrt(1 + norm(x)**2)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: (a @ x) * F.sqrt(1 + sq(x))),
    Case("product", "det(X) * logdet(X)", {"X": NN}, "X", {"X": "ij"}, lambda X: F.det(X) * logdet(X), {"X": INV}),
    Case("product", "dot(x, A @ x) * x", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: (x @ A @ x.rename(i="j")) * x),
    Case("sum", "norm(X @ w + b - y)**2 + lam * norm(w)**2", {"X": MN, "w": N, "b": S, "y": M, "lam": S}, "w",
         {"X": "ji", "w": "i", "b": "", "y": "j", "lam": ""},
         lambda X, w, b, y, lam: sq(X @ w + b - y) + lam * sq(w)),
    Case("sum", "norm(X @ exp(v) - y)**2 + lam * sum(exp(v))", {"X": MN, "v": N, "y": M, "lam": S}, "v",
         {"X": "ji", "v": "i", "y": "j", "lam": ""}, lambda X, v, y, lam: sq(X @ F.exp(v) - y) + lam * F.sum(F.exp(v))),
    Case("sum", "sum(softplus(-y * (X @ w))) + lam * sqrt(dot(w, w) + c)", {"y": M, "X": MN, "w": N, "lam": S, "c": S}, "w",
         {"y": "j", "X": "ji", "w": "i", "lam": "", "c": ""},
         lambda y, X, w, lam, c: F.sum(softplus(-(y * (X @ w)))) + lam * F.sqrt(w @ w + c)),
    Case("sum", "norm(A @ x - b)**2 + lam * sum(log(cosh(x)))", {"A": MN, "x": N, "b": M, "lam": S}, "x",
         {"A": "ji", "x": "i", "b": "j", "lam": ""},
         lambda A, x, b, lam: sq(A @ x - b) + lam * F.sum(F.log((F.exp(x) + F.exp(-x)) / 2))),
)
