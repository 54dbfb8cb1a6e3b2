"""present.invertible: where the put-back row writes the inverse of a product of declared invertible matrices and
the Result splits it, the page says which assumptions that uses (review s41: det(X^T A X)'s step to 2 det(...) X^-T
needed A invertible, unsaid)."""

from matrix_identities import parse, same_value
from problem_factory import make_problem

from mcdocgen import language as E
from mcdocgen.engine.derive import derive
from mcdocgen.language import Layout
from mcdocgen.present.invertible import _split, inverse_note
from mcdocgen.present.latex import McLatexPrinter


def _note(expression, variables, assume):
    p = make_problem(expression, variables, wrt=["X"], assume=assume)
    return inverse_note(p, derive(p, "X"), McLatexPrinter({v.name: v.name for v in p.variables}))


def test_the_inverse_of_a_product_of_invertible_matrices_is_said_with_the_assumptions():
    note = _note("det(X.T @ A @ X)", {"X": ["n", "n"], "A": ["n", "n"]}, {"X": ["invertible"], "A": ["invertible"]})
    assert note is not None
    assert note.variables == ("X", "A")     # in the order the product names them, once each
    assert note.identity_in(Layout.NUMERATOR).startswith(r"\left(X^{\top} A X\right)^{-1} = X^{-1} A^{-1} X^{-\top}, ")
    assert note.text_in(Layout.NUMERATOR).startswith(
        "since X and A are invertible, inv(X.T @ A @ X) = inv(X) @ inv(A) @ inv(X).T, ")


def test_each_layout_splits_every_inverse_its_row_writes_in_its_order():
    """With A not symmetric, both put-back rows write (X^T A X)^-1 and (X^T A X)^-T (the denominator's, as shown,
    A^T X (X^T A X)^-T + A X (X^T A X)^-1): each tab splits both, in its row's order, not one of them (review s42 P3,
    review s43 P3-1)."""
    note = _note("det(X.T @ A @ X)", {"X": ["n", "n"], "A": ["n", "n"]}, {"X": ["invertible"], "A": ["invertible"]})
    assert note is not None
    plain = r"\left(X^{\top} A X\right)^{-1} = X^{-1} A^{-1} X^{-\top}"
    flipped = r"\left(X^{\top} A X\right)^{-\top} = X^{-1} A^{-\top} X^{-\top}"
    assert note.identity_in(Layout.NUMERATOR) == f"{plain}, {flipped}"
    assert note.identity_in(Layout.DENOMINATOR) == f"{flipped}, {plain}"
    assert note.text_in(Layout.DENOMINATOR) == ("since X and A are invertible, inv(X.T @ A @ X).T = inv(X) @ inv(A).T @ "
                                                "inv(X).T, inv(X.T @ A @ X) = inv(X) @ inv(A) @ inv(X).T and the result "
                                                "reads:")
    product = parse("X.T @ A @ X")
    assert same_value(E.transpose(E.inv(product)), parse("inv(X) @ inv(A).T @ inv(X).T"))     # what it says holds


def test_a_layout_whose_row_writes_the_inverse_transposed_only_splits_that():
    # det(A X B): the denominator's row writes A^T det(AXB) (AXB)^-T B^T only; the numerator's (AXB)^-1 only
    note = _note("det(A @ X @ B)", {"X": ["n", "n"], "A": ["n", "n"], "B": ["n", "n"]},
                 {"X": ["invertible"], "A": ["invertible"], "B": ["invertible"]})
    assert note is not None
    assert note.identity_in(Layout.NUMERATOR) == r"\left(A X B\right)^{-1} = B^{-1} X^{-1} A^{-1}"
    assert note.identity_in(Layout.DENOMINATOR) == r"\left(A X B\right)^{-\top} = A^{-\top} X^{-\top} B^{-\top}"


def test_a_positive_definite_matrix_counts_as_invertible():
    note = _note("det(X.T @ A @ X)", {"X": ["n", "n"], "A": ["n", "n"]},
                 {"X": ["invertible"], "A": ["positive_definite"]})
    assert note is not None and note.variables == ("X", "A")


def test_without_a_declared_assumption_on_every_factor_nothing_is_said():
    # A may be singular: the split (X^T A X)^-1 = X^-1 A^-1 X^-T is not the page's to claim
    assert _note("det(X.T @ A @ X)", {"X": ["n", "n"], "A": ["n", "n"]}, {"X": ["invertible"]}) is None


def test_an_inverse_the_result_still_writes_is_no_step():
    # tr((A X)^-1)'s Result writes (A X)^-1 itself (-(A X)^-1 X^-1): nothing split, nothing to say
    assert _note("tr(inv(A @ X))", {"X": ["n", "n"], "A": ["n", "n"]}, {"X": ["invertible"], "A": ["invertible"]}) is None


def test_the_split_is_the_inverse_in_reverse_order():
    for text in ("X.T @ A @ X", "A @ B", "X @ X @ X", "A.T @ B"):
        node = parse(text)
        assert same_value(E.inv(node), _split(node)), text


def test_a_scalar_factor_declared_nonzero_is_said_by_what_the_split_needs():
    """wiki-sm-log-det-scaled's a (a X)^-1 became X^-1 with no sentence (review s42): (a X)^-1 = 1/a X^-1 needs a
    nonzero, which the catalog's "positive" gives; the sentence says "nonzero", what the identity needs, as a
    positive definite matrix is said "invertible" (review s44 P3: "a is positive" taught it a condition it lacks)."""
    for declared in ("positive", "nonzero"):
        note = _note("logdet(a * X)", {"a": [], "X": ["n", "n"]}, {"a": [declared], "X": ["invertible"]})
        assert note is not None
        assert (note.scalars, note.variables) == ((("a", "nonzero"),), ("X",))
        assert note.identity_in(Layout.NUMERATOR) == r"\left(a\,X\right)^{-1} = \frac{1}{a}\,X^{-1}"
        assert note.text_in(Layout.NUMERATOR) == \
            "since a is nonzero and X is invertible, inv(a * X) = 1 / a * inv(X) and the result reads:"
    scaled = parse("s * X")
    assert _split(scaled) == E.mul(E.div(E.num(1), parse("s")), E.inv(parse("X")))
    assert same_value(E.inv(scaled), _split(scaled))      # the split itself: 1/s X^-1
    # without a declared nonzero a, the split is not the page's to claim
    assert _note("logdet(a * X)", {"a": [], "X": ["n", "n"]}, {"X": ["invertible"]}) is None
