"""A sixth held-out corpus, written from the books before the fix it was written for (session 31):
results where a book distributes a transpose over a product of more than three letters, each mark on
one letter ((A B C D)^T written D^T C^T B^T A^T), keeps it collected over a product with a power in it
((X^r A X^s)^T), and writes a least-squares gradient in the residual the function writes, up to its
sign (2 (W H - Y) H^T for ||Y - W H||^2, 2 (X B^T - Y)^T X, not 2 (B X^T - Y^T) X).

The Matrix Cookbook's trace and bilinear-form derivatives (eqs. 4, 69-70, 100-101, 110, 113) and
least-squares gradients (2.8 with the chain rule), Boyd & Vandenberghe's and Murphy's least squares.
test_held_out.py checks each form by numbers alone and measures mcdocgen's result against it; its
sums are held to the book's (measure.book_sums). Numerator layout: a gradient is a row, d f/d X has
X^T's shape; denominator layout: the transposes.
"""

from __future__ import annotations

from textbook_corpus import Entry

from books import BV, MC, MN, PML, first as _g, hessian as _hessian

_FOUR = {"A": ["n", "n"], "B": ["n", "n"], "C": ["n", "n"], "D": ["n", "n"]}

_DISTRIBUTED = (
    _g("tr(A @ B @ C @ D @ X)", {**_FOUR, "X": ["n", "n"]}, "X", "A @ B @ C @ D", "D.T @ C.T @ B.T @ A.T",
       f"{MC}, eq. 100 (d Tr(AX)/dX = A^T) with A a product of four, and eq. 4 ((ABC...)^T = ...C^T B^T A^T)"),
    _g("tr(A @ B @ X @ C @ D)", {**_FOUR, "X": ["n", "n"]}, "X", "C @ D @ A @ B", "B.T @ A.T @ D.T @ C.T",
       f"{MC}, eq. 101 (d Tr(AXB)/dX = A^T B^T) with A, B products of two"),
    _g("A @ B @ C @ D @ x", {**_FOUR, "x": ["n"]}, "x", "A @ B @ C @ D", "D.T @ C.T @ B.T @ A.T",
       f"{MN}, 9.6 (d(Ax) = A dx, the Jacobian A) with A a product of four; its transpose by {MC}, eq. 4"),
    _g("x.T @ A @ B @ C @ D @ y", {**_FOUR, "x": ["n"], "y": ["n"]}, "x",
       "y.T @ D.T @ C.T @ B.T @ A.T", "A @ B @ C @ D @ y",
       f"{MC}, eq. 69 (d x^T a/dx = a) with a = ABCDy; the row by eq. 4"),
    _g("tr(A @ X @ B @ X @ C)", {"A": ["n", "n"], "B": ["n", "n"], "C": ["n", "n"], "X": ["n", "n"]}, "X",
       "B @ X @ C @ A + C @ A @ X @ B", "A.T @ C.T @ X.T @ B.T + B.T @ X.T @ A.T @ C.T",
       f"{MC}, eq. 113 (d Tr(AXBX)/dX = A^T X^T B^T + B^T X^T A^T) with CA for A"),
    _g("tr(X @ X @ A @ X)", {"A": ["n", "n"], "X": ["n", "n"]}, "X",
       "A @ X @ X + X @ A @ X + X @ X @ A", "(A @ X @ X + X @ A @ X + X @ X @ A).T",
       f"{MC}, eq. 110 (d Tr(AX^k)/dX = sum_r (X^r A X^(k-r-1))^T), k = 3, the "
       "trace turned round: a power's transpose stays collected"),
)
_RESIDUALS = (
    _g("norm(Y - W @ H)**2", {"Y": ["m", "n"], "W": ["m", "k"], "H": ["k", "n"]}, "W",
       "2 * H @ (W @ H - Y).T", "2 * (W @ H - Y) @ H.T",
       f"{MC}, 2.8 (d ||X||_F^2/dX = 2X) with the chain rule: a non-negative factorisation's gradient by W"),
    _g("norm(Y - W @ H)**2", {"Y": ["m", "n"], "W": ["m", "k"], "H": ["k", "n"]}, "H",
       "2 * (W @ H - Y).T @ W", "2 * W.T @ (W @ H - Y)",
       f"{MC}, 2.8 with the chain rule: a non-negative factorisation's gradient by H"),
    _g("norm(Y - X @ B.T)**2", {"Y": ["m", "p"], "X": ["m", "n"], "B": ["p", "n"]}, "B",
       "2 * X.T @ (X @ B.T - Y)", "2 * (X @ B.T - Y).T @ X",
       f"{PML}, 11.2.3 (multi-output least squares, the weights as rows of B), in the residual X B^T - Y"),
    _g("norm(X.T - A @ B)**2", {"X": ["n", "m"], "A": ["m", "k"], "B": ["k", "n"]}, "B",
       "2 * (A @ B - X.T).T @ A", "2 * A.T @ (A @ B - X.T)",
       f"{MC}, 2.8 with the chain rule (fitting X^T by A B), in the residual A B - X^T"),
    _g("norm(b - A.T @ x)**2", {"A": ["n", "m"], "x": ["n"], "b": ["m"]}, "x",
       "2 * (A.T @ x - b).T @ A.T", "2 * A @ (A.T @ x - b)",
       f"{BV}, A.4.1 (the gradient of ||Ax - b||^2, 2 A^T (Ax - b)) with A^T for A"),
    _g("(y - X @ w).T @ (y - X @ w)", {"y": ["m"], "X": ["m", "n"], "w": ["n"]}, "w",
       "2 * (X @ w - y).T @ X", "2 * X.T @ (X @ w - y)",
       f"{BV}, A.4.1 (least squares as an inner product of the residual)"),
    _hessian("norm(b - A.T @ x)**2", {"A": ["n", "m"], "x": ["n"], "b": ["m"]}, "x", "2 * A @ A.T",
             f"{BV}, A.4.3 (the Hessian of a least-squares objective, 2 A^T A) with A^T for A"),
)

FRESH4: tuple[Entry, ...] = (*_DISTRIBUTED, *_RESIDUALS)
