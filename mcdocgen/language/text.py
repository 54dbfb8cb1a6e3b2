"""The language printer: a tree back to the text of the language, ``parse(to_text(e)) == e``."""

from __future__ import annotations

import ast
import functools
import re

import sympy
from sympy.core.cache import CACHE

from mcdocgen.errors import ErrorCode, ExprError
from mcdocgen.language.functions import CALL_NAMES, FUNCTIONS
from mcdocgen.language.nodes import (
    Add, Binary, Div, Eye, Func, Grad, Index, Lit, MatMul, Mul, Neg, Node, Num, Ones, Pow, Transpose, Unary,
    Unit, Var, Zero,
)
from mcdocgen.language.vecnodes import Commutation
from mcdocgen.language.build import rebuild
from mcdocgen.language.canonical import MEMO_SIZE
from mcdocgen.language.shapes import Shape, sympy_text


# Binding strength for the language printer: higher binds tighter.
PREC_ADD, PREC_MUL, PREC_NEG, PREC_POW, PREC_ATOM = 10, 20, 25, 30, 40


def syntax_size(text: str) -> int:
    """How long a formula is: the syntax nodes of its text read as a Python expression, load and
    store markers not counted (brackets are not nodes, so ``2 * (x.T @ A)`` and ``2 * x.T @ A`` are
    the same size). The measure of how close a result is to the form a textbook prints."""
    tree = ast.parse(text, mode="eval")
    return sum(1 for n in ast.walk(tree.body) if not isinstance(n, ast.expr_context))


# The text of a name or a plain number, negated or not: one syntax node, three with the minus sign.
_ATOM_TEXT = re.compile(r"(-?)(?:[A-Za-z_]\w*|\d+(?:\.\d+)?)")


@functools.lru_cache(maxsize=MEMO_SIZE)
def tree_size(node: Node) -> int:
    """``syntax_size(to_text(node))``, counted on the tree instead of parsing its text: the printer
    mirrors the tree (brackets are not nodes), so a binary operator is its two operands and two nodes
    (the operation and its operator), ``-a`` is ``a`` and two, ``a.T`` is ``a`` and one, ``f(a, b)``
    its arguments and two; a number or a leaf written otherwise is measured by its own text. Raises
    ExprError where the tree has no text, as ``to_text`` does. Memoised, as ``_text``."""
    match node:
        case Var() | Grad():
            return 1
        case Num():
            found = _ATOM_TEXT.fullmatch(_text(node)[0])
            if found is None:
                return syntax_size(to_text(node))
            return 3 if found.group(1) else 1
        case Add(terms=terms):
            # a term after the first that is a negation prints as `- a`: the subtraction is its sign
            return sum(tree_size(t.arg if i and isinstance(t, Neg) else t) for i, t in enumerate(terms)) \
                + 2 * (len(terms) - 1)
        case Neg(arg=a):
            return 2 + tree_size(a)
        case Mul() | MatMul() | Div():
            return 2 + tree_size(node.left) + tree_size(node.right)
        case Pow(base=a, exp=b):
            return 2 + tree_size(a) + tree_size(b)
        case Transpose(arg=a):
            return 1 + tree_size(a)
        case Func(arg=a):
            return 2 + tree_size(a)
        case Unary() | Binary() if type(node) in CALL_NAMES:
            return 2 + sum(tree_size(k) for k in node.children())
    return syntax_size(to_text(node))


def try_text(node: Node, fallback: str = "") -> str:
    """The language form, or ``fallback`` where there is none (a unit vector of symbolic length)."""
    try:
        return to_text(node)
    except ExprError:
        return fallback


def flat_text(node: Node, fallback: str = "") -> str:
    """The language form as a textbook reads it, or ``fallback``: products flat (``C @ X @ M``, not
    ``C @ (X @ M)``) and a product's sign or scalar on its first factor (``-C @ X``, ``2 * A @ B``), the
    text of an equal tree (``flat``) that parses back to it. For people: the simplifier's trees keep their
    own association, and ``to_text`` gives them back exactly."""
    return try_text(flat(node), fallback)


def text_or_why(node: Node, flat_form: bool = True) -> str:
    """The language form (``flat_text``'s, or ``to_text``'s), or, where the tree has none, a sentence that says which
    part the language cannot write (a unit vector of symbolic length), in brackets."""
    try:
        return to_text(flat(node) if flat_form else node)
    except ExprError as exc:
        return f"(no text form: {exc.message})"


def flat(node: Node) -> Node:
    """``node`` with its products associated to the left, as the text reads them, and the sign or the
    scalar factor of a product taken onto its first factor: -(A B) = (-A) B, s (A B) = (s A) B, and
    -(a / b) = (-a) / b (identities of the value, so the text is the value's)."""
    kids = node.children()
    if kids:
        # a sum's later term keeps its sign in front, where it prints as a subtraction (a - B C)
        new_kids = tuple(Neg(k.shape, flat(k.arg)) if i and isinstance(node, Add) and isinstance(k, Neg) else flat(k)
                         for i, k in enumerate(kids))
        if new_kids != kids:
            node = rebuild(node, new_kids)
    match node:
        case MatMul(left=a, right=MatMul(left=b, right=c)):
            return flat(MatMul(node.shape, MatMul(Shape(a.shape.rows, b.shape.cols), a, b), c))
        case Neg(arg=MatMul(left=a, right=b) | Mul(left=a, right=b) | Div(left=a, right=b) as op):
            return type(op)(op.shape, flat(Neg(a.shape, a)), b)
        case Mul(left=s, right=MatMul(left=b, right=c)) if s.shape.is_scalar:
            return MatMul(node.shape, flat(Mul(b.shape, s, b)), c)
    return node


def to_text(node: Node) -> str:
    """Print a tree in the expression language; ``parse(to_text(e))`` gives ``e`` back."""
    return _text(node)[0]


@functools.lru_cache(maxsize=MEMO_SIZE)
def _text(node: Node) -> tuple[str, int]:
    """The text and its binding strength. Memoised by subtree: the forms a simplification weighs
    (each printed to be measured) share most of their subtrees."""
    match node:
        case Var(name=name):
            return name, PREC_ATOM
        case Num(value=v):
            if v.is_Integer or v.is_Symbol or (-v).is_Symbol:
                s = sympy_text(v)
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
            return f"{FUNCTIONS[fn].name}({to_text(a)})", PREC_ATOM
        case Unary() | Binary() if type(node) in CALL_NAMES:  # sum(a), det(a), dot(a, b), ...
            return f"{CALL_NAMES[type(node)]}({', '.join(to_text(k) for k in node.children())})", PREC_ATOM
        case Eye(shape=s):
            return f"eye({_size_text(s.rows)})", PREC_ATOM
        case Commutation(m=m, n=n):
            return f"commutation({_size_text(m)}, {_size_text(n)})", PREC_ATOM
        case Ones(shape=s):
            return _ones_text(s), PREC_ATOM
        case Zero(shape=s):
            return _zeros_text(s), PREC_ATOM
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


CACHE.extend((_text, tree_size))   # cleared with SymPy's cache, so that timings after clear_cache are cold


def _sym_text(v: sympy.Expr) -> tuple[str, int]:
    # Constant scalar expressions of sizes, e.g. 1/N or m*n.
    num_, den = sympy.fraction(sympy.together(v))

    def part(e: sympy.Expr) -> str:
        return str(e) if e.is_Atom else f"({e})"

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


def _zeros_text(s: Shape) -> str:
    if s.is_row:
        return f"zeros({_size_text(s.cols)}).T"
    return f"zeros({_size_text(s.rows)})" if s.cols == 1 else f"zeros({_size_text(s.rows)}, {_size_text(s.cols)})"


def _unit_text(s: Shape, r: int, c: int) -> str:
    if s.is_column:
        return _unit_vec(s.rows, r)
    if s.is_row:
        return _unit_vec(s.cols, c) + ".T"
    return f"outer({_unit_vec(s.rows, r)}, {_unit_vec(s.cols, c)})"


def _unit_vec(n: sympy.Expr, i: int) -> str:
    if not n.is_number:
        raise ExprError(f"e_{i}, the unit vector of length {n} with a 1 at entry {i}, has no form in the language",
                        code=ErrorCode.NO_TEXT_FORM)
    return "[" + ", ".join("1" if k == i else "0" for k in range(int(n))) + "]"


def _wrap_postfix(node: Node) -> str:
    """The operand of ``.T`` or ``[i]``: a number needs brackets (``2.T`` is not Python)."""
    return f"({_text(node)[0]})" if isinstance(node, Num) else _wrap(node, PREC_ATOM)


def _wrap(node: Node, prec: int) -> str:
    text, p = _text(node)
    return text if p >= prec else f"({text})"
