"""Expressions beyond the catalog, each with the form a careful textbook prints, in both layouts.

The textbook forms are written by hand from the literature (the source is named in each entry);
``test_textbook.py`` checks each one numerically against f itself and measures mcdocgen's result
against it by ``syntax_size``. Numerator layout: a gradient is a row, d f/d X has X's transpose's
shape; denominator layout: a gradient is a column, d f/d X has X's shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entry:
    expression: str
    variables: dict[str, list]      # as tests/problem_factory.make_problem: [] scalar, ["n"] vector, ["m", "n"] matrix
    wrt: str
    numerator: str                  # the textbook form, numerator layout
    denominator: str                # the textbook form, denominator layout
    source: str                     # where the form is printed
    assume: dict[str, list[str]] = field(default_factory=dict)


ENTRIES: tuple[Entry, ...] = (
    Entry("norm(X @ w - y)**2", {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, "w",
          "2 * (X @ w - y).T @ X", "2 * X.T @ (X @ w - y)", "seed 000, example 5; Matrix Cookbook (2.8)"),
    Entry("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, "x",
          "x.T @ (A + A.T)", "(A + A.T) @ x", "Matrix Cookbook (81); seed 003"),
    Entry("det(X)", {"X": ["n", "n"]}, "X",
          "det(X) * inv(X)", "det(X) * inv(X).T", "Matrix Cookbook (49)"),
    Entry("det(A @ X @ B)", {"A": ["n", "n"], "X": ["n", "n"], "B": ["n", "n"]}, "X",
          "det(A @ X @ B) * inv(X)", "det(A @ X @ B) * inv(X).T", "Matrix Cookbook (51)"),
    Entry("t**t", {"t": []}, "t", "t**t * (log(t) + 1)", "t**t * (log(t) + 1)", "calculus texts, logarithmic differentiation"),
    Entry("sqrt(x)", {"x": []}, "x", "0.5 / sqrt(x)", "0.5 / sqrt(x)", "calculus texts, power rule"),
    Entry("norm(X - A)**2", {"X": ["m", "n"], "A": ["m", "n"]}, "X",
          "2 * (X - A).T", "2 * (X - A)", "Matrix Cookbook (2.5, Frobenius norm)"),
    Entry("r.T @ diag(d) @ r", {"r": ["n"], "d": ["n"]}, "d", "(r * r).T", "r * r", "diag(r r^T) = r o r"),
    Entry("(x - mu).T @ inv(S) @ (x - mu)", {"x": ["n"], "mu": ["n"], "S": ["n", "n"]}, "x",
          "2 * (x - mu).T @ inv(S)", "2 * inv(S) @ (x - mu)", "Matrix Cookbook (86), S symmetric",
          {"S": ["symmetric"]}),
    Entry("sum(y * log(sigmoid(z)))", {"y": ["n"], "z": ["n"]}, "z",
          "(y * (1 - sigmoid(z))).T", "y * (1 - sigmoid(z))", "logistic regression texts"),
)
