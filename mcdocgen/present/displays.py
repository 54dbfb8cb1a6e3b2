"""The display formulas of one layout's steps, each as rows broken to fit a phone (``present.lines``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mcdocgen.present.lines import equation_rows


@dataclass(frozen=True, slots=True)
class Displays:
    """The display formulas of one layout's steps as rows (``equation_rows``); empty where not shown."""

    chain: tuple[str, ...] = ()         # lhs = the chain's fractions = their values
    product: tuple[str, ...] = ()       # lhs = the simplified product
    result: tuple[str, ...] = ()        # lhs = the result
    step: tuple[str, ...] = ()          # one step: lhs = its value
    assumed: tuple[str, ...] = ()       # lhs = the result before A^T = A was used
    restriction: tuple[str, ...] = ()   # lhs = sym(G) = ...
    put_back: tuple[str, ...] = ()      # lhs = the product with the intermediates put back, unsimplified
    put_back_where: tuple[str, ...] = ()    # the names the put-back row uses, defined (present.naming)
    result_where: tuple[str, ...] = ()      # the names the result uses, defined
    assumed_identity: str = ""              # A^T = A, ... in the names of the assumed row (not a display: inline)


NO_DISPLAYS = Displays()


def displays(lhs: str, paths: Sequence[Sequence[str]], values: str, product: str, result: str, step: str,
             assumed: str, restriction: str, put_back: str = "", assumed_identity: str = "") -> Displays:
    """Every display formula of one layout's steps, as rows; ``paths``: the chain's fractions, path by
    path (written with a space between fractions where the chain is broken, so that a path can break
    between them; side by side where it fits one row, as the chain's symbol is written elsewhere)."""
    def rows(*sides: str) -> tuple[str, ...]:
        return equation_rows(lhs, *sides) if all(sides) else ()
    chain = rows(" + ".join(" ".join(path) for path in paths), values)
    if len(chain) == 1:
        chain = (f"{lhs} = {' + '.join(''.join(path) for path in paths)} = {values}",)
    return Displays(chain, rows(product), rows(result), rows(step), rows(assumed), rows(restriction), rows(put_back),
                    assumed_identity=assumed_identity)
