"""mcdocgen.catalog.errata: a problem's `erratum:` (one mapping or a list) is read into Erratum
records; every mistake in it is one located line."""

from __future__ import annotations

import pytest
from catalog_support import BASE, diagnostics_of, write, without_line

from mcdocgen.catalog import load_catalog
from mcdocgen.catalog.records import ErratumKind


def with_erratum(body: str) -> str:
    return BASE + "    erratum:\n" + "".join(f"      {line}\n" for line in body.splitlines())




def test_an_erratum_mapping_and_a_list_are_read(tmp_path):
    one = with_erratum('wrt: x\nstated: "A @ x"\nsays: "the gradient is A x."\nnote: "It is (A + A^T) x."')
    (problem,) = load_catalog(write(tmp_path, one)).problems
    (e,) = problem.errata
    assert (e.wrt, e.says, e.note, e.stated.text) == ("x", "the gradient is A x.", "It is (A + A^T) x.", "A @ x")
    many = with_erratum('- wrt: x\n  says: "shapes"\n  note: "a note"\n- wrt: x\n  stated: "x"\n  says: "s"\n  note: "n"')
    (problem,) = load_catalog(write(tmp_path, many, "many.yaml")).problems
    assert [e.stated is None for e in problem.errata] == [True, False]


def test_an_erratum_s_kind_is_read_and_is_an_error_by_default(tmp_path):
    """The kind frames the page's box: the source wrong, right under another convention, or right for
    another function of the same name (present.errata)."""
    kinds = with_erratum('- wrt: x\n  says: "s"\n  note: "n"\n- wrt: x\n  kind: function\n  says: "s"\n  note: "n"\n'
                         '- wrt: x\n  kind: convention\n  says: "s"\n  note: "n"')
    (problem,) = load_catalog(write(tmp_path, kinds)).problems
    assert [e.kind for e in problem.errata] == [ErratumKind.ERROR, ErratumKind.FUNCTION, ErratumKind.CONVENTION]


def test_a_stated_form_may_have_another_shape_than_the_derivative(tmp_path):
    # a source's error may be its shape: the check compares shapes (checks.erratum)
    text = with_erratum('wrt: x\nstated: "x.T @ A"\nsays: "a row."\nnote: "a column."')
    (problem,) = load_catalog(write(tmp_path, text)).problems
    assert problem.errata[0].stated.node.shape.is_row


@pytest.mark.parametrize("body, message", [
    ('wrt: y\nsays: "s"\nnote: "n"', "problem 'demo', erratum.wrt: 'y' is not in wrt (wrt: x) [not-in-wrt]"),
    ('wrt: x\nsays: "s"', "problem 'demo', erratum: missing required key 'note' [missing-key]"),
    ('wrt: x\nsays: "s"\nnote: "n"\nstate: "x"', "problem 'demo', erratum: unknown erratum key 'state' "
                                                    "(did you mean 'stated'?) [unknown-key]"),
    ('wrt: x\nstated: "x +"\nsays: "s"\nnote: "n"', "[syntax]"),
    ('wrt: x\nsays: "s"\nnote: "n"\nkind: typo', "problem 'demo', erratum.kind: expected one of error, convention, "
                                                   "function, got 'typo' [bad-erratum-kind]"),
    ('- 3', "problem 'demo', erratum[0]: expected a mapping such as {wrt: x, stated: \"heaviside(x)\", says: "
            "\"...\", note: \"...\"}, got the number 3 [wrong-type]"),
])
def test_a_wrong_erratum_is_one_located_line(tmp_path, body, message):
    lines = [without_line(d) for d in diagnostics_of(write(tmp_path, with_erratum(body)))]
    assert len(lines) == 1 and lines[0].endswith(message), lines


def test_an_empty_erratum_list_is_refused(tmp_path):
    lines = [without_line(d) for d in diagnostics_of(write(tmp_path, BASE + "    erratum: []\n"))]
    assert lines == ["problem 'demo', erratum: the list is empty; mark at least one error of the source, or leave "
                     "the key out [empty-value]"]


def test_a_stated_form_that_does_not_fit_its_shapes_is_one_located_line(tmp_path):
    lines = diagnostics_of(write(tmp_path, with_erratum('wrt: x\nstated: "A @ x @ x"\nsays: "s"\nnote: "n"')))
    assert [without_line(d) for d in lines] == ["problem 'demo', erratum.stated: '@' needs the inner sizes to agree, "
                                                "got (n, 1) @ (n, 1) [shape-mismatch]"] and ":14:" in lines[0]


def test_an_erratum_that_is_text_is_refused(tmp_path):
    lines = diagnostics_of(write(tmp_path, BASE + '    erratum: "the source is wrong"\n'))
    assert len(lines) == 1 and lines[0].endswith("[wrong-type]")
