"""Which entries of a kink's argument are identically zero at concrete sizes: no kink of the function there.

abs(outer(x, ones(n)) - outer(ones(n), x)) has x_i - x_i on its diagonal: abs of it is 0 whatever x is, so those
entries are no kink, keep no point away, and have no two sides to compare. An entry (i, j) of the argument is
written as a scalar tree of the variables' entries (``x[i]``, and any operation this does not open, ``@`` of
an inverse say, as its own entry ``A[i, j]``), and asked of the parser's exact zero test (``language.zeros``:
one home for what is identically zero).

Only the entries near zero at the point in hand are asked (an entry identically zero is zero there, up to rounding),
so a point clear of every kink costs nothing. The work is bounded (SymPy reads a scalar node in about a
millisecond): at most :data:`MAX_ENTRY_NODES` scalar nodes to write one entry and a budget of
:data:`EXPANDED_TERMS` for the zero test to expand it, and at most :data:`MAX_POINT_NODES` for all the entries asked
at one point, in a fixed order, an entry's nodes counted whether its answer is remembered or not: the mask is a
function of the argument, the sizes and the entries near zero alone (reproducible, whatever was asked before).
Over a bound an entry is not taken to be identically zero: a possible kink, as before.
"""

from __future__ import annotations

import functools

import numpy as np
import sympy

from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.language.shapes import size_symbol
from mcdocgen.language.zeros import Budget, is_zero
from mcdocgen.checks.walk import Sizes, dimension

# scalar nodes written for one entry (an entry of A @ B of inner size k: 2 k + 1). A quadratic form's entry grows as
# 6 k^2: x^T (A - A^T) x takes 149 nodes at n = 4, 226 at 5, 319 at 6; 400 covers every size drawn where no index
# raises them (2 to 5, checks.sampling) with room for more terms (at 200 it was a possible kink at n = 5)
MAX_ENTRY_NODES = 400
MAX_POINT_NODES = 1_000    # scalar nodes for all the entries asked at one point
EXPANDED_TERMS = 64       # terms the zero test may expand for one entry (the parser's own budget is larger: 300;
#                           x^T (A - A^T) x at n = 5 expands 40, x^T A x - x^T A^T x 50)
MEMO_SIZE = 8192           # entries whose answer is remembered (each a pure function of the argument, sizes, place)


class _Over(Exception):
    """An entry took more than MAX_ENTRY_NODES nodes to write."""


def still_among(node: Node, sizes: Sizes, value: np.ndarray, margin: float) -> np.ndarray:
    """A boolean array of ``value``'s shape (``node``'s value at a point, at ``sizes``): True at the entries
    below ``margin`` there that are identically zero (as far as the bounded test finds)."""
    near = np.abs(np.asarray(value)) < margin
    still = np.zeros(near.shape, dtype=bool)
    named = tuple(sorted((s.name, v) for s, v in sizes.items()))
    if not near.any() or near.shape != _dims(node, named):
        return still
    spent = 0
    for i, j in np.argwhere(near):     # row by row: a fixed order
        answer, cost = _still_entry(node, named, int(i), int(j))
        spent += cost
        if spent > MAX_POINT_NODES:
            break
        still[i, j] = answer
    return still


def still_and_free(node: Node, sizes: Sizes, value: np.ndarray, margin: float) -> tuple[np.ndarray, np.ndarray]:
    """still_among's mask flattened, and the flat indices of the other entries: those a check may pick as the kink
    to reach or cross (none where every entry is still)."""
    still = still_among(node, sizes, value, margin).ravel()
    return still, np.flatnonzero(~still)


def all_still(argument: Node, draws: int) -> str:
    """What a check at a kink says where, at every one of its ``draws``, every entry of the kink's argument was
    identically zero: no kink, no place to reach, no two sides (the subgradient and removed-kink checks: one wording)."""
    entries = "" if argument.shape.is_scalar else "every entry of "
    return (f"at every one of {draws} draws, {entries}{E.flat_text(argument)} is identically zero: no kink there, "
            "so no place to reach and no two sides to compare")


def kink_gaps(value: np.ndarray, node: Node, sizes: Sizes, margin: float) -> np.ndarray:
    """|value| of the entries of a kink's argument ``node`` (its ``value`` at a point) that can be a kink,
    flattened: those below ``margin`` that are identically zero left out."""
    gaps = np.abs(np.asarray(value))
    out: np.ndarray = gaps[~still_among(node, sizes, gaps, margin)]
    return out


def _sizes(named: tuple[tuple[str, int], ...]) -> dict[sympy.Symbol, int]:
    return {size_symbol(name): value for name, value in named}


def _dims(node: Node, named: tuple[tuple[str, int], ...]) -> tuple[int, int]:
    return _Entries(_sizes(named)).dims(node)


@functools.lru_cache(maxsize=MEMO_SIZE)
def _still_entry(node: Node, named: tuple[tuple[str, int], ...], i: int, j: int) -> tuple[bool, int]:
    """Whether entry (i, j) of ``node`` at these sizes is identically zero: written afresh and asked with a budget
    of its own, so that the answer is the entry's alone; and the nodes it took."""
    writer = _Entries(_sizes(named))
    try:
        entry = writer.entry(node, i, j)
    except _Over:
        return False, writer.spent
    return is_zero(entry, Budget(EXPANDED_TERMS)), writer.spent


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
