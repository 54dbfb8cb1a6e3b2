"""An eleventh held-out set for bench/bench_tensorgrad.py (``--cases fresh11``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 38, branch fresh11), without reading the engine: none is in
tg_cases.py or tg_fresh.py .. tg_fresh10.py (nor the same function under a cyclic trace, a transpose or renamed
variables), picked as a grader would from a matrix-calculus course, the Matrix Cookbook and ML papers: linear maps (a
Frobenius pairing less a bilinear form, a scaled map by its matrix, a trace through a diagonal, a pencil applied to a
vector by its parameter), quadratic forms (a weighted residual by its map, a form in a square by the matrix, a form
times a line, x (A x), a graph Laplacian's energy by its weights), traces (a trace times the trace of a square, the
trace of a squared residual, a diagonally weighted Gram, the trace of a cubed Gram, a cubic trace with three
constants), Frobenius residuals (an elementwise-square fit, an SVD-shaped fit by its singular values, a matrix cube
root fit, a symmetric-part fit), inverses (the norm of a pencil's solve by its parameter, a shifted solve by the
matrix, a form in the inverse of a weighted congruence by its weights, the trace of a product of two shifted inverses,
a product of two inverse bilinear forms, a solve's residual by the matrix), determinants (of a Sylvester operator, a
log of a squared determinant, the log-determinant of a congruence of an inverse, a product of two log-determinants, a
shifted determinant times an exp of a trace), Gaussian pieces (a reparametrised fit by a Cholesky-like factor, the
conditional mean by the marginal covariance, a Poisson-lognormal variational bound by its variances, the matrix
normal's trace term by its mean, a one-dimensional mixture by its means), kernels (a Laplacian kernel of a projection,
the chi-square kernel, the log kernel, an ARD Laplacian kernel by its weights, a polynomial kernel's feature distance),
logs and exps (Cobb-Douglas by its exponents, a cumulant generating function by its argument, a Gamma-like shape, a log
of a ratio of lines, a Gumbel CDF by its scale), softmax (the Brier score by a map, normalised logits, an entropic
risk, the perplexity, a difference of two log-partitions), attention (linear attention, tanh scores, a positional bias
by its slope, two hops through one memory), logistic pieces (the trace of logistic regression's Hessian, its Jeffreys
prior, a normalised margin, the probabilities as a vector, a bilinear logistic loss), losses (LINEX, a beta-divergence
with beta = 3, Barron's robust loss by its scale, a cosine triplet hinge, the entropic optimal transport dual, a
symmetric logistic loss, the Fair loss), quotients (a norm over a line, a determinant over a Frobenius square, the
parallel sum of two forms, a bilinear form over a determinant, a normalised map by its matrix, a sphere inversion, a
relative squared distance), powers and roots (a cube root of a form, a variable exponent, a sum of cubes of a map, a
squared quadratic, the root of tr(X^2)), norms (an unsquared Sylvester residual, a weighted 2-norm by its weights, an
L1 plus an L2 term, an unsquared rank-one residual, an unsquared Gram residual), elementwise functions ((1 - e^-x)/x,
x^x, a Lorentzian, an elementwise exp fit, a squared sigmoid, x log(1 + x)), networks (ReGLU, a quadratic activation,
squeeze-and-excitation, the WGAN gradient penalty, a residual read-out, a VAE decoder by its log-scales, a multi-label
output on a tanh layer, an RNN step by its recurrent matrix), products and sums of these (a form times a Gaussian, a
map's squared norm times a determinant, a line times a log, a sigmoid times a log, a bilinear form times a
log-determinant, a Poisson lasso, a form plus an entropy, a matrix group-lasso proximal objective). Derivatives by
vectors, matrices and scalars; vector-valued functions.

The same structure and conventions as tg_cases.py and tg_fresh10.py (tg_cases.py's docstring says how tensorgrad's
edges are named): an inverse is contracted on its far edge (``F.inverse(X)`` with X on edges "ij" holds X^-1's rows
on j), ``X.rename(i="j", j="i")`` is a transpose, ``Delta`` is the identity on the edges it names (a ones vector on
one edge), ``u * v`` on two different edges an outer product, ``F.diag(s, [..])`` a diagonal matrix. No variable is
named after a size (n, m, p); an elementwise square of a matrix is written X * X.

The warm-up check (--runs 1) expressed 104 of 104 and all agree as written: nothing was fixed or replaced (ten are
vector-valued, their whole derivatives compared: "ok (derivative)"). None passes vacuously: the smallest gradient
entry relative to its case's largest is 5.1e-3 (norm(x - inv(A) @ b)**2 by A), apart from the graph Laplacian's
energy by W, whose gradient x_i^2 - x_i x_j is exactly zero on the diagonal (the other entries are not). At the
check's point the arguments of abs in the ARD Laplacian kernel (x - y) and of norm1 (x - a) take both signs (both
branches compared); those of abs in the Fair loss, of relu in ReGLU and squeeze-and-excitation and of the cosine
triplet hinge are positive throughout. The variable exponent (1 + dot(a, x))**c is written as such in mcdocgen's
language and as exp(c * log(1 + a x)) in tensorgrad's, which has no power with a tensor exponent.

What it showed (2026-12-06, main at 2265057 (branch fresh11 at d8a05a6, the same engine), --runs 3 --cpu, one run,
load average 9.2-12.3; all 104 agree): median 0.49, geometric mean 0.54, worst 9.9, mcdocgen faster on 81, over 1.2x
on 19, over 1.5x on 15, worse than 2x on 9. Sums of medians 1.57 s (mcdocgen) and 2.40 s (tensorgrad). Over 2x
(ratio, mcdocgen ms): the Fair loss sum(c * abs(X @ w - y) - c**2 * log(1 + abs(X @ w - y) / c)) 9.9 (275), the ARD
Laplacian kernel exp(-dot(w, abs(x - y))) by its weights 6.1 (22), the cube root of a form dot(x, A @ x)**(1/3) 5.2
(31), the variable exponent (1 + dot(a, x))**c 4.3 (12), dot(a, (1 - exp(-x)) / x) 4.0 (38), LINEX
sum(exp(c * (X @ w - y)) - c * (X @ w - y) - 1) 3.4 (41), norm1(x - a) + norm(x - b)**2 2.5 (14), the cosine triplet
hinge 2.1 (204), exp(-dot(a, x)) * (1 + dot(a, x)) 2.1 (11). Over 1.5x: log(1 + dot(a, x) / dot(b, x)) 1.94, the
polynomial kernel's feature distance 1.61, softplus(-y * dot(w, x) / norm(w)) 1.58, the chi-square kernel 1.56, the
log kernel 1.56, Barron's loss by its scale 1.56. By kind: kernel 1.56, loss 1.56, power 1.14, elementwise 0.91,
quotient 0.83, product 0.77, log-exp 0.76, linear 0.67, sum 0.65, determinant 0.63, quadratic 0.57, gaussian 0.52,
trace 0.40, norm 0.39, frobenius 0.34, network 0.32, logistic 0.28, softmax 0.27, attention 0.21, inverse 0.18.
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


def l1(t):
    return F.sum(F.abs(t))


def lse(t):
    return F.log(F.sum(F.exp(t)))


def tr3(t, a: str, b: str):
    """tr(T^3) of a matrix on edges a, b (the transpose has the same trace, so which edge holds the rows does not matter)."""
    return t.rename(**{a: "r", b: "s"}) @ t.rename(**{a: "s", b: "t"}) @ t.rename(**{a: "t", b: "r"})


def cos(u, v):
    return (u @ v) / (norm(u) * norm(v))


CASES: tuple[Case, ...] = (
    # linear
    Case("linear", "sum(X * A) - dot(a, X @ b)", {"X": MN, "A": MN, "a": M, "b": N}, "X",
         {"X": "ji", "A": "ji", "a": "j", "b": "i"}, lambda X, A, a, b: F.sum(X * A) - a @ X @ b),
    Case("linear", "a * (X @ b)", {"a": M, "X": MN, "b": N}, "X", {"a": "j", "X": "ji", "b": "i"},
         lambda a, X, b: a * (X @ b)),
    Case("linear", "tr(A @ diag(x) @ B)", {"A": MN, "x": N, "B": NM}, "x", {"A": "ji", "x": "i", "B": "ij"},
         lambda A, x, B: (A * x) @ B),
    Case("linear", "(A + t * B) @ x", {"A": MN, "t": S, "B": MN, "x": N}, "t", {"A": "ji", "t": "", "B": "ji", "x": "i"},
         lambda A, t, B, x: (A + t * B) @ x),
    # quadratic forms
    Case("quadratic", "dot(A @ x - b, C @ (A @ x - b))", {"A": MN, "x": N, "b": M, "C": MM}, "A",
         {"A": "ji", "x": "i", "b": "j", "C": "jk"},
         lambda A, x, b, C: (A @ x - b) @ C @ (A @ x - b).rename(j="k")),
    Case("quadratic", "dot(x, A @ A @ y)", {"x": N, "A": NN, "y": N}, "A", {"x": "i", "A": "ij", "y": "i"},
         lambda x, A, y: x @ A @ A.rename(i="j", j="k") @ y.rename(i="k")),
    Case("quadratic", "dot(x, A @ x) * dot(a, x)", {"x": N, "A": NN, "a": N}, "x", {"x": "i", "A": "ij", "a": "i"},
         lambda x, A, a: (x @ A @ x.rename(i="j")) * (a @ x)),
    Case("quadratic", "diag(x) @ A @ x", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: x * (A @ x.rename(i="j"))),
    Case("quadratic", "dot(x, (diag(W @ ones(n)) - W) @ x)", {"x": N, "W": NN}, "W", {"x": "i", "W": "ij"},
         lambda x, W: x @ (F.diag(W @ eye("n", "j"), ["i", "j"]) - W) @ x.rename(i="j")),
    # traces
    Case("trace", "tr(A @ X) * tr(X @ X)", {"A": NN, "X": NN}, "X", {"A": "ji", "X": "ij"},
         lambda A, X: (A @ X) * (X @ X.rename(i="j", j="i"))),
    Case("trace", "tr((A @ X - B) @ (A @ X - B))", {"A": NN, "X": NN, "B": NN}, "X", {"A": "ik", "X": "kj", "B": "ij"},
         lambda A, X, B: (A @ X - B) @ (A @ X - B).rename(i="j", j="i")),
    Case("trace", "tr(X @ diag(d) @ X.T)", {"X": MN, "d": N}, "X", {"X": "ji", "d": "i"},
         lambda X, d: F.sum((X * X) @ d)),
    Case("trace", "tr(X @ X.T @ X @ X.T @ X @ X.T)", {"X": MN}, "X", {"X": "ji"},
         lambda X: tr3(X @ X.rename(j="k"), "j", "k")),
    Case("trace", "tr(A @ X @ B @ X @ C @ X)", {"A": NN, "X": NN, "B": NN, "C": NN}, "X",
         {"A": "ij", "X": "ij", "B": "ij", "C": "ij"},
         lambda A, X, B, C: A.rename(i="a", j="b") @ X.rename(i="b", j="c") @ B.rename(i="c", j="d")
         @ X.rename(i="d", j="e") @ C.rename(i="e", j="f") @ X.rename(i="f", j="a")),
    # Frobenius residuals
    Case("frobenius", "norm(X * X - A)**2", {"X": MN, "A": MN}, "X", {"X": "ji", "A": "ji"}, lambda X, A: sq(X * X - A)),
    Case("frobenius", "norm(U @ diag(s) @ V.T - Y)**2", {"U": MP, "s": P, "V": NP, "Y": MN}, "s",
         {"U": "jk", "s": "k", "V": "ik", "Y": "ji"}, lambda U, s, V, Y: sq((U * s) @ V - Y)),
    Case("frobenius", "norm(X @ X @ X - A)**2", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: sq((X @ X.rename(i="j", j="k") @ X.rename(i="k", j="l")).rename(l="j") - A)),
    Case("frobenius", "norm(X + X.T - A)**2", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: sq(X + X.rename(i="j", j="i") - A)),
    # inverses
    Case("inverse", "norm(inv(A + t * B) @ c)**2", {"A": NN, "t": S, "B": NN, "c": N}, "t",
         {"A": "ij", "t": "", "B": "ij", "c": "i"}, lambda A, t, B, c: sq(F.inverse(A + t * B) @ c)),
    Case("inverse", "dot(a, inv(X + A) @ b)", {"a": N, "X": NN, "A": NN, "b": N}, "X",
         {"a": "i", "X": "ij", "A": "ij", "b": "i"}, lambda a, X, A, b: a.rename(i="j") @ F.inverse(X + A) @ b),
    Case("inverse", "dot(x, inv(A @ diag(d) @ A.T) @ x)", {"x": N, "A": NM, "d": M}, "d", {"x": "i", "A": "ij", "d": "j"},
         lambda x, A, d: x.rename(i="k") @ F.inverse((A * d) @ A.rename(i="k")) @ x),
    Case("inverse", "tr(inv(A + X) @ inv(B + X))", {"A": NN, "X": NN, "B": NN}, "X", {"A": "ij", "X": "ij", "B": "ij"},
         lambda A, X, B: F.inverse(A + X) @ F.inverse(B + X).rename(i="j", j="i")),
    Case("inverse", "dot(u, inv(X) @ v) * dot(v, inv(X) @ u)", {"u": N, "X": NN, "v": N}, "X",
         {"u": "i", "X": "ij", "v": "i"},
         lambda u, X, v: (u.rename(i="j") @ F.inverse(X) @ v) * (v.rename(i="j") @ F.inverse(X) @ u), {"X": INV}),
    Case("inverse", "norm(x - inv(A) @ b)**2", {"x": N, "A": NN, "b": N}, "A", {"x": "j", "A": "ij", "b": "i"},
         lambda x, A, b: sq(x - F.inverse(A) @ b), {"A": INV}),
    # determinants and log-determinants
    Case("determinant", "det(A @ X - X @ B)", {"A": NN, "X": NN, "B": NN}, "X", {"A": "ki", "X": "ij", "B": "jl"},
         lambda A, X, B: F.det(A @ X - (X @ B).rename(i="k", l="j"))),
    Case("determinant", "log(det(X)**2 + 1)", {"X": NN}, "X", {"X": "ij"}, lambda X: F.log(F.det(X) ** 2 + 1)),
    Case("determinant", "logdet(A @ inv(X) @ A.T)", {"A": NN, "X": NN}, "X", {"A": "kj", "X": "ij"},
         lambda A, X: logdet(A @ F.inverse(X) @ A.rename(k="l", j="i")), {"X": INV}),
    Case("determinant", "logdet(X) * logdet(A + X)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: logdet(X) * logdet(A + X), {"X": INV}),
    Case("determinant", "det(A + X) * exp(-tr(B @ X))", {"A": NN, "X": NN, "B": NN}, "X", {"A": "ij", "X": "ij", "B": "ji"},
         lambda A, X, B: F.det(A + X) * F.exp(-(B @ X))),
    # Gaussian pieces
    Case("gaussian", "norm(y - W @ (u + L @ z))**2", {"y": M, "W": MN, "u": N, "L": NP, "z": P}, "L",
         {"y": "j", "W": "ji", "u": "i", "L": "ik", "z": "k"}, lambda y, W, u, L, z: sq(y - W @ (u + L @ z))),
    Case("gaussian", "u + B @ inv(C) @ (y - v)", {"u": N, "B": NM, "C": MM, "y": M, "v": M}, "C",
         {"u": "i", "B": "ij", "C": "jk", "y": "j", "v": "j"},
         lambda u, B, C, y, v: u + B.rename(j="k") @ (F.inverse(C) @ (y - v)), {"C": INV}),
    Case("gaussian", "dot(y, W @ u) - sum(exp(W @ u + (W * W) @ s / 2))", {"y": M, "W": MN, "u": N, "s": N}, "s",
         {"y": "j", "W": "ji", "u": "i", "s": "i"},
         lambda y, W, u, s: y @ (W @ u) - F.sum(F.exp(W @ u + (W * W) @ s / 2))),
    Case("gaussian", "tr(inv(V) @ (X - Q).T @ inv(U) @ (X - Q))", {"V": NN, "X": MN, "Q": MN, "U": MM}, "Q",
         {"V": "il", "X": "ji", "Q": "ji", "U": "jk"},
         lambda V, X, Q, U: F.inverse(V) @ (X - Q).rename(j="k") @ F.inverse(U) @ (X - Q).rename(i="l"),
         {"V": INV, "U": INV}),
    Case("gaussian", "log(dot(w, exp(-(x - u)**2 / (2 * s)))) - log(s) / 2", {"w": N, "x": S, "u": N, "s": S}, "u",
         {"w": "i", "x": "", "u": "i", "s": ""},
         lambda w, x, u, s: F.log(w @ F.exp(-F.pow(x - u, 2) / (2 * s))) - F.log(s) / 2),
    # kernels
    Case("kernel", "exp(-norm(A @ (x - y)))", {"A": MN, "x": N, "y": N}, "A", {"A": "ji", "x": "i", "y": "i"},
         lambda A, x, y: F.exp(-norm(A @ (x - y)))),
    Case("kernel", "sum(2 * x * y / (x + y))", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: F.sum(2 * x * y / (x + y))),
    Case("kernel", "-log(1 + norm(x - y))", {"x": N, "y": N}, "x", {"x": "i", "y": "i"}, lambda x, y: -F.log(1 + norm(x - y))),
    Case("kernel", "exp(-dot(w, abs(x - y)))", {"w": N, "x": N, "y": N}, "w", {"w": "i", "x": "i", "y": "i"},
         lambda w, x, y: F.exp(-(w @ F.abs(x - y)))),
    Case("kernel", "(dot(x, x) + c)**2 - 2 * (dot(x, y) + c)**2 + (dot(y, y) + c)**2", {"x": N, "c": S, "y": N}, "x",
         {"x": "i", "c": "", "y": "i"}, lambda x, c, y: (x @ x + c) ** 2 - 2 * (x @ y + c) ** 2 + (y @ y + c) ** 2),
    # logs and exps
    Case("log-exp", "exp(dot(a, log(x)))", {"a": N, "x": N}, "a", {"a": "i", "x": "i"}, lambda a, x: F.exp(a @ F.log(x))),
    Case("log-exp", "log(dot(q, exp(t * r)))", {"q": N, "t": S, "r": N}, "t", {"q": "i", "t": "", "r": "i"},
         lambda q, t, r: F.log(q @ F.exp(t * r))),
    Case("log-exp", "exp(-dot(a, x)) * (1 + dot(a, x))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: F.exp(-(a @ x)) * (1 + a @ x)),
    Case("log-exp", "log(1 + dot(a, x) / dot(b, x))", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: F.log(1 + (a @ x) / (b @ x))),
    Case("log-exp", "exp(-sum(exp(-(x - u) / b)))", {"x": N, "u": N, "b": S}, "b", {"x": "i", "u": "i", "b": ""},
         lambda x, u, b: F.exp(-F.sum(F.exp(-(x - u) / b)))),
    # softmax
    Case("softmax", "norm(softmax(W @ x) - y)**2", {"W": MN, "x": N, "y": M}, "W", {"W": "ji", "x": "i", "y": "j"},
         lambda W, x, y: sq(F.softmax(W @ x, dim="j") - y)),
    Case("softmax", "softmax(x / norm(x))", {"x": N}, "x", {"x": "i"}, lambda x: F.softmax(x / norm(x), dim="i")),
    Case("softmax", "log(dot(softmax(x), exp(r)))", {"x": N, "r": N}, "x", {"x": "i", "r": "i"},
         lambda x, r: F.log(F.softmax(x, dim="i") @ F.exp(r))),
    Case("softmax", "exp(-dot(y, log(softmax(x))))", {"y": N, "x": N}, "x", {"y": "i", "x": "i"},
         lambda y, x: F.exp(-(y @ F.log(F.softmax(x, dim="i"))))),
    Case("softmax", "logsumexp(A @ x) - logsumexp(B @ x)", {"A": MN, "x": N, "B": PN}, "x", {"A": "ji", "x": "i", "B": "ki"},
         lambda A, x, B: lse(A @ x) - lse(B @ x)),
    # attention
    Case("attention", "V.T @ (K @ q) / sum(K @ q)", {"V": MP, "K": MN, "q": N}, "q", {"V": "jk", "K": "ji", "q": "i"},
         lambda V, K, q: V @ (K @ q) / F.sum(K @ q)),
    Case("attention", "dot(y, V.T @ softmax(tanh(K @ q)))", {"y": P, "V": MP, "K": MN, "q": N}, "q",
         {"y": "k", "V": "jk", "K": "ji", "q": "i"}, lambda y, V, K, q: y @ V @ F.softmax(F.tanh(K @ q), dim="j")),
    Case("attention", "dot(u, V.T @ softmax(K @ q + c * b))", {"u": P, "V": MP, "K": MN, "q": N, "c": S, "b": M}, "c",
         {"u": "k", "V": "jk", "K": "ji", "q": "i", "c": "", "b": "j"},
         lambda u, V, K, q, c, b: u @ V @ F.softmax(K @ q + c * b, dim="j")),
    Case("attention", "dot(v, softmax(K @ (V.T @ softmax(K @ q))))", {"v": M, "K": MN, "V": MN, "q": N}, "q",
         {"v": "j", "K": "ji", "V": "ji", "q": "i"},
         lambda v, K, V, q: v @ F.softmax(K @ (V @ F.softmax(K @ q, dim="j")), dim="j")),
    # logistic pieces
    Case("logistic", "sum(sigmoid(X @ w) * (1 - sigmoid(X @ w)) * ((X * X) @ ones(n)))", {"X": MN, "w": N}, "w",
         {"X": "ji", "w": "i"},
         lambda X, w: F.sum(F.sigmoid(X @ w) * (1 - F.sigmoid(X @ w)) * ((X * X) @ eye("n", "i")))),
    Case("logistic", "logdet(X.T @ diag(sigmoid(X @ w) * (1 - sigmoid(X @ w))) @ X)", {"X": MN, "w": N}, "w",
         {"X": "ji", "w": "i"},
         lambda X, w: logdet((X * (F.sigmoid(X @ w) * (1 - F.sigmoid(X @ w)))) @ X.rename(i="k"))),
    Case("logistic", "softplus(-y * dot(w, x) / norm(w))", {"y": S, "w": N, "x": N}, "w", {"y": "", "w": "i", "x": "i"},
         lambda y, w, x: softplus(-(y * (w @ x)) / norm(w))),
    Case("logistic", "sigmoid(X @ w)", {"X": MN, "w": N}, "w", {"X": "ji", "w": "i"}, lambda X, w: F.sigmoid(X @ w)),
    Case("logistic", "softplus(-y * dot(x, W @ z))", {"y": S, "x": N, "W": NM, "z": M}, "W",
         {"y": "", "x": "i", "W": "ij", "z": "j"}, lambda y, x, W, z: softplus(-(y * (x @ W @ z)))),
    # losses
    Case("loss", "sum(exp(c * (X @ w - y)) - c * (X @ w - y) - 1)", {"c": S, "X": MN, "w": N, "y": M}, "w",
         {"c": "", "X": "ji", "w": "i", "y": "j"},
         lambda c, X, w, y: F.sum(F.exp(c * (X @ w - y)) - c * (X @ w - y) - 1)),
    Case("loss", "sum(y**3 + 2 * (W @ h)**3 - 3 * y * (W @ h)**2) / 6", {"y": M, "W": MN, "h": N}, "h",
         {"y": "j", "W": "ji", "h": "i"},
         lambda y, W, h: F.sum(F.pow(y, 3) + 2 * F.pow(W @ h, 3) - 3 * y * F.pow(W @ h, 2)) / 6),
    Case("loss", "sum(((X @ w - y)**2 / c + 1)**(1/4) - 1)", {"X": MN, "w": N, "y": M, "c": S}, "c",
         {"X": "ji", "w": "i", "y": "j", "c": ""},
         lambda X, w, y, c: F.sum(F.pow(F.pow(X @ w - y, 2) / c + 1, Fraction(1, 4)) - 1)),
    Case("loss", "relu(c + dot(a, v) / (norm(a) * norm(v)) - dot(a, u) / (norm(a) * norm(u)))",
         {"c": S, "a": N, "v": N, "u": N}, "a", {"c": "", "a": "i", "v": "i", "u": "i"},
         lambda c, a, v, u: F.relu(c + cos(a, v) - cos(a, u))),
    Case("loss", "dot(a, f) + dot(b, g) - e * sum(exp((outer(f, ones(m)) + outer(ones(n), g) - C) / e))",
         {"a": N, "f": N, "b": M, "g": M, "e": S, "C": NM}, "f",
         {"a": "i", "f": "i", "b": "j", "g": "j", "e": "", "C": "ij"},
         lambda a, f, b, g, e, C: a @ f + b @ g - e * F.sum(F.exp((f * eye("m", "j") + g * eye("n", "i") - C) / e))),
    Case("loss", "sum(softplus(X @ w - y) + softplus(y - X @ w))", {"X": MN, "w": N, "y": M}, "w",
         {"X": "ji", "w": "i", "y": "j"}, lambda X, w, y: F.sum(softplus(X @ w - y) + softplus(y - X @ w))),
    Case("loss", "sum(c * abs(X @ w - y) - c**2 * log(1 + abs(X @ w - y) / c))", {"c": S, "X": MN, "w": N, "y": M}, "w",
         {"c": "", "X": "ji", "w": "i", "y": "j"},
         lambda c, X, w, y: F.sum(c * F.abs(X @ w - y) - c ** 2 * F.log(1 + F.abs(X @ w - y) / c))),
    # quotients
    Case("quotient", "norm(x) / dot(a, x)", {"x": N, "a": N}, "x", {"x": "i", "a": "i"}, lambda x, a: norm(x) / (a @ x)),
    Case("quotient", "det(X) / norm(X)**2", {"X": NN}, "X", {"X": "ij"}, lambda X: F.det(X) / sq(X)),
    Case("quotient", "dot(x, A @ x) * dot(x, B @ x) / (dot(x, A @ x) + dot(x, B @ x))", {"x": N, "A": NN, "B": NN}, "x",
         {"x": "i", "A": "ij", "B": "ij"},
         lambda x, A, B: (x @ A @ x.rename(i="j")) * (x @ B @ x.rename(i="j"))
         / (x @ A @ x.rename(i="j") + x @ B @ x.rename(i="j"))),
    Case("quotient", "dot(a, X @ b) / det(X)", {"a": N, "X": NN, "b": N}, "X", {"a": "i", "X": "ij", "b": "j"},
         lambda a, X, b: (a @ X @ b) / F.det(X)),
    Case("quotient", "X @ a / dot(b, X @ a)", {"X": MN, "a": N, "b": M}, "X", {"X": "ji", "a": "i", "b": "j"},
         lambda X, a, b: (X @ a) / (b @ X @ a)),
    Case("quotient", "(x - a) / dot(x - a, x - a)", {"x": N, "a": N}, "x", {"x": "i", "a": "i"},
         lambda x, a: (x - a) / ((x - a) @ (x - a))),
    Case("quotient", "norm(x - y)**2 / (norm(x)**2 + norm(y)**2)", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: sq(x - y) / (sq(x) + sq(y))),
    # powers and roots
    Case("power", "dot(x, A @ x)**(1/3)", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: F.pow(x @ A @ x.rename(i="j"), Fraction(1, 3))),
    Case("power", "(1 + dot(a, x))**c", {"a": N, "x": N, "c": S}, "c", {"a": "i", "x": "i", "c": ""},
         lambda a, x, c: F.exp(c * F.log(1 + a @ x))),
    Case("power", "sum((A @ x)**3)", {"A": MN, "x": N}, "A", {"A": "ji", "x": "i"}, lambda A, x: F.sum(F.pow(A @ x, 3))),
    Case("power", "(norm(x)**2 - dot(a, x))**2", {"x": N, "a": N}, "x", {"x": "i", "a": "i"},
         lambda x, a: (sq(x) - a @ x) ** 2),
    Case("power", "sqrt(tr(X @ X))", {"X": NN}, "X", {"X": "ij"}, lambda X: F.sqrt(X @ X.rename(i="j", j="i"))),
    # norms
    Case("norm", "norm(A @ X - X @ B)", {"A": MM, "X": MN, "B": NN}, "X", {"A": "kj", "X": "ji", "B": "il"},
         lambda A, X, B: norm(A @ X - (X @ B).rename(j="k", l="i"))),
    Case("norm", "sqrt(dot(w, x**2))", {"w": N, "x": N}, "w", {"w": "i", "x": "i"}, lambda w, x: F.sqrt(w @ F.pow(x, 2))),
    Case("norm", "norm1(x - a) + norm(x - b)**2", {"x": N, "a": N, "b": N}, "x", {"x": "i", "a": "i", "b": "i"},
         lambda x, a, b: l1(x - a) + sq(x - b)),
    Case("norm", "norm(outer(x, y) - A)", {"x": N, "y": M, "A": NM}, "x", {"x": "i", "y": "j", "A": "ij"},
         lambda x, y, A: norm(x * y - A)),
    Case("norm", "norm(X @ X.T - A)", {"X": MN, "A": MM}, "X", {"X": "ji", "A": "jk"},
         lambda X, A: norm(X @ X.rename(j="k") - A)),
    # elementwise functions
    Case("elementwise", "dot(a, (1 - exp(-x)) / x)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ ((1 - F.exp(-x)) / x)),
    Case("elementwise", "dot(a, exp(x * log(x)))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ F.exp(x * F.log(x))),
    Case("elementwise", "dot(a, 1 / (1 + x**2))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ F.pow(1 + F.pow(x, 2), -1)),
    Case("elementwise", "norm(exp(X) - A)**2", {"X": MN, "A": MN}, "X", {"X": "ji", "A": "ji"},
         lambda X, A: sq(F.exp(X) - A)),
    Case("elementwise", "dot(a, sigmoid(x)**2)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ F.pow(F.sigmoid(x), 2)),
    Case("elementwise", "dot(a, x * log(1 + x))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (x * F.log(1 + x))),
    # networks
    Case("network", "dot(v, relu(W @ x) * (U @ x))", {"v": M, "W": MN, "x": N, "U": MN}, "W",
         {"v": "j", "W": "ji", "x": "i", "U": "ji"}, lambda v, W, x, U: v @ (F.relu(W @ x) * (U @ x))),
    Case("network", "dot(v, (W @ x)**2)", {"v": M, "W": MN, "x": N}, "W", {"v": "j", "W": "ji", "x": "i"},
         lambda v, W, x: v @ F.pow(W @ x, 2)),
    Case("network", "sigmoid(U @ relu(W @ x)) * x", {"U": NM, "W": MN, "x": N}, "W", {"U": "ij", "W": "ji", "x": "i"},
         lambda U, W, x: F.sigmoid(U @ F.relu(W @ x)) * x),
    Case("network", "(norm(W.T @ (v * (1 - tanh(W @ x)**2))) - 1)**2", {"W": MN, "v": M, "x": N}, "W",
         {"W": "ji", "v": "j", "x": "i"}, lambda W, v, x: (norm(W @ (v * (1 - F.pow(F.tanh(W @ x), 2)))) - 1) ** 2),
    Case("network", "norm(V @ tanh(W @ x) + U @ x - y)**2", {"V": PM, "W": MN, "x": N, "U": PN, "y": P}, "W",
         {"V": "kj", "W": "ji", "x": "i", "U": "ki", "y": "k"},
         lambda V, W, x, U, y: sq(V @ F.tanh(W @ x) + U @ x - y)),
    Case("network", "norm(x - V @ tanh(W @ (u + exp(s) * e)))**2",
         {"x": N, "V": NM, "W": MP, "u": P, "s": P, "e": P}, "s",
         {"x": "i", "V": "ij", "W": "jk", "u": "k", "s": "k", "e": "k"},
         lambda x, V, W, u, s, e: sq(x - V @ F.tanh(W @ (u + F.exp(s) * e)))),
    Case("network", "sum(softplus(V @ tanh(W @ x))) - dot(y, V @ tanh(W @ x))", {"V": PM, "W": MN, "x": N, "y": P}, "W",
         {"V": "kj", "W": "ji", "x": "i", "y": "k"},
         lambda V, W, x, y: F.sum(softplus(V @ F.tanh(W @ x))) - y @ (V @ F.tanh(W @ x))),
    Case("network", "dot(v, tanh(W @ x + U @ h))", {"v": M, "W": MN, "x": N, "U": MP, "h": P}, "U",
         {"v": "j", "W": "ji", "x": "i", "U": "jk", "h": "k"}, lambda v, W, x, U, h: v @ F.tanh(W @ x + U @ h)),
    # products and sums of these
    Case("product", "dot(x, A @ x) * exp(-norm(x)**2)", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: (x @ A @ x.rename(i="j")) * F.exp(-sq(x))),
    Case("product", "norm(X @ a)**2 * det(X)", {"X": NN, "a": N}, "X", {"X": "ij", "a": "j"},
         lambda X, a: sq(X @ a) * F.det(X)),
    Case("product", "dot(a, x) * log(1 + norm(x)**2)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: (a @ x) * F.log(1 + sq(x))),
    Case("product", "sigmoid(dot(a, x)) * log(dot(b, x))", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: F.sigmoid(a @ x) * F.log(b @ x)),
    Case("product", "dot(u, X @ v) * logdet(X)", {"u": N, "X": NN, "v": N}, "X", {"u": "i", "X": "ij", "v": "j"},
         lambda u, X, v: (u @ X @ v) * logdet(X), {"X": INV}),
    Case("sum", "sum(exp(X @ w) - y * (X @ w)) + lam * norm1(w)", {"X": MN, "w": N, "y": M, "lam": S}, "w",
         {"X": "ji", "w": "i", "y": "j", "lam": ""},
         lambda X, w, y, lam: F.sum(F.exp(X @ w) - y * (X @ w)) + lam * l1(w)),
    Case("sum", "dot(x, A @ x) + dot(b, x) + lam * sum(x * log(x))", {"x": N, "A": NN, "b": N, "lam": S}, "x",
         {"x": "i", "A": "ij", "b": "i", "lam": ""},
         lambda x, A, b, lam: x @ A @ x.rename(i="j") + b @ x + lam * F.sum(x * F.log(x))),
    Case("sum", "norm(X - A)**2 + lam * sum(sqrt((X * X) @ ones(n)))", {"X": MN, "A": MN, "lam": S}, "X",
         {"X": "ji", "A": "ji", "lam": ""},
         lambda X, A, lam: sq(X - A) + lam * F.sum(F.sqrt((X * X) @ eye("n", "i")))),
)
