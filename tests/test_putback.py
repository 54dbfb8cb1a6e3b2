"""mcdocgen.present.putback: the put-back row between the simplified product and the Result (and the form before
A^T = A) writes only the Result's names (never a letter of its own, nor a table's intermediate the Result writes out;
review s40 P2), the Result taking a row's name that stands twice in it; never a transpose of a transpose; and where
the Result writes fewer of the set-up's names than the product, a row puts those back (review s39 P2)."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, seed, settings, strategies as st

from mcdocgen import language as E
from mcdocgen.catalog import load_catalog
from mcdocgen.commands.pipeline import run_problem
from mcdocgen.language import Layout
from mcdocgen.language.shapes import Shape
from mcdocgen.present import naming as N, putback as PB
from mcdocgen.present.latex import McLatexPrinter

ROOT = Path(__file__).resolve().parent.parent
WANTED = ("cookbook-bilinear-square-gram", "cookbook-trace-quartic", "neuron-loss", "ml-softmax-jacobian",
          "cookbook-det-xtax-square", "cookbook-det-xtax-symmetric", "cookbook-trace-inv-xtcx-a", "cookbook-trace-gram-ratio",
          "ml-logistic-regression")
A, Y = E.var("A", Shape(3, 3)), E.var("Y", Shape(3, 3))
a, b = E.var("a", Shape(3, 1)), E.var("b", Shape(3, 1))
T = E.transpose


@pytest.fixture(scope="module")
def views():
    return {p.id: run_problem(p, plots=False).view for p in load_catalog(ROOT / "derivations.yaml").problems
            if p.id in WANTED}


def _transposes(node):
    return sum(type(n) is E.Transpose for n in E.walk(node))


def test_a_transpose_of_transposes_is_taken_inside():
    assert PB.untangled(T(E.matmul(T(a), T(Y)))) == E.matmul(Y, a)      # (a^T Y^T)^T = Y a
    assert PB.untangled(T(T(A))) == A
    assert PB.untangled(E.add(T(E.matmul(T(a), T(Y))), a)) == E.add(E.matmul(Y, a), a)


def test_a_transpose_that_inside_would_leave_as_many_stays():
    kept = T(E.matmul(E.matmul(A, Y), T(A)))        # (A Y A^T)^T: inside, A Y^T A^T, as many
    assert PB.untangled(kept) == kept
    tidy = E.add(E.matmul(Y, E.matmul(a, T(b))), E.matmul(Y, E.matmul(b, T(a))))
    assert PB.untangled(T(tidy)) == T(tidy)         # (Y a b^T + Y b a^T)^T: inside, four transposes for three


_LEAVES = [A, Y, T(A), T(Y)]


def _products(depth):
    if depth == 0:
        return st.sampled_from(_LEAVES)
    inner = _products(depth - 1)
    return st.one_of(inner, st.builds(E.matmul, inner, inner), st.builds(lambda x: T(x), inner),
                     st.builds(E.add, inner, inner), st.builds(E.neg, inner))


@seed(40)
@settings(max_examples=150, deadline=None, derandomize=True)
@given(_products(3))
def test_taking_transposes_inside_keeps_the_value_and_never_adds_one(node):
    values = {"A": np.arange(9.0).reshape(3, 3) + np.eye(3), "Y": np.arange(9.0).reshape(3, 3).T ** 2 - 4}

    def ev(n):
        match n:
            case E.Var():
                return values[n.name]
            case E.Transpose():
                return ev(n.arg).T
            case E.MatMul():
                return ev(n.left) @ ev(n.right)
            case E.Add():
                return sum(ev(t) for t in n.terms)
            case E.Neg():
                return -ev(n.arg)
        raise AssertionError(n)
    tidy = PB.untangled(node)
    assert np.allclose(ev(tidy), ev(node)) and _transposes(tidy) <= _transposes(node)
    assert not any(type(n) is E.Transpose and type(n.arg) is E.Transpose for n in E.walk(tidy))


def _shown_letters(lay):
    return {re.match(r"\s*([^=&]+?)\s*&?=", w).group(1) for w in lay.displays.put_back_where}


def test_the_put_back_row_writes_no_letter_the_result_does_not(views):
    # bilinear-square-gram: N = (a^T Y^T)^T b^T + Y b a^T was a letter of the put-back row's own; written out now
    for layout in Layout:
        lay = views["cookbook-bilinear-square-gram"].results[0].layout(layout)
        assert lay.put_back and "N" not in _shown_letters(lay), lay.displays.put_back_where
        row = " ".join(lay.displays.put_back)
        assert not re.search(r"\\left\((\\mathbf\{a\})\^\{\\top\} Y\^\{\\top\}\\right\)\^\{\\top\}", row), row
        assert _shown_letters(lay) <= {"Y", "M"}


def _names_written(tex, names):
    """The names of ``names`` (LaTeX) that the display ``tex`` writes on its right side."""
    right = tex.split("=", 1)[1]
    return {n for n in names if re.search(re.escape(n) + r"(?![A-Za-z0-9_{])", right)}


def _one_name_for_one_thing(view):
    """Per layout: the names (the table's intermediates, the where-letters) the row before the Result (put-back or
    before A^T = A) writes, and those the Result writes."""
    for r in view.results:
        table = {i.latex for i in r.intermediates if not i.function}
        for lay in r.layouts:
            row = " ".join(lay.displays.put_back or lay.displays.assumed)
            if not row:
                continue
            names = table | _shown_letters(lay) | {re.match(r"\s*([^=&]+?)\s*&?=", w).group(1)
                                                   for w in lay.displays.result_where}
            yield lay, _names_written(row, names), _names_written(" ".join(lay.displays.result), names)


@pytest.mark.parametrize("problem", ["cookbook-det-xtax-square", "cookbook-trace-quartic", "cookbook-det-xtax-symmetric",
                                     "cookbook-trace-inv-xtcx-a", "cookbook-trace-gram-ratio", "ml-logistic-regression"])
def test_the_row_before_the_result_and_the_result_write_one_name_for_one_thing(views, problem):
    # review s40 P2: det-xtax-square's row kept U_2 (= X^T A X) under a Result that writes X^T A X; trace-quartic's kept
    # U_2 = B^T X^T C; trace-inv-xtcx-a's row over M = (X^T C X)^{-1} above a Result that wrote it out twice
    seen = list(_one_name_for_one_thing(views[problem]))
    assert len(seen) == 2       # a row before the Result in each layout
    for lay, row, result in seen:
        assert row == result, (lay.layout, row, result)


def test_a_name_met_once_in_the_result_is_put_back_in_the_row(views):
    # det-xtax-square: X^T A X stands once in 2 det(X^T A X) X^{-1}: the row writes it out, as the Result does
    for lay in views["cookbook-det-xtax-square"].results[0].layouts:
        row = " ".join(lay.displays.put_back)
        assert r"\det\mathopen{}\left(X^{\top} A X\right)" in row and "U_{2}" not in row, row
        assert not lay.displays.put_back_where and not lay.put_back_label


def test_a_steps_name_the_row_writes_three_times_is_kept_there_and_in_the_result(views):
    # logistic regression: the row wrote sigma(X w) three times over two phone lines; the steps' p = sigma(a) reads
    # p - p o y - (1 - p) o y, and the Result takes p with it (one name for one thing)
    for lay in views["ml-logistic-regression"].results[0].layouts:
        row, result = " ".join(lay.displays.put_back), " ".join(lay.displays.result)
        assert r"\sigma" not in row and len(re.findall(re.escape(r"\mathbf{p}"), row)) == 3, row
        assert r"\mathbf{p} - \mathbf{y}" in result and r"\sigma" not in result, result
        assert lay.displays.put_back_where[-1] == r"\mathbf{p} &= \sigma\mathopen{}\left(\mathbf{a}\right)"
    # a page's own letter is not: det-xtax-square's row writes X^T A X three times, the Result once (above)


def test_a_name_that_stands_twice_in_the_result_is_kept_there(views):
    # trace-inv-xtcx-a: P = (X^T C X)^{-1}, in the row before C^T = C, stands twice in the Result: -P (A + A^T) P X^T C
    # (P: M and N are left out beside the sizes m and n)
    for lay in views["cookbook-trace-inv-xtcx-a"].results[0].layouts:
        assert lay.displays.put_back_where == (r"P = \left(X^{\top} C X\right)^{-1}",)
        assert len(re.findall(r"P(?![a-z])", " ".join(lay.displays.result))) == 2, lay.displays.result
        assert lay.where == lay.put_back_where or not lay.put_back_where
    # and the "Since ..." note between them says P^T = P where the row writes P^T
    lay = views["cookbook-trace-inv-xtcx-a"].results[0].layout(Layout.NUMERATOR)
    assert r"P^{\top} = P" in (lay.displays.assumed_identity or lay.assumed_identity), lay.assumed_identity


def test_a_row_puts_back_the_set_up_names_the_result_does_not_write(views):
    # neuron-loss: the product over v, the Result over z and u (v = y - u, with the sign taken out): the row
    # between them puts v back and keeps z and u, and says which it put back
    for r in views["neuron-loss"].results:
        for lay in r.layouts:
            row = " ".join(lay.displays.put_back)
            assert r"\mathbf{y} - \mathbf{u}" in row and r"\mathbf{z}" in row, row
            assert lay.put_back_label == r"$\mathbf{v}$"


def test_a_result_in_the_function_s_own_name_follows_its_intermediates_put_back(views):
    # softmax's Jacobian: diag(e)/t - e e^T / t^2, then e and t put back, then diag(s) - s s^T
    for lay in views["ml-softmax-jacobian"].results[0].layouts:
        assert lay.put_back and r"\exp" in lay.put_back and not lay.put_back_label


def test_the_label_never_names_the_function_s_own_value(views):
    # det-xtax-square's product f (U_2^-1 U_1 + ...) by Jacobi's formula: its row writes det(U_2) for f, which is
    # the function's value, not an intermediate put back (review s40 P2-4: "U_1, f put back")
    for lay in views["cookbook-det-xtax-square"].results[0].layouts:
        assert lay.put_back and "f" not in re.findall(r"\$([^$]*)\$", lay.put_back_label), lay.put_back_label


def test_the_label_names_what_the_row_put_back_only_where_it_keeps_others():
    u, v, z = (E.var(n, Shape(3, 1)) for n in "uvz")
    latex = McLatexPrinter({"u": r"\mathbf{u}", "v": r"\mathbf{v}", "z": r"\mathbf{z}"}, "f").doprint
    product = E.add(u, v)
    assert PB.put_back_label(product, E.add(u, z), [u, v], latex) == r"$\mathbf{v}$"
    assert PB.put_back_label(product, E.add(z, z), [u, v], latex) == ""      # every one put back


def test_the_result_takes_a_row_s_name_only_where_it_pays_there():
    # M = X^T A X: the row det(M) (M^-1 X^T A + M^-T X^T A^T) writes it three times; a Result that writes it twice
    # takes it (2 det(M) M^-1 X^T A), one that writes it once does not (2 det(X^T A X) X^-1): the row puts it back
    X, A2 = E.var("X", Shape(3, 3)), E.var("A", Shape(3, 3))
    part = E.matmul(E.matmul(T(X), A2), X)
    m = E.var("M", part.shape)
    naming = N.Naming((N.Name(m, part),), ((part, m),))
    xta = E.matmul(T(X), A2)
    row = E.mul(E.det(part), E.add(E.matmul(E.inv(part), xta), E.matmul(E.inv(T(part)), T(xta))))
    named = naming.apply(row)
    latex = McLatexPrinter({}, "f").doprint
    twice = E.mul(E.num(2), E.mul(E.det(part), E.matmul(E.inv(part), xta)))
    once = E.mul(E.num(2), E.mul(E.det(part), E.inv(X)))
    assert PB.shared_names(twice, twice, [(row, named)], naming, latex) == {"M"}
    assert PB.shared_names(once, once, [(row, named)], naming, latex) == frozenset()
    assert PB.written_with(row, named, naming, frozenset()) == row       # written out, as the Result
    assert PB.written_with(row, named, naming, {"M"}) == named
