"""Deferred values: made on first read, once; compared, hashed, printed and pickled as the value."""

import pickle
from dataclasses import dataclass, field

from mcdocgen.engine.deferred import SHOWS, Deferred, made, shown_repr


def counted(value):
    calls = []

    def make():
        calls.append(1)
        return value
    return Deferred(make), calls


def test_a_value_is_made_when_first_read_and_once():
    d, calls = counted((1, 2))
    assert not d.is_made and calls == []
    assert d.value == (1, 2) and d.value == (1, 2)
    assert d.is_made and calls == [1]


def test_a_value_made_from_another_makes_that_one_once():
    d, calls = counted((1, 2))
    swapped = d.then(lambda p: (p[1], p[0]))
    assert swapped.value == (2, 1) and d.value == (1, 2) and swapped.then(lambda p: p[0]).value == 2
    assert calls == [1]


def test_equality_hash_and_repr_are_the_values():
    a, b, c = counted((1, 2))[0], counted((1, 2))[0], counted((1, 3))[0]
    assert a == b and a != c and hash(a) == hash((1, 2)) and repr(a) == "(1, 2)"
    assert made(None).value is None and made(None).is_made and made(4) == counted(4)[0]
    assert (a == (1, 2)) is False   # a deferred value is not its value: fields compare deferred with deferred


def test_a_pickle_carries_the_value_not_how_to_make_it():
    d, calls = counted([3, 4])   # a local function: it does not pickle
    back = pickle.loads(pickle.dumps(d))
    assert back.is_made and back.value == [3, 4] and calls == [1]


@dataclass(frozen=True, slots=True, repr=False)
class Shown:
    name: str
    both: Deferred[tuple[int, int]] = field(metadata={SHOWS: ("left", "right")})
    one: Deferred[str] | None = field(default=None, metadata={SHOWS: ("single",)})
    after: int = 0

    __repr__ = shown_repr


@dataclass(frozen=True, slots=True)
class Plain:
    name: str
    left: int
    right: int
    single: str | None = None
    after: int = 0


def test_a_dataclass_prints_its_deferred_fields_as_the_plain_fields_they_stand_for():
    assert repr(Shown("a", counted((1, 2))[0], counted("s")[0], 5)) == repr(Plain("a", 1, 2, "s", 5)).replace("Plain", "Shown")
    assert repr(Shown("b", made((3, 4)))) == repr(Plain("b", 3, 4)).replace("Plain", "Shown")
    assert Shown("a", counted((1, 2))[0]) == Shown("a", made((1, 2))) != Shown("a", made((2, 1)))
