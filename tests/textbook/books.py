"""What the held-out corpora share: the books they quote, the assumptions they make, and the two ways an
entry is written (a first derivative in both layouts, a Hessian in one form).

One home for the header every corpus module would otherwise copy (beyond_corpus.py, fresh_corpus.py,
fresh2_corpus.py, and any corpus added to measure.CORPORA).
"""

from __future__ import annotations

from textbook_corpus import Entry

MC = "The Matrix Cookbook (2012)"
MN = "Magnus & Neudecker, Matrix Differential Calculus (3rd ed.)"
BV = "Boyd & Vandenberghe, Convex Optimization"
PRML = "Bishop, Pattern Recognition and Machine Learning"
PML = "Murphy, Probabilistic Machine Learning: An Introduction (2022)"
GILES = "Giles, An extended collection of matrix derivative results for forward and reverse mode AD (2008)"
MINKA = "Minka, Old and New Matrix Algebra Useful for Statistics"
DL = "Goodfellow et al., Deep Learning"
RW = "Rasmussen & Williams, Gaussian Processes for Machine Learning"

PD = ["symmetric", "positive_definite"]
SYM = ["symmetric"]
INV = ["invertible"]
POS = ["positive"]


def first(expression: str, variables: dict[str, list], wrt: str, numerator: str, denominator: str, source: str,
          assume: dict[str, list[str]] | None = None) -> Entry:
    """A first derivative, as the book prints it in each layout."""
    return Entry(expression, variables, wrt, numerator, denominator, source, assume or {})


def hessian(expression: str, variables: dict[str, list], wrt: str, form: str, source: str,
            assume: dict[str, list[str]] | None = None) -> Entry:
    """A Hessian: symmetric, so the book's one form stands for both layouts."""
    return Entry(expression, variables, wrt, form, form, source, assume or {}, order=2)
