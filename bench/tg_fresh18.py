"""An eighteenth held-out set for bench/bench_tensorgrad.py (``--cases fresh18``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 44, branch fresh18), without reading the engine or the
checks: none is in tg_cases.py, tg_fresh.py or tg_fresh3.py .. tg_fresh17.py (nor the same function under a cyclic
trace, a transpose or renamed variables): checked by a script that renames every variable in order of appearance and
compares the texts, and that compares values at two random points with every earlier case (1,672) and every earlier
case of this set of the same shapes, under every shape-keeping renaming, square matrices also transposed, as equal,
proportional or off by a constant (the same ratio or offset at both points; vector and matrix values also as sorted
entries). The first draft had 31 such repeats (12 by value alone, among them the Bhattacharyya distance written with
logdet((S + T) / 2) / 2 - logdet(S) / 4 - logdet(T) / 4, the diagonal Gaussian W2 distance with norm(sqrt(s) -
sqrt(t))**2, an ELBO term at -1/2 of fresh16's, Bahdanau attention and the Hopfield energy by other variables,
expectile regression with norms of relus, Fair's loss with c |r| expanded, the Hoyer ratio with norm1, the Lagrange
identity with dots, and the geometric margin |w.x + b| / |w|, equal to fresh6's (w.x + b) / |w| at the positive points;
19 by text, the same expression or the same by another variable: the Riccati residual, the Kalman gain by R, the
contrastive loss, the RBM free energy, label smoothing, the logistic Hessian-vector product, the hat-matrix trace by
its ridge, a mixture of experts, the Laplace kernel, kernel-target alignment, and Newton's tr(X)^3 - 3 tr(X) tr(X^2) +
2 tr(X^3), also 6 det(X) by value at n = 3), the second 7 (the squared commutator's trace, the Fisher information
tr(S^-1 A S^-1 B) / 2 at half fresh's tr(A inv(X) B inv(X)), the generalised cross-entropy, the variance under a
softmax, KL-NMF by H, Geman-McClure by w, a Tweedie deviance), the third none; each was replaced before the commit by
another of the same kind. Before the commit each case's two sides were also compared by value alone (mcdocgen's
evaluator against tg_numpy at the warm-up check's point, no derivative, nothing timed): all 100 agree; and central
differences of mcdocgen's evaluator there found no case flat.

Picked as a grader would from a matrix-calculus course, the Matrix Cookbook, ML papers, statistics, econometrics,
control, signal processing, optimal transport and physics, 20 kinds of 5: linear maps (a second-order graph filter a x
+ b L x + c L^2 x as a vector by the shift operator, the Stein operator X - A X A^T as a matrix by X, a centred
cross-moment w^T X^T (y - mean(y)), a Markov chain's stationarity residual P^T q - q as a vector by P, a truncated
Neumann series output c^T (x + A x + A^2 x) by A), quadratic forms (a penalised Rayleigh energy x^T A x + c (|x|^2 -
1)^2, the Levenberg-Marquardt model by the Jacobian, a triplet metric-learning difference by the projection, the
two-stage least squares objective, the Bellman residual of a linear value function), traces (a truncated matrix
exponential's trace, the ratio-cut relaxation tr(Y^T L Y) with L = diag(W 1) - W by W, a rigid body's rotational energy
by the positions (inertia tensor), Pillai's trace tr(H (H + E)^-1), the St Venant-Kirchhoff strain energy), Frobenius
residuals (a whitening residual, graph-regularised matrix factorisation, weighted matrix completion by V, Sinkhorn's
two marginal residuals by the scaling, Procrustes with a translation by the translation), inverses (the GLS estimator
as a vector by the weights, a Sherman-Morrison bilinear form, Katz centrality's total by its attenuation, Leontief's
priced output q^T (I - A)^-1 d by A, the PRESS statistic by X), determinants (a Laplacian GMRF's log-determinant by the
weights, a two-variable LMI barrier, a block determinant's Schur form logdet(A) + logdet(D - C A^-1 B) by A, a Gaussian
copula's log-density by its correlation, the neo-Hookean energy), Gaussian pieces (a multiplicative-heteroskedasticity
NLL by its variance coefficients, probabilistic PCA's NLL by the loadings, a Kalman innovation NLL by the prior
covariance, the Fisher-Rao distance between diagonal covariances, Gaussian score matching by the precision), kernels
(the Gaussian MMD^2 by one sample, the Nystrom residual's trace by the landmarks' columns, the log kernel -log(|x -
y|^c + 1), a second-order ANOVA kernel, an SVM dual with a polynomial kernel by the multipliers), logs and exps (a
smooth max-abs, a zero-inflated Poisson NLL of zeros by its mixing logit, the Plackett-Luce NLL, the entropic optimal
transport semi-dual, a two-nest nested-logit inclusive value by a dissimilarity), softmax (the Jensen-Shannon
divergence of two softmaxes, A^T softmax(A x) as a vector by x, the Taylor softmax NLL, a mixture-of-softmaxes NLL by
the context, a soft k-means cost by the centroids), attention (sigmoid attention as a vector by the query, masked
softmax attention by the query, QK-normalised attention by the query, softplus-feature linear attention,
Nadaraya-Watson by the bandwidth), logistic pieces (a forward-corrected noisy-label NLL, the non-negative PU risk,
Firth's penalised NLL, the logistic Fisher information X^T diag(s (1 - s)) X as a matrix by w, a 3PL item-response NLL
by the discriminations), losses (the half-power beta divergence by h, the Sammon-weighted range stress, CosFace's
margin softmax by the weights, LINEX by its asymmetry, a heteroscedastic Laplace NLL by the log-scales), quotients (a
Sortino-like ratio, the beamformer SINR, the Gini coefficient, Theil's U, the soft Jaccard loss), powers (the Hill
equation as a vector by its coefficient, a Box-Cox regression by lambda, the Kohlrausch stretched-exponential fit by
its exponent, a Renyi entropy of a softmax, a Student-t kernel by its degrees of freedom), norms (the multi-task
lasso's l2,1 norm, the Schatten-4 norm, the chordal distance between subspaces, the square-root lasso, a generalised
cosine by the metric), elementwise functions (the bent identity as a vector, Godfrey's soft exponential by its
parameter, the generalised logistic (Richards) curve as a vector by its shape, a hard tanh of relus, a softsign by its
scale), networks (a residual block as a vector by W, a GRU-style gate's squared error, a GLU by its gate weights, a
graph convolution by W, a tied-weight auto-encoder), products (replicator dynamics as a vector by x, Oja's rule as a
vector by w, the weighted Gram X diag(w) X^T as a matrix by w, the factorization machine's pairwise term, the
dipole-dipole energy by the separation), and roots (a Cholesky-whitened distance by the factor, the Hellinger distance
of two softmaxes, a Coulomb potential by the position, von Mises' equivalent stress by the stress tensor, the
analytic-signal envelope as a vector). Derivatives by vectors, matrices and scalars; fifteen vector- or matrix-valued
functions (vectors by matrices, vectors by vectors, vectors by scalars, matrices by vectors, a matrix by a matrix),
their whole derivatives compared.

The same structure and conventions as tg_cases.py and tg_fresh17.py (tg_cases.py's docstring says how tensorgrad's
edges are named): an inverse is contracted on its far edge (``F.inverse(X)`` with X on edges "ij" holds X^-1's rows on
j), ``X.rename(i="j", j="i")`` is a transpose, ``Delta`` is the identity on the edges it names (a ones vector on one
edge), ``u * v`` on two different edges an outer product; a scalar variable inside a sum over a vector is multiplied by
a ones vector on the tensorgrad side, as the language broadcasts it, and so is a vector summed with a matrix. No
variable is named after a size (n, m, p), nor F (tensorgrad's functions here). A variable exponent (x**h, Box-Cox, the
stretched exponential, Renyi's order, the Student-t kernel, |x - y|**c) is written as such in mcdocgen's language and
through exp and log in tensorgrad's, which has no power with a tensor exponent.

The warm-up check (--runs 0 --cpu, the warm-up round alone, nothing timed; the engine of the commit checked, branched
from main at 5ed095f). At the set's first commit (0d2089c) all 100 agree as written: 85 "ok", the fifteen vector- or
matrix-valued "ok (derivative)", none with a zero gradient or derivative; nothing was fixed or replaced after the
check. Before it was run, central differences of mcdocgen's evaluator at the check's point found no case flat; the
smallest scalar gradients there (the largest entry): softplus-feature linear attention by q (6.2e-4), the noisy-label
NLL by w (1.7e-2), the GRU-style gate by U (2.2e-2). At the check's point the PU risk's relu has a positive argument
(1.2), the Sortino-like ratio's relu(mean(r) - r) is positive for one return of four, the hard tanh's x - 1 is negative
for one entry of three, the residual block's and the graph convolution's relus are positive throughout, the
heteroscedastic Laplace residuals y - X w all negative, the square-root lasso's w and the softsign's x positive; the
Gini coefficient's abs holds the diagonal of outer(x, ones(n)) - outer(ones(n), x), zero at every point: an identically
zero entry, where the two sides agree.
"""

from __future__ import annotations

from fractions import Fraction

import tensorgrad.functions as F

from tg_cases import Case, eye, inv_quad, logdet, lse, norm, quad, softplus, sq, sqdist

N, NN, MN, M, P, S = ("n",), ("n", "n"), ("m", "n"), ("m",), ("p",), ()
MM, PN, NM, NP, PP = ("m", "m"), ("p", "n"), ("n", "m"), ("n", "p"), ("p", "p")
MP = ("m", "p")
INV = ("invertible",)


def pairwise(X, Y):
    """The squared distances between the rows of X and of Y (edges "ji"): a matrix on j (X's rows), l (Y's)."""
    return (((X * X) @ eye("n", "i")) * eye("m", "l") + eye("m", "j") * ((Y * Y) @ eye("n", "i")).rename(j="l")
            - 2 * (X @ Y.rename(j="l")))


CASES: tuple[Case, ...] = (
    # linear
    Case("linear", "a * x + b * (L @ x) + c * (L @ (L @ x))", {"a": S, "x": N, "b": S, "L": NN, "c": S}, "L",
         {"a": "", "x": "j", "b": "", "L": "ij", "c": ""},
         lambda a, x, b, L, c: a * x.rename(j="i") + b * (L @ x) + c * (L @ (L @ x).rename(i="j"))),
    Case("linear", "X - A @ X @ A.T", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: X - A.rename(j="k") @ X.rename(i="k", j="l") @ A.rename(i="j", j="l")),
    Case("linear", "dot(w, X.T @ (y - mean(y)))", {"w": N, "X": MN, "y": M}, "X", {"w": "i", "X": "ji", "y": "j"},
         lambda w, X, y: ((y - F.mean(y)) @ X) @ w),
    Case("linear", "P.T @ q - q", {"P": NN, "q": N}, "P", {"P": "ij", "q": "i"},
         lambda P, q: q @ P - q.rename(i="j")),
    Case("linear", "dot(c, x + A @ x + A @ (A @ x))", {"c": N, "x": N, "A": NN}, "A", {"c": "i", "x": "j", "A": "ij"},
         lambda c, x, A: c @ (x.rename(j="i") + A @ x + A @ (A @ x).rename(i="j"))),
    # quadratic forms
    Case("quadratic", "dot(x, A @ x) + c * (dot(x, x) - 1)**2", {"x": N, "A": NN, "c": S}, "x",
         {"x": "i", "A": "ij", "c": ""}, lambda x, A, c: quad(x, A) + c * F.pow(x @ x - 1, 2)),
    Case("quadratic", "norm(r + J @ s)**2 / 2 + c * norm(s)**2 / 2", {"r": M, "J": MN, "s": N, "c": S}, "J",
         {"r": "j", "J": "ji", "s": "i", "c": ""}, lambda r, J, s, c: sq(r + J @ s) / 2 + c * sq(s) / 2),
    Case("quadratic", "norm(L @ (x - y))**2 - norm(L @ (x - z))**2", {"L": PN, "x": N, "y": N, "z": N}, "L",
         {"L": "ki", "x": "i", "y": "i", "z": "i"}, lambda L, x, y, z: sq(L @ (x - y)) - sq(L @ (x - z))),
    Case("quadratic", "dot(y - X @ w, Z @ inv(Z.T @ Z) @ Z.T @ (y - X @ w))", {"y": M, "X": MN, "w": N, "Z": MP}, "w",
         {"y": "j", "X": "ji", "w": "i", "Z": "jk"},
         lambda y, X, w, Z: (lambda g: g.rename(k="l") @ F.inverse(Z @ Z.rename(k="l")) @ g)((y - X @ w) @ Z)),
    Case("quadratic", "norm(Phi @ w - r - c * P @ (Phi @ w))**2", {"Phi": MN, "w": N, "r": M, "c": S, "P": MM}, "w",
         {"Phi": "ji", "w": "i", "r": "j", "c": "", "P": "lj"},
         lambda Phi, w, r, c, P: (lambda v: sq(v - r - c * (P @ v).rename(l="j")))(Phi @ w)),
    # traces
    Case("trace", "tr(eye(n) + X + X @ X / 2 + X @ X @ X / 6)", {"X": NN}, "X", {"X": "ij"},
         lambda X: (eye("n", "i", "j") + X + X.rename(j="k") @ X.rename(i="k") / 2
                    + X.rename(j="k") @ X.rename(i="k", j="l") @ X.rename(i="l") / 6) @ eye("n", "i", "j")),
    Case("trace", "tr(Y.T @ (diag(W @ ones(m)) - W) @ Y)", {"Y": MP, "W": MM}, "W", {"Y": "jk", "W": "jl"},
         lambda Y, W: Y @ ((W @ eye("m", "l")) * eye("m", "j", "l") - W) @ Y.rename(j="l")),
    Case("trace", "(tr(X.T @ diag(c) @ X) * dot(w, w) - dot(w, X.T @ diag(c) @ X @ w)) / 2", {"X": MN, "c": M, "w": N}, "X",
         {"X": "ji", "c": "j", "w": "i"},
         lambda X, c, w: (lambda J: (J @ eye("n", "i", "k") * (w @ w) - w @ J @ w.rename(i="k")) / 2)(
             (X * c) @ X.rename(i="k"))),
    Case("trace", "tr(H @ inv(H + E))", {"H": NN, "E": NN}, "H", {"H": "ij", "E": "ij"},
         lambda H, E: H @ F.inverse(H + E)),
    Case("trace", "c * tr(G.T @ G - eye(n))**2 / 8 + d * tr((G.T @ G - eye(n)) @ (G.T @ G - eye(n))) / 4",
         {"c": S, "G": NN, "d": S}, "G", {"c": "", "G": "ij", "d": ""},
         lambda c, G, d: (lambda E: c * F.pow(E @ eye("n", "j", "k"), 2) / 8 + d * (E @ E.rename(j="k", k="j")) / 4)(
             G @ G.rename(j="k") - eye("n", "j", "k"))),
    # Frobenius residuals
    Case("frobenius", "norm(u * (K @ v) - a)**2 + norm(v * (K.T @ u) - b)**2", {"u": N, "K": NM, "v": M, "a": N, "b": M},
         "u", {"u": "i", "K": "ij", "v": "j", "a": "i", "b": "j"},
         lambda u, K, v, a, b: sq(u * (K @ v) - a) + sq(v * (u @ K) - b)),
    Case("frobenius", "norm(W @ C @ W.T - eye(p))**2", {"W": PN, "C": NN}, "W", {"W": "ki", "C": "ij"},
         lambda W, C: sq(W @ C @ W.rename(k="l", i="j") - eye("p", "k", "l"))),
    Case("frobenius", "norm(Y - U @ V)**2 + c * tr(U.T @ L @ U)", {"Y": MN, "U": MP, "V": PN, "c": S, "L": MM}, "U",
         {"Y": "ji", "U": "jk", "V": "ki", "c": "", "L": "jl"},
         lambda Y, U, V, c, L: sq(Y - U @ V) + c * (U @ L @ U.rename(j="l"))),
    Case("frobenius", "norm(M * (Y - U @ V.T))**2 + c * norm(V)**2", {"M": MN, "Y": MN, "U": MP, "V": NP, "c": S}, "V",
         {"M": "ji", "Y": "ji", "U": "jk", "V": "ik", "c": ""},
         lambda M, Y, U, V, c: sq(M * (Y - U @ V)) + c * sq(V)),
    Case("frobenius", "norm(Y - X @ R - outer(ones(m), t))**2", {"Y": MN, "X": MN, "R": NN, "t": N}, "t",
         {"Y": "ji", "X": "jk", "R": "ki", "t": "i"}, lambda Y, X, R, t: sq(Y - X @ R - eye("m", "j") * t)),
    # inverses
    Case("inverse", "inv(X.T @ W @ X) @ X.T @ W @ y", {"X": MN, "W": MM, "y": M}, "W", {"X": "ji", "W": "jl", "y": "l"},
         lambda X, W, y: (F.inverse(X @ W @ X.rename(j="l", i="k")) @ (X @ W @ y)).rename(k="i")),
    Case("inverse", "dot(q, inv(eye(n) - A) @ d)", {"q": N, "A": NN, "d": N}, "A", {"q": "i", "A": "ij", "d": "i"},
         lambda q, A, d: q.rename(i="j") @ F.inverse(eye("n", "i", "j") - A) @ d),
    Case("inverse", "dot(u, inv(A + outer(b, c)) @ v)", {"u": N, "A": NN, "b": N, "c": N, "v": N}, "b",
         {"u": "i", "A": "ij", "b": "i", "c": "j", "v": "i"},
         lambda u, A, b, c, v: u.rename(i="j") @ F.inverse(A + b * c) @ v),
    Case("inverse", "sum(inv(eye(n) - c * A / 10) @ ones(n))", {"c": S, "A": NN}, "c", {"c": "", "A": "ij"},
         lambda c, A: F.sum(F.inverse(eye("n", "i", "j") - c * A / 10))),
    Case("inverse", "sum(((y - X @ inv(X.T @ X) @ X.T @ y) / (1 - diag(X @ inv(X.T @ X) @ X.T)))**2)",
         {"y": M, "X": MN}, "X", {"y": "j", "X": "ji"},
         lambda y, X: (lambda Q: F.sum(F.pow((y - Q @ X.rename(j="l", i="k") @ y.rename(j="l"))
                                             * F.pow(1 - (Q * X.rename(i="k")) @ eye("n", "k"), -1), 2)))(
             X @ F.inverse(X @ X.rename(i="k")))),
    # determinants and log-determinants
    Case("determinant", "logdet(diag(W @ ones(n)) - W + c * eye(n))", {"W": NN, "c": S}, "W", {"W": "ij", "c": ""},
         lambda W, c: logdet((W @ eye("n", "j")) * eye("n", "i", "j") - W + c * eye("n", "i", "j"))),
    Case("determinant", "a * s + b * t - logdet(C + s * A + t * B)",
         {"a": S, "s": S, "b": S, "t": S, "C": NN, "A": NN, "B": NN}, "s",
         {"a": "", "s": "", "b": "", "t": "", "C": "ij", "A": "ij", "B": "ij"},
         lambda a, s, b, t, C, A, B: a * s + b * t - logdet(C + s * A + t * B)),
    Case("determinant", "-(logdet(R) + dot(z, (inv(R) - eye(n)) @ z)) / 2", {"R": NN, "z": N}, "R", {"R": "ij", "z": "i"},
         lambda R, z: -(logdet(R) + inv_quad(z, R) - z @ z) / 2, {"R": INV}),
    Case("determinant", "c * (tr(G.T @ G) - 3) / 2 - c * logdet(G) + d * logdet(G)**2 / 2", {"c": S, "G": NN, "d": S},
         "G", {"c": "", "G": "ij", "d": ""},
         lambda c, G, d: c * (sq(G) - 3) / 2 - c * logdet(G) + d * F.pow(logdet(G), 2) / 2),
    Case("determinant", "logdet(A) + logdet(D - C @ inv(A) @ B)", {"A": NN, "D": PP, "C": PN, "B": NP}, "A",
         {"A": "ij", "D": "kl", "C": "kj", "B": "il"},
         lambda A, D, C, B: logdet(A) + logdet(D - C @ F.inverse(A) @ B), {"A": INV}),
    # Gaussian pieces
    Case("gaussian", "logdet(W @ W.T + s * eye(m)) + tr(inv(W @ W.T + s * eye(m)) @ C)", {"W": MP, "s": S, "C": MM}, "W",
         {"W": "jk", "s": "", "C": "jl"},
         lambda W, s, C: (lambda G: logdet(G) + F.inverse(G) @ C)(W @ W.rename(j="l") + s * eye("m", "j", "l"))),
    Case("gaussian", "logdet(H @ P @ H.T + R) + dot(y - H @ x, inv(H @ P @ H.T + R) @ (y - H @ x))",
         {"H": MN, "P": NN, "R": MM, "y": M, "x": N}, "P", {"H": "ji", "P": "ik", "R": "jl", "y": "j", "x": "i"},
         lambda H, P, R, y, x: (lambda G, e: logdet(G) + e.rename(j="l") @ F.inverse(G) @ e)(
             H @ P @ H.rename(j="l", i="k") + R, y - H @ x)),
    Case("gaussian", "sum((y - X @ w)**2 * exp(-(Z @ g)) + Z @ g) / 2", {"y": M, "X": MN, "w": N, "Z": MP, "g": P}, "g",
         {"y": "j", "X": "ji", "w": "i", "Z": "jk", "g": "k"},
         lambda y, X, w, Z, g: F.sum(F.pow(y - X @ w, 2) * F.exp(-(Z @ g)) + Z @ g) / 2),
    Case("gaussian", "tr(P @ C @ P) / 2 - tr(P)", {"P": NN, "C": NN}, "P", {"P": "ij", "C": "ij"},
         lambda P, C: P.rename(j="k") @ C.rename(i="k", j="l") @ P.rename(i="l", j="i") / 2 - P @ eye("n", "i", "j")),
    Case("gaussian", "sqrt(sum(log(s / t)**2) / 2)", {"s": N, "t": N}, "s", {"s": "i", "t": "i"},
         lambda s, t: F.sqrt(F.sum(F.pow(F.log(s * F.pow(t, -1)), 2)) / 2)),
    # kernels
    Case("kernel", "mean(exp(-(outer((X * X) @ ones(n), ones(m)) + outer(ones(m), (X * X) @ ones(n)) - 2 * X @ X.T)))"
         " - 2 * mean(exp(-(outer((X * X) @ ones(n), ones(m)) + outer(ones(m), (Y * Y) @ ones(n)) - 2 * X @ Y.T)))"
         " + mean(exp(-(outer((Y * Y) @ ones(n), ones(m)) + outer(ones(m), (Y * Y) @ ones(n)) - 2 * Y @ Y.T)))",
         {"X": MN, "Y": MN}, "X", {"X": "ji", "Y": "ji"},
         lambda X, Y: F.mean(F.exp(-pairwise(X, X))) - 2 * F.mean(F.exp(-pairwise(X, Y)))
         + F.mean(F.exp(-pairwise(Y, Y)))),
    Case("kernel", "tr(K - C @ inv(W) @ C.T)", {"K": MM, "C": MP, "W": PP}, "C", {"K": "jl", "C": "jk", "W": "kq"},
         lambda K, C, W: (K - C.rename(k="q") @ F.inverse(W) @ C.rename(j="l")) @ eye("m", "j", "l"), {"W": INV}),
    Case("kernel", "-log(norm(x - y)**c + 1)", {"x": N, "y": N, "c": S}, "x", {"x": "i", "y": "i", "c": ""},
         lambda x, y, c: -F.log(F.exp(c / 2 * F.log(sq(x - y))) + 1)),
    Case("kernel", "(sum(exp(-(x - y)**2 / s))**2 - sum(exp(-2 * (x - y)**2 / s))) / 2", {"x": N, "y": N, "s": S}, "x",
         {"x": "i", "y": "i", "s": ""},
         lambda x, y, s: (F.pow(F.sum(F.exp(-F.pow(x - y, 2) / s)), 2) - F.sum(F.exp(-2 * F.pow(x - y, 2) / s))) / 2),
    Case("kernel", "sum(a) - dot(a * y, (X @ X.T + outer(ones(m), ones(m)))**2 @ (a * y)) / 2", {"a": M, "y": M, "X": MN},
         "a", {"a": "j", "y": "j", "X": "ji"},
         lambda a, y, X: (lambda v: F.sum(a) - v @ F.pow(X @ X.rename(j="l") + eye("m", "j") * eye("m", "l"), 2)
                          @ v.rename(j="l") / 2)(a * y)),
    # logs and exps
    Case("log-exp", "log(sum(exp(c * x) + exp(-c * x))) / c", {"c": S, "x": N}, "x", {"c": "", "x": "i"},
         lambda c, x: F.log(F.sum(F.exp(c * x) + F.exp(-c * x))) / c),
    Case("log-exp", "-sum(log(sigmoid(c) + (1 - sigmoid(c)) * exp(-exp(X @ w))))", {"c": S, "X": MN, "w": N}, "c",
         {"c": "", "X": "ji", "w": "i"},
         lambda c, X, w: -F.sum(F.log(F.sigmoid(c) * eye("m", "j") + (1 - F.sigmoid(c)) * F.exp(-F.exp(X @ w))))),
    Case("log-exp", "sum(log(U @ exp(s)) - s)", {"U": NN, "s": N}, "s", {"U": "ij", "s": "j"},
         lambda U, s: F.sum(F.log(U @ F.exp(s))) - F.sum(s)),
    Case("log-exp", "log(exp(r * log(sum(exp(a / r)))) + exp(k * log(sum(exp(b / k)))))", {"r": S, "a": N, "k": S, "b": M},
         "r", {"r": "", "a": "i", "k": "", "b": "j"},
         lambda r, a, k, b: F.log(F.exp(r * lse(a / r)) + F.exp(k * lse(b / k)))),
    Case("log-exp", "dot(b, g) - c * dot(a, log(exp((outer(ones(n), g) - C) / c) @ ones(m)))",
         {"b": M, "g": M, "c": S, "a": N, "C": NM}, "g", {"b": "j", "g": "j", "c": "", "a": "i", "C": "ij"},
         lambda b, g, c, a, C: b @ g - c * (a @ F.log(F.exp((eye("n", "i") * g - C) / c) @ eye("m", "j")))),
    # softmax
    Case("softmax", "-dot(y, log((1 + z + z**2 / 2) / sum(1 + z + z**2 / 2)))", {"y": N, "z": N}, "z", {"y": "i", "z": "i"},
         lambda y, z: (lambda t: -(y @ F.log(t / F.sum(t))))(1 + z + F.pow(z, 2) / 2)),
    Case("softmax", "(dot(softmax(u), log(2 * softmax(u) / (softmax(u) + softmax(z))))"
         " + dot(softmax(z), log(2 * softmax(z) / (softmax(u) + softmax(z))))) / 2", {"u": N, "z": N}, "z",
         {"u": "i", "z": "i"},
         lambda u, z: (lambda p, q: (p @ F.log(2 * p * F.pow(p + q, -1)) + q @ F.log(2 * q * F.pow(p + q, -1))) / 2)(
             F.softmax(u, dim="i"), F.softmax(z, dim="i"))),
    Case("softmax", "-sum(log(exp(-(outer((X * X) @ ones(n), ones(p)) + outer(ones(m), (C * C) @ ones(n)) - 2 * X @ C.T) / 2)"
         " @ ones(p)))", {"X": MN, "C": PN}, "C", {"X": "ji", "C": "ki"},
         lambda X, C: -F.sum(F.log(F.exp(-(((X * X) @ eye("n", "i")) * eye("p", "k") + eye("m", "j") * ((C * C) @ eye("n", "i"))
                                            - 2 * (X @ C)) / 2) @ eye("p", "k")))),
    Case("softmax", "-log(sigmoid(c) * dot(y, softmax(A @ h)) + (1 - sigmoid(c)) * dot(y, softmax(B @ h)))",
         {"c": S, "y": M, "A": MN, "h": N, "B": MN}, "h", {"c": "", "y": "j", "A": "ji", "h": "i", "B": "ji"},
         lambda c, y, A, h, B: -F.log(F.sigmoid(c) * (y @ F.softmax(A @ h, dim="j"))
                                      + (1 - F.sigmoid(c)) * (y @ F.softmax(B @ h, dim="j")))),
    Case("softmax", "A.T @ softmax(A @ x)", {"A": MN, "x": N}, "x", {"A": "ji", "x": "i"},
         lambda A, x: F.softmax(A @ x, dim="j") @ A),
    # attention
    Case("attention", "dot(u, V.T @ (s * exp(K @ q))) / dot(s, exp(K @ q))", {"u": N, "V": MN, "s": M, "K": MN, "q": N}, "q",
         {"u": "i", "V": "ji", "s": "j", "K": "ji", "q": "i"},
         lambda u, V, s, K, q: (lambda e: (u @ (V @ (s * e))) / (s @ e))(F.exp(K @ q))),
    Case("attention", "V.T @ sigmoid(K @ q + b)", {"V": MN, "K": MN, "q": N, "b": S}, "q",
         {"V": "ji", "K": "ji", "q": "i", "b": ""}, lambda V, K, q, b: V @ F.sigmoid(K @ q + b * eye("m", "j"))),
    Case("attention", "dot(u, V.T @ softmax(c * K @ (q - mean(q)) / norm(q - mean(q))))",
         {"u": N, "V": MN, "c": S, "K": MN, "q": N}, "q", {"u": "i", "V": "ji", "c": "", "K": "ji", "q": "i"},
         lambda u, V, c, K, q: (lambda d: u @ (V @ F.softmax(c * (K @ d) / norm(d), dim="j")))(q - F.mean(q))),
    Case("attention", "dot(u, V.T @ (softplus(K) @ softplus(q))) / sum(softplus(K) @ softplus(q))",
         {"u": N, "V": MN, "K": MN, "q": N}, "q", {"u": "i", "V": "ji", "K": "ji", "q": "i"},
         lambda u, V, K, q: (lambda a: (u @ (V @ a)) / F.sum(a))(softplus(K) @ softplus(q))),
    Case("attention", "dot(y, exp(-((X * X) @ ones(n) - 2 * X @ x + dot(x, x)) / (2 * h**2)))"
         " / sum(exp(-((X * X) @ ones(n) - 2 * X @ x + dot(x, x)) / (2 * h**2)))", {"y": M, "X": MN, "x": N, "h": S}, "h",
         {"y": "j", "X": "ji", "x": "i", "h": ""},
         lambda y, X, x, h: (lambda e: (y @ e) / F.sum(e))(F.exp(-sqdist(X, x) / (2 * F.pow(h, 2))))),
    # logistic pieces
    Case("logistic", "-dot(y, log((1 - e / 4) * sigmoid(X @ w) + e / 4 * (1 - sigmoid(X @ w))))"
         " - dot(1 - y, log(1 - (1 - e / 4) * sigmoid(X @ w) - e / 4 * (1 - sigmoid(X @ w))))",
         {"y": M, "e": S, "X": MN, "w": N}, "w", {"y": "j", "e": "", "X": "ji", "w": "i"},
         lambda y, e, X, w: (lambda s: (lambda p: -(y @ F.log(p)) - (1 - y) @ F.log(1 - p))(
             (1 - e / 4) * s + e / 4 * (1 - s)))(F.sigmoid(X @ w))),
    Case("logistic", "c * mean(softplus(-(P @ w))) / 2 + relu(mean(softplus(U @ w)) - c * mean(softplus(P @ w)) / 2)",
         {"c": S, "P": MN, "w": N, "U": MN}, "w", {"c": "", "P": "ji", "w": "i", "U": "ji"},
         lambda c, P, w, U: c * F.mean(softplus(-(P @ w))) / 2
         + F.relu(F.mean(softplus(U @ w)) - c * F.mean(softplus(P @ w)) / 2)),
    Case("logistic", "-dot(y, log(sigmoid(X @ w))) - dot(1 - y, log(1 - sigmoid(X @ w)))"
         " - logdet(X.T @ diag(sigmoid(X @ w) * (1 - sigmoid(X @ w))) @ X) / 2",
         {"y": M, "X": MN, "w": N}, "w", {"y": "j", "X": "ji", "w": "i"},
         lambda y, X, w: (lambda s: -(y @ F.log(s)) - (1 - y) @ F.log(1 - s)
                          - logdet((X * (s * (1 - s))) @ X.rename(i="k")) / 2)(F.sigmoid(X @ w))),
    Case("logistic", "X.T @ diag(sigmoid(X @ w) * (1 - sigmoid(X @ w))) @ X", {"X": MN, "w": N}, "w", {"X": "ji", "w": "i"},
         lambda X, w: (lambda s: (X * (s * (1 - s))) @ X.rename(i="k"))(F.sigmoid(X @ w))),
    Case("logistic", "-dot(y, log(g / 4 + (1 - g / 4) * sigmoid(a * (t - b))))"
         " - dot(1 - y, log((1 - g / 4) * (1 - sigmoid(a * (t - b)))))",
         {"y": M, "g": S, "a": M, "t": S, "b": M}, "a", {"y": "j", "g": "", "a": "j", "t": "", "b": "j"},
         lambda y, g, a, t, b: (lambda s: -(y @ F.log(g / 4 * eye("m", "j") + (1 - g / 4) * s))
                                - (1 - y) @ F.log((1 - g / 4) * (1 - s)))(F.sigmoid(a * (t * eye("m", "j") - b)))),
    # losses
    Case("loss", "sum(2 * sqrt(W @ h) + 2 * y / sqrt(W @ h) - 4 * sqrt(y))", {"W": MN, "h": N, "y": M}, "h",
         {"W": "ji", "h": "i", "y": "j"},
         lambda W, h, y: F.sum(2 * F.sqrt(W @ h) + 2 * y * F.pow(W @ h, Fraction(-1, 2)) - 4 * F.sqrt(y))),
    Case("loss", "sum((sqrt((X * X) @ ones(n) - 2 * X @ x + dot(x, x)) - r)**2 / r) / sum(r)", {"X": MN, "x": N, "r": M},
         "x", {"X": "ji", "x": "i", "r": "j"},
         lambda X, x, r: F.sum(F.pow(F.sqrt(sqdist(X, x)) - r, 2) * F.pow(r, -1)) / F.sum(r)),
    Case("loss", "-dot(y, log(softmax(c * ((W @ x) / (sqrt((W * W) @ ones(n)) * norm(x)) - d * y))))",
         {"y": M, "c": S, "W": MN, "x": N, "d": S}, "W", {"y": "j", "c": "", "W": "ji", "x": "i", "d": ""},
         lambda y, c, W, x, d: -(y @ F.log(F.softmax(
             c * ((W @ x) * F.pow(F.sqrt((W * W) @ eye("n", "i")), -1) / norm(x) - d * y), dim="j")))),
    Case("loss", "sum(exp(a * (X @ w - y)) - a * (X @ w - y) - 1) / a**2", {"a": S, "X": MN, "w": N, "y": M}, "a",
         {"a": "", "X": "ji", "w": "i", "y": "j"},
         lambda a, X, w, y: (lambda r: F.sum(F.exp(a * r) - a * r - 1) / F.pow(a, 2))(X @ w - y)),
    Case("loss", "sum(abs(y - X @ w) * exp(-s) + s)", {"y": M, "X": MN, "w": N, "s": M}, "s",
         {"y": "j", "X": "ji", "w": "i", "s": "j"},
         lambda y, X, w, s: F.sum(F.abs(y - X @ w) * F.exp(-s) + s)),
    # quotients
    Case("quotient", "(mean(R @ w) - c) / sqrt(mean(relu(mean(R @ w) - R @ w)**2))", {"R": MN, "w": N, "c": S}, "w",
         {"R": "ji", "w": "i", "c": ""},
         lambda R, w, c: (lambda r: (F.mean(r) - c) / F.sqrt(F.mean(F.pow(F.relu(F.mean(r) * eye("m", "j") - r), 2))))(
             R @ w)),
    Case("quotient", "dot(w, h)**2 / (dot(w, R @ w) + s)", {"w": N, "h": N, "R": NN, "s": S}, "w",
         {"w": "i", "h": "i", "R": "ij", "s": ""}, lambda w, h, R, s: F.pow(w @ h, 2) / (quad(w, R) + s)),
    Case("quotient", "mean(abs(outer(x, ones(n)) - outer(ones(n), x))) / (2 * mean(x))", {"x": N}, "x", {"x": "i"},
         lambda x: F.mean(F.abs(x * eye("n", "j") - eye("n", "i") * x.rename(i="j"))) / (2 * F.mean(x))),
    Case("quotient", "sqrt(mean((X @ w - y)**2)) / (sqrt(mean((X @ w)**2)) + sqrt(mean(y**2)))",
         {"X": MN, "w": N, "y": M}, "w", {"X": "ji", "w": "i", "y": "j"},
         lambda X, w, y: F.sqrt(F.mean(F.pow(X @ w - y, 2)))
         / (F.sqrt(F.mean(F.pow(X @ w, 2))) + F.sqrt(F.mean(F.pow(y, 2))))),
    Case("quotient", "1 - dot(sigmoid(z), y) / (sum(sigmoid(z)) + sum(y) - dot(sigmoid(z), y))", {"z": N, "y": N}, "z",
         {"z": "i", "y": "i"},
         lambda z, y: (lambda s: 1 - (s @ y) / (F.sum(s) + F.sum(y) - s @ y))(F.sigmoid(z))),
    # powers
    Case("power", "x**h / (k**h + x**h)", {"x": N, "h": S, "k": S}, "h", {"x": "i", "h": "", "k": ""},
         lambda x, h, k: (lambda u: u * F.pow(F.exp(h * F.log(k)) * eye("n", "i") + u, -1))(F.exp(h * F.log(x)))),
    Case("power", "norm((y**c - 1) / c - X @ w)**2", {"y": M, "c": S, "X": MN, "w": N}, "c",
         {"y": "j", "c": "", "X": "ji", "w": "i"},
         lambda y, c, X, w: sq((F.exp(c * F.log(y)) - 1) / c - X @ w)),
    Case("power", "norm(y - exp(-(t / c)**b))**2", {"y": M, "t": M, "c": S, "b": S}, "b",
         {"y": "j", "t": "j", "c": "", "b": ""},
         lambda y, t, c, b: sq(y - F.exp(-F.exp(b * F.log(t / c))))),
    Case("power", "-log(sum(softmax(z)**(a + 1))) / a", {"z": N, "a": S}, "z", {"z": "i", "a": ""},
         lambda z, a: -F.log(F.sum(F.exp((a + 1) * F.log(F.softmax(z, dim="i"))))) / a),
    Case("power", "(1 + norm(x - y)**2 / v)**(-(v + 1) / 2)", {"x": N, "y": N, "v": S}, "v",
         {"x": "i", "y": "i", "v": ""}, lambda x, y, v: F.exp(-(v + 1) / 2 * F.log(1 + sq(x - y) / v))),
    # norms
    Case("norm", "norm(Y - X @ W)**2 / 2 + c * sum(sqrt((W * W) @ ones(p)))", {"Y": MP, "X": MN, "W": NP, "c": S}, "W",
         {"Y": "jk", "X": "ji", "W": "ik", "c": ""},
         lambda Y, X, W, c: sq(Y - X @ W) / 2 + c * F.sum(F.sqrt((W * W) @ eye("p", "k")))),
    Case("norm", "tr(X.T @ X @ X.T @ X)**(1 / 4)", {"X": MN}, "X", {"X": "ji"},
         lambda X: F.pow(sq(X @ X.rename(i="k")), Fraction(1, 4))),
    Case("norm", "norm(U @ U.T - V @ V.T)", {"U": MP, "V": MP}, "U", {"U": "jk", "V": "jk"},
         lambda U, V: norm(U @ U.rename(j="l") - V @ V.rename(j="l"))),
    Case("norm", "norm(y - X @ w) + c * sum(abs(w))", {"y": M, "X": MN, "w": N, "c": S}, "w",
         {"y": "j", "X": "ji", "w": "i", "c": ""}, lambda y, X, w, c: norm(y - X @ w) + c * F.sum(F.abs(w))),
    Case("norm", "dot(x, M @ y) / sqrt(dot(x, M @ x) * dot(y, M @ y))", {"x": N, "M": NN, "y": N}, "M",
         {"x": "i", "M": "ij", "y": "i"},
         lambda x, M, y: (x @ M @ y.rename(i="j")) / F.sqrt(quad(x, M) * quad(y, M))),
    # elementwise functions
    Case("elementwise", "(sqrt(x**2 + 1) - 1) / 2 + x", {"x": N}, "x", {"x": "i"},
         lambda x: (F.sqrt(F.pow(x, 2) + 1) - 1) / 2 + x),
    Case("elementwise", "dot(v, (exp(a * x) - 1) / a + a)", {"v": N, "a": S, "x": N}, "a", {"v": "i", "a": "", "x": "i"},
         lambda v, a, x: v @ ((F.exp(a * x) - 1) / a + a * eye("n", "i"))),
    Case("elementwise", "(1 + exp(-t))**(-1 / v)", {"t": N, "v": S}, "v", {"t": "i", "v": ""},
         lambda t, v: F.exp(-F.log(1 + F.exp(-t)) / v)),
    Case("elementwise", "dot(a, relu(x + 1) - relu(x - 1) - 1)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (F.relu(x + 1) - F.relu(x - 1) - 1)),
    Case("elementwise", "dot(a, x / (c + abs(x)))", {"a": N, "x": N, "c": S}, "c", {"a": "i", "x": "i", "c": ""},
         lambda a, x, c: a @ (x * F.pow(c * eye("n", "i") + F.abs(x), -1))),
    # networks
    Case("network", "x + V @ relu(W @ x + b)", {"x": N, "V": NP, "W": PN, "b": P}, "W",
         {"x": "i", "V": "ik", "W": "ki", "b": "k"}, lambda x, V, W, b: x + V @ F.relu(W @ x + b)),
    Case("network", "norm(sigmoid(U @ x) * h + (1 - sigmoid(U @ x)) * tanh(W @ x) - t)**2",
         {"U": PN, "x": N, "h": P, "W": PN, "t": P}, "U", {"U": "ki", "x": "i", "h": "k", "W": "ki", "t": "k"},
         lambda U, x, h, W, t: (lambda z: sq(z * h + (1 - z) * F.tanh(W @ x) - t))(F.sigmoid(U @ x))),
    Case("network", "dot(a, (W @ x + b) * sigmoid(V @ x + c))", {"a": M, "W": MN, "x": N, "b": M, "V": MN, "c": M}, "V",
         {"a": "j", "W": "ji", "x": "i", "b": "j", "V": "ji", "c": "j"},
         lambda a, W, x, b, V, c: a @ ((W @ x + b) * F.sigmoid(V @ x + c))),
    Case("network", "norm(Y - relu(A @ X @ W))**2", {"Y": MP, "A": MM, "X": MN, "W": NP}, "W",
         {"Y": "jk", "A": "jl", "X": "li", "W": "ik"}, lambda Y, A, X, W: sq(Y - F.relu(A @ X @ W))),
    Case("network", "norm(x - W.T @ sigmoid(W @ x + b))**2", {"x": N, "W": PN, "b": P}, "W",
         {"x": "i", "W": "ki", "b": "k"}, lambda x, W, b: sq(x - F.sigmoid(W @ x + b) @ W)),
    # products
    Case("product", "x * (A @ x - dot(x, A @ x))", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: x * (A @ x.rename(i="j") - quad(x, A) * eye("n", "i"))),
    Case("product", "c * dot(w, x) * (x - dot(w, x) * w)", {"c": S, "w": N, "x": N}, "w", {"c": "", "w": "i", "x": "i"},
         lambda c, w, x: c * (w @ x) * (x - (w @ x) * w)),
    Case("product", "X @ diag(w) @ X.T", {"X": MN, "w": N}, "w", {"X": "ji", "w": "i"},
         lambda X, w: (X * w) @ X.rename(j="l")),
    Case("product", "(norm(V.T @ x)**2 - sum((V * V).T @ (x * x))) / 2", {"V": NP, "x": N}, "V", {"V": "ik", "x": "i"},
         lambda V, x: (sq(x @ V) - F.sum((x * x) @ (V * V))) / 2),
    Case("product", "(dot(a, b) - 3 * dot(a, r) * dot(b, r) / norm(r)**2) / norm(r)**3", {"a": N, "b": N, "r": N}, "r",
         {"a": "i", "b": "i", "r": "i"},
         lambda a, b, r: (a @ b - 3 * (a @ r) * (b @ r) / sq(r)) * F.pow(sq(r), Fraction(-3, 2))),
    # roots of sums
    Case("root", "norm(inv(L) @ (x - u))", {"L": NN, "x": N, "u": N}, "L", {"L": "ij", "x": "i", "u": "i"},
         lambda L, x, u: norm(F.inverse(L) @ (x - u)), {"L": INV}),
    Case("root", "norm(sqrt(softmax(z)) - sqrt(softmax(u)))", {"z": N, "u": N}, "z", {"z": "i", "u": "i"},
         lambda z, u: norm(F.sqrt(F.softmax(z, dim="i")) - F.sqrt(F.softmax(u, dim="i")))),
    Case("root", "sum(q / sqrt((X * X) @ ones(n) - 2 * X @ x + dot(x, x)))", {"q": M, "X": MN, "x": N}, "x",
         {"q": "j", "X": "ji", "x": "i"}, lambda q, X, x: F.sum(q * F.pow(sqdist(X, x), Fraction(-1, 2)))),
    Case("root", "sqrt(3 * tr((S - tr(S) * eye(n) / 3) @ (S - tr(S) * eye(n) / 3)) / 2)", {"S": NN}, "S", {"S": "ij"},
         lambda S: (lambda D: F.sqrt(3 * (D @ D.rename(i="j", j="i")) / 2))(
             S - (S @ eye("n", "i", "j")) * eye("n", "i", "j") / 3)),
    Case("root", "sqrt(x**2 + (H @ x)**2)", {"x": N, "H": NN}, "x", {"x": "j", "H": "ij"},
         lambda x, H: F.sqrt(F.pow(x.rename(j="i"), 2) + F.pow(H @ x, 2))),
)
