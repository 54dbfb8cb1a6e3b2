"""The language printer: exact text for small trees, and (hypothesis) every well-shaped text parses
to a tree that prints back to text that parses to the same tree."""

from __future__ import annotations

import functools

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from language_support import MAT, SCOPE, SIZES, VEC, scope_values
from mcdocgen import language as E
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.errors import ErrorCode
from mcdocgen.language import ExprError, shapes


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
    node = E.parse(text, SCOPE)
    assert E.to_text(node) == printed
    assert E.parse(printed, SCOPE) == node


def test_a_unit_vector_of_symbolic_length_has_no_text():
    unit = E.Unit(VEC, 0, 0)
    with pytest.raises(ExprError) as info:
        E.to_text(unit)
    assert info.value.code is ErrorCode.NO_TEXT_FORM
    assert E.try_text(unit, "e_1") == "e_1"
    assert E.to_text(E.Unit(shapes.column(shapes.dim(3)), 1, 0)) == "[0, 1, 0]"


def test_a_tree_without_text_says_which_unit_vector_the_language_cannot_write():
    # sum(abs(x - x[0])) by x: its result holds e_0 of length n; the terminal said only "(no text form)"
    x = SCOPE.variables["x"]
    result = E.sub(E.func(E.Fn.SIGN, E.sub(x, E.index(x, 0, 0))), E.mul(E.num(2), E.Unit(VEC, 1, 0)))
    assert E.text_or_why(result) == "(no text form: e_1, the unit vector of length n with a 1 at entry 1, has no form " \
                                    "in the language)"
    assert E.text_or_why(E.Unit(shapes.column(shapes.size_symbol("m")).transpose(), 0, 2), flat_form=False).startswith("(no text form: e_2,")
    assert E.text_or_why(E.mul(E.num(2), x)) == "2 * x" and E.text_or_why(E.Unit(shapes.column(shapes.dim(2)), 0, 0)) == "[1, 0]"


def test_every_call_prints_under_the_name_the_parser_reads():
    for text in ("sum(x)", "mean(A)", "norm(x)", "dot(x, y)", "tr(A)", "det(A)", "inv(A)", "diag(x)",
                 "outer(x, y)", "maximum(x, y)", "eye(n)", "ones(n)"):
        assert E.to_text(E.parse(text, SCOPE)) == text


# Typed generation: every text drawn here is well shaped, so it must parse, and print back.

SCALAR_LEAVES = ["c", "d", "n", "2", "3", "0.5", "1e-3", "x[0]", "A[1, 0]", "S[0, 1]"]
VECTOR_LEAVES = ["x", "y", "ones(n)", "diag(A)", "X.T @ ones(m)"]
MATRIX_LEAVES = ["A", "B", "S", "eye(n)", "X.T @ X"]


@functools.cache
def typed(kind: str, depth: int = 3) -> st.SearchStrategy[str]:
    leaf = st.sampled_from({"s": SCALAR_LEAVES, "v": VECTOR_LEAVES, "m": MATRIX_LEAVES}[kind])
    if depth == 0:
        return leaf
    s, v, m = (st.deferred(lambda k=k: typed(k, depth - 1)) for k in "svm")
    same = {"s": s, "v": v, "m": m}[kind]
    fn = st.sampled_from([f.value for f in E.Fn])
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
        node = E.parse(text, SCOPE)
    except ExprError as exc:
        # the only refusals allowed for well-shaped text: nesting and length limits
        assume("nested too deeply" in exc.message or "too long" in exc.message)
        return
    assert node.shape == {"s": shapes.SCALAR, "v": VEC, "m": MAT}[kind]
    printed = E.to_text(node)
    assert E.parse(printed, SCOPE) == node, printed
    assert E.to_text(E.parse(printed, SCOPE)) == printed


@pytest.mark.parametrize(
    "text, size",
    [
        ("x", 1),
        ("A.T", 2),
        ("2 * (x.T @ A)", 8),   # brackets are not nodes: the same as 2 * x.T @ A
        ("2 * x.T @ A", 8),
        ("a - 2 * b", 7),
        ("a + -2 * b", 9),      # the negated number costs a node, the + another: a textbook writes a - 2 * b
        ("det(X) * inv(X).T", 9),
    ],
)
def test_syntax_size_counts_the_nodes_of_the_text(text, size):
    assert E.syntax_size(text) == size


@pytest.mark.parametrize("text", ["zeros(n)", "zeros(n).T", "zeros(n, n)", "zeros(1)", "zeros(3, n)"])
def test_zeros_prints_as_it_is_written_and_round_trips(text):
    node = E.parse(text, SCOPE)
    assert isinstance(node if not isinstance(node, E.Transpose) else node.arg, E.Zero)
    assert E.to_text(node) == text
    assert E.parse(text, SCOPE) == node


def test_zeros_takes_one_or_two_sizes():
    assert E.parse("zeros(n, 1)", SCOPE) == E.parse("zeros(n)", SCOPE)
    with pytest.raises(ExprError, match=r"zeros\(\) takes 1 or 2 sizes, got 3"):
        E.parse("zeros(n, n, n)", SCOPE)


@pytest.mark.parametrize("text", ["x", "A.T", "2 * (x.T @ A)", "c - 2 * d", "c + -2 * d", "det(A) * inv(A).T",
                                  "-0.25 * c", "1e-05 * c", "(2).T", "(-2) ** c", "c ** -2", "c - (d - c)",
                                  "x[1]", "A[0, 1]", "zeros(n).T", "ones(n)", "eye(n) @ x", "1/3 * c", "-x"])
def test_tree_size_is_the_syntax_size_of_the_text(text):
    node = E.parse(text, SCOPE)
    assert E.tree_size(node) == E.syntax_size(E.to_text(node))


@settings(max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from("svm").flatmap(typed))
def test_tree_size_agrees_with_parsing_the_printed_text(text):
    try:
        node = E.parse(text, SCOPE)
    except ExprError as exc:
        assume("nested too deeply" in exc.message or "too long" in exc.message)
        return
    assert E.tree_size(node) == E.syntax_size(E.to_text(node)), E.to_text(node)


# ---------------------------------------------------------------- the text a textbook reads (flat_text)


@pytest.mark.parametrize(
    "text, flat",
    [
        ("A @ (B @ (x @ y.T))", "A @ B @ x @ y.T"),          # products flat, as the text reads them
        ("-(A @ (B @ x))", "-A @ B @ x"),                     # the sign on the first factor
        ("2 * (A @ (B @ x))", "2 * A @ B @ x"),               # and a scalar
        ("c * (d * (A @ x))", "c * (d * A) @ x"),
        ("x - A @ (B @ x)", "x - A @ B @ x"),                 # a later term keeps its subtraction
        ("-(c * x) - A @ (B @ x)", "-c * x - A @ B @ x"),
        ("-(A @ x / c)", "-A @ x / c"),
        ("(A + B) @ (A @ x)", "(A + B) @ A @ x"),
        ("A @ (x * y)", "A @ (x * y)"),                      # a Hadamard product is not a matrix product
    ],
)
def test_flat_text_reads_products_flat(text, flat):
    node = E.parse(text, SCOPE)
    assert E.flat_text(node) == flat
    assert E.parse(flat, SCOPE) == E.flat(node)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from("vm").flatmap(typed))
def test_flat_text_has_the_value_of_the_tree(text):
    try:
        node = E.parse(text, SCOPE)
    except ExprError as exc:
        assume("nested too deeply" in exc.message or "too long" in exc.message)
        return
    flat = E.parse(E.flat_text(node), SCOPE)
    assert flat == E.flat(node)
    values = scope_values(0)
    with np.errstate(all="ignore"):   # a drawn tree may divide by 0: a value that is not finite is compared as such
        try:
            want = evaluate(node, values, SIZES)
        except np.linalg.LinAlgError:   # inv(A - A): the text is checked, there is no value to compare
            return
        got = evaluate(flat, values, SIZES)
    assert np.allclose(want, got, rtol=1e-9, atol=1e-9) or not np.all(np.isfinite(want))
