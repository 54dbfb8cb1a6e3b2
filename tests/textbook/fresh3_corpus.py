"""A fifth held-out corpus, written before the fix it was written for (session 30): results whose printed
forms distribute a transpose over a product ((A B)^T as B^T A^T), write an inverse's transpose as X^-T
(inv(X).T), and put a sign in front of the whole product (-X^-T a b^T X^-T, -C X M^-1 (A + A^T) M^-1),
none of them in the other corpora nor the catalog.

The Matrix Cookbook's derivatives of inverses, determinants and traces (2.2-2.5), Magnus & Neudecker's
(ch. 8-9), Petersen's quadratic forms, Bishop's and Murphy's Gaussian and linear models, and Giles'
forward-mode results. test_fresh3.py checks each form by numbers alone and measures mcdocgen's result
against it. The forms are written as the books print them, in both layouts (numerator: a gradient is a
row, d f/d X has X^T's shape, a vec form is d vec(F) / d vec(X)^T; denominator: the transposes).
"""

from __future__ import annotations

from textbook_corpus import Entry

from books import GILES, INV, MC, MN, PD, PML, PRML, first as _g, hessian as _hessian

M_XTCX = "inv(X.T @ C @ X)"     # the inverse of a weighted Gram matrix, C symmetric
M_XTAX = "inv(X.T @ A @ X)"     # the same, A any matrix
R_ABT = "inv(A + t * B)"        # the resolvent of a pencil


_SQUARE = {"X": ["n", "n"], "A": ["n", "n"]}
_SQ_AB = {"X": ["n", "n"], "A": ["n", "n"], "B": ["n", "n"]}
_AB = {"a": ["n"], "X": ["n", "n"], "b": ["n"]}

_MATRIX_GRADIENTS = (
    _g("tr(A @ X.T @ B @ X @ C)", {"A": ["p", "n"], "X": ["m", "n"], "B": ["m", "m"], "C": ["n", "p"]}, "X",
       "C @ A @ X.T @ B + A.T @ C.T @ X.T @ B.T", "B.T @ X @ A.T @ C.T + B @ X @ C @ A",
       f"{MC}, 2.5.2 (a trace with X transposed first)"),
    _g("tr(A @ X.T @ B @ X.T)", _SQ_AB, "X", "A.T @ X @ B.T + B.T @ X @ A.T", "B @ X.T @ A + A @ X.T @ B",
       f"{MC}, eq. 113 with X transposed (tr(AX^T BX^T))"),
    _g("a.T @ inv(X.T) @ b", _AB, "X", "-inv(X) @ a @ b.T @ inv(X)", "-inv(X).T @ b @ a.T @ inv(X).T",
       f"{MC}, eq. 61 (a bilinear form in the inverse of X^T)", {"X": INV}),
    _g("tr(B @ inv(X) @ A)", _SQ_AB, "X", "-inv(X) @ A @ B @ inv(X)", "-inv(X).T @ B.T @ A.T @ inv(X).T",
       f"{MC}, eq. 63 (a trace with the inverse)", {"X": INV}),
    _g("tr(inv(eye(n) + X) @ A)", _SQUARE, "X", "-inv(eye(n) + X) @ A @ inv(eye(n) + X)",
       "-inv(eye(n) + X).T @ A.T @ inv(eye(n) + X).T", f"{MC}, eq. 59 and 100 (a shifted inverse)",
       {"X": ["positive_definite"]}),
    _g("a.T @ inv(A + X) @ b", {"a": ["n"], "A": ["n", "n"], "X": ["n", "n"], "b": ["n"]}, "X",
       "-inv(A + X) @ b @ a.T @ inv(A + X)", "-inv(A + X).T @ a @ b.T @ inv(A + X).T",
       f"{MC}, eq. 61 with a constant added", {"X": ["positive_definite"], "A": PD}),
    _g("logdet(B + X.T @ A @ X)", {"X": [4, 2], "A": [4, 4], "B": [2, 2]}, "X",
       "inv(B + X.T @ A @ X) @ X.T @ A.T + inv(B + X.T @ A @ X).T @ X.T @ A",
       "A @ X @ inv(B + X.T @ A @ X) + A.T @ X @ inv(B + X.T @ A @ X).T",
       f"{MC}, eq. 54 with a constant added (log det (B + X^T A X), any A)", {"A": ["positive_definite"], "B": PD}),
    _g("tr(inv(A @ X @ B))", {"A": [2, 4], "X": [4, 3], "B": [3, 2]}, "X",
       "-B @ inv(A @ X @ B) @ inv(A @ X @ B) @ A", "-A.T @ inv(A @ X @ B).T @ inv(A @ X @ B).T @ B.T",
       f"{MC}, eq. 59 with the chain rule (the trace of the inverse of AXB)"),
    _g("tr(B @ inv(X.T @ C @ X))", {"X": [4, 2], "C": [4, 4], "B": [2, 2]}, "X",
       f"-{M_XTCX} @ (B + B.T) @ {M_XTCX} @ X.T @ C", f"-C @ X @ {M_XTCX} @ (B + B.T) @ {M_XTCX}",
       f"{MC}, eq. 124 (the trace of an inverse weighted Gram matrix times B), C symmetric", {"C": PD}),
    _g("a.T @ inv(X.T @ X) @ a", {"a": [2], "X": [4, 2]}, "X",
       "-2 * inv(X.T @ X) @ a @ a.T @ inv(X.T @ X) @ X.T", "-2 * X @ inv(X.T @ X) @ a @ a.T @ inv(X.T @ X)",
       f"{MN}, 8.4 (a quadratic form in the inverse Gram matrix)"),
    _g("norm(inv(X) @ a)**2", {"X": ["n", "n"], "a": ["n"]}, "X",
       "-2 * inv(X) @ a @ a.T @ inv(X).T @ inv(X)", "-2 * inv(X).T @ inv(X) @ a @ a.T @ inv(X).T",
       f"{MC}, eq. 61 and 2.4 (the squared norm of a linear solve)", {"X": INV}),
    _g("log(a.T @ inv(X) @ a)", {"a": ["n"], "X": ["n", "n"]}, "X",
       "-inv(X) @ a @ a.T @ inv(X) / (a.T @ inv(X) @ a)", "-inv(X).T @ a @ a.T @ inv(X).T / (a.T @ inv(X) @ a)",
       f"{MC}, eq. 61 with the chain rule", {"X": ["positive_definite"], "a": ["positive"]}),
    _g("tr(X.T @ inv(A) @ X)", {"X": ["m", "n"], "A": ["m", "m"]}, "X", "X.T @ (inv(A) + inv(A).T)",
       "(inv(A) + inv(A).T) @ X", f"{MC}, eq. 116 with an inverse in the middle", {"A": INV}),
    _g("norm(A @ X @ B - C)**2", {"A": ["p", "m"], "X": ["m", "n"], "B": ["n", "q"], "C": ["p", "q"]}, "X",
       "2 * B @ (A @ X @ B - C).T @ A", "2 * A.T @ (A @ X @ B - C) @ B.T", f"{MC}, 2.8 (a Frobenius residual of AXB)"),
    _g("a.T @ X @ A @ X.T @ b", {"a": ["m"], "X": ["m", "n"], "A": ["n", "n"], "b": ["m"]}, "X",
       "A @ X.T @ b @ a.T + A.T @ X.T @ a @ b.T", "a @ b.T @ X @ A.T + b @ a.T @ X @ A",
       f"{MC}, eq. 82 turned round (X A X^T between two vectors)"),
    _g("tr(A @ X.T) * tr(B @ inv(X))", _SQ_AB, "X",
       "tr(B @ inv(X)) * A.T - tr(A @ X.T) * inv(X) @ B @ inv(X)",
       "tr(B @ inv(X)) * A - tr(A @ X.T) * inv(X).T @ B.T @ inv(X).T", f"{MC}, eqs. 63 and 100 with the product rule", {"X": INV}),
)
_MORE_MATRIX_GRADIENTS = (
    _g("tr(A @ inv(X) @ B @ X)", _SQ_AB, "X", "A @ inv(X) @ B - inv(X) @ B @ X @ A @ inv(X)",
       "B.T @ inv(X).T @ A.T - inv(X).T @ A.T @ X.T @ B.T @ inv(X).T",
       f"{MC}, eqs. 59 and 100 (a similarity inside a trace)", {"X": INV}),
    _g("a.T @ X.T @ inv(A) @ X @ a", {"a": ["n"], "X": ["m", "n"], "A": ["m", "m"]}, "X",
       "a @ a.T @ X.T @ (inv(A) + inv(A).T)", "(inv(A) + inv(A).T) @ X @ a @ a.T",
       f"{MC}, eq. 82 with an inverse weight", {"A": INV}),
    _g("-y.T @ inv(K) @ y / 2", {"y": ["n"], "K": ["n", "n"]}, "K", "inv(K) @ y @ y.T @ inv(K) / 2",
       "inv(K).T @ y @ y.T @ inv(K).T / 2", "Rasmussen & Williams, Gaussian Processes for ML, 5.4.1 (the data fit)",
       {"K": ["positive_definite"]}),
    _g("det(A @ inv(X) @ B)", _SQ_AB, "X", "-det(A @ inv(X) @ B) * inv(X)", "-det(A @ inv(X) @ B) * inv(X).T",
       f"{MC}, eqs. 49 and 51 (a determinant of an inverse, A, B square)", {"X": INV, "A": INV, "B": INV}),
)
_VECTOR_GRADIENTS = (
    _g("(x - b).T @ inv(A) @ (x - b)", {"x": ["n"], "b": ["n"], "A": ["n", "n"]}, "x",
       "(x - b).T @ (inv(A) + inv(A).T)", "(inv(A) + inv(A).T) @ (x - b)",
       f"{MC}, eq. 86 (a shifted quadratic form in an inverse, any A)", {"A": INV}),
    _g("norm(inv(A) @ x - b)**2", {"A": ["n", "n"], "x": ["n"], "b": ["n"]}, "x",
       "2 * (inv(A) @ x - b).T @ inv(A)", "2 * inv(A).T @ (inv(A) @ x - b)", f"{MC}, eq. 84 (a residual of a solve)",
       {"A": INV}),
    _g("(A.T @ x).T @ (B.T @ x)", {"A": ["n", "p"], "x": ["n"], "B": ["n", "p"]}, "x",
       "x.T @ (B @ A.T + A @ B.T)", "(A @ B.T + B @ A.T) @ x", f"{MC}, eq. 81 (a product of two linear maps)"),
    _g("(x - b).T @ inv(A) @ (x - b)", {"x": ["n"], "b": ["n"], "A": ["n", "n"]}, "b",
       "-(x - b).T @ (inv(A) + inv(A).T)", "-(inv(A) + inv(A).T) @ (x - b)",
       f"{MC}, eq. 86 by the shift, A any invertible matrix", {"A": INV}),
    _g("(x - A @ mu).T @ inv(S) @ (x - A @ mu) / 2", {"x": ["m"], "A": ["m", "n"], "mu": ["n"], "S": ["m", "m"]},
       "mu", "-(x - A @ mu).T @ inv(S) @ A", "-A.T @ inv(S) @ (x - A @ mu)",
       f"{PRML}, (2.113)-(2.117) (a linear-Gaussian model by its latent mean), S symmetric", {"S": PD}),
    _g("norm(W.T @ x - y)**2", {"W": ["n", "k"], "x": ["n"], "y": ["k"]}, "x",
       "2 * (W.T @ x - y).T @ W.T", "2 * W @ (W.T @ x - y)", f"{PML}, 11.2 (least squares by the input)"),
)
_JACOBIANS = (
    _g("A.T @ B.T @ x", {"A": ["k", "p"], "B": ["n", "k"], "x": ["n"]}, "x", "A.T @ B.T", "B @ A",
       f"{MC}, eq. 69 ((BA)^T x, the transposes distributed)"),
    _g("(A @ inv(B)).T @ x", {"A": ["n", "n"], "B": ["n", "n"], "x": ["n"]}, "x", "inv(B).T @ A.T", "A @ inv(B)",
       f"{MC}, eq. 69 and 1.1 ((A B^-1)^T = B^-T A^T)", {"B": INV}),
    _g("exp(A.T @ x)", {"A": ["n", "m"], "x": ["n"]}, "x", "diag(exp(A.T @ x)) @ A.T", "A @ diag(exp(A.T @ x))",
       f"{PML}, 7.8 (an elementwise function of a transposed map), chain rule"),
)
_BY_SCALAR = (
    _g(f"{R_ABT}.T", {"A": ["n", "n"], "t": [], "B": ["n", "n"]}, "t", f"-{R_ABT}.T @ B.T @ {R_ABT}.T",
       f"-{R_ABT} @ B @ {R_ABT}", f"{GILES}, 2.2.3 (the inverse, forward mode), transposed",
       {"A": PD, "B": PD, "t": ["positive"]}),
    _g("(A + t * B).T @ C @ (D + t * E)",
       {"A": ["m", "n"], "t": [], "B": ["m", "n"], "C": ["m", "p"], "D": ["p", "q"], "E": ["p", "q"]}, "t",
       "B.T @ C @ (D + t * E) + (A + t * B).T @ C @ E", "(D + t * E).T @ C.T @ B + E.T @ C.T @ (A + t * B)",
       f"{GILES}, 2.2.2 (a product, forward mode: a weighted cross product)"),
    _g(f"{R_ABT} @ C", {"A": ["n", "n"], "t": [], "B": ["n", "n"], "C": ["n", "p"]}, "t",
       f"-{R_ABT} @ B @ {R_ABT} @ C", f"-C.T @ {R_ABT}.T @ B.T @ {R_ABT}.T",
       f"{GILES}, 2.3.1 (a linear solve with several right-hand sides, forward mode)",
       {"A": PD, "B": PD, "t": ["positive"]}),
    _g(f"{R_ABT}.T @ b", {"A": ["n", "n"], "t": [], "B": ["n", "n"], "b": ["n"]}, "t",
       f"-{R_ABT}.T @ B.T @ {R_ABT}.T @ b", f"-b.T @ {R_ABT} @ B @ {R_ABT}",
       f"{GILES}, 2.3.1 (a solve with the transpose, forward mode)", {"A": PD, "B": PD, "t": ["positive"]}),
    _g("1 / det(A + t * B)", {"A": ["n", "n"], "t": [], "B": ["n", "n"]}, "t",
       f"-tr({R_ABT} @ B) / det(A + t * B)", f"-tr({R_ABT} @ B) / det(A + t * B)",
       f"{GILES}, 2.2.4 (the determinant, forward mode), the reciprocal", {"A": PD, "B": PD, "t": ["positive"]}),
)
_HESSIANS = (
    _hessian("x.T @ A.T @ B @ x", {"x": ["n"], "A": ["p", "n"], "B": ["p", "n"]}, "x", "A.T @ B + B.T @ A",
             f"{MC}, eq. 81 (a quadratic form through two maps)"),
    _hessian("(A @ x).T @ C @ (B @ x)", {"A": ["p", "n"], "x": ["n"], "C": ["p", "q"], "B": ["q", "n"]}, "x",
             "A.T @ C @ B + B.T @ C.T @ A", f"{MC}, eq. 78 (a bilinear form of two linear maps)"),
    _hessian("x.T @ inv(A) @ x", {"x": ["n"], "A": ["n", "n"]}, "x", "inv(A) + inv(A).T",
             f"{MC}, eq. 81 (a quadratic form in an inverse, any A)", {"A": INV}),
    _hessian("norm(A.T @ x - b)**2", {"A": ["n", "m"], "x": ["n"], "b": ["m"]}, "x", "2 * A @ A.T",
             f"{PML}, 11.2 (least squares through a transposed map)"),
    _hessian("norm(inv(A) @ x)**2", {"A": ["n", "n"], "x": ["n"]}, "x", "2 * inv(A).T @ inv(A)",
             f"{MC}, eq. 81 (a norm of a solve)", {"A": INV}),
)
_VEC_FORMS = (
    _g("A @ X.T", {"A": ["p", "n"], "X": ["m", "n"]}, "X", "kron(eye(m), A) @ commutation(m, n)",
       "commutation(n, m) @ kron(eye(m), A.T)", f"{MN}, 9.14 (a product with X^T: the commutation matrix)"),
    _g("B.T @ X.T @ A", {"B": ["n", "p"], "X": ["m", "n"], "A": ["m", "q"]}, "X", "kron(A.T, B.T) @ commutation(m, n)",
       "commutation(n, m) @ kron(A, B)", f"{MN}, 9.14 ((X B)^T A: the transposes distributed, a commutation matrix)"),
)

FRESH3: tuple[Entry, ...] = (*_MATRIX_GRADIENTS, *_MORE_MATRIX_GRADIENTS, *_VECTOR_GRADIENTS, *_JACOBIANS,
                             *_BY_SCALAR, *_HESSIANS, *_VEC_FORMS)
