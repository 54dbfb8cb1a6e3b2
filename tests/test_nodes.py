"""The node classes: constructors that set the fields, the hash and the operands; equality by value with
the stored hash; children in order."""

import dataclasses
import pickle
import zlib

import pytest
import sympy

from language_support import MAT, SCOPE, VEC
from mcdocgen import language as E
from mcdocgen.language import shapes
from mcdocgen.language.nodes import Node

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


def node_classes(cls=Node):
    """Every node class (the slotted ones: dataclass(slots=True) replaced each class as written)."""
    yield cls
    for sub in cls.__subclasses__():
        if "__slots__" in sub.__dict__:
            yield from node_classes(sub)


c = SCOPE.variables["c"]
# Two values of each field type: fields of one type get different ones (a swap shows), and each pick
# passes a value other than the default (a wrong default shows).
VALUES = {
    "Shape": (MAT, VEC), "Node": (A, x), "tuple[Node, ...]": ((x, y), (y, x, y)),
    "tuple[tuple[Node, ...], ...]": (((c, c), (x, c)), ((c,),)), "str": ("f", "g"), "bool": (False, True),
    "int": (1, 2), "Dim": (shapes.size_symbol("n"), shapes.size_symbol("m")), "Fn": (E.Fn.EXP, E.Fn.LOG),
    "Layout": (E.Layout.DENOMINATOR, E.Layout.NUMERATOR), "sympy.Expr": (sympy.Integer(2), sympy.Rational(1, 3)),
}


def reference(cls, values):
    """The hash and the operands of a node from its dataclass fields, written plainly."""
    kids = []
    for f, v in zip(dataclasses.fields(cls)[3:], values[1:], strict=True):   # after shape, _hash, _kids
        kids += [v] if f.type == "Node" else list(v) if f.type == "tuple[Node, ...]" else []
        kids += [e for row in v for e in row] if f.type == "tuple[tuple[Node, ...], ...]" else []
    return hash((zlib.crc32(cls.__name__.encode()), *map(hash, values))) or 1, tuple(kids)


@pytest.mark.parametrize("cls", list(node_classes()), ids=lambda cls: cls.__name__)
@pytest.mark.parametrize("pick", [0, 1])
def test_every_constructor_sets_the_fields_hash_and_children_of_its_fields(cls, pick):
    init = [f for f in dataclasses.fields(cls) if f.init]
    assert [f.name for f in dataclasses.fields(cls)][:3] == ["shape", "_hash", "_kids"]
    values = tuple(VALUES[f.type][(pick + i) % 2] for i, f in enumerate(init))
    node = cls(*values)
    assert tuple(getattr(node, f.name) for f in init) == values
    assert (node._hash, node.children()) == reference(cls, values)
    assert hash(node) == node._hash and node == cls(*values)
    assert pickle.loads(pickle.dumps(node)) == node
    required = [v for f, v in zip(init, values, strict=True) if f.default is dataclasses.MISSING]
    defaults = tuple(v if f.default is dataclasses.MISSING else f.default for f, v in zip(init, values, strict=True))
    assert cls(*required) == cls(*defaults) and cls(*required)._hash == reference(cls, defaults)[0]
