"""mcdocgen.language.entries: the entries of an operand identically zero at concrete sizes (each written by the
variables' entries and asked of the exact zero test, bounded), and the pattern a kink's place reads: only the
diagonal zero whatever the variables."""

import pytest

from problem_factory import make_problem
from mcdocgen.language import entries

VARIABLES = {"X": ["n", "n"], "Y": ["n", "n"], "x": ["n"], "y": ["n"], "A": ["m", "n"]}


def _node(text: str):
    return make_problem(text, VARIABLES, ["x"]).expression


@pytest.mark.parametrize("text, expected", [
    ("outer(x, ones(n)) - outer(ones(n), x)", True),     # x_i - x_i: the Gini mean difference's
    ("x @ y.T - y @ x.T", True),
    ("X - X.T", True),
    ("outer(x, ones(n)) - outer(ones(n), y)", False),    # x_i - y_i can be nonzero
    ("X - X", False),                                    # every entry zero, not only the diagonal
    ("x - x", False),                                    # a vector has no diagonal
    ("A - A", False),                                    # nor has a matrix that is not square
    ("diag(x) - X * eye(n)", False),                     # zero off the diagonal, not on it
])
def test_only_the_diagonal_zero_is_found_whatever_the_sizes(text, expected):
    assert entries.only_diagonal_zero(_node(text)) is expected


def test_the_entries_asked_at_once_stop_at_the_bound():
    # each diagonal entry of X - X.T takes a few nodes: past MAX_POINT_NODES the rest are not asked (none answered)
    node = _node("X - X.T")
    n = entries.MAX_POINT_NODES // 3 + 10
    asked = [(k, k) for k in range(n)]
    answers = entries.still_entries(node, (("n", n),), asked)
    assert 0 < len(answers) < n and all(answers)
    # an entry too large to write is not taken for zero: X @ X @ X at 40 x 40 is 40 entries of X @ X of 40 products
    assert entries.still_entries(_node("X @ X @ X - X @ X @ X.T * 0 - X @ X @ X"), (("n", 40),), [(0, 0)]) == [False]
