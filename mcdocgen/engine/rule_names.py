"""The name of a local derivative's rule where the operands, not the operation alone, decide it."""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.engine.rules import RuleId
from mcdocgen.language import Node


def rule_name(rule: RuleId, node: Node, slots: tuple[Node, ...], slot: int, dependent: set[str]) -> RuleId:
    """A scalar product c u, or quotient u / c, whose other operand does not depend on the variable
    (``dependent``: the variable and the intermediates that depend on it) is named as a textbook
    names it, the constant multiple rule, not the product or quotient rule: d(c u)/du = c."""
    scaled = rule is RuleId.PRODUCT or (rule is RuleId.QUOTIENT and slot == 0)
    if scaled and node.shape.is_scalar and len(slots) == 2 and not E.depends_on(slots[1 - slot], dependent):
        return RuleId.CONSTANT_MULTIPLE
    return rule
