"""A continued display row inside a bracket is set past the bracket (present.indent; review s36 C-1)."""

from __future__ import annotations

from mcdocgen.present.indent import open_bracket
from mcdocgen.present.lines import LINE_WIDTH, equation_rows
from mcdocgen.present.texwidth import width

M = r"\left(A + X^{\top} C X + D^{\top} D\right)"     # D^T D: wide enough to break in the site's math font
SIDE = (rf"{M}^{{-\top}} X^{{\top}} \left(B - B X {M}^{{-\top}} X^{{\top}} C\right) "
        rf"+ {M}^{{-1}} X^{{\top}} \left(B - B X {M}^{{-1}} X^{{\top}} C\right)")


def test_a_row_inside_a_bracket_starts_past_it_and_a_new_term_does_not() -> None:
    """(A + X^T C X)^-T X^T (B then - B X ... was indented as the next term + ... is, and read as one."""
    rows = equation_rows(r"\frac{\partial f}{\partial X}", SIDE)
    assert len(rows) > 2
    for k, row in enumerate(rows[1:], 1):
        inside = open_bracket([r.partition("&")[2] for r in rows[:k]]) is not None
        assert row.startswith(r"&\hphantom{") == inside, rows
        assert not inside or r"\big(" in row.partition("}{}")[0], row    # the phantom ends at the bracket
    assert sum(row.startswith(r"&\hphantom{") for row in rows) == 2       # each "- B X ..." row
    assert all(width(row) <= LINE_WIDTH for row in rows), rows       # fits a phone past the bracket


def test_a_bracket_that_ends_its_row_keeps_the_plain_indent() -> None:
    assert open_bracket([r"= f\bigl("]) is None
    assert open_bracket([r"= f\bigl(a", r"- b\bigr)"]) is None
    assert open_bracket([r"= f\bigl(a + g\bigl(b"]) == (0, r"= f\bigl(a + g\bigl(")
