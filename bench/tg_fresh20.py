"""A twentieth held-out set for bench/bench_tensorgrad.py (``--cases fresh20``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 46, branch fresh20, from main at d788bb7), without reading
the engine, the checks or any earlier session's notes: none is in tg_cases.py, tg_fresh.py or tg_fresh3.py ..
tg_fresh19.py (nor the same function under a cyclic trace, a transpose or renamed variables): checked by a script that
renames every variable in order of appearance and compares the texts, and that compares values (tg_numpy on the
tensorgrad sides) at two random points with every earlier case (1,872) and every other case of this set whose
variables have the same shapes, under every shape-keeping renaming of the variables and of the sizes n, m, p, square
matrices also transposed, as equal, proportional or off by a constant (the same ratio or offset at both points; vector
and matrix values also as sorted entries); the variable differentiated by is ignored, so the same function by another
variable counts as a repeat. The earlier sets are saturated: the first draft had 41 repeats (29 by text, among them
the hard-swish, the bent identity, TanhExp, the l1/l2 ratio, sqrt(det(X^T X)), the MAPE, the epsilon-insensitive loss,
the generalised cross-entropy, the Hill curve, the power mean, the l2,1 norm, the MVDR ratio, a reset-gated tanh unit,
the GLU, the replicator dynamics, the Kalman gain by R, a Kalman filter's innovation NLL, the diagonal Gaussian W2
distance, the Laplacian kernel, Mellowmax, the entropic OT dual, label smoothing, a mixture of experts, the attention
entropy, Leontief's inverse, the Gram fit |X^T X - G|^2; 12 by value alone, among them the Estrada-like truncated
trace, the squared commutator, the Dirichlet energy by the weights, the SVD fit by the singular values, the planar
flow's log-det, the Tweedie deviance at p = 3/2, the Boltzmann operator, the label-noise logistic loss, the
Michaelis-Menten fit, the Tanimoto similarity, the square-root lasso), the second 13 (the matrix square-root fit, the
approximate inverse |A X - I|^2, the least-squares factor fit, the weighted leverage, the Gaussian copula, the
Plackett-Luce NLL, attention with a query projection, the Fair loss, R^2, the stretched exponential, the Frobenius
condition number, Smish, a tied sigmoid auto-encoder), the third 2 (the MixMatch sharpening q^(1/c) / sum q^(1/c) as
softmax(log q / c), a mixture density network by A as fresh15's by B), the fourth none; each was replaced before the
commit by another of the same kind.

Before the commit each case's two sides were also compared by value alone (mcdocgen's evaluator against tg_numpy at
the warm-up check's point, no derivative, nothing timed), and central differences of mcdocgen's evaluator there looked
for flat cases. One tensorgrad side was wrong as first written ((A X) * (X B): its product's edges came out columns
first, a transposed value; now contracted so that rows come first). One case was flat and changed: the Weston-Watkins
multiclass hinge sum(relu(1 + W x - y^T W x)) was 0 at the point (every margin met with the positive label weights;
now y^T W x / sum(y), the labels as a distribution). After that all 100 agree by value, none flat; the smallest
gradients there (the largest entry): linear attention with elu + 1 features by q (4.2e-4), the ridge GCV by its ridge
(2.1e-3), L2-distance attention by its temperature (8.4e-3), the affine-coupling flow by A (8.4e-3).

Picked as a grader would from a matrix-calculus course, the Matrix Cookbook, ML papers, statistics, econometrics,
control, graph methods, physics and optimal transport, 20 kinds of 5: linear maps (a Kalman innovation y - H (A x + B
u) as a vector by H, the antisymmetric X^T Y - Y^T X as a matrix by X, double exponential smoothing as a vector by the
smoothing constant, an LP Lagrangian, a truncated Leontief series d + A d + A^2 d as a vector by A), quadratic forms
(the CCA Lagrangian, a QDA boundary, a robot's kinetic energy by the Jacobian, the Lyapunov derivative x^T (A^T P + P
A) x by A, a mean-variance portfolio with a turnover penalty), traces (a graph's transitivity tr(A^3) / (sum(A^2) -
tr(A^2)), the normalised spectral-clustering objective by the weights, a linear estimator's MSE tr(A S A^T) + |A H -
I|^2, tr((A * X) B X^T), a quantum energy tr(H U D U^T) by U), Frobenius residuals (representational similarity |X X^T
- Y Y^T|^2, Takane's SSTRESS, a factorisation with an orthogonality penalty, graph-regularised NMF, a masked
factorisation), inverses (a Markov chain's stationary distribution as a vector by P, the discrete LQR gain as a matrix
by P, ridge GCV by the ridge, a Levenberg-Marquardt step as a vector by the Jacobian, a transfer function by s),
determinants (an i-ResNet block's log-det by A, the log spanning-tree count by the weights, a Laplace-approximation
evidence term by w, det(A + B C), the ICA likelihood), Gaussian pieces (a mean-field ELBO by the variances, a
rank-one-plus-diagonal Gaussian NLL by the factor, the Hellinger distance of diagonal Gaussians, the score S^-1 (x -
u) as a vector by S, MIMO capacity by the channel), kernels (a deep kernel by W, MMD^2 with a Gaussian kernel, a KDE's
log-likelihood by the bandwidth, t-SNE's KL by the embedding, an SVM with a sigmoid kernel by its slope), logs and
exps (a quantum oscillator's free energy by the temperature, the entropic risk of a portfolio, a biexponential fit, a
Poisson NLL of a decay curve by the lifetime, log-sum-exp pooling), softmax (vector scaling softmax(a * z + b) as a
vector by a, a soft policy objective, the mixup cross-entropy by its coefficient, prototypical networks, a
KL-regularised reward), attention (linear attention with elu + 1 features, additive attention, sigmoid attention,
L2-distance attention by its temperature, masked softmax attention as a matrix by the keys), logistic pieces (the
binary focal loss with a symbolic exponent, Bradley-Terry, the 2PL item-response model by the discriminations, the
scobit model by its skew, nnPU), losses (the asymmetric loss with a probability margin, CosFace, RankNet, a soft-label
Weston-Watkins hinge, a pairwise AUC surrogate), quotients (Fisher's ideal price index, Langmuir-Hinshelwood kinetics,
kernel-target alignment, Jain's fairness index, Cronbach's alpha), powers (the Richards curve by its shape, the
Box-Cox profile likelihood, a Lennard-Jones energy, the Renyi entropy, Cobb-Douglas), norms (a two-group lasso, the
trust-region secular equation by the shift, the capsule margin loss, the squared distance to a ball, the WGAN-GP
penalty of a one-layer critic), elementwise functions (an asymmetric tanh, tanh(x) - 3/4 relu(-tanh(x)), 7/4 tanh(x)
below 0 (meant as the penalized tanh, whose sign is +; kept as written), ELiSH and softsign as vectors, soft clipping
by its sharpness, PReLU by its slope), networks (a RealNVP coupling's likelihood, maxout as a vector by W, a two-layer
GCN, an Euler step x + c tanh(W x - b) as a vector by c, weight normalisation), products (RESCAL with a negative
sample, the Householder reflector as a matrix by v, (A X) * (X B) as a matrix by X, a factorisation machine, X
diag(w^2) X^T as a matrix by w) and roots (the Poincare distance, the Hellinger distance, TDOA localisation, a Yukawa
energy by the screening, a polyline's length). Derivatives by scalars (19), vectors (37) and matrices (44); eighteen
vector- or matrix-valued functions, their whole derivatives compared.

The same structure and conventions as tg_cases.py and tg_fresh19.py (tg_cases.py's docstring says how tensorgrad's
edges are named): an inverse is contracted on its far edge, ``X.rename(i="j", j="i")`` is a transpose, ``eye`` is the
identity on the edges it names (a ones vector on one edge, the size itself on none), ``u * v`` on two different edges
an outer product; a scalar variable inside a sum over a vector is multiplied by a ones vector on the tensorgrad side,
as the language broadcasts it. No variable is named after a size (n, m, p), nor F. A variable exponent (the focal and
binary focal exponent, scobit, Richards, Box-Cox, Renyi) is written as such in mcdocgen's language and through exp and
log in tensorgrad's; sinh and cosh through exp.

The warm-up check (--runs 0 --cpu, the warm-up round alone, nothing timed; the engine of the commit checked, branched
from main at d788bb7, load average 16). At the set's first commit (e1943ab) all 100 agree as written: 73 "ok", 9 "ok,
signed too" (the scalar functions with a kink: the ICA likelihood, linear attention with elu + 1 features, nnPU, the
asymmetric loss, the soft-label Weston-Watkins hinge, the capsule margin loss, the squared distance to a ball, PReLU
by its slope, the two-layer GCN), the fourteen vector- or matrix-valued functions without a kink "ok (derivative)" and
four with one (the asymmetric tanh, ELiSH, softsign, maxout) "ok (derivative), signed too"; none with a zero gradient
or derivative; nothing was fixed or replaced after the check.

Every case was also run through `mcdocgen try` (derive and all its checks, --var and --wrt as the case's shapes and
variable, load average 15-24): 96 exit 0, 4 exit 1. The ridge GCV norm(y - X inv(X^T X + c I) X^T y)**2 / (m - tr(X
inv(X^T X + c I) X^T))**2 by c is derived right (numeric, components and steps pass) but its removed-kink check fails:
'at a point where y - X @ inv(X.T @ X + c * eye(n)) @ X.T @ y = 0, a one-sided derivative differs ... the function is
not differentiable there'; the only non-smooth operation is norm(...)**2, differentiable everywhere (the numerator
alone exits 0, its removed-kink check not applicable). nnPU c mean(softplus(-X w)) + relu(mean(softplus(Z w)) - c
mean(softplus(X w))) by w is derived right off the kink, but the relu's place is taken as a removed kink (no kink
stated on the page) and the removed-kink check rightly finds the function not differentiable there: a true kink not
stated. t-SNE's KL sum(P log(P (1 + D) sum(1 / (1 + D)))) by Y fails the numeric check (no point in 200 draws where
the function is finite: presumably P's entries are drawn with either sign, and a matrix cannot be declared positive),
components and steps pass. The two-layer GCN dot(v, relu(A relu(A X W) u)) by W was not derived within the 120 s
wall-clock backstop at load average 23 (4 x the 30 CPU-s budget); run again at the same load it passed every check in
111 s wall, 24.6 s user CPU (/usr/bin/time). And two pages read wrong though every check passes: linear attention's
elu + 1 features relu(q) + exp(-relu(-q)) by q and ELiSH (relu(x) + exp(-relu(-x)) - 1) sigmoid(x) by x state a kink
where q = 0 (x = 0), 'Several non-smooth operations meet here'; both are differentiable there (elu + 1 has slope 1 on
both sides).
"""

from __future__ import annotations

from fractions import Fraction

import tensorgrad.functions as F

from tg_cases import Case, cross, eye, inv_quad, logdet, norm, pairwise, quad, softplus, sq, sqdist

N, NN, MN, M, P, S = ("n",), ("n", "n"), ("m", "n"), ("m",), ("p",), ()
MM, PN, NM, NP, PP = ("m", "m"), ("p", "n"), ("n", "m"), ("n", "p"), ("p", "p")
MP, PM = ("m", "p"), ("p", "m")


def elu1(t):
    """elu(t) + 1, linear attention's feature map: t + 1 above 0, exp(t) below."""
    return F.relu(t) + F.exp(-F.relu(-t))


def texp(t, c):
    """t**c for a variable exponent c, as tensorgrad writes it."""
    return F.exp(c * F.log(t))


D_XX = "outer((X * X) @ ones(n), ones(m)) + outer(ones(m), (X * X) @ ones(n)) - 2 * X @ X.T"
D_XY = "outer((X * X) @ ones(n), ones(p)) + outer(ones(m), (Y * Y) @ ones(n)) - 2 * X @ Y.T"
D_YY = "outer((Y * Y) @ ones(p), ones(m)) + outer(ones(m), (Y * Y) @ ones(p)) - 2 * Y @ Y.T"
SQD = "((X * X) @ ones(n) - 2 * X @ x + dot(x, x))"
PHI_K, PHI_Q = "(relu(K) + exp(-relu(-K)))", "(relu(q) + exp(-relu(-q)))"
POINCARE = "(1 + 2 * norm(u - v)**2 / ((1 - dot(u, u)) * (1 - dot(v, v))))"

CASES: tuple[Case, ...] = (
    # linear
    Case("linear", "y - H @ (A @ x + B @ u)", {"y": M, "H": MN, "A": NN, "x": N, "B": NP, "u": P}, "H",
         {"y": "j", "H": "ji", "A": "il", "x": "l", "B": "ik", "u": "k"},
         lambda y, H, A, x, B, u: y - H @ (A @ x + B @ u)),
    Case("linear", "X.T @ Y - Y.T @ X", {"X": MN, "Y": MN}, "X", {"X": "ji", "Y": "ji"},
         lambda X, Y: X @ Y.rename(i="k") - Y @ X.rename(i="k")),
    Case("linear", "c * y + (1 - c) * (c * x + (1 - c) * z)", {"c": S, "y": N, "x": N, "z": N}, "c",
         {"c": "", "y": "i", "x": "i", "z": "i"},
         lambda c, y, x, z: c * y + (1 - c) * (c * x + (1 - c) * z)),
    Case("linear", "dot(c, x) + dot(y, b - A @ x) - dot(z, x)", {"c": N, "x": N, "y": M, "b": M, "A": MN, "z": N}, "x",
         {"c": "i", "x": "i", "y": "j", "b": "j", "A": "ji", "z": "i"},
         lambda c, x, y, b, A, z: c @ x + y @ (b - A @ x) - z @ x),
    Case("linear", "d + A @ d + A @ (A @ d)", {"d": N, "A": NN}, "A", {"d": "j", "A": "ij"},
         lambda d, A: d.rename(j="i") + A @ d + A @ (A @ d).rename(i="j")),
    # quadratic forms
    Case("quadratic", "dot(a, C @ b) - c * (dot(a, S @ a) - 1) / 2 - d * (dot(b, T @ b) - 1) / 2",
         {"a": N, "C": NM, "b": M, "c": S, "S": NN, "d": S, "T": MM}, "a",
         {"a": "i", "C": "il", "b": "l", "c": "", "S": "ij", "d": "", "T": "lo"},
         lambda a, C, b, c, S, d, T: a @ C @ b - c * (quad(a, S) - 1) / 2 - d * (b @ T @ b.rename(l="o") - 1) / 2),
    Case("quadratic", "dot(x - u, A @ (x - u)) - dot(x - v, B @ (x - v))", {"x": N, "u": N, "A": NN, "v": N, "B": NN},
         "x", {"x": "i", "u": "i", "A": "ij", "v": "i", "B": "ij"},
         lambda x, u, A, v, B: quad(x - u, A) - quad(x - v, B)),
    Case("quadratic", "dot(J @ q, G @ (J @ q)) / 2", {"J": MN, "q": N, "G": MM}, "J", {"J": "ji", "q": "i", "G": "jl"},
         lambda J, q, G: (J @ q) @ G @ (J @ q).rename(j="l") / 2),
    Case("quadratic", "dot(x, (A.T @ P + P @ A) @ x)", {"x": N, "A": NN, "P": NN}, "A", {"x": "i", "A": "ij", "P": "ij"},
         lambda x, A, P: (lambda xj: (A @ xj) @ (P @ xj) + x @ P @ (A @ xj).rename(i="j"))(x.rename(i="j"))),
    Case("quadratic", "c * dot(w, S @ w) / 2 - dot(u, w) + d * dot(w - v, w - v) / 2",
         {"c": S, "w": N, "S": NN, "u": N, "d": S, "v": N}, "w",
         {"c": "", "w": "i", "S": "ij", "u": "i", "d": "", "v": "i"},
         lambda c, w, S, u, d, v: c * quad(w, S) / 2 - u @ w + d * sq(w - v) / 2),
    # traces
    Case("trace", "tr(A @ A @ A) / (sum(A @ A) - tr(A @ A))", {"A": NN}, "A", {"A": "ij"},
         lambda A: (lambda A2: A2 @ A.rename(i="j", j="i") / (F.sum(A2) - A @ A.rename(i="j", j="i")))(
             A.rename(j="k") @ A.rename(i="k"))),
    Case("trace", "tr(Y.T @ diag(1 / sqrt(W @ ones(n))) @ W @ diag(1 / sqrt(W @ ones(n))) @ Y)", {"Y": NP, "W": NN}, "W",
         {"Y": "ik", "W": "ij"},
         lambda Y, W: (lambda d: Y @ (d * W * d.rename(i="j")) @ Y.rename(i="j"))(
             F.pow(W @ eye("n", "j"), Fraction(-1, 2)))),
    Case("trace", "tr((A * X) @ B @ X.T)", {"A": MN, "X": MN, "B": NN}, "X", {"A": "ji", "X": "ji", "B": "ik"},
         lambda A, X, B: (A * X) @ B @ X.rename(i="k")),
    Case("trace", "tr(A @ S @ A.T) + norm(A @ H - eye(n))**2", {"A": NM, "S": MM, "H": MN}, "A",
         {"A": "il", "S": "lo", "H": "lj"},
         lambda A, S, H: A @ S @ A.rename(l="o") + sq(A @ H - eye("n", "i", "j"))),
    Case("trace", "tr(H @ U @ D @ U.T)", {"H": NN, "U": NN, "D": NN}, "U", {"H": "ij", "U": "ij", "D": "ij"},
         lambda H, U, D: H @ U.rename(i="j", j="k") @ D.rename(i="k", j="l") @ U.rename(j="l")),
    # Frobenius residuals
    Case("frobenius", "norm(X @ X.T - Y @ Y.T)**2", {"X": MN, "Y": MP}, "X", {"X": "ji", "Y": "jk"},
         lambda X, Y: sq(X @ X.rename(j="l") - Y @ Y.rename(j="l"))),
    Case("frobenius", f"norm({D_XX} - E)**2", {"X": MN, "E": MM}, "X", {"X": "ji", "E": "jl"},
         lambda X, E: sq(pairwise(X, X) - E)),
    Case("frobenius", "norm(X - U @ V)**2 + c * norm(U.T @ U - eye(p))**2", {"X": MN, "U": MP, "V": PN, "c": S}, "U",
         {"X": "ji", "U": "jk", "V": "ki", "c": ""},
         lambda X, U, V, c: sq(X - U @ V) + c * sq(U @ U.rename(k="q") - eye("p", "k", "q"))),
    Case("frobenius", "norm(X - U @ V)**2 + c * tr(V @ L @ V.T)", {"X": MN, "U": MP, "V": PN, "c": S, "L": NN}, "V",
         {"X": "ji", "U": "jk", "V": "ki", "c": "", "L": "il"},
         lambda X, U, V, c, L: sq(X - U @ V) + c * (V @ L @ V.rename(i="l"))),
    Case("frobenius", "norm(W * (Y - U @ V))**2", {"W": MN, "Y": MN, "U": MP, "V": PN}, "V",
         {"W": "ji", "Y": "ji", "U": "jk", "V": "ki"},
         lambda W, Y, U, V: sq(W * (Y - U @ V))),
    # inverses
    Case("inverse", "inv(eye(n) - P.T + outer(ones(n), ones(n))) @ ones(n)", {"P": NN}, "P", {"P": "ij"},
         lambda P: (F.inverse(eye("n", "i", "j") - P.rename(i="j", j="i") + eye("n", "i") * eye("n", "j"))
                    @ eye("n", "i")).rename(j="i")),
    Case("inverse", "inv(R + B.T @ P @ B) @ B.T @ P @ A", {"R": MM, "B": NM, "P": NN, "A": NN}, "P",
         {"R": "lo", "B": "il", "P": "ij", "A": "ij"},
         lambda R, B, P, A: (F.inverse(R + B @ P @ B.rename(i="j", l="o")) @ (B @ P @ A.rename(i="j", j="k")))
         .rename(o="l")),
    Case("inverse", "norm(y - X @ inv(X.T @ X + c * eye(n)) @ X.T @ y)**2"
         " / (m - tr(X @ inv(X.T @ X + c * eye(n)) @ X.T))**2", {"y": M, "X": MN, "c": S}, "c",
         {"y": "j", "X": "ji", "c": ""},
         lambda y, X, c: (lambda G: (lambda Gi: sq(y - X.rename(i="k") @ (Gi @ (y @ X)))
                                     / F.pow(eye("m") - Gi @ G, 2))(F.inverse(G + c * eye("n", "i", "k"))))(
             X @ X.rename(i="k"))),
    Case("inverse", "x - inv(J.T @ J + c * eye(n)) @ J.T @ r", {"x": N, "J": MN, "c": S, "r": M}, "J",
         {"x": "i", "J": "ji", "c": "", "r": "j"},
         lambda x, J, c, r: x - (F.inverse(J @ J.rename(i="k") + c * eye("n", "i", "k")) @ (r @ J)).rename(k="i")),
    Case("inverse", "dot(c, inv(s * eye(n) - A) @ b)", {"c": N, "s": S, "A": NN, "b": N}, "s",
         {"c": "i", "s": "", "A": "ij", "b": "i"},
         lambda c, s, A, b: c.rename(i="j") @ F.inverse(s * eye("n", "i", "j") - A) @ b),
    # determinants and log-determinants
    Case("determinant", "logdet(eye(n) + B @ diag(1 - tanh(A @ x - b)**2) @ A)", {"B": NM, "A": MN, "x": N, "b": M}, "A",
         {"B": "ij", "A": "jk", "x": "k", "b": "j"},
         lambda B, A, x, b: logdet(eye("n", "i", "k") + B @ ((1 - F.pow(F.tanh(A @ x - b), 2)) * A))),
    Case("determinant", "logdet(diag(W @ ones(n)) - W + outer(ones(n), ones(n)))", {"W": NN}, "W", {"W": "ij"},
         lambda W: logdet((W @ eye("n", "j")) * eye("n", "i", "j") - W + eye("n", "i") * eye("n", "j"))),
    Case("determinant", "logdet(X.T @ diag(sigmoid(X @ w) * (1 - sigmoid(X @ w))) @ X + c * eye(n))",
         {"X": MN, "w": N, "c": S}, "w", {"X": "ji", "w": "i", "c": ""},
         lambda X, w, c: (lambda s: logdet((X * (s * (1 - s))) @ X.rename(i="k") + c * eye("n", "i", "k")))(
             F.sigmoid(X @ w))),
    Case("determinant", "det(A + B @ C)", {"A": NN, "B": NM, "C": MN}, "C", {"A": "ij", "B": "il", "C": "lj"},
         lambda A, B, C: F.det(A + B @ C)),
    Case("determinant", "log(abs(det(W))) - sum(log(cosh(W @ x)))", {"W": NN, "x": N}, "W", {"W": "ij", "x": "j"},
         lambda W, x: (lambda u: F.log(F.abs(F.det(W))) - F.sum(F.log((F.exp(u) + F.exp(-u)) / 2)))(W @ x)),
    # Gaussian pieces
    Case("gaussian", "-(norm(y - X @ u)**2 + sum((X * X) @ s)) / (2 * c) - (sum(s) + dot(u, u) - sum(log(s))) / 2",
         {"y": M, "X": MN, "u": N, "s": N, "c": S}, "s", {"y": "j", "X": "ji", "u": "i", "s": "i", "c": ""},
         lambda y, X, u, s, c: -(sq(y - X @ u) + F.sum((X * X) @ s)) / (2 * c)
         - (F.sum(s) + u @ u - F.sum(F.log(s))) / 2),
    Case("gaussian", "dot(x, inv(diag(d) + outer(u, u)) @ x) + logdet(diag(d) + outer(u, u))", {"x": N, "d": N, "u": N},
         "u", {"x": "i", "d": "i", "u": "i"},
         lambda x, d, u: (lambda C: inv_quad(x, C) + logdet(C))(d * eye("n", "i", "j") + u * u.rename(i="j"))),
    Case("gaussian", "1 - exp(sum(log(2 * s * t / (s**2 + t**2)) / 2 - (u - v)**2 / (4 * (s**2 + t**2))))",
         {"s": N, "t": N, "u": N, "v": N}, "s", {"s": "i", "t": "i", "u": "i", "v": "i"},
         lambda s, t, u, v: (lambda q: 1 - F.exp(F.sum(F.log(2 * s * t * q) / 2 - F.pow(u - v, 2) * q / 4)))(
             F.pow(F.pow(s, 2) + F.pow(t, 2), -1))),
    Case("gaussian", "inv(S) @ (x - u)", {"S": NN, "x": N, "u": N}, "S", {"S": "ij", "x": "i", "u": "i"},
         lambda S, x, u: F.inverse(S) @ (x - u)),
    Case("gaussian", "logdet(eye(m) + H @ S @ H.T / c)", {"H": MN, "S": NN, "c": S}, "H", {"H": "ji", "S": "ik", "c": ""},
         lambda H, S, c: logdet(eye("m", "j", "l") + H @ S @ H.rename(j="l", i="k") / c)),
    # kernels
    Case("kernel", "exp(-norm(tanh(W @ x - b) - tanh(W @ y - b))**2 / 2)", {"W": MN, "x": N, "b": M, "y": N}, "W",
         {"W": "ji", "x": "i", "b": "j", "y": "i"},
         lambda W, x, b, y: F.exp(-sq(F.tanh(W @ x - b) - F.tanh(W @ y - b)) / 2)),
    Case("kernel", f"mean(exp(-({D_XX}))) - 2 * mean(exp(-({D_XY})))", {"X": MN, "Y": PN}, "X", {"X": "ji", "Y": "ki"},
         lambda X, Y: F.sum(F.exp(-pairwise(X, X))) / 16 - 2 * F.sum(F.exp(-cross(X, Y))) / 8),
    Case("kernel", f"log(sum(exp(-{SQD} / (2 * h**2)))) - n * log(h)", {"X": MN, "x": N, "h": S}, "h",
         {"X": "ji", "x": "i", "h": ""},
         lambda X, x, h: F.log(F.sum(F.exp(-sqdist(X, x) / (2 * F.pow(h, 2))))) - eye("n") * F.log(h)),
    Case("kernel", f"sum(P * log(P * (1 + {D_YY}) * sum(1 / (1 + {D_YY}))))", {"P": MM, "Y": MP}, "Y",
         {"P": "jl", "Y": "jk"},
         lambda P, Y: (lambda D: F.sum(P * F.log(P * (1 + D) * F.sum(F.pow(1 + D, -1)))))(
             ((Y * Y) @ eye("p", "k")) * eye("m", "l") + eye("m", "j") * ((Y * Y) @ eye("p", "k")).rename(j="l")
             - 2 * (Y @ Y.rename(j="l")))),
    Case("kernel", "dot(a, tanh(c * X @ x - d))", {"a": M, "c": S, "X": MN, "x": N, "d": S}, "c",
         {"a": "j", "c": "", "X": "ji", "x": "i", "d": ""},
         lambda a, c, X, x, d: a @ F.tanh(c * (X @ x) - d * eye("m", "j"))),
    # logs and exps
    Case("log-exp", "c * sum(log(2 * sinh(w / (2 * c))))", {"c": S, "w": N}, "c", {"c": "", "w": "i"},
         lambda c, w: c * F.sum(F.log(F.exp(w / (2 * c)) - F.exp(-w / (2 * c))))),
    Case("log-exp", "log(mean(exp(-c * (R @ w)))) / c", {"c": S, "R": MN, "w": N}, "w", {"c": "", "R": "ji", "w": "i"},
         lambda c, R, w: F.log(F.mean(F.exp(-c * (R @ w)))) / c),
    Case("log-exp", "norm(y - a * exp(-b * t) - c * exp(-d * t))**2", {"y": M, "a": S, "b": S, "t": M, "c": S, "d": S},
         "b", {"y": "j", "a": "", "b": "", "t": "j", "c": "", "d": ""},
         lambda y, a, b, t, c, d: sq(y - a * F.exp(-b * t) - c * F.exp(-d * t))),
    Case("log-exp", "sum(a * exp(-t / c) + b - y * log(a * exp(-t / c) + b))",
         {"a": S, "t": M, "c": S, "b": S, "y": M}, "c", {"a": "", "t": "j", "c": "", "b": "", "y": "j"},
         lambda a, t, c, b, y: (lambda u: F.sum(u - y * F.log(u)))(a * F.exp(-t / c) + b * eye("m", "j"))),
    Case("log-exp", "log(sum(exp(c * (W @ x)))) / c", {"c": S, "W": MN, "x": N}, "W", {"c": "", "W": "ji", "x": "i"},
         lambda c, W, x: F.log(F.sum(F.exp(c * (W @ x)))) / c),
    # softmax
    Case("softmax", "softmax(a * z + b)", {"a": N, "z": N, "b": N}, "a", {"a": "i", "z": "i", "b": "i"},
         lambda a, z, b: F.softmax(a * z + b, dim="i")),
    Case("softmax", "dot(softmax(W @ x), q - c * log(softmax(W @ x)))", {"W": MN, "x": N, "q": M, "c": S}, "W",
         {"W": "ji", "x": "i", "q": "j", "c": ""},
         lambda W, x, q, c: (lambda s: s @ (q - c * F.log(s)))(F.softmax(W @ x, dim="j"))),
    Case("softmax", "-c * dot(y, log(softmax(W @ (c * x + (1 - c) * u))))"
         " - (1 - c) * dot(v, log(softmax(W @ (c * x + (1 - c) * u))))",
         {"c": S, "y": M, "W": MN, "x": N, "u": N, "v": M}, "c",
         {"c": "", "y": "j", "W": "ji", "x": "i", "u": "i", "v": "j"},
         lambda c, y, W, x, u, v: (lambda lg: -c * (y @ lg) - (1 - c) * (v @ lg))(
             F.log(F.softmax(W @ (c * x + (1 - c) * u), dim="j")))),
    Case("softmax", "-dot(y, log(softmax(-((C * C) @ ones(n) - 2 * C @ x + dot(x, x)))))", {"y": M, "C": MN, "x": N}, "x",
         {"y": "j", "C": "ji", "x": "i"},
         lambda y, C, x: -(y @ F.log(F.softmax(-sqdist(C, x), dim="j")))),
    Case("softmax", "dot(softmax(z), r - c * (log(softmax(z)) - log(q)))", {"z": N, "r": N, "c": S, "q": N}, "z",
         {"z": "i", "r": "i", "c": "", "q": "i"},
         lambda z, r, c, q: (lambda s: s @ (r - c * (F.log(s) - F.log(q))))(F.softmax(z, dim="i"))),
    # attention
    Case("attention", f"dot(u, V.T @ ({PHI_K} @ {PHI_Q})) / sum({PHI_K} @ {PHI_Q})",
         {"u": N, "V": MN, "K": MN, "q": N}, "q", {"u": "i", "V": "ji", "K": "ji", "q": "i"},
         lambda u, V, K, q: (lambda a: (u @ (V @ a)) / F.sum(a))(elu1(K) @ elu1(q))),
    Case("attention", "dot(u, X.T @ softmax(tanh(X @ W.T - outer(ones(m), U @ h)) @ v))",
         {"u": N, "X": MN, "W": PN, "U": PN, "h": N, "v": P}, "W",
         {"u": "i", "X": "ji", "W": "ki", "U": "ki", "h": "i", "v": "k"},
         lambda u, X, W, U, h, v: u @ (F.softmax(F.tanh(X @ W - eye("m", "j") * (U @ h)) @ v, dim="j") @ X)),
    Case("attention", "dot(u, V.T @ sigmoid(K @ q / c - b))", {"u": N, "V": MN, "K": MN, "q": N, "c": S, "b": S}, "q",
         {"u": "i", "V": "ji", "K": "ji", "q": "i", "c": "", "b": ""},
         lambda u, V, K, q, c, b: u @ (V @ F.sigmoid((K @ q) / c - b * eye("m", "j")))),
    Case("attention", "dot(u, V.T @ softmax(-((K * K) @ ones(n) - 2 * K @ q + dot(q, q)) / c))",
         {"u": N, "V": MN, "K": MN, "q": N, "c": S}, "c", {"u": "i", "V": "ji", "K": "ji", "q": "i", "c": ""},
         lambda u, V, K, q, c: u @ (V @ F.softmax(-sqdist(K, q) / c, dim="j"))),
    Case("attention", "diag(1 / ((B * exp(Q @ K.T)) @ ones(m))) @ (B * exp(Q @ K.T)) @ V",
         {"B": PM, "Q": PN, "K": MN, "V": MN}, "K", {"B": "kj", "Q": "ki", "K": "ji", "V": "ji"},
         lambda B, Q, K, V: (lambda E: (E * F.pow(E @ eye("m", "j"), -1)) @ V)(B * F.exp(Q @ K))),
    # logistic pieces
    Case("logistic", "-sum(y * (1 - sigmoid(z))**c * log(sigmoid(z)) + (1 - y) * sigmoid(z)**c * log(1 - sigmoid(z)))",
         {"y": N, "z": N, "c": S}, "z", {"y": "i", "z": "i", "c": ""},
         lambda y, z, c: (lambda s: -F.sum(y * texp(1 - s, c) * F.log(s) + (1 - y) * texp(s, c) * F.log(1 - s)))(
             F.sigmoid(z))),
    Case("logistic", "-sum(log(sigmoid(B @ s))) + c * dot(s, s) / 2", {"B": MN, "s": N, "c": S}, "s",
         {"B": "ji", "s": "i", "c": ""},
         lambda B, s, c: -F.sum(F.log(F.sigmoid(B @ s))) + c * (s @ s) / 2),
    Case("logistic", "-sum(Y * log(sigmoid(outer(t, a) - outer(ones(m), a * b)))"
         " + (1 - Y) * log(1 - sigmoid(outer(t, a) - outer(ones(m), a * b))))", {"Y": MN, "t": M, "a": N, "b": N}, "a",
         {"Y": "ji", "t": "j", "a": "i", "b": "i"},
         lambda Y, t, a, b: (lambda s: -F.sum(Y * F.log(s) + (1 - Y) * F.log(1 - s)))(
             F.sigmoid(t * a - eye("m", "j") * (a * b)))),
    Case("logistic", "-sum(a * y * log(sigmoid(X @ w)) + (1 - y) * log(1 - sigmoid(X @ w)**a))",
         {"a": S, "y": M, "X": MN, "w": N}, "a", {"a": "", "y": "j", "X": "ji", "w": "i"},
         lambda a, y, X, w: (lambda s: -F.sum(a * y * F.log(s) + (1 - y) * F.log(1 - texp(s, a))))(F.sigmoid(X @ w))),
    Case("logistic", "c * mean(softplus(-X @ w)) + relu(mean(softplus(Z @ w)) - c * mean(softplus(X @ w)))",
         {"c": S, "X": MN, "w": N, "Z": PN}, "w", {"c": "", "X": "ji", "w": "i", "Z": "ki"},
         lambda c, X, w, Z: c * F.mean(softplus(-(X @ w)))
         + F.relu(F.mean(softplus(Z @ w)) - c * F.mean(softplus(X @ w)))),
    # losses
    Case("loss", "-sum(y * (1 - sigmoid(z)) * log(sigmoid(z))"
         " + (1 - y) * relu(sigmoid(z) - 0.05)**4 * log(1 - relu(sigmoid(z) - 0.05)))", {"y": N, "z": N}, "z",
         {"y": "i", "z": "i"},
         lambda y, z: (lambda s, r: -F.sum(y * (1 - s) * F.log(s) + (1 - y) * F.pow(r, 4) * F.log(1 - r)))(
             F.sigmoid(z), F.relu(F.sigmoid(z) - Fraction(1, 20)))),
    Case("loss", "-log(dot(y, softmax(s * (W @ x / (sqrt((W * W) @ ones(n)) * norm(x)) - d * y))))",
         {"y": M, "s": S, "W": MN, "x": N, "d": S}, "W", {"y": "j", "s": "", "W": "ji", "x": "i", "d": ""},
         lambda y, s, W, x, d: -F.log(y @ F.softmax(
             s * ((W @ x) * F.pow(F.sqrt((W * W) @ eye("n", "i")), -1) / norm(x) - d * y), dim="j"))),
    Case("loss", "sum(Y * softplus(outer(ones(m), s) - outer(s, ones(m))))", {"Y": MM, "s": M}, "s",
         {"Y": "jl", "s": "j"},
         lambda Y, s: F.sum(Y * softplus(eye("m", "j") * s.rename(j="l") - s * eye("m", "l")))),
    Case("loss", "sum(relu(1 + W @ x - dot(y, W @ x) / sum(y)))", {"W": MN, "x": N, "y": M}, "W",
         {"W": "ji", "x": "i", "y": "j"},
         lambda W, x, y: (lambda t: F.sum(F.relu(1 + t - (y @ t) / F.sum(y) * eye("m", "j"))))(W @ x)),
    Case("loss", "sum(softplus(outer(Z @ w, ones(m)) - outer(ones(p), X @ w)))", {"Z": PN, "w": N, "X": MN}, "w",
         {"Z": "ki", "w": "i", "X": "ji"},
         lambda Z, w, X: F.sum(softplus((Z @ w) * eye("m", "j") - eye("p", "k") * (X @ w)))),
    # quotients
    Case("quotient", "sqrt(dot(b, u) * dot(b, v) / (dot(a, u) * dot(a, v)))", {"b": N, "u": N, "v": N, "a": N}, "v",
         {"b": "i", "u": "i", "v": "i", "a": "i"},
         lambda b, u, v, a: F.sqrt((b @ u) * (b @ v) / ((a @ u) * (a @ v)))),
    Case("quotient", "sum(k * x * y / (1 + c * x + d * y)**2)", {"k": S, "x": N, "y": N, "c": S, "d": S}, "c",
         {"k": "", "x": "i", "y": "i", "c": "", "d": ""},
         lambda k, x, y, c, d: F.sum(k * x * y * F.pow(1 + c * x + d * y, -2))),
    Case("quotient", "dot(y, K @ y) / (norm(K) * dot(y, y))", {"y": N, "K": NN}, "K", {"y": "i", "K": "ij"},
         lambda y, K: quad(y, K) / (norm(K) * (y @ y))),
    Case("quotient", "sum(x)**2 / dot(x, x)", {"x": N}, "x", {"x": "i"},
         lambda x: F.pow(F.sum(x), 2) / (x @ x)),
    Case("quotient", "n / (n - 1) * (1 - tr(S) / sum(S))", {"S": NN}, "S", {"S": "ij"},
         lambda S: eye("n") / (eye("n") - 1) * (1 - (S @ eye("n", "i", "j")) / F.sum(S))),
    # powers
    Case("power", "norm(y - a / (1 + exp(-b * (t - c)))**(1 / d))**2", {"y": M, "a": S, "b": S, "t": M, "c": S, "d": S},
         "d", {"y": "j", "a": "", "b": "", "t": "j", "c": "", "d": ""},
         lambda y, a, b, t, c, d: sq(y - a * F.exp(-F.log(1 + F.exp(-b * (t - c * eye("m", "j")))) / d))),
    Case("power", "-log(mean(((y**c - 1) / c - X @ w)**2)) / 2 + (c - 1) * mean(log(y))",
         {"y": M, "c": S, "X": MN, "w": N}, "c", {"y": "j", "c": "", "X": "ji", "w": "i"},
         lambda y, c, X, w: -F.log(F.mean(F.pow((texp(y, c) - 1) / c - X @ w, 2))) / 2 + (c - 1) * F.mean(F.log(y))),
    Case("power", f"sum({SQD}**(-6) - 2 * {SQD}**(-3))", {"X": MN, "x": N}, "x", {"X": "ji", "x": "i"},
         lambda X, x: (lambda d: F.sum(F.pow(d, -6) - 2 * F.pow(d, -3)))(sqdist(X, x))),
    Case("power", "log(sum(q**c)) / (1 - c)", {"q": N, "c": S}, "q", {"q": "i", "c": ""},
         lambda q, c: F.log(F.sum(texp(q, c))) / (1 - c)),
    Case("power", "c * exp(dot(a, log(x)))", {"c": S, "a": N, "x": N}, "x", {"c": "", "a": "i", "x": "i"},
         lambda c, a, x: c * F.exp(a @ F.log(x))),
    # norms
    Case("norm", "norm(y - X @ w)**2 / 2 + c * (norm(A @ w) + norm(B @ w))",
         {"y": M, "X": MN, "w": N, "c": S, "A": PN, "B": PN}, "w",
         {"y": "j", "X": "ji", "w": "i", "c": "", "A": "ki", "B": "ki"},
         lambda y, X, w, c, A, B: sq(y - X @ w) / 2 + c * (norm(A @ w) + norm(B @ w))),
    Case("norm", "(norm(inv(H + c * eye(n)) @ g) - r)**2", {"H": NN, "c": S, "g": N, "r": S}, "c",
         {"H": "ij", "c": "", "g": "i", "r": ""},
         lambda H, c, g, r: F.pow(norm(F.inverse(H + c * eye("n", "i", "j")) @ g) - r, 2)),
    Case("norm", "y * relu(0.9 - norm(W @ x))**2 + c * (1 - y) * relu(norm(W @ x) - 0.1)**2",
         {"y": S, "W": MN, "x": N, "c": S}, "W", {"y": "", "W": "ji", "x": "i", "c": ""},
         lambda y, W, x, c: (lambda r: y * F.pow(F.relu(Fraction(9, 10) - r), 2)
                             + c * (1 - y) * F.pow(F.relu(r - Fraction(1, 10)), 2))(norm(W @ x))),
    Case("norm", "relu(norm(x) - r)**2", {"x": N, "r": S}, "x", {"x": "i", "r": ""},
         lambda x, r: F.pow(F.relu(norm(x) - r), 2)),
    Case("norm", "(norm(W.T @ (v * (1 - tanh(W @ x - b)**2))) - 1)**2", {"W": MN, "v": M, "x": N, "b": M}, "W",
         {"W": "ji", "v": "j", "x": "i", "b": "j"},
         lambda W, v, x, b: F.pow(norm((v * (1 - F.pow(F.tanh(W @ x - b), 2))) @ W) - 1, 2)),
    # elementwise functions
    Case("elementwise", "tanh(x) - 0.75 * relu(-tanh(x))", {"x": N}, "x", {"x": "i"},
         lambda x: F.tanh(x) - Fraction(3, 4) * F.relu(-F.tanh(x))),
    Case("elementwise", "sum(log((1 + exp(c * x)) / (1 + exp(c * (x - 1))))) / c", {"c": S, "x": N}, "c",
         {"c": "", "x": "i"},
         lambda c, x: F.sum(F.log((1 + F.exp(c * x)) * F.pow(1 + F.exp(c * (x - 1)), -1))) / c),
    Case("elementwise", "dot(v, relu(x - b) - a * relu(b - x))", {"v": N, "x": N, "b": N, "a": S}, "a",
         {"v": "i", "x": "i", "b": "i", "a": ""},
         lambda v, x, b, a: v @ (F.relu(x - b) - a * F.relu(b - x))),
    Case("elementwise", "(relu(x) + exp(-relu(-x)) - 1) * sigmoid(x)", {"x": N}, "x", {"x": "i"},
         lambda x: (F.relu(x) + F.exp(-F.relu(-x)) - 1) * F.sigmoid(x)),
    Case("elementwise", "x / (1 + abs(x))", {"x": N}, "x", {"x": "i"},
         lambda x: x * F.pow(1 + F.abs(x), -1)),
    # networks
    Case("network", "-norm(exp(-tanh(A @ a)) * (b - B @ a))**2 / 2 - sum(tanh(A @ a))",
         {"A": NM, "a": M, "b": N, "B": NM}, "A", {"A": "il", "a": "l", "b": "i", "B": "il"},
         lambda A, a, b, B: (lambda s: -sq(F.exp(-s) * (b - B @ a)) / 2 - F.sum(s))(F.tanh(A @ a))),
    Case("network", "maximum(W @ x, V @ x)", {"W": MN, "x": N, "V": MN}, "W", {"W": "ji", "x": "i", "V": "ji"},
         lambda W, x, V: V @ x + F.relu(W @ x - V @ x)),
    Case("network", "dot(v, relu(A @ relu(A @ X @ W) @ u))", {"v": M, "A": MM, "X": MN, "W": NP, "u": P}, "W",
         {"v": "j", "A": "jl", "X": "ji", "W": "ik", "u": "k"},
         lambda v, A, X, W, u: v @ F.relu(A @ F.relu(A @ X.rename(j="l") @ W).rename(j="l") @ u)),
    Case("network", "x + c * tanh(W @ x - b)", {"x": N, "c": S, "W": NN, "b": N}, "c",
         {"x": "j", "c": "", "W": "ij", "b": "i"},
         lambda x, c, W, b: x.rename(j="i") + c * F.tanh(W @ x - b)),
    Case("network", "dot(v, tanh(c * (W @ x) / sqrt((W * W) @ ones(n))))", {"v": M, "c": S, "W": MN, "x": N}, "W",
         {"v": "j", "c": "", "W": "ji", "x": "i"},
         lambda v, c, W, x: v @ F.tanh(c * (W @ x) * F.pow(F.sqrt((W * W) @ eye("n", "i")), -1))),
    # products
    Case("product", "softplus(-dot(h, R @ t)) + softplus(dot(h, R @ u))", {"h": N, "R": NN, "t": N, "u": N}, "R",
         {"h": "i", "R": "ij", "t": "i", "u": "i"},
         lambda h, R, t, u: softplus(-(h @ R @ t.rename(i="j"))) + softplus(h @ R @ u.rename(i="j"))),
    Case("product", "eye(n) - 2 * outer(v, v) / dot(v, v)", {"v": N}, "v", {"v": "i"},
         lambda v: eye("n", "i", "j") - 2 * (v * v.rename(i="j")) / (v @ v)),
    Case("product", "(A @ X) * (X @ B)", {"A": NN, "X": NN, "B": NN}, "X", {"A": "ij", "X": "ij", "B": "ij"},
         lambda A, X, B: (A.rename(j="l") @ X.rename(i="l")) * (X.rename(j="l") @ B.rename(i="l"))),
    Case("product", "dot(w, x) + (norm(V.T @ x)**2 - sum((V * V).T @ (x * x))) / 2", {"w": N, "x": N, "V": NP}, "V",
         {"w": "i", "x": "i", "V": "ik"},
         lambda w, x, V: w @ x + (sq(x @ V) - F.sum((x * x) @ (V * V))) / 2),
    Case("product", "X @ diag(w**2) @ X.T", {"X": MN, "w": N}, "w", {"X": "ji", "w": "i"},
         lambda X, w: (X * F.pow(w, 2)) @ X.rename(j="l")),
    # roots of sums
    Case("root", f"log({POINCARE} + sqrt({POINCARE}**2 - 1))", {"u": N, "v": N}, "u", {"u": "i", "v": "i"},
         lambda u, v: (lambda z: F.log(z + F.sqrt(F.pow(z, 2) - 1)))(
             1 + 2 * sq(u - v) / ((1 - u @ u) * (1 - v @ v)))),
    Case("root", "sqrt(sum((sqrt(q) - sqrt(r))**2) / 2)", {"q": N, "r": N}, "q", {"q": "i", "r": "i"},
         lambda q, r: F.sqrt(F.sum(F.pow(F.sqrt(q) - F.sqrt(r), 2)) / 2)),
    Case("root", "(norm(x - a) - norm(x - b) - d)**2", {"x": N, "a": N, "b": N, "d": S}, "x",
         {"x": "i", "a": "i", "b": "i", "d": ""},
         lambda x, a, b, d: F.pow(norm(x - a) - norm(x - b) - d, 2)),
    Case("root", f"sum(exp(-c * sqrt{SQD}) / sqrt{SQD})", {"c": S, "X": MN, "x": N}, "c", {"c": "", "X": "ji", "x": "i"},
         lambda c, X, x: (lambda r: F.sum(F.exp(-c * r) * F.pow(r, -1)))(F.sqrt(sqdist(X, x)))),
    Case("root", "sum(sqrt((D @ x)**2 + (D @ y)**2))", {"D": MN, "x": N, "y": N}, "x", {"D": "ji", "x": "i", "y": "i"},
         lambda D, x, y: F.sum(F.sqrt(F.pow(D @ x, 2) + F.pow(D @ y, 2)))),
)
