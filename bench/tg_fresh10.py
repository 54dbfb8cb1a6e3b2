"""A tenth held-out set for bench/bench_tensorgrad.py (``--cases fresh10``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 37, branch fresh10), without reading the engine: none is in
tg_cases.py or tg_fresh.py .. tg_fresh9.py (nor the same function under a cyclic trace, a transpose or renamed
variables), picked as a grader would from a matrix-calculus course, the Matrix Cookbook and ML papers: linear maps (a
symmetric part applied to a vector, a mean of a map, a map of an affine map by its inner matrix, a map of a centred
vector), quadratic forms (a product of two bilinear forms, a form in a matrix plus a diagonal, a form in the square of
a pencil, a product of two forms in one matrix, a shifted energy by its matrix, x x^T a, the outer square of a line by
its parameter), traces (a trace plus a Frobenius square, a sum of squared traces, a trace times a quadratic trace, the
elementary symmetric polynomial e2, tr(X^3 X^T), a cubed trace), Frobenius residuals (idempotence, a Tikhonov penalty
on a matrix, a two-sided inverse fit, a fit with an unsquared norm penalty, a Sylvester residual), inverses (of a
triple product, a Sherman-Morrison solve by its vector, a product of two inverse traces, kernel ridge's effective
degrees of freedom, the trace of a pencil's inverse, the inverse of an inverse plus a matrix, a form in the inverse of
a congruence), determinants (of a congruence by its middle matrix, a capacity by its noise, a matrix plus a diagonal,
a covariance transform, a volume penalty), Gaussian pieces (a diagonal likelihood by log-precisions, a Kalman
innovation likelihood by the prior covariance, KL to the standard normal by a Cholesky factor, a posterior mean by the
prior's scale, the Hellinger distance between two Gaussians by a covariance), kernels (an RBF by a log-precision, a
polynomial kernel of learned features, an RBF on log inputs, an RBF of a projection by its direction, a squared
cosine), logs and exps (a KL of x to A x, a log-normal likelihood, an exponential over a line, a vector softplus
layer, a log-cosh of a projection), softmax (the Jensen-Shannon divergence, a soft maximum by its temperature, a
cost-augmented log-partition, neighbourhood components analysis, a bilinear-logit cross-entropy), attention (a gated
read-out, a fit by the query projection, a Hopfield energy by its patterns, sigmoid attention), logistic pieces (a
logistic matrix factorisation, a factorisation machine, the squared norm of the logistic gradient, the log-odds,
MacKay's moderated output by the covariance), losses (a margin ranking hinge, a smoothed pinball, the Bhattacharyya
distance, a Student-t regression by its degrees of freedom, the Pearson correlation, a Poisson factorisation),
quotients (a weighted mean by its weights, a relative distance, a product of lines over a form, the cosine of an angle
at x, a beamformer's SINR, a stable-rank-like ratio), powers and roots (a 3/2-norm, a cube root of a sum of cubes, a
geometric mean of two forms, a cubed quadratic), norms (a second-order cone objective, a product of two map norms, the
L2,1 norm, a group-lasso proximal objective, x |x|), elementwise functions (Box-Cox by its exponent, soft capping by
its scale, tanh of a triple product, a clipped ReLU, a log by its scale), networks (layer norm of a pre-activation,
SwiGLU, a Frobenius-normalised layer, an input-gradient penalty, a deep linear network by its middle layer, a
Gaussian-Bernoulli RBM's free energy, wide and deep, a sparse autoencoder, a TD error through a shared network, a
linear map of tanh), products and sums of these (a maximum-entropy least squares, a proximal logsumexp, a box
log-barrier). Derivatives by vectors, matrices and scalars; vector- and matrix-valued functions.

The same structure and conventions as tg_cases.py and tg_fresh9.py (tg_cases.py's docstring says how tensorgrad's
edges are named): an inverse is contracted on its far edge (``F.inverse(X)`` with X on edges "ij" holds X^-1's rows
on j), ``X.rename(i="j", j="i")`` is a transpose, ``Delta`` is the identity on the edges it names (a ones vector on
one edge), ``u * v`` on two different edges an outer product, ``F.diag(s, [..])`` a diagonal matrix. No variable is
named after a size (n, m, p); an elementwise square of a matrix is written X * X.

The warm-up check (--runs 1) expressed 106 of 106 and left one out: det(X.T @ A @ X) by A disagreed on the gradient
because X was written wide (n x m with n < m), so X^T A X is m x m of rank n and the function is identically zero:
written wrong, it was fixed by making X tall (m x n, A m x m), and nothing was replaced. Then all 106 agree (twelve
are vector- or matrix-valued, so only their values are compared). None passes vacuously: the smallest gradient entry
compared is 7.8e-8 (wide and deep, sigmoid near saturation), the next 3.8e-7 (the factorisation machine); the clipped
ReLU's gradient has exact zeros where x > c. At the check's point x - c in the clipped ReLU takes both signs (both
branches compared), the margin hinge's argument is positive, and every other argument of relu is positive.

What it showed (2026-12-06, main at 067e3ee, --runs 3 --cpu, one run, load average 7.7-9.8; all 106 agree): median
0.43, geometric mean 0.50, worst 10.2, mcdocgen faster on 84, over 1.2x on 19, over 1.5x on 13, worse than 2x on 12.
Sums of medians 2.05 s (mcdocgen) and 3.01 s (tensorgrad). Over 2x (ratio, mcdocgen ms): the log-cosh of a projection
log(exp(dot(a, x)) + exp(-dot(a, x))) 10.2 (69), the cube root of a sum of cubes (dot(a, x)**3 + dot(b, x)**3)**(1/3)
9.3 (72), the beamformer's SINR dot(w, a)**2 / (dot(w, B @ w) + s * dot(w, w)) 5.1 (140), the RBF by a log-precision
exp(-exp(s) * norm(x - y)**2) 4.7 (23), the margin ranking hinge relu(c - y * (dot(w, a) - dot(w, b))) 4.5 (28), the
diagonal likelihood by log-precisions dot(exp(s), (x - u)**2) / 2 - sum(s) / 2 4.4 (26), the 3/2-norm
sum(x**(3/2))**(2/3) 3.1 (27), the box log-barrier norm(x - a)**2 - s * sum(log(x) + log(2 - x)) 2.6 (26), Box-Cox by
its exponent dot(a, (exp(c * log(x)) - 1) / c) 2.6 (19), the relative distance norm(x - y) / (norm(x) + norm(y)) 2.4
(74), the Hellinger distance by a covariance 2.4 (256), sigmoid(dot(a, x)) * norm(x - b)**2 2.1 (21). Over 1.5x: the
geometric mean of two forms sqrt(dot(x, A @ x) * dot(x, B @ x)) 1.52. By kind: power 1.52, product 0.88, elementwise
0.84, sum 0.78, quotient 0.74, log-exp 0.70, loss 0.59, logistic 0.55, kernel 0.52, linear 0.52, quadratic 0.51,
network 0.41, trace 0.36, frobenius 0.35, norm 0.28, determinant 0.26, gaussian 0.24, attention 0.22, inverse 0.18,
softmax 0.14.
"""

from __future__ import annotations

from fractions import Fraction

import sympy
import tensorgrad.functions as F
from tensorgrad.tensor import Delta

from tg_cases import Case, logdet, norm, softplus, sq


N, NN, MN, M, P, S = ("n",), ("n", "n"), ("m", "n"), ("m",), ("p",), ()
MM, PM, NM, MP, NP = ("m", "m"), ("p", "m"), ("n", "m"), ("m", "p"), ("n", "p")
INV = ("invertible",)


def eye(size: str, *edges: str):
    return Delta(sympy.Symbol(size), *edges)


def js(q, s):
    """The Jensen-Shannon divergence of q and s (vectors on one edge), each against their mean."""
    return (q @ F.log(2 * q / (q + s)) + s @ F.log(2 * s / (q + s))) / 2


def centred(t):
    return t - F.mean(t)


CASES: tuple[Case, ...] = (
    # linear
    Case("linear", "(X + X.T) @ a", {"X": NN, "a": N}, "X", {"X": "ij", "a": "j"},
         lambda X, a: (X + X.rename(i="j", j="i")) @ a),
    Case("linear", "mean(X @ a)", {"X": MN, "a": N}, "a", {"X": "ji", "a": "i"}, lambda X, a: F.mean(X @ a)),
    Case("linear", "A @ (B @ x + c)", {"A": PM, "B": MN, "x": N, "c": M}, "B", {"A": "kj", "B": "ji", "x": "i", "c": "j"},
         lambda A, B, x, c: A @ (B @ x + c)),
    Case("linear", "A @ (x - mean(x))", {"A": MN, "x": N}, "x", {"A": "ji", "x": "i"}, lambda A, x: A @ centred(x)),
    # quadratic forms
    Case("quadratic", "dot(x, A @ y) * dot(y, B @ x)", {"x": N, "A": NN, "y": N, "B": NN}, "y",
         {"x": "i", "A": "ij", "y": "j", "B": "ji"}, lambda x, A, y, B: (x @ A @ y) * (y @ B @ x)),
    Case("quadratic", "dot(x, (A + diag(d)) @ x)", {"x": N, "A": NN, "d": N}, "d", {"x": "i", "A": "ij", "d": "i"},
         lambda x, A, d: x @ (A + F.diag(d, ["i", "j"])) @ x.rename(i="j")),
    Case("quadratic", "dot(x, (A + t * B) @ (A + t * B) @ x)", {"x": N, "A": NN, "t": S, "B": NN}, "t",
         {"x": "i", "A": "ij", "t": "", "B": "ij"},
         lambda x, A, t, B: x @ (A + t * B) @ (A + t * B).rename(i="j", j="k") @ x.rename(i="k")),
    Case("quadratic", "dot(u, A @ u) * dot(v, A @ v)", {"u": N, "A": NN, "v": N}, "A", {"u": "i", "A": "ij", "v": "i"},
         lambda u, A, v: (u @ A @ u.rename(i="j")) * (v @ A @ v.rename(i="j"))),
    Case("quadratic", "dot(x, A @ x) / 2 - dot(x, A @ b)", {"x": N, "A": NN, "b": N}, "A", {"x": "i", "A": "ij", "b": "i"},
         lambda x, A, b: (x @ A @ x.rename(i="j")) / 2 - x @ A @ b.rename(i="j")),
    Case("quadratic", "outer(x, x) @ a", {"x": N, "a": N}, "x", {"x": "i", "a": "i"}, lambda x, a: x * (x @ a)),
    Case("quadratic", "outer(x + t * y, x + t * y)", {"x": N, "t": S, "y": N}, "t", {"x": "i", "t": "", "y": "i"},
         lambda x, t, y: (x + t * y) * (x + t * y).rename(i="j")),
    # traces
    Case("trace", "tr(X @ X) + tr(X.T @ X)", {"X": NN}, "X", {"X": "ij"},
         lambda X: X @ X.rename(i="j", j="i") + sq(X)),
    Case("trace", "tr(A @ X)**2 + tr(B @ X)**2", {"A": NN, "X": NN, "B": NN}, "X", {"A": "ji", "X": "ij", "B": "ji"},
         lambda A, X, B: (A @ X) ** 2 + (B @ X) ** 2),
    Case("trace", "tr(X) * tr(X.T @ A @ X)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ik"},
         lambda X, A: F.trace(X) * (X @ A @ X.rename(i="k"))),
    Case("trace", "(tr(X)**2 - tr(X @ X)) / 2", {"X": NN}, "X", {"X": "ij"},
         lambda X: (F.trace(X) ** 2 - X @ X.rename(i="j", j="i")) / 2),
    Case("trace", "tr(X @ X @ X @ X.T)", {"X": NN}, "X", {"X": "ij"},
         lambda X: X.rename(i="a", j="b") @ X.rename(i="b", j="c") @ X.rename(i="c", j="d") @ X.rename(i="a", j="d")),
    # Frobenius residuals
    Case("frobenius", "norm(X @ X - X)**2", {"X": NN}, "X", {"X": "ij"},
         lambda X: sq(X @ X.rename(i="j", j="k") - X.rename(j="k"))),
    Case("frobenius", "norm(X @ A - B)**2 + lam * norm(X @ C)**2", {"X": MN, "A": NP, "B": MP, "C": NN, "lam": S}, "X",
         {"X": "ij", "A": "jk", "B": "ik", "C": "jl", "lam": ""},
         lambda X, A, B, C, lam: sq(X @ A - B) + lam * sq(X @ C)),
    Case("frobenius", "norm(X @ A - eye(n))**2 + norm(A @ X - eye(n))**2", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "jk"},
         lambda X, A: sq(X @ A - eye("n", "i", "k")) + sq(A.rename(j="a", k="i") @ X - eye("n", "a", "j"))),
    Case("frobenius", "norm(A @ X - B)**2 + lam * norm(X)", {"A": MN, "X": NP, "B": MP, "lam": S}, "X",
         {"A": "ji", "X": "ik", "B": "jk", "lam": ""}, lambda A, X, B, lam: sq(A @ X - B) + lam * norm(X)),
    Case("frobenius", "norm(A @ X + X @ B - C)**2", {"A": NN, "X": NM, "B": MM, "C": NM}, "X",
         {"A": "ab", "X": "ij", "B": "cd", "C": "ij"},
         lambda A, X, B, C: sq(A.rename(a="i", b="k") @ X.rename(i="k") + X.rename(j="l") @ B.rename(c="l", d="j") - C)),
    # inverses
    Case("inverse", "tr(inv(A @ X @ B))", {"A": NN, "X": NN, "B": NN}, "X", {"A": "ij", "X": "jk", "B": "kl"},
         lambda A, X, B: F.trace(F.inverse(A @ X @ B)), {"A": INV, "X": INV, "B": INV}),
    Case("inverse", "inv(A + outer(u, u)) @ b", {"A": NN, "u": N, "b": N}, "u", {"A": "ij", "u": "i", "b": "i"},
         lambda A, u, b: F.inverse(A + u * u.rename(i="j")) @ b),
    Case("inverse", "tr(inv(X) @ A) * tr(inv(X) @ B)", {"X": NN, "A": NN, "B": NN}, "X", {"X": "ij", "A": "ij", "B": "ij"},
         lambda X, A, B: (F.inverse(X) @ A) * (F.inverse(X) @ B), {"X": INV}),
    Case("inverse", "tr(K @ inv(K + lam * eye(n)))", {"K": NN, "lam": S}, "K", {"K": "ij", "lam": ""},
         lambda K, lam: K @ F.inverse(K + lam * eye("n", "i", "j"))),
    Case("inverse", "tr(inv(A + t * B))", {"A": NN, "t": S, "B": NN}, "t", {"A": "ij", "t": "", "B": "ij"},
         lambda A, t, B: F.trace(F.inverse(A + t * B))),
    Case("inverse", "tr(inv(inv(X) + A))", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ji"},
         lambda X, A: F.trace(F.inverse(F.inverse(X) + A)), {"X": INV}),
    Case("inverse", "dot(a, inv(X @ A @ X.T) @ a)", {"a": N, "X": NM, "A": MM}, "X", {"a": "i", "X": "ia", "A": "ab"},
         lambda a, X, A: a.rename(i="j") @ F.inverse(X @ A @ X.rename(i="j", a="b")) @ a),
    # determinants and log-determinants
    Case("determinant", "det(X.T @ A @ X)", {"X": MN, "A": MM}, "A", {"X": "ia", "A": "ij"},
         lambda X, A: F.det(X @ A @ X.rename(i="j", a="b"))),
    Case("determinant", "logdet(eye(n) + H @ H.T / s)", {"H": NM, "s": S}, "s", {"H": "ia", "s": ""},
         lambda H, s: logdet(eye("n", "i", "j") + H @ H.rename(i="j") / s)),
    Case("determinant", "det(A + diag(x))", {"A": NN, "x": N}, "x", {"A": "ij", "x": "i"},
         lambda A, x: F.det(A + F.diag(x, ["i", "j"]))),
    Case("determinant", "logdet(A @ X @ A.T + B)", {"A": NM, "X": MM, "B": NN}, "X", {"A": "ia", "X": "ab", "B": "ij"},
         lambda A, X, B: logdet(A @ X @ A.rename(i="j", a="b") + B)),
    Case("determinant", "(det(X) - c)**2", {"X": NN, "c": S}, "X", {"X": "ij", "c": ""}, lambda X, c: (F.det(X) - c) ** 2),
    # Gaussian pieces
    Case("gaussian", "dot(exp(s), (x - u)**2) / 2 - sum(s) / 2", {"s": N, "x": N, "u": N}, "s",
         {"s": "i", "x": "i", "u": "i"}, lambda s, x, u: F.exp(s) @ F.pow(x - u, 2) / 2 - F.sum(s) / 2),
    Case("gaussian", "dot(r, inv(H @ P @ H.T + R) @ r) + logdet(H @ P @ H.T + R)",
         {"r": M, "H": MN, "P": NN, "R": MM}, "P", {"r": "j", "H": "ji", "P": "ik", "R": "jl"},
         lambda r, H, P, R: r.rename(j="l") @ F.inverse(H @ P @ H.rename(j="l", i="k") + R) @ r
         + logdet(H @ P @ H.rename(j="l", i="k") + R)),
    Case("gaussian", "(norm(L)**2 + norm(u)**2) / 2 - logdet(L)", {"L": NN, "u": N}, "L", {"L": "ij", "u": "i"},
         lambda L, u: (sq(L) + sq(u)) / 2 - logdet(L), {"L": INV}),
    Case("gaussian", "inv(X.T @ X + s * inv(Q)) @ X.T @ y", {"X": MN, "s": S, "Q": NN, "y": M}, "s",
         {"X": "ji", "s": "", "Q": "ki", "y": "j"},
         lambda X, s, Q, y: F.inverse(X @ X.rename(i="k") + s * F.inverse(Q)) @ (X @ y), {"Q": INV}),
    Case("gaussian", "1 - det(A)**(1/4) * det(B)**(1/4) / sqrt(det((A + B) / 2))"
         " * exp(-dot(u - v, inv((A + B) / 2) @ (u - v)) / 8)",
         {"A": NN, "B": NN, "u": N, "v": N}, "A", {"A": "ij", "B": "ij", "u": "i", "v": "i"},
         lambda A, B, u, v: 1 - F.pow(F.det(A), Fraction(1, 4)) * F.pow(F.det(B), Fraction(1, 4)) / F.sqrt(F.det((A + B) / 2))
         * F.exp(-((u - v).rename(i="j") @ F.inverse((A + B) / 2) @ (u - v)) / 8), {"A": INV, "B": INV}),
    # kernels
    Case("kernel", "exp(-exp(s) * norm(x - y)**2)", {"s": S, "x": N, "y": N}, "s", {"s": "", "x": "i", "y": "i"},
         lambda s, x, y: F.exp(-F.exp(s) * sq(x - y))),
    Case("kernel", "(dot(W @ x, W @ y) + c)**2", {"W": MN, "x": N, "y": N, "c": S}, "W",
         {"W": "ji", "x": "i", "y": "i", "c": ""}, lambda W, x, y, c: ((W @ x) @ (W @ y) + c) ** 2),
    Case("kernel", "exp(-norm(log(x) - log(y))**2)", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: F.exp(-sq(F.log(x) - F.log(y)))),
    Case("kernel", "exp(-dot(w, x - y)**2)", {"w": N, "x": N, "y": N}, "w", {"w": "i", "x": "i", "y": "i"},
         lambda w, x, y: F.exp(-(w @ (x - y)) ** 2)),
    Case("kernel", "dot(x, y)**2 / (dot(x, x) * dot(y, y))", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: (x @ y) ** 2 / ((x @ x) * (y @ y))),
    # logs and exps
    Case("log-exp", "sum(x * log(x / (A @ x)))", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: F.sum(x * F.log(x / (A @ x.rename(i="j"))))),
    Case("log-exp", "norm(log(x) - u)**2 / 2 + sum(log(x))", {"x": N, "u": N}, "x", {"x": "i", "u": "i"},
         lambda x, u: sq(F.log(x) - u) / 2 + F.sum(F.log(x))),
    Case("log-exp", "exp(dot(a, x)) / dot(b, x)", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: F.exp(a @ x) / (b @ x)),
    Case("log-exp", "softplus(A @ x)", {"A": MN, "x": N}, "x", {"A": "ji", "x": "i"}, lambda A, x: softplus(A @ x)),
    Case("log-exp", "log(exp(dot(a, x)) + exp(-dot(a, x)))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: F.log(F.exp(a @ x) + F.exp(-(a @ x)))),
    # softmax
    Case("softmax", "(dot(q, log(2 * q / (q + softmax(x)))) + dot(softmax(x), log(2 * softmax(x) / (q + softmax(x))))) / 2",
         {"q": N, "x": N}, "x", {"q": "i", "x": "i"}, lambda q, x: js(q, F.softmax(x, dim="i"))),
    Case("softmax", "dot(softmax(x / t), x)", {"x": N, "t": S}, "t", {"x": "i", "t": ""},
         lambda x, t: F.softmax(x / t, dim="i") @ x),
    Case("softmax", "logsumexp(x + c * (1 - y)) - dot(y, x)", {"x": N, "c": S, "y": N}, "x", {"x": "i", "c": "", "y": "i"},
         lambda x, c, y: F.log(F.sum(F.exp(x + c * (1 - y)))) - y @ x),
    Case("softmax", "dot(y, softmax(-(((D @ L.T) * (D @ L.T)) @ ones(p))))", {"y": M, "D": MN, "L": ("p", "n")}, "L",
         {"y": "j", "D": "ji", "L": "ki"},
         lambda y, D, L: y @ F.softmax(-(((D @ L) * (D @ L)) @ eye("p", "k")), dim="j")),
    Case("softmax", "-dot(y, log(softmax(A @ W @ b)))", {"y": M, "A": MN, "W": NP, "b": P}, "W",
         {"y": "j", "A": "ji", "W": "ik", "b": "k"}, lambda y, A, W, b: -(y @ F.log(F.softmax(A @ W @ b, dim="j")))),
    # attention
    Case("attention", "sigmoid(dot(g, q)) * (V.T @ softmax(K @ q))", {"g": N, "q": N, "V": MP, "K": MN}, "q",
         {"g": "i", "q": "i", "V": "jk", "K": "ji"}, lambda g, q, V, K: F.sigmoid(g @ q) * (V @ F.softmax(K @ q, dim="j"))),
    Case("attention", "norm(V.T @ softmax(K @ A @ q) - y)**2", {"V": MP, "K": MN, "A": NN, "q": N, "y": P}, "A",
         {"V": "jk", "K": "ji", "A": "il", "q": "l", "y": "k"},
         lambda V, K, A, q, y: sq(V @ F.softmax(K @ A @ q, dim="j") - y)),
    Case("attention", "dot(q, q) / 2 - logsumexp(b * (K @ q)) / b", {"q": N, "b": S, "K": MN}, "K",
         {"q": "i", "b": "", "K": "ji"}, lambda q, b, K: (q @ q) / 2 - F.log(F.sum(F.exp(b * (K @ q)))) / b),
    Case("attention", "V.T @ sigmoid(K @ q)", {"V": MP, "K": MN, "q": N}, "q", {"V": "jk", "K": "ji", "q": "i"},
         lambda V, K, q: V @ F.sigmoid(K @ q)),
    # logistic pieces
    Case("logistic", "sum(softplus(-Y * (U @ V.T)))", {"Y": MN, "U": MP, "V": NP}, "U", {"Y": "ji", "U": "jk", "V": "ik"},
         lambda Y, U, V: F.sum(softplus(-(Y * (U @ V))))),
    Case("logistic", "softplus(-y * (b + dot(w, x) + (norm(V.T @ x)**2 - dot(x**2, (V * V) @ ones(p))) / 2))",
         {"y": S, "b": S, "w": N, "x": N, "V": NP}, "V", {"y": "", "b": "", "w": "i", "x": "i", "V": "ik"},
         lambda y, b, w, x, V: softplus(-(y * (b + w @ x + (sq(V @ x) - F.pow(x, 2) @ ((V * V) @ eye("p", "k"))) / 2)))),
    Case("logistic", "norm(X.T @ (sigmoid(X @ w) - y))**2", {"X": MN, "w": N, "y": M}, "w", {"X": "ji", "w": "i", "y": "j"},
         lambda X, w, y: sq(X @ (F.sigmoid(X @ w) - y))),
    Case("logistic", "log(sigmoid(dot(w, x)) / (1 - sigmoid(dot(w, x))))", {"w": N, "x": N}, "w", {"w": "i", "x": "i"},
         lambda w, x: F.log(F.sigmoid(w @ x) / (1 - F.sigmoid(w @ x)))),
    Case("logistic", "sigmoid(dot(u, x) / sqrt(1 + c * dot(x, S @ x)))", {"u": N, "x": N, "c": S, "S": NN}, "S",
         {"u": "i", "x": "i", "c": "", "S": "ij"},
         lambda u, x, c, S: F.sigmoid((u @ x) / F.sqrt(1 + c * (x @ S @ x.rename(i="j"))))),
    # losses
    Case("loss", "relu(c - y * (dot(w, a) - dot(w, b)))", {"c": S, "y": S, "w": N, "a": N, "b": N}, "w",
         {"c": "", "y": "", "w": "i", "a": "i", "b": "i"}, lambda c, y, w, a, b: F.relu(c - y * (w @ a - w @ b))),
    Case("loss", "sum(t * (y - X @ w) + c * softplus(-(y - X @ w) / c))", {"t": S, "y": M, "X": MN, "w": N, "c": S}, "w",
         {"t": "", "y": "j", "X": "ji", "w": "i", "c": ""},
         lambda t, y, X, w, c: F.sum(t * (y - X @ w) + c * softplus(-(y - X @ w) / c))),
    Case("loss", "-log(dot(sqrt(u), sqrt(v)))", {"u": N, "v": N}, "u", {"u": "i", "v": "i"},
         lambda u, v: -F.log(F.sqrt(u) @ F.sqrt(v))),
    Case("loss", "(c + 1) / 2 * sum(log(1 + (y - X @ w)**2 / c))", {"c": S, "y": M, "X": MN, "w": N}, "c",
         {"c": "", "y": "j", "X": "ji", "w": "i"},
         lambda c, y, X, w: (c + 1) / 2 * F.sum(F.log(1 + F.pow(y - X @ w, 2) / c))),
    Case("loss", "1 - dot(x - mean(x), y - mean(y)) / (norm(x - mean(x)) * norm(y - mean(y)))", {"x": N, "y": N}, "x",
         {"x": "i", "y": "i"}, lambda x, y: 1 - (centred(x) @ centred(y)) / (norm(centred(x)) * norm(centred(y)))),
    Case("loss", "sum(exp(U @ V.T) - Y * (U @ V.T))", {"U": MP, "V": NP, "Y": MN}, "V", {"U": "jk", "V": "ik", "Y": "ji"},
         lambda U, V, Y: F.sum(F.exp(U @ V) - Y * (U @ V))),
    # quotients
    Case("quotient", "dot(w, x) / sum(w)", {"w": N, "x": N}, "w", {"w": "i", "x": "i"}, lambda w, x: (w @ x) / F.sum(w)),
    Case("quotient", "norm(x - y) / (norm(x) + norm(y))", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: norm(x - y) / (norm(x) + norm(y))),
    Case("quotient", "dot(a, x) * dot(b, x) / dot(x, A @ x)", {"a": N, "x": N, "b": N, "A": NN}, "x",
         {"a": "i", "x": "i", "b": "i", "A": "ij"}, lambda a, x, b, A: (a @ x) * (b @ x) / (x @ A @ x.rename(i="j"))),
    Case("quotient", "dot(x - a, x - b) / (norm(x - a) * norm(x - b))", {"x": N, "a": N, "b": N}, "x",
         {"x": "i", "a": "i", "b": "i"}, lambda x, a, b: ((x - a) @ (x - b)) / (norm(x - a) * norm(x - b))),
    Case("quotient", "dot(w, a)**2 / (dot(w, B @ w) + s * dot(w, w))", {"w": N, "a": N, "B": NN, "s": S}, "w",
         {"w": "i", "a": "i", "B": "ij", "s": ""},
         lambda w, a, B, s: (w @ a) ** 2 / (w @ B @ w.rename(i="j") + s * (w @ w))),
    Case("quotient", "norm(X)**4 / norm(X.T @ X)**2", {"X": MN}, "X", {"X": "ji"},
         lambda X: sq(X) ** 2 / sq(X @ X.rename(i="k"))),
    # powers and roots
    Case("power", "tr(A @ X)**3", {"A": NN, "X": NN}, "X", {"A": "ji", "X": "ij"}, lambda A, X: (A @ X) ** 3),
    Case("power", "sum(x**(3/2))**(2/3)", {"x": N}, "x", {"x": "i"},
         lambda x: F.pow(F.sum(F.pow(x, Fraction(3, 2))), Fraction(2, 3))),
    Case("power", "(dot(a, x)**3 + dot(b, x)**3)**(1/3)", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: F.pow((a @ x) ** 3 + (b @ x) ** 3, Fraction(1, 3))),
    Case("power", "sqrt(dot(x, A @ x) * dot(x, B @ x))", {"x": N, "A": NN, "B": NN}, "x", {"x": "i", "A": "ij", "B": "ij"},
         lambda x, A, B: F.sqrt((x @ A @ x.rename(i="j")) * (x @ B @ x.rename(i="j")))),
    Case("power", "(dot(x, A @ x) + dot(b, x))**3", {"x": N, "A": NN, "b": N}, "x", {"x": "i", "A": "ij", "b": "i"},
         lambda x, A, b: (x @ A @ x.rename(i="j") + b @ x) ** 3),
    # norms
    Case("norm", "norm(A @ x) - dot(b, x)", {"A": MN, "x": N, "b": N}, "x", {"A": "ji", "x": "i", "b": "i"},
         lambda A, x, b: norm(A @ x) - b @ x),
    Case("norm", "norm(X @ a) * norm(X.T @ b)", {"X": MN, "a": N, "b": M}, "X", {"X": "ji", "a": "i", "b": "j"},
         lambda X, a, b: norm(X @ a) * norm(X @ b)),
    Case("norm", "sum(sqrt((X * X) @ ones(n)))", {"X": MN}, "X", {"X": "ji"},
         lambda X: F.sum(F.sqrt((X * X) @ eye("n", "i")))),
    Case("norm", "norm(x - a)**2 / 2 + c * norm(x)", {"x": N, "a": N, "c": S}, "x", {"x": "i", "a": "i", "c": ""},
         lambda x, a, c: sq(x - a) / 2 + c * norm(x)),
    Case("norm", "x * norm(x)", {"x": N}, "x", {"x": "i"}, lambda x: x * norm(x)),
    # elementwise functions
    Case("elementwise", "dot(a, (exp(c * log(x)) - 1) / c)", {"a": N, "c": S, "x": N}, "c", {"a": "i", "c": "", "x": "i"},
         lambda a, c, x: a @ ((F.exp(c * F.log(x)) - 1) / c)),
    Case("elementwise", "dot(a, c * tanh(x / c))", {"a": N, "c": S, "x": N}, "c", {"a": "i", "c": "", "x": "i"},
         lambda a, c, x: a @ (c * F.tanh(x / c))),
    Case("elementwise", "sum(tanh(A @ X @ B))", {"A": MN, "X": NP, "B": PM}, "X", {"A": "ji", "X": "ik", "B": "kl"},
         lambda A, X, B: F.sum(F.tanh(A @ X @ B))),
    Case("elementwise", "dot(a, relu(x) - relu(x - c))", {"a": N, "x": N, "c": S}, "x", {"a": "i", "x": "i", "c": ""},
         lambda a, x, c: a @ (F.relu(x) - F.relu(x - c))),
    Case("elementwise", "dot(a, log(1 + x / c))", {"a": N, "x": N, "c": S}, "c", {"a": "i", "x": "i", "c": ""},
         lambda a, x, c: a @ F.log(1 + x / c)),
    # networks
    Case("network", "dot(v, (W @ x - mean(W @ x)) / sqrt(mean((W @ x - mean(W @ x))**2) + c))",
         {"v": M, "W": MN, "x": N, "c": S}, "W", {"v": "j", "W": "ji", "x": "i", "c": ""},
         lambda v, W, x, c: v @ (centred(W @ x) / F.sqrt(F.mean(F.pow(centred(W @ x), 2)) + c))),
    Case("network", "dot(v, (W @ x) * sigmoid(W @ x) * (U @ x))", {"v": M, "W": MN, "x": N, "U": MN}, "W",
         {"v": "j", "W": "ji", "x": "i", "U": "ji"}, lambda v, W, x, U: v @ ((W @ x) * F.sigmoid(W @ x) * (U @ x))),
    Case("network", "dot(v, tanh(W @ x / norm(W)))", {"v": M, "W": MN, "x": N}, "W", {"v": "j", "W": "ji", "x": "i"},
         lambda v, W, x: v @ F.tanh(W @ x / norm(W))),
    Case("network", "norm(W.T @ (v * (1 - tanh(W @ x)**2)))**2", {"W": MN, "v": M, "x": N}, "W",
         {"W": "ji", "v": "j", "x": "i"}, lambda W, v, x: sq(W @ (v * (1 - F.pow(F.tanh(W @ x), 2))))),
    Case("network", "norm(C @ B @ A @ x - y)**2", {"C": PM, "B": MM, "A": MN, "x": N, "y": P}, "B",
         {"C": "kl", "B": "lj", "A": "ji", "x": "i", "y": "k"}, lambda C, B, A, x, y: sq(C @ B @ A @ x - y)),
    Case("network", "norm(x - b)**2 / 2 - sum(softplus(W @ x + c))", {"x": N, "b": N, "W": MN, "c": M}, "x",
         {"x": "i", "b": "i", "W": "ji", "c": "j"}, lambda x, b, W, c: sq(x - b) / 2 - F.sum(softplus(W @ x + c))),
    Case("network", "sigmoid(dot(w, x) + dot(v, relu(W @ x)))", {"w": N, "x": N, "v": M, "W": MN}, "W",
         {"w": "i", "x": "i", "v": "j", "W": "ji"}, lambda w, x, v, W: F.sigmoid(w @ x + v @ F.relu(W @ x))),
    Case("network", "norm(V @ relu(W @ x + b) - x)**2 + lam * sum(relu(W @ x + b))",
         {"V": NM, "W": MN, "x": N, "b": M, "lam": S}, "W", {"V": "ij", "W": "ji", "x": "i", "b": "j", "lam": ""},
         lambda V, W, x, b, lam: sq(V @ F.relu(W @ x + b) - x) + lam * F.sum(F.relu(W @ x + b))),
    Case("network", "(r + c * dot(v, tanh(W @ z)) - dot(v, tanh(W @ x)))**2",
         {"r": S, "c": S, "v": M, "W": MN, "z": N, "x": N}, "W",
         {"r": "", "c": "", "v": "j", "W": "ji", "z": "i", "x": "i"},
         lambda r, c, v, W, z, x: (r + c * (v @ F.tanh(W @ z)) - v @ F.tanh(W @ x)) ** 2),
    Case("network", "A @ tanh(x)", {"A": MN, "x": N}, "x", {"A": "ji", "x": "i"}, lambda A, x: A @ F.tanh(x)),
    # products and sums of these
    Case("product", "norm(x - a)**2 * exp(dot(b, x))", {"x": N, "a": N, "b": N}, "x", {"x": "i", "a": "i", "b": "i"},
         lambda x, a, b: sq(x - a) * F.exp(b @ x)),
    Case("product", "dot(a, tanh(x)) * dot(b, sigmoid(x))", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: (a @ F.tanh(x)) * (b @ F.sigmoid(x))),
    Case("product", "sigmoid(dot(a, x)) * norm(x - b)**2", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: F.sigmoid(a @ x) * sq(x - b)),
    Case("product", "tr(inv(X)) * logdet(X)", {"X": NN}, "X", {"X": "ij"},
         lambda X: F.trace(F.inverse(X)) * logdet(X), {"X": INV}),
    Case("sum", "norm(X @ w - y)**2 + lam * dot(w, log(w))", {"X": MN, "w": N, "y": M, "lam": S}, "w",
         {"X": "ji", "w": "i", "y": "j", "lam": ""}, lambda X, w, y, lam: sq(X @ w - y) + lam * (w @ F.log(w))),
    Case("sum", "logsumexp(x) + norm(x - a)**2 / 2", {"x": N, "a": N}, "x", {"x": "i", "a": "i"},
         lambda x, a: F.log(F.sum(F.exp(x))) + sq(x - a) / 2),
    Case("sum", "norm(x - a)**2 - s * sum(log(x) + log(2 - x))", {"x": N, "a": N, "s": S}, "x",
         {"x": "i", "a": "i", "s": ""}, lambda x, a, s: sq(x - a) - s * F.sum(F.log(x) + F.log(2 - x))),
)
