"""The typed tree of an expression: one frozen node class per operation, and walks over a tree.

Nodes are data only; they are built (with their shapes checked) by :mod:`mcdocgen.language.build`.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from dataclasses import MISSING, dataclass, field, fields
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar

import sympy

from mcdocgen.language.shapes import Dim, Layout, Shape

if TYPE_CHECKING:  # Func's function: the registry builds nodes, so it sits above this module
    from mcdocgen.language.functions import Fn


# ---------------------------------------------------------------- nodes


@dataclass(frozen=True, slots=True)
class Node:
    """A node of an expression's tree: every node knows its shape."""

    shape: Shape
    # Set once by the constructor (see _finish): the hash, from the children's hashes (trees are
    # hashed as dict keys at every level: recomputed, a deep tree's hash made derive quadratic in
    # depth), and the operands in order.
    _hash: int = field(default=0, init=False, repr=False, compare=False, hash=False)
    _kids: tuple[Node, ...] = field(default=(), init=False, repr=False, compare=False, hash=False)
    # Set on each class by _finish: the values that make a node (its fields but the two above).
    _values: ClassVar[attrgetter[Any]]

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        if type(other) is not type(self) or not isinstance(other, Node):
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


@dataclass(frozen=True, slots=True)
class Unary(Node):
    """An operation on one operand (its only child)."""

    arg: Node



@dataclass(frozen=True, slots=True)
class Binary(Node):
    """An operation on two operands, in order."""

    left: Node
    right: Node



@dataclass(frozen=True, slots=True)
class Var(Node):
    """A declared variable (or, inside derivations, a named intermediate)."""

    name: str
    symmetric: bool = False
    intermediate: bool = False


@dataclass(frozen=True, slots=True)
class Num(Node):
    """A constant scalar: a number or a size such as ``N``."""

    value: sympy.Expr


@dataclass(frozen=True, slots=True)
class Add(Node):
    """``a + b + ...``: equal shapes, or a scalar added to every entry."""

    terms: tuple[Node, ...]



@dataclass(frozen=True, slots=True)
class Neg(Unary):
    """``-a``."""


@dataclass(frozen=True, slots=True)
class Mul(Binary):
    """``a * b``: a scalar scaling anything, or the elementwise (Hadamard) product."""


@dataclass(frozen=True, slots=True)
class Div(Binary):
    """``a / b``: a scalar divisor, or the elementwise quotient."""


@dataclass(frozen=True, slots=True)
class Pow(Node):
    """``base ** exp``: entrywise, with a scalar exponent."""

    base: Node
    exp: Node



@dataclass(frozen=True, slots=True)
class MatMul(Binary):
    """``a @ b``: the matrix product."""


@dataclass(frozen=True, slots=True)
class Transpose(Unary):
    """``a.T``."""


@dataclass(frozen=True, slots=True)
class Func(Node):
    """``fn(arg)``: an elementwise function of the language (see :mod:`mcdocgen.language.functions`)."""

    fn: Fn
    arg: Node



@dataclass(frozen=True, slots=True)
class Maximum(Binary):
    """``maximum(a, b)``: the entrywise larger of two arrays (or of an array and a scalar)."""


@dataclass(frozen=True, slots=True)
class Sum(Unary):
    """``sum(a)``: the sum of the entries."""


@dataclass(frozen=True, slots=True)
class Mean(Unary):
    """``mean(a)``: the mean of the entries."""


@dataclass(frozen=True, slots=True)
class Norm(Unary):
    """``norm(a)``: the Euclidean (Frobenius) norm."""


@dataclass(frozen=True, slots=True)
class Dot(Binary):
    """``dot(a, b)``: the inner product of two vectors of one length."""


@dataclass(frozen=True, slots=True)
class Trace(Unary):
    """``tr(a)``: the trace of a square matrix."""


@dataclass(frozen=True, slots=True)
class Det(Unary):
    """``det(a)``: the determinant of a square matrix."""


@dataclass(frozen=True, slots=True)
class Inv(Unary):
    """``inv(a)``: the inverse of a square matrix."""


@dataclass(frozen=True, slots=True)
class Diag(Unary):
    """``diag(v)``: the diagonal matrix of a vector, or the diagonal of a square matrix."""


@dataclass(frozen=True, slots=True)
class Softmax(Unary):
    """``softmax(v)``: ``exp(v) / sum(exp(v))`` of a vector, the shape of ``v``."""


@dataclass(frozen=True, slots=True)
class LogSumExp(Unary):
    """``logsumexp(v)``: ``log(sum(exp(v)))`` of a vector, a scalar."""


@dataclass(frozen=True, slots=True)
class Norm1(Unary):
    """``norm1(v)``: ``sum(abs(v))`` of a vector, a scalar (a corner where an entry is 0)."""


@dataclass(frozen=True, slots=True)
class LogDet(Unary):
    """``logdet(M)``: ``log(det(M))`` of a square matrix with a positive determinant."""


@dataclass(frozen=True, slots=True)
class Outer(Binary):
    """``outer(a, b)``: the outer product of two vectors."""


@dataclass(frozen=True, slots=True)
class Vec(Unary):
    """``vec(a)``: the columns of ``a`` stacked into one column (column-major), m x n -> mn x 1."""


@dataclass(frozen=True, slots=True)
class Kron(Binary):
    """``kron(a, b)``: the Kronecker product, (p, q) and (r, s) -> (pr, qs)."""


@dataclass(frozen=True, slots=True)
class Sym(Unary):
    """``sym(a)``: the symmetric part ``(a + a.T) / 2`` of a square matrix."""


@dataclass(frozen=True, slots=True)
class Commutation(Node):
    """``commutation(m, n)``: the mn x mn permutation with ``commutation(m, n) @ vec(X) == vec(X.T)``
    for an m x n matrix X. It carries m and n: its shape alone (mn, mn) does not tell them apart."""

    m: Dim
    n: Dim


@dataclass(frozen=True, slots=True)
class Eye(Node):
    """The identity matrix of the node's (square) shape."""


@dataclass(frozen=True, slots=True)
class Ones(Node):
    """All-ones array of the node's shape (``ones(n)`` is a column)."""


@dataclass(frozen=True, slots=True)
class Zero(Node):
    """All-zeros array of the node's shape."""


@dataclass(frozen=True, slots=True)
class Index(Node):
    """``a[i]`` or ``A[i, j]``: one entry (0-based), a scalar."""

    arg: Node
    row: int
    col: int



@dataclass(frozen=True, slots=True)
class Unit(Node):
    """The array of the node's shape with a one at (row, col) and zeros elsewhere."""

    row: int
    col: int


@dataclass(frozen=True, slots=True)
class Grad(Node):
    """Placeholder for the derivative of the function with respect to an intermediate.

    Only derivations create it (never the parser); ``layout`` says which view it stands for.
    """

    function: str
    of: str
    layout: Layout = Layout.DENOMINATOR


@dataclass(frozen=True, slots=True)
class Lit(Node):
    """A vector or matrix written by components (rows of scalar expressions)."""

    rows: tuple[tuple[Node, ...], ...]



def _constructor(cls: type[Node]) -> Callable[..., None]:
    """The class's ``__init__``, in place of the one its dataclass generated: the same parameters, set
    through the slots' own setters, then the hash and the operands computed once. Written as source from
    the class's own field names and compiled, as dataclasses does (never from input text)."""
    params, lines, hashes, kids = [], [], [str(zlib.crc32(cls.__name__.encode()))], []
    scope: dict[str, Any] = {"_set_hash": vars(Node)["_hash"].__set__, "_set_kids": vars(Node)["_kids"].__set__}
    for f in fields(cls):
        if not f.init:
            continue
        scope[f"_set_{f.name}"] = getattr(cls, f.name).__set__
        if f.default is not MISSING:
            scope[f"_default_{f.name}"] = f.default
        params.append(f.name if f.default is MISSING else f"{f.name}=_default_{f.name}")
        lines.append(f"_set_{f.name}(self, {f.name})")
        # a child's and the shape's hashes are computed already: read, not asked for
        hashes.append(f"{f.name}._hash" if f.type in ("Node", "Shape") else f"hash({f.name})")
        if f.type == "Node":
            kids.append(f"{f.name},")
        elif f.type == "tuple[Node, ...]":
            kids.append(f"*{f.name},")
        elif f.type == "tuple[tuple[Node, ...], ...]":
            kids.append(f"*(e for row in {f.name} for e in row),")
    lines.append(f"_set_hash(self, hash(({', '.join(hashes)},)) or 1)")
    lines.append(f"_set_kids(self, ({' '.join(kids)}))")
    source = f"def __init__(self, {', '.join(params)}):\n" + "".join(f"    {line}\n" for line in lines)
    exec(source, scope)  # our own source, made from the field names above
    init: Callable[..., None] = scope["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


def _finish() -> None:
    """Give each node class its constructor, its values, and the Node's hash and equality (in place of
    the ones its dataclass generated, which build and hash a tuple of the fields every time)."""
    def classes(cls: type[Node]) -> Iterator[type[Node]]:
        yield cls
        for sub in cls.__subclasses__():
            if "__slots__" in sub.__dict__:  # not the class as written, which dataclass(slots=True) replaced
                yield from classes(sub)

    for cls in classes(Node):
        cls._values = attrgetter(*(f.name for f in fields(cls) if f.init))
        cls.__init__ = _constructor(cls)  # type: ignore[method-assign]
        cls.__hash__ = Node.__hash__  # type: ignore[method-assign]
        cls.__eq__ = Node.__eq__  # type: ignore[method-assign]


_finish()


# ---------------------------------------------------------------- walks


def walk(node: Node) -> Iterator[Node]:
    """All nodes, parents before children (children in order); with a stack, not nested generators,
    whose every node would pass up through each generator above it."""
    stack = [node]
    pop, extend = stack.pop, stack.extend
    while stack:
        n = pop()
        yield n
        kids = n._kids
        if kids:
            extend(reversed(kids))


def count_nodes(node: Node, limit: int) -> int:
    """The number of nodes of the tree, counted up to ``limit + 1`` only (a bound, cheap on huge trees)."""
    count, stack = 0, [node]
    pop, extend = stack.pop, stack.extend
    while stack and count <= limit:
        count += 1
        extend(pop()._kids)
    return count


def free_vars(node: Node) -> frozenset[str]:
    """The names of the variables a tree uses."""
    found: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if type(n) is Var:
            found.add(n.name)
        else:
            stack.extend(n._kids)
    return frozenset(found)


def depends_on(node: Node, names: frozenset[str] | set[str]) -> bool:
    """Whether a tree uses any of the named variables."""
    stack = [node]
    while stack:
        n = stack.pop()
        if type(n) is Var:
            if n.name in names:
                return True
        else:
            stack.extend(n._kids)
    return False
