"""mcdocgen.publish.latexmk: a LaTeX log read back into one error naming the problem at fault.
(Compiling itself is tested with the handouts, in tests/test_handout.py, where TeX is installed.)"""

from __future__ import annotations

from mcdocgen.publish import latexmk as X

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
