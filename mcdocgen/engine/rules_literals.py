"""The local derivative of a vector written by components that are functions of one vector's entries
(a lecture's ``y = [log(g[0]), sin(g[1])]``): the matrix of the components' derivatives, registered on
``rules.rules_for`` for literals when this module is imported (``engine`` imports it).

Entry (i, j) of the Jacobian is the derivative of component i by entry j of v: the component's
differential (engine.differential) with dv the j-th unit vector, simplified. Any other literal
keeps the rule of a literal of operands, one unit vector per slot (rules.rule_lit).
"""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.engine.differential import differential, dvar
from mcdocgen.engine.literals import literal_operand
from mcdocgen.engine.rules import OperandRule, RuleId, rule_lit, rules_for
from mcdocgen.engine.simplify import simplify
from mcdocgen.language import Lit, Node, Var


@rules_for.register
def rule_components(node: Lit) -> tuple[OperandRule, ...]:
    """d [c_1(v), ..., c_k(v)] / dv = [dc_i / dv_j]: a vector by components of one vector's entries."""
    v = literal_operand(node)
    if v is None:
        return rule_lit(node)
    jac = jacobian_of_components(node, v)

    def back(g: Node) -> Node:
        out = E.matmul(E.transpose(jac), g)
        return out if out.shape == v.shape else E.transpose(out)

    return (OperandRule(0, RuleId.LITERAL, jac, back),)


def jacobian_of_components(node: Lit, v: Var) -> Node:
    """The k x p matrix (numerator layout) of the derivatives of the k components by v's p entries."""
    length = int(v.shape.length)
    directions = [E.num(1)] if v.shape.is_scalar else [E.Unit(v.shape, j, 0) for j in range(length)]
    rows = []
    for (component,) in node.rows:
        change = differential(component, v.name)
        rows.append(tuple(E.num(0) if change is None else simplify(E.substitute(change, {dvar(v).name: d}))
                          for d in directions))
    return E.lit(tuple(rows))
