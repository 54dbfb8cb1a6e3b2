"""The node classes and the walks over a tree: equality by value with a cached hash, children in
order, and walks that visit what they promise."""

import pickle

from language_support import MAT, SCOPE, VEC
from mcdocgen import language as E
from mcdocgen.language import shapes

x, y, A = SCOPE.variables["x"], SCOPE.variables["y"], SCOPE.variables["A"]


def test_trees_built_twice_are_equal_and_hash_alike():
    one, two = E.parse("A @ x + exp(y)", SCOPE), E.parse("A @ x + exp(y)", SCOPE)
    assert one == two and one is not two
    assert hash(one) == hash(two)
    assert one != E.parse("A @ x + exp(x)", SCOPE)
    assert {one: 1}[two] == 1


def test_nodes_of_different_types_with_the_same_fields_differ():
    assert E.Sum(shapes.SCALAR, x) != E.Mean(shapes.SCALAR, x)
    assert E.Transpose(VEC, x) != E.Neg(VEC, x)


def test_a_pickled_tree_is_equal_and_does_not_carry_its_hash():
    node = E.parse("sum(x * y) + tr(A)", SCOPE)
    data = pickle.dumps(node)
    # another process hashes strings differently: the hashes (the node's, its shapes') are computed there
    for h in (node._hash, node.shape._hash, A._hash, A.shape._hash):
        assert h != 0 and h.to_bytes(8, "little", signed=True) not in data
    copy = pickle.loads(data)
    assert copy == node and copy is not node and hash(copy) == hash(node)
    assert copy.children() == node.children()


def test_children_are_the_operands_in_order():
    assert E.matmul(A, x).children() == (A, x)
    assert E.transpose(x).children() == (x,)
    assert E.add(x, y, x).children() == (x, y, x)
    c, d = SCOPE.variables["c"], SCOPE.variables["d"]
    assert E.lit(((c, d), (d, c))).children() == (c, d, d, c)
    assert E.index(x, 1, 0).children() == (x,)
    assert E.eye(3).children() == () and x.children() == ()


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
