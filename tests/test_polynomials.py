"""engine.polynomials: the one home of polynomials in named variables (SymPy's sparse ring, generators named apart)."""

from sympy.polys.domains import QQ, ZZ

from mcdocgen.engine.polynomials import over, ring


def test_a_ring_is_made_once_per_size_and_domain():
    assert ring(2, ZZ) is ring(2, ZZ) and ring(2, ZZ) is not ring(2, QQ) and ring(2, QQ).domain == QQ
    assert [str(g) for g in ring(3, QQ).gens] == ["_g0", "_g1", "_g2"]


def test_names_are_generators_by_sorted_position_and_never_parsed():
    named = over(frozenset({"y:3", "x", "lam"}))     # "y:3" would be three symbols to SymPy's parser
    assert named.index == {"lam": 0, "x": 1, "y:3": 2} and named is over(frozenset({"x", "lam", "y:3"}))
    p = (named.var("x") + named.var("y:3")) ** 2 - named.var("x") ** 2
    assert p == named.var("y:3") * (2 * named.var("x") + named.var("y:3"))


def test_a_constant_is_read_where_no_variable_is_left():
    named = over(frozenset({"a", "b"}))
    a, b = named.var("a"), named.var("b")
    assert named.constant((a + QQ(1, 2)) - a) == QQ(1, 2)
    assert named.constant(a - a) == 0 and named.constant(a * b) is None
