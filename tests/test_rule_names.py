"""mcdocgen.engine.rule_names: a rule's name fits its operands (a scalar product or quotient by a constant is the
constant multiple rule, a function of a scalar a scalar function), on every route that shows it."""

from problem_factory import make_problem

from mcdocgen import language as E
from mcdocgen.engine.derive import derive
from mcdocgen.engine.identities import IDENTITIES
from mcdocgen.engine.differential import differential_steps
from mcdocgen.engine.rule_names import step_rules
from mcdocgen.engine.rules import RuleId
from mcdocgen.present.tensor import tensor_view


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


def test_an_array_over_a_constant_scalar_is_the_scalar_multiple_and_over_a_dependent_one_the_quotient():
    """Attention's K q / sqrt(d): d(u / c)/du = I / c, no quotient rule used (a reader review); named as a fixed
    scalar times an array is, the scalar multiple (review s37 C-6: Huber's u / 2 and k e read as two rules)."""
    rules = _rules("softmax(K @ q / sqrt(d))", {"K": ["m", "n"], "q": ["n"], "d": []}, "q",
                   ["u = K @ q", "s = u / sqrt(d)", "y = softmax(s)"])
    assert rules[("s", "u")] == (RuleId.SCALAR_MULTIPLE,)
    rules = _rules("k * (a - b) + (a - b) / 2", {"a": ["n"], "b": ["n"], "k": []}, "a",
                   ["e = a - b", "p = k * e", "q = e / 2", "y = p + q"])
    assert rules[("p", "e")] == rules[("q", "e")] == (RuleId.SCALAR_MULTIPLE,)
    rules = _rules("exp(z) / sum(exp(z))", {"z": ["n"]}, "z", ["e = exp(z)", "t = sum(e)", "s = e / t"])
    assert rules[("s", "e")] == (RuleId.QUOTIENT,) and rules[("s", "t")] == (RuleId.QUOTIENT,)


def test_a_product_of_two_dependent_factors_is_the_product_rule():
    rules = _rules("x**2 * exp(x)", {"x": []}, "x", ["u = x**2", "v = exp(x)", "y = u * v"])
    assert rules[("y", "u")] == (RuleId.PRODUCT,) and rules[("y", "v")] == (RuleId.PRODUCT,)


def test_a_function_of_a_scalar_is_a_scalar_function_and_of_a_vector_an_elementwise_function():
    assert _rules("sin(x**2)", {"x": []}, "x", ["u = x**2", "y = sin(u)"])[("y", "u")] == (RuleId.SCALAR_FUNCTION,)
    assert _rules("sum(sin(x))", {"x": ["n"]}, "x", ["u = sin(x)", "y = sum(u)"])[("u", "x")] == (RuleId.ELEMENTWISE,)


MATRICES = {"A": ["m", "n"], "B": ["m", "n"], "C": ["n", "p"], "D": ["n", "p"], "t": []}


def _forward_names(expression, variables):
    d = derive(make_problem(expression, variables, ["t"]), "t")
    return {E.to_text(d.intermediate(loc.of).definition): " and ".join(IDENTITIES[r].name for r in loc.rules)
            for loc in d.locals}


def test_forward_steps_name_the_rule_by_what_it_does_to_matrices():
    # t B scales a matrix B by the variable; X Y is a matrix product of two changing factors; exp(t) a
    # scalar function: none is a vector scaled, a product of scalars or an elementwise function
    names = _forward_names("(A + t * B) @ (exp(t) * C + D)", MATRICES)
    assert names["t * B"] == "Scaled by the variable"
    assert names["exp(t)"] == "Scalar function"
    assert names["u_3 * C"] == "Scaled by the variable"
    assert names[next(k for k in names if " @ " in k)] == "Product rule"
    kron = _forward_names("kron(A + t * B, C + t * D)", MATRICES)
    assert kron[next(k for k in kron if k.startswith("kron("))] == "Product rule"


def test_the_tensor_forms_differential_steps_are_named_as_the_forward_steps():
    p = make_problem("A + t * B", MATRICES, ["t"])
    d = derive(p, "t")
    names = {v.name: v.name for v in p.variables} | {i.name: i.name for i in d.intermediates}
    t = tensor_view(p, d, names)
    assert t is not None
    forward = [" and ".join(IDENTITIES[r].name for r in loc.rules) for loc in d.locals]
    assert [s.rule_name for s in t.steps] == forward == ["Scaled by the variable", "Sum rule"]
    assert t.steps[0].rule == RuleId.SCALED_VECTOR.value



def test_a_differential_step_over_a_fixed_scalar_is_named_as_the_chain_names_it():
    """Review s36 B-5: s = p / sqrt(c) was the constant multiple rule in the chain and the quotient rule in the
    Tensor form's table; both now say the scalar multiple, as for a vector p (a changing denominator keeps the quotient rule)."""
    variables = {"K": ["m", "n"], "q": ["n"], "c": []}
    for steps, wrt, rule in ((["p = K @ q", "s = p / sqrt(c)"], "K", RuleId.SCALAR_MULTIPLE),
                             (["p = K @ q", "s = p / sqrt(c)"], "c", RuleId.QUOTIENT)):
        d = derive(make_problem("K @ q / sqrt(c)", variables, [wrt], steps), wrt)
        changing = frozenset({d.wrt, *(i.name for i in d.intermediates if i.depends)})
        (step,) = [s for s in differential_steps(d.intermediates, d.wrt) if s.name == "s"]
        assert step.rule is RuleId.QUOTIENT     # the differential's own rule, named by its operands:
        assert step_rules(d.intermediate("s").definition, changing, step.rule) == (rule,)
        if wrt == "K":
            assert {(loc.of, loc.wrt): loc.rules for loc in d.locals}[("s", "p")] == (rule,)   # as the chain
