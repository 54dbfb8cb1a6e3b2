"""A sum of one term and a positive number is printed as books print it (review s36 C-15): 1 + x^2 (arctan's
1 / (1 + x^2)) and swish's sigma(bx)(1 + bx(1 - sigma(bx))), where the engine writes the number last; x + 1 and
2x + 1 keep the polynomial's order, a difference keeps its minus."""

from __future__ import annotations

import pytest

from problem_factory import make_problem
from mcdocgen.engine.derive import derive
from mcdocgen.present.latex import to_latex

SCALARS = {"x": [], "b": [], "p": []}


@pytest.mark.parametrize(("text", "printed"), [
    ("x**2 + 1", "1 + x^{2}"),
    ("exp(x) + 2", r"2 + \exp\mathopen{}\left(x\right)"),
    ("x + 1", "x + 1"),
    ("2 * x + 1", r"2\,x + 1"),
    ("x**2 - 1", "x^{2} - 1"),
    ("x**2 + x + 1", "x^{2} + x + 1"),
])
def test_the_number_goes_first_before_more_than_a_letter(text, printed):
    assert to_latex(make_problem(text, SCALARS, ["x"]).expression) == printed


def test_derived_results_print_their_one_first():
    swish = derive(make_problem("x * sigmoid(b * x)", SCALARS, ["x"]), "x")
    assert r"\left(1 + b\,x" in to_latex(swish.result), to_latex(swish.result)
    arctan = derive(make_problem("arctan(p**2)", SCALARS, ["p"]), "p")
    assert r"{1 + p^{4}}" in to_latex(arctan.result), to_latex(arctan.result)
