"""mcdocgen.engine.rule_names: a scalar product or quotient by a constant is the constant multiple rule."""

from problem_factory import make_problem

from mcdocgen.engine.derive import derive
from mcdocgen.engine.rules import RuleId


def _rules(expression, variables, wrt, steps):
    d = derive(make_problem(expression, variables, [wrt], steps), wrt)
    return {(loc.of, loc.wrt): loc.rules for loc in d.locals}


def test_a_product_by_a_constant_is_the_constant_multiple_rule():
    rules = _rules("lam / 2 * x**2", {"x": [], "lam": []}, "x", ["u = x**2", "y = lam / 2 * u"])
    assert rules[("y", "u")] == (RuleId.CONSTANT_MULTIPLE,)


def test_a_quotient_by_a_constant_is_the_constant_multiple_rule_and_by_a_variable_the_quotient_rule():
    assert _rules("x**2 / N", {"x": [], "N": []}, "x", ["u = x**2", "y = u / N"])[("y", "u")] \
        == (RuleId.CONSTANT_MULTIPLE,)
    rules = _rules("x / x**2", {"x": []}, "x", ["u = x**2", "y = x / u"])
    assert rules[("y", "u")] == (RuleId.QUOTIENT,)


def test_a_product_of_two_dependent_factors_is_the_product_rule():
    rules = _rules("x**2 * exp(x)", {"x": []}, "x", ["u = x**2", "v = exp(x)", "y = u * v"])
    assert rules[("y", "u")] == (RuleId.PRODUCT,) and rules[("y", "v")] == (RuleId.PRODUCT,)
