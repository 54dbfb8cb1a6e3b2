"""Shapes: what each shape is, how shapes combine, how they are written, and the derivative's
shape in denominator layout (the spec's tables)."""

import pytest
import sympy

from mcdocgen.language import shapes
from mcdocgen.language.shapes import ONE, SCALAR, Shape

n, m = shapes.size_symbol("n"), shapes.size_symbol("m")
COL, ROW, MAT, SQ = shapes.column(n), Shape(ONE, n), Shape(m, n), shapes.square(n)


def test_a_size_is_a_positive_integer_symbol_and_dim_accepts_every_spelling():
    assert n.is_integer and n.is_positive
    assert shapes.dim("n") == n and shapes.dim(3) == sympy.Integer(3) and shapes.dim(n) is n


@pytest.mark.parametrize("shape, scalar, column, row, vector_like, square", [
    (SCALAR, True, False, False, True, True),
    (COL, False, True, False, True, False),
    (ROW, False, False, True, True, False),
    (MAT, False, False, False, False, False),
    (SQ, False, False, False, False, True),
])
def test_what_a_shape_is(shape, scalar, column, row, vector_like, square):
    assert (shape.is_scalar, shape.is_column, shape.is_row, shape.is_vector_like, shape.is_square) == \
        (scalar, column, row, vector_like, square)


def test_length_and_transpose():
    assert COL.length == n and ROW.length == n
    assert MAT.transpose() == Shape(n, m) and COL.transpose() == ROW


@pytest.mark.parametrize("shape, label, as_list", [
    (SCALAR, "(1, 1)", []),
    (COL, "(n, 1)", ["n"]),
    (ROW, "(1, n)", ["1", "n"]),
    (Shape(m * n, n), "(mn, n)", ["mn", "n"]),
])
def test_how_shapes_are_written(shape, label, as_list):
    assert shape.label() == label
    assert shape.as_list() == as_list


def test_broadcast_takes_equal_shapes_or_expands_a_scalar():
    assert shapes.broadcast(COL, COL) == COL
    assert shapes.broadcast(SCALAR, MAT) == MAT == shapes.broadcast(MAT, SCALAR)
    assert shapes.broadcast(COL, ROW) is None


def test_matmul_needs_the_inner_sizes_to_agree():
    assert shapes.matmul(MAT, COL) == shapes.column(m)
    assert shapes.matmul(ROW, COL) == SCALAR
    assert shapes.matmul(COL, MAT) is None


@pytest.mark.parametrize("spec, shape", [([], SCALAR), (["n"], COL), (["m", "n"], MAT), ([3], shapes.column(sympy.Integer(3)))])
def test_catalog_shapes(spec, shape):
    assert shapes.from_spec(spec) == shape


@pytest.mark.parametrize("function, wrt, shape", [
    (SCALAR, MAT, MAT),                         # gradient: the variable's shape
    (COL, SCALAR, ROW),                         # a vector by a scalar: a row (its transpose)
    (shapes.column(m), COL, Shape(n, m)),       # Jacobian transposed: (entries of wrt) x (entries of f)
    (MAT, SCALAR, Shape(n, m)),                 # a matrix by a scalar: the transpose
    (ROW, MAT, Shape(m * n, n)),                # otherwise the vec form
])
def test_derivative_shape_in_denominator_layout(function, wrt, shape):
    assert shapes.derivative_shape(function, wrt) == shape


def test_derivative_form_is_vec_only_where_the_derivative_has_four_indices():
    from mcdocgen.language.shapes import Form, derivative_form
    m, n = shapes.dim("m"), shapes.dim("n")
    mat, vecn, scal = shapes.Shape(m, n), shapes.column(n), shapes.SCALAR
    assert derivative_form(scal, mat) is Form.MATRIX      # a gradient
    assert derivative_form(vecn, vecn) is Form.MATRIX     # a Jacobian
    assert derivative_form(mat, scal) is Form.MATRIX      # a matrix by a scalar
    assert derivative_form(vecn, mat) is Form.VEC
    assert derivative_form(mat, vecn) is Form.VEC
    assert derivative_form(mat, mat) is Form.VEC


def test_times_is_sympys_product():
    """``shapes.times`` builds a product of two size symbols without evaluating: the same expression
    (equal, same srepr and text) as SymPy's ``a * b``, in either order, and a factor 1 leaves the other."""
    import sympy

    from mcdocgen.language.shapes import ONE, _times, dim, times
    names = ["n", "m", "p", "k", "N", "a_1", "z"]
    for x in names:
        for y in names:
            a, b = dim(x), dim(y)
            _times.cache_clear()
            got, want = times(a, b), a * b
            assert got == want and sympy.srepr(got) == sympy.srepr(want) and str(got) == str(want)
            assert hash(got) == hash(want) and got.is_integer and got.is_positive
    assert times(ONE, dim("n")) == dim("n") and times(dim(3), dim("n")) == 3 * dim("n")
