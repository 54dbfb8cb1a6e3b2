"""simplify.sums and simplify.reductions on entries: a transposed matrix's entry is the swapped entry,
and the diagonal entries of a matrix of a concrete size add up to its trace (the Toeplitz gradients)."""

import pytest

from rewrite_support import assert_same_value, assert_simplifies
from mcdocgen import language as E
from mcdocgen.engine.simplify import RewriteId, simplify
from mcdocgen.language import shapes

C = shapes.from_spec([3, 3])
SCOPE = E.Scope({"C": E.var("C", C), "D": E.var("D", C), "t": E.var("t", shapes.SCALAR)}, {})


@pytest.mark.parametrize(("text", "printed", "rule"), [
    ("C.T[0, 1]", "C[1, 0]", RewriteId.INDEX_TRANSPOSE),
    ("C[0, 0] + C[1, 1] + C[2, 2]", "tr(C)", RewriteId.DIAGONAL_SUM),
    ("C.T[0, 0] + C.T[1, 1] + C.T[2, 2] + D[0, 1]", "tr(C) + D[0, 1]", RewriteId.DIAGONAL_SUM),
    ("2 * C[0, 0] + 2 * C[1, 1] + 2 * C[2, 2]", "2 * tr(C)", RewriteId.DIAGONAL_SUM),
])
def test_entries_read_as_the_book_writes_them(text, printed, rule):
    assert_simplifies(text, printed, rule, SCOPE, {})


@pytest.mark.parametrize("text", ["C[0, 0] + C[1, 1]", "C[0, 0] + 2 * C[1, 1] + C[2, 2]", "C[0, 0] + D[1, 1] + C[2, 2]"])
def test_a_part_of_the_diagonal_is_not_a_trace(text):
    assert "tr(" not in E.to_text(simplify(E.parse(text, SCOPE)))


@pytest.mark.parametrize(("text", "printed"), [
    ("tr(C @ D) + 2 * (tr(C @ C) * t)", "tr(C @ (D + 2 * t * C))"),
    ("t * tr(inv(C) @ D) - tr(inv(C) @ D.T) + 1", "tr(inv(C) @ (t * D - D.T)) + 1"),
])
def test_traces_with_one_first_factor_are_one_trace(text, printed):
    assert_simplifies(text, printed, RewriteId.TRACE_SUM, SCOPE, {})


def test_traces_with_other_first_factors_stay_apart():
    assert E.to_text(simplify(E.parse("tr(C @ D) + tr(D @ C.T)", SCOPE))).count("tr(") == 2


def test_a_diagonal_entry_met_twice_is_not_lost_in_the_trace():
    # a flat sum another rewrite builds may repeat an entry before like terms are gathered
    entry = [E.index(E.var("C", C), k, k) for k in range(3)]
    node = E.add(entry[0], entry[1], entry[0], entry[2])
    assert E.to_text(simplify(node)) in ("2 * C[0, 0] + C[1, 1] + C[2, 2]", "tr(C) + C[0, 0]")


@pytest.mark.parametrize(("text", "printed"), [
    ("2 * tr(C @ D) - tr(D @ C)", "tr(C @ D)"),                           # tr(D C) = tr(C D)
    ("tr(C @ D @ C.T) + tr(C.T @ C @ D) + tr(D @ C.T @ C)", "3 * tr(C @ (D @ C.T))"),
    ("tr(C @ D) - tr(D @ C) + t", "t"),
])
def test_traces_of_rotated_products_are_like_terms(text, printed):
    assert_simplifies(text, printed, RewriteId.TRACE_CYCLIC, SCOPE, {})


@pytest.mark.parametrize("text", ["tr(C @ D @ C.T) + tr(C.T @ D @ C)", "tr(C @ D) + tr(C.T @ D)", "t * tr(C @ D) + tr(D @ C)"])
def test_traces_of_products_that_are_not_rotations_stay_apart(text):
    # C D C^T and C^T D C are not rotations of each other; nor are C D and C^T D; a symbol coefficient stays
    node = E.parse(text, SCOPE)
    out = simplify(node)
    assert E.to_text(out).count("tr(") == 2
    assert_same_value(node, out, scope=SCOPE, sizes={})


@pytest.mark.parametrize(("text", "printed"), [
    ("C + t * D", "C + t * D"),
    ("C + 2 * t * D", "C + 2 * t * D"),
    ("D + 2 * t * C", "D + 2 * t * C"),
    ("C.T + t * D.T", "C.T + t * D.T"),
    ("-C + t * D", "t * D - C"),
    ("D + C", "C + D"),
])
def test_a_sum_with_a_scalar_times_a_matrix_keeps_its_order(text, printed):
    """Review s37 B-3, B-4: A + exp(t) B and B + 2 t C, in the problem's order, were printed exp(t) B + A and
    2 t C + B: a sum of letters is sorted by name, and a product, which has none, led. Where a term is a product, the
    terms keep their order (positive ones first); letters alone are still sorted by name."""
    assert E.to_text(simplify(E.parse(text, SCOPE))) == printed
