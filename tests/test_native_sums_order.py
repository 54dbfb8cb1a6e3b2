"""Sums of plus terms in another order than SymPy's (native_sums.forms_over_sums with any_order): to SymPy the same
Add, so where no form with each sum as one generator is shorter, SymPy's route keeps the node as it keeps the node
with its sums in SymPy's order."""

from hypothesis import assume, event, given, settings, strategies as st

from rewrite_support import parse
from mcdocgen.engine import scalars
from mcdocgen.errors import ExprError

_ATOMS = ("c", "d", "x", "tr(A)", "dot(x, y)", "tanh(d)", "log(c)", "A @ x", "norm(x)", "2", "-1")
# an atom is named _atom<k> to SymPy, so it sorts before c and d; a number goes last
_REORDERED = ("(d + c)", "(d + tr(A))", "(1 + c)", "(d + c + dot(x, y))", "(1 + tr(A)**2)", "(d + c * d)")
_OTHERS = ("(1 - tanh(d)**2)", "(c - d)", "(1 - c**2)", "(c**2 + 3)")


def _products():
    """A product over a product of atoms and numbers, a sum (to a power now and then) on either side or both, one of
    them a sum of plus terms in another order than SymPy's."""
    summed = st.tuples(st.sampled_from(_REORDERED + _OTHERS), st.sampled_from(("", "", "**2", "**-1"))).map("".join)
    side = st.tuples(st.lists(st.sampled_from(_ATOMS), max_size=2), st.lists(summed, max_size=1)).map(
        lambda t: " * ".join(f"({f})" for f in (*t[0], *t[1])) or "1")
    return st.tuples(st.sampled_from(("", "-", "2 * ")), side, side).map(lambda t: f"{t[0]}(({t[1]}) / ({t[2]}))")


@settings(max_examples=300)
@given(_products())
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


def test_a_shorter_form_over_a_sum_in_another_order_is_left_to_sympy():
    node = parse("(d + c) * x / ((d + c) * tr(A))")   # cancels: SymPy's route writes what is left
    over = scalars._over_sums(node, any_order=True)
    assert over is not None and scalars._best_of(node, ((0, form) for form in over)) is not node
    assert scalars.simplify_scalar(node) == scalars.by_sympy(node)
