"""A sixteenth held-out set for bench/bench_tensorgrad.py (``--cases fresh16``): expressions no session has tuned against.

Written in one sitting before anything was timed (session 42, branch fresh16), without reading the engine or the checks:
none is in tg_cases.py, tg_fresh.py or tg_fresh3.py .. tg_fresh15.py (nor the same function under a cyclic trace, a
transpose or renamed variables): checked by a script that renames every variable in order of appearance and compares
the texts, and that compares values at two random points with every earlier case (1,472) and every earlier case of
this set of the same shapes, under every shape-keeping renaming, square matrices also transposed, as equal,
proportional or off by a constant (the same ratio or offset at both points; vector and matrix values also as sorted
entries). The first draft had 42 such repeats (39 by value, among them tr(X @ A @ X), norm(X @ A - A @ X)**2, the
Gaussian KL that was fresh7's over 2, a Fair loss and a pinball loss equal to fresh11's and fresh6's, mean(x**3)**(1/3)
proportional to fresh8's sum(abs(x)**3)**(1/3) at positive points, Mish, softsign, the contrastive and the triplet
losses; three by text, the same expression with other shapes, such as tr(K @ L) / (norm(K) * norm(L))), the second 20
more (among them the second elementary symmetric polynomial (tr(X)**2 - tr(X @ X)) / 2, a tied-weight autoencoder,
SwiGLU, the logistic density, Tweedie's deviance at power 3/2, total least squares), the third 7 (arcsinh, squared
ReLU, an LSTM cell state, det(X) * norm(X)**2), the fourth 3 (a generalised trace ratio, a product of two trace
forms, a mixture of experts), the fifth none; each was replaced before the commit, and seven surplus replacements
were dropped to keep five of each kind. The script's one remaining flag, the Stein residual norm(X - A @ X @ A.T -
C)**2 "proportional" to fresh9's tr(A @ X) * exp(tr(B @ X)) with a ratio of 1e-22, is the script's absolute tolerance
on tiny ratios, not a repeat. Before the commit each case's two sides were also compared by value alone (mcdocgen's
evaluator against tg_numpy at the warm-up check's point, no derivative, nothing timed): all 100 agree.

Picked as a grader would from a matrix-calculus course, the Matrix Cookbook and ML papers, 20 kinds of 5: linear maps
(a commutator applied to a vector, (A X - X A) c, as a vector by X, tr(A X) - tr(X) tr(A), b * (X a) - X c and
X a - (b^T X a) c as vectors by X, diag(A X B) as a vector by X), quadratic forms (a rank-one-corrected metric, the
Lagrange identity |x|^2 |y|^2 - (x^T y)^2, a form plus a scaled squared projection by the scale, a form in x - y plus
one in x + y by y, (x^T A B y)^2 by A), traces (a weighted Gram trace by the weights, the cubic tr(X^3) / 3 - tr(A X),
a quartic matrix double well, tr(X diag(a) X diag(b)), tr(A X A X)), Frobenius residuals (a symmetric rank-two fit,
a masked and weighted residual, the Stein (discrete Lyapunov) residual, two linear constraints on X and X^T, a
masked Gram fit), inverses (y^T (I + X X^T / s)^-1 y by the scale s, a Sherman-Morrison solve as a vector by u,
a ridge prediction by the design matrix, tr((A + diag(e^d))^-1), Katz centrality (I - t A)^-1 1 as a vector by t),
determinants (logdet(A + X^T B X), det(A - t B), the determinant lemma logdet(I + u v^T), D-optimal det(X^T diag(w)
X) by the weights, det(I - X A)), Gaussian pieces (the log-volume of a projected covariance, the Bhattacharyya
distance by one covariance, a factor-analysis NLL by the uniquenesses, an expected linear-Gaussian NLL by the map, a
two-component mixture's log-density), kernels (a rational quadratic kernel by its shape, a Laplacian L1 kernel by
its scale, a kernel ridge prediction by the Gram matrix, t-SNE's normalised Student-t affinities as a vector, an RBF
times polynomial product kernel), logs and exps (a Weibull NLL by the shape, a complementary log-log link, a Gumbel
NLL by the scale, a log-normal NLL by the log-scale, the soft-min of squared distances), softmax (the Gini impurity
1 - |softmax(x)|^2, label-smoothed cross-entropy, an entropy-regularised expected reward, additive-margin softmax, the
perplexity exp(H)), attention (a read-out as a vector by the score bias, ALiBi's linear position bias by its slope,
attention through learned key and value maps by the key map, additive (Bahdanau) attention as a vector by the query,
the read-out's squared norm by the keys), logistic pieces (a class-weighted NLL, a pairwise (RankNet-style) loss, an
ordinal cumulative-link NLL with ordered cut points a < a + e^c, tempered probabilities as a vector by the
temperature, a label-noise-robust NLL with flip rate 1/10), losses (Geman-McClure, the Tversky loss, expectile
regression, a smooth maximum of absolute residuals, the generalised cross-entropy (1 - p^c) / c), quotients (a
rank-one Rayleigh-type quotient, a trace ratio, a soft precision, a Pade activation unit, a sum of ratios of two
maps), powers (dot(a, x**c) by x, |A x|^3, Box-Cox by its exponent, Cobb-Douglas by its exponent, a Hill function by its
coefficient), norms (least absolute deviations with an L1 penalty, two group norms, an elastic net, the distance of
a normalised vector, an unsquared orthogonality defect |X^T X - I|), elementwise functions ((e^x - 1) / x,
log(1 + e^-|x|), hard-swish through relus, x / (e^x - 1), the Gumbel CDF), networks (a residual block's residual by
the inner layer, layer normalisation as a vector, an RBF network by its centres, a gated tanh unit as a vector, a
Gaussian activation by the weights), products (LSE(x) LSE(-x), outer(A x, B x) as a matrix by x, outer(x, softmax(x))
as a matrix, sum(x log x) sum(x), e^{a^T x} x^T A x), and roots (Charbonnier by its epsilon, the Hellinger distance,
sqrt(x^T A x + (b^T x)^2) by A, sqrt(|x|^2 + c^2) - c by c, sqrt(A x + b) as a vector by A). Derivatives by vectors,
matrices and scalars; fifteen vector- or matrix-valued functions (vectors by vectors, by matrices and by scalars, two
matrices by a vector), their whole derivatives compared.

The same structure and conventions as tg_cases.py and tg_fresh15.py (tg_cases.py's docstring says how tensorgrad's
edges are named): an inverse is contracted on its far edge (``F.inverse(X)`` with X on edges "ij" holds X^-1's rows on
j), ``X.rename(i="j", j="i")`` is a transpose, ``Delta`` is the identity on the edges it names (a ones vector on one
edge), ``u * v`` on two different edges an outer product; a scalar term inside a sum over a vector is multiplied by a
ones vector on the tensorgrad side, as the language broadcasts it. No variable is named after a size (n, m, p). A
variable exponent (x**c, (y / c)**k, Box-Cox, Cobb-Douglas, Hill, the rational quadratic kernel, the generalised
cross-entropy) is written as such in mcdocgen's language and through exp and log in tensorgrad's, which has no power
with a tensor exponent.

The warm-up check (--runs 0 --cpu, the warm-up round alone, nothing timed; after this set was committed at 40cd4ce,
the engine of that commit, branched from session 42's integ at 0ccfbb0) compared all 100 and all agree as written:
nothing was fixed or replaced after it (85 "ok", the fifteen vector- or matrix-valued "ok (derivative)", none with a
zero gradient or derivative). Smallest scalar gradients (the largest entry of mcdocgen's at the check's point): ALiBi's
slope (9.8e-3) and the Bhattacharyya distance by A (1.1e-2). At the check's point the residuals X @ w - y are positive
in every loss and norm that takes abs or relu of them (one branch compared: expectile regression's relu(y - X @ w) is
zero there), abs's argument in the Laplacian kernel has both signs, hard-swish's relu(x - 3) is zero and relu(x + 3)
positive, and the residual block's relu has a positive argument (every entry drawn in [0.5, 1.5]).
"""

from __future__ import annotations

from fractions import Fraction

import tensorgrad.functions as F

from tg_cases import Case, centred, eye, inv_quad, logdet, lse, norm, quad, softplus, sq, sqdist

N, NN, MN, M, P, S = ("n",), ("n", "n"), ("m", "n"), ("m",), ("p",), ()
MM, PN, NM = ("m", "m"), ("p", "n"), ("n", "m")
INV = ("invertible",)


CASES: tuple[Case, ...] = (
    # linear
    Case("linear", "(A @ X - X @ A) @ c", {"A": NN, "X": NN, "c": N}, "X", {"A": "ij", "X": "ij", "c": "i"},
         lambda A, X, c: A @ X.rename(i="j", j="k") @ c.rename(i="k") - X @ A.rename(i="j", j="k") @ c.rename(i="k")),
    Case("linear", "tr(A @ X) - tr(X) * tr(A)", {"A": NN, "X": NN}, "X", {"A": "ij", "X": "ji"},
         lambda A, X: A @ X - (X @ eye("n", "i", "j")) * (A @ eye("n", "i", "j"))),
    Case("linear", "b * (X @ a) - X @ c", {"b": M, "X": MN, "a": N, "c": N}, "X", {"b": "j", "X": "ji", "a": "i", "c": "i"},
         lambda b, X, a, c: b * (X @ a) - X @ c),
    Case("linear", "diag(A @ X @ B)", {"A": NM, "X": MN, "B": NN}, "X", {"A": "ij", "X": "jk", "B": "kl"},
         lambda A, X, B: ((A @ X @ B) * eye("n", "i", "l")) @ eye("n", "l")),
    Case("linear", "X @ a - dot(b, X @ a) * c", {"X": MN, "a": N, "b": M, "c": M}, "X",
         {"X": "ji", "a": "i", "b": "j", "c": "j"}, lambda X, a, b, c: X @ a - (b @ X @ a) * c),
    # quadratic forms
    Case("quadratic", "dot(x - a, x - a) + dot(u, x - a)**2", {"x": N, "a": N, "u": N}, "x",
         {"x": "i", "a": "i", "u": "i"}, lambda x, a, u: sq(x - a) + F.pow(u @ (x - a), 2)),
    Case("quadratic", "dot(x, x) * dot(y, y) - dot(x, y)**2", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: (x @ x) * (y @ y) - F.pow(x @ y, 2)),
    Case("quadratic", "dot(x, A @ x) + dot(b, x)**2 / c", {"x": N, "A": NN, "b": N, "c": S}, "c",
         {"x": "i", "A": "ij", "b": "i", "c": ""}, lambda x, A, b, c: quad(x, A) + F.pow(b @ x, 2) / c),
    Case("quadratic", "dot(x - y, A @ (x - y)) + dot(x + y, B @ (x + y))", {"x": N, "y": N, "A": NN, "B": NN}, "y",
         {"x": "i", "y": "i", "A": "ij", "B": "ij"}, lambda x, y, A, B: quad(x - y, A) + quad(x + y, B)),
    Case("quadratic", "dot(A.T @ x, B @ y)**2", {"A": NN, "x": N, "B": NN, "y": N}, "A",
         {"A": "ik", "x": "i", "B": "kj", "y": "j"}, lambda A, x, B, y: F.pow((x @ A) @ (B @ y), 2)),
    # traces
    Case("trace", "tr(X.T @ diag(d) @ X @ A)", {"X": MN, "d": M, "A": NN}, "d", {"X": "ji", "d": "j", "A": "ki"},
         lambda X, d, A: (X * d) @ X.rename(i="k") @ A),
    Case("trace", "tr(X @ X @ X) / 3 - tr(A @ X)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: X @ X.rename(i="j", j="k") @ X.rename(i="k", j="i") / 3 - A @ X.rename(i="j", j="i")),
    Case("trace", "tr(X @ X @ X @ X) / 4 - tr(A @ X @ X) / 2", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: X @ X.rename(i="j", j="k") @ X.rename(i="k", j="l") @ X.rename(i="l", j="i") / 4
         - A @ X.rename(i="j", j="k") @ X.rename(i="k", j="i") / 2),
    Case("trace", "tr(X @ diag(a) @ X @ diag(b))", {"X": NN, "a": N, "b": N}, "X", {"X": "ij", "a": "j", "b": "i"},
         lambda X, a, b: (X * a) @ (X.rename(i="j", j="i") * b)),
    Case("trace", "tr(A @ X @ A @ X)", {"A": NN, "X": NN}, "X", {"A": "ij", "X": "ij"},
         lambda A, X: A @ X.rename(i="j", j="k") @ A.rename(i="k", j="l") @ X.rename(i="l", j="i")),
    # Frobenius residuals
    Case("frobenius", "norm(A - outer(u, v) - outer(v, u))**2", {"A": NN, "u": N, "v": N}, "v",
         {"A": "ij", "u": "i", "v": "i"}, lambda A, u, v: sq(A - u * v.rename(i="j") - v * u.rename(i="j"))),
    Case("frobenius", "norm((X @ B - A) * W)**2", {"X": MN, "B": NN, "A": MN, "W": MN}, "X",
         {"X": "ji", "B": "ik", "A": "ji", "W": "ji"}, lambda X, B, A, W: sq(((X @ B).rename(k="i") - A) * W)),
    Case("frobenius", "norm(X - A @ X @ A.T - C)**2", {"X": NN, "A": NN, "C": NN}, "X", {"X": "ij", "A": "ij", "C": "ij"},
         lambda X, A, C: sq(X - (A @ X.rename(i="j", j="k") @ A.rename(i="l", j="k")).rename(l="j") - C)),
    Case("frobenius", "norm(X @ a - b)**2 + norm(X.T @ c - d)**2", {"X": MN, "a": N, "b": M, "c": M, "d": N}, "X",
         {"X": "ji", "a": "i", "b": "j", "c": "j", "d": "i"}, lambda X, a, b, c, d: sq(X @ a - b) + sq(c @ X - d)),
    Case("frobenius", "norm(A * (X @ X.T) - B)**2", {"A": MM, "X": MN, "B": MM}, "X", {"A": "jl", "X": "ji", "B": "jl"},
         lambda A, X, B: sq(A * (X @ X.rename(j="l")) - B)),
    # inverses
    Case("inverse", "dot(y, inv(eye(m) + X @ X.T / s) @ y)", {"y": M, "X": MN, "s": S}, "s", {"y": "j", "X": "ji", "s": ""},
         lambda y, X, s: y.rename(j="l") @ F.inverse(eye("m", "j", "l") + X @ X.rename(j="l") / s) @ y),
    Case("inverse", "inv(eye(n) + outer(u, v)) @ b", {"u": N, "v": N, "b": N}, "u", {"u": "i", "v": "i", "b": "i"},
         lambda u, v, b: F.inverse(eye("n", "i", "j") + u * v.rename(i="j")) @ b),
    Case("inverse", "dot(a, inv(A + X.T @ X) @ X.T @ y)", {"a": N, "A": NN, "X": MN, "y": M}, "X",
         {"a": "i", "A": "ab", "X": "ji", "y": "j"},
         lambda a, A, X, y: a.rename(i="b") @ F.inverse(A + X.rename(i="a") @ X.rename(i="b")) @ (y @ X).rename(i="a")),
    Case("inverse", "tr(inv(A + diag(exp(d))))", {"A": NN, "d": N}, "d", {"A": "ij", "d": "i"},
         lambda A, d: F.inverse(A + F.exp(d) * eye("n", "i", "j")) @ eye("n", "i", "j")),
    Case("inverse", "inv(eye(n) - t * A) @ ones(n)", {"t": S, "A": NN}, "t", {"t": "", "A": "ij"},
         lambda t, A: F.inverse(eye("n", "i", "j") - t * A) @ eye("n", "i")),
    # determinants and log-determinants
    Case("determinant", "logdet(A + X.T @ B @ X)", {"A": NN, "X": MN, "B": MM}, "X", {"A": "ik", "X": "ji", "B": "jl"},
         lambda A, X, B: logdet(A + X @ B @ X.rename(j="l", i="k"))),
    Case("determinant", "det(A - t * B)", {"A": NN, "t": S, "B": NN}, "t", {"A": "ij", "t": "", "B": "ij"},
         lambda A, t, B: F.det(A - t * B)),
    Case("determinant", "logdet(eye(n) + outer(u, v))", {"u": N, "v": N}, "v", {"u": "i", "v": "i"},
         lambda u, v: logdet(eye("n", "i", "j") + u * v.rename(i="j"))),
    Case("determinant", "det(X.T @ diag(w) @ X)", {"X": MN, "w": M}, "w", {"X": "ji", "w": "j"},
         lambda X, w: F.det((X * w).rename(i="a") @ X.rename(i="b"))),
    Case("determinant", "det(eye(n) - X @ A)", {"X": NN, "A": NN}, "X", {"X": "ij", "A": "ij"},
         lambda X, A: F.det(eye("n", "i", "k") - X @ A.rename(i="j", j="k"))),
    # Gaussian pieces
    Case("gaussian", "logdet(A @ S @ A.T)", {"A": PN, "S": NN}, "S", {"A": "ki", "S": "il"},
         lambda A, S: logdet(A @ S @ A.rename(k="o", i="l"))),
    Case("gaussian", "dot(u - v, inv((A + B) / 2) @ (u - v)) / 8 + logdet((A + B) / 2) / 2 - logdet(A) / 4 - logdet(B) / 4",
         {"u": N, "v": N, "A": NN, "B": NN}, "A", {"u": "i", "v": "i", "A": "ij", "B": "ij"},
         lambda u, v, A, B: inv_quad(u - v, (A + B) / 2) / 8 + logdet((A + B) / 2) / 2 - logdet(A) / 4 - logdet(B) / 4,
         {"A": INV}),
    Case("gaussian", "logdet(W @ W.T + diag(d)) + dot(x, inv(W @ W.T + diag(d)) @ x)", {"W": MN, "d": M, "x": M}, "d",
         {"W": "ji", "d": "j", "x": "j"},
         lambda W, d, x: (lambda C: logdet(C) + x.rename(j="l") @ F.inverse(C) @ x)(W @ W.rename(j="l")
                                                                                   + d * eye("m", "j", "l"))),
    Case("gaussian", "norm(y - A @ u)**2 / s + tr(A @ S @ A.T) / s", {"y": M, "A": MN, "u": N, "S": NN, "s": S}, "A",
         {"y": "j", "A": "ji", "u": "i", "S": "ik", "s": ""},
         lambda y, A, u, S, s: sq(y - A @ u) / s + (A @ S @ A.rename(i="k")) / s),
    Case("gaussian", "log(exp(-dot(x - a, A @ (x - a)) / 2) + exp(-dot(x - b, A @ (x - b)) / 2))",
         {"x": N, "a": N, "A": NN, "b": N}, "x", {"x": "i", "a": "i", "A": "ij", "b": "i"},
         lambda x, a, A, b: F.log(F.exp(-quad(x - a, A) / 2) + F.exp(-quad(x - b, A) / 2))),
    # kernels
    Case("kernel", "(1 + norm(x - y)**2 / (2 * a * c**2))**(-a)", {"x": N, "y": N, "a": S, "c": S}, "a",
         {"x": "i", "y": "i", "a": "", "c": ""},
         lambda x, y, a, c: F.exp(-a * F.log(1 + sq(x - y) / (2 * a * F.pow(c, 2))))),
    Case("kernel", "exp(-sum(abs(x - y)) / c)", {"x": N, "y": N, "c": S}, "c", {"x": "i", "y": "i", "c": ""},
         lambda x, y, c: F.exp(-F.sum(F.abs(x - y)) / c)),
    Case("kernel", "dot(k, inv(K + s * eye(m)) @ y)", {"k": M, "K": MM, "s": S, "y": M}, "K",
         {"k": "j", "K": "jl", "s": "", "y": "j"},
         lambda k, K, s, y: k.rename(j="l") @ F.inverse(K + s * eye("m", "j", "l")) @ y),
    Case("kernel", "(1 / (1 + (X * X) @ ones(n) - 2 * X @ x + dot(x, x))) "
         "/ sum(1 / (1 + (X * X) @ ones(n) - 2 * X @ x + dot(x, x)))", {"X": MN, "x": N}, "x", {"X": "ji", "x": "i"},
         lambda X, x: (lambda q: q / F.sum(q))(F.pow(1 + sqdist(X, x), -1))),
    Case("kernel", "exp(-norm(x - y)**2 / (2 * s)) * (dot(x, y) + c)**2", {"x": N, "y": N, "s": S, "c": S}, "x",
         {"x": "i", "y": "i", "s": "", "c": ""},
         lambda x, y, s, c: F.exp(-sq(x - y) / (2 * s)) * F.pow(x @ y + c, 2)),
    # logs and exps
    Case("log-exp", "sum((y / c)**k - (k - 1) * log(y / c) - log(k / c))", {"y": M, "c": S, "k": S}, "k",
         {"y": "j", "c": "", "k": ""},
         lambda y, c, k: F.sum(F.exp(k * F.log(y / c)) - (k - 1) * F.log(y / c) - F.log(k / c) * eye("m", "j"))),
    Case("log-exp", "log(1 - exp(-exp(dot(w, x) - dot(v, x))))", {"w": N, "x": N, "v": N}, "w",
         {"w": "i", "x": "i", "v": "i"}, lambda w, x, v: F.log(1 - F.exp(-F.exp(w @ x - v @ x)))),
    Case("log-exp", "sum((y - c) / b + exp((c - y) / b) + log(b))", {"y": M, "c": S, "b": S}, "b",
         {"y": "j", "c": "", "b": ""},
         lambda y, c, b: F.sum((y - c) / b + F.exp((c - y) / b) + F.log(b) * eye("m", "j"))),
    Case("log-exp", "sum((log(y) - X @ w)**2 / (2 * exp(2 * s)) + s)", {"y": M, "X": MN, "w": N, "s": S}, "s",
         {"y": "j", "X": "ji", "w": "i", "s": ""},
         lambda y, X, w, s: F.sum(F.pow(F.log(y) - X @ w, 2) / (2 * F.exp(2 * s)) + s * eye("m", "j"))),
    Case("log-exp", "-c * log(sum(exp(-((X * X) @ ones(n) - 2 * X @ x + dot(x, x)) / c)))", {"c": S, "X": MN, "x": N}, "x",
         {"c": "", "X": "ji", "x": "i"}, lambda c, X, x: -c * lse(-sqdist(X, x) / c)),
    # softmax
    Case("softmax", "1 - sum(softmax(x)**2)", {"x": N}, "x", {"x": "i"},
         lambda x: 1 - F.sum(F.pow(F.softmax(x, dim="i"), 2))),
    Case("softmax", "-(1 - e) * dot(y, log(softmax(z))) - e * mean(log(softmax(z)))", {"e": S, "y": N, "z": N}, "z",
         {"e": "", "y": "i", "z": "i"},
         lambda e, y, z: (lambda ls: -(1 - e) * (y @ ls) - e * F.mean(ls))(F.log(F.softmax(z, dim="i")))),
    Case("softmax", "dot(softmax(x), y) + t * dot(softmax(x), log(softmax(x)))", {"x": N, "y": N, "t": S}, "x",
         {"x": "i", "y": "i", "t": ""},
         lambda x, y, t: (lambda s: s @ y + t * (s @ F.log(s)))(F.softmax(x, dim="i"))),
    Case("softmax", "-log(exp(dot(a, x) - c) / (exp(dot(a, x) - c) + sum(exp(A @ x))))",
         {"a": N, "x": N, "c": S, "A": MN}, "x", {"a": "i", "x": "i", "c": "", "A": "ji"},
         lambda a, x, c, A: (lambda e: -F.log(e / (e + F.sum(F.exp(A @ x)))))(F.exp(a @ x - c))),
    Case("softmax", "exp(-dot(softmax(x), log(softmax(x))))", {"x": N}, "x", {"x": "i"},
         lambda x: (lambda s: F.exp(-(s @ F.log(s))))(F.softmax(x, dim="i"))),
    # attention
    Case("attention", "V.T @ softmax(K @ q + b)", {"V": MN, "K": MN, "q": N, "b": M}, "b",
         {"V": "ji", "K": "ji", "q": "i", "b": "j"}, lambda V, K, q, b: V @ F.softmax(K @ q + b, dim="j")),
    Case("attention", "dot(u, V.T @ softmax(K @ q - c * d))", {"u": N, "V": MN, "K": MN, "q": N, "c": S, "d": M}, "c",
         {"u": "i", "V": "ji", "K": "ji", "q": "i", "c": "", "d": "j"},
         lambda u, V, K, q, c, d: u @ (V @ F.softmax(K @ q - c * d, dim="j"))),
    Case("attention", "dot(u, (X @ B).T @ softmax(X @ A @ q))", {"u": N, "X": MN, "B": NN, "A": NN, "q": N}, "A",
         {"u": "l", "X": "ji", "B": "il", "A": "ik", "q": "k"},
         lambda u, X, B, A, q: u @ ((X @ B) @ F.softmax(X @ A @ q, dim="j"))),
    Case("attention", "V.T @ softmax(tanh(K @ W.T + outer(ones(m), U @ q)) @ v)",
         {"V": MN, "K": MN, "W": PN, "U": PN, "q": N, "v": P}, "q",
         {"V": "ji", "K": "ji", "W": "ki", "U": "ki", "q": "i", "v": "k"},
         lambda V, K, W, U, q, v: V @ F.softmax(F.tanh(K @ W + (U @ q) * eye("m", "j")) @ v, dim="j")),
    Case("attention", "norm(V.T @ softmax(K @ q))**2", {"V": MN, "K": MN, "q": N}, "K", {"V": "ji", "K": "ji", "q": "i"},
         lambda V, K, q: sq(V @ F.softmax(K @ q, dim="j"))),
    # logistic pieces
    Case("logistic", "-c * dot(y, log(sigmoid(X @ w))) - dot(1 - y, log(1 - sigmoid(X @ w)))",
         {"c": S, "y": M, "X": MN, "w": N}, "w", {"c": "", "y": "j", "X": "ji", "w": "i"},
         lambda c, y, X, w: (lambda s: -c * (y @ F.log(s)) - (1 - y) @ F.log(1 - s))(F.sigmoid(X @ w))),
    Case("logistic", "-sum(log(sigmoid(X @ w - Y @ w)))", {"X": MN, "Y": MN, "w": N}, "w", {"X": "ji", "Y": "ji", "w": "i"},
         lambda X, Y, w: -F.sum(F.log(F.sigmoid(X @ w - Y @ w)))),
    Case("logistic", "-log(sigmoid(a + exp(c) - dot(w, x)) - sigmoid(a - dot(w, x)))",
         {"a": S, "c": S, "w": N, "x": N}, "w", {"a": "", "c": "", "w": "i", "x": "i"},
         lambda a, c, w, x: -F.log(F.sigmoid(a + F.exp(c) - w @ x) - F.sigmoid(a - w @ x))),
    Case("logistic", "sigmoid(X @ w / t)", {"X": MN, "w": N, "t": S}, "t", {"X": "ji", "w": "i", "t": ""},
         lambda X, w, t: F.sigmoid(X @ w / t)),
    Case("logistic", "-dot(y, log(1 + 8 * sigmoid(X @ w))) - dot(1 - y, log(9 - 8 * sigmoid(X @ w)))",
         {"y": M, "X": MN, "w": N}, "w", {"y": "j", "X": "ji", "w": "i"},
         lambda y, X, w: (lambda s: -(y @ F.log(1 + 8 * s)) - (1 - y) @ F.log(9 - 8 * s))(F.sigmoid(X @ w))),
    # losses
    Case("loss", "sum((X @ w - y)**2 / ((X @ w - y)**2 + c**2))", {"X": MN, "w": N, "y": M, "c": S}, "w",
         {"X": "ji", "w": "i", "y": "j", "c": ""},
         lambda X, w, y, c: (lambda r2: F.sum(r2 * F.pow(r2 + F.pow(c, 2), -1)))(F.pow(X @ w - y, 2))),
    Case("loss", "1 - dot(sigmoid(z), y) / (dot(sigmoid(z), y) + a * dot(sigmoid(z), 1 - y) + b * dot(1 - sigmoid(z), y))",
         {"z": N, "y": N, "a": S, "b": S}, "z", {"z": "i", "y": "i", "a": "", "b": ""},
         lambda z, y, a, b: (lambda s: 1 - (s @ y) / (s @ y + a * (s @ (1 - y)) + b * ((1 - s) @ y)))(F.sigmoid(z))),
    Case("loss", "sum(c * relu(X @ w - y)**2 + (1 - c) * relu(y - X @ w)**2)", {"c": S, "X": MN, "w": N, "y": M}, "w",
         {"c": "", "X": "ji", "w": "i", "y": "j"},
         lambda c, X, w, y: F.sum(c * F.pow(F.relu(X @ w - y), 2) + (1 - c) * F.pow(F.relu(y - X @ w), 2))),
    Case("loss", "t * log(sum(exp(abs(X @ w - y) / t)))", {"t": S, "X": MN, "w": N, "y": M}, "w",
         {"t": "", "X": "ji", "w": "i", "y": "j"}, lambda t, X, w, y: t * lse(F.abs(X @ w - y) / t)),
    Case("loss", "(1 - dot(y, softmax(z))**c) / c", {"y": N, "z": N, "c": S}, "z", {"y": "i", "z": "i", "c": ""},
         lambda y, z, c: (1 - F.exp(c * F.log(y @ F.softmax(z, dim="i")))) / c),
    # quotients
    Case("quotient", "dot(w, u)**2 / (dot(w, A @ w) + dot(w, B @ w))", {"w": N, "u": N, "A": NN, "B": NN}, "w",
         {"w": "i", "u": "i", "A": "ij", "B": "ij"}, lambda w, u, A, B: F.pow(w @ u, 2) / (quad(w, A) + quad(w, B))),
    Case("quotient", "tr(X @ A @ X.T) / tr(X @ X.T)", {"X": MN, "A": NN}, "X", {"X": "ji", "A": "ik"},
         lambda X, A: (X @ A @ X.rename(i="k")) / sq(X)),
    Case("quotient", "dot(sigmoid(z), y) / sum(sigmoid(z))", {"z": N, "y": N}, "z", {"z": "i", "y": "i"},
         lambda z, y: (F.sigmoid(z) @ y) / F.sum(F.sigmoid(z))),
    Case("quotient", "dot(v, (1 + x + c * x**2) / (1 + abs(d * x)))", {"v": N, "x": N, "c": S, "d": S}, "x",
         {"v": "i", "x": "i", "c": "", "d": ""},
         lambda v, x, c, d: v @ ((1 + x + c * F.pow(x, 2)) * F.pow(1 + F.abs(d * x), -1))),
    Case("quotient", "sum(X @ a / (X @ b))", {"X": MN, "a": N, "b": N}, "X", {"X": "ji", "a": "i", "b": "i"},
         lambda X, a, b: F.sum((X @ a) * F.pow(X @ b, -1))),
    # powers
    Case("power", "dot(a, x**c)", {"a": N, "x": N, "c": S}, "x", {"a": "i", "x": "i", "c": ""},
         lambda a, x, c: a @ F.exp(c * F.log(x))),
    Case("power", "norm(A @ x)**3", {"A": MN, "x": N}, "A", {"A": "ji", "x": "i"},
         lambda A, x: F.pow(sq(A @ x), Fraction(3, 2))),
    Case("power", "sum((y**c - 1) / c)", {"y": M, "c": S}, "c", {"y": "j", "c": ""},
         lambda y, c: F.sum((F.exp(c * F.log(y)) - 1) / c)),
    Case("power", "dot(a, x)**c * dot(b, x)**(1 - c)", {"a": N, "x": N, "c": S, "b": N}, "c",
         {"a": "i", "x": "i", "c": "", "b": "i"},
         lambda a, x, c, b: F.exp(c * F.log(a @ x) + (1 - c) * F.log(b @ x))),
    Case("power", "dot(a, x**c / (k**c + x**c))", {"a": N, "x": N, "c": S, "k": N}, "c",
         {"a": "i", "x": "i", "c": "", "k": "i"},
         lambda a, x, c, k: (lambda xc, kc: a @ (xc * F.pow(kc + xc, -1)))(F.exp(c * F.log(x)), F.exp(c * F.log(k)))),
    # norms
    Case("norm", "sum(abs(X @ w - y)) + c * sum(abs(w))", {"X": MN, "w": N, "y": M, "c": S}, "w",
         {"X": "ji", "w": "i", "y": "j", "c": ""}, lambda X, w, y, c: F.sum(F.abs(X @ w - y)) + c * F.sum(F.abs(w))),
    Case("norm", "norm(A @ x) + norm(B @ x)", {"A": MN, "B": PN, "x": N}, "x", {"A": "ji", "B": "ki", "x": "i"},
         lambda A, B, x: norm(A @ x) + norm(B @ x)),
    Case("norm", "norm(X @ w - y)**2 / 2 + c * sum(abs(w)) + e * dot(w, w) / 2",
         {"X": MN, "w": N, "y": M, "c": S, "e": S}, "w", {"X": "ji", "w": "i", "y": "j", "c": "", "e": ""},
         lambda X, w, y, c, e: sq(X @ w - y) / 2 + c * F.sum(F.abs(w)) + e * (w @ w) / 2),
    Case("norm", "norm(x / norm(x) - y)", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: norm(x / norm(x) - y)),
    Case("norm", "norm(X.T @ X - eye(n))", {"X": MN}, "X", {"X": "ji"},
         lambda X: norm(X.rename(i="a") @ X.rename(i="b") - eye("n", "a", "b"))),
    # elementwise functions
    Case("elementwise", "dot(a, (exp(x) - 1) / x)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ ((F.exp(x) - 1) * F.pow(x, -1))),
    Case("elementwise", "dot(a, log(1 + exp(-abs(x))))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ softplus(-F.abs(x))),
    Case("elementwise", "dot(a, x * (relu(x + 3) - relu(x - 3)) / 6)", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (x * (F.relu(x + 3) - F.relu(x - 3)) / 6)),
    Case("elementwise", "dot(a, x / (exp(x) - 1))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ (x * F.pow(F.exp(x) - 1, -1))),
    Case("elementwise", "dot(a, exp(-exp(-x)))", {"a": N, "x": N}, "x", {"a": "i", "x": "i"},
         lambda a, x: a @ F.exp(-F.exp(-x))),
    # networks
    Case("network", "norm(x + W @ relu(U @ x) - y)**2", {"x": N, "W": NM, "U": MN, "y": N}, "U",
         {"x": "i", "W": "ij", "U": "ji", "y": "i"}, lambda x, W, U, y: sq(x + W @ F.relu(U @ x) - y)),
    Case("network", "(x - mean(x)) / sqrt(mean((x - mean(x))**2) + e)", {"x": N, "e": S}, "x", {"x": "i", "e": ""},
         lambda x, e: centred(x) * F.pow(F.mean(F.pow(centred(x), 2)) + e, Fraction(-1, 2))),
    Case("network", "dot(v, exp(-((C * C) @ ones(n) - 2 * C @ x + dot(x, x)) / 2))", {"v": M, "C": MN, "x": N}, "C",
         {"v": "j", "C": "ji", "x": "i"}, lambda v, C, x: v @ F.exp(-sqdist(C, x) / 2)),
    Case("network", "tanh(A @ x) * sigmoid(B @ x)", {"A": MN, "B": MN, "x": N}, "x", {"A": "ji", "B": "ji", "x": "i"},
         lambda A, B, x: F.tanh(A @ x) * F.sigmoid(B @ x)),
    Case("network", "dot(v, exp(-(W @ x - b)**2))", {"v": M, "W": MN, "x": N, "b": M}, "W",
         {"v": "j", "W": "ji", "x": "i", "b": "j"}, lambda v, W, x, b: v @ F.exp(-F.pow(W @ x - b, 2))),
    # products
    Case("product", "logsumexp(x) * logsumexp(-x)", {"x": N}, "x", {"x": "i"}, lambda x: lse(x) * lse(-x)),
    Case("product", "outer(A @ x, B @ x)", {"A": MN, "B": PN, "x": N}, "x", {"A": "ji", "B": "ki", "x": "i"},
         lambda A, B, x: (A @ x) * (B @ x)),
    Case("product", "outer(x, softmax(x))", {"x": N}, "x", {"x": "i"},
         lambda x: x * F.softmax(x.rename(i="j"), dim="j")),
    Case("product", "sum(x * log(x)) * sum(x)", {"x": N}, "x", {"x": "i"},
         lambda x: F.sum(x * F.log(x)) * F.sum(x)),
    Case("product", "exp(dot(a, x)) * dot(x, A @ x)", {"a": N, "x": N, "A": NN}, "x", {"a": "i", "x": "i", "A": "ij"},
         lambda a, x, A: F.exp(a @ x) * quad(x, A)),
    # roots of sums
    Case("root", "sum(sqrt((X @ w - y)**2 + e))", {"X": MN, "w": N, "y": M, "e": S}, "e",
         {"X": "ji", "w": "i", "y": "j", "e": ""}, lambda X, w, y, e: F.sum(F.sqrt(F.pow(X @ w - y, 2) + e))),
    Case("root", "norm(sqrt(x) - sqrt(y))", {"x": N, "y": N}, "x", {"x": "i", "y": "i"},
         lambda x, y: norm(F.sqrt(x) - F.sqrt(y))),
    Case("root", "sqrt(dot(x, A @ x) + dot(b, x)**2)", {"x": N, "A": NN, "b": N}, "A", {"x": "i", "A": "ij", "b": "i"},
         lambda x, A, b: F.sqrt(quad(x, A) + F.pow(b @ x, 2))),
    Case("root", "sqrt(norm(x)**2 + c**2) - c", {"x": N, "c": S}, "c", {"x": "i", "c": ""},
         lambda x, c: F.sqrt(sq(x) + F.pow(c, 2)) - c),
    Case("root", "sqrt(A @ x + b)", {"A": MN, "x": N, "b": M}, "A", {"A": "ji", "x": "i", "b": "j"},
         lambda A, x, b: F.sqrt(A @ x + b)),
)
