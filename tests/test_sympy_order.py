"""sympy_order.leading_coefficient against SymPy's own polynomials' leading coefficient."""

from __future__ import annotations

from hypothesis import given, settings, strategies as st
import sympy

from mcdocgen.engine.sympy_order import leading_coefficient

_GENS = [sympy.Symbol(n, real=True) for n in ("c", "d", "x", "_atom0", "_atom1", "_atom10", "_atom2")]
_TERMS = st.dictionaries(
    st.tuples(*(st.integers(0, 2) for _ in range(3))), st.integers(-3, 3).filter(bool), min_size=1, max_size=4)


@settings(derandomize=True, max_examples=150, deadline=None)
@given(st.permutations(_GENS).map(lambda g: g[:3]), _TERMS)
def test_the_leading_coefficient_is_sympys(gens: list[sympy.Symbol], terms: dict[tuple[int, ...], int]) -> None:
    as_terms = [(c, {g: k for g, k in zip(gens, powers, strict=True) if k}) for powers, c in terms.items()]
    e = sympy.Add(*(c * sympy.Mul(*(g**k for g, k in p.items())) for c, p in as_terms))
    if e.is_Number:
        return
    # SymPy's generators are those that occur; ours too (a zero power is left out)
    assert leading_coefficient(as_terms) == sympy.Poly(e).LC()


def test_two_generators_alike_to_sympys_order_are_not_known() -> None:
    # a size n (a Symbol) beside an atom printed n: _sort_gens cannot tell which leads
    n_size, n_atom = sympy.Symbol("n"), sympy.Symbol("n", real=True)
    assert leading_coefficient([(1, {n_size: 1}), (-1, {n_atom: 1})]) is None
