"""Which literals a derivation keeps whole: a vector written by components of one vector's entries.

A lecture may name such a vector as a step (``y = [log(g[0]), sin(g[1])]``): it is then one
intermediate (engine.decompose), one operand slot (rules.operands) and one local derivative, the
matrix of the components' derivatives (engine.rules_literals).
"""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.language import Lit, Node, Num, Var


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
    return v if concrete and compound else None
