"""One scope of variables and sizes of every shape, shared by the tests of the language, and values
for them at concrete sizes, shared by the tests of evaluation."""

import numpy as np
import sympy

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

SIZES = {N: 3, shapes.size_symbol("m"): 2}   # n and m in the numeric tests


def scope_values(seed: int) -> dict[str, np.ndarray]:
    """A value for each of SCOPE's variables at SIZES, all 2-D: x, y positive (log, sqrt), A
    well conditioned (inv), S symmetric positive definite (logdet)."""
    rng = np.random.default_rng(seed)
    return {
        "x": rng.uniform(0.5, 1.5, (3, 1)), "y": rng.uniform(0.5, 1.5, (3, 1)),
        "A": rng.normal(size=(3, 3)) + 3 * np.eye(3), "B": rng.normal(size=(3, 3)),
        "S": np.eye(3) + 0.1, "c": np.array([[0.7]]), "d": np.array([[1.3]]), "X": rng.normal(size=(2, 3)),
    }


def exact(value: np.ndarray) -> sympy.Matrix:
    """The same matrix in exact rationals: each float's own binary value, not its decimal print."""
    return sympy.Matrix(value.shape[0], value.shape[1], lambda i, j: sympy.Rational(float(value[i, j])))


#: The square of every call of the language with a scalar value, in the language: how the printers
#: write a power of a call (tests/test_latex.py for LaTeX and text, tests/test_mathml.py for MathML).
SQUARED_CALLS = (
    *(f"{fn.value}(c)**2" for fn in E.Fn),
    *(f"{fn.value}(x)**2" for fn in (E.Fn.SIGMOID, E.Fn.SIN, E.Fn.EXP)),   # elementwise: ^{∘ 2}
    "tr(A)**2", "det(A)**2", "logdet(A)**2", "sum(x)**2", "mean(x)**2", "logsumexp(x)**2",
    "maximum(c, d)**2", "norm(x)**2", "norm1(x)**2", "dot(x, y)**2",
    "sin(c)**-1", "tr(A)**-1", "det(A)**(1/2)",
)
