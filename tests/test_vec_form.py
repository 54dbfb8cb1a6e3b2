"""Vec-form derivatives (spec section 5) beyond the catalog: each derived result is compared with a
Jacobian the TEST computes itself, by numpy central differences of its own numpy version of the
function, numbering entries column-major (vec) on both sides; not with mcdocgen's checks. Then the
report's ``expr`` of both layouts parses back to the result, and a wrong vec-form ``expected`` fails
naming the problem, the order and the layout."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from problem_factory import make_problem
from mcdocgen import language as E
from mcdocgen.checks.evaluate import evaluate
from mcdocgen.engine.derive import derive
from mcdocgen.language.shapes import size_symbol

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"m": 2, "n": 3, "p": 4, "q": 2, "k": 3}
H = 1e-6


def _tanh(a):
    return np.tanh(a)


def _sigmoid(a):
    return 1 / (1 + np.exp(-a))


# expression, variables (catalog shapes), wrt, assumptions, the same function in numpy
CASES = [
    ("X @ X", {"X": ["n", "n"]}, "X", {}, lambda v: v["X"] @ v["X"]),
    ("X.T @ X", {"X": ["m", "n"]}, "X", {}, lambda v: v["X"].T @ v["X"]),
    ("A @ inv(X) @ B", {"A": ["p", "n"], "X": ["n", "n"], "B": ["n", "q"]}, "X", {"X": ["invertible"]},
     lambda v: v["A"] @ np.linalg.inv(v["X"]) @ v["B"]),
    ("exp(X) * X", {"X": ["m", "n"]}, "X", {}, lambda v: np.exp(v["X"]) * v["X"]),
    ("tanh(W @ x)", {"W": ["m", "n"], "x": ["n"]}, "W", {}, lambda v: _tanh(v["W"] @ v["x"])),
    ("inv(X + t * A)", {"X": ["n", "n"], "A": ["n", "n"], "t": []}, "t", {"X": ["invertible"]},
     lambda v: np.linalg.inv(v["X"] + v["t"] * v["A"])),
    ("inv(X + t * A)", {"X": ["n", "n"], "A": ["n", "n"], "t": []}, "X", {"X": ["invertible"]},
     lambda v: np.linalg.inv(v["X"] + v["t"] * v["A"])),
    ("kron(A, X)", {"A": ["q", "m"], "X": ["m", "n"]}, "X", {}, lambda v: np.kron(v["A"], v["X"])),
    ("X @ A @ X.T", {"X": ["m", "n"], "A": ["n", "n"]}, "X", {}, lambda v: v["X"] @ v["A"] @ v["X"].T),
    ("inv(X.T @ X)", {"X": ["p", "n"]}, "X", {}, lambda v: np.linalg.inv(v["X"].T @ v["X"])),
    ("sigmoid(W @ x + b)", {"W": ["m", "n"], "x": ["n"], "b": ["m"]}, "W", {},
     lambda v: _sigmoid(v["W"] @ v["x"] + v["b"])),
    ("W2 @ tanh(W1 @ x)", {"W2": ["q", "p"], "W1": ["p", "n"], "x": ["n"]}, "W1", {},
     lambda v: v["W2"] @ _tanh(v["W1"] @ v["x"])),
    ("sin(X) @ B", {"X": ["m", "n"], "B": ["n", "q"]}, "X", {}, lambda v: np.sin(v["X"]) @ v["B"]),
    ("outer(x, x)", {"x": ["n"]}, "x", {}, lambda v: v["x"] @ v["x"].T),
    ("diag(x) @ A", {"x": ["n"], "A": ["n", "p"]}, "x", {}, lambda v: np.diag(v["x"].ravel()) @ v["A"]),
    ("t**2 * A + exp(t) * B", {"t": [], "A": ["m", "n"], "B": ["m", "n"]}, "t", {},
     lambda v: v["t"] ** 2 * v["A"] + np.exp(v["t"]) * v["B"]),
    ("sym(X) @ X", {"X": ["n", "n"]}, "X", {}, lambda v: (v["X"] + v["X"].T) / 2 @ v["X"]),
    ("X[1, 2] * A", {"X": [2, 3], "A": ["m", "n"]}, "X", {}, lambda v: v["X"][1, 2] * v["A"]),
    ("inv(X) @ x", {"X": ["n", "n"], "x": ["n"]}, "X", {"X": ["invertible"]},
     lambda v: np.linalg.inv(v["X"]) @ v["x"]),
    ("vec(X.T @ A)", {"X": ["m", "n"], "A": ["m", "p"]}, "X", {},
     lambda v: (v["X"].T @ v["A"]).reshape(-1, 1, order="F")),
    ("(X @ A).T", {"X": ["m", "n"], "A": ["n", "p"]}, "A", {}, lambda v: (v["X"] @ v["A"]).T),
    ("(A + t * B) @ (A - t * B)", {"A": ["n", "n"], "B": ["n", "n"], "t": []}, "t", {},
     lambda v: (v["A"] + v["t"] * v["B"]) @ (v["A"] - v["t"] * v["B"])),
    ("[[t, t**2], [1, t]]", {"t": []}, "t", {}, lambda v: np.array([[v["t"][0, 0], v["t"][0, 0] ** 2],
                                                                     [1.0, v["t"][0, 0]]])),
    ("relu(X) @ B", {"X": ["m", "n"], "B": ["n", "q"]}, "X", {}, lambda v: np.maximum(0, v["X"]) @ v["B"]),
    ("det(X) * inv(X)", {"X": ["n", "n"]}, "X", {"X": ["invertible"]},
     lambda v: np.linalg.det(v["X"]) * np.linalg.inv(v["X"])),
    ("tanh(W).T @ y", {"W": ["m", "n"], "y": ["m"]}, "W", {}, lambda v: np.tanh(v["W"]).T @ v["y"]),
]


def _values(variables, assume, rng):
    out = {}
    for name, dims in variables.items():
        shape = [SIZES.get(d, d) for d in dims] + [1] * (2 - len(dims))
        value = rng.normal(size=shape)
        if "invertible" in assume.get(name, []):
            value += 3 * np.eye(shape[0])
        out[name] = value
    return out


def _jacobian(f, values, wrt):
    """d vec(f) / d vec(wrt)^T by central differences, entries column-major on both sides."""
    x = values[wrt]
    flat = x.reshape(-1, order="F")
    columns = []
    for k in range(flat.size):
        step = np.zeros_like(flat)
        step[k] = H
        up = f({**values, wrt: (flat + step).reshape(x.shape, order="F")})
        down = f({**values, wrt: (flat - step).reshape(x.shape, order="F")})
        columns.append(((up - down) / (2 * H)).reshape(-1, order="F"))
    return np.array(columns).T


@pytest.mark.parametrize("expression, variables, wrt, assume, f", CASES, ids=[f"{c[0]} by {c[2]}" for c in CASES])
def test_the_vec_form_agrees_with_our_own_central_differences(expression, variables, wrt, assume, f):
    problem = make_problem(expression, variables, [wrt], assume=assume)
    d = derive(problem, wrt)
    assert d.ok, d.not_derived
    sizes = {size_symbol(s): n for s, n in SIZES.items()}
    rng = np.random.default_rng(len(expression))
    for _ in range(2):
        values = _values(variables, assume, rng)
        jac = _jacobian(f, values, wrt)
        num = evaluate(d.numerator, values, sizes)
        den = evaluate(d.result, values, sizes)
        value = f(values)
        if values[wrt].size == 1 and 1 not in value.shape:   # a matrix by a scalar: the entry derivatives
            jac = jac.reshape(value.shape, order="F")
            assert num.shape == value.shape
        else:
            assert num.shape == (value.size, values[wrt].size)
        np.testing.assert_allclose(num, jac, rtol=1e-6, atol=1e-6)
        np.testing.assert_allclose(den, jac.T, rtol=1e-6, atol=1e-6)


def test_the_catalog_targets_read_as_the_textbooks_write_them():
    targets = {
        ("A @ X @ B", "X"): "kron(B.T, A)",
        ("inv(X)", "X"): "-kron(inv(X).T, inv(X))",
        ("X.T", "X"): "commutation(m, n)",
        ("W @ x", "W"): "kron(x.T, eye(m))",
        ("X * X", "X"): "2 * diag(vec(X))",
    }
    variables = {"A": ["p", "m"], "X": ["m", "n"], "B": ["n", "q"], "W": ["m", "n"], "x": ["n"]}
    for (expression, wrt), want in targets.items():
        used = {k: v for k, v in variables.items() if k in expression.replace("inv", "")}
        if expression == "inv(X)":
            used = {"X": ["n", "n"]}
        d = derive(make_problem(expression, used, [wrt]), wrt)
        assert E.to_text(d.numerator) == want, expression


def test_a_matrix_by_a_scalar_is_the_textbook_inverse_derivative():
    d = derive(make_problem("inv(A + t * B)", {"A": ["n", "n"], "B": ["n", "n"], "t": []}, ["t"]), "t")
    assert E.to_text(d.numerator) == "-(inv(A + t * B) @ (B @ inv(A + t * B)))"   # the problem wrote A + t * B
    assert d.numerator.shape == d.function_shape


def _catalog(tmp_path, problems: str) -> Path:
    path = tmp_path / "derivations.yaml"
    path.write_text("problems:\n" + problems, encoding="utf-8")
    return path


GOOD = """
  - id: matrix-by-matrix
    title: A X B by X
    summary: The vec form of a product.
    tags: [matrix]
    source: "test"
    variables:
      A: {shape: [p, m]}
      X: {shape: [m, n]}
      B: {shape: [n, q]}
    expression: "A @ X @ B"
    wrt: [X]
    expected:
      X: "%s"
"""


def _check(path: Path, report: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mcdocgen", "check", str(path), "--json", str(report)],
                          capture_output=True, text=True, timeout=300, cwd=path.parent)


def test_the_reports_expressions_parse_back_to_the_result(tmp_path):
    report = tmp_path / "report.json"
    proc = _check(_catalog(tmp_path, GOOD % "kron(B, A.T)"), report)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    result = json.loads(report.read_text())["problems"][0]["results"][0]
    assert (result["order"], result["form"]) == (1, "vec")
    problem = make_problem("A @ X @ B", {"A": ["p", "m"], "X": ["m", "n"], "B": ["n", "q"]}, ["X"])
    scope = E.Scope({v.name: E.var(v.name, v.shape) for v in problem.variables},
                    {s: size_symbol(s) for s in problem.sizes})
    d = derive(problem, "X")
    sizes = {size_symbol(s): n for s, n in SIZES.items()}
    values = _values({"A": ["p", "m"], "X": ["m", "n"], "B": ["n", "q"]}, {}, np.random.default_rng(1))
    for layout, node in (("numerator", d.numerator), ("denominator", d.result)):
        parsed = E.parse(result[layout]["expr"], scope)
        assert [str(s) for s in parsed.shape.as_pair()] == result[layout]["shape"]
        np.testing.assert_allclose(evaluate(parsed, values, sizes), evaluate(node, values, sizes), rtol=1e-12)


def test_a_wrong_vec_form_expected_fails_naming_the_problem_the_order_and_the_layout(tmp_path):
    report = tmp_path / "report.json"
    # (an answer of the wrong shape, such as the numerator layout, is refused by the catalog: exit 2)
    proc = _check(_catalog(tmp_path, GOOD % "kron(B, A.T) + kron(B, A.T)"), report)   # the right shape, twice too big
    assert proc.returncode == 1
    text = proc.stdout + proc.stderr + report.read_text()
    assert "matrix-by-matrix" in text and "order 1, vec form, denominator layout: expected" in text
    assert json.loads(report.read_text())["problems"][0]["results"][0]["checks"]["expected"]["passed"] is False
