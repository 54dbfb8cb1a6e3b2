"""A printer that writes a problem's names (``naming``) for the parts they stand for: the formulas built from
several trees (the restriction row, a fact's definitions), whose "where" line lists the names it wrote."""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.language import Node, shapes
from mcdocgen.language.walks import free_vars
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.naming import Name, Naming


class NamedPrinter(McLatexPrinter):
    """A printer that writes a problem's names for the parts they stand for, and remembers which it
    wrote (for the "where" line of a formula built from several trees: the restriction row)."""

    def __init__(self, base: McLatexPrinter, naming: Naming) -> None:
        super().__init__(base.names, base.function)
        self.naming = naming
        self.written: set[str] = set()

    def doprint(self, expr: object) -> str:
        if isinstance(expr, Node):
            expr = self.naming.named(expr)     # the set-up's names all or none, as in a row
            self.written |= free_vars(expr)
        return str(super().doprint(expr))

    def used(self) -> tuple[Name, ...]:
        """The names written so far, with those their definitions use, in definition order."""
        return self.naming.used([E.var(name, shapes.SCALAR) for name in sorted(self.written)])
