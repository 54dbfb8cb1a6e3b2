"""softmax and logsumexp recognised from their definitions, the value kept."""

import pytest

from rewrite_support import assert_simplifies, parse
from mcdocgen import language as E
from mcdocgen.engine.simplify import RewriteId, simplify


@pytest.mark.parametrize("text, printed, rule", [
    ("exp(x) / sum(exp(x))", "softmax(x)", RewriteId.SOFTMAX),
    ("exp(x).T / sum(exp(x))", "softmax(x).T", RewriteId.SOFTMAX),
    ("1 / sum(exp(x)) * exp(x)", "softmax(x)", RewriteId.SOFTMAX),
    ("diag(exp(x)) / sum(exp(x))", "diag(softmax(x))", RewriteId.SOFTMAX),
    ("exp(x) @ exp(x).T / sum(exp(x))**2", "softmax(x) @ softmax(x).T", RewriteId.SOFTMAX),
    ("exp(x) @ exp(x).T / sum(exp(x))", "softmax(x) @ exp(x).T", RewriteId.SOFTMAX),    # one sum: one factor
    ("-(exp(x) * y) @ exp(x).T / sum(exp(x))**2", "-(softmax(x) * y @ softmax(x).T)", RewriteId.SOFTMAX),
    ("log(sum(exp(x)))", "logsumexp(x)", RewriteId.LOGSUMEXP),
    ("log(sum(exp(x.T)))", "logsumexp(x)", RewriteId.LOGSUMEXP),
])
def test_definitions_are_named(text, printed, rule):
    assert_simplifies(text, printed, rule)


@pytest.mark.parametrize("text", ["exp(x) / sum(exp(y))", "exp(c) / sum(exp(c))", "log(sum(exp(x) + 1))",
                                  "(exp(x) + y) / sum(exp(x))**2"])       # not a product
def test_near_misses_are_not_named(text):
    out = simplify(parse(text))
    assert "softmax" not in E.to_text(out) and "logsumexp" not in E.to_text(out)
