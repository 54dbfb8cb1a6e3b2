"""Sums taken as generators (native_sums.py): where a form with each sum as one generator is shorter than the
node and every factor that holds a sum stands alone on its side of the line, it is SymPy's route's answer; where
none is shorter, SymPy's route keeps the node (a g^2 + b beside 1 - g^2 too: prime to it)."""

from hypothesis import assume, event, given, settings, strategies as st

from rewrite_support import parse
from mcdocgen import language as E
from mcdocgen.engine import scalars
from mcdocgen.engine.native_sums import sums_alone
from mcdocgen.errors import ExprError

_ATOMS = ("c", "d", "x", "tr(A)", "dot(x, y)", "tanh(d)", "log(c)", "A @ x", "norm(x)", "2", "-1")
_SUMS = ("(tr(A)**2 + 1)", "(c + d)", "(dot(x, y) + 1)", "(c**2 + 3)", "(2 * norm(x)**2 + 1)", "(tanh(d) + c)",
         "(1 - tanh(d)**2)", "(c - d)", "sqrt(c**2 + 1)", "sigmoid(c + d)", "(d**2 + 1)", "(c * d + 1)", "(tanh(d)**2 + 1)", "(1 - c**2)", "(c**2 - 1)", "(1 - d**2)")


# sums of plus terms in another order than SymPy's (an atom is named _atom<k> to SymPy: before c and d)
_REORDERED = ("(d + c)", "(d + tr(A))", "(1 + c)", "(d + c + dot(x, y))", "(1 + tr(A)**2)", "(d + c * d)")


def _quotients(sums=_SUMS):
    """A product over a product of atoms and numbers, a sum (to a power now and then) on either side or both."""
    summed = st.tuples(st.sampled_from(sums), st.sampled_from(("", "", "**2", "**-1"))).map("".join)
    side = st.tuples(st.lists(st.sampled_from(_ATOMS), max_size=2), st.lists(summed, max_size=1)).map(
        lambda t: " * ".join(f"({f})" for f in (*t[0], *t[1])) or "1")
    return st.tuples(st.sampled_from(("", "-", "2 * ")), side, side, st.booleans()).map(
        lambda t: f"{t[0]}(({t[1]}) / ({t[2]}))" if t[3] else f"{t[0]}(({t[2]}) ** -1 * ({t[1]}))")


@given(_quotients())
def test_a_kept_node_or_a_shorter_form_with_its_sums_alone_is_sympys_answer(text):
    try:
        node = parse(text)
    except ExprError:
        assume(False)
    over = scalars._over_sums(node)
    if over is None:
        event("SymPy's route")
        return
    best = scalars._best_of(node, ((0, form) for form in over))
    if best is node:
        event("kept")
        assert scalars.by_sympy(node) is node, text
        return
    if not sums_alone(best):
        event("SymPy's route: sums among other factors")
        return
    event("shorter, native")
    assert best == scalars.by_sympy(node), (text, E.to_text(best))


def test_arctans_derivative_times_a_vector_is_native():
    node = parse("1 / (d**2 + 1) * x")   # arctan(u)' a, u_1 = u
    best = scalars._best_of(node, ((0, form) for form in scalars._over_sums(node)))
    assert sums_alone(best) and E.to_text(best) == "x / (d**2 + 1)" == E.to_text(scalars.by_sympy(node))


def test_u_over_1_plus_u_squareds_derivative_is_kept_without_sympy():
    node = parse("(1 - d**2) / (d**2 + 1)**2 * x")
    assert scalars._best_of(node, ((0, form) for form in scalars._over_sums(node))) is node is scalars.by_sympy(node)


def test_a_sum_beside_other_factors_is_not_alone():
    assert not sums_alone(parse("x * (c + d) / tr(A)")) and sums_alone(parse("2 * ((c + d) / (tr(A) * d))"))


@settings(max_examples=300)
@given(_quotients(_REORDERED))
def test_a_node_kept_with_plus_sums_in_another_order_is_kept_by_sympys_route(text):
    try:
        node = parse(text)
    except ExprError:
        assume(False)
    if scalars._over_sums(node) is not None:
        event("every sum in SymPy's order")
        return
    over = scalars._over_sums(node, any_order=True)
    if over is None:
        event("SymPy's route")
        return
    if scalars._best_of(node, ((0, form) for form in over)) is not node:
        event("shorter: SymPy's route writes its own order")
        return
    event("kept, a sum in another order")
    assert scalars.by_sympy(node) is node, text


def test_a_product_with_a_sum_in_another_order_is_kept_without_sympy():
    node = parse("(1 - c**2) * (d + tr(A))")   # dot(tanh(x), A tanh(x))'s gradient: SymPy writes tr(A) + d
    assert scalars._over_sums(node) is None
    over = scalars._over_sums(node, any_order=True)
    assert over is not None and scalars._best_of(node, ((0, form) for form in over)) is node is scalars.by_sympy(node)
    assert scalars.simplify_scalar(node) is node
