"""The expression parser: typed trees, exact error messages, absurd input in bounded time,
no code execution ever, and (hypothesis) parse-or-ExprError plus parse(to_text(e)) == e."""

from __future__ import annotations

import ast
import builtins
import functools
import os
import sys
import time
from pathlib import Path

import pytest
import sympy
import sympy.parsing.sympy_parser
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mcdocgen.language import expr
from mcdocgen.language import shapes
from mcdocgen.catalog import load_catalog
from mcdocgen.errors import CatalogError
from mcdocgen.language.expr import ExprError

ROOT = Path(__file__).resolve().parents[1]

N = shapes.size_symbol("n")
VEC = shapes.column(N)
MAT = shapes.square(N)
SCOPE = expr.Scope(
    variables={
        "x": expr.var("x", VEC),
        "y": expr.var("y", VEC),
        "A": expr.var("A", MAT),
        "B": expr.var("B", MAT),
        "S": expr.var("S", MAT, symmetric=True),
        "c": expr.var("c", shapes.SCALAR),
        "d": expr.var("d", shapes.SCALAR),
        "X": expr.var("X", shapes.Shape(shapes.size_symbol("m"), N)),
    },
    sizes={"n": N, "m": shapes.size_symbol("m")},
)


def error_of(text: str) -> str:
    with pytest.raises(ExprError) as info:
        expr.parse(text, SCOPE)
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
    assert expr.parse(text, SCOPE).shape == shape


def test_names_resolve_to_the_scope_variables():
    node = expr.parse("S @ x", SCOPE)
    assert node == expr.MatMul(VEC, SCOPE.variables["S"], SCOPE.variables["x"])
    assert node.left.symmetric
    step = expr.var("u", VEC, intermediate=True)
    with_step = expr.Scope(SCOPE.variables, SCOPE.sizes, {"u": step})
    assert expr.parse("u + x", with_step).terms[0] is step


@pytest.mark.parametrize(
    "text, message",
    [
        ("W @ x", "unknown name 'W' (declared: A, B, S, X, c, d, x, y)"),
        ("nrom(x)", "unknown function 'nrom' (did you mean 'norm'?)"),
        ("X @ X", "'@' needs the inner sizes to agree, got (m, n) @ (m, n)"),
        ("x.shape", "attribute '.shape' is not allowed (only '.T', the transpose)"),
        ("x // c", "operator '//' is not allowed"),
        ("c ^ d", "operator '^' is not allowed (use ** for powers)"),
        ("not c", "operator 'not' is not allowed"),
        ("x < y", "'x < y' is not allowed in an expression"),
        ("c if d else c", "'c if d else c' is not allowed in an expression"),
        ("(c, d)", "'(c, d)' is not allowed in an expression"),
        ("norm", "function 'norm' must be called"),
        ("norm(x, y)", "norm() takes 1 argument, got 2"),
        ("dot(x)", "dot() takes 2 arguments, got 1"),
        ("exp(x=1)", "exp() takes no keyword arguments"),
        ("exp(*x)", "exp() takes no starred arguments"),
        ("x[0:2]", "an index must be a whole-number literal such as x[0] or M[1, 2]"),
        ("x[-1]", "an index must be a whole-number literal such as x[0] or M[1, 2]"),
        ("x[10**20]", "an index must be a whole-number literal such as x[0] or M[1, 2]"),
        ("x[100000000000000000000]", "index 100000000000000000000 is out of range (sizes are at most 1000)"),
        ("[c, d][5]", "index 5 is out of range for shape (2, 1)"),
        ("A[0]", "one index needs a vector, got (n, n)"),
        ("[]", "an empty list is not a vector"),
        ("[[]]", "a matrix literal cannot have an empty row"),
        ("[[c], [c, d]]", "every row of a matrix literal needs the same length"),
        ("[x, y]", "matrix literal entries must be scalars, got (n, 1)"),
        ("'os'", "constant 'os' is not a number"),
        ("True", "constant True is not a number"),
        ("1j", "constant 1j is not a number"),
        ("10000000000000 * c", "number 10000000000000 is too large (the limit is 1000000000000)"),
        ("1e999", "number inf is too large (the limit is 1000000000000)"),
        ("x / 0", "division by zero"),
        ("c ** (1/0)", "division by zero"),
        ("c ** x", "'**' needs a scalar exponent, got (n, 1)"),
        ("eye(x)", "eye() needs a size name or a whole number, such as eye(n)"),
        ("eye(0)", "eye() needs a size name or a whole number, such as eye(n)"),
        ("tr(X)", "tr() needs a square matrix, got (m, n)"),
        ("dot(x, X)", "dot() needs two vectors of one length, got (n, 1) and (m, n)"),
        ("x +", "not valid syntax: invalid syntax"),
        ("(x", "not valid syntax: '(' was never closed"),
        ("   ", "expression is empty"),
        ("x\x00", "not valid syntax: source code string cannot contain null bytes"),
    ],
)
def test_error_messages(text, message):
    assert error_of(text) == message


def test_a_non_string_is_refused():
    with pytest.raises(ExprError, match="must be a string"):
        expr.parse(42, SCOPE)  # type: ignore[arg-type]


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
    start = time.perf_counter()
    if message is None:
        expr.parse(text, SCOPE)
    else:
        assert error_of(text) == message
    assert time.perf_counter() - start < 2


def test_reasonable_constants_and_powers_are_allowed():
    for text in ["c ** 1000", "c ** -2", "c ** 0.5", "c ** (1/2)", "2 ** 1000 * c", "c ** n", "x ** 3",
                 "999 ** 999 * c", "c ** (1000 - 1)"]:
        expr.parse(text, SCOPE)


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
            expr.parse(text, SCOPE)
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
            node = expr.parse(text, scope)
            assert expr.parse(expr.to_text(node), scope) == node
            count += 1
        step_scope = problem.scope(with_steps=True)
        for step in problem.steps:
            assert expr.parse(step.text, step_scope) == step.node
            count += 1
    assert count > 50
    for text in ["0.5 * x + 1e-3", "c ** 0.25", "2.5e3 * c"]:
        expr.parse(text, SCOPE)


# ---------------------------------------------------------------- printer round trips


@pytest.mark.parametrize(
    "text, printed",
    [
        ("0.5 * x", "0.5 * x"),
        ("c ** 0.5", "c**0.5"),
        ("-0.25 * c", "-0.25 * c"),
        ("1e-05 * c", "1e-05 * c"),
        ("(2).T", "(2).T"),
        ("(2)[0, 0]", "(2)[0, 0]"),
        ("ones(1)", "ones(1)"),
        ("c + (d + c)", "c + (d + c)"),
        ("c - (d - c)", "c - (d - c)"),
        ("c + d + c", "c + d + c"),
        ("[[[c]]]", "[[[c]]]"),
        ("[[c], [d]]", "[c, d]"),
        ("[[c]]", "[c]"),
        ("(-2) ** c", "(-2)**c"),
        ("c ** -2", "c**(-2)"),
        ("-c ** 2", "-c**2"),
        ("(-c) ** 2", "(-c)**2"),
        ("c ** d ** 2", "c**d**2"),
        ("(c ** d) ** 2", "(c**d)**2"),
        ("-(c * d)", "-(c * d)"),
        ("c * (d / c)", "c * (d / c)"),
        ("x.T @ (A @ x)", "x.T @ (A @ x)"),
        ("max(0, x)", "maximum(0, x)"),
        ("-n * c", "-n * c"),
        ("c ** -n", "c**(-n)"),
    ],
)
def test_printer_round_trips(text, printed):
    node = expr.parse(text, SCOPE)
    assert expr.to_text(node) == printed
    assert expr.parse(printed, SCOPE) == node


# ---------------------------------------------------------------- hypothesis

NAMES = ["x", "y", "A", "B", "S", "c", "d", "X", "n", "m", "q", "sum", "T", "__class__"]
FUNCS = [*expr.KNOWN_FUNCTIONS, "foo", "open", "__import__"]
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
        node = expr.parse(text, SCOPE)
    except ExprError as exc:
        assert exc.message and "\n" not in exc.message
        return
    assert isinstance(node, expr.Node)
    assert expr.parse(expr.to_text(node), SCOPE) == node


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=40))
def test_arbitrary_text_parses_or_raises_expr_error(text):
    try:
        expr.parse(text, SCOPE)
    except ExprError:
        pass


# Typed generation: every text drawn here is well shaped, so it must parse, and print back.

SCALAR_LEAVES = ["c", "d", "n", "2", "3", "0.5", "1e-3", "x[0]", "A[1, 0]", "S[0, 1]"]
VECTOR_LEAVES = ["x", "y", "ones(n)", "diag(A)", "X.T @ ones(m)"]
MATRIX_LEAVES = ["A", "B", "S", "eye(n)", "X.T @ X"]


@functools.lru_cache(maxsize=None)
def typed(kind: str, depth: int = 3) -> st.SearchStrategy[str]:
    leaf = st.sampled_from({"s": SCALAR_LEAVES, "v": VECTOR_LEAVES, "m": MATRIX_LEAVES}[kind])
    if depth == 0:
        return leaf
    s, v, m = (st.deferred(lambda k=k: typed(k, depth - 1)) for k in "svm")
    same = {"s": s, "v": v, "m": m}[kind]
    fn = st.sampled_from([f.value for f in expr.Fn])
    options = [
        leaf,
        st.tuples(same, st.sampled_from(["+", "-", "*"]), same).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(same, st.sampled_from(["+", "-", "*", "/"]), s).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
        st.tuples(s, same).map(lambda t: f"{t[0]} * {t[1]}"),
        same.map(lambda e: f"-{e}"),
        st.tuples(fn, same).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(same, st.sampled_from(["2", "3", "0.5", "-1", "n"])).map(lambda t: f"{t[0]} ** {t[1]}"),
        st.tuples(same, same).map(lambda t: f"maximum({t[0]}, {t[1]})"),
    ]
    if kind == "s":
        options += [
            st.tuples(st.sampled_from(["sum", "mean", "norm"]), st.one_of(v, m)).map(lambda t: f"{t[0]}({t[1]})"),
            st.tuples(st.sampled_from(["tr", "det"]), m).map(lambda t: f"{t[0]}({t[1]})"),
            st.tuples(v, v).map(lambda t: f"dot({t[0]}, {t[1]})"),
            st.tuples(v, m, v).map(lambda t: f"{t[0]}.T @ {t[1]} @ {t[2]}"),
            st.tuples(v, st.integers(0, 2)).map(lambda t: f"({t[0]})[{t[1]}]"),
            st.tuples(s, s).map(lambda t: f"[{t[0]}, {t[1]}][1]"),
            st.tuples(s, s, s, s).map(lambda t: f"[[{t[0]}, {t[1]}], [{t[2]}, {t[3]}]][0, 1]"),
            s.map(lambda e: f"({e}).T"),
            s.map(lambda e: f"[[{e}]]"),
        ]
    if kind == "v":
        options += [
            st.tuples(m, v).map(lambda t: f"{t[0]} @ {t[1]}"),
            m.map(lambda e: f"diag({e})"),
            v.map(lambda e: f"({e}).T.T"),
            st.tuples(v, m).map(lambda t: f"({t[0]}.T @ {t[1]}).T"),
        ]
    if kind == "m":
        options += [
            st.tuples(m, m).map(lambda t: f"{t[0]} @ {t[1]}"),
            m.map(lambda e: f"({e}).T"),
            m.map(lambda e: f"inv({e})"),
            v.map(lambda e: f"diag({e})"),
            st.tuples(v, v).map(lambda t: f"outer({t[0]}, {t[1]})"),
        ]
    return st.one_of(*options)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from("svm").flatmap(lambda k: typed(k).map(lambda text: (k, text))))
def test_well_shaped_text_parses_and_round_trips(kind_and_text):
    kind, text = kind_and_text
    try:
        node = expr.parse(text, SCOPE)
    except ExprError as exc:
        # the only refusals allowed for well-shaped text: nesting and length limits
        assume("nested too deeply" in exc.message or "too long" in exc.message)
        return
    assert node.shape == {"s": shapes.SCALAR, "v": VEC, "m": MAT}[kind]
    printed = expr.to_text(node)
    assert expr.parse(printed, SCOPE) == node, printed
    assert expr.to_text(expr.parse(printed, SCOPE)) == printed
