"""Whether a node is a place's argument (or its negation) as the simplifier writes it: the yes/no question the
kink analyses ask (kinks.OnKink, kink_limits.NearZero), answered "no" without the simplifier where a cheap
structural test shows it (:func:`shown_not_at`), and by the simplifier otherwise, so that the answer is always
the simplifier's. The simplifier treats each variable as an atom independent of the others and rewrites a node
only into one equal to it wherever both are defined; so does any form it gives the node's negation. Three tests:

- The node is not zero where the argument, a variable, is: both continuous, they would agree there
  (sigmoid(|x|) + x is 1/2 at x = 0, and no form of it is x or -x).
- The node moves with a variable the argument has not: not constant in v outside a null set, so its simplified
  form has v ((2 side - 1) lam / sqrt(|w|) + w is no w). Shown only along paths that cannot cancel it: v in one
  term of a sum, in one factor of an elementwise product, in a numerator, under a one-to-one function, the other
  factors and divisors nonzero outside a null set and the other terms finite there.
- The node, where the argument's variables are zero (so is the argument), is a nonzero polynomial in other variables
  (:func:`nonzero_on_place`): (1 - side) / exp(relu(-(W x))) + side is 1 where W x is zero, and no form of it is +-W x.

The same value on the place answers kink_continuity's other question without the simplifier where it is "no": a
result whose value at points of the place moves with the side variable (:func:`differs_across`) has no form whose
sides meet.

A question answered here spends nothing of a derivation's budget where the simplifier is given one (kinks.
where_zero): the identities the probe's simplification used are no longer in Derivation.rewrites (a field
nothing reads), and its SymPy nodes are not counted (a budget that ran out could only leave more simplified).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sympy.polys.domains import QQ
from sympy.polys.rings import PolyElement

from mcdocgen import language as E
from mcdocgen.engine.commuted import same
from mcdocgen.engine.polynomials import Named, over
from mcdocgen.language import Fn, Node

# Finite wherever their argument is, and nonzero wherever it is nonzero (odd and one-to-one, or |u|);
# exp, sigmoid and cosh are nowhere zero at all.
_NONZERO_WHERE_ARG = frozenset({Fn.ABS, Fn.TANH, Fn.SINH, Fn.ARCTAN})
_NOWHERE_ZERO = frozenset({Fn.EXP, Fn.SIGMOID, Fn.COSH})
# Finite and one-to-one wherever their argument is finite: a moving argument moves them.
_ONE_TO_ONE = frozenset({Fn.EXP, Fn.SIGMOID, Fn.TANH, Fn.SINH, Fn.ARCTAN})
# Finite wherever their argument is.
_FINITE = frozenset({Fn.EXP, Fn.SIN, Fn.COS, Fn.TANH, Fn.ABS, Fn.SIGN, Fn.SIGMOID, Fn.RELU, Fn.HEAVISIDE,
                     Fn.SOFTPLUS, Fn.ARCTAN, Fn.SINH, Fn.COSH})
# Never negative where defined: a fractional power of it is real (sqrt(|w|)).
_NONNEGATIVE = (E.Norm,)


def is_at(node: Node, at: Node, simplify: Callable[[Node], Node], negated: bool = True) -> bool:
    """Whether ``node`` is ``at`` or its negation as the simplifier writes them: a sum or a negation of at's
    shape is simplified, with its negation; any other node must be at as it stands (or, ``negated``, u where
    at is -u)."""
    if same(node, at) or (negated and isinstance(at, E.Neg) and same(at.arg, node)):
        return True
    if node.shape != at.shape or not isinstance(node, (E.Add, E.Neg)):
        return False
    return not shown_not_at(node, at) and (same(simplify(node), at) or same(simplify(E.neg(node)), at))


def shown_not_at(node: Node, at: Node) -> bool:
    """Whether a structural test shows that neither ``node`` nor its negation simplifies to ``at`` (cheapest first)."""
    if _not_zero_where_zero(node, at):
        return True
    others = _others(node, at)     # both tests below ask for them: the trees walked once
    return _moves_with_another(node, at, others) or nonzero_on_place(node, at, others)


def _others(node: Node, at: Node) -> frozenset[str]:
    """The variables ``node`` has and ``at`` has not."""
    return E.free_vars(node) - E.free_vars(at)


def _moves_with_another(node: Node, at: Node, others: frozenset[str] | None = None) -> bool:
    """Whether ``node`` is shown to depend on a variable ``at`` does not have (see the module's docstring)."""
    return any(_depends(node, v) for v in sorted(_others(node, at) if others is None else others))


def _has(node: Node, v: str) -> bool:
    return v in E.free_vars(node)


def _terms(node: Node) -> list[Node]:
    """A sum's terms, nested sums and negations opened (a negation moves nothing in or out of dependence)."""
    if isinstance(node, E.Add):
        return [t for term in node.terms for t in _terms(term)]
    return _terms(node.arg) if isinstance(node, E.Neg) else [node]


def _depends(node: Node, v: str) -> bool:
    """Shown finite almost everywhere and not constant in the variable ``v`` on a set of positive measure."""
    if isinstance(node, E.Var):
        return node.name == v
    if isinstance(node, E.Neg):
        return _depends(node.arg, v)
    if isinstance(node, E.Add):     # one term moves, the rest do not and are finite: the sum moves
        terms = _terms(node)
        moving = [t for t in terms if _has(t, v)]
        return len(moving) == 1 and _depends(moving[0], v) and all(_finite(t) for t in terms if t is not moving[0])
    if isinstance(node, E.Mul):     # elementwise (or by a scalar): a factor nonzero almost everywhere keeps it moving
        for this, other in ((node.left, node.right), (node.right, node.left)):
            if _has(this, v) and not _has(other, v):
                return _depends(this, v) and _nonzero(other)
        return False
    if isinstance(node, E.Div):
        return not _has(node.right, v) and _depends(node.left, v) and _nonzero(node.right)
    if isinstance(node, E.Func) and node.fn in _ONE_TO_ONE:
        return _depends(node.arg, v)
    return False


def _nonzero(node: Node) -> bool:
    """Shown finite and nonzero (each entry) almost everywhere."""
    if isinstance(node, E.Num):
        return node.value.is_zero is False and node.value.is_finite is True
    if isinstance(node, E.Var):     # an atom: zero on a null set only (a matrix variable is never declared diagonal)
        return True
    if isinstance(node, E.Neg):
        return _nonzero(node.arg)
    if isinstance(node, (E.Mul, E.Div)):
        return _nonzero(node.left) and _nonzero(node.right)
    if isinstance(node, E.Pow):
        return _real_power(node) and _nonzero(node.base)
    if isinstance(node, E.Func):
        if node.fn in _NOWHERE_ZERO:
            return _finite(node.arg)
        if node.fn in _NONZERO_WHERE_ARG:
            return _nonzero(node.arg)
        if node.fn is Fn.SQRT:      # sqrt(|u|): real, and zero only where u is
            return isinstance(node.arg, E.Func) and node.arg.fn is Fn.ABS and _nonzero(node.arg)
    return False


def _finite(node: Node) -> bool:
    """Shown finite (each entry) almost everywhere."""
    if isinstance(node, (E.Num, E.Var)):
        return not isinstance(node, E.Num) or node.value.is_finite is True
    if isinstance(node, (E.Neg, E.Norm)):
        return _finite(node.arg)
    if isinstance(node, E.Add):
        return all(_finite(t) for t in node.terms)
    if isinstance(node, E.Mul):
        return _finite(node.left) and _finite(node.right)
    if isinstance(node, E.Div):
        return _finite(node.left) and _nonzero(node.right)
    if isinstance(node, E.Pow):
        return _real_power(node) and (_nonzero(node.base) or (
            isinstance(node.exp, E.Num) and node.exp.value.is_nonnegative is True and _finite(node.base)))
    if isinstance(node, E.Func):
        if node.fn in _FINITE:
            return _finite(node.arg)
        if node.fn is Fn.SQRT:
            return isinstance(node.arg, E.Func) and node.arg.fn is Fn.ABS and _finite(node.arg)
    return False


def _real_power(node: E.Pow) -> bool:
    """A power by a number that is real wherever the base is finite: an integer one, or any of a norm or |u|."""
    if not isinstance(node.exp, E.Num) or node.exp.value.is_real is not True:
        return False
    return node.exp.value.is_integer is True or isinstance(node.base, _NONNEGATIVE) or (
        isinstance(node.base, E.Func) and node.base.fn in (Fn.ABS, Fn.EXP, Fn.SIGMOID))


# Continuous everywhere (on every real argument): a sum of such terms keeps its value at the closure of a domain.
_CONTINUOUS = frozenset({Fn.ABS, Fn.EXP, Fn.SIGMOID, Fn.TANH, Fn.SIN, Fn.COS, Fn.SINH, Fn.COSH, Fn.ARCTAN, Fn.RELU,
                         Fn.SOFTPLUS})
_POSITIVE = frozenset({Fn.EXP, Fn.SIGMOID, Fn.COSH})


def _not_zero_where_zero(node: Node, at: Node) -> bool:
    """Whether ``node``, continuous everywhere, is shown not zero where the variable ``at`` is (an entry of it):
    its terms there are zero (at, at times a continuous factor) or all of one strict sign (exp, sigmoid, a
    positive number), at least one of them. Then node is not +-at, which are zero there (both continuous, so
    that equal on the domain, an open set with the place in its closure, they would be equal there too):
    sigmoid(|x|) + x at x = 0 is 1/2."""
    if not isinstance(at, E.Var):
        return False
    signs = set()
    for sign, term in _signed(node, 1):
        if term == at or (isinstance(term, E.Mul) and at in (term.left, term.right) and
                          _continuous(term.right if term.left == at else term.left)):
            continue
        strict = _strict_sign(term)
        if strict is None:
            return False
        signs.add(sign * strict)
    return len(signs) == 1


def _signed(node: Node, sign: int) -> list[tuple[int, Node]]:
    if isinstance(node, E.Add):
        return [st for t in node.terms for st in _signed(t, sign)]
    return _signed(node.arg, -sign) if isinstance(node, E.Neg) else [(sign, node)]


def _strict_sign(node: Node) -> int | None:
    """1 or -1 where ``node`` is continuous and of that sign everywhere; None where not shown."""
    if isinstance(node, E.Num):
        return 1 if node.value.is_positive is True else -1 if node.value.is_negative is True else None
    if isinstance(node, E.Func) and node.fn in _POSITIVE:
        return 1 if _continuous(node.arg) else None
    if isinstance(node, E.Mul):
        left, right = _strict_sign(node.left), _strict_sign(node.right)
        return None if left is None or right is None else left * right
    return None


def _continuous(node: Node) -> bool:
    """Finite and continuous everywhere: variables and numbers through sums, products, whole powers and the
    functions continuous on every real argument."""
    if isinstance(node, (E.Var, E.Num)):
        return not isinstance(node, E.Num) or node.value.is_finite is True
    if isinstance(node, (E.Add, E.Neg, E.Mul)):
        return all(_continuous(k) for k in node.children())
    if isinstance(node, E.Pow):
        return isinstance(node.exp, E.Num) and node.exp.value.is_integer is True and \
            node.exp.value.is_nonnegative is True and _continuous(node.base)
    return isinstance(node, E.Func) and node.fn in _CONTINUOUS and _continuous(node.arg)


# ---------------------------------------------------------------- the node's value on the place

_MAX_POWER = 6   # a whole power expanded (larger ones are left to the simplifier)
_MAX_TERMS = 64  # a polynomial's terms, past which the test gives up

# Continuous on every real argument, with a rational value at 0.
_AT_ZERO = {Fn.EXP: QQ(1), Fn.SIGMOID: QQ(1, 2), Fn.COSH: QQ(1), Fn.COS: QQ(1),
            Fn.TANH: QQ(0), Fn.SINH: QQ(0), Fn.SIN: QQ(0), Fn.ARCTAN: QQ(0)}


def nonzero_on_place(node: Node, at: Node, others: frozenset[str] | None = None) -> bool:
    """Whether ``node`` is shown not to be +-``at`` by its value where ``at`` is zero: where ``at`` is continuous
    everywhere and zero where all its variables are (W x, x - a, d x), and the node, with each occurrence of ``at``
    and each of at's variables set to zero, is a nonzero polynomial in variables ``at`` has not, no form of the node
    is +-at. At a point where at's variables are zero and the polynomial is not, at is 0 and the node is not, and the
    node is continuous there (every denominator a nonzero constant there), so the two differ on a neighbourhood
    where both are defined (2 c x + 1 - d (2 side - 1) is 1 - d (2 side - 1) where d x is zero because d and x are).
    (``others``: the variables the node has and ``at`` has not, where the caller has them.)"""
    if not _zero_at_origin(at):
        return False
    named = over(_others(node, at) if others is None else others)
    value = _value(node, at, named, dict.fromkeys(E.free_vars(at), named.ring.zero))
    return value is not None and bool(value)


def differs_across(node: Node, at: Node, side: str) -> bool:
    """Whether ``node``'s value where ``at`` is zero is shown to depend on the variable ``side`` (a step function of
    at written by a variable: 1 on one side, 0 on the other), so that the two sides do not meet there: at points of
    the place (some of at's variables fixed so that at is zero there, :func:`_places`), the node is continuous and a
    polynomial in the other variables that changes when ``side`` goes from 0 to 1. No form of the node can then show
    the sides meeting (x side + relu(x + 3) at x = -3 is -3 side)."""
    if side not in E.free_vars(node):
        return False
    for named, fixed in _places(at, E.free_vars(node) | E.free_vars(at)):
        there = _value(at, None, named, fixed)    # (a PolyElement compares equal to None where it is zero)
        if side not in named.index or there is None or there:
            continue
        value = _value(node, at, named, fixed)
        u = named.var(side)
        if value is not None and value.subs(u, 1) != value.subs(u, 0):
            return True
    return False


def _places(at: Node, names: frozenset[str]) -> list[tuple[Named, dict[str, PolyElement]]]:
    """Points of the place where ``at`` is zero, as values of some of at's variables in the rest of ``names``: one
    variable of a product at zero (d x at x = 0), a variable in one term of a sum solved for (x + 3 at x = -3), and
    all of at's variables at zero. Each is checked by at's value there (:func:`differs_across`)."""
    out = []
    solved = _in_sum(at)
    for v in sorted(_alone(at)):
        named = over(names - {v})
        parts = [_value(t, None, named, {}) for t in at.terms if not (isinstance(t, E.Var) and t.name == v)] \
            if v in solved and isinstance(at, E.Add) else []     # v = -(the other terms); else v = 0
        known = [part for part in parts if part is not None]
        if len(known) == len(parts):
            out.append((named, {v: -sum(known, named.ring.zero)}))
    zeros = E.free_vars(at)
    if len(zeros) > 1 or not out:
        named = over(names - zeros)
        out.append((named, dict.fromkeys(zeros, named.ring.zero)))
    return out


def _in_sum(at: Node) -> frozenset[str]:
    """The variables that are a term of the sum ``at`` by themselves, once, and in no other term."""
    if not isinstance(at, E.Add):
        return frozenset()
    terms = _terms(at)
    return frozenset(t.name for t in at.terms if isinstance(t, E.Var) and not t.intermediate and
                     sum(t.name in E.free_vars(other) for other in terms) == 1)


def _alone(at: Node) -> frozenset[str]:
    """Variables of ``at`` that, set to zero, or solved for where a term of its sum, make a point of the place."""
    if isinstance(at, E.Var):
        return frozenset() if at.intermediate else frozenset({at.name})
    if isinstance(at, E.Neg):
        return _alone(at.arg)
    if isinstance(at, E.Mul):
        return _alone(at.left) | _alone(at.right)
    return _in_sum(at)


def _zero_at_origin(at: Node) -> bool:
    """Continuous everywhere and zero where all its variables are zero (a variable, W x, x - a, ||x - a||^2 - c, ...)."""
    if isinstance(at, E.Var):
        return not at.intermediate
    if isinstance(at, E.Num):
        return bool(at.value == 0)
    if isinstance(at, E.Add):
        return all(_zero_at_origin(t) for t in at.terms)
    if isinstance(at, (E.Neg, E.Transpose, E.Sum, E.Mean, E.Trace, E.Norm)):
        return _zero_at_origin(at.arg)
    if isinstance(at, (E.Mul, E.MatMul)):   # zero where one factor is, the other finite (continuous everywhere)
        return any(_zero_at_origin(a) and _continuous_at(b) for a, b in ((at.left, at.right), (at.right, at.left)))
    if isinstance(at, E.Pow):
        w = _whole(at.exp)
        return w is not None and w > 0 and _zero_at_origin(at.base)
    return isinstance(at, E.Func) and at.fn in (Fn.ABS, Fn.RELU, Fn.TANH, Fn.SINH, Fn.SIN, Fn.ARCTAN) \
        and _zero_at_origin(at.arg)


def _continuous_at(node: Node) -> bool:
    """Finite and continuous everywhere (``at``'s test): variables and numbers through sums, products, transposes,
    linear reductions, norms, whole powers and the functions continuous on every real argument."""
    if isinstance(node, (E.Var, E.Num)):
        return not isinstance(node, E.Num) or node.value.is_finite is True
    if isinstance(node, (E.Add, E.Neg, E.Mul, E.MatMul, E.Transpose, E.Sum, E.Mean, E.Trace, E.Norm)):
        return all(_continuous_at(k) for k in node.children())
    if isinstance(node, E.Pow):
        w = _whole(node.exp)
        return w is not None and w >= 0 and _continuous_at(node.base)
    return isinstance(node, E.Func) and (node.fn in _AT_ZERO or node.fn in (Fn.ABS, Fn.RELU, Fn.SOFTPLUS)) \
        and _continuous_at(node.arg)


def _whole(node: Node) -> int | None:
    if isinstance(node, E.Num) and node.value.is_Integer:
        return int(node.value)
    return None


def _value(node: Node, at: Node | None, named: Named, fixed: Mapping[str, PolyElement]) -> PolyElement | None:
    """The node entrywise where ``at`` is zero, at a point where variables of at are ``fixed`` (to polynomials in the
    others), continuous near there, as a polynomial in ``named``'s variables; None where that is not shown."""
    if node == at:
        return named.ring.zero
    if isinstance(node, E.Num):
        v = node.value
        return named.ring.ground_new(QQ(int(v.p), int(v.q))) if v.is_Rational else None
    if isinstance(node, E.Var):     # an intermediate is a function of the variables, maybe of at's: not read
        if node.intermediate:
            return None
        return named.var(node.name) if node.name in named.index else fixed.get(node.name)
    if isinstance(node, E.Neg):
        inner = _value(node.arg, at, named, fixed)
        return None if inner is None else -inner
    if isinstance(node, E.Add):
        parts = []
        for t in node.terms:
            part = _value(t, at, named, fixed)
            if part is None:
                return None
            parts.append(part)
        return _bounded(sum(parts[1:], parts[0]))    # from the first term: no zero made for each sum
    if isinstance(node, E.Mul):     # elementwise, or by a scalar: entry by entry a product
        left, right = _value(node.left, at, named, fixed), _value(node.right, at, named, fixed)
        return None if left is None or right is None else _bounded(left * right)
    if isinstance(node, E.Div):     # by a nonzero constant only: continuous there
        top, bottom = _value(node.left, at, named, fixed), _value(node.right, at, named, fixed)
        c = None if bottom is None else named.constant(bottom)
        return None if top is None or not c else top.quo_ground(c)
    if isinstance(node, E.Pow):
        w, base = _whole(node.exp), _value(node.base, at, named, fixed)
        if w is None or not 0 <= w <= _MAX_POWER or base is None:
            return None
        out: PolyElement | None = named.ring.one
        for _ in range(w):
            out = _bounded(out * base) if out is not None else None
        return out
    if isinstance(node, E.Func):
        arg = _value(node.arg, at, named, fixed)
        c = None if arg is None else named.constant(arg)
        if c is None:
            return None
        if node.fn is Fn.ABS:
            return named.ring.ground_new(abs(c))
        if node.fn is Fn.RELU:
            return named.ring.ground_new(max(c, QQ.zero))
        if node.fn in (Fn.SIGN, Fn.HEAVISIDE) and c:    # continuous off zero
            return named.ring.ground_new(QQ(1) if c > 0 else QQ(-1) if node.fn is Fn.SIGN else QQ.zero)
        return named.ring.ground_new(_AT_ZERO[node.fn]) if c == 0 and node.fn in _AT_ZERO else None
    return None


def _bounded(p: PolyElement) -> PolyElement | None:
    return p if len(p) <= _MAX_TERMS else None
