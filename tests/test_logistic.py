"""The logistic form found without SymPy's cancel: where it is a monomial in sigmoid(a), 1 - sigmoid(a) and the
other generators, the simplifier chooses with it alone what it chose with every candidate form."""

import sympy
from hypothesis import given, settings, strategies as st

from rewrite_support import parse, scalar_expressions
from mcdocgen.engine import logistic, scalars
from mcdocgen.errors import ExprError

_SIGMOID = scalars._SIGMOID


def _form(text):
    node = parse(text)
    atoms = scalars._Atoms()
    e = scalars.to_sympy(node, atoms)
    return node, atoms, e, logistic.sigmoid_form(e, _SIGMOID)


_ATOMS = ("exp(c)", "exp(-c)", "sigmoid(c)", "1 - sigmoid(c)", "d", "tr(A)", "exp(c) + 1", "1 + exp(-c)",
          "exp(-c) + 1", "tanh(d)", "exp(2 * c)", "exp(d)", "log(d)", "exp(-c) * sigmoid(c)")
_NUMBERS = ("1", "2", "-1", "1/2", "0")


def _expressions():
    return scalar_expressions(_ATOMS + _NUMBERS, (-2, -1, 2, 3), max_leaves=6)


_S = ("exp(c) / (exp(c) + 1)", "1 / (1 + exp(-c))", "sigmoid(c)", "exp(c) * (1 - sigmoid(c))")
_T = ("1 / (1 + exp(c))", "exp(-c) / (1 + exp(-c))", "1 - sigmoid(c)", "exp(-c) * sigmoid(c)")
_G = ("d", "tr(A)", "tanh(d)", "2", "1/2", "-1")


def _monomials():
    """Products and quotients of spellings of s, 1 - s and other factors, with the exp(a) = s / (1 - s)
    form a monomial often."""
    factor = st.one_of(st.sampled_from(_S), st.sampled_from(_T), st.sampled_from(_G),
                       st.sampled_from(("exp(c)", "exp(-c)", "1 + exp(c)", "exp(-c) + 1")))

    def combine(parts):
        out = parts[0][0]
        for f, op in parts[1:]:
            out = f"({out}) {op} ({f})"
        return out
    return st.lists(st.tuples(factor, st.sampled_from(("*", "/", "*"))), min_size=1, max_size=5).map(combine)


def _check(text):
    try:
        node, atoms, e, _ = _form(text)
    except ExprError:   # a division by zero
        return
    forms = scalars._logistic(e)
    if forms is None:
        return
    assert sympy.simplify((forms[0][0] - e).replace(_SIGMOID, lambda a: 1 / (1 + sympy.exp(-a)))) == 0, text
    assert scalars._best(node, forms, atoms) == scalars._best(node, scalars._forms(e), atoms), text


@settings(max_examples=300)
@given(_monomials())
def test_a_monomial_logistic_form_is_what_every_candidate_form_would_choose(text):
    _check(text)


@settings(max_examples=300)
@given(_expressions())
def test_on_any_expression_in_exp_the_logistic_form_is_what_every_candidate_form_would_choose(text):
    _check(text)


def test_the_logistic_function_and_its_derivative_are_found():
    for text, want in (("exp(c) / (exp(c) + 1)", "sigmoid(c)"), ("1 / (1 + exp(-c))", "sigmoid(c)"),
                       ("(exp(-c) + 1)**2", "1 / sigmoid(c)**2"),
                       ("exp(-c) / (1 / sigmoid(c)**2)", "sigmoid(c) * (1 - sigmoid(c))"),
                       ("d * exp(c) / (1 + exp(c))**2", "d * sigmoid(c) * (1 - sigmoid(c))")):
        node, _, _, form = _form(text)
        assert form is not None, text
        assert scalars.simplify_scalar(node) == parse(want), text


def test_no_form_where_it_is_no_monomial_or_exp_has_two_arguments():
    for text in ("exp(c) + d", "exp(c) * exp(d)", "exp(c) / (1 + exp(c))**2 + d", "(1 + exp(c))**2", "sin(exp(c))",
                 "exp(2 * c) / (1 + exp(c))", "log(1 + exp(c)) * exp(c)"):
        assert _form(text)[3] is None, text
