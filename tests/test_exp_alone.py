"""A monomial times an exp of a rational argument with a sum in it (exp_alone.py): on random such products the two
candidates made from the argument alone give the answer of SymPy's whole candidate set (scalars._candidates), and
products it does not model are declined (None) for SymPy's route."""

import pytest
from hypothesis import event, example, given, settings, strategies as st

from rewrite_support import native_answered, native_share, parse
from mcdocgen import language as E
from mcdocgen.engine import scalars
from mcdocgen.engine.exp_alone import exp_forms
from mcdocgen.errors import ExprError

_ATOMS = ("c", "d", "x", "y", "tr(A)", "dot(x, y)", "norm(x)", "sum(y)")
_NUMBERS = ("1", "2", "1/2", "-3")
_RARE = ("exp(c)", "log(d)", "sqrt(c)", "abs(d)", "c**(1/2)", "n")   # declined inside the argument


def _sympy(text):
    atoms = scalars._Atoms()
    return scalars.to_sympy(parse(text), atoms), atoms


def _arguments():
    """Rational expressions of a few atoms (a sum somewhere in most): rates times sums, sums over scales, squared
    differences, quotients of sums, signs and numbers; now and then a function, a root or a size."""
    leaf = st.sampled_from(_ATOMS * 8 + _NUMBERS + _RARE)

    def grow(inner):
        return st.one_of(
            st.tuples(inner, inner).map(lambda t: f"({t[0]} + {t[1]})"),
            st.tuples(inner, inner).map(lambda t: f"({t[0]} - {t[1]})"),
            st.tuples(inner, inner, inner).map(lambda t: f"({t[0]} * ({t[1]} - {t[2]}))"),
            st.tuples(inner, inner, inner).map(lambda t: f"(({t[0]} + {t[1]}) / {t[2]})"),
            st.tuples(inner, inner).map(lambda t: f"({t[0]} * {t[1]})"),
            st.tuples(inner, inner).map(lambda t: f"({t[0]} / {t[1]})"),
            st.tuples(inner, st.sampled_from(("2", "3", "-1", "-2"))).map(lambda t: f"({t[0]})**{t[1]}"),
            inner.map(lambda a: f"-({a})"))
    return st.recursive(leaf, grow, max_leaves=6)


def _nodes():
    """The exp alone, or times a few numbers, atoms and their powers (some below the line) and a sum, now and then a
    second exp, two sums, a sum squared or with a number term or content (declined)."""
    front = st.sampled_from(("", "", "", "-", "2 * ", "-1/2 * ", "3/2 * ", "c * ", "-sum(y) * ", "d**2 * ", "x * ",
                             "dot(x, y) * c * ", "exp(d) * ", "(c + d) * ", "(c - d) * ", "(x - dot(x, y)) * ",
                             "c * (d - x) * ", "(c - 2 * x * d) * ", "(c + 1) * ", "(1 - c) * ", "(2 * c - 2 * d) * ",
                             "(c - d)**2 * ", "(c - d) * (x + y) * "))
    back = st.sampled_from(("", "", "", " / c", " / c**2", " / (2 * d)", " * tr(A) / c", " / exp(c)", " / (c + 1)"))
    return st.tuples(front, _arguments(), back).map(lambda t: f"{t[0]}exp({t[1]}){t[2]}")


@native_share(0.15)
@settings(max_examples=500)
@given(_nodes())
@example("exp(c * (x - y))")                        # LINEX's exp(a r) by its rate
@example("exp(-((x - y)**2 / c))")                  # a kernel's, a squared difference over a scale
@example("exp((2 * dot(x, y) - norm(x)**2 - sum(y)) / (2 * c**2))")   # a Gaussian kernel's by its bandwidth
@example("2 * exp(2 * dot(x, y) - c - d)")
@example("-exp(-(c * (d - x)))")                    # factor_terms turns the sum round
@example("exp(c * d - c * x)")                      # factor_terms takes c out
@example("exp(-(c * d + c * x) / 2)")
@example("exp((x - c) / (x + c))")                  # a quotient of sums
@example("exp((c - 1)**2 / d)")                     # a number term (E) in the expansion: declined
@example("sum(y) * exp(-((x - d)**2 / c))")         # a kernel's gradient
@example("x * exp(c * (x - d)) / c**2")
@example("(x - d) * exp(-((x - d)**2 / 2))")        # a Gaussian's gradient
@example("(c + 1) * exp((c + norm(x)) / 2) / c")    # a number term in the sum: factor's split form wins, declined
@example("-2 * (dot(x, y) - c) * exp(d * (c - x[0]))")   # a sum beside a negative number: the route takes the minus in
def test_an_exp_of_a_rational_argument_gets_sympys_answer(text):
    try:
        node = parse(text)
    except ExprError:   # shapes that do not meet
        return
    atoms = scalars._Atoms()
    e = scalars.to_sympy(node, atoms)
    forms = exp_forms(e)
    native_answered(forms is not None)
    if forms is None:
        event("SymPy's route")
        return
    native, expected = scalars._best(node, forms, atoms), scalars._best(node, scalars._forms(e), atoms)
    assert native == expected, (text, E.to_text(native), E.to_text(expected))


@pytest.mark.parametrize("text", ["exp(1 + c)", "exp(c * d)", "exp(c + log(d))", "exp(sqrt(c) * (c + d))",
                                  "exp(n * (c + d))", "exp(c + d) + x", "exp(c) + d", "exp(exp(c) * (c + d))",
                                  "exp(c + d) / exp(x)", "(c + 1) * exp(c + d)", "exp(-c / (c + d))",
                                  "(2 * c - 2 * d) * exp(c + d)", "(c - d)**2 * exp(c + d)", "(c - d) * (x + y) * exp(c + d)",
                                  "-2 * (x - c) * exp(d * (c - x))"])
def test_arguments_it_does_not_model_take_sympys_route(text):
    assert exp_forms(_sympy(text)[0]) is None
