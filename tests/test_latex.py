"""The LaTeX printer: exact strings for small expressions, one convention everywhere."""

import re

import pytest

import language_support
from language_support import SQUARED_CALLS

from mcdocgen import language as E
from mcdocgen.language import FUNCTIONS
from mcdocgen.language.functions import LatexPower
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.symbols import name_latex, shape_latex
from mcdocgen.present.mathtext import math_text
from mcdocgen.language.shapes import from_spec

VARS = {
    "x": from_spec(["n"]), "w": from_spec(["n"]), "y": from_spec(["m"]), "X": from_spec(["m", "n"]),
    "A": from_spec(["n", "n"]), "b": from_spec([]), "v": from_spec([3]), "alpha": from_spec([]),
}
SCOPE = E.Scope({k: E.var(k, s) for k, s in VARS.items()},
                {s: E.shapes.size_symbol(s) for s in ("m", "n", "N")})


def tex(text: str) -> str:
    return McLatexPrinter().doprint(E.parse(text, SCOPE))


@pytest.mark.parametrize("text, latex", [
    ("x", r"\mathbf{x}"),
    ("X", "X"),
    ("b", "b"),
    ("alpha", r"\alpha"),
    ("x.T", r"\mathbf{x}^{\top}"),
    ("(X @ w - y).T", r"\left(X \mathbf{w} - \mathbf{y}\right)^{\top}"),
    ("v[0]", "v_{1}"),
    ("X[1, 0]", "X_{21}"),
    ("2 * X.T @ (X @ w - y)", r"2\,X^{\top} \left(X \mathbf{w} - \mathbf{y}\right)"),
    ("w * x", r"\mathbf{w} \circ \mathbf{x}"),
    ("inv(A)", "A^{-1}"),
    ("inv(A).T", r"A^{-\top}"),
    ("det(A)", r"\det\mathopen{}\left(A\right)"),
    ("log(det(A))", r"\ln\det\mathopen{}\left(A\right)"),
    ("norm(x)**2", r"\left\lVert \mathbf{x} \right\rVert^{2}"),
    ("dot(x, w)", r"\mathbf{x}^{\top} \mathbf{w}"),
    ("tr(A)", r"\operatorname{tr}\mathopen{}\left(A\right)"),
    ("max(0, b)", r"\max\mathopen{}\left(0, b\right)"),
    ("abs(b)", r"\left\lvert b \right\rvert"),
    ("sum(x) / N", r"\frac{\operatorname{sum}\mathopen{}\left(\mathbf{x}\right)}{N}"),
    ("ones(n).T", r"\mathbf{1}^{\top}"),
    ("eye(n)", "I"),
    ("diag(x)", r"\operatorname{diag}\mathopen{}\left(\mathbf{x}\right)"),
    ("outer(x, w)", r"\mathbf{x} \mathbf{w}^{\top}"),
    ("[b, 2 * b]", r"\begin{bmatrix} b \\ 2\,b \end{bmatrix}"),
    ("x - w", r"\mathbf{x} - \mathbf{w}"),
    ("-b + 1", r"-b + 1"),
    ("heaviside(b)", r"H\mathopen{}\left(b\right)"),
    ("x**2", r"\mathbf{x}^{\circ 2}"),
    # elementwise products bind looser than matrix products
    ("X.T @ ((X @ w - y) * y)", r"X^{\top} \left(\left(X \mathbf{w} - \mathbf{y}\right) \circ \mathbf{y}\right)"),
    ("(X @ w) * y", r"X \mathbf{w} \circ \mathbf{y}"),
    ("X.T @ (y / (exp(X @ w) + 1))", r"X^{\top} \left(\mathbf{y} \oslash \left(\mathbf{1} + \exp\mathopen{}\left(X \mathbf{w}\right)\right)\right)"),
    ("2 * (w * x)", r"2\,\left(\mathbf{w} \circ \mathbf{x}\right)"),
    # a product divided by is bracketed: E / (E 1 1^T) read bare as (E / E) 1 1^T (review item 14)
    ("A / outer(A @ x, w)", r"A \oslash \left(A \mathbf{x} \mathbf{w}^{\top}\right)"),
    ("x / (A @ w)", r"\mathbf{x} \oslash \left(A \mathbf{w}\right)"),
    ("(A @ x) / w", r"A \mathbf{x} \oslash \mathbf{w}"),
    # a negative coefficient leads with its sign, bracketed only where a factor or a power follows
    ("-2 * b", r"-2\,b"),
    ("-2 * (b - 1)", r"-2\,\left(b - 1\right)"),
    ("(-2 * b) * x", r"-2\,b\,\mathbf{x}"),
    ("b * (-2 * b)", r"b\,\left(-2\,b\right)"),
    ("(-2 * b)**2", r"\left(-2\,b\right)^{2}"),
    ("b - (-2 * b)", r"b - \left(-2\,b\right)"),
    ("x.T @ (-x)", r"\mathbf{x}^{\top} \left(-\mathbf{x}\right)"),
    # a product's sign is its first factor's and a quotient's its numerator's, out in front; a matrix
    # product over a number is the number's reciprocal times it (the quadratic form's -1/2 y^T A y)
    ("-x.T @ A @ x", r"-\mathbf{x}^{\top} A \mathbf{x}"),
    ("-x.T @ A @ x / 2", r"-\frac{1}{2}\,\mathbf{x}^{\top} A \mathbf{x}"),
    ("b - x.T @ A @ x / 2", r"b - \frac{1}{2}\,\mathbf{x}^{\top} A \mathbf{x}"),
    ("b * (-x.T @ A @ x)", r"b\,\left(-\mathbf{x}^{\top} A \mathbf{x}\right)"),
    ("-b / alpha", r"-\frac{b}{\alpha}"),
    ("(-b) * alpha", r"-b\,\alpha"),
    ("(-x) * (y.T @ y)", r"-\mathbf{x}\,\left(\mathbf{y}^{\top} \mathbf{y}\right)"),
    ("-(x * w) / 2", r"-\frac{\mathbf{x} \circ \mathbf{w}}{2}"),
    # numbers never run together: a product sign before a number, and between a number and a fraction
    ("b * 2", r"b \cdot 2"),
    ("b * (2 * b)", r"b \cdot 2\,b"),
    ("x.T @ (2 * w)", r"2\,\mathbf{x}^{\top} \mathbf{w}"),
    # an inner product as the cited books print it, the row times the column (review item 13)
    ("dot(x, A @ x) / dot(x, x)", r"\frac{\mathbf{x}^{\top} A \mathbf{x}}{\mathbf{x}^{\top} \mathbf{x}}"),
    ("dot(x - w, inv(A) @ (x - w))",
     r"\left(\mathbf{x} - \mathbf{w}\right)^{\top} A^{-1} \left(\mathbf{x} - \mathbf{w}\right)"),
    ("dot(x.T, w.T)", r"\mathbf{x}^{\top} \mathbf{w}"),
    ("dot(-x, w)", r"-\mathbf{x}^{\top} \mathbf{w}"),
    ("dot(x, w)**2", r"\left(\mathbf{x}^{\top} \mathbf{w}\right)^{2}"),
    ("2 * dot(x, w)", r"2\,\mathbf{x}^{\top} \mathbf{w}"),
    # ... bracketed beside an array: (x^T A x) x, never x^T A x x
    ("dot(x, A @ x) * x", r"\left(\mathbf{x}^{\top} A \mathbf{x}\right)\,\mathbf{x}"),
    ("(x.T @ A @ x) * x", r"\left(\mathbf{x}^{\top} A \mathbf{x}\right)\,\mathbf{x}"),
    ("x * dot(x, w)", r"\mathbf{x}\,\left(\mathbf{x}^{\top} \mathbf{w}\right)"),
    ("2 * dot(x, w) * x", r"2\,\left(\mathbf{x}^{\top} \mathbf{w}\right)\,\mathbf{x}"),
    ("dot(x, w) * dot(w, x)",
     r"\left(\mathbf{x}^{\top} \mathbf{w}\right)\,\left(\mathbf{w}^{\top} \mathbf{x}\right)"),
    ("dot(x, w) * b", r"\left(\mathbf{x}^{\top} \mathbf{w}\right)\,b"),
    ("b * dot(x, w)", r"b\,\mathbf{x}^{\top} \mathbf{w}"),
    # a number times a quotient goes into its numerator (review item 12): 2 x / (x^T x), never 2 . x / ...
    ("2 * (1 / b)", r"\frac{2}{b}"),
    ("2 * (x / dot(x, x))", r"\frac{2\,\mathbf{x}}{\mathbf{x}^{\top} \mathbf{x}}"),
    ("2 * ((A @ x - b * x) / dot(x, x))",
     r"\frac{2\,\left(A \mathbf{x} - b\,\mathbf{x}\right)}{\mathbf{x}^{\top} \mathbf{x}}"),
    ("2 * ((alpha / b**2) * x)", r"\frac{2\,\alpha}{b^{2}}\,\mathbf{x}"),
    ("2 * (A @ ((1 / b) * x))", r"\frac{2}{b}\,A \mathbf{x}"),
    ("3 * ((2 * b) / alpha)", r"\frac{6\,b}{\alpha}"),
    # a scalar factor of a matrix product printed first (review item 17): x A b, not A x b
    ("X @ (b * x)", r"b\,X \mathbf{x}"),
    # two factors of one base kept apart, as books write the product rule's x . x^2 (review item 17)
    ("b * b**2", r"b \cdot b^{2}"),
    ("b**2 * b**3", r"b^{2} \cdot b^{3}"),
    # a number over an array is its elementwise inverse, never a vector in a denominator (review s35 item 7)
    ("1 / x", r"\mathbf{x}^{\circ -1}"),
    ("A.T @ (1 / (w - A @ x))", r"A^{\top} \left(\mathbf{w} - A \mathbf{x}\right)^{\circ -1}"),
    ("(1 / x.T) @ A", r"\left(\mathbf{x}^{\circ -1}\right)^{\top} A"),
    ("(1 / x).T @ A", r"\left(\mathbf{x}^{\circ -1}\right)^{\top} A"),
    ("diag(1 / x**2)", r"\operatorname{diag}\mathopen{}\left(\mathbf{x}^{\circ -2}\right)"),
    ("b / x", r"b\,\mathbf{x}^{\circ -1}"),
    ("-(2 / x)", r"-2\,\mathbf{x}^{\circ -1}"),
    ("(2 / x) * w", r"2\,\mathbf{x}^{\circ -1} \circ \mathbf{w}"),
    # a bracketed sum of transposes is one transposed sum, as books write (nu - mu)^T T^-1 (review s35 item 15)
    ("(x.T - w.T) @ A", r"\left(\mathbf{x} - \mathbf{w}\right)^{\top} A"),
    ("-(x.T + w.T) @ A", r"-\left(\mathbf{x} + \mathbf{w}\right)^{\top} A"),
    ("x.T - w.T", r"\mathbf{x}^{\top} - \mathbf{w}^{\top}"),
    ("(x.T - w.T @ A) @ A", r"\left(\mathbf{x}^{\top} - \mathbf{w}^{\top} A\right) A"),
    # ... and over a fraction bar, as the result prints it: (x - a)^T / ||x - a|| (review s36 C-15)
    ("(x.T - w.T) / norm(x - w)",
     r"\frac{\left(\mathbf{x} - \mathbf{w}\right)^{\top}}{\left\lVert \mathbf{x} - \mathbf{w} \right\rVert}"),
    ("(x.T - w.T @ A) / b", r"\frac{\mathbf{x}^{\top} - \mathbf{w}^{\top} A}{b}"),
    # a product that is its own transpose by its form: (D^T D)^T is D^T D (review s35 item 15)
    ("A @ (X.T @ X).T @ A", r"A X^{\top} X A"),
    ("(X @ X.T).T", r"X X^{\top}"),
    ("(X.T @ y @ y.T @ X).T", r"X^{\top} \mathbf{y} \mathbf{y}^{\top} X"),
    ("(A @ X.T @ X).T", r"\left(A X^{\top} X\right)^{\top}"),
    # where the elementwise product and quotient meet, brackets say which goes first (review s35 item 14)
    ("x / w * (w / x)", r"\left(\mathbf{x} \oslash \mathbf{w}\right) \circ \left(\mathbf{w} \oslash \mathbf{x}\right)"),
    ("x * w / x", r"\left(\mathbf{x} \circ \mathbf{w}\right) \oslash \mathbf{x}"),
    ("x / w / x", r"\left(\mathbf{x} \oslash \mathbf{w}\right) \oslash \mathbf{x}"),
    ("x * w * exp(x)", r"\mathbf{x} \circ \mathbf{w} \circ \exp\mathopen{}\left(\mathbf{x}\right)"),
])
def test_exact_latex(text, latex):
    assert tex(text) == latex


def test_names_and_shapes():
    assert name_latex("u_1") == "u_{1}"
    assert name_latex("x2") == "x_{2}"
    assert name_latex("u_1", bold=True) == r"\mathbf{u}_{1}"
    assert name_latex("loss") == r"\mathit{loss}"
    assert shape_latex(from_spec(["m", "n"])) == "(m, n)"


def test_a_node_type_without_a_print_method_is_an_error_not_a_repr():
    from dataclasses import dataclass

    @dataclass(frozen=True, slots=True)
    class Unknown(E.Unary):
        """A node type the printer has never heard of."""

    with pytest.raises(TypeError, match="no LaTeX printer for Unknown"):
        McLatexPrinter().doprint(E.add(Unknown(E.shapes.SCALAR, E.num(1)), E.num(2)))


def test_lam_prints_as_lambda_which_python_cannot_name_a_variable():
    from mcdocgen.present.symbols import name_latex
    assert name_latex("lam") == r"\lambda"
    assert name_latex("lam_2") == r"\lambda_{2}"
    assert name_latex("lamb") == r"\mathit{lamb}"


def test_a_transposed_row_of_ones_is_the_column_of_ones():
    # an intermediate put back may leave (1^T)^T: the row's transpose is printed 1, not 1^T
    from mcdocgen.language import Transpose, shapes
    n = shapes.size_symbol("n")
    printer = McLatexPrinter()
    for shape, printed in ((shapes.column(n), r"\mathbf{1}^{\top}"), (shapes.Shape(1, n), r"\mathbf{1}"),
                           (shapes.Shape(n, n), r"\mathbf{1}\mathbf{1}^{\top}")):
        assert printer.doprint(Transpose(shape.transpose(), E.ones(shape))) == printed


def test_a_sum_of_terms_gives_a_negative_term_its_minus():
    # the chain rule's matrix-form rows join their contributions: a - b, never a + -b
    x, y = (E.var(name, from_spec([])) for name in "xy")
    assert McLatexPrinter().sum_of([x, E.neg(y)]) == "x - y"
    assert McLatexPrinter().sum_of([E.neg(x), y]) == "-x + y"


def test_an_entry_of_a_derivative_is_bracketed_once():
    """(df/du_6)_{12}, not ((df/du_6))_{12}: the fraction's u_{6} is inside the one pair of brackets
    (cookbook-toeplitz-trace; a student-eyed review); a subscripted name is still bracketed once."""
    p = McLatexPrinter()
    square = from_spec([3, 3])
    entry = p.doprint(E.index(E.Grad(square, "f", "u_6"), 0, 1))
    assert entry == r"\left(\frac{\partial f}{\partial u_{6}}\right)_{12}"
    assert p.doprint(E.index(E.var("u_6", square), 1, 0)) == r"\left(u_{6}\right)_{21}"
    assert p.doprint(E.index(E.var("A", square), 1, 0)) == "A_{21}"


# --- powers of calls (docs/notation.md#reading) -------------------------------------------------------


def _base_of_power(text: str) -> str:
    """The plain text a formula's outermost power is on: all before its last top-level ``^``."""
    depth, at = 0, -1
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if ch == "^" and depth == 0:
            at = i
    return text[:at]


@pytest.mark.parametrize("text", SQUARED_CALLS)
def test_a_power_of_a_call_is_on_the_whole_call_in_latex_and_text(text: str) -> None:
    # tr(A)^2 in TeX puts the exponent on the argument's bracket: MathML and a reader see tr((A)^2)
    latex = McLatexPrinter().doprint(E.parse(text, language_support.SCOPE))
    plain = math_text(latex).text
    base = _base_of_power(plain)
    prefix = re.fullmatch(r"[a-z]+\^\d+\(c\)", plain)   # sin^2(c), only a positive power of a named function
    if prefix:
        assert FUNCTIONS[E.Fn(plain.split("^")[0].replace("ln", "log"))].latex_power is LatexPower.PREFIX
        assert not text.endswith("-1")
    elif base.startswith("("):
        assert base.endswith(")") and _base_of_power(base + "^2") == base
        depth = [base[: i + 1].count("(") - base[: i + 1].count(")") for i in range(len(base))]
        assert 0 not in depth[:-1], plain   # the first bracket closes last: it holds the whole call
    else:
        assert base.endswith(("‖", "‖_1", "⟩")), plain   # delimiters that close the call themselves


@pytest.mark.parametrize("text, latex, plain", [
    ("tr(A)**2", r"\left(\operatorname{tr}\mathopen{}\left(A\right)\right)^{2}", "(tr(A))^2"),
    ("sigmoid(x)**2", r"\left(\sigma\mathopen{}\left(\mathbf{x}\right)\right)^{\circ 2}", "(σ(x))^∘2"),
    ("sin(c)**2", r"\sin^{2}\mathopen{}\left(c\right)", "sin^2(c)"),
    ("sin(c)**-1", r"\left(\sin\mathopen{}\left(c\right)\right)^{-1}", "(sin(c))^-1"),   # not arcsin
    ("norm(x)**2", r"\left\lVert \mathbf{x} \right\rVert^{2}", "‖x‖^2"),
])
def test_powers_of_calls_print_as_the_notation_page_says(text: str, latex: str, plain: str) -> None:
    printed = McLatexPrinter().doprint(E.parse(text, language_support.SCOPE))
    assert (printed, math_text(printed).text) == (latex, plain)


@pytest.mark.parametrize("text, latex, plain", [
    ("sigmoid(x) * (1 - sigmoid(x))", r"\sigma\mathopen{}\left(\mathbf{x}\right) \circ \left(\mathbf{1} - "
     r"\sigma\mathopen{}\left(\mathbf{x}\right)\right)", "σ(x) ∘ (𝟏 - σ(x))"),
    ("x - 2", r"\mathbf{x} - 2\,\mathbf{1}", "x - 2 𝟏"),
    ("1 - A", r"\mathbf{1}\mathbf{1}^{\top} - A", "𝟏𝟏^T - A"),
    ("b + x", r"b + \mathbf{x}", "b + x"),      # a scalar variable stays itself
    ("b + 1", "b + 1", "b + 1"),                  # a sum of scalars has numbers, not ones
])
def test_a_number_added_to_an_array_prints_as_ones(text: str, latex: str, plain: str) -> None:
    # sigma(Xw) o (1 - sigma(Xw)) read as a scalar minus a vector (a reader review)
    printed = tex(text)
    assert (printed, math_text(printed).text) == (latex, plain)


@pytest.mark.parametrize("text, latex", [
    ("kron(eye(n), A)", r"I_{n} \otimes A"),
    ("kron(x.T, eye(m))", r"\mathbf{x}^{\top} \otimes I_{m}"),
    ("eye(n) + A", "I + A"),      # beside A its size is evident
    ("vec(eye(n))", r"\operatorname{vec}\mathopen{}\left(I_{n}\right)"),   # vec(I) beside I_n read as one size
])
def test_an_identity_in_a_kronecker_product_has_its_size(text: str, latex: str) -> None:
    # x^T (x) I left the reader to guess I's size from nothing (a reader review)
    assert tex(text) == latex


@pytest.mark.parametrize("spec, latex, plain", [
    ([], "0", "0"),
    (["n"], r"\mathbf{0}_{n}", "𝟎_n"),
    ([1, "n"], r"\mathbf{0}_{n}^{\top}", "𝟎_n^T"),
    (["m", "n"], r"\mathbf{0}_{m \times n}", "𝟎_(m × n)"),
    ([2, 3], r"\mathbf{0}_{2 \times 3}", "𝟎_(2 × 3)"),
])
def test_a_zero_array_has_its_size(spec, latex: str, plain: str) -> None:
    # a constant's derivative is a zero standing alone: nothing beside it says its size (a bare 0 did not)
    printed = McLatexPrinter().doprint(E.zero(from_spec(spec)))
    assert (printed, math_text(printed).text) == (latex, plain)


@pytest.mark.parametrize("text, latex", [
    ("A @ A @ A", "A^{3}"),
    ("3 * b**2 * A @ A @ A", r"3\,b^{2}\,A^{3}"),            # scalars commute out (a reader saw 3 x^2 A A A)
    ("A @ (2 * A) @ x", r"2\,A^{2} \mathbf{x}"),
    ("(A @ A).T", r"\left(A^{2}\right)^{\top}"),
    ("A.T @ A.T", r"\left(A^{2}\right)^{\top}"),              # as books write it, not (A^T)^2
    ("-inv(A).T @ inv(A).T", r"-\left(A^{-2}\right)^{\top}"),  # the Cookbook's -(X^-2)^T
    ("inv(A) @ inv(A)", "A^{-2}"),
    ("(A + eye(n)) @ (A + eye(n))", r"\left(A + I\right)^{2}"),
    ("A.T @ A @ A.T", r"A^{\top} A A^{\top}"),                 # no two equal neighbours
    ("A @ (-2 * A)", r"A \left(-2\,A\right)"),                  # a factor with its own sign stays
])
def test_equal_neighbouring_factors_print_as_a_matrix_power(text: str, latex: str) -> None:
    assert tex(text) == latex


def test_the_log_of_a_determinant_prints_as_logdet_prints():
    """log(det(A)) and logdet(A) are one function on the page: ln det(A), as a textbook writes it."""
    assert tex("log(det(A))") == tex("logdet(A)") == r"\ln\det\mathopen{}\left(A\right)"


def test_a_differential_stays_where_the_product_rule_puts_it():
    """A scalar factor inside a matrix product is printed first (t A B, review item 17), but a scalar
    differential keeps its place, A dt B, as the differential's product rule writes A (dX) B."""
    from mcdocgen.engine.differential import dvar
    t, a, b = E.var("t", from_spec([])), E.var("A", from_spec(["n", "n"])), E.var("B", from_spec(["n", "n"]))
    dt = dvar(t)
    printer = McLatexPrinter({dt.name: r"\mathrm{d}t"})
    assert printer.doprint(E.matmul(a, E.mul(dt, b))) == r"A\,\mathrm{d}t\,B"
    assert printer.doprint(E.matmul(a, E.mul(t, b))) == r"t\,A B"


def test_a_differential_is_bracketed_only_where_a_factor_follows_it_or_a_superscript_sits_on_it():
    """Review s37 B-2: ds = (dp_1)/sqrt(d_k) and a o (ds) - a a^T (ds) bracketed the differential for no reason.
    It is bracketed where a factor follows it, (dX) B, or a superscript sits on it, (dX)^T and (dx)^2, as the
    identities write d(UV) = (dU)V + U dV; nowhere else, nested products included."""
    from mcdocgen.engine.differential import dvar
    x, s, a, b = (E.var("X", from_spec(["n", "n"])), E.var("s", from_spec(["n"])), E.var("a", from_spec(["n"])),
                  E.var("B", from_spec(["n", "n"])))
    c, t = E.var("c", from_spec([])), E.var("t", from_spec([]))
    dx, ds, dt = dvar(x), dvar(s), dvar(t)
    printer = McLatexPrinter({dx.name: r"\mathrm{d}X", ds.name: r"\mathrm{d}\mathbf{s}", dt.name: r"\mathrm{d}t"})
    show = printer.doprint
    assert show(E.div(ds, c)) == r"\frac{1}{c}\,\mathrm{d}\mathbf{s}"   # never a fraction that reads as a derivative
    assert show(E.add(E.mul(a, ds), E.neg(E.matmul(E.matmul(a, E.transpose(a)), ds)))) == \
        r"\mathbf{a} \circ \mathrm{d}\mathbf{s} - \mathbf{a} \mathbf{a}^{\top}\,\mathrm{d}\mathbf{s}"
    assert show(E.add(E.matmul(dx, b), E.matmul(b, dx))) == r"(\mathrm{d}X) B + B\,\mathrm{d}X"
    assert show(E.matmul(E.matmul(b, dx), b)) == r"B (\mathrm{d}X) B"      # last in B dX, but B follows
    assert show(E.neg(E.matmul(E.matmul(E.inv(x), dx), E.inv(x)))) == r"-X^{-1} (\mathrm{d}X) X^{-1}"
    assert show(E.transpose(dx)) == r"(\mathrm{d}X)^{\top}"
    assert show(E.power(dt, E.num(2))) == r"(\mathrm{d}t)^{2}"     # d(x)^2 keeps its bracket, a scalar's too
    assert show(E.add(dx, E.mul(c, dx))) == r"\mathrm{d}X + c\,\mathrm{d}X"
    assert show(E.trace(E.matmul(dx, b))) == r"\operatorname{tr}\mathopen{}\left((\mathrm{d}X) B\right)"
    assert show(E.mul(E.trace(dx), b)) == r"\operatorname{tr}\mathopen{}\left(\mathrm{d}X\right)\,B"


def test_a_size_times_a_derivative_over_a_number_prints_its_coefficient_first():
    """Review s35 item 15: the Gaussian's chain printed -(N . dL/du_6)/2, a fraction in a fraction's numerator."""
    size = E.num(E.shapes.size_symbol("N"))
    grad = E.Grad(E.shapes.SCALAR, "L", "u_6")
    minus = E.num(-E.shapes.size_symbol("N"))
    assert McLatexPrinter().doprint(E.div(E.mul(size, grad), E.num(2))) == \
        r"\frac{N}{2} \cdot \frac{\partial L}{\partial u_{6}}"
    assert McLatexPrinter().doprint(E.div(E.mul(minus, grad), E.num(2))) == \
        r"-\frac{N}{2} \cdot \frac{\partial L}{\partial u_{6}}"


def test_a_scalar_factor_of_a_summed_array_is_printed_in_front_of_the_sum():
    """Review s38: neuron-loss's dC/db read sum((2/N)(H(z) o (relu(z) - y))); books write (2/N) sum(...), a sign
    and a divisor in front too. The tree is unchanged: only the printing."""
    u = E.var("u", from_spec(["n"]))
    big_n = E.var("N", from_spec([]))
    p = McLatexPrinter()
    summed = r"\operatorname{sum}\mathopen{}\left(\mathbf{u}\right)"
    assert p.doprint(E.total(E.mul(E.num(2), E.div(u, big_n)))) == r"\frac{2}{N}\," + summed
    assert p.doprint(E.total(E.neg(E.mul(E.num(2), E.div(u, big_n))))) == r"-\frac{2}{N}\," + summed
    assert p.doprint(E.total(E.mul(big_n, u))) == r"N\," + summed
    assert p.doprint(E.total(u)) == summed
