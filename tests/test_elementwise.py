"""Elementwise quotients: an array over itself is all ones; a scalar factor of a numerator comes out."""

import pytest

from rewrite_support import assert_same_value, assert_simplifies, parse
from mcdocgen import language as E
from mcdocgen.engine.simplify import RewriteId, simplify
from mcdocgen.engine.simplify.elementwise import div


def test_an_array_over_itself_is_all_ones_of_its_shape():
    node = parse("exp(x) / exp(x)")
    found = div(node)
    assert found == (RewriteId.SELF_QUOTIENT, parse("ones(n)"))
    assert_same_value(node, found[1])


def test_a_matrix_over_itself_is_all_ones_and_a_scalar_is_left_to_sympy():
    node = parse("(A @ B) / (A @ B)")
    assert_same_value(node, div(node)[1])
    assert div(parse("c / c")) is None


def test_a_scalar_factor_of_a_numerator_comes_out_in_front():
    node = parse("c * ones(n) / x")
    found = div(node)
    assert found is not None and found[0] is RewriteId.SCALAR_OUT
    assert_same_value(node, found[1])


def test_the_simplifier_reads_the_quotients_as_a_textbook_does():
    for text, want in (("c * ones(n) / (x + y)", "c / (x + y)"), ("diag(exp(x) / exp(x))", "eye(n)"),
                       ("A - exp(x) / exp(x) @ y.T", "A - ones(n) @ y.T")):
        node = parse(text)
        out = simplify(node)
        assert E.to_text(out) == want
        assert_same_value(node, out)


@pytest.mark.parametrize("text, printed", [
    ("(1 / x) * x", "ones(n)"),
    ("x * (y / x)", "y"),
    ("diag(1 / x) @ diag(x)", "eye(n)"),
])
def test_a_quotient_times_its_divisor_is_the_dividend(text, printed):
    assert_simplifies(text, printed, RewriteId.SELF_QUOTIENT)


@pytest.mark.parametrize(("text", "printed"), [
    ("heaviside(x - y) * relu(x - y)", "relu(x - y)"),
    ("relu(A @ x) * heaviside(A @ x)", "relu(A @ x)"),
    ("sign(x) * abs(x)", "x"),
    ("heaviside(c) * relu(c)", "relu(c)"),
])
def test_a_step_times_its_function_with_the_corner_is_the_function(text, printed):
    assert_simplifies(text, printed, RewriteId.STEP_TIMES_CORNER)


def test_a_step_of_another_argument_is_left_alone():
    node = parse("heaviside(x) * relu(y)")
    assert simplify(node) == node


@pytest.mark.parametrize(("text", "printed"), [
    # zero wherever the step is on (a >= 0, the corner too): there max(0, a) = relu(a) = |a| = a
    ("heaviside(x - y) * (relu(x - y) - x + y)", "zeros(n)"),
    ("y * heaviside(abs(x) - d) * (maximum(abs(x) - d, 0) + d * ones(n) - abs(x))", "zeros(n)"),
    ("heaviside(A @ x - c) * (c - A @ x + maximum(0, A @ x - c)) + y", "y"),   # an opaque entry (A @ x)
    ("heaviside(c - d) * (abs(c - d) + d - c)", "0"),
])
def test_a_step_times_what_vanishes_wherever_it_is_on_is_zero(text, printed):
    assert_simplifies(text, printed, RewriteId.ZERO_WHERE_STEP_ON)


@pytest.mark.parametrize("text", [
    "heaviside(x - y) * (relu(x - y) - x)",      # x - y - x = -y: not zero where the step is on
    "heaviside(x - y) * (relu(y - x) - x + y)",  # another argument's corner: nothing proved
    "heaviside(x) * (abs(x) - sign(x) * x + y)",
])
def test_a_step_times_what_need_not_vanish_is_kept(text):
    node = parse(text)
    out = simplify(node)
    assert any(isinstance(n, E.Func) and n.fn is E.Fn.HEAVISIDE for n in E.walk(out)), E.to_text(out)
    assert_same_value(node, out)
