"""A seventeenth held-out set for bench/bench_tensorgrad.py (``--cases fresh17``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 43, branch fresh17), without reading the engine or the checks:
none is in tg_cases.py, tg_fresh.py or tg_fresh3.py .. tg_fresh16.py (nor the same function under a cyclic trace, a
transpose or renamed variables): checked by a script that renames every variable in order of appearance and compares
the texts, and that compares values at two random points with every earlier case (1,572) and every earlier case of
this set of the same shapes, under every shape-keeping renaming, square matrices also transposed, as equal,
proportional or off by a constant (the same ratio or offset at both points; vector and matrix values also as sorted
entries). The first draft had 44 such repeats (41 by value, among them the log-cosh, Welsch, Cauchy and pseudo-Huber
losses, the Dice loss, the harmonic mean, the coefficient of variation, the Sharpe ratio, the Tanimoto coefficient,
Platt scaling, the logistic gradient X^T (sigmoid(X w) - y), a highway layer, tr(diag(x) A diag(x) B), the Hadamard
ratio sum(log(diag(X))) - logdet(X), and an ELU written with relus, equal to dot(a, x) at the positive points the
check draws; three by text alone, the same expression by another variable), the second 17 (a masked Hopfield energy
proportional to fresh9's x^T (A * B) x, Cox's partial likelihood, the precision-Cholesky Gaussian NLL, the matrix-normal
NLL at half fresh11's, the smoothed pinball loss, a planar flow's log-determinant, the capsule squash, TanhExp,
squareplus), the third 7 (tr(inv(X) A X B), the moderated (MacKay) logistic output, the mean squared log error, the
Savage loss, symmetric MAPE, Logish, (x y)^T A (x y)), the fourth 3 (a mixed second elementary symmetric function of X A
and X B, a Student-t NLL by its degrees of freedom, the Ricker wavelet), the fifth 1 (the inverse Gaussian deviance),
the sixth none; each was replaced before the commit by another of the same kind. Before the commit each case's two
sides were also compared by value alone (mcdocgen's evaluator against tg_numpy at the warm-up check's point, no
derivative, nothing timed): all 100 agree.

Picked as a grader would from a matrix-calculus course, the Matrix Cookbook, ML papers, statistics, econometrics,
control, signal processing and physics, 20 kinds of 5: linear maps (A X b - X^T c and the graph Laplacian applied to a
vector (diag(A 1) - A) x as vectors by the matrix, an explicit Euler step x + t (A x + B u) as a vector by the step, the
Lyapunov operator A X + X A^T as a matrix by X, a weighted inner product sum(W * (X B))), quadratic forms (a
factor-model portfolio variance, an LQR stage cost with a cross term by the control, a one-step LQR cost by the feedback
gain, the GMM objective with instruments, the Lyapunov decrease of a quadratic function by the state map), traces (tr(A
X B X^T C), a diagonal similarity tr(e^D A e^-D B) by the scaling (matrix balancing), Laplacian eigenmaps weighted by
softmax weights, tr(X A)^2 - tr(X A X A), the squared symmetric part tr(sym(A X)^2)), Frobenius residuals
(self-expressive subspace clustering by the coefficients, the Penrose residual X X^T X - X, a quadratic matrix equation
X A X = B, robust PCA's sparse part, a low-rank-plus-diagonal covariance fit), inverses (the leverages diag(X (X^T X)^-1
X^T) as a vector by X, the resolvent trace tr((X - t I)^-1), a Schur complement as a matrix by the inverted block, a
Marquardt-scaled damped step as a vector by the damping, the Kalman filter's mean update as a vector by the prior mean),
determinants (the DPP likelihood logdet(L) - logdet(L + I), a Wishart log-density by X, the Hadamard product logdet(A *
X), shrinkage towards the diagonal by its weight, a softplus residual layer's log-Jacobian), Gaussian pieces (the
information-form log-density by the precision, a multivariate Student-t NLL by the scale matrix, the KL from a diagonal
posterior to a full-covariance prior by the log-variances, a Gaussian channel's mutual information by the map, a GP log
marginal likelihood by the length scale), kernels (Matern 5/2 by a point, ARD by the log-length-scales, a GP predictive
variance by the cross-covariances, a Parzen density by the query, a Cauchy kernel by its scale), logs and exps (a
negative-binomial NLL by the dispersion, a zero-truncated Poisson NLL, a softplus-link Poisson NLL, a noisy-OR
multiple-instance NLL, a Gompertz survival NLL by the rate), softmax (the Poly-1 loss, logit adjustment by its
temperature, distillation's KL by the student's logits, a Gumbel-softmax read-out by its temperature, a 1-D Gaussian
mixture with softmax weights by the means), attention (a quadratic-kernel linear attention and L2-distance attention as
vectors by the query, cosine attention by its temperature, the InfoNCE loss by its temperature, gated attention by the
query), logistic pieces (a 2PL item-response NLL by the ability, a sample-weighted NLL, a logistic growth curve fit by
the rate, the binary focal loss, the LDA posterior by the shared covariance), losses (Tukey's biweight, the
Itakura-Saito divergence, Barron's general robust loss by its shape, a margin ranking hinge, tilted empirical risk by
its tilt), quotients (the information ratio, Michaelis-Menten rates as a vector by the constants, the Herfindahl index,
R^2, the Durbin-Watson statistic), powers (the power mean by x, the Tsallis entropy of a softmax by its index, a CES
aggregate by its exponent, a Lennard-Jones energy by the distances, an Lp regression loss by p), norms (total-variation
denoising, l1 trend filtering, an overlapping-group norm, a relative commutator norm, a Minkowski-4 distance),
elementwise functions (GELU's tanh form with rational constants, the inverse softplus log(e^x - 1), Smish, ISRU by its
scale, the symmetric log sign(x) log(1 + |x|) as a vector), networks (the contractive auto-encoder's penalty, a
one-slice neural tensor network by its bilinear weights, a softplus unit's squared error by the bias, RMSNorm as a
vector, a squeeze-and-excitation gate by the squeeze weights), products (diag(x) A diag(x) as a matrix by x, the
Lotka-Volterra field x * (r - A x) as a vector by the interactions, e^{-b^T x} (a^T x) |x|^2, |x|^2 |y - x|^2, a
second-order Hermite-Gaussian), and roots (an unsquared Mahalanobis residual, sqrt of a shifted quadratic form,
multilateration's range residuals, the Poisson-Hellinger (Anscombe-type) residual, the standard deviation of
predictions). Derivatives by vectors, matrices and scalars; fifteen vector- or matrix-valued functions (vectors by
vectors, by matrices and by scalars, three matrices by a matrix or a vector), their whole derivatives compared.

The same structure and conventions as tg_cases.py and tg_fresh16.py (tg_cases.py's docstring says how tensorgrad's
edges are named): an inverse is contracted on its far edge (``F.inverse(X)`` with X on edges "ij" holds X^-1's rows on
j), ``X.rename(i="j", j="i")`` is a transpose, ``Delta`` is the identity on the edges it names (a ones vector on one
edge), ``u * v`` on two different edges an outer product; a scalar variable inside a sum over a vector is multiplied by a
ones vector on the tensorgrad side, as the language broadcasts it. No variable is named after a size (n, m, p). A
variable exponent (x**c, the power mean, Tsallis, CES, Barron's loss, the Lp loss) is written as such in mcdocgen's
language and through exp and log in tensorgrad's, which has no power with a tensor exponent; cosh through exp.

The warm-up check (--runs 0 --cpu, the warm-up round alone, nothing timed; the engine of the commit checked, branched
from session 43's integ at ceaea90). At the set's first commit (6f3fbc5) all 100 agreed as written, but two of them
vacuously, "ok (zero gradient)": Tukey's biweight sum(1 - relu(1 - (r / c)^2)^3), every residual past c at the check's
point, and a one-slice neural tensor network tanh(x^T W y + a^T x + b), saturated by W's diagonal. Both had been found
flat by a finite-difference script over mcdocgen's evaluator before that result was read, and were changed at 19a81ae:
the biweight at the usual tuning scale 5c, the bilinear score through softplus. At 19a81ae all 100 agree: 85 "ok", the
fifteen vector- or matrix-valued "ok (derivative)", none with a zero gradient or derivative; nothing else was fixed or
replaced. Smallest scalar gradients at the check's point (the largest entry, by central differences of mcdocgen's
evaluator): the squeeze-and-excitation gate by A (8.6e-3), cosine attention by its temperature (1.2e-2), the contractive
penalty by W (1.4e-2). At the check's point the biweight's relu has a positive argument for every residual, the margin
ranking hinge's for three of four, Lp regression's residuals and the arguments of abs in both total-variation norms are
positive, the squeeze gate's relu(A x) is positive (entries in [0.5, 1.5]), and sign(x) log(1 + |x|) is seen at positive
x only.
"""

from __future__ import annotations

from fractions import Fraction

import tensorgrad.functions as F

from tg_cases import Case, centred, eye, inv_quad, logdet, lse, norm, quad, softplus, sq, sqdist

N, NN, MN, M, P, S = ("n",), ("n", "n"), ("m", "n"), ("m",), ("p",), ()
MM, PN, NM, NP, PP = ("m", "m"), ("p", "n"), ("n", "m"), ("n", "p"), ("p", "p")
MP = ("m", "p")
INV = ("invertible",)


CASES: tuple[Case, ...] = (
    # linear
    Case("linear", "A @ X @ b - X.T @ c", {"A": NN, "X": NN, "b": N, "c": N}, "X",
         {"A": "ki", "X": "ij", "b": "j", "c": "i"}, lambda A, X, b, c: (A @ X @ b).rename(k="j") - c @ X),
    Case("linear", "x + t * (A @ x + B @ u)", {"x": N, "t": S, "A": NN, "B": NP, "u": P}, "t",
         {"x": "i", "t": "", "A": "ij", "B": "ik", "u": "k"},
         lambda x, t, A, B, u: x + t * (A @ x.rename(i="j") + B @ u)),
    Case("linear", "sum(W * (X @ B))", {"W": MN, "X": MN, "B": NN}, "X", {"W": "ji", "X": "jk", "B": "ki"},
         lambda W, X, B: W @ (X @ B)),
    Case("linear", "A @ X + X @ A.T", {"A": NN, "X": NN}, "X", {"A": "ij", "X": "ij"},
         lambda A, X: (A @ X.rename(i="j", j="k")).rename(k="j") + X.rename(j="k") @ A.rename(i="j", j="k")),
    Case("linear", "(diag(A @ ones(n)) - A) @ x", {"A": NN, "x": N}, "A", {"A": "ij", "x": "j"},
         lambda A, x: (A @ eye("n", "j")) * x.rename(j="i") - A @ x),
    # quadratic forms
    Case("quadratic", "dot(w, B @ Q @ B.T @ w) + dot(w * w, d)", {"w": N, "B": NP, "Q": PP, "d": N}, "w",
         {"w": "i", "B": "ik", "Q": "kl", "d": "i"},
         lambda w, B, Q, d: (w @ B) @ Q @ (w @ B).rename(k="l") + (w * w) @ d),
    Case("quadratic", "dot(x, Q @ x) + dot(u, R @ u) + 2 * dot(x, C @ u)",
         {"x": N, "Q": NN, "u": P, "R": PP, "C": NP}, "u", {"x": "i", "Q": "ij", "u": "k", "R": "kl", "C": "ik"},
         lambda x, Q, u, R, C: quad(x, Q) + u @ R @ u.rename(k="l") + 2 * (x @ C @ u)),
    Case("quadratic", "dot(A @ x + B @ K @ x, Q @ (A @ x + B @ K @ x)) + dot(K @ x, R @ (K @ x))",
         {"x": N, "A": NN, "B": NP, "K": PN, "Q": NN, "R": PP}, "K",
         {"x": "j", "A": "ij", "B": "ik", "K": "kj", "Q": "ij", "R": "kl"},
         lambda x, A, B, K, Q, R: (lambda z, v: quad(z, Q) + v @ R @ v.rename(k="l"))(A @ x + B @ (K @ x), K @ x)),
    Case("quadratic", "dot(Z.T @ (y - X @ w), W @ (Z.T @ (y - X @ w)))",
         {"Z": MP, "y": M, "X": MN, "w": N, "W": PP}, "w", {"Z": "jk", "y": "j", "X": "ji", "w": "i", "W": "kl"},
         lambda Z, y, X, w, W: (lambda g: g @ W @ g.rename(k="l"))((y - X @ w) @ Z)),
    Case("quadratic", "dot(A @ x, S @ (A @ x)) - dot(x, S @ x)", {"A": NN, "x": N, "S": NN}, "A",
         {"A": "ij", "x": "j", "S": "ij"}, lambda A, x, S: quad(A @ x, S) - x.rename(j="i") @ S @ x),
    # traces
    Case("trace", "tr(A @ X @ B @ X.T @ C)", {"A": NN, "X": NN, "B": NN, "C": NN}, "X",
         {"A": "ij", "X": "ij", "B": "ij", "C": "ij"},
         lambda A, X, B, C: A @ X.rename(i="j", j="k") @ B.rename(i="k", j="l") @ X.rename(i="m", j="l")
         @ C.rename(i="m", j="i")),
    Case("trace", "tr(diag(exp(d)) @ A @ diag(exp(-d)) @ B)", {"d": N, "A": NN, "B": NN}, "d", {"d": "i", "A": "ij", "B": "ij"},
         lambda d, A, B: (F.exp(d) * A * F.exp(-d.rename(i="j"))) @ B.rename(i="j", j="i")),
    Case("trace", "tr(X.T @ A @ X @ diag(softmax(a)))", {"X": MN, "A": MM, "a": N}, "a", {"X": "ji", "A": "jl", "a": "i"},
         lambda X, A, a: (X * F.softmax(a, dim="i")) @ A @ X.rename(j="l")),
    Case("trace", "tr(X @ A)**2 - tr(X @ A @ X @ A)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: F.pow(X @ A.rename(i="j", j="i"), 2)
         - X @ A.rename(i="j", j="k") @ X.rename(i="k", j="l") @ A.rename(i="l", j="i")),
    Case("trace", "tr(sym(A @ X) @ sym(A @ X))", {"A": NN, "X": NN}, "X", {"A": "ij", "X": "ij"},
         lambda A, X: (lambda Y: sq((Y + Y.rename(i="k", k="i")) / 2))(A @ X.rename(i="j", j="k"))),
    # Frobenius residuals
    Case("frobenius", "norm(X - X @ C)**2 + c * norm(C)**2", {"X": MN, "C": NN, "c": S}, "C",
         {"X": "ji", "C": "ik", "c": ""}, lambda X, C, c: sq(X - (X @ C).rename(k="i")) + c * sq(C)),
    Case("frobenius", "norm(X @ X.T @ X - X)**2", {"X": MN}, "X", {"X": "ji"},
         lambda X: sq(X @ X.rename(j="l") @ X.rename(j="l") - X)),
    Case("frobenius", "norm(X @ A @ X - B)**2", {"X": NN, "A": NN, "B": NN}, "X", {"X": "ij", "A": "ij", "B": "ij"},
         lambda X, A, B: sq((X @ A.rename(i="j", j="k") @ X.rename(i="k", j="l")).rename(l="j") - B)),
    Case("frobenius", "norm(Y - L - S)**2 / 2 + c * sum(abs(S))", {"Y": MN, "L": MN, "S": MN, "c": S}, "S",
         {"Y": "ji", "L": "ji", "S": "ji", "c": ""}, lambda Y, L, S, c: sq(Y - L - S) / 2 + c * F.sum(F.abs(S))),
    Case("frobenius", "norm(C - W @ W.T - diag(d))**2", {"C": MM, "W": MN, "d": M}, "W",
         {"C": "jl", "W": "ji", "d": "j"}, lambda C, W, d: sq(C - W @ W.rename(j="l") - d * eye("m", "j", "l"))),
    # inverses
    Case("inverse", "diag(X @ inv(X.T @ X) @ X.T)", {"X": MN}, "X", {"X": "ji"},
         lambda X: ((X @ F.inverse(X @ X.rename(i="k"))) * X.rename(i="k")) @ eye("n", "k")),
    Case("inverse", "tr(inv(X - t * eye(n)))", {"X": NN, "t": S}, "t", {"X": "ij", "t": ""},
         lambda X, t: F.inverse(X - t * eye("n", "i", "j")) @ eye("n", "i", "j")),
    Case("inverse", "A - B @ inv(D) @ C", {"A": NN, "B": NN, "D": NN, "C": NN}, "D",
         {"A": "il", "B": "ij", "D": "kj", "C": "kl"}, lambda A, B, D, C: A - B @ F.inverse(D) @ C, {"D": INV}),
    Case("inverse", "inv(J.T @ J + c * diag(diag(J.T @ J))) @ J.T @ r", {"J": MN, "c": S, "r": M}, "c",
         {"J": "ji", "c": "", "r": "j"},
         lambda J, c, r: (lambda G: F.inverse(G + c * (G * eye("n", "i", "k"))) @ (r @ J))(J @ J.rename(i="k")).rename(
             k="i")),
    Case("inverse", "x + S @ H.T @ inv(H @ S @ H.T + R) @ (y - H @ x)", {"x": N, "S": NN, "H": MN, "R": MM, "y": M},
         "x", {"x": "i", "S": "ik", "H": "ji", "R": "jl", "y": "j"},
         lambda x, S, H, R, y: x + S @ (H.rename(j="l", i="k")
                                        @ (F.inverse(H @ S @ H.rename(j="l", i="k") + R) @ (y - H @ x)))),
    # determinants and log-determinants
    Case("determinant", "logdet(L) - logdet(L + eye(n))", {"L": NN}, "L", {"L": "ij"},
         lambda L: logdet(L) - logdet(L + eye("n", "i", "j")), {"L": INV}),
    Case("determinant", "(c - 4) * logdet(X) / 2 - tr(inv(S) @ X) / 2", {"c": S, "X": NN, "S": NN}, "X",
         {"c": "", "X": "ij", "S": "ij"}, lambda c, X, S: (c - 4) * logdet(X) / 2 - F.inverse(S) @ X / 2,
         {"X": INV, "S": INV}),
    Case("determinant", "logdet(A * X)", {"A": NN, "X": NN}, "X", {"A": "ij", "X": "ij"}, lambda A, X: logdet(A * X)),
    Case("determinant", "logdet(S + c * diag(diag(S)))", {"S": NN, "c": S}, "c", {"S": "ij", "c": ""},
         lambda S, c: logdet(S + c * (S * eye("n", "i", "j")))),
    Case("determinant", "logdet(eye(n) + diag(sigmoid(W @ z + b)) @ W)", {"W": NN, "z": N, "b": N}, "W",
         {"W": "ij", "z": "j", "b": "i"},
         lambda W, z, b: logdet(eye("n", "i", "j") + F.sigmoid(W @ z + b) * W)),
    # Gaussian pieces
    Case("gaussian", "dot(h, x) - dot(x, J @ x) / 2 - (dot(h, inv(J) @ h) - logdet(J)) / 2", {"h": N, "x": N, "J": NN},
         "J", {"h": "i", "x": "i", "J": "ij"},
         lambda h, x, J: h @ x - quad(x, J) / 2 - (inv_quad(h, J) - logdet(J)) / 2, {"J": INV}),
    Case("gaussian", "(v + 1) / 2 * log(1 + dot(x - u, inv(S) @ (x - u)) / v) + logdet(S) / 2",
         {"v": S, "x": N, "u": N, "S": NN}, "S", {"v": "", "x": "i", "u": "i", "S": "ij"},
         lambda v, x, u, S: (v + 1) / 2 * F.log(1 + inv_quad(x - u, S) / v) + logdet(S) / 2, {"S": INV}),
    Case("gaussian", "(tr(inv(A) @ diag(exp(s))) + dot(u, inv(A) @ u) - sum(s) + logdet(A)) / 2",
         {"A": NN, "s": N, "u": N}, "s", {"A": "ij", "s": "i", "u": "i"},
         lambda A, s, u: (F.inverse(A) @ (F.exp(s) * eye("n", "i", "j")) + inv_quad(u, A) - F.sum(s) + logdet(A)) / 2,
         {"A": INV}),
    Case("gaussian", "logdet(A @ S @ A.T + R) - logdet(R)", {"A": MN, "S": NN, "R": MM}, "A",
         {"A": "ji", "S": "ik", "R": "jl"}, lambda A, S, R: logdet(A @ S @ A.rename(j="l", i="k") + R) - logdet(R),
         {"R": INV}),
    Case("gaussian", "dot(y, inv(exp(-D / (2 * c)) + s * eye(m)) @ y) / 2 + logdet(exp(-D / (2 * c)) + s * eye(m)) / 2",
         {"y": M, "D": MM, "c": S, "s": S}, "c", {"y": "j", "D": "jl", "c": "", "s": ""},
         lambda y, D, c, s: (lambda K: y.rename(j="l") @ F.inverse(K) @ y / 2 + logdet(K) / 2)(
             F.exp(-D / (2 * c)) + s * eye("m", "j", "l"))),
    # kernels
    Case("kernel", "(1 + norm(x - y) / c + norm(x - y)**2 / (3 * c**2)) * exp(-norm(x - y) / c)",
         {"x": N, "y": N, "c": S}, "x", {"x": "i", "y": "i", "c": ""},
         lambda x, y, c: (lambda r: (1 + r / c + F.pow(r, 2) / (3 * F.pow(c, 2))) * F.exp(-r / c))(norm(x - y))),
    Case("kernel", "exp(-sum((x - y)**2 * exp(-2 * g)) / 2)", {"x": N, "y": N, "g": N}, "g",
         {"x": "i", "y": "i", "g": "i"}, lambda x, y, g: F.exp(-F.sum(F.pow(x - y, 2) * F.exp(-2 * g)) / 2)),
    Case("kernel", "c - dot(k, inv(K + s * eye(m)) @ k)", {"c": S, "k": M, "K": MM, "s": S}, "k",
         {"c": "", "k": "j", "K": "jl", "s": ""},
         lambda c, k, K, s: c - k.rename(j="l") @ F.inverse(K + s * eye("m", "j", "l")) @ k),
    Case("kernel", "mean(exp(-((X * X) @ ones(n) - 2 * X @ x + dot(x, x)) / (2 * s)))", {"X": MN, "x": N, "s": S}, "x",
         {"X": "ji", "x": "i", "s": ""}, lambda X, x, s: F.mean(F.exp(-sqdist(X, x) / (2 * s)))),
    Case("kernel", "1 / (1 + norm(x - y)**2 / s)", {"x": N, "y": N, "s": S}, "s", {"x": "i", "y": "i", "s": ""},
         lambda x, y, s: F.pow(1 + sq(x - y) / s, -1)),
    # logs and exps
    Case("log-exp", "sum((y + r) * log(1 + exp(X @ w) / r) - y * (X @ w))", {"y": M, "r": S, "X": MN, "w": N}, "r",
         {"y": "j", "r": "", "X": "ji", "w": "i"},
         lambda y, r, X, w: F.sum((y + r * eye("m", "j")) * F.log(1 + F.exp(X @ w) / r) - y * (X @ w))),
    Case("log-exp", "sum(exp(X @ w) + log(1 - exp(-exp(X @ w))) - y * (X @ w))", {"X": MN, "w": N, "y": M}, "w",
         {"X": "ji", "w": "i", "y": "j"},
         lambda X, w, y: (lambda z: F.sum(F.exp(z) + F.log(1 - F.exp(-F.exp(z))) - y * z))(X @ w)),
    Case("log-exp", "sum(softplus(X @ w) - y * log(softplus(X @ w)))", {"X": MN, "w": N, "y": M}, "w",
         {"X": "ji", "w": "i", "y": "j"}, lambda X, w, y: (lambda s: F.sum(s - y * F.log(s)))(softplus(X @ w))),
    Case("log-exp", "-log(1 - exp(sum(log(1 - sigmoid(z)))))", {"z": N}, "z", {"z": "i"},
         lambda z: -F.log(1 - F.exp(F.sum(F.log(1 - F.sigmoid(z)))))),
    Case("log-exp", "sum(exp(a) * (exp(b * t) - 1) / b - a - b * t)", {"t": M, "a": S, "b": S}, "b",
         {"t": "j", "a": "", "b": ""},
         lambda t, a, b: F.sum(F.exp(a) * (F.exp(b * t) - 1) / b - a * eye("m", "j") - b * t)),
    # softmax
    Case("softmax", "-dot(y, log(softmax(z))) + e * (1 - dot(y, softmax(z)))", {"y": N, "z": N, "e": S}, "z",
         {"y": "i", "z": "i", "e": ""},
         lambda y, z, e: (lambda s: -(y @ F.log(s)) + e * (1 - y @ s))(F.softmax(z, dim="i"))),
    Case("softmax", "-dot(y, log(softmax(z + t * log(r))))", {"y": N, "z": N, "t": S, "r": N}, "t",
         {"y": "i", "z": "i", "t": "", "r": "i"}, lambda y, z, t, r: -(y @ F.log(F.softmax(z + t * F.log(r), dim="i")))),
    Case("softmax", "dot(softmax(u / t), log(softmax(u / t)) - log(softmax(z / t)))", {"u": N, "t": S, "z": N}, "z",
         {"u": "i", "t": "", "z": "i"},
         lambda u, t, z: (lambda q: q @ (F.log(q) - F.log(F.softmax(z / t, dim="i"))))(F.softmax(u / t, dim="i"))),
    Case("softmax", "dot(v, softmax((log(a) + g) / t))", {"v": N, "a": N, "g": N, "t": S}, "t",
         {"v": "i", "a": "i", "g": "i", "t": ""}, lambda v, a, g, t: v @ F.softmax((F.log(a) + g) / t, dim="i")),
    Case("softmax", "log(dot(softmax(a), exp(-(x * ones(n) - u)**2 / 2)))", {"a": N, "x": S, "u": N}, "u",
         {"a": "i", "x": "", "u": "i"},
         lambda a, x, u: F.log(F.softmax(a, dim="i") @ F.exp(-F.pow(x * eye("n", "i") - u, 2) / 2))),
    # attention
    Case("attention", "V.T @ (K @ q)**2 / sum((K @ q)**2)", {"V": MN, "K": MN, "q": N}, "q",
         {"V": "ji", "K": "ji", "q": "i"}, lambda V, K, q: (lambda e: V @ e / F.sum(e))(F.pow(K @ q, 2))),
    Case("attention", "dot(u, V.T @ softmax(K @ q / (c * norm(q))))", {"u": N, "V": MN, "K": MN, "q": N, "c": S}, "c",
         {"u": "i", "V": "ji", "K": "ji", "q": "i", "c": ""},
         lambda u, V, K, q, c: u @ (V @ F.softmax(K @ q / (c * norm(q)), dim="j"))),
    Case("attention", "V.T @ softmax(-((K * K) @ ones(n) - 2 * K @ q + dot(q, q)) / t)", {"V": MN, "K": MN, "q": N, "t": S},
         "q", {"V": "ji", "K": "ji", "q": "i", "t": ""},
         lambda V, K, q, t: V @ F.softmax(-sqdist(K, q) / t, dim="j")),
    Case("attention", "logsumexp(K @ q / t) - dot(k, q) / t", {"K": MN, "q": N, "t": S, "k": N}, "t",
         {"K": "ji", "q": "i", "t": "", "k": "i"}, lambda K, q, t, k: lse(K @ q / t) - (k @ q) / t),
    Case("attention", "sigmoid(dot(g, q)) * dot(u, V.T @ softmax(K @ q))", {"g": N, "q": N, "u": N, "V": MN, "K": MN}, "q",
         {"g": "i", "q": "i", "u": "i", "V": "ji", "K": "ji"},
         lambda g, q, u, V, K: F.sigmoid(g @ q) * (u @ (V @ F.softmax(K @ q, dim="j")))),
    # logistic pieces
    Case("logistic", "-sum(y * log(sigmoid(a * (t - b))) + (1 - y) * log(sigmoid(a * (b - t))))",
         {"y": M, "a": S, "t": S, "b": M}, "t", {"y": "j", "a": "", "t": "", "b": "j"},
         lambda y, a, t, b: -F.sum(y * F.log(F.sigmoid(a * (t * eye("m", "j") - b)))
                                   + (1 - y) * F.log(F.sigmoid(a * (b - t * eye("m", "j")))))),
    Case("logistic", "-dot(s * y, log(sigmoid(X @ w))) - dot(s * (1 - y), log(sigmoid(-(X @ w))))",
         {"s": M, "y": M, "X": MN, "w": N}, "w", {"s": "j", "y": "j", "X": "ji", "w": "i"},
         lambda s, y, X, w: (lambda z: -((s * y) @ F.log(F.sigmoid(z))) - (s * (1 - y)) @ F.log(F.sigmoid(-z)))(X @ w)),
    Case("logistic", "norm(y - c * sigmoid(a * t - b))**2", {"y": M, "c": S, "a": S, "t": M, "b": S}, "a",
         {"y": "j", "c": "", "a": "", "t": "j", "b": ""},
         lambda y, c, a, t, b: sq(y - c * F.sigmoid(a * t - b * eye("m", "j")))),
    Case("logistic", "-dot(y, (1 - sigmoid(z))**2 * log(sigmoid(z))) - dot(1 - y, sigmoid(z)**2 * log(1 - sigmoid(z)))",
         {"y": N, "z": N}, "z", {"y": "i", "z": "i"},
         lambda y, z: (lambda s: -(y @ (F.pow(1 - s, 2) * F.log(s))) - (1 - y) @ (F.pow(s, 2) * F.log(1 - s)))(
             F.sigmoid(z))),
    Case("logistic", "sigmoid(dot(a - c, inv(S) @ x) - (dot(a, inv(S) @ a) - dot(c, inv(S) @ c)) / 2)",
         {"a": N, "c": N, "S": NN, "x": N}, "S", {"a": "i", "c": "i", "S": "ij", "x": "i"},
         lambda a, c, S, x: F.sigmoid((a - c).rename(i="j") @ F.inverse(S) @ x - (inv_quad(a, S) - inv_quad(c, S)) / 2),
         {"S": INV}),
    # losses
    Case("loss", "sum(1 - relu(1 - ((X @ w - y) / (5 * c))**2)**3)", {"X": MN, "w": N, "y": M, "c": S}, "w",
         {"X": "ji", "w": "i", "y": "j", "c": ""},
         lambda X, w, y, c: F.sum(1 - F.pow(F.relu(1 - F.pow((X @ w - y) / (5 * c), 2)), 3))),
    Case("loss", "sum(y / (X @ w) - log(y / (X @ w)) - 1)", {"y": M, "X": MN, "w": N}, "w", {"y": "j", "X": "ji", "w": "i"},
         lambda y, X, w: (lambda q: F.sum(q - F.log(q) - 1))(y * F.pow(X @ w, -1))),
    Case("loss", "sum((2 - a) / a * ((((X @ w - y) / c)**2 / (2 - a) + 1)**(a / 2) - 1))",
         {"a": S, "X": MN, "w": N, "y": M, "c": S}, "a", {"a": "", "X": "ji", "w": "i", "y": "j", "c": ""},
         lambda a, X, w, y, c: (lambda u: F.sum((2 - a) / a * (F.exp(a / 2 * F.log(u / (2 - a) + 1)) - 1)))(
             F.pow((X @ w - y) / c, 2))),
    Case("loss", "sum(relu(1 - X @ w + Y @ w))", {"X": MN, "Y": MN, "w": N}, "w", {"X": "ji", "Y": "ji", "w": "i"},
         lambda X, Y, w: F.sum(F.relu(1 - X @ w + Y @ w))),
    Case("loss", "log(mean(exp(c * (X @ w - y)**2))) / c", {"c": S, "X": MN, "w": N, "y": M}, "c",
         {"c": "", "X": "ji", "w": "i", "y": "j"},
         lambda c, X, w, y: F.log(F.mean(F.exp(c * F.pow(X @ w - y, 2)))) / c),
    # quotients
    Case("quotient", "(dot(w, r) - c) / norm(R @ w - b)", {"w": N, "r": N, "c": S, "R": MN, "b": M}, "w",
         {"w": "i", "r": "i", "c": "", "R": "ji", "b": "j"}, lambda w, r, c, R, b: (w @ r - c) / norm(R @ w - b)),
    Case("quotient", "c * x / (k + x)", {"c": S, "x": N, "k": N}, "k", {"c": "", "x": "i", "k": "i"},
         lambda c, x, k: c * x * F.pow(k + x, -1)),
    Case("quotient", "sum((x / sum(x))**2)", {"x": N}, "x", {"x": "i"}, lambda x: F.sum(F.pow(x / F.sum(x), 2))),
    Case("quotient", "1 - norm(y - X @ w)**2 / norm(y - mean(y))**2", {"y": M, "X": MN, "w": N}, "w",
         {"y": "j", "X": "ji", "w": "i"}, lambda y, X, w: 1 - sq(y - X @ w) / sq(centred(y))),
    Case("quotient", "norm(D @ (y - X @ w))**2 / norm(y - X @ w)**2", {"D": MM, "y": M, "X": MN, "w": N}, "w",
         {"D": "lj", "y": "j", "X": "ji", "w": "i"}, lambda D, y, X, w: (lambda r: sq(D @ r) / sq(r))(y - X @ w)),
    # powers
    Case("power", "mean(x**c)**(1 / c)", {"x": N, "c": S}, "x", {"x": "i", "c": ""},
         lambda x, c: F.exp(F.log(F.mean(F.exp(c * F.log(x)))) / c)),
    Case("power", "(1 - sum(softmax(z)**(q + 1))) / q", {"z": N, "q": S}, "q", {"z": "i", "q": ""},
         lambda z, q: (1 - F.sum(F.exp((q + 1) * F.log(F.softmax(z, dim="i"))))) / q),
    Case("power", "dot(a, x**r)**(1 / r)", {"a": N, "x": N, "r": S}, "r", {"a": "i", "x": "i", "r": ""},
         lambda a, x, r: F.exp(F.log(a @ F.exp(r * F.log(x))) / r)),
    Case("power", "sum((c / d)**12 - 2 * (c / d)**6)", {"c": S, "d": M}, "d", {"c": "", "d": "j"},
         lambda c, d: (lambda u: F.sum(F.pow(u, 12) - 2 * F.pow(u, 6)))(c * F.pow(d, -1))),
    Case("power", "sum(abs(X @ w - y)**c) / c", {"X": MN, "w": N, "y": M, "c": S}, "c",
         {"X": "ji", "w": "i", "y": "j", "c": ""},
         lambda X, w, y, c: F.sum(F.exp(c * F.log(F.abs(X @ w - y)))) / c),
    # norms
    Case("norm", "norm(x - y)**2 / 2 + c * sum(abs(D @ x))", {"x": N, "y": N, "c": S, "D": MN}, "x",
         {"x": "i", "y": "i", "c": "", "D": "ji"}, lambda x, y, c, D: sq(x - y) / 2 + c * F.sum(F.abs(D @ x))),
    Case("norm", "norm(y - x)**2 / 2 + c * sum(abs(D @ (D @ x)))", {"y": N, "x": N, "c": S, "D": NN}, "x",
         {"y": "i", "x": "j", "c": "", "D": "ij"},
         lambda y, x, c, D: sq(y.rename(i="j") - x) / 2 + c * F.sum(F.abs(D @ (D.rename(i="j", j="k") @ x.rename(j="k"))))),
    Case("norm", "sum(sqrt(G @ (w * w)))", {"G": MN, "w": N}, "w", {"G": "ji", "w": "i"},
         lambda G, w: F.sum(F.sqrt(G @ (w * w)))),
    Case("norm", "norm(A @ X - X @ A) / norm(X)", {"A": NN, "X": NN}, "X", {"A": "ij", "X": "ij"},
         lambda A, X: norm((A @ X.rename(i="j", j="k")).rename(k="j") - X.rename(j="k") @ A.rename(i="k")) / norm(X)),
    Case("norm", "sum((x - y)**4)**(1 / 4)", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: F.pow(F.sum(F.pow(x - y, 4)), Fraction(1, 4))),
    # elementwise functions
    Case("elementwise", "dot(a, x * (1 + tanh(4 * x / 5 + x**3 / 28)) / 2)", {"a": N, "x": N}, "x",
         {"a": "i", "x": "i"}, lambda a, x: a @ (x * (1 + F.tanh(4 * x / 5 + F.pow(x, 3) / 28)) / 2)),
    Case("elementwise", "dot(a, log(exp(x) - 1))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ F.log(F.exp(x) - 1)),
    Case("elementwise", "dot(a, x * tanh(log(1 + sigmoid(x))))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (x * F.tanh(F.log(1 + F.sigmoid(x))))),
    Case("elementwise", "dot(a, x / sqrt(1 + c * x**2))", {"a": N, "x": N, "c": S}, "c", {"a": "i", "x": "i", "c": ""},
         lambda a, x, c: a @ (x * F.pow(1 + c * F.pow(x, 2), Fraction(-1, 2)))),
    Case("elementwise", "sign(x) * log(1 + abs(x))", {"x": N}, "x", {"x": "i"},
         lambda x: F.sign(x) * F.log(1 + F.abs(x))),
    # networks
    Case("network", "norm(diag(sigmoid(W @ x) * (1 - sigmoid(W @ x))) @ W)**2", {"W": MN, "x": N}, "W",
         {"W": "ji", "x": "i"}, lambda W, x: (lambda s: sq((s * (1 - s)) * W))(F.sigmoid(W @ x))),
    Case("network", "softplus(dot(x, W @ y) + dot(a, x) + b)", {"x": N, "W": NN, "y": N, "a": N, "b": S}, "W",
         {"x": "i", "W": "ij", "y": "j", "a": "i", "b": ""}, lambda x, W, y, a, b: softplus(x @ W @ y + a @ x + b)),
    Case("network", "(dot(v, softplus(W @ x + b)) - y)**2", {"v": M, "W": MN, "x": N, "b": M, "y": S}, "b",
         {"v": "j", "W": "ji", "x": "i", "b": "j", "y": ""},
         lambda v, W, x, b, y: F.pow(v @ softplus(W @ x + b) - y, 2)),
    Case("network", "g * x / sqrt(mean(x**2) + e)", {"g": N, "x": N, "e": S}, "x", {"g": "i", "x": "i", "e": ""},
         lambda g, x, e: g * x * F.pow(F.mean(F.pow(x, 2)) + e, Fraction(-1, 2))),
    Case("network", "norm(x * sigmoid(B @ relu(A @ x)) - y)**2", {"x": N, "B": NP, "A": PN, "y": N}, "A",
         {"x": "i", "B": "ik", "A": "ki", "y": "i"}, lambda x, B, A, y: sq(x * F.sigmoid(B @ F.relu(A @ x)) - y)),
    # products
    Case("product", "diag(x) @ A @ diag(x)", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: x * A * x.rename(i="j")),
    Case("product", "x * (r - A @ x)", {"x": N, "r": N, "A": NN}, "A", {"x": "j", "r": "i", "A": "ij"},
         lambda x, r, A: x.rename(j="i") * (r - A @ x)),
    Case("product", "exp(-dot(b, x)) * dot(a, x) * norm(x)**2", {"b": N, "x": N, "a": N}, "x",
         {"b": "i", "x": "i", "a": "i"}, lambda b, x, a: F.exp(-(b @ x)) * (a @ x) * sq(x)),
    Case("product", "norm(x)**2 * norm(y - x)**2", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: sq(x) * sq(y - x)),
    Case("product", "exp(-dot(x, x) / 2) * (dot(a, x)**2 - dot(a, a))", {"x": N, "a": N}, "x", {"x": "i", "a": "i"},
         lambda x, a: F.exp(-(x @ x) / 2) * (F.pow(a @ x, 2) - a @ a)),
    # roots of sums
    Case("root", "sqrt(dot(y - X @ w, S @ (y - X @ w)))", {"y": M, "X": MN, "w": N, "S": MM}, "w",
         {"y": "j", "X": "ji", "w": "i", "S": "jl"}, lambda y, X, w, S: (lambda r: F.sqrt(r @ S @ r.rename(j="l")))(y - X @ w)),
    Case("root", "sqrt(dot(x - y, A @ (x - y)) + c)", {"x": N, "y": N, "A": NN, "c": S}, "x",
         {"x": "i", "y": "i", "A": "ij", "c": ""}, lambda x, y, A, c: F.sqrt(quad(x - y, A) + c)),
    Case("root", "sum((sqrt((X * X) @ ones(n) - 2 * X @ x + dot(x, x)) - r)**2)", {"X": MN, "x": N, "r": M}, "x",
         {"X": "ji", "x": "i", "r": "j"}, lambda X, x, r: F.sum(F.pow(F.sqrt(sqdist(X, x)) - r, 2))),
    Case("root", "sum((sqrt(exp(X @ w)) - sqrt(y))**2)", {"X": MN, "w": N, "y": M}, "w", {"X": "ji", "w": "i", "y": "j"},
         lambda X, w, y: F.sum(F.pow(F.sqrt(F.exp(X @ w)) - F.sqrt(y), 2))),
    Case("root", "sqrt(mean((X @ w - mean(X @ w))**2))", {"X": MN, "w": N}, "w", {"X": "ji", "w": "i"},
         lambda X, w: F.sqrt(F.mean(F.pow(centred(X @ w), 2)))),
)
