"""Vec- and tensor-form pages as a student reads them (review s35 items 3, 4, 10, 13, 17): the softmax's
differential read off in tensor form, vec symbols on every vec-form step and rule, a read-off printed once,
the commutation matrix glossed on the cheat sheet, a one-step result in the set-up's names."""

from __future__ import annotations

import pytest

from mcdocgen import language as E
from mcdocgen.catalog.load import load_catalog
from mcdocgen.checks.verify import verify
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.engine.derive import derive
from mcdocgen.engine.differential import differential, dvar
from mcdocgen.engine.identities import IDENTITIES, example_problem
from mcdocgen.engine.rules import RuleId
from mcdocgen.present.commutation import SYMBOL, used_in
from mcdocgen.present.sheet_notes import sheet_notes
from mcdocgen.present.identities import identity_view
from mcdocgen.present.tensor import tensor_view
from mcdocgen.publish.render import markdown_environment
from test_tensor import _given, _names

CATALOG = "derivations.yaml"


@pytest.fixture(scope="module")
def catalog():
    return {p.id: p for p in load_catalog(CATALOG).problems}


def _view(catalog, pid: str):
    return run_problem(catalog[pid], plots=False).view


def test_the_softmax_has_a_differential_rule():
    v = E.var("v", E.shapes.from_spec(["n"]))
    s = E.softmax(v)
    dv = dvar(v)
    assert differential(s, "v") == E.sub(E.mul(s, dv), E.matmul(s, E.matmul(E.transpose(s), dv)))


def test_attention_weights_by_the_keys_read_off_the_softmax_differential(catalog):
    """Was one sentence, "no differential rule for Softmax, in softmax(s)", on a page whose steps use its Jacobian."""
    result = next(r for r in _view(catalog, "ml-attention-weights").results if r.wrt == "K")
    t = result.tensor
    assert t is not None and t.available, t.reason if t else None
    softmax = next(s for s in t.steps if s.rule_name == "Softmax")
    # the intermediate's own name in its differential, as a book writes it: da = a o ds - a a^T ds (no bracket: nothing
    # follows ds, review s37 B-2)
    assert softmax.value == r"\mathbf{a} \circ \mathrm{d}\mathbf{s} - \mathbf{a} \mathbf{a}^{\top}\,\mathrm{d}\mathbf{s}"
    assert r"\operatorname{softmax}" not in " ".join(j.latex for j in t.jacobians)
    # a minus term scaled by 1/sqrt(d) is "- 1/sqrt(d) ...", not "1/sqrt(d) (-1) ..."
    assert r"\left(-1\right)" not in t.terms + t.index + " ".join(j.latex for j in t.jacobians)
    # 1/sqrt(d_k), shared by both terms, is written once under the bar (review s37 B-2)
    assert r"- a_{i}\,a_{j}\right)\,q_{l}}{\sqrt{d_{k}}}" in t.index


def test_a_read_off_that_only_reorders_the_results_terms_is_printed_once():
    p, d = _given("X @ X @ X", {"X": ["n", "n"]}, "X", "kron(eye(n), X @ X) + kron((X @ X).T, eye(n)) + kron(X.T, X)")
    t = tensor_view(p, d, _names(p, d))
    assert t is not None
    numerator = t.jacobians[0]
    assert numerator.reduced == ""
    assert numerator.latex == r"I_{n} \otimes X^{2} + \left(X^{2}\right)^{\top} \otimes I_{n} + X^{\top} \otimes X"


def test_the_direct_partial_of_a_vec_form_chain_is_a_vec_symbol(catalog):
    result = next(r for r in _view(catalog, "cookbook-xtbx-by-matrix").results)
    vec = r"\operatorname{vec}"
    assert vec in result.direct_note.split("is the direct partial")[0]
    for lay in result.layouts:
        fixed = [loc.lhs for loc in lay.locals if "fixed" in loc.lhs]
        assert fixed and all(vec in lhs for lhs in fixed)
        assert all(vec in part for part in lay.chain.symbolic.split(" + "))


@pytest.mark.parametrize("rule", [RuleId.VEC_LEFT, RuleId.VEC_RIGHT, RuleId.VEC_TRANSPOSE, RuleId.VEC_INVERSE])
def test_the_vec_form_rules_are_written_with_vec_and_their_notes_typeset(rule):
    problem = example_problem(IDENTITIES[rule])
    d = derive(problem, IDENTITIES[rule].wrt)
    view = identity_view(rule, problem, d, verify(problem, d))
    assert view.numerator.startswith(r"\frac{\partial \operatorname{vec}")
    assert view.denominator.startswith(r"\frac{\partial (\operatorname{vec}")
    assert view.states.startswith(r"\frac{\partial (\operatorname{vec}")
    assert "kron" not in view.note and "K(" not in view.note and "$" in view.note
    if rule is RuleId.VEC_TRANSPOSE:
        assert SYMBOL in view.note and r"\commutation" not in view.note


def test_the_identity_notes_have_no_ascii_math():
    for ident in IDENTITIES.values():
        assert not any(ascii_math in ident.note for ascii_math in ("^T", "^-1", " kron ", "d(", "tr(")), ident.note


def test_a_cheat_sheet_table_that_uses_the_commutation_matrix_defines_it():
    assert used_in(["A", rf"{SYMBOL}_{{n,n}} (X \otimes I)"]).startswith(rf"Here ${SYMBOL}_{{m,n}}$ is the commutation")
    assert used_in(["A", "B"]) == ""
    sheet = {"title": "Matrix by matrix", "kind": "Matrix by matrix", "count": 0, "hessians": False,
             "notes": sheet_notes([SYMBOL]), "tables": []}
    page = markdown_environment().get_template("cheatsheet_table.md.j2").render(
        sheet=sheet, rules_url="r", home_url="h", marker="")
    assert "is the commutation matrix" in page


def test_a_one_step_result_keeps_the_set_up_name_its_step_writes(catalog):
    result = next(r for r in _view(catalog, "ml-attention-output").results if r.wrt == "V")
    numerator = result.layout("numerator")
    assert numerator.named_result == r"I_{p} \otimes \mathbf{a}^{\top}"
    assert any(r"\operatorname{softmax}" in w for w in numerator.where)


def test_the_functions_own_name_only_where_the_pages_results_use_it(catalog):
    """dF = -X^-1 (dX) X^-1 on a page whose result writes X^-1, not -F (dX) F; cookbook-inverse-by-scalar's
    read-off stays -Y^-1 B Y^-1, as its result."""
    t = next(r for r in _view(catalog, "inverse-by-matrix").results).tensor
    assert t is not None and t.steps[-1].value == r"-X^{-1} (\mathrm{d}X) X^{-1}"
    t = next(r for r in _view(catalog, "cookbook-inverse-by-scalar").results).tensor
    assert t is not None and t.jacobians[0].latex == r"-Y^{-1} B Y^{-1}"
