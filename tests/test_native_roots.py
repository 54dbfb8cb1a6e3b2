"""Monomials holding roots of sums (native_roots.py): on random products and quotients of roots of sums, atoms and
numbers, the native form is SymPy's route's answer, and where a sum under a root has content, a common factor or
may factor, or two roots stand on one side of the line, the native route declines."""

import pytest
from hypothesis import example, given, settings, strategies as st

from rewrite_support import assert_native_gives_sympys_answer, native_share, parse
from mcdocgen.engine.monomial import NotMonomial
from mcdocgen.engine.native_roots import root_forms

_SUMS = ("norm(x - y)**2 + 1", "norm(x)**2 + 1", "mean((x - mean(x))**2) + c", "c**2 + 1", "1 - c", "c + d",
         "d**2 + c", "tr(A) + dot(x, y)", "c - d", "2 * c + 1", "1 + norm(y)**2 / 2", "2 * c + 2 * d", "c * d + c",
         "c**2 - d**2", "-c - d", "c**2 + 2 * c * d + d**2", "sqrt(c) + 1")
_ATOMS = ("c", "d", "x", "y", "tr(A)", "dot(x, y)", "norm(x - y)", "mean(x)", "tanh(d)", "log(c)", "sqrt(c)", "exp(d)",
          "2", "3", "1/2", "-1", "tr(B)")


def _monomials():
    root = st.tuples(st.sampled_from(_SUMS), st.sampled_from(("0.5", "-0.5", "1.5", "-1.5", "sqrt"))).map(
        lambda t: f"sqrt({t[0]})" if t[1] == "sqrt" else f"({t[0]})**{t[1]}")
    leaf = st.one_of(root, root, st.sampled_from(_ATOMS))

    def grow(inner):
        return st.one_of(
            st.tuples(inner, inner).map("({0[0]}) * ({0[1]})".format),
            st.tuples(inner, inner).map("({0[0]}) / ({0[1]})".format),
            inner.map("-({})".format),
            st.tuples(inner, st.sampled_from(("2", "-1", "3"))).map("({0[0]})**{0[1]}".format),
        )
    return st.recursive(leaf, grow, max_leaves=5)


@native_share(0.25)
@settings(max_examples=400)
@given(_monomials())
@example("1 / sqrt(norm(x - y)**2 + 1) / (1 / sqrt(norm(x)**2 + 1))")
@example("tr(B) * (mean((x - mean(x))**2) + c)**1.5")
@example("(mean(x) - c) / (tr(B) * (mean((x - mean(x))**2) + c)**1.5)")
@example("c / sqrt(d + c**2)")
def test_monomials_with_roots_of_sums_get_sympys_answer(text):
    assert_native_gives_sympys_answer(text, root_forms)


@pytest.mark.parametrize("text", [
    "sqrt(2 * c + 2 * d)",              # content: sqrt(2) sqrt(c + d)
    "sqrt(c * d + c)",                  # a common generator
    "sqrt(c**2 - d**2)",                # may factor
    "sqrt(c + 1) * sqrt(d + 1)",        # two roots above the line: their order is the sums' terms'
    "(c + 1)**0.5 * (c + 1)**0.5",  # a whole power of a sum
    "sqrt(c + 1) + c",                  # a root in a sum
    "(d + 1) * sqrt(c + 1)",            # a root beside a sum
    "c * d",                            # no root of a sum
])
def test_what_is_not_known_here_is_declined(text):
    with pytest.raises(NotMonomial):
        root_forms(parse(text))
