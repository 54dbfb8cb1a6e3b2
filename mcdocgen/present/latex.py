"""LaTeX for the language's trees: one printer for the site and the handouts.

A subclass of SymPy's ``LatexPrinter`` with a ``_print_<Class>`` method per node type; brackets where
present.precedence says a part binds looser than its place, names as present.symbols writes them.
Conventions, the same everywhere: vectors bold (``\\mathbf{x}``), matrices and scalars in italics, transpose
``^{\\top}``, components 1-based (``x[0]`` is ``x_{1}``), the elementwise product ``\\circ``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from sympy.printing.latex import LatexPrinter

from mcdocgen import language as E
from mcdocgen.engine.differential import is_differential
from mcdocgen.language import FUNCTIONS, Node
from mcdocgen.language.build import matmuls
from mcdocgen.language.functions import LatexPower, call_latex
from mcdocgen.language.shapes import Shape
from mcdocgen.present.commutation import commutation_latex
from mcdocgen.present.factors import chain_factors, collected_transpose, equal_runs, hadamard_inverse, inner_apart, \
    inner_product, into_fraction, is_inner, join_factors, one_base, scalar_product, scalars_out, self_transposed, \
    number_first, split_sign, times_ones
from mcdocgen.present.precedence import PREC_ADD, PREC_ATOM, PREC_ELEMENTWISE, PREC_MUL, PREC_NEG, is_quotient, is_simple, \
    precedence
from mcdocgen.present.symbols import name_latex, symbol_latex


class _Printer(Protocol):
    """What is used of SymPy's printers, which carry no types: text for a tree or a SymPy expression."""

    def doprint(self, expr: object) -> str: ...


class McLatexPrinter(LatexPrinter):  # type: ignore[misc]  # SymPy's printer has no types: its base is Any to mypy
    """Prints mcdocgen trees; SymPy scalars (numbers, sizes) go to SymPy's own printer."""

    printmethod = "_mcdocgen_latex"
    _scalars: _Printer

    def __init__(self, names: Mapping[str, str] | None = None, function: str = "f") -> None:
        super().__init__({"mul_symbol": None})
        self.names = dict(names or {})
        self.function = function
        self._scalars = LatexPrinter()
        # whether a factor is written right after what is printed now, (dX) B: a matrix's differential there is
        # bracketed and nowhere else (a o dX, A dX, dP / c); a part inherits it but where the printer says otherwise
        # for the part printed next (_next): a left factor is followed, a bracket's or a call's inside is not
        self._followed = False
        self._next: bool | None = None

    # -- helpers
    def doprint(self, expr: object) -> str:
        self._followed, self._next = False, None     # a whole formula: nothing follows it (whatever a failed one left)
        return str(super().doprint(expr))

    def _print(self, expr: object, **kwargs: object) -> str:
        outer = self._followed
        if self._next is not None:
            self._followed, self._next = self._next, None
        try:
            return str(super()._print(expr, **kwargs))
        finally:
            self._followed = outer

    def wrap(self, node: Node, level: int) -> str:
        if precedence(node) < level and (collected := collected_transpose(node)) is not None:
            return self._print(collected)   # (nu - mu)^T A, never (nu^T - mu^T) A
        if is_differential(node) and level >= PREC_ATOM:    # a superscript on it: (dX)^T, (dx)^2
            return f"({self.inside(node)})"
        if precedence(node) < level:
            return rf"\left({self.inside(node)}\right)"
        return self._print(node)

    def before(self, node: Node, level: int) -> str:
        """``node`` wrapped for ``level``, a factor written right after it: (dX) B."""
        self._next = True
        return self.wrap(node, level)

    def apart(self, node: Node, level: int = 0) -> str:
        """``node`` wrapped for ``level``, an operator or a closing bracket after it: a o dX, tr(dX)."""
        self._next = False
        return self.wrap(node, level)

    def inside(self, node: Node) -> str:
        """``node`` printed where a bracket, a call or a fraction bar closes it: nothing follows it."""
        self._next = False
        return self._print(node)

    def var_latex(self, name: str, shape: Shape) -> str:
        if name in self.names:
            return self.names[name]
        return symbol_latex(name, shape)

    # -- nodes
    def emptyPrinter(self, expr: object) -> str:
        """A node type with no ``_print_`` method is a bug here, not a repr to publish."""
        if isinstance(expr, Node):
            raise TypeError(f"no LaTeX printer for {type(expr).__name__}")
        return str(super().emptyPrinter(expr))

    def _print_Var(self, node: E.Var) -> str:
        text = self.var_latex(node.name, node.shape)
        # (dX) B: a factor after a matrix's differential would read as inside it, d(X B); a scalar's reads as
        # Magnus and Neudecker write it, du v (engine.identities)
        followed = self._followed and is_differential(node) and not node.shape.is_scalar
        return f"({text})" if followed else text

    def _print_Num(self, node: E.Num) -> str:
        return self._scalars.doprint(node.value)

    def _print_Grad(self, node: E.Grad) -> str:
        of = self.names.get(node.of, name_latex(node.of))
        fn = self.names.get(node.function, name_latex(node.function))
        return rf"\frac{{\partial {fn}}}{{\partial {of}}}"

    def _print_Add(self, node: E.Add) -> str:
        if node.shape.is_scalar:
            return self.sum_of(number_first(node.terms))
        # a number added to every entry is a vector (matrix) of ones times it: 1 - p is written 1 - p in bold
        return self.sum_of([times_ones(t, node.shape) for t in number_first(node.terms)])

    def sum_of(self, terms: Sequence[Node]) -> str:
        """Terms joined as a sum, a negative term after a minus (a - b, never a + -b)."""
        out = []
        for i, t in enumerate(terms):
            negative, core = split_sign(t)
            self._next = None if i == len(terms) - 1 else False     # a sign, not a factor, after all but the last
            if negative:    # a - (-x), never a - -x
                out.append(" - " + self.wrap(core, PREC_NEG + 1))
            else:
                out.append((" + " if i else "") + self.wrap(t, PREC_ADD))
        text = "".join(out)
        return "-" + text[3:] if text.startswith(" - ") else text

    def _print_Neg(self, node: E.Neg) -> str:
        return "-" + self.wrap(node.arg, PREC_MUL)

    def _print_Mul(self, node: E.Mul) -> str:
        a, b = node.left, node.right
        if not a.shape.is_scalar and not b.shape.is_scalar:
            return rf"{self.apart(a, PREC_ELEMENTWISE + is_quotient(a))} \circ {self.wrap(b, PREC_ELEMENTWISE + 1)}"
        # an inner product is bracketed before a factor and after an array or another: (x^T A x) x, (a^T x)(b^T x)
        left = self.before(a, PREC_MUL + int(is_inner(a) and not isinstance(b, E.Num)))
        # a scalar factor in front needs no brackets around a product: 2 X^T (X w - y)
        # products of scalars are associative: 6 x^2 cos(u), not 6 (x^2 (cos(u)))
        bare = a.shape.is_scalar and (not b.shape.is_scalar or isinstance(b, (E.Mul, E.MatMul, E.Dot))) \
            and precedence(b) >= PREC_MUL and not (is_inner(b) and (not a.shape.is_scalar or is_inner(a)))
        right = self.wrap(b, PREC_MUL if bare else PREC_MUL + 1)
        regrouped = into_fraction(a, b) or inner_apart(a, b)    # 2 x / (x^T x), 2 (a^T x) x: factors.py
        if regrouped is not None:
            return self._print(regrouped)
        if isinstance(a, E.Num) and isinstance(b, E.Div) and not b.left.shape.is_scalar and isinstance(b.right, E.Num):
            return self._print(E.mul(E.num(a.value / b.right.value), b.left))   # -2 M / N: -\frac{2}{N} M
        if isinstance(a, E.Num) and a.value == -1:
            return "-" + right
        if isinstance(a, E.Num) and a.value.could_extract_minus_sign():  # -2 x, not (-2) x
            return "-" + self._print(E.mul(E.num(-a.value), b))
        if isinstance(a, E.Mul) and isinstance(a.left, E.Num) and a.left.value.could_extract_minus_sign() \
                and a.shape.is_scalar:     # the sign of the first factor leads the product: -2 b x
            lead = a.right if a.left.value == -1 else E.mul(E.num(-a.left.value), a.right)
            return "-" + self._print(E.mul(lead, b))
        negative, core = split_sign(node)
        if negative:    # -a b, never (-a) b
            return "-" + self._print(core)
        return join_factors(left, right, r"\,", isinstance(a, E.Num), one_base(a, b))

    def _print_Div(self, node: E.Div) -> str:
        a, b = node.left, node.right
        if not a.shape.is_scalar and not b.shape.is_scalar:     # a product divided by is bracketed: E \oslash (E 1 1^T)
            under = PREC_MUL + 1 if precedence(b) == PREC_MUL else PREC_ELEMENTWISE + 1
            # (T \oslash P) \circ Q, (P \circ Q) \oslash R: no order of \circ and \oslash is left to the reader
            return rf"{self.apart(a, PREC_ELEMENTWISE + 1)} \oslash {self.wrap(b, under)}"
        if isinstance(b, E.Num) and isinstance(a, E.Mul) and isinstance(a.left, E.Num) and \
                (not a.shape.is_scalar or isinstance(a.right, E.Grad)):  # over a number: -\frac{2}{N} X^T v, \frac{N}{2} dL/du
            return self._print(E.mul(E.num(a.left.value / b.value), a.right))
        negative, core = split_sign(node)
        if negative:    # -\frac{a}{b}, never \frac{-a}{b}
            return "-" + self._print(core)
        if not b.shape.is_scalar:   # a scalar over an array: s^{\circ -1}, never \frac{1}{s} (factors.hadamard_inverse)
            return self._print(hadamard_inverse(a, b))
        if isinstance(b, E.Num) and isinstance(a, E.MatMul):   # a matrix product over a number: \frac{1}{2} y^T A y
            return self._print(E.mul(E.num(1 / b.value), a))
        if is_differential(a):   # \frac{1}{\sqrt{d_k}} dp, never \frac{dp}{\sqrt{d_k}}, which reads as a derivative
            return self._print(E.mul(E.num(1 / b.value) if isinstance(b, E.Num) else E.div(E.num(1), b), a))
        return rf"\frac{{{self.inside(collected_transpose(a) or a)}}}{{{self.inside(b)}}}"   # (x - a)^T over it

    def _print_Pow(self, node: E.Pow) -> str:
        base, ex = node.base, node.exp
        exp_text = self.inside(ex)
        circ = "" if node.shape.is_scalar else r"\circ "
        if isinstance(base, E.Func) and _prefix_power(base, ex):  # sin^2(x), the way a textbook writes it
            return call_latex(f"{FUNCTIONS[base.fn].latex}^{{{exp_text}}}", self.inside(base.arg))
        if isinstance(base, _CALLS):
            # (tr(A))^2: after the call's bracket the exponent would sit on the argument, tr((A)^2)
            return rf"\left({self.inside(base)}\right)^{{{circ}{exp_text}}}"
        if isinstance(base, E.Norm):
            return f"{self._print(base)}^{{{circ}{exp_text}}}"
        return f"{self.wrap(base, PREC_ATOM + 1 if isinstance(base, (E.Transpose, E.Inv)) else PREC_ATOM)}^{{{circ}{exp_text}}}"

    def _print_MatMul(self, node: E.MatMul) -> str:
        negative, core = split_sign(node)
        if negative:
            return "-" + self._print(core)
        chain = chain_factors(node)
        scalars = [f for f in chain if f.shape.is_scalar]
        matrices = [f for f in chain if not f.shape.is_scalar]
        runs = equal_runs(matrices)
        if scalars and matrices and scalars_out(chain):     # 3 x^2 A^3, x A b (factors.scalars_out)
            return self._print(E.mul(scalar_product(scalars), matmuls(matrices)))
        if all(count == 1 for _, count in runs):
            return join_factors(self.before(node.left, PREC_MUL), self.wrap(node.right, PREC_MUL), " ")
        text = ""
        for i, (factor, count) in enumerate(runs):
            self._next = None if i == len(runs) - 1 else True
            part = self.wrap(factor, PREC_MUL) if count == 1 else self._matrix_power(factor, count)
            text = join_factors(text, part, " ") if text else part
        return text

    def _matrix_power(self, factor: Node, count: int) -> str:
        """``count`` equal factors of a product as a book writes them: X^{3}, X^{-2}, and a transposed
        one's power transposed, (X^{2})^{\top}, (X^{-2})^{\top}."""
        transposed = isinstance(factor, E.Transpose)
        base = factor.arg if isinstance(factor, E.Transpose) else factor
        inverse = isinstance(base, E.Inv)
        base = base.arg if isinstance(base, E.Inv) else base
        power = f"{self.wrap(base, PREC_ATOM if is_simple(base) else PREC_ATOM + 1)}^{{{'-' if inverse else ''}{count}}}"
        return rf"\left({power}\right)^{{\top}}" if transposed else power

    def _print_Transpose(self, node: E.Transpose) -> str:
        a = node.arg
        if isinstance(a, E.Inv):
            return f"{self.wrap(a.arg, PREC_ATOM if is_simple(a.arg) else PREC_ATOM + 1)}^{{-\\top}}"
        if isinstance(a, E.Ones) or self_transposed(a):    # a row of ones' transpose is the column 1; (D^T D)^T, D^T D
            return self._print(E.Ones(node.shape) if isinstance(a, E.Ones) else a)
        return f"{self.wrap(a, PREC_ATOM + 1 if not is_simple(a) else PREC_ATOM)}^{{\\top}}"

    def _print_Func(self, node: E.Func) -> str:
        if node.fn is E.Fn.LOG and isinstance(node.arg, E.Det):   # log(det(X)) prints as logdet(X): ln det(X)
            return self._print_LogDet(node.arg)
        return FUNCTIONS[node.fn].to_latex(self.inside(node.arg))

    def _print_Maximum(self, node: E.Maximum) -> str:
        return call_latex(r"\max", f"{self.inside(node.left)}, {self.inside(node.right)}")

    def _print_Sum(self, node: E.Sum) -> str:
        # a scalar factor or divisor of the summed array stands in front, as books write it: (2/N) sum(u), not sum((2/N) u)
        inner, top, bottom, negative = node.arg, [], [], False
        while True:
            if isinstance(inner, E.Neg):
                inner, negative = inner.arg, not negative
            elif isinstance(inner, E.Mul) and inner.left.shape.is_scalar and not inner.right.shape.is_scalar:
                top.append(inner.left)
                inner = inner.right
            elif isinstance(inner, E.Div) and inner.right.shape.is_scalar and not inner.left.shape.is_scalar:
                bottom.append(inner.right)
                inner = inner.left
            else:
                break
        if top or bottom:
            factor = E.num(1) if not top else top[0]
            for f in top[1:]:
                factor = E.mul(factor, f)
            for f in bottom:
                factor = E.div(factor, f)
            front = E.mul(factor, E.total(inner))
            return self._print(E.neg(front) if negative else front)
        return call_latex(r"\operatorname{sum}", self.inside(node.arg))

    def _print_Mean(self, node: E.Mean) -> str:
        return call_latex(r"\operatorname{mean}", self.inside(node.arg))

    def _print_Norm(self, node: E.Norm) -> str:
        return rf"\left\lVert {self.inside(node.arg)} \right\rVert"

    def _print_Dot(self, node: E.Dot) -> str:   # u^T v, as the cited books print it (factors.inner_product)
        return self._print(inner_product(node))

    def _print_Trace(self, node: E.Trace) -> str:
        return call_latex(r"\operatorname{tr}", self.inside(node.arg))

    def _print_Det(self, node: E.Det) -> str:
        return call_latex(r"\det", self.inside(node.arg))

    def _print_Inv(self, node: E.Inv) -> str:
        return f"{self.wrap(node.arg, PREC_ATOM + 1 if not is_simple(node.arg) else PREC_ATOM)}^{{-1}}"

    def _print_Diag(self, node: E.Diag) -> str:
        return call_latex(r"\operatorname{diag}", self.inside(node.arg))

    def _print_Softmax(self, node: E.Softmax) -> str:
        return call_latex(r"\operatorname{softmax}", self.inside(node.arg))

    def _print_LogSumExp(self, node: E.LogSumExp) -> str:
        return call_latex(r"\operatorname{LSE}", self.inside(node.arg))

    def _print_Norm1(self, node: E.Norm1) -> str:
        return rf"\left\lVert {self.inside(node.arg)} \right\rVert_{{1}}"

    def _print_LogDet(self, node: E.LogDet | E.Det) -> str:   # a Det: log(det(X)), its argument X as logdet's
        return call_latex(r"\ln\det", self.inside(node.arg))     # ln, as the catalog's log prints (functions.py)

    def _print_Outer(self, node: E.Outer) -> str:
        a = E.transpose(node.left) if node.left.shape.is_row else node.left
        b = E.transpose(node.right) if node.right.shape.is_column else node.right
        return join_factors(self.before(a, PREC_MUL), self.wrap(b, PREC_MUL), " ")

    def _print_Eye(self, node: E.Eye) -> str:
        return "I"

    def _print_Ones(self, node: E.Ones) -> str:
        s = node.shape
        return r"\mathbf{1}" if s.is_column else r"\mathbf{1}^{\top}" if s.is_row else r"\mathbf{1}\mathbf{1}^{\top}"

    def _print_Zero(self, node: E.Zero) -> str:
        """With its size, as textbooks write a zero nothing beside it sizes: 0_{n}, 0_{n}^T, 0_{m x n}."""
        s, size = node.shape, self._scalars.doprint
        if s.is_scalar or not s.is_vector_like:
            return "0" if s.is_scalar else rf"\mathbf{{0}}_{{{size(s.rows)} \times {size(s.cols)}}}"
        return rf"\mathbf{{0}}_{{{size(s.rows if s.is_column else s.cols)}}}" + (r"^{\top}" if s.is_row else "")

    def _print_Index(self, node: E.Index) -> str:
        a = node.arg
        if isinstance(a, E.Transpose) and isinstance(a.arg, E.Var):
            # an entry of a transposed matrix is the mirrored entry, (A^T)_{12} = A_{21}: narrower
            return self._print_Index(E.index(a.arg, node.col, node.row))
        if isinstance(a, E.Var):
            base = self.var_latex(a.name, E.shapes.SCALAR) if a.name not in self.names else name_latex(a.name)
            if "_{" in base:   # a subscripted name takes the entry's subscript outside brackets: (u_{6})_{21}
                base = rf"\left({base}\right)"
        else:   # bracketed once, whatever subscripts are inside (a derivative's u_{6})
            base = rf"\left({self.inside(a)}\right)"
        if a.shape.is_column:
            sub = str(node.row + 1)
        elif a.shape.is_row:
            sub = str(node.col + 1)
        else:
            sub = f"{node.row + 1}{node.col + 1}" if node.row < 9 and node.col < 9 else f"{node.row + 1},{node.col + 1}"
        return f"{base}_{{{sub}}}"

    def _print_Unit(self, node: E.Unit) -> str:
        s, i, j = node.shape, node.row + 1, node.col + 1
        return rf"\mathbf{{e}}_{{{i}}}" if s.is_column else rf"\mathbf{{e}}_{{{j}}}^{{\top}}" if s.is_row else rf"E_{{{i}{j}}}"

    def _print_Lit(self, node: E.Lit) -> str:
        rows = r" \\ ".join(" & ".join(self.inside(e) for e in row) for row in node.rows)
        return rf"\begin{{bmatrix}} {rows} \end{{bmatrix}}"

    # the vec form (issue 12)
    def _print_Vec(self, node: E.Vec) -> str:   # vec(I_n): nothing beside it fixes the identity's size either
        arg = node.arg
        inner = rf"I_{{{self._scalars.doprint(arg.shape.rows)}}}" if isinstance(arg, E.Eye) else self.inside(arg)
        return call_latex(r"\operatorname{vec}", inner)

    def _print_Kron(self, node: E.Kron) -> str:
        left = self._kron_factor(node.left, False)     # an operator after it
        return rf"{left} \otimes {self._kron_factor(node.right, None)}"

    def _kron_factor(self, node: Node, followed: bool | None) -> str:
        """A Kronecker factor; an identity with its size, I_{n}, as Magnus and Neudecker write it (no product fixes it)."""
        if isinstance(node, E.Eye):
            return rf"I_{{{self._scalars.doprint(node.shape.rows)}}}"
        self._next = followed
        return self.wrap(node, PREC_ELEMENTWISE + 1)

    def _print_Commutation(self, node: E.Commutation) -> str:
        return commutation_latex(self._scalars.doprint(node.m), self._scalars.doprint(node.n))

    def _print_Sym(self, node: E.Sym) -> str:
        return call_latex(r"\operatorname{sym}", self.inside(node.arg))


#: Nodes printed as a name and its argument in brackets (\\sqrt and \\lvert ... \\rvert calls too):
#: a power of one is bracketed whole (docs/notation.md#reading, "Powers of calls").
_CALLS = (E.Func, E.Trace, E.Det, E.LogDet, E.Sum, E.Mean, E.Softmax, E.LogSumExp, E.Diag, E.Maximum, E.Sym, E.Vec)


def _prefix_power(base: E.Func, ex: Node) -> bool:
    """Whether a scalar call's power prints sin^2(x): a named elementary function, a positive integer (sin^{-1}: arcsin)."""
    return (base.shape.is_scalar and FUNCTIONS[base.fn].latex_power is LatexPower.PREFIX
            and isinstance(ex, E.Num) and ex.value.is_Integer and ex.value > 0)


def to_latex(node: Node, names: Mapping[str, str] | None = None) -> str:
    return McLatexPrinter(names).doprint(node)
