"""A fifteenth held-out set for bench/bench_tensorgrad.py (``--cases fresh15``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 42, branch fresh15), without reading the engine or the checks:
none is in tg_cases.py or tg_fresh.py .. tg_fresh14.py (nor the same function under a cyclic trace, a transpose or
renamed variables): checked by a script that renames every variable in order of appearance and compares the texts, and
that compares values at two random points with every earlier case (and every earlier case of this set) of the same
shapes under every shape-keeping renaming, square matrices also transposed, as equal, proportional or off by a constant
(the same ratio or offset at both points; vector and matrix values also as sorted entries). The first draft had 59 such
repeats (53 by value, among them tr(A X) tr(B X), the generalised Rayleigh quotient, x / sum(x), (x^T y + c)^3, log
cosh, the capsule squash, a diagonal Gaussian KL that was fresh8's less n/2, a GELU that was fresh6's over 2, softplus
(c x) / c that was fresh7's with the 1 / c outside; six more by text, the same expression by another variable or with
other shapes, such as norm(A @ X - B) beside tuned's norm(A @ x - b)), the second 24 more (among them tr(inv(X) A)
tr(X B), the Gaussian conditional mean a + B C^-1 (x - b), the Sharpe ratio, word2vec's negative sampling, a
highway layer by its gate, and dot(v, relu(W @ x) * relu(U @ x)), equal to fresh11's dot(v, relu(W @ x) * (U @ x)) at
every point drawn, where U x is positive), the third none; each was replaced before the commit. One tensorgrad side
written wrong (tr(X B X^T A) with A's edges swapped) was corrected before any check ran. Before the commit each case's
two sides were also compared by value alone (mcdocgen's evaluator against tg_numpy at the warm-up check's point, no
derivative, nothing timed): all 100 agree.

Picked as a grader would from a matrix-calculus course, the Matrix Cookbook and ML papers, 20 kinds of 5: linear maps
(sum(X b) + tr(A X), diag(X) * a as a vector by X, tr(A X^T B), X a + X^T b as a vector by X, the double cross product
(a^T x) b - (b^T x) a as a vector), quadratic forms (an asymmetric form (x - a)^T A (x - b), a ridge form by the map, a
cubic (A x)^T (B x) a^T x, a quartic double well x^T A x / 2 + |x|^4 / 4, a product of two shifted forms), traces
(tr(X^T A X B) / 2 - tr(C X), tr(D X D X^T) by the diagonal, the hat trace tr(X (A + X^T X)^-1 X^T), tr(X B X^T A) less
a log-volume, tr(X^2) / tr(X)^2), Frobenius residuals (a Lyapunov residual, X X^T - A, a scaled factorisation by the
scales, X X^T X - A, a two-sided diagonal scaling by the row scales), inverses (b^T (I + u u^T)^-1 b by u, tr(A (X^T
X)^-1), a^T (A + diag(d))^-1 a by d, a quadratic resolvent a^T (A + t B + t^2 C)^-1 b by t, weighted least squares
(X^T W X)^-1 X^T W y as a vector by the weights), determinants (logdet(I + e^t A), det(I + t A + t^2 B), logdet(diag(d)
+ u u^T) by d, logdet(X X^T + e^t A), det(X^-1 + A)), Gaussian pieces (an NLL by a Cholesky-like factor L of the
covariance, a GP marginal likelihood by the noise, a log-determinant capacity by the variances, a multivariate t's
NLL by the scale matrix, a scalar-measurement Kalman gain P h / (h^T P h + r) as a vector), kernels (an inverse
multiquadric feature vector, an MMD witness function, a polynomial kernel by its degree, Matern 3/2 by its scale, an
ARD RBF by the length scales), logs and exps (an exponential NLL by the log-rates, log x - log(a^T x) as a vector, a
log-sum-exp with an extra class, the Poisson deviance, a Gompertz survival function by its rate), softmax (a tempered
distillation loss by the student's logits, softmax(log(x) / t) as a vector, the outer product of a softmax with
itself as a matrix by a vector, softmax(x) * (x - softmax(x)^T x) as a vector, softmax(x + log w) as a vector by w),
attention (a read-out through a query map, linear attention with relu features as a vector, distance-based attention,
two heads as a vector, attention by a normalised query), logistic pieces (a logistic NLL by its offset, Platt scaling
by its slope, a metric-learning softplus by the metric, the expected 0-1 error, elementwise logistic losses as a
vector by X), losses (an epsilon-insensitive squared hinge, Cauchy by its scale, a soft Dice loss, Tukey's biweight,
Barron's general robust loss by its shape), quotients (a^T x / (1 + |x|), a normalised difference index, a projective
map A x / b^T x as a vector, a / b + b / a of two linear forms, a ratio of two sums of X's rows), powers (a skewness,
sum(x^c) by c, the fourth central moment, a cube root, an Lp norm of x - a by p), norms (a relative residual by X,
log |X X^T - A|, |e^x - y|, |X a| / |X b|, an unsquared residual plus a Frobenius penalty), elementwise functions (a
pseudo-Huber sum, (1 - e^{-c x}) / c by c, sum(x^b e^{-c x}) by b, e^{-1/x}, log(1 + x) / x), networks (a gated
recurrent-style cell by its gate, a mixture density network by the means' map, a softplus-over-relu MLP, a relu
classifier's probabilities as a vector by the first layer, the ISRU activation), products (|x|^2 LSE(A x), tr(A X)
|X|, sum(X a) LSE(X b), a^T x e^{-|x - b|^2}, logdet(X) tr(A X^-1)), and roots (sqrt(|x - a|^2 + |x - b|^2),
sum(sqrt(1 + (A x)^2)), sum(sqrt(X w + c)), the Bhattacharyya distance of a softmax, sqrt(sum(exp(A x)))).
Derivatives by vectors, matrices and scalars; sixteen vector- or matrix-valued functions (vectors by vectors
and by matrices, one matrix by a vector), their whole derivatives compared.

The same structure and conventions as tg_cases.py and tg_fresh14.py (tg_cases.py's docstring says how tensorgrad's edges
are named): an inverse is contracted on its far edge (``F.inverse(X)`` with X on edges "ij" holds X^-1's rows on j),
``X.rename(i="j", j="i")`` is a transpose, ``Delta`` is the identity on the edges it names (a ones vector on one edge;
``X * eye("n", "i", "j")`` X's diagonal part), ``u * v`` on two different edges an outer product. No variable is named
after a size (n, m, p). A variable exponent (sum(x**c), (x^T y / c + 1)**d, Barron's, the Lp norm) is written as such
in mcdocgen's language and through exp and log in tensorgrad's, which has no power with a tensor exponent; cosh,
arcsinh and sin do not occur.

The warm-up check (--runs 1 --cpu, after this set was committed at a88338f, the engine of main's 0b796b9) compared all
100 and all agree as written: nothing was fixed or replaced after it (84 "ok", the sixteen vector- or matrix-valued
"ok (derivative)", none with a zero gradient or derivative). Smallest, compared relative to their scale (mcdocgen's
derivative at the check's point): attention by a normalised query (largest entry 3.4e-3) and the read-out through a
query map by W (3.7e-3). At the check's point abs's and relu's arguments in the epsilon-insensitive loss are positive
(one branch compared), abs's in the Lp norm has both signs, and every relu of the networks and of linear attention has
a positive argument (every entry drawn in [0.5, 1.5]). The timings of that run are kept out of this file and were not
read while writing it (the set being held out from the session's lead).
"""

from __future__ import annotations

from fractions import Fraction

import tensorgrad.functions as F

from tg_cases import Case, centred, eye, inv_quad, logdet, lse, norm, quad, softplus, sq, sqdist


N, NN, MN, M, P, S = ("n",), ("n", "n"), ("m", "n"), ("m",), ("p",), ()
MM, PM, NM, MP, NP, PN = ("m", "m"), ("p", "m"), ("n", "m"), ("m", "p"), ("n", "p"), ("p", "n")
INV = ("invertible",)


def log_cosh(t):
    return F.log((F.exp(t) + F.exp(-t)) / 2)


CASES: tuple[Case, ...] = (
    # linear
    Case("linear", "sum(X @ b) + tr(A @ X)", {"X": MN, "b": N, "A": NM}, "X", {"X": "ji", "b": "i", "A": "ij"},
         lambda X, b, A: F.sum(X @ b) + A @ X),
    Case("linear", "diag(X) * a", {"X": NN, "a": N}, "X", {"X": "ij", "a": "i"},
         lambda X, a: ((X * eye("n", "i", "j")) @ eye("n", "j")) * a),
    Case("linear", "tr(A @ X.T @ B)", {"A": PN, "X": MN, "B": MP}, "X", {"A": "ki", "X": "ji", "B": "jk"},
         lambda A, X, B: A @ X @ B),
    Case("linear", "X @ a + X.T @ b", {"X": NN, "a": N, "b": N}, "X", {"X": "ij", "a": "j", "b": "i"},
         lambda X, a, b: X @ a + (X @ b).rename(j="i")),
    Case("linear", "dot(a, x) * b - dot(b, x) * a", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: (a @ x) * b - (b @ x) * a),
    # quadratic forms
    Case("quadratic", "dot(x - a, A @ (x - b))", {"x": N, "a": N, "A": NN, "b": N}, "x",
         {"x": "i", "a": "i", "A": "ij", "b": "i"}, lambda x, a, A, b: (x - a) @ A @ (x - b).rename(i="j")),
    Case("quadratic", "dot(x, A.T @ A @ x) + lam * dot(x, x)", {"x": N, "A": MN, "lam": S}, "A",
         {"x": "i", "A": "ji", "lam": ""}, lambda x, A, lam: sq(A @ x) + lam * (x @ x)),
    Case("quadratic", "dot(A @ x, B @ x) * dot(a, x)", {"A": MN, "x": N, "B": MN, "a": N}, "x",
         {"A": "ji", "x": "i", "B": "ji", "a": "i"}, lambda A, x, B, a: ((A @ x) @ (B @ x)) * (a @ x)),
    Case("quadratic", "dot(x, A @ x) / 2 + dot(x, x)**2 / 4", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: quad(x, A) / 2 + F.pow(x @ x, 2) / 4),
    Case("quadratic", "dot(x - a, A @ (x - a)) * dot(x - b, B @ (x - b))", {"x": N, "a": N, "A": NN, "b": N, "B": NN}, "x",
         {"x": "i", "a": "i", "A": "ij", "b": "i", "B": "ij"}, lambda x, a, A, b, B: quad(x - a, A) * quad(x - b, B)),
    # traces
    Case("trace", "tr(X.T @ A @ X @ B) / 2 - tr(C @ X)", {"X": MN, "A": MM, "B": NN, "C": NM}, "X",
         {"X": "ji", "A": "jk", "B": "ij", "C": "ij"},
         lambda X, A, B, C: X.rename(j="a", i="b") @ A.rename(j="a", k="c") @ X.rename(j="c", i="d")
         @ B.rename(i="d", j="b") / 2 - C @ X),
    Case("trace", "tr(diag(d) @ X @ diag(d) @ X.T)", {"d": N, "X": NN}, "d", {"d": "i", "X": "ij"},
         lambda d, X: (d * X * d.rename(i="j")) @ X),
    Case("trace", "tr(X @ inv(A + X.T @ X) @ X.T)", {"X": MN, "A": NN}, "X", {"X": "ji", "A": "ab"},
         lambda X, A: X.rename(i="b") @ F.inverse(A + X.rename(i="a") @ X.rename(i="b")) @ X.rename(i="a")),
    Case("trace", "tr(X @ B @ X.T @ A) - logdet(X.T @ X)", {"X": MN, "B": NN, "A": MM}, "X",
         {"X": "ji", "B": "ik", "A": "lj"},
         lambda X, B, A: X @ B @ X.rename(j="l", i="k") @ A - logdet(X.rename(i="a") @ X.rename(i="b"))),
    Case("trace", "tr(X @ X) / tr(X)**2", {"X": NN}, "X", {"X": "ij"},
         lambda X: (X @ X.rename(i="j", j="i")) / F.pow(X @ eye("n", "i", "j"), 2)),
    # Frobenius residuals
    Case("frobenius", "norm(A @ X + X @ A.T - C)**2", {"A": NN, "X": NN, "C": NN}, "X", {"A": "ij", "X": "ij", "C": "ij"},
         lambda A, X, C: sq(A.rename(j="k") @ X.rename(i="k") + X.rename(j="k") @ A.rename(i="j", j="k") - C)),
    Case("frobenius", "norm(X @ X.T - A)**2", {"X": MN, "A": MM}, "X", {"X": "ji", "A": "jl"},
         lambda X, A: sq(X @ X.rename(j="l") - A)),
    Case("frobenius", "norm(X @ diag(s) @ X.T - A)**2", {"X": MN, "s": N, "A": MM}, "s", {"X": "ji", "s": "i", "A": "jl"},
         lambda X, s, A: sq((X * s) @ X.rename(j="l") - A)),
    Case("frobenius", "norm(X @ X.T @ X - A)**2", {"X": MN, "A": MN}, "X", {"X": "ji", "A": "ji"},
         lambda X, A: sq(X.rename(i="k") @ X.rename(j="l", i="k") @ X.rename(j="l") - A)),
    Case("frobenius", "norm(diag(u) @ A @ diag(v) - B)**2", {"u": M, "A": MN, "v": N, "B": MN}, "u",
         {"u": "j", "A": "ji", "v": "i", "B": "ji"}, lambda u, A, v, B: sq(u * A * v - B)),
    # inverses
    Case("inverse", "dot(b, inv(eye(n) + outer(u, u)) @ b)", {"b": N, "u": N}, "u", {"b": "i", "u": "i"},
         lambda b, u: b.rename(i="j") @ F.inverse(eye("n", "i", "j") + u * u.rename(i="j")) @ b),
    Case("inverse", "tr(A @ inv(X.T @ X))", {"A": NN, "X": MN}, "X", {"A": "ab", "X": "ji"},
         lambda A, X: A @ F.inverse(X.rename(i="a") @ X.rename(i="b"))),
    Case("inverse", "dot(a, inv(A + diag(d)) @ a)", {"a": N, "A": NN, "d": N}, "d", {"a": "i", "A": "ij", "d": "i"},
         lambda a, A, d: a.rename(i="j") @ F.inverse(A + d * eye("n", "i", "j")) @ a),
    Case("inverse", "dot(a, inv(A + t * B + t**2 * C) @ b)", {"a": N, "A": NN, "t": S, "B": NN, "C": NN, "b": N}, "t",
         {"a": "j", "A": "ij", "t": "", "B": "ij", "C": "ij", "b": "i"},
         lambda a, A, t, B, C, b: a @ F.inverse(A + t * B + F.pow(t, 2) * C) @ b),
    Case("inverse", "inv(X.T @ diag(w) @ X) @ X.T @ (w * y)", {"X": MN, "w": M, "y": M}, "w",
         {"X": "ji", "w": "j", "y": "j"},
         lambda X, w, y: F.inverse((X * w).rename(i="a") @ X.rename(i="b")) @ X.rename(i="a") @ (w * y)),
    # determinants and log-determinants
    Case("determinant", "logdet(eye(n) + exp(t) * A)", {"t": S, "A": NN}, "t", {"t": "", "A": "ij"},
         lambda t, A: logdet(eye("n", "i", "j") + F.exp(t) * A)),
    Case("determinant", "det(eye(n) + t * A + t**2 * B)", {"t": S, "A": NN, "B": NN}, "t", {"t": "", "A": "ij", "B": "ij"},
         lambda t, A, B: F.det(eye("n", "i", "j") + t * A + F.pow(t, 2) * B)),
    Case("determinant", "logdet(diag(d) + outer(u, u))", {"d": N, "u": N}, "d", {"d": "i", "u": "i"},
         lambda d, u: logdet(d * eye("n", "i", "j") + u * u.rename(i="j"))),
    Case("determinant", "logdet(X @ X.T + exp(t) * A)", {"X": MN, "t": S, "A": MM}, "t", {"X": "ji", "t": "", "A": "jl"},
         lambda X, t, A: logdet(X @ X.rename(j="l") + F.exp(t) * A)),
    Case("determinant", "det(inv(X) + A)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ji"},
         lambda X, A: F.det(F.inverse(X) + A), {"X": INV}),
    # Gaussian pieces
    Case("gaussian", "dot(x - u, inv(L @ L.T) @ (x - u)) / 2 + logdet(L @ L.T) / 2", {"x": N, "u": N, "L": NN}, "L",
         {"x": "i", "u": "i", "L": "ij"},
         lambda x, u, L: (lambda C: inv_quad(x - u, C) / 2 + logdet(C) / 2)(L.rename(j="k") @ L.rename(i="j", j="k"))),
    Case("gaussian", "dot(y, inv(K + s * eye(m)) @ y) / 2 + logdet(K + s * eye(m)) / 2", {"y": M, "K": MM, "s": S}, "s",
         {"y": "j", "K": "jl", "s": ""},
         lambda y, K, s: (lambda C: y.rename(j="l") @ F.inverse(C) @ y / 2 + logdet(C) / 2)(K + s * eye("m", "j", "l"))),
    Case("gaussian", "logdet(eye(m) + X @ diag(d) @ X.T)", {"X": MN, "d": N}, "d", {"X": "ji", "d": "i"},
         lambda X, d: logdet(eye("m", "j", "l") + (X * d) @ X.rename(j="l"))),
    Case("gaussian", "(v + k) * log(1 + dot(x - u, inv(S) @ (x - u)) / v) / 2 + logdet(S) / 2",
         {"v": S, "k": S, "x": N, "u": N, "S": NN}, "S", {"v": "", "k": "", "x": "i", "u": "i", "S": "ij"},
         lambda v, k, x, u, S: (v + k) * F.log(1 + inv_quad(x - u, S) / v) / 2 + logdet(S) / 2, {"S": INV}),
    Case("gaussian", "P @ h / (dot(h, P @ h) + r)", {"P": NN, "h": N, "r": S}, "h", {"P": "ij", "h": "j", "r": ""},
         lambda P, h, r: (P @ h) / (h.rename(j="i") @ P @ h + r)),
    # kernels
    Case("kernel", "1 / sqrt(c + (X * X) @ ones(n) - 2 * X @ x + dot(x, x))", {"c": S, "X": MN, "x": N}, "x",
         {"c": "", "X": "ji", "x": "i"}, lambda c, X, x: F.pow(c + sqdist(X, x), Fraction(-1, 2))),
    Case("kernel", "mean(exp(-c * ((X * X) @ ones(n) - 2 * X @ x + dot(x, x)))) "
         "- mean(exp(-c * ((Y * Y) @ ones(n) - 2 * Y @ x + dot(x, x))))", {"c": S, "X": MN, "x": N, "Y": MN}, "x",
         {"c": "", "X": "ji", "x": "i", "Y": "ji"},
         lambda c, X, x, Y: F.mean(F.exp(-c * sqdist(X, x))) - F.mean(F.exp(-c * sqdist(Y, x)))),
    Case("kernel", "(dot(x, y) / c + 1)**d", {"x": N, "y": N, "c": S, "d": S}, "d", {"x": "i", "y": "i", "c": "", "d": ""},
         lambda x, y, c, d: F.exp(d * F.log(x @ y / c + 1))),
    Case("kernel", "(1 + c * norm(x - y)) * exp(-c * norm(x - y))", {"c": S, "x": N, "y": N}, "c",
         {"c": "", "x": "i", "y": "i"}, lambda c, x, y: (1 + c * norm(x - y)) * F.exp(-c * norm(x - y))),
    Case("kernel", "exp(-dot(x - y, (x - y) / s) / 2)", {"x": N, "y": N, "s": N}, "s", {"x": "i", "y": "i", "s": "i"},
         lambda x, y, s: F.exp(-(F.pow(x - y, 2) @ F.pow(s, -1)) / 2)),
    # logs and exps
    Case("log-exp", "dot(t, exp(-x)) + sum(x)", {"t": N, "x": N}, "x", {"t": "i", "x": "i"},
         lambda t, x: t @ F.exp(-x) + F.sum(x)),
    Case("log-exp", "log(x) - log(dot(a, x))", {"x": N, "a": N}, "x", {"x": "i", "a": "i"},
         lambda x, a: F.log(x) - F.log(a @ x)),
    Case("log-exp", "log(sum(exp(X @ w)) + exp(c))", {"X": MN, "w": N, "c": S}, "w", {"X": "ji", "w": "i", "c": ""},
         lambda X, w, c: F.log(F.sum(F.exp(X @ w)) + F.exp(c))),
    Case("log-exp", "sum(y * log(y / exp(X @ w)) - y + exp(X @ w))", {"y": M, "X": MN, "w": N}, "w",
         {"y": "j", "X": "ji", "w": "i"}, lambda y, X, w: F.sum(y * (F.log(y) - X @ w) - y + F.exp(X @ w))),
    Case("log-exp", "exp(-b * (exp(c * t) - 1) / c)", {"b": S, "c": S, "t": S}, "c", {"b": "", "c": "", "t": ""},
         lambda b, c, t: F.exp(-b * (F.exp(c * t) - 1) / c)),
    # softmax
    Case("softmax", "-dot(softmax(x / t), log(softmax(y / t)))", {"x": N, "t": S, "y": N}, "y",
         {"x": "i", "t": "", "y": "i"},
         lambda x, t, y: -(F.softmax(x / t, dim="i") @ F.log(F.softmax(y / t, dim="i")))),
    Case("softmax", "softmax(log(x) / t)", {"x": N, "t": S}, "x", {"x": "i", "t": ""},
         lambda x, t: F.softmax(F.log(x) / t, dim="i")),
    Case("softmax", "outer(softmax(x), softmax(x))", {"x": N}, "x", {"x": "i"},
         lambda x: F.softmax(x, dim="i") * F.softmax(x.rename(i="j"), dim="j")),
    Case("softmax", "softmax(x) * (x - dot(softmax(x), x))", {"x": N}, "x", {"x": "i"},
         lambda x: (lambda s: s * (x - s @ x))(F.softmax(x, dim="i"))),
    Case("softmax", "softmax(x + log(w))", {"x": N, "w": N}, "w", {"x": "i", "w": "i"},
         lambda x, w: F.softmax(x + F.log(w), dim="i")),
    # attention
    Case("attention", "dot(y, V.T @ softmax(K @ W @ x))", {"y": N, "V": MN, "K": MN, "W": NN, "x": N}, "W",
         {"y": "i", "V": "ji", "K": "ji", "W": "ik", "x": "k"},
         lambda y, V, K, W, x: y @ (V @ F.softmax(K @ W @ x, dim="j"))),
    Case("attention", "V.T @ relu(K @ q) / sum(relu(K @ q))", {"V": MN, "K": MN, "q": N}, "q",
         {"V": "ji", "K": "ji", "q": "i"}, lambda V, K, q: (V @ F.relu(K @ q)) / F.sum(F.relu(K @ q))),
    Case("attention", "dot(u, V.T @ softmax(2 * K @ q - (K * K) @ ones(n)))", {"u": N, "V": MN, "K": MN, "q": N}, "q",
         {"u": "i", "V": "ji", "K": "ji", "q": "i"},
         lambda u, V, K, q: u @ (V @ F.softmax(2 * (K @ q) - (K * K) @ eye("n", "i"), dim="j"))),
    Case("attention", "V.T @ softmax(K @ q) + U.T @ softmax(L @ q)", {"V": MN, "K": MN, "q": N, "U": MN, "L": MN}, "q",
         {"V": "ji", "K": "ji", "q": "i", "U": "ji", "L": "ji"},
         lambda V, K, q, U, L: V @ F.softmax(K @ q, dim="j") + U @ F.softmax(L @ q, dim="j")),
    Case("attention", "dot(u, V.T @ softmax(K @ q / norm(q)))", {"u": N, "V": MN, "K": MN, "q": N}, "q",
         {"u": "i", "V": "ji", "K": "ji", "q": "i"},
         lambda u, V, K, q: u @ (V @ F.softmax(K @ q / norm(q), dim="j"))),
    # logistic pieces
    Case("logistic", "-dot(y, log(sigmoid(X @ w + b))) - dot(1 - y, log(sigmoid(-X @ w - b)))",
         {"y": M, "X": MN, "w": N, "b": S}, "b", {"y": "j", "X": "ji", "w": "i", "b": ""},
         lambda y, X, w, b: -(y @ F.log(F.sigmoid(X @ w + b))) - (1 - y) @ F.log(F.sigmoid(-(X @ w) - b))),
    Case("logistic", "-dot(y, log(sigmoid(a * (X @ w) + b))) - dot(1 - y, log(1 - sigmoid(a * (X @ w) + b)))",
         {"y": M, "a": S, "X": MN, "w": N, "b": S}, "a", {"y": "j", "a": "", "X": "ji", "w": "i", "b": ""},
         lambda y, a, X, w, b: -(y @ F.log(F.sigmoid(a * (X @ w) + b))) - (1 - y) @ F.log(1 - F.sigmoid(a * (X @ w) + b))),
    Case("logistic", "log(1 + exp(dot(x - y, A @ (x - y)) - c))", {"x": N, "y": N, "A": NN, "c": S}, "A",
         {"x": "i", "y": "i", "A": "ij", "c": ""}, lambda x, y, A, c: softplus(quad(x - y, A) - c)),
    Case("logistic", "sum(sigmoid(X @ w) * (1 - y) + (1 - sigmoid(X @ w)) * y)", {"X": MN, "w": N, "y": M}, "w",
         {"X": "ji", "w": "i", "y": "j"},
         lambda X, w, y: F.sum(F.sigmoid(X @ w) * (1 - y) + (1 - F.sigmoid(X @ w)) * y)),
    Case("logistic", "softplus(-y * (X @ w))", {"y": M, "X": MN, "w": N}, "X", {"y": "j", "X": "ji", "w": "i"},
         lambda y, X, w: softplus(-(y * (X @ w)))),
    # losses
    Case("loss", "sum(relu(abs(X @ w - y) - e)**2)", {"X": MN, "w": N, "y": M, "e": S}, "w",
         {"X": "ji", "w": "i", "y": "j", "e": ""},
         lambda X, w, y, e: F.sum(F.pow(F.relu(F.abs(X @ w - y) - e), 2))),
    Case("loss", "sum(log(1 + (X @ w - y)**2 / c**2))", {"X": MN, "w": N, "y": M, "c": S}, "c",
         {"X": "ji", "w": "i", "y": "j", "c": ""},
         lambda X, w, y, c: F.sum(F.log(1 + F.pow(X @ w - y, 2) / F.pow(c, 2)))),
    Case("loss", "1 - 2 * dot(sigmoid(z), y) / (sum(sigmoid(z)) + sum(y))", {"z": N, "y": N}, "z", {"z": "i", "y": "i"},
         lambda z, y: 1 - 2 * (F.sigmoid(z) @ y) / (F.sum(F.sigmoid(z)) + F.sum(y))),
    Case("loss", "sum(1 - (1 - (X @ w - y)**2 / c**2)**3)", {"X": MN, "w": N, "y": M, "c": S}, "w",
         {"X": "ji", "w": "i", "y": "j", "c": ""},
         lambda X, w, y, c: F.sum(1 - F.pow(1 - F.pow(X @ w - y, 2) / F.pow(c, 2), 3))),
    Case("loss", "sum(((X @ w - y)**2 / c**2 + 1)**(a / 2) - 1)", {"X": MN, "w": N, "y": M, "c": S, "a": S}, "a",
         {"X": "ji", "w": "i", "y": "j", "c": "", "a": ""},
         lambda X, w, y, c, a: F.sum(F.exp(a / 2 * F.log(F.pow(X @ w - y, 2) / F.pow(c, 2) + 1)) - 1)),
    # quotients
    Case("quotient", "dot(a, x) / (1 + norm(x))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: (a @ x) / (1 + norm(x))),
    Case("quotient", "(dot(a, x) - dot(b, x)) / (dot(a, x) + dot(b, x))", {"a": N, "x": N, "b": N}, "x",
         {"a": "i", "x": "i", "b": "i"}, lambda a, x, b: (a @ x - b @ x) / (a @ x + b @ x)),
    Case("quotient", "A @ x / dot(b, x)", {"A": MN, "x": N, "b": N}, "x", {"A": "ji", "x": "i", "b": "i"},
         lambda A, x, b: (A @ x) / (b @ x)),
    Case("quotient", "dot(a, x) / dot(b, x) + dot(b, x) / dot(a, x)", {"a": N, "x": N, "b": N}, "x",
         {"a": "i", "x": "i", "b": "i"}, lambda a, x, b: (a @ x) / (b @ x) + (b @ x) / (a @ x)),
    Case("quotient", "sum(X @ a) / sum(X @ b)", {"X": MN, "a": N, "b": N}, "X", {"X": "ji", "a": "i", "b": "i"},
         lambda X, a, b: F.sum(X @ a) / F.sum(X @ b)),
    # powers and roots
    Case("power", "sum(x**3) / sum(x**2)**(3/2)", {"x": N}, "x", {"x": "i"},
         lambda x: F.sum(F.pow(x, 3)) / F.pow(F.sum(F.pow(x, 2)), Fraction(3, 2))),
    Case("power", "sum(x**c)", {"x": N, "c": S}, "c", {"x": "i", "c": ""}, lambda x, c: F.sum(F.exp(c * F.log(x)))),
    Case("power", "sum((x - mean(x))**4)", {"x": N}, "x", {"x": "i"}, lambda x: F.sum(F.pow(centred(x), 4))),
    Case("power", "dot(a, x)**(1/3)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: F.pow(a @ x, Fraction(1, 3))),
    Case("power", "sum(abs(x - a)**p)**(1 / p)", {"x": N, "a": N, "p": S}, "p", {"x": "i", "a": "i", "p": ""},
         lambda x, a, p: F.exp(F.log(F.sum(F.exp(p * F.log(F.abs(x - a))))) / p)),
    # norms
    Case("norm", "norm(X @ a - b) / norm(b)", {"X": MN, "a": N, "b": M}, "X", {"X": "ji", "a": "i", "b": "j"},
         lambda X, a, b: norm(X @ a - b) / norm(b)),
    Case("norm", "log(norm(X @ X.T - A))", {"X": MN, "A": MM}, "X", {"X": "ji", "A": "jl"},
         lambda X, A: F.log(norm(X @ X.rename(j="l") - A))),
    Case("norm", "norm(exp(x) - y)", {"x": N, "y": N}, "x", {"x": "i", "y": "i"}, lambda x, y: norm(F.exp(x) - y)),
    Case("norm", "norm(X @ a) / norm(X @ b)", {"X": MN, "a": N, "b": N}, "X", {"X": "ji", "a": "i", "b": "i"},
         lambda X, a, b: norm(X @ a) / norm(X @ b)),
    Case("norm", "norm(X @ a - b) + lam * norm(X)", {"X": MN, "a": N, "b": M, "lam": S}, "X",
         {"X": "ji", "a": "i", "b": "j", "lam": ""}, lambda X, a, b, lam: norm(X @ a - b) + lam * norm(X)),
    # elementwise functions
    Case("elementwise", "dot(a, sqrt(1 + x**2) - 1)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (F.sqrt(1 + F.pow(x, 2)) - 1)),
    Case("elementwise", "dot(a, (1 - exp(-c * x)) / c)", {"a": N, "c": S, "x": N}, "c", {"a": "i", "c": "", "x": "i"},
         lambda a, c, x: a @ ((1 - F.exp(-c * x)) / c)),
    Case("elementwise", "sum(x**b * exp(-c * x))", {"x": N, "b": S, "c": S}, "b", {"x": "i", "b": "", "c": ""},
         lambda x, b, c: F.sum(F.exp(b * F.log(x)) * F.exp(-c * x))),
    Case("elementwise", "dot(a, exp(-1 / x))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ F.exp(-F.pow(x, -1))),
    Case("elementwise", "dot(a, log(1 + x) / x)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (F.log(1 + x) * F.pow(x, -1))),
    # networks
    Case("network", "dot(v, tanh(W @ x - U @ (sigmoid(G @ x) * h)))",
         {"v": M, "W": MN, "x": N, "U": MM, "G": MN, "h": M}, "G",
         {"v": "l", "W": "li", "x": "i", "U": "lj", "G": "ji", "h": "j"},
         lambda v, W, x, U, G, h: v @ F.tanh(W @ x - U @ (F.sigmoid(G @ x) * h))),
    Case("network", "-log(dot(softmax(A @ x), exp(-(B @ x - y * ones(p))**2 / 2)))", {"A": PN, "x": N, "B": PN, "y": S},
         "B", {"A": "ki", "x": "i", "B": "ki", "y": ""},
         lambda A, x, B, y: -F.log(F.softmax(A @ x, dim="k") @ F.exp(-F.pow(B @ x - y * eye("p", "k"), 2) / 2))),
    Case("network", "dot(v, softplus(W @ relu(U @ x)))", {"v": P, "W": PM, "U": MN, "x": N}, "U",
         {"v": "k", "W": "kj", "U": "ji", "x": "i"}, lambda v, W, U, x: v @ softplus(W @ F.relu(U @ x))),
    Case("network", "softmax(U @ relu(W @ x))", {"U": PM, "W": MN, "x": N}, "W", {"U": "kj", "W": "ji", "x": "i"},
         lambda U, W, x: F.softmax(U @ F.relu(W @ x), dim="k")),
    Case("network", "dot(v, (W @ x) / sqrt(1 + (W @ x)**2))", {"v": M, "W": MN, "x": N}, "W",
         {"v": "j", "W": "ji", "x": "i"}, lambda v, W, x: v @ ((W @ x) * F.pow(1 + F.pow(W @ x, 2), Fraction(-1, 2)))),
    # products
    Case("product", "norm(x)**2 * logsumexp(A @ x)", {"x": N, "A": MN}, "x", {"x": "i", "A": "ji"},
         lambda x, A: sq(x) * lse(A @ x)),
    Case("product", "tr(A @ X) * norm(X)", {"A": NN, "X": NN}, "X", {"A": "ij", "X": "ji"},
         lambda A, X: (A @ X) * norm(X)),
    Case("product", "sum(X @ a) * logsumexp(X @ b)", {"X": MN, "a": N, "b": N}, "X", {"X": "ji", "a": "i", "b": "i"},
         lambda X, a, b: F.sum(X @ a) * lse(X @ b)),
    Case("product", "dot(a, x) * exp(-norm(x - b)**2)", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: (a @ x) * F.exp(-sq(x - b))),
    Case("product", "logdet(X) * tr(A @ inv(X))", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: logdet(X) * (A @ F.inverse(X)), {"X": INV}),
    # roots of sums
    Case("root", "sqrt(norm(x - a)**2 + norm(x - b)**2)", {"x": N, "a": N, "b": N}, "x", {"x": "i", "a": "i", "b": "i"},
         lambda x, a, b: F.sqrt(sq(x - a) + sq(x - b))),
    Case("root", "sum(sqrt(1 + (A @ x)**2))", {"A": MN, "x": N}, "x", {"A": "ji", "x": "i"},
         lambda A, x: F.sum(F.sqrt(1 + F.pow(A @ x, 2)))),
    Case("root", "sum(sqrt(X @ w + c))", {"X": MN, "w": N, "c": S}, "w", {"X": "ji", "w": "i", "c": ""},
         lambda X, w, c: F.sum(F.sqrt(X @ w + c))),
    Case("root", "-log(sum(sqrt(softmax(x) * p)))", {"x": N, "p": N}, "x", {"x": "i", "p": "i"},
         lambda x, p: -F.log(F.sum(F.sqrt(F.softmax(x, dim="i") * p)))),
    Case("root", "sqrt(sum(exp(A @ x)))", {"A": MN, "x": N}, "x", {"A": "ji", "x": "i"},
         lambda A, x: F.sqrt(F.sum(F.exp(A @ x)))),
)
