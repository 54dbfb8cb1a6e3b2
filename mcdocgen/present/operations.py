"""The operations a problem's expression uses, read off its parsed tree: the site's index by
operation (problems/by-operation.md) lists every problem under each of them. Never a hand-kept list."""

from __future__ import annotations

from enum import StrEnum

from mcdocgen import language as E
from mcdocgen.catalog import Problem
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
    KRONECKER = "Kronecker products and vec"
    SYMMETRIC = "Symmetric matrices"
    SECOND = "Second derivatives"

    @property
    def anchor(self) -> str:
        return self.name.lower()


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
    return tuple(op for op in Operation if op in found)


def _is_quadratic(node: Node) -> bool:
    """A scalar product (``x.T @ A @ x``, ``dot(x, A @ x)``) in which one vector variable occurs twice."""
    if not isinstance(node, E.MatMul | E.Dot) or not node.shape.is_scalar:
        return False
    seen: list[str] = [n.name for n in E.walk(node) if isinstance(n, E.Var) and n.shape.is_vector_like
                       and not n.shape.is_scalar]
    return len(seen) != len(set(seen))
