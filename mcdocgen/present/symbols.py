"""The symbols every page writes the same way: a name, a shape and a derivative's fraction, in LaTeX.

Vectors bold (``\\mathbf{x}``), matrices and scalars in italics, Greek names as their letters (``lam`` too), a trailing
number as a subscript (``x2`` is ``x_{2}``). The printer (present.latex) writes variables with these, and so do the
steps, the tables and the handouts that name a variable or a derivative outside a formula.
"""

from __future__ import annotations

from collections.abc import Sequence

from sympy.printing.latex import LatexPrinter

from mcdocgen.language.shapes import Shape

GREEK = {
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
    "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
}
# Python's keyword `lambda` cannot name a variable; `lam`, the usual spelling in code, prints as lambda
GREEK_SPELLINGS = {"lam": "lambda"}


def name_latex(name: str, bold: bool = False) -> str:
    """``x`` -> ``x``, ``u_1`` -> ``u_{1}``, ``alpha`` -> ``\\alpha``, ``x2`` -> ``x_{2}``."""
    base, _, sub = name.partition("_")
    if not sub:
        stripped = base.rstrip("0123456789")
        if stripped and stripped != base:
            base, sub = stripped, base[len(stripped):]
    base = GREEK_SPELLINGS.get(base, base)
    core = "\\" + base if base in GREEK else (base if len(base) == 1 else rf"\mathit{{{base}}}")
    if bold:
        core = rf"\boldsymbol{{{core}}}" if base in GREEK else rf"\mathbf{{{core}}}"
    return f"{core}_{{{sub}}}" if sub else core


def symbol_latex(name: str, shape: Shape) -> str:
    """A variable's symbol as every page writes it: vectors bold, scalars and matrices not."""
    return name_latex(name, bold=shape.is_vector_like and not shape.is_scalar)


def shape_latex(shape: Shape) -> str:
    """``(m, n)`` with sizes in italics, as the course notes write shapes."""
    p = LatexPrinter()
    return rf"({p.doprint(shape.rows)}, {p.doprint(shape.cols)})"


def partial_frac(top: str, bottom: str) -> str:
    """``\\frac{\\partial top}{\\partial bottom}``, top and bottom already LaTeX."""
    return rf"\frac{{\partial {top}}}{{\partial {bottom}}}"


def direct_partial_frac(whole: str, fixed: Sequence[str]) -> str:
    """A direct partial: the fraction ``whole`` with a bar saying what it holds fixed (bare, it is the total one)."""
    return rf"\left.{whole}\right\vert_{{{', '.join(fixed)} \text{{ fixed}}}}"


def vec_partial_frac(top: str, bottom: str, numerator: bool) -> str:
    """The vec-form derivative's symbol: ``d vec(top) / d vec(bottom)^T`` (numerator layout) or its
    transpose (denominator), never ``d top / d bottom``, which would name a four-index array."""
    if numerator:
        return rf"\frac{{\partial \operatorname{{vec}} {top}}}{{\partial (\operatorname{{vec}} {bottom})^{{\top}}}}"
    return rf"\frac{{\partial (\operatorname{{vec}} {top})^{{\top}}}}{{\partial \operatorname{{vec}} {bottom}}}"
