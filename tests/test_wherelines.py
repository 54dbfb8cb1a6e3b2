"""The "where" block of a row that writes names: its definitions as one-line equations, the sentence Copy LaTeX
gives, the display rows and the terminal's lines."""

from language_support import SCOPE
from mcdocgen import language as E
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.naming import Name
from mcdocgen.present.wherelines import where_equations, where_rows, where_text, with_where_line

A, B, x = (SCOPE.variables[k] for k in ("A", "B", "x"))
M, u = E.var("M", A.shape), E.var("u", x.shape)
NAMES = (Name(M, E.add(A, B)), Name(u, E.matmul(M, x)))
LATEX = McLatexPrinter().doprint


def test_each_definition_is_one_equation_on_one_line():
    assert where_equations(NAMES, LATEX) == ("M = A + B", r"\mathbf{u} = M \mathbf{x}")
    assert where_equations((), LATEX) == ()


def test_the_sentence_puts_the_definitions_after_a_where():
    assert with_where_line("f = u^T u", ("M = A + B", "u = M x")) == r"f = u^T u, \quad \text{where } M = A + B, u = M x"
    assert with_where_line("f = u^T u", ()) == "f = u^T u"     # no names: the display alone


def test_the_display_rows_align_at_the_equals_sign():
    assert where_rows(NAMES, LATEX) == ("M &= A + B", r"\mathbf{u} &= M \mathbf{x}")
    assert where_rows(NAMES[:1], LATEX) == ("M = A + B",)       # one row: nothing to align


def test_the_terminal_writes_the_definitions_in_the_language():
    assert where_text(NAMES) == ("M = A + B", "u = M @ x")
