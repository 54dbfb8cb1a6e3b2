"""The result in the problem's own notation: refolds keep the value and never lengthen."""

import numpy as np
import pytest
from problem_factory import make_problem

from sympy.core.cache import clear_cache

from mcdocgen import language as E
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.engine.derive import derive
from mcdocgen.engine.refold import (
    _compound_shapes, _largest, _shared_forms, _shared_simplifier, problem_forms, refold, size,
)
from mcdocgen.language.canonical import canonical
from mcdocgen.language.shapes import size_symbol

NEURON = make_problem("maximum(0, dot(w, x) + b)", {"w": ["n"], "x": ["n"], "b": []}, ["w", "b"],
                      steps=["u = w * x", "s = sum(u)", "z = s + b", "a = maximum(0, z)"])

PROBLEMS = [
    NEURON,
    make_problem("norm(X @ w - y)**2", {"X": ["m", "n"], "w": ["n"], "y": ["m"]}, ["w", "X"]),
    make_problem("sum(exp(A @ x)) + dot(x, x)", {"A": ["m", "n"], "x": ["n"]}, ["x"]),
    make_problem("(x - mu).T @ S @ (x - mu)", {"x": ["n"], "mu": ["n"], "S": ["n", "n"]}, ["x", "mu"]),
    make_problem("tanh(dot(a, x)) * dot(a, x)", {"a": ["n"], "x": ["n"]}, ["x"]),
    make_problem("norm(X - U @ V.T)**2", {"X": ["m", "n"], "U": ["m", "k"], "V": ["n", "k"]}, ["U", "V"]),
]


def _env(problem, seed):
    rng = np.random.default_rng(seed)
    sizes = {size_symbol(s): 3 + i for i, s in enumerate(problem.sizes)}
    env = {}
    for v in problem.variables:
        r = 1 if v.shape.is_scalar else int(size_symbol(str(v.shape.rows)).subs(sizes)) \
            if not isinstance(v.shape.rows, int) else v.shape.rows
        c = v.shape.cols if isinstance(v.shape.cols, int) else int(v.shape.cols.subs(sizes))
        env[v.name] = rng.normal(size=(r, c))
    return env, sizes


def test_the_result_is_put_back_in_the_problems_notation():
    for wrt in ("w", "b"):
        d = derive(NEURON, wrt)
        assert "dot(w, x) + b" in E.to_text(d.result)
        assert "sum(w * x)" not in E.to_text(d.result) + E.to_text(d.numerator)
        assert all("dot(w, x)" in E.to_text(k.at) for k in d.kinks)


@pytest.mark.parametrize(("expression", "variables", "wrt", "numerator", "denominator"), [
    # the problem writes X - U V^T: the gradient reads in its negation, the residual, never V U^T - X^T
    ("norm(X - U @ V.T)**2", {"X": ["m", "n"], "U": ["m", "k"], "V": ["n", "k"]}, "V",
     "2 * (U.T @ (U @ V.T - X))", "2 * ((U @ V.T - X).T @ U)"),
    ("norm(b - A.T @ x)**2", {"A": ["n", "m"], "x": ["n"], "b": ["m"]}, "x",
     "2 * ((A.T @ x - b).T @ A.T)", "2 * (A @ (A.T @ x - b))"),
])
def test_a_sum_the_problem_writes_is_matched_negated(expression, variables, wrt, numerator, denominator):
    d = derive(make_problem(expression, variables, [wrt]), wrt)
    assert (E.to_text(d.numerator), E.to_text(d.result)) == (numerator, denominator)


def test_a_negated_sum_is_written_with_its_terms_negated_the_positive_first():
    problem = make_problem("X - U @ V.T - Y", {"X": ["m", "n"], "U": ["m", "k"], "V": ["n", "k"], "Y": ["m", "n"]})
    written = {E.to_text(f) for f in problem_forms(problem).values()}
    assert {"U @ V.T + Y - X", "(U @ V.T + Y - X).T"} <= written, written


@pytest.mark.parametrize("index", range(len(PROBLEMS)))
def test_a_refold_keeps_the_value_and_never_lengthens(index):
    problem = PROBLEMS[index]
    forms = problem_forms(problem)
    for wrt in problem.wrt:
        d = derive(problem, wrt)
        assert d.ok
        # d.result is refolded; the simplified result is d.substituted simplified: refold that again
        for node in (d.result, d.numerator, d.substituted):
            folded = refold(node, forms)
            assert folded.shape == node.shape
            assert size(folded) <= size(node)
            for seed in range(3):
                env, sizes = _env(problem, seed)
                np.testing.assert_allclose(evaluate(folded, env, sizes), evaluate(node, env, sizes),
                                           rtol=1e-9, atol=1e-9)


def _parse(problem, text):
    table = {v.name: E.var(v.name, v.shape) for v in problem.variables}
    return E.parse(text, E.Scope(table, {n: size_symbol(n) for n in problem.sizes}))


def test_the_problems_way_is_not_taken_where_it_is_longer():
    p = make_problem("sum(w * x) + b", {"w": ["n"], "x": ["n"], "b": []}, ["w"])
    forms = problem_forms(p)
    assert refold(_parse(p, "dot(w, x) + b"), forms) == _parse(p, "dot(w, x) + b")
    assert refold(_parse(p, "exp(sum(x * w) + b)"), forms) == _parse(p, "exp(sum(w * x) + b)")


def test_the_largest_match_wins():
    p = make_problem("exp(dot(w, x) + b)", {"w": ["n"], "x": ["n"], "b": []}, ["w"])
    forms = problem_forms(p)
    folded = refold(_parse(p, "exp(b + sum(x * w)) * x"), forms)
    assert E.to_text(folded) == "exp(dot(w, x) + b) * x"


def test_a_local_derivative_names_its_own_intermediate():
    # s = softmax(z): d s/d z = diag(s) - s s^T, as a textbook writes it, in both layouts;
    # the function's own step (a matrix form) keeps its placeholder-free form.
    p = make_problem("-dot(y, log(softmax(z)))", {"z": ["n"], "y": ["n"]}, ["z"],
                     steps=["s = softmax(z)", "l = log(s)"])
    d = derive(p, "z")
    local = next(loc for loc in d.locals if loc.of == "s")
    assert E.to_text(local.numerator) == E.to_text(local.denominator) == "diag(s) - s @ s.T"
    scalar = derive(make_problem("exp(sin(x))", {"x": []}, ["x"], steps=["u = sin(x)", "v = exp(u)"]), "x")
    assert [E.to_text(loc.denominator) for loc in scalar.locals] == ["cos(x)", "v"]


@pytest.mark.parametrize("index", range(len(PROBLEMS)))
def test_the_forms_of_the_shapes_shown_are_those_of_all_forms(index):
    """A derivation keys only the forms of the shapes its trees show (refold._shared_forms): a canonical
    form fixes the shape of what it stands for, so those keys hold the same forms as in the whole dict,
    but for forms longer than the largest tree of their shape shown (whose simplified keys are left out:
    they refold nothing), and refolding with them gives the same trees."""
    problem = PROBLEMS[index]
    steps = tuple((s.name, s.node) for s in problem.steps)
    whole = problem_forms(problem)
    shape_of: dict[object, object] = {}   # canonical form -> the shape of every tree that has it
    for wrt in problem.wrt:
        d = derive(problem, wrt)
        trees = [d.result, d.numerator, d.substituted]
        for n in (n for tree in [problem.expression, *trees] for n in E.walk(tree)):
            for key, shape in ((canonical(n), n.shape), (canonical(n, True), n.shape.transpose())):
                assert shape_of.setdefault(key, shape) == shape
        shown = frozenset(_compound_shapes(list(trees)))
        limits = _largest(list(trees))
        some = _shared_forms(problem.expression, steps, shown, limits)
        kept = {k: f for k, f in whole.items() if f.shape in shown}
        within = {k for k, f in kept.items() if size(f) <= dict(limits).get(f.shape, 0)}
        assert within <= set(some) <= set(kept)
        assert all(some[k] == kept[k] for k in within)
        for node in trees:
            assert refold(node, some) == refold(node, whole)


def test_a_form_longer_than_every_tree_of_its_shape_is_not_simplified_for_its_key():
    """The simplified key of a candidate longer than the largest tree of its shape to refold is left out, and
    the candidate is not simplified: it could refold no tree (a form is taken only where it is not longer)."""
    p = make_problem("exp(dot(a, x)) * (1 + dot(a, x)) / (2 + dot(a, x))", {"a": ["n"], "x": ["n"]}, ["x"])
    steps = tuple((s.name, s.node) for s in p.steps)
    clear_cache()
    shape = p.expression.shape
    forms = _shared_forms(p.expression, steps, frozenset({shape}), frozenset({(shape, size(p.expression) - 1)}))
    assert p.expression not in _shared_simplifier(p.expression, steps).budget.simplified
    assert canonical(p.expression) in forms     # its own key is kept
    whole = _shared_forms(p.expression, steps, frozenset({shape}), frozenset({(shape, size(p.expression))}))
    assert p.expression in _shared_simplifier(p.expression, steps).budget.simplified
    assert set(forms) <= set(whole)
