"""Nodes kept with their power of a sum to a symbolic exponent as an atom (kept_powers.py): where kept_with_powers says
the node is kept, SymPy's route keeps it too; the Student-t kernel's derivative by its degrees of freedom among them."""

from hypothesis import given, seed, settings, strategies as st

from rewrite_support import assert_kept_is_sympys_answer, native_share, parse
from mcdocgen.engine import scalars
from mcdocgen.engine.kept_powers import kept_with_powers

# bases: sums with a content, a common factor, a denominator, a minus or a positive polynomial (factor's steps)
_BASES = ("dot(x, y)", "tr(A)", "c", "dot(x, y) / c + 1", "1 + dot(x, y) / (2 * c)", "dot(x, y) / 2 + 1", "c + d", "1 - c", "c**2 + 1",
          "tr(A) + tr(B)", "2 * c + 2", "-c - d", "c * d + 1", "1 + exp(-c)", "d**c + 1", "c / (1 + d) + 1",
          "norm(x)**2 / c + 1", "c**2 + d**2", "sum(x) - c * d", "1 + 1 / c", "sqrt(c) + 1", "c - 1",
          "c / d + 1", "1 - dot(x, y) / c", "tr(A) / c**2 + 1", "d - dot(x, y) / c", "norm(x)**2 / d + 1")
_EXPONENTS = ("c", "-c", "d", "-d", "0.5 * -(c + 1)", "-1 + -0.5 * (c + 1)", "-0.5 * (c + 3)", "-(c + 1) / 2",
              "-1 / c", "1 / c", "1 / c - 1", "c + 1", "-(c + 3)", "-c - 3", "2 * d", "-2 * d", "d / 2", "c * d",
              "-(c * d)", "tr(A)", "c - d", "d - 1", "1 - d")
_OTHERS = ("c", "d", "c**2", "dot(x, y)", "(c + 1)", "(1 - c)", "log(c)", "log(dot(x, y) / c + 1)", "tr(A)", "2",
           "0.5", "-1", "(c + d)", "norm(x)**2 / c**2", "c**(-2)", "exp(c)", "(dot(x, y) / c + 1)", "d**c", "sqrt(d)")


def _nodes():
    """A power of a drawn base to a drawn exponent, times a few other factors, some below the line, maybe a term of a
    sum of such products or beside one more term."""
    power = st.tuples(st.sampled_from(_BASES), st.sampled_from(_EXPONENTS)).map(lambda t: f"({t[0]})**({t[1]})")
    factors = st.lists(st.sampled_from(_OTHERS), max_size=3)
    product = st.tuples(st.sampled_from(("", "-", "0.5 * ", "-0.5 * ", "2 * ")), power, factors, factors).map(
        lambda t: "{}({})".format(t[0], " * ".join([t[1], *t[2]])) + (" / ({})".format(" * ".join(t[3])) if t[3] else ""))
    other = st.tuples(st.sampled_from(("", "-", "2 * ")), factors.filter(bool)).map(lambda t: t[0] + " * ".join(t[1]))
    return st.one_of(product, product, product, st.tuples(product, other).map(" + ".join),
                     st.tuples(other, product).map(" - ".join))


@native_share(0.025)
@seed(20261207)
@settings(max_examples=200, deadline=None)
@given(_nodes())
def test_a_node_kept_with_its_power_of_a_sum_as_an_atom_is_kept_by_sympys_route(text):
    assert_kept_is_sympys_answer(text, lambda node, _weight: kept_with_powers(node, scalars.simplify_scalar))


def test_the_student_t_derivative_is_kept_without_its_power():
    # the kernel (1 + |x - y|^2 / v)^(-(v + 1) / 2) by v: its derivative's products, the power one atom
    for text in ("-0.5 * ((dot(x, y) / c + 1)**(-0.5 * (c + 3)) * (c + 1))",
                 "-0.5 * (dot(x, y) / c**2 * ((dot(x, y) / c + 1)**(-0.5 * (c + 3)) * (c + 1)))"):
        node = parse(text)
        assert kept_with_powers(node, scalars.simplify_scalar), text
        assert scalars.by_sympy(node) is node, text


def test_an_atom_to_a_symbolic_power_beside_a_sum_is_kept_without_sympy():
    # the Renyi entropy's gradient by softmax(z): (a + 1) p^a / a, p an atom; the native monomial route declines the sum
    for text in ("(c + 1) * dot(x, y)**c / c", "-((c + 1) * (dot(x, y)**c / (c * tr(A))))"):
        node = parse(text)
        assert kept_with_powers(node, scalars.simplify_scalar), text
        assert scalars.by_sympy(node) is node, text


def test_a_power_sympy_writes_shorter_is_not_kept():
    # d S^(-1/c) is d / S^(1/c) to SymPy, 1 / S^c is S^(-c), written shorter alone or as a term; in a sum the order of
    # the terms (a minus first costs more) is SymPy's; the lone power, and one beside its base, are SymPy's route's
    for text in ("d * (dot(x, y) / c + 1)**(-1 / c)", "(dot(x, y) / c + 1)**(-1 / c)", "1 / (c + 1)**c",
                 "1 / (c + 1)**c + c", "-d * 2 * c**(-2) - (dot(x, y) / c + 1)**c",
                 "(dot(x, y) / c + 1)**c * (dot(x, y) / c + 1)", "(d * (c + 1)**c)**2", "dot(x, y)**c * dot(x, y)"):
        assert not kept_with_powers(parse(text), scalars.simplify_scalar), text
