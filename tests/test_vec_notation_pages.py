"""A vec-form derivation's steps name each matrix-sided step as the chain's header does, d vec(u) / d (vec A)^T, and a
tensor form that cannot be read off is one sentence, not a section announcing three notations (review s34 item 6)."""

from __future__ import annotations

from problem_factory import make_problem
from mcdocgen.checks.verify import verify
from mcdocgen.engine.derive import derive
from mcdocgen.language import Layout
from mcdocgen.present.views import problem_view
from mcdocgen.publish.render import render_derivatives

ATTENTION = ("softmax(K @ q / sqrt(d))", {"K": ["m", "d"], "q": ["d"]}, "K")
KRON = ("kron(A + x * B, C + x**2 * D)", {"A": ["n", "n"], "B": ["n", "n"], "C": ["p", "p"], "D": ["p", "p"], "x": []},
        "x", ["U = A + x * B", "V = C + x**2 * D", "F = kron(U, V)"])


def _view(expression: str, variables: dict, wrt: str, steps: list[str] | None = None):
    p = make_problem(expression, variables, wrt=[wrt], steps=steps or [])
    d = derive(p, wrt)
    return p, d, problem_view(p, [d], [verify(p, d)])


def test_a_step_by_a_matrix_is_written_in_vec_notation_in_both_layouts():
    _, _, view = _view(*ATTENTION)
    layouts = {lay.layout: lay for lay in view.results[0].layouts}
    numerator, denominator = layouts[Layout.NUMERATOR], layouts[Layout.DENOMINATOR]
    by_k = [loc for loc in numerator.locals if loc.wrt == "K"]
    assert by_k and by_k[0].lhs.startswith(r"\frac{\partial \operatorname{vec} ")
    assert r"{\partial (\operatorname{vec} K)^{\top}}" in by_k[0].lhs
    assert r"{\partial \operatorname{vec} K}" in next(loc for loc in denominator.locals if loc.wrt == "K").lhs
    # the chain's factors say the same as the table's rows
    assert r"(\operatorname{vec} K)^{\top}" in numerator.chain.symbolic
    # a step between vectors keeps its plain symbol
    assert any(loc.lhs.startswith(r"\frac{\partial \mathbf{u}_{2}}{\partial \mathbf{u}_{1}}") for loc in numerator.locals)


def test_a_tensor_form_not_read_off_is_one_sentence():
    """The kron of the change has no canonical terms (the softmax's, review s35 item 3, now has): one sentence, in the
    reader's words, not a section announcing three notations nor the engine's reason (review s36)."""
    _, _, view = _view(*KRON)
    assert view.results[0].tensor is not None and not view.results[0].tensor.available
    page = render_derivatives(view)
    section = page.split("### Tensor form", 1)[1]
    assert "three notations" not in section and "Not available" not in section
    assert "is not written in tensor form here" in section and "The steps above give the derivative in full" in section
    sentence = section.split("How this was checked", 1)[0]     # the checks' own table names the engine's reason
    assert "no canonical form" not in sentence and "kron(" not in sentence
    # the attention weights by K are read off now
    assert "three notations" in render_derivatives(_view(*ATTENTION)[2]).split("### Tensor form", 1)[1]
