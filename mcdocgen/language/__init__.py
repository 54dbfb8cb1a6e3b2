"""The expression language: shapes, the typed tree of an expression, its safe parser and its printer.

Everything above reads expressions through this package; it imports nothing from mcdocgen but the base
modules (errors, escape). Its API is re-exported here, and callers write
``from mcdocgen import language as E`` (``E.parse``, ``E.add``, ``E.Var``, ``E.to_text``) or
``from mcdocgen.language import Node, Var``. The modules, in the order they build on each other:

- ``shapes``: shapes and the rules that combine them;
- ``nodes``: the node classes (data only), and ``vecnodes`` the vec form's;
- ``walks``: walks over a tree;
- ``build``: the smart constructors, which check shapes, and ``rebuild``/``substitute``;
- ``functions``: the functions of the language, one ``FunctionSpec`` each in ``FUNCTIONS``, and
  every name the parser accepts as a call (``CALLS``);
- ``zeros``: which operands are identically zero, for the parser's refusal of ``c / (d - d)``;
- ``entries``: which entries of an array operand are identically zero at concrete sizes (x_i - x_i);
- ``parse``: the safe parser (text to tree) and its limits;
- ``text``: the language printer (tree to text);
- ``canonical``: the normal form in which a problem's steps are compared with its expression;
- ``transposes``: a transpose taken inside a tree ((A B)^T as B^T A^T), as far as each caller's ``Through``
  says;
- ``vocabulary``: the plain facts the others re-export (layouts, forms, the functions' names, the
  parser's limits), which need no SymPy.

The package loads lazily (PEP 562): importing it loads only ``vocabulary``, and the first use of any
other name of the API loads the whole API, SymPy with it. So the command line's parser, ``mcdocgen
--version`` and the catalog's schema start without the algebra. (The package attribute ``parse`` is
the function; the module is ``mcdocgen.language.parse``. Import the function from the package: a
module that imported ``mcdocgen.language.parse`` before any name of the API was used would leave the
module in the function's place.)
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any


from mcdocgen.errors import ExprError
from mcdocgen.language.vocabulary import (
    KNOWN_FUNCTIONS, MAX_CONSTANT_DIGITS, MAX_DEPTH, MAX_EXPONENT, MAX_EXPRESSION_CHARS, MAX_INDEX, MAX_LITERAL,
    MAX_LITERAL_ENTRIES, Fn, Form, Layout,
)

if TYPE_CHECKING:  # loaded on first use at run time (below); named here for the type checker and the reader
    from mcdocgen.language import shapes
    from mcdocgen.language.build import (
        BUILDERS, add, det, diag, div, dot, eye, func, index, inv, lit, matmul, maximum, mean, mul, neg, norm,
        num, ones, outer, power, rebuild, sub, substitute, total, trace, transpose, var, zero,
    )
    from mcdocgen.language.functions import CALLS, FUNCTIONS, NON_SMOOTH, CallSpec, FunctionSpec, KinkKind, NonSmooth
    from mcdocgen.language.nodes import (
        Add, Binary, Det, Diag, Div, Dot, Eye, Func, Grad, Index, Inv, Lit, MatMul, Maximum, Mean, Mul, Neg,
        Node, Norm, Num, Ones, Outer, Pow, Sum, Trace, Transpose, Unary, Unit, Var, Zero,
    )
    from mcdocgen.language.walks import count_nodes, depends_on, free_vars, walk
    from mcdocgen.language.parse import Scope, parse
    from mcdocgen.language.text import flat, flat_text, syntax_size, text_or_why, to_text, tree_size, try_text
    from mcdocgen.language.build import commutation, kron, sym, vec
    from mcdocgen.language.vecnodes import Commutation, Kron, Sym, Vec
    # The functions of version 2 (spec section 7), kept apart so that other additions merge cleanly.
    from mcdocgen.language.build import logdet, logsumexp, norm1, softmax
    from mcdocgen.language.functions import BOUNDED_DOMAIN
    from mcdocgen.language.nodes import LogDet, LogSumExp, Norm1, Softmax

__all__ = [
    "BUILDERS", "CALLS", "FUNCTIONS", "KNOWN_FUNCTIONS", "MAX_CONSTANT_DIGITS", "MAX_DEPTH", "MAX_EXPONENT",
    "MAX_EXPRESSION_CHARS", "MAX_INDEX", "MAX_LITERAL", "MAX_LITERAL_ENTRIES", "NON_SMOOTH", "Add", "Binary",
    "CallSpec", "Det", "Diag", "Div", "Dot", "ExprError", "Eye", "Fn", "Form", "Func", "FunctionSpec", "Grad",
    "Index", "Inv", "KinkKind", "Layout", "Lit", "MatMul", "Maximum", "Mean", "Mul", "Neg", "Node", "NonSmooth", "Norm",
    "Num", "Ones", "Outer", "Pow", "Scope", "Sum", "Trace", "Transpose", "Unary", "Unit", "Var", "Zero",
    "add", "count_nodes", "depends_on", "det", "diag", "div", "dot", "eye", "free_vars", "func", "index",
    "inv", "lit", "matmul", "maximum", "mean", "mul", "neg", "norm", "num", "ones", "outer", "parse", "power",
    "rebuild", "shapes", "sub", "substitute", "syntax_size", "to_text", "total", "trace", "transpose", "tree_size",
    "try_text", "var", "walk", "zero",
]
__all__ += ["flat", "flat_text", "text_or_why"]   # the text as a textbook reads it (products flat); or why none
__all__ += ["BOUNDED_DOMAIN", "LogDet", "LogSumExp", "Norm1", "Softmax", "logdet", "logsumexp", "norm1", "softmax"]
__all__ += ["Commutation", "Kron", "Sym", "Vec", "commutation", "kron", "sym", "vec"]  # the vec form (issue 12)

# The modules the lazily loaded names come from, searched in this order (a name imported into several
# is one object; tests/test_vocabulary.py checks every name against the imports above).
_HOMES = ("nodes", "vecnodes", "walks", "build", "functions", "parse", "text")
_SUBMODULES = ("shapes",)   # the names of __all__ that are modules (shapes.matmul is not build.matmul)


def __getattr__(name: str) -> Any:
    """A name of the API not loaded yet: load them all (one SymPy import serves every one)."""
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if name in _SUBMODULES:   # `from mcdocgen.language import shapes`, maybe while a home is loading
        return importlib.import_module(f"{__name__}.{name}")
    homes = [importlib.import_module(f"{__name__}.{home}") for home in _HOMES]
    api = globals()
    for each in __all__:
        if each not in api or (isinstance(api[each], ModuleType) and each not in _SUBMODULES):   # `parse`: the function
            api[each] = next(getattr(home, each) for home in homes if hasattr(home, each))
    return api[name]


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
