"""Which entries of an array operand are identically zero at concrete sizes, whatever the variables' values.

abs(outer(x, ones(n)) - outer(ones(n), x)) has x_i - x_i on its diagonal: abs of it is 0 whatever x is. An entry
(i, j) of the operand is written as a scalar tree of the variables' entries (``x[i]``, and any operation this does not
open, ``@`` of an inverse say, as its own entry ``A[i, j]``), and asked of the parser's exact zero test
(:mod:`mcdocgen.language.zeros`: one home for what is identically zero). A fact of the language: the engine reads it
(a kink off its argument's diagonal, :func:`only_diagonal_zero`), the checks too (checks.still: the entries near zero
at a sampled point that are no kink).

The work is bounded (SymPy reads a scalar node in about a millisecond): at most :data:`MAX_ENTRY_NODES` scalar nodes
to write one entry and a budget of :data:`EXPANDED_TERMS` for the zero test to expand it, and at most
:data:`MAX_POINT_NODES` for all the entries asked at once, in the order given, an entry's nodes counted whether its
answer is remembered or not: the answer is a function of the operand, the sizes and the entries asked alone
(reproducible, whatever was asked before). Over a bound an entry is not taken to be identically zero.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import sympy

from mcdocgen import language as E
from mcdocgen.language.nodes import Node
from mcdocgen.language.shapes import size_symbol
from mcdocgen.language.walks import walk
from mcdocgen.language.zeros import Budget, is_zero

# scalar nodes written for one entry (an entry of A @ B of inner size k: 2 k + 1). A quadratic form's entry grows as
# 6 k^2: x^T (A - A^T) x takes 149 nodes at n = 4, 226 at 5, 319 at 6; 400 covers every size drawn where no index
# raises them (2 to 5, checks.sampling) with room for more terms (at 200 it was a possible kink at n = 5)
MAX_ENTRY_NODES = 400
MAX_POINT_NODES = 1_000    # scalar nodes for all the entries asked at once (at one point, by the checks)
EXPANDED_TERMS = 64       # terms the zero test may expand for one entry (the parser's own budget is larger: 300;
#                           x^T (A - A^T) x at n = 5 expands 40, x^T A x - x^T A^T x 50)
MEMO_SIZE = 8192           # entries whose answer is remembered (each a pure function of the operand, sizes, place)
#: The sizes an operand is written at to find its entries zero whatever the variables: each size name at one of
#: these plus its place among the names, two rounds, so that a pattern is no one size's accident.
PATTERN_SIZES = (3, 4)

#: sizes by name, sorted: a cache key
Named = tuple[tuple[str, int], ...]


class _Over(Exception):
    """An entry took more than MAX_ENTRY_NODES nodes to write."""


def dims(node: Node, named: Named) -> tuple[int, int]:
    """The operand's rows and columns at the sizes ``named``."""
    return _Entries(named).dims(node)


def still_entries(node: Node, named: Named, asked: Iterable[tuple[int, int]]) -> list[bool]:
    """For the entries asked (in order), whether each is identically zero (as far as the bounded test finds); it
    stops before the entry whose nodes take the count past :data:`MAX_POINT_NODES`: those left are not asked."""
    out: list[bool] = []
    spent = 0
    for i, j in asked:
        answer, cost = _still_entry(node, named, i, j)
        spent += cost
        if spent > MAX_POINT_NODES:
            break
        out.append(answer)
    return out


@functools.lru_cache(maxsize=256)
def only_diagonal_zero(node: Node) -> bool:
    """Whether ``node`` is a square matrix whose diagonal entries, and only they, are zero for every value of the
    variables (pairwise differences, outer(x, 1) - outer(1, x): x_i - x_i), at each of :data:`PATTERN_SIZES`;
    over the bounds an entry counts as not zero, so the answer is False rather than wrong."""
    shape = node.shape
    if shape.is_vector_like or shape.rows != shape.cols:
        return False
    names = sorted({s for n in walk(node) for d in (n.shape.rows, n.shape.cols)
                    for s in sympy.sympify(d).free_symbols}, key=str)
    for first in PATTERN_SIZES:
        named = tuple(sorted((s.name, first + k) for k, s in enumerate(names)))
        side = dims(node, named)[0]
        every = [(i, j) for i in range(side) for j in range(side)]    # row by row: a fixed order
        if still_entries(node, named, every) != [i == j for i, j in every]:    # short: some not asked
            return False
    return True


@functools.lru_cache(maxsize=MEMO_SIZE)
def _still_entry(node: Node, named: Named, i: int, j: int) -> tuple[bool, int]:
    """Whether entry (i, j) of ``node`` at these sizes is identically zero: written afresh and asked with a budget
    of its own, so that the answer is the entry's alone; and the nodes it took."""
    writer = _Entries(named)
    try:
        entry = writer.entry(node, i, j)
    except _Over:
        return False, writer.spent
    return is_zero(entry, Budget(EXPANDED_TERMS)), writer.spent


@functools.lru_cache(maxsize=4096)
def _dimension(dim: sympy.Expr | int, named: Named) -> int:
    """A dimension (a number or a symbolic size) at the sizes ``named``."""
    if isinstance(dim, int):
        return dim
    dim = sympy.sympify(dim)
    return int(dim) if dim.is_number else int(dim.subs({size_symbol(n): v for n, v in named}))


class _Entries:
    """Entry (i, j) of a tree at concrete sizes, as a scalar tree of the variables' entries."""

    def __init__(self, named: Named) -> None:
        self.named = named
        self.written: dict[tuple[Node, int, int], Node] = {}
        self.spent = 0      # scalar nodes written: an entry of a product of inner size k is k products and a sum

    def dims(self, node: Node) -> tuple[int, int]:
        return _dimension(node.shape.rows, self.named), _dimension(node.shape.cols, self.named)

    def at(self, node: Node, i: int, j: int) -> tuple[int, int]:
        """Where entry (i, j) of a broadcast operand is: a scalar's one entry, else (i, j)."""
        return (0, 0) if self.dims(node) == (1, 1) else (i, j)

    def of(self, node: Node, i: int, j: int) -> Node:
        """Entry (i, j) of an operand that may be a scalar broadcast."""
        return self.entry(node, *self.at(node, i, j))

    def element(self, node: Node, k: int) -> Node:
        """Entry k of a vector, a column or a row."""
        return self.entry(node, 0, k) if node.shape.is_row else self.entry(node, k, 0)

    def entry(self, node: Node, i: int, j: int) -> Node:
        key = (node, i, j)
        if key not in self.written:
            self.spent += self._width(node)
            if self.spent > MAX_ENTRY_NODES:
                raise _Over
            self.written[key] = self._write(node, i, j)
        return self.written[key]

    def _width(self, node: Node) -> int:
        """The operands one entry of ``node`` is written with (the nodes it costs, besides theirs)."""
        match node:
            case E.MatMul(left=a):
                return 1 + 2 * self.dims(a)[1]
            case E.Dot(left=a):
                return 1 + 2 * max(self.dims(a))
            case E.Sum(arg=a) | E.Mean(arg=a) | E.Trace(arg=a):
                rows, cols = self.dims(a)
                return 1 + rows * cols
            case E.Add(terms=terms):
                return 1 + len(terms)
        return 1

    def _write(self, node: Node, i: int, j: int) -> Node:
        match node:
            case E.Var(symmetric=symmetric) if self.dims(node) != (1, 1):
                return E.index(node, *((j, i) if symmetric and j < i else (i, j)))  # one name for X[i, j] = X[j, i]
            case E.Zero():
                return E.num(0)
            case E.Ones():
                return E.num(1)
            case E.Eye():
                return E.num(int(i == j))
            case E.Add(terms=terms):
                return E.add(*(self.of(t, i, j) for t in terms))
            case E.Neg(arg=a):
                return E.neg(self.entry(a, i, j))
            case E.Mul(left=a, right=b):
                return E.mul(self.of(a, i, j), self.of(b, i, j))
            case E.Div(left=a, right=b):
                return E.div(self.of(a, i, j), self.of(b, i, j))
            case E.Maximum(left=a, right=b):
                return E.maximum(self.of(a, i, j), self.of(b, i, j))
            case E.Pow(base=a, exp=b):
                return E.power(self.entry(a, i, j), self.entry(b, 0, 0))
            case E.Func(fn=fn, arg=a):
                return E.func(fn, self.entry(a, i, j))
            case E.Transpose(arg=a):
                return self.entry(a, j, i)
            case E.Index(arg=a, row=r, col=c):
                return self.entry(a, r, c)
            case E.Lit(rows=rows):
                return self.entry(rows[i][j], 0, 0)
            case E.Outer(left=a, right=b):
                return E.mul(self.element(a, i), self.element(b, j))
            case E.MatMul(left=a, right=b):
                inner = self.dims(a)[1]
                return E.add(*(E.mul(self.entry(a, i, k), self.entry(b, k, j)) for k in range(inner)))
            case E.Dot(left=a, right=b):
                length = max(self.dims(a))
                return E.add(*(E.mul(self.element(a, k), self.element(b, k)) for k in range(length)))
            case E.Sum(arg=a) | E.Mean(arg=a):
                height, width = self.dims(a)
                total = E.add(*(self.entry(a, r, c) for r in range(height) for c in range(width)))
                return total if isinstance(node, E.Sum) else E.div(total, E.num(height * width))
            case E.Trace(arg=a):
                return E.add(*(self.entry(a, k, k) for k in range(self.dims(a)[0])))
            case E.Diag(arg=a) if a.shape.is_vector_like:
                return self.element(a, i) if i == j else E.num(0)
            case E.Diag(arg=a):
                return self.entry(a, i, i)
            case E.Sym(arg=a):
                return E.div(E.add(self.entry(a, i, j), self.entry(a, j, i)), E.num(2))
        # any other operation (a norm, det, inv, softmax...): itself where a scalar, else its own entry
        return node if self.dims(node) == (1, 1) else E.index(node, i, j)
