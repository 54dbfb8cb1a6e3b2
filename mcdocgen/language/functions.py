"""The functions of the language, each in one place: what every stage needs to know about it.

An elementwise function (``exp``, ``relu``...) is a :class:`FunctionSpec`: its name, its NumPy and
SymPy definitions, its LaTeX, its derivative (the function's derivative lives with the function) and
where it is not smooth. The parser, the printers, the evaluators, the simplifier, the rules, the
checks and the NumPy snippets all read :data:`FUNCTIONS`; adding a function is one ``Fn`` member
(in :mod:`~mcdocgen.language.vocabulary`), one entry there, and its tests.

The other calls the parser knows (``sum``, ``det``, ``dot``, ``eye``...) each build a node type of
their own, whose derivative is a rule of the engine with its identity and whose LaTeX is a method of
the printer; a :class:`CallSpec` gives their name, arity, constructor (with its shape rule) and
NumPy definition. :data:`CALLS` maps every name the parser accepts to its call.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from types import MappingProxyType
from typing import TYPE_CHECKING, cast

import sympy

from mcdocgen.language import build as B
from mcdocgen.language.nodes import (
    Det, Diag, Dot, Eye, Inv, LogDet, LogSumExp, Maximum, Mean, Node, Norm, Norm1, Ones, Outer, Softmax, Sum, Trace, Zero,
)
from mcdocgen.language.vecnodes import Commutation, Kron, Sym, Vec
from mcdocgen.language.shapes import ONE, Shape, column
# The names live in vocabulary (no SymPy or NumPy there: the schema reads them); read from here as ever.
from mcdocgen.language.vocabulary import ALIASES as ALIASES, KNOWN_FUNCTIONS as KNOWN_FUNCTIONS, Call, Fn as Fn

if TYPE_CHECKING:
    import numpy as np

    Array = np.ndarray[tuple[int, ...], np.dtype[np.float64]]


@enum.unique
class KinkKind(enum.StrEnum):
    """How a function fails to be differentiable at a point."""

    CORNER = "corner"   # continuous with a subgradient set (abs, relu, max, norm)
    JUMP = "jump"       # discontinuous (sign, heaviside): no subgradient


@dataclass(frozen=True, slots=True)
class NonSmooth:
    """Where an elementwise function has no derivative: at an argument of 0, a ``kind`` of kink; for a
    corner, ``low``..``high`` is the interval of slopes there (the subgradients)."""

    kind: KinkKind
    low: int = 0
    high: int = 1


@enum.unique
class LatexPower(enum.StrEnum):
    """How the LaTeX printer writes a scalar power of a call."""

    PREFIX = "prefix"      # \sin^{2}\left(x\right), as textbooks write positive powers of named functions
    BRACKETS = "brackets"  # \left(\sigma\left(x\right)\right)^{2}: after the call's bracket the exponent
    #                        would read as on the argument, \sigma(x^2)


def call_latex(name: str, arg: str) -> str:
    """A call in LaTeX: the name, then the argument in brackets that grow with it. ``\\mathopen{}``
    makes the bracket an opening atom: TeX and KaTeX set a \\left...\\right group as an inner atom,
    with a thin space after a name ("tr (X)", "σ (x)"); after an opening one there is none."""
    return rf"{name}\mathopen{{}}\left({arg}\right)"


def _named(latex: str) -> Callable[[str], str]:
    """The usual LaTeX form of a call: the operator, then the argument in brackets."""
    return lambda arg: call_latex(latex, arg)


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    """An elementwise function of the language: ``fn(a)`` has ``a``'s shape (the shape rule of
    :func:`mcdocgen.language.build.func`) and applies to each entry."""

    fn: Fn
    numpy: Callable[[Array], Array]               # on float arrays, entrywise (the numeric checks)
    numpy_text: str                               # the same in a published snippet: "np.exp" or an
    #                                               expression of ``a``; "" where Python's builtin of
    #                                               that name already works on arrays (abs)
    sympy: Callable[[sympy.Expr], sympy.Expr]     # exact, on one entry (the components check)
    sympy_opaque: bool                            # the simplifier keeps it as an undefined function
    #                                               of its name (SymPy would expand its definition)
    latex: str                                    # the operator, as the PREFIX power writes it
    derivative: Callable[[Node, Node], Node]      # (a, the node fn(a)) -> fn'(a), entrywise
    latex_power: LatexPower = LatexPower.PREFIX
    latex_call: Callable[[str], str] | None = None  # the call from its printed argument; None: \op(a)
    kink: NonSmooth | None = None                 # where it is not smooth (at a = 0); None: smooth
    bound: int | None = None                      # defined only where |a| <= bound (arcsin); None: everywhere
    arity: int = field(default=1, init=False)

    @property
    def name(self) -> str:
        """How the language writes it."""
        return self.fn.value

    def to_latex(self, arg: str) -> str:
        """The call in LaTeX, given its argument's LaTeX."""
        return self.latex_call(arg) if self.latex_call is not None else _named(self.latex)(arg)


def _one() -> Node:
    return B.num(1)


def _zero_like(a: Node) -> Node:
    return B.num(0) if a.shape.is_scalar else B.zero(a.shape)


def _arcsin_slope(a: Node) -> Node:
    """1 / sqrt(1 - a^2): the slope of arcsin (and, negated, of arccos)."""
    return B.div(_one(), B.func(Fn.SQRT, B.sub(_one(), B.power(a, B.num(2)))))


# NumPy is imported when a check first evaluates a function, not with the language: parsing a
# catalog needs none of it.
def _np(name: str) -> Callable[[Array], Array]:
    """NumPy's elementwise function ``name`` (``"exp"``: ``np.exp``), looked up when first called."""
    def call(a: Array) -> Array:
        import numpy

        return cast("Array", getattr(numpy, name)(a))
    return call


def _sigmoid(a: Array) -> Array:
    import numpy as np

    return 1.0 / (1.0 + np.exp(-a))


def _relu(a: Array) -> Array:
    import numpy as np

    return np.maximum(0.0, a)


def _heaviside(a: Array) -> Array:
    import numpy as np

    return np.heaviside(a, 0.5)


def _softplus(a: Array) -> Array:
    import numpy as np

    return np.logaddexp(0.0, a)


_SPECS = (
    FunctionSpec(Fn.EXP, _np("exp"), "np.exp", sympy.exp, False, r"\exp",
                 lambda a, value: value),
    FunctionSpec(Fn.LOG, _np("log"), "np.log", sympy.log, False, r"\ln",
                 lambda a, value: B.div(_one(), a)),
    FunctionSpec(Fn.SIN, _np("sin"), "np.sin", sympy.sin, False, r"\sin",
                 lambda a, value: B.func(Fn.COS, a)),
    FunctionSpec(Fn.COS, _np("cos"), "np.cos", sympy.cos, False, r"\cos",
                 lambda a, value: B.neg(B.func(Fn.SIN, a))),
    FunctionSpec(Fn.TAN, _np("tan"), "np.tan", sympy.tan, False, r"\tan",
                 lambda a, value: B.add(_one(), B.power(value, B.num(2)))),
    FunctionSpec(Fn.TANH, _np("tanh"), "np.tanh", sympy.tanh, False, r"\tanh",
                 lambda a, value: B.sub(_one(), B.power(value, B.num(2)))),
    FunctionSpec(Fn.SQRT, _np("sqrt"), "np.sqrt", sympy.sqrt, False, r"\sqrt",
                 lambda a, value: B.div(_one(), B.mul(B.num(2), value)),
                 latex_power=LatexPower.BRACKETS, latex_call=lambda arg: rf"\sqrt{{{arg}}}"),
    FunctionSpec(Fn.ABS, _np("abs"), "", sympy.Abs, False, r"\lvert",
                 lambda a, value: B.func(Fn.SIGN, a),
                 latex_power=LatexPower.BRACKETS, latex_call=lambda arg: rf"\left\lvert {arg} \right\rvert",
                 kink=NonSmooth(KinkKind.CORNER, -1, 1)),
    FunctionSpec(Fn.SIGN, _np("sign"), "np.sign", sympy.sign, False, r"\operatorname{sign}",
                 lambda a, value: _zero_like(a), latex_power=LatexPower.BRACKETS, kink=NonSmooth(KinkKind.JUMP)),
    FunctionSpec(Fn.SIGMOID, _sigmoid, "1 / (1 + np.exp(-a))", lambda e: 1 / (1 + sympy.exp(-e)), True, r"\sigma",
                 lambda a, value: B.mul(value, B.sub(_one(), value)), latex_power=LatexPower.BRACKETS),
    FunctionSpec(Fn.RELU, _relu, "np.maximum(0, a)", lambda e: sympy.Max(0, e), True, r"\operatorname{relu}",
                 lambda a, value: B.func(Fn.HEAVISIDE, a), latex_power=LatexPower.BRACKETS,
                 kink=NonSmooth(KinkKind.CORNER, 0, 1)),
    FunctionSpec(Fn.HEAVISIDE, _heaviside, "np.heaviside(a, 0.5)", sympy.Heaviside, False, "H",
                 lambda a, value: _zero_like(a), latex_power=LatexPower.BRACKETS, kink=NonSmooth(KinkKind.JUMP)),
    FunctionSpec(Fn.SOFTPLUS, _softplus, "np.logaddexp(0, a)",
                 lambda e: sympy.log(1 + sympy.exp(e)), True, r"\operatorname{softplus}",
                 lambda a, value: B.func(Fn.SIGMOID, a), latex_power=LatexPower.BRACKETS),
    FunctionSpec(Fn.ARCSIN, _np("arcsin"), "np.arcsin", sympy.asin, False, r"\arcsin",
                 lambda a, value: _arcsin_slope(a), bound=1),
    FunctionSpec(Fn.ARCCOS, _np("arccos"), "np.arccos", sympy.acos, False, r"\arccos",
                 lambda a, value: B.neg(_arcsin_slope(a)), bound=1),
    FunctionSpec(Fn.ARCTAN, _np("arctan"), "np.arctan", sympy.atan, False, r"\arctan",
                 lambda a, value: B.div(_one(), B.add(_one(), B.power(a, B.num(2))))),
    FunctionSpec(Fn.SINH, _np("sinh"), "np.sinh", sympy.sinh, False, r"\sinh",
                 lambda a, value: B.func(Fn.COSH, a)),
    FunctionSpec(Fn.COSH, _np("cosh"), "np.cosh", sympy.cosh, False, r"\cosh",
                 lambda a, value: B.func(Fn.SINH, a)),
)


FUNCTIONS: Mapping[Fn, FunctionSpec] = MappingProxyType({spec.fn: spec for spec in _SPECS})

# The functions that are not smooth everywhere: a function using one has kinks to report and avoid.
NON_SMOOTH: frozenset[Fn] = frozenset(fn for fn, spec in FUNCTIONS.items() if spec.kink is not None)
# The functions defined on an interval only, by its bound b (|a| <= b): the checks sample inside it.
BOUNDED_DOMAIN: Mapping[Fn, int] = MappingProxyType(
    {fn: spec.bound for fn, spec in FUNCTIONS.items() if spec.bound is not None})


@dataclass(frozen=True, slots=True)
class CallSpec:
    """A name the parser accepts as a call: ``name(a)``, ``name(a, b)`` or, ``takes_size``,
    ``name(n)`` or ``name(m, n)`` of sizes (``arity`` of them)."""

    name: str
    arity: int
    build: Callable[..., Node]      # the smart constructor: checks the shapes, builds the node
    numpy_text: str                 # its definition in a snippet (as FunctionSpec.numpy_text)
    params: tuple[str, ...] = ("a",)
    node: type[Node] | None = None  # the node type it builds (None: a Func, printed by its Fn)
    takes_size: bool = False
    optional: int = 0               # trailing parameters that may be left out (zeros(n) is zeros(n, 1))


def _structural(name: Call, node: type[Node], numpy_text: str, params: tuple[str, ...] = ("a",)) -> CallSpec:
    return CallSpec(name.value, len(params), B.BUILDERS[node], numpy_text, params, node)


def _eye(n: sympy.Expr) -> Node:
    return B.eye(n)


def _ones(n: sympy.Expr) -> Node:
    return B.ones(column(n))


def _zeros(m: sympy.Expr, n: sympy.Expr = ONE) -> Node:
    # a derivative that is zero (the constant rule) is written with it: 0, zeros(n), zeros(m, n)
    return B.zero(Shape(m, n))


def _commutation(m: sympy.Expr, n: sympy.Expr) -> Node:
    return B.commutation(m, n)


# In the order the snippet prelude defines them.
STRUCTURAL: tuple[CallSpec, ...] = (
    _structural(Call.SUM, Sum, "np.sum(a)"),
    _structural(Call.MEAN, Mean, "np.mean(a)"),
    _structural(Call.NORM, Norm, "np.linalg.norm(a)"),
    _structural(Call.DOT, Dot, "np.sum(np.ravel(a) * np.ravel(b))", ("a", "b")),
    _structural(Call.MAXIMUM, Maximum, "np.maximum", ("a", "b")),
    _structural(Call.TR, Trace, "np.trace(a)"),
    _structural(Call.INV, Inv, "np.linalg.inv"),
    _structural(Call.DET, Det, "np.linalg.det"),
    _structural(Call.OUTER, Outer, "np.outer(a, b)", ("a", "b")),
    CallSpec(Call.EYE.value, 1, _eye, "np.eye(n)", ("n",), Eye, takes_size=True),
    CallSpec(Call.ONES.value, 1, _ones, "np.ones((n, 1))", ("n",), Ones, takes_size=True),
    CallSpec(Call.ZEROS.value, 2, _zeros, "np.zeros((m, n))", ("m", "n=1"), Zero, takes_size=True, optional=1),
    _structural(Call.DIAG, Diag, "np.diag(np.ravel(a)) if 1 in np.shape(a) else np.diag(a).reshape(-1, 1)"),
    # the largest entry subtracted first: exp never overflows
    _structural(Call.SOFTMAX, Softmax, "np.exp(a - np.max(a)) / np.sum(np.exp(a - np.max(a)))"),
    _structural(Call.LOGSUMEXP, LogSumExp, "np.max(a) + np.log(np.sum(np.exp(a - np.max(a))))"),
    _structural(Call.NORM1, Norm1, "np.sum(np.abs(a))"),
    _structural(Call.LOGDET, LogDet, "np.log(np.linalg.det(a))"),
    # the vec form (spec section 7): column-major vec, as everywhere in mcdocgen
    _structural(Call.VEC, Vec, "np.reshape(a, (-1, 1), order='F')"),
    _structural(Call.KRON, Kron, "np.kron", ("a", "b")),
    CallSpec(Call.COMMUTATION.value, 2, _commutation,
             "np.eye(m * n)[np.arange(m * n).reshape(m, n, order='F').ravel()]", ("m", "n"), Commutation,
             takes_size=True),
    _structural(Call.SYM, Sym, "(a + a.T) / 2"),
)


def _elementwise(spec: FunctionSpec) -> CallSpec:
    return CallSpec(spec.name, 1, partial(B.func, spec.fn), spec.numpy_text)


def _calls() -> dict[str, CallSpec]:
    calls = {spec.name: _elementwise(spec) for spec in FUNCTIONS.values()}
    calls |= {spec.name: spec for spec in STRUCTURAL}
    calls |= {alias: calls[name] for alias, name in ALIASES.items()}
    return calls


CALLS: Mapping[str, CallSpec] = MappingProxyType(_calls())   # its keys: vocabulary.KNOWN_FUNCTIONS
# The name a node type is printed with (elementwise calls are printed by their Fn).
CALL_NAMES: Mapping[type[Node], str] = MappingProxyType({s.node: s.name for s in STRUCTURAL if s.node is not None})

_ALIAS = re.compile(r"np(\.\w+)+")


def is_numpy_alias(numpy_text: str) -> bool:
    """Whether a snippet definition is a NumPy function itself (``np.exp``), not an expression."""
    return _ALIAS.fullmatch(numpy_text) is not None
