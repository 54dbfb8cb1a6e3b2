"""The name of a rule where the operands, not the operation alone, decide it: one home for the names
a local derivative (the backward route), a forward step and a differential step show."""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.engine.rules import NoRule, RuleId, operands, rules_for
from mcdocgen.language import Node


def rule_name(rule: RuleId, node: Node, slots: tuple[Node, ...], slot: int, dependent: set[str]) -> RuleId:
    """A product c u of scalars, or a quotient u / c by a scalar c, whose other operand does not depend on the variable
    (``dependent``: the variable and the intermediates that depend on it) is named as a textbook
    names it, the constant multiple rule, not the product or quotient rule: d(c u)/du = c. An
    elementwise function of a scalar is a scalar function: g'(u), no diagonal."""
    if rule is RuleId.ELEMENTWISE and node.shape.is_scalar:
        return RuleId.SCALAR_FUNCTION
    scaled = rule is RuleId.PRODUCT or (rule is RuleId.QUOTIENT and slot == 0)
    if scaled and len(slots) == 2 and slots[1 - slot].shape.is_scalar and not E.depends_on(slots[1 - slot], dependent):
        # an array over a constant scalar is (1 / c) u, no quotient rule used: the scalar multiple c I, as a fixed
        # scalar times an array is named (one name for one operation on a page, review s37 C-6)
        return RuleId.CONSTANT_MULTIPLE if node.shape.is_scalar else RuleId.SCALAR_MULTIPLE
    return rule


def step_rules(definition: Node, changing: frozenset[str], rule: RuleId) -> tuple[RuleId, ...]:
    """The rules a step by the differential's rule ``rule`` used (a forward or a differential step),
    named as the backward route names them by operand where the differential's name is coarse: a
    scalar added to every entry is the scalar expansion, a changing scalar times a fixed array is
    scaled by the variable, a fixed scalar times a changing array the scalar multiple; two changing
    factors are the product rule; a function of a scalar is a scalar function; a quotient by a fixed scalar is
    the constant multiple rule, as the chain names it (u / c by u)."""
    if rule is RuleId.QUOTIENT and not E.depends_on(operands(definition)[1], set(changing)):
        return (rule_name(rule, definition, operands(definition), 0, set(changing)),)
    if rule not in (RuleId.SUM_RULE, RuleId.SCALAR_MULTIPLE):
        return (rule_name(rule, definition, (), 0, set(changing)),)
    found = rules_for(definition)
    if isinstance(found, NoRule):
        return (rule,)
    slots = operands(definition)
    moving = [r for r in found if E.depends_on(slots[r.slot], set(changing))]
    if isinstance(definition, E.Mul) and len(moving) > 1:
        return (RuleId.PRODUCT,)
    named = [rule_name(r.rule, definition, slots, r.slot, set(changing)) for r in moving]
    return tuple(dict.fromkeys(named)) or (rule,)
