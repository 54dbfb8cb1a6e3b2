"""Sums taken as generators (native_sums.py): where a form with each sum as one generator is shorter than the
node and every factor that holds a sum stands alone on its side of the line, it is SymPy's route's answer; where
none is shorter, SymPy's route keeps the node (a g^2 + b beside 1 - g^2 too: prime to it)."""

import pytest
import sympy
from hypothesis import assume, event, given, strategies as st

from rewrite_support import native_answered, native_share, parse
from mcdocgen import language as E
from mcdocgen.engine import native_sums, scalars
from mcdocgen.engine.monomial import AtomNames, NotMonomial
from mcdocgen.engine.native import name_atoms
from mcdocgen.engine.native_sums import sums_alone
from mcdocgen.errors import ExprError

_ATOMS = ("c", "d", "x", "tr(A)", "dot(x, y)", "tanh(d)", "log(c)", "A @ x", "norm(x)", "2", "-1")
_SUMS = ("(tr(A)**2 + 1)", "(c + d)", "(dot(x, y) + 1)", "(c**2 + 3)", "(2 * norm(x)**2 + 1)", "(tanh(d) + c)",
         "(1 - tanh(d)**2)", "(c - d)", "sqrt(c**2 + 1)", "sigmoid(c + d)", "heaviside(c - d)", "log(tanh(d) - c)", "relu(c - 2 * d)", "tanh(c - d)", "(d**2 + 1)", "(c * d + 1)", "(tanh(d)**2 + 1)", "(1 - c**2)", "(c**2 - 1)", "(1 - d**2)",
         "sqrt(norm(x - y)**2 + 1)", "sqrt(norm(x)**2 + 1)", "(dot(x, A @ x) + c)", "(dot(x, A @ x) + 1)")


def _quotients():
    """A product over a product of atoms and numbers, a sum (to a power now and then) on either side or both."""
    summed = st.tuples(st.sampled_from(_SUMS), st.sampled_from(("", "", "**2", "**-1", "**-2"))).map("".join)
    side = st.tuples(st.lists(st.sampled_from(_ATOMS), max_size=2), st.lists(summed, max_size=1)).map(
        lambda t: " * ".join(f"({f})" for f in (*t[0], *t[1])) or "1")
    return st.tuples(st.sampled_from(("", "-", "2 * ")), side, side, st.booleans()).map(
        lambda t: f"{t[0]}(({t[1]}) / ({t[2]}))" if t[3] else f"{t[0]}(({t[2]}) ** -1 * ({t[1]}))")


def _sums_over_a_root():
    """A sum whose terms are monomials, some over the square root of a sum (the gradient of sqrt(|X w - y|^2 + c) +
    lam |w|^2, 2 lam w + X^T (X w - y) / sqrt(|X w - y|^2 + c)), the root's generators elsewhere now and then."""
    roots = st.sampled_from((" / sqrt(norm(y)**2 + c)", " / sqrt(c**2 + 1)", " / sqrt(dot(y, y) + d)", " / tr(B)",
                             " / sqrt(2 * c**2 + 3 * d)", " / (tr(B) * sqrt(c + d))", " / sqrt(c - d)", " / sqrt(c + 2 * d)",
                             " / sqrt(c**2 + d**2)", " / sqrt(norm(y)**2 + c)**3", ""))
    atoms = st.sampled_from(("x", "A @ x", "tr(B)", "det(A)", "tanh(tr(A))", "log(det(B))", "2", "c"))
    term = st.tuples(st.sampled_from(("", "-", "2 * ", "-3 * ", "1/2 * ", "4 * ")), st.lists(atoms, min_size=1, max_size=2),
                     roots).map(lambda t: f"{t[0]}({' * '.join(t[1])}){t[2]}")
    summed = st.lists(term, min_size=2, max_size=3).map(" + ".join)
    return st.tuples(st.sampled_from(("", "-", "2 * ", "tr(A) * ", "-2 * det(A) * ")), summed).map("{0[0]}({0[1]})".format)


def _functions_of_signed_sums():
    """A product or quotient of atoms, sums and inert functions of sums with minus signs (heaviside(|x - a| - r) (x - a)
    / |x - a|, relu's gradient), functions with a sign symmetry (tanh, cos, arccos) among them."""
    fns = st.sampled_from(("heaviside", "log", "relu", "sigmoid", "softplus", "tanh", "cos", "arccos"))
    args = st.sampled_from(("c - d", "d - c", "norm(x) - c", "c - 2 * d", "2 * c - 2 * d", "-c - d", "c - d - tr(A)",
                            "c + d - tr(A)", "tr(A) - 1", "c**2 - d"))
    factor = st.one_of(st.tuples(fns, args).map("{0[0]}({0[1]})".format),
                       st.sampled_from(("c", "d", "x", "norm(x)", "(x - y)", "(c - d)", "(c + 1)", "2", "(d**2 + 1)")))
    side = st.lists(factor, min_size=1, max_size=3).map(" * ".join)
    return st.tuples(st.sampled_from(("", "-", "3 * ")), side, st.one_of(st.just(""), side.map(" / ({})".format))).map(
        lambda t: f"{t[0]}({t[1]}){t[2]}")


def _products_with_a_root():
    """A product or quotient of atoms and the root of a sum (or its power) whose generators are factors too (the
    gradient of lam sum(sqrt(w * w + c)), w lam / sqrt(w^2 + c))."""
    roots = st.tuples(st.sampled_from(("c**2 + d", "c - d", "c**2 - d", "c + 2 * d", "c**2 + d**2", "tr(A) + c * d",
                                       "2 * c**2 + 3", "c**2 + c + 1", "d - c**2", "c * d - 1")),
                      st.sampled_from(("sqrt({})", "sqrt({})**3", "({})**(1/2)", "({})**(-3/2)"))).map(lambda t: t[1].format(t[0]))
    atoms = st.lists(st.sampled_from(("c", "d", "c**2", "x", "tr(A)", "2", "d**3")), max_size=3)
    side = st.tuples(atoms, st.lists(roots, max_size=1)).map(lambda t: " * ".join(f"({f})" for f in (*t[0], *t[1])) or "1")
    return st.tuples(st.sampled_from(("", "-", "3 * ")), side, side).map(lambda t: f"{t[0]}(({t[1]}) / ({t[2]}))")


def _nested_sums():
    """A product or quotient of atoms, a sum P and sums with P in their terms (the gradient of sum(sqrt(1 + (X w - y)^2)),
    (X w - y) / sqrt((X w - y)^2 + 1)), P's atoms elsewhere now and then."""
    inner = st.sampled_from(("(c - d)", "(x - y)", "(tr(A) + c)", "(c + d)", "(A @ x - y)", "(c**2 - d)", "(2 * c - 1)"))
    outer = st.tuples(inner, st.sampled_from(("({0}**2 + 1)", "({0}**2 + c)", "(2 * {0}**2 + 3)", "({0}**2 - 1)", "({0}**3 + 1)",
                                              "(c * {0} + 1)", "({0}**2 + {0} + 1)", "({0}**2 + 2 * {0} + 1)", "sqrt({0}**2 + 1)",
                                              "log({0}**2 + 1)", "tanh({0}**2 + d)"))).map(lambda t: t[1].format(t[0]))
    atoms = st.sampled_from(("c", "d", "x", "tr(A)", "2", "-1"))
    # P once, above the line: a sum cancelled against a copy or multiplied by one is turned round by SymPy at will
    # ((P P) / c = (y - A x)^2 / c, not native_sums' business here)
    above = st.tuples(st.lists(atoms, max_size=2), st.lists(st.one_of(outer, inner), max_size=1)).map(
        lambda t: " * ".join((*t[0], *t[1])) or "1")
    below = st.lists(st.one_of(st.tuples(outer, st.sampled_from(("", "**2", "**3"))).map("".join), atoms),
                     min_size=1, max_size=2).map(" * ".join)
    return st.tuples(st.sampled_from(("", "-", "3 * ")), above, below).map(lambda t: f"{t[0]}(({t[1]}) / ({t[2]}))")


def _turnable_sums():
    """Sums with minus signs that cancel against a copy, or are multiplied by one, over a monomial (c / ((tr(A) - c) c),
    (A x - y) (A x - y) / c): SymPy's cancel and factor turn such a sum round where its leading term in Poly's order of
    generators is minus, -(1 / (c - tr(A))), (y - A x)^2 / c."""
    sums = st.sampled_from(("(tr(A) - c)", "(c - tr(A))", "(A @ x - y)", "(y - A @ x)", "(d - c)", "(c - d)", "(c + d - tr(A))",
                            "(tr(A) - c - d)", "(2 * c - d)", "(d - 2 * c)", "(x - y)", "(c + d)"))
    atoms = st.lists(st.sampled_from(("c", "d", "tr(A)", "2", "x", "norm(x)")), max_size=2).map(lambda t: " * ".join(t) or "1")
    shapes = st.sampled_from(("({a}) * {s} / ({s} * {b})", "{s} / ({b} * {s} * {t})", "({a}) * {s} * {s} / ({b})",
                              "{t} * ({a}) / ({s} * {s} * {b})", "({a}) / ({s} * {b})", "{s} * {t} / ({b} * {s})"))
    return st.tuples(st.sampled_from(("", "-", "3 * ")), shapes, sums, sums, atoms, atoms).map(
        lambda t: t[0] + "(" + t[1].format(s=t[2], t=t[3], a=t[4], b=t[5]) + ")")


@native_share(0.1)
@given(st.one_of(_quotients(), _sums_over_a_root(), _functions_of_signed_sums(), _products_with_a_root(), _nested_sums(),
                 _turnable_sums()))
def test_a_kept_node_or_a_shorter_form_with_its_sums_alone_is_sympys_answer(text):
    _kept_or_alone_is_sympys_answer(text)


def _halves():
    """A fraction times a product or quotient of atoms, sums and roots of sums (or their powers): the gradient of
    sqrt(|x - a|), (x - a) / (2 |x - a|^(3/2)); c / (c^2 + d^2)^(3/2) / 2."""
    sums = st.sampled_from(("(c - d)", "(x - y)", "(c**2 + d**2)", "(dot(x, y) + 1)", "(tr(A) + c)", "(c + d)", "(x + 2 * y)",
                            "(2 * c + 3 * d)", "(c - 2 * d)", "(c + 4 * d)", "(3 * c - 1)", "(c + 1/2 * d)", "(x - 3/2 * y)", "(1/2 * c + 1)"))
    powered = st.tuples(sums, st.sampled_from(("{}", "{}**2", "{}**-1", "{}**-2", "sqrt{}", "(1 / sqrt{})", "sqrt{}**3",
                                               "(1 / sqrt{}**3)"))).map(lambda t: t[1].format(t[0]))
    atoms = st.sampled_from(("c", "d", "x", "tr(A)", "sqrt(c)", "1 / sqrt(c)", "sqrt(c)**3", "c**2", "1/2", "3"))
    above = st.tuples(st.lists(atoms, max_size=2), powered).map(lambda t: " * ".join((*t[0], t[1])))
    below = st.lists(atoms, max_size=2).map(lambda t: f" / ({' * '.join(t)})" if t else "")
    return st.tuples(st.sampled_from(("1/2 * ", "-1/2 * ", "3/2 * ", "1/4 * ", "1/3 * ", "")), above, below).map(
        lambda t: f"{t[0]}({t[1]}){t[2]}")


@native_share(0.25)
@given(_halves())
def test_a_fraction_times_sums_and_roots_of_sums_is_kept_or_alone_as_sympys_answer(text):
    _kept_or_alone_is_sympys_answer(text)


def _kept_or_alone_is_sympys_answer(text):
    try:
        node = parse(text)
    except ExprError:
        assume(False)
    over = scalars._over_sums(node)
    if over is None:
        event("SymPy's route")
        native_answered(False)
        return
    best = scalars._best_of(node, ((0, form) for form in over))
    if best is node:
        event("kept")
        native_answered(True)
        assert scalars.by_sympy(node) is node, text
        return
    if isinstance(over, native_sums.KeptOnly):
        event("SymPy's route: a shorter form not known to be its answer")
        native_answered(False)
        return
    if not sums_alone(best, node):
        event("SymPy's route: sums among other factors")
        native_answered(False)
        return
    event("shorter, native")
    native_answered(True)
    assert best == scalars.by_sympy(node), (text, E.to_text(best))


def _minus_times_squares():
    """A negative number or a minus times sums with a minus (and plus sums) squared, to the fourth or to odd powers, atoms
    and roots of sums: the gradient of 1 / sqrt(1 + dot(d, (x - y)**2)) by d, -1/2 (x - y)^2 / (dot(d, (x - y)^2) + 1)^(3/2)."""
    sums = st.sampled_from(("(x - y)", "(c - d)", "(tr(A) - c)", "(d - 2 * c)", "(c - d - tr(A))", "(c + d)", "(dot(x, y) + 1)"))
    powered = st.tuples(sums, st.sampled_from(("{}**2", "{}**2", "{}**4", "{}**-2", "{}", "{}**3", "sqrt{}"))).map(
        lambda t: t[1].format(t[0]))
    factor = st.one_of(powered, st.sampled_from(("c", "x", "tr(A)", "sqrt(dot(x, y) + 1)**3", "(norm(y)**2 + 1)**(3/2)")))
    side = st.lists(factor, min_size=1, max_size=3).map(" * ".join)
    return st.tuples(st.sampled_from(("-1/2 * ", "-", "-3 * ", "-(1/4) * ")), side, st.one_of(st.just(""), side.map(
        " / ({})".format))).map(lambda t: f"{t[0]}({t[1]}){t[2]}")


@native_share(0.15)
@given(_minus_times_squares())
def test_a_minus_beside_sums_with_a_minus_squared_is_kept_or_alone_as_sympys_answer(text):
    _kept_or_alone_is_sympys_answer(text)


def test_a_minus_beside_a_squared_difference_over_a_root_is_kept_without_sympy():
    # as derive writes the gradient of 1 / sqrt(1 + dot(x, y)) by x: -1/2 / (dot(x, y) + 1)^(3/2) * (x - y)^2
    root = E.power(parse("dot(x, y) + 1"), E.num(sympy.Rational(3, 2)))
    node = E.mul(E.div(E.num(sympy.Rational(-1, 2)), root), parse("(x - y)**2"))
    over = scalars._over_sums(node)
    assert over is not None and scalars._best_of(node, ((0, form) for form in over)) is node
    assert scalars.by_sympy(node) is node


def _sums_over_roots_sharing():
    """A sum over (or times) the root of another sum, the two sharing generators (the gradient of sqrt(|x|^2 + (a^T x)^2),
    (x + g a) / sqrt(|x|^2 + g^2), g = a^T x), atoms beside; now and then the same polynomial in another order."""
    tops = st.sampled_from(("(x + c * y)", "(c + d)", "(c - d)", "(x - c * y)", "(c**2 + d)", "(d + c**2)", "(c + d**2)",
                            "(tr(A) + c)", "(c * d + 1)", "(c**2 + 1)"))
    radicands = st.sampled_from(("c**2 + d", "d + c**2", "c + d", "c**2 + d**2", "c - d", "tr(A) + c * d", "c**2 + 1", "d - c"))
    shapes = st.sampled_from(("{a} * {p} / sqrt({t})", "{p} / sqrt({t})**3", "{a} * {p} * sqrt({t})", "{p} / ({a} * sqrt({t}))",
                              "{p} * ({t})**(-3/2)", "{p}**2 / sqrt({t})", "{p} / ({t})**(1/2) / {a}"))
    atoms = st.sampled_from(("c", "d", "x", "tr(A)", "2", "c**2"))
    return st.tuples(st.sampled_from(("", "-", "2 * ")), shapes, tops, radicands, atoms).map(
        lambda t: t[0] + "(" + t[1].format(p=t[2], t=t[3], a=t[4]) + ")")


@native_share(0.2)
@given(_sums_over_roots_sharing())
def test_a_sum_over_a_root_of_a_sum_sharing_its_generators_is_kept_or_alone_as_sympys_answer(text):
    _kept_or_alone_is_sympys_answer(text)


def test_a_sum_over_the_root_of_another_sharing_a_generator_is_kept_without_sympy():
    node = parse("(x + dot(y, x) * y) / sqrt(dot(x, x) + dot(y, x)**2)")   # the gradient of sqrt(|x|^2 + (y^T x)^2)
    over = scalars._over_sums(node, any_order=True)   # plus terms in another order than SymPy's: kept all the same
    assert over is not None and scalars._best_of(node, ((0, form) for form in over)) is node
    assert scalars.by_sympy(node) is node


def _binomials():
    """A product or quotient of atoms and a binomial of coprime monomials (to a power now and then), reducible or not
    (k^3 + x^3, c^2 - d^2, c^4 - 1, c^2 d + tr(A)^3; the Hill function's x^3 / (k^3 + x^3)), its generators in monomials
    beside it now and then."""
    binomials = st.sampled_from(("(c**3 + d**3)", "(c**3 - d**3)", "(c**2 - d**2)", "(c**4 - 1)", "(c**2 - 4)", "(4 * c**2 - 1)",
                                 "(c**2 * d + tr(A)**3)", "(c**3 + 1)", "(c**6 + d**3)", "(c**2 * d**2 - tr(A)**2)", "(x**3 + 8)",
                                 "(c**5 - d)", "(tr(A)**3 - 2 * c**2)"))
    powered = st.tuples(binomials, st.sampled_from(("", "", "**2", "**-1", "**-2", "**3"))).map("".join)
    atoms = st.sampled_from(("c", "d", "x", "tr(A)", "c**2", "d**3", "2", "c**3"))
    side = st.tuples(st.lists(atoms, max_size=2), st.lists(powered, max_size=1)).map(
        lambda t: " * ".join(f"({f})" for f in (*t[0], *t[1])) or "1")
    return st.tuples(st.sampled_from(("", "-", "3 * ", "-3 * ")), side, side).map(lambda t: f"{t[0]}(({t[1]}) / ({t[2]}))")


@native_share(0.1)
@given(_binomials())
def test_a_binomial_of_coprime_monomials_is_kept_or_alone_as_sympys_answer(text):
    _kept_or_alone_is_sympys_answer(text)


def test_the_hill_function_and_its_derivative_are_kept_without_sympy():
    node = parse("d**3 / (c**3 + d**3) * x")   # x^3 / (k^3 + x^3), a reducible binomial below
    over = scalars._over_sums(node)
    assert over is not None and scalars._best_of(node, ((0, form) for form in over)) is node
    assert scalars.by_sympy(node) is node
    # its derivative by k holds the binomial squared, which SymPy's polynomials multiply out: kept where no form with
    # the square is shorter, else SymPy's route's ((c^3 + d^3)^2 is shorter than 1 / (c^3 + d^3)^-2, but not its answer)
    node = parse("-3 * (c**2 * (d**3 / (c**3 + d**3)**2 * x))")
    over = scalars._over_sums(node)
    assert isinstance(over, native_sums.KeptOnly) and scalars._best_of(node, ((0, form) for form in over)) is node
    assert scalars.simplify_scalar(node) is node and scalars.by_sympy(node) is node
    node = parse("1 / (c**3 + d**3)**-2")
    assert scalars.simplify_scalar(node) == scalars.by_sympy(node) is node


def test_arctans_derivative_times_a_vector_is_native():
    node = parse("1 / (d**2 + 1) * x")   # arctan(u)' a, u_1 = u
    best = scalars._best_of(node, ((0, form) for form in scalars._over_sums(node)))
    assert sums_alone(best, node) and E.to_text(best) == "x / (d**2 + 1)" == E.to_text(scalars.by_sympy(node))


def test_u_over_1_plus_u_squareds_derivative_is_kept_without_sympy():
    node = parse("(1 - d**2) / (d**2 + 1)**2 * x")
    assert scalars._best_of(node, ((0, form) for form in scalars._over_sums(node))) is node is scalars.by_sympy(node)


@pytest.mark.parametrize("text", ["4 * (c**2 / (norm(x)**2 + c)**3)", "x * c**3 / (c * d + 1)**2"])
def test_a_sum_alone_below_to_a_power_sharing_generators_above_is_kept_without_sympy(text):
    node = parse(text)   # a derivative of 1 / (1 + |x - y|^2 / c)^2: cancel multiplies the power out, longer
    assert scalars._best_of(node, ((0, form) for form in scalars._over_sums(node))) is node is scalars.by_sympy(node)


def test_a_root_of_a_sum_below_one_term_is_kept_without_sympy():
    node = parse("2 * c * x + (A @ x) / sqrt(norm(x)**2 + d)")   # a root of a sum prime to the rest, below one term
    assert scalars._best_of(node, ((0, form) for form in scalars._over_sums(node))) is node is scalars.by_sympy(node)


def _products_over_a_square():
    """m S / (a g^2 + b)^k * n, S a sum whose terms hold g now and then (the gradient of dot(a, x)**2 / (1 + dot(b, x)**2)
    holds dot(a, x) (a + dot(b, x)**2 a - dot(b, x) dot(a, x) b) / (dot(b, x)**2 + 1)**2), as written and as SymPy's
    route writes it (then mostly kept)."""
    squares = st.sampled_from(("(c**2 + 1)", "(tr(A)**2 + 1)", "(2 * c**2 + 3)", "(tanh(d)**2 + 1)", "(1 + c**2)",
                               "(c**2 - 1)"))
    atoms = st.sampled_from(("c", "c**2", "c**3", "x", "A @ x", "tr(A)", "d", "tanh(d)", "2", "det(B)", "1/c", "sqrt(c)"))
    term = st.tuples(st.sampled_from(("", "-", "2 * ", "-3 * ", "1/2 * ")), st.lists(atoms, min_size=1, max_size=3)).map(
        lambda t: f"{t[0]}({' * '.join(t[1])})")
    return st.tuples(st.sampled_from(("", "-", "2 * ")), st.lists(atoms, max_size=2), st.lists(term, min_size=2, max_size=4),
                     squares, st.sampled_from(("", "**2", "**3", "**-1")), st.lists(atoms, max_size=1)).map(
        lambda t: f"{t[0]}(({' * '.join(t[1]) or '1'}) * ({' + '.join(t[2])}) / ({t[3]}{t[4]} * {' * '.join(t[5]) or '1'}))")


@given(_products_over_a_square(), st.booleans())
def test_a_square_below_a_sum_that_it_does_not_divide_is_kept_as_sympys_route_keeps_it(text, as_sympy_writes):
    try:
        node = parse(text)
    except ExprError:
        assume(False)
    node = scalars.by_sympy(node) if as_sympy_writes else node
    over = scalars._over_sums(node)
    best = None if over is None else scalars._best_of(node, ((0, form) for form in over))
    event("SymPy's route" if over is None else "kept" if best is node else "shorter" if sums_alone(best, node) else "not alone")
    if best is node:
        assert scalars.by_sympy(node) is node, text
    elif best is not None and sums_alone(best, node):
        assert best == scalars.by_sympy(node), (text, E.to_text(best))


@pytest.mark.parametrize("text", ["tr(B) * ((x + tr(A)**2 * x - tr(A) * tr(B) * (A @ x)) / (tr(A)**2 + 1)**2)",
                                  "(x - c * (A @ x)) / (c**2 + 1)"])
def test_a_square_below_sharing_its_generator_with_a_sum_it_does_not_divide_is_kept_without_sympy(text):
    node = parse(text)
    assert scalars._best_of(node, ((0, form) for form in scalars._over_sums(node))) is node is scalars.by_sympy(node)


@pytest.mark.parametrize("text", ["(c**2 * x + x) / (c**2 + 1)**2", "(A @ x - x) / (c**2 + 1)**2"])
def test_a_square_dividing_the_sum_above_or_below_a_turnable_sum_is_sympys_route(text):
    node = parse(text)   # the first: c^2 + 1 divides it; the second: factor's (c^2 + 1)^2 comes with -(x - A x)
    over = scalars._over_sums(node)
    assert over is None or not sums_alone(scalars._best_of(node, ((0, form) for form in over)), node)


def test_a_sum_beside_other_factors_is_not_alone():
    assert not sums_alone(parse("x * (c + d) / tr(A)")) and sums_alone(parse("2 * ((c + d) / (tr(A) * d))"))


def test_the_atoms_of_a_sum_met_first_come_first_among_the_factors():
    # to_sympy names norm(x) (in the sum, met first) before tr(A): SymPy's product puts it first (fuzz found it)
    node = parse("(2 * norm(x)**2 + 1)**-1 * tr(A) * norm(x)")
    best = scalars._best_of(node, ((0, form) for form in scalars._over_sums(node)))
    assert sums_alone(best, node) and E.to_text(best) == "norm(x) * tr(A) / (2 * norm(x)**2 + 1)" == E.to_text(
        scalars.by_sympy(node))


def test_heaviside_of_a_sum_with_a_minus_is_a_generator_without_sympy():
    node = parse("heaviside(norm(x) - c) * ((x - y) / norm(x))")   # relu(|x| - c)'s gradient
    over = scalars._over_sums(node)
    assert over is not None and scalars._best_of(node, ((0, form) for form in over)) is node is scalars.by_sympy(node)


def test_tanh_of_a_sum_with_a_minus_is_left_to_sympy():
    node = parse("-(tanh(d - c) * (x - y))")   # SymPy writes tanh(d - c) as -tanh(c - d) on sight
    assert scalars.simplify_scalar(node) == scalars.by_sympy(node)
    assert E.to_text(scalars.by_sympy(node)) == "(x - y) * tanh(c - d)"


def test_a_sum_in_a_sums_term_is_a_generator_where_the_node_is_kept():
    node = parse("(A @ x - y) / sqrt((A @ x - y)**2 + 1)")   # sum(sqrt(1 + (X w - y)**2))'s gradient
    over = scalars._over_sums(node)
    assert over is not None and scalars._best_of(node, ((0, form) for form in over)) is node is scalars.by_sympy(node)


def test_a_shorter_form_with_a_sum_in_a_sums_term_is_left_to_sympy():
    node = parse("((c - d)**2 + 1) / (((c - d)**2 + 1) * ((c - d)**2 + 1))")   # cancel multiplies (c - d)^2 out
    assert scalars.simplify_scalar(node) == scalars.by_sympy(node)
    assert E.to_text(scalars.by_sympy(node)) == "1 / (c**2 + d**2 + 1 + -2 * (c * d))"


@native_share(0.15)
@given(_turnable_sums())
def test_a_sum_with_a_minus_that_cancels_or_is_squared_is_written_as_sympys_route_writes_it(text):
    try:
        node = parse(text)
    except ExprError:
        assume(False)
    over = scalars._over_sums(node)
    best = None if over is None else scalars._best_of(node, ((0, form) for form in over))
    native = best is node or (best is not None and sums_alone(best, node))
    event("native" if native else "SymPy's route")
    native_answered(native)
    assert scalars.simplify_scalar(node) == scalars.by_sympy(node), text


@pytest.mark.parametrize("text", ["c / ((tr(A) - c) * c)", "(c - d) / ((c - d) * (A @ x - y))", "((A @ x - y) * (A @ x - y)) / c"])
def test_a_sum_turned_round_by_sympy_is_left_to_its_route(text):
    node = parse(text)   # -(1 / (c - tr(A))), -(1 / (y - A x)), (y - A x)^2 / c: the native route wrote them as written
    assert scalars.simplify_scalar(node) == scalars.by_sympy(node)


def _state(names):
    return list(names.by_node.items()), names.atoms


@given(st.lists(st.sampled_from(_SUMS + _ATOMS), min_size=1, max_size=4), st.lists(st.sampled_from(_ATOMS), max_size=3),
       st.booleans())
def test_the_memo_of_a_sums_generators_answers_and_names_as_the_call_itself(sums, named_first, any_order):
    # the same sums met again after other atoms were named (or not): the memo's answer and the names it leaves are
    # those of the call made afresh
    try:
        nodes = [parse(t) for t in sums]
        first = [parse(t) for t in named_first]
    except ExprError:
        return
    memo, fresh = AtomNames(), AtomNames()
    for names in (memo, fresh):
        for n in first:
            try:
                name_atoms(n, names)
            except NotMonomial:
                return
    native_sums.SUMS.cache_clear()
    for s in nodes + nodes:
        assert native_sums._sum_generators(s, memo, any_order) == native_sums._generators_of(s, fresh, any_order), s
        assert _state(memo) == _state(fresh), s
