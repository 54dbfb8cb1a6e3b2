"""An entry of the textbook corpora: an expression, what it is derived by, and the forms a book prints."""

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
    order: int = 1                  # 2: the Hessian of a scalar function (spec section 6), else the first derivative
