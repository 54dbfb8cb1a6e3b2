"""mcdocgen.checks.still: the entries of a kink's argument that are identically zero at concrete sizes (no kink
there), found by the parser's exact zero test on each entry written by the variables' entries; bounded."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from problem_factory import make_problem
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.checks.still import kink_gaps, still_among, still_and_free
from mcdocgen.language import shapes
from mcdocgen.language.entries import MAX_POINT_NODES

N = shapes.size_symbol("n")
VARIABLES = {"X": ["n", "n"], "Y": ["n", "n"], "x": ["n"], "y": ["n"]}


def _node(text: str, assume: dict | None = None):
    return make_problem(text, VARIABLES | {"s": []}, ["x"], assume=assume).expression


def still_entries(node, sizes):
    """Every entry asked (each near zero at a point where all are 0)."""
    rows, cols = (1 if d == 1 else sizes[N] for d in (node.shape.rows, node.shape.cols))
    return still_among(node, sizes, np.zeros((rows, cols)), 1.0)


@pytest.mark.parametrize("text, n, expected", [
    # the Gini coefficient's argument: x_i - x_i on the diagonal
    ("outer(x, ones(n)) - outer(ones(n), x)", 3, np.eye(3, dtype=bool)),
    ("X - X.T", 2, np.eye(2, dtype=bool)),
    ("(outer(x, y) - outer(y, x)) * exp(Y)", 4, np.eye(4, dtype=bool)),     # zero times anything
    ("diag(x) + X * eye(n)", 3, ~np.eye(3, dtype=bool)),                    # zero off the diagonal
    ("x - x", 3, np.ones((3, 1), dtype=bool)),                              # the whole argument
    ("X @ Y - (Y.T @ X.T).T", 2, np.ones((2, 2), dtype=bool)),              # @ opened entry by entry
    ("(x + 1)**2 - x**2 - 2 * x - 1 + y * 0", 2, np.ones((2, 1), dtype=bool)),  # found by expanding
])
def test_identically_zero_entries_are_found(text, n, expected):
    assert np.array_equal(still_entries(_node(text), {N: n}), expected)


def test_still_and_free_split_the_flat_entries_the_checks_pick_from():
    # the Gini argument at n = 2, all entries near zero: the diagonal (flat 0 and 3) still, 1 and 2 free to pick
    still, free = still_and_free(_node("outer(x, ones(n)) - outer(ones(n), x)"), {N: 2}, np.zeros((2, 2)), 1.0)
    assert still.tolist() == [True, False, False, True] and free.tolist() == [1, 2]
    still, free = still_and_free(_node("x - x"), {N: 2}, np.zeros((2, 1)), 1.0)
    assert still.all() and free.size == 0      # nothing to reach or cross: the checks say so


@pytest.mark.parametrize("text", [
    "outer(x, ones(n)) + outer(ones(n), x)",     # 2 x_i on the diagonal
    "X - Y.T",
    "x - x[0]",                                  # x_0 - x_0 in entry 0 only
])
def test_entries_that_can_be_nonzero_are_not_taken_for_zero(text):
    node = _node(text)
    found = still_entries(node, {N: 3})
    rng = np.random.default_rng(0)
    env = {k: rng.normal(size=(3, 1 if k in "xy" else 3)) for k in VARIABLES}
    value = evaluate(node, env, {N: 3})
    # whatever is found zero is zero at a random point; and the rest is not
    assert np.all(value[found] == 0) and np.all(value[~found] != 0)


def test_x_minus_its_first_entry_is_still_in_that_entry_only():
    assert np.array_equal(still_entries(_node("x - x[0]"), {N: 3}).ravel(), [True, False, False])


def test_a_symmetric_variable_is_its_transpose_entry_by_entry():
    plain = still_entries(_node("X - X.T"), {N: 3})
    symmetric = still_entries(_node("X - X.T", {"X": ["symmetric"]}), {N: 3})
    assert np.array_equal(plain, np.eye(3, dtype=bool)) and symmetric.all()


def test_the_work_is_bounded_and_over_it_nothing_is_taken_for_zero():
    node = _node("X @ X @ X - X @ X @ X + X - X.T")
    assert np.array_equal(still_entries(node, {N: 2}), np.eye(2, dtype=bool))
    # an entry of X @ X @ X at 40 x 40 is 40 entries of X @ X, each of 40 products: over MAX_ENTRY_NODES
    value = np.ones((40, 40))
    value[0, 0] = 0.0
    assert not still_among(node, {N: 40}, value, 1e-3).any()
    # X - X.T: each entry on the diagonal takes a few nodes; past MAX_POINT_NODES at one point, the rest are not asked
    n = MAX_POINT_NODES // 3 + 10
    found = still_among(_node("X - X.T"), {N: n}, np.eye(n) - 1, 1e-3)
    assert found[0, 0] and not found[n - 1, n - 1] and 0 < found.sum() < n
    # the same mask whatever was asked before (the answers remembered cost their nodes all the same)
    assert np.array_equal(still_among(_node("X - X.T"), {N: n}, np.eye(n) - 1, 1e-3), found)


@pytest.mark.parametrize("n", [2, 3, 4, 5])      # every size drawn where no index raises them (checks.sampling)
def test_a_quadratic_form_of_an_antisymmetric_difference_is_still_at_every_size_drawn(n):
    # x^T (A - A^T) x = 0: its one entry took 226 nodes at n = 5, over the bound of 200 (brief s46 item 6)
    assert still_entries(_node("x.T @ (X - X.T) @ x"), {N: n}).all()
    assert still_entries(_node("dot(x, X @ x) - x.T @ X.T @ x"), {N: n}).all()
    # a wrong zero is still caught: a form of the symmetric part, or of two vectors, is no zero
    assert not still_entries(_node("x.T @ (X + X.T) @ x"), {N: n}).any()
    assert not still_entries(_node("x.T @ (X - X.T) @ y"), {N: n}).any()


def test_only_entries_near_zero_at_the_point_are_asked():
    node = _node("outer(x, ones(n)) - outer(ones(n), x)")
    value = np.array([[0.0, -2.0], [2.0, 1e-9]])       # the diagonal near zero: both asked, both still
    assert np.array_equal(still_among(node, {N: 2}, value, 1e-3), np.eye(2, dtype=bool))
    value[1, 1] = 0.5                                   # not near zero: not asked, not masked
    assert np.array_equal(still_among(node, {N: 2}, value, 1e-3), [[True, False], [False, False]])


def test_the_gaps_leave_out_the_still_entries_only():
    node = _node("outer(x, ones(n)) - outer(ones(n), x)")
    value = np.array([[0.0, -2.0, 1.0], [2.0, 0.0, 3.0], [-1.0, -3.0, 0.0]])
    assert sorted(kink_gaps(value, node, {N: 3}, 0.05)) == [1.0, 1.0, 2.0, 2.0, 3.0, 3.0]
    # nothing still: every entry, as |value|
    assert sorted(kink_gaps(-value, _node("X - Y"), {N: 3}, 0.05)) == sorted(np.abs(value).ravel())


# A family of matrix kink arguments with entries identically zero: blocks zero on the diagonal, or off it, times
# free factors and summed; whatever still_entries finds is exactly 0 at random points, and the planted pattern is
# found (it is what the blocks share).
ZERO_DIAGONAL = ["X - X.T", "outer(x, ones(n)) - outer(ones(n), x)", "outer(x, y) - outer(y, x)",
                 "X @ Y - (Y.T @ X.T).T + Y - Y.T"]
ZERO_OFF_DIAGONAL = ["diag(x)", "X * eye(n)", "diag(diag(X @ Y)) - diag(y)"]
FACTORS = ["", " * Y", " * exp(X)", " * outer(y, y)", " * 3", " * s"]


def arguments() -> st.SearchStrategy[tuple[str, np.ndarray]]:
    @st.composite
    def drawn(draw: st.DrawFn) -> tuple[str, str]:
        pattern = draw(st.sampled_from(["diagonal", "off"]))
        blocks = draw(st.lists(st.sampled_from(ZERO_DIAGONAL if pattern == "diagonal" else ZERO_OFF_DIAGONAL),
                                    min_size=1, max_size=3))
        terms = [f"({b}){draw(st.sampled_from(FACTORS))}" for b in blocks]
        return " + ".join(terms), pattern
    return drawn()


@settings(max_examples=40, deadline=None, derandomize=True)
@given(arguments(), st.integers(2, 4))
def test_a_drawn_argument_is_still_where_its_blocks_are_and_zero_there(drawn, n):
    text, pattern = drawn
    node = _node(text)
    found = still_entries(node, {N: n})
    planted = np.eye(n, dtype=bool) if pattern == "diagonal" else ~np.eye(n, dtype=bool)
    assert np.all(found[planted]), text
    rng = np.random.default_rng(n)
    env = {k: rng.normal(size=(n, 1 if k in "xy" else n)) for k in VARIABLES} | {"s": rng.normal(size=(1, 1))}
    value = evaluate(node, env, {N: n})
    assert np.allclose(value[found], 0, atol=1e-12) and np.all(value[~found] != 0), text
