"""What pages show of a second derivative beyond a first derivative's: its kind's words and the NumPy program
that repeats its numeric check with second differences of the function (a matrix variable's entries in
column-major, vec, order)."""

from __future__ import annotations

from mcdocgen import language as E
from mcdocgen.catalog import Problem
from mcdocgen.checks.results import Verification
from mcdocgen.engine.derive import Derivation
from mcdocgen.engine.decompose import function_name
from mcdocgen.engine.hessian import HESSIAN_ORDER, ROUTE, SecondKind, second_kind_by
from mcdocgen.present.symbols import name_latex
from mcdocgen.present.snippet import (_CALL, _call, draw_lines, language_numpy, numpy_snippet, prelude,
                                      relative_error_line, snippet_sizes)


def snippet_of(problem: Problem, d: Derivation) -> str:
    """The NumPy program that repeats a result's numeric check, of a first or a second derivative."""
    return numpy_snippet(problem, d) if d.order == 1 else hessian_snippet(problem, d)


#: The route of a second derivative by a scalar: its first derivative is no gradient (engine.hessian.ROUTE).
SCALAR_ROUTE = "derive the first derivative, then differentiate it"


def second_kind(d: Derivation) -> str:
    """A result's SecondKind ('' for a first derivative)."""
    return second_kind_by(d.wrt_shape) if d.order == HESSIAN_ORDER else ""


def second_words(kind: str) -> str:
    """How a heading or a sentence names a second derivative of this kind (SecondKind)."""
    return "second derivative (Hessian)" if kind == SecondKind.HESSIAN else "second derivative"


def second_heading(kind: str) -> str:
    """``second_words`` at the start of a heading."""
    words = second_words(kind)
    return words[0].upper() + words[1:]


def second_symbol(problem: Problem, d: Derivation) -> str:
    """A second derivative's symbol with the page's f, or empty for a first derivative: a Hessian's
    nabla^2 f, one by a scalar t d^2 f / dt^2, as books write them (its function is the first
    derivative g: the result is the second derivative of f, not merely dg/dt)."""
    kind = second_kind(d)
    f = name_latex(function_name(problem))
    if kind == SecondKind.HESSIAN:
        return rf"\nabla^{{2}} {f}"
    return rf"\frac{{\partial^{{2}} {f}}}{{\partial {name_latex(d.wrt)}^{{2}}}}" if kind else ""


#: Said once under a Hessian whose two layouts print one symmetric matrix in two ways.
SAME_MATRIX = ("The components check finds this Hessian symmetric, so the numerator and denominator forms above, "
               "each the transpose of the other, are the same matrix, though written differently.")


def same_matrix_note(d: Derivation, v: Verification) -> str:
    """:data:`SAME_MATRIX` where a Hessian's layouts print differently and its components check found it
    symmetric, else empty (a check that did not run says nothing)."""
    symmetric = d.order == HESSIAN_ORDER and v.components.passed and v.components.symmetric is True
    return SAME_MATRIX if symmetric and d.numerator != d.result else ""


def route_of(d: Derivation) -> str:
    """How a result was derived, where a page says so (a second derivative's route)."""
    if d.order != HESSIAN_ORDER:
        return ""
    return SCALAR_ROUTE if second_kind(d) is SecondKind.SECOND else ROUTE


def hessian_snippet(problem: Problem, d: Derivation) -> str:
    """Python source that compares the second derivative (a Hessian in denominator layout) with second
    differences of f."""
    try:
        f_text = language_numpy(problem.expression)
        h_text = language_numpy(d.result) if d.result is not None else ""
    except E.ExprError:
        return ""
    if not h_text:
        return ""
    sizes = snippet_sizes(problem, d)
    names = ", ".join(v.name for v in problem.variables)
    x = d.wrt
    lines = [prelude(set(_CALL.findall(f_text + "\n" + h_text))), "_rng = np.random.default_rng(0)"]
    lines += draw_lines(problem, sizes, f_text)
    moved = _call(problem, x, f"_v.reshape({x}.shape, order='F')")
    name, what = (("_second_derivative", f"d^2 f / d{x}^2, one number") if d.wrt_shape.is_scalar else
                  ("_hessian", "denominator layout" + ("" if d.wrt_shape.is_vector_like else
                                                       "; the matrix variable's entries in vec (column-major) order")))
    lines += [
        f"def {name}({names}):  # {what}",
        f"    return np.asarray({h_text}, dtype=float).reshape({x}.size, {x}.size)",
        "",
        f"_analytic = {name}({names})",
        f"_x0, _h = {x}.ravel(order='F'), 1e-4",
        f"_numeric = np.zeros(({x}.size, {x}.size))",
        f"for _i in range({x}.size):",
        f"    for _j in range({x}.size):",
        "        _total = 0.0",
        "        for _si, _sj in ((1, 1), (1, -1), (-1, 1), (-1, -1)):",
        "            _v = _x0.copy(); _v[_i] += _si * _h; _v[_j] += _sj * _h",
        f"            _total += _si * _sj * float(_f({moved}).reshape(-1)[0])",
        "        _numeric[_i, _j] = _total / (4 * _h * _h)",
        relative_error_line(2),
    ]
    return "\n".join(lines) + "\n"
