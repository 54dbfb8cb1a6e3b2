"""factored.factor is sympy.factor: the same expression, byte for byte, whether it is made without SymPy's
factorisation (each polynomial irreducible by a witness) or handed to SymPy."""

import sympy
from hypothesis import example, given, settings, strategies as st

from rewrite_support import native_answered, native_share
from mcdocgen.engine import factored

c, d, u = sympy.symbols("c d u", real=True)
a0, a1 = sympy.symbols("_atom0 _atom1", real=True)
n = sympy.Symbol("n", positive=True, integer=True)   # a size beside a variable named alike
_GENS = (c, d, u, a0, a1, sympy.tanh(c), sympy.Function("relu")(d - c), sympy.Abs(u), sympy.tanh(a0 * d / a1),
         sympy.log(c), sympy.sign(u - d), sympy.log(1 + sympy.Abs(a0 - d) / c), sympy.exp(d), sympy.exp(-c * a0))
_DECLINED = (sympy.sqrt(c), sympy.exp(2 * d), sympy.exp(c + u), sympy.exp(c / 2), sympy.tanh(c * (d + u)),
             sympy.Symbol("n", real=True), n,
             sympy.log(c * d), sympy.log(c * (d + u) + 1))


def _polynomials(gens, terms=5):
    coeff = st.sampled_from((1, -1, 2, -3, sympy.Rational(1, 2), sympy.Rational(-2, 3), 4))
    term = st.tuples(coeff, st.lists(st.tuples(st.sampled_from(gens), st.integers(1, 3)), max_size=3)).map(
        lambda t: t[0] * sympy.Mul(*(g**k for g, k in t[1])))
    return st.lists(term, min_size=1, max_size=terms).map(lambda ts: sympy.Add(*ts))


def _expressions():
    """Quotients of sums and products of sums (reducible now and then), cancelled or as they are, mostly over
    generators the module knows, some over roots, exps and functions whose argument expand would rewrite."""
    gens = st.one_of(st.just(_GENS), st.just(_GENS + _DECLINED))
    return gens.flatmap(lambda g: st.tuples(_polynomials(g), _polynomials(g), _polynomials(g), st.integers(0, 4))).map(
        lambda t: {0: t[0], 1: t[0] / t[1], 2: t[0] * t[1] / t[2]**2, 3: sympy.cancel(t[0] / t[1]),
                   4: sympy.cancel(t[0] * t[2] / t[1])}[t[3]])


@settings(max_examples=500)
@native_share(0.25)
@given(_expressions())
@example(a0 * a1 * c - a0 * d + 2 * a1 * u - sympy.sign(u - d))
@example((-2 * c * d - 2 * u) / (sympy.tanh(c)**2 * d - d - 1))
@example(c * n - c * sympy.Symbol("n", real=True) + d)
@example(sympy.tanh(1) * c + d)
def test_factor_is_sympys_factor(e):
    if e.is_zero or e.has(sympy.zoo, sympy.nan):
        return
    native_answered(factored._by_witnesses(e) is not None)
    assert sympy.srepr(factored.factor(e)) == sympy.srepr(sympy.factor(e)), e


def _products():
    """Expanded products of two small polynomials (reducible: no witness), one perhaps squared, over the module's
    generators, some with fractions, some over a denominator (small: SymPy's factorisation of large ones is slow)."""
    poly = _polynomials(_GENS[:9], 3)
    return st.tuples(poly, poly, st.integers(1, 2), poly, st.booleans()).map(
        lambda t: sympy.expand(t[0] * t[1]**t[2]) / (sympy.expand(t[3]) if t[4] else 1))


@settings(max_examples=150, deadline=None)
@native_share(0.8)
@given(_products())
@example(sympy.expand((c + d) * (c - u)))
@example(sympy.expand((a0 * c + sympy.Rational(1, 2)) * (d - u)**2 * (c + sympy.Abs(u))) / 3)
def test_a_polynomial_without_a_witness_is_factored_on_the_ring(e):
    """Where no witness shows a polynomial irreducible, the ring's factor_list gives SymPy's factors: tree for tree."""
    if e.is_zero or e.is_number:
        return
    native_answered(factored._by_witnesses(e) is not None)
    assert sympy.srepr(factored.factor(e)) == sympy.srepr(sympy.factor(e)), e


def test_generators_alike_to_sympys_order_go_to_sympy():
    reducible = sympy.expand((c + n) * (c - sympy.Symbol("n", real=True)))   # which n leads: SymPy's meeting order
    assert factored._by_witnesses(reducible) is None and factored.factor(reducible) == sympy.factor(reducible)
    assert factored._by_witnesses(sympy.exp(2 * c) + d) is None   # exp(2 c) is exp(c)**2 to SymPy's polynomials
    # a root in every term: together's gcd_terms takes it out, and what is left of c^(3/2) is c's (c d + 1): SymPy's
    assert factored._by_witnesses(c**sympy.Rational(3, 2) * d + sympy.sqrt(c)) is None
    assert factored._by_witnesses(sympy.sqrt(c) * sympy.sqrt(d) + sympy.sqrt(c) * sympy.sqrt(u)) is None
    assert factored._by_witnesses(sympy.sqrt(c) + sympy.Pow(c, sympy.Rational(1, 3))) is None   # two roots of c
    assert factored._by_witnesses((c - 2 * d)**sympy.Rational(3, 2) + 1) is None   # expand: (c - 2 d) sqrt(c - 2 d)
    assert factored._by_witnesses(sympy.tanh(1) * c + d) is None   # tanh(1) a coefficient to SymPy, not a generator


_ROOTS = (sympy.sqrt(c), sympy.sqrt(c**2 * d + 1), sympy.sqrt(sympy.Abs(u)), c**sympy.Rational(1, 3),
          sympy.sqrt(a0 - 2 * d), sympy.sqrt(n), sympy.Abs(u)**sympy.Rational(3, 2), sympy.sqrt(sympy.tanh(c)))
_EXPONENTS = (sympy.Rational(1, 2), sympy.Rational(-1, 2), sympy.Rational(3, 2), sympy.Rational(-3, 2),
              sympy.Rational(1, 3), sympy.Rational(-5, 2), d, -d, d + 1, -(u + 3) / 2, 1, 2, -1)


def _powered():
    """Products of numbers, sums (over generators and roots, to whole powers: a root cubed is no generator) and powers
    of sums, symbols and functions to roots' and symbolic exponents: a sum with a content, a common generator, a
    minus leading, a reducible one, a base met twice (B^e beside B, sqrt(B) beside B^e)."""
    gens = (*_GENS[:11], n, *_ROOTS)
    coeff = st.sampled_from((1, -1, 2, -3, sympy.Rational(1, 2), sympy.Rational(-2, 3), 4, 1, -1))
    poly = _polynomials(gens, 4)
    power = st.tuples(st.one_of(poly, st.sampled_from(gens[:12])), st.sampled_from(_EXPONENTS)).map(lambda t: t[0]**t[1])
    return st.lists(st.one_of(power, power, poly, coeff), min_size=1, max_size=4).map(lambda fs: sympy.Mul(*fs))


@settings(max_examples=600, deadline=None)
@native_share(0.3)
@given(_powered())
@example(sympy.sqrt(sympy.tanh(c)) * sympy.tanh(c)**d)   # powers of one base: factor adds the exponents, Mul does not
@example(sympy.sqrt(-c**2 - 1))   # a minus leading: I sqrt(c**2 + 1) to factor
@example(sympy.sqrt(c**4 * d**2 + c**2 * u))   # a common generator: |c| sqrt(c**2 d**2 + u)
@example(sympy.sqrt(2 * c + 2) / (c + 1))   # a content: sqrt(2) sqrt(c + 1), then merged
@example(sympy.sqrt(c + 1) * (c**2 - 1))   # a base among another factor's factors: (c - 1) (c + 1)**(3/2)
@example(d * c**sympy.Rational(3, 2) + u * c**2)   # c and its root: two generators to gcd_terms and Poly alike
@example((a0 - 2 * d)**sympy.Rational(3, 2) + 1)   # a root of a sum cubed: expand multiplies it out
@example(sympy.Abs(c) * (a0 * c - 2 * c * d * sympy.sqrt(a0 + c**2 * d**2) * sympy.Abs(c)) / sympy.sqrt(a0 + c**2 * d**2))
def test_roots_and_symbolic_powers_are_sympys_factor(e):
    """A root or a symbolic power of a primitive irreducible sum (or of a symbol, a function) factor gives back as it
    is, and a root is one more generator of a polynomial: tree for tree SymPy's factor."""
    if e.is_zero or e.has(sympy.zoo, sympy.nan, sympy.I):
        return
    native_answered(factored._by_witnesses(e) is not None)
    assert sympy.srepr(factored.factor(e)) == sympy.srepr(sympy.factor(e)), e
