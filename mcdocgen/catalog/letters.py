"""Letters the notation reserves, given to a problem's scalar: ``mcdocgen check`` warns (review s36 B-2).

A page writes the differential as d (d x, d e) and Euler's number as e. A scalar of the problem named d
is printed beside them: Huber's threshold d gave "d e" in the set-up (d times e, or the differential of e?)
and "d 1 - (a - e)" in the put-back; attention's key dimension d gave the shape (m, d m) beside d K. So a
scalar variable named d or e, or a size of those names that the expression writes as a factor (1 / sqrt(d)),
is reported, with the letter a textbook uses instead where there is one. A size that only stands in shapes
((N, d)) or as a whole term (KL's "- d") reads as what it is, and a bold vector (e, d) is another glyph.
"""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.catalog.records import Problem
from mcdocgen.language import Node

#: Each reserved letter and what a page prints it as.
RESERVED = {"d": "the differential's d (as in d x)", "e": "Euler's number e"}


def letter_clashes(problem: Problem) -> tuple[str, ...]:
    """What the problem names with a reserved letter, where a page would print it as one, in words."""
    said = [f"the scalar {v.name} reads as {RESERVED[v.name]}" for v in problem.variables
            if v.name in RESERVED and v.shape.is_scalar]
    factors = _factors(problem.expression)
    said += [f"the size {s}, a factor in the expression, reads as {RESERVED[s]}" for s in problem.sizes
             if s in RESERVED and s in factors]
    return tuple(f"{problem.id}: {s}; name it otherwise (a subscript, d_k, or the source's own letter)" for s in said)


def _factors(node: Node, whole_term: bool = True) -> set[str]:
    """The sizes ``node`` writes as numbers other than a whole term of a sum (or its negation)."""
    if isinstance(node, E.Num):
        return set() if whole_term else {str(s) for s in getattr(node.value, "free_symbols", ())}
    term = isinstance(node, E.Add) or (whole_term and isinstance(node, E.Neg))    # (... - d + ...) / 2: d is a term
    return set().union(*(_factors(k, term) for k in node.children()))
