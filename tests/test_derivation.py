"""What a derivation is: its deferred forms print, compare and pickle as the plain fields they stand for."""

import pickle
import re

from problem_factory import make_problem
from mcdocgen.engine.derive import derive


def derived(expression, variables, wrt):
    return derive(make_problem(expression, variables, [wrt]), wrt)


def test_make_forms_makes_every_deferred_form():
    d = derived("exp(A @ x) + x", {"A": ["n", "n"], "x": ["n"]}, "x")
    held = [loc.shown for loc in d.locals] + [a.shown for a in d.accumulations] + [d.unsimplified]
    assert held and not any(h.is_made for h in held)
    d.make_forms()
    assert all(h.is_made for h in held)


def test_the_repr_names_the_plain_fields_in_their_old_order():
    d = derived("sum(W * (X @ B))", {"W": ["m", "p"], "X": ["m", "n"], "B": ["n", "p"]}, "X")
    text = repr(d)
    assert "shown=" not in text and "unsimplified=" not in text
    names = re.findall(r"\b(removed|put_back|not_derived|kink|numerator|denominator|forms)=", text)
    assert names[-3:] == ["removed", "put_back", "not_derived"]
    assert "kink numerator denominator forms" in " ".join(names)


def test_a_pickled_derivation_is_equal_and_prints_the_same():
    d = derived("log(1 + exp(dot(w, x)))", {"w": ["n"], "x": ["n"]}, "w")
    back = pickle.loads(pickle.dumps(d))
    assert back == d and repr(back) == repr(d) and back.locals[0].shown.is_made
