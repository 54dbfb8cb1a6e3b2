"""is_at.nonzero_on_place (engine/is_at.py): a node that is a nonzero polynomial in other variables where the place's
argument is zero is never written +-at by the simplifier. On random sums of terms in the argument (a variable or a compound one:
A x, dot(x, y), x - A x) and other variables, some of which cancel there ((2 d - 1) sigmoid(|at|) + 1 - d is 1/2,
sigmoid(|at|) - 1/2 is 0), is_at's answer is the simplifier's, and the new test answers a share without it."""

from hypothesis import example, given, settings, strategies as st

from rewrite_support import native_answered, native_share, parse, place_and_sum
from test_is_at import _simplifiers_answer
from mcdocgen import language as E
from mcdocgen.engine.is_at import is_at, nonzero_on_place
from mcdocgen.engine.simplify import simplify

# a place's argument, the variable (o) the terms use besides it, and a term in the argument's own variables (V); P is the
# argument in the terms (braced placeholders: a bare letter would also be replaced inside sigmoid or dot)
_PLACES = (("c", "d", "c"), ("dot(x, y)", "d", "sum(x)"), ("tr(A)", "c", "sum(A)"), ("A @ x", "y", "x"),
           ("x", "d", "x"), ("x - A @ x", "y", "x"), ("d * x", "y", "x"), ("d * x", "y", "d * y"))
_TERMS = ("{P}", "-({P})", "{o}", "1 - {o}", "(2 * {o} - 1)", "sigmoid(abs({P}))", "exp(relu(-({P})))",
          "(1 - {o}) / exp(relu(-({P})))", "{o} * ({P})", "cos({P}) * {o}", "tanh({P}) * {o}", "abs({P}) * {o}",
          "{o}**2", "sigmoid(abs({P})) * (2 * {o} - 1)", "1", "-1", "1 / 2", "sigmoid({P}) - 1 / 2", "exp({P}) - 1",
          "{o} / (exp({P}) + 1)", "({P})**2", "{o} * sign({P})", "log(exp({P}))", "relu({P}) - relu(-({P}))",
          "{o} / {o}", "sqrt(abs({P}))", "({o} - 1)**2 - {o}**2", "{V}", "-({V})", "({V}) * {o}",
          "({V})**2 * (2 * {o} - 1)", "{o} / (({V})**2 + 1)", "(1 - {o}) * ({V})", "1 / ({V})", "abs({V}) - {o}")


@native_share(0.3)
@settings(max_examples=300, derandomize=True)
@given(st.sampled_from(_PLACES),
       st.lists(st.tuples(st.sampled_from(("", "-", "2 * ")), st.sampled_from(_TERMS)), min_size=1, max_size=4))
@example(("x", "d", "x"), [("", "sigmoid(abs({P})) * (2 * {o} - 1)"), ("", "{o}"), ("-", "(2 * {o} - 1)")])
@example(("A @ x", "y", "x"), [("", "(1 - {o}) / exp(relu(-({P})))"), ("", "{o}"), ("-", "{P}")])
@example(("c", "d", "c"), [("", "sigmoid({P}) - 1 / 2"), ("", "{P}")])
@example(("d * x", "y", "x"), [("2 * ", "({V})**2 * (2 * {o} - 1)"), ("", "1"), ("-", "(2 * {o} - 1)")])
@example(("d * x", "y", "x"), [("", "({V})**2"), ("-", "{P}")])
def test_is_at_gives_the_simplifiers_answer_where_the_value_on_the_place_decides(place, terms):
    drawn = place_and_sum(place, terms)
    if drawn is None:
        return
    (at, node), at_text = drawn, place[0]
    shown = nonzero_on_place(node, at)
    native_answered(shown)
    answer = _simplifiers_answer(node, at)
    assert not (shown and answer), (at_text, E.to_text(node))
    assert is_at(node, at, simplify) == answer, (at_text, E.to_text(node))


def test_the_value_on_the_place_is_read_only_where_continuous_with_the_arguments_variables_zero():
    at = parse("A @ x")
    for text in ("(1 - d) / exp(relu(-(A @ x))) + d", "sigmoid(abs(A @ x)) * (2 * d - 1) + 1 - d", "y**2 + 1",
                 "2 + A @ x", "d / (y - y + 1)", "x + 1", "d * x**2 - d + A @ x", "y / (x**2 + 1)"):
        assert nonzero_on_place(parse(text), at), text
    for text in ("sigmoid(abs(A @ x)) - 1 / 2 + A @ x", "d * sign(A @ x) + 1", "log(exp(A @ x))",
                 "d - d", "1 / y", "softplus(A @ x)", "exp(y) + 1", "d * x + A @ x", "y / x",
                 "A @ y + x", "x / x"):
        assert not nonzero_on_place(parse(text), at), text
    # built, not parsed: the parser refuses a divisor identically zero, the engine's trees may still hold one
    assert not nonzero_on_place(E.div(parse("d"), E.sub(parse("y"), parse("y"))), at)
    # d x is zero where d and x are: 2 c x + 1 - d (2 y - 1) is 1 there, and no form of it is +-d x
    assert nonzero_on_place(parse("2 * c * x + c * d * x**2 * (2 * y - 1) + 1 - d * (2 * y - 1)"), parse("d * x"))
    assert not nonzero_on_place(parse("x**2 - d * x"), parse("d * x"))
    assert not nonzero_on_place(parse("d + 1"), parse("exp(c)"))    # never zero: the place may be empty
    assert not nonzero_on_place(parse("d + 1"), parse("c / d"))     # not continuous everywhere
    u = E.var("u_1", parse("d").shape, intermediate=True)            # a function of the variables, maybe of at's
    assert not nonzero_on_place(E.add(u, E.num(1)), parse("c")) and not nonzero_on_place(parse("d + 1"), u)
