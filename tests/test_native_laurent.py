"""native.laurent_forms_of's factored form M P / D where P has as many minus signs as plus signs (where P goes among
M's factors is SymPy's could_extract_minus_sign of P) and where P is a unit binomial 1 - g^2 (reducible, but
factor's -(g - 1) (g + 1) is longer): the forms written are those SymPy's route writes, and its answer is theirs."""

import pytest
from hypothesis import event, given, strategies as st

from rewrite_support import assert_native_gives_sympys_answer, native_answered, native_share, parse
from mcdocgen import language as E
from mcdocgen.engine import scalars
from mcdocgen.engine.laurent import laurent_forms
from mcdocgen.engine.monomial import NotMonomial
from mcdocgen.engine.native import native_forms
from mcdocgen.engine.native_nested import nested_forms

_OUTER = ("c", "x", "tr(A)", "log(c)", "tanh(d)", "sigmoid(tr(A))", "cos(c)", "tr(S)", "dot(x, y)")
_INNER = ("d", "tr(B)", "det(A)", "dot(x, y)", "tanh(c)", "sum(y)", "norm(x)", "log(d)", "c")
_BELOW = ("", " / c", " / tr(B)**2", " / exp(norm(x)**2)", " * exp(-tr(B))")


def _balanced_sums():
    """M (P) / D multiplied out, P with as many minus signs as plus signs (a number term now and then) or 1 - g^2."""
    power = st.tuples(st.sampled_from(_INNER), st.sampled_from(("", "**2"))).map("".join)
    term = st.one_of(st.lists(power, min_size=1, max_size=2, unique=True).map(" * ".join), st.sampled_from(("1", "2")))
    balanced = st.lists(term, min_size=2, max_size=4, unique=True).map(
        lambda ts: [("-" if k % 2 else "") + t for k, t in enumerate(ts[: len(ts) // 2 * 2])])
    binomial = st.tuples(st.sampled_from(_INNER), st.sampled_from((("1", "-"), ("-1", "+"), ("1", "+")))).map(
        lambda t: [t[1][0], f"{t[1][1]}{t[0]}**2"])
    outer = st.lists(st.sampled_from(_OUTER), max_size=3, unique=True)
    return st.tuples(st.sampled_from(("", "3 * ", "-")), outer, st.one_of(balanced, binomial), st.sampled_from(_BELOW)).map(
        lambda t: " + ".join(f"({t[0]}{' * '.join([*t[1], f'({p})'])}{t[3]})" for p in t[2]))


@native_share(0.35)
@given(_balanced_sums())
def test_balanced_and_binomial_sums_get_sympys_answer_without_sympy(text):
    assert_native_gives_sympys_answer(text, native_forms)


def _sums_of_roots():
    """Sums of monomials with square roots of generators above the line (sqrt(x^T A x) + sqrt(x^T B x)), a root below
    every term or a common factor now and then."""
    root = st.sampled_from(("sqrt(c)", "sqrt(d)", "sqrt(tr(A))", "sqrt(norm(x))", "sqrt(dot(x, y))", "c", "d", "tr(B)", "2"))
    term = st.tuples(st.sampled_from(("", "-", "2 * ", "-3 * ", "1/2 * ")), st.lists(root, min_size=1, max_size=2)).map(
        lambda t: f"{t[0]}{' * '.join(t[1])}")
    return st.tuples(st.sampled_from(("", "-", "c * ", "2 * ")), st.lists(term, min_size=2, max_size=3),
                     st.sampled_from(("", " / sqrt(tr(B))", " / d"))).map(lambda t: f"{t[0]}({' + '.join(t[1])}){t[2]}")


@native_share(0.3)
@given(_sums_of_roots())
def test_sums_of_roots_get_sympys_answer_without_sympy(text):
    assert_native_gives_sympys_answer(text, native_forms)


@native_share(0.1)
@given(_balanced_sums())
def test_balanced_sums_are_written_as_sympys_laurent_forms(text):
    node = parse(text)
    atoms = scalars._Atoms()
    found = laurent_forms(scalars.to_sympy(node, atoms), lambda f: scalars._written_size(atoms, f))
    try:
        native = {form() for form in native_forms(node)}
    except NotMonomial:
        event("SymPy's route")
        native_answered(False)
        return
    if found is None:   # P reducible (1 - g^2), or an exp: SymPy's cancel and factor; the answer is compared above
        event("not laurent_forms'")
        native_answered(False)
        return
    native_answered(True)
    assert native == {scalars.from_sympy(f, atoms) for f, _ in found}, text


def test_a_balanced_binomial_goes_after_the_factors_where_sympy_puts_it():
    node = parse("c - c * d")   # a placeholder's derivative, u_3 - u_3 u_1
    atoms = scalars._Atoms()
    assert [E.to_text(form()) for form in native_forms(node)] == ["c * (1 - d)"] == [
        E.to_text(scalars.from_sympy(f, atoms)) for f, _ in laurent_forms(scalars.to_sympy(node, atoms),
                                                              lambda f: scalars._written_size(atoms, f))]


def test_the_gaussian_times_1_minus_its_square_is_native():
    node = parse("exp(-norm(x)**2) - norm(x)**2 / exp(norm(x)**2)")
    out = scalars._best_of(node, ((0, form) for form in native_forms(node)))
    assert E.to_text(out) == "(1 - norm(x)**2) / exp(norm(x)**2)" == E.to_text(scalars.by_sympy(node))


def test_a_balanced_p_whose_negation_prints_shorter_takes_sympys_route():
    # factor's -(d (3 c d^2 + 2 d^2 x - c - d)) prints shorter than d (c + d - 3 c d^2 - 2 d^2 x): SymPy's sign
    node = parse("(-(c * d**2) + (d + c) + -(d**2 * (2 * c + 2 * x))) * d")
    with pytest.raises(NotMonomial):
        nested_forms(node, scalars._weight)


def test_u_over_1_plus_u_squared_by_a_vector_is_native():
    node = parse("(c + -2 * d**2) / c**2 * x")   # (u_3 - 2 u_1^2) / u_3^2 a, u_3 = 1 + u_1^2
    out = scalars._best_of(node, ((0, form) for form in native_forms(node)))
    assert out == scalars.by_sympy(node)


def test_a_sum_of_two_roots_is_native():
    node = parse("sqrt(dot(x, A @ x)) + sqrt(tr(B))")   # sqrt(x^T A x) + sqrt(x^T B x)'s kind: of degree one in each root
    assert scalars._best_of(node, ((0, form) for form in native_forms(node))) is node is scalars.by_sympy(node)


def _squares_and_numbers_over_a_denominator():
    """Sums of squares of their own generators (the third witness: one sign, or three terms) and a number term now and
    then, over a denominator or a monomial times one (1 + |x - y|^2 / c, a Student-t kernel's base)."""
    term = st.tuples(st.sampled_from(("", "-", "2 * ", "-3 * ")),
                     st.sampled_from(("1", "2", "c**2", "tr(B)**2", "norm(x)**2", "d", "dot(x, y)**2", "c * d")))
    below = st.sampled_from((" / c", " / tr(A)**2", " / d", " / (c * tr(A))", " * tr(A) / d**2"))
    return st.tuples(st.lists(term, min_size=2, max_size=4, unique_by=lambda t: t[1]), below).map(
        lambda t: " + ".join(f"({sign}{g}{t[1]})" for sign, g in t[0]))


@native_share(0.3)
@given(_squares_and_numbers_over_a_denominator())
def test_sums_of_squares_and_numbers_over_a_denominator_get_sympys_answer_without_sympy(text):
    assert_native_gives_sympys_answer(text, native_forms)


def _sums_over_odd_roots():
    """Sums of monomials, each over the root of one generator to an odd power (t^(-1/2), t^(-3/2): the gradient of
    dot(a, w) / sqrt(w^T S w), a / sqrt(t) - dot(a, w) S w / (2 t^(3/2))), half and whole coefficients, the root
    missing from a term now and then."""
    atoms = st.sampled_from(("x", "y", "c", "d", "tr(A)", "dot(x, y)", "c**2", "log(d)", "2"))
    below = st.sampled_from((" / sqrt(c)", " / sqrt(c)**3", " / sqrt(c)**5", " / (d * sqrt(c)**3)", " / sqrt(tr(B))**3", ""))
    term = st.tuples(st.sampled_from(("", "-", "2 * ", "-3 * ", "1/2 * ", "-1/2 * ", "3/2 * ")),
                     st.lists(atoms, min_size=1, max_size=2), below).map(lambda t: f"{t[0]}({' * '.join(t[1])}){t[2]}")
    return st.tuples(st.sampled_from(("", "-", "1/2 * ", "tr(A) * ")), st.lists(term, min_size=2, max_size=3)).map(
        lambda t: f"{t[0]}({' + '.join(t[1])})")


@native_share(0.3)
@given(_sums_over_odd_roots())
def test_sums_over_odd_powers_of_a_root_get_sympys_answer_without_sympy(text):
    assert_native_gives_sympys_answer(text, native_forms)
