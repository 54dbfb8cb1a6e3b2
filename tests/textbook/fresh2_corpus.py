"""A fourth held-out corpus, written before any fix it might prompt (session 29): results none of the
other corpora nor the catalog has.

The Matrix Cookbook's traces of powers and products (2.5.2-2.5.4) and its quadratic forms (2.4.2),
Magnus & Neudecker's first and second differentials (ch. 9-10: vec forms, Hessians by matrices),
Murphy's and Bishop's generalised linear models without a probit (Poisson and exponential regression,
multinomial logistic regression with a weight matrix, weighted least squares, ridge and Tikhonov with
a matrix), Boyd & Vandenberghe's linear-fractional maps, and Giles' forward and reverse results.
test_held_out.py checks each form by numbers alone and measures mcdocgen's result against it. The forms
are written as the books print them, in both layouts (numerator: a gradient is a row, d f/d X has
X^T's shape, a vec form is d vec(F) / d vec(X)^T; denominator: the transposes).
"""

from __future__ import annotations

from books import BV, GILES, INV, MC, MN, PD, PML, POS, PRML, SYM
from books import first as _g
from books import hessian as _hessian
from textbook_corpus import Entry

R_ABT = "inv(A + t * B)"        # the resolvent of a pencil, Giles' forward-mode examples
MULTI = "exp(X @ W) / (exp(X @ W) @ ones(k) @ ones(k).T)"   # the class probabilities, row by row

_SQUARE = {"X": ["n", "n"], "A": ["n", "n"]}

_MATRIX_GRADIENTS = (
    _g("tr(X @ X.T @ X @ X.T)", {"X": ["m", "n"]}, "X", "4 * X.T @ X @ X.T", "4 * X @ X.T @ X",
       f"{MC}, 2.5.3 (the squared Frobenius norm of an outer Gram matrix)"),
    _g("tr(A @ X @ X.T @ B)", {"X": ["m", "n"], "A": ["p", "m"], "B": ["m", "p"]}, "X",
       "X.T @ (B @ A + A.T @ B.T)", "(A.T @ B.T + B @ A) @ X", f"{MC}, 2.5.2 (a trace of XX')"),
    _g("tr(inv(X.T @ A @ X))", {"X": [4, 2], "A": [4, 4]}, "X",
       "-2 * inv(X.T @ A @ X) @ inv(X.T @ A @ X) @ X.T @ A", "-2 * A @ X @ inv(X.T @ A @ X) @ inv(X.T @ A @ X)",
       f"{MC}, 2.5.4 (the trace of an inverse Gram matrix), A symmetric", {"A": PD}),
    _g("tr(inv(X) @ A @ inv(X))", _SQUARE, "X",
       "-inv(X) @ A @ inv(X) @ inv(X) - inv(X) @ inv(X) @ A @ inv(X)",
       "-inv(X).T @ inv(X).T @ A.T @ inv(X).T - inv(X).T @ A.T @ inv(X).T @ inv(X).T",
       f"{MC}, 2.5.4 (a trace with two inverses)", {"X": INV}),
    _g("logdet(X @ A @ X.T)", {"X": [2, 4], "A": [4, 4]}, "X", "2 * A @ X.T @ inv(X @ A @ X.T)",
       "2 * inv(X @ A @ X.T) @ X @ A", f"{MN}, 8.4 (log det XAX'), A symmetric", {"A": PD}),
    _g("sum(log(X @ a))", {"X": ["m", "n"], "a": ["n"]}, "X", "a @ (1 / (X @ a)).T", "(1 / (X @ a)) @ a.T",
       f"{BV}, 7.5.2 (a log-likelihood linear in X)", {"X": ["positive"], "a": POS}),
    _g("sum(X * (A @ X))", {"X": ["n", "k"], "A": ["n", "n"]}, "X", "X.T @ (A + A.T)", "(A + A.T) @ X",
       f"{MN}, 9.18 (a quadratic written with a Hadamard product)"),
    _g("norm(A @ X - X @ B)**2", {"X": ["m", "n"], "A": ["m", "m"], "B": ["n", "n"]}, "X",
       "2 * ((A @ X - X @ B).T @ A - B @ (A @ X - X @ B).T)", "2 * (A.T @ (A @ X - X @ B) - (A @ X - X @ B) @ B.T)",
       "Golub & Van Loan, Matrix Computations, 7.6.3 (the Sylvester residual)"),
    _g("dot(a, X @ X @ b)", {"a": ["n"], "X": ["n", "n"], "b": ["n"]}, "X", "X @ b @ a.T + b @ a.T @ X",
       "a @ b.T @ X.T + X.T @ a @ b.T", f"{MC}, 2.4.1 (a bilinear form in X^2)"),
    _g("tr(A @ X) * tr(B @ X)", {"A": ["n", "m"], "X": ["m", "n"], "B": ["n", "m"]}, "X",
       "tr(B @ X) * A + tr(A @ X) * B", "tr(B @ X) * A.T + tr(A @ X) * B.T",
       f"{MC}, eq. 100 (tr(AX) = tr(XA)) with the product rule"),
    _g("det(X) * tr(X)", {"X": ["n", "n"]}, "X", "det(X) * (tr(X) * inv(X) + eye(n))",
       "det(X) * (tr(X) * inv(X).T + eye(n))", f"{MC}, eqs. 49 and 99 with the product rule", {"X": INV}),
    _g("sum(log(exp(X @ W) @ ones(k))) - sum(Y * (X @ W))", {"X": ["m", "n"], "W": ["n", "k"], "Y": ["m", "k"]}, "W",
       f"({MULTI} - Y).T @ X", f"X.T @ ({MULTI} - Y)",
       f"{PRML}, (4.109) (multinomial logistic regression, a weight matrix, a batch)"),
    _g("sum(exp(X @ W)) - sum(Y * (X @ W))", {"X": ["m", "n"], "W": ["n", "k"], "Y": ["m", "k"]}, "W",
       "(exp(X @ W) - Y).T @ X", "X.T @ (exp(X @ W) - Y)", f"{PML}, 12.4 (Poisson regression, several outputs)"),
    _g("tr(G.T @ A @ B)", {"G": ["m", "p"], "A": ["m", "n"], "B": ["n", "p"]}, "A", "B @ G.T", "G @ B.T",
       f"{GILES}, 2.2.2 (a product, reverse mode, by the left factor)"),
    _g("tr(G.T @ inv(A) @ B)", {"G": ["n", "p"], "A": ["n", "n"], "B": ["n", "p"]}, "A",
       "-inv(A) @ B @ G.T @ inv(A)", "-inv(A).T @ G @ B.T @ inv(A).T",
       f"{GILES}, 2.3.1 (a linear solve with several right-hand sides, reverse mode)", {"A": INV}),
    _g("tr(G.T @ inv(A) @ B)", {"G": ["n", "p"], "A": ["n", "n"], "B": ["n", "p"]}, "B", "G.T @ inv(A)",
       "inv(A).T @ G", f"{GILES}, 2.3.1 (a linear solve with several right-hand sides, reverse mode)", {"A": INV}),
)
_VECTOR_GRADIENTS = (
    _g("(A @ x + b).T @ C @ (D @ x + e)",
       {"A": ["p", "n"], "x": ["n"], "b": ["p"], "C": ["p", "q"], "D": ["q", "n"], "e": ["q"]}, "x",
       "(D @ x + e).T @ C.T @ A + (A @ x + b).T @ C @ D", "A.T @ C @ (D @ x + e) + D.T @ C.T @ (A @ x + b)",
       f"{MC}, eq. 78"),
    _g("(y - X @ b).T @ W @ (y - X @ b)", {"y": ["m"], "X": ["m", "n"], "b": ["n"], "W": ["m", "m"]}, "b",
       "-2 * (y - X @ b).T @ W @ X", "-2 * X.T @ W @ (y - X @ b)", f"{PML}, 11.2.2 (weighted least squares), W symmetric",
       {"W": SYM}),
    _g("(y - X @ b).T @ inv(S) @ (y - X @ b)", {"y": ["m"], "X": ["m", "n"], "b": ["n"], "S": ["m", "m"]}, "b",
       "-2 * (y - X @ b).T @ inv(S) @ X", "-2 * X.T @ inv(S) @ (y - X @ b)",
       "Greene, Econometric Analysis, 9.3 (generalised least squares), S symmetric", {"S": PD}),
    _g("(A @ x - b).T @ P @ (A @ x - b) + (x - x0).T @ Q @ (x - x0)",
       {"A": ["m", "n"], "x": ["n"], "b": ["m"], "P": ["m", "m"], "x0": ["n"], "Q": ["n", "n"]}, "x",
       "2 * ((A @ x - b).T @ P @ A + (x - x0).T @ Q)", "2 * (A.T @ P @ (A @ x - b) + Q @ (x - x0))",
       "Golub & Van Loan, Matrix Computations, 6.1.5 (generalised Tikhonov), P, Q symmetric", {"P": SYM, "Q": SYM}),
    _g("dot(y, X @ w + o) - sum(exp(X @ w + o))", {"y": ["m"], "X": ["m", "n"], "w": ["n"], "o": ["m"]}, "w",
       "(y - exp(X @ w + o)).T @ X", "X.T @ (y - exp(X @ w + o))", f"{PML}, 12.4 (Poisson regression with an offset)"),
    _g("dot(y, exp(-X @ w)) + sum(X @ w)", {"y": ["m"], "X": ["m", "n"], "w": ["n"]}, "w",
       "(1 - y * exp(-X @ w)).T @ X", "X.T @ (1 - y * exp(-X @ w))",
       f"{PML}, 12.2 (exponential regression, the log link)"),
    _g("sum(log(1 + exp(X @ w))) - dot(y, X @ w)", {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, "w",
       "(sigmoid(X @ w) - y).T @ X", "X.T @ (sigmoid(X @ w) - y)", f"{PRML}, (4.91) (the logistic loss written out)"),
    _g("dot(y, log(lam)) - sum(lam)", {"y": ["n"], "lam": ["n"]}, "lam", "(y / lam - 1).T", "y / lam - 1",
       f"{PML}, 2.2.5 (the Poisson log-likelihood by its rates)", {"lam": POS}),
    _g("logsumexp(W.T @ x) - dot(y, W.T @ x)", {"W": ["n", "k"], "x": ["n"], "y": ["k"]}, "W",
       "(softmax(W.T @ x) - y) @ x.T", "x @ (softmax(W.T @ x) - y).T",
       f"{PRML}, (4.109) (softmax regression, one column of weights per class)"),
    _g("sum(log(1 + (A @ x)**2))", {"A": ["m", "n"], "x": ["n"]}, "x", "(2 * (A @ x) / (1 + (A @ x)**2)).T @ A",
       "A.T @ (2 * (A @ x) / (1 + (A @ x)**2))", "Geman & Reynolds, the Cauchy penalty on a linear map"),
)
_HESSIANS = (
    _hessian("tr(X.T @ A @ X @ B)", {"X": ["m", "n"], "A": ["m", "m"], "B": ["n", "n"]}, "X",
             "kron(B.T, A) + kron(B, A.T)", f"{MN}, 10.4 (a trace of a quadratic form in X)"),
    _hessian("dot(y, X @ w + o) - sum(exp(X @ w + o))", {"y": ["m"], "X": ["m", "n"], "w": ["n"], "o": ["m"]}, "w",
             "-X.T @ diag(exp(X @ w + o)) @ X", f"{PML}, 12.4 (Poisson regression with an offset)"),
    _hessian("(y - X @ b).T @ W @ (y - X @ b)", {"y": ["m"], "X": ["m", "n"], "b": ["n"], "W": ["m", "m"]}, "b",
             "2 * X.T @ W @ X", f"{PML}, 11.2.2 (weighted least squares), W symmetric", {"W": SYM}),
    _hessian("norm(A @ x - b)**2 + norm(G @ x)**2", {"A": ["m", "n"], "x": ["n"], "b": ["m"], "G": ["p", "n"]}, "x",
             "2 * (A.T @ A + G.T @ G)", "Golub & Van Loan, Matrix Computations, 6.1.4 (Tikhonov with a matrix)"),
    _hessian("dot(a, x)**4", {"a": ["n"], "x": ["n"]}, "x", "12 * dot(a, x)**2 * a @ a.T", f"{BV}, 3.1.4, chain rule"),
    _hessian("logdet(A + diag(x))", {"A": ["n", "n"], "x": ["n"]}, "x", "-inv(A + diag(x))**2",
             f"{BV}, A.4.1 (log det of a diagonal update: a Hadamard square)", {"A": PD, "x": POS}),
    _hessian("dot(y, exp(-X @ w)) + sum(X @ w)", {"y": ["m"], "X": ["m", "n"], "w": ["n"]}, "w",
             "X.T @ diag(y * exp(-X @ w)) @ X", f"{PML}, 12.2 (exponential regression, the log link)"),
    _hessian("tr(A @ X.T @ X)", {"A": ["n", "n"], "X": ["m", "n"]}, "X", "kron(A + A.T, eye(m))",
             f"{MN}, 10.4 (a trace of X'X)"),
    _hessian("dot(c, exp(A @ x))", {"c": ["m"], "A": ["m", "n"], "x": ["n"]}, "x", "A.T @ diag(c * exp(A @ x)) @ A",
             f"{BV}, 3.1.5 (a weighted sum of exponentials)"),
    _hessian("dot(x, x)**2", {"x": ["n"]}, "x", "4 * dot(x, x) * eye(n) + 8 * x @ x.T", f"{MC}, 2.4.2, chain rule"),
    _hessian("sqrt(c + norm(A @ x - b)**2)", {"c": [], "A": ["m", "n"], "x": ["n"], "b": ["m"]}, "x",
             "A.T @ (eye(m) - (A @ x - b) @ (A @ x - b).T / (c + norm(A @ x - b)**2)) @ A"
             " / sqrt(c + norm(A @ x - b)**2)", f"{BV}, 6.1.2 (a pseudo-Huber residual)", {"c": POS}),
    _hessian("x.T @ A @ x / 2 - dot(b, log(x))", {"x": ["n"], "A": ["n", "n"], "b": ["n"]}, "x", "A + diag(b / x**2)",
             f"{BV}, 11.2 (a quadratic with a weighted log barrier), A symmetric", {"A": SYM, "x": POS}),
)
_JACOBIANS = (
    _g("x / (1 + norm(x))", {"x": ["n"]}, "x",
       "eye(n) / (1 + norm(x)) - x @ x.T / (norm(x) * (1 + norm(x))**2)",
       "eye(n) / (1 + norm(x)) - x @ x.T / (norm(x) * (1 + norm(x))**2)", f"{MC}, 2.6 (a soft normalisation)"),
    _g("x * sigmoid(A @ x)", {"x": ["n"], "A": ["n", "n"]}, "x",
       "diag(sigmoid(A @ x)) + diag(x * sigmoid(A @ x) * (1 - sigmoid(A @ x))) @ A",
       "diag(sigmoid(A @ x)) + A.T @ diag(x * sigmoid(A @ x) * (1 - sigmoid(A @ x)))",
       "Dauphin et al. 2017, a gated linear unit sharing its input"),
    _g("sqrt(x**2 + 1)", {"x": ["n"]}, "x", "diag(x / sqrt(x**2 + 1))", "diag(x / sqrt(x**2 + 1))",
       f"{BV}, 6.1.2 (the pseudo-Huber function, elementwise)"),
    _g("log(x) - log(sum(x))", {"x": ["n"]}, "x", "diag(1 / x) - ones(n) @ ones(n).T / sum(x)",
       "diag(1 / x) - ones(n) @ ones(n).T / sum(x)", f"{PML}, 2.5 (log probabilities from positive weights)",
       {"x": POS}),
    _g("A @ x / norm(A @ x)", {"A": ["m", "n"], "x": ["n"]}, "x",
       "(eye(m) - A @ x @ x.T @ A.T / norm(A @ x)**2) @ A / norm(A @ x)",
       "A.T @ (eye(m) - A @ x @ x.T @ A.T / norm(A @ x)**2) / norm(A @ x)", f"{MC}, 2.6 (a normalised vector), chain rule"),
    _g("A @ x / dot(b, x)", {"A": ["m", "n"], "x": ["n"], "b": ["n"]}, "x",
       "A / dot(b, x) - A @ x @ b.T / dot(b, x)**2", "A.T / dot(b, x) - b @ x.T @ A.T / dot(b, x)**2",
       f"{BV}, 3.2.4 (a linear-fractional map)", {"b": POS, "x": POS}),
)
_VEC_FORMS = (
    _g("X.T @ A @ X.T", _SQUARE, "X", "(kron(X @ A.T, eye(n)) + kron(eye(n), X.T @ A)) @ commutation(n, n)",
       "commutation(n, n) @ (kron(A @ X.T, eye(n)) + kron(eye(n), A.T @ X))", f"{MN}, 9.14 (X'AX')"),
    _g("A @ exp(X)", {"A": ["p", "m"], "X": ["m", "n"]}, "X", "kron(eye(n), A) @ diag(vec(exp(X)))",
       "diag(vec(exp(X))) @ kron(eye(n), A.T)", f"{MN}, 9.18 (an elementwise function, then a product)"),
    _g("exp(X) @ A", {"X": ["m", "n"], "A": ["n", "p"]}, "X", "kron(A.T, eye(m)) @ diag(vec(exp(X)))",
       "diag(vec(exp(X))) @ kron(A, eye(m))", f"{MN}, 9.18 (an elementwise function, then a product)"),
    _g("X * X.T", {"X": ["n", "n"]}, "X", "diag(vec(X.T)) + diag(vec(X)) @ commutation(n, n)",
       "diag(vec(X.T)) + commutation(n, n) @ diag(vec(X))", f"{MN}, 9.18 (a Hadamard product with the transpose)"),
    _g("tr(X) * A", {"X": ["n", "n"], "A": ["m", "p"]}, "X", "vec(A) @ vec(eye(n)).T", "vec(eye(n)) @ vec(A).T",
       f"{MN}, 9.5 (a scalar function times a constant matrix)"),
    _g("det(X) * A", {"X": ["n", "n"], "A": ["m", "p"]}, "X", "det(X) * vec(A) @ vec(inv(X).T).T",
       "det(X) * vec(inv(X).T) @ vec(A).T", f"{MN}, 9.5 and 8.3 (the determinant times a constant matrix)",
       {"X": INV}),
    _g("inv(X) @ A", {"X": ["n", "n"], "A": ["n", "p"]}, "X", "-kron(A.T @ inv(X).T, inv(X))",
       "-kron(inv(X) @ A, inv(X).T)", f"{MN}, 9.13 (a linear solve)", {"X": INV}),
    _g("(A @ X) * B", {"A": ["m", "p"], "X": ["p", "n"], "B": ["m", "n"]}, "X", "diag(vec(B)) @ kron(eye(n), A)",
       "kron(eye(n), A.T) @ diag(vec(B))", f"{MN}, 9.18 (a masked product)"),
)
_BY_SCALAR = (
    _g("(A + t * B) @ (A + t * B).T", {"A": ["m", "n"], "t": [], "B": ["m", "n"]}, "t",
       "B @ (A + t * B).T + (A + t * B) @ B.T", "(A + t * B) @ B.T + B @ (A + t * B).T",
       f"{GILES}, 2.2.2 (a product, forward mode: a Gram matrix)"),
    _g(f"dot(u, {R_ABT} @ v)", {"u": ["n"], "A": ["n", "n"], "t": [], "B": ["n", "n"], "v": ["n"]}, "t",
       f"-u.T @ {R_ABT} @ B @ {R_ABT} @ v", f"-u.T @ {R_ABT} @ B @ {R_ABT} @ v",
       f"{GILES}, 2.2.3 (the inverse, forward mode), a bilinear form", {"A": PD, "B": PD, "t": POS}),
    _g(f"t * {R_ABT}", {"t": [], "A": ["n", "n"], "B": ["n", "n"]}, "t", f"{R_ABT} - t * {R_ABT} @ B @ {R_ABT}",
       f"{R_ABT}.T - t * {R_ABT}.T @ B.T @ {R_ABT}.T", f"{GILES}, 2.2.3 (the inverse, forward mode), product rule",
       {"A": PD, "B": PD, "t": POS}),
    _g("logdet(A + t * B)**2", {"A": ["n", "n"], "t": [], "B": ["n", "n"]}, "t",
       f"2 * logdet(A + t * B) * tr({R_ABT} @ B)", f"2 * logdet(A + t * B) * tr({R_ABT} @ B)",
       f"{GILES}, 2.2.4 (the determinant, forward mode), chain rule", {"A": PD, "B": PD, "t": POS}),
    _g("norm(A + t * B)", {"A": ["m", "n"], "t": [], "B": ["m", "n"]}, "t", "tr((A + t * B).T @ B) / norm(A + t * B)",
       "tr((A + t * B).T @ B) / norm(A + t * B)", f"{GILES}, 2.2.6 (the Frobenius norm, forward mode)"),
    _g("inv(eye(n) + t * A) @ b", {"t": [], "A": ["n", "n"], "b": ["n"]}, "t",
       "-inv(eye(n) + t * A) @ A @ inv(eye(n) + t * A) @ b",
       "-b.T @ inv(eye(n) + t * A).T @ A.T @ inv(eye(n) + t * A).T",
       f"{GILES}, 2.3.1 (a linear solve, forward mode: the resolvent)", {"A": PD, "t": POS}),
    _g("det(A + t * u @ v.T)", {"A": ["n", "n"], "t": [], "u": ["n"], "v": ["n"]}, "t",
       "det(A) * v.T @ inv(A) @ u", "det(A) * v.T @ inv(A) @ u",
       f"{MC}, 1.2 (the determinant of a rank-one update) with Sherman and Morrison",
       {"A": PD}),
)

FRESH2: tuple[Entry, ...] = (*_MATRIX_GRADIENTS, *_VECTOR_GRADIENTS, *_HESSIANS, *_JACOBIANS, *_VEC_FORMS,
                             *_BY_SCALAR)
