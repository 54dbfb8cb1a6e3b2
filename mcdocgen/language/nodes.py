"""The typed tree of an expression: one frozen node class per operation.

Nodes are data only; they are built (with their shapes checked) by :mod:`mcdocgen.language.build`, and
walked by :mod:`mcdocgen.language.walks`. The vec form's are :mod:`mcdocgen.language.vecnodes`'.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar

import sympy

from mcdocgen.language.shapes import Layout, Shape

if TYPE_CHECKING:  # Func's function: the registry builds nodes, so it sits above this module
    from mcdocgen.language.functions import Fn


@dataclass(frozen=True, slots=True, init=False)
class Node:
    """A node of an expression's tree: every node knows its shape."""

    shape: Shape
    # Set once by each class's constructor, after the fields: the hash, of _tag and the fields' hashes in
    # order (a child's read, not recomputed: a deep tree's made derive quadratic in depth), and the operands.
    _hash: int = field(default=0, init=False, repr=False, compare=False, hash=False)
    _kids: tuple[Node, ...] = field(default=(), init=False, repr=False, compare=False, hash=False)
    # Set on each class by _finish: the values that make a node (its fields but the two above), and the
    # CRC of its name, the first term of its hash (the same in every process).
    _values: ClassVar[attrgetter[Any]]
    _tag: ClassVar[int]

    def __init__(self, shape: Shape) -> None:
        _set_shape(self, shape)
        _set_hash(self, hash((self._tag, shape._hash)) or 1)
        _set_kids(self, ())

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if type(other) is not type(self):   # (then other is a Node, as self is)
            return NotImplemented
        return self._hash == other._hash and bool(self._values(self) == self._values(other))

    def __reduce__(self) -> tuple[type[Node], tuple[Any, ...]]:
        """Pickled as its constructor's arguments: str hashes differ between processes, so the hash
        is computed again where the node is unpickled."""
        values = self._values(self)
        return type(self), values if isinstance(values, tuple) else (values,)

    def children(self) -> tuple[Node, ...]:
        """The operands, in order (none for a leaf)."""
        return self._kids


@dataclass(frozen=True, slots=True, init=False)
class Unary(Node):
    """An operation on one operand (its only child)."""

    arg: Node

    def __init__(self, shape: Shape, arg: Node) -> None:
        _set_shape(self, shape)
        _set_arg(self, arg)
        _set_hash(self, hash((self._tag, shape._hash, arg._hash)) or 1)
        _set_kids(self, (arg,))


@dataclass(frozen=True, slots=True, init=False)
class Binary(Node):
    """An operation on two operands, in order."""

    left: Node
    right: Node

    def __init__(self, shape: Shape, left: Node, right: Node) -> None:
        _set_shape(self, shape)
        _set_left(self, left)
        _set_right(self, right)
        _set_hash(self, hash((self._tag, shape._hash, left._hash, right._hash)) or 1)
        _set_kids(self, (left, right))


@dataclass(frozen=True, slots=True, init=False)
class Var(Node):
    """A declared variable (or, inside derivations, a named intermediate)."""

    name: str
    symmetric: bool = False
    intermediate: bool = False

    def __init__(self, shape: Shape, name: str, symmetric: bool = False, intermediate: bool = False) -> None:
        _set_shape(self, shape)
        _set_name(self, name)
        _set_symmetric(self, symmetric)
        _set_intermediate(self, intermediate)
        _set_hash(self, hash((self._tag, shape._hash, hash(name), hash(symmetric), hash(intermediate))) or 1)
        _set_kids(self, ())


@dataclass(frozen=True, slots=True, init=False)
class Num(Node):
    """A constant scalar: a number or a size such as ``N``."""

    value: sympy.Expr

    def __init__(self, shape: Shape, value: sympy.Expr) -> None:
        _set_shape(self, shape)
        _set_value(self, value)
        _set_hash(self, hash((self._tag, shape._hash, hash(value))) or 1)
        _set_kids(self, ())


@dataclass(frozen=True, slots=True, init=False)
class Add(Node):
    """``a + b + ...``: equal shapes, or a scalar added to every entry."""

    terms: tuple[Node, ...]

    def __init__(self, shape: Shape, terms: tuple[Node, ...]) -> None:
        _set_shape(self, shape)
        _set_terms(self, terms)
        _set_hash(self, hash((self._tag, shape._hash, hash(terms))) or 1)
        _set_kids(self, terms)


@dataclass(frozen=True, slots=True, init=False)
class Neg(Unary):
    """``-a``."""


@dataclass(frozen=True, slots=True, init=False)
class Mul(Binary):
    """``a * b``: a scalar scaling anything, or the elementwise (Hadamard) product."""


@dataclass(frozen=True, slots=True, init=False)
class Div(Binary):
    """``a / b``: a scalar divisor, or the elementwise quotient."""


@dataclass(frozen=True, slots=True, init=False)
class Pow(Node):
    """``base ** exp``: entrywise, with a scalar exponent."""

    base: Node
    exp: Node

    def __init__(self, shape: Shape, base: Node, exp: Node) -> None:
        _set_shape(self, shape)
        _set_base(self, base)
        _set_exp(self, exp)
        _set_hash(self, hash((self._tag, shape._hash, base._hash, exp._hash)) or 1)
        _set_kids(self, (base, exp))


@dataclass(frozen=True, slots=True, init=False)
class MatMul(Binary):
    """``a @ b``: the matrix product."""


@dataclass(frozen=True, slots=True, init=False)
class Transpose(Unary):
    """``a.T``."""


@dataclass(frozen=True, slots=True, init=False)
class Func(Node):
    """``fn(arg)``: an elementwise function of the language (see :mod:`mcdocgen.language.functions`)."""

    fn: Fn
    arg: Node

    def __init__(self, shape: Shape, fn: Fn, arg: Node) -> None:
        _set_shape(self, shape)
        _set_fn(self, fn)
        _set_func_arg(self, arg)
        _set_hash(self, hash((self._tag, shape._hash, hash(fn), arg._hash)) or 1)
        _set_kids(self, (arg,))


@dataclass(frozen=True, slots=True, init=False)
class Maximum(Binary):
    """``maximum(a, b)``: the entrywise larger of two arrays (or of an array and a scalar)."""


@dataclass(frozen=True, slots=True, init=False)
class Sum(Unary):
    """``sum(a)``: the sum of the entries."""


@dataclass(frozen=True, slots=True, init=False)
class Mean(Unary):
    """``mean(a)``: the mean of the entries."""


@dataclass(frozen=True, slots=True, init=False)
class Norm(Unary):
    """``norm(a)``: the Euclidean (Frobenius) norm."""


@dataclass(frozen=True, slots=True, init=False)
class Dot(Binary):
    """``dot(a, b)``: the inner product of two vectors of one length."""


@dataclass(frozen=True, slots=True, init=False)
class Trace(Unary):
    """``tr(a)``: the trace of a square matrix."""


@dataclass(frozen=True, slots=True, init=False)
class Det(Unary):
    """``det(a)``: the determinant of a square matrix."""


@dataclass(frozen=True, slots=True, init=False)
class Inv(Unary):
    """``inv(a)``: the inverse of a square matrix."""


@dataclass(frozen=True, slots=True, init=False)
class Diag(Unary):
    """``diag(v)``: the diagonal matrix of a vector, or the diagonal of a square matrix."""


@dataclass(frozen=True, slots=True, init=False)
class Softmax(Unary):
    """``softmax(v)``: ``exp(v) / sum(exp(v))`` of a vector, the shape of ``v``."""


@dataclass(frozen=True, slots=True, init=False)
class LogSumExp(Unary):
    """``logsumexp(v)``: ``log(sum(exp(v)))`` of a vector, a scalar."""


@dataclass(frozen=True, slots=True, init=False)
class Norm1(Unary):
    """``norm1(v)``: ``sum(abs(v))`` of a vector, a scalar (a corner where an entry is 0)."""


@dataclass(frozen=True, slots=True, init=False)
class LogDet(Unary):
    """``logdet(M)``: ``log(det(M))`` of a square matrix with a positive determinant."""


@dataclass(frozen=True, slots=True, init=False)
class Outer(Binary):
    """``outer(a, b)``: the outer product of two vectors."""


@dataclass(frozen=True, slots=True, init=False)
class Eye(Node):
    """The identity matrix of the node's (square) shape."""


@dataclass(frozen=True, slots=True, init=False)
class Ones(Node):
    """All-ones array of the node's shape (``ones(n)`` is a column)."""


@dataclass(frozen=True, slots=True, init=False)
class Zero(Node):
    """All-zeros array of the node's shape."""


@dataclass(frozen=True, slots=True, init=False)
class Index(Node):
    """``a[i]`` or ``A[i, j]``: one entry (0-based), a scalar."""

    arg: Node
    row: int
    col: int

    def __init__(self, shape: Shape, arg: Node, row: int, col: int) -> None:
        _set_shape(self, shape)
        _set_index_arg(self, arg)
        _set_index_row(self, row)
        _set_index_col(self, col)
        _set_hash(self, hash((self._tag, shape._hash, arg._hash, hash(row), hash(col))) or 1)
        _set_kids(self, (arg,))


@dataclass(frozen=True, slots=True, init=False)
class Unit(Node):
    """The array of the node's shape with a one at (row, col) and zeros elsewhere."""

    row: int
    col: int

    def __init__(self, shape: Shape, row: int, col: int) -> None:
        _set_shape(self, shape)
        _set_unit_row(self, row)
        _set_unit_col(self, col)
        _set_hash(self, hash((self._tag, shape._hash, hash(row), hash(col))) or 1)
        _set_kids(self, ())


@dataclass(frozen=True, slots=True, init=False)
class Grad(Node):
    """Placeholder for the derivative of the function with respect to an intermediate.

    Only derivations create it (never the parser); ``layout`` says which view it stands for.
    """

    function: str
    of: str
    layout: Layout = Layout.DENOMINATOR

    def __init__(self, shape: Shape, function: str, of: str, layout: Layout = Layout.DENOMINATOR) -> None:
        _set_shape(self, shape)
        _set_function(self, function)
        _set_of(self, of)
        _set_layout(self, layout)
        _set_hash(self, hash((self._tag, shape._hash, hash(function), hash(of), hash(layout))) or 1)
        _set_kids(self, ())


@dataclass(frozen=True, slots=True, init=False)
class Lit(Node):
    """A vector or matrix written by components (rows of scalar expressions)."""

    rows: tuple[tuple[Node, ...], ...]

    def __init__(self, shape: Shape, rows: tuple[tuple[Node, ...], ...]) -> None:
        _set_shape(self, shape)
        _set_rows(self, rows)
        _set_hash(self, hash((self._tag, shape._hash, hash(rows))) or 1)
        _set_kids(self, tuple(e for row in rows for e in row))


def setters(cls: type[Node], *names: str) -> tuple[Callable[[Node, Any], None], ...]:
    return tuple(vars(cls)[name].__set__ for name in names)   # the constructors' way: the classes are frozen


_set_shape, _set_hash, _set_kids = setters(Node, "shape", "_hash", "_kids")
(_set_arg,), (_set_left, _set_right) = setters(Unary, "arg"), setters(Binary, "left", "right")
_set_name, _set_symmetric, _set_intermediate = setters(Var, "name", "symmetric", "intermediate")
(_set_value,), (_set_terms,), (_set_rows,) = setters(Num, "value"), setters(Add, "terms"), setters(Lit, "rows")
(_set_base, _set_exp), (_set_fn, _set_func_arg) = setters(Pow, "base", "exp"), setters(Func, "fn", "arg")
_set_unit_row, _set_unit_col = setters(Unit, "row", "col")
_set_index_arg, _set_index_row, _set_index_col = setters(Index, "arg", "row", "col")
_set_function, _set_of, _set_layout = setters(Grad, "function", "of", "layout")


def finish(*roots: type[Node]) -> None:
    """Give each node class from ``roots`` down its values, its hash's tag, and the Node's hash and equality (in
    place of the ones its dataclass generated, which build and hash a tuple of the fields every time). Each module
    of node classes calls it once they are all defined (language.vecnodes: its own)."""
    def classes(cls: type[Node]) -> Iterator[type[Node]]:
        yield cls
        for sub in cls.__subclasses__():
            if "__slots__" in sub.__dict__:  # not the class as written, which dataclass(slots=True) replaced
                yield from classes(sub)

    for cls in (c for root in roots for c in classes(root)):
        cls._values = attrgetter(*(f.name for f in fields(cls) if f.init))
        cls._tag = zlib.crc32(cls.__name__.encode())
        cls.__hash__ = Node.__hash__  # type: ignore[method-assign]
        cls.__eq__ = Node.__eq__  # type: ignore[method-assign]


finish(Node)
