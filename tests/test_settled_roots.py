"""plain.is_settled's roots of atoms (u**(-2/3), tr(A)**(4/3)): SymPy's route keeps each as it is, so the
simplifier asks it nothing (the power rule gives u**(p - 1) for every root u**p)."""

from fractions import Fraction

from hypothesis import given, settings, strategies as st

from rewrite_support import parse
from test_scalars import _folded
from mcdocgen import language as E
from mcdocgen.errors import ExprError
from mcdocgen.engine import plain, scalars

# atoms and functions of them, the ones the rule takes (inert) and the ones it leaves to SymPy's route
_BASES = ("c", "x", "A", "tr(A)", "dot(x, y)", "det(A)", "norm(x)", "tanh(c)", "log(c)", "sigmoid(c)", "relu(c)",
          "heaviside(c)", "cosh(c)", "arctan(c)", "softplus(c)", "exp(c)", "sqrt(c)", "abs(c)", "sin(c)", "tanh(c + d)",
          "c * d", "c + d", "2 * c")


def _power(base: str, exponent: Fraction) -> E.Node:
    return _folded(parse(f"{base}**({exponent.numerator}/{exponent.denominator})"))


@settings(derandomize=True, max_examples=400, deadline=None)
@given(st.sampled_from(_BASES), st.integers(-40, 40), st.integers(2, 12))
def test_a_settled_root_is_what_sympys_route_keeps(base, p, q):
    exponent = Fraction(p, q)
    if exponent.denominator == 1:
        return
    node = _power(base, exponent)
    if plain.is_settled(node):
        assert scalars.by_sympy(node) is node, E.to_text(node)


def test_which_roots_are_settled():
    settled = [b for b in _BASES if plain.is_settled(_power(b, Fraction(-2, 3)))]
    # enough of them that the rule is used: the variables, matrix expressions and inert functions of them
    assert settled == ["c", "x", "A", "tr(A)", "dot(x, y)", "det(A)", "norm(x)", "tanh(c)", "log(c)", "sigmoid(c)",
                       "relu(c)", "heaviside(c)", "cosh(c)", "arctan(c)", "softplus(c)"]
    for text in ("c**(1/2)", "c**(-1/2)", "c**(3/2)", "c**(-3/2)", "sqrt(c)**(1/3)", "(c * d)**(1/3)"):
        assert not plain.is_settled(_folded(parse(text))), text
    for text in ("c**(1/3)", "c**(-4/3)", "tr(A)**(5/7)", "log(c)**(-1/4)"):
        node = _folded(parse(text))
        assert plain.is_settled(node) and scalars.by_sympy(node) is node, text


_ATOMS = ("c", "d", "x", "tr(A)", "dot(x, y)", "tanh(c)", "log(d)", "sigmoid(c)", "heaviside(d)", "exp(c)", "sqrt(d)",
          "abs(c)")


@st.composite
def _products_with_roots(draw):
    """Products and quotients of atoms, their integer powers and their roots, with a number or a sign in front."""
    def factor():
        atom = draw(st.sampled_from(_ATOMS))
        kind = draw(st.integers(0, 3))
        if kind == 0:
            return atom
        if kind == 1:
            return f"{atom}**{draw(st.integers(2, 3))}"
        q = draw(st.integers(2, 7))
        p = draw(st.integers(-14, 14).filter(lambda k: k % q != 0))
        return f"{atom}**({p}/{q})"
    factors = [factor() for _ in range(draw(st.integers(1, 3)))]
    front = draw(st.sampled_from(("", "2 * ", "1/3 * ", "-", "-2/3 * ")))
    how = draw(st.integers(0, 2))
    if how == 0 and len(factors) > 1:
        return f"{front}({factors[0]}) / ({' * '.join(factors[1:])})"
    if how == 1:
        return f"{front}(1 / ({' * '.join(factors)}))"
    return f"{front}({' * '.join(factors)})"


_SEEN = {"settled": 0, "tried": 0}


@settings(derandomize=True, max_examples=600, deadline=None)
@given(_products_with_roots())
def test_a_settled_product_with_roots_is_what_sympys_route_keeps(text):
    try:
        node = _folded(parse(text))
    except ExprError:   # shapes that do not meet
        return
    if "**(" not in text:   # no root in it
        return
    _SEEN["tried"] += 1
    if plain.is_settled(node):
        _SEEN["settled"] += 1
        assert scalars.by_sympy(node) is node, text


def test_the_roots_rule_is_used():
    # runs after the test above (file order): the rule must settle a share, or that test proves nothing
    if _SEEN["tried"]:
        assert _SEEN["settled"] >= max(20, _SEEN["tried"] // 20), _SEEN
