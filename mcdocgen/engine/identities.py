"""The identity of every derivative rule, written once: a small example problem and its stated result.

Each ``rules.rule_*`` states its identity in its docstring; the record here gives the same
identity as an example in the expression language (``det(X)`` by ``X``) and the result a
textbook states for it (``det(X) * inv(X).T``, denominator layout). The identities page derives
each example and prints what was derived; ``states`` is only checked against, like a catalog's
``expected:``, so a rule whose derivative changes while its identity does not fails a test.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from mcdocgen.catalog import Assumption, Expected, Problem, Variable
from mcdocgen.engine.rules import RuleId
from mcdocgen import language as E
from mcdocgen.language import shapes

Dims = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Identity:
    """One rule's identity: an example problem, the result it states, a note for the page."""

    rule: RuleId
    name: str                                   # the rule's name on pages
    example: str                                # the function, in the expression language
    variables: tuple[tuple[str, Dims], ...]     # name and shape (as a catalog writes it), in order
    wrt: str
    states: str                                 # the stated derivative, denominator layout
    note: str = ""
    assume: tuple[tuple[str, tuple[str, ...]], ...] = ()


def _identity(rule: RuleId, name: str, example: str, variables: Mapping[str, Dims], wrt: str, states: str,
              note: str = "", assume: Mapping[str, tuple[str, ...]] | None = None) -> Identity:
    return Identity(rule, name, example, tuple(variables.items()), wrt, states, note,
                    tuple((assume or {}).items()))


N: Dims = ("n",)
NN: Dims = ("n", "n")
S: Dims = ()

_ALL = (
    _identity(RuleId.CONSTANT, "Constant rule", "c", {"c": S, "x": N}, "x", "zeros(n)",
              "f does not depend on x: every partial derivative is zero"),
    _identity(RuleId.IDENTITY, "Identity", "x", {"x": N}, "x", "eye(n)"),
    _identity(RuleId.SUM_RULE, "Sum rule", "u + v", {"u": N, "v": N}, "u", "eye(n)"),
    _identity(RuleId.SCALAR_EXPANSION, "Scalar expansion", "x + z", {"x": N, "z": S}, "z", "ones(n).T",
              "a scalar added to every entry"),
    _identity(RuleId.NEGATION, "Negation", "-u", {"u": N}, "u", "-eye(n)"),
    _identity(RuleId.PRODUCT, "Product rule", "x * exp(x)", {"x": S}, "x", "exp(x) + x * exp(x)",
              "both factors depend on x: d(u v) = du v + u dv; a matrix or Kronecker product keeps its factors "
              "in order: d(U V) = dU V + U dV"),
    _identity(RuleId.CONSTANT_MULTIPLE, "Constant multiple rule", "c * u", {"c": S, "u": S}, "u", "c",
              "c does not depend on the variable; u / c is (1 / c) u"),
    _identity(RuleId.SCALAR_MULTIPLE, "Scalar multiple", "a * u", {"a": S, "u": N}, "u", "a * eye(n)"),
    _identity(RuleId.SCALED_VECTOR, "Scaled by the variable", "v * A", {"v": S, "A": ("m", "n")}, "v", "A.T",
              "a fixed matrix or vector A times the scalar variable v: d(v A) = A dv"),
    _identity(RuleId.HADAMARD, "Elementwise product", "w * x", {"w": N, "x": N}, "w", "diag(x)"),
    _identity(RuleId.QUOTIENT, "Quotient rule", "u / v", {"u": S, "v": S}, "v", "-u / v**2",
              "by u it is 1 / v; for u and v functions of x the two give the familiar d(u / v) = (du v - u dv) / v^2, "
              "that is (u' v - u v') / v^2", assume={"v": ("nonzero",)}),
    _identity(RuleId.POWER, "Power rule", "u**p", {"u": S, "p": S}, "u", "p * u**(p - 1)",
              "elementwise for arrays", {"u": ("positive",)}),
    _identity(RuleId.EXPONENT, "Variable exponent", "a**v", {"a": S, "v": S}, "v", "a**v * log(a)",
              assume={"a": ("positive",)}),
    _identity(RuleId.SQUARED_NORM, "Squared norm", "norm(b)**2", {"b": N}, "b", "2 * b"),
    _identity(RuleId.LINEAR_MAP, "Linear map", "A @ x", {"A": ("m", "n"), "x": N}, "x", "A.T"),
    _identity(RuleId.ROW_LINEAR, "Row vector times a matrix", "x.T @ A", {"x": ("m",), "A": ("m", "n")}, "x", "A"),
    _identity(RuleId.MATMUL_LEFT, "Matrix product, left factor", "tr(A @ B)", {"A": ("m", "n"), "B": ("n", "m")},
              "A", "B.T", "for a scalar f, from d(AB) = dA B: the gradient by A is the gradient by AB times B^T"),
    _identity(RuleId.MATMUL_RIGHT, "Matrix product, right factor", "tr(A @ B)", {"A": ("m", "n"), "B": ("n", "m")},
              "B", "A.T", "for a scalar f, from d(AB) = A dB: the gradient by B is A^T times the gradient by AB"),
    _identity(RuleId.TRANSPOSE, "Transpose", "x.T", {"x": N}, "x", "eye(n)",
              "for a scalar f, the gradient by X is the transposed gradient by X^T"),
    _identity(RuleId.ELEMENTWISE, "Elementwise function", "exp(x)", {"x": N}, "x", "diag(exp(x))",
              "any elementwise g: diag(g'(x))"),
    _identity(RuleId.SCALAR_FUNCTION, "Scalar function", "exp(x)", {"x": S}, "x", "exp(x)",
              "any differentiable g of a scalar: d g(u) = g'(u) du"),
    _identity(RuleId.MAXIMUM, "Maximum", "maximum(x, y)", {"x": N, "y": N}, "x", "diag(heaviside(x - y))",
              "the Heaviside step; where x_i = y_i any value in [0, 1] is a subgradient"),
    _identity(RuleId.SUM_REDUCTION, "Sum of entries", "sum(x)", {"x": N}, "x", "ones(n)"),
    _identity(RuleId.MEAN, "Mean of entries", "mean(x)", {"x": N}, "x", "ones(n) / n"),
    _identity(RuleId.NORM, "Euclidean norm", "norm(x)", {"x": N}, "x", "x / norm(x)", "not differentiable at 0"),
    _identity(RuleId.DOT, "Inner product", "dot(x, w)", {"x": N, "w": N}, "w", "x"),
    _identity(RuleId.TRACE, "Trace", "tr(X)", {"X": NN}, "X", "eye(n)"),
    _identity(RuleId.TRACE_KRON, "Trace of a Kronecker product", "tr(kron(A, X))", {"A": ("m", "m"), "X": NN}, "X",
              "tr(A) * eye(n)", "tr(A kron B) = tr(A) tr(B) for square A and B, so d tr(A kron B) = tr(dA) tr(B) + "
              "tr(A) tr(dB): tr(A) I by X in one slot; with X in both, tr(X kron X) = tr(X)^2 is written first, and the "
              "power rule gives 2 tr(X) I"),
    _identity(RuleId.DETERMINANT, "Determinant (Jacobi's formula)", "det(X)", {"X": NN}, "X", "det(X) * inv(X).T",
              "from d det X = det X tr(X^-1 dX)"),
    _identity(RuleId.INVERSE, "Inverse", "tr(inv(X))", {"X": NN}, "X", "-(inv(X) @ inv(X)).T",
              "from d(X^-1) = -X^-1 dX X^-1", {"X": ("invertible",)}),
    _identity(RuleId.DIAG, "Diagonal", "tr(A @ diag(v))", {"A": NN, "v": N}, "v", "diag(A)",
              "the gradient by v is the diagonal of the gradient by diag(v)"),
    _identity(RuleId.OUTER, "Outer product", "sum(outer(a, b) * X)", {"a": ("m",), "b": N, "X": ("m", "n")}, "a",
              "X @ b", "for a scalar f, the gradient by a is the gradient by a b^T times b"),
    _identity(RuleId.COMPONENT, "Component", "x[0]", {"x": (3,)}, "x", "[1, 0, 0]",
              "the unit vector of the component"),
    _identity(RuleId.LITERAL, "Vector by components", "[u, v]", {"u": S, "v": S}, "u", "[1, 0].T",
              "the unit vector of the slot, as a row in denominator layout"),
    _identity(RuleId.SOFTMAX, "Softmax", "softmax(v)", {"v": N}, "v",
              "diag(softmax(v)) - softmax(v) @ softmax(v).T",
              "the Jacobian diag(s) - s s^T, s = softmax(v): symmetric, so both layouts agree"),
    _identity(RuleId.LOG_SUM_EXP, "Log-sum-exp", "logsumexp(v)", {"v": N}, "v", "softmax(v)",
              "the gradient of log(sum(exp(v))) is the softmax"),
    _identity(RuleId.ONE_NORM, "One-norm", "norm1(v)", {"v": N}, "v", "sign(v)",
              "not differentiable where an entry is 0: there any value in [-1, 1] is a subgradient"),
    _identity(RuleId.LOG_DET, "Log-determinant", "logdet(X)", {"X": NN}, "X", "inv(X).T",
              "from d ln det X = tr(X^-1 dX); needs det X > 0", {"X": ("invertible",)}),
    # the vec form (spec section 5): d vec(F) / d vec(X)^T, stated in denominator layout (its transpose)
    _identity(RuleId.VEC_LEFT, "Matrix product, left factor (vec form)", "X @ B", {"X": ("m", "n"), "B": ("n", "p")},
              "X", "kron(B, eye(m))", "from vec(dX B) = (B^T kron I) vec(dX): numerator kron(B^T, I)"),
    _identity(RuleId.VEC_RIGHT, "Matrix product, right factor (vec form)", "A @ X", {"A": ("p", "m"), "X": ("m", "n")},
              "X", "kron(eye(n), A.T)", "from vec(A dX) = (I kron A) vec(dX): numerator kron(I, A)"),
    _identity(RuleId.VEC_TRANSPOSE, "Transpose (vec form)", "X.T", {"X": ("m", "n")}, "X", "commutation(n, m)",
              "vec(X^T) = K(m, n) vec(X): numerator the commutation matrix K(m, n)"),
    _identity(RuleId.VEC_INVERSE, "Inverse (vec form)", "inv(X)", {"X": NN}, "X", "-kron(inv(X), inv(X).T)",
              "from d(X^-1) = -X^-1 dX X^-1: numerator -(X^-T kron X^-1)", {"X": ("invertible",)}),
    _identity(RuleId.VEC, "Vec", "vec(X)", {"X": ("m", "n")}, "X", "eye(m*n)", "vec(X) has the entries of X, in order"),
    _identity(RuleId.KRON, "Kronecker product", "kron(X, b)", {"X": ("m", "n"), "b": ("k",)}, "X",
              "kron(eye(m*n), b.T)", "for a column b, vec(X kron b) = vec(X) kron b = (I kron b) vec(X)"),
    _identity(RuleId.SYM, "Symmetric part", "sym(X)", {"X": NN}, "X", "(eye(n**2) + commutation(n, n)) / 2",
              "sym(X) = (X + X^T) / 2, and vec(X^T) = K(n, n) vec(X)"),
)

IDENTITIES: Mapping[RuleId, Identity] = MappingProxyType({i.rule: i for i in _ALL})


def identity(rule: RuleId) -> Identity:
    """The identity of one rule."""
    return IDENTITIES[rule]


def example_problem(ident: Identity) -> Problem:
    """The identity's example as a problem (one per rule, id ``identity-<rule>``); ``states`` is its expected answer."""
    assume = dict(ident.assume)
    sizes: list[str] = []
    for _, dims in ident.variables:
        sizes += [d for d in dims if isinstance(d, str) and d not in sizes]
    variables = tuple(Variable(name, shapes.from_spec(list(dims)), tuple(Assumption(a) for a in assume.get(name, ())), 0)
                      for name, dims in ident.variables)
    scope = E.Scope({v.name: E.var(v.name, v.shape, symmetric=v.symmetric) for v in variables},
                    {s: shapes.size_symbol(s) for s in sizes})
    expected = {ident.wrt: Expected(ident.states, E.parse(ident.states, scope), 0)}
    return Problem(f"identity-{ident.rule.value}", ident.name, "", (), "", "Identities", variables, tuple(sizes),
                   ident.example, E.parse(ident.example, scope), (ident.wrt,), (), expected, 0)
