"""The normal form in which a problem's steps are compared with its expression: equal forms mean
the steps compute the expression, up to the identities listed below and nothing more."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mcdocgen import language as E

if TYPE_CHECKING:  # a name only: the catalog imports this module before the API is loaded
    from mcdocgen.language import Node

#: A comparable form: nested tuples of strings, shapes, numbers and nodes.
Form = tuple[Any, ...]


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
    if node.shape.is_scalar:
        t = False
    match node:
        case E.Var():
            flip = t and not node.symmetric
            return ("T" if flip else "var", node.name, node.shape)
        case E.Num():
            return ("num", node.value)
        case E.Add(terms=terms):
            return ("add", _sorted_flat("add", [canonical(x, t) for x in terms]))
        case E.Mul(left=a, right=b):
            if node.shape.is_scalar or a.shape == b.shape or a.shape.is_scalar or b.shape.is_scalar:
                return ("mul", _sorted_flat("mul", [canonical(a, t), canonical(b, t)]))
        case E.Neg(arg=a):
            inner = canonical(a, t)
            return inner[1] if inner[0] == "neg" else ("neg", inner)
        case E.Div(left=a, right=b):
            return ("div", canonical(a, t), canonical(b, t))
        case E.Pow(base=a, exp=b):
            return ("pow", canonical(a, t), canonical(b))
        case E.Func(fn=fn, arg=a):
            return ("func", fn.value, canonical(a, t))
        case E.Maximum(left=a, right=b):
            return ("maximum", canonical(a, t), canonical(b, t))
        case E.Transpose(arg=a):
            return canonical(a, not t)
        case E.MatMul():
            return _chain(_factors(node, t), node.shape.is_scalar)
        case E.Dot(left=a, right=b):
            return _chain(_factors(a, not a.shape.is_row) + _factors(b, b.shape.is_row), True)
        case E.Sum(arg=E.Mul(left=a, right=b)) if a.shape == b.shape and a.shape.is_vector_like:
            return _chain(_factors(a, not a.shape.is_row) + _factors(b, b.shape.is_row), True)
        case E.Sum(arg=a) | E.Mean(arg=a) | E.Norm(arg=a) | E.Det(arg=a) | E.Trace(arg=a) | \
                E.Norm1(arg=a) | E.LogSumExp(arg=a) | E.LogDet(arg=a):
            forms = sorted((canonical(a, False), canonical(a, True)), key=repr)
            return (type(node).__name__, forms[0])
        case E.Inv(arg=a):
            return ("inv", canonical(a, t))
        case E.Softmax(arg=a):   # entrywise in its layout: softmax(v)^T = softmax(v^T)
            return ("softmax", canonical(a, t))
        case E.Diag(arg=a) if a.shape.is_vector_like:
            return ("diag", min((canonical(a, False), canonical(a, True)), key=repr))
        case E.Outer(left=a, right=b):
            a, b = (b, a) if t else (a, b)
            return ("outer", canonical(a, a.shape.is_row), canonical(b, b.shape.is_row))
        case E.Index(arg=a, row=r, col=c):
            if isinstance(a, E.Transpose):
                return canonical(E.index(a.arg, c, r))
            return ("index", r, c, canonical(a))
        case E.Lit(rows=rows):
            grid = [[canonical(e) for e in row] for row in rows]
            if t:
                grid = [list(col) for col in zip(*grid, strict=True)]
            return ("lit", tuple(tuple(row) for row in grid))
        case E.Eye():
            return ("leaf", node)
        case E.Ones() | E.Zero():
            return ("leaf", type(node)(node.shape.transpose()) if t else node)
    # anything else: compared as it is
    kids = tuple(canonical(k) for k in node.children())
    form = ("node", type(node).__name__, node.shape, kids) if kids else ("leaf", node)
    return ("T", form) if t else form


def _factors(node: Node, t: bool) -> list[tuple[Node, bool]]:
    """The factors of a matrix product (of its transpose when ``t``), each with its own flag."""
    if isinstance(node, E.Transpose):
        return _factors(node.arg, not t)
    if isinstance(node, E.MatMul):
        left, right = _factors(node.left, t), _factors(node.right, t)
        return right + left if t else left + right
    return [(node, t)]


def _chain(factors: list[tuple[Node, bool]], scalar: bool) -> Form:
    forward = tuple(canonical(n, t) for n, t in factors)
    if len(forward) == 1:
        return forward[0]
    if not scalar:
        return ("matmul", forward)
    backward = tuple(canonical(n, not t) for n, t in reversed(factors))  # a 1 x 1 product is its transpose
    return ("matmul", min(forward, backward, key=repr))


def _sorted_flat(kind: str, items: list[Form]) -> tuple[Form, ...]:
    """The items of a sum or product with nested ones of the same ``kind`` flattened, in a fixed order."""
    flat: list[Form] = []
    for item in items:
        flat.extend(item[1] if item[0] == kind else (item,))
    return tuple(sorted(flat, key=repr))
