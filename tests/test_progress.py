"""Progress of long work: when it is shown, its words, the live line and the plain lines."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest

from mcdocgen.commands import progress as P
from mcdocgen.commands.pipeline import _Workers, run_problem
from problem_factory import make_problem


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


@pytest.mark.parametrize(("stream", "quiet", "env", "mode"), [
    (Terminal(), False, {}, P.Mode.LIVE),
    (Terminal(), True, {}, P.Mode.OFF),
    (io.StringIO(), False, {"CI": "true"}, P.Mode.PLAIN),
    (io.StringIO(), True, {"CI": "true"}, P.Mode.OFF),
    (io.StringIO(), False, {"CI": "false"}, P.Mode.OFF),
    (io.StringIO(), False, {"CI": "0"}, P.Mode.OFF),
    (io.StringIO(), False, {}, P.Mode.OFF),       # a pipe or a test capturing the output
    (Terminal(), False, {"CI": "1"}, P.Mode.LIVE),  # a terminal wins
    (io.StringIO(), False, {"MCDOCGEN_PROGRESS": "plain"}, P.Mode.PLAIN),   # the variable decides
    (Terminal(), False, {"MCDOCGEN_PROGRESS": "off"}, P.Mode.OFF),
    (io.StringIO(), False, {"MCDOCGEN_PROGRESS": " Live ", "CI": "true"}, P.Mode.LIVE),
    (Terminal(), True, {"MCDOCGEN_PROGRESS": "live"}, P.Mode.OFF),         # --quiet wins
    (Terminal(), False, {"MCDOCGEN_PROGRESS": "loud"}, P.Mode.LIVE),       # an unknown value: the usual choice
])
def test_the_mode_follows_the_stream_ci_and_quiet(stream, quiet, env, mode):
    assert P.mode_for(stream, quiet, env) is mode


@pytest.mark.parametrize(("seconds", "text"), [(0, "0:00"), (9.9, "0:09"), (75.2, "1:15"), (3723, "1:02:03"), (-1, "0:00")])
def test_clock(seconds, text):
    assert P.clock(seconds) == text


def test_the_words_say_count_elapsed_estimate_and_the_running_problem():
    assert P.describe(0, 200, "a", 1.0) == "0 of 200 problems done, 0:01 elapsed; running a"
    assert P.describe(50, 200, "ex5", 30.0) == "50 of 200 problems done, 0:30 elapsed, about 1:30 left; running ex5"
    assert P.describe(200, 200, "", 120.0) == "200 of 200 problems done, 2:00 elapsed"


def test_the_live_line_is_redrawn_in_place_and_erased_at_the_end():
    out, clock = Terminal(), Clock()
    show = P.Progress(out, P.Mode.LIVE, clock)
    show(0, 4, "p1")
    clock.t += 2
    show(1, 4, "p2")
    show(4, 4, "")
    text = out.getvalue()
    assert "\n" not in text   # one line, never scrolled
    draws = text.split(P.ERASE)
    assert draws == ["", "mcdocgen: 0 of 4 problems done, 0:00 elapsed; running p1",
                     "mcdocgen: 1 of 4 problems done, 0:02 elapsed, about 0:06 left; running p2", ""]


def test_plain_lines_come_now_and_then_with_the_same_words():
    out, clock = io.StringIO(), Clock()
    show = P.Progress(out, P.Mode.PLAIN, clock)
    for done in range(30):
        clock.t += 1.0
        show(done, 30, f"p{done}")
    show(30, 30, "")
    lines = out.getvalue().splitlines()
    assert lines == ["mcdocgen: 9 of 30 problems done, 0:10 elapsed, about 0:23 left; running p9",
                     "mcdocgen: 19 of 30 problems done, 0:20 elapsed, about 0:11 left; running p19",
                     "mcdocgen: 29 of 30 problems done, 0:30 elapsed, about 0:01 left; running p29"]


def test_off_writes_nothing_and_asks_for_no_ticks():
    out = Terminal()
    show = P.Progress(out, P.Mode.OFF)
    show(1, 2, "p")
    show(2, 2, "")
    assert out.getvalue() == "" and show.tick is None


def test_the_runner_reports_every_problem_and_the_end():
    """The pipeline tells progress how far it is (counts only grow) and ends with all done, nothing running."""
    problems = [make_problem("norm(x)**2", {"x": ["n"]}, ["x"], pid=f"p{k}") for k in range(3)]
    seen: list[tuple[int, int, str]] = []

    class Recorder:
        tick = None

        def __call__(self, done: int, total: int, current: str) -> None:
            seen.append((done, total, current))

    outcomes = _Workers(2, plots=False).run(problems, Recorder())   # type: ignore[arg-type]
    assert [o.view.id for o in outcomes] == ["p0", "p1", "p2"] and all(o.view.ok for o in outcomes)
    assert seen[-1] == (3, 3, "")
    assert all(total == 3 for _, total, _ in seen)
    assert [done for done, _, _ in seen] == sorted(done for done, _, _ in seen)
    assert {current for _, _, current in seen[:-1]} <= {"p0", "p1", "p2"}


def test_without_pictures_the_view_is_the_same_but_for_them():
    """`check`, `show` and `try` derive without the pages' pictures; everything else is the same."""
    problem = make_problem("sum(exp(x)) + dot(x, x)", {"x": [2]}, ["x"])
    with_plots, without = run_problem(problem), run_problem(problem, plots=False)
    assert with_plots.view.plots and without.view.plots == ()
    assert replace(with_plots.view, plots=()) == without.view
