"""The expression language: a typed tree with shapes, its safe parser, and its printer.

Text is parsed by walking Python's ``ast`` over an allowlist of node types, names and
attributes; nothing is ever passed to ``eval``, ``exec``, ``sympify`` or ``parse_expr``.
"""

from __future__ import annotations

import ast
import difflib
import enum
import math
import warnings
from dataclasses import dataclass, field, fields
from typing import Callable, Mapping

import sympy

from mcdocgen.errors import ErrorCode, ExprError

from mcdocgen.language import shapes
from mcdocgen.language.shapes import SCALAR, Shape

MAX_EXPRESSION_CHARS = 2000
MAX_DEPTH = 60
MAX_EXPONENT = 1000
MAX_LITERAL = 10**12
MAX_INDEX = 999          # sizes are at most 1000
MAX_LITERAL_ENTRIES = 100  # of a vector or matrix written by components; derivatives of one grow as its square
MAX_CONSTANT_DIGITS = 10_000  # a constant such as 2**1000 is fine; towers of powers are not


@enum.unique
class Fn(enum.StrEnum):
    """Elementwise functions of the language."""

    EXP = "exp"
    LOG = "log"
    SIN = "sin"
    COS = "cos"
    TAN = "tan"
    TANH = "tanh"
    SQRT = "sqrt"
    ABS = "abs"
    SIGN = "sign"
    SIGMOID = "sigmoid"
    RELU = "relu"
    HEAVISIDE = "heaviside"


# ---------------------------------------------------------------- nodes


@dataclass(frozen=True, slots=True)
class Node:
    shape: Shape
    # The hash, computed once (see _cache_hashes): trees are hashed as dict keys at every level,
    # and recomputing a deep tree's hash each time made derive and evaluate quadratic in depth.
    _hash: int = field(default=0, init=False, repr=False, compare=False, hash=False)

    def children(self) -> tuple[Node, ...]:
        return ()


@dataclass(frozen=True, slots=True)
class Var(Node):
    """A declared variable (or, inside derivations, a named intermediate)."""

    name: str
    symmetric: bool = False
    intermediate: bool = False


@dataclass(frozen=True, slots=True)
class Num(Node):
    """A constant scalar: a number or a size such as ``N``."""

    value: sympy.Expr


@dataclass(frozen=True, slots=True)
class Add(Node):
    terms: tuple[Node, ...]

    def children(self):
        return self.terms


@dataclass(frozen=True, slots=True)
class Neg(Node):
    arg: Node

    def children(self):
        return (self.arg,)


@dataclass(frozen=True, slots=True)
class Mul(Node):
    """``a * b``: a scalar scaling anything, or the elementwise (Hadamard) product."""

    left: Node
    right: Node

    def children(self):
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Div(Node):
    left: Node
    right: Node

    def children(self):
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Pow(Node):
    base: Node
    exp: Node

    def children(self):
        return (self.base, self.exp)


@dataclass(frozen=True, slots=True)
class MatMul(Node):
    left: Node
    right: Node

    def children(self):
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Transpose(Node):
    arg: Node

    def children(self):
        return (self.arg,)


@dataclass(frozen=True, slots=True)
class Func(Node):
    fn: Fn
    arg: Node

    def children(self):
        return (self.arg,)


@dataclass(frozen=True, slots=True)
class Maximum(Node):
    left: Node
    right: Node

    def children(self):
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Sum(Node):
    arg: Node

    def children(self):
        return (self.arg,)


@dataclass(frozen=True, slots=True)
class Mean(Node):
    arg: Node

    def children(self):
        return (self.arg,)


@dataclass(frozen=True, slots=True)
class Norm(Node):
    arg: Node

    def children(self):
        return (self.arg,)


@dataclass(frozen=True, slots=True)
class Dot(Node):
    left: Node
    right: Node

    def children(self):
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Trace(Node):
    arg: Node

    def children(self):
        return (self.arg,)


@dataclass(frozen=True, slots=True)
class Det(Node):
    arg: Node

    def children(self):
        return (self.arg,)


@dataclass(frozen=True, slots=True)
class Inv(Node):
    arg: Node

    def children(self):
        return (self.arg,)


@dataclass(frozen=True, slots=True)
class Diag(Node):
    """``diag(v)``: the diagonal matrix of a vector, or the diagonal of a square matrix."""

    arg: Node

    def children(self):
        return (self.arg,)


@dataclass(frozen=True, slots=True)
class Outer(Node):
    left: Node
    right: Node

    def children(self):
        return (self.left, self.right)


@dataclass(frozen=True, slots=True)
class Eye(Node):
    """The identity matrix of the node's (square) shape."""


@dataclass(frozen=True, slots=True)
class Ones(Node):
    """All-ones array of the node's shape (``ones(n)`` is a column)."""


@dataclass(frozen=True, slots=True)
class Zero(Node):
    """All-zeros array of the node's shape."""


@dataclass(frozen=True, slots=True)
class Index(Node):
    arg: Node
    row: int
    col: int

    def children(self):
        return (self.arg,)


@dataclass(frozen=True, slots=True)
class Unit(Node):
    """The array of the node's shape with a one at (row, col) and zeros elsewhere."""

    row: int
    col: int


@dataclass(frozen=True, slots=True)
class Grad(Node):
    """Placeholder for the derivative of the function with respect to an intermediate.

    Only derivations create it (never the parser); ``layout`` says which view it stands for.
    """

    function: str
    of: str
    layout: str = "denominator"


@dataclass(frozen=True, slots=True)
class Lit(Node):
    """A vector or matrix written by components (rows of scalar expressions)."""

    rows: tuple[tuple[Node, ...], ...]

    def children(self):
        return tuple(e for row in self.rows for e in row)


def _cache_hashes() -> None:
    """Wrap each node class's generated __hash__ / __eq__ / pickling with the cached hash.

    The cache is dropped when pickled: str hashes differ between processes.
    """
    def classes(cls):
        yield cls
        for sub in cls.__subclasses__():
            yield from classes(sub)

    for cls in classes(Node):
        def make(generated_hash, generated_eq, getstate, at=[f.name for f in fields(cls)].index("_hash")):
            def __hash__(self) -> int:
                h = self._hash
                if not h:
                    h = generated_hash(self) or 1
                    object.__setattr__(self, "_hash", h)
                return h

            def __eq__(self, other) -> bool:
                if self is other:
                    return True
                if type(other) is not type(self):
                    return NotImplemented
                if self._hash and other._hash and self._hash != other._hash:
                    return False
                return generated_eq(self, other)

            def __getstate__(self):
                state = list(getstate(self))
                state[at] = 0
                return state

            return __hash__, __eq__, __getstate__

        cls.__hash__, cls.__eq__, cls.__getstate__ = make(cls.__hash__, cls.__eq__, cls.__getstate__)


_cache_hashes()


def rebuild(node: Node, kids: tuple[Node, ...]) -> Node:
    """The same node with new children (shapes recomputed by the smart constructors)."""
    match node:
        case Add():
            return add(*kids)
        case Neg():
            return neg(kids[0])
        case Mul():
            return mul(*kids)
        case Div():
            return div(*kids)
        case Pow():
            return power(*kids)
        case MatMul():
            return matmul(*kids)
        case Transpose():
            return transpose(kids[0])
        case Func():
            return func(node.fn, kids[0])
        case Maximum():
            return maximum(*kids)
        case Sum() | Mean() | Norm() | Trace() | Det() | Inv() | Diag():
            return UNARY[type(node)](kids[0])
        case Dot():
            return dot(*kids)
        case Outer():
            return outer(*kids)
        case Index():
            return index(kids[0], node.row, node.col)
        case Lit():
            it = iter(kids)
            return lit(tuple(tuple(next(it) for _ in row) for row in node.rows))
    return node


def walk(node: Node):
    """All nodes, parents before children."""
    yield node
    for kid in node.children():
        yield from walk(kid)


def count_nodes(node: Node, limit: int) -> int:
    """The number of nodes of the tree, counted up to ``limit + 1`` only (a bound, cheap on huge trees)."""
    count, stack = 0, [node]
    while stack and count <= limit:
        n = stack.pop()
        count += 1
        stack.extend(n.children())
    return count


def free_vars(node: Node) -> frozenset[str]:
    return frozenset(n.name for n in walk(node) if isinstance(n, Var))


def depends_on(node: Node, names: frozenset[str] | set[str]) -> bool:
    return any(isinstance(n, Var) and n.name in names for n in walk(node))


def substitute(node: Node, mapping: Mapping[str, Node]) -> Node:
    """Replace variables by expressions (used to put intermediates back)."""
    if isinstance(node, Var):
        return mapping.get(node.name, node)
    kids = node.children()
    if not kids:
        return node
    new = tuple(substitute(k, mapping) for k in kids)
    return node if new == kids else rebuild(node, new)


# ---------------------------------------------------------------- constructors


def _shape_error(op: str, a: Shape, b: Shape) -> ExprError:
    return ExprError(f"'{op}' needs equal shapes or a scalar, got {a.label()} and {b.label()}")


def num(value) -> Num:
    return Num(SCALAR, sympy.sympify(value) if not isinstance(value, sympy.Basic) else value)


def var(name: str, shape: Shape, symmetric: bool = False, intermediate: bool = False) -> Var:
    return Var(shape, name, symmetric, intermediate)


def add(*terms: Node) -> Node:
    if len(terms) == 1:
        return terms[0]
    shape = terms[0].shape
    for t in terms[1:]:
        s = shapes.broadcast(shape, t.shape)
        if s is None:
            raise _shape_error("+", shape, t.shape)
        shape = s
    return Add(shape, tuple(terms))


def sub(a: Node, b: Node) -> Node:
    return add(a, neg(b))


def neg(a: Node) -> Node:
    return Neg(a.shape, a)


def mul(a: Node, b: Node) -> Node:
    s = shapes.broadcast(a.shape, b.shape)
    if s is None:
        raise _shape_error("*", a.shape, b.shape)
    return Mul(s, a, b)


def div(a: Node, b: Node) -> Node:
    s = shapes.broadcast(a.shape, b.shape)
    if s is None:
        raise _shape_error("/", a.shape, b.shape)
    return Div(s, a, b)


def power(a: Node, b: Node) -> Node:
    if not b.shape.is_scalar:
        raise ExprError(f"'**' needs a scalar exponent, got {b.shape.label()}")
    return Pow(a.shape, a, b)


def matmul(a: Node, b: Node) -> Node:
    s = shapes.matmul(a.shape, b.shape)
    if s is None:
        raise ExprError(
            f"'@' needs the inner sizes to agree, got {a.shape.label()} @ {b.shape.label()}"
        )
    return MatMul(s, a, b)


def transpose(a: Node) -> Node:
    return Transpose(a.shape.transpose(), a)


def func(fn: Fn, a: Node) -> Node:
    return Func(a.shape, fn, a)


def maximum(a: Node, b: Node) -> Node:
    s = shapes.broadcast(a.shape, b.shape)
    if s is None:
        raise _shape_error("maximum", a.shape, b.shape)
    return Maximum(s, a, b)


def _need_vector(name: str, a: Node) -> None:
    if not a.shape.is_vector_like or a.shape.is_scalar and name in ("outer",):
        raise ExprError(f"{name}() needs a vector, got {a.shape.label()}")


def _need_square(name: str, a: Node) -> None:
    if not a.shape.is_square:
        raise ExprError(f"{name}() needs a square matrix, got {a.shape.label()}")


def total(a: Node) -> Node:
    return Sum(SCALAR, a)


def mean(a: Node) -> Node:
    return Mean(SCALAR, a)


def norm(a: Node) -> Node:
    return Norm(SCALAR, a)


def dot(a: Node, b: Node) -> Node:
    if not (a.shape.is_vector_like and b.shape.is_vector_like) or a.shape.length != b.shape.length:
        raise ExprError(
            f"dot() needs two vectors of one length, got {a.shape.label()} and {b.shape.label()}"
        )
    return Dot(SCALAR, a, b)


def trace(a: Node) -> Node:
    _need_square("tr", a)
    return Trace(SCALAR, a)


def det(a: Node) -> Node:
    _need_square("det", a)
    return Det(SCALAR, a)


def inv(a: Node) -> Node:
    _need_square("inv", a)
    return Inv(a.shape, a)


def diag(a: Node) -> Node:
    if a.shape.is_column or a.shape.is_scalar:
        return Diag(shapes.square(a.shape.rows), a)
    if a.shape.is_row:
        return Diag(shapes.square(a.shape.cols), a)
    _need_square("diag", a)
    return Diag(shapes.column(a.shape.rows), a)


def outer(a: Node, b: Node) -> Node:
    if not (a.shape.is_vector_like and b.shape.is_vector_like):
        raise ExprError(f"outer() needs two vectors, got {a.shape.label()} and {b.shape.label()}")
    return Outer(Shape(a.shape.length, b.shape.length), a, b)


def eye(n) -> Node:
    return Eye(shapes.square(shapes.dim(n)))


def ones(shape: Shape) -> Node:
    return Ones(shape)


def zero(shape: Shape) -> Node:
    return Zero(shape)


def index(a: Node, row: int, col: int) -> Node:
    for i, size in ((row, a.shape.rows), (col, a.shape.cols)):
        if i < 0 or (size.is_number and i >= int(size)):
            raise ExprError(f"index {i} is out of range for shape {a.shape.label()}")
    return Index(SCALAR, a, row, col)


def lit(rows: tuple[tuple[Node, ...], ...]) -> Node:
    width = len(rows[0])
    if any(len(r) != width for r in rows):
        raise ExprError("every row of a matrix literal needs the same length")
    for r in rows:
        for e in r:
            if not e.shape.is_scalar:
                raise ExprError(f"matrix literal entries must be scalars, got {e.shape.label()}")
    return Lit(Shape(sympy.Integer(len(rows)), sympy.Integer(width)), rows)


UNARY: dict[type, Callable[[Node], Node]] = {
    Sum: total,
    Mean: mean,
    Norm: norm,
    Trace: trace,
    Det: det,
    Inv: inv,
    Diag: diag,
}


# ---------------------------------------------------------------- parser


@dataclass(frozen=True)
class Scope:
    """The names an expression may use."""

    variables: Mapping[str, Var]
    sizes: Mapping[str, sympy.Symbol] = field(default_factory=dict)
    steps: Mapping[str, Var] = field(default_factory=dict)

    def known(self) -> str:
        return ", ".join(sorted(self.variables)) or "none"


FUNCTIONS_1 = {f.value: f for f in Fn}
REDUCTIONS = {"sum": total, "mean": mean, "norm": norm, "tr": trace, "det": det, "inv": inv, "diag": diag}
BINARY_FUNCS = {"dot": dot, "outer": outer, "maximum": maximum, "max": maximum}
SIZE_FUNCS = {"eye", "ones"}
KNOWN_FUNCTIONS = sorted([*FUNCTIONS_1, *REDUCTIONS, *BINARY_FUNCS, *SIZE_FUNCS])


def parse(text: str, scope: Scope) -> Node:
    """Parse one expression of the language into a typed tree, or raise ExprError."""
    if not isinstance(text, str):
        raise ExprError("an expression must be a string")
    if len(text) > MAX_EXPRESSION_CHARS:
        raise ExprError(
            f"expression is too long ({len(text)} characters; the limit is {MAX_EXPRESSION_CHARS})"
        )
    if not text.strip():
        raise ExprError("expression is empty")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings about user text are not ours to print
            tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        msg = _clip(exc.msg or "invalid syntax")
        raise ExprError(f"not valid syntax: {msg}", max((exc.offset or 1) - 1, 0)) from None
    except ValueError:  # e.g. a null character
        raise ExprError("expression contains a character that is not allowed") from None
    except (RecursionError, MemoryError):
        raise ExprError("expression is nested too deeply or malformed") from None
    return _Walker(scope).visit(tree.body, 0)


class _Walker:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def fail(self, node: ast.AST, message: str, code: ErrorCode = ErrorCode.EXPRESSION,
             name: str | None = None) -> ExprError:
        return ExprError(message, getattr(node, "col_offset", 0), code=code, name=name)

    def visit(self, node: ast.AST, depth: int) -> Node:
        if depth > MAX_DEPTH:
            raise self.fail(node, f"expression is nested too deeply (more than {MAX_DEPTH} levels)")
        method = getattr(self, "visit_" + type(node).__name__, None)
        if method is None:
            raise self.fail(node, f"'{_describe(node)}' is not allowed in an expression")
        try:
            return method(node, depth + 1)
        except ExprError as exc:
            if exc.col == 0:
                exc.col = getattr(node, "col_offset", 0)
            raise

    def visit_Constant(self, node: ast.Constant, depth: int) -> Node:
        v = node.value
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise self.fail(node, f"constant {_clip(repr(v))} is not a number")
        if abs(v) > MAX_LITERAL:
            raise self.fail(node, f"number {v} is too large (the limit is {MAX_LITERAL})")
        return num(sympy.Integer(v) if isinstance(v, int) else sympy.Rational(repr(v)))

    def visit_Name(self, node: ast.Name, depth: int) -> Node:
        name = node.id
        for table in (self.scope.steps, self.scope.variables):
            if name in table:
                return table[name]
        if name in self.scope.sizes:
            return num(self.scope.sizes[name])
        hint = f" (declared: {self.scope.known()})"
        if name in KNOWN_FUNCTIONS:
            raise self.fail(node, f"function '{name}' must be called")
        raise self.fail(node, f"unknown name '{_clip(name)}'{hint}", ErrorCode.UNKNOWN_NAME, name)

    def visit_UnaryOp(self, node: ast.UnaryOp, depth: int) -> Node:
        arg = self.visit(node.operand, depth)
        if isinstance(node.op, ast.USub):
            if isinstance(arg, Num):
                return num(-arg.value)
            return neg(arg)
        if isinstance(node.op, ast.UAdd):
            return arg
        raise self.fail(node, f"operator '{_OPERATORS.get(type(node.op), '?')}' is not allowed")

    def visit_BinOp(self, node: ast.BinOp, depth: int) -> Node:
        op = node.op
        left = self.visit(node.left, depth)
        right = self.visit(node.right, depth)
        if isinstance(op, ast.Add):
            return add(left, right)
        if isinstance(op, ast.Sub):
            return sub(left, right)
        if isinstance(op, ast.Mult):
            return mul(left, right)
        if isinstance(op, ast.Div):
            if isinstance(right, Num) and right.value == 0:
                raise self.fail(node.right, "division by zero")
            return div(left, right)
        if isinstance(op, ast.MatMult):
            # a 1 x 1 result acts as a scalar: (x.T @ x) @ x scales x
            if shapes.matmul(left.shape, right.shape) is None and (left.shape.is_scalar or right.shape.is_scalar):
                return mul(left, right)
            return matmul(left, right)
        if isinstance(op, ast.Pow):
            self._check_power(node, left, right)
            return power(left, right)
        symbol = _OPERATORS.get(type(op), "?")
        hint = " (use ** for powers)" if symbol == "^" else ""
        raise self.fail(node, f"operator '{symbol}' is not allowed{hint}")

    def _check_power(self, node: ast.BinOp, base: Node, exp: Node) -> None:
        """Keep constants small: later stages may compute them exactly (and 2**10**10 never ends)."""
        exp_digits = _log10_bound(exp)
        if exp_digits is None:
            return  # the exponent depends on a variable: evaluated in floating point only
        shown = str(exp.value) if isinstance(exp, Num) else _describe(node.right)
        if not _has_size(exp):
            value = _exact(exp) if exp_digits <= 15 else sympy.oo
            if value.is_finite is not True and value is not sympy.oo:
                raise self.fail(node.right, f"exponent {shown} is not a finite number")
            if value is sympy.oo or abs(value) > MAX_EXPONENT:
                raise self.fail(node.right, f"exponent {shown} is too large (the limit is {MAX_EXPONENT})")
        base_digits = _log10_bound(base)
        if base_digits is not None and base_digits * 10.0 ** min(exp_digits, 20.0) > MAX_CONSTANT_DIGITS:
            raise self.fail(node, f"the constant {_describe(node)} is too large")

    def visit_Attribute(self, node: ast.Attribute, depth: int) -> Node:
        if node.attr != "T":
            raise self.fail(node, f"attribute '.{_clip(node.attr)}' is not allowed (only '.T', the transpose)")
        return transpose(self.visit(node.value, depth))

    def visit_Subscript(self, node: ast.Subscript, depth: int) -> Node:
        base = self.visit(node.value, depth)
        idx = node.slice
        items = idx.elts if isinstance(idx, ast.Tuple) else [idx]
        numbers = []
        for item in items:
            if not (isinstance(item, ast.Constant) and type(item.value) is int):
                raise self.fail(node, "an index must be a whole-number literal such as x[0] or M[1, 2]")
            if item.value > MAX_INDEX:
                raise self.fail(node, f"index {_clip(str(item.value))} is out of range (sizes are at most {MAX_INDEX + 1})")
            numbers.append(item.value)
        if len(numbers) == 1:
            if base.shape.is_row:
                return index(base, 0, numbers[0])
            if not base.shape.is_column:
                raise self.fail(node, f"one index needs a vector, got {base.shape.label()}")
            return index(base, numbers[0], 0)
        if len(numbers) == 2:
            return index(base, numbers[0], numbers[1])
        raise self.fail(node, "an index has one or two numbers")

    def visit_List(self, node: ast.List, depth: int) -> Node:
        if not node.elts:
            raise self.fail(node, "an empty list is not a vector")
        entries = sum(len(e.elts) if isinstance(e, ast.List) else 1 for e in node.elts)
        if entries > MAX_LITERAL_ENTRIES:
            raise self.fail(node, f"a vector or matrix written by components has {entries} entries "
                                  f"(the limit is {MAX_LITERAL_ENTRIES})")
        if all(isinstance(e, ast.List) for e in node.elts):
            if any(not row.elts for row in node.elts):
                raise self.fail(node, "a matrix literal cannot have an empty row")
            rows = tuple(tuple(self.visit(e, depth + 1) for e in row.elts) for row in node.elts)
            return lit(rows)
        return lit(tuple((self.visit(e, depth),) for e in node.elts))

    def visit_Call(self, node: ast.Call, depth: int) -> Node:
        if not isinstance(node.func, ast.Name):
            raise self.fail(node, f"only the language's functions can be called, not '{_describe(node.func)}'")
        name = node.func.id
        if name not in KNOWN_FUNCTIONS:
            close = difflib.get_close_matches(name, KNOWN_FUNCTIONS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(KNOWN_FUNCTIONS)}"
            raise self.fail(node, f"unknown function '{_clip(name)}' ({hint})")
        if node.keywords:
            raise self.fail(node, f"{name}() takes no keyword arguments")
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise self.fail(node, f"{name}() takes no starred arguments")
        if name in SIZE_FUNCS:
            return self._size_call(node, name)
        args = [self.visit(a, depth) for a in node.args]
        if name in FUNCTIONS_1:
            self._arity(node, name, args, 1)
            return func(FUNCTIONS_1[name], args[0])
        if name in REDUCTIONS:
            self._arity(node, name, args, 1)
            return REDUCTIONS[name](args[0])
        if name in BINARY_FUNCS:
            self._arity(node, name, args, 2)
            return BINARY_FUNCS[name](args[0], args[1])
        raise self.fail(node, f"unknown function '{_clip(name)}'")  # unreachable: checked above

    def _arity(self, node: ast.Call, name: str, args: list, count: int) -> None:
        if len(args) != count:
            raise self.fail(node, f"{name}() takes {count} argument{'s' if count > 1 else ''}, got {len(args)}")

    def _size_call(self, node: ast.Call, name: str) -> Node:
        if len(node.args) != 1:
            raise self.fail(node, f"{name}() takes one size, got {len(node.args)}")
        a = node.args[0]
        if isinstance(a, ast.Constant) and type(a.value) is int and 0 < a.value <= 1000:
            size = sympy.Integer(a.value)
        elif isinstance(a, ast.Name) and a.id in self.scope.sizes:
            size = self.scope.sizes[a.id]
        else:
            raise self.fail(node, f"{name}() needs a size name or a whole number, such as {name}(n)")
        return eye(size) if name == "eye" else ones(shapes.column(size))


def _describe(node: ast.AST) -> str:
    try:
        text = ast.unparse(node)
    except Exception:  # noqa: BLE001 - describing only; unparse can fail on odd nodes
        text = type(node).__name__
    return _clip(text)


def _clip(text: str, limit: int = 50) -> str:
    """User text echoed in a message: one line, at most ``limit`` characters."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


_OPERATORS = {
    ast.FloorDiv: "//", ast.Mod: "%", ast.LShift: "<<", ast.RShift: ">>", ast.BitOr: "|",
    ast.BitXor: "^", ast.BitAnd: "&", ast.Not: "not", ast.Invert: "~",
}


def _has_size(node: Node) -> bool:
    return any(isinstance(n, Num) and not n.value.is_number for n in walk(node))


def _log10_bound(node: Node) -> float | None:
    """An upper bound on log10 of a constant's magnitude (or of its reciprocal's); None if not constant."""
    match node:
        case Num(value=v):
            if v.is_Rational:
                return max(math.log10(abs(v.p)) if v.p else 0.0, math.log10(v.q))
            return 3.0  # a size: at most 1000
        case Neg(arg=a):
            return _log10_bound(a)
        case Add(terms=terms):
            bounds = [_log10_bound(t) for t in terms]
            return None if None in bounds else max(bounds) + math.log10(len(bounds))
        case Mul(left=a, right=b) | Div(left=a, right=b):
            la, lb = _log10_bound(a), _log10_bound(b)
            return None if la is None or lb is None else la + lb
        case Pow(base=a, exp=b):
            la, lb = _log10_bound(a), _log10_bound(b)
            return None if la is None or lb is None else la * 10.0 ** min(lb, 20.0)
    return None


def _exact(node: Node) -> sympy.Expr:
    """The exact value of a small constant (only called after _log10_bound bounded it)."""
    match node:
        case Num(value=v):
            return v
        case Neg(arg=a):
            return -_exact(a)
        case Add(terms=terms):
            return sympy.Add(*(_exact(t) for t in terms))
        case Mul(left=a, right=b):
            return _exact(a) * _exact(b)
        case Div(left=a, right=b):
            return _exact(a) / _exact(b)
        case Pow(base=a, exp=b):
            return _exact(a) ** _exact(b)
    raise TypeError(f"not a constant: {type(node).__name__}")


# ---------------------------------------------------------------- printer (language)

# Binding strength for the language printer: higher binds tighter.
PREC_ADD, PREC_MUL, PREC_NEG, PREC_MATMUL_ARG, PREC_POW, PREC_ATOM = 10, 20, 25, 20, 30, 40


def try_text(node: Node, fallback: str = "") -> str:
    """The language form, or ``fallback`` where there is none (a unit vector of symbolic length)."""
    try:
        return to_text(node)
    except ExprError:
        return fallback


def to_text(node: Node) -> str:
    """Print a tree in the expression language; ``parse(to_text(e))`` gives ``e`` back."""
    return _text(node)[0]


def _text(node: Node) -> tuple[str, int]:
    match node:
        case Var(name=name):
            return name, PREC_ATOM
        case Num(value=v):
            if v.is_Integer or v.is_Symbol or (-v).is_Symbol:
                s = str(v)
                return (s, PREC_ATOM) if not s.startswith("-") else (s, PREC_NEG)
            if v.is_Rational:
                # A decimal such as 0.5 when it is exact, so that parse(to_text(e)) == e.
                decimal = repr(float(v))
                if "inf" not in decimal and sympy.Rational(decimal) == v:
                    return decimal, (PREC_NEG if decimal.startswith("-") else PREC_ATOM)
                return f"{v.p}/{v.q}", PREC_MUL
            return _sym_text(v)
        case Add(terms=terms):
            parts = []
            for i, t in enumerate(terms):
                if isinstance(t, Neg) and i:
                    parts.append(" - " + _wrap(t.arg, PREC_ADD + 1))
                else:
                    parts.append((" + " if i else "") + _wrap(t, PREC_ADD + 1 if i else PREC_ADD))
            return "".join(parts), PREC_ADD
        case Neg(arg=a):
            return "-" + _wrap(a, PREC_MUL + 1), PREC_NEG
        case Mul(left=a, right=b):
            return f"{_wrap(a, PREC_MUL)} * {_wrap(b, PREC_MUL + 1)}", PREC_MUL
        case MatMul(left=a, right=b):
            return f"{_wrap(a, PREC_MUL)} @ {_wrap(b, PREC_MUL + 1)}", PREC_MUL
        case Div(left=a, right=b):
            return f"{_wrap(a, PREC_MUL)} / {_wrap(b, PREC_MUL + 1)}", PREC_MUL
        case Pow(base=a, exp=b):
            return f"{_wrap(a, PREC_POW + 1)}**{_wrap(b, PREC_POW)}", PREC_POW
        case Transpose(arg=a):
            return _wrap_postfix(a) + ".T", PREC_ATOM
        case Func(fn=fn, arg=a):
            return f"{fn.value}({to_text(a)})", PREC_ATOM
        case Maximum(left=a, right=b):
            return f"maximum({to_text(a)}, {to_text(b)})", PREC_ATOM
        case Sum(arg=a) | Mean(arg=a) | Norm(arg=a) | Trace(arg=a) | Det(arg=a) | Inv(arg=a) | Diag(arg=a):
            return f"{FUNC_NAMES[type(node)]}({to_text(a)})", PREC_ATOM
        case Dot(left=a, right=b):
            return f"dot({to_text(a)}, {to_text(b)})", PREC_ATOM
        case Outer(left=a, right=b):
            return f"outer({to_text(a)}, {to_text(b)})", PREC_ATOM
        case Eye(shape=s):
            return f"eye({_size_text(s.rows)})", PREC_ATOM
        case Ones(shape=s):
            return _ones_text(s), PREC_ATOM
        case Zero(shape=s):
            return "0 * " + _wrap(Ones(s), PREC_MUL + 1), PREC_MUL
        case Index(arg=a, row=r, col=c):
            if a.shape.is_column:
                return f"{_wrap_postfix(a)}[{r}]", PREC_ATOM
            if a.shape.is_row:
                return f"{_wrap_postfix(a)}[{c}]", PREC_ATOM
            return f"{_wrap_postfix(a)}[{r}, {c}]", PREC_ATOM
        case Unit(shape=s, row=r, col=c):
            return _unit_text(s, r, c), PREC_ATOM
        case Grad(function=f, of=u):
            return f"d{f}_d{u}", PREC_ATOM
        case Lit(rows=rows):
            # A column is written [a, b]; but [[a], [b]] (every entry itself a literal) would read
            # back as a matrix literal, so that case keeps the row-by-row form.
            if node.shape.cols == 1 and not all(isinstance(r[0], Lit) for r in rows):
                return "[" + ", ".join(to_text(r[0]) for r in rows) + "]", PREC_ATOM
            return "[" + ", ".join("[" + ", ".join(to_text(e) for e in r) + "]" for r in rows) + "]", PREC_ATOM
    raise TypeError(f"no language printer for {type(node).__name__}")


FUNC_NAMES = {Sum: "sum", Mean: "mean", Norm: "norm", Trace: "tr", Det: "det", Inv: "inv", Diag: "diag"}


def _sym_text(v: sympy.Expr) -> tuple[str, int]:
    # Constant scalar expressions of sizes, e.g. 1/N or m*n.
    num_, den = sympy.fraction(sympy.together(v))
    def part(e):
        s = str(e).replace("**", "**")
        return s if (e.is_Atom) else f"({s})"
    if den == 1:
        return part(num_), PREC_MUL
    return f"{part(num_)} / {part(den)}", PREC_MUL


def _size_text(d: sympy.Expr) -> str:
    return str(d)


def _ones_text(s: Shape) -> str:
    if s.is_column:
        return f"ones({_size_text(s.rows)})"
    if s.is_row:
        return f"ones({_size_text(s.cols)}).T"
    if s.is_scalar:
        return "ones(1)"  # not "1": parse(to_text(e)) must give the same node back
    return f"outer(ones({_size_text(s.rows)}), ones({_size_text(s.cols)}))"


def _unit_text(s: Shape, r: int, c: int) -> str:
    if s.is_column:
        return _unit_vec(s.rows, r)
    if s.is_row:
        return _unit_vec(s.cols, c) + ".T"
    return f"outer({_unit_vec(s.rows, r)}, {_unit_vec(s.cols, c)})"


def _unit_vec(n: sympy.Expr, i: int) -> str:
    if not n.is_number:
        raise ExprError(f"a unit vector of symbolic length {n} has no form in the language")
    return "[" + ", ".join("1" if k == i else "0" for k in range(int(n))) + "]"


def _wrap_postfix(node: Node) -> str:
    """The operand of ``.T`` or ``[i]``: a number needs brackets (``2.T`` is not Python)."""
    return f"({_text(node)[0]})" if isinstance(node, Num) else _wrap(node, PREC_ATOM)


def _wrap(node: Node, prec: int) -> str:
    text, p = _text(node)
    return text if p >= prec else f"({text})"
