"""The catalog's `hessian:` and `expected_hessian:` keys: read into the records, bad ones located."""

from __future__ import annotations

import pytest

from catalog_support import BASE, only_error, replaced, write
from mcdocgen import cli
from mcdocgen.catalog import load_catalog
from mcdocgen.catalog.schema import catalog_schema

WITH_HESSIAN = BASE + "    hessian: [x]\n"


def test_hessian_and_expected_hessian_are_read(tmp_path):
    path = write(tmp_path, WITH_HESSIAN + '    expected_hessian:\n      x: "A + A.T"\n')
    problem = load_catalog(path).problems[0]
    assert problem.hessian == ("x",)
    assert problem.expected_hessian["x"].text == "A + A.T"
    assert problem.expected_hessian["x"].node.shape.is_square and not problem.expected


def test_without_hessian_the_problem_has_none(tmp_path):
    problem = load_catalog(write(tmp_path, BASE)).problems[0]
    assert problem.hessian == () and dict(problem.expected_hessian) == {}


@pytest.mark.parametrize(("text", "want"), [
    (replaced('"x.T @ A @ x"', '"A @ x"') + "    hessian: [x]\n",
     "12:14: problem 'demo', hessian: a Hessian is the second derivative of a scalar function, but the "
     "expression has shape (n, 1) [not-scalar]"),
    (BASE + "    hessian: [z]\n", "12:15: problem 'demo', hessian: 'z' is not a declared variable (declared: A, x) "
                                  "[undeclared]"),
    (BASE + "    hessian: [x, x]\n", "12:18: problem 'demo', hessian: 'x' is listed twice [listed-twice]"),
    (BASE + "    hessian: []\n", "12:14: problem 'demo', hessian: name at least one declared variable [empty-value]"),
    (WITH_HESSIAN + '    expected_hessian:\n      x: "A @ x"\n',
     "14:10: problem 'demo', expected_hessian.x: has shape (n, 1), but the Hessian of a function of shape (1, 1) "
     "by 'x' of shape (n, 1) has shape (n, n) in denominator layout, the layout of expected_hessian [expected-shape]"),
    (BASE + '    expected_hessian:\n      x: "A"\n',
     "13:7: problem 'demo', expected_hessian: 'x' is not in hessian (hessian: none) [not-in-wrt]"),
])
def test_bad_hessian_keys_give_one_located_line(tmp_path, text, want):
    assert only_error(tmp_path, text) == want


def test_a_bad_hessian_exits_2_without_a_traceback(tmp_path, capsys):
    path = write(tmp_path, replaced('"x.T @ A @ x"', '"A @ x"') + "    hessian: [x]\n")
    assert cli.main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert "problem 'demo', hessian:" in err and "[not-scalar]" in err and "Traceback" not in err


def test_a_wrong_expected_hessian_exits_1_naming_the_order(tmp_path, capsys):
    path = write(tmp_path, WITH_HESSIAN + '    expected_hessian:\n      x: "2 * A"\n')
    assert cli.main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "problem 'demo', x (Hessian: order 2, matrix form): expected check failed" in err


def test_the_schema_describes_both_keys():
    problem = catalog_schema()["$defs"]["problem"]["properties"]
    assert problem["hessian"]["maxItems"] == 100
    assert "DENOMINATOR" in problem["expected_hessian"]["description"]
