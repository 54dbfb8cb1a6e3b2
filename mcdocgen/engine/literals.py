"""Which literals a derivation keeps whole: a vector written by components of one vector's entries.

A lecture may name such a vector as a step (``y = [log(g[0]), sin(g[1])]``): it is then one
intermediate (engine.decompose), one operand slot (rules.operands) and one local derivative, the
matrix of the components' derivatives (engine.rules_literals).
"""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.language import (
    NON_SMOOTH, Add, Div, Dot, Func, Index, Lit, MatMul, Mean, Mul, Neg, Node, Num, Pow, Sum, Transpose, Var,
)

# The operations a component may use: each has a differential rule (engine.differential) and is smooth
# (a kink needs the subgradient's own step); a literal with any other is split entry by entry as before.
_SMOOTH = (Lit, Num, Var, Index, Add, Neg, Mul, Div, Pow, Sum, Mean, Dot, MatMul, Transpose)


def _smooth(node: Node) -> bool:
    return all(isinstance(n, _SMOOTH) or (isinstance(n, Func) and n.fn not in NON_SMOOTH) for n in E.walk(node))


def literal_operand(node: Node) -> Var | None:
    """``v`` when the node is a vector written by components that are functions of the entries of one
    vector ``v`` of concrete length (or of one scalar), at least one of them an operation: ``[log(g[0]),
    sin(g[1])]``. A lecture's step may be written so (engine.decompose keeps it whole); its local
    derivative is then the matrix of the components' derivatives by v's entries (engine.rules_literals)."""
    if not isinstance(node, Lit) or not node.shape.is_column:
        return None
    found = {n for n in E.walk(node) if isinstance(n, Var)}
    if len(found) != 1:
        return None
    (v,) = found
    concrete = v.shape.is_scalar or (v.shape.is_column and v.shape.rows.is_Integer)
    compound = any(not isinstance(row[0], (Var, Num)) and v in set(E.walk(row[0])) for row in node.rows)
    return v if concrete and compound and _smooth(node) else None
