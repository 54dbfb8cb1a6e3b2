"""The language's plain facts: the words it knows and the parser's limits, with no SymPy or NumPy.

The layouts and forms, how a name is spelt, the names of the functions and calls, and the limits
that bound the work any text can cause. Plain data only, so that the command line's parser, the
catalog's JSON Schema and the catalog's checks of names load without the algebra (a SymPy import
costs a third of a second); the modules that use these facts re-export them where they always were
(``shapes.Layout``, ``functions.Fn``, ``functions.KNOWN_FUNCTIONS``).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from types import MappingProxyType

# ---------------------------------------------------------------- layouts and forms


@enum.unique
class Layout(enum.StrEnum):
    """The two conventions: numerator (d f/d x has f's rows) and denominator (its transpose)."""

    NUMERATOR = "numerator"
    DENOMINATOR = "denominator"


@enum.unique
class Form(enum.StrEnum):
    """How a derivative is written (the report's ``form``): a matrix (spec sections 3 and 6 for scalars
    and vectors, and a matrix by a scalar), or the vec form of Magnus and Neudecker (section 5)."""

    MATRIX = "matrix"
    VEC = "vec"


# ---------------------------------------------------------------- names

SIZE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")  # a size's name (and a variable's, a step's)


@enum.unique
class Fn(enum.StrEnum):
    """Elementwise functions of the language (each has one entry in ``functions.FUNCTIONS``)."""

    EXP = "exp"
    LOG = "log"
    SIN = "sin"
    COS = "cos"
    TAN = "tan"
    TANH = "tanh"
    SQRT = "sqrt"
    ABS = "abs"
    SIGN = "sign"
    SIGMOID = "sigmoid"
    RELU = "relu"
    HEAVISIDE = "heaviside"
    SOFTPLUS = "softplus"
    ARCSIN = "arcsin"
    ARCCOS = "arccos"
    ARCTAN = "arctan"
    SINH = "sinh"
    COSH = "cosh"


@enum.unique
class Call(enum.StrEnum):
    """The other calls, each building a node type of its own (one entry each in ``functions.STRUCTURAL``),
    in the order the snippet prelude defines them."""

    SUM = "sum"
    MEAN = "mean"
    NORM = "norm"
    DOT = "dot"
    MAXIMUM = "maximum"
    TR = "tr"
    INV = "inv"
    DET = "det"
    OUTER = "outer"
    EYE = "eye"
    ONES = "ones"
    ZEROS = "zeros"
    DIAG = "diag"
    SOFTMAX = "softmax"
    LOGSUMEXP = "logsumexp"
    NORM1 = "norm1"
    LOGDET = "logdet"
    VEC = "vec"
    KRON = "kron"
    COMMUTATION = "commutation"
    SYM = "sym"


ALIASES: Mapping[str, str] = MappingProxyType({"max": Call.MAXIMUM.value})  # accepted, never printed
#: Every name the parser accepts as a call (the keys of ``functions.CALLS``).
KNOWN_FUNCTIONS: tuple[str, ...] = tuple(sorted({*(f.value for f in Fn), *(c.value for c in Call), *ALIASES}))

# ---------------------------------------------------------------- the parser's limits

MAX_EXPRESSION_CHARS = 2000
MAX_DEPTH = 60
MAX_EXPONENT = 1000
MAX_LITERAL = 10**12
MAX_INDEX = 999          # sizes are at most 1000
MAX_LITERAL_ENTRIES = 100  # of a vector or matrix written by components; derivatives of one grow as its square
MAX_CONSTANT_DIGITS = 10_000  # a constant such as 2**1000 is fine; towers of powers are not
MAX_SIZE_FACTORS = 8     # factors of a size argument such as eye(m*n)
