"""The registry of the language's functions: one spec per function, and each spec's facts agree with
each other (NumPy with SymPy, the derivative with differences, the kink with the one-sided slopes)
and with every stage that reads them (parser, printers, snippet, derivation and checks)."""

import builtins
import math
from pathlib import Path

import numpy as np
import pytest
import sympy

from problem_factory import make_problem
from mcdocgen import language as E
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.checks.verify import CheckStatus, verify
from mcdocgen.engine.derive import derive
from mcdocgen.language.functions import CALL_NAMES, CALLS, FUNCTIONS, NON_SMOOTH, STRUCTURAL, Fn, KinkKind
from mcdocgen.present.latex import McLatexPrinter
from mcdocgen.present.snippet import PRELUDE

SPECS = list(FUNCTIONS.values())
POINTS = (-1.7, -0.6, 0.35, 1.3, 2.2)   # away from 0, where the non-smooth ones have their kink
H = 1e-6
X = E.var("x", E.shapes.SCALAR)


def ids(spec):
    return spec.name


def _on_domain(spec):
    """The sample points where the function is defined (log and sqrt: the positive ones)."""
    with np.errstate(all="ignore"):
        return [p for p in POINTS if np.isfinite(spec.numpy(np.array([[p]])))[0, 0]]


def test_every_function_has_exactly_one_spec_under_its_own_name():
    assert set(FUNCTIONS) == set(Fn)
    assert all(fn is spec.fn and spec.name == fn.value for fn, spec in FUNCTIONS.items())
    assert len({spec.name for spec in SPECS}) == len(SPECS)


def test_the_parser_knows_every_function_and_every_structural_call_once():
    names = [*(s.name for s in SPECS), *(s.name for s in STRUCTURAL)]
    assert len(names) == len(set(names))
    assert set(names) <= set(CALLS) == set(E.KNOWN_FUNCTIONS)
    assert list(E.KNOWN_FUNCTIONS) == sorted(E.KNOWN_FUNCTIONS)


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_numpy_and_sympy_definitions_agree(spec):
    points = _on_domain(spec)
    assert len(points) >= 2
    for p in points:
        exact = float(spec.sympy(sympy.Rational(str(p))).evalf(30))
        assert spec.numpy(np.array([[p]]))[0, 0] == pytest.approx(exact, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_the_derivative_agrees_with_central_differences(spec):
    node = E.func(spec.fn, X)
    derivative = spec.derivative(X, node)
    assert derivative.shape == X.shape
    for p in _on_domain(spec):
        got = evaluate(derivative, {"x": np.array([[p]])}, {})[0, 0]
        f = lambda t: spec.numpy(np.array([[t]]))[0, 0]
        assert got == pytest.approx((f(p + H) - f(p - H)) / (2 * H), rel=1e-6, abs=1e-6)


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_the_kink_is_where_the_function_is_not_smooth(spec):
    f = lambda t: float(spec.numpy(np.array([[t]]))[0, 0])
    with np.errstate(all="ignore"):
        values = [f(-H), f(0.0), f(H)]
    if not all(math.isfinite(v) for v in values):
        assert spec.kink is None  # not defined on both sides of 0 (log, sqrt): no kink to report
        return
    left, right = (f(0.0) - f(-H)) / H, (f(H) - f(0.0)) / H
    if spec.kink is None:
        assert left == pytest.approx(right, abs=1e-4)
    elif spec.kink.kind is KinkKind.CORNER:
        assert (left, right) == (pytest.approx(spec.kink.low, abs=1e-6), pytest.approx(spec.kink.high, abs=1e-6))
    else:  # a jump: the function itself is discontinuous at 0
        assert abs(f(H) - f(-H)) > 0.5
    assert (spec.fn in NON_SMOOTH) == (spec.kink is not None)


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_the_snippet_prelude_defines_the_function_as_the_checks_compute_it(spec):
    namespace: dict = {}
    exec(PRELUDE, namespace)  # our own generated text, as a reader of the published snippet runs it
    a = np.array([[p] for p in _on_domain(spec)])
    defined = namespace[spec.name] if spec.name in namespace else getattr(builtins, spec.name)  # abs
    np.testing.assert_allclose(defined(a), spec.numpy(a), rtol=1e-15)


def test_the_snippet_prelude_defines_every_structural_call():
    namespace: dict = {}
    exec(PRELUDE, namespace)
    assert all(callable(namespace.get(s.name)) for s in STRUCTURAL)


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_a_call_prints_back_into_the_language_and_into_latex(spec):
    x = E.var("x", E.shapes.column(E.shapes.size_symbol("n")))
    node = E.func(spec.fn, x)
    assert E.parse(E.to_text(node), E.Scope({"x": x})) == node
    assert McLatexPrinter().doprint(node) == spec.to_latex(r"\mathbf{x}")
    assert McLatexPrinter().doprint(E.power(E.func(spec.fn, X), E.num(2))).count("{2}") == 1


def test_structural_calls_print_under_their_name():
    assert all(CALLS[name].node in CALL_NAMES for name in ("sum", "det", "dot", "maximum"))
    assert CALLS["max"] is CALLS["maximum"]


@pytest.mark.parametrize("spec", SPECS, ids=ids)
def test_every_function_is_derived_and_verified_through_the_stages(spec):
    domain = _on_domain(spec)
    assume = {"x": ["positive"]} if min(domain) > 0 else None
    p = make_problem(f"dot({spec.name}(x), x)", {"x": ["n"]}, ["x"], assume=assume)
    v = verify(p, derive(p, "x"))
    for check in (v.numeric, v.components, v.steps):
        assert check.status in (CheckStatus.PASSED, CheckStatus.NOT_APPLICABLE), (check.status, check.detail)
    assert v.numeric.status is CheckStatus.PASSED


def test_softplus_is_log_of_one_plus_exp_with_the_sigmoid_as_its_derivative():
    spec = FUNCTIONS[Fn.SOFTPLUS]
    z = sympy.Symbol("z", real=True)
    assert sympy.simplify(spec.sympy(z) - sympy.log(1 + sympy.exp(z))) == 0
    assert spec.derivative(X, E.func(Fn.SOFTPLUS, X)) == E.func(Fn.SIGMOID, X)
    assert spec.kink is None
    assert spec.numpy(np.array([[800.0]]))[0, 0] == 800.0  # no overflow where exp(800) is inf


def test_the_reference_page_lists_every_function_of_the_language():
    """docs/reference.md's table of functions names every call the parser accepts."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "reference.md").read_text(encoding="utf-8")
    table = page.split("## Functions of the language", 1)[1]
    listed = {word for cell in (line.split("|")[1] for line in table.splitlines() if line.startswith("| `"))
              for word in cell.replace("`", " ").replace("(", " ").replace(")", " ").replace(",", " ").split()}
    assert set(CALLS) - listed == set()
