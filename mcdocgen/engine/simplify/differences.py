"""Like terms that differ only in the direction of their differences: A (a - b) (b - a)^T B and
A (b - a) (a - b)^T B are one term. Each difference factor of a product is written one way round
(a sign for every turn), and a term is rewritten so only when another term of the sum then matches
it, so that ``sums.add`` combines them; a term with no such partner keeps its own form."""

from __future__ import annotations

import functools
from collections.abc import Callable

from sympy.core.cache import CACHE

from mcdocgen.engine.scalars import MEMO_SIZE
from mcdocgen.engine.simplify.common import Rewritten, bottom_up, coeff, negative, with_coeff
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Add, Div, MatMul, Mul, Neg, Node, Num, Transpose, Zero
from mcdocgen.language.transposes import UNWRAPPED, transposed
from mcdocgen.language.canonical import canonical

MAX_TERMS = 64   # larger sums are left as they are (the test pairs terms)


def add(node: Add) -> Rewritten:
    """Terms whose differences, each turned one way round, make them equal, written that way."""
    if len(node.terms) > MAX_TERMS:
        return None
    oriented = [_oriented(t) for t in node.terms]
    terms = list(node.terms)
    for i, (sign, core) in enumerate(oriented):
        if not any(j != i and other == core for j, (_, other) in enumerate(oriented)):
            continue
        new = with_coeff(sign, core)
        if new != terms[i] and not _same_up_to_coefficient(new, terms[i]):
            terms[i] = new
    if terms == list(node.terms):
        return None
    return R.DIFFERENCE_SIGN, E.add(*terms)


def _same_up_to_coefficient(a: Node, b: Node) -> bool:
    return coeff(a)[1] == coeff(b)[1]


def _oriented(term: Node) -> tuple[int, Node]:
    """(sign, core) with term = sign * coefficient * core, and each difference factor of core's
    products one way round (the coefficient stays in core)."""
    c, core = coeff(term)
    sign, form = turned(core)
    return sign, with_coeff(c, form)


@functools.lru_cache(maxsize=MEMO_SIZE)
def turned(node: Node) -> tuple[int, Node]:
    """(sign, form) with node = sign * form, the differences among form's product factors one way round.
    Signs pass through products and transposes only (not through functions); a transposed sum is
    compared as the sum of transposes, the loop's form ((a - b)^T = a^T - b^T). Memoised: every
    pass turns each term of every sum again, and a difference is weighed by its printed text."""
    if isinstance(node, Transpose) and isinstance(node.arg, Add):
        node = E.add(*(with_coeff(c, transposed(core, UNWRAPPED))
                       for c, core in map(coeff, node.arg.terms)))
    if isinstance(node, Add) and len(node.terms) > 1:
        kept, flipped = _positive_first(node.terms), _positive_first(_negated(node.terms))
        return (-1, flipped) if _key(flipped) < _key(kept) else (1, kept)
    # a product or transpose none of whose factors turned is itself (not built again)
    if isinstance(node, (MatMul, Mul)):
        sl, left = turned(node.left)
        sr, right = turned(node.right)
        same = left is node.left and right is node.right
        return sl * sr, node if same else E.rebuild(node, (left, right))
    if isinstance(node, Transpose):
        s, arg = turned(node.arg)
        return s, node if arg is node.arg and type(arg) is not Zero else E.rebuild(node, (arg,))
    if isinstance(node, Neg):
        s, arg = turned(node.arg)
        return -s, arg
    return 1, node


CACHE.append(turned)   # cleared with SymPy's cache, so that timings after clear_cache are cold


def _negated(terms: tuple[Node, ...]) -> tuple[Node, ...]:
    return tuple(E.num(-t.value) if isinstance(t, Num) else with_coeff(-coeff(t)[0], coeff(t)[1]) for t in terms)


def _negative(term: Node) -> bool:
    if isinstance(term, Num):
        return negative(term.value)
    return negative(coeff(term)[0])


def _positive_first(terms: tuple[Node, ...]) -> Node:
    """The sum of ``terms``, positive ones first (stable): x - mu and mu - x, never -x + mu."""
    return E.add(*sorted(terms, key=_negative))


def _key(node: Node) -> tuple[int, str]:
    """Fewer negative terms first, then the text: one choice for a difference and its negation
    (a tie in both is a sum equal to its own negation, which only 0 is)."""
    terms = node.terms if isinstance(node, Add) else (node,)
    return sum(1 for t in terms if _negative(t)), E.try_text(node) or ""


def one_way_abs(node: Node) -> tuple[Node, bool]:
    """node with every abs(b - a) written abs(a - b) where abs(a - b) comes first (abs is even): SymPy's
    round trip turns the differences it cancels in its own way round, so one result could hold both
    (Huber's loss: abs(x - t) beside abs(t - x)). Whether anything changed."""
    if not _has_abs(node):
        return node, False
    first: dict[Node, Node] = {}    # a difference, one way round -> the way round met first
    swap: dict[Node, Node] = {}
    for n in E.walk(node):
        if isinstance(n, E.Func) and n.fn is E.Fn.ABS and isinstance(n.arg, Add):
            form = turned(n.arg)[1]
            seen = first.setdefault(form, n.arg)
            if seen != n.arg:
                swap[n] = E.func(E.Fn.ABS, seen)
    if not swap:
        return node, False
    memo: dict[Node, Node] = {}
    return bottom_up(node, lambda n: swap.get(n, n), memo), True


def _has_abs(node: Node) -> bool:
    """Whether the tree has an abs of a sum (the one case ``one_way_abs`` looks at; most trees have none)."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, E.Func) and n.fn is E.Fn.ABS and isinstance(n.arg, Add):
            return True
        stack.extend(n.children())
    return False


def sign_taken_in(node: Node, simplify: Callable[[Node], Node]) -> Node | None:
    """A result with a leading sign, that sign taken into a difference that is a factor of it, through a
    matrix or Hadamard product, a scalar multiple, a quotient's dividend or a transpose: -2 X^T (H o (y - r)) / N
    as 2 X^T (H o (r - y)) / N, the way round the page's other results write it (a textbook writes a
    gradient without a leading sign where it can). None where there is none to take in, or where the
    difference stands twice (u u^T for u = x - mean(x)): turning one would write it two ways round. Done
    on a printed result only (the compact search weighs no such form: it would re-form products too)."""
    c, core = coeff(node)
    if not negative(c):
        return None
    flipped = _taken_in(core, simplify, core)
    return None if flipped is None else with_coeff(-c, flipped)


def _taken_in(node: Node, simplify: Callable[[Node], Node], whole: Node) -> Node | None:
    match node:
        # a complement 1 - s stays one (a textbook writes -(1 - s), not s - 1)
        case Add(terms=terms) if not node.shape.is_scalar and any(_negative(t) for t in terms) and \
                not any(isinstance(t, (Num, E.Ones)) for t in terms):
            forms = {canonical(node), canonical(node, True)}
            if sum(canonical(n) in forms for n in E.walk(whole) if isinstance(n, (Add, Transpose))) > 1:
                return None
            return simplify(E.add(*_negated(terms)))
        case MatMul(left=a, right=b) | Mul(left=a, right=b) if isinstance(node, MatMul) or a.shape == b.shape:
            if (inner := _taken_in(b, simplify, whole)) is not None:
                return E.rebuild(node, (a, inner))
            inner = _taken_in(a, simplify, whole)
            return None if inner is None else E.rebuild(node, (inner, b))
        case Mul(left=s, right=a) if s.shape.is_scalar:
            inner = _taken_in(a, simplify, whole)
            return None if inner is None else E.mul(s, inner)
        case Div(left=a, right=b) if b.shape.is_scalar:
            inner = _taken_in(a, simplify, whole)
            return None if inner is None else E.div(inner, b)
        case Transpose(arg=a):
            inner = _taken_in(a, simplify, whole)
            return None if inner is None else E.transpose(inner)
    return None
