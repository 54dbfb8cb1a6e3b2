"""Both layouts' shapes follow the spec's table, for scalar, vector and matrix cases."""

import pytest

from problem_factory import make_problem
from mcdocgen.engine.derive import derive
from mcdocgen.engine.layout import accumulation_terms, chain, local_value, result_shape
from mcdocgen.language import Layout
from mcdocgen.language.shapes import derivative_shape, from_spec


@pytest.mark.parametrize("expression, variables, wrt, numerator, denominator", [
    ("sin(x)", {"x": []}, "x", ("1", "1"), ("1", "1")),                                   # scalar by scalar
    ("dot(a, x)", {"a": ["n"], "x": ["n"]}, "x", ("1", "n"), ("n", "1")),                 # scalar by vector
    ("tr(A @ X)", {"A": ["n", "m"], "X": ["m", "n"]}, "X", ("n", "m"), ("m", "n")),       # scalar by matrix
    ("a * x", {"a": ["m"], "x": []}, "x", ("m", "1"), ("1", "m")),                        # vector by scalar
    ("W @ x", {"W": ["m", "n"], "x": ["n"]}, "x", ("m", "n"), ("n", "m")),                # vector by vector
])
def test_shapes_follow_the_spec_table(expression, variables, wrt, numerator, denominator):
    problem = make_problem(expression, variables, [wrt])
    d = derive(problem, wrt)
    assert tuple(result_shape(d, Layout.NUMERATOR).as_pair()) == numerator
    assert tuple(result_shape(d, Layout.DENOMINATOR).as_pair()) == denominator
    # known before deriving: what the loader checks an `expected` against
    known = derivative_shape(problem.expression.shape, problem.variable(wrt).shape)
    assert tuple(known.as_pair()) == denominator


@pytest.mark.parametrize("function, wrt, denominator", [
    (["p", "q"], [], ("q", "p")),              # matrix by scalar: the transpose (section 3)
    (["p"], ["m", "n"], ("mn", "p")),          # vector by matrix: vec form (section 5)
    (["p", "q"], ["n"], ("n", "pq")),          # matrix by vector
    (["p", "q"], ["m", "n"], ("mn", "pq")),    # matrix by matrix
    ([1, "n"], ["m"], ("m", "n")),             # a row vector counts as a vector
])
def test_derivative_shapes_of_the_tensor_cases_follow_the_vec_form(function, wrt, denominator):
    assert tuple(derivative_shape(from_spec(function), from_spec(wrt)).as_pair()) == denominator


def test_chain_factors_reverse_and_transpose_between_layouts():
    p = make_problem("norm(X @ w - y)**2", {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, ["w"],
                     ["a = X @ w", "b = a - y", "z = norm(b)**2"])
    d = derive(p, "w")
    num = chain(d.paths[0], Layout.NUMERATOR)
    den = chain(d.paths[0], Layout.DENOMINATOR)
    # (1, n) = (1, m)(m, m)(m, n), as the course notes write it
    assert [f.shape.label() for f in num] == ["(1, m)", "(m, m)", "(m, n)"]
    assert [f.shape.label() for f in den] == ["(n, m)", "(m, m)", "(m, 1)"]
    assert [(f.top, f.bottom) for f in den] == [(f.top, f.bottom) for f in num][::-1]


def test_reading_a_layout_selects_what_derive_computed_once():
    import ast
    import inspect

    from mcdocgen.engine import layout

    imported = {a.name for n in ast.walk(ast.parse(inspect.getsource(layout))) if isinstance(n, ast.ImportFrom)
                for a in n.names}
    assert "simplify" not in imported
    p = make_problem("sum(exp(W.T @ a))", {"W": ["m", "n"], "a": ["m"]}, ["W"], ["f = W.T @ a", "g = sum(exp(f))"])
    d = derive(p, "W")
    for loc in d.locals:
        assert layout.local_value(loc, Layout.NUMERATOR) is loc.numerator
        assert layout.local_value(loc, Layout.DENOMINATOR) is loc.denominator
    assert layout.product(d, Layout.NUMERATOR) is d.product_numerator
    assert all(layout.accumulation_terms(acc, Layout.DENOMINATOR) is acc.denominator for acc in d.accumulations)


BILINEAR = ("a.T @ X @ b", {"a": ["m"], "X": ["m", "n"], "b": ["n"]})   # u_1 = a^T X, a row; f = u_1 b


def _local(d, of, wrt):
    return next(loc for loc in d.locals if (loc.of, loc.wrt) == (of, wrt))


def test_a_scalar_by_a_row_is_shown_as_the_matrix_form_shows_it():
    """Where the chain rule is in matrix form, d f/d u_1 by the row u_1 (1, n) is the same in the
    local-derivative table as in the matrix form under it: the row's shape in denominator layout, its
    transpose in numerator (spec section 3), not the Jacobian's other layout (a review: b^T and b)."""
    d = derive(make_problem(*BILINEAR, ["X"]), "X")
    assert not d.paths
    local = _local(d, d.function, "u_1")
    accumulation = next(acc for acc in d.accumulations if acc.name == "u_1")
    assert local_value(local, Layout.DENOMINATOR).shape.as_pair() == ["1", "n"]
    assert local_value(local, Layout.NUMERATOR).shape.as_pair() == ["n", "1"]
    for layout in Layout:
        assert accumulation_terms(accumulation, layout) == (local_value(local, layout),)


def test_a_chain_of_jacobians_keeps_the_jacobian_of_a_scalar_by_a_row():
    """x^T A x by x: the chain d f/d u_1 d u_1/d x multiplies Jacobians, (1, n) (n, n) in numerator layout."""
    d = derive(make_problem("x.T @ A @ x", {"x": ["n"], "A": ["n", "n"]}, ["x"]), "x")
    assert d.paths
    assert local_value(_local(d, d.function, "u_1"), Layout.NUMERATOR).shape.as_pair() == ["1", "n"]
