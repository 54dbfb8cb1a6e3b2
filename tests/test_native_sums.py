"""Sums taken as generators (native_sums.py): where a form with each sum as one generator is shorter than the
node and every factor that holds a sum stands alone on its side of the line, it is SymPy's route's answer; where
none is shorter, SymPy's route keeps the node (a g^2 + b beside 1 - g^2 too: prime to it)."""

from hypothesis import assume, event, given, strategies as st

from rewrite_support import parse
from mcdocgen import language as E
from mcdocgen.engine import scalars
from mcdocgen.engine.native_sums import sums_alone
from mcdocgen.errors import ExprError

_ATOMS = ("c", "d", "x", "tr(A)", "dot(x, y)", "tanh(d)", "log(c)", "A @ x", "norm(x)", "2", "-1")
_SUMS = ("(tr(A)**2 + 1)", "(c + d)", "(dot(x, y) + 1)", "(c**2 + 3)", "(2 * norm(x)**2 + 1)", "(tanh(d) + c)",
         "(1 - tanh(d)**2)", "(c - d)", "sqrt(c**2 + 1)", "sigmoid(c + d)", "(d**2 + 1)", "(c * d + 1)", "(tanh(d)**2 + 1)", "(1 - c**2)", "(c**2 - 1)", "(1 - d**2)")


def _quotients():
    """A product over a product of atoms and numbers, a sum (to a power now and then) on either side or both."""
    summed = st.tuples(st.sampled_from(_SUMS), st.sampled_from(("", "", "**2", "**-1"))).map("".join)
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
