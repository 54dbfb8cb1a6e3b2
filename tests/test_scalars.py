"""Scalar algebra by SymPy: a subtree goes to SymPy and back only when it comes back shorter, with
the same shape; matrix operations travel as opaque atoms; opaque functions stay closed."""

import sympy
from hypothesis import assume, event, given, strategies as st
from sympy.core.cache import clear_cache

from language_support import VEC
from rewrite_support import assert_same_value, parse, scalar_expressions
from mcdocgen import language as E
from mcdocgen.errors import ExprError
from mcdocgen.engine import plain, scalars
from mcdocgen.engine.cancelled import powsimp_idle
from mcdocgen.engine.scalars import SYMPY_MAX_NODES, simplify_scalar


def test_factors_cancel():
    assert simplify_scalar(parse("c * d / c")) == parse("d")
    assert simplify_scalar(parse("x * y / y")) == parse("x")


def test_matrix_subtrees_are_atoms_that_come_back_unchanged():
    node = parse("(x.T @ A @ x) * c / c")
    assert simplify_scalar(node) == parse("x.T @ A @ x")


def test_a_rewrite_that_is_not_shorter_is_not_taken():
    node = parse("c + d")
    assert simplify_scalar(node) is node


def test_opaque_functions_are_not_opened():
    node = parse("sigmoid(c) * relu(d) / relu(d)")
    assert simplify_scalar(node) == parse("sigmoid(c)")


def test_euler_number_comes_back_as_a_function_the_language_can_print():
    node = simplify_scalar(parse("exp(1 + c) / exp(c)"))
    assert E.to_text(node) == "exp(1)"


def test_elementwise_vectors_keep_their_shape():
    node = simplify_scalar(parse("x * exp(y) / exp(y)"))
    assert node.shape == VEC and node == parse("x")


def test_large_subtrees_are_left_alone():
    node = E.add(*[parse(f"c * d * {k}") for k in range(1, SYMPY_MAX_NODES // 4)])  # c d (1 + 2 + ...)
    assert simplify_scalar(node) is node


def test_powers_of_one_base_merge():
    assert E.to_text(simplify_scalar(parse("c * c**(c - 1)"))) == "c**c"


def test_the_logistic_sigmoid_is_recognised():
    node = parse("exp(-c) / (1 + exp(-c))**2")
    out = simplify_scalar(node)
    assert E.to_text(out) == "sigmoid(c) * (1 - sigmoid(c))"
    assert_same_value(node, out)
    assert E.to_text(simplify_scalar(parse("1 / (1 + exp(-c))"))) == "sigmoid(c)"


def test_exp_without_a_logistic_form_stays():
    node = parse("exp(c) * d")
    assert simplify_scalar(node) is node


def test_a_quotient_of_a_sum_may_split():
    node = parse("(exp(d) + 2 * c) / c")
    out = simplify_scalar(node)
    assert E.to_text(out) == "exp(d) / c + 2"
    assert_same_value(node, out)


def test_a_sine_over_its_cosine_is_a_tangent():
    for text, printed in (("sinh(c) / cosh(c)", "tanh(c)"), ("d * sin(c) / cos(c)", "d * tan(c)")):
        node = parse(text)
        out = simplify_scalar(node)
        assert E.to_text(out) == printed
        assert_same_value(node, out)


def test_a_repeated_factor_becomes_a_power_of_the_same_size():
    for text, printed in (("c * c", "c**2"), ("x * x", "x**2")):
        node = parse(text)
        out = simplify_scalar(node)
        assert E.to_text(out) == printed
        assert_same_value(node, out)


def test_a_sign_times_its_argument_over_its_absolute_value_is_one():
    node = parse("sign(c) / abs(c) * c * d")
    out = simplify_scalar(node)
    assert E.to_text(out) == "d"
    assert_same_value(node, out)


def test_a_cosine_over_a_sine_is_not_written_by_a_tangent():
    """1 / tan(c) would be undefined where cos(c) = 0, where cos(c) / sin(c) is 0."""
    node = simplify_scalar(parse("d * cos(c) / sin(c)"))
    assert "tan" not in E.to_text(node)


def test_a_small_quotient_is_factored_when_that_is_shorter():
    node = parse("sin(c) / (c + 2) - sin(c) / (c + 2)**2")
    out = simplify_scalar(node)
    assert E.to_text(out) == "(c + 1) * sin(c) / (c + 2)**2"
    assert_same_value(node, out)


def test_a_square_root_is_taken_out_of_a_denominator_when_that_is_shorter():
    node = parse("(1 + c / sqrt(c**2 + 4)) / (c + sqrt(c**2 + 4))")
    out = simplify_scalar(node)
    assert E.to_text(out) == "1 / sqrt(c**2 + 4)"
    assert_same_value(node, out)


_ATOMS = ("c", "d", "dot(x, y)", "x.T @ A @ x", "tr(A)", "x", "y", "tanh(c)", "log(d)", "sigmoid(tr(A))", "exp(c)",
          "sin(d)", "abs(c)", "sqrt(d)", "exp(-tr(A))", "sigmoid(c)", "1 / sqrt(tr(A))", "sqrt(c)**3",
          "1 - tanh(c)**2", "1 - sigmoid(d)", "sigmoid(d)", "1 + c", "d - 1")
_NUMBERS = ("1", "2", "-1", "3", "1/2", "-2/3", "0")


def _expressions():
    return scalar_expressions(_ATOMS + _NUMBERS, (-2, -1, 0, 1, 2, 3), max_leaves=8)


@given(_expressions())
def test_a_plain_expression_takes_the_short_way_to_the_form_sympy_would_choose(text):
    """Products of powers of atoms, and sums of products of distinct atoms, skip cancel, factor and
    the substitutions: each would give the expression back, or a form that is not better."""
    try:
        node = parse(text)
    except ExprError:   # a division by zero, or shapes that do not meet
        assume(False)
    atoms = scalars._Atoms()
    e = scalars.to_sympy(node, atoms)
    if not plain.is_plain(e):   # returned, not filtered out (assume): too many for hypothesis's health check
        event("not plain")
        return
    assert scalars._best(node, [(e, 0)], atoms) == scalars._best(node, scalars._forms(e), atoms)


@given(_expressions())
def test_powsimp_is_skipped_only_where_it_gives_the_expression_back(text):
    try:
        node = parse(text)
    except ExprError:
        assume(False)
    cancelled = sympy.cancel(scalars.to_sympy(node, scalars._Atoms()))
    if not powsimp_idle(cancelled):   # returned, not filtered out (assume), as above
        event("powsimp not idle")
        return
    assert sympy.powsimp(cancelled) == cancelled


def test_powsimp_is_not_skipped_where_it_moves_numbers_or_merges_exp():
    for text in ("(c + 2 * d) / (2 * tr(A))", "exp(c) * exp(d) * tr(A)", "sqrt(c * d) * c * d"):
        assert not powsimp_idle(sympy.cancel(scalars.to_sympy(parse(text), scalars._Atoms()))), text


def test_powsimp_is_skipped_where_each_product_has_one_exp_at_most():
    for text in ("(exp(c) + exp(d)) / (1 + exp(tr(A)))", "c**2 * exp(-c**2 / d) / d**2", "(c + exp(c)) / exp(c)"):
        cancelled = sympy.cancel(scalars.to_sympy(parse(text), scalars._Atoms()))
        assert powsimp_idle(cancelled) and sympy.powsimp(cancelled) == cancelled, text


_TOPS = ("c", "dot(x, y)", "tanh(c)", "log(d)", "sigmoid(tr(B))", "x.T @ A @ x")
_BOTTOMS = ("tr(A)", "d", "det(A)")


def _quotient_sums():
    term = st.tuples(st.sampled_from(("", "-", "2 * ", "-3 * ")), st.integers(0, 2),
                     st.lists(st.tuples(st.sampled_from(_BOTTOMS), st.integers(1, 3)), max_size=2))

    def text(terms):
        out, tops = [], iter(_TOPS)
        for sign, k, bottoms in terms:
            top = " * ".join([next(tops, "c") for _ in range(k)] or ["1"])
            bottom = " * ".join(f"{b}**{p}" for b, p in bottoms) or "1"
            out.append(f"{sign}(({top}) / ({bottom}))")
        return " + ".join(out)
    return st.lists(term, min_size=2, max_size=4).map(text)


@given(_quotient_sums())
def test_a_sum_of_quotients_is_cancelled_without_sympy_as_sympy_would(text):
    node = parse(text)
    atoms = scalars._Atoms()
    e = scalars.to_sympy(node, atoms)
    forms = plain.quotient_forms(e)
    if forms is None:   # returned, not filtered out (assume), as above
        event("not a sum of quotients")
        return
    assert forms[0][0] == sympy.cancel(e)
    assert scalars._best(node, forms, atoms) == scalars._best(node, scalars._forms(e), atoms)


def test_which_sums_of_quotients_are_cancelled_without_sympy():
    for text in ("c / tr(A) - d * dot(x, y) / tr(A)**2", "c / d + tanh(c) / tr(A)", "c / d + tanh(c) / d - 2 * tr(B) * tr(A) / d**2"):
        node = parse(text)
        atoms = scalars._Atoms()
        e = scalars.to_sympy(node, atoms)
        forms = plain.quotient_forms(e)
        assert forms is not None and forms[0][0] == sympy.cancel(e), text
        assert scalars._best(node, forms, atoms) == scalars._best(node, scalars._forms(e), atoms)
    for text in ("2 * c / d + 4 * tr(B) / tr(A)", "c / d - 2 * tr(B) / tr(A)", "c / d + c / 2", "c / d + c", "-c / d - tr(A)", "c / d + d", "c / d + tr(A) / (c + d)"):
        assert plain.quotient_forms(scalars.to_sympy(parse(text), scalars._Atoms())) is None, text


def test_what_is_plain():
    for text in ("c * d / tr(A)", "tanh(c)**2 * d", "c - d", "2 * c + d", "c * d - tr(A)", "-c + d * tanh(c)", "d * exp(-c)",
                 "d / (2 * sqrt(c))",
                 "1 - tanh(c)**2", "d * (1 - tanh(c)**2)", "sigmoid(c) * (1 - sigmoid(c)) / d"):
        assert plain.is_plain(scalars.to_sympy(parse(text), scalars._Atoms())), text
    for text in ("c + d * c", "-c - d", "2 * c + 4 * d", "d - 3 * c - 3 * tr(A)", "c + 2", "c**2 - d", "(c + d) * tr(A)", "exp(c) * c",
                 "exp(-c) * sigmoid(c)", "exp(c) * exp(d)", "d / c**(3/2)", "c**d", "exp(c) + d",
                 "d * (1 - tanh(c)**3)", "(1 - c) * (1 - d)", "(1 - c)**2",
                 "-d * (c - 1)", "d * (1 + c) / c"):
        assert not plain.is_plain(scalars.to_sympy(parse(text), scalars._Atoms())), text


def test_the_memo_gives_the_same_answer_and_is_cleared_with_sympys_cache():
    node = parse("(c + c * d) / c")
    first = simplify_scalar(node)
    assert scalars._simplified.cache_info().currsize > 0
    clear_cache()
    assert scalars._simplified.cache_info().currsize == 0
    assert simplify_scalar(parse("(c + c * d) / c")) == first == parse("d + 1")
    unchanged = parse("c + d")
    simplify_scalar(parse("c + d"))
    assert simplify_scalar(unchanged) is unchanged   # the caller's own node, not the one remembered



def test_subtrees_cancelled_alike_share_the_forms_made_from_the_cancelled_form():
    c, d = sympy.symbols("c d", real=True)
    apart, together = (c**2 + c * d) / (c * (c + d) * d) + sympy.exp(c), 1 / d + sympy.exp(c)
    assert apart != together and sympy.cancel(apart) == sympy.cancel(together)
    clear_cache()
    fresh = scalars._forms(together)
    scalars._forms(apart)
    assert scalars._cancelled_forms.cache_info().hits == 1
    assert scalars._forms(together) == fresh
    clear_cache()
    assert scalars._cancelled_forms.cache_info().currsize == 0


def _products():
    factor = st.sampled_from(("c", "d", "dot(x, y)", "tr(A)", "x", "y", "x.T @ A @ x", "c**2", "tr(A)**3", "2", "3",
                              "1/2", "1", "-1", "tanh(c)", "exp(c)", "sqrt(d)", "x**2", "log(d)", "sigmoid(c)", "cos(c)",
                              "relu(c)", "softplus(d)", "arctan(c)", "cosh(d)", "tan(c)**2", "tanh(x)", "log(c)**2",
                              "sign(c)", "abs(c)", "log(c + d)", "(1 - c)", "(1 - tanh(c)**2)", "(1 - sigmoid(d))",
                              "(1 - d**2)", "(1 - c**3)", "(1 + c)", "exp(c)", "exp(1/2 * d)", "exp(-c)",
                              "exp(tr(A))", "-1/2", "-2", "exp(d / 2)", "exp(2 * x.T @ A @ x)", "exp(-1/2 * d)",
                              "(-c)", "(-tr(A))", "(-(d / tr(A)**2))", "(-exp(c))", "(-(1 - c))", "(-tanh(x))",
                              "(-(c * d))", "(-x)", "heaviside(c)", "heaviside(x)", "heaviside(d)**2",
                              "c**d", "d**c", "tr(A)**c", "log(d)**c", "c**tr(A)", "x**c", "c**(-d)", "abs(c)**d",
                              "c**(d - 1)", "c**(-1 - d)", "tr(A)**(1 - c)", "d**(c + 1/2)", "c**(-d - 1)", "c**(d + -1)",
                              "c**(d + c)", "c**(2 * d - 1)", "c**(-2 + tr(A))", "d**(c - 1) * log(d)", "c**(1 - d)",
                              "tr(A)**(-1 - c)", "d**(2 - c)", "c**(-1/2 - d)", "x**(1 - c)", "c**(1 - c)", "c**(-d + -1)",
                              "c**(-d + 1)", "d**(-1 - c) * log(d)", "exp(c) * d**(1 - c)", "(c / d)**tr(A)",
                              "(c / tr(A))**d", "log(c / d)", "(x / c)**d", "(c / d)**(1 - tr(A))", "(d / c)**c", "log(d / c)",
                              "(c / d)**2", "(tr(A) / d)**(c - 1) * log(tr(A) / d)"))

    def text(args):
        (first, *rest), bottoms, sign = args
        top = first[0] + "".join(f" {op} {f}" for f, op in rest)
        out = f"({top}) / ({' * '.join(bottoms)})" if bottoms else top
        return f"-({out})" if sign else out
    return st.tuples(st.lists(st.tuples(factor, st.sampled_from(("*", "/", "*"))), min_size=1, max_size=4),
                     st.lists(factor, max_size=2), st.booleans()).map(text)


def _folded(node):
    """``node`` with quotients and negatives of numbers folded into one number, as the engine builds them
    (-1/2 is one Num there, a quotient of two in parsed text)."""
    kids = tuple(_folded(k) for k in node.children())
    if isinstance(node, E.Div) and all(isinstance(k, E.Num) for k in kids) and kids[1].value != 0:
        return E.num(kids[0].value / kids[1].value)
    if isinstance(node, E.Neg) and isinstance(kids[0], E.Num):
        return E.num(-kids[0].value)
    return E.rebuild(node, kids) if kids else node


@given(_products())
def test_a_settled_product_is_what_sympy_would_leave_as_it_is(text):
    try:
        node = _folded(parse(text))
    except ExprError:   # a division by zero, or shapes that do not meet
        return
    if plain.is_settled(node):
        assert scalars.by_sympy(node) is node, text


def test_what_is_settled():
    for text in ("3 * c**2 * d", "c * (d * tr(A))", "dot(x, y) / tr(A)**2", "1 / c", "2 * c / (d * tr(A))", "c**2 * x",
                 "-(c / d**2)", "c / d**2 * tr(A)", "-(c / d**2 * tr(A))", "-(x.T @ A @ x)",
                 "sigmoid(c) * (1 - sigmoid(c)) * x", "(1 - tanh(x)**2) * y", "(1 - c) * c", "exp(c) * d",
                 "-1/2 * exp(1/2 * tr(A))", "d / exp(1/2 * tr(A))", "-1/2 * (x / exp(1/2 * tr(A)))",
                 "1 - tanh(c)**2", "1 - tanh(x)**2", "1 - sigmoid(A @ x)", "1 - c", "1 - tr(A)**2", "1 - cos(d)**2",
                 "-(1 / c**2)", "-(1 / (c * tr(A)))", "-(1 / exp(c))", "-(d / tr(A)**2) * c", "2 * (-(c / d) * x)",
                 "c**d", "c**d * log(c)", "-(x**c * log(x))", "2 * tr(A)**c / d", "c**d * (1 - c)", "c**(d + 1)",
                 "d * c**(d + -1)", "-1/2 * c**(d + -1) * tr(A)", "-(c**(d - 1) * d)", "c**(-1 - d)", "d * c**(1 - d)",
                 "-(x * tr(A)**(-1 - c))", "c**(1 - d) * log(c)", "-1/2 * c**(-1 - d) / tr(A)", "(c / d)**tr(A)",
                 "(c / d)**tr(A) * log(c / d)", "c * log(c / d)", "-(x * (tr(A) / d)**(1 - c))",
                 "-c / d", "x / -c", "1 / (-c * d)", "heaviside(c) * (x / d)", "heaviside(tr(A)) * heaviside(c)**2"):
        node = _folded(parse(text))
        assert plain.is_settled(node), text
        assert scalars.by_sympy(node) is node, text   # SymPy's route keeps it too
    for text in ("1 * c", "c * c", "-1 * c", "c / 2", "c / c", "exp(-c) * d", "exp(c) * exp(d)", "exp(c) * c", "(c + d) * c", "c * d**-1", "2 * (3 * c)",
                 "-(2 * c)", "1 / c * d", "c / (d / tr(A))", "-((1 - c) * d)", "(1 - c) * d / tr(A)",
                 "(1 - c) * (1 - d)", "2 * (1 - c) * d", "1 - tanh(c + d)**2", "1 - c**3", "1 - exp(c)", "2 - c",
                 "1 + c", "-(1 / (2 * c))", "-(1 / (c + d))", "-c * -d", "-(-c * d)", "-2 * (-c * d)", "-(1 - c) * c",
                 "-(1 / (-c))", "c**d * c", "c**d * c**tr(A)", "d / c**d", "1 / c**d", "c**(-d)", "abs(c)**d",
                 "exp(c)**d", "exp(tr(A)) * c**tr(A)", "exp(d) * c**d", "c**(d + c)", "c**(2 * d - 1)", "c**(-d - 1)",
                 "c**(-d + -1)", "c**(1 - d) * c", "exp(d) * c**(1 - d)", "c**(1 - d - tr(A))",
                 "(c / d)**tr(A) * (c / d)**c", "(c / d)**2 * c", "exp(c) * (c / d)**tr(A)", "(c / c)**d", "(c * d)**tr(A)"):
        assert not plain.is_settled(_folded(parse(text))), text


def test_atoms_are_named_alike_whatever_the_order_of_the_factors():
    # u a and a u meet SymPy as one expression, so that _candidates' memo answers the second
    for left, right in (("x * tr(A)", "tr(A) * x"), ("c * (tr(A) + 1) * dot(x, y)", "(tr(A) + 1) * c * dot(x, y)")):
        assert scalars.to_sympy(parse(left), scalars._Atoms()) == scalars.to_sympy(parse(right), scalars._Atoms())


def _powsimp_gives_it_back(text: str) -> None:
    """Where powsimp_idle says powsimp may be skipped on the cancelled ``text``, powsimp gives it back."""
    try:
        node = parse(text)
    except ExprError:
        assume(False)
    try:
        cancelled = sympy.cancel(scalars.to_sympy(node, scalars._Atoms()))
    except sympy.PolynomialError:
        assume(False)
    if not powsimp_idle(cancelled):   # returned, not filtered out (assume), as above
        event("powsimp not idle")
        return
    assert sympy.powsimp(cancelled) == cancelled


_ROOTED = ("c", "d", "tr(A)", "dot(x, y)", "sqrt(c)", "sqrt(c**2 + 1)", "sqrt(d + tr(A))", "1 / sqrt(tr(A))",
           "sqrt(c)**3", "sqrt(dot(x, y) * c)", "sqrt(2)", "exp(c)", "sqrt(exp(d) + 1)", "sqrt(-c - 1)", "sqrt(c + 1)",
           "sqrt(d)", "1 + c", "abs(d)", "sqrt(abs(d))")


@given(scalar_expressions(_ROOTED + _NUMBERS, (-2, -1, 1, 2, 3), max_leaves=7))
def test_powsimp_is_skipped_beside_roots_only_where_it_gives_the_expression_back(text):
    _powsimp_gives_it_back(text)


def test_powsimp_is_not_skipped_beside_roots_it_may_join():
    for text in ("dot(x, y) * c * sqrt(dot(x, y) * c)", "sqrt(2) * sqrt(3) * c", "sqrt(c + 1) * sqrt(-c - 1)",
                 "sqrt(-c - 1) / (1 + c)", "c / 2 + sqrt(d)", "(c + 1)**(d / 2)"):
        assert not powsimp_idle(sympy.cancel(scalars.to_sympy(parse(text), scalars._Atoms()))), text
    for text in ("sqrt(c**2 + 1) * sqrt(d) / (c + tr(A))", "sqrt(c) * sqrt(d) + tr(A)", "sqrt(c)**3 / (d + 1)"):
        cancelled = sympy.cancel(scalars.to_sympy(parse(text), scalars._Atoms()))
        assert powsimp_idle(cancelled) and sympy.powsimp(cancelled) == cancelled, text


_SYMBOLIC_POWERS = ("c**d", "(c + 1)**d", "abs(c)**tr(A)", "tr(A)**(d - 1)", "(1 + c / d)**tr(A)", "c**(1 / d)",
                    "abs(dot(x, y))**d", "sqrt(c)", "exp(d / 2)", "log(c)**d", "cosh(c)**d", "(1 - c)**(1 / tr(A) - 1)",
                    "c", "d", "tr(A)", "abs(c)", "1 + c")


@given(scalar_expressions(_SYMBOLIC_POWERS + _NUMBERS, (-2, -1, 1, 2, 3), max_leaves=6))
def test_powsimp_is_skipped_beside_symbolic_powers_only_where_it_gives_the_expression_back(text):
    _powsimp_gives_it_back(text)


def test_powsimp_is_skipped_for_a_lone_symbolic_power_only():
    for text in ("(dot(x, y) / c + 1)**d", "d * tr(A)**(d - 1)", "abs(c)**d * log(abs(c)) / d**2"):
        cancelled = sympy.cancel(scalars.to_sympy(parse(text), scalars._Atoms()))
        assert powsimp_idle(cancelled) and sympy.powsimp(cancelled) == cancelled, text
    for text in ("c**d * c**tr(A)", "c**d / c", "abs(c)**d * tr(A)**d", "exp(d / 2) * log(c)**d"):
        cancelled = sympy.cancel(scalars.to_sympy(parse(text), scalars._Atoms()))
        assert not powsimp_idle(cancelled) and sympy.powsimp(cancelled) != cancelled, text
