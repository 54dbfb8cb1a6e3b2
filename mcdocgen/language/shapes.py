"""Shapes of expressions: the only place where sizes are combined and compared."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TypeAlias

import sympy
from sympy.core.cache import CACHE
from sympy.core.mul import _mulsort

# The plain facts of shapes live in vocabulary (no SymPy there); they are read from here as ever.
from mcdocgen.language.vocabulary import SIZE_NAME as SIZE_NAME, Form as Form, Layout as Layout

Dim: TypeAlias = sympy.Expr  # a size: a positive integer, a size symbol, or a product of them


def size_symbol(name: str) -> sympy.Symbol:
    """The SymPy symbol for a named size such as ``n``: a positive integer."""
    return sympy.Symbol(name, integer=True, positive=True)


def dim(value: int | str | Dim) -> Dim:
    """A size from the catalog's spelling: a whole number, a size name, or an expression of sizes."""
    if isinstance(value, str):
        return size_symbol(value)
    return sympy.sympify(value) if isinstance(value, int) else value


ONE = sympy.Integer(1)


def _is_one(d: Dim) -> bool:
    """``d == 1``, cheaply: SymPy's 1 is one object (S.One), and no symbol or other whole number equals
    it, so SymPy's comparison is left for the rare rest. (A plain int, as a test may write a size, is
    compared as it is: a shape's tests are computed when it is built.)"""
    if d is ONE:
        return True
    if type(d) is int:
        return d == 1
    return not d.is_Symbol and not d.is_Integer and bool(d == ONE)


def times(a: Dim, b: Dim) -> Dim:
    """``a * b``, the size of a vec form or a Kronecker product: a size by 1 is itself, and a product
    is computed once (SymPy's product of two symbols takes tens of microseconds, and the vec forms
    ask for the same few again and again)."""
    if a is ONE:
        return b
    if b is ONE:
        return a
    return _times(a, b)


@functools.lru_cache(maxsize=1024)
def _times(a: Dim, b: Dim) -> Dim:
    if a.is_Symbol and b.is_Symbol:
        # SymPy's own result for two size symbols, built without evaluating (which asks the symbols'
        # assumptions, ~100 microseconds cold): n**2, or the product with its factors in Mul's order
        if a == b:
            return sympy.Pow(a, 2, evaluate=False)
        pair = [a, b]
        _mulsort(pair)
        return sympy.Mul._from_args(pair)
    product: Dim = a * b
    return product


CACHE.append(_times)   # cleared with SymPy's cache, so that timings after clear_cache are cold


@dataclass(frozen=True, slots=True, init=False, eq=False, repr=False)
class Shape:
    """Rows by columns. Vectors are columns (n x 1); scalars are 1 x 1."""

    rows: Dim
    cols: Dim
    # Computed once by the constructor: the tests of shapes run at every node, and every node's hash
    # reads its shape's (see nodes._constructor).
    is_scalar: bool = field(default=False, compare=False)
    is_column: bool = field(default=False, compare=False)
    is_row: bool = field(default=False, compare=False)
    is_vector_like: bool = field(default=False, compare=False)   # scalar, column or row: one vector
    _hash: int = field(default=0, compare=False)

    def __init__(self, rows: Dim, cols: Dim) -> None:
        _set_rows(self, rows)
        _set_cols(self, cols)
        one_row, one_col = _is_one(rows), _is_one(cols)
        _set_scalar(self, one_row and one_col)
        _set_column(self, one_col and not one_row)
        _set_row(self, one_row and not one_col)
        _set_vector_like(self, one_row or one_col)
        _set_hash(self, hash((rows, cols)))

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if type(other) is not Shape:
            return NotImplemented
        a, b = self.rows, other.rows
        if a is not b and not a == b:
            return False
        a, b = self.cols, other.cols
        return a is b or bool(a == b)

    def __repr__(self) -> str:
        return f"Shape(rows={_dim_repr(self.rows)}, cols={_dim_repr(self.cols)})"

    def __reduce__(self) -> tuple[type[Shape], tuple[Dim, Dim]]:
        """Pickled as (rows, cols): the rest is computed again where it is unpickled (the hash, of
        str hashes, differs between processes)."""
        return Shape, (self.rows, self.cols)

    @property
    def is_square(self) -> bool:
        return self.rows is self.cols or bool(self.rows == self.cols)

    @property
    def length(self) -> Dim:
        """Number of entries of a vector-like shape."""
        return times(self.rows, self.cols)

    def transpose(self) -> Shape:
        # the tests of the transpose are this shape's, a row for a column: not asked of SymPy again
        t = object.__new__(Shape)
        _set_rows(t, self.cols)
        _set_cols(t, self.rows)
        _set_scalar(t, self.is_scalar)
        _set_column(t, self.is_row)
        _set_row(t, self.is_column)
        _set_vector_like(t, self.is_vector_like)
        _set_hash(t, hash((self.cols, self.rows)))
        return t

    def label(self) -> str:
        """``(m, n)`` as the course notes write shapes."""
        return f"({_dim_text(self.rows)}, {_dim_text(self.cols)})"

    def as_list(self) -> list[str]:
        """The report's form: [] for a scalar, [n] for a column, [r, c] otherwise."""
        if self.is_scalar:
            return []
        if self.is_column:
            return [_dim_text(self.rows)]
        return [_dim_text(self.rows), _dim_text(self.cols)]

    def as_pair(self) -> list[str]:
        return [_dim_text(self.rows), _dim_text(self.cols)]


# the slots' own setters (the class is frozen: its __setattr__ refuses)
_set_rows, _set_cols, _set_hash = (vars(Shape)[name].__set__ for name in ("rows", "cols", "_hash"))
_set_scalar, _set_column, _set_row, _set_vector_like = (
    vars(Shape)[name].__set__ for name in ("is_scalar", "is_column", "is_row", "is_vector_like"))


def sympy_text(e: sympy.Basic) -> str:
    """``str(e)`` (which is ``repr(e)``): an integer's digits and a plain symbol's name without SymPy's
    printer, which takes some 15 microseconds to start for every expression it prints."""
    if e.is_Integer:
        return str(e.p)
    if type(e) is sympy.Symbol:
        return str(e.name)
    return str(e)


def quick_repr(value: object) -> str:
    """``repr(value)``, a SymPy integer's or symbol's without SymPy's printer (see sympy_text)."""
    return sympy_text(value) if isinstance(value, sympy.Basic) else repr(value)


@functools.lru_cache(maxsize=1024)
def _dim_repr(d: Dim) -> str:
    """A size's repr, as the dataclass's repr wrote it (the few sizes of a problem are printed again
    and again)."""
    return quick_repr(d)


CACHE.append(_dim_repr)


def _dim_text(d: Dim) -> str:
    """``mn`` for m*n (a vec form's size), ``n^2`` for n**2."""
    return str(d).replace("**", "^").replace("*", "")


SCALAR = Shape(ONE, ONE)


def column(n: Dim) -> Shape:
    """The shape of a column vector of n entries."""
    return Shape(n, ONE)


def square(n: Dim) -> Shape:
    """The shape of an n x n matrix."""
    return Shape(n, n)


def broadcast(a: Shape, b: Shape) -> Shape | None:
    """Shape of an elementwise combination: equal shapes, or a scalar expanded."""
    if a == b:
        return a
    if a.is_scalar:
        return b
    if b.is_scalar:
        return a
    return None


def matmul(a: Shape, b: Shape) -> Shape | None:
    """The shape of a matrix product, or None when the inner sizes differ."""
    if a.cols is not b.rows and a.cols != b.rows:
        return None
    return Shape(a.rows, b.cols)


def from_spec(dims: list[int | str]) -> Shape:
    """A catalog shape: [] scalar, [n] column vector, [m, n] matrix."""
    if len(dims) == 0:
        return SCALAR
    if len(dims) == 1:
        return column(dim(dims[0]))
    return Shape(dim(dims[0]), dim(dims[1]))


def derivative_form(function: Shape, wrt: Shape) -> Form:
    """The vec form where the full derivative has four indices: a matrix on one side and no scalar on
    either (a vector by a matrix, a matrix by a vector or by a matrix); otherwise a matrix."""
    if function.is_scalar or wrt.is_scalar or (function.is_vector_like and wrt.is_vector_like):
        return Form.MATRIX
    return Form.VEC


def derivative_shape(function: Shape, wrt: Shape) -> Shape:
    """The shape of d function / d wrt in DENOMINATOR layout (the layout of ``expected``), from
    the spec's tables: a scalar function's gradient has the variable's shape; by a scalar, the
    transpose of the function's shape (a vector function as its column); otherwise the vec form,
    (entries of the variable) x (entries of the function). Numerator layout is the transpose."""
    if function.is_scalar:
        return wrt
    entries = times(function.rows, function.cols)
    if wrt.is_scalar:
        return Shape(ONE, entries) if function.is_vector_like else function.transpose()
    return Shape(times(wrt.rows, wrt.cols), entries)
