"""A nineteenth held-out set for bench/bench_tensorgrad.py (``--cases fresh19``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 45, branch fresh19), without reading the engine or the
checks: none is in tg_cases.py, tg_fresh.py or tg_fresh3.py .. tg_fresh18.py (nor the same function under a cyclic
trace, a transpose or renamed variables): checked by a script that renames every variable in order of appearance and
compares the texts, and that compares values (tg_numpy on the tensorgrad sides) at two random points with every
earlier case (1,772) and every other case of this set whose variables have the same shapes, under every shape-keeping
renaming of the variables and of the sizes n, m, p, square matrices also transposed, as equal, proportional or off by
a constant (the same ratio or offset at both points; vector and matrix values also as sorted entries); the same
function by another variable counts as a repeat. The earlier sets are saturated: the first draft had 39 repeats (18 by
text, among them tr(diag(w) A diag(w) B), the Sylvester residual, the resolvent trace, the GP marginal with ARD
weights, log-cosh regression, ListNet, the softmax focal loss, Platt scaling, the Tversky loss, the coefficient of
variation, the Tsallis entropy, the normalised-embedding distance, the contractive auto-encoder penalty, the ISRU
activation, the triplet hinge, outer(A x, B x), trilateration, the minimal-surface area; 21 by value alone, among them
the trace ratio, the Brockett cost, logdet(A S A^T) by A (fresh16's by S), the characteristic polynomial det(X - c I)
at -1 times det(c I - X), the matrix-normal trace, the conditional Gaussian mean, the rational-quadratic kernel, the
negative-binomial NLL, the logit-adjusted loss, the Cauchy loss, the pinball loss, the squared hinge, the CES
aggregate, the Weibull NLL at -1 times an earlier one, the tanh-GELU at 0.9994 times a rational-coefficient one, the
squareplus by its offset, the swish by its slope, an MLP's cross-entropy whose relu is positive at both points, the
squeeze-and-excitation gate, the CP slice, the Bhattacharyya distance); the second draft 13 (7 by text: the A-optimal
design, the polynomial kernel by its degree, the zero-truncated Poisson NLL, the Gumbel-softmax by its temperature,
the poly-1 loss, the smooth pinball loss, the Logish activation; 6 by value: the Cholesky precision NLL at -1/2 of
fresh5's, the Kalman mean by P, the complementary log-log NLL, the soft-margin triplet, a vectorial total variation,
an RBF network by its centres), the third 4 (the product of two Gaussians' mean, the factor-analysis NLL by the
uniquenesses, the Gumbel NLL, the Welsch loss), the fourth 2 (the Schur complement, the Itakura-Saito divergence by
W), the fifth 2 (the Bayesian posterior mean by the noise variance, the Student-t loss by its degrees of freedom), the
sixth none; each was replaced before the commit by another of the same kind.

Before the commit each case's two sides were also compared by value alone (mcdocgen's evaluator against tg_numpy at
the warm-up check's point, no derivative, nothing timed), and central differences of mcdocgen's evaluator there looked
for flat cases. One tensorgrad side was wrong as first written (Stein's loss: tr(S T^-1) contracted as tr(S^T T^-1);
fixed, S @ F.inverse(T)). Three cases were flat and changed: the two-step RNN's tanh saturated at the point (largest
gradient entry 1.7e-8; its inputs now enter with a minus sign, tanh(W tanh(W h - U x) - U y)), the kurtosis of three
numbers is 3/2 whatever they are (now of an m-vector, four numbers), and the Deep Sets network's tanh of a sum over
four rows saturated to a zero gradient (now softplus). After that all 100 agree by value, none flat; the smallest
scalar gradients there (the largest entry): a Performer-style attention by q (3.6e-4), cosine-similarity attention by
its temperature (5.9e-4), gated-attention MIL pooling by w (9.6e-4), Barron's loss by its shape (1.8e-3).

Picked as a grader would from a matrix-calculus course, the Matrix Cookbook, ML papers, statistics, econometrics,
survival analysis, control, graph methods and physics, 20 kinds of 5: linear maps (a Bellman residual v - r - c P v as
a vector by P, the commutator A X - X A as a matrix by X, Kirchhoff's nodal residual B^T (g * B v) - s as a vector by
the conductances, a state-space two-step output C (A^2 x + B u) as a vector by A, a discounted occupancy r^T (x + c P
x + c^2 P^2 x) by the discount), quadratic forms (a one-step LQR cost by the control, an LDA-like contrast (w^T (a -
b))^2 - c w^T S w, a spring network's energy by the displacements, the Joseph-form covariance trace by the gain, a
regularised bilinear saddle by y), traces (the modularity tr(Y^T (A - d d^T / 1^T d) Y) by the adjacency,
Ledoit-Wolf's shrinkage residual by the intensity, a Burer-Monteiro max-cut penalty by the factor, a matrix model's
quartic potential, a graph Laplacian's tr(L^2) by the weights), Frobenius residuals (a linear HSIC with centring by X,
a bilinear regression Y - A X B^T by X, dictionary learning with a unit-norm penalty on the atoms, Umeyama's scale, a
Charbonnier robust PCA by the sparse part), inverses (the global minimum-variance portfolio's variance 1 / 1^T S^-1 1
by S, a GP data fit with a linear kernel by X, the effective resistance by the weights, a closed loop's DC gain by the
feedback gain, the ridge pseudo-inverse as a matrix by its ridge), determinants (Stein's loss, a DPP's normalised
log-likelihood by the qualities, the D-optimal design's logdet(X^T diag(w) X) by the weights, a Wishart log-density by
its scale, a GP information gain logdet(I + K / s) by the inputs), Gaussian pieces (a multivariate t log-density by
the location, a shrinkage Mahalanobis distance by the shrinkage, a Gaussian mixture's log-density by one mean, the
diagonal Gaussian KL by the scales, a Bayesian linear model's predictive covariance with ARD weights as a matrix by
the weights), kernels (the Cauchy kernel by its metric, a kernel ridge prediction by the query, a Matern-3/2 sum by
its length, the inverse multiquadric by its offset, a Gaussian Gram matrix by its bandwidth), logs and exps (the Cox
partial likelihood, the Gompertz log-likelihood by its rate, an Arrhenius fit by the activation energy, a soft Bellman
backup, a Hawkes process likelihood by its decay), softmax (distillation KL with T^2, the softmax Jacobian as a matrix
by z, a supervised contrastive term, the conditional logit by its price coefficient, the partial-label loss -log(y^T
softmax(X W x)) by W), attention (softmax attention as a matrix by the queries, an ALiBi-like bias, cosine-similarity
attention by its temperature, gated MIL pooling, Performer-style positive features), logistic pieces (the ordinal
proportional-odds NLL, binary NCE, BCE with a positive weight, a logistic growth fit by its rate, the Rasch model by
the item difficulties), losses (Barron's general loss by its shape, the 1-D earth mover's distance sum |C (u - v)|,
the N-pair loss, the Wing loss's log branch by its width, symmetric cross-entropy), quotients (an information ratio,
the normalised cut, SI-SNR, a soft F-beta score, the kurtosis), powers (the generalised Pareto NLL by its shape, a
Freundlich isotherm by its exponent, bridge regression, van Genuchten's retention curve by its shape, the Riesz
s-energy by s), norms (a smoothed total variation, the l1 - l2 penalty, the distance from x x^T to A, pseudo-Huber, an
exact penalty), elementwise functions (ELU as a vector, a Pade-like rational activation by its slope, the
soft-root-sign activation, a smooth soft-threshold by its threshold, the inverse hyperbolic sine transform by its
scale), networks (a LayerNorm-tanh unit, a highway layer's error, a two-step RNN, capsule squashing as a vector by W,
Deep Sets), products (Lotka-Volterra x * (r + A x) as a vector by A, a trilinear CP form, low-rank bilinear pooling,
the Newton-Schulz step 3 X / 2 - X X^T X / 2 as a matrix by X, the GCN normalisation D^-1/2 W D^-1/2 as a matrix by
W), and roots (a point-to-line distance by the direction, a Plummer-softened gravitational energy by the positions,
anchor-based multidimensional scaling, a smoothed Weber objective, a relativistic energy by c). Derivatives by
vectors, matrices and scalars; fourteen vector- or matrix-valued functions (vectors by matrices, vectors by vectors,
matrices by matrices, matrices by scalars, matrices by vectors), their whole derivatives compared.

The same structure and conventions as tg_cases.py and tg_fresh18.py (tg_cases.py's docstring says how tensorgrad's
edges are named): an inverse is contracted on its far edge (``F.inverse(X)`` with X on edges "ij" holds X^-1's rows on
j), ``X.rename(i="j", j="i")`` is a transpose, ``eye`` is the identity on the edges it names (a ones vector on one
edge), ``u * v`` on two different edges an outer product; a scalar variable inside a sum over a vector is multiplied
by a ones vector on the tensorgrad side, as the language broadcasts it, and so is a vector summed with a matrix. No
variable is named after a size (n, m, p), nor F. A variable exponent (CES, Freundlich, bridge, van Genuchten, Riesz,
Barron) is written as such in mcdocgen's language and through exp and log in tensorgrad's.

The warm-up check (--runs 0 --cpu, the warm-up round alone, nothing timed; the engine of the commit checked, branched
from main at 1ec5eff). At the set's first commit (f3f1fa5) all 100 agree as written: 79 "ok", 7 "ok, signed too" (the
scalar functions with a kink: the 1-D earth mover's distance, the Wing loss, bridge regression, the l1 - l2 penalty,
the Pade-like activation, the highway layer, Deep Sets), the thirteen vector- or matrix-valued functions without a
kink "ok (derivative)" and ELU "ok (derivative), signed too"; none with a zero gradient or derivative; nothing was
fixed or replaced after the check. Every case was also run through `mcdocgen try` (derive and all its checks, --var
and --wrt as the case's shapes and variable): 99 pass; bridge regression norm(y - X @ w)**2 + c * sum(abs(w)**q) by w
is derived right (numeric and components pass) but exits 1, its subgradient check failing: the page states the set at
w = 0 as the result with the sign replaced by any slope in [-1, 1], which |w|^q with a symbolic exponent does not have
(infinite slope for q < 1, no kink for q > 1).
"""

from __future__ import annotations

from fractions import Fraction

import tensorgrad.functions as F

from tg_cases import Case, cross, centred, eye, inv_quad, logdet, norm, pairwise, quad, softplus, sq, sqdist

N, NN, MN, M, P, S = ("n",), ("n", "n"), ("m", "n"), ("m",), ("p",), ()
MM, PN, NM, NP, PP = ("m", "m"), ("p", "n"), ("n", "m"), ("n", "p"), ("p", "p")
MP, PM = ("m", "p"), ("p", "m")
INV = ("invertible",)


CASES: tuple[Case, ...] = (
    # linear
    Case("linear", "v - r - c * P @ v", {"v": N, "r": N, "c": S, "P": NN}, "P",
         {"v": "j", "r": "i", "c": "", "P": "ij"},
         lambda v, r, c, P: v.rename(j="i") - r - c * (P @ v)),
    Case("linear", "A @ X - X @ A", {"A": NN, "X": NN}, "X", {"A": "ij", "X": "ij"},
         lambda A, X: A.rename(j="k") @ X.rename(i="k") - X.rename(j="k") @ A.rename(i="k")),
    Case("linear", "B.T @ (g * (B @ v)) - s", {"B": MN, "g": M, "v": N, "s": N}, "g",
         {"B": "ji", "g": "j", "v": "i", "s": "i"},
         lambda B, g, v, s: (g * (B @ v)) @ B - s),
    Case("linear", "C @ (A @ (A @ x) + B @ u)", {"C": PN, "A": NN, "x": N, "B": NM, "u": M}, "A",
         {"C": "ki", "A": "ij", "x": "j", "B": "il", "u": "l"},
         lambda C, A, x, B, u: C @ (A @ (A @ x).rename(i="j") + B @ u)),
    Case("linear", "dot(r, x) + c * dot(r, P @ x) + c**2 * dot(r, P @ (P @ x))", {"r": N, "x": N, "c": S, "P": NN}, "c",
         {"r": "i", "x": "j", "c": "", "P": "ij"},
         lambda r, x, c, P: r @ x.rename(j="i") + c * (r @ (P @ x)) + F.pow(c, 2) * (r @ (P @ (P @ x).rename(i="j")))),
    # quadratic forms
    Case("quadratic", "dot(x, Q @ x) + dot(u, R @ u) + dot(A @ x + B @ u, Q @ (A @ x + B @ u))",
         {"x": N, "Q": NN, "u": M, "R": MM, "A": NN, "B": NM}, "u",
         {"x": "j", "Q": "ij", "u": "l", "R": "lo", "A": "ij", "B": "il"},
         lambda x, Q, u, R, A, B: quad(x.rename(j="i"), Q) + u @ R @ u.rename(l="o") + quad(A @ x + B @ u, Q)),
    Case("quadratic", "dot(w, a - b)**2 - c * dot(w, S @ w)", {"w": N, "a": N, "b": N, "c": S, "S": NN}, "w",
         {"w": "i", "a": "i", "b": "i", "c": "", "S": "ij"},
         lambda w, a, b, c, S: F.pow(w @ (a - b), 2) - c * quad(w, S)),
    Case("quadratic", "sum(k * (B @ x)**2) / 2 - dot(f, x)", {"k": M, "B": MN, "x": N, "f": N}, "x",
         {"k": "j", "B": "ji", "x": "i", "f": "i"},
         lambda k, B, x, f: F.sum(k * F.pow(B @ x, 2)) / 2 - f @ x),
    Case("quadratic", "tr((eye(n) - K @ H) @ P @ (eye(n) - K @ H).T + K @ R @ K.T)",
         {"K": NM, "H": MN, "P": NN, "R": MM}, "K", {"K": "il", "H": "lj", "P": "jk", "R": "lo"},
         lambda K, H, P, R: (lambda G: (G @ P) @ G.rename(j="k"))(eye("n", "i", "j") - K @ H)
         + (K @ R) @ K.rename(l="o")),
    Case("quadratic", "dot(x, A @ y) + c * dot(x, x) / 2 - d * dot(y, y) / 2", {"x": N, "A": NM, "y": M, "c": S, "d": S},
         "y", {"x": "i", "A": "il", "y": "l", "c": "", "d": ""},
         lambda x, A, y, c, d: x @ A @ y + c * (x @ x) / 2 - d * (y @ y) / 2),
    # traces
    Case("trace", "tr(X @ X @ X @ X) / 4 - c * tr(X @ X) / 2", {"X": NN, "c": S}, "X", {"X": "ij", "c": ""},
         lambda X, c: (lambda X2: X2 @ X2.rename(i="j", j="i") / 4)(X.rename(j="k") @ X.rename(i="k"))
         - c * (X @ X.rename(i="j", j="i")) / 2),
    Case("trace", "tr(Y.T @ (A - outer(A @ ones(n), A @ ones(n)) / sum(A @ ones(n))) @ Y)", {"Y": NP, "A": NN}, "A",
         {"Y": "ik", "A": "ij"},
         lambda Y, A: (lambda d: Y @ (A - d * d.rename(i="j") / F.sum(d)) @ Y.rename(i="j"))(A @ eye("n", "j"))),
    Case("trace", "tr((diag(W @ ones(n)) - W) @ (diag(W @ ones(n)) - W))", {"W": NN}, "W", {"W": "ij"},
         lambda W: (lambda L: L @ L.rename(i="j", j="i"))((W @ eye("n", "j")) * eye("n", "i", "j") - W)),
    Case("trace", "tr((c * T + (1 - c) * S - C).T @ (c * T + (1 - c) * S - C))", {"c": S, "T": NN, "S": NN, "C": NN}, "c",
         {"c": "", "T": "ij", "S": "ij", "C": "ij"}, lambda c, T, S, C: sq(c * T + (1 - c) * S - C)),
    Case("trace", "tr(C @ X @ X.T) + c * sum((diag(X @ X.T) - 1)**2)", {"C": NN, "X": NP, "c": S}, "X",
         {"C": "ij", "X": "ik", "c": ""},
         lambda C, X, c: (C @ X.rename(i="j")) @ X + c * F.sum(F.pow((X * X) @ eye("p", "k") - 1, 2))),
    # Frobenius residuals
    Case("frobenius", "norm(Y.T @ (X - outer(ones(m), X.T @ ones(m)) / sum(ones(m))))**2", {"Y": MP, "X": MN}, "X",
         {"Y": "jk", "X": "ji"},
         lambda Y, X: sq(Y @ (X - eye("m", "j") * (X @ eye("m", "j")) / F.sum(eye("m", "j"))))),
    Case("frobenius", "norm(Y - A @ X @ B.T)**2", {"Y": MN, "A": MP, "X": PP, "B": NP}, "X",
         {"Y": "ji", "A": "jk", "X": "kq", "B": "iq"}, lambda Y, A, X, B: sq(Y - A @ X @ B)),
    Case("frobenius", "norm(Y - D @ Z)**2 + c * sum((sqrt((D * D).T @ ones(m)) - 1)**2)",
         {"Y": MN, "D": MP, "Z": PN, "c": S}, "D", {"Y": "ji", "D": "jk", "Z": "ki", "c": ""},
         lambda Y, D, Z, c: sq(Y - D @ Z) + c * F.sum(F.pow(F.sqrt((D * D) @ eye("m", "j")) - 1, 2))),
    Case("frobenius", "norm(c * X @ R - Y)**2", {"c": S, "X": MN, "R": NN, "Y": MN}, "c",
         {"c": "", "X": "ji", "R": "ik", "Y": "jk"}, lambda c, X, R, Y: sq(c * (X @ R) - Y)),
    Case("frobenius", "norm(Y - U @ V - S)**2 / 2 + c * sum(sqrt(S**2 + e))",
         {"Y": MN, "U": MP, "V": PN, "S": MN, "c": S, "e": S}, "S",
         {"Y": "ji", "U": "jk", "V": "ki", "S": "ji", "c": "", "e": ""},
         lambda Y, U, V, S, c, e: sq(Y - U @ V - S) / 2
         + c * F.sum(F.sqrt(F.pow(S, 2) + e * eye("m", "j") * eye("n", "i")))),
    # inverses
    Case("inverse", "dot(y, inv(c * eye(m) + X @ X.T) @ y)", {"y": M, "c": S, "X": MN}, "X",
         {"y": "j", "c": "", "X": "ji"},
         lambda y, c, X: y.rename(j="l") @ F.inverse(c * eye("m", "j", "l") + X @ X.rename(j="l")) @ y),
    Case("inverse", "1 / sum(inv(S) @ ones(n))", {"S": NN}, "S", {"S": "ij"},
         lambda S: F.pow(F.sum(F.inverse(S)), -1), {"S": INV}),
    Case("inverse", "dot(a - b, inv(diag(W @ ones(n)) - W + outer(ones(n), ones(n))) @ (a - b))",
         {"a": N, "b": N, "W": NN}, "W", {"a": "i", "b": "i", "W": "ij"},
         lambda a, b, W: (a - b).rename(i="j")
         @ F.inverse((W @ eye("n", "j")) * eye("n", "i", "j") - W + eye("n", "i") * eye("n", "j")) @ (a - b)),
    Case("inverse", "dot(c, inv(eye(n) - A + B @ K) @ b)", {"c": N, "A": NN, "B": NM, "K": MN, "b": N}, "K",
         {"c": "i", "A": "ij", "B": "il", "K": "lj", "b": "i"},
         lambda c, A, B, K, b: c.rename(i="j") @ F.inverse(eye("n", "i", "j") - A + B @ K) @ b),
    Case("inverse", "inv(X.T @ X + c * eye(n)) @ X.T", {"X": MN, "c": S}, "c", {"X": "ji", "c": ""},
         lambda X, c: (F.inverse(X @ X.rename(i="k") + c * eye("n", "i", "k")) @ X).rename(k="i")),
    # determinants and log-determinants
    Case("determinant", "tr(S @ inv(T)) - logdet(S) + logdet(T)", {"S": NN, "T": NN}, "S", {"S": "ij", "T": "ij"},
         lambda S, T: S @ F.inverse(T) - logdet(S) + logdet(T), {"T": INV}),
    Case("determinant", "logdet(diag(q) @ L @ diag(q)) - logdet(diag(q) @ L @ diag(q) + eye(n))", {"q": N, "L": NN}, "q",
         {"q": "i", "L": "ij"},
         lambda q, L: (lambda G: logdet(G) - logdet(G + eye("n", "i", "j")))(q * L * q.rename(i="j"))),
    Case("determinant", "logdet(X.T @ diag(w) @ X)", {"X": MN, "w": M}, "w", {"X": "ji", "w": "j"},
         lambda X, w: logdet((X * w) @ X.rename(i="k"))),
    Case("determinant", "(a * logdet(X) - tr(inv(V) @ X) - b * logdet(V)) / 2", {"a": S, "X": NN, "V": NN, "b": S}, "V",
         {"a": "", "X": "ij", "V": "ij", "b": ""},
         lambda a, X, V, b: (a * logdet(X) - F.inverse(V) @ X - b * logdet(V)) / 2, {"V": INV}),
    Case("determinant", "logdet(eye(m) + exp(-(outer((X * X) @ ones(n), ones(m)) + outer(ones(m), (X * X) @ ones(n))"
         " - 2 * X @ X.T)) / s)", {"X": MN, "s": S}, "X", {"X": "ji", "s": ""},
         lambda X, s: logdet(eye("m", "j", "l") + F.exp(-pairwise(X, X)) / s)),
    # Gaussian pieces
    Case("gaussian", "-(v + 3) * log(1 + dot(x - u, inv(S) @ (x - u)) / v) / 2", {"v": S, "x": N, "u": N, "S": NN}, "u",
         {"v": "", "x": "i", "u": "i", "S": "ij"},
         lambda v, x, u, S: -(v + 3) * F.log(1 + inv_quad(x - u, S) / v) / 2, {"S": INV}),
    Case("gaussian", "dot(x - u, inv(c * eye(n) + (1 - c) * S) @ (x - u))", {"x": N, "u": N, "c": S, "S": NN}, "c",
         {"x": "i", "u": "i", "c": "", "S": "ij"},
         lambda x, u, c, S: inv_quad(x - u, c * eye("n", "i", "j") + (1 - c) * S)),
    Case("gaussian", "log(sigmoid(a) * exp(-norm(x - u)**2 / 2) + (1 - sigmoid(a)) * exp(-norm(x - v)**2 / 2))",
         {"a": S, "x": N, "u": N, "v": N}, "u", {"a": "", "x": "i", "u": "i", "v": "i"},
         lambda a, x, u, v: F.log(F.sigmoid(a) * F.exp(-sq(x - u) / 2) + (1 - F.sigmoid(a)) * F.exp(-sq(x - v) / 2))),
    Case("gaussian", "sum(log(t / s) + (s**2 + (u - v)**2) / (2 * t**2) - 1 / 2)", {"t": N, "s": N, "u": N, "v": N}, "s",
         {"t": "i", "s": "i", "u": "i", "v": "i"},
         lambda t, s, u, v: F.sum(F.log(t * F.pow(s, -1)) + (F.pow(s, 2) + F.pow(u - v, 2)) * F.pow(t, -2) / 2
                                  - eye("n", "i") / 2)),
    Case("gaussian", "Z @ diag(d) @ Z.T - Z @ diag(d) @ X.T @ inv(X @ diag(d) @ X.T + s * eye(m)) @ X @ diag(d) @ Z.T",
         {"Z": PN, "d": N, "X": MN, "s": S}, "d", {"Z": "ki", "d": "i", "X": "ji", "s": ""},
         lambda Z, d, X, s: (Z * d) @ Z.rename(k="q")
         - (((Z * d) @ X).rename(j="l") @ F.inverse((X * d) @ X.rename(j="l") + s * eye("m", "j", "l")))
         @ ((X * d) @ Z.rename(k="q"))),
    # kernels
    Case("kernel", "1 / (1 + dot(x - y, M @ (x - y)))", {"x": N, "y": N, "M": NN}, "M", {"x": "i", "y": "i", "M": "ij"},
         lambda x, y, M: F.pow(1 + quad(x - y, M), -1)),
    Case("kernel", "dot(exp(-((X * X) @ ones(n) - 2 * X @ x + dot(x, x)) / 2), inv(K + c * eye(m)) @ y)",
         {"X": MN, "x": N, "K": MM, "c": S, "y": M}, "x", {"X": "ji", "x": "i", "K": "jl", "c": "", "y": "j"},
         lambda X, x, K, c, y: F.exp(-sqdist(X, x) / 2).rename(j="l") @ F.inverse(K + c * eye("m", "j", "l")) @ y),
    Case("kernel", "dot(w, (1 + sqrt((X * X) @ ones(n) - 2 * X @ x + dot(x, x)) / h)"
         " * exp(-sqrt((X * X) @ ones(n) - 2 * X @ x + dot(x, x)) / h))", {"w": M, "X": MN, "x": N, "h": S}, "h",
         {"w": "j", "X": "ji", "x": "i", "h": ""},
         lambda w, X, x, h: (lambda d: w @ ((1 + d / h) * F.exp(-d / h)))(F.sqrt(sqdist(X, x)))),
    Case("kernel", "sum(1 / sqrt((X * X) @ ones(n) - 2 * X @ x + dot(x, x) + c**2))", {"X": MN, "x": N, "c": S}, "c",
         {"X": "ji", "x": "i", "c": ""},
         lambda X, x, c: F.sum(F.pow(sqdist(X, x) + F.pow(c, 2) * eye("m", "j"), Fraction(-1, 2)))),
    Case("kernel", "exp(-(outer((X * X) @ ones(n), ones(m)) + outer(ones(m), (X * X) @ ones(n)) - 2 * X @ X.T) / s)",
         {"X": MN, "s": S}, "s", {"X": "ji", "s": ""}, lambda X, s: F.exp(-pairwise(X, X) / s)),
    # logs and exps
    Case("log-exp", "-sum(log(u + a * (M * exp(-b * R)) @ ones(m))) + a * sum(1 - exp(-b * t)) / b",
         {"u": S, "a": S, "M": MM, "b": S, "R": MM, "t": M}, "b",
         {"u": "", "a": "", "M": "jl", "b": "", "R": "jl", "t": "j"},
         lambda u, a, M, b, R, t: -F.sum(F.log(u * eye("m", "j") + a * ((M * F.exp(-b * R)) @ eye("m", "l"))))
         + a * F.sum(1 - F.exp(-b * t)) / b),
    Case("log-exp", "-sum(X @ w - log(R @ exp(X @ w)))", {"X": MN, "w": N, "R": MM}, "w",
         {"X": "ji", "w": "i", "R": "jl"},
         lambda X, w, R: -F.sum(X @ w - F.log(R @ F.exp(X @ w).rename(j="l")))),
    Case("log-exp", "sum(log(a) + b * t - a * (exp(b * t) - 1) / b)", {"a": S, "b": S, "t": N}, "b",
         {"a": "", "b": "", "t": "i"},
         lambda a, b, t: F.sum(F.log(a) * eye("n", "i") + b * t - a * (F.exp(b * t) - 1) / b)),
    Case("log-exp", "c * log(sum(exp((r + d * P @ v) / c)))", {"c": S, "r": M, "d": S, "P": MN, "v": N}, "v",
         {"c": "", "r": "j", "d": "", "P": "ji", "v": "i"},
         lambda c, r, d, P, v: c * F.log(F.sum(F.exp((r + d * (P @ v)) / c)))),
    Case("log-exp", "norm(y - a * exp(-e / t))**2", {"y": N, "a": S, "e": S, "t": N}, "e",
         {"y": "i", "a": "", "e": "", "t": "i"},
         lambda y, a, e, t: sq(y - a * F.exp(-e * F.pow(t, -1)))),
    # softmax
    Case("softmax", "c**2 * dot(softmax(z / c), log(softmax(z / c)) - log(softmax(u / c)))",
         {"c": S, "z": N, "u": N}, "u", {"c": "", "z": "i", "u": "i"},
         lambda c, z, u: (lambda s: F.pow(c, 2) * (s @ (F.log(s) - F.log(F.softmax(u / c, dim="i")))))(
             F.softmax(z / c, dim="i"))),
    Case("softmax", "-dot(y, log(softmax(Z @ z / c))) / sum(y)", {"y": M, "Z": MN, "z": N, "c": S}, "z",
         {"y": "j", "Z": "ji", "z": "i", "c": ""},
         lambda y, Z, z, c: -(y @ F.log(F.softmax((Z @ z) / c, dim="j"))) / F.sum(y)),
    Case("softmax", "diag(softmax(z)) - outer(softmax(z), softmax(z))", {"z": N}, "z", {"z": "i"},
         lambda z: (lambda s: s * eye("n", "i", "j") - s * s.rename(i="j"))(F.softmax(z, dim="i"))),
    Case("softmax", "-log(dot(y, softmax(X @ W @ x)))", {"y": M, "X": MN, "W": NN, "x": N}, "W",
         {"y": "j", "X": "ji", "W": "ik", "x": "k"},
         lambda y, X, W, x: -F.log(y @ F.softmax(X @ W @ x, dim="j"))),
    Case("softmax", "-dot(y, log(softmax(a + b * x)))", {"y": N, "a": N, "b": S, "x": N}, "b",
         {"y": "i", "a": "i", "b": "", "x": "i"},
         lambda y, a, b, x: -(y @ F.log(F.softmax(a + b * x, dim="i")))),
    # attention
    Case("attention", "diag(1 / (exp(Q @ K.T) @ ones(m))) @ exp(Q @ K.T) @ V", {"Q": PN, "K": MN, "V": MN}, "Q",
         {"Q": "ki", "K": "ji", "V": "ji"},
         lambda Q, K, V: (lambda E: (E * F.pow(E @ eye("m", "j"), -1)) @ V)(F.exp(Q @ K))),
    Case("attention", "dot(u, V.T @ softmax(K @ q / c - d * b))",
         {"u": N, "V": MN, "K": MN, "q": N, "c": S, "d": S, "b": M}, "q",
         {"u": "i", "V": "ji", "K": "ji", "q": "i", "c": "", "d": "", "b": "j"},
         lambda u, V, K, q, c, d, b: u @ (V @ F.softmax((K @ q) / c - d * b, dim="j"))),
    Case("attention", "dot(u, V.T @ softmax(K @ q / (c * sqrt((K * K) @ ones(n)) * norm(q))))",
         {"u": N, "V": MN, "K": MN, "q": N, "c": S}, "c", {"u": "i", "V": "ji", "K": "ji", "q": "i", "c": ""},
         lambda u, V, K, q, c: u @ (V @ F.softmax((K @ q) * F.pow(F.sqrt((K * K) @ eye("n", "i")), -1) / (c * norm(q)),
                                                  dim="j"))),
    Case("attention", "dot(u, X.T @ softmax((tanh(X @ V.T) * sigmoid(X @ U.T)) @ w))",
         {"u": N, "X": MN, "V": PN, "U": PN, "w": P}, "w", {"u": "i", "X": "ji", "V": "ki", "U": "ki", "w": "k"},
         lambda u, X, V, U, w: u @ (F.softmax((F.tanh(X @ V) * F.sigmoid(X @ U)) @ w, dim="j") @ X)),
    Case("attention", "dot(u, V.T @ (exp(K @ W.T) @ exp(W @ q))) / sum(exp(K @ W.T) @ exp(W @ q))",
         {"u": N, "V": MN, "K": MN, "W": PN, "q": N}, "q", {"u": "i", "V": "ji", "K": "ji", "W": "ki", "q": "i"},
         lambda u, V, K, W, q: (lambda a: (u @ (V @ a)) / F.sum(a))(F.exp(K @ W) @ F.exp(W @ q))),
    # logistic pieces
    Case("logistic", "-sum(log(sigmoid(a + exp(c) - X @ w) - sigmoid(a - X @ w)))", {"a": S, "c": S, "X": MN, "w": N}, "w",
         {"a": "", "c": "", "X": "ji", "w": "i"},
         lambda a, c, X, w: (lambda t: -F.sum(F.log(F.sigmoid((a + F.exp(c)) * eye("m", "j") - t)
                                                    - F.sigmoid(a * eye("m", "j") - t))))(X @ w)),
    Case("logistic", "-sum(Y * log(sigmoid(outer(t, ones(n)) - outer(ones(m), b)))"
         " + (1 - Y) * log(1 - sigmoid(outer(t, ones(n)) - outer(ones(m), b))))", {"Y": MN, "t": M, "b": N}, "b",
         {"Y": "ji", "t": "j", "b": "i"},
         lambda Y, t, b: (lambda s: -F.sum(Y * F.log(s) + (1 - Y) * F.log(1 - s)))(
             F.sigmoid(t * eye("n", "i") - eye("m", "j") * b))),
    Case("logistic", "-sum(log(sigmoid(X @ w - c))) - sum(log(1 - sigmoid(Z @ w - c)))",
         {"X": MN, "w": N, "c": S, "Z": PN}, "w", {"X": "ji", "w": "i", "c": "", "Z": "ki"},
         lambda X, w, c, Z: -F.sum(F.log(F.sigmoid(X @ w - c * eye("m", "j"))))
         - F.sum(F.log(1 - F.sigmoid(Z @ w - c * eye("p", "k"))))),
    Case("logistic", "sum((1 - y) * z + (1 + (c - 1) * y) * softplus(-z))", {"y": N, "z": N, "c": S}, "z",
         {"y": "i", "z": "i", "c": ""},
         lambda y, z, c: F.sum((1 - y) * z + (1 + (c - 1) * y) * softplus(-z))),
    Case("logistic", "norm(y - k / (1 + exp(-r * (t - s))))**2", {"y": M, "k": S, "r": S, "t": M, "s": S}, "r",
         {"y": "j", "k": "", "r": "", "t": "j", "s": ""},
         lambda y, k, r, t, s: sq(y - k * F.pow(1 + F.exp(-r * (t - s * eye("m", "j"))), -1))),
    # losses
    Case("loss", "sum((2 - a) / a * (((x / c)**2 / (2 - a) + 1)**(a / 2) - 1))", {"a": S, "x": N, "c": S}, "a",
         {"a": "", "x": "i", "c": ""},
         lambda a, x, c: F.sum((2 - a) / a * (F.exp(a / 2 * F.log(F.pow(x / c, 2) / (2 - a) + 1)) - 1))),
    Case("loss", "-a * dot(y, log(softmax(z))) - b * dot(softmax(z), log(y))", {"a": S, "y": N, "z": N, "b": S}, "z",
         {"a": "", "y": "i", "z": "i", "b": ""},
         lambda a, y, z, b: (lambda s: -a * (y @ F.log(s)) - b * (s @ F.log(y)))(F.softmax(z, dim="i"))),
    Case("loss", "sum(abs(C @ (u - v)))", {"C": MM, "u": M, "v": M}, "u", {"C": "jl", "u": "l", "v": "l"},
         lambda C, u, v: F.sum(F.abs(C @ (u - v)))),
    Case("loss", "sum(c * log(1 + abs(x - y) / e))", {"c": S, "x": N, "y": N, "e": S}, "e",
         {"c": "", "x": "i", "y": "i", "e": ""},
         lambda c, x, y, e: F.sum(c * F.log(1 + F.abs(x - y) / e))),
    Case("loss", "log(1 + sum(exp(X @ a - dot(a, b))))", {"X": MN, "a": N, "b": N}, "a", {"X": "ji", "a": "i", "b": "i"},
         lambda X, a, b: F.log(1 + F.sum(F.exp(X @ a - (a @ b) * eye("m", "j"))))),
    # quotients
    Case("quotient", "mean(R @ w - b) / sqrt(mean((R @ w - b - mean(R @ w - b))**2))", {"R": MN, "w": N, "b": M}, "w",
         {"R": "ji", "w": "i", "b": "j"},
         lambda R, w, b: (lambda e: F.mean(e) / F.sqrt(F.mean(F.pow(centred(e), 2))))(R @ w - b)),
    Case("quotient", "dot(y, (diag(W @ ones(n)) - W) @ y) / dot(y, diag(W @ ones(n)) @ y)", {"y": N, "W": NN}, "y",
         {"y": "i", "W": "ij"},
         lambda y, W: (lambda d: quad(y, d * eye("n", "i", "j") - W) / (d @ (y * y)))(W @ eye("n", "j"))),
    Case("quotient", "dot(x, s)**2 / (dot(s, s) * dot(x, x) - dot(x, s)**2)", {"x": N, "s": N}, "x", {"x": "i", "s": "i"},
         lambda x, s: F.pow(x @ s, 2) / ((s @ s) * (x @ x) - F.pow(x @ s, 2))),
    Case("quotient", "(1 + c) * dot(sigmoid(z), y) / (c * sum(y) + sum(sigmoid(z)))", {"c": S, "z": N, "y": N}, "z",
         {"c": "", "z": "i", "y": "i"},
         lambda c, z, y: (lambda s: (1 + c) * (s @ y) / (c * F.sum(y) + F.sum(s)))(F.sigmoid(z))),
    Case("quotient", "mean((x - mean(x))**4) / mean((x - mean(x))**2)**2", {"x": M}, "x", {"x": "j"},
         lambda x: (lambda d: F.mean(F.pow(d, 4)) / F.pow(F.mean(F.pow(d, 2)), 2))(centred(x))),
    # powers
    Case("power", "sum(log(s) + (1 + 1 / k) * log(1 + k * y / s))", {"s": S, "k": S, "y": N}, "k",
         {"s": "", "k": "", "y": "i"},
         lambda s, k, y: F.sum(F.log(s) * eye("n", "i") + (1 + F.pow(k, -1)) * F.log(1 + k * y / s))),
    Case("power", "norm(y - k * x**(1 / h))**2", {"y": M, "k": S, "x": M, "h": S}, "h",
         {"y": "j", "k": "", "x": "j", "h": ""},
         lambda y, k, x, h: sq(y - k * F.exp(F.log(x) / h))),
    Case("power", "norm(y - X @ w)**2 + c * sum(abs(w)**q)", {"y": M, "X": MN, "w": N, "c": S, "q": S}, "w",
         {"y": "j", "X": "ji", "w": "i", "c": "", "q": ""},
         lambda y, X, w, c, q: sq(y - X @ w) + c * F.sum(F.exp(q * F.log(F.abs(w))))),
    Case("power", "norm(y - (1 + (a * h)**c)**(1 / c - 1))**2", {"y": N, "a": S, "h": N, "c": S}, "c",
         {"y": "i", "a": "", "h": "i", "c": ""},
         lambda y, a, h, c: sq(y - F.exp((F.pow(c, -1) - 1) * F.log(1 + F.exp(c * F.log(a * h)))))),
    Case("power", "sum(((X * X) @ ones(n) - 2 * X @ x + dot(x, x))**(-s / 2))", {"X": MN, "x": N, "s": S}, "s",
         {"X": "ji", "x": "i", "s": ""},
         lambda X, x, s: F.sum(F.exp(-s / 2 * F.log(sqdist(X, x))))),
    # norms
    Case("norm", "norm(y - x)**2 / 2 + c * sum(sqrt((D @ x)**2 + e))", {"y": N, "x": N, "c": S, "D": MN, "e": S}, "x",
         {"y": "i", "x": "i", "c": "", "D": "ji", "e": ""},
         lambda y, x, c, D, e: sq(y - x) / 2 + c * F.sum(F.sqrt(F.pow(D @ x, 2) + e * eye("m", "j")))),
    Case("norm", "norm(outer(x, x) - A)", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: norm(x * x.rename(i="j") - A)),
    Case("norm", "sum(abs(w)) - c * norm(w)", {"w": N, "c": S}, "w", {"w": "i", "c": ""},
         lambda w, c: F.sum(F.abs(w)) - c * norm(w)),
    Case("norm", "c**2 * (sqrt(1 + norm(A @ x - b)**2 / c**2) - 1)", {"c": S, "A": MN, "x": N, "b": M}, "x",
         {"c": "", "A": "ji", "x": "i", "b": "j"},
         lambda c, A, x, b: F.pow(c, 2) * (F.sqrt(1 + sq(A @ x - b) / F.pow(c, 2)) - 1)),
    Case("norm", "norm(x)**2 / 2 + c * norm(A @ x - b)", {"x": N, "c": S, "A": MN, "b": M}, "x",
         {"x": "i", "c": "", "A": "ji", "b": "j"},
         lambda x, c, A, b: sq(x) / 2 + c * norm(A @ x - b)),
    # elementwise functions
    Case("elementwise", "relu(x) + a * (exp(-relu(-x)) - 1)", {"x": N, "a": S}, "x", {"x": "i", "a": ""},
         lambda x, a: F.relu(x) + a * (F.exp(-F.relu(-x)) - 1)),
    Case("elementwise", "dot(v, x / (x / a + exp(-x / b)))", {"v": N, "x": N, "a": S, "b": S}, "a",
         {"v": "i", "x": "i", "a": "", "b": ""},
         lambda v, x, a, b: v @ (x * F.pow(x / a + F.exp(-x / b), -1))),
    Case("elementwise", "dot(a, softplus(x - c) - softplus(-x - c))", {"a": N, "x": N, "c": S}, "c",
         {"a": "i", "x": "i", "c": ""},
         lambda a, x, c: a @ (softplus(x - c * eye("n", "i")) - softplus(-x - c * eye("n", "i")))),
    Case("elementwise", "norm(log(c * y + sqrt((c * y)**2 + 1)) / c - X @ w)**2", {"c": S, "y": M, "X": MN, "w": N}, "c",
         {"c": "", "y": "j", "X": "ji", "w": "i"},
         lambda c, y, X, w: sq(F.log(c * y + F.sqrt(F.pow(c * y, 2) + 1)) / c - X @ w)),
    Case("elementwise", "dot(v, (a + b * x + x**2) / (1 + abs(c * x)))", {"v": N, "a": S, "b": S, "x": N, "c": S}, "c",
         {"v": "i", "a": "", "b": "", "x": "i", "c": ""},
         lambda v, a, b, x, c: v @ ((a * eye("n", "i") + b * x + F.pow(x, 2)) * F.pow(1 + F.abs(c * x), -1))),
    # networks
    Case("network", "dot(v, tanh(g * (W @ x - mean(W @ x)) / sqrt(mean((W @ x - mean(W @ x))**2) + e)))",
         {"v": M, "g": S, "W": MN, "x": N, "e": S}, "W", {"v": "j", "g": "", "W": "ji", "x": "i", "e": ""},
         lambda v, g, W, x, e: (lambda h: v @ F.tanh(g * h / F.sqrt(F.mean(F.pow(h, 2)) + e)))(centred(W @ x))),
    Case("network", "norm(sigmoid(T @ x) * relu(H @ x) + (1 - sigmoid(T @ x)) * x - y)**2",
         {"T": NN, "x": N, "H": NN, "y": N}, "T", {"T": "ij", "x": "j", "H": "ij", "y": "i"},
         lambda T, x, H, y: (lambda s: sq(s * F.relu(H @ x) + (1 - s) * x.rename(j="i") - y))(F.sigmoid(T @ x))),
    Case("network", "dot(v, tanh(W @ tanh(W @ h - U @ x) - U @ y))",
         {"v": N, "W": NN, "h": N, "U": NM, "x": M, "y": M}, "W",
         {"v": "i", "W": "ij", "h": "j", "U": "il", "x": "l", "y": "l"},
         lambda v, W, h, U, x, y: v @ F.tanh(W @ F.tanh(W @ h - U @ x).rename(i="j") - U @ y)),
    Case("network", "norm(W @ u)**2 / (1 + norm(W @ u)**2) * (W @ u) / norm(W @ u)", {"W": MN, "u": N}, "W",
         {"W": "ji", "u": "i"},
         lambda W, u: (lambda s: sq(s) / (1 + sq(s)) * s / norm(s))(W @ u)),
    Case("network", "dot(v, softplus(U @ (relu(W @ X.T) @ ones(m))))", {"v": P, "U": PP, "W": PN, "X": MN}, "W",
         {"v": "q", "U": "qk", "W": "ki", "X": "ji"},
         lambda v, U, W, X: v @ softplus(U @ (F.relu(W @ X) @ eye("m", "j")))),
    # products
    Case("product", "x * (r + A @ x)", {"x": N, "r": N, "A": NN}, "A", {"x": "j", "r": "i", "A": "ij"},
         lambda x, r, A: x.rename(j="i") * (r + A @ x)),
    Case("product", "sum((A @ x) * (B @ y) * (C @ z))", {"A": PN, "x": N, "B": PN, "y": N, "C": PN, "z": N}, "x",
         {"A": "ki", "x": "i", "B": "ki", "y": "i", "C": "ki", "z": "i"},
         lambda A, x, B, y, C, z: F.sum((A @ x) * (B @ y) * (C @ z))),
    Case("product", "3 * X / 2 - X @ X.T @ X / 2", {"X": MN}, "X", {"X": "ji"},
         lambda X: 3 * X / 2 - (X @ X.rename(j="l")) @ X.rename(j="l") / 2),
    Case("product", "dot(a, (U @ x) * (V @ y))", {"a": P, "U": PN, "x": N, "V": PM, "y": M}, "U",
         {"a": "k", "U": "ki", "x": "i", "V": "kl", "y": "l"},
         lambda a, U, x, V, y: a @ ((U @ x) * (V @ y))),
    Case("product", "diag(1 / sqrt(W @ ones(n))) @ W @ diag(1 / sqrt(W @ ones(n)))", {"W": NN}, "W", {"W": "ij"},
         lambda W: (lambda d: d * W * d.rename(i="j"))(F.pow(W @ eye("n", "j"), Fraction(-1, 2)))),
    # roots of sums
    Case("root", "sqrt(dot(x, x) - dot(x, u)**2 / dot(u, u))", {"x": N, "u": N}, "u", {"x": "i", "u": "i"},
         lambda x, u: F.sqrt(x @ x - F.pow(x @ u, 2) / (u @ u))),
    Case("root", "dot(w, sqrt((X * X) @ ones(n) - 2 * X @ x + dot(x, x) + e))", {"w": M, "X": MN, "x": N, "e": S}, "x",
         {"w": "j", "X": "ji", "x": "i", "e": ""},
         lambda w, X, x, e: w @ F.sqrt(sqdist(X, x) + e * eye("m", "j"))),
    Case("root", "dot(a, (outer((X * X) @ ones(n), ones(p)) + outer(ones(m), (Y * Y) @ ones(n)) - 2 * X @ Y.T + e)**(-1 / 2)"
         " @ b)", {"a": M, "X": MN, "Y": PN, "e": S, "b": P}, "X", {"a": "j", "X": "ji", "Y": "ki", "e": "", "b": "k"},
         lambda a, X, Y, e, b: a @ F.pow(cross(X, Y) + e * eye("m", "j") * eye("p", "k"), Fraction(-1, 2)) @ b),
    Case("root", "norm(sqrt(outer((X * X) @ ones(n), ones(p)) + outer(ones(m), (Y * Y) @ ones(n)) - 2 * X @ Y.T) - D)**2",
         {"X": MN, "Y": PN, "D": MP}, "X", {"X": "ji", "Y": "ki", "D": "jk"},
         lambda X, Y, D: sq(F.sqrt(cross(X, Y)) - D)),
    Case("root", "sqrt(c**2 * dot(v, v) + k**2 * c**4) - k * c**2", {"c": S, "v": N, "k": S}, "c",
         {"c": "", "v": "i", "k": ""},
         lambda c, v, k: F.sqrt(F.pow(c, 2) * (v @ v) + F.pow(k, 2) * F.pow(c, 4)) - k * F.pow(c, 2)),
)
