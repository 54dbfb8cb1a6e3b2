"""is_at.differs_across (engine/is_at.py), as kink_continuity.sides_meet asks it: a result whose value at points of the
place (d x at x = 0, x + 3 at x = -3, all of at's variables at 0) moves with the side variable does not have its sides
meet, and sides_meet answers that without simplifying. On random sums of terms in steps of the place's argument,
its variables and another, some continuous across the place (x sign(x), relu), some not (sign(x), o heaviside(x)),
some whose steps cancel (heaviside(P) + heaviside(-P)), sides_meet's answer is the one it gives without the test."""

from unittest import mock

from hypothesis import example, given, settings, strategies as st

from language_support import SCOPE
from rewrite_support import native_answered, native_share, place_and_sum
from mcdocgen import language as E
from mcdocgen.engine import kink_continuity
from mcdocgen.engine.is_at import differs_across
from mcdocgen.engine.kink_continuity import sides_meet
from mcdocgen.engine.kinks import Kink
from mcdocgen.engine.simplify import simplify
from mcdocgen.language import Fn, KinkKind

# a place's argument, another variable (o) and a term in the argument's own variables (V)
_PLACES = (("c", "d", "c"), ("c + 3", "d", "c"), ("d * c", "x", "c"), ("d * x", "y", "x"), ("x - y", "c", "x"),
           ("x + 3", "y", "x"), ("c - d", "x", "d"), ("x", "y", "x"), ("A @ x", "y", "x"), ("-c", "d", "c"))
_TERMS = ("sign({P})", "heaviside({P})", "({P}) * sign({P})", "{o} * sign({P})", "relu({P})", "({P}) * heaviside({P})",
          "heaviside(-({P}))", "sign({P}) * ({P}) / (1 + abs({P}))", "{o}", "({V}) * sign({P})",
          "({V})**2 * heaviside({P})", "abs({P})", "{o} * heaviside({P}) - {o} * heaviside({P})",
          "(sign({P}) + 1) * ({P})", "heaviside({P}) + heaviside(-({P}))", "sign({P})**2", "exp({P}) * sign({P})",
          "relu({V} - 3) * {o}", "heaviside({V} - 3) * sign({P})", "sign({P}) / (1 + ({V})**2)", "{o} * ({V}) * sign({P})",
          "(2 * {o} - 1) * sign({P}) * ({P})", "sigmoid({P}) * sign({P})", "sign({P}) * ({P})**2 / ({V})",
          "tanh({P}) * heaviside({P})", "sign({V}) * sign({P})", "1 - heaviside({P})", "cos({P}) * sign({P})")


@native_share(0.25)
@settings(max_examples=250, derandomize=True, deadline=None)
@given(st.sampled_from(_PLACES),
       st.lists(st.tuples(st.sampled_from(("", "-", "2 * ")), st.sampled_from(_TERMS)), min_size=1, max_size=4))
@example(("d * x", "y", "x"), [("", "({V})**2 * heaviside({P})"), ("-", "{o} * sign({P})"), ("", "{o}")])
@example(("x + 3", "y", "x"), [("", "relu({P})"), ("", "({V}) * heaviside({P})"), ("-", "relu({V} - 3) * {o}")])
@example(("c", "d", "c"), [("", "heaviside({P}) + heaviside(-({P}))"), ("", "{o} * sign({P})")])
def test_sides_meet_gives_its_answer_without_simplifying_where_the_sides_are_shown_apart(place, terms):
    drawn = place_and_sum(place, terms)
    if drawn is None:
        return
    (at, node), at_text = drawn, place[0]
    kink = Kink(at, KinkKind.CORNER, -1, 1, step=Fn.SIGN)
    asked = []

    def recorded(*args):
        asked.append(differs_across(*args))
        return asked[-1]

    with mock.patch.object(kink_continuity, "differs_across", recorded):
        fast = sides_meet(kink, node, simplify)
    with mock.patch.object(kink_continuity, "differs_across", lambda *args: False):
        slow = sides_meet(kink, node, simplify)
    native_answered(any(asked))
    assert fast == slow and not (any(asked) and slow), (at_text, E.to_text(node))


def test_the_sides_are_shown_apart_only_at_points_of_the_place():
    scope = E.Scope(variables={**SCOPE.variables, "side": E.var("side", SCOPE.variables["x"].shape)}, sizes=SCOPE.sizes)

    def parse(text):
        return E.parse(text, scope)

    assert differs_across(parse("d * (2 * side - 1) + 1 + c * x"), parse("d * x"), "side")   # at x = 0: d (2 side - 1) + 1
    assert differs_across(parse("relu(x + 3) + x * side - relu(x - 3)"), parse("x + 3"), "side")   # -3 side at x = -3
    for text, at in (("x * (2 * side - 1)", "x"), ("(x + 3) * side", "x + 3"), ("d * x * side", "d * x"),
                     ("side - side + 1", "x"), ("side / x", "x"), ("log(side)", "x"), ("y", "x"),
                     ("sign(x) * side", "x"), ("side * (x - y)", "x - y"),
                     ("cos(A @ x) * side", "A @ x")):    # at's value there is not read (a product of arrays)
        assert not differs_across(parse(text), parse(at), "side"), text
