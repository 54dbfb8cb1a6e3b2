"""One scope of variables and sizes of every shape, shared by the tests of the language."""

from mcdocgen import language as E
from mcdocgen.language import shapes

N = shapes.size_symbol("n")
VEC = shapes.column(N)
MAT = shapes.square(N)
SCOPE = E.Scope(
    variables={
        "x": E.var("x", VEC),
        "y": E.var("y", VEC),
        "A": E.var("A", MAT),
        "B": E.var("B", MAT),
        "S": E.var("S", MAT, symmetric=True),
        "c": E.var("c", shapes.SCALAR),
        "d": E.var("d", shapes.SCALAR),
        "X": E.var("X", shapes.Shape(shapes.size_symbol("m"), N)),
    },
    sizes={"n": N, "m": shapes.size_symbol("m")},
)
