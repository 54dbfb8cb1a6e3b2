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
    note: str = ""          # Markdown with math; \commutation is the pages' commutation matrix (present.identities)
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
              r"$f$ does not depend on $\mathbf{x}$: every partial derivative is zero"),
    _identity(RuleId.IDENTITY, "Identity", "x", {"x": N}, "x", "eye(n)"),
    _identity(RuleId.SUM_RULE, "Sum rule", "u + v", {"u": N, "v": N}, "u", "eye(n)"),
    _identity(RuleId.SCALAR_EXPANSION, "Scalar expansion", "x + z", {"x": N, "z": S}, "z", "ones(n).T",
              "a scalar added to every entry"),
    _identity(RuleId.NEGATION, "Negation", "-u", {"u": N}, "u", "-eye(n)"),
    _identity(RuleId.PRODUCT, "Product rule", "x * exp(x)", {"x": S}, "x", "exp(x) + x * exp(x)",
              r"both factors depend on $x$: $\mathrm{d}(uv) = \mathrm{d}u\,v + u\,\mathrm{d}v$; a matrix or Kronecker "
              r"product keeps its factors in order: $\mathrm{d}(UV) = (\mathrm{d}U)V + U\,\mathrm{d}V$"),
    _identity(RuleId.CONSTANT_MULTIPLE, "Constant multiple rule", "c * u", {"c": S, "u": S}, "u", "c",
              r"$c$ does not depend on the variable; $u / c$ is $(1 / c)\,u$; for a vector or matrix $u$ it is the "
              r"scalar multiple below, whose derivative is $c\,I$"),
    _identity(RuleId.SCALAR_MULTIPLE, "Scalar multiple", "a * u", {"a": S, "u": N}, "u", "a * eye(n)",
              r"the constant multiple rule for a vector or matrix $\mathbf{u}$: $a$ is fixed (a number or a "
              r"variable the derivative is not by), and $\mathbf{u} / a$ is $(1 / a)\,\mathbf{u}$"),
    _identity(RuleId.SCALED_VECTOR, "Scaled by the variable", "v * A", {"v": S, "A": ("m", "n")}, "v", "A.T",
              r"a fixed matrix or vector $A$ times the scalar variable $v$: $\mathrm{d}(vA) = A\,\mathrm{d}v$"),
    _identity(RuleId.HADAMARD, "Elementwise product", "w * x", {"w": N, "x": N}, "w", "diag(x)"),
    _identity(RuleId.QUOTIENT, "Quotient rule", "u / v", {"u": S, "v": S}, "v", "-u / v**2",
              r"by $u$ it is $1 / v$; for $u$ and $v$ functions of $x$ the two give the familiar "
              r"$\mathrm{d}(u / v) = (\mathrm{d}u\,v - u\,\mathrm{d}v) / v^{2}$, that is $(u' v - u v') / "
              r"v^{2}$", assume={"v": ("nonzero",)}),
    _identity(RuleId.POWER, "Power rule", "u**p", {"u": S, "p": S}, "u", "p * u**(p - 1)",
              "elementwise for arrays", {"u": ("positive",)}),
    _identity(RuleId.EXPONENT, "Variable exponent", "a**v", {"a": S, "v": S}, "v", "a**v * log(a)",
              assume={"a": ("positive",)}),
    _identity(RuleId.SQUARED_NORM, "Squared norm", "norm(b)**2", {"b": N}, "b", "2 * b"),
    _identity(RuleId.LINEAR_MAP, "Linear map", "A @ x", {"A": ("m", "n"), "x": N}, "x", "A.T"),
    _identity(RuleId.ROW_LINEAR, "Row vector times a matrix", "x.T @ A", {"x": ("m",), "A": ("m", "n")}, "x", "A"),
    _identity(RuleId.MATMUL_LEFT, "Matrix product, left factor", "tr(A @ B)", {"A": ("m", "n"), "B": ("n", "m")},
              "A", "B.T", r"for a scalar $f$, from $\mathrm{d}(AB) = (\mathrm{d}A)B$: the gradient by $A$ is the "
              r"gradient by $AB$ times $B^{\top}$"),
    _identity(RuleId.MATMUL_RIGHT, "Matrix product, right factor", "tr(A @ B)", {"A": ("m", "n"), "B": ("n", "m")},
              "B", "A.T", r"for a scalar $f$, from $\mathrm{d}(AB) = A\,\mathrm{d}B$: the gradient by $B$ is "
              r"$A^{\top}$ times the gradient by $AB$"),
    _identity(RuleId.TRANSPOSE, "Transpose", "x.T", {"x": N}, "x", "eye(n)",
              r"for a scalar $f$, the gradient by $X$ is the transposed gradient by $X^{\top}$"),
    _identity(RuleId.ELEMENTWISE, "Elementwise function", "exp(x)", {"x": N}, "x", "diag(exp(x))",
              r"any elementwise $g$: $\operatorname{diag}(g'(\mathbf{x}))$"),
    _identity(RuleId.SCALAR_FUNCTION, "Scalar function", "exp(x)", {"x": S}, "x", "exp(x)",
              r"any differentiable $g$ of a scalar: $\mathrm{d}\,g(u) = g'(u)\,\mathrm{d}u$"),
    _identity(RuleId.MAXIMUM, "Maximum", "maximum(x, y)", {"x": N, "y": N}, "x", "diag(heaviside(x - y))",
              r"the Heaviside step; where $x_{i} = y_{i}$ any value in $[0, 1]$ is a subgradient"),
    _identity(RuleId.SUM_REDUCTION, "Sum of entries", "sum(x)", {"x": N}, "x", "ones(n)"),
    _identity(RuleId.MEAN, "Mean of entries", "mean(x)", {"x": N}, "x", "ones(n) / n"),
    _identity(RuleId.NORM, "Euclidean norm", "norm(x)", {"x": N}, "x", "x / norm(x)", r"not differentiable at $\mathbf{0}$"),
    _identity(RuleId.DOT, "Inner product", "dot(x, w)", {"x": N, "w": N}, "w", "x"),
    _identity(RuleId.TRACE, "Trace", "tr(X)", {"X": NN}, "X", "eye(n)"),
    _identity(RuleId.TRACE_KRON, "Trace of a Kronecker product", "tr(kron(A, X))", {"A": ("m", "m"), "X": NN}, "X",
              "tr(A) * eye(n)", r"$\operatorname{tr}(A \otimes B) = \operatorname{tr}(A)\operatorname{tr}(B)$ for "
              r"square $A$ and $B$, so "
              r"$\mathrm{d}\operatorname{tr}(A \otimes B) = \operatorname{tr}(\mathrm{d}A)\operatorname{tr}(B) + "
              r"\operatorname{tr}(A)\operatorname{tr}(\mathrm{d}B)$: the gradient of $\operatorname{tr}(A \otimes X)$ by "
              r"$X$ is $\operatorname{tr}(A)\,I$; with $X$ in both slots, $\operatorname{tr}(X \otimes X) = "
              r"(\operatorname{tr}(X))^{2}$ is written first, and the power rule gives $2\operatorname{tr}(X)\,I$"),
    _identity(RuleId.DETERMINANT, "Determinant (Jacobi's formula)", "det(X)", {"X": NN}, "X", "det(X) * inv(X).T",
              r"from $\mathrm{d}\det X = \det X \operatorname{tr}(X^{-1}\,\mathrm{d}X)$"),
    _identity(RuleId.INVERSE, "Inverse", "tr(inv(X))", {"X": NN}, "X", "-(inv(X) @ inv(X)).T",
              r"from $\mathrm{d}(X^{-1}) = -X^{-1}(\mathrm{d}X)X^{-1}$", {"X": ("invertible",)}),
    _identity(RuleId.DIAG, "Diagonal", "tr(A @ diag(v))", {"A": NN, "v": N}, "v", "diag(A)",
              r"the gradient by $\mathbf{v}$ is the diagonal of the gradient by $\operatorname{diag}(\mathbf{v})$"),
    _identity(RuleId.OUTER, "Outer product", "sum(outer(a, b) * X)", {"a": ("m",), "b": N, "X": ("m", "n")}, "a",
              "X @ b", r"for a scalar $f$, the gradient by $\mathbf{a}$ is the gradient by "
              r"$\mathbf{a}\mathbf{b}^{\top}$ times $\mathbf{b}$"),
    _identity(RuleId.COMPONENT, "Component", "x[0]", {"x": (3,)}, "x", "[1, 0, 0]",
              "the unit vector of the component"),
    _identity(RuleId.LITERAL, "Vector by components", "[u, v]", {"u": S, "v": S}, "u", "[1, 0].T",
              "the unit vector of the slot, as a row in denominator layout"),
    _identity(RuleId.SOFTMAX, "Softmax", "softmax(v)", {"v": N}, "v",
              "diag(softmax(v)) - softmax(v) @ softmax(v).T",
              r"the Jacobian $\operatorname{diag}(\mathbf{s}) - \mathbf{s}\mathbf{s}^{\top}$, $\mathbf{s} = "
              r"\operatorname{softmax}(\mathbf{v})$: symmetric, so both layouts agree"),
    _identity(RuleId.LOG_SUM_EXP, "Log-sum-exp", "logsumexp(v)", {"v": N}, "v", "softmax(v)",
              r"the gradient of $\ln(\operatorname{sum}(\exp(\mathbf{v})))$ is the softmax"),
    _identity(RuleId.ONE_NORM, "One-norm", "norm1(v)", {"v": N}, "v", "sign(v)",
              r"not differentiable where an entry is $0$: there any value in $[-1, 1]$ is a subgradient"),
    _identity(RuleId.LOG_DET, "Log-determinant", "logdet(X)", {"X": NN}, "X", "inv(X).T",
              r"from $\mathrm{d}\ln\det X = \operatorname{tr}(X^{-1}\,\mathrm{d}X)$; needs $\det X > "
              r"0$", {"X": ("invertible",)}),
    # the vec form (spec section 5): d vec(F) / d vec(X)^T, stated in denominator layout (its transpose)
    _identity(RuleId.VEC_LEFT, "Matrix product, left factor (vec form)", "X @ B", {"X": ("m", "n"), "B": ("n", "p")},
              "X", "kron(B, eye(m))", r"from $\operatorname{vec}((\mathrm{d}X)B) = (B^{\top} \otimes "
              r"I_{m})\operatorname{vec}(\mathrm{d}X)$: numerator layout $B^{\top} \otimes I_{m}$"),
    _identity(RuleId.VEC_RIGHT, "Matrix product, right factor (vec form)", "A @ X", {"A": ("p", "m"), "X": ("m", "n")},
              "X", "kron(eye(n), A.T)", r"from $\operatorname{vec}(A\,\mathrm{d}X) = (I_{n} \otimes "
              r"A)\operatorname{vec}(\mathrm{d}X)$: numerator layout $I_{n} \otimes A$"),
    _identity(RuleId.VEC_TRANSPOSE, "Transpose (vec form)", "X.T", {"X": ("m", "n")}, "X", "commutation(n, m)",
              r"$\operatorname{vec}(X^{\top}) = \commutation_{m,n}\operatorname{vec}(X)$: numerator layout the "
              r"commutation matrix $\commutation_{m,n}$"),
    _identity(RuleId.VEC_INVERSE, "Inverse (vec form)", "inv(X)", {"X": NN}, "X", "-kron(inv(X), inv(X).T)",
              r"from $\mathrm{d}(X^{-1}) = -X^{-1}(\mathrm{d}X)X^{-1}$: numerator layout $-(X^{-\top} \otimes "
              r"X^{-1})$", {"X": ("invertible",)}),
    _identity(RuleId.VEC, "Vec", "vec(X)", {"X": ("m", "n")}, "X", "eye(m*n)", r"$\operatorname{vec}(X)$ has the "
              r"entries of $X$, in order"),
    _identity(RuleId.KRON, "Kronecker product", "kron(X, b)", {"X": ("m", "n"), "b": ("k",)}, "X",
              "kron(eye(m*n), b.T)", r"for a column $\mathbf{b}$, $\operatorname{vec}(X \otimes \mathbf{b}) = "
              r"\operatorname{vec}(X) \otimes \mathbf{b} = (I \otimes \mathbf{b})\operatorname{vec}(X)$"),
    _identity(RuleId.SYM, "Symmetric part", "sym(X)", {"X": NN}, "X", "(eye(n**2) + commutation(n, n)) / 2",
              r"$\operatorname{sym}(X) = (X + X^{\top}) / 2$, and $\operatorname{vec}(X^{\top}) = "
              r"\commutation_{n,n}\operatorname{vec}(X)$"),
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
