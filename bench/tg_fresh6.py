"""A sixth held-out set for bench/bench_tensorgrad.py (``--cases fresh6``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 33, branch fresh6), without reading the engine: none is
in tg_cases.py, tg_fresh.py, tg_fresh3.py, tg_fresh4.py or tg_fresh5.py (nor the same function under a cyclic
trace, a transpose or renamed variables), picked as a grader would from a matrix-calculus course, the Matrix
Cookbook and ML papers: bilinear forms of affine maps, quadratics in a matrix (x^T X^2 x, the matrix square root,
Lyapunov and masked-factorisation residuals, rank-one fits, a tied linear autoencoder), traces of powers, the
degrees of freedom of ridge regression by its penalty, inverses (the Kantorovich product, a Sherman-Morrison
form, a Schur complement, the Kalman posterior covariance, a resolvent by its shift, matrix- and vector-valued by
a scalar), determinants (the determinant lemma, a characteristic polynomial, a Cholesky-factor likelihood,
factor analysis by its noise variances, a DPP likelihood, a volume ratio), Gaussian pieces (the VAE's KL term,
the reparameterisation trick, heteroscedastic noise, a mixture by its weight and its responsibility, a moment
generating function), kernels (inverse multiquadric by its scale, Matern 3/2, ARD by its weights, an L1
Laplacian, linear times RBF, a thin-plate spline, a Mahalanobis RBF by a factor), logs and exps (geometric mean,
a multinomial logit with a baseline, the Kelly criterion, the Cox partial likelihood), softmax (Brier score,
soft maximum, KL between two softmaxes, temperature, a normalised contrastive loss, entropy-regularised reward,
log-softmax), logistic pieces (skip-gram negative sampling, focal loss, Platt scaling by its slope, exponential
loss, elastic net, binary entropy, a DPO-style loss), losses (LAD, lasso, quantile, epsilon-insensitive, a
multiclass hinge, a contrastive margin, trilateration, chi-square, Hellinger, negative binomial, fused and
group lasso, KL and Itakura-Saito NMF), quotients (distance to a hyperplane, Fisher's criterion, CCA, Tanimoto,
Dice, a backward error, a participation ratio), powers and roots (an L4 norm, a Coulomb field), networks (a
layer norm read out, residual and highway Jacobians, leaky ReLU, a two-step RNN, weight normalisation, a capsule
squash, a Siamese distance, a planar flow's log-determinant), an attention pooling, elementwise functions (GELU's
tanh form, softsign, arcsinh written out, Michaelis-Menten), and products and sums of these. Derivatives by
vectors, matrices and (eight) scalars; seven vector-valued functions and one matrix-valued.

The same structure and conventions as tg_cases.py (its docstring says how tensorgrad's edges are named):
an inverse is contracted on its far edge (``F.inverse(X)`` with X on edges "ij" holds X^-1's rows on j),
``X.rename(i="j", j="i")`` is a transpose, ``Delta`` is the identity on the edges it names, ``u * v`` on two
different edges an outer product, ``F.diag(s, [..])`` a diagonal matrix.

The warm-up check (--runs 1) left out one case and passed one vacuously; both were replaced by one of the same
kind: inv(A + t * B) by t (every spelling of tensorgrad's inverse holds its rows on the edge the check reads as
columns, so a matrix-valued inverse that is not symmetric compares as its transpose) by inv(A + A.T + t * eye(n));
det(X) * exp(-tr(A @ X)) by X (exp(-tr(A X)) is e^-50 at the check's point, so both gradients pass under its atol)
by exp(-tr(A @ inv(X)) / 2) / det(X)**2 (gradient about 6e-5 there).

What it showed (2026-12-06, main at 15520a4, --runs 3 --cpu, one run, load average 7.0-8.7; all 107 agree): median
0.63, geometric mean 0.80, worst 21.3, mcdocgen faster on 66, over 1.2x on 37, over 1.5x on 33, worse than 2x on 25.
Sums of medians 3.53 s (mcdocgen) and 2.98 s (tensorgrad). Over 2x (ratio, mcdocgen ms): the planar flow's
log(1 + dot(u, w) * (1 - tanh(dot(w, z) + b)**2)) by w 21.3 (291), the mixture responsibility exp(-norm(x - a)**2) /
(exp(-norm(x - a)**2) + exp(-norm(x - b)**2)) 13.4 (295), 1 / sqrt(norm(x - y)**2 + c**2) by c 11.8 (48),
sqrt(norm(x - a)) 10.6 (54), exp(dot(u, t) + dot(t, S @ t) / 2) 10.1 (76), exp(-dot(d, (x - y)**2)) by d 9.3 (41),
sum(relu(abs(X @ w - y) - c)) 8.1 (96), log(p * exp(-norm(x - a)**2) + q * exp(-norm(x - b)**2)) by p 7.3 (52),
(norm(x - a) - r)**2 + (norm(x - b) - s)**2 7.1 (137), tanh(g * dot(u, x) / norm(u)) by u 6.4 (117), the contrastive
margin y * norm(x - z)**2 + (1 - y) * relu(c - norm(x - z))**2 6.2 (108), GELU's tanh form 5.3 (103), the focal loss
4.1 (109), exp(-norm1(x - y)) 3.8 (22), Fisher's dot(w, a - b)**2 / dot(w, S @ w) 3.8 (84), arcsinh written out 3.5
(46), sum(x**4)**(1/4) 3.2 (29), Hellinger 3.1 (20), dot(w, S @ w) - c * dot(r, w) + lam * norm1(w - u) 2.9 (27), CCA
2.9 (122), the layer norm read 2.8 (292), softsign 2.8 (33), Dice 2.7 (30), the inverse-Wishart form 2.7 (70),
Tanimoto 2.4 (43). Over 1.5x: Matern 3/2 by x 1.88, leaky ReLU by W 1.84, the quantile loss 1.82, the thin-plate
spline 1.62, the backward error 1.59, the Coulomb field 1.54, the capsule squash 1.53, Michaelis-Menten 1.51. By kind:
gaussian 4.2, elementwise 2.8, quotient 2.0, kernel 1.9, sum 1.8, power 1.5, network 1.5, loss 0.91, product 0.83,
logistic 0.59, quadratic 0.55, log-exp 0.50, determinant 0.38, norm 0.35, frobenius 0.34, trace 0.32, softmax 0.28,
attention 0.22, inverse 0.20.
"""

from __future__ import annotations

from fractions import Fraction

import sympy
import tensorgrad.functions as F
from tensorgrad.tensor import Delta

from tg_cases import Case, logdet, norm, softplus, sq


N, NN, MN, M, P, S = ("n",), ("n", "n"), ("m", "n"), ("m",), ("p",), ()
MM, PM, NM, PN, MP, NP, PP = ("m", "m"), ("p", "m"), ("n", "m"), ("p", "n"), ("m", "p"), ("n", "p"), ("p", "p")
INV = ("invertible",)


def eye(*edges: str):
    return Delta(sympy.Symbol("n"), *edges)


def l1(t):
    return F.sum(F.abs(t))


CASES: tuple[Case, ...] = (
    # bilinear and quadratic forms
    Case("quadratic", "dot(A @ x + b, C @ (D @ x + d))", {"A": MN, "x": N, "b": M, "C": MP, "D": PN, "d": P}, "x",
         {"A": "ji", "x": "i", "b": "j", "C": "jk", "D": "ki", "d": "k"},
         lambda A, x, b, C, D, d: (A @ x + b) @ C @ (D @ x + d)),
    Case("quadratic", "dot(X @ b, D @ X @ c)", {"X": MN, "b": N, "D": MM, "c": N}, "X",
         {"X": "ji", "b": "i", "D": "jk", "c": "i"}, lambda X, b, D, c: (X @ b) @ D @ (X @ c).rename(j="k")),
    Case("quadratic", "dot(x, X @ X @ x)", {"x": N, "X": NN}, "X", {"x": "i", "X": "ij"},
         lambda x, X: x @ X @ X.rename(i="j", j="k") @ x.rename(i="k")),
    Case("quadratic", "dot(x, A @ x) * dot(x, B @ x)", {"x": N, "A": NN, "B": NN}, "x", {"x": "i", "A": "ij", "B": "ij"},
         lambda x, A, B: (x @ A @ x.rename(i="j")) * (x @ B @ x.rename(i="j"))),
    # Frobenius residuals
    Case("frobenius", "norm(X @ X - A)**2", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ik"},
         lambda X, A: sq(X @ X.rename(i="j", j="k") - A)),
    Case("frobenius", "norm(A @ X + X @ A.T + Q)**2", {"A": NN, "X": NN, "Q": NN}, "X", {"A": "ij", "X": "ij", "Q": "ij"},
         lambda A, X, Q: sq(A.rename(j="k") @ X.rename(i="k") + X.rename(j="k") @ A.rename(i="j", j="k") + Q)),
    Case("frobenius", "norm(M * (U @ V.T - Y))**2", {"M": MN, "U": MP, "V": NP, "Y": MN}, "U",
         {"M": "ij", "U": "ik", "V": "jk", "Y": "ij"}, lambda M, U, V, Y: sq(M * (U @ V - Y))),
    Case("frobenius", "norm(X - outer(u, v))**2", {"X": MN, "u": M, "v": N}, "u", {"X": "ij", "u": "i", "v": "j"},
         lambda X, u, v: sq(X - u * v)),
    Case("frobenius", "norm(A - outer(x, x))**2", {"A": NN, "x": N}, "x", {"A": "ij", "x": "i"},
         lambda A, x: sq(A - x * x.rename(i="j"))),
    Case("frobenius", "norm(x - W @ W.T @ x)**2", {"x": N, "W": NP}, "W", {"x": "i", "W": "ik"},
         lambda x, W: sq(x - W @ (W.rename(i="j") @ x.rename(i="j")))),
    # traces
    Case("trace", "tr(X @ X @ X)", {"X": NN}, "X", {"X": "ij"},
         lambda X: X @ X.rename(i="j", j="k") @ X.rename(i="k", j="i")),
    Case("trace", "tr(A @ X @ X.T @ X @ X.T)", {"A": MM, "X": MN}, "X", {"A": "ab", "X": "ij"},
         lambda A, X: A @ X.rename(i="b", j="c") @ X.rename(i="d", j="c") @ X.rename(i="d", j="e")
         @ X.rename(i="a", j="e")),
    Case("trace", "tr(X @ inv(X.T @ X + lam * eye(n)) @ X.T)", {"X": MN, "lam": S}, "lam", {"X": "ij", "lam": ""},
         lambda X, lam: X @ F.inverse(X @ X.rename(j="k") + lam * eye("j", "k")) @ X.rename(j="k")),
    Case("trace", "tr(X.T @ A @ X) * tr(X.T @ B @ X)", {"X": NM, "A": NN, "B": NN}, "X", {"X": "ij", "A": "ik", "B": "ik"},
         lambda X, A, B: (X @ A @ X.rename(i="k")) * (X @ B @ X.rename(i="k"))),
    # inverses
    Case("inverse", "dot(x, A @ x) * dot(x, inv(A) @ x)", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: (x @ A @ x.rename(i="j")) * (x.rename(i="j") @ F.inverse(A) @ x), {"A": INV}),
    Case("inverse", "dot(a, inv(X.T @ X) @ X.T @ y)", {"a": N, "X": MN, "y": M}, "X", {"a": "j", "X": "ij", "y": "i"},
         lambda a, X, y: a @ F.inverse(X @ X.rename(j="k")) @ (X.rename(j="k") @ y)),
    Case("inverse", "dot(x, inv(A + outer(x, x)) @ x)", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: x.rename(i="j") @ F.inverse(A + x * x.rename(i="j")) @ x),
    Case("inverse", "inv(A + A.T + t * eye(n))", {"A": NN, "t": S}, "t", {"A": "ij", "t": ""},
         lambda A, t: F.inverse(A + A.rename(i="j", j="i") + t * eye("i", "j"))),
    Case("inverse", "inv(A + c * eye(n)) @ b", {"A": NN, "c": S, "b": N}, "c", {"A": "ij", "c": "", "b": "i"},
         lambda A, c, b: F.inverse(A + c * eye("i", "j")) @ b),
    Case("inverse", "dot(y, inv(A - B @ inv(X) @ B.T) @ y)", {"y": M, "A": MM, "B": MN, "X": NN}, "X",
         {"y": "p", "A": "pq", "B": "pj", "X": "ij"},
         lambda y, A, B, X: y.rename(p="q") @ F.inverse(A - B @ F.inverse(X) @ B.rename(p="q", j="i")) @ y, {"X": INV}),
    Case("inverse", "tr(P - P @ H.T @ inv(H @ P @ H.T + R) @ H @ P)", {"P": NN, "H": MN, "R": MM}, "P",
         {"P": "ij", "H": "ai", "R": "ab"},
         lambda P, H, R: F.trace(P) - P.rename(i="u", j="k") @ H.rename(a="b", i="k")
         @ F.inverse(H @ P @ H.rename(a="b", i="j") + R) @ H.rename(i="l") @ P.rename(i="l", j="u")),
    # determinants and log-determinants
    Case("determinant", "det(A + outer(u, v))", {"A": NN, "u": N, "v": N}, "u", {"A": "ij", "u": "i", "v": "j"},
         lambda A, u, v: F.det(A + u * v)),
    Case("determinant", "det(t * eye(n) - A)", {"t": S, "A": NN}, "t", {"t": "", "A": "ij"},
         lambda t, A: F.det(t * eye("i", "j") - A)),
    Case("determinant", "tr(inv(L @ L.T) @ A) + logdet(L @ L.T)", {"L": NN, "A": NN}, "L", {"L": "ij", "A": "ik"},
         lambda L, A: F.inverse(L @ L.rename(i="k")) @ A + logdet(L @ L.rename(i="k"))),
    Case("determinant", "dot(y, inv(W @ W.T + diag(s)) @ y) + logdet(W @ W.T + diag(s))", {"y": N, "W": NP, "s": N}, "s",
         {"y": "i", "W": "ik", "s": "i"},
         lambda y, W, s: y @ F.inverse(W @ W.rename(i="j") + F.diag(s, ["i", "j"])) @ y.rename(i="j")
         + logdet(W @ W.rename(i="j") + F.diag(s, ["i", "j"]))),
    Case("determinant", "logdet(B.T @ L @ B) - logdet(L + eye(n))", {"B": NP, "L": NN}, "L", {"B": "ik", "L": "ij"},
         lambda B, L: logdet(B @ L @ B.rename(i="j", k="l")) - logdet(L + eye("i", "j"))),
    Case("determinant", "det(X.T @ A @ X) / det(X.T @ X)", {"X": MN, "A": MM}, "X", {"X": "ij", "A": "ik"},
         lambda X, A: F.det(X @ A @ X.rename(i="k", j="l")) / F.det(X @ X.rename(j="k"))),
    # Gaussian pieces: VAEs, noise models, mixtures
    Case("gaussian", "(sum(exp(s)) + norm(u)**2 - sum(s)) / 2", {"s": N, "u": N}, "s", {"s": "i", "u": "i"},
         lambda s, u: (F.sum(F.exp(s)) + sq(u) - F.sum(s)) / 2),
    Case("gaussian", "norm(y - W @ (u + exp(s / 2) * z))**2", {"y": M, "W": MN, "u": N, "s": N, "z": N}, "s",
         {"y": "j", "W": "ji", "u": "i", "s": "i", "z": "i"}, lambda y, W, u, s, z: sq(y - W @ (u + F.exp(s / 2) * z))),
    Case("gaussian", "sum((y - X @ w)**2 / s + log(s))", {"y": M, "X": MN, "w": N, "s": M}, "s",
         {"y": "j", "X": "ji", "w": "i", "s": "j"}, lambda y, X, w, s: F.sum(F.pow(y - X @ w, 2) / s + F.log(s))),
    Case("gaussian", "log(p * exp(-norm(x - a)**2) + q * exp(-norm(x - b)**2))", {"p": S, "x": N, "a": N, "q": S, "b": N},
         "p", {"p": "", "x": "i", "a": "i", "q": "", "b": "i"},
         lambda p, x, a, q, b: F.log(p * F.exp(-sq(x - a)) + q * F.exp(-sq(x - b)))),
    Case("gaussian", "exp(-norm(x - a)**2) / (exp(-norm(x - a)**2) + exp(-norm(x - b)**2))", {"x": N, "a": N, "b": N}, "x",
         {"x": "i", "a": "i", "b": "i"},
         lambda x, a, b: F.exp(-sq(x - a)) / (F.exp(-sq(x - a)) + F.exp(-sq(x - b)))),
    Case("gaussian", "exp(dot(u, t) + dot(t, S @ t) / 2)", {"u": N, "t": N, "S": NN}, "t", {"u": "i", "t": "i", "S": "ij"},
         lambda u, t, S: F.exp(u @ t + (t @ S @ t.rename(i="j")) / 2)),
    # kernels
    Case("kernel", "1 / sqrt(norm(x - y)**2 + c**2)", {"x": N, "y": N, "c": S}, "c", {"x": "i", "y": "i", "c": ""},
         lambda x, y, c: 1 / F.sqrt(sq(x - y) + c ** 2)),
    Case("kernel", "(1 + norm(x - y) / c) * exp(-norm(x - y) / c)", {"x": N, "y": N, "c": S}, "x",
         {"x": "i", "y": "i", "c": ""}, lambda x, y, c: (1 + norm(x - y) / c) * F.exp(-norm(x - y) / c)),
    Case("kernel", "exp(-dot(d, (x - y)**2))", {"d": N, "x": N, "y": N}, "d", {"d": "i", "x": "i", "y": "i"},
         lambda d, x, y: F.exp(-(d @ F.pow(x - y, 2)))),
    Case("kernel", "exp(-norm1(x - y))", {"x": N, "y": N}, "x", {"x": "i", "y": "i"}, lambda x, y: F.exp(-l1(x - y))),
    Case("kernel", "dot(x, y) * exp(-norm(x - y)**2)", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: (x @ y) * F.exp(-sq(x - y))),
    Case("kernel", "norm(x - c)**2 * log(norm(x - c))", {"x": N, "c": N}, "x", {"x": "i", "c": "i"},
         lambda x, c: sq(x - c) * F.log(norm(x - c))),
    Case("kernel", "exp(-norm(inv(L) @ (x - y))**2)", {"L": NN, "x": N, "y": N}, "L", {"L": "ij", "x": "i", "y": "i"},
         lambda L, x, y: F.exp(-sq(F.inverse(L) @ (x - y))), {"L": INV}),
    # logs and exps
    Case("log-exp", "exp(mean(log(x)))", {"x": N}, "x", {"x": "i"}, lambda x: F.exp(F.mean(F.log(x)))),
    Case("log-exp", "log(1 + sum(exp(W @ x)))", {"W": MN, "x": N}, "W", {"W": "ji", "x": "i"},
         lambda W, x: F.log(1 + F.sum(F.exp(W @ x)))),
    Case("log-exp", "dot(p, log(1 + R @ w))", {"p": M, "R": MN, "w": N}, "w", {"p": "j", "R": "ji", "w": "i"},
         lambda p, R, w: p @ F.log(1 + R @ w)),
    Case("log-exp", "sum(log(R @ exp(X @ w))) - dot(d, X @ w)", {"R": MM, "X": MN, "w": N, "d": M}, "w",
         {"R": "kj", "X": "ji", "w": "i", "d": "j"}, lambda R, X, w, d: F.sum(F.log(R @ F.exp(X @ w))) - d @ (X @ w)),
    # softmax
    Case("softmax", "norm(softmax(x) - y)**2", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: sq(F.softmax(x, dim="i") - y)),
    Case("softmax", "dot(softmax(x), x)", {"x": N}, "x", {"x": "i"}, lambda x: F.softmax(x, dim="i") @ x),
    Case("softmax", "dot(softmax(x), log(softmax(x)) - log(softmax(z)))", {"x": N, "z": N}, "x", {"x": "i", "z": "i"},
         lambda x, z: F.softmax(x, dim="i") @ (F.log(F.softmax(x, dim="i")) - F.log(F.softmax(z, dim="i")))),
    Case("softmax", "-dot(y, log(softmax(A @ x / t)))", {"y": M, "A": MN, "x": N, "t": S}, "t",
         {"y": "j", "A": "ji", "x": "i", "t": ""}, lambda y, A, x, t: -(y @ F.log(F.softmax(A @ x / t, dim="j")))),
    Case("softmax", "logsumexp(K @ q / norm(q)) - dot(k, q) / norm(q)", {"K": MN, "q": N, "k": N}, "q",
         {"K": "ji", "q": "i", "k": "i"}, lambda K, q, k: F.log(F.sum(F.exp(K @ q / norm(q)))) - (k @ q) / norm(q)),
    Case("softmax", "dot(r, softmax(x)) - c * dot(softmax(x), log(softmax(x)))", {"r": N, "x": N, "c": S}, "x",
         {"r": "i", "x": "i", "c": ""},
         lambda r, x, c: r @ F.softmax(x, dim="i") - c * (F.softmax(x, dim="i") @ F.log(F.softmax(x, dim="i")))),
    Case("softmax", "log(softmax(x))", {"x": N}, "x", {"x": "i"}, lambda x: F.log(F.softmax(x, dim="i"))),
    # logistic pieces
    Case("logistic", "log(sigmoid(dot(u, v))) + sum(log(sigmoid(-(Z @ v))))", {"u": N, "v": N, "Z": MN}, "v",
         {"u": "i", "v": "i", "Z": "ji"}, lambda u, v, Z: F.log(F.sigmoid(u @ v)) + F.sum(F.log(F.sigmoid(-(Z @ v))))),
    Case("logistic", "-(1 - sigmoid(dot(w, x)))**2 * log(sigmoid(dot(w, x)))", {"w": N, "x": N}, "w", {"w": "i", "x": "i"},
         lambda w, x: -((1 - F.sigmoid(w @ x)) ** 2 * F.log(F.sigmoid(w @ x)))),
    Case("logistic", "-dot(y, log(sigmoid(a * s + b))) - dot(1 - y, log(1 - sigmoid(a * s + b)))",
         {"y": M, "a": S, "s": M, "b": S}, "a", {"y": "j", "a": "", "s": "j", "b": ""},
         lambda y, a, s, b: -(y @ F.log(F.sigmoid(a * s + b))) - (1 - y) @ F.log(1 - F.sigmoid(a * s + b))),
    Case("logistic", "sum(exp(-y * (X @ w)))", {"y": M, "X": MN, "w": N}, "w", {"y": "j", "X": "ji", "w": "i"},
         lambda y, X, w: F.sum(F.exp(-(y * (X @ w))))),
    Case("logistic", "sum(softplus(-y * (X @ w))) + lam * norm1(w) + mu * norm(w)**2",
         {"y": M, "X": MN, "w": N, "lam": S, "mu": S}, "w", {"y": "j", "X": "ji", "w": "i", "lam": "", "mu": ""},
         lambda y, X, w, lam, mu: F.sum(softplus(-(y * (X @ w)))) + lam * l1(w) + mu * sq(w)),
    Case("logistic", "-dot(sigmoid(x), log(sigmoid(x))) - dot(1 - sigmoid(x), log(1 - sigmoid(x)))", {"x": N}, "x",
         {"x": "i"}, lambda x: -(F.sigmoid(x) @ F.log(F.sigmoid(x))) - (1 - F.sigmoid(x)) @ F.log(1 - F.sigmoid(x))),
    Case("logistic", "-log(sigmoid(c * dot(y - z, log(softmax(W @ x)))))", {"c": S, "y": M, "z": M, "W": MN, "x": N}, "W",
         {"c": "", "y": "j", "z": "j", "W": "ji", "x": "i"},
         lambda c, y, z, W, x: -F.log(F.sigmoid(c * ((y - z) @ F.log(F.softmax(W @ x, dim="j")))))),
    # losses
    Case("loss", "norm1(X @ w - y)", {"X": MN, "w": N, "y": M}, "w", {"X": "ji", "w": "i", "y": "j"},
         lambda X, w, y: l1(X @ w - y)),
    Case("loss", "norm(X @ w - y)**2 / 2 + lam * norm1(w)", {"X": MN, "w": N, "y": M, "lam": S}, "w",
         {"X": "ji", "w": "i", "y": "j", "lam": ""}, lambda X, w, y, lam: sq(X @ w - y) / 2 + lam * l1(w)),
    Case("loss", "t * sum(relu(y - X @ w)) + (1 - t) * sum(relu(X @ w - y))", {"t": S, "y": M, "X": MN, "w": N}, "w",
         {"t": "", "y": "j", "X": "ji", "w": "i"},
         lambda t, y, X, w: t * F.sum(F.relu(y - X @ w)) + (1 - t) * F.sum(F.relu(X @ w - y))),
    Case("loss", "sum(relu(abs(X @ w - y) - c))", {"X": MN, "w": N, "y": M, "c": S}, "w",
         {"X": "ji", "w": "i", "y": "j", "c": ""}, lambda X, w, y, c: F.sum(F.relu(F.abs(X @ w - y) - c))),
    Case("loss", "sum(relu(1 + W @ x - dot(u, x)))", {"W": MN, "x": N, "u": N}, "u", {"W": "ji", "x": "i", "u": "i"},
         lambda W, x, u: F.sum(F.relu(1 + W @ x - u @ x))),
    Case("loss", "y * norm(x - z)**2 + (1 - y) * relu(c - norm(x - z))**2", {"y": S, "x": N, "z": N, "c": S}, "x",
         {"y": "", "x": "i", "z": "i", "c": ""},
         lambda y, x, z, c: y * sq(x - z) + (1 - y) * F.relu(c - norm(x - z)) ** 2),
    Case("loss", "(norm(x - a) - r)**2 + (norm(x - b) - s)**2", {"x": N, "a": N, "r": S, "b": N, "s": S}, "x",
         {"x": "i", "a": "i", "r": "", "b": "i", "s": ""},
         lambda x, a, r, b, s: (norm(x - a) - r) ** 2 + (norm(x - b) - s) ** 2),
    Case("loss", "sum((x - y)**2 / y)", {"x": N, "y": N}, "y", {"x": "i", "y": "i"}, lambda x, y: F.sum(F.pow(x - y, 2) / y)),
    Case("loss", "norm(sqrt(p) - sqrt(q))**2", {"p": N, "q": N}, "p", {"p": "i", "q": "i"},
         lambda p, q: sq(F.sqrt(p) - F.sqrt(q))),
    Case("loss", "sum((y + c) * softplus(X @ w)) - dot(y, X @ w)", {"y": M, "c": S, "X": MN, "w": N}, "w",
         {"y": "j", "c": "", "X": "ji", "w": "i"}, lambda y, c, X, w: F.sum((y + c) * softplus(X @ w)) - y @ (X @ w)),
    Case("loss", "norm(x - y)**2 + lam * norm1(D @ x)", {"x": N, "y": N, "lam": S, "D": MN}, "x",
         {"x": "i", "y": "i", "lam": "", "D": "ji"}, lambda x, y, lam, D: sq(x - y) + lam * l1(D @ x)),
    Case("loss", "norm(X @ w - y)**2 + lam * (norm(A @ w) + norm(B @ w))",
         {"X": MN, "w": N, "y": M, "lam": S, "A": PN, "B": PN}, "w",
         {"X": "ji", "w": "i", "y": "j", "lam": "", "A": "ki", "B": "ki"},
         lambda X, w, y, lam, A, B: sq(X @ w - y) + lam * (norm(A @ w) + norm(B @ w))),
    Case("loss", "sum(Y * log(Y / (W @ H)) - Y + W @ H)", {"Y": MN, "W": MP, "H": PN}, "W",
         {"Y": "ij", "W": "ik", "H": "kj"}, lambda Y, W, H: F.sum(Y * F.log(Y / (W @ H)) - Y + W @ H)),
    Case("loss", "sum(Y / (W @ H) - log(Y / (W @ H)))", {"Y": MN, "W": MP, "H": PN}, "H",
         {"Y": "ij", "W": "ik", "H": "kj"}, lambda Y, W, H: F.sum(Y / (W @ H) - F.log(Y / (W @ H)))),
    # quotients
    Case("quotient", "(dot(w, x) + b) / norm(w)", {"w": N, "x": N, "b": S}, "w", {"w": "i", "x": "i", "b": ""},
         lambda w, x, b: (w @ x + b) / norm(w)),
    Case("quotient", "dot(w, a - b)**2 / dot(w, S @ w)", {"w": N, "a": N, "b": N, "S": NN}, "w",
         {"w": "i", "a": "i", "b": "i", "S": "ij"}, lambda w, a, b, S: (w @ (a - b)) ** 2 / (w @ S @ w.rename(i="j"))),
    Case("quotient", "dot(a, C @ b) / sqrt(dot(a, A @ a) * dot(b, B @ b))", {"a": N, "C": NM, "b": M, "A": NN, "B": MM}, "a",
         {"a": "i", "C": "ij", "b": "j", "A": "ik", "B": "jl"},
         lambda a, C, b, A, B: (a @ C @ b) / F.sqrt((a @ A @ a.rename(i="k")) * (b @ B @ b.rename(j="l")))),
    Case("quotient", "dot(x, y) / (norm(x)**2 + norm(y)**2 - dot(x, y))", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: (x @ y) / (sq(x) + sq(y) - x @ y)),
    Case("quotient", "2 * dot(x, y) / (sum(x) + sum(y))", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: 2 * (x @ y) / (F.sum(x) + F.sum(y))),
    Case("quotient", "x / dot(a, x)", {"x": N, "a": N}, "x", {"x": "i", "a": "i"}, lambda x, a: x / (a @ x)),
    Case("quotient", "norm(A @ x - b) / (norm(A) * norm(x) + norm(b))", {"A": MN, "x": N, "b": M}, "x",
         {"A": "ji", "x": "i", "b": "j"}, lambda A, x, b: norm(A @ x - b) / (norm(A) * norm(x) + norm(b))),
    Case("quotient", "tr(X)**2 / tr(X @ X)", {"X": NN}, "X", {"X": "ij"},
         lambda X: F.trace(X) ** 2 / (X @ X.rename(i="j", j="i"))),
    # powers, roots and norms
    Case("power", "sum(x**4)**(1/4)", {"x": N}, "x", {"x": "i"}, lambda x: F.pow(F.sum(F.pow(x, 4)), Fraction(1, 4))),
    Case("power", "sqrt(norm(x - a))", {"x": N, "a": N}, "x", {"x": "i", "a": "i"}, lambda x, a: F.sqrt(norm(x - a))),
    Case("power", "1 / norm(x - a) + 1 / norm(x - b)", {"x": N, "a": N, "b": N}, "x", {"x": "i", "a": "i", "b": "i"},
         lambda x, a, b: 1 / norm(x - a) + 1 / norm(x - b)),
    Case("power", "(x - a) / norm(x - a)**3", {"x": N, "a": N}, "x", {"x": "i", "a": "i"},
         lambda x, a: (x - a) / norm(x - a) ** 3),
    Case("power", "dot(x, A @ x)**(3/2)", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: F.pow(x @ A @ x.rename(i="j"), Fraction(3, 2))),
    Case("norm", "norm(A @ x - b) + lam * norm(x)", {"A": MN, "x": N, "b": M, "lam": S}, "x",
         {"A": "ji", "x": "i", "b": "j", "lam": ""}, lambda A, x, b, lam: norm(A @ x - b) + lam * norm(x)),
    # networks
    Case("network", "dot(v, (x - mean(x)) / sqrt(mean((x - mean(x))**2) + c))", {"v": N, "x": N, "c": S}, "x",
         {"v": "i", "x": "i", "c": ""},
         lambda v, x, c: v @ ((x - F.mean(x)) / F.sqrt(F.mean(F.pow(x - F.mean(x), 2)) + c))),
    Case("network", "x + U @ relu(W @ x)", {"x": N, "U": NM, "W": MN}, "x", {"x": "i", "U": "ij", "W": "ji"},
         lambda x, U, W: x + U @ F.relu(W @ x)),
    Case("network", "sigmoid(G @ x) * tanh(W @ x) + (1 - sigmoid(G @ x)) * x", {"G": NN, "x": N, "W": NN}, "x",
         {"G": "ji", "x": "i", "W": "ji"},
         lambda G, x, W: F.sigmoid((G @ x).rename(j="i")) * F.tanh((W @ x).rename(j="i"))
         + (1 - F.sigmoid((G @ x).rename(j="i"))) * x),
    Case("network", "dot(v, relu(W @ x) - c * relu(-(W @ x)))", {"v": M, "W": MN, "x": N, "c": S}, "W",
         {"v": "j", "W": "ji", "x": "i", "c": ""}, lambda v, W, x, c: v @ (F.relu(W @ x) - c * F.relu(-(W @ x)))),
    Case("network", "dot(v, tanh(W @ tanh(W @ h + U @ a) + U @ b))",
         {"v": M, "W": MM, "h": M, "U": MN, "a": N, "b": N}, "W",
         {"v": "j", "W": "jk", "h": "k", "U": "ji", "a": "i", "b": "i"},
         lambda v, W, h, U, a, b: v @ F.tanh(W @ F.tanh(W @ h + U @ a).rename(j="k") + U @ b)),
    Case("network", "tanh(g * dot(u, x) / norm(u))", {"g": S, "u": N, "x": N}, "u", {"g": "", "u": "i", "x": "i"},
         lambda g, u, x: F.tanh(g * (u @ x) / norm(u))),
    Case("network", "norm(s)**2 / (1 + norm(s)**2) * s / norm(s)", {"s": N}, "s", {"s": "i"},
         lambda s: sq(s) / (1 + sq(s)) * s / norm(s)),
    Case("network", "norm(tanh(W @ x) - tanh(W @ z))**2", {"W": MN, "x": N, "z": N}, "W", {"W": "ji", "x": "i", "z": "i"},
         lambda W, x, z: sq(F.tanh(W @ x) - F.tanh(W @ z))),
    Case("network", "log(1 + dot(u, w) * (1 - tanh(dot(w, z) + b)**2))", {"u": N, "w": N, "z": N, "b": S}, "w",
         {"u": "i", "w": "i", "z": "i", "b": ""}, lambda u, w, z, b: F.log(1 + (u @ w) * (1 - F.tanh(w @ z + b) ** 2))),
    Case("attention", "dot(v, X.T @ softmax(X @ w))", {"v": N, "X": MN, "w": N}, "X", {"v": "i", "X": "ji", "w": "i"},
         lambda v, X, w: v @ (X @ F.softmax(X @ w, dim="j"))),
    # elementwise functions
    Case("elementwise", "dot(a, x * (1 + tanh(c * (x + d * x**3))))", {"a": N, "x": N, "c": S, "d": S}, "x",
         {"a": "i", "x": "i", "c": "", "d": ""},
         lambda a, x, c, d: a @ (x * (1 + F.tanh(c * (x + d * F.pow(x, 3)))))),
    Case("elementwise", "dot(a, x / (1 + abs(x)))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (x / (1 + F.abs(x)))),
    Case("elementwise", "dot(a, log(x + sqrt(x**2 + 1)))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ F.log(x + F.sqrt(F.pow(x, 2) + 1))),
    Case("elementwise", "dot(v, x / (k + x))", {"v": N, "x": N, "k": N}, "x", {"v": "i", "x": "i", "k": "i"},
         lambda v, x, k: v @ (x / (k + x))),
    Case("elementwise", "dot(a, softplus(X) @ b)", {"a": M, "X": MN, "b": N}, "X", {"a": "i", "X": "ij", "b": "j"},
         lambda a, X, b: a @ softplus(X) @ b),
    # products and sums of these
    Case("product", "dot(a, x) * sigmoid(dot(b, x))", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: (a @ x) * F.sigmoid(b @ x)),
    Case("product", "dot(x, A @ x) * exp(-dot(b, x))", {"x": N, "A": NN, "b": N}, "x", {"x": "i", "A": "ij", "b": "i"},
         lambda x, A, b: (x @ A @ x.rename(i="j")) * F.exp(-(b @ x))),
    Case("product", "exp(-tr(A @ inv(X)) / 2) / det(X)**2", {"A": NN, "X": NN}, "X", {"A": "ij", "X": "ij"},
         lambda A, X: F.exp(-(A @ F.inverse(X)) / 2) / F.det(X) ** 2, {"X": INV}),
    Case("product", "dot(a, x) * log(dot(b, x))", {"a": N, "x": N, "b": N}, "x", {"a": "i", "x": "i", "b": "i"},
         lambda a, x, b: (a @ x) * F.log(b @ x)),
    Case("sum", "sum(exp(X @ w)) - dot(y, X @ w) + dot(w - u, inv(S) @ (w - u)) / 2",
         {"X": MN, "w": N, "y": M, "u": N, "S": NN}, "w", {"X": "ji", "w": "i", "y": "j", "u": "i", "S": "ik"},
         lambda X, w, y, u, S: F.sum(F.exp(X @ w)) - y @ (X @ w)
         + ((w - u).rename(i="k") @ F.inverse(S) @ (w - u)) / 2, {"S": INV}),
    Case("sum", "dot(w, S @ w) - c * dot(r, w) + lam * norm1(w - u)", {"w": N, "S": NN, "c": S, "r": N, "lam": S, "u": N},
         "w", {"w": "i", "S": "ij", "c": "", "r": "i", "lam": "", "u": "i"},
         lambda w, S, c, r, lam, u: w @ S @ w.rename(i="j") - c * (r @ w) + lam * l1(w - u)),
)
