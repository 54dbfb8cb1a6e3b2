"""mcdocgen.present.cheatsheet: what a row of the cheat sheet says of a problem's assumptions."""

from types import SimpleNamespace

from mcdocgen.present.cheatsheet import assumptions_latex
from mcdocgen.present.facts import AND_TEX


def _view(**assume):
    return SimpleNamespace(variables=tuple(SimpleNamespace(latex=name, assume=tuple(a)) for name, a in assume.items()))


def test_the_variables_of_one_assumption_are_named_together():
    # review s42: the row of det(A X B) said "A invertible, X invertible, B invertible"
    assert assumptions_latex(_view(A=["invertible"], X=["invertible"], B=["invertible"])) \
        == rf"A, X{AND_TEX}B \text{{ invertible}}"


def test_the_assumptions_of_the_same_variables_are_joined_and_others_kept_apart():
    view = _view(X=["invertible"], S=["symmetric", "positive_definite"], T=["symmetric"], y=[])
    assert assumptions_latex(view) == (r"X \text{ invertible}, S" + AND_TEX + r"T \text{ symmetric}, "
                                       r"S \text{ positive definite}")
    assert assumptions_latex(_view(S=["symmetric", "positive_definite"])) == r"S \text{ symmetric and positive definite}"
    assert assumptions_latex(_view(x=[])) == ""
