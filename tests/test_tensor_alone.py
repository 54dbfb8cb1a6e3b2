"""A differential that is the whole right side of a Tensor-form line is printed without the brackets that keep it
apart inside a product (A (dX) B): dF = dX and dX = dU_1, not dF = (dX) (review s36 C-15, cookbook-product-rule)."""

from __future__ import annotations

from problem_factory import make_problem
from mcdocgen.commands.pipeline import run_problem


def _tensor(problem):
    (result,) = run_problem(problem).view.results
    assert result.tensor is not None and result.tensor.available
    return result.tensor


def test_a_lone_differential_has_no_brackets():
    t = _tensor(make_problem("X", {"X": ["n", "n"]}, ["X"]))
    assert t.differential == r"\mathrm{d}X"
    assert [s.value for s in t.steps] == [r"\mathrm{d}X"]


def test_a_step_that_is_a_lone_differential_has_none_and_a_product_keeps_them():
    t = _tensor(make_problem("X @ X", {"X": ["n", "n"]}, ["X"]))
    # bracketed where a factor follows (review s37 B-2): d(UV) = (dU)V + U dV, as the identities write it
    assert r"(\mathrm{d}X) X + X\,\mathrm{d}X" in t.differential
    product = make_problem("(A + t * B) @ (C + t * D)", {"A": ["n", "n"], "B": ["n", "n"], "C": ["n", "n"],
                           "D": ["n", "n"], "t": []}, ["t"], steps=["X = A + t * B", "Y = C + t * D"])
    values = [s.value for s in _tensor(product).steps]
    assert r"\mathrm{d}U_{1}" in values and not any(v.startswith(r"(\mathrm{d}") and v.endswith(")") for v in values), values
