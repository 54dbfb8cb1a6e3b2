"""Literal matrices reduced entry by entry: det, inv, trace and sum from the entries, the value kept."""

import pytest

from rewrite_support import assert_same_value, assert_simplifies, parse
from mcdocgen import language as E
from mcdocgen.engine.simplify import RewriteId
from mcdocgen.engine.simplify import literals


@pytest.mark.parametrize("text, printed, rule", [
    ("det([[1, 2], [3, 4]])", "-2", RewriteId.LITERAL_DET),
    ("det([[c, d], [d, c]])", "c**2 - d**2", RewriteId.LITERAL_DET),
    ("det([[2, 0, 1], [1, 3, 0], [0, 1, 1]])", "7", RewriteId.LITERAL_DET),
    ("inv([[2, 0], [0, 4]])", "[[0.5, 0], [0, 0.25]]", RewriteId.LITERAL_INV),
    ("inv([[c]])", "[1 / c]", RewriteId.LITERAL_INV),
    ("tr([[c, 1], [2, d]])", "c + d", RewriteId.LITERAL_SUM),
    ("sum([[c, 1], [2, d]])", "c + d + 3", RewriteId.LITERAL_SUM),
    ("[[1, 2], [3, 4]] @ outer(ones(2), ones(2))", "[[3, 3], [7, 7]]", RewriteId.LITERAL),
])
def test_a_literal_reduces_to_its_entries(text, printed, rule):
    assert_simplifies(text, printed, rule)


@pytest.mark.parametrize("text", [
    "inv([[c, 1], [d, 2]])", "inv([[c, 1, 0], [0, 2, d], [1, 0, 3]])", "det([[c, 1, 0], [0, 2, d], [1, d, 3]])",
])
def test_symbolic_inverses_and_determinants_keep_the_value(text):
    node = parse(text)
    found = (literals.inv if text.startswith("inv") else literals.det)(node)
    assert found is not None
    assert_same_value(node, found[1])


def test_literals_past_three_by_three_stay():
    big = parse("[[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, c]]")
    assert literals.det(E.det(big)) is None and literals.inv(E.inv(big)) is None


def test_a_positive_number_goes_into_a_literal_of_numbers():
    node = parse("2 * ([[1, 2], [3, 4]] @ [c, d])")
    found = literals.mul(node)
    assert found is not None and E.to_text(found[1]) == "[[2, 4], [6, 8]] @ [c, d]"
    assert_same_value(node, found[1])


def test_a_negative_number_or_symbolic_entries_stay_outside_the_literal():
    assert literals.mul(parse("-2 * ([[1, 2], [3, 4]] @ [c, d])")) is None
    assert literals.mul(parse("2 * ([[c, 2], [3, 4]] @ [c, d])")) is None
