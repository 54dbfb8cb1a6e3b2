"""Proof by numbers for the simplifier's rewrites: both sides evaluated at random points agree."""

import functools
from collections import Counter

import numpy as np
from hypothesis import assume, event
from hypothesis import strategies as st

from language_support import SCOPE, N
from mcdocgen import language as E
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.engine import scalars
from mcdocgen.engine.monomial import NotMonomial
from mcdocgen.engine.simplify import simplify
from mcdocgen.errors import ExprError
from mcdocgen.language import shapes

M = shapes.size_symbol("m")
SIZES = {N: 3, M: 2}


def parse(text):
    return E.parse(text, SCOPE)


def place_and_sum(place, terms):
    """A drawn place of a kink, (its argument's text, another variable o, a term V in the argument's own variables),
    and the sum of drawn (sign, term) pairs over it, {P} {o} {V} filled in: the place simplified and the sum, parsed;
    None where the parser refuses the text or the two differ in shape (the drawn test has no case)."""
    at_text, other, own = place
    text = " + ".join(f"{s}({t.format(P=at_text, o=other, V=own)})" for s, t in terms)
    try:
        at, node = simplify(parse(at_text)), parse(text)
    except E.ExprError:
        return None
    return (at, node) if node.shape == at.shape else None


def assert_same_value(a, b, points=3, scope=SCOPE, sizes=SIZES):
    """``a`` and ``b`` have one shape and one value at several random points (entries in 0.2..2, so
    that log and sqrt are defined) for the variables of ``scope``, its sizes at ``sizes``."""
    assert a.shape == b.shape, (E.to_text(a), E.to_text(b))
    rng = np.random.default_rng(20261203)
    for _ in range(points):
        env = {}
        for name, var in scope.variables.items():
            rows = sizes.get(var.shape.rows, 1) if not var.shape.rows.is_number else int(var.shape.rows)
            cols = sizes.get(var.shape.cols, 1) if not var.shape.cols.is_number else int(var.shape.cols)
            value = rng.uniform(0.2, 2.0, size=(rows, cols))
            env[name] = (value + value.T) / 2 if var.symmetric else value
        np.testing.assert_allclose(evaluate(b, env, sizes), evaluate(a, env, sizes), rtol=1e-9, atol=1e-12,
                                   err_msg=f"{E.to_text(a)} != {E.to_text(b)}")


def assert_simplifies(text, printed, rule, scope=SCOPE, sizes=SIZES):
    """``text`` simplifies to ``printed`` by way of ``rule`` (recorded in the budget, and naming an
    identity), value kept."""
    from mcdocgen.engine.simplify import IDENTITY, SYMPY_BUDGET, Budget, simplify
    node = E.parse(text, scope)
    budget = Budget(SYMPY_BUDGET)
    out = simplify(node, budget)
    assert E.to_text(out) == printed
    assert rule in budget.rewrites
    assert IDENTITY[rule]
    assert_same_value(node, out, scope=scope, sizes=sizes)


def scalar_expressions(atoms, exponents, max_leaves):
    """Random scalar expressions as text: ``atoms`` combined by *, /, +, -, negation and whole
    powers from ``exponents``, at most ``max_leaves`` leaves (the simplifier's property tests)."""
    def grow(inner):
        return st.one_of(
            st.tuples(inner, inner).map("({0[0]}) * ({0[1]})".format),
            st.tuples(inner, inner).map("({0[0]}) / ({0[1]})".format),
            st.tuples(inner, inner).map("({0[0]}) + ({0[1]})".format),
            st.tuples(inner, inner).map("({0[0]}) - ({0[1]})".format),
            inner.map("-({})".format),
            st.tuples(inner, st.sampled_from(exponents)).map("({0[0]})**{0[1]}".format),
        )
    return st.recursive(st.sampled_from(atoms), grow, max_leaves=max_leaves)


def products_with(drawn, others):
    """A drawn node or two (``drawn``: a sign, a function of a sum; a native route's generator) times a few of
    ``others``, some below the line, maybe a power of a drawn one, as text."""
    nodes = st.lists(st.tuples(drawn, st.sampled_from(("1", "1", "2", "-1"))), min_size=1, max_size=2)
    factors = st.lists(st.sampled_from(others), max_size=3)
    return st.tuples(nodes, factors, factors).map(lambda t: "({}) / ({})".format(
        " * ".join([f"({s})**{k}" for s, k in t[0]] + t[1]), " * ".join(t[2]) or "1"))


def sums_with(term, behind):
    """Sums of two or three terms as text, each ``term`` (a drawn node or another factor) with a number or a minus in
    front and one of ``behind`` after it (a factor, a divisor, a drawn node: the generator in a monomial times a sum)."""
    terms = st.tuples(st.sampled_from(("", "-", "2 * ", "-3 * ")), term, st.sampled_from(behind))
    return st.lists(terms, min_size=2, max_size=3).map(lambda ts: " + ".join(f"{s}({a}){r}" for s, a, r in ts))


def assert_native_gives_sympys_answer(text, forms_of):
    """The scalar simplifier's native candidate forms of ``text`` (``forms_of``) give the answer SymPy's
    route gives; a text that does not parse is skipped, one the native route hands to SymPy counted."""
    try:
        node = parse(text)
    except ExprError:   # a division by zero, or shapes that do not meet
        assume(False)
    try:
        forms = forms_of(node)
    except NotMonomial:
        event("SymPy's route")
        native_answered(False)
        return
    event(f"{len(forms)} native forms")
    native_answered(True)
    native = scalars._best_of(node, ((0, form) for form in forms))
    expected = scalars.by_sympy(node)
    assert native == expected, (text, E.to_text(native), E.to_text(expected))


def assert_kept_is_sympys_answer(text, kept):
    """Where ``kept(node, weight)`` says SymPy's route gives ``text`` back unchanged, it does; a text that does not
    parse is skipped, one ``kept`` leaves to SymPy counted."""
    try:
        node = parse(text)
    except ExprError:
        assume(False)
    if not kept(node, scalars._weight):
        event("SymPy's route")
        native_answered(False)
        return
    event("kept")
    native_answered(True)
    assert scalars.by_sympy(node) is node, text


# examples of the running native_share test: True those the native route answered, False those it declined
_TALLY: Counter[bool] = Counter()


def native_answered(native):
    """Counts one example of a native_share test: answered by the native route (its assertion made), or not."""
    _TALLY[native] += 1


def native_share(minimum):
    """A hypothesis test (this decorator above @given) fails where the native route answered fewer than ``minimum``
    of its examples, counted over the whole run by native_answered: a route that came to decline every example
    would otherwise pass having tested nothing."""
    def decorate(test):
        @functools.wraps(test)
        def run(*args, **kwargs):
            _TALLY.clear()
            test(*args, **kwargs)
            answered, asked = _TALLY[True], _TALLY[True] + _TALLY[False]
            assert asked and answered >= minimum * asked, \
                f"the native route answered {answered} of {asked} examples, under {minimum:.0%}"
        return run
    return decorate
