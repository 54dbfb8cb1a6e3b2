"""Candidate forms SymPy's route skips where they cannot be the best (the sigmoid form where exp stands only as a
factor, or in each term of a sum alike, or as a function's whole argument, tanh(exp(c)), or in one term of the one
sum on its side of the line; roots taken out of a denominator that holds them only as factors or in each term of a
sum alike, with none above the line; the factored form of what holds no sum; powsimp where it gives the cancelled form
back, a number in a function's argument such as Heaviside's 1/2 not counted): on random expressions
the route with the skips gives what the route making every form gives, and the skips do fire (native_share: examples
where a form was skipped, so that the test cannot pass having skipped nothing)."""

import pytest
import sympy
from hypothesis import assume, event, example, given, settings, strategies as st
from sympy.core.cache import clear_cache

from rewrite_support import native_answered, native_share, parse, scalar_expressions
from mcdocgen.engine import cancelled, scalars
from mcdocgen.errors import ExprError

_ATOMS = ("exp(c)", "exp(-c)", "exp(2 * c)", "sigmoid(c)", "c", "d", "tr(A)", "dot(x, y)", "tanh(d)", "log(d)",
          "sqrt(c)", "sqrt(d)", "sqrt(c**2 + 1)", "sqrt(d) + 1", "exp(c) + 1", "norm(x)", "1", "2", "-1", "1/2",
          "tanh(exp(c))", "sigmoid(exp(-c))")
# factors of products where the skips may fire: exps, roots, sums without either, and a few with them
_FACTORS = ("exp(c)", "exp(-c)", "exp(2 * c)", "sqrt(c)", "sqrt(d)", "(c**2 + 1)**0.5", "(d + c)**-0.5", "c + d",
            "(d**2 / c + 1)**1.5", "d * sqrt(c) + sqrt(c)",
            "tr(A) - 1", "d**2 + c", "dot(x, y) + c * d", "c", "d", "tr(A)", "1/2", "2", "1 + exp(-c)", "sqrt(d) + c",
            "log(d)", "sigmoid(c)", "heaviside(c)", "heaviside(2 * d - 1) + c", "abs(c / 2 - d)", "tanh(exp(c))",
            "1 - tanh(exp(-c))**2", "softplus(exp(c))", "exp(-c**2 / 2)", "exp(c / 2 - d)", "exp(-(c - d)**2 / 2)",
            "exp(3 * c / 2)", "tr(A) + d * exp(c)", "1 / (dot(x, y) + exp(c))")


def _products():
    def grow(inner):
        return st.one_of(
            st.tuples(inner, inner).map("({0[0]}) * ({0[1]})".format),
            st.tuples(inner, inner).map("({0[0]}) / ({0[1]})".format),
            st.tuples(inner, inner).map("({0[0]}) + ({0[1]})".format),
            st.tuples(inner, st.sampled_from(("2", "-1", "0.5"))).map("({0[0]})**{0[1]}".format))
    return st.recursive(st.sampled_from(_FACTORS), grow, max_leaves=6)


def _root_below(e):
    # the route before the skip: roots taken out wherever one stands below the line
    return any(p.exp.is_Rational and p.exp.q == 2 for p in sympy.fraction(e)[1].atoms(sympy.Pow))


def _answers(node):
    """by_sympy's answer with the skips, whether one fired, and its answer with every form made (the memos, which
    hold forms, cleared between)."""
    skipped = []

    def counted(name, test, makes):
        def run(e):
            found = test(e)
            if not found and makes(e):   # a form the full route makes, not made
                skipped.append(name)
            return found
        return run

    clear_cache()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(scalars, "sigmoids_may_cancel", counted("sigmoid", scalars.sigmoids_may_cancel, lambda e: True))
        m.setattr(cancelled, "roots_may_cancel", counted("radicals", cancelled.roots_may_cancel, _root_below))
        m.setattr(cancelled, "may_factor", counted("factor", cancelled.may_factor, lambda e: True))
        idle = cancelled.powsimp_idle
        m.setattr(cancelled, "powsimp_idle", lambda e: not counted("powsimp", lambda f: not idle(f), lambda f: True)(e))
        skipping = scalars.by_sympy(node)
    clear_cache()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(scalars, "sigmoids_may_cancel", lambda e: True)
        m.setattr(cancelled, "roots_may_cancel", _root_below)
        m.setattr(cancelled, "may_factor", lambda e: True)
        m.setattr(cancelled, "powsimp_idle", lambda e: False)
        full = scalars.by_sympy(node)
    clear_cache()
    return skipping, sorted(set(skipped)), full


@native_share(0.1)
@settings(max_examples=400, deadline=None, derandomize=True)
@given(st.one_of(_products(), _products(), _products(), scalar_expressions(_ATOMS, (-2, -1, 2, "0.5", "-0.5"), max_leaves=6)))
@example("exp(-c) / (1 + exp(-c))**2")
@example("c * exp(c) + d * exp(c) / (tr(A) + 1)")   # exp(c) in each term alike: no sigmoid form
@example("(d * exp(-c) - tr(A) / exp(c)) / (1 + d)")
@example("c * exp(c) + d")   # exp(c) in one term of the one sum: no sigmoid form (logistic.exp_in_lone_sum)
@example("tr(A) / (dot(x, y) + exp(c))")   # the gradient of log(sum(exp(X w)) + exp(c)): no sigmoid form
@example("c / (d + c * exp(c))")   # c divides c exp(c) only: no sigmoid form
@example("(c + 1) / (tr(A) + d * exp(c * d))")   # a sum on the other side: no sigmoid form
@example("c * exp(c) + c + d")   # B holds a multiple of m: the form is made
@example("c / ((d + 1) * (d + exp(c)))")   # two sums below, multiplied out: the form is made
@example("c * exp(c) * (1 - tanh(exp(c))**2)")   # exp(c) a factor, and the whole argument of tanh: no sigmoid form
@example("(1 + exp(-c)) * tanh(exp(c)) / (1 + exp(c))")   # 1 + exp(-c) and 1 + exp(c) cancel: the form is made
@example("(sqrt(c**2 + 1) + c) / (c**2 + c * sqrt(c**2 + 1) + 1)")
@example("d * exp(c) / (tr(A) + 1)")
@example("(tr(A) + d) / (c * sqrt(d))")
@example("(x - y) / (c * (norm(x - y)**2 / c + 1)**1.5)")   # a root in each term of a sum below alike
@example("c / (d * sqrt(c) + tr(A) * (sqrt(c) + 1))")
@example("(sqrt(c) + 1) / (sqrt(c) * (d + 1))")   # a root above and below: (sqrt(c) + c) / (c * (d + 1))
@example("(sqrt(d) + 1) / (sqrt(c) * (d + 1))")   # roots of two radicands: kept apart
@example("(sqrt(2) * c + 1) / (sqrt(3) * (d + 1))")   # roots of numbers merge
@example("(c * heaviside(d) + d) / tr(A)")
@example("(3 - c**2) * exp(-c**2 / 2)")   # a number in exp's argument only: powsimp gives it back
@example("c * exp(c / 2 + d / 2) / (d + 1)")   # factor_terms' (c + d) / 2 in exp's argument, as powsimp's
@example("exp(-c**2 / 2) * exp(d) * c")   # two exps: powsimp merges them   # Heaviside(d, 1/2): no number powsimp reads
def test_skipping_gives_the_full_routes_answer(text):
    try:
        node = parse(text)
    except ExprError:   # a division by zero, or shapes that do not meet
        assume(False)
    skipping, fired, full = _answers(node)
    for name in fired or ("none",):
        event(f"{name} skipped")
    native_answered(bool(fired))
    assert skipping == full and repr(skipping) == repr(full), (text, scalars.E.try_text(skipping), scalars.E.try_text(full))
