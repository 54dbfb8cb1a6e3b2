"""Products of powers of atoms written as SymPy's route writes them, without SymPy: the same node on
random products, and SymPy's route for everything that is not such a product."""

import pytest
import sympy
from hypothesis import assume, event, example, given, settings, strategies as st

from rewrite_support import assert_native_gives_sympys_answer, native_share, parse, scalar_expressions
from mcdocgen import language as E
from mcdocgen.engine import plain, scalars
from mcdocgen.engine.monomial import NotMonomial, written_form
from mcdocgen.engine.native import native_forms
from mcdocgen.errors import ExprError
from mcdocgen.language import shapes

# many atoms (past _atom9, so that names compare as text: _atom10 before _atom2), upper and lower case
# variables, inert functions of atoms and of variables, roots
_FACTORS = ("c", "d", "x", "y", "A @ x", "tr(A)", "tr(B)", "det(A)", "det(B)", "dot(x, y)", "x.T @ A @ x", "tr(A @ B)",
            "tr(B @ A)", "sum(x)", "sum(y)", "norm(x)", "norm(y)", "tr(S)", "log(c)", "tanh(d)", "sigmoid(tr(A))",
            "cos(c)", "tan(x)", "arctan(d)", "cosh(c)", "relu(tr(B))", "softplus(c)", "log(tr(A))", "sqrt(c)",
            "sqrt(tr(A))", "sqrt(log(d))", "exp(c)", "exp(-tr(A))", "exp(1/2 * d)", "exp(-1/2 * tr(B))", "exp(2 * x)",
            "2", "3", "1/2", "-1", "-2/3", "1")
_EXPONENTS = ("2", "3", "-1", "-2", "1/2", "-1/2", "3/2", "-3/2", "5/2", "0")


def _products():
    def grow(inner):
        return st.one_of(
            st.tuples(inner, inner).map("({0[0]}) * ({0[1]})".format),
            st.tuples(inner, inner).map("({0[0]}) / ({0[1]})".format),
            inner.map("-({})".format),
            st.tuples(inner, st.sampled_from(_EXPONENTS)).map("({0[0]})**({0[1]})".format),
        )
    return st.recursive(st.sampled_from(_FACTORS), grow, max_leaves=10)


def _sympys(node):
    """What SymPy's route gives ``node``: its one candidate (a plain product is its own best form), weighed; with
    odd multiples of a half among its exponents, the best of SymPy's candidate forms (cancel, factor, radsimp)."""
    atoms = scalars._Atoms()
    e = scalars.to_sympy(node, atoms)
    if not plain.is_plain(e):
        assert any(p.exp.is_Rational and p.exp.q == 2 for p in e.atoms(sympy.Pow)), E.to_text(node)
        return scalars.by_sympy(node)
    return scalars._best(node, [(e, 0)], atoms)


@given(_products())
def test_a_product_is_written_as_sympys_route_writes_it(text):
    try:
        node = parse(text)
    except ExprError:   # a division by zero, or shapes that do not meet
        assume(False)
    try:
        native = written_form(node)
    except NotMonomial:
        event("not a monomial")
        return
    except ExprError:
        native = node
    event("a monomial")
    expected = _sympys(node)
    got = native if native.shape == node.shape and scalars._weight(native) < scalars._weight(node) else node
    assert got == expected, (text, E.to_text(got), E.to_text(expected))


@pytest.mark.parametrize(("text", "printed"), [
    ("1 / tr(A) * (A @ x)", "A @ x / tr(A)"),
    ("3 * c**2 * (x / c)", "3 * (c * x)"),
    ("-(1 / c**2) * d", "-(d / c**2)"),
    ("1 / (2 * sqrt(c))", "0.5 * (1 / sqrt(c))"),
    ("tanh(d) * c * log(c) / d**2", "c * log(c) * tanh(d) / d**2"),
    ("sqrt(c) * sqrt(c)", "c"),
    ("-1/2 * exp(1/2 * -tr(A))", "-0.5 * (1 / exp(0.5 * tr(A)))"),
    ("exp(-tr(A))", "exp(-tr(A))"),
    ("2 * exp(-tr(A)) * d", "2 * (d / exp(tr(A)))"),
    ("sqrt(c) * c", "c**1.5"),
    ("d / sqrt(c)**3", "d / c**1.5"),
    ("sqrt(tr(A))**5 * 2", "2 * tr(A)**2.5"),
    ("log(c + d) * c", "c * log(c + d)"),                          # a function of a sum: fn_sums.py
    ("tanh(d - c) * c", "-(c * tanh(c - d))"),                     # turned round, as tanh's eval does
    ("relu(1 - c) / tanh(d - c)**2", "relu(1 - c) / tanh(c - d)**2"),
])
def test_products_written_as_sympy_writes_them(text, printed):
    assert E.to_text(written_form(parse(text))) == printed


@pytest.mark.parametrize("text", ["c + d", "exp(c) * c", "exp(c) * exp(d)", "exp(c)**2", "sqrt(exp(c))**3", "log(2 * c + 2 * d) * c", "sqrt(2 * c)",
                                  "c**(1/3)", "(c**2)**(1/2)", "abs(c) * d", "sin(c) / d", "0 * c", "n * c"])
def test_what_is_not_a_monomial_takes_sympys_route(text):
    with pytest.raises(NotMonomial):
        written_form(parse(text))


def test_atoms_are_numbered_apart_from_the_variables():
    # as to_sympy numbers them: tr(A @ S) is _atom8 after two variables, not _atom10 (which sorts before _atom2)
    node = parse("c * d * tr(A) * tr(B) * tr(S) * det(S) * norm(x) * norm(y) * dot(x, y) * tr(A @ B) * tr(A @ S) * c / c")
    assert written_form(node) == _sympys(node)
    assert E.to_text(written_form(node)).startswith("tr(A) * tr(B)")


# atoms to symbolic exponents (the power rule of a variable exponent: u**p, u**(p - 1), u**(1 - p)) beside the atoms
# themselves, other powers of the same base, their exponents' atoms, exps and functions of them, to whole powers
_SYMBOLIC = ("c**d", "tr(A)**(d - 1)", "dot(x, y)**(1 - c)", "sum(x)**(-1 - d)", "x**(c + 1/2)", "tr(A)**c", "det(B)**d",
             "d**(c - 1)", "x**c", "tr(B)**tr(A)", "sum(x)**(1 / d)", "tr(A)**(1 / c - 1)", "x**(1 / d + 2)", "c**(2 * d)",
             "det(A)**(1 / tr(B))", "d**(c * tr(A))", "tr(A)**((1 - d) / d)", "dot(x, y)**(1 / c - 2)", "c**((1 - d) / (2 * d))")
_BESIDE = ("c", "d", "tr(A)", "x", "log(tr(A))", "exp(c)", "tanh(d)", "sign(x)", "exp(x**c)", "log(c**d)", "sigmoid(tr(A)**c)",
           "tr(A)**(c - 1) - d", "2", "-1", "1/2", "3")


@native_share(0.15)
@given(scalar_expressions(_SYMBOLIC + _BESIDE, (-1, 2, -2), max_leaves=6))
@settings(max_examples=300)
@example("1 * (d * tr(A)**(d + -1))")                       # the power rule's form, SymPy's order
@example("tr(A)**(d - 1) * tr(A)")                          # Mul merges u u**(p - 1)
@example("tr(A)**c * tr(A)**(d - 1)")                       # and two powers of one base
@example("c**d * x**d")                                     # powsimp may join one exponent
@example("exp(d) * c**d")                                   # powsimp joins exp(p) u**p
@example("(c**d) * (c**d + x)")                             # in the monomial and its sum: multiplied out, merged
@example("tr(A)**((1 - d) / d) / d")                         # the power rule of u**(1/p): cancel writes u**(1/p - 1)
@example("(tr(A)**((1 - d) / d)) + ((c**(1 / d - 1)) / (c**(1 / d - 1)))")   # in a sum: factor_terms takes it below
@example("c**d + x**((1 - c) / c)")
def test_symbolic_powers_of_atoms_get_sympys_answer_without_sympy(text):
    assert_native_gives_sympys_answer(text, native_forms)


def _quotients_with_symbolic_powers():
    """Sums of quotients m / b (the power rule's terms over a denominator) and a monomial times such a sum, the tops
    holding symbolic powers, their bases and exponents' atoms, the bottoms powers of atoms."""
    top = st.lists(st.sampled_from(("c**d", "tr(A)**(d - 1)", "x**(c + 1/2)", "dot(x, y)**c", "sum(x)**(1 / d)",
                                    "det(B)**(1 / c + 1)", "tr(B)**(1 / tr(A) - 1)", "d", "c", "log(tr(A))",
                                    "tr(A)", "sum(x)", "tanh(c)", "tr(A)**((1 + d) / d)", "x**((1 - c) / c)")), min_size=1, max_size=3)
    bottom = st.lists(st.tuples(st.sampled_from(("tr(B)", "d", "det(A)", "tr(A)", "c")), st.integers(1, 2)), max_size=2)
    term = st.tuples(st.sampled_from(("", "-", "2 * ", "-1/2 * ")), top, bottom).map(lambda t: "{}(({}) / ({}))".format(
        t[0], " * ".join(t[1]), " * ".join(f"{g}**{k}" for g, k in t[2]) or "1"))
    summed = st.lists(term, min_size=2, max_size=3).map(" + ".join)
    return st.one_of(summed, st.tuples(term, summed).map("({0[0]}) * ({0[1]})".format))


@native_share(0.1)
@given(_quotients_with_symbolic_powers())
@settings(max_examples=200)
def test_sums_of_quotients_with_symbolic_powers_get_sympys_answer_without_sympy(text):
    assert_native_gives_sympys_answer(text, native_forms)


@pytest.mark.parametrize("text", ["tr(A)**(d - 1) * tr(A)", "tr(A)**c * tr(A)**(d - 1)", "c**d * x**d", "exp(d) * c**d",
                                  "(c**d)**2", "1 / c**d", "c**(-d)", "c**d * (c**d + x)", "exp(x**c) * d", "sign(c**d) * x",
                                  "c**(2 * d) * x", "c**(1 - d) * x", "c**(-1 - d) + x",
                                  "c**(1 / d - 1) + x", "c**(d * tr(A)) * x", "c**(-1 / d) * x", "c**(1 / d - 1) * (x + d)",
                                  "tr(A)**((1 - d) / d) + 1"])
def test_symbolic_powers_sympy_would_merge_or_move_take_sympys_route(text):
    with pytest.raises(NotMonomial):
        native_forms(parse(text))


@pytest.mark.parametrize(("text", "printed"), [
    ("tr(A)**((1 - d) / d) / d", "tr(A)**((1 - d) / d) / d"),         # kept: cancel's u**(1/p - 1) is as long
    ("1 / d * tr(A)**((1 - d) / d)", "tr(A)**(1 / d + -1) / d"),       # the exponent multiplied out, as cancel does
    ("c * tr(A)**((2 - d) / (2 * d)) * x", "tr(A)**(1 / d + -0.5) * c * x"),
])
def test_the_power_rule_of_a_root_with_a_symbolic_index_is_native_in_a_lone_monomial(text, printed):
    node = parse(text)
    native = scalars._best_of(node, ((0, f) for f in native_forms(node)))
    assert E.to_text(native) == printed
    assert native == scalars.by_sympy(node)


def test_a_symbolic_power_is_its_base_to_its_exponent_in_sympys_order():
    node = parse("1 * (d * tr(A)**(d - 1))")
    assert E.to_text(scalars._best_of(node, ((0, f) for f in native_forms(node)))) == "tr(A)**(d + -1) * d"
    assert scalars.by_sympy(node) == scalars._best_of(node, ((0, f) for f in native_forms(node)))


# sizes (a mean's 1 / n) as generators of native_forms' monomials: to SymPy positive integer symbols of their names
_SIZED = ("n", "m", "1 / n", "sqrt(n)", "n * m", "2 * n", "mean(x) * c", "c", "d", "tr(A)", "x", "log(c)", "exp(c)",
          "tanh(d)", "sqrt(c)", "2", "-1", "1/2", "c**d", "tr(A)**(1 / d - 1)", "exp(n * c)", "log(n)")


@native_share(0.3)
@given(scalar_expressions(_SIZED, (-1, 2, -2, 3), max_leaves=6))
@settings(max_examples=300)
def test_sizes_are_generators_of_native_monomials(text):
    assert_native_gives_sympys_answer(text, native_forms)


def test_a_size_the_engine_writes_as_one_number_is_its_powers_of_sizes():
    # the derivative of a mean holds 1 / n as one number node, not a quotient
    n = shapes.size_symbol("n")
    node = E.mul(E.num(1 / n), parse("tr(A)**((1 - c) / c) / c"))
    native = scalars._best_of(node, ((0, f) for f in native_forms(node)))
    assert E.to_text(native) == "tr(A)**(1 / c + -1) / (c * n)"
    assert native == scalars.by_sympy(node)
    with pytest.raises(NotMonomial):   # a size to a fraction: SymPy's route
        native_forms(E.mul(E.num(sympy.sqrt(n)), parse("c")))
