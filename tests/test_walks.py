"""The walks over a tree visit what they promise."""

from language_support import MAT, SCOPE
from mcdocgen import language as E
from mcdocgen.language.walks import matmul_factors

x, y, A = SCOPE.variables["x"], SCOPE.variables["y"], SCOPE.variables["A"]


def test_walk_visits_every_node_parents_first():
    node = E.parse("exp(A @ x) + y", SCOPE)
    seen = list(E.walk(node))
    assert seen[0] is node
    assert len(seen) == 6
    assert seen.index(node.terms[0]) < seen.index(A)


def test_count_nodes_stops_past_the_limit():
    node = E.parse("exp(x) + sin(y) + x", SCOPE)
    total = len(list(E.walk(node)))
    assert E.count_nodes(node, 100) == total > 5
    assert E.count_nodes(node, 2) == 3


def test_free_vars_and_depends_on():
    node = E.parse("A @ x + ones(n)", SCOPE)
    assert E.free_vars(node) == {"A", "x"}
    assert E.depends_on(node, {"x"}) and not E.depends_on(node, {"y"})
    assert A.shape == MAT


def test_a_products_factors_are_read_however_it_is_associated():
    B = SCOPE.variables["B"]
    assert matmul_factors(E.matmul(E.matmul(A, B), x)) == [A, B, x] == matmul_factors(E.matmul(A, E.matmul(B, x)))
    assert matmul_factors(E.add(A, B)) == [E.add(A, B)]     # not a product: the node itself
