"""When two subtrees of a page's rows are one part for its names (``naming``): the same terms in another order,
a run of a longer sum's terms or a product's factors, the part's transpose written out, the part under a transpose or an
inverse, and a row with its names put back."""

from __future__ import annotations

from collections import Counter

from mcdocgen import language as E
from mcdocgen.language import Node
from mcdocgen.language.canonical import canonical
from mcdocgen.language.walks import matmul_factors, walk


def run(node: Node, part: Node) -> int | None:
    """Where the terms of the sum ``part`` stand, in order and side by side, among more terms of the
    sum ``node`` (``a + b`` in ``a + b - c``: a textbook names that part too), or None."""
    if type(node) is not E.Add or type(part) is not E.Add or not len(part.terms) < len(node.terms):
        return None
    k = len(part.terms)
    return next((i for i in range(len(node.terms) - k + 1) if node.terms[i:i + k] == part.terms), None)


def reordered(node: Node, part: Node) -> bool:
    """Whether ``node`` is the sum ``part`` with its terms in another order (a b^T + b a^T in one layout,
    b a^T + a b^T in the other): the same part, under the same name."""
    return type(node) is E.Add and type(part) is E.Add and Counter(node.terms) == Counter(part.terms)


def _sums_sorted(node: Node) -> Node:
    """``node`` with every sum's terms in one order: two trees equal up to the order of their sums' terms
    have one such form (putting names back must give the row up to that order, nothing more)."""
    kids = node.children()
    if not kids:
        return node
    new = tuple(_sums_sorted(k) for k in kids)
    return E.rebuild(node, tuple(sorted(new, key=repr)) if type(node) is E.Add else new)


def same_row(named_back: Node, row: Node) -> bool:
    """Whether a row with its names put back is the row: exactly, up to the order of a sum's terms, or up to a
    transpose the row wrote distributed where the page writes a name's (N^T for B^T A^T + C^T: ``transposed``)."""
    return named_back == row or _sums_sorted(named_back) == _sums_sorted(row) or canonical(named_back) == canonical(row)


def transposed(node: Node, part: Node) -> bool:
    """Whether ``node`` is the transpose of the matrix sum ``part`` written out, the transpose distributed over its
    terms (the engine's C^T X (X^T C^T X B B^T + B B^T X^T C^T X) beside N = B B^T X^T C X + X^T C X B B^T): an
    occurrence of the part, written N^T, as (M)^T would be (``language.canonical``'s identities). Not a product's:
    B X M^{-1} reads better than B N^T with N = M^{-T} X^T."""
    return (type(node) is E.Add and type(part) is E.Add and node.shape == part.shape.transpose()
            and not part.shape.is_vector_like and node != part and canonical(node) == canonical(part, True))


def factor_run(node: Node, part: Node) -> tuple[int, bool] | None:
    """Where the factors of the product ``part`` stand side by side among more factors of the product ``node``, or
    those of its transpose written out (X^T X^T in M X^T X^T X for Y = X X: Y^T, as the printer writes (X^2)^T):
    the first factor's place and whether it is the transpose; else None. A product grouped otherwise is one part
    (putting the name back gives the row up to that grouping: ``same_row``)."""
    if type(node) is not E.MatMul or type(part) is not E.MatMul:
        return None
    have, want = matmul_factors(node), matmul_factors(part)
    k = len(want)
    if not k < len(have):
        return None
    turned = [canonical(f, True) for f in reversed(want)]
    for i in range(len(have) - k + 1):
        run = have[i:i + k]
        if run == want:
            return i, False
        if [canonical(f) for f in run] == turned:
            return i, True
    return None


def wrapped(node: Node, part: Node, shown: Node | None = None) -> bool:
    """Whether ``node`` writes the matrix product or sum ``part`` under a transpose or an inverse: a steps' name met
    once there is written, which needs no brackets (bilinear-square-gram's Y^T beside its set-up Y = X^2, not (X^2)^T).
    Not a vector's, nor a function's value: softmax(x)^T is a result of its own, not g^T with g = softmax(x).
    ``shown``: what stands for the part in ``node`` (its name), if not the part itself."""
    inside = part if shown is None else shown
    return any(isinstance(n, (E.Transpose, E.Inv)) and n.children()[0] == inside for n in walk(node)) \
        and isinstance(part, (E.MatMul, E.Add)) and not part.shape.is_vector_like
