"""A thirteenth held-out set for bench/bench_tensorgrad.py (``--cases fresh13``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 40, branch fresh13), without reading the engine: none is in
tg_cases.py or tg_fresh.py .. tg_fresh12.py (nor the same function under a cyclic trace, a transpose or renamed
variables; checked by hand, by a script that renames every variable in order of appearance, and by comparing values at
two random points with every earlier case of the same shapes under every shape-keeping renaming, square matrices also
transposed), picked as a grader would from a matrix-calculus course, the Matrix Cookbook and ML papers: linear maps (a
weighted diagonal of A X B, X a - X^T b as a vector by X, a Sylvester operator applied to a vector, the trace against
X's diagonal part), quadratic forms (the outer product (x - u)(x - u)^T as a matrix by u, a Gram determinant x^T A x y^T
A y - (x^T A y)^2 by A, a QP dual's form by the constraint matrix, a form in X o X^T, a Laplacian energy on both sides
of X), traces (tr(X (A o X)), a quartic in the Gram X^T X, the trace of a squared commutator, tr((A + X) (B + X)^-1), a
2x2-minor-like tr(XA) tr(XB) - tr(XAXB)), Frobenius residuals (the continuous algebraic Riccati equation, a
factor-analysis fit by log-variances, a two-step dynamics fit by the transition matrix, the off-diagonal energy of a
joint diagonalisation), inverses (a Woodbury form by its core matrix, the projection matrix X (X^T X)^-1 X^T as a matrix
by X, the c-optimal design criterion, the generalised least-squares estimator as a vector by the covariance, ridge's
leave-one-out error by lambda, the trace of the squared ridge hat matrix), determinants (a log-determinant through an
inverse by the inverted matrix, the Jensen-Bregman log-det divergence, a log-determinant with exp weights inside a wide
congruence, the Hadamard ratio logdet(X) - sum(log(diag(X))), the log-volume of a pulled-back metric by the input),
Gaussian pieces (the overlap of two Gaussians by a mean, a two-component mixture with a shared covariance by that
covariance, a QDA posterior, the Kalman gain as a matrix by the noise covariance, an isotropic mixture by its variance,
the Wasserstein-2 distance of diagonal Gaussians), kernels (a kernel density's log by the point, a t-SNE point cost, a
positive random-feature estimate of the softmax kernel, an ARD cubic polynomial kernel, an ARD rational quadratic
kernel), logs and exps (Renyi's divergence by its order, the entropy of a normalised vector, the matrix balancing
objective, a Gumbel negative log-likelihood by its location, a log-normal density), softmax (collision entropy, the
softmax's Jacobian-vector product as a vector, temperature scaling's NLL over a batch, a softmax over quadratic energies
by the form's matrix, a confidence penalty), attention (a read-out as a vector by a query map, attention pooling under a
classifier, L2-distance attention, logit soft-capping by the cap), logistic pieces (the logistic Hessian-vector product
as a vector, a noisy-OR likelihood, a two-point Gauss-Hermite random intercept, a Gaussian-process classifier's Laplace
objective), losses (the concordance correlation coefficient, CosFace, Barlow Twins, Poly-1, an L3 regression, a
heteroscedastic Gaussian NLL with a softplus variance), quotients (the contraharmonic mean, a relative low-rank error by
the matrix, a weighted harmonic mean by its weights, a perspective projection as a vector by the rotation, a rational
Bezier point as a vector by its weights, Hill kinetics by the half-saturation constants), powers and roots (a trace to
the 3/2, Tsallis entropy by its order, the L4 norm of a map, a Plummer potential, Lennard-Jones, inverse square roots),
norms (a Mahalanobis length of X a, a smoothed group total variation, a whitened residual norm, the Cauchy-Schwarz gap),
elementwise functions (soft clipping, TanhExp, Logish, (x^2 - 1) / (x^2 + 1), a log-logistic by its exponent), networks
(a post-LN residual feed-forward block, an LSTM cell state as a vector by its input gate, two Euler steps of a neural
ODE as a vector by the step, DeepSets, score matching for a softplus energy, SiLU under cross-entropy, a Gaussian policy
with a state-dependent scale, a two-layer empirical NTK), products and sums of these (det(X) a^T X b, a linear form
times a Gaussian, a distance times an RBF, a product of two log-sum-exps, a linear VAE's loss by the encoder, logistic
loss with a smoothed total variation, a fit plus a log-det rank surrogate). Derivatives by vectors, matrices and
scalars; thirteen vector- or matrix-valued functions (vectors by vectors, matrices and a scalar; a matrix by a vector;
two matrices by matrices: the projection matrix and the Kalman gain), their whole derivatives compared.

The same structure and conventions as tg_cases.py and tg_fresh12.py (tg_cases.py's docstring says how tensorgrad's edges
are named): an inverse is contracted on its far edge (``F.inverse(X)`` with X on edges "ij" holds X^-1's rows on j),
``X.rename(i="j", j="i")`` is a transpose, ``Delta`` is the identity on the edges it names (a ones vector on one edge;
``X * eye("n", "i", "j")`` X's diagonal part, summed over one edge its diagonal), ``u * v`` on two different edges an
outer product, ``F.diag(s, [..])`` a diagonal matrix. No variable is named after a size (n, m, p). A variable exponent
(u**a, r**q, x**c, (1 + ...)**(-a)) is written as such in mcdocgen's language and through exp and log in tensorgrad's,
which has no power with a tensor exponent.

The warm-up check (--runs 1) expressed 100 of 100 and all agree as written: nothing was fixed or replaced (thirteen
vector- or matrix-valued, "ok (derivative)"). Zero by structure in some entries: X a - X^T b by X, tr(A (X o I)),
(x - u)(x - u)^T by u, the LSTM cell by its gate (output j reads row j only). Small, not zero, compared relative to
their scale: DeepSets by W (largest entry 2.3e-8, two saturated tanh), the quadratic-energy softmax (1.5e-6, nearly
one-hot), the Gaussian policy by W (9.3e-5, a saturated tanh). At the check's point abs's argument in the L3 regression
and relu's in the post-LN block are positive (one branch compared).

What it showed (2026-12-07, main at 8a1ca9a, --runs 1 --cpu, load average 12.8-13.5): median 0.44, geometric mean 0.47,
worst 7.9, worse than 2x on 12, over 1.5x on 18 (bench_tensorgrad.py's docstring has the rest; which cases are slow is
kept out of both files, the set being held out from the session's lead; the full table is in the session's notes).
"""

from __future__ import annotations

from fractions import Fraction

import tensorgrad.functions as F

from tg_cases import Case, centred, eye, inv_quad, logdet, lse, norm, quad, softplus, sq, sqdist


N, NN, MN, M, P, S = ("n",), ("n", "n"), ("m", "n"), ("m",), ("p",), ()
MM, PM, NM, MP, NP, PN, PP = ("m", "m"), ("p", "m"), ("n", "m"), ("m", "p"), ("n", "p"), ("p", "n"), ("p", "p")
INV = ("invertible",)


def hat(X, lam):
    """X inv(X^T X + lam I) X^T of X on edges "ji" (rows j): a matrix on edges j, l."""
    gram = X.rename(i="a") @ X.rename(i="b") + lam * eye("n", "a", "b")
    return X.rename(i="b") @ F.inverse(gram) @ X.rename(j="l", i="a")


CASES: tuple[Case, ...] = (
    # linear
    Case("linear", "dot(a, diag(A @ X @ B))", {"a": N, "A": NM, "X": MM, "B": MN}, "X",
         {"a": "i", "A": "ij", "X": "jk", "B": "kl"}, lambda a, A, X, B: F.diag(a, ["i", "l"]) @ (A @ X @ B)),
    Case("linear", "X @ a - X.T @ b", {"X": NN, "a": N, "b": N}, "X", {"X": "ij", "a": "j", "b": "i"},
         lambda X, a, b: X @ a - (X @ b).rename(j="i")),
    Case("linear", "(A @ X + X @ B) @ c", {"A": NN, "X": NN, "B": NN, "c": N}, "X",
         {"A": "ki", "X": "ij", "B": "ij", "c": "j"},
         lambda A, X, B, c: (A @ (X @ c)).rename(k="i") + X @ (B @ c).rename(i="j")),
    Case("linear", "tr(A @ (X * eye(n)))", {"A": NN, "X": NN}, "X", {"A": "ij", "X": "ij"},
         lambda A, X: A @ (X * eye("n", "i", "j"))),
    # quadratic forms
    Case("quadratic", "tr(X.T @ L @ X) + tr(X @ K @ X.T)", {"X": MN, "L": MM, "K": NN}, "X",
         {"X": "ji", "L": "jk", "K": "il"},
         lambda X, L, K: X @ L @ X.rename(j="k") + X @ K @ X.rename(i="l")),
    Case("quadratic", "outer(x - u, x - u)", {"x": N, "u": N}, "u", {"x": "i", "u": "i"},
         lambda x, u: (x - u) * (x - u).rename(i="j")),
    Case("quadratic", "dot(x, A @ x) * dot(y, A @ y) - dot(x, A @ y)**2", {"x": N, "A": NN, "y": N}, "A",
         {"x": "i", "A": "ij", "y": "i"},
         lambda x, A, y: quad(x, A) * quad(y, A) - F.pow(x @ A @ y.rename(i="j"), 2)),
    Case("quadratic", "dot(y, A @ inv(Q) @ A.T @ y) / 4 + dot(b, y)", {"y": M, "A": MN, "Q": NN, "b": M}, "A",
         {"y": "j", "A": "ji", "Q": "ik", "b": "j"},
         lambda y, A, Q, b: (A @ y).rename(i="k") @ F.inverse(Q) @ (A @ y) / 4 + b @ y, {"Q": INV}),
    Case("quadratic", "dot(x, (X * X.T) @ x)", {"x": N, "X": NN}, "X", {"x": "i", "X": "ij"},
         lambda x, X: quad(x, X * X.rename(i="j", j="i"))),
    # traces
    Case("trace", "tr(X @ (A * X))", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: X @ (A * X).rename(i="j", j="i")),
    Case("trace", "tr(X.T @ X @ A @ X.T @ X @ B)", {"X": MN, "A": NN, "B": NN}, "X", {"X": "ji", "A": "ij", "B": "ij"},
         lambda X, A, B: (X.rename(i="a") @ X.rename(i="b")) @ A.rename(i="b", j="c")
         @ (X.rename(i="c", j="e") @ X.rename(i="d", j="e")) @ B.rename(i="d", j="a")),
    Case("trace", "tr((X @ A - A @ X) @ (X @ A - A @ X))", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: (lambda C: C @ C.rename(i="j", j="i"))(
             X.rename(j="k") @ A.rename(i="k") - A.rename(j="k") @ X.rename(i="k"))),
    Case("trace", "tr((A + X) @ inv(B + X))", {"A": NN, "X": NN, "B": NN}, "X", {"A": "ij", "X": "ij", "B": "ij"},
         lambda A, X, B: (A + X) @ F.inverse(B + X)),
    Case("trace", "tr(X @ A) * tr(X @ B) - tr(X @ A @ X @ B)", {"X": NN, "A": NN, "B": NN}, "X",
         {"X": "ij", "A": "ij", "B": "ij"},
         lambda X, A, B: (X @ A.rename(i="j", j="i")) * (X @ B.rename(i="j", j="i"))
         - X.rename(i="a", j="b") @ A.rename(i="b", j="c") @ X.rename(i="c", j="d") @ B.rename(i="d", j="a")),
    # Frobenius residuals
    Case("frobenius", "norm(A.T @ X + X @ A - X @ B @ X + Q)**2", {"A": NN, "X": NN, "B": NN, "Q": NN}, "X",
         {"A": "ij", "X": "ij", "B": "ij", "Q": "ij"},
         lambda A, X, B, Q: sq(A.rename(i="k", j="i") @ X.rename(i="k") + X.rename(j="k") @ A.rename(i="k")
                               - X.rename(j="k") @ B.rename(i="k", j="l") @ X.rename(i="l") + Q)),
    Case("frobenius", "norm(S - W @ W.T - diag(exp(s)))**2", {"S": NN, "W": NP, "s": N}, "s",
         {"S": "ij", "W": "ik", "s": "i"},
         lambda S, W, s: sq(S - W @ W.rename(i="j") - F.diag(F.exp(s), ["i", "j"]))),
    Case("frobenius", "norm(Y - A @ X)**2 + norm(Z - A @ A @ X)**2", {"Y": NM, "A": NN, "X": NM, "Z": NM}, "A",
         {"Y": "kj", "A": "ki", "X": "ij", "Z": "kj"},
         lambda Y, A, X, Z: sq(Y - A @ X) + sq(Z - A.rename(i="l") @ A.rename(k="l") @ X)),
    Case("frobenius", "norm(X.T @ C @ X - (X.T @ C @ X) * eye(p))**2", {"X": NP, "C": NN}, "X", {"X": "ik", "C": "ij"},
         lambda X, C: (lambda G: sq(G - G * eye("p", "a", "b")))(X.rename(k="a") @ C @ X.rename(i="j", k="b"))),
    # inverses
    Case("inverse", "dot(a, inv(A + U @ C @ U.T) @ a)", {"a": N, "A": NN, "U": NP, "C": PP}, "C",
         {"a": "i", "A": "ij", "U": "ik", "C": "kl"},
         lambda a, A, U, C: inv_quad(a, A + U @ C @ U.rename(i="j", k="l"))),
    Case("inverse", "X @ inv(X.T @ X) @ X.T", {"X": MN}, "X", {"X": "ji"},
         lambda X: X.rename(i="b") @ F.inverse(X.rename(i="a") @ X.rename(i="b")) @ X.rename(j="l", i="a")),
    Case("inverse", "dot(c, inv(X.T @ diag(w) @ X) @ c)", {"c": N, "X": MN, "w": M}, "w", {"c": "i", "X": "ji", "w": "j"},
         lambda c, X, w: c.rename(i="b") @ F.inverse((X * w).rename(i="a") @ X.rename(i="b")) @ c.rename(i="a")),
    Case("inverse", "inv(X.T @ inv(S) @ X) @ X.T @ inv(S) @ y", {"X": MN, "S": MM, "y": M}, "S",
         {"X": "ji", "S": "jk", "y": "j"},
         lambda X, S, y: (F.inverse(X.rename(i="a", j="k") @ F.inverse(S) @ X.rename(i="b"))
                          @ (X.rename(i="a", j="k") @ F.inverse(S) @ y)).rename(b="i"), {"S": INV}),
    Case("inverse", "sum(((y - X @ inv(X.T @ X + lam * eye(n)) @ X.T @ y)"
         " / (1 - diag(X @ inv(X.T @ X + lam * eye(n)) @ X.T)))**2)", {"y": M, "X": MN, "lam": S}, "lam",
         {"y": "j", "X": "ji", "lam": ""},
         lambda y, X, lam: F.sum(F.pow((y - hat(X, lam) @ y.rename(j="l"))
                                       / (1 - (hat(X, lam) * eye("m", "j", "l")) @ eye("m", "l")), 2))),
    Case("inverse", "tr(X @ inv(X.T @ X + lam * eye(n)) @ X.T @ X @ inv(X.T @ X + lam * eye(n)) @ X.T)",
         {"X": MN, "lam": S}, "lam", {"X": "ji", "lam": ""}, lambda X, lam: hat(X, lam) @ hat(X, lam)),
    # determinants and log-determinants
    Case("determinant", "logdet(eye(m) + X @ inv(A) @ X.T)", {"X": MN, "A": NN}, "A", {"X": "ji", "A": "ik"},
         lambda X, A: logdet(eye("m", "j", "l") + X.rename(i="k") @ F.inverse(A) @ X.rename(j="l")), {"A": INV}),
    Case("determinant", "logdet((X + Y) / 2) - logdet(X @ Y) / 2", {"X": NN, "Y": NN}, "X", {"X": "ij", "Y": "ij"},
         lambda X, Y: logdet((X + Y) / 2) - logdet(X.rename(j="k") @ Y.rename(i="k")) / 2),
    Case("determinant", "logdet(A @ diag(exp(s)) @ A.T)", {"A": NM, "s": M}, "s", {"A": "ij", "s": "j"},
         lambda A, s: logdet((A * F.exp(s)) @ A.rename(i="k"))),
    Case("determinant", "logdet(X) - sum(log(diag(X)))", {"X": NN}, "X", {"X": "ij"},
         lambda X: logdet(X) - F.sum(F.log((X * eye("n", "i", "j")) @ eye("n", "j"))), {"X": INV}),
    Case("determinant", "logdet(W.T @ diag(sigmoid(W @ x)) @ W)", {"W": MN, "x": N}, "x", {"W": "ji", "x": "i"},
         lambda W, x: logdet((W * F.sigmoid(W @ x)).rename(i="a") @ W.rename(i="b"))),
    # Gaussian pieces
    Case("gaussian", "exp(-dot(a - b, inv(A + B) @ (a - b)) / 2) / sqrt(det(A + B))",
         {"a": N, "b": N, "A": NN, "B": NN}, "a", {"a": "i", "b": "i", "A": "ij", "B": "ij"},
         lambda a, b, A, B: F.exp(-inv_quad(a - b, A + B) / 2) / F.sqrt(F.det(A + B))),
    Case("gaussian", "log(exp(-dot(x - a, inv(S) @ (x - a)) / 2) + exp(-dot(x - b, inv(S) @ (x - b)) / 2))",
         {"x": N, "a": N, "S": NN, "b": N}, "S", {"x": "i", "a": "i", "S": "ij", "b": "i"},
         lambda x, a, S, b: F.log(F.exp(-inv_quad(x - a, S) / 2) + F.exp(-inv_quad(x - b, S) / 2)), {"S": INV}),
    Case("gaussian", "sigmoid(dot(x - b, B @ (x - b)) / 2 - dot(x - a, A @ (x - a)) / 2 + c)",
         {"x": N, "b": N, "B": NN, "a": N, "A": NN, "c": S}, "x",
         {"x": "i", "b": "i", "B": "ij", "a": "i", "A": "ij", "c": ""},
         lambda x, b, B, a, A, c: F.sigmoid(quad(x - b, B) / 2 - quad(x - a, A) / 2 + c)),
    Case("gaussian", "P @ H.T @ inv(H @ P @ H.T + R)", {"P": NN, "H": MN, "R": MM}, "R",
         {"P": "ik", "H": "ji", "R": "jl"},
         lambda P, H, R: (P @ H.rename(i="k")).rename(j="l") @ F.inverse(H @ P @ H.rename(j="l", i="k") + R)),
    Case("gaussian", "log(dot(w, exp(-((U * U) @ ones(n) - 2 * U @ x + dot(x, x)) / (2 * s)))) - 3 * log(s) / 2",
         {"w": M, "U": MN, "x": N, "s": S}, "s", {"w": "j", "U": "ji", "x": "i", "s": ""},
         lambda w, U, x, s: F.log(w @ F.exp(-sqdist(U, x) / (2 * s))) - 3 * F.log(s) / 2),
    Case("gaussian", "norm(u - v)**2 + norm(sqrt(s) - sqrt(t))**2", {"u": N, "v": N, "s": N, "t": N}, "s",
         {"u": "i", "v": "i", "s": "i", "t": "i"}, lambda u, v, s, t: sq(u - v) + sq(F.sqrt(s) - F.sqrt(t))),
    # kernels
    Case("kernel", "log(sum(exp(-((X * X) @ ones(n) - 2 * X @ x + dot(x, x)) / (2 * h))))",
         {"X": MN, "x": N, "h": S}, "x", {"X": "ji", "x": "i", "h": ""},
         lambda X, x, h: lse(-sqdist(X, x) / (2 * h))),
    Case("kernel", "dot(w, log(1 + (Y * Y) @ ones(n) - 2 * Y @ y + dot(y, y)))"
         " + log(sum(1 / (1 + (Y * Y) @ ones(n) - 2 * Y @ y + dot(y, y))))", {"w": M, "Y": MN, "y": N}, "y",
         {"w": "j", "Y": "ji", "y": "i"},
         lambda w, Y, y: w @ F.log(1 + sqdist(Y, y)) + F.log(F.sum(F.pow(1 + sqdist(Y, y), -1)))),
    Case("kernel", "mean(exp(W @ q - dot(q, q) / 2) * exp(W @ k - dot(k, k) / 2))", {"W": MN, "q": N, "k": N}, "q",
         {"W": "ji", "q": "i", "k": "i"},
         lambda W, q, k: F.mean(F.exp(W @ q - (q @ q) / 2) * F.exp(W @ k - (k @ k) / 2))),
    Case("kernel", "(dot(d, x * y) + c)**3", {"d": N, "x": N, "y": N, "c": S}, "d",
         {"d": "i", "x": "i", "y": "i", "c": ""}, lambda d, x, y, c: F.pow(d @ (x * y) + c, 3)),
    Case("kernel", "(1 + dot(d, (x - y)**2) / (2 * a))**(-a)", {"d": N, "x": N, "y": N, "a": S}, "d",
         {"d": "i", "x": "i", "y": "i", "a": ""},
         lambda d, x, y, a: F.exp(-a * F.log(1 + (d @ F.pow(x - y, 2)) / (2 * a)))),
    # logs and exps
    Case("log-exp", "log(sum(u**a * v**(1 - a))) / (a - 1)", {"u": N, "a": S, "v": N}, "a",
         {"u": "i", "a": "", "v": "i"},
         lambda u, a, v: F.log(F.sum(F.exp(a * F.log(u) + (1 - a) * F.log(v)))) / (a - 1)),
    Case("log-exp", "-dot(x / sum(x), log(x / sum(x)))", {"x": N}, "x", {"x": "i"},
         lambda x: -((x / F.sum(x)) @ F.log(x / F.sum(x)))),
    Case("log-exp", "sum(diag(exp(x)) @ A @ diag(exp(-x)))", {"x": N, "A": NN}, "x", {"x": "i", "A": "ij"},
         lambda x, A: F.sum(F.exp(x) * A * F.exp(-x).rename(i="j"))),
    Case("log-exp", "sum((x - u) / b + exp(-(x - u) / b))", {"x": N, "u": S, "b": S}, "u", {"x": "i", "u": "", "b": ""},
         lambda x, u, b: F.sum((x - u) / b + F.exp(-(x - u) / b))),
    Case("log-exp", "dot(a, exp(-(log(x) - u)**2 / 2) / x)", {"a": N, "x": N, "u": N}, "x",
         {"a": "i", "x": "i", "u": "i"}, lambda a, x, u: a @ (F.exp(-F.pow(F.log(x) - u, 2) / 2) / x)),
    # softmax
    Case("softmax", "-log(norm(softmax(x))**2)", {"x": N}, "x", {"x": "i"}, lambda x: -F.log(sq(F.softmax(x, dim="i")))),
    Case("softmax", "softmax(x) * (v - dot(softmax(x), v))", {"x": N, "v": N}, "x", {"x": "i", "v": "i"},
         lambda x, v: F.softmax(x, dim="i") * (v - F.softmax(x, dim="i") @ v)),
    Case("softmax", "sum(log(exp(Z / t) @ ones(p))) - tr(Y.T @ Z) / t", {"Z": MP, "t": S, "Y": MP}, "t",
         {"Z": "jk", "t": "", "Y": "jk"},
         lambda Z, t, Y: F.sum(F.log(F.exp(Z / t) @ eye("p", "k"))) - (Y @ Z) / t),
    Case("softmax", "dot(v, softmax(-((X @ A) * X) @ ones(n)))", {"v": M, "X": MN, "A": NN}, "A",
         {"v": "j", "X": "ji", "A": "ik"},
         lambda v, X, A: v @ F.softmax(-(((X @ A).rename(k="i") * X) @ eye("n", "i")), dim="j")),
    Case("softmax", "-dot(y, log(softmax(W @ x))) + b * dot(softmax(W @ x), log(softmax(W @ x)))",
         {"y": M, "W": MN, "x": N, "b": S}, "W", {"y": "j", "W": "ji", "x": "i", "b": ""},
         lambda y, W, x, b: -(y @ F.log(F.softmax(W @ x, dim="j")))
         + b * (F.softmax(W @ x, dim="j") @ F.log(F.softmax(W @ x, dim="j")))),
    # attention
    Case("attention", "V.T @ softmax(K @ W @ x)", {"V": MP, "K": MN, "W": NN, "x": N}, "W",
         {"V": "jk", "K": "ji", "W": "il", "x": "l"}, lambda V, K, W, x: V @ F.softmax(K @ W @ x, dim="j")),
    Case("attention", "-dot(y, log(softmax(U @ (X.T @ softmax(X @ q)))))", {"y": P, "U": PN, "X": MN, "q": N}, "q",
         {"y": "k", "U": "ki", "X": "ji", "q": "i"},
         lambda y, U, X, q: -(y @ F.log(F.softmax(U @ (X @ F.softmax(X @ q, dim="j")), dim="k")))),
    Case("attention", "dot(u, V.T @ softmax(-((K * K) @ ones(n) - 2 * K @ q + dot(q, q))))",
         {"u": P, "V": MP, "K": MN, "q": N}, "q", {"u": "k", "V": "jk", "K": "ji", "q": "i"},
         lambda u, V, K, q: u @ V @ F.softmax(-sqdist(K, q), dim="j")),
    Case("attention", "dot(u, V.T @ softmax(c * tanh(K @ q / c)))", {"u": P, "V": MP, "c": S, "K": MN, "q": N}, "c",
         {"u": "k", "V": "jk", "c": "", "K": "ji", "q": "i"},
         lambda u, V, c, K, q: u @ V @ F.softmax(c * F.tanh(K @ q / c), dim="j")),
    # logistic pieces
    Case("logistic", "X.T @ (sigmoid(X @ w) * (1 - sigmoid(X @ w)) * (X @ v))", {"X": MN, "w": N, "v": N}, "w",
         {"X": "ji", "w": "i", "v": "i"},
         lambda X, w, v: X @ (F.sigmoid(X @ w) * (1 - F.sigmoid(X @ w)) * (X @ v))),
    Case("logistic", "dot(y, log(1 - exp(-(W @ x)))) - dot(1 - y, W @ x)", {"y": M, "W": MN, "x": N}, "W",
         {"y": "j", "W": "ji", "x": "i"},
         lambda y, W, x: y @ F.log(1 - F.exp(-(W @ x))) - (1 - y) @ (W @ x)),
    Case("logistic", "log(sigmoid(dot(w, x) + s) + sigmoid(dot(w, x) - s))", {"w": N, "x": N, "s": S}, "s",
         {"w": "i", "x": "i", "s": ""}, lambda w, x, s: F.log(F.sigmoid(w @ x + s) + F.sigmoid(w @ x - s))),
    Case("logistic", "dot(y, log(sigmoid(f))) + dot(1 - y, log(1 - sigmoid(f))) - dot(f, inv(K) @ f) / 2",
         {"y": N, "f": N, "K": NN}, "f", {"y": "i", "f": "i", "K": "ij"},
         lambda y, f, K: y @ F.log(F.sigmoid(f)) + (1 - y) @ F.log(1 - F.sigmoid(f)) - inv_quad(f, K) / 2,
         {"K": INV}),
    # losses
    Case("loss", "1 - 2 * mean((x - mean(x)) * (y - mean(y)))"
         " / (mean((x - mean(x))**2) + mean((y - mean(y))**2) + (mean(x) - mean(y))**2)", {"x": N, "y": N}, "x",
         {"x": "i", "y": "i"},
         lambda x, y: 1 - 2 * F.mean(centred(x) * centred(y))
         / (F.mean(F.pow(centred(x), 2)) + F.mean(F.pow(centred(y), 2)) + F.pow(F.mean(x) - F.mean(y), 2))),
    Case("loss", "-dot(y, log(softmax(c * (W @ x) / (sqrt((W * W) @ ones(n)) * norm(x)) - d * y)))",
         {"y": M, "c": S, "W": MN, "x": N, "d": S}, "x", {"y": "j", "c": "", "W": "ji", "x": "i", "d": ""},
         lambda y, c, W, x, d: -(y @ F.log(F.softmax(c * (W @ x) / (F.sqrt((W * W) @ eye("n", "i")) * norm(x))
                                                    - d * y, dim="j")))),
    Case("loss", "norm(diag(X.T @ Y) - ones(n))**2 + lam * (norm(X.T @ Y)**2 - norm(diag(X.T @ Y))**2)",
         {"X": MN, "Y": MN, "lam": S}, "X", {"X": "ji", "Y": "ji", "lam": ""},
         lambda X, Y, lam: (lambda C: (lambda g: sq(g - eye("n", "a")) + lam * (sq(C) - sq(g)))(
             (C * eye("n", "a", "b")) @ eye("n", "b")))(X.rename(i="a") @ Y.rename(i="b"))),
    Case("loss", "-log(dot(y, softmax(W @ x))) + e * (1 - dot(y, softmax(W @ x)))", {"y": M, "W": MN, "x": N, "e": S},
         "W", {"y": "j", "W": "ji", "x": "i", "e": ""},
         lambda y, W, x, e: -F.log(y @ F.softmax(W @ x, dim="j")) + e * (1 - y @ F.softmax(W @ x, dim="j"))),
    Case("loss", "sum(abs(X @ w - y)**3)", {"X": MN, "w": N, "y": M}, "w", {"X": "ji", "w": "i", "y": "j"},
         lambda X, w, y: F.sum(F.pow(F.abs(X @ w - y), 3))),
    Case("loss", "sum((y - X @ w)**2 / softplus(X @ v) + log(softplus(X @ v)))", {"y": M, "X": MN, "w": N, "v": N}, "v",
         {"y": "j", "X": "ji", "w": "i", "v": "i"},
         lambda y, X, w, v: F.sum(F.pow(y - X @ w, 2) / softplus(X @ v) + F.log(softplus(X @ v)))),
    # quotients
    Case("quotient", "sum(x**2) / sum(x)", {"x": N}, "x", {"x": "i"}, lambda x: F.sum(F.pow(x, 2)) / F.sum(x)),
    Case("quotient", "norm(A - U @ V.T)**2 / norm(A)**2", {"A": MN, "U": MP, "V": NP}, "A",
         {"A": "ji", "U": "jk", "V": "ik"}, lambda A, U, V: sq(A - U @ V) / sq(A)),
    Case("quotient", "sum(w) / dot(w, 1 / x)", {"w": N, "x": N}, "w", {"w": "i", "x": "i"},
         lambda w, x: F.sum(w) / (w @ F.pow(x, -1))),
    Case("quotient", "A @ (R @ x + t) / dot(c, R @ x + t)", {"A": PN, "R": NN, "x": N, "t": N, "c": N}, "R",
         {"A": "kl", "R": "li", "x": "i", "t": "l", "c": "l"},
         lambda A, R, x, t, c: (A @ (R @ x + t)) / (c @ (R @ x + t))),
    Case("quotient", "P.T @ (w * b) / dot(w, b)", {"P": MN, "w": M, "b": M}, "w", {"P": "ji", "w": "j", "b": "j"},
         lambda P, w, b: (P @ (w * b)) / (w @ b)),
    Case("quotient", "dot(v, x**3 / (k**3 + x**3))", {"v": N, "x": N, "k": N}, "k", {"v": "i", "x": "i", "k": "i"},
         lambda v, x, k: v @ (F.pow(x, 3) / (F.pow(k, 3) + F.pow(x, 3)))),
    # powers and roots
    Case("power", "tr(X.T @ A @ X)**(3/2)", {"X": MN, "A": MM}, "X", {"X": "ji", "A": "jk"},
         lambda X, A: F.pow(X @ A @ X.rename(j="k"), Fraction(3, 2))),
    Case("power", "(1 - sum(r**q)) / (q - 1)", {"r": N, "q": S}, "q", {"r": "i", "q": ""},
         lambda r, q: (1 - F.sum(F.exp(q * F.log(r)))) / (q - 1)),
    Case("power", "sum((A @ x)**4)**(1/4)", {"A": MN, "x": N}, "x", {"A": "ji", "x": "i"},
         lambda A, x: F.pow(F.sum(F.pow(A @ x, 4)), Fraction(1, 4))),
    Case("power", "dot(w, 1 / sqrt((X * X) @ ones(n) - 2 * X @ x + dot(x, x) + c))", {"w": M, "X": MN, "x": N, "c": S},
         "x", {"w": "j", "X": "ji", "x": "i", "c": ""},
         lambda w, X, x, c: w @ F.pow(sqdist(X, x) + c, Fraction(-1, 2))),
    Case("power", "c**6 / norm(x - y)**12 - c**3 / norm(x - y)**6", {"c": S, "x": N, "y": N}, "x",
         {"c": "", "x": "i", "y": "i"},
         lambda c, x, y: F.pow(c, 6) / F.pow(sq(x - y), 6) - F.pow(c, 3) / F.pow(sq(x - y), 3)),
    Case("power", "sum(1 / sqrt(A @ x))", {"A": MN, "x": N}, "A", {"A": "ji", "x": "i"},
         lambda A, x: F.sum(F.pow(A @ x, Fraction(-1, 2)))),
    # norms
    Case("norm", "sqrt(dot(X @ a, S @ X @ a))", {"X": MN, "a": N, "S": MM}, "X", {"X": "ji", "a": "i", "S": "jk"},
         lambda X, a, S: F.sqrt((X @ a) @ S @ (X @ a).rename(j="k"))),
    Case("norm", "sum(sqrt(((D @ X) * (D @ X)) @ ones(n) + c))", {"D": PM, "X": MN, "c": S}, "X",
         {"D": "kj", "X": "ji", "c": ""}, lambda D, X, c: F.sum(F.sqrt(((D @ X) * (D @ X)) @ eye("n", "i") + c))),
    Case("norm", "norm(inv(L) @ (A @ x - b))", {"L": MM, "A": MN, "x": N, "b": M}, "x",
         {"L": "jk", "A": "ji", "x": "i", "b": "j"}, lambda L, A, x, b: norm(F.inverse(L) @ (A @ x - b)), {"L": INV}),
    Case("norm", "norm(x) * norm(y) - dot(x, y)", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: norm(x) * norm(y) - x @ y),
    # elementwise functions
    Case("elementwise", "dot(a, softplus(x) - softplus(x - c))", {"a": N, "x": N, "c": S}, "x",
         {"a": "i", "x": "i", "c": ""}, lambda a, x, c: a @ (softplus(x) - softplus(x - c))),
    Case("elementwise", "dot(a, x * tanh(exp(x)))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (x * F.tanh(F.exp(x)))),
    Case("elementwise", "dot(a, x * log(1 + sigmoid(x)))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (x * F.log(1 + F.sigmoid(x)))),
    Case("elementwise", "dot(a, (x**2 - 1) / (x**2 + 1))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ ((F.pow(x, 2) - 1) / (F.pow(x, 2) + 1))),
    Case("elementwise", "dot(a, x**c / (1 + x**c))", {"a": N, "x": N, "c": S}, "c", {"a": "i", "x": "i", "c": ""},
         lambda a, x, c: a @ (F.exp(c * F.log(x)) / (1 + F.exp(c * F.log(x))))),
    # networks
    Case("network", "dot(g, (x + U @ relu(W @ x) - mean(x + U @ relu(W @ x)))"
         " / sqrt(mean((x + U @ relu(W @ x) - mean(x + U @ relu(W @ x)))**2) + c))",
         {"g": N, "x": N, "U": NM, "W": MN, "c": S}, "W", {"g": "i", "x": "i", "U": "ij", "W": "ji", "c": ""},
         lambda g, x, U, W, c: (lambda z: g @ (centred(z) / F.sqrt(F.mean(F.pow(centred(z), 2)) + c)))(
             x + U @ F.relu(W @ x))),
    Case("network", "sigmoid(G @ x) * c + sigmoid(R @ x) * tanh(W @ x)", {"G": MN, "x": N, "c": M, "R": MN, "W": MN},
         "R", {"G": "ji", "x": "i", "c": "j", "R": "ji", "W": "ji"},
         lambda G, x, c, R, W: F.sigmoid(G @ x) * c + F.sigmoid(R @ x) * F.tanh(W @ x)),
    Case("network", "x + h * tanh(W @ x) + h * tanh(W @ (x + h * tanh(W @ x)))", {"x": N, "h": S, "W": NN}, "h",
         {"x": "i", "h": "", "W": "ji"},
         lambda x, h, W: (lambda z: z + h * F.tanh(W @ z).rename(j="i"))(x + h * F.tanh(W @ x).rename(j="i"))),
    Case("network", "dot(v, tanh(U @ (tanh(X @ W).T @ ones(m))))", {"v": M, "U": MP, "X": MN, "W": NP}, "W",
         {"v": "l", "U": "lk", "X": "ji", "W": "ik"},
         lambda v, U, X, W: v @ F.tanh(U @ (F.tanh(X @ W) @ eye("m", "j")))),
    Case("network", "norm(W.T @ sigmoid(W @ x))**2 / 2 - sum(sigmoid(W @ x) * (1 - sigmoid(W @ x)) * ((W * W) @ ones(n)))",
         {"W": MN, "x": N}, "W", {"W": "ji", "x": "i"},
         lambda W, x: sq(W @ F.sigmoid(W @ x)) / 2
         - F.sum(F.sigmoid(W @ x) * (1 - F.sigmoid(W @ x)) * ((W * W) @ eye("n", "i")))),
    Case("network", "-dot(y, log(softmax(U @ ((W @ x) * sigmoid(W @ x)))))", {"y": P, "U": PM, "W": MN, "x": N}, "W",
         {"y": "k", "U": "kj", "W": "ji", "x": "i"},
         lambda y, U, W, x: -(y @ F.log(F.softmax(U @ ((W @ x) * F.sigmoid(W @ x)), dim="k")))),
    Case("network", "norm((a - U @ tanh(W @ s)) * exp(-(V @ s)))**2 / 2 + sum(V @ s)",
         {"a": P, "U": PM, "W": MN, "s": N, "V": PN}, "W", {"a": "k", "U": "kj", "W": "ji", "s": "i", "V": "ki"},
         lambda a, U, W, s, V: sq((a - U @ F.tanh(W @ s)) * F.exp(-(V @ s))) / 2 + F.sum(V @ s)),
    Case("network", "dot(tanh(W @ x), tanh(W @ z)) + dot(x, z) * dot(v * v, (1 - tanh(W @ x)**2) * (1 - tanh(W @ z)**2))",
         {"W": MN, "x": N, "z": N, "v": M}, "W", {"W": "ji", "x": "i", "z": "i", "v": "j"},
         lambda W, x, z, v: F.tanh(W @ x) @ F.tanh(W @ z)
         + (x @ z) * ((v * v) @ ((1 - F.pow(F.tanh(W @ x), 2)) * (1 - F.pow(F.tanh(W @ z), 2))))),
    # products and sums of these
    Case("product", "det(X) * dot(a, X @ b)", {"X": NN, "a": N, "b": N}, "X", {"X": "ij", "a": "i", "b": "j"},
         lambda X, a, b: F.det(X) * (a @ X @ b)),
    Case("product", "dot(a, x) * exp(-dot(x, A @ x) / 2)", {"a": N, "x": N, "A": NN}, "x", {"a": "i", "x": "i", "A": "ij"},
         lambda a, x, A: (a @ x) * F.exp(-quad(x, A) / 2)),
    Case("product", "norm(x - a) * exp(-norm(x - b)**2)", {"x": N, "a": N, "b": N}, "x", {"x": "i", "a": "i", "b": "i"},
         lambda x, a, b: norm(x - a) * F.exp(-sq(x - b))),
    Case("product", "logsumexp(A @ x) * logsumexp(B @ x)", {"A": MN, "x": N, "B": MN}, "x",
         {"A": "ji", "x": "i", "B": "ji"}, lambda A, x, B: lse(A @ x) * lse(B @ x)),
    Case("sum", "norm(x - D @ (E @ x + exp(s / 2) * z))**2 + norm(E @ x)**2 / 2",
         {"x": N, "D": NP, "E": PN, "s": P, "z": P}, "E", {"x": "i", "D": "ik", "E": "ki", "s": "k", "z": "k"},
         lambda x, D, E, s, z: sq(x - D @ (E @ x + F.exp(s / 2) * z)) + sq(E @ x) / 2),
    Case("sum", "sum(softplus(-y * (X @ w))) + lam * sum(sqrt((D @ w)**2 + c))",
         {"y": M, "X": MN, "w": N, "lam": S, "D": MN, "c": S}, "w",
         {"y": "j", "X": "ji", "w": "i", "lam": "", "D": "ji", "c": ""},
         lambda y, X, w, lam, D, c: F.sum(softplus(-(y * (X @ w)))) + lam * F.sum(F.sqrt(F.pow(D @ w, 2) + c))),
    Case("sum", "norm(X - Y)**2 + lam * logdet(X.T @ X + c * eye(n))", {"X": MN, "Y": MN, "lam": S, "c": S}, "X",
         {"X": "ji", "Y": "ji", "lam": "", "c": ""},
         lambda X, Y, lam, c: sq(X - Y) + lam * logdet(X.rename(i="a") @ X.rename(i="b") + c * eye("n", "a", "b"))),
)
