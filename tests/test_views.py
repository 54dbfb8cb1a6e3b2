"""mcdocgen.present.views, the kink part: pages print the engine's subgradient set, they do not derive it."""

import ast
import inspect

from problem_factory import make_problem
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.present import views


def _kinks(expression, variables, wrt):
    p = make_problem(expression, variables, [wrt])
    d = derive(p, wrt)
    return d, views.result_view(p, d, verify(p, d)).kinks


def test_views_do_not_simplify():
    imported = {a.name for n in ast.walk(ast.parse(inspect.getsource(views))) if isinstance(n, ast.ImportFrom)
                for a in n.names}
    assert "simplify" not in imported


def test_a_corner_prints_the_engines_set_and_interval():
    d, (kink,) = _kinks("relu(dot(w, x) + b)", {"w": ["n"], "x": ["n"], "b": []}, "w")
    assert d.kinks[0].subgradient is not None
    assert kink.subgradient.startswith(r"\left\{ ") and r"s \in [0, 1]" in kink.subgradient


def test_a_vector_corner_states_the_slope_per_entry():
    _, (kink,) = _kinks("sum(relu(W @ x))", {"W": ["m", "n"], "x": ["n"]}, "x")
    assert r"s_i \in [0, 1]" in kink.subgradient


def test_a_jump_states_no_set():
    _, (kink,) = _kinks("sign(x) * x**2", {"x": []}, "x")
    assert kink.subgradient == "" and "jump" in kink.text


def test_the_slope_variable_does_not_clash_with_a_variable_named_s():
    d, (kink,) = _kinks("relu(s * x)", {"s": [], "x": []}, "x")
    assert d.kinks[0].slope != "s"
    assert rf"{d.kinks[0].slope} \in [0, 1]" in kink.subgradient
