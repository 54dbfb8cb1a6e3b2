"""mcdocgen.publish.latexmk: a LaTeX log read back into one error naming the problem at fault.
(Compiling itself is tested with the handouts, in tests/test_handout.py, where TeX is installed;
here only that an overfull page stops it.)"""

from __future__ import annotations

import pytest

from mcdocgen.errors import HandoutError
from mcdocgen.publish import latexmk as X
from test_handout import need

LOG = r"""This is pdfTeX, Version 3.141592653-2.6-1.40.24
Overfull \hbox (0.5pt too wide) in paragraph at lines 40--41
Overfull \hbox (12.25pt too wide) in paragraph at lines 120--121
Overfull \hbox (3.0pt too wide) in alignment at lines 200--210
Overfull \hbox (7.5pt too wide) detected at line 300
! Undefined control sequence.
l.125 \mcbroken
               x
"""


def test_log_is_mapped_back_to_the_problem():
    tex = "\n".join(["\\documentclass{article}"] * 100 + [X.PROBLEM_MARK + "first"] + ["x"] * 19
                    + [X.PROBLEM_MARK + "second"] + ["y"] * 100 + [X.END_MARK] + ["z"] * 100)
    assert X.problem_at(tex, 50) == "" and X.problem_at(tex, 101) == "first"
    assert X.problem_at(tex, 125) == "second" and X.problem_at(tex, 260) == ""
    assert X.overfull_boxes(LOG) == [(12.25, 120), (3.0, 200), (7.5, 300)]
    error = X.latex_error("job", tex, LOG)
    assert error.problem == "second" and error.first_error == "! Undefined control sequence."
    assert str(error) == "job.tex: LaTeX error in problem 'second' at line 125: ! Undefined control sequence."


PAGES_LOG = r"""(microtype) [2022/06/01 v1.0 something]
[1

{/var/lib/texmf/fonts/map/pdftex/updmap/pdftex.map}] [2] [3] [4] [5] [6] [7] [8
] [9] [10] [11] [12] [13] [14] [15] [16] [17] [18] [19] [20] [21] [22] [23] [24
] [25] [26] [27] [28] [29] [30] [31] [32]
Overfull \vbox (0.51999pt too high) has occurred while \output is active []

[33] [34]
Overfull \vbox (5.0pt too high) detected at line 12
[35]
"""


def test_an_overfull_page_is_found_with_its_page_number():
    """TeX reports a page set taller than the page before it ships it: the page after the last one
    shipped (a package's date in brackets is not a page; a \\vbox of the text is not a page)."""
    assert X.overfull_pages(PAGES_LOG) == [(0.51999, 33)]
    assert X.overfull_pages("Overfull \\vbox (2.0pt too high) has occurred while \\output is active []\n[1]") == [(2.0, 1)]


def test_an_overfull_page_is_an_error():
    need("latexmk", "pdflatex")
    tex = r"\documentclass{article}\begin{document}x\par\vbox to 1.2\textheight{}\end{document}"
    with pytest.raises(HandoutError, match=r"tall\.tex: page 2 is [0-9.]+pt taller than the page"):
        X.compile_pdf(tex, "tall")
