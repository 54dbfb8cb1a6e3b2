"""The normal form in which a problem's steps are compared with its expression: equal forms mean
the steps compute the expression, up to the identities listed below and nothing more."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, TypeGuard

from mcdocgen import language as E

if TYPE_CHECKING:  # a name only: the catalog imports this module before the API is loaded
    from mcdocgen.language import Node

#: A comparable form: nested tuples of strings, shapes, numbers and nodes.
Form = tuple[Any, ...]

MEMO_SIZE = 4096   # subtrees whose forms are remembered (as engine.scalars' memos)


# ---------------------------------------------------------------- comparing steps with the expression
#
# The steps must compute the expression. The comparison is structural, up to a few identities
# that always hold, so that a lecture may write its steps in its own words:
#   - the order and grouping of the terms of a sum and of the factors of an elementwise product;
#   - transposes pushed down to the variables: (A B)^T = B^T A^T, (a + b)^T = a^T + b^T,
#     f(a)^T = f(a^T) for elementwise f, inv(A)^T = inv(A^T), outer(a, b)^T = outer(b, a),
#     M^T[i, j] = M[j, i], and A^T = A for a symmetric A, s^T = s for a scalar s;
#   - grouping of matrix products, and a 1 x 1 product equal to its transpose (x^T A y = y^T A^T x);
#   - inner products: dot(u, v) = u^T v = sum(u * v) for two vectors of one shape;
#   - sum, mean, norm, det and tr (and norm1, logsumexp, logdet) do not change when their argument
#     is transposed; softmax(v)^T = softmax(v^T).
# Nothing is simplified beyond that: a step list that differs otherwise is reported.


def canonical(node: Node, t: bool = False) -> Form:
    """A comparable form of ``node`` (of its transpose when ``t``); see the identities above."""
    form: Form = _canon(node, t)[0]
    return form


# Each form comes with its ``repr``, built from its parts' (a form's order is its repr's, and printing
# the same sub-forms again and again was most of the work); memoised by subtree, as refolding asks for
# the form of every subtree and each is built from its children's.
Keyed = tuple[Any, str, tuple[Any, ...]]   # a form (or a plain value), its repr, its parts keyed


@functools.lru_cache(maxsize=MEMO_SIZE)
def _canon(node: Node, t: bool) -> Keyed:
    if node.shape.is_scalar:
        t = False
    match node:
        case E.Var():
            flip = t and not node.symmetric
            return _tuple("T" if flip else "var", node.name, node.shape)
        case E.Num():
            return _tuple("num", node.value)
        case E.Add(terms=terms):
            return _tuple("add", _sorted_flat("add", [_canon(x, t) for x in terms]))
        case E.Mul(left=a, right=b):
            if node.shape.is_scalar or a.shape == b.shape or a.shape.is_scalar or b.shape.is_scalar:
                return _tuple("mul", _sorted_flat("mul", [_canon(a, t), _canon(b, t)]))
        case E.Neg(arg=a):
            inner = _canon(a, t)
            return _item(inner, 1) if inner[0][0] == "neg" else _tuple("neg", inner)
        case E.Div(left=a, right=b):
            return _tuple("div", _canon(a, t), _canon(b, t))
        case E.Pow(base=a, exp=b):
            return _tuple("pow", _canon(a, t), _canon(b, False))
        case E.Func(fn=fn, arg=a):
            return _tuple("func", fn.value, _canon(a, t))
        case E.Maximum(left=a, right=b):
            return _tuple("maximum", _canon(a, t), _canon(b, t))
        case E.Transpose(arg=a):
            return _canon(a, not t)
        case E.MatMul():
            return _chain(_factors(node, t), node.shape.is_scalar)
        case E.Dot(left=a, right=b):
            return _chain(_factors(a, not a.shape.is_row) + _factors(b, b.shape.is_row), True)
        case E.Sum(arg=E.Mul(left=a, right=b)) if a.shape == b.shape and a.shape.is_vector_like:
            return _chain(_factors(a, not a.shape.is_row) + _factors(b, b.shape.is_row), True)
        case E.Sum(arg=a) | E.Mean(arg=a) | E.Norm(arg=a) | E.Det(arg=a) | E.Trace(arg=a) | \
                E.Norm1(arg=a) | E.LogSumExp(arg=a) | E.LogDet(arg=a):
            forms = sorted((_canon(a, False), _canon(a, True)), key=_text)
            return _tuple(type(node).__name__, forms[0])
        case E.Inv(arg=a):
            return _tuple("inv", _canon(a, t))
        case E.Softmax(arg=a):   # entrywise in its layout: softmax(v)^T = softmax(v^T)
            return _tuple("softmax", _canon(a, t))
        case E.Diag(arg=a) if a.shape.is_vector_like:
            return _tuple("diag", min((_canon(a, False), _canon(a, True)), key=_text))
        case E.Outer(left=a, right=b):
            a, b = (b, a) if t else (a, b)
            return _tuple("outer", _canon(a, a.shape.is_row), _canon(b, b.shape.is_row))
        case E.Index(arg=a, row=r, col=c):
            if isinstance(a, E.Transpose):
                return _canon(E.index(a.arg, c, r), False)
            return _tuple("index", r, c, _canon(a, False))
        case E.Lit(rows=rows):
            grid = [[_canon(e, False) for e in row] for row in rows]
            if t:
                grid = [list(col) for col in zip(*grid, strict=True)]
            return _tuple("lit", _tuple(*(_tuple(*row) for row in grid)))
        case E.Eye():
            return _tuple("leaf", node)
        case E.Ones() | E.Zero():
            return _tuple("leaf", type(node)(node.shape.transpose()) if t else node)
    # anything else: compared as it is
    kids = _tuple(*(_canon(k, False) for k in node.children()))
    form = _tuple("node", type(node).__name__, node.shape, kids) if kids[0] else _tuple("leaf", node)
    return _tuple("T", form) if t else form


def _factors(node: Node, t: bool) -> list[tuple[Node, bool]]:
    """The factors of a matrix product (of its transpose when ``t``), each with its own flag."""
    if isinstance(node, E.Transpose):
        return _factors(node.arg, not t)
    if isinstance(node, E.MatMul):
        left, right = _factors(node.left, t), _factors(node.right, t)
        return right + left if t else left + right
    return [(node, t)]


def _chain(factors: list[tuple[Node, bool]], scalar: bool) -> Keyed:
    forward = [_canon(n, t) for n, t in factors]
    if len(forward) == 1:
        return forward[0]
    if not scalar:
        return _tuple("matmul", _tuple(*forward))
    backward = [_canon(n, not t) for n, t in reversed(factors)]  # a 1 x 1 product is its transpose
    return _tuple("matmul", min(_tuple(*forward), _tuple(*backward), key=_text))


def _sorted_flat(kind: str, items: list[Keyed]) -> Keyed:
    """The items of a sum or product with nested ones of the same ``kind`` flattened, in a fixed order."""
    flat: list[Keyed] = []
    for item in items:
        if item[0][0] == kind:
            flat.extend(_parts(_item(item, 1)))
        else:
            flat.append(item)
    return _tuple(*sorted(flat, key=_text))


def canonical_memos() -> tuple[Any, ...]:
    """The memos of this module, for the engine to clear with SymPy's cache (this module imports no
    SymPy: the catalog loads it first)."""
    return (_canon, _repr)


# ---------------------------------------------------------------- forms with their repr


def _text(keyed: Keyed) -> str:
    return keyed[1]


def _tuple(*parts: Keyed | object) -> Keyed:
    """The tuple of ``parts`` (keyed forms, or plain values: strings, shapes, numbers, nodes), with
    its repr written as Python writes a tuple's, and the parts kept keyed."""
    keyed = tuple(p if _is_keyed(p) else _plain(p) for p in parts)
    inner = ", ".join(k[1] for k in keyed)
    return tuple(k[0] for k in keyed), f"({inner},)" if len(keyed) == 1 else f"({inner})", keyed


def _is_keyed(p: object) -> TypeGuard[Keyed]:
    return type(p) is tuple and len(p) == 3 and type(p[1]) is str


def _plain(value: object) -> Keyed:
    return value, _repr(value), ()


@functools.lru_cache(maxsize=MEMO_SIZE)
def _repr(value: object) -> str:
    """A plain value's repr (memoised: shapes and numbers print through SymPy, slowly)."""
    return E.shapes.quick_repr(value)


def _item(keyed: Keyed, at: int) -> Keyed:
    """One part of a keyed form."""
    part: Keyed = keyed[2][at]
    return part


def _parts(keyed: Keyed) -> tuple[Keyed, ...]:
    """The parts of a keyed form."""
    parts: tuple[Keyed, ...] = keyed[2]
    return parts
