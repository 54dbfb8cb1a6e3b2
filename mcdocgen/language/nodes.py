"""The typed tree of an expression: one frozen node class per operation, and walks over a tree.

Nodes are data only; they are built (with their shapes checked) by :mod:`mcdocgen.language.build`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

import sympy

from mcdocgen.language.shapes import Dim, Layout, Shape

if TYPE_CHECKING:  # Func's function: the registry builds nodes, so it sits above this module
    from mcdocgen.language.functions import Fn


# ---------------------------------------------------------------- nodes


@dataclass(frozen=True, slots=True)
class Node:
    """A node of an expression's tree: every node knows its shape."""

    shape: Shape
    # The hash, computed once (see _cache_hashes): trees are hashed as dict keys at every level,
    # and recomputing a deep tree's hash each time made derive and evaluate quadratic in depth.
    _hash: int = field(default=0, init=False, repr=False, compare=False, hash=False)

    def children(self) -> tuple[Node, ...]:
        """The operands, in order (none for a leaf)."""
        return ()


@dataclass(frozen=True, slots=True)
class Unary(Node):
    """An operation on one operand (its only child)."""

    arg: Node

    def children(self) -> tuple[Node, ...]:
        return (self.arg,)


@dataclass(frozen=True, slots=True)
class Binary(Node):
    """An operation on two operands, in order."""

    left: Node
    right: Node

    def children(self) -> tuple[Node, ...]:
        return (self.left, self.right)


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

    def children(self) -> tuple[Node, ...]:
        return self.terms


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

    def children(self) -> tuple[Node, ...]:
        return (self.base, self.exp)


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

    def children(self) -> tuple[Node, ...]:
        return (self.arg,)


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

    def children(self) -> tuple[Node, ...]:
        return (self.arg,)


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

    def children(self) -> tuple[Node, ...]:
        return tuple(e for row in self.rows for e in row)


def _cache_hashes() -> None:
    """Wrap each node class's generated __hash__ / __eq__ / pickling with the cached hash.

    The cache is dropped when pickled: str hashes differ between processes.
    """
    def classes(cls: type[Node]) -> Iterator[type[Node]]:
        yield cls
        for sub in cls.__subclasses__():
            yield from classes(sub)

    for cls in classes(Node):
        def make(generated_hash: Callable[[Node], int], generated_eq: Callable[[Node, object], bool],
                 getstate: Callable[[Node], Any], at: int = [f.name for f in fields(cls)].index("_hash"),
                 ) -> tuple[Callable[[Node], int], Callable[[Node, object], bool], Callable[[Node], list[Any]]]:
            def __hash__(self: Node) -> int:
                h = self._hash
                if not h:
                    h = generated_hash(self) or 1
                    object.__setattr__(self, "_hash", h)
                return h

            def __eq__(self: Node, other: object) -> bool:
                if self is other:
                    return True
                if type(other) is not type(self) or not isinstance(other, Node):
                    return NotImplemented
                if self._hash and other._hash and self._hash != other._hash:
                    return False
                return generated_eq(self, other)

            def __getstate__(self: Node) -> list[Any]:
                state = list(getstate(self))
                state[at] = 0
                return state

            return __hash__, __eq__, __getstate__

        # the dataclass-generated methods, replaced in place on each class
        cls.__hash__, cls.__eq__, cls.__getstate__ = make(  # type: ignore[method-assign,assignment]
            cls.__hash__, cls.__eq__, cls.__getstate__)


_cache_hashes()


# ---------------------------------------------------------------- walks


def walk(node: Node) -> Iterator[Node]:
    """All nodes, parents before children (children in order); with a stack, not nested generators,
    whose every node would pass up through each generator above it."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        kids = n.children()
        if kids:
            stack.extend(reversed(kids))


def count_nodes(node: Node, limit: int) -> int:
    """The number of nodes of the tree, counted up to ``limit + 1`` only (a bound, cheap on huge trees)."""
    count, stack = 0, [node]
    while stack and count <= limit:
        n = stack.pop()
        count += 1
        stack.extend(n.children())
    return count


def free_vars(node: Node) -> frozenset[str]:
    """The names of the variables a tree uses."""
    return frozenset(n.name for n in walk(node) if isinstance(n, Var))


def depends_on(node: Node, names: frozenset[str] | set[str]) -> bool:
    """Whether a tree uses any of the named variables."""
    return any(isinstance(n, Var) and n.name in names for n in walk(node))

