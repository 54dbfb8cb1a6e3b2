"""mcdocgen.present.plots, plot_data and contours: the pictures plot the DERIVED results evaluated (a planted wrong derivative
would show), f is the expression evaluated, kinks carry the page's subgradient set, contours lie on
their levels, and the SVG bytes depend on nothing but the catalog."""

from __future__ import annotations

import dataclasses
import itertools
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from mcdocgen import language as E
from mcdocgen.catalog import load_catalog
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.present import contours as C
from mcdocgen.present import plot_data as D
from mcdocgen.present import plots as P
from mcdocgen.publish.render import markdown_environment, render_derivatives

ROOT = Path(__file__).resolve().parent.parent
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def outcomes():
    catalog = load_catalog(ROOT / "derivations.yaml")
    wanted = {"ex1-abs", "ex2-relu", "ex3-gradient", "ex4-dot-square", "hessian-concave-parabola",
              "neuron-activation", "scalar-chain", "log-determinant", "lasso"}
    return {p.id: (p, run_problem(p)) for p in catalog.problems if p.id in wanted}


def _first(outcome, wrt: str):
    return next(d for d in outcome.derivations if d.order == 1 and d.wrt == wrt)


def _at(problem, node, wrt: str, x, fixed: dict) -> np.ndarray:
    value = np.array([[x]]) if np.isscalar(x) else np.asarray(x, dtype=float).reshape(-1, 1)
    return evaluate(node, {**fixed, wrt: value}, D.plot_sizes(problem))


def _points(curve: D.Curve) -> list[tuple[float, float]]:
    return [pt for piece in curve.pieces for pt in piece]


def _curve(data: D.CurveData, name: str) -> D.Curve:
    return next(c for c in data.curves if c.name == name)


# ---------------------------------------------------------------- derived, not numeric


@pytest.mark.parametrize("pid, wrt", [("ex1-abs", "x"), ("scalar-chain", "x"), ("neuron-activation", "b"),
                                      ("hessian-concave-parabola", "x")])
def test_plotted_derivative_is_the_derived_result_evaluated(outcomes, pid, wrt):
    problem, outcome = outcomes[pid]
    d = _first(outcome, wrt)
    data = D.curve_data(problem, d, None)
    fixed = dict(data.fixed)
    points = _points(_curve(data, "d1"))
    assert len(points) > 100
    for x, y in points:
        assert y == pytest.approx(_at(problem, d.result, wrt, x, fixed).item(), abs=1e-8), (pid, x)
    for x, y in _points(_curve(data, "f")):
        assert y == pytest.approx(_at(problem, problem.expression, wrt, x, fixed).item(), abs=1e-8), (pid, x)


@pytest.mark.parametrize("pid", ["ex1-abs", "scalar-chain", "hessian-concave-parabola"])
def test_a_planted_wrong_derivative_shows_in_the_plot(outcomes, pid):
    """The curve follows whatever the derivation says: with a wrong result planted, the plot moves
    with it (it is not a difference quotient of f), and differs from the true derivative."""
    problem, outcome = outcomes[pid]
    d = _first(outcome, "x")
    wrong = E.add(d.result, E.var("x", d.result.shape))     # f' + x: wrong away from x = 0
    planted = D.curve_data(problem, dataclasses.replace(d, result=wrong), None)
    fixed = dict(planted.fixed)
    moved = 0
    for x, y in _points(_curve(planted, "d1")):
        assert y == pytest.approx(_at(problem, wrong, "x", x, fixed).item(), abs=1e-8)
        true = _at(problem, d.result, "x", x, fixed).item()
        moved += abs(y - true) > 1e-3
    assert moved > 100


def test_second_derivative_is_the_derived_hessian(outcomes):
    problem, outcome = outcomes["hessian-concave-parabola"]
    d = _first(outcome, "x")
    second = next(h for h in outcome.derivations if h.order == 2)
    data = D.curve_data(problem, d, second)
    assert {y for _, y in _points(_curve(data, "d2"))} == {-2.0}
    view = P.draw_curves(problem, d, second, data)
    assert "second derivative -2 (dotted)" in view.alt
    assert [e.css for e in view.legend] == ["mc-plot__f", "mc-plot__d1", "mc-plot__d2"]


@pytest.mark.parametrize("pid, wrt, arrows", [("ex4-dot-square", "w", 49), ("ex3-gradient", "x", 49),
                                               ("lasso", "w", 49 - 13)])    # lasso: none on the axes (kinks)
def test_arrows_are_the_derived_gradient_and_not_a_planted_one(outcomes, pid, wrt, arrows):
    problem, outcome = outcomes[pid]
    d = _first(outcome, wrt)
    data = D.field_data(problem, d)
    fixed = dict(data.fixed)
    assert len(data.arrows) == arrows
    assert pid != "lasso" or all(0.0 not in a.at for a in data.arrows)
    for a in data.arrows:
        g = _at(problem, d.result, wrt, a.at, fixed).ravel()
        assert a.gradient == pytest.approx(tuple(g), abs=1e-8)
    wrong = E.neg(d.result)
    planted = D.field_data(problem, dataclasses.replace(d, result=wrong))
    assert all(p.gradient == pytest.approx(tuple(-np.array(a.gradient)), abs=1e-8)
               for p, a in zip(planted.arrows, data.arrows, strict=True))
    assert any(np.hypot(*a.gradient) > 1e-3 for a in data.arrows)
    for i, a in enumerate(data.axis):
        for j, b in enumerate(data.axis):
            f = _at(problem, problem.expression, wrt, (a, b), fixed).item()
            assert data.values[i, j] == pytest.approx(f, abs=1e-8)


# ---------------------------------------------------------------- kinks


@pytest.mark.parametrize("pid, wrt, where, low, high", [("ex1-abs", "x", 0.0, -1.0, 1.0), ("ex2-relu", "x", 0.0, 0.0, 1.0)])
def test_kink_carries_the_stated_subgradient_set(outcomes, pid, wrt, where, low, high):
    problem, outcome = outcomes[pid]
    d = _first(outcome, wrt)
    data = D.curve_data(problem, d, None)
    assert [(k.x, k.low, k.high) for k in data.kinks] == [(where, low, high)]
    derivative = _curve(data, "d1")
    assert len(derivative.pieces) == 2          # broken at the kink, not joined by a steep line
    assert derivative.pieces[0][-1][0] < where < derivative.pieces[1][0][0]
    view = P.draw_curves(problem, d, None, data)
    assert f"at {wrt} = 0 the derivative is any value in [{low:g}, {high:g}]" in view.alt
    assert any(p.css == "mc-plot__sub" and re.fullmatch(r"M[\d.]+,[\d.]+V[\d.]+", p.d) for p in view.paths)


def test_kink_away_from_zero_centres_the_interval(outcomes):
    problem, outcome = outcomes["neuron-activation"]
    d = _first(outcome, "b")
    data = D.curve_data(problem, d, None)
    fixed = dict(data.fixed)
    (kink,) = data.kinks
    assert _at(problem, d.kinks[0].at, "b", kink.x, fixed).item() == pytest.approx(0, abs=1e-9)
    assert data.lo == pytest.approx(round(kink.x, 1) - 3) and data.hi == pytest.approx(round(kink.x, 1) + 3)
    assert (kink.low, kink.high) == (0.0, 1.0)


# ---------------------------------------------------------------- contours and ticks


def test_marching_squares_points_lie_on_their_level():
    axis = np.linspace(-3, 3, 31)
    values = np.add.outer(axis ** 2, axis ** 2)      # circles
    lines = C.marching_squares(values, 4.0)
    assert len(lines) == 1 and lines[0][0] == lines[0][-1]      # one closed line
    for i, j, along, t in lines[0]:
        x, y = (axis[i] + t * (axis[i + 1] - axis[i]), axis[j]) if along == "x" else (axis[i], axis[j] + t * (axis[j + 1] - axis[j]))
        assert 0 <= t <= 1 and np.hypot(x, y) == pytest.approx(2.0, abs=0.02)


def test_marching_squares_skips_undefined_cells():
    values = np.add.outer(np.arange(5.0), np.zeros(5))
    values[2, 2] = np.nan
    lines = C.marching_squares(values, 2.5)
    # 4 cells cross the level; the 2 with the undefined corner (2, 2) are skipped: two one-cell lines
    assert [[(i, j) for i, j, _, _ in line] for line in lines] == [[(2, 0), (2, 1)], [(2, 3), (2, 4)]]


def test_levels_are_inside_the_range_and_rounded():
    values = np.linspace(0, 100, 1001) ** 2
    levels = C.contour_levels(values)
    assert len(levels) == C.LEVELS and all(0 < v < 1e4 for v in levels)
    assert all(float(f"{v:.2g}") == v for v in levels)


def test_nice_ticks():
    assert P.nice_ticks(-3, 3) == ([-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0], 0)
    assert P.nice_ticks(-0.2, 1.3, 6) == ([0.0, 0.5, 1.0], 1)


# ---------------------------------------------------------------- what is plotted, and the SVG


def test_which_results_get_a_picture(outcomes):
    kinds = {pid: [(v.kind, v.wrt) for v in o.view.plots] for pid, (_, o) in outcomes.items()}
    assert kinds["ex1-abs"] == [("curves", "x")]
    assert kinds["neuron-activation"] == [("contours", "w"), ("curves", "b")]
    assert kinds["log-determinant"] == []      # a matrix variable: no picture


def _svg(view: P.PlotView) -> str:
    return markdown_environment().get_template("plot.svg.j2").render(plot=view, id="plot-" + view.wrt)


@pytest.mark.parametrize("pid", ["ex1-abs", "ex3-gradient"])
def test_svg_is_well_formed_with_an_accessible_name(outcomes, pid):
    view = outcomes[pid][1].view.plots[0]
    root = ET.fromstring(_svg(view))
    assert root.get("role") == "img"
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == view.title and root.get("aria-labelledby") == title.get("id")
    assert root.find(f"{SVG}desc").text == view.alt
    assert all(re.fullmatch(r"[MLHVZ\d.,\-\s]*", p.get("d")) for p in root.iter(f"{SVG}path"))
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert len(texts) >= len(view.legend) + 4
    labels = root.find(f"{SVG}g")    # tick labels and legend: hidden from screen readers (the desc says it) and search
    assert labels.get("aria-hidden") == "true" and labels.get("data-search-exclude") == ""


def test_curve_coordinates_map_back_to_the_data(outcomes):
    problem, outcome = outcomes["ex1-abs"]
    d = _first(outcome, "x")
    data = D.curve_data(problem, d, None)
    view = P.draw_curves(problem, d, None, data)
    f_path = next(p.d for p in view.paths if p.css == "mc-plot__f")
    coords = [tuple(map(float, pt.split(","))) for pt in re.findall(r"[\d.\-]+,[\d.\-]+", f_path)]
    xs, ys = zip(*coords, strict=True)
    left, right, top, bottom = P.MARGIN
    assert min(xs) == left and max(xs) == P.WIDTH - right
    assert max(ys) <= P.HEIGHT - bottom and min(ys) >= top
    lowest = min(coords, key=lambda c: -c[1])       # |x| is lowest at x = 0, the middle
    assert lowest[0] == pytest.approx((left + P.WIDTH - right) / 2, abs=0.1)


def test_page_has_a_picture_section_only_where_there_is_a_plot(outcomes):
    abs_page = render_derivatives(outcomes["ex1-abs"][1].view)
    assert abs_page.count("### Picture") == 1 and '<svg class="mc-plot mc-plot--curves"' in abs_page
    picture = abs_page[abs_page.index("### Picture"):]
    assert "\n\n" not in picture[picture.index("<figure"):picture.index("</figure>")]   # one raw HTML block
    assert "### Picture" not in render_derivatives(outcomes["log-determinant"][1].view)


def test_blas_noise_does_not_change_the_bytes(outcomes, monkeypatch):
    """A different BLAS kernel changes the last digits of a value; the snapped values and the
    rounded coordinates do not move."""
    problem, outcome = outcomes["ex4-dot-square"]
    before = [_svg(v) for v in P.plot_views(problem, outcome.derivations)]
    real = D.evaluate
    monkeypatch.setattr(D, "evaluate", lambda *a, **k: np.asarray(real(*a, **k)) * (1 + 3e-15))
    after = [_svg(v) for v in P.plot_views(problem, outcome.derivations)]
    assert before == after


SCRIPT = """
import hashlib
from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.publish.render import markdown_environment
tpl = markdown_environment().get_template("plot.svg.j2")
for p in load_catalog("derivations.yaml").problems:
    if p.id in ("ex1-abs", "neuron-activation", "lasso"):
        for v in run_problem(p).view.plots:
            print(p.id, v.wrt, hashlib.sha256(tpl.render(plot=v, id="i").encode()).hexdigest())
"""


def test_same_bytes_under_another_hash_seed():
    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        proc = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True,
                              timeout=300)
        assert proc.returncode == 0, proc.stderr
        runs.append(proc.stdout)
    assert runs[0] == runs[1] and len(runs[0].splitlines()) == 4


def test_try_markdown_leaves_the_picture_out(outcomes):
    """`mcdocgen try --format markdown` prints the page's steps for a terminal: no inline SVG."""
    from mcdocgen.commands.options import TryFormat
    from mcdocgen.commands.trial import render
    from mcdocgen.language import Layout

    problem, outcome = outcomes["ex1-abs"]
    assert outcome.view.plots
    out = render(problem, outcome, TryFormat.MARKDOWN, Layout.NUMERATOR)
    assert "## Derivative with respect to x" in out and "<svg" not in out and "### Picture" not in out


def test_a_positive_variable_is_plotted_from_0():
    from problem_factory import make_problem

    problem = make_problem("log(x)", {"x": []}, assume={"x": ["positive"]})
    outcome = run_problem(problem)
    data = D.curve_data(problem, _first(outcome, "x"), None)
    assert (data.lo, data.hi) == (0.0, 6.0)
    points = _points(_curve(data, "f"))
    # x = 0 (log 0) is left out, and the steep start near it is outside the picture
    assert 0 < points[0][0] < 0.5 and points[-1][0] == 6.0 and len(points) > 0.9 * D.SAMPLES


def test_captions_and_alt_texts_write_math_not_the_catalog_language(outcomes):
    """A reader sees the page's symbols: λ, not the catalog's name lam; the axes x₁ and x₂, not
    Python's w[0]; the formula xᵀ A x as the page writes it, not x.T @ A @ x."""
    view = outcomes["lasso"][1].view.plots[0]
    for text in (view.caption, view.alt, *(label.text for label in view.labels)):
        assert "lam" not in text and "[0]" not in text and "[1]" not in text and "@" not in text, text
    assert "λ = " in view.caption and "w₁ and w₂" in view.caption
    assert "‖" in view.alt      # the norm, as the page writes it


def _path_points(d: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+),(-?[\d.]+)", d)]


def _distance_to_polyline(p: tuple[float, float], line: list[tuple[float, float]]) -> float:
    def to_segment(a: tuple[float, float], b: tuple[float, float]) -> float:
        (ax, ay), (bx, by), (px, py) = a, b, p
        span = (bx - ax) ** 2 + (by - ay) ** 2
        t = 0.0 if span == 0 else min(1.0, max(0.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / span))
        return float(np.hypot(px - ax - t * (bx - ax), py - ay - t * (by - ay)))
    return min(to_segment(a, b) for a, b in itertools.pairwise(line))


def test_a_polyline_keeps_only_the_points_it_needs_and_stays_on_the_curve():
    straight = [(48 + 2.4 * k, 50 + 1.6 * k) for k in range(121)]
    assert P.polyline(straight) == "M48.0,50.0L336.0,242.0"
    assert P.polyline([(1.0, 2.0)]) == "M1.0,2.0" and P.polyline([]) == ""
    curve = [(48 + 4.8 * k, 200 - 150 * np.tanh((k - 60) / 20)) for k in range(121)]
    d = P.polyline(curve)
    kept = _path_points(d)
    assert re.fullmatch(r"M\S+L[\d., ]+", d)
    assert kept[0] == (48.0, round(curve[0][1], 1)) and kept[-1] == (624.0, round(curve[-1][1], 1))
    assert 5 < len(kept) < 60                                      # fewer, not a straight line
    assert max(_distance_to_polyline(p, kept) for p in curve) <= P.TOLERANCE + 0.08   # + rounding to 0.1


def test_no_arrow_at_a_0_over_0_is_said_undefined_not_a_kink():
    """sum(x) / norm(x) has no gradient at x = 0 because it is undefined there (0/0), not because of a
    corner; the norm of x - a has a corner only where the whole of x - a is 0, no arrow is lost elsewhere."""
    from problem_factory import make_problem

    problem = make_problem("sum(x) / norm(x)", {"x": ["2"]})
    d = _first(run_problem(problem), "x")
    data = D.field_data(problem, d)
    assert data is not None and (data.on_kink, data.undefined) == (0, 1)
    (view,) = [v for v in P.plot_views(problem, [d]) if v.kind == "contours"]
    assert "or its gradient is undefined." in view.caption and "kink" not in view.caption
    distance = make_problem("norm(x - a)", {"x": ["2"], "a": ["2"]})
    assert len(D.field_data(distance, _first(run_problem(distance), "x")).arrows) == D.ARROWS ** 2


def test_a_smooth_curve_is_drawn_with_data_under_which_its_derivative_changes_sign():
    # the GP's log likelihood by the noise variance, against the first draw's y = (0, 0.2), only falls
    # (dL/ds < 0 for every s >= 0): the picture takes the first draw, at the first scale of y, under
    # which dL/ds = 0 in view, so that the optimum shows; the fixed values are the caption's
    from problem_factory import make_problem

    problem = make_problem("-y.T @ inv(K + s * eye(n)) @ y / 2 - logdet(K + s * eye(n)) / 2",
                           {"K": ["n", "n"], "y": ["n"], "s": []}, ["s"], pid="ml-gp-marginal-likelihood",
                           assume={"K": ["symmetric", "positive_definite"], "s": ["positive"]})
    d = _first(run_problem(problem), "s")
    data = D.curve_data(problem, d, None)
    slopes = [y for _, y in _points(_curve(data, "d1"))]
    assert min(slopes) < 0 < max(slopes)
    first = D.fixed_values(problem, "s")
    assert all(_at(problem, d.result, "s", x, first).item() < 0 for x in np.linspace(0, 6, 25))
    fixed = dict(data.fixed)
    assert np.array_equal(fixed["K"], D.fixed_values(problem, "s", *_draw(problem, fixed))["K"])


def _draw(problem, fixed) -> tuple[int, float]:
    """The draw and scale the fixed values were taken at."""
    return next((k, c) for c, k in itertools.product(D.SCALES, range(D.DRAWS))
                if all(np.array_equal(v, fixed[n]) for n, v in D.fixed_values(problem, "s", k, c).items()))


def test_a_monotone_curve_keeps_the_first_draw():
    from problem_factory import make_problem

    problem = make_problem("exp(a * x)", {"a": [], "x": []}, ["x"])
    data = D.curve_data(problem, _first(run_problem(problem), "x"), None)
    assert dict(data.fixed)["a"] == D.fixed_values(problem, "x")["a"]


def test_arrows_are_scaled_by_most_of_them_and_the_few_far_longer_are_marked():
    # near where B x is small a quotient's gradient is 100 times the rest: scaled by the longest, the
    # rest would be dots; scaled by a high percentile, the longer ones are drawn at it, dashed
    assert P.arrow_unit([1.0, 2.0, 3.0]) == 3.0 and P.arrow_unit([]) == 0.0
    lengths = [0.2 + 0.05 * k for k in range(40)] + [40.0, 42.0]
    unit = P.arrow_unit(lengths)
    assert unit == float(np.percentile(lengths, P.CLIP_PERCENTILE)) and sum(v > unit for v in lengths) < len(lengths) / 3


def test_the_quotient_of_norms_draws_most_of_its_arrows():
    catalog = load_catalog(ROOT / "derivations.yaml")
    problem = next(p for p in catalog.problems if p.id == "cookbook-quotient-of-norms")
    (view,) = P.plot_views(problem, run_problem(problem).derivations)
    dots = [d for d in view.dots if d.css == "mc-plot__still"]
    clipped = next(p for p in view.paths if "mc-plot__clipped" in p.css)
    assert clipped.d and len(dots) < P.ARROWS * P.ARROWS / 4 and "a dashed arrow is longer than drawn" in view.caption
