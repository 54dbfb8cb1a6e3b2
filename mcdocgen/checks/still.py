"""Which entries of a kink's argument are identically zero at concrete sizes: no kink of the function there.

abs(outer(x, ones(n)) - outer(ones(n), x)) has x_i - x_i on its diagonal: abs of it is 0 whatever x is, so those
entries are no kink, keep no point away, and have no two sides to compare. Each entry (i, j) of the argument is
written as a scalar tree of the variables' entries (``x[i]``, and any operation this does not open, ``@`` of
an inverse say, as its own entry ``A[i, j]``), and asked of the parser's exact zero test (``language.zeros``:
one home for what is identically zero). The work is bounded: at most :data:`MAX_ENTRY_NODES` scalar nodes for one
argument at one set of sizes, and the zero test's one budget for all its entries; over either, no entry is
taken to be identically zero, so every entry is a possible kink, as before.
"""

from __future__ import annotations

import functools

import numpy as np
from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.language.shapes import size_symbol
from mcdocgen.language.zeros import Budget, is_zero
from mcdocgen.checks.walk import Sizes, dimension

MAX_ENTRY_NODES = 20_000   # scalar nodes written for one argument's entries at one set of sizes


class _Over(Exception):
    """The entries took more than MAX_ENTRY_NODES nodes to write."""


def still_entries(node: Node, sizes: Sizes) -> np.ndarray | None:
    """A boolean array of ``node``'s value's shape at ``sizes``, True where the entry is identically zero
    (as far as the bounded test finds); None where none is (the common case: nothing to mask)."""
    return _still(node, tuple(sorted((s.name, v) for s, v in sizes.items())))


def kink_gaps(value: np.ndarray, node: Node, sizes: Sizes) -> np.ndarray:
    """|value| of the entries of a kink's argument ``node`` (its ``value`` at a point) that can be a kink,
    flattened: the identically zero ones left out."""
    gaps = np.abs(np.asarray(value))
    still = still_entries(node, sizes)
    if still is None or still.shape != gaps.shape:
        flat: np.ndarray = gaps.ravel()
        return flat
    out: np.ndarray = gaps[~still]
    return out


@functools.lru_cache(maxsize=512)
def _still(node: Node, named: tuple[tuple[str, int], ...]) -> np.ndarray | None:
    sizes = {size_symbol(name): value for name, value in named}
    writer = _Entries(sizes)
    try:
        rows, cols = writer.dims(node)
        entries = [[writer.entry(node, i, j) for j in range(cols)] for i in range(rows)]
    except _Over:
        return None
    budget = Budget()    # one budget for the whole argument: the expansions stay bounded however many entries
    still = np.array([[is_zero(e, budget) for e in row] for row in entries], dtype=bool)
    return still if still.any() else None


class _Entries:
    """Entry (i, j) of a tree at concrete sizes, as a scalar tree of the variables' entries."""

    def __init__(self, sizes: Sizes) -> None:
        self.sizes = sizes
        self.written: dict[tuple[Node, int, int], Node] = {}
        self.spent = 0      # scalar nodes written: an entry of a product of inner size k is k products and a sum

    def dims(self, node: Node) -> tuple[int, int]:
        return dimension(node.shape.rows, self.sizes), dimension(node.shape.cols, self.sizes)

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
