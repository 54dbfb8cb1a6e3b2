"""The safe parser: text to a typed tree by walking Python's ``ast`` over an allowlist.

Only the node types with a ``visit_`` method, the declared names and the language's functions are
accepted; nothing is ever passed to ``eval``, ``exec``, ``sympify`` or ``parse_expr``. Named limits
bound the work any text can cause.
"""

from __future__ import annotations

import ast
import math
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import sympy

from mcdocgen.errors import ErrorCode, ExprError, clip, did_you_mean
from mcdocgen.language import shapes
from mcdocgen.language.build import add, div, index, lit, matmul, mul, neg, num, power, sub, transpose
from mcdocgen.language.functions import CALLS, KNOWN_FUNCTIONS, CallSpec
from mcdocgen.language.nodes import Add, Div, Mul, Neg, Node, Num, Pow, Var
from mcdocgen.language.walks import walk
from mcdocgen.language.zeros import Budget, entrywise, is_zero
from mcdocgen.language.vocabulary import Call, Fn
from mcdocgen.language.vocabulary import (  # the limits, read by the schema and the catalog too
    MAX_CONSTANT_DIGITS as MAX_CONSTANT_DIGITS, MAX_DEPTH as MAX_DEPTH, MAX_EXPONENT as MAX_EXPONENT,
    MAX_EXPRESSION_CHARS as MAX_EXPRESSION_CHARS, MAX_INDEX as MAX_INDEX, MAX_LITERAL as MAX_LITERAL,
    MAX_LITERAL_ENTRIES as MAX_LITERAL_ENTRIES, MAX_SIZE_FACTORS as MAX_SIZE_FACTORS,
)


@dataclass(frozen=True)
class Scope:
    """The names an expression may use."""

    variables: Mapping[str, Var]
    sizes: Mapping[str, sympy.Symbol] = field(default_factory=dict)
    steps: Mapping[str, Var] = field(default_factory=dict)
    # the variables a derivative is taken by (the problem's wrt and hessian); None: any of them. A root of an
    # operand identically zero is refused only where such a derivative passes through its chain rule
    wrt: frozenset[str] | None = None

    def known(self) -> str:
        """The declared variables, for a message."""
        return ", ".join(sorted(self.variables)) or "none"



def parse(text: str, scope: Scope) -> Node:
    """Parse one expression of the language into a typed tree, or raise ExprError."""
    if not isinstance(text, str):
        raise ExprError("an expression must be a string", code=ErrorCode.NOT_TEXT)
    if len(text) > MAX_EXPRESSION_CHARS:
        raise ExprError(
            f"expression is too long ({len(text)} characters; the limit is {MAX_EXPRESSION_CHARS})",
            code=ErrorCode.TOO_LARGE,
        )
    if not text.strip():
        raise ExprError("expression is empty", code=ErrorCode.EMPTY)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # SyntaxWarnings about user text are not ours to print
            tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        msg = clip(exc.msg or "invalid syntax")
        raise ExprError(f"not valid syntax: {msg}", max((exc.offset or 1) - 1, 0), code=ErrorCode.SYNTAX) from None
    except ValueError:  # e.g. a null character
        raise ExprError("expression contains a character that is not allowed", code=ErrorCode.SYNTAX) from None
    except (RecursionError, MemoryError):
        raise ExprError("expression is nested too deeply or malformed", code=ErrorCode.TOO_DEEP) from None
    return _Walker(scope).visit(tree.body, 0)


class _Walker:
    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        self.expansions = Budget()   # the exact zero tests' expansions, for the whole text
        self.squared: set[int] = set()   # norm(...) calls written as norm(...)**2 (by id of the ast node)

    def fail(self, node: ast.AST, message: str, code: ErrorCode, name: str | None = None) -> ExprError:
        """The error to raise about ``node``, located at its column."""
        return ExprError(message, getattr(node, "col_offset", 0), code=code, name=name)

    def visit(self, node: ast.AST, depth: int) -> Node:
        """The tree of an ``ast`` node, by its ``visit_<type>`` method; any other type is refused."""
        if depth > MAX_DEPTH:
            raise self.fail(node, f"expression is nested too deeply (more than {MAX_DEPTH} levels)", ErrorCode.TOO_DEEP)
        method: Callable[[ast.AST, int], Node] | None = getattr(self, "visit_" + type(node).__name__, None)
        if method is None:
            raise self.fail(node, f"'{_describe(node)}' is not allowed in an expression", ErrorCode.NOT_ALLOWED)
        try:
            return method(node, depth + 1)
        except ExprError as exc:
            if exc.col == 0:
                exc.col = getattr(node, "col_offset", 0)
            raise

    def visit_Constant(self, node: ast.Constant, depth: int) -> Node:
        v = node.value
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise self.fail(node, f"constant {clip(repr(v))} is not a number", ErrorCode.NOT_A_NUMBER)
        if abs(v) > MAX_LITERAL:
            raise self.fail(node, f"number {v} is too large (the limit is {MAX_LITERAL})", ErrorCode.TOO_LARGE)
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
            raise self.fail(node, f"function '{name}' must be called", ErrorCode.NOT_CALLED, name)
        raise self.fail(node, f"unknown name '{clip(name)}'{hint}", ErrorCode.UNKNOWN_NAME, name)

    def visit_UnaryOp(self, node: ast.UnaryOp, depth: int) -> Node:
        arg = self.visit(node.operand, depth)
        if isinstance(node.op, ast.USub):
            if isinstance(arg, Num):
                return num(-arg.value)
            return neg(arg)
        if isinstance(node.op, ast.UAdd):
            return arg
        raise self.fail(node, f"operator '{_OPERATORS.get(type(node.op), '?')}' is not allowed", ErrorCode.NOT_ALLOWED)

    def visit_BinOp(self, node: ast.BinOp, depth: int) -> Node:
        if isinstance(node.op, ast.Pow) and _is_call(node.left, Call.NORM) and isinstance(node.right, ast.Constant) \
                and node.right.value == 2:
            self.squared.add(id(node.left))    # norm(u)**2 = u.u: the squared norm's rule, 2u, has no 0 / 0
        left = self.visit(node.left, depth)
        right = self.visit(node.right, depth)
        build = _BINARY_OPERATORS.get(type(node.op))
        if build is None:
            symbol = _OPERATORS.get(type(node.op), "?")
            hint = " (use ** for powers)" if symbol == "^" else ""
            raise self.fail(node, f"operator '{symbol}' is not allowed{hint}", ErrorCode.NOT_ALLOWED)
        check = _OPERAND_CHECKS.get(type(node.op))
        if check is not None:
            check(self, node, left, right)
        return build(left, right)

    def _check_divisor(self, node: ast.BinOp, left: Node, right: Node) -> None:
        if is_zero(right, self.expansions):   # undefined for every value of every variable: / (d - d) as / 0
            said = "" if isinstance(right, Num) else f": '{_describe(node.right)}' is identically zero"
            raise self.fail(node.right, f"division by zero{said}", ErrorCode.DIVISION_BY_ZERO)

    def _check_power(self, node: ast.BinOp, base: Node, exp: Node) -> None:
        """Keep constants small: later stages may compute them exactly (and 2**10**10 never ends)."""
        power = entrywise(exp)
        fractional = bool(power.is_number and power.is_real and 0 < power < 1)
        # d ** d: its slope by the exponent is the power times the log of the base (a size's exponent is a constant)
        varies = any(isinstance(n, Var) for n in walk(exp))
        if (power.is_negative or (fractional and self._through_root(node, base)) or varies) \
                and is_zero(base, self.expansions):
            if power.is_negative:   # 0 ** -1: a division by zero
                raise self.fail(node, f"division by zero: '{_describe(node)}' is a negative power of "
                                      f"'{_describe(node.left)}', which is identically zero", ErrorCode.DIVISION_BY_ZERO)
            if varies:   # 0 ** d: 0 where d > 0, 1 / 0 where d < 0, and its slope by d is 0 ** d log 0
                raise self.fail(node, f"'{_describe(node)}' is a power of '{_describe(node.left)}', which is "
                                      "identically zero, by an exponent that varies: the chain rule through the power "
                                      "meets the log of 0 (where the exponent is positive it is 0: write 0 instead)",
                                ErrorCode.UNDEFINED)
            # 0 ** (1/2): 0 everywhere, but the chain rule through it meets the power's infinite slope at 0
            raise self.fail(node, f"'{_describe(node)}' is a power below 1 of '{_describe(node.left)}', which is "
                                  "identically zero: it is 0 everywhere, but the chain rule through the power meets "
                                  "its infinite slope at 0 (write 0 instead)", ErrorCode.UNDEFINED)
        exp_digits = _log10_bound(exp)
        if exp_digits is None:
            return  # the exponent depends on a variable: evaluated in floating point only
        shown = str(exp.value) if isinstance(exp, Num) else _describe(node.right)
        if not _has_size(exp):
            value = _exact(exp) if exp_digits <= 15 else sympy.oo
            if value.is_finite is not True and value is not sympy.oo:
                raise self.fail(node.right, f"exponent {shown} is not a finite number", ErrorCode.NOT_A_NUMBER)
            if value is sympy.oo or abs(value) > MAX_EXPONENT:
                raise self.fail(node.right, f"exponent {shown} is too large (the limit is {MAX_EXPONENT})",
                                ErrorCode.TOO_LARGE)
        base_digits = _log10_bound(base)
        if base_digits is not None and base_digits * 10.0 ** min(exp_digits, 20.0) > MAX_CONSTANT_DIGITS:
            raise self.fail(node, f"the constant {_describe(node)} is too large", ErrorCode.TOO_LARGE)

    def visit_Attribute(self, node: ast.Attribute, depth: int) -> Node:
        if node.attr != "T":
            raise self.fail(node, f"attribute '.{clip(node.attr)}' is not allowed (only '.T', the transpose)",
                            ErrorCode.UNKNOWN_ATTRIBUTE, node.attr)
        return transpose(self.visit(node.value, depth))

    def visit_Subscript(self, node: ast.Subscript, depth: int) -> Node:
        base = self.visit(node.value, depth)
        idx = node.slice
        items = idx.elts if isinstance(idx, ast.Tuple) else [idx]
        numbers = []
        for item in items:
            if not (isinstance(item, ast.Constant) and type(item.value) is int):
                raise self.fail(node, "an index must be a whole-number literal such as x[0] or M[1, 2]", ErrorCode.BAD_INDEX)
            if item.value > MAX_INDEX:
                raise self.fail(node, f"index {clip(str(item.value))} is out of range (sizes are at most {MAX_INDEX + 1})",
                                ErrorCode.BAD_INDEX)
            numbers.append(item.value)
        if len(numbers) == 1:
            if base.shape.is_row:
                return index(base, 0, numbers[0])
            if not base.shape.is_column:
                raise self.fail(node, f"one index needs a vector, got {base.shape.label()}", ErrorCode.BAD_INDEX)
            return index(base, numbers[0], 0)
        if len(numbers) == 2:
            return index(base, numbers[0], numbers[1])
        raise self.fail(node, "an index has one or two numbers", ErrorCode.BAD_INDEX)

    def visit_List(self, node: ast.List, depth: int) -> Node:
        if not node.elts:
            raise self.fail(node, "an empty list is not a vector", ErrorCode.EMPTY)
        entries = sum(len(e.elts) if isinstance(e, ast.List) else 1 for e in node.elts)
        rows = [e for e in node.elts if isinstance(e, ast.List)]
        if entries > MAX_LITERAL_ENTRIES:
            raise self.fail(node, f"a vector or matrix written by components has {entries} entries "
                                  f"(the limit is {MAX_LITERAL_ENTRIES})", ErrorCode.TOO_LARGE)
        if len(rows) == len(node.elts):  # every entry a list: a matrix by rows
            if any(not row.elts for row in rows):
                raise self.fail(node, "a matrix literal cannot have an empty row", ErrorCode.EMPTY)
            return lit(tuple(tuple(self.visit(e, depth + 1) for e in row.elts) for row in rows))
        return lit(tuple((self.visit(e, depth),) for e in node.elts))

    def visit_Call(self, node: ast.Call, depth: int) -> Node:
        if not isinstance(node.func, ast.Name):
            raise self.fail(node, f"only the language's functions can be called, not '{_describe(node.func)}'",
                            ErrorCode.NOT_ALLOWED)
        name = node.func.id
        if name not in KNOWN_FUNCTIONS:
            hint = did_you_mean(name, KNOWN_FUNCTIONS) or f" (known: {', '.join(KNOWN_FUNCTIONS)})"
            raise self.fail(node, f"unknown function '{clip(name)}'{hint}", ErrorCode.UNKNOWN_FUNCTION, name)
        if node.keywords:
            raise self.fail(node, f"{name}() takes no keyword arguments", ErrorCode.WRONG_ARGUMENTS, name)
        if any(isinstance(a, ast.Starred) for a in node.args):
            raise self.fail(node, f"{name}() takes no starred arguments", ErrorCode.WRONG_ARGUMENTS, name)
        call = CALLS[name]
        if call.takes_size:
            return self._size_call(node, call)
        args = [self.visit(a, depth) for a in node.args]
        if len(args) != call.arity:
            s = "s" if call.arity > 1 else ""
            raise self.fail(node, f"{name}() takes {call.arity} argument{s}, got {len(args)}", ErrorCode.WRONG_ARGUMENTS, name)
        if name in _UNDEFINED_AT_ZERO and (name not in _ROOTS or self._through_root(node, args[0])) \
                and is_zero(args[0], self.expansions):
            code, why = _UNDEFINED_AT_ZERO[name]
            raise self.fail(node, f"{name}() of '{_describe(node.args[0])}', which is identically zero, {why}",
                            code, name)
        return call.build(*args)

    def _through_root(self, node: ast.AST, arg: Node) -> bool:
        """Whether a derivative by the scope's wrt passes through the chain rule of this root (sqrt, norm, a power
        below 1) of ``arg``: the one place the root's infinite slope at 0 is met. Not where ``arg`` holds no variable
        derived by (its derivative is 0 without the chain rule: c * norm(x - x) by c is norm(0)), nor through
        norm(u)**2 (its rule is 2u). A step may hold any variable."""
        if isinstance(node, ast.Call) and id(node) in self.squared:
            return False
        wrt = self.scope.wrt
        return wrt is None or any(isinstance(n, Var) and (n.intermediate or n.name in wrt) for n in walk(arg))

    def _size_call(self, node: ast.Call, call: CallSpec) -> Node:
        name = call.name
        if not call.arity - call.optional <= len(node.args) <= call.arity:
            wanted = "one size" if call.arity == 1 else f"{call.arity} sizes"
            wanted = f"{call.arity - call.optional} or {wanted}" if call.optional else wanted
            raise self.fail(node, f"{name}() takes {wanted}, got {len(node.args)}", ErrorCode.WRONG_ARGUMENTS, name)
        example = f"{name}({', '.join(p.split('=')[0] for p in call.params)})"
        sizes = []
        for a in node.args:
            size = self._size(a, 0)
            if size is None:
                raise self.fail(node, f"{name}() needs a size name or a whole number, such as {example}",
                                ErrorCode.WRONG_ARGUMENTS, name)
            sizes.append(size)
        return call.build(*sizes)

    def _size(self, a: ast.AST, depth: int) -> sympy.Expr | None:
        """A size argument: a whole number, a size name, or a product or small power of them (the
        printer writes ``eye(m*n)`` and ``eye(n**2)`` for the sizes of vec forms); None otherwise."""
        if depth > MAX_SIZE_FACTORS:
            return None
        if isinstance(a, ast.Constant) and type(a.value) is int and 0 < a.value <= MAX_INDEX + 1:
            return sympy.Integer(a.value)
        if isinstance(a, ast.Name) and a.id in self.scope.sizes:
            return self.scope.sizes[a.id]
        if isinstance(a, ast.BinOp) and isinstance(a.op, ast.Mult):
            left, right = self._size(a.left, depth + 1), self._size(a.right, depth + 1)
            if left is None or right is None:
                return None
            product = left * right
            constant = product.as_coeff_Mul()[0]  # whole-number factors: the size stays at most 1000
            return product if constant <= MAX_INDEX + 1 else None
        if isinstance(a, ast.BinOp) and isinstance(a.op, ast.Pow) and isinstance(a.right, ast.Constant) \
                and type(a.right.value) is int and 1 <= a.right.value <= MAX_SIZE_FACTORS:
            base = self._size(a.left, depth + 1)
            if base is None or (base.is_number and base ** a.right.value > MAX_INDEX + 1):
                return None
            return base ** a.right.value
        return None


def _describe(node: ast.AST) -> str:
    try:
        text = ast.unparse(node)
    except Exception:  # noqa: BLE001 - describing only; unparse can fail on odd nodes
        text = type(node).__name__
    return clip(text)



_OPERATORS = {
    ast.FloorDiv: "//", ast.Mod: "%", ast.LShift: "<<", ast.RShift: ">>", ast.BitOr: "|",
    ast.BitXor: "^", ast.BitAnd: "&", ast.Not: "not", ast.Invert: "~",
}


def _matrix_product(a: Node, b: Node) -> Node:
    """``a @ b``, where a 1 x 1 operand acts as a scalar: (x.T @ x) @ x scales x."""
    if shapes.matmul(a.shape, b.shape) is None and (a.shape.is_scalar or b.shape.is_scalar):
        return mul(a, b)
    return matmul(a, b)


# The binary operators of the language and the node each builds; any other operator is refused.
_BINARY_OPERATORS: Mapping[type[ast.operator], Callable[[Node, Node], Node]] = {
    ast.Add: add, ast.Sub: sub, ast.Mult: mul, ast.Div: div, ast.MatMult: _matrix_product, ast.Pow: power,
}
# Checks on the operands before building: the ones that need the text's position.
_OPERAND_CHECKS: Mapping[type[ast.operator], Callable[[_Walker, ast.BinOp, Node, Node], None]] = {
    ast.Div: _Walker._check_divisor, ast.Pow: _Walker._check_power,
}


# The calls undefined where their argument is zero: the code and the message's reason.
_UNDEFINED_AT_ZERO: Mapping[str, tuple[ErrorCode, str]] = {
    Fn.LOG: (ErrorCode.UNDEFINED, "is undefined (the log of 0)"),
    Call.LOGDET: (ErrorCode.UNDEFINED, "is undefined (the log of det 0)"),
    Call.INV: (ErrorCode.DIVISION_BY_ZERO, "has no inverse"),
    # 0 everywhere, but its slope at 0 is infinite: a chain rule through it meets 1/0 (write 0 instead)
    Fn.SQRT: (ErrorCode.UNDEFINED, "is 0 everywhere, but the chain rule through sqrt meets its infinite slope at 0 "
                                   "(write 0 instead)"),
    # norm(u) = sqrt(sum u^2): the same root, its chain rule u / norm(u) is 0 / 0 at 0 (norm1's sign(0) is 0, and
    # norm(u)**2's rule 2u: allowed)
    Call.NORM: (ErrorCode.UNDEFINED, "is 0 everywhere, but the chain rule through norm meets 0 / 0 at 0 "
                                     "(write 0 instead)"),
}


# the roots among them: 0 everywhere, undefined only in their chain rule (Walker._through_root)
_ROOTS = frozenset({Fn.SQRT, Call.NORM})


def _is_call(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name


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
            known = [b for b in bounds if b is not None]
            return None if len(known) < len(bounds) else max(known) + math.log10(len(known))
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
