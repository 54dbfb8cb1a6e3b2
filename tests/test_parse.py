"""The expression parser: typed trees, exact error messages with their codes, absurd input in bounded
time, no code execution ever, and (hypothesis) parse or a located ExprError."""

from __future__ import annotations

import ast
import builtins
import os
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import sympy
import sympy.parsing.sympy_parser
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mcdocgen import language as E
from mcdocgen.language import shapes
from mcdocgen.catalog import load_catalog
from mcdocgen.errors import CatalogError, ErrorCode
from mcdocgen.language import ExprError
from cpu_support import CpuClock
from language_support import MAT, N, SCOPE, VEC

ROOT = Path(__file__).resolve().parents[1]


def error_of(text: str) -> str:
    with pytest.raises(ExprError) as info:
        E.parse(text, SCOPE)
    return info.value.message


# ---------------------------------------------------------------- what parses, and to what


@pytest.mark.parametrize(
    "text, shape",
    [
        ("x.T @ A @ x", shapes.SCALAR),
        ("X @ x", shapes.column(shapes.size_symbol("m"))),
        ("X.T", shapes.Shape(N, shapes.size_symbol("m"))),
        ("c * A + eye(n)", MAT),
        ("sum(x**2) / n", shapes.SCALAR),
        ("max(0, x)", VEC),
        ("diag(x)", MAT),
        ("diag(A)", VEC),
        ("outer(x, y)", MAT),
        ("[c, d]", shapes.column(2)),
        ("[[c, d], [d, c]]", shapes.square(sympy.Integer(2))),
        ("x[0] + A[1, 2]", shapes.SCALAR),
        ("x + c", VEC),
        ("ones(n).T @ x", shapes.SCALAR),
    ],
)
def test_shapes_of_parsed_expressions(text, shape):
    assert E.parse(text, SCOPE).shape == shape


def test_names_resolve_to_the_scope_variables():
    node = E.parse("S @ x", SCOPE)
    assert node == E.MatMul(VEC, SCOPE.variables["S"], SCOPE.variables["x"])
    assert node.left.symmetric
    step = E.var("u", VEC, intermediate=True)
    with_step = E.Scope(SCOPE.variables, SCOPE.sizes, {"u": step})
    assert E.parse("u + x", with_step).terms[0] is step


@pytest.mark.parametrize(
    "text, message, code, name",
    [
        ("W @ x", "unknown name 'W' (declared: A, B, S, X, c, d, x, y)", ErrorCode.UNKNOWN_NAME, 'W'),
        ("nrom(x)", "unknown function 'nrom' (did you mean 'norm'?)", ErrorCode.UNKNOWN_FUNCTION, 'nrom'),
        ("X @ X", "'@' needs the inner sizes to agree, got (m, n) @ (m, n)", ErrorCode.SHAPE_MISMATCH, None),
        ("x.shape", "attribute '.shape' is not allowed (only '.T', the transpose)", ErrorCode.UNKNOWN_ATTRIBUTE, 'shape'),
        ("x // c", "operator '//' is not allowed", ErrorCode.NOT_ALLOWED, None),
        ("c ^ d", "operator '^' is not allowed (use ** for powers)", ErrorCode.NOT_ALLOWED, None),
        ("not c", "operator 'not' is not allowed", ErrorCode.NOT_ALLOWED, None),
        ("x < y", "'x < y' is not allowed in an expression", ErrorCode.NOT_ALLOWED, None),
        ("c if d else c", "'c if d else c' is not allowed in an expression", ErrorCode.NOT_ALLOWED, None),
        ("(c, d)", "'(c, d)' is not allowed in an expression", ErrorCode.NOT_ALLOWED, None),
        ("norm", "function 'norm' must be called", ErrorCode.NOT_CALLED, 'norm'),
        ("norm(x, y)", "norm() takes 1 argument, got 2", ErrorCode.WRONG_ARGUMENTS, 'norm'),
        ("dot(x)", "dot() takes 2 arguments, got 1", ErrorCode.WRONG_ARGUMENTS, 'dot'),
        ("exp(x=1)", "exp() takes no keyword arguments", ErrorCode.WRONG_ARGUMENTS, 'exp'),
        ("exp(*x)", "exp() takes no starred arguments", ErrorCode.WRONG_ARGUMENTS, 'exp'),
        ("x[0:2]", "an index must be a whole-number literal such as x[0] or M[1, 2]", ErrorCode.BAD_INDEX, None),
        ("x[-1]", "an index must be a whole-number literal such as x[0] or M[1, 2]", ErrorCode.BAD_INDEX, None),
        ("x[10**20]", "an index must be a whole-number literal such as x[0] or M[1, 2]", ErrorCode.BAD_INDEX, None),
        ("x[100000000000000000000]", "index 100000000000000000000 is out of range (sizes are at most 1000)",
         ErrorCode.BAD_INDEX, None),
        ("[c, d][5]", "index 5 is out of range for shape (2, 1)", ErrorCode.BAD_INDEX, None),
        ("A[0]", "one index needs a vector, got (n, n)", ErrorCode.BAD_INDEX, None),
        ("[]", "an empty list is not a vector", ErrorCode.EMPTY, None),
        ("[[]]", "a matrix literal cannot have an empty row", ErrorCode.EMPTY, None),
        ("[[c], [c, d]]", "every row of a matrix literal needs the same length", ErrorCode.SHAPE_MISMATCH, None),
        ("[x, y]", "matrix literal entries must be scalars, got (n, 1)", ErrorCode.SHAPE_MISMATCH, None),
        ("'os'", "constant 'os' is not a number", ErrorCode.NOT_A_NUMBER, None),
        ("True", "constant True is not a number", ErrorCode.NOT_A_NUMBER, None),
        ("1j", "constant 1j is not a number", ErrorCode.NOT_A_NUMBER, None),
        ("10000000000000 * c", "number 10000000000000 is too large (the limit is 1000000000000)", ErrorCode.TOO_LARGE, None),
        ("1e999", "number inf is too large (the limit is 1000000000000)", ErrorCode.TOO_LARGE, None),
        ("x / 0", "division by zero", ErrorCode.DIVISION_BY_ZERO, None),
        ("c ** (1/0)", "division by zero", ErrorCode.DIVISION_BY_ZERO, None),
        # an operand that is identically zero is refused as the constant is (language/zeros.py)
        ("c / (d - d)", "division by zero: 'd - d' is identically zero", ErrorCode.DIVISION_BY_ZERO, None),
        ("c / (2*d - d - d)", "division by zero: '2 * d - d - d' is identically zero", ErrorCode.DIVISION_BY_ZERO, None),
        ("c / (sin(d) - sin(d))", "division by zero: 'sin(d) - sin(d)' is identically zero",
         ErrorCode.DIVISION_BY_ZERO, None),
        ("x / (x - x)", "division by zero: 'x - x' is identically zero", ErrorCode.DIVISION_BY_ZERO, None),
        ("c / (x.T @ y - dot(x, y))", "division by zero: 'x.T @ y - dot(x, y)' is identically zero",
         ErrorCode.DIVISION_BY_ZERO, None),
        ("c / (0 * d)", "division by zero: '0 * d' is identically zero", ErrorCode.DIVISION_BY_ZERO, None),
        ("c / dot(0 * x, y)", "division by zero: 'dot(0 * x, y)' is identically zero", ErrorCode.DIVISION_BY_ZERO, None),
        ("c / det(A - A)", "division by zero: 'det(A - A)' is identically zero", ErrorCode.DIVISION_BY_ZERO, None),
        ("c * (d - d)**-1", "division by zero: '(d - d) ** (-1)' is a negative power of 'd - d', which is identically zero",
         ErrorCode.DIVISION_BY_ZERO, None),
        ("(x - x)**(-1/2)", "division by zero: '(x - x) ** (-1 / 2)' is a negative power of 'x - x', which is "
         "identically zero", ErrorCode.DIVISION_BY_ZERO, None),
        ("log(d - d)", "log() of 'd - d', which is identically zero, is undefined (the log of 0)", ErrorCode.UNDEFINED, "log"),
        ("c * log(0 * x)", "log() of '0 * x', which is identically zero, is undefined (the log of 0)",
         ErrorCode.UNDEFINED, "log"),
        ("logdet(A - A)", "logdet() of 'A - A', which is identically zero, is undefined (the log of det 0)",
         ErrorCode.UNDEFINED, "logdet"),
        ("det(inv(A - A))", "inv() of 'A - A', which is identically zero, has no inverse", ErrorCode.DIVISION_BY_ZERO, "inv"),
        ("tr(inv(0 * A))", "inv() of '0 * A', which is identically zero, has no inverse", ErrorCode.DIVISION_BY_ZERO, "inv"),
        # 0 everywhere, but the chain rule through it meets an infinite slope (sqrt, and any power below 1)
        ("c * sqrt(d - d)", "sqrt() of 'd - d', which is identically zero, is 0 everywhere, but the chain rule "
         "through sqrt meets its infinite slope at 0 (write 0 instead)", ErrorCode.UNDEFINED, "sqrt"),
        ("c * (d - d)**0.5", "'(d - d) ** 0.5' is a power below 1 of 'd - d', which is identically zero: it is 0 "
         "everywhere, but the chain rule through the power meets its infinite slope at 0 (write 0 instead)",
         ErrorCode.UNDEFINED, None),
        ("(x - x)**(1/3)", "'(x - x) ** (1 / 3)' is a power below 1 of 'x - x', which is identically zero: it is 0 "
         "everywhere, but the chain rule through the power meets its infinite slope at 0 (write 0 instead)",
         ErrorCode.UNDEFINED, None),
        # norm's chain rule u / norm(u) is 0 / 0 there (norm1's sign(0) is 0: allowed, below)
        ("norm(x - x) + sum(x)", "norm() of 'x - x', which is identically zero, is 0 everywhere, but the chain rule "
         "through norm meets 0 / 0 at 0 (write 0 instead)", ErrorCode.UNDEFINED, "norm"),
        ("norm(x - x)**3 + sum(x)", "norm() of 'x - x', which is identically zero, is 0 everywhere, but the chain rule "
         "through norm meets 0 / 0 at 0 (write 0 instead)", ErrorCode.UNDEFINED, "norm"),
        ("c * norm(0 * X)", "norm() of '0 * X', which is identically zero, is 0 everywhere, but the chain rule "
         "through norm meets 0 / 0 at 0 (write 0 instead)", ErrorCode.UNDEFINED, "norm"),
        # 0 ** d: its slope by d is 0 ** d log 0
        ("c * (d - d)**d", "'(d - d) ** d' is a power of 'd - d', which is identically zero, by an exponent that "
         "varies: the chain rule through the power meets the log of 0 (where the exponent is positive it is 0: write "
         "0 instead)", ErrorCode.UNDEFINED, None),
        ("(x - x)**(d**2 + 1)", "'(x - x) ** (d ** 2 + 1)' is a power of 'x - x', which is identically zero, by an "
         "exponent that varies: the chain rule through the power meets the log of 0 (where the exponent is positive "
         "it is 0: write 0 instead)", ErrorCode.UNDEFINED, None),
        ("c / (S - S.T)[0, 1]", "division by zero: '(S - S.T)[0, 1]' is identically zero", ErrorCode.DIVISION_BY_ZERO, None),
        ("c ** x", "'**' needs a scalar exponent, got (n, 1)", ErrorCode.SHAPE_MISMATCH, None),
        ("eye(x)", "eye() needs a size name or a whole number, such as eye(n)", ErrorCode.WRONG_ARGUMENTS, 'eye'),
        ("eye(0)", "eye() needs a size name or a whole number, such as eye(n)", ErrorCode.WRONG_ARGUMENTS, 'eye'),
        ("tr(X)", "tr() needs a square matrix, got (m, n)", ErrorCode.SHAPE_MISMATCH, 'tr'),
        ("dot(x, X)", "dot() needs two vectors of one length, got (n, 1) and (m, n)", ErrorCode.SHAPE_MISMATCH, 'dot'),
        ("x +", "not valid syntax: invalid syntax", ErrorCode.SYNTAX, None),
        ("(x", "not valid syntax: '(' was never closed", ErrorCode.SYNTAX, None),
        ("   ", "expression is empty", ErrorCode.EMPTY, None),
        ("x\x00", "not valid syntax: source code string cannot contain null bytes", ErrorCode.SYNTAX, None),
    ],
)
def test_error_messages_codes_and_names(text, message, code, name):
    with pytest.raises(ExprError) as info:
        E.parse(text, SCOPE)
    assert (info.value.message, info.value.code, info.value.name) == (message, code, name)


@pytest.mark.parametrize("text", [
    # (sqrt(d - d) and (d - d)**(1/2) are 0 too, but with no derivative through them: refused above)
    "c / (d - c)", "c / (d - d**2)", "x / (x - x**2)", "c * (d - d)**(3/2)", "c * (d - d)**2", "(d - d)**0",
    "c * det(A - A)", "tr(inv(A - A.T))", "log(exp(d - d))", "c / ((c + d)**400 - c**400 - d**400)",
    # norm1's chain rule is sign(0) = 0; a size's exponent is a constant; a nonzero base by a varying exponent
    "norm1(x - x) + sum(x)", "c * norm(x - y)", "(x - x)**n", "c * (d - c)**d",
    "norm(x - x)**2 + dot(x, x)",      # the squared norm: its rule 2u has no 0 / 0 (review s45)
])
def test_an_operand_that_can_be_nonzero_or_a_zero_that_is_defined_is_accepted(text):
    assert E.parse(text, SCOPE).shape is not None


@pytest.mark.parametrize("text, wrt", [
    ("c * norm(x - x)", "c"), ("c * sqrt(d - d)", "c"), ("c * (d - d)**0.5", "c"), ("sum(y) * norm(0 * X)", "y"),
    ("c * norm(x - x)", ""),   # nothing derived by (a hessian's list may be all there is)
])
def test_a_root_of_a_zero_that_no_derivative_passes_through_is_accepted(text, wrt):
    # by c, the derivative of c * norm(x - x) is norm(0) = 0: the root's chain rule is never met (review s45)
    scope = replace(SCOPE, wrt=frozenset(wrt))
    assert E.parse(text, scope).shape is not None


@pytest.mark.parametrize("text, wrt, code", [
    ("c * norm(x - x)", "cx", ErrorCode.UNDEFINED), ("c * sqrt(d - d)", "d", ErrorCode.UNDEFINED),
    ("c * (d - d)**0.5", "cd", ErrorCode.UNDEFINED), ("c * (x - x)**(1/3)", "x", ErrorCode.UNDEFINED),
    ("c * norm(x - x)**3", "x", ErrorCode.UNDEFINED),
    # undefined values, whatever is derived by: the log of 0, 1 / 0, 0 ** d where d < 0
    ("c * log(d - d)", "c", ErrorCode.UNDEFINED), ("c * inv(A - A)", "c", ErrorCode.DIVISION_BY_ZERO),
    ("c / (d - d)", "c", ErrorCode.DIVISION_BY_ZERO), ("c * (d - d)**-1", "c", ErrorCode.DIVISION_BY_ZERO),
    ("c * (d - d)**d", "c", ErrorCode.UNDEFINED),
])
def test_a_zero_is_refused_where_a_derivative_meets_it_or_its_value_is_undefined(text, wrt, code):
    with pytest.raises(ExprError) as info:
        E.parse(text, replace(SCOPE, wrt=frozenset(wrt)))
    assert info.value.code is code and "\n" not in info.value.message


def test_a_step_may_hold_any_variable_so_a_root_of_a_zero_step_difference_is_refused():
    u = E.var("u", E.shapes.SCALAR, intermediate=True)
    scope = E.Scope(SCOPE.variables, SCOPE.sizes, {"u": u}, wrt=frozenset("c"))
    with pytest.raises(ExprError, match="sqrt"):
        E.parse("c * sqrt(u - u)", scope)


def test_an_identically_zero_divisor_is_located_at_the_divisor():
    with pytest.raises(ExprError) as info:
        E.parse("c + c / (d - d)", SCOPE)
    assert info.value.col == len("c + c / (")   # Python places a bracketed operand at its first character


def test_a_non_string_is_refused():
    with pytest.raises(ExprError, match="must be a string") as info:
        E.parse(42, SCOPE)  # type: ignore[arg-type]
    assert info.value.code is ErrorCode.NOT_TEXT


def test_an_error_carries_the_column_of_the_offending_text():
    with pytest.raises(ExprError) as info:
        E.parse("x + nrom(y)", SCOPE)
    assert info.value.col == 4


def test_every_raise_in_the_language_gives_a_specific_code():
    """ExprError(..., code=...) and self.fail(node, message, code, ...) at every raise site."""
    sites = 0
    for path in sorted((ROOT / "mcdocgen" / "language").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if called == "ExprError":
                codes = [k.value for k in node.keywords if k.arg == "code"]
                assert codes, f"{path.name}:{node.lineno}: ExprError without a code"
                assert ast.unparse(codes[0]) != "ErrorCode.EXPRESSION", f"{path.name}:{node.lineno}"
            elif called == "fail":
                assert len(node.args) >= 3, f"{path.name}:{node.lineno}: fail() without a code"
            sites += called in ("ExprError", "fail")
    assert sites > 40  # the walk saw the raise sites (there are about 50)


# ---------------------------------------------------------------- absurd input, bounded time


@pytest.mark.parametrize(
    "text, message",
    [
        ("(" * 2000 + "x" + ")" * 2000, "expression is too long (4001 characters; the limit is 2000)"),
        ("x" + " + x" * 25_000, "expression is too long (100001 characters; the limit is 2000)"),
        ("-" * 1999 + "c", "expression is nested too deeply (more than 60 levels)"),
        ("sin(" * 300 + "c" + ")" * 300, "not valid syntax: too many nested parentheses"),
        ("sin(" * 100 + "c" + ")" * 100, "expression is nested too deeply (more than 60 levels)"),
        ("(" * 300 + "c" + ")" * 300, "not valid syntax: too many nested parentheses"),
        ("[" * 150 + "c" + "]" * 150, "expression is nested too deeply (more than 60 levels)"),
        ("c" + " + c" * 100, "expression is nested too deeply (more than 60 levels)"),
        ("x ** 99999999999", "exponent 99999999999 is too large (the limit is 1000)"),
        ("c ** -99999", "exponent -99999 is too large (the limit is 1000)"),
        ("c ** (2 ** 10)", "exponent 2 ** 10 is too large (the limit is 1000)"),
        ("2 ** 999 ** 999", "exponent 999 ** 999 is too large (the limit is 1000)"),
        ("((999 ** 999) ** 1000) * c", "the constant (999 ** 999) ** 1000 is too large"),
        ("10 ** 1000 * c", None),  # a thousand digits: large but harmless
    ],
)
def test_absurd_input_fails_cleanly_and_fast(text, message):
    clock = CpuClock()
    if message is None:
        E.parse(text, SCOPE)
    else:
        assert error_of(text) == message
    assert clock.seconds() < 2


def test_reasonable_constants_and_powers_are_allowed():
    for text in ["c ** 1000", "c ** -2", "c ** 0.5", "c ** (1/2)", "2 ** 1000 * c", "c ** n", "x ** 3",
                 "999 ** 999 * c", "c ** (1000 - 1)"]:
        E.parse(text, SCOPE)


# ---------------------------------------------------------------- security

MALICIOUS = [
    "__import__('os').system('touch PWNED')",
    "__import__('os')",
    "().__class__",
    "().__class__.__bases__[0].__subclasses__()",
    "(lambda: 1)()",
    "(lambda: __import__('os').system('touch PWNED'))()",
    "[x for x in y]",
    "{x for x in y}",
    "{'a': x}",
    "open('PWNED', 'w')",
    "open('f')",
    "x.__class__",
    "f'{x}'",
    "f\"{__import__('os').system('touch PWNED')}\"",
    "globals()",
    "locals()['x']",
    "eval('1')",
    "exec('import os')",
    "getattr(x, 'T')",
    "x.T.__class__",
    "(y := x)",
    "x if x else y",
    "await x",
    "(yield x)",
    "b'\\x00'",
    "...",
    "sum.__globals__",
    "[*x]",
    "x[::-1]",
    "sympify('x')",
    "print(x)",
    "breakpoint()",
]


def test_code_would_never_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for text in MALICIOUS:
        with pytest.raises(ExprError):
            E.parse(text, SCOPE)
    assert not (tmp_path / "PWNED").exists()
    assert os.listdir(tmp_path) == []


def test_code_in_a_catalog_is_reported_and_never_run(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    problems = []
    for i, text in enumerate(MALICIOUS):
        quoted = text.replace("\\", "\\\\").replace('"', '\\"')
        problems.append(
            f"  - id: p{i}\n    title: T\n    summary: S.\n    tags: [t]\n    source: s\n"
            f"    variables:\n      x: {{shape: [n]}}\n      y: {{shape: [n]}}\n"
            f'    expression: "{quoted}"\n    wrt: [x]\n'
        )
    (tmp_path / "evil.yaml").write_text("problems:\n" + "".join(problems))
    with pytest.raises(CatalogError) as info:
        load_catalog("evil.yaml")
    reported = {d.problem for d in info.value.diagnostics if d.key == "expression"}
    assert reported == {f"p{i}" for i in range(len(MALICIOUS))}
    assert sorted(os.listdir(tmp_path)) == ["evil.yaml"]


def test_no_eval_exec_sympify_or_parse_expr_on_user_text(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("eval/exec/parse_expr was called")

    module = sys.modules["sympy.core.sympify"]  # (sympy.core.sympify is also the function's name)
    real_sympify = module.sympify

    def sympify_non_text(a, *args, **kwargs):
        if isinstance(a, str):
            raise AssertionError(f"sympify was called on the text {a!r}")
        return real_sympify(a, *args, **kwargs)

    monkeypatch.setattr(builtins, "eval", refuse)
    monkeypatch.setattr(builtins, "exec", refuse)
    real_compile = builtins.compile

    def compile_to_ast_only(source, filename, mode, flags=0, *args, **kwargs):
        if not flags & ast.PyCF_ONLY_AST:  # ast.parse is allowed: it builds a tree, runs nothing
            raise AssertionError(f"compile was called on {source!r}")
        return real_compile(source, filename, mode, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "compile", compile_to_ast_only)
    monkeypatch.setattr(sympy, "sympify", sympify_non_text)
    monkeypatch.setattr(module, "sympify", sympify_non_text)
    monkeypatch.setattr(sympy, "parse_expr", refuse, raising=False)
    monkeypatch.setattr(sympy.parsing.sympy_parser, "parse_expr", refuse)

    catalog = load_catalog(ROOT / "derivations.yaml")
    count = 0
    for problem in catalog.problems:
        scope = problem.scope()
        texts = [problem.expression_text, *(e.text for e in problem.expected.values())]
        for text in texts:
            node = E.parse(text, scope)
            assert E.parse(E.to_text(node), scope) == node
            count += 1
        step_scope = problem.scope(with_steps=True)
        for step in problem.steps:
            assert E.parse(step.text, step_scope) == step.node
            count += 1
    assert count > 50
    for text in ["0.5 * x + 1e-3", "c ** 0.25", "2.5e3 * c"]:
        E.parse(text, SCOPE)


# ---------------------------------------------------------------- hypothesis

NAMES = ["x", "y", "A", "B", "S", "c", "d", "X", "n", "m", "q", "sum", "T", "__class__"]
FUNCS = [*E.KNOWN_FUNCTIONS, "foo", "open", "__import__"]
numbers = st.one_of(
    st.integers(min_value=0, max_value=2000).map(str),
    st.floats(min_value=0, max_value=1e6, allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(["0", "1", "2", "0.5", "1e-3", "99999999999"]),
)
leaves = st.one_of(st.sampled_from(NAMES), numbers)


def _extend(children):
    return st.one_of(
        st.tuples(children, st.sampled_from(["+", "-", "*", "/", "@", "**"]), children).map(
            lambda t: f"{t[0]} {t[1]} {t[2]}"
        ),
        children.map(lambda e: f"({e})"),
        children.map(lambda e: f"-{e}"),
        children.map(lambda e: f"+{e}"),
        children.map(lambda e: f"({e}).T"),
        children.map(lambda e: f"{e}.T"),
        st.tuples(children, st.integers(0, 3)).map(lambda t: f"({t[0]})[{t[1]}]"),
        st.tuples(children, st.integers(0, 3), st.integers(0, 3)).map(lambda t: f"({t[0]})[{t[1]}, {t[2]}]"),
        st.tuples(st.sampled_from(FUNCS), st.lists(children, max_size=3)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})"
        ),
        st.lists(children, min_size=1, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.lists(st.lists(children, min_size=1, max_size=2), min_size=1, max_size=2).map(
            lambda rows: "[" + ", ".join("[" + ", ".join(r) + "]" for r in rows) + "]"
        ),
    )


grammar_text = st.recursive(leaves, _extend, max_leaves=12)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grammar_text)
def test_random_grammar_text_parses_or_raises_expr_error(text):
    try:
        node = E.parse(text, SCOPE)
    except ExprError as exc:
        assert exc.message and "\n" not in exc.message
        return
    assert isinstance(node, E.Node)
    assert E.parse(E.to_text(node), SCOPE) == node


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=40))
def test_arbitrary_text_parses_or_raises_a_located_expr_error(text):
    try:
        node = E.parse(text, SCOPE)
    except ExprError as exc:
        assert exc.message and "\n" not in exc.message and isinstance(exc.code, ErrorCode)
        assert 0 <= exc.col <= len(text)
        return
    assert isinstance(node, E.Node)
