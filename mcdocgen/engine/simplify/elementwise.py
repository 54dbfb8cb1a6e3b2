"""Elementwise quotients that SymPy cannot finish because their value changes shape: an array over
itself is all ones (SymPy would give the number 1, a scalar), and a scalar factor of a quotient's
numerator comes out in front, so that an all-ones numerator meets its divisor (1 / x). And a function
with a corner times its own derivative's step: H(a) relu(a) = relu(a), sign(a) |a| = a; and a step times
what vanishes wherever the step is on: H(a) o (d - |r| + max(0, a)) = 0 for a = |r| - d (Huber's loss)."""

from __future__ import annotations

from mcdocgen.engine.simplify.common import Rewritten, is_num, is_zero, zero_like
from mcdocgen.engine.simplify.rewrites import RewriteId as R
from mcdocgen import language as E
from mcdocgen.language import Add, Div, Func, Maximum, Mul, Neg, Node, Num, Ones, Pow, Var, Zero
from mcdocgen.language.shapes import SCALAR


def div(node: Div) -> Rewritten:
    """a / a = 1 (all ones, where a is defined: the function was, so a / a is); (s A) / B = s (A / B)."""
    a, b = node.left, node.right
    if a == b and not node.shape.is_scalar:
        return R.SELF_QUOTIENT, E.ones(node.shape)
    if isinstance(a, Mul) and a.left.shape.is_scalar and a.right.shape == node.shape and not node.shape.is_scalar:
        return R.SCALAR_OUT, E.mul(a.left, E.div(a.right, b))
    return None


def mul(node: Mul) -> Rewritten:
    """(a / b) o b = a, b o (a / b) = a, for arrays b (all ones times a where a is a scalar); H(a) o relu(a)
    = relu(a) and sign(a) o |a| = a (the squared hinge's derivative 2 relu(u) H(u) is 2 relu(u))."""
    if (kept := _step_times_corner(node.left, node.right)) is not None:
        return R.STEP_TIMES_CORNER, kept
    if _zero_where_on(node):
        return R.ZERO_WHERE_STEP_ON, zero_like(node)
    if node.shape.is_scalar:
        return None
    for quotient, other in ((node.left, node.right), (node.right, node.left)):
        if isinstance(quotient, Div) and quotient.right == other and not other.shape.is_scalar:
            kept = quotient.left
            return R.SELF_QUOTIENT, kept if kept.shape == node.shape else E.mul(kept, E.ones(node.shape))
    return None


#: (the step, the function with the corner, what their product is): H(a) relu(a) = relu(a), sign(a) |a| = a
_STEPS = ((E.Fn.HEAVISIDE, E.Fn.RELU, False), (E.Fn.SIGN, E.Fn.ABS, True))


def _step_times_corner(a: Node, b: Node) -> Node | None:
    if not (isinstance(a, Func) and isinstance(b, Func) and a.arg == b.arg and a.shape == b.shape):
        return None
    for step, corner, to_arg in _STEPS:
        if {a.fn, b.fn} == {step, corner}:
            return a.arg if to_arg else (a if a.fn is corner else b)
    return None


def _factors(node: Node, shape: object) -> list[Node]:
    """The entrywise factors of a product of arrays of one shape (a scalar factor is one too)."""
    if isinstance(node, Mul) and (node.shape.is_scalar or node.left.shape == node.right.shape == shape):
        return _factors(node.left, shape) + _factors(node.right, shape)
    return [node]


def _zero_where_on(node: Mul) -> bool:
    """A product with a step H(a) one of whose other factors is zero wherever a >= 0 (the step on, its
    corner included: the product is zero whatever H(0) is). There max(0, a) = max(a, 0) = relu(a) = |a| = a:
    the factor with those written as a is read entry by entry (``_entry``) and simplified to 0: a proof,
    never a sample (verify checks every result numerically besides)."""
    factors = _factors(node, node.shape)
    steps = [f.arg for f in factors if isinstance(f, Func) and f.fn is E.Fn.HEAVISIDE]
    for a in dict.fromkeys(steps):
        others = [f for f in factors if not (isinstance(f, Func) and f.fn is E.Fn.HEAVISIDE and f.arg == a)]
        if not others or not any(_is_a_corner(n, a) for f in others for n in E.walk(f)):
            continue
        if any(_vanishes(_on(f, a)) for f in others):
            return True
    return False


def _on(node: Node, a: Node) -> Node:
    """``node`` where a >= 0: each of its corners at a written as a."""
    if _is_a_corner(node, a):
        return a
    kids = node.children()
    new = tuple(_on(k, a) for k in kids)
    return node if new == kids else E.rebuild(node, new)


def _is_a_corner(n: Node, a: Node) -> bool:
    """max(0, a), max(a, 0), relu(a) or |a|: each equal to a where a >= 0."""
    if isinstance(n, Maximum):
        return (is_num(n.left, 0) and n.right == a) or (is_num(n.right, 0) and n.left == a)
    return isinstance(n, Func) and n.fn in (E.Fn.RELU, E.Fn.ABS) and n.arg == a


_ENTRYWISE = (Add, Neg, Mul, Div, Pow, Func, Maximum)


def _vanishes(node: Node) -> bool:
    """Every entry of ``node`` is zero: its entry (``_entry``) simplifies to 0."""
    from mcdocgen.engine.simplify import simplify   # this module is one of its passes
    taken = E.free_vars(node)
    entry = _entry(node, {}, taken)
    return entry is not None and is_zero(simplify(entry))


def _entry(node: Node, opaque: dict[Node, Var], taken: frozenset[str]) -> Node | None:
    """An entrywise tree read as one entry, a scalar: a variable is its entry, ones(n) is 1, and any
    other subtree (X @ w, x.T, sum(x)) a scalar of its own, the same one wherever it recurs. An identity
    of the entry holds of every entry, whatever the opaque ones' values. None where a broadcast or a
    nonconforming product leaves the entrywise reading (a row times a column)."""
    if isinstance(node, (Ones, Zero)):
        return E.num(1 if isinstance(node, Ones) else 0)
    if isinstance(node, Num):
        return node
    if isinstance(node, _ENTRYWISE):
        kids = node.children()
        if any(not k.shape.is_scalar and k.shape != node.shape for k in kids):
            return None
        entries = [_entry(k, opaque, taken) for k in kids]
        return None if any(e is None for e in entries) else E.rebuild(node, tuple(e for e in entries if e is not None))
    if isinstance(node, Var) and not node.shape.is_scalar:
        return E.var(node.name, SCALAR, intermediate=node.intermediate)
    if isinstance(node, Var):
        return node
    if node not in opaque:   # named apart from every variable of the tree, and from one another
        names = (f"entry_{k}" for k in range(1, 10**6))
        opaque[node] = E.var(next(n for n in names if n not in taken and all(n != v.name for v in opaque.values())),
                             SCALAR)
    return opaque[node]
