"""The operations a problem's expression uses, read off its parsed tree: the site's index by
operation (problems/by-operation/) lists every problem under each of them, on a page per operation
(:func:`operation_pages`). Never a hand-kept list."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from mcdocgen import language as E
from mcdocgen.catalog import Problem
from mcdocgen.engine.vecform import needs_vec_form
from mcdocgen.language import Node


class Operation(StrEnum):
    """In the order the index lists them (its headings); the value is the heading."""

    POWER = "Powers"
    PRODUCT = "Matrix products"
    DOT = "Dot and outer products"
    SUM = "Sums and means"
    ELEMENTWISE = "Elementwise functions"
    HADAMARD = "Hadamard product"
    SOFTMAX = "Softmax and log-sum-exp"
    QUADRATIC = "Quadratic forms"
    NORM = "Norms"
    TRACE = "Traces"
    DETERMINANT = "Determinants"
    INVERSE = "Inverses"
    DIAGONAL = "Diagonal matrices"
    KRONECKER = "Kronecker products and vec forms"
    SYMMETRIC = "Symmetric matrices"
    SECOND = "Second derivatives"

    @property
    def anchor(self) -> str:
        return self.name.lower()

    @property
    def listed(self) -> str:
        """Which problems its page lists, after "The 12 problems": what :func:`operations` reads."""
        return {Operation.KRONECKER: "whose expression uses a Kronecker product or vec, or whose derivative is "
                                     "written in vec form",
                Operation.SYMMETRIC: "with a variable declared symmetric",
                Operation.SECOND: "with a second derivative"}.get(self, "whose expression uses this operation")


_BY_NODE: dict[type, Operation] = {
    E.MatMul: Operation.PRODUCT, E.Dot: Operation.DOT, E.Outer: Operation.DOT,
    E.Sum: Operation.SUM, E.Mean: Operation.SUM, E.Func: Operation.ELEMENTWISE, E.Maximum: Operation.ELEMENTWISE,
    E.Softmax: Operation.SOFTMAX, E.LogSumExp: Operation.SOFTMAX, E.Norm: Operation.NORM, E.Norm1: Operation.NORM,
    E.Trace: Operation.TRACE, E.Det: Operation.DETERMINANT, E.LogDet: Operation.DETERMINANT,
    E.Inv: Operation.INVERSE, E.Diag: Operation.DIAGONAL, E.Kron: Operation.KRONECKER, E.Vec: Operation.KRONECKER,
    E.Commutation: Operation.KRONECKER, E.Sym: Operation.SYMMETRIC,
}


def operations(problem: Problem) -> tuple[Operation, ...]:
    """Every operation of the expression (its steps are parts of it), in :class:`Operation` order."""
    found: set[Operation] = set()
    for node in E.walk(problem.expression):
        op = _BY_NODE.get(type(node))
        if op is not None:
            found.add(op)
        if isinstance(node, E.Pow):   # entrywise in the language: X ** -1 is no inverse
            found.add(Operation.POWER)
        elif isinstance(node, E.Mul) and not node.left.shape.is_scalar and not node.right.shape.is_scalar:
            found.add(Operation.HADAMARD)
        if _is_quadratic(node):
            found.add(Operation.QUADRATIC)
    if any(v.symmetric for v in problem.variables):
        found.add(Operation.SYMMETRIC)
    if problem.hessian:
        found.add(Operation.SECOND)
    if _vec_form(problem):
        found.add(Operation.KRONECKER)
    return tuple(op for op in Operation if op in found)


def _vec_form(problem: Problem) -> bool:
    """Whether a derivative of the problem is written in vec form, with Kronecker products: a matrix
    function (or a vector function by a matrix) by anything but a scalar, or a Hessian by a matrix.
    A student looking for vec forms finds them here, not only the expressions with a ``kron``."""
    shape = problem.expression.shape
    by = {v.name: v.shape for v in problem.variables}
    return (any(not by[w].is_scalar and needs_vec_form(shape, by[w]) for w in problem.wrt)
            or any(not by[w].is_vector_like for w in problem.hessian))


def _is_quadratic(node: Node) -> bool:
    """A scalar product (``x.T @ A @ x``, ``dot(x, A @ x)``) in which one vector variable occurs twice."""
    if not isinstance(node, E.MatMul | E.Dot) or not node.shape.is_scalar:
        return False
    seen: list[str] = [n.name for n in E.walk(node) if isinstance(n, E.Var) and n.shape.is_vector_like
                       and not n.shape.is_scalar]
    return len(seen) != len(set(seen))


#: At most this many problems on one page of the index by operation: a longer list goes on over
#: several pages ("Matrix products, 101–200"), so that no page grows with the catalog (issue 15:
#: the index was one page of every problem under each operation, 480 KB at 263 problems).
OPERATION_ROWS = 100


@dataclass(frozen=True, slots=True)
class OperationPage:
    op: Operation
    title: str      # the operation's heading, with the range of its problems where it has several pages
    slug: str       # the page's file name: the operation's anchor, then -2, -3 for the pages after its first
    first: int      # its problems: [first, last) of the operation's, in teaching order
    last: int


def operation_pages(counts: Mapping[Operation, int]) -> list[OperationPage]:
    """The index's pages, in :class:`Operation` order, each operation's problems cut into pages of
    :data:`OPERATION_ROWS`; an operation no problem uses has none. ``counts``: its problems."""
    out = []
    for op in Operation:
        n = counts.get(op, 0)
        for first in range(0, n, OPERATION_ROWS):
            last = min(first + OPERATION_ROWS, n)
            title = op.value if n <= OPERATION_ROWS else f"{op.value}, {first + 1}\u2013{last}"
            suffix = "" if first == 0 else f"-{first // OPERATION_ROWS + 1}"
            out.append(OperationPage(op, title, f"{op.anchor}{suffix}", first, last))
    return out
